//! A lesson file (`lessons/NN-id.json`): the starting scenario, what the forms show, the
//! texts per content language, and the steps in order — explain, predict, act, quiz — each
//! act step with its goal and the actions that meet it (the solution). `docs/lessons.md`
//! documents the format; [`LessonFile::from_json`] reads it and checks every name in it
//! against the scenario, an error naming the field (`steps[2].goal.device`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::goals::Goal;
use super::{Forms, SolutionStep, Watch};
use crate::core::codec::PacketType;
use crate::core::json_read::{err, not_json, one_of, tagged, At, FromJson, Obj, Problem, Read};
use crate::core::misconception::Misconception;
use crate::core::scenario::action::Action;
use crate::core::scenario::{Scenario, ScenarioError};
use crate::core::sim::predict::{Given, Question};
use crate::core::sim::world::World;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::TraceEvent;
use crate::core::types::QoS;

/// The format version lesson files carry (`"format": 1`).
pub const LESSON_FORMAT: u64 = 1;

/// A text in each content language (`{"es": "…", "en": "…"}`).
pub type Words = BTreeMap<String, String>;

/// A lesson, as its file says.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonFile {
    /// Its id (`?lesson=` in links).
    pub id: String,
    /// Its texts per content language.
    pub text: BTreeMap<String, LessonText>,
    /// What the publish and subscribe forms show when it opens.
    pub forms: Forms<String>,
    /// The devices the coach watches, and the topics they should receive.
    pub watch: Vec<Watch>,
    /// The starting scenario.
    pub scenario: Scenario,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A lesson's texts in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonText {
    /// Its title (a built-in lesson's comes from the catalogue; a teacher's lesson names
    /// itself).
    pub title: Option<String>,
    /// What it teaches, in two or three sentences.
    pub intro: String,
    /// Hints, gentlest first.
    pub hints: Vec<String>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The lesson tells something, pointing at parts of the stage; met when the student
    /// reads on.
    Explain {
        /// What it says.
        text: Words,
        /// What the stage highlights while it is open.
        point: Vec<Point>,
    },
    /// The student predicts what happens next; the engine computes the answer, the stage
    /// then plays it and the step explains.
    Predict {
        /// The question.
        ask: Ask,
        /// The question in words.
        text: Words,
        /// What happened and why, shown after the answer.
        explain: Words,
        /// A wrong answer the step is built to catch, and the misconception it shows (the
        /// lesson check makes sure the engine names it).
        trap: Option<Trap>,
    },
    /// The student does something; met when its goal holds.
    Act {
        /// The goal.
        goal: Goal,
        /// The goal in words.
        text: Words,
        /// Actions that meet it.
        solution: Vec<SolutionStep>,
    },
    /// A question the author writes, with feedback for each wrong option.
    Quiz {
        /// The question.
        text: Words,
        /// The options, in the order shown.
        options: Vec<QuizOption>,
    },
}

/// Something on the stage a step points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Point {
    /// A device.
    Device(String),
    /// The broker.
    Broker,
    /// The broker's queue for a device.
    Queue(String),
    /// The broker's retained messages.
    Retained,
    /// The link between a device and the broker.
    Link(String),
    /// Packets of a type, wherever they cross.
    Packet(PacketType),
}

/// What a prediction asks (the engine answers it), and what the stage plays once answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Which devices receive the message `publisher` publishes next on `topic`.
    Receivers {
        /// The publishing device.
        publisher: String,
        /// The topic.
        topic: TopicName,
        /// Its QoS.
        qos: QoS,
        /// Its retain flag.
        retain: bool,
        /// Its payload.
        payload: String,
    },
    /// What `device` receives first when it subscribes to `filter` (retained messages).
    RetainedFirst {
        /// The subscribing device.
        device: String,
        /// Its new filter.
        filter: TopicFilter,
    },
    /// Which packets cross for a message at `publish` QoS to a subscriber at `subscribe`, and
    /// the QoS it arrives with.
    Packets {
        /// The publisher's QoS.
        publish: QoS,
        /// The subscription's QoS.
        subscribe: QoS,
    },
    /// Whether `filter` matches `topic`.
    Matches {
        /// The filter.
        filter: TopicFilter,
        /// The topic.
        topic: TopicName,
    },
}

/// A wrong answer a prediction is built to catch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trap {
    /// The answer.
    pub answer: Given,
    /// The misconception it shows.
    pub shows: Misconception,
}

/// An option of a quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOption {
    /// What it says.
    pub text: Words,
    /// Whether it is right.
    pub right: bool,
    /// Why it is wrong (for a wrong option).
    pub feedback: Option<Words>,
    /// The misconception choosing it shows.
    pub shows: Option<Misconception>,
}

