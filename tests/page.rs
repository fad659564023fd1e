//! The page's logic, natively: pacing at the teaching speed, the parts a change touches, the
//! scrubber's moves, forks and their undo, and the projections taken again after a move.

use std::sync::Arc;

use mqtt_playground::core::misconception::Misconception;
use mqtt_playground::core::sim::lessons::progress::Progress;
use mqtt_playground::core::sim::lessons::{lesson, LessonFile, Step};
use mqtt_playground::core::sim::predict::Given;
use mqtt_playground::core::sim::{Run, World};
use mqtt_playground::core::trace::{TraceEvent, TraceKind};
use mqtt_playground::page::stage::TEACH_MS;
use mqtt_playground::page::{judge_now, Judged, Part, Parts, Place, Shown, Sim, Wanted};

/// Wall milliseconds per frame (60 Hz).
const FRAME: f64 = 1000.0 / 60.0;

/// A lesson's simulation, its file come (as the page fetches it).
fn lesson_sim(id: &str) -> Sim {
    let mut sim = Sim::new(Some(id), None, "es").expect("a built-in lesson");
    sim.judge = judge_now;
    let file = lesson(id).unwrap().file().expect("its file");
    sim.set_plan(Arc::new(file));
    sim
}

/// Plays `ms` of wall time in frames, from wall time `from`; returns the wall time reached.
fn play(sim: &mut Sim, from: f64, ms: f64) -> f64 {
    let mut wall = from;
    while wall < from + ms {
        sim.frame(wall);
        wall += FRAME;
    }
    wall
}

/// Plays lesson `id`'s solution at 4× (its waits a quarter as long), from wall time `from`;
/// returns the wall time reached.
fn solve(sim: &mut Sim, id: &str, from: f64) -> f64 {
    let mut wall = from;
    for step in lesson(id).expect("lesson").solution() {
        wall = play(sim, wall, step.wait_ms as f64 / 4.0);
        sim.apply(step.action)
            .expect("the solution's actions apply");
    }
    wall
}

#[test]
fn the_teaching_speed_draws_every_packet_before_it_arrives() {
    let mut sim = lesson_sim("pubsub");
    assert!(sim.pace.teaching, "lessons open at the teaching speed");
    for free in [Sim::free_play(None, "es"), Sim::new(None, None, "en")] {
        assert!(free.unwrap().pace.teaching, "free play opens at it too");
    }
    let mut wall = 0.0;
    let mut drawn = 0;
    for _ in 0..1_200 {
        sim.frame(wall);
        for f in &sim.seen.stage.flights {
            // A packet drawn for less than TEACH_MS has not arrived yet on the virtual clock.
            if wall - f.wall_start < TEACH_MS - 1.0 {
                if let Some(arrives) = f.arrives {
                    assert!(
                        sim.run.now() < arrives,
                        "{} arrived at {arrives} after {:.0} ms drawn",
                        f.label,
                        wall - f.wall_start
                    );
                }
            }
        }
        drawn = drawn.max(sim.seen.stage.flights.len());
        wall += FRAME;
    }
    assert!(drawn > 0, "packets were drawn");
    // The same 20 s at 1× real time leave the clock further on: teaching waits for pictures.
    let mut quick = lesson_sim("pubsub");
    quick.set_speed(false, 1.0);
    play(&mut quick, 0.0, 1_200.0 * FRAME);
    assert!(quick.run.now() >= sim.run.now());
}

