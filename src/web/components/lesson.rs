//! The lesson being played: its title, whether it was passed before, and the lessons passed
//! in this browser (kept in `localStorage`). Its body — the file fetched with the lesson, its
//! steps, goals, hints and pass — is [`crate::web::components::steps`], a part fetched with
//! the lesson's checks.

use leptos::prelude::*;

use crate::core::sim::lessons::LESSONS;
use crate::i18n::{Msg, Text};
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
        ctx.mistakes.set(Vec::new());
    };
    // A teacher's lesson (the builder's preview, a lesson link or file) comes with its run.
    let own = Memo::new(move |_| ctx.read(Part::Goals, |s| s.own_lesson().is_some()));
    move || {
        if own.get() {
            // Made again when another run opens.
            ctx.opened.track();
            let file = ctx.peek(|s| s.own_lesson().cloned())?;
            return Some(crate::web::components::steps::own_body(file));
        }
        let id = lesson.get()?;
        let l = crate::core::sim::lessons::lesson(id)?;
        let body = move || crate::web::components::steps::body(id);
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
        }.into_any())
    }
}
