//! The network: opening a device's connection (TCP, and TLS on 8883), its links' latency,
//! jitter and loss, closing it at either end, reconnecting, the cable, and what an eavesdropper
//! on the link reads.

use super::*;

impl World {
    /// Opens a connection if the device should be online and can be.
    pub(super) fn connect(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        if !d.wants_online() || !d.plugged || d.conn.is_some() || d.session.is_none() {
            return;
        }
        if let Some(slot) = d.reconnect.take() {
            self.queue.cancel(slot);
        }
        let conn = ConnId(self.next_conn);
        self.next_conn += 1;
        d.conn = Some(conn);
        d.conn_port = d.config.port.number();
        d.conn_broken = false;
        let rtt = 2 * d.config.link.latency_ms;
        let handshakes = if d.conn_port == 8883 { 3 } else { 1 };
        let at = self.now + rtt * handshakes;
        d.up_free = d.up_free.max(at);
        d.down_free = d.down_free.max(at);
        let port = d.conn_port;
        self.change(id, DeviceChange::Connecting { conn, port });
        self.queue.schedule(at, Event::Established(id, conn));
    }

    pub(super) fn established(&mut self, id: DeviceId, conn: ConnId) {
        if self.devices[id].conn != Some(conn) {
            return;
        }
        self.conns.insert(conn, id);
        self.broker.handle_open(self.now, conn);
        self.pump_broker();
        let d = &mut self.devices[id];
        let connect = connect_packet(&d.config);
        if let Some(s) = d.session.as_mut() {
            s.set_connect(connect);
            s.start(self.now);
        }
        d.supervisor.handle_opened(self.now);
        self.pump_device(id);
    }

    /// The device's side of a connection ends (the broker's side is told separately).
    pub(super) fn drop_connection(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        d.conn = None;
        d.received = 0;
        if let Some(s) = d.session.as_mut() {
            s.handle_closed();
        }
        if let Some(slot) = d.timer.take() {
            self.queue.cancel(slot);
        }
    }

    pub(super) fn schedule_reconnect(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        if !d.plugged || d.reconnect.is_some() {
            return;
        }
        // The reconnect interval may have changed since (an action).
        d.supervisor
            .set_policy(Policy::device(d.config.reconnect_ms));
        let link_rng = &mut d.link_rng;
        if let Some(at) = d.supervisor.handle_lost(self.now, |n| link_rng.below(n)) {
            d.reconnect = Some(self.queue.schedule(at, Event::Reconnect(id)));
        }
    }

    pub(super) fn go_offline(&mut self, id: DeviceId) {
        let d = &mut self.devices[id];
        d.supervisor.go_offline();
        if let Some(slot) = d.reconnect.take() {
            self.queue.cancel(slot);
        }
        let Some(conn) = d.conn else {
            return;
        };
        if let Some(s) = d.session.as_mut() {
            s.disconnect(self.now);
        }
        self.flush_device(id, conn);
        let d = &mut self.devices[id];
        let close_at = d.up_free.max(self.now + d.config.link.latency_ms);
        d.up_free = close_at;
        let broken = d.conn_broken;
        self.drop_connection(id);
        if !broken {
            self.queue.schedule(close_at, Event::CloseAtBroker(conn));
        }
        self.change(id, DeviceChange::Offline);
    }

    pub(super) fn replug(&mut self, id: DeviceId) {
        if !self.devices[id].plugged {
            self.devices[id].plugged = true;
            self.change(id, DeviceChange::Replugged);
            self.connect(id);
        }
    }

    pub(super) fn pull_plug(&mut self, id: DeviceId) {
        if !self.devices[id].plugged {
            return;
        }
        self.devices[id].plugged = false;
        self.devices[id].supervisor.cancel_retry();
        if let Some(slot) = self.devices[id].reconnect.take() {
            self.queue.cancel(slot);
        }
        if self.devices[id].conn.is_some() {
            self.drop_connection(id);
        }
        self.change(id, DeviceChange::Unplugged);
    }

    pub(super) fn flush_device(&mut self, id: DeviceId, conn: ConnId) {
        while let Some(bytes) = self.devices[id]
            .session
            .as_mut()
            .and_then(|s| s.poll_transmit())
        {
            self.transmit(id, conn, true, bytes);
        }
    }

