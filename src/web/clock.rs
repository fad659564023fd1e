//! The animation loop: each frame advances the simulation by the wall time passed (scaled by
//! the player's speed, bounded per frame) and tells the views of the parts that changed: the
//! clock and the stage every frame, the others at most every [`SLOW_MS`].

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::bridge::Real;
use super::state::{Ctx, Parts};

/// Milliseconds between refreshes of the slower parts (tables, log, goals).
const SLOW_MS: f64 = 250.0;

/// The frame callback, shared with itself so it can ask for the next frame.
type FrameSlot = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Starts the loop; it stops by itself when the app is gone. With `real`, the publishes of
/// bridged devices go to the real broker each frame.
pub fn start(ctx: Ctx, real: Option<Real>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let perf = window.performance();
    let slot: FrameSlot = Rc::new(RefCell::new(None));
    let again = slot.clone();
    let mut last_slow = 0.0;
    let mut pending = Parts::default();
    *slot.borrow_mut() = Some(Closure::new(move || {
        let now = perf.as_ref().map_or(0.0, |p| p.now());
        let bridging = real.is_some_and(|r| r.bridging());
        let Some((changed, sent)) = ctx.sim.try_update_value(|s| {
            s.collect_sent = bridging;
            s.frame(now);
            (s.take_changed(), std::mem::take(&mut s.outbox))
        }) else {
            again.borrow_mut().take();
            return;
        };
        if let (Some(r), false) = (real, sent.is_empty()) {
            r.forward(sent);
        }
        pending.extend(changed);
        ctx.parts.bump(pending.take_fast());
        if !pending.is_empty() && now - last_slow >= SLOW_MS {
            last_slow = now;
            ctx.parts.bump(std::mem::take(&mut pending));
        }
        if let (Some(w), Some(cb)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(cb.as_ref().unchecked_ref());
        }
    }));
    let first = slot.borrow();
    if let Some(cb) = first.as_ref() {
        let _ = window.request_animation_frame(cb.as_ref().unchecked_ref());
    }
}
