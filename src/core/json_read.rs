//! Reading the app's JSON (scenarios, actions, broker settings, share links) from a parsed
//! [`Value`], by hand: each type lists the fields it takes and reads them one by one. Errors
//! name the offending field (`devices[2].kind.topic`) and what is wrong, as a typed
//! [`Problem`] that the catalogue words in the user's language; unknown fields, missing fields
//! and wrong types are refused as serde's strict reader would. (Serde's derived readers did the same with several times the code, the
//! largest share of the download after the UI.) The field readers are never inlined: one copy
//! per field type, not one per field, and the error paths stay out of line.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::core::topic::{TopicError, TopicFilter, TopicName};
use crate::core::types::QoS;

/// What is wrong with a file, and where. The catalogue renders the [`Problem`] whole, so a
/// page shows it in the language of the moment (switching re-renders one already on screen).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The offending field (`devices[1].kind.topic`), empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a value of a file (or a link, or an action).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON: where the reader stopped.
    NotJson {
        /// Its line (from 1).
        line: usize,
        /// Its column (from 1).
        column: usize,
    },
    /// A value of the wrong type.
    WrongType {
        /// What was there.
        found: Found,
        /// What was expected.
        expected: Expected,
    },
    /// A whole number above its maximum.
    TooLarge {
        /// The number.
        value: u64,
        /// The largest allowed.
        max: u64,
    },
    /// A field the object does not take.
    UnknownField {
        /// The field.
        field: String,
        /// The fields it takes, listed (`` `a`, `b` ``).
        expected: String,
    },
    /// A name that is not in its list (an action's `type`, a choice).
    UnknownName {
        /// The name.
        name: String,
        /// The names allowed, listed.
        expected: String,
    },
    /// A field that must be there.
    Missing {
        /// The field.
        field: String,
    },
    /// An invalid topic or filter.
    Topic(TopicError),
    /// A QoS level that does not exist.
    NoSuchQoS(u8),
    /// An interval under 10 ms.
    IntervalTooShort,
    /// A port other than 1883 and 8883.
    Port(u16),
    /// A link's loss outside 0–1.
    LossRange,
    /// A link's latency or jitter over a minute.
    LatencyRange,
    /// A broker's receive maximum of 0.
    ZeroReceiveMaximum,
    /// A shared link that cannot be read, and why.
    DamagedLink(Box<ScenarioError>),
    /// A link names a lesson this version does not have.
    NoSuchLesson(String),
    /// An action while a shared run is still being rebuilt.
    StillOpening,
    /// A quiz with fewer than two options.
    QuizOptions,
    /// A quiz with no right option.
    QuizNoRightOption,
    /// A lesson id that is not a word of letters, digits, `-` and `_` (up to 40).
    BadLessonId,
    /// A text longer than this many characters.
    TextTooLong(usize),
    /// A scenario without its format version.
    FormatVersionMissing,
    /// A scenario of another format version (as written).
    FormatVersion(String),
    /// A device with an empty name.
    EmptyName,
    /// Two devices of one name.
    DuplicateName(String),
    /// A client id MQTT does not allow.
    BadClientId,
    /// Two devices with one client id.
    DuplicateClientId(String),
    /// A sensor's random walk with numbers that are not finite or a minimum over its maximum.
    ModelRange,
    /// A device name that no device has.
    NoSuchDevice(String),
    /// A link of another version.
    LinkVersion(u32),
}

/// What a value of the wrong type was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, quoted as JSON.
    Text(String),
    /// A list.
    List,
    /// An object.
    Object,
}

/// What type a value should have had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A whole number from 0 to this.
    WholeUpTo(u64),
    /// A list.
    List,
    /// An object.
    Object,
}

/// An error at `path`.
#[cold]
#[inline(never)]
pub fn err(path: impl Into<String>, problem: Problem) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        problem,
    }
}

/// Not JSON at all: where serde's reader stopped (its own words are English only).
pub fn not_json(e: &serde_json::Error) -> ScenarioError {
    let (line, column) = (e.line(), e.column());
    err("", Problem::NotJson { line, column })
}

/// A result of reading.
pub type Read<T> = Result<T, ScenarioError>;

/// Where a value sits.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// Its path (empty: the whole file).
    pub path: &'a str,
}

impl<'a> At<'a> {
    /// The top of a file.
    pub fn root() -> At<'static> {
        At { path: "" }
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
    pub fn fail(&self, problem: Problem) -> ScenarioError {
        err(self.path, problem)
    }

    /// "Expected X, found this value".
    #[cold]
    #[inline(never)]
    fn wrong(&self, v: &Value, expected: Expected) -> ScenarioError {
        let found = match v {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(_) => Found::Text(v.to_string()),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        };
        self.fail(Problem::WrongType { found, expected })
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
            .ok_or_else(|| at.wrong(v, Expected::Text))
    }
}

impl FromJson for bool {
    fn read(v: &Value, at: At) -> Read<bool> {
        v.as_bool().ok_or_else(|| at.wrong(v, Expected::Bool))
    }
}

impl FromJson for TopicName {
    fn read(v: &Value, at: At) -> Read<TopicName> {
        TopicName::new(&String::read(v, at)?).map_err(|e| at.fail(Problem::Topic(e)))
    }
}

impl FromJson for TopicFilter {
    fn read(v: &Value, at: At) -> Read<TopicFilter> {
        TopicFilter::new(&String::read(v, at)?).map_err(|e| at.fail(Problem::Topic(e)))
    }
}

impl FromJson for QoS {
    fn read(v: &Value, at: At) -> Read<QoS> {
        let n = u8::read(v, at)?;
        QoS::from_u8(n).ok_or_else(|| at.fail(Problem::NoSuchQoS(n)))
    }
}

