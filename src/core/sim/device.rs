//! A virtual device at run time: its settings, its client session, its link and what its
//! application holds (a sensor's reading, a light's state, a dashboard's latest values).

use bytes::Bytes;

use crate::core::client::{ClientSession, State};
use crate::core::codec::{Connect, Properties, Property, SubscriptionOptions, Will};
use crate::core::numbers::Fixed;
use crate::core::rng::Rng;
use crate::core::scenario::{DeviceConfig, DeviceKind, SubConfig, ValueModel};
use crate::core::sim::queue::Slot;
use crate::core::supervisor::{Policy, Supervisor, Want};
use crate::core::time::Time;
use crate::core::topic::TopicName;
use crate::core::trace::{ClientName, ConnId};
use crate::core::types::{ClientId, QoS};
use litemap::LiteMap;

/// Values a dashboard keeps per topic.
pub const HISTORY: usize = 20;

/// The last values seen on one topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicHistory {
    /// Newest last, at most [`HISTORY`].
    pub values: std::collections::VecDeque<(Time, Bytes)>,
    /// Messages received on it in all.
    pub count: u64,
}

/// A device in the world.
#[derive(Clone, Debug)]
pub struct Device {
    /// Its settings now (actions change them).
    pub config: DeviceConfig,
    /// Its name, shared with trace events.
    pub name: ClientName,
    /// Its MQTT client (none for the eavesdropper).
    pub session: Option<ClientSession>,
    /// The current connection, if one is open or opening.
    pub conn: Option<ConnId>,
    /// The port of the current connection.
    pub conn_port: u16,
    /// A packet of the current connection was lost: the rest of it goes nowhere.
    pub conn_broken: bool,
    /// Its cable is in.
    pub plugged: bool,
    /// Whether it should be online, when it tries again, the subscriptions it wants.
    pub supervisor: Supervisor,
    /// Latest values per topic (dashboards, phones, custom devices).
    pub latest: LiteMap<TopicName, TopicHistory>,
    /// An actuator's state, or a sensor's last reading.
    pub state: String,
    /// Messages its application received in its current connection (none while offline),
    /// as a phone counts new messages.
    pub received: u64,
    pub(crate) reading: f64,
    pub(crate) counter: u64,
    pub(crate) model_rng: Rng,
    pub(crate) link_rng: Rng,
    /// Earliest arrival for the next packet each way (TCP keeps order).
    pub(crate) up_free: Time,
    pub(crate) down_free: Time,
    pub(crate) timer: Option<Slot>,
    pub(crate) reconnect: Option<Slot>,
}

impl Device {
    /// A device from its settings; random streams derive from the seed and its name.
    pub fn new(config: DeviceConfig, seed: u64) -> Device {
        let name: ClientName = config.name.as_str().into();
        let online = config.online && config.kind.has_client();
        let mut supervisor = Supervisor::new(Policy::device(config.reconnect_ms), online);
        let filters: &[SubConfig] = match &config.kind {
            DeviceKind::Dashboard { filters }
            | DeviceKind::Phone { filters }
            | DeviceKind::Custom { filters, .. } => filters,
            _ => &[],
        };
        if let DeviceKind::Actuator {
            command_topic,
            qos: q,
            ..
        } = &config.kind
        {
            supervisor.want(
                command_topic.as_str().to_string(),
                SubscriptionOptions::qos(*q),
            );
        }
        if let DeviceKind::Responder { filter, .. } = &config.kind {
            let options = SubscriptionOptions::qos(QoS::AtLeastOnce);
            supervisor.want(filter.as_str().to_string(), options);
        }
        for s in filters {
            let options = SubscriptionOptions::qos(s.qos);
            supervisor.want(s.filter.as_str().to_string(), options);
        }
        let (reading, state) = match &config.kind {
            DeviceKind::Sensor {
                model: ValueModel::RandomWalk { start, .. },
                ..
            } => (start.get(), String::new()),
            DeviceKind::Actuator { initial, .. } => (0.0, initial.clone()),
            _ => (0.0, String::new()),
        };
        let session = config
            .kind
            .has_client()
            .then(|| ClientSession::new(connect_packet(&config)));
        Device {
            model_rng: Rng::derive(seed, &format!("model/{}", config.name)),
            link_rng: Rng::derive(seed, &format!("link/{}", config.name)),
            config,
            name,
            session,
            conn: None,
            conn_port: 1883,
            conn_broken: false,
            plugged: true,
            supervisor,
            latest: LiteMap::new(),
            state,
            received: 0,
            reading,
            counter: 0,
            up_free: Time::ZERO,
            down_free: Time::ZERO,
            timer: None,
            reconnect: None,
        }
    }

    /// The student wants it online (it reconnects after losses).
    pub fn wants_online(&self) -> bool {
        self.supervisor.wants_online()
    }

    /// The subscriptions it wants, by filter.
    pub fn subscriptions(&self) -> &LiteMap<String, Want> {
        self.supervisor.wanted()
    }

    /// Connected (CONNACK accepted).
    pub fn is_online(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.state() == State::Connected)
    }

    /// The next sensor reading, as payload text.
    pub(crate) fn next_reading(&mut self) -> String {
        let DeviceKind::Sensor { model, .. } = &self.config.kind else {
            return String::new();
        };
        let text = match model {
            ValueModel::RandomWalk {
                step,
                min,
                max,
                decimals,
                ..
            } => {
                let delta = (self.model_rng.next_f64() * 2.0 - 1.0) * step.get();
                // `max`/`min`, not `clamp`: clamp's check of its bounds prints floats, and
                // float printing would then come with the first download (9 KB gzip).
                self.reading = (self.reading + delta).max(min.get()).min(max.get());
                Fixed(self.reading, usize::from(*decimals)).to_string()
            }
            ValueModel::Counter => {
                self.counter += 1;
                self.counter.to_string()
            }
            ValueModel::Constant { value } => value.clone(),
        };
        self.state.clone_from(&text);
        text
    }

    /// Records a received message in the per-topic history.
    pub(crate) fn remember(&mut self, at: Time, topic: &TopicName, payload: &Bytes) {
        self.received += 1;
        let h = self.latest.entry(topic.clone()).or_default();
        h.count += 1;
        if h.values.len() == HISTORY {
            h.values.pop_front();
        }
        h.values.push_back((at, payload.clone()));
    }
}

/// The CONNECT a device's settings describe.
pub fn connect_packet(config: &DeviceConfig) -> Connect {
    let client_id =
        ClientId::new(config.client_id()).unwrap_or_else(|_| ClientId::new("").unwrap_or_default());
    let version = config.protocol.version();
    let mut c = Connect::new(version, client_id);
    c.clean_start = config.clean_session;
    c.keep_alive = config.keep_alive;
    c.username.clone_from(&config.username);
    c.password = config.password.as_ref().map(|p| Bytes::from(p.clone()));
    if version == crate::core::codec::Version::V5 && !config.clean_session {
        c.properties =
            Properties::new().with(Property::SessionExpiryInterval(config.session_expiry));
    }
    c.will = config.will.as_ref().map(|w| Will {
        topic: w.topic.clone(),
        payload: Bytes::from(w.payload.clone()),
        qos: w.qos,
        retain: w.retain,
        properties: Properties::new(),
    });
    c
}
