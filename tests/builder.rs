//! The lesson builder's engine: a teacher starts from an empty house, adds and names devices,
//! undoes a removal, writes steps, records a solution by playing it, makes a goal by picking
//! a message the run delivered, and gets a file the lesson check accepts. Refused changes
//! name their field and change nothing.

use mqtt_playground::core::journey::Journey;
use mqtt_playground::core::json_read::Problem;
use mqtt_playground::core::scenario::action::Action;
use mqtt_playground::core::scenario::{DeviceKind, Scenario};
use mqtt_playground::core::sim::lessons::draft::{recorded_solution, Draft, Edit, Flaw, PALETTE};
use mqtt_playground::core::sim::lessons::file::{Ask, LessonFile, LessonText, Step};
use mqtt_playground::core::sim::lessons::goals::Goal;
use mqtt_playground::core::sim::lessons::pick::{goals_for, widen, Widen};
use mqtt_playground::core::sim::lessons::progress::play_solution;
use mqtt_playground::core::sim::Run;
use mqtt_playground::core::topic::TopicName;
use mqtt_playground::core::trace::TraceKind;
use mqtt_playground::core::types::QoS;

fn words(es: &str) -> std::collections::BTreeMap<String, String> {
    [("es".to_string(), es.to_string())].into()
}

fn text(title: &str, intro: &str) -> LessonText {
    LessonText {
        title: Some(title.into()),
        intro: intro.into(),
        hints: Vec::new(),
    }
}

/// An empty house with a sensor, a light and a dashboard, named as a teacher would.
fn house() -> Draft {
    let mut d = Draft::start(Scenario::new(7), "es");
    for kind in ["sensor", "actuator", "dashboard"] {
        d.edit(Edit::AddDevice(kind, kind.into())).unwrap();
    }
    d.edit(Edit::RenameDevice(0, "cocina".into())).unwrap();
    d.edit(Edit::RenameDevice(1, "luz".into())).unwrap();
    d.edit(Edit::RenameDevice(2, "panel".into())).unwrap();
    // The dashboard starts with no subscription (the student gives it one).
    let mut panel = d.file().scenario.devices[2].clone();
    panel.kind = DeviceKind::Dashboard {
        filters: Vec::new(),
    };
    d.edit(Edit::SetDevice(2, Box::new(panel))).unwrap();
    d.edit(Edit::SetId("cocina-panel".into())).unwrap();
    d.edit(Edit::SetText(
        "es".into(),
        text("La cocina", "El panel quiere ver la cocina."),
    ))
    .unwrap();
    d
}

/// The house with one goal step: the light connects.
fn house_with_a_goal() -> Draft {
    let mut d = house();
    d.edit(Edit::AddStep(Box::new(Step::Act {
        goal: Goal::Connected {
            device: "luz".into(),
        },
        text: words("Conecta la luz."),
        solution: Vec::new(),
    })))
    .unwrap();
    d
}

fn names(d: &Draft) -> Vec<&str> {
    (d.file().scenario.devices.iter())
        .map(|x| x.name.as_str())
        .collect()
}

#[test]
fn every_palette_kind_is_added_with_a_free_name() {
    let mut d = Draft::start(Scenario::new(1), "es");
    for kind in PALETTE {
        d.edit(Edit::AddDevice(kind, kind.into())).unwrap();
    }
    d.edit(Edit::AddDevice("sensor", "sensor".into())).unwrap();
    assert_eq!(d.file().scenario.devices.len(), PALETTE.len() + 1);
    assert!(names(&d).contains(&"sensor-2"));
    // Named in the page's language, spaces made dashes.
    d.edit(Edit::AddDevice("responder", "responde peticiones".into()))
        .unwrap();
    assert!(names(&d).contains(&"responde-peticiones"));
    let e = (d.edit(Edit::AddDevice("tostadora", "tostadora".into()))).unwrap_err();
    assert!(matches!(e.problem, Problem::UnknownName { .. }), "{e:?}");
}

#[test]
fn undo_brings_back_a_removed_device_and_redo_removes_it_again() {
    let mut d = house();
    d.edit(Edit::RemoveDevice(1)).unwrap();
    assert_eq!(names(&d), ["cocina", "panel"]);
    assert!(d.undo());
    assert_eq!(names(&d), ["cocina", "luz", "panel"]);
    assert!(d.redo());
    assert_eq!(names(&d), ["cocina", "panel"]);
    assert!(d.undo());
    assert_eq!(d.can(), (true, true));
    // A new change forgets what could be redone.
    d.edit(Edit::MoveDevice(2, 0)).unwrap();
    assert_eq!(names(&d), ["panel", "cocina", "luz"]);
    assert_eq!(d.can(), (true, false));
    assert!(!d.redo());
    // Another house keeps the steps and texts, and is undone as any change.
    let title = d.file().text.clone();
    d.edit(Edit::SetScenario(Box::new(Scenario::new(3))))
        .unwrap();
    assert_eq!(names(&d), Vec::<&str>::new());
    assert_eq!(d.file().text, title);
    assert!(d.undo());
    assert_eq!(names(&d), ["panel", "cocina", "luz"]);
}

