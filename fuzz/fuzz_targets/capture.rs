//! The capture reader never panics, whatever the file holds (pcap, pcapng or anything else).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mqtt_playground::core::pcap;

fuzz_target!(|data: &[u8]| {
    if let Ok(opened) = pcap::open(data) {
        // What was read is consistent: every packet names a stream that exists.
        for p in &opened.packets {
            assert!(p.stream < opened.streams.len());
        }
        for p in &opened.publishes {
            assert!(p.delivered.iter().all(|&d| d < opened.packets.len()));
        }
    }
});
