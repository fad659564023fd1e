//! Inside the broker: sessions (online or not, persistent or clean), each one's
//! subscriptions, queue and in-flight messages, the retained store, `$SYS` values, and the
//! tree of every topic published.

use leptos::prelude::*;

use crate::core::i18n::Text;
use crate::web::state::Ctx;

/// One session's row.
#[derive(Clone, PartialEq, Default)]
struct Row {
    client: String,
    online: bool,
    persistent: bool,
    version: String,
    subs: Vec<String>,
    queue: Vec<String>,
    inflight: usize,
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
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let sessions = move || {
        ctx.read(|s| {
            s.run
                .world()
                .broker()
                .sessions()
                .map(|x| Row {
                    client: x.client.to_string(),
                    online: x.conn.is_some(),
                    persistent: !x.ends_on_disconnect(),
                    version: x.version.to_string(),
                    subs: x.subscriptions.keys().cloned().collect(),
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
        ctx.read(|s| {
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
        ctx.read(|s| {
            tree_rows(
                s.topics
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
            <div class="table-wrap">
            <table data-testid="broker-sessions">
                <thead><tr>
                    <th scope="col">{t(Text::Client)}</th><th scope="col">"MQTT"</th><th scope="col">{t(Text::Online)}</th>
                    <th scope="col">{t(Text::Sessions)}</th><th scope="col">{t(Text::Subscriptions)}</th>
                    <th scope="col">{t(Text::Queue)}</th><th scope="col">{t(Text::InFlight)}</th>
                </tr></thead>
                <tbody>
                    {move || sessions().into_iter().map(|r| view! {
                        <tr data-testid=format!("session-{}", r.client)>
                            <th scope="row">{r.client.clone()}</th>
                            <td>{r.version.clone()}</td>
                            <td class=if r.online { "ok" } else { "off" }>{move || lang.get().t(if r.online { Text::Online } else { Text::Offline })}</td>
                            <td>{move || lang.get().t(if r.persistent { Text::Persistent } else { Text::Clean })}</td>
                            <td>{r.subs.iter().map(|f| view! { <code class="chip">{f.clone()}</code> }).collect_view()}</td>
                            <td data-testid=format!("queue-{}", r.client)>
                                <span class="count">{r.queue.len()}</span>
                                <ul class="queue">{r.queue.iter().take(8).map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                            </td>
                            <td>{r.inflight}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <h3>{t(Text::RetainedStore)}</h3>
            <ul class="retained" data-testid="broker-retained">
                {move || {
                    let list = retained();
                    if list.is_empty() { return view! { <li class="muted">{lang.get().t(Text::Nothing)}</li> }.into_any(); }
                    list.into_iter().map(|(topic, v)| { let sys = topic.starts_with('$'); view! { <li class:sys=sys><code>{topic}</code>" = "{v}</li> } }).collect_view().into_any()
                }}
            </ul>
            <h3>{t(Text::TopicTree)}</h3>
            <ul class="tree" data-testid="topic-tree">
                {move || topics().into_iter().map(|row| {
                    view! {
                        <li style:padding-left=format!("{}rem", row.depth as f32 * 0.9) title=row.path.clone()>
                            <code>{row.level}</code>
                            {row.leaf.map(|(n, v)| view! { " · "{n}" · "<span class="value">{v}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
