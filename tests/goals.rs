//! Goals written as data give the same answers as the built-in lessons' coded checks, at every
//! step of each lesson's solution (and at its start, where none holds), and a bad goal is
//! refused with its path.

use mqtt_playground::core::json_read::{At, FromJson};
use mqtt_playground::core::sim::lessons::goals::Goal;
use mqtt_playground::core::sim::lessons::lesson;
use mqtt_playground::core::sim::Run;

/// The lessons the vocabulary covers so far, with their goals as data.
const AS_DATA: &[(&str, &str)] = &[
    (
        "pubsub",
        r#"[{"type": "receives", "device": "panel", "topic": "Casa/Cocina/Temperatura"}]"#,
    ),
    (
        "wildcards",
        r#"[{"type": "all", "goals": [
              {"type": "subscriptions", "device": "panel", "count": 1},
              {"type": "receives_exactly", "device": "panel", "topics":
                ["Casa/Cocina/Temperatura", "Casa/Salon/Temperatura", "Casa/Dormitorio/Temperatura"]}]},
            {"type": "all", "goals": [
              {"type": "subscriptions", "device": "todo", "not": ["Jardin/Temperatura"]},
              {"type": "receives_exactly", "device": "todo", "topics":
                ["Casa/Cocina/Temperatura", "Casa/Salon/Temperatura", "Casa/Dormitorio/Temperatura",
                 "Casa/Cocina/Humedad"]}]}]"#,
    ),
    (
        "queue",
        r#"[{"type": "queued", "device": "movil"}, {"type": "queue_delivered", "device": "movil"}]"#,
    ),
    (
        "retained",
        r#"[{"type": "receives", "device": "pantalla", "topic": "Casa/Jardin/Riego", "retained": true}]"#,
    ),
    (
        "will",
        r#"[{"type": "all", "goals": [{"type": "will_fired", "device": "nevera"},
              {"type": "receives", "device": "panel", "topic": "Casa/Cocina/Nevera/Estado",
               "payload": "desconectada"}]}]"#,
    ),
    (
        "house",
        r#"[{"type": "all", "goals": [{"type": "state", "device": "luz-salon", "state": "ON"},
              {"type": "receives", "device": "panel", "topic": "Casa/Salon/Luz", "payload": "ON"}]}]"#,
    ),
    (
        "filters",
        r#"[{"type": "receives_exactly", "device": "reto1", "topics": ["Casa/Cocina/Temperatura", "Casa/Salon/Temperatura"]},
            {"type": "receives_exactly", "device": "reto2", "topics": ["Casa/Garaje/Puerta", "Casa/Garaje/Luz/Estado"]},
            {"type": "receives_exactly", "device": "reto3", "topics":
              ["Casa/Cocina/Temperatura", "Casa/Salon/Temperatura", "Jardin/Temperatura"]}]"#,
    ),
];

fn goals(json: &str) -> Vec<Goal> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    Vec::<Goal>::read(&v, At::root()).expect("goals")
}

#[test]
fn goals_as_data_agree_with_the_coded_checks_along_each_solution() {
    for (id, json) in AS_DATA {
        let l = lesson(id).expect("a lesson");
        let data = goals(json);
        assert_eq!(data.len(), l.goals, "{id}: one goal each");
        let mut run = Run::new(&l.scenario().unwrap()).unwrap();
        let judge = |run: &Run| -> (Vec<bool>, Vec<bool>) {
            let (w, t) = (run.world(), run.trace());
            (l.check(w, t), data.iter().map(|g| g.holds(w, t)).collect())
        };
        let (coded, ours) = judge(&run);
        assert_eq!(ours, coded, "{id} at the start");
        for (i, step) in l.solution().into_iter().enumerate() {
            // Judged along the wait too, not only after the action.
            for _ in 0..4 {
                run.run_for(step.wait_ms / 4);
                let (coded, ours) = judge(&run);
                assert_eq!(ours, coded, "{id}, step {i}, at {}", run.now());
            }
            run.apply(step.action).unwrap();
        }
        // Long enough for a broker to notice a silent client (keep-alive × 1.5).
        for _ in 0..6 {
            run.run_for(10_000);
            let (coded, ours) = judge(&run);
            assert_eq!(ours, coded, "{id} after the solution, at {}", run.now());
        }
        let (_, ours) = judge(&run);
        assert!(
            ours.iter().all(|g| *g),
            "{id}: the solution passes: {ours:?}"
        );
    }
}

#[test]
fn a_bad_goal_is_refused_with_its_path() {
    let v: serde_json::Value =
        serde_json::from_str(r#"[{"type": "receives", "device": "panel", "topic": "Casa/#/x"}]"#)
            .unwrap();
    let e = Vec::<Goal>::read(&v, At::root()).unwrap_err();
    assert_eq!(e.path, "[0].topic");
    let v: serde_json::Value =
        serde_json::from_str(r#"[{"type": "teleports", "device": "a"}]"#).unwrap();
    assert_eq!(Vec::<Goal>::read(&v, At::root()).unwrap_err().path, "[0]");
}
