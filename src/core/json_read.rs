//! Reading the app's JSON (scenarios, actions, broker settings, share links) from a parsed
//! [`Value`], by hand: each type lists the fields it takes and reads them one by one. Errors
//! name the offending field (`devices[2].kind.topic`) and say what is wrong in the user's
//! language; unknown fields, missing fields and wrong types are refused as serde's strict
//! reader would. (Serde's derived readers did the same with several times the code, the
//! largest share of the download after the UI.) The field readers are never inlined: one copy
//! per field type, not one per field, and the error paths stay out of line.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::core::i18n::Lang;

/// What is wrong with a file and where, said in every language: a page shows it in the
/// language of the moment (switching the language re-renders one already on screen).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The offending field (`devices[1].kind.topic`), empty for the whole file.
    pub path: String,
    /// The language it was asked in (its `Display`).
    pub lang: Lang,
    es: String,
    en: String,
}

impl ScenarioError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }

    /// The path and what is wrong, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if self.path.is_empty() {
            self.message(lang).to_string()
        } else {
            format!("{}: {}", self.path, self.message(lang))
        }
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(self.lang))
    }
}

/// An error at `path`, asked in `lang`.
#[cold]
#[inline(never)]
pub fn err(path: impl Into<String>, lang: Lang, es: String, en: String) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        lang,
        es,
        en,
    }
}

/// A result of reading.
pub type Read<T> = Result<T, ScenarioError>;

/// Where a value sits, and the language to complain in.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// Its path (empty: the whole file).
    pub path: &'a str,
    /// The user's language.
    pub lang: Lang,
}

impl<'a> At<'a> {
    /// The top of a file.
    pub fn root(lang: Lang) -> At<'static> {
        At { path: "", lang }
    }

    /// The path of one of its fields.
    pub fn field(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// An error here.
    #[cold]
    #[inline(never)]
    pub fn fail(&self, es: String, en: String) -> ScenarioError {
        err(self.path, self.lang, es, en)
    }

    /// "Expected X, found this value" (`es`/`en` name what was expected).
    #[cold]
    #[inline(never)]
    fn wrong(&self, v: &Value, es: &str, en: &str) -> ScenarioError {
        let (found_es, found_en) = match v {
            Value::Null => ("null".to_string(), "null".to_string()),
            Value::Bool(b) => (format!("el booleano {b}"), format!("boolean {b}")),
            Value::Number(n) => (format!("el número {n}"), format!("number {n}")),
            Value::String(_) => (format!("el texto {v}"), format!("string {v}")),
            Value::Array(_) => ("una lista".to_string(), "a list".to_string()),
            Value::Object(_) => ("un objeto".to_string(), "an object".to_string()),
        };
        self.fail(
            format!("tipo no válido: {found_es}; se esperaba {es}"),
            format!("invalid type: {found_en}, expected {en}"),
        )
    }
}

/// A type read from JSON.
pub trait FromJson: Sized {
    /// Reads it from `v`, found at `at`.
    fn read(v: &Value, at: At) -> Read<Self>;
}

impl FromJson for String {
    fn read(v: &Value, at: At) -> Read<String> {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| at.wrong(v, "un texto", "a string"))
    }
}

impl FromJson for bool {
    fn read(v: &Value, at: At) -> Read<bool> {
        v.as_bool()
            .ok_or_else(|| at.wrong(v, "true o false", "true or false"))
    }
}

impl FromJson for f64 {
    fn read(v: &Value, at: At) -> Read<f64> {
        v.as_f64()
            .ok_or_else(|| at.wrong(v, "un número", "a number"))
    }
}

/// A whole number from 0 to `max`.
#[inline(never)]
fn uint(v: &Value, at: At, max: u64) -> Read<u64> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        Some(n) => Err(at.fail(
            format!("{n} es demasiado grande (como mucho {max})"),
            format!("{n} is too large (at most {max})"),
        )),
        None => Err(at.wrong(
            v,
            &format!("un número entero de 0 a {max}"),
            &format!("a whole number from 0 to {max}"),
        )),
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn read(v: &Value, at: At) -> Read<$t> {
                // In range: `uint` checked it.
                uint(v, at, <$t>::MAX as u64).map(|n| n as $t)
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64, usize);

