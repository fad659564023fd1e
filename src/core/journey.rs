//! A message's journey, gathered from the trace: the PUBLISH that started it, every filter the
//! broker tried, what happened for each subscriber, and each packet that carried or
//! acknowledged it (for the sequence diagram), with the reason codes the acknowledgements
//! carried. A PUBLISH the broker refused has a journey too: the packet and the answer.

use bytes::Bytes;

use crate::core::codec::{PacketType, ReasonCode, Version};
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
    /// Its reason code when it carries one other than success (5.0 acknowledgements and
    /// DISCONNECT: "no matching subscribers", "quota exceeded"…).
    pub code: Option<ReasonCode>,
}

/// The reason code an acknowledgement or DISCONNECT carries, if not plain success.
fn code_of(packet: PacketType, bytes: &[u8]) -> Option<ReasonCode> {
    use crate::core::codec::{decode, Decoded, Packet, Version, MAX_PACKET_SIZE};
    let code = match decode(bytes, Version::V5, MAX_PACKET_SIZE) {
        Ok(Decoded::Packet { packet: p, .. }) => match p {
            Packet::PubAck(a) | Packet::PubRec(a) | Packet::PubRel(a) | Packet::PubComp(a) => {
                a.code
            }
            Packet::Disconnect(d) => d.code,
            _ => return None,
        },
        _ => return None,
    };
    (code != ReasonCode::SUCCESS && packet != PacketType::Publish).then_some(code)
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
    /// The broker did not accept the PUBLISH for routing (ACL, quota): no filter was tried;
    /// `hops` show its answer.
    pub refused: bool,
}

/// The journey of a PUBLISH the broker refused: what it carried and the broker's answer.
fn refused(
    msg: MsgId,
    (at, from): (Time, ClientName),
    bytes: Bytes,
    answers: Vec<Hop>,
    logins: &LiteMap<ClientName, Option<String>>,
) -> Option<Journey> {
    use crate::core::codec::{decode, Decoded, Packet, Version, MAX_PACKET_SIZE};
    let publish = [Version::V5, Version::V311].into_iter().find_map(|v| {
        match decode(&bytes, v, MAX_PACKET_SIZE) {
            Ok(Decoded::Packet {
                packet: Packet::Publish(p),
                ..
            }) => Some(p),
            _ => None,
        }
    })?;
    let mut hops = vec![Hop {
        at,
        client: from.clone(),
        to_broker: true,
        packet: PacketType::Publish,
        code: None,
    }];
    hops.extend(answers);
    Some(Journey {
        msg,
        topic: publish.topic,
        login: logins.get(&from).cloned(),
        from: Some(from),
        qos: publish.qos,
        retain: publish.retain,
        at,
        bytes: Some(bytes),
        trials: Vec::new(),
        fates: Vec::new(),
        hops,
        refused: true,
    })
}

