//! The decoder never allocates from an attacker-controlled length before the bytes are there:
//! a counting allocator checks that what decoding allocates stays proportional to the input.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

mod strategies;

use mqtt_playground::core::codec::{decode, dissect, Version, MAX_PACKET_SIZE};
use proptest::collection::vec;
use proptest::prelude::*;

struct Counting;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LARGEST.try_with(|l| l.set(l.get().max(layout.size())));
        let _ = TOTAL.try_with(|t| t.set(t.get() + layout.size()));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns (largest single allocation, total allocated) on this thread.
fn measure(f: impl FnOnce()) -> (usize, usize) {
    LARGEST.with(|l| l.set(0));
    TOTAL.with(|t| t.set(0));
    f();
    (LARGEST.with(Cell::get), TOTAL.with(Cell::get))
}

/// Generous per-byte allowance: decoded structures are larger than their wire bytes.
fn budget(n: usize) -> usize {
    64 * n + 1024
}

#[test]
fn huge_announced_lengths_allocate_nothing() {
    // Remaining length 268 435 455, with only a few bytes present.
    let header = [0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x05, b'a'];
    let (largest, total) = measure(|| {
        let _ = decode(&header, Version::V5, MAX_PACKET_SIZE);
    });
    assert_eq!((largest, total), (0, 0));
    // A string announcing 65 535 bytes inside a short packet fails without allocating them.
    let short = [0x30, 0x04, 0xFF, 0xFF, b'a', b'b'];
    let (largest, _) = measure(|| {
        let _ = decode(&short, Version::V311, MAX_PACKET_SIZE);
    });
    assert!(largest < 1024, "allocated {largest} bytes");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn allocation_is_proportional_to_input(bytes in vec(any::<u8>(), 0..256), v5 in any::<bool>()) {
        let v = if v5 { Version::V5 } else { Version::V311 };
        let (largest, total) = measure(|| {
            let _ = decode(&bytes, v, MAX_PACKET_SIZE);
        });
        prop_assert!(largest <= budget(bytes.len()), "largest {} for {} bytes", largest, bytes.len());
        prop_assert!(total <= budget(bytes.len()), "total {} for {} bytes", total, bytes.len());
        // Dissection also records a field per element; it is bounded the same way, with room
        // for the rendered values.
        let (largest, _) = measure(|| {
            let _ = dissect(&bytes, v);
        });
        prop_assert!(largest <= 4 * budget(bytes.len()));
    }

    #[test]
    fn valid_packets_allocate_in_proportion(
        (v, p) in strategies::version().prop_flat_map(|v| (Just(v), strategies::packet(v)))
    ) {
        let bytes = p.to_bytes(v).unwrap();
        let (largest, total) = measure(|| {
            let _ = decode(&bytes, v, MAX_PACKET_SIZE);
        });
        prop_assert!(largest <= budget(bytes.len()) && total <= budget(bytes.len()),
            "largest {} total {} for {} bytes", largest, total, bytes.len());
    }
}
