//! Reading `{"type": …, fields…}` objects (actions, device kinds, value models) through one
//! flat struct of optional fields per enum instead of serde's derived reader for internally
//! tagged enums, which buffers every object and generated the largest functions of the
//! download. These helpers give the same errors, in serde's words, marked with [`MARK`]:
//! such an error is found only after the object closed (sometimes its parent too), and the
//! scenario reader uses the mark to name the object's field, not its parent.

/// Starts the messages of errors raised after an object was read (see the module).
pub const MARK: char = '\u{1f}';

/// Refuses an unknown `type`.
pub fn check_type(kind: &str, types: &[&str]) -> Result<(), String> {
    if types.contains(&kind) {
        return Ok(());
    }
    let expected = types.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>();
    Err(format!(
        "{MARK}unknown variant `{kind}`, expected one of {}",
        expected.join(", ")
    ))
}

/// Refuses a field present (`present`: name and whether it was there) that `takes` lacks.
pub fn check_fields(takes: &[&str], present: &[(&str, bool)]) -> Result<(), String> {
    match present.iter().find(|(f, p)| *p && !takes.contains(f)) {
        None => Ok(()),
        Some((extra, _)) => {
            let expected = takes.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>();
            Err(format!(
                "{MARK}unknown field `{extra}`, expected one of `type`, {}",
                expected.join(", ")
            ))
        }
    }
}

/// A field the type requires.
pub fn need<T>(v: Option<T>, field: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("{MARK}missing field `{field}`"))
}
