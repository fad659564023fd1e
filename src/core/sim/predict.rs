//! Predictions the engine answers itself. A lesson asks the student what will happen before
//! the stage plays it; the right answer (and the choices offered) are computed from the world
//! at that moment, never typed by an author. A message's fate is answered by playing it in a
//! copy of the world, so the answer is exactly what the stage then shows; a filter by matching.

use bytes::Bytes;

use crate::core::codec::PacketType;
use crate::core::misconception::Misconception;
use crate::core::scenario::action::Action;
use crate::core::scenario::Scenario;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::topic::{explain, TopicFilter, TopicName};
use crate::core::trace::{MsgId, TraceKind};
use crate::core::types::QoS;

/// Virtual time a message is followed for at most (an offline publisher's QoS 1 message may
/// wait for its reconnection).
const FOLLOW_MS: u64 = 60_000;
/// World events a prediction plays at most.
const BUDGET: usize = 200_000;

/// A question about what happens next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Which devices receive the next message `publisher` publishes on `topic`.
    Receivers {
        /// The publishing device.
        publisher: String,
        /// Its topic.
        topic: TopicName,
        /// Its QoS.
        qos: QoS,
        /// Its retain flag.
        retain: bool,
    },
    /// What a new subscriber to `filter` receives first: the retained messages it matches.
    RetainedFirst {
        /// The new subscription.
        filter: TopicFilter,
    },
    /// Which packets cross, in order, when a message published at `publish` reaches a
    /// subscriber at `subscribe`, and the QoS it is delivered with.
    Packets {
        /// The publisher's QoS.
        publish: QoS,
        /// The subscription's QoS.
        subscribe: QoS,
    },
    /// Whether `filter` matches `topic`.
    Matches {
        /// The filter.
        filter: TopicFilter,
        /// The topic.
        topic: TopicName,
    },
}

/// One packet on a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Its type.
    pub packet: PacketType,
    /// Towards the broker (else from it).
    pub to_broker: bool,
    /// On the publisher's link (else on the subscriber's).
    pub publisher: bool,
}

/// The engine's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Devices that receive it, in scenario order: at once, and later from the queue the
    /// broker keeps for an offline persistent session.
    Receivers {
        /// Delivered now.
        now: Vec<String>,
        /// Kept in an offline client's queue, delivered when it returns.
        queued: Vec<String>,
    },
    /// The retained messages it receives (topic order), with their payloads.
    RetainedFirst(Vec<(TopicName, Bytes)>),
    /// The packets in the order they cross, and the QoS of the delivery.
    Packets {
        /// The packets.
        hops: Vec<Hop>,
        /// The QoS the subscriber receives it with.
        delivered: QoS,
    },
    /// Whether it matches, and if not the level where it failed (from 1).
    Matches {
        /// Matched.
        matched: bool,
        /// The level that decided a mismatch.
        failed_at: Option<u32>,
    },
}

impl Answer {
    /// The answer a student gives who is right.
    pub fn given(&self) -> Given {
        match self {
            Answer::Receivers { now, queued } => {
                let mut all: Vec<String> = now.iter().chain(queued).cloned().collect();
                all.sort();
                all.dedup();
                Given::Receivers(all)
            }
            Answer::RetainedFirst(found) => {
                Given::RetainedFirst(found.iter().map(|(t, _)| t.clone()).collect())
            }
            Answer::Packets { delivered, .. } => Given::Delivered(*delivered),
            Answer::Matches { matched, .. } => Given::Matches(*matched),
        }
    }

    /// Whether a student's answer is this one (order aside).
    pub fn agrees(&self, given: &Given) -> bool {
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v.dedup();
            v
        };
        match (self.given(), given) {
            (Given::Receivers(a), Given::Receivers(b)) => a == sorted(b.clone()),
            (Given::RetainedFirst(a), Given::RetainedFirst(b)) => {
                let names = |v: &[TopicName]| sorted(v.iter().map(|t| t.as_str().into()).collect());
                names(&a) == names(b)
            }
            (a, b) => a == *b,
        }
    }
}

/// Why a question cannot be answered in this world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PredictError {
    /// No device has this name.
    NoSuchDevice(String),
    /// The device has no MQTT client (an eavesdropper).
    NoClient(String),
}

