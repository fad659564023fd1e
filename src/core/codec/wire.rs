//! The wire primitives of MQTT (spec §1.5): integers, variable byte integers, UTF-8 strings,
//! binary data. The [`Reader`] never reads past the packet and records dissection fields
//! when asked to; the `put_*` and `len_*` functions write and measure.

use bytes::Bytes;

use super::error::DecodeError;
use super::field::{Field, FieldName};

/// The largest value a variable byte integer holds (four bytes).
pub const MAX_VARINT: u32 = 268_435_455;

/// Reads one packet's bytes. Offsets in recorded fields are relative to the packet start.
pub struct Reader<'a, 'f> {
    buf: &'a [u8],
    /// When the bytes live in a shared buffer, binary fields are slices of it (no copy); the
    /// packet starts at that offset of it.
    shared: Option<(&'a Bytes, usize)>,
    pos: usize,
    fields: Option<&'f mut Vec<Field>>,
    depth: u8,
}

impl<'a, 'f> Reader<'a, 'f> {
    /// A reader over one whole packet, starting at `pos`.
    #[inline(always)]
    pub fn new(buf: &'a [u8], pos: usize, fields: Option<&'f mut Vec<Field>>) -> Self {
        Reader {
            buf,
            shared: None,
            pos,
            fields,
            depth: 0,
        }
    }

    /// Takes binary fields and payloads as slices of `shared`, where `buf` starts at `at`.
    #[inline(always)]
    pub fn with_shared(mut self, shared: &'a Bytes, at: usize) -> Self {
        self.shared = Some((shared, at));
        self
    }

    /// The bytes of `range` as a [`Bytes`]: a slice of the shared buffer, or a copy.
    #[inline(always)]
    fn bytes(&self, range: std::ops::Range<usize>) -> Bytes {
        match self.shared {
            Some((shared, at)) => shared.slice(at + range.start..at + range.end),
            None => Bytes::copy_from_slice(&self.buf[range]),
        }
    }

    /// The current offset.
    #[inline(always)]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left in the packet.
    #[inline(always)]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Records a field spanning `start..pos`; `value` is only rendered when dissecting.
    #[inline(always)]
    pub fn record(&mut self, start: usize, name: FieldName, value: impl FnOnce() -> String) {
        let depth = self.depth;
        let end = self.pos;
        if let Some(fields) = self.fields.as_deref_mut() {
            fields.push(Field {
                range: start..end,
                depth,
                name,
                value: value(),
            });
        }
    }

    /// Records a field spanning `start..pos`, replacing the fields recorded inside that span
    /// (so a property shows as one line: identifier and value).
    pub fn record_whole(&mut self, start: usize, name: FieldName, value: impl FnOnce() -> String) {
        if let Some(fields) = self.fields.as_deref_mut() {
            while fields.last().is_some_and(|f| f.range.start >= start) {
                fields.pop();
            }
        }
        self.record(start, name, value);
    }

