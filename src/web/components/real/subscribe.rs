//! The subscribe form (5.0's options too) and the subscriptions wanted, with their
//! identifiers.

use super::*;

/// The subscribe form.
#[component]
pub(super) fn SubscribePanel(conn: Conn, lang: ReadSignal<Lang>) -> impl IntoView {
    let Real {
        client, version, ..
    } = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let sub_filter = RwSignal::new("aula/#".to_string());
    let sub_qos = RwSignal::new(1u8);
    let sub_error = RwSignal::new(None::<ClientError>);
    let no_local = RwSignal::new(false);
    let rap = RwSignal::new(false);
    let retain_handling = RwSignal::new(0u8);
    let subscribe = move |_| {
        let f = conn.topic(&sub_filter.get_untracked());
        let l = lang.get_untracked();
        let url = conn.form.with_untracked(|o| o.url.clone());
        let public = !url.contains("127.0.0.1") && !url.contains("localhost");
        if f == "#" && public {
            let ok = web_sys::window()
                .and_then(|w| w.confirm_with_message(l.t(Text::ConfirmHash)).ok())
                .unwrap_or(false);
            if !ok {
                return;
            }
        }
        sub_error.set(
            client
                .with_value(|c| {
                    let options = SubscriptionOptions {
                        qos: QoS::from_u8(sub_qos.get_untracked()).unwrap_or(QoS::AtMostOnce),
                        no_local: no_local.get_untracked(),
                        retain_as_published: rap.get_untracked(),
                        retain_handling: match retain_handling.get_untracked() {
                            1 => RetainHandling::SendIfNew,
                            2 => RetainHandling::DoNotSend,
                            _ => RetainHandling::SendAtSubscribe,
                        },
                    };
                    c.subscribe(&f, options)
                })
                .err(),
        );
    };
    view! {
        <section class="panel form" data-testid="real-subscribe">
            <h2>{t(Text::SubscribeHeading)}</h2>
            <div class="row">
                <label>{t(Text::FilterField)}<input data-testid="real-sub-filter" prop:value=move || sub_filter.get() on:input=move |ev| sub_filter.set(event_target_value(&ev))/></label>
                <label>{t(Text::QosField)}<select on:change=move |ev| sub_qos.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {[0u8, 1, 2].map(|q| view! { <option value=q.to_string() selected=q == 1>{q}</option> })}</select></label>
                <button type="button" data-testid="real-sub-button" on:click=subscribe>{t(Text::SubscribeHeading)}</button>
            </div>
            <details class="v5">
                <summary>{t(Text::Mqtt5Options)}</summary>
                <label class="inline"><input type="checkbox" data-testid="real-no-local" on:change=move |ev| no_local.set(event_target_checked(&ev))/>{t(Text::NoLocalOption)}</label>
                <label class="inline"><input type="checkbox" on:change=move |ev| rap.set(event_target_checked(&ev))/>{t(Text::RetainAsPublishedOption)}</label>
                <label>{t(Text::RetainHandlingOption)}<select on:change=move |ev| retain_handling.set(event_target_value(&ev).parse().unwrap_or(0))>
                    <option value="0">"0"</option><option value="1">"1"</option><option value="2">"2"</option></select></label>
            </details>
            <p class="field-error" role="alert">{move || sub_error.get().map(|e| e.message(lang.get()))}</p>
            <ul class="subs" data-testid="real-subscriptions">
                {move || { version.track(); client.with_value(|c| c.0.borrow().supervisor.supervisor.wanted().iter().map(|(f, w)| {
                    let (f2, q) = (f.clone(), w.options.qos.as_u8());
                    let v5 = conn.form.with_untracked(|o| o.version == Version::V5);
                    let id = c.0.borrow().supervisor.supervisor.identifier_of(f).filter(|_| v5);
                    view! { <li><code>{f.clone()}</code>{move || Msg::SubQos(q).render(lang.get())}
                        {id.map(|id| view! { " · "<span class="sub-id" data-testid="real-sub-id">{move || Msg::SubId(id as u64).render(lang.get())}</span> })}" "
                        <button type="button" class="small secondary" on:click=move |_| client.with_value(|c| c.unsubscribe(&f2))>{t(Text::Unsubscribe)}</button></li> }
                }).collect_view()) }}
            </ul>
        </section>
    }
}
