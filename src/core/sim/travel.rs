//! Time travel's memory: copies of the world taken as a run goes, so any past point is one copy
//! plus a short deterministic replay away.
//!
//! A checkpoint is the whole world (broker, devices, event queue, random streams) at a step
//! boundary, with how many recorded actions it had seen and how long the trace was. Copies are
//! taken every `every` world steps; when there are more than [`MAX_CHECKPOINTS`], every other
//! one is dropped and the spacing doubles, so memory stays bounded however long a run grows,
//! and a short run keeps them close together.

use crate::core::sim::world::World;
use crate::core::time::Time;

/// Checkpoints kept at most (thinned beyond): a world of the 100-device house is about
/// 0.8 MB, so its checkpoints stay under 64 MB however long it runs (`benches/seek.rs`).
pub const MAX_CHECKPOINTS: usize = 80;
/// World steps between checkpoints at the start of a run.
pub const FIRST_SPACING: u64 = 512;

/// The world at one past point.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    /// The world then.
    pub world: World,
    /// Recorded actions it had seen.
    pub next: usize,
    /// Trace events recorded until then.
    pub trace_total: u64,
}

impl Checkpoint {
    /// World steps processed at this point.
    pub fn steps(&self) -> u64 {
        self.world.steps()
    }

    /// The virtual time at this point.
    pub fn at(&self) -> Time {
        self.world.now()
    }
}

/// The checkpoints of a run, oldest first.
#[derive(Clone, Debug)]
pub struct Checkpoints {
    points: Vec<Checkpoint>,
    every: u64,
}

impl Default for Checkpoints {
    fn default() -> Self {
        Checkpoints {
            points: Vec::new(),
            every: FIRST_SPACING,
        }
    }
}

impl Checkpoints {
    /// World steps until the next checkpoint is due, from `steps`.
    pub fn due_in(&self, steps: u64) -> u64 {
        let last = self.points.last().map_or(0, Checkpoint::steps);
        (last + self.every).saturating_sub(steps).max(1)
    }

    /// Takes a checkpoint if one is due (or none exists yet).
    pub fn offer(&mut self, world: &World, next: usize, trace_total: u64) {
        let due = match self.points.last() {
            None => true,
            Some(last) => world.steps() >= last.steps() + self.every,
        };
        if !due {
            return;
        }
        self.points.push(Checkpoint {
            world: world.clone(),
            next,
            trace_total,
        });
        if self.points.len() > MAX_CHECKPOINTS {
            // Keep the first, drop every other one after it; the spacing doubles.
            let mut i = 0;
            self.points.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.every = self.every.saturating_mul(2);
        }
    }

    /// The latest checkpoint at or before `steps` events, whose trace is no longer than
    /// `trace_total` (a seek target is both).
    pub fn before(&self, steps: u64, trace_total: u64) -> Option<&Checkpoint> {
        self.points
            .iter()
            .rev()
            .find(|c| c.steps() <= steps && c.trace_total <= trace_total)
    }

    /// The latest checkpoint at or before a virtual time.
    pub fn before_time(&self, at: Time) -> Option<&Checkpoint> {
        self.points.iter().rev().find(|c| c.at() <= at)
    }

    /// Forgets the checkpoints from `steps` on (a new future starts there), or those that had
    /// seen more than `next` recorded actions.
    pub fn forget_from(&mut self, steps: u64, next: usize) {
        self.points.retain(|c| c.steps() < steps && c.next <= next);
    }

    /// How many are kept.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// World steps between checkpoints now.
    pub fn spacing(&self) -> u64 {
        self.every
    }
}
