//! The trace in words: every event and action as a sentence for the log, and why a
//! message was dropped.

use crate::core::scenario::action::Action;
use crate::core::trace::{DeviceChange, DropReason, Seen, TraceKind};
use crate::i18n::Lang;

/// [`crate::i18n::Language::drop_reason`] in English.
pub(super) fn drop_reason(reason: DropReason) -> &'static str {
    match reason {
        DropReason::QoS0Offline => "QoS 0 for an offline client: not kept",
        DropReason::QueueFull => "the client's queue is full",
        DropReason::Expired => "it expired before delivery",
        DropReason::NotAuthorizedToRead => {
            "the ACL does not allow reading this topic"
        }
        DropReason::SessionEnded => "the session ended",
        DropReason::TooLarge => "larger than the client's maximum packet size",
    }
}

/// [`crate::i18n::Language::action`] in English.
pub(super) fn action(action: &Action) -> String {
    match action {
        Action::Online { device } => format!("{device} connects"),
        Action::Offline { device } => format!("{device} disconnects with DISCONNECT (no last will)"),
        Action::PullPlug { device } => format!("{device} is unplugged: no DISCONNECT, the broker will notice by keep-alive"),
        Action::Replug { device } => format!("{device} is plugged in"),
        Action::Publish {
            device,
            topic,
            payload,
            qos,
            retain,
            ..
        } => {
            if *retain {
                format!("you ask {device} to publish \"{payload}\" on {topic}, {qos}, retained")
            } else {
                format!("you ask {device} to publish \"{payload}\" on {topic}, {qos}")
            }
        }
        Action::Subscribe {
            device,
            filter,
            qos,
        } => format!("you ask {device} to subscribe to {filter}, {qos}"),
        Action::Unsubscribe { device, filter } => format!("you ask {device} to unsubscribe from {filter}"),
        Action::SetLink { device, link } => {
            let (l, j, p) = (link.latency_ms, link.jitter_ms, link.loss.get() * 100.0);
            let p = crate::core::numbers::Fixed(p, 1);
            format!("{device}'s link becomes {l} ms ±{j} ms, {p} % loss")
        }
        Action::SetQos { device, qos } => format!("{device} will publish with {qos}"),
        Action::SetRetain { device, retain } => {
            if *retain {
                format!("{device}'s readings will be retained")
            } else {
                format!("{device}'s readings will not be retained")
            }
        }
        Action::SetCleanSession { device, clean } => {
            if *clean {
                format!("{device} will ask for a clean session")
            } else {
                format!("{device} will ask for a persistent session")
            }
        }
        Action::SetWill {
            device,
            will: Some(w),
        } => {
            let t = &w.topic;
            format!("{device} will leave a last will on {t}")
        }
        Action::SetWill { device, will: None } => {
            format!("{device} will leave no last will")
        }
        Action::SetPort { device, port } => {
            format!("{device} will connect to port {}", port.number())
        }
        Action::SetCredentials {
            device, username, ..
        } => {
            let user = username.as_deref().unwrap_or("-");
            format!("{device} will use user {user} (the password is not shown)")
        }
        Action::SetBroker { .. } => "you change the broker's settings (users, ACL, anonymous access)".into(),
    }
}

