//! The scenario file: broker settings, devices, links, seed, scripted actions and an optional
//! lesson, as versioned JSON (format version [`FORMAT_VERSION`]).
//!
//! Reading is strict: unknown fields, unknown versions, invalid topics or filters, duplicate
//! names and out-of-range numbers are refused with a typed problem (the catalogue says it in
//! the user's language) that names the offending field (`devices[2].kind.topic`). Nothing here
//! panics on any input.
//!
//! - [`action`]: what a student or a script does to a running world.
//! - [`broker`]: the broker's settings (accounts, ACL, limits).
//! - [`ranges`], [`exact`]: numbers checked on reading (intervals, ports, decimals).
//!
//! ```json
//! { "version": 1, "seed": 7,
//!   "broker": { "allow_anonymous": true },
//!   "devices": [
//!     { "name": "cocina", "kind": { "type": "sensor", "topic": "Casa/Cocina/Temperatura",
//!       "interval_ms": 2000, "model": { "type": "random_walk", "start": 21.0, "step": 0.2 } } },
//!     { "name": "panel", "kind": { "type": "dashboard",
//!       "filters": [ { "filter": "Casa/+/Temperatura", "qos": 1 } ] } } ],
//!   "actions": [ { "at_ms": 10000, "action": { "type": "pull_plug", "device": "cocina" } } ] }
//! ```

pub mod action;
pub mod broker;
pub mod exact;
pub mod ranges;

use serde::Serialize;

use crate::core::codec::Version;
pub use crate::core::json_read::ScenarioError;
pub(crate) use crate::core::json_read::{err, not_json, Problem};
use crate::core::json_read::{one_of, tagged, At, FromJson, Obj, Read};
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::{ClientId, QoS};
use action::Scheduled;
use broker::BrokerConfig;
pub use exact::{Decimal, Probability};
use litemap::LiteMap;
pub use ranges::{Interval, Port};

/// The scenario format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A password written as this in a lesson (a broker account's, a device's) is the account's
/// practice password, made up by the engine: a lesson file or link never carries a password.
pub const PRACTICE: &str = "*";

/// The practice password of `user` in a scenario with this seed: eight digits, the same on
/// every run (FNV-1a of the seed and the name).
pub fn practice_password(seed: u64, user: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.to_le_bytes().iter().chain(user.as_bytes()) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:04}-{:04}", h % 10_000, (h >> 32) % 10_000)
}

/// A device's password as it logs in: a [`PRACTICE`] mark becomes its user's practice
/// password.
fn practice_login(seed: u64, username: Option<&str>, password: &mut Option<String>) {
    if password.as_deref() == Some(PRACTICE) {
        *password = Some(practice_password(seed, username.unwrap_or_default()));
    }
}

/// A whole scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    /// Format version; must be [`FORMAT_VERSION`].
    pub version: u32,
    /// The one seed every random decision derives from.
    pub seed: u64,
    /// The broker's settings.
    pub broker: BrokerConfig,
    /// The devices, in the order they are shown and started.
    pub devices: Vec<DeviceConfig>,
    /// Scripted actions (faults, publishes…), by virtual time.
    pub actions: Vec<Scheduled>,
    /// A built-in lesson this scenario belongs to (its id), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
}

/// One device's settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeviceConfig {
    /// Unique name, shown in every view.
    pub name: String,
    /// MQTT client id (default: the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// What it does.
    pub kind: DeviceKind,
    /// `"3.1.1"` or `"5"`.
    pub protocol: Protocol,
    /// Clean session (3.1.1) / clean start (5.0). `false` keeps the session and its queue.
    pub clean_session: bool,
    /// 5.0 session expiry in seconds when `clean_session` is false (default one hour).
    pub session_expiry: u32,
    /// Keep-alive in seconds (0 = off).
    pub keep_alive: u16,
    /// The last will.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub will: Option<WillConfig>,
    /// User name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Password (never written into share links).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// 1883 (plain) or 8883 (TLS).
    pub port: Port,
    /// Online from the start (at `start_ms`).
    pub online: bool,
    /// When it first connects, in virtual milliseconds.
    pub start_ms: u64,
    /// Milliseconds before reconnecting after a lost connection.
    pub reconnect_ms: u64,
    /// Its network link.
    pub link: LinkConfig,
}

