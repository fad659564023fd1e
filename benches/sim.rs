//! Simulation speed: simulated seconds per wall second for lesson 9's house at 100 and
//! 1 000 devices. Run: `cargo bench --bench sim` (SIM_SECONDS of virtual time per figure).
#![allow(clippy::disallowed_methods)] // a benchmark reads the wall clock

use std::time::Instant;

use mqtt_playground::core::sim::lessons::house_of;
use mqtt_playground::core::sim::World;
use mqtt_playground::core::time::Time;

fn main() {
    let seconds: u64 = std::env::var("SIM_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    println!(
        "native, {seconds} simulated seconds per figure (the trace is drained as a view would)"
    );
    for devices in [100, 1000] {
        let mut world = World::new(&house_of(devices, 9)).expect("valid house");
        let start = Instant::now();
        let mut events = 0u64;
        for s in 1..=seconds {
            world.run_until(Time::from_secs(s), usize::MAX);
            events += world.drain_trace().len() as u64;
        }
        let wall = start.elapsed().as_secs_f64();
        println!(
            "house of {devices:>5} devices: {:>8.1} simulated s per wall s ({events} trace events, {:.2} M events/s)",
            seconds as f64 / wall,
            events as f64 / wall / 1e6
        );
    }
}
