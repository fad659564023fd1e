//! The codec benchmark in wasm, in headless Chromium. Not part of the test command (ignored);
//! run it with `scripts/bench.sh`, which prints the figures.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/codec_cases.rs"]
mod codec_cases;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench.sh"]
fn codec_benchmark() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let now = move || performance.now();
    let mut out = |line: String| console_log!("{line}");
    // The page cannot answer the test runner while this runs: kept well under its 20 s
    // timeout (each figure takes twice its budget, ours and the reference's).
    console_log!("wasm32 in headless Chromium, 700 ms per side and figure");
    codec_cases::Bench {
        now: &now,
        budget_ms: 700.0,
        out: &mut out,
        only: None,
    }
    .run();
}

#[path = "../benches/broker_cases.rs"]
mod broker_cases;

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench.sh"]
fn broker_benchmark() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let now = move || performance.now();
    console_log!("broker routing, wasm32 in headless Chromium, 2000 ms per figure");
    broker_cases::run(&now, 2000.0, &mut |line| console_log!("{line}"));
}