/// Whether the question can be asked now: a message's publisher must be connected (a QoS 0
/// message from a device still connecting would be dropped, and there would be nothing to
/// watch), and the broker must see every device as it is: a phone that has just sent its
/// DISCONNECT is still connected to the broker until it arrives, and a message routed in
/// between would still reach it.
pub fn ready(world: &World, question: &Question) -> bool {
    match question {
        Question::Receivers { publisher, .. } => {
            world.device(publisher).is_some_and(|d| d.is_online()) && settled(world)
        }
        _ => true,
    }
}

/// Whether each device with a client is online exactly when the broker has it connected.
fn settled(world: &World) -> bool {
    (world.devices().iter())
        .filter(|d| d.config.kind.has_client())
        .all(|d| {
            let held = world.broker().session(d.config.client_id());
            d.is_online() == held.is_some_and(|s| s.conn.is_some())
        })
}

/// Answers a question in the world as it stands (the world is not changed).
pub fn answer(world: &World, question: &Question) -> Result<Answer, PredictError> {
    match question {
        Question::Receivers {
            publisher,
            topic,
            qos,
            retain,
        } => receivers(world, publisher, topic, *qos, *retain),
        Question::RetainedFirst { filter } => {
            let mut found: Vec<(TopicName, Bytes)> = (world.broker().retained())
                .filter(|m| filter.matches(&m.topic))
                .map(|m| (m.topic.clone(), m.payload.clone()))
                .collect();
            found.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
            Ok(Answer::RetainedFirst(found))
        }
        Question::Packets { publish, subscribe } => Ok(packets(*publish, *subscribe)),
        Question::Matches { filter, topic } => {
            let e = explain(filter, topic);
            Ok(Answer::Matches {
                matched: e.matched,
                failed_at: e.failed_at(),
            })
        }
    }
}

/// The devices a question about receivers offers as choices: every one with an MQTT client,
/// in scenario order.
pub fn receiver_choices(world: &World) -> Vec<String> {
    (world.devices().iter())
        .filter(|d| d.config.kind.has_client())
        .map(|d| d.config.name.clone())
        .collect()
}

/// The topics a question about retained messages offers as choices: those the broker keeps a
/// retained message for, and those the devices publish on, in text order.
pub fn topic_choices(world: &World) -> Vec<TopicName> {
    use crate::core::scenario::DeviceKind;
    let mut topics: Vec<TopicName> = world.broker().retained().map(|m| m.topic.clone()).collect();
    for d in world.devices() {
        match &d.config.kind {
            DeviceKind::Sensor { topic, .. } | DeviceKind::Intruder { topic, .. } => {
                topics.push(topic.clone())
            }
            DeviceKind::Actuator { state_topic, .. } => topics.push(state_topic.clone()),
            DeviceKind::Custom { publishes, .. } => {
                topics.extend(publishes.iter().map(|p| p.topic.clone()))
            }
            _ => {}
        }
    }
    topics.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    topics.dedup();
    topics
}

fn publish_action(device: &str, topic: &TopicName, qos: QoS, retain: bool) -> Action {
    Action::Publish {
        device: device.to_string(),
        topic: topic.clone(),
        payload: "?".to_string(),
        qos,
        retain,
        expiry: None,
        response_topic: None,
        correlation: None,
    }
}

