//! The built-in lessons, from the course. Each is a lesson file (`lessons/NN-id.json`, see
//! [`file`]): its scenario, texts in Spanish and English, and steps with their goals and
//! solution. The program carries only each lesson's index entry (id, forms, scenario), written
//! by `build.rs`; the page fetches the rest when the lesson opens.

pub mod coach;
pub mod draft;
pub mod file;
pub mod goals;
pub mod pick;
pub mod progress;
pub mod write;

use crate::core::scenario::action::Action;
use crate::core::scenario::{Interval, Port, Scenario, ScenarioError};
use crate::core::sim::world::World;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::TraceEvent;
use crate::core::types::QoS;
pub use coach::{Advice, Watch};
pub use file::{LessonFile, Step};

/// A step of a lesson's intended solution: wait, then act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionStep {
    /// Virtual milliseconds to run before the action.
    pub wait_ms: u64,
    /// The action.
    pub action: Action,
}

/// A built-in lesson's index entry.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Its id (the scenario's `lesson` field, and `?lesson=` in links).
    pub id: &'static str,
    /// What the publish and subscribe forms show when it opens.
    pub forms: Forms,
    /// Its file's name in `lessons/`.
    pub file: &'static str,
}

/// What the forms show when a run opens: the acting device, a topic and payload to publish,
/// a filter to subscribe to. (Static text in the index, owned in a lesson file.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forms<S = &'static str> {
    /// The acting device.
    pub acting: S,
    /// The publish form's topic.
    pub topic: S,
    /// The publish form's payload.
    pub payload: S,
    /// The subscribe form's filter.
    pub filter: S,
    /// The subscribe form's QoS (a lesson about queues asks for 1: QoS 0 is never queued).
    pub sub_qos: u8,
}

impl Forms {
    /// Free play's (and a teacher's scenario's): order the living-room light on, watch every
    /// temperature.
    pub const FREE_PLAY: Forms = Forms {
        acting: "movil",
        topic: "Casa/Salon/Luz/Orden",
        payload: "ON",
        filter: "Casa/+/Temperatura",
        sub_qos: 0,
    };

    /// A run's presets without a lesson, read from its house: its phone acts (else its first
    /// remote, dashboard or other client), ordering its first light on and subscribing to its
    /// first sensor's topic for every room (`Casa/+/Temperatura`). Free play's where the house
    /// has none of these.
    pub fn for_house(world: &World) -> Forms<String> {
        use crate::core::scenario::DeviceKind as K;
        let kinds = || {
            world
                .devices()
                .iter()
                .map(|d| (&d.config.name, &d.config.kind))
        };
        let rank = |k: &K| match k {
            K::Phone { .. } => 0,
            K::Custom { .. } => 1,
            K::Dashboard { .. } => 2,
            K::Eavesdropper { .. } => 4,
            _ => 3,
        };
        let mut forms = Forms::FREE_PLAY.owned();
        if let Some((name, _)) = kinds()
            .filter(|(_, k)| rank(k) < 4)
            .min_by_key(|(_, k)| rank(k))
        {
            forms.acting = name.clone();
        }
        if let Some(command_topic) = kinds().find_map(|(_, k)| match k {
            K::Actuator { command_topic, .. } => Some(command_topic),
            _ => None,
        }) {
            forms.topic = command_topic.as_str().to_string();
        }
        if let Some(topic) = kinds().find_map(|(_, k)| match k {
            K::Sensor { topic, .. } => Some(topic),
            _ => None,
        }) {
            let mut levels: Vec<&str> = topic.as_str().split('/').collect();
            if levels.len() > 2 {
                levels[1] = "+";
            }
            forms.filter = levels.join("/");
        }
        forms
    }
}

impl<S: AsRef<str>> Forms<S> {
    /// The acting device, if the run names one.
    pub fn acting(&self) -> Option<String> {
        let acting = self.acting.as_ref();
        (!acting.is_empty()).then(|| acting.to_string())
    }

    /// The same, owned.
    pub fn owned(&self) -> Forms<String> {
        Forms {
            acting: self.acting.as_ref().to_string(),
            topic: self.topic.as_ref().to_string(),
            payload: self.payload.as_ref().to_string(),
            filter: self.filter.as_ref().to_string(),
            sub_qos: self.sub_qos,
        }
    }
}

impl Default for Forms {
    fn default() -> Forms {
        Forms::FREE_PLAY
    }
}

impl Default for Forms<String> {
    fn default() -> Forms<String> {
        Forms::FREE_PLAY.owned()
    }
}

