//! Topic names and topic filters: validation with reasons a student understands, matching,
//! and [`explain`], the level-by-level story of why a filter matched a topic or not.

mod error;
mod explain;

use std::fmt;
use std::sync::Arc;

use smol_str::SmolStr;

pub use error::TopicError;
pub use explain::{explain, Explanation, Step, StepOutcome};

/// The longest topic in bytes: an MQTT string holds at most 65 535 [MQTT-4.7.3-3].
pub const MAX_TOPIC_LEN: usize = 65_535;

/// Checks the rules every topic and filter share: not empty, not too long, no NUL.
fn check_common(text: &str) -> Result<(), TopicError> {
    if text.is_empty() {
        return Err(TopicError::Empty);
    }
    if text.len() > MAX_TOPIC_LEN {
        return Err(TopicError::TooLong { len: text.len() });
    }
    if text.as_bytes().contains(&0) {
        return Err(TopicError::NullCharacter);
    }
    Ok(())
}

/// A topic name, as a PUBLISH carries it: levels separated by `/`, no wildcards.
/// Cheap to clone: a topic of up to 23 bytes is held inline (no allocation to decode,
/// clone or drop it), a longer one is shared text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicName(SmolStr);

impl TopicName {
    /// Validates a topic name such as `Casa/Cocina/Temperatura`.
    pub fn new(text: impl Into<String>) -> Result<TopicName, TopicError> {
        let text = text.into();
        check_common(&text)?;
        if !text.bytes().any(|b| b == b'+' || b == b'#') {
            return Ok(TopicName(SmolStr::from(text)));
        }
        if let Some((level, wildcard)) = text.split('/').enumerate().find_map(|(i, l)| {
            l.chars()
                .find(|c| matches!(c, '+' | '#'))
                .map(|c| (i + 1, c))
        }) {
            return Err(TopicError::WildcardInName { level, wildcard });
        }
        Ok(TopicName(SmolStr::from(text)))
    }

    /// A topic read by the codec, whose string rules (UTF-8, no U+0000, length) are already
    /// checked and which the codec scanned for wildcards (`has_wildcard`).
    pub(crate) fn from_wire(text: &str, has_wildcard: bool) -> Result<TopicName, TopicError> {
        if !text.is_empty() && !has_wildcard {
            return Ok(TopicName(SmolStr::from(text)));
        }
        TopicName::new(text)
    }

    /// The empty topic of an MQTT 5 PUBLISH that names its topic only by a topic alias.
    /// Only the codec creates it; it never matches a filter.
    pub fn alias_only() -> TopicName {
        TopicName(SmolStr::default())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True only for [`TopicName::alias_only`].
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The levels, split at `/` (empty levels included).
    pub fn levels(&self) -> std::str::Split<'_, char> {
        self.0.split('/')
    }

    /// True for topics starting with `$` (such as `$SYS/...`), reserved for the broker.
    pub fn is_system(&self) -> bool {
        self.0.starts_with('$')
    }
}

impl serde::Serialize for TopicName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl serde::Serialize for TopicFilter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for TopicName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for TopicName {
    type Err = TopicError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TopicName::new(s)
    }
}

/// A topic filter (cheap to clone), as SUBSCRIBE carries it: may use `+` (one level) and `#` (the rest), and may
/// be a shared subscription `$share/group/filter`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicFilter {
    text: Arc<str>,
    /// Byte offset of the filter proper (after `$share/group/`), 0 when not shared.
    filter_start: usize,
}

/// The prefix of a shared subscription.
const SHARE_PREFIX: &str = "$share/";

impl TopicFilter {
    /// Validates a filter such as `Casa/+/Temperatura` or `Casa/#`.
    pub fn new(text: impl Into<String>) -> Result<TopicFilter, TopicError> {
        let text = text.into();
        check_common(&text)?;
        let filter_start = match text.strip_prefix(SHARE_PREFIX) {
            Some(rest) => {
                let (group, filter) = rest.split_once('/').unwrap_or((rest, ""));
                if group.is_empty() {
                    return Err(TopicError::ShareGroupEmpty);
                }
                if let Some(c) = group.chars().find(|c| matches!(c, '+' | '#')) {
                    return Err(TopicError::ShareGroupWildcard { wildcard: c });
                }
                if filter.is_empty() {
                    return Err(TopicError::ShareNoFilter);
                }
                SHARE_PREFIX.len() + group.len() + 1
            }
            None => 0,
        };
        let filter = &text[filter_start..];
        let count = filter.split('/').count();
        for (i, level) in filter.split('/').enumerate() {
            let n = i + 1;
            if level.contains('#') {
                if level != "#" {
                    return Err(TopicError::HashNotWholeLevel { level: n });
                }
                if n != count {
                    return Err(TopicError::HashNotLast { level: n });
                }
            }
            if level.contains('+') && level != "+" {
                return Err(TopicError::PlusNotWholeLevel { level: n });
            }
        }
        Ok(TopicFilter {
            text: Arc::from(text),
            filter_start,
        })
    }

