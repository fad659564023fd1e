//! A lesson played with its solution: what the capture tests export and check.

use mqtt_playground::core::sim::lessons::lesson;
use mqtt_playground::core::sim::{Protocol, Run};
use mqtt_playground::core::time::Time;

/// Lesson `id` with every client speaking `protocol`, its solution applied, run until `secs`
/// virtual seconds.
pub fn played(id: &str, protocol: Protocol, secs: u64) -> Run {
    let l = lesson(id).unwrap();
    let mut s = l.scenario().unwrap();
    for d in &mut s.devices {
        d.protocol = protocol;
    }
    let mut r = Run::new(&s).unwrap();
    for step in l.solution() {
        r.run_for(step.wait_ms);
        r.apply(step.action).unwrap();
    }
    r.run_until(Time::from_secs(secs), usize::MAX);
    r
}
