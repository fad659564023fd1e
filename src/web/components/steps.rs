//! The lesson's body: its file (fetched when it opens), the intro, the steps up to the open
//! one — an explanation to read, a prediction to commit before the stage plays it, a goal to
//! reach on the stage, a quiz — what each answer showed (the answer given beside what
//! happened, the misconception it shows, the run's own packets), the hints and the pass.
//! Its code travels with the reader of the lesson's scenario: one chunk, fetched when a
//! lesson opens; the questions' code (a prediction's, a quiz's) and the goals' checks come
//! when the student is about to leave the first step (or a question opens).

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::codec::Version;
use crate::core::journey::Journey;
use crate::core::sim::lessons::file::{Ask, LessonFile, QuizOption, Step, Words};
use crate::core::sim::predict::{receiver_choices, topic_choices, Answer, Given};
use crate::core::trace::{MsgId, TraceKind};
use crate::core::types::QoS;
use crate::i18n::steps::{StepMsg, StepText};
use crate::i18n::{Msg, Text};
use crate::page::Shown;
use crate::web::components::coach;
use crate::web::lazy::ready;
use crate::web::state::{Ctx, Part};

/// The lesson's body, once its code is here.
pub fn body(id: &'static str) -> AnyView {
    crate::web::lazy::deferred(&LESSON_BODY, move || {
        crate::web::lazy::ready(lesson_body_view(Which::BuiltIn(id)))
    })
}

/// A teacher's lesson's body (its file at hand), once its code is here.
pub fn own_body(file: Arc<LessonFile>) -> AnyView {
    crate::web::lazy::deferred(&LESSON_BODY, move || {
        crate::web::lazy::ready(lesson_body_view(Which::Own(file.clone())))
    })
}

