//! Goals written as data: a small vocabulary of checks on the world and its trace, each naming
//! the devices, topics and payloads it is about, so an author (or the builder) writes a goal
//! without code. In JSON, `{"type": "receives", "device": "panel", "topic": "Casa/+/Temperatura"}`.
//! Every built-in lesson's goals are written in it (`lessons/*.json`).

use serde_json::Value;

use litemap::LiteMap;

use crate::core::codec::ReasonCode;
use crate::core::json_read::{tagged, At, FromJson, Obj, Read};
use crate::core::scenario::action::Action;
use crate::core::sim::world::World;
use crate::core::time::Time;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::{DeviceChange, DropReason, MsgId, Seen, TraceEvent, TraceKind};
use crate::core::types::QoS;

/// Milliseconds after a subscription changes before what arrives counts (messages already on
/// their way were routed by the old subscriptions).
const SETTLE_MS: u64 = 1_000;

/// One goal. In JSON, `{"type": "receives", …}`; `docs/lessons.md` lists every type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The device's application received at least `at_least` messages: on a topic `topic`
    /// matches (any, if none), with `payload`, retained or not, with QoS `qos` (each: any, if
    /// not given).
    Receives {
        /// The device.
        device: String,
        /// A filter the topic matches.
        topic: Option<TopicFilter>,
        /// The payload, exactly.
        payload: Option<String>,
        /// Whether it came as a retained message.
        retained: Option<bool>,
        /// The QoS it was delivered with.
        qos: Option<QoS>,
        /// How many, at least (1 if not given).
        at_least: usize,
    },
    /// Since its subscriptions last changed, the device received messages on exactly these
    /// topics, and on no other.
    ReceivesExactly {
        /// The device.
        device: String,
        /// The topics.
        topics: Vec<TopicName>,
    },
    /// The device holds `count` subscriptions (if given), one to `filter` (if given), none
    /// matching a topic of `not`.
    Subscriptions {
        /// The device.
        device: String,
        /// How many.
        count: Option<usize>,
        /// A filter it holds, exactly.
        filter: Option<TopicFilter>,
        /// Topics no filter of it may match.
        not: Vec<TopicName>,
    },
    /// The broker keeps a retained message on the topic (with `payload`, if given).
    Retained {
        /// The topic.
        topic: TopicName,
        /// The payload, exactly.
        payload: Option<String>,
    },
    /// The devices hold one and the same shared subscription (`$share/…`), and nothing else.
    Share {
        /// The devices.
        devices: Vec<String>,
    },
    /// The device's application sent at least `at_least` messages (on a topic `topic`
    /// matches, at QoS `qos`).
    Sent {
        /// The device.
        device: String,
        /// A filter the topic matches.
        topic: Option<TopicFilter>,
        /// The QoS.
        qos: Option<QoS>,
        /// How many, at least (1 if not given).
        at_least: usize,
    },
    /// At least `at_least` messages `from` sent at QoS `qos` (20 s ago or more: time to
    /// arrive, retries included), and `to` received each of them exactly once.
    EachOnce {
        /// The sender.
        from: String,
        /// The receiver.
        to: String,
        /// The QoS they were sent with.
        qos: QoS,
        /// How many, at least.
        at_least: usize,
    },
    /// The broker took in a message from the device (and routed it).
    Published {
        /// The device.
        device: String,
    },
    /// Messages the broker took in from `from` (on a topic `topic` matches) reached `to`: at
    /// least `at_least` of them, or, with `every`, every one older than a second and at
    /// least `at_least`.
    Routed {
        /// The publisher.
        from: String,
        /// The receiver.
        to: String,
        /// A filter the topic matches.
        topic: Option<TopicFilter>,
        /// Every message, not only some.
        every: bool,
        /// How many, at least (1 if not given).
        at_least: usize,
    },
    /// Since the devices' subscriptions settled, every message `from` (older than a second)
    /// reached exactly one of `devices`, each of them got some, and there were at least
    /// `at_least`.
    SplitAmong {
        /// The publisher.
        from: String,
        /// The devices sharing the work.
        devices: Vec<String>,
        /// How many messages, at least.
        at_least: usize,
    },
    /// The broker refused the device: its connection (credentials) or a publish (ACL); with
    /// `code`, a connection refused with that reason code (5.0's numbering: 0x87 not
    /// authorized, 0x86 bad user name or password).
    Refused {
        /// The device.
        device: String,
        /// The refusal's reason code.
        code: Option<u8>,
    },
    /// The broker accepted a connection from the device (a new or a resumed session).
    Connected {
        /// The device.
        device: String,
    },
    /// The device is connected now (on `port`, if given).
    Online {
        /// The device.
        device: String,
        /// The port (1883, 8883).
        port: Option<u16>,
    },
    /// An eavesdropper read the device's traffic in clear.
    Overheard {
        /// The device.
        device: String,
    },
    /// A message for the device waited in the broker's queue (it was offline with a kept
    /// session).
    Queued {
        /// The device.
        device: String,
    },
    /// After a message waited for it, the device came back to its session, received, and its
    /// queue is empty.
    QueueDelivered {
        /// The device.
        device: String,
    },
    /// A message waiting in the device's queue expired there (MQTT 5 message expiry).
    Expired {
        /// The device.
        device: String,
    },
    /// The device came back to a session the broker had kept.
    SessionResumed {
        /// The device.
        device: String,
    },
    /// The device's session ended by its expiry (it stayed away longer than its session
    /// expiry interval).
    SessionExpired {
        /// The device.
        device: String,
    },
    /// The broker published the device's last will.
    WillFired {
        /// The device.
        device: String,
    },
    /// The device's state (a light's, a sensor's last reading) is this.
    State {
        /// The device.
        device: String,
        /// Its state.
        state: String,
    },
    /// The device sent a request on `topic` (with correlation data) and received its answer
    /// (with `payload`, if given); with `overlapping`, a second request left before the
    /// first answer came, and both were answered.
    Answered {
        /// The device asking.
        device: String,
        /// Where the requests go.
        topic: TopicName,
        /// The answer's payload.
        payload: Option<String>,
        /// Two requests in flight at once.
        overlapping: bool,
    },
    /// The goal holds on what happened since the last time `since` happened (never, if it
    /// did not).
    After {
        /// The moment.
        since: Since,
        /// The goal.
        goal: Box<Goal>,
    },
    /// The goal holds on the last `seconds` of the run.
    Within {
        /// The window, in virtual seconds.
        seconds: u64,
        /// The goal.
        goal: Box<Goal>,
    },
    /// Every one of these holds.
    All(Vec<Goal>),
    /// At least one of these holds.
    Any(Vec<Goal>),
    /// This does not hold.
    Not(Box<Goal>),
}

