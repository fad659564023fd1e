//! What the page says in its notice bar: typed, language-free values rendered when shown, so
//! switching the language re-renders a notice already on screen. A leaf: it imports only the
//! core.

use crate::core::json_read::ScenarioError;
use crate::core::numbers::Fixed;
use crate::i18n::{Lang, Msg, Text};

/// Why something could not be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Nothing more to say.
    Nothing,
    /// A file or a link that does not validate (the field and what is wrong).
    Scenario(ScenarioError),
    /// A text of the catalogue.
    Text(Text),
    /// A fetch that failed without an answer (network or CORS): the browser's words follow
    /// the likely cause.
    Fetch(String),
    /// The browser's own words (an HTTP status, a file it could not read), shown as they came.
    Browser(String),
}

impl Why {
    fn render(&self, lang: Lang) -> Option<String> {
        match self {
            Why::Nothing => None,
            Why::Scenario(e) => Some(e.render(lang)),
            Why::Text(t) => Some(lang.t(*t).to_string()),
            Why::Fetch(e) => Some(format!("{} ({e})", lang.t(Text::FetchFailed))),
            Why::Browser(e) => Some(e.clone()),
        }
    }
}

/// What a notice says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    /// A text of the catalogue (a scenario loaded).
    Text(Text),
    /// The link's parameters that name nothing (each one the link gave).
    Unknown {
        /// `?lesson=`.
        lesson: Option<String>,
        /// `?view=`.
        view: Option<String>,
        /// `?mode=`.
        mode: Option<String>,
    },
    /// Something could not be done, and why; the run goes on unchanged.
    Failed(Text, Why),
    /// A shared run catching up, in percent.
    Opening(u8),
    /// A shared run opened, stopped at this virtual time (ms).
    Opened(u64),
    /// A capture saved with this many MQTT packets.
    CaptureSaved(usize),
}

impl Say {
    /// The text, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Say::Text(t) => lang.t(*t).to_string(),
            Say::Unknown { lesson, view, mode } => {
                let said: Vec<String> = [
                    lesson.as_deref().map(Msg::UnknownLesson),
                    view.as_deref().map(Msg::UnknownView),
                    mode.as_deref().map(Msg::UnknownMode),
                ]
                .into_iter()
                .flatten()
                .map(|m| m.render(lang))
                .collect();
                said.join(" ")
            }
            Say::Failed(what, why) => match why.render(lang) {
                Some(detail) => {
                    format!("{}: {detail}. {}", lang.t(*what), lang.t(Text::NothingLost))
                }
                None => format!("{}. {}", lang.t(*what), lang.t(Text::NothingLost)),
            },
            Say::Opening(p) => Msg::OpeningShared(*p).render(lang),
            Say::Opened(ms) => {
                let at = format!("{} s", Fixed(*ms as f64 / 1000.0, 1));
                Msg::SharedOpened(&at).render(lang)
            }
            Say::CaptureSaved(n) => Msg::CaptureSaved(*n).render(lang),
        }
    }

    /// Whether it reports a failure (shown as an alert).
    pub fn is_error(&self) -> bool {
        matches!(self, Say::Unknown { .. } | Say::Failed(..))
    }
}
