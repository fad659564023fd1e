//! Names without their accents: for topic levels and ids, and to find and sort students'
//! names as a Spanish teacher expects (`alvaro` finds Álvaro, who sorts among the A's).

/// `c` without its accent (Spanish, Catalan, Portuguese and French letters; lower case).
pub fn letter(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        c => c,
    }
}

/// `name` in lower case without accents, to compare names.
pub fn key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(letter)
        .collect()
}

/// `text` as an id: its letters and digits without accents, in lower case, each run of
/// other characters one `-`, at most `max` characters, no `-` at either end.
pub fn dashed(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in key(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_count() {
        assert_eq!(key("Álvaro NÚÑEZ"), "alvaro nunez");
        assert_eq!(key("María José"), key("maria jose"));
        assert!(key("Ana Álvarez") < key("Ana Zamora"));
        assert!(key("Íñigo") < key("Zoe"));
    }

    #[test]
    fn ids_are_words_joined_by_dashes() {
        assert_eq!(dashed("  ¡La cola del bróker!  ", 40), "la-cola-del-broker");
        assert_eq!(dashed("María   José", 24), "maria-jose");
        assert_eq!(dashed("abc def", 4), "abc");
        assert_eq!(dashed("¿?", 24), "");
    }
}
