//! Writing a capture: MQTT packets as TCP streams in a pcapng file Wireshark opens.
//!
//! Each connection is a stream from its client's address and port to the broker's port 1883:
//! SYN, SYN-ACK, ACK, then one segment per MQTT packet (cut at an MSS of 1460 bytes), with
//! sequence numbers that count every byte and acknowledgements of what has arrived by then (a
//! pure ACK where the receiver has nothing to send). A packet lost on its link is sent again a
//! round trip and 200 ms later (Wireshark: *TCP Retransmission*). A DISCONNECT ends with FIN;
//! any other end with RST. Frames are written in time order, stamped in microseconds of the
//! virtual clock.

use std::borrow::Cow;
use std::collections::VecDeque;

use etherparse::PacketBuilder;
use pcap_parser::pcapng::{
    EnhancedPacketBlock, InterfaceDescriptionBlock, OptionCode, PcapNGOption, SectionHeaderBlock,
};
use pcap_parser::{Linktype, ToVec};

use super::MQTT_PORT;
use crate::core::capture::Captured;
use crate::core::codec::packet_len;
use crate::core::trace::{ConnId, DeviceChange, TraceEvent, TraceKind};
use litemap::LiteMap;

/// Payload bytes per TCP segment at most (Ethernet's usual MSS).
pub const MSS: usize = 1460;
/// How long after a lost segment it is sent again, beyond the round trip (microseconds).
const RETRANSMIT_AFTER_US: u64 = 200_000;
/// The broker's address in exported captures (a documentation address, RFC 5737).
pub const BROKER_IP: [u8; 4] = [192, 0, 2, 1];
/// The first client port (each connection takes the next one).
const FIRST_PORT: u16 = 49152;
const WINDOW: u16 = 64240;

/// A capture file and how many MQTT packets it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The pcapng bytes.
    pub bytes: Vec<u8>,
    /// MQTT packets written (a retransmission is not counted again).
    pub mqtt_packets: usize,
}

/// How the caller words a comment (the catalogue, in the user's language).
pub type Say<'a> = &'a dyn Fn(&Comment) -> String;

/// What a packet comment says (the caller words it: [`Say`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comment {
    /// A device's connection opens (with its client id and whether it is TLS).
    Opens { device: String, tls: bool },
    /// Bytes that TLS encrypts in the simulation, shown decrypted.
    Tls,
    /// Lost on the link: the receiver never gets it.
    Lost,
    /// The real client's connection (a WebSocket, shown as plain TCP).
    RealClient,
    /// The file as a whole.
    File { real: bool },
}

/// One frame waiting to be written.
struct Frame {
    at_us: u64,
    order: u64,
    data: Vec<u8>,
    comment: Option<Comment>,
}

/// TCP flags of a frame.
#[derive(Clone, Copy, Default)]
struct Flags {
    syn: bool,
    ack: bool,
    psh: bool,
    fin: bool,
    rst: bool,
}

/// One TCP connection. Side 0 is the client, side 1 the broker.
struct Stream {
    ip: [[u8; 4]; 2],
    port: [u16; 2],
    /// The next sequence number each side sends.
    next: [u32; 2],
    /// What each side has received (its acknowledgement number).
    acked: [u32; 2],
    /// Data on its way to each side: (arrival time, sequence number after it).
    arriving: [VecDeque<(u64, u32)>; 2],
    /// Lost segments to send again: (when, side, sequence number, bytes).
    resend: VecDeque<(u64, usize, u32, Vec<u8>)>,
    rtt_us: u64,
    tls: bool,
    open: bool,
    closed: bool,
    /// When the client's SYN left (the handshake is written once the broker accepts).
    syn_at: u64,
    comment: Option<Comment>,
}

/// The capture being written.
struct Writer {
    frames: Vec<Frame>,
    streams: LiteMap<ConnId, Stream>,
    order: u64,
    mqtt: usize,
}

