//! The MQTT codec: every packet of 3.1.1 and 5.0, encoded, decoded and dissected.
//!
//! Streaming: [`decode`] looks at the bytes received so far and returns a packet with the bytes
//! it took, or [`Decoded::Incomplete`] with how many more bytes are needed at least; only a
//! broken packet is an error. Nothing is allocated for a packet before all its bytes are there,
//! and a packet over the agreed maximum size is refused from its fixed header alone.
//!
//! ```text
//! byte 1:  7 6 5 4 | 3 2 1 0        byte 2..5: remaining length (variable byte integer)
//!          type    | flags (PUBLISH: DUP, QoS, QoS, RETAIN; PUBREL/SUBSCRIBE/UNSUBSCRIBE: 0010)
//! ```

mod alias;
mod bits;
mod common;
mod connect;
mod control;
mod error;
mod field;
mod properties;
mod publish;
mod reason;
mod subscribe;
mod wire;

use std::fmt;

use bytes::Bytes;

pub use crate::core::types::{check_mqtt_string, StringError};
pub use alias::{IncomingAliases, OutgoingAliases};
pub use bits::{bits_of, BitName, Bits};
pub use connect::{ConnAck, Connect, Will};
pub use control::Control;
pub use error::{DecodeError, EncodeError};
pub use field::{Field, FieldName};
pub use properties::{Context, Properties, Property, PropertyId};
pub use publish::{Ack, Publish};
pub use reason::{Meaning, ReasonCode, Refusal, V5Meaning};
pub use subscribe::{RetainHandling, SubAck, Subscribe, SubscriptionOptions, Unsubscribe};
pub use wire::MAX_VARINT;

use wire::{parse_varint, Reader, VarInt};

/// The largest packet MQTT can express: 1 + 4 header bytes + 268 435 455.
pub const MAX_PACKET_SIZE: usize = 1 + 4 + MAX_VARINT as usize;

/// The protocol version, as CONNECT's protocol level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    /// MQTT 3.1.1 (level 4).
    V311 = 4,
    /// MQTT 5.0 (level 5).
    V5 = 5,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Version::V311 => "3.1.1",
            Version::V5 => "5.0",
        })
    }
}

/// The packet type nibble.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum PacketType {
    Connect = 1,
    ConnAck = 2,
    Publish = 3,
    PubAck = 4,
    PubRec = 5,
    PubRel = 6,
    PubComp = 7,
    Subscribe = 8,
    SubAck = 9,
    Unsubscribe = 10,
    UnsubAck = 11,
    PingReq = 12,
    PingResp = 13,
    Disconnect = 14,
    Auth = 15,
}

impl PacketType {
    /// The type for a nibble; `None` for 0 (reserved).
    pub fn from_u8(v: u8) -> Option<PacketType> {
        use PacketType::*;
        Some(match v {
            1 => Connect,
            2 => ConnAck,
            3 => Publish,
            4 => PubAck,
            5 => PubRec,
            6 => PubRel,
            7 => PubComp,
            8 => Subscribe,
            9 => SubAck,
            10 => Unsubscribe,
            11 => UnsubAck,
            12 => PingReq,
            13 => PingResp,
            14 => Disconnect,
            15 => Auth,
            _ => return None,
        })
    }

    /// The name, in capitals as the specification writes it.
    pub fn name(self) -> &'static str {
        use PacketType::*;
        match self {
            Connect => "CONNECT",
            ConnAck => "CONNACK",
            Publish => "PUBLISH",
            PubAck => "PUBACK",
            PubRec => "PUBREC",
            PubRel => "PUBREL",
            PubComp => "PUBCOMP",
            Subscribe => "SUBSCRIBE",
            SubAck => "SUBACK",
            Unsubscribe => "UNSUBSCRIBE",
            UnsubAck => "UNSUBACK",
            PingReq => "PINGREQ",
            PingResp => "PINGRESP",
            Disconnect => "DISCONNECT",
            Auth => "AUTH",
        }
    }

    /// The fixed flags nibble, or `None` for PUBLISH (whose flags carry DUP, QoS, RETAIN).
    pub fn required_flags(self) -> Option<u8> {
        match self {
            PacketType::Publish => None,
            PacketType::PubRel | PacketType::Subscribe | PacketType::Unsubscribe => Some(0b0010),
            _ => Some(0),
        }
    }
}

