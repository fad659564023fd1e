//! The lessons' automatic checks: each reads the trace (and the world's state where the goal is
//! about "now") and says which goals hold.

use super::goals::{received, settled_since};
use crate::core::codec::ReasonCode;
use crate::core::scenario::action::Action;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::trace::{DeviceChange, DropReason, MsgId, Seen, TraceEvent, TraceKind};
use crate::core::types::QoS;
use litemap::LiteMap;

/// Topics received since the last subscription change.
fn topics_since_change(trace: &[TraceEvent], name: &str) -> LiteMap<String, ()> {
    let since = settled_since(trace, name);
    let mut topics = LiteMap::new();
    for r in received(trace, name).filter(|r| r.at > since) {
        topics.insert(r.topic.as_str().to_string(), ());
    }
    topics
}

fn exactly(trace: &[TraceEvent], name: &str, wanted: &[&str]) -> bool {
    let got = topics_since_change(trace, name);
    got.len() == wanted.len() && wanted.iter().all(|w| got.contains_key(*w))
}

pub(super) fn pubsub(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    vec![received(trace, "panel").any(|r| r.topic.as_str() == "Casa/Cocina/Temperatura")]
}

pub(super) fn wildcards(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let one_sub = world
        .device("panel")
        .is_some_and(|d| d.subscriptions().len() == 1);
    let panel = one_sub
        && exactly(
            trace,
            "panel",
            &[
                "Casa/Cocina/Temperatura",
                "Casa/Salon/Temperatura",
                "Casa/Dormitorio/Temperatura",
            ],
        );
    // Nothing of the garden: not received yet is not enough, no filter of todo may take it.
    let garden = crate::core::topic::TopicName::new("Jardin/Temperatura").ok();
    let no_garden = world.device("todo").is_some_and(|d| {
        d.subscriptions().keys().all(|f| {
            let filter = crate::core::topic::TopicFilter::new(f.as_str()).ok();
            !matches!((filter, &garden), (Some(f), Some(g)) if f.matches(g))
        })
    });
    let todo = no_garden
        && exactly(
            trace,
            "todo",
            &[
                "Casa/Cocina/Temperatura",
                "Casa/Salon/Temperatura",
                "Casa/Dormitorio/Temperatura",
                "Casa/Cocina/Humedad",
            ],
        );
    vec![panel, todo]
}

pub(super) fn queue(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let first_queued = trace
        .iter()
        .position(|e| matches!(&e.kind, TraceKind::Queued { client, .. } if &**client == "movil"));
    let Some(q) = first_queued else {
        return vec![false, false];
    };
    let resumed = trace[q..].iter().position(|e| {
        matches!(&e.kind, TraceKind::DeviceChanged { device, change: DeviceChange::Online { session_present: true } } if &**device == "movil")
    });
    let got_it = resumed.is_some_and(|r| received(&trace[q + r..], "movil").next().is_some());
    let emptied = world
        .broker()
        .session("movil")
        .is_some_and(|s| s.queue.is_empty() && s.inflight.is_empty() && s.conn.is_some());
    vec![true, got_it && emptied]
}

pub(super) fn qos(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let settled = Time::from_millis(world.now().millis().saturating_sub(20_000));
    let sent: Vec<&[u8]> = trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::DeviceSent {
                device,
                payload,
                qos: QoS::ExactlyOnce,
                ..
            } if &**device == "contador" && e.at <= settled => Some(payload.as_ref()),
            _ => None,
        })
        .collect();
    let once = |p: &[u8]| {
        received(trace, "registro")
            .filter(|r| r.topic.as_str() == "Casa/Contador" && r.payload == p)
            .count()
            == 1
    };
    vec![sent.len() >= 10 && sent.iter().all(|p| once(p))]
}

pub(super) fn retained(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    vec![received(trace, "pantalla").any(|r| r.retain && r.topic.as_str() == "Casa/Jardin/Riego")]
}

pub(super) fn will(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let fired = trace
        .iter()
        .any(|e| matches!(&e.kind, TraceKind::WillFired { client, .. } if &**client == "nevera"));
    let seen = received(trace, "panel")
        .any(|r| r.topic.as_str() == "Casa/Cocina/Nevera/Estado" && r.payload == b"desconectada");
    vec![fired && seen]
}

