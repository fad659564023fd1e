//! The world: one broker, the devices, their links, on one virtual clock and one event queue.
//!
//! Everything that happens is an event in the queue, ordered by (time, sequence); every
//! random decision comes from a stream derived from the scenario's seed and a device's name.
//! So the same scenario, seed and actions give the same trace, event for event.
//!
//! Network model: each device has one link with latency, jitter and loss. TCP keeps order,
//! so a packet never overtakes the previous one on the same link and direction. A lost packet
//! breaks the connection (TCP gives up): both ends notice after a retransmission timeout and
//! the device reconnects. A pulled cable is silent: the device knows, the broker only finds
//! out through keep-alive. Port 8883 costs two more round trips to open (TLS handshake) and
//! shows the eavesdropper only record lengths.
//!
//! This file holds the event loop and the actions; `network` the links and connections,
//! `devices` what the devices do.

use bytes::Bytes;

use crate::core::broker::{Broker, Output};
use crate::core::client::ClientEvent;
use crate::core::codec::{
    decode, mask_password, Decoded, Packet, PacketType, Properties, Property, PropertyId,
    SubscriptionOptions, Version, MAX_PACKET_SIZE,
};
use crate::core::scenario::action::Action;
use crate::core::scenario::{DeviceKind, Scenario, ScenarioError};
use crate::core::sim::device::{connect_packet, Device};
use crate::core::sim::queue::{EventQueue, Slot};
use crate::core::supervisor::{Policy, Resync};
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::{ConnId, DeviceChange, Seen, Trace, TraceEvent, TraceKind};
use crate::core::types::QoS;
use litemap::LiteMap;

mod devices;
mod network;

/// A device's index in the world (the scenario's order).
pub type DeviceId = usize;

/// Bytes a TLS record adds to what it carries (header, MAC, padding: typical AES-GCM).
pub const TLS_OVERHEAD: usize = 29;

/// Milliseconds TCP retries before it gives up on a lost packet, beyond the round trip.
pub const RETRANSMIT_GIVE_UP_MS: u64 = 500;

/// Something scheduled.
#[derive(Clone, Debug)]
enum Event {
    /// A device's transport is open (after TCP, and TLS, handshakes).
    Established(DeviceId, ConnId),
    /// Bytes reach the broker.
    ToBroker(ConnId, Bytes),
    /// The broker learns its connection closed.
    CloseAtBroker(ConnId),
    /// Bytes reach a device.
    ToDevice(DeviceId, ConnId, Bytes),
    /// A device learns its connection closed.
    CloseAtDevice(DeviceId, ConnId),
    /// A device's session timer (keep-alive ping).
    SessionTimer(DeviceId),
    /// The broker's timer (keep-alive, wills, expiry, `$SYS`).
    BrokerTimer,
    /// A sensor reading or an intruder's attempt is due.
    Tick(DeviceId),
    /// A custom device's scheduled publish.
    CustomPublish(DeviceId, usize),
    /// Try connecting again.
    Reconnect(DeviceId),
    /// A device's first connection.
    Start(DeviceId),
    /// A scripted action.
    Action(Box<Action>),
    /// A responder's answer is due: (device, response topic, correlation data, QoS).
    Reply(DeviceId, TopicName, Option<Bytes>, QoS),
}

/// The simulated world.
#[derive(Clone, Debug)]
pub struct World {
    scenario: Scenario,
    now: Time,
    steps: u64,
    queue: EventQueue<Event>,
    broker: Broker,
    broker_timer: Option<(Time, Slot)>,
    devices: Vec<Device>,
    by_name: LiteMap<String, DeviceId>,
    /// Connections the broker has open, and whose they are.
    conns: LiteMap<ConnId, DeviceId>,
    next_conn: u64,
    /// The eavesdroppers (usually none: checked on every packet).
    spies: Vec<DeviceId>,
    trace: Trace,
}

impl World {
    /// A world at time 0 for a scenario (checked first).
    pub fn new(scenario: &Scenario) -> Result<World, ScenarioError> {
        scenario.validate()?;
        // Practice passwords are made up here: the scenario kept keeps their marks.
        let (configs, broker) = scenario.practiced();
        let devices: Vec<Device> = (configs.into_iter())
            .map(|d| Device::new(d, scenario.seed))
            .collect();
        // Built by insertion, not `collect()` (which sorts: more code for a few entries).
        let mut by_name = LiteMap::new();
        for (i, d) in devices.iter().enumerate() {
            by_name.insert(d.config.name.clone(), i);
        }
        let mut world = World {
            scenario: scenario.clone(),
            now: Time::ZERO,
            steps: 0,
            queue: EventQueue::new(),
            broker: Broker::new(broker),
            broker_timer: None,
            devices,
            by_name,
            conns: LiteMap::new(),
            next_conn: 0,
            spies: Vec::new(),
            trace: Trace::default(),
        };
        world.spies = (world.devices.iter().enumerate())
            .filter(|(_, d)| !d.config.kind.has_client())
            .map(|(i, _)| i)
            .collect();
        for id in 0..world.devices.len() {
            world.schedule_start(id);
        }
        for s in &scenario.actions {
            world.queue.schedule(
                Time::from_millis(s.at_ms),
                Event::Action(Box::new(s.action.clone())),
            );
        }
        world.arm_broker_timer();
        Ok(world)
    }

