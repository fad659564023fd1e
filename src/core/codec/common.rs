//! Field helpers shared by the packet modules: validated topics, reason codes, property
//! blocks that exist only in MQTT 5, and the string and binary limits of encoding.

use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::properties::{Context, Properties};
use super::wire::Reader;
use super::{PacketType, ReasonCode, Version};
use crate::core::topic::TopicName;
use crate::core::types::check_mqtt_string;

/// Checks a string field for encoding.
pub(crate) fn check_string(s: &str, field: FieldName) -> Result<(), EncodeError> {
    check_mqtt_string(s).map_err(|error| EncodeError::String { field, error })
}

/// Checks a binary field for encoding (two-byte length).
pub(crate) fn check_binary(b: &[u8], field: FieldName) -> Result<(), EncodeError> {
    if b.len() > u16::MAX as usize {
        return Err(EncodeError::BinaryTooLong { field });
    }
    Ok(())
}

/// Reads a topic name field, validated.
pub(crate) fn read_topic_name(
    r: &mut Reader<'_, '_>,
    field: FieldName,
) -> Result<TopicName, DecodeError> {
    let s = r.string(field)?;
    TopicName::new(s).map_err(|error| DecodeError::InvalidTopic { field, error })
}

/// Reads a reason code and checks it is allowed in this packet.
pub(crate) fn read_code(
    r: &mut Reader<'_, '_>,
    field: FieldName,
    packet: PacketType,
    v: Version,
) -> Result<ReasonCode, DecodeError> {
    let start = r.pos();
    let code = ReasonCode(r.raw_u8(field)?);
    r.record(start, field, || {
        format!("0x{:02X} {}", code.0, code.name_in(packet, v))
    });
    if !code.allowed_in(packet, v) {
        return Err(DecodeError::InvalidReasonCode {
            packet,
            code: code.0,
        });
    }
    Ok(code)
}

/// Checks a code for encoding.
pub(crate) fn check_code(
    code: ReasonCode,
    packet: PacketType,
    v: Version,
) -> Result<(), EncodeError> {
    if code.allowed_in(packet, v) {
        Ok(())
    } else if v == Version::V311 && code.allowed_in(packet, Version::V5) {
        Err(EncodeError::NeedsV5 { packet })
    } else {
        Err(EncodeError::Invalid(DecodeError::InvalidReasonCode {
            packet,
            code: code.0,
        }))
    }
}

/// Reads a property block in 5.0; nothing in 3.1.1.
#[inline]
pub(crate) fn read_props(
    r: &mut Reader<'_, '_>,
    v: Version,
    ctx: Context,
) -> Result<Properties, DecodeError> {
    match v {
        Version::V5 => Properties::read(r, ctx),
        Version::V311 => Ok(Properties::new()),
    }
}

/// Checks a property block for encoding: none in 3.1.1, valid for `ctx` in 5.0.
#[inline]
pub(crate) fn check_props(
    p: &Properties,
    v: Version,
    ctx: Context,
    packet: PacketType,
) -> Result<(), EncodeError> {
    match v {
        Version::V311 if !p.is_empty() => Err(EncodeError::NeedsV5 { packet }),
        Version::V311 => Ok(()),
        Version::V5 => p.check_encode(ctx),
    }
}

/// Bytes a property block takes in this version.
#[inline]
pub(crate) fn props_len(p: &Properties, v: Version) -> usize {
    match v {
        Version::V5 => p.wire_len(),
        Version::V311 => 0,
    }
}

/// Writes a property block in 5.0; nothing in 3.1.1.
#[inline]
pub(crate) fn write_props(p: &Properties, v: Version, out: &mut Vec<u8>) {
    if v == Version::V5 {
        p.write(out);
    }
}