impl<T: FromJson> FromJson for Option<T> {
    fn read(v: &Value, at: At) -> Read<Option<T>> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v, at).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(v: &Value, at: At) -> Read<Vec<T>> {
        let items = v
            .as_array()
            .ok_or_else(|| at.wrong(v, "una lista", "a list"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}[{i}]", at.path);
            out.push(T::read(item, At { path: &path, ..at })?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn read(v: &Value, at: At) -> Read<BTreeMap<String, T>> {
        let map = v
            .as_object()
            .ok_or_else(|| at.wrong(v, "un objeto", "an object"))?;
        let mut out = BTreeMap::new();
        for (k, item) in map {
            let path = at.field(k);
            out.insert(k.clone(), T::read(item, At { path: &path, ..at })?);
        }
        Ok(out)
    }
}

/// `` `a`, `b`, `c` ``.
fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// An object being read: it refuses fields it does not take.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: At<'a>,
}

impl<'a> Obj<'a> {
    /// `v` as an object taking only `fields`.
    #[inline(never)]
    pub fn new(v: &'a Value, at: At<'a>, fields: &[&str]) -> Read<Obj<'a>> {
        let map = v
            .as_object()
            .ok_or_else(|| at.wrong(v, "un objeto", "an object"))?;
        if let Some(extra) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            let expected = listed(fields);
            return Err(at.fail(
                format!("campo desconocido `{extra}`; se esperaba uno de {expected}"),
                format!("unknown field `{extra}`, expected one of {expected}"),
            ));
        }
        Ok(Obj { map, at })
    }

    /// `{"type": …, fields…}`: the type (one of `types`, each with the fields it takes
    /// besides `type`) and the object.
    pub fn tagged(
        v: &'a Value,
        at: At<'a>,
        types: &[(&'static str, &[&str])],
    ) -> Read<(&'static str, Obj<'a>)> {
        let map = v
            .as_object()
            .ok_or_else(|| at.wrong(v, "un objeto", "an object"))?;
        let kind: String = Obj { map, at }.req("type")?;
        let Some(&(name, takes)) = types.iter().find(|(t, _)| *t == kind) else {
            let names: Vec<&str> = types.iter().map(|(t, _)| *t).collect();
            let expected = listed(&names);
            return Err(at.fail(
                format!("tipo desconocido `{kind}`; se esperaba uno de {expected}"),
                format!("unknown variant `{kind}`, expected one of {expected}"),
            ));
        };
        let mut fields = vec!["type"];
        fields.extend_from_slice(takes);
        Ok((name, Obj::new(v, at, &fields)?))
    }

    /// Reads a field if present (and not null).
    #[inline(never)]
    pub fn opt<T: FromJson>(&self, name: &str) -> Read<Option<T>> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => {
                let path = self.at.field(name);
                T::read(
                    v,
                    At {
                        path: &path,
                        ..self.at
                    },
                )
                .map(Some)
            }
        }
    }

    /// Reads a field, `default` if absent. (A value, not a closure: a closure would make a
    /// copy of this function per call site.)
    #[inline(never)]
    pub fn or<T: FromJson>(&self, name: &str, default: T) -> Read<T> {
        match self.map.get(name) {
            None => Ok(default),
            Some(v) => {
                let path = self.at.field(name);
                T::read(
                    v,
                    At {
                        path: &path,
                        ..self.at
                    },
                )
            }
        }
    }

    /// Reads a field that must be there.
    #[inline(never)]
    pub fn req<T: FromJson>(&self, name: &str) -> Read<T> {
        match self.map.get(name) {
            None => Err(self.at.fail(
                format!("falta el campo `{name}`"),
                format!("missing field `{name}`"),
            )),
            Some(v) => {
                let path = self.at.field(name);
                T::read(
                    v,
                    At {
                        path: &path,
                        ..self.at
                    },
                )
            }
        }
    }
}

/// A string that must be one of `names` (`(json, value)` pairs).
pub fn one_of<T: Copy>(v: &Value, at: At, names: &[(&str, T)]) -> Read<T> {
    let text = String::read(v, at)?;
    match names.iter().find(|(n, _)| *n == text) {
        Some(&(_, value)) => Ok(value),
        None => {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            let expected = listed(&all);
            Err(at.fail(
                format!("valor desconocido `{text}`; se esperaba uno de {expected}"),
                format!("unknown variant `{text}`, expected one of {expected}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        port: u16,
        note: Option<String>,
    }

    impl FromJson for Item {
        fn read(v: &Value, at: At) -> Read<Item> {
            let o = Obj::new(v, at, &["name", "port", "note"])?;
            Ok(Item {
                name: o.req("name")?,
                port: o.or("port", 1883)?,
                note: o.opt("note")?,
            })
        }
    }

    fn read(text: &str, lang: Lang) -> Read<Vec<Item>> {
        let v: Value = serde_json::from_str(text).expect("test JSON");
        Vec::<Item>::read(
            &v,
            At {
                path: "items",
                lang,
            },
        )
    }

    #[test]
    fn fields_default_and_null_is_none_only_where_optional() {
        let items = read(
            r#"[{"name": "a"}, {"name": "b", "port": 8883, "note": null}]"#,
            Lang::En,
        );
        assert_eq!(
            items.unwrap(),
            [
                Item {
                    name: "a".into(),
                    port: 1883,
                    note: None
                },
                Item {
                    name: "b".into(),
                    port: 8883,
                    note: None
                },
            ]
        );
        let e = read(r#"[{"name": null}]"#, Lang::En).unwrap_err();
        assert_eq!(e.path, "items[0].name");
        assert!(
            e.message(e.lang)
                .contains("invalid type: null, expected a string"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_the_field_in_the_users_language() {
        for (text, path, en, es) in [
            (r#"{}"#, "items", "expected a list", "se esperaba una lista"),
            (
                r#"[{"name": "a", "port": 70000}]"#,
                "items[0].port",
                "at most 65535",
                "como mucho 65535",
            ),
            (
                r#"[{"name": "a", "port": -1}]"#,
                "items[0].port",
                "whole number from 0",
                "número entero de 0",
            ),
            (
                r#"[{"name": "a"}, {"port": 1}]"#,
                "items[1]",
                "missing field `name`",
                "falta el campo `name`",
            ),
            (
                r#"[{"name": "a", "colour": 1}]"#,
                "items[0]",
                "unknown field `colour`",
                "campo desconocido `colour`",
            ),
        ] {
            let e = read(text, Lang::En).unwrap_err();
            assert_eq!(e.path, path, "{text}");
            assert!(e.message(e.lang).contains(en), "{text}: {e}");
            let e = read(text, Lang::Es).unwrap_err();
            assert!(e.message(e.lang).contains(es), "{text}: {e}");
        }
    }

    #[test]
    fn one_of_names_the_choices() {
        let v = Value::from("toaster");
        let e = one_of(&v, At::root(Lang::En), &[("read", 1), ("write", 2)]).unwrap_err();
        assert!(
            e.message(Lang::En)
                .contains("`toaster`, expected one of `read`, `write`"),
            "{e}"
        );
        assert_eq!(
            one_of(
                &Value::from("write"),
                At::root(Lang::En),
                &[("read", 1), ("write", 2)]
            ),
            Ok(2)
        );
    }
}
