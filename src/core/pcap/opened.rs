//! An opened capture: its MQTT connections, every MQTT packet in the order Wireshark lists
//! them (by the frame that completes each), and each PUBLISH followed from its publisher to
//! the clients the broker sent it to, as far as the capture tells.

use std::net::IpAddr;

use bytes::Bytes;

use super::read::{frames, CaptureError, CaptureNote};
use super::reassemble::{connections, Piece};
use super::{MAX_PACKETS, MQTTS_PORT, MQTT_PORT};
use crate::core::codec::{
    decode, packet_len, Decoded, Packet, PacketType, PropertyId, Version, MAX_PACKET_SIZE,
};
use crate::core::types::QoS;
use litemap::LiteMap;

/// One MQTT connection of the capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamInfo {
    /// The client's address and port, as text (`192.0.2.11:49152`, `[::1]:40000`).
    pub client: String,
    /// The broker's.
    pub server: String,
    /// The client id from its CONNECT, if captured.
    pub client_id: Option<String>,
    /// The protocol version (from CONNECT; 3.1.1 when it was not captured).
    pub version: Version,
    /// MQTT packets in it.
    pub packets: usize,
}

/// One MQTT packet of the capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapPacket {
    /// Its connection (index in [`Opened::streams`]).
    pub stream: usize,
    /// From the client to the broker.
    pub to_server: bool,
    /// The frame that completes it (Wireshark's number, from 1).
    pub frame: u32,
    /// That frame's time, microseconds since 1970.
    pub at_us: u64,
    /// Its type (`None`: a reserved type nibble).
    pub kind: Option<PacketType>,
    /// Its bytes.
    pub bytes: Bytes,
}

/// A PUBLISH from a client, and where the broker sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapPublish {
    /// The client's PUBLISH (index in [`Opened::packets`]).
    pub packet: usize,
    /// Its topic (a 5.0 alias resolved when the capture shows it being set).
    pub topic: String,
    /// Its QoS.
    pub qos: QoS,
    /// The broker's PUBLISH packets with the same topic and payload that followed it.
    pub delivered: Vec<usize>,
}

/// What a capture holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// Its MQTT connections, in the order they started.
    pub streams: Vec<StreamInfo>,
    /// Its MQTT packets (at most [`MAX_PACKETS`]).
    pub packets: Vec<CapPacket>,
    /// Each client PUBLISH and its deliveries.
    pub publishes: Vec<CapPublish>,
    /// What was passed over.
    pub notes: Vec<CaptureNote>,
    /// Frames in the file.
    pub frames: usize,
}

fn endpoint(e: Option<(IpAddr, u16)>) -> String {
    match e {
        Some((IpAddr::V6(ip), port)) => format!("[{ip}]:{port}"),
        Some((ip, port)) => format!("{ip}:{port}"),
        None => String::new(),
    }
}

/// Cuts one direction's bytes into packets: (bytes, frame, time) each, plus unreadable bytes
/// and gaps.
struct Cut {
    packets: Vec<(Bytes, u32, u64)>,
    unreadable: usize,
    gaps: Vec<u64>,
}

