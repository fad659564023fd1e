//! The simulation world: determinism, network model, devices, scenarios and lessons, all on
//! the virtual clock.

use mqtt_playground::core::sim::lessons::{lesson, LESSONS};
use mqtt_playground::core::sim::{Action, Player, Run, Scenario, Share, World};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::topic::TopicName;
use mqtt_playground::core::trace::{DeviceChange, Seen, TraceEvent, TraceKind};
use mqtt_playground::core::types::QoS;
use mqtt_playground::i18n::Lang;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn action(json: &str) -> Action {
    Action::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// The trace as text: what "identical, byte for byte" compares.
fn text(trace: &[TraceEvent]) -> String {
    trace.iter().map(|e| format!("{e:?}\n")).collect()
}

const HOUSE: &str = r#"{ "version": 1, "seed": 42,
  "devices": [
    { "name": "cocina", "link": { "latency_ms": 15, "jitter_ms": 30, "loss": 0.02 },
      "kind": { "type": "sensor", "topic": "Casa/Cocina/Temperatura", "interval_ms": 1000,
                "model": { "type": "random_walk", "start": 21.0, "step": 0.5 }, "qos": 1 } },
    { "name": "panel", "clean_session": false,
      "kind": { "type": "dashboard", "filters": [ { "filter": "Casa/+/Temperatura", "qos": 1 } ] } },
    { "name": "luz", "kind": { "type": "actuator", "command_topic": "Casa/Luz/Orden",
      "state_topic": "Casa/Luz" } },
    { "name": "espia", "kind": { "type": "eavesdropper", "targets": ["cocina"] } }
  ],
  "actions": [ { "at_ms": 5000, "action": { "type": "pull_plug", "device": "panel" } },
               { "at_ms": 45000, "action": { "type": "replug", "device": "panel" } } ] }"#;

fn run(json: &str, ms: u64) -> Run {
    let mut r = Run::new(&scenario(json)).unwrap();
    r.run_for(ms);
    r
}

#[test]
fn same_scenario_and_seed_give_the_same_trace() {
    let a = run(HOUSE, 30_000);
    let b = run(HOUSE, 30_000);
    assert!(a.trace().len() > 300, "{} events", a.trace().len());
    assert_eq!(text(a.trace()), text(b.trace()));
    let other = run(&HOUSE.replace("\"seed\": 42", "\"seed\": 43"), 30_000);
    assert_ne!(text(a.trace()), text(other.trace()), "the seed matters");
}

#[test]
fn a_sensor_reaches_a_dashboard_through_the_broker() {
    let r = run(HOUSE, 4_000);
    let panel = r.world().device("panel").unwrap();
    let topic = mqtt_playground::core::topic::TopicName::new("Casa/Cocina/Temperatura").unwrap();
    let h = panel.latest.get(&topic).unwrap();
    assert!(h.count >= 2, "{}", h.count);
    // Journey: Published → FilterTried(matched) → Delivered → DeviceReceived, in that order.
    let names: Vec<&str> = r.trace().iter().map(|e| e.kind.name()).collect();
    let first = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(first("DeviceSent") < first("Published"));
    assert!(first("Published") < first("FilterTried"));
    assert!(first("FilterTried") < first("Delivered"));
    assert!(first("Delivered") < first("DeviceReceived"));
}

#[test]
fn packets_keep_order_and_take_the_link_latency() {
    let r = run(HOUSE, 20_000);
    let mut last_arrival = std::collections::BTreeMap::new();
    for e in r.trace() {
        if let TraceKind::Transmitted {
            device,
            conn,
            to_broker,
            arrives: Some(t),
            ..
        } = &e.kind
        {
            if &**device == "cocina" {
                assert!(*t >= e.at.plus_millis(15), "latency");
                assert!(*t <= e.at.plus_millis(15 + 30) || last_arrival.values().any(|v| v >= t));
            }
            let key = (device.clone(), *conn, *to_broker);
            if let Some(prev) = last_arrival.insert(key, *t) {
                assert!(*t >= prev, "TCP order kept");
            }
        }
    }
}

