//! The world's one event queue: events ordered by (virtual time, sequence), so two events at
//! the same time always come out in the order they were scheduled.

use std::collections::BTreeMap;

use crate::core::time::Time;

/// A scheduled event's position: time first, then scheduling order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    /// When it happens.
    pub at: Time,
    /// Scheduling order, unique within the queue.
    pub seq: u64,
}

/// A deterministic priority queue of events.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    events: BTreeMap<Slot, E>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            events: BTreeMap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Schedules an event; returns its slot (to cancel it later).
    pub fn schedule(&mut self, at: Time, event: E) -> Slot {
        let slot = Slot {
            at,
            seq: self.next_seq,
        };
        self.next_seq += 1;
        self.events.insert(slot, event);
        slot
    }

    /// Removes a scheduled event, if it is still waiting.
    pub fn cancel(&mut self, slot: Slot) -> Option<E> {
        self.events.remove(&slot)
    }

    /// When the next event happens.
    pub fn next_time(&self) -> Option<Time> {
        self.events.keys().next().map(|s| s.at)
    }

    /// Takes the next event if it happens at or before `until`.
    pub fn pop_until(&mut self, until: Time) -> Option<(Slot, E)> {
        if self.next_time()? > until {
            return None;
        }
        self.events.pop_first()
    }

    /// Takes the next event, whenever it happens (single step).
    pub fn pop(&mut self) -> Option<(Slot, E)> {
        self.events.pop_first()
    }

    /// Events waiting.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True if nothing is scheduled.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_then_scheduling_order() {
        let mut q = EventQueue::new();
        q.schedule(Time(20), "c");
        q.schedule(Time(10), "a");
        let cancelled = q.schedule(Time(10), "x");
        q.schedule(Time(10), "b");
        assert_eq!(q.cancel(cancelled), Some("x"));
        assert_eq!(q.next_time(), Some(Time(10)));
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(Time(15)).map(|(_, e)| e)).collect();
        assert_eq!(order, ["a", "b"]);
        assert_eq!(q.pop_until(Time(15)), None, "c is later");
        assert_eq!(q.pop().map(|(s, e)| (s.at, e)), Some((Time(20), "c")));
        assert!(q.is_empty());
    }
}