    /// Puts bytes on a device's link, one way or the other.
    pub(super) fn transmit(&mut self, id: DeviceId, conn: ConnId, to_broker: bool, bytes: Bytes) {
        let now = self.now;
        let d = &mut self.devices[id];
        let tls = d.conn_port == 8883;
        let link = d.config.link;
        let unplugged = !d.plugged;
        let lost = unplugged
            || d.conn_broken
            || (link.loss.is_positive() && d.link_rng.chance(link.loss.get()));
        let jitter = if link.jitter_ms > 0 {
            d.link_rng.below(link.jitter_ms + 1)
        } else {
            0
        };
        let free = if to_broker {
            &mut d.up_free
        } else {
            &mut d.down_free
        };
        let arrives = (*free).max(now + link.latency_ms + jitter);
        if !lost {
            *free = arrives;
        }
        let newly_broken = lost && !unplugged && !d.conn_broken;
        if newly_broken {
            d.conn_broken = true;
        }
        let packet = bytes.first().and_then(|b| PacketType::from_u8(b >> 4));
        let qos = (packet == Some(PacketType::Publish))
            .then(|| bytes.first().and_then(|b| QoS::from_u8((b >> 1) & 3)))
            .flatten();
        let len = bytes.len() + if tls { TLS_OVERHEAD } else { 0 };
        let device = d.name.clone();
        self.trace.push(
            now,
            TraceKind::Transmitted {
                device,
                conn,
                to_broker,
                packet,
                qos,
                len,
                arrives: (!lost).then_some(arrives),
                bytes: if packet == Some(PacketType::Connect) {
                    mask_password(bytes.clone(), Version::V311)
                } else {
                    bytes.clone()
                },
            },
        );
        if !unplugged {
            self.eavesdrop(id, to_broker, tls, &bytes);
        }
        if newly_broken {
            let give_up = now + 2 * link.latency_ms + RETRANSMIT_GIVE_UP_MS;
            self.queue.schedule(give_up, Event::CloseAtDevice(id, conn));
            self.queue.schedule(give_up, Event::CloseAtBroker(conn));
        } else if !lost {
            let event = if to_broker {
                Event::ToBroker(conn, bytes)
            } else {
                Event::ToDevice(id, conn, bytes)
            };
            self.queue.schedule(arrives, event);
        }
    }

    pub(super) fn eavesdrop(&mut self, id: DeviceId, to_broker: bool, tls: bool, bytes: &Bytes) {
        if self.spies.is_empty() {
            return;
        }
        let target = self.devices[id].name.clone();
        let spies: Vec<_> = (self.spies.iter().map(|&i| &self.devices[i]))
            .filter(|d| match &d.config.kind {
                DeviceKind::Eavesdropper { targets } => {
                    d.plugged && (targets.is_empty() || targets.iter().any(|t| **t == *target))
                }
                _ => false,
            })
            .map(|d| d.name.clone())
            .collect();
        if spies.is_empty() {
            return;
        }
        let seen = if tls {
            Seen::Opaque {
                len: bytes.len() + TLS_OVERHEAD,
            }
        } else {
            let version = self.devices[id]
                .session
                .as_ref()
                .map_or(Version::V311, |s| s.version());
            match decode(bytes, version, MAX_PACKET_SIZE) {
                Ok(Decoded::Packet { packet, .. }) => clear_view(packet),
                _ => Seen::Opaque { len: bytes.len() },
            }
        };
        for device in spies {
            self.trace.push(
                self.now,
                TraceKind::Eavesdropped {
                    device,
                    target: target.clone(),
                    to_broker,
                    seen: seen.clone(),
                },
            );
        }
    }
}

/// What an eavesdropper reads from a packet in clear.
fn clear_view(packet: Packet) -> Seen {
    let kind = packet.packet_type();
    let (mut topic, mut payload, mut username, mut password) = (None, None, None, None);
    match packet {
        Packet::Connect(c) => {
            username = c.username;
            password = c.password.map(|p| String::from_utf8_lossy(&p).into_owned());
        }
        Packet::Publish(p) => {
            topic = Some(p.topic);
            payload = Some(p.payload);
        }
        _ => {}
    }
    Seen::Clear {
        packet: kind,
        topic,
        payload,
        username,
        password,
    }
}
