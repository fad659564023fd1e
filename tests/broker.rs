//! The broker core on a virtual clock: every behaviour driven with real packet bytes, no sleeps.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use bytes::Bytes;
use mqtt_playground::core::broker::*;
use mqtt_playground::core::codec::*;
use mqtt_playground::core::time::Time;
use mqtt_playground::core::topic::{explain, TopicFilter, TopicName};
use mqtt_playground::core::trace::{ConnId, DropReason, TraceEvent, TraceKind, Violation};
use mqtt_playground::core::types::{ClientId, PacketId, QoS};
use mqtt_playground::i18n::Lang;

use Version::{V311, V5};

/// A broker and the bytes it sent to each connection.
struct Net {
    broker: Broker,
    now: Time,
    next: u64,
    inbox: BTreeMap<ConnId, Vec<u8>>,
    /// Decoded packets not yet taken by a test.
    pending: BTreeMap<ConnId, std::collections::VecDeque<Packet>>,
    versions: BTreeMap<ConnId, Version>,
    closed: Vec<ConnId>,
    trace: Vec<TraceEvent>,
}

impl Net {
    fn new(config: BrokerConfig) -> Net {
        Net {
            broker: Broker::new(config),
            now: Time::ZERO,
            next: 0,
            inbox: BTreeMap::new(),
            pending: BTreeMap::new(),
            versions: BTreeMap::new(),
            closed: Vec::new(),
            trace: Vec::new(),
        }
    }

    fn pump(&mut self) {
        while let Some(out) = self.broker.poll_output() {
            match out {
                Output::Transmit { conn, bytes } => self
                    .inbox
                    .entry(conn)
                    .or_default()
                    .extend_from_slice(&bytes),
                Output::Close { conn } => self.closed.push(conn),
            }
        }
        self.trace.extend(self.broker.poll_trace());
    }

    fn open(&mut self, v: Version) -> ConnId {
        self.next += 1;
        let conn = ConnId(self.next);
        self.versions.insert(conn, v);
        self.broker.handle_open(self.now, conn);
        self.pump();
        conn
    }

    fn send(&mut self, conn: ConnId, p: Packet) {
        let v = self.versions[&conn];
        let bytes = p.to_bytes(v).unwrap();
        self.broker.handle_bytes(self.now, conn, &bytes);
        self.pump();
    }

    /// Connects and returns the connection and the CONNACK.
    fn connect_with(&mut self, c: Connect) -> (ConnId, ConnAck) {
        let conn = self.open(c.version);
        self.send(conn, Packet::Connect(Box::new(c)));
        match self.next_packet(conn) {
            Some(Packet::ConnAck(a)) => (conn, a),
            other => panic!("expected CONNACK, got {other:?}"),
        }
    }

    fn connect(&mut self, v: Version, id: &str, clean: bool) -> ConnId {
        let mut c = Connect::new(v, ClientId::new(id).unwrap());
        c.clean_start = clean;
        let (conn, ack) = self.connect_with(c);
        assert_eq!(ack.code, ReasonCode::SUCCESS, "{ack:?}");
        conn
    }

    /// Decodes what arrived for `conn` into its pending packets.
    fn decode_inbox(&mut self, conn: ConnId) {
        let v = self.versions[&conn];
        let buf = self.inbox.remove(&conn).unwrap_or_default();
        let pending = self.pending.entry(conn).or_default();
        let mut at = 0;
        while at < buf.len() {
            match decode(&buf[at..], v, MAX_PACKET_SIZE).unwrap() {
                Decoded::Packet { packet, len } => {
                    pending.push_back(packet);
                    at += len;
                }
                Decoded::Incomplete { .. } => panic!("partial packet from broker"),
            }
        }
    }

    /// The next packet the broker sent to `conn`.
    fn next_packet(&mut self, conn: ConnId) -> Option<Packet> {
        self.decode_inbox(conn);
        self.pending.get_mut(&conn)?.pop_front()
    }

    /// Every packet the broker sent to `conn` and the test has not taken yet.
    fn recv(&mut self, conn: ConnId) -> Vec<Packet> {
        self.decode_inbox(conn);
        self.pending
            .remove(&conn)
            .map(Vec::from)
            .unwrap_or_default()
    }

    fn publishes(&mut self, conn: ConnId) -> Vec<Publish> {
        self.recv(conn)
            .into_iter()
            .filter_map(|p| {
                if let Packet::Publish(p) = p {
                    Some(p)
                } else {
                    None
                }
            })
            .collect()
    }

    fn subscribe(&mut self, conn: ConnId, filters: &[(&str, QoS)]) -> Vec<ReasonCode> {
        let s = Subscribe {
            packet_id: pid(1),
            properties: Properties::new(),
            filters: filters
                .iter()
                .map(|(f, q)| (TopicFilter::new(*f).unwrap(), SubscriptionOptions::qos(*q)))
                .collect(),
        };
        self.send(conn, Packet::Subscribe(s));
        match self.next_packet(conn) {
            Some(Packet::SubAck(a)) => a.codes,
            other => panic!("expected SUBACK, got {other:?}"),
        }
    }

    fn publish(
        &mut self,
        conn: ConnId,
        topic: &str,
        payload: &str,
        qos: QoS,
        retain: bool,
        id: u16,
    ) {
        let p = Publish {
            qos,
            retain,
            packet_id: (qos != QoS::AtMostOnce).then(|| pid(id)),
            ..Publish::new(
                TopicName::new(topic).unwrap(),
                Bytes::copy_from_slice(payload.as_bytes()),
            )
        };
        self.send(conn, Packet::Publish(p));
    }

    fn close(&mut self, conn: ConnId) {
        self.broker.handle_close(self.now, conn);
        self.pump();
    }

    /// Advances the virtual clock, handling every deadline on the way.
    fn advance(&mut self, ms: u64) {
        let end = self.now.plus_millis(ms);
        while let Some(t) = self.broker.poll_timeout().filter(|t| *t <= end) {
            self.now = t.max(self.now);
            self.broker.handle_timeout(self.now);
            self.pump();
        }
        self.now = end;
    }

    fn has(&self, f: impl Fn(&TraceKind) -> bool) -> bool {
        self.trace.iter().any(|e| f(&e.kind))
    }
}

fn pid(n: u16) -> PacketId {
    PacketId::new(n).unwrap()
}

fn payloads(ps: &[Publish]) -> Vec<String> {
    ps.iter()
        .map(|p| String::from_utf8_lossy(&p.payload).into_owned())
        .collect()
}

/// Anonymous clients may read and write only under `ok/`.
fn anonymous_under_ok() -> BrokerConfig {
    BrokerConfig {
        acl: Some(Acl {
            users: BTreeMap::new(),
            anonymous: vec![AclRule::new(Access::ReadWrite, "ok/#")],
            patterns: vec![],
        }),
        ..no_sys()
    }
}

fn no_sys() -> BrokerConfig {
    BrokerConfig {
        sys_interval: 0,
        ..BrokerConfig::default()
    }
}

