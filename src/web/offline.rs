//! Offline use: the service worker (`sw.js`, registered by `glue.js` a few seconds after the
//! page loaded) and the page's side of it: a newer build announced, taken on a click, and
//! whether the browser is online (the real broker and the class need the network).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerWorker)]
    fn register_worker(on_update: &Closure<dyn Fn()>);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update_js();
}

/// Registers the service worker; `on_update` is called when a newer build is ready.
pub fn register(on_update: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(on_update);
    register_worker(&callback);
    // The page lives as long as the callback may be called.
    callback.forget();
}

/// Lets the newer build take over (the page then reloads).
pub fn apply_update() {
    apply_update_js();
}

/// Whether the browser says it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
