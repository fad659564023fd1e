//! Refusals and disconnects the broker decided, gathered from the trace: each refused CONNECT
//! (CONNACK code), each DISCONNECT the broker sent, and each connection it closed without a
//! packet (3.1.1, or before CONNECT), with the violation that caused it. Codes, not text: the
//! views explain them in the user's language.

use crate::core::codec::{PacketType, ReasonCode, Version};
use crate::core::trace::{ConnId, TraceEvent, TraceKind, Violation};

/// A refusal (CONNACK) or a disconnect the broker decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// When, in virtual milliseconds.
    pub at_ms: u64,
    /// The client, when known (a connection closed before CONNECT has none).
    pub client: Option<String>,
    /// CONNACK or DISCONNECT; `None`: the connection closed without a packet.
    pub packet: Option<PacketType>,
    /// The reason code (what a 5.0 DISCONNECT would have said, when none was sent).
    pub code: ReasonCode,
    /// The protocol version the code belongs to.
    pub version: Version,
    /// The protocol violation behind it, if any.
    pub why: Option<Violation>,
}

/// The newest refusals and disconnects among `events`, newest first (at most `max`).
pub fn refusals<'a>(events: impl IntoIterator<Item = &'a TraceEvent>, max: usize) -> Vec<Refusal> {
    let mut out = Vec::new();
    let mut pending: Vec<(ConnId, Violation)> = Vec::new();
    let mut names: Vec<(ConnId, String)> = Vec::new();
    for e in events {
        let at_ms = e.at.millis();
        match &e.kind {
            TraceKind::Auth { client, code, .. } if *code != ReasonCode::SUCCESS => {
                out.push(Refusal {
                    at_ms,
                    client: Some(client.to_string()),
                    packet: Some(PacketType::ConnAck),
                    code: *code,
                    // 3.1.1 refuses with 1 to 5, 5.0 with codes from 0x80.
                    version: if code.0 < 0x80 {
                        Version::V311
                    } else {
                        Version::V5
                    },
                    why: None,
                })
            }
            TraceKind::ProtocolError { conn, violation } => {
                pending.push((*conn, violation.clone()));
            }
            TraceKind::PacketOut {
                conn,
                client: Some(c),
                packet: PacketType::Disconnect,
                bytes,
                ..
            } => {
                let why = pending
                    .iter()
                    .position(|(k, _)| k == conn)
                    .map(|i| pending.remove(i).1);
                out.push(Refusal {
                    at_ms,
                    client: Some(c.to_string()),
                    packet: Some(PacketType::Disconnect),
                    code: ReasonCode(bytes.get(2).copied().unwrap_or(0)),
                    version: Version::V5,
                    why,
                });
            }
            TraceKind::PacketIn {
                conn,
                client: Some(c),
                ..
            } if !names.iter().any(|(k, _)| k == conn) => {
                names.push((*conn, c.to_string()));
            }
            TraceKind::ConnectionClosed { conn, client, .. } => {
                if let Some(i) = pending.iter().position(|(k, _)| k == conn) {
                    let (_, why) = pending.remove(i);
                    let client = client.as_ref().map(|c| c.to_string()).or_else(|| {
                        names
                            .iter()
                            .find(|(k, _)| k == conn)
                            .map(|(_, n)| n.clone())
                    });
                    out.push(Refusal {
                        at_ms,
                        client,
                        packet: None,
                        code: why.reason_code(),
                        version: Version::V311,
                        why: Some(why),
                    });
                }
                names.retain(|(k, _)| k != conn);
            }
            _ => {}
        }
    }
    out.into_iter().rev().take(max).collect()
}
