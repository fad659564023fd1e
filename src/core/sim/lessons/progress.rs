//! A student's way through a lesson's steps, sans-IO: the page tells it what the student did
//! (read on, answered, chose) and shows the world; it says which step is open, judges act
//! steps on the trace, answers predictions with the engine, and keeps the first answer of
//! each question for the score. [`play_solution`] walks a lesson file with its own solution
//! (the tests and the author's check).

use super::file::{LessonFile, Step};
use super::goals::Judging;
use crate::core::misconception::Misconception;
use crate::core::scenario::action::Action;
use crate::core::scenario::ScenarioError;
use crate::core::sim::predict::{answer, mistakes, ready, Answer, Given, PredictError};
use crate::core::sim::world::World;
use crate::core::sim::Run;
use crate::core::time::Time;
use crate::core::trace::TraceEvent;

/// What happened at a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// Not met yet.
    Open,
    /// Read (explain) or done (act).
    Met,
    /// Answered (predict, quiz): the first answer counts.
    Answered {
        /// Whether it was right.
        right: bool,
        /// The misconceptions it showed.
        shows: Vec<Misconception>,
    },
}

/// Where a student is in a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The open step (the number of steps once all are met).
    pub at: usize,
    /// When each step reached so far opened (virtual time).
    pub opened: Vec<Time>,
    /// Each step's record.
    pub records: Vec<Record>,
}

/// The outcome of a prediction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// What the student said.
    pub given: Given,
    /// What the engine says happens.
    pub truth: Answer,
    /// Whether they agree.
    pub right: bool,
    /// The misconceptions a wrong answer shows.
    pub shows: Vec<Misconception>,
    /// What the stage plays now.
    pub play: Option<Action>,
}

/// The outcome of a quiz answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The option chosen.
    pub option: usize,
    /// Whether it is right.
    pub right: bool,
    /// The misconception it shows.
    pub shows: Option<Misconception>,
}

/// Why something the page asked cannot be done at this step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepError {
    /// The open step is not of that kind (or the lesson is over).
    NotThisStep,
    /// The prediction was answered already (the stage played it).
    AlreadyAnswered,
    /// Not yet: the message's publisher is still connecting.
    NotReady,
    /// No such option.
    NoSuchOption(usize),
    /// The question names a device the world lacks.
    Predict(PredictError),
}

/// A student's first answers, for scores and the teacher's table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Predictions right at the first answer.
    pub predictions_right: u32,
    /// Predictions wrong at the first answer.
    pub predictions_wrong: u32,
    /// Quiz questions right at the first answer.
    pub quiz_right: u32,
    /// Quiz questions wrong at the first answer.
    pub quiz_wrong: u32,
    /// The misconceptions shown, each once, in the order met.
    pub shown: Vec<Misconception>,
    /// Questions (predictions and quizzes) the lesson asks in all.
    pub questions: u32,
}

impl Score {
    /// Questions right at their first answer.
    pub fn right(&self) -> u32 {
        self.predictions_right + self.quiz_right
    }

    /// Questions answered so far.
    pub fn answered(&self) -> u32 {
        self.right() + self.predictions_wrong + self.quiz_wrong
    }
}

impl Progress {
    /// At the first step, opened at `now`.
    pub fn new(file: &LessonFile, now: Time) -> Progress {
        Progress {
            at: 0,
            opened: vec![now],
            records: vec![Record::Open; file.steps.len()],
        }
    }

