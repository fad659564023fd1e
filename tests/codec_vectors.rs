//! Spec test vectors: every packet type of 3.1.1 and 5.0 as bytes, field by field, and the
//! malformed packets each rule refuses.
#![cfg(not(target_arch = "wasm32"))]

use bytes::Bytes;
use mqtt_playground::core::codec::*;
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::types::{ClientId, PacketId, QoS};
use mqtt_playground::i18n::Lang;

use Version::{V311, V5};

fn pid(n: u16) -> PacketId {
    PacketId::new(n).unwrap()
}

fn decode_all(bytes: &[u8], v: Version) -> Result<Packet, DecodeError> {
    match decode(bytes, v, MAX_PACKET_SIZE)? {
        Decoded::Packet { packet, len } => {
            assert_eq!(len, bytes.len(), "the whole buffer is one packet");
            Ok(packet)
        }
        Decoded::Incomplete { needed } => panic!("incomplete, needs {needed}"),
    }
}

/// Asserts `packet` encodes to exactly `bytes` and `bytes` decode to exactly `packet`.
fn vector(packet: Packet, v: Version, bytes: &[u8]) {
    assert_eq!(packet.to_bytes(v).unwrap(), bytes, "encode {packet:?}");
    assert_eq!(decode_all(bytes, v).unwrap(), packet, "decode {bytes:02x?}");
    // The dissection covers every byte, in order, without gaps.
    let (p, fields) = dissect(bytes, v).unwrap();
    assert_eq!(p, packet);
    let mut end = 0;
    for f in &fields {
        if f.depth == 0 {
            assert_eq!(f.range.start, end, "gap before {:?} in {fields:#?}", f.name);
        }
        end = end.max(f.range.end);
    }
    let last = fields.iter().map(|f| f.range.end).max().unwrap();
    assert_eq!(last, bytes.len(), "dissection reaches the end");
}

fn rejects(bytes: &[u8], v: Version) -> DecodeError {
    decode_all(bytes, v).expect_err("must be refused")
}

#[test]
fn connect_311_minimal() {
    let mut c = Connect::new(V311, ClientId::new("").unwrap());
    c.keep_alive = 60;
    #[rustfmt::skip]
    let bytes = [
        0x10, 12,                          // CONNECT, remaining length 12
        0x00, 0x04, b'M', b'Q', b'T', b'T', // protocol name
        0x04,                              // level 4 = 3.1.1
        0b0000_0010,                       // clean session
        0x00, 0x3C,                        // keep alive 60
        0x00, 0x00,                        // client id ""
    ];
    vector(Packet::Connect(Box::new(c)), V311, &bytes);
}

#[test]
fn connect_311_full() {
    let c = Connect {
        version: V311,
        clean_start: false,
        keep_alive: 10,
        properties: Properties::new(),
        client_id: ClientId::new("s1").unwrap(),
        will: Some(Will {
            topic: TopicName::new("w").unwrap(),
            payload: Bytes::from_static(b"x"),
            qos: QoS::AtLeastOnce,
            retain: true,
            properties: Properties::new(),
        }),
        username: Some("u".into()),
        password: Some(Bytes::from_static(b"p")),
    };
    #[rustfmt::skip]
    let bytes = [
        0x10, 26,
        0x00, 0x04, b'M', b'Q', b'T', b'T', 0x04,
        0b1110_1100,                 // username, password, will retain, will QoS 1, will
        0x00, 0x0A,
        0x00, 0x02, b's', b'1',      // client id
        0x00, 0x01, b'w',            // will topic
        0x00, 0x01, b'x',            // will payload
        0x00, 0x01, b'u',            // username
        0x00, 0x01, b'p',            // password
    ];
    vector(Packet::Connect(Box::new(c)), V311, &bytes);
}

