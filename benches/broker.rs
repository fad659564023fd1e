//! Native broker routing benchmark. Run: `cargo bench --bench broker` (BENCH_MS per figure).
#![allow(clippy::disallowed_methods)] // a benchmark reads the wall clock

mod broker_cases;

use std::time::Instant;

fn main() {
    let budget_ms = std::env::var("BENCH_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000.0);
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1000.0;
    println!("native (x86_64), {budget_ms} ms per figure");
    broker_cases::run(&now, budget_ms, &mut |line| println!("{line}"));
}
