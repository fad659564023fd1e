//! The seek benchmark in wasm, in headless Chromium, with its own counting allocator (so the
//! codec benchmark's figures do not pay for it). Not part of the test command (ignored); run
//! it with `scripts/bench.sh`, which prints the figure.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../benches/seek_cases.rs"]
mod seek_cases;

/// The wasm allocator, counting the bytes in use (what the checkpoints hold).
struct Counting;

static IN_USE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        IN_USE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[wasm_bindgen_test]
#[ignore = "benchmark: run with scripts/bench.sh"]
async fn seek_benchmark() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let now = move || performance.now();
    // As the page holds a run: its trace bounded (the checkpoints hold the rest). The page
    // yields between slices, so the test driver hears from it.
    console_log!("time travel, wasm32 in headless Chromium, the trace bounded as in the page");
    let mut bench = seek_cases::Seek::new(3600, Some(mqtt_playground::page::sim::TRACE_CAP))
        .expect("the house validates");
    while bench.build(60, &now) {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    while bench.seek(20, &now) {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    for line in bench.report("chromium", &|| {
        IN_USE.load(std::sync::atomic::Ordering::Relaxed)
    }) {
        console_log!("{line}");
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
    console_log!("{}", seek_cases::lessons_worst(100, &now));
}
