//! MQTT 5 properties (spec §2.2.2): every identifier, where each is allowed, value rules.

use bytes::Bytes;

use super::common::{check_binary, check_string};
use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::wire::{self, Reader, MAX_VARINT};
use super::PacketType;

/// Where a property block appears: a packet type, or the will properties of CONNECT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The properties of a packet.
    Packet(PacketType),
    /// The will properties inside CONNECT's payload.
    Will,
}

impl Context {
    const fn bit(self) -> u16 {
        match self {
            Context::Packet(t) => 1 << (t as u8),
            Context::Will => 1,
        }
    }
}

const fn mask(types: &[PacketType], will: bool) -> u16 {
    let mut m = if will { 1 } else { 0 };
    let mut i = 0;
    while i < types.len() {
        m |= 1 << (types[i] as u8);
        i += 1;
    }
    m
}

use PacketType as T;

macro_rules! properties {
    ($($(#[$doc:meta])* $code:literal $name:ident($kind:ident) $label:literal,
        [$($t:ident),*] $(+ $will:ident)?;)*) => {
        /// A property identifier.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum PropertyId {
            $($(#[$doc])* $name = $code,)*
        }

        /// A property with its value.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Property {
            $($(#[$doc])* $name(kind_type!($kind)),)*
        }

        impl PropertyId {
            /// The identifier for a byte, if it names a property.
            pub fn from_u8(id: u8) -> Option<PropertyId> {
                match id {
                    $($code => Some(PropertyId::$name),)*
                    _ => None,
                }
            }

            /// The specification's name.
            pub fn name(self) -> &'static str {
                match self { $(PropertyId::$name => $label,)* }
            }

            /// The packets (and will) that may carry it.
            fn allowed(self) -> u16 {
                match self { $(PropertyId::$name => mask(&[$(T::$t),*], false $(|| stringify!($will) == "Will")?),)* }
            }
        }

        impl Property {
            /// Its identifier.
            pub fn id(&self) -> PropertyId {
                match self { $(Property::$name(_) => PropertyId::$name,)* }
            }

            fn read(id: PropertyId, r: &mut Reader<'_, '_>) -> Result<Property, DecodeError> {
                let field = FieldName::Property(id);
                Ok(match id { $(PropertyId::$name => Property::$name(read_kind!(r, $kind, field)),)* })
            }

            fn body_len(&self) -> usize {
                match self { $(Property::$name(v) => len_kind!($kind, v),)* }
            }

            fn write(&self, out: &mut Vec<u8>) {
                out.push(self.id() as u8);
                match self { $(Property::$name(v) => put_kind!(out, $kind, v),)* }
            }
        }
    };
}

macro_rules! kind_type {
    (byte) => {
        u8
    };
    (u16) => {
        u16
    };
    (u32) => {
        u32
    };
    (varint) => {
        u32
    };
    (string) => {
        String
    };
    (binary) => {
        Bytes
    };
    (pair) => {
        (String, String)
    };
}
macro_rules! read_kind {
    ($r:ident, pair, $f:ident) => {
        $r.pair($f)?
    };
    ($r:ident, $kind:ident, $f:ident) => {
        $r.$kind($f)?
    };
}
macro_rules! len_kind {
    (byte, $v:ident) => {{
        let _ = $v;
        1
    }};
    (u16, $v:ident) => {{
        let _ = $v;
        2
    }};
    (u32, $v:ident) => {{
        let _ = $v;
        4
    }};
    (varint, $v:ident) => {
        wire::len_varint(*$v)
    };
    (string, $v:ident) => {
        wire::len_string($v)
    };
    (binary, $v:ident) => {
        wire::len_binary($v)
    };
    (pair, $v:ident) => {
        wire::len_string(&$v.0) + wire::len_string(&$v.1)
    };
}
macro_rules! put_kind {
    ($o:ident, byte, $v:ident) => {
        $o.push(*$v)
    };
    ($o:ident, u16, $v:ident) => {
        wire::put_u16($o, *$v)
    };
    ($o:ident, u32, $v:ident) => {
        wire::put_u32($o, *$v)
    };
    ($o:ident, varint, $v:ident) => {
        wire::put_varint($o, *$v)
    };
    ($o:ident, string, $v:ident) => {
        wire::put_string($o, $v)
    };
    ($o:ident, binary, $v:ident) => {
        wire::put_binary($o, $v)
    };
    ($o:ident, pair, $v:ident) => {{
        wire::put_string($o, &$v.0);
        wire::put_string($o, &$v.1)
    }};
}

properties! {
    /// 0 = unspecified bytes, 1 = UTF-8 text.
    0x01 PayloadFormatIndicator(byte) "Payload Format Indicator", [Publish] + Will;
    /// Seconds the message lives.
    0x02 MessageExpiryInterval(u32) "Message Expiry Interval", [Publish] + Will;
    /// MIME type of the payload.
    0x03 ContentType(string) "Content Type", [Publish] + Will;
    /// Topic for a response.
    0x08 ResponseTopic(string) "Response Topic", [Publish] + Will;
    /// Ties a response to its request.
    0x09 CorrelationData(binary) "Correlation Data", [Publish] + Will;
    /// Identifies the subscription(s) a delivery matched.
    0x0B SubscriptionIdentifier(varint) "Subscription Identifier", [Publish, Subscribe];
    /// Seconds the session outlives the connection.
    0x11 SessionExpiryInterval(u32) "Session Expiry Interval", [Connect, ConnAck, Disconnect];
    /// Client id chosen by the server.
    0x12 AssignedClientIdentifier(string) "Assigned Client Identifier", [ConnAck];
    /// Keep-alive imposed by the server.
    0x13 ServerKeepAlive(u16) "Server Keep Alive", [ConnAck];
    /// Extended authentication method.
    0x15 AuthenticationMethod(string) "Authentication Method", [Connect, ConnAck, Auth];
    /// Extended authentication data.
    0x16 AuthenticationData(binary) "Authentication Data", [Connect, ConnAck, Auth];
    /// Whether reason strings may be sent.
    0x17 RequestProblemInformation(byte) "Request Problem Information", [Connect];
    /// Seconds to wait before sending the will.
    0x18 WillDelayInterval(u32) "Will Delay Interval", [] + Will;
    /// Whether response information is wanted.
    0x19 RequestResponseInformation(byte) "Request Response Information", [Connect];
    /// Basis for response topics.
    0x1A ResponseInformation(string) "Response Information", [ConnAck];
    /// Another server to use.
    0x1C ServerReference(string) "Server Reference", [ConnAck, Disconnect];
    /// Human-readable reason.
    0x1F ReasonString(string) "Reason String", [ConnAck, PubAck, PubRec, PubRel, PubComp, SubAck, UnsubAck, Disconnect, Auth];
    /// In-flight QoS 1/2 limit.
    0x21 ReceiveMaximum(u16) "Receive Maximum", [Connect, ConnAck];
    /// Highest topic alias accepted.
    0x22 TopicAliasMaximum(u16) "Topic Alias Maximum", [Connect, ConnAck];
    /// A number standing for a topic.
    0x23 TopicAlias(u16) "Topic Alias", [Publish];
    /// Highest QoS the server supports.
    0x24 MaximumQoS(byte) "Maximum QoS", [ConnAck];
    /// Whether retained messages are supported.
    0x25 RetainAvailable(byte) "Retain Available", [ConnAck];
    /// A free name/value pair.
    0x26 UserProperty(pair) "User Property", [Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck, Unsubscribe, UnsubAck, Disconnect, Auth] + Will;
    /// Largest packet accepted.
    0x27 MaximumPacketSize(u32) "Maximum Packet Size", [Connect, ConnAck];
    /// Whether wildcards may be used.
    0x28 WildcardSubscriptionAvailable(byte) "Wildcard Subscription Available", [ConnAck];
    /// Whether subscription identifiers are supported.
    0x29 SubscriptionIdentifierAvailable(byte) "Subscription Identifier Available", [ConnAck];
    /// Whether shared subscriptions are supported.
    0x2A SharedSubscriptionAvailable(byte) "Shared Subscription Available", [ConnAck];
}

impl Property {
    /// The value as a number, for the value checks (strings and pairs give `None`).
    fn number(&self) -> Option<u32> {
        use Property::*;
        match self {
            PayloadFormatIndicator(v)
            | RequestProblemInformation(v)
            | RequestResponseInformation(v)
            | MaximumQoS(v)
            | RetainAvailable(v)
            | WildcardSubscriptionAvailable(v)
            | SubscriptionIdentifierAvailable(v)
            | SharedSubscriptionAvailable(v) => Some(u32::from(*v)),
            ServerKeepAlive(v) | ReceiveMaximum(v) | TopicAliasMaximum(v) | TopicAlias(v) => {
                Some(u32::from(*v))
            }
            MessageExpiryInterval(v)
            | SubscriptionIdentifier(v)
            | SessionExpiryInterval(v)
            | WillDelayInterval(v)
            | MaximumPacketSize(v) => Some(*v),
            _ => None,
        }
    }

    /// Checks the value rules of §3: booleans are 0 or 1, some values may not be 0.
    fn check_value(&self) -> Result<(), (PropertyId, u32)> {
        use PropertyId::*;
        let Some(v) = self.number() else {
            return Ok(());
        };
        let ok = match self.id() {
            PayloadFormatIndicator
            | RequestProblemInformation
            | RequestResponseInformation
            | MaximumQoS
            | RetainAvailable
            | WildcardSubscriptionAvailable
            | SubscriptionIdentifierAvailable
            | SharedSubscriptionAvailable => v <= 1,
            ReceiveMaximum | MaximumPacketSize | TopicAlias => v != 0,
            SubscriptionIdentifier => (1..=MAX_VARINT).contains(&v),
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err((self.id(), v))
        }
    }

    /// The value rendered for the dissection tree.
    pub fn value_text(&self) -> String {
        use Property::*;
        match self {
            ContentType(s)
            | ResponseTopic(s)
            | AssignedClientIdentifier(s)
            | AuthenticationMethod(s)
            | ResponseInformation(s)
            | ServerReference(s)
            | ReasonString(s) => format!("{s:?}"),
            CorrelationData(b) | AuthenticationData(b) => wire::hex_preview(b),
            UserProperty((k, v)) => format!("{k:?} = {v:?}"),
            other => other.number().unwrap_or_default().to_string(),
        }
    }
}

/// The properties of a packet, in wire order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties(pub Vec<Property>);

impl Properties {
    /// No properties.
    pub fn new() -> Self {
        Properties(Vec::new())
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first property with this identifier.
    pub fn get(&self, id: PropertyId) -> Option<&Property> {
        self.0.iter().find(|p| p.id() == id)
    }

    /// Adds a property (builder style).
    pub fn with(mut self, p: Property) -> Self {
        self.0.push(p);
        self
    }

    /// The user properties, in order.
    pub fn user_properties(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|p| match p {
            Property::UserProperty((k, v)) => Some((k.as_str(), v.as_str())),
            _ => None,
        })
    }

    /// A `u16`-valued property (Receive Maximum, Topic Alias Maximum, Server Keep Alive…).
    pub fn u16(&self, id: PropertyId) -> Option<u16> {
        self.u32(id).and_then(|n| u16::try_from(n).ok())
    }

    /// A `u32`-valued property (expiry intervals, maximum packet size).
    pub fn u32(&self, id: PropertyId) -> Option<u32> {
        self.get(id).and_then(Property::number)
    }

    /// Bytes of the properties without their length prefix.
    pub(crate) fn body_len(&self) -> usize {
        self.0.iter().map(|p| 1 + p.body_len()).sum()
    }

    /// Bytes with the length prefix.
    pub(crate) fn wire_len(&self) -> usize {
        let body = self.body_len();
        wire::len_varint(body as u32) + body
    }

    /// Reads a property block (length + properties) and checks it for `ctx` [MQTT-2.2.2-1].
    pub(crate) fn read(r: &mut Reader<'_, '_>, ctx: Context) -> Result<Properties, DecodeError> {
        let len = r.varint(FieldName::PropertyLength)? as usize;
        if len > r.remaining() {
            return Err(DecodeError::UnexpectedEnd {
                field: FieldName::PropertyLength,
                needed: len,
                left: r.remaining(),
            });
        }
        let end = r.pos() + len;
        let mut props = Vec::new();
        let mut seen: u64 = 0;
        r.nested(|r| {
            while r.pos() < end {
                let start = r.pos();
                let code = r.raw_u8(FieldName::PropertyLength)?;
                let id =
                    PropertyId::from_u8(code).ok_or(DecodeError::UnknownProperty { id: code })?;
                let p = Property::read(id, r)?;
                if r.pos() > end {
                    return Err(DecodeError::UnexpectedEnd {
                        field: FieldName::Property(id),
                        needed: r.pos() - start,
                        left: end - start,
                    });
                }
                r.record_whole(start, FieldName::Property(id), || p.value_text());
                check(&p, ctx, &mut seen)?;
                props.push(p);
            }
            Ok(Properties(props))
        })
    }

    /// Checks a block for encoding in `ctx` (the same rules as decoding).
    pub(crate) fn check_encode(&self, ctx: Context) -> Result<(), EncodeError> {
        let mut seen = 0;
        for p in &self.0 {
            check(p, ctx, &mut seen).map_err(EncodeError::Property)?;
            let field = FieldName::Property(p.id());
            use Property::*;
            match p {
                ContentType(s)
                | ResponseTopic(s)
                | AssignedClientIdentifier(s)
                | AuthenticationMethod(s)
                | ResponseInformation(s)
                | ServerReference(s)
                | ReasonString(s) => check_string(s, field)?,
                UserProperty((k, v)) => {
                    check_string(k, field)?;
                    check_string(v, field)?;
                }
                CorrelationData(b) | AuthenticationData(b) => check_binary(b, field)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Writes length + properties.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        wire::put_varint(out, self.body_len() as u32);
        for p in &self.0 {
            p.write(out);
        }
    }
}

impl PropertyId {
    /// Whether a property block in `ctx` may carry this property.
    pub fn allowed_in(self, ctx: Context) -> bool {
        self.allowed() & ctx.bit() != 0
    }

    /// Whether it may appear more than once in `ctx` (user properties; subscription
    /// identifiers in PUBLISH).
    pub fn repeatable_in(self, ctx: Context) -> bool {
        self == PropertyId::UserProperty
            || (self == PropertyId::SubscriptionIdentifier
                && ctx == Context::Packet(PacketType::Publish))
    }
}

/// Checks one property against its context, the duplicates seen so far and its value rules.
fn check(p: &Property, ctx: Context, seen: &mut u64) -> Result<(), DecodeError> {
    let id = p.id();
    if id.allowed() & ctx.bit() == 0 {
        return Err(DecodeError::PropertyNotAllowed { property: id, ctx });
    }
    let repeatable = id == PropertyId::UserProperty
        || (id == PropertyId::SubscriptionIdentifier
            && ctx == Context::Packet(PacketType::Publish));
    let bit = 1u64 << (id as u8);
    if *seen & bit != 0 && !repeatable {
        return Err(DecodeError::DuplicateProperty { property: id });
    }
    *seen |= bit;
    if let Property::ResponseTopic(t) = p {
        crate::core::topic::TopicName::new(t.as_str()).map_err(|error| {
            DecodeError::InvalidTopic {
                field: FieldName::Property(id),
                error,
            }
        })?;
    }
    p.check_value()
        .map_err(|(property, value)| DecodeError::InvalidPropertyValue { property, value })
}
