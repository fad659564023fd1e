//! The real MQTT-over-WebSocket client: the core's client session over `web_sys::WebSocket`
//! (subprotocol `mqtt`, binary frames; packets split or joined across frames are the session's
//! business). Failures go to the connection doctor; the core's [`Supervisor`] (the browser's
//! policy) decides the rest: a CONNACK within 10 s, a dropped connection that had worked
//! reconnecting with back-off and jitter, the subscriptions made again; QoS 1/2 publishes made
//! while offline wait in the session.
//!
//! This file holds the client's state and what the app asks of it (connect, subscribe,
//! publish, close, follow its changes); `socket` the WebSocket and the timer; `inbox` what
//! arrived.

use std::cell::RefCell;
use std::rc::Rc;

use bytes::Bytes;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::capture::Capture;
use crate::core::client::{ClientEvent, ClientSession};
use crate::core::codec::{
    Connect, Properties, Property, Publish, SubscriptionOptions, Version, Will,
};
use crate::core::doctor::{BrokerUrl, Problem, UrlError};
use crate::core::payload::PayloadError;
use crate::core::rng::Rng;
use crate::core::supervisor::{Due, Policy, Supervisor};
use crate::core::time::Time;
use crate::core::topic::{TopicError, TopicFilter, TopicName};
use crate::core::types::{ClientId, QoS};
use crate::i18n::{Lang, Text};

mod inbox;
mod socket;

pub use inbox::{Inbox, Received, HISTORY, KEEP, TOPICS};

/// Milliseconds at most between a change and the views hearing of it (many messages a
/// second make one notice).
const NOTICE_MS: u64 = 250;

/// Why the real client refused a request, rendered in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// The broker address.
    Url(UrlError),
    /// A topic or filter.
    Topic(TopicError),
    /// A typed payload.
    Payload(PayloadError),
    /// A text of the catalogue (an invalid client id, code that could not be fetched…).
    Text(Text),
    /// The connection failed: the doctor's diagnosis and fix.
    Problem(Problem),
}

impl ClientError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ClientError::Url(e) => e.message(lang),
            ClientError::Topic(e) => e.message(lang),
            ClientError::Payload(e) => e.message(lang),
            ClientError::Text(t) => lang.t(*t).to_string(),
            ClientError::Problem(p) => {
                let d = p.diagnose(lang);
                format!("{} {}", d.what, d.fix)
            }
        }
    }
}

impl From<UrlError> for ClientError {
    fn from(e: UrlError) -> Self {
        ClientError::Url(e)
    }
}

impl From<TopicError> for ClientError {
    fn from(e: TopicError) -> Self {
        ClientError::Topic(e)
    }
}

impl From<PayloadError> for ClientError {
    fn from(e: PayloadError) -> Self {
        ClientError::Payload(e)
    }
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Broker address.
    pub url: String,
    /// 3.1.1 or 5.
    pub version: Version,
    /// Client id (empty: the broker assigns one in 5.0).
    pub client_id: String,
    /// User name.
    pub username: String,
    /// Password (kept in memory only).
    pub password: String,
    /// Keep-alive seconds.
    pub keep_alive: u16,
    /// Clean session / clean start.
    pub clean: bool,
    /// Last will: topic (empty: none) and payload.
    pub will: (String, String),
    /// Whether the broker retains the last will when it publishes it.
    pub will_retain: bool,
    /// 5.0: give our publishes topic aliases (within the broker's Topic Alias Maximum).
    pub topic_aliases: bool,
}

/// The connection as the page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// Not connected.
    #[default]
    Idle,
    /// Opening the WebSocket or waiting for CONNACK.
    Connecting,
    /// CONNACK accepted.
    Connected,
    /// Waiting to try again.
    Reconnecting,
}

/// Everything the view reads.
#[derive(Default)]
pub struct Live {
    /// Connection status.
    pub status: Status,
    /// The last problem, for the doctor.
    pub problem: Option<Problem>,
    /// What arrived: the messages, the topics and their values.
    pub inbox: Inbox,
    /// Whether it should be connected, when to try again, the subscriptions wanted.
    pub supervisor: Supervised,
    /// Publishes waiting for the connection or an acknowledgement.
    pub pending: usize,
    /// Bumped on every change (the view's signal copies it).
    pub version: u64,
    /// The packets in and out, while the inspector is open (nothing is copied otherwise).
    pub capture: Option<Capture>,
    session: Option<ClientSession>,
    ws: Option<web_sys::WebSocket>,
    url: Option<BrokerUrl>,
    opened: bool,
    // A B-tree, as the session's own in-flight table (thousands in a burst, oldest first).
    publish_topics: std::collections::BTreeMap<u16, String>,
    callbacks: Vec<Closure<dyn FnMut(JsValue)>>,
    scratch: Vec<u8>,
    /// Packets to send, joined (see `send_soon`).
    outbox: Vec<u8>,
    flush_queued: bool,
    /// Bumped by every connection opened or closed: events and timers of an older one are
    /// ignored.
    generation: u64,
    /// The timer for the next deadline (keep-alive, CONNACK, reconnect): when, and its handle.
    wake: Option<(Time, leptos::prelude::TimeoutHandle)>,
    /// Told (once per [`NOTICE_MS`] at most) when anything changed.
    on_change: Option<Rc<dyn Fn(u64)>>,
    notice_queued: bool,
    /// Tasks waiting for the next change ([`RealClient::next_change`]).
    wakers: Vec<std::task::Waker>,
}

