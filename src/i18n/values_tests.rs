//! The catalogue's words for the core's values: every value rendered, in each language.

mod bits {
    use crate::core::codec::*;
    use crate::core::codec::{dissect, Packet, Publish};
    use crate::core::topic::TopicName;
    use crate::core::types::{PacketId, QoS};
    use crate::i18n::Lang;

    fn shown(b: &Bits) -> String {
        format!("{} = {}: {}", b.pattern, b.name.label(Lang::En), b.value)
    }

    #[test]
    fn a_publish_header_reads_as_wireshark_shows_it() {
        let mut p = Publish::new(TopicName::new("a/b").unwrap(), vec![b'x'; 200]);
        p.qos = QoS::AtLeastOnce;
        p.dup = true;
        p.packet_id = Some(PacketId::new(7).unwrap());
        let raw = Packet::Publish(p).to_bytes(Version::V311).unwrap();
        let (_, fields) = dissect(&raw, Version::V311).unwrap();
        let header: Vec<String> = bits_of(&fields[0], &raw, Version::V311)
            .iter()
            .map(shown)
            .collect();
        assert_eq!(
            header,
            [
                "0011 .... = Packet type: PUBLISH (3)",
                ".... 1... = DUP: 1",
                ".... .01. = QoS: 1",
                ".... ...0 = RETAIN: 0"
            ]
        );
        // 207 = 0xCF 0x01: 79 + 1 × 128.
        let len: Vec<String> = bits_of(&fields[1], &raw, Version::V311)
            .iter()
            .map(shown)
            .collect();
        assert_eq!(
            len,
            [
                "1... .... = Another byte follows: 1",
                ".100 1111 = Value (7 bits): 79",
                "0... .... = Another byte follows: 0",
                ".000 0001 = Value (7 bits): 1 × 128 = 128"
            ]
        );
    }

    #[test]
    fn connect_flags_bit_by_bit() {
        use crate::core::codec::Connect;
        use crate::core::types::ClientId;
        let mut c = Connect::new(Version::V311, ClientId::new("a").unwrap());
        c.username = Some("ana".into());
        c.password = Some(bytes::Bytes::from_static(b"pw"));
        let raw = Packet::Connect(Box::new(c))
            .to_bytes(Version::V311)
            .unwrap();
        let (_, fields) = dissect(&raw, Version::V311).unwrap();
        let flags = fields
            .iter()
            .find(|f| f.name == FieldName::ConnectFlags)
            .unwrap();
        let got: Vec<String> = bits_of(flags, &raw, Version::V311)
            .iter()
            .map(shown)
            .collect();
        assert_eq!(got[0], "1... .... = User name flag: 1");
        assert_eq!(got[1], ".1.. .... = Password flag: 1");
        assert_eq!(got[3], "...0 0... = Will QoS: 0");
        assert_eq!(got[5], ".... ..1. = Clean session: 1");
        assert_eq!(got[6], ".... ...0 = Reserved: 0");
    }

    #[test]
    fn a_property_shows_its_identifier_byte() {
        use crate::core::codec::Property;
        let mut p = Publish::new(TopicName::new("a").unwrap(), "x");
        p.properties = p.properties.with(Property::MessageExpiryInterval(30));
        let raw = Packet::Publish(p).to_bytes(Version::V5).unwrap();
        let (_, fields) = dissect(&raw, Version::V5).unwrap();
        let prop = fields
            .iter()
            .find(|f| matches!(f.name, FieldName::Property(_)))
            .unwrap();
        let got: Vec<String> = bits_of(prop, &raw, Version::V5).iter().map(shown).collect();
        assert_eq!(
            got,
            ["0000 0010 = Property identifier: 0x02 (Message Expiry Interval)"]
        );
        assert_eq!(prop.value, "30");
        assert_eq!(
            prop.name.label(Lang::Es),
            "Propiedad: Message Expiry Interval"
        );
    }

    #[test]
    fn every_label_differs_by_language_where_a_word_is_translated() {
        assert_ne!(
            BitName::PacketType.label(Lang::Es),
            BitName::PacketType.label(Lang::En)
        );
    }
}

mod reasons {
    use crate::core::codec::{PacketType, ReasonCode, Version};
    use crate::i18n::Lang;

