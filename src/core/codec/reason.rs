//! Reason codes (MQTT 5 §2.4) and 3.1.1 return codes, with the packets each may appear in.

use std::fmt;

use super::{PacketType, Version};

/// A reason code byte. Below 0x80 is success; 0x80 and above is failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ReasonCode(pub u8);

/// What a reason code (or a 3.1.1 return code) means where it appears: the numbering is the
/// protocol's business, decided here once; the catalogue words each meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// 0x00 in most packets.
    Success,
    /// 0x00 in a 5.0 CONNACK.
    Accepted,
    /// 0x00 in a SUBACK.
    GrantedQos0,
    /// 0x00 in a DISCONNECT.
    NormalDisconnection,
    /// 3.1.1 CONNACK 0.
    V311Accepted,
    /// 3.1.1 CONNACK 1.
    V311UnacceptableProtocolVersion,
    /// 3.1.1 CONNACK 2.
    V311IdentifierRejected,
    /// 3.1.1 CONNACK 3.
    V311ServerUnavailable,
    /// 3.1.1 CONNACK 4.
    V311BadUserNameOrPassword,
    /// 3.1.1 CONNACK 5.
    V311NotAuthorized,
    /// 3.1.1 SUBACK 0x80.
    V311SubscribeFailure,
    /// A code with no meaning in MQTT.
    Unknown,
    /// A 5.0 reason code, by its specification name (§2.4).
    V5(V5Meaning),
}

macro_rules! v5_meanings {
    ($($name:ident = $code:literal,)*) => {
        /// The 5.0 reason codes other than 0x00, by their specification names.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum V5Meaning {
            $($name,)*
        }

        fn v5_meaning(code: u8) -> Option<V5Meaning> {
            match code {
                $($code => Some(V5Meaning::$name),)*
                _ => None,
            }
        }
    };
}

v5_meanings! {
    GrantedQos1 = 0x01,
    GrantedQos2 = 0x02,
    DisconnectWithWill = 0x04,
    NoMatchingSubscribers = 0x10,
    NoSubscriptionExisted = 0x11,
    ContinueAuthentication = 0x18,
    ReAuthenticate = 0x19,
    UnspecifiedError = 0x80,
    MalformedPacket = 0x81,
    ProtocolError = 0x82,
    ImplementationSpecificError = 0x83,
    UnsupportedProtocolVersion = 0x84,
    ClientIdNotValid = 0x85,
    BadUserNameOrPassword = 0x86,
    NotAuthorized = 0x87,
    ServerUnavailable = 0x88,
    ServerBusy = 0x89,
    Banned = 0x8A,
    ServerShuttingDown = 0x8B,
    BadAuthenticationMethod = 0x8C,
    KeepAliveTimeout = 0x8D,
    SessionTakenOver = 0x8E,
    TopicFilterInvalid = 0x8F,
    TopicNameInvalid = 0x90,
    PacketIdInUse = 0x91,
    PacketIdNotFound = 0x92,
    ReceiveMaximumExceeded = 0x93,
    TopicAliasInvalid = 0x94,
    PacketTooLarge = 0x95,
    MessageRateTooHigh = 0x96,
    QuotaExceeded = 0x97,
    AdministrativeAction = 0x98,
    PayloadFormatInvalid = 0x99,
    RetainNotSupported = 0x9A,
    QosNotSupported = 0x9B,
    UseAnotherServer = 0x9C,
    ServerMoved = 0x9D,
    SharedSubscriptionsNotSupported = 0x9E,
    ConnectionRateExceeded = 0x9F,
    MaximumConnectTime = 0xA0,
    SubscriptionIdsNotSupported = 0xA1,
    WildcardSubscriptionsNotSupported = 0xA2,
}

impl ReasonCode {
    /// What this code means in a packet of this type and version.
    pub fn meaning(self, packet: PacketType, version: Version) -> Meaning {
        use PacketType as P;
        match (version, packet, self.0) {
            (Version::V311, P::ConnAck, 0) => Meaning::V311Accepted,
            (Version::V311, P::ConnAck, 1) => Meaning::V311UnacceptableProtocolVersion,
            (Version::V311, P::ConnAck, 2) => Meaning::V311IdentifierRejected,
            (Version::V311, P::ConnAck, 3) => Meaning::V311ServerUnavailable,
            (Version::V311, P::ConnAck, 4) => Meaning::V311BadUserNameOrPassword,
            (Version::V311, P::ConnAck, 5) => Meaning::V311NotAuthorized,
            (Version::V311, P::SubAck, 0x80) => Meaning::V311SubscribeFailure,
            (_, P::SubAck, 0) => Meaning::GrantedQos0,
            (_, P::Disconnect, 0) => Meaning::NormalDisconnection,
            (_, P::ConnAck, 0) => Meaning::Accepted,
            (_, _, 0) => Meaning::Success,
            (_, _, c) => v5_meaning(c).map_or(Meaning::Unknown, Meaning::V5),
        }
    }

