//! The simulation as the page holds it: a core [`Run`] with its pacing, the projections the
//! views read (each taken in from the trace as it grows, typed and language-free) and the
//! lesson's goals. Every change says which [`Part`]s it touched.

use std::collections::VecDeque;

use bytes::Bytes;
use litemap::LiteMap;

use super::lesson::{judge_later, Goals, Judge};
use super::parts::{Part, Parts};
use super::stage::{Stage, TEACH_MS};
use crate::core::json_read::{err, Problem};
use crate::core::sequence::Sequence;
use crate::core::sim::lessons::{
    free_play, lesson as find_lesson, Forms, Lesson, LessonFile, SolutionStep,
};
use crate::core::sim::{Action, DeviceConfig, Player, Run, Scenario, ScenarioError, Share};
use crate::core::time::Time;
use crate::core::trace::{MsgId, TraceEvent, TraceKind};

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
/// Virtual milliseconds of trace before the scrub point the stage looks at (packets still on
/// their links then, what the broker did just before).
const STAGE_TAIL_MS: u64 = 10_000;
/// Trace events before the scrub point the sequence diagram takes in again at most.
const SEQUENCE_TAIL: usize = 20_000;

/// Wall milliseconds between two judgements of the goals while the run plays.
const CHECK_MS: f64 = 250.0;

/// A publish made in the simulation, for the bridge to a real broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The virtual device.
    pub device: String,
    /// Its topic.
    pub topic: String,
    /// The payload.
    pub payload: Bytes,
    /// QoS 0, 1 or 2.
    pub qos: u8,
    /// The retain flag.
    pub retain: bool,
}

/// How the run moves with wall time.
#[derive(Default)]
pub struct Pace {
    /// Play, pause, speed.
    pub player: Player,
    /// The teaching speed: every packet is drawn for [`TEACH_MS`] at least, the virtual
    /// clock waiting for the picture (the default in lessons).
    pub teaching: bool,
    /// A shared run still being rebuilt: the events and the clock to reach.
    catch_up: Option<(u64, Time)>,
    last_wall: Option<f64>,
    last_check: f64,
}

/// The projections of the trace the views read.
#[derive(Default)]
pub struct Seen {
    /// The newest trace events, for the log view.
    pub log: VecDeque<TraceEvent>,
    /// What the stage draws: packets on the wire, what the broker did lately.
    pub stage: Stage,
    /// Every packet on a link, for the sequence diagram.
    pub sequence: Sequence,
    /// Every topic published (at most [`TOPICS_CAP`]): messages seen and the last payload.
    pub topics: LiteMap<String, (u64, String)>,
    /// Messages the broker accepted for routing, in all.
    pub published: u64,
    /// The last message's reach, for the live region (delivered, matched).
    pub announce: Option<(usize, usize)>,
    /// Trace events taken in so far.
    taken: u64,
}

/// Where the scrubber stands.
#[derive(Default)]
pub(super) struct Scrub {
    /// Trace events of the run so far, also those ahead after a seek back.
    pub(super) end: u64,
    /// Whether the player ran before the scrubber moved back (it does again at the end).
    pub(super) resume: Option<bool>,
    /// The end before the last fork, for its undo.
    pub(super) undo_end: Option<u64>,
}

/// The simulation as the page holds it.
pub struct Sim {
    /// The run (world + recorded actions).
    pub run: Run,
    /// The lesson being played, if any.
    pub lesson: Option<&'static Lesson>,
    /// Whether the run started from that built-in lesson's own scenario (a share link then
    /// names the lesson instead of carrying the scenario).
    pub builtin: bool,
    /// Play, pause, speed, teaching.
    pub pace: Pace,
    /// The projections of the trace.
    pub seen: Seen,
    /// The lesson's goals.
    pub goals: Goals,
    /// Whether to collect the devices' publishes for the bridge (only while one is bridged).
    pub collect_sent: bool,
    /// The publishes collected since the bridge last took them.
    pub outbox: Vec<Sent>,
    /// How the goals are judged.
    pub judge: Judge,
    pub(super) scrub: Scrub,
    pub(super) changed: Parts,
}

