//! A lesson being written in the builder: the file as it stands, every change checked before
//! it is taken (a refused change leaves the lesson as it was), undo and redo, the devices a
//! teacher adds from the palette, and the problems that keep the lesson from working
//! (the file's own check, missing translations, the recorded solution's walk).

use serde_json::Value;

use super::file::{LessonFile, LessonText, Step};
use super::progress::{play_solution, WalkError};
use super::{Forms, SolutionStep};
use crate::core::json_read::{err, Problem};
use crate::core::scenario::broker::BrokerConfig;
use crate::core::scenario::{
    Decimal, DeviceConfig, DeviceKind, Interval, Scenario, ScenarioError, SubConfig, ValueModel,
};
use crate::core::sim::run::Recorded;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;

/// The id a new lesson starts with (the builder gives it its title's).
pub const FIRST_ID: &str = "mi-leccion";

/// How many changes undo goes back.
const UNDO_DEPTH: usize = 200;

/// The device kinds of the palette, in its order (the scenario format's every kind).
pub const PALETTE: [&str; 8] = [
    "sensor",
    "actuator",
    "dashboard",
    "phone",
    "custom",
    "responder",
    "eavesdropper",
    "intruder",
];

/// A change to the lesson.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new device of a palette kind, named after the word given (`sensor`, `sensor-2`…;
    /// spaces become `-`).
    AddDevice(&'static str, String),
    /// Another house: the scenario's devices and broker replaced (the steps stay; any that
    /// names a device gone is a flaw until mended).
    SetScenario(Box<Scenario>),
    /// Removes the device at this index.
    RemoveDevice(usize),
    /// Renames a device, everywhere the lesson names it.
    RenameDevice(usize, String),
    /// Moves a device to another place in the list (the stage's order).
    MoveDevice(usize, usize),
    /// Replaces a device's settings (its name kept).
    SetDevice(usize, Box<DeviceConfig>),
    /// Replaces the broker's settings.
    SetBroker(Box<BrokerConfig>),
    /// Adds a step at the end.
    AddStep(Box<Step>),
    /// Replaces a step.
    SetStep(usize, Box<Step>),
    /// Moves a step to another place.
    MoveStep(usize, usize),
    /// Removes a step.
    RemoveStep(usize),
    /// Sets the title and intro in a language.
    SetText(String, LessonText),
    /// Sets the lesson's id.
    SetId(String),
    /// Sets what the publish and subscribe forms show.
    SetForms(Forms<String>),
}

/// What keeps a lesson from working, first things first.
#[derive(Clone, Debug, PartialEq)]
pub enum Flaw {
    /// It has no steps yet.
    NoSteps,
    /// It has no goal step: nothing for the student to do on the stage.
    NoGoal,
    /// The file is refused (the path and reason).
    File(ScenarioError),
    /// A language the lesson is written in lacks a text.
    Missing(ScenarioError),
    /// Played with its solution, the lesson does not pass.
    Walk(WalkError),
    /// Goal step `k` (from 0) has no recorded solution, and its goal is not met without one.
    Unrecorded(usize),
}

/// A lesson being written, with its history.
#[derive(Clone, Debug)]
pub struct Draft {
    now: LessonFile,
    undo: Vec<LessonFile>,
    redo: Vec<LessonFile>,
}

