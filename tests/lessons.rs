//! Every lesson file: it reads and checks (every text in Spanish and English), it does not
//! pass when left alone, and a student who follows its steps with its solution meets them
//! in order — each prediction answered as the engine computes it, each trap named as the
//! misconception it is built for.

use mqtt_playground::core::misconception::Misconception;
use mqtt_playground::core::sim::lessons::file::{LessonFile, Step};
use mqtt_playground::core::sim::lessons::progress::{
    play_solution, Progress, Record, Walk, WalkError,
};
use mqtt_playground::core::sim::lessons::LESSONS;
use mqtt_playground::core::sim::Run;
use mqtt_playground::i18n::Lang;

fn files() -> Vec<LessonFile> {
    LESSONS
        .iter()
        .map(|l| l.file().unwrap_or_else(|e| panic!("{}: {e:?}", l.id)))
        .collect()
}

#[test]
fn every_lesson_file_reads_with_both_languages() {
    for (l, f) in LESSONS.iter().zip(files()) {
        assert_eq!(f.id, l.id);
        assert_eq!(f.scenario.lesson.as_deref(), Some(l.id));
        assert!(
            f.missing_languages(&["es", "en"]).is_empty(),
            "{}: {:?}",
            l.id,
            f.missing_languages(&["es", "en"])
        );
        assert_eq!(f.forms.topic, l.forms.topic, "the index is the file's");
    }
}

#[test]
fn every_text_is_written_in_each_language() {
    for (l, f) in LESSONS.iter().zip(files()) {
        assert!(Lang::Es.t(l.title()) != Lang::En.t(l.title()), "{}", l.id);
        let (es, en) = (Lang::Es.lesson_text(&f), Lang::En.lesson_text(&f));
        assert_eq!(es.hints.len(), en.hints.len(), "{}", l.id);
        let mut pairs: Vec<(String, String)> = vec![(es.intro, en.intro)];
        pairs.extend(es.hints.into_iter().zip(en.hints));
        for step in &f.steps {
            let words = match step {
                Step::Explain { text, .. } | Step::Act { text, .. } => vec![text],
                Step::Predict { text, explain, .. } => vec![text, explain],
                Step::Quiz { text, options } => {
                    let mut all = vec![text];
                    for o in options {
                        all.push(&o.text);
                        all.extend(o.feedback.as_ref());
                    }
                    all
                }
            };
            pairs.extend(
                words
                    .into_iter()
                    .map(|w| (Lang::Es.words(w), Lang::En.words(w))),
            );
        }
        for (es, en) in pairs {
            assert!(
                !es.is_empty() && !en.is_empty() && es != en,
                "{}: {es:?} / {en:?}",
                l.id
            );
        }
    }
}

#[test]
fn every_lesson_passes_with_its_solution_steps_in_order() {
    for f in files() {
        let walk = play_solution(&f).unwrap_or_else(|e| panic!("{}: {e:?}", f.id));
        assert_eq!(walk.steps, f.steps.len());
    }
}

#[test]
fn a_step_is_not_met_out_of_order() {
    let f = LESSONS[0].file().unwrap();
    let mut run = Run::new(&f.scenario).unwrap();
    let mut p = Progress::new(&f, run.now());
    // Solve every act step at once, first.
    for s in f.solution() {
        run.run_for(s.wait_ms);
        run.apply(s.action).unwrap();
    }
    run.run_for(10_000);
    let first_act = f
        .steps
        .iter()
        .position(|s| matches!(s, Step::Act { .. }))
        .unwrap();
    if first_act > 0 {
        assert!(
            !p.judge(&f, run.world(), run.trace()),
            "an act step waits its turn"
        );
        assert_eq!(p.records[first_act], Record::Open);
    }
}

/// Lesson 2's file, changed by `edit`, read and walked.
fn walk_changed(edit: impl Fn(&mut serde_json::Value)) -> Result<Walk, WalkError> {
    let path = format!("{}/lessons/{}", env!("CARGO_MANIFEST_DIR"), LESSONS[1].file);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut v);
    let file = LessonFile::from_json(&v.to_string()).expect("still a valid file");
    play_solution(&file)
}

#[test]
fn the_walk_says_why_a_lesson_does_not_pass() {
    // A trap whose answer is right is no trap.
    let e = walk_changed(|v| v["steps"][1]["trap"]["answer"] = false.into());
    assert_eq!(e, Err(WalkError::TrapMissed(1, Vec::new())));
    // A trap that names the wrong misconception.
    let e = walk_changed(|v| v["steps"][1]["trap"]["shows"] = "qos_is_the_lower".into());
    assert_eq!(
        e,
        Err(WalkError::TrapMissed(
            1,
            vec![Misconception::PlusIsOneLevel]
        ))
    );
    // An act step whose solution is gone is never met.
    let e = walk_changed(|v| v["steps"][2]["solution"] = serde_json::json!([]));
    assert_eq!(e, Err(WalkError::GoalNotMet(2)));
    // A goal that holds before its step's solution is done.
    let e = walk_changed(|v| {
        v["steps"][2]["goal"] = serde_json::json!({"type": "sent", "device": "cocina"})
    });
    assert_eq!(e, Err(WalkError::MetBeforeActing(2)));
    // Goals that hold with nothing done.
    let e = walk_changed(|v| {
        for k in [2, 4] {
            v["steps"][k]["goal"] = serde_json::json!({"type": "sent", "device": "cocina"});
        }
    });
    assert_eq!(e, Err(WalkError::PassesIdle));
}

