//! Topic aliases on one connection (MQTT 5, [§3.3.2.3.4]): those a sender gives its own
//! PUBLISH packets, and those a receiver learns from the other side's. The broker and the
//! client use both.

use litemap::LiteMap;

use super::{Property, PropertyId, Publish};
use crate::core::topic::TopicName;

/// The aliases the other side set on one connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncomingAliases {
    set: LiteMap<u16, TopicName>,
}

impl IncomingAliases {
    /// Learns or resolves `publish`'s alias: with a topic, the alias now names it; with an
    /// empty topic, the topic the alias names is filled in. `Err(alias)`: an empty topic with
    /// an alias never set (a protocol error). A PUBLISH without an alias is left alone.
    pub fn resolve(&mut self, publish: &mut Publish) -> Result<(), u16> {
        let Some(Property::TopicAlias(alias)) = publish.properties.get(PropertyId::TopicAlias)
        else {
            return Ok(());
        };
        let alias = *alias;
        if !publish.topic.is_empty() {
            self.set.insert(alias, publish.topic.clone());
            return Ok(());
        }
        let topic = self.set.get(&alias).ok_or(alias)?;
        publish.topic = topic.clone();
        Ok(())
    }

    /// The aliases set, by alias.
    pub fn set(&self) -> Vec<(u16, TopicName)> {
        self.set.iter().map(|(a, t)| (*a, t.clone())).collect()
    }
}

/// The aliases given on one connection, within the receiver's Topic Alias Maximum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutgoingAliases {
    max: u16,
    given: LiteMap<TopicName, u16>,
}

impl OutgoingAliases {
    /// None given yet; the receiver accepts aliases 1 to `max` (0: none).
    pub fn new(max: u16) -> OutgoingAliases {
        OutgoingAliases {
            max,
            given: LiteMap::new(),
        }
    }

    /// Gives `publish` an alias: the first PUBLISH on a topic carries the topic and its new
    /// alias, the next ones the alias and an empty topic; once the maximum is used up, new
    /// topics go out in full.
    pub fn apply(&mut self, publish: &mut Publish) {
        let alias = match self.given.get(&publish.topic) {
            Some(&a) => {
                publish.topic = TopicName::alias_only();
                a
            }
            None => {
                let next = u16::try_from(self.given.len() + 1).unwrap_or(u16::MAX);
                if next > self.max {
                    return;
                }
                self.given.insert(publish.topic.clone(), next);
                next
            }
        };
        publish.properties.0.push(Property::TopicAlias(alias));
    }

    /// The receiver's maximum.
    pub fn max(&self) -> u16 {
        self.max
    }

    /// The aliases given, by alias.
    pub fn given(&self) -> Vec<(u16, TopicName)> {
        let mut all: Vec<(u16, TopicName)> =
            self.given.iter().map(|(t, a)| (*a, t.clone())).collect();
        all.sort();
        all
    }
}
