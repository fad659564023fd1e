//! One line per trace event, for the log and its exports: who, which topic, what happened.
//! Passwords never appear here (an eavesdropper's capture shows them masked).

use crate::core::i18n::Lang;
use crate::core::trace::{DeviceChange, MsgId, Seen, TraceEvent, TraceKind};

/// A trace event as text columns.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Line {
    /// Device or client.
    pub who: String,
    /// Topic or filter, if any.
    pub topic: String,
    /// What happened.
    pub text: String,
    /// The message journey it belongs to.
    pub msg: Option<MsgId>,
}

fn es_en(lang: Lang, es: String, en: String) -> String {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

/// Describes an event.
pub fn describe(e: &TraceEvent, lang: Lang) -> Line {
    let s = |x: &str| x.to_string();
    let mut line = Line::default();
    match &e.kind {
        TraceKind::ConnectionOpened { conn } => line.text = format!("conn {}", conn.0),
        TraceKind::PacketIn {
            client,
            packet,
            msg,
            ..
        }
        | TraceKind::PacketOut {
            client,
            packet,
            msg,
            ..
        } => {
            line.who = client.as_deref().map(s).unwrap_or_default();
            let broker = es_en(lang, s("bróker"), s("broker"));
            line.text = if matches!(e.kind, TraceKind::PacketIn { .. }) {
                format!("→ {broker}: {packet}")
            } else {
                format!("{broker} →: {packet}")
            };
            line.msg = *msg;
        }
        TraceKind::Auth {
            client,
            username,
            code,
        } => {
            line.who = s(client);
            let user = username.as_deref().unwrap_or("-");
            line.text = if code.is_success() {
                es_en(
                    lang,
                    format!("acceso permitido (usuario {user})"),
                    format!("access granted (user {user})"),
                )
            } else {
                es_en(
                    lang,
                    format!("acceso denegado (usuario {user}, código {:#04x})", code.0),
                    format!("access refused (user {user}, code {:#04x})", code.0),
                )
            };
        }
        TraceKind::SessionCreated { client, persistent } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!(
                    "sesión nueva{}",
                    if *persistent { " persistente" } else { "" }
                ),
                format!(
                    "new{} session",
                    if *persistent { " persistent" } else { "" }
                ),
            );
        }
        TraceKind::SessionResumed { client, queued } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!("sesión recuperada, {queued} en cola"),
                format!("session resumed, {queued} queued"),
            );
        }
        TraceKind::SessionEnded { client } => {
            line.who = s(client);
            line.text = es_en(lang, s("sesión terminada"), s("session ended"));
        }
        TraceKind::TakenOver { client, .. } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                s("otra conexión ocupa su identificador"),
                s("taken over by a new connection"),
            );
        }
        TraceKind::Published {
            msg,
            from,
            topic,
            qos,
            retain,
        } => {
            line.who = from.as_deref().map_or_else(|| s("broker"), s);
            line.topic = s(topic.as_str());
            line.text = es_en(
                lang,
                format!(
                    "publicado QoS {}{}",
                    qos.as_u8(),
                    if *retain { ", retenido" } else { "" }
                ),
                format!(
                    "published QoS {}{}",
                    qos.as_u8(),
                    if *retain { ", retained" } else { "" }
                ),
            );
            line.msg = Some(*msg);
        }
        TraceKind::PublishDenied { client, topic } => {
            line.who = s(client);
            line.topic = s(topic.as_str());
            line.text = es_en(
                lang,
                s("publicación denegada por la ACL"),
                s("publish denied by the ACL"),
            );
        }
        TraceKind::FilterTried {
            msg,
            client,
            filter,
            matched,
        } => {
            line.who = s(client);
            line.topic = s(filter.as_str());
            line.text = es_en(
                lang,
                s(if *matched {
                    "filtro coincide"
                } else {
                    "filtro no coincide"
                }),
                s(if *matched {
                    "filter matches"
                } else {
                    "filter does not match"
                }),
            );
            line.msg = Some(*msg);
        }
        TraceKind::RetainedSent {
            msg,
            client,
            filter,
        } => {
            line.who = s(client);
            line.topic = s(filter.as_str());
            line.text = es_en(
                lang,
                s("retenido enviado al suscribirse"),
                s("retained sent on subscribe"),
            );
            line.msg = Some(*msg);
        }
        TraceKind::Queued {
            msg,
            client,
            queue_len,
        } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!("a la cola ({queue_len})"),
                format!("queued ({queue_len})"),
            );
            line.msg = Some(*msg);
        }
        TraceKind::Dropped {
            msg,
            client,
            reason,
        } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!("descartado: {}", reason.message(lang)),
                format!("dropped: {}", reason.message(lang)),
            );
            line.msg = Some(*msg);
        }
        TraceKind::Delivered {
            msg,
            client,
            qos,
            dup,
        } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!(
                    "entregado QoS {}{}",
                    qos.as_u8(),
                    if *dup { " (DUP)" } else { "" }
                ),
                format!(
                    "delivered QoS {}{}",
                    qos.as_u8(),
                    if *dup { " (DUP)" } else { "" }
                ),
            );
            line.msg = Some(*msg);
        }
        TraceKind::Acknowledged {
            msg,
            client,
            packet,
        } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                format!("confirmado ({packet})"),
                format!("acknowledged ({packet})"),
            );
            line.msg = Some(*msg);
        }
        TraceKind::RetainedStored { msg, topic } => {
            line.topic = s(topic.as_str());
            line.text = es_en(lang, s("retenido guardado"), s("retained stored"));
            line.msg = Some(*msg);
        }
        TraceKind::RetainedCleared { topic } => {
            line.topic = s(topic.as_str());
            line.text = es_en(lang, s("retenido borrado"), s("retained cleared"));
        }
        TraceKind::WillFired { client, msg } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                s("última voluntad publicada"),
                s("last will published"),
            );
            line.msg = Some(*msg);
        }
        TraceKind::KeepAliveTimeout { client } => {
            line.who = s(client);
            line.text = es_en(
                lang,
                s("silencio: 1,5 × keep-alive superado"),
                s("silent for 1.5 × keep-alive"),
            );
        }
        TraceKind::ProtocolError { conn, violation } => {
            line.text = format!("conn {}: {}", conn.0, violation.message(lang));
        }
        TraceKind::ConnectionClosed {
            client, graceful, ..
        } => {
            line.who = client.as_deref().map(s).unwrap_or_default();
            line.text = es_en(
                lang,
                s(if *graceful {
                    "conexión cerrada (DISCONNECT)"
                } else {
                    "conexión perdida"
                }),
                s(if *graceful {
                    "connection closed (DISCONNECT)"
                } else {
                    "connection lost"
                }),
            );
        }
        TraceKind::Transmitted {
            device,
            to_broker,
            packet,
            len,
            arrives,
            ..
        } => {
            line.who = s(device);
            let p = packet.map_or_else(|| s("TLS"), |p| s(p.name()));
            let dir = if *to_broker { "→" } else { "←" };
            line.text = match arrives {
                Some(t) => format!("{dir} {p} {len} B, {t}"),
                None => es_en(
                    lang,
                    format!("{dir} {p} {len} B perdido"),
                    format!("{dir} {p} {len} B lost"),
                ),
            };
        }
        TraceKind::DeviceChanged { device, change } => {
            line.who = s(device);
            line.text = match change {
                DeviceChange::Connecting { port, .. } => es_en(
                    lang,
                    format!("conectando al puerto {port}"),
                    format!("connecting to port {port}"),
                ),
                DeviceChange::Online { session_present } => es_en(
                    lang,
                    format!("conectado (sesión previa: {session_present})"),
                    format!("online (session present: {session_present})"),
                ),
                DeviceChange::Refused { code } => es_en(
                    lang,
                    format!("rechazado ({:#04x})", code.0),
                    format!("refused ({:#04x})", code.0),
                ),
                DeviceChange::Offline => es_en(lang, s("desconectado"), s("offline")),
                DeviceChange::ConnectionLost => {
                    es_en(lang, s("conexión perdida"), s("connection lost"))
                }
                DeviceChange::Unplugged => es_en(lang, s("desenchufado"), s("unplugged")),
                DeviceChange::Replugged => es_en(lang, s("enchufado"), s("plugged in")),
                DeviceChange::Link {
                    latency_ms,
                    jitter_ms,
                    loss_permille,
                } => format!(
                    "link {latency_ms} ms ±{jitter_ms} ms, {}.{} %",
                    loss_permille / 10,
                    loss_permille % 10
                ),
            };
        }
        TraceKind::DeviceSent {
            device,
            topic,
            payload,
            qos,
            sent,
            ..
        } => {
            line.who = s(device);
            line.topic = s(topic.as_str());
            let p = String::from_utf8_lossy(payload);
            line.text = if *sent {
                format!("PUBLISH QoS {} «{p}»", qos.as_u8())
            } else {
                es_en(
                    lang,
                    format!(
                        "sin conexión: QoS {} «{p}» {}",
                        qos.as_u8(),
                        if qos.as_u8() == 0 {
                            "perdido"
                        } else {
                            "espera"
                        }
                    ),
                    format!(
                        "offline: QoS {} \"{p}\" {}",
                        qos.as_u8(),
                        if qos.as_u8() == 0 { "lost" } else { "waits" }
                    ),
                )
            };
        }
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            ..
        } => {
            line.who = s(device);
            line.topic = s(topic.as_str());
            line.text = es_en(
                lang,
                format!("recibe «{}»", String::from_utf8_lossy(payload)),
                format!("receives \"{}\"", String::from_utf8_lossy(payload)),
            );
        }
        TraceKind::Eavesdropped {
            device,
            target,
            seen,
            ..
        } => {
            line.who = s(device);
            let masked = match seen {
                Seen::Clear {
                    password: Some(_), ..
                } => s("password=****"),
                Seen::Clear { packet, topic, .. } => {
                    format!("{packet} {}", topic.as_ref().map_or("", |t| t.as_str()))
                }
                Seen::Opaque { len } => format!("TLS {len} B"),
            };
            line.text = format!("{target}: {masked}");
        }
        TraceKind::ActionApplied { action } => {
            line.who = action.device().map(s).unwrap_or_default();
            let mut a = (**action).clone();
            a.strip_secrets();
            line.text = serde_json::to_string(&a).unwrap_or_default();
        }
    }
    line
}

/// Quotes a CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break).
pub fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Events as CSV (one header line, then one line each).
pub fn to_csv<'a>(events: impl Iterator<Item = &'a TraceEvent>, lang: Lang) -> String {
    let mut out = String::from("seq,time_ms,kind,who,topic,detail\n");
    for e in events {
        let l = describe(e, lang);
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            e.seq,
            e.at.millis(),
            e.kind.name(),
            csv(&l.who),
            csv(&l.topic),
            csv(&l.text)
        ));
    }
    out
}

/// Events as a JSON array.
pub fn to_json<'a>(events: impl Iterator<Item = &'a TraceEvent>, lang: Lang) -> String {
    let rows: Vec<serde_json::Value> = events
        .map(|e| {
            let l = describe(e, lang);
            serde_json::json!({
                "seq": e.seq, "time_ms": e.at.millis(), "kind": e.kind.name(),
                "who": l.who, "topic": l.topic, "detail": l.text,
                "msg": l.msg.map(|m| m.0),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default()
}