impl Draft {
    /// A draft of this lesson.
    pub fn new(file: LessonFile) -> Draft {
        Draft {
            now: file,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// A new lesson on a scenario (free play's house, a lesson's, an empty one), titled in
    /// `lang`, with no steps yet.
    pub fn start(mut scenario: Scenario, lang: &str) -> Draft {
        scenario.lesson = None;
        scenario.actions.clear();
        let forms = Forms {
            acting: (scenario.devices.iter())
                .find(|d| d.kind.has_client())
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            topic: "Casa/Salon/Luz/Orden".into(),
            payload: "ON".into(),
            filter: "Casa/+/Temperatura".into(),
            sub_qos: 0,
        };
        let mut text = std::collections::BTreeMap::new();
        text.insert(lang.to_string(), LessonText::default());
        Draft::new(LessonFile {
            id: FIRST_ID.into(),
            text,
            forms,
            watch: Vec::new(),
            scenario,
            steps: Vec::new(),
        })
    }

    /// Reads a lesson file to edit it: checked as a file is on reading, and as every change
    /// is (its id, its texts' length).
    pub fn open(text: &str) -> Result<Draft, ScenarioError> {
        let file = LessonFile::from_json(text)?;
        check(&file)?;
        Ok(Draft::new(file))
    }

    /// The lesson as it stands.
    pub fn file(&self) -> &LessonFile {
        &self.now
    }

    /// Makes a change, or refuses it (with the field and the reason) and changes nothing.
    pub fn edit(&mut self, edit: Edit) -> Result<(), ScenarioError> {
        let next = applied(&self.now, edit)?;
        self.change(next);
        Ok(())
    }

    /// Takes another draft's lesson in place of this one (a file opened): one change, which
    /// undo takes back.
    pub fn take(&mut self, other: Draft) {
        self.change(other.now);
    }

    fn change(&mut self, next: LessonFile) {
        if next != self.now {
            self.undo.push(std::mem::replace(&mut self.now, next));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    /// Goes back one change; false if there is none.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(before) => {
                self.redo.push(std::mem::replace(&mut self.now, before));
                true
            }
            None => false,
        }
    }

    /// Makes again the change last undone; false if there is none.
    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(after) => {
                self.undo.push(std::mem::replace(&mut self.now, after));
                true
            }
            None => false,
        }
    }

    /// Whether there is a change to undo, and one to redo.
    pub fn can(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// What keeps the lesson from working, in `languages` (those the app speaks): the file's
    /// first problem, a language begun but not finished, then the walk with its solution.
    pub fn flaws(&self, languages: &[&str]) -> Vec<Flaw> {
        if self.now.steps.is_empty() {
            return vec![Flaw::NoSteps];
        }
        let written = self.now.to_json();
        let read = match LessonFile::from_json(&written) {
            Ok(read) => read,
            Err(e) => return vec![Flaw::File(e)],
        };
        let begun: Vec<&str> = (languages.iter().copied())
            .filter(|l| read.text.contains_key(*l))
            .collect();
        let mut flaws: Vec<Flaw> = (read.missing_languages(&begun).into_iter())
            .chain(untitled(&read, &begun))
            .map(Flaw::Missing)
            .collect();
        if read.text.is_empty() {
            flaws.push(Flaw::Missing(err(
                "text",
                Problem::Missing {
                    field: "text".into(),
                },
            )));
        }
        if read.goals().next().is_none() {
            flaws.push(Flaw::NoGoal);
        } else if let Err(e) = play_solution(&read) {
            // A goal not met with no solution recorded: the recording is what is missing.
            let unrecorded = |k: usize| matches!(read.steps.get(k), Some(Step::Act { solution, .. }) if solution.is_empty());
            flaws.push(match e {
                WalkError::GoalNotMet(k) if unrecorded(k) => Flaw::Unrecorded(k),
                e => Flaw::Walk(e),
            });
        }
        flaws
    }
}

/// The titles and intros missing in a language begun.
fn untitled(file: &LessonFile, langs: &[&str]) -> Vec<ScenarioError> {
    let mut out = Vec::new();
    for lang in langs {
        let Some(t) = file.text.get(*lang) else {
            continue;
        };
        for (field, value) in [
            ("title", t.title.as_deref().unwrap_or("")),
            ("intro", &t.intro),
        ] {
            if value.trim().is_empty() {
                out.push(err(
                    format!("text.{lang}.{field}"),
                    Problem::Missing {
                        field: field.into(),
                    },
                ));
            }
        }
    }
    out
}

/// The lesson with a change made, checked as a file is on reading (the steps may still name
/// what is missing: [`Draft::flaws`] says so).
fn applied(file: &LessonFile, edit: Edit) -> Result<LessonFile, ScenarioError> {
    let mut f = file.clone();
    let devices = f.scenario.devices.len();
    let steps = f.steps.len();
    // A change to the house fits the student's forms to it (the author's own forms stay).
    let house = matches!(
        edit,
        Edit::AddDevice(..) | Edit::RemoveDevice(_) | Edit::SetDevice(..) | Edit::SetScenario(_)
    );
    let in_range = |i: usize, n: usize, at: &str| {
        if i < n {
            Ok(())
        } else {
            Err(err(at, Problem::Missing { field: at.into() }))
        }
    };
    match edit {
        Edit::AddDevice(kind, word) => {
            let word: String = (word.split_whitespace()).collect::<Vec<_>>().join("-");
            let name = free_name(&f.scenario, if word.is_empty() { kind } else { &word });
            let device = template(kind, &name).ok_or_else(|| {
                err(
                    "kind",
                    Problem::UnknownName {
                        name: kind.to_string(),
                        expected: PALETTE.join(", "),
                    },
                )
            })?;
            f.scenario.devices.push(device);
        }
        Edit::RemoveDevice(i) => {
            in_range(i, devices, "devices")?;
            let gone = f.scenario.devices.remove(i);
            if f.forms.acting == gone.name {
                f.forms.acting.clear();
            }
        }
        Edit::RenameDevice(i, name) => {
            in_range(i, devices, "devices")?;
            let old = f.scenario.devices[i].name.clone();
            let name = name.trim().to_string();
            f = renamed(&f, &old, &name)?;
        }
        Edit::MoveDevice(i, to) => {
            in_range(i, devices, "devices")?;
            in_range(to, devices, "devices")?;
            let d = f.scenario.devices.remove(i);
            f.scenario.devices.insert(to, d);
        }
        Edit::SetDevice(i, device) => {
            in_range(i, devices, "devices")?;
            let name = f.scenario.devices[i].name.clone();
            f.scenario.devices[i] = DeviceConfig { name, ..*device };
        }
        Edit::SetBroker(broker) => f.scenario.broker = *broker,
        Edit::SetScenario(scenario) => {
            f.scenario.devices = scenario.devices;
            f.scenario.broker = scenario.broker;
            f.scenario.actions.clear();
            // An acting device gone is chosen again with the rest of the forms (`fit_forms`).
        }
        Edit::AddStep(step) => f.steps.push(*step),
        Edit::SetStep(i, step) => {
            in_range(i, steps, "steps")?;
            f.steps[i] = *step;
        }
        Edit::MoveStep(i, to) => {
            in_range(i, steps, "steps")?;
            in_range(to, steps, "steps")?;
            let s = f.steps.remove(i);
            f.steps.insert(to, s);
        }
        Edit::RemoveStep(i) => {
            in_range(i, steps, "steps")?;
            f.steps.remove(i);
        }
        Edit::SetText(lang, text) => {
            f.text.insert(lang, text);
        }
        Edit::SetId(id) => f.id = id.trim().to_string(),
        Edit::SetForms(forms) => f.forms = forms,
    }
    if house {
        fit_forms(&mut f);
    }
    check(&f)?;
    Ok(f)
}

