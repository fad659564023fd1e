//! The shell's state: the page's [`Sim`] (pure, in [`crate::page`]) in one stored value, and one
//! signal per [`Part`] of it, so a view re-renders only when what it reads changed. Views read
//! it through [`Ctx`] and write the words when they show them; nothing here decides protocol
//! questions.

use leptos::prelude::*;

use crate::core::sim::lessons::progress::Progress;
use crate::core::sim::lessons::{lesson as lesson_by_id, Lesson, LessonFile};
use crate::core::sim::{Action, ScenarioError, World};
use crate::core::trace::{MsgId, TraceEvent};
use crate::i18n::{Lang, Text};
pub use crate::page::{Judged, Part, Parts, Sim, Wanted};
use crate::web::say::{Say, Why};

/// The views of the right-hand area, as `?view=` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The sequence diagram of every packet (the main reading).
    Sequence,
    /// The event log.
    Log,
    /// The broker's internals.
    Broker,
    /// The wildcard tester.
    Wildcard,
    /// Captures for Wireshark.
    Capture,
}

impl View {
    /// Its name in links.
    pub fn id(self) -> &'static str {
        match self {
            View::Sequence => "sequence",
            View::Log => "log",
            View::Broker => "broker",
            View::Wildcard => "wildcard",
            View::Capture => "capture",
        }
    }

    /// The view a link names (unknown names: none).
    pub fn from_id(id: &str) -> Option<View> {
        [
            View::Sequence,
            View::Log,
            View::Broker,
            View::Wildcard,
            View::Capture,
        ]
        .into_iter()
        .find(|v| v.id() == id)
    }
}

/// One signal per [`Part`] of the simulation: bumped when that part changed.
#[derive(Clone, Copy)]
pub struct PartSignals([RwSignal<u64>; Part::ALL.len()]);

impl Default for PartSignals {
    fn default() -> PartSignals {
        PartSignals(std::array::from_fn(|_| RwSignal::new(0)))
    }
}

impl PartSignals {
    fn of(&self, part: Part) -> RwSignal<u64> {
        self.0[part as usize]
    }

    /// Tells the views that read these parts.
    pub fn bump(&self, parts: Parts) {
        for p in parts.iter() {
            self.of(p).update(|n| *n += 1);
        }
    }
}

/// What every component reaches through context.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The interface language.
    pub lang: ReadSignal<Lang>,
    /// The simulation (not reactive by itself: see `parts`).
    pub sim: StoredValue<Sim, LocalStorage>,
    /// One signal per part of the simulation.
    pub parts: PartSignals,
    /// The message whose journey is shown.
    pub selected: RwSignal<Option<MsgId>>,
    /// The acting device: chosen on the stage or in a form; its card and the forms follow.
    pub acting: RwSignal<Option<String>>,
    /// The last action's error, shown near the forms (in the language of the moment).
    pub error: RwSignal<Option<ScenarioError>>,
    /// The page-level notice: a link or file that could not be opened, a run loaded.
    pub notice: RwSignal<Option<Say>>,
    /// The lessons passed in this browser.
    pub progress: RwSignal<litemap::LiteMap<String, ()>>,
    /// The usual mistakes the student's answers showed in this browser.
    pub mistakes: RwSignal<Vec<crate::core::misconception::Misconception>>,
    /// The view shown in the right-hand area.
    pub view: RwSignal<View>,
    /// The scenario's address when it came from `?scenario=` (embed snippets reuse it).
    pub source: RwSignal<Option<String>>,
    /// Bumped when another run opens (a lesson, a file, a link): the forms take its presets.
    pub opened: RwSignal<u64>,
}