#[test]
fn publish_subscribe_with_a_wildcard_and_the_filter_explained() {
    let mut net = Net::new(no_sys());
    let dash = net.connect(V311, "panel", true);
    assert_eq!(
        net.subscribe(
            dash,
            &[
                ("Casa/+/Temperatura", QoS::AtMostOnce),
                ("Casa/Salon/#", QoS::AtMostOnce)
            ]
        ),
        [ReasonCode(0), ReasonCode(0)]
    );
    let sensor = net.connect(V311, "sensor", true);
    net.publish(
        sensor,
        "Casa/Cocina/Temperatura",
        "21.5",
        QoS::AtMostOnce,
        false,
        0,
    );
    let got = net.publishes(dash);
    assert_eq!(payloads(&got), ["21.5"]);
    assert_eq!(got[0].topic.as_str(), "Casa/Cocina/Temperatura");
    // Both filters were tried and explained: one matched, one failed at level 2.
    let tried: Vec<_> = net
        .trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::FilterTried {
                filter, matched, ..
            } => {
                let topic = TopicName::new("Casa/Cocina/Temperatura").unwrap();
                let explanation = explain(filter, &topic);
                assert_eq!(explanation.matched, *matched);
                Some((filter.to_string(), *matched, explanation.failed_at()))
            }
            _ => None,
        })
        .collect();
    assert!(tried.contains(&("Casa/+/Temperatura".into(), true, None)));
    assert!(tried.contains(&("Casa/Salon/#".into(), false, Some(2))));
}

#[test]
fn the_queue_keeps_messages_for_an_offline_persistent_client_and_empties_on_ack() {
    let mut net = Net::new(no_sys());
    let phone = net.connect(V311, "movil", false);
    net.subscribe(phone, &[("Casa/Puerta", QoS::AtLeastOnce)]);
    net.close(phone); // offline, without DISCONNECT
    let pub_ = net.connect(V311, "sensor", true);
    for (i, text) in ["abierta", "cerrada", "abierta"].iter().enumerate() {
        net.publish(
            pub_,
            "Casa/Puerta",
            text,
            QoS::AtLeastOnce,
            false,
            i as u16 + 1,
        );
    }
    net.publish(pub_, "Casa/Puerta", "qos0", QoS::AtMostOnce, false, 0);
    assert_eq!(
        net.broker.session("movil").unwrap().queue.len(),
        3,
        "QoS 0 is not queued"
    );
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Dropped {
            reason: DropReason::QoS0Offline,
            ..
        }
    )));

    let mut c = Connect::new(V311, ClientId::new("movil").unwrap());
    c.clean_start = false;
    let (phone, ack) = net.connect_with(c);
    assert!(ack.session_present);
    let got = net.publishes(phone);
    assert_eq!(payloads(&got), ["abierta", "cerrada", "abierta"]);
    let s = net.broker.session("movil").unwrap();
    assert!(s.queue.is_empty());
    assert_eq!(s.inflight.len(), 3, "delivered, not yet acknowledged");
    for p in &got {
        net.send(phone, Packet::PubAck(Ack::new(p.packet_id.unwrap())));
    }
    assert!(
        net.broker.session("movil").unwrap().inflight.is_empty(),
        "deleted once acknowledged"
    );
}

#[test]
fn clean_session_forgets_everything() {
    let mut net = Net::new(no_sys());
    let c = net.connect(V311, "temp", true);
    net.subscribe(c, &[("a", QoS::AtLeastOnce)]);
    net.close(c);
    assert!(net.broker.session("temp").is_none());
    assert!(net.broker.subscriptions().is_empty());
}

#[test]
fn unacknowledged_messages_are_resent_with_dup_after_reconnect() {
    let mut net = Net::new(no_sys());
    let sub = net.connect(V311, "s", false);
    net.subscribe(sub, &[("t", QoS::ExactlyOnce)]);
    let p = net.connect(V311, "p", true);
    net.publish(p, "t", "one", QoS::AtLeastOnce, false, 1);
    net.publish(p, "t", "two", QoS::ExactlyOnce, false, 2);
    let first = net.publishes(sub);
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|p| !p.dup));
    // Acknowledge step one of QoS 2 only, then drop the connection.
    net.send(sub, Packet::PubRec(Ack::new(first[1].packet_id.unwrap())));
    assert!(matches!(net.recv(sub)[..], [Packet::PubRel(_)]));
    net.close(sub);
    let mut c = Connect::new(V311, ClientId::new("s").unwrap());
    c.clean_start = false;
    let (sub, _) = net.connect_with(c);
    let again = net.recv(sub);
    // The QoS 1 message comes again with DUP; the QoS 2 one continues with PUBREL.
    assert!(again
        .iter()
        .any(|p| matches!(p, Packet::Publish(x) if x.dup && x.packet_id == first[0].packet_id)));
    assert!(again
        .iter()
        .any(|p| matches!(p, Packet::PubRel(a) if Some(a.packet_id) == first[1].packet_id)));
}

#[test]
fn qos2_is_delivered_exactly_once_even_when_the_publisher_repeats() {
    let mut net = Net::new(no_sys());
    let sub = net.connect(V5, "s", true);
    net.subscribe(sub, &[("t", QoS::ExactlyOnce)]);
    let p = net.connect(V5, "p", true);
    net.publish(p, "t", "x", QoS::ExactlyOnce, false, 9);
    assert!(matches!(net.recv(p)[..], [Packet::PubRec(_)]));
    // The PUBREC was "lost": the publisher resends with DUP.
    let dup = Publish {
        dup: true,
        qos: QoS::ExactlyOnce,
        packet_id: Some(pid(9)),
        ..Publish::new(TopicName::new("t").unwrap(), &b"x"[..])
    };
    net.send(p, Packet::Publish(dup));
    assert!(matches!(net.recv(p)[..], [Packet::PubRec(_)]));
    net.send(p, Packet::PubRel(Ack::new(pid(9))));
    assert!(matches!(net.recv(p)[..], [Packet::PubComp(ref a)] if a.code == ReasonCode::SUCCESS));
    let got = net.publishes(sub);
    assert_eq!(got.len(), 1, "exactly once");
    // Full handshake towards the subscriber.
    let id = got[0].packet_id.unwrap();
    net.send(sub, Packet::PubRec(Ack::new(id)));
    assert!(matches!(net.recv(sub)[..], [Packet::PubRel(_)]));
    net.send(sub, Packet::PubComp(Ack::new(id)));
    assert!(net.broker.session("s").unwrap().inflight.is_empty());
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Acknowledged {
            packet: PacketType::PubComp,
            ..
        }
    )));
}

#[test]
fn effective_qos_is_the_lower_and_overlaps_give_one_copy_at_the_highest() {
    let mut net = Net::new(no_sys());
    let sub = net.connect(V311, "s", true);
    net.subscribe(sub, &[("a/+", QoS::AtMostOnce), ("a/#", QoS::AtLeastOnce)]);
    let p = net.connect(V311, "p", true);
    net.publish(p, "a/b", "m", QoS::ExactlyOnce, false, 1);
    let got = net.publishes(sub);
    assert_eq!(got.len(), 1, "one copy for overlapping subscriptions");
    assert_eq!(
        got[0].qos,
        QoS::AtLeastOnce,
        "min(publish 2, best subscription 1)"
    );
}