fn receivers(
    world: &World,
    publisher: &str,
    topic: &TopicName,
    qos: QoS,
    retain: bool,
) -> Result<Answer, PredictError> {
    let device = world
        .device(publisher)
        .ok_or_else(|| PredictError::NoSuchDevice(publisher.to_string()))?;
    if !device.config.kind.has_client() {
        return Err(PredictError::NoClient(publisher.to_string()));
    }
    let client = device.config.client_id().to_string();
    let mut copy = world.clone();
    copy.drain_trace();
    let action = publish_action(publisher, topic, qos, retain);
    if copy.apply(action).is_err() {
        return Err(PredictError::NoSuchDevice(publisher.to_string()));
    }
    let until = copy.now() + FOLLOW_MS;
    let mut msg: Option<MsgId> = None;
    let (mut now, mut queued) = (Vec::new(), Vec::new());
    let mut played = 0;
    // Played in slices, so a message routed early ends the play early.
    while copy.now() < until && played < BUDGET {
        let slice = (copy.now() + 1_000).min(until);
        copy.run_until(slice, BUDGET / 20);
        played += BUDGET / 20;
        for e in copy.drain_trace() {
            match &e.kind {
                TraceKind::Published {
                    msg: m,
                    from: Some(from),
                    topic: t,
                    ..
                } if msg.is_none() && **from == *client && t == topic => msg = Some(*m),
                TraceKind::Delivered { msg: m, client, .. } if Some(*m) == msg => {
                    now.push(client.to_string())
                }
                TraceKind::Queued { msg: m, client, .. } if Some(*m) == msg => {
                    queued.push(client.to_string())
                }
                _ => {}
            }
        }
        if msg.is_some() {
            // Routing happens the moment the broker takes it in.
            break;
        }
    }
    let named = |clients: Vec<String>| -> Vec<String> {
        (world.devices().iter())
            .filter(|d| clients.iter().any(|c| c == d.config.client_id()))
            .map(|d| d.config.name.clone())
            .collect()
    };
    Ok(Answer::Receivers {
        now: named(now),
        queued: named(queued),
    })
}

/// A message at `publish` QoS to a subscriber at `subscribe` QoS, played on two quiet links.
fn packets(publish: QoS, subscribe: QoS) -> Answer {
    let json = format!(
        r#"{{ "version": 1, "seed": 1, "devices": [
            {{ "name": "pub", "kind": {{ "type": "phone", "filters": [] }} }},
            {{ "name": "sub", "kind": {{ "type": "dashboard",
                "filters": [ {{ "filter": "t", "qos": {} }} ] }} }} ] }}"#,
        subscribe.as_u8()
    );
    let mut hops = Vec::new();
    let mut delivered = QoS::AtMostOnce;
    let Ok(scenario) = Scenario::from_json(&json) else {
        return Answer::Packets { hops, delivered };
    };
    let Ok(mut world) = World::new(&scenario) else {
        return Answer::Packets { hops, delivered };
    };
    world.run_until(Time::from_millis(2_000), BUDGET);
    world.drain_trace();
    let topic = TopicName::new("t").ok();
    if let Some(t) = topic {
        let _ = world.apply(publish_action("pub", &t, publish, false));
    }
    world.run_until(world.now() + 5_000, BUDGET);
    for e in world.drain_trace() {
        match &e.kind {
            TraceKind::Transmitted {
                device,
                to_broker,
                packet: Some(p),
                ..
            } if !matches!(p, PacketType::PingReq | PacketType::PingResp) => hops.push(Hop {
                packet: *p,
                to_broker: *to_broker,
                publisher: &**device == "pub",
            }),
            TraceKind::DeviceReceived { qos, .. } => delivered = *qos,
            _ => {}
        }
    }
    Answer::Packets { hops, delivered }
}

/// What a student answered to a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Given {
    /// The devices they expect to receive it.
    Receivers(Vec<String>),
    /// The topics whose retained messages they expect a new subscriber to get.
    RetainedFirst(Vec<TopicName>),
    /// The QoS they expect the subscriber to receive it with.
    Delivered(QoS),
    /// Whether they expect the filter to match.
    Matches(bool),
}