/// The core's supervisor with the browser's policy, and the random numbers of its jitter.
pub struct Supervised {
    /// The supervisor.
    pub supervisor: Supervisor,
    rng: Rng,
}

impl Default for Supervised {
    fn default() -> Self {
        Supervised {
            supervisor: Supervisor::new(Policy::BROWSER, false),
            rng: Rng::new(0),
        }
    }
}

/// A shared handle: the WebSocket callbacks and the view hold it.
#[derive(Clone, Default)]
pub struct RealClient(pub Rc<RefCell<Live>>);

fn now() -> Time {
    Time::from_millis(crate::web::wall::now_ms() as u64)
}

/// Whether this page was served over https (then browsers allow only `wss://`).
pub fn page_is_https() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "https:")
}

fn connect_packet(o: &Options) -> Result<Connect, ClientError> {
    let id =
        ClientId::new(o.client_id.trim()).map_err(|_| ClientError::Text(Text::InvalidClientId))?;
    let mut c = Connect::new(o.version, id);
    c.clean_start = o.clean;
    c.keep_alive = o.keep_alive;
    c.username = (!o.username.is_empty()).then(|| o.username.clone());
    c.password = (!o.password.is_empty()).then(|| Bytes::from(o.password.clone()));
    if o.version == Version::V5 && !o.clean {
        c.properties = Properties::new().with(Property::SessionExpiryInterval(3600));
    }
    if !o.will.0.is_empty() {
        c.will = Some(Will {
            topic: TopicName::new(o.will.0.as_str())?,
            payload: Bytes::from(o.will.1.clone()),
            qos: QoS::AtLeastOnce,
            retain: o.will_retain,
            properties: Properties::new(),
        });
    }
    Ok(c)
}

impl RealClient {
    /// Connects (closing any previous connection); an error in the options is returned,
    /// and nothing typed is lost.
    pub fn connect(&self, options: &Options) -> Result<(), ClientError> {
        let url = BrokerUrl::parse(&options.url)?;
        let connect = connect_packet(options)?;
        self.close();
        let mut live = self.0.borrow_mut();
        live.problem = url.check_page(page_is_https());
        if live.problem.is_some() {
            self.changed(&mut live);
            return Ok(());
        }
        match live.session.as_mut() {
            Some(s) if s.version() == connect.version => s.set_connect(connect),
            _ => live.session = Some(ClientSession::new(connect)),
        }
        if let Some(s) = live.session.as_mut() {
            s.set_topic_aliases(options.topic_aliases);
        }
        live.url = Some(url);
        live.supervisor.supervisor.go_online();
        live.supervisor.rng = Rng::derive(crate::web::wall::now_ms() as u64, "reconnect");
        drop(live);
        self.open();
        Ok(())
    }

    /// Something the views show changed: counted, and told to whoever follows the client
    /// soon after (one notice per [`NOTICE_MS`] at most, on a timer set only by a change).
    fn changed(&self, live: &mut Live) {
        live.version += 1;
        live.wakers.drain(..).for_each(std::task::Waker::wake);
        if live.notice_queued {
            return;
        }
        let Some(notify) = live.on_change.clone() else {
            return;
        };
        live.notice_queued = true;
        let me = self.clone();
        leptos::prelude::set_timeout(
            move || {
                let version = {
                    let mut live = me.0.borrow_mut();
                    live.notice_queued = false;
                    live.version
                };
                notify(version);
            },
            std::time::Duration::from_millis(NOTICE_MS),
        );
    }

    /// Resolves with `true` at the client's next change, or with `false` after `ms`.
    pub fn next_change(&self, ms: u64) -> NextChange {
        NextChange {
            client: self.clone(),
            seen: self.0.borrow().version,
            ms,
            timed_out: Rc::new(std::cell::Cell::new(false)),
            armed: false,
        }
    }

    /// Follows the client: `notify` hears the version after changes.
    pub fn on_change(&self, notify: impl Fn(u64) + 'static) {
        self.0.borrow_mut().on_change = Some(Rc::new(notify));
    }

