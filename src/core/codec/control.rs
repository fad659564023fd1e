//! DISCONNECT (§3.14) and AUTH (§3.15): a reason code and properties, both optional on the wire.

use super::common::{check_code, check_props, read_code, read_props};
use super::error::{DecodeError, EncodeError};
use super::field::FieldName;
use super::properties::{Context, Properties};
use super::wire::Reader;
use super::{PacketType, ReasonCode, Version};

/// The body of DISCONNECT and AUTH: empty in 3.1.1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Control {
    /// 5.0 reason code (0 = normal disconnection / success).
    pub code: ReasonCode,
    /// 5.0 properties.
    pub properties: Properties,
}

impl Control {
    /// A code without properties.
    pub fn with_code(code: ReasonCode) -> Control {
        Control {
            code,
            properties: Properties::new(),
        }
    }

    pub(crate) fn read(
        r: &mut Reader<'_, '_>,
        t: PacketType,
        v: Version,
    ) -> Result<Control, DecodeError> {
        if v == Version::V311 || r.remaining() == 0 {
            return Ok(Control::default());
        }
        let code = read_code(r, FieldName::ReasonCode, t, v)?;
        let properties = if r.remaining() > 0 {
            read_props(r, v, Context::Packet(t))?
        } else {
            Properties::new()
        };
        Ok(Control { code, properties })
    }

    pub(crate) fn check(&self, t: PacketType, v: Version) -> Result<(), EncodeError> {
        check_code(self.code, t, v)?;
        check_props(&self.properties, v, Context::Packet(t), t)
    }

    pub(crate) fn body_len(&self, v: Version) -> usize {
        match v {
            Version::V311 => 0,
            Version::V5 if self.properties.is_empty() && self.code == ReasonCode::SUCCESS => 0,
            Version::V5 if self.properties.is_empty() => 1,
            Version::V5 => 1 + self.properties.wire_len(),
        }
    }

    pub(crate) fn write_body(&self, v: Version, out: &mut Vec<u8>) {
        let len = self.body_len(v);
        if len > 0 {
            out.push(self.code.0);
        }
        if len > 1 {
            self.properties.write(out);
        }
    }
}