    /// The whole text, `$share/group/` included.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The filter proper: without the `$share/group/` prefix.
    pub fn filter(&self) -> &str {
        &self.text[self.filter_start..]
    }

    /// The share group of a shared subscription.
    pub fn share_group(&self) -> Option<&str> {
        (self.filter_start > 0).then(|| &self.text[SHARE_PREFIX.len()..self.filter_start - 1])
    }

    /// The levels of the filter proper.
    pub fn levels(&self) -> std::str::Split<'_, char> {
        self.filter().split('/')
    }

    /// True if the filter uses `+` or `#`.
    pub fn has_wildcards(&self) -> bool {
        self.filter().contains(['+', '#'])
    }

    /// Whether this filter matches a topic name (the fast path of [`explain`]).
    pub fn matches(&self, topic: &TopicName) -> bool {
        if topic.is_empty() {
            return false;
        }
        let filter = self.filter();
        // A filter starting with a wildcard does not match `$` topics [MQTT-4.7.2-1].
        if topic.is_system() && filter.starts_with(['+', '#']) {
            return false;
        }
        match_levels(filter.as_bytes(), topic.as_str().as_bytes())
    }
}

/// Matches a valid filter against a non-empty topic byte by byte, level by level (no
/// splitting, no allocation). `#` and `+` fill whole levels, as validation guarantees.
fn match_levels(f: &[u8], t: &[u8]) -> bool {
    let (mut i, mut j) = (0, 0);
    loop {
        match f.get(i) {
            Some(b'#') => return true,
            Some(b'+') => {
                i += 1;
                while j < t.len() && t[j] != b'/' {
                    j += 1;
                }
            }
            _ => {
                while i < f.len() && f[i] != b'/' {
                    if t.get(j) != Some(&f[i]) {
                        return false;
                    }
                    i += 1;
                    j += 1;
                }
                if j < t.len() && t[j] != b'/' {
                    return false;
                }
            }
        }
        // Both are at a `/` or at their end.
        match (i == f.len(), j == t.len()) {
            (true, true) => return true,
            (true, false) => return false,
            // The topic ended: only a final `/#` still matches (the parent level).
            (false, true) => return &f[i..] == b"/#",
            (false, false) => {
                i += 1;
                j += 1;
            }
        }
    }
}

impl fmt::Display for TopicFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for TopicFilter {
    type Err = TopicError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TopicFilter::new(s)
    }
}

/// `topic` under a class or bridge prefix (`clase3A` + `Casa/Luz` → `clase3A/Casa/Luz`); an
/// empty prefix leaves it as it is. A trailing `/` on the prefix is not doubled.
pub fn with_prefix(prefix: &str, topic: &str) -> String {
    let p = prefix.trim().trim_end_matches('/');
    if p.is_empty() {
        topic.to_string()
    } else {
        format!("{p}/{topic}")
    }
}

