//! What the builder says of the lesson and where it goes: the live check (does the solution
//! meet every goal?), the texts in each language, the preview as a student, and the way out
//! and back in — the lesson file, a link holding the whole lesson, the embed code, and a
//! file or link opened again to edit. A bad file or link is refused with its path and
//! reason; nothing on screen is lost.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::sim::lessons::draft::{Draft, Edit, Flaw, FIRST_ID};
use futures::future::join_all;

use crate::core::class::Class;
use crate::core::doctor::BrokerUrl;
use crate::core::json_read::{err, Problem};
use crate::core::scorm;
use crate::core::sim::lessons::file::{LessonFile, LessonText};
use crate::i18n::build::{BuildMsg, BuildText};
use crate::i18n::steps::walk_why;
use crate::i18n::{Lang, Text};
use crate::web::files;
use crate::web::state::{Ctx, Sim};

use super::Bench;

/// The languages a lesson is written in: those the app speaks.
fn languages() -> Vec<&'static str> {
    Lang::listed().map(|l| l.content_code()).collect()
}

/// The live check: what keeps the lesson from working, or that it works.
pub(super) fn check(bench: Bench) -> impl IntoView {
    let lang = Ctx::get().lang;
    let flaws = Memo::new(move |_| bench.read(|d| d.flaws(&languages())));
    let said = move || {
        let l = lang.get();
        flaws.with(|all| {
            all.iter()
                .map(|f| match f {
                    Flaw::NoSteps => bench.t(BuildText::NoSteps),
                    Flaw::NoGoal => bench.t(BuildText::NoGoal),
                    Flaw::File(e) | Flaw::Missing(e) => bench.said(e, l),
                    Flaw::Walk(w) => walk_why(w, l),
                    Flaw::Unrecorded(k) => bench.msg(BuildMsg::Unrecorded(k + 1)),
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="build-check" data-testid="build-check" aria-live="polite"
            data-works=move || flaws.with(Vec::is_empty).to_string()>
            <h3>{move || bench.t(BuildText::CheckPart)}</h3>
            {move || {
                let all = said();
                if all.is_empty() {
                    view! { <p class="passed" data-testid="build-works">"✔ "{bench.t(BuildText::Works)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="build-flaws" data-testid="build-flaws">
                            {all.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// The lesson's id, and its title and intro in the language being written (a language the
/// lesson lacks is marked missing, never filled from another).
pub(super) fn texts(bench: Bench) -> impl IntoView {
    let t = move |k: BuildText| move || bench.t(k);
    let text = Memo::new(move |_| {
        let code = bench.lang.get();
        bench.read(|d| d.file().text.get(&code).cloned())
    });
    let id = move || bench.read(|d| d.file().id.clone());
    let set = move |f: Box<dyn FnOnce(&mut LessonText)>| {
        let code = bench.lang.get_untracked();
        let mut next = text.get_untracked().unwrap_or_default();
        f(&mut next);
        bench.edit(Edit::SetText(code, next));
    };
    let missing = move |get: fn(&LessonText) -> &str| {
        move || text.get().as_ref().is_none_or(|t| get(t).trim().is_empty())
    };
    let mark = move || view! { " "<span class="missing" data-testid="missing">{t(BuildText::Missing)}</span> };
    view! {
        <details class="build-part" data-testid="build-texts-part" open>
            <summary>{t(BuildText::LessonPart)}</summary>
            <div class="row">
                <label>{t(BuildText::TextLang)}
                    <select data-testid="build-lang" prop:value=move || bench.lang.get()
                        on:change=move |ev| bench.lang.set(event_target_value(&ev))>
                        {Lang::listed().map(|l| view! { <option value=l.content_code()>{l.name()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t(BuildText::Id)}
                    <input data-testid="build-id" prop:value=id
                        on:change=move |ev| { bench.edit(Edit::SetId(event_target_value(&ev))); }/>
                </label>
            </div>
            <label>
                <span>{t(BuildText::Title)}<Show when=missing(|t| t.title.as_deref().unwrap_or(""))>{mark}</Show></span>
                <input data-testid="build-title" prop:value=move || text.get().and_then(|t| t.title).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let named = slug(&v);
                        set(Box::new(move |t| t.title = Some(v).filter(|v| !v.trim().is_empty())));
                        // A lesson still called by the builder's first id takes its title's.
                        if bench.peek(|d| d.file().id == FIRST_ID) && !named.is_empty() {
                            bench.edit(Edit::SetId(named));
                        }
                    }/>
            </label>
            <label>
                <span>{t(BuildText::Intro)}<Show when=missing(|t| &t.intro)>{mark}</Show></span>
                <textarea rows="3" data-testid="build-intro" prop:value=move || text.get().map(|t| t.intro).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |t| t.intro = v)); }></textarea>
            </label>
            <label>{t(BuildText::Hints)}
                <textarea rows="2" data-testid="build-hints" prop:value=move || text.get().map(|t| t.hints.join("\n")).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |t| {
                            t.hints = v.lines().map(str::trim).filter(|h| !h.is_empty()).map(str::to_string).collect();
                        }));
                    }></textarea>
            </label>
        </details>
    }
}

/// A title as an id: lower-case letters and digits, the rest dashes (accents dropped), at
/// most 40 characters.
fn slug(title: &str) -> String {
    crate::core::plain::dashed(title, 40)
}

/// Plays the lesson as a student would (the builder keeps everything meanwhile).
pub(super) fn preview(bench: Bench) {
    let ctx = bench.ctx;
    let file = Arc::new(bench.peek(|d| d.file().clone()));
    match Sim::from_lesson_file(file) {
        Ok(sim) => {
            bench.recording.set(None);
            ctx.replace(sim, None);
            bench.previewing.set(true);
            super::focus_on("#lesson-title");
        }
        Err(e) => bench.error.set(Some(e)),
    }
}

/// Above the lesson while previewing: back to editing.
pub(super) fn preview_bar(bench: Bench) -> impl IntoView {
    let back = move |_| {
        bench.previewing.set(false);
        bench.restage();
        super::focus_on("#builder-title");
    };
    view! {
        <p class="preview-bar hint warn" data-testid="build-previewing" role="status">
            {move || bench.t(BuildText::Previewing)}" "
            <button type="button" class="small" data-testid="build-back" on:click=back>{move || bench.t(BuildText::BackToEdit)}</button>
        </p>
    }
}

/// Saving and sharing: the file, the link, the embed code; and opening a file to edit.
pub(super) fn share(bench: Bench) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |k: BuildText| move || bench.t(k);
    let made = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Text>);
    let json = move || bench.peek(|d| d.file().to_json());
    let save = move |_| {
        let (id, text) = bench.peek(|d| (d.file().id.clone(), d.file().to_json()));
        files::download(&format!("{id}.json"), "application/json", &text);
    };
    // `query` goes before the lesson in the link; `embed`: as an iframe's code.
    let link = move |query: String, embed: bool| {
        let text = json();
        spawn_local(async move {
            match files::lesson_link(&text, &query).await {
                Ok(url) => {
                    let shown = if embed {
                        crate::web::components::share::iframe_snippet(&url)
                    } else {
                        url
                    };
                    crate::web::components::share::offer(made, status, shown);
                }
                Err(e) => bench.ctx.fail(
                    crate::i18n::Text::ShareMakeFailed,
                    crate::web::say::Why::Browser(e),
                ),
            }
        });
    };
    // The SCORM package: the app's files and the lesson, zipped here.
    let packed = RwSignal::new(String::new());
    let packing = RwSignal::new(false);
    let scorm = move |_| {
        if packing.get_untracked() {
            return;
        }
        packing.set(true);
        let file = bench.peek(|d| d.file().clone());
        let title = (lang.get_untracked().lesson_text(&file).title).unwrap_or(file.id.clone());
        spawn_local(async move {
            let said = match scorm_package(bench, packed, file, title).await {
                Ok(kb) => bench.msg(BuildMsg::Packed(kb)),
                Err(why) => bench.msg(BuildMsg::PackFailed(&why)),
            };
            packed.set(said);
            packing.set(false);
        });
    };
    let open = move |ev: leptos::ev::Event| {
        let Some(input) = files::file_input(&ev) else {
            return;
        };
        spawn_local(async move {
            let text = files::chosen_file(&input).await;
            input.set_value("");
            match text {
                Ok(text) if !text.is_empty() => open_text(bench, &text),
                _ => {}
            }
        });
    };
    view! {
        <details class="build-part" data-testid="build-share-part" open>
            <summary>{t(BuildText::SharePart)}</summary>
            <div class="row">
                <button type="button" class="small" data-testid="build-save" on:click=save>{t(BuildText::SaveFile)}</button>
                <button type="button" class="small" data-testid="build-link"
                    on:click=move |_| link(format!("lang={}", lang.get_untracked().code()), false)>{t(BuildText::CopyLink)}</button>
                <button type="button" class="small secondary" data-testid="build-iframe"
                    on:click=move |_| link(format!("embed=1&lang={}", lang.get_untracked().code()), true)>{t(BuildText::CopyIframe)}</button>
                <button type="button" class="small secondary" data-testid="build-scorm" on:click=scorm
                    aria-disabled=move || packing.get().to_string()>{t(BuildText::Scorm)}</button>
                <label class="button small secondary file-pick">
                    {t(BuildText::OpenFile)}
                    <input type="file" accept=".json,application/json" class="sr-only" data-testid="build-open-file" on:change=open/>
                </label>
            </div>
            {class_link(bench, move |query| link(query, false))}
            <p class="hint" role="status" data-testid="build-scorm-status" data-busy=move || packing.get().to_string()>
                {move || packed.get()}
            </p>
            <Show when=move || !made.get().is_empty()>
                <p class="hint" role="status" data-testid="build-copied">
                    {move || status.get().map(|s| bench.ctx.lang.get().t(s))}
                </p>
                <textarea readonly rows="3" data-testid="build-output" aria-label=t(BuildText::SharePart)
                    prop:value=move || made.get()></textarea>
            </Show>
        </details>
    }
}

/// A class link: the lesson for students of a class on a real broker (its address and code
/// checked as typed; never a password).
fn class_link(bench: Bench, link: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let lang = bench.ctx.lang;
    let t = move |k: BuildText| move || bench.t(k);
    let broker = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let (url, class) = (broker.get_untracked(), code.get_untracked());
        let checked = (BrokerUrl::parse(&url).map_err(|e| e.message(l)))
            .and_then(|_| Class::new("", &class).map_err(|e| l.t(e.text()).to_string()));
        match checked {
            Ok(_) => {
                error.set(None);
                let url = js_sys::encode_uri_component(url.trim());
                link(format!(
                    "class={}&broker={url}&lang={}",
                    class.trim(),
                    l.code()
                ));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let input = |value: RwSignal<String>| move |ev| value.set(event_target_value(&ev));
    view! {
        <form class="build-class" data-testid="build-class" on:submit=make>
            <fieldset>
                <legend>{t(BuildText::ClassPart)}</legend>
                <label>{t(BuildText::ClassBroker)}
                    <input data-testid="build-class-broker" placeholder="ws://raspberrypi.local:9001/" autocomplete="off"
                        prop:value=move || broker.get() on:input=input(broker)/>
                </label>
                <label>{t(BuildText::ClassCode)}
                    <input data-testid="build-class-code" autocomplete="off" maxlength="16"
                        prop:value=move || code.get() on:input=input(code)/>
                </label>
                <button type="submit" class="small secondary" data-testid="build-class-link">{t(BuildText::ClassLink)}</button>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="build-class-error">{e}</p> })}
                <p class="hint">{t(BuildText::ClassHint)}</p>
            </fieldset>
        </form>
    }
}

/// Fetches the app's files (the build lists them in `files.json`) a few at a time, saying
/// how far it is, and downloads the lesson's SCORM package; its size in KB, or what failed.
async fn scorm_package(
    bench: Bench,
    said: RwSignal<String>,
    file: LessonFile,
    title: String,
) -> Result<usize, String> {
    let list = files::fetch("files.json").await;
    let names: Vec<String> = list
        .and_then(|l| serde_json::from_str(&l).map_err(|e| e.to_string()))
        .map_err(|e| format!("files.json: {e}"))?;
    let all = names.len();
    let mut fetched = Vec::with_capacity(all);
    for batch in names.chunks(6) {
        said.set(bench.msg(BuildMsg::Packing(fetched.len(), all)));
        let got = join_all(batch.iter().map(|n| files::fetch_own(n))).await;
        for (name, bytes) in batch.iter().zip(got) {
            fetched.push((name.clone(), bytes.map_err(|e| format!("{name}: {e}"))?));
        }
    }
    said.set(bench.msg(BuildMsg::Packing(all, all)));
    let name = format!("{}-scorm12.zip", file.id);
    let zip = zip_package(file, title, fetched)
        .await
        .map_err(|_| bench.ctx.lang.get_untracked().t(Text::LoadPartFailed))??;
    files::download_bytes(&name, "application/zip", &zip);
    Ok(zip.len().div_ceil(1024))
}

// The zip writer is its own part, fetched when a package is first made.
crate::web::lazy::split_fn!(
    scorm_zip,
    fetch_scorm_zip,
    fn zip_package(
        file: LessonFile,
        title: String,
        fetched: Vec<(String, Vec<u8>)>,
    ) -> Result<Vec<u8>, String> {
        scorm::own_package(&file, &title, fetched)
    }
);

/// Opens a lesson file's text to edit; a bad one is refused with its path and reason, and
/// the lesson being built stays.
fn open_text(bench: Bench, text: &str) {
    match Draft::open(text) {
        Ok(draft) => {
            bench.take(draft);
            bench.ctx.notice.set(None);
        }
        Err(e) => bench.error.set(Some(e)),
    }
}

/// A lesson link opened with `?build=1`: its lesson comes in to be edited.
pub(super) fn open_pending(bench: Bench) {
    spawn_local(async move {
        match files::lesson_from_fragment().await {
            Some(Ok(json)) => open_text(bench, &json),
            // Not even compressed text: a link cut short or mistyped.
            Some(Err(_)) => {
                let why = err(
                    "lesson",
                    Problem::Missing {
                        field: "lesson".into(),
                    },
                );
                bench
                    .error
                    .set(Some(err("", Problem::DamagedLink(Box::new(why)))));
            }
            None => {}
        }
    });
}
