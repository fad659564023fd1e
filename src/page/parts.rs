//! The parts of the page's state a view may read, each followed on its own: a view that reads
//! the goals is not drawn again because a packet moved.

/// One part of [`crate::page::Sim`] as the views read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The run itself: its scenario, seed and lesson (changes when another run opens).
    Run,
    /// The virtual clock and the player (play, pause, speed).
    Clock,
    /// The packets on the stage (every frame while they move).
    Stage,
    /// The sequence diagram's arrows.
    Sequence,
    /// The log, the topics seen, the counters and the scrubber's range.
    Log,
    /// The world's state: devices, sessions, the broker's insides.
    World,
    /// The lesson's goals, the coach's advice and the story of a pass.
    Goals,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 7] = [
        Part::Run,
        Part::Clock,
        Part::Stage,
        Part::Sequence,
        Part::Log,
        Part::World,
        Part::Goals,
    ];

    /// Whether the shell shows its changes every frame (others at most a few times a second).
    pub fn is_fast(self) -> bool {
        matches!(self, Part::Clock | Part::Stage)
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of parts (what changed since the shell last looked).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts(u8);

impl Parts {
    /// Every part.
    pub fn all() -> Parts {
        Parts(Part::ALL.iter().fold(0, |b, p| b | p.bit()))
    }

    /// Adds a part.
    pub fn insert(&mut self, part: Part) {
        self.0 |= part.bit();
    }

    /// Adds every part of another set.
    pub fn extend(&mut self, other: Parts) {
        self.0 |= other.0;
    }

    /// Whether it holds a part.
    pub fn contains(self, part: Part) -> bool {
        self.0 & part.bit() != 0
    }

    /// Whether it is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Splits off the parts shown every frame, leaving the others.
    pub fn take_fast(&mut self) -> Parts {
        let fast = (self.iter().filter(|p| p.is_fast())).fold(Parts::default(), |mut f, p| {
            f.insert(p);
            f
        });
        self.0 &= !fast.0;
        fast
    }

    /// The parts it holds.
    pub fn iter(self) -> impl Iterator<Item = Part> {
        Part::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_splits_into_fast_and_slow_parts() {
        let mut p = Parts::default();
        assert!(p.is_empty());
        p.insert(Part::Stage);
        p.insert(Part::Goals);
        p.insert(Part::Clock);
        let fast = p.take_fast();
        assert_eq!(fast.iter().collect::<Vec<_>>(), [Part::Clock, Part::Stage]);
        assert_eq!(p.iter().collect::<Vec<_>>(), [Part::Goals]);
        assert!(Part::ALL.iter().all(|x| Parts::all().contains(*x)));
        assert_eq!(
            Part::ALL.iter().filter(|x| x.is_fast()).count(),
            Parts::all().take_fast().iter().count()
        );
    }
}