    /// Success / normal disconnection / granted QoS 0.
    pub const SUCCESS: ReasonCode = ReasonCode(0x00);
    /// Granted QoS 1.
    pub const GRANTED_QOS_1: ReasonCode = ReasonCode(0x01);
    /// Granted QoS 2.
    pub const GRANTED_QOS_2: ReasonCode = ReasonCode(0x02);
    /// Disconnect with will message.
    pub const DISCONNECT_WITH_WILL: ReasonCode = ReasonCode(0x04);
    /// No matching subscribers.
    pub const NO_MATCHING_SUBSCRIBERS: ReasonCode = ReasonCode(0x10);
    /// No subscription existed.
    pub const NO_SUBSCRIPTION_EXISTED: ReasonCode = ReasonCode(0x11);
    /// Continue authentication.
    pub const CONTINUE_AUTHENTICATION: ReasonCode = ReasonCode(0x18);
    /// Unspecified error (3.1.1 SUBACK failure too).
    pub const UNSPECIFIED_ERROR: ReasonCode = ReasonCode(0x80);
    /// Malformed packet.
    pub const MALFORMED_PACKET: ReasonCode = ReasonCode(0x81);
    /// Protocol error.
    pub const PROTOCOL_ERROR: ReasonCode = ReasonCode(0x82);
    /// Unsupported protocol version.
    pub const UNSUPPORTED_PROTOCOL_VERSION: ReasonCode = ReasonCode(0x84);
    /// Client identifier not valid.
    pub const CLIENT_ID_NOT_VALID: ReasonCode = ReasonCode(0x85);
    /// Bad user name or password.
    pub const BAD_USERNAME_OR_PASSWORD: ReasonCode = ReasonCode(0x86);
    /// Not authorized.
    pub const NOT_AUTHORIZED: ReasonCode = ReasonCode(0x87);
    /// Keep alive timeout.
    pub const KEEP_ALIVE_TIMEOUT: ReasonCode = ReasonCode(0x8D);
    /// Session taken over.
    pub const SESSION_TAKEN_OVER: ReasonCode = ReasonCode(0x8E);
    /// Topic filter invalid.
    pub const TOPIC_FILTER_INVALID: ReasonCode = ReasonCode(0x8F);
    /// Topic name invalid.
    pub const TOPIC_NAME_INVALID: ReasonCode = ReasonCode(0x90);
    /// Packet identifier not found.
    pub const PACKET_ID_NOT_FOUND: ReasonCode = ReasonCode(0x92);
    /// Receive maximum exceeded.
    pub const RECEIVE_MAXIMUM_EXCEEDED: ReasonCode = ReasonCode(0x93);
    /// Topic alias invalid.
    pub const TOPIC_ALIAS_INVALID: ReasonCode = ReasonCode(0x94);
    /// Packet too large.
    pub const PACKET_TOO_LARGE: ReasonCode = ReasonCode(0x95);
    /// Quota exceeded.
    pub const QUOTA_EXCEEDED: ReasonCode = ReasonCode(0x97);

    /// True for success codes (below 0x80).
    pub fn is_success(self) -> bool {
        self.0 < 0x80
    }

