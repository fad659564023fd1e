//! The page's wall clock: a leaf every part of the shell may read (the core has none).

/// Milliseconds on the page's monotonic clock (`performance.now()`), 0 without a window.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
