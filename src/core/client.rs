//! The client session: the MQTT client state machine that virtual devices and the real
//! WebSocket client both drive (sans-IO). Calls and bytes go in; bytes to send, events and the
//! next deadline come out.
//!
//! Polling order after each call: drain [`ClientSession::poll_transmit`], then
//! [`ClientSession::poll_event`], then read [`ClientSession::poll_timeout`].

use std::collections::{BTreeMap, VecDeque};

use bytes::Bytes;

use crate::core::codec::{
    decode, Ack, Connect, Control, DecodeError, Decoded, IncomingAliases, OutgoingAliases, Packet,
    Properties, PropertyId, Publish, ReasonCode, SubAck, Subscribe, SubscriptionOptions,
    Unsubscribe, Version, MAX_PACKET_SIZE,
};
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::{PacketId, QoS};
use litemap::LiteMap;

/// Where the connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// No connection (never connected, closed, or refused).
    Disconnected,
    /// CONNECT sent, waiting for CONNACK.
    Connecting,
    /// CONNACK accepted.
    Connected,
}

/// What the session reports to its owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientEvent {
    /// The broker accepted the connection.
    Connected {
        /// It resumed a stored session.
        session_present: bool,
    },
    /// The broker refused the connection (CONNACK code).
    Refused {
        /// The code (3.1.1 return code or 5.0 reason code).
        code: ReasonCode,
    },
    /// A message arrived (delivered once, also for QoS 2).
    Message(Publish),
    /// An outgoing QoS 1/2 message completed (PUBACK or PUBCOMP).
    Published {
        /// Its packet id.
        packet_id: PacketId,
        /// The broker's reason code (5.0; success in 3.1.1).
        code: ReasonCode,
    },
    /// SUBACK: one code per filter.
    Subscribed {
        /// The SUBSCRIBE's packet id.
        packet_id: PacketId,
        /// Granted QoS or failure per filter.
        codes: Vec<ReasonCode>,
    },
    /// UNSUBACK.
    Unsubscribed {
        /// The UNSUBSCRIBE's packet id.
        packet_id: PacketId,
    },
    /// The broker sent DISCONNECT (5.0) with this reason.
    DisconnectedByBroker {
        /// The reason.
        code: ReasonCode,
    },
    /// The broker's bytes could not be decoded; the session closes.
    Malformed(DecodeError),
}

/// An outgoing QoS 1/2 message and how far its handshake got.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outgoing {
    publish: Publish,
    /// The PUBLISH went out at least once (a resend carries DUP).
    sent: bool,
    /// PUBREC arrived and PUBREL went out (QoS 2).
    released: bool,
    /// On the wire on this connection, unacknowledged: counts against the send quota.
    live: bool,
}

/// A client session.
#[derive(Clone, Debug)]
pub struct ClientSession {
    connect: Connect,
    state: State,
    buf: Vec<u8>,
    transmit: VecDeque<Bytes>,
    events: VecDeque<ClientEvent>,
    next_id: u16,
    // A B-tree: a burst of QoS 1/2 publishes keeps thousands in flight, acknowledged from
    // the oldest, which a sorted vector would pay for with a move of all the others each.
    outgoing: BTreeMap<u16, Outgoing>,
    incoming_qos2: LiteMap<u16, ()>,
    /// 5.0 topic aliases the broker set on this connection.
    aliases: IncomingAliases,
    /// The broker's Receive Maximum: QoS 1/2 messages unacknowledged at once [§4.9].
    send_quota: u16,
    /// Give our own PUBLISH packets topic aliases (5.0), within the broker's Topic Alias
    /// Maximum (`out_aliases`: those set on this connection).
    use_aliases: bool,
    out_aliases: OutgoingAliases,
    last_sent: Time,
    ping_sent: Option<Time>,
}

impl ClientSession {
    /// A session that will connect with this CONNECT.
    pub fn new(connect: Connect) -> ClientSession {
        ClientSession {
            connect,
            state: State::Disconnected,
            buf: Vec::new(),
            transmit: VecDeque::new(),
            events: VecDeque::new(),
            next_id: 0,
            outgoing: BTreeMap::new(),
            incoming_qos2: LiteMap::new(),
            aliases: IncomingAliases::default(),
            send_quota: u16::MAX,
            use_aliases: false,
            out_aliases: OutgoingAliases::default(),
            last_sent: Time::ZERO,
            ping_sent: None,
        }
    }

