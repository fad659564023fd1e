//! The connection doctor: every way a connection to a real broker fails, explained in Spanish
//! and English with the likely fix. Also the broker address (`ws://` / `wss://`) and the
//! public presets. Pure: the WebSocket shell reports what happened, this says what it means.

use crate::core::codec::{DecodeError, ReasonCode, Version};
use crate::core::i18n::Lang;

/// A broker address for MQTT over WebSocket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerUrl {
    /// `wss` (TLS) or `ws`.
    pub secure: bool,
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Path (starts with `/`).
    pub path: String,
}

impl BrokerUrl {
    /// Parses `ws://host:port/path` or `wss://…`; the port defaults to 80 / 443.
    pub fn parse(text: &str) -> Result<BrokerUrl, UrlError> {
        let t = text.trim();
        let (secure, rest) = if let Some(r) = t.strip_prefix("wss://") {
            (true, r)
        } else if let Some(r) = t.strip_prefix("ws://") {
            (false, r)
        } else if t.starts_with("mqtt://") || t.starts_with("mqtts://") || t.starts_with("tcp://") {
            return Err(UrlError::Tcp);
        } else {
            return Err(UrlError::Scheme);
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        // `[::1]` is an IPv6 address without a port; `[::1]:9001` has one.
        let bare_ipv6 = authority.starts_with('[') && authority.ends_with(']');
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !bare_ipv6 && (!authority.starts_with('[') || h.ends_with(']')) => {
                let port = p
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| UrlError::Port(p.to_string()))?;
                (h, port)
            }
            _ => (authority, if secure { 443 } else { 80 }),
        };
        let valid_host = !host.is_empty()
            && host.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':')
            });
        if !valid_host {
            return Err(UrlError::Host);
        }
        if path.chars().any(|c| c.is_whitespace() || c == '#') {
            return Err(UrlError::Path);
        }
        Ok(BrokerUrl {
            secure,
            host: host.to_string(),
            port,
            path: path.to_string(),
        })
    }

    /// The address as text.
    pub fn as_string(&self) -> String {
        format!(
            "{}://{}:{}{}",
            if self.secure { "wss" } else { "ws" },
            self.host,
            self.port,
            self.path
        )
    }

    /// A page served over https can only open `wss://` (mixed content): the problem, if any.
    pub fn check_page(&self, page_is_https: bool) -> Option<Problem> {
        (page_is_https && !self.secure).then_some(Problem::MixedContent)
    }
}

/// Why a broker address cannot be used, rendered in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// `mqtt://`, `mqtts://` or `tcp://`: a browser cannot open TCP.
    Tcp,
    /// Neither `ws://` nor `wss://`.
    Scheme,
    /// The port is not 1 to 65535 (as typed).
    Port(String),
    /// The host is missing or has invalid characters.
    Host,
    /// The path has spaces or `#`.
    Path,
}

impl UrlError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use UrlError::*;
        match (self, lang) {
            (Tcp, Lang::Es) => "Un navegador no puede abrir MQTT sobre TCP (puertos 1883/8883): usa la dirección WebSocket del bróker, que empieza por ws:// o wss://.".into(),
            (Tcp, Lang::En) => "A browser cannot open MQTT over TCP (ports 1883/8883): use the broker's WebSocket address, starting with ws:// or wss://.".into(),
            (Scheme, Lang::Es) => "La dirección debe empezar por ws:// o wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).".into(),
            (Scheme, Lang::En) => "The address must start with ws:// or wss:// (for example wss://broker.hivemq.com:8884/mqtt).".into(),
            (Port(p), Lang::Es) => format!("«{p}» no es un puerto válido (1 a 65535)."),
            (Port(p), Lang::En) => format!("\"{p}\" is not a valid port (1 to 65535)."),
            (Host, Lang::Es) => "Falta el nombre del bróker, o tiene caracteres no válidos.".into(),
            (Host, Lang::En) => "The broker's host name is missing or has invalid characters.".into(),
            (Path, Lang::Es) => "La ruta no puede tener espacios ni #.".into(),
            (Path, Lang::En) => "The path cannot contain spaces or #.".into(),
        }
    }
}

