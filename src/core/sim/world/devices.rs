//! The devices' behaviour: their sessions' events, subscriptions wanted and made again,
//! messages received (a light obeys, a responder answers), publishing, and their timers.

use super::*;

impl World {
    /// Sends what the device's session has queued, and handles its events.
    pub(super) fn pump_device(&mut self, id: DeviceId) {
        while let Some(conn) = self.devices[id].conn {
            self.flush_device(id, conn);
            let Some(event) = self.devices[id]
                .session
                .as_mut()
                .and_then(|s| s.poll_event())
            else {
                break;
            };
            self.on_client_event(id, event);
        }
        // Events after the connection ended (a refusal, a malformed packet).
        while let Some(event) = self.devices[id]
            .session
            .as_mut()
            .and_then(|s| s.poll_event())
        {
            self.on_client_event(id, event);
        }
        self.arm_device_timer(id);
    }

    pub(super) fn arm_device_timer(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        let due = d.session.as_ref().and_then(|s| s.poll_timeout());
        if d.timer.map(|s| s.at) == due {
            return;
        }
        if let Some(slot) = d.timer.take() {
            self.queue.cancel(slot);
        }
        d.timer = due.map(|at| {
            self.queue
                .schedule(at.max(self.now), Event::SessionTimer(id))
        });
    }

    pub(super) fn on_client_event(&mut self, id: DeviceId, event: ClientEvent) {
        match event {
            ClientEvent::Connected { session_present } => {
                let resync = self.devices[id]
                    .supervisor
                    .handle_connected(session_present);
                self.change(id, DeviceChange::Online { session_present });
                self.resync(id, resync);
                if let DeviceKind::Actuator {
                    state_topic,
                    qos: q,
                    ..
                } = &self.devices[id].config.kind
                {
                    let (topic, q) = (state_topic.clone(), *q);
                    let state = Bytes::from(self.devices[id].state.clone());
                    self.publish(id, topic, state, q, true, Properties::new());
                }
            }
            ClientEvent::Refused { code } => {
                self.devices[id].supervisor.handle_refused();
                self.change(id, DeviceChange::Refused { code });
            }
            ClientEvent::Message(p) => self.on_message(id, p),
            ClientEvent::Subscribed { packet_id, codes } => {
                let granted = codes.iter().map(|c| c.is_success());
                let _refused =
                    (self.devices[id].supervisor).handle_suback(packet_id.get(), granted);
            }
            ClientEvent::DisconnectedByBroker { .. }
            | ClientEvent::Malformed(_)
            | ClientEvent::Published { .. }
            | ClientEvent::Unsubscribed { .. } => {}
        }
    }

    /// Once connected: unsubscribes what was dropped while offline, subscribes what the
    /// session lacks.
    pub(super) fn resync(&mut self, id: DeviceId, resync: Resync) {
        let gone: Vec<TopicFilter> = (resync.unsubscribe.iter())
            .filter_map(|f| TopicFilter::new(f.as_str()).ok())
            .collect();
        if let Some(s) = self.devices[id].session.as_mut() {
            if !gone.is_empty() {
                s.unsubscribe(self.now, gone);
            }
        }
        let wanted = (resync.subscribe.into_iter())
            .map(|(f, o)| (f, o.qos))
            .collect();
        self.send_subscribe(id, wanted);
    }

    pub(super) fn send_subscribe(&mut self, id: DeviceId, wanted: Vec<(String, QoS)>) {
        let d = &mut self.devices[id];
        let mut texts = Vec::new();
        let mut filters = Vec::new();
        for (text, q) in wanted {
            if let Ok(f) = TopicFilter::new(text.as_str()) {
                filters.push((f, SubscriptionOptions::qos(q)));
                texts.push(text);
            }
        }
        if filters.is_empty() || !d.is_online() {
            return;
        }
        if let Some(s) = d.session.as_mut() {
            let pid = s.subscribe(self.now, filters);
            d.supervisor.handle_subscribing(pid.get(), texts);
        }
    }

    pub(super) fn subscribe(&mut self, id: DeviceId, filter: String, q: QoS) {
        let d = &mut self.devices[id];
        d.supervisor
            .want(filter.clone(), SubscriptionOptions::qos(q));
        self.send_subscribe(id, vec![(filter, q)]);
        self.pump_device(id);
    }

    pub(super) fn unsubscribe(&mut self, id: DeviceId, filter: String) {
        let d = &mut self.devices[id];
        let online = d.is_online();
        if !d
            .supervisor
            .unwant(&filter, online, !d.config.clean_session)
        {
            return;
        }
        if online {
            if let (Some(s), Ok(f)) = (d.session.as_mut(), TopicFilter::new(filter.as_str())) {
                s.unsubscribe(self.now, vec![f]);
            }
        }
        self.pump_device(id);
    }

