//! The root component: header (title, lesson, theme, language), the live region, and the
//! three areas: the lesson, run controls and devices; the stage with the acting device's card
//! and forms; the tabbed views (the sequence diagram first) and the journey. On a phone they
//! stack, with a bar that reaches each.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::sim::lessons::lesson as find_lesson;
use crate::core::sim::lessons::LESSONS;
use crate::i18n::{Lang, Msg, Text};
use crate::web::bridge::Real;
use crate::web::components::class::ClassPart;
use crate::web::components::controls::Controls;
use crate::web::components::devices::Devices;
use crate::web::components::diagram::Diagram;
use crate::web::components::forms::{ActingCard, PublishForm, SubscribeForm};
use crate::web::components::glossary::GlossaryPanel;
use crate::web::components::journey::JourneyPanel;
use crate::web::components::lesson::LessonPanel;
use crate::web::files;
use crate::web::say::{Say, Why};
use crate::web::state::{Ctx, Part as SimPart, PartSignals, Sim, View};

/// The whole application. `initial` is the language detected at start. The address chooses
/// the rest: `?lesson=` and `?seed=`, `?scenario=URL` (a teacher's JSON), `#share=` (a shared
/// run), `#lesson=` or `?lessonfile=PATH` (a teacher's lesson; the second in its SCORM
/// package), `?view=sequence|log|broker|wildcard|capture`, `?embed=1` (compact, for an
/// `<iframe>`), `?mode=real`, `?class=CODE&broker=URL` (a class on a real broker;
/// `&teacher=1` its table).
#[component]
pub fn App(initial: Lang) -> impl IntoView {
    let (lang, set_lang) = signal(initial);
    // The page's language, for the parts fetched later (`web::lazy` knows no state).
    provide_context(lang);
    Effect::new(move |_| super::lang::apply(lang.get()));
    let lesson_id = super::lang::query_flag("lesson");
    let seed = super::lang::query_flag("seed").and_then(|s| s.parse().ok());
    let lesson = lesson_id.as_deref().and_then(find_lesson);
    let demo = super::lang::query_flag("demo");
    // A load test (see e2e/perf.mjs): 1 000 messages per second to two dashboards, or the
    // 100-device house on the stage (as many as `devices` says). Free play runs until its
    // generator has come (started below).
    let demo = match demo.as_deref() {
        Some("flood") => Some(None),
        Some("house") => Some(Some(
            (super::lang::query_flag("devices").and_then(|n| n.parse().ok()))
                .filter(|n| (1..=200).contains(n))
                .unwrap_or(100),
        )),
        _ => None,
    };
    let sim = match demo {
        Some(_) => Sim::free_play(None, initial.content_code()),
        // A lesson's scenario is read by code that comes with its part (started below).
        None => Sim::opening(lesson, seed, initial.content_code()),
    }
    .or_else(|_| Sim::free_play(None, initial.content_code()))
    .ok();
    let Some(mut sim) = sim else {
        return view! { <p>"MQTT Playground"</p> }.into_any();
    };
    sim.judge = super::state::lesson_goals;
    let embed = super::lang::query_flag("embed").as_deref() == Some("1");
    if embed {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-embed", "1");
        }
    }
    let view = super::lang::query_flag("view")
        .as_deref()
        .and_then(View::from_id)
        .unwrap_or(View::Sequence);
    let acting = sim.forms().acting();
    let ctx = Ctx {
        lang,
        sim: StoredValue::new_local(sim),
        parts: PartSignals::default(),
        selected: RwSignal::new(None),
        acting: RwSignal::new(acting),
        error: RwSignal::new(None),
        notice: RwSignal::new(None),
        progress: RwSignal::new(super::progress::passed()),
        mistakes: RwSignal::new(super::progress::mistakes()),
        view: RwSignal::new(view),
        source: RwSignal::new(None),
        opened: RwSignal::new(0),
    };
    provide_context(ctx);
    match (demo, lesson) {
        (Some(house), _) => ctx.start_demo(house, seed.unwrap_or(1)),
        (None, Some(l)) => ctx.start_lesson(l, seed, false),
        (None, None) => {}
    }
    let real_client = Real::start();
    super::clock::start(ctx, Some(real_client));
    super::address::open(ctx);
    let in_lms = super::scorm::start(ctx, lesson_id.clone());
    // A class link: a student's join bar, or with `teacher=1` the teacher's view.
    let class = super::lang::query_flag("class").map(|_| {
        if super::lang::query_flag("teacher").as_deref() == Some("1") {
            ClassPart::Teacher
        } else {
            ClassPart::Student
        }
    });
    let teacher = class == Some(ClassPart::Teacher);
    let t = move |text: Text| move || lang.get().t(text);
    let tab = ctx.view;
    let mode = super::lang::query_flag("mode");
    let real = RwSignal::new(mode.as_deref() == Some("real"));
    // A mistyped link (a teacher's typo) says so, and the default opens.
    let view_name = super::lang::query_flag("view");
    // With a teacher's lesson file, `?lesson=` names that lesson (its SCORM package's launch).
    let own_file = super::lang::query_flag("lessonfile").is_some();
    let unknown = [
        lesson_id
            .as_deref()
            .filter(|id| !own_file && !id.is_empty() && find_lesson(id).is_none()),
        view_name.as_deref().filter(|v| View::from_id(v).is_none()),
        mode.as_deref().filter(|m| *m != "real"),
    ];
    if unknown.iter().any(Option::is_some) {
        let [lesson, view, mode] = unknown.map(|v| v.map(str::to_string));
        ctx.notice.set(Some(Say::Unknown { lesson, view, mode }));
    }
    // The teacher's view shows no simulation: it does not run behind it.
    if real.get_untracked() || teacher {
        ctx.update(|s| s.set_playing(false));
    }
    let switch_mode = move |_| {
        real.update(|r| *r = !*r);
        super::lang::set_query("mode", real.get_untracked().then_some("real"));
        // The simulation pauses while the real client is shown.
        ctx.update(|s| s.set_playing(!real.get_untracked()));
    };
    // Picking a message opens its journey next to the log.
    let choose_lesson = move |ev| {
        let id = event_target_value(&ev);
        ctx.open_lesson((!id.is_empty()).then_some(id.as_str()));
    };
    let own_lesson = move || ctx.read(SimPart::Goals, |s| s.own_lesson().is_some());
    let current_lesson = move || {
        ctx.read(SimPart::Run, |s| {
            s.lesson.map(|l| l.id.to_string()).unwrap_or_default()
        })
    };
    let tab_button = move |which: View, label: Text, id: &'static str| {
        // Reaching a tab fetches its code if it is not here yet.
        let prefetch = move || match which {
            // The sequence diagram comes with the page.
            View::Sequence => {}
            View::Log => crate::web::components::timeline::TIMELINE.prefetch(),
            View::Broker => crate::web::components::broker_panel::BROKER_PANEL.prefetch(),
            View::Wildcard => crate::web::components::wildcard::WILDCARD.prefetch(),
            View::Capture => crate::web::components::capture::CAPTURE.prefetch(),
        };
        view! {
            <button type="button" role="tab" data-testid=id class="tab"
                on:pointerenter=move |_| prefetch() on:focus=move |_| prefetch()
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| {
                    tab.set(which);
                    super::lang::set_query("view", Some(which.id()));
                }>{t(label)}</button>
        }
    };
    let passed = move |id: &str| ctx.progress.with(|p| p.contains_key(id));
    // A first visit to the plain address (nothing passed in this browser, nothing asked for):
    // a short card says what this is and where to start.
    let asked = ["lesson", "scenario", "class", "mode", "demo", "embed"]
        .into_iter()
        .any(|q| super::lang::query_flag(q).is_some());
    let first_visit =
        !asked && ctx.progress.with_untracked(|p| p.is_empty()) && !files::has_fragment();
    // The lesson builder (`?build=1`), and whether it was ever opened.
    let building = RwSignal::new(
        !embed && !teacher && super::lang::query_flag("build").as_deref() == Some("1"),
    );
    let built = RwSignal::new(building.get_untracked());
    // On a phone: the stage first (the lesson is one tap away, its goals counted on the bar).
    let part = RwSignal::new(Part::Stage);
    // Another language's texts come first (a part of their own); the page then speaks it.
    let switch_lang = move |l: Lang| {
        leptos::task::spawn_local(async move {
            match super::catalogue::load(l).await {
                Ok(()) => set_lang.set(l),
                Err(_) => ctx
                    .notice
                    .set(Some(Say::Failed(Text::LanguageFailed, Why::Nothing))),
            }
        })
    };
    // Past the top bar and the forms, straight to the stage's first device (no hash: the
    // address may hold a teacher's lesson).
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        part.set(Part::Stage);
        // The stage's one Tab stop: its first device, or the one focused last.
        let focus_first = || {
            let first = (document()
                .query_selector(".diagram .node[tabindex=\"0\"]")
                .ok())
            .flatten();
            if let Some(node) = first {
                let _ = node.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
        };
        // Once drawn, and again a frame later: on a phone the stage was hidden behind another
        // part, and its devices are drawn anew once it is measured.
        request_animation_frame(move || {
            focus_first();
            request_animation_frame(focus_first);
        });
    };
    view! {
        <a class="skip-link" href="#part-stage" data-testid="skip-to-stage" class:hidden=move || teacher || real.get() on:click=skip>{t(Text::SkipToStage)}</a>
        <header class="topbar">
            <h1 class="title" data-testid="app-title">{t(Text::AppTitle)}</h1>
            <label class="lesson-pick" class:hidden=teacher>
                <span class="lesson-pick-label">{t(Text::LessonLabel)}</span>
                <select data-testid="lesson-select" on:change=choose_lesson>
                    // Free play, or a teacher's lesson (a link, the builder's preview) named as such.
                    <option value="" selected=move || current_lesson().is_empty()>
                        {move || lang.get().t(if own_lesson() { Text::TeachersLesson } else { Text::FreePlay })}
                    </option>
                    {LESSONS.iter().map(|l| {
                        let id = l.id;
                        // A lesson that works on a mistake the student's answers showed says so
                        // (not the one open: a wrong prediction there is part of learning it).
                        let review = move || !passed(id) && current_lesson() != id && ctx.mistakes.with(|all| all.iter().any(|m| m.lesson() == id));
                        view! { <option value=id selected=move || current_lesson() == id>{move || if passed(id) { "✔ " } else { "" }}{move || lang.get().t(l.title())}{move || review().then(|| format!(" · {}", lang.get().t(Text::ToReview)))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <div class="top-actions">
                {(!embed && !teacher).then(|| view! {
                    <button type="button" class="secondary build-open" data-testid="build-open" aria-pressed=move || building.get().to_string()
                        on:pointerenter=move |_| crate::web::components::builder::BUILDER.prefetch()
                        on:focus=move |_| crate::web::components::builder::BUILDER.prefetch()
                        on:click=move |_| {
                            let open = !building.get_untracked();
                            building.set(open);
                            built.set(built.get_untracked() || open);
                            super::lang::set_query("build", open.then_some("1"));
                        }>
                        {t(Text::CreateLesson)}
                    </button>
                })}
                {embed.then(|| view! {
                    <a class="button secondary" data-testid="open-full" target="_blank" rel="noopener"
                        href=move || full_app_link(lang.get())>{t(Text::OpenFullApp)}</a>
                })}
                <button type="button" class="secondary" data-testid="mode-switch" aria-pressed=move || real.get().to_string() on:click=switch_mode
                    on:pointerenter=move |_| crate::web::components::real::REAL_PANEL.prefetch() on:focus=move |_| crate::web::components::real::REAL_PANEL.prefetch()>
                    {move || lang.get().t(if real.get() { Text::ModeSimulated } else { Text::ModeReal })}
                </button>
                <button type="button" class="secondary" data-testid="theme-toggle" title=t(Text::ThemeToggle)
                    aria-label=t(Text::ThemeToggle) on:click=move |_| super::theme::toggle()>"◐"</button>
                <div class="lang" role="group" data-testid="lang-switch" aria-label=t(Text::LanguageLabel)>
                    {Lang::listed().map(|l| view! {
                        <button type="button" class="lang-switch" translate="no" data-testid=format!("lang-{}", l.code())
                            lang=l.html_lang() aria-pressed=move || (lang.get() == l).to_string()
                            on:click=move |_| switch_lang(l)>
                            {l.name()}
                        </button>
                    }).collect_view()}
                </div>
            </div>
        </header>
        <section class="lead" aria-label=t(Text::AppTitle)>
            <p class="tagline" data-testid="tagline" class:hidden=move || embed || ctx.read(SimPart::Run, |s| s.lesson.is_some())>{t(Text::Tagline)}</p>
            <p class="intro sr-only" data-testid="intro">{t(Text::SimulatedBrokerIntro)}</p>
            <NoticeBar/>
            <UpdateBar/>
            {in_lms.then(|| view! { <p class="hint lms" data-testid="lms-status">{t(Text::LmsConnected)}</p> })}
        </section>
        {(class == Some(ClassPart::Student)).then(|| crate::web::components::class::class(ClassPart::Student))}
        <div class="sr-only" aria-live="polite" data-testid="live">{move || ctx.read(SimPart::Log, |s| s.seen.announce).map(|(delivered, matched)| Msg::DeliveredOf { delivered, matched }.render(lang.get()))}</div>
        <output hidden data-testid="stats">{move || ctx.read(SimPart::Log, |s| format!("published={} events={} wasm_bytes={} now_ms={} last={}", s.seen.published, s.run.trace_total(), super::state::wasm_memory_bytes(), s.run.now().millis(), s.run.trace().last().map_or(0, |e| e.seq)))}</output>
        <Show when=move || real.get()>
            <main>{crate::web::components::real::real_panel(lang)}</main>
        </Show>
        {teacher.then(|| view! { <main class="teacher" class:hidden=move || real.get()>{crate::web::components::class::class(ClassPart::Teacher)}</main> })}
        <main class="layout" class:hidden=move || real.get() || teacher data-part=move || part.get().id()>
            <div class="col col-a" id="part-lesson">
                {first_visit.then(|| view! { <StartCard/> })}
                // The builder, once opened, stays (hidden while closed): nothing built is lost.
                <div class:hidden=move || !building.get()>
                    {move || built.get().then(|| crate::web::components::builder::builder(building))}
                </div>
                <LessonPanel/>
                <Controls/>
                {crate::web::components::share::share_panel()}
                {crate::web::components::class::class_setup()}
                <Devices/>
            </div>
            <div class="col col-b">
                <div id="part-stage"><Diagram/>{crate::web::components::scrubber::scrubber()}</div>
                <section class="acting panel" id="part-actions" data-testid="acting" aria-label=t(Text::ActingTitle)>
                    {crate::web::components::coach::advice("acting-advice")}
                    <ActingCard/>
                    // Made again when another run opens: each starts with its presets, and
                    // nothing typed for another lesson carries over.
                    <div class="acting-forms">
                        {move || { ctx.opened.track(); view! { <PublishForm/><SubscribeForm/> } }}
                    </div>
                </section>
            </div>
            <div class="col col-c" id="part-messages">
                <div role="tablist" class="tabs" aria-label=t(Text::Views)>
                    {tab_button(View::Sequence, Text::SequenceTitle, "tab-sequence")}
                    {tab_button(View::Log, Text::Timeline, "tab-log")}
                    {tab_button(View::Broker, Text::BrokerInternals, "tab-broker")}
                    {tab_button(View::Wildcard, Text::WildcardTester, "tab-wildcard")}
                    {tab_button(View::Capture, Text::CaptureTab, "tab-capture")}
                </div>
                <div role="tabpanel">
                    {move || match tab.get() {
                        View::Sequence => crate::web::components::sequence::sequence().into_any(),
                        View::Log => crate::web::components::timeline::timeline().into_any(),
                        View::Broker => crate::web::components::broker_panel::broker_panel().into_any(),
                        View::Wildcard => crate::web::components::wildcard::wildcard_tester().into_any(),
                        View::Capture => crate::web::components::capture::capture_panel().into_any(),
                    }}
                </div>
                <JourneyPanel/>
                <GlossaryPanel/>
            </div>
        </main>
        // On a phone one part shows at a time; this bar reaches each in one tap.
        <nav class="parts-nav" aria-label=t(Text::PartsNav)>
            {part_link(part, Part::Stage, Text::Network, "nav-stage")}
            {part_link(part, Part::Actions, Text::ActingTitle, "nav-actions")}
            {part_link(part, Part::Lesson, Text::LessonPart, "nav-lesson")}
            {part_link(part, Part::Messages, Text::MessagesPart, "nav-messages")}
        </nav>
    }
    .into_any()
}

/// The parts of the page a phone shows one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Stage,
    Actions,
    Lesson,
    Messages,
}

impl Part {
    /// Its name in the page (`data-part`, and the part's element id `part-…`).
    fn id(self) -> &'static str {
        match self {
            Part::Stage => "stage",
            Part::Actions => "actions",
            Part::Lesson => "lesson",
            Part::Messages => "messages",
        }
    }
}

/// A link of the phone's bar: shows its part and brings it into sight. The lesson's says the
/// open step of all (as the lesson does), or ✓ once passed, and marks a question waiting
/// (it may be scrolled out of sight), so neither a step met nor a question asked is missed.
fn part_link(
    part: RwSignal<Part>,
    which: Part,
    label: Text,
    testid: &'static str,
) -> impl IntoView {
    let ctx = Ctx::get();
    let go = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        part.set(which);
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&format!("part-{}", which.id())) {
                el.scroll_into_view();
            }
        });
    };
    let place = move || {
        (which == Part::Lesson)
            .then(|| ctx.read(SimPart::Goals, |s| s.goals.place()))
            .flatten()
    };
    let steps = move || {
        place().map(|p| match p.done {
            true => " ✓".to_string(),
            false => format!(" {}/{}", p.at, p.of),
        })
    };
    let asks = move || place().is_some_and(|p| p.asks);
    view! {
        <a href=format!("#part-{}", which.id()) data-testid=testid on:click=go
            aria-current=move || (part.get() == which).then_some("true")>
            {move || ctx.lang.get().t(label)}{steps}
            <Show when=asks>
                <span class="asks" aria-hidden="true" data-testid="nav-asks">"?"</span>
                <span class="sr-only">{move || format!(", {}", ctx.lang.get().t(Text::QuestionWaits))}</span>
            </Show>
        </a>
    }
}

