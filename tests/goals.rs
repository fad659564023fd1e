//! The goal vocabulary judged on a real run (counts, QoS, routing, the combinators, `after`
//! and `within`), and a bad goal refused with its path. Every lesson's own goals are tested
//! with its file (`tests/lessons.rs`).

use mqtt_playground::core::json_read::{At, FromJson};
use mqtt_playground::core::scenario::action::Action;
use mqtt_playground::core::sim::lessons::goals::{Goal, Judging};
use mqtt_playground::core::sim::lessons::lesson;
use mqtt_playground::core::sim::Run;
use mqtt_playground::core::time::Time;

fn goal(json: &str) -> Goal {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    Goal::read(&v, At::root()).expect("a goal")
}

/// Lesson 1, its dashboard subscribed to the kitchen at 3 s (after its first reading), run
/// to `secs`.
fn pubsub(secs: u64) -> Run {
    let l = lesson("pubsub").unwrap();
    let mut run = Run::new(&l.scenario().unwrap()).unwrap();
    run.run_for(3_000);
    run.apply(
        Action::from_json(
            r#"{"type":"subscribe","device":"panel","filter":"Casa/Cocina/Temperatura","qos":1}"#,
        )
        .unwrap(),
    )
    .unwrap();
    run.run_for(secs * 1000 - 3_000);
    run
}

#[test]
fn counts_qos_and_combinations_are_judged_on_the_run() {
    let run = pubsub(12);
    let holds = |json: &str| goal(json).holds(run.world(), run.trace());
    assert!(holds(
        r#"{"type": "receives", "device": "panel", "topic": "Casa/+/Temperatura"}"#
    ));
    // The kitchen publishes every 2 s: about five readings in 11 s, at QoS 0.
    assert!(holds(
        r#"{"type": "receives", "device": "panel", "at_least": 4}"#
    ));
    assert!(!holds(
        r#"{"type": "receives", "device": "panel", "at_least": 50}"#
    ));
    assert!(holds(
        r#"{"type": "receives", "device": "panel", "qos": 0}"#
    ));
    assert!(
        !holds(r#"{"type": "receives", "device": "panel", "qos": 1}"#),
        "delivered at the lower QoS"
    );
    assert!(holds(
        r#"{"type": "not", "goal": {"type": "receives", "device": "cocina"}}"#
    ));
    assert!(holds(
        r#"{"type": "any", "goals": [{"type": "receives", "device": "cocina"}, {"type": "sent", "device": "cocina"}]}"#
    ));
    assert!(!holds(
        r#"{"type": "all", "goals": [{"type": "receives", "device": "cocina"}, {"type": "sent", "device": "cocina"}]}"#
    ));
    assert!(holds(
        r#"{"type": "routed", "from": "cocina", "to": "panel", "at_least": 3}"#
    ));
    assert!(
        !holds(r#"{"type": "routed", "from": "cocina", "to": "panel", "every": true}"#),
        "the first readings, before the subscription, reached no one"
    );
    assert!(holds(
        r#"{"type": "after", "action": "subscribe", "device": "panel", "goal": {"type": "routed", "from": "cocina", "to": "panel", "every": true}}"#
    ));
    assert!(
        !holds(
            r#"{"type": "after", "action": "unsubscribe", "goal": {"type": "sent", "device": "cocina"}}"#
        ),
        "it never happened"
    );
    assert!(holds(
        r#"{"type": "within", "seconds": 3, "goal": {"type": "receives", "device": "panel"}}"#
    ));
    assert!(holds(
        r#"{"type": "online", "device": "panel", "port": 1883}"#
    ));
    assert!(!holds(
        r#"{"type": "online", "device": "panel", "port": 8883}"#
    ));
}

#[test]
fn after_a_step_counts_from_when_it_opened() {
    let run = pubsub(12);
    let g = goal(
        r#"{"type": "after", "step": 1, "goal": {"type": "receives", "device": "panel", "at_least": 3}}"#,
    );
    let judge = |opened: &[Time]| {
        g.judge(Judging {
            world: run.world(),
            trace: run.trace(),
            opened,
        })
    };
    assert!(!judge(&[Time::ZERO]), "step 1 has not opened");
    assert!(judge(&[Time::ZERO, Time::from_millis(2_000)]));
    assert!(
        !judge(&[Time::ZERO, Time::from_millis(9_000)]),
        "one or two readings since 9 s"
    );
}

#[test]
fn a_goal_names_its_devices() {
    let g = goal(
        r#"{"type": "after", "closed": "a", "goal": {"type": "all", "goals": [
        {"type": "routed", "from": "b", "to": "c"}, {"type": "not", "goal": {"type": "share", "devices": ["d", "e"]}}]}}"#,
    );
    assert_eq!(g.devices(), ["a", "b", "c", "d", "e"]);
}

