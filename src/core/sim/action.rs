//! What a student (or a scenario's script) can do to a running world. Every action applied
//! is recorded in the trace, so a replay of the same actions reproduces the run.

use serde::{Deserialize, Serialize};

use crate::core::broker::BrokerConfig;
use crate::core::i18n::Lang;
use crate::core::sim::scenario::{
    check_filter, check_link, check_port, check_qos, check_topic, LinkConfig, Scenario,
    ScenarioError, WillConfig,
};

/// An action on the world.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
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
