//! The simulated broker: a sans-IO MQTT 3.1.1 + 5.0 broker core.
//!
//! Bytes and virtual time go in through `handle_*`; bytes to send, connections to close,
//! the next deadline and trace events come out through `poll_*`. It never reads a clock.
//! Where the specification leaves a choice, it does what mosquitto 2.0 does by default:
//! one copy per client for overlapping subscriptions at the highest matching QoS, QoS 0 not
//! queued for offline clients, 20 messages in flight and 1000 queued per client, a silently
//! dropped PUBLISH on an ACL denial in 3.1.1 (acknowledged all the same), wills published on
//! any close that is not a DISCONNECT (takeover and keep-alive timeout included).
//!
//! Polling order after each `handle_*`: drain [`Broker::poll_output`] until `None`, read
//! [`Broker::poll_timeout`], then take [`Broker::poll_trace`].

mod connection;
mod routing;
mod session;
mod subscriptions;
mod sys;
mod tree;

use std::collections::VecDeque;

use bytes::Bytes;

pub use crate::core::scenario::broker::{Access, Acl, AclRule, BrokerConfig, Overlapping};
pub use session::{Delivery, InFlight, Message, Session, Stage};
pub use tree::{Subscription, SubscriptionTree};

use crate::core::codec::{IncomingAliases, OutgoingAliases, Packet, PacketType, Version, Will};
use crate::core::time::Time;
use crate::core::topic::TopicName;
use crate::core::trace::{ClientName, ConnId, MsgId, Trace, TraceEvent, TraceKind, Violation};
use litemap::LiteMap;

/// Something the broker wants done on the network.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Output {
    /// Send these bytes on the connection.
    Transmit {
        /// The connection.
        conn: ConnId,
        /// The bytes (one whole packet).
        bytes: Bytes,
    },
    /// Close the connection (after sending what came before).
    Close {
        /// The connection.
        conn: ConnId,
    },
}

/// A transport connection and what the broker knows of it.
#[derive(Clone, Debug)]
struct Conn {
    /// Bytes received but not yet a whole packet.
    buf: Vec<u8>,
    /// The client id, after a successful CONNECT.
    client: Option<ClientName>,
    /// The protocol version, after CONNECT.
    version: Version,
    /// Keep-alive in seconds (0: off).
    keep_alive: u16,
    /// When the last packet arrived.
    last_seen: Time,
    /// The will to publish if the connection ends without DISCONNECT.
    will: Option<Will>,
    /// 5.0 topic aliases the client set.
    aliases: IncomingAliases,
    /// Topic aliases the broker gave, within the client's Topic Alias Maximum.
    out_aliases: OutgoingAliases,
}

/// A 5.0 connection's flow control and topic aliases, as [`Broker::flow`] reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// QoS 1/2 messages the client may have unacknowledged towards the broker (CONNACK).
    pub receive_maximum: u16,
    /// Its QoS 2 exchanges the broker has not completed yet.
    pub receiving: usize,
    /// Aliases the client set, and how many it may set.
    pub from_client: Vec<(u16, TopicName)>,
    /// The broker's Topic Alias Maximum.
    pub from_client_max: u16,
    /// Aliases the broker gave, and how many the client accepts (0: none given).
    pub to_client: Vec<(u16, TopicName)>,
    /// The client's Topic Alias Maximum, when the broker gives aliases.
    pub to_client_max: u16,
    /// The keep-alive in force, in seconds (the broker's limit when it lowered it).
    pub keep_alive: u16,
}

/// A retained message and the journey that stored it.
#[derive(Clone, Debug)]
struct Retained {
    message: Message,
}

/// Counters for `$SYS`.
#[derive(Clone, Debug, Default)]
struct Stats {
    received: u64,
    sent: u64,
}

/// The broker core.
#[derive(Clone, Debug)]
pub struct Broker {
    config: BrokerConfig,
    now: Time,
    conns: LiteMap<ConnId, Conn>,
    sessions: LiteMap<ClientName, Session>,
    tree: SubscriptionTree,
    retained: LiteMap<TopicName, Retained>,
    /// Wills waiting for their 5.0 will delay, by client.
    pending_wills: LiteMap<ClientName, (Time, Will, Option<String>)>,
    /// Round-robin position per share group.
    share_turn: LiteMap<String, usize>,
    trace: Trace,
    out: VecDeque<Output>,
    next_msg: u64,
    next_assigned: u64,
    next_sys: Option<Time>,
    /// A lower bound of the next deadline ([`Broker::poll_timeout`]): moved earlier when a
    /// deadline is set, recomputed (one pass over connections and sessions) after each
    /// [`Broker::handle_timeout`]. Activity only moves deadlines later, so a wake-up may find
    /// nothing due; that costs one pass, not one pass per packet.
    wake: Option<Time>,
    stats: Stats,
}