    /// The open step, if the lesson is not over.
    pub fn current<'a>(&self, file: &'a LessonFile) -> Option<&'a Step> {
        file.steps.get(self.at)
    }

    /// Whether every step is met.
    pub fn finished(&self, file: &LessonFile) -> bool {
        self.at >= file.steps.len()
    }

    /// Whether the open step can be left by reading on: an explanation, or a question
    /// answered.
    pub fn can_go_on(&self, file: &LessonFile) -> bool {
        matches!(
            (self.current(file), self.records.get(self.at)),
            (Some(Step::Explain { .. }), _)
                | (
                    Some(Step::Predict { .. } | Step::Quiz { .. }),
                    Some(Record::Answered { .. })
                )
        )
    }

    /// Reads on (see [`Progress::can_go_on`]); false if the step cannot be left so.
    pub fn next(&mut self, file: &LessonFile, now: Time) -> bool {
        if !self.can_go_on(file) {
            return false;
        }
        if matches!(self.current(file), Some(Step::Explain { .. })) {
            self.records[self.at] = Record::Met;
        }
        self.open_next(now);
        true
    }

    fn open_next(&mut self, now: Time) {
        self.at += 1;
        self.opened.push(now);
    }

    /// The student's prediction for the open step: judged against the engine's answer in
    /// this world, recorded (the only answer a prediction takes), with what the stage plays.
    pub fn predict(
        &mut self,
        file: &LessonFile,
        world: &World,
        given: Given,
    ) -> Result<Verdict, StepError> {
        let Some(Step::Predict { ask, .. }) = self.current(file) else {
            return Err(StepError::NotThisStep);
        };
        if self.records[self.at] != Record::Open {
            return Err(StepError::AlreadyAnswered);
        }
        let question = ask.question();
        if !ready(world, &question) {
            return Err(StepError::NotReady);
        }
        let truth = answer(world, &question).map_err(StepError::Predict)?;
        let right = truth.agrees(&given);
        let shows = if right {
            Vec::new()
        } else {
            mistakes(world, &question, &given).map_err(StepError::Predict)?
        };
        self.records[self.at] = Record::Answered {
            right,
            shows: shows.clone(),
        };
        Ok(Verdict {
            given,
            truth,
            right,
            shows,
            play: ask.play(),
        })
    }

    /// The student chose a quiz option: the first choice is recorded; later ones (trying
    /// again after a wrong one) are judged but not counted.
    pub fn quiz(&mut self, file: &LessonFile, option: usize) -> Result<Choice, StepError> {
        let Some(Step::Quiz { options, .. }) = self.current(file) else {
            return Err(StepError::NotThisStep);
        };
        let o = options.get(option).ok_or(StepError::NoSuchOption(option))?;
        let choice = Choice {
            option,
            right: o.right,
            shows: o.shows.filter(|_| !o.right),
        };
        if self.records[self.at] == Record::Open {
            self.records[self.at] = Record::Answered {
                right: o.right,
                shows: choice.shows.into_iter().collect(),
            };
        }
        Ok(choice)
    }

    /// Judges the open act step on the world and its trace: met when its goal holds, and the
    /// next step opens. True if it moved.
    pub fn judge(&mut self, file: &LessonFile, world: &World, trace: &[TraceEvent]) -> bool {
        let Some(Step::Act { goal, .. }) = self.current(file) else {
            return false;
        };
        let judging = Judging {
            world,
            trace,
            opened: &self.opened,
        };
        if !goal.judge(judging) {
            return false;
        }
        self.records[self.at] = Record::Met;
        self.open_next(world.now());
        true
    }

    /// Which act steps are met, in order (the lesson's goals).
    pub fn goals_met(&self, file: &LessonFile) -> Vec<bool> {
        (file.steps.iter().zip(&self.records))
            .filter(|(s, _)| matches!(s, Step::Act { .. }))
            .map(|(_, r)| *r == Record::Met)
            .collect()
    }

    /// The first answers so far.
    pub fn score(&self, file: &LessonFile) -> Score {
        let mut score = Score {
            questions: (file.steps.iter())
                .filter(|s| matches!(s, Step::Predict { .. } | Step::Quiz { .. }))
                .count() as u32,
            ..Score::default()
        };
        for (step, record) in file.steps.iter().zip(&self.records) {
            let Record::Answered { right, shows } = record else {
                continue;
            };
            let (yes, no) = match step {
                Step::Predict { .. } => {
                    (&mut score.predictions_right, &mut score.predictions_wrong)
                }
                _ => (&mut score.quiz_right, &mut score.quiz_wrong),
            };
            *if *right { yes } else { no } += 1;
            for m in shows {
                if !score.shown.contains(m) {
                    score.shown.push(*m);
                }
            }
        }
        score
    }
}

/// Virtual time a student takes to read a step (and the world runs meanwhile).
const READ_MS: u64 = 2_000;
/// Virtual time an act step's goal is waited for after its solution.
const ACT_WAIT_MS: u64 = 120_000;

