//! The glossary: the course's words (broker, topic, filter, QoS, retained, will, session,
//! keep-alive) as tooltips where they appear, shown on hover and on keyboard focus, and as a
//! list.

use std::cell::Cell;

use leptos::prelude::*;

use crate::i18n::Text;
use crate::web::state::Ctx;

thread_local! {
    /// Numbers tooltips so each id is unique when a word appears twice.
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// A glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// The server in the middle.
    Broker,
    /// A message's address.
    Topic,
    /// A subscription's pattern.
    Filter,
    /// Quality of service.
    Qos,
    /// A retained message.
    Retained,
    /// The last will.
    Will,
    /// The broker's memory of a client.
    Session,
    /// The heartbeat.
    KeepAlive,
    /// The run's speed (a control, not an MQTT word: not in the list).
    Speed,
    /// The run's seed (likewise).
    Seed,
}

impl Word {
    /// Every entry, in the order the list shows them.
    pub const ALL: [Word; 8] = [
        Word::Broker,
        Word::Topic,
        Word::Filter,
        Word::Qos,
        Word::Retained,
        Word::Will,
        Word::Session,
        Word::KeepAlive,
    ];

    fn id(self) -> &'static str {
        match self {
            Word::Broker => "broker",
            Word::Topic => "topic",
            Word::Filter => "filter",
            Word::Qos => "qos",
            Word::Retained => "retained",
            Word::Will => "will",
            Word::Session => "session",
            Word::KeepAlive => "keep-alive",
            Word::Speed => "speed",
            Word::Seed => "seed",
        }
    }

    fn texts(self) -> (Text, Text) {
        match self {
            Word::Broker => (Text::TermBroker, Text::DefBroker),
            Word::Topic => (Text::TermTopic, Text::DefTopic),
            Word::Filter => (Text::TermFilter, Text::DefFilter),
            Word::Qos => (Text::TermQos, Text::DefQos),
            Word::Retained => (Text::TermRetained, Text::DefRetained),
            Word::Will => (Text::TermWill, Text::DefWill),
            Word::Session => (Text::TermSession, Text::DefSession),
            Word::KeepAlive => (Text::TermKeepAlive, Text::DefKeepAlive),
            Word::Speed => (Text::Speed, Text::SpeedHelp),
            Word::Seed => (Text::Seed, Text::SeedHelp),
        }
    }
}

/// A word of the glossary as a small button that explains it on hover or keyboard focus.
/// Screen readers get the definition as the button's description.
#[component]
pub fn Term(word: Word) -> impl IntoView {
    let lang = Ctx::get().lang;
    let (name, def) = word.texts();
    let tip = format!(
        "tip-{}-{}",
        word.id(),
        NEXT.with(|n| n.replace(n.get() + 1))
    );
    view! {
        <span class="term">
            <button type="button" class="term-word" data-testid=format!("term-{}", word.id())
                aria-describedby=tip.clone()>{move || lang.get().t(name)}</button>
            <span role="tooltip" id=tip class="tip">{move || lang.get().t(def)}</span>
        </span>
    }
}

/// A row of glossary words for a panel ("Words here: topic · QoS · retained").
#[component]
pub fn Terms(words: &'static [Word]) -> impl IntoView {
    let lang = Ctx::get().lang;
    view! {
        <p class="terms">
            <span class="terms-label">{move || lang.get().t(Text::WordsHere)}</span>
            {words.iter().map(|w| view! { <Term word=*w/> }).collect_view()}
        </p>
    }
}

/// The glossary as a list.
#[component]
pub fn GlossaryPanel() -> impl IntoView {
    let lang = Ctx::get().lang;
    view! {
        <details class="panel glossary" data-testid="glossary">
            <summary>{move || lang.get().t(Text::Glossary)}</summary>
            <dl>
                {Word::ALL.into_iter().map(|w| {
                    let (name, def) = w.texts();
                    view! {
                        <dt>{move || lang.get().t(name)}</dt>
                        <dd>{move || lang.get().t(def)}</dd>
                    }
                }).collect_view()}
            </dl>
        </details>
    }
}
