//! Reporting to a learning platform (SCORM 1.2): when the page runs inside an LMS (its `API`
//! object found in a parent window by the standard search), it initializes, marks the lesson
//! incomplete, reports the score (goals met and questions right at their first answer, out of
//! all) and each question's first answer as an interaction, sets `passed` with
//! the session time when the lesson is passed, commits, and finishes when the page goes away.
//! Outside an LMS nothing happens.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::scorm::{score, session_time};
use crate::web::state::{Ctx, Part};

/// The SCORM 1.2 API object of the LMS.
struct Lms {
    api: JsValue,
    started_ms: f64,
    finished: bool,
    best: u32,
    passed: bool,
    /// The questions reported as interactions, by step.
    reported: Vec<usize>,
}

impl Lms {
    fn call(&self, name: &str, args: &[&str]) -> String {
        let Some(f) = js_sys::Reflect::get(&self.api, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        else {
            return String::new();
        };
        let out = match args {
            [] => f.call1(&self.api, &"".into()),
            [a] => f.call1(&self.api, &(*a).into()),
            [a, b, ..] => f.call2(&self.api, &(*a).into(), &(*b).into()),
        };
        out.ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    fn set(&self, element: &str, value: &str) {
        self.call("LMSSetValue", &[element, value]);
    }

    fn session(&self) -> String {
        session_time((crate::web::wall::now_ms() - self.started_ms).max(0.0) as u64)
    }

    fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        self.set("cmi.core.session_time", &self.session());
        self.call("LMSCommit", &[]);
        self.call("LMSFinish", &[]);
    }
}

/// The `API` object in `w`, if it has one (a cross-origin window throws: none).
fn api_in(w: &web_sys::Window) -> Option<JsValue> {
    js_sys::Reflect::get(w, &"API".into())
        .ok()
        .filter(|api| api.is_object())
}

/// The standard search: this window and up to seven parents, then the opener's chain.
fn find_api() -> Option<JsValue> {
    let search = |start: web_sys::Window| {
        let mut w = start;
        for _ in 0..8 {
            if let Some(api) = api_in(&w) {
                return Some(api);
            }
            let parent = w.parent().ok().flatten()?;
            if js_sys::Object::is(&parent, &w) {
                return None;
            }
            w = parent;
        }
        None
    };
    let window = web_sys::window()?;
    search(window.clone()).or_else(|| {
        let opener = window.opener().ok()?.dyn_into::<web_sys::Window>().ok()?;
        search(opener)
    })
}

/// Starts reporting the lesson the page opened with, if an LMS is there; `true` then.
pub fn start(ctx: Ctx, lesson: Option<String>) -> bool {
    let Some(lesson) = lesson else {
        return false;
    };
    let Some(api) = find_api() else {
        return false;
    };
    let lms = Lms {
        api,
        started_ms: crate::web::wall::now_ms(),
        finished: false,
        best: 0,
        passed: false,
        reported: Vec::new(),
    };
    if lms.call("LMSInitialize", &[]) != "true" {
        return false;
    }
    let lms = Rc::new(RefCell::new(lms));
    {
        let mut l = lms.borrow_mut();
        let status = l.call("LMSGetValue", &["cmi.core.lesson_status"]);
        l.passed = status == "passed";
        l.best = l
            .call("LMSGetValue", &["cmi.core.score.raw"])
            .parse()
            .unwrap_or(0);
        if matches!(status.as_str(), "" | "not attempted" | "browsed") {
            l.set("cmi.core.lesson_status", "incomplete");
        }
        l.set("cmi.core.score.min", "0");
        l.set("cmi.core.score.max", "100");
        l.call("LMSCommit", &[]);
    }
    let report = lms.clone();
    Effect::new(move |_| {
        let (goals, first, answers, passed) = ctx.read(Part::Goals, |s| {
            s.lesson_id()
                .filter(|id| *id == lesson)
                .map(|_| {
                    let first = s.goals.score().map_or((0, 0), |x| (x.right(), x.questions));
                    (
                        s.goals.held.clone(),
                        first,
                        s.goals.answers(),
                        s.goals.passed(),
                    )
                })
                .unwrap_or_default()
        });
        if goals.is_empty() {
            return;
        }
        let mut l = report.borrow_mut();
        if l.finished {
            return;
        }
        // Each question's first answer, once, as an interaction.
        let mut told = false;
        for (step, right) in answers {
            if l.reported.contains(&step) {
                continue;
            }
            let n = l.reported.len();
            l.set(&format!("cmi.interactions.{n}.id"), &format!("step-{step}"));
            l.set(&format!("cmi.interactions.{n}.type"), "choice");
            l.set(
                &format!("cmi.interactions.{n}.result"),
                if right { "correct" } else { "wrong" },
            );
            l.reported.push(step);
            told = true;
        }
        // Goals met and questions right at the first answer, out of the lesson's goals and
        // questions: it only grows.
        let now = score(&goals, first.0, first.1);
        if now <= l.best && (l.passed || !passed) {
            if told {
                l.call("LMSCommit", &[]);
            }
            return;
        }
        l.best = l.best.max(now);
        l.set("cmi.core.score.raw", &l.best.to_string());
        if passed && !l.passed {
            l.passed = true;
            l.set("cmi.core.lesson_status", "passed");
            l.set("cmi.core.session_time", &l.session());
        }
        l.call("LMSCommit", &[]);
    });
    // The page going away (closed, or the LMS moving to another SCO) finishes the attempt.
    let on_leave = Closure::<dyn FnMut()>::new(move || lms.borrow_mut().finish());
    if let Some(w) = web_sys::window() {
        for event in ["pagehide", "beforeunload"] {
            let _ = w.add_event_listener_with_callback(event, on_leave.as_ref().unchecked_ref());
        }
    }
    on_leave.forget();
    true
}