impl DeviceConfig {
    /// A device with a classroom's settings: MQTT 3.1.1 on 1883, a clean session (one hour
    /// of expiry if made persistent), keep-alive 60 s, online from the start, reconnecting
    /// after 2 s, on a LAN link.
    pub fn new(name: impl Into<String>, kind: DeviceKind) -> DeviceConfig {
        DeviceConfig {
            name: name.into(),
            client_id: None,
            kind,
            protocol: Protocol::V311,
            clean_session: true,
            session_expiry: 3600,
            keep_alive: 60,
            will: None,
            username: None,
            password: None,
            port: Port::Plain,
            online: true,
            start_ms: 0,
            reconnect_ms: 2_000,
            link: LinkConfig::default(),
        }
    }

    /// The MQTT client id it connects with: its own, or else its name.
    pub fn client_id(&self) -> &str {
        self.client_id.as_deref().unwrap_or(&self.name)
    }
}

/// The protocol version a device speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Protocol {
    /// MQTT 3.1.1.
    #[default]
    #[serde(rename = "3.1.1")]
    V311,
    /// MQTT 5.0.
    #[serde(rename = "5")]
    V5,
}

impl Protocol {
    /// The codec's version.
    pub fn version(self) -> Version {
        match self {
            Protocol::V311 => Version::V311,
            Protocol::V5 => Version::V5,
        }
    }
}

/// A last will.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WillConfig {
    /// Topic.
    pub topic: TopicName,
    /// Payload text.
    pub payload: String,
    /// QoS 0, 1 or 2.
    pub qos: QoS,
    /// Retained.
    pub retain: bool,
}

/// A subscription a device makes when it connects.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubConfig {
    /// The filter.
    pub filter: TopicFilter,
    /// Maximum QoS.
    pub qos: QoS,
}

/// A publish a custom device makes on a schedule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishConfig {
    /// First time, in virtual milliseconds.
    pub at_ms: u64,
    /// Repeat period (0 = once).
    pub every_ms: u64,
    /// Topic.
    pub topic: TopicName,
    /// Payload text.
    pub payload: String,
    /// QoS.
    pub qos: QoS,
    /// Retained.
    pub retain: bool,
}

/// How a sensor's readings evolve.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueModel {
    /// A random walk: each reading moves by up to ±`step`, kept in `[min, max]`.
    RandomWalk {
        /// First reading.
        start: Decimal,
        /// Largest change per reading.
        step: Decimal,
        /// Lowest value.
        min: Decimal,
        /// Highest value.
        max: Decimal,
        /// Decimal places shown.
        decimals: u8,
    },
    /// 1, 2, 3… (handy to see which messages got lost).
    Counter,
    /// Always the same text.
    Constant {
        /// The text.
        value: String,
    },
}

/// What a device does.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DeviceKind {
    /// Publishes a reading periodically.
    Sensor {
        /// Topic.
        topic: TopicName,
        /// Period in virtual milliseconds.
        interval_ms: Interval,
        /// How readings evolve.
        model: ValueModel,
        /// QoS.
        qos: QoS,
        /// Retained.
        retain: bool,
    },
    /// Obeys `ON`/`OFF`/`TOGGLE` on a command topic and publishes its state (retained).
    Actuator {
        /// Where orders arrive.
        command_topic: TopicName,
        /// Where it reports its state.
        state_topic: TopicName,
        /// State at start.
        initial: String,
        /// QoS for both.
        qos: QoS,
    },
    /// Shows what arrives on its filters.
    Dashboard {
        /// Its subscriptions.
        filters: Vec<SubConfig>,
    },
    /// A phone app: subscriptions, plus publishes on demand.
    Phone {
        /// Its subscriptions.
        filters: Vec<SubConfig>,
    },
    /// Listens on the network: packets on 1883 in clear, TLS records on 8883.
    Eavesdropper {
        /// Devices whose links it taps (empty: every link).
        targets: Vec<String>,
    },
    /// Sends orders it has no business sending.
    Intruder {
        /// Topic.
        topic: TopicName,
        /// Payload.
        payload: String,
        /// Period.
        interval_ms: Interval,
    },
    /// Answers requests (5.0 request/response): a message on its filter that names a Response
    /// Topic gets `reply` published there, with the request's Correlation Data, `delay_ms` later.
    Responder {
        /// Where requests arrive.
        filter: TopicFilter,
        /// The answer's payload.
        reply: String,
        /// Virtual milliseconds it takes to answer.
        delay_ms: u64,
    },
    /// Any subscriptions and scheduled publishes.
    Custom {
        /// Its subscriptions.
        filters: Vec<SubConfig>,
        /// Its publishes.
        publishes: Vec<PublishConfig>,
    },
}

