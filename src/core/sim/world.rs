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
        let devices: Vec<Device> = scenario
            .devices
            .iter()
            .map(|d| Device::new(d.clone(), scenario.seed))
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
            broker: Broker::new(scenario.broker.clone()),
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
        self.act(action);
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
                set_kind_qos(&mut self.devices[id].config.kind, q)
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

    /// Opens a connection if the device should be online and can be.
    fn connect(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        if !d.wants_online() || !d.plugged || d.conn.is_some() || d.session.is_none() {
            return;
        }
        if let Some(slot) = d.reconnect.take() {
            self.queue.cancel(slot);
        }
        let conn = ConnId(self.next_conn);
        self.next_conn += 1;
        d.conn = Some(conn);
        d.conn_port = d.config.port.number();
        d.conn_broken = false;
        let rtt = 2 * d.config.link.latency_ms;
        let handshakes = if d.conn_port == 8883 { 3 } else { 1 };
        let at = self.now + rtt * handshakes;
        d.up_free = d.up_free.max(at);
        d.down_free = d.down_free.max(at);
        let port = d.conn_port;
        self.change(id, DeviceChange::Connecting { conn, port });
        self.queue.schedule(at, Event::Established(id, conn));
    }

    fn established(&mut self, id: DeviceId, conn: ConnId) {
        if self.devices[id].conn != Some(conn) {
            return;
        }
        self.conns.insert(conn, id);
        self.broker.handle_open(self.now, conn);
        self.pump_broker();
        let d = &mut self.devices[id];
        let connect = connect_packet(&d.config);
        if let Some(s) = d.session.as_mut() {
            s.set_connect(connect);
            s.start(self.now);
        }
        d.supervisor.handle_opened(self.now);
        self.pump_device(id);
    }

    /// The device's side of a connection ends (the broker's side is told separately).
    fn drop_connection(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        d.conn = None;
        if let Some(s) = d.session.as_mut() {
            s.handle_closed();
        }
        if let Some(slot) = d.timer.take() {
            self.queue.cancel(slot);
        }
    }

    fn schedule_reconnect(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        if !d.plugged || d.reconnect.is_some() {
            return;
        }
        // The reconnect interval may have changed since (an action).
        d.supervisor
            .set_policy(Policy::device(d.config.reconnect_ms));
        let link_rng = &mut d.link_rng;
        if let Some(at) = d.supervisor.handle_lost(self.now, |n| link_rng.below(n)) {
            d.reconnect = Some(self.queue.schedule(at, Event::Reconnect(id)));
        }
    }

    fn go_offline(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        d.supervisor.go_offline();
        if let Some(slot) = d.reconnect.take() {
            self.queue.cancel(slot);
        }
        let Some(conn) = d.conn else {
            return;
        };
        if let Some(s) = d.session.as_mut() {
            s.disconnect(self.now);
        }
        self.flush_device(id, conn);
        let d = &mut self.devices[id];
        let close_at = d.up_free.max(self.now + d.config.link.latency_ms);
        d.up_free = close_at;
        let broken = d.conn_broken;
        self.drop_connection(id);
        if !broken {
            self.queue.schedule(close_at, Event::CloseAtBroker(conn));
        }
        self.change(id, DeviceChange::Offline);
    }

    fn replug(&mut self, id: DeviceId) {
        if !self.devices[id].plugged {
            self.devices[id].plugged = true;
            self.change(id, DeviceChange::Replugged);
            self.connect(id);
        }
    }

    fn pull_plug(&mut self, id: DeviceId) {
        if !self.devices[id].plugged {
            return;
        }
        self.devices[id].plugged = false;
        self.devices[id].supervisor.cancel_retry();
        if let Some(slot) = self.devices[id].reconnect.take() {
            self.queue.cancel(slot);
        }
        if self.devices[id].conn.is_some() {
            self.drop_connection(id);
        }
        self.change(id, DeviceChange::Unplugged);
    }

    /// Sends what the device's session has queued, and handles its events.
    fn pump_device(&mut self, id: DeviceId) {
        while let Some(conn) = self.devices[id].conn {
            self.flush_device(id, conn);
            let Some(event) = self.devices[id]
                .session
                .as_mut()
                .and_then(|s| s.poll_event())
            else {
                break;
            };
            self.on_client_event(id, event);
        }
        // Events after the connection ended (a refusal, a malformed packet).
        while let Some(event) = self.devices[id]
            .session
            .as_mut()
            .and_then(|s| s.poll_event())
        {
            self.on_client_event(id, event);
        }
        self.arm_device_timer(id);
    }

    fn flush_device(&mut self, id: DeviceId, conn: ConnId) {
        while let Some(bytes) = self.devices[id]
            .session
            .as_mut()
            .and_then(|s| s.poll_transmit())
        {
            self.transmit(id, conn, true, bytes);
        }
    }

    fn arm_device_timer(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        let due = d.session.as_ref().and_then(|s| s.poll_timeout());
        if d.timer.map(|s| s.at) == due {
            return;
        }
        if let Some(slot) = d.timer.take() {
            self.queue.cancel(slot);
        }
        d.timer = due.map(|at| {
            self.queue
                .schedule(at.max(self.now), Event::SessionTimer(id))
        });
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

    /// Puts bytes on a device's link, one way or the other.
    fn transmit(&mut self, id: DeviceId, conn: ConnId, to_broker: bool, bytes: Bytes) {
        let now = self.now;
        let d = &mut self.devices[id];
        let tls = d.conn_port == 8883;
        let link = d.config.link;
        let unplugged = !d.plugged;
        let lost = unplugged
            || d.conn_broken
            || (link.loss.is_positive() && d.link_rng.chance(link.loss.get()));
        let jitter = if link.jitter_ms > 0 {
            d.link_rng.below(link.jitter_ms + 1)
        } else {
            0
        };
        let free = if to_broker {
            &mut d.up_free
        } else {
            &mut d.down_free
        };
        let arrives = (*free).max(now + link.latency_ms + jitter);
        if !lost {
            *free = arrives;
        }
        let newly_broken = lost && !unplugged && !d.conn_broken;
        if newly_broken {
            d.conn_broken = true;
        }
        let packet = bytes.first().and_then(|b| PacketType::from_u8(b >> 4));
        let qos = (packet == Some(PacketType::Publish))
            .then(|| bytes.first().and_then(|b| QoS::from_u8((b >> 1) & 3)))
            .flatten();
        let len = bytes.len() + if tls { TLS_OVERHEAD } else { 0 };
        let device = d.name.clone();
        self.trace.push(
            now,
            TraceKind::Transmitted {
                device,
                conn,
                to_broker,
                packet,
                qos,
                len,
                arrives: (!lost).then_some(arrives),
                bytes: if packet == Some(PacketType::Connect) {
                    mask_password(bytes.clone(), Version::V311)
                } else {
                    bytes.clone()
                },
            },
        );
        if !unplugged {
            self.eavesdrop(id, to_broker, tls, &bytes);
        }
        if newly_broken {
            let give_up = now + 2 * link.latency_ms + RETRANSMIT_GIVE_UP_MS;
            self.queue.schedule(give_up, Event::CloseAtDevice(id, conn));
            self.queue.schedule(give_up, Event::CloseAtBroker(conn));
        } else if !lost {
            let event = if to_broker {
                Event::ToBroker(conn, bytes)
            } else {
                Event::ToDevice(id, conn, bytes)
            };
            self.queue.schedule(arrives, event);
        }
    }

    fn eavesdrop(&mut self, id: DeviceId, to_broker: bool, tls: bool, bytes: &Bytes) {
        if self.spies.is_empty() {
            return;
        }
        let target = self.devices[id].name.clone();
        let spies: Vec<_> = (self.spies.iter().map(|&i| &self.devices[i]))
            .filter(|d| match &d.config.kind {
                DeviceKind::Eavesdropper { targets } => {
                    d.plugged && (targets.is_empty() || targets.iter().any(|t| **t == *target))
                }
                _ => false,
            })
            .map(|d| d.name.clone())
            .collect();
        if spies.is_empty() {
            return;
        }
        let seen = if tls {
            Seen::Opaque {
                len: bytes.len() + TLS_OVERHEAD,
            }
        } else {
            let version = self.devices[id]
                .session
                .as_ref()
                .map_or(Version::V311, |s| s.version());
            match decode(bytes, version, MAX_PACKET_SIZE) {
                Ok(Decoded::Packet { packet, .. }) => clear_view(packet),
                _ => Seen::Opaque { len: bytes.len() },
            }
        };
        for device in spies {
            self.trace.push(
                self.now,
                TraceKind::Eavesdropped {
                    device,
                    target: target.clone(),
                    to_broker,
                    seen: seen.clone(),
                },
            );
        }
    }

    fn on_client_event(&mut self, id: DeviceId, event: ClientEvent) {
        match event {
            ClientEvent::Connected { session_present } => {
                let resync = self.devices[id]
                    .supervisor
                    .handle_connected(session_present);
                self.change(id, DeviceChange::Online { session_present });
                self.resync(id, resync);
                if let DeviceKind::Actuator {
                    state_topic,
                    qos: q,
                    ..
                } = &self.devices[id].config.kind
                {
                    let (topic, q) = (state_topic.clone(), *q);
                    let state = Bytes::from(self.devices[id].state.clone());
                    self.publish(id, topic, state, q, true, Properties::new());
                }
            }
            ClientEvent::Refused { code } => {
                self.devices[id].supervisor.handle_refused();
                self.change(id, DeviceChange::Refused { code });
            }
            ClientEvent::Message(p) => self.on_message(id, p),
            ClientEvent::Subscribed { packet_id, codes } => {
                let granted = codes.iter().map(|c| c.is_success());
                let _refused =
                    (self.devices[id].supervisor).handle_suback(packet_id.get(), granted);
            }
            ClientEvent::DisconnectedByBroker { .. }
            | ClientEvent::Malformed(_)
            | ClientEvent::Published { .. }
            | ClientEvent::Unsubscribed { .. } => {}
        }
    }

    /// Once connected: unsubscribes what was dropped while offline, subscribes what the
    /// session lacks.
    fn resync(&mut self, id: DeviceId, resync: Resync) {
        let gone: Vec<TopicFilter> = (resync.unsubscribe.iter())
            .filter_map(|f| TopicFilter::new(f.as_str()).ok())
            .collect();
        if let Some(s) = self.devices[id].session.as_mut() {
            if !gone.is_empty() {
                s.unsubscribe(self.now, gone);
            }
        }
        let wanted = (resync.subscribe.into_iter())
            .map(|(f, o)| (f, o.qos))
            .collect();
        self.send_subscribe(id, wanted);
    }

    fn send_subscribe(&mut self, id: DeviceId, wanted: Vec<(String, QoS)>) {
        let d = &mut self.devices[id];
        let mut texts = Vec::new();
        let mut filters = Vec::new();
        for (text, q) in wanted {
            if let Ok(f) = TopicFilter::new(text.as_str()) {
                filters.push((f, SubscriptionOptions::qos(q)));
                texts.push(text);
            }
        }
        if filters.is_empty() || !d.is_online() {
            return;
        }
        if let Some(s) = d.session.as_mut() {
            let pid = s.subscribe(self.now, filters);
            d.supervisor.handle_subscribing(pid.get(), texts);
        }
    }

    fn subscribe(&mut self, id: DeviceId, filter: String, q: QoS) {
        let d = &mut self.devices[id];
        d.supervisor
            .want(filter.clone(), SubscriptionOptions::qos(q));
        self.send_subscribe(id, vec![(filter, q)]);
        self.pump_device(id);
    }

    fn unsubscribe(&mut self, id: DeviceId, filter: String) {
        let d = &mut self.devices[id];
        let online = d.is_online();
        if !d
            .supervisor
            .unwant(&filter, online, !d.config.clean_session)
        {
            return;
        }
        if online {
            if let (Some(s), Ok(f)) = (d.session.as_mut(), TopicFilter::new(filter.as_str())) {
                s.unsubscribe(self.now, vec![f]);
            }
        }
        self.pump_device(id);
    }

    fn on_message(&mut self, id: DeviceId, p: crate::core::codec::Publish) {
        let device = self.devices[id].name.clone();
        let correlation = correlation_of(&p.properties);
        self.trace.push(
            self.now,
            TraceKind::DeviceReceived {
                device,
                topic: p.topic.clone(),
                payload: p.payload.clone(),
                qos: p.qos,
                retain: p.retain,
                dup: p.dup,
                correlation: correlation.clone(),
            },
        );
        self.devices[id].remember(self.now, &p.topic, &p.payload);
        if let DeviceKind::Responder {
            filter, delay_ms, ..
        } = &self.devices[id].config.kind
        {
            let asked = filter.matches(&p.topic);
            let to = match p.properties.get(PropertyId::ResponseTopic) {
                Some(Property::ResponseTopic(t)) => TopicName::new(t.as_str()).ok(),
                _ => None,
            };
            if let (true, Some(to)) = (asked, to) {
                let at = self.now + *delay_ms;
                self.queue
                    .schedule(at, Event::Reply(id, to, correlation, p.qos));
            }
            return;
        }
        if let DeviceKind::Actuator {
            command_topic,
            state_topic,
            qos: q,
            ..
        } = &self.devices[id].config.kind
        {
            if p.topic != *command_topic {
                return;
            }
            let order = String::from_utf8_lossy(&p.payload)
                .trim()
                .to_ascii_uppercase();
            let current = self.devices[id].state.clone();
            let next = match order.as_str() {
                "ON" | "1" | "TRUE" => "ON",
                "OFF" | "0" | "FALSE" => "OFF",
                "TOGGLE" if current == "ON" => "OFF",
                "TOGGLE" => "ON",
                _ => return,
            };
            let (topic, q) = (state_topic.clone(), *q);
            self.devices[id].state = next.to_string();
            let payload = Bytes::from_static(next.as_bytes());
            self.publish(id, topic, payload, q, true, Properties::new());
        }
    }

    /// A device's application publishes.
    fn publish(
        &mut self,
        id: DeviceId,
        topic: TopicName,
        payload: Bytes,
        q: QoS,
        retain: bool,
        props: Properties,
    ) {
        let d = &mut self.devices[id];
        let Some(s) = d.session.as_mut() else {
            return;
        };
        let sent = d.conn.is_some() && s.state() == crate::core::client::State::Connected;
        // 3.1.1 has no properties: a 5.0 field on a 3.1.1 device is left out.
        let properties = if s.version() == Version::V5 {
            props
        } else {
            Properties::new()
        };
        let correlation = correlation_of(&properties);
        let publish = crate::core::codec::Publish {
            qos: q,
            retain,
            properties,
            ..crate::core::codec::Publish::new(topic.clone(), payload.clone())
        };
        s.publish_message(self.now, publish);
        let device = d.name.clone();
        self.trace.push(
            self.now,
            TraceKind::DeviceSent {
                device,
                topic,
                payload,
                qos: q,
                retain,
                sent,
                correlation,
            },
        );
        self.pump_device(id);
    }

    fn tick(&mut self, id: DeviceId) {
        let (topic, payload, q, retain, every) = match &self.devices[id].config.kind {
            DeviceKind::Sensor {
                topic,
                interval_ms,
                qos: q,
                retain,
                ..
            } => {
                let (topic, q, retain, every) = (topic.clone(), *q, *retain, interval_ms.ms());
                let reading = self.devices[id].next_reading();
                (topic, reading, q, retain, every)
            }
            DeviceKind::Intruder {
                topic,
                payload,
                interval_ms,
            } => (
                topic.clone(),
                payload.clone(),
                QoS::AtMostOnce,
                false,
                interval_ms.ms(),
            ),
            _ => return,
        };
        self.queue.schedule(self.now + every, Event::Tick(id));
        self.publish(
            id,
            topic,
            Bytes::from(payload),
            q,
            retain,
            Properties::new(),
        );
    }

    fn custom_publish(&mut self, id: DeviceId, i: usize) {
        let DeviceKind::Custom { publishes, .. } = &self.devices[id].config.kind else {
            return;
        };
        let Some(p) = publishes.get(i).cloned() else {
            return;
        };
        if p.every_ms > 0 {
            self.queue
                .schedule(self.now + p.every_ms, Event::CustomPublish(id, i));
        }
        let payload = Bytes::from(p.payload);
        self.publish(id, p.topic, payload, p.qos, p.retain, Properties::new());
    }
}

/// A PUBLISH's 5.0 Correlation Data.
fn correlation_of(properties: &Properties) -> Option<Bytes> {
    match properties.get(PropertyId::CorrelationData) {
        Some(Property::CorrelationData(c)) => Some(c.clone()),
        _ => None,
    }
}

fn set_kind_qos(kind: &mut DeviceKind, q: QoS) {
    match kind {
        DeviceKind::Sensor { qos, .. } | DeviceKind::Actuator { qos, .. } => *qos = q,
        DeviceKind::Custom { publishes, .. } => publishes.iter_mut().for_each(|p| p.qos = q),
        _ => {}
    }
}

/// What an eavesdropper reads from a packet in clear.
fn clear_view(packet: Packet) -> Seen {
    let kind = packet.packet_type();
    let (mut topic, mut payload, mut username, mut password) = (None, None, None, None);
    match packet {
        Packet::Connect(c) => {
            username = c.username;
            password = c.password.map(|p| String::from_utf8_lossy(&p).into_owned());
        }
        Packet::Publish(p) => {
            topic = Some(p.topic);
            payload = Some(p.payload);
        }
        _ => {}
    }
    Seen::Clear {
        packet: kind,
        topic,
        payload,
        username,
        password,
    }
}