#[test]
fn connect_5_with_properties_and_will_properties() {
    let c = Connect {
        version: V5,
        clean_start: true,
        keep_alive: 30,
        properties: Properties::new()
            .with(Property::SessionExpiryInterval(3600))
            .with(Property::ReceiveMaximum(20)),
        client_id: ClientId::new("a").unwrap(),
        will: Some(Will {
            topic: TopicName::new("t").unwrap(),
            payload: Bytes::new(),
            qos: QoS::AtMostOnce,
            retain: false,
            properties: Properties::new().with(Property::WillDelayInterval(5)),
        }),
        username: None,
        password: None,
    };
    #[rustfmt::skip]
    let bytes = [
        0x10, 33,
        0x00, 0x04, b'M', b'Q', b'T', b'T', 0x05,
        0b0000_0110, 0x00, 30,
        8,                                   // properties: 8 bytes
        0x11, 0x00, 0x00, 0x0E, 0x10,        //   session expiry 3600
        0x21, 0x00, 20,                      //   receive maximum 20
        0x00, 0x01, b'a',                    // client id
        5, 0x18, 0, 0, 0, 5,                 // will properties: will delay 5
        0x00, 0x01, b't',                    // will topic
        0x00, 0x00,                          // will payload (empty)
    ];
    vector(Packet::Connect(Box::new(c)), V5, &bytes);
}

#[test]
fn connack_both_versions() {
    let ok = ConnAck {
        session_present: true,
        code: ReasonCode::SUCCESS,
        properties: Properties::new(),
    };
    vector(Packet::ConnAck(ok.clone()), V311, &[0x20, 2, 0x01, 0x00]);
    vector(Packet::ConnAck(ok), V5, &[0x20, 3, 0x01, 0x00, 0x00]);
    let refused = ConnAck {
        session_present: false,
        code: ReasonCode(5),
        properties: Properties::new(),
    };
    vector(Packet::ConnAck(refused), V311, &[0x20, 2, 0x00, 0x05]);
    let v5 = ConnAck {
        session_present: false,
        code: ReasonCode::NOT_AUTHORIZED,
        properties: Properties::new().with(Property::ReasonString("no".into())),
    };
    vector(
        Packet::ConnAck(v5),
        V5,
        &[0x20, 8, 0x00, 0x87, 5, 0x1F, 0x00, 0x02, b'n', b'o'],
    );
}

#[test]
fn publish_qos0_qos1_qos2() {
    let p = Publish::new(TopicName::new("a/b").unwrap(), &b"hi"[..]);
    vector(
        Packet::Publish(p.clone()),
        V311,
        &[0x30, 7, 0, 3, b'a', b'/', b'b', b'h', b'i'],
    );
    vector(
        Packet::Publish(p.clone()),
        V5,
        &[0x30, 8, 0, 3, b'a', b'/', b'b', 0, b'h', b'i'],
    );
    let q1 = Publish {
        dup: true,
        qos: QoS::AtLeastOnce,
        retain: true,
        packet_id: Some(pid(10)),
        ..p.clone()
    };
    vector(
        Packet::Publish(q1),
        V311,
        &[0x3B, 9, 0, 3, b'a', b'/', b'b', 0, 10, b'h', b'i'],
    );
    let q2 = Publish {
        qos: QoS::ExactlyOnce,
        packet_id: Some(pid(0x0102)),
        properties: Properties::new()
            .with(Property::PayloadFormatIndicator(1))
            .with(Property::UserProperty(("k".into(), "v".into()))),
        ..p
    };
    #[rustfmt::skip]
    let bytes = [
        0x34, 19, 0, 3, b'a', b'/', b'b', 0x01, 0x02,
        9, 0x01, 1, 0x26, 0, 1, b'k', 0, 1, b'v',
        b'h', b'i',
    ];
    vector(Packet::Publish(q2), V5, &bytes);
}