impl Ask {
    /// The engine's question.
    pub fn question(&self) -> Question {
        match self {
            Ask::Receivers {
                publisher,
                topic,
                qos,
                retain,
                ..
            } => Question::Receivers {
                publisher: publisher.clone(),
                topic: topic.clone(),
                qos: *qos,
                retain: *retain,
            },
            Ask::RetainedFirst { filter, .. } => Question::RetainedFirst {
                filter: filter.clone(),
            },
            Ask::Packets { publish, subscribe } => Question::Packets {
                publish: *publish,
                subscribe: *subscribe,
            },
            Ask::Matches { filter, topic } => Question::Matches {
                filter: filter.clone(),
                topic: topic.clone(),
            },
        }
    }

    /// What the stage plays once the student has answered (nothing for a question about
    /// filters or packets in general).
    pub fn play(&self) -> Option<Action> {
        match self {
            Ask::Receivers {
                publisher,
                topic,
                qos,
                retain,
                payload,
            } => Some(Action::Publish {
                device: publisher.clone(),
                topic: topic.clone(),
                payload: payload.clone(),
                qos: *qos,
                retain: *retain,
                expiry: None,
                response_topic: None,
                correlation: None,
            }),
            Ask::RetainedFirst { device, filter } => Some(Action::Subscribe {
                device: device.clone(),
                filter: filter.clone(),
                qos: QoS::AtMostOnce,
            }),
            Ask::Packets { .. } | Ask::Matches { .. } => None,
        }
    }

    /// Reads an answer to it (a trap's): device names, topics, a QoS or a yes/no.
    fn answer(&self, v: &Value, at: At) -> Read<Given> {
        Ok(match self {
            Ask::Receivers { .. } => Given::Receivers(Vec::read(v, at)?),
            Ask::RetainedFirst { .. } => Given::RetainedFirst(Vec::read(v, at)?),
            Ask::Packets { .. } => Given::Delivered(QoS::read(v, at)?),
            Ask::Matches { .. } => Given::Matches(bool::read(v, at)?),
        })
    }
}

impl FromJson for Ask {
    fn read(v: &Value, at: At) -> Read<Ask> {
        Ok(tagged!(o = v, at;
            "receivers" => Ask::Receivers {
                publisher: o.req("publisher")?,
                topic: o.req("topic")?,
                qos: o.or("qos", QoS::AtMostOnce)?,
                retain: o.or("retain", false)?,
                payload: o.or("payload", String::new())?,
            },
            "retained_first" => Ask::RetainedFirst {
                device: o.req("device")?,
                filter: o.req("filter")?,
            },
            "packets" => Ask::Packets {
                publish: o.req("publish")?,
                subscribe: o.req("subscribe")?,
            },
            "matches" => Ask::Matches {
                filter: o.req("filter")?,
                topic: o.req("topic")?,
            },
        ))
    }
}

impl FromJson for Point {
    fn read(v: &Value, at: At) -> Read<Point> {
        let o = Obj::new(v, at)?;
        let point = if let Some(d) = o.opt("device")? {
            Point::Device(d)
        } else if let Some(d) = o.opt("queue")? {
            Point::Queue(d)
        } else if let Some(d) = o.opt("link")? {
            Point::Link(d)
        } else if let Some(name) = o.opt::<String>("packet")? {
            let names: Vec<(&str, PacketType)> = (1..=15)
                .filter_map(PacketType::from_u8)
                .map(|t| (t.name(), t))
                .collect();
            let field = at.field("packet");
            Point::Packet(one_of(&Value::String(name), At { path: &field }, &names)?)
        } else if o.or("retained", false)? {
            Point::Retained
        } else if o.or("broker", false)? {
            Point::Broker
        } else {
            return Err(at.fail(Problem::Missing {
                field: "device".into(),
            }));
        };
        o.done(point)
    }
}

impl FromJson for QuizOption {
    fn read(v: &Value, at: At) -> Read<QuizOption> {
        let o = Obj::new(v, at)?;
        o.done(QuizOption {
            text: o.req("text")?,
            right: o.or("right", false)?,
            feedback: o.opt("feedback")?,
            shows: o.opt("shows")?,
        })
    }
}

impl FromJson for SolutionStep {
    fn read(v: &Value, at: At) -> Read<SolutionStep> {
        let o = Obj::new(v, at)?;
        o.done(SolutionStep {
            wait_ms: o.or("wait_ms", 0)?,
            action: o.req("action")?,
        })
    }
}

