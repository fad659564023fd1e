//! The sequence diagram's data, gathered from the trace as it grows: one arrow per packet on a
//! device's link (towards the broker or from it), with its message journey when it carries or
//! acknowledges one, and whether it was lost on the way.
//!
//! The journey comes from the broker's side of the same packet: a packet from the broker is
//! announced by its `PacketOut` just before it leaves, one towards the broker by its `PacketIn`
//! when it arrives (never, when it is lost). Both are paired with the packet on the same
//! connection and of the same type, first in, first out.

use std::collections::VecDeque;

use litemap::LiteMap;

use crate::core::codec::PacketType;
use crate::core::time::Time;
use crate::core::trace::{ClientName, ConnId, MsgId, TraceEvent, TraceKind};

/// Arrows kept at most (the oldest go first).
pub const ARROWS_CAP: usize = 5_000;

/// One packet on a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    /// The trace event's sequence number (a stable key).
    pub seq: u64,
    /// When it left.
    pub at: Time,
    /// When it arrived (`None`: lost).
    pub arrives: Option<Time>,
    /// The device whose link carries it.
    pub device: ClientName,
    /// Towards the broker.
    pub to_broker: bool,
    /// Its type (`None`: hidden by TLS from what the diagram knows).
    pub packet: Option<PacketType>,
    /// A PUBLISH's QoS.
    pub qos: Option<u8>,
    /// The message journey it belongs to, once known.
    pub msg: Option<MsgId>,
}

/// The arrows so far, and the pairing state.
#[derive(Clone, Debug, Default)]
pub struct Sequence {
    arrows: VecDeque<Arrow>,
    /// Arrows dropped from the front (so indices stay stable for pairing).
    dropped: u64,
    /// Per connection: packets the broker sent, not yet on the wire.
    sent: LiteMap<ConnId, VecDeque<(PacketType, Option<MsgId>)>>,
    /// Per connection: packets on their way to the broker (arrow index), not yet arrived.
    coming: LiteMap<ConnId, VecDeque<(PacketType, u64)>>,
}

impl Sequence {
    /// The arrows, oldest first.
    pub fn arrows(&self) -> &VecDeque<Arrow> {
        &self.arrows
    }

    /// Takes in new trace events.
    pub fn ingest<'a>(&mut self, events: impl IntoIterator<Item = &'a TraceEvent>) {
        for e in events {
            match &e.kind {
                TraceKind::PacketOut {
                    conn, packet, msg, ..
                } => self
                    .sent
                    .entry(*conn)
                    .or_default()
                    .push_back((*packet, *msg)),
                TraceKind::PacketIn {
                    conn, packet, msg, ..
                } => {
                    let waiting = self.coming.get_mut(conn);
                    let found = waiting.and_then(|w| {
                        let i = w.iter().position(|(p, _)| p == packet)?;
                        w.remove(i)
                    });
                    if let Some((_, index)) = found {
                        if let Some(a) = index
                            .checked_sub(self.dropped)
                            .and_then(|i| self.arrows.get_mut(i as usize))
                        {
                            a.msg = *msg;
                        }
                    }
                }
                TraceKind::Transmitted {
                    device,
                    conn,
                    to_broker,
                    packet,
                    qos,
                    arrives,
                    ..
                } => {
                    let index = self.dropped + self.arrows.len() as u64;
                    let mut msg = None;
                    if let Some(p) = packet {
                        if *to_broker {
                            if arrives.is_some() {
                                self.coming.entry(*conn).or_default().push_back((*p, index));
                            }
                        } else if let Some(w) = self.sent.get_mut(conn) {
                            if let Some(i) = w.iter().position(|(q, _)| q == p) {
                                msg = w.remove(i).and_then(|(_, m)| m);
                            }
                        }
                    }
                    self.arrows.push_back(Arrow {
                        seq: e.seq,
                        at: e.at,
                        arrives: *arrives,
                        device: device.clone(),
                        to_broker: *to_broker,
                        packet: *packet,
                        qos: qos.map(|q| q.as_u8()),
                        msg,
                    });
                    if self.arrows.len() > ARROWS_CAP {
                        self.arrows.pop_front();
                        self.dropped += 1;
                    }
                }
                TraceKind::ConnectionClosed { conn, .. } => {
                    self.sent.remove(conn);
                    self.coming.remove(conn);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sim::{Run, Scenario};

    #[test]
    fn every_packet_is_an_arrow_and_publishes_carry_their_journey() {
        let json = r#"{ "version": 1, "seed": 3, "devices": [
            { "name": "cocina", "link": { "latency_ms": 10, "jitter_ms": 0, "loss": 0.3 },
              "kind": { "type": "sensor", "topic": "Casa/Cocina/Temperatura", "interval_ms": 1000,
                        "model": { "type": "counter" }, "qos": 1 } },
            { "name": "panel", "kind": { "type": "dashboard", "filters": [ { "filter": "Casa/#", "qos": 1 } ] } } ] }"#;
        let mut run = Run::new(&Scenario::from_json(json).unwrap()).unwrap();
        run.run_for(20_000);
        let mut seq = Sequence::default();
        seq.ingest(run.trace());
        let arrows = seq.arrows();
        let wire = run
            .trace()
            .iter()
            .filter(|e| matches!(e.kind, TraceKind::Transmitted { .. }))
            .count();
        assert_eq!(arrows.len(), wire, "one arrow per packet on a link");
        let lost = arrows.iter().filter(|a| a.arrives.is_none()).count();
        assert!(lost > 0, "the lossy link lost some");
        // Every PUBLISH that arrived, either way, knows its journey, and the journey is the one
        // the broker's own event names.
        for a in arrows
            .iter()
            .filter(|a| a.packet == Some(PacketType::Publish))
        {
            if a.arrives.is_some() {
                assert!(a.msg.is_some(), "{a:?}");
            }
        }
        let first = arrows
            .iter()
            .find(|a| a.packet == Some(PacketType::Publish) && a.to_broker && a.arrives.is_some())
            .unwrap();
        let published = run.trace().iter().find_map(|e| match &e.kind {
            TraceKind::PacketIn {
                packet: PacketType::Publish,
                msg,
                ..
            } if e.seq > first.seq => *msg,
            _ => None,
        });
        assert_eq!(first.msg, published);
        // A CONNECT carries no journey.
        assert!(arrows
            .iter()
            .filter(|a| a.packet == Some(PacketType::Connect))
            .all(|a| a.msg.is_none()));
    }
}