    /// Runs `f` with fields recorded one level deeper (for properties and list items).
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// Takes `n` bytes, or fails naming the field that ran past the end.
    #[inline(always)]
    pub fn take(&mut self, n: usize, field: FieldName) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(DecodeError::UnexpectedEnd {
                field,
                needed: n,
                left: self.remaining(),
            });
        }
        let bytes = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(bytes)
    }

    /// Reads a byte without recording it.
    #[inline(always)]
    pub fn raw_u8(&mut self, field: FieldName) -> Result<u8, DecodeError> {
        Ok(self.take(1, field)?[0])
    }

    /// Reads a big-endian u16 without recording it.
    #[inline(always)]
    pub fn raw_u16(&mut self, field: FieldName) -> Result<u16, DecodeError> {
        let b = self.take(2, field)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// A one-byte integer.
    pub fn byte(&mut self, field: FieldName) -> Result<u8, DecodeError> {
        let start = self.pos;
        let v = self.raw_u8(field)?;
        self.record(start, field, || v.to_string());
        Ok(v)
    }

    /// A two-byte integer.
    #[inline(always)]
    pub fn u16(&mut self, field: FieldName) -> Result<u16, DecodeError> {
        let start = self.pos;
        let v = self.raw_u16(field)?;
        self.record(start, field, || v.to_string());
        Ok(v)
    }

    /// A four-byte integer.
    pub fn u32(&mut self, field: FieldName) -> Result<u32, DecodeError> {
        let start = self.pos;
        let b = self.take(4, field)?;
        let v = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        self.record(start, field, || v.to_string());
        Ok(v)
    }

    /// A variable byte integer [MQTT-1.5.5-1]: at most four bytes.
    pub fn varint(&mut self, field: FieldName) -> Result<u32, DecodeError> {
        let start = self.pos;
        let (v, len) = match parse_varint(&self.buf[self.pos..]) {
            VarInt::Value(v, len) => (v, len),
            VarInt::Incomplete => {
                return Err(DecodeError::UnexpectedEnd {
                    field,
                    needed: self.remaining() + 1,
                    left: self.remaining(),
                })
            }
            VarInt::Malformed => return Err(DecodeError::MalformedVarInt { field }),
        };
        self.pos += len;
        self.record(start, field, || v.to_string());
        Ok(v)
    }

    /// A UTF-8 string with a two-byte length: well-formed [MQTT-1.5.4-1], no U+0000
    /// [MQTT-1.5.4-2].
    pub fn string(&mut self, field: FieldName) -> Result<String, DecodeError> {
        let start = self.pos;
        let s = self.str_at(field)?;
        self.record(start, field, || format!("{s:?}"));
        Ok(s.to_owned())
    }

    /// Reads a string's text without recording it.
    #[inline(always)]
    pub fn str_at(&mut self, field: FieldName) -> Result<&'a str, DecodeError> {
        self.str_scanned(field).map(|(s, _)| s)
    }

    /// Reads a string's text and says whether it holds a wildcard (`+` or `#`), checking
    /// everything in one pass over the bytes.
    #[inline(always)]
    pub fn str_scanned(&mut self, field: FieldName) -> Result<(&'a str, bool), DecodeError> {
        let len = self.raw_u16(field)? as usize;
        let bytes = self.take(len, field)?;
        let Scan {
            high,
            nul,
            wildcard,
        } = scan(bytes);
        if nul {
            return Err(DecodeError::NullCharacter { field });
        }
        let text = if !high {
            // SAFETY: every byte is below 0x80, so the bytes are ASCII, which is valid UTF-8.
            unsafe { std::str::from_utf8_unchecked(bytes) }
        } else {
            std::str::from_utf8(bytes).map_err(|_| DecodeError::InvalidUtf8 { field })?
        };
        Ok((text, wildcard))
    }

    /// Binary data with a two-byte length.
    pub fn binary(&mut self, field: FieldName) -> Result<Bytes, DecodeError> {
        let start = self.pos;
        let len = self.raw_u16(field)? as usize;
        let bytes = self.take(len, field)?;
        self.record(start, field, || hex_preview(bytes));
        Ok(self.bytes(self.pos - len..self.pos))
    }

    /// A UTF-8 string pair (user properties).
    pub fn pair(&mut self, field: FieldName) -> Result<(String, String), DecodeError> {
        let start = self.pos;
        let k = self.str_at(field)?;
        let v = self.str_at(field)?;
        self.record(start, field, || format!("{k:?} = {v:?}"));
        Ok((k.to_owned(), v.to_owned()))
    }

    /// The rest of the packet (a payload).
    #[inline(always)]
    pub fn rest(&mut self, field: FieldName) -> Bytes {
        let start = self.pos;
        let bytes = &self.buf[self.pos..];
        self.pos = self.buf.len();
        self.record(start, field, || hex_preview(bytes));
        self.bytes(start..self.pos)
    }
}

/// What one pass over a string's bytes found.
struct Scan {
    /// A byte ≥ 0x80 (not plain ASCII: UTF-8 must be checked).
    high: bool,
    /// A U+0000.
    nul: bool,
    /// A `+` or `#`.
    wildcard: bool,
}

/// Scans eight bytes at a time (SWAR: the word tricks work on every target, wasm without
/// SIMD included), then the tail byte by byte.
#[inline]
fn scan(bytes: &[u8]) -> Scan {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// True if some byte of `w` is zero (exact, no false positives as a whole-word test).
    #[inline(always)]
    fn has_zero(w: u64) -> bool {
        w.wrapping_sub(ONES) & !w & HIGHS != 0
    }
    let (mut high, mut nul, mut wildcard) = (0u64, false, false);
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(w);
        high |= w;
        nul |= has_zero(w);
        wildcard |= has_zero(w ^ (ONES * u64::from(b'+'))) | has_zero(w ^ (ONES * u64::from(b'#')));
    }
    let mut high = high & HIGHS != 0;
    for &b in words.remainder() {
        high |= b >= 0x80;
        nul |= b == 0;
        wildcard |= (b == b'+') | (b == b'#');
    }
    Scan {
        high,
        nul,
        wildcard,
    }
}

/// The outcome of reading a variable byte integer from a prefix of bytes.
pub enum VarInt {
    /// The value and how many bytes it took.
    Value(u32, usize),
    /// More bytes are needed.
    Incomplete,
    /// A fifth byte would be needed: malformed.
    Malformed,
}

/// Parses a variable byte integer from the start of `buf`.
#[inline(always)]
pub fn parse_varint(buf: &[u8]) -> VarInt {
    let mut value: u32 = 0;
    for i in 0..4 {
        let Some(&b) = buf.get(i) else {
            return VarInt::Incomplete;
        };
        value |= u32::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            return VarInt::Value(value, i + 1);
        }
    }
    VarInt::Malformed
}

