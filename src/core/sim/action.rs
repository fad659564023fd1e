//! What a student (or a scenario's script) can do to a running world. Every action applied
//! is recorded in the trace, so a replay of the same actions reproduces the run.

use serde::{Deserialize, Serialize};

use crate::core::broker::BrokerConfig;
use crate::core::i18n::Lang;
use crate::core::sim::scenario::{
    check_filter, check_link, check_port, check_qos, check_topic, LinkConfig, Scenario,
    ScenarioError, WillConfig,
};
use crate::core::sim::tagged::{check_fields, check_type, need};

/// An action on the world. In JSON: `{"type": "publish", "device": …, …}` (read through
/// [`RawAction`]: see [`crate::core::sim::tagged`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawAction")]
pub enum Action {
    /// Connect (and stay connected, reconnecting after losses).
    Online {
        /// The device.
        device: String,
    },
    /// Disconnect politely (DISCONNECT: no will) and stay offline.
    Offline {
        /// The device.
        device: String,
    },
    /// Pull the network cable: no DISCONNECT; the broker finds out by keep-alive.
    PullPlug {
        /// The device.
        device: String,
    },
    /// Plug the cable back in (the device reconnects if it should be online).
    Replug {
        /// The device.
        device: String,
    },
    /// Publish a message now (phone app, custom device, or any client device).
    Publish {
        /// The device.
        device: String,
        /// Topic.
        topic: String,
        /// Payload text.
        #[serde(default)]
        payload: String,
        /// QoS.
        #[serde(default)]
        qos: u8,
        /// Retained.
        #[serde(default)]
        retain: bool,
    },
    /// Add (or change the QoS of) a subscription, kept across reconnects.
    Subscribe {
        /// The device.
        device: String,
        /// The filter.
        filter: String,
        /// Maximum QoS.
        #[serde(default)]
        qos: u8,
    },
    /// Remove a subscription.
    Unsubscribe {
        /// The device.
        device: String,
        /// The filter.
        filter: String,
    },
    /// Change a link's quality (a fault, or a repair).
    SetLink {
        /// The device.
        device: String,
        /// The new quality.
        link: LinkConfig,
    },
    /// The QoS a sensor, actuator or intruder publishes with.
    SetQos {
        /// The device.
        device: String,
        /// The QoS.
        qos: u8,
    },
    /// Whether a sensor's readings are retained.
    SetRetain {
        /// The device.
        device: String,
        /// Retained.
        retain: bool,
    },
    /// Clean session for the next connection.
    SetCleanSession {
        /// The device.
        device: String,
        /// Clean.
        clean: bool,
    },
    /// The will for the next connection (`null` removes it).
    SetWill {
        /// The device.
        device: String,
        /// The will.
        will: Option<WillConfig>,
    },
    /// The port for the next connection: 1883 or 8883.
    SetPort {
        /// The device.
        device: String,
        /// The port.
        port: u16,
    },
    /// Credentials for the next connection.
    SetCredentials {
        /// The device.
        device: String,
        /// User name.
        username: Option<String>,
        /// Password.
        password: Option<String>,
    },
    /// New broker settings (users, ACL, anonymous): they apply to new connections and to
    /// every publish and delivery from now on.
    SetBroker {
        /// The settings.
        config: BrokerConfig,
    },
}

/// Every field any action has, as read from JSON; [`Action::try_from`] checks which ones the
/// `type` takes, requires and refuses, with serde's wording.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    #[serde(rename = "type")]
    kind: String,
    device: Option<String>,
    topic: Option<String>,
    payload: Option<String>,
    qos: Option<u8>,
    retain: Option<bool>,
    filter: Option<String>,
    link: Option<LinkConfig>,
    clean: Option<bool>,
    will: Option<WillConfig>,
    port: Option<u16>,
    username: Option<String>,
    password: Option<String>,
    config: Option<BrokerConfig>,
}

/// The action types, as JSON names them.
const TYPES: [&str; 15] = [
    "online",
    "offline",
    "pull_plug",
    "replug",
    "publish",
    "subscribe",
    "unsubscribe",
    "set_link",
    "set_qos",
    "set_retain",
    "set_clean_session",
    "set_will",
    "set_port",
    "set_credentials",
    "set_broker",
];

impl TryFrom<RawAction> for Action {
    type Error = String;

