//! A lesson in the page: its file (fetched when it opens, handed over by
//! [`Sim::set_plan`]), the student's way through its steps (reading on, predicting,
//! choosing), what each answer showed, the goals, and the coach's word.

use std::sync::Arc;

use super::parts::Part;
use super::sim::Sim;
use crate::core::sim::lessons::coach;
use crate::core::sim::lessons::file::Point;
use crate::core::sim::lessons::progress::{Choice, Progress, Record, Score, StepError, Verdict};
use crate::core::sim::lessons::{Advice, LessonFile, Step};
use crate::core::sim::predict::{self, Given};
use crate::core::sim::World;
use crate::core::time::Time;
use crate::core::trace::{MsgId, TraceEvent};

/// The lesson as the run stands.
#[derive(Default)]
pub struct Goals {
    /// The lesson's file, once fetched.
    pub plan: Option<Arc<LessonFile>>,
    /// The student's way through its steps (from the moment the file came).
    pub progress: Option<Progress>,
    /// What each question step showed once answered (by step).
    pub shown: Vec<Option<Shown>>,
    /// Which act steps are met (the lesson's goals); at a point in the run's past, which
    /// goals held then.
    pub held: Vec<bool>,
    /// Why the device a goal is about missed the newest message it should have got.
    pub advice: Option<Advice>,
    /// The message that tells what just happened, once the lesson is passed.
    pub story: Option<MsgId>,
    /// The prediction step the run was last held for (see `Sim::hold_for_prediction`).
    pub held_for: Option<usize>,
    /// A judgement is due that the judge could not give yet (its code was coming): the
    /// frames ask again, playing or not.
    pub unjudged: bool,
}

/// Where a student is in a lesson's steps (see [`Goals::place`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The open step, from 1.
    pub at: usize,
    /// The steps in all.
    pub of: usize,
    /// Whether the open step is a question not answered yet.
    pub asks: bool,
    /// Whether every step is met.
    pub done: bool,
}

/// What a question step showed once answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The prediction beside what happened, and when the stage started playing it.
    Predicted(Box<Verdict>, Time),
    /// The options chosen, in order (a wrong one may be followed by another).
    Chose(Vec<Choice>),
}

impl Goals {
    /// Whether every step of the lesson is met.
    pub fn passed(&self) -> bool {
        match (&self.plan, &self.progress) {
            (Some(file), Some(p)) => p.finished(file),
            _ => false,
        }
    }

    /// Where the student is, for the phone's bar: the open step (from 1; the number of steps
    /// once all are met), the steps in all, whether the open step is a question waiting for
    /// an answer, and whether every step is met. `None` before the lesson's file came.
    pub fn place(&self) -> Option<Place> {
        let (file, p) = (self.plan.as_ref()?, self.progress.as_ref()?);
        let asks = matches!(
            p.current(file),
            Some(Step::Predict { .. } | Step::Quiz { .. })
        ) && matches!(p.records.get(p.at), None | Some(Record::Open));
        let of = file.steps.len();
        Some(Place {
            at: (p.at + 1).min(of),
            of,
            asks,
            done: p.finished(file),
        })
    }

    /// Goals reached, and goals in all.
    pub fn count(&self) -> (usize, usize) {
        (self.held.iter().filter(|g| **g).count(), self.held.len())
    }

    /// The first answers so far (none before the lesson's file came).
    pub fn score(&self) -> Option<Score> {
        match (&self.plan, &self.progress) {
            (Some(file), Some(p)) => Some(p.score(file)),
            _ => None,
        }
    }

    /// Each question answered so far, by step, with whether its first answer was right.
    pub fn answers(&self) -> Vec<(usize, bool)> {
        (self.progress.iter())
            .flat_map(|p| p.records.iter().enumerate())
            .filter_map(|(k, r)| match r {
                Record::Answered { right, .. } => Some((k, *right)),
                _ => None,
            })
            .collect()
    }

