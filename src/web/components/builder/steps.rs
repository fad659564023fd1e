//! The builder's steps: added, reordered, edited and removed in forms, their texts in the
//! language being written; a goal made by picking a message the run delivered (and
//! widened), with the solution recorded by playing it.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::core::codec::Version;
use crate::core::journey::Journey;
use crate::core::json_read::{err, Problem};
use crate::core::scenario::ScenarioError;
use crate::core::sim::lessons::draft::{recorded_solution, Edit};
use crate::core::sim::lessons::file::{Ask, QuizOption, Step, Words};
use crate::core::sim::lessons::goals::Goal;
use crate::core::sim::lessons::pick::{compose, goals_for, widen, Widen, COMPOSED};
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;
use crate::i18n::build::{BuildMsg, BuildText};
use crate::web::state::{Ctx, Part, Sim};

use super::Bench;

/// The steps' list and the buttons that add one.
pub(super) fn steps(bench: Bench) -> impl IntoView {
    let t = move |k: BuildText| move || bench.t(k);
    // A step's form is made again when its place holds another kind of step.
    let rows = Memo::new(move |_| {
        bench.read(|d| {
            (d.file().steps.iter().enumerate())
                .map(|(k, s)| (k, kind_of(s)))
                .collect::<Vec<_>>()
        })
    });
    let add = move |kind: BuildText| {
        let step = bench.peek(|d| new_step(kind, d.file()));
        bench.edit(Edit::AddStep(Box::new(step)));
    };
    view! {
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="hint" data-testid="build-no-steps">{t(BuildText::NoSteps)}</p>
        </Show>
        <ol class="build-steps" data-testid="build-steps">
            <For each=move || rows.get() key=|r| *r children=move |(k, kind)| step_card(bench, k, kind)/>
        </ol>
        <div class="row" role="group" aria-labelledby="add-step-label">
            <span id="add-step-label">{t(BuildText::AddStep)}</span>
            {[(BuildText::Explain, "add-explain"), (BuildText::Predict, "add-predict"), (BuildText::Quiz, "add-quiz")]
                .into_iter()
                .map(|(kind, id)| view! {
                    <button type="button" class="small" data-testid=id on:click=move |_| add(kind)>"+ "{t(kind)}</button>
                })
                .collect_view()}
        </div>
    }
}

/// The lesson's devices with an MQTT client, by name, as they change (what a question or a
/// goal can be about).
fn client_names(bench: Bench) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        bench.read(|d| {
            (d.file().scenario.devices.iter())
                .filter(|x| x.kind.has_client())
                .map(|x| x.name.clone())
                .collect::<Vec<_>>()
        })
    })
}

/// A step's kind, as the catalogue names it.
fn kind_of(s: &Step) -> BuildText {
    match s {
        Step::Explain { .. } => BuildText::Explain,
        Step::Predict { .. } => BuildText::Predict,
        Step::Act { .. } => BuildText::Act,
        Step::Quiz { .. } => BuildText::Quiz,
    }
}

/// A new step of a kind, about the lesson's first devices.
fn new_step(kind: BuildText, file: &crate::core::sim::lessons::LessonFile) -> Step {
    match kind {
        BuildText::Predict => Step::Predict {
            ask: receivers(file),
            text: Words::new(),
            explain: Words::new(),
            trap: None,
        },
        BuildText::Quiz => Step::Quiz {
            text: Words::new(),
            options: vec![option(true), option(false)],
        },
        _ => Step::Explain {
            text: Words::new(),
            point: Vec::new(),
        },
    }
}

fn option(right: bool) -> QuizOption {
    QuizOption {
        text: Words::new(),
        right,
        feedback: None,
        shows: None,
    }
}

/// Who receives the next reading of the lesson's first sensor (or first device).
fn receivers(file: &crate::core::sim::lessons::LessonFile) -> Ask {
    use crate::core::scenario::DeviceKind;
    let devices = &file.scenario.devices;
    let sensor = devices.iter().find_map(|d| match &d.kind {
        DeviceKind::Sensor { topic, .. } => Some((d.name.clone(), topic.clone())),
        _ => None,
    });
    let (publisher, topic) = sensor.unwrap_or_else(|| {
        let first = (devices.iter())
            .find(|d| d.kind.has_client())
            .map(|d| d.name.clone())
            .unwrap_or_default();
        (
            first,
            TopicName::new("Casa/Cocina/Temperatura").expect("a valid topic"),
        )
    });
    Ask::Receivers {
        publisher,
        topic,
        qos: QoS::AtMostOnce,
        retain: false,
        payload: "22.0".into(),
    }
}