impl Journey {
    /// Gathers a journey from trace events: from its `Published` event, or, for a PUBLISH
    /// the broker refused, from the packet and the broker's answer.
    pub fn gather<'a>(
        events: impl IntoIterator<Item = &'a TraceEvent>,
        msg: MsgId,
    ) -> Option<Journey> {
        let mut j: Option<Journey> = None;
        let mut bytes = None;
        // Before (or without) a `Published` event: the PUBLISH that arrived, and the answers.
        let mut arrived: Option<(Time, ClientName)> = None;
        let mut answers: Vec<Hop> = Vec::new();
        let mut logins: litemap::LiteMap<ClientName, Option<String>> = Default::default();
        // The ACL refused it: `PublishDenied` follows its PUBLISH at once.
        let (mut denied, mut just_arrived) = (false, false);
        for e in events {
            if std::mem::take(&mut just_arrived) && j.is_none() {
                denied |= matches!(e.kind, TraceKind::PublishDenied { .. });
            }
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
                            code: code_of(*packet, b),
                        }),
                        // The publisher's PUBLISH comes just before the Published event.
                        None => {
                            bytes = Some(b.clone());
                            arrived = Some((e.at, c.clone()));
                            just_arrived = true;
                        }
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
                            code: None,
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
                        refused: false,
                    });
                }
                TraceKind::PacketOut {
                    client: Some(c),
                    packet,
                    msg: Some(m),
                    bytes: b,
                    ..
                } if *m == msg && j.is_none() => answers.push(Hop {
                    at: e.at,
                    client: c.clone(),
                    to_broker: false,
                    packet: *packet,
                    code: code_of(*packet, b),
                }),
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
                    bytes: b,
                    ..
                } if *m == msg => {
                    j.hops.push(Hop {
                        at: e.at,
                        client: c.clone(),
                        to_broker: false,
                        packet: *packet,
                        code: code_of(*packet, b),
                    });
                }
                _ => {}
            }
        }
        // Refused: denied by the ACL, or answered with a failure code (a repeated QoS 2
        // PUBLISH, answered with success and not routed again, has no journey of its own).
        let failed = answers
            .iter()
            .any(|h| h.code.is_some_and(|c| !c.is_success()));
        j.or_else(|| {
            (denied || failed).then_some(())?;
            refused(msg, arrived?, bytes?, answers, &logins)
        })
    }

    /// The level-by-level story of one filter tried against this message's topic.
    pub fn explain<'a>(&'a self, trial: &'a Trial) -> Explanation<'a> {
        explain(&trial.filter, &self.topic)
    }

    /// Subscribers whose filter matched (or who got it as retained when they subscribed), and
    /// how many of them got it (delivered or queued).
    pub fn reach(&self) -> (usize, usize) {
        // Sets built by insertion (`collect()` sorts: more code for a few entries).
        let mut matched: LiteMap<&str, ()> = LiteMap::new();
        for t in self.trials.iter().filter(|t| t.matched) {
            matched.insert(&t.client, ());
        }
        for (c, f) in &self.fates {
            if matches!(f, Fate::RetainedSent(..)) {
                matched.insert(c, ());
            }
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

/// Filters that did not match, named one by one in a story (the rest are counted).
const NAMED_MISSES: usize = 3;

/// One line of a journey told as a story, in order: who published what, which filters
/// matched, what each subscriber got, who acknowledged. Typed: the page writes the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// The publisher sent it (`None`: the broker itself, a will or `$SYS`).
    Published {
        /// The publisher.
        from: Option<ClientName>,
        /// Its payload as text, when it was read.
        payload: Option<String>,
        /// QoS and retain flag as published.
        qos: QoS,
        /// The retain flag.
        retain: bool,
    },
    /// The broker kept it as the topic's retained message.
    Retained,
    /// A subscriber's filter matched.
    Matched {
        /// The subscriber.
        client: ClientName,
        /// Its filter.
        filter: TopicFilter,
    },
    /// A subscriber's filter that did not match (the first few are named).
    NotMatched {
        /// The subscriber.
        client: ClientName,
        /// Its filter.
        filter: TopicFilter,
    },
    /// How many more filters did not match.
    Missed(usize),
    /// The broker sent it to a subscriber, with this QoS (`retained`: on subscribing).
    Delivered {
        /// The subscriber.
        client: ClientName,
        /// The QoS of the delivery.
        qos: QoS,
        /// Sent as the retained message of a new subscription.
        retained: bool,
    },
    /// It waits in an offline subscriber's queue.
    Queued(ClientName),
    /// It was dropped for a subscriber.
    Dropped(ClientName, DropReason),
    /// An acknowledgement from a subscriber, or the broker's to the publisher.
    Acked {
        /// The client at the other end.
        client: ClientName,
        /// The acknowledgement.
        packet: PacketType,
        /// From the client to the broker.
        to_broker: bool,
    },
}

impl Journey {
    /// The journey as a story, each subscriber's delivery told once (`version`: the
    /// publisher's, to read the payload).
    pub fn story(&self, version: Version) -> Vec<Line> {
        let mut lines = vec![Line::Published {
            from: self.from.clone(),
            payload: self.payload(version),
            qos: self.qos,
            retain: self.retain,
        }];
        if self.retain && !self.refused {
            lines.push(Line::Retained);
        }
        for t in self.trials.iter().filter(|t| t.matched) {
            lines.push(Line::Matched {
                client: t.client.clone(),
                filter: t.filter.clone(),
            });
        }
        let missed: Vec<&Trial> = self.trials.iter().filter(|t| !t.matched).collect();
        for t in missed.iter().take(NAMED_MISSES) {
            lines.push(Line::NotMatched {
                client: t.client.clone(),
                filter: t.filter.clone(),
            });
        }
        if missed.len() > NAMED_MISSES {
            lines.push(Line::Missed(missed.len() - NAMED_MISSES));
        }
        // Then what happened after, in the order it happened: deliveries (each told once),
        // queues, drops and acknowledgements.
        let mut after: Vec<(Time, Line)> = Vec::new();
        let mut told: LiteMap<&str, ()> = LiteMap::new();
        for (c, f) in &self.fates {
            let line = match f {
                Fate::Delivered(at, qos, _) if told.insert(c, ()).is_none() => {
                    let retained = (self.fates.iter())
                        .any(|(d, g)| d == c && matches!(g, Fate::RetainedSent(..)));
                    let line = Line::Delivered {
                        client: c.clone(),
                        qos: *qos,
                        retained,
                    };
                    (*at, line)
                }
                Fate::Queued(at, _) => (*at, Line::Queued(c.clone())),
                Fate::Dropped(at, r) => (*at, Line::Dropped(c.clone(), *r)),
                _ => continue,
            };
            after.push(line);
        }
        for h in &self.hops {
            let ack = matches!(
                h.packet,
                PacketType::PubAck | PacketType::PubRec | PacketType::PubComp
            );
            if ack {
                let line = Line::Acked {
                    client: h.client.clone(),
                    packet: h.packet,
                    to_broker: h.to_broker,
                };
                after.push((h.at, line));
            }
        }
        after.sort_by_key(|(at, _)| *at);
        lines.extend(after.into_iter().map(|(_, line)| line));
        lines
    }

    /// The payload as text (lossy), read from the PUBLISH bytes as `version` writes them.
    pub fn payload(&self, version: Version) -> Option<String> {
        use crate::core::codec::{decode, Decoded, Packet, MAX_PACKET_SIZE};
        match decode(self.bytes.as_ref()?, version, MAX_PACKET_SIZE) {
            Ok(Decoded::Packet {
                packet: Packet::Publish(p),
                ..
            }) => Some(String::from_utf8_lossy(&p.payload).into_owned()),
            _ => None,
        }
    }
}
