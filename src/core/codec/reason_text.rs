//! Reason codes (and 3.1.1 return codes) explained: the name and what it means for the client,
//! in each language.

use super::{PacketType, ReasonCode, Version};
use crate::core::i18n::{in_language, Lang};

/// A code's name and meaning in one language.
pub type Told = (&'static str, &'static str);

impl ReasonCode {
    /// The name and what it means (what the client should do), in a packet's context.
    pub fn told(self, packet: PacketType, version: Version, lang: Lang) -> Told {
        in_language!(lang, reason(self, packet, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
