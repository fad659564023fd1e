//! The teacher's lesson builder: the lesson made by doing it. Devices are added from a
//! palette and set in forms, and the stage runs them as they are. The solution is recorded
//! by playing it. Goals come from a message picked on the stage's views, and steps are
//! written in forms. It checks live that the solution meets every goal, previews the
//! lesson as a student sees it, and saves it as a file or a link that opens again here.
//! Every change can be undone (buttons, Ctrl+Z, Ctrl+Shift+Z).
//!
//! A part of its own: fetched when the builder first opens.

mod broker;
mod devices;
mod out;
mod steps;

use leptos::prelude::*;

use crate::core::scenario::ScenarioError;
use crate::core::sim::lessons::draft::{Draft, Edit};
use crate::core::sim::lessons::free_play;
use crate::core::sim::Scenario;
use crate::i18n::build::{BuildMsg, BuildText, BuildWords};
use crate::i18n::Text;
use crate::web::state::{Ctx, Sim};

/// The builder, once its code is here. `open` is whether it shows.
pub fn builder(open: RwSignal<bool>) -> AnyView {
    crate::web::lazy::deferred(&BUILDER, move || {
        crate::web::lazy::ready(builder_view(open))
    })
}

crate::web::lazy::split_part!(
    /// The lesson builder.
    BUILDER: builder, fetch_builder,
    fn builder_view(open: RwSignal<bool>) {
        view! { <Builder open=open/> }.into_any()
    }
);

/// The lesson being built and what the builder shows of it.
#[derive(Clone, Copy)]
pub(super) struct Bench {
    /// The page's context (held: handlers outside a component's scope use it too).
    pub ctx: Ctx,
    draft: StoredValue<Draft>,
    /// Bumped on every change of the draft.
    rev: RwSignal<u64>,
    /// The last change refused, and why.
    pub error: RwSignal<Option<ScenarioError>>,
    /// The content language the texts are written in.
    pub lang: RwSignal<String>,
    /// Recording a solution: for which goal step (`None`: the goal being made), how many
    /// actions were played before it, and the virtual time it started at.
    pub recording: RwSignal<Option<(Option<usize>, usize, u64)>>,
    /// The solution recorded for the goal being made.
    pub recorded: RwSignal<Vec<crate::core::sim::lessons::SolutionStep>>,
    /// The lesson played as a student would.
    pub previewing: RwSignal<bool>,
    /// The builder's words, in the page's language.
    pub words: RwSignal<BuildWords>,
}

impl Bench {
    /// A text of the builder's catalogue.
    pub fn t(&self, key: BuildText) -> String {
        self.words.with(|w| w.t(key))
    }

    /// A message of the builder's catalogue.
    pub fn msg(&self, msg: BuildMsg) -> String {
        self.words.with(|w| w.msg(msg))
    }

    /// Reads the draft, following its changes.
    pub fn read<T>(&self, f: impl FnOnce(&Draft) -> T) -> T {
        self.rev.track();
        self.draft.with_value(f)
    }

    /// Reads the draft once (event handlers).
    pub fn peek<T>(&self, f: impl FnOnce(&Draft) -> T) -> T {
        self.draft.with_value(f)
    }

    /// A problem in the teacher's words: the device or the step it is about, then what is
    /// wrong (the file's path only where neither applies).
    pub fn said(&self, e: &ScenarioError, lang: crate::i18n::Lang) -> String {
        // A text not written in a language: said with the language's name.
        let missing_in = match &e.problem {
            crate::core::json_read::Problem::Missing { field } => {
                crate::i18n::Lang::listed().find(|l| l.content_code() == field)
            }
            _ => None,
        };
        let problem = match missing_in {
            Some(l) => self.msg(BuildMsg::TextMissing(l.name())),
            None => e.message(lang),
        };
        let index = |prefix: &str| -> Option<usize> {
            let rest = e.path.strip_prefix(prefix)?;
            rest.split(']').next()?.parse().ok()
        };
        if let Some(i) = index("scenario.devices[") {
            let name = self.peek(|d| d.file().scenario.devices.get(i).map(|x| x.name.clone()));
            if let Some(name) = name {
                return self.msg(BuildMsg::AtDevice(&name, &problem));
            }
        }
        if let Some(k) = index("steps[") {
            return self.msg(BuildMsg::AtStep(k + 1, &problem));
        }
        // A file that is not a lesson at all (not JSON, or no lesson format).
        let damaged = matches!(e.problem, crate::core::json_read::Problem::DamagedLink(_));
        if (e.path.is_empty() || e.path == "format") && !damaged {
            return format!("{} ({problem})", self.t(BuildText::NotALesson));
        }
        e.render(lang)
    }

