//! Codec errors. Each decoding error names the rule it broke (MQTT 5.0 numbering; the 3.1.1
//! statements say the same); the catalogue explains it in the user's language.

use super::field::FieldName;
use super::properties::{Context, PropertyId};
use super::PacketType;
use crate::core::topic::TopicError;
use crate::core::types::StringError;

/// A packet that cannot be decoded: malformed, or breaking a protocol rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A variable byte integer needs a fifth byte.
    MalformedVarInt {
        /// Where.
        field: FieldName,
    },
    /// The packet is larger than the agreed maximum.
    PacketTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The maximum.
        max: usize,
    },
    /// Packet type 0 (or 15 in 3.1.1) is reserved.
    ReservedPacketType {
        /// The type nibble.
        value: u8,
    },
    /// The flags nibble of byte 1 is not what the packet type requires.
    InvalidHeaderFlags {
        /// The packet.
        packet: PacketType,
        /// The flags found.
        flags: u8,
    },
    /// A field runs past the end of the packet (the remaining length is too short).
    UnexpectedEnd {
        /// The field being read.
        field: FieldName,
        /// Bytes it needed.
        needed: usize,
        /// Bytes that were left.
        left: usize,
    },
    /// Bytes are left after the last field.
    TrailingBytes {
        /// The packet.
        packet: PacketType,
        /// How many.
        extra: usize,
    },
    /// A string is not valid UTF-8.
    InvalidUtf8 {
        /// Where.
        field: FieldName,
    },
    /// A string contains U+0000.
    NullCharacter {
        /// Where.
        field: FieldName,
    },
    /// CONNECT's protocol name is not "MQTT".
    InvalidProtocolName {
        /// The name found.
        name: String,
    },
    /// A protocol level other than 4 (3.1.1) or 5 (5.0).
    UnsupportedProtocolLevel {
        /// The level found.
        level: u8,
    },
    /// CONNECT's reserved flag is set.
    ConnectReservedFlag,
    /// Will QoS or will retain set without the will flag.
    WillFlagsWithoutWill,
    /// A QoS of 3.
    InvalidQoS {
        /// Where.
        field: FieldName,
    },
    /// 3.1.1: a password without a username.
    PasswordWithoutUsername,
    /// PUBLISH with DUP set and QoS 0.
    DupWithQoS0,
    /// An invalid topic name or filter.
    InvalidTopic {
        /// Where.
        field: FieldName,
        /// Which rule.
        error: TopicError,
    },
    /// A PUBLISH with an empty topic and no topic alias.
    EmptyTopicWithoutAlias,
    /// A packet identifier of 0.
    ZeroPacketId,
    /// SUBSCRIBE or UNSUBSCRIBE with no topic filter.
    NoTopicFilters {
        /// The packet.
        packet: PacketType,
    },
    /// Reserved bits of the subscription options are set.
    ReservedSubscriptionBits {
        /// The options byte.
        options: u8,
    },
    /// Retain handling 3.
    InvalidRetainHandling,
    /// No local on a shared subscription.
    NoLocalOnSharedSubscription,
    /// CONNACK's reserved flag bits are set.
    ReservedAckFlags {
        /// The flags byte.
        flags: u8,
    },
    /// A reason code not allowed in this packet.
    InvalidReasonCode {
        /// The packet.
        packet: PacketType,
        /// The code.
        code: u8,
    },
    /// A property identifier that does not exist.
    UnknownProperty {
        /// The identifier byte.
        id: u8,
    },
    /// A property that this packet may not carry.
    PropertyNotAllowed {
        /// The property.
        property: PropertyId,
        /// Where it was found.
        ctx: Context,
    },
    /// A property given twice that may appear only once.
    DuplicateProperty {
        /// The property.
        property: PropertyId,
    },
    /// A property value outside its allowed range.
    InvalidPropertyValue {
        /// The property.
        property: PropertyId,
        /// The value found.
        value: u32,
    },
    /// AUTH exists only in MQTT 5.
    AuthInV311,
}

