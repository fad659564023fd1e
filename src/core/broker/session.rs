//! A client's session: what the broker keeps for it between connections — subscriptions,
//! the queue of messages waiting for it, and the QoS 1/2 messages in flight.

use std::collections::VecDeque;

use bytes::Bytes;

use crate::core::codec::{Properties, Version};
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::{ClientName, ConnId, MsgId};
use crate::core::types::{PacketId, QoS};
use litemap::LiteMap;

/// An application message as the broker holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Its journey.
    pub msg: MsgId,
    /// The topic.
    pub topic: TopicName,
    /// The bytes.
    pub payload: Bytes,
    /// The QoS it was published with.
    pub qos: QoS,
    /// The retain flag it was published with.
    pub retain: bool,
    /// 5.0 properties passed on to subscribers (user properties, content type…).
    pub properties: Properties,
    /// 5.0 message expiry.
    pub expires_at: Option<Time>,
}

/// One message on its way to one subscriber.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The message.
    pub message: Message,
    /// The QoS it is delivered with: min(publish, subscription).
    pub qos: QoS,
    /// The retain flag it is delivered with.
    pub retain: bool,
    /// 5.0 subscription identifiers of the matching subscriptions.
    pub sub_ids: Vec<u32>,
}

/// Where an outgoing QoS 1/2 message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// QoS 1 sent, waiting for PUBACK.
    AwaitPubAck,
    /// QoS 2 sent, waiting for PUBREC.
    AwaitPubRec,
    /// PUBREL sent, waiting for PUBCOMP.
    AwaitPubComp,
}

/// An outgoing message not yet acknowledged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// What was sent.
    pub delivery: Delivery,
    /// How far the handshake got.
    pub stage: Stage,
    /// It waited in the client's queue (the client was offline, or its window full): the
    /// queue's picture keeps it until it is acknowledged.
    pub waited: bool,
}

/// A client's session.
#[derive(Clone, Debug)]
pub struct Session {
    /// The client id.
    pub client: ClientName,
    /// The version of its last connection.
    pub version: Version,
    /// Its user name, for ACL checks.
    pub username: Option<String>,
    /// The connection it is online on.
    pub conn: Option<ConnId>,
    /// Seconds the session outlives a disconnect: `Some(0)` ends with the connection (clean
    /// session), `None` never expires (3.1.1 persistent sessions, as mosquitto by default).
    pub expiry: Option<u32>,
    /// When an offline session expires.
    pub expires_at: Option<Time>,
    /// Its subscriptions, by filter text.
    pub subscriptions: LiteMap<String, TopicFilter>,
    /// Messages waiting: the client is offline, or its in-flight window is full.
    pub queue: VecDeque<Delivery>,
    /// Outgoing QoS 1/2 messages by packet id.
    pub inflight: LiteMap<u16, InFlight>,
    /// Incoming QoS 2 packet ids between PUBREC and PUBREL (exactly-once guard).
    pub incoming_qos2: LiteMap<u16, ()>,
    /// Receive maximum: in-flight window towards this client.
    pub window: u16,
    /// Largest packet the client accepts (5.0).
    pub max_packet_size: Option<u32>,
    next_id: u16,
}

impl Session {
    /// A new, empty session.
    pub fn new(client: ClientName, version: Version, expiry: Option<u32>) -> Session {
        Session {
            client,
            version,
            username: None,
            conn: None,
            expiry,
            expires_at: None,
            subscriptions: LiteMap::new(),
            queue: VecDeque::new(),
            inflight: LiteMap::new(),
            incoming_qos2: LiteMap::new(),
            window: 20,
            max_packet_size: None,
            next_id: 0,
        }
    }

    /// Whether the session ends when the connection does.
    pub fn ends_on_disconnect(&self) -> bool {
        self.expiry == Some(0)
    }

    /// A free packet id for an outgoing message (never 0, never one in flight).
    pub fn next_packet_id(&mut self) -> PacketId {
        loop {
            self.next_id = self.next_id.wrapping_add(1);
            if self.next_id != 0 && !self.inflight.contains_key(&self.next_id) {
                if let Some(id) = PacketId::new(self.next_id) {
                    return id;
                }
            }
        }
    }

    /// Whether another QoS 1/2 message may be sent now.
    pub fn window_open(&self) -> bool {
        self.conn.is_some() && self.inflight.len() < usize::from(self.window.max(1))
    }
}