#[test]
fn a_change_names_the_parts_it_touched() {
    let mut sim = lesson_sim("pubsub");
    assert_eq!(sim.take_changed(), Parts::all(), "a new run: everything");
    assert!(sim.take_changed().is_empty());
    sim.set_playing(false);
    let changed = sim.take_changed();
    assert!(changed.contains(Part::Clock) && !changed.contains(Part::Goals));
    assert!(
        changed.contains(Part::Log),
        "where it stopped is shown at once"
    );
    sim.set_speed(false, 2.0);
    assert!(
        sim.take_changed().contains(Part::Stage),
        "packets drawn anew"
    );
    // Paused: frames change nothing.
    play(&mut sim, 0.0, 500.0);
    assert!(sim.take_changed().is_empty());
    // Playing: the clock, the stage, and with events the log, the world and the sequence.
    sim.set_playing(true);
    play(&mut sim, 500.0, 5_000.0);
    let changed = sim.take_changed();
    for part in [
        Part::Clock,
        Part::Stage,
        Part::Log,
        Part::World,
        Part::Sequence,
    ] {
        assert!(changed.contains(part), "{part:?} in {changed:?}");
    }
    assert!(!changed.contains(Part::Run), "the same run");
}

#[test]
fn a_lesson_is_walked_step_by_step_and_tells_the_story() {
    let mut sim = lesson_sim("pubsub");
    sim.set_speed(false, 4.0);
    let mut wall = play(&mut sim, 0.0, 1_000.0);
    sim.take_changed();
    let file = sim.goals.plan.clone().expect("the file came");
    let at = |sim: &Sim| sim.goals.progress.as_ref().unwrap().at;
    let steps = file.steps.len();
    let place = |sim: &Sim| sim.goals.place().expect("the file came");
    // 0: an explanation, read on.
    assert!(matches!(file.steps[0], Step::Explain { .. }));
    assert_eq!(
        place(&sim),
        Place {
            at: 1,
            of: steps,
            asks: false,
            done: false
        },
        "the phone's bar counts steps, as the lesson does"
    );
    assert!(
        sim.predict(Given::Receivers(vec![])).is_err(),
        "not a prediction yet"
    );
    assert!(sim.read_on());
    assert!(sim.take_changed().contains(Part::Goals));
    // 1: who receives the kitchen's next reading? The run waits for the answer: the stage
    // does not show it first.
    assert_eq!(at(&sim), 1);
    assert_eq!(
        place(&sim),
        Place {
            at: 2,
            of: steps,
            asks: true,
            done: false
        },
        "a question waits"
    );
    assert!(
        !sim.pace.player.playing,
        "the run holds while a prediction is open"
    );
    let held = sim.run.now();
    wall = play(&mut sim, wall, 3_000.0);
    assert_eq!(sim.run.now(), held, "no time passes before the answer");
    // Wrongly: the dashboard.
    assert!(!sim.read_on(), "a prediction is answered before reading on");
    sim.predict(Given::Receivers(vec!["panel".into()])).unwrap();
    let Some(Some(Shown::Predicted(v, _))) = sim.goals.shown.get(1) else {
        panic!("the verdict is shown");
    };
    assert!(!v.right);
    assert!(!place(&sim).asks, "answered, it waits no more");
    assert_eq!(v.shows, [Misconception::OnlySubscribersReceive]);
    assert!(
        sim.pace.teaching && sim.pace.player.playing,
        "the stage plays it"
    );
    assert!(
        sim.predict(Given::Receivers(vec![])).is_err(),
        "a prediction takes one answer"
    );
    assert!(sim.read_on());
    // 2: the act step; the goals list is the act steps.
    assert_eq!(sim.goals.count(), (0, 1));
    wall = solve(&mut sim, "pubsub", wall);
    wall = play(&mut sim, wall, 5_000.0);
    assert_eq!(sim.goals.count(), (1, 1));
    assert!(!sim.goals.passed(), "steps are left");
    // The rest: read on, predict right, answer the quiz wrongly then rightly.
    while let Some(step) = sim.goals.progress.as_ref().unwrap().current(&file).cloned() {
        match step {
            Step::Explain { .. } => assert!(sim.read_on()),
            Step::Predict { .. } => {
                sim.predict(Given::Matches(false)).unwrap();
                assert!(sim.read_on());
            }
            Step::Quiz { options, .. } => {
                let wrong = options.iter().position(|o| !o.right).unwrap();
                let right = options.iter().position(|o| o.right).unwrap();
                assert!(!sim.choose(wrong).unwrap().right);
                assert!(sim.choose(right).unwrap().right);
                assert!(sim.read_on());
            }
            Step::Act { .. } => panic!("no act step is left"),
        }
    }
    wall = play(&mut sim, wall, 1_000.0);
    assert!(sim.goals.passed());
    assert_eq!(
        place(&sim),
        Place {
            at: steps,
            of: steps,
            asks: false,
            done: true
        }
    );
    let score = sim.goals.progress.as_ref().unwrap().score(&file);
    assert_eq!((score.predictions_right, score.predictions_wrong), (1, 1));
    assert_eq!(
        (score.quiz_right, score.quiz_wrong),
        (0, 1),
        "the first answer counts"
    );
    assert_eq!(
        score.shown,
        [
            Misconception::OnlySubscribersReceive,
            Misconception::TopicsAreExact
        ]
    );
    assert!(sim.goals.story.is_some(), "the pass tells its message");
    assert!(sim.goals.advice.is_none(), "no advice once passed");
    // Passed stays passed: nothing more to tell the goals' views.
    sim.take_changed();
    play(&mut sim, wall, 2_000.0);
    assert!(!sim.take_changed().contains(Part::Goals));
}