#[test]
fn retained_messages_are_stored_replaced_and_cleared() {
    let mut net = Net::new(no_sys());
    let p = net.connect(V311, "p", true);
    net.publish(p, "Casa/Salon/Luz", "ON", QoS::AtLeastOnce, true, 1);
    net.publish(p, "Casa/Salon/Luz", "OFF", QoS::AtLeastOnce, true, 2);
    let s = net.connect(V311, "s", true);
    net.subscribe(s, &[("Casa/#", QoS::AtLeastOnce)]);
    let got = net.publishes(s);
    assert_eq!(payloads(&got), ["OFF"]);
    assert!(
        got[0].retain,
        "retained messages arrive with the retain flag"
    );
    // A live message is not flagged retained.
    net.publish(p, "Casa/Salon/Luz", "ON", QoS::AtMostOnce, true, 0);
    assert!(!net.publishes(s)[0].retain);
    net.publish(p, "Casa/Salon/Luz", "", QoS::AtMostOnce, true, 0);
    assert!(net.has(|k| matches!(k, TraceKind::RetainedCleared { .. })));
    assert_eq!(net.broker.retained().count(), 0);
}

#[test]
fn the_will_fires_on_a_pulled_plug_and_keep_alive_timeout_but_not_on_disconnect() {
    let mut net = Net::new(no_sys());
    let watcher = net.connect(V311, "w", true);
    net.subscribe(watcher, &[("estado/+", QoS::AtMostOnce)]);
    let with_will = |id: &str, keep_alive: u16| {
        let mut c = Connect::new(V311, ClientId::new(id).unwrap());
        c.keep_alive = keep_alive;
        c.will = Some(Will {
            topic: TopicName::new(format!("estado/{id}")).unwrap(),
            payload: Bytes::from_static(b"offline"),
            qos: QoS::AtMostOnce,
            retain: false,
            properties: Properties::new(),
        });
        c
    };
    let (a, _) = net.connect_with(with_will("a", 60));
    net.send(a, Packet::Disconnect(Control::default()));
    assert!(
        net.publishes(watcher).is_empty(),
        "no will after DISCONNECT"
    );

    let (_b, _) = net.connect_with(with_will("b", 60));
    net.close(_b);
    assert_eq!(payloads(&net.publishes(watcher)), ["offline"]);

    let (_c, _) = net.connect_with(with_will("c", 10));
    net.advance(14_900);
    assert!(
        net.publishes(watcher).is_empty(),
        "still within 1.5 × keep-alive"
    );
    net.advance(200);
    assert_eq!(payloads(&net.publishes(watcher)), ["offline"]);
    assert!(net.has(|k| matches!(k, TraceKind::KeepAliveTimeout { client } if &**client == "c")));
}

#[test]
fn credentials_and_anonymous_access() {
    let mut config = no_sys();
    config.allow_anonymous = false;
    config.users.insert("ana".into(), "secreto".into());
    let mut net = Net::new(config);
    for v in [V311, V5] {
        let mut c = Connect::new(v, ClientId::new("x").unwrap());
        c.username = Some("ana".into());
        c.password = Some(Bytes::from_static(b"mal"));
        let (conn, ack) = net.connect_with(c);
        // As mosquitto 2.0: a wrong password is "not authorized".
        assert_eq!(
            ack.code,
            if v == V311 {
                ReasonCode(5)
            } else {
                ReasonCode::NOT_AUTHORIZED
            }
        );
        assert!(
            net.closed.contains(&conn),
            "{conn:?} {:?} {:#?}",
            net.closed,
            &net.trace[net.trace.len().saturating_sub(4)..]
        );
        let (_, ack) = net.connect_with(Connect::new(v, ClientId::new("y").unwrap()));
        assert_eq!(
            ack.code,
            if v == V311 {
                ReasonCode(5)
            } else {
                ReasonCode::NOT_AUTHORIZED
            }
        );
    }
    let mut c = Connect::new(V311, ClientId::new("ok").unwrap());
    c.username = Some("ana".into());
    c.password = Some(Bytes::from_static(b"secreto"));
    assert_eq!(net.connect_with(c).1.code, ReasonCode::SUCCESS);
    // The password never reaches the trace.
    for e in &net.trace {
        if let TraceKind::PacketIn { bytes, .. } = &e.kind {
            assert!(
                !bytes.windows(7).any(|w| w == b"secreto"),
                "password in trace"
            );
        }
    }
}

#[test]
fn acl_denials_are_silent_in_311_and_explicit_in_5_and_reads_are_checked_per_message() {
    let mut config = no_sys();
    config.acl = Some(Acl {
        users: BTreeMap::new(),
        anonymous: vec![
            AclRule::new(Access::Read, "Casa/#"),
            AclRule::new(Access::Write, "Casa/+/Temperatura"),
            AclRule::new(Access::Write, "Oficina/#"),
        ],
        patterns: vec![],
    });
    let mut net = Net::new(config);
    let s = net.connect(V311, "s", true);
    // As mosquitto 2.0: subscriptions are granted; reading is checked per message.
    assert_eq!(
        net.subscribe(s, &[("Casa/#", QoS::AtLeastOnce), ("#", QoS::AtLeastOnce)]),
        [ReasonCode(1), ReasonCode(1)]
    );
    let writer = net.connect(V311, "w", true);
    net.publish(writer, "Oficina/Luz", "ON", QoS::AtMostOnce, false, 0);
    assert!(net.publishes(s).is_empty(), "no read access to Oficina/#");
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Dropped {
            reason: DropReason::NotAuthorizedToRead,
            ..
        }
    )));
    let intruder = net.connect(V311, "intruso", true);
    net.publish(
        intruder,
        "Casa/Puerta/Abrir",
        "1",
        QoS::AtLeastOnce,
        false,
        1,
    );
    assert!(
        matches!(net.recv(intruder)[..], [Packet::PubAck(ref a)] if a.code == ReasonCode::SUCCESS),
        "3.1.1: acknowledged"
    );
    assert!(net.publishes(s).is_empty(), "but not delivered");
    assert!(net.has(|k| matches!(k, TraceKind::PublishDenied { .. })));
    let v5 = net.connect(V5, "intruso5", true);
    net.publish(v5, "Casa/Puerta/Abrir", "1", QoS::AtLeastOnce, false, 1);
    assert!(
        matches!(net.recv(v5)[..], [Packet::PubAck(ref a)] if a.code == ReasonCode::NOT_AUTHORIZED)
    );
    net.publish(
        v5,
        "Casa/Cocina/Temperatura",
        "20",
        QoS::AtLeastOnce,
        false,
        2,
    );
    assert_eq!(payloads(&net.publishes(s)), ["20"]);
}

#[test]
fn takeover_closes_the_old_connection_and_fires_its_will() {
    let mut net = Net::new(no_sys());
    let w = net.connect(V311, "w", true);
    net.subscribe(w, &[("will", QoS::AtMostOnce)]);
    let mut c = Connect::new(V311, ClientId::new("dup").unwrap());
    c.will = Some(Will {
        topic: TopicName::new("will").unwrap(),
        payload: Bytes::from_static(b"gone"),
        qos: QoS::AtMostOnce,
        retain: false,
        properties: Properties::new(),
    });
    let (first, _) = net.connect_with(c);
    let second = net.connect(V311, "dup", true);
    assert!(net.closed.contains(&first) && !net.closed.contains(&second));
    assert!(net.has(|k| matches!(k, TraceKind::TakenOver { .. })));
    assert_eq!(payloads(&net.publishes(w)), ["gone"]);
}

#[test]
fn sys_topics_follow_the_virtual_clock_and_hash_does_not_match_them() {
    let mut net = Net::new(BrokerConfig::default());
    let all = net.connect(V311, "all", true);
    net.subscribe(all, &[("#", QoS::AtMostOnce)]);
    let sys = net.connect(V311, "sys", true);
    net.subscribe(sys, &[("$SYS/broker/uptime", QoS::AtMostOnce)]);
    net.advance(10_000);
    assert!(net.publishes(all).is_empty(), "'#' does not match $SYS");
    assert_eq!(payloads(&net.publishes(sys)), ["10 seconds"]);
    net.advance(10_000);
    assert_eq!(payloads(&net.publishes(sys)), ["20 seconds"]);
}

