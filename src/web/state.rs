//! The app's state: the running simulation (a core [`Run`]) and the projections the views read,
//! each taken in from the trace every frame and holding typed, language-free values: the
//! stage's packets and notes ([`Stage`]), the sequence diagram's arrows ([`Sequence`]), a
//! bounded log, the lesson's goals, the topics seen and the last message's reach for screen
//! readers. Views read it through [`Ctx`] and write the words when they show them; nothing here
//! decides protocol questions.

use std::collections::VecDeque;

use leptos::prelude::*;

use crate::core::sequence::Sequence;
use crate::core::sim::lessons::{free_play, lesson as find_lesson, Advice, Forms, Lesson, LESSONS};
use crate::core::sim::{Action, DeviceConfig, Player, Run, Scenario, ScenarioError, Share, World};
use crate::core::time::Time;
use crate::core::trace::{MsgId, TraceEvent, TraceKind};
use crate::i18n::{Lang, Text};
use crate::web::bridge::Sent;
use crate::web::say::{Say, Why};
use crate::web::stage::{Stage, TEACH_MS};

mod travel;

/// Events the log view keeps (older ones scroll away).
pub const LOG_CAP: usize = 5_000;
/// Trace events the run keeps for lesson checks.
pub const TRACE_CAP: usize = 50_000;
/// Topics the topic tree keeps.
pub const TOPICS_CAP: usize = 2_000;
/// Events a shared run replays per frame while it catches up (more than a normal frame: the
/// page shows only a progress line meanwhile).
pub const CATCH_UP_BUDGET: usize = 20_000;
/// Publishes kept for the bridge between two frames at most.
pub const OUTBOX_CAP: usize = 1_000;
/// Events processed per frame at most: the page stays responsive at any speed.
pub const FRAME_BUDGET: usize = 5_000;

/// The simulation as the page holds it.
pub struct Sim {
    /// The run (world + recorded actions).
    pub run: Run,
    /// Play, pause, speed.
    pub player: Player,
    /// The lesson being played, if any.
    pub lesson: Option<&'static Lesson>,
    /// Whether the run started from that built-in lesson's own scenario (a share link then
    /// names the lesson instead of carrying the scenario).
    pub builtin: bool,
    /// The newest trace events, for the log view.
    pub log: VecDeque<TraceEvent>,
    /// What the stage draws: packets on the wire, what the broker did lately.
    pub stage: Stage,
    /// Every packet on a link, for the sequence diagram.
    pub sequence: Sequence,
    /// The teaching speed: every packet is drawn for [`TEACH_MS`] at least, the virtual
    /// clock waiting for the picture (the default in lessons).
    pub teaching: bool,
    /// Which lesson goals hold.
    pub goals: Vec<bool>,
    /// Why the device a goal is about missed the newest message it should have got.
    pub advice: Option<Advice>,
    /// The message that tells what just happened, once the lesson is passed.
    pub story: Option<MsgId>,
    /// The last message's reach, for the live region (delivered, matched).
    pub announce: Option<(usize, usize)>,
    /// The wasm memory's size in bytes (for the load benchmark).
    pub wasm_bytes: u64,
    /// Messages the broker accepted for routing, in all.
    pub published: u64,
    /// Every topic published (at most [`TOPICS_CAP`]): messages seen and the last payload.
    pub topics: litemap::LiteMap<String, (u64, String)>,
    /// Collect the devices' publishes for the bridge (only while one is bridged).
    pub collect_sent: bool,
    /// A shared run still being rebuilt: the events and the clock to reach.
    catch_up: Option<(u64, Time)>,
    /// The publishes collected since the bridge last took them.
    pub outbox: Vec<Sent>,
    /// Trace events of the run so far, also those ahead after a seek back (the scrubber's end).
    end: u64,
    /// Whether the player ran before the scrubber moved back (it does again at the end).
    resume: Option<bool>,
    /// The end before the last fork, for its undo.
    undo_end: Option<u64>,
    seen: u64,
    last_wall: Option<f64>,
    last_check: f64,
}

impl Sim {
    /// A simulation of a lesson (by id) or, with `None`, free play in a small house.
    pub fn new(
        lesson_id: Option<&str>,
        seed: Option<u64>,
        lang: Lang,
    ) -> Result<Sim, ScenarioError> {
        let lesson = lesson_id.and_then(find_lesson);
        let mut scenario = match lesson {
            Some(l) => l.scenario()?,
            None => free_play(lang.content_code()),
        };
        if let Some(seed) = seed {
            scenario.seed = seed;
        }
        let mut sim = Sim::from_scenario(&scenario, lesson)?;
        sim.builtin = lesson.is_some();
        Ok(sim)
    }

