//! Trace events: the one stream every view reads (diagram, timeline, inspector, journey).
//!
//! Each event has the virtual time and a sequence number that only grows, so the same inputs
//! give the same trace, event for event.

use bytes::Bytes;

use crate::core::codec::{DecodeError, EncodeError, PacketType, ReasonCode};
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;

/// A client id as the trace and the broker share it: cloning it is cheap.
pub type ClientName = std::sync::Arc<str>;

/// A transport connection to the broker (one per device link or socket).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConnId(pub u64);

/// One application message as the broker routes it: the key of a message journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MsgId(pub u64);

/// One step, at a virtual time, with a stable sequence number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEvent {
    /// Position in the trace, from 0, without gaps.
    pub seq: u64,
    /// When it happened.
    pub at: Time,
    /// What happened.
    pub kind: TraceKind,
}

/// Why the broker refused or dropped something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// QoS 0 message for an offline client: not queued (mosquitto's default).
    QoS0Offline,
    /// The client's queue is full (`max_queued`).
    QueueFull,
    /// The message expired before delivery (MQTT 5 message expiry).
    Expired,
    /// The subscriber may not read this topic (ACL).
    NotAuthorizedToRead,
    /// The session ended (clean session / expiry) with messages still queued.
    SessionEnded,
    /// Larger than the client's Maximum Packet Size (MQTT 5).
    TooLarge,
}

/// A protocol violation by a client (or a packet the broker could not build for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// The bytes are not a valid packet.
    Malformed(DecodeError),
    /// A packet other than CONNECT came first [MQTT-3.1.0-1].
    BeforeConnect(PacketType),
    /// A second CONNECT on the same connection [MQTT-3.1.0-2].
    SecondConnect,
    /// A packet only a server sends (CONNACK, SUBACK…).
    NotFromClient(PacketType),
    /// A topic alias of 0 or above the agreed maximum.
    TopicAliasInvalid(u16),
    /// An empty topic with an alias that was never set.
    TopicAliasUnknown(u16),
    /// More unacknowledged QoS 2 PUBLISH packets than the broker's Receive Maximum [§4.9].
    ReceiveMaximumExceeded(u16),
    /// The broker could not encode a packet for this client.
    CannotSend {
        /// The packet.
        packet: PacketType,
        /// Why.
        error: EncodeError,
    },
}

