//! The lesson being played: its text, its goals (checked live on the trace), its hints, and
//! the lessons passed in this browser (kept in `localStorage`).

use leptos::prelude::*;

use crate::core::i18n::Text;
use crate::web::state::Ctx;

/// The lesson panel (empty in free play).
#[component]
pub fn LessonPanel() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let lesson = move || ctx.read(|s| s.lesson.map(|l| l.id.to_string()));
    // A lesson passed is remembered in this browser.
    Effect::new(move |_| {
        let passed = ctx.read(|s| {
            let done = !s.goals.is_empty() && s.goals.iter().all(|g| *g);
            s.lesson.filter(|_| done).map(|l| l.id)
        });
        if let Some(id) = passed {
            if !ctx.progress.with_untracked(|p| p.contains_key(id)) {
                ctx.progress.set(crate::web::progress::mark(id));
            }
        }
    });
    let total = crate::core::sim::lessons::LESSONS.len();
    let count = move || {
        lang.get()
            .t(Text::LessonsDone)
            .replace("{n}", &ctx.progress.with(|p| p.len()).to_string())
            .replace("{m}", &total.to_string())
    };
    let reset = move |_| {
        let l = lang.get_untracked();
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(l.t(Text::ConfirmResetProgress)).ok())
            .unwrap_or(false);
        if !sure {
            return;
        }
        crate::web::progress::reset();
        ctx.progress.set(Default::default());
    };
    move || {
        let Some(id) = lesson() else {
            return ().into_any();
        };
        let Some(l) = crate::core::sim::lessons::lesson(&id) else {
            return ().into_any();
        };
        let goals = l.goals;
        let passed = move || ctx.read(|s| !s.goals.is_empty() && s.goals.iter().all(|g| *g));
        view! {
            <section class="lesson panel" data-testid="lesson" aria-labelledby="lesson-title">
                <h2 id="lesson-title" data-testid="lesson-title">{move || l.title.get(lang.get())}</h2>
                <Show when=move || ctx.progress.with(|p| p.contains_key(l.id))>
                    <p class="passed-before" data-testid="passed-before">"✔ "{move || lang.get().t(Text::PassedBefore)}</p>
                </Show>
                <p class="lesson-intro">{move || l.intro.get(lang.get())}</p>
                <h3>{move || lang.get().t(Text::Goals)}</h3>
                <ul class="goals">
                    {goals.iter().enumerate().map(|(i, g)| {
                        let done = move || ctx.read(|s| s.goals.get(i).copied().unwrap_or(false));
                        view! {
                            <li data-testid=format!("goal-{i}") class:done=done data-done=move || done().to_string()>
                                <span class="goal-mark" aria-hidden="true">{move || if done() { "✔" } else { "○" }}</span>
                                {move || g.get(lang.get())}
                                <span class="sr-only">" ("{move || lang.get().t(if done() { Text::GoalDone } else { Text::GoalPending })}")"</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Show when=passed>
                    <p class="passed" data-testid="lesson-passed" role="status">{move || lang.get().t(Text::LessonPassed)}</p>
                </Show>
                <details class="hints">
                    <summary>{move || lang.get().t(Text::Hints)}</summary>
                    <ol>
                        {l.hints.iter().map(|h| view! { <li>{move || h.get(lang.get())}</li> }).collect_view()}
                    </ol>
                </details>
                <p class="progress hint">
                    <span data-testid="lessons-done">{count}</span>" "
                    <button type="button" class="link" data-testid="reset-progress" on:click=reset>{move || lang.get().t(Text::ResetProgress)}</button>
                </p>
            </section>
        }
        .into_any()
    }
}
