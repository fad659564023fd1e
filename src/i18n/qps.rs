//! The pseudo-locale (`?lang=qps`): every English text with its letters accented and the whole
//! bracketed, `[Ṕúƀĺíšĥ]`. A word on screen that is not accented did not come from the
//! catalogue; a bracket cut short shows a text glued from pieces or clipped by the layout.

use std::cell::RefCell;

use litemap::LiteMap;

use crate::core::codec::{Meaning, BitName, DecodeError, EncodeError, FieldName, PropertyId};
use crate::i18n::Told;
use crate::core::misconception::Misconception;
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::core::json_read::Problem;
use crate::core::pcap::{CaptureError, CaptureNote};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::scenario::action::Action;
use crate::core::topic::{Step, TopicError};
use crate::core::trace::{DropReason, TraceKind, Violation};
use super::class::{ClassMsg, ClassText};
use super::coach::{CoachMsg, CoachText};
use super::steps::{StepMsg, StepText};
use super::en::En;
use super::{Language, Msg, Text};

/// The pseudo-locale.
pub struct Qps;

impl Language for Qps {
    const CODE: &'static str = "qps";
    const HTML_LANG: &'static str = "en-XA";
    const NAME: &'static str = "[Ṕšéúđó]";
    const CONTENT: &'static str = "en";
    const LISTED: bool = false;

    fn content(text: &str) -> String {
        pseudo(text)
    }

    fn text(key: Text) -> &'static str {
        fixed(En::text(key))
    }

    fn msg(msg: Msg) -> String {
        pseudo(&En::msg(msg))
    }

    fn class_text(key: ClassText) -> &'static str {
        fixed(En::class_text(key))
    }

    fn class_msg(msg: &ClassMsg) -> String {
        pseudo(&En::class_msg(msg))
    }

    fn step_text(key: StepText) -> &'static str {
        fixed(En::step_text(key))
    }

    fn step_msg(msg: StepMsg) -> String {
        pseudo(&En::step_msg(msg))
    }

    fn coach_text(key: CoachText) -> &'static str {
        fixed(En::coach_text(key))
    }

    fn coach_msg(msg: CoachMsg) -> String {
        pseudo(&En::coach_msg(msg))
    }

    fn bit(name: BitName) -> &'static str {
        fixed(En::bit(name))
    }

    fn field(name: FieldName) -> String {
        pseudo(&En::field(name))
    }

    fn field_why(name: FieldName) -> &'static str {
        fixed(En::field_why(name))
    }

    fn property_why(id: PropertyId) -> &'static str {
        fixed(En::property_why(id))
    }

    fn drop_reason(reason: DropReason) -> &'static str {
        fixed(En::drop_reason(reason))
    }

    fn topic_error(error: &TopicError) -> String {
        pseudo(&En::topic_error(error))
    }

    fn capture_error(error: &CaptureError) -> String {
        pseudo(&En::capture_error(error))
    }

    fn capture_note(note: &CaptureNote) -> String {
        pseudo(&En::capture_note(note))
    }

    fn capture_comment(comment: &Comment) -> String {
        pseudo(&En::capture_comment(comment))
    }

    fn url_error(error: &UrlError) -> String {
        pseudo(&En::url_error(error))
    }

    fn filter_step(step: &Step) -> String {
        pseudo(&En::filter_step(step))
    }

    fn problem(problem: &Problem) -> String {
        pseudo(&En::problem(problem))
    }

    fn capture_story(story: &Story) -> String {
        pseudo(&En::capture_story(story))
    }

    fn action(action: &Action) -> String {
        pseudo(&En::action(action))
    }

    fn event(kind: &TraceKind) -> String {
        pseudo(&En::event(kind))
    }

    fn encode_error(error: &EncodeError) -> String {
        pseudo(&En::encode_error(error))
    }

    fn decode_error(error: &DecodeError) -> String {
        pseudo(&En::decode_error(error))
    }

    fn violation(violation: &Violation) -> String {
        pseudo(&En::violation(violation))
    }

    fn diagnose(problem: &DoctorProblem) -> Diagnosis {
        let d = En::diagnose(problem);
        Diagnosis {
            what: pseudo(&d.what),
            fix: pseudo(&d.fix),
        }
    }

    fn reason(meaning: Meaning) -> Told {
        let (name, meaning) = En::reason(meaning);
        (fixed(name), fixed(meaning))
    }

    fn misconception(m: Misconception) -> Told {
        let (name, truth) = En::misconception(m);
        (fixed(name), fixed(truth))
    }

}

/// The accented form of each ASCII letter, `a`–`z` then `A`–`Z`.
const ACCENTED: [char; 52] = [
    'á', 'ƀ', 'ç', 'đ', 'é', 'ƒ', 'ĝ', 'ĥ', 'í', 'ĵ', 'ķ', 'ĺ', 'ɱ', 'ñ', 'ó', 'ṕ', 'ʠ', 'ŕ', 'š',
    'ţ', 'ú', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž', 'Á', 'Ɓ', 'Ç', 'Đ', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Í', 'Ĵ', 'Ķ', 'Ĺ',
    'Ṁ', 'Ñ', 'Ó', 'Ṕ', 'Ǫ', 'Ŕ', 'Š', 'Ţ', 'Ú', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
];

/// A text accented and bracketed.
pub fn pseudo(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 2);
    out.push('[');
    for c in text.chars() {
        out.push(match c {
            'a'..='z' => ACCENTED[c as usize - 'a' as usize],
            'A'..='Z' => ACCENTED[26 + c as usize - 'A' as usize],
            _ => c,
        });
    }
    out.push(']');
    out
}

thread_local! {
    /// Each catalogue text's pseudo form, made once (the catalogue is finite, so this is too).
    static MADE: RefCell<LiteMap<(usize, usize), &'static str>> = const { RefCell::new(LiteMap::new()) };
}

/// The pseudo form of a catalogue text, kept for the page's lifetime like the text itself.
fn fixed(text: &'static str) -> &'static str {
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        let key = (text.as_ptr() as usize, text.len());
        if let Some(done) = made.get(&key) {
            return *done;
        }
        let done: &'static str = Box::leak(pseudo(text).into_boxed_str());
        made.insert(key, done);
        done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_accented_and_the_whole_bracketed() {
        assert_eq!(pseudo("Publish 3 QoS!"), "[Ṕúƀĺíšĥ 3 ǪóŠ!]");
        assert_eq!(Qps::text(Text::Play), "[Ṕĺáý]");
        assert!(std::ptr::eq(Qps::text(Text::Play), Qps::text(Text::Play)));
    }
}
