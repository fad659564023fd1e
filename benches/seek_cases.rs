//! The seek benchmark, shared by the native benchmark (`benches/seek.rs`) and the wasm one in
//! headless Chromium (`tests/wasm_seek.rs`): a run of the 100-device house for `seconds` of
//! virtual time, then 1 000 seeks to random events of it (each a checkpoint copied back and a
//! short replay). Reports the median and p95 seek time and what the checkpoints hold, counted
//! by the caller's allocator (the heap with them minus without). It goes in slices, so a page
//! can yield between them (a browser's test driver gives up on a page busy for minutes).

use mqtt_playground::core::rng::Rng;
use mqtt_playground::core::sim::lessons::{house_of, LESSONS};
use mqtt_playground::core::sim::Run;
use mqtt_playground::core::time::Time;

/// Seeks measured.
pub const SEEKS: usize = 1000;

/// The benchmark under way.
pub struct Seek {
    run: Run,
    seconds: u64,
    built_ms: f64,
    rng: Rng,
    times: Vec<f64>,
    /// Trace events of the whole run (seeks move the current point).
    total: u64,
}

impl Seek {
    /// The house at time 0; with `trace_limit`, its trace bounded as the page bounds it.
    pub fn new(seconds: u64, trace_limit: Option<usize>) -> Option<Seek> {
        let mut run = Run::new(&house_of(100, 1)).ok()?;
        if let Some(limit) = trace_limit {
            run.set_trace_limit(limit);
        }
        Some(Seek {
            run,
            seconds,
            built_ms: 0.0,
            rng: Rng::new(20261201),
            times: Vec::with_capacity(SEEKS),
            total: 0,
        })
    }

    /// Runs the house up to `secs` more virtual seconds; `false` once it has run them all.
    pub fn build(&mut self, secs: u64, now: &dyn Fn() -> f64) -> bool {
        let until = Time::from_secs(self.seconds).min(self.run.now() + secs * 1000);
        let t = now();
        self.run.run_until(until, usize::MAX);
        self.built_ms += now() - t;
        self.total = self.run.trace_total();
        self.run.now() < Time::from_secs(self.seconds)
    }

    /// Up to `n` more random seeks, each timed; `false` once all are done.
    pub fn seek(&mut self, n: usize, now: &dyn Fn() -> f64) -> bool {
        for _ in 0..n.min(SEEKS - self.times.len()) {
            let i = self.rng.below(self.total);
            let t = now();
            self.run.seek_event(i);
            self.times.push(now() - t);
            assert!(self.run.trace_total() > i);
        }
        self.times.len() < SEEKS
    }

    /// The figures: a note, then the line `seek 1h house100 PLATFORM: …`.
    pub fn report(mut self, platform: &str, in_use: &dyn Fn() -> usize) -> [String; 2] {
        let times = &mut self.times;
        times.sort_by(f64::total_cmp);
        let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
        let p95 = times.get(times.len() * 95 / 100).copied().unwrap_or(0.0);
        let kept = self.run.checkpoints().len();
        let spacing = self.run.checkpoints().spacing();
        let total = self.total;
        let with = in_use();
        self.run.clear_checkpoints();
        let without = in_use();
        let mb = with.saturating_sub(without) as f64 / (1024.0 * 1024.0);
        let (seconds, built) = (self.seconds, self.built_ms / 1e3);
        [
            format!(
                "({seconds} s of the house run in {built:.1} s, {total} trace events; {kept} checkpoints, \
                 one every {spacing} world steps)"
            ),
            format!(
                "seek 1h house100 {platform}: median {median:.2} ms, p95 {p95:.2} ms, checkpoints {mb:.1} MB"
            ),
        ]
    }
}

/// Every lesson played for ten minutes of virtual time with its solution applied (as a
/// student's run), then `seeks` random seeks in each: the slowest seek and the events of the
/// longest run (what a lesson's scrubber costs at worst; the goal is 20 ms).
pub fn lessons_worst(seeks: usize, now: &dyn Fn() -> f64) -> String {
    let (mut worst, mut longest) = (0.0f64, 0u64);
    let mut rng = Rng::new(20261202);
    for lesson in LESSONS.iter() {
        let Ok(scenario) = lesson.scenario() else {
            continue;
        };
        let Ok(mut run) = Run::new(&scenario) else {
            continue;
        };
        for step in lesson.solution() {
            run.run_for(step.wait_ms);
            let _ = run.apply(step.action);
        }
        run.run_until(Time::from_secs(600), usize::MAX);
        let total = run.trace_total();
        longest = longest.max(total);
        for _ in 0..seeks {
            let i = rng.below(total.max(1));
            let t = now();
            run.seek_event(i);
            worst = worst.max(now() - t);
        }
    }
    format!(
        "seek 10min lessons: slowest of {seeks} seeks in each of {} lessons {worst:.2} ms (goal 20 ms), longest run {longest} events",
        LESSONS.len()
    )
}
