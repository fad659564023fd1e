//! The coach's texts: why a device missed its message, and a message's journey told as a
//! story (after a lesson is passed, and at the top of the journey). Only the coach's and the
//! journey's parts read them, so they travel with those lazily loaded chunks.

use super::{keys, Lang};

keys! {
    /// A key into the coach's catalogue.
    CoachText => coach_text;
    /// Before the story of a pass.
    WhatHappened,
    /// Open the story's message journey.
    SeeJourney,
    /// Open the next lesson.
    NextLesson,
    /// After the last lesson.
    LastLesson,
    /// The story's heading in the journey.
    StoryTitle,
}

/// Messages with values, each sentence whole in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoachMsg<'a> {
    /// The device is offline.
    Offline(&'a str),
    /// The device has no subscription.
    NotSubscribed {
        /// The device.
        device: &'a str,
        /// The message's topic.
        topic: &'a str,
    },
    /// Another device was subscribed.
    WrongDevice {
        /// The device the goal names.
        wanted: &'a str,
        /// The device that got the message.
        got: &'a str,
        /// The message's topic.
        topic: &'a str,
    },
    /// The device's filter did not match.
    FilterMissed {
        /// The device.
        device: &'a str,
        /// Its filter.
        filter: &'a str,
        /// The message's topic.
        topic: &'a str,
        /// The level that failed, as a sentence.
        why: &'a str,
    },
    /// Who published what, where (`from: None`: the broker).
    Published {
        /// The publisher.
        from: Option<&'a str>,
        /// The payload, as text.
        payload: Option<&'a str>,
        /// The topic.
        topic: &'a str,
        /// The QoS it was published with.
        qos: u8,
    },
    /// Kept as retained.
    Retained,
    /// A filter matched.
    Matched {
        /// The subscriber.
        client: &'a str,
        /// Its filter.
        filter: &'a str,
    },
    /// A filter that did not match.
    NotMatched {
        /// The subscriber.
        client: &'a str,
        /// Its filter.
        filter: &'a str,
    },
    /// More filters that did not match.
    Missed(usize),
    /// Delivered (on subscribing, as the retained message).
    Delivered {
        /// The subscriber.
        client: &'a str,
        /// The delivery's QoS.
        qos: u8,
        /// As the retained message of a new subscription.
        retained: bool,
    },
    /// Waiting in an offline subscriber's queue.
    Queued(&'a str),
    /// Dropped for a subscriber.
    Dropped {
        /// The subscriber.
        client: &'a str,
        /// Why.
        why: &'a str,
    },
    /// An acknowledgement.
    Acked {
        /// The client at the other end.
        client: &'a str,
        /// The packet.
        packet: &'a str,
        /// From the client to the broker.
        to_broker: bool,
    },
}

impl CoachMsg<'_> {
    /// The sentence in a language.
    pub fn render(self, lang: Lang) -> String {
        in_language!(lang, coach_msg(self))
    }
}
