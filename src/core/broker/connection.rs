//! Connections and session lifecycle: CONNECT and CONNACK, takeover, DISCONNECT, closes,
//! wills, keep-alive and session expiry.

use bytes::Bytes;

use super::{keep_alive_deadline, Broker, Output, Session};
use crate::core::codec::{
    ConnAck, Connect, Control, DecodeError, OutgoingAliases, Packet, Properties, Property,
    PropertyId, ReasonCode, Version,
};
use crate::core::trace::{ClientName, ConnId, MsgId, TraceKind, Violation};

impl Broker {
    /// Dispatches one decoded packet.
    pub(super) fn on_packet(&mut self, conn: ConnId, packet: Packet, raw: Bytes) {
        let connected = self.client_of(conn).is_some();
        let packet_type = packet.packet_type();
        match packet {
            Packet::Connect(c) => {
                let raw = crate::core::codec::mask_password(raw, c.version);
                self.trace_in(conn, packet_type, None, raw);
                if connected {
                    self.protocol_error(conn, Violation::SecondConnect);
                } else {
                    self.on_connect(conn, *c);
                }
            }
            _ if !connected => {
                self.trace_in(conn, packet_type, None, raw);
                self.protocol_error(conn, Violation::BeforeConnect(packet_type));
            }
            Packet::Publish(p) => self.on_publish(conn, p, raw),
            Packet::PubAck(a) | Packet::PubRec(a) | Packet::PubRel(a) | Packet::PubComp(a) => {
                self.on_ack(conn, packet_type, a, raw)
            }
            Packet::Subscribe(s) => {
                self.trace_in(conn, packet_type, None, raw);
                self.on_subscribe(conn, s);
            }
            Packet::Unsubscribe(u) => {
                self.trace_in(conn, packet_type, None, raw);
                self.on_unsubscribe(conn, u);
            }
            Packet::PingReq => {
                self.trace_in(conn, packet_type, None, raw);
                self.send(conn, Packet::PingResp, None);
            }
            Packet::Disconnect(d) => {
                self.trace_in(conn, packet_type, None, raw);
                self.on_disconnect(conn, d);
            }
            other => {
                // CONNACK, SUBACK, UNSUBACK, PINGRESP, AUTH: a client never sends these here.
                let t = other.packet_type();
                self.trace_in(conn, t, None, raw);
                self.protocol_error(conn, Violation::NotFromClient(t));
            }
        }
    }

