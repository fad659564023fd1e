//! Inside the broker: sessions (online or not, persistent or clean), each one's
//! subscriptions (with 5.0 identifiers), queue and in-flight messages, what a 5.0 client agreed
//! (Receive Maximum windows, topic aliases both ways, keep-alive, session expiry), the retained
//! store, `$SYS` values, the latest refusals and disconnects with their reason codes explained,
//! and the tree of every topic published.

use leptos::prelude::*;

use crate::core::broker::Flow;
use crate::core::codec::{PacketType, Version};
use crate::core::numbers::Fixed;
use crate::core::refusals::{refusals, Refusal};
use crate::core::topic::TopicName;
use crate::i18n::{Lang, Msg, Text};
use crate::web::state::{Ctx, Part};

/// One session's row.
#[derive(Clone, PartialEq, Default)]
struct Row {
    client: String,
    online: bool,
    persistent: bool,
    version: String,
    /// Filters, with their 5.0 subscription identifier.
    subs: Vec<(String, Option<u32>)>,
    queue: Vec<String>,
    inflight: usize,
    /// What a 5.0 session agreed with the broker (none for 3.1.1).
    agreed: Option<Agreed>,
}

/// A 5.0 session's flow control, aliases and expiry, as numbers (text is made when shown).
#[derive(Clone, PartialEq, Default)]
struct Agreed {
    window: (usize, u16),
    flow: Option<Flow>,
    expiry: Expiry,
}

/// When a 5.0 session ends.
#[derive(Clone, Copy, PartialEq, Default)]
enum Expiry {
    /// Offline: seconds left.
    In(u64),
    /// Online: seconds it outlives a disconnect.
    After(u32),
    /// It ends with the connection (Session Expiry Interval 0).
    WithConnection,
    /// Never.
    #[default]
    Never,
}

/// The 5.0 column: each line rendered in the language shown.
fn agreed_view(a: Agreed, lang: ReadSignal<Lang>) -> impl IntoView {
    let say = |m: Msg<'static>| move || m.render(lang.get());
    let text = |k: Text| move || lang.get().t(k);
    let aliases = |list: &[(u16, TopicName)]| {
        list.iter()
            .map(|(a, t)| view! { <code class="chip">{format!("{a} → {t}")}</code> })
            .collect_view()
    };
    let (used, max) = a.window;
    let expiry = match a.expiry {
        Expiry::In(s) => say(Msg::ExpiresIn(s)).into_any(),
        Expiry::After(s) => say(Msg::OutlivesBy(s.into())).into_any(),
        Expiry::WithConnection => text(Text::EndsWithConnection).into_any(),
        Expiry::Never => text(Text::NeverExpires).into_any(),
    };
    view! {
        <ul class="agreed">
            <li>{say(Msg::WindowToClient(used as u64, max as u64))}</li>
            {a.flow.map(|f| view! {
                <li>{say(Msg::WindowFromClient(f.receiving as u64, f.receive_maximum as u64))}</li>
                <li>{say(Msg::KeepAliveIs(f.keep_alive as u64))}</li>
                <li>{say(Msg::AliasesFromClient(f.from_client.len() as u64, f.from_client_max as u64))}
                    " "{aliases(&f.from_client)}</li>
                <li>{say(Msg::AliasesToClient(f.to_client.len() as u64, f.to_client_max as u64))}
                    " "{aliases(&f.to_client)}</li>
            })}
            <li>{expiry}</li>
        </ul>
    }
}

/// One refusal, explained in the language shown.
fn refusal_view(r: Refusal, lang: ReadSignal<Lang>) -> impl IntoView {
    let Refusal {
        at_ms,
        client,
        packet,
        code,
        version,
        why,
    } = r;
    let head = move || {
        let lang = lang.get();
        let seconds = Fixed(at_ms as f64 / 1000.0, 1);
        match packet {
            Some(p) => {
                let (name, _) = code.told(p, version, lang);
                format!("{seconds} s · {p} 0x{:02X} {name}", code.0)
            }
            None => Msg::ClosedNoCode(&seconds.to_string()).render(lang),
        }
    };
    let meaning = move || {
        let lang = lang.get();
        let told = code
            .told(packet.unwrap_or(PacketType::Disconnect), version, lang)
            .1;
        match &why {
            Some(v) => format!("{} {told}", v.message(lang)),
            None => told.to_string(),
        }
    };
    view! {
        <li><strong>{client.unwrap_or_else(|| "—".to_string())}</strong>" · "{head}<br/><span class="muted">{meaning}</span></li>
    }
}