#[test]
fn publish_5_topic_alias_with_empty_topic() {
    let p = Publish {
        topic: TopicName::alias_only(),
        properties: Properties::new().with(Property::TopicAlias(3)),
        ..Publish::new(TopicName::new("x").unwrap(), &b"1"[..])
    };
    vector(
        Packet::Publish(p),
        V5,
        &[0x30, 7, 0, 0, 3, 0x23, 0, 3, b'1'],
    );
    assert_eq!(
        rejects(&[0x30, 4, 0, 0, 0, b'1'], V5),
        DecodeError::EmptyTopicWithoutAlias
    );
    assert!(matches!(
        rejects(&[0x30, 3, 0, 0, b'1'], V311),
        DecodeError::InvalidTopic { .. }
    ));
}

#[test]
fn acks_short_and_long_forms() {
    for (t, first) in [(0u8, 0x40u8), (1, 0x50), (2, 0x62), (3, 0x70)] {
        let a = Ack::new(pid(1));
        let packet = |a: Ack| match t {
            0 => Packet::PubAck(a),
            1 => Packet::PubRec(a),
            2 => Packet::PubRel(a),
            _ => Packet::PubComp(a),
        };
        vector(packet(a.clone()), V311, &[first, 2, 0, 1]);
        vector(packet(a), V5, &[first, 2, 0, 1]);
    }
    let a = Ack {
        code: ReasonCode::NO_MATCHING_SUBSCRIBERS,
        ..Ack::new(pid(7))
    };
    vector(Packet::PubAck(a), V5, &[0x40, 3, 0, 7, 0x10]);
    let a = Ack {
        code: ReasonCode::PACKET_ID_NOT_FOUND,
        properties: Properties::new().with(Property::ReasonString("?".into())),
        ..Ack::new(pid(7))
    };
    vector(
        Packet::PubComp(a),
        V5,
        &[0x70, 8, 0, 7, 0x92, 4, 0x1F, 0, 1, b'?'],
    );
    // 5.0 allows the reason code with no property length.
    assert_eq!(
        decode_all(&[0x40, 4, 0, 7, 0x10, 0], V5).unwrap(),
        Packet::PubAck(Ack {
            code: ReasonCode::NO_MATCHING_SUBSCRIBERS,
            ..Ack::new(pid(7))
        })
    );
}

#[test]
fn subscribe_suback_unsubscribe_unsuback() {
    let s = Subscribe {
        packet_id: pid(1),
        properties: Properties::new(),
        filters: vec![
            (
                TopicFilter::new("a/#").unwrap(),
                SubscriptionOptions::qos(QoS::AtLeastOnce),
            ),
            (
                TopicFilter::new("+").unwrap(),
                SubscriptionOptions::qos(QoS::ExactlyOnce),
            ),
        ],
    };
    #[rustfmt::skip]
    let bytes = [0x82, 12, 0, 1, 0, 3, b'a', b'/', b'#', 0x01, 0, 1, b'+', 0x02];
    vector(Packet::Subscribe(s.clone()), V311, &bytes);
    let s5 = Subscribe {
        properties: Properties::new().with(Property::SubscriptionIdentifier(300)),
        filters: vec![(
            TopicFilter::new("a").unwrap(),
            SubscriptionOptions {
                qos: QoS::AtMostOnce,
                no_local: true,
                retain_as_published: true,
                retain_handling: RetainHandling::DoNotSend,
            },
        )],
        ..s
    };
    vector(
        Packet::Subscribe(s5),
        V5,
        &[0x82, 10, 0, 1, 3, 0x0B, 0xAC, 0x02, 0, 1, b'a', 0b0010_1100],
    );

    let ack = SubAck {
        packet_id: pid(1),
        properties: Properties::new(),
        codes: vec![ReasonCode(1), ReasonCode(0x80)],
    };
    vector(
        Packet::SubAck(ack.clone()),
        V311,
        &[0x90, 4, 0, 1, 0x01, 0x80],
    );
    vector(Packet::SubAck(ack), V5, &[0x90, 5, 0, 1, 0, 0x01, 0x80]);

    let u = Unsubscribe {
        packet_id: pid(2),
        properties: Properties::new(),
        filters: vec![TopicFilter::new("a/+").unwrap()],
    };
    vector(
        Packet::Unsubscribe(u.clone()),
        V311,
        &[0xA2, 7, 0, 2, 0, 3, b'a', b'/', b'+'],
    );
    vector(
        Packet::Unsubscribe(u),
        V5,
        &[0xA2, 8, 0, 2, 0, 0, 3, b'a', b'/', b'+'],
    );

    let ua = SubAck {
        packet_id: pid(2),
        properties: Properties::new(),
        codes: vec![],
    };
    vector(Packet::UnsubAck(ua), V311, &[0xB0, 2, 0, 2]);
    let ua5 = SubAck {
        packet_id: pid(2),
        properties: Properties::new(),
        codes: vec![ReasonCode::NO_SUBSCRIPTION_EXISTED],
    };
    vector(Packet::UnsubAck(ua5), V5, &[0xB0, 4, 0, 2, 0, 0x11]);
}

