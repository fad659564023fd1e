//! The main catalogue's texts and messages of each language, reached through a [`Catalogue`]:
//! the functions of that language's file.
//!
//! In the release page (`--cfg mqtt_split`) a language's functions, with their words, are a
//! part of their own that the page fetches before it first shows that language
//! (`web::catalogue::load`), so a first visit downloads one language, not every one. Until then
//! (never, in a page that waited as it should) its texts are empty, not a panic. Elsewhere
//! (tests, tools, `trunk serve`) every language is at hand.

use super::{Lang, Language, Msg, Text};
use crate::core::json_read::Problem;
use crate::core::topic::TopicError;

/// Said when no language's texts could be fetched (so in every listed language at once, as
/// the page's `<noscript>` is): what happened, and the reload link.
pub const UNREACHABLE: [&str; 2] = [
    "No se pudo cargar la página: comprueba la conexión y vuelve a cargarla. / The page could not load: check the connection and load it again.",
    "Volver a cargar / Load again",
];

/// A language's main texts and messages, and what is wrong with a value (a topic or a filter
/// typed, a link, a file).
#[derive(Clone, Copy)]
pub struct Catalogue {
    text: fn(Text) -> &'static str,
    msg: for<'a> fn(Msg<'a>) -> String,
    problem: fn(&Problem) -> String,
    topic_error: fn(&TopicError) -> String,
}

impl Catalogue {
    /// The catalogue of language `L`.
    pub fn of<L: Language>() -> Catalogue {
        Catalogue {
            text: L::text,
            msg: L::msg,
            problem: L::problem,
            topic_error: L::topic_error,
        }
    }

    /// A text.
    pub fn text(self, key: Text) -> &'static str {
        (self.text)(key)
    }

    /// A message.
    pub fn msg(self, msg: Msg) -> String {
        (self.msg)(msg)
    }

    /// What is wrong with a value.
    pub fn problem(self, problem: &Problem) -> String {
        (self.problem)(problem)
    }

    /// What is wrong with a topic or a filter.
    pub fn topic_error(self, error: &TopicError) -> String {
        (self.topic_error)(error)
    }
}

#[cfg(not(mqtt_split))]
mod at_hand {
    use super::{Catalogue, Lang};

    /// Every language's catalogue is in the program.
    pub fn catalogue(lang: Lang) -> Catalogue {
        in_language!(lang, catalogue)
    }

    /// Nothing to install: every catalogue is here.
    pub fn install(_: Lang, _: Catalogue) {}

    /// Always.
    pub fn loaded(_: Lang) -> bool {
        true
    }
}

#[cfg(mqtt_split)]
mod fetched {
    use std::cell::Cell;

    use super::{Catalogue, Lang, Msg, Problem, TopicError};

    thread_local! {
        /// The catalogues fetched so far, by language (in `Lang::ALL`'s order).
        static LOADED: [Cell<Option<Catalogue>>; Lang::ALL.len()] =
            const { [const { Cell::new(None) }; Lang::ALL.len()] };
    }

    /// A language's place in `LOADED`.
    fn slot(lang: Lang) -> usize {
        Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
    }

    /// Empty texts for a language not fetched yet.
    const MISSING: Catalogue = Catalogue {
        text: |_| "",
        msg: |_: Msg| String::new(),
        problem: |_: &Problem| String::new(),
        topic_error: |_: &TopicError| String::new(),
    };

    /// The language's catalogue, once fetched.
    pub fn catalogue(lang: Lang) -> Catalogue {
        LOADED.with(|l| l[slot(lang)].get()).unwrap_or(MISSING)
    }

    /// Keeps a fetched catalogue.
    pub fn install(lang: Lang, catalogue: Catalogue) {
        LOADED.with(|l| l[slot(lang)].set(Some(catalogue)));
    }

    /// Whether the language's catalogue is here.
    pub fn loaded(lang: Lang) -> bool {
        LOADED.with(|l| l[slot(lang)].get().is_some())
    }
}

#[cfg(not(mqtt_split))]
pub use at_hand::{catalogue, install, loaded};
#[cfg(mqtt_split)]
pub use fetched::{catalogue, install, loaded};