#[test]
fn a_bad_goal_is_refused_with_its_path() {
    let v: serde_json::Value =
        serde_json::from_str(r#"[{"type": "receives", "device": "panel", "topic": "Casa/#/x"}]"#)
            .unwrap();
    let e = Vec::<Goal>::read(&v, At::root()).unwrap_err();
    assert_eq!(e.path, "[0].topic");
    let v: serde_json::Value =
        serde_json::from_str(r#"[{"type": "teleports", "device": "a"}]"#).unwrap();
    assert_eq!(Vec::<Goal>::read(&v, At::root()).unwrap_err().path, "[0]");
}

#[test]
fn retained_messages_subscriptions_and_refusals_by_code() {
    let run = pubsub(6);
    let holds = |run: &Run, json: &str| goal(json).holds(run.world(), run.trace());
    assert!(holds(
        &run,
        r#"{"type": "subscriptions", "device": "panel", "filter": "Casa/Cocina/Temperatura"}"#
    ));
    assert!(
        !holds(
            &run,
            r#"{"type": "subscriptions", "device": "panel", "filter": "Casa/+/Temperatura"}"#
        ),
        "the filter exactly"
    );
    assert!(
        !holds(
            &run,
            r#"{"type": "retained", "topic": "Casa/Cocina/Temperatura"}"#
        ),
        "nothing retained"
    );
    // The sprinkler's state retained; the intruder refused once the broker is secured.
    let mut run = Run::new(&lesson("retained").unwrap().scenario().unwrap()).unwrap();
    run.apply(
        Action::from_json(r#"{"type":"set_retain","device":"riego","retain":true}"#).unwrap(),
    )
    .unwrap();
    run.run_for(25_000);
    assert!(holds(
        &run,
        r#"{"type": "retained", "topic": "Casa/Jardin/Riego", "payload": "apagado"}"#
    ));
    assert!(!holds(
        &run,
        r#"{"type": "retained", "topic": "Casa/Jardin/Riego", "payload": "encendido"}"#
    ));
    // A wrong password: refused at CONNECT with 0x87 (not authorized).
    let json = r#"{"version": 1, "seed": 1, "broker": {"allow_anonymous": false, "users": {"ana": "secreta"}},
        "devices": [{"name": "movil", "username": "ana", "password": "otra", "protocol": "5",
                     "kind": {"type": "phone", "filters": []}}]}"#;
    let mut run =
        Run::new(&mqtt_playground::core::sim::Scenario::from_json(json).unwrap()).unwrap();
    run.run_for(3_000);
    assert!(holds(&run, r#"{"type": "refused", "device": "movil"}"#));
    assert!(
        holds(
            &run,
            r#"{"type": "refused", "device": "movil", "code": 135}"#
        ),
        "0x87"
    );
    assert!(!holds(
        &run,
        r#"{"type": "refused", "device": "movil", "code": 134}"#
    ));
}

#[test]
fn every_goal_type_is_written_as_it_is_read() {
    use mqtt_playground::core::sim::lessons::write::goal_value;
    let all = [
        r#"{"type":"receives","device":"a","topic":"x/+","payload":"1","retained":true,"qos":1,"at_least":3}"#,
        r#"{"type":"receives","device":"a"}"#,
        r#"{"type":"receives_exactly","device":"a","topics":["x/y","x/z"]}"#,
        r#"{"type":"subscriptions","device":"a","count":2,"filter":"x/#","not":["x/y"]}"#,
        r#"{"type":"retained","topic":"x/y","payload":"1"}"#,
        r#"{"type":"share","devices":["a","b"]}"#,
        r#"{"type":"sent","device":"a","topic":"x/#","qos":2,"at_least":2}"#,
        r#"{"type":"each_once","from":"a","to":"b","qos":1,"at_least":5}"#,
        r#"{"type":"published","device":"a"}"#,
        r#"{"type":"routed","from":"a","to":"b","topic":"x/#","every":true,"at_least":2}"#,
        r#"{"type":"split_among","from":"a","devices":["b","c"],"at_least":4}"#,
        r#"{"type":"refused","device":"a","code":135}"#,
        r#"{"type":"connected","device":"a"}"#,
        r#"{"type":"online","device":"a","port":8883}"#,
        r#"{"type":"overheard","device":"a"}"#,
        r#"{"type":"queued","device":"a"}"#,
        r#"{"type":"queue_delivered","device":"a"}"#,
        r#"{"type":"expired","device":"a"}"#,
        r#"{"type":"session_resumed","device":"a"}"#,
        r#"{"type":"session_expired","device":"a"}"#,
        r#"{"type":"will_fired","device":"a"}"#,
        r#"{"type":"state","device":"a","state":"ON"}"#,
        r#"{"type":"answered","device":"a","topic":"x/y","payload":"ok","overlapping":true}"#,
        r#"{"type":"after","step":2,"goal":{"type":"connected","device":"a"}}"#,
        r#"{"type":"after","action":"subscribe","device":"a","goal":{"type":"queued","device":"a"}}"#,
        r#"{"type":"after","connecting":"a","port":8883,"goal":{"type":"connected","device":"a"}}"#,
        r#"{"type":"after","closed":"a","goal":{"type":"will_fired","device":"a"}}"#,
        r#"{"type":"within","seconds":10,"goal":{"type":"published","device":"a"}}"#,
        r#"{"type":"all","goals":[{"type":"published","device":"a"},{"type":"any","goals":[{"type":"not","goal":{"type":"queued","device":"b"}}]}]}"#,
    ];
    for json in all {
        let read = goal(json);
        let written = goal_value(&read);
        let expected: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(written, expected, "{json}");
        assert_eq!(goal(&written.to_string()), read, "{json}");
    }
}
