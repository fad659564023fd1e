//! The connection policy above a client session, written once for every client: the virtual
//! devices, the real client and the class. It keeps whether the client should be connected,
//! when to try again after a loss (exponential back-off with a drawn jitter), how long to wait
//! for a CONNACK, and the subscriptions wanted: all made again after a reconnect without a
//! session, only the unconfirmed ones with it, and filters dropped while offline unsubscribed
//! on the next connection of a persistent session.
//!
//! Sans-IO, like [`crate::core::client::ClientSession`]: `handle_*` with the time in,
//! [`Supervisor::poll_timeout`] and [`Supervisor::handle_timeout`] out. The caller owns the
//! socket, the clock and the random draws (a seeded [`crate::core::rng::Rng`]), so a
//! simulated world stays reproducible.

use litemap::LiteMap;

use crate::core::codec::SubscriptionOptions;
use crate::core::time::Time;

/// How a client tries again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The first wait after a loss (ms); it doubles with each failed attempt in a row.
    pub base_ms: u64,
    /// Doublings at most.
    pub doublings: u32,
    /// The longest wait, before the jitter (ms).
    pub max_ms: u64,
    /// How long to wait for a CONNACK once the transport is open (ms); `None`: forever.
    pub connack_ms: Option<u64>,
    /// Whether to try again after the broker refused the connection (a person at a real
    /// broker reads the doctor first; a device in the house keeps trying).
    pub retry_refused: bool,
    /// Whether to try again when the client never connected since it was asked to.
    pub retry_unproven: bool,
}

impl Policy {
    /// A virtual device's: from its reconnect interval, up to a minute; the simulated broker
    /// always answers, so no CONNACK deadline.
    pub fn device(reconnect_ms: u64) -> Policy {
        Policy {
            base_ms: reconnect_ms,
            doublings: 5,
            max_ms: 60_000,
            connack_ms: None,
            retry_refused: true,
            retry_unproven: true,
        }
    }

    /// A browser's client on a real broker: 1 s doubling up to 30 s, a CONNACK within 10 s,
    /// and no retry before it worked once or after a refusal (the doctor says why).
    pub const BROWSER: Policy = Policy {
        base_ms: 1_000,
        doublings: 5,
        max_ms: 30_000,
        connack_ms: Some(10_000),
        retry_refused: false,
        retry_unproven: false,
    };
}

/// A subscription the client wants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Want {
    /// Its options (QoS, and 5.0's flags).
    pub options: SubscriptionOptions,
    /// Whether the broker confirmed it on this session.
    pub synced: bool,
}

/// What to send once connected: filters to unsubscribe, then to subscribe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resync {
    /// Dropped while offline, still held by the broker's session.
    pub unsubscribe: Vec<String>,
    /// Wanted and not confirmed on this session.
    pub subscribe: Vec<(String, SubscriptionOptions)>,
}

/// A deadline that passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Time to try connecting again.
    Reconnect,
    /// No CONNACK came in time: the attempt failed (close it).
    NoConnack,
}

/// One client's connection policy and wanted subscriptions.
#[derive(Clone, Debug)]
pub struct Supervisor {
    policy: Policy,
    online: bool,
    failures: u32,
    proven: bool,
    refused: bool,
    retry_at: Option<Time>,
    connack_by: Option<Time>,
    wanted: LiteMap<String, Want>,
    unwanted: LiteMap<String, ()>,
    requests: LiteMap<u16, Vec<String>>,
    identifiers: LiteMap<String, u32>,
}

impl Supervisor {
    /// A client asked to be online or not.
    pub fn new(policy: Policy, online: bool) -> Supervisor {
        Supervisor {
            policy,
            online,
            failures: 0,
            proven: false,
            refused: false,
            retry_at: None,
            connack_by: None,
            wanted: LiteMap::new(),
            unwanted: LiteMap::new(),
            requests: LiteMap::new(),
            identifiers: LiteMap::new(),
        }
    }

    /// Its policy.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Changes its policy (the next wait follows it).
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    /// Whether the client should be connected.
    pub fn wants_online(&self) -> bool {
        self.online
    }

    /// Failed attempts in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The client is asked to connect: a fresh start (no failures, nothing proven yet).
    pub fn go_online(&mut self) {
        self.online = true;
        self.failures = 0;
        self.proven = false;
        self.refused = false;
        self.retry_at = None;
    }

    /// The client is asked to stay offline: no more attempts, no deadline.
    pub fn go_offline(&mut self) {
        self.online = false;
        self.retry_at = None;
        self.connack_by = None;
    }

    /// The transport is open and CONNECT is on its way: the CONNACK deadline starts.
    pub fn handle_opened(&mut self, now: Time) {
        self.connack_by = self.policy.connack_ms.map(|ms| now + ms);
        self.requests.clear();
    }

