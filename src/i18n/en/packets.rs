//! Packets in words: bit groups, fields and properties dissected, why a packet cannot be encoded
//! or decoded, protocol violations, and every reason code.

use crate::core::codec::{Meaning, V5Meaning, BitName, Context, DecodeError, EncodeError, FieldName, PropertyId};
use crate::i18n::Told;
use crate::core::trace::Violation;
use crate::i18n::Lang;

/// [`crate::i18n::Language::bit`] in English.
pub(super) fn bit(name: BitName) -> &'static str {
    use BitName::*;
    match name {
        Dup => "DUP",
        QoS => "QoS",
        Retain => "RETAIN",
        PacketType => "Packet type",
        Reserved => "Reserved",
        MoreBytes => "Another byte follows",
        ValueBits => "Value (7 bits)",
        UsernameFlag => "User name flag",
        PasswordFlag => "Password flag",
        WillRetain => "Will retain",
        WillQoS => "Will QoS",
        WillFlag => "Will flag",
        CleanSession => "Clean session",
        SessionPresent => "Session present",
        MaxQoS => "Maximum QoS",
        NoLocal => "No local",
        RetainAsPublished => "Retain as published",
        RetainHandling => "Retain handling",
        PropertyId => "Property identifier",
    }
}

/// [`crate::i18n::Language::field`] in English.
pub(super) fn field(name: FieldName) -> String {
    use FieldName::*;
    match name {
        FixedHeader => "Fixed header".into(),
        RemainingLength => "Remaining length".into(),
        ProtocolName => "Protocol name".into(),
        ProtocolLevel => "Protocol level".into(),
        ConnectFlags => "Connect flags".into(),
        KeepAlive => "Keep alive (s)".into(),
        PropertyLength => "Property length".into(),
        ClientId => "Client identifier".into(),
        WillTopic => "Will topic".into(),
        WillPayload => "Will payload".into(),
        Username => "Username".into(),
        Password => "Password".into(),
        AckFlags => "Acknowledge flags".into(),
        ReturnCode => "Return code".into(),
        ReasonCode => "Reason code".into(),
        TopicName => "Topic name".into(),
        PacketId => "Packet identifier".into(),
        Payload => "Payload".into(),
        TopicFilter => "Topic filter".into(),
        SubscriptionOptions => "Subscription options".into(),
        Property(p) => format!("Property: {}", p.name()),
    }
}

/// [`crate::i18n::Language::field_why`] in English.
pub(super) fn field_why(name: FieldName) -> &'static str {
    use FieldName::*;
    match name {
        FixedHeader => "The high 4 bits give the packet type; the low 4 are flags (in PUBLISH: DUP, QoS and RETAIN).",
        RemainingLength => "How many bytes follow in this packet, in 1 to 4 bytes (7 bits per byte).",
        ProtocolName => "Always 'MQTT': it tells the broker this is MQTT.",
        ProtocolLevel => "4 means MQTT 3.1.1 and 5 means MQTT 5.0.",
        ConnectFlags => "What the CONNECT carries: username, password, will (with its QoS and retain) and whether the session starts clean.",
        KeepAlive => "Longest silence in seconds; after 1.5 times that, the broker considers the client gone.",
        PropertyLength => "MQTT 5: how many bytes of properties follow.",
        ClientId => "The name the broker knows the client by and keeps its session under.",
        WillTopic => "Where the broker publishes the will if the client vanishes without a goodbye.",
        WillPayload => "The message the broker publishes on behalf of the vanished client.",
        Username => "On port 1883 it travels unencrypted: anyone on the network can read it.",
        Password => "It also travels unencrypted on port 1883; use 8883 (TLS) to protect it.",
        AckFlags => "Bit 0: 'session present', the broker already held a session for this client.",
        ReturnCode => "0 means connection accepted; any other value says why it was refused.",
        ReasonCode => "The outcome: below 0x80 is success, 0x80 and above is an error.",
        TopicName => "The message's address, in levels separated by '/'.",
        PacketId => "A number (never 0) that ties a packet to its acknowledgement.",
        Payload => "The message data. The broker does not care what it is: it forwards it as is.",
        TopicFilter => "Which topics the client wants; '+' stands for one level and '#' for the rest.",
        SubscriptionOptions => "Maximum QoS requested and, in MQTT 5, no local, retain as published and retain handling.",
        Property(p) => super::packets::property_why(p),
    }
}