    /// The specification's name (MQTT 5 meaning).
    pub fn name(self) -> &'static str {
        match self.0 {
            0x00 => "Success",
            0x01 => "Granted QoS 1",
            0x02 => "Granted QoS 2",
            0x04 => "Disconnect with Will Message",
            0x10 => "No matching subscribers",
            0x11 => "No subscription existed",
            0x18 => "Continue authentication",
            0x19 => "Re-authenticate",
            0x80 => "Unspecified error",
            0x81 => "Malformed Packet",
            0x82 => "Protocol Error",
            0x83 => "Implementation specific error",
            0x84 => "Unsupported Protocol Version",
            0x85 => "Client Identifier not valid",
            0x86 => "Bad User Name or Password",
            0x87 => "Not authorized",
            0x88 => "Server unavailable",
            0x89 => "Server busy",
            0x8A => "Banned",
            0x8B => "Server shutting down",
            0x8C => "Bad authentication method",
            0x8D => "Keep Alive timeout",
            0x8E => "Session taken over",
            0x8F => "Topic Filter invalid",
            0x90 => "Topic Name invalid",
            0x91 => "Packet Identifier in use",
            0x92 => "Packet Identifier not found",
            0x93 => "Receive Maximum exceeded",
            0x94 => "Topic Alias invalid",
            0x95 => "Packet too large",
            0x96 => "Message rate too high",
            0x97 => "Quota exceeded",
            0x98 => "Administrative action",
            0x99 => "Payload format invalid",
            0x9A => "Retain not supported",
            0x9B => "QoS not supported",
            0x9C => "Use another server",
            0x9D => "Server moved",
            0x9E => "Shared Subscriptions not supported",
            0x9F => "Connection rate exceeded",
            0xA0 => "Maximum connect time",
            0xA1 => "Subscription Identifiers not supported",
            0xA2 => "Wildcard Subscriptions not supported",
            _ => "Unknown",
        }
    }

    /// Whether this code may appear in a packet of this type and version.
    pub fn allowed_in(self, packet: PacketType, version: Version) -> bool {
        let codes: &[u8] = match (version, packet) {
            (Version::V311, PacketType::ConnAck) => &[0, 1, 2, 3, 4, 5],
            (Version::V311, PacketType::SubAck) => &[0, 1, 2, 0x80],
            (Version::V311, _) => &[0],
            (Version::V5, PacketType::ConnAck) => &[
                0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90,
                0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F,
            ],
            (Version::V5, PacketType::PubAck | PacketType::PubRec) => {
                &[0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99]
            }
            (Version::V5, PacketType::PubRel | PacketType::PubComp) => &[0x00, 0x92],
            (Version::V5, PacketType::SubAck) => &[
                0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2,
            ],
            (Version::V5, PacketType::UnsubAck) => &[0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91],
            (Version::V5, PacketType::Disconnect) => &[
                0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93,
                0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1,
                0xA2,
            ],
            (Version::V5, PacketType::Auth) => &[0x00, 0x18, 0x19],
            (Version::V5, _) => &[0],
        };
        codes.contains(&self.0)
    }

    /// The name in a packet's context (3.1.1 CONNACK return codes differ from 5.0's).
    pub fn name_in(self, packet: PacketType, version: Version) -> &'static str {
        match (version, packet, self.0) {
            (Version::V311, PacketType::ConnAck, 0) => "Connection accepted",
            (Version::V311, PacketType::ConnAck, 1) => "Unacceptable protocol version",
            (Version::V311, PacketType::ConnAck, 2) => "Identifier rejected",
            (Version::V311, PacketType::ConnAck, 3) => "Server unavailable",
            (Version::V311, PacketType::ConnAck, 4) => "Bad user name or password",
            (Version::V311, PacketType::ConnAck, 5) => "Not authorized",
            (Version::V311, PacketType::SubAck, 0x80) => "Failure",
            (_, PacketType::SubAck, 0) => "Granted QoS 0",
            (_, PacketType::Disconnect, 0) => "Normal disconnection",
            _ => self.name(),
        }
    }

    /// Why a CONNACK with this code refused the connection, in either version's numbering
    /// (3.1.1's return code 1 is 5.0's 0x84, and so on).
    pub fn refusal(self, version: Version) -> Refusal {
        match (version, self.0) {
            (Version::V311, 1) | (Version::V5, 0x84) => Refusal::UnsupportedVersion,
            (Version::V311, 2) | (Version::V5, 0x85) => Refusal::ClientIdRejected,
            (Version::V311, 3) | (Version::V5, 0x88 | 0x89) => Refusal::Unavailable,
            (Version::V311, 4) | (Version::V5, 0x86) => Refusal::BadCredentials,
            (Version::V311, 5) | (Version::V5, 0x87) => Refusal::NotAuthorized,
            (Version::V5, 0x8A) => Refusal::Banned,
            (Version::V5, 0x95) => Refusal::PacketTooLarge,
            _ => Refusal::Other,
        }
    }
}

/// Why a broker refused a CONNECT, whatever the version's code for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It does not speak the protocol version asked.
    UnsupportedVersion,
    /// It rejected the client id.
    ClientIdRejected,
    /// It cannot serve now (unavailable or busy).
    Unavailable,
    /// Wrong user name or password.
    BadCredentials,
    /// The client may not connect.
    NotAuthorized,
    /// The client is banned.
    Banned,
    /// The CONNECT packet is too large.
    PacketTooLarge,
    /// Any other refusal.
    Other,
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:02X} {}", self.0, self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_a_packet_may_carry_has_a_meaning_and_3_1_1_numbers_its_own() {
        for version in [Version::V311, Version::V5] {
            for packet in [PacketType::ConnAck, PacketType::PubAck, PacketType::SubAck] {
                for c in 0..=255u8 {
                    let code = ReasonCode(c);
                    if code.allowed_in(packet, version) {
                        assert_ne!(code.meaning(packet, version), Meaning::Unknown, "{c:#x}");
                    }
                }
            }
        }
        let (v311, v5) = (Version::V311, Version::V5);
        let refused = |c: u8, v| ReasonCode(c).meaning(PacketType::ConnAck, v);
        assert_eq!(refused(1, v311), Meaning::V311UnacceptableProtocolVersion);
        assert_eq!(
            refused(0x84, v5),
            Meaning::V5(V5Meaning::UnsupportedProtocolVersion)
        );
        assert_eq!(
            ReasonCode(1).refusal(v311),
            ReasonCode(0x84).refusal(v5),
            "the same refusal in either numbering"
        );
        assert_eq!(refused(0, v5), Meaning::Accepted);
        assert_eq!(
            ReasonCode(0).meaning(PacketType::Disconnect, v5),
            Meaning::NormalDisconnection
        );
    }
}
