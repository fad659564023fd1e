//! What the stage says to a screen reader as devices change ("luz-salon: encendida"): the
//! changes since it last spoke, at most once per [`GAP_MS`], none for a house that just
//! opened.

/// Wall milliseconds between two announcements at least.
pub const GAP_MS: f64 = 1000.0;

/// What to do now.
#[derive(Clone, Debug, PartialEq)]
pub enum Turn {
    /// Say these devices' (name, state).
    Say(Vec<(String, String)>),
    /// Something waits: ask again in this many milliseconds.
    Wait(f64),
    /// Nothing to say.
    Quiet,
}

/// The devices' states last seen and what changed since the last announcement.
#[derive(Clone, Debug, Default)]
pub struct Announcer {
    /// Each device's name and state, in the stage's order.
    known: Vec<(String, String)>,
    /// Devices changed since the last announcement, in the order they changed.
    changed: Vec<usize>,
    /// When it last spoke (wall milliseconds).
    said_at: Option<f64>,
}

impl Announcer {
    /// Takes each device's (name, state). Another house (other names) is taken as it is,
    /// unsaid.
    pub fn see(&mut self, states: Vec<(String, String)>) {
        let same = self.known.len() == states.len()
            && (self.known.iter().zip(&states)).all(|(a, b)| a.0 == b.0);
        if same {
            for (i, (old, new)) in self.known.iter().zip(&states).enumerate() {
                if old.1 != new.1 && !self.changed.contains(&i) {
                    self.changed.push(i);
                }
            }
        } else {
            self.changed.clear();
        }
        self.known = states;
    }

    /// What to say at wall time `now`.
    pub fn turn(&mut self, now: f64) -> Turn {
        if self.changed.is_empty() {
            return Turn::Quiet;
        }
        if let Some(at) = self.said_at.filter(|at| now - at < GAP_MS) {
            return Turn::Wait(at + GAP_MS - now);
        }
        let changed = (self.changed.drain(..))
            .filter_map(|i| self.known.get(i).cloned())
            .collect();
        self.said_at = Some(now);
        Turn::Say(changed)
    }
}
