//! Broker settings: users, access control lists and limits. Defaults follow mosquitto 2.0
//! where the playground can (see each field); anonymous access is on by default because the
//! course starts with an open broker, as the public ones are.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::core::json_read::{
    err, not_json, one_of, At, FromJson, Obj, Problem, Read, ScenarioError,
};
use crate::core::topic::{TopicFilter, TopicName};

/// What an ACL rule grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Receive messages on matching topics (and subscribe to them).
    Read,
    /// Publish to matching topics.
    Write,
    /// Both.
    ReadWrite,
}

impl FromJson for Access {
    fn read(v: &Value, at: At) -> Read<Access> {
        one_of(v, at, &Access::NAMES)
    }
}

impl Access {
    /// Each access by its name (in JSON and in mosquitto's ACL lines).
    pub const NAMES: [(&'static str, Access); 3] = [
        ("read", Access::Read),
        ("write", Access::Write),
        ("readwrite", Access::ReadWrite),
    ];

    /// Its name (`read`, `write`, `readwrite`).
    pub fn name(self) -> &'static str {
        (Access::NAMES.iter())
            .find(|(_, a)| *a == self)
            .map_or("read", |(n, _)| n)
    }

    fn allows(self, wanted: Access) -> bool {
        self == Access::ReadWrite || self == wanted
    }
}

/// One ACL line: access to a topic pattern. Patterns may use `%c` (client id) and `%u`
/// (user name), as mosquitto's `pattern` lines do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AclRule {
    /// What it grants.
    pub access: Access,
    /// A topic filter, possibly with `%c` / `%u`.
    pub pattern: String,
}

impl FromJson for AclRule {
    fn read(v: &Value, at: At) -> Read<AclRule> {
        let o = Obj::new(v, at)?;
        o.done(AclRule {
            access: o.req("access")?,
            pattern: o.req("pattern")?,
        })
    }
}

impl AclRule {
    /// A rule.
    pub fn new(access: Access, pattern: impl Into<String>) -> AclRule {
        AclRule {
            access,
            pattern: pattern.into(),
        }
    }

    /// The filter with `%c` and `%u` filled in; `None` if it does not form a valid filter
    /// (for example `%u` with no user name) so it grants nothing.
    fn filter(&self, client: &str, user: Option<&str>) -> Option<TopicFilter> {
        if self.pattern.contains("%u") && user.is_none() {
            return None;
        }
        let text = self
            .pattern
            .replace("%c", client)
            .replace("%u", user.unwrap_or(""));
        TopicFilter::new(text).ok()
    }
}

/// Who may do what. With no ACL, everyone may read and write everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Acl {
    /// Rules for a given user name.
    pub users: BTreeMap<String, Vec<AclRule>>,
    /// Rules for clients without a user name.
    pub anonymous: Vec<AclRule>,
    /// Rules for everyone (mosquitto's `pattern` lines).
    pub patterns: Vec<AclRule>,
}

impl FromJson for Acl {
    fn read(v: &Value, at: At) -> Read<Acl> {
        let o = Obj::new(v, at)?;
        o.done(Acl {
            users: o.or("users", BTreeMap::new())?,
            anonymous: o.or("anonymous", Vec::new())?,
            patterns: o.or("patterns", Vec::new())?,
        })
    }
}

impl Acl {
    /// Whether `client` (logged in as `user`) has `wanted` access to a topic name.
    pub fn allows(
        &self,
        client: &str,
        user: Option<&str>,
        topic: &TopicName,
        wanted: Access,
    ) -> bool {
        self.rules_for(user).any(|r| {
            r.access.allows(wanted) && r.filter(client, user).is_some_and(|f| f.matches(topic))
        })
    }

    fn rules_for<'a>(&'a self, user: Option<&str>) -> impl Iterator<Item = &'a AclRule> {
        let own: &[AclRule] = match user {
            Some(u) => self.users.get(u).map_or(&[], Vec::as_slice),
            None => &self.anonymous,
        };
        own.iter().chain(self.patterns.iter())
    }
}

