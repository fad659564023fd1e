//! The simulation world: a broker, virtual devices and their links on one virtual clock.
//!
//! - [`queue`]: the event queue ordered by (time, sequence).
//! - [`scenario`]: the versioned JSON scenario format and its validation.
//! - [`action`]: what a student or a script does to a running world.
//! - [`device`]: a device's run-time state; [`world`]: the event loop and network model.
//! - [`run`]: a world with its recorded actions (replay, jump back) and the player (speed).
//! - [`share`]: what a share link carries to rebuild a run exactly.
//! - [`travel`]: checkpoints of the world, so a run seeks back to any point exactly.
//! - [`lessons`]: the course's lessons with their automatic checks.

pub mod action;
pub mod device;
pub mod exact;
pub mod lessons;
pub mod queue;
pub mod ranges;
pub mod run;
pub mod scenario;
pub mod share;
pub mod travel;
pub mod world;

pub use action::{Action, Scheduled};
pub use run::{Player, Recorded, Run};
pub use scenario::{DeviceConfig, DeviceKind, LinkConfig, Protocol, Scenario, ScenarioError};
pub use share::Share;
pub use world::{DeviceId, World};
