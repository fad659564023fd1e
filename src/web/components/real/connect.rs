//! The connection form (one signal holding the [`Options`]; presets, version, credentials,
//! will, the class prefix, settings remembered on request) and the doctor.

use super::*;

fn random_id() -> String {
    format!(
        "playground-{:06x}",
        (js_sys::Math::random() * 16_777_215.0) as u32
    )
}

const REMEMBER_KEY: &str = "mqtt-playground-connection";

/// Connection settings remembered on request (the password never is).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Remembered {
    url: String,
    v5: bool,
    client_id: String,
    username: String,
    keep_alive: u16,
    clean: bool,
    prefix: String,
}

/// The form's first values: the remembered settings, or a local broker's.
pub(super) fn conn() -> Conn {
    let mut options = Options {
        url: "ws://127.0.0.1:9001/".to_string(),
        version: Version::V311,
        client_id: random_id(),
        username: String::new(),
        password: String::new(),
        keep_alive: 60,
        clean: true,
        will: Default::default(),
        will_retain: false,
        topic_aliases: false,
    };
    let mut prefix = String::new();
    if let Some(r) = storage::load::<Remembered>(REMEMBER_KEY) {
        options.url = r.url;
        options.version = if r.v5 { Version::V5 } else { Version::V311 };
        options.client_id = r.client_id;
        options.username = r.username;
        options.keep_alive = r.keep_alive;
        options.clean = r.clean;
        prefix = r.prefix;
    }
    Conn {
        form: RwSignal::new(options),
        prefix: RwSignal::new(prefix),
    }
}

