//! Captures: a run exported as pcapng and read back gives the trace's packets; captures in
//! both file formats, with segments out of order, retransmitted, split mid-packet or missing,
//! are read as Wireshark reads them; broken files get a clear error and never panic.
#![cfg(not(target_arch = "wasm32"))]

use etherparse::PacketBuilder;
use mqtt_playground::core::capture::Capture;
use mqtt_playground::core::codec::{Packet, PacketType, Publish, Version};
use mqtt_playground::core::pcap::{self, CaptureError, CaptureNote, MAX_FILE_BYTES};
use mqtt_playground::core::sim::lessons::{lesson, LESSONS};
use mqtt_playground::core::sim::Protocol;
use mqtt_playground::core::topic::TopicName;
use mqtt_playground::core::trace::{TraceEvent, TraceKind};
use mqtt_playground::i18n::Lang;
use pcap_parser::{LegacyPcapBlock, Linktype, PcapHeader, ToVec};

mod played;
use played::played;

/// The MQTT packets on the device links, in trace order (what a capture must list).
fn trace_packets(trace: &[TraceEvent]) -> Vec<PacketType> {
    trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Transmitted { packet, .. } => *packet,
            _ => None,
        })
        .collect()
}

#[test]
fn every_lesson_exported_and_read_back_lists_the_traces_packets() {
    for l in &LESSONS {
        for protocol in [Protocol::V311, Protocol::V5] {
            let r = played(l.id, protocol, 90);
            let expected = trace_packets(r.trace());
            let exported = pcap::from_trace(r.trace(), &|c| c.text(Lang::Es));
            assert_eq!(exported.mqtt_packets, expected.len(), "{}", l.id);
            let opened = pcap::open(&exported.bytes).unwrap_or_else(|e| panic!("{}: {e:?}", l.id));
            let got: Vec<PacketType> = opened.packets.iter().filter_map(|p| p.kind).collect();
            assert_eq!(got, expected, "{} {protocol:?}", l.id);
            assert!(
                opened
                    .notes
                    .iter()
                    .all(|n| !matches!(n, CaptureNote::Gap { .. })),
                "{}: {:?}",
                l.id,
                opened.notes
            );
            // Every stream is one device connection with its client id from CONNECT.
            assert!(
                opened.streams.iter().all(|s| s.client_id.is_some()),
                "{}",
                l.id
            );
            let v = if protocol == Protocol::V5 {
                Version::V5
            } else {
                Version::V311
            };
            assert!(opened.streams.iter().all(|s| s.version == v), "{}", l.id);
        }
    }
}

#[test]
fn the_same_run_exports_the_same_bytes_and_passwords_stay_out() {
    let a = pcap::from_trace(played("security", Protocol::V311, 60).trace(), &|c| {
        c.text(Lang::En)
    });
    let b = pcap::from_trace(played("security", Protocol::V311, 60).trace(), &|c| {
        c.text(Lang::En)
    });
    assert_eq!(a, b);
    let l = lesson("security").unwrap();
    let s = l.scenario().unwrap();
    for d in &s.devices {
        if let Some(pw) = &d.password {
            assert!(
                !a.bytes.windows(pw.len()).any(|w| w == pw.as_bytes()),
                "{pw}"
            );
        }
    }
}

#[test]
fn a_lesson_with_a_lossy_link_shows_each_loss_as_a_retransmission() {
    let r = played("qos", Protocol::V311, 120);
    let lost = r
        .trace()
        .iter()
        .filter(|e| matches!(e.kind, TraceKind::Transmitted { arrives: None, .. }))
        .count();
    assert!(lost > 0, "the qos lesson has losses");
    let exported = pcap::from_trace(r.trace(), &|c| c.text(Lang::En));
    let opened = pcap::open(&exported.bytes).unwrap();
    // The reader keeps one copy of each retransmitted segment.
    assert_eq!(opened.packets.len(), trace_packets(r.trace()).len());
    // Each loss adds its segment once more: the file's comments say so.
    let comment = "Lost on the link";
    let comments = exported
        .bytes
        .windows(comment.len())
        .filter(|w| *w == comment.as_bytes())
        .count();
    assert_eq!(comments, 2 * lost);
}