    /// Changes the CONNECT used by the next [`ClientSession::start`] (clean session, will,
    /// credentials…); unfinished messages stay.
    pub fn set_connect(&mut self, connect: Connect) {
        self.connect = connect;
    }

    /// Whether our PUBLISH packets get topic aliases (5.0; from the next PUBLISH on, within
    /// the broker's Topic Alias Maximum). Off by default.
    pub fn set_topic_aliases(&mut self, on: bool) {
        self.use_aliases = on;
    }

    /// The connection state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The protocol version.
    pub fn version(&self) -> Version {
        self.connect.version
    }

    /// Outgoing QoS 1/2 messages not yet completed.
    pub fn in_flight(&self) -> usize {
        self.outgoing.len()
    }

    /// Starts a connection (the transport is open): sends CONNECT.
    pub fn start(&mut self, now: Time) {
        self.buf.clear();
        self.aliases = IncomingAliases::default();
        self.out_aliases = OutgoingAliases::default();
        self.ping_sent = None;
        self.state = State::Connecting;
        self.send(now, Packet::Connect(Box::new(self.connect.clone())));
    }

    /// Publishes a message; returns its packet id for QoS 1/2. While disconnected, QoS 1/2
    /// messages wait for the next connection and QoS 0 ones are not sent.
    pub fn publish(
        &mut self,
        now: Time,
        topic: TopicName,
        payload: impl Into<Bytes>,
        qos: QoS,
        retain: bool,
    ) -> Option<PacketId> {
        let publish = Publish {
            qos,
            retain,
            ..Publish::new(topic, payload)
        };
        self.publish_message(now, publish)
    }

    /// Publishes a message built by the caller (5.0 properties included); the packet id and DUP
    /// are the session's to set.
    pub fn publish_message(&mut self, now: Time, mut publish: Publish) -> Option<PacketId> {
        let packet_id = (publish.qos != QoS::AtMostOnce).then(|| self.next_packet_id());
        publish.packet_id = packet_id;
        publish.dup = false;
        let online = self.state == State::Connected;
        let Some(id) = packet_id else {
            if online {
                self.send(now, Packet::Publish(publish));
            }
            return None;
        };
        let waiting = Outgoing {
            publish,
            sent: false,
            released: false,
            live: false,
        };
        self.outgoing.insert(id.get(), waiting);
        if online {
            self.fill_window(now);
        }
        packet_id
    }

    /// Subscribes to filters.
    pub fn subscribe(
        &mut self,
        now: Time,
        filters: Vec<(TopicFilter, SubscriptionOptions)>,
    ) -> PacketId {
        self.subscribe_with(now, filters, Properties::new())
    }

    /// Subscribes with 5.0 properties (a Subscription Identifier, user properties).
    pub fn subscribe_with(
        &mut self,
        now: Time,
        filters: Vec<(TopicFilter, SubscriptionOptions)>,
        properties: Properties,
    ) -> PacketId {
        let packet_id = self.next_packet_id();
        let properties = if self.version() == Version::V5 {
            properties
        } else {
            Properties::new()
        };
        self.send(
            now,
            Packet::Subscribe(Subscribe {
                packet_id,
                properties,
                filters,
            }),
        );
        packet_id
    }

    /// Unsubscribes from filters.
    pub fn unsubscribe(&mut self, now: Time, filters: Vec<TopicFilter>) -> PacketId {
        let packet_id = self.next_packet_id();
        self.send(
            now,
            Packet::Unsubscribe(Unsubscribe {
                packet_id,
                properties: Properties::new(),
                filters,
            }),
        );
        packet_id
    }

    /// Says goodbye (DISCONNECT: no will). The owner then closes the transport.
    pub fn disconnect(&mut self, now: Time) {
        if self.state != State::Disconnected {
            self.send(now, Packet::Disconnect(Control::default()));
        }
        self.state = State::Disconnected;
    }

