//! What the real client received: the messages (the newest [`KEEP`]), each topic's count and
//! last value, and its recent values for the chart, all bounded.

use std::collections::VecDeque;

use bytes::Bytes;
use litemap::LiteMap;
use wasm_bindgen::JsValue;

use crate::core::codec::Publish;
use crate::core::topic::TopicName;

/// Messages kept for the list (newest last).
pub const KEEP: usize = 500;
/// Topics kept for the tree (a flood of new topics stops adding lines, not counting).
pub const TOPICS: usize = 5_000;
/// Values kept per topic for its history and chart.
pub const HISTORY: usize = 50;

/// A message received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// Topic.
    pub topic: TopicName,
    /// Payload.
    pub payload: Bytes,
    /// QoS.
    pub qos: u8,
    /// Retained.
    pub retain: bool,
    /// 5.0 properties, as text (content type, user properties…).
    pub properties: String,
}

/// What arrived.
#[derive(Default)]
pub struct Inbox {
    /// Messages received, newest last.
    pub messages: VecDeque<Received>,
    /// Per topic: count and last payload.
    pub topics: LiteMap<String, (u64, Bytes)>,
    /// Per topic: the last values, newest last.
    pub history: LiteMap<String, VecDeque<Bytes>>,
    /// Messages received in all.
    pub received_total: u64,
    /// Resolved once `received_total` reaches the count (benchmarks wait on it).
    pub waiter: Option<(u64, js_sys::Function)>,
}

impl Inbox {
    /// Takes in a message.
    pub fn take(&mut self, p: Publish) {
        self.received_total += 1;
        if self
            .waiter
            .as_ref()
            .is_some_and(|(n, _)| self.received_total >= *n)
        {
            if let Some((_, resolve)) = self.waiter.take() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        let room = self.topics.len() < TOPICS;
        match self.topics.get_mut(p.topic.as_str()) {
            Some(entry) => *entry = (entry.0 + 1, p.payload.clone()),
            None if room => {
                let name = p.topic.as_str().to_string();
                self.topics.insert(name.clone(), (1, p.payload.clone()));
                self.history.insert(name, VecDeque::new());
            }
            None => {}
        }
        if let Some(h) = self.history.get_mut(p.topic.as_str()) {
            if h.len() == HISTORY {
                h.pop_front();
            }
            h.push_back(p.payload.clone());
        }
        let topic = p.topic;
        if self.messages.len() == KEEP {
            self.messages.pop_front();
        }
        let properties = p
            .properties
            .0
            .iter()
            .map(|x| format!("{} {}", x.id().name(), x.value_text()))
            .collect::<Vec<_>>()
            .join(", ");
        self.messages.push_back(Received {
            topic,
            payload: p.payload,
            qos: p.qos.as_u8(),
            retain: p.retain,
            properties,
        });
    }
}