    fn on_connect(&mut self, conn: ConnId, c: Connect) {
        let v = c.version;
        if let Some(x) = self.conns.get_mut(&conn) {
            x.version = v;
        }
        let refuse = |code311: u8, code5: ReasonCode| match v {
            Version::V311 => ReasonCode(code311),
            Version::V5 => code5,
        };
        let mut client = c.client_id.as_str().to_owned();
        let mut assigned = None;
        // Credentials first. A wrong password or unknown user is refused as "not authorized",
        // as mosquitto 2.0 does (not "bad user name or password").
        let code = match &c.username {
            Some(user) => match self.config.users.get(user) {
                Some(pw) if c.password.as_deref() == Some(pw.as_bytes()) => ReasonCode::SUCCESS,
                _ => refuse(5, ReasonCode::NOT_AUTHORIZED),
            },
            None if !self.config.allow_anonymous => refuse(5, ReasonCode::NOT_AUTHORIZED),
            None => ReasonCode::SUCCESS,
        };
        let code = if code == ReasonCode::SUCCESS && client.is_empty() {
            if v == Version::V311 && !c.clean_start {
                // 3.1.1: an empty client id needs clean session [MQTT-3.1.3-8].
                ReasonCode(2)
            } else {
                self.next_assigned += 1;
                client = format!("auto-{:08X}", self.next_assigned);
                assigned = Some(client.clone());
                ReasonCode::SUCCESS
            }
        } else {
            code
        };
        // A keep-alive longer than the broker allows (or none at all): a 5.0 client is told
        // the limit in CONNACK; a 3.1.1 client is refused, as mosquitto 2.0 does.
        let max_keepalive = self.config.max_keepalive;
        let over = max_keepalive > 0 && (c.keep_alive == 0 || c.keep_alive > max_keepalive);
        let code = if code == ReasonCode::SUCCESS && over && v == Version::V311 {
            ReasonCode(2)
        } else {
            code
        };
        let keep_alive = if over { max_keepalive } else { c.keep_alive };
        let client = ClientName::from(client);
        self.trace.push(
            self.now,
            TraceKind::Auth {
                client: client.clone(),
                username: c.username.clone(),
                code,
            },
        );
        // CONNACK accepts only with 0: 3.1.1 refusals are 1–5, below 0x80.
        if code != ReasonCode::SUCCESS {
            self.send(
                conn,
                Packet::ConnAck(ConnAck {
                    session_present: false,
                    code,
                    properties: Properties::new(),
                }),
                None,
            );
            self.close(conn, true);
            return;
        }

        // Takeover: the client id is online elsewhere [MQTT-3.1.4-3].
        if let Some(old) = self.sessions.get(&client).and_then(|s| s.conn) {
            if old != conn {
                self.trace.push(
                    self.now,
                    TraceKind::TakenOver {
                        client: client.clone(),
                        old,
                    },
                );
                self.disconnect_with(old, ReasonCode::SESSION_TAKEN_OVER);
            }
        }
        // A reconnect cancels a will waiting for its delay.
        self.pending_wills.remove(&client);

        let expiry = match v {
            Version::V311 if c.clean_start => Some(0),
            Version::V311 => None,
            Version::V5 => {
                let secs = c
                    .properties
                    .u32(PropertyId::SessionExpiryInterval)
                    .unwrap_or(0);
                if secs == u32::MAX {
                    None
                } else {
                    Some(secs)
                }
            }
        };
        if c.clean_start {
            self.end_session(&client);
        }
        let session_present = self.sessions.contains_key(&client);
        let window = c
            .properties
            .u16(PropertyId::ReceiveMaximum)
            .map_or(self.config.max_inflight, |n| {
                n.min(self.config.max_inflight)
            });
        let alias_max = c.properties.u16(PropertyId::TopicAliasMaximum).unwrap_or(0);
        let max_packet_size = c.properties.u32(PropertyId::MaximumPacketSize);
        let session = self
            .sessions
            .entry(client.clone())
            .or_insert_with(|| Session::new(client.clone(), v, expiry));
        session.version = v;
        session.expiry = expiry;
        session.expires_at = None;
        session.conn = Some(conn);
        session.username = c.username.clone();
        session.window = window;
        session.max_packet_size = max_packet_size;
        let queued = session.queue.len();
        self.trace.push(
            self.now,
            if session_present {
                TraceKind::SessionResumed {
                    client: client.clone(),
                    queued,
                }
            } else {
                TraceKind::SessionCreated {
                    client: client.clone(),
                    persistent: expiry != Some(0),
                }
            },
        );
        if let Some(x) = self.conns.get_mut(&conn) {
            x.client = Some(client.clone());
            x.keep_alive = keep_alive;
            x.will = c.will;
            x.last_seen = self.now;
            x.out_aliases = OutgoingAliases::new(alias_max);
        }
        if keep_alive > 0 {
            self.wake_at(crate::core::broker::keep_alive_deadline(
                self.now, keep_alive,
            ));
        }
        let mut properties = Properties::new();
        if v == Version::V5 {
            if let Some(id) = assigned {
                properties.0.push(Property::AssignedClientIdentifier(id));
            }
            properties
                .0
                .push(Property::TopicAliasMaximum(self.config.max_topic_alias));
            properties
                .0
                .push(Property::ReceiveMaximum(self.advertised_receive_maximum()));
            if over {
                properties.0.push(Property::ServerKeepAlive(keep_alive));
            }
        }
        self.send(
            conn,
            Packet::ConnAck(ConnAck {
                session_present,
                code,
                properties,
            }),
            None,
        );
        self.resume(&client);
    }