#[test]
fn the_in_flight_window_holds_back_the_rest_in_the_queue() {
    let mut net = Net::new(no_sys());
    let mut c = Connect::new(V5, ClientId::new("slow").unwrap());
    c.properties.0.push(Property::ReceiveMaximum(2));
    let (sub, _) = net.connect_with(c);
    net.subscribe(sub, &[("t", QoS::AtLeastOnce)]);
    let p = net.connect(V5, "p", true);
    for i in 1..=5 {
        net.publish(p, "t", &i.to_string(), QoS::AtLeastOnce, false, i);
    }
    let got = net.publishes(sub);
    assert_eq!(payloads(&got), ["1", "2"]);
    assert_eq!(net.broker.session("slow").unwrap().queue.len(), 3);
    net.send(sub, Packet::PubAck(Ack::new(got[0].packet_id.unwrap())));
    assert_eq!(payloads(&net.publishes(sub)), ["3"]);
}

#[test]
fn mqtt5_assigned_id_no_local_subscription_ids_and_topic_alias() {
    let mut net = Net::new(no_sys());
    let (conn, ack) = net.connect_with(Connect::new(V5, ClientId::new("").unwrap()));
    assert!(
        matches!(ack.properties.get(PropertyId::AssignedClientIdentifier), Some(Property::AssignedClientIdentifier(id)) if id.starts_with("auto-"))
    );
    let s = Subscribe {
        packet_id: pid(1),
        properties: Properties::new().with(Property::SubscriptionIdentifier(42)),
        filters: vec![(
            TopicFilter::new("chat/#").unwrap(),
            SubscriptionOptions {
                no_local: true,
                ..SubscriptionOptions::qos(QoS::AtMostOnce)
            },
        )],
    };
    net.send(conn, Packet::Subscribe(s));
    net.recv(conn);
    net.publish(conn, "chat/sala", "hola", QoS::AtMostOnce, false, 0);
    assert!(net.publishes(conn).is_empty(), "no local: not echoed back");
    let other = net.connect(V5, "otro", true);
    let aliased = Publish {
        properties: Properties::new().with(Property::TopicAlias(1)),
        ..Publish::new(TopicName::new("chat/sala").unwrap(), &b"1"[..])
    };
    net.send(other, Packet::Publish(aliased));
    let by_alias = Publish {
        properties: Properties::new().with(Property::TopicAlias(1)),
        ..Publish::new(TopicName::alias_only(), &b"2"[..])
    };
    net.send(other, Packet::Publish(by_alias));
    let got = net.publishes(conn);
    assert_eq!(payloads(&got), ["1", "2"]);
    assert_eq!(got[1].topic.as_str(), "chat/sala", "the alias was resolved");
    assert!(matches!(
        got[0].properties.get(PropertyId::SubscriptionIdentifier),
        Some(Property::SubscriptionIdentifier(42))
    ));
}

#[test]
fn malformed_bytes_close_the_connection_with_a_reason() {
    let mut net = Net::new(no_sys());
    let c = net.connect(V5, "c", true);
    net.broker
        .handle_bytes(net.now, c, &[0x36, 0x03, 0, 1, b'a']); // QoS 3
    net.pump();
    assert!(
        matches!(net.recv(c)[..], [Packet::Disconnect(ref d)] if d.code == ReasonCode::MALFORMED_PACKET)
    );
    assert!(net.closed.contains(&c));
    // A packet before CONNECT closes the connection too.
    let raw = net.open(V311);
    net.broker.handle_bytes(net.now, raw, &[0xC0, 0x00]);
    net.pump();
    assert!(net.closed.contains(&raw));
}

/// One scripted run; returns the whole trace.
fn scripted_run() -> Vec<TraceEvent> {
    let mut net = Net::new(BrokerConfig::default());
    let s = net.connect(V5, "s", false);
    net.subscribe(s, &[("Casa/#", QoS::ExactlyOnce)]);
    let p = net.connect(V311, "p", true);
    for i in 0..20u16 {
        net.publish(
            p,
            &format!("Casa/h{}/t", i % 3),
            &i.to_string(),
            [QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce][i as usize % 3],
            i % 4 == 0,
            i + 1,
        );
        net.advance(700);
        if i == 10 {
            net.close(s);
        }
    }
    net.advance(30_000);
    net.trace
}

#[test]
fn same_inputs_give_the_same_trace() {
    let a = scripted_run();
    let b = scripted_run();
    assert!(a.len() > 100);
    assert_eq!(a, b);
    assert!(a
        .windows(2)
        .all(|w| w[1].seq == w[0].seq + 1 && w[1].at >= w[0].at));
}

fn sub_with(net: &mut Net, conn: ConnId, filter: &str, options: SubscriptionOptions) {
    let s = Subscribe {
        packet_id: pid(3),
        properties: Properties::new(),
        filters: vec![(TopicFilter::new(filter).unwrap(), options)],
    };
    net.send(conn, Packet::Subscribe(s));
    assert!(matches!(net.next_packet(conn), Some(Packet::SubAck(_))));
}

#[test]
fn shared_subscriptions_take_turns() {
    let mut net = Net::new(no_sys());
    let a = net.connect(V5, "a", true);
    let b = net.connect(V5, "b", true);
    net.subscribe(a, &[("$share/g/trabajo/#", QoS::AtMostOnce)]);
    net.subscribe(b, &[("$share/g/trabajo/#", QoS::AtMostOnce)]);
    let p = net.connect(V5, "p", true);
    for i in 0..4 {
        net.publish(p, "trabajo/x", &i.to_string(), QoS::AtMostOnce, false, 0);
    }
    let (ga, gb) = (net.publishes(a), net.publishes(b));
    assert_eq!(
        (ga.len(), gb.len()),
        (2, 2),
        "each message to one member, in turn"
    );
}

#[test]
fn retain_handling_and_retain_as_published() {
    let mut net = Net::new(no_sys());
    let p = net.connect(V5, "p", true);
    net.publish(p, "r/t", "kept", QoS::AtMostOnce, true, 0);
    let s = net.connect(V5, "s", true);
    let mut o = SubscriptionOptions::qos(QoS::AtMostOnce);
    o.retain_handling = RetainHandling::DoNotSend;
    sub_with(&mut net, s, "r/#", o);
    assert!(
        net.publishes(s).is_empty(),
        "retain handling 2: nothing at subscribe"
    );
    o.retain_handling = RetainHandling::SendIfNew;
    sub_with(&mut net, s, "r/#", o);
    assert!(
        net.publishes(s).is_empty(),
        "retain handling 1: not for an existing subscription"
    );
    sub_with(&mut net, s, "r/+", o);
    assert_eq!(
        payloads(&net.publishes(s)),
        ["kept"],
        "retain handling 1: new subscription"
    );
    let mut rap = SubscriptionOptions::qos(QoS::AtMostOnce);
    rap.retain_as_published = true;
    let s2 = net.connect(V5, "s2", true);
    sub_with(&mut net, s2, "r/t", rap);
    net.publishes(s2);
    net.publish(p, "r/t", "live", QoS::AtMostOnce, true, 0);
    assert!(
        net.publishes(s2)[0].retain,
        "retain as published keeps the flag on live messages"
    );
}

