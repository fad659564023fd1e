//! Topic aliases a sender gives its own PUBLISH packets on one connection (MQTT 5,
//! [§3.3.2.3.4]): the broker towards a client, or a client towards the broker.

use litemap::LiteMap;

use super::{Property, Publish};
use crate::core::topic::TopicName;

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