/// Broker settings (JSON: the field names below; every field optional).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BrokerConfig {
    /// Clients without a user name may connect (mosquitto 2.0 needs `allow_anonymous true`
    /// for that; the playground's default broker is open, like the public ones).
    pub allow_anonymous: bool,
    /// User names and passwords. A user name not listed is refused.
    pub users: BTreeMap<String, String>,
    /// Access control; `None` lets everyone read and write everything.
    pub acl: Option<Acl>,
    /// Unacknowledged QoS 1/2 messages in flight per client (mosquitto: 20).
    pub max_inflight: u16,
    /// Messages kept per client beyond the in-flight ones (mosquitto: 1000).
    pub max_queued: usize,
    /// Queue QoS 0 messages for offline clients (mosquitto: false).
    pub queue_qos0: bool,
    /// Largest packet accepted, in bytes (mosquitto: no limit but the protocol's).
    pub max_packet_size: usize,
    /// Topic aliases a 5.0 client may use towards the broker (mosquitto: 10).
    pub max_topic_alias: u16,
    /// Seconds between `$SYS` updates; 0 turns them off (mosquitto: 10).
    pub sys_interval: u64,
    /// Longest keep-alive a client may ask for, in seconds; 0: no limit (mosquitto's
    /// `max_keepalive`). A 5.0 client asking for more, or for 0, is told the limit in CONNACK
    /// (Server Keep Alive) and held to it; a 3.1.1 client is refused ("identifier rejected").
    #[serde(skip_serializing_if = "is_zero")]
    pub max_keepalive: u16,
    /// QoS 1/2 PUBLISH packets a 5.0 client may have unacknowledged towards the broker
    /// (1–65535). Below 65535 it is advertised in CONNACK and a client going past it is
    /// disconnected with 0x93 [§4.9]; at 65535, CONNACK carries `max_inflight`, as mosquitto's.
    #[serde(skip_serializing_if = "is_max")]
    pub receive_maximum: u16,
    /// The broker gives topic aliases to 5.0 clients that allow them (mosquitto: no).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outgoing_topic_aliases: bool,
    /// What a 5.0 client whose subscriptions overlap receives.
    #[serde(skip_serializing_if = "Overlapping::is_default")]
    pub overlapping: Overlapping,
}

/// Copies for a 5.0 client with several subscriptions matching one message [§3.3.4].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overlapping {
    /// One copy per matching subscription, each with its QoS and identifier (mosquitto).
    #[default]
    PerSubscription,
    /// One copy at the highest granted QoS, carrying every matching subscription identifier
    /// [MQTT-3.3.4-3..5].
    Single,
}

impl Overlapping {
    fn is_default(&self) -> bool {
        *self == Overlapping::PerSubscription
    }
}

impl FromJson for Overlapping {
    fn read(v: &Value, at: At) -> Read<Overlapping> {
        let names = [
            ("per_subscription", Overlapping::PerSubscription),
            ("single", Overlapping::Single),
        ];
        one_of(v, at, &names)
    }
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}

fn is_max(n: &u16) -> bool {
    *n == u16::MAX
}

impl Default for BrokerConfig {
    fn default() -> Self {
        BrokerConfig {
            allow_anonymous: true,
            users: BTreeMap::new(),
            acl: None,
            max_inflight: 20,
            max_queued: 1000,
            queue_qos0: false,
            max_packet_size: crate::core::codec::MAX_PACKET_SIZE,
            max_topic_alias: 10,
            sys_interval: 10,
            max_keepalive: 0,
            receive_maximum: u16::MAX,
            outgoing_topic_aliases: false,
            overlapping: Overlapping::PerSubscription,
        }
    }
}

impl FromJson for BrokerConfig {
    fn read(v: &Value, at: At) -> Read<BrokerConfig> {
        let o = Obj::new(v, at)?;
        let d = BrokerConfig::default();
        o.done(BrokerConfig {
            allow_anonymous: o.or("allow_anonymous", d.allow_anonymous)?,
            users: o.or("users", BTreeMap::new())?,
            acl: o.opt("acl")?,
            max_inflight: o.or("max_inflight", d.max_inflight)?,
            max_queued: o.or("max_queued", d.max_queued)?,
            queue_qos0: o.or("queue_qos0", d.queue_qos0)?,
            max_packet_size: o.or("max_packet_size", d.max_packet_size)?,
            max_topic_alias: o.or("max_topic_alias", d.max_topic_alias)?,
            sys_interval: o.or("sys_interval", d.sys_interval)?,
            max_keepalive: o.or("max_keepalive", d.max_keepalive)?,
            receive_maximum: o.or("receive_maximum", d.receive_maximum)?,
            outgoing_topic_aliases: o.or("outgoing_topic_aliases", false)?,
            overlapping: o.or("overlapping", Overlapping::default())?,
        })
        .and_then(|c| {
            if c.receive_maximum == 0 {
                let at = At {
                    path: &at.field("receive_maximum"),
                };
                return Err(at.fail(Problem::ZeroReceiveMaximum));
            }
            Ok(c)
        })
    }
}

impl BrokerConfig {
    /// Each account marked [`super::PRACTICE`] gets its practice password.
    pub fn practice(&mut self, seed: u64) {
        for (user, pw) in &mut self.users {
            if pw == super::PRACTICE {
                *pw = super::practice_password(seed, user);
            }
        }
    }

    /// Reads settings from JSON; an error names the field.
    pub fn from_json(text: &str) -> Result<BrokerConfig, ScenarioError> {
        let value: Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        BrokerConfig::read(&value, At::root())
    }

    /// Whether the client may read or write a topic.
    pub fn allows(
        &self,
        client: &str,
        user: Option<&str>,
        topic: &TopicName,
        wanted: Access,
    ) -> bool {
        self.acl
            .as_ref()
            .is_none_or(|acl| acl.allows(client, user, topic, wanted))
    }