/// [`crate::i18n::Language::property_why`] in English.
pub(super) fn property_why(id: PropertyId) -> &'static str {
    use PropertyId::*;
    match id {
        PayloadFormatIndicator => "0: unspecified bytes; 1: UTF-8 text.",
        MessageExpiryInterval => "Seconds the message lives; after that the broker drops it undelivered.",
        ContentType => "The payload's type, e.g. application/json.",
        ResponseTopic => "Topic where the sender expects the answer (request/response).",
        CorrelationData => "Data that ties a response to its request.",
        SubscriptionIdentifier => "A number naming the subscription the message matched.",
        SessionExpiryInterval => "Seconds the broker keeps the session (and its queue) after the disconnect.",
        AssignedClientIdentifier => "The identifier the broker chose because the client gave none.",
        ServerKeepAlive => "The keep alive the broker imposes.",
        AuthenticationMethod => "Extended authentication method (e.g. SCRAM).",
        AuthenticationData => "Data of the authentication method.",
        RequestProblemInformation => "1 if the client wants errors explained.",
        WillDelayInterval => "Seconds the broker waits before publishing the will.",
        RequestResponseInformation => "1 if the client asks for response information.",
        ResponseInformation => "A basis for building response topics.",
        ServerReference => "Another broker the client should use.",
        ReasonString => "A human-readable explanation of the outcome.",
        ReceiveMaximum => "How many unacknowledged QoS 1 and 2 messages it accepts at once.",
        TopicAliasMaximum => "The highest topic alias it accepts (0: none).",
        TopicAlias => "A number standing in for the topic to save bytes.",
        MaximumQoS => "The highest QoS the broker supports.",
        RetainAvailable => "1 if the broker keeps retained messages.",
        UserProperty => "A free name/value pair the broker passes through.",
        MaximumPacketSize => "The largest packet it accepts, in bytes.",
        WildcardSubscriptionAvailable => "1 if wildcards may be used when subscribing.",
        SubscriptionIdentifierAvailable => "1 if the broker supports subscription identifiers.",
        SharedSubscriptionAvailable => "1 if the broker supports shared subscriptions.",
    }
}

/// [`crate::i18n::Language::encode_error`] in English.
pub(super) fn encode_error(error: &EncodeError) -> String {
    match error {
        EncodeError::String { field, error } => format!("{}: {error}", field.label(Lang::En)),
        EncodeError::BinaryTooLong { field } => {
            format!("{}: more than 65 535 bytes.", field.label(Lang::En))
        }
        EncodeError::PacketTooLarge => {
            "The packet would exceed MQTT's maximum size (256 MB).".into()
        }
        EncodeError::Invalid(e) | EncodeError::Property(e) => e.message(Lang::En),
        EncodeError::NeedsV5 { packet } => {
            format!(
                "{}: properties, reason codes and AUTH need MQTT 5.",
                packet.name()
            )
        }
    }

}