fn cut(pieces: &[Piece<'_>]) -> Cut {
    let mut out = Cut {
        packets: Vec::new(),
        unreadable: 0,
        gaps: Vec::new(),
    };
    let mut buf: Vec<u8> = Vec::new();
    for p in pieces {
        if p.gap_before > 0 {
            out.gaps.push(p.gap_before);
            out.unreadable += buf.len();
            buf.clear();
        }
        buf.extend_from_slice(p.data);
        let mut at = 0;
        while at < buf.len() {
            match packet_len(&buf[at..], MAX_PACKET_SIZE) {
                Ok(Ok(len)) => {
                    out.packets.push((
                        Bytes::copy_from_slice(&buf[at..at + len]),
                        p.frame,
                        p.at_us,
                    ));
                    at += len;
                }
                Ok(Err(_)) => break,
                Err(_) => {
                    // Not a packet header: skip what is left of this stretch.
                    out.unreadable += buf.len() - at;
                    at = buf.len();
                }
            }
        }
        buf.drain(..at);
    }
    out.unreadable += buf.len();
    out
}

/// The CONNECT at the start of a client's bytes, if that is what they hold.
fn connect_of(up: &Cut) -> Option<(String, Version)> {
    let (bytes, _, _) = up.packets.first()?;
    match decode(bytes, Version::V5, MAX_PACKET_SIZE) {
        Ok(Decoded::Packet {
            packet: Packet::Connect(c),
            ..
        }) => Some((c.client_id.as_str().to_string(), c.version)),
        _ => None,
    }
}

/// Opens a `.pcap` or `.pcapng` file of MQTT over TCP.
pub fn open(file: &[u8]) -> Result<Opened, CaptureError> {
    let read = frames(file)?;
    let conns = connections(&read.segments);
    let mut opened = Opened {
        notes: read.notes,
        frames: read.frames,
        ..Opened::default()
    };
    let mut tls = 0;
    // (frame, order) → packet, to list them as Wireshark does.
    let mut all: Vec<(u32, usize, CapPacket, Version)> = Vec::new();
    for c in &conns {
        let up = cut(&c.up);
        let down = cut(&c.down);
        let connect = connect_of(&up);
        let server_port = c.server.map_or(0, |s| s.1);
        if connect.is_none() && server_port != MQTT_PORT {
            if server_port == MQTTS_PORT {
                tls += 1;
            }
            continue;
        }
        let stream = opened.streams.len();
        let version = connect.as_ref().map_or(Version::V311, |c| c.1);
        record_notes(&mut opened.notes, stream, &up, &down);
        let count = up.packets.len() + down.packets.len();
        for (to_server, cut) in [(true, up), (false, down)] {
            for (bytes, frame, at_us) in cut.packets {
                let kind = bytes.first().and_then(|b| PacketType::from_u8(b >> 4));
                let order = all.len();
                let p = CapPacket {
                    stream,
                    to_server,
                    frame,
                    at_us,
                    kind,
                    bytes,
                };
                all.push((frame, order, p, version));
            }
        }
        opened.streams.push(StreamInfo {
            client: endpoint(c.client),
            server: endpoint(c.server),
            client_id: connect.map(|c| c.0),
            version,
            packets: count,
        });
    }
    if opened.streams.is_empty() {
        return Err(CaptureError::NoMqtt {
            streams: conns.len(),
            tls,
        });
    }
    if tls > 0 {
        opened.notes.push(CaptureNote::Tls { streams: tls });
    }
    all.sort_by_key(|(frame, order, _, _)| (*frame, *order));
    if all.len() > MAX_PACKETS {
        opened.notes.push(CaptureNote::TooMany {
            shown: MAX_PACKETS,
            total: all.len(),
        });
        all.truncate(MAX_PACKETS);
    }
    let versions: Vec<Version> = all.iter().map(|a| a.3).collect();
    opened.packets = all.into_iter().map(|a| a.2).collect();
    opened.publishes = follow(&opened.packets, &versions);
    Ok(opened)
}

fn record_notes(notes: &mut Vec<CaptureNote>, stream: usize, up: &Cut, down: &Cut) {
    for (to_server, cut) in [(true, up), (false, down)] {
        for &missing in &cut.gaps {
            notes.push(CaptureNote::Gap {
                stream,
                to_server,
                missing,
            });
        }
    }
    let bytes = up.unreadable + down.unreadable;
    if bytes > 0 {
        notes.push(CaptureNote::Unreadable { stream, bytes });
    }
}

/// Follows each client PUBLISH: the broker's PUBLISH packets after it with the same topic and
/// payload are its deliveries (each counted for the latest such PUBLISH before it).
fn follow(packets: &[CapPacket], versions: &[Version]) -> Vec<CapPublish> {
    let mut publishes: Vec<CapPublish> = Vec::new();
    // Topic aliases by (stream, direction).
    let mut aliases: LiteMap<(usize, bool, u32), String> = LiteMap::new();
    // The latest client PUBLISH by (topic, payload).
    let mut latest: LiteMap<(String, Bytes), usize> = LiteMap::new();
    for (i, p) in packets.iter().enumerate() {
        if p.kind != Some(PacketType::Publish) {
            continue;
        }
        let Ok(Decoded::Packet {
            packet: Packet::Publish(publish),
            ..
        }) = decode(&p.bytes, versions[i], MAX_PACKET_SIZE)
        else {
            continue;
        };
        let alias = publish.properties.u32(PropertyId::TopicAlias);
        let mut topic = publish.topic.as_str().to_string();
        if let Some(a) = alias {
            let key = (p.stream, p.to_server, a);
            if topic.is_empty() {
                topic = aliases.get(&key).cloned().unwrap_or_default();
            } else {
                aliases.insert(key, topic.clone());
            }
        }
        let key = (topic.clone(), publish.payload.clone());
        if p.to_server {
            latest.insert(key, publishes.len());
            publishes.push(CapPublish {
                packet: i,
                topic,
                qos: publish.qos,
                delivered: Vec::new(),
            });
        } else if let Some(&k) = latest.get(&key) {
            publishes[k].delivered.push(i);
        }
    }
    publishes
}

impl Opened {
    /// A connection's name: its client id, or its address when CONNECT was not captured.
    pub fn who(&self, stream: usize) -> &str {
        self.streams
            .get(stream)
            .map_or("?", |s| s.client_id.as_deref().unwrap_or(s.client.as_str()))
    }

    /// What the whole capture holds.
    pub fn summary(&self) -> Story<'_> {
        Story::Summary {
            packets: self.packets.len(),
            connections: self.streams.len(),
            frames: self.frames,
        }
    }

    /// What the capture tells of a PUBLISH: who published it and whom the broker sent it to,
    /// or, for a broker's PUBLISH, whose message it was. `None` for other packets.
    pub fn story(&self, packet: usize) -> Option<Story<'_>> {
        let p = self.packets.get(packet)?;
        if p.kind != Some(PacketType::Publish) {
            return None;
        }
        let story = if let Some(publish) = self.publishes.iter().find(|x| x.packet == packet) {
            let to: Vec<&str> = publish
                .delivered
                .iter()
                .map(|&d| self.who(self.packets[d].stream))
                .collect();
            Story::Published {
                from: self.who(p.stream),
                topic: &publish.topic,
                to: to.join(", "),
            }
        } else {
            let origin = self
                .publishes
                .iter()
                .find(|x| x.delivered.contains(&packet));
            Story::Delivered {
                to: self.who(p.stream),
                from: origin.map(|o| {
                    (
                        self.who(self.packets[o.packet].stream),
                        self.packets[o.packet].frame,
                    )
                }),
            }
        };
        Some(story)
    }
}

/// What a capture tells, as each language says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Story<'a> {
    /// The whole capture.
    Summary {
        /// MQTT packets.
        packets: usize,
        /// Connections.
        connections: usize,
        /// Frames in the file.
        frames: usize,
    },
    /// A client's PUBLISH and whom the broker sent it to.
    Published {
        /// Who published.
        from: &'a str,
        /// On which topic.
        topic: &'a str,
        /// The receivers, joined with commas (empty: nobody in this capture).
        to: String,
    },
    /// A broker's PUBLISH: to whom, and whose message with its frame, if captured.
    Delivered {
        /// The receiver.
        to: &'a str,
        /// The publisher and the frame of its PUBLISH.
        from: Option<(&'a str, u32)>,
    },
}