impl Violation {
    /// The MQTT 5 reason code for the DISCONNECT that follows.
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Violation::Malformed(e) => e.reason_code(),
            Violation::TopicAliasInvalid(_) => ReasonCode::TOPIC_ALIAS_INVALID,
            Violation::ReceiveMaximumExceeded(_) => ReasonCode::RECEIVE_MAXIMUM_EXCEEDED,
            _ => ReasonCode::PROTOCOL_ERROR,
        }
    }

    /// The normative statement broken, when there is one.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Violation::Malformed(e) => e.rule(),
            Violation::BeforeConnect(_) => Some("MQTT-3.1.0-1"),
            Violation::SecondConnect => Some("MQTT-3.1.0-2"),
            Violation::ReceiveMaximumExceeded(_) => Some("MQTT-3.3.4-7"),
            _ => None,
        }
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceKind {
    /// A transport connection opened.
    ConnectionOpened {
        /// The connection.
        conn: ConnId,
    },
    /// A packet arrived (passwords in CONNECT are masked in `bytes`).
    PacketIn {
        /// From which connection.
        conn: ConnId,
        /// The client, once known.
        client: Option<ClientName>,
        /// Its type.
        packet: PacketType,
        /// The journey this packet starts or acknowledges, if any.
        msg: Option<MsgId>,
        /// The bytes, for the inspector.
        bytes: Bytes,
    },
    /// A packet was sent.
    PacketOut {
        /// To which connection.
        conn: ConnId,
        /// The client.
        client: Option<ClientName>,
        /// Its type.
        packet: PacketType,
        /// The journey this packet delivers or acknowledges, if any.
        msg: Option<MsgId>,
        /// The bytes, for the inspector.
        bytes: Bytes,
    },
    /// The broker checked credentials on CONNECT.
    Auth {
        /// The client id presented.
        client: ClientName,
        /// The user name presented.
        username: Option<String>,
        /// The CONNACK code: success or the refusal.
        code: ReasonCode,
    },
    /// A new session.
    SessionCreated {
        /// The client.
        client: ClientName,
        /// Kept after disconnect (clean session 0 / session expiry > 0).
        persistent: bool,
    },
    /// A stored session was resumed; `queued` messages are waiting.
    SessionResumed {
        /// The client.
        client: ClientName,
        /// Messages in its queue.
        queued: usize,
    },
    /// A session ended: clean session on disconnect, or its expiry interval passed.
    SessionEnded {
        /// The client.
        client: ClientName,
    },
    /// Another connection took over this client id; the old one is closed.
    TakenOver {
        /// The client.
        client: ClientName,
        /// The connection that was closed.
        old: ConnId,
    },
    /// A PUBLISH was accepted for routing: the start of a journey.
    Published {
        /// The journey.
        msg: MsgId,
        /// Who published it (`None` for the broker itself: wills, `$SYS`).
        from: Option<ClientName>,
        /// The topic.
        topic: TopicName,
        /// The QoS it was published with.
        qos: QoS,
        /// The retain flag.
        retain: bool,
    },
    /// The publisher may not write to this topic (ACL): the message is not routed.
    PublishDenied {
        /// The publisher.
        client: ClientName,
        /// The topic.
        topic: TopicName,
    },
    /// A subscription's filter was compared with the topic.
    FilterTried {
        /// The journey.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// The filter, as subscribed (with `$share/...` if shared).
        filter: TopicFilter,
        /// Whether it matched. The level-by-level story is [`crate::core::topic::explain`]
        /// of this filter and the journey's topic (from its `Published` event): computed when
        /// a view shows it, not for every message routed.
        matched: bool,
    },
    /// A retained message was sent to a new subscription.
    RetainedSent {
        /// The journey that stored the retained message.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// The new subscription's filter.
        filter: TopicFilter,
    },
    /// The message was put in a client's queue (offline, or its in-flight window is full).
    Queued {
        /// The journey.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// Queue length after adding it.
        queue_len: usize,
    },
    /// The message was not delivered to a client.
    Dropped {
        /// The journey.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// Why.
        reason: DropReason,
    },
    /// The message was sent to a client (QoS 1/2: now in flight).
    Delivered {
        /// The journey.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// The QoS it was sent with: the lower of publish and subscription.
        qos: QoS,
        /// A resend after reconnecting (DUP).
        dup: bool,
    },
    /// A client acknowledged the message (PUBACK, PUBREC or PUBCOMP); after PUBACK or PUBCOMP
    /// the broker forgets it.
    Acknowledged {
        /// The journey.
        msg: MsgId,
        /// The subscriber.
        client: ClientName,
        /// Which acknowledgement.
        packet: PacketType,
    },
    /// A retained message was stored (or replaced).
    RetainedStored {
        /// The journey.
        msg: MsgId,
        /// Its topic.
        topic: TopicName,
    },
    /// An empty retained message cleared the topic's retained message.
    RetainedCleared {
        /// The topic.
        topic: TopicName,
    },
    /// The client's last will was published.
    WillFired {
        /// The client.
        client: ClientName,
        /// The journey of the will message.
        msg: MsgId,
    },
    /// The client was silent for 1.5 × keep-alive: the broker closes the connection.
    KeepAliveTimeout {
        /// The client.
        client: ClientName,
    },
    /// The client broke the protocol; the connection is closed.
    ProtocolError {
        /// The connection.
        conn: ConnId,
        /// What went wrong.
        violation: Violation,
    },
    /// The transport connection closed.
    ConnectionClosed {
        /// The connection.
        conn: ConnId,
        /// The client, if it had connected.
        client: Option<ClientName>,
        /// After a DISCONNECT packet (no will).
        graceful: bool,
    },
    /// A packet (on 8883: a TLS record) left one end of a device's link.
    Transmitted {
        /// The device whose link carries it.
        device: ClientName,
        /// The connection.
        conn: ConnId,
        /// From the device to the broker (else the other way).
        to_broker: bool,
        /// The MQTT packet inside (also on 8883: the simulation knows, the eavesdropper not).
        packet: Option<PacketType>,
        /// A PUBLISH's QoS.
        qos: Option<QoS>,
        /// Bytes on the wire.
        len: usize,
        /// When it arrives; `None` if it is lost.
        arrives: Option<Time>,
        /// The MQTT bytes carried (a CONNECT's password masked): what a capture shows.
        bytes: Bytes,
    },
    /// A device's connection changed, as the device saw it.
    DeviceChanged {
        /// The device.
        device: ClientName,
        /// What changed.
        change: DeviceChange,
    },
    /// A device published (QoS 0 while offline is lost at the device itself).
    DeviceSent {
        /// The device.
        device: ClientName,
        /// The topic.
        topic: TopicName,
        /// The payload.
        payload: Bytes,
        /// The QoS.
        qos: QoS,
        /// The retain flag.
        retain: bool,
        /// It went out now; `false`: it waits for the next connection (QoS 1/2) or is lost
        /// (QoS 0).
        sent: bool,
        /// Its 5.0 Correlation Data.
        correlation: Option<Bytes>,
    },
    /// A device's application got a message.
    DeviceReceived {
        /// The device.
        device: ClientName,
        /// The topic.
        topic: TopicName,
        /// The payload.
        payload: Bytes,
        /// The QoS it arrived with.
        qos: QoS,
        /// The retain flag (a retained message sent on subscribe).
        retain: bool,
        /// A resend (DUP).
        dup: bool,
        /// Its 5.0 Correlation Data.
        correlation: Option<Bytes>,
    },
    /// The eavesdropper captured traffic on a tapped link.
    Eavesdropped {
        /// The eavesdropper.
        device: ClientName,
        /// The device whose link it tapped.
        target: ClientName,
        /// Direction.
        to_broker: bool,
        /// What it could read.
        seen: Seen,
    },
    /// A student's or script's action was applied.
    ActionApplied {
        /// The action.
        action: Box<crate::core::scenario::action::Action>,
    },
}