    /// Makes a change; a refused one is shown with its reason, and nothing changes.
    pub fn edit(&self, edit: Edit) -> bool {
        let before = self.peek(|d| d.file().scenario.clone());
        let done = self.draft.try_update_value(|d| d.edit(edit));
        match done {
            Some(Ok(())) => {
                self.error.set(None);
                self.changed(&before);
                true
            }
            Some(Err(e)) => {
                self.error.set(Some(e));
                false
            }
            None => false,
        }
    }

    /// Undoes (or, with `redo`, redoes) the last change.
    pub fn undo(&self, redo: bool) {
        let before = self.peek(|d| d.file().scenario.clone());
        let moved = self
            .draft
            .try_update_value(|d| if redo { d.redo() } else { d.undo() });
        if moved == Some(true) {
            self.error.set(None);
            self.changed(&before);
        }
    }

    /// Takes another draft's lesson (a file opened), as one change undo takes back.
    pub fn take(&self, draft: Draft) {
        self.draft.update_value(|d| d.take(draft));
        self.error.set(None);
        self.rev.update(|r| *r += 1);
        self.restage();
    }

    fn changed(&self, before: &Scenario) {
        self.rev.update(|r| *r += 1);
        if self.peek(|d| d.file().scenario != *before) {
            self.restage();
        }
    }

    /// The stage runs the lesson's devices, from the start.
    pub fn restage(&self) {
        let ctx = self.ctx;
        let scenario = self.peek(|d| d.file().scenario.clone());
        if let Ok(sim) = Sim::from_scenario(&scenario, None) {
            ctx.replace(sim, None);
        }
        self.recording.set(None);
    }
}

/// Where this browser keeps the lesson being built (`localStorage`; passwords left out).
const KEPT: &str = "mqtt-playground.builder";

