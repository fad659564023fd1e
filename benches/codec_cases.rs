//! The codec benchmark cases, shared by the native benchmark (`benches/codec.rs`) and the
//! wasm one in headless Chromium (`tests/wasm_bench.rs`): decode and encode throughput for
//! PUBLISH with 64 B and 4 KiB payloads, matching and `explain`, each beside the reference
//! codec's figure in the same run, as a ratio.

use std::hint::black_box;

use bytes::{Bytes, BytesMut};
use mqtt_playground::core::codec::{
    decode_shared_at, Decoded, Packet, Publish, Version, MAX_PACKET_SIZE,
};
use mqtt_playground::core::topic::{explain, TopicFilter, TopicName};
use mqtt_playground::core::types::{PacketId, QoS};

/// The reference codec: rumqttc natively; in wasm, where rumqttc (tokio) does not build, the
/// standalone release of the same codec, mqttbytes.
#[cfg(not(target_arch = "wasm32"))]
mod reference {
    pub use rumqttc::mqttbytes::matches;
    pub use rumqttc::mqttbytes::v4::Publish;
    pub use rumqttc::mqttbytes::QoS;
    /// Its name in the report.
    pub const NAME: &str = "rumqttc 0.25";
    /// Reads one packet from the front of the buffer.
    pub fn read(buf: &mut bytes::BytesMut) {
        std::hint::black_box(rumqttc::mqttbytes::v4::Packet::read(buf, usize::MAX).unwrap());
    }
}

#[cfg(target_arch = "wasm32")]
mod reference {
    pub use mqttbytes::matches;
    pub use mqttbytes::v4::Publish;
    pub use mqttbytes::QoS;
    /// Its name in the report.
    pub const NAME: &str = "mqttbytes 0.6";
    /// Reads one packet from the front of the buffer.
    pub fn read(buf: &mut bytes::BytesMut) {
        std::hint::black_box(mqttbytes::v4::read(buf, usize::MAX).unwrap());
    }
}

const TOPIC: &str = "Casa/Cocina/Temperatura";
/// A topic too long to be held inline (over 23 bytes): its text is allocated and shared.
const LONG_TOPIC: &str = "Instituto/Aula-3/Sensores/Temperatura/Ventana";
const BATCH: usize = 1000;

/// Measures with a clock in milliseconds; prints through `out`.
pub struct Bench<'a> {
    /// The clock (ms).
    pub now: &'a dyn Fn() -> f64,
    /// Time spent per figure (ms).
    pub budget_ms: f64,
    /// Where report lines go.
    pub out: &'a mut dyn FnMut(String),
    /// Runs only the figures whose name contains this text.
    pub only: Option<String>,
}