impl Goal {
    /// The first action the goal counts from, and the device it acts on: what a step with
    /// this goal asks the student to do.
    pub fn asked(&self) -> Option<(&str, Option<&str>)> {
        match self {
            Goal::After {
                since: Since::Action { action, device },
                ..
            } => Some((action, device.as_deref())),
            Goal::After { goal, .. } | Goal::Within { goal, .. } | Goal::Not(goal) => goal.asked(),
            Goal::All(goals) | Goal::Any(goals) => goals.iter().find_map(Goal::asked),
            _ => None,
        }
    }
}

/// A moment an [`Goal::After`] counts from: the last time it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Since {
    /// A lesson step opened (0 is the first).
    Step(usize),
    /// An action of this type (`set_broker`, `subscribe`…) was applied (to `device`, if given).
    Action {
        /// Its type, as in JSON.
        action: String,
        /// The device it acts on.
        device: Option<String>,
    },
    /// The device started connecting (to `port`, if given).
    Connecting {
        /// The device.
        device: String,
        /// The port.
        port: Option<u16>,
    },
    /// The broker closed the device's connection (any way).
    Closed {
        /// The device.
        device: String,
    },
}

impl FromJson for Goal {
    fn read(v: &Value, at: At) -> Read<Goal> {
        Ok(tagged!(o = v, at;
            "receives" => Goal::Receives {
                device: o.req("device")?,
                topic: o.opt("topic")?,
                payload: o.opt("payload")?,
                retained: o.opt("retained")?,
                qos: o.opt("qos")?,
                at_least: o.or("at_least", 1)?,
            },
            "receives_exactly" => Goal::ReceivesExactly {
                device: o.req("device")?,
                topics: o.req("topics")?,
            },
            "subscriptions" => Goal::Subscriptions {
                device: o.req("device")?,
                count: o.opt("count")?,
                filter: o.opt("filter")?,
                not: o.or("not", Vec::new())?,
            },
            "retained" => Goal::Retained {
                topic: o.req("topic")?,
                payload: o.opt("payload")?,
            },
            "share" => Goal::Share { devices: o.req("devices")? },
            "sent" => Goal::Sent {
                device: o.req("device")?,
                topic: o.opt("topic")?,
                qos: o.opt("qos")?,
                at_least: o.or("at_least", 1)?,
            },
            "each_once" => Goal::EachOnce {
                from: o.req("from")?,
                to: o.req("to")?,
                qos: o.req("qos")?,
                at_least: o.or("at_least", 1)?,
            },
            "published" => Goal::Published { device: o.req("device")? },
            "routed" => Goal::Routed {
                from: o.req("from")?,
                to: o.req("to")?,
                topic: o.opt("topic")?,
                every: o.or("every", false)?,
                at_least: o.or("at_least", 1)?,
            },
            "split_among" => Goal::SplitAmong {
                from: o.req("from")?,
                devices: o.req("devices")?,
                at_least: o.or("at_least", 1)?,
            },
            "refused" => Goal::Refused { device: o.req("device")?, code: o.opt("code")? },
            "connected" => Goal::Connected { device: o.req("device")? },
            "online" => Goal::Online { device: o.req("device")?, port: o.opt("port")? },
            "overheard" => Goal::Overheard { device: o.req("device")? },
            "queued" => Goal::Queued { device: o.req("device")? },
            "queue_delivered" => Goal::QueueDelivered { device: o.req("device")? },
            "expired" => Goal::Expired { device: o.req("device")? },
            "session_resumed" => Goal::SessionResumed { device: o.req("device")? },
            "session_expired" => Goal::SessionExpired { device: o.req("device")? },
            "will_fired" => Goal::WillFired { device: o.req("device")? },
            "state" => Goal::State {
                device: o.req("device")?,
                state: o.req("state")?,
            },
            "answered" => Goal::Answered {
                device: o.req("device")?,
                topic: o.req("topic")?,
                payload: o.opt("payload")?,
                overlapping: o.or("overlapping", false)?,
            },
            "after" => Goal::After {
                since: since(&o)?,
                goal: Box::new(o.req("goal")?),
            },
            "within" => Goal::Within {
                seconds: o.req("seconds")?,
                goal: Box::new(o.req("goal")?),
            },
            "all" => Goal::All(o.req("goals")?),
            "any" => Goal::Any(o.req("goals")?),
            "not" => Goal::Not(Box::new(o.req("goal")?)),
        ))
    }
}

