//! What the page reads back from `localStorage` at start: the lessons passed and the mistakes
//! shown, each kept as a JSON list of plain words (ids and names: letters, digits, `-`, `_`).

/// The words of a JSON list of plain words, in order; an entry that is not a plain word is
/// left out. `None` when the text is not such a list. Read by hand: a JSON reader's code would
/// otherwise come with the first download, for a list of a few words.
pub fn words(json: &str) -> Option<Vec<String>> {
    let inner = json.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let word = |item: &str| {
        let w = item.trim().strip_prefix('"')?.strip_suffix('"')?;
        let plain = (w.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        (plain && !w.is_empty()).then(|| w.to_string())
    };
    Some(inner.split(',').filter_map(word).collect())
}
