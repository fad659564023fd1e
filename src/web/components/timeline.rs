//! The log: every trace event, newest last, filterable by device, topic and kind; only the
//! visible rows are in the page (virtualized); export as CSV or JSON.

use leptos::prelude::*;

use crate::core::codec::PacketType;
use crate::core::trace::TraceKind;
use crate::i18n::describe::{describe, kind_label, to_csv, to_json, Line};
use crate::i18n::{Lang, Msg, Text};
use crate::web::components::scroller::Scroller;
use crate::web::files::download;
use crate::web::state::{Ctx, Part, Sim};

const ROW: f64 = 38.0;
const VIEW_ROWS: usize = 11;

/// The filters.
#[derive(Clone, Default, PartialEq)]
struct Filter {
    who: String,
    topic: String,
    kind: String,
    packet: String,
}

/// The MQTT packet an event carries, if any.
fn packet_of(kind: &TraceKind) -> Option<PacketType> {
    match kind {
        TraceKind::PacketIn { packet, .. } | TraceKind::PacketOut { packet, .. } => Some(*packet),
        TraceKind::Transmitted { packet, .. } => *packet,
        _ => None,
    }
}

fn matching(sim: &Sim, f: &Filter, lang: Lang) -> Vec<(usize, Line)> {
    let who = f.who.to_lowercase();
    let topic = f.topic.to_lowercase();
    sim.seen
        .log
        .iter()
        .enumerate()
        .filter(|(_, e)| f.kind.is_empty() || e.kind.name() == f.kind)
        .filter(|(_, e)| {
            f.packet.is_empty() || packet_of(&e.kind).is_some_and(|p| p.name() == f.packet)
        })
        .filter_map(|(i, e)| {
            if who.is_empty() && topic.is_empty() {
                return Some((i, Line::default()));
            }
            let l = describe(e, lang);
            (l.who.to_lowercase().contains(&who) && l.topic.to_lowercase().contains(&topic))
                .then_some((i, l))
        })
        .collect()
}

/// The log view.
#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let filter = RwSignal::new(Filter::default());
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let l = lang.get();
        ctx.read(Part::Log, |s| matching(s, &f, l))
    });
    let scroller = Scroller::new(ROW, VIEW_ROWS, move || rows.with(Vec::len));
    let visible = move || {
        let all = rows.get();
        let total = all.len();
        let first = scroller.first(total);
        let l = lang.get();
        ctx.read(Part::Log, |s| {
            all[first..total.min(first + VIEW_ROWS + 2)]
                .iter()
                .filter_map(|(i, line)| {
                    let e = s.seen.log.get(*i)?;
                    let line = if line.text.is_empty() {
                        describe(e, l)
                    } else {
                        line.clone()
                    };
                    Some((e.seq, e.at.to_string(), e.kind.name(), line, first))
                })
                .enumerate()
                .map(|(k, (seq, at, kind, line, first))| (seq, at, kind, line, first + k))
                .collect::<Vec<_>>()
        })
    };
    let export = move |json: bool| {
        let f = filter.get_untracked();
        let l = lang.get_untracked();
        ctx.sim.with_value(|s| {
            let picked: Vec<_> = matching(s, &f, l)
                .into_iter()
                .filter_map(|(i, _)| s.seen.log.get(i))
                .cloned()
                .collect();
            if json {
                download(
                    "mqtt-playground-log.json",
                    "application/json",
                    &to_json(picked.iter(), l),
                );
            } else {
                download(
                    "mqtt-playground-log.csv",
                    "text/csv",
                    &to_csv(picked.iter(), l),
                );
            }
        });
    };
    view! {
        // Messages are picked here: reaching the log fetches the journey's code if needed.
        <section class="timeline panel" data-testid="timeline" aria-labelledby="timeline-title"
            on:pointerenter=move |_| crate::web::components::journey::JOURNEY.prefetch()
            on:focusin=move |_| crate::web::components::journey::JOURNEY.prefetch()>
            <h2 id="timeline-title">{move || lang.get().t(Text::Timeline)}</h2>
            <div class="row filters">
                <label>{move || lang.get().t(Text::FilterDevice)}
                    <input data-testid="log-who" on:input=move |ev| filter.update(|f| f.who = event_target_value(&ev))/></label>
                <label>{move || lang.get().t(Text::FilterTopic)}
                    <input data-testid="log-topic" on:input=move |ev| filter.update(|f| f.topic = event_target_value(&ev))/></label>
                <label>{move || lang.get().t(Text::FilterKind)}
                    <select data-testid="log-kind" on:change=move |ev| filter.update(|f| f.kind = event_target_value(&ev))>
                        <option value="">{move || lang.get().t(Text::AnyKind)}</option>
                        {TraceKind::NAMES.iter().map(|n| view! { <option value=*n>{move || lang.get().t(kind_label(n))}</option> }).collect_view()}
                    </select></label>
                <label>{move || lang.get().t(Text::FilterPacket)}
                    <select data-testid="log-packet" on:change=move |ev| filter.update(|f| f.packet = event_target_value(&ev))>
                        <option value="">{move || lang.get().t(Text::AnyKind)}</option>
                        {(1..=15u8).filter_map(PacketType::from_u8).map(|p| view! { <option value=p.name()>{p.name()}</option> }).collect_view()}
                    </select></label>
            </div>
            <div class="row">
                <span data-testid="log-count">{move || rows.get().len()}" "{move || lang.get().t(Text::EventsShown)}</span>
                <button type="button" class="small secondary" data-testid="export-csv" on:click=move |_| export(false)>{move || lang.get().t(Text::ExportCsv)}</button>
                <button type="button" class="small secondary" data-testid="export-json" on:click=move |_| export(true)>{move || lang.get().t(Text::ExportJson)}</button>
            </div>
            <div class="log-viewport" tabindex="0" on:scroll=move |ev| scroller.on_scroll(ev) node_ref=scroller.viewport>
                <div class="log-spacer" style:height=move || format!("{}px", rows.get().len() * ROW as usize)>
                    {move || visible().into_iter().map(|(seq, at, kind, line, row)| {
                        let msg = line.msg;
                        view! {
                            <div class="log-row" class:has-msg=msg.is_some() data-testid="log-row" data-kind=kind
                                style:top=format!("{}px", row * ROW as usize)
                                on:click=move |_| if msg.is_some() { ctx.selected.set(msg) }>
                                <span class="t" translate="no">{at}</span>
                                {msg.map(|m| view! { <button type="button" class="link" data-testid="log-journey" aria-label=move || Msg::JourneyLink(m.0).render(lang.get()) on:click=move |_| ctx.selected.set(Some(m))>"#"{m.0}</button> })}
                                <span class="k">{move || lang.get().t(kind_label(kind))}</span>
                                <span class="x" title=line.text.clone()>{line.text.clone()}</span>
                                <span hidden>{seq}</span>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </div>
        </section>
    }
}

crate::web::lazy::split_part!(
    /// The log tab (the default view: fetched at once, after the page is up), with the
    /// sentences that describe each event and the exports.
    TIMELINE: timeline, fetch_timeline,
    fn timeline_view() {
        view! { <Timeline/> }.into_any()
    }
);

/// The log tab.
pub fn timeline() -> impl IntoView {
    crate::web::lazy::deferred(&TIMELINE, || crate::web::lazy::ready(timeline_view()))
}
