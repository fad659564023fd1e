//! The built-in lessons, from the course: each has text in Spanish and English, a starting
//! scenario (the JSON files beside this one), goals checked automatically on the trace, hints,
//! and the intended solution (actions) that the tests apply.

mod checks;

use crate::core::i18n::Lang;
use crate::core::sim::action::Action;
use crate::core::sim::scenario::{Scenario, ScenarioError};
use crate::core::sim::world::World;
use crate::core::trace::TraceEvent;

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bi {
    /// Spanish.
    pub es: &'static str,
    /// English.
    pub en: &'static str,
}

impl Bi {
    /// The text in a language.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Es => self.es,
            Lang::En => self.en,
        }
    }
}

macro_rules! bi {
    ($es:expr, $en:expr) => {
        Bi { es: $es, en: $en }
    };
}

/// A step of a lesson's intended solution: wait, then act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionStep {
    /// Virtual milliseconds to run before the action.
    pub wait_ms: u64,
    /// The action.
    pub action: Action,
}

/// A built-in lesson.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Its id (the scenario's `lesson` field, and `?lesson=` in links).
    pub id: &'static str,
    /// Title.
    pub title: Bi,
    /// What it teaches, in two or three sentences.
    pub intro: Bi,
    /// One line per goal, in the order [`Lesson::check`] reports them.
    pub goals: &'static [Bi],
    /// Hints, gentlest first.
    pub hints: &'static [Bi],
    json: &'static str,
    solution: fn() -> Vec<SolutionStep>,
    check: fn(&World, &[TraceEvent]) -> Vec<bool>,
}

impl Lesson {
    /// The starting scenario.
    pub fn scenario(&self, lang: Lang) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json, lang)
    }

    /// The scenario file's text.
    pub fn json(&self) -> &'static str {
        self.json
    }

    /// The intended solution.
    pub fn solution(&self) -> Vec<SolutionStep> {
        (self.solution)()
    }

    /// Which goals hold, judged from the world and its whole trace so far.
    pub fn check(&self, world: &World, trace: &[TraceEvent]) -> Vec<bool> {
        (self.check)(world, trace)
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
        action: Action::from_json(json, Lang::En).unwrap_or(Action::Online {
            device: String::new(),
        }),
    }
}

