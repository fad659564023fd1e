//! Property tests for topics: the fast matcher, `explain` and a plain level-by-level reference
//! always agree.
#![cfg(not(target_arch = "wasm32"))]

mod strategies;

use mqtt_playground::core::topic::{explain, TopicFilter, TopicName};
use proptest::prelude::*;

/// The matching rules written as plainly as possible, as the reference.
fn reference(filter: &TopicFilter, topic: &TopicName) -> bool {
    let f: Vec<&str> = filter.levels().collect();
    let t: Vec<&str> = topic.levels().collect();
    if topic.as_str().starts_with('$') && (f[0] == "+" || f[0] == "#") {
        return false;
    }
    for (i, level) in f.iter().enumerate() {
        match *level {
            "#" => return true,
            "+" if i < t.len() => {}
            l if t.get(i) == Some(&l) => {}
            _ => return false,
        }
    }
    f.len() == t.len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn matcher_explain_and_reference_agree(
        filter in strategies::filter(),
        topic in strategies::topic(),
        // Also topics built from the filter's own levels, so that matches are common.
        fill in proptest::collection::vec("[a-z]{0,2}", 0..6),
    ) {
        let mut derived: Vec<String> = filter
            .levels()
            .enumerate()
            .map(|(i, l)| match l {
                "+" | "#" => fill.get(i).cloned().unwrap_or_default(),
                other => other.to_owned(),
            })
            .collect();
        if fill.len() > 4 {
            derived.push("extra".into());
        }
        for t in [topic, TopicName::new(derived.join("/")).unwrap_or_else(|_| TopicName::new("x").unwrap())] {
            let want = reference(&filter, &t);
            prop_assert_eq!(filter.matches(&t), want, "matches({}, {})", filter, t);
            let story = explain(&filter, &t);
            prop_assert_eq!(story.matched, want, "explain({}, {})", filter, t);
            // The steps are the levels in order, with the filter's and the topic's own texts;
            // only the last may fail, and it does exactly when there is no match.
            let (f, tl): (Vec<&str>, Vec<&str>) = (filter.filter().split('/').collect(), t.levels().collect());
            let steps: Vec<_> = story.steps().collect();
            prop_assert!(!steps.is_empty() || want);
            for (i, s) in steps.iter().enumerate() {
                prop_assert_eq!(s.level as usize, i + 1);
                prop_assert_eq!(s.filter, f.get(i).copied());
                if s.filter == Some("#") && i < tl.len() {
                    let rest = tl[i..].join("/");
                    prop_assert_eq!(s.topic, Some(rest.as_str()));
                } else {
                    prop_assert_eq!(s.topic, tl.get(i).copied());
                }
                prop_assert_eq!(s.outcome.ok(), i + 1 < steps.len() || want, "step {} of {:?}", i + 1, steps);
            }
        }
    }
}
