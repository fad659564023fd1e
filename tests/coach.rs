//! The lesson's coach and the journey told as a story, on real runs of the lessons: the
//! wrong device and a filter that fails at a level are named, nothing is said before the
//! student acts or once the message arrives; a retained message's journey counts its new
//! subscriber and tells each delivery once.

use mqtt_playground::core::codec::Version;
use mqtt_playground::core::journey::{Journey, Line};
use mqtt_playground::core::sim::lessons::coach::{advise, story_msg};
use mqtt_playground::core::sim::lessons::{lesson, Advice};
use mqtt_playground::core::sim::{Action, Run};
use mqtt_playground::core::trace::TraceKind;

fn pubsub() -> Run {
    let l = lesson("pubsub").unwrap();
    Run::new(&l.scenario().unwrap()).unwrap()
}

fn subscribe(r: &mut Run, device: &str, filter: &str) {
    let json = format!(r#"{{"type":"subscribe","device":"{device}","filter":"{filter}"}}"#);
    r.apply(Action::from_json(&json).unwrap()).unwrap();
}

fn advice(r: &Run) -> Option<Advice> {
    advise(&lesson("pubsub").unwrap().watch(), r.world(), r.trace())
}

#[test]
fn nothing_is_said_before_the_student_acts() {
    let mut r = pubsub();
    r.run_until(r.now() + 6_000, usize::MAX);
    assert_eq!(advice(&r), None);
}

#[test]
fn the_wrong_device_subscribed_is_named() {
    let mut r = pubsub();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "cocina", "Casa/Cocina/Temperatura");
    r.run_until(r.now() + 3_000, usize::MAX);
    match advice(&r) {
        Some(Advice::WrongDevice { wanted, got, topic }) => {
            assert_eq!((wanted.as_str(), got.as_str()), ("panel", "cocina"));
            assert_eq!(topic.as_str(), "Casa/Cocina/Temperatura");
        }
        other => panic!("expected the wrong device, got {other:?}"),
    }
}

#[test]
fn a_lower_case_filter_fails_at_level_one_and_the_right_one_silences_the_coach() {
    let mut r = pubsub();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "panel", "casa/cocina/temperatura");
    r.run_until(r.now() + 3_000, usize::MAX);
    let a = advice(&r).expect("advice");
    assert!(matches!(&a, Advice::FilterMissed { device, .. } if device == "panel"));
    assert_eq!(a.failed_level(), Some(1));
    subscribe(&mut r, "panel", "Casa/Cocina/Temperatura");
    r.run_until(r.now() + 3_000, usize::MAX);
    assert_eq!(advice(&r), None);
    let l = lesson("pubsub").unwrap();
    assert!(l.passed(r.world(), r.trace()));
    // The story of the pass is a message panel got.
    let msg = story_msg(&l.watch(), r.world(), r.trace()).expect("a message");
    let j = Journey::gather(r.trace(), msg).unwrap();
    let story = j.story(Version::V311);
    assert!(
        matches!(&story[0], Line::Published { from: Some(f), payload: Some(_), .. } if &**f == "cocina")
    );
    assert!(story.iter().any(
        |l| matches!(l, Line::Delivered { client, retained: false, .. } if &**client == "panel")
    ));
}

