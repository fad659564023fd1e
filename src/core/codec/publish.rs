//! PUBLISH (§3.3) and its acknowledgements PUBACK, PUBREC, PUBREL, PUBCOMP (§3.4–3.7).

use bytes::Bytes;

use super::common::{check_code, check_props, props_len, read_code, read_props, write_props};
use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::properties::{Context, Properties, PropertyId};
use super::wire::{self, Reader};
use super::{PacketType, ReasonCode, Version};
use crate::core::topic::TopicName;
use crate::core::types::{PacketId, QoS};

/// PUBLISH: an application message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publish {
    /// Set when this is a resend of an earlier attempt (QoS 1 and 2 only).
    pub dup: bool,
    /// Quality of service.
    pub qos: QoS,
    /// The broker keeps it as the topic's last known value.
    pub retain: bool,
    /// The topic ([`TopicName::alias_only`] when a 5.0 topic alias stands for it).
    pub topic: TopicName,
    /// Present exactly when QoS > 0.
    pub packet_id: Option<PacketId>,
    /// MQTT 5 properties.
    pub properties: Properties,
    /// The message bytes.
    pub payload: Bytes,
}

impl Publish {
    /// A QoS 0 message, not retained.
    pub fn new(topic: TopicName, payload: impl Into<Bytes>) -> Publish {
        Publish {
            dup: false,
            qos: QoS::AtMostOnce,
            retain: false,
            topic,
            packet_id: None,
            properties: Properties::new(),
            payload: payload.into(),
        }
    }

    /// The flags nibble of byte 1.
    pub(crate) fn flags(&self) -> u8 {
        (u8::from(self.dup) << 3) | (self.qos.as_u8() << 1) | u8::from(self.retain)
    }

    #[inline]
    pub(crate) fn read(
        r: &mut Reader<'_, '_>,
        flags: u8,
        v: Version,
    ) -> Result<Publish, DecodeError> {
        let qos = QoS::from_u8((flags >> 1) & 3).ok_or(DecodeError::InvalidQoS {
            field: FieldName::FixedHeader,
        })?;
        let dup = flags & 0x08 != 0;
        if dup && qos == QoS::AtMostOnce {
            return Err(DecodeError::DupWithQoS0);
        }
        let start = r.pos();
        let (text, has_wildcard) = r.str_scanned(FieldName::TopicName)?;
        r.record(start, FieldName::TopicName, || format!("{text:?}"));
        let topic = if text.is_empty() && v == Version::V5 {
            TopicName::alias_only()
        } else {
            TopicName::from_wire(text, has_wildcard).map_err(|error| DecodeError::InvalidTopic {
                field: FieldName::TopicName,
                error,
            })?
        };
        let packet_id = if qos == QoS::AtMostOnce {
            None
        } else {
            Some(read_packet_id(r)?)
        };
        let properties = read_props(r, v, Context::Packet(PacketType::Publish))?;
        if topic.is_empty() && properties.get(PropertyId::TopicAlias).is_none() {
            return Err(DecodeError::EmptyTopicWithoutAlias);
        }
        let payload = r.rest(FieldName::Payload);
        Ok(Publish {
            dup,
            qos,
            retain: flags & 1 != 0,
            topic,
            packet_id,
            properties,
            payload,
        })
    }

    #[inline]
    pub(crate) fn check(&self, v: Version) -> Result<(), EncodeError> {
        check_props(
            &self.properties,
            v,
            Context::Packet(PacketType::Publish),
            PacketType::Publish,
        )?;
        if self.dup && self.qos == QoS::AtMostOnce {
            return Err(EncodeError::Invalid(DecodeError::DupWithQoS0));
        }
        if (self.qos == QoS::AtMostOnce) != self.packet_id.is_none() {
            return Err(EncodeError::Invalid(DecodeError::ZeroPacketId));
        }
        if self.topic.is_empty()
            && (v == Version::V311 || self.properties.get(PropertyId::TopicAlias).is_none())
        {
            return Err(EncodeError::Invalid(DecodeError::EmptyTopicWithoutAlias));
        }
        Ok(())
    }

    /// Encodes a PUBLISH without properties (what [`super::Packet::encode`] does for one),
    /// in one straight pass; returns the bytes written.
    #[inline]
    pub(crate) fn encode_plain(&self, v: Version, out: &mut Vec<u8>) -> Result<usize, EncodeError> {
        debug_assert!(self.properties.is_empty());
        self.check(v)?;
        let body = self.body_len(v);
        let body32 = super::remaining_length(body)?;
        let total = 1 + wire::len_varint(body32) + body;
        write_publish(out, self, total, body32, v);
        Ok(total)
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        wire::len_string(self.topic.as_str())
            + if self.packet_id.is_some() { 2 } else { 0 }
            + props_len(&self.properties, v)
            + self.payload.len()
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        wire::put_string(out, self.topic.as_str());
        if let Some(id) = self.packet_id {
            wire::put_u16(out, id.get());
        }
        write_props(&self.properties, v, out);
        out.extend_from_slice(&self.payload);
    }
}

