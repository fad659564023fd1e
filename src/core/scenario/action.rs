//! What a student (or a scenario's script) can do to a running world. Every action applied
//! is recorded in the trace, so a replay of the same actions reproduces the run.

use serde::Serialize;
use serde_json::Value;

use crate::core::json_read::{not_json, tagged, At, FromJson, Obj, Read};
use crate::core::scenario::broker::BrokerConfig;
use crate::core::scenario::{LinkConfig, Port, Scenario, ScenarioError, WillConfig};
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;

/// An action on the world. In JSON: `{"type": "publish", "device": …, …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
        topic: TopicName,
        /// Payload text.
        payload: String,
        /// QoS.
        qos: QoS,
        /// Retained.
        retain: bool,
        /// 5.0 Message Expiry Interval, in seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        expiry: Option<u32>,
        /// 5.0 Response Topic: where the answer to this request should go.
        #[serde(skip_serializing_if = "Option::is_none")]
        response_topic: Option<TopicName>,
        /// 5.0 Correlation Data (as text): tells the answers to several requests apart.
        #[serde(skip_serializing_if = "Option::is_none")]
        correlation: Option<String>,
    },
    /// Add (or change the QoS of) a subscription, kept across reconnects.
    Subscribe {
        /// The device.
        device: String,
        /// The filter.
        filter: TopicFilter,
        /// Maximum QoS.
        qos: QoS,
    },
    /// Remove a subscription.
    Unsubscribe {
        /// The device.
        device: String,
        /// The filter.
        filter: TopicFilter,
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
        qos: QoS,
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
        port: Port,
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

impl FromJson for Action {
    fn read(v: &Value, at: At) -> Read<Action> {
        Ok(tagged!(o = v, at;
            "online" => Action::Online { device: o.req("device")? },
            "offline" => Action::Offline { device: o.req("device")? },
            "pull_plug" => Action::PullPlug { device: o.req("device")? },
            "replug" => Action::Replug { device: o.req("device")? },
            "publish" => Action::Publish {
                device: o.req("device")?,
                topic: o.req("topic")?,
                payload: o.or("payload", String::new())?,
                qos: o.or("qos", QoS::AtMostOnce)?,
                retain: o.or("retain", bool::default())?,
                expiry: o.opt("expiry")?,
                response_topic: o.opt("response_topic")?,
                correlation: o.opt("correlation")?,
            },
            "subscribe" => Action::Subscribe {
                device: o.req("device")?,
                filter: o.req("filter")?,
                qos: o.or("qos", QoS::AtMostOnce)?,
            },
            "unsubscribe" => Action::Unsubscribe {
                device: o.req("device")?,
                filter: o.req("filter")?,
            },
            "set_link" => Action::SetLink {
                device: o.req("device")?,
                link: o.req("link")?,
            },
            "set_qos" => Action::SetQos {
                device: o.req("device")?,
                qos: o.req("qos")?,
            },
            "set_retain" => Action::SetRetain {
                device: o.req("device")?,
                retain: o.req("retain")?,
            },
            "set_clean_session" => Action::SetCleanSession {
                device: o.req("device")?,
                clean: o.req("clean")?,
            },
            "set_will" => Action::SetWill {
                device: o.req("device")?,
                will: o.opt("will")?,
            },
            "set_port" => Action::SetPort {
                device: o.req("device")?,
                port: o.req("port")?,
            },
            "set_credentials" => Action::SetCredentials {
                device: o.req("device")?,
                username: o.opt("username")?,
                password: o.opt("password")?,
            },
            "set_broker" => Action::SetBroker {
                config: o.req("config")?,
            },
        ))
    }
}

// LinkConfig holds f64 but never NaN (validated), so Eq is sound for actions too.

/// An action at a virtual time (a scenario's script).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scheduled {
    /// When, in virtual milliseconds.
    pub at_ms: u64,
    /// What.
    pub action: Action,
}

impl FromJson for Scheduled {
    fn read(v: &Value, at: At) -> Read<Scheduled> {
        let o = Obj::new(v, at)?;
        o.done(Scheduled {
            at_ms: o.req("at_ms")?,
            action: o.req("action")?,
        })
    }
}

impl Action {
    /// Reads an action's JSON (`{"type": "publish", …}`); an error names the field.
    pub fn from_json(text: &str) -> Result<Action, ScenarioError> {
        let value: Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        Action::read(&value, At::root())
    }

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

    /// The action as the world applies it: each [`super::PRACTICE`] mark replaced by its
    /// user's practice password.
    pub fn practiced(mut self, seed: u64) -> Action {
        match &mut self {
            Action::SetCredentials {
                username, password, ..
            } => super::practice_login(seed, username.as_deref(), password),
            Action::SetBroker { config } => config.practice(seed),
            _ => {}
        }
        self
    }

    /// Removes passwords (for share links and exports).
    pub fn strip_secrets(&mut self) {
        self.strip_secrets_except(|_| false);
    }

    /// Removes every password except those `public` accepts (a built-in lesson's, which ship
    /// with the app anyway).
    pub fn strip_secrets_except(&mut self, public: impl Fn(&str) -> bool) {
        let public = |p: &str| p == super::PRACTICE || public(p);
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

    /// Checks that the device it names is in the scenario (every value it holds is valid by
    /// its type).
    pub fn validate(&self, scenario: &Scenario, at: &str) -> Result<(), ScenarioError> {
        match self.device() {
            Some(d) => scenario.check_device(d, &format!("{at}.device")),
            None => Ok(()),
        }
    }
}
