//! The page's logic, in plain Rust with no browser in it (tested natively, `tests/page.rs`):
//! the run as the page drives it and the projections of its trace that the views read.
//!
//! - [`sim`]: [`Sim`], a run with its pacing (play, speed, the teaching speed that waits for
//!   each packet to be drawn), its projections and the lesson's goals; it says which
//!   [`Part`]s changed, so the shell re-renders only the views that read them.
//! - [`lesson`]: the lesson's file and the student's way through its steps (read on,
//!   predict, choose), judged on the run.
//! - `travel`: the scrubber's moves, *continue from here* (a fork) and its undo.
//! - [`stage`]: what the stage draws (packets on links, what the broker just did); [`layout`]:
//!   where (publishers above the broker, subscribers below); [`announce`]: what it says to a
//!   screen reader as devices change.
//! - [`stored`]: what the page reads back from `localStorage` at start.
//!
//! The wasm shell (`web`) keeps one signal per [`Part`] and turns wall time, clicks and keys
//! into calls here.

pub mod announce;
pub mod layout;
pub mod lesson;
pub mod parts;
pub mod sim;
pub mod stage;
pub mod stored;
mod travel;

pub use lesson::{judge_now, Goals, Judge, Judged, Place, Shown, Wanted};
pub use parts::{Part, Parts};
pub use sim::{Pace, Seen, Sent, Sim};
