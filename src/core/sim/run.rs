//! A run: a world plus the record of every action applied to it, so it can be replayed
//! exactly (share links, jumping back in time), and the player that maps wall time to
//! virtual time (play, pause, speed).

use crate::core::json_read::{At, FromJson, Obj, Read};
use crate::core::scenario::action::Action;
use crate::core::scenario::{Scenario, ScenarioError};
use crate::core::sim::travel::Checkpoints;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::trace::TraceEvent;

/// An action as it was applied: after how many events, at what time.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Recorded {
    /// Events the world had processed.
    pub steps: u64,
    /// The virtual time, in milliseconds.
    pub at_ms: u64,
    /// The action.
    pub action: Action,
}

impl FromJson for Recorded {
    fn read(v: &serde_json::Value, at: At) -> Read<Recorded> {
        let o = Obj::new(v, at)?;
        o.done(Recorded {
            steps: o.req("steps")?,
            at_ms: o.req("at_ms")?,
            action: o.req("action")?,
        })
    }
}

/// A world, its trace so far, and the actions applied. After jumping back in time, running
/// forward applies the recorded actions again at the same points; a new action there starts
/// a new future (the old one is dropped).
#[derive(Debug)]
pub struct Run {
    world: World,
    log: Vec<Recorded>,
    /// How many entries of `log` the world has seen.
    next: usize,
    /// The trace recorded, possibly past the current point (after a seek back).
    trace: Vec<TraceEvent>,
    /// How many events of `trace` the world has made so far (the current point).
    pos: usize,
    /// Keep at most about this many trace events (the oldest go first).
    trace_limit: usize,
    /// Events dropped from the front of `trace`.
    dropped: u64,
    /// Copies of the world taken as the run goes (time travel).
    checkpoints: Checkpoints,
    /// The future a fork dropped, to bring back with [`Run::undo_fork`].
    undo: Option<Fork>,
}

/// Where a fork happened and the recorded future it replaced.
#[derive(Clone, Debug)]
struct Fork {
    /// Index in the log of the action that started the new future.
    index: usize,
    /// World steps and clock at that point.
    steps: u64,
    at: Time,
    /// The actions that were recorded from there.
    dropped: Vec<Recorded>,
    /// The trace that was recorded from there (its first event's number, and the events).
    trace_from: u64,
    trace: Vec<TraceEvent>,
}

impl Run {
    /// A run at time 0.
    pub fn new(scenario: &Scenario) -> Result<Run, ScenarioError> {
        Ok(Run {
            world: World::new(scenario)?,
            log: Vec::new(),
            next: 0,
            trace: Vec::new(),
            pos: 0,
            trace_limit: usize::MAX,
            dropped: 0,
            checkpoints: Checkpoints::default(),
            undo: None,
        })
    }

    /// Rebuilds a run from a scenario and its recorded actions, up to `until` (or just past
    /// the last action when `None`). The trace is the same, event for event.
    pub fn replay(
        scenario: &Scenario,
        log: &[Recorded],
        until: Option<Time>,
    ) -> Result<Run, ScenarioError> {
        let mut run = Run::with_log(scenario, log)?;
        let end = until.unwrap_or_else(|| Time::from_millis(log.last().map_or(0, |r| r.at_ms)));
        run.run_until(end, usize::MAX);
        Ok(run)
    }

    /// A run at time 0 that will apply `log` (each action checked against the scenario).
    pub fn with_log(scenario: &Scenario, log: &[Recorded]) -> Result<Run, ScenarioError> {
        for (i, r) in log.iter().enumerate() {
            r.action.validate(scenario, &format!("log[{i}].action"))?;
        }
        let mut run = Run::new(scenario)?;
        run.log = log.to_vec();
        Ok(run)
    }

    /// Rebuilds a run to exactly where another one stood: `steps` events processed and the
    /// clock at `at` (what a share link records). The trace is the same, event for event.
    pub fn replay_exact(
        scenario: &Scenario,
        log: &[Recorded],
        steps: u64,
        at: Time,
    ) -> Result<Run, ScenarioError> {
        let mut run = Run::with_log(scenario, log)?;
        run.catch_up(steps, at, usize::MAX);
        Ok(run)
    }