impl Sim {
    /// A simulation of a lesson (by id) or, with `None`, free play in a small house, its
    /// names in a content language (`es`, `en`).
    pub fn new(
        lesson_id: Option<&str>,
        seed: Option<u64>,
        content: &str,
    ) -> Result<Sim, ScenarioError> {
        let Some(lesson) = lesson_id.and_then(find_lesson) else {
            return Sim::free_play(seed, content);
        };
        let mut scenario = lesson.scenario()?;
        if let Some(seed) = seed {
            scenario.seed = seed;
        }
        let mut sim = Sim::from_scenario(&scenario, Some(lesson))?;
        sim.builtin = true;
        Ok(sim)
    }

    /// Free play in a content language (`es`, `en`), with no file read: what a first visit
    /// runs before any part of the program is fetched.
    pub fn free_play(seed: Option<u64>, content: &str) -> Result<Sim, ScenarioError> {
        let mut scenario = free_play(content);
        if let Some(seed) = seed {
            scenario.seed = seed;
        }
        let mut sim = Sim::from_scenario(&scenario, None)?;
        // Every packet in sight from the first screen, as in the lessons.
        sim.pace.teaching = true;
        Ok(sim)
    }

    /// What opens at once for a built-in lesson ([`Sim::awaiting`] it) or free play.
    pub fn opening(
        lesson: Option<&'static Lesson>,
        seed: Option<u64>,
        content: &str,
    ) -> Result<Sim, ScenarioError> {
        match lesson {
            Some(l) => Sim::awaiting(l, seed),
            None => Sim::free_play(seed, content),
        }
    }

    /// A lesson's place while its scenario is read (by code that comes with the lesson's
    /// part): an empty house, the lesson named, paused.
    pub fn awaiting(lesson: &'static Lesson, seed: Option<u64>) -> Result<Sim, ScenarioError> {
        let mut sim = Sim::from_scenario(&Scenario::new(seed.unwrap_or(1)), Some(lesson))?;
        sim.builtin = true;
        sim.pace.player.playing = false;
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
        sim.pace.player.playing = false;
        sim.pace.catch_up = Some((share.steps, Time::from_millis(share.at_ms)));
        Ok(sim)
    }

    /// A teacher's lesson from its first step: its scenario, at the teaching speed.
    pub fn from_lesson_file(file: std::sync::Arc<LessonFile>) -> Result<Sim, ScenarioError> {
        let mut scenario = file.scenario.clone();
        scenario.lesson = None;
        let mut sim = Sim::from_scenario(&scenario, None)?;
        sim.pace.teaching = true;
        sim.set_plan(file);
        Ok(sim)
    }

    /// A run of a scenario with these actions played first, each after its wait (the builder
    /// records what the author does next).
    pub fn after(scenario: &Scenario, first: &[SolutionStep]) -> Result<Sim, ScenarioError> {
        let mut run = Run::new(scenario)?;
        for s in first {
            run.run_for(s.wait_ms);
            run.apply(s.action.clone())?;
        }
        Ok(Sim::from_run(run, None))
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
        Sim {
            run,
            lesson,
            builtin: false,
            pace: Pace {
                teaching: lesson.is_some(),
                ..Pace::default()
            },
            seen: Seen::default(),
            goals: Goals::default(),
            collect_sent: false,
            outbox: Vec::new(),
            judge: judge_later,
            scrub: Scrub::default(),
            changed: Parts::all(),
        }
    }

    /// The parts changed since the last call (a new simulation: all of them).
    pub fn take_changed(&mut self) -> Parts {
        std::mem::take(&mut self.changed)
    }

    /// Marks a part changed (a setting the shell changed directly, such as the speed).
    pub fn touch(&mut self, part: Part) {
        self.changed.insert(part);
    }

    /// While a shared run is being rebuilt: how far, from 0 to 1.
    pub fn catching_up(&self) -> Option<f64> {
        self.pace
            .catch_up
            .map(|(steps, _)| self.run.world().steps() as f64 / steps.max(1) as f64)
    }

    /// The link that rebuilds this run.
    pub fn share(&self) -> Share {
        let lesson = self.lesson.filter(|_| self.builtin).map(|l| l.id);
        Share::of(&self.run, lesson)
    }