impl Lesson {
    /// The starting scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json())
    }

    /// The scenario file's text.
    pub fn json(&self) -> &'static str {
        scenario_text(self.id)
    }

    /// Where the page finds the lesson's file, relative to the app.
    pub fn path(&self) -> String {
        format!("lessons/{}", self.file)
    }

    /// The lesson's whole file, read from a copy built into the program. The page never
    /// calls it (it fetches [`Lesson::path`]), so its download leaves the files out; tests
    /// and tools read them here.
    pub fn file(&self) -> Result<LessonFile, ScenarioError> {
        LessonFile::from_json(file_text(self.id).unwrap_or("{}"))
    }

    /// Its file's intended solution (tests and tools, as [`Lesson::file`]).
    pub fn solution(&self) -> Vec<SolutionStep> {
        self.file().map(|f| f.solution()).unwrap_or_default()
    }

    /// Which of its file's goals hold, steps aside (tests and tools).
    pub fn check(&self, world: &World, trace: &[TraceEvent]) -> Vec<bool> {
        self.file()
            .map(|f| f.check(world, trace))
            .unwrap_or_default()
    }

    /// Whether every goal of its file holds, steps aside (tests and tools).
    pub fn passed(&self, world: &World, trace: &[TraceEvent]) -> bool {
        self.file().is_ok_and(|f| f.passed(world, trace))
    }

    /// What its coach watches (tests and tools).
    pub fn watch(&self) -> Vec<Watch> {
        self.file().map(|f| f.watch).unwrap_or_default()
    }
}

/// Finds a lesson by id.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// A topic or filter written here, valid (a test builds every house). Its error is not
/// printed: printing it would bring the topic error's debug text to the first download.
fn valid<T, E>(made: Result<T, E>) -> T {
    made.unwrap_or_else(|_| unreachable!("the houses' topics and filters are valid"))
}

/// Free play: a house from the course (kitchen, living-room and bedroom sensors, the
/// living-room light, a dashboard, a phone), its names and topics in a content language
/// (`es`; any other key gives English). Built here, not read from `free-play.LANG.json`
/// (a test holds the two equal): the first screen then needs no JSON reader, whose code
/// comes with the parts that read files (23 KB gzip less on a first visit).
pub fn free_play(content: &str) -> Scenario {
    use crate::core::scenario::{Decimal, DeviceConfig, DeviceKind, SubConfig, ValueModel};
    let es = content == "es";
    let word = |es_word: &'static str, en_word: &'static str| if es { es_word } else { en_word };
    let topic = |t: &str| valid(TopicName::new(t));
    let sub = |f: &str, qos: QoS| SubConfig {
        filter: valid(TopicFilter::new(f)),
        qos,
    };
    // A temperature sensor's random walk from `tenths` of a degree, 0.2 a step.
    let sensor = |name: &str, at: &str, every: u64, tenths: i64| {
        let kind = DeviceKind::Sensor {
            topic: topic(at),
            interval_ms: Interval::new(every).expect("in range"),
            model: ValueModel::RandomWalk {
                start: Decimal::millionths(tenths * 100_000),
                step: Decimal::millionths(200_000),
                min: Decimal::millionths(-40_000_000),
                max: Decimal::millionths(100_000_000),
                decimals: 1,
            },
            qos: QoS::AtMostOnce,
            retain: false,
        };
        DeviceConfig::new(name, kind)
    };
    let mut s = Scenario::new(1);
    s.devices = vec![
        sensor(
            word("sensor-cocina", "kitchen-sensor"),
            word("Casa/Cocina/Temperatura", "Home/Kitchen/Temperature"),
            5000,
            220,
        ),
        sensor(
            word("sensor-salon", "living-room-sensor"),
            word("Casa/Salon/Temperatura", "Home/LivingRoom/Temperature"),
            6000,
            210,
        ),
        sensor(
            word("sensor-dormitorio", "bedroom-sensor"),
            word("Casa/Dormitorio/Temperatura", "Home/Bedroom/Temperature"),
            7000,
            195,
        ),
        DeviceConfig::new(
            word("luz-salon", "living-room-light"),
            DeviceKind::Actuator {
                command_topic: topic(word(
                    "Casa/Salon/Luz/Orden",
                    "Home/LivingRoom/Light/Command",
                )),
                state_topic: topic(word("Casa/Salon/Luz", "Home/LivingRoom/Light")),
                initial: "OFF".into(),
                qos: QoS::AtLeastOnce,
            },
        ),
        DeviceConfig::new(
            word("panel", "dashboard"),
            DeviceKind::Dashboard {
                filters: vec![
                    sub(
                        word("Casa/+/Temperatura", "Home/+/Temperature"),
                        QoS::AtMostOnce,
                    ),
                    sub(
                        word("Casa/Salon/Luz", "Home/LivingRoom/Light"),
                        QoS::AtLeastOnce,
                    ),
                ],
            },
        ),
        DeviceConfig {
            clean_session: false,
            ..DeviceConfig::new(
                word("movil", "phone"),
                DeviceKind::Phone {
                    filters: vec![sub(word("Casa/#", "Home/#"), QoS::AtLeastOnce)],
                },
            )
        },
    ];
    s
}

