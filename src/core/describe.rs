//! One line per trace event, for the log and its exports: who, which topic, and a sentence in
//! the page's language saying what happened. Passwords never appear here (an eavesdropper's
//! capture shows them masked; an action's password is never said).
//!
//! Exports keep stable columns whatever the language: `seq`, `time_ms`, `kind` (the event's
//! name in [`TraceKind::NAMES`]), `who`, `topic`, `detail` (the sentence) and, in JSON, `msg`.

use crate::core::i18n::{Lang, Text};
use crate::core::sim::action::Action;
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

/// A sentence in the language: the Spanish or the English format, with the caller's names.
macro_rules! say {
    ($lang:expr, $es:literal, $en:literal) => {
        match $lang {
            Lang::Es => format!($es),
            Lang::En => format!($en),
        }
    };
}

/// The log's label for an event kind (its name in [`TraceKind::NAMES`]); exports keep the name.
pub fn kind_label(name: &str) -> Text {
    match name {
        "ConnectionOpened" => Text::KindConnectionOpened,
        "PacketIn" => Text::KindPacketIn,
        "PacketOut" => Text::KindPacketOut,
        "Auth" => Text::KindAuth,
        "SessionCreated" => Text::KindSessionCreated,
        "SessionResumed" => Text::KindSessionResumed,
        "SessionEnded" => Text::KindSessionEnded,
        "TakenOver" => Text::KindTakenOver,
        "Published" => Text::KindPublished,
        "PublishDenied" => Text::KindPublishDenied,
        "FilterTried" => Text::KindFilterTried,
        "RetainedSent" => Text::KindRetainedSent,
        "Queued" => Text::KindQueued,
        "Dropped" => Text::KindDropped,
        "Delivered" => Text::KindDelivered,
        "Acknowledged" => Text::KindAcknowledged,
        "RetainedStored" => Text::KindRetainedStored,
        "RetainedCleared" => Text::KindRetainedCleared,
        "WillFired" => Text::KindWillFired,
        "KeepAliveTimeout" => Text::KindKeepAliveTimeout,
        "ProtocolError" => Text::KindProtocolError,
        "ConnectionClosed" => Text::KindConnectionClosed,
        "Transmitted" => Text::KindTransmitted,
        "DeviceChanged" => Text::KindDeviceChanged,
        "DeviceSent" => Text::KindDeviceSent,
        "DeviceReceived" => Text::KindDeviceReceived,
        "Eavesdropped" => Text::KindEavesdropped,
        _ => Text::KindActionApplied,
    }
}