/// The connection form.
#[component]
pub(super) fn ConnectForm(conn: Conn, lang: ReadSignal<Lang>) -> impl IntoView {
    let Real {
        client, version, ..
    } = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let Conn { form, prefix } = conn;
    let remember = RwSignal::new(storage::load::<Remembered>(REMEMBER_KEY).is_some());
    let form_error = RwSignal::new(None::<ClientError>);
    let connect = move |_| {
        let o = form.get_untracked();
        if remember.get_untracked() {
            let r = Remembered {
                url: o.url.clone(),
                v5: o.version == Version::V5,
                client_id: o.client_id.clone(),
                username: o.username.clone(),
                keep_alive: o.keep_alive,
                clean: o.clean,
                prefix: prefix.get_untracked(),
            };
            storage::save(REMEMBER_KEY, &r);
        } else {
            storage::forget(REMEMBER_KEY);
        }
        form_error.set(client.with_value(|c| c.connect(&o)).err());
    };
    let status = move || {
        version.track();
        client.with_value(|c| c.0.borrow().status)
    };
    let status_text = move || {
        lang.get().t(match status() {
            Status::Idle => Text::Offline,
            Status::Connecting => Text::Connecting,
            Status::Connected => Text::Online,
            Status::Reconnecting => Text::Reconnecting,
        })
    };
    view! {
        <section class="panel form" data-testid="real-connect">
            <h2>{t(Text::ModeReal)}</h2>
            <crate::web::components::network::NeedsNetwork/>
            {page_is_https().then(|| view! { <p class="hint warn" data-testid="wss-only">{t(Text::WssOnlyHere)}</p> })}
            <label>{t(Text::Presets)}
                <select data-testid="real-preset" on:change=move |ev| form.update(|o| o.url = event_target_value(&ev))>
                    // An address typed by hand is none of the presets: the list says so.
                    <option value="" disabled selected=move || form.with(|o| PRESETS.iter().all(|(_, u)| o.url != *u))>{t(Text::OtherAddress)}</option>
                    {PRESETS.iter().map(|(name, u)| view! { <option value=*u selected=move || form.with(|o| o.url == *u)>{format!("{name} — {u}")}</option> }).collect_view()}
                </select></label>
            <label>{t(Text::BrokerAddress)}
                <input data-testid="real-url" prop:value=move || form.with(|o| o.url.clone()) on:input=move |ev| form.update(|o| o.url = event_target_value(&ev))/></label>
            <div class="row">
                <label>{t(Text::ProtocolVersion)}
                    <select data-testid="real-version" on:change=move |ev| form.update(|o| o.version = if event_target_value(&ev) == "5" { Version::V5 } else { Version::V311 })>
                        <option value="4">"3.1.1"</option><option value="5">"5.0"</option>
                    </select></label>
                <label>{t(Text::KeepAlive)}
                    <input type="number" min="0" max="65535" data-testid="real-keep-alive" prop:value=move || form.with(|o| o.keep_alive.to_string())
                        on:input=move |ev| form.update(|o| o.keep_alive = event_target_value(&ev).parse().unwrap_or(60))/></label>
            </div>
            <label>{t(Text::ClientIdField)}
                <input data-testid="real-client-id" prop:value=move || form.with(|o| o.client_id.clone()) on:input=move |ev| form.update(|o| o.client_id = event_target_value(&ev))/></label>
            <label>{t(Text::Username)}
                <input data-testid="real-username" autocomplete="off" prop:value=move || form.with(|o| o.username.clone()) on:input=move |ev| form.update(|o| o.username = event_target_value(&ev))/></label>
            <label>{t(Text::Password)}
                <input data-testid="real-password" type="password" autocomplete="off" prop:value=move || form.with(|o| o.password.clone()) on:input=move |ev| form.update(|o| o.password = event_target_value(&ev))/></label>
            <p class="muted small">{t(Text::PasswordNotKept)}</p>
            <label class="inline"><input type="checkbox" data-testid="real-clean" prop:checked=move || form.with(|o| o.clean) on:change=move |ev| form.update(|o| o.clean = event_target_checked(&ev))/>{t(Text::CleanSession)}</label>
            <Show when=move || conn.v5()>
                <label class="inline"><input type="checkbox" data-testid="real-aliases" prop:checked=move || form.with(|o| o.topic_aliases) on:change=move |ev| form.update(|o| o.topic_aliases = event_target_checked(&ev))/>{t(Text::UseTopicAliases)}</label>
            </Show>
            <label>{t(Text::ClassPrefix)}<input data-testid="real-prefix" prop:value=move || prefix.get() on:input=move |ev| prefix.set(event_target_value(&ev))/></label>
            <label class="inline"><input type="checkbox" data-testid="real-remember" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>{t(Text::RememberConnection)}</label>
            <label>{t(Text::WillTopic)}<input data-testid="real-will-topic" prop:value=move || form.with(|o| o.will.0.clone()) on:input=move |ev| form.update(|o| o.will.0 = event_target_value(&ev))/></label>
            <label>{t(Text::WillPayload)}<input data-testid="real-will-payload" prop:value=move || form.with(|o| o.will.1.clone()) on:input=move |ev| form.update(|o| o.will.1 = event_target_value(&ev))/></label>
            <p class="field-error" role="alert" data-testid="real-form-error">{move || form_error.get().map(|e| e.message(lang.get()))}</p>
            <div class="row">
                <button type="button" data-testid="real-connect-button" on:click=connect>{t(Text::Connect)}</button>
                <button type="button" class="secondary" data-testid="real-disconnect" on:click=move |_| client.with_value(|c| c.close())>{t(Text::Disconnect)}</button>
                <output data-testid="real-status" class=move || format!("status {:?}", status()).to_lowercase()>{status_text}</output>
            </div>
        </section>
    }
}

/// The doctor: what went wrong with the connection, and the likely fix.
#[component]
pub(super) fn Doctor(lang: ReadSignal<Lang>) -> impl IntoView {
    let Real {
        client, version, ..
    } = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let diagnosis = move || {
        version.track();
        let l = lang.get();
        client.with_value(|c| c.0.borrow().problem.as_ref().map(|p| p.diagnose(l)))
    };
    view! {
        <section class="panel doctor" data-testid="doctor" aria-live="polite">
            <h2>{t(Text::Doctor)}</h2>
            {move || diagnosis().map(|d| view! {
                <p class="what" data-testid="doctor-what">{d.what}</p>
                <p><strong>{t(Text::LikelyFix)}": "</strong><span data-testid="doctor-fix">{d.fix}</span></p>
            })}
        </section>
    }
}