#[test]
fn a_device_on_8883_is_marked_by_a_comment_and_shown_on_1883() {
    let r = played("tls", Protocol::V311, 30);
    let exported = pcap::from_trace(r.trace(), &|c| c.text(Lang::Es));
    let has = |text: &str| {
        exported
            .bytes
            .windows(text.len())
            .any(|w| w == text.as_bytes())
    };
    assert!(has(
        "en el puerto 8883 (TLS): aquí se muestra descifrada en el puerto 1883"
    ));
    assert!(has(
        "Puerto 8883: en la red va cifrado con TLS; se muestra descifrado"
    ));
    let opened = pcap::open(&exported.bytes).unwrap();
    assert!(opened.streams.iter().all(|s| s.server.ends_with(":1883")));
}

#[test]
fn publishes_are_followed_to_their_subscribers() {
    let r = played("pubsub", Protocol::V311, 30);
    let opened = pcap::open(&pcap::from_trace(r.trace(), &|c| c.text(Lang::En)).bytes).unwrap();
    let delivered = opened
        .publishes
        .iter()
        .filter(|p| !p.delivered.is_empty())
        .count();
    assert!(delivered > 3, "{:?}", opened.publishes);
    for p in &opened.publishes {
        let from = &opened.packets[p.packet];
        assert!(from.to_server);
        assert_eq!(p.topic, "Casa/Cocina/Temperatura");
        for &d in &p.delivered {
            assert!(!opened.packets[d].to_server);
            assert!(d > p.packet);
            let who = opened.streams[opened.packets[d].stream]
                .client_id
                .as_deref();
            assert_eq!(who, Some("panel"));
        }
    }
}

#[test]
fn the_real_clients_capture_is_one_stream() {
    let mut c = Capture::default();
    let connect = Packet::Connect(Box::new(mqtt_playground::core::codec::Connect::new(
        Version::V5,
        mqtt_playground::core::types::ClientId::new("aula-1").unwrap(),
    )));
    c.outgoing(1_000, &connect.to_bytes(Version::V5).unwrap());
    c.incoming(1_030, &[0x20, 0x03, 0x00, 0x00, 0x00]);
    let publish = Packet::Publish(Publish::new(TopicName::new("Casa/Luz").unwrap(), "ON"));
    c.outgoing(2_000, &publish.to_bytes(Version::V5).unwrap());
    let exported = pcap::from_captured(c.packets(), &|c| c.text(Lang::Es));
    assert_eq!(exported.mqtt_packets, 3);
    let opened = pcap::open(&exported.bytes).unwrap();
    assert_eq!(opened.streams.len(), 1);
    assert_eq!(opened.streams[0].client_id.as_deref(), Some("aula-1"));
    let kinds: Vec<_> = opened
        .packets
        .iter()
        .map(|p| (p.kind, p.to_server))
        .collect();
    assert_eq!(
        kinds,
        [
            (Some(PacketType::Connect), true),
            (Some(PacketType::ConnAck), false),
            (Some(PacketType::Publish), true)
        ]
    );
}

// -- Hand-made captures: legacy pcap, Ethernet frames built by etherparse ---------------------

const CLIENT: [u8; 4] = [127, 0, 0, 1];
const SERVER: [u8; 4] = [127, 0, 0, 2];

/// One TCP frame from the client (`up`) or the server.
fn frame(up: bool, seq: u32, syn: bool, payload: &[u8]) -> Vec<u8> {
    let (src, dst, sp, dp) = if up {
        (CLIENT, SERVER, 50000, 18831)
    } else {
        (SERVER, CLIENT, 18831, 50000)
    };
    let mut b = PacketBuilder::ethernet2([2; 6], [4; 6])
        .ipv4(src, dst, 64)
        .tcp(sp, dp, seq, 1000);
    if syn {
        b = b.syn();
    }
    let mut out = Vec::new();
    b.write(&mut out, payload).unwrap();
    out
}

/// A legacy pcap file of these frames, one millisecond apart.
fn pcap_file(frames: &[Vec<u8>]) -> Vec<u8> {
    let mut header = PcapHeader::new();
    header.network = Linktype::ETHERNET;
    let mut out = header.to_vec_raw().unwrap();
    for (i, f) in frames.iter().enumerate() {
        let block = LegacyPcapBlock {
            ts_sec: 1_700_000_000,
            ts_usec: i as u32 * 1000,
            caplen: f.len() as u32,
            origlen: f.len() as u32,
            data: f,
        };
        out.extend(block.to_vec_raw().unwrap());
    }
    out
}