fn mac(ip: [u8; 4]) -> [u8; 6] {
    [0x02, 0x00, ip[0], ip[1], ip[2], ip[3]]
}

/// The address of the `n`-th device (documentation ranges, RFC 5737, then benchmarking ones).
fn device_ip(n: usize) -> [u8; 4] {
    match n {
        0..=239 => [192, 0, 2, 11 + n as u8],
        240..=479 => [198, 51, 100, 11 + (n - 240) as u8],
        _ => {
            let m = n - 480;
            [198, 18, (m / 250) as u8, 1 + (m % 250) as u8]
        }
    }
}

impl Writer {
    fn new() -> Writer {
        Writer {
            frames: Vec::new(),
            streams: LiteMap::new(),
            order: 0,
            mqtt: 0,
        }
    }

    /// A stream for `conn` from the `device`-th device's address.
    fn stream(conn: ConnId, device: usize, tls: bool, at_us: u64) -> Stream {
        // Initial sequence numbers: any value does; these make streams easy to tell apart.
        let isn_client = 0x1000_0000u32.wrapping_add((conn.0 as u32).wrapping_mul(0x0101_0101));
        let isn_broker = 0x8000_0000u32.wrapping_add((conn.0 as u32).wrapping_mul(0x0202_0202));
        Stream {
            ip: [device_ip(device), BROKER_IP],
            port: [FIRST_PORT.wrapping_add(conn.0 as u16), MQTT_PORT],
            next: [isn_client, isn_broker],
            acked: [0, 0],
            arriving: [VecDeque::new(), VecDeque::new()],
            resend: VecDeque::new(),
            rtt_us: 0,
            tls,
            open: false,
            closed: false,
            syn_at: at_us,
            comment: None,
        }
    }

    fn push(&mut self, at_us: u64, data: Vec<u8>, comment: Option<Comment>) {
        self.order += 1;
        self.frames.push(Frame {
            at_us,
            order: self.order,
            data,
            comment,
        });
    }

    /// Builds one frame from `side` of `s`.
    fn frame(s: &Stream, side: usize, seq: u32, flags: Flags, payload: &[u8]) -> Vec<u8> {
        let other = 1 - side;
        let mut b = PacketBuilder::ethernet2(mac(s.ip[side]), mac(s.ip[other]))
            .ipv4(s.ip[side], s.ip[other], 64)
            .tcp(s.port[side], s.port[other], seq, WINDOW);
        if flags.syn {
            b = b.syn();
        }
        if flags.ack {
            b = b.ack(s.acked[side]);
        }
        if flags.psh {
            b = b.psh();
        }
        if flags.fin {
            b = b.fin();
        }
        if flags.rst {
            b = b.rst();
        }
        let mut out = Vec::with_capacity(b.size(payload.len()));
        // A segment of at most MSS bytes always fits an IPv4 packet: writing cannot fail.
        let _ = b.write(&mut out, payload);
        out
    }

    /// Writes what happened on `conn` up to `now`: arrivals (a pure ACK where the receiver
    /// did not answer at that moment) and lost segments sent again. `sender` is the side that
    /// sends at `now` (its arrival at `now` needs no ACK of its own).
    fn settle(&mut self, conn: ConnId, now: u64, sender: Option<usize>) {
        let Some(mut s) = self.streams.remove(&conn) else {
            return;
        };
        loop {
            let due_arrival = (0..2)
                .filter_map(|side| s.arriving[side].front().map(|&(at, _)| (at, side)))
                .filter(|&(at, _)| at <= now)
                .min();
            let due_resend = s.resend.front().map(|r| r.0).filter(|&at| at <= now);
            match (due_arrival, due_resend) {
                (Some((at, side)), r) if r.is_none_or(|r| at <= r) => {
                    let (_, seq) = s.arriving[side].pop_front().unwrap_or_default();
                    s.acked[side] = seq;
                    let answers_now = at == now && sender == Some(side);
                    let more_now = s.arriving[side].front().is_some_and(|&(t, _)| t == at);
                    if !answers_now && !more_now && !s.closed {
                        let ack = Flags {
                            ack: true,
                            ..Flags::default()
                        };
                        let f = Writer::frame(&s, side, s.next[side], ack, &[]);
                        self.push(at, f, None);
                    }
                }
                (_, Some(_)) => {
                    let Some((at, side, seq, bytes)) = s.resend.pop_front() else {
                        break;
                    };
                    if !s.closed {
                        self.segments(&s, at, side, seq, &bytes, Some(Comment::Lost));
                    }
                }
                _ => break,
            }
        }
        self.streams.insert(conn, s);
    }