impl fmt::Display for PacketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Any MQTT control packet.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Packet {
    Connect(Box<Connect>),
    ConnAck(ConnAck),
    Publish(Publish),
    PubAck(Ack),
    PubRec(Ack),
    PubRel(Ack),
    PubComp(Ack),
    Subscribe(Subscribe),
    SubAck(SubAck),
    Unsubscribe(Unsubscribe),
    UnsubAck(SubAck),
    PingReq,
    PingResp,
    Disconnect(Control),
    Auth(Control),
}

/// The result of [`decode`]: a packet, or "need more bytes".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// A whole packet, which took `len` bytes from the front of the buffer.
    Packet {
        /// The packet.
        packet: Packet,
        /// Bytes consumed.
        len: usize,
    },
    /// The buffer holds part of a packet: at least `needed` more bytes are required.
    Incomplete {
        /// The least number of bytes still missing.
        needed: usize,
    },
}

/// Where a packet's body starts and how long the whole packet is.
struct Frame {
    header: u8,
    body_start: usize,
    total: usize,
}

/// Reads the fixed header; `Ok(None)` means more bytes are needed (with how many at least).
#[inline(always)]
fn frame(buf: &[u8], max_size: usize) -> Result<Result<Frame, usize>, DecodeError> {
    let Some(&header) = buf.first() else {
        return Ok(Err(2));
    };
    let (remaining, len) = match parse_varint(&buf[1..]) {
        VarInt::Value(v, n) => (v as usize, n),
        VarInt::Incomplete => return Ok(Err(1)),
        VarInt::Malformed => {
            return Err(DecodeError::MalformedVarInt {
                field: FieldName::RemainingLength,
            })
        }
    };
    let total = 1 + len + remaining;
    if total > max_size {
        return Err(DecodeError::PacketTooLarge {
            size: total,
            max: max_size,
        });
    }
    if buf.len() < total {
        return Ok(Err(total - buf.len()));
    }
    Ok(Ok(Frame {
        header,
        body_start: 1 + len,
        total,
    }))
}

/// The length of the whole packet at the front of `buf` (`Ok(Err(n))`: at least `n` more
/// bytes are needed), without decoding it: how a byte stream is cut into packets.
pub fn packet_len(buf: &[u8], max_size: usize) -> Result<Result<usize, usize>, DecodeError> {
    Ok(frame(buf, max_size)?.map(|f| f.total))
}

/// Replaces the password bytes of a CONNECT with `*`, so no trace, log or capture
/// holds it (CONNECT carries its own version: any `v` reads it).
pub fn mask_password(raw: Bytes, v: Version) -> Bytes {
    let Ok((_, fields)) = dissect(&raw, v) else {
        return raw;
    };
    let Some(f) = fields.iter().find(|f| f.name == FieldName::Password) else {
        return raw;
    };
    let mut masked = raw.to_vec();
    // Keep the two length bytes; mask the password itself.
    for b in &mut masked[f.range.start + 2..f.range.end] {
        *b = b'*';
    }
    Bytes::from(masked)
}

/// Decodes the packet at the front of `buf`, refusing packets over `max_size` bytes.
///
/// CONNECT carries its own version; for every other packet `version` is the one the
/// connection agreed on.
pub fn decode(buf: &[u8], version: Version, max_size: usize) -> Result<Decoded, DecodeError> {
    decode_with(buf, None, version, max_size)
}

/// Like [`decode`], for bytes in a shared buffer: payloads and binary fields are slices of
/// `buf` instead of copies (the zero-copy path of a connection's receive buffer).
pub fn decode_shared(
    buf: &Bytes,
    version: Version,
    max_size: usize,
) -> Result<Decoded, DecodeError> {
    decode_shared_at(buf, 0, version, max_size)
}

/// Like [`decode_shared`], for the packet starting `at` bytes into `buf`: a receive buffer is
/// read packet after packet without slicing it first.
#[inline]
pub fn decode_shared_at(
    buf: &Bytes,
    at: usize,
    version: Version,
    max_size: usize,
) -> Result<Decoded, DecodeError> {
    decode_with(
        buf.get(at..).unwrap_or_default(),
        Some((buf, at)),
        version,
        max_size,
    )
}

#[inline(always)]
fn decode_with(
    buf: &[u8],
    shared: Option<(&Bytes, usize)>,
    version: Version,
    max_size: usize,
) -> Result<Decoded, DecodeError> {
    let f = match frame(buf, max_size)? {
        Ok(f) => f,
        Err(needed) => return Ok(Decoded::Incomplete { needed }),
    };
    let mut r = Reader::new(&buf[..f.total], f.body_start, None);
    if let Some((shared, at)) = shared {
        r = r.with_shared(shared, at);
    }
    // PUBLISH, most of the traffic, skips the dispatch over every packet type (its payload
    // takes the rest, so no trailing bytes can be left).
    let packet = if f.header >> 4 == PacketType::Publish as u8 {
        Packet::Publish(Publish::read(&mut r, f.header & 0x0F, version)?)
    } else {
        read_packet(&mut r, f.header, version)?
    };
    Ok(Decoded::Packet {
        packet,
        len: f.total,
    })
}

