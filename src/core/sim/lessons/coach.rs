//! The lesson's coach: when a message the lesson is about does not reach the device its goal
//! names, it says why, from the run itself: the device is not connected, it has no
//! subscription, another device was subscribed instead, or its filter failed at a level.
//! Typed and language-free: the page writes the words.

use crate::core::sim::world::World;
use crate::core::topic::{explain, TopicFilter, TopicName};
use crate::core::trace::{MsgId, TraceEvent, TraceKind};

/// What a lesson's goal watches: a device, and the topics (a filter) it should receive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watch {
    /// The device the goal is about.
    pub device: String,
    /// The topics it should receive.
    pub topics: String,
}

/// Why a message the lesson is about did not reach the device its goal names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Advice {
    /// The device is not connected.
    Offline {
        /// The device.
        device: String,
    },
    /// The device has no subscription at all.
    NotSubscribed {
        /// The device.
        device: String,
        /// The message's topic.
        topic: TopicName,
    },
    /// Another device got the message, the one the goal names did not: the wrong device was
    /// subscribed.
    WrongDevice {
        /// The device the goal names.
        wanted: String,
        /// The device that got it.
        got: String,
        /// The message's topic.
        topic: TopicName,
    },
    /// The device's filter did not match the topic.
    FilterMissed {
        /// The device.
        device: String,
        /// Its filter that came closest (failed at the deepest level).
        filter: TopicFilter,
        /// The message's topic.
        topic: TopicName,
        /// The message.
        msg: MsgId,
    },
}

impl Advice {
    /// The level where the filter failed, for [`Advice::FilterMissed`].
    pub fn failed_level(&self) -> Option<u32> {
        match self {
            Advice::FilterMissed { filter, topic, .. } => explain(filter, topic).failed_at(),
            _ => None,
        }
    }
}

/// Trace events looked back over for the newest message a watch is about.
const LOOK_BACK: usize = 4_000;

/// Advice for the first watch whose device missed the newest message it is about; `None`
/// when each got its message, or nothing has been published on their topics lately. A
/// device with no subscription is only named once the student has acted (before, the
/// lesson's own text says what to do).
pub fn advise(watches: &[Watch], world: &World, trace: &[TraceEvent]) -> Option<Advice> {
    let recent = &trace[trace.len().saturating_sub(LOOK_BACK)..];
    let acted = recent
        .iter()
        .any(|e| matches!(e.kind, TraceKind::ActionApplied { .. }));
    watches
        .iter()
        .find_map(|w| advise_one(w, watches, world, recent, acted))
}

fn advise_one(
    w: &Watch,
    watches: &[Watch],
    world: &World,
    trace: &[TraceEvent],
    acted: bool,
) -> Option<Advice> {
    let wanted = TopicFilter::new(w.topics.as_str()).ok()?;
    let device = world.device(&w.device)?;
    let client = device
        .config
        .client_id
        .as_deref()
        .unwrap_or(&device.config.name);
    // The newest message on a watched topic, and where its routing starts.
    let (at, msg, topic) = trace
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, e)| match &e.kind {
            TraceKind::Published {
                msg, topic, from, ..
            } if from.is_some() && wanted.matches(topic) => Some((i, *msg, topic.clone())),
            _ => None,
        })?;
    let trials: Vec<_> = trace[at..]
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::FilterTried {
                msg: m,
                client,
                filter,
                matched,
            } if *m == msg => Some((client, filter, *matched)),
            _ => None,
        })
        .collect();
    if trials.iter().any(|(c, _, ok)| *ok && &***c == client) {
        return None;
    }
    if !device.is_online() {
        return Some(Advice::Offline {
            device: w.device.to_string(),
        });
    }
    // Its filter that got furthest before failing.
    let closest = (trials.iter())
        .filter(|(c, ..)| &***c == client)
        .max_by_key(|(_, f, _)| explain(f, &topic).failed_at().unwrap_or(0));
    if let Some((_, filter, _)) = closest {
        return Some(Advice::FilterMissed {
            device: w.device.to_string(),
            filter: (*filter).clone(),
            topic,
            msg,
        });
    }
    // Another device got it: a mistake, unless a goal of its own wants it there.
    let other = (trials.iter())
        .filter(|(c, _, ok)| *ok && &***c != client)
        .map(|(c, ..)| device_named(world, c))
        .find(|got| {
            !(watches.iter()).any(|v| {
                v.device == *got
                    && TopicFilter::new(v.topics.as_str()).is_ok_and(|f| f.matches(&topic))
            })
        });
    match other {
        Some(got) if acted => Some(Advice::WrongDevice {
            wanted: w.device.to_string(),
            got,
            topic,
        }),
        _ if acted => Some(Advice::NotSubscribed {
            device: w.device.to_string(),
            topic,
        }),
        _ => None,
    }
}

/// The device whose client id this is (its name, unless it sets another id).
fn device_named(world: &World, client: &str) -> String {
    (world.device_of_client(client)).map_or_else(|| client.to_string(), |d| d.config.name.clone())
}

/// The message that shows what just happened when a lesson is passed: the newest one the
/// watched devices got, or else the newest one delivered to anyone (never a `$SYS` one). One
/// that waited in a queue first, if any: its story is the broker keeping it, then delivering.
pub fn story_msg(watches: &[Watch], world: &World, trace: &[TraceEvent]) -> Option<MsgId> {
    let clients: Vec<&str> = (watches.iter())
        .filter_map(|w| world.device(&w.device))
        .map(|d| d.config.client_id())
        .collect();
    let from_system = |msg: MsgId| {
        trace.iter().any(|e| {
            matches!(&e.kind, TraceKind::Published { msg: m, topic, .. } if *m == msg && topic.is_system())
        })
    };
    let newest = |(watched_only, queued_only): (bool, bool)| {
        trace.iter().rev().find_map(|e| {
            let (msg, client, queued) = match &e.kind {
                TraceKind::Delivered { msg, client, .. } => (msg, client, false),
                TraceKind::Queued { msg, client, .. } => (msg, client, true),
                _ => return None,
            };
            let watched = !watched_only || clients.contains(&&**client);
            ((queued || !queued_only) && watched && !from_system(*msg)).then_some(*msg)
        })
    };
    [(true, true), (true, false), (false, true), (false, false)]
        .into_iter()
        .find_map(newest)
}
