//! The bridge's settings in the real panel.

use super::*;

/// The bridge: which virtual devices publish to the real broker too (under a prefix), and
/// which virtual dashboards also show real messages.
#[component]
pub(super) fn BridgePanel() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let devices = move || {
        ctx.read(Part::World, |s| {
            s.clients()
                .map(|c| {
                    let dashboard = matches!(c.kind, DeviceKind::Dashboard { .. });
                    (c.name.clone(), dashboard)
                })
                .collect::<Vec<_>>()
        })
    };
    // A prefix that cannot start a topic (a wildcard in it) is explained, not silently used.
    let prefix_error = move || {
        let p = real.bridge.with(|b| b.prefix.clone());
        TopicName::new(with_prefix(&p, "x"))
            .err()
            .map(|e| e.message(lang.get()))
    };
    let toggle = move |name: String, show: bool| {
        move |ev| {
            let on = event_target_checked(&ev);
            real.bridge.update(|b| {
                let set = if show { &mut b.show } else { &mut b.out };
                if on {
                    set.insert(name.clone(), ());
                } else {
                    set.remove(&name);
                }
            });
        }
    };
    view! {
        <details class="bridge" data-testid="bridge">
            <summary>{t(Text::BridgeTitle)}</summary>
            <p class="hint">{t(Text::BridgeHint)}</p>
            <label>{t(Text::BridgePrefix)}
                <input data-testid="bridge-prefix" prop:value=move || real.bridge.with(|b| b.prefix.clone())
                    aria-invalid=move || prefix_error().is_some().to_string()
                    on:input=move |ev| real.bridge.update(|b| b.prefix = event_target_value(&ev))/>
            </label>
            <p class="field-error" role="alert" data-testid="bridge-prefix-error">{prefix_error}</p>
            <ul class="bridge-devices">
                {move || devices().into_iter().map(|(name, dashboard)| {
                    let (n, id) = (name.clone(), format!("bridge-{name}"));
                    let checked = { let n = name.clone(); move || real.bridge.with(|b| if dashboard { b.show.contains_key(&n) } else { b.out.contains_key(&n) }) };
                    view! {
                        <li><label class="inline">
                            <input type="checkbox" data-testid=id prop:checked=checked on:change=toggle(n, dashboard)/>
                            <strong>{name}</strong>" "
                            {move || lang.get().t(if dashboard { Text::BridgeShow } else { Text::BridgeSend })}
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted" data-testid="bridge-count">{move || { let (sent, dropped) = real.counts.get(); Msg::BridgeCount(sent, dropped).render(lang.get()) }}</p>
        </details>
    }
}