/// Decodes one whole packet and returns its field map too. On error, the fields read before
/// the error are returned with it, so a viewer can show where the packet broke.
pub fn dissect(
    buf: &[u8],
    version: Version,
) -> Result<(Packet, Vec<Field>), (DecodeError, Vec<Field>)> {
    let mut fields = Vec::new();
    let f = match frame(buf, MAX_PACKET_SIZE) {
        Ok(Ok(f)) => f,
        Ok(Err(needed)) => {
            let error = DecodeError::UnexpectedEnd {
                field: FieldName::RemainingLength,
                needed: buf.len() + needed,
                left: buf.len(),
            };
            return Err((error, fields));
        }
        Err(e) => return Err((e, fields)),
    };
    let header = f.header;
    fields.push(Field {
        range: 0..1,
        depth: 0,
        name: FieldName::FixedHeader,
        value: header_text(header),
    });
    fields.push(Field {
        range: 1..f.body_start,
        depth: 0,
        name: FieldName::RemainingLength,
        value: (f.total - f.body_start).to_string(),
    });
    let mut r = Reader::new(&buf[..f.total], f.body_start, Some(&mut fields));
    match read_packet(&mut r, header, version) {
        Ok(p) => Ok((p, fields)),
        Err(e) => Err((e, fields)),
    }
}

/// Renders byte 1 for the dissection tree.
fn header_text(header: u8) -> String {
    let name = PacketType::from_u8(header >> 4).map_or("reserved", PacketType::name);
    let flags = header & 0x0F;
    if header >> 4 == PacketType::Publish as u8 {
        format!(
            "{name} ({header:08b}): DUP={} QoS={} RETAIN={}",
            flags >> 3,
            (flags >> 1) & 3,
            flags & 1
        )
    } else {
        format!("{name} ({header:08b}): flags={flags:04b}")
    }
}

/// Reads a packet body once the frame is complete.
#[inline(never)] // keeps the PUBLISH path in `decode_with` small
fn read_packet(r: &mut Reader<'_, '_>, header: u8, v: Version) -> Result<Packet, DecodeError> {
    let kind = header >> 4;
    let flags = header & 0x0F;
    let t = PacketType::from_u8(kind).ok_or(DecodeError::ReservedPacketType { value: kind })?;
    if t == PacketType::Auth && v == Version::V311 {
        return Err(DecodeError::AuthInV311);
    }
    if let Some(required) = t.required_flags() {
        if flags != required {
            return Err(DecodeError::InvalidHeaderFlags { packet: t, flags });
        }
    }
    let packet = match t {
        PacketType::Connect => Packet::Connect(Box::new(Connect::read(r)?)),
        PacketType::ConnAck => Packet::ConnAck(ConnAck::read(r, v)?),
        PacketType::Publish => Packet::Publish(Publish::read(r, flags, v)?),
        PacketType::PubAck => Packet::PubAck(Ack::read(r, t, v)?),
        PacketType::PubRec => Packet::PubRec(Ack::read(r, t, v)?),
        PacketType::PubRel => Packet::PubRel(Ack::read(r, t, v)?),
        PacketType::PubComp => Packet::PubComp(Ack::read(r, t, v)?),
        PacketType::Subscribe => Packet::Subscribe(Subscribe::read(r, v)?),
        PacketType::SubAck => Packet::SubAck(SubAck::read(r, t, v)?),
        PacketType::Unsubscribe => Packet::Unsubscribe(Unsubscribe::read(r, v)?),
        PacketType::UnsubAck => Packet::UnsubAck(SubAck::read(r, t, v)?),
        PacketType::PingReq => Packet::PingReq,
        PacketType::PingResp => Packet::PingResp,
        PacketType::Disconnect => Packet::Disconnect(Control::read(r, t, v)?),
        PacketType::Auth => Packet::Auth(Control::read(r, t, v)?),
    };
    if r.remaining() > 0 {
        return Err(DecodeError::TrailingBytes {
            packet: t,
            extra: r.remaining(),
        });
    }
    Ok(packet)
}