/// How often [`counted`] judged.
static JUDGED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// [`judge_now`], counted.
fn counted(
    file: &LessonFile,
    progress: &Progress,
    world: &World,
    trace: &[TraceEvent],
    wanted: Wanted,
) -> Option<Judged> {
    JUDGED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    judge_now(file, progress, world, trace, wanted)
}

#[test]
fn the_goals_are_judged_only_while_a_step_can_be_met() {
    use std::sync::atomic::Ordering;
    let mut sim = lesson_sim("pubsub");
    sim.judge = counted;
    let judged = || JUDGED.load(Ordering::Relaxed);
    // Reading the explanation and answering the question: nothing to judge (so the page
    // fetches the goals' code only when a goal is open).
    let mut wall = play(&mut sim, 0.0, 2_000.0);
    assert!(sim.read_on());
    sim.predict(Given::Receivers(vec!["panel".into()])).unwrap();
    wall = play(&mut sim, wall, 2_000.0);
    assert_eq!(judged(), 0, "no goal open, no judgement");
    // The act step: judged as the run goes.
    assert!(sim.read_on());
    wall = play(&mut sim, wall, 2_000.0);
    assert!(judged() > 0, "an open goal is judged");
    // Met, then the past shown and left (the next step is no act step): met again.
    sim.set_speed(false, 4.0);
    wall = solve(&mut sim, "pubsub", wall);
    play(&mut sim, wall, 5_000.0);
    assert_eq!(sim.goals.count(), (1, 1));
    let end = sim.end();
    sim.seek(0);
    assert_eq!(
        sim.goals.count(),
        (0, 1),
        "at the start the goal was not met"
    );
    sim.seek(end);
    assert_eq!(sim.goals.count(), (1, 1), "back at the end it is");
}

/// Whether [`gated`]'s code has come.
static CHECKS_HERE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// [`judge_now`] once its code has come (as the page's judge, fetched on first use); `None`
/// before.
fn gated(
    file: &LessonFile,
    progress: &Progress,
    world: &World,
    trace: &[TraceEvent],
    wanted: Wanted,
) -> Option<Judged> {
    (CHECKS_HERE.load(std::sync::atomic::Ordering::Relaxed))
        .then(|| judge_now(file, progress, world, trace, wanted))
        .flatten()
}

#[test]
fn a_judgement_that_waited_for_its_code_comes_on_a_paused_run() {
    let mut sim = lesson_sim("pubsub");
    sim.judge = gated;
    sim.set_speed(false, 4.0);
    let mut wall = play(&mut sim, 0.0, 1_000.0);
    assert!(sim.read_on());
    sim.predict(Given::Receivers(vec!["panel".into()])).unwrap();
    assert!(sim.read_on());
    wall = solve(&mut sim, "pubsub", wall);
    wall = play(&mut sim, wall, 5_000.0);
    assert_eq!(
        sim.goals.count(),
        (0, 1),
        "not judged while the code is coming"
    );
    sim.set_playing(false);
    play(&mut sim, wall, 500.0);
    CHECKS_HERE.store(true, std::sync::atomic::Ordering::Relaxed);
    let now = sim.run.now();
    play(&mut sim, wall + 500.0, 500.0);
    assert_eq!(sim.run.now(), now, "still paused");
    assert_eq!(sim.goals.count(), (1, 1), "judged once its code came");
}