/// An `after`'s moment: one of `step`, `action` (with `device`), `connecting` (with `port`)
/// or `closed`.
fn since(o: &Obj) -> Read<Since> {
    if let Some(step) = o.opt("step")? {
        return Ok(Since::Step(step));
    }
    if let Some(action) = o.opt("action")? {
        return Ok(Since::Action {
            action,
            device: o.opt("device")?,
        });
    }
    if let Some(device) = o.opt("connecting")? {
        return Ok(Since::Connecting {
            device,
            port: o.opt("port")?,
        });
    }
    Ok(Since::Closed {
        device: o.req("closed")?,
    })
}

/// What a goal is judged on: the world now, its trace (or the part a goal looks at), and
/// when each lesson step opened.
#[derive(Clone, Copy)]
pub struct Judging<'a> {
    /// The world as it stands.
    pub world: &'a World,
    /// The trace.
    pub trace: &'a [TraceEvent],
    /// When each step opened so far (for [`Since::Step`]).
    pub opened: &'a [Time],
}

impl Goal {
    /// Whether it holds in this world, given its trace (outside a lesson's steps).
    pub fn holds(&self, world: &World, trace: &[TraceEvent]) -> bool {
        self.judge(Judging {
            world,
            trace,
            opened: &[],
        })
    }

