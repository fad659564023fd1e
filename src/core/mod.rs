//! The pure core: no browser types, no wall clock, no unseeded randomness.
//!
//! `tests/architecture.rs` checks this rule on the source; clippy's `disallowed-methods`
//! and `disallowed-types` (see `clippy.toml`) check it on the code.

pub mod broker;
pub mod capture;
pub mod class;
pub mod client;
pub mod codec;
pub mod doctor;
pub mod journey;
pub mod json_read;
pub mod misconception;
pub mod numbers;
pub mod payload;
pub mod pcap;
pub mod plain;
pub mod refusals;
pub mod rng;
pub mod scenario;
pub mod scorm;
pub mod sequence;
pub mod sim;
pub mod supervisor;
pub mod time;
pub mod topic;
pub mod trace;
pub mod types;