#[test]
fn a_bad_file_is_refused_with_the_path_of_its_mistake() {
    let path = format!("{}/lessons/{}", env!("CARGO_MANIFEST_DIR"), LESSONS[1].file);
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        edit(&mut v);
        LessonFile::from_json(&v.to_string()).unwrap_err().path
    };
    assert_eq!(
        refused(&|v| v["steps"][2]["goal"]["device"] = "nadie".into()),
        "steps[2].goal"
    );
    assert_eq!(
        refused(&|v| v["steps"][0]["point"][0] = serde_json::json!({"packet": "HELLO"})),
        "steps[0].point[0].packet"
    );
    assert_eq!(
        refused(&|v| v["steps"][1]["trap"]["shows"] = "typo".into()),
        "steps[1].trap.shows"
    );
    assert_eq!(
        refused(&|v| v["steps"][1]["ask"]["filter"] = "Casa/#/x".into()),
        "steps[1].ask.filter"
    );
    assert_eq!(
        refused(&|v| v["scenario"]["devices"][0]["kind"]["topic"] = "a/+".into()),
        "scenario.devices[0].kind.topic"
    );
    assert_eq!(refused(&|v| v["format"] = 2.into()), "format");
    assert_eq!(refused(&|v| v["steps"][3]["wat"] = 1.into()), "steps[3]");
    // A text missing a language is found by the author's check.
    let mut v = good.clone();
    v["steps"][0]["text"].as_object_mut().unwrap().remove("en");
    let f = LessonFile::from_json(&v.to_string()).unwrap();
    assert_eq!(
        f.missing_languages(&["es", "en"])[0].path,
        "steps[0].text.en"
    );
}

#[test]
fn each_misconception_is_worked_on_by_the_lesson_it_suggests() {
    for m in Misconception::ALL {
        let f = mqtt_playground::core::sim::lessons::lesson(m.lesson())
            .and_then(|l| l.file().ok())
            .unwrap_or_else(|| panic!("{m:?}: no lesson {}", m.lesson()));
        let named = f.steps.iter().any(|s| match s {
            Step::Predict { trap: Some(t), .. } => t.shows == m,
            Step::Quiz { options, .. } => options.iter().any(|o| o.shows == Some(m)),
            _ => false,
        });
        assert!(named, "{m:?}: lesson {} never names it", f.id);
    }
}

#[test]
fn a_lesson_file_written_reads_back_the_same() {
    for mut f in files() {
        let written = f.to_json();
        let back = LessonFile::from_json(&written).unwrap_or_else(|e| panic!("{}: {e:?}", f.id));
        f.scenario.strip_secrets();
        assert_eq!(back, f, "{}", f.id);
        // And again: writing is stable.
        assert_eq!(back.to_json(), written, "{}", f.id);
    }
}

/// Lesson 3's step "make the session persistent, connect, go offline again" is met only once
/// the phone, connected with that session, has gone offline again: not while it connects (a
/// connection on its way is not online either), nor while it is connected.
#[test]
fn the_queue_lesson_waits_for_the_phone_to_go_offline_with_its_persistent_session() {
    use mqtt_playground::core::scenario::action::Action;
    let f = LESSONS
        .iter()
        .find(|l| l.id == "queue")
        .unwrap()
        .file()
        .unwrap();
    let goal = (f.steps.iter())
        .find_map(|s| match s {
            Step::Act { goal, .. } if format!("{goal:?}").contains("set_clean_session") => {
                Some(goal.clone())
            }
            _ => None,
        })
        .expect("the persistent-session step");
    let act = |run: &mut Run, json: &str| run.apply(Action::from_json(json).unwrap()).unwrap();
    let mut run = Run::new(&f.scenario).unwrap();
    run.run_for(1_000);
    act(&mut run, r#"{"type":"offline","device":"movil"}"#);
    run.run_for(1_000);
    act(
        &mut run,
        r#"{"type":"set_clean_session","device":"movil","clean":false}"#,
    );
    act(&mut run, r#"{"type":"online","device":"movil"}"#);
    // Millisecond by millisecond: the broker takes the session before the phone hears back.
    for _ in 0..2_000 {
        run.run_for(1);
        assert!(
            !goal.holds(run.world(), run.trace()),
            "met at {:?}, before the phone went offline again",
            run.now()
        );
    }
    act(&mut run, r#"{"type":"offline","device":"movil"}"#);
    run.run_for(200);
    assert!(goal.holds(run.world(), run.trace()));
}
