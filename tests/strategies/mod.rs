//! Proptest strategies for valid packets of both versions, shared by the codec tests.
#![allow(dead_code)]

use bytes::Bytes;
use mqtt_playground::core::codec::*;
use mqtt_playground::core::topic::{TopicFilter, TopicName};
use mqtt_playground::core::types::{ClientId, PacketId, QoS};
use proptest::collection::vec;
use proptest::prelude::*;

pub fn qos() -> impl Strategy<Value = QoS> {
    prop_oneof![
        Just(QoS::AtMostOnce),
        Just(QoS::AtLeastOnce),
        Just(QoS::ExactlyOnce)
    ]
}

pub fn packet_id() -> impl Strategy<Value = PacketId> {
    (1u16..=u16::MAX).prop_map(|n| PacketId::new(n).unwrap())
}

pub fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ñáé°_.-]{0,12}"
}

pub fn bin() -> impl Strategy<Value = Bytes> {
    vec(any::<u8>(), 0..24).prop_map(Bytes::from)
}

pub fn topic() -> impl Strategy<Value = TopicName> {
    "[a-zA-Z0-9ñ$ _-]{0,6}(/[a-zA-Z0-9ñ _-]{0,6}){0,4}"
        .prop_filter("non-empty", |s| !s.is_empty())
        .prop_map(|s| TopicName::new(s).unwrap())
}

pub fn filter() -> impl Strategy<Value = TopicFilter> {
    let level = prop_oneof![3 => "[a-zA-Z0-9 _-]{0,5}", 1 => Just("+".to_string())];
    (vec(level, 1..5), any::<bool>(), any::<bool>()).prop_map(|(levels, hash, shared)| {
        let mut f = levels.join("/");
        if f.is_empty() {
            f.push('/');
        }
        if hash {
            f.push_str("/#");
        }
        if shared {
            f = format!("$share/g/{f}");
        }
        TopicFilter::new(f).unwrap()
    })
}

pub fn property() -> impl Strategy<Value = Property> {
    use Property::*;
    prop_oneof![
        (0u8..=1).prop_map(PayloadFormatIndicator),
        any::<u32>().prop_map(MessageExpiryInterval),
        text().prop_map(ContentType),
        topic().prop_map(|t| ResponseTopic(t.to_string())),
        bin().prop_map(CorrelationData),
        (1u32..=MAX_VARINT).prop_map(SubscriptionIdentifier),
        any::<u32>().prop_map(SessionExpiryInterval),
        text().prop_map(AssignedClientIdentifier),
        any::<u16>().prop_map(ServerKeepAlive),
        text().prop_map(AuthenticationMethod),
        bin().prop_map(AuthenticationData),
        (0u8..=1).prop_map(RequestProblemInformation),
        any::<u32>().prop_map(WillDelayInterval),
        (0u8..=1).prop_map(RequestResponseInformation),
        text().prop_map(ResponseInformation),
        text().prop_map(ServerReference),
        text().prop_map(ReasonString),
        (1u16..).prop_map(ReceiveMaximum),
        any::<u16>().prop_map(TopicAliasMaximum),
        (1u16..).prop_map(TopicAlias),
        (0u8..=1).prop_map(MaximumQoS),
        (0u8..=1).prop_map(RetainAvailable),
        (text(), text()).prop_map(UserProperty),
        (1u32..).prop_map(MaximumPacketSize),
        (0u8..=1).prop_map(WildcardSubscriptionAvailable),
        (0u8..=1).prop_map(SubscriptionIdentifierAvailable),
        (0u8..=1).prop_map(SharedSubscriptionAvailable),
    ]
}

/// Valid properties for a context in 5.0; none in 3.1.1.
pub fn props(v: Version, ctx: Context) -> BoxedStrategy<Properties> {
    if v == Version::V311 {
        return Just(Properties::new()).boxed();
    }
    vec(property(), 0..6)
        .prop_map(move |ps| {
            let mut out: Vec<Property> = Vec::new();
            for p in ps {
                let id = p.id();
                if id.allowed_in(ctx)
                    && (id.repeatable_in(ctx) || !out.iter().any(|q| q.id() == id))
                {
                    out.push(p);
                }
            }
            Properties(out)
        })
        .boxed()
}

pub fn code(t: PacketType, v: Version) -> impl Strategy<Value = ReasonCode> {
    let allowed: Vec<ReasonCode> = (0..=255)
        .map(ReasonCode)
        .filter(|c| c.allowed_in(t, v))
        .collect();
    prop::sample::select(allowed)
}