/// Writes a PUBLISH without properties (all of 3.1.1, most of 5.0) as one copy per part
/// straight into the buffer: growing it once and setting its length once, instead of a
/// length check per piece (which also keeps wasm from re-reading the length from memory
/// after every byte written).
#[inline]
fn write_publish(out: &mut Vec<u8>, p: &Publish, total: usize, body: u32, v: Version) {
    /// Appends `bytes` at `at` and returns the position after them.
    ///
    /// SAFETY (the caller's): `at + bytes.len()` is within the reserved capacity.
    #[inline(always)]
    unsafe fn put(at: *mut u8, bytes: &[u8]) -> *mut u8 {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), at, bytes.len());
        at.add(bytes.len())
    }
    let topic = p.topic.as_str().as_bytes();
    let start = out.len();
    out.reserve(total);
    // SAFETY: `total` bytes were reserved past `start`; the parts written below add up to
    // exactly `total` (fixed header, topic length 2, topic, packet id, the empty property
    // block of 5.0, payload: `body` was computed from the same parts), so every byte up to
    // the new length is initialized before `set_len`.
    unsafe {
        let mut at = out.as_mut_ptr().add(start);
        at = put(at, &[((PacketType::Publish as u8) << 4) | p.flags()]);
        wire::for_varint_bytes(body, |b| at = put(at, &[b]));
        at = put(at, &(topic.len() as u16).to_be_bytes());
        at = put(at, topic);
        if let Some(id) = p.packet_id {
            at = put(at, &id.get().to_be_bytes());
        }
        if v == Version::V5 {
            at = put(at, &[0]);
        }
        at = put(at, &p.payload);
        debug_assert_eq!(at.offset_from(out.as_ptr()) as usize, start + total);
        out.set_len(start + total);
    }
}

/// Reads a packet identifier, refusing 0.
pub(crate) fn read_packet_id(r: &mut Reader<'_, '_>) -> Result<PacketId, DecodeError> {
    PacketId::new(r.u16(FieldName::PacketId)?).ok_or(DecodeError::ZeroPacketId)
}

/// PUBACK, PUBREC, PUBREL or PUBCOMP: a packet id, and in 5.0 a reason code and properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ack {
    /// The acknowledged packet.
    pub packet_id: PacketId,
    /// 5.0 reason code (always success in 3.1.1).
    pub code: ReasonCode,
    /// 5.0 properties.
    pub properties: Properties,
}

impl Ack {
    /// A successful acknowledgement.
    pub fn new(packet_id: PacketId) -> Ack {
        Ack {
            packet_id,
            code: ReasonCode::SUCCESS,
            properties: Properties::new(),
        }
    }

    pub(crate) fn read(
        r: &mut Reader<'_, '_>,
        t: PacketType,
        v: Version,
    ) -> Result<Ack, DecodeError> {
        let packet_id = read_packet_id(r)?;
        // 5.0: the reason code and properties may be omitted [§3.4.2.1].
        let (code, properties) = if v == Version::V5 && r.remaining() > 0 {
            let code = read_code(r, FieldName::ReasonCode, t, v)?;
            let props = if r.remaining() > 0 {
                read_props(r, v, Context::Packet(t))?
            } else {
                Properties::new()
            };
            (code, props)
        } else {
            (ReasonCode::SUCCESS, Properties::new())
        };
        Ok(Ack {
            packet_id,
            code,
            properties,
        })
    }

    pub(crate) fn check(&self, t: PacketType, v: Version) -> Result<(), EncodeError> {
        check_code(self.code, t, v)?;
        check_props(&self.properties, v, Context::Packet(t), t)
    }

    /// The short form (no reason code, no properties) is used when it says the same.
    fn short(&self, v: Version) -> bool {
        v == Version::V311 || (self.code == ReasonCode::SUCCESS && self.properties.is_empty())
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        if self.short(v) {
            2
        } else if self.properties.is_empty() {
            3
        } else {
            3 + self.properties.wire_len()
        }
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        wire::put_u16(out, self.packet_id.get());
        if !self.short(v) {
            out.push(self.code.0);
            if !self.properties.is_empty() {
                self.properties.write(out);
            }
        }
    }
}
