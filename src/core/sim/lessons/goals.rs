//! Goals written as data: a small vocabulary of checks on the world and its trace, each naming
//! the devices, topics and payloads it is about, so an author (or the builder) writes a goal
//! without code. In JSON, `{"type": "receives", "device": "panel", "topic": "Casa/+/Temperatura"}`.
//! (The built-in lessons' goals are still checked by `checks.rs`; the vocabulary grows to
//! cover them, `tests/goals.rs` holding both to the same answers.)

use serde_json::Value;

use crate::core::json_read::{tagged, At, FromJson, Read};
use crate::core::scenario::action::Action;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::{DeviceChange, TraceEvent, TraceKind};

/// Milliseconds after a subscription changes before what arrives counts (messages already on
/// their way were routed by the old subscriptions).
const SETTLE_MS: u64 = 1_000;

/// One goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The device's application received a message: on a topic `topic` matches (any, if
    /// none), with `payload` (any), retained or not (either).
    Receives {
        /// The device.
        device: String,
        /// A filter the topic matches.
        topic: Option<TopicFilter>,
        /// The payload, exactly.
        payload: Option<String>,
        /// Whether it came as a retained message.
        retained: Option<bool>,
    },
    /// Since its subscriptions last changed, the device received messages on exactly these
    /// topics, and on no other.
    ReceivesExactly {
        /// The device.
        device: String,
        /// The topics.
        topics: Vec<TopicName>,
    },
    /// The device holds `count` subscriptions (if given), none matching a topic of `not`.
    Subscriptions {
        /// The device.
        device: String,
        /// How many.
        count: Option<usize>,
        /// Topics no filter of it may match.
        not: Vec<TopicName>,
    },
    /// A message for the device waited in the broker's queue (it was offline with a kept
    /// session).
    Queued {
        /// The device.
        device: String,
    },
    /// After a message waited for it, the device came back to its session, received, and its
    /// queue is empty.
    QueueDelivered {
        /// The device.
        device: String,
    },
    /// The broker published the device's last will.
    WillFired {
        /// The device.
        device: String,
    },
    /// The device's state (a light's, a sensor's last reading) is this.
    State {
        /// The device.
        device: String,
        /// Its state.
        state: String,
    },
    /// Every one of these holds.
    All(Vec<Goal>),
}

impl FromJson for Goal {
    fn read(v: &Value, at: At) -> Read<Goal> {
        Ok(tagged!(o = v, at;
            "receives" => Goal::Receives {
                device: o.req("device")?,
                topic: o.opt("topic")?,
                payload: o.opt("payload")?,
                retained: o.opt("retained")?,
            },
            "receives_exactly" => Goal::ReceivesExactly {
                device: o.req("device")?,
                topics: o.req("topics")?,
            },
            "subscriptions" => Goal::Subscriptions {
                device: o.req("device")?,
                count: o.opt("count")?,
                not: o.or("not", Vec::new())?,
            },
            "queued" => Goal::Queued { device: o.req("device")? },
            "queue_delivered" => Goal::QueueDelivered { device: o.req("device")? },
            "will_fired" => Goal::WillFired { device: o.req("device")? },
            "state" => Goal::State {
                device: o.req("device")?,
                state: o.req("state")?,
            },
            "all" => Goal::All(o.req("goals")?),
        ))
    }
}

impl Goal {
    /// Whether it holds in this world, given its trace.
    pub fn holds(&self, world: &World, trace: &[TraceEvent]) -> bool {
        match self {
            Goal::Receives {
                device,
                topic,
                payload,
                retained,
            } => received(trace, device).any(|r| {
                topic.as_ref().is_none_or(|f| f.matches(r.topic))
                    && payload.as_ref().is_none_or(|p| p.as_bytes() == r.payload)
                    && retained.is_none_or(|k| k == r.retain)
            }),
            Goal::ReceivesExactly { device, topics } => {
                let since = settled_since(trace, device);
                let mut got: Vec<&str> = received(trace, device)
                    .filter(|r| r.at > since)
                    .map(|r| r.topic.as_str())
                    .collect();
                got.sort_unstable();
                got.dedup();
                let mut wanted: Vec<&str> = topics.iter().map(TopicName::as_str).collect();
                wanted.sort_unstable();
                wanted.dedup();
                got == wanted
            }
            Goal::Subscriptions { device, count, not } => world.device(device).is_some_and(|d| {
                let subs = d.subscriptions();
                count.is_none_or(|n| subs.len() == n)
                    && subs.keys().all(|f| {
                        TopicFilter::new(f.as_str())
                            .map_or(true, |f| not.iter().all(|t| !f.matches(t)))
                    })
            }),
            Goal::Queued { device } => queued_at(world, trace, device).is_some(),
            Goal::QueueDelivered { device } => {
                let Some(q) = queued_at(world, trace, device) else {
                    return false;
                };
                let resumed = trace[q..].iter().position(|e| {
                    matches!(&e.kind, TraceKind::DeviceChanged { device: d, change: DeviceChange::Online { session_present: true } } if **d == **device)
                });
                let client = client_of(world, device);
                let emptied = (world.broker().session(client)).is_some_and(|s| {
                    s.queue.is_empty() && s.inflight.is_empty() && s.conn.is_some()
                });
                emptied
                    && resumed.is_some_and(|r| received(&trace[q + r..], device).next().is_some())
            }
            Goal::WillFired { device } => {
                let client = client_of(world, device);
                trace.iter().any(
                    |e| matches!(&e.kind, TraceKind::WillFired { client: c, .. } if **c == *client),
                )
            }
            Goal::State { device, state } => {
                world.device(device).is_some_and(|d| d.state == *state)
            }
            Goal::All(goals) => goals.iter().all(|g| g.holds(world, trace)),
        }
    }
}

/// A message a device's application received.
pub(super) struct Received<'a> {
    /// When.
    pub(super) at: Time,
    /// Its topic.
    pub(super) topic: &'a TopicName,
    /// Its payload.
    pub(super) payload: &'a [u8],
    /// Whether it came as a retained message.
    pub(super) retain: bool,
}

/// The messages a device's application received, in order.
pub(super) fn received<'a>(
    trace: &'a [TraceEvent],
    name: &'a str,
) -> impl Iterator<Item = Received<'a>> {
    trace.iter().filter_map(move |e| match &e.kind {
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            retain,
            ..
        } if &**device == name => Some(Received {
            at: e.at,
            topic,
            payload,
            retain: *retain,
        }),
        _ => None,
    })
}

/// When the device's subscriptions last changed by an action, plus [`SETTLE_MS`] for messages
/// already on their way (what arrived before does not count); the start if they never did.
pub(super) fn settled_since(trace: &[TraceEvent], name: &str) -> Time {
    (trace.iter().rev())
        .find(|e| match &e.kind {
            TraceKind::ActionApplied { action } => matches!(
                &**action,
                Action::Subscribe { device, .. } | Action::Unsubscribe { device, .. }
                    if device == name
            ),
            _ => false,
        })
        .map_or(Time::ZERO, |e| e.at.plus_millis(SETTLE_MS))
}

fn client_of<'a>(world: &'a World, device: &'a str) -> &'a str {
    world
        .device(device)
        .map_or(device, |d| d.config.client_id())
}

/// Where in the trace a message first waited in the device's queue.
fn queued_at(world: &World, trace: &[TraceEvent], device: &str) -> Option<usize> {
    let client = client_of(world, device);
    trace
        .iter()
        .position(|e| matches!(&e.kind, TraceKind::Queued { client: c, .. } if **c == *client))
}
