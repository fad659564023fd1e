//! Fields bit by bit, as Wireshark shows them: `0011 .... = Packet type: PUBLISH (3)`,
//! `.... .01. = QoS: 1`. Computed when a view shows a field, never while decoding.

use super::field::{Field, FieldName};
use super::properties::PropertyId;
use super::{PacketType, Version};

/// A group of bits of one byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bits {
    /// The byte's offset in the packet.
    pub byte: usize,
    /// The byte with the other bits as dots: `.... .01.` (a space after four bits).
    pub pattern: String,
    /// What these bits are.
    pub name: BitName,
    /// Their value, rendered (numbers, packet and property names: the same in every language).
    pub value: String,
}

/// What a group of bits means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitName {
    /// The packet type (high nibble of byte 1).
    PacketType,
    /// PUBLISH: a resend.
    Dup,
    /// PUBLISH: its QoS.
    QoS,
    /// PUBLISH: retained.
    Retain,
    /// Bits the specification reserves.
    Reserved,
    /// A variable byte integer: another byte follows.
    MoreBytes,
    /// A variable byte integer: seven bits of the value.
    ValueBits,
    /// CONNECT: a user name follows.
    UsernameFlag,
    /// CONNECT: a password follows.
    PasswordFlag,
    /// CONNECT: the will is retained.
    WillRetain,
    /// CONNECT: the will's QoS.
    WillQoS,
    /// CONNECT: a will follows.
    WillFlag,
    /// CONNECT: clean session (3.1.1) or clean start (5.0).
    CleanSession,
    /// CONNACK: the broker kept a session.
    SessionPresent,
    /// SUBSCRIBE: the highest QoS asked for.
    MaxQoS,
    /// SUBSCRIBE (5.0): do not send my own messages back.
    NoLocal,
    /// SUBSCRIBE (5.0): keep the retain flag as published.
    RetainAsPublished,
    /// SUBSCRIBE (5.0): when to send retained messages.
    RetainHandling,
    /// A property's identifier byte.
    PropertyId,
}

/// `.... .01.`: the bits of `byte` under `mask`, dots elsewhere.
pub fn pattern(byte: u8, mask: u8) -> String {
    let mut s = String::with_capacity(9);
    for bit in (0..8).rev() {
        if bit == 3 {
            s.push(' ');
        }
        s.push(match (mask >> bit & 1, byte >> bit & 1) {
            (0, _) => '.',
            (_, 1) => '1',
            _ => '0',
        });
    }
    s
}

/// Builds the groups of one byte: (mask, name) each, its value shifted down.
fn groups(at: usize, byte: u8, parts: &[(u8, BitName)]) -> Vec<Bits> {
    parts
        .iter()
        .map(|&(mask, name)| Bits {
            byte: at,
            pattern: pattern(byte, mask),
            name,
            value: ((byte & mask) >> mask.trailing_zeros()).to_string(),
        })
        .collect()
}

/// A field's bits, for the fields made of bits (`packet` is the whole packet).
pub fn bits_of(field: &Field, packet: &[u8], version: Version) -> Vec<Bits> {
    let Some(&first) = packet.get(field.range.start) else {
        return Vec::new();
    };
    let at = field.range.start;
    match field.name {
        FieldName::FixedHeader => {
            let kind = PacketType::from_u8(first >> 4);
            let mut out = vec![Bits {
                byte: at,
                pattern: pattern(first, 0xF0),
                name: BitName::PacketType,
                value: match kind {
                    Some(k) => format!("{} ({})", k.name(), first >> 4),
                    None => format!("({})", first >> 4),
                },
            }];
            if kind == Some(PacketType::Publish) {
                out.extend(groups(
                    at,
                    first,
                    &[
                        (0x08, BitName::Dup),
                        (0x06, BitName::QoS),
                        (0x01, BitName::Retain),
                    ],
                ));
            } else {
                let mut g = groups(at, first, &[(0x0F, BitName::Reserved)]);
                g[0].value = format!("{:04b}", first & 0x0F);
                out.extend(g);
            }
            out
        }
        FieldName::RemainingLength | FieldName::PropertyLength => {
            let mut out = Vec::new();
            let mut scale = 1u32;
            for (k, &b) in packet[field.range.clone()].iter().enumerate() {
                out.extend(groups(at + k, b, &[(0x80, BitName::MoreBytes)]));
                let v = u32::from(b & 0x7F);
                out.push(Bits {
                    byte: at + k,
                    pattern: pattern(b, 0x7F),
                    name: BitName::ValueBits,
                    value: if scale == 1 {
                        v.to_string()
                    } else {
                        format!("{v} × {scale} = {}", v * scale)
                    },
                });
                scale = scale.saturating_mul(128);
            }
            out
        }
        FieldName::ConnectFlags => groups(
            at,
            first,
            &[
                (0x80, BitName::UsernameFlag),
                (0x40, BitName::PasswordFlag),
                (0x20, BitName::WillRetain),
                (0x18, BitName::WillQoS),
                (0x04, BitName::WillFlag),
                (0x02, BitName::CleanSession),
                (0x01, BitName::Reserved),
            ],
        ),
        FieldName::AckFlags => groups(
            at,
            first,
            &[(0xFE, BitName::Reserved), (0x01, BitName::SessionPresent)],
        ),
        FieldName::SubscriptionOptions if version == Version::V5 => groups(
            at,
            first,
            &[
                (0xC0, BitName::Reserved),
                (0x30, BitName::RetainHandling),
                (0x08, BitName::RetainAsPublished),
                (0x04, BitName::NoLocal),
                (0x03, BitName::MaxQoS),
            ],
        ),
        FieldName::SubscriptionOptions => groups(
            at,
            first,
            &[(0xFC, BitName::Reserved), (0x03, BitName::MaxQoS)],
        ),
        FieldName::Property(id) => vec![Bits {
            byte: at,
            pattern: pattern(first, 0xFF),
            name: BitName::PropertyId,
            value: format!("0x{:02X} ({})", id as u8, PropertyId::name(id)),
        }],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_shows_the_bits_under_the_mask() {
        assert_eq!(pattern(0b0011_0010, 0xF0), "0011 ....");
        assert_eq!(pattern(0xFF, 0), ".... ....");
    }
}