impl DeviceKind {
    /// True for devices with an MQTT client (all but the eavesdropper).
    pub fn has_client(&self) -> bool {
        !matches!(self, DeviceKind::Eavesdropper { .. })
    }

    /// The kind's name, as in the JSON `type`.
    pub fn name(&self) -> &'static str {
        match self {
            DeviceKind::Sensor { .. } => "sensor",
            DeviceKind::Actuator { .. } => "actuator",
            DeviceKind::Dashboard { .. } => "dashboard",
            DeviceKind::Phone { .. } => "phone",
            DeviceKind::Eavesdropper { .. } => "eavesdropper",
            DeviceKind::Intruder { .. } => "intruder",
            DeviceKind::Responder { .. } => "responder",
            DeviceKind::Custom { .. } => "custom",
        }
    }
}

/// A network link's quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LinkConfig {
    /// One-way delay in milliseconds.
    pub latency_ms: u64,
    /// Extra random delay, up to this many milliseconds.
    pub jitter_ms: u64,
    /// Probability (0 to 1) that a packet is lost. MQTT runs over TCP, so a lost packet
    /// breaks the connection: both ends notice and the device reconnects.
    pub loss: Probability,
}

impl LinkConfig {
    /// The longest latency or jitter a link may have, in milliseconds.
    pub const MAX_DELAY_MS: u64 = 60_000;
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            latency_ms: 20,
            jitter_ms: 0,
            loss: Probability::NEVER,
        }
    }
}

impl FromJson for Scenario {
    fn read(v: &serde_json::Value, at: At) -> Read<Scenario> {
        let o = Obj::new(v, at)?;
        o.done(Scenario {
            version: o.req("version")?,
            seed: o.or("seed", u64::default())?,
            broker: o.or("broker", BrokerConfig::default())?,
            devices: o.or("devices", Vec::new())?,
            actions: o.or("actions", Vec::new())?,
            lesson: o.opt("lesson")?,
        })
    }
}

impl FromJson for DeviceConfig {
    fn read(v: &serde_json::Value, at: At) -> Read<DeviceConfig> {
        let o = Obj::new(v, at)?;
        o.done(DeviceConfig {
            name: o.req("name")?,
            client_id: o.opt("client_id")?,
            kind: o.req("kind")?,
            protocol: o.or("protocol", Protocol::default())?,
            clean_session: o.or("clean_session", true)?,
            session_expiry: o.or("session_expiry", 3600)?,
            keep_alive: o.or("keep_alive", 60)?,
            will: o.opt("will")?,
            username: o.opt("username")?,
            password: o.opt("password")?,
            port: o.or("port", Port::Plain)?,
            online: o.or("online", true)?,
            start_ms: o.or("start_ms", u64::default())?,
            reconnect_ms: o.or("reconnect_ms", 2000)?,
            link: o.or("link", LinkConfig::default())?,
        })
    }
}

impl FromJson for Protocol {
    fn read(v: &serde_json::Value, at: At) -> Read<Protocol> {
        one_of(v, at, &[("3.1.1", Protocol::V311), ("5", Protocol::V5)])
    }
}