/// [`crate::i18n::Language::decode_error`] in English.
pub(super) fn decode_error(error: &DecodeError) -> String {
    use DecodeError::*;
    let f = |field: &FieldName| field.label(Lang::En);
    match error {
        MalformedVarInt { field } => {
            format!(
                "{}: a variable byte integer cannot take more than 4 bytes.",
                f(field)
            )
        }
        PacketTooLarge { size, max } => {
            format!("The packet is {size} bytes and the agreed maximum is {max}.")
        }
        ReservedPacketType { value } => {
            format!("Packet type {value} is reserved: no such packet.")
        }
        InvalidHeaderFlags { packet, flags } => {
            format!(
                "{}: the header flags must be {:04b}, not {flags:04b}.",
                packet.name(),
                packet.required_flags().unwrap_or(0)
            )
        }
        UnexpectedEnd {
            field,
            needed,
            left,
        } => {
            format!("{}: needs {needed} bytes but only {left} are left in the packet (the remaining length does not add up).", f(field))
        }
        TrailingBytes { packet, extra } => {
            format!(
                "{}: {extra} unexpected bytes at the end of the packet.",
                packet.name()
            )
        }
        InvalidUtf8 { field } => {
            format!("{}: the text is not valid UTF-8.", f(field))
        }
        NullCharacter { field } => {
            format!("{}: the text contains the null character U+0000.", f(field))
        }
        InvalidProtocolName { name } => {
            format!("The protocol name is {name:?}; it must be \"MQTT\".")
        }
        UnsupportedProtocolLevel { level } => {
            format!("Protocol level {level} is not supported: 4 (MQTT 3.1.1) and 5 (MQTT 5.0) are.")
        }
        ConnectReservedFlag => {
            "CONNECT: the reserved flag (bit 0) must be 0.".into()
        }
        WillFlagsWithoutWill => {
            "CONNECT: without a will, will QoS and will retain must be 0.".into()
        }
        InvalidQoS { field } => {
            format!("{}: QoS 3 does not exist (only 0, 1 and 2).", f(field))
        }
        PasswordWithoutUsername => {
            "CONNECT (3.1.1): a password without a username.".into()
        }
        DupWithQoS0 => {
            "PUBLISH: DUP (resend) cannot be set with QoS 0.".into()
        }
        InvalidTopic { field, error } => format!("{}: {}", f(field), error.message(Lang::En)),
        EmptyTopicWithoutAlias => {
            "PUBLISH: the topic is empty and there is no topic alias.".into()
        }
        ZeroPacketId => {
            "The packet identifier cannot be 0.".into()
        }
        NoTopicFilters { packet } => {
            format!("{}: must carry at least one topic filter.", packet.name())
        }
        ReservedSubscriptionBits { options } => {
            format!("Subscription options {options:08b}: the reserved bits must be 0.")
        }
        InvalidRetainHandling => {
            "Subscription options: retain handling 3 does not exist (only 0, 1 and 2)."
                .into()
        }
        NoLocalOnSharedSubscription => {
            "A shared subscription cannot use 'no local'.".into()
        }
        ReservedAckFlags { flags } => {
            format!("CONNACK: flags {flags:08b}; only bit 0 may be set.")
        }
        InvalidReasonCode { packet, code } => {
            format!(
                "{}: code 0x{code:02X} is not allowed in this packet.",
                packet.name()
            )
        }
        UnknownProperty { id } => {
            format!("Property 0x{id:02X} does not exist.")
        }
        PropertyNotAllowed { property, ctx } => {
            let place = match ctx {
                Context::Packet(p) => p.name().to_string(),
                Context::Will => {
                    "the will".into()
                }
            };
            format!("Property {} is not allowed in {place}.", property.name())
        }
        DuplicateProperty { property } => {
            format!("Property {} appears more than once.", property.name())
        }
        InvalidPropertyValue { property, value } => {
            format!(
                "Property {} cannot have the value {value}.",
                property.name()
            )
        }
        AuthInV311 => {
            "AUTH exists only in MQTT 5.".into()
        }
    }

}

/// [`crate::i18n::Language::violation`] in English.
pub(super) fn violation(violation: &Violation) -> String {
    match violation {
        Violation::Malformed(e) => e.message(Lang::En),
        Violation::BeforeConnect(p) => {
            format!("{p} arrived before CONNECT: the first packet must be CONNECT.")
        }
        Violation::SecondConnect => "A second CONNECT on the same connection.".into(),
        Violation::NotFromClient(p) => format!("A client may not send {p}."),
        Violation::TopicAliasInvalid(a) => format!("Topic alias {a} is not valid."),
        Violation::TopicAliasUnknown(a) => format!("Topic alias {a} was never set."),
        Violation::ReceiveMaximumExceeded(n) => format!(
            "More than {n} unfinished QoS 2 PUBLISH packets at once: the broker allows {n} (Receive Maximum)."
        ),
        Violation::CannotSend { packet, error } => {
            format!("Cannot send {packet}: {}", error.message(Lang::En))
        }
    }
}