/// This page's address without `embed`, to open the app in its own tab.
fn full_app_link(lang: Lang) -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    if let Some(p) = &params {
        p.delete("embed");
        p.set("lang", lang.code());
    }
    let query = params
        .map(|p| String::from(p.to_string()))
        .unwrap_or_default();
    format!("{}?{query}", files::app_base())
}

/// The page-level notice: a loaded run, or why a link or file could not be opened.
#[component]
fn NoticeBar() -> impl IntoView {
    let ctx = Ctx::get();
    move || {
        ctx.notice.get().map(|n| {
            let error = n.is_error();
            view! {
                <div class="notice" class:error=error role=if error { "alert" } else { "status" } data-testid="notice">
                    <span data-testid=if error { "notice-error" } else { "notice-info" }>{move || n.render(ctx.lang.get())}</span>
                    <button type="button" class="secondary" data-testid="notice-dismiss"
                        on:click=move |_| ctx.notice.set(None)>{move || ctx.lang.get().t(Text::Dismiss)}</button>
                </div>
            }
        })
    }
}

/// A newer build ready (offline use): one click reloads into it.
#[component]
fn UpdateBar() -> impl IntoView {
    let ctx = Ctx::get();
    let ready = RwSignal::new(false);
    super::offline::register(move || {
        let _ = ready.try_set(true);
    });
    let t = move |k: Text| move || ctx.lang.get().t(k);
    view! {
        <Show when=move || ready.get()>
            <div class="notice" role="status" data-testid="update-notice">
                <span>{t(Text::UpdateReady)}</span>
                <button type="button" data-testid="update-reload"
                    on:click=|_| super::offline::apply_update()>{t(Text::UpdateReload)}</button>
            </div>
        </Show>
    }
}

/// The first visit's card: what this is, and two ways in (lesson 1, or free play). Gone once
/// another run opens, or the student chooses free play.
#[component]
fn StartCard() -> impl IntoView {
    let ctx = Ctx::get();
    let shown = RwSignal::new(true);
    let t = move |k: Text| move || ctx.lang.get().t(k);
    move || {
        (shown.get() && ctx.opened.get() == 0).then(|| view! {
            <section class="start-card" data-testid="start-card" aria-labelledby="start-title">
                <h2 id="start-title">{t(Text::StartTitle)}</h2>
                <p>{t(Text::StartBody)}</p>
                <div class="row">
                    <button type="button" data-testid="start-lesson" on:click=move |_| ctx.open_lesson(Some("pubsub"))>{t(Text::StartLesson)}</button>
                    <button type="button" class="secondary" data-testid="start-free" on:click=move |_| shown.set(false)>{t(Text::StartFree)}</button>
                </div>
            </section>
        })
    }
}