#[test]
fn ping_disconnect_auth() {
    for v in [V311, V5] {
        vector(Packet::PingReq, v, &[0xC0, 0]);
        vector(Packet::PingResp, v, &[0xD0, 0]);
        vector(Packet::Disconnect(Control::default()), v, &[0xE0, 0]);
    }
    vector(
        Packet::Disconnect(Control::with_code(ReasonCode::SESSION_TAKEN_OVER)),
        V5,
        &[0xE0, 1, 0x8E],
    );
    let d = Control {
        code: ReasonCode::SUCCESS,
        properties: Properties::new().with(Property::SessionExpiryInterval(0)),
    };
    vector(
        Packet::Disconnect(d),
        V5,
        &[0xE0, 7, 0, 5, 0x11, 0, 0, 0, 0],
    );
    vector(Packet::Auth(Control::default()), V5, &[0xF0, 0]);
    let a = Control {
        code: ReasonCode::CONTINUE_AUTHENTICATION,
        properties: Properties::new().with(Property::AuthenticationMethod("S".into())),
    };
    vector(Packet::Auth(a), V5, &[0xF0, 6, 0x18, 4, 0x15, 0, 1, b'S']);
    assert_eq!(rejects(&[0xF0, 0], V311), DecodeError::AuthInV311);
    assert!(matches!(
        Packet::Auth(Control::default()).to_bytes(V311),
        Err(EncodeError::NeedsV5 { .. })
    ));
}

#[test]
fn streaming_reports_how_many_bytes_are_missing() {
    let bytes = Packet::Publish(Publish::new(
        TopicName::new("Casa/Cocina/Temperatura").unwrap(),
        &b"21.5"[..],
    ))
    .to_bytes(V311)
    .unwrap();
    assert_eq!(
        decode(&[], V311, MAX_PACKET_SIZE).unwrap(),
        Decoded::Incomplete { needed: 2 }
    );
    for cut in 1..bytes.len() {
        match decode(&bytes[..cut], V311, MAX_PACKET_SIZE).unwrap() {
            Decoded::Incomplete { needed } => {
                assert!(
                    needed >= 1 && cut + needed <= bytes.len(),
                    "cut {cut} needed {needed}"
                )
            }
            other => panic!("cut {cut}: {other:?}"),
        }
    }
    // Two packets back to back: the first is taken, the rest is left.
    let mut two = bytes.clone();
    two.extend_from_slice(&[0xC0, 0]);
    let Decoded::Packet { len, .. } = decode(&two, V311, MAX_PACKET_SIZE).unwrap() else {
        panic!()
    };
    assert_eq!(len, bytes.len());
    assert_eq!(
        decode(&two[len..], V311, MAX_PACKET_SIZE).unwrap(),
        Decoded::Packet {
            packet: Packet::PingReq,
            len: 2
        }
    );
}

