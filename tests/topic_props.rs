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
            prop_assert_eq!(explain(&filter, &t).matched, want, "explain({}, {})", filter, t);
        }
    }
}