/// Changes step `k` with `f`; a value `f` refuses shows its reason, and nothing changes.
fn change(bench: Bench, k: usize, f: impl FnOnce(&mut Step) -> Result<(), ScenarioError>) {
    let Some(mut step) = bench.peek(|d| d.file().steps.get(k).cloned()) else {
        return;
    };
    match f(&mut step) {
        Ok(()) => {
            bench.edit(Edit::SetStep(k, Box::new(step)));
        }
        Err(e) => bench.error.set(Some(ScenarioError {
            path: format!("steps[{k}].{}", e.path),
            ..e
        })),
    }
}

/// A text of a step in the language being written; "missing" where another language has it
/// and this one not.
fn words_field(
    bench: Bench,
    k: usize,
    label: BuildText,
    testid: &'static str,
    get: fn(&Step) -> Option<&Words>,
    get_mut: fn(&mut Step) -> Option<&mut Words>,
) -> impl IntoView {
    let text = Memo::new(move |_| {
        let code = bench.lang.get();
        bench.read(|d| {
            let w = d.file().steps.get(k).and_then(get);
            (
                w.and_then(|w| w.get(&code).cloned()).unwrap_or_default(),
                w.is_some_and(|w| !w.is_empty() && !w.contains_key(&code)),
            )
        })
    });
    let set = move |value: String| {
        let code = bench.lang.get_untracked();
        change(bench, k, move |s| {
            if let Some(w) = get_mut(s) {
                if value.trim().is_empty() {
                    w.remove(&code);
                } else {
                    w.insert(code, value);
                }
            }
            Ok(())
        });
    };
    view! {
        <label>
            <span>{move || bench.t(label)}
                <Show when=move || text.get().1>
                    " "<span class="missing" data-testid="missing">{move || bench.t(BuildText::Missing)}</span>
                </Show>
            </span>
            <textarea rows="2" data-testid=testid prop:value=move || text.get().0
                on:change=move |ev| set(event_target_value(&ev))></textarea>
        </label>
    }
}

/// One step's card: its kind and place, its texts and what it asks.
fn step_card(bench: Bench, k: usize, kind: BuildText) -> impl IntoView {
    let t = move |key: BuildText| move || bench.t(key);
    let n = Memo::new(move |_| bench.read(|d| d.file().steps.len()));
    let body = match kind {
        BuildText::Explain => {
            words_field(bench, k, BuildText::Text, "step-text", text_of, text_mut).into_any()
        }
        BuildText::Predict => view! {
            {ask_fields(bench, k)}
            {words_field(bench, k, BuildText::Text, "step-text", text_of, text_mut)}
            {words_field(bench, k, BuildText::AfterAnswer, "step-explain", explain_of, explain_mut)}
        }
        .into_any(),
        BuildText::Act => act_fields(bench, k).into_any(),
        _ => quiz_fields(bench, k).into_any(),
    };
    view! {
        <li class="build-step" data-testid=format!("build-step-{k}")>
            <div class="row">
                <strong>{move || bench.msg(BuildMsg::StepTitle(k + 1, kind))}</strong>
                <button type="button" class="small secondary" data-testid="step-up" prop:disabled=k == 0
                    on:click=move |_| { bench.edit(Edit::MoveStep(k, k.saturating_sub(1))); }>{t(BuildText::Up)}</button>
                <button type="button" class="small secondary" data-testid="step-down" prop:disabled=move || { k + 1 >= n.get() }
                    on:click=move |_| { bench.edit(Edit::MoveStep(k, k + 1)); }>{t(BuildText::Down)}</button>
                <button type="button" class="small secondary" data-testid="step-remove"
                    on:click=move |_| {
                        if bench.edit(Edit::RemoveStep(k)) {
                            super::focus_on("[data-testid=build-steps-part] > summary");
                        }
                    }>{t(BuildText::Remove)}</button>
            </div>
            {body}
        </li>
    }
}

