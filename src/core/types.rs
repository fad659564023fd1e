//! Validated protocol values: quality of service, packet identifiers, MQTT strings, client
//! identifiers.

use std::fmt;
use std::num::NonZeroU16;

/// Why a string cannot be an MQTT UTF-8 string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringError {
    /// Over 65 535 bytes.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// Contains U+0000.
    NullCharacter,
}

impl fmt::Display for StringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StringError::TooLong { len } => write!(f, "string of {len} bytes; at most 65535"),
            StringError::NullCharacter => f.write_str("string contains U+0000 [MQTT-1.5.4-2]"),
        }
    }
}

impl std::error::Error for StringError {}

/// Checks what every MQTT UTF-8 string must satisfy beyond valid UTF-8: at most 65 535 bytes
/// and no U+0000 [MQTT-1.5.4-2]. (Rust strings are already well-formed UTF-8.)
pub fn check_mqtt_string(s: &str) -> Result<(), StringError> {
    if s.len() > u16::MAX as usize {
        return Err(StringError::TooLong { len: s.len() });
    }
    if s.as_bytes().contains(&0) {
        return Err(StringError::NullCharacter);
    }
    Ok(())
}

/// Quality of service: how hard the sender tries to deliver a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum QoS {
    /// At most once: fire and forget.
    #[default]
    AtMostOnce = 0,
    /// At least once: acknowledged with PUBACK, may be duplicated.
    AtLeastOnce = 1,
    /// Exactly once: the PUBREC / PUBREL / PUBCOMP handshake.
    ExactlyOnce = 2,
}

impl QoS {
    /// All levels, lowest first.
    pub const ALL: [QoS; 3] = [QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce];

    /// The level for a two-bit value; `None` for 3 (malformed in every packet).
    pub fn from_u8(value: u8) -> Option<QoS> {
        match value {
            0 => Some(QoS::AtMostOnce),
            1 => Some(QoS::AtLeastOnce),
            2 => Some(QoS::ExactlyOnce),
            _ => None,
        }
    }

    /// The numeric level (0, 1 or 2).
    pub fn as_u8(self) -> u8 {
        self as u8
    }
}

impl serde::Serialize for QoS {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.as_u8())
    }
}

impl fmt::Display for QoS {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "QoS {}", self.as_u8())
    }
}

/// A packet identifier: never 0 [MQTT-2.3.1-1].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PacketId(NonZeroU16);

impl PacketId {
    /// The identifier, or `None` for 0.
    pub fn new(value: u16) -> Option<PacketId> {
        NonZeroU16::new(value).map(PacketId)
    }

    /// The numeric value (1..=65535).
    pub fn get(self) -> u16 {
        self.0.get()
    }

    /// The next identifier, wrapping from 65535 to 1.
    pub fn next(self) -> PacketId {
        PacketId::new(self.get().wrapping_add(1)).unwrap_or(PacketId(NonZeroU16::MIN))
    }
}

impl fmt::Display for PacketId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.get())
    }
}

/// A client identifier as sent in CONNECT: any MQTT string, possibly empty.
///
/// Whether an empty or long identifier is accepted is the broker's decision (3.1.1 requires
/// servers to accept 1–23 characters of `0-9a-zA-Z` and allows more) so the codec only enforces
/// the string rules.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ClientId(String);

impl ClientId {
    /// Wraps an identifier; fails on what no MQTT string may hold.
    pub fn new(id: impl Into<String>) -> Result<ClientId, StringError> {
        let id = id.into();
        check_mqtt_string(&id)?;
        Ok(ClientId(id))
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the zero-length identifier (the broker assigns one, or refuses).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True if 3.1.1 servers must accept it: 1 to 23 characters of `0-9a-zA-Z` [MQTT-3.1.3-5].
    pub fn is_always_accepted(&self) -> bool {
        (1..=23).contains(&self.0.len()) && self.0.bytes().all(|b| b.is_ascii_alphanumeric())
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_id_is_never_zero_and_wraps_to_one() {
        assert_eq!(PacketId::new(0), None);
        assert_eq!(PacketId::new(65535).unwrap().next().get(), 1);
        assert_eq!(PacketId::new(7).unwrap().next().get(), 8);
    }

    #[test]
    fn qos_three_is_not_a_level() {
        assert_eq!(QoS::from_u8(3), None);
        assert_eq!(QoS::from_u8(2), Some(QoS::ExactlyOnce));
    }

    #[test]
    fn client_ids() {
        assert!(ClientId::new("sensor42").unwrap().is_always_accepted());
        assert!(!ClientId::new("").unwrap().is_always_accepted());
        assert!(!ClientId::new("con-guion").unwrap().is_always_accepted());
        assert!(ClientId::new("a\0b").is_err());
    }
}