/// [`crate::i18n::Language::reason`] in English.
pub(super) fn reason(meaning: Meaning) -> Told {
    use V5Meaning::*;
    match meaning {
        Meaning::V311Accepted => (
                "Connection accepted",
                "The client may publish and subscribe.",
            ),
        Meaning::V311UnacceptableProtocolVersion => (
                "Unacceptable protocol version",
                "The broker does not speak this MQTT version: try another.",
            ),
        Meaning::V311IdentifierRejected => (
                "Identifier rejected",
                "The client identifier is not allowed here: change it.",
            ),
        Meaning::V311ServerUnavailable => (
                "Server unavailable",
                "The broker cannot serve now: try again later.",
            ),
        Meaning::V311BadUserNameOrPassword => ("Bad user name or password", "Check the credentials."),
        Meaning::V311NotAuthorized => (
                "Not authorized",
                "This client may not connect to this broker.",
            ),
        Meaning::V311SubscribeFailure => (
                "Failure",
                "The broker refused this filter (invalid, or not allowed by the ACL).",
            ),
        Meaning::GrantedQos0 => (
            "Granted QoS 0",
            "The subscription holds; messages arrive with QoS 0.",
        ),
        Meaning::NormalDisconnection => (
            "Normal disconnection",
            "An orderly goodbye: the broker does not publish the will.",
        ),
        Meaning::Accepted => (
            "Success",
            "Connection accepted: the client may publish and subscribe.",
        ),
        Meaning::Success => ("Success", "The operation was done."),
        Meaning::V5(GrantedQos1) => (
            "Granted QoS 1",
            "The subscription holds; messages arrive with QoS 1 at most.",
        ),
        Meaning::V5(GrantedQos2) => (
            "Granted QoS 2",
            "The subscription holds; messages arrive with QoS 2 at most.",
        ),
        Meaning::V5(DisconnectWithWill) => (
            "Disconnect with Will Message",
            "The client leaves but asks for its will to be published.",
        ),
        Meaning::V5(NoMatchingSubscribers) => (
            "No matching subscribers",
            "Accepted, but nobody was subscribed to that topic.",
        ),
        Meaning::V5(NoSubscriptionExisted) => (
            "No subscription existed",
            "There was nothing to unsubscribe with that filter.",
        ),
        Meaning::V5(ContinueAuthentication) => (
            "Continue authentication",
            "Enhanced authentication goes on with another step.",
        ),
        Meaning::V5(ReAuthenticate) => ("Re-authenticate", "The client asks to authenticate again."),
        Meaning::V5(UnspecifiedError) => (
            "Unspecified error",
            "It failed, with no detail: look at the broker's log.",
        ),
        Meaning::V5(MalformedPacket) => (
            "Malformed Packet",
            "The bytes do not follow the specification: the connection is closed.",
        ),
        Meaning::V5(ProtocolError) => (
            "Protocol Error",
            "A valid packet came when it was not allowed.",
        ),
        Meaning::V5(ImplementationSpecificError) => (
            "Implementation specific error",
            "The broker will not do it, by a rule of its own.",
        ),
        Meaning::V5(UnsupportedProtocolVersion) => (
            "Unsupported Protocol Version",
            "The broker does not speak this MQTT version: try another.",
        ),
        Meaning::V5(ClientIdNotValid) => (
            "Client Identifier not valid",
            "Change the client identifier.",
        ),
        Meaning::V5(BadUserNameOrPassword) => ("Bad User Name or Password", "Check the credentials."),
        Meaning::V5(NotAuthorized) => (
            "Not authorized",
            "The ACL does not allow this user to do it.",
        ),
        Meaning::V5(ServerUnavailable) => (
            "Server unavailable",
            "The broker cannot serve now: try again later.",
        ),
        Meaning::V5(ServerBusy) => ("Server busy", "The broker is overloaded: wait and retry."),
        Meaning::V5(Banned) => ("Banned", "This client is not let in."),
        Meaning::V5(ServerShuttingDown) => (
            "Server shutting down",
            "The broker is stopping: reconnect later.",
        ),
        Meaning::V5(BadAuthenticationMethod) => (
            "Bad authentication method",
            "The broker does not know that authentication method.",
        ),
        Meaning::V5(KeepAliveTimeout) => (
            "Keep Alive timeout",
            "The client was silent for over 1.5 times its keep-alive: send PINGREQ in time.",
        ),
        Meaning::V5(SessionTakenOver) => (
            "Session taken over",
            "Another connection used the same client identifier.",
        ),
        Meaning::V5(TopicFilterInvalid) => (
            "Topic Filter invalid",
            "Check the filter: '+' and '#' take a whole level, '#' only at the end.",
        ),
        Meaning::V5(TopicNameInvalid) => (
            "Topic Name invalid",
            "A topic to publish on has no '+' or '#'.",
        ),
        Meaning::V5(PacketIdInUse) => (
            "Packet Identifier in use",
            "That number is still waiting for an acknowledgement: use another.",
        ),
        Meaning::V5(PacketIdNotFound) => (
            "Packet Identifier not found",
            "Nothing was pending with that number.",
        ),
        Meaning::V5(ReceiveMaximumExceeded) => (
            "Receive Maximum exceeded",
            "Too many unacknowledged QoS 1/2 messages at once: wait for the acknowledgements.",
        ),
        Meaning::V5(TopicAliasInvalid) => (
            "Topic Alias invalid",
            "The alias is 0 or above the agreed maximum.",
        ),
        Meaning::V5(PacketTooLarge) => (
            "Packet too large",
            "Above the agreed maximum size: send less data.",
        ),
        Meaning::V5(MessageRateTooHigh) => ("Message rate too high", "Publish more slowly."),
        Meaning::V5(QuotaExceeded) => (
            "Quota exceeded",
            "This client has used up what it is allowed for now.",
        ),
        Meaning::V5(AdministrativeAction) => (
            "Administrative action",
            "An administrator closed the connection.",
        ),
        Meaning::V5(PayloadFormatInvalid) => (
            "Payload format invalid",
            "The payload is not what its format indicator says (UTF-8).",
        ),
        Meaning::V5(RetainNotSupported) => (
            "Retain not supported",
            "This broker does not keep retained messages.",
        ),
        Meaning::V5(QosNotSupported) => (
            "QoS not supported",
            "Use a lower QoS: the broker does not support this one.",
        ),
        Meaning::V5(UseAnotherServer) => (
            "Use another server",
            "The broker names another one to use for now.",
        ),
        Meaning::V5(ServerMoved) => (
            "Server moved",
            "The broker has moved to another address for good.",
        ),
        Meaning::V5(SharedSubscriptionsNotSupported) => (
            "Shared Subscriptions not supported",
            "This broker does not support '$share/…' filters.",
        ),
        Meaning::V5(ConnectionRateExceeded) => ("Connection rate exceeded", "Wait before connecting again."),
        Meaning::V5(MaximumConnectTime) => (
            "Maximum connect time",
            "The connection lasted as long as allowed.",
        ),
        Meaning::V5(SubscriptionIdsNotSupported) => (
            "Subscription Identifiers not supported",
            "Remove the subscription identifier.",
        ),
        Meaning::V5(WildcardSubscriptionsNotSupported) => (
            "Wildcard Subscriptions not supported",
            "This broker does not support '+' or '#' in filters.",
        ),
        Meaning::Unknown => (
            "Unknown code",
            "The specification does not define this code.",
        ),
    }
}

