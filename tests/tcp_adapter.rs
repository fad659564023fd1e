//! The TCP adapter (examples/tcp_broker) behaves like a real server, seen with raw sockets on
//! 127.0.0.1: a client that sent more than the broker read still reads the DISCONNECT and its
//! reason code (eleven QoS 2 PUBLISH back to back over a Receive Maximum of 10: 0x93, not a
//! broken pipe), and a subscriber that got its SUBACK always receives a publish sent after it.
//! Each 50 runs in a row.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // real sockets on the real clock

#[path = "../examples/tcp_broker/adapter.rs"]
mod adapter;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use bytes::Bytes;
use mqtt_playground::core::broker::BrokerConfig;
use mqtt_playground::core::codec::*;
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::types::{ClientId, PacketId, QoS};

const RUNS: usize = 50;

/// A raw client: bytes out, packets decoded as they come in.
struct Client {
    stream: TcpStream,
    version: Version,
    inbox: Vec<u8>,
}

impl Client {
    fn connect(addr: SocketAddr, version: Version, id: &str) -> Client {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        let mut c = Client {
            stream,
            version,
            inbox: Vec::new(),
        };
        c.send(&[Packet::Connect(Box::new(Connect::new(
            version,
            ClientId::new(id).unwrap(),
        )))]);
        match c.next(Duration::from_secs(5)) {
            Some(Packet::ConnAck(a)) => assert_eq!(a.code, ReasonCode::SUCCESS),
            other => panic!("expected CONNACK, got {other:?}"),
        }
        c
    }

    /// Sends the packets in one write.
    fn send(&mut self, packets: &[Packet]) {
        let bytes: Vec<u8> = (packets.iter())
            .flat_map(|p| p.to_bytes(self.version).unwrap())
            .collect();
        self.stream.write_all(&bytes).unwrap();
    }

    /// The next packet, within `wait`; `None` when the server closed first or time ran out.
    fn next(&mut self, wait: Duration) -> Option<Packet> {
        let until = Instant::now() + wait;
        loop {
            if let Ok(Decoded::Packet { packet, len }) =
                decode(&self.inbox, self.version, MAX_PACKET_SIZE)
            {
                self.inbox.drain(..len);
                return Some(packet);
            }
            let left = until.checked_duration_since(Instant::now())?;
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut buf = [0u8; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => return None,
                Ok(n) => self.inbox.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return None,
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return None,
                Err(e) => panic!("read failed: {e}"),
            }
        }
    }
}

fn publish(topic: &str, qos: QoS, id: u16, size: usize) -> Packet {
    Packet::Publish(Publish {
        qos,
        packet_id: (qos != QoS::AtMostOnce).then(|| PacketId::new(id).unwrap()),
        ..Publish::new(
            TopicName::new(topic).unwrap(),
            Bytes::from(vec![b'x'; size]),
        )
    })
}

#[test]
fn a_client_over_its_receive_maximum_reads_the_disconnect_0x93() {
    let config = BrokerConfig {
        receive_maximum: 10,
        ..BrokerConfig::default()
    };
    let server = adapter::start(config, 0).unwrap();
    for run in 0..RUNS {
        let mut c = Client::connect(server.addr, Version::V5, &format!("flood{run}"));
        // Eleven QoS 2 PUBLISH back to back, and a client that keeps sending while the broker
        // gives up on it: closing with its bytes unread would reset the connection.
        let eleven: Vec<Packet> = (1..=11)
            .map(|i| publish("a/b", QoS::ExactlyOnce, i, 1))
            .collect();
        c.send(&eleven);
        let more = publish("a/b", QoS::AtMostOnce, 0, 4096)
            .to_bytes(Version::V5)
            .unwrap();
        let mut writer = c.stream.try_clone().unwrap();
        let sender = std::thread::spawn(move || {
            for _ in 0..512 {
                if writer.write_all(&more).is_err() {
                    return;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(20));
        let mut seen = Vec::new();
        let disconnect = loop {
            match c.next(Duration::from_secs(5)) {
                Some(Packet::Disconnect(d)) => break d,
                Some(p) => seen.push(p.packet_type()),
                None => panic!("run {run}: closed without a DISCONNECT after {seen:?}"),
            }
        };
        assert_eq!(
            disconnect.code,
            ReasonCode::RECEIVE_MAXIMUM_EXCEEDED,
            "run {run}"
        );
        if run == 0 {
            assert_eq!(
                c.next(Duration::from_secs(5)),
                None,
                "then the server closes"
            );
        }
        drop(c);
        let _ = sender.join();
    }
}

#[test]
fn a_publish_sent_after_a_suback_always_reaches_the_subscriber() {
    let server = adapter::start(BrokerConfig::default(), 0).unwrap();
    for run in 0..RUNS {
        let mut sub = Client::connect(server.addr, Version::V311, &format!("sub{run}"));
        sub.send(&[Packet::Subscribe(Subscribe {
            packet_id: PacketId::new(1).unwrap(),
            properties: Properties::new(),
            filters: vec![(
                TopicFilter::new(format!("run/{run}/#")).unwrap(),
                SubscriptionOptions::qos(QoS::AtMostOnce),
            )],
        })]);
        match sub.next(Duration::from_secs(5)) {
            Some(Packet::SubAck(_)) => {}
            other => panic!("run {run}: expected SUBACK, got {other:?}"),
        }
        let mut publisher = Client::connect(server.addr, Version::V311, &format!("pub{run}"));
        publisher.send(&[publish(&format!("run/{run}/t"), QoS::AtMostOnce, 0, 1)]);
        match sub.next(Duration::from_secs(5)) {
            Some(Packet::Publish(p)) => assert_eq!(p.topic.as_str(), format!("run/{run}/t")),
            other => panic!("run {run}: expected the PUBLISH, got {other:?}"),
        }
    }
}
