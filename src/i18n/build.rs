//! The lesson builder's words. They are not in the program: the builder fetches its
//! catalogue (`assets/i18n/builder.LANG.json`, served as `i18n/`) with its code, so a
//! first visit does not download them. Each key and message is written in every language
//! (a test reads the files); a message fills its values into its sentence.

use std::collections::BTreeMap;

use super::Lang;
use crate::core::sim::lessons::goals::Goal;
use crate::core::sim::lessons::pick::COMPOSED;

/// A key into the builder's catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BuildText {
    /// The builder's heading.
    Heading,
    /// Leave the builder (back to free play).
    Leave,
    /// Start again from free play's house.
    FromHouse,
    /// Start again from an empty house.
    FromEmpty,
    /// Undo the last change.
    Undo,
    /// Redo the change undone.
    Redo,
    /// The lesson's texts.
    LessonPart,
    /// The lesson's id (in links).
    Id,
    /// The lesson's title.
    Title,
    /// The lesson's introduction.
    Intro,
    /// The lesson's hints.
    Hints,
    /// The language the texts are written in.
    TextLang,
    /// A text missing in this language.
    Missing,
    /// The devices' part.
    DevicesPart,
    /// Before the palette's buttons.
    Palette,
    /// A device's name.
    Name,
    /// Remove a device.
    Remove,
    /// Move up in the list.
    Up,
    /// Move down in the list.
    Down,
    /// A device's topic.
    Topic,
    /// A device's filters, one per line.
    Filters,
    /// Seconds between readings or orders.
    Every,
    /// MQTT version.
    Protocol,
    /// The port.
    Port,
    /// Online from the start.
    Online,
    /// Clean session.
    CleanSession,
    /// The link's latency.
    Latency,
    /// The link's loss.
    Loss,
    /// User name.
    User,
    /// Password.
    Password,
    /// The last will's topic.
    WillTopic,
    /// The last will's payload.
    WillPayload,
    /// The broker's settings.
    BrokerPart,
    /// Clients without a user name may connect.
    Anonymous,
    /// The access rules for everyone.
    Rules,
    /// Messages kept per offline client.
    MaxQueued,
    /// The longest keep-alive.
    MaxKeepAlive,
    /// A 5.0 client's receive maximum.
    ReceiveMaximum,
    /// Topic aliases a 5.0 client may use.
    TopicAliases,
    /// QoS 0 queued for offline clients.
    QueueQos0,
    /// Apply a device's settings.
    Apply,
    /// The steps' part.
    StepsPart,
    /// Before the buttons adding a step.
    AddStep,
    /// An explain step.
    Explain,
    /// A prediction.
    Predict,
    /// A goal to reach.
    Act,
    /// A quiz question.
    Quiz,
    /// A step's text.
    Text,
    /// The explanation shown after a prediction.
    AfterAnswer,
    /// What a prediction asks.
    Asks,
    /// Who receives a message.
    AskReceivers,
    /// Whether a filter matches a topic.
    AskMatches,
    /// The QoS a message arrives with.
    AskPackets,
    /// The retained messages a new subscription brings.
    AskRetained,
    /// The device publishing or subscribing.
    Device,
    /// A payload.
    Payload,
    /// A filter.
    Filter,
    /// The QoS of a publish.
    PublishQos,
    /// The QoS of a subscription.
    SubscribeQos,
    /// A quiz's options.
    Options,
    /// Add a quiz option.
    AddOption,
    /// Why an option is wrong.
    Feedback,
    /// The right option.
    RightOption,
    /// Record the solution.
    Record,
    /// Stop recording.
    StopRecording,
    /// While recording.
    Recording,
    /// The goal-by-pointing part.
    PickPart,
    /// The composer's heading.
    ComposePart,
    /// A composed goal's type.
    GoalKind,
    /// A composed goal's payload or state.
    Value,
    /// How to pick a message.
    PickHint,
    /// Widen: any payload.
    AnyPayload,
    /// Widen: any topic.
    AnyTopic,
    /// Widen: at least N.
    AtLeast,
    /// Widen: within S seconds.
    Within,
    /// Add the goal chosen as a step.
    AddGoal,
    /// The check part.
    CheckPart,
    /// The lesson works.
    Works,
    /// Preview as a student.
    Preview,
    /// Back to editing.
    BackToEdit,
    /// While previewing.
    Previewing,
    /// The save and share part.
    SharePart,
    /// Download the lesson file.
    SaveFile,
    /// Open a lesson file.
    OpenFile,
    /// Copy the lesson's link.
    CopyLink,
    /// Copy the embed code.
    CopyIframe,
    /// The lesson opened again for editing.
    Opened,
    /// A lesson file or link that cannot be opened.
    OpenFailed,
    /// No steps yet.
    NoSteps,
    /// No goal step yet.
    NoGoal,
    /// The goal of an act step (before its words).
    Goal,
    /// The recorded solution of an act step.
    Solution,
    /// Edit a step in the builder.
    Edit,
}

