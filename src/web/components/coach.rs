//! The coach's words in a lesson, fetched when first shown: why the device a goal is about
//! missed the newest message it should have got, and, once the lesson is passed, what just
//! happened (the run's own message told as a story) with the next lesson. The story's lines
//! serve the message journey too.

use leptos::prelude::*;

use crate::core::codec::Version;
use crate::core::journey::{Journey, Line};
use crate::core::sim::lessons::{Advice, LESSONS};
use crate::core::topic::explain;
use crate::i18n::coach::{CoachMsg, CoachText};
use crate::i18n::Lang;
use crate::web::state::{Ctx, Part};

/// The coach's word: why the device a goal is about missed the newest message it should
/// have got (nothing when it got it). Its code comes when there is first something to say.
pub fn advice(testid: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    let some = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.advice.is_some()));
    view! {
        <div class="advice-slot" role="status">
            <Show when=move || some.get()>
                {crate::web::lazy::deferred(&ADVICE, move || crate::web::lazy::ready(advice_view(testid)))}
            </Show>
        </div>
    }
}

crate::web::lazy::split_part!(
    /// The coach's advice.
    ADVICE: coach_advice, fetch_coach_advice,
    fn advice_view(testid: &'static str) {
        view! { <AdviceLine testid=testid/> }.into_any()
    }
);

/// The advice, kept in the page's language.
#[component]
fn AdviceLine(testid: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    let advice = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.advice.clone()));
    view! {
        <p class="advice" data-testid=testid>
            {move || advice.get().map(|a| advice_text(&a, ctx.lang.get()))}
        </p>
    }
}

/// The pass's story and the next lesson (its code comes with the first pass).
pub fn passed(id: &'static str) -> impl IntoView {
    crate::web::lazy::deferred(&PASSED, move || crate::web::lazy::ready(passed_view(id)))
}

crate::web::lazy::split_part!(
    /// What just happened, once a lesson is passed.
    PASSED: coach_passed, fetch_coach_passed,
    fn passed_view(id: &'static str) {
        view! { <Passed id=id/> }.into_any()
    }
);

/// The coach's advice, in a language.
fn advice_text(a: &Advice, lang: Lang) -> String {
    match a {
        Advice::Offline { device } => CoachMsg::Offline(device).render(lang),
        Advice::NotSubscribed { device, topic } => CoachMsg::NotSubscribed {
            device,
            topic: topic.as_str(),
        }
        .render(lang),
        Advice::WrongDevice { wanted, got, topic } => CoachMsg::WrongDevice {
            wanted,
            got,
            topic: topic.as_str(),
        }
        .render(lang),
        Advice::FilterMissed {
            device,
            filter,
            topic,
            ..
        } => {
            let why = explain(filter, topic)
                .steps()
                .find(|s| !s.outcome.ok())
                .map(|s| s.message(lang))
                .unwrap_or_default();
            CoachMsg::FilterMissed {
                device,
                filter: filter.filter(),
                topic: topic.as_str(),
                why: &why,
            }
            .render(lang)
        }
    }
}

/// The lesson passed: what just happened, told with the run's own message, and the next
/// lesson.
#[component]
fn Passed(id: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let story = Memo::new(move |_| {
        // The story's message is chosen with the goals; its later acks arrive with the log.
        ctx.read_parts(&[Part::Goals, Part::Log], |s| {
            let msg = s.goals.story?;
            let j = Journey::gather(s.seen.log.iter(), msg)?;
            let version = (j.from.as_deref())
                .and_then(|c| s.run.world().broker().session(c))
                .map_or(Version::V311, |x| x.version);
            Some((msg, story_lines(&j, version)))
        })
    });
    let next = LESSONS
        .iter()
        .position(|l| l.id == id)
        .and_then(|i| LESSONS.get(i + 1))
        .map(|l| l.id);
    let t = move |k: CoachText| move || lang.get().t(k);
    view! {
        {match next {
            Some(n) => view! {
                <p><button type="button" data-testid="next-lesson" on:click=move |_| ctx.open_lesson(Some(n))>{t(CoachText::NextLesson)}</button></p>
            }.into_any(),
            None => view! { <p>{t(CoachText::LastLesson)}</p> }.into_any(),
        }}
        {move || story.get().map(|(msg, lines)| view! {
            <p>{t(CoachText::WhatHappened)}</p>
            <ol class="story" data-testid="pass-story">
                {lines.into_iter().map(|line| view! { <li>{move || line.told(lang.get())}</li> }).collect_view()}
            </ol>
            <button type="button" class="link" data-testid="pass-journey"
                on:click=move |_| ctx.selected.set(Some(msg))>{t(CoachText::SeeJourney)}</button>
        })}
    }
}

/// A journey's story lines, each ready to be told in the page's language.
pub fn story_lines(j: &Journey, version: Version) -> Vec<Told> {
    let topic = j.topic.as_str().to_string();
    j.story(version)
        .into_iter()
        .map(|line| Told {
            line,
            topic: topic.clone(),
        })
        .collect()
}

/// A story line with the topic it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Told {
    line: Line,
    topic: String,
}

impl Told {
    /// The line, in a language.
    pub fn told(&self, lang: Lang) -> String {
        match &self.line {
            Line::Published {
                from, payload, qos, ..
            } => CoachMsg::Published {
                from: from.as_deref(),
                payload: payload.as_deref(),
                topic: &self.topic,
                qos: qos.as_u8(),
            }
            .render(lang),
            Line::Retained => CoachMsg::Retained.render(lang),
            Line::Matched { client, filter } => CoachMsg::Matched {
                client,
                filter: filter.filter(),
            }
            .render(lang),
            Line::NotMatched { client, filter } => CoachMsg::NotMatched {
                client,
                filter: filter.filter(),
            }
            .render(lang),
            Line::Missed(n) => CoachMsg::Missed(*n).render(lang),
            Line::Delivered {
                client,
                qos,
                retained,
            } => CoachMsg::Delivered {
                client,
                qos: qos.as_u8(),
                retained: *retained,
            }
            .render(lang),
            Line::Queued(client) => CoachMsg::Queued(client).render(lang),
            Line::Dropped(client, why) => CoachMsg::Dropped {
                client,
                why: why.message(lang),
            }
            .render(lang),
            Line::Acked {
                client,
                packet,
                to_broker,
            } => CoachMsg::Acked {
                client,
                packet: packet.name(),
                to_broker: *to_broker,
            }
            .render(lang),
        }
    }
}
