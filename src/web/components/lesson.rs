//! The lesson being played: its text (fetched with the lesson), its goals (checked live on the
//! trace), the coach's word when a message misses the device a goal is about, its hints, and,
//! once passed, what just happened and the next lesson (both in `coach`, fetched when first
//! shown). Lessons passed in this browser are kept in `localStorage`.

use leptos::prelude::*;

use crate::core::sim::lessons::LESSONS;
use crate::i18n::{Msg, Text};
use crate::web::components::coach;
use crate::web::state::{Ctx, Part};

/// The lesson panel (empty in free play).
#[component]
pub fn LessonPanel() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    // The lesson's id, apart from the run's progress: the panel is built again only when
    // another lesson opens (a hint opened while the run plays stays open).
    let lesson = Memo::new(move |_| ctx.read(Part::Run, |s| s.lesson.map(|l| l.id)));
    // Passed in an earlier visit: as it was when this run opened, not since.
    let before = Memo::new(move |_| {
        ctx.opened.track();
        lesson
            .get()
            .is_some_and(|id| ctx.progress.with_untracked(|p| p.contains_key(id)))
    });
    let passed = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.passed()));
    // A lesson passed is remembered in this browser.
    Effect::new(move |_| {
        if let (true, Some(id)) = (passed.get(), lesson.get_untracked()) {
            if !ctx.progress.with_untracked(|p| p.contains_key(id)) {
                ctx.progress.set(crate::web::progress::mark(id));
            }
        }
    });
    let total = LESSONS.len();
    let count = move || {
        let done = ctx.progress.with(|p| p.len()) as u64;
        Msg::LessonsDone(done, total as u64).render(lang.get())
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
    // The lesson's texts come from `lesson-text/<id>.json`, fetched when it is shown (kept
    // while it stays; a language switch reads the other half of the same file).
    let file: RwSignal<Option<(String, Result<String, String>)>> = RwSignal::new(None);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        let Some(l) = lesson.get().and_then(crate::core::sim::lessons::lesson) else {
            return;
        };
        if file.with_untracked(|f| f.as_ref().is_some_and(|(id, r)| id == l.id && r.is_ok())) {
            return;
        }
        file.set(None);
        leptos::task::spawn_local(async move {
            let got = crate::web::files::fetch(&l.text_path()).await;
            file.set(Some((l.id.to_string(), got)));
        });
    });
    let text = move || {
        let id = lesson.get()?;
        let lang = lang.get();
        file.with(|f| match f {
            Some((of, Ok(raw))) if *of == id => Some(lang.lesson_text(raw).map_err(|_| ())),
            Some((of, Err(_))) if *of == id => Some(Err(())),
            _ => None,
        })
    };
    move || {
        let id = lesson.get()?;
        let l = crate::core::sim::lessons::lesson(id)?;
        let body = move || {
            match text() {
            None => view! { <p class="muted" data-testid="lesson-loading" role="status">{lang.get().t(Text::LessonLoading)}</p> }.into_any(),
            Some(Err(())) => view! {
                <p class="field-error" role="alert" data-testid="lesson-text-failed">{lang.get().t(Text::LessonTextFailed)}" "
                    <button type="button" class="small secondary" on:click=move |_| attempt.update(|n| *n += 1)>{lang.get().t(Text::Retry)}</button>
                </p>
            }.into_any(),
            Some(Ok(t)) => view! {
                <p class="lesson-intro" data-testid="lesson-intro">{t.intro}</p>
                <h3>{lang.get().t(Text::Goals)}</h3>
                <ul class="goals">
                    {(0..l.goals).map(|i| {
                        let done = move || ctx.read(Part::Goals, |s| s.goals.held.get(i).copied().unwrap_or(false));
                        let line = t.goals.get(i).cloned().unwrap_or_default();
                        view! {
                            <li data-testid=format!("goal-{i}") class:done=done data-done=move || done().to_string()>
                                <span class="goal-mark" aria-hidden="true">{move || if done() { "✔" } else { "○" }}</span>
                                {line}
                                <span class="sr-only">" ("{move || lang.get().t(if done() { Text::GoalDone } else { Text::GoalPending })}")"</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {coach::advice("lesson-advice")}
                <Show when=move || passed.get()>
                    <div class="passed-box" data-testid="lesson-passed" role="status">
                        <p class="passed">{move || lang.get().t(Text::LessonPassed)}</p>
                        {coach::passed(l.id)}
                    </div>
                </Show>
                <details class="hints" data-testid="hints">
                    <summary>{lang.get().t(Text::Hints)}</summary>
                    <ol>
                        {t.hints.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}
                    </ol>
                </details>
            }.into_any(),
        }
        };
        Some(view! {
            <section class="lesson panel" data-testid="lesson" aria-labelledby="lesson-title">
                <h2 id="lesson-title" data-testid="lesson-title" tabindex="-1">{move || lang.get().t(l.title())}</h2>
                <Show when=move || before.get()>
                    <p class="passed-before" data-testid="passed-before">"✔ "{move || lang.get().t(Text::PassedBefore)}</p>
                </Show>
                {body}
                <p class="progress hint">
                    <span data-testid="lessons-done">{count}</span>" "
                    <button type="button" class="link" data-testid="reset-progress" on:click=reset>{move || lang.get().t(Text::ResetProgress)}</button>
                </p>
            </section>
        })
    }
}
