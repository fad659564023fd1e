//! The engine's predictions against what then happens: each answer is compared with the same
//! thing done in the real run, and asking never changes the world.

use mqtt_playground::core::codec::PacketType;
use mqtt_playground::core::sim::predict::{
    answer, ready, receiver_choices, Answer, Hop, PredictError, Question,
};
use mqtt_playground::core::sim::{Action, Run, Scenario};
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::trace::TraceKind;
use mqtt_playground::core::types::QoS;

const HOUSE: &str = r#"{ "version": 1, "seed": 9, "devices": [
  { "name": "cocina", "kind": { "type": "phone", "filters": [] } },
  { "name": "panel", "kind": { "type": "dashboard",
      "filters": [ { "filter": "Casa/+/Temperatura", "qos": 1 } ] } },
  { "name": "movil", "clean_session": false, "kind": { "type": "phone",
      "filters": [ { "filter": "Casa/#", "qos": 1 } ] } },
  { "name": "jardin", "kind": { "type": "dashboard",
      "filters": [ { "filter": "Jardin/#", "qos": 0 } ] } },
  { "name": "espia", "kind": { "type": "eavesdropper" } } ] }"#;

fn t(s: &str) -> TopicName {
    TopicName::new(s).unwrap()
}

fn act(run: &mut Run, json: &str) {
    run.apply(Action::from_json(json).unwrap()).unwrap();
}

/// Who got the newest message `from` published on `topic` in the real run: now, and queued.
fn got(run: &Run, client: &str, topic: &str) -> (Vec<String>, Vec<String>) {
    let trace = run.trace();
    let msg = trace.iter().rev().find_map(|e| match &e.kind {
        TraceKind::Published {
            msg,
            from: Some(f),
            topic: tt,
            ..
        } if &**f == client && tt.as_str() == topic => Some(*msg),
        _ => None,
    });
    let (mut now, mut queued) = (Vec::new(), Vec::new());
    for e in trace {
        match &e.kind {
            TraceKind::Delivered { msg: m, client, .. } if Some(*m) == msg => {
                now.push(client.to_string())
            }
            TraceKind::Queued { msg: m, client, .. } if Some(*m) == msg => {
                queued.push(client.to_string())
            }
            _ => {}
        }
    }
    (now, queued)
}