fn text_of(s: &Step) -> Option<&Words> {
    match s {
        Step::Explain { text, .. }
        | Step::Predict { text, .. }
        | Step::Act { text, .. }
        | Step::Quiz { text, .. } => Some(text),
    }
}

fn text_mut(s: &mut Step) -> Option<&mut Words> {
    match s {
        Step::Explain { text, .. }
        | Step::Predict { text, .. }
        | Step::Act { text, .. }
        | Step::Quiz { text, .. } => Some(text),
    }
}

fn explain_of(s: &Step) -> Option<&Words> {
    match s {
        Step::Predict { explain, .. } => Some(explain),
        _ => None,
    }
}

fn explain_mut(s: &mut Step) -> Option<&mut Words> {
    match s {
        Step::Predict { explain, .. } => Some(explain),
        _ => None,
    }
}

/// What a prediction asks: its kind, and its target's fields (the engine computes the
/// answer and the options).
fn ask_fields(bench: Bench, k: usize) -> impl IntoView {
    let t = move |key: BuildText| move || bench.t(key);
    let ask = Memo::new(move |_| {
        bench.read(|d| match d.file().steps.get(k) {
            Some(Step::Predict { ask, .. }) => Some(ask.clone()),
            _ => None,
        })
    });
    let kind = move || match ask.get() {
        Some(Ask::Matches { .. }) => "matches",
        Some(Ask::Packets { .. }) => "packets",
        Some(Ask::RetainedFirst { .. }) => "retained_first",
        _ => "receivers",
    };
    let set_kind = move |ev| {
        let which = event_target_value(&ev);
        let first = bench.peek(|d| receivers(d.file()));
        let (device, topic) = match &first {
            Ask::Receivers {
                publisher, topic, ..
            } => (publisher.clone(), topic.clone()),
            _ => (
                String::new(),
                TopicName::new("Casa").expect("a valid topic"),
            ),
        };
        let filter = TopicFilter::new(topic.as_str()).expect("a topic is a filter");
        let next = match which.as_str() {
            "matches" => Ask::Matches { filter, topic },
            "packets" => Ask::Packets {
                publish: QoS::AtLeastOnce,
                subscribe: QoS::AtMostOnce,
            },
            "retained_first" => Ask::RetainedFirst { device, filter },
            _ => first,
        };
        change(bench, k, move |s| {
            if let Step::Predict { ask, trap, .. } = s {
                *ask = next;
                *trap = None;
            }
            Ok(())
        });
    };
    let field = move |label: BuildText,
                      testid: &'static str,
                      get: fn(&Ask) -> Option<String>,
                      put: fn(&mut Ask, &str) -> Result<(), ScenarioError>| {
        view! {
            <label>{t(label)}
                <input data-testid=testid prop:value=move || ask.get().as_ref().and_then(get).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(bench, k, move |s| match s {
                            Step::Predict { ask, .. } => put(ask, &v),
                            _ => Ok(()),
                        });
                    }/>
            </label>
        }
    };
    // The device a question is about: one of the lesson's.
    let names = client_names(bench);
    let device_field = move || {
        view! {
            <label>{t(BuildText::Device)}
                <select data-testid="ask-device"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(bench, k, move |s| match s {
                            Step::Predict { ask, .. } => put_device(ask, &v),
                            _ => Ok(()),
                        });
                    }>
                    {move || names.get().into_iter().map(|n| {
                        let here = n.clone();
                        let selected = move || ask.get().as_ref().and_then(ask_device).is_some_and(|d| d == here);
                        view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <label>{t(BuildText::Asks)}
            <select data-testid="ask-kind" prop:value=kind on:change=set_kind>
                <option value="receivers">{t(BuildText::AskReceivers)}</option>
                <option value="matches">{t(BuildText::AskMatches)}</option>
                <option value="packets">{t(BuildText::AskPackets)}</option>
                <option value="retained_first">{t(BuildText::AskRetained)}</option>
            </select>
        </label>
        <div class="row">
            {move || match kind() {
                "receivers" => view! {
                    {device_field()}
                    {field(BuildText::Topic, "ask-topic", ask_topic, put_topic)}
                    {field(BuildText::Payload, "ask-payload", ask_payload, put_payload)}
                }.into_any(),
                "matches" => view! {
                    {field(BuildText::Filter, "ask-filter", ask_filter, put_filter)}
                    {field(BuildText::Topic, "ask-topic", ask_topic, put_topic)}
                }.into_any(),
                "retained_first" => view! {
                    {device_field()}
                    {field(BuildText::Filter, "ask-filter", ask_filter, put_filter)}
                }.into_any(),
                _ => view! {
                    {field(BuildText::PublishQos, "ask-publish-qos", ask_pub_qos, put_pub_qos)}
                    {field(BuildText::SubscribeQos, "ask-subscribe-qos", ask_sub_qos, put_sub_qos)}
                }.into_any(),
            }}
        </div>
    }
}

fn ask_device(a: &Ask) -> Option<String> {
    match a {
        Ask::Receivers { publisher: d, .. } | Ask::RetainedFirst { device: d, .. } => {
            Some(d.clone())
        }
        _ => None,
    }
}

fn put_device(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    if let Ask::Receivers { publisher: d, .. } | Ask::RetainedFirst { device: d, .. } = a {
        *d = v.trim().to_string();
    }
    Ok(())
}

fn ask_topic(a: &Ask) -> Option<String> {
    match a {
        Ask::Receivers { topic, .. } | Ask::Matches { topic, .. } => Some(topic.to_string()),
        _ => None,
    }
}

fn put_topic(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    let name = TopicName::new(v.trim()).map_err(|e| err("ask.topic", Problem::Topic(e)))?;
    if let Ask::Receivers { topic, .. } | Ask::Matches { topic, .. } = a {
        *topic = name;
    }
    Ok(())
}

fn ask_payload(a: &Ask) -> Option<String> {
    match a {
        Ask::Receivers { payload, .. } => Some(payload.clone()),
        _ => None,
    }
}

fn put_payload(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    if let Ask::Receivers { payload, .. } = a {
        *payload = v.to_string();
    }
    Ok(())
}

fn ask_filter(a: &Ask) -> Option<String> {
    match a {
        Ask::Matches { filter, .. } | Ask::RetainedFirst { filter, .. } => Some(filter.to_string()),
        _ => None,
    }
}

fn put_filter(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    let f = TopicFilter::new(v.trim()).map_err(|e| err("ask.filter", Problem::Topic(e)))?;
    if let Ask::Matches { filter, .. } | Ask::RetainedFirst { filter, .. } = a {
        *filter = f;
    }
    Ok(())
}

fn qos(v: &str, at: &str) -> Result<QoS, ScenarioError> {
    let n: u8 = v.trim().parse().unwrap_or(9);
    QoS::from_u8(n).ok_or_else(|| err(at, Problem::NoSuchQoS(n)))
}

fn ask_pub_qos(a: &Ask) -> Option<String> {
    match a {
        Ask::Packets { publish, .. } => Some(publish.as_u8().to_string()),
        _ => None,
    }
}

fn put_pub_qos(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    if let Ask::Packets { publish, .. } = a {
        *publish = qos(v, "ask.publish")?;
    }
    Ok(())
}

fn ask_sub_qos(a: &Ask) -> Option<String> {
    match a {
        Ask::Packets { subscribe, .. } => Some(subscribe.as_u8().to_string()),
        _ => None,
    }
}

fn put_sub_qos(a: &mut Ask, v: &str) -> Result<(), ScenarioError> {
    if let Ask::Packets { subscribe, .. } = a {
        *subscribe = qos(v, "ask.subscribe")?;
    }
    Ok(())
}

/// A goal step: its goal in words, its text, its recorded solution (recorded again on ask).
fn act_fields(bench: Bench, k: usize) -> impl IntoView {
    let t = move |key: BuildText| move || bench.t(key);
    let act = Memo::new(move |_| {
        bench.read(|d| match d.file().steps.get(k) {
            Some(Step::Act { goal, solution, .. }) => Some((goal.clone(), solution.len())),
            _ => None,
        })
    });
    let words = move || {
        act.get()
            .map(|(g, _)| bench.msg(BuildMsg::Goal(&g)))
            .unwrap_or_default()
    };
    let solution = move || bench.msg(BuildMsg::Recorded(act.get().map_or(0, |(_, n)| n)));
    view! {
        <p><strong>{t(BuildText::Goal)}</strong>" "<span data-testid="step-goal">{words}</span></p>
        {words_field(bench, k, BuildText::Text, "step-text", text_of, text_mut)}
        <p class="row"><span data-testid="step-solution">{solution}</span>
            {record_button(bench, Some(k))}
        </p>
    }
}

/// A change to a quiz's options.
type OptionsChange = dyn FnOnce(&mut Vec<QuizOption>);

/// A quiz: its question, and its options (the right one ticked, a reason for each wrong one).
fn quiz_fields(bench: Bench, k: usize) -> impl IntoView {
    let t = move |key: BuildText| move || bench.t(key);
    let count = Memo::new(move |_| {
        bench.read(|d| match d.file().steps.get(k) {
            Some(Step::Quiz { options, .. }) => options.len(),
            _ => 0,
        })
    });
    let with_options = move |f: Box<OptionsChange>| {
        change(bench, k, move |s| {
            if let Step::Quiz { options, .. } = s {
                f(options);
            }
            Ok(())
        });
    };
    let option_row = move |j: usize| {
        let code = move || bench.lang.get();
        let get = move |f: fn(&QuizOption) -> Option<&Words>| {
            move || {
                let code = code();
                bench.read(|d| match d.file().steps.get(k) {
                    Some(Step::Quiz { options, .. }) => (options.get(j))
                        .and_then(f)
                        .and_then(|w| w.get(&code).cloned())
                        .unwrap_or_default(),
                    _ => String::new(),
                })
            }
        };
        let right = move || {
            bench.read(|d| match d.file().steps.get(k) {
                Some(Step::Quiz { options, .. }) => options.get(j).is_some_and(|o| o.right),
                _ => false,
            })
        };
        let put = move |feedback: bool, v: String| {
            let code = bench.lang.get_untracked();
            with_options(Box::new(move |options| {
                if let Some(o) = options.get_mut(j) {
                    let w = if feedback {
                        o.feedback.get_or_insert_with(BTreeMap::new)
                    } else {
                        &mut o.text
                    };
                    if v.trim().is_empty() {
                        w.remove(&code);
                    } else {
                        w.insert(code, v);
                    }
                    if o.feedback.as_ref().is_some_and(BTreeMap::is_empty) {
                        o.feedback = None;
                    }
                }
            }));
        };
        view! {
            <li class="row" data-testid=format!("option-{j}")>
                <label class="inline">
                    <input type="radio" name=format!("right-{k}") data-testid="option-right" prop:checked=right
                        on:change=move |_| with_options(Box::new(move |options| {
                            for (m, o) in options.iter_mut().enumerate() {
                                o.right = m == j;
                            }
                        }))/>
                    {t(BuildText::RightOption)}
                </label>
                <label>{t(BuildText::Text)}
                    <input data-testid="option-text" prop:value=get(|o| Some(&o.text))
                        on:change=move |ev| put(false, event_target_value(&ev))/>
                </label>
                <label>{t(BuildText::Feedback)}
                    <input data-testid="option-feedback" prop:value=get(|o| o.feedback.as_ref())
                        on:change=move |ev| put(true, event_target_value(&ev))/>
                </label>
                <button type="button" class="small secondary" data-testid="option-remove" prop:disabled=move || { count.get() <= 2 }
                    on:click=move |_| with_options(Box::new(move |options| { if options.len() > 2 { options.remove(j); } }))>
                    {t(BuildText::Remove)}
                </button>
            </li>
        }
    };
    view! {
        {words_field(bench, k, BuildText::Text, "step-text", text_of, text_mut)}
        <fieldset>
            <legend>{t(BuildText::Options)}</legend>
            <ol class="build-options">{move || (0..count.get()).map(option_row).collect_view()}</ol>
            <button type="button" class="small" data-testid="option-add"
                on:click=move |_| with_options(Box::new(|options| options.push(option(false))))>"+ "{t(BuildText::AddOption)}</button>
        </fieldset>
    }
}

/// Records the solution of goal step `k` (or of the goal being made): the stage starts
/// again, plays the steps before, and keeps what the author does until it stops.
fn record_button(bench: Bench, k: Option<usize>) -> impl IntoView {
    let ctx = Ctx::get();
    let mine = move || bench.recording.get().is_some_and(|(step, _, _)| step == k);
    let toggle = move |_| {
        if stop_recording(bench) {
            return;
        }
        // The goal steps before it are solved first (all of them, for a new goal).
        let first = bench.peek(|d| d.file().solution_before(k.unwrap_or(usize::MAX)));
        let scenario = bench.peek(|d| d.file().scenario.clone());
        match Sim::after(&scenario, &first) {
            Ok(sim) => {
                let (skip, from_ms) = (first.len(), sim.run.now().millis());
                ctx.replace(sim, None);
                ctx.update(|s| s.set_playing(true));
                bench.recording.set(Some((k, skip, from_ms)));
            }
            Err(e) => bench.error.set(Some(e)),
        }
    };
    view! {
        <button type="button" class="small" data-testid=if k.is_some() { "step-record" } else { "build-record" }
            aria-pressed=move || mine().to_string() on:click=toggle>
            {move || bench.t(if mine() { BuildText::StopRecording } else { BuildText::Record })}
        </button>
        <Show when=mine>
            <span class="hint warn" role="status" data-testid="recording">{move || bench.t(BuildText::Recording)}</span>
        </Show>
    }
}

/// Stops a recording, if one is on, and keeps what was done as the solution of its step (or
/// of the goal being made); true if one was on.
fn stop_recording(bench: Bench) -> bool {
    let Some((step, skip, from_ms)) = bench.recording.get_untracked() else {
        return false;
    };
    let solution = bench.ctx.peek(|s| {
        let applied = s.run.applied();
        recorded_solution(applied.get(skip..).unwrap_or_default(), from_ms)
    });
    bench.recording.set(None);
    match step {
        Some(k) => change(bench, k, move |s| {
            if let Step::Act { solution: old, .. } = s {
                *old = solution;
            }
            Ok(())
        }),
        None => bench.recorded.set(solution),
    }
    true
}

/// A goal made by pointing: the message picked in the diagram or the log, the goals it
/// meets, how to widen the one chosen, and the goal step it makes (with the solution
/// recorded).
pub(super) fn pick(bench: Bench) -> impl IntoView {
    let ctx = Ctx::get();
    let t = move |key: BuildText| move || bench.t(key);
    let offered = Memo::new(move |_| {
        let msg = ctx.selected.get()?;
        ctx.read(Part::Log, |s| {
            let journey = Journey::gather(s.run.trace(), msg)?;
            let world = s.run.world();
            let version = (journey.from.as_deref())
                .and_then(|c| world.device_of_client(c))
                .map_or(Version::V311, |d| d.config.protocol.version());
            let payload = journey.payload(version);
            Some(goals_for(&journey, payload.as_deref(), world))
        })
    });
    let chosen = RwSignal::new(0usize);
    // Any payload to begin with: a sensor's next reading is another number.
    let how = RwSignal::new(Widen {
        any_payload: true,
        ..Widen::default()
    });
    let goal = move || -> Option<Goal> {
        let all = offered.get()?;
        all.get(chosen.get()).map(|g| widen(g, how.get()))
    };
    let add = move |_| {
        if let Some(goal) = goal() {
            if add_goal(bench, goal) {
                chosen.set(0);
            }
        }
    };
    let widen_box = move |label: BuildText,
                          testid: &'static str,
                          get: fn(&Widen) -> bool,
                          f: fn(&mut Widen, bool)| {
        view! {
            <label class="inline">
                <input type="checkbox" data-testid=testid prop:checked=move || get(&how.get()) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    how.update(|w| f(w, on));
                }/>
                {t(label)}
            </label>
        }
    };
    let number = move |label: BuildText, testid: &'static str, f: fn(&mut Widen, u64)| {
        view! {
            <label>{t(label)}
                <input type="number" min="0" data-testid=testid on:change=move |ev| {
                    let n = event_target_value(&ev).trim().parse().unwrap_or(0);
                    how.update(|w| f(w, n));
                }/>
            </label>
        }
    };
    view! {
        <details class="build-part" data-testid="build-pick-part" open>
            <summary>{t(BuildText::PickPart)}</summary>
            <p class="hint">{t(BuildText::PickHint)}</p>
            <p class="row">
                <span data-testid="build-recorded">{move || bench.msg(BuildMsg::Recorded(bench.recorded.get().len()))}</span>
                {record_button(bench, None)}
            </p>
            {move || offered.get().map(|all| view! {
                <fieldset data-testid="build-offered">
                    <legend>{t(BuildText::Goal)}</legend>
                    {all.iter().enumerate().map(|(j, g)| {
                        let words = bench.msg(BuildMsg::Goal(g));
                        view! {
                            <label class="inline">
                                <input type="radio" name="offered-goal" data-testid=format!("offered-{j}")
                                    prop:checked=move || chosen.get() == j on:change=move |_| chosen.set(j)/>
                                {words}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="row">
                    {widen_box(BuildText::AnyPayload, "widen-payload", |w| w.any_payload, |w, on| w.any_payload = on)}
                    {widen_box(BuildText::AnyTopic, "widen-topic", |w| w.any_topic, |w, on| w.any_topic = on)}
                    {number(BuildText::AtLeast, "widen-at-least", |w, n| w.at_least = n as usize)}
                    {number(BuildText::Within, "widen-within", |w, n| w.within = n)}
                </div>
                <p class="muted" data-testid="build-goal-preview">{move || goal().map(|g| bench.msg(BuildMsg::Goal(&g)))}</p>
                <button type="button" data-testid="build-add-goal" on:click=add>{t(BuildText::AddGoal)}</button>
            })}
            {compose_form(bench)}
        </details>
    }
}

/// Adds a goal step with the solution recorded for it (a recording still on is stopped and
/// kept); true if taken.
fn add_goal(bench: Bench, goal: Goal) -> bool {
    if bench
        .recording
        .get_untracked()
        .is_some_and(|(k, ..)| k.is_none())
    {
        stop_recording(bench);
    }
    let code = bench.lang.get_untracked();
    let words = bench.msg(BuildMsg::Goal(&goal));
    let mut text = Words::new();
    // The goal in words, to begin with, in the language of the interface (the author
    // rewrites it for the students).
    if bench.ctx.lang.get_untracked().content_code() == code {
        text.insert(code, capitalised(&words));
    }
    let solution = bench.recorded.get_untracked();
    let added = bench.edit(Edit::AddStep(Box::new(Step::Act {
        goal,
        text,
        solution,
    })));
    if added {
        bench.recorded.set(Vec::new());
    }
    added
}

/// A goal composed from the vocabulary: what must happen, to which device, on which topic or
/// filter, with which payload or state.
fn compose_form(bench: Bench) -> impl IntoView {
    let t = move |key: BuildText| move || bench.t(key);
    let kind = RwSignal::new(COMPOSED[0].to_string());
    let device = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let names = client_names(bench);
    let add = move |_| {
        let chosen = device.get_untracked();
        let dev = if chosen.is_empty() {
            names.get_untracked().first().cloned().unwrap_or_default()
        } else {
            chosen
        };
        let made = compose(
            &kind.get_untracked(),
            &dev,
            &topic.get_untracked(),
            &value.get_untracked(),
        );
        match made {
            Ok(goal) => {
                add_goal(bench, goal);
            }
            // Said by the form's own labels: the form is in sight.
            Err(e) => {
                let problem = match e.problem {
                    Problem::Missing { field } => Problem::Missing {
                        field: bench.t(if field == "state" {
                            BuildText::Value
                        } else {
                            BuildText::Topic
                        }),
                    },
                    other => other,
                };
                bench.error.set(Some(ScenarioError {
                    path: String::new(),
                    problem,
                }));
            }
        }
    };
    let input = move |label: BuildText, testid: &'static str, s: RwSignal<String>| {
        view! {
            <label>{t(label)}
                <input data-testid=testid prop:value=move || s.get() on:input=move |ev| s.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <fieldset class="compose" data-testid="build-compose">
            <legend>{t(BuildText::ComposePart)}</legend>
            <label>{t(BuildText::GoalKind)}
                <select data-testid="compose-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {COMPOSED.iter().map(|k| view! { <option value=*k>{move || bench.msg(BuildMsg::GoalType(k))}</option> }).collect_view()}
                </select>
            </label>
            <div class="row">
                <label>{t(BuildText::Device)}
                    <select data-testid="compose-device" on:change=move |ev| device.set(event_target_value(&ev))>
                        {move || names.get().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select>
                </label>
                {input(BuildText::Topic, "compose-topic", topic)}
                {input(BuildText::Value, "compose-value", value)}
            </div>
            <button type="button" data-testid="compose-add" on:click=add>{t(BuildText::AddGoal)}</button>
        </fieldset>
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
