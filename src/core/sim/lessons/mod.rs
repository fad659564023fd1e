//! The built-in lessons, from the course: each has a title and texts in Spanish and English
//! (`text/<id>.json`), a starting scenario (the numbered JSON files beside this one), goals
//! checked automatically on the trace, hints, and the intended solution (actions) that the
//! tests apply.

mod checks;
pub mod coach;
pub mod goals;

use serde_json::Value;

use crate::core::json_read::{At, FromJson, Obj, Read};
use crate::core::scenario::action::Action;
use crate::core::scenario::{Interval, Port, Scenario, ScenarioError};
use crate::core::sim::world::World;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::trace::TraceEvent;
use crate::core::types::QoS;
pub use coach::{Advice, Watch};

/// A step of a lesson's intended solution: wait, then act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionStep {
    /// Virtual milliseconds to run before the action.
    pub wait_ms: u64,
    /// The action.
    pub action: Action,
}

/// A built-in lesson. Its longer texts (what it teaches, a line per goal, hints) live in
/// `text/<id>.json`, which the page fetches when the lesson is shown: they stay out of the
/// first download ([`Lesson::text`] reads the built-in copy, for tests and tools).
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Its id (the scenario's `lesson` field, and `?lesson=` in links).
    pub id: &'static str,
    /// How many goals [`Lesson::check`] reports.
    pub goals: usize,
    /// The devices its goals are about and the topics they should receive (the coach says
    /// why one missed a message).
    pub watch: &'static [Watch],
    /// What the publish and subscribe forms show when it opens.
    pub forms: Forms,
    json: &'static str,
}

/// What the forms show when a run opens: the acting device, a topic and payload to publish,
/// a filter to subscribe to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forms {
    /// The acting device.
    pub acting: &'static str,
    /// The publish form's topic.
    pub topic: &'static str,
    /// The publish form's payload.
    pub payload: &'static str,
    /// The subscribe form's filter.
    pub filter: &'static str,
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
}

impl Forms {
    /// The acting device, if the run names one.
    pub fn acting(&self) -> Option<String> {
        (!self.acting.is_empty()).then(|| self.acting.to_string())
    }
}

impl Default for Forms {
    fn default() -> Forms {
        Forms::FREE_PLAY
    }
}

/// A lesson's forms.
const fn forms(
    acting: &'static str,
    topic: &'static str,
    payload: &'static str,
    filter: &'static str,
) -> Forms {
    Forms {
        acting,
        topic,
        payload,
        filter,
        sub_qos: 0,
    }
}

/// A lesson's watch.
const fn watch(device: &'static str, topics: &'static str) -> Watch {
    Watch { device, topics }
}

/// A lesson's texts in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonText {
    /// What it teaches, in two or three sentences.
    pub intro: String,
    /// One line per goal, in the order [`Lesson::check`] reports them.
    pub goals: Vec<String>,
    /// Hints, gentlest first.
    pub hints: Vec<String>,
}

impl FromJson for LessonText {
    fn read(v: &Value, at: At) -> Read<LessonText> {
        let o = Obj::new(v, at)?;
        o.done(LessonText {
            intro: o.req("intro")?,
            goals: o.req("goals")?,
            hints: o.or("hints", Vec::new())?,
        })
    }
}

impl LessonText {
    /// One entry of a lesson's text file (`{"es": {…}, "en": {…}}`, one entry per language
    /// that has its own content), by its key (`content`).
    pub fn from_json(text: &str, content: &'static str) -> Result<LessonText, ScenarioError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| crate::core::json_read::not_json(&e))?;
        let at = At::root();
        // One entry of several is read: the other languages' are not unknown fields, so no `done`.
        let o = Obj::new(&value, at)?;
        o.req(content)
    }
}