    /// Moves a run made by [`Run::with_log`] towards `steps` events and the clock at `at`,
    /// at most `budget` events at a time (a page spreads it over frames); `true` once there.
    pub fn catch_up(&mut self, steps: u64, at: Time, budget: usize) -> bool {
        let left = usize::try_from(steps.saturating_sub(self.world.steps())).unwrap_or(usize::MAX);
        let reached = self.run_until(at, left.min(budget));
        let done = reached || self.world.steps() >= steps;
        // The original's clock may have moved past its last event (a quiet stretch).
        if done
            && self.world.steps() == steps
            && self.world.next_event_time().is_none_or(|t| t > at)
        {
            self.world.run_until(at, 1);
        }
        self.collect();
        done
    }

    /// The actions applied so far (those ahead of the clock after a jump back excluded).
    pub fn applied(&self) -> &[Recorded] {
        &self.log[..self.next]
    }

    /// The world.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Every trace event up to the current point.
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace[..self.pos]
    }

    /// The actions recorded (including any ahead of the current time after a jump back).
    pub fn log(&self) -> &[Recorded] {
        &self.log
    }

    /// The virtual time.
    pub fn now(&self) -> Time {
        self.world.now()
    }

    /// Applies an action now and records it (dropping recorded actions after this point).
    pub fn apply(&mut self, action: Action) -> Result<(), ScenarioError> {
        let recorded = Recorded {
            steps: self.world.steps(),
            at_ms: self.world.now().millis(),
            action: action.clone(),
        };
        self.world.apply(action)?;
        if self.has_future() {
            self.fork(recorded.steps, Time::from_millis(recorded.at_ms));
        }
        self.log.truncate(self.next);
        self.log.push(recorded);
        self.next = self.log.len();
        self.collect();
        Ok(())
    }

    /// Whether anything recorded lies ahead of the current point (after a seek back).
    pub fn has_future(&self) -> bool {
        self.log.len() > self.next || self.pos < self.trace.len()
    }

    /// Starts a new future here with no new action (*continue from here*): the recorded
    /// actions and trace ahead are dropped, and one [`Run::undo_fork`] brings them back.
    /// `false` when nothing recorded lay ahead.
    pub fn fork_here(&mut self) -> bool {
        if !self.has_future() {
            return false;
        }
        self.fork(self.world.steps(), self.world.now());
        true
    }

    /// Drops the recorded future from the current point, keeping it for one undo.
    fn fork(&mut self, steps: u64, at: Time) {
        self.undo = Some(Fork {
            index: self.next,
            steps,
            at,
            dropped: self.log.split_off(self.next),
            trace_from: self.trace_total(),
            trace: self.trace.split_off(self.pos),
        });
        self.checkpoints.forget_from(steps, self.next);
    }

    /// The recorded action due now, if any.
    fn due(&self) -> Option<&Recorded> {
        self.log
            .get(self.next)
            .filter(|r| r.steps <= self.world.steps())
    }

    fn apply_recorded(&mut self) {
        if let Some(r) = self.log.get(self.next) {
            let at = Time::from_millis(r.at_ms);
            let action = r.action.clone();
            self.world.run_until(at, 0);
            // Checked when it was first applied (or by `replay`).
            let _ = self.world.apply(action);
            self.next += 1;
        }
    }

    /// Processes the next event (or the recorded action due at this point).
    pub fn step(&mut self) -> bool {
        let stepped = if self.due().is_some() {
            self.apply_recorded();
            true
        } else {
            self.world.step()
        };
        self.collect();
        stepped
    }

    /// Runs up to `until`, at most `budget` events; `true` when it got there.
    pub fn run_until(&mut self, until: Time, budget: usize) -> bool {
        let mut left = budget;
        while let Some(r) = self.log.get(self.next) {
            let at = Time::from_millis(r.at_ms);
            if at > until {
                break;
            }
            let steps = r.steps;
            while self.world.steps() < steps
                && self.world.next_event_time().is_some_and(|t| t <= at)
            {
                if left == 0 {
                    self.collect();
                    return false;
                }
                self.world.step();
                left -= 1;
            }
            self.apply_recorded();
        }
        // In stretches, so a checkpoint is taken whenever one is due.
        loop {
            let stretch = self.stretch(left);
            let before = self.world.steps();
            let done = self.world.run_until(until, stretch);
            left -= usize::try_from(self.world.steps() - before).unwrap_or(left);
            self.collect();
            if done || left == 0 {
                return done;
            }
        }
    }

    /// Runs for `ms` more virtual milliseconds.
    pub fn run_for(&mut self, ms: u64) {
        let until = self.now() + ms;
        self.run_until(until, usize::MAX);
    }

    /// Goes to a time: forward by running, backward from the nearest checkpoint.
    pub fn jump_to(&mut self, to: Time) -> Result<(), ScenarioError> {
        self.seek_time(to);
        Ok(())
    }

    /// Goes to virtual time `at`, exactly as a fresh run of the same scenario and actions
    /// would stand there: every event up to `at` processed, the clock at `at`. Back in time it
    /// starts from the nearest checkpoint before; forward it runs on.
    pub fn seek_time(&mut self, at: Time) {
        let nearest = self.checkpoints.before_time(at);
        let ahead = nearest.is_some_and(|c| c.steps() > self.world.steps());
        if at < self.now() || ahead {
            let restored = nearest.cloned();
            self.restore(restored);
        }
        self.run_until(at, usize::MAX);
    }

    /// Goes to the point right after trace event `index` was recorded (the step that made it
    /// done), exactly as a fresh run stepped until then: every view of the run (world,
    /// broker, devices, trace, lesson goals) is what it was. Past the end of the run it stops
    /// where nothing is left to happen. Step back is `seek_event(index - 1)`.
    pub fn seek_event(&mut self, index: u64) {
        // Back, or far ahead: start from the latest checkpoint from before the event was made.
        let nearest = self.checkpoints.before(u64::MAX, index);
        let ahead = nearest.is_some_and(|c| c.trace_total > self.trace_total());
        if self.trace_total() > index || ahead {
            let restored = nearest.cloned();
            self.restore(restored);
        }
        while self.trace_total() <= index {
            if !self.step() {
                break;
            }
        }
    }

    /// Goes back to the start of the run, before its first event (the recorded future kept).
    pub fn seek_start(&mut self) {
        self.restore(None);
    }

    /// Goes back to the point before the current one where the trace was shorter (the step
    /// before the last one that recorded events): step back. `false` at the start.
    pub fn step_back(&mut self) -> bool {
        let current = self.trace_total();
        if current == 0 {
            return false;
        }
        // From the latest checkpoint before, find where the step that reaches `current`
        // started; then go there exactly.
        let nearest = self.checkpoints.before(u64::MAX, current - 1).cloned();
        self.restore(nearest);
        let mut previous = self.trace_total();
        while self.trace_total() < current {
            previous = self.trace_total();
            if !self.step() {
                break;
            }
        }
        match previous {
            0 => self.seek_start(),
            p => self.seek_event(p - 1),
        }
        true
    }

    /// The first trace event still kept (older ones were dropped from a long run).
    pub fn kept_from(&self) -> u64 {
        self.dropped
    }

    /// Every trace event kept, including those recorded ahead of the current point (after a
    /// seek back): the first is event [`Run::kept_from`].
    pub fn recorded(&self) -> &[TraceEvent] {
        &self.trace
    }

    /// Puts the run back at a checkpoint (or at its start, with `None`): the current point of
    /// the trace moves back to what it held then; the events recorded after it are kept (replay
    /// checks them, a fork drops them).
    fn restore(&mut self, to: Option<super::travel::Checkpoint>) {
        let (world, next, total) = match to {
            Some(c) => (c.world, c.next, c.trace_total),
            None => {
                // The scenario was checked when this run was made: it cannot fail now.
                match World::new(self.world.scenario()) {
                    Ok(w) => (w, 0, 0),
                    Err(_) => return,
                }
            }
        };
        self.world = world;
        self.next = next;
        if total < self.dropped || total > self.dropped + self.trace.len() as u64 {
            // Outside the kept trace (earlier, or later than it was recorded up to after an
            // earlier seek back): it is recorded again from here.
            self.trace.clear();
            self.dropped = total;
        }
        self.pos = ((total - self.dropped) as usize).min(self.trace.len());
    }

    /// Brings back the future the last fork dropped, and goes back to where the fork was made
    /// (just before its new action). `false` when there was no fork to undo.
    pub fn undo_fork(&mut self) -> bool {
        let Some(fork) = self.undo.take() else {
            return false;
        };
        self.log.truncate(fork.index);
        self.log.extend(fork.dropped);
        if fork.trace_from >= self.dropped {
            self.trace
                .truncate((fork.trace_from - self.dropped) as usize);
            self.trace.extend(fork.trace);
        }
        self.checkpoints.forget_from(fork.steps, fork.index);
        let restored = self
            .checkpoints
            .before(fork.steps, fork.trace_from)
            .cloned();
        self.restore(restored);
        // Exactly the point of the fork: as many world steps and recorded actions (one due
        // there but not yet applied stays so), the clock where it stood.
        while self.world.steps() < fork.steps || self.next < fork.index {
            if !self.step() {
                break;
            }
        }
        if self.world.now() < fork.at {
            self.world.run_until(fork.at, 0);
        }
        self.collect();
        true
    }

    /// Whether a fork can be undone.
    pub fn can_undo_fork(&self) -> bool {
        self.undo.is_some()
    }

    /// The checkpoints kept (how many, and the world steps between them).
    pub fn checkpoints(&self) -> &Checkpoints {
        &self.checkpoints
    }

    /// Forgets every checkpoint (a benchmark measures what they held).
    pub fn clear_checkpoints(&mut self) {
        self.checkpoints = Checkpoints::default();
    }

    /// Bounds the kept trace (a long run in the page): at most `limit` + 1/16 events are kept
    /// and the oldest are dropped in small batches, so memory stays flat and no single drop
    /// stalls a frame.
    pub fn set_trace_limit(&mut self, limit: usize) {
        self.trace_limit = limit.max(1);
        self.collect();
    }

    /// Trace events up to the current point, including those no longer kept.
    pub fn trace_total(&self) -> u64 {
        self.dropped + self.pos as u64
    }

    /// The kept events after the first `total` (what a view has not seen yet), up to the
    /// current point.
    pub fn events_since(&self, total: u64) -> &[TraceEvent] {
        let start = total.saturating_sub(self.dropped) as usize;
        &self.trace[start.min(self.pos)..self.pos]
    }

    /// World steps to run before the next checkpoint is due (at most `left`).
    fn stretch(&self, left: usize) -> usize {
        if cfg!(feature = "checkpoints") {
            let due = self.checkpoints.due_in(self.world.steps());
            usize::try_from(due).unwrap_or(usize::MAX).min(left)
        } else {
            left
        }
    }

    fn collect(&mut self) {
        for e in self.world.drain_trace() {
            if self.pos < self.trace.len() {
                // Over recorded ground (after a seek back) the world makes the same events
                // again: each is checked against the recording; were one to differ, the
                // recorded future is replaced from there. (Without checkpoints nothing seeks
                // far, and the recorded future is simply replaced.)
                #[cfg(feature = "checkpoints")]
                if self.trace[self.pos] == e {
                    self.pos += 1;
                    continue;
                }
                self.trace.truncate(self.pos);
            }
            self.trace.push(e);
            self.pos += 1;
        }
        #[cfg(feature = "checkpoints")]
        {
            let total = self.trace_total();
            self.checkpoints.offer(&self.world, self.next, total);
        }
        let limit = self.trace_limit;
        if self.trace.len() > limit.saturating_add(limit / 16) {
            let excess = (self.trace.len() - limit).min(self.pos);
            self.trace.drain(..excess);
            self.pos -= excess;
            self.dropped += excess as u64;
        }
    }
}

