//! SUBSCRIBE and UNSUBSCRIBE, and the retained store they read.

use super::{Broker, Delivery, Message, Retained, Subscription};
use crate::core::codec::{
    Packet, Property, PropertyId, ReasonCode, RetainHandling, SubAck, Subscribe, Unsubscribe,
};
use crate::core::topic::TopicFilter;
use crate::core::trace::{ClientName, ConnId, TraceKind};
use crate::core::types::QoS;

impl Broker {
    pub(super) fn on_subscribe(&mut self, conn: ConnId, s: Subscribe) {
        let Some(client) = self.client_of(conn) else {
            return;
        };
        if !self.sessions.contains_key(&client) {
            return;
        }
        let sub_id = match s.properties.get(PropertyId::SubscriptionIdentifier) {
            Some(Property::SubscriptionIdentifier(id)) => Some(*id),
            _ => None,
        };
        let mut codes = Vec::with_capacity(s.filters.len());
        let mut retained_for = Vec::new();
        for (filter, options) in s.filters {
            // As mosquitto 2.0 does, a subscription is granted even where the ACL denies
            // reading: each message is checked at delivery instead (dropped, and traced).
            let new = self.tree.insert(Subscription {
                client: client.clone(),
                filter: filter.clone(),
                options,
                id: sub_id,
            });
            if let Some(session) = self.sessions.get_mut(&client) {
                session
                    .subscriptions
                    .insert(filter.to_string(), filter.clone());
            }
            codes.push(ReasonCode(options.qos.as_u8()));
            // Retained messages: not for shared subscriptions [MQTT-3.8.4-?]; as retain
            // handling says in 5.0 (always in 3.1.1).
            let send = filter.share_group().is_none()
                && match options.retain_handling {
                    RetainHandling::SendAtSubscribe => true,
                    RetainHandling::SendIfNew => new,
                    RetainHandling::DoNotSend => false,
                };
            if send {
                retained_for.push((filter, options.qos));
            }
        }
        self.send(
            conn,
            Packet::SubAck(SubAck {
                packet_id: s.packet_id,
                properties: Default::default(),
                codes,
            }),
            None,
        );
        for (filter, max_qos) in retained_for {
            let matching: Vec<Message> = self
                .retained
                .values()
                .filter(|r| filter.matches(&r.message.topic))
                .map(|r| r.message.clone())
                .collect();
            for message in matching {
                let qos = message.qos.min(max_qos);
                let d = Delivery {
                    message,
                    qos,
                    retain: true,
                    sub_ids: sub_id.into_iter().collect(),
                };
                self.send_retained(&client, &filter, d);
            }
        }
    }

    /// Sends a retained message to a new subscriber (queued behind the window like any other).
    fn send_retained(&mut self, client: &ClientName, filter: &TopicFilter, d: Delivery) {
        let msg = d.message.msg;
        self.trace.push(
            self.now,
            TraceKind::RetainedSent {
                msg,
                client: client.clone(),
                filter: filter.clone(),
            },
        );
        let Some(session) = self.sessions.get_mut(client) else {
            return;
        };
        if d.qos == QoS::AtMostOnce || session.window_open() {
            session.queue.push_front(d);
            self.drain_queue(client);
        } else {
            self.enqueue(client, d);
        }
    }

    pub(super) fn on_unsubscribe(&mut self, conn: ConnId, u: Unsubscribe) {
        let Some(client) = self.client_of(conn) else {
            return;
        };
        let mut codes = Vec::with_capacity(u.filters.len());
        for filter in &u.filters {
            let existed = self.tree.remove(&client, filter);
            if let Some(s) = self.sessions.get_mut(&client) {
                s.subscriptions.remove(filter.as_str());
            }
            codes.push(if existed {
                ReasonCode::SUCCESS
            } else {
                ReasonCode::NO_SUBSCRIPTION_EXISTED
            });
        }
        self.send(
            conn,
            Packet::UnsubAck(SubAck {
                packet_id: u.packet_id,
                properties: Default::default(),
                codes,
            }),
            None,
        );
    }

    /// Stores, replaces or (with an empty payload) clears a topic's retained message.
    pub(super) fn store_retained(&mut self, message: &Message) {
        let topic = message.topic.clone();
        if message.payload.is_empty() {
            if self.retained.remove(&topic).is_some() {
                self.trace
                    .push(self.now, TraceKind::RetainedCleared { topic });
            }
            return;
        }
        self.retained.insert(
            topic.clone(),
            Retained {
                message: message.clone(),
            },
        );
        self.trace.push(
            self.now,
            TraceKind::RetainedStored {
                msg: message.msg,
                topic,
            },
        );
    }
}