impl BuildText {
    /// Every key, for completeness checks.
    pub const ALL: &'static [BuildText] = &[
        BuildText::Heading,
        BuildText::Leave,
        BuildText::FromHouse,
        BuildText::FromEmpty,
        BuildText::Undo,
        BuildText::Redo,
        BuildText::LessonPart,
        BuildText::Id,
        BuildText::Title,
        BuildText::Intro,
        BuildText::Hints,
        BuildText::TextLang,
        BuildText::Missing,
        BuildText::DevicesPart,
        BuildText::Palette,
        BuildText::Name,
        BuildText::Remove,
        BuildText::Up,
        BuildText::Down,
        BuildText::Topic,
        BuildText::Filters,
        BuildText::Every,
        BuildText::Protocol,
        BuildText::Port,
        BuildText::Online,
        BuildText::CleanSession,
        BuildText::Latency,
        BuildText::Loss,
        BuildText::User,
        BuildText::Password,
        BuildText::WillTopic,
        BuildText::WillPayload,
        BuildText::BrokerPart,
        BuildText::Anonymous,
        BuildText::Rules,
        BuildText::MaxQueued,
        BuildText::MaxKeepAlive,
        BuildText::ReceiveMaximum,
        BuildText::TopicAliases,
        BuildText::QueueQos0,
        BuildText::Apply,
        BuildText::StepsPart,
        BuildText::AddStep,
        BuildText::Explain,
        BuildText::Predict,
        BuildText::Act,
        BuildText::Quiz,
        BuildText::Text,
        BuildText::AfterAnswer,
        BuildText::Asks,
        BuildText::AskReceivers,
        BuildText::AskMatches,
        BuildText::AskPackets,
        BuildText::AskRetained,
        BuildText::Device,
        BuildText::Payload,
        BuildText::Filter,
        BuildText::PublishQos,
        BuildText::SubscribeQos,
        BuildText::Options,
        BuildText::AddOption,
        BuildText::Feedback,
        BuildText::RightOption,
        BuildText::Record,
        BuildText::StopRecording,
        BuildText::Recording,
        BuildText::PickPart,
        BuildText::ComposePart,
        BuildText::GoalKind,
        BuildText::Value,
        BuildText::PickHint,
        BuildText::AnyPayload,
        BuildText::AnyTopic,
        BuildText::AtLeast,
        BuildText::Within,
        BuildText::AddGoal,
        BuildText::CheckPart,
        BuildText::Works,
        BuildText::Preview,
        BuildText::BackToEdit,
        BuildText::Previewing,
        BuildText::SharePart,
        BuildText::SaveFile,
        BuildText::OpenFile,
        BuildText::CopyLink,
        BuildText::CopyIframe,
        BuildText::Opened,
        BuildText::OpenFailed,
        BuildText::NoSteps,
        BuildText::NoGoal,
        BuildText::Goal,
        BuildText::Solution,
        BuildText::Edit,
    ];

    /// Its name in the catalogue files.
    pub fn name(self) -> &'static str {
        match self {
            BuildText::Heading => "heading",
            BuildText::Leave => "leave",
            BuildText::FromHouse => "from_house",
            BuildText::FromEmpty => "from_empty",
            BuildText::Undo => "undo",
            BuildText::Redo => "redo",
            BuildText::LessonPart => "lesson_part",
            BuildText::Id => "id",
            BuildText::Title => "title",
            BuildText::Intro => "intro",
            BuildText::Hints => "hints",
            BuildText::TextLang => "text_lang",
            BuildText::Missing => "missing",
            BuildText::DevicesPart => "devices_part",
            BuildText::Palette => "palette",
            BuildText::Name => "name",
            BuildText::Remove => "remove",
            BuildText::Up => "up",
            BuildText::Down => "down",
            BuildText::Topic => "topic",
            BuildText::Filters => "filters",
            BuildText::Every => "every",
            BuildText::Protocol => "protocol",
            BuildText::Port => "port",
            BuildText::Online => "online",
            BuildText::CleanSession => "clean_session",
            BuildText::Latency => "latency",
            BuildText::Loss => "loss",
            BuildText::User => "user",
            BuildText::Password => "password",
            BuildText::WillTopic => "will_topic",
            BuildText::WillPayload => "will_payload",
            BuildText::BrokerPart => "broker_part",
            BuildText::Anonymous => "anonymous",
            BuildText::Rules => "rules",
            BuildText::MaxQueued => "max_queued",
            BuildText::MaxKeepAlive => "max_keep_alive",
            BuildText::ReceiveMaximum => "receive_maximum",
            BuildText::TopicAliases => "topic_aliases",
            BuildText::QueueQos0 => "queue_qos0",
            BuildText::Apply => "apply",
            BuildText::StepsPart => "steps_part",
            BuildText::AddStep => "add_step",
            BuildText::Explain => "explain",
            BuildText::Predict => "predict",
            BuildText::Act => "act",
            BuildText::Quiz => "quiz",
            BuildText::Text => "text",
            BuildText::AfterAnswer => "after_answer",
            BuildText::Asks => "asks",
            BuildText::AskReceivers => "ask_receivers",
            BuildText::AskMatches => "ask_matches",
            BuildText::AskPackets => "ask_packets",
            BuildText::AskRetained => "ask_retained",
            BuildText::Device => "device",
            BuildText::Payload => "payload",
            BuildText::Filter => "filter",
            BuildText::PublishQos => "publish_qos",
            BuildText::SubscribeQos => "subscribe_qos",
            BuildText::Options => "options",
            BuildText::AddOption => "add_option",
            BuildText::Feedback => "feedback",
            BuildText::RightOption => "right_option",
            BuildText::Record => "record",
            BuildText::StopRecording => "stop_recording",
            BuildText::Recording => "recording",
            BuildText::PickPart => "pick_part",
            BuildText::ComposePart => "compose_part",
            BuildText::GoalKind => "goal_kind",
            BuildText::Value => "value",
            BuildText::PickHint => "pick_hint",
            BuildText::AnyPayload => "any_payload",
            BuildText::AnyTopic => "any_topic",
            BuildText::AtLeast => "at_least",
            BuildText::Within => "within",
            BuildText::AddGoal => "add_goal",
            BuildText::CheckPart => "check_part",
            BuildText::Works => "works",
            BuildText::Preview => "preview",
            BuildText::BackToEdit => "back_to_edit",
            BuildText::Previewing => "previewing",
            BuildText::SharePart => "share_part",
            BuildText::SaveFile => "save_file",
            BuildText::OpenFile => "open_file",
            BuildText::CopyLink => "copy_link",
            BuildText::CopyIframe => "copy_iframe",
            BuildText::Opened => "opened",
            BuildText::OpenFailed => "open_failed",
            BuildText::NoSteps => "no_steps",
            BuildText::NoGoal => "no_goal",
            BuildText::Goal => "goal",
            BuildText::Solution => "solution",
            BuildText::Edit => "edit",
        }
    }
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
}

/// The message sentences every language's file has.
pub const MESSAGES: [&str; 29] = [
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
