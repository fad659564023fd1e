//! The usual MQTT mistakes, named in a student's words: a short name, then what is true.

use crate::core::misconception::Misconception;
use crate::i18n::Told;

/// [`crate::i18n::Language::misconception`] in English.
pub(super) fn misconception(m: Misconception) -> Told {
    use Misconception::*;
    match m {
        PlusIsOneLevel => (
            "“+” takes exactly one level",
            "In a filter, + stands for one level, never two: Casa/+/Temperatura takes Casa/Cocina/Temperatura but not Casa/Planta1/Cocina/Temperatura.",
        ),
        HashMatchesParent => (
            "“#” also takes the level above it",
            "Casa/# takes everything under Casa, and also the topic Casa itself.",
        ),
        WildcardSkipsDollar => (
            "“#” does not take $SYS",
            "Topics that start with $ are the broker's own: a filter that starts with # or + never takes them. Subscribe to $SYS/# to see them.",
        ),
        QosIsTheLower => (
            "The lower QoS wins",
            "A message arrives with the lower of two QoS: the one it was published with and the one of the subscription.",
        ),
        RetainedIsNotQueued => (
            "Retained is not a queue",
            "The broker keeps only the last retained message of each topic, for whoever subscribes later. Messages published without retain are not kept.",
        ),
        PersistentSessionQueues => (
            "Only a persistent session waits for you",
            "With a persistent session (clean session off), the broker keeps your subscriptions while you are offline and queues QoS 1 and 2 messages for you, like SMS. With a clean session it keeps nothing.",
        ),
        TopicsAreExact => (
            "Topics are exact",
            "Capital letters count (Casa is not casa), and so does a slash at the start (/Casa is not Casa).",
        ),
        NothingKeptForNobody => (
            "Nobody subscribed, nothing kept",
            "If no one is subscribed, a message without retain is gone: the broker does not store it for later subscribers.",
        ),
        OnlySubscribersReceive => (
            "Only subscribers receive",
            "The broker does not hand messages to everyone: only to clients subscribed to a filter that matches the topic. No subscription, nothing arrives.",
        ),
        SameIdTakesOver => (
            "Two clients cannot share an id",
            "If a second client connects with the same client id, the broker gives the session to it and disconnects the first one.",
        ),
        WillOnlyOnDeath => (
            "The will is only for a death",
            "The broker publishes the last will only when the connection dies without a DISCONNECT (cable pulled, keep-alive expired). A client that says goodbye with DISCONNECT leaves no will.",
        ),
    }
}