    /// Writes `bytes` from `side` starting at `seq`, cut at the MSS.
    fn segments(
        &mut self,
        s: &Stream,
        at: u64,
        side: usize,
        seq: u32,
        bytes: &[u8],
        comment: Option<Comment>,
    ) {
        let mut seq = seq;
        let chunks = bytes.chunks(MSS).count();
        for (i, chunk) in bytes.chunks(MSS).enumerate() {
            let flags = Flags {
                ack: true,
                psh: i + 1 == chunks,
                ..Flags::default()
            };
            let f = Writer::frame(s, side, seq, flags, chunk);
            let c = if i == 0 { comment.clone() } else { None };
            self.push(at, f, c);
            seq = seq.wrapping_add(chunk.len() as u32);
        }
    }

    /// A device starts connecting on `conn` (its SYN leaves now).
    fn connecting(&mut self, conn: ConnId, at: u64, device: usize, name: &str, tls: bool) {
        let mut s = Writer::stream(conn, device, tls, at);
        s.comment = Some(Comment::Opens {
            device: name.to_string(),
            tls,
        });
        self.streams.insert(conn, s);
    }

    /// The broker accepted `conn` at `at`: the handshake is written (its SYN-ACK half way).
    fn established(&mut self, conn: ConnId, at: u64) {
        let Some(mut s) = self.streams.remove(&conn) else {
            return;
        };
        if !s.open {
            let handshakes = if s.tls { 3 } else { 1 };
            s.rtt_us = at.saturating_sub(s.syn_at) / handshakes;
            let at = s.syn_at;
            self.handshake(&mut s, at);
        }
        self.streams.insert(conn, s);
    }

    fn handshake(&mut self, s: &mut Stream, at: u64) {
        let syn = Flags {
            syn: true,
            ..Flags::default()
        };
        let f = Writer::frame(s, 0, s.next[0], syn, &[]);
        let comment = s.comment.take();
        self.push(at, f, comment);
        s.next[0] = s.next[0].wrapping_add(1);
        s.acked[1] = s.next[0];
        let f = Writer::frame(
            s,
            1,
            s.next[1],
            Flags {
                syn: true,
                ack: true,
                ..Flags::default()
            },
            &[],
        );
        self.push(at + s.rtt_us / 2, f, None);
        s.next[1] = s.next[1].wrapping_add(1);
        s.acked[0] = s.next[1];
        let ack = Flags {
            ack: true,
            ..Flags::default()
        };
        let f = Writer::frame(s, 0, s.next[0], ack, &[]);
        self.push(at + s.rtt_us, f, None);
        s.open = true;
    }