/// The builder: what it edits, its parts, and undo and redo on the keyboard.
#[component]
fn Builder(open: RwSignal<bool>) -> impl IntoView {
    crate::web::sheets::views();
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let content = lang.get_untracked().content_code().to_string();
    // The lesson being built when the builder last showed comes back (kept in this browser,
    // never a password). Else a new lesson starts from what is open: a lesson's whole file
    // (a copy to change), or the house on the stage.
    let kept = crate::web::storage::load::<String>(KEPT).and_then(|json| Draft::open(&json).ok());
    let draft = kept.or_else(|| {
        ctx.peek(|s| match &s.goals.plan {
            Some(file) => {
                let mut copy = (**file).clone();
                copy.id = format!("{}-2", copy.id);
                copy.scenario.lesson = None;
                // A built-in lesson's title is the catalogue's: it comes along in each language.
                if let Some(l) = s.lesson {
                    for (code, text) in copy.text.iter_mut() {
                        let lang = crate::i18n::Lang::listed().find(|x| x.content_code() == code);
                        text.title = text
                            .title
                            .take()
                            .or_else(|| lang.map(|x| x.t(l.title()).to_string()));
                    }
                }
                Some(Draft::new(copy))
            }
            None => None,
        })
    });
    let draft = draft.unwrap_or_else(|| {
        let scenario = ctx.peek(|s| Some(s.run.world().scenario().clone()));
        Draft::start(scenario.unwrap_or_else(|| Scenario::new(1)), &content)
    });
    let bench = Bench {
        ctx,
        draft: StoredValue::new(draft),
        rev: RwSignal::new(0),
        error: RwSignal::new(None),
        lang: RwSignal::new(content),
        recording: RwSignal::new(None),
        recorded: RwSignal::new(Vec::new()),
        previewing: RwSignal::new(false),
        words: RwSignal::new(BuildWords::default()),
    };
    // The builder's words come with it, in the page's language (again when it changes).
    let failed = RwSignal::new(false);
    let fetch = move || {
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            let read = (crate::web::files::fetch(&BuildWords::path(l)).await.ok())
                .and_then(|json| BuildWords::read(&json, l));
            failed.set(read.is_none());
            if let Some(w) = read {
                bench.words.set(w);
            }
        });
    };
    Effect::new(move |_| {
        lang.track();
        fetch();
    });
    let ready = move || bench.words.with(|w| w.lang().is_some());
    bench.restage();
    // A lesson link opened with `#build`: it comes in to be edited.
    out::open_pending(bench);
    let t = move |k: BuildText| move || bench.t(k);
    // Ctrl+Z, and Ctrl+Shift+Z or Ctrl+Y, anywhere on the page while the builder shows (in a
    // text field they undo the typing, as everywhere).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        let shown = open.get_untracked() && !bench.previewing.get_untracked();
        let key = ev.key().to_ascii_lowercase();
        if (ev.ctrl_key() || ev.meta_key()) && (key == "z" || key == "y") && !typing && shown {
            ev.prevent_default();
            bench.undo(ev.shift_key() || key == "y");
        }
    });
    on_cleanup(move || keys.remove());
    let leave = move |_| {
        bench.previewing.set(false);
        open.set(false);
        ctx.open_lesson(None);
    };
    // Another house: the devices change, the texts and steps stay (and it undoes).
    let start = move |empty: bool| {
        let content = bench.lang.get_untracked();
        let scenario = if empty {
            Scenario::new(1)
        } else {
            free_play(&content)
        };
        bench.edit(Edit::SetScenario(Box::new(scenario)));
    };
    // Kept in this browser as it changes: leaving or reloading loses nothing.
    Effect::new(move |_| {
        let json = bench.read(|d| d.file().to_json());
        crate::web::storage::save(KEPT, &json);
    });
    let can = move || bench.read(|d| d.can());
    let error = move || bench.error.get().map(|e| bench.said(&e, lang.get()));
    let waiting = move || {
        let l = lang.get();
        if failed.get() {
            view! {
                <p class="field-error" role="alert" data-testid="lazy-failed">{l.t(Text::LoadPartFailed)}" "
                    <button type="button" data-testid="lazy-retry" on:click=move |_| fetch()>{l.t(Text::Retry)}</button>
                </p>
            }
            .into_any()
        } else {
            view! { <p class="lazy-loading" role="status" data-testid="lazy-loading">{l.t(Text::LoadingPart)}</p> }.into_any()
        }
    };
    view! {
        <Show when=ready fallback=waiting>
        <Show when=move || bench.previewing.get()>
            {out::preview_bar(bench)}
        </Show>
        <section class="builder panel" data-testid="builder" aria-labelledby="builder-title"
            class:hidden=move || bench.previewing.get()>
            <h2 id="builder-title" tabindex="-1">{t(BuildText::Heading)}</h2>
            <div class="row builder-bar">
                <button type="button" class="small" data-testid="build-undo" aria-keyshortcuts="Control+Z"
                    prop:disabled=move || !can().0 on:click=move |_| bench.undo(false)>{t(BuildText::Undo)}</button>
                <button type="button" class="small" data-testid="build-redo" aria-keyshortcuts="Control+Shift+Z Control+Y"
                    prop:disabled=move || !can().1 on:click=move |_| bench.undo(true)>{t(BuildText::Redo)}</button>
                <button type="button" class="small secondary" data-testid="build-preview"
                    on:click=move |_| out::preview(bench)>{t(BuildText::Preview)}</button>
                <button type="button" class="small secondary" data-testid="build-leave" on:click=leave>{t(BuildText::Leave)}</button>
            </div>
            <p class="field-error build-error" role="alert" data-testid="build-error">{error}</p>
            {out::check(bench)}
            {out::texts(bench)}
            <details class="build-part" data-testid="build-devices-part" open>
                <summary>{t(BuildText::DevicesPart)}</summary>
                <div class="row">
                    <button type="button" class="small secondary" data-testid="build-from-house"
                        on:click=move |_| start(false)>{t(BuildText::FromHouse)}</button>
                    <button type="button" class="small secondary" data-testid="build-from-empty"
                        on:click=move |_| start(true)>{t(BuildText::FromEmpty)}</button>
                </div>
                {devices::devices(bench)}
            </details>
            {broker::broker(bench)}
            <details class="build-part" data-testid="build-steps-part" open>
                <summary>{t(BuildText::StepsPart)}</summary>
                {steps::steps(bench)}
            </details>
            {steps::pick(bench)}
            {out::share(bench)}
        </section>
        </Show>
    }
}

/// Gives the keyboard to what `selector` finds, once drawn (after a removal, where the
/// button pressed is gone; the other view after previewing or going back).
pub(super) fn focus_on(selector: &'static str) {
    request_animation_frame(move || {
        let el = (document().query_selector(selector).ok().flatten())
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}
