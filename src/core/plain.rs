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
}
