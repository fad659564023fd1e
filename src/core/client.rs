//! The client session: the MQTT client state machine that virtual devices and the real
//! WebSocket client both drive (sans-IO). Calls and bytes go in; bytes to send, events and the
//! next deadline come out.
//!
//! Polling order after each call: drain [`ClientSession::poll_transmit`], then
//! [`ClientSession::poll_event`], then read [`ClientSession::poll_timeout`].

use std::collections::{BTreeMap, VecDeque};

use bytes::Bytes;

use crate::core::codec::{
    decode, Ack, Connect, Control, DecodeError, Decoded, Packet, Properties, Publish, ReasonCode,
    SubAck, Subscribe, SubscriptionOptions, Unsubscribe, Version, MAX_PACKET_SIZE,
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
            last_sent: Time::ZERO,
            ping_sent: None,
        }
    }

    /// Changes the CONNECT used by the next [`ClientSession::start`] (clean session, will,
    /// credentials…); unfinished messages stay.
    pub fn set_connect(&mut self, connect: Connect) {
        self.connect = connect;
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
        if let Some(id) = packet_id {
            let waiting = Outgoing {
                publish: publish.clone(),
                sent: online,
                released: false,
            };
            self.outgoing.insert(id.get(), waiting);
        }
        if online {
            self.send(now, Packet::Publish(publish));
        }
        packet_id
    }

    /// Subscribes to filters.
    pub fn subscribe(
        &mut self,
        now: Time,
        filters: Vec<(TopicFilter, SubscriptionOptions)>,
    ) -> PacketId {
        let packet_id = self.next_packet_id();
        self.send(
            now,
            Packet::Subscribe(Subscribe {
                packet_id,
                properties: Properties::new(),
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
                Err(e) => {
                    self.events.push_back(ClientEvent::Malformed(e));
                    self.handle_closed();
                    return;
                }
            }
        }
        self.buf.drain(..at);
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
            Packet::PubAck(a) => self.complete(a),
            Packet::PubRec(a) => {
                if let Some(o) = self.outgoing.get_mut(&a.packet_id.get()) {
                    if a.code.is_success() {
                        o.released = true;
                        self.send(now, Packet::PubRel(Ack::new(a.packet_id)));
                    } else {
                        self.complete(a);
                    }
                }
            }
            Packet::PubRel(a) => {
                self.incoming_qos2.remove(&a.packet_id.get());
                self.send(now, Packet::PubComp(Ack::new(a.packet_id)));
            }
            Packet::PubComp(a) => self.complete(a),
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

    fn on_publish(&mut self, now: Time, p: Publish) {
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

    fn complete(&mut self, a: Ack) {
        if self.outgoing.remove(&a.packet_id.get()).is_some() {
            self.events.push_back(ClientEvent::Published {
                packet_id: a.packet_id,
                code: a.code,
            });
        }
    }

    /// After CONNACK: resend unfinished QoS 1/2 messages (PUBLISH with DUP, or PUBREL) in
    /// packet id order [MQTT-4.4.0-1], and send those published while offline (no DUP).
    fn resend(&mut self, now: Time) {
        let pending: Vec<Outgoing> = self.outgoing.values().cloned().collect();
        for o in pending {
            match (o.released, o.publish.packet_id) {
                (true, Some(id)) => self.send(now, Packet::PubRel(Ack::new(id))),
                _ => {
                    let publish = Publish {
                        dup: o.sent,
                        ..o.publish
                    };
                    self.send(now, Packet::Publish(publish));
                }
            }
        }
        for o in self.outgoing.values_mut() {
            o.sent = true;
        }
    }
}