/// Which lesson a body shows.
pub enum Which {
    /// A built-in lesson: its file is fetched.
    BuiltIn(&'static str),
    /// A teacher's lesson: its file is here.
    Own(Arc<LessonFile>),
}

crate::web::lazy::split_part!(
    /// The lesson's body (with the reader of its scenario).
    LESSON_BODY: lesson_steps, fetch_lesson_body,
    fn lesson_body_view(which: Which) {
        match which {
            Which::BuiltIn(id) => view! { <LessonBody id=id/> }.into_any(),
            Which::Own(file) => {
                let lang = Ctx::get().lang;
                let title = {
                    let file = file.clone();
                    move || lang.get().lesson_text(&file).title.unwrap_or_else(|| file.id.clone())
                };
                view! {
                    <section class="lesson panel" data-testid="lesson" aria-labelledby="lesson-title">
                        <h2 id="lesson-title" data-testid="lesson-title" tabindex="-1">{title}</h2>
                        <Body id=None file=file/>
                    </section>
                }
                .into_any()
            }
        }
    }
);

/// Where the lesson's file stands.
#[derive(Clone)]
enum Got {
    Loading,
    Failed,
    Ready(Arc<LessonFile>),
}

/// The lesson's body: fetched, then shown.
#[component]
fn LessonBody(id: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let got = RwSignal::new(match ctx.peek(|s| s.goals.plan.clone()) {
        Some(file) if file.id == id => Got::Ready(file),
        _ => Got::Loading,
    });
    let fetch = move || {
        let Some(lesson) = crate::core::sim::lessons::lesson(id) else {
            return;
        };
        got.set(Got::Loading);
        leptos::task::spawn_local(async move {
            let read = crate::web::files::fetch(&lesson.path())
                .await
                .ok()
                .and_then(|raw| LessonFile::from_json(&raw).ok())
                .filter(|f| f.id == id);
            match read {
                Some(file) => {
                    let file = Arc::new(file);
                    ctx.update(|s| s.set_plan(file.clone()));
                    got.set(Got::Ready(file));
                }
                None => got.set(Got::Failed),
            }
        });
    };
    if matches!(got.get_untracked(), Got::Loading) {
        fetch();
    }
    // A run replaced under the same lesson (a link, a file) starts its steps again.
    Effect::new(move |_| {
        ctx.opened.track();
        if let Got::Ready(file) = got.get_untracked() {
            ctx.update(|s| s.set_plan(file));
        }
    });
    let failed = move || {
        let l = lang.get();
        view! {
            <p class="field-error" role="alert" data-testid="lesson-text-failed">{l.t(Text::LessonTextFailed)}" "
                <button type="button" class="small secondary" on:click=move |_| fetch()>{l.t(Text::Retry)}</button>
            </p>
        }
    };
    move || {
        match got.get() {
        Got::Loading => view! {
            <p class="muted" data-testid="lesson-loading" role="status">{lang.get().t(Text::LessonLoading)}</p>
        }
        .into_any(),
        Got::Failed => failed().into_any(),
        Got::Ready(file) => view! { <Body id=Some(id) file=file/> }.into_any(),
    }
    }
}

/// The intro, the steps, the hints and the pass (and, for a built-in lesson, what comes
/// next).
#[component]
fn Body(id: Option<&'static str>, file: Arc<LessonFile>) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let at = Memo::new(move |_| {
        ctx.read(Part::Goals, |s| {
            s.goals.progress.as_ref().map_or(0, |p| p.at)
        })
    });
    // A step opened by what was done on the stage comes into sight in its column (beside the
    // stage; the keyboard stays where it is): the column may have scrolled to a device's card.
    Effect::new(move |was: Option<usize>| {
        let k = at.get();
        if was.is_some_and(|w| w != k) {
            request_animation_frame(move || {
                let el = (document().get_element_by_id(&format!("step-{k}")))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(el) = el {
                    bring_into_view(&el);
                }
            });
        }
        k
    });
    let passed = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.passed()));
    Effect::new(move |_| {
        if passed.get() {
            request_animation_frame(|| {
                let el = (document().get_element_by_id("lesson-passed"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(el) = el {
                    // Beside the stage its column scrolls to it; on a phone the page does.
                    let phone = crate::web::storage::media_matches("(max-width: 700px)");
                    if !bring_into_view(&el) && phone {
                        el.scroll_into_view();
                    }
                }
            });
        }
    });
    let n = file.steps.len();
    let text = {
        let file = file.clone();
        move || lang.get().lesson_text(&file)
    };
    let st = move |k: StepText| move || lang.get().t(k);
    // An act step's place among the goals (its test id, `goal-i`, as before steps).
    let mut goal = 0;
    let steps = (file.steps.iter().enumerate())
        .map(|(k, step)| {
            let g = matches!(step, Step::Act { .. }).then(|| {
                goal += 1;
                goal - 1
            });
            let file = file.clone();
            move || (k <= at.get()).then(|| step_view(file.clone(), k, g))
        })
        .collect_view();
    let hints = {
        let text = text.clone();
        move || {
            text()
                .hints
                .into_iter()
                .map(|h| view! { <li>{h}</li> })
                .collect_view()
        }
    };
    let has_hints = {
        let text = text.clone();
        move || !text().hints.is_empty()
    };
    view! {
        // The intro leads while the first step is open; then it folds away (the open step stays
        // in sight beside the stage).
        {let text = text.clone(); move || {
            let intro = view! { <p class="lesson-intro" data-testid="lesson-intro">{text().intro}</p> };
            if at.get() == 0 {
                intro.into_any()
            } else {
                view! {
                    <details class="intro-fold" data-testid="intro-fold">
                        <summary>{st(StepText::Intro)}</summary>
                        {intro}
                    </details>
                }
                .into_any()
            }
        }}
        <h3 class="steps-title">{st(StepText::Steps)}" "
            <span class="step-count muted" data-testid="step-count">
                {move || StepMsg::StepOf((at.get() + 1).min(n), n).render(lang.get())}
            </span>
        </h3>
        // Once passed, the pass and what comes next lead, above the steps.
        <Show when=move || passed.get()>
            <div class="passed-box" id="lesson-passed" data-testid="lesson-passed" role="status">
                <p class="passed">{move || lang.get().t(Text::LessonPassed)}</p>
                {id.map(coach::passed)}
            </div>
        </Show>
        <ol class="steps" data-testid="steps">{steps}</ol>
        {coach::advice("lesson-advice")}
        // A lesson without hints (a teacher's may have none) shows no empty list.
        <Show when=has_hints.clone()>
            <details class="hints" data-testid="hints">
                <summary>{move || lang.get().t(Text::Hints)}</summary>
                <ol>{hints.clone()}</ol>
            </details>
        </Show>
        <Suggest here=id/>
    }
}

/// Keeps the usual mistakes a wrong answer showed (in this browser), and suggests the lesson
/// that works on the newest one (another than this).
#[component]
fn Suggest(here: Option<&'static str>) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    Effect::new(move |_| {
        let shown = ctx.read(Part::Goals, |s| {
            s.goals.score().map(|x| x.shown).unwrap_or_default()
        });
        if shown
            .iter()
            .any(|m| !ctx.mistakes.with_untracked(|all| all.contains(m)))
        {
            ctx.mistakes
                .set(crate::web::progress::note_mistakes(&shown));
        }
    });
    let suggested = Memo::new(move |_| {
        ctx.mistakes.with(|all| {
            all.iter()
                .rev()
                .map(|m| (*m, m.lesson()))
                .find(|(_, id)| Some(*id) != here)
        })
    });
    move || {
        let (m, id) = suggested.get()?;
        let l = crate::core::sim::lessons::lesson(id)?;
        let lang = lang.get();
        Some(view! {
            <p class="suggest hint" data-testid="suggest">
                {Msg::Suggest { mistake: m.told(lang).0 }.render(lang)}" "
                <button type="button" class="link" data-testid="suggested-lesson" data-lesson=id
                    on:click=move |_| ctx.open_lesson(Some(id))>{lang.t(l.title())}</button>
            </p>
        })
    }
}

