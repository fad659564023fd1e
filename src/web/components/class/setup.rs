//! The teacher's setup: the broker, the class code, the student link and its QR code.

use super::*;

/// Where the browser keeps the last class set up in it.
const SETUP_KEY: &str = "mqtt-playground-class-setup";

/// The student link, copyable, and its QR code.
#[component]
pub(super) fn LinkBox(link: Signal<Option<Link>>) -> impl IntoView {
    let lang = Ctx::get().lang;
    let t = move |k: ClassText| move || lang.get().t(k);
    let copied = RwSignal::new(false);
    let url = move || link.get().map(|l| l.url(false)).unwrap_or_default();
    let copy = move |_| {
        let text = url();
        spawn_local(async move { copied.set(files::copy(&text).await) });
    };
    let qr = move || {
        let text = url();
        if text.is_empty() {
            return ().into_any();
        }
        match Qr::of(&text) {
            Some(qr) => {
                let side = qr.size + 8;
                view! {
                    <svg class="qr" data-testid="class-qr" viewBox=format!("0 0 {side} {side}") role="img"
                        aria-label=t(ClassText::QrLabel) shape-rendering="crispEdges">
                        <rect width=side.to_string() height=side.to_string() fill="#fff"/>
                        <path d=qr.svg_path() fill="#000"/>
                    </svg>
                }
                .into_any()
            }
            None => view! { <p class="field-error">{t(ClassText::QrTooLong)}</p> }.into_any(),
        }
    };
    view! {
        <div class="class-link">
            <label>{t(ClassText::StudentLink)}
                <input readonly data-testid="class-student-link" prop:value=url on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); }
                }/>
            </label>
            <button type="button" class="small secondary" data-testid="class-copy" on:click=copy>{t(ClassText::CopyLink)}</button>
            <span role="status" class="muted">{move || copied.get().then(|| lang.get().t(ClassText::Copied))}</span>
            <p class="hint">{t(ClassText::NoPasswordInLink)}</p>
            {qr}
        </div>
    }
}

/// The teacher's setup: broker, code, prefix, devices allowed; the student link and QR, and
/// a link to the teacher view.
#[component]
pub(super) fn ClassSetup() -> impl IntoView {
    let lang = Ctx::get().lang;
    let t = move |k: ClassText| move || lang.get().t(k);
    // The last class set up in this browser comes back (after a reload, or the section closed
    // and opened again): the link and QR code already handed out stay valid.
    let saved = storage::load::<Link>(SETUP_KEY);
    let (broker, code, prefix, devices) = match saved {
        Some(l) => (l.broker, l.code, l.prefix, l.devices),
        None => (
            "ws://raspberrypi.local:9001/".to_string(),
            random(6),
            DEFAULT_PREFIX.to_string(),
            false,
        ),
    };
    let (broker, code) = (RwSignal::new(broker), RwSignal::new(code));
    let (prefix, devices) = (RwSignal::new(prefix), RwSignal::new(devices));
    // On a public broker the prefix becomes random (once), so two classes do not meet.
    Effect::new(move |_| {
        if is_public_broker(&broker.get()) && prefix.get_untracked() == DEFAULT_PREFIX {
            prefix.set(format!("{DEFAULT_PREFIX}-{}", random(8).to_lowercase()));
        }
    });
    let checked = move || -> Result<Link, Trouble> {
        BrokerUrl::parse(&broker.get())?;
        Class::new(&prefix.get(), &code.get())?;
        Ok(Link {
            code: code.get().trim().to_string(),
            broker: broker.get().trim().to_string(),
            prefix: prefix.get().trim().to_string(),
            devices: devices.get(),
        })
    };
    let link = Signal::derive(move || checked().ok());
    Effect::new(move |_| {
        if let Some(l) = link.get() {
            storage::save(SETUP_KEY, &l);
        }
    });
    view! {
        <div class="class-setup" data-testid="class-setup">
            <p class="hint">{t(ClassText::SetupHint)}</p>
            {field(ClassText::BrokerField, broker, "class-broker", "url", lang)}
            {field(ClassText::CodeField, code, "class-code", "text", lang)}
            {field(ClassText::PrefixField, prefix, "class-prefix", "text", lang)}
            <label class="inline"><input type="checkbox" data-testid="class-devices" prop:checked=move || devices.get()
                on:change=move |ev| devices.set(event_target_checked(&ev))/>{t(ClassText::AllowDevices)}</label>
            <Show when=move || is_public_broker(&broker.get())>
                <p class="warning" role="note" data-testid="class-public-warning">{t(ClassText::PublicWarning)}</p>
            </Show>
            <p class="field-error" role="alert" data-testid="class-setup-error">{move || checked().err().map(|e| e.message(lang.get()))}</p>
            <LinkBox link=link/>
            {move || link.get().map(|l| view! {
                <a class="button" data-testid="class-open-teacher" target="_blank" rel="noopener" href=l.url(true)>{t(ClassText::OpenTeacher)}</a>
            })}
        </div>
    }
}