    /// Whether it holds.
    pub fn judge(&self, j: Judging) -> bool {
        let (world, trace) = (j.world, j.trace);
        match self {
            Goal::Receives {
                device,
                topic,
                payload,
                retained,
                qos,
                at_least,
            } => {
                received(trace, device)
                    .filter(|r| {
                        topic.as_ref().is_none_or(|f| f.matches(r.topic))
                            && payload.as_ref().is_none_or(|p| p.as_bytes() == r.payload)
                            && retained.is_none_or(|k| k == r.retain)
                            && qos.is_none_or(|q| q == r.qos)
                    })
                    .take(*at_least)
                    .count()
                    == *at_least
            }
            Goal::ReceivesExactly { device, topics } => {
                let since = settled_since(trace, device);
                let mut got: Vec<&str> = received(trace, device)
                    .filter(|r| r.at > since)
                    .map(|r| r.topic.as_str())
                    .collect();
                got.sort_unstable();
                got.dedup();
                let mut wanted: Vec<&str> = topics.iter().map(TopicName::as_str).collect();
                wanted.sort_unstable();
                wanted.dedup();
                got == wanted
            }
            Goal::Subscriptions {
                device,
                count,
                filter,
                not,
            } => world.device(device).is_some_and(|d| {
                let subs = d.subscriptions();
                count.is_none_or(|n| subs.len() == n)
                    && filter.as_ref().is_none_or(|f| subs.contains_key(f.as_str()))
                    && subs.keys().all(|f| {
                        TopicFilter::new(f.as_str())
                            .map_or(true, |f| not.iter().all(|t| !f.matches(t)))
                    })
            }),
            Goal::Share { devices } => shared_filter(world, devices).is_some(),
            Goal::Retained { topic, payload } => world.broker().retained().any(|m| {
                m.topic == *topic && payload.as_ref().is_none_or(|p| p.as_bytes() == m.payload)
            }),
            Goal::Sent {
                device,
                topic,
                qos,
                at_least,
            } => {
                trace
                    .iter()
                    .filter(|e| match &e.kind {
                        TraceKind::DeviceSent {
                            device: d,
                            topic: t,
                            qos: q,
                            sent: true,
                            ..
                        } => {
                            **d == **device
                                && topic.as_ref().is_none_or(|f| f.matches(t))
                                && qos.is_none_or(|w| w == *q)
                        }
                        _ => false,
                    })
                    .take(*at_least)
                    .count()
                    == *at_least
            }
            Goal::EachOnce {
                from,
                to,
                qos,
                at_least,
            } => each_once(world, trace, from, to, *qos, *at_least),
            Goal::Published { device } => {
                let client = client_of(world, device);
                trace.iter().any(|e| {
                    matches!(&e.kind, TraceKind::Published { from: Some(c), .. } if **c == *client)
                })
            }
            Goal::Routed {
                from,
                to,
                topic,
                every,
                at_least,
            } => {
                let to = client_of(world, to);
                let msgs = routed_since(world, trace, from, topic.as_ref(), Time::ZERO);
                let reached = msgs.iter().filter(|(_, got)| got.contains(&to)).count();
                let all = !*every || reached == msgs.len();
                all && reached >= *at_least
            }
            Goal::SplitAmong {
                from,
                devices,
                at_least,
            } => split_among(world, trace, from, devices, *at_least),
            Goal::Refused { device, code: want } => {
                let client = client_of(world, device);
                trace.iter().any(|e| match &e.kind {
                    TraceKind::PublishDenied { client: c, .. } => {
                        **c == *client && want.is_none()
                    }
                    TraceKind::Auth { client: c, code, .. } => {
                        **c == *client
                            && *code != ReasonCode::SUCCESS
                            && want.is_none_or(|w| code.0 == w)
                    }
                    _ => false,
                })
            }
            Goal::Connected { device } => {
                let client = client_of(world, device);
                trace.iter().any(|e| match &e.kind {
                    TraceKind::SessionCreated { client: c, .. }
                    | TraceKind::SessionResumed { client: c, .. } => **c == *client,
                    _ => false,
                })
            }
            Goal::Online { device, port } => world
                .device(device)
                .is_some_and(|d| d.is_online() && port.is_none_or(|p| d.conn_port == p)),
            Goal::Overheard { device } => trace.iter().any(|e| {
                matches!(&e.kind, TraceKind::Eavesdropped { target, seen: Seen::Clear { .. }, .. } if **target == **device)
            }),
            Goal::Queued { device } => queued_at(world, trace, device).is_some(),
            Goal::QueueDelivered { device } => {
                let Some(q) = queued_at(world, trace, device) else {
                    return false;
                };
                let resumed = trace[q..].iter().position(|e| {
                    matches!(&e.kind, TraceKind::DeviceChanged { device: d, change: DeviceChange::Online { session_present: true } } if **d == **device)
                });
                let client = client_of(world, device);
                let emptied = (world.broker().session(client)).is_some_and(|s| {
                    s.queue.is_empty() && s.inflight.is_empty() && s.conn.is_some()
                });
                emptied
                    && resumed.is_some_and(|r| received(&trace[q + r..], device).next().is_some())
            }
            Goal::Expired { device } => {
                let client = client_of(world, device);
                let queued: Vec<MsgId> = (trace.iter())
                    .filter_map(|e| match &e.kind {
                        TraceKind::Queued { msg, client: c, .. } if **c == *client => Some(*msg),
                        _ => None,
                    })
                    .collect();
                trace.iter().any(|e| {
                    matches!(&e.kind, TraceKind::Dropped { msg, client: c, reason: DropReason::Expired } if **c == *client && queued.contains(msg))
                })
            }
            Goal::SessionResumed { device } => {
                let client = client_of(world, device);
                trace.iter().any(
                    |e| matches!(&e.kind, TraceKind::SessionResumed { client: c, .. } if **c == *client),
                )
            }
            Goal::SessionExpired { device } => session_expired(world, trace, device),
            Goal::WillFired { device } => {
                let client = client_of(world, device);
                trace.iter().any(
                    |e| matches!(&e.kind, TraceKind::WillFired { client: c, .. } if **c == *client),
                )
            }
            Goal::State { device, state } => {
                world.device(device).is_some_and(|d| d.state == *state)
            }
            Goal::Answered {
                device,
                topic,
                payload,
                overlapping,
            } => answered(trace, device, topic, payload.as_deref(), *overlapping),
            Goal::After { since, goal } => match since.find(j) {
                Some(i) => goal.judge(Judging {
                    trace: &trace[i..],
                    ..j
                }),
                None => false,
            },
            Goal::Within { seconds, goal } => {
                let from = world.now().millis().saturating_sub(seconds * 1000);
                let i = trace.partition_point(|e| e.at.millis() < from);
                goal.judge(Judging {
                    trace: &trace[i..],
                    ..j
                })
            }
            Goal::All(goals) => goals.iter().all(|g| g.judge(j)),
            Goal::Any(goals) => goals.iter().any(|g| g.judge(j)),
            Goal::Not(goal) => !goal.judge(j),
        }
    }
}

