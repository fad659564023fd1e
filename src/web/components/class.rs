//! A class on one real broker (its model is `core::class`): the teacher's setup (broker, code,
//! student link and its QR code), a student's join bar (their progress retained on the broker
//! as it changes), and the teacher's live table of students × lessons with the class's topic
//! tree. All of it comes in one lazily loaded part; the connection is the page's real client.

use std::collections::BTreeMap;

use bytes::Bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::class::{
    claim, is_public_broker, roster, tree, Claim, Class, ClassError, DisplayName, Mark, Progress,
    Qr, Student, DEFAULT_PREFIX, PROGRESS_V,
};
use crate::core::codec::{SubscriptionOptions, Version};
use crate::core::doctor::{BrokerUrl, UrlError};
use crate::core::sim::lessons::LESSONS;
use crate::core::types::QoS;
use crate::i18n::class::{ago, ClassMsg, ClassText};
use crate::i18n::Lang;
use crate::web::bridge::Real;
use crate::web::realclient::{client_op, client_op_now, fetch_client_code, ClientOp};
use crate::web::realclient::{ClientError, Options, RealClient, Status};
use crate::web::state::{Ctx, Part};
use crate::web::{files, storage};

const NAME_KEY: &str = "mqtt-playground-class-name";
const ID_KEY: &str = "mqtt-playground-class-id";
const TEACHER_KEY: &str = "mqtt-playground-class-teacher";
/// Seconds between the student's progress heartbeats (for "last seen").
const HEARTBEAT_S: f64 = 30.0;

/// Which class view a part shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassPart {
    /// The teacher's setup (in the page's side column).
    Setup,
    /// The join bar of a student link.
    Student,
    /// The teacher's table.
    Teacher,
}

/// Shows one of the class views.
#[component]
pub fn ClassView(part: ClassPart) -> impl IntoView {
    match part {
        ClassPart::Setup => view! { <ClassSetup/> }.into_any(),
        ClassPart::Student => view! { <StudentBar/> }.into_any(),
        ClassPart::Teacher => view! { <TeacherView/> }.into_any(),
    }
}

/// What a class link says.
#[derive(Clone, Debug, Default)]
struct Link {
    code: String,
    broker: String,
    prefix: String,
    devices: bool,
}

impl Link {
    fn from_address() -> Link {
        let q = crate::web::lang::query_flag;
        Link {
            code: q("class").unwrap_or_default(),
            broker: q("broker").unwrap_or_default(),
            prefix: q("prefix").unwrap_or_default(),
            devices: q("devices").as_deref() == Some("1"),
        }
    }

    /// The student link (`teacher`: the teacher's). Never a password.
    fn url(&self, teacher: bool) -> String {
        let Ok(url) = web_sys::Url::new(&files::app_base()) else {
            return String::new();
        };
        let p = url.search_params();
        p.set("class", self.code.trim());
        p.set("broker", self.broker.trim());
        let prefix = self.prefix.trim();
        if !prefix.is_empty() && prefix != DEFAULT_PREFIX {
            p.set("prefix", prefix);
        }
        if self.devices {
            p.set("devices", "1");
        }
        if teacher {
            p.set("teacher", "1");
        }
        url.href()
    }
}

fn random(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..n)
        .map(|_| {
            let i = (js_sys::Math::random() * ALPHABET.len() as f64) as usize;
            ALPHABET[i.min(ALPHABET.len() - 1)] as char
        })
        .collect()
}

fn wall_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// This browser's id in classes (random, kept): a reload takes its name back.
fn browser_id() -> String {
    storage::load::<String>(ID_KEY).unwrap_or_else(|| {
        let id = random(12).to_lowercase();
        storage::save(ID_KEY, &id);
        id
    })
}

/// Why joining or watching a class failed, rendered in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Trouble {
    /// A name, code or prefix the class refuses.
    Class(ClassError),
    /// The real client refused, or the connection failed (the doctor's words).
    Client(ClientError),
    /// No CONNACK came.
    NoAnswer,
}