/// Public brokers (and a local one) with their WebSocket addresses.
pub const PRESETS: [(&str, &str); 6] = [
    ("HiveMQ", "wss://broker.hivemq.com:8884/mqtt"),
    ("test.mosquitto.org", "wss://test.mosquitto.org:8081/"),
    ("EMQX", "wss://broker.emqx.io:8084/mqtt"),
    ("Eclipse", "wss://mqtt.eclipseprojects.io:443/mqtt"),
    ("HiveMQ (ws)", "ws://broker.hivemq.com:8000/mqtt"),
    ("localhost", "ws://127.0.0.1:9001/"),
];

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An https page tried `ws://`.
    MixedContent,
    /// The WebSocket closed (or never opened).
    Closed {
        /// The close code (1006: closed without a close frame).
        code: u16,
        /// It never opened.
        before_open: bool,
        /// The address was `wss://`.
        secure: bool,
    },
    /// The broker refused the CONNECT.
    Refused {
        /// The CONNACK code.
        code: ReasonCode,
        /// The protocol version used.
        version: Version,
    },
    /// A subscription was refused (SUBACK failure).
    SubscribeDenied {
        /// The filter.
        filter: String,
    },
    /// A publish was refused (5.0 reason code).
    PublishDenied {
        /// The topic.
        topic: String,
        /// The reason code.
        code: ReasonCode,
    },
    /// No CONNACK in time.
    NoAnswer {
        /// Seconds waited.
        seconds: u64,
    },
    /// The broker sent bytes that are not MQTT.
    Malformed {
        /// What the decoder found.
        error: DecodeError,
    },
}

/// The doctor's diagnosis: what happened and what to try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// What happened.
    pub what: String,
    /// The likely fix.
    pub fix: String,
}