#[test]
fn the_scrubber_goes_back_exactly_and_resumes_at_the_end() {
    let mut sim = lesson_sim("pubsub");
    sim.set_speed(false, 8.0);
    play(&mut sim, 0.0, 4_000.0);
    let end = sim.end();
    assert!(end > 50, "events recorded: {end}");
    assert!(!sim.in_past());
    sim.seek(end / 2);
    assert!(sim.in_past());
    assert!(!sim.pace.player.playing, "the run pauses in its past");
    assert_eq!(sim.end(), end, "the future stays on the scrubber");
    let here = sim.run.trace_total();
    assert!(here >= end / 2 && here < end);
    // The same point as a fresh run stepped there, event for event.
    let mut fresh = Run::new(sim.run.world().scenario()).unwrap();
    while fresh.trace_total() < here {
        fresh.step();
    }
    assert_eq!(fresh.trace(), sim.run.trace());
    // The projections are taken again up to here.
    assert_eq!(sim.seen.log.back(), sim.run.trace().last());
    assert!(sim.take_changed().contains(Part::Log));
    // One step back, one step on, an exchange forward.
    sim.step_back();
    assert!(sim.run.trace_total() < here);
    sim.step_on();
    assert!(sim.run.trace_total() >= here);
    let before = sim.run.trace_total();
    sim.exchange(true);
    let after = sim.run.trace_total();
    assert!(after > before);
    assert!(
        sim.run.trace()[..after as usize]
            .iter()
            .skip(before as usize)
            .any(|e| matches!(e.kind, TraceKind::Transmitted { .. })),
        "an exchange forward passes a packet"
    );
    // At the end the run plays again, as it did before.
    sim.seek(end);
    assert!(!sim.in_past());
    assert!(sim.pace.player.playing);
}

#[test]
fn continuing_from_the_past_forks_and_undo_brings_the_future_back() {
    let mut sim = lesson_sim("pubsub");
    sim.set_speed(false, 8.0);
    play(&mut sim, 0.0, 4_000.0);
    let end = sim.end();
    sim.seek(end / 3);
    let here = sim.run.trace_total();
    sim.continue_here();
    assert!(
        !sim.in_past(),
        "the dropped future is gone from the scrubber"
    );
    assert_eq!(sim.end(), here);
    assert!(sim.pace.player.playing);
    assert!(sim.can_undo_fork());
    sim.undo_fork();
    assert_eq!(sim.end(), end, "the old future is back");
    assert_eq!(
        sim.run.trace_total(),
        here,
        "standing where the fork was made"
    );
    assert!(!sim.pace.player.playing);
    // An action in the past forks too.
    let device = sim.clients().next().unwrap().name.clone();
    sim.apply(
        mqtt_playground::core::sim::Action::from_json(&format!(
            r#"{{"type": "offline", "device": "{device}"}}"#
        ))
        .unwrap(),
    )
    .unwrap();
    assert!(!sim.in_past());
    assert!(sim.can_undo_fork());
}

