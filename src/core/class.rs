//! A class on one real broker: where each student's progress lives, how a display name becomes
//! a topic level, the progress message, the teacher's table and topic tree built from what the
//! broker holds (retained, so a broker restart or a teacher arriving late loses nothing), and
//! the QR code of the student link.
//!
//! Topics, under `<prefix>/<code>/<student>/`:
//! - `progress`: retained JSON ([`Progress`]), published on every change and once a minute;
//! - `online`: retained `1`, and `0` as the connection's last will;
//! - anything else: the student's virtual devices, bridged when the teacher allows it.

use crate::core::misconception::Misconception;
use crate::core::plain;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::topic::TopicName;

/// The prefix a class uses when the teacher names none.
pub const DEFAULT_PREFIX: &str = "mqtt-playground";
/// Public brokers: anyone can read what a class publishes there.
pub const PUBLIC_BROKERS: &[&str] = &[
    "broker.hivemq.com",
    "test.mosquitto.org",
    "broker.emqx.io",
    "mqtt.eclipseprojects.io",
    "public.mqtthq.com",
];
/// Display names are 1 to this many characters.
pub const NAME_MAX: usize = 32;
/// Class codes are 1 to this many characters.
pub const CODE_MAX: usize = 16;
/// Lines the topic tree shows at most (a flood of topics stops adding lines).
pub const TREE_MAX: usize = 500;
/// The version of the progress message.
pub const PROGRESS_V: u32 = 1;

/// Why a class setting or a name was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassError {
    /// The code is empty, too long, or has other characters than letters, digits, `-`, `_`.
    Code,
    /// The prefix is not a topic (wildcards, `$` first, empty levels).
    Prefix,
    /// The display name is empty, too long, or has control characters.
    Name,
    /// The user name cannot be a topic level (`/`, `+`, `#`, empty).
    Username,
}

/// A class: its topic prefix and its code, both checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    prefix: String,
    code: String,
}

impl Class {
    /// A class under `prefix` (empty: [`DEFAULT_PREFIX`]) with this code.
    pub fn new(prefix: &str, code: &str) -> Result<Class, ClassError> {
        let code = code.trim();
        let code_ok = !code.is_empty()
            && code.chars().count() <= CODE_MAX
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !code_ok {
            return Err(ClassError::Code);
        }
        let prefix = prefix.trim().trim_matches('/');
        let prefix = if prefix.is_empty() {
            DEFAULT_PREFIX
        } else {
            prefix
        };
        let prefix_ok = prefix.len() <= 64
            && !prefix.starts_with('$')
            && !prefix.split('/').any(str::is_empty)
            && TopicName::new(prefix).is_ok();
        if !prefix_ok {
            return Err(ClassError::Prefix);
        }
        Ok(Class {
            prefix: prefix.to_string(),
            code: code.to_string(),
        })
    }

    /// The topic prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The class code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// `<prefix>/<code>`: everything the class publishes is under it.
    pub fn root(&self) -> String {
        format!("{}/{}", self.prefix, self.code)
    }

    /// The teacher's subscription: everything in the class.
    pub fn everything(&self) -> String {
        format!("{}/#", self.root())
    }

    /// Every student's progress (read to find the names already taken).
    pub fn progress_filter(&self) -> String {
        format!("{}/+/progress", self.root())
    }

    /// Where a student's progress is retained.
    pub fn progress_topic(&self, level: &str) -> String {
        format!("{}/{level}/progress", self.root())
    }

    /// Where a student's presence is retained (`1`, and `0` by the last will).
    pub fn online_topic(&self, level: &str) -> String {
        format!("{}/{level}/online", self.root())
    }

    /// The prefix of a student's bridged devices.
    pub fn student_root(&self, level: &str) -> String {
        format!("{}/{level}", self.root())
    }

    /// The student level and the rest of a topic in this class (`None` outside it).
    pub fn split<'a>(&self, topic: &'a str) -> Option<(&'a str, &'a str)> {
        let rest = topic
            .strip_prefix(self.prefix.as_str())?
            .strip_prefix('/')?
            .strip_prefix(self.code.as_str())?
            .strip_prefix('/')?;
        Some(rest.split_once('/').unwrap_or((rest, "")))
    }
}

