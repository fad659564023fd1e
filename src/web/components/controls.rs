//! Play, pause, step, speed, the virtual clock, the seed and replay.

use leptos::prelude::*;

use crate::core::numbers::short;
use crate::i18n::Text;
use crate::web::components::glossary::{Term, Word};
use crate::web::state::{Ctx, Part};

/// Speeds offered (virtual seconds per real second).
const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 50.0];

/// The run controls.
#[component]
pub fn Controls() -> impl IntoView {
    let ctx = Ctx::get();
    let t = move |k: Text| move || ctx.lang.get().t(k);
    let playing = move || ctx.read(Part::Clock, |s| s.pace.player.playing);
    let toggle = move |_| {
        ctx.update(|s| s.set_playing(!s.pace.player.playing));
    };
    let step = move |_| {
        ctx.update(|s| {
            s.set_playing(false);
            s.step();
        });
    };
    let set_speed = move |ev| {
        let value = event_target_value(&ev);
        if value == "teach" {
            ctx.update(|s| s.set_speed(true, 1.0));
        } else if let Some(&v) = SPEEDS.iter().find(|v| short(**v) == value) {
            ctx.update(|s| s.set_speed(false, v));
        }
    };
    let replay = move |_| {
        ctx.update(|s| {
            let scenario = s.run.world().scenario().clone();
            if let Ok(mut fresh) = crate::web::state::Sim::from_scenario(&scenario, s.lesson) {
                fresh.judge = s.judge;
                // The lesson starts again from its first step.
                if let Some(plan) = s.goals.plan.clone() {
                    fresh.set_plan(plan);
                }
                *s = fresh;
            }
        });
        ctx.selected.set(None);
    };
    view! {
        <section class="controls" aria-label=t(Text::Play)>
            <button type="button" data-testid="play" aria-pressed=move || playing().to_string() on:click=toggle>
                {move || if playing() { ctx.lang.get().t(Text::Pause) } else { ctx.lang.get().t(Text::Play) }}
            </button>
            <button type="button" data-testid="step" on:click=step>{t(Text::Step)}</button>
            <span class="inline">
                <Term word=Word::Speed/>
                <select data-testid="speed" on:change=set_speed aria-label=t(Text::Speed)>
                    <option value="teach" selected=move || ctx.read(Part::Clock, |s| s.pace.teaching)>{t(Text::SpeedTeaching)}</option>
                    {SPEEDS.iter().map(|&v| view! {
                        <option value=short(v) selected=move || ctx.read(Part::Clock, |s| !s.pace.teaching && (s.pace.player.speed - v).abs() < 1e-9)>
                            {format!("{}×", short(v))}
                        </option>
                    }).collect_view()}
                </select>
            </span>
            <span class="clock" title=t(Text::VirtualTime)>
                <span class="sr-only">{t(Text::VirtualTime)}": "</span>
                <output data-testid="sim-time" translate="no">{move || ctx.read(Part::Clock, |s| s.run.now().to_string())}</output>
            </span>
            <span class="seed">
                <Term word=Word::Seed/>": "
                <output data-testid="seed">{move || ctx.read(Part::Run, |s| s.run.world().scenario().seed.to_string())}</output>
            </span>
            <button type="button" class="secondary" data-testid="replay" on:click=replay>{t(Text::Replay)}</button>
        </section>
    }
}
