//! Captures, the bridge to Wireshark: this run saved as a `.pcapng` file Wireshark opens, and a
//! capture taken of real devices (Wireshark, tcpdump) opened here: its MQTT packets listed by
//! connection, each dissected like a journey's, each PUBLISH followed to the clients the broker
//! sent it to. A file that cannot be read says why; nothing else on the page changes.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::capture::Captured;
use crate::core::numbers::Fixed;
use crate::core::pcap::{self, CaptureError, Opened, MAX_FILE_BYTES};
use crate::core::sim::Run;
use crate::i18n::{Msg, Text};
use crate::web::components::inspector::PacketBytes;
use crate::web::files;
use crate::web::say::{Say, Why};
use crate::web::state::Ctx;

/// Rows of the packet list shown at once.
const PAGE: usize = 100;
/// The MIME type of a pcapng file.
const PCAPNG: &str = "application/x-pcapng";

/// Saves the simulated run so far as a capture (the whole run: replayed from the start when
/// the page no longer keeps its oldest events). Says how many packets it wrote.
pub fn export_run(ctx: Ctx) {
    let lang = ctx.lang.get_untracked();
    let made = ctx.peek(|s| {
        let run = &s.run;
        let whole = run.trace_total() == run.trace().len() as u64;
        let name = format!(
            "mqtt-playground-{}-seed{}.pcapng",
            s.lesson.map_or("free", |l| l.id),
            run.world().scenario().seed
        );
        let exported = if whole {
            Some(pcap::from_trace(run.trace(), &|c| c.text(lang)))
        } else {
            let w = run.world();
            Run::replay_exact(w.scenario(), run.log(), w.steps(), run.now())
                .ok()
                .map(|again| pcap::from_trace(again.trace(), &|c| c.text(lang)))
        };
        exported.map(|e| (name, e))
    });
    match made {
        Some((name, e)) => {
            files::download_bytes(&name, PCAPNG, &e.bytes);
            ctx.notice.set(Some(Say::CaptureSaved(e.mqtt_packets)));
        }
        None => ctx.fail(Text::CaptureExportFailed, Why::Nothing),
    }
}

/// Saves the real client's captured packets as a capture.
pub fn export_captured<'a>(packets: impl IntoIterator<Item = &'a Captured>, ctx: Ctx) {
    let lang = ctx.lang.get_untracked();
    let e = pcap::from_captured(packets, &|c| c.text(lang));
    files::download_bytes("mqtt-playground-real.pcapng", PCAPNG, &e.bytes);
    ctx.notice.set(Some(Say::CaptureSaved(e.mqtt_packets)));
}

/// Why a capture could not be opened.
#[derive(Clone, Debug, PartialEq)]
enum OpenError {
    /// The file is not a capture we can read.
    Capture(CaptureError),
    /// The browser could not read the file.
    Read(String),
}

