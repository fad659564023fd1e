//! What the stage draws, projected from the trace: the packets on each link (and lost ones
//! where they fell), and what the broker did with a message for a moment (the filters it
//! tried, a queue, the retained store). Typed and language-free: the diagram writes the words.

use crate::core::codec::PacketType;
use crate::core::sim::picture::{overheard, Heard};
use crate::core::sim::World;
use crate::core::time::Time;
use crate::core::trace::{MsgId, TraceEvent, TraceKind};
use crate::core::types::QoS;

/// Packets the diagram draws at most (the newest): beyond that it is a blur anyway.
pub const MAX_FLIGHTS: usize = 120;

/// Wall milliseconds a packet's flight is drawn for at least, at the teaching speed.
pub const TEACH_MS: f64 = 600.0;
/// Wall milliseconds what the broker did stays on the stage.
pub const NOTE_MS: f64 = 2000.0;
/// Notes on the stage at most.
const NOTES_CAP: usize = 8;

/// A packet on a link, for the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// The device whose link carries it.
    pub device: usize,
    /// Towards the broker.
    pub to_broker: bool,
    /// Its label: packet type, with QoS for PUBLISH and the retain and DUP marks.
    pub label: String,
    /// Its colour class ([`kind_class`]: `connect`, `publish`, `ack`…; `tls` when hidden).
    pub kind: &'static str,
    /// The wall time it was first drawn (teaching speed).
    pub wall_start: f64,
    /// When it left.
    pub sent: Time,
    /// When it arrives; `None` when lost.
    pub arrives: Option<Time>,
    /// Trace sequence number (a stable key).
    pub seq: u64,
}

/// What the broker did with a message, shown on the stage for a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageNote {
    /// A subscriber's filter tried against a topic.
    Filter {
        /// The subscriber.
        client: String,
        /// The filter.
        filter: String,
        /// Whether it matched.
        matched: bool,
    },
    /// The message waits in an offline client's queue.
    Queued {
        /// The client.
        client: String,
    },
    /// A device with no connection was asked to publish: the message is lost (QoS 0) or
    /// waits for the connection.
    NotSent {
        /// The device.
        device: String,
        /// Whether it is lost.
        lost: bool,
    },
    /// The message landed in the retained store.
    Retained {
        /// Its topic.
        topic: String,
    },
}

/// A packet as the stage and the sequence diagram label it: its type, with QoS for a PUBLISH
/// (`TLS` when the type is hidden).
pub fn packet_label(packet: Option<PacketType>, qos: Option<u8>) -> String {
    match (packet, qos) {
        (Some(p), Some(q)) => format!("{} QoS {q}", p.name()),
        (Some(p), None) => p.name().to_string(),
        (None, _) => "TLS".to_string(),
    }
}

/// A packet type as a CSS class (`connect`, `publish`, `ack`…), on the stage and in the
/// sequence diagram.
pub fn kind_class(p: PacketType) -> &'static str {
    match p {
        PacketType::Connect | PacketType::ConnAck => "connect",
        PacketType::Publish => "publish",
        PacketType::PubAck | PacketType::PubRec | PacketType::PubRel | PacketType::PubComp => "ack",
        PacketType::Subscribe
        | PacketType::SubAck
        | PacketType::Unsubscribe
        | PacketType::UnsubAck => "subscribe",
        PacketType::PingReq | PacketType::PingResp => "ping",
        _ => "disconnect",
    }
}

/// The stage's projection of the run.
#[derive(Clone, Debug, Default)]
pub struct Stage {
    /// Packets on the wire (and recently lost ones).
    pub flights: Vec<Flight>,
    /// What the broker did lately (with the wall time it happened).
    pub notes: Vec<(f64, StageNote)>,
    /// What each eavesdropper overheard last (by its name).
    pub heard: Vec<(String, Heard)>,
    /// The newest message on a `$` topic (the broker's own `$SYS` data): what the broker does
    /// with it is not the house's business, and stays off the stage.
    system: Option<MsgId>,
}

impl Stage {
    /// Takes in new trace events, seen at wall time `wall`.
    pub fn ingest(&mut self, events: &[TraceEvent], world: &World, wall: f64) {
        overheard(&mut self.heard, events);
        for e in events {
            let note = match &e.kind {
                TraceKind::Transmitted {
                    device,
                    to_broker,
                    packet,
                    qos,
                    arrives,
                    bytes,
                    ..
                } => {
                    if let Some(i) = world.device_id(device) {
                        // A PUBLISH's fixed header: bit 0 retain, bit 3 DUP.
                        let flags = bytes.first().copied().unwrap_or(0);
                        let publish = matches!(packet, Some(PacketType::Publish));
                        let mut label = packet_label(*packet, qos.map(|q| q.as_u8()));
                        if publish && flags & 1 != 0 {
                            label.push_str(" R");
                        }
                        if publish && flags & 8 != 0 {
                            label.push_str(" DUP");
                        }
                        self.flights.push(Flight {
                            device: i,
                            to_broker: *to_broker,
                            label,
                            kind: packet.map_or("tls", kind_class),
                            wall_start: wall,
                            sent: e.at,
                            arrives: *arrives,
                            seq: e.seq,
                        });
                    }
                    None
                }
                TraceKind::Published { msg, topic, .. } => {
                    self.system = topic.is_system().then_some(*msg);
                    None
                }
                TraceKind::FilterTried { msg, .. } | TraceKind::Queued { msg, .. }
                    if self.system == Some(*msg) =>
                {
                    None
                }
                TraceKind::RetainedStored { topic, .. } if topic.is_system() => None,
                TraceKind::FilterTried {
                    matched,
                    client,
                    filter,
                    ..
                } => Some(StageNote::Filter {
                    client: client.to_string(),
                    filter: filter.as_str().to_string(),
                    matched: *matched,
                }),
                TraceKind::Queued { client, .. } => Some(StageNote::Queued {
                    client: client.to_string(),
                }),
                TraceKind::DeviceSent {
                    device,
                    qos,
                    sent: false,
                    ..
                } => Some(StageNote::NotSent {
                    device: device.to_string(),
                    lost: *qos == QoS::AtMostOnce,
                }),
                TraceKind::RetainedStored { topic, .. } => Some(StageNote::Retained {
                    topic: topic.as_str().to_string(),
                }),
                _ => None,
            };
            // The same note again only refreshes it.
            if let Some(n) = note {
                self.notes.retain(|(_, m)| *m != n);
                self.notes.push((wall, n));
            }
        }
    }

    /// Drops what is no longer drawn at virtual time `now` and wall time `wall`: notes after
    /// [`NOTE_MS`] (the newest few stay), packets that arrived, lost ones after a moment
    /// (drawn where they fell).
    pub fn prune(&mut self, now: Time, wall: f64, teaching: bool) {
        self.notes.retain(|(at, _)| wall - at < NOTE_MS);
        if self.notes.len() > NOTES_CAP {
            self.notes.drain(..self.notes.len() - NOTES_CAP);
        }
        self.flights.retain(|f| match f.arrives {
            Some(t) => t >= now,
            None if teaching => wall - f.wall_start < 2.0 * TEACH_MS,
            None => now - f.sent < 1000,
        });
        if self.flights.len() > MAX_FLIGHTS {
            let excess = self.flights.len() - MAX_FLIGHTS;
            self.flights.drain(..excess);
        }
    }

    /// Whether anything is drawn.
    pub fn is_empty(&self) -> bool {
        self.flights.is_empty() && self.notes.is_empty()
    }
}