#[test]
fn a_pulled_plug_queues_qos1_messages_that_arrive_after_replug() {
    let r = run(HOUSE, 60_000);
    let t = r.trace();
    let queued = t
        .iter()
        .filter(|e| matches!(&e.kind, TraceKind::Queued { client, .. } if &**client == "panel"))
        .count();
    assert!(
        queued > 0,
        "the broker kept messages for the unplugged panel"
    );
    let s = r.world().broker().session("panel").unwrap();
    assert!(
        s.queue.is_empty() && s.inflight.is_empty(),
        "and delivered them all"
    );
    let changes: Vec<&DeviceChange> = t
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::DeviceChanged { device, change } if &**device == "panel" => Some(change),
            _ => None,
        })
        .collect();
    assert!(changes.contains(&&DeviceChange::Unplugged));
    assert!(changes.contains(&&DeviceChange::Online {
        session_present: true
    }));
}

#[test]
fn the_eavesdropper_reads_1883_in_clear_and_only_lengths_on_8883() {
    let lesson = lesson("tls").unwrap();
    let mut r = Run::new(&lesson.scenario().unwrap()).unwrap();
    r.run_for(6_000);
    let password = r.trace().iter().find_map(|e| match &e.kind {
        TraceKind::Eavesdropped {
            seen: Seen::Clear {
                password: Some(p), ..
            },
            ..
        } => Some(p.clone()),
        _ => None,
    });
    assert_eq!(password.as_deref(), Some("1234-secreta"));
    for step in lesson.solution() {
        r.run_for(step.wait_ms);
        r.apply(step.action).unwrap();
    }
    let from = r.trace().len();
    r.run_for(10_000);
    let seen: Vec<&Seen> = r.trace()[from..]
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Eavesdropped { seen, .. } => Some(seen),
            _ => None,
        })
        .collect();
    assert!(!seen.is_empty());
    assert!(seen
        .iter()
        .all(|s| matches!(s, Seen::Opaque { len } if *len > 29)));
    // The TLS handshake costs two more round trips than TCP alone.
    let opened: Vec<(Time, u16)> = r
        .trace()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::DeviceChanged {
                device,
                change: DeviceChange::Connecting { port, .. },
            } if &**device == "alarma" => Some((e.at, *port)),
            _ => None,
        })
        .collect();
    assert_eq!(opened.last().unwrap().1, 8883);
}

#[test]
fn a_lost_packet_breaks_the_connection_and_the_device_reconnects() {
    let json = r#"{ "version": 1, "seed": 3, "devices": [
        { "name": "s", "link": { "loss": 0.2 },
          "kind": { "type": "sensor", "topic": "a/b", "interval_ms": 500, "model": { "type": "counter" } } } ] }"#;
    let r = run(json, 60_000);
    let lost = r
        .trace()
        .iter()
        .filter(|e| matches!(&e.kind, TraceKind::Transmitted { arrives: None, .. }))
        .count();
    let broken = r
        .trace()
        .iter()
        .filter(|e| {
            matches!(
                &e.kind,
                TraceKind::DeviceChanged {
                    change: DeviceChange::ConnectionLost,
                    ..
                }
            )
        })
        .count();
    let connects = r
        .trace()
        .iter()
        .filter(|e| {
            matches!(
                &e.kind,
                TraceKind::DeviceChanged {
                    change: DeviceChange::Online { .. },
                    ..
                }
            )
        })
        .count();
    assert!(
        lost > 3 && broken > 3 && connects > broken / 2,
        "{lost} {broken} {connects}"
    );
}

#[test]
fn replay_and_jumping_back_reproduce_the_run() {
    let mut r = Run::new(&scenario(HOUSE)).unwrap();
    r.run_for(3_000);
    r.step();
    r.step();
    r.apply(action(
        r#"{"type":"publish","device":"luz","topic":"Casa/Luz/Orden","payload":"ON"}"#,
    ))
    .unwrap();
    r.run_for(2_500);
    r.apply(action(
        r#"{"type":"set_link","device":"cocina","link":{"latency_ms":200,"loss":0.3}}"#,
    ))
    .unwrap();
    r.run_for(10_000);
    let full = text(r.trace());
    let again = Run::replay(r.world().scenario(), r.log(), Some(r.now())).unwrap();
    assert_eq!(text(again.trace()), full, "share link: same trace");
    let end = r.now();
    r.jump_to(Time::from_millis(4_000)).unwrap();
    assert_eq!(r.now(), Time::from_millis(4_000));
    assert!(text(r.trace()).len() < full.len());
    assert!(full.starts_with(&text(r.trace())), "the past is a prefix");
    r.jump_to(end).unwrap();
    assert_eq!(text(r.trace()), full, "and forward again");
    // The fault is in the trace.
    assert!(r.trace().iter().any(|e| matches!(
        &e.kind,
        TraceKind::DeviceChanged {
            change: DeviceChange::Link {
                loss_permille: 300,
                ..
            },
            ..
        }
    )));
}

