//! Captures against Wireshark itself (Debian's `tshark`): our exports decoded by its MQTT
//! dissector, and its own capture of mosquitto read by our reader. They need `tshark` and a
//! capture made by `scripts/capture-check.sh`, which runs them (`--ignored`) from the test
//! command.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

mod played;
use played::played;

use mqtt_playground::core::codec::PacketType;
use mqtt_playground::core::pcap;
use mqtt_playground::core::sim::Protocol;
use mqtt_playground::core::trace::TraceKind;
use mqtt_playground::i18n::Lang;

/// `tshark -r FILE ARGS…`, its output (failing the test if tshark fails).
fn tshark(file: &str, args: &[&str]) -> String {
    let out = Command::new("tshark")
        .arg("-r")
        .arg(file)
        .args(args)
        .output()
        .expect("tshark runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "tshark: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The MQTT message types tshark lists, in order (several in one frame come comma-separated).
fn tshark_types(file: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = extra.to_vec();
    args.extend(["-Y", "mqtt", "-T", "fields", "-e", "mqtt.msgtype"]);
    tshark(file, &args)
        .lines()
        .flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().parse().expect("a message type number"))
        .collect()
}

#[test]
#[ignore = "needs tshark: run by scripts/capture-check.sh"]
fn wireshark_decodes_every_exported_packet_of_five_lessons() {
    let dir = std::env::temp_dir().join(format!("mqtt-pcap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("pubsub", Protocol::V311),
        ("qos", Protocol::V311),
        ("tls", Protocol::V311),
        ("retained", Protocol::V5),
        ("will", Protocol::V5),
    ];
    for (id, protocol) in cases {
        let r = played(id, protocol, 120);
        let expected: Vec<u8> = r
            .trace()
            .iter()
            .filter_map(|e| match &e.kind {
                TraceKind::Transmitted { packet, .. } => packet.map(|p| p as u8),
                _ => None,
            })
            .collect();
        let exported = pcap::from_trace(r.trace(), &|c| c.text(Lang::Es));
        let file = dir.join(format!("{id}.pcapng"));
        std::fs::write(&file, &exported.bytes).unwrap();
        let file = file.to_str().unwrap();
        assert_eq!(tshark_types(file, &[]), expected, "{id} {protocol:?}");
        let bad = tshark(
            file,
            &["-Y", "_ws.malformed || _ws.expert.severity >= error"],
        );
        assert!(bad.trim().is_empty(), "{id}: {bad}");
        // Wireshark's own TCP analysis marks each lost packet's second sending.
        let lost = r
            .trace()
            .iter()
            .filter(|e| matches!(e.kind, TraceKind::Transmitted { arrives: None, .. }))
            .count();
        let resent = tshark(file, &["-Y", "tcp.analysis.retransmission"])
            .lines()
            .count();
        assert_eq!(resent, lost, "{id}: retransmissions");
        if id == "qos" {
            assert!(lost > 0, "the qos lesson loses packets");
        }
        println!(
            "{id} ({protocol:?}): tshark decodes {} MQTT packets, {resent} retransmissions",
            expected.len()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "needs tshark's capture of mosquitto: run by scripts/capture-check.sh"]
fn a_tshark_capture_of_mosquitto_lists_the_same_packets_in_our_reader() {
    let file = std::env::var("MQTT_CAPTURE").expect("MQTT_CAPTURE names the capture file");
    let port = std::env::var("MQTT_CAPTURE_PORT").expect("MQTT_CAPTURE_PORT names its port");
    let decode_as = format!("tcp.port=={port},mqtt");
    let theirs = tshark_types(&file, &["-d", &decode_as]);
    assert!(
        theirs.len() >= 10,
        "the capture holds the clients' traffic: {theirs:?}"
    );
    let bytes = std::fs::read(&file).unwrap();
    let opened = pcap::open(&bytes).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
    let ours: Vec<u8> = opened
        .packets
        .iter()
        .map(|p| p.kind.map_or(0, |k| k as u8))
        .collect();
    assert_eq!(ours, theirs);
    // The publisher's messages are followed to the subscriber.
    let followed = opened
        .publishes
        .iter()
        .filter(|p| !p.delivered.is_empty())
        .count();
    assert!(followed >= 3, "{:?}", opened.publishes);
    assert!(opened
        .packets
        .iter()
        .any(|p| p.kind == Some(PacketType::PubComp)));
    println!(
        "tshark and our reader list the same {} MQTT packets",
        ours.len()
    );
}