#[test]
fn queued_messages_expire_and_a_full_queue_drops_new_ones() {
    let mut net = Net::new(BrokerConfig {
        max_queued: 2,
        ..no_sys()
    });
    let mut c = Connect::new(V5, ClientId::new("s").unwrap());
    c.clean_start = false;
    c.properties.0.push(Property::SessionExpiryInterval(3600));
    let (s, _) = net.connect_with(c.clone());
    net.subscribe(s, &[("t", QoS::AtLeastOnce)]);
    net.close(s);
    let p = net.connect(V5, "p", true);
    let expiring = Publish {
        qos: QoS::AtLeastOnce,
        packet_id: Some(pid(1)),
        properties: Properties::new().with(Property::MessageExpiryInterval(5)),
        ..Publish::new(TopicName::new("t").unwrap(), &b"short-lived"[..])
    };
    net.send(p, Packet::Publish(expiring));
    net.publish(p, "t", "stays", QoS::AtLeastOnce, false, 2);
    net.publish(p, "t", "no room", QoS::AtLeastOnce, false, 3);
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Dropped {
            reason: DropReason::QueueFull,
            ..
        }
    )));
    net.advance(10_000);
    let (s, ack) = net.connect_with(c);
    assert!(ack.session_present);
    assert_eq!(payloads(&net.publishes(s)), ["stays"]);
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Dropped {
            reason: DropReason::Expired,
            ..
        }
    )));
}

#[test]
fn will_delay_is_cancelled_by_a_reconnect_and_fires_after_it() {
    let mut net = Net::new(no_sys());
    let w = net.connect(V5, "w", true);
    net.subscribe(w, &[("will/#", QoS::AtMostOnce)]);
    let mut c = Connect::new(V5, ClientId::new("d").unwrap());
    c.clean_start = false;
    c.properties.0.push(Property::SessionExpiryInterval(300));
    c.will = Some(Will {
        topic: TopicName::new("will/d").unwrap(),
        payload: Bytes::from_static(b"gone"),
        qos: QoS::AtMostOnce,
        retain: false,
        properties: Properties::new().with(Property::WillDelayInterval(10)),
    });
    let (d, _) = net.connect_with(c.clone());
    net.close(d);
    net.advance(5_000);
    let (d, _) = net.connect_with(c);
    net.advance(20_000);
    assert!(
        net.publishes(w).is_empty(),
        "the reconnect cancelled the will"
    );
    net.close(d);
    net.advance(9_000);
    assert!(net.publishes(w).is_empty());
    net.advance(1_100);
    assert_eq!(payloads(&net.publishes(w)), ["gone"]);
}

#[test]
fn a_client_maximum_packet_size_is_respected() {
    let mut net = Net::new(no_sys());
    let mut c = Connect::new(V5, ClientId::new("tiny").unwrap());
    c.properties.0.push(Property::MaximumPacketSize(64));
    let (s, _) = net.connect_with(c);
    net.subscribe(s, &[("t", QoS::AtMostOnce)]);
    let p = net.connect(V5, "p", true);
    net.publish(p, "t", &"x".repeat(100), QoS::AtMostOnce, false, 0);
    net.publish(p, "t", "small", QoS::AtMostOnce, false, 0);
    assert_eq!(payloads(&net.publishes(s)), ["small"]);
    assert!(net.has(|k| matches!(
        k,
        TraceKind::Dropped {
            reason: DropReason::TooLarge,
            ..
        }
    )));
}

#[test]
fn bad_input_closes_only_the_offending_connection() {
    let mut net = Net::new(no_sys());
    let good = net.connect(V311, "good", false);
    net.subscribe(good, &[("t", QoS::AtLeastOnce)]);
    let p = net.connect(V311, "p", true);
    // A second CONNECT [MQTT-3.1.0-2].
    let twice = net.connect(V311, "twice", true);
    net.send(
        twice,
        Packet::Connect(Box::new(Connect::new(
            V311,
            ClientId::new("twice").unwrap(),
        ))),
    );
    assert!(net.closed.contains(&twice));
    // Invalid UTF-8, a wildcard in a PUBLISH topic, a huge remaining length, random bytes.
    let garbage: [&[u8]; 4] = [
        &[0x30, 0x04, 0x00, 0x02, 0xC3, 0x28],
        &[0x30, 0x03, 0x00, 0x01, b'#'],
        &[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        &[0x0F, 0x00, 0x13, 0x37],
    ];
    for bytes in garbage {
        let bad = net.connect(V311, "bad", true);
        net.broker.handle_bytes(net.now, bad, bytes);
        net.pump();
        assert!(net.closed.contains(&bad), "{bytes:02x?}");
    }
    let errors = net
        .trace
        .iter()
        .filter(|e| matches!(e.kind, TraceKind::ProtocolError { .. }))
        .count();
    assert_eq!(errors, 5, "each one traced with its reason");
    let violations: Vec<&Violation> = net
        .trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::ProtocolError { violation, .. } => Some(violation),
            _ => None,
        })
        .collect();
    assert_eq!(violations[0], &Violation::SecondConnect);
    assert_eq!(violations[0].rule(), Some("MQTT-3.1.0-2"));
    assert!(matches!(
        violations[1],
        Violation::Malformed(DecodeError::InvalidUtf8 { .. })
    ));
    assert!(matches!(
        violations[2],
        Violation::Malformed(DecodeError::InvalidTopic { .. })
    ));
    for v in &violations {
        assert_ne!(v.message(Lang::Es), v.message(Lang::En));
    }
    // Everyone else is still served, nothing lost.
    for i in 1..=3 {
        net.publish(p, "t", &i.to_string(), QoS::AtLeastOnce, false, i);
    }
    assert_eq!(payloads(&net.publishes(good)), ["1", "2", "3"]);
    // Truncated packets just wait for more bytes.
    let half = net.connect(V311, "half", true);
    net.broker.handle_bytes(net.now, half, &[0x30, 0x0A, 0x00]);
    net.pump();
    assert!(!net.closed.contains(&half));
}

#[test]
fn overlapping_subscriptions_give_a_copy_per_subscription_in_5() {
    let mut net = Net::new(no_sys());
    let s = net.connect(V5, "s", true);
    net.subscribe(
        s,
        &[
            ("x/+", QoS::AtMostOnce),
            ("x/#", QoS::ExactlyOnce),
            ("x/y", QoS::AtLeastOnce),
        ],
    );
    let p = net.connect(V5, "p", true);
    net.publish(p, "x/y", "m", QoS::ExactlyOnce, false, 1);
    let qos: Vec<QoS> = net.publishes(s).iter().map(|p| p.qos).collect();
    // mosquitto's order: the literal level, then `+`, then `#`.
    assert_eq!(qos, [QoS::AtLeastOnce, QoS::AtMostOnce, QoS::ExactlyOnce]);
}

