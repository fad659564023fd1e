//! Files in words: what is wrong in a scenario, link or action, and what a capture says.

use crate::core::json_read::{Expected, Found, Problem};
use crate::core::pcap::{CaptureError, CaptureNote, MAX_FILE_BYTES};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::read::mib;
use crate::core::scenario::FORMAT_VERSION;
use crate::core::sim::share::SHARE_VERSION;
use crate::i18n::Lang;

/// [`crate::i18n::Language::capture_error`] in English.
pub(super) fn capture_error(error: &CaptureError) -> String {
    match error {
        CaptureError::TooLarge { bytes } => format!(
            "The file is {} MB and the limit is {} MB. In Wireshark, save only the MQTT \
             packets (filter \"mqtt\", File › Export Specified Packets).",
            mib(*bytes),
            mib(MAX_FILE_BYTES)
        ),
        CaptureError::Empty => "The file is empty.".into(),
        CaptureError::NotACapture => {
            "This is not a capture: expected a .pcap or .pcapng file as Wireshark or tcpdump \
             save them."
                .into()
        }
        CaptureError::LinkType(t) => format!(
            "The capture uses a link type this reader does not know ({t}); capture on an \
             Ethernet, Wi-Fi or loopback interface."
        ),
        CaptureError::NoTcp { frames } => {
            format!("The capture has {frames} frames, but none is TCP: MQTT travels over TCP.")
        }
        CaptureError::NoMqtt { streams, tls: 0 } => format!(
            "There are {streams} TCP connections, but none carries MQTT (a CONNECT or port \
             1883 is looked for)."
        ),
        CaptureError::NoMqtt { streams, tls } => format!(
            "There are {streams} TCP connections; {tls} go to port 8883, encrypted with TLS, \
             and cannot be read. Capture on port 1883 to see the packets."
        ),
    }
}

/// [`crate::i18n::Language::capture_note`] in English.
pub(super) fn capture_note(note: &CaptureNote) -> String {
    match note {
        CaptureNote::Gap {
            stream,
            to_server,
            missing,
        } => format!(
            "Connection {}: {missing} bytes {} are missing (not captured); what follows may \
             start in the middle of a packet.",
            stream + 1,
            if *to_server {
                "from client to broker"
            } else {
                "from broker to client"
            }
        ),
        CaptureNote::Truncated { frames } => format!(
            "The file is cut short: it ends in the middle of a frame. {frames} whole frames \
             were read."
        ),
        CaptureNote::Snapped { frames } => format!(
            "{frames} frames were saved cut short (the capture's snap length): their end is \
             missing."
        ),
        CaptureNote::Unreadable { stream, bytes } => format!(
            "Connection {}: {bytes} bytes are not an MQTT packet and are skipped.",
            stream + 1
        ),
        CaptureNote::Tls { streams } => format!(
            "{streams} connections go to port 8883, encrypted with TLS: they cannot be read."
        ),
        CaptureNote::TooMany { shown, total } => {
            format!("The first {shown} of {total} MQTT packets are shown.")
        }
    }
}

/// [`crate::i18n::Language::capture_comment`] in English.
pub(super) fn capture_comment(comment: &Comment) -> String {
    match comment {
        Comment::Opens { device, tls: false } => {
            format!("\"{device}\" opens a TCP connection to the broker (port 1883)")
        }
        Comment::Opens { device, tls: true } => format!(
            "\"{device}\" connects to the broker on port 8883 (TLS): shown here decrypted, \
             on port 1883"
        ),
        Comment::Tls => {
            "Port 8883: encrypted with TLS on the network; shown decrypted".into()
        }
        Comment::Lost => {
            "Lost on the link: it never reaches the other end, and TCP sends it again".into()
        }
        Comment::RealClient => {
            "Real client: MQTT travelled over a WebSocket; shown here over TCP".into()
        }
        Comment::File { real: false } => {
            "MQTT Playground: a simulated run; times are the virtual clock's".into()
        }
        Comment::File { real: true } => {
            "MQTT Playground: the real client's packets with a real broker".into()
        }
    }
}