    /// MQTT bytes leave one side at `at`; they arrive at `arrives` (or are lost).
    fn data(
        &mut self,
        conn: ConnId,
        at: u64,
        from_client: bool,
        bytes: &[u8],
        arrives: Option<u64>,
    ) {
        let side = usize::from(!from_client);
        self.settle(conn, at, Some(side));
        let Some(mut s) = self.streams.remove(&conn) else {
            return;
        };
        if s.closed {
            self.streams.insert(conn, s);
            return;
        }
        if !s.open {
            // The capture starts after the handshake (an older part of the run): open it now,
            // all at once, so nothing of it comes after this data.
            s.rtt_us = 0;
            self.handshake(&mut s, at);
            s.rtt_us = arrives.map_or(0, |a| 2 * a.saturating_sub(at));
        }
        self.mqtt += count_packets(bytes);
        let seq = s.next[side];
        let comment = match (arrives, s.tls) {
            (None, _) => Some(Comment::Lost),
            (Some(_), true) => Some(Comment::Tls),
            (Some(_), false) => None,
        };
        self.segments(&s, at, side, seq, bytes, comment);
        s.next[side] = seq.wrapping_add(bytes.len() as u32);
        let other = 1 - side;
        match arrives {
            Some(t) => s.arriving[other].push_back((t, s.next[side])),
            None => {
                let due = at + s.rtt_us + RETRANSMIT_AFTER_US;
                s.resend.push_back((due, side, seq, bytes.to_vec()));
            }
        }
        self.streams.insert(conn, s);
    }

    /// The connection ends at `at`: FIN after a DISCONNECT, otherwise the broker's RST.
    fn close(&mut self, conn: ConnId, at: u64, graceful: bool) {
        self.settle(conn, at, None);
        let Some(mut s) = self.streams.remove(&conn) else {
            return;
        };
        if s.open && !s.closed {
            let half = s.rtt_us / 2;
            if graceful {
                let fin = Flags {
                    fin: true,
                    ack: true,
                    ..Flags::default()
                };
                let f = Writer::frame(&s, 0, s.next[0], fin, &[]);
                self.push(at, f, None);
                s.next[0] = s.next[0].wrapping_add(1);
                s.acked[1] = s.next[0];
                let f = Writer::frame(&s, 1, s.next[1], fin, &[]);
                self.push(at + half, f, None);
                s.next[1] = s.next[1].wrapping_add(1);
                s.acked[0] = s.next[1];
                let ack = Flags {
                    ack: true,
                    ..Flags::default()
                };
                let f = Writer::frame(&s, 0, s.next[0], ack, &[]);
                self.push(at + 2 * half, f, None);
            } else {
                let rst = Flags {
                    rst: true,
                    ack: true,
                    ..Flags::default()
                };
                let f = Writer::frame(&s, 1, s.next[1], rst, &[]);
                self.push(at, f, None);
            }
        }
        s.closed = true;
        s.arriving = [VecDeque::new(), VecDeque::new()];
        s.resend.clear();
        self.streams.insert(conn, s);
    }

    /// The pcapng file: frames in time order (ties in the order they were made).
    fn finish(mut self, comment: Comment, say: Say) -> Exported {
        let conns: Vec<ConnId> = self.streams.keys().copied().collect();
        for conn in conns {
            self.settle(conn, u64::MAX, None);
        }
        let mut frames = std::mem::take(&mut self.frames);
        frames.sort_by_key(|f| (f.at_us, f.order));
        let mut out = Vec::with_capacity(frames.iter().map(|f| f.data.len() + 48).sum());
        let mut shb = SectionHeaderBlock {
            block_type: 0,
            block_len1: 0,
            bom: 0,
            major_version: 1,
            minor_version: 0,
            section_len: -1,
            options: vec![
                text_option(1, &say(&comment)),
                text_option(4, "MQTT Playground"),
            ],
            block_len2: 0,
        };
        let mut idb = InterfaceDescriptionBlock {
            block_type: 0,
            block_len1: 0,
            linktype: Linktype::ETHERNET,
            reserved: 0,
            snaplen: 65535,
            options: vec![text_option(2, "mqtt")],
            block_len2: 0,
            if_tsresol: 6,
            if_tsoffset: 0,
        };
        // Serializing fixed-size headers into a vector cannot fail.
        out.extend(shb.to_vec().unwrap_or_default());
        out.extend(idb.to_vec().unwrap_or_default());
        for f in &frames {
            let text = f.comment.as_ref().map(say);
            let mut epb = EnhancedPacketBlock {
                block_type: 0,
                block_len1: 0,
                if_id: 0,
                ts_high: (f.at_us >> 32) as u32,
                ts_low: f.at_us as u32,
                caplen: f.data.len() as u32,
                origlen: f.data.len() as u32,
                data: &f.data,
                options: text
                    .as_deref()
                    .map(|t| text_option(1, t))
                    .into_iter()
                    .collect(),
                block_len2: 0,
            };
            out.extend(epb.to_vec().unwrap_or_default());
        }
        Exported {
            bytes: out,
            mqtt_packets: self.mqtt,
        }
    }
}