impl Goal {
    /// The devices it names.
    pub fn devices(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_devices(&mut out);
        out
    }

    fn collect_devices<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Goal::Receives { device, .. }
            | Goal::ReceivesExactly { device, .. }
            | Goal::Subscriptions { device, .. }
            | Goal::Sent { device, .. }
            | Goal::Published { device }
            | Goal::Refused { device, .. }
            | Goal::Connected { device }
            | Goal::Online { device, .. }
            | Goal::Overheard { device }
            | Goal::Queued { device }
            | Goal::QueueDelivered { device }
            | Goal::Expired { device }
            | Goal::SessionResumed { device }
            | Goal::SessionExpired { device }
            | Goal::WillFired { device }
            | Goal::State { device, .. }
            | Goal::Answered { device, .. } => out.push(device),
            Goal::Share { devices } => out.extend(devices.iter().map(String::as_str)),
            Goal::Retained { .. } => {}
            Goal::EachOnce { from, to, .. } | Goal::Routed { from, to, .. } => {
                out.extend([from.as_str(), to.as_str()])
            }
            Goal::SplitAmong { from, devices, .. } => {
                out.push(from);
                out.extend(devices.iter().map(String::as_str));
            }
            Goal::After { since, goal } => {
                match since {
                    Since::Action {
                        device: Some(d), ..
                    }
                    | Since::Connecting { device: d, .. }
                    | Since::Closed { device: d } => out.push(d),
                    _ => {}
                }
                goal.collect_devices(out);
            }
            Goal::Within { goal, .. } | Goal::Not(goal) => goal.collect_devices(out),
            Goal::All(goals) | Goal::Any(goals) => {
                goals.iter().for_each(|g| g.collect_devices(out))
            }
        }
    }
}