/// One step: as it stands, open or met.
fn step_view(file: Arc<LessonFile>, k: usize, goal: Option<usize>) -> AnyView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let open = Memo::new(move |_| {
        ctx.read(Part::Goals, |s| {
            s.goals.progress.as_ref().is_some_and(|p| p.at == k)
        })
    });
    let st = move |key: StepText| move || lang.get().t(key);
    let next = move || {
        view! {
            <Show when=move || open.get() && ctx.read(Part::Goals, |s| can_go_on(s, k))>
                <button type="button" class="step-next" data-testid="step-next"
                    on:pointerenter=move |_| prefetch_next() on:focus=move |_| prefetch_next()
                    on:click=move |_| {
                        ctx.update(|s| s.read_on());
                        focus_step(k + 1);
                    }>{st(StepText::Next)}</button>
            </Show>
        }
    };
    let Some(step) = file.steps.get(k).cloned() else {
        return ().into_any();
    };
    let id = format!("step-{k}");
    match step {
        Step::Explain { text, .. } => view! {
            <li class="step explain" id=id.clone() data-testid=id tabindex="-1" class:open=move || open.get()>
                <p class:clamp=move || !open.get()>{move || lang.get().words(&text)}</p>
                {next()}
            </li>
        }
        .into_any(),
        Step::Act { text, goal: wanted, .. } => {
            // Met, or (at a point in the run's past) holding then.
            let g = goal.unwrap_or(0);
            // The control the step asks to use, brought into sight on demand.
            let control = (wanted.asked()).and_then(|(action, device)| crate::page::lesson::control(action, device));
            let done = Memo::new(move |_| {
                ctx.read(Part::Goals, |s| s.goals.held.get(g).copied().unwrap_or(false))
            });
            let testid = format!("goal-{}", goal.unwrap_or(0));
            let show = control.map(|c| {
                let go = move |_| show_control(&c);
                // Shown while the step is open and not done (CSS).
                view! { <button type="button" class="link show-where" data-testid="show-where" on:click=go>{st(StepText::ShowWhere)}</button> }
            });
            view! {
                <li class="step act" id=id data-testid=testid tabindex="-1" class:done=move || done.get()
                    class:open=move || open.get() data-done=move || done.get().to_string()>
                    <span class="goal-mark" aria-hidden="true">{move || if done.get() { "✔" } else { "○" }}</span>
                    <Show when=move || open.get()>
                        <strong>{st(StepText::DoIt)}</strong>" "
                    </Show>
                    {move || lang.get().words(&text)}
                    <span class="sr-only">" ("{move || lang.get().t(if done.get() { Text::GoalDone } else { Text::GoalPending })}")"</span>
                    {show}
                </li>
            }
            .into_any()
        }
        Step::Predict { ask, text, explain, .. } => view! {
            <li class="step predict" id=id.clone() data-testid=id tabindex="-1" class:open=move || open.get()>
                <p class="question">{move || lang.get().words(&text)}</p>
                {asked(move || ready(predict_view(k, ask.clone(), explain.clone(), open)))}
                {next()}
            </li>
        }
        .into_any(),
        Step::Quiz { text, options } => view! {
            <li class="step quiz" id=id.clone() data-testid=id tabindex="-1" class:open=move || open.get()>
                <p class="question">{move || lang.get().words(&text)}</p>
                {asked(move || ready(quiz_view(k, options.clone(), open)))}
                {next()}
            </li>
        }
        .into_any(),
    }
}