/// A body length as the fixed header's remaining length, if it fits one.
#[inline]
pub(crate) fn remaining_length(body: usize) -> Result<u32, EncodeError> {
    u32::try_from(body)
        .ok()
        .filter(|b| *b <= MAX_VARINT)
        .ok_or(EncodeError::PacketTooLarge)
}

impl Packet {
    /// The packet's type.
    pub fn packet_type(&self) -> PacketType {
        use Packet::*;
        match self {
            Connect(_) => PacketType::Connect,
            ConnAck(_) => PacketType::ConnAck,
            Publish(_) => PacketType::Publish,
            PubAck(_) => PacketType::PubAck,
            PubRec(_) => PacketType::PubRec,
            PubRel(_) => PacketType::PubRel,
            PubComp(_) => PacketType::PubComp,
            Subscribe(_) => PacketType::Subscribe,
            SubAck(_) => PacketType::SubAck,
            Unsubscribe(_) => PacketType::Unsubscribe,
            UnsubAck(_) => PacketType::UnsubAck,
            PingReq => PacketType::PingReq,
            PingResp => PacketType::PingResp,
            Disconnect(_) => PacketType::Disconnect,
            Auth(_) => PacketType::Auth,
        }
    }

    /// Checks the packet can be encoded in `version` (CONNECT uses its own).
    fn check(&self, v: Version) -> Result<(), EncodeError> {
        use Packet::*;
        let t = self.packet_type();
        match self {
            Connect(p) => p.check(),
            ConnAck(p) => p.check(v),
            Publish(p) => p.check(v),
            PubAck(a) | PubRec(a) | PubRel(a) | PubComp(a) => a.check(t, v),
            Subscribe(p) => p.check(v),
            SubAck(p) | UnsubAck(p) => p.check(t, v),
            Unsubscribe(p) => p.check(v),
            PingReq | PingResp => Ok(()),
            Disconnect(c) => c.check(t, v),
            Auth(_) if v == Version::V311 => Err(EncodeError::NeedsV5 { packet: t }),
            Auth(c) => c.check(t, v),
        }
    }

    fn body_len(&self, v: Version) -> usize {
        use Packet::*;
        let t = self.packet_type();
        match self {
            Connect(p) => p.body_len(),
            ConnAck(p) => p.body_len(v),
            Publish(p) => p.body_len(v),
            PubAck(a) | PubRec(a) | PubRel(a) | PubComp(a) => a.body_len(v),
            Subscribe(p) => p.body_len(v),
            SubAck(p) | UnsubAck(p) => p.body_len(t, v),
            Unsubscribe(p) => p.body_len(v),
            PingReq | PingResp => 0,
            Disconnect(c) | Auth(c) => c.body_len(v),
        }
    }

    fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        use Packet::*;
        let t = self.packet_type();
        match self {
            Connect(p) => p.write_body(out),
            ConnAck(p) => p.write_body(v, out),
            Publish(p) => p.write_body(v, out),
            PubAck(a) | PubRec(a) | PubRel(a) | PubComp(a) => a.write_body(v, out),
            Subscribe(p) => p.write_body(v, out),
            SubAck(p) | UnsubAck(p) => p.write_body(t, v, out),
            Unsubscribe(p) => p.write_body(v, out),
            PingReq | PingResp => {}
            Disconnect(c) | Auth(c) => c.write_body(v, out),
        }
    }

    /// Encodes the packet for `version`, appending to `out`. Returns the bytes written.
    /// On error nothing is appended.
    pub fn encode(&self, version: Version, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        // The packet sent most by far: without properties, in one straight pass.
        if let Packet::Publish(p) = self {
            if p.properties.is_empty() {
                return p.encode_plain(version, out);
            }
        }
        let v = match self {
            Packet::Connect(c) => c.version,
            _ => version,
        };
        self.check(v)?;
        let body = self.body_len(v);
        let body32 = remaining_length(body)?;
        let flags = match self {
            Packet::Publish(p) => p.flags(),
            _ => self.packet_type().required_flags().unwrap_or(0),
        };
        let start = out.len();
        out.reserve(1 + 4 + body);
        out.push(((self.packet_type() as u8) << 4) | flags);
        wire::put_varint(out, body32);
        self.write_body(v, out);
        debug_assert_eq!(out.len() - start, 1 + wire::len_varint(body32) + body);
        Ok(out.len() - start)
    }

    /// Encodes into a new buffer.
    pub fn to_bytes(&self, version: Version) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::new();
        self.encode(version, &mut out)?;
        Ok(out)
    }
}