/// The student's forms at start, fitted to the house: the acting device a client of it, the
/// topic one a device obeys or publishes, the filter one matching a topic published there (a
/// form the house already answers is kept).
fn fit_forms(f: &mut LessonFile) {
    let devices = &f.scenario.devices;
    if !devices
        .iter()
        .any(|d| d.name == f.forms.acting && d.kind.has_client())
    {
        f.forms.acting = (devices.iter().find(|d| d.kind.has_client()))
            .map_or_else(String::new, |d| d.name.clone());
    }
    // Topics the house publishes (readings before states), and those it obeys.
    let mut published = Vec::new();
    let mut states = Vec::new();
    let mut obeyed = Vec::new();
    for d in devices {
        match &d.kind {
            DeviceKind::Sensor { topic, .. } | DeviceKind::Intruder { topic, .. } => {
                published.push(topic.as_str().to_string())
            }
            DeviceKind::Actuator {
                command_topic,
                state_topic,
                ..
            } => {
                obeyed.push(command_topic.as_str().to_string());
                states.push(state_topic.as_str().to_string());
            }
            _ => {}
        }
    }
    published.append(&mut states);
    if !(obeyed.iter().chain(&published)).any(|t| *t == f.forms.topic) {
        if let Some(t) = obeyed.first().or(published.first()) {
            f.forms.topic = t.clone();
        }
    }
    let matches = |filter: &str| {
        TopicFilter::new(filter).is_ok_and(|fl| {
            (published.iter()).any(|t| TopicName::new(t.as_str()).is_ok_and(|t| fl.matches(&t)))
        })
    };
    if !matches(&f.forms.filter) {
        if let Some(t) = published.first() {
            f.forms.filter = t.clone();
        }
    }
}

