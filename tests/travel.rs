//! Time travel is exact: after seeking to any event or time, going back and forth, or forking
//! a new future, the run is what a fresh run of the same scenario and actions is at that point:
//! the whole world (broker sessions, queues, in-flight, retained, devices, event queue, random
//! streams), the trace and the lesson goals.
#![cfg(not(target_arch = "wasm32"))]

use mqtt_playground::core::sim::lessons::LESSONS;
use mqtt_playground::core::sim::{Action, Run, Scenario};
use mqtt_playground::core::time::Time;
use proptest::prelude::*;

/// Everything a view could show of a run, as one comparable text.
fn digest(r: &Run, lesson: usize) -> (String, usize, Vec<bool>) {
    let goals = LESSONS[lesson].check(r.world(), r.trace());
    (format!("{:?}", r.world()), r.trace().len(), goals)
}

/// A fresh run of the same scenario and recorded actions, stepped until event `index` exists.
fn fresh_at_event(s: &Scenario, r: &Run, index: u64) -> Run {
    let mut f = Run::with_log(s, r.log()).unwrap();
    while f.trace_total() <= index {
        if !f.step() {
            break;
        }
    }
    f
}

/// An action on the lesson's `d`-th device (kind by `k`).
fn action(s: &Scenario, d: usize, k: u8) -> Option<Action> {
    let dev = &s.devices.get(d % s.devices.len().max(1))?.name;
    let json = match k % 5 {
        0 => format!(r#"{{"type":"offline","device":"{dev}"}}"#),
        1 => format!(r#"{{"type":"online","device":"{dev}"}}"#),
        2 => format!(r#"{{"type":"pull_plug","device":"{dev}"}}"#),
        3 => format!(r#"{{"type":"replug","device":"{dev}"}}"#),
        _ => format!(
            r#"{{"type":"set_link","device":"{dev}","link":{{"latency_ms":40,"jitter_ms":5,"loss":0.1}}}}"#
        ),
    };
    Action::from_json(&json).ok()
}

fn played(lesson: usize, seed: u64, acts: &[(u16, usize, u8)]) -> (Scenario, Run) {
    let mut s = LESSONS[lesson].scenario().unwrap();
    s.seed = seed;
    let mut r = Run::new(&s).unwrap();
    for &(wait, d, k) in acts {
        r.run_for(u64::from(wait) * 10);
        if let Some(a) = action(&s, d, k) {
            let _ = r.apply(a);
        }
    }
    r.run_for(60_000);
    (s, r)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn seeking_any_event_or_time_equals_a_fresh_run(
        lesson in 0..LESSONS.len(),
        seed in 0..10_000u64,
        acts in proptest::collection::vec((0..3000u16, 0..8usize, 0..5u8), 0..5),
        stops in proptest::collection::vec(any::<u64>(), 1..6),
    ) {
        let (s, mut r) = played(lesson, seed, &acts);
        let total = r.trace_total();
        prop_assume!(total > 0);
        let end = r.now();
        for stop in stops {
            // An event (back and forth in any order) ...
            let i = stop % total;
            r.seek_event(i);
            let f = fresh_at_event(&s, &r, i);
            prop_assert_eq!(digest(&r, lesson), digest(&f, lesson), "event {}", i);
            prop_assert_eq!(r.trace(), f.trace());
            // ... and a virtual time.
            let t = Time::from_millis(stop % (end.millis() + 1));
            r.seek_time(t);
            let mut f = Run::with_log(&s, r.log()).unwrap();
            f.run_until(t, usize::MAX);
            prop_assert_eq!(digest(&r, lesson), digest(&f, lesson), "time {}", t);
        }
        // Back at the end, the run is the one it was.
        r.seek_time(end);
        let (_, again) = played(lesson, seed, &acts);
        prop_assert_eq!(digest(&r, lesson), digest(&again, lesson));
    }

    #[test]
    fn a_fork_equals_a_fresh_run_with_the_same_actions_and_undo_brings_the_old_future_back(
        lesson in 0..LESSONS.len(),
        seed in 0..10_000u64,
        acts in proptest::collection::vec((0..3000u16, 0..8usize, 0..5u8), 1..4),
        at in any::<u64>(),
        fork in (0..8usize, 0..5u8),
    ) {
        let (s, mut r) = played(lesson, seed, &acts);
        let total = r.trace_total();
        prop_assume!(total > 1);
        let before_log = r.log().to_vec();
        let end = digest(&r, lesson);
        let end_time = r.now();
        r.seek_event(at % total);
        let at_fork = digest(&r, lesson);
        let Some(a) = action(&s, fork.0, fork.1) else { return Ok(()) };
        prop_assume!(r.apply(a).is_ok());
        r.run_for(20_000);
        // The forked run is a fresh run given the new log, to the same point.
        let mut f = Run::with_log(&s, r.log()).unwrap();
        f.catch_up(r.world().steps(), r.now(), usize::MAX);
        prop_assert_eq!(digest(&r, lesson), digest(&f, lesson));
        // Undo: the old future is recorded again, and the run stands where the fork was made.
        let dropped_any = before_log.len() > r.log().len() - 1 || r.can_undo_fork();
        if r.can_undo_fork() {
            prop_assert!(r.undo_fork());
            prop_assert_eq!(r.log(), &before_log[..]);
            prop_assert_eq!(digest(&r, lesson), at_fork);
            r.seek_time(end_time);
            prop_assert_eq!(digest(&r, lesson), end);
        }
        let _ = dropped_any;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn step_back_goes_to_the_previous_point_and_forward_comes_back(
        lesson in 0..LESSONS.len(),
        seed in 0..10_000u64,
        acts in proptest::collection::vec((0..3000u16, 0..8usize, 0..5u8), 0..4),
        at in any::<u64>(),
        backs in 1..4usize,
    ) {
        let (s, mut r) = played(lesson, seed, &acts);
        let total = r.trace_total();
        prop_assume!(total > 1);
        r.seek_event(at % total);
        for _ in 0..backs {
            let here = r.trace_total();
            let there = digest(&r, lesson);
            prop_assert!(r.step_back());
            let back = r.trace_total();
            prop_assert!(back < here, "{} !< {}", back, here);
            // Exactly a fresh run stopped there ...
            if back > 0 {
                let f = fresh_at_event(&s, &r, back - 1);
                prop_assert_eq!(digest(&r, lesson), digest(&f, lesson));
            } else {
                let f = Run::with_log(&s, r.log()).unwrap();
                prop_assert_eq!(digest(&r, lesson), digest(&f, lesson));
            }
            // ... and one event forward is where it was.
            r.seek_event(back);
            prop_assert_eq!(r.trace_total(), here);
            prop_assert_eq!(digest(&r, lesson), there);
            if back == 0 {
                break;
            }
            r.seek_event(back - 1);
        }
    }

    #[test]
    fn continuing_from_a_past_point_drops_the_future_and_undo_brings_it_back(
        lesson in 0..LESSONS.len(),
        seed in 0..10_000u64,
        acts in proptest::collection::vec((0..3000u16, 0..8usize, 0..5u8), 1..4),
        at in any::<u64>(),
        then in (0..8usize, 0..5u8),
    ) {
        let (s, mut r) = played(lesson, seed, &acts);
        let total = r.trace_total();
        prop_assume!(total > 1);
        let before_log = r.log().to_vec();
        let end_time = r.now();
        let end = digest(&r, lesson);
        r.seek_event(at % (total - 1));
        let here = digest(&r, lesson);
        let applied = r.applied().len();
        // (An event made by the run's last step leaves nothing ahead.)
        prop_assume!(r.has_future());
        prop_assert!(r.fork_here());
        prop_assert!(!r.has_future());
        prop_assert_eq!(r.log().len(), applied);
        prop_assert_eq!(digest(&r, lesson), here.clone(), "forked");
        // The new future: time passes, another action, equal to a fresh run of the new log.
        r.run_for(5_000);
        if let Some(a) = action(&s, then.0, then.1) {
            let _ = r.apply(a);
        }
        r.run_for(5_000);
        let mut f = Run::with_log(&s, r.log()).unwrap();
        f.catch_up(r.world().steps(), r.now(), usize::MAX);
        prop_assert_eq!(digest(&r, lesson), digest(&f, lesson), "new future");
        // Undo of the last fork (the action's, if it forked; else continuing's) and the
        // recorded future is back.
        while r.can_undo_fork() {
            prop_assert!(r.undo_fork());
        }
        prop_assert_eq!(r.log(), &before_log[..]);
        prop_assert_eq!(digest(&r, lesson), here, "undone");
        r.seek_time(end_time);
        prop_assert_eq!(digest(&r, lesson), end, "old end");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// As the page holds a run: its trace bounded, so a seek lands before the kept trace or
    /// past what was recorded again after an earlier seek back (a house of a few devices
    /// for two minutes keeps dozens of checkpoints).
    #[test]
    fn seeking_a_run_whose_trace_is_bounded_equals_a_fresh_run(
        devices in 3..10usize,
        seed in 0..10_000u64,
        limit in 16..400usize,
        stops in proptest::collection::vec(any::<u64>(), 1..10),
    ) {
        use mqtt_playground::core::sim::lessons::house_of;
        let s = house_of(devices, seed);
        let mut r = Run::new(&s).unwrap();
        r.set_trace_limit(limit);
        r.run_until(Time::from_secs(120), usize::MAX);
        let total = r.trace_total();
        prop_assume!(total > 0);
        for stop in stops {
            let i = stop % total;
            r.seek_event(i);
            let f = fresh_at_event(&s, &r, i);
            prop_assert_eq!(r.trace_total(), f.trace_total(), "event {}", i);
            prop_assert_eq!(format!("{:?}", r.world()), format!("{:?}", f.world()));
            // What is kept is the end of the fresh run's trace.
            prop_assert!(f.trace().ends_with(r.trace()));
        }
    }
}

#[test]
#[cfg(feature = "checkpoints")]
fn a_long_run_keeps_a_bounded_number_of_checkpoints() {
    use mqtt_playground::core::sim::lessons::house_of;
    use mqtt_playground::core::sim::travel::MAX_CHECKPOINTS;
    let mut r = Run::new(&house_of(30, 2)).unwrap();
    r.run_until(Time::from_secs(600), usize::MAX);
    let c = r.checkpoints();
    assert!(
        c.len() <= MAX_CHECKPOINTS && c.len() > MAX_CHECKPOINTS / 3,
        "{}",
        c.len()
    );
    // Seeking into the middle of it is exact.
    let i = r.trace_total() / 2;
    r.seek_event(i);
    let mut f = Run::new(&house_of(30, 2)).unwrap();
    while f.trace_total() <= i {
        f.step();
    }
    assert_eq!(format!("{:?}", r.world()), format!("{:?}", f.world()));
    assert_eq!(r.trace(), f.trace());
}
