//! The lessons' automatic checks: each reads the trace (and the world's state where the goal is
//! about "now") and says which goals hold.

use crate::core::codec::ReasonCode;
use crate::core::sim::action::Action;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::trace::{DeviceChange, Seen, TraceEvent, TraceKind};
use crate::core::types::QoS;
use litemap::LiteMap;

/// Messages a device's application received: (time, topic, payload, retain).
fn received<'a>(
    trace: &'a [TraceEvent],
    name: &'a str,
) -> impl Iterator<Item = (Time, &'a str, &'a [u8], bool)> + 'a {
    trace.iter().filter_map(move |e| match &e.kind {
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            retain,
            ..
        } if &**device == name => Some((e.at, topic.as_str(), payload.as_ref(), *retain)),
        _ => None,
    })
}

/// When the device's subscriptions last changed by an action, plus a second for messages
/// already on their way (what arrived before does not count).
fn settled_since(trace: &[TraceEvent], name: &str) -> Time {
    trace
        .iter()
        .rev()
        .find(|e| match &e.kind {
            TraceKind::ActionApplied { action } => matches!(
                &**action,
                Action::Subscribe { device, .. } | Action::Unsubscribe { device, .. }
                    if device == name
            ),
            _ => false,
        })
        .map_or(Time::ZERO, |e| e.at.plus_millis(1000))
}

/// Topics received since the last subscription change.
fn topics_since_change(trace: &[TraceEvent], name: &str) -> LiteMap<String, ()> {
    let since = settled_since(trace, name);
    let mut topics = LiteMap::new();
    for (_, t, ..) in received(trace, name).filter(|(at, ..)| *at > since) {
        topics.insert(t.to_string(), ());
    }
    topics
}

fn exactly(trace: &[TraceEvent], name: &str, wanted: &[&str]) -> bool {
    let got = topics_since_change(trace, name);
    got.len() == wanted.len() && wanted.iter().all(|w| got.contains_key(*w))
}

pub(super) fn pubsub(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    vec![received(trace, "panel").any(|(_, t, ..)| t == "Casa/Cocina/Temperatura")]
}

pub(super) fn wildcards(world: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let one_sub = world
        .device("panel")
        .is_some_and(|d| d.subscriptions.len() == 1);
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
    let todo = exactly(
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
            .filter(|(_, t, payload, _)| *t == "Casa/Contador" && *payload == p)
            .count()
            == 1
    };
    vec![sent.len() >= 10 && sent.iter().all(|p| once(p))]
}

pub(super) fn retained(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    vec![received(trace, "pantalla").any(|(_, t, _, retain)| retain && t == "Casa/Jardin/Riego")]
}

pub(super) fn will(_: &World, trace: &[TraceEvent]) -> Vec<bool> {
    let fired = trace
        .iter()
        .any(|e| matches!(&e.kind, TraceKind::WillFired { client, .. } if &**client == "nevera"));
    let seen = received(trace, "panel")
        .any(|(_, t, p, _)| t == "Casa/Cocina/Nevera/Estado" && p == b"desconectada");
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
    let seen = received(trace, "panel").any(|(_, t, p, _)| t == "Casa/Salon/Luz" && p == b"ON");
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