impl Ctx {
    /// Reads one part of the simulation, re-running the caller when that part changes (a
    /// default value once the app is torn down).
    pub fn read<T: Default>(&self, part: Part, f: impl FnOnce(&Sim) -> T) -> T {
        self.parts.of(part).track();
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Reads several parts, re-running the caller when any of them changes.
    pub fn read_parts<T: Default>(&self, parts: &[Part], f: impl FnOnce(&Sim) -> T) -> T {
        parts.iter().for_each(|p| self.parts.of(*p).track());
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Changes the simulation and tells the views of every part it changed.
    pub fn update<T>(&self, f: impl FnOnce(&mut Sim) -> T) -> Option<T> {
        let (out, changed) = self.sim.try_update_value(|s| {
            let out = f(s);
            (out, s.take_changed())
        })?;
        self.parts.bump(changed);
        Some(out)
    }

    /// Reads the simulation once, without following its changes (event handlers).
    pub fn peek<T: Default>(&self, f: impl FnOnce(&Sim) -> T) -> T {
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Replaces the simulation (a lesson, a file, a link) and says so.
    pub fn replace(&self, mut sim: Sim, notice: Option<Say>) {
        sim.judge = lesson_goals;
        self.update(|s| *s = sim);
        self.opened.update(|n| *n += 1);
        self.acting.set(self.peek(|s| s.forms().acting()));
        self.selected.set(None);
        self.error.set(None);
        self.notice.set(notice);
    }

    /// Opens a lesson (`None`: free play) from its start, and names it in the address.
    pub fn open_lesson(&self, id: Option<&str>) {
        let lesson = id.and_then(crate::core::sim::lessons::lesson);
        crate::web::lang::set_query("lesson", lesson.map(|l| l.id));
        self.source.set(None);
        let content = self.lang.get_untracked().content_code();
        if let Ok(fresh) = Sim::opening(lesson, None, content) {
            self.replace(fresh, None);
        }
        if let Some(l) = lesson {
            self.start_lesson(l, None, true);
        }
    }

    /// Runs a built-in lesson, waiting on the stage ([`Sim::awaiting`]), from its start once
    /// its scenario is read: the reader comes with the lesson's part. Nothing happens if
    /// another run opened meanwhile. `focus`: the keyboard goes on from the lesson's title
    /// (the button that opened it is gone).
    pub fn start_lesson(&self, lesson: &'static Lesson, seed: Option<u64>, focus: bool) {
        let ctx = *self;
        let opened = self.opened.get_untracked();
        let content = self.lang.get_untracked().content_code();
        leptos::task::spawn_local(async move {
            let read = lesson_sim(lesson.id, seed, content).await;
            if ctx.opened.get_untracked() != opened {
                return;
            }
            match read {
                // What the page said meanwhile (a mistyped link…) stays.
                Ok(Ok(sim)) => ctx.replace(sim, ctx.notice.get_untracked()),
                Ok(Err(e)) => return ctx.fail(Text::ScenarioFailed, Why::Scenario(e)),
                Err(_) => return ctx.fail(Text::ScenarioFailed, Why::Text(Text::LoadPartFailed)),
            }
            if focus {
                request_animation_frame(|| {
                    let title = (document().get_element_by_id("lesson-title")).and_then(|e| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                    });
                    if let Some(t) = title {
                        let _ = t.focus();
                    }
                });
            }
        });
    }

    /// Runs a load test's house (`?demo=`, see `e2e/perf.mjs`): `Some(n)` devices, or `None`
    /// for the flood. Its generator comes with a part of its own; free play runs meanwhile.
    pub fn start_demo(&self, house: Option<usize>, seed: u64) {
        let ctx = *self;
        let opened = self.opened.get_untracked();
        leptos::task::spawn_local(async move {
            let made = demo_sim(house, seed).await;
            if ctx.opened.get_untracked() != opened {
                return;
            }
            match made {
                Ok(Ok(sim)) => ctx.replace(sim, None),
                Ok(Err(e)) => ctx.fail(Text::ScenarioFailed, Why::Scenario(e)),
                Err(_) => ctx.fail(Text::ScenarioFailed, Why::Text(Text::LoadPartFailed)),
            }
        });
    }

    /// Shows an error for the whole page (the run goes on unchanged).
    pub fn fail(&self, what: Text, why: Why) {
        self.notice.set(Some(Say::Failed(what, why)));
    }

    /// Applies an action; an error is shown, never lost.
    pub fn act(&self, action: Action) {
        let result = self.update(|s| s.apply(action));
        match result {
            Some(Err(e)) => self.error.set(Some(e)),
            _ => self.error.set(None),
        }
    }

    /// The context, from inside a component.
    pub fn get() -> Ctx {
        expect_context::<Ctx>()
    }
}

/// The size of this module's linear memory.
pub fn wasm_memory_bytes() -> u64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |b| u64::from(b.byte_length()))
}

crate::web::lazy::split_fn!(
    lesson_checks,
    fetch_lesson_checks,
    fn lesson_checks_split(
        file: &LessonFile,
        progress: &Progress,
        world: &World,
        trace: &[TraceEvent],
        wanted: Wanted,
    ) -> Option<Judged> {
        crate::page::judge_now(file, progress, world, trace, wanted)
    }
);

crate::web::lazy::split_fn!(
    demos,
    fetch_demos,
    fn demo_sim(house: Option<usize>, seed: u64) -> Result<Sim, ScenarioError> {
        use crate::core::sim::lessons::{flood_of, house_of};
        match house {
            Some(n) => Sim::from_scenario(&house_of(n, seed), None),
            None => Sim::from_scenario(&flood_of(1000, seed), None),
        }
    }
);

crate::web::lazy::split_fn!(
    lesson_steps,
    fetch_lesson_sim,
    fn lesson_sim(
        id: &'static str,
        seed: Option<u64>,
        content: &'static str,
    ) -> Result<Sim, ScenarioError> {
        Sim::new(Some(id), seed, content)
    }
);

/// Starts fetching, as the page starts, what the address's first screen needs beside the
/// language's words, so that nothing waits for another's arrival: a lesson's steps (their
/// code and its file), or a demo's part.
pub fn fetch_first() {
    use crate::web::lang::query_flag;
    // The demos the app opens (`App`): another value opens the lesson or free play.
    if matches!(query_flag("demo").as_deref(), Some("flood" | "house")) {
        wasm_bindgen_futures::spawn_local(async {
            let _ = fetch_demos().await;
        });
    } else if let Some(lesson) = query_flag("lesson").as_deref().and_then(lesson_by_id) {
        crate::web::files::fetch_soon(&lesson.path());
        wasm_bindgen_futures::spawn_local(async {
            let _ = fetch_lesson_sim().await;
        });
    }
}

/// The lessons' goal checks: fetched when a lesson's first goal is near or open (code a
/// free-play visit, and a student reading a lesson's first explanation, never runs).
pub static LESSON_CHECKS: crate::web::lazy::Part =
    crate::web::lazy::Part::new(|| Box::pin(fetch_lesson_checks()));

/// Which of a lesson's goals hold (and the coach's word), if the checks' code is here; `None`
/// (and the code starts coming) if not yet.
pub fn lesson_goals(
    file: &LessonFile,
    progress: &Progress,
    world: &World,
    trace: &[TraceEvent],
    wanted: Wanted,
) -> Option<Judged> {
    match crate::web::lazy::ready(lesson_checks_split(file, progress, world, trace, wanted)) {
        Some(Ok(judged)) => judged,
        _ => {
            LESSON_CHECKS.prefetch();
            None
        }
    }
}