/// Starts fetching what the next steps may need: the questions' part and the goals' checks.
fn prefetch_next() {
    LESSON_ASK.prefetch();
    crate::web::state::LESSON_CHECKS.prefetch();
}

/// A question's view (a prediction's or a quiz's), once its part is here.
fn asked(
    view: impl Fn() -> Option<Result<AnyView, crate::web::lazy::LoadError>> + Send + Sync + 'static,
) -> AnyView {
    crate::web::lazy::deferred(&LESSON_ASK, view)
}

crate::web::lazy::split_part!(
    /// A lesson's questions: predictions and quizzes, and what each answer showed (fetched
    /// when the pointer or the keyboard reaches the button to the next step, or when a
    /// question opens; every built-in lesson starts with an explanation).
    LESSON_ASK: lesson_ask, fetch_lesson_ask + fetch_quiz_view,
    fn predict_view(k: usize, ask: Ask, explain: Words, open: Memo<bool>) {
        view! { <Predict k=k ask=ask explain=explain open=open/> }.into_any()
    }
);

crate::web::lazy::split_fn!(
    lesson_ask,
    fetch_quiz_view,
    fn quiz_view(k: usize, options: Vec<QuizOption>, open: Memo<bool>) -> AnyView {
        view! { <Quiz k=k options=options open=open/> }.into_any()
    }
);

/// Whether step `k` is open and can be left by reading on.
fn can_go_on(s: &crate::page::Sim, k: usize) -> bool {
    match (&s.goals.plan, &s.goals.progress) {
        (Some(file), Some(p)) => p.at == k && p.can_go_on(file),
        _ => false,
    }
}

/// Moves the keyboard to step `k` once it is drawn.
fn focus_step(k: usize) {
    focus_in_sight(format!("step-{k}"));
}