#[test]
fn who_receives_the_next_message_including_an_offline_phone_s_queue() {
    let mut run = Run::new(&Scenario::from_json(HOUSE).unwrap()).unwrap();
    run.run_for(3_000);
    act(&mut run, r#"{"type": "offline", "device": "movil"}"#);
    run.run_for(2_000);
    assert_eq!(
        receiver_choices(run.world()),
        ["cocina", "panel", "movil", "jardin"],
        "every device with a client, the eavesdropper left out"
    );
    let ask = |topic: &str, qos| Question::Receivers {
        publisher: "cocina".into(),
        topic: t(topic),
        qos,
        retain: false,
    };
    let (steps, now) = (run.world().steps(), run.now());
    let predicted = answer(
        run.world(),
        &ask("Casa/Cocina/Temperatura", QoS::AtLeastOnce),
    );
    assert_eq!(
        (run.world().steps(), run.now()),
        (steps, now),
        "asking changes nothing"
    );
    assert_eq!(
        predicted,
        Ok(Answer::Receivers {
            now: vec!["panel".into()],
            queued: vec!["movil".into()],
        })
    );
    // What then happens is what was predicted.
    act(
        &mut run,
        r#"{"type": "publish", "device": "cocina", "topic": "Casa/Cocina/Temperatura", "payload": "21", "qos": 1}"#,
    );
    run.run_for(3_000);
    assert_eq!(
        got(&run, "cocina", "Casa/Cocina/Temperatura"),
        (vec!["panel".into()], vec!["movil".into()])
    );
    // QoS 0 is not kept for an offline client; a garden topic reaches only the garden.
    assert_eq!(
        answer(run.world(), &ask("Casa/Salon/Temperatura", QoS::AtMostOnce)),
        Ok(Answer::Receivers {
            now: vec!["panel".into()],
            queued: vec![],
        })
    );
    assert_eq!(
        answer(run.world(), &ask("Jardin/Temperatura", QoS::AtLeastOnce)),
        Ok(Answer::Receivers {
            now: vec!["jardin".into()],
            queued: vec![],
        })
    );
    assert_eq!(
        answer(
            run.world(),
            &ask("Casa/Cocina/Temperatura/Max", QoS::AtLeastOnce)
        ),
        Ok(Answer::Receivers {
            now: vec![],
            queued: vec!["movil".into()],
        }),
        "+ takes one level only: the panel's filter misses it; Casa/# takes it"
    );
    let unknown = Question::Receivers {
        publisher: "nadie".into(),
        topic: t("a"),
        qos: QoS::AtMostOnce,
        retain: false,
    };
    assert_eq!(
        answer(run.world(), &unknown),
        Err(PredictError::NoSuchDevice("nadie".into()))
    );
}

#[test]
fn who_receives_is_asked_once_the_broker_has_seen_a_phone_leave() {
    // A clean-session phone on a slow link: its DISCONNECT takes 300 ms to reach the broker.
    let json = HOUSE.replace(
        r#""clean_session": false,"#,
        r#""link": { "latency_ms": 300 },"#,
    );
    let mut run = Run::new(&Scenario::from_json(&json).unwrap()).unwrap();
    run.run_for(3_000);
    let ask = Question::Receivers {
        publisher: "cocina".into(),
        topic: t("Casa/Cocina/Temperatura"),
        qos: QoS::AtLeastOnce,
        retain: false,
    };
    assert!(ready(run.world(), &ask));
    act(&mut run, r#"{"type": "offline", "device": "movil"}"#);
    let mut waited = 0;
    while !ready(run.world(), &ask) {
        // Offline on its side, still connected on the broker's: a message now would reach it.
        assert!(!run.world().device("movil").unwrap().is_online());
        run.run_for(1);
        waited += 1;
        assert!(waited < 2_000, "the broker never saw the phone leave");
    }
    assert!(
        waited >= 250,
        "asked after {waited} ms, before the DISCONNECT arrived"
    );
    assert_eq!(
        answer(run.world(), &ask),
        Ok(Answer::Receivers {
            now: vec!["panel".into()],
            queued: vec![],
        }),
        "the clean session is gone: only the panel"
    );
}

#[test]
fn a_new_subscriber_first_receives_the_retained_messages_its_filter_matches() {
    let mut run = Run::new(&Scenario::from_json(HOUSE).unwrap()).unwrap();
    run.run_for(3_000);
    for (topic, payload) in [
        ("Casa/Salon/Luz", "ON"),
        ("Casa/Cocina/Luz", "OFF"),
        ("Jardin/Riego", "1"),
    ] {
        act(
            &mut run,
            &format!(
                r#"{{"type": "publish", "device": "cocina", "topic": "{topic}", "payload": "{payload}", "qos": 1, "retain": true}}"#
            ),
        );
    }
    run.run_for(2_000);
    let first = |f: &str| {
        answer(
            run.world(),
            &Question::RetainedFirst {
                filter: TopicFilter::new(f).unwrap(),
            },
        )
    };
    assert_eq!(
        first("Casa/+/Luz"),
        Ok(Answer::RetainedFirst(vec![
            (t("Casa/Cocina/Luz"), "OFF".into()),
            (t("Casa/Salon/Luz"), "ON".into()),
        ]))
    );
    assert_eq!(first("Oficina/#"), Ok(Answer::RetainedFirst(vec![])));
    assert!(
        matches!(first("#"), Ok(Answer::RetainedFirst(v)) if v.len() == 3 && v.iter().all(|(t, _)| !t.as_str().starts_with('$'))),
        "# never takes the broker's $ topics"
    );
}

fn packets(publish: QoS, subscribe: QoS) -> (Vec<(PacketType, bool, bool)>, QoS) {
    match answer(&house(), &Question::Packets { publish, subscribe }) {
        Ok(Answer::Packets { hops, delivered }) => (
            hops.iter()
                .map(
                    |Hop {
                         packet,
                         to_broker,
                         publisher,
                     }| (*packet, *to_broker, *publisher),
                )
                .collect(),
            delivered,
        ),
        other => panic!("{other:?}"),
    }
}

fn house() -> mqtt_playground::core::sim::World {
    Run::new(&Scenario::from_json(HOUSE).unwrap())
        .unwrap()
        .world()
        .clone()
}

#[test]
fn the_packets_of_each_qos_pair_and_the_qos_delivered() {
    use PacketType::*;
    let (q0, q1, q2) = (QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce);
    // (packet, towards the broker, on the publisher's link)
    let (hops, delivered) = packets(q0, q2);
    assert_eq!(hops, [(Publish, true, true), (Publish, false, false)]);
    assert_eq!(delivered, q0, "QoS 0 published stays QoS 0");
    let (hops, delivered) = packets(q2, q1);
    assert_eq!(delivered, q1, "delivered at the lower of the two");
    let publisher: Vec<_> = hops.iter().filter(|h| h.2).map(|h| (h.0, h.1)).collect();
    let subscriber: Vec<_> = hops.iter().filter(|h| !h.2).map(|h| (h.0, h.1)).collect();
    assert_eq!(
        publisher,
        [
            (Publish, true),
            (PubRec, false),
            (PubRel, true),
            (PubComp, false)
        ]
    );
    assert_eq!(subscriber, [(Publish, false), (PubAck, true)]);
    assert_eq!(hops[0], (Publish, true, true), "the publish leaves first");
    let (hops, delivered) = packets(q1, q2);
    assert_eq!(delivered, q1);
    assert_eq!(hops.len(), 4);
    let (hops, delivered) = packets(q2, q2);
    assert_eq!(delivered, q2);
    assert_eq!(hops.len(), 8, "{hops:?}");
}

#[test]
fn a_filter_matches_a_topic_or_says_where_it_failed() {
    let ask = |f: &str, topic: &str| {
        answer(
            &house(),
            &Question::Matches {
                filter: TopicFilter::new(f).unwrap(),
                topic: t(topic),
            },
        )
    };
    assert_eq!(
        ask("Casa/+/Temperatura", "Casa/Cocina/Temperatura"),
        Ok(Answer::Matches {
            matched: true,
            failed_at: None
        })
    );
    assert_eq!(
        ask("Casa/+/Temperatura", "Casa/Cocina/Humedad"),
        Ok(Answer::Matches {
            matched: false,
            failed_at: Some(3)
        })
    );
    assert!(matches!(
        ask("#", "$SYS/broker/uptime"),
        Ok(Answer::Matches { matched: false, .. })
    ));
}

#[test]
fn a_wrong_answer_names_the_misconception_it_shows() {
    use mqtt_playground::core::misconception::Misconception as M;
    use mqtt_playground::core::sim::predict::{mistakes, Given};
    let mut run = Run::new(&Scenario::from_json(HOUSE).unwrap()).unwrap();
    run.run_for(3_000);
    act(&mut run, r#"{"type": "offline", "device": "movil"}"#);
    act(
        &mut run,
        r#"{"type": "subscribe", "device": "jardin", "filter": "casa/Cocina/#", "qos": 0}"#,
    );
    act(
        &mut run,
        r#"{"type": "publish", "device": "cocina", "topic": "Casa/Salon/Luz", "payload": "ON", "qos": 1, "retain": true}"#,
    );
    act(
        &mut run,
        r#"{"type": "publish", "device": "cocina", "topic": "Casa/Salon/Tele", "payload": "OFF", "qos": 1}"#,
    );
    run.run_for(2_000);
    let w = run.world();
    let receivers = |topic: &str| Question::Receivers {
        publisher: "cocina".into(),
        topic: t(topic),
        qos: QoS::AtLeastOnce,
        retain: false,
    };
    let chose = |names: &[&str]| Given::Receivers(names.iter().map(|s| s.to_string()).collect());
    let said = |q: &Question, g: &Given| mistakes(w, q, g).unwrap();
    // Right: nothing to name.
    assert_eq!(
        said(
            &receivers("Casa/Cocina/Temperatura"),
            &chose(&["panel", "movil"])
        ),
        []
    );
    // The offline phone forgotten: its kept session queues the message.
    assert_eq!(
        said(&receivers("Casa/Cocina/Temperatura"), &chose(&["panel"])),
        [M::PersistentSessionQueues]
    );
    // The panel's `+` taken for two levels.
    assert_eq!(
        said(
            &receivers("Casa/Planta1/Cocina/Temperatura"),
            &chose(&["panel", "movil"])
        ),
        [M::PlusIsOneLevel]
    );
    // The garden's lower-case `casa/Cocina/#` taken for `Casa/Cocina/…`.
    assert_eq!(
        said(
            &receivers("Casa/Cocina/Humedad"),
            &chose(&["movil", "jardin"])
        ),
        [M::TopicsAreExact]
    );
    // A retained message is not a queue: the TV's message is gone.
    let first = Question::RetainedFirst {
        filter: TopicFilter::new("Casa/Salon/+").unwrap(),
    };
    assert_eq!(
        said(
            &first,
            &Given::RetainedFirst(vec![t("Casa/Salon/Luz"), t("Casa/Salon/Tele")])
        ),
        [M::RetainedIsNotQueued]
    );
    assert_eq!(
        said(&first, &Given::RetainedFirst(vec![t("Casa/Salon/Luz")])),
        []
    );
    // Published at QoS 2 to a QoS 1 subscription: received at QoS 1.
    let packets = Question::Packets {
        publish: QoS::ExactlyOnce,
        subscribe: QoS::AtLeastOnce,
    };
    assert_eq!(
        said(&packets, &Given::Delivered(QoS::ExactlyOnce)),
        [M::QosIsTheLower]
    );
    assert_eq!(said(&packets, &Given::Delivered(QoS::AtLeastOnce)), []);
    // Filters against topics.
    let matches = |f: &str, topic: &str, yes: bool| {
        said(
            &Question::Matches {
                filter: TopicFilter::new(f).unwrap(),
                topic: t(topic),
            },
            &Given::Matches(yes),
        )
    };
    assert_eq!(
        matches("#", "$SYS/broker/uptime", true),
        [M::WildcardSkipsDollar]
    );
    assert_eq!(matches("Casa/#", "Casa", false), [M::HashMatchesParent]);
    assert_eq!(matches("/Casa/+", "Casa/Luz", true), [M::TopicsAreExact]);
    assert_eq!(
        matches("Casa/+", "Casa/Salon/Luz", true),
        [M::PlusIsOneLevel]
    );
    assert_eq!(matches("Casa/+", "Casa/Luz", true), []);
}