pub(super) fn security(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let secured = trace.iter().rposition(|e| match &e.kind {
        TraceKind::ActionApplied { action } => matches!(&**action, Action::SetBroker { .. }),
        _ => false,
    });
    let Some(i) = secured else {
        return vec![false, false];
    };
    let after = &trace[i..];
    let intruder_tried = after.iter().any(|e| match &e.kind {
        TraceKind::PublishDenied { client, .. } => &**client == "intruso",
        TraceKind::Auth { client, code, .. } => {
            &**client == "intruso" && *code != ReasonCode::SUCCESS
        }
        _ => false,
    });
    let intruder_routed = after.iter().any(
        |e| matches!(&e.kind, TraceKind::Published { from: Some(c), .. } if &**c == "intruso"),
    );
    let mut phone_msgs: LiteMap<_, ()> = LiteMap::new();
    for e in after {
        if let TraceKind::Published {
            msg,
            from: Some(c),
            topic,
            ..
        } = &e.kind
        {
            if &**c == "movil" && topic.as_str() == "Casa/Puerta/Orden" {
                phone_msgs.insert(*msg, ());
            }
        }
    }
    let phone_reached = after.iter().any(|e| {
        matches!(&e.kind, TraceKind::Delivered { msg, client, .. } if &**client == "puerta" && phone_msgs.contains_key(msg))
    });
    vec![intruder_tried && !intruder_routed, phone_reached]
}

pub(super) fn tls(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let on_tls = world
        .device("alarma")
        .is_some_and(|d| d.conn_port == 8883 && d.is_online());
    let since = trace.iter().rposition(|e| {
        matches!(&e.kind, TraceKind::DeviceChanged { device, change: DeviceChange::Connecting { port: 8883, .. } } if &**device == "alarma")
    });
    let Some(i) = since else {
        return vec![false];
    };
    let after = &trace[i..];
    let published = after.iter().any(|e| {
        matches!(&e.kind, TraceKind::DeviceSent { device, sent: true, .. } if &**device == "alarma")
    });
    let leaked = after.iter().any(|e| {
        matches!(&e.kind, TraceKind::Eavesdropped { target, seen: Seen::Clear { .. }, .. } if &**target == "alarma")
    });
    vec![on_tls && published && !leaked]
}

pub(super) fn house(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let lit = world.device("luz-salon").is_some_and(|d| d.state == "ON");
    let seen = received(trace, "panel")
        .any(|r| r.topic.as_str() == "Casa/Salon/Luz" && r.payload == b"ON");
    vec![lit && seen]
}

pub(super) fn filters(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    vec![
        exactly(
            trace,
            "reto1",
            &["Casa/Cocina/Temperatura", "Casa/Salon/Temperatura"],
        ),
        exactly(
            trace,
            "reto2",
            &["Casa/Garaje/Puerta", "Casa/Garaje/Luz/Estado"],
        ),
        exactly(
            trace,
            "reto3",
            &[
                "Casa/Cocina/Temperatura",
                "Casa/Salon/Temperatura",
                "Jardin/Temperatura",
            ],
        ),
    ]
}

/// Orders from `pedidos` published after `since` and at least a second before now (time to
/// arrive), each with the clients it was delivered to.
fn orders_since<'a>(
    world: &World,
    trace: &'a [TraceEvent],
    since: Time,
) -> Vec<(Time, Vec<&'a str>)> {
    let ripe = world.now().millis().saturating_sub(1000);
    let mut orders: LiteMap<MsgId, (Time, Vec<&str>)> = LiteMap::new();
    for e in trace {
        match &e.kind {
            TraceKind::Published {
                msg, from: Some(c), ..
            } if &**c == "pedidos" && e.at > since && e.at.millis() <= ripe => {
                orders.insert(*msg, (e.at, Vec::new()));
            }
            TraceKind::Delivered { msg, client, .. } => {
                if let Some((_, to)) = orders.get_mut(msg) {
                    if !to.contains(&&**client) {
                        to.push(client);
                    }
                }
            }
            _ => {}
        }
    }
    orders
        .into_tuple_vec()
        .into_iter()
        .map(|(_, o)| o)
        .collect()
}

const WORKERS: [&str; 2] = ["trabajador1", "trabajador2"];

/// Both workers hold one and the same shared subscription, and nothing else.
fn workers_share(world: &World) -> Option<String> {
    let only = |w: &str| {
        world.device(w).and_then(|d| {
            let mut filters = d.subscriptions().keys();
            match (filters.next(), filters.next()) {
                (Some(f), None) if f.starts_with("$share/") => Some(f.clone()),
                _ => None,
            }
        })
    };
    let (a, b) = (only(WORKERS[0])?, only(WORKERS[1])?);
    (a == b).then_some(a)
}

