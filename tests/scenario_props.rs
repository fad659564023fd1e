//! Scenario files round-trip: what the app writes, it reads back as the same scenario, for
//! every built-in lesson and for random scenarios of every device kind and action type.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use mqtt_playground::core::broker::{Access, Acl, AclRule, BrokerConfig, Overlapping};
use mqtt_playground::core::scenario::action::Scheduled;
use mqtt_playground::core::scenario::{
    Decimal, DeviceConfig, DeviceKind, Interval, LinkConfig, Port, Probability, Protocol,
    PublishConfig, SubConfig, ValueModel, WillConfig,
};
use mqtt_playground::core::sim::lessons::LESSONS;
use mqtt_playground::core::sim::{Action, Scenario};
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::types::QoS;
use proptest::prelude::*;

/// `s` written as JSON (passwords kept) and read back.
fn round_trip(s: &Scenario) -> Scenario {
    let json = serde_json::to_string(s).expect("a scenario serializes");
    Scenario::from_json(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
}

#[test]
fn every_lesson_round_trips() {
    for l in &LESSONS {
        let s = l.scenario().unwrap();
        assert_eq!(round_trip(&s), s, "{}", l.id);
    }
}

fn levels() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["Casa", "Cocina", "Luz", "temp", "ñú", "", "a b"]),
        1..4,
    )
    .prop_map(|levels| levels.join("/"))
}

fn topic() -> impl Strategy<Value = TopicName> {
    levels().prop_filter_map("a topic name", |t| TopicName::new(t).ok())
}

fn filter() -> impl Strategy<Value = TopicFilter> {
    (levels(), 0..3u8).prop_filter_map("a topic filter", |(t, w)| {
        TopicFilter::new(match w {
            0 => t,
            1 => format!("{t}/#"),
            _ => format!("+/{t}"),
        })
        .ok()
    })
}

fn qos() -> impl Strategy<Value = QoS> {
    prop::sample::select(QoS::ALL.to_vec())
}

fn subs() -> impl Strategy<Value = Vec<SubConfig>> {
    prop::collection::vec(
        (filter(), qos()).prop_map(|(filter, qos)| SubConfig { filter, qos }),
        0..3,
    )
}

fn model() -> impl Strategy<Value = ValueModel> {
    prop_oneof![
        (-50.0..50.0f64, 0.0..5.0f64, 0..4u8).prop_map(|(start, step, decimals)| {
            let d = |x: f64| Decimal::new(x).unwrap();
            ValueModel::RandomWalk {
                start: d(start),
                step: d(step),
                min: d(start - 10.0),
                max: d(start + 10.0),
                decimals,
            }
        }),
        Just(ValueModel::Counter),
        "[a-zA-Z0-9 ]{0,8}".prop_map(|value| ValueModel::Constant { value }),
    ]
}

fn kind(n: usize) -> impl Strategy<Value = DeviceKind> {
    let publish = (
        0..5000u64,
        0..5000u64,
        topic(),
        ".{0,6}",
        qos(),
        any::<bool>(),
    )
        .prop_map(
            |(at_ms, every_ms, topic, payload, qos, retain)| PublishConfig {
                at_ms,
                every_ms,
                topic,
                payload,
                qos,
                retain,
            },
        );
    prop_oneof![
        (
            topic(),
            (10..10_000u64).prop_map(|ms| Interval::new(ms).unwrap()),
            model(),
            qos(),
            any::<bool>()
        )
            .prop_map(
                |(topic, interval_ms, model, qos, retain)| DeviceKind::Sensor {
                    topic,
                    interval_ms,
                    model,
                    qos,
                    retain,
                }
            ),
        (topic(), topic(), "ON|OFF", qos()).prop_map(
            |(command_topic, state_topic, initial, qos)| {
                DeviceKind::Actuator {
                    command_topic,
                    state_topic,
                    initial,
                    qos,
                }
            }
        ),
        subs().prop_map(|filters| DeviceKind::Dashboard { filters }),
        subs().prop_map(|filters| DeviceKind::Phone { filters }),
        prop::collection::vec(0..n, 0..2).prop_map(|t| DeviceKind::Eavesdropper {
            targets: t.into_iter().map(|i| format!("d{i}")).collect(),
        }),
        (
            topic(),
            ".{0,6}",
            (10..5000u64).prop_map(|ms| Interval::new(ms).unwrap())
        )
            .prop_map(|(topic, payload, interval_ms)| {
                DeviceKind::Intruder {
                    topic,
                    payload,
                    interval_ms,
                }
            }),
        (filter(), ".{0,6}", 0..5000u64).prop_map(|(filter, reply, delay_ms)| {
            DeviceKind::Responder {
                filter,
                reply,
                delay_ms,
            }
        }),
        (subs(), prop::collection::vec(publish, 0..3))
            .prop_map(|(filters, publishes)| DeviceKind::Custom { filters, publishes }),
    ]
}