/// The misconceptions a wrong answer shows, each once, in a fixed order (empty when the answer
/// is right, or when no known mistake explains it).
pub fn mistakes(
    world: &World,
    question: &Question,
    given: &Given,
) -> Result<Vec<Misconception>, PredictError> {
    let mut found = Vec::new();
    match (question, given, answer(world, question)?) {
        (
            Question::Receivers { topic, .. },
            Given::Receivers(chosen),
            Answer::Receivers { now, queued },
        ) => {
            let gets = |d: &String| now.contains(d) || queued.contains(d);
            for name in chosen.iter().filter(|d| !gets(d)) {
                let Some(d) = world.device(name) else {
                    continue;
                };
                let filters = filters_of(d.subscriptions().keys());
                let why = filters.iter().find_map(|f| looks_like_a_match(f, topic));
                match why {
                    Some(m) => found.push(m),
                    // Subscribed, but offline without a kept session (or a QoS 0 message).
                    None if filters.iter().any(|f| f.matches(topic)) => {
                        if !d.is_online() {
                            found.push(Misconception::PersistentSessionQueues)
                        }
                    }
                    // No filter of it comes near the topic.
                    None => found.push(Misconception::OnlySubscribersReceive),
                }
            }
            for name in now.iter().chain(&queued).filter(|d| !chosen.contains(d)) {
                if queued.contains(name) {
                    found.push(Misconception::PersistentSessionQueues);
                } else if let Some(d) = world.device(name) {
                    let filters = filters_of(d.subscriptions().keys());
                    if filters.iter().any(|f| matches_only_as_parent(f, topic)) {
                        found.push(Misconception::HashMatchesParent);
                    }
                }
            }
        }
        (
            Question::RetainedFirst { filter },
            Given::RetainedFirst(chosen),
            Answer::RetainedFirst(truth),
        ) => {
            for t in chosen.iter().filter(|t| truth.iter().all(|(r, _)| r != *t)) {
                let retained = world.broker().retained().any(|m| m.topic == *t);
                match looks_like_a_match(filter, t) {
                    Some(m) if retained => found.push(m),
                    _ if !retained => found.push(Misconception::RetainedIsNotQueued),
                    _ => {}
                }
            }
            for (t, _) in truth.iter().filter(|(t, _)| !chosen.contains(t)) {
                if matches_only_as_parent(filter, t) {
                    found.push(Misconception::HashMatchesParent);
                }
            }
        }
        (Question::Packets { .. }, Given::Delivered(q), Answer::Packets { delivered, .. })
            if *q != delivered =>
        {
            found.push(Misconception::QosIsTheLower)
        }
        (
            Question::Matches { filter, topic },
            Given::Matches(said),
            Answer::Matches { matched, .. },
        ) => match (*said, matched) {
            (true, false) => found.extend(looks_like_a_match(filter, topic)),
            (false, true) if matches_only_as_parent(filter, topic) => {
                found.push(Misconception::HashMatchesParent)
            }
            _ => {}
        },
        _ => {}
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn filters_of<'a>(texts: impl Iterator<Item = &'a String>) -> Vec<TopicFilter> {
    texts
        .filter_map(|f| TopicFilter::new(f.as_str()).ok())
        .collect()
}

/// Why someone may think `filter` matches `topic` when it does not: the `$` rule, case or a
/// leading slash, or `+` taken for several levels.
fn looks_like_a_match(filter: &TopicFilter, topic: &TopicName) -> Option<Misconception> {
    if filter.matches(topic) {
        return None;
    }
    let (f, t) = (filter.as_str(), topic.as_str());
    if t.starts_with('$') && (f.starts_with('#') || f.starts_with('+')) {
        return Some(Misconception::WildcardSkipsDollar);
    }
    let loose = |s: &str| s.trim_start_matches('/').to_ascii_lowercase();
    let (lf, lt) = (loose(f), loose(t));
    if let (Ok(lf), Ok(lt)) = (TopicFilter::new(lf.as_str()), TopicName::new(lt.as_str())) {
        if lf.matches(&lt) {
            return Some(Misconception::TopicsAreExact);
        }
    }
    let levels: Vec<&str> = t.split('/').collect();
    let pattern: Vec<&str> = f.split('/').collect();
    greedy_plus(&pattern, &levels).then_some(Misconception::PlusIsOneLevel)
}

/// Matching where `+` may take one level or more (the mistaken reading).
fn greedy_plus(filter: &[&str], topic: &[&str]) -> bool {
    match (filter.first(), topic.first()) {
        (None, None) => true,
        (Some(&"#"), _) => true,
        (Some(&"+"), Some(_)) => (1..=topic.len()).any(|n| greedy_plus(&filter[1..], &topic[n..])),
        (Some(f), Some(t)) if f == t => greedy_plus(&filter[1..], &topic[1..]),
        _ => false,
    }
}

/// Whether `filter` matches `topic` only because `#` takes the parent level (`Casa/#` and
/// `Casa`).
fn matches_only_as_parent(filter: &TopicFilter, topic: &TopicName) -> bool {
    filter.matches(topic)
        && filter
            .as_str()
            .strip_suffix("/#")
            .is_some_and(|parent| parent == topic.as_str())
}