#[test]
fn limits_are_enforced_before_the_bytes_arrive() {
    // A header announcing 268 435 455 bytes is refused at once when the limit is smaller.
    let err = decode(&[0x30, 0xFF, 0xFF, 0xFF, 0x7F], V311, 1024).unwrap_err();
    assert_eq!(
        err,
        DecodeError::PacketTooLarge {
            size: 268_435_460,
            max: 1024
        }
    );
    // Within the limit, it is only incomplete (nothing allocated for it).
    assert_eq!(
        decode(&[0x30, 0xFF, 0xFF, 0xFF, 0x7F], V311, MAX_PACKET_SIZE).unwrap(),
        Decoded::Incomplete {
            needed: 268_435_455
        }
    );
    assert_eq!(
        decode(&[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], V311, MAX_PACKET_SIZE).unwrap_err(),
        DecodeError::MalformedVarInt {
            field: FieldName::RemainingLength
        }
    );
}

#[test]
fn malformed_packets_name_the_rule() {
    let cases: &[(&[u8], Version, &str)] = &[
        (&[0x00, 0], V311, ""),                                     // reserved type 0
        (&[0x36, 5, 0, 1, b'a', 0, 1], V311, "MQTT-3.3.1-4"),       // QoS 3
        (&[0x38, 3, 0, 1, b'a'], V311, "MQTT-3.3.1-2"),             // DUP with QoS 0
        (&[0x30, 3, 0, 1, b'+'], V311, "MQTT-3.3.2-2"),             // wildcard in topic
        (&[0x32, 5, 0, 1, b'a', 0, 0], V311, "MQTT-2.2.1-3"),       // packet id 0
        (&[0x60, 2, 0, 1], V311, "MQTT-2.1.3-1"),                   // PUBREL flags 0000
        (&[0x80, 6, 0, 1, 0, 1, b'a', 0], V311, "MQTT-2.1.3-1"),    // SUBSCRIBE flags
        (&[0x82, 2, 0, 1], V311, "MQTT-3.8.3-2"),                   // no filters
        (&[0xA2, 2, 0, 1], V311, "MQTT-3.10.3-2"),                  // no filters
        (&[0x82, 6, 0, 1, 0, 1, b'a', 0x04], V311, "MQTT-3.8.3-5"), // reserved option bits in 3.1.1
        (&[0x82, 7, 0, 1, 0, 0, 1, b'a', 0x30], V5, ""),            // retain handling 3
        (&[0x82, 7, 0, 1, 0, 0, 2, b'a', b'#', 0], V311, ""),       // (length mismatch)
        (&[0x82, 7, 0, 1, 0, 2, b'a', b'#', 0], V311, "MQTT-4.7.1-1"), // a#
        (&[0x20, 2, 0x02, 0], V311, "MQTT-3.2.2-1"),                // CONNACK reserved flags
        (&[0x20, 2, 0x00, 6], V311, ""),                            // return code 6
        (
            &[0x10, 12, 0, 4, b'M', b'Q', b'T', b'T', 4, 0x03, 0, 0, 0, 0],
            V311,
            "MQTT-3.1.2-3",
        ),
        (
            &[0x10, 12, 0, 4, b'M', b'Q', b'T', b'T', 3, 0x02, 0, 0, 0, 0],
            V311,
            "MQTT-3.1.2-2",
        ),
        (
            &[0x10, 12, 0, 4, b'M', b'Q', b'T', b'X', 4, 0x02, 0, 0, 0, 0],
            V311,
            "MQTT-3.1.2-1",
        ),
        (
            &[0x10, 12, 0, 4, b'M', b'Q', b'T', b'T', 4, 0x0A, 0, 0, 0, 0],
            V311,
            "MQTT-3.1.2-11",
        ),
        (
            &[
                0x10, 15, 0, 4, b'M', b'Q', b'T', b'T', 4, 0x42, 0, 0, 0, 0, 0, 1, b'p',
            ],
            V311,
            "MQTT-3.1.2-22",
        ),
        (&[0x30, 4, 0, 2, 0xC3, 0x28], V311, "MQTT-1.5.4-1"), // bad UTF-8
        (&[0x30, 4, 0, 2, b'a', 0], V311, "MQTT-1.5.4-2"),    // NUL
        (&[0x30, 5, 0, 1, b'a', 1, 0xFF], V5, ""),            // unknown property
        (&[0x30, 8, 0, 1, b'a', 4, 0x01, 1, 0x01, 1], V5, ""), // duplicate property
        (&[0x30, 9, 0, 1, b'a', 5, 0x11, 0, 0, 0, 0], V5, ""), // session expiry in PUBLISH
        (&[0x30, 6, 0, 1, b'a', 2, 0x01, 2], V5, ""),         // payload format 2
        (&[0xC0, 1, 0], V311, ""),                            // trailing byte
        (&[0xB0, 4, 1, 0, 0, 0], V311, ""), // 3.1.1 UNSUBACK with codes (found by fuzzing)
    ];
    for (bytes, v, rule) in cases {
        let err = rejects(bytes, *v);
        if !rule.is_empty() {
            assert_eq!(err.rule(), Some(*rule), "{bytes:02x?}: {err:?}");
        }
        for &lang in Lang::ALL {
            assert!(!err.message(lang).is_empty());
        }
    }
}

