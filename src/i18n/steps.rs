//! A lesson's steps: reading on, predicting, answering a quiz, and what the answer showed.
//! Only the lesson's steps part reads them, so they travel with its lazily loaded chunk.

use super::{keys, Lang};
use crate::core::sim::lessons::progress::WalkError;

keys! {
    /// A key into the steps' catalogue.
    StepText => step_text;
    /// The list of steps' heading.
    Steps,
    /// The lesson's introduction, folded once the student reads on.
    Intro,
    /// Leave an explanation or an answered question.
    Next,
    /// Commit a prediction.
    Commit,
    /// Above a prediction's choices (the stage then plays it).
    PredictFirst,
    /// Above a prediction's choices (nothing plays: the answer is checked).
    PredictCheck,
    /// A wrong answer where nothing played (a quiz, a question about a filter or a QoS).
    QuizWrong,
    /// On a phone: show the stage, where the message plays.
    SeeStage,
    /// Legend of the devices to choose as receivers.
    ReceiversLegend,
    /// Legend of the topics to choose as retained messages.
    RetainedLegend,
    /// Legend of the QoS to choose.
    QosLegend,
    /// Legend of a yes/no on a filter.
    MatchLegend,
    /// "It matches."
    MatchYes,
    /// "It does not match."
    MatchNo,
    /// No device, no topic.
    Nobody,
    /// Before the answer given.
    YouSaid,
    /// Before what happened.
    Happened,
    /// A right answer.
    Right,
    /// A wrong answer.
    Wrong,
    /// While the stage plays the message.
    Watch,
    /// Open the played message's journey.
    SeeJourney,
    /// Answer a quiz.
    Answer,
    /// After a wrong quiz option (another may be chosen).
    TryAnother,
    /// An act step met.
    Done,
    /// An act step to do on the stage.
    DoIt,
    /// Brings the control an act step asks for into sight.
    ShowWhere,
    /// The packets of the answer.
    PacketsLegend,
}

/// Messages with values, each sentence whole in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMsg<'a> {
    /// Step `k` of `n`.
    StepOf(usize, usize),
    /// A prediction waits for its publisher to connect.
    Waiting(&'a str),
    /// The author's check: the lesson passes with its solution.
    Checked {
        /// The lesson's id.
        id: &'a str,
        /// Its steps.
        steps: usize,
        /// Its predictions.
        predictions: usize,
    },
    /// The author's check: the lesson does not pass, and why.
    Fails {
        /// The lesson's id.
        id: &'a str,
        /// Why, as a sentence.
        why: &'a str,
    },
    /// Its goals all hold before the student does anything.
    PassesIdle,
    /// A step's goal does not hold after its solution (steps counted from 1).
    GoalNotMet(usize),
    /// A step's goal holds as it opens, before its solution is done.
    MetBeforeActing(usize),
    /// A step's prediction names a device the world lacks.
    Unanswerable(usize),
    /// A step's trap is not caught: the engine names these misconceptions instead.
    TrapMissed(usize, &'a str),
    /// Who received it now (a list, or none).
    ReceivedBy(Option<&'a str>),
    /// Who it waits for in the broker's queue.
    QueuedFor(&'a str),
    /// Nobody gets it now; it waits in the queue of these.
    OnlyQueued(&'a str),
    /// The retained messages a new subscriber gets first (a list, or none).
    RetainedFirst(Option<&'a str>),
    /// The QoS it arrives with.
    Delivered(u8),
    /// Whether the filter matches (and the level that failed).
    Matches(bool, Option<u32>),
    /// A misconception, by its short name.
    Shows(&'a str),
    /// A packet crossing: its name, its direction, on whose link.
    Hop {
        /// The packet's name.
        packet: &'a str,
        /// Towards the broker.
        to_broker: bool,
        /// On the publisher's link (else the subscriber's).
        publisher: bool,
    },
}

impl StepMsg<'_> {
    /// The sentence in a language.
    pub fn render(self, lang: Lang) -> String {
        in_language!(lang, step_msg(self))
    }
}

/// Why a lesson does not pass with its solution, as a sentence (steps counted from 1, as an
/// author reads them).
pub fn walk_why(e: &WalkError, lang: Lang) -> String {
    match e {
        WalkError::Scenario(e) => e.render(lang),
        WalkError::PassesIdle => StepMsg::PassesIdle.render(lang),
        WalkError::GoalNotMet(k) => StepMsg::GoalNotMet(k + 1).render(lang),
        WalkError::MetBeforeActing(k) => StepMsg::MetBeforeActing(k + 1).render(lang),
        WalkError::Unanswerable(k, _) => StepMsg::Unanswerable(k + 1).render(lang),
        WalkError::TrapMissed(k, shown) => {
            let names: Vec<&str> = shown.iter().map(|m| m.told(lang).0).collect();
            StepMsg::TrapMissed(k + 1, &names.join(", ")).render(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_text_is_written_in_each_language() {
        for k in StepText::ALL {
            for &lang in Lang::ALL {
                assert!(!lang.t(*k).trim().is_empty(), "{k:?} empty in {lang}");
            }
            assert_ne!(Lang::Es.t(*k), Lang::En.t(*k), "{k:?} untranslated");
        }
        let checked = StepMsg::Checked {
            id: "pubsub",
            steps: 6,
            predictions: 2,
        };
        assert_eq!(
            checked.render(Lang::En),
            "lesson pubsub: 6 steps, 2 predictions, passes with its solution"
        );
        assert_eq!(
            StepMsg::Matches(false, Some(3)).render(Lang::Es),
            "No coincide: falla en el nivel 3."
        );
    }
}