    /// A frame: advances virtual time by the wall time passed (scaled by the speed), within
    /// the frame budget, and takes in the new trace events. Returns whether anything changed.
    pub fn frame(&mut self, wall_ms: f64) -> bool {
        if let Some((steps, at)) = self.pace.catch_up {
            if self.run.catch_up(steps, at, CATCH_UP_BUDGET) {
                self.pace.catch_up = None;
                self.check_goals();
            }
            self.ingest();
            self.pace.last_wall = Some(wall_ms);
            self.changed.insert(Part::Clock);
            return true;
        }
        let dt = self.pace.last_wall.map_or(0.0, |last| wall_ms - last);
        self.pace.last_wall = Some(wall_ms);
        let advance = self.pace.player.advance(dt);
        if advance > 0 {
            let target = self.run.now() + advance;
            if self.pace.teaching {
                self.run_teaching(target, wall_ms);
            } else {
                self.run.run_until(target, FRAME_BUDGET);
            }
            // Devices' states follow the clock too ("connects in 25 s"), and so do the
            // scrubber's point and the counters (shown a few times a second).
            for part in [Part::Clock, Part::World, Part::Log] {
                self.changed.insert(part);
            }
        }
        // A judgement the judge could not give yet is asked again, playing or not.
        if self.goals.unjudged && wall_ms - self.pace.last_check > CHECK_MS {
            self.pace.last_check = wall_ms;
            self.check_goals();
        }
        let animating =
            self.pace.teaching && self.pace.player.playing && !self.seen.stage.is_empty();
        if advance == 0 && !animating {
            return false;
        }
        self.ingest();
        if wall_ms - self.pace.last_check > CHECK_MS {
            self.pace.last_check = wall_ms;
            self.check_goals();
        }
        true
    }

    /// The teaching speed's step: up to `target`, but never past the arrival of a packet not
    /// yet drawn for [`TEACH_MS`], and stopping when a new packet leaves (so it is drawn).
    fn run_teaching(&mut self, target: Time, wall_ms: f64) {
        let hold = (self.seen.stage.flights.iter())
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
        if self.pace.catch_up.is_some() {
            return;
        }
        self.run.step();
        self.changed.insert(Part::Clock);
        self.changed.insert(Part::Log);
        self.ingest();
        self.check_goals();
    }

    /// Applies a student's action.
    pub fn apply(&mut self, action: Action) -> Result<(), ScenarioError> {
        if self.pace.catch_up.is_some() {
            return Err(err("", Problem::StillOpening));
        }
        let (past, end) = (self.in_past(), self.end());
        self.run.apply(action)?;
        if past {
            self.forked(end);
        }
        self.changed.insert(Part::World);
        self.ingest();
        self.check_goals();
        Ok(())
    }

    /// Plays or pauses.
    pub fn set_playing(&mut self, playing: bool) {
        self.pace.player.playing = playing;
        // Where it stopped, shown at once (the scrubber's point, the counters).
        self.changed.insert(Part::Clock);
        self.changed.insert(Part::Log);
    }

    /// The speed: the teaching speed, or a factor of real time.
    pub fn set_speed(&mut self, teaching: bool, speed: f64) {
        self.pace.teaching = teaching;
        self.pace.player.set_speed(speed);
        // The stage draws packets differently at the teaching speed.
        self.changed.insert(Part::Clock);
        self.changed.insert(Part::Stage);
    }

    /// What the forms show when this run opens: the lesson's devices and topics, or free
    /// play's.
    pub fn forms(&self) -> Forms<String> {
        match (self.lesson, self.own_lesson()) {
            (Some(l), _) => l.forms.owned(),
            (None, Some(file)) => file.forms.clone(),
            (None, None) => Forms::for_house(self.run.world()),
        }
    }

    /// A teacher's lesson being played (from the builder, a link or a file): its file.
    pub fn own_lesson(&self) -> Option<&std::sync::Arc<LessonFile>> {
        self.goals.plan.as_ref().filter(|_| self.lesson.is_none())
    }

