//! Reading a capture file: its frames (pcap-parser, `.pcap` and `.pcapng`, either byte
//! order) sliced down to TCP segments (etherparse: Ethernet, Linux cooked, BSD loopback and raw
//! IP links; IPv4 and IPv6). Frames that are not TCP are counted and passed over.

use std::net::IpAddr;

use etherparse::{NetSlice, SlicedPacket, TransportSlice};
use pcap_parser::pcapng::Block;
use pcap_parser::{
    parse_pcap_frame, parse_pcap_frame_be, parse_pcap_frame_modified, parse_pcap_header, Linktype,
    PcapBlockOwned, PcapNGSlice,
};

use super::MAX_FILE_BYTES;

/// A capture that cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// The file is empty.
    Empty,
    /// Neither pcap nor pcapng (wrong magic number).
    NotACapture,
    /// The capture's frames start with a link layer this reader does not know.
    LinkType(i32),
    /// No TCP segment in it.
    NoTcp {
        /// Frames read.
        frames: usize,
    },
    /// TCP, but no MQTT.
    NoMqtt {
        /// TCP streams seen.
        streams: usize,
        /// Of those, on port 8883 (TLS: unreadable).
        tls: usize,
    },
}

/// Bytes in whole mebibytes, rounded up (as a file's size is said).
pub fn mib(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

/// Something the reader passed over or could not follow (the rest is still shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureNote {
    /// The file ends in the middle of a frame.
    Truncated {
        /// Whole frames read before it.
        frames: usize,
    },
    /// Frames cut short by the capture's snap length (their end is missing).
    Snapped {
        /// How many.
        frames: usize,
    },
    /// Bytes never captured in a stream: what follows may start mid-packet.
    Gap {
        /// The stream (index in [`super::Opened::streams`]).
        stream: usize,
        /// In the client-to-broker direction.
        to_server: bool,
        /// Bytes missing.
        missing: u64,
    },
    /// Bytes of an MQTT stream that are not an MQTT packet (after a gap, or broken).
    Unreadable {
        /// The stream.
        stream: usize,
        /// How many bytes.
        bytes: usize,
    },
    /// Streams on port 8883 (TLS), which cannot be read.
    Tls {
        /// How many.
        streams: usize,
    },
    /// More packets than are listed.
    TooMany {
        /// Listed.
        shown: usize,
        /// In the capture.
        total: usize,
    },
}

/// One TCP segment of the capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The frame's number in the file, from 1 (as Wireshark numbers them).
    pub frame: u32,
    /// When it was captured, in microseconds since 1970.
    pub at_us: u64,
    /// Source address and port.
    pub src: (IpAddr, u16),
    /// Destination address and port.
    pub dst: (IpAddr, u16),
    /// Sequence number.
    pub seq: u32,
    /// SYN.
    pub syn: bool,
    /// ACK (with SYN: the server's answer).
    pub ack: bool,
    /// FIN.
    pub fin: bool,
    /// RST.
    pub rst: bool,
    /// The payload.
    pub payload: &'a [u8],
}

/// What the file held: its TCP segments in file order, and what was passed over.
#[derive(Debug, Default)]
pub struct Frames<'a> {
    /// TCP segments.
    pub segments: Vec<Segment<'a>>,
    /// Frames in the file.
    pub frames: usize,
    /// Notes (truncation, snap length).
    pub notes: Vec<CaptureNote>,
}

/// An interface of a pcapng file: its link type and clock.
struct Interface {
    link: Linktype,
    /// Units per second.
    resolution: u64,
    offset: u64,
}