impl Problem {
    /// The diagnosis in a language.
    pub fn diagnose(&self, lang: Lang) -> Diagnosis {
        let es = lang == Lang::Es;
        let d = |what_es: String, what_en: String, fix_es: &str, fix_en: &str| Diagnosis {
            what: if es { what_es } else { what_en },
            fix: (if es { fix_es } else { fix_en }).to_string(),
        };
        match self {
            Problem::MixedContent => d(
                "Esta página se abrió con https, y el navegador no deja abrir ws:// (sin cifrar) desde ella (contenido mixto).".into(),
                "This page was opened over https, and the browser will not open ws:// (unencrypted) from it (mixed content).".into(),
                "Usa la dirección wss:// del bróker (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
                "Use the broker's wss:// address (for example wss://broker.hivemq.com:8884/mqtt).",
            ),
            Problem::Closed { code: 1006 | 1015, before_open: true, secure } => d(
                format!("No se pudo abrir la conexión WebSocket{}.", if *secure { " segura" } else { "" }),
                format!("The {}WebSocket connection could not be opened.", if *secure { "secure " } else { "" }),
                if *secure {
                    "Comprueba el nombre, el puerto WebSocket seguro (no el 8883 de MQTT) y la ruta (/mqtt en HiveMQ y EMQX). Si el bróker es público, puede estar caído: prueba otro de la lista."
                } else {
                    "Comprueba el nombre, el puerto WebSocket (no el 1883 de MQTT) y la ruta (/mqtt en HiveMQ y EMQX). Si el bróker es público, puede estar caído: prueba otro de la lista."
                },
                if *secure {
                    "Check the host, the secure WebSocket port (not MQTT's 8883) and the path (/mqtt on HiveMQ and EMQX). A public broker may be down: try another one from the list."
                } else {
                    "Check the host, the WebSocket port (not MQTT's 1883) and the path (/mqtt on HiveMQ and EMQX). A public broker may be down: try another one from the list."
                },
            ),
            Problem::Closed { code, before_open, .. } => {
                let (what_es, what_en) = match code {
                    1000 => ("El bróker cerró la conexión normalmente.", "The broker closed the connection normally."),
                    1001 => ("El bróker se está apagando o reiniciando.", "The broker is shutting down or restarting."),
                    1002 => ("El bróker cerró por un error de protocolo WebSocket.", "The broker closed because of a WebSocket protocol error."),
                    1003 | 1007 => ("El bróker no aceptó los datos enviados.", "The broker did not accept the data sent."),
                    1008 => ("El bróker rechazó la conexión por su política.", "The broker refused the connection by policy."),
                    1009 => ("Un mensaje era demasiado grande para el bróker.", "A message was too large for the broker."),
                    1011 => ("El bróker tuvo un error interno.", "The broker hit an internal error."),
                    _ => ("La conexión se cortó sin aviso.", "The connection dropped without notice."),
                };
                let (fix_es, fix_en) = if *before_open {
                    ("Revisa la ruta (/mqtt) y que el bróker admita el subprotocolo «mqtt».", "Check the path (/mqtt) and that the broker accepts the \"mqtt\" subprotocol.")
                } else {
                    ("Se volverá a conectar solo; si se repite, revisa la red o el bróker.", "It will reconnect by itself; if it keeps happening, check the network or the broker.")
                };
                d(format!("{what_es} (código {code})"), format!("{what_en} (code {code})"), fix_es, fix_en)
            }
            Problem::Refused { code, version } => {
                let (what_es, what_en, fix_es, fix_en) = refusal(*code, *version);
                d(
                    format!("{what_es} (CONNACK {:#04x})", code.0),
                    format!("{what_en} (CONNACK {:#04x})", code.0),
                    fix_es,
                    fix_en,
                )
            }
            Problem::SubscribeDenied { filter } => d(
                format!("El bróker no te deja suscribirte a «{filter}» (no autorizado)."),
                format!("The broker will not let you subscribe to \"{filter}\" (not authorized)."),
                "Tu usuario no tiene permiso de lectura en ese tema (ACL). Pide acceso o usa un tema permitido.",
                "Your user has no read access to that topic (ACL). Ask for access or use a permitted topic.",
            ),
            Problem::PublishDenied { topic, code } => d(
                format!("El bróker no aceptó tu mensaje en «{topic}» (código {:#04x}).", code.0),
                format!("The broker did not accept your message on \"{topic}\" (code {:#04x}).", code.0),
                "Probablemente tu usuario no puede escribir en ese tema (ACL). En MQTT 3.1.1 el bróker lo descarta en silencio.",
                "Your user probably cannot write to that topic (ACL). With MQTT 3.1.1 the broker drops it silently.",
            ),
            Problem::NoAnswer { seconds } => d(
                format!("El bróker no respondió al CONNECT en {seconds} s."),
                format!("The broker did not answer CONNECT within {seconds} s."),
                "La WebSocket se abrió pero no habla MQTT: revisa la ruta, o que sea un bróker MQTT. Puede estar saturado: prueba más tarde.",
                "The WebSocket opened but does not speak MQTT: check the path, or that it is an MQTT broker. It may be overloaded: try later.",
            ),
            Problem::Malformed { error } => d(
                format!("El bróker envió datos que no son MQTT válido: {}", error.message(lang)),
                format!("The broker sent data that is not valid MQTT: {}", error.message(lang)),
                "¿Es de verdad un bróker MQTT? Prueba la otra versión del protocolo (3.1.1 / 5).",
                "Is it really an MQTT broker? Try the other protocol version (3.1.1 / 5).",
            ),
        }
    }
}