impl FromJson for LessonText {
    fn read(v: &Value, at: At) -> Read<LessonText> {
        let o = Obj::new(v, at)?;
        o.done(LessonText {
            title: o.opt("title")?,
            intro: o.req("intro")?,
            hints: o.or("hints", Vec::new())?,
        })
    }
}

impl FromJson for Forms<String> {
    fn read(v: &Value, at: At) -> Read<Forms<String>> {
        let o = Obj::new(v, at)?;
        o.done(Forms {
            acting: o.or("acting", String::new())?,
            topic: o.req("topic")?,
            payload: o.or("payload", String::new())?,
            filter: o.req("filter")?,
            sub_qos: o.or("sub_qos", 0)?,
        })
    }
}

impl FromJson for Watch {
    fn read(v: &Value, at: At) -> Read<Watch> {
        let o = Obj::new(v, at)?;
        o.done(Watch {
            device: o.req("device")?,
            topics: o.req("topics")?,
        })
    }
}

impl FromJson for Step {
    fn read(v: &Value, at: At) -> Read<Step> {
        Ok(tagged!(o = v, at;
            "explain" => Step::Explain {
                text: o.req("text")?,
                point: o.or("point", Vec::new())?,
            },
            "predict" => {
                let ask: Ask = o.req("ask")?;
                // The answer's shape depends on the question: read once the question is.
                let trap = match o.opt::<RawTrap>("trap")? {
                    None => None,
                    Some(raw) => {
                        let path = format!("{}.answer", at.field("trap"));
                        Some(Trap {
                            answer: ask.answer(&raw.answer, At { path: &path })?,
                            shows: raw.shows,
                        })
                    }
                };
                Step::Predict {
                    ask,
                    text: o.req("text")?,
                    explain: o.req("explain")?,
                    trap,
                }
            },
            "act" => Step::Act {
                goal: o.req("goal")?,
                text: o.req("text")?,
                solution: o.or("solution", Vec::new())?,
            },
            "quiz" => Step::Quiz {
                text: o.req("text")?,
                options: o.req("options")?,
            },
        ))
    }
}

impl FromJson for LessonFile {
    fn read(v: &Value, at: At) -> Read<LessonFile> {
        let o = Obj::new(v, at)?;
        match o.req::<u64>("format")? {
            LESSON_FORMAT => {}
            other => {
                return Err(err("format", Problem::FormatVersion(other.to_string())));
            }
        }
        let scenario_at = at.field("scenario");
        let scenario = Scenario::read(
            v.get("scenario").unwrap_or(&Value::Null),
            At { path: &scenario_at },
        )?;
        let _: Value = o.req("scenario")?;
        o.done(LessonFile {
            id: o.req("id")?,
            text: o.req("text")?,
            forms: o.req("forms")?,
            watch: o.or("watch", Vec::new())?,
            scenario,
            steps: o.req("steps")?,
        })
    }
}

/// A trap as written, its answer not yet read.
struct RawTrap {
    answer: Value,
    shows: Misconception,
}

impl FromJson for RawTrap {
    fn read(v: &Value, at: At) -> Read<RawTrap> {
        let o = Obj::new(v, at)?;
        o.done(RawTrap {
            answer: o.req("answer")?,
            shows: o.req("shows")?,
        })
    }
}

impl LessonFile {
    /// Reads a lesson file and checks it: the scenario is valid, and every device, topic and
    /// filter its steps name exists or is valid. The first problem is returned, with its path.
    pub fn from_json(text: &str) -> Result<LessonFile, ScenarioError> {
        let value: Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        if value.get("format").is_none() {
            return Err(err("format", Problem::FormatVersionMissing));
        }
        let file = LessonFile::read(&value, At::root())?;
        file.scenario.validate().map_err(|e| ScenarioError {
            path: join("scenario", &e.path),
            ..e
        })?;
        file.check_names()?;
        Ok(file)
    }

    /// The content languages every text of the file is missing, each with the first field
    /// that lacks it (a shipped lesson has them all).
    pub fn missing_languages(&self, languages: &[&str]) -> Vec<ScenarioError> {
        let mut missing = Vec::new();
        for lang in languages {
            let first = self.words().find(|(_, w)| !w.contains_key(*lang));
            let text_lacks = !self.text.contains_key(*lang);
            if text_lacks {
                missing.push(err(format!("text.{lang}"), missing_field(lang)));
            } else if let Some((path, _)) = first {
                missing.push(err(format!("{path}.{lang}"), missing_field(lang)));
            }
        }
        missing
    }