impl Trouble {
    fn message(&self, lang: Lang) -> String {
        match self {
            Trouble::Class(e) => lang.t(e.text()).to_string(),
            Trouble::Client(e) => e.message(lang),
            Trouble::NoAnswer => lang.t(ClassText::NoAnswer).to_string(),
        }
    }
}

impl From<ClassError> for Trouble {
    fn from(e: ClassError) -> Self {
        Trouble::Class(e)
    }
}

impl From<ClientError> for Trouble {
    fn from(e: ClientError) -> Self {
        Trouble::Client(e)
    }
}

impl From<UrlError> for Trouble {
    fn from(e: UrlError) -> Self {
        Trouble::Client(ClientError::Url(e))
    }
}

/// Waits for CONNACK, following the client's changes: `Err` with the doctor's diagnosis if
/// the connection failed (the client's supervisor gives up on a silent broker), or after 12 s
/// if the socket never even opened.
async fn until_connected(client: &RealClient) -> Result<(), Trouble> {
    loop {
        {
            let live = client.0.borrow();
            if live.status == Status::Connected {
                return Ok(());
            }
            if let Some(p) = &live.problem {
                return Err(Trouble::Client(ClientError::Problem(p.clone())));
            }
        }
        if !client.next_change(12_000).await {
            return Err(Trouble::NoAnswer);
        }
    }
}

fn options(url: &str, username: &str, password: &str, will: Option<String>) -> Options {
    Options {
        url: url.trim().to_string(),
        version: Version::V311,
        client_id: format!("mqttpg-{}", random(10).to_lowercase()),
        username: username.trim().to_string(),
        password: password.to_string(),
        keep_alive: 30,
        clean: true,
        will: will.map_or_else(Default::default, |t| (t, "0".into())),
        will_retain: true,
        topic_aliases: false,
    }
}

/// The class the address names, or the view saying why it cannot be opened.
fn linked_class(lang: ReadSignal<Lang>) -> Result<(Link, Class), AnyView> {
    let link = Link::from_address();
    Class::new(&link.prefix, &link.code)
        .map(|class| (link, class))
        .map_err(|e| {
            view! {
                <section class="class-bar panel" data-testid="class-bar" aria-label=move || lang.get().t(ClassText::ClassLink)>
                    <p class="field-error" role="alert" data-testid="class-error">{move || lang.get().t(e.text())}</p>
                </section>
            }
            .into_any()
        })
}

/// What the broker delivered (each topic's last payload), read as it changes.
fn with_topics<T>(
    real: Real,
    f: impl for<'a> FnOnce(&mut dyn Iterator<Item = (&'a str, &'a [u8])>) -> T,
) -> T {
    real.version.track();
    real.client.with_value(|c| topics_of(c, f))
}

/// What a client received (each topic's last payload), read once.
fn topics_of<T>(
    client: &RealClient,
    f: impl for<'a> FnOnce(&mut dyn Iterator<Item = (&'a str, &'a [u8])>) -> T,
) -> T {
    let live = client.0.borrow();
    f(&mut live
        .topics
        .iter()
        .map(|(t, (_, p))| (t.as_str(), p.as_ref())))
}

/// The real connection's status, followed.
fn status_of(real: Real) -> impl Fn() -> Status + Copy {
    move || {
        real.version.track();
        real.client.with_value(|c| c.0.borrow().status)
    }
}