impl DecodeError {
    /// The normative statement broken, when the specification numbers one.
    pub fn rule(&self) -> Option<&'static str> {
        use DecodeError::*;
        Some(match self {
            MalformedVarInt { .. } => "MQTT-1.5.5-1",
            InvalidHeaderFlags { .. } => "MQTT-2.1.3-1",
            InvalidUtf8 { .. } => "MQTT-1.5.4-1",
            NullCharacter { .. } => "MQTT-1.5.4-2",
            InvalidProtocolName { .. } => "MQTT-3.1.2-1",
            UnsupportedProtocolLevel { .. } => "MQTT-3.1.2-2",
            ConnectReservedFlag => "MQTT-3.1.2-3",
            WillFlagsWithoutWill => "MQTT-3.1.2-11",
            InvalidQoS {
                field: FieldName::ConnectFlags,
            } => "MQTT-3.1.2-12",
            InvalidQoS {
                field: FieldName::SubscriptionOptions,
            } => "MQTT-3.8.3-4",
            InvalidQoS { .. } => "MQTT-3.3.1-4",
            PasswordWithoutUsername => "MQTT-3.1.2-22",
            DupWithQoS0 => "MQTT-3.3.1-2",
            InvalidTopic { error, .. } => error.rule(),
            EmptyTopicWithoutAlias => "MQTT-3.3.2-1",
            ZeroPacketId => "MQTT-2.2.1-3",
            NoTopicFilters {
                packet: PacketType::Unsubscribe,
            } => "MQTT-3.10.3-2",
            NoTopicFilters { .. } => "MQTT-3.8.3-2",
            ReservedSubscriptionBits { .. } => "MQTT-3.8.3-5",
            NoLocalOnSharedSubscription => "MQTT-3.8.3-4",
            ReservedAckFlags { .. } => "MQTT-3.2.2-1",
            PacketTooLarge { .. }
            | ReservedPacketType { .. }
            | UnexpectedEnd { .. }
            | TrailingBytes { .. }
            | InvalidRetainHandling
            | InvalidReasonCode { .. }
            | UnknownProperty { .. }
            | PropertyNotAllowed { .. }
            | DuplicateProperty { .. }
            | InvalidPropertyValue { .. }
            | AuthInV311 => return None,
        })
    }

    /// The MQTT 5 reason code a receiver reports for it: malformed packet or protocol error.
    pub fn reason_code(&self) -> super::ReasonCode {
        use DecodeError::*;
        match self {
            PacketTooLarge { .. } => super::ReasonCode::PACKET_TOO_LARGE,
            InvalidTopic {
                field: FieldName::TopicFilter,
                ..
            } => super::ReasonCode::TOPIC_FILTER_INVALID,
            InvalidTopic { .. } => super::ReasonCode::TOPIC_NAME_INVALID,
            // [MQTT-3.3.2-8]: alias 0 is "Topic Alias invalid", as one past the maximum is.
            InvalidPropertyValue {
                property: super::PropertyId::TopicAlias,
                ..
            } => super::ReasonCode::TOPIC_ALIAS_INVALID,
            UnsupportedProtocolLevel { .. } | InvalidProtocolName { .. } => {
                super::ReasonCode::UNSUPPORTED_PROTOCOL_VERSION
            }
            DuplicateProperty { .. }
            | PropertyNotAllowed { .. }
            | InvalidPropertyValue { .. }
            | EmptyTopicWithoutAlias
            | NoLocalOnSharedSubscription
            | InvalidRetainHandling
            | ZeroPacketId => super::ReasonCode::PROTOCOL_ERROR,
            _ => super::ReasonCode::MALFORMED_PACKET,
        }
    }
}

/// A packet that cannot be encoded as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// A string field is not an MQTT string.
    String {
        /// Which field.
        field: FieldName,
        /// Why.
        error: StringError,
    },
    /// Binary data over 65 535 bytes.
    BinaryTooLong {
        /// Which field.
        field: FieldName,
    },
    /// The encoded packet would exceed 268 435 455 bytes of remaining length.
    PacketTooLarge,
    /// The packet breaks a rule the decoder enforces (so it would be refused).
    Invalid(DecodeError),
    /// A property problem.
    Property(DecodeError),
    /// Something that exists only in MQTT 5 (properties, reason codes, AUTH) asked of 3.1.1.
    NeedsV5 {
        /// The packet.
        packet: PacketType,
    },
}
