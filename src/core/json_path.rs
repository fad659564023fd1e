//! Which field of a JSON text a position falls in: `devices[0].kind.filters[1].qos`.
//!
//! `serde_json` reports where an error happened as a line and a column; this turns that into
//! the path a person can find in the file, without wrapping every deserializer (which would
//! double the code the derives generate, a cost paid by every page load).

/// One open container while scanning.
enum Frame {
    /// An object and the last key read in it.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// An array and the index of the element being read.
    Array { index: usize },
}

/// The path (`a.b[2].c`) of the value at a 1-based `line` and `column` of `text`, as
/// `serde_json` reports them; empty at the top level. Never panics on any input.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    path_to(text, offset(text, line, column))
}

/// Like [`path_at`] for an error found after an object closed and its parent's closing
/// bracket was read too: steps back over that bracket, to the last field of the parent.
pub fn path_before(text: &str, line: usize, column: usize) -> String {
    let mut end = offset(text, line, column);
    let bytes = text.as_bytes();
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if end > 0 && matches!(bytes[end - 1], b'}' | b']') {
        end -= 1;
    }
    path_to(text, end)
}

/// The byte offset just past a 1-based line and column.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path of the value being read after the first `end` bytes.
fn path_to(text: &str, end: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let mut bytes = text.as_bytes()[..end].iter().copied().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let mut s = Vec::new();
                while let Some(c) = bytes.next() {
                    match c {
                        b'"' => break,
                        b'\\' => s.extend(bytes.next()),
                        _ => s.push(c),
                    }
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = Some(String::from_utf8_lossy(&s).into_owned());
                        *expect_key = false;
                    }
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::{path_at, path_before};

    #[test]
    fn before_steps_back_into_the_object_just_closed() {
        let text = r#"{"devices": [{"name": "a", "kind": {"type": "toaster"}}]}"#;
        let col = text.find("}]").unwrap() + 1;
        assert_eq!(path_at(text, 1, col), "devices[0]");
        assert_eq!(path_before(text, 1, col), "devices[0].kind");
        assert_eq!(path_before("", 1, 5), "");
    }

    #[test]
    fn finds_nested_fields_and_indices() {
        let text = "{\"a\": 1,\n \"devices\": [{\"x\": 1}, {\"kind\": {\"qos\": 3}}]}";
        let col = text.lines().nth(1).unwrap().find('3').unwrap() + 1;
        assert_eq!(path_at(text, 2, col), "devices[1].kind.qos");
        assert_eq!(path_at(text, 1, 6), "a");
        assert_eq!(path_at(text, 1, 0), "");
        // Right after a closed object: the object itself.
        let col = text.lines().nth(1).unwrap().find("}}]").unwrap() + 1;
        assert_eq!(path_at(text, 2, col), "devices[1].kind");
    }

    #[test]
    fn escaped_quotes_and_out_of_range_positions() {
        assert_eq!(path_at(r#"{"a\"b": [1, 2"#, 1, 99), "a\"b[1]");
        assert_eq!(path_at("", 7, 7), "");
        assert_eq!(path_at("ñ{\"é\":", 1, 2), "");
    }
}
