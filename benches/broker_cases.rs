//! The broker routing benchmark, shared by the native run (`benches/broker.rs`) and the wasm
//! run in headless Chromium (`tests/wasm_bench.rs`): PUBLISH packets go in as bytes and are
//! routed through 10, 1 000 and 10 000 subscriptions (mixed literal, `+` and `#` filters);
//! outputs and trace are drained as a shell would. Prints routed messages per second and the
//! ratio between 10 000 and 10 subscriptions.

use mqtt_playground::core::broker::{Broker, BrokerConfig, Output};
use mqtt_playground::core::codec::{
    Connect, Packet, Publish, Subscribe, SubscriptionOptions, Version,
};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::trace::ConnId;
use mqtt_playground::core::types::{ClientId, PacketId, QoS};

const SUBSCRIBERS: usize = 100;
const ROOMS: usize = 50;
const SENSORS: usize = 40;
const BATCH: usize = 200;

fn bytes(p: Packet) -> Vec<u8> {
    p.to_bytes(Version::V311).expect("benchmark packets encode")
}

/// A broker with `subs` subscriptions spread over 100 clients; returns it and the publisher.
fn setup(subs: usize) -> (Broker, ConnId) {
    let mut broker = Broker::new(BrokerConfig {
        sys_interval: 0,
        ..BrokerConfig::default()
    });
    let t = Time::ZERO;
    for c in 0..SUBSCRIBERS {
        let conn = ConnId(c as u64 + 1);
        broker.handle_open(t, conn);
        let id = ClientId::new(format!("sub{c}")).unwrap();
        broker.handle_bytes(
            t,
            conn,
            &bytes(Packet::Connect(Box::new(Connect::new(Version::V311, id)))),
        );
        let mine: Vec<usize> = (0..subs).filter(|i| i % SUBSCRIBERS == c).collect();
        for chunk in mine.chunks(100) {
            let filters = chunk
                .iter()
                .map(|i| {
                    let (room, sensor) = (i % ROOMS, (i / ROOMS) % SENSORS);
                    let f = match i % 3 {
                        0 => format!("casa/r{room}/s{sensor}/{i}"),
                        1 => format!("casa/+/s{sensor}/{i}"),
                        _ => format!("casa/r{room}/s{sensor}/#"),
                    };
                    (
                        TopicFilter::new(f).unwrap(),
                        SubscriptionOptions::qos(QoS::AtMostOnce),
                    )
                })
                .collect();
            let s = Subscribe {
                packet_id: PacketId::new(1).unwrap(),
                properties: Default::default(),
                filters,
            };
            broker.handle_bytes(t, conn, &bytes(Packet::Subscribe(s)));
        }
    }
    let publisher = ConnId(10_000);
    broker.handle_open(t, publisher);
    broker.handle_bytes(
        t,
        publisher,
        &bytes(Packet::Connect(Box::new(Connect::new(
            Version::V311,
            ClientId::new("pub").unwrap(),
        )))),
    );
    while broker.poll_output().is_some() {}
    let _ = broker.poll_trace();
    (broker, publisher)
}

/// Runs the benchmark with a clock in milliseconds, printing through `out`.
pub fn run(now: &dyn Fn() -> f64, budget_ms: f64, out: &mut dyn FnMut(String)) {
    let mut rates = Vec::new();
    for subs in [10usize, 1_000, 10_000] {
        let (mut broker, publisher) = setup(subs);
        // One batch of publishes to rotating topics, as one chunk of bytes.
        let mut batch = Vec::new();
        for i in 0..BATCH {
            let topic = format!("casa/r{}/s{}/{}", i % ROOMS, (i / ROOMS) % SENSORS, i % 7);
            let p = Publish::new(TopicName::new(topic).unwrap(), &b"21.5"[..]);
            batch.extend(bytes(Packet::Publish(p)));
        }
        let (mut routed, mut delivered, mut events) = (0u64, 0u64, 0u64);
        let start = now();
        let mut t = 0u64;
        while now() - start < budget_ms {
            t += 1;
            broker.handle_bytes(Time::from_millis(t), publisher, &batch);
            while let Some(o) = broker.poll_output() {
                if let Output::Transmit { .. } = o {
                    delivered += 1;
                }
            }
            events += broker.poll_trace().len() as u64;
            routed += BATCH as u64;
        }
        let secs = (now() - start) / 1000.0;
        let rate = routed as f64 / secs;
        rates.push(rate);
        out(format!(
            "{subs:>6} subscriptions: {rate:>10.0} routed msg/s  ({:.0} deliveries/s, {:.0} trace events/s)",
            delivered as f64 / secs,
            events as f64 / secs
        ));
    }
    out(format!(
        "ratio 10 000 : 10 subscriptions (time per message): {:.2}",
        rates[0] / rates[2]
    ));
}