/// The captures tab: export this run, open a capture.
#[component]
pub fn CapturePanel() -> impl IntoView {
    crate::web::sheets::views();
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |k: Text| move || lang.get().t(k);
    let opened = RwSignal::new(None::<Opened>);
    let error = RwSignal::new(None::<OpenError>);
    let reading = RwSignal::new(false);
    let picked = RwSignal::new(None::<usize>);
    let page = RwSignal::new(0usize);
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = files::file_input(&ev) else {
            return;
        };
        let size = files::chosen_size(&input);
        if input.value().is_empty() {
            return; // the choice was cancelled
        }
        if size > MAX_FILE_BYTES {
            // Refused before reading: a huge file never reaches memory.
            error.set(Some(OpenError::Capture(CaptureError::TooLarge {
                bytes: size,
            })));
            input.set_value("");
            return;
        }
        reading.set(true);
        spawn_local(async move {
            // Let the page say "reading" before the work starts.
            gloo_timers::future::TimeoutFuture::new(0).await;
            let result = files::chosen_bytes(&input).await;
            input.set_value("");
            match result.map(|bytes| pcap::open(&bytes)) {
                Ok(Ok(o)) => {
                    error.set(None);
                    picked.set(o.packets.first().map(|_| 0));
                    page.set(0);
                    opened.set(Some(o));
                }
                Ok(Err(e)) => error.set(Some(OpenError::Capture(e))),
                Err(e) => error.set(Some(OpenError::Read(e))),
            }
            reading.set(false);
        });
    };
    let error_line = move || {
        error.get().map(|e| {
            let text = move || match &e {
                OpenError::Capture(c) => c.message(lang.get()),
                OpenError::Read(why) => Msg::FileReadFailed(why).render(lang.get()),
            };
            view! { <p class="error" role="alert" data-testid="capture-error">{text}</p> }
        })
    };
    view! {
        <section class="panel capture" data-testid="capture-panel" aria-labelledby="capture-title">
            <h2 id="capture-title">{t(Text::CaptureTitle)}</h2>
            <p class="hint">{t(Text::CaptureIntro)}</p>
            <div class="row">
                <button type="button" data-testid="capture-export" on:click=move |_| export_run(ctx)>
                    {t(Text::ExportCapture)}
                </button>
                <label class="button secondary file-pick">
                    {t(Text::OpenCapture)}
                    <input type="file" accept=".pcap,.pcapng,.cap" class="sr-only" data-testid="capture-file" on:change=choose/>
                </label>
            </div>
            <p class="hint">{t(Text::OpenCaptureHint)}</p>
            <Show when=move || reading.get()>
                <p role="status" data-testid="capture-reading">{t(Text::CaptureReading)}</p>
            </Show>
            {error_line}
            {move || opened.get().map(|o| view! { <OpenedView opened=o picked=picked page=page/> })}
        </section>
    }
}