impl FromJson for WillConfig {
    fn read(v: &serde_json::Value, at: At) -> Read<WillConfig> {
        let o = Obj::new(v, at)?;
        o.done(WillConfig {
            topic: o.req("topic")?,
            payload: o.or("payload", String::new())?,
            qos: o.or("qos", QoS::AtMostOnce)?,
            retain: o.or("retain", bool::default())?,
        })
    }
}

impl FromJson for SubConfig {
    fn read(v: &serde_json::Value, at: At) -> Read<SubConfig> {
        let o = Obj::new(v, at)?;
        o.done(SubConfig {
            filter: o.req("filter")?,
            qos: o.or("qos", QoS::AtMostOnce)?,
        })
    }
}

impl FromJson for PublishConfig {
    fn read(v: &serde_json::Value, at: At) -> Read<PublishConfig> {
        let o = Obj::new(v, at)?;
        o.done(PublishConfig {
            at_ms: o.or("at_ms", u64::default())?,
            every_ms: o.or("every_ms", u64::default())?,
            topic: o.req("topic")?,
            payload: o.or("payload", String::new())?,
            qos: o.or("qos", QoS::AtMostOnce)?,
            retain: o.or("retain", bool::default())?,
        })
    }
}

impl FromJson for ValueModel {
    fn read(v: &serde_json::Value, at: At) -> Read<ValueModel> {
        Ok(tagged!(o = v, at;
            "random_walk" => ValueModel::RandomWalk {
                start: o.req("start")?,
                step: o.req("step")?,
                min: o.or("min", Decimal::millionths(-40_000_000))?,
                max: o.or("max", Decimal::millionths(100_000_000))?,
                decimals: o.or("decimals", 1)?,
            },
            "counter" => ValueModel::Counter,
            "constant" => ValueModel::Constant {
                value: o.req("value")?,
            },
        ))
    }
}

impl FromJson for DeviceKind {
    fn read(v: &serde_json::Value, at: At) -> Read<DeviceKind> {
        Ok(tagged!(o = v, at;
            "sensor" => DeviceKind::Sensor {
                topic: o.req("topic")?,
                interval_ms: o.req("interval_ms")?,
                model: o.req("model")?,
                qos: o.or("qos", QoS::AtMostOnce)?,
                retain: o.or("retain", bool::default())?,
            },
            "actuator" => DeviceKind::Actuator {
                command_topic: o.req("command_topic")?,
                state_topic: o.req("state_topic")?,
                initial: o.or("initial", "OFF".into())?,
                qos: o.or("qos", QoS::AtMostOnce)?,
            },
            "dashboard" => DeviceKind::Dashboard {
                filters: o.or("filters", Vec::new())?,
            },
            "phone" => DeviceKind::Phone {
                filters: o.or("filters", Vec::new())?,
            },
            "eavesdropper" => DeviceKind::Eavesdropper {
                targets: o.or("targets", Vec::new())?,
            },
            "intruder" => DeviceKind::Intruder {
                topic: o.req("topic")?,
                payload: o.req("payload")?,
                interval_ms: o.req("interval_ms")?,
            },
            "responder" => DeviceKind::Responder {
                filter: o.req("filter")?,
                reply: o.or("reply", String::new())?,
                delay_ms: o.or("delay_ms", u64::default())?,
            },
            "custom" => DeviceKind::Custom {
                filters: o.or("filters", Vec::new())?,
                publishes: o.or("publishes", Vec::new())?,
            },
        ))
    }
}

impl FromJson for LinkConfig {
    fn read(v: &serde_json::Value, at: At) -> Read<LinkConfig> {
        let o = Obj::new(v, at)?;
        let d = LinkConfig::default();
        let link = o.done(LinkConfig {
            latency_ms: o.or("latency_ms", d.latency_ms)?,
            jitter_ms: o.or("jitter_ms", d.jitter_ms)?,
            loss: o.or("loss", d.loss)?,
        })?;
        if link.latency_ms > LinkConfig::MAX_DELAY_MS || link.jitter_ms > LinkConfig::MAX_DELAY_MS {
            return Err(at.fail(Problem::LatencyRange));
        }
        Ok(link)
    }
}