    /// The rules for everyone, one per line: `read Casa/#`, `write Casa/%c/#`, `readwrite x`.
    pub fn rules_text(&self) -> String {
        (self.acl.iter())
            .flat_map(|acl| acl.patterns.iter())
            .map(|r| format!("{} {}", r.access.name(), r.pattern))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads the rules for everyone (none: no access control), each checked as a filter.
    pub fn set_rules(&mut self, text: &str) -> Result<(), ScenarioError> {
        let mut patterns = Vec::new();
        for (k, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let at = format!("acl.patterns[{k}]");
            let (access, pattern) = line.trim().split_once(' ').unwrap_or((line.trim(), ""));
            let Some(&(_, access)) = Access::NAMES.iter().find(|(n, _)| *n == access) else {
                let names: Vec<&str> = Access::NAMES.iter().map(|(n, _)| *n).collect();
                return Err(err(
                    format!("{at}.access"),
                    Problem::UnknownName {
                        name: access.to_string(),
                        expected: names.join(", "),
                    },
                ));
            };
            let pattern = pattern.trim();
            // `%c` and `%u` stand for a level: checked with a stand-in.
            let sample = pattern.replace("%c", "c").replace("%u", "u");
            TopicFilter::new(sample)
                .map_err(|e| err(format!("{at}.pattern"), Problem::Topic(e)))?;
            patterns.push(AclRule::new(access, pattern));
        }
        let mut acl = self.acl.take().unwrap_or_default();
        acl.patterns = patterns;
        let empty = acl.patterns.is_empty() && acl.users.is_empty() && acl.anonymous.is_empty();
        self.acl = (!empty).then_some(acl);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_settings() {
        let c = BrokerConfig::from_json(
            r#"{"allow_anonymous": false, "users": {"ana": "pw"},
                "acl": {"patterns": [{"access": "readwrite", "pattern": "devices/%c/#"}]}}"#,
        )
        .unwrap();
        assert!(!c.allow_anonymous);
        assert_eq!(c.max_inflight, 20, "defaults fill the rest");
        assert_eq!(c.acl.unwrap().patterns[0].access, Access::ReadWrite);
        let err = BrokerConfig::from_json(r#"{"allow_anonymus": true}"#).unwrap_err();
        assert!(
            matches!(&err.problem, Problem::UnknownField { field, .. } if field == "allow_anonymus"),
            "{err:?}"
        );
        let err =
            BrokerConfig::from_json(r#"{"acl": {"patterns": [{"access": "all"}]}}"#).unwrap_err();
        assert_eq!(err.path, "acl.patterns[0].access");
        assert!(
            matches!(&err.problem, Problem::UnknownName { name, .. } if name == "all"),
            "{err:?}"
        );
        assert!(BrokerConfig::from_json("{").is_err());
    }

    fn t(s: &str) -> TopicName {
        TopicName::new(s).unwrap()
    }

    #[test]
    fn patterns_fill_client_and_user() {
        let acl = Acl {
            users: BTreeMap::from([(
                "ana".to_string(),
                vec![AclRule::new(Access::ReadWrite, "Casa/#")],
            )]),
            anonymous: vec![AclRule::new(Access::Read, "public/#")],
            patterns: vec![
                AclRule::new(Access::Write, "devices/%c/state"),
                AclRule::new(Access::Read, "users/%u/#"),
            ],
        };
        assert!(acl.allows("c1", Some("ana"), &t("Casa/Cocina/Luz"), Access::Write));
        assert!(!acl.allows("c1", None, &t("Casa/Cocina/Luz"), Access::Read));
        assert!(acl.allows("c1", None, &t("public/news"), Access::Read));
        assert!(!acl.allows("c1", None, &t("public/news"), Access::Write));
        assert!(acl.allows("s7", None, &t("devices/s7/state"), Access::Write));
        assert!(!acl.allows("s7", None, &t("devices/s8/state"), Access::Write));
        assert!(acl.allows("x", Some("ana"), &t("users/ana/inbox"), Access::Read));
        assert!(
            !acl.allows("x", None, &t("users//inbox"), Access::Read),
            "%u without a user grants nothing"
        );
    }

    #[test]
    fn rules_are_read_as_written_and_a_bad_one_is_refused_with_its_line() {
        let mut b = BrokerConfig::default();
        b.set_rules("read Casa/#\n\nwrite Casa/%c/Estado").unwrap();
        assert_eq!(b.rules_text(), "read Casa/#\nwrite Casa/%c/Estado");
        let e = b.set_rules("read Casa/#\nborrar x").unwrap_err();
        assert_eq!(e.path, "acl.patterns[1].access");
        let e = b.set_rules("read Casa/#/x").unwrap_err();
        assert_eq!(e.path, "acl.patterns[0].pattern");
        b.set_rules("").unwrap();
        assert_eq!(b.acl, None);
    }
}
