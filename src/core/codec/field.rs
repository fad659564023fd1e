//! Dissection: the field map of a packet, like a Wireshark tree. Each [`Field`] covers a byte
//! range, names the field and gives its decoded value; [`FieldName`] explains it in every language.

use std::ops::Range;

use super::properties::PropertyId;

/// One dissected field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Byte offsets within the packet.
    pub range: Range<usize>,
    /// Nesting depth: 0 for top-level fields, 1 inside properties or list items.
    pub depth: u8,
    /// What the field is.
    pub name: FieldName,
    /// The decoded value, rendered (numbers, quoted strings, hex, flags).
    pub value: String,
}

macro_rules! field_names {
    ($($(#[$doc:meta])* $key:ident,)*) => {
        /// The name of a dissected field (also used to say where a decoding error occurred).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FieldName {
            $($(#[$doc])* $key,)*
            /// An MQTT 5 property.
            Property(PropertyId),
        }
    };
}

field_names! {
    /// Byte 1: packet type and flags.
    FixedHeader,
    /// The variable byte integer after byte 1.
    RemainingLength,
    /// "MQTT" in CONNECT.
    ProtocolName,
    /// 4 for 3.1.1, 5 for 5.0.
    ProtocolLevel,
    /// CONNECT flags byte.
    ConnectFlags,
    /// Keep-alive seconds.
    KeepAlive,
    /// Length of a properties block.
    PropertyLength,
    /// The client identifier.
    ClientId,
    /// Will topic.
    WillTopic,
    /// Will payload.
    WillPayload,
    /// Username.
    Username,
    /// Password.
    Password,
    /// CONNACK acknowledge flags.
    AckFlags,
    /// 3.1.1 CONNACK return code.
    ReturnCode,
    /// A reason code.
    ReasonCode,
    /// A topic name.
    TopicName,
    /// A packet identifier.
    PacketId,
    /// The application message.
    Payload,
    /// A topic filter.
    TopicFilter,
    /// Subscription options byte.
    SubscriptionOptions,
}