/// [`crate::i18n::Language::problem`] in English.
pub(super) fn problem(problem: &Problem) -> String {
    use Problem::*;
    match problem {
        NotJson { line, column } => format!("not valid JSON (line {line}, column {column})"),
        WrongType { found, expected } => {
            let found = match found {
                Found::Null => "null".to_string(),
                Found::Bool(b) => format!("boolean {b}"),
                Found::Number(n) => format!("number {n}"),
                Found::Text(t) => format!("string {t}"),
                Found::List => "a list".to_string(),
                Found::Object => "an object".to_string(),
            };
            let expected = match expected {
                Expected::Text => "a string".to_string(),
                Expected::Bool => "true or false".to_string(),
                Expected::Number => "a number".to_string(),
                Expected::WholeUpTo(max) => format!("a whole number from 0 to {max}"),
                Expected::List => "a list".to_string(),
                Expected::Object => "an object".to_string(),
            };
            format!("invalid type: {found}, expected {expected}")
        }
        TooLarge { value, max } => format!("{value} is too large (at most {max})"),
        UnknownField { field, expected } => {
            format!("unknown field `{field}`, expected one of {expected}")
        }
        UnknownName { name, expected } => {
            format!("unknown variant `{name}`, expected one of {expected}")
        }
        Missing { field } => format!("missing field `{field}`"),
        Topic(e) => super::topics::topic_error(e),
        NoSuchQoS(q) => format!("there is no QoS {q}: use 0, 1 or 2"),
        IntervalTooShort => "the interval must be at least 10 ms".into(),
        Port(p) => format!("port {p}: use 1883 (plain) or 8883 (TLS)"),
        LossRange => "loss is a probability between 0 and 1".into(),
        LatencyRange => "latency and jitter: at most 60 000 ms".into(),
        ZeroReceiveMaximum => "0 is not allowed (1 to 65535)".into(),
        DamagedLink(why) => format!(
            "the shared link is damaged or incomplete ({})",
            why.render(Lang::En)
        ),
        NoSuchLesson(id) => format!("there is no lesson “{id}” in this version"),
        StillOpening => "Wait: the shared run is still opening.".into(),
        FormatVersionMissing => format!(
            "the format version is missing (this app reads version {FORMAT_VERSION})"
        ),
        FormatVersion(v) => format!(
            "format version {v} is not supported (this app reads version {FORMAT_VERSION})"
        ),
        QuizOptions => "a quiz needs two options or more".into(),
        QuizNoRightOption => "no option of the quiz is marked right".into(),
        BadLessonId => "the lesson's id must be one word of letters, digits, - and _ (up to 40)".into(),
        TextTooLong(n) => format!("the text is too long (at most {n} characters)"),
        EmptyName => "the name cannot be empty".into(),
        DuplicateName(n) => format!("another device is already called \"{n}\""),
        BadClientId => "the client id is not valid".into(),
        DuplicateClientId(id) => format!(
            "another device already uses client id \"{id}\": they would keep taking each other over"
        ),
        ModelRange => "numbers must be finite and min ≤ max".into(),
        NoSuchDevice(n) => format!("there is no device called \"{n}\""),
        LinkVersion(v) => format!(
            "this link is from another version ({v}); this app reads version {SHARE_VERSION}"
        ),
    }
}

/// [`crate::i18n::Language::capture_story`] in English.
pub(super) fn capture_story(story: &Story) -> String {
    use Story::*;
    match story {
        Summary {
            packets,
            connections,
            frames,
        } => format!("{packets} MQTT packets in {connections} connections ({frames} frames in the file)."),
        Published { from, topic, to } if to.is_empty() => format!(
            "\"{from}\" published on \"{topic}\". In this capture the broker sends it to nobody."
        ),
        Published { from, topic, to } => {
            format!("\"{from}\" published on \"{topic}\"; the broker sent it to: {to}.")
        }
        Delivered {
            to,
            from: Some((from, frame)),
        } => format!("The broker delivers to \"{to}\" the message \"{from}\" published (frame {frame})."),
        Delivered { to, from: None } => format!(
            "The broker delivers this message to \"{to}\"; who published it is not in the \
             capture (a retained message, a will, or before the capture started)."
        ),
    }
}