#[test]
fn specific_errors() {
    assert_eq!(
        rejects(&[0x30, 8, 0, 1, b'a', 4, 0x01, 1, 0x01, 1], V5),
        DecodeError::DuplicateProperty {
            property: PropertyId::PayloadFormatIndicator
        }
    );
    assert_eq!(
        rejects(&[0x30, 6, 0, 1, b'a', 2, 0x01, 2], V5),
        DecodeError::InvalidPropertyValue {
            property: PropertyId::PayloadFormatIndicator,
            value: 2
        }
    );
    assert_eq!(
        rejects(&[0x30, 5, 0, 1, b'a', 1, 0xFF], V5),
        DecodeError::UnknownProperty { id: 0xFF }
    );
    assert_eq!(
        rejects(&[0x82, 7, 0, 1, 0, 0, 1, b'a', 0x30], V5),
        DecodeError::InvalidRetainHandling
    );
    // Two subscription identifiers in PUBLISH are fine; in SUBSCRIBE they are not.
    assert!(decode_all(&[0x30, 8, 0, 1, b'a', 4, 0x0B, 1, 0x0B, 2], V5).is_ok());
    assert_eq!(
        rejects(&[0x82, 11, 0, 1, 4, 0x0B, 1, 0x0B, 2, 0, 1, b'a', 0], V5),
        DecodeError::DuplicateProperty {
            property: PropertyId::SubscriptionIdentifier
        }
    );
    assert!(matches!(
        rejects(&[0x30, 9, 0, 1, b'a', 5, 0x11, 0, 0, 0, 0], V5),
        DecodeError::PropertyNotAllowed {
            property: PropertyId::SessionExpiryInterval,
            ..
        }
    ));
    // Shared subscriptions cannot use no local.
    let mut sub = vec![0x82, 0, 0, 1, 0];
    let f = b"$share/g/a";
    sub.extend_from_slice(&[0, f.len() as u8]);
    sub.extend_from_slice(f);
    sub.push(0x04);
    sub[1] = (sub.len() - 2) as u8;
    assert_eq!(rejects(&sub, V5), DecodeError::NoLocalOnSharedSubscription);
}

