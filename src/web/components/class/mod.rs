//! A class on one real broker (its model is `core::class`): the teacher's setup (broker, code,
//! student link and its QR code), a student's join bar (their progress retained on the broker
//! as it changes), and the teacher's live table of students × lessons with the class's topic
//! tree. All of it comes in one lazily loaded part; the connection is the page's real client.

use std::collections::BTreeMap;

use bytes::Bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::class::{
    claim, is_public_broker, misconceptions, own_lessons, roster, tree, Claim, Class, ClassError,
    DisplayName, Mark, Progress, Qr, Roster, Student, DEFAULT_PREFIX, PROGRESS_V, TITLE_MAX,
};
use crate::core::codec::{SubscriptionOptions, Version};
use crate::core::doctor::{BrokerUrl, UrlError};
use crate::core::plain;
use crate::core::sim::lessons::LESSONS;
use crate::core::types::QoS;
use crate::i18n::class::{ago, ClassMsg, ClassText};
use crate::i18n::Lang;
use crate::web::bridge::Real;
use crate::web::realclient::{client_op, client_op_now, fetch_client_code, ClientOp};
use crate::web::realclient::{ClientError, Options, RealClient, Status};
use crate::web::state::{Ctx, Part};
use crate::web::{files, storage};

mod setup;
mod student;
mod teacher;

use setup::{ClassSetup, LinkBox};
use student::StudentBar;
use teacher::TeacherView;

const ID_KEY: &str = "mqtt-playground-class-id";

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
    crate::web::sheets::views();
    let view = match part {
        ClassPart::Setup => view! { <ClassSetup/> }.into_any(),
        ClassPart::Student => view! { <StudentBar/> }.into_any(),
        ClassPart::Teacher => view! { <TeacherView/> }.into_any(),
    };
    view! { <crate::web::components::network::NeedsNetwork/>{view} }
}

/// What a class link says (no password: the teacher's setup keeps it in the browser).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
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
    let deadline = wall_ms() + 12_000;
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
        let left = deadline.saturating_sub(wall_ms());
        if left == 0 || !client.next_change(left).await {
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
        .inbox
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
