//! The simulation world (work in progress): the pieces that make a run deterministic.

pub mod queue;