/// Whether a broker address names a public broker (its host, any port or scheme).
pub fn is_public_broker(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', ':', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    PUBLIC_BROKERS.contains(&host.as_str())
}

/// A display name: trimmed, 1 to [`NAME_MAX`] characters, no control characters. It is shown
/// as text wherever it appears, whatever it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Checks a name as typed.
    pub fn new(name: &str) -> Result<DisplayName, ClassError> {
        let name = name.trim();
        let n = name.chars().count();
        if n == 0 || n > NAME_MAX || name.chars().any(char::is_control) {
            return Err(ClassError::Name);
        }
        Ok(DisplayName(name.to_string()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A topic level for a name: lower-case letters and digits (accents dropped), other runs of
/// characters as one `-`; `alumno` when nothing is left.
pub fn level_of(name: &str) -> String {
    let out = plain::dashed(name, 24);
    if out.is_empty() {
        "alumno".to_string()
    } else {
        out
    }
}

/// Checks a broker user name as the student's topic level (the classroom ACL lets each
/// account write only under its own name).
pub fn username_level(username: &str) -> Result<String, ClassError> {
    let u = username.trim();
    let ok = !u.is_empty()
        && u.len() <= 64
        && !u.starts_with('$')
        && !u.contains(['/', '+', '#'])
        && !u.chars().any(char::is_control);
    ok.then(|| u.to_string()).ok_or(ClassError::Username)
}

/// Where a student writes and the name the teacher sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The topic level.
    pub level: String,
    /// The display name (with a suffix when another student has it).
    pub name: String,
}

/// A student already in the class: level, display name and browser id.
pub type Taken<'a> = (&'a str, &'a str, &'a str);

/// Claims a level and a name. With a user name, the level is the user name (the broker's
/// accounts keep them apart). Without, the level comes from the name; a level or a name
/// another browser holds gets a suffix (`ana-2`, `Ana 2`), and one this browser (`me`)
/// already holds is taken back.
pub fn claim(
    name: &DisplayName,
    username: Option<&str>,
    me: &str,
    taken: &[Taken<'_>],
) -> Result<Claim, ClassError> {
    let others: Vec<&Taken> = taken.iter().filter(|(_, _, id)| *id != me).collect();
    let name_taken = |n: &str| others.iter().any(|(_, o, _)| o.eq_ignore_ascii_case(n));
    let suffixed = |n: usize| -> String {
        if n == 1 {
            name.as_str().to_string()
        } else {
            // The suffix fits within the limit.
            let keep = NAME_MAX - 1 - n.to_string().len();
            let base: String = name.as_str().chars().take(keep).collect();
            format!("{base} {n}")
        }
    };
    let first_free_name = || (1..).find(|n| !name_taken(&suffixed(*n))).unwrap_or(1);
    if let Some(u) = username.filter(|u| !u.trim().is_empty()) {
        return Ok(Claim {
            level: username_level(u)?,
            name: suffixed(first_free_name()),
        });
    }
    let base = level_of(name.as_str());
    // A reload of the same page takes its level back.
    if let Some((level, _, _)) = taken.iter().find(|(level, _, id)| {
        *id == me
            && (*level == base
                || level
                    .strip_prefix(base.as_str())
                    .is_some_and(|r| r.starts_with('-')))
    }) {
        return Ok(Claim {
            level: level.to_string(),
            name: suffixed(first_free_name()),
        });
    }
    let level_taken = |l: &str| others.iter().any(|(o, _, _)| *o == l);
    let n = (1..)
        .find(|n| {
            let level = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            !level_taken(&level) && !name_taken(&suffixed(*n))
        })
        .unwrap_or(1);
    Ok(Claim {
        level: if n == 1 { base } else { format!("{base}-{n}") },
        name: suffixed(n),
    })
}

/// What a student's page retains under `progress`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// [`PROGRESS_V`].
    pub v: u32,
    /// A random id of the student's browser (a reload keeps its name).
    pub id: String,
    /// The display name.
    pub name: String,
    /// The lesson open now (`None`: free play).
    pub lesson: Option<String>,
    /// Lessons passed.
    pub passed: Vec<String>,
    /// Per lesson tried: goals met and goals in all.
    pub goals: BTreeMap<String, [u32; 2]>,
    /// Per lesson tried: questions (predictions, quizzes) right and wrong at their first
    /// answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, [u32; 2]>,
    /// The misconceptions their wrong answers showed (by name), each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<String>,
    /// The titles of the teachers' own lessons tried (not the app's), by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    /// When it was sent (milliseconds since 1970, the student's clock).
    pub seen: u64,
}

impl Progress {
    /// The retained payload.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a payload from the broker (anyone may have written it): `None` unless it is a
    /// progress message of this version with a valid name and sane sizes.
    pub fn from_json(payload: &[u8]) -> Option<Progress> {
        if payload.len() > 16 * 1024 {
            return None;
        }
        let p: Progress = serde_json::from_slice(payload).ok()?;
        let short = |s: &str| s.len() <= 64;
        let ok = p.v == PROGRESS_V
            && DisplayName::new(&p.name).is_ok()
            && short(&p.id)
            && p.lesson.as_deref().is_none_or(short)
            && p.passed.len() <= 100
            && p.passed.iter().all(|l| short(l))
            && p.goals.len() <= 100
            && p.goals.iter().all(|(l, [met, all])| short(l) && met <= all)
            && p.answers.len() <= 100
            && p.answers.keys().all(|l| short(l))
            && p.shown.len() <= Misconception::ALL.len()
            && p.titles.len() <= 100
            && (p.titles.iter()).all(|(l, t)| short(l) && t.chars().count() <= TITLE_MAX);
        ok.then_some(p)
    }
}

/// The longest title of a teacher's lesson a progress message carries.
pub const TITLE_MAX: usize = 120;

/// The teachers' own lessons the students have tried (ids not `built_in`), each with the
/// title a student sent (its id if none did), by id.
pub fn own_lessons<'a>(
    progress: impl IntoIterator<Item = &'a Progress>,
    built_in: &[&str],
) -> Vec<(String, String)> {
    let mut own: BTreeMap<String, Option<String>> = BTreeMap::new();
    for p in progress {
        let tried = (p.lesson.iter().chain(&p.passed)).chain(p.goals.keys());
        for id in tried.filter(|id| !built_in.contains(&id.as_str())) {
            let title = own.entry(id.clone()).or_default();
            if title.is_none() {
                *title = p.titles.get(id).cloned();
            }
        }
    }
    (own.into_iter())
        .map(|(id, title)| {
            let title = title.unwrap_or_else(|| id.clone());
            (id, title)
        })
        .collect()
}