impl Since {
    /// Where in the trace it last happened.
    fn find(&self, j: Judging) -> Option<usize> {
        let trace = j.trace;
        match self {
            Since::Step(k) => {
                let opened = j.opened.get(*k)?;
                Some(trace.partition_point(|e| e.at < *opened))
            }
            Since::Action { action, device } => trace.iter().rposition(|e| match &e.kind {
                TraceKind::ActionApplied { action: a } => {
                    kind_of(a) == *action
                        && device.as_deref().is_none_or(|d| a.device() == Some(d))
                }
                _ => false,
            }),
            Since::Connecting { device, port } => trace.iter().rposition(|e| {
                matches!(&e.kind, TraceKind::DeviceChanged { device: d, change: DeviceChange::Connecting { port: p, .. } } if **d == **device && port.is_none_or(|w| w == *p))
            }),
            Since::Closed { device } => {
                let client = client_of(j.world, device);
                trace.iter().rposition(|e| {
                    matches!(&e.kind, TraceKind::ConnectionClosed { client: Some(c), .. } if **c == *client)
                })
            }
        }
    }
}

/// An action's type, as in JSON (`set_broker`).
fn kind_of(action: &Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

/// The one shared subscription every device holds alone, if they do.
fn shared_filter(world: &World, devices: &[String]) -> Option<String> {
    let only = |w: &str| {
        world.device(w).and_then(|d| {
            let mut filters = d.subscriptions().keys();
            match (filters.next(), filters.next()) {
                (Some(f), None) if f.starts_with("$share/") => Some(f.clone()),
                _ => None,
            }
        })
    };
    let mut shared: Option<String> = None;
    for d in devices {
        let f = only(d)?;
        if shared.as_ref().is_some_and(|s| *s != f) {
            return None;
        }
        shared = Some(f);
    }
    shared
}

/// Messages the broker took in from `from` (on a topic `topic` matches) after `since` and at
/// least a second before now (time to arrive), each with the clients it reached.
fn routed_since<'a>(
    world: &World,
    trace: &'a [TraceEvent],
    from: &str,
    topic: Option<&TopicFilter>,
    since: Time,
) -> Vec<(MsgId, Vec<&'a str>)> {
    let client = client_of(world, from);
    let ripe = world.now().millis().saturating_sub(1000);
    let mut msgs: LiteMap<MsgId, Vec<&str>> = LiteMap::new();
    for e in trace {
        match &e.kind {
            TraceKind::Published {
                msg,
                from: Some(c),
                topic: t,
                ..
            } if **c == *client
                && e.at > since
                && e.at.millis() <= ripe
                && topic.is_none_or(|f| f.matches(t)) =>
            {
                msgs.insert(*msg, Vec::new());
            }
            TraceKind::Delivered { msg, client, .. } => {
                if let Some(to) = msgs.get_mut(msg) {
                    if !to.contains(&&**client) {
                        to.push(client);
                    }
                }
            }
            _ => {}
        }
    }
    msgs.into_tuple_vec()
}

fn split_among(
    world: &World,
    trace: &[TraceEvent],
    from: &str,
    devices: &[String],
    at_least: usize,
) -> bool {
    let since = (devices.iter())
        .map(|d| settled_since(trace, d))
        .max()
        .unwrap_or(Time::ZERO);
    let clients: Vec<&str> = devices.iter().map(|d| client_of(world, d)).collect();
    let msgs = routed_since(world, trace, from, None, since);
    let to_one = |to: &Vec<&str>| to.iter().filter(|c| clients.contains(c)).count() == 1;
    let got = |c: &&str| msgs.iter().any(|(_, to)| to.contains(c));
    msgs.len() >= at_least && msgs.iter().all(|(_, to)| to_one(to)) && clients.iter().all(got)
}

fn each_once(
    world: &World,
    trace: &[TraceEvent],
    from: &str,
    to: &str,
    qos: QoS,
    at_least: usize,
) -> bool {
    let settled = Time::from_millis(world.now().millis().saturating_sub(20_000));
    let sent: Vec<(&TopicName, &[u8])> = trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::DeviceSent {
                device,
                topic,
                payload,
                qos: q,
                ..
            } if **device == *from && *q == qos && e.at <= settled => {
                Some((topic, payload.as_ref()))
            }
            _ => None,
        })
        .collect();
    let once = |(t, p): &(&TopicName, &[u8])| {
        received(trace, to)
            .filter(|r| r.topic == *t && r.payload == *p)
            .count()
            == 1
    };
    sent.len() >= at_least && sent.iter().all(once)
}

