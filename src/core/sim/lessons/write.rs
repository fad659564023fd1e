//! Writing a lesson file: [`LessonFile::to_json`] gives the JSON [`LessonFile::from_json`]
//! reads back to the same lesson (the builder saves with it). Optional fields at their
//! defaults are left out, as an author would.

use serde_json::{json, Map, Value};

use super::file::{Ask, LessonFile, LessonText, Point, QuizOption, Step, Trap, Words};
use super::goals::{Goal, Since};
use super::{Forms, SolutionStep, Watch};
use crate::core::sim::predict::Given;

impl LessonFile {
    /// The lesson as pretty JSON, every password of its scenario removed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The lesson as a JSON value, every password of its scenario removed.
    pub fn to_value(&self) -> Value {
        let mut scenario = self.scenario.clone();
        scenario.strip_secrets();
        let text: Map<String, Value> = (self.text.iter())
            .map(|(lang, t)| (lang.clone(), lesson_text(t)))
            .collect();
        let mut out = json!({
            "format": super::file::LESSON_FORMAT,
            "id": self.id,
            "text": text,
            "forms": forms(&self.forms),
            "scenario": serde_json::to_value(&scenario).unwrap_or(Value::Null),
            "steps": self.steps.iter().map(step).collect::<Vec<_>>(),
        });
        if !self.watch.is_empty() {
            out["watch"] = self.watch.iter().map(watch).collect();
        }
        out
    }
}

fn lesson_text(t: &LessonText) -> Value {
    let mut out = json!({ "intro": t.intro });
    if let Some(title) = &t.title {
        out["title"] = json!(title);
    }
    if !t.hints.is_empty() {
        out["hints"] = json!(t.hints);
    }
    out
}

fn forms(f: &Forms<String>) -> Value {
    pruned(json!({
        "acting": some(!f.acting.is_empty(), &f.acting),
        "topic": f.topic,
        "payload": some(!f.payload.is_empty(), &f.payload),
        "filter": f.filter,
        "sub_qos": some(f.sub_qos != 0, &f.sub_qos),
    }))
}

fn watch(w: &Watch) -> Value {
    json!({ "device": w.device, "topics": w.topics })
}

fn step(s: &Step) -> Value {
    match s {
        Step::Explain { text, point } => {
            let mut out = json!({ "type": "explain", "text": words(text) });
            if !point.is_empty() {
                out["point"] = point.iter().map(point_value).collect();
            }
            out
        }
        Step::Predict {
            ask,
            text,
            explain,
            trap,
        } => pruned(json!({
            "type": "predict",
            "ask": ask_value(ask),
            "text": words(text),
            "explain": words(explain),
            "trap": trap.as_ref().map(trap_value),
        })),
        Step::Act {
            goal,
            text,
            solution,
        } => json!({
            "type": "act",
            "goal": goal_value(goal),
            "text": words(text),
            "solution": solution.iter().map(solution_step).collect::<Vec<_>>(),
        }),
        Step::Quiz { text, options } => json!({
            "type": "quiz",
            "text": words(text),
            "options": options.iter().map(option).collect::<Vec<_>>(),
        }),
    }
}

fn words(w: &Words) -> Value {
    json!(w)
}

fn point_value(p: &Point) -> Value {
    match p {
        Point::Device(d) => json!({ "device": d }),
        Point::Broker => json!({ "broker": true }),
        Point::Queue(d) => json!({ "queue": d }),
        Point::Retained => json!({ "retained": true }),
        Point::Link(d) => json!({ "link": d }),
        Point::Packet(t) => json!({ "packet": t.name() }),
    }
}

fn ask_value(a: &Ask) -> Value {
    match a {
        Ask::Receivers {
            publisher,
            topic,
            qos,
            retain,
            payload,
        } => pruned(json!({
            "type": "receivers",
            "publisher": publisher,
            "topic": topic,
            "qos": some(qos.as_u8() != 0, qos),
            "retain": some(*retain, retain),
            "payload": some(!payload.is_empty(), payload),
        })),
        Ask::RetainedFirst { device, filter } => {
            json!({ "type": "retained_first", "device": device, "filter": filter })
        }
        Ask::Packets { publish, subscribe } => {
            json!({ "type": "packets", "publish": publish, "subscribe": subscribe })
        }
        Ask::Matches { filter, topic } => {
            json!({ "type": "matches", "filter": filter, "topic": topic })
        }
    }
}

fn trap_value(t: &Trap) -> Value {
    let answer = match &t.answer {
        Given::Receivers(devices) => json!(devices),
        Given::RetainedFirst(topics) => json!(topics),
        Given::Delivered(qos) => json!(qos),
        Given::Matches(yes) => json!(yes),
    };
    json!({ "answer": answer, "shows": t.shows.name() })
}