    /// A simulation rebuilt from a share link. It catches up over the next frames (a long
    /// run never freezes the page; see [`Sim::catching_up`]) and stops paused where the link
    /// was made.
    pub fn from_share(share: &Share) -> Result<Sim, ScenarioError> {
        let run = Run::with_log(&share.scenario()?, &share.log)?;
        let lesson = share.lesson.as_deref().and_then(find_lesson);
        let mut sim = Sim::from_run(run, lesson);
        sim.builtin = lesson.is_some();
        sim.player.playing = false;
        sim.catch_up = Some((share.steps, Time::from_millis(share.at_ms)));
        Ok(sim)
    }

    /// While a shared run is being rebuilt: how far, from 0 to 1.
    pub fn catching_up(&self) -> Option<f64> {
        self.catch_up
            .map(|(steps, _)| self.run.world().steps() as f64 / steps.max(1) as f64)
    }

    /// The link that rebuilds this run.
    pub fn share(&self) -> Share {
        let lesson = self.lesson.filter(|_| self.builtin).map(|l| l.id);
        Share::of(&self.run, lesson)
    }

    /// A simulation of any scenario.
    pub fn from_scenario(
        scenario: &Scenario,
        lesson: Option<&'static Lesson>,
    ) -> Result<Sim, ScenarioError> {
        let run = Run::new(scenario)?;
        let lesson = lesson.or_else(|| scenario.lesson.as_deref().and_then(find_lesson));
        Ok(Sim::from_run(run, lesson))
    }

    fn from_run(mut run: Run, lesson: Option<&'static Lesson>) -> Sim {
        run.set_trace_limit(TRACE_CAP);
        let goals = lesson.map_or_else(Vec::new, |l| vec![false; l.goals]);
        Sim {
            run,
            player: Player::default(),
            lesson,
            builtin: false,
            log: VecDeque::new(),
            stage: Stage::default(),
            sequence: Sequence::default(),
            teaching: lesson.is_some(),
            goals,
            advice: None,
            story: None,
            announce: None,
            published: 0,
            wasm_bytes: 0,
            topics: litemap::LiteMap::new(),
            collect_sent: false,
            catch_up: None,
            outbox: Vec::new(),
            end: 0,
            resume: None,
            undo_end: None,
            seen: 0,
            last_wall: None,
            last_check: 0.0,
        }
    }

    /// A frame: advances virtual time by the wall time passed (scaled by the speed), within
    /// the frame budget, and takes in the new trace events. Returns whether anything changed.
    pub fn frame(&mut self, wall_ms: f64) -> bool {
        if let Some((steps, at)) = self.catch_up {
            if self.run.catch_up(steps, at, CATCH_UP_BUDGET) {
                self.catch_up = None;
                self.check_goals();
            }
            self.ingest();
            self.last_wall = Some(wall_ms);
            return true;
        }
        let dt = self.last_wall.map_or(0.0, |last| wall_ms - last);
        self.last_wall = Some(wall_ms);
        let advance = self.player.advance(dt);
        if advance > 0 {
            let target = self.run.now() + advance;
            if self.teaching {
                self.run_teaching(target, wall_ms);
            } else {
                self.run.run_until(target, FRAME_BUDGET);
            }
        }
        let animating = self.teaching && self.player.playing && !self.stage.is_empty();
        if advance == 0 && !animating {
            return false;
        }
        self.ingest();
        if wall_ms - self.last_check > 250.0 {
            self.last_check = wall_ms;
            self.check_goals();
        }
        true
    }

    /// The teaching speed's step: up to `target`, but never past the arrival of a packet not
    /// yet drawn for [`TEACH_MS`], and stopping when a new packet leaves (so it is drawn).
    fn run_teaching(&mut self, target: Time, wall_ms: f64) {
        let hold = (self.stage.flights.iter())
            .filter(|f| wall_ms - f.wall_start < TEACH_MS)
            .filter_map(|f| f.arrives)
            .map(|a| Time::from_millis(a.millis().saturating_sub(1)))
            .min();
        let target = hold.map_or(target, |h| h.min(target));
        if target <= self.run.now() {
            return;
        }
        for _ in 0..FRAME_BUDGET {
            let before = self.run.trace_total();
            let done = self.run.run_until(target, 1);
            let left = (self.run.events_since(before).iter())
                .any(|e| matches!(e.kind, TraceKind::Transmitted { .. }));
            if done || left {
                break;
            }
        }
    }

    /// One event forward (paused stepping).
    pub fn step(&mut self) {
        if self.catch_up.is_some() {
            return;
        }
        self.run.step();
        self.ingest();
        self.check_goals();
    }