#[test]
fn every_world_trace_kind_is_emitted() {
    let r = run(HOUSE, 20_000);
    let mut r2 = Run::new(&scenario(HOUSE)).unwrap();
    r2.run_for(100);
    r2.apply(action(r#"{"type":"online","device":"panel"}"#))
        .unwrap();
    let seen: std::collections::BTreeSet<&str> = r
        .trace()
        .iter()
        .chain(r2.trace())
        .map(|e| e.kind.name())
        .collect();
    for name in TraceKind::WORLD_NAMES {
        assert!(seen.contains(name), "{name} never emitted");
    }
}

#[test]
fn step_and_player() {
    let mut w = World::new(&scenario(HOUSE)).unwrap();
    assert!(w.step());
    assert_eq!(w.steps(), 1);
    assert!(!w.run_until(Time::from_secs(10), 5), "budget ran out first");
    assert!(w.run_until(Time::from_secs(10), usize::MAX));
    assert_eq!(w.now(), Time::from_secs(10));
    let mut p = Player::default();
    p.set_speed(0.25);
    assert_eq!(p.advance(2.0), 0);
    assert_eq!(p.advance(2.0), 1, "fractions carry over");
    p.set_speed(f64::NAN);
    assert_eq!(p.speed, 0.25);
    p.set_speed(1e9);
    assert_eq!(
        p.advance(10_000.0),
        100_000,
        "a hidden tab counts one second at most"
    );
    p.playing = false;
    assert_eq!(p.advance(16.0), 0);
}

#[test]
fn scenario_errors_name_the_field_in_both_languages() {
    let cases = [
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "sensor", "topic": "Casa/+", "interval_ms": 100, "model": {"type": "counter"}}}]}"#,
            "devices[0].kind.topic",
            "wildcard",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "dashboard", "filters": [{"filter": "Casa/#/x"}]}}]}"#,
            "devices[0].kind.filters[0].filter",
            "#",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "dashboard"}}, {"name": "a", "kind": {"type": "dashboard"}}]}"#,
            "devices[1].name",
            "already",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "port": 80, "kind": {"type": "dashboard"}}]}"#,
            "devices[0].port",
            "8883",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "link": {"loss": 2}, "kind": {"type": "dashboard"}}]}"#,
            "devices[0].link.loss",
            "probability",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "link": {"jitter_ms": 70000}, "kind": {"type": "dashboard"}}]}"#,
            "devices[0].link",
            "60 000 ms",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "sensor", "topic": "x", "interval_ms": 5, "model": {"type": "counter"}}}]}"#,
            "devices[0].kind.interval_ms",
            "10 ms",
        ),
        (
            r#"{"version": 1, "actions": [{"at_ms": 1, "action": {"type": "set_port", "device": "a", "port": 80}}], "devices": [{"name": "a", "kind": {"type": "dashboard"}}]}"#,
            "actions[0].action.port",
            "8883",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "toaster"}}]}"#,
            "devices[0].kind",
            "toaster",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "dashboard", "publishes": []}}]}"#,
            "devices[0].kind",
            "`type`, `filters`",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "sensor", "topic": "x", "interval_ms": 100, "model": {"type": "sine"}}}]}"#,
            "devices[0].kind.model",
            "`random_walk`, `counter`, `constant`",
        ),
        (
            r#"{"version": 1, "actions": [{"at_ms": 1, "action": {"type": "explode"}}]}"#,
            "actions[0].action",
            "`set_broker`",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "colour": "red", "kind": {"type": "dashboard"}}]}"#,
            "devices[0]",
            "colour",
        ),
        (
            r#"{"version": 1, "actions": [{"at_ms": 1, "action": {"type": "online", "device": "ghost"}}]}"#,
            "actions[0].action.device",
            "ghost",
        ),
        (
            r#"{"version": 1, "devices": [{"name": "a", "kind": {"type": "dashboard", "filters": [{"filter": "x", "qos": 3}]}}]}"#,
            "devices[0].kind.filters[0].qos",
            "QoS 3",
        ),
        (r#"{"version": 2}"#, "version", "version 2"),
        (r#"{"version": "uno"}"#, "version", "\"uno\""),
        (r#"{"seed": 1}"#, "version", "missing"),
        (r#"{"version": 1,"#, "", "line 1"),
        ("[]", "version", "missing"),
    ];
    for (json, path, needle) in cases {
        let e = Scenario::from_json(json).unwrap_err();
        assert!(e.path.starts_with(path), "{json}: path {:?}", e.path);
        assert!(
            e.message(Lang::En).contains(needle),
            "{json}: {}",
            e.message(Lang::En)
        );
        assert_ne!(
            e.message(Lang::Es),
            e.message(Lang::En),
            "Spanish differs: {}",
            e.message(Lang::Es)
        );
    }
}

#[test]
fn scenarios_round_trip_without_secrets() {
    let s = lesson("security").unwrap().scenario().unwrap();
    let json = s.to_json_without_secrets();
    assert!(!json.contains("secreta"), "{json}");
    let back = Scenario::from_json(&json).unwrap();
    assert_eq!(back.devices.len(), s.devices.len());
    assert!(back.devices.iter().all(|d| d.password.is_none()));
}

#[test]
fn arbitrary_text_never_panics_the_scenario_reader() {
    let base = HOUSE.as_bytes();
    let mut rng = mqtt_playground::core::rng::Rng::new(9);
    for _ in 0..2_000 {
        let mut bytes = base.to_vec();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(bytes.len() as u64) as usize;
            let alphabet = b" {}[]\",:0-9aeZ#+/";
            bytes[i] = alphabet[rng.below(alphabet.len() as u64) as usize];
        }
        let cut = rng.below(bytes.len() as u64 + 1) as usize;
        let text = String::from_utf8_lossy(&bytes[..cut.max(bytes.len() / 2)]).into_owned();
        if let Ok(s) = Scenario::from_json(&text) {
            let mut r = Run::new(&s).unwrap();
            r.run_for(3_000);
        }
    }
}

#[test]
fn a_share_link_rebuilds_every_lesson_run_exactly_and_carries_no_password() {
    for l in &LESSONS {
        let s = l.scenario().unwrap();
        let mut r = Run::new(&s).unwrap();
        for step in l.solution() {
            r.run_for(step.wait_ms);
            r.apply(step.action).unwrap();
        }
        // Stop mid-frame: a budget that runs out between two events of the same instant.
        r.run_until(r.now() + 7_000, 37);
        let share = Share::of(&r, Some(l.id));
        let json = share.to_json();
        let back = Share::from_json(&json).unwrap();
        assert_eq!(back, share);
        let again = back.replay().unwrap_or_else(|e| panic!("{}: {e}", l.id));
        assert_eq!(again.now(), r.now(), "{}", l.id);
        assert_eq!(again.trace_total(), r.trace_total(), "{}", l.id);
        assert_eq!(text(again.trace()), text(r.trace()), "{}", l.id);
        // The same, a few events at a time (as the page does over frames).
        let mut chunked = Run::with_log(&back.scenario().unwrap(), &back.log).unwrap();
        let mut calls = 0;
        while !chunked.catch_up(back.steps, Time::from_millis(back.at_ms), 3) {
            calls += 1;
        }
        assert!(
            calls > 3,
            "{}: in several steps ({calls} for {} events)",
            l.id,
            back.steps
        );
        assert_eq!(chunked.now(), r.now(), "{}", l.id);
        assert_eq!(text(chunked.trace()), text(r.trace()), "{}", l.id);
        // A password the student types never goes into the link.
        let device = &s.devices[0].name;
        let typed = format!(
            r#"{{"type":"set_credentials","device":"{device}","username":"u","password":"tecleada-123"}}"#
        );
        r.apply(action(&typed)).unwrap();
        assert!(!Share::of(&r, Some(l.id)).to_json().contains("tecleada-123"));
    }
}

#[test]
fn a_share_link_of_a_custom_scenario_after_a_jump_back_and_damaged_links() {
    let mut r = Run::new(&scenario(HOUSE)).unwrap();
    r.run_for(3_000);
    r.apply(action(
        r#"{"type":"set_credentials","device":"luz","username":"ana","password":"s3creta"}"#,
    ))
    .unwrap();
    r.run_for(4_000);
    r.apply(action(r#"{"type":"offline","device":"luz"}"#))
        .unwrap();
    r.run_for(4_000);
    // Back before the second action: the link holds only what happened up to here.
    r.jump_to(Time::from_millis(5_000)).unwrap();
    let share = Share::of(&r, None);
    assert_eq!(share.log.len(), 1);
    let json = share.to_json();
    assert!(!json.contains("s3creta"), "{json}");
    let again = Share::from_json(&json).unwrap().replay().unwrap();
    assert_eq!(again.trace_total(), r.trace_total());
    assert_eq!(again.now(), Time::from_millis(5_000));
    for (bad, needle) in [
        ("{", "damaged"),
        (r#"{"version":9,"seed":1,"steps":0,"at_ms":0}"#, "version"),
        (
            r#"{"version":1,"lesson":"nope","seed":1,"steps":0,"at_ms":0}"#,
            "nope",
        ),
    ] {
        let e = Share::from_json(bad).and_then(|s| s.replay()).unwrap_err();
        assert!(e.message(Lang::En).contains(needle), "{bad}: {e}");
        assert_ne!(e.message(Lang::Es), e.message(Lang::En));
    }
}

#[test]
fn every_action_reads_back_what_it_writes_and_refuses_what_it_does_not_take() {
    let all = [
        r#"{"type":"online","device":"a"}"#,
        r#"{"type":"offline","device":"a"}"#,
        r#"{"type":"pull_plug","device":"a"}"#,
        r#"{"type":"replug","device":"a"}"#,
        r#"{"type":"publish","device":"a","topic":"t","payload":"p","qos":2,"retain":true}"#,
        r#"{"type":"publish","device":"a","topic":"t"}"#,
        r#"{"type":"subscribe","device":"a","filter":"t/#","qos":1}"#,
        r#"{"type":"unsubscribe","device":"a","filter":"t/#"}"#,
        r#"{"type":"set_link","device":"a","link":{"latency_ms":5,"loss":0.5}}"#,
        r#"{"type":"set_qos","device":"a","qos":1}"#,
        r#"{"type":"set_retain","device":"a","retain":false}"#,
        r#"{"type":"set_clean_session","device":"a","clean":false}"#,
        r#"{"type":"set_will","device":"a","will":{"topic":"w","payload":"bye"}}"#,
        r#"{"type":"set_will","device":"a","will":null}"#,
        r#"{"type":"set_port","device":"a","port":8883}"#,
        r#"{"type":"set_credentials","device":"a","username":"u","password":"p"}"#,
        r#"{"type":"set_broker","config":{"allow_anonymous":false}}"#,
    ];
    let mut kinds = Vec::new();
    for json in all {
        let a = action(json);
        let kind = std::mem::discriminant(&a);
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        let back = serde_json::to_string(&a).unwrap();
        assert_eq!(action(&back), a, "{json} → {back}");
    }
    assert_eq!(kinds.len(), 15, "every kind of action");
    assert_eq!(
        action(r#"{"type":"publish","device":"a","topic":"t"}"#),
        Action::Publish {
            device: "a".into(),
            topic: TopicName::new("t").unwrap(),
            payload: String::new(),
            qos: QoS::AtMostOnce,
            retain: false,
            expiry: None,
            response_topic: None,
            correlation: None,
        }
    );
    for (json, error, path) in [
        (r#"{"type":"online"}"#, "missing field `device`", ""),
        (
            r#"{"type":"set_qos","device":"a"}"#,
            "missing field `qos`",
            "",
        ),
        (
            r#"{"type":"online","device":"a","topic":"x"}"#,
            "unknown field `topic`",
            "",
        ),
        (
            r#"{"type":"publish","device":"a","topic":"t","colour":1}"#,
            "unknown field `colour`",
            "",
        ),
        (
            r#"{"type":"explode","device":"a"}"#,
            "unknown variant `explode`",
            "",
        ),
        (r#"{"device":"a"}"#, "missing field `type`", ""),
        (
            r#"{"type":"set_qos","device":"a","qos":300}"#,
            "300 is too large (at most 255)",
            "qos",
        ),
        (
            r#"{"type":"set_link","device":"a","link":{"loss":"x"}}"#,
            "invalid type: string \"x\", expected a number",
            "link.loss",
        ),
        ("[1]", "invalid type: a list, expected an object", ""),
        ("{", "not valid JSON", ""),
    ] {
        let e = Action::from_json(json).unwrap_err();
        assert!(e.message(Lang::En).contains(error), "{json}: {e}");
        assert_eq!(e.path, path, "{json}");
        assert_ne!(
            e.message(Lang::Es),
            e.message(Lang::En),
            "Spanish differs: {}",
            e.message(Lang::Es)
        );
    }
}

#[test]
fn a_bounded_trace_keeps_the_newest_events() {
    let mut full = run(HOUSE, 20_000);
    let mut bounded = Run::new(&scenario(HOUSE)).unwrap();
    bounded.set_trace_limit(100);
    let mut seen = 0;
    let mut collected = Vec::new();
    for _ in 0..200 {
        bounded.run_for(100);
        collected.extend(bounded.events_since(seen).iter().cloned());
        seen = bounded.trace_total();
        assert!(bounded.trace().len() <= 106);
    }
    assert_eq!(bounded.trace_total(), full.trace().len() as u64);
    assert_eq!(
        text(&collected),
        text(full.trace()),
        "a reader keeping up sees every event"
    );
    full.set_trace_limit(10);
    assert_eq!(full.trace().len(), 10);
}

#[test]
fn a_journey_gathers_filters_fates_and_packets() {
    use mqtt_playground::core::journey::{Fate, Journey};
    let l = lesson("wildcards").unwrap();
    let mut r = Run::new(&l.scenario().unwrap()).unwrap();
    r.run_for(500);
    r.apply(action(
        r#"{"type":"subscribe","device":"panel","filter":"Casa/+/Temperatura","qos":1}"#,
    ))
    .unwrap();
    r.apply(action(
        r#"{"type":"subscribe","device":"todo","filter":"Casa/#"}"#,
    ))
    .unwrap();
    r.run_for(5_000);
    let msg = r
        .trace()
        .iter()
        .find_map(|e| match &e.kind {
            TraceKind::Published { msg, topic, .. }
                if topic.as_str() == "Casa/Cocina/Temperatura" =>
            {
                Some(*msg)
            }
            _ => None,
        })
        .unwrap();
    let j = Journey::gather(r.trace(), msg).unwrap();
    assert_eq!(j.from.as_deref(), Some("cocina"));
    assert!(
        j.bytes.as_ref().is_some_and(|b| b[0] >> 4 == 3),
        "the PUBLISH bytes"
    );
    let panel = j.trials.iter().find(|t| &*t.client == "panel").unwrap();
    assert!(panel.matched);
    let story = j.explain(panel);
    assert!(story.matched);
    assert_eq!(story.steps().len(), 3);
    assert_eq!(j.reach(), (2, 2), "delivered to both matching subscribers");
    assert!(j
        .fates
        .iter()
        .any(|(c, f)| &**c == "panel" && matches!(f, Fate::Delivered(..))));
    assert!(j.hops.iter().any(|h| h.to_broker && &*h.client == "cocina"));
    assert!(j.hops.iter().any(|h| !h.to_broker && &*h.client == "todo"));
}

#[test]
fn every_event_reads_as_a_line_and_exports_never_show_passwords() {
    use mqtt_playground::i18n::describe::{describe, to_csv, to_json};
    let l = lesson("tls").unwrap();
    let mut r = Run::new(&l.scenario().unwrap()).unwrap();
    r.run_for(10_000);
    let mut h = run(HOUSE, 20_000);
    h.apply(action(
        r#"{"type":"set_credentials","device":"luz","username":"u","password":"1234-secreta"}"#,
    ))
    .unwrap();
    let events: Vec<_> = r.trace().iter().chain(h.trace()).collect();
    for e in &events {
        for &lang in Lang::ALL {
            let line = describe(e, lang);
            assert!(!line.text.is_empty(), "{e:?}");
            assert!(!line.text.contains("1234-secreta"), "{}", line.text);
            // A sentence, not an identifier: no event kind's name, no JSON field.
            for name in TraceKind::NAMES {
                assert!(!line.text.contains(name), "{name} in {}", line.text);
            }
            assert!(!line.text.contains("\"type\""), "{}", line.text);
        }
    }
    // Every kind has its own label in each language, and none is its identifier.
    use mqtt_playground::i18n::describe::kind_label;
    let labels: std::collections::BTreeSet<_> =
        TraceKind::NAMES.iter().map(|n| kind_label(n)).collect();
    assert_eq!(labels.len(), TraceKind::NAMES.len());
    for name in TraceKind::NAMES {
        for &lang in Lang::ALL {
            assert_ne!(lang.t(kind_label(name)), name);
        }
    }
    let csv = to_csv(events.iter().copied(), Lang::Es);
    assert!(!csv.contains("1234-secreta"));
    assert!(csv.starts_with("seq,time_ms,kind,who,topic,detail\n"));
    assert_eq!(csv.lines().count(), events.len() + 1);
    let json: serde_json::Value =
        serde_json::from_str(&to_json(events.iter().copied(), Lang::En)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), events.len());
    assert!(!json.to_string().contains("1234-secreta"));
}

#[test]
fn mqtt5_publish_properties_reach_the_wire_and_a_responder_answers_each_question() {
    let json = r#"{ "version": 1, "seed": 1, "devices": [
        { "name": "termo", "protocol": "5",
          "kind": { "type": "responder", "filter": "q/#", "reply": "21.5", "delay_ms": 500 } },
        { "name": "panel", "protocol": "5",
          "kind": { "type": "phone", "filters": [ { "filter": "r", "qos": 1 } ] } },
        { "name": "viejo", "kind": { "type": "phone", "filters": [] } } ] }"#;
    let mut r = run(json, 1_000);
    let ask = |who: &str, corr: &str, to: Option<&str>| {
        let to = to.map_or(String::new(), |t| format!(r#","response_topic":"{t}""#));
        action(&format!(
            r#"{{"type":"publish","device":"{who}","topic":"q/1","payload":"?","qos":1,"expiry":30,"correlation":"{corr}"{to}}}"#
        ))
    };
    r.apply(ask("panel", "a", Some("r"))).unwrap();
    r.apply(ask("panel", "b", Some("r"))).unwrap();
    r.apply(ask("panel", "sin-respuesta", None)).unwrap();
    r.apply(ask("viejo", "c", Some("r"))).unwrap();
    r.run_for(3_000);
    let answers: Vec<Vec<u8>> = r
        .trace()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::DeviceReceived {
                device,
                correlation: Some(c),
                payload,
                ..
            } if &**device == "panel" && payload.as_ref() == b"21.5" => Some(c.to_vec()),
            _ => None,
        })
        .collect();
    assert_eq!(
        answers,
        [b"a".to_vec(), b"b".to_vec()],
        "one answer per question with a response topic"
    );
    // The 3.1.1 device's PUBLISH carries no properties: its question is answered by nobody.
    let old = r.trace().iter().find_map(|e| match &e.kind {
        TraceKind::DeviceSent {
            device,
            correlation,
            ..
        } if &**device == "viejo" => Some(correlation.clone()),
        _ => None,
    });
    assert_eq!(old, Some(None));
    // On the wire: the 5.0 question's bytes carry Message Expiry Interval (0x02) 30.
    let wire = r.trace().iter().any(|e| {
        matches!(&e.kind, TraceKind::PacketIn { client: Some(c), bytes, .. }
            if &**c == "panel" && bytes.windows(5).any(|w| w == [0x02, 0, 0, 0, 30]))
    });
    assert!(wire, "the expiry property is in the PUBLISH");
}

#[test]
fn free_play_is_a_house_from_the_course_in_each_language() {
    use mqtt_playground::core::sim::lessons::free_play;
    use mqtt_playground::core::topic::TopicName;
    for (lang, json, dashboard, topic) in [
        (
            Lang::Es,
            include_str!("../src/core/sim/lessons/free-play.es.json"),
            "panel",
            "Casa/Cocina/Temperatura",
        ),
        (
            Lang::En,
            include_str!("../src/core/sim/lessons/free-play.en.json"),
            "dashboard",
            "Home/Kitchen/Temperature",
        ),
    ] {
        // The file itself is valid (free_play would hide a broken one behind an empty house).
        assert_eq!(
            free_play(lang.content_code()),
            Scenario::from_json(json).unwrap()
        );
        let s = free_play(lang.content_code());
        assert_eq!(s.devices.len(), 6);
        // Named for what they are, not d0…d9.
        assert!(s.devices.iter().all(|d| d.name.len() > 3));
        let mut r = Run::new(&s).unwrap();
        r.run_for(12_000);
        let seen = r.world().device(dashboard).unwrap();
        let h = seen.latest.get(&TopicName::new(topic).unwrap());
        assert!(
            h.is_some_and(|h| h.count >= 2),
            "{lang}: the dashboard gets the kitchen"
        );
    }
}

#[test]
fn a_message_leaves_the_pictured_queue_when_it_expires() {
    let lesson = lesson("expiry").unwrap();
    let mut r = Run::new(&lesson.scenario().unwrap()).unwrap();
    r.run_for(1_000);
    r.apply(action(r#"{"type":"offline","device":"movil"}"#))
        .unwrap();
    r.run_for(500);
    let notice = r#"{"type":"publish","device":"central","topic":"Casa/Avisos","payload":"puerta abierta","qos":1,"expiry":3}"#;
    r.apply(action(notice)).unwrap();
    r.run_for(1_000);
    assert_eq!(
        pictured_queue(&r),
        1,
        "the notice waits in the phone's queue"
    );
    r.run_for(3_000);
    assert_eq!(pictured_queue(&r), 0, "expired, it has left the queue");
}

#[test]
fn the_pictured_queue_empties_as_the_returning_phone_acknowledges_each_message() {
    // The queue lesson's house, its phone's session persistent, on a slow link (300 ms).
    let json = r#"{"version": 1, "seed": 3, "devices": [
      {"name": "timbre", "kind": {"type": "sensor", "topic": "Casa/Puerta/Timbre",
        "interval_ms": 3000, "model": {"type": "counter"}, "qos": 1}},
      {"name": "movil", "clean_session": false, "link": {"latency_ms": 300},
        "kind": {"type": "phone", "filters": [{"filter": "Casa/Puerta/Timbre", "qos": 1}]}}]}"#;
    let mut r = Run::new(&Scenario::from_json(json).unwrap()).unwrap();
    r.run_for(3_500);
    assert_eq!(phone_count(&r), 1, "the first ring reached the phone");
    r.apply(action(r#"{"type":"offline","device":"movil"}"#))
        .unwrap();
    // Back at 15 s: the ring of 18 s comes after the 3 s watched below.
    r.run_for(11_500);
    let rings = pictured_queue(&r);
    assert!(rings >= 3, "{rings} rings wait for the phone");
    // Offline, the phone counts nothing: the rings are at the broker, not on the phone.
    assert_eq!(phone_count(&r), 0);
    r.apply(action(r#"{"type":"online","device":"movil"}"#))
        .unwrap();
    // Millisecond by millisecond: the queue is sent at once on CONNACK, and each ring stays
    // pictured until its PUBACK is back at the broker.
    let mut seen = vec![rings];
    for _ in 0..3_000 {
        r.run_for(1);
        let now = pictured_queue(&r);
        let acked =
            (r.world().broker().session("movil")).map_or(0, |s| s.inflight.len() + s.queue.len());
        assert_eq!(
            now, acked,
            "what is pictured is what the broker still holds"
        );
        if seen.last() != Some(&now) {
            seen.push(now);
        }
    }
    assert_eq!(seen.last(), Some(&0), "the queue empties: {seen:?}");
    assert!(
        r.world().device("movil").unwrap().is_online(),
        "the phone is back"
    );
    // Back, it counts what the queue brought (the ring of 15 s joined it while the phone
    // connected), not the ring it had before.
    let queued = seen.iter().max().copied().unwrap_or_default();
    assert_eq!(
        phone_count(&r) as usize,
        queued,
        "the queued rings, new: {seen:?}"
    );
    // The broker held the rings while its CONNACK and the PUBLISHes crossed the slow link.
    assert!(seen.len() >= 2, "{seen:?}");
}

/// How many new messages the phone (`movil`) shows.
fn phone_count(r: &Run) -> u64 {
    use mqtt_playground::core::sim::picture::{face, Face};
    match face(r.world().device("movil").unwrap(), None) {
        Face::Phone(n, _) => n,
        other => panic!("{other:?}"),
    }
}

/// How many messages the stage pictures in the phone's (`movil`) queue.
fn pictured_queue(r: &Run) -> usize {
    let held = mqtt_playground::core::sim::picture::inside(r.world());
    (held.queues.iter())
        .find(|(name, _)| name == "movil")
        .map_or(0, |(_, waiting)| waiting.len())
}

#[test]
fn a_house_without_a_lesson_presets_the_forms_from_its_own_devices() {
    use mqtt_playground::core::sim::lessons::{free_play, house_of, Forms};
    let forms = |s: &Scenario| Forms::for_house(&World::new(s).unwrap());
    assert_eq!(forms(&free_play("es")), Forms::FREE_PLAY.owned());
    let en = forms(&free_play("en"));
    assert_eq!(
        (en.acting.as_str(), en.topic.as_str(), en.filter.as_str()),
        (
            "phone",
            "Home/LivingRoom/Light/Command",
            "Home/+/Temperature"
        )
    );
    // The test house: its remote orders its first light; its first sensor's topic, any room.
    let house = forms(&house_of(20, 1));
    assert_eq!(
        (
            house.acting.as_str(),
            house.topic.as_str(),
            house.filter.as_str()
        ),
        ("hab0-mando", "Casa/Hab0/Luz/Orden", "Casa/+/Temperatura1")
    );
}
