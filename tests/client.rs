//! The client session against the broker core, both in memory on a virtual clock.
#![cfg(not(target_arch = "wasm32"))]

use mqtt_playground::core::broker::{Broker, BrokerConfig, Output};
use mqtt_playground::core::client::{ClientEvent, ClientSession, State};
use mqtt_playground::core::codec::{Connect, PacketType, SubscriptionOptions, Version};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::trace::{ConnId, TraceKind};
use mqtt_playground::core::types::{ClientId, QoS};

/// A broker and clients wired in memory.
struct World {
    broker: Broker,
    now: Time,
    clients: Vec<(ConnId, ClientSession)>,
    next_conn: u64,
    trace: Vec<TraceKind>,
}

impl World {
    fn new() -> World {
        World {
            broker: Broker::new(BrokerConfig {
                sys_interval: 0,
                ..Default::default()
            }),
            now: Time::ZERO,
            clients: Vec::new(),
            next_conn: 0,
            trace: Vec::new(),
        }
    }

    /// Adds a client and connects it; returns its index.
    fn add(&mut self, v: Version, id: &str, clean: bool, keep_alive: u16) -> usize {
        let mut c = Connect::new(v, ClientId::new(id).unwrap());
        c.clean_start = clean;
        c.keep_alive = keep_alive;
        self.clients.push((ConnId(0), ClientSession::new(c)));
        let i = self.clients.len() - 1;
        self.reconnect(i);
        i
    }

    fn reconnect(&mut self, i: usize) {
        self.next_conn += 1;
        let conn = ConnId(self.next_conn);
        self.broker.handle_open(self.now, conn);
        self.clients[i].0 = conn;
        self.clients[i].1.start(self.now);
        self.pump();
    }

    fn pull_plug(&mut self, i: usize) {
        let conn = self.clients[i].0;
        self.broker.handle_close(self.now, conn);
        self.clients[i].1.handle_closed();
        self.pump();
    }

    /// Moves bytes both ways until nothing moves.
    fn pump(&mut self) {
        loop {
            let mut moved = false;
            for (conn, c) in &mut self.clients {
                while let Some(b) = c.poll_transmit() {
                    self.broker.handle_bytes(self.now, *conn, &b);
                    moved = true;
                }
            }
            while let Some(out) = self.broker.poll_output() {
                moved = true;
                match out {
                    Output::Transmit { conn, bytes } => {
                        if let Some((_, c)) = self.clients.iter_mut().find(|(k, _)| *k == conn) {
                            c.handle_bytes(self.now, &bytes);
                        }
                    }
                    Output::Close { conn } => {
                        if let Some((_, c)) = self.clients.iter_mut().find(|(k, _)| *k == conn) {
                            c.handle_closed();
                        }
                    }
                }
            }
            self.trace
                .extend(self.broker.poll_trace().into_iter().map(|e| e.kind));
            if !moved {
                return;
            }
        }
    }

    /// A world whose broker has these settings (no `$SYS`).
    fn with(config: BrokerConfig) -> World {
        let mut w = World::new();
        w.broker.set_config(BrokerConfig {
            sys_interval: 0,
            ..config
        });
        w
    }

    /// Adds a client subscribed to one filter; returns its index.
    fn subscriber(&mut self, v: Version, id: &str, filter: &str, qos: QoS) -> usize {
        let i = self.add(v, id, true, 60);
        let now = self.now;
        let wanted = vec![(
            TopicFilter::new(filter).unwrap(),
            SubscriptionOptions::qos(qos),
        )];
        self.clients[i].1.subscribe(now, wanted);
        self.pump();
        i
    }

    fn events(&mut self, i: usize) -> Vec<ClientEvent> {
        std::iter::from_fn(|| self.clients[i].1.poll_event()).collect()
    }

    /// Advances the clock, running every broker and client deadline on the way.
    fn advance(&mut self, ms: u64) {
        let end = self.now.plus_millis(ms);
        loop {
            let next = self
                .clients
                .iter()
                .filter_map(|(_, c)| c.poll_timeout())
                .chain(self.broker.poll_timeout())
                .min();
            let Some(t) = next.filter(|t| *t <= end) else {
                break;
            };
            self.now = t.max(self.now);
            self.broker.handle_timeout(self.now);
            for (_, c) in &mut self.clients {
                c.handle_timeout(self.now);
            }
            self.pump();
        }
        self.now = end;
    }
}