/// An action as a sentence.
fn action_sentence(a: &Action, lang: Lang) -> String {
    match a {
        Action::Online { device } => say!(lang, "{device} se conecta", "{device} connects"),
        Action::Offline { device } => say!(
            lang,
            "{device} se desconecta con DISCONNECT (sin última voluntad)",
            "{device} disconnects with DISCONNECT (no last will)"
        ),
        Action::PullPlug { device } => say!(
            lang,
            "se desenchufa {device}: no hay DISCONNECT, el bróker lo notará por el keep-alive",
            "{device} is unplugged: no DISCONNECT, the broker will notice by keep-alive"
        ),
        Action::Replug { device } => say!(lang, "se enchufa {device}", "{device} is plugged in"),
        Action::Publish {
            device,
            topic,
            payload,
            qos,
            retain,
            ..
        } => {
            let r = if *retain {
                say!(lang, ", retenido", ", retained")
            } else {
                String::new()
            };
            say!(
                lang,
                "pides a {device} publicar «{payload}» en {topic}, QoS {qos}{r}",
                "you ask {device} to publish \"{payload}\" on {topic}, QoS {qos}{r}"
            )
        }
        Action::Subscribe {
            device,
            filter,
            qos,
        } => say!(
            lang,
            "pides a {device} suscribirse a {filter}, QoS {qos}",
            "you ask {device} to subscribe to {filter}, QoS {qos}"
        ),
        Action::Unsubscribe { device, filter } => say!(
            lang,
            "pides a {device} anular su suscripción a {filter}",
            "you ask {device} to unsubscribe from {filter}"
        ),
        Action::SetLink { device, link } => {
            let (l, j, p) = (link.latency_ms, link.jitter_ms, link.loss * 100.0);
            let p = crate::core::numbers::Fixed(p, 1);
            say!(
                lang,
                "el enlace de {device} pasa a {l} ms ±{j} ms, {p} % de pérdidas",
                "{device}'s link becomes {l} ms ±{j} ms, {p} % loss"
            )
        }
        Action::SetQos { device, qos } => say!(
            lang,
            "{device} publicará con QoS {qos}",
            "{device} will publish with QoS {qos}"
        ),
        Action::SetRetain { device, retain } => {
            if *retain {
                say!(
                    lang,
                    "las lecturas de {device} serán retenidas",
                    "{device}'s readings will be retained"
                )
            } else {
                say!(
                    lang,
                    "las lecturas de {device} no serán retenidas",
                    "{device}'s readings will not be retained"
                )
            }
        }
        Action::SetCleanSession { device, clean } => {
            if *clean {
                say!(
                    lang,
                    "{device} pedirá sesión limpia al conectar",
                    "{device} will ask for a clean session"
                )
            } else {
                say!(
                    lang,
                    "{device} pedirá sesión persistente al conectar",
                    "{device} will ask for a persistent session"
                )
            }
        }
        Action::SetWill {
            device,
            will: Some(w),
        } => {
            let t = &w.topic;
            say!(
                lang,
                "{device} dejará una última voluntad en {t}",
                "{device} will leave a last will on {t}"
            )
        }
        Action::SetWill { device, will: None } => {
            say!(
                lang,
                "{device} no dejará última voluntad",
                "{device} will leave no last will"
            )
        }
        Action::SetPort { device, port } => {
            say!(
                lang,
                "{device} se conectará al puerto {port}",
                "{device} will connect to port {port}"
            )
        }
        Action::SetCredentials {
            device, username, ..
        } => {
            let user = username.as_deref().unwrap_or("-");
            say!(
                lang,
                "{device} usará el usuario {user} (la contraseña no se muestra)",
                "{device} will use user {user} (the password is not shown)"
            )
        }
        Action::SetBroker { .. } => say!(
            lang,
            "cambias los ajustes del bróker (usuarios, ACL, acceso anónimo)",
            "you change the broker's settings (users, ACL, anonymous access)"
        ),
    }
}