impl Broker {
    /// A broker with these settings, starting at virtual time 0.
    pub fn new(config: BrokerConfig) -> Broker {
        let next_sys = (config.sys_interval > 0).then(|| Time::from_secs(config.sys_interval));
        Broker {
            config,
            now: Time::ZERO,
            conns: LiteMap::new(),
            sessions: LiteMap::new(),
            tree: SubscriptionTree::default(),
            retained: LiteMap::new(),
            pending_wills: LiteMap::new(),
            share_turn: LiteMap::new(),
            trace: Trace::default(),
            out: VecDeque::new(),
            next_msg: 0,
            next_assigned: 0,
            next_sys,
            wake: next_sys,
            stats: Stats::default(),
        }
    }

    /// Replaces the settings: users, ACL and anonymous access apply to the next CONNECT and
    /// to every publish and delivery from now on; connected clients stay connected.
    pub fn set_config(&mut self, config: BrokerConfig) {
        self.config = config;
    }

    /// The settings.
    pub fn config(&self) -> &BrokerConfig {
        &self.config
    }

    /// A transport connection opened.
    pub fn handle_open(&mut self, now: Time, conn: ConnId) {
        self.advance(now);
        self.conns.insert(
            conn,
            Conn {
                buf: Vec::new(),
                client: None,
                version: Version::V5,
                keep_alive: 0,
                last_seen: now,
                will: None,
                aliases: IncomingAliases::default(),
                out_aliases: OutgoingAliases::default(),
            },
        );
        self.trace.push(now, TraceKind::ConnectionOpened { conn });
    }

    /// Bytes arrived on a connection (any split: whole packets, halves, several at once).
    pub fn handle_bytes(&mut self, now: Time, conn: ConnId, bytes: &[u8]) {
        self.advance(now);
        let Some(c) = self.conns.get_mut(&conn) else {
            return;
        };
        c.last_seen = now;
        // One shared buffer for the whole chunk: each packet's bytes (kept in the trace) and
        // payload are slices of it, not copies.
        c.buf.extend_from_slice(bytes);
        let data = Bytes::from(std::mem::take(&mut c.buf));
        let version = c.version;
        let mut at = 0;
        while at < data.len() {
            match crate::core::codec::decode_shared_at(
                &data,
                at,
                version_of(&self.conns, conn, version),
                self.config.max_packet_size,
            ) {
                Ok(crate::core::codec::Decoded::Packet { packet, len }) => {
                    self.stats.received += 1;
                    self.on_packet(conn, packet, data.slice(at..at + len));
                    at += len;
                }
                Ok(crate::core::codec::Decoded::Incomplete { .. }) => break,
                Err(error) => {
                    self.protocol_error(conn, Violation::Malformed(error));
                    return;
                }
            }
            if !self.conns.contains_key(&conn) {
                return;
            }
        }
        if let Some(c) = self.conns.get_mut(&conn) {
            c.buf.extend_from_slice(&data[at..]);
        }
    }

    /// The transport connection closed (by the peer or the network).
    pub fn handle_close(&mut self, now: Time, conn: ConnId) {
        self.advance(now);
        if self.conns.contains_key(&conn) {
            self.close(conn, false);
        }
    }

    /// Time passed: keep-alive, will delay, session expiry and `$SYS` deadlines up to `now`.
    pub fn handle_timeout(&mut self, now: Time) {
        self.advance(now);
        self.expire_keep_alive();
        self.fire_delayed_wills();
        self.expire_sessions();
        self.publish_sys();
        self.wake = self.next_deadline();
    }

    /// Makes sure [`Broker::poll_timeout`] is no later than `at`.
    pub(crate) fn wake_at(&mut self, at: Time) {
        self.wake = Some(self.wake.map_or(at, |w| w.min(at)));
    }