/// A text input with its label.
fn field(
    label: ClassText,
    value: RwSignal<String>,
    testid: &'static str,
    kind: &'static str,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    view! {
        <label>{move || lang.get().t(label)}
            <input type=kind data-testid=testid prop:value=move || value.get()
                autocomplete=if kind == "password" { "current-password" } else { "off" }
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// The student link, copyable, and its QR code.
#[component]
fn LinkBox(link: Signal<Option<Link>>) -> impl IntoView {
    let lang = Ctx::get().lang;
    let t = move |k: ClassText| move || lang.get().t(k);
    let copied = RwSignal::new(false);
    let url = move || link.get().map(|l| l.url(false)).unwrap_or_default();
    let copy = move |_| {
        let text = url();
        spawn_local(async move { copied.set(files::copy(&text).await) });
    };
    let qr = move || {
        let text = url();
        if text.is_empty() {
            return ().into_any();
        }
        match Qr::of(&text) {
            Some(qr) => {
                let side = qr.size + 8;
                view! {
                    <svg class="qr" data-testid="class-qr" viewBox=format!("0 0 {side} {side}") role="img"
                        aria-label=t(ClassText::QrLabel) shape-rendering="crispEdges">
                        <rect width=side.to_string() height=side.to_string() fill="#fff"/>
                        <path d=qr.svg_path() fill="#000"/>
                    </svg>
                }
                .into_any()
            }
            None => view! { <p class="field-error">{t(ClassText::QrTooLong)}</p> }.into_any(),
        }
    };
    view! {
        <div class="class-link">
            <label>{t(ClassText::StudentLink)}
                <input readonly data-testid="class-student-link" prop:value=url on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); }
                }/>
            </label>
            <button type="button" class="small secondary" data-testid="class-copy" on:click=copy>{t(ClassText::CopyLink)}</button>
            <span role="status" class="muted">{move || copied.get().then(|| lang.get().t(ClassText::Copied))}</span>
            <p class="hint">{t(ClassText::NoPasswordInLink)}</p>
            {qr}
        </div>
    }
}

/// The teacher's setup: broker, code, prefix, devices allowed; the student link and QR, and
/// a link to the teacher view.
#[component]
fn ClassSetup() -> impl IntoView {
    let lang = Ctx::get().lang;
    let t = move |k: ClassText| move || lang.get().t(k);
    let broker = RwSignal::new("ws://raspberrypi.local:9001/".to_string());
    let code = RwSignal::new(random(6));
    let prefix = RwSignal::new(DEFAULT_PREFIX.to_string());
    let devices = RwSignal::new(false);
    // On a public broker the prefix becomes random (once), so two classes do not meet.
    Effect::new(move |_| {
        if is_public_broker(&broker.get()) && prefix.get_untracked() == DEFAULT_PREFIX {
            prefix.set(format!("{DEFAULT_PREFIX}-{}", random(8).to_lowercase()));
        }
    });
    let checked = move || -> Result<Link, Trouble> {
        BrokerUrl::parse(&broker.get())?;
        Class::new(&prefix.get(), &code.get())?;
        Ok(Link {
            code: code.get().trim().to_string(),
            broker: broker.get().trim().to_string(),
            prefix: prefix.get().trim().to_string(),
            devices: devices.get(),
        })
    };
    let link = Signal::derive(move || checked().ok());
    view! {
        <div class="class-setup" data-testid="class-setup">
            <p class="hint">{t(ClassText::SetupHint)}</p>
            {field(ClassText::BrokerField, broker, "class-broker", "url", lang)}
            {field(ClassText::CodeField, code, "class-code", "text", lang)}
            {field(ClassText::PrefixField, prefix, "class-prefix", "text", lang)}
            <label class="inline"><input type="checkbox" data-testid="class-devices" prop:checked=move || devices.get()
                on:change=move |ev| devices.set(event_target_checked(&ev))/>{t(ClassText::AllowDevices)}</label>
            <Show when=move || is_public_broker(&broker.get())>
                <p class="warning" role="note" data-testid="class-public-warning">{t(ClassText::PublicWarning)}</p>
            </Show>
            <p class="field-error" role="alert" data-testid="class-setup-error">{move || checked().err().map(|e| e.message(lang.get()))}</p>
            <LinkBox link=link/>
            {move || link.get().map(|l| view! {
                <a class="button" data-testid="class-open-teacher" target="_blank" rel="noopener" href=l.url(true)>{t(ClassText::OpenTeacher)}</a>
            })}
        </div>
    }
}