/// Maps wall-clock time to virtual time: play, pause and a speed factor.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    /// Virtual milliseconds per wall millisecond (0.1 to 100).
    pub speed: f64,
    /// Running or paused.
    pub playing: bool,
    carry: f64,
}

impl Default for Player {
    fn default() -> Self {
        Player {
            speed: 1.0,
            playing: true,
            carry: 0.0,
        }
    }
}

impl Player {
    /// Slowest and fastest speeds.
    pub const SPEEDS: (f64, f64) = (0.1, 100.0);

    /// Sets the speed, clamped to [`Player::SPEEDS`] (not-a-number leaves it unchanged).
    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() {
            self.speed = speed.clamp(Self::SPEEDS.0, Self::SPEEDS.1);
        }
    }

    /// Wall milliseconds passed: how many virtual milliseconds to advance (0 when paused).
    /// Fractions carry over, so slow speeds still move. A long pause of the page (a hidden
    /// tab) counts at most one second.
    pub fn advance(&mut self, wall_ms: f64) -> u64 {
        if !self.playing || !wall_ms.is_finite() || wall_ms <= 0.0 {
            return 0;
        }
        let total = wall_ms.min(1000.0) * self.speed + self.carry;
        let whole = total.floor();
        self.carry = total - whole;
        whole as u64
    }
}