#[test]
fn a_refused_change_names_its_field_and_changes_nothing() {
    let mut d = house();
    let before = d.file().clone();
    let e = d.edit(Edit::RenameDevice(0, "panel".into())).unwrap_err();
    assert!(matches!(e.problem, Problem::DuplicateName(_)), "{e:?}");
    assert_eq!(e.path, "scenario.devices[2].name");
    let e = d.edit(Edit::RenameDevice(0, "  ".into())).unwrap_err();
    assert!(matches!(e.problem, Problem::EmptyName), "{e:?}");
    let e = d.edit(Edit::SetId("mi lección".into())).unwrap_err();
    assert_eq!((e.path.as_str(), &e.problem), ("id", &Problem::BadLessonId));
    let long = "x".repeat(2_001);
    let e = (d.edit(Edit::SetText("es".into(), text("t", &long)))).unwrap_err();
    assert_eq!(e.path, "text.es");
    assert!(matches!(e.problem, Problem::TextTooLong(2_000)));
    assert!(d.edit(Edit::RemoveStep(3)).is_err());
    assert_eq!(d.file(), &before);
}

#[test]
fn a_lesson_is_built_by_doing_it_and_its_file_passes_the_check() {
    let mut d = house();
    d.edit(Edit::AddStep(Box::new(Step::Explain {
        text: words("El sensor de la cocina publica la temperatura."),
        point: Vec::new(),
    })))
    .unwrap();
    d.edit(Edit::AddStep(Box::new(Step::Predict {
        ask: Ask::Receivers {
            publisher: "cocina".into(),
            topic: TopicName::new("Casa/Cocina/Temperatura").unwrap(),
            qos: QoS::AtMostOnce,
            retain: false,
            payload: "22.0".into(),
        },
        text: words("¿Quién recibe el mensaje?"),
        explain: words("Nadie: el panel mira otra cosa."),
        trap: None,
    })))
    .unwrap();
    // Without a goal the builder says so.
    assert!(d.flaws(&["es", "en"]).contains(&Flaw::NoGoal));

    // Recording: the teacher subscribes the dashboard to the kitchen on the stage.
    let mut run = Run::new(&d.file().scenario).unwrap();
    run.run_for(1_500);
    let subscribe = r#"{"type":"subscribe","device":"panel","filter":"Casa/Cocina/Temperatura"}"#;
    run.apply(Action::from_json(subscribe).unwrap()).unwrap();
    run.run_for(6_000);
    let solution = recorded_solution(run.applied(), 0);
    assert_eq!(solution.len(), 1);
    assert_eq!(solution[0].wait_ms, 1_500);

    // Picking the last message the panel got: the goals it satisfies, the panel's first.
    let msg = (run.trace().iter().rev())
        .find_map(|e| match &e.kind {
            TraceKind::Delivered { msg, .. } => Some(*msg),
            _ => None,
        })
        .expect("a delivery");
    let journey = Journey::gather(run.trace(), msg).unwrap();
    let payload = journey.payload(mqtt_playground::core::codec::Version::V311);
    let offered = goals_for(&journey, payload.as_deref(), run.world());
    assert!(
        matches!(&offered[0], Goal::Receives { device, payload: Some(_), .. } if device == "panel")
    );
    assert!(offered
        .iter()
        .any(|g| matches!(g, Goal::Routed { from, to, .. } if from == "cocina" && to == "panel")));
    assert!(offered
        .iter()
        .any(|g| matches!(g, Goal::Published { device } if device == "cocina")));
    for g in &offered {
        assert!(
            g.holds(run.world(), run.trace()),
            "{g:?} holds where it was picked"
        );
    }
    // Widened to any payload: the next reading will do.
    let goal = widen(
        &offered[0],
        Widen {
            any_payload: true,
            at_least: 2,
            ..Widen::default()
        },
    );
    assert!(matches!(
        &goal,
        Goal::Receives {
            payload: None,
            at_least: 2,
            ..
        }
    ));
    d.edit(Edit::AddStep(Box::new(Step::Act {
        goal,
        text: words("Haz que el panel reciba la temperatura de la cocina."),
        solution,
    })))
    .unwrap();
    assert_eq!(d.flaws(&["es", "en"]), []);

    // Renamed, the lesson still works: every step follows the new name.
    d.edit(Edit::RenameDevice(0, "sensor-cocina".into()))
        .unwrap();
    assert_eq!(d.flaws(&["es"]), []);
    let json = d.file().to_json();
    assert!(!json.contains("\"cocina\""), "{json}");
    let file = LessonFile::from_json(&json).unwrap();
    let walk = play_solution(&file).unwrap();
    assert_eq!((walk.steps, walk.predictions), (3, 1));

    // Another language begun: what it lacks is listed, never filled from Spanish.
    d.edit(Edit::SetText("en".into(), text("The kitchen", "")))
        .unwrap();
    let flaws = d.flaws(&["es", "en"]);
    let missing: Vec<&str> = (flaws.iter())
        .filter_map(|f| match f {
            Flaw::Missing(e) => Some(e.path.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(missing, ["steps[0].text.en", "text.en.intro"]);
}

#[test]
fn a_goal_not_met_without_a_recorded_solution_asks_for_the_recording() {
    let mut d = house();
    d.edit(Edit::AddStep(Box::new(Step::Act {
        goal: Goal::Receives {
            device: "panel".into(),
            topic: None,
            payload: None,
            retained: None,
            qos: None,
            at_least: 1,
        },
        text: words("Haz que el panel reciba algo."),
        solution: Vec::new(),
    })))
    .unwrap();
    assert_eq!(d.flaws(&["es"]), [Flaw::Unrecorded(0)]);
}

#[test]
fn the_students_forms_fit_the_house_as_it_is_built() {
    use mqtt_playground::core::topic::TopicName;
    let mut d = Draft::start(Scenario::new(3), "es");
    d.edit(Edit::AddDevice("sensor", "aula".into())).unwrap();
    d.edit(Edit::AddDevice("actuator", "luz".into())).unwrap();
    let mut sensor = d.file().scenario.devices[0].clone();
    if let DeviceKind::Sensor { topic, .. } = &mut sensor.kind {
        *topic = TopicName::new("Instituto/Aula1/Temperatura").unwrap();
    }
    d.edit(Edit::SetDevice(0, Box::new(sensor))).unwrap();
    let forms = &d.file().forms;
    let DeviceKind::Actuator { command_topic, .. } = &d.file().scenario.devices[1].kind else {
        panic!("an actuator");
    };
    // The light's orders to publish, the classroom's reading to subscribe to.
    assert_eq!(forms.topic, command_topic.as_str());
    assert_eq!(forms.filter, "Instituto/Aula1/Temperatura");
    assert_eq!(forms.acting, "aula");
}

#[test]
fn accounts_have_practice_passwords_the_file_never_carries() {
    use mqtt_playground::core::scenario::{practice_password, PRACTICE};
    let mut d = house_with_a_goal();
    let mut broker = d.file().scenario.broker.clone();
    broker.allow_anonymous = false;
    broker.users.insert("luz".into(), PRACTICE.into());
    d.edit(Edit::SetBroker(Box::new(broker))).unwrap();
    // Without a password the light is refused: its goal (it connects) is not met.
    assert!(matches!(d.flaws(&["es"]).as_slice(), [Flaw::Unrecorded(0)]));
    let mut luz = d.file().scenario.devices[1].clone();
    luz.username = Some("luz".into());
    luz.password = Some(PRACTICE.into());
    d.edit(Edit::SetDevice(1, Box::new(luz))).unwrap();
    // With its user's practice password it connects (after the file's round trip, which the
    // check makes): now the goal holds before the student does anything.
    assert!(
        matches!(d.flaws(&["es"]).as_slice(), [Flaw::Walk(w)] if format!("{w:?}") == "PassesIdle")
    );
    let json = d.file().to_json();
    let seed = d.file().scenario.seed;
    let password = practice_password(seed, "luz");
    assert!(json.contains(r#""luz": "*""#), "{json}");
    assert!(!json.contains(&password));
    // The same every time; another user or another seed, another password.
    assert_eq!(practice_password(seed, "luz"), password);
    assert_ne!(practice_password(seed, "panel"), password);
    assert_ne!(practice_password(seed + 1, "luz"), password);
    assert!(password.chars().all(|c| c.is_ascii_digit() || c == '-'));
}

#[test]
fn a_goal_naming_a_removed_device_is_a_flaw_with_its_path() {
    let mut d = house_with_a_goal();
    d.edit(Edit::RemoveDevice(1)).unwrap();
    match d.flaws(&["es"]).as_slice() {
        [Flaw::File(e)] => {
            assert_eq!(e.path, "steps[0].goal");
            assert_eq!(e.problem, Problem::NoSuchDevice("luz".into()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_builders_catalogue_has_every_word_in_each_language() {
    use mqtt_playground::core::topic::TopicFilter;
    use mqtt_playground::i18n::build::{BuildMsg, BuildText, BuildWords};
    use mqtt_playground::i18n::Lang;
    let es = BuildWords::read(include_str!("../assets/i18n/builder.es.json"), Lang::Es).unwrap();
    let en = BuildWords::read(include_str!("../assets/i18n/builder.en.json"), Lang::En).unwrap();
    assert_eq!(es.missing(), Vec::<String>::new());
    assert_eq!(en.missing(), Vec::<String>::new());
    for k in BuildText::ALL {
        assert_ne!(es.t(*k), en.t(*k), "{k:?} untranslated");
    }
    let goal = Goal::Within {
        seconds: 30,
        goal: Box::new(Goal::Receives {
            device: "panel".into(),
            topic: TopicFilter::new("Casa/+/Temperatura").ok(),
            payload: Some("21.5".into()),
            retained: None,
            qos: None,
            at_least: 2,
        }),
    };
    assert_eq!(
        es.msg(BuildMsg::Goal(&goal)),
        "panel recibe «21.5» en Casa/+/Temperatura (al menos 2), en los últimos 30 s"
    );
    assert_eq!(
        en.msg(BuildMsg::Goal(&goal)),
        "panel receives “21.5” on Casa/+/Temperatura (at least 2), in the last 30 s"
    );
    assert_eq!(
        es.msg(BuildMsg::StepTitle(2, BuildText::Quiz)),
        "Paso 2: Pregunta"
    );
    assert_eq!(
        en.msg(BuildMsg::Recorded(3)),
        "Solution recorded: 3 actions."
    );
    // Every language the app speaks has its file (the pseudo-locale reads English's).
    for lang in Lang::ALL {
        let path = BuildWords::path(*lang);
        assert!(
            std::path::Path::new("assets").join(&path).exists(),
            "{path}"
        );
    }
}

#[test]
fn a_file_opened_to_edit_is_checked_as_every_change_is() {
    let d = house_with_a_goal();
    let mut v = d.file().to_value();
    assert_eq!(Draft::open(&v.to_string()).unwrap().file(), d.file());
    v["text"]["es"]["intro"] = "x".repeat(2_001).into();
    let e = Draft::open(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.path.as_str(), &e.problem),
        ("text.es", &Problem::TextTooLong(2_000))
    );
    v["id"] = "una lección".into();
    assert!(Draft::open(&v.to_string()).is_err());
}

#[test]
fn a_file_opened_over_a_lesson_is_one_change_undo_takes_back() {
    let mut d = house();
    let before = d.file().clone();
    let opened = house_with_a_goal();
    d.take(opened.clone());
    assert_eq!(d.file(), opened.file());
    assert!(d.undo());
    assert_eq!(d.file(), &before);
    assert!(d.redo());
    assert_eq!(d.file(), opened.file());
}

#[test]
fn a_goal_is_composed_from_the_vocabulary_and_a_bad_field_is_named() {
    use mqtt_playground::core::sim::lessons::pick::{compose, COMPOSED};
    for kind in COMPOSED {
        let g = compose(kind, "panel", "Casa/Cocina/Temperatura", "ON")
            .unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        // What it writes, it reads back.
        let json = mqtt_playground::core::sim::lessons::write::goal_value(&g).to_string();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        use mqtt_playground::core::json_read::{At, FromJson};
        assert_eq!(Goal::read(&v, At::root()).unwrap(), g, "{kind}");
    }
    let e = compose("receives", "panel", "Casa/#/x", "").unwrap_err();
    assert_eq!(e.path, "goal.topic");
    assert_eq!(
        compose("subscriptions", "panel", "", "").unwrap_err().path,
        "goal.filter"
    );
    assert_eq!(
        compose("state", "luz", "", "").unwrap_err().path,
        "goal.state"
    );
    assert!(compose("dance", "luz", "", "").is_err());
    // A composed goal is judged as a picked one: the house's panel, subscribed, receives.
    let g = compose("subscriptions", "panel", "Casa/Cocina/Temperatura", "").unwrap();
    let mut run = Run::new(&house().file().scenario).unwrap();
    assert!(!g.holds(run.world(), run.trace()));
    let subscribe = r#"{"type":"subscribe","device":"panel","filter":"Casa/Cocina/Temperatura"}"#;
    run.apply(Action::from_json(subscribe).unwrap()).unwrap();
    run.run_for(500);
    assert!(g.holds(run.world(), run.trace()));
}