#[test]
fn every_kind_of_trace_event_is_emitted() {
    let mut net = Net::new(anonymous_under_ok());
    // Retained, then a subscriber that gets it; live traffic acknowledged.
    let p = net.connect(V311, "p", true);
    net.publish(p, "ok/luz", "ON", QoS::AtLeastOnce, true, 1);
    let s = net.connect(V311, "s", false);
    net.subscribe(s, &[("ok/#", QoS::AtLeastOnce)]);
    net.publish(p, "ok/t", "1", QoS::AtLeastOnce, false, 2);
    for publish in net.publishes(s) {
        net.send(s, Packet::PubAck(Ack::new(publish.packet_id.unwrap())));
    }
    net.publish(p, "ok/luz", "", QoS::AtMostOnce, true, 0);
    net.publish(p, "prohibido", "x", QoS::AtMostOnce, false, 0);
    // Offline: queued (QoS 1) and dropped (QoS 0); then resumed.
    net.close(s);
    net.publish(p, "ok/t", "2", QoS::AtLeastOnce, false, 3);
    net.publish(p, "ok/t", "3", QoS::AtMostOnce, false, 0);
    let s = net.connect(V311, "s", false);
    // Takeover, a will, a keep-alive timeout, a protocol error, a clean session ending.
    let mut c = Connect::new(V311, ClientId::new("w").unwrap());
    c.keep_alive = 5;
    c.will = Some(Will {
        topic: TopicName::new("ok/will").unwrap(),
        payload: Bytes::from_static(b"bye"),
        qos: QoS::AtMostOnce,
        retain: false,
        properties: Properties::new(),
    });
    net.connect_with(c);
    net.connect(V311, "s", false);
    net.advance(8_000);
    let bad = net.connect(V311, "bad", true);
    net.broker.handle_bytes(net.now, bad, &[0x0F, 0x00]);
    net.pump();
    let _ = s;
    let seen: std::collections::BTreeSet<&str> = net.trace.iter().map(|e| e.kind.name()).collect();
    let missing: Vec<&str> = TraceKind::NAMES
        .iter()
        .copied()
        .filter(|n| !seen.contains(n) && !TraceKind::WORLD_NAMES.contains(n))
        .collect();
    assert!(missing.is_empty(), "never emitted: {missing:?}");
}

// ---- MQTT 5 settings beyond mosquitto's defaults (issue #20) ---------------------------------

fn connect_keepalive(net: &mut Net, v: Version, id: &str, keep_alive: u16) -> (ConnId, ConnAck) {
    let mut c = Connect::new(v, ClientId::new(id).unwrap());
    c.keep_alive = keep_alive;
    net.connect_with(c)
}

fn server_keep_alive(ack: &ConnAck) -> Option<u16> {
    match ack.properties.get(PropertyId::ServerKeepAlive) {
        Some(Property::ServerKeepAlive(n)) => Some(*n),
        _ => None,
    }
}

#[test]
fn max_keepalive_lowers_a_5_client_and_refuses_a_3_client() {
    let mut net = Net::new(BrokerConfig {
        max_keepalive: 60,
        ..no_sys()
    });
    let (_, ack) = connect_keepalive(&mut net, V5, "largo", 120);
    assert_eq!(ack.code, ReasonCode::SUCCESS);
    assert_eq!(server_keep_alive(&ack), Some(60), "told the limit");
    let (_, ack) = connect_keepalive(&mut net, V5, "cero", 0);
    assert_eq!(
        server_keep_alive(&ack),
        Some(60),
        "0 (no keep-alive) is above any limit"
    );
    let (_, ack) = connect_keepalive(&mut net, V5, "corto", 30);
    assert_eq!(
        server_keep_alive(&ack),
        None,
        "within the limit: nothing to say"
    );
    let (old, ack) = connect_keepalive(&mut net, V311, "viejo", 120);
    assert_eq!(
        ack.code,
        ReasonCode(2),
        "3.1.1: identifier rejected, as mosquitto"
    );
    assert!(net.closed.contains(&old));
    let (_, ack) = connect_keepalive(&mut net, V311, "viejo", 60);
    assert_eq!(ack.code, ReasonCode::SUCCESS);
    // Held to it: silent for 1.5 × 60 s, "largo" (asked for 120 s) is gone; "corto" earlier.
    assert_eq!(net.broker.flow("largo").unwrap().keep_alive, 60);
    net.advance(89_000);
    assert!(net
        .broker
        .session("largo")
        .is_some_and(|s| s.conn.is_some()));
    net.advance(2_000);
    assert!(net.broker.session("largo").is_none_or(|s| s.conn.is_none()));
    // Default: no limit, no Server Keep Alive.
    let mut open = Net::new(no_sys());
    let (_, ack) = connect_keepalive(&mut open, V5, "x", 0);
    assert_eq!(server_keep_alive(&ack), None);
    let (_, ack) = connect_keepalive(&mut open, V311, "y", 65535);
    assert_eq!(ack.code, ReasonCode::SUCCESS);
}

fn receive_maximum_of(ack: &ConnAck) -> Option<u16> {
    match ack.properties.get(PropertyId::ReceiveMaximum) {
        Some(Property::ReceiveMaximum(n)) => Some(*n),
        _ => None,
    }
}

/// Sends `n` QoS 2 PUBLISH packets (ids from `first`) and never PUBREL; the PUBREC codes.
fn qos2_flood(net: &mut Net, conn: ConnId, first: u16, n: u16) -> Vec<ReasonCode> {
    for id in first..first + n {
        net.publish(conn, "flood", &id.to_string(), QoS::ExactlyOnce, false, id);
    }
    net.recv(conn)
        .into_iter()
        .filter_map(|p| match p {
            Packet::PubRec(a) => Some(a.code),
            _ => None,
        })
        .collect()
}

#[test]
fn by_default_a_5_flood_past_max_inflight_gets_quota_exceeded_as_from_mosquitto() {
    let mut net = Net::new(no_sys());
    let (c, ack) = net.connect_with(Connect::new(V5, ClientId::new("f").unwrap()));
    assert_eq!(
        receive_maximum_of(&ack),
        Some(20),
        "mosquitto advertises max_inflight"
    );
    let codes = qos2_flood(&mut net, c, 1, 25);
    assert_eq!(codes.len(), 25);
    assert!(codes[..20].iter().all(|c| c.is_success()), "{codes:?}");
    assert!(codes[20..].iter().all(|c| *c == ReasonCode::QUOTA_EXCEEDED));
    assert!(!net.closed.contains(&c), "refused, not disconnected");
    let old = net.connect(V311, "g", true);
    let codes = qos2_flood(&mut net, old, 1, 25);
    assert_eq!(codes, [ReasonCode::SUCCESS; 25], "3.1.1: no quota");
}

#[test]
fn receive_maximum_is_advertised_and_a_5_flood_past_it_is_disconnected_with_0x93() {
    let mut net = Net::new(BrokerConfig {
        receive_maximum: 5,
        ..no_sys()
    });
    let s = net.connect(V5, "s", true);
    net.subscribe(s, &[("flood", QoS::AtMostOnce)]);
    let (c, ack) = net.connect_with(Connect::new(V5, ClientId::new("f").unwrap()));
    assert_eq!(receive_maximum_of(&ack), Some(5));
    assert_eq!(qos2_flood(&mut net, c, 1, 5), [ReasonCode::SUCCESS; 5]);
    assert_eq!(net.broker.flow("f").unwrap().receiving, 5);
    // Completing one exchange frees a place.
    net.send(c, Packet::PubRel(Ack::new(pid(1))));
    assert!(matches!(net.recv(c)[..], [Packet::PubComp(_)]));
    assert_eq!(qos2_flood(&mut net, c, 6, 1), [ReasonCode::SUCCESS]);
    // The sixth unfinished one is one too many.
    net.publish(c, "flood", "7", QoS::ExactlyOnce, false, 7);
    assert!(
        matches!(net.recv(c)[..], [Packet::Disconnect(ref d)] if d.code == ReasonCode::RECEIVE_MAXIMUM_EXCEEDED)
    );
    assert!(net.closed.contains(&c));
    assert!(net.has(|k| matches!(
        k,
        TraceKind::ProtocolError {
            violation: Violation::ReceiveMaximumExceeded(5),
            ..
        }
    )));
    assert_eq!(
        payloads(&net.publishes(s)),
        ["1", "2", "3", "4", "5", "6"],
        "the one too many is not routed"
    );
    // 3.1.1 has no Receive Maximum: the same flood is accepted.
    let old = net.connect(V311, "g", true);
    assert_eq!(qos2_flood(&mut net, old, 1, 25), [ReasonCode::SUCCESS; 25]);
    assert!(!net.closed.contains(&old));
}

