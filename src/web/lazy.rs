//! Code a first visit does not need, fetched when first used.
//!
//! The release bundle is built with `--cfg mqtt_split` and split after linking
//! (`scripts/build.sh`): each function declared with [`split_part!`] goes, with everything
//! only it reaches, into a chunk of its own that the page fetches the first time the function
//! is called. Other builds (tests, `trunk serve`) keep one module and the functions resolve at
//! once. [`deferred`] shows a part: a loading line while its chunk comes, an error with a
//! retry button if it cannot (offline, server gone), and never touches the rest of the page.
//!
//! A leaf of the web layer: it knows no component and no state (the page's language comes
//! from context). Each component declares its own part where it is defined.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, Text};

pub use wasm_split_helpers::SplitLoaderError as LoadError;

/// Declares a split function: in the split build it goes, with what only it reaches, into
/// chunk `$chunk`, fetched on its first call (or by `$fetch`); elsewhere it is a plain async
/// function and `$fetch` does nothing.
macro_rules! split_fn {
    ($chunk:ident, $fetch:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(mqtt_split)]
        #[wasm_split_helpers::wasm_split($chunk, preload($fetch), fallible)]
        fn $name($($arg: $ty),*) -> Result<$ret, $crate::web::lazy::LoadError> {
            Ok($body)
        }

        #[cfg(not(mqtt_split))]
        async fn $name($($arg: $ty),*) -> Result<$ret, $crate::web::lazy::LoadError> {
            Ok($body)
        }

        // Not every split function has a part that prefetches it.
        #[cfg(not(mqtt_split))]
        #[allow(dead_code)]
        async fn $fetch() -> Result<(), $crate::web::lazy::LoadError> {
            Ok(())
        }
    };
}
pub(crate) use split_fn;

/// Declares a part: its [`Part`] (`$part`, which fetches its chunk and any `$also`), and its
/// view as a split function (`async`: it waits for the chunk).
macro_rules! split_part {
    (
        $(#[$doc:meta])* $part:ident: $chunk:ident, $fetch:ident $(+ $also:ident)?,
        fn $view:ident($($arg:ident: $ty:ty),*) $body:block
    ) => {
        $(#[$doc])*
        pub static $part: $crate::web::lazy::Part = $crate::web::lazy::Part::new(|| {
            Box::pin(async {
                $fetch().await?;
                $($also().await?;)?
                Ok(())
            })
        });

        $crate::web::lazy::split_fn!($chunk, $fetch, fn $view($($arg: $ty),*) -> leptos::prelude::AnyView $body);
    };
}
pub(crate) use split_part;

/// Fetches a part's chunk.
pub type Fetch = fn() -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// A part of the app fetched on first use.
pub struct Part {
    loaded: AtomicBool,
    fetch: Fetch,
}

impl Part {
    /// A part fetched by `fetch` (see [`split_part!`]).
    pub const fn new(fetch: Fetch) -> Self {
        Part {
            loaded: AtomicBool::new(false),
            fetch,
        }
    }

    fn loaded(&self) -> bool {
        self.loaded.load(Ordering::Relaxed)
    }

    async fn load(&self) -> Result<(), LoadError> {
        (self.fetch)().await?;
        self.loaded.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Starts fetching in the background (when the pointer or the keyboard reaches what
    /// opens the part), so that opening it does not wait.
    pub fn prefetch(&'static self) {
        if !self.loaded() {
            spawn_local(async {
                let _ = self.load().await;
            });
        }
    }
}

/// A `<details>` whose contents are a part: fetched when the pointer or the keyboard reaches
/// its summary, shown from the first opening on, and kept (with what was typed) when closed.
pub fn details(
    class: &'static str,
    testid: String,
    summary: Text,
    part: &'static Part,
    view: impl Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync + 'static,
) -> impl IntoView {
    let view: View = std::sync::Arc::new(view);
    let lang = expect_context::<ReadSignal<Lang>>();
    let opened = RwSignal::new(false);
    let toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let open = (ev.target())
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        if open {
            opened.set(true);
        }
    };
    view! {
        <details class=class data-testid=testid on:toggle=toggle>
            <summary on:pointerenter=move |_| part.prefetch() on:focus=move |_| part.prefetch()>
                {move || lang.get().t(summary)}
            </summary>
            {move || opened.get().then(|| deferred_dyn(part, view.clone()))}
        </details>
    }
}

/// Where a part fetched on first use stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Pending,
    Ready,
    Failed,
}

/// A part's view, once its chunk is here (one shape for every part, so the code showing them
/// is built once).
type View = std::sync::Arc<dyn Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync>;

/// Shows `view` once `part` is here: a loading line before, an error in the user's language
/// with a retry button if fetching fails.
pub fn deferred(
    part: &'static Part,
    view: impl Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync + 'static,
) -> AnyView {
    deferred_dyn(part, std::sync::Arc::new(view))
}

fn deferred_dyn(part: &'static Part, view: View) -> AnyView {
    let lang = expect_context::<ReadSignal<Lang>>();
    let loaded = part.loaded();
    let state = RwSignal::new(if loaded { Load::Ready } else { Load::Pending });
    let fetch = move || {
        state.set(Load::Pending);
        spawn_local(async move {
            let done = part.load().await;
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
    let loading = move || {
        view! { <p class="lazy-loading" role="status" data-testid="lazy-loading">{t(Text::LoadingPart)}</p> }
            .into_any()
    };
    (move || match state.get() {
        Load::Ready => view().and_then(Result::ok).unwrap_or_else(failed),
        Load::Pending => loading(),
        Load::Failed => failed(),
    })
    .into_any()
}

/// The value of a future that needs no waiting (a split function whose chunk is loaded
/// resolves on its first poll); `None` if it would wait.
pub fn ready<T>(future: impl Future<Output = T>) -> Option<T> {
    match std::pin::pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}