/// Every built-in lesson, in course order.
pub static LESSONS: [Lesson; 10] = [
    Lesson {
        id: "pubsub",
        title: bi!("1. Publicar y suscribirse", "1. Publish and subscribe"),
        intro: bi!(
            "Los dispositivos no se hablan entre sí: publican mensajes en un tema del bróker, y el bróker se los entrega a quien esté suscrito a ese tema. El sensor de la cocina ya publica su temperatura en Casa/Cocina/Temperatura.",
            "Devices never talk to each other directly: they publish messages to a topic on the broker, and the broker hands them to whoever subscribed to that topic. The kitchen sensor already publishes its temperature to Casa/Cocina/Temperatura."
        ),
        goals: &[bi!(
            "El panel recibe la temperatura de la cocina.",
            "The dashboard receives the kitchen temperature."
        )],
        hints: &[
            bi!("El panel no tiene ninguna suscripción.", "The dashboard has no subscription."),
            bi!("Suscribe el panel a Casa/Cocina/Temperatura.", "Subscribe the dashboard to Casa/Cocina/Temperatura."),
        ],
        json: include_str!("01-pubsub.json"),
        solution: || vec![act(1000, r#"{"type":"subscribe","device":"panel","filter":"Casa/Cocina/Temperatura"}"#)],
        check: checks::pubsub,
    },
    Lesson {
        id: "wildcards",
        title: bi!("2. Comodines + y #", "2. Wildcards + and #"),
        intro: bi!(
            "Un filtro puede usar comodines: + ocupa exactamente un nivel (Casa/+/Temperatura) y # todos los que quedan, al final (Casa/#). Con una sola suscripción recibes muchos temas.",
            "A filter can use wildcards: + fills exactly one level (Casa/+/Temperatura) and # all remaining levels, at the end (Casa/#). One subscription then receives many topics."
        ),
        goals: &[
            bi!(
                "«panel» recibe la temperatura de las tres habitaciones, con una sola suscripción y sin la humedad.",
                "\"panel\" receives the temperature of all three rooms, with one subscription and no humidity."
            ),
            bi!(
                "«todo» recibe todo lo de la casa (Casa/…) y nada del jardín.",
                "\"todo\" receives everything in the house (Casa/…) and nothing from the garden."
            ),
        ],
        hints: &[
            bi!("El nivel que cambia es la habitación: sustitúyelo por +.", "The level that changes is the room: replace it with +."),
            bi!("# al final recoge todos los niveles que siguen.", "# at the end takes every level below."),
        ],
        json: include_str!("02-wildcards.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"subscribe","device":"panel","filter":"Casa/+/Temperatura"}"#),
                act(500, r#"{"type":"subscribe","device":"todo","filter":"Casa/#"}"#),
            ]
        },
        check: checks::wildcards,
    },
    Lesson {
        id: "queue",
        title: bi!("3. La cola del bróker", "3. The broker's queue"),
        intro: bi!(
            "Como un SMS: si el móvil está apagado, el bróker guarda los mensajes en una cola y se los entrega cuando vuelve; después los borra. Solo lo hace si el cliente pidió una sesión persistente (clean session = false) y los mensajes son QoS 1 o 2.",
            "Like a text message: while the phone is off, the broker keeps its messages in a queue and delivers them when it comes back, then deletes them. It does so only if the client asked for a persistent session (clean session = false) and the messages are QoS 1 or 2."
        ),
        goals: &[
            bi!("Con el móvil desconectado, el bróker guarda en su cola algún timbrazo.", "While the phone is offline, the broker queues a doorbell ring."),
            bi!("Al volver, el móvil recibe lo guardado y la cola queda vacía.", "When it comes back, the phone receives what was kept and the queue is empty."),
        ],
        hints: &[
            bi!("Con clean session = true el bróker olvida al móvil al desconectarse.", "With clean session = true the broker forgets the phone when it disconnects."),
            bi!("Desactiva clean session, reconecta, desconecta el móvil unos segundos y vuelve a conectarlo.", "Turn clean session off, reconnect, take the phone offline for a few seconds, then back online."),
        ],
        json: include_str!("03-queue.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_clean_session","device":"movil","clean":false}"#),
                act(100, r#"{"type":"offline","device":"movil"}"#),
                act(1000, r#"{"type":"online","device":"movil"}"#),
                act(2000, r#"{"type":"offline","device":"movil"}"#),
                act(10000, r#"{"type":"online","device":"movil"}"#),
            ]
        },
        check: checks::queue,
    },
    Lesson {
        id: "qos",
        title: bi!("4. QoS 0, 1 y 2 con pérdidas", "4. QoS 0, 1 and 2 under packet loss"),
        intro: bi!(
            "La red del contador pierde paquetes y cada pérdida corta la conexión. Con QoS 0 un mensaje se pierde; con QoS 1 llega al menos una vez (puede repetirse); con QoS 2 llega exactamente una vez, gracias a un saludo de cuatro pasos.",
            "The counter's network loses packets and each loss breaks the connection. At QoS 0 a message can be lost; at QoS 1 it arrives at least once (maybe twice); at QoS 2 exactly once, thanks to a four-step handshake."
        ),
        goals: &[bi!(
            "Al menos 10 mensajes publicados con QoS 2 llegan al registro exactamente una vez cada uno.",
            "At least 10 messages published at QoS 2 reach the log exactly once each."
        )],
        hints: &[
            bi!("La QoS efectiva es la menor entre la de la publicación y la de la suscripción.", "The effective QoS is the lower of the publish's and the subscription's."),
            bi!("Pon el contador en QoS 2 y suscribe el registro a Casa/Contador con QoS 2.", "Set the counter to QoS 2 and subscribe the log to Casa/Contador at QoS 2."),
        ],
        json: include_str!("04-qos.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_qos","device":"contador","qos":2}"#),
                act(100, r#"{"type":"subscribe","device":"registro","filter":"Casa/Contador","qos":2}"#),
            ]
        },
        check: checks::qos,
    },
    Lesson {
        id: "retained",
        title: bi!("5. Mensajes retenidos", "5. Retained messages"),
        intro: bi!(
            "El riego publica su estado cada 20 s. Una pantalla que se conecta después no sabe nada hasta la próxima publicación… salvo que el mensaje sea retenido: el bróker guarda el último y lo entrega al suscribirse.",
            "The irrigation reports its state every 20 s. A screen that connects later knows nothing until the next report… unless the message is retained: the broker keeps the last one and hands it over on subscribe."
        ),
        goals: &[bi!(
            "La pantalla recibe el estado del riego como mensaje retenido nada más suscribirse.",
            "The screen receives the irrigation state as a retained message as soon as it subscribes."
        )],
        hints: &[
            bi!("Activa «retener» en el sensor del riego.", "Turn on \"retain\" on the irrigation sensor."),
            bi!("Después de la siguiente publicación, desconecta y reconecta la pantalla.", "After the next report, take the screen offline and back online."),
        ],
        json: include_str!("05-retained.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_retain","device":"riego","retain":true}"#),
                act(40000, r#"{"type":"offline","device":"pantalla"}"#),
                act(1000, r#"{"type":"online","device":"pantalla"}"#),
            ]
        },
        check: checks::retained,
    },
    Lesson {
        id: "will",
        title: bi!("6. Última voluntad", "6. Last will"),
        intro: bi!(
            "Un cliente puede dejar al bróker un mensaje de «última voluntad» al conectarse. Si desaparece sin despedirse (corte de luz, cable), el bróker lo publica tras 1,5 × keep-alive. Si se despide con DISCONNECT, no.",
            "A client can leave the broker a \"last will\" message when it connects. If it vanishes without saying goodbye (power cut, cable), the broker publishes it after 1.5 × keep-alive. If it says goodbye with DISCONNECT, it does not."
        ),
        goals: &[bi!(
            "Al desenchufar la nevera, el panel recibe «desconectada» en Casa/Cocina/Nevera/Estado.",
            "When the fridge is unplugged, the dashboard receives \"desconectada\" on Casa/Cocina/Nevera/Estado."
        )],
        hints: &[
            bi!("La voluntad viaja en el CONNECT: configúrala y reconecta la nevera.", "The will travels in CONNECT: set it, then reconnect the fridge."),
            bi!("Luego tira del cable: desconectar con DISCONNECT no dispara la voluntad.", "Then pull the plug: disconnecting with DISCONNECT does not fire the will."),
        ],
        json: include_str!("06-will.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_will","device":"nevera","will":{"topic":"Casa/Cocina/Nevera/Estado","payload":"desconectada","qos":1,"retain":true}}"#),
                act(100, r#"{"type":"offline","device":"nevera"}"#),
                act(1000, r#"{"type":"online","device":"nevera"}"#),
                act(2000, r#"{"type":"pull_plug","device":"nevera"}"#),
            ]
        },
        check: checks::will,
    },
    Lesson {
        id: "security",
        title: bi!("7. Bróker abierto o con usuario y ACL", "7. Open broker, or user, password and ACL"),
        intro: bi!(
            "En un bróker público cualquiera puede leer y mandar órdenes: el intruso abre la puerta. Exige usuario y contraseña y da a cada usuario solo los temas que necesita (ACL).",
            "On a public broker anyone can read and send orders: the intruder opens the door. Require a user name and password, and give each user only the topics it needs (ACL)."
        ),
        goals: &[
            bi!("Las órdenes del intruso ya no llegan a la puerta.", "The intruder's orders no longer reach the door."),
            bi!("Las órdenes del móvil de Ana sí llegan.", "Orders from Ana's phone still do."),
        ],
        hints: &[
            bi!("Desactiva el acceso anónimo del bróker.", "Turn off anonymous access on the broker."),
            bi!("Añade una ACL: ana puede escribir en Casa/#; puerta lee Casa/Puerta/Orden y escribe Casa/Puerta/Estado.", "Add an ACL: ana may write to Casa/#; puerta reads Casa/Puerta/Orden and writes Casa/Puerta/Estado."),
        ],
        json: include_str!("07-security.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_broker","config":{"allow_anonymous":false,
                    "users":{"ana":"ana-secreta","puerta":"puerta-secreta"},
                    "acl":{"users":{
                      "ana":[{"access":"readwrite","pattern":"Casa/#"}],
                      "puerta":[{"access":"read","pattern":"Casa/Puerta/Orden"},
                                {"access":"write","pattern":"Casa/Puerta/Estado"}]}}}}"#),
                act(12000, r#"{"type":"publish","device":"movil","topic":"Casa/Puerta/Orden","payload":"ON"}"#),
            ]
        },
        check: checks::security,
    },
    Lesson {
        id: "tls",
        title: bi!("8. Puerto 1883 o 8883 (TLS)", "8. Port 1883 or 8883 (TLS)"),
        intro: bi!(
            "En el puerto 1883 todo viaja en claro: quien escuche la red lee el usuario y la contraseña del CONNECT y cada mensaje. En el 8883 la conexión va cifrada con TLS: solo se ven registros opacos.",
            "On port 1883 everything travels in clear: anyone listening on the network reads the user name and password in CONNECT and every message. On 8883 the connection is encrypted with TLS: only opaque records show."
        ),
        goals: &[bi!(
            "La alarma publica por 8883 y el espía ya no puede leer nada de ella.",
            "The alarm publishes over 8883 and the eavesdropper can no longer read any of it."
        )],
        hints: &[
            bi!("Mira lo que ve el espía: ¿reconoces la contraseña?", "Look at what the eavesdropper sees: do you recognise the password?"),
            bi!("Cambia el puerto de la alarma a 8883 y reconéctala.", "Change the alarm's port to 8883 and reconnect it."),
        ],
        json: include_str!("08-tls.json"),
        solution: || {
            vec![
                act(1000, r#"{"type":"set_port","device":"alarma","port":8883}"#),
                act(100, r#"{"type":"offline","device":"alarma"}"#),
                act(500, r#"{"type":"online","device":"alarma"}"#),
            ]
        },
        check: checks::tls,
    },
    Lesson {
        id: "house",
        title: bi!("9. Una casa domótica", "9. A home-automation house"),
        intro: bi!(
            "Luces que obedecen órdenes, sensores de temperatura, un panel que lo ve todo y un móvil. Cada orden es un mensaje a un tema …/Orden; la luz responde publicando su estado (retenido).",
            "Lights that obey orders, temperature sensors, a dashboard that sees everything and a phone. Each order is a message to a …/Orden topic; the light answers by publishing its state (retained)."
        ),
        goals: &[bi!(
            "Enciende la luz del salón desde el móvil y el panel lo ve (Casa/Salon/Luz = ON).",
            "Turn on the living-room light from the phone, and the dashboard sees it (Casa/Salon/Luz = ON)."
        )],
        hints: &[
            bi!("La luz escucha Casa/Salon/Luz/Orden.", "The light listens on Casa/Salon/Luz/Orden."),
            bi!("Publica ON desde el móvil en Casa/Salon/Luz/Orden.", "Publish ON from the phone to Casa/Salon/Luz/Orden."),
        ],
        json: include_str!("09-house.json"),
        solution: || vec![act(2000, r#"{"type":"publish","device":"movil","topic":"Casa/Salon/Luz/Orden","payload":"ON","qos":1}"#)],
        check: checks::house,
    },
    Lesson {
        id: "filters",
        title: bi!("10. Reto de filtros", "10. Topic-filter challenge"),
        intro: bi!(
            "La casa publica en muchos temas. Consigue que cada reto reciba exactamente lo que pide, ni más ni menos. Puedes usar varias suscripciones.",
            "The house publishes to many topics. Make each challenge receive exactly what it asks for, no more and no less. You may use several subscriptions."
        ),
        goals: &[
            bi!("reto1: las temperaturas de la casa (Casa/…/Temperatura) y nada más.", "reto1: the house's temperatures (Casa/…/Temperatura) and nothing else."),
            bi!("reto2: todo lo del garaje, a cualquier profundidad, y nada más.", "reto2: everything in the garage, at any depth, and nothing else."),
            bi!("reto3: todas las temperaturas, de la casa y del jardín, y nada más.", "reto3: every temperature, house and garden, and nothing else."),
        ],
        hints: &[
            bi!("Lo recibido antes de tu último cambio de suscripciones no cuenta.", "What arrived before your last subscription change does not count."),
            bi!("+ no puede ocupar dos niveles; # solo va al final.", "+ cannot fill two levels; # goes only at the end."),
        ],
        json: include_str!("10-filters.json"),
        solution: || {
            vec![
                act(500, r#"{"type":"subscribe","device":"reto1","filter":"Casa/+/Temperatura"}"#),
                act(0, r#"{"type":"subscribe","device":"reto2","filter":"Casa/Garaje/#"}"#),
                act(0, r#"{"type":"subscribe","device":"reto3","filter":"Casa/+/Temperatura"}"#),
                act(0, r#"{"type":"subscribe","device":"reto3","filter":"Jardin/Temperatura"}"#),
            ]
        },
        check: checks::filters,
    },
];

/// Lesson 9's house at any size (for benchmarks and stress): per five devices, two
/// temperature sensors, one light, one dashboard watching its neighbours and one phone that
/// toggles a light every 10 s and follows every light. The first dashboard watches `Casa/#`.
pub fn house_of(devices: usize, seed: u64) -> Scenario {
    use crate::core::sim::scenario::{
        DeviceConfig, DeviceKind, LinkConfig, Protocol, PublishConfig, SubConfig, ValueModel,
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
        port: if i.is_multiple_of(4) { 8883 } else { 1883 },
        online: true,
        start_ms: (i as u64 * 7) % 1000,
        reconnect_ms: 2000,
        link: LinkConfig {
            latency_ms: 5 + (i as u64 % 40),
            jitter_ms: 10,
            loss: 0.0,
        },
    };
    let sub = |filter: String, qos: u8| SubConfig { filter, qos };
    let mut s = Scenario::new(seed);
    for i in 0..devices {
        let room = i / 5;
        let kind = match i % 5 {
            0 | 1 => DeviceKind::Sensor {
                topic: format!("Casa/Hab{room}/Temperatura{}", i % 5),
                interval_ms: 5000,
                model: ValueModel::RandomWalk {
                    start: 20.0,
                    step: 0.2,
                    min: -40.0,
                    max: 100.0,
                    decimals: 1,
                },
                qos: (i % 3) as u8,
                retain: i.is_multiple_of(2),
            },
            2 => DeviceKind::Actuator {
                command_topic: format!("Casa/Hab{room}/Luz/Orden"),
                state_topic: format!("Casa/Hab{room}/Luz"),
                initial: "OFF".into(),
                qos: 1,
            },
            3 => DeviceKind::Dashboard {
                filters: if i == 3 {
                    vec![sub("Casa/#".into(), 0)]
                } else {
                    vec![
                        sub(format!("Casa/Hab{room}/#"), 1),
                        sub(format!("Casa/Hab{}/+", room.saturating_sub(1)), 0),
                    ]
                },
            },
            _ => DeviceKind::Custom {
                filters: vec![sub("Casa/+/Luz".into(), 1)],
                publishes: vec![PublishConfig {
                    at_ms: 1000 + (i as u64 * 13) % 10_000,
                    every_ms: 10_000,
                    topic: format!("Casa/Hab{room}/Luz/Orden"),
                    payload: "TOGGLE".into(),
                    qos: 1,
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
    use crate::core::sim::scenario::{
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
        port: 1883,
        online: true,
        start_ms: 0,
        reconnect_ms: 2000,
        link: LinkConfig::default(),
    };
    let mut s = Scenario::new(seed);
    for i in 0..rate.div_ceil(20).max(1) {
        let kind = DeviceKind::Sensor {
            topic: format!("Casa/Sensor{i}/Valor"),
            interval_ms: 50,
            model: ValueModel::Counter,
            qos: (i % 2) as u8,
            retain: false,
        };
        s.devices.push(base(format!("s{i}"), kind));
    }
    for name in ["panel", "registro"] {
        let filters = vec![SubConfig {
            filter: "Casa/#".into(),
            qos: 1,
        }];
        s.devices
            .push(base(name.into(), DeviceKind::Dashboard { filters }));
    }
    s
}