#[test]
fn the_broker_sends_no_more_than_each_clients_receive_maximum_or_max_inflight() {
    let mut net = Net::new(BrokerConfig {
        max_inflight: 3,
        ..no_sys()
    });
    let mut c = Connect::new(V5, ClientId::new("cinco").unwrap());
    c.properties.0.push(Property::ReceiveMaximum(2));
    let (five, _) = net.connect_with(c);
    net.subscribe(five, &[("t", QoS::ExactlyOnce)]);
    let three = net.connect(V311, "tres", true);
    net.subscribe(three, &[("t", QoS::ExactlyOnce)]);
    let p = net.connect(V5, "p", true);
    for i in 1..=6 {
        net.publish(p, "t", &i.to_string(), QoS::AtLeastOnce, false, i);
    }
    assert_eq!(net.publishes(five).len(), 2, "the client's Receive Maximum");
    assert_eq!(
        net.publishes(three).len(),
        3,
        "3.1.1: the broker's max_inflight"
    );
}

fn alias_of(p: &Publish) -> Option<u16> {
    match p.properties.get(PropertyId::TopicAlias) {
        Some(Property::TopicAlias(a)) => Some(*a),
        _ => None,
    }
}

fn connect_aliases(net: &mut Net, v: Version, id: &str, max: Option<u16>) -> ConnId {
    let mut c = Connect::new(v, ClientId::new(id).unwrap());
    if let Some(max) = max {
        c.properties.0.push(Property::TopicAliasMaximum(max));
    }
    let (conn, ack) = net.connect_with(c);
    assert_eq!(ack.code, ReasonCode::SUCCESS);
    conn
}

#[test]
fn outgoing_topic_aliases_are_given_up_to_the_clients_maximum_and_reset_with_the_connection() {
    let mut net = Net::new(BrokerConfig {
        outgoing_topic_aliases: true,
        ..no_sys()
    });
    let s = connect_aliases(&mut net, V5, "s", Some(2));
    net.subscribe(s, &[("#", QoS::AtMostOnce)]);
    let none = connect_aliases(&mut net, V5, "sin", None);
    net.subscribe(none, &[("#", QoS::AtMostOnce)]);
    let p = net.connect(V5, "p", true);
    for t in ["a", "a", "b", "c", "a", "b"] {
        net.publish(p, t, t, QoS::AtMostOnce, false, 0);
    }
    let got: Vec<(String, Option<u16>)> = net
        .publishes(s)
        .iter()
        .map(|p| (p.topic.as_str().to_string(), alias_of(p)))
        .collect();
    let want = [
        ("a", Some(1)),
        ("", Some(1)),
        ("b", Some(2)),
        ("c", None),
        ("", Some(1)),
        ("", Some(2)),
    ];
    assert_eq!(
        got,
        want.map(|(t, a)| (t.to_string(), a)),
        "first with topic, then alias alone; never past 2"
    );
    let flow = net.broker.flow("s").unwrap();
    assert_eq!(flow.to_client_max, 2);
    assert_eq!(
        flow.to_client,
        [
            (1, TopicName::new("a").unwrap()),
            (2, TopicName::new("b").unwrap())
        ]
    );
    assert!(
        net.publishes(none)
            .iter()
            .all(|p| alias_of(p).is_none() && !p.topic.is_empty()),
        "a client that allows none gets none"
    );
    // A new connection starts with no aliases.
    net.close(s);
    let s = connect_aliases(&mut net, V5, "s", Some(2));
    net.subscribe(s, &[("#", QoS::AtMostOnce)]);
    net.publish(p, "b", "b", QoS::AtMostOnce, false, 0);
    let got = net.publishes(s);
    assert_eq!((got[0].topic.as_str(), alias_of(&got[0])), ("b", Some(1)));
    // 3.1.1 clients never get aliases; by default nobody does.
    let old = net.connect(V311, "viejo", true);
    net.subscribe(old, &[("#", QoS::AtMostOnce)]);
    net.publish(p, "a", "a", QoS::AtMostOnce, false, 0);
    assert_eq!(net.publishes(old)[0].topic.as_str(), "a");
    let mut plain = Net::new(no_sys());
    let s = connect_aliases(&mut plain, V5, "s", Some(5));
    plain.subscribe(s, &[("#", QoS::AtMostOnce)]);
    let p = plain.connect(V5, "p", true);
    plain.publish(p, "a", "a", QoS::AtMostOnce, false, 0);
    assert_eq!(alias_of(&plain.publishes(s)[0]), None);
}

#[test]
fn client_topic_aliases_of_0_or_past_the_maximum_end_the_connection_with_0x94() {
    for alias in [0, 11] {
        let mut net = Net::new(no_sys());
        let c = net.connect(V5, "c", true);
        let p = Publish {
            properties: Properties::new().with(Property::TopicAlias(11)),
            ..Publish::new(TopicName::new("a").unwrap(), &b"x"[..])
        };
        // The encoder refuses alias 0: the bytes are patched (a client that breaks the rule).
        let mut bytes = Packet::Publish(p).to_bytes(V5).unwrap();
        let at = bytes.len() - 2;
        assert_eq!(bytes[at], 11);
        bytes[at] = alias as u8;
        net.broker.handle_bytes(net.now, c, &bytes);
        net.pump();
        assert!(
            matches!(net.recv(c)[..], [Packet::Disconnect(ref d)] if d.code == ReasonCode::TOPIC_ALIAS_INVALID),
            "alias {alias}"
        );
        assert!(net.closed.contains(&c));
    }
}

fn subscribe_with_id(net: &mut Net, conn: ConnId, filter: &str, qos: QoS, id: Option<u32>) {
    let mut properties = Properties::new();
    if let Some(id) = id {
        properties.0.push(Property::SubscriptionIdentifier(id));
    }
    let s = Subscribe {
        packet_id: pid(1),
        properties,
        filters: vec![(
            TopicFilter::new(filter).unwrap(),
            SubscriptionOptions::qos(qos),
        )],
    };
    net.send(conn, Packet::Subscribe(s));
    assert!(matches!(net.next_packet(conn), Some(Packet::SubAck(_))));
}

