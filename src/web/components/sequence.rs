//! The live sequence diagram: one lane for the broker and one per client, one arrow per packet
//! on a link (a lost one stops half way), newest at the bottom and followed until the reader
//! scrolls up; only the rows in sight are drawn. An arrow that carries a message opens its
//! journey (click or Enter).

use leptos::prelude::*;

use crate::core::numbers::Fixed;
use crate::core::sequence::Arrow;
use crate::i18n::{Msg, Text};
use crate::page::stage::{kind_class, packet_label};
use crate::web::components::scroller::Scroller;
use crate::web::state::{Ctx, Part};

/// Row height in pixels.
const ROW: f64 = 26.0;
/// Rows in sight.
const VIEW_ROWS: usize = 15;
/// The most client lanes the header names: past them a name would be a few pixels wide, so
/// the header says how many clients there are and each arrow carries its client's name.
const NAMED_LANES: usize = 16;

/// The sequence diagram.
#[component]
pub fn SequenceView() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let lanes = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            s.clients().map(|c| c.name.clone()).collect::<Vec<_>>()
        })
    });
    // One count for the spacer, the rows drawn and the scroller (the run moves on between
    // their updates: each reading it alone let the rows outgrow the spacer).
    let total = Memo::new(move |_| ctx.read(Part::Sequence, |s| s.seen.sequence.arrows().len()));
    let total = move || total.get();
    let scroller = Scroller::new(ROW, VIEW_ROWS, total);
    // Lane 0 is the broker; lane i + 1 the i-th client. Positions in percent of the track.
    let many = Memo::new(move |_| lanes.with(Vec::len) > NAMED_LANES);
    let x = move |lane: usize| {
        let n = lanes.with(Vec::len) + 1;
        (lane as f64 + 0.5) * 100.0 / n as f64
    };
    // The header's names, where each is written and how wide (the broker alone when the lanes
    // are too many to name: the line under says how many). A memo: the header's view reading
    // the lanes itself was seen to keep the broker alone when a lesson's lanes came in.
    let heads = Memo::new(move |_| {
        let l = lang.get();
        let named = if many.get() { 0 } else { usize::MAX };
        let n = lanes.with(Vec::len);
        // Two lanes less a gap: neighbours cut short never run into each other.
        let width = format!(
            "min(8rem, calc({}% - 0.5rem))",
            Fixed(200.0 / (n + 1) as f64, 2)
        );
        std::iter::once(l.t(Text::Broker).to_string())
            .chain(lanes.get().into_iter().take(named))
            .enumerate()
            .map(|(i, name)| (name, format!("{}%", Fixed(x(i), 2)), width.clone()))
            .collect::<Vec<_>>()
    });
    let visible = move || {
        ctx.read(Part::Sequence, |s| {
            let arrows = s.seen.sequence.arrows();
            let shown = total().min(arrows.len());
            let first = scroller.first(shown);
            let end = shown.min(first + VIEW_ROWS + 2);
            arrows
                .range(first..end)
                .enumerate()
                .map(|(k, a)| (first + k, a.clone()))
                .collect::<Vec<_>>()
        })
    };
    let row = move |(i, a): (usize, Arrow)| {
        let l = lang.get();
        let lane = lanes
            .with(|ls| ls.iter().position(|n| **n == *a.device))
            .map_or(0, |p| p + 1);
        let (device, broker) = (x(lane), x(0));
        let lost = a.arrives.is_none();
        // A lost packet is drawn half way, from where it left.
        let (from, to) = if a.to_broker {
            (device, broker)
        } else {
            (broker, device)
        };
        let to = if lost { (from + to) / 2.0 } else { to };
        let (left, width) = (from.min(to), (from - to).abs());
        let broker_name = l.t(Text::Broker);
        let (who_from, who_to) = if a.to_broker {
            (&*a.device, broker_name)
        } else {
            (broker_name, &*a.device)
        };
        let name = packet_label(a.packet, a.qos);
        let at = a.at.to_string();
        let shown = match (many.get(), lost) {
            (true, true) => format!("✕ {} · {name}", a.device),
            (true, false) => format!("{} · {name}", a.device),
            (false, true) => format!("✕ {name}"),
            (false, false) => name.clone(),
        };
        let said = Msg::Arrow {
            label: &name,
            from: who_from,
            to: who_to,
            at: &at,
            lost,
        }
        .render(l);
        // What is written on it starts what is said of it (a label's words are in its name).
        let said = if many.get() {
            format!("{shown}: {said}")
        } else {
            said
        };
        // A short arrow (many lanes, a narrow screen) has its label start at the broker's
        // line, over the lanes beside it, not over the times.
        let class = format!(
            "arrow {} {}{}{}",
            a.packet.map_or("tls", kind_class),
            if from < to { "right" } else { "left" },
            if lost { " lost" } else { "" },
            if width < 40.0 { " short" } else { "" }
        );
        let style = format!("left:{}%;width:{}%", Fixed(left, 2), Fixed(width, 2));
        let body = view! { <span class="arrow-label" translate="no">{shown}</span> };
        let arrow = match a.msg {
            Some(m) => view! {
                <button type="button" class=class style=style aria-label=said.clone() title=said data-testid="seq-arrow"
                    data-msg=m.0 on:click=move |_| ctx.selected.set(Some(m))>{body}</button>
            }
            .into_any(),
            None => view! { <div class=class style=style role="img" aria-label=said.clone() title=said data-testid="seq-arrow">{body}</div> }.into_any(),
        };
        view! {
            <div class="seq-row" style:top=format!("{}px", i * ROW as usize) data-seq=a.seq>
                <span class="t" translate="no">{at}</span>
                <div class="seq-track">{arrow}</div>
            </div>
        }
    };
    view! {
        <section class="sequence panel" data-testid="sequence" aria-labelledby="sequence-title"
            on:pointerenter=move |_| crate::web::components::journey::JOURNEY.prefetch()
            on:focusin=move |_| crate::web::components::journey::JOURNEY.prefetch()>
            <h2 id="sequence-title">{move || lang.get().t(Text::SequenceTitle)}</h2>
            <p class="hint">{move || lang.get().t(Text::SequenceHint)}</p>
            <div class="seq-head" aria-hidden="true">
                <div class="seq-track">
                    {move || heads.get().into_iter().enumerate()
                        // Names on two staggered lines, each as wide as two lanes, so
                        // neighbours never overlap and most names fit whole; a name still
                        // cut shows whole on hover (its title).
                        .map(|(i, (name, left, width))| { let full = name.clone(); view! { <span title=full class="lane-name" class:broker=i == 0 class:low=i % 2 == 1 translate=(i > 0).then_some("no") style:left=left
                            style:max-width=width>{name}</span> } })
                        .collect_view()}
                    {move || many.get().then(|| view! {
                        <span class="lane-count muted" data-testid="seq-lane-count">{Msg::ManyLanes(lanes.with(Vec::len)).render(lang.get())}</span>
                    })}
                </div>
            </div>
            <div class="seq-viewport" tabindex="0" role="region" aria-label=move || lang.get().t(Text::SequenceArrows)
                on:scroll=move |ev| scroller.on_scroll(ev) node_ref=scroller.viewport>
                <div class="seq-spacer" style:height=move || format!("{}px", total() * ROW as usize)>
                    <div class="seq-track lanes" aria-hidden="true">
                        {move || (0..=lanes.with(Vec::len)).map(|i| view! { <span class="lane-line" class:broker=i == 0 style:left=format!("{}%", Fixed(x(i), 2))></span> }).collect_view()}
                    </div>
                    {move || visible().into_iter().map(row).collect_view()}
                </div>
            </div>
        </section>
    }
}

/// The sequence diagram.
pub fn sequence() -> impl IntoView {
    view! { <SequenceView/> }
}