fn session_expired(world: &World, trace: &[TraceEvent], device: &str) -> bool {
    let Some(d) = world.device(device) else {
        return false;
    };
    let (client, expiry) = (d.config.client_id(), u64::from(d.config.session_expiry));
    expiry > 0
        && trace.iter().enumerate().any(|(i, e)| {
            let TraceKind::SessionEnded { client: c } = &e.kind else {
                return false;
            };
            let closed = trace[..i].iter().rev().find(|x| {
                matches!(&x.kind, TraceKind::ConnectionClosed { client: Some(y), .. } if y == c)
            });
            **c == *client && closed.is_some_and(|x| e.at - x.at >= expiry * 1000)
        })
}

fn answered(
    trace: &[TraceEvent],
    device: &str,
    on: &TopicName,
    payload: Option<&str>,
    overlapping: bool,
) -> bool {
    // The device's questions (correlation data, when asked) and its answers (when received).
    let mut asked: Vec<(&[u8], Time)> = Vec::new();
    let mut answers: Vec<(&[u8], Time)> = Vec::new();
    for e in trace {
        match &e.kind {
            TraceKind::DeviceSent {
                device: d,
                topic,
                correlation: Some(c),
                ..
            } if **d == *device && topic == on => asked.push((c, e.at)),
            TraceKind::DeviceReceived {
                device: d,
                correlation: Some(c),
                payload: p,
                ..
            } if **d == *device && payload.is_none_or(|w| w.as_bytes() == p.as_ref()) => {
                answers.push((c, e.at))
            }
            _ => {}
        }
    }
    let answer = |c: &[u8], after: Time| {
        (answers.iter())
            .find(|(a, t)| *a == c && *t > after)
            .map(|(_, t)| *t)
    };
    if !overlapping {
        return asked.iter().any(|(c, at)| answer(c, *at).is_some());
    }
    asked.iter().enumerate().any(|(i, (c1, t1))| {
        let Some(back) = answer(c1, *t1) else {
            return false;
        };
        asked[i + 1..]
            .iter()
            .any(|(c2, t2)| c2 != c1 && *t2 < back && answer(c2, *t2).is_some())
    })
}

/// A message a device's application received.
pub(super) struct Received<'a> {
    /// When.
    pub(super) at: Time,
    /// Its topic.
    pub(super) topic: &'a TopicName,
    /// Its payload.
    pub(super) payload: &'a [u8],
    /// Whether it came as a retained message.
    pub(super) retain: bool,
    /// The QoS it was delivered with.
    pub(super) qos: QoS,
}

/// The messages a device's application received, in order.
pub(super) fn received<'a>(
    trace: &'a [TraceEvent],
    name: &'a str,
) -> impl Iterator<Item = Received<'a>> {
    trace.iter().filter_map(move |e| match &e.kind {
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            retain,
            qos,
            ..
        } if &**device == name => Some(Received {
            at: e.at,
            topic,
            payload,
            retain: *retain,
            qos: *qos,
        }),
        _ => None,
    })
}

/// When the device's subscriptions last changed by an action, plus [`SETTLE_MS`] for messages
/// already on their way (what arrived before does not count); the start if they never did.
pub(super) fn settled_since(trace: &[TraceEvent], name: &str) -> Time {
    (trace.iter().rev())
        .find(|e| match &e.kind {
            TraceKind::ActionApplied { action } => matches!(
                &**action,
                Action::Subscribe { device, .. } | Action::Unsubscribe { device, .. }
                    if device == name
            ),
            _ => false,
        })
        .map_or(Time::ZERO, |e| e.at.plus_millis(SETTLE_MS))
}

fn client_of<'a>(world: &'a World, device: &'a str) -> &'a str {
    world
        .device(device)
        .map_or(device, |d| d.config.client_id())
}

/// Where in the trace a message first waited in the device's queue.
fn queued_at(world: &World, trace: &[TraceEvent], device: &str) -> Option<usize> {
    let client = client_of(world, device);
    trace
        .iter()
        .position(|e| matches!(&e.kind, TraceKind::Queued { client: c, .. } if **c == *client))
}
