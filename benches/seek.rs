//! Time travel: a 1-hour run of the 100-device house, then 1 000 seeks to random events of it
//! (each a checkpoint copied back and a short replay). Prints the median and p95 seek time and
//! what the checkpoints hold (counted by the allocator: the heap with them minus without).
//! Run: `cargo bench --bench seek` (SEEK_SECONDS of virtual time, default 3600).
#![allow(clippy::disallowed_methods)] // a benchmark reads the wall clock

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

mod seek_cases;

/// The system allocator, counting the bytes in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let seconds: u64 = std::env::var("SEEK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3600);
    let start = Instant::now();
    let now = || start.elapsed().as_secs_f64() * 1e3;
    // SEEK_TRACE_LIMIT bounds the trace as the page does (50000).
    let limit = std::env::var("SEEK_TRACE_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok());
    let mut bench = seek_cases::Seek::new(seconds, limit).expect("the house validates");
    while bench.build(60, &now) {}
    while bench.seek(seek_cases::SEEKS, &now) {}
    let [note, figure] = bench.report("native", &|| IN_USE.load(Ordering::Relaxed));
    eprintln!("{note}");
    println!("{figure}");
    println!("{}", seek_cases::lessons_worst(200, &now));
}
