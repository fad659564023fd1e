//! Time travel: a 1-hour run of the 100-device house, then 1 000 seeks to random events of it
//! (each a checkpoint copied back and a short replay). Prints the median and p95 seek time and
//! what the checkpoints hold (counted by the allocator: the heap with them minus without).
//! Run: `cargo bench --bench seek` (SEEK_SECONDS of virtual time, default 3600).
#![allow(clippy::disallowed_methods)] // a benchmark reads the wall clock

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use mqtt_playground::core::i18n::Lang;
use mqtt_playground::core::rng::Rng;
use mqtt_playground::core::sim::lessons::house_of;
use mqtt_playground::core::sim::Run;
use mqtt_playground::core::time::Time;

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
    let mut run = Run::new(&house_of(100, 1), Lang::En).expect("valid house");
    let start = Instant::now();
    run.run_until(Time::from_secs(seconds), usize::MAX);
    let built = start.elapsed().as_secs_f64();
    let total = run.trace_total();
    let mut rng = Rng::new(20261201);
    let mut times = Vec::with_capacity(1000);
    for _ in 0..1000 {
        let i = rng.below(total);
        let t = Instant::now();
        run.seek_event(i);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(run.trace_total() > i);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    let kept = run.checkpoints().len();
    let spacing = run.checkpoints().spacing();
    let with = IN_USE.load(Ordering::Relaxed);
    run.clear_checkpoints();
    let without = IN_USE.load(Ordering::Relaxed);
    let mb = with.saturating_sub(without) as f64 / (1024.0 * 1024.0);
    eprintln!(
        "({seconds} s of the house run in {built:.1} s, {total} trace events; {kept} checkpoints, \
         one every {spacing} world steps)"
    );
    println!(
        "seek 1h house100 native: median {median:.2} ms, p95 {p95:.2} ms, checkpoints {mb:.1} MB"
    );
}
