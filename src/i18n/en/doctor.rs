//! The connection doctor in words: what is wrong with an address, what happened, and what
//! to try.

use crate::core::codec::{Refusal, Version};
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::i18n::Lang;

/// [`crate::i18n::Language::url_error`] in English.
pub(super) fn url_error(error: &UrlError) -> String {
    use UrlError::*;
    match error {
        Tcp => "A browser cannot open MQTT over TCP (ports 1883/8883): use the broker's WebSocket address, starting with ws:// or wss://.".into(),
        Scheme => "The address must start with ws:// or wss:// (for example wss://broker.hivemq.com:8884/mqtt).".into(),
        Port(p) => format!("\"{p}\" is not a valid port (1 to 65535)."),
        Host => "The broker's host name is missing or has invalid characters.".into(),
        Path => "The path cannot contain spaces or #.".into(),
    }
}

/// [`crate::i18n::Language::diagnose`] in English.
pub(super) fn diagnose(problem: &DoctorProblem) -> Diagnosis {
    let d = |what: String, fix: &str| Diagnosis {
        what,
        fix: fix.to_string(),
    };
    match problem {
        DoctorProblem::MixedContent => d(
            "This page was opened over https, and the browser will not open ws:// (unencrypted) from it (mixed content).".into(),
            "Use the broker's wss:// address (for example wss://broker.hivemq.com:8884/mqtt).",
        ),
        DoctorProblem::Closed { code: 1006 | 1015, before_open: true, secure } => d(
            format!("The {}WebSocket connection could not be opened.", if *secure { "secure " } else { "" }),
            if *secure {
                "Check the host, the secure WebSocket port (not MQTT's 8883), the path (/mqtt on HiveMQ and EMQX) and that the server accepts the subprotocol \"mqtt\". A public broker may be down: try another one from the list."
            } else {
                "Check the host, the WebSocket port (not MQTT's 1883), the path (/mqtt on HiveMQ and EMQX) and that the server accepts the subprotocol \"mqtt\". A public broker may be down: try another one from the list."
            },
        ),
        DoctorProblem::Closed { code, before_open, .. } => {
            let what = match code {
                1000 => "The broker closed the connection normally.",
                1001 => "The broker is shutting down or restarting.",
                1002 => "The broker closed because of a WebSocket protocol error.",
                1003 | 1007 => "The broker did not accept the data sent.",
                1008 => "The broker refused the connection by policy.",
                1009 => "A message was too large for the broker.",
                1011 => "The broker hit an internal error.",
                _ => "The connection dropped without notice.",
            };
            let fix = if *before_open {
                "Check the path (/mqtt) and that the broker accepts the \"mqtt\" subprotocol."
            } else {
                "It will reconnect by itself; if it keeps happening, check the network or the broker."
            };
            d(
                format!("{what} (code {code})"),
                fix,
            )
        }
        DoctorProblem::Refused { code, version } => {
            let (what, fix) = refusal(code.refusal(*version), *version);
            d(
                format!("{what} (CONNACK {:#04x})", code.0),
                fix,
            )
        }
        DoctorProblem::SubscribeDenied { filter } => d(
            format!("The broker will not let you subscribe to \"{filter}\" (not authorized)."),
            "Your user has no read access to that topic (ACL). Ask for access or use a permitted topic.",
        ),
        DoctorProblem::PublishDenied { topic, code } => d(
            format!("The broker did not accept your message on \"{topic}\" (code {:#04x}).", code.0),
            "Your user probably cannot write to that topic (ACL). With MQTT 3.1.1 the broker drops it silently.",
        ),
        DoctorProblem::ClosedBeforeConnack { version: Version::V5 } => d(
            "The broker closed the connection without answering your MQTT 5 CONNECT: some brokers that only speak MQTT 3.1.1 do that.".to_string(),
            "Choose 3.1.1 in \"MQTT version\" and connect again.",
        ),
        DoctorProblem::ClosedBeforeConnack { .. } => d(
            "The broker closed the connection without answering your CONNECT.".to_string(),
            "Check that the address is an MQTT broker's (port and path) and that it lets anonymous clients or your user in; if it happens again, try MQTT 5.",
        ),
        DoctorProblem::NoAnswer { seconds } => d(
            format!("The broker did not answer CONNECT within {seconds} s."),
            "The WebSocket opened but does not speak MQTT: check the path, or that it is an MQTT broker. It may be overloaded: try later.",
        ),
        DoctorProblem::Malformed { error } => d(
            format!("The broker sent data that is not valid MQTT: {}", error.message(Lang::En)),
            "Is it really an MQTT broker? Try the other protocol version (3.1.1 / 5).",
        ),
    }

}

/// A refused CONNECT's meaning and fix.
fn refusal(refusal: Refusal, version: Version) -> (&'static str, &'static str) {
    match (refusal, version) {
        (Refusal::UnsupportedVersion, Version::V5) => (
            "The broker does not speak MQTT 5: it refused the version (some, like aedes, only speak MQTT 3.1.1).",
            "Choose 3.1.1 in \"MQTT version\" and connect again: everything in this course works with 3.1.1.",
        ),
        (Refusal::UnsupportedVersion, Version::V311) => (
            "The broker does not support MQTT 3.1.1.",
            "Choose 5 in \"MQTT version\" and connect again.",
        ),
        (Refusal::ClientIdRejected, _) => (
            "The broker rejected the client id.",
            "Use a shorter id with only letters and digits, or leave it empty.",
        ),
        (Refusal::Unavailable, _) => (
            "The broker is unavailable right now.",
            "Wait a little and try again, or use another broker.",
        ),
        (Refusal::BadCredentials, _) => (
            "Wrong user name or password.",
            "Check the user name and password (they are case-sensitive).",
        ),
        (Refusal::NotAuthorized, _) => (
            "Not authorized: this broker will not let you connect like this.",
            "A user name and password are needed (or the ones given are not accepted). Ask whoever runs the broker.",
        ),
        (Refusal::Banned, _) => (
            "The broker has banned you.",
            "Talk to whoever runs the broker.",
        ),
        (Refusal::PacketTooLarge, _) => (
            "The CONNECT packet is too large for the broker.",
            "Shorten the will or the properties.",
        ),
        _ => (
            "The broker refused the connection.",
            "Check the connection settings; the code says why.",
        ),
    }
}
