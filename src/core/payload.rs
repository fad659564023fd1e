//! Payloads typed by a person: as text, as JSON (checked) or as hex digits.

use bytes::Bytes;

/// Why a typed payload is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayloadError {
    /// Not JSON: the parser's own words (line and column).
    Json(String),
    /// Not pairs of hex digits.
    Hex,
}

/// Parses a payload typed in a format (`text`, `json` or `hex`).
pub fn payload(text: &str, format: &str) -> Result<Bytes, PayloadError> {
    match format {
        "json" => serde_json::from_str::<serde_json::Value>(text)
            .map(|_| Bytes::from(text.to_string()))
            .map_err(|e| PayloadError::Json(e.to_string())),
        "hex" => {
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            // Checked first: slicing below needs ASCII (a multi-byte character would not split).
            if !digits.len().is_multiple_of(2) || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(PayloadError::Hex);
            }
            (0..digits.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&digits[i..i + 2], 16))
                .collect::<Result<Vec<u8>, _>>()
                .map(Bytes::from)
                .map_err(|_| PayloadError::Hex)
        }
        _ => Ok(Bytes::from(text.to_string())),
    }
}

/// The number a payload carries, for charts: the text itself (`21.5`), or a JSON number, or
/// the first numeric field of a JSON object (`{"t": 21.5}`).
pub fn number_in(payload: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(payload).ok()?.trim();
    if let Ok(n) = text.parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    match serde_json::from_str::<serde_json::Value>(text).ok()? {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::Object(map) => map.values().find_map(serde_json::Value::as_f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_charts() {
        assert_eq!(number_in(b" 21.5 "), Some(21.5));
        assert_eq!(number_in(b"{\"hum\": \"alta\", \"t\": -3}"), Some(-3.0));
        assert_eq!(number_in(b"7"), Some(7.0));
        assert_eq!(number_in(b"ON"), None);
        assert_eq!(number_in(b"NaN"), None);
        assert_eq!(number_in(&[0xFF, 0xFE]), None);
    }

    #[test]
    fn formats() {
        assert_eq!(payload("hola", "text").unwrap(), "hola");
        assert_eq!(payload("{\"t\": 21.5}", "json").unwrap(), "{\"t\": 21.5}");
        assert!(matches!(
            payload("{t: 21}", "json"),
            Err(PayloadError::Json(_))
        ));
        assert_eq!(payload("zz", "hex"), Err(PayloadError::Hex));
        assert_eq!(
            payload("de ad BE EF", "hex").unwrap().as_ref(),
            [0xDE, 0xAD, 0xBE, 0xEF]
        );
        for bad in ["abc", "zz", "é1", "0é"] {
            assert!(payload(bad, "hex").is_err(), "{bad}");
        }
    }
}
