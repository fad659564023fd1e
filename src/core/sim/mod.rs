//! The simulation world: a broker, virtual devices and their links on one virtual clock.
//!
//! What a world is made from (the scenario, its actions) is [`crate::core::scenario`].
//!
//! - [`queue`]: the event queue ordered by (time, sequence).
//! - [`device`]: a device's run-time state; [`world`]: the event loop and network model.
//! - [`run`]: a world with its recorded actions (replay, jump back) and the player (speed).
//! - [`share`]: what a share link carries to rebuild a run exactly.
//! - [`travel`]: checkpoints of the world, so a run seeks back to any point exactly.
//! - [`lessons`]: the course's lessons with their automatic checks.

pub mod device;
pub mod lessons;
pub mod picture;
pub mod predict;
pub mod queue;
pub mod run;
pub mod share;
pub mod travel;
pub mod world;

pub use crate::core::scenario::action::{Action, Scheduled};
pub use crate::core::scenario::{
    DeviceConfig, DeviceKind, LinkConfig, Protocol, Scenario, ScenarioError,
};
pub use run::{Player, Recorded, Run};
pub use share::Share;
pub use world::{DeviceId, World};
