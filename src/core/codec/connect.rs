//! CONNECT (§3.1) and CONNACK (§3.2).

use bytes::Bytes;

use super::common::{
    check_binary, check_code, check_props, check_string, props_len, read_code, read_props,
    read_topic_name, write_props,
};
use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::properties::{Context, Properties};
use super::wire::{self, Reader};
use super::{PacketType, ReasonCode, Version};
use crate::core::topic::TopicName;
use crate::core::types::{ClientId, QoS};

/// The last will: published by the broker if the client vanishes without DISCONNECT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Will {
    /// Where it is published.
    pub topic: TopicName,
    /// What is published.
    pub payload: Bytes,
    /// Its QoS.
    pub qos: QoS,
    /// Whether it is retained.
    pub retain: bool,
    /// MQTT 5 will properties (will delay, expiry, content type…).
    pub properties: Properties,
}

/// CONNECT: the first packet a client sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connect {
    /// 3.1.1 or 5.0 (protocol level 4 or 5).
    pub version: Version,
    /// Clean session (3.1.1) / clean start (5.0).
    pub clean_start: bool,
    /// Keep-alive in seconds (0 = off).
    pub keep_alive: u16,
    /// MQTT 5 properties.
    pub properties: Properties,
    /// The client identifier (may be empty).
    pub client_id: ClientId,
    /// The will, if any.
    pub will: Option<Will>,
    /// User name.
    pub username: Option<String>,
    /// Password (binary data in MQTT).
    pub password: Option<Bytes>,
}

impl Connect {
    /// A CONNECT with defaults: clean start, keep-alive 60 s, no will, no credentials.
    pub fn new(version: Version, client_id: ClientId) -> Connect {
        Connect {
            version,
            clean_start: true,
            keep_alive: 60,
            properties: Properties::new(),
            client_id,
            will: None,
            username: None,
            password: None,
        }
    }

    pub(crate) fn read(r: &mut Reader<'_, '_>) -> Result<Connect, DecodeError> {
        let start = r.pos();
        let name = r.str_at(FieldName::ProtocolName)?;
        r.record(start, FieldName::ProtocolName, || format!("{name:?}"));
        if name != "MQTT" {
            return Err(DecodeError::InvalidProtocolName { name: name.into() });
        }
        let level = r.byte(FieldName::ProtocolLevel)?;
        let version = match level {
            4 => Version::V311,
            5 => Version::V5,
            _ => return Err(DecodeError::UnsupportedProtocolLevel { level }),
        };
        let start = r.pos();
        let flags = r.raw_u8(FieldName::ConnectFlags)?;
        r.record(start, FieldName::ConnectFlags, || connect_flags_text(flags));
        if flags & 0x01 != 0 {
            return Err(DecodeError::ConnectReservedFlag);
        }
        let will_flag = flags & 0x04 != 0;
        let will_qos = QoS::from_u8((flags >> 3) & 0x03).ok_or(DecodeError::InvalidQoS {
            field: FieldName::ConnectFlags,
        })?;
        let will_retain = flags & 0x20 != 0;
        if !will_flag && (will_qos != QoS::AtMostOnce || will_retain) {
            return Err(DecodeError::WillFlagsWithoutWill);
        }
        let (has_password, has_username) = (flags & 0x40 != 0, flags & 0x80 != 0);
        if version == Version::V311 && has_password && !has_username {
            return Err(DecodeError::PasswordWithoutUsername);
        }
        let keep_alive = r.u16(FieldName::KeepAlive)?;
        let properties = read_props(r, version, Context::Packet(PacketType::Connect))?;
        let client_id = ClientId::new(r.string(FieldName::ClientId)?).map_err(|_| {
            DecodeError::NullCharacter {
                field: FieldName::ClientId,
            }
        })?;
        let will = if will_flag {
            let properties = read_props(r, version, Context::Will)?;
            let topic = read_topic_name(r, FieldName::WillTopic)?;
            let payload = r.binary(FieldName::WillPayload)?;
            Some(Will {
                topic,
                payload,
                qos: will_qos,
                retain: will_retain,
                properties,
            })
        } else {
            None
        };
        let username = has_username
            .then(|| r.string(FieldName::Username))
            .transpose()?;
        let password = if has_password {
            let start = r.pos();
            let len = r.raw_u16(FieldName::Password)? as usize;
            let bytes = r.take(len, FieldName::Password)?;
            r.record(start, FieldName::Password, || wire::hex_preview(bytes));
            Some(Bytes::copy_from_slice(bytes))
        } else {
            None
        };
        Ok(Connect {
            version,
            clean_start: flags & 0x02 != 0,
            keep_alive,
            properties,
            client_id,
            will,
            username,
            password,
        })
    }

