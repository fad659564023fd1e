//! The catalogue: languages and every word the interface shows, above the language-free core.
//!
//! The keys live here ([`Text`], [`Msg`], the class's and the coach's own); the core's typed
//! values (decoding errors, trace events, JSON problems, reason codes…) are rendered by
//! `values.rs` (`error.message(lang)`, `code.told(…, lang)`). Each language's file
//! (`i18n/es.rs`, `i18n/en.rs`) implements [`Language`], rendering every key whole in an
//! exhaustive `match`, so a missing translation does not compile. Views call `lang.t(key)`,
//! `msg.render(lang)` or a value's `message(lang)`, which dispatch through the `in_language!`
//! macro; nothing else writes prose, and nothing in `core` names a language.

use std::fmt;

use crate::core::codec::{BitName, DecodeError, EncodeError, FieldName, Meaning, PropertyId};
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::core::json_read::Problem;
use crate::core::misconception::Misconception;
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::{CaptureError, CaptureNote};
use crate::core::scenario::action::Action;
use crate::core::topic::{Step, TopicError};
use crate::core::trace::{DropReason, TraceKind, Violation};
use class::{ClassMsg, ClassText};
use coach::{CoachMsg, CoachText};
use steps::{StepMsg, StepText};

/// Declares the languages, each with its module (one file holding all its texts). Adding a
/// language is one file implementing [`Language`] and one line here.
macro_rules! languages {
    ($d:tt; $($(#[$doc:meta])* $lang:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A language the interface speaks.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub enum Lang {
            $($(#[$doc])* $lang,)*
        }

        impl Lang {
            /// All languages, listed ones in the order the switch shows them.
            pub const ALL: &'static [Lang] = &[$(Lang::$lang,)*];
        }

        /// Calls a [`Language`] function of the language given (or makes its [`loaded::Catalogue`]).
        macro_rules! in_language {
            ($d lang:expr, catalogue) => {
                match $d lang {
                    $(Lang::$lang => $crate::i18n::loaded::Catalogue::of::<$crate::i18n::$module::$lang>(),)*
                }
            };
            ($d lang:expr, const $d c:ident) => {
                match $d lang {
                    $(Lang::$lang => <$crate::i18n::$module::$lang as $crate::i18n::Language>::$d c,)*
                }
            };
            ($d lang:expr, $d f:ident($d($d arg:expr),*)) => {
                match $d lang {
                    $(Lang::$lang => <$crate::i18n::$module::$lang as $crate::i18n::Language>::$d f($d($d arg),*),)*
                }
            };
        }
    };
}

languages! {$;
    /// Spanish (the course's language).
    Es => es,
    /// English (the default).
    #[default]
    En => en,
    /// The pseudo-locale (`?lang=qps`): English accented and bracketed, to find text that does
    /// not come from the catalogue.
    Qps => qps,
}

/// One language: every catalogue's texts and every message, rendered whole. Each language's
/// file implements it; a missing text is a missing match arm, which the compiler reports.
pub trait Language {
    /// The code used in `?lang=` (and by the lessons' text files).
    const CODE: &'static str;
    /// The tag for `<html lang>`.
    const HTML_LANG: &'static str;
    /// The language's name in itself, as the switch lists it.
    const NAME: &'static str;
    /// Whether the switch lists it (the pseudo-locale is reached by its link only).
    const LISTED: bool;
    /// Whose content files (the lessons' long texts) it reads: its own code, or the language
    /// it is made from.
    const CONTENT: &'static str;
    /// A text of a content file, as shown (the pseudo-locale transforms it).
    fn content(text: &str) -> String {
        text.to_string()
    }
    /// A text of the main catalogue.
    fn text(key: Text) -> &'static str;
    /// A message with values.
    fn msg(msg: Msg) -> String;
    /// A text of the class view.
    fn class_text(key: ClassText) -> &'static str;
    /// A message of the class view.
    fn class_msg(msg: &ClassMsg) -> String;
    /// A text of a lesson's steps.
    fn step_text(key: StepText) -> &'static str;
    /// A message of a lesson's steps.
    fn step_msg(msg: StepMsg) -> String;
    /// A text of the coach.
    fn coach_text(key: CoachText) -> &'static str;
    /// A message of the coach.
    fn coach_msg(msg: CoachMsg) -> String;
    /// A step of matching a filter against a topic, for the journey.
    fn filter_step(step: &Step) -> String;
    /// What is wrong with a broker address.
    fn url_error(error: &UrlError) -> String;
    /// A comment on a packet of an exported capture.
    fn capture_comment(comment: &Comment) -> String;
    /// Something to know about a capture file that was read.
    fn capture_note(note: &CaptureNote) -> String;
    /// Why a capture file cannot be read, and what to do.
    fn capture_error(error: &CaptureError) -> String;
    /// What is wrong with a topic or filter.
    fn topic_error(error: &TopicError) -> String;
    /// Why the broker dropped a message.
    fn drop_reason(reason: DropReason) -> &'static str;
    /// A bit group's short label.
    fn bit(name: BitName) -> &'static str;
    /// A dissected field's short label.
    fn field(name: FieldName) -> String;
    /// What a dissected field is, in a sentence.
    fn field_why(name: FieldName) -> &'static str;
    /// What an MQTT 5 property is for, in a sentence.
    fn property_why(id: PropertyId) -> &'static str;
    /// What is wrong with a value of a file, a link or an action.
    fn problem(problem: &Problem) -> String;
    /// What an opened capture tells.
    fn capture_story(story: &Story) -> String;
    /// An action as a sentence, for the log.
    fn action(action: &Action) -> String;
    /// A trace event as a sentence, for the log.
    fn event(kind: &TraceKind) -> String;
    /// Why a packet cannot be encoded.
    fn encode_error(error: &EncodeError) -> String;
    /// Why bytes are not a valid packet.
    fn decode_error(error: &DecodeError) -> String;
    /// Why the broker closes a connection that broke the protocol.
    fn violation(violation: &Violation) -> String;
    /// The real-broker doctor's diagnosis: what happened and what to try.
    fn diagnose(problem: &DoctorProblem) -> Diagnosis;
    /// What a reason code means where it appeared: its name, and what the client should do.
    fn reason(meaning: Meaning) -> Told;
    /// A usual mistake: its short name, and what is true.
    fn misconception(m: Misconception) -> Told;
}

impl Lang {
    /// The code used in `?lang=`.
    pub fn code(self) -> &'static str {
        in_language!(self, const CODE)
    }

    /// The tag for `<html lang>` (a valid BCP 47 tag even for the pseudo-locale).
    pub fn html_lang(self) -> &'static str {
        in_language!(self, const HTML_LANG)
    }

    /// Whose content files this language reads (`es`, `en`).
    pub fn content_code(self) -> &'static str {
        in_language!(self, const CONTENT)
    }

    /// A text of a content file, as this language shows it.
    pub fn content(self, text: &str) -> String {
        in_language!(self, content(text))
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        in_language!(self, const NAME)
    }

    /// The languages the switch lists, in order.
    pub fn listed() -> impl Iterator<Item = Lang> {
        Lang::ALL
            .iter()
            .copied()
            .filter(|l| in_language!(*l, const LISTED))
    }

    /// Parses a language tag such as `es`, `es-MX` or `EN_us`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.iter().copied().find(|l| l.code() == primary)
    }

    /// Reads `lang=` from a URL query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Option<Lang> {
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "lang")
            .and_then(|(_, value)| Lang::from_tag(value))
    }

    /// Chooses the language: the URL wins, then the browser's preferences (listed languages
    /// only), then English.
    pub fn choose<'a>(query: &str, preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        Lang::from_query(query)
            .or_else(|| {
                preferred
                    .into_iter()
                    .filter_map(Lang::from_tag)
                    .find(|l| Lang::listed().any(|x| x == *l))
            })
            .unwrap_or_default()
    }

    /// Looks up a text in this language (from the main catalogue or a view's own, such as
    /// [`ClassText`], whose texts travel with that view's lazily loaded part).
    pub fn t<K: Key>(self, text: K) -> &'static str {
        text.in_lang(self)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