fn link() -> impl Strategy<Value = LinkConfig> {
    (0..60_000u64, 0..1000u64, 0.0..=1.0f64).prop_map(|(latency_ms, jitter_ms, loss)| LinkConfig {
        latency_ms,
        jitter_ms,
        loss: Probability::new(loss).unwrap(),
    })
}

fn will() -> impl Strategy<Value = Option<WillConfig>> {
    prop::option::of((topic(), ".{0,6}", qos(), any::<bool>()).prop_map(
        |(topic, payload, qos, retain)| WillConfig {
            topic,
            payload,
            qos,
            retain,
        },
    ))
}

fn device(i: usize, n: usize) -> impl Strategy<Value = DeviceConfig> {
    let login = prop::option::of(("[a-z]{1,5}", prop::option::of("[a-z0-9]{0,6}")));
    let settings = (
        any::<bool>(),
        any::<u32>(),
        any::<u16>(),
        prop::sample::select(vec![Port::Plain, Port::Tls]),
        any::<bool>(),
        0..10_000u64,
        0..10_000u64,
    );
    (
        kind(n),
        any::<bool>(),
        will(),
        login,
        settings,
        link(),
        any::<bool>(),
    )
        .prop_map(move |(kind, v5, will, login, settings, link, own_id)| {
            let (clean_session, session_expiry, keep_alive, port, online, start_ms, reconnect_ms) =
                settings;
            let (username, password) = login.map_or((None, None), |(u, p)| (Some(u), p));
            DeviceConfig {
                name: format!("d{i}"),
                client_id: own_id.then(|| format!("id-{i}")),
                kind,
                protocol: if v5 { Protocol::V5 } else { Protocol::V311 },
                clean_session,
                session_expiry,
                keep_alive,
                will,
                username,
                password,
                port,
                online,
                start_ms,
                reconnect_ms,
                link,
            }
        })
}