impl FromJson for f64 {
    fn read(v: &Value, at: At) -> Read<f64> {
        v.as_f64().ok_or_else(|| at.wrong(v, Expected::Number))
    }
}

/// A whole number from 0 to `max`.
#[inline(never)]
fn uint(v: &Value, at: At, max: u64) -> Read<u64> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        Some(value) => Err(at.fail(Problem::TooLarge { value, max })),
        None => Err(at.wrong(v, Expected::WholeUpTo(max))),
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

/// Any JSON, read as it is (a part read later, once what it means is known).
impl FromJson for Value {
    fn read(v: &Value, _: At) -> Read<Value> {
        Ok(v.clone())
    }
}

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
        let items = v.as_array().ok_or_else(|| at.wrong(v, Expected::List))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}[{i}]", at.path);
            out.push(T::read(item, At { path: &path })?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn read(v: &Value, at: At) -> Read<BTreeMap<String, T>> {
        let map = v.as_object().ok_or_else(|| at.wrong(v, Expected::Object))?;
        let mut out = BTreeMap::new();
        for (k, item) in map {
            let path = at.field(k);
            out.insert(k.clone(), T::read(item, At { path: &path })?);
        }
        Ok(out)
    }
}

/// `` `a`, `b`, `c` ``.
fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// An object being read. Each field is named once, where it is read: the object records the
/// names asked for, and [`Obj::done`] refuses any other field, with its path.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: At<'a>,
    asked: RefCell<Vec<&'static str>>,
}

impl<'a> Obj<'a> {
    /// `v` as an object.
    #[inline(never)]
    pub fn new(v: &'a Value, at: At<'a>) -> Read<Obj<'a>> {
        let map = v.as_object().ok_or_else(|| at.wrong(v, Expected::Object))?;
        Ok(Obj {
            map,
            at,
            asked: RefCell::new(Vec::new()),
        })
    }

    /// `{"type": …, fields…}`: the type and the object (read its fields, then call
    /// [`Obj::done`]; an unknown type is [`Obj::unknown_type`]). See [`tagged!`].
    pub fn tagged(v: &'a Value, at: At<'a>) -> Read<(String, Obj<'a>)> {
        let o = Obj::new(v, at)?;
        let kind = o.req("type")?;
        Ok((kind, o))
    }

    /// The error for a `type` that is none of `types`.
    #[inline(never)]
    pub fn unknown_type(&self, kind: String, types: &[&str]) -> ScenarioError {
        self.at.fail(Problem::UnknownName {
            name: kind,
            expected: listed(types),
        })
    }

    /// `value`, read from this object, if the object has no field it did not ask for.
    pub fn done<T>(&self, value: T) -> Read<T> {
        let asked = self.asked.borrow();
        match self.map.keys().find(|k| !asked.contains(&k.as_str())) {
            Some(extra) => Err(self.unknown(extra, &asked)),
            None => Ok(value),
        }
    }

    #[inline(never)]
    fn unknown(&self, extra: &str, asked: &[&str]) -> ScenarioError {
        self.at.fail(Problem::UnknownField {
            field: extra.to_string(),
            expected: listed(asked),
        })
    }

    /// The field `name`, noted as one this object takes.
    fn get(&self, name: &'static str) -> Option<&'a Value> {
        let mut asked = self.asked.borrow_mut();
        if !asked.contains(&name) {
            asked.push(name);
        }
        self.map.get(name)
    }

    /// Reads a field if present (and not null).
    #[inline(never)]
    pub fn opt<T: FromJson>(&self, name: &'static str) -> Read<Option<T>> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => {
                let path = self.at.field(name);
                T::read(v, At { path: &path }).map(Some)
            }
        }
    }

    /// Reads a field, `default` if absent. (A value, not a closure: a closure would make a
    /// copy of this function per call site.)
    #[inline(never)]
    pub fn or<T: FromJson>(&self, name: &'static str, default: T) -> Read<T> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => {
                let path = self.at.field(name);
                T::read(v, At { path: &path })
            }
        }
    }

    /// Reads a field that must be there.
    #[inline(never)]
    pub fn req<T: FromJson>(&self, name: &'static str) -> Read<T> {
        match self.get(name) {
            None => Err(self.at.fail(Problem::Missing {
                field: name.to_string(),
            })),
            Some(v) => {
                let path = self.at.field(name);
                T::read(v, At { path: &path })
            }
        }
    }
}

/// Reads a `{"type": …}` object: `tagged!(o = v, at; "name" => value, …)` reads the type,
/// evaluates the arm of that name (its fields read from `o`), and refuses fields the arm did
/// not read. An unknown type is an error naming the types, never a default.
macro_rules! tagged {
    ($o:ident = $v:expr, $at:expr; $($name:literal => $value:expr,)+) => {{
        let (kind, $o) = $crate::core::json_read::Obj::tagged($v, $at)?;
        let value = match kind.as_str() {
            $($name => $value,)+
            _ => return Err($o.unknown_type(kind, &[$($name),+])),
        };
        $o.done(value)?
    }};
}
pub(crate) use tagged;

/// A string that must be one of `names` (`(json, value)` pairs).
pub fn one_of<T: Copy>(v: &Value, at: At, names: &[(&str, T)]) -> Read<T> {
    let text = String::read(v, at)?;
    match names.iter().find(|(n, _)| *n == text) {
        Some(&(_, value)) => Ok(value),
        None => {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            Err(at.fail(Problem::UnknownName {
                name: text,
                expected: listed(&all),
            }))
        }
    }
}
