//! The core's typed values in words: each method renders one core type in a language, through
//! the language's file. The core never names a language; these impls sit here, above it.

use std::fmt;

use super::class::ClassText;
use super::{Lang, Msg, Text};
use crate::core::class::ClassError;
use crate::core::codec::{BitName, DecodeError, EncodeError, FieldName, PacketType, PropertyId};
use crate::core::codec::{ReasonCode, Version};
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::core::json_read::ScenarioError;
use crate::core::misconception::Misconception;
use crate::core::payload::PayloadError;
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::{CaptureError, CaptureNote};
use crate::core::sim::lessons::file::{LessonText, Words};
use crate::core::sim::lessons::{Lesson, LessonFile};
use crate::core::topic::{Step, TopicError};
use crate::core::trace::{DropReason, Violation};

/// A code's name and meaning in one language.
pub type Told = (&'static str, &'static str);

/// The doctor's diagnosis: what happened and what to try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// What happened.
    pub what: String,
    /// The likely fix.
    pub fix: String,
}

impl ReasonCode {
    /// The name and what it means (what the client should do), in a packet's context.
    pub fn told(self, packet: PacketType, version: Version, lang: Lang) -> Told {
        in_language!(lang, reason(self.meaning(packet, version)))
    }
}

impl Misconception {
    /// Its short name and what is true, in a language.
    pub fn told(self, lang: Lang) -> Told {
        in_language!(lang, misconception(self))
    }
}

impl BitName {
    /// A short label.
    pub fn label(self, lang: Lang) -> &'static str {
        in_language!(lang, bit(self))
    }
}

impl FieldName {
    /// A short label.
    pub fn label(self, lang: Lang) -> String {
        in_language!(lang, field(self))
    }

    /// A one-sentence explanation for students.
    pub fn explain(self, lang: Lang) -> &'static str {
        in_language!(lang, field_why(self))
    }
}

impl PropertyId {
    /// What it is for, in a sentence.
    pub fn explain(self, lang: Lang) -> &'static str {
        in_language!(lang, property_why(self))
    }
}

impl DecodeError {
    /// The explanation in a language (the rule is appended by `Display`).
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, decode_error(self))
    }
}

/// In English, with the rule broken (for logs and tests).
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))?;
        if let Some(rule) = self.rule() {
            write!(f, " [{rule}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

impl EncodeError {
    /// The explanation in a language.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, encode_error(self))
    }
}

/// In English (for logs and tests).
impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EncodeError {}

impl TopicError {
    /// The explanation in a language (from its catalogue).
    pub fn message(&self, lang: Lang) -> String {
        super::loaded::catalogue(lang).topic_error(self)
    }
}

/// In English, with the rule broken (for logs and tests).
impl fmt::Display for TopicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message(Lang::En), self.rule())
    }
}

impl std::error::Error for TopicError {}

impl Step<'_> {
    /// A sentence for the journey view.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, filter_step(self))
    }
}

impl DropReason {
    /// Why, in a language.
    pub fn message(self, lang: Lang) -> &'static str {
        in_language!(lang, drop_reason(self))
    }
}

impl Violation {
    /// The explanation in a language.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, violation(self))
    }
}

impl ScenarioError {
    /// What is wrong, in `lang` (from its catalogue: a part of its own in the release page).
    pub fn message(&self, lang: Lang) -> String {
        super::loaded::catalogue(lang).problem(&self.problem)
    }

    /// The path and what is wrong, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let problem = self.message(lang);
        if self.path.is_empty() {
            problem
        } else {
            Msg::AtPath {
                path: &self.path,
                problem: &problem,
            }
            .render(lang)
        }
    }
}

/// In English (for logs and tests; the page renders it in the user's language).
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}

impl PayloadError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PayloadError::Json(e) => Msg::InvalidJson(e).render(lang),
            PayloadError::Hex => lang.t(Text::InvalidHex).to_string(),
        }
    }
}

impl UrlError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, url_error(self))
    }
}

impl DoctorProblem {
    /// The diagnosis in a language.
    pub fn diagnose(&self, lang: Lang) -> Diagnosis {
        in_language!(lang, diagnose(self))
    }
}

impl CaptureError {
    /// What went wrong and what to do, in a language.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, capture_error(self))
    }
}

impl CaptureNote {
    /// The note, in a language.
    pub fn message(&self, lang: Lang) -> String {
        in_language!(lang, capture_note(self))
    }
}

impl Story<'_> {
    /// What an opened capture tells, in a language.
    pub fn told(&self, lang: Lang) -> String {
        in_language!(lang, capture_story(self))
    }
}

impl Comment {
    /// A comment of an exported capture, in a language.
    pub fn text(&self, lang: Lang) -> String {
        in_language!(lang, capture_comment(self))
    }
}

impl ClassError {
    /// What to tell the user.
    pub fn text(self) -> ClassText {
        match self {
            ClassError::Code => ClassText::BadCode,
            ClassError::Prefix => ClassText::BadPrefix,
            ClassError::Name => ClassText::BadName,
            ClassError::Username => ClassText::BadUsername,
        }
    }
}

impl Lesson {
    /// Its title.
    pub fn title(&self) -> Text {
        match self.id {
            "pubsub" => Text::LessonPubsub,
            "wildcards" => Text::LessonWildcards,
            "queue" => Text::LessonQueue,
            "qos" => Text::LessonQos,
            "retained" => Text::LessonRetained,
            "will" => Text::LessonWill,
            "security" => Text::LessonSecurity,
            "tls" => Text::LessonTls,
            "house" => Text::LessonHouse,
            "filters" => Text::LessonFilters,
            "shared" => Text::LessonShared,
            "expiry" => Text::LessonExpiry,
            _ => Text::LessonRequest,
        }
    }
}

impl Lang {
    /// A lesson's texts in this language (the pseudo-locale transforms the language it is
    /// made from); a language the file lacks reads English, or any it has.
    pub fn lesson_text(self, file: &LessonFile) -> LessonText {
        let t = (file.text.get(self.content_code()))
            .or_else(|| file.text.get("en"))
            .or_else(|| file.text.values().next())
            .cloned()
            .unwrap_or_default();
        LessonText {
            title: t.title.as_deref().map(|t| self.content(t)),
            intro: self.content(&t.intro),
            hints: t.hints.iter().map(|h| self.content(h)).collect(),
        }
    }

    /// One of a lesson file's texts in this language (the same fallbacks).
    pub fn words(self, words: &Words) -> String {
        let text = (words.get(self.content_code()))
            .or_else(|| words.get("en"))
            .or_else(|| words.values().next());
        text.map(|t| self.content(t)).unwrap_or_default()
    }
}
