//! What a share link holds: the lesson (or the whole scenario), the seed, every action the
//! student applied and where the run stood, so opening the link rebuilds the same trace, event
//! for event. Never a password the student typed: scenarios travel without secrets and
//! actions lose theirs (a shared run that needed one shows the broker refusing it); only a
//! built-in lesson's own passwords, public anyway, are kept so its run replays exactly.
//!
//! The web shell compresses [`Share::to_json`] into the URL fragment (which browsers never
//! send to a server).

use serde::Serialize;
use serde_json::Value;

use crate::core::json_read::{not_json, At, FromJson, Obj, Problem, Read};
use crate::core::scenario::{err, Scenario, ScenarioError};
use crate::core::sim::lessons::lesson as find_lesson;
use crate::core::sim::run::{Recorded, Run};
use crate::core::time::Time;

/// The share format this build reads and writes.
pub const SHARE_VERSION: u32 = 1;

/// A run, as a link carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Share {
    /// Always [`SHARE_VERSION`].
    pub version: u32,
    /// A built-in lesson's id (its scenario is not repeated in the link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    /// Any other scenario, as its JSON without secrets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The seed.
    pub seed: u64,
    /// The actions applied, in order.
    pub log: Vec<Recorded>,
    /// Events processed when the link was made.
    pub steps: u64,
    /// The virtual clock then, in milliseconds.
    pub at_ms: u64,
}

impl FromJson for Share {
    fn read(v: &Value, at: At) -> Read<Share> {
        let o = Obj::new(v, at)?;
        o.done(Share {
            version: o.req("version")?,
            lesson: o.opt("lesson")?,
            scenario: o.opt("scenario")?,
            seed: o.req("seed")?,
            log: o.or("log", Vec::new())?,
            steps: o.req("steps")?,
            at_ms: o.req("at_ms")?,
        })
    }
}

impl Share {
    /// The link for a run. `lesson` is the built-in lesson it started from, if its scenario
    /// was not changed.
    pub fn of(run: &Run, lesson: Option<&str>) -> Share {
        let scenario = run.world().scenario();
        // A built-in lesson's own passwords are public (they ship with the app); any other
        // password the student typed stays out of the link.
        let public: Vec<String> = lesson
            .and_then(find_lesson)
            .and_then(|l| l.scenario().ok())
            .map(|s| {
                let devices = s.devices.into_iter().filter_map(|d| d.password);
                devices.chain(s.broker.users.into_values()).collect()
            })
            .unwrap_or_default();
        let mut log = run.applied().to_vec();
        for r in &mut log {
            r.action
                .strip_secrets_except(|p| public.iter().any(|k| k == p));
        }
        Share {
            version: SHARE_VERSION,
            lesson: lesson.map(str::to_string),
            scenario: lesson.is_none().then(|| scenario.to_json_without_secrets()),
            seed: scenario.seed,
            log,
            steps: run.world().steps(),
            at_ms: run.now().millis(),
        }
    }

    /// The compact JSON that goes into the link.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a link's JSON (a damaged or foreign link is a typed error).
    pub fn from_json(text: &str) -> Result<Share, ScenarioError> {
        let damaged = |why: ScenarioError| err("", Problem::DamagedLink(Box::new(why)));
        let value: Value = serde_json::from_str(text).map_err(|e| damaged(not_json(&e)))?;
        let share = Share::read(&value, At::root()).map_err(damaged)?;
        if share.version != SHARE_VERSION {
            let v = share.version;
            return Err(err("version", Problem::LinkVersion(v)));
        }
        Ok(share)
    }

    /// The scenario the run started from (the lesson's, or the one carried), with the seed.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        let mut scenario = match (&self.lesson, &self.scenario) {
            (Some(id), _) => find_lesson(id)
                .ok_or_else(|| err("lesson", Problem::NoSuchLesson(id.clone())))?
                .scenario()?,
            (None, Some(json)) => Scenario::from_json(json)?,
            (None, None) => Scenario::new(self.seed),
        };
        scenario.seed = self.seed;
        Ok(scenario)
    }

    /// Rebuilds the run exactly where it stood when the link was made.
    pub fn replay(&self) -> Result<Run, ScenarioError> {
        let scenario = self.scenario()?;
        Run::replay_exact(
            &scenario,
            &self.log,
            self.steps,
            Time::from_millis(self.at_ms),
        )
    }
}