    /// CONNACK accepted: the failures are forgotten; what to (un)subscribe on this session.
    pub fn handle_connected(&mut self, session_present: bool) -> Resync {
        self.failures = 0;
        self.proven = true;
        self.refused = false;
        self.connack_by = None;
        if !session_present {
            self.wanted.iter_mut().for_each(|(_, w)| w.synced = false);
            self.unwanted.clear();
        }
        Resync {
            unsubscribe: (std::mem::take(&mut self.unwanted)
                .into_tuple_vec()
                .into_iter())
            .map(|(f, ())| f)
            .collect(),
            subscribe: (self.wanted.iter())
                .filter(|(_, w)| !w.synced)
                .map(|(f, w)| (f.clone(), w.options))
                .collect(),
        }
    }

    /// The broker refused the connection (a failed attempt).
    pub fn handle_refused(&mut self) {
        self.failures += 1;
        self.refused = true;
        self.connack_by = None;
    }

    /// An attempt ended without a CONNACK (no answer, or closed before it): a failure.
    pub fn handle_unanswered(&mut self) {
        self.failures += 1;
        self.connack_by = None;
    }

    /// The connection is gone (or never opened): when to try again, if the policy says to.
    /// `draw(n)` is a random number below `n` (the jitter).
    pub fn handle_lost(&mut self, now: Time, draw: impl FnOnce(u64) -> u64) -> Option<Time> {
        self.connack_by = None;
        self.requests.clear();
        let retry = self.online
            && (self.proven || self.policy.retry_unproven)
            && (!self.refused || self.policy.retry_refused);
        if !retry {
            self.retry_at = None;
            return None;
        }
        let wait = self
            .policy
            .base_ms
            .saturating_mul(1u64 << self.failures.min(self.policy.doublings))
            .min(self.policy.max_ms);
        let at = now + wait + draw(wait / 4 + 1);
        self.retry_at = Some(at);
        Some(at)
    }

    /// A planned attempt is off (a cable pulled: nothing to try until it is back).
    pub fn cancel_retry(&mut self) {
        self.retry_at = None;
    }

