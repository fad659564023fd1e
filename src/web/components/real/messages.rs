//! What arrived on the real connection: the topics with their counts and last values, a
//! topic's recent values with a chart, the newest messages, and exports (CSV, JSON).

use super::*;

/// A line chart of numbers (oldest left), scaled to its own minimum and maximum.
fn chart(values: &[f64]) -> impl IntoView {
    let (w, h) = (300.0, 80.0);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if max > min { max - min } else { 1.0 };
    let step = w / (values.len().saturating_sub(1).max(1)) as f64;
    let points: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = (i as f64 * step, h - (v - min) / span * h);
            format!("{},{} ", Fixed(x, 1), Fixed(y, 1))
        })
        .collect();
    view! {
        <svg class="chart" data-testid="real-chart" viewBox=format!("0 -4 {w} {}", h + 8.0) role="img"
            aria-label=format!("{min} … {max}")>
            <polyline points=points fill="none" stroke="currentColor" stroke-width="2"/>
        </svg>
        <p class="muted small">{format!("min {min} · max {max}")}</p>
    }
}

/// A payload as text, pretty JSON (when it is JSON) or hex.
fn show(payload: &[u8], how: &str) -> String {
    match how {
        "hex" => payload
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(" "),
        "json" => serde_json::from_slice::<serde_json::Value>(payload)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| String::from_utf8_lossy(payload).into_owned()),
        _ => String::from_utf8_lossy(payload).into_owned(),
    }
}

/// What arrived.
#[component]
pub(super) fn Received(lang: ReadSignal<Lang>) -> impl IntoView {
    let Real {
        client, version, ..
    } = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let view_as = RwSignal::new("text".to_string());
    let chosen = RwSignal::new(None::<String>);
    let export = move |json: bool| {
        let rows: Vec<(String, String, u8, bool)> = client.with_value(|c| {
            c.0.borrow()
                .inbox
                .messages
                .iter()
                .map(|m| {
                    (
                        m.topic.as_str().to_string(),
                        String::from_utf8_lossy(&m.payload).into_owned(),
                        m.qos,
                        m.retain,
                    )
                })
                .collect()
        });
        let text = if json {
            let v: Vec<serde_json::Value> = rows.iter().map(|(t, p, q, r)| serde_json::json!({"topic": t, "payload": p, "qos": q, "retain": r})).collect();
            serde_json::to_string_pretty(&v).unwrap_or_default()
        } else {
            let q = crate::i18n::describe::csv;
            let mut out = String::from("topic,payload,qos,retain\n");
            for (t, p, qos, r) in &rows {
                out.push_str(&format!("{},{},{qos},{r}\n", q(t), q(p)));
            }
            out
        };
        let (name, mime) = if json {
            ("mqtt-messages.json", "application/json")
        } else {
            ("mqtt-messages.csv", "text/csv")
        };
        crate::web::files::download(name, mime, &text);
    };
    view! {
        <section class="panel" data-testid="real-messages">
            <h2>{t(Text::ReceivedMessages)}</h2>
            <div class="row">
                <label>{t(Text::PayloadFormat)}<select data-testid="real-view-as" on:change=move |ev| view_as.set(event_target_value(&ev))>
                    <option value="text">{t(Text::ShowAsText)}</option><option value="json">{t(Text::ShowAsJson)}</option><option value="hex">{t(Text::ShowAsHex)}</option></select></label>
                <button type="button" class="small secondary" data-testid="real-export-csv" on:click=move |_| export(false)>{t(Text::ExportCsv)}</button>
                <button type="button" class="small secondary" data-testid="real-export-json" on:click=move |_| export(true)>{t(Text::ExportJson)}</button>
            </div>
            <ul class="tree" data-testid="real-topics">
                {move || { version.track(); client.with_value(|c| c.0.borrow().inbox.topics.iter().map(|(topic, (n, p))| {
                    let name = topic.clone();
                    view! { <li><button type="button" class="link" data-testid="real-topic" on:click=move |_| chosen.set(Some(name.clone()))>{topic.clone()}</button>" · "{*n}" · "<span class="value">{String::from_utf8_lossy(p).into_owned()}</span></li> }
                }).collect_view()) }}
            </ul>
            {move || chosen.get().map(|topic| {
                version.track();
                let values: Vec<String> = client.with_value(|c| c.0.borrow().inbox.history.get(&topic).map(|h| h.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect()).unwrap_or_default());
                let numbers: Vec<f64> = values.iter().filter_map(|v| number_in(v.as_bytes())).collect();
                view! {
                    <div class="history" data-testid="real-history">
                        <h3><code>{topic.clone()}</code></h3>
                        {(numbers.len() >= 2).then(|| chart(&numbers))}
                        <p class="muted">{values.iter().rev().take(10).cloned().collect::<Vec<_>>().join(" · ")}</p>
                    </div>
                }
            })}
            <Inspector client=client version=version lang=lang/>
            <BridgePanel/>
            <ol class="real-list" data-testid="real-list">
                {move || { version.track(); client.with_value(|c| c.0.borrow().inbox.messages.iter().rev().take(50).map(|m| {
                    view! { <li data-testid="real-message"><code>{m.topic.as_str().to_string()}</code>" "<span class="value">{show(&m.payload, &view_as.get())}</span>{let (qos, retain) = (m.qos, m.retain); move || Msg::MessageMeta { qos, retain }.render(lang.get())}
                        {(!m.properties.is_empty()).then(|| view! { <span class="props">" · "{m.properties.clone()}</span> })}</li> }
                }).collect_view()) }}
            </ol>
        </section>
    }
}
