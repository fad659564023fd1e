//! `explain(filter, topic)`: the level-by-level story of a match, for the message journey.

use smol_str::SmolStr;

use super::{TopicFilter, TopicName};
use crate::core::i18n::Lang;

/// What happened at one level of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// The filter's literal level equals the topic's.
    Literal,
    /// `+` took exactly this one level (possibly empty).
    PlusTookLevel,
    /// `#` took this and all remaining levels; `levels` counts them (0 when `#` matched the
    /// parent, as `Casa/#` matches `Casa`).
    HashTookRest {
        /// How many topic levels `#` took.
        levels: usize,
    },
    /// The literal levels differ.
    Differs,
    /// The filter has more levels than the topic.
    TopicTooShort,
    /// The topic has more levels than the filter.
    TopicTooLong,
    /// The topic starts with `$` and the filter with a wildcard [MQTT-4.7.2-1].
    DollarNotMatched,
}

impl StepOutcome {
    /// True for the outcomes that keep the match going.
    pub fn ok(&self) -> bool {
        matches!(
            self,
            StepOutcome::Literal | StepOutcome::PlusTookLevel | StepOutcome::HashTookRest { .. }
        )
    }
}

/// One level of the comparison. `level` counts from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The level, from 1.
    pub level: usize,
    /// The filter's level text, if the filter reaches this level.
    pub filter: Option<SmolStr>,
    /// The topic's level text, if the topic reaches this level (after `#`: all it took).
    pub topic: Option<SmolStr>,
    /// What happened.
    pub outcome: StepOutcome,
}

impl Step {
    /// A sentence for the journey view.
    pub fn message(&self, lang: Lang) -> String {
        let n = self.level;
        let f = self.filter.as_deref().unwrap_or("");
        let t = self.topic.as_deref().unwrap_or("");
        match (&self.outcome, lang) {
            (StepOutcome::Literal, Lang::Es) => format!("Nivel {n}: «{f}» coincide con «{t}»."),
            (StepOutcome::Literal, Lang::En) => format!("Level {n}: '{f}' equals '{t}'."),
            (StepOutcome::PlusTookLevel, Lang::Es) => {
                format!("Nivel {n}: «+» acepta un nivel cualquiera, aquí «{t}».")
            }
            (StepOutcome::PlusTookLevel, Lang::En) => {
                format!("Level {n}: '+' takes any one level, here '{t}'.")
            }
            (StepOutcome::HashTookRest { levels: 0 }, Lang::Es) => format!(
                "Nivel {n}: «#» también coincide con el nivel padre: el tema acaba justo antes."
            ),
            (StepOutcome::HashTookRest { levels: 0 }, Lang::En) => format!(
                "Level {n}: '#' also matches the parent level: the topic ends right before it."
            ),
            (StepOutcome::HashTookRest { levels }, Lang::Es) => {
                format!("Nivel {n}: «#» acepta el resto del tema ({levels} nivel(es)).")
            }
            (StepOutcome::HashTookRest { levels }, Lang::En) => {
                format!("Level {n}: '#' takes the rest of the topic ({levels} level(s)).")
            }
            (StepOutcome::Differs, Lang::Es) => {
                format!("Nivel {n}: «{f}» no es «{t}» (mayúsculas y minúsculas cuentan). No coincide.")
            }
            (StepOutcome::Differs, Lang::En) => {
                format!("Level {n}: '{f}' is not '{t}' (case matters). No match.")
            }
            (StepOutcome::TopicTooShort, Lang::Es) => format!(
                "Nivel {n}: el filtro sigue con «{f}» pero el tema ya terminó. No coincide."
            ),
            (StepOutcome::TopicTooShort, Lang::En) => format!(
                "Level {n}: the filter goes on with '{f}' but the topic has ended. No match."
            ),
            (StepOutcome::TopicTooLong, Lang::Es) => format!(
                "Nivel {n}: el tema sigue con «{t}» pero el filtro ya terminó (usa «#» para aceptar más niveles). No coincide."
            ),
            (StepOutcome::TopicTooLong, Lang::En) => format!(
                "Level {n}: the topic goes on with '{t}' but the filter has ended (use '#' to take more levels). No match."
            ),
            (StepOutcome::DollarNotMatched, Lang::Es) => format!(
                "Nivel {n}: los temas que empiezan por «$» (como $SYS) no coinciden con un filtro que empieza por un comodín."
            ),
            (StepOutcome::DollarNotMatched, Lang::En) => format!(
                "Level {n}: topics starting with '$' (like $SYS) are not matched by a filter starting with a wildcard."
            ),
        }
    }
}

/// The result of [`explain`]: the verdict and the steps that led to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Whether the filter matches the topic (always equal to [`TopicFilter::matches`]).
    pub matched: bool,
    /// The levels compared, in order; the last one decides.
    pub steps: Vec<Step>,
}

impl Explanation {
    /// The level where the match failed, if it did.
    pub fn failed_at(&self) -> Option<usize> {
        self.steps.iter().find(|s| !s.outcome.ok()).map(|s| s.level)
    }
}