/// A pcapng text option (1 = comment, 2 = interface name, 4 = application), UTF-8, unpadded
/// (the serializer pads it).
fn text_option<'a>(code: u16, text: &str) -> PcapNGOption<'a> {
    // pcapng options are at most 65535 bytes: longer text is cut at a character boundary.
    let mut end = text.len().min(u16::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    PcapNGOption {
        code: OptionCode(code),
        len: end as u16,
        value: Cow::Owned(text.as_bytes()[..end].to_vec()),
    }
}

/// How many whole MQTT packets `bytes` holds.
fn count_packets(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut at = 0;
    while at < bytes.len() {
        match packet_len(&bytes[at..], usize::MAX) {
            Ok(Ok(len)) => {
                n += 1;
                at += len;
            }
            _ => break,
        }
    }
    n
}

/// A simulated run's capture: every packet on every device link, from the trace.
pub fn from_trace<'a>(events: impl IntoIterator<Item = &'a TraceEvent>, say: Say) -> Exported {
    let mut w = Writer::new();
    let mut devices: Vec<&str> = Vec::new();
    let mut device_of = |name: &'a str| match devices.iter().position(|d| *d == name) {
        Some(i) => i,
        None => {
            devices.push(name);
            devices.len() - 1
        }
    };
    for e in events {
        let at = e.at.millis().saturating_mul(1000);
        match &e.kind {
            TraceKind::DeviceChanged {
                device,
                change: DeviceChange::Connecting { conn, port },
            } => {
                let n = device_of(device);
                w.connecting(*conn, at, n, device, *port == super::MQTTS_PORT);
            }
            TraceKind::ConnectionOpened { conn } => w.established(*conn, at),
            TraceKind::Transmitted {
                device,
                conn,
                to_broker,
                arrives,
                bytes,
                ..
            } => {
                if !w.streams.contains_key(conn) {
                    // Its connection opened before the kept part of the trace.
                    let n = device_of(device);
                    let s = Writer::stream(*conn, n, false, at);
                    w.streams.insert(*conn, s);
                }
                let arrives = arrives.map(|t| t.millis().saturating_mul(1000));
                w.data(*conn, at, *to_broker, bytes, arrives);
            }
            TraceKind::ConnectionClosed { conn, graceful, .. } => w.close(*conn, at, *graceful),
            _ => {}
        }
    }
    w.finish(Comment::File { real: false }, say)
}

/// The real client's capture: one stream, each packet arriving as it was captured.
pub fn from_captured<'a>(packets: impl IntoIterator<Item = &'a Captured>, say: Say) -> Exported {
    let mut w = Writer::new();
    let conn = ConnId(0);
    for p in packets {
        let at = p.at_ms.saturating_mul(1000);
        if !w.streams.contains_key(&conn) {
            let mut s = Writer::stream(conn, 0, false, at);
            s.comment = Some(Comment::RealClient);
            w.streams.insert(conn, s);
            w.established(conn, at);
        }
        w.data(conn, at, p.outgoing, &p.bytes, Some(at));
    }
    w.finish(Comment::File { real: true }, say)
}
