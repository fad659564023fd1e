//! For random houses at random moments, each prediction the engine computes equals what the
//! run then does: who gets a message (now, or queued for an offline kept session), the QoS each
//! delivery comes with and the packets on both links, and what a new subscriber receives
//! first. (Fixed seed in the test command: PROPTEST_RNG_SEED.)
#![cfg(not(target_arch = "wasm32"))]

use mqtt_playground::core::codec::PacketType;
use mqtt_playground::core::sim::predict::{answer, Answer, Question};
use mqtt_playground::core::sim::{Action, Run, Scenario};
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::trace::TraceKind;
use mqtt_playground::core::types::QoS;
use proptest::prelude::*;

const FILTERS: [&str; 7] = [
    "Casa/#",
    "Casa/+/Temperatura",
    "Casa/Cocina/Temperatura",
    "+/+/Luz",
    "#",
    "Casa/+",
    "casa/Cocina/#",
];
const TOPICS: [&str; 6] = [
    "Casa/Cocina/Temperatura",
    "Casa/Salon/Luz",
    "Casa",
    "Casa/Garaje",
    "Jardin/Riego/Luz",
    "Casa/Planta1/Cocina/Temperatura",
];

/// A device: its filters (indices), QoS, kept session, and whether it goes offline.
type Spec = (Vec<usize>, u8, bool, bool);

fn house(devices: &[Spec]) -> Scenario {
    let list: Vec<String> = devices
        .iter()
        .enumerate()
        .map(|(i, (filters, q, kept, _))| {
            let subs: Vec<String> = filters
                .iter()
                .map(|f| format!(r#"{{"filter": "{}", "qos": {q}}}"#, FILTERS[*f]))
                .collect();
            format!(
                r#"{{"name": "d{i}", "clean_session": {}, "kind": {{"type": "phone", "filters": [{}]}}}}"#,
                !kept,
                subs.join(", ")
            )
        })
        .collect();
    let json = format!(
        r#"{{"version": 1, "seed": 5, "devices": [{}]}}"#,
        list.join(", ")
    );
    Scenario::from_json(&json).expect("a valid house")
}

fn act(run: &mut Run, json: String) {
    run.apply(Action::from_json(&json).expect("an action"))
        .expect("it applies");
}

fn devices() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(
        (
            prop::collection::vec(0..FILTERS.len(), 0..3),
            0u8..3,
            any::<bool>(),
            any::<bool>(),
        ),
        2..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn who_gets_a_message_is_what_the_run_then_does(
        specs in devices(),
        wait in 500u64..6_000,
        publisher in 0usize..5,
        topic in 0..TOPICS.len(),
        q in 0u8..3,
        retained in prop::collection::vec(0..TOPICS.len(), 0..3),
    ) {
        let publisher = publisher % specs.len();
        let mut run = Run::new(&house(&specs)).unwrap();
        run.run_for(2_000);
        for t in &retained {
            act(&mut run, format!(r#"{{"type": "publish", "device": "d0", "topic": "{}", "payload": "r", "qos": 1, "retain": true}}"#, TOPICS[*t]));
        }
        for (i, s) in specs.iter().enumerate() {
            if s.3 && i != publisher {
                act(&mut run, format!(r#"{{"type": "offline", "device": "d{i}"}}"#));
            }
        }
        run.run_for(wait);
        let topic = TopicName::new(TOPICS[topic]).unwrap();
        let qos = QoS::from_u8(q).unwrap();
        let predicted = answer(run.world(), &Question::Receivers {
            publisher: format!("d{publisher}"), topic: topic.clone(), qos, retain: false,
        }).unwrap();
        // What a new subscriber (the publisher itself, online) gets first.
        let filter = TopicFilter::new("Casa/#").unwrap();
        let first = answer(run.world(), &Question::RetainedFirst { filter }).unwrap();

        let before = run.trace_total();
        act(&mut run, format!(r#"{{"type": "publish", "device": "d{publisher}", "topic": "{topic}", "payload": "p", "qos": {q}}}"#, topic = topic.as_str()));
        run.run_for(3_000);
        let new = run.events_since(before);
        let msg = new.iter().find_map(|e| match &e.kind {
            TraceKind::Published { msg, from: Some(f), topic: t, .. }
                if **f == *format!("d{publisher}") && *t == topic => Some(*msg),
            _ => None,
        });
        let (mut now, mut queued) = (Vec::new(), Vec::new());
        for e in new {
            match &e.kind {
                TraceKind::Delivered { msg: m, client, .. } if Some(*m) == msg => now.push(client.to_string()),
                TraceKind::Queued { msg: m, client, .. } if Some(*m) == msg => queued.push(client.to_string()),
                _ => {}
            }
        }
        let order = |mut v: Vec<String>| { v.sort_by_key(|n| n[1..].parse::<usize>().unwrap_or(0)); v.dedup(); v };
        prop_assert_eq!(predicted, Answer::Receivers { now: order(now.clone()), queued: order(queued) });

        // Each delivery: the QoS it came with, and the packets on both links, are the
        // engine's answer for this publish QoS and that subscription's QoS.
        let flow = |p: PacketType| matches!(p, PacketType::Publish | PacketType::PubAck | PacketType::PubRec | PacketType::PubRel | PacketType::PubComp);
        let on_link = |device: &str| -> Vec<(PacketType, bool)> {
            new.iter().filter_map(|e| match &e.kind {
                TraceKind::Transmitted { device: d, to_broker, packet: Some(p), .. }
                    if **d == *device && flow(*p) => Some((*p, *to_broker)),
                _ => None,
            }).collect()
        };
        let pub_name = format!("d{publisher}");
        if msg.is_some() && !now.contains(&pub_name) {
            for sub in now.iter().filter(|c| **c != pub_name) {
                let i: usize = sub[1..].parse().unwrap();
                let subscribed = QoS::from_u8(specs[i].1).unwrap();
                let Answer::Packets { hops, delivered } = answer(run.world(), &Question::Packets { publish: qos, subscribe: subscribed }).unwrap() else {
                    panic!("a packets answer");
                };
                let got = new.iter().find_map(|e| match &e.kind {
                    TraceKind::Delivered { msg: m, client, qos, .. } if Some(*m) == msg && **client == **sub => Some(*qos),
                    _ => None,
                });
                prop_assert_eq!(got, Some(delivered), "{} delivered with the lower QoS", sub);
                let side = |publisher: bool| -> Vec<(PacketType, bool)> {
                    hops.iter().filter(|h| h.publisher == publisher).map(|h| (h.packet, h.to_broker)).collect()
                };
                prop_assert_eq!(on_link(sub), side(false), "{}'s link", sub);
                if now.len() == 1 {
                    prop_assert_eq!(on_link(&pub_name), side(true), "the publisher's link");
                }
            }
        }

        let before = run.trace_total();
        act(&mut run, format!(r#"{{"type": "subscribe", "device": "d{publisher}", "filter": "Casa/#", "qos": 1}}"#));
        run.run_for(3_000);
        let mut got: Vec<String> = run.events_since(before).iter().filter_map(|e| match &e.kind {
            TraceKind::DeviceReceived { device, topic, retain: true, .. }
                if **device == *format!("d{publisher}") => Some(topic.as_str().to_string()),
            _ => None,
        }).collect();
        got.sort();
        got.dedup();
        let Answer::RetainedFirst(expected) = first else { panic!("{first:?}") };
        let expected: Vec<String> = expected.iter().map(|(t, _)| t.as_str().to_string()).collect();
        prop_assert_eq!(got, expected);
    }
}