/// Lesson 9's house at any size (for benchmarks and stress): per five devices, a room
/// (`habN`) with two temperature sensors, one light, one dashboard watching its neighbours and
/// one remote that toggles a light every 10 s and follows every light, each named for its room
/// and what it is (`hab2-luz`). The first dashboard watches `Casa/#`.
pub fn house_of(devices: usize, seed: u64) -> Scenario {
    use crate::core::scenario::{
        Decimal, DeviceConfig, DeviceKind, LinkConfig, Probability, Protocol, PublishConfig,
        SubConfig, ValueModel,
    };
    let device = |name: String, kind: DeviceKind, i: usize| DeviceConfig {
        name,
        client_id: None,
        kind,
        protocol: if i.is_multiple_of(2) {
            Protocol::V311
        } else {
            Protocol::V5
        },
        clean_session: !i.is_multiple_of(3),
        session_expiry: 3600,
        keep_alive: 60,
        will: None,
        username: None,
        password: None,
        port: if i.is_multiple_of(4) {
            Port::Tls
        } else {
            Port::Plain
        },
        online: true,
        start_ms: (i as u64 * 7) % 1000,
        reconnect_ms: 2000,
        link: LinkConfig {
            latency_ms: 5 + (i as u64 % 40),
            jitter_ms: 10,
            loss: Probability::NEVER,
        },
    };
    let sub = |filter: String, qos: QoS| SubConfig {
        filter: valid(TopicFilter::new(filter)),
        qos,
    };
    let topic = |t: String| valid(TopicName::new(t));
    let mut s = Scenario::new(seed);
    for i in 0..devices {
        let room = i / 5;
        let kind = match i % 5 {
            0 | 1 => DeviceKind::Sensor {
                topic: topic(format!("Casa/Hab{room}/Temperatura{}", i % 5 + 1)),
                interval_ms: Interval::new(5000).expect("in range"),
                model: ValueModel::RandomWalk {
                    start: Decimal::millionths(20_000_000),
                    step: Decimal::millionths(200_000),
                    min: Decimal::millionths(-40_000_000),
                    max: Decimal::millionths(100_000_000),
                    decimals: 1,
                },
                qos: QoS::ALL[i % 3],
                retain: i.is_multiple_of(2),
            },
            2 => DeviceKind::Actuator {
                command_topic: topic(format!("Casa/Hab{room}/Luz/Orden")),
                state_topic: topic(format!("Casa/Hab{room}/Luz")),
                initial: "OFF".into(),
                qos: QoS::AtLeastOnce,
            },
            3 => DeviceKind::Dashboard {
                filters: if i == 3 {
                    vec![sub("Casa/#".into(), QoS::AtMostOnce)]
                } else {
                    vec![
                        sub(format!("Casa/Hab{room}/#"), QoS::AtLeastOnce),
                        sub(
                            format!("Casa/Hab{}/+", room.saturating_sub(1)),
                            QoS::AtMostOnce,
                        ),
                    ]
                },
            },
            _ => DeviceKind::Custom {
                filters: vec![sub("Casa/+/Luz".into(), QoS::AtLeastOnce)],
                publishes: vec![PublishConfig {
                    at_ms: 1000 + (i as u64 * 13) % 10_000,
                    every_ms: 10_000,
                    topic: topic(format!("Casa/Hab{room}/Luz/Orden")),
                    payload: "TOGGLE".into(),
                    qos: QoS::AtLeastOnce,
                    retain: false,
                }],
            },
        };
        let what = ["temp1", "temp2", "luz", "panel", "mando"][i % 5];
        s.devices.push(device(format!("hab{room}-{what}"), kind, i));
    }
    s
}

/// A flood for load tests: sensors publishing `rate` messages per virtual second in all
/// (each every 50 ms) and two dashboards subscribed to `Casa/#`.
pub fn flood_of(rate: usize, seed: u64) -> Scenario {
    use crate::core::scenario::{DeviceConfig, DeviceKind, SubConfig, ValueModel};
    let base = |name: String, kind: DeviceKind| DeviceConfig {
        session_expiry: 0,
        ..DeviceConfig::new(name, kind)
    };
    let mut s = Scenario::new(seed);
    for i in 0..rate.div_ceil(20).max(1) {
        let kind = DeviceKind::Sensor {
            topic: TopicName::new(format!("Casa/Sensor{i}/Valor"))
                .expect("the generator's topics are valid"),
            interval_ms: Interval::new(50).expect("in range"),
            model: ValueModel::Counter,
            qos: QoS::ALL[i % 2],
            retain: false,
        };
        s.devices.push(base(format!("s{i}"), kind));
    }
    for name in ["panel", "registro"] {
        let filters = vec![SubConfig {
            filter: valid(TopicFilter::new("Casa/#")),
            qos: QoS::AtLeastOnce,
        }];
        s.devices
            .push(base(name.into(), DeviceKind::Dashboard { filters }));
    }
    s
}