    /// Starts (with an empty capture) or stops capturing packets for the inspector.
    pub fn set_inspect(&self, on: bool) {
        let mut live = self.0.borrow_mut();
        live.capture = on.then(Capture::default);
        self.changed(&mut live);
    }

    /// The version the connection speaks (the inspector reads packets with it).
    pub fn protocol(&self) -> Version {
        self.0
            .borrow()
            .session
            .as_ref()
            .map_or(Version::V311, ClientSession::version)
    }

    fn on_event(&self, event: ClientEvent) {
        let mut live = self.0.borrow_mut();
        match event {
            ClientEvent::Connected { session_present } => {
                live.status = Status::Connected;
                live.problem = None;
                let resync = live.supervisor.supervisor.handle_connected(session_present);
                if let Some(s) = live.session.as_mut() {
                    let gone: Vec<TopicFilter> = (resync.unsubscribe.iter())
                        .filter_map(|f| TopicFilter::new(f.as_str()).ok())
                        .collect();
                    if !gone.is_empty() {
                        s.unsubscribe(now(), gone);
                    }
                }
                self.changed(&mut live);
                drop(live);
                for (f, options) in resync.subscribe {
                    self.send_subscribe(&f, options);
                }
                return;
            }
            ClientEvent::Refused { code } => {
                let version = live.session.as_ref().map_or(Version::V311, |s| s.version());
                live.problem = Some(Problem::Refused { code, version });
                live.supervisor.supervisor.handle_refused();
            }
            ClientEvent::Message(p) => live.inbox.take(p),
            ClientEvent::Subscribed { packet_id, codes } => {
                let granted = codes.iter().map(|c| c.is_success());
                let refused = (live.supervisor.supervisor).handle_suback(packet_id.get(), granted);
                if let Some(filter) = refused.into_iter().next() {
                    live.problem = Some(Problem::SubscribeDenied { filter });
                }
            }
            ClientEvent::Published { packet_id, code } => {
                let topic = live
                    .publish_topics
                    .remove(&packet_id.get())
                    .unwrap_or_default();
                if !code.is_success() {
                    live.problem = Some(Problem::PublishDenied { topic, code });
                }
            }
            ClientEvent::Malformed(e) => {
                live.problem = Some(Problem::Malformed { error: e });
                live.supervisor.supervisor.go_offline();
                if let Some(ws) = live.ws.as_ref() {
                    let _ = ws.close();
                }
            }
            ClientEvent::DisconnectedByBroker { .. } | ClientEvent::Unsubscribed { .. } => {}
        }
        self.changed(&mut live);
    }

    fn send_subscribe(&self, filter: &str, options: SubscriptionOptions) {
        let Ok(f) = TopicFilter::new(filter) else {
            return;
        };
        let mut live = self.0.borrow_mut();
        let connected = live.status == Status::Connected;
        // 5.0: each filter gets its own Subscription Identifier (1, 2, …), so every message
        // received says which subscription matched it (3.1.1 sessions leave it out).
        let sub_id = live.supervisor.supervisor.identifier(filter);
        if let (true, Some(s)) = (connected, live.session.as_mut()) {
            let properties = Properties::new().with(Property::SubscriptionIdentifier(sub_id));
            let id = s.subscribe_with(now(), vec![(f, options)], properties);
            (live.supervisor.supervisor).handle_subscribing(id.get(), vec![filter.to_string()]);
        }
        drop(live);
        self.pump();
    }

    /// Subscribes (kept across reconnects); a 3.1.1 session sends only the QoS.
    pub fn subscribe(
        &self,
        filter: &str,
        mut options: SubscriptionOptions,
    ) -> Result<(), ClientError> {
        TopicFilter::new(filter)?;
        let v5 = (self.0.borrow().session.as_ref()).is_some_and(|s| s.version() == Version::V5);
        if !v5 {
            options = SubscriptionOptions::qos(options.qos);
        }
        (self.0.borrow_mut().supervisor.supervisor).want(filter.to_string(), options);
        self.send_subscribe(filter, options);
        Ok(())
    }

    /// Whether a SUBSCRIBE is still waiting for its SUBACK.
    pub fn awaiting_suback(&self) -> bool {
        self.0.borrow().supervisor.supervisor.awaiting_suback()
    }

    /// Unsubscribes (and forgets the filter for reconnects).
    pub fn unsubscribe(&self, filter: &str) {
        let mut live = self.0.borrow_mut();
        let connected = live.status == Status::Connected;
        (live.supervisor.supervisor).unwant(filter, connected, false);
        if let (true, Some(s), Ok(f)) = (connected, live.session.as_mut(), TopicFilter::new(filter))
        {
            s.unsubscribe(now(), vec![f]);
        }
        self.changed(&mut live);
        drop(live);
        self.pump();
    }