    /// The next deadline: an attempt to make, or a CONNACK to have received.
    pub fn poll_timeout(&self) -> Option<Time> {
        match (self.retry_at, self.connack_by) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Time passed: what is due now, if anything.
    pub fn handle_timeout(&mut self, now: Time) -> Option<Due> {
        if self.connack_by.is_some_and(|t| t <= now) {
            self.handle_unanswered();
            return Some(Due::NoConnack);
        }
        if self.retry_at.is_some_and(|t| t <= now) {
            self.retry_at = None;
            return Some(Due::Reconnect);
        }
        None
    }

    /// The subscriptions wanted, by filter.
    pub fn wanted(&self) -> &LiteMap<String, Want> {
        &self.wanted
    }

    /// Wants a filter (replacing its options): subscribe now if connected.
    pub fn want(&mut self, filter: String, options: SubscriptionOptions) {
        self.unwanted.remove(&filter);
        let synced = false;
        self.wanted.insert(filter, Want { options, synced });
    }

    /// No longer wants a filter: `true` if it was wanted. Offline, a persistent session's
    /// broker still holds it, so it is unsubscribed on the next connection.
    pub fn unwant(&mut self, filter: &str, online: bool, persistent: bool) -> bool {
        if self.wanted.remove(filter).is_none() {
            return false;
        }
        if !online && persistent {
            self.unwanted.insert(filter.to_string(), ());
        }
        true
    }

    /// A SUBSCRIBE went out with these filters.
    pub fn handle_subscribing(&mut self, packet_id: u16, filters: Vec<String>) {
        self.requests.insert(packet_id, filters);
    }

    /// Its SUBACK came: each filter is confirmed by a success code. Returns the filters the
    /// broker refused.
    pub fn handle_suback(
        &mut self,
        packet_id: u16,
        granted: impl IntoIterator<Item = bool>,
    ) -> Vec<String> {
        let mut refused = Vec::new();
        let filters = self.requests.remove(&packet_id).unwrap_or_default();
        for (f, ok) in filters.into_iter().zip(granted) {
            if let Some(w) = self.wanted.get_mut(&f) {
                w.synced = ok;
            }
            if !ok {
                refused.push(f);
            }
        }
        refused
    }

    /// The Subscription Identifier (5.0) of a filter: 1, 2, … in the order filters were first
    /// subscribed, the same for the page's life, so every message says which one matched.
    pub fn identifier(&mut self, filter: &str) -> u32 {
        let next = u32::try_from(self.identifiers.len() + 1).unwrap_or(u32::MAX);
        *self.identifiers.entry(filter.to_string()).or_insert(next)
    }

    /// The identifier a filter was given, if any.
    pub fn identifier_of(&self, filter: &str) -> Option<u32> {
        self.identifiers.get(filter).copied()
    }

    /// Whether a SUBSCRIBE still waits for its SUBACK.
    pub fn awaiting_suback(&self) -> bool {
        !self.requests.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::Rng;
    use crate::core::types::QoS;

    fn t(ms: u64) -> Time {
        Time::from_millis(ms)
    }

    #[test]
    fn a_device_backs_off_doubling_with_jitter_up_to_a_minute() {
        let mut s = Supervisor::new(Policy::device(1_000), true);
        let mut rng = Rng::derive(7, "link/test");
        let mut waits = Vec::new();
        for _ in 0..8 {
            let at = s.handle_lost(t(0), |n| rng.below(n)).expect("it retries");
            waits.push(at.millis());
            assert_eq!(s.poll_timeout(), Some(at));
            assert_eq!(s.handle_timeout(at), Some(Due::Reconnect));
            s.handle_refused();
        }
        for (i, w) in waits.iter().enumerate() {
            let base = (1_000u64 << i.min(5)).min(60_000);
            assert!((base..=base + base / 4).contains(w), "attempt {i}: {w} ms");
        }
        // Connected again: the failures are forgotten.
        s.handle_connected(false);
        let at = s.handle_lost(t(0), |_| 0).unwrap();
        assert_eq!(at, t(1_000));
    }

    #[test]
    fn the_same_draws_give_the_same_waits() {
        let waits = |seed| {
            let mut s = Supervisor::new(Policy::device(500), true);
            let mut rng = Rng::derive(seed, "link/a");
            (0..5)
                .map(|_| {
                    s.handle_refused();
                    s.handle_lost(t(0), |n| rng.below(n)).unwrap()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(waits(1), waits(1));
        assert_ne!(waits(1), waits(2));
    }

    #[test]
    fn the_browser_waits_ten_seconds_for_a_connack_and_retries_only_what_worked() {
        let mut s = Supervisor::new(Policy::BROWSER, false);
        s.go_online();
        s.handle_opened(t(5_000));
        assert_eq!(s.poll_timeout(), Some(t(15_000)));
        assert_eq!(s.handle_timeout(t(14_999)), None);
        assert_eq!(s.handle_timeout(t(15_000)), Some(Due::NoConnack));
        assert_eq!(s.failures(), 1);
        // Never connected: the doctor speaks, no retry.
        assert_eq!(s.handle_lost(t(15_000), |_| 0), None);
        s.go_online();
        s.handle_opened(t(20_000));
        s.handle_connected(false);
        assert_eq!(s.poll_timeout(), None, "no deadline once connected");
        // A connection that worked is tried again, 1 s then doubling, up to 30 s.
        assert_eq!(s.handle_lost(t(30_000), |_| 0), Some(t(31_000)));
        for _ in 0..10 {
            s.handle_unanswered();
        }
        assert_eq!(s.handle_lost(t(0), |_| 0), Some(t(30_000)));
        // Refused (a wrong password): no hammering.
        s.handle_refused();
        assert_eq!(s.handle_lost(t(0), |_| 0), None);
        // Offline: nothing due.
        s.go_offline();
        assert_eq!(s.poll_timeout(), None);
    }

    #[test]
    fn subscriptions_are_made_again_as_the_session_needs() {
        let q1 = SubscriptionOptions::qos(QoS::AtLeastOnce);
        let mut s = Supervisor::new(Policy::device(1_000), true);
        s.want("a/#".into(), q1);
        s.want("b/+".into(), q1);
        let first = s.handle_connected(false);
        assert_eq!(first.subscribe.len(), 2);
        s.handle_subscribing(1, vec!["a/#".into(), "b/+".into()]);
        assert!(s.awaiting_suback());
        assert_eq!(s.handle_suback(1, [true, false]), ["b/+"]);
        assert_eq!(
            (
                s.identifier("b/+"),
                s.identifier("a/#"),
                s.identifier("b/+")
            ),
            (1, 2, 1)
        );
        assert_eq!(s.identifier_of("a/#"), Some(2));
        assert!(!s.awaiting_suback());
        // The broker kept the session: only the refused one again.
        let again = s.handle_connected(true);
        assert_eq!(again.subscribe, vec![("b/+".to_string(), q1)]);
        // Dropped while offline on a persistent session: unsubscribed on the next connection.
        assert!(s.unwant("a/#", false, true));
        assert!(!s.unwant("a/#", false, true), "already gone");
        let next = s.handle_connected(true);
        assert_eq!(next.unsubscribe, vec!["a/#".to_string()]);
        // A new session has nothing: every wanted filter, and nothing to unsubscribe.
        s.unwant("b/+", false, true);
        s.want("c".into(), q1);
        let fresh = s.handle_connected(false);
        assert!(fresh.unsubscribe.is_empty());
        assert_eq!(fresh.subscribe, vec![("c".to_string(), q1)]);
    }
}
