//! Why a topic name or filter is not valid, in words a student understands.

/// A rule a topic name or filter broke. Levels count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopicError {
    /// The empty string.
    Empty,
    /// Longer than 65 535 bytes of UTF-8.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// Contains U+0000.
    NullCharacter,
    /// A topic to publish to uses `+` or `#`.
    WildcardInName {
        /// The level holding the wildcard.
        level: usize,
        /// The wildcard found.
        wildcard: char,
    },
    /// `+` shares its level with other characters.
    PlusNotWholeLevel {
        /// The offending level.
        level: usize,
    },
    /// `#` shares its level with other characters.
    HashNotWholeLevel {
        /// The offending level.
        level: usize,
    },
    /// `#` is followed by more levels.
    HashNotLast {
        /// The level holding `#`.
        level: usize,
    },
    /// `$share//filter`: the group name is missing.
    ShareGroupEmpty,
    /// The share group name contains a wildcard.
    ShareGroupWildcard {
        /// The wildcard found.
        wildcard: char,
    },
    /// `$share/group` with no filter after it.
    ShareNoFilter,
}

impl TopicError {
    /// The normative statement of the MQTT 5 specification this breaks.
    pub fn rule(&self) -> &'static str {
        match self {
            TopicError::Empty => "MQTT-4.7.3-1",
            TopicError::TooLong { .. } => "MQTT-4.7.3-3",
            TopicError::NullCharacter => "MQTT-4.7.3-2",
            TopicError::WildcardInName { .. } => "MQTT-3.3.2-2",
            TopicError::PlusNotWholeLevel { .. } => "MQTT-4.7.1-2",
            TopicError::HashNotWholeLevel { .. } | TopicError::HashNotLast { .. } => "MQTT-4.7.1-1",
            TopicError::ShareGroupEmpty | TopicError::ShareGroupWildcard { .. } => "MQTT-4.8.2-1",
            TopicError::ShareNoFilter => "MQTT-4.8.2-2",
        }
    }
}