    fn try_from(r: RawAction) -> Result<Action, String> {
        let kind = r.kind.as_str();
        check_type(kind, &TYPES)?;
        // The fields this type takes (besides `type`).
        let takes: &[&str] = match kind {
            "publish" => &["device", "topic", "payload", "qos", "retain"],
            "subscribe" => &["device", "filter", "qos"],
            "unsubscribe" => &["device", "filter"],
            "set_link" => &["device", "link"],
            "set_qos" => &["device", "qos"],
            "set_retain" => &["device", "retain"],
            "set_clean_session" => &["device", "clean"],
            "set_will" => &["device", "will"],
            "set_port" => &["device", "port"],
            "set_credentials" => &["device", "username", "password"],
            "set_broker" => &["config"],
            _ => &["device"],
        };
        let present = [
            ("device", r.device.is_some()),
            ("topic", r.topic.is_some()),
            ("payload", r.payload.is_some()),
            ("qos", r.qos.is_some()),
            ("retain", r.retain.is_some()),
            ("filter", r.filter.is_some()),
            ("link", r.link.is_some()),
            ("clean", r.clean.is_some()),
            ("will", r.will.is_some()),
            ("port", r.port.is_some()),
            ("username", r.username.is_some()),
            ("password", r.password.is_some()),
            ("config", r.config.is_some()),
        ];
        check_fields(takes, &present)?;
        let device = || need(r.device.clone(), "device");
        Ok(match kind {
            "online" => Action::Online { device: device()? },
            "offline" => Action::Offline { device: device()? },
            "pull_plug" => Action::PullPlug { device: device()? },
            "replug" => Action::Replug { device: device()? },
            "publish" => Action::Publish {
                device: device()?,
                topic: need(r.topic, "topic")?,
                payload: r.payload.unwrap_or_default(),
                qos: r.qos.unwrap_or(0),
                retain: r.retain.unwrap_or(false),
            },
            "subscribe" => Action::Subscribe {
                device: device()?,
                filter: need(r.filter, "filter")?,
                qos: r.qos.unwrap_or(0),
            },
            "unsubscribe" => Action::Unsubscribe {
                device: device()?,
                filter: need(r.filter, "filter")?,
            },
            "set_link" => Action::SetLink {
                device: device()?,
                link: need(r.link, "link")?,
            },
            "set_qos" => Action::SetQos {
                device: device()?,
                qos: need(r.qos, "qos")?,
            },
            "set_retain" => Action::SetRetain {
                device: device()?,
                retain: need(r.retain, "retain")?,
            },
            "set_clean_session" => Action::SetCleanSession {
                device: device()?,
                clean: need(r.clean, "clean")?,
            },
            "set_will" => Action::SetWill {
                device: device()?,
                will: r.will,
            },
            "set_port" => Action::SetPort {
                device: device()?,
                port: need(r.port, "port")?,
            },
            "set_credentials" => Action::SetCredentials {
                device: device()?,
                username: r.username,
                password: r.password,
            },
            _ => Action::SetBroker {
                config: need(r.config, "config")?,
            },
        })
    }
}

// LinkConfig holds f64 but never NaN (validated), so Eq is sound for actions too.

/// An action at a virtual time (a scenario's script).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheduled {
    /// When, in virtual milliseconds.
    pub at_ms: u64,
    /// What.
    pub action: Action,
}

impl Action {
    /// The device it acts on (none for broker settings).
    pub fn device(&self) -> Option<&str> {
        match self {
            Action::Online { device }
            | Action::Offline { device }
            | Action::PullPlug { device }
            | Action::Replug { device }
            | Action::Publish { device, .. }
            | Action::Subscribe { device, .. }
            | Action::Unsubscribe { device, .. }
            | Action::SetLink { device, .. }
            | Action::SetQos { device, .. }
            | Action::SetRetain { device, .. }
            | Action::SetCleanSession { device, .. }
            | Action::SetWill { device, .. }
            | Action::SetPort { device, .. }
            | Action::SetCredentials { device, .. } => Some(device),
            Action::SetBroker { .. } => None,
        }
    }

    /// Removes passwords (for share links and exports).
    pub fn strip_secrets(&mut self) {
        self.strip_secrets_except(|_| false);
    }

    /// Removes every password except those `public` accepts (a built-in lesson's, which ship
    /// with the app anyway).
    pub fn strip_secrets_except(&mut self, public: impl Fn(&str) -> bool) {
        match self {
            Action::SetCredentials { password, .. }
                if password.as_deref().is_some_and(|p| !public(p)) =>
            {
                *password = None;
            }
            Action::SetBroker { config } => config
                .users
                .values_mut()
                .filter(|p| !public(p))
                .for_each(String::clear),
            _ => {}
        }
    }

    /// Checks topics, filters, numbers and the device name against a scenario.
    pub fn validate(&self, scenario: &Scenario, at: &str, lang: Lang) -> Result<(), ScenarioError> {
        if let Some(d) = self.device() {
            scenario.check_device(d, &format!("{at}.device"), lang)?;
        }
        match self {
            Action::Publish { topic, qos, .. } => {
                check_topic(topic, &format!("{at}.topic"), lang)?;
                check_qos(*qos, &format!("{at}.qos"), lang)?;
            }
            Action::Subscribe { filter, qos, .. } => {
                check_filter(filter, &format!("{at}.filter"), lang)?;
                check_qos(*qos, &format!("{at}.qos"), lang)?;
            }
            Action::Unsubscribe { filter, .. } => {
                check_filter(filter, &format!("{at}.filter"), lang)?;
            }
            Action::SetLink { link, .. } => check_link(link, &format!("{at}.link"), lang)?,
            Action::SetQos { qos, .. } => {
                check_qos(*qos, &format!("{at}.qos"), lang)?;
            }
            Action::SetWill { will: Some(w), .. } => {
                check_topic(&w.topic, &format!("{at}.will.topic"), lang)?;
                check_qos(w.qos, &format!("{at}.will.qos"), lang)?;
            }
            Action::SetPort { port, .. } => check_port(*port, &format!("{at}.port"), lang)?,
            _ => {}
        }
        Ok(())
    }
}
