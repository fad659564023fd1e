//! The publish form: topic, payload (text, JSON or hex), QoS, retain, 5.0's properties, and
//! saved templates.

use super::*;

const TEMPLATES_KEY: &str = "mqtt-playground-templates";

/// A saved publish.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Template {
    topic: String,
    payload: String,
    format: String,
    qos: u8,
    retain: bool,
}

/// The 5.0 publish properties typed in the form (empty fields are left out).
fn v5_properties(
    content_type: &str,
    expiry: &str,
    response_topic: &str,
    user: &str,
) -> Result<Properties, ClientError> {
    let mut p = Properties::new();
    if !content_type.trim().is_empty() {
        p = p.with(Property::ContentType(content_type.trim().to_string()));
    }
    if !expiry.trim().is_empty() {
        let s = expiry
            .trim()
            .parse::<u32>()
            .map_err(|_| ClientError::Text(Text::InvalidExpiry))?;
        p = p.with(Property::MessageExpiryInterval(s));
    }
    if !response_topic.trim().is_empty() {
        TopicName::new(response_topic.trim())?;
        p = p.with(Property::ResponseTopic(response_topic.trim().to_string()));
    }
    for line in user.lines().filter(|l| !l.trim().is_empty()) {
        let (k, v) = line
            .split_once('=')
            .ok_or(ClientError::Text(Text::InvalidUserProperty))?;
        p = p.with(Property::UserProperty((
            k.trim().to_string(),
            v.trim().to_string(),
        )));
    }
    Ok(p)
}

/// The publish form.
#[component]
pub(super) fn PublishPanel(conn: Conn, lang: ReadSignal<Lang>) -> impl IntoView {
    let Real {
        client, version, ..
    } = Real::get();
    let read = move |f: &dyn Fn(&crate::web::realclient::Live) -> String| {
        version.track();
        client.with_value(|c| f(&c.0.borrow()))
    };
    let t = move |k: Text| move || lang.get().t(k);
    let pub_topic = RwSignal::new("aula/luz".to_string());
    let pub_payload = RwSignal::new("ON".to_string());
    let pub_format = RwSignal::new("text".to_string());
    let pub_qos = RwSignal::new(1u8);
    let pub_retain = RwSignal::new(false);
    let pub_error = RwSignal::new(None::<ClientError>);
    let content_type = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let response_topic = RwSignal::new(String::new());
    let user_props = RwSignal::new(String::new());
    let templates =
        RwSignal::new(storage::load::<Vec<Template>>(TEMPLATES_KEY).unwrap_or_default());
    let save_template = move |_| {
        let tpl = Template {
            topic: pub_topic.get_untracked(),
            payload: pub_payload.get_untracked(),
            format: pub_format.get_untracked(),
            qos: pub_qos.get_untracked(),
            retain: pub_retain.get_untracked(),
        };
        templates.update(|list| {
            list.retain(|x| x.topic != tpl.topic || x.payload != tpl.payload);
            list.insert(0, tpl);
            list.truncate(20);
            storage::save(TEMPLATES_KEY, list);
        });
    };
    let use_template = move |ev| {
        let i: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
        if let Some(tpl) = templates.get_untracked().get(i).cloned() {
            pub_topic.set(tpl.topic);
            pub_payload.set(tpl.payload);
            pub_format.set(tpl.format);
            pub_qos.set(tpl.qos);
            pub_retain.set(tpl.retain);
        }
    };
    let publish = move |_| {
        let props = match v5_properties(
            &content_type.get_untracked(),
            &expiry.get_untracked(),
            &response_topic.get_untracked(),
            &user_props.get_untracked(),
        ) {
            Ok(p) => p,
            Err(e) => {
                pub_error.set(Some(e));
                return;
            }
        };
        let result = payload(&pub_payload.get_untracked(), &pub_format.get_untracked())
            .map_err(ClientError::from)
            .and_then(|p| {
                client.with_value(|c| {
                    c.publish(
                        &conn.topic(&pub_topic.get_untracked()),
                        p,
                        pub_qos.get_untracked(),
                        pub_retain.get_untracked(),
                        props.clone(),
                    )
                })
            });
        pub_error.set(result.err());
    };
    view! {
        <section class="panel form" data-testid="real-publish">
            <h2>{t(Text::PublishHeading)}</h2>
            <label>{t(Text::TopicField)}<input data-testid="real-pub-topic" prop:value=move || pub_topic.get() on:input=move |ev| pub_topic.set(event_target_value(&ev))/></label>
            <label>{t(Text::PayloadField)}<textarea data-testid="real-pub-payload" rows="2" prop:value=move || pub_payload.get() on:input=move |ev| pub_payload.set(event_target_value(&ev))></textarea></label>
            <div class="row">
                <label>{t(Text::PayloadFormat)}<select data-testid="real-pub-format" prop:value=move || pub_format.get() on:change=move |ev| pub_format.set(event_target_value(&ev))>
                    <option value="text">{t(Text::ShowAsText)}</option><option value="json">{t(Text::ShowAsJson)}</option><option value="hex">{t(Text::ShowAsHex)}</option></select></label>
                <label>{t(Text::QosField)}<select data-testid="real-pub-qos" prop:value=move || pub_qos.get().to_string() on:change=move |ev| pub_qos.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {[0u8, 1, 2].map(|q| view! { <option value=q.to_string() selected=q == 1>{q}</option> })}</select></label>
                <label class="inline"><input type="checkbox" prop:checked=move || pub_retain.get() on:change=move |ev| pub_retain.set(event_target_checked(&ev))/>{t(Text::RetainField)}</label>
                <button type="button" data-testid="real-pub-button" on:click=publish>{t(Text::PublishHeading)}</button>
            </div>
            <div class="row">
                <button type="button" class="small secondary" data-testid="real-save-template" on:click=save_template>{t(Text::SaveTemplate)}</button>
                <label>{t(Text::Templates)}<select data-testid="real-templates" on:change=use_template>
                    <option value="">"—"</option>
                    {move || templates.get().into_iter().enumerate().map(|(i, x)| view! { <option value=i.to_string()>{format!("{} = {}", x.topic, x.payload)}</option> }).collect_view()}
                </select></label>
            </div>
            <details class="v5">
                <summary>{t(Text::Mqtt5Options)}</summary>
                <label>{t(Text::ContentTypeField)}<input data-testid="real-content-type" prop:value=move || content_type.get() on:input=move |ev| content_type.set(event_target_value(&ev))/></label>
                <label>{t(Text::MessageExpiryField)}<input data-testid="real-expiry" prop:value=move || expiry.get() on:input=move |ev| expiry.set(event_target_value(&ev))/></label>
                <label>{t(Text::ResponseTopicField)}<input prop:value=move || response_topic.get() on:input=move |ev| response_topic.set(event_target_value(&ev))/></label>
                <label>{t(Text::UserProperties)}<textarea data-testid="real-user-props" rows="2" prop:value=move || user_props.get() on:input=move |ev| user_props.set(event_target_value(&ev))></textarea></label>
            </details>
            <p class="field-error" role="alert" data-testid="real-pub-error">{move || pub_error.get().map(|e| e.message(lang.get()))}</p>
            <p class="muted" data-testid="real-pending">{move || read(&|l| l.pending.to_string())}" "{t(Text::Waiting)}</p>
        </section>
    }
}