/// A change in a device's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceChange {
    /// Opening a connection (TCP, plus TLS on 8883).
    Connecting {
        /// The connection.
        conn: ConnId,
        /// 1883 or 8883.
        port: u16,
    },
    /// CONNACK accepted.
    Online {
        /// The broker kept its session.
        session_present: bool,
    },
    /// CONNACK refused.
    Refused {
        /// The code.
        code: ReasonCode,
    },
    /// It disconnected politely (DISCONNECT).
    Offline,
    /// The connection broke (a lost packet, or the broker closed it).
    ConnectionLost,
    /// Its cable was pulled.
    Unplugged,
    /// Its cable is back.
    Replugged,
    /// Its link's quality changed.
    Link {
        /// Latency in ms.
        latency_ms: u64,
        /// Jitter in ms.
        jitter_ms: u64,
        /// Loss in per mille.
        loss_permille: u32,
    },
}

/// What an eavesdropper reads from a packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// Port 1883: everything, in clear.
    Clear {
        /// The packet type.
        packet: PacketType,
        /// The topic (PUBLISH).
        topic: Option<TopicName>,
        /// The payload (PUBLISH).
        payload: Option<Bytes>,
        /// The user name (CONNECT).
        username: Option<String>,
        /// The password (CONNECT): this is the lesson.
        password: Option<String>,
    },
    /// Port 8883: an encrypted record of this many bytes.
    Opaque {
        /// Record length.
        len: usize,
    },
}