fn broker() -> impl Strategy<Value = BrokerConfig> {
    let rule = (
        prop::sample::select(vec![Access::Read, Access::Write, Access::ReadWrite]),
        prop::sample::select(vec!["Casa/#", "%c/#", "%u/+/x"]),
    )
        .prop_map(|(access, pattern)| AclRule {
            access,
            pattern: pattern.to_string(),
        });
    let acl = prop::option::of(
        (
            prop::collection::btree_map(
                "[a-z]{1,4}",
                prop::collection::vec(rule.clone(), 0..2),
                0..2,
            ),
            prop::collection::vec(rule.clone(), 0..2),
            prop::collection::vec(rule, 0..2),
        )
            .prop_map(|(users, anonymous, patterns)| Acl {
                users,
                anonymous,
                patterns,
            }),
    );
    let users = prop::collection::btree_map("[a-z]{1,4}", "[a-z0-9]{0,6}", 0..3);
    (
        any::<bool>(),
        users,
        acl,
        (1..100u16, 0..2000usize, any::<bool>(), 100..1_000_000usize),
        (
            0..20u16,
            0..60u64,
            any::<u16>(),
            1..=u16::MAX,
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(|(allow_anonymous, users, acl, limits, more)| {
            let (max_inflight, max_queued, queue_qos0, max_packet_size) = limits;
            let (max_topic_alias, sys_interval, max_keepalive, receive_maximum, aliases, single) =
                more;
            BrokerConfig {
                allow_anonymous,
                users: users.into_iter().collect::<BTreeMap<_, _>>(),
                acl,
                max_inflight,
                max_queued,
                queue_qos0,
                max_packet_size,
                max_topic_alias,
                sys_interval,
                max_keepalive,
                receive_maximum,
                outgoing_topic_aliases: aliases,
                overlapping: if single {
                    Overlapping::Single
                } else {
                    Overlapping::PerSubscription
                },
            }
        })
}

fn action(n: usize) -> impl Strategy<Value = Action> {
    let device = (0..n).prop_map(|i| format!("d{i}"));
    prop_oneof![
        device.clone().prop_map(|device| Action::Online { device }),
        device.clone().prop_map(|device| Action::Offline { device }),
        device
            .clone()
            .prop_map(|device| Action::PullPlug { device }),
        device.clone().prop_map(|device| Action::Replug { device }),
        (
            device.clone(),
            topic(),
            ".{0,6}",
            qos(),
            any::<bool>(),
            prop::option::of(any::<u32>()),
            prop::option::of(topic()),
            prop::option::of("[a-z0-9]{0,6}"),
        )
            .prop_map(
                |(device, topic, payload, qos, retain, expiry, response_topic, correlation)| {
                    Action::Publish {
                        device,
                        topic,
                        payload,
                        qos,
                        retain,
                        expiry,
                        response_topic,
                        correlation,
                    }
                }
            ),
        (device.clone(), filter(), qos()).prop_map(|(device, filter, qos)| Action::Subscribe {
            device,
            filter,
            qos
        }),
        (device.clone(), filter())
            .prop_map(|(device, filter)| Action::Unsubscribe { device, filter }),
        (device.clone(), link()).prop_map(|(device, link)| Action::SetLink { device, link }),
        (device.clone(), qos()).prop_map(|(device, qos)| Action::SetQos { device, qos }),
        (device.clone(), any::<bool>())
            .prop_map(|(device, retain)| Action::SetRetain { device, retain }),
        (device.clone(), any::<bool>())
            .prop_map(|(device, clean)| Action::SetCleanSession { device, clean }),
        (device.clone(), will()).prop_map(|(device, will)| Action::SetWill { device, will }),
        (
            device.clone(),
            prop::sample::select(vec![Port::Plain, Port::Tls])
        )
            .prop_map(|(device, port)| Action::SetPort { device, port }),
        (
            device,
            prop::option::of("[a-z]{1,4}"),
            prop::option::of("[a-z]{0,4}")
        )
            .prop_map(|(device, username, password)| Action::SetCredentials {
                device,
                username,
                password,
            }),
        broker().prop_map(|config| Action::SetBroker { config }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1..5usize).prop_flat_map(|n| {
        let devices: Vec<_> = (0..n).map(|i| device(i, n)).collect();
        let actions = prop::collection::vec(
            (0..60_000u64, action(n)).prop_map(|(at_ms, action)| Scheduled { at_ms, action }),
            0..6,
        );
        (any::<u64>(), broker(), devices, actions).prop_map(|(seed, broker, devices, actions)| {
            let mut s = Scenario::new(seed);
            s.broker = broker;
            s.devices = devices;
            s.actions = actions;
            s
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A valid scenario reads back from its own JSON exactly; an invalid one is refused by
    /// the reader too (it never becomes some other scenario).
    #[test]
    fn random_scenarios_round_trip(s in scenario()) {
        let json = serde_json::to_string(&s).unwrap();
        match s.validate() {
            Ok(()) => prop_assert_eq!(Scenario::from_json(&json).unwrap(), s),
            Err(e) => prop_assert_eq!(Scenario::from_json(&json).unwrap_err(), e),
        }
    }
}
