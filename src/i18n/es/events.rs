//! The trace in words: every event and action as a sentence for the log, and why a
//! message was dropped.

use crate::core::scenario::action::Action;
use crate::core::trace::{DeviceChange, DropReason, Seen, TraceKind};
use crate::i18n::Lang;

/// [`crate::i18n::Language::drop_reason`] in Spanish.
pub(super) fn drop_reason(reason: DropReason) -> &'static str {
    match reason {
        DropReason::QoS0Offline => {
            "QoS 0 para un cliente desconectado: no se guarda"
        }
        DropReason::QueueFull => "la cola del cliente está llena",
        DropReason::Expired => "caducó antes de entregarse",
        DropReason::NotAuthorizedToRead => "la ACL no deja leer este tema",
        DropReason::SessionEnded => "la sesión terminó",
        DropReason::TooLarge => "mayor que el tamaño máximo del cliente",
    }
}

/// [`crate::i18n::Language::action`] in Spanish.
pub(super) fn action(action: &Action) -> String {
    match action {
        Action::Online { device } => format!("{device} se conecta"),
        Action::Offline { device } => format!("{device} se desconecta con DISCONNECT (sin última voluntad)"),
        Action::PullPlug { device } => format!("se desenchufa {device}: no hay DISCONNECT, el bróker lo notará por el keep-alive"),
        Action::Replug { device } => format!("se enchufa {device}"),
        Action::Publish {
            device,
            topic,
            payload,
            qos,
            retain,
            ..
        } => {
            if *retain {
                format!("pides a {device} publicar «{payload}» en {topic}, {qos}, retenido")
            } else {
                format!("pides a {device} publicar «{payload}» en {topic}, {qos}")
            }
        }
        Action::Subscribe {
            device,
            filter,
            qos,
        } => format!("pides a {device} suscribirse a {filter}, {qos}"),
        Action::Unsubscribe { device, filter } => format!("pides a {device} anular su suscripción a {filter}"),
        Action::SetLink { device, link } => {
            let (l, j, p) = (link.latency_ms, link.jitter_ms, link.loss.get() * 100.0);
            let p = crate::core::numbers::Fixed(p, 1);
            format!("el enlace de {device} pasa a {l} ms ±{j} ms, {p} % de pérdidas")
        }
        Action::SetQos { device, qos } => format!("{device} publicará con {qos}"),
        Action::SetRetain { device, retain } => {
            if *retain {
                format!("las lecturas de {device} serán retenidas")
            } else {
                format!("las lecturas de {device} no serán retenidas")
            }
        }
        Action::SetCleanSession { device, clean } => {
            if *clean {
                format!("{device} pedirá sesión limpia al conectar")
            } else {
                format!("{device} pedirá sesión persistente al conectar")
            }
        }
        Action::SetWill {
            device,
            will: Some(w),
        } => {
            let t = &w.topic;
            format!("{device} dejará una última voluntad en {t}")
        }
        Action::SetWill { device, will: None } => {
            format!("{device} no dejará última voluntad")
        }
        Action::SetPort { device, port } => {
            format!("{device} se conectará al puerto {}", port.number())
        }
        Action::SetCredentials {
            device, username, ..
        } => {
            let user = username.as_deref().unwrap_or("-");
            format!("{device} usará el usuario {user} (la contraseña no se muestra)")
        }
        Action::SetBroker { .. } => "cambias los ajustes del bróker (usuarios, ACL, acceso anónimo)".into(),
    }
}