pub(super) fn shared(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    if workers_share(world).is_none() {
        return vec![false, false, false];
    }
    let since = settled_since(trace, WORKERS[0]).max(settled_since(trace, WORKERS[1]));
    let orders = orders_since(world, trace, since);
    let to_one = |to: &Vec<&str>| to.iter().filter(|c| WORKERS.contains(c)).count() == 1;
    let got = |w: &str| orders.iter().any(|(_, to)| to.contains(&w));
    let split = orders.len() >= 4
        && orders.iter().all(|(_, to)| to_one(to))
        && WORKERS.iter().all(|w| got(w));
    // One worker's connection closed (the broker noticed the pulled plug) and stayed closed:
    // every order since went to the other.
    let alone = WORKERS.iter().enumerate().any(|(i, w)| {
        let other = WORKERS[1 - i];
        let closed = trace.iter().rposition(|e| {
            matches!(&e.kind, TraceKind::ConnectionClosed { client: Some(c), .. } if &**c == *w)
        });
        let Some(at) = closed.filter(|&k| trace[k].at > since) else {
            return false;
        };
        let back = trace[at..].iter().any(|e| match &e.kind {
            TraceKind::SessionCreated { client, .. } | TraceKind::SessionResumed { client, .. } => {
                &**client == *w
            }
            _ => false,
        });
        let after = orders_since(world, trace, trace[at].at);
        !back
            && after.len() >= 3
            && after
                .iter()
                .all(|(_, to)| to.contains(&other) && !to.contains(w))
    });
    let logged = orders.len() >= 4 && orders.iter().all(|(_, to)| to.contains(&"registro"));
    vec![split, alone, logged]
}

pub(super) fn expiry(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let queued: LiteMap<MsgId, ()> = trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Queued { msg, client, .. } if &**client == "movil" => Some((*msg, ())),
            _ => None,
        })
        .collect();
    let expired = trace.iter().any(|e| {
        matches!(&e.kind, TraceKind::Dropped { msg, client, reason: DropReason::Expired } if &**client == "movil" && queued.contains_key(msg))
    });
    let resumed = trace.iter().any(
        |e| matches!(&e.kind, TraceKind::SessionResumed { client, .. } if &**client == "movil"),
    );
    // Ended by its expiry: offline for the whole interval, not cleaned on disconnect.
    let outlived = trace.iter().enumerate().any(|(i, e)| {
        let TraceKind::SessionEnded { client } = &e.kind else {
            return false;
        };
        let closed = trace[..i].iter().rev().find(|c| {
            matches!(&c.kind, TraceKind::ConnectionClosed { client: Some(x), .. } if x == client)
        });
        &**client == "movil" && closed.is_some_and(|c| e.at - c.at >= 20_000)
    });
    vec![expired, resumed, outlived]
}

pub(super) fn request(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    // The panel's questions (correlation data, when asked) and its answers (when received).
    let mut asked: Vec<(&[u8], Time)> = Vec::new();
    let mut answered: Vec<(&[u8], Time)> = Vec::new();
    for e in trace {
        match &e.kind {
            TraceKind::DeviceSent {
                device,
                topic,
                correlation: Some(c),
                ..
            } if &**device == "panel" && topic.as_str() == "Casa/Termostato/Consulta" => {
                asked.push((c, e.at));
            }
            TraceKind::DeviceReceived {
                device,
                correlation: Some(c),
                payload,
                ..
            } if &**device == "panel" && payload.as_ref() == b"21.5" => answered.push((c, e.at)),
            _ => {}
        }
    }
    let answer = |c: &[u8], after: Time| {
        answered
            .iter()
            .find(|(a, t)| *a == c && *t > after)
            .map(|(_, t)| *t)
    };
    let one = asked.iter().any(|(c, at)| answer(c, *at).is_some());
    let two = asked.iter().enumerate().any(|(i, (c1, t1))| {
        let Some(back) = answer(c1, *t1) else {
            return false;
        };
        asked[i + 1..]
            .iter()
            .any(|(c2, t2)| c2 != c1 && *t2 < back && answer(c2, *t2).is_some())
    });
    vec![one, two]
}