/// An opened capture: summary and notes, connections, the packet list and the picked packet.
#[component]
fn OpenedView(
    opened: Opened,
    picked: RwSignal<Option<usize>>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let lang = Ctx::get().lang;
    let t = move |k: Text| move || lang.get().t(k);
    let o = StoredValue::new(opened);
    // Which connection's packets are listed (all when none).
    let only = RwSignal::new(None::<usize>);
    let listed = Memo::new(move |_| {
        let only = only.get();
        o.with_value(|o| {
            (0..o.packets.len())
                .filter(|&i| only.is_none_or(|s| o.packets[i].stream == s))
                .collect::<Vec<usize>>()
        })
    });
    let pages = Memo::new(move |_| listed.with(|l| l.len().div_ceil(PAGE).max(1)));
    let choose_stream = move |ev: leptos::ev::Event| {
        only.set(event_target_value(&ev).parse::<usize>().ok());
        page.set(0);
    };
    let start_us = o.with_value(|o| o.packets.first().map_or(0, |p| p.at_us));
    let notes = o.with_value(|o| o.notes.clone());
    let streams = o.with_value(|o| o.streams.clone());
    let rows = move || {
        let first = page.get() * PAGE;
        let shown: Vec<usize> = listed.with(|l| l.iter().skip(first).take(PAGE).copied().collect());
        o.with_value(|o| {
            shown
                .into_iter()
                .map(|i| (i, &o.packets[i]))
                .map(|(i, p)| {
                    let who = o.who(p.stream).to_string();
                    let kind = p.kind.map_or("?", |k| k.name());
                    let secs = p.at_us.saturating_sub(start_us) as f64 / 1e6;
                    let up = p.to_server;
                    let dir = if up { "→" } else { "←" };
                    let len = p.bytes.len();
                    view! {
                        <tr class:picked=move || picked.get() == Some(i) data-testid="capture-row">
                            <td class="num">{p.frame}</td>
                            <td class="num">{Fixed(secs, 3).to_string()}</td>
                            <td translate="no">{who}</td>
                            <td><span aria-hidden="true">{dir}</span><span class="sr-only">{move || lang.get().t(if up { Text::ToBroker } else { Text::FromBroker })}</span></td>
                            <td><button type="button" class="link" translate="no" data-testid="capture-packet"
                                aria-pressed=move || (picked.get() == Some(i)).to_string()
                                on:click=move |_| picked.set(Some(i))>{kind}</button></td>
                            <td class="num">{len}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let detail = move || {
        let i = picked.get()?;
        o.with_value(|opened| {
            let p = opened.packets.get(i)?.clone();
            let version = opened.streams.get(p.stream).map(|s| s.version)?;
            let has_story = opened.story(i).is_some();
            Some(view! {
                <h3>{move || Msg::FrameNo(p.frame as u64).render(lang.get())}</h3>
                {has_story.then(|| view! {
                    <p data-testid="capture-story">{move || o.with_value(|o| o.story(i).map(|s| s.told(lang.get())))}</p>
                })}
                <PacketBytes bytes=p.bytes version=version testid="capture"/>
            })
        })
    };
    view! {
        <p data-testid="capture-summary">{move || o.with_value(|o| o.summary().told(lang.get()))}</p>
        <ul class="notes" data-testid="capture-notes">
            {notes.into_iter().map(|n| view! { <li>{move || n.message(lang.get())}</li> }).collect_view()}
        </ul>
        <table class="streams" data-testid="capture-streams">
            <caption>{t(Text::Connections)}</caption>
            <thead><tr>
                <th scope="col">"#"</th>
                <th scope="col">{t(Text::ClientAddress)}</th>
                <th scope="col">{t(Text::BrokerAddressCol)}</th>
                <th scope="col">{t(Text::MqttColumn)}</th>
                <th scope="col">{t(Text::PacketsWord)}</th>
            </tr></thead>
            <tbody>
                {streams.into_iter().enumerate().map(|(k, s)| view! {
                    <tr>
                        <td class="num">{k + 1}</td>
                        <td><strong translate="no">{s.client_id.unwrap_or_default()}</strong>" "<code class="addr">{s.client}</code></td>
                        <td><code>{s.server}</code></td>
                        <td translate="no">{s.version.to_string()}</td>
                        <td class="num">{s.packets}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <label class="stream-pick">{t(Text::ShowConnection)}" "
            <select data-testid="capture-stream" on:change=choose_stream>
                <option value="">{t(Text::AllConnections)}</option>
                {o.with_value(|o| (0..o.streams.len()).map(|k| {
                    let name = format!("{} · {}", k + 1, o.who(k));
                    view! { <option value=k.to_string()>{name}</option> }
                }).collect_view())}
            </select>
        </label>
        <div class="capture-list">
            <table class="packets-table" data-testid="capture-packets">
                <caption>{t(Text::PacketsWord)}</caption>
                <thead><tr>
                    <th scope="col">{t(Text::FrameWord)}</th>
                    <th scope="col">{t(Text::TimeSeconds)}</th>
                    <th scope="col">{t(Text::ClientWord)}</th>
                    <th scope="col"><span class="sr-only">{t(Text::Direction)}</span></th>
                    <th scope="col">{t(Text::PacketWord)}</th>
                    <th scope="col">{t(Text::BytesColumn)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || { pages.get() > 1 }>
            <div class="row pager">
                <button type="button" class="small secondary" data-testid="capture-prev"
                    disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{t(Text::Previous)}</button>
                <span>{move || format!("{} / {}", page.get() + 1, pages.get())}</span>
                <button type="button" class="small secondary" data-testid="capture-next"
                    disabled=move || page.get() + 1 >= pages.get() on:click=move |_| page.update(|p| *p = (*p + 1).min(pages.get_untracked() - 1))>{t(Text::Next)}</button>
            </div>
        </Show>
        <div class="capture-detail" data-testid="capture-detail">{detail}</div>
    }
}

crate::web::lazy::split_part!(
    /// The captures tab (export for Wireshark, open a capture).
    CAPTURE: capture, fetch_capture,
    fn capture_view() {
        view! { <CapturePanel/> }.into_any()
    }
);

/// The captures tab.
pub fn capture_panel() -> impl IntoView {
    crate::web::lazy::deferred(&CAPTURE, || crate::web::lazy::ready(capture_view()))
}