    /// The id of the lesson being played: a built-in one's or a teacher's.
    pub fn lesson_id(&self) -> Option<&str> {
        (self.lesson.map(|l| l.id)).or_else(|| self.own_lesson().map(|f| f.id.as_str()))
    }

    fn ingest(&mut self) {
        let now = self.run.now();
        let wall = self.pace.last_wall.unwrap_or(0.0);
        let new = self.run.events_since(self.seen.taken);
        let world = self.run.world();
        let seen = &mut self.seen;
        let mut journey: Option<(MsgId, usize, usize)> = None;
        if !new.is_empty() {
            for part in [Part::Sequence, Part::Log, Part::World] {
                self.changed.insert(part);
            }
        }
        self.changed.insert(Part::Stage);
        seen.sequence.ingest(new);
        seen.stage.ingest(new, world, wall);
        for e in new {
            match &e.kind {
                TraceKind::Published { msg, .. } => {
                    seen.published += 1;
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
                    count_topic(&mut seen.topics, topic.as_str(), payload);
                }
                TraceKind::FilterTried { msg, matched, .. } => {
                    if let Some(j) = journey.as_mut().filter(|j| j.0 == *msg && *matched) {
                        j.2 += 1;
                    }
                }
                TraceKind::Delivered { msg, .. } | TraceKind::Queued { msg, .. } => {
                    if let Some(j) = journey.as_mut().filter(|j| j.0 == *msg) {
                        j.1 += 1;
                    }
                }
                _ => {}
            }
            if seen.log.len() == LOG_CAP {
                seen.log.pop_front();
            }
            seen.log.push_back(e.clone());
        }
        seen.taken = self.run.trace_total();
        if seen.taken >= self.scrub.end {
            // Live (again, after playing through a past stretch).
            self.scrub.end = seen.taken;
            self.scrub.resume = None;
        }
        if let Some((_, n, m)) = journey.filter(|j| j.2 > 0) {
            seen.announce = Some((n, m));
        }
        seen.stage.prune(now, wall, self.pace.teaching);
    }

    /// Takes every projection again from the trace up to the current point (after the run
    /// moved in time): the log, the sequence diagram, the topics, the stage (packets where
    /// they are at this virtual time, as if first drawn a while ago), the goals as they were.
    pub(super) fn reproject(&mut self) {
        let trace = self.run.trace();
        let n = trace.len();
        let now = self.run.now();
        let wall = self.pace.last_wall.unwrap_or(0.0);
        let seen = &mut self.seen;
        seen.log = trace[n.saturating_sub(LOG_CAP)..].iter().cloned().collect();
        seen.sequence = Sequence::default();
        seen.sequence
            .ingest(&trace[n.saturating_sub(SEQUENCE_TAIL)..]);
        seen.topics.clear();
        seen.published = 0;
        for e in trace {
            match &e.kind {
                TraceKind::Published { .. } => seen.published += 1,
                TraceKind::DeviceSent { topic, payload, .. } => {
                    count_topic(&mut seen.topics, topic.as_str(), payload);
                }
                _ => {}
            }
        }
        let since = Time::from_millis(now.millis().saturating_sub(STAGE_TAIL_MS));
        let tail = trace.partition_point(|e| e.at < since);
        seen.stage = Stage::default();
        // What eavesdroppers overheard is kept from the start (the rest, the last moments).
        crate::core::sim::picture::overheard(&mut seen.stage.heard, &trace[..tail]);
        seen.stage
            .ingest(&trace[tail..], self.run.world(), wall - TEACH_MS);
        seen.stage.prune(now, wall, self.pace.teaching);
        seen.announce = None;
        seen.taken = self.run.trace_total();
        self.check_goals();
        self.changed = Parts::all();
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
}

/// Counts a message on its topic, with its payload as the last seen (at most [`TOPICS_CAP`]
/// topics).
fn count_topic(topics: &mut LiteMap<String, (u64, String)>, topic: &str, payload: &[u8]) {
    let text = String::from_utf8_lossy(payload).into_owned();
    if let Some(entry) = topics.get_mut(topic) {
        entry.0 += 1;
        entry.1 = text;
    } else if topics.len() < TOPICS_CAP {
        topics.insert(topic.to_string(), (1, text));
    }
}