/// What a change must not break: the scenario reads, the id is a word for links, texts fit.
fn check(f: &LessonFile) -> Result<(), ScenarioError> {
    let json = serde_json::to_string(&f.scenario).unwrap_or_default();
    Scenario::from_json(&json).map_err(|e| ScenarioError {
        path: format!("scenario.{}", e.path),
        ..e
    })?;
    let id_ok = !f.id.is_empty()
        && f.id.len() <= 40
        && (f.id.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !id_ok {
        return Err(err("id", Problem::BadLessonId));
    }
    let long = (f.text.iter()).find_map(|(lang, t)| {
        let too = |s: &str| s.chars().count() > MAX_TEXT;
        (t.title.as_deref().is_some_and(too) || too(&t.intro)).then(|| format!("text.{lang}"))
    });
    if let Some(at) = long {
        return Err(err(at, Problem::TextTooLong(MAX_TEXT)));
    }
    Ok(())
}

/// The longest text a lesson holds, in characters.
pub const MAX_TEXT: usize = 2_000;

/// The lesson with a device renamed wherever it is named: the scenario, the forms, the
/// coach, the steps' goals, questions, pointers and solutions.
fn renamed(f: &LessonFile, old: &str, new: &str) -> Result<LessonFile, ScenarioError> {
    if new == old {
        return Ok(f.clone());
    }
    let mut v = f.to_value();
    // Passwords are not written: keep them aside and put them back.
    let secrets: Vec<Option<String>> = (f.scenario.devices.iter())
        .map(|d| d.password.clone())
        .collect();
    rename_in(&mut v, old, new, None);
    // Read without the check of names: a step naming a device missing before stays so.
    let mut out = read_unchecked(&v)?;
    out.scenario.broker.users = f.scenario.broker.users.clone();
    for (d, password) in out.scenario.devices.iter_mut().zip(secrets) {
        d.password = password;
    }
    Ok(out)
}

/// A file read without the check of its names (a draft may name what is not there yet).
fn read_unchecked(v: &Value) -> Result<LessonFile, ScenarioError> {
    use crate::core::json_read::{At, FromJson};
    LessonFile::read(v, At::root())
}

/// The JSON keys whose string values (or arrays of them) name devices.
const NAMING: [&str; 12] = [
    "name",
    "device",
    "devices",
    "publisher",
    "from",
    "to",
    "acting",
    "queue",
    "link",
    "targets",
    "connecting",
    "closed",
];

/// Renames `old` to `new` in every device-naming field (and a receivers trap's answer).
fn rename_in(v: &mut Value, old: &str, new: &str, key: Option<&str>) {
    let names = key.is_some_and(|k| NAMING.contains(&k) || k == "answer");
    match v {
        Value::String(s) if names && s == old => *s = new.to_string(),
        Value::Array(items) => {
            for item in items {
                rename_in(item, old, new, key);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                rename_in(item, old, new, Some(k));
            }
        }
        _ => {}
    }
}

/// The first of `kind`, `kind-2`, `kind-3`… no device has.
fn free_name(s: &Scenario, kind: &str) -> String {
    let taken = |n: &str| s.devices.iter().any(|d| d.name == n || d.client_id() == n);
    (1..)
        .map(|k| {
            if k == 1 {
                kind.to_string()
            } else {
                format!("{kind}-{k}")
            }
        })
        .find(|n| !taken(n))
        .unwrap_or_else(|| kind.to_string())
}

/// A new device of a palette kind, with the settings a classroom expects: the course's house
/// topics, MQTT 3.1.1 on 1883, online from the start, a clean session, a LAN link.
pub fn template(kind: &str, name: &str) -> Option<DeviceConfig> {
    let topic = |t: &str| TopicName::new(t).ok();
    let filter = |f: &str| {
        TopicFilter::new(f).ok().map(|filter| SubConfig {
            filter,
            qos: QoS::AtMostOnce,
        })
    };
    let kind = match kind {
        "sensor" => DeviceKind::Sensor {
            topic: topic("Casa/Cocina/Temperatura")?,
            interval_ms: Interval::new(2_000)?,
            model: ValueModel::RandomWalk {
                start: Decimal::millionths(21_000_000),
                step: Decimal::millionths(200_000),
                min: Decimal::millionths(-40_000_000),
                max: Decimal::millionths(60_000_000),
                decimals: 1,
            },
            qos: QoS::AtMostOnce,
            retain: false,
        },
        "actuator" => DeviceKind::Actuator {
            command_topic: topic("Casa/Salon/Luz/Orden")?,
            state_topic: topic("Casa/Salon/Luz")?,
            initial: "OFF".into(),
            qos: QoS::AtLeastOnce,
        },
        "dashboard" => DeviceKind::Dashboard {
            filters: vec![filter("Casa/+/Temperatura")?],
        },
        "phone" => DeviceKind::Phone {
            filters: Vec::new(),
        },
        "custom" => DeviceKind::Custom {
            filters: Vec::new(),
            publishes: Vec::new(),
        },
        "responder" => DeviceKind::Responder {
            filter: TopicFilter::new("Casa/Pregunta").ok()?,
            reply: "OK".into(),
            delay_ms: 200,
        },
        "eavesdropper" => DeviceKind::Eavesdropper {
            targets: Vec::new(),
        },
        "intruder" => DeviceKind::Intruder {
            topic: topic("Casa/Salon/Luz/Orden")?,
            payload: "OFF".into(),
            interval_ms: Interval::new(5_000)?,
        },
        _ => return None,
    };
    Some(DeviceConfig::new(name, kind))
}

/// The actions a teacher applied while recording (from `from_ms` on, in the run's order), as
/// a solution: each waits the virtual time since the one before.
pub fn recorded_solution(applied: &[Recorded], from_ms: u64) -> Vec<SolutionStep> {
    let mut last = from_ms;
    (applied.iter())
        .filter(|r| r.at_ms >= from_ms)
        .map(|r| {
            let wait_ms = r.at_ms - last;
            last = r.at_ms;
            SolutionStep {
                wait_ms,
                action: r.action.clone(),
            }
        })
        .collect()
}
