//! `explain(filter, topic)`: the level-by-level story of a match, for the message journey.
//!
//! Explaining borrows the level texts from the filter and the topic and keeps up to four steps
//! inline, so the common case allocates nothing: it is meant to run for every filter a message
//! is tried against.

use smallvec::SmallVec;

use super::{TopicFilter, TopicName};

/// What happened at one level of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// The filter's literal level equals the topic's.
    Literal,
    /// `+` took exactly this one level (possibly empty).
    PlusTookLevel,
    /// `#` took this and all remaining levels; `levels` counts them (0 when `#` matched the
    /// parent, as `Casa/#` matches `Casa`).
    HashTookRest {
        /// How many topic levels `#` took.
        levels: u16,
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

/// One level of the comparison, borrowing its texts from the filter and the topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    /// The level, from 1.
    pub level: u32,
    /// The filter's level text, if the filter reaches this level.
    pub filter: Option<&'a str>,
    /// The topic's level text, if the topic reaches this level (after `#`: all it took).
    pub topic: Option<&'a str>,
    /// What happened.
    pub outcome: StepOutcome,
}

impl Step<'_> {
    /// Whether the filter's and the topic's levels differ only in upper and lower case (of
    /// ASCII letters: Unicode's case tables would weigh on the download).
    pub fn case_only(&self) -> bool {
        matches!(self.outcome, StepOutcome::Differs)
            && matches!((self.filter, self.topic), (Some(f), Some(t)) if f.eq_ignore_ascii_case(t))
    }

    /// What a sentence shows: the level's number, the filter's and the topic's level.
    pub fn shown(&self) -> (u32, &str, &str) {
        (
            self.level,
            self.filter.unwrap_or(""),
            self.topic.unwrap_or(""),
        )
    }
}

/// The result of [`explain`]: the verdict and the steps that led to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation<'a> {
    /// Whether the filter matches the topic (always equal to [`TopicFilter::matches`]).
    pub matched: bool,
    filter: &'a str,
    topic: &'a str,
    /// The steps as byte ranges of `filter` and `topic`: four fit inline, so the common case
    /// allocates nothing and the whole explanation stays small to move.
    steps: SmallVec<[Span; 4]>,
}

/// A step as recorded: where its texts are, and its outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    /// `filter[f.0..f.1]`; `None` when the filter has no such level.
    f: Option<(u16, u16)>,
    /// `topic[t.0..t.1]`; `None` when the topic has no such level.
    t: Option<(u16, u16)>,
    outcome: StepOutcome,
}

impl<'a> Explanation<'a> {
    /// The levels compared, in order; the last one decides.
    pub fn steps(&self) -> impl ExactSizeIterator<Item = Step<'a>> + '_ {
        (self.steps.iter().enumerate()).map(|(i, s)| self.step_at(i, s))
    }

    /// The step at a level (from 1), if the comparison reached it.
    pub fn step(&self, level: u32) -> Option<Step<'a>> {
        let i = (level as usize).checked_sub(1)?;
        self.steps.get(i).map(|s| self.step_at(i, s))
    }

    /// The step that decided the verdict.
    pub fn last(&self) -> Option<Step<'a>> {
        self.step(self.steps.len() as u32)
    }

    /// The level where the match failed, if it did.
    pub fn failed_at(&self) -> Option<u32> {
        self.steps().find(|s| !s.outcome.ok()).map(|s| s.level)
    }

    fn step_at(&self, i: usize, s: &Span) -> Step<'a> {
        let (filter, topic) = (self.filter, self.topic);
        Step {
            level: i as u32 + 1,
            filter: s.f.map(|(a, b)| &filter[a as usize..b as usize]),
            topic: s.t.map(|(a, b)| &topic[a as usize..b as usize]),
            outcome: s.outcome,
        }
    }
}

/// Compares a filter with a topic level by level and says why it matches or not.
pub fn explain<'a>(filter: &'a TopicFilter, topic: &'a TopicName) -> Explanation<'a> {
    let (f_text, t_text) = (filter.filter(), topic.as_str());
    let mut x = Explanation {
        matched: false,
        filter: f_text,
        topic: t_text,
        steps: SmallVec::new(),
    };
    let (f, t) = (f_text.as_bytes(), t_text.as_bytes());
    let mut f_levels = Levels::new(f);
    let mut t_levels = Levels::new(t);
    if topic.is_system() && matches!(f.first(), Some(b'+' | b'#')) {
        x.steps.push(Span {
            f: f_levels.next(),
            t: t_levels.next(),
            outcome: StepOutcome::DollarNotMatched,
        });
        return x;
    }
    x.matched = loop {
        let (fl, tl) = (f_levels.next(), t_levels.next());
        let level = |r: (u16, u16)| &f[r.0 as usize..r.1 as usize];
        let (outcome, shown) = match (fl, tl) {
            (Some(r), _) if level(r) == b"#" => {
                // `#` takes the rest of the topic: from this level to the end.
                let rest = tl.map(|(a, _)| (a, t.len() as u16));
                let levels = tl.map_or(0, |_| 1 + t_levels.remaining_separators());
                (StepOutcome::HashTookRest { levels }, rest)
            }
            (Some(r), Some(_)) if level(r) == b"+" => (StepOutcome::PlusTookLevel, tl),
            (Some(r), Some(q)) if same(level(r), &t[q.0 as usize..q.1 as usize]) => {
                (StepOutcome::Literal, tl)
            }
            (Some(_), Some(_)) => (StepOutcome::Differs, tl),
            (Some(_), None) => (StepOutcome::TopicTooShort, tl),
            (None, Some(_)) => (StepOutcome::TopicTooLong, tl),
            (None, None) => break true,
        };
        x.steps.push(Span {
            f: fl,
            t: shown,
            outcome,
        });
        let ok = outcome.ok();
        if !ok || matches!(outcome, StepOutcome::HashTookRest { .. }) {
            break ok;
        }
    };
    x
}