impl Bench<'_> {
    /// Runs `f` (handling `per_call` items) for `ms`; returns items per second. The clock is
    /// read once per batch of calls lasting about a millisecond, so reading it (a call into
    /// JavaScript in wasm) does not weigh on short operations.
    fn rate_for(&self, ms: f64, per_call: usize, f: &mut dyn FnMut()) -> f64 {
        let mut batch = 1u64;
        loop {
            let start = (self.now)();
            (0..batch).for_each(|_| f());
            if (self.now)() - start >= 1.0 || batch >= 1 << 30 {
                break;
            }
            batch *= 2;
        }
        let start = (self.now)();
        let mut calls = 0u64;
        let mut elapsed = 0.0;
        while elapsed < ms {
            (0..batch).for_each(|_| f());
            calls += batch;
            elapsed = (self.now)() - start;
        }
        (calls as f64 * per_call as f64) / (elapsed / 1000.0)
    }

    /// Measures both sides in alternating rounds sharing the budget, so a slower or busier
    /// stretch of the machine hits both alike; returns the median rate of each.
    fn compare(
        &self,
        per_call: usize,
        mut ours: impl FnMut(),
        mut theirs: impl FnMut(),
    ) -> (f64, f64) {
        const ROUNDS: usize = 7;
        let ms = self.budget_ms / ROUNDS as f64;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            // Who goes first alternates too.
            if round % 2 == 0 {
                a.push(self.rate_for(ms, per_call, &mut ours));
                b.push(self.rate_for(ms, per_call, &mut theirs));
            } else {
                b.push(self.rate_for(ms, per_call, &mut theirs));
                a.push(self.rate_for(ms, per_call, &mut ours));
            }
        }
        (median(a), median(b))
    }

    fn wanted(&self, what: &str) -> bool {
        self.only.as_deref().is_none_or(|o| what.contains(o))
    }

    fn report(&mut self, what: &str, ours: f64, theirs: f64, unit: &str) {
        (self.out)(format!(
            "{what:<38} ours {ours:>11.0} {unit}  {:<14} {theirs:>11.0} {unit}  ratio {:.2}",
            reference::NAME,
            ours / theirs
        ));
    }

    /// Runs every case.
    pub fn run(&mut self) {
        let v = Version::V311;
        for (topic, payload) in [(TOPIC, 64usize), (TOPIC, 4096), (LONG_TOPIC, 64)] {
            let packet = Packet::Publish(Publish {
                qos: QoS::AtLeastOnce,
                packet_id: PacketId::new(7),
                ..Publish::new(TopicName::new(topic).unwrap(), vec![0x5A; payload])
            });
            let long = if topic == LONG_TOPIC {
                format!(", {} B topic", topic.len())
            } else {
                String::new()
            };
            let one = packet.to_bytes(v).unwrap();
            let stream: Vec<u8> = one
                .iter()
                .copied()
                .cycle()
                .take(one.len() * BATCH)
                .collect();
            // Both sides start from one receive buffer per batch and take zero-copy payloads,
            // reading packet after packet as their API offers: ours at an offset (as the
            // broker does), the reference by splitting its buffer.
            let name = format!("decode PUBLISH {payload} B{long}");
            if self.wanted(&name) {
                let (ours, theirs) = self.compare(
                    BATCH,
                    || {
                        let buf = Bytes::copy_from_slice(&stream);
                        let mut at = 0;
                        while at < buf.len() {
                            match decode_shared_at(&buf, at, v, MAX_PACKET_SIZE) {
                                Ok(Decoded::Packet { packet, len }) => {
                                    black_box(packet);
                                    at += len;
                                }
                                other => panic!("{other:?}"),
                            }
                        }
                    },
                    || {
                        let mut buf = BytesMut::from(&stream[..]);
                        while !buf.is_empty() {
                            reference::read(&mut buf);
                        }
                    },
                );
                self.report(&name, ours, theirs, "pkt/s");
            }
            let name = format!("encode PUBLISH {payload} B{long}");
            if !self.wanted(&name) {
                continue;
            }

            let mut out = Vec::with_capacity(one.len());
            let mut p =
                reference::Publish::new(topic, reference::QoS::AtLeastOnce, vec![0x5A; payload]);
            p.pkid = 7;
            let mut buf = BytesMut::with_capacity(one.len());
            let (ours, theirs) = self.compare(
                BATCH,
                || {
                    for _ in 0..BATCH {
                        out.clear();
                        black_box(packet.encode(v, &mut out).unwrap());
                    }
                },
                || {
                    for _ in 0..BATCH {
                        buf.clear();
                        black_box(p.write(&mut buf).unwrap());
                    }
                },
            );
            self.report(&name, ours, theirs, "pkt/s");
        }

        if !self.wanted("match") {
            return;
        }
        let cases = [
            ("Casa/+/Temperatura", "Casa/Cocina/Temperatura"),
            ("Casa/#", "Casa/Salon/Luz/Estado"),
            ("Casa/+/Humedad", "Casa/Cocina/Temperatura"),
            ("+/+/+/+", "a/b/c"),
        ];
        let parsed: Vec<_> = cases
            .iter()
            .map(|(f, t)| (TopicFilter::new(*f).unwrap(), TopicName::new(*t).unwrap()))
            .collect();
        // The reference's plain match: beside our matching, and beside `explain`.
        let reference_match = || {
            for (f, t) in &cases {
                black_box(reference::matches(t, f));
            }
        };
        let (ours, theirs) = self.compare(
            cases.len(),
            || {
                for (f, t) in &parsed {
                    black_box(f.matches(t));
                }
            },
            reference_match,
        );
        self.report("match filter/topic", ours, theirs, "op/s ");
        // `explain` does what matching does and also records each level compared (borrowed
        // texts, kept inline): the reference has no such thing, so its plain match stands in.
        let (explained, theirs) = self.compare(
            cases.len(),
            || {
                for (f, t) in &parsed {
                    black_box(explain(f, t));
                }
            },
            reference_match,
        );
        self.report("explain (ref: plain match)", explained, theirs, "op/s ");
        (self.out)(format!(
            "explain: {:.0} ns per call (matching alone: {:.0} ns)",
            1e9 / explained,
            1e9 / ours
        ));
    }
}

/// The median of some rates.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
