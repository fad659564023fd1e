//! The real connection as the whole app holds it, and the bridge between it and the
//! simulation: chosen virtual devices' publishes also go to the real broker under a prefix,
//! and chosen virtual dashboards also show the real messages that match their subscriptions.
//! The simulated world itself takes nothing from the real broker, so a run (and its share
//! link) stays reproducible.

use leptos::prelude::*;

use crate::core::topic::with_prefix;
use crate::page::Sent;
use crate::web::realclient::{client_op_now, ClientOp};
use crate::web::realclient::{RealClient, Status};
use litemap::LiteMap;

/// Publishes one frame of the simulation may hand the bridge at most (the rest are
/// counted as dropped: a real broker is not a load test).
pub const SENT_PER_FRAME: usize = 50;

/// What is bridged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bridge {
    /// Prepended to every bridged topic (`prefix/Casa/Cocina/Temperatura`); empty: none.
    pub prefix: String,
    /// Devices whose publishes go to the real broker.
    pub out: LiteMap<String, ()>,
    /// Every device's publishes go (a class whose teacher allows it).
    pub all: bool,
    /// Dashboards that also show real messages.
    pub show: LiteMap<String, ()>,
}

/// The real connection and the bridge, shared through context.
#[derive(Clone, Copy)]
pub struct Real {
    /// The client (one for the whole page: it stays connected while the simulation shows).
    pub client: StoredValue<RealClient, LocalStorage>,
    /// Follows the client's changes (told up to four times a second).
    pub version: RwSignal<u64>,
    /// What is bridged (changed only by the user, so views reading it do not re-run as
    /// messages flow).
    pub bridge: RwSignal<Bridge>,
    /// Publishes the bridge sent, and those that could not go (not connected, or too many
    /// in one frame).
    pub counts: RwSignal<(u64, u64)>,
}

impl Real {
    /// Creates the client and follows it: the views hear of its changes (at most four times
    /// a second; nothing runs while it is idle).
    pub fn start() -> Real {
        let real = Real {
            client: StoredValue::new_local(RealClient::default()),
            version: RwSignal::new(0),
            bridge: RwSignal::new(Bridge::default()),
            counts: RwSignal::new((0, 0)),
        };
        real.client.with_value(|c| {
            c.on_change(move |v| {
                let _ = real.version.try_set(v);
            })
        });
        on_cleanup(move || {
            if let Some(c) = real.client.try_get_value() {
                if c.0.borrow().status != Status::Idle {
                    client_op_now(&c, ClientOp::Close);
                }
            }
        });
        provide_context(real);
        real
    }

    /// The context, from inside a component.
    pub fn get() -> Real {
        expect_context::<Real>()
    }

    /// Whether any device is bridged out (the simulation then collects its publishes).
    pub fn bridging(&self) -> bool {
        self.bridge
            .try_with_untracked(|b| b.all || !b.out.is_empty())
            .unwrap_or(false)
    }

    /// Sends the bridged devices' publishes to the real broker.
    pub fn forward(&self, sent: Vec<Sent>) {
        let Some(client) = self.client.try_get_value() else {
            return;
        };
        let connected = client.0.borrow().status == Status::Connected;
        let (mut ok, mut not) = (0, 0);
        self.bridge.with_untracked(|b| {
            for (i, s) in sent
                .into_iter()
                .filter(|s| b.all || b.out.contains_key(&s.device))
                .enumerate()
            {
                let topic = with_prefix(&b.prefix, &s.topic);
                let went = connected
                    && i < SENT_PER_FRAME
                    && client_op_now(
                        &client,
                        ClientOp::Publish(topic, s.payload, s.qos, s.retain),
                    )
                    .is_some_and(|r| r.is_ok());
                if went {
                    ok += 1;
                } else {
                    not += 1;
                }
            }
        });
        if ok + not > 0 {
            self.counts.update(|(sent, dropped)| {
                *sent += ok;
                *dropped += not;
            });
        }
    }
}