/// [`crate::i18n::Language::event`] in Spanish.
pub(super) fn event(kind: &TraceKind) -> String {
    let s = |x: &str| x.to_string();
    let broker = || "el bróker".to_string();
    match kind {
        TraceKind::ConnectionOpened { conn } => {
            let n = conn.0;
            format!("se abre la conexión TCP {n}")
        }
        TraceKind::PacketIn { client, packet, .. } => {
            let who = client.as_deref().unwrap_or("?");
            format!("el bróker recibe {packet} de {who}")
        }
        TraceKind::PacketOut { client, packet, .. } => {
            let who = client.as_deref().unwrap_or("?");
            format!("el bróker envía {packet} a {who}")
        }
        TraceKind::Auth {
            client,
            username,
            code,
        } => {
            let user = username.as_deref().unwrap_or("-");
            let c = code.0;
            if code.is_success() {
                format!("el bróker deja entrar a {client} (usuario {user})")
            } else {
                format!("el bróker no deja entrar a {client} (usuario {user}, código {c:#04x})")
            }
        }
        TraceKind::SessionCreated { client, persistent } => {
            if *persistent {
                format!("el bróker crea una sesión persistente para {client}")
            } else {
                format!("el bróker crea una sesión nueva para {client}")
            }
        }
        TraceKind::SessionResumed { client, queued } => {
            format!("el bróker recupera la sesión de {client}, con {queued} mensajes en su cola")
        }
        TraceKind::SessionEnded { client } => {
            format!("el bróker termina la sesión de {client}")
        }
        TraceKind::TakenOver { client, .. } => {
            format!("otra conexión usa el identificador de {client}: el bróker cierra la anterior")
        }
        TraceKind::Published { from, topic, qos, retain, .. } => {
            let (t, q) = (topic.as_str(), qos.as_u8());
            let who = from.as_deref().map_or_else(broker, s);
            if *retain {
                format!("{who} publica en {t}, QoS {q}, retenido")
            } else {
                format!("{who} publica en {t}, QoS {q}")
            }
        }
        TraceKind::PublishDenied { client, topic } => {
            let t = topic.as_str();
            format!("la ACL no deja a {client} publicar en {t}")
        }
        TraceKind::FilterTried { client, filter, matched, .. } => {
            let f = filter.as_str();
            if *matched {
                format!("el filtro {f} de {client} coincide")
            } else {
                format!("el filtro {f} de {client} no coincide")
            }
        }
        TraceKind::RetainedSent { client, filter, .. } => {
            let f = filter.as_str();
            format!("{client} se suscribe a {f} y el bróker le envía el mensaje retenido")
        }
        TraceKind::Queued { client, queue_len, .. } => {
            format!("{client} no está conectado: el mensaje espera en su cola ({queue_len})")
        }
        TraceKind::Dropped { client, reason, .. } => {
            let why = reason.message(Lang::Es);
            format!("el bróker descarta el mensaje para {client}: {why}")
        }
        TraceKind::Delivered { client, qos, dup, .. } => {
            let q = qos.as_u8();
            if *dup {
                format!("el bróker entrega de nuevo el mensaje a {client}, QoS {q} (DUP)")
            } else {
                format!("el bróker entrega el mensaje a {client}, QoS {q}")
            }
        }
        TraceKind::Acknowledged { client, packet, .. } => {
            format!("{client} confirma el mensaje con {packet}")
        }
        TraceKind::RetainedStored { topic, .. } => {
            let t = topic.as_str();
            format!("el bróker guarda el mensaje retenido de {t}")
        }
        TraceKind::RetainedCleared { topic } => {
            let t = topic.as_str();
            format!("el bróker borra el mensaje retenido de {t}")
        }
        TraceKind::WillFired { client, .. } => {
            format!("el bróker publica la última voluntad de {client}")
        }
        TraceKind::KeepAliveTimeout { client } => {
            format!("{client} lleva 1,5 × keep-alive en silencio: el bróker lo da por perdido")
        }
        TraceKind::ProtocolError { conn, violation } => {
            let (n, why) = (conn.0, violation.message(Lang::Es));
            format!("conexión {n}: {why}")
        }
        TraceKind::ConnectionClosed {
            client, graceful, ..
        } => {
            let who = client.as_deref().unwrap_or("?");
            if *graceful {
                format!("{who} se despide (DISCONNECT) y se cierra la conexión")
            } else {
                format!("se pierde la conexión de {who}")
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
                (true, Some(t)) => format!("{p} ({len} B) viaja de {device} al bróker; llega a los {t}"),
                (false, Some(t)) => format!("{p} ({len} B) viaja del bróker a {device}; llega a los {t}"),
                (true, None) => format!("{p} ({len} B) de {device} al bróker se pierde por el camino"),
                (false, None) => format!("{p} ({len} B) del bróker a {device} se pierde por el camino"),
            }
        }
        TraceKind::DeviceChanged { device, change } => {
            match change {
                DeviceChange::Connecting { port, .. } => {
                    format!("{device} se conecta al puerto {port}")
                }
                DeviceChange::Online {
                    session_present: true,
                } => format!("{device} está conectado y el bróker guardaba su sesión"),
                DeviceChange::Online { .. } => {
                    format!("{device} está conectado")
                }
                DeviceChange::Refused { code } => {
                    let c = code.0;
                    format!("el bróker rechaza a {device} (código {c:#04x})")
                }
                DeviceChange::Offline => {
                    format!("{device} está desconectado")
                }
                DeviceChange::ConnectionLost => format!("{device} pierde la conexión"),
                DeviceChange::Unplugged => {
                    format!("{device} está desenchufado")
                }
                DeviceChange::Replugged => format!("{device} vuelve a estar enchufado"),
                DeviceChange::Link {
                    latency_ms,
                    jitter_ms,
                    loss_permille,
                } => {
                    let p = format!("{}.{}", loss_permille / 10, loss_permille % 10);
                    format!("el enlace de {device} pasa a {latency_ms} ms ±{jitter_ms} ms, {p} % de pérdidas")
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
                (true, _) => format!("{device} publica «{p}» en {t}, QoS {q}"),
                (false, 0) => format!("{device} no tiene conexión: «{p}» en {t} (QoS 0) se pierde"),
                (false, _) => format!("{device} no tiene conexión: «{p}» en {t} (QoS {q}) espera"),
            }
        }
        TraceKind::DeviceReceived {
            device,
            topic,
            payload,
            ..
        } => {
            let (p, t) = (String::from_utf8_lossy(payload), topic.as_str());
            format!("{device} recibe «{p}» de {t}")
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
            format!("{device} espía a {target} y ve {masked}")
        }
        TraceKind::ActionApplied { action } => {
            super::events::action(action)
        }
    }
}