/// Once drawn, brings the element with this id into sight and gives it the keyboard.
fn focus_in_sight(id: String) {
    request_animation_frame(move || {
        let el = (document().get_element_by_id(&id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(el) = el {
            focus_there(&el);
        }
    });
}

/// Brings an element into sight and gives it the keyboard: beside the stage, the column
/// scrolls and the page keeps still; on a phone the page scrolls to it.
fn focus_there(el: &web_sys::HtmlElement) {
    if bring_into_view(el) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    } else {
        let _ = el.focus();
    }
}

/// Brings a part of the lesson into sight where the lesson's column scrolls by itself (beside
/// the stage): the column scrolls, and the stage stays in view. False where it does not (a
/// phone: the page scrolls when the part takes the keyboard).
fn bring_into_view(el: &web_sys::HtmlElement) -> bool {
    use wasm_bindgen::JsCast;
    let column = (el.closest(".col-a").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|c| c.scroll_height() > c.client_height());
    let Some(c) = column else {
        return false;
    };
    let top = el.offset_top();
    let bottom = top + el.offset_height();
    let (shown, height) = (c.scroll_top(), c.client_height());
    if bottom > shown + height {
        c.set_scroll_top((bottom - height + 8).min(top - 8));
    } else if top < shown {
        c.set_scroll_top(top - 8);
    }
    true
}

/// A prediction: its choices until committed, then the answer beside what happened.
#[component]
fn Predict(k: usize, ask: Ask, explain: Words, open: Memo<bool>) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let shown = Memo::new(move |_| {
        ctx.read(Part::Goals, |s| match s.goals.shown.get(k) {
            Some(Some(Shown::Predicted(v, at))) => Some(((**v).clone(), *at)),
            _ => None,
        })
    });
    let st = move |key: StepText| move || lang.get().t(key);
    // The choices, as the world stands when the step is drawn.
    let picked: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let qos = RwSignal::new(None::<u8>);
    let matches = RwSignal::new(None::<bool>);
    let (legend, options): (StepText, Vec<String>) = match &ask {
        Ask::Receivers { .. } => (
            StepText::ReceiversLegend,
            ctx.peek(|s| receiver_choices(s.run.world())),
        ),
        Ask::RetainedFirst { .. } => (
            StepText::RetainedLegend,
            ctx.peek(|s| topic_choices(s.run.world()))
                .into_iter()
                .map(|t| t.as_str().to_string())
                .collect(),
        ),
        Ask::Packets { .. } => (StepText::QosLegend, Vec::new()),
        Ask::Matches { .. } => (StepText::MatchLegend, Vec::new()),
    };
    let ask_for_verdict = ask.clone();
    let kind = ask.clone();
    let given = move || -> Option<Given> {
        match &kind {
            Ask::Receivers { .. } => Some(Given::Receivers(picked.get_untracked())),
            Ask::RetainedFirst { .. } => Some(Given::RetainedFirst(
                (picked.get_untracked().iter())
                    .filter_map(|t| crate::core::topic::TopicName::new(t.as_str()).ok())
                    .collect(),
            )),
            Ask::Packets { .. } => qos
                .get_untracked()
                .and_then(QoS::from_u8)
                .map(Given::Delivered),
            Ask::Matches { .. } => matches.get_untracked().map(Given::Matches),
        }
    };
    // A message's publisher must be connected before the question is asked.
    let question = ask.question();
    let waiting = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            !crate::core::sim::predict::ready(s.run.world(), &question)
        })
    });
    let ready = {
        let kind = ask.clone();
        move || {
            !waiting.get()
                && match kind {
                    Ask::Packets { .. } => qos.get().is_some(),
                    Ask::Matches { .. } => matches.get().is_some(),
                    _ => true,
                }
        }
    };
    let publisher = match &ask {
        Ask::Receivers { publisher, .. } => publisher.clone(),
        _ => String::new(),
    };
    let commit = move |_| {
        if let Some(g) = given() {
            let _ = ctx.update(|s| s.predict(g));
            focus_verdict(k);
        }
    };
    let name = format!("predict-{k}");
    let plays = ask.play().is_some();
    let commit_ready = ready.clone();
    let make_form = move || {
        let commit = commit.clone();
        let choices = match &ask {
        Ask::Receivers { .. } | Ask::RetainedFirst { .. } => options
            .clone()
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                let value = o.clone();
                let checked = {
                    let o = o.clone();
                    move || picked.with(|p| p.contains(&o))
                };
                view! {
                    <label class="choice">
                        <input type="checkbox" data-testid=format!("choice-{i}") prop:checked=checked
                            on:change=move |_| picked.update(|p| {
                                match p.iter().position(|x| *x == value) {
                                    Some(at) => { p.remove(at); }
                                    None => p.push(value.clone()),
                                }
                            })/>
                        " "{o}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        Ask::Packets { .. } => (0u8..=2)
            .map(|q| {
                let name = name.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name=name data-testid=format!("choice-{q}")
                            on:change=move |_| qos.set(Some(q))/>
                        " QoS "{q}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        Ask::Matches { .. } => [true, false]
            .into_iter()
            .enumerate()
            .map(|(i, yes)| {
                let name = name.clone();
                let label = if yes { StepText::MatchYes } else { StepText::MatchNo };
                view! {
                    <label class="choice">
                        <input type="radio" name=name data-testid=format!("choice-{i}")
                            on:change=move |_| matches.set(Some(yes))/>
                        " "{st(label)}
                    </label>
                }
            })
            .collect_view()
            .into_any(),
    };
        let ready = commit_ready.clone();
        view! {
            <div class="predict-form">
                <fieldset class="choices">
                    <legend>{st(legend)}</legend>
                    <p class="muted">{st(if plays { StepText::PredictFirst } else { StepText::PredictCheck })}</p>
                    {choices}
                </fieldset>
                <button type="button" data-testid="predict-commit" prop:disabled=move || !ready()
                    on:click=commit>{st(StepText::Commit)}</button>
                {let publisher = publisher.clone(); move || waiting.get().then(|| view! {
                    <p class="muted" role="status" data-testid="predict-waiting">
                        {StepMsg::Waiting(&publisher).render(lang.get())}
                    </p>
                })}
            </div>
        }
        .into_any()
    };
    let asked = ask_for_verdict;
    move || match shown.get() {
        None => make_form(),
        Some((v, at)) if open.get() => verdict_view(k, &asked, v, at, explain.clone()),
        // A step left behind folds its outcome away: the open step stays in sight.
        Some((v, at)) => {
            let right = v.right;
            let verdict = verdict_view(k, &asked, v, at, explain.clone());
            view! {
                <details class="fold">
                    <summary class=if right { "right" } else { "wrong" }>
                        {if right { "✔ " } else { "✘ " }}{st(if right { StepText::Right } else { wrong(plays) })}
                    </summary>
                    {verdict}
                </details>
            }
            .into_any()
        }
    }
}

/// On a phone, shows another part of the page (the bar's link with this test id); elsewhere
/// every part is in sight and nothing happens.
fn phone_part(testid: &str) {
    use wasm_bindgen::JsCast;
    let link = (document()
        .query_selector(&format!("[data-testid={testid}]"))
        .ok()
        .flatten())
    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    .filter(|e| e.offset_parent().is_some());
    if let Some(link) = link {
        link.click();
    }
}

/// A wrong answer's words: "not what happened" when the stage played it, "not right" when
/// nothing plays.
fn wrong(plays: bool) -> StepText {
    if plays {
        StepText::Wrong
    } else {
        StepText::QuizWrong
    }
}

/// Moves the keyboard to a prediction's outcome once it is drawn, with the step's button to
/// read on in sight under it when both fit the column.
fn focus_verdict(k: usize) {
    request_animation_frame(move || {
        let html =
            |e: web_sys::Element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok();
        let doc = document();
        let Some(el) = doc
            .get_element_by_id(&format!("verdict-{k}"))
            .and_then(html)
        else {
            return;
        };
        let next = (doc
            .query_selector(&format!("#step-{k} [data-testid=step-next]"))
            .ok())
        .flatten()
        .and_then(html);
        if let Some(next) = next {
            bring_into_view(&next);
        }
        focus_there(&el);
    });
}

/// A prediction's outcome: the answer given beside what happened, the misconception it
/// shows, the explanation, and the run's own packets of the played message.
fn verdict_view(
    k: usize,
    ask: &Ask,
    v: crate::core::sim::lessons::progress::Verdict,
    at: crate::core::time::Time,
    explain: crate::core::sim::lessons::file::Words,
) -> AnyView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let st = move |key: StepText| move || lang.get().t(key);
    let l = lang.get_untracked();
    let nobody = l.t(StepText::Nobody);
    let list = |items: Vec<String>| (!items.is_empty()).then(|| items.join(", "));
    let said = match &v.given {
        Given::Receivers(d) => list(d.clone()).unwrap_or_else(|| nobody.to_string()),
        Given::RetainedFirst(t) => list(t.iter().map(|t| t.as_str().to_string()).collect())
            .unwrap_or_else(|| nobody.to_string()),
        Given::Delivered(q) => format!("QoS {}", q.as_u8()),
        Given::Matches(yes) => l
            .t(if *yes {
                StepText::MatchYes
            } else {
                StepText::MatchNo
            })
            .to_string(),
    };
    let truth = v.truth.clone();
    let happened = move || {
        let lang = lang.get();
        match &truth {
            Answer::Receivers { now, queued } => match (list(now.clone()), list(queued.clone())) {
                (None, Some(q)) => StepMsg::OnlyQueued(&q).render(lang),
                (now, queued) => {
                    let mut s = StepMsg::ReceivedBy(now.as_deref()).render(lang);
                    if let Some(q) = queued {
                        s.push(' ');
                        s.push_str(&StepMsg::QueuedFor(&q).render(lang));
                    }
                    s
                }
            },
            Answer::RetainedFirst(found) => StepMsg::RetainedFirst(
                list(found.iter().map(|(t, _)| t.as_str().to_string()).collect()).as_deref(),
            )
            .render(lang),
            Answer::Packets { delivered, .. } => StepMsg::Delivered(delivered.as_u8()).render(lang),
            Answer::Matches { matched, failed_at } => {
                StepMsg::Matches(*matched, *failed_at).render(lang)
            }
        }
    };
    let hops = match &v.truth {
        Answer::Packets { hops, .. } => hops.clone(),
        _ => Vec::new(),
    };
    let shows = v.shows.clone();
    let right = v.right;
    let plays = v.play.is_some();
    // The played message, found in the log once the broker took it in.
    let publisher = match ask {
        Ask::Receivers {
            publisher,
            topic,
            payload,
            ..
        } => Some((publisher.clone(), topic.clone(), payload.clone())),
        _ => None,
    };
    let played = Memo::new(move |_| {
        let (publisher, topic, payload) = publisher.clone()?;
        ctx.read_parts(&[Part::Log], |s| {
            let client = s
                .run
                .world()
                .device(&publisher)?
                .config
                .client_id()
                .to_string();
            let version =
                (s.run.world().broker().session(&client)).map_or(Version::V311, |x| x.version);
            // The first message it published on the topic since, with the played payload.
            let mine = |msg: MsgId| {
                let j = Journey::gather(s.seen.log.iter(), msg)?;
                (j.payload(version).as_deref() == Some(payload.as_str())).then_some(j)
            };
            s.seen.log.iter().find_map(|e| match &e.kind {
                TraceKind::Published {
                    msg,
                    from: Some(c),
                    topic: t,
                    ..
                } if e.at >= at && **c == *client && *t == topic => {
                    mine(*msg).map(|j| (*msg, coach::story_lines(&j, version)))
                }
                _ => None,
            })
        })
    });
    let id = format!("verdict-{k}");
    view! {
        <div class="verdict" id=id.clone() data-testid=id tabindex="-1" data-right=right.to_string()>
            <p class=if right { "right" } else { "wrong" } data-testid="verdict-mark">
                {if right { "✔ " } else { "✘ " }}{st(if right { StepText::Right } else { wrong(plays) })}
            </p>
            <p><strong>{st(StepText::YouSaid)}</strong>" "{said}</p>
            <p><strong>{st(StepText::Happened)}</strong>" "{happened}</p>
            {(!hops.is_empty()).then(|| view! {
                <p>{st(StepText::PacketsLegend)}</p>
                <ol class="hops">
                    {hops.into_iter().map(|h| view! {
                        <li>{move || StepMsg::Hop { packet: h.packet.name(), to_broker: h.to_broker, publisher: h.publisher }.render(lang.get())}</li>
                    }).collect_view()}
                </ol>
            })}
            {shows.into_iter().map(|m| view! {
                <div class="misconception" data-testid="misconception">
                    <p><strong>{move || StepMsg::Shows(m.told(lang.get()).0).render(lang.get())}</strong></p>
                    <p>{move || m.told(lang.get()).1}</p>
                </div>
            }).collect_view()}
            <p class="explain">{move || lang.get().words(&explain)}</p>
            {move || match played.get() {
                None => plays.then(|| view! {
                    <p class="muted" role="status">{st(StepText::Watch)}</p>
                }.into_any()),
                Some((msg, lines)) => Some(view! {
                    <ol class="story" data-testid="verdict-story">
                        {lines.into_iter().map(|line| view! { <li>{move || line.told(lang.get())}</li> }).collect_view()}
                    </ol>
                    <button type="button" class="link" data-testid="verdict-journey"
                        on:click=move |_| {
                            ctx.selected.set(Some(msg));
                            phone_part("nav-messages");
                        }>{st(StepText::SeeJourney)}</button>
                }.into_any()),
            }}
            // On a phone the stage is another part: one tap shows it playing.
            {plays.then(|| view! {
                <p class="phone-only">
                    <button type="button" class="secondary small" data-testid="verdict-stage"
                        on:click=move |_| phone_part("nav-stage")>{st(StepText::SeeStage)}</button>
                </p>
            })}
        </div>
    }
    .into_any()
}

/// A quiz: its options, and the feedback of each choice.
#[component]
fn Quiz(k: usize, options: Vec<QuizOption>, open: Memo<bool>) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let st = move |key: StepText| move || lang.get().t(key);
    let choice = RwSignal::new(None::<usize>);
    let chosen = Memo::new(move |_| {
        ctx.read(Part::Goals, |s| match s.goals.shown.get(k) {
            Some(Some(Shown::Chose(all))) => all.last().copied(),
            _ => None,
        })
    });
    let solved = move || chosen.get().is_some_and(|c| c.right);
    let name = format!("quiz-{k}");
    let texts: Vec<_> = options.iter().map(|o| o.text.clone()).collect();
    let radios = move || {
        (texts.iter().enumerate())
            .map(|(i, text)| {
                let text = text.clone();
                let name = name.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name=name data-testid=format!("quiz-option-{i}")
                            prop:disabled=solved prop:checked=move || choice.get() == Some(i)
                            on:change=move |_| choice.set(Some(i))/>
                        " "{move || lang.get().words(&text)}
                    </label>
                }
            })
            .collect_view()
    };
    let answer = move |_| {
        if let Some(i) = choice.get_untracked() {
            let _ = ctx.update(|s| s.choose(i));
        }
    };
    let feedback = move || {
        let c = chosen.get()?;
        let o = options.get(c.option)?.clone();
        let lang = lang.get();
        Some(view! {
            <div class="verdict" data-testid="quiz-feedback" data-right=c.right.to_string() role="status">
                <p class=if c.right { "right" } else { "wrong" }>
                    {if c.right { "✔ " } else { "✘ " }}{lang.t(if c.right { StepText::Right } else { StepText::QuizWrong })}
                </p>
                {o.feedback.as_ref().map(|f| view! { <p>{lang.words(f)}</p> })}
                {c.shows.map(|m| view! {
                    <div class="misconception" data-testid="misconception">
                        <p><strong>{StepMsg::Shows(m.told(lang).0).render(lang)}</strong></p>
                        <p>{m.told(lang).1}</p>
                    </div>
                })}
                {(!c.right).then(|| view! { <p class="muted">{lang.t(StepText::TryAnother)}</p> })}
            </div>
        })
    };
    let folded = feedback.clone();
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <details class="fold"><summary>{st(StepText::Answer)}</summary>{folded.clone()}</details>
        }>
            <fieldset class="choices" data-testid="quiz">
                <legend class="sr-only">{st(StepText::Answer)}</legend>
                {radios.clone()}
            </fieldset>
            <Show when=move || !solved()>
                <button type="button" data-testid="quiz-answer" prop:disabled=move || choice.get().is_none()
                    on:click=answer>{st(StepText::Answer)}</button>
            </Show>
            {feedback.clone()}
        </Show>
    }
}

