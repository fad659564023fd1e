//! What a student (or a scenario's script) can do to a running world. Every action applied
//! is recorded in the trace, so a replay of the same actions reproduces the run.

use serde::Serialize;
use serde_json::Value;

use crate::core::broker::BrokerConfig;
use crate::core::i18n::Lang;
use crate::core::json_read::{not_json, tagged, At, FromJson, Obj, Read};
use crate::core::sim::scenario::{
    check_filter, check_link, check_port, check_qos, check_topic, LinkConfig, Scenario,
    ScenarioError, WillConfig,
};

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
        topic: String,
        /// Payload text.
        payload: String,
        /// QoS.
        qos: u8,
        /// Retained.
        retain: bool,
        /// 5.0 Message Expiry Interval, in seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        expiry: Option<u32>,
        /// 5.0 Response Topic: where the answer to this request should go.
        #[serde(skip_serializing_if = "Option::is_none")]
        response_topic: Option<String>,
        /// 5.0 Correlation Data (as text): tells the answers to several requests apart.
        #[serde(skip_serializing_if = "Option::is_none")]
        correlation: Option<String>,
    },
    /// Add (or change the QoS of) a subscription, kept across reconnects.
    Subscribe {
        /// The device.
        device: String,
        /// The filter.
        filter: String,
        /// Maximum QoS.
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
                qos: o.or("qos", u8::default())?,
                retain: o.or("retain", bool::default())?,
                expiry: o.opt("expiry")?,
                response_topic: o.opt("response_topic")?,
                correlation: o.opt("correlation")?,
            },
            "subscribe" => Action::Subscribe {
                device: o.req("device")?,
                filter: o.req("filter")?,
                qos: o.or("qos", u8::default())?,
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
    /// Reads an action's JSON (`{"type": "publish", …}`), with errors in `lang`.
    pub fn from_json(text: &str, lang: Lang) -> Result<Action, ScenarioError> {
        let value: Value = serde_json::from_str(text).map_err(|e| not_json(&e, lang))?;
        Action::read(&value, At::root(lang))
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
            Action::Publish {
                topic,
                qos,
                response_topic,
                ..
            } => {
                check_topic(topic, &format!("{at}.topic"), lang)?;
                check_qos(*qos, &format!("{at}.qos"), lang)?;
                if let Some(t) = response_topic {
                    check_topic(t, &format!("{at}.response_topic"), lang)?;
                }
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
