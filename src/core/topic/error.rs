//! Why a topic name or filter is not valid, in words a student understands.

use std::fmt;

use crate::core::i18n::Lang;

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

    /// The explanation in a language.
    pub fn message(&self, lang: Lang) -> String {
        use TopicError::*;
        match (self, lang) {
            (Empty, Lang::Es) => "El tema está vacío: debe tener al menos un carácter.".into(),
            (Empty, Lang::En) => "The topic is empty: it needs at least one character.".into(),
            (TooLong { len }, Lang::Es) => {
                format!("El tema ocupa {len} bytes; el máximo es 65 535.")
            }
            (TooLong { len }, Lang::En) => {
                format!("The topic is {len} bytes long; the maximum is 65 535.")
            }
            (NullCharacter, Lang::Es) => "El tema contiene el carácter nulo (U+0000), que no está permitido.".into(),
            (NullCharacter, Lang::En) => "The topic contains the null character (U+0000), which is not allowed.".into(),
            (WildcardInName { level, wildcard }, Lang::Es) => format!(
                "No se puede publicar en un tema con comodines: «{wildcard}» en el nivel {level}. Los comodines solo valen para suscribirse."
            ),
            (WildcardInName { level, wildcard }, Lang::En) => format!(
                "No wildcards in a topic you publish to: '{wildcard}' at level {level}. Wildcards are only for subscribing."
            ),
            (PlusNotWholeLevel { level }, Lang::Es) => format!(
                "«+» debe ocupar un nivel entero (nivel {level}): escribe «a/+/b», no «a/b+»."
            ),
            (PlusNotWholeLevel { level }, Lang::En) => format!(
                "'+' must fill a whole level (level {level}): write 'a/+/b', not 'a/b+'."
            ),
            (HashNotWholeLevel { level }, Lang::Es) => format!(
                "«#» debe ocupar un nivel entero (nivel {level}): escribe «a/#», no «a#»."
            ),
            (HashNotWholeLevel { level }, Lang::En) => format!(
                "'#' must fill a whole level (level {level}): write 'a/#', not 'a#'."
            ),
            (HashNotLast { level }, Lang::Es) => format!(
                "«#» solo puede ir al final: está en el nivel {level} y le siguen más niveles."
            ),
            (HashNotLast { level }, Lang::En) => format!(
                "'#' may only come last: it is at level {level} and more levels follow."
            ),
            (ShareGroupEmpty, Lang::Es) => "Falta el nombre del grupo: «$share/grupo/filtro».".into(),
            (ShareGroupEmpty, Lang::En) => "The group name is missing: '$share/group/filter'.".into(),
            (ShareGroupWildcard { wildcard }, Lang::Es) => format!(
                "El nombre del grupo compartido no puede contener «{wildcard}»."
            ),
            (ShareGroupWildcard { wildcard }, Lang::En) => format!(
                "The shared group name cannot contain '{wildcard}'."
            ),
            (ShareNoFilter, Lang::Es) => "Falta el filtro después del grupo: «$share/grupo/filtro».".into(),
            (ShareNoFilter, Lang::En) => "The filter after the group is missing: '$share/group/filter'.".into(),
        }
    }
}

impl fmt::Display for TopicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message(Lang::En), self.rule())
    }
}

impl std::error::Error for TopicError {}
