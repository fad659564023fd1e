//! The packet inspector on the real connection.

use super::*;

/// The packet inspector on the real connection: while open, every packet in and out is
/// captured (the newest 300); a packet picked shows its bytes and fields, and for a PUBLISH
/// received, each of our subscriptions tried against its topic, level by level.
#[component]
pub(super) fn Inspector(
    client: StoredValue<RealClient, LocalStorage>,
    version: RwSignal<u64>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let picked = RwSignal::new(None::<(bool, Bytes)>);
    let toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        client.with_value(|c| c.set_inspect(open));
        if !open {
            picked.set(None);
        }
    };
    let list = move || {
        version.track();
        client.with_value(|c| {
            let live = c.0.borrow();
            let Some(cap) = live.capture.as_ref() else {
                return Vec::new();
            };
            cap.packets()
                .iter()
                .rev()
                .take(100)
                .map(|p| {
                    let (out, bytes) = (p.outgoing, p.bytes.clone());
                    let name = p.kind.map_or("?", |k| k.name());
                    let label =
                        format!("{} {name} · {} B", if out { "→" } else { "←" }, bytes.len());
                    view! { <li><button type="button" class="link" data-testid="real-packet"
                    on:click=move |_| picked.set(Some((out, bytes.clone())))>{label}</button></li> }
                })
                .collect::<Vec<_>>()
        })
    };
    let detail = move || {
        picked.get().map(|(out, bytes)| {
            let protocol = client.with_value(RealClient::protocol);
            let topic = match decode(&bytes, protocol, usize::MAX) {
                Ok(Decoded::Packet {
                    packet: Packet::Publish(p),
                    ..
                }) if !out => Some(p.topic),
                _ => None,
            };
            let filters: Vec<String> = client.with_value(|c| {
                c.0.borrow()
                    .supervisor
                    .supervisor
                    .wanted()
                    .keys()
                    .cloned()
                    .collect()
            });
            view! {
                <PacketBytes bytes=bytes version=protocol testid="real-packet"/>
                {topic.map(|topic| view! {
                    <h3>{move || lang.get().t(Text::YourFilters)}</h3>
                    <table class="filters-tried" data-testid="real-filters"><tbody>
                        {filters.iter().filter_map(|f| TopicFilter::new(f.as_str()).ok()).map(|f| {
                            let row = if f.matches(&topic) { "match" } else { "nomatch" };
                            view! {
                                <tr class=row>
                                    <td><code>{f.as_str().to_string()}</code></td>
                                    <td><Verdict filter=f topic=topic.clone()/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody></table>
                })}
            }
        })
    };
    view! {
        <details class="inspector" data-testid="real-inspector" on:toggle=toggle>
            <summary>{move || lang.get().t(Text::PacketInspector)}</summary>
            <p class="hint">{move || lang.get().t(Text::InspectorHint)}</p>
            <button type="button" class="small secondary" data-testid="real-export-pcap"
                on:click=move |_| client.with_value(|c| {
                    if let Some(cap) = c.0.borrow().capture.as_ref() {
                        export_captured(cap.packets(), Ctx::get());
                    }
                })>{move || lang.get().t(Text::ExportCapture)}</button>
            <ol class="packets" data-testid="real-packets">{list}</ol>
            {detail}
        </details>
    }
}
