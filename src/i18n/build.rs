//! The lesson builder's words. They are not in the program: the builder fetches its
//! catalogue (`assets/i18n/builder.LANG.json`, served as `i18n/`) with its code, so a
//! first visit does not download them. Each key and message is written in every language
//! (a test reads the files); a message fills its values into its sentence.

use std::collections::BTreeMap;

use super::Lang;
use crate::core::sim::lessons::goals::Goal;
use crate::core::sim::lessons::pick::COMPOSED;

/// Declares the builder's keys, each with its name in the catalogue files: the enum, the list
/// of every key and the names come from one list.
macro_rules! build_keys {
    ($($(#[$doc:meta])* $key:ident => $name:literal,)*) => {
        /// A key into the builder's catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum BuildText {
            $($(#[$doc])* $key,)*
        }

        impl BuildText {
            /// Every key, for completeness checks.
            pub const ALL: &'static [BuildText] = &[$(BuildText::$key,)*];

            /// Its name in the catalogue files.
            pub fn name(self) -> &'static str {
                match self {
                    $(BuildText::$key => $name,)*
                }
            }
        }
    };
}

build_keys! {
    /// The builder's heading.
    Heading => "heading",
    /// Leave the builder (back to free play).
    Leave => "leave",
    /// Start again from free play's house.
    FromHouse => "from_house",
    /// Start again from an empty house.
    FromEmpty => "from_empty",
    /// Undo the last change.
    Undo => "undo",
    /// Redo the change undone.
    Redo => "redo",
    /// The lesson's texts.
    LessonPart => "lesson_part",
    /// The lesson's id (in links).
    Id => "id",
    /// The lesson's title.
    Title => "title",
    /// The lesson's introduction.
    Intro => "intro",
    /// The lesson's hints.
    Hints => "hints",
    /// The language the texts are written in.
    TextLang => "text_lang",
    /// A text missing in this language.
    Missing => "missing",
    /// The devices' part.
    DevicesPart => "devices_part",
    /// Before the palette's buttons.
    Palette => "palette",
    /// A device's name.
    Name => "name",
    /// Remove a device.
    Remove => "remove",
    /// Move up in the list.
    Up => "up",
    /// Move down in the list.
    Down => "down",
    /// A device's topic.
    Topic => "topic",
    /// A device's filters, one per line.
    Filters => "filters",
    /// Seconds between readings or orders.
    Every => "every",
    /// MQTT version.
    Protocol => "protocol",
    /// The port.
    Port => "port",
    /// Online from the start.
    Online => "online",
    /// Clean session.
    CleanSession => "clean_session",
    /// The link's latency.
    Latency => "latency",
    /// The link's loss.
    Loss => "loss",
    /// User name.
    User => "user",
    /// Password.
    Password => "password",
    /// The last will's topic.
    WillTopic => "will_topic",
    /// The last will's payload.
    WillPayload => "will_payload",
    /// The broker's settings.
    BrokerPart => "broker_part",
    /// Clients without a user name may connect.
    Anonymous => "anonymous",
    /// The access rules for everyone.
    Rules => "rules",
    /// Messages kept per offline client.
    MaxQueued => "max_queued",
    /// The longest keep-alive.
    MaxKeepAlive => "max_keep_alive",
    /// A 5.0 client's receive maximum.
    ReceiveMaximum => "receive_maximum",
    /// Topic aliases a 5.0 client may use.
    TopicAliases => "topic_aliases",
    /// QoS 0 queued for offline clients.
    QueueQos0 => "queue_qos0",
    /// The steps' part.
    StepsPart => "steps_part",
    /// Before the buttons adding a step.
    AddStep => "add_step",
    /// An explain step.
    Explain => "explain",
    /// A prediction.
    Predict => "predict",
    /// A goal to reach.
    Act => "act",
    /// A quiz question.
    Quiz => "quiz",
    /// A step's text.
    Text => "text",
    /// The explanation shown after a prediction.
    AfterAnswer => "after_answer",
    /// What a prediction asks.
    Asks => "asks",
    /// Who receives a message.
    AskReceivers => "ask_receivers",
    /// Whether a filter matches a topic.
    AskMatches => "ask_matches",
    /// The QoS a message arrives with.
    AskPackets => "ask_packets",
    /// The retained messages a new subscription brings.
    AskRetained => "ask_retained",
    /// The device publishing or subscribing.
    Device => "device",
    /// A payload.
    Payload => "payload",
    /// A filter.
    Filter => "filter",
    /// The QoS of a publish.
    PublishQos => "publish_qos",
    /// The QoS of a subscription.
    SubscribeQos => "subscribe_qos",
    /// A quiz's options.
    Options => "options",
    /// Add a quiz option.
    AddOption => "add_option",
    /// Why an option is wrong.
    Feedback => "feedback",
    /// The right option.
    RightOption => "right_option",
    /// Record the solution.
    Record => "record",
    /// Stop recording.
    StopRecording => "stop_recording",
    /// While recording.
    Recording => "recording",
    /// The goal-by-pointing part.
    PickPart => "pick_part",
    /// The composer's heading.
    ComposePart => "compose_part",
    /// A composed goal's type.
    GoalKind => "goal_kind",
    /// A composed goal's payload or state.
    Value => "value",
    /// How to pick a message.
    PickHint => "pick_hint",
    /// Widen: any payload.
    AnyPayload => "any_payload",
    /// Widen: any topic.
    AnyTopic => "any_topic",
    /// Widen: at least N.
    AtLeast => "at_least",
    /// Widen: within S seconds.
    Within => "within",
    /// Add the goal chosen as a step.
    AddGoal => "add_goal",
    /// The check part.
    CheckPart => "check_part",
    /// The lesson works.
    Works => "works",
    /// Preview as a student.
    Preview => "preview",
    /// Back to editing.
    BackToEdit => "back_to_edit",
    /// While previewing.
    Previewing => "previewing",
    /// The save and share part.
    SharePart => "share_part",
    /// Download the lesson file.
    SaveFile => "save_file",
    /// Open a lesson file.
    OpenFile => "open_file",
    /// Copy the lesson's link.
    CopyLink => "copy_link",
    /// Copy the embed code.
    CopyIframe => "copy_iframe",
    /// Download the lesson's SCORM package.
    Scorm => "scorm",
    /// The class link's fields.
    ClassPart => "class_part",
    /// The class's broker address.
    ClassBroker => "class_broker",
    /// The class code.
    ClassCode => "class_code",
    /// Copy the class link.
    ClassLink => "class_link",
    /// What a class link does.
    ClassHint => "class_hint",
    /// A file opened that is not a lesson.
    NotALesson => "not_a_lesson",
    /// The broker's accounts.
    Accounts => "accounts",
    /// Add an account.
    AddAccount => "add_account",
    /// What a practice password is.
    AccountsHint => "accounts_hint",
    /// A device logs in with its user's practice password.
    UsesPractice => "uses_practice",
    /// A sensor's readings.
    Model => "model",
    /// Readings that wander.
    ModelWalk => "model_walk",
    /// Readings 1, 2, 3…
    ModelCounter => "model_counter",
    /// The same reading always.
    ModelConstant => "model_constant",
    /// A random walk's first reading.
    WalkStart => "walk_start",
    /// Its largest change per reading.
    WalkStep => "walk_step",
    /// Its lowest reading.
    WalkMin => "walk_min",
    /// Its highest reading.
    WalkMax => "walk_max",
    /// A link's jitter.
    Jitter => "jitter",
    /// No steps yet.
    NoSteps => "no_steps",
    /// No goal step yet.
    NoGoal => "no_goal",
    /// The goal of an act step (before its words).
    Goal => "goal",
    /// Edit a step in the builder.
    Edit => "edit",
}

/// Messages with values, each sentence whole in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildMsg<'a> {
    /// Step `k` (from 1) of a kind.
    StepTitle(usize, BuildText),
    /// A goal in words.
    Goal(&'a Goal),
    /// A recorded solution: `n` actions.
    Recorded(usize),
    /// A problem with a device (its name, what is wrong).
    AtDevice(&'a str, &'a str),
    /// A problem with step `k` (from 1).
    AtStep(usize, &'a str),
    /// A goal type, by its name in the vocabulary (one the composer offers).
    GoalType(&'a str),
    /// The SCORM package being prepared: `done` of `all` files fetched.
    Packing(usize, usize),
    /// The SCORM package downloaded, of `kb` KB.
    Packed(usize),
    /// The SCORM package failed (the file and the browser's reason).
    PackFailed(&'a str),
    /// A text not written in a language (its name).
    TextMissing(&'a str),
    /// An account's practice password.
    Practice(&'a str),
    /// Goal step `k` (from 1) has no recorded solution, and its goal is not met without one.
    Unrecorded(usize),
}

/// The message sentences every language's file has.
pub const MESSAGES: [&str; 35] = [
    "practice",
    "text_missing",
    "unrecorded",
    "scorm_packing",
    "scorm_ready",
    "scorm_failed",
    "at_device",
    "at_step",
    "step_title",
    "recorded_0",
    "recorded_1",
    "recorded_n",
    "a_message",
    "the_payload",
    "on_topic",
    "at_least",
    "goal_receives",
    "goal_routed",
    "goal_queued",
    "goal_retained",
    "goal_retained_any",
    "goal_sent",
    "goal_published",
    "goal_refused",
    "goal_connected",
    "goal_within",
    "goal_subscribed",
    "goal_queue_delivered",
    "goal_online",
    "goal_will_fired",
    "goal_state",
    "goal_session_resumed",
    "goal_expired",
    "goal_overheard",
    "goal_other",
];

/// The builder's catalogue in one language, as fetched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuildWords {
    lang: Option<Lang>,
    text: BTreeMap<String, String>,
    msg: BTreeMap<String, String>,
}

impl BuildWords {
    /// The file a language's catalogue is in, relative to the app (the pseudo-locale's is
    /// English, transformed).
    pub fn path(lang: Lang) -> String {
        format!("i18n/builder.{}.json", lang.content_code())
    }

    /// Reads a catalogue file for `lang`; `None` if it is not one.
    pub fn read(json: &str, lang: Lang) -> Option<BuildWords> {
        let v: serde_json::Value = serde_json::from_str(json).ok()?;
        let map = |key: &str| -> Option<BTreeMap<String, String>> {
            (v.get(key)?.as_object()?.iter())
                .map(|(k, t)| Some((k.clone(), lang.content(t.as_str()?))))
                .collect()
        };
        Some(BuildWords {
            lang: Some(lang),
            text: map("text")?,
            msg: map("msg")?,
        })
    }

    /// The language it is in.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// A text (empty if the file lacks it: a test makes sure none does).
    pub fn t(&self, key: BuildText) -> String {
        self.text.get(key.name()).cloned().unwrap_or_default()
    }

    /// The keys and messages the file lacks.
    pub fn missing(&self) -> Vec<String> {
        let texts = BuildText::ALL
            .iter()
            .map(|k| (&self.text, k.name().to_string()));
        let types = COMPOSED.iter().map(|k| (&self.msg, format!("type_{k}")));
        let msgs = MESSAGES.iter().map(|k| (&self.msg, k.to_string()));
        (texts.chain(types).chain(msgs))
            .filter(|(map, k)| map.get(k).is_none_or(|t| t.trim().is_empty()))
            .map(|(_, k)| k)
            .collect()
    }

    /// A message's sentence with its values filled in.
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut s = self.msg.get(key).cloned().unwrap_or_default();
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// A message in this language.
    pub fn msg(&self, msg: BuildMsg) -> String {
        match msg {
            BuildMsg::StepTitle(k, kind) => self.fill(
                "step_title",
                &[("k", &k.to_string()), ("kind", &self.t(kind))],
            ),
            BuildMsg::Goal(g) => self.goal(g),
            BuildMsg::Recorded(0) => self.fill("recorded_0", &[]),
            BuildMsg::Recorded(1) => self.fill("recorded_1", &[]),
            BuildMsg::Recorded(n) => self.fill("recorded_n", &[("n", &n.to_string())]),
            BuildMsg::Packing(done, all) => self.fill(
                "scorm_packing",
                &[("done", &done.to_string()), ("all", &all.to_string())],
            ),
            BuildMsg::Packed(kb) => self.fill("scorm_ready", &[("kb", &kb.to_string())]),
            BuildMsg::PackFailed(why) => self.fill("scorm_failed", &[("why", why)]),
            BuildMsg::TextMissing(lang) => self.fill("text_missing", &[("lang", lang)]),
            BuildMsg::Practice(pw) => self.fill("practice", &[("password", pw)]),
            BuildMsg::Unrecorded(k) => self.fill("unrecorded", &[("k", &k.to_string())]),
            BuildMsg::AtDevice(device, problem) => {
                self.fill("at_device", &[("device", device), ("problem", problem)])
            }
            BuildMsg::AtStep(k, problem) => {
                self.fill("at_step", &[("k", &k.to_string()), ("problem", problem)])
            }
            BuildMsg::GoalType(kind) => self.fill(&format!("type_{kind}"), &[]),
        }
    }

    fn goal(&self, g: &Goal) -> String {
        let on = |topic: Option<String>| {
            topic.map_or(String::new(), |t| self.fill("on_topic", &[("topic", &t)]))
        };
        let times = |n: usize| {
            if n > 1 {
                self.fill("at_least", &[("n", &n.to_string())])
            } else {
                String::new()
            }
        };
        let device = |key: &str, d: &str| self.fill(key, &[("device", d)]);
        match g {
            Goal::Receives {
                device: d,
                topic,
                payload,
                at_least,
                ..
            } => {
                let what = payload.as_ref().map_or_else(
                    || self.fill("a_message", &[]),
                    |p| self.fill("the_payload", &[("payload", p)]),
                );
                let on = on(topic.as_ref().map(|t| t.to_string()));
                self.fill(
                    "goal_receives",
                    &[
                        ("device", d),
                        ("what", &what),
                        ("on", &on),
                        ("times", &times(*at_least)),
                    ],
                )
            }
            Goal::Routed {
                from,
                to,
                topic,
                at_least,
                ..
            } => {
                let on = on(topic.as_ref().map(|t| t.to_string()));
                self.fill(
                    "goal_routed",
                    &[
                        ("from", from),
                        ("to", to),
                        ("on", &on),
                        ("times", &times(*at_least)),
                    ],
                )
            }
            Goal::Queued { device: d } => device("goal_queued", d),
            Goal::Retained { topic, payload } => match payload {
                Some(p) => self.fill(
                    "goal_retained",
                    &[("payload", p), ("topic", topic.as_str())],
                ),
                None => self.fill("goal_retained_any", &[("topic", topic.as_str())]),
            },
            Goal::Sent {
                device: d,
                topic,
                at_least,
                ..
            } => {
                let on = on(topic.as_ref().map(|t| t.to_string()));
                self.fill(
                    "goal_sent",
                    &[("device", d), ("on", &on), ("times", &times(*at_least))],
                )
            }
            Goal::Published { device: d } => device("goal_published", d),
            Goal::Refused { device: d, .. } => device("goal_refused", d),
            Goal::Connected { device: d } => device("goal_connected", d),
            Goal::Subscriptions {
                device: d,
                filter: Some(f),
                ..
            } => self.fill("goal_subscribed", &[("device", d), ("filter", f.as_str())]),
            Goal::QueueDelivered { device: d } => device("goal_queue_delivered", d),
            Goal::Online { device: d, .. } => device("goal_online", d),
            Goal::WillFired { device: d } => device("goal_will_fired", d),
            Goal::State { device: d, state } => {
                self.fill("goal_state", &[("device", d), ("state", state)])
            }
            Goal::SessionResumed { device: d } => device("goal_session_resumed", d),
            Goal::Expired { device: d } => device("goal_expired", d),
            Goal::Overheard { device: d } => device("goal_overheard", d),
            Goal::Within { seconds, goal } => {
                let inner = self.goal(goal);
                self.fill(
                    "goal_within",
                    &[("goal", &inner), ("seconds", &seconds.to_string())],
                )
            }
            other => self.fill("goal_other", &[("devices", &other.devices().join(", "))]),
        }
    }
}