/// A short hex rendering of bytes for the dissection tree (and the text when it is UTF-8).
pub fn hex_preview(bytes: &[u8]) -> String {
    const SHOWN: usize = 32;
    let mut out = String::with_capacity(SHOWN * 3 + 16);
    for (i, b) in bytes.iter().take(SHOWN).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{b:02x}"));
    }
    if bytes.len() > SHOWN {
        out.push_str(&format!(" … ({} bytes)", bytes.len()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.is_empty() && text.chars().all(|c| !c.is_control() || c == '\n') {
            let shown: String = text.chars().take(SHOWN).collect();
            out.push_str(&format!("  {shown:?}"));
        }
    }
    out
}

/// Bytes a variable byte integer takes.
pub fn len_varint(v: u32) -> usize {
    match v {
        0..=127 => 1,
        128..=16_383 => 2,
        16_384..=2_097_151 => 3,
        _ => 4,
    }
}

/// Bytes a string takes (length prefix included).
pub fn len_string(s: &str) -> usize {
    2 + s.len()
}

/// Bytes binary data takes (length prefix included).
pub fn len_binary(b: &[u8]) -> usize {
    2 + b.len()
}

/// Hands the bytes of a variable byte integer to `put`, first to last (values above
/// [`MAX_VARINT`] are the caller's error).
#[inline(always)]
pub fn for_varint_bytes(mut v: u32, mut put: impl FnMut(u8)) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            put(b);
            return;
        }
        put(b | 0x80);
    }
}

/// Writes a variable byte integer (values above [`MAX_VARINT`] are the caller's error).
#[inline]
pub fn put_varint(out: &mut Vec<u8>, v: u32) {
    for_varint_bytes(v, |b| out.push(b));
}

/// Writes a two-byte integer.
pub fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// Writes a four-byte integer.
pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// Writes a string with its length (lengths were checked before writing).
pub fn put_string(out: &mut Vec<u8>, s: &str) {
    put_binary(out, s.as_bytes());
}

/// Writes binary data with its length (lengths were checked before writing).
pub fn put_binary(out: &mut Vec<u8>, b: &[u8]) {
    put_u16(out, b.len() as u16);
    out.extend_from_slice(b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_boundaries_from_the_spec() {
        // Spec table 1.5.5: 1 to 4 bytes.
        for (v, bytes) in [
            (0u32, &[0x00][..]),
            (127, &[0x7F]),
            (128, &[0x80, 0x01]),
            (16_383, &[0xFF, 0x7F]),
            (16_384, &[0x80, 0x80, 0x01]),
            (2_097_151, &[0xFF, 0xFF, 0x7F]),
            (2_097_152, &[0x80, 0x80, 0x80, 0x01]),
            (268_435_455, &[0xFF, 0xFF, 0xFF, 0x7F]),
        ] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(out, bytes, "{v}");
            assert_eq!(len_varint(v), bytes.len());
            assert!(
                matches!(parse_varint(bytes), VarInt::Value(x, n) if x == v && n == bytes.len())
            );
        }
        assert!(matches!(parse_varint(&[0x80, 0x80]), VarInt::Incomplete));
        assert!(matches!(
            parse_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            VarInt::Malformed
        ));
    }

    #[test]
    fn strings_reject_nul_and_bad_utf8() {
        let mut r = Reader::new(&[0, 2, b'a', 0], 0, None);
        assert!(matches!(
            r.string(FieldName::TopicName),
            Err(DecodeError::NullCharacter { .. })
        ));
        let mut r = Reader::new(&[0, 2, 0xC3, 0x28], 0, None);
        assert!(matches!(
            r.string(FieldName::TopicName),
            Err(DecodeError::InvalidUtf8 { .. })
        ));
        let mut r = Reader::new(&[0, 5, b'a'], 0, None);
        assert!(matches!(
            r.string(FieldName::TopicName),
            Err(DecodeError::UnexpectedEnd {
                needed: 5,
                left: 1,
                ..
            })
        ));
    }

    /// The word-at-a-time scan finds exactly what a byte-by-byte one finds, for each
    /// interesting byte at every position of strings of every length up to three words.
    #[test]
    fn scan_agrees_with_a_byte_loop() {
        let specials = [
            0u8, b'+', b'#', 0x7F, 0x80, 0xC3, 0xFF, 0x01, b'*', b'"', b'$',
        ];
        for len in 0..=24 {
            for at in 0..len {
                for &special in &specials {
                    for &other in &[b'a', 0x2A, 0x22, 0xA0] {
                        let mut bytes = vec![other; len];
                        bytes[at] = special;
                        let s = scan(&bytes);
                        let high = bytes.iter().any(|&b| b >= 0x80);
                        let nul = bytes.contains(&0);
                        let wildcard = bytes.iter().any(|&b| b == b'+' || b == b'#');
                        assert_eq!(
                            (s.high, s.nul, s.wildcard),
                            (high, nul, wildcard),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }
}
