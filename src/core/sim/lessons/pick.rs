//! Goals by pointing: the checks a message's journey satisfies ("panel receives 21.3 from
//! Casa/Cocina/Temperatura", "the broker routed it from cocina to panel", "it waited in
//! movil's queue"…), most particular first, and the ways to widen one (any payload, at
//! least N, within S seconds). Each goal offered holds on the run it was picked from. Or a
//! goal composed in a form from the vocabulary's everyday types.

use litemap::LiteMap;

use super::goals::Goal;
use crate::core::journey::{Fate, Journey};
use crate::core::json_read::{err, Problem, ScenarioError};
use crate::core::sim::world::World;
use crate::core::topic::{TopicFilter, TopicName};

/// How a picked goal is widened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Widen {
    /// Any payload, not only the one picked.
    pub any_payload: bool,
    /// From any device, not only the one picked (a received message: any topic the
    /// device's subscriptions bring).
    pub any_topic: bool,
    /// How many, at least (0 and 1: one).
    pub at_least: usize,
    /// Only in the last this many virtual seconds (0: any time).
    pub within: u64,
}

/// The goals the message's journey satisfies, most particular first.
pub fn goals_for(journey: &Journey, payload: Option<&str>, world: &World) -> Vec<Goal> {
    let name = |client: &str| {
        world
            .device_of_client(client)
            .map_or_else(|| client.to_string(), |d| d.config.name.clone())
    };
    let topic = TopicFilter::new(journey.topic.as_str()).ok();
    let from = journey.from.as_deref().map(name);
    let mut out = Vec::new();
    if journey.refused {
        if let Some(from) = &from {
            out.push(Goal::Refused {
                device: from.clone(),
                code: None,
            });
        }
        return out;
    }
    // Each receiver once, in the order it was reached.
    let mut reached: LiteMap<String, bool> = LiteMap::new();
    let mut order = Vec::new();
    for (client, fate) in &journey.fates {
        let device = name(client);
        let queued = matches!(fate, Fate::Queued(..));
        let got = matches!(fate, Fate::Delivered(..) | Fate::RetainedSent(..));
        if (queued || got) && reached.get(&device).is_none() {
            order.push(device.clone());
            reached.insert(device.clone(), false);
        }
        if queued {
            reached.insert(device, true);
        }
    }
    for device in &order {
        out.push(Goal::Receives {
            device: device.clone(),
            topic: topic.clone(),
            payload: payload.map(str::to_string),
            retained: None,
            qos: None,
            at_least: 1,
        });
        if let Some(from) = &from {
            out.push(Goal::Routed {
                from: from.clone(),
                to: device.clone(),
                topic: topic.clone(),
                every: false,
                at_least: 1,
            });
        }
        if reached.get(device) == Some(&true) {
            out.push(Goal::Queued {
                device: device.clone(),
            });
        }
    }
    if journey.retain {
        out.push(Goal::Retained {
            topic: journey.topic.clone(),
            payload: payload.map(str::to_string),
        });
    }
    if let Some(from) = from {
        out.push(Goal::Sent {
            device: from.clone(),
            topic,
            qos: None,
            at_least: 1,
        });
        out.push(Goal::Published { device: from });
    }
    out
}

/// The goal widened as asked.
pub fn widen(goal: &Goal, how: Widen) -> Goal {
    let at_least = how.at_least.max(1);
    let mut g = goal.clone();
    match &mut g {
        Goal::Receives {
            topic,
            payload,
            at_least: n,
            ..
        } => {
            if how.any_payload {
                *payload = None;
            }
            if how.any_topic {
                *topic = None;
            }
            *n = at_least;
        }
        Goal::Routed {
            topic, at_least: n, ..
        }
        | Goal::Sent {
            topic, at_least: n, ..
        } => {
            if how.any_topic {
                *topic = None;
            }
            *n = at_least;
        }
        Goal::Retained { payload, .. } if how.any_payload => *payload = None,
        _ => {}
    }
    if how.within > 0 {
        Goal::Within {
            seconds: how.within,
            goal: Box::new(g),
        }
    } else {
        g
    }
}

/// The goal types a teacher composes in a form, in the order offered.
pub const COMPOSED: [&str; 15] = [
    "receives",
    "subscriptions",
    "retained",
    "sent",
    "published",
    "queued",
    "queue_delivered",
    "connected",
    "online",
    "refused",
    "will_fired",
    "state",
    "session_resumed",
    "expired",
    "overheard",
];

/// A goal composed in a form: its type (one of [`COMPOSED`]), the device, a topic or filter
/// and a payload or state (each empty when not given). Refused with the field and the reason.
pub fn compose(kind: &str, device: &str, topic: &str, value: &str) -> Result<Goal, ScenarioError> {
    let device = device.trim().to_string();
    let (topic, value) = (topic.trim(), value.trim());
    let filter = || -> Result<Option<TopicFilter>, ScenarioError> {
        if topic.is_empty() {
            return Ok(None);
        }
        TopicFilter::new(topic)
            .map(Some)
            .map_err(|e| err("goal.topic", Problem::Topic(e)))
    };
    let needed = |field: &str| {
        err(
            format!("goal.{field}"),
            Problem::Missing {
                field: field.into(),
            },
        )
    };
    let text = || (!value.is_empty()).then(|| value.to_string());
    Ok(match kind {
        "receives" => Goal::Receives {
            device,
            topic: filter()?,
            payload: text(),
            retained: None,
            qos: None,
            at_least: 1,
        },
        "subscriptions" => Goal::Subscriptions {
            device,
            count: None,
            filter: Some(filter()?.ok_or_else(|| needed("filter"))?),
            not: Vec::new(),
        },
        "retained" => Goal::Retained {
            topic: TopicName::new(topic).map_err(|e| err("goal.topic", Problem::Topic(e)))?,
            payload: text(),
        },
        "sent" => Goal::Sent {
            device,
            topic: filter()?,
            qos: None,
            at_least: 1,
        },
        "published" => Goal::Published { device },
        "queued" => Goal::Queued { device },
        "queue_delivered" => Goal::QueueDelivered { device },
        "connected" => Goal::Connected { device },
        "online" => Goal::Online { device, port: None },
        "refused" => Goal::Refused { device, code: None },
        "will_fired" => Goal::WillFired { device },
        "state" => Goal::State {
            device,
            state: text().ok_or_else(|| needed("state"))?,
        },
        "session_resumed" => Goal::SessionResumed { device },
        "expired" => Goal::Expired { device },
        "overheard" => Goal::Overheard { device },
        other => {
            return Err(err(
                "goal.type",
                Problem::UnknownName {
                    name: other.to_string(),
                    expected: COMPOSED.join(", "),
                },
            ))
        }
    })
}