    /// The Receive Maximum CONNACK carries: the setting when below 65535, otherwise
    /// `max_inflight`, as mosquitto advertises its `max_inflight_messages`.
    pub(super) fn advertised_receive_maximum(&self) -> u16 {
        match self.config.receive_maximum {
            u16::MAX => self.config.max_inflight.max(1),
            n => n,
        }
    }

    fn on_disconnect(&mut self, conn: ConnId, d: Control) {
        let client = self.client_of(conn);
        // 5.0: DISCONNECT may change the session expiry interval.
        if let (Some(client), Some(secs)) =
            (&client, d.properties.u32(PropertyId::SessionExpiryInterval))
        {
            if let Some(s) = self.sessions.get_mut(client) {
                s.expiry = if secs == u32::MAX { None } else { Some(secs) };
            }
        }
        // 5.0 reason 0x04: disconnect but send the will all the same.
        let keep_will = d.code == ReasonCode::DISCONNECT_WITH_WILL;
        self.close(conn, !keep_will);
    }

    /// Sends DISCONNECT with a reason (5.0 only) and closes the connection (not graceful:
    /// the will is published).
    pub(super) fn disconnect_with(&mut self, conn: ConnId, code: ReasonCode) {
        self.disconnect_for(conn, code, None);
    }

    /// [`Broker::disconnect_with`], naming the message that caused it (for its journey).
    fn disconnect_for(&mut self, conn: ConnId, code: ReasonCode, msg: Option<MsgId>) {
        if self
            .conns
            .get(&conn)
            .is_some_and(|c| c.version == Version::V5 && c.client.is_some())
        {
            self.send(conn, Packet::Disconnect(Control::with_code(code)), msg);
        }
        self.close(conn, false);
    }

    /// A malformed packet or a protocol violation: trace it, tell a 5.0 client why, close.
    pub(super) fn protocol_error(&mut self, conn: ConnId, violation: Violation) {
        self.protocol_error_for(conn, violation, None);
    }

