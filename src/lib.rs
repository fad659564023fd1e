//! MQTT Playground: learn MQTT by watching it work.
//!
//! The crate has two halves, and the line between them is the architecture:
//!
//! - [`core`] is pure Rust: the MQTT codec, topics, the simulated broker and the world it runs in.
//!   Bytes and virtual time go in; bytes, timers and trace events come out. It never touches the
//!   browser, the wall clock or unseeded randomness, so it compiles and tests natively.
//! - `web` (wasm32 only) is the thin Leptos shell: it turns DOM, timer and WebSocket events into
//!   calls on the core and renders the core's trace.

pub mod core;
pub mod i18n;
pub mod page;

#[cfg(target_arch = "wasm32")]
pub mod web;