impl Scenario {
    /// An empty scenario with default broker settings.
    pub fn new(seed: u64) -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            seed,
            broker: BrokerConfig::default(),
            devices: Vec::new(),
            actions: Vec::new(),
            lesson: None,
        }
    }

    /// Reads and checks a scenario file.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        match value.get("version").map(|v| v.as_u64()) {
            None => return Err(err("version", Problem::FormatVersionMissing)),
            Some(Some(v)) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) => {
                let shown = v.map_or_else(|| value["version"].to_string(), |n| n.to_string());
                return Err(err("version", Problem::FormatVersion(shown)));
            }
        }
        let scenario = Scenario::read(&value, At::root())?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty JSON, with every password removed (for files and links).
    pub fn to_json_without_secrets(&self) -> String {
        let mut copy = self.clone();
        copy.strip_secrets();
        serde_json::to_string_pretty(&copy).unwrap_or_default()
    }

    /// Removes every password: the devices' and the broker's user list ([`PRACTICE`] marks
    /// stay: they are no password).
    pub fn strip_secrets(&mut self) {
        for d in &mut self.devices {
            d.password = d.password.take().filter(|p| p == PRACTICE);
        }
        for pw in self.broker.users.values_mut().filter(|p| *p != PRACTICE) {
            pw.clear();
        }
        for s in &mut self.actions {
            s.action.strip_secrets();
        }
    }

    /// The settings the world runs with: each [`PRACTICE`] mark replaced by its user's
    /// practice password.
    pub fn practiced(&self) -> (Vec<DeviceConfig>, broker::BrokerConfig) {
        let mut devices = self.devices.clone();
        for d in &mut devices {
            practice_login(self.seed, d.username.as_deref(), &mut d.password);
        }
        let mut broker = self.broker.clone();
        broker.practice(self.seed);
        (devices, broker)
    }

    /// Checks what one field cannot check alone (topics, filters, QoS, ports, intervals and
    /// links are checked as they are read): names and client ids unique, the devices named.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let mut names: LiteMap<&str, ()> = LiteMap::new();
        let mut ids: LiteMap<String, ()> = LiteMap::new();
        for (i, d) in self.devices.iter().enumerate() {
            let at = |field: &str| format!("devices[{i}].{field}");
            if d.name.trim().is_empty() {
                return Err(err(at("name"), Problem::EmptyName));
            }
            if names.insert(d.name.as_str(), ()).is_some() {
                return Err(err(at("name"), Problem::DuplicateName(d.name.clone())));
            }
            if d.kind.has_client() {
                let id = d.client_id();
                if ClientId::new(id).is_err() {
                    return Err(err(at("client_id"), Problem::BadClientId));
                }
                if ids.insert(id.to_string(), ()).is_some() {
                    return Err(err(
                        at("client_id"),
                        Problem::DuplicateClientId(id.to_string()),
                    ));
                }
            }
            self.validate_kind(&d.kind, &at("kind"))?;
        }
        for (i, s) in self.actions.iter().enumerate() {
            s.action.validate(self, &format!("actions[{i}].action"))?;
        }
        Ok(())
    }

    /// What a kind's fields cannot check alone: a model's range, the devices an eavesdropper
    /// taps.
    fn validate_kind(&self, kind: &DeviceKind, at: &str) -> Result<(), ScenarioError> {
        match kind {
            DeviceKind::Sensor {
                model: ValueModel::RandomWalk { min, max, .. },
                ..
            } if min > max => Err(err(format!("{at}.model"), Problem::ModelRange)),
            DeviceKind::Eavesdropper { targets } => targets
                .iter()
                .enumerate()
                .try_for_each(|(j, t)| self.check_device(t, &format!("{at}.targets[{j}]"))),
            _ => Ok(()),
        }
    }

    /// Checks that a device of this name exists.
    pub fn check_device(&self, name: &str, at: &str) -> Result<(), ScenarioError> {
        if self.devices.iter().any(|d| d.name == name) {
            Ok(())
        } else {
            Err(err(at, Problem::NoSuchDevice(name.to_string())))
        }
    }
}