fn messages(events: &[ClientEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            ClientEvent::Message(p) => Some(String::from_utf8_lossy(&p.payload).into_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn qos_0_1_2_end_to_end_through_the_broker() {
    for v in [Version::V311, Version::V5] {
        let mut w = World::new();
        let sub = w.add(v, "panel", true, 60);
        let publ = w.add(v, "sensor", true, 60);
        assert!(matches!(
            w.events(sub)[..],
            [ClientEvent::Connected {
                session_present: false
            }]
        ));
        let now = w.now;
        w.clients[sub].1.subscribe(
            now,
            vec![(
                TopicFilter::new("Casa/+/Temperatura").unwrap(),
                SubscriptionOptions::qos(QoS::ExactlyOnce),
            )],
        );
        w.pump();
        assert!(
            matches!(&w.events(sub)[..], [ClientEvent::Subscribed { codes, .. }] if codes[0].0 == 2)
        );
        let topic = TopicName::new("Casa/Cocina/Temperatura").unwrap();
        for (i, qos) in QoS::ALL.into_iter().enumerate() {
            w.clients[publ]
                .1
                .publish(now, topic.clone(), format!("{i}"), qos, false);
        }
        w.pump();
        assert_eq!(
            messages(&w.events(sub)),
            ["0", "1", "2"],
            "{v}: each exactly once"
        );
        let done = w
            .events(publ)
            .iter()
            .filter(|e| matches!(e, ClientEvent::Published { .. }))
            .count();
        assert_eq!(done, 2, "{v}: QoS 1 and 2 completed");
        assert_eq!(w.clients[publ].1.in_flight(), 0);
        assert!(w.broker.session("panel").unwrap().inflight.is_empty());
    }
}

#[test]
fn keep_alive_pings_keep_the_connection() {
    let mut w = World::new();
    let c = w.add(Version::V311, "quiet", true, 10);
    w.advance(120_000);
    assert_eq!(w.clients[c].1.state(), State::Connected);
    assert!(!w
        .trace
        .iter()
        .any(|k| matches!(k, TraceKind::KeepAliveTimeout { .. })));
    let pings = w
        .trace
        .iter()
        .filter(|k| {
            matches!(
                k,
                TraceKind::PacketIn {
                    packet: mqtt_playground::core::codec::PacketType::PingReq,
                    ..
                }
            )
        })
        .count();
    assert_eq!(pings, 12, "one PINGREQ every 10 s of silence");
}

#[test]
fn publishes_made_offline_go_out_on_reconnect_and_complete() {
    let mut w = World::new();
    let sub = w.add(Version::V5, "s", true, 60);
    let now = w.now;
    w.clients[sub].1.subscribe(
        now,
        vec![(
            TopicFilter::new("t").unwrap(),
            SubscriptionOptions::qos(QoS::AtLeastOnce),
        )],
    );
    let p = w.add(Version::V5, "p", false, 60);
    w.pull_plug(p);
    assert_eq!(w.clients[p].1.state(), State::Disconnected);
    let topic = TopicName::new("t").unwrap();
    let now = w.now;
    w.clients[p]
        .1
        .publish(now, topic.clone(), "offline", QoS::AtLeastOnce, false);
    assert_eq!(
        w.clients[p]
            .1
            .publish(now, topic, "lost", QoS::AtMostOnce, false),
        None
    );
    w.pump();
    assert!(messages(&w.events(sub)).is_empty());
    w.reconnect(p);
    assert_eq!(messages(&w.events(sub)), ["offline"]);
    assert_eq!(w.clients[p].1.in_flight(), 0);
    // Its first transmission carries no DUP flag (byte 1, bit 3).
    let publishes: Vec<u8> = w
        .trace
        .iter()
        .filter_map(|k| match k {
            TraceKind::PacketIn {
                packet: PacketType::Publish,
                bytes,
                ..
            } => Some(bytes[0]),
            _ => None,
        })
        .collect();
    assert_eq!(publishes, [0x32]);
}

#[test]
fn topic_aliases_from_the_broker_are_resolved_and_forgotten_with_the_connection() {
    let mut w = World::with(BrokerConfig {
        outgoing_topic_aliases: true,
        ..Default::default()
    });
    let mut c = Connect::new(Version::V5, ClientId::new("panel").unwrap());
    c.clean_start = false;
    c.properties
        .0
        .push(mqtt_playground::core::codec::Property::SessionExpiryInterval(60));
    c.properties
        .0
        .push(mqtt_playground::core::codec::Property::TopicAliasMaximum(4));
    w.clients.push((ConnId(0), ClientSession::new(c)));
    let sub = w.clients.len() - 1;
    w.reconnect(sub);
    let publ = w.add(Version::V5, "sensor", true, 60);
    let now = w.now;
    w.clients[sub].1.subscribe(
        now,
        vec![(
            TopicFilter::new("Casa/#").unwrap(),
            SubscriptionOptions::qos(QoS::AtMostOnce),
        )],
    );
    w.pump();
    let topic = TopicName::new("Casa/Cocina/Temperatura").unwrap();
    for i in 0..3 {
        w.clients[publ]
            .1
            .publish(now, topic.clone(), format!("{i}"), QoS::AtMostOnce, false);
    }
    w.pump();
    let got: Vec<(String, bool)> = w
        .events(sub)
        .into_iter()
        .filter_map(|e| match e {
            ClientEvent::Message(p) => Some((
                p.topic.as_str().to_string(),
                p.properties
                    .get(mqtt_playground::core::codec::PropertyId::TopicAlias)
                    .is_some(),
            )),
            _ => None,
        })
        .collect();
    let want = (topic.as_str().to_string(), true);
    assert_eq!(
        got,
        [want.clone(), want.clone(), want],
        "resolved, alias kept"
    );
    let sent_empty = w.trace.iter().any(|k| {
        matches!(k, TraceKind::PacketOut { packet: PacketType::Publish, bytes, .. }
            if bytes.windows(2).any(|b| b == [0x00, 0x00]))
    });
    assert!(sent_empty, "the broker sent an empty topic with the alias");
    // A new connection: the broker starts over, and so does the client.
    w.pull_plug(sub);
    w.reconnect(sub);
    let now = w.now;
    w.clients[publ]
        .1
        .publish(now, topic.clone(), "3".to_string(), QoS::AtMostOnce, false);
    w.pump();
    let got = w.events(sub);
    assert_eq!(messages(&got), ["3"], "{got:?}");
    assert!(
        matches!(got.last(), Some(ClientEvent::Message(p)) if p.topic == topic),
        "the alias is new on the new connection"
    );
    assert_eq!(w.clients[sub].1.state(), State::Connected);
}

#[test]
fn the_client_keeps_within_the_brokers_receive_maximum() {
    let mut w = World::with(BrokerConfig {
        receive_maximum: 3,
        ..Default::default()
    });
    let sub = w.subscriber(Version::V5, "panel", "t", QoS::ExactlyOnce);
    let publ = w.add(Version::V5, "sensor", true, 60);
    let topic = TopicName::new("t").unwrap();
    let now = w.now;
    for i in 0..10 {
        w.clients[publ]
            .1
            .publish(now, topic.clone(), format!("{i}"), QoS::ExactlyOnce, false);
    }
    // Before the broker answers, only three are on the wire.
    let on_wire = std::iter::from_fn(|| w.clients[publ].1.poll_transmit()).count();
    assert_eq!(on_wire, 3, "the broker's Receive Maximum");
    w.clients[publ].1.handle_closed();
    w.reconnect(publ);
    let got = messages(&w.events(sub));
    assert_eq!(got.len(), 10, "all delivered, three at a time: {got:?}");
    assert!(
        !w.trace
            .iter()
            .any(|k| matches!(k, TraceKind::ProtocolError { .. })),
        "never past the broker's limit"
    );
}

#[test]
fn the_clients_own_topic_aliases_stay_within_the_brokers_maximum() {
    let mut w = World::with(BrokerConfig {
        max_topic_alias: 1,
        ..Default::default()
    });
    let sub = w.subscriber(Version::V5, "panel", "#", QoS::AtMostOnce);
    let publ = w.add(Version::V5, "sensor", true, 60);
    w.clients[publ].1.set_topic_aliases(true);
    let now = w.now;
    for t in ["a/b", "a/b", "c", "a/b"] {
        let topic = TopicName::new(t).unwrap();
        w.clients[publ]
            .1
            .publish(now, topic, t.to_string(), QoS::AtMostOnce, false);
    }
    w.pump();
    let got: Vec<String> = w
        .events(sub)
        .into_iter()
        .filter_map(|e| match e {
            ClientEvent::Message(p) => Some(p.topic.as_str().to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        got,
        ["a/b", "a/b", "c", "a/b"],
        "the broker resolved every alias"
    );
    // On the wire: an empty topic twice (alias 1 = a/b), "c" in full (past the maximum of 1).
    let empty = w
        .trace
        .iter()
        .filter(|k| {
            matches!(k, TraceKind::PacketIn { packet: PacketType::Publish, bytes, .. }
                if bytes.get(2..4) == Some(&[0, 0][..]))
        })
        .count();
    assert_eq!(empty, 2);
    assert!(!w
        .trace
        .iter()
        .any(|k| matches!(k, TraceKind::ProtocolError { .. })));
}

#[test]
fn a_3_1_1_only_broker_refusing_an_mqtt_5_connect_is_an_unsupported_version() {
    use mqtt_playground::core::codec::ReasonCode;
    // What aedes and amqtt answer an MQTT 5 CONNECT: a 3.1.1 CONNACK, return code 1.
    let mut s = ClientSession::new(Connect::new(Version::V5, ClientId::new("nuevo").unwrap()));
    s.start(Time::ZERO);
    while s.poll_transmit().is_some() {}
    s.handle_bytes(Time::ZERO, &[0x20, 0x02, 0x00, 0x01]);
    let events: Vec<_> = std::iter::from_fn(|| s.poll_event()).collect();
    assert!(
        events.iter().any(|e| matches!(e, ClientEvent::Refused { code } if *code == ReasonCode::UNSUPPORTED_PROTOCOL_VERSION)),
        "{events:?}"
    );
    assert_ne!(s.state(), State::Connected);
}