#[test]
fn the_stage_draws_each_packet_on_its_link_until_it_arrives() {
    use mqtt_playground::core::time::Time;
    use mqtt_playground::page::stage::{Stage, StageNote, NOTE_MS};
    let house = mqtt_playground::core::sim::lessons::free_play("es");
    let mut run = Run::new(&house).unwrap();
    run.run_for(6_000);
    let trace = run.trace();
    let mut stage = Stage::default();
    stage.ingest(trace, run.world(), 0.0);
    let sent = trace
        .iter()
        .filter(|e| matches!(e.kind, TraceKind::Transmitted { .. }))
        .count();
    assert_eq!(stage.flights.len(), sent.min(120), "a flight per packet");
    let first = &stage.flights[0];
    assert_eq!(first.label, "CONNECT");
    assert_eq!(first.kind, "connect");
    assert!(first.to_broker);
    assert!(stage
        .notes
        .iter()
        .any(|(_, n)| matches!(n, StageNote::Filter { .. })));
    assert!(
        !stage
            .notes
            .iter()
            .any(|(_, n)| matches!(n, StageNote::Retained { topic } if topic.starts_with('$'))),
        "the broker's $SYS stays off the stage"
    );
    // Arrived packets leave; notes leave after NOTE_MS.
    stage.prune(run.now(), NOTE_MS + 1.0, false);
    assert!(stage
        .flights
        .iter()
        .all(|f| f.arrives.is_none_or(|a| a >= run.now())));
    assert!(stage.notes.is_empty());
    stage.prune(Time::from_millis(u64::MAX / 2), NOTE_MS + 1.0, false);
    assert!(stage.is_empty());
}

#[test]
fn a_first_screen_needs_no_file_reader_and_a_lesson_waits_for_its_own() {
    // Free play built in code runs as the house read from its file does.
    let mut built = Sim::free_play(Some(7), "es").unwrap();
    let mut read = Sim::new(None, Some(7), "es").unwrap();
    play(&mut built, 0.0, 3_000.0);
    play(&mut read, 0.0, 3_000.0);
    assert_eq!(built.run.trace(), read.run.trace());
    assert!(!built.run.trace().is_empty());
    // A lesson's place while its part comes: named, empty, paused, not passed.
    let waiting = Sim::awaiting(lesson("queue").unwrap(), Some(3)).unwrap();
    assert_eq!(waiting.lesson.map(|l| l.id), Some("queue"));
    assert!(waiting.run.world().scenario().devices.is_empty());
    assert_eq!(waiting.run.world().scenario().seed, 3);
    assert!(!waiting.pace.player.playing);
    assert!(!waiting.goals.passed());
}

#[test]
fn the_stage_says_what_changed_at_most_once_a_second() {
    use mqtt_playground::page::announce::{Announcer, Turn};
    let house = |light: &str, reading: &str| {
        vec![
            ("luz-salon".to_string(), light.to_string()),
            ("sensor-cocina".to_string(), reading.to_string()),
        ]
    };
    let mut said = Announcer::default();
    said.see(house("apagada", "21.0 °C"));
    assert_eq!(
        said.turn(0.0),
        Turn::Quiet,
        "a house that opens is not announced"
    );
    said.see(house("encendida", "21.0 °C"));
    let say = |list: &[(&str, &str)]| {
        Turn::Say(
            (list.iter())
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect(),
        )
    };
    assert_eq!(said.turn(10.0), say(&[("luz-salon", "encendida")]));
    // Within the second: it waits, and then says both changes, in the order they came.
    said.see(house("encendida", "21.5 °C"));
    assert_eq!(said.turn(400.0), Turn::Wait(610.0));
    said.see(house("apagada", "22.0 °C"));
    assert_eq!(said.turn(600.0), Turn::Wait(410.0));
    assert_eq!(
        said.turn(1010.0),
        say(&[("sensor-cocina", "22.0 °C"), ("luz-salon", "apagada")])
    );
    assert_eq!(said.turn(1020.0), Turn::Quiet);
    // Another house is taken as it is.
    said.see(vec![("movil".to_string(), "sin mensajes".to_string())]);
    assert_eq!(said.turn(5000.0), Turn::Quiet);
}