    fn schedule_start(&mut self, id: DeviceId) {
        let d = &self.devices[id];
        let start = Time::from_millis(d.config.start_ms);
        if d.wants_online() {
            self.queue.schedule(start, Event::Start(id));
        }
        match &d.config.kind {
            DeviceKind::Sensor { interval_ms, .. } | DeviceKind::Intruder { interval_ms, .. } => {
                let first = start + interval_ms.ms();
                self.queue.schedule(first, Event::Tick(id));
            }
            DeviceKind::Custom { publishes, .. } => {
                for (i, p) in publishes.iter().enumerate() {
                    self.queue
                        .schedule(Time::from_millis(p.at_ms), Event::CustomPublish(id, i));
                }
            }
            _ => {}
        }
    }

    /// The virtual time.
    pub fn now(&self) -> Time {
        self.now
    }

    /// Events processed so far (a replay applies actions at the same count).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// When the next event happens.
    pub fn next_event_time(&self) -> Option<Time> {
        self.queue.next_time()
    }

    /// The scenario this world started from.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The broker (read-only: sessions, queues, retained messages, subscriptions).
    pub fn broker(&self) -> &Broker {
        &self.broker
    }

    /// The devices, in scenario order.
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    /// A device's index, by name.
    pub fn device_id(&self, name: &str) -> Option<DeviceId> {
        self.by_name.get(name).copied()
    }

    /// A device by name.
    pub fn device(&self, name: &str) -> Option<&Device> {
        self.by_name.get(name).map(|&i| &self.devices[i])
    }