    /// Publishes; QoS 1/2 made while offline wait for the connection.
    pub fn publish(
        &self,
        topic: &str,
        payload: Bytes,
        qos: u8,
        retain: bool,
        properties: Properties,
    ) -> Result<(), ClientError> {
        let t = TopicName::new(topic)?;
        let q = QoS::from_u8(qos).unwrap_or(QoS::AtMostOnce);
        let mut live = self.0.borrow_mut();
        if let Some(s) = live.session.as_mut() {
            // 3.1.1 has no properties.
            let properties = if s.version() == Version::V5 {
                properties
            } else {
                Properties::new()
            };
            let message = Publish {
                qos: q,
                retain,
                properties,
                ..Publish::new(t, payload)
            };
            if let Some(id) = s.publish_message(now(), message) {
                live.publish_topics.insert(id.get(), topic.to_string());
            }
        }
        drop(live);
        self.pump();
        Ok(())
    }

    /// Says goodbye and closes.
    pub fn close(&self) {
        let mut live = self.0.borrow_mut();
        live.supervisor.supervisor.go_offline();
        // What is waiting goes first (a publish made just before), then DISCONNECT.
        socket::flush(&mut live);
        if let Some(s) = live.session.as_mut() {
            s.disconnect(now());
        }
        let out: Vec<Bytes> = live
            .session
            .as_mut()
            .map(|s| std::iter::from_fn(|| s.poll_transmit()).collect())
            .unwrap_or_default();
        if let Some(ws) = live.ws.as_ref() {
            for b in &out {
                let _ = ws.send_with_u8_array(b);
            }
            let _ = ws.close();
        }
        socket::retire(&mut live);
        if let Some(s) = live.session.as_mut() {
            s.handle_closed();
        }
        live.status = Status::Idle;
        self.changed(&mut live);
    }
}

/// The client's next change, or a time limit ([`RealClient::next_change`]).
pub struct NextChange {
    client: RealClient,
    seen: u64,
    ms: u64,
    timed_out: Rc<std::cell::Cell<bool>>,
    armed: bool,
}

impl std::future::Future for NextChange {
    type Output = bool;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<bool> {
        if self.client.0.borrow().version != self.seen {
            return std::task::Poll::Ready(true);
        }
        if self.timed_out.get() {
            return std::task::Poll::Ready(false);
        }
        (self.client.0.borrow_mut().wakers).push(cx.waker().clone());
        if !self.armed {
            self.armed = true;
            let (flag, waker) = (self.timed_out.clone(), cx.waker().clone());
            leptos::prelude::set_timeout(
                move || {
                    flag.set(true);
                    waker.wake();
                },
                std::time::Duration::from_millis(self.ms),
            );
        }
        std::task::Poll::Pending
    }
}

/// What the rest of the app asks of the real client, whose code comes with the real panel
/// (the real panel's part fetches both): the panel is where a connection starts, so the code is
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
    /// Says goodbye and closes.
    Close,
}

fn run_client_op(client: &RealClient, op: ClientOp) -> Result<(), ClientError> {
    match op {
        ClientOp::Connect(options) => client.connect(&options),
        ClientOp::Subscribe(filter, options) => client.subscribe(&filter, options),
        ClientOp::Unsubscribe(filter) => {
            client.unsubscribe(&filter);
            Ok(())
        }
        ClientOp::Publish(topic, payload, qos, retain) => {
            client.publish(&topic, payload, qos, retain, Properties::new())
        }
        ClientOp::Close => {
            client.close();
            Ok(())
        }
    }
}

crate::web::lazy::split_fn!(
    real_panel,
    fetch_client_ops,
    fn client_op_split(client: RealClient, op: ClientOp) -> Result<(), ClientError> {
        run_client_op(&client, op)
    }
);

/// Does `op` on the real client, fetching its code first if needed.
pub async fn client_op(client: &RealClient, op: ClientOp) -> Result<(), ClientError> {
    match client_op_split(client.clone(), op).await {
        Ok(done) => done,
        Err(_) => Err(ClientError::Text(Text::LoadPartFailed)),
    }
}

/// Does `op` now if the client's code is here (it is once a connection was started), else
/// nothing; `None` then.
pub fn client_op_now(client: &RealClient, op: ClientOp) -> Option<Result<(), ClientError>> {
    crate::web::lazy::ready(client_op_split(client.clone(), op)).and_then(Result::ok)
}

/// Fetches the real client's code (parts that connect fetch it with theirs).
pub async fn fetch_client_code() -> Result<(), crate::web::lazy::LoadError> {
    fetch_client_ops().await
}