    #[test]
    fn every_code_a_packet_may_carry_is_explained_in_both_languages() {
        let packets = [
            PacketType::ConnAck,
            PacketType::PubAck,
            PacketType::PubRec,
            PacketType::PubRel,
            PacketType::PubComp,
            PacketType::SubAck,
            PacketType::UnsubAck,
            PacketType::Disconnect,
            PacketType::Auth,
        ];
        for v in [Version::V311, Version::V5] {
            for p in packets {
                for c in 0..=255u8 {
                    let code = ReasonCode(c);
                    if !code.allowed_in(p, v) {
                        continue;
                    }
                    let es = code.told(p, v, Lang::Es);
                    let en = code.told(p, v, Lang::En);
                    assert_ne!(es.0, "Código desconocido", "{p:?} {c:#x} {v:?}");
                    assert_ne!(en.0, "Unknown code", "{p:?} {c:#x} {v:?}");
                    assert_ne!(es.1, en.1, "{p:?} {c:#x}");
                    assert!(!es.1.is_empty() && !en.1.is_empty());
                }
            }
        }
    }
}

mod json_read {
    use crate::core::json_read::*;
    use crate::i18n::Lang;
    use serde_json::Value;

    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        port: u16,
        note: Option<String>,
    }

    impl FromJson for Item {
        fn read(v: &Value, at: At) -> Read<Item> {
            let o = Obj::new(v, at)?;
            o.done(Item {
                name: o.req("name")?,
                port: o.or("port", 1883)?,
                note: o.opt("note")?,
            })
        }
    }

    fn read(text: &str) -> Read<Vec<Item>> {
        let v: Value = serde_json::from_str(text).expect("test JSON");
        Vec::<Item>::read(&v, At { path: "items" })
    }

    #[test]
    fn fields_default_and_null_is_none_only_where_optional() {
        let items = read(r#"[{"name": "a"}, {"name": "b", "port": 8883, "note": null}]"#);
        assert_eq!(
            items.unwrap(),
            [
                Item {
                    name: "a".into(),
                    port: 1883,
                    note: None
                },
                Item {
                    name: "b".into(),
                    port: 8883,
                    note: None
                },
            ]
        );
        let e = read(r#"[{"name": null}]"#).unwrap_err();
        assert_eq!(e.path, "items[0].name");
        assert!(
            e.message(Lang::En)
                .contains("invalid type: null, expected a string"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_the_field_in_the_users_language() {
        for (text, path, en, es) in [
            (r#"{}"#, "items", "expected a list", "se esperaba una lista"),
            (
                r#"[{"name": "a", "port": 70000}]"#,
                "items[0].port",
                "at most 65535",
                "como mucho 65535",
            ),
            (
                r#"[{"name": "a", "port": -1}]"#,
                "items[0].port",
                "whole number from 0",
                "número entero de 0",
            ),
            (
                r#"[{"name": "a"}, {"port": 1}]"#,
                "items[1]",
                "missing field `name`",
                "falta el campo `name`",
            ),
            (
                r#"[{"name": "a", "colour": 1}]"#,
                "items[0]",
                "unknown field `colour`",
                "campo desconocido `colour`",
            ),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!(e.path, path, "{text}");
            assert!(e.message(Lang::En).contains(en), "{text}: {e}");
            assert!(e.message(Lang::Es).contains(es), "{text}: {e}");
        }
    }

    #[test]
    fn one_of_names_the_choices() {
        let v = Value::from("toaster");
        let e = one_of(&v, At::root(), &[("read", 1), ("write", 2)]).unwrap_err();
        assert!(
            e.message(Lang::En)
                .contains("`toaster`, expected one of `read`, `write`"),
            "{e}"
        );
        assert_eq!(
            one_of(
                &Value::from("write"),
                At::root(),
                &[("read", 1), ("write", 2)]
            ),
            Ok(2)
        );
    }
}

mod doctor {
    use crate::core::codec::{DecodeError, ReasonCode, Version};
    use crate::core::doctor::*;
    use crate::i18n::Lang;

    #[test]
    fn a_tcp_address_is_explained_in_each_language() {
        let tcp = BrokerUrl::parse("mqtt://test.mosquitto.org:1883").unwrap_err();
        assert!(tcp.message(Lang::Es).contains("TCP"));
        assert_ne!(tcp.message(Lang::Es), tcp.message(Lang::En));
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
        for version in [Version::V311, Version::V5] {
            problems.push(Problem::ClosedBeforeConnack { version });
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

    #[test]
    fn a_broker_closing_without_connack_on_mqtt_5_suggests_3_1_1() {
        let p = Problem::ClosedBeforeConnack {
            version: Version::V5,
        };
        let (es, en) = (p.diagnose(Lang::Es), p.diagnose(Lang::En));
        assert!(
            es.what.contains("sin responder") && es.what.contains("MQTT 5"),
            "{es:?}"
        );
        assert!(es.fix.contains("Elige 3.1.1"), "{es:?}");
        assert!(
            en.what.contains("without answering") && en.what.contains("MQTT 5"),
            "{en:?}"
        );
        assert!(en.fix.contains("Choose 3.1.1"), "{en:?}");
        let v3 = Problem::ClosedBeforeConnack {
            version: Version::V311,
        };
        assert!(!v3.diagnose(Lang::Es).fix.contains("Elige 3.1.1"));
    }

    #[test]
    fn a_websocket_that_never_opens_names_the_mqtt_subprotocol() {
        // A server that refuses the subprotocol `mqtt` fails the handshake: code 1006.
        for secure in [false, true] {
            let p = Problem::Closed {
                code: 1006,
                before_open: true,
                secure,
            };
            assert!(p.diagnose(Lang::Es).fix.contains("subprotocolo «mqtt»"));
            assert!(p.diagnose(Lang::En).fix.contains("subprotocol \"mqtt\""));
        }
    }

    #[test]
    fn a_broker_refusing_mqtt_5_says_to_choose_3_1_1_in_both_languages() {
        let p = Problem::Refused {
            code: ReasonCode::UNSUPPORTED_PROTOCOL_VERSION,
            version: Version::V5,
        };
        let (es, en) = (p.diagnose(Lang::Es), p.diagnose(Lang::En));
        assert!(es.what.contains("no habla MQTT 5"), "{es:?}");
        assert!(es.fix.contains("Elige 3.1.1"), "{es:?}");
        assert!(en.what.contains("does not speak MQTT 5"), "{en:?}");
        assert!(en.fix.contains("Choose 3.1.1"), "{en:?}");
        let old = Problem::Refused {
            code: ReasonCode(1),
            version: Version::V311,
        };
        assert!(old.diagnose(Lang::Es).fix.contains("Elige 5"));
    }
}

mod topics_and_payloads {
    use crate::core::payload::payload;
    use crate::core::topic::{explain, TopicFilter, TopicName};
    use crate::i18n::Lang;

    fn pair(f: &str, t: &str) -> (TopicFilter, TopicName) {
        (TopicFilter::new(f).unwrap(), TopicName::new(t).unwrap())
    }

    #[test]
    fn a_step_names_its_level_and_the_parent() {
        let (f, t) = pair("Casa/+/Temperatura", "Casa/Cocina/Humedad");
        assert!(explain(&f, &t)
            .step(3)
            .unwrap()
            .message(Lang::Es)
            .contains("Nivel 3"));
        let (f, t) = pair("Casa/#", "Casa");
        assert!(explain(&f, &t)
            .step(2)
            .unwrap()
            .message(Lang::En)
            .contains("parent"));
    }

    #[test]
    fn a_json_payload_error_says_json() {
        let e = payload("{t: 21}", "json").unwrap_err();
        assert!(e.message(Lang::Es).contains("JSON"));
    }
}

mod misconceptions {
    use crate::core::misconception::Misconception;
    use crate::i18n::Lang;

    #[test]
    fn every_misconception_is_named_and_explained_in_each_language() {
        for m in Misconception::ALL {
            let (es, en) = (m.told(Lang::Es), m.told(Lang::En));
            assert!(!es.0.is_empty() && !es.1.is_empty(), "{m:?}");
            assert_ne!(es, en, "{m:?}: Spanish differs");
            assert_ne!(
                m.told(Lang::Qps),
                en,
                "{m:?}: the pseudo-locale transforms it"
            );
        }
    }
}