/// Where a student stands in one lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Passed.
    Passed,
    /// Open now, with goals met out of all.
    Current(u32, u32),
    /// Tried earlier, not passed.
    Tried(u32, u32),
    /// Not started.
    None,
}

/// A student as the teacher's table shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Student {
    /// Their topic level.
    pub level: String,
    /// Their last progress (`None`: what is retained is not a progress message).
    pub progress: Option<Progress>,
    /// Whether their page is connected (`None`: not said).
    pub online: Option<bool>,
}

impl Student {
    /// Their questions in a lesson: right and wrong at the first answer, if they answered
    /// any.
    pub fn answers(&self, lesson: &str) -> Option<[u32; 2]> {
        let p = self.progress.as_ref()?;
        p.answers.get(lesson).copied().filter(|[r, w]| r + w > 0)
    }

    /// The misconceptions they showed (names this version does not know are left out).
    pub fn shown(&self) -> Vec<Misconception> {
        (self.progress.iter())
            .flat_map(|p| &p.shown)
            .filter_map(|n| Misconception::named(n))
            .collect()
    }

    /// The name to show: the display name, or the level when the progress is unreadable.
    pub fn name(&self) -> &str {
        self.progress.as_ref().map_or(&self.level, |p| &p.name)
    }

    /// Where they stand in a lesson.
    pub fn mark(&self, lesson: &str) -> Mark {
        let Some(p) = &self.progress else {
            return Mark::None;
        };
        if p.passed.iter().any(|l| l == lesson) {
            return Mark::Passed;
        }
        match p.goals.get(lesson) {
            Some([met, all]) if p.lesson.as_deref() == Some(lesson) => Mark::Current(*met, *all),
            Some([met, all]) => Mark::Tried(*met, *all),
            None if p.lesson.as_deref() == Some(lesson) => Mark::Current(0, 0),
            None => Mark::None,
        }
    }
}