impl TraceKind {
    /// Every kind's name, for filters in the timeline and for coverage checks.
    pub const NAMES: [&'static str; 28] = [
        "ConnectionOpened",
        "PacketIn",
        "PacketOut",
        "Auth",
        "SessionCreated",
        "SessionResumed",
        "SessionEnded",
        "TakenOver",
        "Published",
        "PublishDenied",
        "FilterTried",
        "RetainedSent",
        "Queued",
        "Dropped",
        "Delivered",
        "Acknowledged",
        "RetainedStored",
        "RetainedCleared",
        "WillFired",
        "KeepAliveTimeout",
        "ProtocolError",
        "ConnectionClosed",
        "Transmitted",
        "DeviceChanged",
        "DeviceSent",
        "DeviceReceived",
        "Eavesdropped",
        "ActionApplied",
    ];

    /// The kinds only the simulation world emits (the broker emits the others).
    pub const WORLD_NAMES: [&'static str; 6] = [
        "Transmitted",
        "DeviceChanged",
        "DeviceSent",
        "DeviceReceived",
        "Eavesdropped",
        "ActionApplied",
    ];

    /// This event's kind, as in [`TraceKind::NAMES`].
    pub fn name(&self) -> &'static str {
        match self {
            TraceKind::ConnectionOpened { .. } => "ConnectionOpened",
            TraceKind::PacketIn { .. } => "PacketIn",
            TraceKind::PacketOut { .. } => "PacketOut",
            TraceKind::Auth { .. } => "Auth",
            TraceKind::SessionCreated { .. } => "SessionCreated",
            TraceKind::SessionResumed { .. } => "SessionResumed",
            TraceKind::SessionEnded { .. } => "SessionEnded",
            TraceKind::TakenOver { .. } => "TakenOver",
            TraceKind::Published { .. } => "Published",
            TraceKind::PublishDenied { .. } => "PublishDenied",
            TraceKind::FilterTried { .. } => "FilterTried",
            TraceKind::RetainedSent { .. } => "RetainedSent",
            TraceKind::Queued { .. } => "Queued",
            TraceKind::Dropped { .. } => "Dropped",
            TraceKind::Delivered { .. } => "Delivered",
            TraceKind::Acknowledged { .. } => "Acknowledged",
            TraceKind::RetainedStored { .. } => "RetainedStored",
            TraceKind::RetainedCleared { .. } => "RetainedCleared",
            TraceKind::WillFired { .. } => "WillFired",
            TraceKind::KeepAliveTimeout { .. } => "KeepAliveTimeout",
            TraceKind::ProtocolError { .. } => "ProtocolError",
            TraceKind::ConnectionClosed { .. } => "ConnectionClosed",
            TraceKind::Transmitted { .. } => "Transmitted",
            TraceKind::DeviceChanged { .. } => "DeviceChanged",
            TraceKind::DeviceSent { .. } => "DeviceSent",
            TraceKind::DeviceReceived { .. } => "DeviceReceived",
            TraceKind::Eavesdropped { .. } => "Eavesdropped",
            TraceKind::ActionApplied { .. } => "ActionApplied",
        }
    }
}

/// An append-only trace with its sequence counter.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    next_seq: u64,
    pending: Vec<TraceEvent>,
}

impl Trace {
    /// Records an event.
    pub fn push(&mut self, at: Time, kind: TraceKind) {
        self.pending.push(TraceEvent {
            seq: self.next_seq,
            at,
            kind,
        });
        self.next_seq += 1;
    }

    /// Takes the events recorded since the last call.
    pub fn drain(&mut self) -> Vec<TraceEvent> {
        std::mem::take(&mut self.pending)
    }

    /// How many events were ever recorded.
    pub fn len(&self) -> u64 {
        self.next_seq
    }

    /// True before the first event.
    pub fn is_empty(&self) -> bool {
        self.next_seq == 0
    }
}