/// What walking a lesson with its own solution found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    /// Steps, predictions and quiz questions it has.
    pub steps: usize,
    /// Predictions.
    pub predictions: usize,
    /// Virtual time the walk took.
    pub took: Time,
}

/// Why a lesson does not pass with its solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WalkError {
    /// The scenario or an action is refused.
    Scenario(ScenarioError),
    /// Every goal already holds at the start, before the student does anything.
    PassesIdle,
    /// A step's goal did not hold after its solution (and two minutes more).
    GoalNotMet(usize),
    /// A step's goal held when it opened, before its solution was done.
    MetBeforeActing(usize),
    /// A prediction cannot be answered.
    Unanswerable(usize, PredictError),
    /// A trap's answer is right, or the engine does not name its misconception (it names
    /// these).
    TrapMissed(usize, Vec<Misconception>),
}

/// Walks a lesson with its solution, as a student who is always right: reads each
/// explanation, answers each prediction as the engine does (and checks its trap names the
/// misconception it is built for), performs each act step's solution and waits for its goal,
/// and picks each quiz's right option. The lesson must not pass idle (its goals do not all
/// hold after two minutes of doing nothing).
pub fn play_solution(file: &LessonFile) -> Result<Walk, WalkError> {
    let idle = {
        let mut run = Run::new(&file.scenario).map_err(WalkError::Scenario)?;
        run.run_for(ACT_WAIT_MS);
        let j = Judging {
            world: run.world(),
            trace: run.trace(),
            opened: &[],
        };
        file.goals().all(|g| g.judge(j))
    };
    if idle {
        return Err(WalkError::PassesIdle);
    }
    let mut run = Run::new(&file.scenario).map_err(WalkError::Scenario)?;
    let mut progress = Progress::new(file, run.now());
    while let Some(step) = progress.current(file) {
        let k = progress.at;
        match step {
            Step::Explain { .. } => {
                run.run_for(READ_MS);
                progress.next(file, run.now());
            }
            Step::Predict { ask, trap, .. } => {
                run.run_for(READ_MS);
                let until = run.now() + ACT_WAIT_MS;
                while !ready(run.world(), &ask.question()) && run.now() < until {
                    run.run_for(500);
                }
                let truth = answer(run.world(), &ask.question())
                    .map_err(|e| WalkError::Unanswerable(k, e))?;
                if let Some(trap) = trap {
                    let mut wrong = progress.clone();
                    let v = (wrong.predict(file, run.world(), trap.answer.clone()))
                        .map_err(|_| WalkError::TrapMissed(k, Vec::new()))?;
                    if v.right || !v.shows.contains(&trap.shows) {
                        return Err(WalkError::TrapMissed(k, v.shows));
                    }
                }
                let v = (progress.predict(file, run.world(), truth.given())).map_err(|_| {
                    WalkError::Unanswerable(k, PredictError::NoSuchDevice(String::new()))
                })?;
                if let Some(play) = v.play {
                    run.apply(play).map_err(WalkError::Scenario)?;
                }
                run.run_for(3_000);
                progress.next(file, run.now());
            }
            Step::Act { goal, solution, .. } => {
                // A step with something to do must not be met before it is done.
                let judging = Judging {
                    world: run.world(),
                    trace: run.trace(),
                    opened: &progress.opened,
                };
                if !solution.is_empty() && goal.judge(judging) {
                    return Err(WalkError::MetBeforeActing(k));
                }
                for s in solution {
                    run.run_for(s.wait_ms);
                    run.apply(s.action.clone()).map_err(WalkError::Scenario)?;
                }
                let until = run.now() + ACT_WAIT_MS;
                while !progress.judge(file, run.world(), run.trace()) {
                    if run.now() >= until {
                        return Err(WalkError::GoalNotMet(k));
                    }
                    run.run_for(500);
                }
            }
            Step::Quiz { options, .. } => {
                run.run_for(READ_MS);
                let right = options.iter().position(|o| o.right).unwrap_or(0);
                let _ = progress.quiz(file, right);
                progress.next(file, run.now());
            }
        }
    }
    Ok(Walk {
        steps: file.steps.len(),
        predictions: file.predictions(),
        took: run.now(),
    })
}