    pub(super) fn on_message(&mut self, id: DeviceId, p: crate::core::codec::Publish) {
        let device = self.devices[id].name.clone();
        let correlation = correlation_of(&p.properties);
        self.trace.push(
            self.now,
            TraceKind::DeviceReceived {
                device,
                topic: p.topic.clone(),
                payload: p.payload.clone(),
                qos: p.qos,
                retain: p.retain,
                dup: p.dup,
                correlation: correlation.clone(),
            },
        );
        self.devices[id].remember(self.now, &p.topic, &p.payload);
        if let DeviceKind::Responder {
            filter, delay_ms, ..
        } = &self.devices[id].config.kind
        {
            let asked = filter.matches(&p.topic);
            let to = match p.properties.get(PropertyId::ResponseTopic) {
                Some(Property::ResponseTopic(t)) => TopicName::new(t.as_str()).ok(),
                _ => None,
            };
            if let (true, Some(to)) = (asked, to) {
                let at = self.now + *delay_ms;
                self.queue
                    .schedule(at, Event::Reply(id, to, correlation, p.qos));
            }
            return;
        }
        if let DeviceKind::Actuator {
            command_topic,
            state_topic,
            qos: q,
            ..
        } = &self.devices[id].config.kind
        {
            if p.topic != *command_topic {
                return;
            }
            let order = String::from_utf8_lossy(&p.payload)
                .trim()
                .to_ascii_uppercase();
            let current = self.devices[id].state.clone();
            let next = match order.as_str() {
                "ON" | "1" | "TRUE" => "ON",
                "OFF" | "0" | "FALSE" => "OFF",
                "TOGGLE" if current == "ON" => "OFF",
                "TOGGLE" => "ON",
                _ => return,
            };
            let (topic, q) = (state_topic.clone(), *q);
            self.devices[id].state = next.to_string();
            let payload = Bytes::from_static(next.as_bytes());
            self.publish(id, topic, payload, q, true, Properties::new());
        }
    }

    /// A device's application publishes.
    pub(super) fn publish(
        &mut self,
        id: DeviceId,
        topic: TopicName,
        payload: Bytes,
        q: QoS,
        retain: bool,
        props: Properties,
    ) {
        let d = &mut self.devices[id];
        let Some(s) = d.session.as_mut() else {
            return;
        };
        let sent = d.conn.is_some() && s.state() == crate::core::client::State::Connected;
        // 3.1.1 has no properties: a 5.0 field on a 3.1.1 device is left out.
        let properties = if s.version() == Version::V5 {
            props
        } else {
            Properties::new()
        };
        let correlation = correlation_of(&properties);
        let publish = crate::core::codec::Publish {
            qos: q,
            retain,
            properties,
            ..crate::core::codec::Publish::new(topic.clone(), payload.clone())
        };
        s.publish_message(self.now, publish);
        let device = d.name.clone();
        self.trace.push(
            self.now,
            TraceKind::DeviceSent {
                device,
                topic,
                payload,
                qos: q,
                retain,
                sent,
                correlation,
            },
        );
        self.pump_device(id);
    }

    pub(super) fn tick(&mut self, id: DeviceId) {
        let (topic, payload, q, retain, every) = match &self.devices[id].config.kind {
            DeviceKind::Sensor {
                topic,
                interval_ms,
                qos: q,
                retain,
                ..
            } => {
                let (topic, q, retain, every) = (topic.clone(), *q, *retain, interval_ms.ms());
                let reading = self.devices[id].next_reading();
                (topic, reading, q, retain, every)
            }
            DeviceKind::Intruder {
                topic,
                payload,
                interval_ms,
            } => (
                topic.clone(),
                payload.clone(),
                QoS::AtMostOnce,
                false,
                interval_ms.ms(),
            ),
            _ => return,
        };
        self.queue.schedule(self.now + every, Event::Tick(id));
        self.publish(
            id,
            topic,
            Bytes::from(payload),
            q,
            retain,
            Properties::new(),
        );
    }

    pub(super) fn custom_publish(&mut self, id: DeviceId, i: usize) {
        let DeviceKind::Custom { publishes, .. } = &self.devices[id].config.kind else {
            return;
        };
        let Some(p) = publishes.get(i).cloned() else {
            return;
        };
        if p.every_ms > 0 {
            self.queue
                .schedule(self.now + p.every_ms, Event::CustomPublish(id, i));
        }
        let payload = Bytes::from(p.payload);
        self.publish(id, p.topic, payload, p.qos, p.retain, Properties::new());
    }
}

/// A PUBLISH's 5.0 Correlation Data.
fn correlation_of(properties: &Properties) -> Option<Bytes> {
    match properties.get(PropertyId::CorrelationData) {
        Some(Property::CorrelationData(c)) => Some(c.clone()),
        _ => None,
    }
}

/// Sets the QoS a device publishes with.
pub(super) fn set_kind_qos(kind: &mut DeviceKind, q: QoS) {
    match kind {
        DeviceKind::Sensor { qos, .. } | DeviceKind::Actuator { qos, .. } => *qos = q,
        DeviceKind::Custom { publishes, .. } => publishes.iter_mut().for_each(|p| p.qos = q),
        _ => {}
    }
}
