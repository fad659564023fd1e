//! Property tests: decode(encode(p)) == p for arbitrary valid packets of both versions, and
//! arbitrary bytes never panic.
#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use mqtt_playground::core::codec::*;
use proptest::collection::vec;
use proptest::prelude::*;
use strategies::{packet, version};

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn roundtrip((v, p) in version().prop_flat_map(|v| (Just(v), packet(v)))) {
        let bytes = p.to_bytes(v).expect("valid packets encode");
        match decode(&bytes, v, MAX_PACKET_SIZE) {
            Ok(Decoded::Packet { packet, len }) => {
                prop_assert_eq!(len, bytes.len());
                prop_assert_eq!(&packet, &p);
            }
            other => prop_assert!(false, "{:?} for {:02x?}", other, bytes),
        }
        let (dissected, fields) = dissect(&bytes, v).expect("dissects");
        prop_assert_eq!(dissected, p);
        prop_assert!(fields.iter().all(|f| f.range.end <= bytes.len()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..64), v in version()) {
        let _ = decode(&bytes, v, MAX_PACKET_SIZE);
        let _ = dissect(&bytes, v);
    }

    #[test]
    fn mutated_packets_never_panic(
        (v, p) in version().prop_flat_map(|v| (Just(v), packet(v))),
        flips in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = p.to_bytes(v).unwrap();
        for (i, b) in flips {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        let cut = cut.index(bytes.len() + 1);
        for end in [cut, bytes.len()] {
            if let Ok(Decoded::Packet { packet, len }) = decode(&bytes[..end], v, MAX_PACKET_SIZE) {
                // Whatever decodes must re-encode to a packet that decodes the same.
                let again = packet.to_bytes(v).expect("decoded packets re-encode");
                prop_assert!(len <= end);
                let Ok(Decoded::Packet { packet: twice, .. }) = decode(&again, v, MAX_PACKET_SIZE) else {
                    return Err(TestCaseError::fail("re-encoded packet does not decode"));
                };
                prop_assert_eq!(twice, packet);
            }
            let _ = dissect(&bytes[..end], v);
        }
    }
}
