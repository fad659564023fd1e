//! A message's journey, gathered from the trace: the PUBLISH that started it, every filter the
//! broker tried, what happened for each subscriber, and each packet that carried or
//! acknowledged it (for the sequence diagram).

use bytes::Bytes;

use crate::core::codec::PacketType;
use crate::core::time::Time;
use crate::core::topic::{explain, Explanation, TopicFilter, TopicName};
use crate::core::trace::{ClientName, DropReason, MsgId, TraceEvent, TraceKind};
use crate::core::types::QoS;
use litemap::LiteMap;

/// What happened to the message for one subscriber.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Put in the subscriber's queue.
    Queued(Time, usize),
    /// Sent (QoS, DUP).
    Delivered(Time, QoS, bool),
    /// Acknowledged with this packet.
    Acknowledged(Time, PacketType),
    /// Not delivered.
    Dropped(Time, DropReason),
    /// Sent as a retained message on subscribe.
    RetainedSent(Time),
}

/// One filter the broker compared with the topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trial {
    /// The subscriber.
    pub client: ClientName,
    /// Its filter.
    pub filter: TopicFilter,
    /// Whether it matched; [`Journey::explain`] tells the level-by-level story.
    pub matched: bool,
}

/// One packet of the journey, for the sequence diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// When.
    pub at: Time,
    /// The client at the other end.
    pub client: ClientName,
    /// From the client to the broker.
    pub to_broker: bool,
    /// Which packet.
    pub packet: PacketType,
}

/// A message's journey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journey {
    /// Its id.
    pub msg: MsgId,
    /// Its topic.
    pub topic: TopicName,
    /// The publisher (`None`: the broker itself, for wills and `$SYS`).
    pub from: Option<ClientName>,
    /// QoS as published.
    pub qos: QoS,
    /// Retain flag as published.
    pub retain: bool,
    /// When the broker accepted it.
    pub at: Time,
    /// The publisher's login, as the broker checked it on CONNECT: the user name (if any).
    /// The publish itself passed the ACL's write check, or there would be no journey.
    pub login: Option<Option<String>>,
    /// The PUBLISH bytes as received (none for wills and `$SYS`).
    pub bytes: Option<Bytes>,
    /// Filters tried, in the broker's order.
    pub trials: Vec<Trial>,
    /// What happened, per subscriber, in order.
    pub fates: Vec<(ClientName, Fate)>,
    /// The packets, in order.
    pub hops: Vec<Hop>,
}

impl Journey {
    /// Gathers a journey from trace events (which must include its `Published` event).
    pub fn gather<'a>(
        events: impl IntoIterator<Item = &'a TraceEvent>,
        msg: MsgId,
    ) -> Option<Journey> {
        let mut j: Option<Journey> = None;
        let mut bytes = None;
        let mut logins: litemap::LiteMap<ClientName, Option<String>> = Default::default();
        for e in events {
            match &e.kind {
                TraceKind::Auth {
                    client, username, ..
                } if j.is_none() => {
                    logins.insert(client.clone(), username.clone());
                }
                TraceKind::PacketIn {
                    client: Some(c),
                    packet,
                    msg: Some(m),
                    bytes: b,
                    ..
                } if *m == msg => {
                    match j.as_mut() {
                        Some(j) => j.hops.push(Hop {
                            at: e.at,
                            client: c.clone(),
                            to_broker: true,
                            packet: *packet,
                        }),
                        // The publisher's PUBLISH comes just before the Published event.
                        None => bytes = Some(b.clone()),
                    }
                }
                TraceKind::Published {
                    msg: m,
                    from,
                    topic,
                    qos,
                    retain,
                } if *m == msg => {
                    let mut hops = Vec::new();
                    if let Some(c) = from {
                        hops.push(Hop {
                            at: e.at,
                            client: c.clone(),
                            to_broker: true,
                            packet: PacketType::Publish,
                        });
                    }
                    j = Some(Journey {
                        msg,
                        topic: topic.clone(),
                        from: from.clone(),
                        qos: *qos,
                        retain: *retain,
                        at: e.at,
                        login: from.as_ref().and_then(|c| logins.get(c).cloned()),
                        bytes: if from.is_some() { bytes.take() } else { None },
                        trials: Vec::new(),
                        fates: Vec::new(),
                        hops,
                    });
                }
                _ => {}
            }
            let Some(j) = j.as_mut() else { continue };
            match &e.kind {
                TraceKind::FilterTried {
                    msg: m,
                    client,
                    filter,
                    matched,
                } if *m == msg => {
                    j.trials.push(Trial {
                        client: client.clone(),
                        filter: filter.clone(),
                        matched: *matched,
                    });
                }
                TraceKind::Queued {
                    msg: m,
                    client,
                    queue_len,
                } if *m == msg => {
                    j.fates
                        .push((client.clone(), Fate::Queued(e.at, *queue_len)));
                }
                TraceKind::Delivered {
                    msg: m,
                    client,
                    qos,
                    dup,
                } if *m == msg => {
                    j.fates
                        .push((client.clone(), Fate::Delivered(e.at, *qos, *dup)));
                }
                TraceKind::Acknowledged {
                    msg: m,
                    client,
                    packet,
                } if *m == msg => {
                    j.fates
                        .push((client.clone(), Fate::Acknowledged(e.at, *packet)));
                }
                TraceKind::Dropped {
                    msg: m,
                    client,
                    reason,
                } if *m == msg => {
                    j.fates.push((client.clone(), Fate::Dropped(e.at, *reason)));
                }
                TraceKind::RetainedSent { msg: m, client, .. } if *m == msg => {
                    j.fates.push((client.clone(), Fate::RetainedSent(e.at)));
                }
                TraceKind::PacketOut {
                    client: Some(c),
                    packet,
                    msg: Some(m),
                    ..
                } if *m == msg => {
                    j.hops.push(Hop {
                        at: e.at,
                        client: c.clone(),
                        to_broker: false,
                        packet: *packet,
                    });
                }
                _ => {}
            }
        }
        j
    }

    /// The level-by-level story of one filter tried against this message's topic.
    pub fn explain<'a>(&'a self, trial: &'a Trial) -> Explanation<'a> {
        explain(&trial.filter, &self.topic)
    }

    /// Subscribers whose filter matched, and how many of them got it (delivered or queued).
    pub fn reach(&self) -> (usize, usize) {
        // Sets built by insertion (`collect()` sorts: more code for a few entries).
        let mut matched: LiteMap<&str, ()> = LiteMap::new();
        for t in self.trials.iter().filter(|t| t.matched) {
            matched.insert(&t.client, ());
        }
        let mut got: LiteMap<&str, ()> = LiteMap::new();
        for (c, f) in &self.fates {
            if matches!(f, Fate::Delivered(..) | Fate::Queued(..)) {
                got.insert(c, ());
            }
        }
        (got.len(), matched.len())
    }
}
