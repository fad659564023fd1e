//! Share and export: a link that reproduces this run, the `<iframe>` code for a course page,
//! the scenario as a file, and opening a scenario file. A file that does not validate is
//! refused with the field and the reason; the run on screen is never lost.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::core::sim::Scenario;
use crate::i18n::Text;
use crate::web::components::capture::export_run;
use crate::web::files;
use crate::web::say::{Say, Why};
use crate::web::state::{Ctx, Sim};

/// The `<iframe>` tag for a course page showing `src`.
pub fn iframe_snippet(src: &str) -> String {
    let src = src.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{src}\" title=\"MQTT Playground\" width=\"100%\" height=\"760\" \
         style=\"border:0\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>"
    )
}

/// The address an embed shows: a built-in lesson by name, a scenario by its URL, anything
/// else as a share link.
async fn embed_src(ctx: Ctx) -> Result<String, String> {
    let lang = ctx.lang.get_untracked().code();
    let view = ctx.view.get_untracked().id();
    let (lesson, seed) = ctx.peek(|s| {
        let lesson = s.lesson.filter(|_| s.builtin).map(|l| l.id.to_string());
        (lesson, s.run.world().scenario().seed)
    });
    let base = files::app_base();
    let src = match (lesson, ctx.source.get_untracked()) {
        (Some(id), _) => format!("{base}?embed=1&lang={lang}&view={view}&lesson={id}&seed={seed}"),
        (None, Some(url)) => {
            let url = js_sys::encode_uri_component(&url);
            format!("{base}?embed=1&lang={lang}&view={view}&scenario={url}")
        }
        (None, None) => {
            let link = files::share_link(&ctx.peek(|s| s.share().to_json()), lang).await?;
            link.replacen('?', &format!("?embed=1&view={view}&"), 1)
        }
    };
    Ok(src)
}

/// Shows what was made (a link, a snippet) and copies it to the clipboard; `status` says
/// whether it was copied or is to be copied by hand.
pub fn offer(made: RwSignal<String>, status: RwSignal<Option<Text>>, text: String) {
    made.set(text.clone());
    spawn_local(async move {
        let copied = files::copy(&text).await;
        status.set(Some(if copied {
            Text::LinkCopied
        } else {
            Text::CopyByHand
        }));
    });
}

/// What the share panel holds (`web::lazy::share_panel`): share link, embed code, export and
/// import.
#[component]
pub fn ShareBody() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |text: Text| move || lang.get().t(text);
    // What was made last (a link or a snippet), shown selected for copying by hand.
    let made = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Text>);
    let show = move |text: String| offer(made, status, text);
    let copy_link = move |_| {
        let json = ctx.peek(|s| s.share().to_json());
        let code = lang.get_untracked().code();
        spawn_local(async move {
            match files::share_link(&json, code).await {
                Ok(link) => show(link),
                Err(e) => ctx.fail(Text::ShareMakeFailed, Why::Browser(e)),
            }
        });
    };
    let copy_iframe = move |_| {
        spawn_local(async move {
            match embed_src(ctx).await {
                Ok(src) => show(iframe_snippet(&src)),
                Err(e) => ctx.fail(Text::ShareMakeFailed, Why::Browser(e)),
            }
        });
    };
    let export = move |_| {
        let json = ctx.peek(|s| s.run.world().scenario().to_json_without_secrets());
        files::download("mqtt-scenario.json", "application/json", &json);
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = files::file_input(&ev) else {
            return;
        };
        spawn_local(async move {
            let text = files::chosen_file(&input).await.map_err(Why::Browser);
            input.set_value("");
            open_scenario(ctx, text, None);
        });
    };
    view! {
        <p class="hint">{t(Text::ShareNoPasswords)}</p>
        <div class="row">
            <button type="button" data-testid="share-link" on:click=copy_link>{t(Text::CopyShareLink)}</button>
            <button type="button" class="secondary" data-testid="share-iframe" on:click=copy_iframe>{t(Text::CopyIframe)}</button>
        </div>
        <Show when=move || !made.get().is_empty()>
            <p class="hint" role="status" data-testid="share-status">{move || status.get().map(|s| lang.get().t(s))}</p>
            <textarea readonly rows="3" data-testid="share-output" aria-label=t(Text::ShareTitle)
                on:focus=|ev| { if let Some(a) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) { a.select(); } }
                prop:value=move || made.get()></textarea>
        </Show>
        <div class="row">
            <button type="button" class="secondary" data-testid="export-scenario" on:click=export>{t(Text::ExportScenario)}</button>
            <button type="button" class="secondary" data-testid="export-pcap" on:click=move |_| export_run(ctx)>{t(Text::ExportCapture)}</button>
            <label class="button secondary file-pick">
                {t(Text::ImportScenario)}
                <input type="file" accept=".json,application/json" class="sr-only" data-testid="import-scenario" on:change=import/>
            </label>
        </div>
    }
}

/// Opens a scenario's text (from a file or a URL): replaces the run when it validates,
/// otherwise says which field is wrong and keeps the run.
pub fn open_scenario(ctx: Ctx, text: Result<String, Why>, source: Option<String>) {
    let text = match text {
        Ok(t) if t.is_empty() => return,
        Ok(t) => t,
        Err(why) => return ctx.fail(Text::ScenarioFailed, why),
    };
    match Scenario::from_json(&text).and_then(|s| Sim::from_scenario(&s, None)) {
        Ok(sim) => {
            ctx.source.set(source);
            ctx.replace(sim, Some(Say::Text(Text::ScenarioLoaded)));
        }
        Err(e) => ctx.fail(Text::ScenarioFailed, Why::Scenario(e)),
    }
}

crate::web::lazy::split_part!(
    /// Sharing, embedding, export and import.
    SHARE: share, fetch_share,
    fn share_view() {
        crate::web::sheets::views();
        view! { <ShareBody/> }.into_any()
    }
);

/// The share panel: its contents are fetched when it is first opened.
pub fn share_panel() -> impl IntoView {
    crate::web::lazy::details(
        "panel share",
        "share-panel".into(),
        Text::ShareTitle,
        &SHARE,
        || crate::web::lazy::ready(share_view()),
    )
}
