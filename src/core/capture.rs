//! A packet capture for the real client's inspector: the bytes that went out and came in,
//! cut into whole packets (a WebSocket frame may hold several packets, or part of one), the
//! newest kept, a CONNECT's password masked. Pure: the shell feeds it bytes and a time.

use std::collections::VecDeque;

use bytes::Bytes;

use crate::core::codec::{mask_password, packet_len, PacketType, Version};

/// Captured packets kept at most.
pub const CAPTURE_CAP: usize = 300;
/// Bytes of an unfinished incoming packet kept at most (a larger one is left out).
const PARTIAL_CAP: usize = 1 << 20;

/// One packet on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    /// Sent by us (otherwise received).
    pub outgoing: bool,
    /// When, in the shell's milliseconds.
    pub at_ms: u64,
    /// Its type, when the first byte names one.
    pub kind: Option<PacketType>,
    /// The packet's bytes.
    pub bytes: Bytes,
}

/// The capture: the newest [`CAPTURE_CAP`] packets, each direction cut into packets.
#[derive(Debug, Default)]
pub struct Capture {
    packets: VecDeque<Captured>,
    partial: Vec<u8>,
    /// Packets captured in all (a view can tell when to refresh).
    pub total: u64,
}

impl Capture {
    /// Records bytes we sent (one or more whole packets).
    pub fn outgoing(&mut self, at_ms: u64, bytes: &[u8]) {
        self.cut(at_ms, bytes, true);
    }

    /// Records bytes received: whole packets are kept, a packet's start waits for its rest.
    pub fn incoming(&mut self, at_ms: u64, bytes: &[u8]) {
        self.partial.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.partial);
        let used = self.cut(at_ms, &buf, false);
        if buf.len() - used <= PARTIAL_CAP {
            self.partial = buf[used..].to_vec();
        }
    }

    /// Forgets an unfinished packet (the connection closed).
    pub fn closed(&mut self) {
        self.partial.clear();
    }

    /// The packets kept, oldest first.
    pub fn packets(&self) -> &VecDeque<Captured> {
        &self.packets
    }

    /// Cuts `buf` into packets and keeps them; returns the bytes used. Bytes that cannot be
    /// a packet (a malformed length) are kept as one piece, so the inspector can show them.
    fn cut(&mut self, at_ms: u64, buf: &[u8], outgoing: bool) -> usize {
        let mut at = 0;
        while at < buf.len() {
            let len = match packet_len(&buf[at..], usize::MAX) {
                Ok(Ok(len)) => len,
                Ok(Err(_)) if !outgoing => break,
                _ => buf.len() - at,
            };
            let kind = PacketType::from_u8(buf[at] >> 4);
            let mut bytes = Bytes::copy_from_slice(&buf[at..at + len]);
            if kind == Some(PacketType::Connect) {
                bytes = mask_password(bytes, Version::V311);
            }
            self.push(Captured {
                outgoing,
                at_ms,
                kind,
                bytes,
            });
            at += len;
        }
        at
    }

    fn push(&mut self, c: Captured) {
        if self.packets.len() == CAPTURE_CAP {
            self.packets.pop_front();
        }
        self.packets.push_back(c);
        self.total += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_cut_into_packets_and_joined_across_frames() {
        let mut c = Capture::default();
        // PINGRESP + the first 3 bytes of a PUBLISH "a/b" "hi", then the rest.
        let publish = [0x30, 0x07, 0x00, 0x03, b'a', b'/', b'b', b'h', b'i'];
        let mut first = vec![0xD0, 0x00];
        first.extend_from_slice(&publish[..3]);
        c.incoming(1, &first);
        assert_eq!(c.packets().len(), 1);
        assert_eq!(c.packets()[0].kind, Some(PacketType::PingResp));
        c.incoming(2, &publish[3..]);
        assert_eq!(c.packets().len(), 2);
        assert_eq!(&c.packets()[1].bytes[..], &publish[..]);
        assert_eq!(c.packets()[1].kind, Some(PacketType::Publish));
        c.outgoing(3, &[0xC0, 0x00]);
        assert!(c.packets()[2].outgoing);
        assert_eq!(c.total, 3);
    }

    #[test]
    fn a_connect_password_never_enters_the_capture() {
        use crate::core::codec::{Connect, Packet};
        use crate::core::types::ClientId;
        for v in [Version::V311, Version::V5] {
            let mut connect = Connect::new(v, ClientId::new("a").unwrap());
            connect.username = Some("ana".into());
            connect.password = Some(bytes::Bytes::from_static(b"secreta"));
            let raw = Packet::Connect(Box::new(connect)).to_bytes(v).unwrap();
            let mut c = Capture::default();
            c.outgoing(1, &raw);
            let kept = &c.packets()[0].bytes;
            assert_eq!(kept.len(), raw.len());
            assert!(!kept.windows(7).any(|w| w == b"secreta"), "{v:?}");
            assert!(kept.ends_with(b"*******"));
        }
    }

    #[test]
    fn malformed_lengths_are_kept_whole_and_the_capture_is_bounded() {
        let mut c = Capture::default();
        c.incoming(1, &[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        assert_eq!(c.packets().len(), 1);
        assert_eq!(c.packets()[0].bytes.len(), 6);
        for i in 0..1000 {
            c.outgoing(i, &[0xC0, 0x00]);
        }
        assert_eq!(c.packets().len(), CAPTURE_CAP);
        assert_eq!(c.total, 1001);
    }
}
