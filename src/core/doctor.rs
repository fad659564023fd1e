//! The connection doctor: every way a connection to a real broker fails, explained in Spanish
//! and English with the likely fix. Also the broker address (`ws://` / `wss://`) and the
//! public presets. Pure: the WebSocket shell reports what happened, this says what it means.

use crate::core::codec::{DecodeError, ReasonCode, Version};

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
    /// The socket opened and the CONNECT went out, but the broker closed it without a CONNACK
    /// (what some 3.1.1-only brokers do to an MQTT 5 CONNECT).
    ClosedBeforeConnack {
        /// The protocol version used.
        version: Version,
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
}