    /// Every text of the steps, with its path.
    fn words(&self) -> impl Iterator<Item = (String, &Words)> {
        self.steps.iter().enumerate().flat_map(|(i, s)| {
            let at = format!("steps[{i}]");
            let mut all: Vec<(String, &Words)> = Vec::new();
            match s {
                Step::Explain { text, .. } | Step::Act { text, .. } => {
                    all.push((format!("{at}.text"), text))
                }
                Step::Predict { text, explain, .. } => {
                    all.push((format!("{at}.text"), text));
                    all.push((format!("{at}.explain"), explain));
                }
                Step::Quiz { text, options } => {
                    all.push((format!("{at}.text"), text));
                    for (k, o) in options.iter().enumerate() {
                        all.push((format!("{at}.options[{k}].text"), &o.text));
                        if let Some(f) = &o.feedback {
                            all.push((format!("{at}.options[{k}].feedback"), f));
                        }
                    }
                }
            }
            all
        })
    }

    /// Every device named exists; quizzes have a right option and two or more options; the
    /// actions are valid in the scenario.
    fn check_names(&self) -> Result<(), ScenarioError> {
        let known = |d: &str| self.scenario.devices.iter().any(|x| x.name == d);
        let need = |path: String, d: &str| -> Result<(), ScenarioError> {
            if known(d) {
                Ok(())
            } else {
                Err(err(path, Problem::NoSuchDevice(d.to_string())))
            }
        };
        if !self.forms.acting.is_empty() {
            need("forms.acting".into(), &self.forms.acting)?;
        }
        for (i, w) in self.watch.iter().enumerate() {
            need(format!("watch[{i}].device"), &w.device)?;
        }
        if self.steps.is_empty() {
            return Err(err(
                "steps",
                Problem::Missing {
                    field: "steps".into(),
                },
            ));
        }
        for (i, step) in self.steps.iter().enumerate() {
            let at = format!("steps[{i}]");
            match step {
                Step::Explain { point, .. } => {
                    for (k, p) in point.iter().enumerate() {
                        if let Point::Device(d) | Point::Queue(d) | Point::Link(d) = p {
                            need(format!("{at}.point[{k}]"), d)?;
                        }
                    }
                }
                Step::Predict { ask, .. } => match ask {
                    Ask::Receivers { publisher, .. } => {
                        need(format!("{at}.ask.publisher"), publisher)?
                    }
                    Ask::RetainedFirst { device, .. } => need(format!("{at}.ask.device"), device)?,
                    Ask::Packets { .. } | Ask::Matches { .. } => {}
                },
                Step::Act { goal, solution, .. } => {
                    for d in goal.devices() {
                        need(format!("{at}.goal"), d)?;
                    }
                    for (k, s) in solution.iter().enumerate() {
                        s.action
                            .validate(&self.scenario, &format!("{at}.solution[{k}].action"))?;
                    }
                }
                Step::Quiz { options, .. } => {
                    if options.len() < 2 {
                        return Err(err(format!("{at}.options"), Problem::QuizOptions));
                    }
                    if !options.iter().any(|o| o.right) {
                        return Err(err(format!("{at}.options"), Problem::QuizNoRightOption));
                    }
                }
            }
        }
        Ok(())
    }

    /// The goals of its act steps, in order.
    pub fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.steps.iter().filter_map(|s| match s {
            Step::Act { goal, .. } => Some(goal),
            _ => None,
        })
    }

    /// The actions of its act steps, in order: the lesson's intended solution.
    pub fn solution(&self) -> Vec<SolutionStep> {
        self.solution_before(self.steps.len())
    }

    /// The actions of its act steps before step `k` (the builder plays them before
    /// recording a later step's).
    pub fn solution_before(&self, k: usize) -> Vec<SolutionStep> {
        (self.steps.iter().take(k))
            .flat_map(|s| match s {
                Step::Act { solution, .. } => solution.as_slice(),
                _ => &[],
            })
            .cloned()
            .collect()
    }

    /// Which of its goals hold in this world, given its trace, steps aside.
    pub fn check(&self, world: &World, trace: &[TraceEvent]) -> Vec<bool> {
        self.goals().map(|g| g.holds(world, trace)).collect()
    }

    /// Whether every goal holds, steps aside.
    pub fn passed(&self, world: &World, trace: &[TraceEvent]) -> bool {
        self.goals().all(|g| g.holds(world, trace))
    }

    /// How many predictions it asks.
    pub fn predictions(&self) -> usize {
        (self.steps.iter())
            .filter(|s| matches!(s, Step::Predict { .. }))
            .count()
    }
}

fn join(parent: &str, path: &str) -> String {
    if path.is_empty() {
        parent.to_string()
    } else if path.starts_with('[') {
        format!("{parent}{path}")
    } else {
        format!("{parent}.{path}")
    }
}

fn missing_field(lang: &str) -> Problem {
    Problem::Missing {
        field: lang.to_string(),
    }
}