/// The class's students from the topics the broker delivered (last payload of each), sorted
/// by name. A student appears once anything is retained under their level's `progress`.
pub fn roster<'a>(
    class: &Class,
    topics: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<Student> {
    Roster::default().update(class, topics)
}

/// The roster kept from one delivery to the next: a student's progress message is read
/// again only when its payload changed (a class of hundreds sends several a second).
#[derive(Debug, Default)]
pub struct Roster {
    /// Each level's last progress payload, and what it read as.
    parsed: BTreeMap<String, (Vec<u8>, Option<Progress>)>,
}

impl Roster {
    /// The students in `topics`, as [`roster`] finds them.
    pub fn update<'a>(
        &mut self,
        class: &Class,
        topics: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Vec<Student> {
        let mut by_level: BTreeMap<String, Student> = BTreeMap::new();
        let mut online: BTreeMap<String, bool> = BTreeMap::new();
        for (topic, payload) in topics {
            match class.split(topic) {
                Some((level, "progress")) if !payload.is_empty() => {
                    let progress = self.read(level, payload);
                    by_level.insert(
                        level.to_string(),
                        Student {
                            level: level.to_string(),
                            progress,
                            online: None,
                        },
                    );
                }
                Some((level, "online")) => {
                    online.insert(level.to_string(), payload == b"1");
                }
                _ => {}
            }
        }
        self.parsed.retain(|level, _| by_level.contains_key(level));
        let mut students: Vec<Student> = by_level
            .into_values()
            .map(|mut s| {
                s.online = online.get(&s.level).copied();
                s
            })
            .collect();
        students.sort_by_cached_key(|s| (plain::key(s.name()), s.level.clone()));
        students
    }

    /// `level`'s progress from `payload`, read only if it changed.
    fn read(&mut self, level: &str, payload: &[u8]) -> Option<Progress> {
        match self.parsed.get(level) {
            Some((last, progress)) if last == payload => progress.clone(),
            _ => {
                let progress = Progress::from_json(payload);
                (self.parsed).insert(level.to_string(), (payload.to_vec(), progress.clone()));
                progress
            }
        }
    }
}

/// The misconceptions the class showed, each with how many students showed it, most often
/// first (then in course order).
pub fn misconceptions(students: &[Student]) -> Vec<(Misconception, usize)> {
    let mut counted: Vec<(Misconception, usize)> = Misconception::ALL
        .into_iter()
        .map(|m| {
            (
                m,
                students.iter().filter(|s| s.shown().contains(&m)).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    // Stable: equal counts keep the course order.
    counted.sort_by_key(|c| std::cmp::Reverse(c.1));
    counted
}

/// One line of the class's topic tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeLine {
    /// Nesting depth (0: a student's level).
    pub depth: usize,
    /// This level's name.
    pub level: String,
    /// The last value, when a message was published on exactly this topic.
    pub value: Option<String>,
}

/// The topics the class's devices published (progress and presence left out), as a tree
/// under the class root, at most [`TREE_MAX`] lines.
pub fn tree<'a>(
    class: &Class,
    topics: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<TreeLine> {
    let mut paths: Vec<(Vec<&str>, &[u8])> = topics
        .into_iter()
        .filter_map(|(topic, payload)| {
            let (level, rest) = class.split(topic)?;
            if rest.is_empty() || rest == "progress" || rest == "online" || payload.is_empty() {
                return None;
            }
            let mut path = vec![level];
            path.extend(rest.split('/'));
            Some((path, payload))
        })
        .collect();
    paths.sort();
    let mut lines = Vec::new();
    let mut previous: Vec<&str> = Vec::new();
    for (path, payload) in paths {
        let common = previous
            .iter()
            .zip(&path)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, level) in path.iter().enumerate().skip(common) {
            if lines.len() >= TREE_MAX {
                return lines;
            }
            let last = depth + 1 == path.len();
            lines.push(TreeLine {
                depth,
                level: level.to_string(),
                value: last.then(|| String::from_utf8_lossy(payload).chars().take(80).collect()),
            });
        }
        previous = path;
    }
    lines
}

/// A QR code: its side in modules and which are dark, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side.
    pub size: usize,
    /// Dark modules, row by row.
    pub dark: Vec<bool>,
}

