//! The message journey: the PUBLISH bytes dissected (hover a field or a byte to see both),
//! the filters the broker tried with their level-by-level explanation, what happened for
//! each subscriber, and a sequence diagram that can be saved as SVG.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::codec::{PacketType, ReasonCode, Version};
use crate::core::journey::Journey;
use crate::core::trace::MsgId;
use crate::i18n::{Lang, Msg, Text};
use crate::web::components::coach::story_lines;
use crate::web::components::inspector::{PacketBytes, Verdict};
use crate::web::files::download;
use crate::web::state::{Ctx, Part};

/// The journey panel.
#[component]
pub fn JourneyPanel() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    // Gathering and showing a journey is code of the journey's part (fetched on first use).
    view! {
        <section class="journey panel" data-testid="journey" aria-labelledby="journey-title">
            <h2 id="journey-title">{move || lang.get().t(Text::Journey)}</h2>
            {move || match ctx.selected.get() {
                None => empty(lang).into_any(),
                Some(msg) => journey(msg).into_any(),
            }}
        </section>
    }
}

/// No message picked, or one no longer in the log.
fn empty(lang: ReadSignal<Lang>) -> impl IntoView {
    view! { <p class="muted" data-testid="journey-empty">{move || lang.get().t(Text::JourneyEmpty)}</p> }
}

/// The journey of message `msg`, gathered from the log as it grows.
#[component]
pub fn JourneyOf(msg: MsgId) -> impl IntoView {
    let ctx = Ctx::get();
    let journey = Memo::new(move |_| {
        ctx.read(Part::Log, |s| {
            let j = Journey::gather(s.seen.log.iter(), msg)?;
            let acl = s.run.world().broker().config().acl.is_some();
            let version = j
                .from
                .as_deref()
                .and_then(|c| s.run.world().broker().session(c))
                .map_or(Version::V311, |x| x.version);
            Some((j, version, acl))
        })
    });
    // Once drawn, the journey comes into sight (it may sit below the fold): on a wide screen
    // its column scrolls (it is the offset parent there), so the page keeps still; elsewhere
    // the page scrolls to it.
    Effect::new(move |_| {
        request_animation_frame(|| {
            let Some(el) = (document()
                .query_selector("[data-testid=journey]")
                .ok()
                .flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
                return;
            };
            let column = (el.closest(".col-c").ok().flatten())
                .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|c| c.scroll_height() > c.client_height());
            match column {
                Some(c) => c.set_scroll_top(el.offset_top()),
                None => el.scroll_into_view(),
            }
        });
    });
    move || match journey.get() {
        None => empty(ctx.lang).into_any(),
        Some((j, version, acl)) => view! { <JourneyView j=j version=version acl=acl/> }.into_any(),
    }
}