    /// [`Broker::protocol_error`] caused by a message the broker numbered (its journey shows
    /// the DISCONNECT).
    pub(super) fn protocol_error_for(
        &mut self,
        conn: ConnId,
        violation: Violation,
        msg: Option<MsgId>,
    ) {
        let code = violation.reason_code();
        let unsupported = matches!(
            violation,
            Violation::Malformed(DecodeError::UnsupportedProtocolLevel { .. })
        );
        self.trace
            .push(self.now, TraceKind::ProtocolError { conn, violation });
        if self.client_of(conn).is_none() {
            if unsupported {
                // 3.1.1 asks for CONNACK 0x01 before closing [MQTT-3.1.2-2].
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.version = Version::V311;
                }
                let ack = ConnAck {
                    session_present: false,
                    code: ReasonCode(1),
                    properties: Properties::new(),
                };
                self.send(conn, Packet::ConnAck(ack), None);
            }
            self.close(conn, false);
            return;
        }
        self.disconnect_for(conn, code, msg);
    }

    /// Closes a connection: the session goes offline (or ends), and without a DISCONNECT the
    /// will is published.
    pub(super) fn close(&mut self, conn: ConnId, graceful: bool) {
        let Some(c) = self.conns.remove(&conn) else {
            return;
        };
        self.out.push_back(Output::Close { conn });
        self.trace.push(
            self.now,
            TraceKind::ConnectionClosed {
                conn,
                client: c.client.clone(),
                graceful,
            },
        );
        let Some(client) = c.client else {
            return;
        };
        let Some(session) = self.sessions.get_mut(&client) else {
            return;
        };
        if session.conn != Some(conn) {
            return;
        }
        session.conn = None;
        let username = session.username.clone();
        let ends = session.ends_on_disconnect();
        session.expires_at = session
            .expiry
            .filter(|s| *s > 0)
            .map(|s| self.now.plus_secs(u64::from(s)));
        if let Some(at) = session.expires_at {
            self.wake_at(at);
        }
        if let Some(will) = c.will.filter(|_| !graceful) {
            let delay = will
                .properties
                .u32(PropertyId::WillDelayInterval)
                .unwrap_or(0);
            if delay > 0 && !ends {
                let at = self.now.plus_secs(u64::from(delay));
                self.pending_wills
                    .insert(client.clone(), (at, will, username));
                self.wake_at(at);
            } else {
                self.fire_will(&client, will, username);
            }
        }
        if ends {
            self.end_session(&client);
        }
    }

    fn fire_will(
        &mut self,
        client: &ClientName,
        will: crate::core::codec::Will,
        username: Option<String>,
    ) {
        let msg = self.new_msg_id();
        self.trace.push(
            self.now,
            TraceKind::WillFired {
                client: client.clone(),
                msg,
            },
        );
        let allowed = self.config.allows(
            client,
            username.as_deref(),
            &will.topic,
            super::Access::Write,
        );
        if !allowed {
            self.trace.push(
                self.now,
                TraceKind::PublishDenied {
                    client: client.clone(),
                    topic: will.topic.clone(),
                },
            );
            return;
        }
        let expires_at = will
            .properties
            .u32(PropertyId::MessageExpiryInterval)
            .map(|s| self.now.plus_secs(u64::from(s)));
        let message = super::Message {
            msg,
            topic: will.topic,
            payload: will.payload,
            qos: will.qos,
            retain: will.retain,
            properties: pass_through(&will.properties),
            expires_at,
        };
        self.route(Some(client.to_owned()), message);
    }

    /// Removes a session: its subscriptions and queue go with it.
    pub(super) fn end_session(&mut self, client: &ClientName) {
        let Some(session) = self.sessions.remove(client) else {
            return;
        };
        for filter in session.subscriptions.values() {
            self.tree.remove(client, filter);
        }
        for d in session
            .queue
            .iter()
            .chain(session.inflight.values().map(|f| &f.delivery))
        {
            self.trace.push(
                self.now,
                TraceKind::Dropped {
                    msg: d.message.msg,
                    client: client.clone(),
                    reason: crate::core::trace::DropReason::SessionEnded,
                },
            );
        }
        self.trace.push(
            self.now,
            TraceKind::SessionEnded {
                client: client.clone(),
            },
        );
    }

    pub(super) fn expire_keep_alive(&mut self) {
        let now = self.now;
        let late: Vec<(ConnId, ClientName)> = self
            .conns
            .iter()
            .filter(|(_, c)| {
                c.keep_alive > 0 && now >= keep_alive_deadline(c.last_seen, c.keep_alive)
            })
            .filter_map(|(id, c)| c.client.clone().map(|cl| (*id, cl)))
            .collect();
        for (conn, client) in late {
            self.trace.push(now, TraceKind::KeepAliveTimeout { client });
            self.close(conn, false);
        }
    }

    pub(super) fn fire_delayed_wills(&mut self) {
        let now = self.now;
        let due: Vec<ClientName> = self
            .pending_wills
            .iter()
            .filter(|(_, (t, _, _))| *t <= now)
            .map(|(c, _)| c.clone())
            .collect();
        for client in due {
            if let Some((_, will, username)) = self.pending_wills.remove(&client) {
                self.fire_will(&client, will, username);
            }
        }
    }

    pub(super) fn expire_sessions(&mut self) {
        let now = self.now;
        let due: Vec<ClientName> = self
            .sessions
            .values()
            .filter(|s| s.conn.is_none() && s.expires_at.is_some_and(|t| t <= now))
            .map(|s| s.client.clone())
            .collect();
        for client in due {
            // A will still waiting for its delay goes out when the session ends [MQTT-3.1.3-9].
            if let Some((_, will, username)) = self.pending_wills.remove(&client) {
                self.fire_will(&client, will, username);
            }
            self.end_session(&client);
        }
    }
}

/// The 5.0 properties a broker forwards with a message (§3.3.2.3): not the topic alias and
/// not subscription identifiers, which are per delivery.
pub(super) fn pass_through(p: &Properties) -> Properties {
    Properties(
        p.0.iter()
            .filter(|x| {
                !matches!(
                    x.id(),
                    PropertyId::TopicAlias
                        | PropertyId::SubscriptionIdentifier
                        | PropertyId::WillDelayInterval
                        | PropertyId::MessageExpiryInterval
                )
            })
            .cloned()
            .collect(),
    )
}
