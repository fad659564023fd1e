//! One line per trace event, for the log and its exports: who, which topic, and a sentence in
//! the page's language saying what happened. Passwords never appear here (an eavesdropper's
//! capture shows them masked; an action's password is never said).
//!
//! Exports keep stable columns whatever the language: `seq`, `time_ms`, `kind` (the event's
//! name in [`TraceKind::NAMES`]), `who`, `topic`, `detail` (the sentence) and, in JSON, `msg`.

use crate::core::trace::{MsgId, TraceEvent, TraceKind};
use crate::i18n::{Lang, Text};

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

/// Each kind's label, in [`TraceKind::NAMES`]' order.
const KIND_LABELS: [Text; 28] = [
    Text::KindConnectionOpened,
    Text::KindPacketIn,
    Text::KindPacketOut,
    Text::KindAuth,
    Text::KindSessionCreated,
    Text::KindSessionResumed,
    Text::KindSessionEnded,
    Text::KindTakenOver,
    Text::KindPublished,
    Text::KindPublishDenied,
    Text::KindFilterTried,
    Text::KindRetainedSent,
    Text::KindQueued,
    Text::KindDropped,
    Text::KindDelivered,
    Text::KindAcknowledged,
    Text::KindRetainedStored,
    Text::KindRetainedCleared,
    Text::KindWillFired,
    Text::KindKeepAliveTimeout,
    Text::KindProtocolError,
    Text::KindConnectionClosed,
    Text::KindTransmitted,
    Text::KindDeviceChanged,
    Text::KindDeviceSent,
    Text::KindDeviceReceived,
    Text::KindEavesdropped,
    Text::KindActionApplied,
];

/// The log's label for an event kind (its name in [`TraceKind::NAMES`]); exports keep the name.
pub fn kind_label(name: &str) -> Text {
    let at = TraceKind::NAMES.iter().position(|n| *n == name);
    at.map_or(Text::KindActionApplied, |i| KIND_LABELS[i])
}

/// Describes an event: who, which topic, and a sentence saying what happened.
pub fn describe(e: &TraceEvent, lang: Lang) -> Line {
    use TraceKind as K;
    let k = &e.kind;
    let who = match k {
        K::PacketIn { client, .. }
        | K::PacketOut { client, .. }
        | K::ConnectionClosed { client, .. } => client.as_deref().unwrap_or_default(),
        K::Published { from: None, .. } => lang.t(Text::Broker),
        K::Published { from: Some(c), .. } => c,
        K::Auth { client, .. }
        | K::SessionCreated { client, .. }
        | K::SessionResumed { client, .. }
        | K::SessionEnded { client }
        | K::TakenOver { client, .. }
        | K::PublishDenied { client, .. }
        | K::FilterTried { client, .. }
        | K::RetainedSent { client, .. }
        | K::Queued { client, .. }
        | K::Dropped { client, .. }
        | K::Delivered { client, .. }
        | K::Acknowledged { client, .. }
        | K::WillFired { client, .. }
        | K::KeepAliveTimeout { client } => client,
        K::Transmitted { device, .. }
        | K::DeviceChanged { device, .. }
        | K::DeviceSent { device, .. }
        | K::DeviceReceived { device, .. }
        | K::Eavesdropped { device, .. } => device,
        K::ActionApplied { action } => action.device().unwrap_or_default(),
        K::ConnectionOpened { .. }
        | K::RetainedStored { .. }
        | K::RetainedCleared { .. }
        | K::ProtocolError { .. } => "",
    };
    let topic = match k {
        K::Published { topic, .. }
        | K::PublishDenied { topic, .. }
        | K::RetainedStored { topic, .. }
        | K::RetainedCleared { topic }
        | K::DeviceSent { topic, .. }
        | K::DeviceReceived { topic, .. } => topic.as_str(),
        K::FilterTried { filter, .. } | K::RetainedSent { filter, .. } => filter.as_str(),
        _ => "",
    };
    let msg = match k {
        K::PacketIn { msg, .. } | K::PacketOut { msg, .. } => *msg,
        K::Published { msg, .. }
        | K::FilterTried { msg, .. }
        | K::RetainedSent { msg, .. }
        | K::Queued { msg, .. }
        | K::Dropped { msg, .. }
        | K::Delivered { msg, .. }
        | K::Acknowledged { msg, .. }
        | K::RetainedStored { msg, .. }
        | K::WillFired { msg, .. } => Some(*msg),
        _ => None,
    };
    Line {
        who: who.to_string(),
        topic: topic.to_string(),
        text: in_language!(lang, event(k)),
        msg,
    }
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