/// Describes an event: who, which topic, and a sentence saying what happened.
pub fn describe(e: &TraceEvent, lang: Lang) -> Line {
    let s = |x: &str| x.to_string();
    let broker = || say!(lang, "el bróker", "the broker");
    let mut line = Line::default();
    match &e.kind {
        TraceKind::ConnectionOpened { conn } => {
            let n = conn.0;
            line.text = say!(
                lang,
                "se abre la conexión TCP {n}",
                "TCP connection {n} opens"
            );
        }
        TraceKind::PacketIn {
            client,
            packet,
            msg,
            ..
        } => {
            line.who = client.as_deref().map(s).unwrap_or_default();
            let who = client.as_deref().unwrap_or("?");
            line.text = say!(
                lang,
                "el bróker recibe {packet} de {who}",
                "the broker receives {packet} from {who}"
            );
            line.msg = *msg;
        }
        TraceKind::PacketOut {
            client,
            packet,
            msg,
            ..
        } => {
            line.who = client.as_deref().map(s).unwrap_or_default();
            let who = client.as_deref().unwrap_or("?");
            line.text = say!(
                lang,
                "el bróker envía {packet} a {who}",
                "the broker sends {packet} to {who}"
            );
            line.msg = *msg;
        }
        TraceKind::Auth {
            client,
            username,
            code,
        } => {
            line.who = s(client);
            let user = username.as_deref().unwrap_or("-");
            let c = code.0;
            line.text = if code.is_success() {
                say!(
                    lang,
                    "el bróker deja entrar a {client} (usuario {user})",
                    "the broker lets {client} in (user {user})"
                )
            } else {
                say!(
                    lang,
                    "el bróker no deja entrar a {client} (usuario {user}, código {c:#04x})",
                    "the broker refuses {client} (user {user}, code {c:#04x})"
                )
            };
        }
        TraceKind::SessionCreated { client, persistent } => {
            line.who = s(client);
            line.text = if *persistent {
                say!(
                    lang,
                    "el bróker crea una sesión persistente para {client}",
                    "the broker creates a persistent session for {client}"
                )
            } else {
                say!(
                    lang,
                    "el bróker crea una sesión nueva para {client}",
                    "the broker creates a new session for {client}"
                )
            };
        }
        TraceKind::SessionResumed { client, queued } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "el bróker recupera la sesión de {client}, con {queued} mensajes en su cola",
                "the broker resumes {client}'s session, with {queued} messages in its queue"
            );
        }
        TraceKind::SessionEnded { client } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "el bróker termina la sesión de {client}",
                "the broker ends {client}'s session"
            );
        }
        TraceKind::TakenOver { client, .. } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "otra conexión usa el identificador de {client}: el bróker cierra la anterior",
                "another connection uses {client}'s identifier: the broker closes the old one"
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
            let (t, q) = (topic.as_str(), qos.as_u8());
            let who = from.as_deref().map_or_else(broker, s);
            line.text = if *retain {
                say!(
                    lang,
                    "{who} publica en {t}, QoS {q}, retenido",
                    "{who} publishes on {t}, QoS {q}, retained"
                )
            } else {
                say!(
                    lang,
                    "{who} publica en {t}, QoS {q}",
                    "{who} publishes on {t}, QoS {q}"
                )
            };
            line.msg = Some(*msg);
        }
        TraceKind::PublishDenied { client, topic } => {
            line.who = s(client);
            line.topic = s(topic.as_str());
            let t = topic.as_str();
            line.text = say!(
                lang,
                "la ACL no deja a {client} publicar en {t}",
                "the ACL does not let {client} publish on {t}"
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
            let f = filter.as_str();
            line.text = if *matched {
                say!(
                    lang,
                    "el filtro {f} de {client} coincide",
                    "{client}'s filter {f} matches"
                )
            } else {
                say!(
                    lang,
                    "el filtro {f} de {client} no coincide",
                    "{client}'s filter {f} does not match"
                )
            };
            line.msg = Some(*msg);
        }
        TraceKind::RetainedSent {
            msg,
            client,
            filter,
        } => {
            line.who = s(client);
            line.topic = s(filter.as_str());
            let f = filter.as_str();
            line.text = say!(
                lang,
                "{client} se suscribe a {f} y el bróker le envía el mensaje retenido",
                "{client} subscribes to {f} and the broker sends it the retained message"
            );
            line.msg = Some(*msg);
        }
        TraceKind::Queued {
            msg,
            client,
            queue_len,
        } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "{client} no está conectado: el mensaje espera en su cola ({queue_len})",
                "{client} is offline: the message waits in its queue ({queue_len})"
            );
            line.msg = Some(*msg);
        }
        TraceKind::Dropped {
            msg,
            client,
            reason,
        } => {
            line.who = s(client);
            let why = reason.message(lang);
            line.text = say!(
                lang,
                "el bróker descarta el mensaje para {client}: {why}",
                "the broker drops the message for {client}: {why}"
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
            let q = qos.as_u8();
            line.text = if *dup {
                say!(
                    lang,
                    "el bróker entrega de nuevo el mensaje a {client}, QoS {q} (DUP)",
                    "the broker delivers the message to {client} again, QoS {q} (DUP)"
                )
            } else {
                say!(
                    lang,
                    "el bróker entrega el mensaje a {client}, QoS {q}",
                    "the broker delivers the message to {client}, QoS {q}"
                )
            };
            line.msg = Some(*msg);
        }
        TraceKind::Acknowledged {
            msg,
            client,
            packet,
        } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "{client} confirma el mensaje con {packet}",
                "{client} acknowledges the message with {packet}"
            );
            line.msg = Some(*msg);
        }
        TraceKind::RetainedStored { msg, topic } => {
            line.topic = s(topic.as_str());
            let t = topic.as_str();
            line.text = say!(
                lang,
                "el bróker guarda el mensaje retenido de {t}",
                "the broker stores the retained message of {t}"
            );
            line.msg = Some(*msg);
        }
        TraceKind::RetainedCleared { topic } => {
            line.topic = s(topic.as_str());
            let t = topic.as_str();
            line.text = say!(
                lang,
                "el bróker borra el mensaje retenido de {t}",
                "the broker clears the retained message of {t}"
            );
        }
        TraceKind::WillFired { client, msg } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "el bróker publica la última voluntad de {client}",
                "the broker publishes {client}'s last will"
            );
            line.msg = Some(*msg);
        }
        TraceKind::KeepAliveTimeout { client } => {
            line.who = s(client);
            line.text = say!(
                lang,
                "{client} lleva 1,5 × keep-alive en silencio: el bróker lo da por perdido",
                "{client} has been silent for 1.5 × keep-alive: the broker gives it up"
            );
        }
        TraceKind::ProtocolError { conn, violation } => {
            let (n, why) = (conn.0, violation.message(lang));
            line.text = say!(lang, "conexión {n}: {why}", "connection {n}: {why}");
        }
        TraceKind::ConnectionClosed {
            client, graceful, ..
        } => {
            line.who = client.as_deref().map(s).unwrap_or_default();
            let who = client.as_deref().unwrap_or("?");
            line.text = if *graceful {
                say!(
                    lang,
                    "{who} se despide (DISCONNECT) y se cierra la conexión",
                    "{who} says goodbye (DISCONNECT) and the connection closes"
                )
            } else {
                say!(
                    lang,
                    "se pierde la conexión de {who}",
                    "{who}'s connection is lost"
                )
            };
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
            line.text = match (to_broker, arrives) {
                (true, Some(t)) => say!(
                    lang,
                    "{p} ({len} B) viaja de {device} al bróker; llega a los {t}",
                    "{p} ({len} B) travels from {device} to the broker; arrives at {t}"
                ),
                (false, Some(t)) => say!(
                    lang,
                    "{p} ({len} B) viaja del bróker a {device}; llega a los {t}",
                    "{p} ({len} B) travels from the broker to {device}; arrives at {t}"
                ),
                (true, None) => say!(
                    lang,
                    "{p} ({len} B) de {device} al bróker se pierde por el camino",
                    "{p} ({len} B) from {device} to the broker is lost on the way"
                ),
                (false, None) => say!(
                    lang,
                    "{p} ({len} B) del bróker a {device} se pierde por el camino",
                    "{p} ({len} B) from the broker to {device} is lost on the way"
                ),
            };
        }
        TraceKind::DeviceChanged { device, change } => {
            line.who = s(device);
            line.text = match change {
                DeviceChange::Connecting { port, .. } => {
                    say!(
                        lang,
                        "{device} se conecta al puerto {port}",
                        "{device} connects to port {port}"
                    )
                }
                DeviceChange::Online {
                    session_present: true,
                } => say!(
                    lang,
                    "{device} está conectado y el bróker guardaba su sesión",
                    "{device} is online and the broker kept its session"
                ),
                DeviceChange::Online { .. } => {
                    say!(lang, "{device} está conectado", "{device} is online")
                }
                DeviceChange::Refused { code } => {
                    let c = code.0;
                    say!(
                        lang,
                        "el bróker rechaza a {device} (código {c:#04x})",
                        "the broker refuses {device} (code {c:#04x})"
                    )
                }
                DeviceChange::Offline => {
                    say!(lang, "{device} está desconectado", "{device} is offline")
                }
                DeviceChange::ConnectionLost => say!(
                    lang,
                    "{device} pierde la conexión",
                    "{device} loses its connection"
                ),
                DeviceChange::Unplugged => {
                    say!(lang, "{device} está desenchufado", "{device} is unplugged")
                }
                DeviceChange::Replugged => say!(
                    lang,
                    "{device} vuelve a estar enchufado",
                    "{device} is plugged in again"
                ),
                DeviceChange::Link {
                    latency_ms,
                    jitter_ms,
                    loss_permille,
                } => {
                    let p = format!("{}.{}", loss_permille / 10, loss_permille % 10);
                    say!(
                        lang,
                        "el enlace de {device} pasa a {latency_ms} ms ±{jitter_ms} ms, {p} % de pérdidas",
                        "{device}'s link becomes {latency_ms} ms ±{jitter_ms} ms, {p} % loss"
                    )
                }
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
            let (p, t, q) = (
                String::from_utf8_lossy(payload),
                topic.as_str(),
                qos.as_u8(),
            );
            line.text = match (sent, q) {
                (true, _) => say!(
                    lang,
                    "{device} publica «{p}» en {t}, QoS {q}",
                    "{device} publishes \"{p}\" on {t}, QoS {q}"
                ),
                (false, 0) => say!(
                    lang,
                    "{device} no tiene conexión: «{p}» en {t} (QoS 0) se pierde",
                    "{device} is offline: \"{p}\" on {t} (QoS 0) is lost"
                ),
                (false, _) => say!(
                    lang,
                    "{device} no tiene conexión: «{p}» en {t} (QoS {q}) espera",
                    "{device} is offline: \"{p}\" on {t} (QoS {q}) waits"
                ),
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
            let (p, t) = (String::from_utf8_lossy(payload), topic.as_str());
            line.text = say!(
                lang,
                "{device} recibe «{p}» de {t}",
                "{device} receives \"{p}\" from {t}"
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
            line.text = say!(
                lang,
                "{device} espía a {target} y ve {masked}",
                "{device} spies on {target} and sees {masked}"
            );
        }
        TraceKind::ActionApplied { action } => {
            line.who = action.device().map(s).unwrap_or_default();
            line.text = action_sentence(action, lang);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::topic::TopicName;
    use crate::core::trace::MsgId;
    use crate::core::types::QoS;
    use bytes::Bytes;

    fn event(kind: TraceKind) -> TraceEvent {
        TraceEvent {
            seq: 0,
            at: crate::core::time::Time::ZERO,
            kind,
        }
    }

    #[test]
    fn lines_are_sentences_in_the_language() {
        let got = event(TraceKind::DeviceReceived {
            device: "panel".into(),
            topic: TopicName::new("Casa/Cocina/Temperatura").unwrap(),
            payload: Bytes::from_static(b"20.8"),
            qos: QoS::AtMostOnce,
            retain: false,
            correlation: None,
            dup: false,
        });
        assert_eq!(
            describe(&got, Lang::Es).text,
            "panel recibe «20.8» de Casa/Cocina/Temperatura"
        );
        assert_eq!(
            describe(&got, Lang::En).text,
            "panel receives \"20.8\" from Casa/Cocina/Temperatura"
        );
        let delivered = event(TraceKind::Delivered {
            msg: MsgId(3),
            client: "panel".into(),
            qos: QoS::AtLeastOnce,
            dup: false,
        });
        assert_eq!(
            describe(&delivered, Lang::Es).text,
            "el bróker entrega el mensaje a panel, QoS 1"
        );
        assert_eq!(describe(&delivered, Lang::Es).msg, Some(MsgId(3)));
    }
}
