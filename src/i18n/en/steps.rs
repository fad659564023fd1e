//! A lesson's steps: reading on, predicting, answering, and what the answer showed.

use crate::i18n::steps::{StepMsg, StepText};

/// [`crate::i18n::Language::step_text`] in English.
pub(super) fn step_text(key: StepText) -> &'static str {
    use StepText::*;
    match key {
        Steps => "Steps",
        Intro => "Introduction",
        Next => "Continue",
        Commit => "Check my prediction",
        PredictFirst => "Predict first: the simulation waits, paused; then you will watch it happen.",
        PredictCheck => "Predict first: the simulation waits, paused; then we check.",
        QuizWrong => "Not quite.",
        SeeStage => "Look at the stage",
        ReceiversLegend => "Tick the devices that will receive the message, now or later (none ticked: nobody).",
        RetainedLegend => "Tick the topics whose message it gets as soon as it subscribes (none: nothing).",
        QosLegend => "With which QoS does the subscriber receive it?",
        MatchLegend => "Does the filter match the topic?",
        MatchYes => "Yes, it matches",
        MatchNo => "No, it does not",
        Nobody => "nobody",
        YouSaid => "Your prediction:",
        Happened => "What happened:",
        Right => "Right!",
        Wrong => "That is not what happened.",
        Watch => "Watch the stage: the message is on its way.",
        SeeJourney => "See the message's journey",
        Answer => "Answer",
        TryAnother => "You may pick another answer (the first one counts).",
        Done => "done",
        DoIt => "Do it on the stage:",
        ShowWhere => "Show me where",
        PacketsLegend => "The packets, in order:",
    }
}

/// [`crate::i18n::Language::step_msg`] in English.
pub(super) fn step_msg(msg: StepMsg) -> String {
    use StepMsg::*;
    match msg {
        Waiting(device) => format!("Wait a moment: “{device}” is still connecting."),
        Checked { id, steps, predictions: 1 } => format!("lesson {id}: {steps} steps, 1 prediction, passes with its solution"),
        Checked { id, steps, predictions } => format!("lesson {id}: {steps} steps, {predictions} predictions, passes with its solution"),
        Fails { id, why } => format!("lesson {id}: does not pass with its solution: {why}"),
        MetBeforeActing(k) => format!("the goal of step {k} already holds as it opens, before anything is done"),
        PassesIdle => "its goals already hold without doing anything".into(),
        GoalNotMet(k) => format!("the goal of step {k} does not hold after its solution (nor two minutes later)"),
        Unanswerable(k) => format!("the prediction of step {k} cannot be answered: it names a device that does not exist"),
        TrapMissed(k, "") => format!("the trap of step {k} is no mistake: that answer is right, or shows no known mistake"),
        TrapMissed(k, names) => format!("the trap of step {k} shows another mistake: {names}"),
        StepOf(k, n) => format!("Step {k} of {n}"),
        ReceivedBy(Some(list)) => format!("Received by: {list}."),
        ReceivedBy(None) => "Nobody received it.".into(),
        OnlyQueued(list) => format!("Nobody gets it now: it waits in the broker's queue for {list}, who gets it when back."),
        QueuedFor(list) => format!("Waiting in the broker's queue for: {list} (delivered when it comes back)."),
        RetainedFirst(Some(list)) => format!("As soon as it subscribes it gets the retained message of: {list}."),
        RetainedFirst(None) => "As soon as it subscribes it gets nothing: no retained message matches.".into(),
        Delivered(q) => format!("It arrives with QoS {q}."),
        Matches(true, _) => "Yes, it matches.".into(),
        Matches(false, Some(level)) => format!("No match: it fails at level {level}."),
        Matches(false, None) => "No match.".into(),
        Shows(name) => format!("A very common mistake. What is true: {name}."),
        Hop { packet, to_broker: true, publisher: true } => format!("{packet}: publisher → broker"),
        Hop { packet, to_broker: false, publisher: true } => format!("{packet}: broker → publisher"),
        Hop { packet, to_broker: false, publisher: false } => format!("{packet}: broker → subscriber"),
        Hop { packet, to_broker: true, publisher: false } => format!("{packet}: subscriber → broker"),
    }
}