fn connect_bytes() -> Vec<u8> {
    let c = mqtt_playground::core::codec::Connect::new(
        Version::V311,
        mqtt_playground::core::types::ClientId::new("tcpdump").unwrap(),
    );
    Packet::Connect(Box::new(c))
        .to_bytes(Version::V311)
        .unwrap()
}

fn publish_bytes(payload: &str) -> Vec<u8> {
    Packet::Publish(Publish::new(
        TopicName::new("a/b").unwrap(),
        payload.to_string(),
    ))
    .to_bytes(Version::V311)
    .unwrap()
}

fn kinds(file: &[u8]) -> (Vec<(u32, PacketType)>, Vec<CaptureNote>) {
    let o = pcap::open(file).unwrap_or_else(|e| panic!("{e:?}"));
    (
        o.packets
            .iter()
            .map(|p| (p.frame, p.kind.unwrap()))
            .collect(),
        o.notes,
    )
}

#[test]
fn a_packet_split_across_segments_is_put_back_together() {
    let c = connect_bytes();
    let p = publish_bytes("veinte coma ocho");
    let (p1, p2) = p.split_at(5);
    let isn = 7000u32;
    let mut up = c.clone();
    up.extend_from_slice(p1);
    let frames = [
        frame(true, isn, true, &[]),
        frame(true, isn + 1, false, &up),
        frame(true, isn + 1 + up.len() as u32, false, p2),
    ];
    let (got, notes) = kinds(&pcap_file(&frames));
    assert_eq!(got, [(2, PacketType::Connect), (3, PacketType::Publish)]);
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn out_of_order_and_retransmitted_segments_are_read_once_in_order() {
    let c = connect_bytes();
    let a = publish_bytes("uno");
    let b = publish_bytes("dos");
    let isn = u32::MAX - 3; // the sequence numbers wrap inside the stream
    let s1 = isn.wrapping_add(1);
    let s2 = s1.wrapping_add(c.len() as u32);
    let s3 = s2.wrapping_add(a.len() as u32);
    let frames = [
        frame(true, isn, true, &[]),
        frame(true, s1, false, &c),
        frame(true, s3, false, &b), // early
        frame(true, s2, false, &a), // fills the hole: both readable from frame 4
        frame(true, s2, false, &a), // retransmission
        frame(true, s1, false, &c), // late retransmission
    ];
    let (got, notes) = kinds(&pcap_file(&frames));
    assert_eq!(
        got,
        [
            (2, PacketType::Connect),
            (4, PacketType::Publish),
            (4, PacketType::Publish)
        ]
    );
    assert!(notes.is_empty(), "{notes:?}");
    let o = pcap::open(&pcap_file(&frames)).unwrap();
    assert!(o.packets[1].bytes.ends_with(b"uno"));
    assert!(o.packets[2].bytes.ends_with(b"dos"));
}

#[test]
fn a_gap_is_reported_and_reading_goes_on_after_it() {
    let c = connect_bytes();
    let a = publish_bytes("perdido");
    let b = publish_bytes("visto");
    let s1 = 101u32;
    let s3 = s1 + (c.len() + a.len()) as u32;
    let frames = [
        frame(true, 100, true, &[]),
        frame(true, s1, false, &c),
        frame(true, s3, false, &b), // the segment with `a` was never captured
    ];
    let (got, notes) = kinds(&pcap_file(&frames));
    assert_eq!(got, [(2, PacketType::Connect), (3, PacketType::Publish)]);
    assert_eq!(
        notes,
        [CaptureNote::Gap {
            stream: 0,
            to_server: true,
            missing: a.len() as u64
        }]
    );
    assert!(notes[0].message(Lang::Es).contains("faltan"));
    assert!(notes[0].message(Lang::En).contains("missing"));
}

#[test]
fn broken_files_get_a_clear_error_in_both_languages() {
    let good = pcap_file(&[
        frame(true, 1, true, &[]),
        frame(true, 2, false, &connect_bytes()),
    ]);
    let cases: Vec<(Vec<u8>, CaptureError)> = vec![
        (Vec::new(), CaptureError::Empty),
        (b"{\"version\": 1}".to_vec(), CaptureError::NotACapture),
        (vec![0u8; 64], CaptureError::NotACapture),
        (
            vec![0u8; MAX_FILE_BYTES + 1],
            CaptureError::TooLarge {
                bytes: MAX_FILE_BYTES + 1,
            },
        ),
        (
            pcap_file(&[frame(true, 1, false, b"GET / HTTP/1.1\r\n\r\n")]),
            CaptureError::NoMqtt { streams: 1, tls: 0 },
        ),
        (good[..24].to_vec(), CaptureError::NoTcp { frames: 0 }),
    ];
    for (file, want) in cases {
        let got = pcap::open(&file).unwrap_err();
        assert_eq!(got, want);
        let (es, en) = (got.message(Lang::Es), got.message(Lang::En));
        assert!(!es.is_empty() && !en.is_empty() && es != en, "{es} / {en}");
    }
    // Cut in the middle of the second frame: the first is kept, and the cut is said.
    let cut = &good[..good.len() - 10];
    let err = pcap::open(cut).unwrap_err();
    assert_eq!(err, CaptureError::NoMqtt { streams: 1, tls: 0 });
    let exported = pcap::from_trace(played("pubsub", Protocol::V311, 20).trace(), &|c| {
        c.text(Lang::En)
    });
    let cut = &exported.bytes[..exported.bytes.len() * 2 / 3];
    let o = pcap::open(cut).unwrap();
    assert!(
        matches!(o.notes[0], CaptureNote::Truncated { .. }),
        "{:?}",
        o.notes
    );
    assert!(!o.packets.is_empty());
}

#[test]
fn no_prefix_or_mutation_of_a_capture_panics() {
    let exported = pcap::from_trace(played("qos", Protocol::V5, 40).trace(), &|c| {
        c.text(Lang::En)
    });
    let bytes = exported.bytes;
    for end in (0..bytes.len()).step_by(7) {
        let _ = pcap::open(&bytes[..end]);
    }
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..2_000 {
        let mut m = bytes.clone();
        for _ in 0..8 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let i = (rng as usize) % m.len();
            m[i] = (rng >> 32) as u8;
        }
        let _ = pcap::open(&m);
    }
}

