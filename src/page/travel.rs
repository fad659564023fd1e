//! Time travel in the page: the scrubber's moves (to any event, one event or one packet
//! exchange back and forth, to the start or the end), *continue from here* (a fork) and its
//! undo. The run moves exactly (the core's checkpoints and replay); every projection the views
//! read is then taken again from the trace at that point, as if the run had stopped there.

use super::parts::Part;
use super::sim::Sim;
use crate::core::codec::PacketType;
use crate::core::trace::{TraceEvent, TraceKind};

/// Whether an event puts on a link the packet that opens an exchange (a request, or a
/// PUBLISH in either direction): what Shift+arrow steps to.
fn opens_exchange(e: &TraceEvent) -> bool {
    matches!(
        e.kind,
        TraceKind::Transmitted {
            packet: Some(
                PacketType::Connect
                    | PacketType::Publish
                    | PacketType::Subscribe
                    | PacketType::Unsubscribe
                    | PacketType::PingReq
                    | PacketType::Disconnect
                    | PacketType::Auth
            ),
            ..
        }
    )
}

impl Sim {
    /// Trace events of the run so far: the scrubber's end (past the current point after a
    /// seek back).
    pub fn end(&self) -> u64 {
        self.scrub.end.max(self.run.trace_total())
    }

    /// Whether the run stands in its past (the scrubber moved back).
    pub fn in_past(&self) -> bool {
        self.run.trace_total() < self.end()
    }

    /// Moves the run to where `events` trace events had been recorded (0: the start; a point
    /// inside one step of the world goes to that step's end). The run pauses there; at the
    /// end it plays again as it did before the scrubber moved.
    pub fn seek(&mut self, events: u64) {
        if self.catching_up().is_some() {
            return;
        }
        let end = self.end();
        let to = events.min(end);
        self.hold();
        match to {
            0 => self.run.seek_start(),
            i => self.run.seek_event(i - 1),
        }
        self.scrub.end = end;
        if self.run.trace_total() >= end {
            self.pace.player.playing = self.scrub.resume.take().unwrap_or(true);
        }
        self.reproject();
    }

    /// One point back (the step before the last one that recorded events).
    pub fn step_back(&mut self) {
        let end = self.end();
        if self.catching_up().is_some() || self.run.trace_total() == 0 {
            return;
        }
        self.hold();
        self.run.step_back();
        self.scrub.end = end;
        self.reproject();
    }

    /// One point forward; at the end, the live run resumes.
    pub fn step_on(&mut self) {
        self.seek(self.run.trace_total() + 1);
    }

    /// To the previous (or next) packet that opens an exchange on a link, among the events
    /// kept; one event when there is none.
    pub fn exchange(&mut self, forward: bool) {
        let here = self.run.trace_total();
        let from = self.run.kept_from();
        let recorded = self.run.recorded();
        let index = |k: usize| from + k as u64;
        let found = if forward {
            // The point after it: past the current one.
            recorded
                .iter()
                .enumerate()
                .skip(here.saturating_sub(from) as usize)
                .find(|(_, e)| opens_exchange(e))
                .map(|(k, _)| index(k) + 1)
        } else {
            // Before the current point's own step: one whose point is earlier than here.
            let before = here.saturating_sub(from).saturating_sub(1) as usize;
            recorded[..before.min(recorded.len())]
                .iter()
                .rposition(opens_exchange)
                .map(|k| index(k) + 1)
        };
        match found {
            Some(to) if forward => self.seek(to),
            Some(to) => {
                self.seek(to);
                // Its step made more events than the exchange's first: still back far enough.
                if self.run.trace_total() >= here {
                    self.step_back();
                }
            }
            None if forward => self.step_on(),
            None => self.step_back(),
        }
    }

    /// *Continue from here*: the recorded future is dropped (one undo brings it back) and the
    /// run plays on from this point, a new future.
    pub fn continue_here(&mut self) {
        if !self.in_past() {
            return;
        }
        self.scrub.undo_end = Some(self.end());
        self.run.fork_here();
        self.scrub.end = self.run.trace_total();
        self.scrub.resume = None;
        self.pace.player.playing = true;
        self.touch(Part::Clock);
        self.touch(Part::Log);
    }

    /// A new action made in the past dropped the recorded future: the scrubber ends here now.
    pub(super) fn forked(&mut self, end_before: u64) {
        self.scrub.undo_end = Some(end_before);
        self.scrub.end = self.run.trace_total();
        if let Some(playing) = self.scrub.resume.take() {
            self.pace.player.playing = playing;
        }
    }

    /// Whether a fork can be undone.
    pub fn can_undo_fork(&self) -> bool {
        self.run.can_undo_fork()
    }

    /// Brings back the future the last fork dropped; the run stands paused where the fork
    /// was made, with the old future ahead on the scrubber.
    pub fn undo_fork(&mut self) {
        if self.catching_up().is_some() || !self.run.undo_fork() {
            return;
        }
        self.scrub.end = self.scrub.undo_end.take().unwrap_or(0);
        self.hold();
        self.reproject();
    }

    /// Pauses the run for a look at its past, remembering whether it played (the end gives
    /// that back).
    fn hold(&mut self) {
        if self.scrub.resume.is_none() {
            self.scrub.resume = Some(self.pace.player.playing);
        }
        self.pace.player.playing = false;
    }
}