/// Byte equality without a call to `memcmp`: levels are short, and the call costs more than
/// comparing them eight bytes at a time.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| u64::from_ne_bytes(c.try_into().unwrap_or([0; 8]));
    (a8.by_ref().zip(b8.by_ref())).all(|(x, y)| word(x) == word(y))
        && (a8.remainder().iter().zip(b8.remainder())).all(|(x, y)| x == y)
}

/// The levels of a topic or filter, walked in place (`a//b` has an empty middle level), as
/// byte ranges (topics and filters are at most 65 535 bytes long).
struct Levels<'a> {
    text: &'a [u8],
    /// Where the next level starts; past the end when there is none.
    at: usize,
}

impl<'a> Levels<'a> {
    fn new(text: &'a [u8]) -> Self {
        Levels { text, at: 0 }
    }

    /// The next level's range, up to the next `/` or the end.
    #[inline(always)]
    fn next(&mut self) -> Option<(u16, u16)> {
        let start = self.at;
        if start > self.text.len() {
            return None;
        }
        let mut end = start;
        while end < self.text.len() && self.text[end] != b'/' {
            end += 1;
        }
        self.at = end + 1;
        Some((start as u16, end as u16))
    }

    /// How many `/` are left (the levels after the current one).
    fn remaining_separators(&self) -> u16 {
        let rest = self.text.get(self.at.saturating_sub(1)..).unwrap_or(&[]);
        rest.iter().filter(|&&b| b == b'/').count() as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid filter and topic.
    fn pair(f: &str, t: &str) -> (TopicFilter, TopicName) {
        (TopicFilter::new(f).unwrap(), TopicName::new(t).unwrap())
    }

    #[test]
    fn plus_takes_one_level() {
        let (f, t) = pair("Casa/+/Temperatura", "Casa/Cocina/Temperatura");
        let e = explain(&f, &t);
        assert!(e.matched);
        let outcomes: Vec<_> = e.steps().map(|s| s.outcome).collect();
        assert_eq!(
            outcomes,
            [
                StepOutcome::Literal,
                StepOutcome::PlusTookLevel,
                StepOutcome::Literal
            ]
        );
        assert_eq!(e.step(2).unwrap().topic, Some("Cocina"));
    }

    #[test]
    fn failure_names_the_level() {
        let (f, t) = pair("Casa/+/Temperatura", "Casa/Cocina/Humedad");
        let e = explain(&f, &t);
        assert!(!e.matched);
        assert_eq!(e.failed_at(), Some(3));
        assert_eq!(e.last().unwrap().outcome, StepOutcome::Differs);
        let (f, t) = pair("Casa/+", "Casa/Cocina/Luz");
        let e = explain(&f, &t);
        assert_eq!(e.last().unwrap().outcome, StepOutcome::TopicTooLong);
        let (f, t) = pair("Casa/+/Luz", "Casa/Cocina");
        let e = explain(&f, &t);
        assert_eq!(e.last().unwrap().outcome, StepOutcome::TopicTooShort);
    }

    #[test]
    fn an_explanation_stays_small() {
        // Under 128 bytes, moving one is a few stores rather than a call to `memcpy`.
        assert!(std::mem::size_of::<Explanation<'_>>() <= 120);
    }

    #[test]
    fn hash_takes_the_rest_including_the_parent() {
        let (f, t) = pair("Casa/#", "Casa/Cocina/Luz");
        let e = explain(&f, &t);
        assert!(e.matched);
        assert_eq!(
            e.step(2).unwrap().outcome,
            StepOutcome::HashTookRest { levels: 2 }
        );
        assert_eq!(e.step(2).unwrap().topic, Some("Cocina/Luz"));
        let (f, t) = pair("Casa/#", "Casa");
        let e = explain(&f, &t);
        assert!(e.matched);
        assert_eq!(
            e.step(2).unwrap().outcome,
            StepOutcome::HashTookRest { levels: 0 }
        );
    }

    #[test]
    fn dollar_topics_and_leading_wildcards() {
        let (f, t) = pair("#", "$SYS/broker/uptime");
        let e = explain(&f, &t);
        assert!(!e.matched);
        assert_eq!(e.step(1).unwrap().outcome, StepOutcome::DollarNotMatched);
        let (f, t) = pair("$SYS/#", "$SYS/broker/uptime");
        assert!(explain(&f, &t).matched);
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
