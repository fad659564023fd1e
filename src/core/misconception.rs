//! The usual MQTT mistakes, named: a wrong prediction or answer is mapped to the one it shows
//! (`core::sim::predict::mistakes`), and the catalogue says each in a student's words.

/// A wrong idea about MQTT that students commonly hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Misconception {
    /// Thinking `+` can take several levels: it takes exactly one.
    PlusIsOneLevel,
    /// Thinking `#` does not match the parent level: `Casa/#` also matches `Casa`.
    HashMatchesParent,
    /// Thinking `#` (or a leading `+`) matches the broker's `$SYS` topics: it does not.
    WildcardSkipsDollar,
    /// Thinking a message arrives with the QoS it was published with: it arrives with the
    /// lower of that and the subscription's QoS.
    QosIsTheLower,
    /// Thinking a retained message is a queue: the broker keeps only the last one per topic,
    /// for new subscribers, and keeps no history.
    RetainedIsNotQueued,
    /// Thinking an offline client misses everything: a persistent session keeps its
    /// subscriptions and queues QoS 1 and 2 messages; a clean session keeps nothing.
    PersistentSessionQueues,
    /// Thinking topics are loose: they are case-sensitive, and `/Casa` is not `Casa`.
    TopicsAreExact,
    /// Thinking the broker keeps messages nobody subscribed to: without retain, a message
    /// with no subscriber is gone.
    NothingKeptForNobody,
    /// Thinking a message reaches every device (or the one it is "for"): the broker hands it
    /// only to clients subscribed to a filter that matches its topic.
    OnlySubscribersReceive,
    /// Thinking two clients can share a client id: the second one's connection takes the
    /// session over, and the broker disconnects the first.
    SameIdTakesOver,
    /// Thinking the will is sent whenever a client leaves: only when its connection dies
    /// without a DISCONNECT (a pulled plug, a keep-alive timeout).
    WillOnlyOnDeath,
}

impl Misconception {
    /// Every one, in the order a course meets them.
    pub const ALL: [Misconception; 11] = [
        Misconception::OnlySubscribersReceive,
        Misconception::TopicsAreExact,
        Misconception::PlusIsOneLevel,
        Misconception::HashMatchesParent,
        Misconception::WildcardSkipsDollar,
        Misconception::NothingKeptForNobody,
        Misconception::PersistentSessionQueues,
        Misconception::RetainedIsNotQueued,
        Misconception::QosIsTheLower,
        Misconception::WillOnlyOnDeath,
        Misconception::SameIdTakesOver,
    ];

    /// Its name in lesson files (`plus_is_one_level`): an identifier, never shown.
    pub fn name(self) -> &'static str {
        match self {
            Misconception::PlusIsOneLevel => "plus_is_one_level",
            Misconception::HashMatchesParent => "hash_matches_parent",
            Misconception::WildcardSkipsDollar => "wildcard_skips_dollar",
            Misconception::QosIsTheLower => "qos_is_the_lower",
            Misconception::RetainedIsNotQueued => "retained_is_not_queued",
            Misconception::PersistentSessionQueues => "persistent_session_queues",
            Misconception::TopicsAreExact => "topics_are_exact",
            Misconception::NothingKeptForNobody => "nothing_kept_for_nobody",
            Misconception::OnlySubscribersReceive => "only_subscribers_receive",
            Misconception::SameIdTakesOver => "same_id_takes_over",
            Misconception::WillOnlyOnDeath => "will_only_on_death",
        }
    }

    /// The built-in lesson that works on it (by id).
    pub fn lesson(self) -> &'static str {
        match self {
            Misconception::OnlySubscribersReceive | Misconception::TopicsAreExact => "pubsub",
            Misconception::PlusIsOneLevel
            | Misconception::HashMatchesParent
            | Misconception::WildcardSkipsDollar => "wildcards",
            Misconception::PersistentSessionQueues | Misconception::SameIdTakesOver => "queue",
            Misconception::QosIsTheLower => "qos",
            Misconception::RetainedIsNotQueued | Misconception::NothingKeptForNobody => "retained",
            Misconception::WillOnlyOnDeath => "will",
        }
    }

    /// The one with this name.
    pub fn named(name: &str) -> Option<Misconception> {
        Misconception::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl crate::core::json_read::FromJson for Misconception {
    fn read(
        v: &serde_json::Value,
        at: crate::core::json_read::At,
    ) -> crate::core::json_read::Read<Misconception> {
        let pairs = Misconception::ALL.map(|m| (m.name(), m));
        crate::core::json_read::one_of(v, at, &pairs)
    }
}