#[test]
fn a_trace_kept_from_the_middle_of_a_run_still_makes_whole_streams() {
    let r = played("pubsub", Protocol::V311, 40);
    let trace = r.trace();
    // Drop the first 30 % of events, handshakes included, as a page that keeps only the newest.
    let kept = &trace[trace.len() * 3 / 10..];
    let exported = pcap::from_trace(kept, &|c| c.text(Lang::En));
    let opened = pcap::open(&exported.bytes).unwrap();
    assert_eq!(
        opened
            .packets
            .iter()
            .filter_map(|p| p.kind)
            .collect::<Vec<_>>(),
        trace_packets(kept)
    );
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
}

#[test]
fn a_big_endian_pcap_with_nanosecond_times_reads_the_same() {
    let frames = [
        frame(true, 1, true, &[]),
        frame(true, 2, false, &connect_bytes()),
        frame(
            true,
            2 + connect_bytes().len() as u32,
            false,
            &publish_bytes("be"),
        ),
    ];
    let little = pcap_file(&frames);
    // The same file written big-endian, with the nanosecond magic number.
    let mut big = Vec::new();
    big.extend(0xa1b2_3c4du32.to_be_bytes());
    big.extend(2u16.to_be_bytes());
    big.extend(4u16.to_be_bytes());
    big.extend(0i32.to_be_bytes());
    big.extend(0u32.to_be_bytes());
    big.extend(65535u32.to_be_bytes());
    big.extend(1u32.to_be_bytes());
    for (i, f) in frames.iter().enumerate() {
        big.extend(1_700_000_000u32.to_be_bytes());
        big.extend((i as u32 * 1_000_000).to_be_bytes());
        big.extend((f.len() as u32).to_be_bytes());
        big.extend((f.len() as u32).to_be_bytes());
        big.extend(f);
    }
    let (a, b) = (pcap::open(&little).unwrap(), pcap::open(&big).unwrap());
    assert_eq!(a.packets.len(), 2);
    assert_eq!(
        a.packets
            .iter()
            .map(|p| (p.frame, p.at_us, p.kind))
            .collect::<Vec<_>>(),
        b.packets
            .iter()
            .map(|p| (p.frame, p.at_us, p.kind))
            .collect::<Vec<_>>()
    );
}