    /// The transport closed (or was pulled): QoS 1/2 messages stay for the next connection.
    pub fn handle_closed(&mut self) {
        self.state = State::Disconnected;
        self.buf.clear();
        self.transmit.clear();
        self.ping_sent = None;
    }

    /// Bytes from the broker.
    pub fn handle_bytes(&mut self, now: Time, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        let mut at = 0;
        while at < self.buf.len() {
            match decode(&self.buf[at..], self.connect.version, MAX_PACKET_SIZE) {
                Ok(Decoded::Packet { packet, len }) => {
                    at += len;
                    self.on_packet(now, packet);
                }
                Ok(Decoded::Incomplete { .. }) => break,
                // A 3.1.1-only broker answers an MQTT 5 CONNECT in 3.1.1: return code 1,
                // "unacceptable protocol version", which 5.0 calls 0x84 [MQTT-3.1.2-2].
                Err(_) if self.answered_in_311(&self.buf[at..]) => {
                    self.events.push_back(ClientEvent::Refused {
                        code: ReasonCode::UNSUPPORTED_PROTOCOL_VERSION,
                    });
                    self.handle_closed();
                    return;
                }
                Err(e) => {
                    self.events.push_back(ClientEvent::Malformed(e));
                    self.handle_closed();
                    return;
                }
            }
        }
        self.buf.drain(..at);
    }

    /// Whether `bytes` are a 3.1.1 CONNACK refusing the protocol version, in answer to an
    /// MQTT 5 CONNECT.
    fn answered_in_311(&self, bytes: &[u8]) -> bool {
        self.state == State::Connecting
            && self.connect.version == Version::V5
            && matches!(bytes, [0x20, 0x02, 0x00, 0x01, ..])
    }

    /// Time passed: sends PINGREQ when the keep-alive is due.
    pub fn handle_timeout(&mut self, now: Time) {
        if self.state == State::Connected && self.ping_sent.is_none() {
            if let Some(due) = self.ping_due() {
                if now >= due {
                    self.send(now, Packet::PingReq);
                    self.ping_sent = Some(now);
                }
            }
        }
    }