#[test]
fn free_play_presets_name_its_own_house_in_each_language() {
    for content in ["es", "en"] {
        let sim = Sim::free_play(None, content).expect("free play");
        let forms = sim.forms();
        let acting = forms.acting().expect("an acting device");
        assert!(
            sim.run.world().device(&acting).is_some(),
            "{content}: {acting} is in the house"
        );
        // The publish form's topic is the light's command topic: the order switches it.
        let light = (sim.run.world().scenario().devices.iter())
            .find_map(|d| match &d.kind {
                mqtt_playground::core::scenario::DeviceKind::Actuator { command_topic, .. } => {
                    Some(command_topic.as_str().to_string())
                }
                _ => None,
            })
            .expect("a light");
        assert_eq!(forms.topic, light, "{content}");
    }
}

#[test]
fn a_phone_shows_its_last_message_and_a_dashboard_says_each_value_it_shows() {
    use mqtt_playground::core::sim::picture::{Face, Measure, Switch};
    use mqtt_playground::i18n::{Lang, Msg};
    let phone = Face::Phone(3, Some(("Casa/Salon/Luz".into(), "ON".into())));
    assert_eq!(Msg::Face(&phone).render(Lang::Es), "3 mensajes · «ON»");
    assert_eq!(Msg::Face(&phone).render(Lang::En), "3 messages · “ON”");
    assert_eq!(
        Msg::Face(&Face::Phone(0, None)).render(Lang::Es),
        "sin mensajes"
    );
    // What shows nothing yet (the stage then says whether the device is connected).
    assert!(Face::Phone(0, Some(("Casa".into(), "ding".into()))).is_blank());
    assert!(!phone.is_blank());
    assert!(Face::Sensor(Measure::Temperature, None).is_blank());
    assert!(!Face::Sensor(Measure::Temperature, Some("21.5".into())).is_blank());
    assert!(Face::Dashboard(vec![], 0).is_blank());
    assert!(!Face::Light(Switch::Off).is_blank());
    let panel = Face::Dashboard(
        vec![
            ("Casa/Cocina/Temperatura".into(), "21.5".into()),
            ("Casa/Salon/Luz".into(), "ON".into()),
        ],
        2,
    );
    // Under its icon, each value in its measure, in its topics' order, after what tells its
    // topic from the others' (a unit says the last level); to a screen reader, each with its
    // topic.
    // A single value is said with its topic's last level.
    assert_eq!(
        Msg::Face(&panel).render(Lang::Es),
        "Cocina 21.5 °C · Salon/Luz «ON»"
    );
    assert_eq!(
        Msg::Face(&panel).render(Lang::En),
        "Cocina 21.5 °C · Salon/Luz “ON”"
    );
    // A light and its orders: each told by what is left of its topic, in the topics' order.
    let light = Face::Dashboard(
        vec![
            ("Casa/Hab1/Luz".into(), "ON".into()),
            ("Casa/Hab1/Luz/Orden".into(), "TOGGLE".into()),
            ("Casa/Hab0/Luz".into(), "OFF".into()),
        ],
        3,
    );
    assert_eq!(
        Msg::Face(&light).render(Lang::Es),
        "Hab0/Luz «OFF» · Hab1/Luz «ON» · Hab1/Luz/Orden «TOGGLE»"
    );
    let one_room = Face::Dashboard(
        vec![
            ("Casa/Salon/Humedad".into(), "40".into()),
            ("Casa/Salon/Temperatura".into(), "21.5".into()),
        ],
        2,
    );
    assert_eq!(
        Msg::Face(&one_room).render(Lang::Es),
        "Humedad 40 % · Temperatura 21.5 °C"
    );
    let one = Face::Dashboard(vec![("Casa/Cocina/Temperatura".into(), "21.5".into())], 1);
    assert_eq!(Msg::Face(&one).render(Lang::Es), "Temperatura: 21.5");
    let said = Msg::FaceSaid {
        name: "panel",
        face: &panel,
        tags: "Casa/#",
        status: "conectado",
        choose: false,
    }
    .render(Lang::Es);
    assert_eq!(
        said,
        "panel: Casa/Cocina/Temperatura: 21.5, Casa/Salon/Luz: ON · Casa/#; conectado"
    );
}

