//! The real-broker view: connect over WebSocket (presets, version, credentials), the doctor's
//! diagnosis when something fails, subscribe and publish, and the messages received.
//!
//! - `connect`: the connection form (one signal holding the [`Options`]) and the doctor;
//! - `subscribe`, `publish`: the forms that act through the connection;
//! - `messages`: what arrived (topics, a topic's history and chart, the list, exports);
//! - `inspector`: the packets in and out; `bridge`: the simulation's devices on this broker.

use leptos::prelude::*;

use bytes::Bytes;

use crate::core::codec::{
    decode, Decoded, Packet, Properties, Property, RetainHandling, SubscriptionOptions, Version,
};
use crate::core::doctor::PRESETS;
use crate::core::numbers::Fixed;
use crate::core::payload::{number_in, payload};
use crate::core::sim::DeviceKind;
use crate::core::topic::{with_prefix, TopicFilter, TopicName};
use crate::core::types::QoS;
use crate::i18n::{Lang, Msg, Text};
use crate::web::bridge::Real;
use crate::web::components::capture::export_captured;
use crate::web::components::inspector::{PacketBytes, Verdict};
use crate::web::realclient::fetch_client_code;
use crate::web::realclient::{page_is_https, ClientError, Options, RealClient, Status};
use crate::web::state::{Ctx, Part};
use crate::web::storage;

mod bridge;
mod connect;
mod inspector;
mod messages;
mod publish;
mod subscribe;

use bridge::BridgePanel;
use connect::{ConnectForm, Doctor};
use inspector::Inspector;
use messages::Received;
use publish::PublishPanel;
use subscribe::SubscribePanel;

/// The connection form's state, shared with the forms that act through the connection.
#[derive(Clone, Copy)]
struct Conn {
    /// What the user typed (the password stays in memory only).
    form: RwSignal<Options>,
    /// A class prefix put before every topic and filter (empty: none).
    prefix: RwSignal<String>,
}

impl Conn {
    /// A topic or filter as typed, under the class prefix.
    fn topic(&self, typed: &str) -> String {
        with_prefix(&self.prefix.get_untracked(), typed)
    }

    /// Whether the chosen version is MQTT 5.
    fn v5(&self) -> bool {
        self.form.with(|o| o.version == Version::V5)
    }
}

/// The real-broker view.
#[component]
pub fn RealPanel(lang: ReadSignal<Lang>) -> impl IntoView {
    crate::web::sheets::views();
    let conn = connect::conn();
    view! {
        <div class="layout real">
            <div class="col">
                <ConnectForm conn=conn lang=lang/>
                <Doctor lang=lang/>
            </div>
            <div class="col">
                <SubscribePanel conn=conn lang=lang/>
                <PublishPanel conn=conn lang=lang/>
            </div>
            <div class="col">
                <Received lang=lang/>
            </div>
        </div>
    }
}

crate::web::lazy::split_part!(
    /// The real-broker panel (the largest part; most visits never open it), with the real
    /// client's code.
    REAL_PANEL: real_panel, fetch_real_panel + fetch_client_code,
    fn real_panel_view(lang: ReadSignal<Lang>) {
        view! { <RealPanel lang=lang/> }.into_any()
    }
);

/// The real-broker panel.
pub fn real_panel(lang: ReadSignal<Lang>) -> impl IntoView {
    crate::web::lazy::deferred(&REAL_PANEL, move || {
        crate::web::lazy::ready(real_panel_view(lang))
    })
}