    /// The next bytes to send.
    pub fn poll_transmit(&mut self) -> Option<Bytes> {
        self.transmit.pop_front()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    /// When [`ClientSession::handle_timeout`] has work.
    pub fn poll_timeout(&self) -> Option<Time> {
        if self.state == State::Connected && self.ping_sent.is_none() {
            self.ping_due()
        } else {
            None
        }
    }

    fn ping_due(&self) -> Option<Time> {
        let ka = u64::from(self.connect.keep_alive);
        (ka > 0).then(|| self.last_sent.plus_secs(ka))
    }

    fn next_packet_id(&mut self) -> PacketId {
        loop {
            self.next_id = self.next_id.wrapping_add(1);
            if let Some(id) = PacketId::new(self.next_id) {
                if !self.outgoing.contains_key(&id.get()) {
                    return id;
                }
            }
        }
    }

    fn send(&mut self, now: Time, packet: Packet) {
        let packet = match packet {
            Packet::Publish(mut p) if self.use_aliases && self.version() == Version::V5 => {
                self.out_aliases.apply(&mut p);
                Packet::Publish(p)
            }
            other => other,
        };
        if let Ok(bytes) = packet.to_bytes(self.connect.version) {
            self.transmit.push_back(Bytes::from(bytes));
            self.last_sent = now;
        }
    }

    fn on_packet(&mut self, now: Time, packet: Packet) {
        match packet {
            Packet::ConnAck(a) if self.state == State::Connecting => {
                if a.code == ReasonCode::SUCCESS {
                    self.state = State::Connected;
                    let props = &a.properties;
                    self.send_quota = props.u16(PropertyId::ReceiveMaximum).unwrap_or(u16::MAX);
                    let alias_max = props.u16(PropertyId::TopicAliasMaximum).unwrap_or(0);
                    self.out_aliases = OutgoingAliases::new(alias_max);
                    self.events.push_back(ClientEvent::Connected {
                        session_present: a.session_present,
                    });
                    if !a.session_present {
                        self.incoming_qos2.clear();
                    }
                    self.resend(now);
                } else {
                    self.state = State::Disconnected;
                    self.events.push_back(ClientEvent::Refused { code: a.code });
                }
            }
            Packet::Publish(p) => self.on_publish(now, p),
            Packet::PubAck(a) => self.complete(now, a),
            Packet::PubRec(a) => {
                if let Some(o) = self.outgoing.get_mut(&a.packet_id.get()) {
                    if a.code.is_success() {
                        o.released = true;
                        self.send(now, Packet::PubRel(Ack::new(a.packet_id)));
                    } else {
                        self.complete(now, a);
                    }
                }
            }
            Packet::PubRel(a) => {
                self.incoming_qos2.remove(&a.packet_id.get());
                self.send(now, Packet::PubComp(Ack::new(a.packet_id)));
            }
            Packet::PubComp(a) => self.complete(now, a),
            Packet::SubAck(SubAck {
                packet_id, codes, ..
            }) => self
                .events
                .push_back(ClientEvent::Subscribed { packet_id, codes }),
            Packet::UnsubAck(SubAck { packet_id, .. }) => self
                .events
                .push_back(ClientEvent::Unsubscribed { packet_id }),
            Packet::PingResp => self.ping_sent = None,
            Packet::Disconnect(d) => {
                self.events
                    .push_back(ClientEvent::DisconnectedByBroker { code: d.code });
                self.handle_closed();
            }
            _ => {}
        }
    }

    fn on_publish(&mut self, now: Time, mut p: Publish) {
        // 5.0 topic aliases from the broker: learnt or resolved; the alias stays among the
        // message's properties, for the inspector to show.
        if self.aliases.resolve(&mut p).is_err() {
            // An alias never set: a protocol error; the owner closes the transport.
            let code = ReasonCode::PROTOCOL_ERROR;
            self.send(now, Packet::Disconnect(Control::with_code(code)));
            self.state = State::Disconnected;
            return;
        }
        match (p.qos, p.packet_id) {
            (QoS::AtLeastOnce, Some(id)) => {
                self.events.push_back(ClientEvent::Message(p));
                self.send(now, Packet::PubAck(Ack::new(id)));
            }
            (QoS::ExactlyOnce, Some(id)) => {
                // Deliver once: a DUP before PUBREL is acknowledged again, not delivered again.
                if self.incoming_qos2.insert(id.get(), ()).is_none() {
                    self.events.push_back(ClientEvent::Message(p));
                }
                self.send(now, Packet::PubRec(Ack::new(id)));
            }
            _ => self.events.push_back(ClientEvent::Message(p)),
        }
    }

    fn complete(&mut self, now: Time, a: Ack) {
        if self.outgoing.remove(&a.packet_id.get()).is_some() {
            self.events.push_back(ClientEvent::Published {
                packet_id: a.packet_id,
                code: a.code,
            });
            self.fill_window(now);
        }
    }

    /// After CONNACK: resend unfinished QoS 1/2 messages (PUBLISH with DUP, or PUBREL) in
    /// packet id order [MQTT-4.4.0-1], and send those published while offline (no DUP).
    fn resend(&mut self, now: Time) {
        for o in self.outgoing.values_mut() {
            o.live = false;
        }
        self.fill_window(now);
    }

    /// Sends waiting QoS 1/2 messages, oldest first, while fewer than the broker's Receive
    /// Maximum are unacknowledged on this connection [MQTT-3.3.4-7].
    fn fill_window(&mut self, now: Time) {
        let mut live = self.outgoing.values().filter(|o| o.live).count();
        let quota = usize::from(self.send_quota);
        let mut out = Vec::new();
        for o in self.outgoing.values_mut() {
            if live >= quota {
                break;
            }
            if o.live {
                continue;
            }
            out.push(match (o.released, o.publish.packet_id) {
                (true, Some(id)) => Packet::PubRel(Ack::new(id)),
                _ => Packet::Publish(Publish {
                    dup: o.sent,
                    ..o.publish.clone()
                }),
            });
            o.sent = true;
            o.live = true;
            live += 1;
        }
        for packet in out {
            self.send(now, packet);
        }
    }
}