#[test]
fn the_progress_kept_reads_back_as_written() {
    use mqtt_playground::core::misconception::Misconception;
    use mqtt_playground::core::sim::lessons::LESSONS;
    use mqtt_playground::page::stored::words;
    // Written by serde_json (as the page saves it), read back by hand: every lesson's id and
    // every mistake's name, in order.
    let ids: Vec<&str> = (LESSONS.iter().map(|l| l.id))
        .chain(Misconception::ALL.iter().map(|m| m.name()))
        .collect();
    let json = serde_json::to_string(&ids).unwrap();
    assert_eq!(words(&json).unwrap(), ids);
    assert_eq!(words(" [ \"a-1\" , \"b_2\" ] ").unwrap(), ["a-1", "b_2"]);
    assert_eq!(words("[]").unwrap(), Vec::<String>::new());
    // What is not a plain word is left out; what is not a list is nothing.
    assert_eq!(
        words(r#"["pubsub", "x\"y", 3, "", "queue"]"#).unwrap(),
        ["pubsub", "queue"]
    );
    for bad in ["", "{}", "[\"pubsub\"", "null", "pubsub"] {
        assert_eq!(words(bad), None, "{bad}");
    }
}

#[test]
fn an_act_step_names_the_control_it_asks_for() {
    use mqtt_playground::core::sim::lessons::file::Step;
    use mqtt_playground::core::sim::lessons::lesson;
    use mqtt_playground::page::lesson::{control, Control};
    let asked = |id: &str| -> Vec<Option<Control>> {
        let file = lesson(id).unwrap().file().unwrap();
        (file.steps.iter())
            .filter_map(|s| match s {
                Step::Act { goal, .. } => Some(goal.asked().and_then(|(a, d)| control(a, d))),
                _ => None,
            })
            .collect()
    };
    // The queue lesson: take the phone offline (its button), then make its session
    // persistent (the box in its settings, opened first); watching and coming back have no one
    // control.
    let online = Control {
        testid: "device-online-movil".into(),
        within: None,
        acting: Some(("movil".into(), "acting-online")),
    };
    let clean = Control {
        testid: "clean-movil".into(),
        within: Some("editor-movil".into()),
        acting: None,
    };
    assert_eq!(asked("queue"), [Some(online), Some(clean), None, None]);
    // The broker's settings are no device's: no control named.
    assert_eq!(control("set_broker", None), None);
    assert_eq!(control("publish", Some("movil")), None);
}

#[test]
fn a_publish_from_a_device_with_no_connection_says_so_on_the_stage() {
    use mqtt_playground::core::sim::Action;
    use mqtt_playground::page::stage::{Stage, StageNote};
    let house = mqtt_playground::core::sim::lessons::free_play("es");
    let mut run = Run::new(&house).unwrap();
    run.run_for(3_000);
    let act = |json: &str| Action::from_json(json).unwrap();
    run.apply(act(r#"{"type":"offline","device":"movil"}"#))
        .unwrap();
    run.run_for(500);
    for qos in [0, 1] {
        let publish = format!(
            r#"{{"type":"publish","device":"movil","topic":"Casa/Salon/Luz/Orden","payload":"ON","qos":{qos}}}"#
        );
        run.apply(act(&publish)).unwrap();
    }
    run.run_for(10);
    let mut stage = Stage::default();
    stage.ingest(run.trace(), run.world(), 0.0);
    let said: Vec<String> = (stage.notes.iter())
        .filter_map(|(_, n)| match n {
            StageNote::NotSent { device, lost } => Some(format!("{device} {lost}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        said,
        ["movil true", "movil false"],
        "QoS 0 lost, QoS 1 waiting"
    );
    use mqtt_playground::i18n::{Lang, Msg};
    assert_eq!(
        Msg::NoteNotSent {
            device: "movil",
            lost: true
        }
        .render(Lang::Es),
        "movil sin conexión: mensaje QoS 0 perdido"
    );
    assert_eq!(
        Msg::NoteNotSent {
            device: "movil",
            lost: false
        }
        .render(Lang::En),
        "movil offline: the message waits"
    );
}
