//! SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK (§3.8–3.11).

use super::common::{check_code, check_props, props_len, read_code, read_props, write_props};
use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::properties::{Context, Properties};
use super::publish::read_packet_id;
use super::wire::{self, Reader};
use super::{PacketType, ReasonCode, Version};
use crate::core::topic::TopicFilter;
use crate::core::types::{PacketId, QoS};

/// When retained messages are sent for a new subscription (5.0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RetainHandling {
    /// Send retained messages at subscribe time.
    #[default]
    SendAtSubscribe = 0,
    /// Send them only if the subscription did not exist.
    SendIfNew = 1,
    /// Do not send them.
    DoNotSend = 2,
}

/// The options byte of one subscription.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SubscriptionOptions {
    /// Maximum QoS the subscriber accepts.
    pub qos: QoS,
    /// 5.0: do not send my own publishes back to me.
    pub no_local: bool,
    /// 5.0: keep the retain flag as published.
    pub retain_as_published: bool,
    /// 5.0: when to send retained messages.
    pub retain_handling: RetainHandling,
}

impl SubscriptionOptions {
    /// Options with only a QoS (all a 3.1.1 subscription has).
    pub fn qos(qos: QoS) -> Self {
        SubscriptionOptions {
            qos,
            ..Default::default()
        }
    }

    fn to_byte(self) -> u8 {
        self.qos.as_u8()
            | (u8::from(self.no_local) << 2)
            | (u8::from(self.retain_as_published) << 3)
            | ((self.retain_handling as u8) << 4)
    }

    fn from_byte(b: u8, v: Version) -> Result<Self, DecodeError> {
        let reserved = if v == Version::V5 { 0xC0 } else { 0xFC };
        if b & reserved != 0 {
            return Err(DecodeError::ReservedSubscriptionBits { options: b });
        }
        let qos = QoS::from_u8(b & 3).ok_or(DecodeError::InvalidQoS {
            field: FieldName::SubscriptionOptions,
        })?;
        let retain_handling = match (b >> 4) & 3 {
            0 => RetainHandling::SendAtSubscribe,
            1 => RetainHandling::SendIfNew,
            2 => RetainHandling::DoNotSend,
            _ => return Err(DecodeError::InvalidRetainHandling),
        };
        Ok(SubscriptionOptions {
            qos,
            no_local: b & 0x04 != 0,
            retain_as_published: b & 0x08 != 0,
            retain_handling,
        })
    }
}

/// Reads a topic filter, validated.
fn read_filter(r: &mut Reader<'_, '_>) -> Result<TopicFilter, DecodeError> {
    let s = r.string(FieldName::TopicFilter)?;
    TopicFilter::new(s).map_err(|error| DecodeError::InvalidTopic {
        field: FieldName::TopicFilter,
        error,
    })
}

/// SUBSCRIBE: one or more filters with their options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscribe {
    /// Packet identifier.
    pub packet_id: PacketId,
    /// 5.0 properties (subscription identifier, user properties).
    pub properties: Properties,
    /// The filters, in order.
    pub filters: Vec<(TopicFilter, SubscriptionOptions)>,
}

impl Subscribe {
    pub(crate) fn read(r: &mut Reader<'_, '_>, v: Version) -> Result<Subscribe, DecodeError> {
        let packet_id = read_packet_id(r)?;
        let properties = read_props(r, v, Context::Packet(PacketType::Subscribe))?;
        let mut filters = Vec::new();
        while r.remaining() > 0 {
            let (filter, options) = r.nested(|r| -> Result<_, DecodeError> {
                let filter = read_filter(r)?;
                let start = r.pos();
                let b = r.raw_u8(FieldName::SubscriptionOptions)?;
                r.record(start, FieldName::SubscriptionOptions, || options_text(b));
                Ok((filter, SubscriptionOptions::from_byte(b, v)?))
            })?;
            if options.no_local && filter.share_group().is_some() {
                return Err(DecodeError::NoLocalOnSharedSubscription);
            }
            filters.push((filter, options));
        }
        if filters.is_empty() {
            return Err(DecodeError::NoTopicFilters {
                packet: PacketType::Subscribe,
            });
        }
        Ok(Subscribe {
            packet_id,
            properties,
            filters,
        })
    }