/// The bar of a student link: join with a name (and an account if the broker wants one); once
/// in, the progress is retained on the broker whenever it changes, and every 30 s.
#[component]
fn StudentBar() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: ClassText| move || lang.get().t(k);
    let (link, class) = match linked_class(lang) {
        Ok(linked) => linked,
        Err(explained) => return explained,
    };
    let name = RwSignal::new(storage::load::<String>(NAME_KEY).unwrap_or_default());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Trouble>);
    let busy = RwSignal::new(false);
    let joined = RwSignal::new(None::<Claim>);
    let me = browser_id();
    let client = move || real.client.get_value();
    let status = status_of(real);
    // Goals met per lesson tried since joining (the most the run has met).
    let goals: StoredValue<BTreeMap<String, [u32; 2]>> = StoredValue::new(BTreeMap::new());
    let sent = StoredValue::new((String::new(), 0.0f64, false));
    let progress = {
        let me = me.clone();
        move |claim: &Claim| -> Progress {
            let (lesson, now) =
                ctx.peek(|s| (s.lesson.map(|l| l.id.to_string()), s.goals.held.clone()));
            if let Some(id) = &lesson {
                if !now.is_empty() {
                    let met = now.iter().filter(|g| **g).count() as u32;
                    // The best so far: going back in time (or replaying) takes nothing away.
                    goals.update_value(|g| {
                        let kept = g.get(id).map_or(0, |[m, _]| *m);
                        g.insert(id.clone(), [met.max(kept), now.len() as u32]);
                    });
                }
            }
            Progress {
                v: PROGRESS_V,
                id: me.clone(),
                name: claim.name.clone(),
                lesson,
                passed: ctx.progress.with_untracked(|p| p.keys().cloned().collect()),
                goals: goals.get_value(),
                seen: 0,
            }
        }
    };
    let class_p = class.clone();
    // Publishes the progress if it changed, or for the heartbeat, or after a reconnect.
    let publish = move |force: bool| {
        let Some(claim) = joined.get_untracked() else {
            return;
        };
        let c = client();
        if c.0.borrow().status != Status::Connected {
            sent.update_value(|s| s.2 = false);
            return;
        }
        let mut p = progress(&claim);
        let same = p.to_json();
        let (last, at, online) = sent.get_value();
        let now = crate::web::wall::now_ms();
        if !force && online && last == same && now - at < HEARTBEAT_S * 1000.0 {
            return;
        }
        p.seen = wall_ms();
        if !online {
            client_op_now(
                &c,
                ClientOp::Publish(
                    class_p.online_topic(&claim.level),
                    Bytes::from_static(b"1"),
                    1,
                    true,
                ),
            );
        }
        client_op_now(
            &c,
            ClientOp::Publish(
                class_p.progress_topic(&claim.level),
                Bytes::from(p.to_json()),
                1,
                true,
            ),
        );
        sent.set_value((same, now, true));
    };
    let publish = StoredValue::new_local(Box::new(publish) as Box<dyn Fn(bool)>);
    let publish = move |force: bool| publish.with_value(|p| p(force));
    Effect::new(move |_| {
        ctx.read(Part::Goals, |s| s.goals.count().0);
        ctx.progress.track();
        status();
        publish(false);
    });
    let beat = set_interval_with_handle(move || publish(false), std::time::Duration::from_secs(5));
    on_cleanup(move || {
        if let Ok(h) = beat {
            h.clear();
        }
    });
    let class_j = class.clone();
    let devices = link.devices;
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = match DisplayName::new(&name.get_untracked()) {
            Ok(n) => n,
            Err(e) => return error.set(Some(e.into())),
        };
        let user = username.get_untracked();
        if !user.trim().is_empty() {
            if let Err(e) = crate::core::class::username_level(&user) {
                return error.set(Some(e.into()));
            }
        }
        if let Err(e) = BrokerUrl::parse(&link.broker) {
            return error.set(Some(e.into()));
        }
        storage::save(NAME_KEY, &wanted.as_str());
        error.set(None);
        busy.set(true);
        let (class, link, me) = (class_j.clone(), link.clone(), me.clone());
        let pass = password.get_untracked();
        spawn_local(async move {
            let c = client();
            let done = async {
                let mut taken: Vec<(String, String, String)> = Vec::new();
                if user.trim().is_empty() {
                    // Who is in the class already (their retained progress), to keep names apart.
                    client_op(&c, ClientOp::Connect(options(&link.broker, "", "", None))).await?;
                    until_connected(&c).await?;
                    let filter = class.progress_filter();
                    client_op(
                        &c,
                        ClientOp::Subscribe(
                            filter.clone(),
                            SubscriptionOptions::qos(QoS::AtLeastOnce),
                        ),
                    )
                    .await?;
                    while c.awaiting_suback() && c.next_change(3_000).await {}
                    // Retained messages follow the SUBACK.
                    gloo_timers::future::TimeoutFuture::new(400).await;
                    taken = topics_of(&c, |topics| roster(&class, topics))
                        .into_iter()
                        .filter_map(|s| s.progress.map(|p| (s.level, p.name, p.id)))
                        .collect();
                    client_op(&c, ClientOp::Unsubscribe(filter)).await?;
                }
                let list: Vec<_> = taken
                    .iter()
                    .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
                    .collect();
                let got = claim(&wanted, Some(user.as_str()), &me, &list)?;
                let will = Some(class.online_topic(&got.level));
                client_op(
                    &c,
                    ClientOp::Connect(options(&link.broker, &user, &pass, will)),
                )
                .await?;
                until_connected(&c).await?;
                Ok::<Claim, Trouble>(got)
            };
            match done.await {
                Ok(got) => {
                    if link.devices {
                        real.bridge.update(|b| {
                            b.prefix = class.student_root(&got.level);
                            b.all = true;
                        });
                    }
                    password.set(String::new());
                    joined.set(Some(got));
                    publish(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let class_l = class.clone();
    let leave = move |_| {
        let c = client();
        if let Some(claim) = joined.get_untracked() {
            client_op_now(
                &c,
                ClientOp::Publish(
                    class_l.online_topic(&claim.level),
                    Bytes::from_static(b"0"),
                    1,
                    true,
                ),
            );
        }
        client_op_now(&c, ClientOp::Close);
        real.bridge.update(|b| {
            b.all = false;
            b.prefix.clear();
        });
        sent.set_value(Default::default());
        joined.set(None);
    };
    let code = class.code().to_string();
    let code_j = code.clone();
    view! {
        <section class="class-bar panel" data-testid="class-bar" aria-labelledby="class-bar-title">
            <h2 id="class-bar-title">{move || ClassMsg::JoinTitle(&code).render(lang.get())}</h2>
            {move || match joined.get() {
                None => view! {
                    <form class="class-join" data-testid="class-join" on:submit=join.clone()>
                        <p class="hint">{t(ClassText::JoinHint)}</p>
                        <div class="row">
                            <label>{t(ClassText::NameField)}
                                <input data-testid="class-name" maxlength="32" required prop:value=move || name.get()
                                    autocomplete="nickname" on:input=move |ev| name.set(event_target_value(&ev))/>
                            </label>
                            {field(ClassText::UsernameField, username, "class-username", "text", lang)}
                            {field(ClassText::PasswordField, password, "class-password", "password", lang)}
                            <button type="submit" data-testid="class-join-button" disabled=move || busy.get()>{t(ClassText::Join)}</button>
                        </div>
                        <p class="muted" role="status">{move || busy.get().then(|| lang.get().t(ClassText::Connecting))}</p>
                        <p class="field-error" role="alert" data-testid="class-error">{move || error.get().map(|e| e.message(lang.get()))}</p>
                    </form>
                }.into_any(),
                Some(claim) => {
                    let (shown, code) = (claim.name.clone(), code_j.clone());
                    view! {
                        <p data-testid="class-joined" role="status">{move || ClassMsg::Joined(&shown, &code).render(lang.get())}</p>
                        <Show when=move || status() == Status::Reconnecting || status() == Status::Connecting>
                            <p class="warning" data-testid="class-reconnecting">{t(ClassText::Reconnecting)}</p>
                        </Show>
                        {devices.then(|| view! { <p class="hint">{t(ClassText::SharingDevices)}</p> })}
                        <button type="button" class="small secondary" data-testid="class-leave" on:click=leave.clone()>{t(ClassText::Leave)}</button>
                    }.into_any()
                }
            }}
        </section>
    }
    .into_any()
}

fn mark_view(mark: Mark, lang: Lang) -> (&'static str, &'static str, String) {
    match mark {
        Mark::Passed => ("passed", "✔", lang.t(ClassText::Passed).to_string()),
        Mark::Current(m, a) => ("current", "▶", ClassMsg::Current(m, a).render(lang)),
        Mark::Tried(m, a) => ("tried", "◐", ClassMsg::Tried(m, a).render(lang)),
        Mark::None => ("none", "·", lang.t(ClassText::NotStarted).to_string()),
    }
}

/// A row of the teacher's table, in pixels (`.class-table tbody tr` in the stylesheet).
const ROW_PX: f64 = 33.0;
/// Rows of the teacher's table in sight at once (its region's height).
const ROWS_SEEN: usize = 14;
/// A line of the class's topic tree, in pixels, and the lines in sight at once.
const LINE_PX: f64 = 22.0;
const LINES_SEEN: usize = 20;

/// The teacher's view: connect, then a live table of students × lessons and the topic tree,
/// both built from what the broker delivers (retained progress first).
#[component]
fn TeacherView() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: ClassText| move || lang.get().t(k);
    let (link, class) = match linked_class(lang) {
        Ok(linked) => linked,
        Err(explained) => return explained,
    };
    let broker = RwSignal::new(link.broker.clone());
    let username = RwSignal::new(storage::load::<String>(TEACHER_KEY).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Trouble>);
    let busy = RwSignal::new(false);
    let now = RwSignal::new(wall_ms());
    let clock = set_interval_with_handle(
        move || now.set(wall_ms()),
        std::time::Duration::from_secs(5),
    );
    on_cleanup(move || {
        if let Ok(h) = clock {
            h.clear();
        }
    });
    let status = status_of(real);
    let class_c = class.clone();
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = broker.get_untracked();
        if let Err(e) = BrokerUrl::parse(&url) {
            return error.set(Some(e.into()));
        }
        let user = username.get_untracked();
        storage::save(TEACHER_KEY, &user);
        let pass = password.get_untracked();
        let everything = class_c.everything();
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let c = real.client.get_value();
            let done = async {
                client_op(&c, ClientOp::Connect(options(&url, &user, &pass, None))).await?;
                until_connected(&c).await?;
                client_op(
                    &c,
                    ClientOp::Subscribe(everything, SubscriptionOptions::qos(QoS::AtLeastOnce)),
                )
                .await?;
                Ok::<(), Trouble>(())
            };
            match done.await {
                Ok(()) => password.set(String::new()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let class_r = class.clone();
    // A class of hundreds stays usable: the roster is taken in when what arrived changed it,
    // sorted and filtered as asked, and only the rows in sight are drawn.
    let students = Memo::new(move |_| with_topics(real, |topics| roster(&class_r, topics)));
    let sort = RwSignal::new(false); // false: by name; true: by progress
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let mut list: Vec<Student> = (students.get().into_iter())
            .filter(|s| q.is_empty() || s.name().to_lowercase().contains(&q))
            .collect();
        if sort.get() {
            list.sort_by_key(|s| {
                std::cmp::Reverse(s.progress.as_ref().map_or(0, |p| p.passed.len()))
            });
        } else {
            list.sort_by_key(|s| s.name().to_lowercase());
        }
        list
    });
    let scroll = RwSignal::new(0.0f64);
    let class_t = class.clone();
    let topics = Memo::new(move |_| with_topics(real, |topics| tree(&class_t, topics)));
    let tree_scroll = RwSignal::new(0.0f64);
    let code = class.code().to_string();
    let shown_link = Signal::derive(move || {
        Some(Link {
            broker: broker.get(),
            ..link.clone()
        })
    });
    let connected = move || status() == Status::Connected;
    view! {
        <section class="class-teacher" data-testid="class-teacher" aria-labelledby="class-teacher-title">
            <div class="panel">
                <h2 id="class-teacher-title">{move || ClassMsg::TeacherTitle(&code).render(lang.get())}</h2>
                <p class="hint">{t(ClassText::TeacherHint)}</p>
                <form class="row" on:submit=connect>
                    {field(ClassText::BrokerField, broker, "class-broker", "url", lang)}
                    {field(ClassText::TeacherUsername, username, "class-username", "text", lang)}
                    {field(ClassText::PasswordField, password, "class-password", "password", lang)}
                    <button type="submit" data-testid="class-connect" disabled=move || busy.get()>{t(ClassText::Connect)}</button>
                </form>
                <p class="muted" role="status" data-testid="class-status">{move || lang.get().t(if connected() { ClassText::Online } else { ClassText::Offline })}</p>
                <p class="field-error" role="alert" data-testid="class-error">{move || error.get().map(|e| e.message(lang.get()))}</p>
                <Show when=move || is_public_broker(&broker.get())>
                    <p class="warning" role="note">{t(ClassText::PublicWarning)}</p>
                </Show>
            </div>
            <div class="class-grid">
            <div class="panel">
                <h3>{t(ClassText::Students)}" · "<span data-testid="class-count">{move || ClassMsg::StudentCount(students.with(Vec::len)).render(lang.get())}</span></h3>
                <div class="row class-tools">
                    <label>{t(ClassText::SortBy)}" "
                        <select data-testid="class-sort" on:change=move |ev| sort.set(event_target_value(&ev) == "progress")>
                            <option value="name">{t(ClassText::SortName)}</option>
                            <option value="progress">{t(ClassText::SortProgress)}</option>
                        </select>
                    </label>
                    <label>{t(ClassText::FindStudent)}" "
                        <input type="search" data-testid="class-filter" prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))/>
                    </label>
                </div>
                {move || {
                    let list = shown.get();
                    if students.with(Vec::is_empty) {
                        return view! { <p class="muted" data-testid="class-empty">{t(ClassText::NoStudents)}</p> }.into_any();
                    }
                    let l = lang.get();
                    let at = now.get();
                    // Only the rows in sight (and a few more), between spacers as tall as the rest.
                    let total = list.len();
                    let first = ((scroll.get() / ROW_PX) as usize).min(total.saturating_sub(ROWS_SEEN));
                    let last = (first + ROWS_SEEN + 4).min(total);
                    let (above, below) = (first as f64 * ROW_PX, (total - last) as f64 * ROW_PX);
                    let list: Vec<(usize, Student)> = list.into_iter().enumerate().skip(first).take(last - first).collect();
                    view! {
                        <div class="table-wrap class-scroll" tabindex="0" role="region" aria-label=l.t(ClassText::Students)
                            on:scroll=move |ev| scroll.set(f64::from(event_target::<web_sys::Element>(&ev).scroll_top()))>
                            <table class="class-table" data-testid="class-table" aria-rowcount=(total + 1).to_string()>
                                <thead><tr>
                                    <th scope="col">{l.t(ClassText::StudentColumn)}</th>
                                    {LESSONS.iter().enumerate().map(|(i, lesson)| view! {
                                        <th scope="col" class="num"><abbr title=l.t(lesson.title())>{(i + 1).to_string()}</abbr></th>
                                    }).collect_view()}
                                    <th scope="col">{l.t(ClassText::LastSeen)}</th>
                                </tr></thead>
                                <tbody>
                                    <tr class="spacer" aria-hidden="true" style:height=format!("{above}px")></tr>
                                    {list.into_iter().map(|(i, s)| {
                                        let seen = s.progress.as_ref().map(|p| ago(at, p.seen, l));
                                        let online = s.online == Some(true);
                                        let cells = LESSONS.iter().map(|lesson| {
                                            let (kind, sign, text) = mark_view(s.mark(lesson.id), l);
                                            let title = format!("{}: {text}", l.t(lesson.title()));
                                            view! {
                                                <td class=format!("mark {kind}") data-testid="class-cell" data-lesson=lesson.id data-mark=kind title=title.clone()>
                                                    <span aria-hidden="true">{sign}</span><span class="sr-only">{title.clone()}</span>
                                                </td>
                                            }
                                        }).collect_view();
                                        view! {
                                            <tr data-testid="class-row" data-student=s.level.clone() aria-rowindex=(i + 2).to_string()>
                                                <th scope="row">
                                                    <span class="dot" class:online=online aria-hidden="true"></span>
                                                    <span data-testid="class-student-name">{s.name().to_string()}</span>
                                                    <span class="sr-only">" ("{l.t(if online { ClassText::Online } else { ClassText::Offline })}")"</span>
                                                    {s.progress.is_none().then(|| view! { <span class="muted">" · "{l.t(ClassText::Unreadable)}</span> })}
                                                </th>
                                                {cells}
                                                <td class="seen">{seen}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                    <tr class="spacer" aria-hidden="true" style:height=format!("{below}px")></tr>
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </div>
            <aside>
            <div class="panel">
                <h3>{t(ClassText::Topics)}</h3>
                {move || {
                    let lines = topics.get();
                    if lines.is_empty() {
                        return view! { <p class="muted">{t(ClassText::NoTopics)}</p> }.into_any();
                    }
                    // As the table: the lines in sight, between spacers.
                    let total = lines.len();
                    let first = ((tree_scroll.get() / LINE_PX) as usize).min(total.saturating_sub(LINES_SEEN));
                    let last = (first + LINES_SEEN + 4).min(total);
                    let (above, below) = (first as f64 * LINE_PX, (total - last) as f64 * LINE_PX);
                    view! {
                        <div class="class-tree-scroll" tabindex="0" role="region" aria-label=lang.get().t(ClassText::Topics)
                            on:scroll=move |ev| tree_scroll.set(f64::from(event_target::<web_sys::Element>(&ev).scroll_top()))>
                            <div aria-hidden="true" style:height=format!("{above}px")></div>
                            <ul class="class-tree" data-testid="class-tree">
                                {lines.into_iter().skip(first).take(last - first).map(|line| view! {
                                    <li style=format!("--depth:{}", line.depth)>
                                        <code translate="no">{line.level}</code>
                                        {line.value.map(|v| view! { " · "<span class="value" translate="no">{v}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <div aria-hidden="true" style:height=format!("{below}px")></div>
                        </div>
                    }.into_any()
                }}
            </div>
            <div class="panel">
                <LinkBox link=shown_link/>
            </div>
            </aside>
            </div>
        </section>
    }
    .into_any()
}

crate::web::lazy::split_part!(
    /// A class on a real broker: the teacher's setup, a student's join bar, the teacher's
    /// table (with the real client's code: every class view connects).
    CLASS: class, fetch_class + fetch_client_code,
    fn class_view(part: ClassPart) {
        view! { <ClassView part=part/> }.into_any()
    }
);

/// A student's class bar (`?class=`), or the teacher's view (`&teacher=1`).
pub fn class(part: ClassPart) -> impl IntoView {
    crate::web::lazy::deferred(&CLASS, move || crate::web::lazy::ready(class_view(part)))
}

/// The class setup: fetched when first opened.
pub fn class_setup() -> impl IntoView {
    crate::web::lazy::details(
        "panel class",
        "class-panel".into(),
        crate::i18n::Text::ClassTitle,
        &CLASS,
        || crate::web::lazy::ready(class_view(ClassPart::Setup)),
    )
}
