//! `$SYS/broker/...`: the broker's own statistics, published (retained) on the virtual clock
//! as mosquitto does every `sys_interval` seconds.

use bytes::Bytes;

use super::{Broker, Message};
use crate::core::topic::TopicName;
use crate::core::types::QoS;

impl Broker {
    pub(super) fn publish_sys(&mut self) {
        let Some(due) = self.next_sys else {
            return;
        };
        if self.now < due {
            return;
        }
        self.next_sys = Some(self.now.plus_secs(self.config.sys_interval.max(1)));
        let connected = self.sessions.values().filter(|s| s.conn.is_some()).count();
        let values = [
            ("$SYS/broker/uptime", format!("{} seconds", self.now.secs())),
            ("$SYS/broker/clients/connected", connected.to_string()),
            (
                "$SYS/broker/messages/received",
                self.stats.received.to_string(),
            ),
            ("$SYS/broker/messages/sent", self.stats.sent.to_string()),
            (
                "$SYS/broker/retained messages/count",
                self.retained.len().to_string(),
            ),
        ];
        for (topic, value) in values {
            let Ok(topic) = TopicName::new(topic) else {
                continue;
            };
            let msg = self.new_msg_id();
            let message = Message {
                msg,
                topic,
                payload: Bytes::from(value),
                qos: QoS::AtMostOnce,
                retain: true,
                properties: Default::default(),
                expires_at: None,
            };
            self.route(None, message);
        }
    }
}