    pub(crate) fn check(&self) -> Result<(), EncodeError> {
        let v = self.version;
        check_props(
            &self.properties,
            v,
            Context::Packet(PacketType::Connect),
            PacketType::Connect,
        )?;
        if let Some(will) = &self.will {
            check_props(&will.properties, v, Context::Will, PacketType::Connect)?;
            check_binary(&will.payload, FieldName::WillPayload)?;
        }
        if let Some(u) = &self.username {
            check_string(u, FieldName::Username)?;
        }
        if let Some(p) = &self.password {
            check_binary(p, FieldName::Password)?;
            if v == Version::V311 && self.username.is_none() {
                return Err(EncodeError::Invalid(DecodeError::PasswordWithoutUsername));
            }
        }
        Ok(())
    }

    pub(crate) fn body_len(&self) -> usize {
        let v = self.version;
        let mut n = wire::len_string("MQTT") + 1 + 1 + 2 + props_len(&self.properties, v);
        n += wire::len_string(self.client_id.as_str());
        if let Some(w) = &self.will {
            n += props_len(&w.properties, v)
                + wire::len_string(w.topic.as_str())
                + wire::len_binary(&w.payload);
        }
        n += self.username.as_deref().map_or(0, wire::len_string);
        n += self.password.as_deref().map_or(0, wire::len_binary);
        n
    }

    pub(crate) fn write_body(&self, out: &mut Vec<u8>) {
        let v = self.version;
        wire::put_string(out, "MQTT");
        out.push(v as u8);
        let mut flags = 0u8;
        flags |= u8::from(self.clean_start) << 1;
        if let Some(w) = &self.will {
            flags |= 0x04 | (w.qos.as_u8() << 3) | (u8::from(w.retain) << 5);
        }
        flags |= u8::from(self.password.is_some()) << 6;
        flags |= u8::from(self.username.is_some()) << 7;
        out.push(flags);
        wire::put_u16(out, self.keep_alive);
        write_props(&self.properties, v, out);
        wire::put_string(out, self.client_id.as_str());
        if let Some(w) = &self.will {
            write_props(&w.properties, v, out);
            wire::put_string(out, w.topic.as_str());
            wire::put_binary(out, &w.payload);
        }
        if let Some(u) = &self.username {
            wire::put_string(out, u);
        }
        if let Some(p) = &self.password {
            wire::put_binary(out, p);
        }
    }
}

/// Renders the CONNECT flags byte for the dissection tree.
fn connect_flags_text(f: u8) -> String {
    format!(
        "{f:08b}: username={} password={} will_retain={} will_qos={} will={} clean_start={} reserved={}",
        f >> 7,
        (f >> 6) & 1,
        (f >> 5) & 1,
        (f >> 3) & 3,
        (f >> 2) & 1,
        (f >> 1) & 1,
        f & 1
    )
}

/// CONNACK: the broker's answer to CONNECT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnAck {
    /// The broker resumed a stored session.
    pub session_present: bool,
    /// 3.1.1 return code (0–5) or 5.0 reason code.
    pub code: ReasonCode,
    /// MQTT 5 properties.
    pub properties: Properties,
}

impl ConnAck {
    pub(crate) fn read(r: &mut Reader<'_, '_>, v: Version) -> Result<ConnAck, DecodeError> {
        let start = r.pos();
        let flags = r.raw_u8(FieldName::AckFlags)?;
        r.record(start, FieldName::AckFlags, || {
            format!("{flags:08b}: session_present={}", flags & 1)
        });
        if flags & 0xFE != 0 {
            return Err(DecodeError::ReservedAckFlags { flags });
        }
        let field = if v == Version::V5 {
            FieldName::ReasonCode
        } else {
            FieldName::ReturnCode
        };
        let code = read_code(r, field, PacketType::ConnAck, v)?;
        let properties = read_props(r, v, Context::Packet(PacketType::ConnAck))?;
        Ok(ConnAck {
            session_present: flags & 1 != 0,
            code,
            properties,
        })
    }

    pub(crate) fn check(&self, v: Version) -> Result<(), EncodeError> {
        check_code(self.code, PacketType::ConnAck, v)?;
        check_props(
            &self.properties,
            v,
            Context::Packet(PacketType::ConnAck),
            PacketType::ConnAck,
        )
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        2 + props_len(&self.properties, v)
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        out.push(u8::from(self.session_present));
        out.push(self.code.0);
        write_props(&self.properties, v, out);
    }
}