#[test]
fn overlapping_single_gives_one_copy_at_the_highest_qos_with_every_identifier() {
    let mut net = Net::new(BrokerConfig {
        overlapping: Overlapping::Single,
        ..no_sys()
    });
    let s = net.connect(V5, "s", true);
    subscribe_with_id(&mut net, s, "x/+", QoS::AtMostOnce, Some(1));
    subscribe_with_id(&mut net, s, "x/#", QoS::AtLeastOnce, Some(2));
    subscribe_with_id(&mut net, s, "x/y", QoS::AtMostOnce, None);
    let old = net.connect(V311, "viejo", true);
    net.subscribe(old, &[("x/+", QoS::AtMostOnce), ("x/#", QoS::AtLeastOnce)]);
    let p = net.connect(V5, "p", true);
    net.publish(p, "x/y", "m", QoS::ExactlyOnce, false, 1);
    let got = net.publishes(s);
    assert_eq!(got.len(), 1, "one copy");
    assert_eq!(got[0].qos, QoS::AtLeastOnce, "the highest granted");
    let mut ids: Vec<u32> = got[0]
        .properties
        .0
        .iter()
        .filter_map(|p| match p {
            Property::SubscriptionIdentifier(id) => Some(*id),
            _ => None,
        })
        .collect();
    ids.sort();
    assert_eq!(ids, [1, 2], "every matching identifier [MQTT-3.3.4-5]");
    let got = net.publishes(old);
    assert_eq!(
        (got.len(), got[0].qos),
        (1, QoS::AtLeastOnce),
        "3.1.1 as before"
    );
}

#[test]
fn every_new_setting_is_read_from_json_and_a_bad_one_is_refused_with_its_path() {
    let c = BrokerConfig::from_json(
        r#"{"max_keepalive": 60, "receive_maximum": 10, "outgoing_topic_aliases": true,
            "overlapping": "single"}"#,
    )
    .unwrap();
    assert_eq!(
        (
            c.max_keepalive,
            c.receive_maximum,
            c.outgoing_topic_aliases,
            c.overlapping
        ),
        (60, 10, true, Overlapping::Single)
    );
    let d = BrokerConfig::default();
    assert_eq!(
        (
            d.max_keepalive,
            d.receive_maximum,
            d.outgoing_topic_aliases,
            d.overlapping
        ),
        (0, 65535, false, Overlapping::PerSubscription)
    );
    for (json, path) in [
        (r#"{"overlapping": "both"}"#, "overlapping"),
        (r#"{"receive_maximum": 0}"#, "receive_maximum"),
        (r#"{"receive_maximum": 70000}"#, "receive_maximum"),
        (r#"{"max_keepalive": -1}"#, "max_keepalive"),
        (
            r#"{"outgoing_topic_aliases": "yes"}"#,
            "outgoing_topic_aliases",
        ),
        (r#"{"max_keep_alive": 5}"#, "max_keep_alive"),
    ] {
        let e = BrokerConfig::from_json(json).unwrap_err();
        let (en, es) = (e.render(Lang::En), e.render(Lang::Es));
        assert!(en.contains(path) && es.contains(path), "{en} / {es}");
        assert_ne!(en, es, "in the user's language");
    }
}

/// The journey of the last PUBLISH `client` sent.
fn journey_of_last_publish(
    net: &Net,
    client: &str,
) -> Option<mqtt_playground::core::journey::Journey> {
    let msg = net.trace.iter().rev().find_map(|e| match &e.kind {
        TraceKind::PacketIn {
            client: Some(c),
            packet: PacketType::Publish,
            msg,
            ..
        } if &**c == client => *msg,
        _ => None,
    })?;
    mqtt_playground::core::journey::Journey::gather(net.trace.iter(), msg)
}

fn codes(j: &mqtt_playground::core::journey::Journey) -> Vec<(PacketType, ReasonCode)> {
    j.hops
        .iter()
        .filter_map(|h| h.code.map(|c| (h.packet, c)))
        .collect()
}

#[test]
fn a_refused_publish_has_a_journey_with_the_brokers_answer() {
    // Past the quota (mosquitto's way): PUBREC 0x97.
    let mut net = Net::new(no_sys());
    let c = net.connect(V5, "f", true);
    qos2_flood(&mut net, c, 1, 21);
    let j = journey_of_last_publish(&net, "f").unwrap();
    assert!(j.refused && j.trials.is_empty());
    assert_eq!(j.topic.as_str(), "flood");
    assert_eq!(
        codes(&j),
        [(PacketType::PubRec, ReasonCode::QUOTA_EXCEEDED)]
    );
    // Past a Receive Maximum of 2: the DISCONNECT 0x93 is in the journey.
    let mut net = Net::new(BrokerConfig {
        receive_maximum: 2,
        ..no_sys()
    });
    let c = net.connect(V5, "f", true);
    qos2_flood(&mut net, c, 1, 3);
    let j = journey_of_last_publish(&net, "f").unwrap();
    assert_eq!(
        codes(&j),
        [(PacketType::Disconnect, ReasonCode::RECEIVE_MAXIMUM_EXCEEDED)]
    );
    // Denied by the ACL (5.0: PUBACK 0x87), and a repeated QoS 2 PUBLISH has none.
    let mut net = Net::new(anonymous_under_ok());
    let c = net.connect(V5, "p", true);
    net.publish(c, "prohibido", "x", QoS::AtLeastOnce, false, 1);
    let j = journey_of_last_publish(&net, "p").unwrap();
    assert!(j.refused);
    assert_eq!(
        codes(&j),
        [(PacketType::PubAck, ReasonCode::NOT_AUTHORIZED)]
    );
    net.publish(c, "ok/a", "x", QoS::ExactlyOnce, false, 2);
    let first = journey_of_last_publish(&net, "p").unwrap();
    assert!(!first.refused);
    assert_eq!(
        codes(&first),
        [(PacketType::PubRec, ReasonCode::NO_MATCHING_SUBSCRIBERS)],
        "an accepted journey explains its acknowledgement's code too"
    );
    net.publish(c, "ok/a", "x", QoS::ExactlyOnce, false, 2);
    assert!(
        journey_of_last_publish(&net, "p").is_none(),
        "the repeat was not a new message"
    );
}

#[test]
fn refusals_and_disconnects_are_gathered_with_their_codes() {
    use mqtt_playground::core::refusals::refusals;
    let mut net = Net::new(BrokerConfig {
        receive_maximum: 1,
        users: BTreeMap::from([("ana".to_string(), "secreto".to_string())]),
        ..no_sys()
    });
    // A wrong password (3.1.1): CONNACK 5.
    let mut c = Connect::new(V311, ClientId::new("mal").unwrap());
    c.username = Some("ana".into());
    c.password = Some(Bytes::from_static(b"otra"));
    net.connect_with(c);
    // Past the Receive Maximum (5.0): DISCONNECT 0x93, with the violation.
    let f = net.connect(V5, "f", true);
    qos2_flood(&mut net, f, 1, 2);
    // A second CONNECT on a 3.1.1 connection: closed without a packet.
    let old = net.connect(V311, "viejo", true);
    net.send(
        old,
        Packet::Connect(Box::new(Connect::new(
            V311,
            ClientId::new("viejo").unwrap(),
        ))),
    );
    let got = refusals(net.trace.iter(), 8);
    type Seen<'a> = (Option<&'a str>, Option<PacketType>, u8, Option<Violation>);
    let seen: Vec<Seen> = got
        .iter()
        .map(|r| (r.client.as_deref(), r.packet, r.code.0, r.why.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (Some("viejo"), None, 0x82, Some(Violation::SecondConnect)),
            (
                Some("f"),
                Some(PacketType::Disconnect),
                0x93,
                Some(Violation::ReceiveMaximumExceeded(1))
            ),
            (Some("mal"), Some(PacketType::ConnAck), 5, None),
        ],
        "newest first"
    );
    assert_eq!(refusals(net.trace.iter(), 1).len(), 1, "at most max");
}