/// `topic` without the prefix when it starts with it as whole levels (otherwise unchanged).
pub fn without_prefix<'a>(prefix: &str, topic: &'a str) -> &'a str {
    let p = prefix.trim().trim_end_matches('/');
    if p.is_empty() {
        return topic;
    }
    topic
        .strip_prefix(p)
        .and_then(|t| t.strip_prefix('/'))
        .unwrap_or(topic)
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefixes_are_added_and_removed_by_whole_levels() {
        use super::{with_prefix, without_prefix};
        assert_eq!(with_prefix("", "Casa/Luz"), "Casa/Luz");
        assert_eq!(with_prefix(" clase3A/ ", "Casa/Luz"), "clase3A/Casa/Luz");
        assert_eq!(without_prefix("clase3A/", "clase3A/Casa/Luz"), "Casa/Luz");
        assert_eq!(without_prefix("clase3A", "otra/Casa/Luz"), "otra/Casa/Luz");
        assert_eq!(without_prefix("clase3A", "clase3AB/x"), "clase3AB/x");
        assert_eq!(without_prefix("", "a"), "a");
    }

    use super::*;

    fn name(s: &str) -> TopicName {
        TopicName::new(s).unwrap()
    }
    fn filter(s: &str) -> TopicFilter {
        TopicFilter::new(s).unwrap()
    }

    #[test]
    fn topic_names() {
        assert!(TopicName::new("Casa/Cocina/Temperatura").is_ok());
        assert!(TopicName::new("/").is_ok(), "empty levels are allowed");
        assert!(TopicName::new("a//b").is_ok());
        assert!(TopicName::new("año/ñandú/°C").is_ok());
        assert_eq!(TopicName::new(""), Err(TopicError::Empty));
        assert_eq!(
            TopicName::new("Casa/+/Temperatura"),
            Err(TopicError::WildcardInName {
                level: 2,
                wildcard: '+'
            })
        );
        assert_eq!(
            TopicName::new("Casa#"),
            Err(TopicError::WildcardInName {
                level: 1,
                wildcard: '#'
            })
        );
        assert_eq!(TopicName::new("a\0"), Err(TopicError::NullCharacter));
        assert_eq!(
            TopicName::new("x".repeat(65_536)),
            Err(TopicError::TooLong { len: 65_536 })
        );
        assert!(TopicName::new("x".repeat(65_535)).is_ok());
    }

    #[test]
    fn topic_filters() {
        for ok in [
            "#",
            "+",
            "+/+",
            "/+",
            "Casa/#",
            "Casa/+/Temperatura",
            "+/tennis/#",
            "$SYS/#",
        ] {
            assert!(TopicFilter::new(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            TopicFilter::new("Casa+"),
            Err(TopicError::PlusNotWholeLevel { level: 1 })
        );
        assert_eq!(
            TopicFilter::new("a/b+/c"),
            Err(TopicError::PlusNotWholeLevel { level: 2 })
        );
        assert_eq!(
            TopicFilter::new("a/#/c"),
            Err(TopicError::HashNotLast { level: 2 })
        );
        assert_eq!(
            TopicFilter::new("a/b#"),
            Err(TopicError::HashNotWholeLevel { level: 2 })
        );
        assert_eq!(TopicFilter::new(""), Err(TopicError::Empty));
    }

    #[test]
    fn shared_subscriptions() {
        let f = filter("$share/grupo/Casa/+/Temperatura");
        assert_eq!(f.share_group(), Some("grupo"));
        assert_eq!(f.filter(), "Casa/+/Temperatura");
        assert!(f.matches(&name("Casa/Salon/Temperatura")));
        assert_eq!(
            TopicFilter::new("$share//a"),
            Err(TopicError::ShareGroupEmpty)
        );
        assert_eq!(TopicFilter::new("$share/g"), Err(TopicError::ShareNoFilter));
        assert_eq!(
            TopicFilter::new("$share/g/"),
            Err(TopicError::ShareNoFilter)
        );
        assert_eq!(
            TopicFilter::new("$share/g+/a"),
            Err(TopicError::ShareGroupWildcard { wildcard: '+' })
        );
        assert_eq!(filter("$shared/a").share_group(), None);
    }

    #[test]
    fn matching_follows_the_spec_examples() {
        // Spec 4.7.1.2: "sport/tennis/player1/#"
        let f = filter("sport/tennis/player1/#");
        assert!(f.matches(&name("sport/tennis/player1")));
        assert!(f.matches(&name("sport/tennis/player1/ranking")));
        assert!(f.matches(&name("sport/tennis/player1/score/wimbledon")));
        assert!(filter("sport/#").matches(&name("sport")));
        // Spec 4.7.1.3: "+"
        assert!(filter("sport/tennis/+").matches(&name("sport/tennis/player1")));
        assert!(!filter("sport/tennis/+").matches(&name("sport/tennis/player1/ranking")));
        assert!(!filter("sport/+").matches(&name("sport")));
        assert!(filter("sport/+").matches(&name("sport/")));
        assert!(filter("+/+").matches(&name("/finance")));
        assert!(filter("/+").matches(&name("/finance")));
        assert!(!filter("+").matches(&name("/finance")));
        // Spec 4.7.2: `$` topics
        assert!(!filter("#").matches(&name("$SYS/uptime")));
        assert!(!filter("+/monitor/Clients").matches(&name("$SYS/monitor/Clients")));
        assert!(filter("$SYS/#").matches(&name("$SYS/monitor/Clients")));
        assert!(filter("$SYS/monitor/+").matches(&name("$SYS/monitor/Clients")));
        // Only filters *starting* with a wildcard are excluded.
        assert!(filter("$SYS/+/Clients").matches(&name("$SYS/monitor/Clients")));
        // Case matters, levels are literal.
        assert!(!filter("casa/#").matches(&name("Casa/Cocina")));
        assert!(!filter("Casa/Cocina").matches(&name("Casa/Cocina/")));
        assert!(!filter("#").matches(&TopicName::alias_only()));
    }
}