impl Lesson {
    /// The starting scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json)
    }

    /// The scenario file's text.
    pub fn json(&self) -> &'static str {
        self.json
    }

    /// Where the page finds the lesson's text file, relative to the app.
    pub fn text_path(&self) -> String {
        format!("lesson-text/{}.json", self.id)
    }

    /// The texts of one content language (`es`, `en`), from a copy built into the program. The
    /// page never calls it (it fetches [`Lesson::text_path`]), so its download leaves the texts
    /// out; tests and tools read them here.
    pub fn text(&self, content: &'static str) -> Result<LessonText, ScenarioError> {
        let source = match self.id {
            "pubsub" => include_str!("text/pubsub.json"),
            "wildcards" => include_str!("text/wildcards.json"),
            "queue" => include_str!("text/queue.json"),
            "qos" => include_str!("text/qos.json"),
            "retained" => include_str!("text/retained.json"),
            "will" => include_str!("text/will.json"),
            "security" => include_str!("text/security.json"),
            "tls" => include_str!("text/tls.json"),
            "house" => include_str!("text/house.json"),
            "filters" => include_str!("text/filters.json"),
            "shared" => include_str!("text/shared.json"),
            "expiry" => include_str!("text/expiry.json"),
            "request" => include_str!("text/request.json"),
            _ => "{}",
        };
        LessonText::from_json(source, content)
    }

    /// The intended solution. (Matched by id, not a function pointer in [`LESSONS`]: only
    /// the tests reach it, so the page's download leaves it out.)
    pub fn solution(&self) -> Vec<SolutionStep> {
        match self.id {
            "pubsub" => vec![act(
                1000,
                r#"{"type":"subscribe","device":"panel","filter":"Casa/Cocina/Temperatura"}"#,
            )],
            "wildcards" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"subscribe","device":"panel","filter":"Casa/+/Temperatura"}"#,
                    ),
                    act(
                        500,
                        r#"{"type":"subscribe","device":"todo","filter":"Casa/#"}"#,
                    ),
                ]
            }
            "queue" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"set_clean_session","device":"movil","clean":false}"#,
                    ),
                    act(100, r#"{"type":"offline","device":"movil"}"#),
                    act(1000, r#"{"type":"online","device":"movil"}"#),
                    act(2000, r#"{"type":"offline","device":"movil"}"#),
                    act(10000, r#"{"type":"online","device":"movil"}"#),
                ]
            }
            "qos" => {
                vec![
                    act(1000, r#"{"type":"set_qos","device":"contador","qos":2}"#),
                    act(
                        100,
                        r#"{"type":"subscribe","device":"registro","filter":"Casa/Contador","qos":2}"#,
                    ),
                ]
            }
            "retained" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"set_retain","device":"riego","retain":true}"#,
                    ),
                    act(40000, r#"{"type":"offline","device":"pantalla"}"#),
                    act(1000, r#"{"type":"online","device":"pantalla"}"#),
                ]
            }
            "will" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"set_will","device":"nevera","will":{"topic":"Casa/Cocina/Nevera/Estado","payload":"desconectada","qos":1,"retain":true}}"#,
                    ),
                    act(100, r#"{"type":"offline","device":"nevera"}"#),
                    act(1000, r#"{"type":"online","device":"nevera"}"#),
                    act(2000, r#"{"type":"pull_plug","device":"nevera"}"#),
                ]
            }
            "security" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"set_broker","config":{"allow_anonymous":false,
                    "users":{"ana":"ana-secreta","puerta":"puerta-secreta"},
                    "acl":{"users":{
                      "ana":[{"access":"readwrite","pattern":"Casa/#"}],
                      "puerta":[{"access":"read","pattern":"Casa/Puerta/Orden"},
                                {"access":"write","pattern":"Casa/Puerta/Estado"}]}}}}"#,
                    ),
                    act(
                        12000,
                        r#"{"type":"publish","device":"movil","topic":"Casa/Puerta/Orden","payload":"ON"}"#,
                    ),
                ]
            }
            "tls" => {
                vec![
                    act(1000, r#"{"type":"set_port","device":"alarma","port":8883}"#),
                    act(100, r#"{"type":"offline","device":"alarma"}"#),
                    act(500, r#"{"type":"online","device":"alarma"}"#),
                ]
            }
            "house" => vec![act(
                2000,
                r#"{"type":"publish","device":"movil","topic":"Casa/Salon/Luz/Orden","payload":"ON","qos":1}"#,
            )],
            "filters" => {
                vec![
                    act(
                        500,
                        r#"{"type":"subscribe","device":"reto1","filter":"Casa/+/Temperatura"}"#,
                    ),
                    act(
                        0,
                        r#"{"type":"subscribe","device":"reto2","filter":"Casa/Garaje/#"}"#,
                    ),
                    act(
                        0,
                        r#"{"type":"subscribe","device":"reto3","filter":"Casa/+/Temperatura"}"#,
                    ),
                    act(
                        0,
                        r#"{"type":"subscribe","device":"reto3","filter":"Jardin/Temperatura"}"#,
                    ),
                ]
            }
            "shared" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"subscribe","device":"trabajador1","filter":"$share/grupo/Fabrica/+/Pedido","qos":1}"#,
                    ),
                    act(
                        100,
                        r#"{"type":"unsubscribe","device":"trabajador1","filter":"Fabrica/+/Pedido"}"#,
                    ),
                    act(
                        100,
                        r#"{"type":"subscribe","device":"trabajador2","filter":"$share/grupo/Fabrica/+/Pedido","qos":1}"#,
                    ),
                    act(
                        100,
                        r#"{"type":"unsubscribe","device":"trabajador2","filter":"Fabrica/+/Pedido"}"#,
                    ),
                    act(9000, r#"{"type":"pull_plug","device":"trabajador1"}"#),
                ]
            }
            "expiry" => {
                vec![
                    act(1000, r#"{"type":"offline","device":"movil"}"#),
                    act(
                        500,
                        r#"{"type":"publish","device":"central","topic":"Casa/Avisos","payload":"puerta abierta","qos":1,"expiry":3}"#,
                    ),
                    act(5000, r#"{"type":"online","device":"movil"}"#),
                    act(2000, r#"{"type":"offline","device":"movil"}"#),
                    act(25000, r#"{"type":"online","device":"movil"}"#),
                ]
            }
            "request" => {
                vec![
                    act(
                        1000,
                        r#"{"type":"publish","device":"panel","topic":"Casa/Termostato/Consulta","payload":"consigna?","qos":1,"response_topic":"Casa/Panel/Respuesta","correlation":"p1"}"#,
                    ),
                    act(
                        1000,
                        r#"{"type":"publish","device":"panel","topic":"Casa/Termostato/Consulta","payload":"consigna?","qos":1,"response_topic":"Casa/Panel/Respuesta","correlation":"p2"}"#,
                    ),
                ]
            }
            _ => Vec::new(),
        }
    }

    /// Which goals hold, judged from the world and its whole trace so far. (Matched by id:
    /// the page reaches it only from the lazily loaded lesson checks.)
    pub fn check(&self, world: &World, trace: &[TraceEvent]) -> Vec<bool> {
        match self.id {
            "pubsub" => checks::pubsub(world, trace),
            "wildcards" => checks::wildcards(world, trace),
            "queue" => checks::queue(world, trace),
            "qos" => checks::qos(world, trace),
            "retained" => checks::retained(world, trace),
            "will" => checks::will(world, trace),
            "security" => checks::security(world, trace),
            "tls" => checks::tls(world, trace),
            "house" => checks::house(world, trace),
            "filters" => checks::filters(world, trace),
            "shared" => checks::shared(world, trace),
            "expiry" => checks::expiry(world, trace),
            "request" => checks::request(world, trace),
            _ => vec![false; self.goals],
        }
    }

    /// True when every goal holds.
    pub fn passed(&self, world: &World, trace: &[TraceEvent]) -> bool {
        self.check(world, trace).iter().all(|&g| g)
    }
}

/// Finds a lesson by id.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

fn act(wait_ms: u64, json: &str) -> SolutionStep {
    SolutionStep {
        wait_ms,
        action: Action::from_json(json).unwrap_or(Action::Online {
            device: String::new(),
        }),
    }
}

/// Every built-in lesson, in course order.
pub static LESSONS: [Lesson; 13] = [
    Lesson {
        id: "pubsub",
        goals: 1,
        watch: &[watch("panel", "Casa/Cocina/Temperatura")],
        // The filter is the student's to write: it starts on another room.
        forms: forms(
            "panel",
            "Casa/Panel/Mensaje",
            "hola",
            "Casa/Salon/Temperatura",
        ),
        json: include_str!("01-pubsub.json"),
    },
    Lesson {
        id: "wildcards",
        goals: 2,
        watch: &[
            watch("panel", "Casa/+/Temperatura"),
            watch("todo", "Casa/#"),
        ],
        forms: forms(
            "panel",
            "Casa/Cocina/Temperatura",
            "21.5",
            "Casa/Cocina/Temperatura",
        ),
        json: include_str!("02-wildcards.json"),
    },
    Lesson {
        id: "queue",
        goals: 2,
        watch: &[],
        forms: Forms {
            sub_qos: 1,
            ..forms("movil", "Casa/Puerta/Timbre", "ding", "Casa/Puerta/Timbre")
        },
        json: include_str!("03-queue.json"),
    },
    Lesson {
        id: "qos",
        goals: 1,
        watch: &[],
        forms: forms("registro", "Casa/Contador", "1", "Casa/Contador"),
        json: include_str!("04-qos.json"),
    },
    Lesson {
        id: "retained",
        goals: 1,
        watch: &[],
        forms: forms("riego", "Casa/Jardin/Riego", "apagado", "Casa/Jardin/#"),
        json: include_str!("05-retained.json"),
    },
    Lesson {
        id: "will",
        goals: 1,
        watch: &[],
        forms: forms(
            "nevera",
            "Casa/Cocina/Nevera/Temperatura",
            "4.0",
            "Casa/Cocina/Nevera/#",
        ),
        json: include_str!("06-will.json"),
    },
    Lesson {
        id: "security",
        goals: 2,
        watch: &[],
        forms: forms("movil", "Casa/Puerta/Orden", "ON", "Casa/Puerta/Estado"),
        json: include_str!("07-security.json"),
    },
    Lesson {
        id: "tls",
        goals: 1,
        watch: &[],
        forms: forms("alarma", "Casa/Alarma/Estado", "OK", "Casa/Alarma/#"),
        json: include_str!("08-tls.json"),
    },
    Lesson {
        id: "house",
        goals: 1,
        watch: &[],
        forms: forms("movil", "Casa/Salon/Luz/Orden", "ON", "Casa/+/Luz"),
        json: include_str!("09-house.json"),
    },
    Lesson {
        id: "filters",
        goals: 3,
        watch: &[
            watch("reto1", "Casa/+/Temperatura"),
            watch("reto2", "Casa/Garaje/#"),
        ],
        forms: forms(
            "reto1",
            "Casa/Cocina/Temperatura",
            "22.5",
            "Casa/Cocina/Temperatura",
        ),
        json: include_str!("10-filters.json"),
    },
    Lesson {
        id: "shared",
        goals: 3,
        watch: &[],
        forms: forms(
            "trabajador1",
            "Fabrica/Linea1/Pedido",
            "pedido",
            "$share/grupo/Fabrica/+/Pedido",
        ),
        json: include_str!("11-shared.json"),
    },
    Lesson {
        id: "expiry",
        goals: 3,
        watch: &[],
        forms: forms("central", "Casa/Avisos", "puerta abierta", "Casa/Avisos"),
        json: include_str!("12-expiry.json"),
    },
    Lesson {
        id: "request",
        goals: 2,
        watch: &[],
        forms: forms(
            "panel",
            "Casa/Termostato/Consulta",
            "consigna?",
            "Casa/Panel/Respuesta",
        ),
        json: include_str!("13-request.json"),
    },
];

/// Free play: a house from the course (kitchen, living-room and bedroom sensors, the
/// living-room light, a dashboard, a phone), its names and topics in a content language
/// (`es`; any other key reads the English file).
pub fn free_play(content: &str) -> Scenario {
    let json = match content {
        "es" => include_str!("free-play.es.json"),
        _ => include_str!("free-play.en.json"),
    };
    // Both files are checked by a test; a broken one would still open an empty house.
    Scenario::from_json(json).unwrap_or_else(|_| Scenario::new(1))
}

/// Lesson 9's house at any size (for benchmarks and stress): per five devices, two
/// temperature sensors, one light, one dashboard watching its neighbours and one phone that
/// toggles a light every 10 s and follows every light. The first dashboard watches `Casa/#`.
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
        filter: TopicFilter::new(filter).expect("the generator's filters are valid"),
        qos,
    };
    let topic = |t: String| TopicName::new(t).expect("the generator's topics are valid");
    let mut s = Scenario::new(seed);
    for i in 0..devices {
        let room = i / 5;
        let kind = match i % 5 {
            0 | 1 => DeviceKind::Sensor {
                topic: topic(format!("Casa/Hab{room}/Temperatura{}", i % 5)),
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
        s.devices.push(device(format!("d{i}"), kind, i));
    }
    s
}

/// A flood for load tests: sensors publishing `rate` messages per virtual second in all
/// (each every 50 ms) and two dashboards subscribed to `Casa/#`.
pub fn flood_of(rate: usize, seed: u64) -> Scenario {
    use crate::core::scenario::{
        DeviceConfig, DeviceKind, LinkConfig, Protocol, SubConfig, ValueModel,
    };
    let base = |name: String, kind: DeviceKind| DeviceConfig {
        name,
        client_id: None,
        kind,
        protocol: Protocol::V311,
        clean_session: true,
        session_expiry: 0,
        keep_alive: 60,
        will: None,
        username: None,
        password: None,
        port: Port::Plain,
        online: true,
        start_ms: 0,
        reconnect_ms: 2000,
        link: LinkConfig::default(),
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
            filter: TopicFilter::new("Casa/#").expect("a valid filter"),
            qos: QoS::AtLeastOnce,
        }];
        s.devices
            .push(base(name.into(), DeviceKind::Dashboard { filters }));
    }
    s
}