    /// The next thing to do on the network.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop_front()
    }

    /// When to call [`Broker::handle_timeout`]: no later than the earliest deadline (keep-alive,
    /// will delay, session expiry, `$SYS`); it may be earlier, and then finds nothing to do.
    pub fn poll_timeout(&self) -> Option<Time> {
        self.wake
    }

    /// The earliest deadline, computed.
    fn next_deadline(&self) -> Option<Time> {
        let keep_alive = self
            .conns
            .values()
            .filter(|c| c.client.is_some() && c.keep_alive > 0)
            .map(|c| keep_alive_deadline(c.last_seen, c.keep_alive));
        let wills = self.pending_wills.values().map(|(t, _, _)| *t);
        let expiries = self.sessions.values().filter_map(|s| s.expires_at);
        keep_alive
            .chain(wills)
            .chain(expiries)
            .chain(self.next_sys)
            .min()
    }

    /// Trace events recorded since the last call.
    pub fn poll_trace(&mut self) -> Vec<TraceEvent> {
        self.trace.drain()
    }

    /// A session, by client id.
    pub fn session(&self, client: &str) -> Option<&Session> {
        self.sessions.get(client)
    }

    /// All sessions, by client id.
    pub fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.sessions.values()
    }

    /// What an online 5.0 client and the broker agreed on its connection: topic aliases both
    /// ways and the broker's Receive Maximum (`None`: offline or 3.1.1).
    pub fn flow(&self, client: &str) -> Option<Flow> {
        let session = self.sessions.get(client)?;
        let c = self.conns.get(&session.conn?)?;
        if c.version != Version::V5 {
            return None;
        }
        Some(Flow {
            receive_maximum: self.advertised_receive_maximum(),
            receiving: session.incoming_qos2.len(),
            from_client: c.aliases.set(),
            from_client_max: self.config.max_topic_alias,
            to_client: c.out_aliases.given(),
            to_client_max: if self.config.outgoing_topic_aliases {
                c.out_aliases.max()
            } else {
                0
            },
            keep_alive: c.keep_alive,
        })
    }

    /// The retained messages, by topic.
    pub fn retained(&self) -> impl Iterator<Item = &Message> {
        self.retained.values().map(|r| &r.message)
    }

    /// The subscription tree.
    pub fn subscriptions(&self) -> &SubscriptionTree {
        &self.tree
    }

    fn advance(&mut self, now: Time) {
        self.now = self.now.max(now);
    }

    fn new_msg_id(&mut self) -> MsgId {
        self.next_msg += 1;
        MsgId(self.next_msg)
    }

    /// Encodes and queues a packet for a connection, tracing it.
    fn send(&mut self, conn: ConnId, packet: Packet, msg: Option<MsgId>) {
        let Some(c) = self.conns.get(&conn) else {
            return;
        };
        let client = c.client.clone();
        let packet_type = packet.packet_type();
        match packet.to_bytes(c.version) {
            Ok(bytes) => {
                let bytes = Bytes::from(bytes);
                self.stats.sent += 1;
                self.trace.push(
                    self.now,
                    TraceKind::PacketOut {
                        conn,
                        client,
                        packet: packet_type,
                        msg,
                        bytes: bytes.clone(),
                    },
                );
                self.out.push_back(Output::Transmit { conn, bytes });
            }
            Err(e) => self.trace.push(
                self.now,
                TraceKind::ProtocolError {
                    conn,
                    violation: Violation::CannotSend {
                        packet: packet_type,
                        error: e,
                    },
                },
            ),
        }
    }

    fn client_of(&self, conn: ConnId) -> Option<ClientName> {
        self.conns.get(&conn).and_then(|c| c.client.clone())
    }

    fn trace_in(&mut self, conn: ConnId, packet: PacketType, msg: Option<MsgId>, bytes: Bytes) {
        let client = self.client_of(conn);
        self.trace.push(
            self.now,
            TraceKind::PacketIn {
                conn,
                client,
                packet,
                msg,
                bytes,
            },
        );
    }
}

/// The connection's version now (CONNECT may have just set it), or `fallback`.
fn version_of(conns: &LiteMap<ConnId, Conn>, conn: ConnId, fallback: Version) -> Version {
    conns.get(&conn).map_or(fallback, |c| c.version)
}

/// When a silent client is given up: 1.5 × keep-alive after its last packet [MQTT-3.1.2-24].
pub(crate) fn keep_alive_deadline(last_seen: Time, keep_alive: u16) -> Time {
    last_seen.plus_millis(u64::from(keep_alive) * 1500)
}
