//! TCP reassembly: the segments of a capture grouped into connections, each direction's bytes
//! put back in order. A retransmitted segment adds only what was not there yet; a segment that
//! comes early waits for the bytes before it; bytes never captured are a gap, after which the
//! stream goes on.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::read::Segment;
use super::{MQTTS_PORT, MQTT_PORT};
use litemap::LiteMap;

/// Bytes of one direction that became readable in one frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The frame in which these bytes became readable in order (a segment that came early
    /// counts from the frame that filled the hole before it).
    pub frame: u32,
    /// That frame's time (microseconds).
    pub at_us: u64,
    /// Bytes missing just before these (never captured); 0 normally.
    pub gap_before: u64,
    /// The bytes.
    pub data: &'a [u8],
}

/// One TCP connection: who opened it, and each direction's bytes in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection<'a> {
    /// The client (it sent the SYN; without one, the side away from the MQTT port).
    pub client: Option<(IpAddr, u16)>,
    /// The server.
    pub server: Option<(IpAddr, u16)>,
    /// Client to server.
    pub up: Vec<Piece<'a>>,
    /// Server to client.
    pub down: Vec<Piece<'a>>,
    /// The first frame of the connection.
    pub first_frame: u32,
}

/// One direction being put together.
#[derive(Default)]
struct Half<'a> {
    /// The first sequence number of data (after the SYN), once known.
    base: Option<u32>,
    /// Offset of the next byte expected.
    next: u64,
    /// Segments that came early, by offset: (bytes, frame, time).
    early: BTreeMap<u64, (&'a [u8], u32, u64)>,
    pieces: Vec<Piece<'a>>,
}

impl<'a> Half<'a> {
    /// The offset of `seq` from the base, as a signed distance (sequence numbers wrap).
    fn offset(&self, seq: u32) -> i64 {
        let base = self.base.unwrap_or(seq);
        i64::from(seq.wrapping_sub(base) as i32)
    }

    fn segment(&mut self, seq: u32, data: &'a [u8], frame: u32, at_us: u64) {
        if data.is_empty() {
            return;
        }
        if self.base.is_none() {
            self.base = Some(seq);
        }
        let start = self.offset(seq);
        if start < 0 && start + (data.len() as i64) <= 0 {
            return; // before the stream's start: a late retransmission of nothing new
        }
        let (start, data) = if start < 0 {
            (0, &data[(-start) as usize..])
        } else {
            (start as u64, data)
        };
        if start > self.next {
            let keep = self
                .early
                .get(&start)
                .is_none_or(|(d, _, _)| d.len() < data.len());
            if keep {
                self.early.insert(start, (data, frame, at_us));
            }
            return;
        }
        self.take(start, data, frame, at_us, 0);
        self.drain(frame, at_us);
    }

    /// Adds what of `data` (at `start`, not after `next`) is new.
    fn take(&mut self, start: u64, data: &'a [u8], frame: u32, at_us: u64, gap_before: u64) {
        let end = start + data.len() as u64;
        if end <= self.next {
            return; // a retransmission of bytes already here
        }
        let new = &data[(self.next - start) as usize..];
        self.pieces.push(Piece {
            frame,
            at_us,
            gap_before,
            data: new,
        });
        self.next = end;
    }

    /// Segments that waited and are now in order, readable from `frame`.
    fn drain(&mut self, frame: u32, at_us: u64) {
        while let Some(entry) = self.early.first_entry() {
            if *entry.key() > self.next {
                break;
            }
            let (start, (data, _, _)) = entry.remove_entry();
            self.take(start, data, frame, at_us, 0);
        }
    }

    /// The end of the capture: what still waits comes after a gap.
    fn finish(mut self) -> Vec<Piece<'a>> {
        while let Some((start, (data, frame, at_us))) = self.early.pop_first() {
            let gap = start.saturating_sub(self.next);
            if gap > 0 {
                self.next = start;
            }
            self.take(start, data, frame, at_us, gap);
            self.drain(frame, at_us);
        }
        self.pieces
    }
}

/// A connection being put together.
struct Building<'a> {
    /// The two ends as first seen: `ends[0]` sent the first segment.
    ends: [(IpAddr, u16); 2],
    /// Which end is the client, once known.
    client: Option<usize>,
    halves: [Half<'a>; 2],
    first_frame: u32,
    ended: bool,
    has_data: bool,
}

/// Groups segments (in file order) into connections, in the order they started.
pub fn connections<'a>(segments: &[Segment<'a>]) -> Vec<Connection<'a>> {
    let mut building: Vec<Building<'a>> = Vec::new();
    // The current connection of each pair of ends (port reuse starts a new one).
    let mut current: LiteMap<[(IpAddr, u16); 2], usize> = LiteMap::new();
    for s in segments {
        let key = if s.src <= s.dst {
            [s.src, s.dst]
        } else {
            [s.dst, s.src]
        };
        let fresh_syn = s.syn && !s.ack;
        let index = match current.get(&key) {
            Some(&i) if !(fresh_syn && (building[i].ended || building[i].has_data)) => i,
            _ => {
                building.push(Building {
                    ends: [s.src, s.dst],
                    client: None,
                    halves: [Half::default(), Half::default()],
                    first_frame: s.frame,
                    ended: false,
                    has_data: false,
                });
                current.insert(key, building.len() - 1);
                building.len() - 1
            }
        };
        let b = &mut building[index];
        let side = usize::from(s.src != b.ends[0]);
        if s.syn {
            if b.client.is_none() {
                b.client = Some(if s.ack { 1 - side } else { side });
            }
            if b.halves[side].base.is_none() {
                b.halves[side].base = Some(s.seq.wrapping_add(1));
            }
        }
        if s.fin || s.rst {
            b.ended = true;
        }
        if !s.payload.is_empty() {
            b.has_data = true;
            b.halves[side].segment(s.seq, s.payload, s.frame, s.at_us);
        }
    }
    building
        .into_iter()
        .map(|b| {
            let client = b.client.unwrap_or_else(|| guess_client(&b.ends));
            let [h0, h1] = b.halves;
            let (up, down) = if client == 0 { (h0, h1) } else { (h1, h0) };
            Connection {
                client: Some(b.ends[client]),
                server: Some(b.ends[1 - client]),
                up: up.finish(),
                down: down.finish(),
                first_frame: b.first_frame,
            }
        })
        .collect()
}

/// Without a SYN: the client is the end away from the MQTT ports, else the higher port.
fn guess_client(ends: &[(IpAddr, u16); 2]) -> usize {
    let mqtt = |p: u16| p == MQTT_PORT || p == MQTTS_PORT;
    match (mqtt(ends[0].1), mqtt(ends[1].1)) {
        (true, false) => 1,
        (false, true) => 0,
        _ => usize::from(ends[1].1 > ends[0].1),
    }
}
