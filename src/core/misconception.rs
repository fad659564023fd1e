//! The usual MQTT mistakes, named: a wrong prediction or answer is mapped to the one it shows
//! (`core::predict::mistakes`), and the catalogue says each in a student's words.

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
}

impl Misconception {
    /// Every one, in the order a course meets them.
    pub const ALL: [Misconception; 8] = [
        Misconception::TopicsAreExact,
        Misconception::PlusIsOneLevel,
        Misconception::HashMatchesParent,
        Misconception::WildcardSkipsDollar,
        Misconception::NothingKeptForNobody,
        Misconception::PersistentSessionQueues,
        Misconception::RetainedIsNotQueued,
        Misconception::QosIsTheLower,
    ];
}