    /// The device that connects with this client id.
    pub fn device_of_client(&self, client: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.config.client_id() == client)
    }

    /// Takes the trace events recorded since the last call.
    pub fn drain_trace(&mut self) -> Vec<TraceEvent> {
        self.trace.drain()
    }

    /// Trace events recorded in all.
    pub fn trace_len(&self) -> u64 {
        self.trace.len()
    }

    /// Processes the next event (single step); `false` if nothing is scheduled.
    pub fn step(&mut self) -> bool {
        let Some((slot, event)) = self.queue.pop() else {
            return false;
        };
        self.now = self.now.max(slot.at);
        self.steps += 1;
        self.handle(event);
        true
    }

    /// Runs every event up to `until`, at most `budget` of them; returns `true` when it got
    /// there (the clock then reads `until`), `false` if the budget ran out first.
    pub fn run_until(&mut self, until: Time, budget: usize) -> bool {
        for _ in 0..budget {
            match self.queue.pop_until(until) {
                Some((slot, event)) => {
                    self.now = self.now.max(slot.at);
                    self.steps += 1;
                    self.handle(event);
                }
                None => {
                    self.now = self.now.max(until);
                    return true;
                }
            }
        }
        if self.queue.next_time().is_none_or(|t| t > until) {
            self.now = self.now.max(until);
            return true;
        }
        false
    }

    /// Applies an action now; it is recorded in the trace.
    pub fn apply(&mut self, action: Action) -> Result<(), ScenarioError> {
        action.validate(&self.scenario, "action")?;
        self.act(action.practiced(self.scenario.seed));
        Ok(())
    }

    fn act(&mut self, action: Action) {
        self.trace.push(
            self.now,
            TraceKind::ActionApplied {
                action: Box::new(action.clone()),
            },
        );
        let id = action.device().and_then(|n| self.by_name.get(n).copied());
        match (action, id) {
            (Action::SetBroker { config }, _) => self.broker.set_config(config),
            (Action::Online { .. }, Some(id)) => {
                let d = &mut self.devices[id];
                if d.config.kind.has_client() {
                    d.supervisor.go_online();
                } else {
                    d.supervisor.go_offline();
                }
                self.connect(id);
            }
            (Action::Offline { .. }, Some(id)) => self.go_offline(id),
            (Action::PullPlug { .. }, Some(id)) => self.pull_plug(id),
            (Action::Replug { .. }, Some(id)) => self.replug(id),
            (
                Action::Publish {
                    topic,
                    payload,
                    qos: q,
                    retain,
                    expiry,
                    response_topic,
                    correlation,
                    ..
                },
                Some(id),
            ) => {
                let mut props = Properties::new();
                if let Some(secs) = expiry {
                    props.0.push(Property::MessageExpiryInterval(secs));
                }
                if let Some(t) = response_topic {
                    props.0.push(Property::ResponseTopic(t.as_str().into()));
                }
                if let Some(c) = correlation {
                    props.0.push(Property::CorrelationData(Bytes::from(c)));
                }
                self.publish(id, topic, Bytes::from(payload), q, retain, props);
            }
            (Action::Subscribe { filter, qos: q, .. }, Some(id)) => {
                self.subscribe(id, filter.as_str().to_string(), q)
            }
            (Action::Unsubscribe { filter, .. }, Some(id)) => {
                self.unsubscribe(id, filter.as_str().to_string())
            }
            (Action::SetLink { link, .. }, Some(id)) => {
                self.devices[id].config.link = link;
                self.change(
                    id,
                    DeviceChange::Link {
                        latency_ms: link.latency_ms,
                        jitter_ms: link.jitter_ms,
                        loss_permille: (link.loss.get() * 1000.0).round() as u32,
                    },
                );
            }
            (Action::SetQos { qos: q, .. }, Some(id)) => {
                devices::set_kind_qos(&mut self.devices[id].config.kind, q)
            }
            (Action::SetRetain { retain: r, .. }, Some(id)) => {
                if let DeviceKind::Sensor { retain, .. } = &mut self.devices[id].config.kind {
                    *retain = r;
                }
            }
            (Action::SetCleanSession { clean, .. }, Some(id)) => {
                self.devices[id].config.clean_session = clean;
            }
            (Action::SetWill { will, .. }, Some(id)) => self.devices[id].config.will = will,
            (Action::SetPort { port, .. }, Some(id)) => self.devices[id].config.port = port,
            (
                Action::SetCredentials {
                    username, password, ..
                },
                Some(id),
            ) => {
                self.devices[id].config.username = username;
                self.devices[id].config.password = password;
            }
            _ => {}
        }
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Start(id) => self.connect(id),
            Event::Reconnect(id) => {
                self.devices[id].reconnect = None;
                let _due = self.devices[id].supervisor.handle_timeout(self.now);
                self.connect(id);
            }
            Event::Established(id, conn) => self.established(id, conn),
            Event::ToBroker(conn, bytes) => {
                if self.conns.contains_key(&conn) {
                    self.broker.handle_bytes(self.now, conn, &bytes);
                    self.pump_broker();
                }
            }
            Event::CloseAtBroker(conn) => {
                if self.conns.remove(&conn).is_some() {
                    self.broker.handle_close(self.now, conn);
                    self.pump_broker();
                }
            }
            Event::ToDevice(id, conn, bytes) => {
                if self.devices[id].conn == Some(conn) {
                    if let Some(s) = self.devices[id].session.as_mut() {
                        s.handle_bytes(self.now, &bytes);
                    }
                    self.pump_device(id);
                }
            }
            Event::CloseAtDevice(id, conn) => {
                if self.devices[id].conn == Some(conn) {
                    self.drop_connection(id);
                    self.change(id, DeviceChange::ConnectionLost);
                    self.schedule_reconnect(id);
                }
            }
            Event::SessionTimer(id) => {
                self.devices[id].timer = None;
                if let Some(s) = self.devices[id].session.as_mut() {
                    s.handle_timeout(self.now);
                }
                self.pump_device(id);
            }
            Event::BrokerTimer => {
                self.broker_timer = None;
                self.broker.handle_timeout(self.now);
                self.pump_broker();
            }
            Event::Tick(id) => self.tick(id),
            Event::CustomPublish(id, i) => self.custom_publish(id, i),
            Event::Action(action) => self.act(*action),
            Event::Reply(id, topic, correlation, q) => {
                let DeviceKind::Responder { reply, .. } = &self.devices[id].config.kind else {
                    return;
                };
                let payload = Bytes::from(reply.clone());
                let mut props = Properties::new();
                if let Some(c) = correlation {
                    props.0.push(Property::CorrelationData(c));
                }
                self.publish(id, topic, payload, q, false, props);
            }
        }
    }

    fn change(&mut self, id: DeviceId, change: DeviceChange) {
        let device = self.devices[id].name.clone();
        self.trace
            .push(self.now, TraceKind::DeviceChanged { device, change });
    }

    fn arm_broker_timer(&mut self) {
        let due = self.broker.poll_timeout();
        if self.broker_timer.map(|(t, _)| t) == due {
            return;
        }
        if let Some((_, slot)) = self.broker_timer.take() {
            self.queue.cancel(slot);
        }
        self.broker_timer = due.map(|at| {
            (
                at,
                self.queue.schedule(at.max(self.now), Event::BrokerTimer),
            )
        });
    }

    fn pump_broker(&mut self) {
        for e in self.broker.poll_trace() {
            self.trace.push(e.at, e.kind);
        }
        while let Some(out) = self.broker.poll_output() {
            match out {
                Output::Transmit { conn, bytes } => {
                    if let Some(&id) = self.conns.get(&conn) {
                        self.transmit(id, conn, false, bytes);
                    }
                }
                Output::Close { conn } => {
                    if let Some(id) = self.conns.remove(&conn) {
                        let d = &mut self.devices[id];
                        let at = d.down_free.max(self.now + d.config.link.latency_ms);
                        d.down_free = at;
                        self.queue.schedule(at, Event::CloseAtDevice(id, conn));
                    }
                }
            }
        }
        self.arm_broker_timer();
    }
}