#[test]
fn dissection_explains_fields_and_keeps_them_on_error() {
    let bytes = [0x32, 9, 0, 3, b'a', b'/', b'b', 0, 10, b'h', b'i'];
    let (_, fields) = dissect(&bytes, V311).unwrap();
    let names: Vec<_> = fields.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            FieldName::FixedHeader,
            FieldName::RemainingLength,
            FieldName::TopicName,
            FieldName::PacketId,
            FieldName::Payload
        ]
    );
    assert_eq!(fields[0].value, "PUBLISH (00110010): DUP=0 QoS=1 RETAIN=0");
    assert_eq!(fields[2].range, 2..7);
    assert_eq!(fields[2].value, "\"a/b\"");
    assert_eq!(fields[3].value, "10");
    for f in &fields {
        for &lang in Lang::ALL {
            assert!(!f.name.explain(lang).is_empty() && !f.name.label(lang).is_empty());
        }
    }
    // A broken packet still shows the fields read before the break.
    let (err, fields) = dissect(&[0x32, 5, 0, 1, b'a', 0, 0], V311).unwrap_err();
    assert_eq!(err, DecodeError::ZeroPacketId);
    assert_eq!(fields.last().unwrap().name, FieldName::PacketId);
    // Properties appear one line each, nested.
    let (_, fields) = dissect(&[0x30, 8, 0, 1, b'a', 4, 0x0B, 1, 0x0B, 2], V5).unwrap();
    let props: Vec<_> = fields.iter().filter(|f| f.depth == 1).collect();
    assert_eq!(props.len(), 2);
    assert_eq!(
        props[0].name,
        FieldName::Property(PropertyId::SubscriptionIdentifier)
    );
    assert_eq!(props[0].range, 6..8);
}

#[test]
fn encoder_refuses_what_the_decoder_would() {
    let topic = TopicName::new("a").unwrap();
    let bad_qos = Publish {
        qos: QoS::AtLeastOnce,
        packet_id: None,
        ..Publish::new(topic.clone(), &b""[..])
    };
    assert!(Packet::Publish(bad_qos).to_bytes(V311).is_err());
    let props_in_311 = Publish {
        properties: Properties::new().with(Property::ContentType("x".into())),
        ..Publish::new(topic, &b""[..])
    };
    assert!(matches!(
        Packet::Publish(props_in_311).to_bytes(V311),
        Err(EncodeError::NeedsV5 { .. })
    ));
    let empty = Subscribe {
        packet_id: pid(1),
        properties: Properties::new(),
        filters: vec![],
    };
    assert!(Packet::Subscribe(empty).to_bytes(V5).is_err());
    let mut out = vec![1, 2, 3];
    let nul = Properties::new().with(Property::ReasonString("a\0".into()));
    let d = Control {
        code: ReasonCode::SUCCESS,
        properties: nul,
    };
    assert!(Packet::Disconnect(d).encode(V5, &mut out).is_err());
    assert_eq!(out, [1, 2, 3], "nothing appended on error");
}

#[test]
fn a_receive_buffer_is_read_at_offsets_without_copies() {
    let first = Packet::Publish(Publish {
        qos: QoS::AtLeastOnce,
        packet_id: Some(pid(3)),
        ..Publish::new(TopicName::new("a/b").unwrap(), &b"uno"[..])
    });
    let second = Packet::Publish(Publish::new(TopicName::new("c").unwrap(), &b"dos!"[..]));
    let mut joined = first.to_bytes(V5).unwrap();
    let split = joined.len();
    joined.extend(second.to_bytes(V5).unwrap());
    joined.push(0x30); // the start of a third packet
    let buf = Bytes::from(joined);
    let Ok(Decoded::Packet { packet, len }) = decode_shared_at(&buf, 0, V5, MAX_PACKET_SIZE) else {
        panic!("first packet");
    };
    assert_eq!((packet, len), (first, split));
    let Ok(Decoded::Packet { packet, len }) = decode_shared_at(&buf, split, V5, MAX_PACKET_SIZE)
    else {
        panic!("second packet");
    };
    assert_eq!(packet, second);
    // The payload is a view of the receive buffer, not a copy.
    let Packet::Publish(p) = &packet else {
        panic!("a publish");
    };
    let range = buf.as_ptr_range();
    assert!(range.contains(&p.payload.as_ptr()));
    assert_eq!(p.topic.as_str(), "c");
    assert_eq!(
        decode_shared_at(&buf, split + len, V5, MAX_PACKET_SIZE),
        Ok(Decoded::Incomplete { needed: 1 })
    );
    assert_eq!(
        decode_shared_at(&buf, buf.len() + 5, V5, MAX_PACKET_SIZE),
        Ok(Decoded::Incomplete { needed: 2 })
    );
}
