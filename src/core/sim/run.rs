//! A run: a world plus the record of every action applied to it, so it can be replayed
//! exactly (share links, jumping back in time), and the player that maps wall time to
//! virtual time (play, pause, speed).

use crate::core::i18n::Lang;
use crate::core::json_read::{At, FromJson, Obj, Read};
use crate::core::sim::action::Action;
use crate::core::sim::scenario::{Scenario, ScenarioError};
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
        let o = Obj::new(v, at, &["steps", "at_ms", "action"])?;
        Ok(Recorded {
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
    trace: Vec<TraceEvent>,
    /// Keep at most about this many trace events (the oldest go first).
    trace_limit: usize,
    /// Events dropped from the front of `trace`.
    dropped: u64,
}

impl Run {
    /// A run at time 0.
    pub fn new(scenario: &Scenario, lang: Lang) -> Result<Run, ScenarioError> {
        Ok(Run {
            world: World::new(scenario, lang)?,
            log: Vec::new(),
            next: 0,
            trace: Vec::new(),
            trace_limit: usize::MAX,
            dropped: 0,
        })
    }

    /// Rebuilds a run from a scenario and its recorded actions, up to `until` (or just past
    /// the last action when `None`). The trace is the same, event for event.
    pub fn replay(
        scenario: &Scenario,
        log: &[Recorded],
        until: Option<Time>,
        lang: Lang,
    ) -> Result<Run, ScenarioError> {
        let mut run = Run::with_log(scenario, log, lang)?;
        let end = until.unwrap_or_else(|| Time::from_millis(log.last().map_or(0, |r| r.at_ms)));
        run.run_until(end, usize::MAX);
        Ok(run)
    }

    /// A run at time 0 that will apply `log` (each action checked against the scenario).
    pub fn with_log(
        scenario: &Scenario,
        log: &[Recorded],
        lang: Lang,
    ) -> Result<Run, ScenarioError> {
        for (i, r) in log.iter().enumerate() {
            r.action
                .validate(scenario, &format!("log[{i}].action"), lang)?;
        }
        let mut run = Run::new(scenario, lang)?;
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
        lang: Lang,
    ) -> Result<Run, ScenarioError> {
        let mut run = Run::with_log(scenario, log, lang)?;
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

    /// Every trace event so far.
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
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
    pub fn apply(&mut self, action: Action, lang: Lang) -> Result<(), ScenarioError> {
        let recorded = Recorded {
            steps: self.world.steps(),
            at_ms: self.world.now().millis(),
            action: action.clone(),
        };
        self.world.apply(action, lang)?;
        self.log.truncate(self.next);
        self.log.push(recorded);
        self.next = self.log.len();
        self.collect();
        Ok(())
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
            let _ = self.world.apply(action, Lang::En);
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
        let done = self.world.run_until(until, left);
        self.collect();
        done
    }

    /// Runs for `ms` more virtual milliseconds.
    pub fn run_for(&mut self, ms: u64) {
        let until = self.now() + ms;
        self.run_until(until, usize::MAX);
    }

    /// Goes to a time: forward by running, backward by replaying from the start.
    pub fn jump_to(&mut self, to: Time, lang: Lang) -> Result<(), ScenarioError> {
        if to >= self.now() {
            self.run_until(to, usize::MAX);
        } else {
            let scenario = self.world.scenario().clone();
            *self = Run::replay(&scenario, &self.log, Some(to), lang)?;
        }
        Ok(())
    }

    /// Bounds the kept trace (a long run in the page): at most `limit` + 1/16 events are kept
    /// and the oldest are dropped in small batches, so memory stays flat and no single drop
    /// stalls a frame.
    pub fn set_trace_limit(&mut self, limit: usize) {
        self.trace_limit = limit.max(1);
        self.collect();
    }

    /// Trace events recorded in all, including those no longer kept.
    pub fn trace_total(&self) -> u64 {
        self.dropped + self.trace.len() as u64
    }

    /// The kept events after the first `total` ever recorded (what a view has not seen yet).
    pub fn events_since(&self, total: u64) -> &[TraceEvent] {
        let start = total.saturating_sub(self.dropped) as usize;
        &self.trace[start.min(self.trace.len())..]
    }

    fn collect(&mut self) {
        self.trace.extend(self.world.drain_trace());
        let limit = self.trace_limit;
        if self.trace.len() > limit.saturating_add(limit / 16) {
            let excess = self.trace.len() - limit;
            self.trace.drain(..excess);
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