    /// What the open step points at on the stage (an explanation's devices, broker, links).
    pub fn pointed(&self) -> Vec<Point> {
        match (&self.plan, &self.progress) {
            (Some(file), Some(p)) => match p.current(file) {
                Some(Step::Explain { point, .. }) => point.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

/// A lesson judged on the run: its progress (act steps met), the coach's advice and, once
/// passed, the message that tells what happened.
pub struct Judged {
    /// The progress, act steps judged.
    pub progress: Progress,
    /// At a point in the run's past (when asked): which act steps' goals hold there, steps
    /// aside.
    pub holding: Option<Vec<bool>>,
    /// Why a watched device missed its message.
    pub advice: Option<Advice>,
    /// The message for the story of the pass (when asked and the lesson is passed).
    pub story: Option<MsgId>,
}

/// What a judgement is asked for beyond the steps.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wanted {
    /// The story of a pass (once, when it comes).
    pub story: bool,
    /// The goals as they hold at this point of the run's past (not on the live run: there
    /// the steps met are shown, and judging every goal each time would be work for nothing).
    pub past: bool,
}

/// Judges a lesson on a world and its trace; `None` while it cannot yet (the page fetches
/// the lesson's code on first use).
pub type Judge = fn(&LessonFile, &Progress, &World, &[TraceEvent], Wanted) -> Option<Judged>;

/// Judges at once, with the code at hand (tests and tools; the page passes its own, which
/// fetches the lesson's code first).
pub fn judge_now(
    file: &LessonFile,
    progress: &Progress,
    world: &World,
    trace: &[TraceEvent],
    wanted: Wanted,
) -> Option<Judged> {
    let mut progress = progress.clone();
    // Act steps whose goals already hold are met one after another.
    while progress.judge(file, world, trace) {}
    let passed = progress.finished(file);
    // The coach watches the devices the open step's goal is about.
    let about: Vec<&str> = match progress.current(file) {
        Some(Step::Act { goal, .. }) => goal.devices(),
        _ => Vec::new(),
    };
    let watch: Vec<_> = (file.watch.iter())
        .filter(|w| about.contains(&w.device.as_str()))
        .cloned()
        .collect();
    Some(Judged {
        advice: coach::advise(&watch, world, trace),
        story: (wanted.story && passed)
            .then(|| coach::story_msg(&file.watch, world, trace))
            .flatten(),
        holding: wanted.past.then(|| file.check(world, trace)),
        progress,
    })
}

/// The judge of a simulation made before the page sets its own.
pub(super) fn judge_later(
    _: &LessonFile,
    _: &Progress,
    _: &World,
    _: &[TraceEvent],
    _: Wanted,
) -> Option<Judged> {
    None
}

impl Sim {
    /// The lesson's file has come: the student starts at its first step. (A file of another
    /// lesson is ignored.)
    pub fn set_plan(&mut self, file: Arc<LessonFile>) {
        // A built-in lesson takes only its own file; a teacher's lesson any.
        if self.lesson.is_some_and(|l| l.id != file.id) || self.goals.plan.is_some() {
            return;
        }
        let progress = Progress::new(&file, self.run.now());
        self.goals.held = progress.goals_met(&file);
        self.goals.shown = vec![None; file.steps.len()];
        self.goals.progress = Some(progress);
        self.goals.plan = Some(file);
        self.changed.insert(Part::Goals);
        self.check_goals();
    }

    /// An open prediction that can be asked: the run waits for the answer, so the stage does
    /// not show what happens before the student commits (answering plays it). Once per step:
    /// a student who presses play goes on. A question that waits for its publisher to connect
    /// is held when it is connected.
    fn hold_for_prediction(&mut self) {
        let (Some(file), Some(p)) = (&self.goals.plan, &self.goals.progress) else {
            return;
        };
        let Some(Step::Predict { ask, .. }) = p.current(file) else {
            return;
        };
        let unanswered = matches!(self.goals.shown.get(p.at), Some(None));
        if self.goals.held_for == Some(p.at)
            || !unanswered
            || !predict::ready(self.run.world(), &ask.question())
        {
            return;
        }
        self.goals.held_for = Some(p.at);
        self.set_playing(false);
    }

    /// Reads on from the open step (an explanation read, a question answered).
    pub fn read_on(&mut self) -> bool {
        let now = self.run.now();
        let moved = match (&self.goals.plan, &mut self.goals.progress) {
            (Some(file), Some(p)) => p.next(file, now),
            _ => false,
        };
        if moved {
            self.changed.insert(Part::Goals);
            self.check_goals();
        }
        moved
    }

    /// The student's prediction for the open step: judged, recorded, shown, and the stage
    /// plays what it asked about, at the teaching speed.
    pub fn predict(&mut self, given: Given) -> Result<(), StepError> {
        let (Some(file), Some(p)) = (&self.goals.plan, &mut self.goals.progress) else {
            return Err(StepError::NotThisStep);
        };
        let at = p.at;
        let verdict = p.predict(file, self.run.world(), given)?;
        let play = verdict.play.clone();
        if let Some(slot) = self.goals.shown.get_mut(at) {
            *slot = Some(Shown::Predicted(Box::new(verdict), self.run.now()));
        }
        self.changed.insert(Part::Goals);
        // The run, held while the question was open, goes on.
        self.set_playing(true);
        if let Some(action) = play {
            self.pace.teaching = true;
            // A refused play (the world changed under the question) shows no message; the
            // answer stands.
            let _ = self.apply(action);
        }
        Ok(())
    }

    /// The student chose a quiz option.
    pub fn choose(&mut self, option: usize) -> Result<Choice, StepError> {
        let (Some(file), Some(p)) = (&self.goals.plan, &mut self.goals.progress) else {
            return Err(StepError::NotThisStep);
        };
        let at = p.at;
        let choice = p.quiz(file, option)?;
        if let Some(slot) = self.goals.shown.get_mut(at) {
            match slot {
                Some(Shown::Chose(all)) => all.push(choice),
                _ => *slot = Some(Shown::Chose(vec![choice])),
            }
        }
        self.changed.insert(Part::Goals);
        Ok(choice)
    }

    /// Judges the open act step (and the coach's word) on the run; on the live run, holds it
    /// for a prediction that has opened.
    pub(super) fn check_goals(&mut self) {
        self.judge_goals();
        if !self.in_past() {
            self.hold_for_prediction();
        }
    }

    /// Judges the open act step (and the coach's word) on the run. The judge is asked only
    /// when its answer can change something: an act step open, the pass's story due, the
    /// past shown (its code is fetched when first asked: not while the student reads).
    fn judge_goals(&mut self) {
        let (Some(file), Some(progress)) = (&self.goals.plan, &self.goals.progress) else {
            return;
        };
        let trace = self.run.trace();
        let wanted = Wanted {
            story: self.goals.story.is_none(),
            past: self.in_past(),
        };
        let acting = matches!(progress.current(file), Some(Step::Act { .. }));
        let due = acting || wanted.past || (wanted.story && progress.finished(file));
        if !due {
            // The steps met stand as recorded (the past shown may have said otherwise), and
            // the coach is silent while no act step is open.
            let held = progress.goals_met(file);
            if held != self.goals.held || self.goals.advice.is_some() {
                self.changed.insert(Part::Goals);
            }
            self.goals.held = held;
            self.goals.advice = None;
            self.goals.unjudged = false;
            return;
        }
        let Some(judged) = (self.judge)(file, progress, self.run.world(), trace, wanted) else {
            self.goals.unjudged = true;
            return;
        };
        self.goals.unjudged = false;
        let moved = judged.progress != *progress;
        let passed = judged.progress.finished(file);
        // The coach speaks while the student is to do something on the stage, not before.
        let acting = matches!(judged.progress.current(file), Some(Step::Act { .. }));
        let advice = judged.advice.filter(|_| acting);
        let story = (passed && self.goals.story.is_none())
            .then_some(judged.story)
            .flatten();
        if moved || advice != self.goals.advice || story.is_some() {
            self.changed.insert(Part::Goals);
        }
        let held = judged
            .holding
            .unwrap_or_else(|| judged.progress.goals_met(file));
        if held != self.goals.held {
            self.changed.insert(Part::Goals);
        }
        self.goals.held = held;
        self.goals.progress = Some(judged.progress);
        self.goals.advice = advice;
        if story.is_some() {
            self.goals.story = story;
        }
    }
}

/// Where the page has the control an act step's action (`set_clean_session`, `offline`…, on
/// `device`) is done with: its test id, and the device's settings it sits in (opened first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    /// The control's test id.
    pub testid: String,
    /// The settings (a `<details>`' test id) to open first.
    pub within: Option<String>,
    /// The same control in the acting device's panel, used when `device` is the acting one
    /// and the panel is in sight: (the device, the panel's control's test id).
    pub acting: Option<(String, &'static str)>,
}

/// The control for `action` on `device`; none for an action with no one control on a device.
pub fn control(action: &str, device: Option<&str>) -> Option<Control> {
    let d = device?;
    let settings = |id: String| (id, Some(format!("editor-{d}")), None);
    let acting = |id: String, panel: &'static str| (id, None, Some((d.to_string(), panel)));
    let (testid, within, acting) = match action {
        "set_clean_session" => settings(format!("clean-{d}")),
        "set_port" => settings(format!("port-{d}")),
        "set_will" => settings(format!("will-topic-{d}")),
        "set_credentials" => settings(format!("credentials-apply-{d}")),
        "offline" | "online" => acting(format!("device-online-{d}"), "acting-online"),
        "pull_plug" | "replug" => acting(format!("device-plug-{d}"), "acting-plug"),
        _ => return None,
    };
    Some(Control {
        testid,
        within,
        acting,
    })
}
