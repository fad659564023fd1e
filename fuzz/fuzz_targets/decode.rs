//! Fuzzes the decoder and the dissector with arbitrary bytes, for both versions: nothing may
//! panic, and whatever decodes must re-encode to bytes that decode to the same packet.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mqtt_playground::core::codec::{decode, dissect, Decoded, Version, MAX_PACKET_SIZE};

fuzz_target!(|data: &[u8]| {
    for v in [Version::V311, Version::V5] {
        let _ = dissect(data, v);
        if let Ok(Decoded::Packet { packet, len }) = decode(data, v, MAX_PACKET_SIZE) {
            assert!(len <= data.len());
            let again = packet.to_bytes(v).expect("a decoded packet re-encodes");
            match decode(&again, v, MAX_PACKET_SIZE) {
                Ok(Decoded::Packet { packet: twice, .. }) => assert_eq!(twice, packet),
                other => panic!("re-encoded packet does not decode: {other:?}"),
            }
        }
    }
});
