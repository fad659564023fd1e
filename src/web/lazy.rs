//! Code a first visit does not need, fetched when first used.
//!
//! The release bundle is built with `--cfg mqtt_split` and split after linking
//! (`scripts/build.sh`): each function declared with [`split_part!`] goes, with everything
//! only it reaches, into a chunk of its own that the page fetches the first time the function
//! is called. Other builds (tests, `trunk serve`) keep one module and the functions resolve at
//! once. [`deferred`] shows a part: a loading line while its chunk comes, an error with a
//! retry button if it cannot (offline, server gone), and never touches the rest of the page.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;

use bytes::Bytes;

use crate::core::codec::{Properties, SubscriptionOptions};
use crate::core::i18n::{Lang, Text};
use crate::core::sim::lessons::Lesson;
use crate::core::sim::{Share, World};
use crate::core::trace::{MsgId, TraceEvent};
use crate::web::components::broker_panel::BrokerPanel;
use crate::web::components::capture::CapturePanel;
use crate::web::components::class::{ClassPart, ClassView};
use crate::web::components::devices::DeviceSettings;
use crate::web::components::journey::JourneyOf;
use crate::web::components::real::RealPanel;
use crate::web::components::sequence::SequenceView;
use crate::web::components::share::ShareBody;
use crate::web::components::timeline::Timeline;
use crate::web::components::wildcard::WildcardTester;
use crate::web::realclient::{Options, RealClient};
use crate::web::state::{Ctx, Sim};

pub use wasm_split_helpers::SplitLoaderError as LoadError;

/// Declares a split function: in the split build it goes, with what only it reaches, into
/// chunk `$chunk`, fetched on its first call (or by `$fetch`); elsewhere it is a plain async
/// function and `$fetch` does nothing.
macro_rules! split_fn {
    ($chunk:ident, $fetch:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(mqtt_split)]
        #[wasm_split_helpers::wasm_split($chunk, preload($fetch), fallible)]
        fn $name($($arg: $ty),*) -> Result<$ret, LoadError> {
            Ok($body)
        }

        #[cfg(not(mqtt_split))]
        async fn $name($($arg: $ty),*) -> Result<$ret, LoadError> {
            Ok($body)
        }

        // Not every split function has a part that prefetches it.
        #[cfg(not(mqtt_split))]
        #[allow(dead_code)]
        async fn $fetch() -> Result<(), LoadError> {
            Ok(())
        }
    };
}