    pub(crate) fn check(&self, v: Version) -> Result<(), EncodeError> {
        check_props(
            &self.properties,
            v,
            Context::Packet(PacketType::Subscribe),
            PacketType::Subscribe,
        )?;
        if self.filters.is_empty() {
            return Err(EncodeError::Invalid(DecodeError::NoTopicFilters {
                packet: PacketType::Subscribe,
            }));
        }
        for (f, o) in &self.filters {
            let v5_only = o.no_local
                || o.retain_as_published
                || o.retain_handling != RetainHandling::SendAtSubscribe;
            if v == Version::V311 && v5_only {
                return Err(EncodeError::NeedsV5 {
                    packet: PacketType::Subscribe,
                });
            }
            if o.no_local && f.share_group().is_some() {
                return Err(EncodeError::Invalid(
                    DecodeError::NoLocalOnSharedSubscription,
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        2 + props_len(&self.properties, v)
            + self
                .filters
                .iter()
                .map(|(f, _)| wire::len_string(f.as_str()) + 1)
                .sum::<usize>()
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        wire::put_u16(out, self.packet_id.get());
        write_props(&self.properties, v, out);
        for (f, o) in &self.filters {
            wire::put_string(out, f.as_str());
            out.push(o.to_byte());
        }
    }
}

/// Renders a subscription options byte.
fn options_text(b: u8) -> String {
    format!(
        "{b:08b}: qos={} no_local={} retain_as_published={} retain_handling={}",
        b & 3,
        (b >> 2) & 1,
        (b >> 3) & 1,
        (b >> 4) & 3
    )
}

/// SUBACK or UNSUBACK: one code per filter (UNSUBACK has none in 3.1.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubAck {
    /// Packet identifier of the SUBSCRIBE / UNSUBSCRIBE.
    pub packet_id: PacketId,
    /// 5.0 properties.
    pub properties: Properties,
    /// One code per filter, in order.
    pub codes: Vec<ReasonCode>,
}

impl SubAck {
    pub(crate) fn read(
        r: &mut Reader<'_, '_>,
        t: PacketType,
        v: Version,
    ) -> Result<SubAck, DecodeError> {
        let packet_id = read_packet_id(r)?;
        let properties = read_props(r, v, Context::Packet(t))?;
        let mut codes = Vec::new();
        // A 3.1.1 UNSUBACK is only the packet id: anything more is trailing bytes.
        let has_codes = !(t == PacketType::UnsubAck && v == Version::V311);
        while has_codes && r.remaining() > 0 {
            codes.push(read_code(r, FieldName::ReasonCode, t, v)?);
        }
        if codes.is_empty() && (t == PacketType::SubAck || v == Version::V5) {
            return Err(DecodeError::NoTopicFilters { packet: t });
        }
        Ok(SubAck {
            packet_id,
            properties,
            codes,
        })
    }

    pub(crate) fn check(&self, t: PacketType, v: Version) -> Result<(), EncodeError> {
        check_props(&self.properties, v, Context::Packet(t), t)?;
        if t == PacketType::UnsubAck && v == Version::V311 {
            return if self.codes.iter().all(|c| *c == ReasonCode::SUCCESS) {
                Ok(())
            } else {
                Err(EncodeError::NeedsV5 { packet: t })
            };
        }
        if self.codes.is_empty() {
            return Err(EncodeError::Invalid(DecodeError::NoTopicFilters {
                packet: t,
            }));
        }
        self.codes.iter().try_for_each(|c| check_code(*c, t, v))
    }

    /// 3.1.1 UNSUBACK carries only the packet id.
    fn codes_on_wire(&self, t: PacketType, v: Version) -> &[ReasonCode] {
        if t == PacketType::UnsubAck && v == Version::V311 {
            &[]
        } else {
            &self.codes
        }
    }

    pub(crate) fn body_len(&self, t: PacketType, v: Version) -> usize {
        2 + props_len(&self.properties, v) + self.codes_on_wire(t, v).len()
    }

    pub(crate) fn write_body(&self, t: PacketType, v: Version, out: &mut Vec<u8>) {
        wire::put_u16(out, self.packet_id.get());
        write_props(&self.properties, v, out);
        out.extend(self.codes_on_wire(t, v).iter().map(|c| c.0));
    }
}

/// UNSUBSCRIBE: one or more filters to remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsubscribe {
    /// Packet identifier.
    pub packet_id: PacketId,
    /// 5.0 properties.
    pub properties: Properties,
    /// The filters, in order.
    pub filters: Vec<TopicFilter>,
}

impl Unsubscribe {
    pub(crate) fn read(r: &mut Reader<'_, '_>, v: Version) -> Result<Unsubscribe, DecodeError> {
        let packet_id = read_packet_id(r)?;
        let properties = read_props(r, v, Context::Packet(PacketType::Unsubscribe))?;
        let mut filters = Vec::new();
        while r.remaining() > 0 {
            filters.push(r.nested(read_filter)?);
        }
        if filters.is_empty() {
            return Err(DecodeError::NoTopicFilters {
                packet: PacketType::Unsubscribe,
            });
        }
        Ok(Unsubscribe {
            packet_id,
            properties,
            filters,
        })
    }

    pub(crate) fn check(&self, v: Version) -> Result<(), EncodeError> {
        check_props(
            &self.properties,
            v,
            Context::Packet(PacketType::Unsubscribe),
            PacketType::Unsubscribe,
        )?;
        if self.filters.is_empty() {
            return Err(EncodeError::Invalid(DecodeError::NoTopicFilters {
                packet: PacketType::Unsubscribe,
            }));
        }
        Ok(())
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        2 + props_len(&self.properties, v)
            + self
                .filters
                .iter()
                .map(|f| wire::len_string(f.as_str()))
                .sum::<usize>()
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        wire::put_u16(out, self.packet_id.get());
        write_props(&self.properties, v, out);
        for f in &self.filters {
            wire::put_string(out, f.as_str());
        }
    }
}