#[test]
fn a_device_offline_is_said_to_be_offline() {
    let mut r = pubsub();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "panel", "Casa/Cocina/Temperatura");
    r.apply(Action::from_json(r#"{"type":"offline","device":"panel"}"#).unwrap())
        .unwrap();
    r.run_until(r.now() + 5_000, usize::MAX);
    assert!(matches!(advice(&r), Some(Advice::Offline { device }) if device == "panel"));
}

#[test]
fn a_retained_message_tells_its_new_subscriber_once_and_counts_it() {
    let mut r = pubsub();
    r.run_until(r.now() + 1_000, usize::MAX);
    r.apply(
        Action::from_json(
            r#"{"type":"publish","device":"cocina","topic":"Casa/Nota","payload":"hola","retain":true}"#,)
        .unwrap(),)
    .unwrap();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "panel", "Casa/#");
    r.run_until(r.now() + 1_000, usize::MAX);
    let msg = r
        .trace()
        .iter()
        .find_map(|e| match &e.kind {
            TraceKind::Published { msg, topic, .. } if topic.as_str() == "Casa/Nota" => Some(*msg),
            _ => None,
        })
        .unwrap();
    let j = Journey::gather(r.trace(), msg).unwrap();
    assert_eq!(j.reach(), (1, 1), "panel got it and counts as reached");
    let story = j.story(Version::V311);
    let panel: Vec<_> = story
        .iter()
        .filter(|l| matches!(l, Line::Delivered { client, .. } if &**client == "panel"))
        .collect();
    assert_eq!(panel.len(), 1, "{story:?}");
    assert!(matches!(panel[0], Line::Delivered { retained: true, .. }));
    assert!(story.contains(&Line::Retained));
}

#[test]
fn a_device_whose_own_goal_wants_the_message_is_not_the_wrong_device() {
    // Lesson 2: panel subscribed rightly; todo (the second goal's device) has no subscription yet.
    let l = lesson("wildcards").unwrap();
    let mut r = Run::new(&l.scenario().unwrap()).unwrap();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "panel", "Casa/+/Temperatura");
    r.run_until(r.now() + 4_000, usize::MAX);
    match advise(&l.watch(), r.world(), r.trace()) {
        Some(Advice::NotSubscribed { device, .. }) => assert_eq!(device, "todo"),
        other => panic!("expected todo to be not subscribed, got {other:?}"),
    }
}

#[test]
fn lesson_2s_second_goal_is_never_met_by_a_filter_that_takes_the_garden() {
    let l = lesson("wildcards").unwrap();
    let mut r = Run::new(&l.scenario().unwrap()).unwrap();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "todo", "#");
    for _ in 0..30 {
        r.run_until(r.now() + 500, usize::MAX);
        assert!(!l.check(r.world(), r.trace())[1], "at {}", r.now());
    }
    // Casa/# is the answer.
    r.apply(Action::from_json(r##"{"type":"unsubscribe","device":"todo","filter":"#"}"##).unwrap())
        .unwrap();
    subscribe(&mut r, "todo", "Casa/#");
    r.run_until(r.now() + 15_000, usize::MAX);
    assert!(l.check(r.world(), r.trace())[1]);
}

#[test]
fn a_story_names_the_filters_that_missed_and_tells_what_followed_in_order() {
    let mut r = pubsub();
    r.run_until(r.now() + 1_000, usize::MAX);
    subscribe(&mut r, "panel", "casa/cocina/temperatura");
    subscribe(&mut r, "panel", "Casa/Cocina/Temperatura");
    r.run_until(r.now() + 4_000, usize::MAX);
    let msg = story_msg(&lesson("pubsub").unwrap().watch(), r.world(), r.trace()).unwrap();
    let story = Journey::gather(r.trace(), msg)
        .unwrap()
        .story(Version::V311);
    assert!(
        story.iter().any(|l| matches!(l, Line::NotMatched { filter, .. } if filter.filter() == "casa/cocina/temperatura")),
        "{story:?}"
    );
}

#[test]
fn the_queue_lesson_s_story_is_a_message_the_broker_kept_then_delivered() {
    let l = lesson("queue").unwrap();
    let mut r = Run::new(&l.scenario().unwrap()).unwrap();
    for step in l.solution() {
        r.run_for(step.wait_ms);
        r.apply(step.action).unwrap();
    }
    // Back online, the phone gets the queue, then rings live again.
    r.run_for(8_000);
    let msg = story_msg(&l.watch(), r.world(), r.trace()).expect("a message");
    let story = Journey::gather(r.trace(), msg)
        .unwrap()
        .story(Version::V311);
    assert!(
        story
            .iter()
            .any(|l| matches!(l, Line::Queued(c) if &**c == "movil")),
        "{story:?}"
    );
    assert!(story
        .iter()
        .any(|l| matches!(l, Line::Delivered { client, .. } if &**client == "movil")));
}
