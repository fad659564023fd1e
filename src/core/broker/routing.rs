//! PUBLISH in, routing through the subscription tree, delivery with QoS 0/1/2, the queue,
//! and the acknowledgements that empty it.

use std::collections::BTreeMap;

use bytes::Bytes;

use super::connection::pass_through;
use super::{Access, Broker, Delivery, InFlight, Message, Overlapping, Stage, Subscription};
use crate::core::codec::{
    Ack, Packet, PacketType, Properties, Property, PropertyId, Publish, ReasonCode, Version,
};
use crate::core::time::Time;
use crate::core::trace::{ClientName, ConnId, DropReason, MsgId, TraceKind, Violation};
use crate::core::types::{PacketId, QoS};
use litemap::LiteMap;

/// Up to this many subscriptions, the trace explains every filter for every publish (the
/// journey view shows why each one did not match); above it, only the matching ones.
const EXPLAIN_ALL_UP_TO: usize = 64;

impl Broker {
    pub(super) fn on_publish(&mut self, conn: ConnId, mut p: Publish, raw: Bytes) {
        let Some(client) = self.client_of(conn) else {
            return;
        };
        // 5.0 topic aliases: within the broker's maximum, then learnt or resolved.
        if let Some(alias) = p.properties.u16(PropertyId::TopicAlias) {
            if alias == 0 || alias > self.config.max_topic_alias {
                self.trace_in(conn, PacketType::Publish, None, raw);
                self.protocol_error(conn, Violation::TopicAliasInvalid(alias));
                return;
            }
        }
        let Some(c) = self.conns.get_mut(&conn) else {
            return;
        };
        if let Err(alias) = c.aliases.resolve(&mut p) {
            self.trace_in(conn, PacketType::Publish, None, raw);
            self.protocol_error(conn, Violation::TopicAliasUnknown(alias));
            return;
        }
        let msg = self.new_msg_id();
        self.trace_in(conn, PacketType::Publish, Some(msg), raw);
        let version = self.conns.get(&conn).map_or(Version::V5, |c| c.version);
        let username = self.sessions.get(&client).and_then(|s| s.username.clone());
        let allowed = self
            .config
            .allows(&client, username.as_deref(), &p.topic, Access::Write);

        // Exactly once: a repeated QoS 2 packet id before PUBREL is not routed again.
        let duplicate_qos2 = p.qos == QoS::ExactlyOnce
            && p.packet_id.is_some_and(|id| {
                self.sessions
                    .get(&client)
                    .is_some_and(|s| s.incoming_qos2.contains_key(&id.get()))
            });
        // 5.0: a client may not have more unfinished QoS 2 exchanges than the broker's
        // Receive Maximum [MQTT-3.3.4-7]; QoS 1 is acknowledged at once, so never counts.
        // With the default setting the broker does as mosquitto: past `max_inflight` it
        // answers PUBREC "quota exceeded" and drops the message.
        let receiving = self
            .sessions
            .get(&client)
            .map_or(0, |s| s.incoming_qos2.len());
        let counted = p.qos == QoS::ExactlyOnce && !duplicate_qos2 && version == Version::V5;
        let limit = self.config.receive_maximum;
        if counted && limit < u16::MAX && receiving >= usize::from(limit) {
            self.protocol_error_for(conn, Violation::ReceiveMaximumExceeded(limit), Some(msg));
            return;
        }
        let max_inflight = usize::from(self.config.max_inflight);
        let quota_full =
            counted && limit == u16::MAX && max_inflight > 0 && receiving >= max_inflight;
        let mut matched = 0;
        if quota_full {
            // Refused with its PUBREC below; nothing is routed.
        } else if !allowed {
            self.trace.push(
                self.now,
                TraceKind::PublishDenied {
                    client: client.clone(),
                    topic: p.topic.clone(),
                },
            );
        } else if !duplicate_qos2 {
            let expires_at = p
                .properties
                .u32(PropertyId::MessageExpiryInterval)
                .map(|s| self.now.plus_secs(u64::from(s)));
            let message = Message {
                msg,
                topic: p.topic.clone(),
                payload: p.payload.clone(),
                qos: p.qos,
                retain: p.retain,
                properties: pass_through(&p.properties),
                expires_at,
            };
            matched = self.route(Some(client.clone()), message);
        }
        // Acknowledge. A 3.1.1 ACL denial is silent (acknowledged as if delivered, as mosquitto
        // does); 5.0 says "not authorized".
        let code = if quota_full {
            ReasonCode::QUOTA_EXCEEDED
        } else if !allowed && version == Version::V5 {
            ReasonCode::NOT_AUTHORIZED
        } else if matched == 0 && version == Version::V5 && allowed {
            ReasonCode::NO_MATCHING_SUBSCRIBERS
        } else {
            ReasonCode::SUCCESS
        };
        let Some(id) = p.packet_id else {
            return;
        };
        let ack = Ack {
            code,
            ..Ack::new(id)
        };
        match p.qos {
            QoS::AtMostOnce => {}
            QoS::AtLeastOnce => self.send(conn, Packet::PubAck(ack), Some(msg)),
            QoS::ExactlyOnce => {
                if code.is_success() {
                    if let Some(s) = self.sessions.get_mut(&client) {
                        s.incoming_qos2.insert(id.get(), ());
                    }
                }
                self.send(conn, Packet::PubRec(ack), Some(msg));
            }
        }
    }

