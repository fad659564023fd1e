//! Code a first visit does not need, fetched when first used.
//!
//! The release bundle is built with `--cfg mqtt_split` and split after linking
//! (`scripts/build.sh`): each function marked here goes, with everything only it reaches, into
//! a chunk of its own that the page fetches the first time the function is called. Other
//! builds (tests, `trunk serve`) keep one module and call the functions directly.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::i18n::{Lang, Text};
use crate::web::components::real::RealPanel;

pub use wasm_split_helpers::SplitLoaderError as LoadError;

/// The real-broker panel (about a tenth of the app, which most visits never open).
#[cfg_attr(
    mqtt_split,
    wasm_split_helpers::wasm_split(real_panel, preload(fetch_real_panel), fallible)
)]
fn real_panel_view(lang: ReadSignal<Lang>) -> Result<AnyView, LoadError> {
    Ok(view! { <RealPanel lang=lang/> }.into_any())
}

/// Whether the real-broker panel's code is here.
static REAL_PANEL_LOADED: AtomicBool = AtomicBool::new(false);

/// Fetches the real-broker panel's code (at once when the build is not split).
pub async fn load_real_panel() -> Result<(), LoadError> {
    #[cfg(mqtt_split)]
    fetch_real_panel().await?;
    REAL_PANEL_LOADED.store(true, Ordering::Relaxed);
    Ok(())
}

/// Starts fetching the real-broker panel's code in the background (when the pointer or the
/// keyboard reaches the button that opens it), so that opening it does not wait.
pub fn prefetch_real_panel() {
    if !REAL_PANEL_LOADED.load(Ordering::Relaxed) {
        spawn_local(async {
            let _ = load_real_panel().await;
        });
    }
}

/// Where a part fetched on first use stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Pending,
    Ready,
    Failed,
}

/// The real-broker panel: says it is loading while its code is fetched, and offers to try
/// again if that fails (offline, server gone); what the rest of the page holds is untouched.
#[component]
pub fn LazyRealPanel(lang: ReadSignal<Lang>) -> impl IntoView {
    let loaded = REAL_PANEL_LOADED.load(Ordering::Relaxed);
    let state = RwSignal::new(if loaded { Load::Ready } else { Load::Pending });
    let fetch = move || {
        state.set(Load::Pending);
        spawn_local(async move {
            let done = load_real_panel().await;
            state.set(if done.is_ok() {
                Load::Ready
            } else {
                Load::Failed
            });
        });
    };
    if !loaded {
        fetch();
    }
    let t = move |k: Text| move || lang.get().t(k);
    let failed = move || {
        view! {
            <p class="field-error" role="alert" data-testid="lazy-failed">
                {t(Text::LoadPartFailed)}" "
                <button type="button" data-testid="lazy-retry" on:click=move |_| fetch()>{t(Text::Retry)}</button>
            </p>
        }
        .into_any()
    };
    move || {
        match state.get() {
        Load::Ready => real_panel(lang).unwrap_or_else(failed),
        Load::Pending => view! {
            <p class="lazy-loading" role="status" data-testid="lazy-loading">{t(Text::LoadingPart)}</p>
        }
        .into_any(),
        Load::Failed => failed(),
    }
    }
}

/// The real-broker panel, once [`load_real_panel`] has succeeded; `None` before.
fn real_panel(lang: ReadSignal<Lang>) -> Option<AnyView> {
    #[cfg(mqtt_split)]
    let view = ready(real_panel_view(lang));
    #[cfg(not(mqtt_split))]
    let view = Some(real_panel_view(lang));
    view.and_then(Result::ok)
}

/// The value of a future that needs no waiting (a split function whose chunk is loaded
/// resolves on its first poll); `None` if it would wait.
#[cfg(mqtt_split)]
fn ready<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
    use std::task::{Context, Poll, Waker};
    match std::pin::pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}
