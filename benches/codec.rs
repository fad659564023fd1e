//! Native codec benchmark. Run: `cargo bench --bench codec` (BENCH_MS sets the time per figure).
#![allow(clippy::disallowed_methods)] // a benchmark reads the wall clock

mod codec_cases;

use std::time::Instant;

fn main() {
    let budget_ms = std::env::var("BENCH_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500.0);
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1000.0;
    let mut out = |line: String| println!("{line}");
    println!("native (x86_64), {budget_ms} ms per figure");
    codec_cases::Bench {
        now: &now,
        budget_ms,
        out: &mut out,
        only: std::env::var("BENCH_ONLY").ok(),
    }
    .run();
}