/// Brings the control an act step asks for into sight (its device's settings opened first:
/// their content comes on the toggle), gives it the keyboard, and marks it while it has it,
/// so that the eye finds it too (a click leaves no focus ring). Test ids are compared, never
/// put into a selector.
fn show_control(c: &crate::page::lesson::Control) {
    use wasm_bindgen::JsCast;
    let by_testid = |all: &str, testid: &str| {
        let list = document().query_selector_all(all).ok()?;
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|e| e.get_attribute("data-testid").as_deref() == Some(testid))
    };
    if let Some(details) = c.within.as_deref().and_then(|w| by_testid("details", w)) {
        let _ = details.set_attribute("open", "");
    }
    // The acting device's panel, when the control is there too and the panel is in sight.
    let ctx = Ctx::get();
    let panel = (c.acting.as_ref())
        .filter(|(device, _)| ctx.acting.get_untracked().as_deref() == Some(device.as_str()))
        .and_then(|(_, id)| by_testid("button", id))
        .filter(|e| {
            // A phone keeps the other parts laid out, hidden.
            let style = web_sys::window().and_then(|w| w.get_computed_style(e).ok().flatten());
            style
                .and_then(|s| s.get_property_value("visibility").ok())
                .as_deref()
                == Some("visible")
        });
    let testid = c.testid.clone();
    let find = move || {
        panel
            .clone()
            .or_else(|| by_testid("button, input", &testid))
    };
    focus_found(find, 20);
}

/// Focuses what `find` finds once it is there (a part fetched on first use takes a moment).
fn focus_found(find: impl Fn() -> Option<web_sys::HtmlElement> + 'static, tries: u32) {
    let Some(el) = find() else {
        if tries > 0 {
            set_timeout(
                move || focus_found(find, tries - 1),
                std::time::Duration::from_millis(100),
            );
        }
        return;
    };
    focus_there(&el);
    // An attribute of its own: the view may write the element's class again.
    let _ = el.set_attribute("data-reached", "");
}