    /// Routes a message to every matching subscription; returns how many clients it reached
    /// (delivered or queued).
    pub(super) fn route(&mut self, from: Option<ClientName>, message: Message) -> usize {
        let msg = message.msg;
        self.trace.push(
            self.now,
            TraceKind::Published {
                msg,
                from: from.clone(),
                topic: message.topic.clone(),
                qos: message.qos,
                retain: message.retain,
            },
        );
        if message.retain {
            self.store_retained(&message);
        }
        let matching: Vec<Subscription> = self
            .tree
            .matching(&message.topic)
            .into_iter()
            .cloned()
            .collect();
        // Every filter tried is traced: all of them while the tree is small (a lesson's), the
        // candidates the tree walk reached beyond that. Borrowed, not cloned, per message.
        let (now, trace) = (self.now, &mut self.trace);
        let tried = |s: &Subscription, matched: bool| TraceKind::FilterTried {
            msg,
            client: s.client.clone(),
            filter: s.filter.clone(),
            matched,
        };
        if self.tree.len() <= EXPLAIN_ALL_UP_TO {
            for s in self.tree.all() {
                trace.push(now, tried(s, s.filter.matches(&message.topic)));
            }
        } else {
            for s in &matching {
                trace.push(now, tried(s, true));
            }
        }
        // Overlapping subscriptions: a 5.0 client gets one copy per matching subscription,
        // each with its own QoS and identifier (as mosquitto 2.0 does); a 3.1.1 client gets
        // one copy at the highest matching QoS, as [MQTT-3.3.5-1] requires (mosquitto 2.0.11
        // keeps the first match's QoS instead); with `overlapping: single`, a 5.0 client gets
        // that one copy too, with every matching identifier. A share group gives one member in
        // turn.
        // A B-tree: a message for many subscribers fills it in no particular order.
        let mut targets: BTreeMap<(ClientName, usize), Delivery> = BTreeMap::new();
        let mut groups: LiteMap<String, Vec<Subscription>> = LiteMap::new();
        for (i, s) in matching.into_iter().enumerate() {
            if s.options.no_local && from.as_deref() == Some(&*s.client) {
                continue;
            }
            if let Some(g) = s.filter.share_group() {
                groups
                    .entry(format!("{g}/{}", s.filter.filter()))
                    .or_default()
                    .push(s);
                continue;
            }
            let per_subscription = self.config.overlapping == Overlapping::PerSubscription
                && self
                    .sessions
                    .get(&s.client)
                    .is_some_and(|x| x.version == Version::V5);
            add_target(
                &mut targets,
                &message,
                &s,
                if per_subscription { i } else { 0 },
            );
        }
        for (group, members) in groups {
            let online: Vec<&Subscription> = members
                .iter()
                .filter(|s| {
                    self.sessions
                        .get(&s.client)
                        .is_some_and(|x| x.conn.is_some())
                })
                .collect();
            let pool: Vec<&Subscription> = if online.is_empty() {
                members.iter().collect()
            } else {
                online
            };
            let turn = self.share_turn.entry(group).or_default();
            let chosen = pool[*turn % pool.len()];
            *turn += 1;
            add_target(&mut targets, &message, chosen, usize::MAX);
        }
        let reached = targets.len();
        for ((client, _), delivery) in targets {
            self.deliver(&client, delivery);
        }
        reached
    }

    /// Sends a message to a client now, or queues it.
    fn deliver(&mut self, client: &ClientName, d: Delivery) {
        let msg = d.message.msg;
        let Some(session) = self.sessions.get(client) else {
            return;
        };
        let user = session.username.clone();
        if !self
            .config
            .allows(client, user.as_deref(), &d.message.topic, Access::Read)
        {
            self.trace.push(
                self.now,
                TraceKind::Dropped {
                    msg,
                    client: client.clone(),
                    reason: DropReason::NotAuthorizedToRead,
                },
            );
            return;
        }
        let online = session.conn.is_some();
        let can_send = online
            && (d.qos == QoS::AtMostOnce || session.window_open())
            && session.queue.is_empty();
        if can_send {
            self.transmit(client, d, false);
            return;
        }
        if !online && d.qos == QoS::AtMostOnce && !self.config.queue_qos0 {
            self.trace.push(
                self.now,
                TraceKind::Dropped {
                    msg,
                    client: client.clone(),
                    reason: DropReason::QoS0Offline,
                },
            );
            return;
        }
        self.enqueue(client, d);
    }