fn option(o: &QuizOption) -> Value {
    pruned(json!({
        "text": words(&o.text),
        "right": some(o.right, &o.right),
        "feedback": o.feedback.as_ref().map(words),
        "shows": o.shows.map(|m| m.name()),
    }))
}

fn solution_step(s: &SolutionStep) -> Value {
    json!({ "wait_ms": s.wait_ms, "action": s.action })
}

/// A goal as its JSON (`{"type": "receives", …}`).
pub fn goal_value(g: &Goal) -> Value {
    let at_least = |n: &usize| some(*n != 1, n);
    pruned(match g {
        Goal::Receives {
            device,
            topic,
            payload,
            retained,
            qos,
            at_least: n,
        } => json!({
            "type": "receives", "device": device, "topic": topic, "payload": payload,
            "retained": retained, "qos": qos, "at_least": at_least(n),
        }),
        Goal::ReceivesExactly { device, topics } => {
            json!({ "type": "receives_exactly", "device": device, "topics": topics })
        }
        Goal::Subscriptions {
            device,
            count,
            filter,
            not,
        } => json!({
            "type": "subscriptions", "device": device, "count": count, "filter": filter,
            "not": some(!not.is_empty(), not),
        }),
        Goal::Retained { topic, payload } => {
            json!({ "type": "retained", "topic": topic, "payload": payload })
        }
        Goal::Share { devices } => json!({ "type": "share", "devices": devices }),
        Goal::Sent {
            device,
            topic,
            qos,
            at_least: n,
        } => json!({
            "type": "sent", "device": device, "topic": topic, "qos": qos,
            "at_least": at_least(n),
        }),
        Goal::EachOnce {
            from,
            to,
            qos,
            at_least: n,
        } => json!({
            "type": "each_once", "from": from, "to": to, "qos": qos, "at_least": at_least(n),
        }),
        Goal::Published { device } => json!({ "type": "published", "device": device }),
        Goal::Routed {
            from,
            to,
            topic,
            every,
            at_least: n,
        } => json!({
            "type": "routed", "from": from, "to": to, "topic": topic,
            "every": some(*every, every), "at_least": at_least(n),
        }),
        Goal::SplitAmong {
            from,
            devices,
            at_least: n,
        } => json!({
            "type": "split_among", "from": from, "devices": devices, "at_least": at_least(n),
        }),
        Goal::Refused { device, code } => {
            json!({ "type": "refused", "device": device, "code": code })
        }
        Goal::Connected { device } => json!({ "type": "connected", "device": device }),
        Goal::Online { device, port } => {
            json!({ "type": "online", "device": device, "port": port })
        }
        Goal::Overheard { device } => json!({ "type": "overheard", "device": device }),
        Goal::Queued { device } => json!({ "type": "queued", "device": device }),
        Goal::QueueDelivered { device } => {
            json!({ "type": "queue_delivered", "device": device })
        }
        Goal::Expired { device } => json!({ "type": "expired", "device": device }),
        Goal::SessionResumed { device } => {
            json!({ "type": "session_resumed", "device": device })
        }
        Goal::SessionExpired { device } => {
            json!({ "type": "session_expired", "device": device })
        }
        Goal::WillFired { device } => json!({ "type": "will_fired", "device": device }),
        Goal::State { device, state } => {
            json!({ "type": "state", "device": device, "state": state })
        }
        Goal::Answered {
            device,
            topic,
            payload,
            overlapping,
        } => json!({
            "type": "answered", "device": device, "topic": topic, "payload": payload,
            "overlapping": some(*overlapping, overlapping),
        }),
        Goal::After { since, goal } => {
            let mut out = since_value(since);
            out["type"] = json!("after");
            out["goal"] = goal_value(goal);
            out
        }
        Goal::Within { seconds, goal } => {
            json!({ "type": "within", "seconds": seconds, "goal": goal_value(goal) })
        }
        Goal::All(goals) => {
            json!({ "type": "all", "goals": goals.iter().map(goal_value).collect::<Vec<_>>() })
        }
        Goal::Any(goals) => {
            json!({ "type": "any", "goals": goals.iter().map(goal_value).collect::<Vec<_>>() })
        }
        Goal::Not(goal) => json!({ "type": "not", "goal": goal_value(goal) }),
    })
}

fn since_value(s: &Since) -> Value {
    pruned(match s {
        Since::Step(k) => json!({ "step": k }),
        Since::Action { action, device } => json!({ "action": action, "device": device }),
        Since::Connecting { device, port } => json!({ "connecting": device, "port": port }),
        Since::Closed { device } => json!({ "closed": device }),
    })
}

/// `value` where `keep`, else nothing (a default left out).
fn some<T: serde::Serialize + ?Sized>(keep: bool, value: &T) -> Value {
    if keep {
        json!(value)
    } else {
        Value::Null
    }
}

/// The object without its `null` fields (options not given).
fn pruned(mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        map.retain(|_, v| !v.is_null());
    }
    v
}