/// Reads the frames of a `.pcap` or `.pcapng` file.
pub fn frames(file: &[u8]) -> Result<Frames<'_>, CaptureError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(CaptureError::TooLarge { bytes: file.len() });
    }
    if file.is_empty() {
        return Err(CaptureError::Empty);
    }
    let mut out = Frames::default();
    let mut snapped = 0;
    let mut truncated = false;
    fn push<'a>(
        out: &mut Frames<'a>,
        link: Linktype,
        at_us: u64,
        data: &'a [u8],
    ) -> Result<(), CaptureError> {
        out.frames += 1;
        match tcp_of(link, out.frames as u32, at_us, data) {
            Some(Ok(s)) => out.segments.push(s),
            Some(Err(e)) => return Err(e),
            None => {}
        }
        Ok(())
    }
    if let Ok(ng) = PcapNGSlice::from_slice(file) {
        let mut interfaces: Vec<Interface> = Vec::new();
        for block in ng {
            let Ok(block) = block else {
                truncated = true;
                break;
            };
            let PcapBlockOwned::NG(block) = block else {
                continue;
            };
            let (if_id, ts, caplen, origlen, data) = match block {
                Block::SectionHeader(_) => {
                    interfaces.clear();
                    continue;
                }
                Block::InterfaceDescription(idb) => {
                    interfaces.push(Interface {
                        link: idb.linktype,
                        resolution: idb.ts_resolution().unwrap_or(1_000_000).max(1),
                        offset: idb.ts_offset().max(0) as u64,
                    });
                    continue;
                }
                Block::EnhancedPacket(epb) => (
                    epb.if_id as usize,
                    (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low),
                    epb.caplen,
                    epb.origlen,
                    epb.data,
                ),
                Block::SimplePacket(spb) => (0, 0, spb.origlen, spb.origlen, spb.data),
                _ => continue,
            };
            let Some(iface) = interfaces.get(if_id) else {
                continue;
            };
            let data = &data[..(caplen as usize).min(data.len())];
            if caplen < origlen {
                snapped += 1;
            }
            let at_us = iface
                .offset
                .saturating_mul(1_000_000)
                .saturating_add((u128::from(ts) * 1_000_000 / u128::from(iface.resolution)) as u64);
            push(&mut out, iface.link, at_us, data)?;
        }
    } else if let Ok((mut rest, header)) = parse_pcap_header(file) {
        let link = header.network;
        let nanos = header.is_nanosecond_precision();
        // Either byte order, and the "modified" format some old tools write.
        let parse = if header.is_modified_format() {
            parse_pcap_frame_modified
        } else if header.is_bigendian() {
            parse_pcap_frame_be
        } else {
            parse_pcap_frame
        };
        while !rest.is_empty() {
            let Ok((after, b)) = parse(rest) else {
                truncated = true;
                break;
            };
            rest = after;
            let frac = if nanos {
                u64::from(b.ts_usec) / 1000
            } else {
                u64::from(b.ts_usec)
            };
            let at_us = u64::from(b.ts_sec) * 1_000_000 + frac;
            if b.caplen < b.origlen {
                snapped += 1;
            }
            let data = &b.data[..(b.caplen as usize).min(b.data.len())];
            push(&mut out, link, at_us, data)?;
        }
    } else {
        return Err(CaptureError::NotACapture);
    }
    if truncated {
        out.notes
            .push(CaptureNote::Truncated { frames: out.frames });
    }
    if snapped > 0 {
        out.notes.push(CaptureNote::Snapped { frames: snapped });
    }
    if out.segments.is_empty() {
        return Err(CaptureError::NoTcp { frames: out.frames });
    }
    Ok(out)
}

/// The TCP segment in a frame: `None` when the frame is not TCP (or not readable), an error
/// when the link layer is one this reader does not know.
fn tcp_of(
    link: Linktype,
    frame: u32,
    at_us: u64,
    data: &[u8],
) -> Option<Result<Segment<'_>, CaptureError>> {
    let sliced = match link {
        Linktype::ETHERNET => SlicedPacket::from_ethernet(data),
        Linktype::LINUX_SLL => SlicedPacket::from_linux_sll(data),
        Linktype::RAW | Linktype::IPV4 | Linktype::IPV6 => SlicedPacket::from_ip(data),
        // BSD loopback: a 4-byte address family, then IP.
        Linktype::NULL | Linktype::LOOP => SlicedPacket::from_ip(data.get(4..)?),
        // Linux cooked v2: a 20-byte header whose first two bytes are the protocol.
        Linktype::LINUX_SLL2 => SlicedPacket::from_ip(data.get(20..)?),
        other => return Some(Err(CaptureError::LinkType(other.0))),
    };
    let p = sliced.ok()?;
    let (src, dst) = match p.net? {
        NetSlice::Ipv4(ip) => (
            IpAddr::V4(ip.header().source_addr()),
            IpAddr::V4(ip.header().destination_addr()),
        ),
        NetSlice::Ipv6(ip) => (
            IpAddr::V6(ip.header().source_addr()),
            IpAddr::V6(ip.header().destination_addr()),
        ),
        _ => return None,
    };
    let TransportSlice::Tcp(tcp) = p.transport? else {
        return None;
    };
    Some(Ok(Segment {
        frame,
        at_us,
        src: (src, tcp.source_port()),
        dst: (dst, tcp.destination_port()),
        seq: tcp.sequence_number(),
        syn: tcp.syn(),
        ack: tcp.ack(),
        fin: tcp.fin(),
        rst: tcp.rst(),
        payload: tcp.payload(),
    }))
}
