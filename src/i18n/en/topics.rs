//! Topics and filters in words: what is wrong with one, and each step of matching a filter.

use crate::core::topic::{Step, StepOutcome, TopicError};

/// [`crate::i18n::Language::topic_error`] in English.
pub(super) fn topic_error(error: &TopicError) -> String {
    use TopicError::*;
    match error {
        Empty => "The topic is empty: it needs at least one character.".into(),
        TooLong { len } => {
            format!("The topic is {len} bytes long; the maximum is 65 535.")
        }
        NullCharacter => "The topic contains the null character (U+0000), which is not allowed.".into(),
        WildcardInName { level, wildcard } => format!(
            "No wildcards in a topic you publish to: '{wildcard}' at level {level}. Wildcards are only for subscribing."
        ),
        PlusNotWholeLevel { level } => format!(
            "'+' must fill a whole level (level {level}): write 'a/+/b', not 'a/b+'."
        ),
        HashNotWholeLevel { level } => format!(
            "'#' must fill a whole level (level {level}): write 'a/#', not 'a#'."
        ),
        HashNotLast { level } => format!(
            "'#' may only come last: it is at level {level} and more levels follow."
        ),
        ShareGroupEmpty => "The group name is missing: '$share/group/filter'.".into(),
        ShareGroupWildcard { wildcard } => format!(
            "The shared group name cannot contain '{wildcard}'."
        ),
        ShareNoFilter => "The filter after the group is missing: '$share/group/filter'.".into(),
    }
}

/// [`crate::i18n::Language::filter_step`] in English.
pub(super) fn filter_step(step: &Step) -> String {
    let (n, f, t) = step.shown();
    match &step.outcome {
        StepOutcome::Literal => format!("Level {n}: '{f}' equals '{t}'."),
        StepOutcome::PlusTookLevel => {
            format!("Level {n}: '+' takes any one level, here '{t}'.")
        }
        StepOutcome::HashTookRest { levels: 0 } => format!(
            "Level {n}: '#' also matches the parent level: the topic ends right before it."
        ),
        StepOutcome::HashTookRest { levels: 1 } => {
            format!("Level {n}: '#' takes the rest of the topic (1 level).")
        }
        StepOutcome::HashTookRest { levels } => {
            format!("Level {n}: '#' takes the rest of the topic ({levels} levels).")
        }
        StepOutcome::Differs if step.case_only() => {
            format!("Level {n}: '{f}' is not '{t}': upper and lower case matter. No match.")
        }
        StepOutcome::Differs => format!("Level {n}: '{f}' is not '{t}'. No match."),
        StepOutcome::TopicTooShort => format!(
            "Level {n}: the filter goes on with '{f}' but the topic has ended. No match."
        ),
        StepOutcome::TopicTooLong => format!(
            "Level {n}: the topic goes on with '{t}' but the filter has ended (use '#' to take more levels). No match."
        ),
        StepOutcome::DollarNotMatched => format!(
            "Level {n}: topics starting with '$' (like $SYS) are not matched by a filter starting with a wildcard."
        ),
    }
}