    /// Appends to a client's queue, or drops the message (traced) when the queue is full.
    pub(super) fn enqueue(&mut self, client: &ClientName, d: Delivery) {
        let msg = d.message.msg;
        let max = self.config.max_queued;
        let Some(session) = self.sessions.get_mut(client) else {
            return;
        };
        let client = client.clone();
        let kind = if session.queue.len() >= max {
            TraceKind::Dropped {
                msg,
                client,
                reason: DropReason::QueueFull,
            }
        } else {
            session.queue.push_back(d);
            let queue_len = session.queue.len();
            TraceKind::Queued {
                msg,
                client,
                queue_len,
            }
        };
        self.trace.push(self.now, kind);
    }

    /// Records an acknowledgement of an outgoing message.
    fn trace_ack(&mut self, msg: MsgId, client: &ClientName, packet: PacketType) {
        self.trace.push(
            self.now,
            TraceKind::Acknowledged {
                msg,
                client: client.clone(),
                packet,
            },
        );
    }

    /// Puts a PUBLISH on the wire for an online client (QoS 1/2 enter the in-flight window,
    /// marked when the message `waited` in the client's queue).
    fn transmit(&mut self, client: &ClientName, d: Delivery, waited: bool) {
        let Some(session) = self.sessions.get_mut(client) else {
            return;
        };
        let Some(conn) = session.conn else {
            return;
        };
        let msg = d.message.msg;
        if d.message.expires_at.is_some_and(|t| t <= self.now) {
            self.trace.push(
                self.now,
                TraceKind::Dropped {
                    msg,
                    client: client.clone(),
                    reason: DropReason::Expired,
                },
            );
            return;
        }
        let version = session.version;
        let packet_id = (d.qos != QoS::AtMostOnce).then(|| session.next_packet_id());
        let publish = outgoing_publish(&d, packet_id, false, version, self.now);
        // 5.0: never send a packet larger than the client's Maximum Packet Size; the message
        // is dropped for this client [MQTT-3.1.2-25].
        if let Some(max) = session.max_packet_size {
            let size = Packet::Publish(publish.clone())
                .to_bytes(version)
                .map_or(usize::MAX, |b| b.len());
            if size > max as usize {
                self.trace.push(
                    self.now,
                    TraceKind::Dropped {
                        msg,
                        client: client.clone(),
                        reason: DropReason::TooLarge,
                    },
                );
                return;
            }
        }
        if let Some(id) = packet_id {
            let stage = if d.qos == QoS::AtLeastOnce {
                Stage::AwaitPubAck
            } else {
                Stage::AwaitPubRec
            };
            session.inflight.insert(
                id.get(),
                InFlight {
                    delivery: d.clone(),
                    stage,
                    waited,
                },
            );
        }
        self.send_publish(conn, client, publish, msg);
    }

    /// Traces a delivery and sends its PUBLISH.
    fn send_publish(
        &mut self,
        conn: ConnId,
        client: &ClientName,
        mut publish: Publish,
        msg: MsgId,
    ) {
        let (qos, dup) = (publish.qos, publish.dup);
        if self.config.outgoing_topic_aliases {
            if let Some(c) = self
                .conns
                .get_mut(&conn)
                .filter(|c| c.version == Version::V5)
            {
                c.out_aliases.apply(&mut publish);
            }
        }
        self.trace.push(
            self.now,
            TraceKind::Delivered {
                msg,
                client: client.clone(),
                qos,
                dup,
            },
        );
        self.send(conn, Packet::Publish(publish), Some(msg));
    }

    /// After CONNACK on a resumed session: resend what was in flight (DUP), then the queue.
    pub(super) fn resume(&mut self, client: &ClientName) {
        let Some(session) = self.sessions.get_mut(client) else {
            return;
        };
        let Some(conn) = session.conn else {
            return;
        };
        // In flight stays as it is; each entry goes out again.
        let resend: Vec<(u16, InFlight)> = session
            .inflight
            .iter()
            .map(|(id, f)| (*id, f.clone()))
            .collect();
        let version = session.version;
        for (id, f) in resend {
            let msg = f.delivery.message.msg;
            let Some(pid) = PacketId::new(id) else {
                continue;
            };
            if f.stage == Stage::AwaitPubComp {
                self.send(conn, Packet::PubRel(Ack::new(pid)), Some(msg));
            } else {
                // Resend with the same packet id and DUP set [MQTT-4.4.0-1].
                let publish = outgoing_publish(&f.delivery, Some(pid), true, version, self.now);
                self.send_publish(conn, client, publish, msg);
            }
        }
        self.drain_queue(client);
    }

