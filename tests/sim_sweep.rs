//! A sweep of seeds 0..200 over a lossy network with pulled plugs, checking the guarantees the
//! course teaches. A failure names the seed that reproduces it.

use std::collections::BTreeMap;

use mqtt_playground::core::codec::PacketType;
use mqtt_playground::core::rng::Rng;
use mqtt_playground::core::scenario::Probability;
use mqtt_playground::core::sim::{Action, LinkConfig, Run, Scenario, Scheduled};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::topic::TopicFilter;
use mqtt_playground::core::trace::TraceKind;
use mqtt_playground::core::types::QoS;

const PUBLISH_UNTIL_MS: u64 = 80_000;
const HEAL_AT_MS: u64 = 70_000;
const END_MS: u64 = 160_000;

fn chaos(seed: u64) -> Scenario {
    let base = r#"{ "version": 1, "broker": { "sys_interval": 0 }, "devices": [
      { "name": "p1", "clean_session": false, "keep_alive": 10,
        "kind": { "type": "sensor", "topic": "sweep/p1/n", "interval_ms": 700,
                  "model": { "type": "counter" }, "qos": 1 } },
      { "name": "p2", "clean_session": false, "keep_alive": 10, "protocol": "5",
        "kind": { "type": "sensor", "topic": "sweep/p2/n", "interval_ms": 900,
                  "model": { "type": "counter" }, "qos": 2 } },
      { "name": "s1", "clean_session": false, "keep_alive": 10,
        "kind": { "type": "dashboard", "filters": [ { "filter": "sweep/+/n", "qos": 2 } ] } },
      { "name": "s2", "clean_session": false, "keep_alive": 10, "protocol": "5",
        "kind": { "type": "dashboard", "filters": [ { "filter": "sweep/p2/#", "qos": 1 } ] } },
      { "name": "s3", "keep_alive": 10,
        "kind": { "type": "dashboard", "filters": [ { "filter": "other/#", "qos": 2 } ] } } ] }"#;
    let mut s = Scenario::from_json(base).unwrap();
    s.seed = seed;
    let mut rng = Rng::derive(seed, "faults");
    let names = ["p1", "p2", "s1", "s2", "s3"];
    for d in &mut s.devices {
        d.link = LinkConfig {
            latency_ms: 5 + rng.below(60),
            jitter_ms: rng.below(40),
            loss: Probability::new(rng.below(40) as f64 / 1000.0).unwrap(),
        };
    }
    let mut at = |at_ms: u64, action: Action| s.actions.push(Scheduled { at_ms, action });
    for _ in 0..6 {
        let device = names[rng.below(names.len() as u64) as usize].to_string();
        let t = 2_000 + rng.below(55_000);
        let d = 1_000 + rng.below(25_000);
        at(
            t,
            Action::PullPlug {
                device: device.clone(),
            },
        );
        at((t + d).min(HEAL_AT_MS), Action::Replug { device });
    }
    for device in names {
        let device = device.to_string();
        at(
            HEAL_AT_MS,
            Action::Replug {
                device: device.clone(),
            },
        );
        at(
            HEAL_AT_MS,
            Action::SetLink {
                device,
                link: LinkConfig::default(),
            },
        );
    }
    for device in ["p1", "p2"] {
        let device = device.to_string();
        at(
            PUBLISH_UNTIL_MS,
            Action::SetQos {
                device,
                qos: QoS::AtMostOnce,
            },
        );
    }
    s.actions.sort_by_key(|a| a.at_ms);
    s
}

#[test]
fn guarantees_hold_for_seeds_0_to_200() {
    let mut figures = (0usize, 0usize, 0usize);
    for seed in 0..200 {
        let mut run = Run::new(&chaos(seed)).unwrap();
        run.run_for(END_MS);
        let (trace, world) = (run.trace(), run.world());
        let filters: BTreeMap<&str, Vec<TopicFilter>> = world
            .devices()
            .iter()
            .map(|d| {
                let fs = d.subscriptions().keys();
                (
                    d.config.name.as_str(),
                    fs.map(|f| TopicFilter::new(f.as_str()).unwrap()).collect(),
                )
            })
            .collect();
        // Messages published at QoS 1/2, each with a unique payload per topic.
        // (A message published before the broker had a subscription is not owed to it.)
        let subscribed = |who: &str| {
            trace
                .iter()
                .find(|e| matches!(&e.kind, TraceKind::PacketOut { client: Some(c), packet: PacketType::SubAck, .. } if &**c == who))
                .map_or(Time::from_millis(u64::MAX), |e| e.at)
        };
        let (s1_from, s2_from) = (subscribed("s1"), subscribed("s2"));
        let mut sent: Vec<(String, String, QoS, Time)> = Vec::new();
        // How many times each subscriber's application got each message.
        let mut got: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for e in trace {
            match &e.kind {
                TraceKind::DeviceSent {
                    topic,
                    payload,
                    qos,
                    ..
                } if *qos != QoS::AtMostOnce => {
                    sent.push((topic.as_str().into(), text(payload), *qos, e.at));
                }
                TraceKind::DeviceReceived {
                    device,
                    topic,
                    payload,
                    ..
                } => {
                    let ok = filters[&**device].iter().any(|f| f.matches(topic));
                    assert!(
                        ok,
                        "seed {seed}: {device} got {topic:?}, which none of its filters match"
                    );
                    *got.entry((device.to_string(), topic.as_str().into(), text(payload)))
                        .or_default() += 1;
                }
                _ => {}
            }
        }
        let count = |dev: &str, topic: &str, payload: &str| {
            got.get(&(dev.into(), topic.into(), payload.into()))
                .copied()
                .unwrap_or(0)
        };
        for (topic, payload, qos, at) in &sent {
            if *at < s1_from || *at < s2_from {
                continue;
            }
            figures.0 += 1;
            let n1 = count("s1", topic, payload);
            assert!(
                n1 >= 1,
                "seed {seed}: s1 lost {topic} {payload} (QoS {qos:?})"
            );
            if *qos == QoS::ExactlyOnce {
                assert_eq!(
                    n1, 1,
                    "seed {seed}: s1 got QoS 2 {topic} {payload} {n1} times"
                );
                let n2 = count("s2", topic, payload);
                assert!(n2 >= 1, "seed {seed}: s2 lost {topic} {payload}");
                figures.2 += n2 - 1;
            } else {
                figures.2 += n1 - 1;
            }
        }
        assert!(
            !got.keys().any(|(d, ..)| d == "s3"),
            "seed {seed}: s3's filter matches nothing published"
        );
        for name in ["p1", "p2", "s1", "s2"] {
            let s = world
                .broker()
                .session(name)
                .unwrap_or_else(|| panic!("seed {seed}: {name} session"));
            assert!(
                s.queue.is_empty() && s.inflight.is_empty(),
                "seed {seed}: {name}: {} queued, {} in flight at the end",
                s.queue.len(),
                s.inflight.len()
            );
            let d = world.device(name).unwrap();
            assert_eq!(
                d.session.as_ref().unwrap().in_flight(),
                0,
                "seed {seed}: {name} still has unacknowledged publishes"
            );
        }
        let losses = trace
            .iter()
            .filter(|e| matches!(&e.kind, TraceKind::Transmitted { arrives: None, .. }))
            .count();
        figures.1 += losses;
    }
    println!(
        "200 seeds: {} QoS 1/2 messages checked, {} packets lost, {} QoS 1 duplicates (allowed)",
        figures.0, figures.1, figures.2
    );
    assert!(figures.1 > 1000, "the sweep really loses packets");
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