pub fn packet(v: Version) -> BoxedStrategy<Packet> {
    use PacketType as T;
    let ctx = Context::Packet;
    let connect = (
        any::<bool>(),
        any::<u16>(),
        props(v, ctx(T::Connect)),
        text(),
        proptest::option::of((
            topic(),
            bin(),
            qos(),
            any::<bool>(),
            props(v, Context::Will),
        )),
        proptest::option::of(text()),
        proptest::option::of(bin()),
    )
        .prop_map(
            move |(clean_start, keep_alive, properties, id, will, username, password)| {
                let username = if v == Version::V311 && password.is_some() {
                    Some(username.unwrap_or_default())
                } else {
                    username
                };
                Packet::Connect(Box::new(Connect {
                    version: v,
                    clean_start,
                    keep_alive,
                    properties,
                    client_id: ClientId::new(id).unwrap(),
                    will: will.map(|(topic, payload, qos, retain, properties)| Will {
                        topic,
                        payload,
                        qos,
                        retain,
                        properties,
                    }),
                    username,
                    password,
                }))
            },
        );
    let connack = (
        any::<bool>(),
        code(T::ConnAck, v),
        props(v, ctx(T::ConnAck)),
    )
        .prop_map(|(session_present, code, properties)| {
            Packet::ConnAck(ConnAck {
                session_present,
                code,
                properties,
            })
        });
    let publish = (
        qos(),
        any::<bool>(),
        any::<bool>(),
        topic(),
        packet_id(),
        props(v, ctx(T::Publish)),
        bin(),
    )
        .prop_map(|(qos, dup, retain, topic, id, properties, payload)| {
            let q0 = qos == QoS::AtMostOnce;
            Packet::Publish(Publish {
                dup: dup && !q0,
                qos,
                retain,
                topic,
                packet_id: (!q0).then_some(id),
                properties,
                payload,
            })
        });
    let ack = |t: PacketType| {
        (packet_id(), code(t, v), props(v, Context::Packet(t))).prop_map(
            move |(packet_id, code, properties)| {
                let a = Ack {
                    packet_id,
                    code,
                    properties,
                };
                match t {
                    T::PubAck => Packet::PubAck(a),
                    T::PubRec => Packet::PubRec(a),
                    T::PubRel => Packet::PubRel(a),
                    _ => Packet::PubComp(a),
                }
            },
        )
    };
    let options =
        (qos(), any::<bool>(), any::<bool>(), 0u8..3).prop_map(move |(qos, nl, rap, rh)| {
            if v == Version::V311 {
                return SubscriptionOptions::qos(qos);
            }
            let retain_handling = [
                RetainHandling::SendAtSubscribe,
                RetainHandling::SendIfNew,
                RetainHandling::DoNotSend,
            ][rh as usize];
            SubscriptionOptions {
                qos,
                no_local: nl,
                retain_as_published: rap,
                retain_handling,
            }
        });
    let subscribe = (
        packet_id(),
        props(v, ctx(T::Subscribe)),
        vec((filter(), options), 1..4),
    )
        .prop_map(|(packet_id, properties, filters)| {
            let filters = filters
                .into_iter()
                .map(|(f, mut o)| {
                    if f.share_group().is_some() {
                        o.no_local = false;
                    }
                    (f, o)
                })
                .collect();
            Packet::Subscribe(Subscribe {
                packet_id,
                properties,
                filters,
            })
        });
    let suback = (
        packet_id(),
        props(v, ctx(T::SubAck)),
        vec(code(T::SubAck, v), 1..4),
    )
        .prop_map(|(packet_id, properties, codes)| {
            Packet::SubAck(SubAck {
                packet_id,
                properties,
                codes,
            })
        });
    let unsubscribe = (
        packet_id(),
        props(v, ctx(T::Unsubscribe)),
        vec(filter(), 1..4),
    )
        .prop_map(|(packet_id, properties, filters)| {
            Packet::Unsubscribe(Unsubscribe {
                packet_id,
                properties,
                filters,
            })
        });
    let unsuback_codes = if v == Version::V5 {
        vec(code(T::UnsubAck, v), 1..4).boxed()
    } else {
        Just(vec![]).boxed()
    };
    let unsuback = (packet_id(), props(v, ctx(T::UnsubAck)), unsuback_codes).prop_map(
        |(packet_id, properties, codes)| {
            Packet::UnsubAck(SubAck {
                packet_id,
                properties,
                codes,
            })
        },
    );
    let control = |t: PacketType| {
        (code(t, v), props(v, Context::Packet(t))).prop_map(move |(code, properties)| {
            let c = Control { code, properties };
            if t == T::Auth {
                Packet::Auth(c)
            } else {
                Packet::Disconnect(c)
            }
        })
    };
    let mut all = vec![
        connect.boxed(),
        connack.boxed(),
        publish.boxed(),
        ack(T::PubAck).boxed(),
        ack(T::PubRec).boxed(),
        ack(T::PubRel).boxed(),
        ack(T::PubComp).boxed(),
        subscribe.boxed(),
        suback.boxed(),
        unsubscribe.boxed(),
        unsuback.boxed(),
        Just(Packet::PingReq).boxed(),
        Just(Packet::PingResp).boxed(),
        control(T::Disconnect).boxed(),
    ];
    if v == Version::V5 {
        all.push(control(T::Auth).boxed());
    }
    proptest::strategy::Union::new(all).boxed()
}

pub fn version() -> impl Strategy<Value = Version> {
    prop_oneof![Just(Version::V311), Just(Version::V5)]
}