/// One line of the topic tree: a level, and for a published topic its count and last value.
#[derive(Clone, PartialEq, Default)]
struct TreeRow {
    depth: usize,
    level: String,
    path: String,
    leaf: Option<(u64, String)>,
}

/// Sorted topics as an indented tree: each level appears once, under its parent (sorted
/// order puts a published parent before its children).
fn tree_rows<'a>(topics: impl Iterator<Item = (&'a str, u64, &'a str)>) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    let mut previous: Vec<&str> = Vec::new();
    for (topic, n, value) in topics {
        let levels: Vec<&str> = topic.split('/').collect();
        let shared = previous
            .iter()
            .zip(&levels)
            .take_while(|(a, b)| a == b)
            .count();
        for (i, level) in levels.iter().enumerate().skip(shared) {
            rows.push(TreeRow {
                depth: i,
                level: if level.is_empty() {
                    "∅".into()
                } else {
                    (*level).to_string()
                },
                path: levels[..=i].join("/"),
                leaf: (i + 1 == levels.len()).then(|| (n, value.to_string())),
            });
        }
        previous = levels;
    }
    rows
}

/// The broker panel.
#[component]
pub fn BrokerPanel() -> impl IntoView {
    crate::web::sheets::views();
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let sessions = move || {
        ctx.read(Part::World, |s| {
            let world = s.run.world();
            let broker = world.broker();
            let now = world.now();
            let ids: Vec<(&str, &str, Option<u32>)> = broker
                .subscriptions()
                .all()
                .into_iter()
                .map(|x| (&*x.client, x.filter.as_str(), x.id))
                .collect();
            broker
                .sessions()
                .map(|x| Row {
                    client: x.client.to_string(),
                    online: x.conn.is_some(),
                    persistent: !x.ends_on_disconnect(),
                    version: x.version.to_string(),
                    subs: x
                        .subscriptions
                        .keys()
                        .map(|f| {
                            let id = ids
                                .iter()
                                .find(|(c, g, _)| *c == &*x.client && g == f)
                                .and_then(|(.., id)| *id);
                            (f.clone(), id)
                        })
                        .collect(),
                    agreed: (x.version == Version::V5).then(|| Agreed {
                        window: (x.inflight.len(), x.window),
                        flow: broker.flow(&x.client),
                        expiry: match (x.expires_at, x.expiry) {
                            (Some(at), _) => Expiry::In((at - now).div_ceil(1000)),
                            (None, Some(0)) => Expiry::WithConnection,
                            (None, Some(secs)) => Expiry::After(secs),
                            (None, None) => Expiry::Never,
                        },
                    }),
                    queue: x
                        .queue
                        .iter()
                        .map(|d| {
                            format!(
                                "{} = {}",
                                d.message.topic.as_str(),
                                String::from_utf8_lossy(&d.message.payload)
                            )
                        })
                        .collect(),
                    inflight: x.inflight.len(),
                })
                .collect::<Vec<_>>()
        })
    };
    let retained = move || {
        ctx.read(Part::World, |s| {
            s.run
                .world()
                .broker()
                .retained()
                .map(|m| {
                    (
                        m.topic.as_str().to_string(),
                        String::from_utf8_lossy(&m.payload).into_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let topics = move || {
        ctx.read(Part::World, |s| {
            tree_rows(
                s.seen
                    .topics
                    .iter()
                    .map(|(t, (n, v))| (t.as_str(), *n, v.as_str())),
            )
        })
    };
    let t = move |k: Text| move || lang.get().t(k);
    view! {
        <section class="broker panel" data-testid="broker-panel" aria-labelledby="broker-title">
            <h2 id="broker-title">{t(Text::BrokerInternals)}</h2>
            <h3>{t(Text::Sessions)}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t(Text::Sessions)>
            <table data-testid="broker-sessions">
                <thead><tr>
                    // Four columns fit the tab's column at 1366 px: the client's version,
                    // connection and session kind go under its name.
                    <th scope="col">{t(Text::Client)}</th><th scope="col">{t(Text::Subscriptions)}</th>
                    <th scope="col">{t(Text::Queue)}</th><th scope="col">{t(Text::InFlight)}</th>
                </tr></thead>
                <tbody>
                    {move || sessions().into_iter().map(|r| view! {
                        <tr data-testid=format!("session-{}", r.client)>
                            <th scope="row">
                                <span translate="no">{r.client.clone()}</span>
                                <span class="session-facts">
                                    {move || lang.get().t(Text::MqttColumn)}" "{r.version.clone()}" · "
                                    <span class=if r.online { "ok" } else { "off" }>{move || lang.get().t(if r.online { Text::Online } else { Text::Offline })}</span>" · "
                                    {move || lang.get().t(if r.persistent { Text::Persistent } else { Text::Clean })}
                                </span>
                            </th>
                            <td class="session-subs">{r.subs.iter().map(|(f, id)| {
                                let id = *id;
                                // A long filter wraps after a level's `/`.
                                let levels = f.split_inclusive('/').map(|l| view! { {l.to_string()}<wbr/> }).collect_view();
                                view! { <code class="chip" translate="no">{levels}{id.map(|id| view! { <span class="sub-id">{move || Msg::SubId(id as u64).render(lang.get())}</span> })}</code> }
                            }).collect_view()}</td>
                            <td data-testid=format!("queue-{}", r.client) tabindex="-1">
                                <span class="count">{r.queue.len()}</span>
                                <ul class="queue">{r.queue.iter().take(8).map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                            </td>
                            <td>{r.inflight}</td>
                        </tr>
                        {r.agreed.map(|a| view! {
                            <tr class="agreed-row">
                                <td colspan="4" data-testid=format!("agreed-{}", r.client)>
                                    <span class="agreed-title">{move || lang.get().t(Text::Agreed5)}": "</span>{agreed_view(a, lang)}
                                </td>
                            </tr>
                        })}
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <h3>{t(Text::Refusals)}</h3>
            <ul class="refusals" data-testid="broker-refusals">
                {move || {
                    let list = ctx.read(Part::Log, |s| refusals(s.seen.log.iter(), 8));
                    if list.is_empty() { return view! { <li class="muted">{lang.get().t(Text::Nothing)}</li> }.into_any(); }
                    list.into_iter().map(|r| refusal_view(r, lang)).collect_view().into_any()
                }}
            </ul>
            <h3>{t(Text::RetainedStore)}</h3>
            <ul class="retained" data-testid="broker-retained">
                {move || {
                    let list: Vec<_> = retained().into_iter().filter(|(t, _)| !t.starts_with('$')).collect();
                    if list.is_empty() { return view! { <li class="muted">{lang.get().t(Text::Nothing)}</li> }.into_any(); }
                    list.into_iter().map(|(topic, v)| view! { <li><code translate="no">{topic}</code>" = "<span translate="no">{v}</span></li> }).collect_view().into_any()
                }}
            </ul>
            // The broker's own `$SYS` values, apart: they are not the house's messages.
            <details class="sys-values" data-testid="broker-sys">
                <summary>{t(Text::SysValues)}</summary>
                <ul class="retained">
                    {move || retained().into_iter().filter(|(t, _)| t.starts_with('$')).map(|(topic, v)| view! {
                        <li class="sys"><code translate="no">{topic}</code>" = "<span translate="no">{v}</span></li>
                    }).collect_view()}
                </ul>
            </details>
            <h3>{t(Text::TopicTree)}</h3>
            <ul class="tree" data-testid="topic-tree">
                {move || topics().into_iter().map(|row| {
                    view! {
                        <li style:padding-left=format!("{}rem", Fixed(row.depth as f64 * 0.9, 2)) title=row.path.clone()>
                            <code>{row.level}</code>
                            {row.leaf.map(|(n, v)| view! { " · "{n}" · "<span class="value">{v}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

crate::web::lazy::split_part!(
    /// The broker-internals tab.
    BROKER_PANEL: broker_panel, fetch_broker_panel,
    fn broker_panel_view() {
        view! { <BrokerPanel/> }.into_any()
    }
);

/// The broker-internals tab.
pub fn broker_panel() -> impl IntoView {
    crate::web::lazy::deferred(&BROKER_PANEL, || {
        crate::web::lazy::ready(broker_panel_view())
    })
}
