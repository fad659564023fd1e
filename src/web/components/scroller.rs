//! A list drawn only where it is seen (a long run stays smooth): fixed-height rows in a
//! scrolled viewport, following the newest rows until the reader scrolls up.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The scrolling state of one virtualized list.
#[derive(Clone, Copy)]
pub struct Scroller {
    /// Row height in pixels.
    pub row: f64,
    /// Rows seen at once.
    pub rows: usize,
    scroll: RwSignal<f64>,
    follow: RwSignal<bool>,
    /// The viewport element.
    pub viewport: NodeRef<leptos::html::Div>,
}

impl Scroller {
    /// A list of `rows` rows of `row` pixels seen at once; `len` tracks its length, so the
    /// viewport keeps to the newest rows while it follows them.
    pub fn new(row: f64, rows: usize, len: impl Fn() -> usize + 'static) -> Scroller {
        let s = Scroller {
            row,
            rows,
            scroll: RwSignal::new(f64::MAX),
            follow: RwSignal::new(true),
            viewport: NodeRef::new(),
        };
        Effect::new(move |_| {
            let _ = len();
            if s.follow.get_untracked() {
                // After the spacer has its new height; the list may be gone by then.
                request_animation_frame(move || {
                    if let Some(Some(el)) = s.viewport.try_get_untracked() {
                        el.set_scroll_top(i32::MAX);
                    }
                });
            }
        });
        s
    }

    /// The first row to draw of `total`.
    pub fn first(&self, total: usize) -> usize {
        if self.follow.get() {
            total.saturating_sub(self.rows)
        } else {
            ((self.scroll.get() / self.row) as usize).min(total.saturating_sub(self.rows))
        }
    }

    /// The viewport's scroll handler.
    pub fn on_scroll(&self, ev: leptos::ev::Event) {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let top = f64::from(el.scroll_top());
            let max = f64::from(el.scroll_height() - el.client_height());
            self.scroll.set(top);
            self.follow.set(top >= max - 2.0 * self.row);
        }
    }
}