/// A message's journey in full (fetched on first use: see `web::lazy`).
#[component]
pub fn JourneyView(j: Journey, version: Version, acl: bool) -> impl IntoView {
    let lang = Ctx::get().lang;
    let (reach_n, reach_m) = j.reach();
    let topic = j.topic.clone();
    let from = j.from.as_deref().map(str::to_string);
    let refused = j.refused;
    // Every acknowledgement or DISCONNECT that carried a reason code, explained.
    let coded: Vec<(String, PacketType, ReasonCode)> = j
        .hops
        .iter()
        .filter_map(|h| h.code.map(|c| (h.client.to_string(), h.packet, c)))
        .collect();
    view! {
        <p data-testid="journey-summary">
            <strong translate="no">"#"{j.msg.0}</strong>" "
            {match from { Some(f) => view! { <span translate="no">{f}</span> }.into_any(), None => view! { <span>{move || lang.get().t(Text::Broker)}</span> }.into_any() }}
            " → "<code translate="no">{topic.as_str().to_string()}</code>
            {let (qos, retain) = (j.qos.as_u8(), j.retain); move || Msg::MessageMeta { qos, retain }.render(lang.get())}
            <span translate="no">{format!(" · {}", j.at)}</span>
        </p>
        {refused.then(|| view! {
            <p class="field-error" data-testid="journey-refused">{move || lang.get().t(Text::JourneyRefused)}</p>
        })}
        // First the story, told with this run's packets; then the details and the bytes.
        <h3 class:hidden=refused>{move || lang.get().t(crate::i18n::coach::CoachText::StoryTitle)}</h3>
        <ol class="story" data-testid="journey-story" class:hidden=refused>
            {story_lines(&j, version).into_iter().map(|line| view! { <li>{move || line.told(lang.get())}</li> }).collect_view()}
        </ol>
        <p class="reach" data-testid="journey-reach" class:hidden=refused>{move || Msg::DeliveredOf { delivered: reach_n, matched: reach_m }.render(lang.get())}</p>
        {j.from.as_ref().filter(|_| !refused).map(|c| {
            let who = c.to_string();
            let login = j.login.clone().flatten();
            view! {
                <p data-testid="journey-auth"><strong>{move || lang.get().t(Text::AuthDecision)}": "</strong>
                {move || Msg::Login { client: &who, user: login.as_deref(), acl }.render(lang.get())}</p>
            }
        })}
        {(!coded.is_empty()).then(|| view! {
            <h3>{move || lang.get().t(Text::ReasonCodes)}</h3>
            <ul class="codes" data-testid="journey-codes">
                {coded.into_iter().map(|(client, packet, code)| {
                    let line = move || {
                        let (name, meaning) = code.told(packet, Version::V5, lang.get());
                        format!("{packet} 0x{:02X} {name}: {meaning}", code.0)
                    };
                    view! { <li><strong translate="no">{client}</strong>" · "{line}</li> }
                }).collect_view()}
            </ul>
        })}
        <h3 class:hidden=refused || j.trials.is_empty()>{move || lang.get().t(Text::FiltersTried)}</h3>
        <div class="wide-table" class:hidden=refused || j.trials.is_empty()><table class="filters-tried" data-testid="journey-filters">
            <thead><tr>
                <th scope="col">{move || lang.get().t(Text::Subscriber)}</th>
                <th scope="col">{move || lang.get().t(Text::FilterField)}</th>
                <th scope="col">{move || lang.get().t(Text::Result)}</th>
            </tr></thead>
            <tbody>
            {j.trials.iter().map(|t| {
                let matched = t.matched;
                view! {
                    <tr class=if matched { "match" } else { "nomatch" } data-testid="journey-filter-row">
                        <td translate="no">{t.client.to_string()}</td>
                        <td><code translate="no">{t.filter.as_str().to_string()}</code></td>
                        <td><Verdict filter=t.filter.clone() topic=j.topic.clone()/></td>
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table></div>
        <Sequence j=j.clone()/>
        {j.bytes.clone().map(|bytes| view! {
            <h3>{move || lang.get().t(Text::PacketBytes)}</h3>
            <div class="wide-table"><PacketBytes bytes=bytes version=version testid="journey"/></div>
        })}
    }
}

/// The sequence diagram: publisher, broker, subscribers as lifelines; one arrow per packet.
#[component]
fn Sequence(j: Journey) -> impl IntoView {
    let lang = Ctx::get().lang;
    // The lifelines: clients by name, the broker as `None`.
    let mut lanes: Vec<Option<String>> = Vec::new();
    if let Some(f) = &j.from {
        lanes.push(Some(f.to_string()));
    }
    lanes.push(None);
    for h in &j.hops {
        if !lanes.iter().any(|l| l.as_deref() == Some(&*h.client)) {
            lanes.push(Some(h.client.to_string()));
        }
    }
    // Whole SVG units: no float printer in the download.
    let x = |name: Option<&str>| {
        70 + 140 * lanes.iter().position(|l| l.as_deref() == name).unwrap_or(0)
    };
    let broker_x = x(None);
    let width = 140 * lanes.len();
    let height = 60 + 28 * j.hops.len();
    let arrows: Vec<_> = j
        .hops
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let cx = x(Some(&h.client));
            let (x1, x2) = if h.to_broker {
                (cx, broker_x)
            } else {
                (broker_x, cx)
            };
            let y = 50 + 28 * i;
            (x1, x2, y, format!("{} {}", h.packet, h.at))
        })
        .collect();
    let node = NodeRef::<leptos::svg::Svg>::new();
    let export = move |_| {
        if let Some(svg) = node.get_untracked() {
            let el: &web_sys::Element = svg.unchecked_ref();
            let text = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
                el.outer_html()
            );
            download("mqtt-journey.svg", "image/svg+xml", &text);
        }
    };
    view! {
        <div class="sequence">
            <button type="button" class="small secondary" data-testid="export-svg" on:click=export>{move || lang.get().t(Text::ExportSvg)}</button>
            <svg node_ref=node xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {width} {height}") data-testid="journey-sequence"
                font-family="system-ui, sans-serif" font-size="11">
                <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>
                {lanes.iter().map(|l| { let lx = x(l.as_deref()); let name = l.clone(); let data = l.is_some().then_some("no"); view! {
                    <g><text x=lx y="16" text-anchor="middle" font-weight="bold" fill="currentColor" translate=data>
                        {move || name.clone().unwrap_or_else(|| lang.get().t(Text::Broker).to_string())}</text>
                    <line x1=lx y1="24" x2=lx y2=height stroke="currentColor" stroke-dasharray="4 4" opacity="0.5"/></g>
                } }).collect_view()}
                {arrows.into_iter().map(|(x1, x2, y, label)| view! {
                    <g><line x1=x1 y1=y x2=x2 y2=y stroke="currentColor" marker-end="url(#arrow)"/>
                    <text x=(x1 + x2) / 2 y=y - 4 text-anchor="middle" fill="currentColor" translate="no">{label}</text></g>
                }).collect_view()}
            </svg>
        </div>
    }
}

crate::web::lazy::split_part!(
    /// A message's journey (shown once a message is picked).
    JOURNEY: journey, fetch_journey,
    fn journey_view(msg: MsgId) {
        view! { <JourneyOf msg=msg/> }.into_any()
    }
);

/// A message's journey.
pub fn journey(msg: MsgId) -> impl IntoView {
    crate::web::lazy::deferred(&JOURNEY, move || crate::web::lazy::ready(journey_view(msg)))
}