/// Declares a part: its [`Part`] (`$part`, which fetches its chunk and any `$also`), and its
/// view as a split function (`async`: it waits for the chunk).
macro_rules! split_part {
    (
        $(#[$doc:meta])* $part:ident: $chunk:ident, $fetch:ident $(+ $also:ident)?,
        fn $view:ident($($arg:ident: $ty:ty),*) $body:block
    ) => {
        $(#[$doc])*
        pub static $part: Part = Part::new(|| {
            Box::pin(async {
                $fetch().await?;
                $($also().await?;)?
                Ok(())
            })
        });

        split_fn!($chunk, $fetch, fn $view($($arg: $ty),*) -> AnyView $body);
    };
}

split_part!(
    /// The real-broker panel (the largest part; most visits never open it), with the real
    /// client's code.
    REAL_PANEL: real_panel, fetch_real_panel + fetch_client_ops,
    fn real_panel_view(lang: ReadSignal<Lang>) {
        view! { <RealPanel lang=lang/> }.into_any()
    }
);
split_part!(
    /// The log tab (the default view: fetched at once, after the page is up), with the
    /// sentences that describe each event and the exports.
    TIMELINE: timeline, fetch_timeline,
    fn timeline_view() {
        view! { <Timeline/> }.into_any()
    }
);
split_part!(
    /// The sequence diagram (the default view: fetched at once, after the page is up).
    SEQUENCE: sequence, fetch_sequence,
    fn sequence_view() {
        view! { <SequenceView/> }.into_any()
    }
);
split_part!(
    /// The broker-internals tab.
    BROKER_PANEL: broker_panel, fetch_broker_panel,
    fn broker_panel_view() {
        view! { <BrokerPanel/> }.into_any()
    }
);
split_part!(
    /// The wildcard-tester tab.
    WILDCARD: wildcard, fetch_wildcard,
    fn wildcard_view() {
        view! { <WildcardTester/> }.into_any()
    }
);
split_part!(
    /// The captures tab (export for Wireshark, open a capture).
    CAPTURE: capture, fetch_capture,
    fn capture_view() {
        view! { <CapturePanel/> }.into_any()
    }
);
split_part!(
    /// A message's journey (shown once a message is picked).
    JOURNEY: journey, fetch_journey,
    fn journey_view(msg: MsgId) {
        view! { <JourneyOf msg=msg/> }.into_any()
    }
);
split_part!(
    /// Sharing, embedding, export and import.
    SHARE: share, fetch_share,
    fn share_view() {
        view! { <ShareBody/> }.into_any()
    }
);
split_part!(
    /// A class on a real broker: the teacher's setup, a student's join bar, the teacher's
    /// table (with the real client's code: every class view connects).
    CLASS: class, fetch_class + fetch_client_ops,
    fn class_view(part: ClassPart) {
        view! { <ClassView part=part/> }.into_any()
    }
);
split_part!(
    /// A device's settings editor.
    DEVICE_SETTINGS: device_settings, fetch_device_settings,
    fn device_settings_view(name: String) {
        view! { <DeviceSettings name=name/> }.into_any()
    }
);

/// What the rest of the app asks of the real client, whose code comes with the real panel
/// ([`REAL_PANEL`] fetches both): the panel is where a connection starts, so the code is
/// here whenever a client has something to do.
pub enum ClientOp {
    /// Connects with these options.
    Connect(Options),
    /// Subscribes to a filter.
    Subscribe(String, SubscriptionOptions),
    /// Unsubscribes from a filter.
    Unsubscribe(String),
    /// Publishes (topic, payload, QoS, retain).
    Publish(String, Bytes, u8, bool),
    /// Keep-alive (about once a second).
    Tick,
    /// Says goodbye and closes.
    Close,
}

fn run_client_op(client: &RealClient, op: ClientOp, lang: Lang) -> Result<(), String> {
    match op {
        ClientOp::Connect(options) => client.connect(&options, lang),
        ClientOp::Subscribe(filter, options) => client.subscribe(&filter, options, lang),
        ClientOp::Unsubscribe(filter) => {
            client.unsubscribe(&filter);
            Ok(())
        }
        ClientOp::Publish(topic, payload, qos, retain) => {
            client.publish(&topic, payload, qos, retain, Properties::new(), lang)
        }
        ClientOp::Tick => {
            client.tick();
            Ok(())
        }
        ClientOp::Close => {
            client.close();
            Ok(())
        }
    }
}

split_fn!(
    real_panel,
    fetch_client_ops,
    fn client_op_split(client: RealClient, op: ClientOp, lang: Lang) -> Result<(), String> {
        run_client_op(&client, op, lang)
    }
);

/// Does `op` on the real client, fetching its code first if needed.
pub async fn client_op(client: &RealClient, op: ClientOp, lang: Lang) -> Result<(), String> {
    match client_op_split(client.clone(), op, lang).await {
        Ok(done) => done,
        Err(_) => Err(lang.t(Text::LoadPartFailed).to_string()),
    }
}

/// Does `op` now if the client's code is here (it is once a connection was started), else
/// nothing; `None` then.
pub fn client_op_now(client: &RealClient, op: ClientOp, lang: Lang) -> Option<Result<(), String>> {
    ready(client_op_split(client.clone(), op, lang)).and_then(Result::ok)
}

split_fn!(
    lesson_checks,
    fetch_lesson_checks,
    fn lesson_checks_split(
        lesson: &'static Lesson,
        world: &World,
        trace: &[TraceEvent],
    ) -> Vec<bool> {
        lesson.check(world, trace)
    }
);

/// The lessons' goal checks: fetched when a lesson starts (they are code a free-play visit
/// never runs).
pub static LESSON_CHECKS: Part = Part::new(|| Box::pin(fetch_lesson_checks()));

/// Which of a lesson's goals hold, if the checks' code is here; `None` (and the code starts
/// coming) if not yet.
pub fn lesson_goals(
    lesson: &'static Lesson,
    world: &World,
    trace: &[TraceEvent],
) -> Option<Vec<bool>> {
    match ready(lesson_checks_split(lesson, world, trace)) {
        Some(Ok(goals)) => Some(goals),
        _ => {
            LESSON_CHECKS.prefetch();
            None
        }
    }
}

split_fn!(
    open_shared_run,
    fetch_open_shared_run,
    fn open_shared_split(json: String, lang: Lang) -> Result<Sim, String> {
        Share::from_json(&json, lang)
            .and_then(|share| Sim::from_share(&share, lang))
            .map_err(|e| e.to_string())
    }
);

/// A shared run rebuilt from its link's JSON (the code comes on first use: most visits open
/// no link).
pub async fn open_shared(json: String, lang: Lang) -> Result<Sim, String> {
    match open_shared_split(json, lang).await {
        Ok(opened) => opened,
        Err(_) => Err(lang.t(Text::LoadPartFailed).to_string()),
    }
}

/// Fetches a part's chunk.
type Fetch = fn() -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// A part of the app fetched on first use.
pub struct Part {
    loaded: AtomicBool,
    fetch: Fetch,
}

impl Part {
    const fn new(fetch: Fetch) -> Self {
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

/// The real-broker panel.
pub fn real_panel(lang: ReadSignal<Lang>) -> impl IntoView {
    deferred(&REAL_PANEL, move || ready(real_panel_view(lang)))
}

/// The sequence diagram.
pub fn sequence() -> impl IntoView {
    deferred(&SEQUENCE, || ready(sequence_view()))
}

/// The log tab.
pub fn timeline() -> impl IntoView {
    deferred(&TIMELINE, || ready(timeline_view()))
}

/// The broker-internals tab.
pub fn broker_panel() -> impl IntoView {
    deferred(&BROKER_PANEL, || ready(broker_panel_view()))
}

/// The wildcard-tester tab.
pub fn wildcard_tester() -> impl IntoView {
    deferred(&WILDCARD, || ready(wildcard_view()))
}

/// The captures tab.
pub fn capture_panel() -> impl IntoView {
    deferred(&CAPTURE, || ready(capture_view()))
}

/// A message's journey.
pub fn journey(msg: MsgId) -> impl IntoView {
    deferred(&JOURNEY, move || ready(journey_view(msg)))
}

/// The share panel: its contents are fetched when it is first opened.
pub fn share_panel() -> impl IntoView {
    details(
        "panel share",
        "share-panel".into(),
        Text::ShareTitle,
        &SHARE,
        || ready(share_view()),
    )
}

/// A student's class bar (`?class=`), or the teacher's view (`&teacher=1`).
pub fn class(part: ClassPart) -> impl IntoView {
    deferred(&CLASS, move || ready(class_view(part)))
}

/// The class setup: fetched when first opened.
pub fn class_setup() -> impl IntoView {
    details(
        "panel class",
        "class-panel".into(),
        Text::ClassTitle,
        &CLASS,
        || ready(class_view(ClassPart::Setup)),
    )
}

/// A device's settings: fetched when first opened.
pub fn device_settings(name: String) -> impl IntoView {
    details(
        "editor",
        format!("editor-{name}"),
        Text::Settings,
        &DEVICE_SETTINGS,
        move || ready(device_settings_view(name.clone())),
    )
}

/// A `<details>` whose contents are a part: fetched when the pointer or the keyboard reaches
/// its summary, shown from the first opening on, and kept (with what was typed) when closed.
fn details(
    class: &'static str,
    testid: String,
    summary: Text,
    part: &'static Part,
    view: impl Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync + 'static,
) -> impl IntoView {
    let view: View = std::sync::Arc::new(view);
    let lang = Ctx::get().lang;
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
fn deferred(
    part: &'static Part,
    view: impl Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync + 'static,
) -> AnyView {
    deferred_dyn(part, std::sync::Arc::new(view))
}

fn deferred_dyn(part: &'static Part, view: View) -> AnyView {
    let lang = Ctx::get().lang;
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
fn ready<T>(future: impl Future<Output = T>) -> Option<T> {
    match std::pin::pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}