/// Compares a filter with a topic level by level and says why it matches or not.
pub fn explain(filter: &TopicFilter, topic: &TopicName) -> Explanation {
    // Levels are walked in place and held as short inline strings: explaining allocates
    // only the list of steps.
    let text = |s: &str| Some(SmolStr::new(s));
    let mut steps = Vec::with_capacity(4);
    let (f_text, t_text) = (filter.filter(), topic.as_str());
    let mut f_levels = f_text.split('/');
    let mut t_levels = t_text.split('/');
    if topic.is_system() && matches!(f_text.as_bytes().first(), Some(b'+' | b'#')) {
        steps.push(Step {
            level: 1,
            filter: f_levels.next().and_then(text),
            topic: t_levels.next().and_then(text),
            outcome: StepOutcome::DollarNotMatched,
        });
        return Explanation {
            matched: false,
            steps,
        };
    }
    // Where the topic's current level starts (for what `#` takes).
    let mut t_at = 0;
    let mut level = 1;
    let matched = loop {
        let (f, t) = (f_levels.next(), t_levels.next());
        let (outcome, shown) = match (f, t) {
            (Some("#"), _) => {
                let rest = t.map(|_| &t_text[t_at..]);
                let levels = t.map_or(0, |_| 1 + t_levels.by_ref().count());
                (StepOutcome::HashTookRest { levels }, rest)
            }
            (Some("+"), Some(_)) => (StepOutcome::PlusTookLevel, t),
            (Some(fl), Some(tl)) if fl == tl => (StepOutcome::Literal, t),
            (Some(_), Some(_)) => (StepOutcome::Differs, t),
            (Some(_), None) => (StepOutcome::TopicTooShort, t),
            (None, Some(_)) => (StepOutcome::TopicTooLong, t),
            (None, None) => break true,
        };
        let ok = outcome.ok();
        let done = !ok || matches!(outcome, StepOutcome::HashTookRest { .. });
        steps.push(Step {
            level,
            filter: f.and_then(text),
            topic: shown.and_then(text),
            outcome,
        });
        if done {
            break ok;
        }
        t_at += t.map_or(0, |t| t.len() + 1);
        level += 1;
    };
    Explanation { matched, steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(f: &str, t: &str) -> Explanation {
        explain(&TopicFilter::new(f).unwrap(), &TopicName::new(t).unwrap())
    }

    #[test]
    fn plus_takes_one_level() {
        let e = ex("Casa/+/Temperatura", "Casa/Cocina/Temperatura");
        assert!(e.matched);
        let outcomes: Vec<_> = e.steps.iter().map(|s| s.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [
                StepOutcome::Literal,
                StepOutcome::PlusTookLevel,
                StepOutcome::Literal
            ]
        );
        assert_eq!(e.steps[1].topic.as_deref(), Some("Cocina"));
    }

    #[test]
    fn failure_names_the_level() {
        let e = ex("Casa/+/Temperatura", "Casa/Cocina/Humedad");
        assert!(!e.matched);
        assert_eq!(e.failed_at(), Some(3));
        assert_eq!(e.steps.last().unwrap().outcome, StepOutcome::Differs);
        assert!(e.steps[2].message(Lang::Es).contains("Nivel 3"));
        let e = ex("Casa/+", "Casa/Cocina/Luz");
        assert_eq!(e.steps.last().unwrap().outcome, StepOutcome::TopicTooLong);
        let e = ex("Casa/+/Luz", "Casa/Cocina");
        assert_eq!(e.steps.last().unwrap().outcome, StepOutcome::TopicTooShort);
    }

    #[test]
    fn hash_takes_the_rest_including_the_parent() {
        let e = ex("Casa/#", "Casa/Cocina/Luz");
        assert!(e.matched);
        assert_eq!(e.steps[1].outcome, StepOutcome::HashTookRest { levels: 2 });
        assert_eq!(e.steps[1].topic.as_deref(), Some("Cocina/Luz"));
        let e = ex("Casa/#", "Casa");
        assert!(e.matched);
        assert_eq!(e.steps[1].outcome, StepOutcome::HashTookRest { levels: 0 });
        assert!(e.steps[1].message(Lang::En).contains("parent"));
    }

    #[test]
    fn dollar_topics_and_leading_wildcards() {
        let e = ex("#", "$SYS/broker/uptime");
        assert!(!e.matched);
        assert_eq!(e.steps[0].outcome, StepOutcome::DollarNotMatched);
        assert!(ex("$SYS/#", "$SYS/broker/uptime").matched);
    }

    #[test]
    fn agrees_with_matches_on_a_grid() {
        let filters = [
            "#", "+", "a/#", "a/+", "+/+", "/+", "a/+/c", "+/b/#", "a", "$SYS/#", "+/b",
        ];
        let topics = [
            "a", "a/b", "a/b/c", "/b", "/", "b/b/c", "$SYS/b", "a//c", "x/b",
        ];
        for f in filters {
            for t in topics {
                let (fv, tv) = (TopicFilter::new(f).unwrap(), TopicName::new(t).unwrap());
                assert_eq!(explain(&fv, &tv).matched, fv.matches(&tv), "{f} vs {t}");
            }
        }
    }
}