fn refusal(
    code: ReasonCode,
    version: Version,
) -> (&'static str, &'static str, &'static str, &'static str) {
    let c = code.0;
    match (version, c) {
        (Version::V311, 1) | (Version::V5, 0x84) => (
            "El bróker no admite esta versión de MQTT.",
            "The broker does not support this MQTT version.",
            "Cambia a la otra versión (3.1.1 o 5).",
            "Switch to the other version (3.1.1 or 5).",
        ),
        (Version::V311, 2) | (Version::V5, 0x85) => (
            "El bróker rechazó el identificador de cliente.",
            "The broker rejected the client id.",
            "Usa un identificador más corto, solo con letras y números, o déjalo vacío.",
            "Use a shorter id with only letters and digits, or leave it empty.",
        ),
        (Version::V311, 3) | (Version::V5, 0x88) | (Version::V5, 0x89) => (
            "El bróker no está disponible ahora.",
            "The broker is unavailable right now.",
            "Espera un poco y vuelve a intentarlo, o usa otro bróker.",
            "Wait a little and try again, or use another broker.",
        ),
        (Version::V311, 4) | (Version::V5, 0x86) => (
            "Usuario o contraseña incorrectos.",
            "Wrong user name or password.",
            "Revisa el usuario y la contraseña (distinguen mayúsculas).",
            "Check the user name and password (they are case-sensitive).",
        ),
        (Version::V311, 5) | (Version::V5, 0x87) => (
            "No autorizado: este bróker no te deja conectar así.",
            "Not authorized: this broker will not let you connect like this.",
            "Hace falta usuario y contraseña (o los dados no valen). Pídelos a quien administra el bróker.",
            "A user name and password are needed (or the ones given are not accepted). Ask whoever runs the broker.",
        ),
        (Version::V5, 0x8A) => (
            "El bróker te ha vetado.",
            "The broker has banned you.",
            "Habla con quien administra el bróker.",
            "Talk to whoever runs the broker.",
        ),
        (Version::V5, 0x95) => (
            "El paquete CONNECT es demasiado grande para el bróker.",
            "The CONNECT packet is too large for the broker.",
            "Acorta la última voluntad o las propiedades.",
            "Shorten the will or the properties.",
        ),
        _ => (
            "El bróker rechazó la conexión.",
            "The broker refused the connection.",
            "Revisa los datos de conexión; el código indica el motivo.",
            "Check the connection settings; the code says why.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = BrokerUrl::parse("wss://broker.hivemq.com:8884/mqtt").unwrap();
        assert_eq!(
            (u.secure, u.host.as_str(), u.port, u.path.as_str()),
            (true, "broker.hivemq.com", 8884, "/mqtt")
        );
        assert_eq!(
            BrokerUrl::parse(" ws://127.0.0.1 ").unwrap().as_string(),
            "ws://127.0.0.1:80/"
        );
        assert_eq!(BrokerUrl::parse("wss://x.org/").unwrap().port, 443);
        assert_eq!(BrokerUrl::parse("ws://[::1]/").unwrap().port, 80);
        assert_eq!(BrokerUrl::parse("ws://[::1]:9001/").unwrap().port, 9001);
        for bad in [
            "",
            "http://x",
            "ws://",
            "ws://x:0/",
            "ws://x:99999/",
            "ws://a b/",
            "ws://x/p#q",
        ] {
            assert!(BrokerUrl::parse(bad).is_err(), "{bad}");
        }
        let tcp = BrokerUrl::parse("mqtt://test.mosquitto.org:1883").unwrap_err();
        assert_eq!(tcp, UrlError::Tcp);
        assert!(tcp.message(Lang::Es).contains("TCP"));
        assert_ne!(tcp.message(Lang::Es), tcp.message(Lang::En));
        for (_, p) in PRESETS {
            assert!(BrokerUrl::parse(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn mixed_content_only_for_ws_on_https() {
        let ws = BrokerUrl::parse("ws://a:1/").unwrap();
        let wss = BrokerUrl::parse("wss://a:1/").unwrap();
        assert_eq!(ws.check_page(true), Some(Problem::MixedContent));
        assert_eq!(ws.check_page(false), None);
        assert_eq!(wss.check_page(true), None);
    }

    #[test]
    fn every_problem_has_a_diagnosis_in_both_languages() {
        let mut problems = vec![
            Problem::MixedContent,
            Problem::SubscribeDenied { filter: "#".into() },
            Problem::PublishDenied {
                topic: "a".into(),
                code: ReasonCode(0x87),
            },
            Problem::NoAnswer { seconds: 10 },
            Problem::Malformed {
                error: DecodeError::ReservedPacketType { value: 0 },
            },
        ];
        for code in [1000, 1001, 1002, 1003, 1006, 1008, 1009, 1011, 4000] {
            for before_open in [true, false] {
                problems.push(Problem::Closed {
                    code,
                    before_open,
                    secure: true,
                });
            }
        }
        for c in 1..=5 {
            problems.push(Problem::Refused {
                code: ReasonCode(c),
                version: Version::V311,
            });
        }
        for c in [0x80, 0x84, 0x85, 0x86, 0x87, 0x88, 0x8A, 0x95] {
            problems.push(Problem::Refused {
                code: ReasonCode(c),
                version: Version::V5,
            });
        }
        for p in problems {
            let (es, en) = (p.diagnose(Lang::Es), p.diagnose(Lang::En));
            assert!(
                !es.what.is_empty() && !es.fix.is_empty() && es.what != en.what,
                "{p:?}"
            );
        }
        let wrong = Problem::Refused {
            code: ReasonCode(4),
            version: Version::V311,
        }
        .diagnose(Lang::Es);
        assert!(wrong.what.contains("contraseña"));
    }
}