pub mod build;
pub mod class;
pub mod coach;
pub mod describe;
mod joined;
pub mod loaded;
pub mod steps;
mod values;
#[cfg(test)]
mod values_tests;

pub use values::{Diagnosis, Told};

/// What an eavesdropper reads, as one line: the packet, then `user=…` and `password=…` under
/// a language's two `labels`, the topic and ` = payload` (every language's file renders
/// [`Msg::Eavesdropped`] through it, with its own labels).
pub(crate) fn sniffed(
    packet: &str,
    [user, password, topic, payload]: [Option<&str>; 4],
    [user_label, password_label]: [&str; 2],
) -> String {
    let mut s = packet.to_string();
    if let Some(u) = user {
        s.push_str(&format!(" {user_label}={u}"));
    }
    if let Some(p) = password {
        s.push_str(&format!(" {password_label}={p}"));
    }
    if let Some(t) = topic {
        s.push_str(&format!(" {t}"));
    }
    if let Some(p) = payload {
        s.push_str(&format!(" = {p}"));
    }
    s
}

/// Messages with values, each sentence whole in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg<'a> {
    /// A subscription's QoS, after its filter.
    SubQos(u8),
    /// The log's link to message `n`'s journey (its spoken label).
    JourneyLink(u64),
    /// A capture's frame number, as a heading.
    FrameNo(u64),
    /// A file the browser could not read, with its reason.
    FileReadFailed(&'a str),
    /// A payload that is not JSON, with the parser's words.
    InvalidJson(&'a str),
    /// A connection closed without a reason code, at a time (`1.2`, seconds).
    ClosedNoCode(&'a str),
    /// A scrubber point's event kind and packet.
    KindPacket {
        /// The event kind, told.
        kind: &'a str,
        /// The packet's name.
        packet: &'a str,
    },
    /// What an eavesdropper reads from a packet in clear.
    Eavesdropped {
        /// The packet's name.
        packet: &'a str,
        /// The user name it carries.
        user: Option<&'a str>,
        /// The password it carries.
        password: Option<&'a str>,
        /// The topic.
        topic: Option<&'a str>,
        /// The payload, as text.
        payload: Option<&'a str>,
    },
    /// A TLS record of `n` bytes: nothing to read.
    Encrypted(usize),
    /// A received message's QoS and retain flag, after its payload.
    MessageMeta {
        /// Its QoS.
        qos: u8,
        /// Whether it was retained.
        retain: bool,
    },
    /// Where in a file a problem is, and the problem.
    AtPath {
        /// The field's path (`devices[1].kind.topic`).
        path: &'a str,
        /// What is wrong there.
        problem: &'a str,
    },
    /// A filter the broker tried, on the stage.
    NoteFilter {
        /// The filter.
        filter: &'a str,
        /// Whose it is.
        client: &'a str,
        /// Whether it matched.
        matched: bool,
    },
    /// What a device shows on the stage (short: under its icon).
    Face(&'a crate::core::sim::picture::Face),
    /// What a device shows, said whole (for a screen reader): its name, what it shows, its
    /// connection.
    FaceSaid {
        /// Its name.
        name: &'a str,
        /// What it shows.
        face: &'a crate::core::sim::picture::Face,
        /// Its subscriptions, as tagged.
        tags: &'a str,
        /// Its connection (a catalogue label).
        status: &'a str,
        /// It can be chosen as the acting device.
        choose: bool,
    },
    /// A session's queue beside the broker: the device and how many messages wait.
    QueueWaiting(&'a str, usize),
    /// Devices whose state changed, said to a screen reader: each name and its state.
    Changed(&'a [(String, String)]),
    /// The broker's retained store, for a screen reader: how many topics.
    RetainedShelf(usize),
    /// The shelf's title on the stage: how many topics are retained (first, so that a title cut
    /// short keeps it).
    ShelfTitle(usize),
    /// A device's subscriptions on the stage when it has several: its first filter and how
    /// many more (said in words: a `+` would read as part of the filter).
    FilterTags(&'a str, usize),
    /// A message queued for an offline client, on the stage.
    NoteQueued(&'a str),
    /// A device with no connection was asked to publish: the message is lost (QoS 0) or waits
    /// for the connection.
    NoteNotSent {
        /// The device.
        device: &'a str,
        /// Whether it is lost.
        lost: bool,
    },
    /// A message kept as retained, on the stage.
    NoteRetained(&'a str),
    /// How a publisher logged in, and whether an ACL let it write.
    Login {
        /// Its client id.
        client: &'a str,
        /// Its user name, if it gave one.
        user: Option<&'a str>,
        /// Whether the broker has an ACL (that let it write).
        acl: bool,
    },
    /// A response topic that is not valid, and why.
    ResponseTopicInvalid(&'a str),
    /// Messages to the client not yet acknowledged, of its Receive Maximum.
    WindowToClient(u64, u64),
    /// QoS 2 messages from the client unfinished, of the broker's Receive Maximum.
    WindowFromClient(u64, u64),
    /// Topic aliases the client set, of its maximum.
    AliasesFromClient(u64, u64),
    /// Topic aliases the broker set, of the client's maximum.
    AliasesToClient(u64, u64),
    /// Seconds until a session expires.
    ExpiresIn(u64),
    /// Seconds a session outlives a disconnect.
    OutlivesBy(u64),
    /// A subscription identifier.
    SubId(u64),
    /// The keep-alive agreed, in seconds.
    KeepAliveIs(u64),
    /// Lessons passed in this browser, of all.
    LessonsDone(u64, u64),
    /// A lesson to go over again, for a usual mistake shown.
    Suggest {
        /// The mistake's short name.
        mistake: &'a str,
    },
    /// Messages sent through the bridge, and not sent (disconnected).
    BridgeCount(u64, u64),
    /// `?lesson=` names no lesson.
    UnknownLesson(&'a str),
    /// `?view=` names no view.
    UnknownView(&'a str),
    /// `?mode=` names no mode.
    UnknownMode(&'a str),
    /// A shared run is being rebuilt: how far, in percent.
    OpeningShared(u8),
    /// A shared run was opened, stopped at this time (`12.5 s`).
    SharedOpened(&'a str),
    /// A capture was saved with this many MQTT packets.
    CaptureSaved(usize),
    /// The sequence diagram's header when its lanes are too many to name: this many clients.
    ManyLanes(usize),
    /// A message reached `delivered` of the `matched` subscribers its filters matched.
    DeliveredOf {
        /// Delivered or queued.
        delivered: usize,
        /// Whose filters matched.
        matched: usize,
    },
    /// Where the scrubber stands: the time, the event's number of all and what it was.
    ScrubPoint {
        /// The virtual time (`12.400 s`).
        at: &'a str,
        /// Events up to here.
        index: u64,
        /// Events in the run.
        total: u64,
        /// What the last event was (a catalogue label), if any.
        what: Option<&'a str>,
    },
    /// The scrubber's position, shown beside it.
    ScrubCount {
        /// The virtual time (`12.400 s`).
        at: &'a str,
        /// Events up to here.
        index: u64,
        /// Events in the run.
        total: u64,
    },
    /// An arrow of the sequence diagram, for a screen reader.
    ConnectsAt(u64),
    Arrow {
        /// The packet (`PUBLISH QoS 1`).
        label: &'a str,
        /// Who sends it.
        from: &'a str,
        /// Who it goes to.
        to: &'a str,
        /// When it leaves.
        at: &'a str,
        /// Lost on the way.
        lost: bool,
    },
}

impl Msg<'_> {
    /// The sentence in a language.
    pub fn render(self, lang: Lang) -> String {
        loaded::catalogue(lang).msg(self)
    }
}

/// A key of a catalogue: its text in each language.
pub trait Key: Copy {
    /// The text in the given language.
    fn in_lang(self, lang: Lang) -> &'static str;
}

/// Declares a catalogue's keys; each language's file gives their texts through the
/// [`Language`] function named after the key type (`=> loaded f`: through the language's
/// [`loaded::Catalogue`], fetched with the language).
macro_rules! keys {
    (@enum $(#[$edoc:meta])* $name:ident; $($(#[$doc:meta])* $key:ident,)*) => {
        $(#[$edoc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$doc])* $key,)*
        }

        impl $name {
            /// Every key, for completeness checks.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
        }
    };
    ($(#[$edoc:meta])* $name:ident => loaded $f:ident; $($(#[$doc:meta])* $key:ident,)*) => {
        $crate::i18n::keys!(@enum $(#[$edoc])* $name; $($(#[$doc])* $key,)*);

        impl $crate::i18n::Key for $name {
            fn in_lang(self, lang: Lang) -> &'static str {
                $crate::i18n::loaded::catalogue(lang).$f(self)
            }
        }
    };
    ($(#[$edoc:meta])* $name:ident => $f:ident; $($(#[$doc:meta])* $key:ident,)*) => {
        $crate::i18n::keys!(@enum $(#[$edoc])* $name; $($(#[$doc])* $key,)*);

        impl $crate::i18n::Key for $name {
            fn in_lang(self, lang: Lang) -> &'static str {
                in_language!(lang, $f(self))
            }
        }
    };
}
pub(crate) use keys;

keys! {
    /// A key into the main text catalogue.
    Text => loaded text;
    /// The app's name.
    AppTitle,
    /// The line under the title.
    Tagline,
    /// The language switch's label.
    LanguageLabel,
    /// What the simulated broker is, on the start screen.
    SimulatedBrokerIntro,
    /// Title of the panel shown after an internal error.
    CrashTitle,
    /// Explanation on the error panel.
    CrashBody,
    /// The reload button on the error panel.
    Reload,
    /// Label of the technical details on the error panel.
    CrashDetails,
    /// Play button.
    Play,
    /// Pause button.
    Pause,
    /// Single-step button.
    Step,
    /// Speed selector label.
    Speed,
    /// Virtual time label.
    VirtualTime,
    /// Seed label.
    Seed,
    /// Restart-with-same-seed button.
    Replay,
    /// The scrubber's name: the run's timeline, to move back and forth in.
    ScrubberLabel,
    /// How the scrubber is used with the keyboard.
    ScrubberKeys,
    /// Button: one event back.
    StepBack,
    /// Button: one event forward (on the scrubber).
    StepOn,
    /// Badge while the run shows a past point.
    InThePast,
    /// Button: fork a new future from the point shown.
    ContinueHere,
    /// What *continue from here* does.
    ContinueHereHint,
    /// Button: back to the live end of the run.
    BackToLive,
    /// Button: undo the last fork.
    UndoFork,
    /// Notice after a fork.
    ForkStarted,
    /// Notice after undoing a fork.
    ForkUndone,
    /// Lesson selector label.
    /// Lesson `pubsub`'s title.
    LessonPubsub,
    /// Lesson `wildcards`'s title.
    LessonWildcards,
    /// Lesson `queue`'s title.
    LessonQueue,
    /// Lesson `qos`'s title.
    LessonQos,
    /// Lesson `retained`'s title.
    LessonRetained,
    /// Lesson `will`'s title.
    LessonWill,
    /// Lesson `security`'s title.
    LessonSecurity,
    /// Lesson `tls`'s title.
    LessonTls,
    /// Lesson `house`'s title.
    LessonHouse,
    /// Lesson `filters`'s title.
    LessonFilters,
    /// Lesson `shared`'s title.
    LessonShared,
    /// Lesson `expiry`'s title.
    LessonExpiry,
    /// The QoS field's label.
    QosField,
    /// The MQTT 5 options of a form.
    Mqtt5Options,
    /// MQTT 5 subscription option No Local.
    NoLocalOption,
    /// MQTT 5 subscription option Retain As Published.
    RetainAsPublishedOption,
    /// MQTT 5 subscription option Retain Handling.
    RetainHandlingOption,
    /// MQTT 5 Content Type property.
    ContentTypeField,
    /// MQTT 5 Message Expiry Interval, in seconds.
    MessageExpiryField,
    /// Show a payload as text.
    ShowAsText,
    /// Show a payload as JSON.
    ShowAsJson,
    /// Show a payload as hexadecimal bytes.
    ShowAsHex,
    /// A table column: the MQTT packet.
    MqttColumn,
    /// A table column: its size in bytes.
    BytesColumn,
    /// A device that connects over TLS.
    TlsBadge,
    /// The TLS port choice.
    PortTls,
    /// Lesson `request`'s title.
    LessonRequest,
    LessonLabel,
    /// After a lesson in the picker that works on a mistake the student showed.
    ToReview,
    /// Free play (no lesson).
    FreePlay,
    /// Goals heading.
    Goals,
    /// Hints heading.
    Hints,
    /// A goal achieved.
    GoalDone,
    /// A goal pending.
    GoalPending,
    /// Lesson completed banner.
    LessonPassed,
    /// Devices heading.
    Devices,
    /// Connect button.
    Connect,
    /// Disconnect button.
    Disconnect,
    /// Pull the plug.
    PullPlug,
    /// Plug back in.
    Replug,
    /// Online state.
    Online,
    /// Offline state.
    Offline,
    /// Connecting state.
    Connecting,
    /// Unplugged state.
    Unplugged,
    /// Network diagram heading.
    Network,
    /// What the words beside each device on the stage are (version, port).
    StageLegend,
    /// The link that skips to the stage.
    SkipToStage,
    /// The broker.
    Broker,
    /// Publish form heading.
    PublishHeading,
    /// Subscribe form heading.
    SubscribeHeading,
    /// Device field.
    DeviceField,
    /// Topic field.
    TopicField,
    /// Filter field.
    FilterField,
    /// Payload field.
    PayloadField,
    /// Retain checkbox.
    RetainField,
    /// Unsubscribe button.
    Unsubscribe,
    /// Journey heading.
    Journey,
    /// Journey placeholder.
    JourneyEmpty,
    /// Journey: the bytes.
    PacketBytes,
    /// Journey: filters tried.
    FiltersTried,
    /// Journey: subscriber column.
    Subscriber,
    /// Journey: result column.
    Result,
    /// Matched.
    Matched,
    /// Not matched.
    NotMatched,
    /// Journey: what happened next.
    Outcome,
    /// Export sequence diagram.
    ExportSvg,
    /// Timeline heading.
    Timeline,
    /// Filter by device.
    FilterDevice,
    /// Filter by topic.
    FilterTopic,
    /// Filter by kind.
    FilterKind,
    /// Any kind.
    AnyKind,
    /// Export CSV.
    ExportCsv,
    /// Export JSON.
    ExportJson,
    /// Events shown.
    EventsShown,
    /// Broker internals heading.
    BrokerInternals,
    /// Sessions.
    Sessions,
    /// Persistent session.
    Persistent,
    /// Clean session.
    Clean,
    /// Queue.
    Queue,
    /// In flight.
    InFlight,
    /// Subscriptions.
    Subscriptions,
    /// Retained store.
    RetainedStore,
    /// Topic tree.
    TopicTree,
    /// Wildcard tester heading.
    WildcardTester,
    /// Wildcard tester: topics, one per line.
    TopicsOnePerLine,
    /// Tabs label.
    Views,
    /// Dark mode toggle.
    ThemeToggle,
    /// Publish form: the MQTT 5 properties' group.
    Props5,
    /// Publish form: Message Expiry Interval.
    ExpiryField,
    /// Publish form: Response Topic.
    ResponseTopicField,
    /// Publish form: Correlation Data.
    CorrelationField,
    /// Publish form: a bad expiry.
    ExpiryInvalid,
    /// Journey: the broker did not accept the PUBLISH.
    JourneyRefused,
    /// Journey: the reason codes of its acknowledgements, heading.
    ReasonCodes,
    /// Broker tab: refused connections and broker disconnects, heading.
    Refusals,
    /// Broker tab: the column of what a 5.0 client and the broker agreed.
    Agreed5,
    /// Broker tab: Session Expiry Interval 0.
    EndsWithConnection,
    /// Broker tab: Session Expiry Interval 0xFFFFFFFF.
    NeverExpires,
    /// Real client: topic aliases on our publishes (5.0).
    UseTopicAliases,
    /// Nothing yet.
    Nothing,
    /// Live region: delivered to N of M.
    /// Device settings (editor).
    Settings,
    /// Link latency slider.
    Latency,
    /// Link jitter slider.
    Jitter,
    /// Link loss slider.
    Loss,
    /// Clean session setting.
    CleanSession,
    /// Port setting.
    Port,
    /// Will setting.
    WillTopic,
    /// Will payload.
    WillPayload,
    /// Apply at next connection.
    NextConnection,
    /// Apply button.
    Apply,
    /// User name.
    Username,
    /// Password.
    Password,
    /// Packet type filter.
    FilterPacket,
    /// Auth decision in the journey.
    AuthDecision,
    /// Client column.
    Client,
    /// Mode: simulation.
    ModeSimulated,
    /// Mode: real broker.
    ModeReal,
    /// While a part of the app is downloaded on first use.
    LoadingPart,
    /// A part of the app could not be downloaded.
    LoadPartFailed,
    /// Another language's texts could not be downloaded.
    LanguageFailed,
    /// A lesson's texts are on their way.
    LessonLoading,
    /// A lesson's texts could not be fetched.
    LessonTextFailed,
    /// Try a failed download again.
    Retry,
    /// Broker address.
    BrokerAddress,
    /// Presets.
    Presets,
    /// The presets' choice when the address typed is none of them.
    OtherAddress,
    /// Protocol version.
    ProtocolVersion,
    /// Client id.
    ClientIdField,
    /// Keep-alive.
    KeepAlive,
    /// Doctor heading.
    Doctor,
    /// Likely fix.
    LikelyFix,
    /// Received messages.
    ReceivedMessages,
    /// Waiting publishes.
    Waiting,
    /// Payload format.
    PayloadFormat,
    /// Confirm subscribing to # on a public broker.
    ConfirmHash,
    /// Invalid hex payload.
    InvalidHex,
    /// Reconnecting status.
    Reconnecting,
    /// Password is not remembered.
    PasswordNotKept,
    /// Invalid message expiry.
    InvalidExpiry,
    /// Invalid user property line.
    InvalidUserProperty,
    /// User properties label.
    UserProperties,
    /// Class topic prefix.
    ClassPrefix,
    /// Remember connection settings.
    RememberConnection,
    /// Save as template.
    SaveTemplate,
    /// Templates.
    Templates,
    /// Invalid client id.
    InvalidClientId,
    /// Device kinds, as shown on the cards.
    KindSensor,
    /// Actuator.
    KindActuator,
    /// Dashboard.
    KindDashboard,
    /// Phone.
    KindPhone,
    /// Eavesdropper.
    KindEavesdropper,
    /// Intruder.
    KindIntruder,
    /// Device kind: answers requests (5.0 request/response).
    KindResponder,
    /// Custom.
    KindCustom,
    /// The lesson list while a teacher's lesson plays.
    TeachersLesson,
    /// The header's button that opens the lesson builder.
    CreateLesson,
    /// Share panel title.
    ShareTitle,
    /// Copy a link that reproduces this run.
    CopyShareLink,
    /// The link was copied.
    LinkCopied,
    /// The clipboard was not available: copy by hand.
    CopyByHand,
    /// Links never carry passwords.
    ShareNoPasswords,
    /// The log's label for `ConnectionOpened` events.
    KindConnectionOpened,
    /// The log's label for `PacketIn` events.
    KindPacketIn,
    /// The log's label for `PacketOut` events.
    KindPacketOut,
    /// The log's label for `Auth` events.
    KindAuth,
    /// The log's label for `SessionCreated` events.
    KindSessionCreated,
    /// The log's label for `SessionResumed` events.
    KindSessionResumed,
    /// The log's label for `SessionEnded` events.
    KindSessionEnded,
    /// The log's label for `TakenOver` events.
    KindTakenOver,
    /// The log's label for `Published` events.
    KindPublished,
    /// The log's label for `PublishDenied` events.
    KindPublishDenied,
    /// The log's label for `FilterTried` events.
    KindFilterTried,
    /// The log's label for `RetainedSent` events.
    KindRetainedSent,
    /// The log's label for `Queued` events.
    KindQueued,
    /// The log's label for `Dropped` events.
    KindDropped,
    /// The log's label for `Delivered` events.
    KindDelivered,
    /// The log's label for `Acknowledged` events.
    KindAcknowledged,
    /// The log's label for `RetainedStored` events.
    KindRetainedStored,
    /// The log's label for `RetainedCleared` events.
    KindRetainedCleared,
    /// The log's label for `WillFired` events.
    KindWillFired,
    /// The log's label for `KeepAliveTimeout` events.
    KindKeepAliveTimeout,
    /// The log's label for `ProtocolError` events.
    KindProtocolError,
    /// The log's label for `ConnectionClosed` events.
    KindConnectionClosed,
    /// The log's label for `Transmitted` events.
    KindTransmitted,
    /// The log's label for `DeviceChanged` events.
    KindDeviceChanged,
    /// The log's label for `DeviceSent` events.
    KindDeviceSent,
    /// The log's label for `DeviceReceived` events.
    KindDeviceReceived,
    /// The log's label for `Eavesdropped` events.
    KindEavesdropped,
    /// The log's label for `ActionApplied` events.
    KindActionApplied,
    /// The teaching speed (every packet drawn long enough to follow).
    SpeedTeaching,
    /// The acting device's label.
    ActingDevice,
    /// The acting device's area (publish, subscribe).
    ActingTitle,
    /// The phone's navigation between the page's parts.
    PartsNav,
    /// The lesson part, in the phone's navigation.
    LessonPart,
    /// Beside the lesson's link in the phone's bar: a question waits for an answer.
    QuestionWaits,
    /// The messages part, in the phone's navigation.
    MessagesPart,
    /// The sequence diagram's title (and its tab).
    SequenceTitle,
    /// The sequence diagram's scrolled list of arrows.
    SequenceArrows,
    /// How to read the sequence diagram.
    SequenceHint,
    /// The class setup's summary.
    ClassTitle,
    /// Inside a learning platform.
    LmsConnected,
    /// Copy an iframe snippet.
    CopyIframe,
    /// Download the scenario.
    ExportScenario,
    /// Open a scenario file.
    ImportScenario,
    /// A scenario was loaded.
    ScenarioLoaded,
    /// A link or embed code could not be made (the browser refused to compress it).
    ShareMakeFailed,
    /// A shared link could not be opened.
    ShareOpenFailed,
    /// A scenario could not be loaded.
    ScenarioFailed,
    /// The scenario URL could not be fetched.
    FetchFailed,
    /// Nothing already running was changed.
    NothingLost,
    /// Close a notice.
    /// A newer build is ready (offline use): reload to use it.
    UpdateReady,
    /// The button that reloads into the newer build.
    UpdateReload,
    /// The real broker and the class need the network (the simulation does not).
    NeedsNetwork,
    Dismiss,
    /// Open the app outside the iframe.
    OpenFullApp,
    /// Embedded on an https page: only wss works.
    WssOnlyHere,
    /// This lesson was passed before.
    PassedBefore,
    StartTitle,
    DontConnect,
    SysValues,
    StartBody,
    StartLesson,
    StartFree,
    SpeedHelp,
    SeedHelp,
    /// Forget the progress.
    ResetProgress,
    /// Before a row of glossary words.
    WordsHere,
    /// Confirm before forgetting the progress.
    ConfirmResetProgress,
    /// The real client's packet inspector.
    PacketInspector,
    /// What the inspector captures.
    InspectorHint,
    /// Our subscriptions tried against a received topic.
    YourFilters,
    /// The bridge between the simulation and the real broker.
    BridgeTitle,
    /// What the bridge does.
    BridgeHint,
    /// Bridge prefix.
    BridgePrefix,
    /// Send a device's publishes.
    BridgeSend,
    /// Show real messages on a dashboard.
    BridgeShow,
    /// Real messages on a dashboard.
    FromRealBroker,
    /// Glossary heading.
    Glossary,
    /// Glossary: broker.
    TermBroker,
    /// Glossary: broker definition.
    DefBroker,
    /// Glossary: topic.
    TermTopic,
    /// Topic definition.
    DefTopic,
    /// Glossary: filter.
    TermFilter,
    /// Filter definition.
    DefFilter,
    /// Glossary: QoS.
    TermQos,
    /// QoS definition.
    DefQos,
    /// Glossary: retained.
    TermRetained,
    /// Retained definition.
    DefRetained,
    /// Glossary: will.
    TermWill,
    /// Will definition.
    DefWill,
    /// Captures tab.
    CaptureTab,
    /// Captures panel heading.
    CaptureTitle,
    /// What the captures panel does.
    CaptureIntro,
    /// Export the run as a capture.
    ExportCapture,
    /// Open a capture file.
    OpenCapture,
    /// What captures can be opened.
    OpenCaptureHint,
    /// While a capture is read.
    CaptureReading,
    /// The run could not be exported.
    CaptureExportFailed,
    /// Direction: to the broker.
    ToBroker,
    /// Direction: from the broker.
    FromBroker,
    /// A capture's frame number.
    FrameWord,
    /// Connections table caption.
    Connections,
    /// Client column: its id and address.
    ClientAddress,
    /// Broker address column.
    BrokerAddressCol,
    /// Packets.
    PacketsWord,
    /// Time column, in seconds.
    TimeSeconds,
    /// Client column.
    ClientWord,
    /// Direction column.
    Direction,
    /// Packet column.
    PacketWord,
    /// Previous page.
    Previous,
    /// Next page.
    Next,
    /// The connection filter of a capture's packet list.
    ShowConnection,
    /// Every connection.
    AllConnections,
    /// "Byte" in "Byte 3 = 0x1F".
    ByteWord,
    /// How to walk the bytes.
    BytesWalkHint,
    /// Glossary: session.
    TermSession,
    /// Session definition.
    DefSession,
    /// Glossary: keep-alive.
    TermKeepAlive,
    /// Keep-alive definition.
    DefKeepAlive,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_wins_over_browser() {
        assert_eq!(Lang::choose("?lang=es", ["en-US"]), Lang::Es);
        assert_eq!(Lang::choose("?x=1&lang=en", ["es-ES"]), Lang::En);
    }

    #[test]
    fn browser_preferences_in_order() {
        assert_eq!(Lang::choose("", ["fr-FR", "es-MX", "en"]), Lang::Es);
        assert_eq!(Lang::choose("?lang=de", ["de", "en-GB"]), Lang::En);
        assert_eq!(Lang::choose("", ["fr"]), Lang::En);
    }

    #[test]
    fn tags_are_parsed_loosely() {
        assert_eq!(Lang::from_tag("ES_es"), Some(Lang::Es));
        assert_eq!(Lang::from_tag(" en "), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_query("lang"), None);
    }

    #[test]
    fn every_text_in_every_language() {
        for text in Text::ALL {
            for &lang in Lang::ALL {
                assert!(!lang.t(*text).trim().is_empty(), "{text:?} empty in {lang}");
            }
            // A listed language that shows another's text untranslated is a missed entry
            // (names that stay the same, such as the app's, are listed here).
            let same = [Text::AppTitle];
            if !same.contains(text) && Lang::Es.t(*text) == Lang::En.t(*text) {
                let t = Lang::Es.t(*text);
                let ok = t.chars().all(|c| !c.is_alphabetic()) || t.split_whitespace().count() <= 2;
                assert!(ok, "{text:?} is the same in Spanish and English: {t}");
            }
        }
    }

    #[test]
    fn the_switch_lists_real_languages_by_their_own_names() {
        let listed: Vec<Lang> = Lang::listed().collect();
        assert_eq!(listed, [Lang::Es, Lang::En]);
        assert_eq!(Lang::Es.name(), "Español");
        assert!(
            Lang::from_tag("qps").is_some(),
            "the pseudo-locale opens by its link"
        );
        assert_eq!(
            Lang::choose("", ["qps"]),
            Lang::En,
            "never from browser preferences"
        );
        assert_eq!(Lang::Qps.html_lang(), "en-XA");
    }

    #[test]
    fn the_pseudo_locale_transforms_every_kind_of_text() {
        assert_eq!(Lang::Qps.t(Text::Play), "[Ṕĺáý]");
        assert_eq!(
            Msg::CaptureSaved(3).render(Lang::Qps),
            "[Çáṕţúŕé šáṽéđ: 3 ṀǪŢŢ ṕáçķéţš. Óṕéñ íţ ŵíţĥ Ŵíŕéšĥáŕķ.]"
        );
        assert_eq!(Lang::Qps.content("Hola"), "[Ĥóĺá]");
        assert_eq!(Lang::Qps.content_code(), "en");
    }
}