/// [`crate::i18n::Language::event`] in English.
pub(super) fn event(kind: &TraceKind) -> String {
    let s = |x: &str| x.to_string();
    let broker = || "the broker".to_string();
    match kind {
        TraceKind::ConnectionOpened { conn } => {
            let n = conn.0;
            format!("TCP connection {n} opens")
        }
        TraceKind::PacketIn { client, packet, .. } => {
            let who = client.as_deref().unwrap_or("?");
            format!("the broker receives {packet} from {who}")
        }
        TraceKind::PacketOut { client, packet, .. } => {
            let who = client.as_deref().unwrap_or("?");
            format!("the broker sends {packet} to {who}")
        }
        TraceKind::Auth {
            client,
            username,
            code,
        } => {
            let user = username.as_deref().unwrap_or("-");
            let c = code.0;
            if code.is_success() {
                format!("the broker lets {client} in (user {user})")
            } else {
                format!("the broker refuses {client} (user {user}, code {c:#04x})")
            }
        }
        TraceKind::SessionCreated { client, persistent } => {
            if *persistent {
                format!("the broker creates a persistent session for {client}")
            } else {
                format!("the broker creates a new session for {client}")
            }
        }
        TraceKind::SessionResumed { client, queued } => {
            format!("the broker resumes {client}'s session, with {queued} messages in its queue")
        }
        TraceKind::SessionEnded { client } => {
            format!("the broker ends {client}'s session")
        }
        TraceKind::TakenOver { client, .. } => {
            format!("another connection uses {client}'s identifier: the broker closes the old one")
        }
        TraceKind::Published { from, topic, qos, retain, .. } => {
            let (t, q) = (topic.as_str(), qos.as_u8());
            let who = from.as_deref().map_or_else(broker, s);
            if *retain {
                format!("{who} publishes on {t}, QoS {q}, retained")
            } else {
                format!("{who} publishes on {t}, QoS {q}")
            }
        }
        TraceKind::PublishDenied { client, topic } => {
            let t = topic.as_str();
            format!("the ACL does not let {client} publish on {t}")
        }
        TraceKind::FilterTried { client, filter, matched, .. } => {
            let f = filter.as_str();
            if *matched {
                format!("{client}'s filter {f} matches")
            } else {
                format!("{client}'s filter {f} does not match")
            }
        }
        TraceKind::RetainedSent { client, filter, .. } => {
            let f = filter.as_str();
            format!("{client} subscribes to {f} and the broker sends it the retained message")
        }
        TraceKind::Queued { client, queue_len, .. } => {
            format!("{client} is offline: the message waits in its queue ({queue_len})")
        }
        TraceKind::Dropped { client, reason, .. } => {
            let why = reason.message(Lang::En);
            format!("the broker drops the message for {client}: {why}")
        }
        TraceKind::Delivered { client, qos, dup, .. } => {
            let q = qos.as_u8();
            if *dup {
                format!("the broker delivers the message to {client} again, QoS {q} (DUP)")
            } else {
                format!("the broker delivers the message to {client}, QoS {q}")
            }
        }
        TraceKind::Acknowledged { client, packet, .. } => {
            format!("{client} acknowledges the message with {packet}")
        }
        TraceKind::RetainedStored { topic, .. } => {
            let t = topic.as_str();
            format!("the broker stores the retained message of {t}")
        }
        TraceKind::RetainedCleared { topic } => {
            let t = topic.as_str();
            format!("the broker clears the retained message of {t}")
        }
        TraceKind::WillFired { client, .. } => {
            format!("the broker publishes {client}'s last will")
        }
        TraceKind::KeepAliveTimeout { client } => {
            format!("{client} has been silent for 1.5 × keep-alive: the broker gives it up")
        }
        TraceKind::ProtocolError { conn, violation } => {
            let (n, why) = (conn.0, violation.message(Lang::En));
            format!("connection {n}: {why}")
        }
        TraceKind::ConnectionClosed {
            client, graceful, ..
        } => {
            let who = client.as_deref().unwrap_or("?");
            if *graceful {
                format!("{who} says goodbye (DISCONNECT) and the connection closes")
            } else {
                format!("{who}'s connection is lost")
            }
        }
        TraceKind::Transmitted {
            device,
            to_broker,
            packet,
            len,
            arrives,
            ..
        } => {
            let p = packet.map_or_else(|| s("TLS"), |p| s(p.name()));
            match (to_broker, arrives) {
                (true, Some(t)) => format!("{p} ({len} B) travels from {device} to the broker; arrives at {t}"),
                (false, Some(t)) => format!("{p} ({len} B) travels from the broker to {device}; arrives at {t}"),
                (true, None) => format!("{p} ({len} B) from {device} to the broker is lost on the way"),
                (false, None) => format!("{p} ({len} B) from the broker to {device} is lost on the way"),
            }
        }
        TraceKind::DeviceChanged { device, change } => {
            match change {
                DeviceChange::Connecting { port, .. } => {
                    format!("{device} connects to port {port}")
                }
                DeviceChange::Online {
                    session_present: true,
                } => format!("{device} is online and the broker kept its session"),
                DeviceChange::Online { .. } => {
                    format!("{device} is online")
                }
                DeviceChange::Refused { code } => {
                    let c = code.0;
                    format!("the broker refuses {device} (code {c:#04x})")
                }
                DeviceChange::Offline => {
                    format!("{device} is offline")
                }
                DeviceChange::ConnectionLost => format!("{device} loses its connection"),
                DeviceChange::Unplugged => {
                    format!("{device} is unplugged")
                }
                DeviceChange::Replugged => format!("{device} is plugged in again"),
                DeviceChange::Link {
                    latency_ms,
                    jitter_ms,
                    loss_permille,
                } => {
                    let p = format!("{}.{}", loss_permille / 10, loss_permille % 10);
                    format!("{device}'s link becomes {latency_ms} ms ±{jitter_ms} ms, {p} % loss")
                }
            }
        }
        TraceKind::DeviceSent {
            device,
            topic,
            payload,
            qos,
            sent,
            ..
        } => {
            let (p, t, q) = (
                String::from_utf8_lossy(payload),
                topic.as_str(),
                qos.as_u8(),
            );
            match (sent, q) {
                (true, _) => format!("{device} publishes \"{p}\" on {t}, QoS {q}"),
                (false, 0) => format!("{device} is offline: \"{p}\" on {t} (QoS 0) is lost"),
                (false, _) => format!("{device} is offline: \"{p}\" on {t} (QoS {q}) waits"),
            }
        }
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            ..
        } => {
            let (p, t) = (String::from_utf8_lossy(payload), topic.as_str());
            format!("{device} receives \"{p}\" from {t}")
        }
        TraceKind::Eavesdropped {
            device,
            target,
            seen,
            ..
        } => {
            let masked = match seen {
                Seen::Clear {
                    password: Some(_), ..
                } => s("password=****"),
                Seen::Clear { packet, topic, .. } => {
                    format!("{packet} {}", topic.as_ref().map_or("", |t| t.as_str()))
                }
                Seen::Opaque { len } => format!("TLS {len} B"),
            };
            format!("{device} spies on {target} and sees {masked}")
        }
        TraceKind::ActionApplied { action } => {
            super::events::action(action)
        }
    }
}