    /// Applies a student's action.
    pub fn apply(&mut self, action: Action) -> Result<(), ScenarioError> {
        if self.catch_up.is_some() {
            return Err(crate::core::json_read::err(
                "",
                crate::core::json_read::Problem::StillOpening,
            ));
        }
        let (past, end) = (self.in_past(), self.end());
        self.run.apply(action)?;
        if past {
            self.forked(end);
        }
        self.ingest();
        self.check_goals();
        Ok(())
    }

    fn check_goals(&mut self) {
        if let Some(l) = self.lesson {
            // The checks' code comes with the first lesson; until then nothing is judged.
            let Some(judged) =
                lesson_goals(l, self.run.world(), self.run.trace(), self.story.is_none())
            else {
                return;
            };
            // A goal once reached stays reached (the trace is bounded).
            for (kept, new) in self.goals.iter_mut().zip(judged.goals) {
                *kept |= new;
            }
            let passed = self.goals.iter().all(|g| *g);
            self.advice = judged.advice.filter(|_| !passed);
            if passed && self.story.is_none() {
                self.story = judged.story;
            }
        }
    }

    /// What the forms show when this run opens: the lesson's devices and topics, or free
    /// play's.
    pub fn forms(&self) -> Forms {
        self.lesson.map_or(Forms::FREE_PLAY, |l| l.forms)
    }

    fn ingest(&mut self) {
        let now = self.run.now();
        let wall = self.last_wall.unwrap_or(0.0);
        let new = self.run.events_since(self.seen);
        let world = self.run.world();
        let mut journey: Option<(MsgId, usize, usize)> = None;
        self.sequence.ingest(new);
        self.stage.ingest(new, world, wall);
        for e in new {
            match &e.kind {
                TraceKind::Published { msg, .. } => {
                    self.published += 1;
                    journey = Some((*msg, 0, 0));
                }
                TraceKind::DeviceSent {
                    device,
                    topic,
                    payload,
                    qos,
                    retain,
                    sent,
                    ..
                } => {
                    if self.collect_sent && *sent && self.outbox.len() < OUTBOX_CAP {
                        self.outbox.push(Sent {
                            device: device.to_string(),
                            topic: topic.as_str().to_string(),
                            payload: payload.clone(),
                            qos: qos.as_u8(),
                            retain: *retain,
                        });
                    }
                    count_topic(&mut self.topics, topic.as_str(), payload);
                }
                TraceKind::FilterTried { msg, matched, .. } => {
                    if let Some(j) = journey.as_mut().filter(|j| j.0 == *msg && *matched) {
                        j.2 += 1;
                    }
                }
                TraceKind::Delivered { msg, .. } => {
                    if let Some(j) = journey.as_mut().filter(|j| j.0 == *msg) {
                        j.1 += 1;
                    }
                }
                TraceKind::Queued { msg, .. } => {
                    if let Some(j) = journey.as_mut().filter(|j| j.0 == *msg) {
                        j.1 += 1;
                    }
                }
                _ => {}
            }
            if self.log.len() == LOG_CAP {
                self.log.pop_front();
            }
            self.log.push_back(e.clone());
        }
        self.seen = self.run.trace_total();
        if self.seen >= self.end {
            // Live (again, after playing through a past stretch).
            self.end = self.seen;
            self.resume = None;
        }
        if let Some((_, n, m)) = journey.filter(|j| j.2 > 0) {
            self.announce = Some((n, m));
        }
        self.wasm_bytes = wasm_memory_bytes();
        self.stage.prune(now, wall, self.teaching);
    }

    /// The devices with an MQTT client (every one but eavesdroppers), in scenario order.
    pub fn clients(&self) -> impl Iterator<Item = &DeviceConfig> {
        self.run
            .world()
            .devices()
            .iter()
            .map(|d| &d.config)
            .filter(|c| c.kind.has_client())
    }

    /// The lessons, for the selector.
    pub fn lessons() -> &'static [Lesson] {
        &LESSONS
    }
}

/// Counts a message on its topic, with its payload as the last seen (at most [`TOPICS_CAP`]
/// topics).
fn count_topic(topics: &mut litemap::LiteMap<String, (u64, String)>, topic: &str, payload: &[u8]) {
    let text = String::from_utf8_lossy(payload).into_owned();
    if let Some(entry) = topics.get_mut(topic) {
        entry.0 += 1;
        entry.1 = text;
    } else if topics.len() < TOPICS_CAP {
        topics.insert(topic.to_string(), (1, text));
    }
}

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

/// What every component reaches through context.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The interface language.
    pub lang: ReadSignal<Lang>,
    /// The simulation (not reactive by itself: see `tick`).
    pub sim: StoredValue<Sim, LocalStorage>,
    /// Bumped every animation frame (the diagram and the clock follow it).
    pub tick: RwSignal<u64>,
    /// Bumped at most four times a second, and after every action (tables and lists).
    pub slow: RwSignal<u64>,
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
    /// The view shown in the right-hand area.
    pub view: RwSignal<View>,
    /// The scenario's address when it came from `?scenario=` (embed snippets reuse it).
    pub source: RwSignal<Option<String>>,
    /// Bumped when another run opens (a lesson, a file, a link): the forms take its presets.
    pub opened: RwSignal<u64>,
}