impl Qr {
    /// The QR code of a text (medium error correction); `None` if it is too long for one.
    pub fn of(text: &str) -> Option<Qr> {
        let code = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium).ok()?;
        let size = usize::try_from(code.size()).ok()?;
        let side = code.size();
        let dark = (0..side)
            .flat_map(|y| (0..side).map(move |x| (x, y)))
            .map(|(x, y)| code.get_module(x, y))
            .collect();
        Some(Qr { size, dark })
    }

    /// An SVG path drawing the dark modules, one unit each, with a 4-module quiet zone
    /// (for a `viewBox` of `size + 8` units).
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for (i, _) in self.dark.iter().enumerate().filter(|(_, dark)| **dark) {
            let (x, y) = (i % self.size + 4, i / self.size + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class() -> Class {
        Class::new("", "K7P2").unwrap()
    }

    #[test]
    fn codes_and_prefixes_are_checked() {
        assert_eq!(class().root(), "mqtt-playground/K7P2");
        assert_eq!(Class::new("", ""), Err(ClassError::Code));
        assert_eq!(Class::new("", "a b"), Err(ClassError::Code));
        assert_eq!(
            Class::new("", "x".repeat(17).as_str()),
            Err(ClassError::Code)
        );
        assert_eq!(Class::new("a/+/b", "X"), Err(ClassError::Prefix));
        assert_eq!(Class::new("$SYS", "X"), Err(ClassError::Prefix));
        assert_eq!(Class::new("a//b", "X"), Err(ClassError::Prefix));
        assert_eq!(Class::new("/escuela/", "X").unwrap().root(), "escuela/X");
    }

    #[test]
    fn topics_split_into_student_and_rest() {
        let c = class();
        assert_eq!(
            c.split("mqtt-playground/K7P2/ana/progress"),
            Some(("ana", "progress"))
        );
        assert_eq!(
            c.split("mqtt-playground/K7P2/ana/Casa/Cocina/Temperatura"),
            Some(("ana", "Casa/Cocina/Temperatura"))
        );
        assert_eq!(c.split("mqtt-playground/K7P2X/ana/progress"), None);
        assert_eq!(c.split("other/K7P2/ana"), None);
    }

    #[test]
    fn public_brokers_are_recognised() {
        assert!(is_public_broker("wss://broker.hivemq.com:8884/mqtt"));
        assert!(is_public_broker("ws://Test.Mosquitto.org:8080"));
        assert!(!is_public_broker("ws://raspberrypi.local:9001"));
        assert!(!is_public_broker("nonsense"));
    }

    #[test]
    fn names_become_levels() {
        assert_eq!(level_of("María José Núñez"), "maria-jose-nunez");
        assert_eq!(
            level_of("<img src=x onerror=alert(1)>"),
            "img-src-x-onerror-alert"
        );
        assert_eq!(level_of("+#/"), "alumno");
        assert_eq!(DisplayName::new("  "), Err(ClassError::Name));
        assert_eq!(DisplayName::new(&"a".repeat(33)), Err(ClassError::Name));
        assert_eq!(DisplayName::new("a\u{7}b"), Err(ClassError::Name));
        assert!(DisplayName::new(&"ñ".repeat(32)).is_ok());
        assert_eq!(username_level("ana/b"), Err(ClassError::Username));
        assert_eq!(username_level(" ana "), Ok("ana".into()));
    }

    #[test]
    fn a_duplicate_gets_a_suffix_and_a_reload_keeps_its_name() {
        let ana = DisplayName::new("Ana").unwrap();
        let taken = [("ana", "Ana", "browser-1")];
        let other = claim(&ana, None, "browser-2", &taken).unwrap();
        assert_eq!(
            (other.level.as_str(), other.name.as_str()),
            ("ana-2", "Ana 2")
        );
        let again = claim(&ana, None, "browser-1", &taken).unwrap();
        assert_eq!((again.level.as_str(), again.name.as_str()), ("ana", "Ana"));
        let taken = [("ana", "Ana", "b1"), ("ana-2", "Ana 2", "b2")];
        assert_eq!(claim(&ana, None, "b3", &taken).unwrap().level, "ana-3");
        // With an account, the level is the account; only the name takes a suffix.
        let with = claim(&ana, Some("alumno7"), "b3", &taken).unwrap();
        assert_eq!(
            (with.level.as_str(), with.name.as_str()),
            ("alumno7", "Ana 3")
        );
        let long = DisplayName::new(&"x".repeat(32)).unwrap();
        let taken = [(
            "xxxxxxxxxxxxxxxxxxxxxxxx",
            "X".repeat(32).leak() as &str,
            "b1",
        )];
        let c = claim(&long, None, "b2", &taken).unwrap();
        assert_eq!(c.name.chars().count(), 32);
        assert!(c.name.ends_with(" 2"));
    }

    #[test]
    fn progress_round_trips_and_bad_payloads_are_refused() {
        let mut p = Progress {
            v: PROGRESS_V,
            id: "b1".into(),
            name: "<img src=x onerror=alert(1)>".into(),
            lesson: Some("publish-subscribe".into()),
            passed: vec!["wildcards".into()],
            goals: BTreeMap::new(),
            answers: [("publish-subscribe".to_string(), [1, 1])].into(),
            shown: vec!["plus_is_one_level".into()],
            titles: [("cocina-panel".to_string(), "El panel de la cocina".into())].into(),
            seen: 1_764_000_000_000,
        };
        p.goals.insert("publish-subscribe".into(), [1, 3]);
        assert_eq!(Progress::from_json(p.to_json().as_bytes()), Some(p.clone()));
        assert_eq!(Progress::from_json(b"forged"), None);
        // A progress from before predictions reads, with none.
        let old = r#"{"v":1,"id":"a","name":"Ana","lesson":null,"passed":[],"goals":{},"seen":1}"#;
        assert!(Progress::from_json(old.as_bytes()).is_some_and(|p| p.answers.is_empty()));
        assert_eq!(Progress::from_json(b"{\"v\":2}"), None);
        let mut bad = p.clone();
        bad.goals.insert("x".into(), [4, 3]);
        assert_eq!(Progress::from_json(bad.to_json().as_bytes()), None);
        bad = p.clone();
        bad.name = String::new();
        assert_eq!(Progress::from_json(bad.to_json().as_bytes()), None);
        bad = p;
        bad.titles.insert("x".into(), "t".repeat(TITLE_MAX + 1));
        assert_eq!(Progress::from_json(bad.to_json().as_bytes()), None);
    }

    #[test]
    fn teachers_lessons_tried_are_listed_with_a_title_a_student_sent() {
        let student = |lesson: &str, title: Option<&str>| Progress {
            lesson: Some(lesson.into()),
            goals: [(lesson.to_string(), [0, 1])].into(),
            titles: title
                .map(|t| (lesson.to_string(), t.to_string()))
                .into_iter()
                .collect(),
            ..Progress::default()
        };
        let all = [
            student("pubsub", None),
            student("cocina-panel", None),
            student("cocina-panel", Some("El panel de la cocina")),
            student("garaje", None),
        ];
        assert_eq!(
            own_lessons(&all, &["pubsub", "wildcards"]),
            vec![
                (
                    "cocina-panel".to_string(),
                    "El panel de la cocina".to_string()
                ),
                ("garaje".to_string(), "garaje".to_string()),
            ]
        );
    }

    #[test]
    fn the_roster_comes_from_retained_topics() {
        let c = class();
        let ana = Progress {
            v: 1,
            id: "1".into(),
            name: "Ana".into(),
            lesson: Some("l2".into()),
            passed: vec!["l1".into()],
            goals: [("l2".to_string(), [1, 2]), ("l3".to_string(), [0, 2])].into(),
            answers: [("l2".to_string(), [2, 1])].into(),
            shown: vec!["qos_is_the_lower".into(), "no_such_mistake".into()],
            titles: BTreeMap::new(),
            seen: 5,
        }
        .to_json();
        let topics: Vec<(&str, &[u8])> = vec![
            ("mqtt-playground/K7P2/zoe/progress", b"garbage"),
            ("mqtt-playground/K7P2/ana/progress", ana.as_bytes()),
            ("mqtt-playground/K7P2/ana/online", b"1"),
            ("mqtt-playground/K7P2/ana/Casa/Cocina/Temperatura", b"21.5"),
            ("mqtt-playground/K7P2/gone/progress", b""),
            ("elsewhere/K7P2/eve/progress", ana.as_bytes()),
        ];
        let r = roster(&c, topics.iter().copied());
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].name(), r[0].online), ("Ana", Some(true)));
        assert_eq!(r[0].mark("l1"), Mark::Passed);
        assert_eq!(r[0].mark("l2"), Mark::Current(1, 2));
        assert_eq!(r[0].mark("l3"), Mark::Tried(0, 2));
        assert_eq!(r[0].mark("l4"), Mark::None);
        assert_eq!(r[0].answers("l2"), Some([2, 1]));
        assert_eq!(r[0].answers("l3"), None);
        assert_eq!(
            r[0].shown(),
            [Misconception::QosIsTheLower],
            "unknown names left out"
        );
        assert_eq!(misconceptions(&r), [(Misconception::QosIsTheLower, 1)]);
        assert_eq!((r[1].name(), r[1].progress.is_none()), ("zoe", true));
        let t = tree(&c, topics.iter().copied());
        let shown: Vec<_> = t
            .iter()
            .map(|l| (l.depth, l.level.as_str(), l.value.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                (0, "ana", None),
                (1, "Casa", None),
                (2, "Cocina", None),
                (3, "Temperatura", Some("21.5")),
            ]
        );
    }

    #[test]
    fn a_kept_roster_reads_again_only_what_changed() {
        let c = class();
        let progress = |name: &str, seen: u64| {
            Progress {
                v: 1,
                id: name.into(),
                name: name.into(),
                seen,
                ..Progress::default()
            }
            .to_json()
        };
        let (ana, bea) = (progress("Ana", 1), progress("bea", 1));
        let mut kept = Roster::default();
        let first: Vec<(&str, &[u8])> = vec![
            ("mqtt-playground/K7P2/b/progress", bea.as_bytes()),
            ("mqtt-playground/K7P2/a/progress", ana.as_bytes()),
        ];
        assert_eq!(kept.update(&c, first.iter().copied()), roster(&c, first));
        // Ana's heartbeat changes her payload; Bea's stays, and is not read again.
        kept.parsed.get_mut("b").unwrap().1.as_mut().unwrap().name = "Bea (kept)".into();
        let ana = progress("Ana", 2);
        let second: Vec<(&str, &[u8])> = vec![
            ("mqtt-playground/K7P2/b/progress", bea.as_bytes()),
            ("mqtt-playground/K7P2/a/progress", ana.as_bytes()),
        ];
        let r = kept.update(&c, second.iter().copied());
        assert_eq!(r[0].progress.as_ref().map(|p| p.seen), Some(2));
        assert_eq!(r[1].name(), "Bea (kept)");
        // A student gone from the topics is forgotten.
        kept.update(&c, second[1..].iter().copied());
        assert_eq!(kept.parsed.len(), 1);
    }

    #[test]
    fn the_tree_groups_by_level_not_by_characters() {
        let c = class();
        let topics: Vec<(&str, &[u8])> = vec![
            ("mqtt-playground/K7P2/ana/b", b"1"),
            ("mqtt-playground/K7P2/ana/b-x", b"2"),
            ("mqtt-playground/K7P2/ana/b/c", b"3"),
        ];
        let t = tree(&c, topics);
        let levels: Vec<_> = t.iter().map(|l| (l.depth, l.level.as_str())).collect();
        assert_eq!(levels, [(0, "ana"), (1, "b"), (2, "c"), (1, "b-x")]);
    }

    #[test]
    fn a_link_fits_in_a_qr_code() {
        let link = "https://example.org/mqtt/?class=K7P2&broker=wss%3A%2F%2Fbroker.example.org%3A8884%2Fmqtt&prefix=mqtt-playground";
        let qr = Qr::of(link).unwrap();
        assert!(qr.size >= 21 && qr.dark.len() == qr.size * qr.size);
        // The three finder patterns: each corner's top-left module is dark.
        assert!(qr.dark[0] && qr.dark[qr.size - 1] && qr.dark[(qr.size - 1) * qr.size]);
        assert!(qr.svg_path().starts_with("M4 4h1v1h-1z"));
        assert!(Qr::of(&"x".repeat(5000)).is_none());
    }
}
