//! The scrubber under the stage: the run's timeline, to drag back and forth or step with the
//! keyboard (← / → one event, Shift + ← / → one packet exchange, Home / End). Every view
//! follows it. In the past, *continue from here* forks a new future (one undo brings the old
//! one back), and the end resumes the live run.

use leptos::prelude::*;

use crate::core::trace::TraceKind;
use crate::i18n::describe::kind_label;
use crate::i18n::{Msg, Text};
use crate::web::state::{Ctx, Part};

/// What the scrubber shows: events so far, of all, whether in the past, whether a fork can be
/// undone, the virtual time, and the last event's kind and packet.
#[derive(Clone, Debug, Default, PartialEq)]
struct Point {
    index: u64,
    total: u64,
    past: bool,
    undo: bool,
    busy: bool,
    at: String,
    kind: Option<&'static str>,
    packet: Option<&'static str>,
}

/// Where a fork left the run, said beside the scrubber until the next move.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Said {
    Forked,
    Undone,
}

/// The scrubber.
#[component]
pub fn Scrubber() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |k: Text| move || lang.get().t(k);
    let point = Memo::new(move |_| {
        ctx.read(Part::Log, |s| {
            let last = s.run.trace().last();
            Point {
                index: s.run.trace_total(),
                total: s.end(),
                past: s.in_past(),
                undo: s.can_undo_fork(),
                busy: s.catching_up().is_some(),
                at: s.run.now().to_string(),
                kind: last.map(|e| e.kind.name()),
                packet: last.and_then(|e| match &e.kind {
                    TraceKind::Transmitted {
                        packet: Some(p), ..
                    } => Some(p.name()),
                    _ => None,
                }),
            }
        })
    });
    let said = RwSignal::new(None::<Said>);
    let moved = move |f: &dyn Fn(&mut crate::web::state::Sim)| {
        said.set(None);
        ctx.update(|s| f(s));
    };
    // The range's bounds before its value, so the value is never clamped to an old end.
    let range = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let p = point.get();
        if let Some(el) = range.get() {
            el.set_max(&p.total.to_string());
            el.set_value(&p.index.to_string());
        }
    });
    let on_input = move |ev| {
        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
            moved(&|s| s.seek(v));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let shift = ev.shift_key();
        let key = ev.key();
        match key.as_str() {
            "ArrowLeft" | "ArrowDown" if shift => moved(&|s| s.exchange(false)),
            "ArrowRight" | "ArrowUp" if shift => moved(&|s| s.exchange(true)),
            "ArrowLeft" | "ArrowDown" => moved(&|s| s.step_back()),
            "ArrowRight" | "ArrowUp" => moved(&|s| s.step_on()),
            "Home" => moved(&|s| s.seek(0)),
            // The end as it is now (the run may have gone on since the last redraw).
            "End" => moved(&|s| s.seek(u64::MAX)),
            _ => return,
        }
        ev.prevent_default();
    };
    let valuetext = move || {
        let l = lang.get();
        point.with(|p| {
            let what = p.kind.map(|k| match p.packet {
                Some(packet) => Msg::KindPacket {
                    kind: l.t(kind_label(k)),
                    packet,
                }
                .render(l),
                None => l.t(kind_label(k)).to_string(),
            });
            Msg::ScrubPoint {
                at: &p.at,
                index: p.index,
                total: p.total,
                what: what.as_deref(),
            }
            .render(l)
        })
    };
    let count = move || {
        let l = lang.get();
        point.with(|p| {
            Msg::ScrubCount {
                at: &p.at,
                index: p.index,
                total: p.total,
            }
            .render(l)
        })
    };
    let past = move || point.with(|p| p.past);
    let busy = move || point.with(|p| p.busy);
    let continue_here = move |_| {
        ctx.update(|s| s.continue_here());
        said.set(Some(Said::Forked));
    };
    let undo = move |_| {
        ctx.update(|s| s.undo_fork());
        said.set(Some(Said::Undone));
    };
    let to_live = move |_| moved(&|s| s.seek(u64::MAX));
    view! {
        <section class="scrubber" class:past=past data-testid="scrubber" aria-label=t(Text::ScrubberLabel)>
            <div class="scrub-row">
                <button type="button" class="small secondary icon" data-testid="step-back"
                    title=t(Text::StepBack) aria-label=t(Text::StepBack) disabled=move || busy() || point.with(|p| p.index == 0)
                    on:click=move |_| moved(&|s| s.step_back())>"◀"</button>
                <input type="range" min="0" step="1" node_ref=range data-testid="scrub"
                    aria-label=t(Text::ScrubberLabel) aria-describedby="scrub-keys" aria-valuetext=valuetext
                    disabled=busy on:input=on_input on:keydown=on_key/>
                <button type="button" class="small secondary icon" data-testid="step-on"
                    title=t(Text::StepOn) aria-label=t(Text::StepOn) disabled=move || busy() || !past()
                    on:click=move |_| moved(&|s| s.step_on())>"▶"</button>
                <output class="scrub-pos" data-testid="scrub-pos">{count}</output>
            </div>
            <p id="scrub-keys" class="sr-only">{t(Text::ScrubberKeys)}</p>
            <div class="scrub-row scrub-actions" class:hidden=move || !past() && !point.with(|p| p.undo) && said.get().is_none()>
                <span class="badge" data-testid="in-past" class:hidden=move || !past()>{t(Text::InThePast)}</span>
                <button type="button" class="small" data-testid="continue-here" class:hidden=move || !past()
                    title=t(Text::ContinueHereHint) on:click=continue_here>{t(Text::ContinueHere)}</button>
                <button type="button" class="small secondary" data-testid="to-live" class:hidden=move || !past()
                    on:click=to_live>{t(Text::BackToLive)}</button>
                <button type="button" class="small secondary" data-testid="undo-fork" class:hidden=move || !point.with(|p| p.undo)
                    on:click=undo>{t(Text::UndoFork)}</button>
                <span role="status" data-testid="fork-said">{move || said.get().map(|w| lang.get().t(match w {
                    Said::Forked => Text::ForkStarted,
                    Said::Undone => Text::ForkUndone,
                }))}</span>
            </div>
        </section>
    }
}

/// The scrubber under the stage.
pub fn scrubber() -> impl IntoView {
    view! { <Scrubber/> }
}