impl Ctx {
    /// Reads the simulation, re-running the caller a few times a second while it runs and
    /// after every action (a default value once the app is torn down).
    pub fn read<T: Default>(&self, f: impl FnOnce(&Sim) -> T) -> T {
        self.slow.track();
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Reads the simulation, re-running the caller every frame (animation).
    pub fn read_fast<T: Default>(&self, f: impl FnOnce(&Sim) -> T) -> T {
        self.tick.track();
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Changes the simulation and tells every view.
    pub fn update<T>(&self, f: impl FnOnce(&mut Sim) -> T) -> Option<T> {
        let out = self.sim.try_update_value(f);
        self.tick.update(|t| *t += 1);
        self.slow.update(|t| *t += 1);
        out
    }

    /// Reads the simulation once, without following its changes (event handlers).
    pub fn peek<T: Default>(&self, f: impl FnOnce(&Sim) -> T) -> T {
        self.sim.try_with_value(f).unwrap_or_default()
    }

    /// Replaces the simulation (a lesson, a file, a link) and says so.
    pub fn replace(&self, sim: Sim, notice: Option<Say>) {
        self.update(|s| *s = sim);
        self.opened.update(|n| *n += 1);
        self.acting.set(self.peek(|s| s.forms().acting()));
        self.selected.set(None);
        self.error.set(None);
        self.notice.set(notice);
    }

    /// Opens a lesson (`None`: free play) from its start, and names it in the address.
    pub fn open_lesson(&self, id: Option<&str>) {
        if let Ok(fresh) = Sim::new(id, None, self.lang.get_untracked()) {
            self.source.set(None);
            self.replace(fresh, None);
            crate::web::lang::set_query("lesson", id);
            // The button that opened it is gone: the keyboard goes on from the lesson's title.
            request_animation_frame(|| {
                let title = (document().get_element_by_id("lesson-title"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(t) = title {
                    let _ = t.focus();
                }
            });
        }
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
fn wasm_memory_bytes() -> u64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |b| u64::from(b.byte_length()))
}

/// A lesson's goals judged on the run, with the coach's advice and, once passed, the message
/// that tells what happened.
pub struct Judged {
    /// Which goals hold.
    pub goals: Vec<bool>,
    /// Why a watched device missed its message.
    pub advice: Option<Advice>,
    /// The message for the story of the pass (when asked and every goal holds).
    pub story: Option<MsgId>,
}

crate::web::lazy::split_fn!(
    lesson_checks,
    fetch_lesson_checks,
    fn lesson_checks_split(
        lesson: &'static Lesson,
        world: &World,
        trace: &[TraceEvent],
        story: bool,
    ) -> Judged {
        use crate::core::sim::lessons::coach;
        let goals = lesson.check(world, trace);
        let passed = goals.iter().all(|g| *g);
        Judged {
            advice: coach::advise(lesson.watch, world, trace),
            story: (story && passed)
                .then(|| coach::story_msg(lesson.watch, world, trace))
                .flatten(),
            goals,
        }
    }
);

/// The lessons' goal checks: fetched when a lesson starts (they are code a free-play visit
/// never runs).
pub static LESSON_CHECKS: crate::web::lazy::Part =
    crate::web::lazy::Part::new(|| Box::pin(fetch_lesson_checks()));

/// Which of a lesson's goals hold (and the coach's word), if the checks' code is here; `None`
/// (and the code starts coming) if not yet.
pub fn lesson_goals(
    lesson: &'static Lesson,
    world: &World,
    trace: &[TraceEvent],
    story: bool,
) -> Option<Judged> {
    match crate::web::lazy::ready(lesson_checks_split(lesson, world, trace, story)) {
        Some(Ok(goals)) => Some(goals),
        _ => {
            LESSON_CHECKS.prefetch();
            None
        }
    }
}

crate::web::lazy::split_fn!(
    open_shared_run,
    fetch_open_shared_run,
    fn open_shared_split(json: String) -> Result<Sim, ScenarioError> {
        Share::from_json(&json).and_then(|share| Sim::from_share(&share))
    }
);

/// A shared run rebuilt from its link's JSON (the code comes on first use: most visits open
/// no link).
pub async fn open_shared(json: String) -> Result<Sim, Why> {
    match open_shared_split(json).await {
        Ok(opened) => opened.map_err(Why::Scenario),
        Err(_) => Err(Why::Text(Text::LoadPartFailed)),
    }
}