    /// Sends queued messages while the in-flight window has room.
    pub(super) fn drain_queue(&mut self, client: &ClientName) {
        loop {
            let Some(session) = self.sessions.get_mut(client) else {
                return;
            };
            let ready = session
                .queue
                .front()
                .is_some_and(|d| d.qos == QoS::AtMostOnce || session.window_open());
            if !ready || session.conn.is_none() {
                return;
            }
            let Some(d) = session.queue.pop_front() else {
                return;
            };
            self.transmit(client, d, true);
        }
    }

    /// PUBACK, PUBREC, PUBREL, PUBCOMP from a client.
    pub(super) fn on_ack(&mut self, conn: ConnId, t: PacketType, a: Ack, raw: Bytes) {
        let Some(client) = self.client_of(conn) else {
            return;
        };
        let id = a.packet_id.get();
        let msg: Option<MsgId> = self
            .sessions
            .get(&client)
            .and_then(|s| s.inflight.get(&id))
            .map(|f| f.delivery.message.msg);
        self.trace_in(conn, t, msg, raw);
        let Some(session) = self.sessions.get_mut(&client) else {
            return;
        };
        match t {
            PacketType::PubRel => {
                // Incoming QoS 2, step 3: forget the id and complete [MQTT-4.3.3-3].
                let known = session.incoming_qos2.remove(&id).is_some();
                let code = if known {
                    ReasonCode::SUCCESS
                } else {
                    ReasonCode::PACKET_ID_NOT_FOUND
                };
                let code = if session.version == Version::V5 {
                    code
                } else {
                    ReasonCode::SUCCESS
                };
                self.send(
                    conn,
                    Packet::PubComp(Ack {
                        code,
                        ..Ack::new(a.packet_id)
                    }),
                    None,
                );
            }
            PacketType::PubRec => {
                let Some(f) = session.inflight.get_mut(&id) else {
                    return;
                };
                if a.code.is_success() {
                    f.stage = Stage::AwaitPubComp;
                    let msg = f.delivery.message.msg;
                    self.trace_ack(msg, &client, t);
                    self.send(conn, Packet::PubRel(Ack::new(a.packet_id)), Some(msg));
                } else if let Some(f) = session.inflight.remove(&id) {
                    // 5.0: a failed PUBREC ends the exchange.
                    self.trace_ack(f.delivery.message.msg, &client, t);
                    self.drain_queue(&client);
                }
            }
            PacketType::PubAck | PacketType::PubComp => {
                let expected = if t == PacketType::PubAck {
                    Stage::AwaitPubAck
                } else {
                    Stage::AwaitPubComp
                };
                if session
                    .inflight
                    .get(&id)
                    .is_some_and(|f| f.stage == expected)
                {
                    if let Some(f) = session.inflight.remove(&id) {
                        self.trace_ack(f.delivery.message.msg, &client, t);
                    }
                    self.drain_queue(&client);
                }
            }
            _ => {}
        }
    }
}

/// The PUBLISH that delivers `d` to a client: the message's forwarded properties, its remaining
/// expiry and the matching subscription identifiers (5.0 only).
fn outgoing_publish(
    d: &Delivery,
    packet_id: Option<PacketId>,
    dup: bool,
    version: Version,
    now: Time,
) -> Publish {
    let mut properties = Properties::new();
    if version == Version::V5 {
        properties = d.message.properties.clone();
        if let Some(t) = d.message.expires_at {
            let left = (t - now).div_ceil(1000);
            properties.0.push(Property::MessageExpiryInterval(
                u32::try_from(left).unwrap_or(u32::MAX),
            ));
        }
        properties.0.extend(
            d.sub_ids
                .iter()
                .map(|id| Property::SubscriptionIdentifier(*id)),
        );
    }
    Publish {
        dup,
        qos: d.qos,
        retain: d.retain,
        topic: d.message.topic.clone(),
        packet_id,
        properties,
        payload: d.message.payload.clone(),
    }
}

/// Adds (or upgrades) a copy of a message for one matching subscription; copies with the
/// same `(client, slot)` are merged.
fn add_target(
    targets: &mut BTreeMap<(ClientName, usize), Delivery>,
    message: &Message,
    s: &Subscription,
    slot: usize,
) {
    let qos = message.qos.min(s.options.qos);
    let retain = s.options.retain_as_published && message.retain;
    let d = targets
        .entry((s.client.clone(), slot))
        .or_insert_with(|| Delivery {
            message: message.clone(),
            qos,
            retain,
            sub_ids: Vec::new(),
        });
    d.qos = d.qos.max(qos);
    d.retain |= retain;
    if let Some(id) = s.id {
        d.sub_ids.push(id);
    }
}
