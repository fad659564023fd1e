//! The root component: header (title, lesson, theme, language), the live region, and the
//! three areas: lesson and devices, network and journey, and the tabbed views.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Text};
use crate::core::sim::lessons::flood_of;
use crate::web::components::broker_panel::BrokerPanel;
use crate::web::components::controls::Controls;
use crate::web::components::devices::Devices;
use crate::web::components::diagram::Diagram;
use crate::web::components::forms::{PublishForm, SubscribeForm};
use crate::web::components::journey::JourneyPanel;
use crate::web::components::lesson::LessonPanel;
use crate::web::components::real::RealPanel;
use crate::web::components::timeline::Timeline;
use crate::web::components::wildcard::WildcardTester;
use crate::web::state::{Ctx, Sim};

/// The tabs of the right-hand area.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Log,
    Broker,
    Wildcard,
}

/// The whole application. `initial` is the language detected at start; the lesson and seed
/// come from `?lesson=` and `?seed=`.
#[component]
pub fn App(initial: Lang) -> impl IntoView {
    let (lang, set_lang) = signal(initial);
    Effect::new(move |_| super::lang::apply(lang.get()));
    let lesson_id = super::lang::query_flag("lesson");
    let seed = super::lang::query_flag("seed").and_then(|s| s.parse().ok());
    let demo = super::lang::query_flag("demo");
    let sim = match demo.as_deref() {
        // A load test: 1 000 messages per second to two dashboards (see e2e/perf.mjs).
        Some("flood") => Sim::from_scenario(&flood_of(1000, seed.unwrap_or(1)), None, initial),
        _ => Sim::new(lesson_id.as_deref(), seed, initial),
    }
    .or_else(|_| Sim::new(None, None, initial))
    .ok();
    let Some(sim) = sim else {
        return view! { <p>"MQTT Playground"</p> }.into_any();
    };
    let ctx = Ctx {
        lang,
        sim: StoredValue::new_local(sim),
        tick: RwSignal::new(0),
        slow: RwSignal::new(0),
        selected: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    provide_context(ctx);
    super::clock::start(ctx);
    let t = move |text: Text| move || lang.get().t(text);
    let tab = RwSignal::new(Tab::Log);
    let real = RwSignal::new(super::lang::query_flag("mode").as_deref() == Some("real"));
    if real.get_untracked() {
        ctx.update(|s| s.player.playing = false);
    }
    let switch_mode = move |_| {
        real.update(|r| *r = !*r);
        super::lang::set_query("mode", real.get_untracked().then_some("real"));
        // The simulation pauses while the real client is shown.
        ctx.update(|s| s.player.playing = !real.get_untracked());
    };
    // Picking a message opens its journey next to the log.
    let choose_lesson = move |ev| {
        let id = event_target_value(&ev);
        let id = (!id.is_empty()).then_some(id);
        let l = lang.get_untracked();
        if let Ok(fresh) = Sim::new(id.as_deref(), None, l) {
            ctx.update(|s| *s = fresh);
            ctx.selected.set(None);
            super::lang::set_query("lesson", id.as_deref());
        }
    };
    let current_lesson =
        move || ctx.read(|s| s.lesson.map(|l| l.id.to_string()).unwrap_or_default());
    let tab_button = move |which: Tab, label: Text, id: &'static str| {
        view! {
            <button type="button" role="tab" data-testid=id class="tab"
                aria-selected=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)>{t(label)}</button>
        }
    };
    view! {
        <header class="topbar">
            <h1 class="title" data-testid="app-title">{t(Text::AppTitle)}</h1>
            <label class="lesson-pick">
                <span class="sr-only">{t(Text::LessonLabel)}</span>
                <select data-testid="lesson-select" on:change=choose_lesson aria-label=t(Text::LessonLabel)>
                    <option value="" selected=move || current_lesson().is_empty()>{t(Text::FreePlay)}</option>
                    {Sim::lessons().iter().map(|l| {
                        let id = l.id;
                        view! { <option value=id selected=move || current_lesson() == id>{move || l.title.get(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <div class="top-actions">
                <button type="button" class="secondary" data-testid="mode-switch" aria-pressed=move || real.get().to_string() on:click=switch_mode>
                    {move || lang.get().t(if real.get() { Text::ModeSimulated } else { Text::ModeReal })}
                </button>
                <button type="button" class="secondary" data-testid="theme-toggle" title=t(Text::ThemeToggle)
                    aria-label=t(Text::ThemeToggle) on:click=move |_| super::theme::toggle()>"◐"</button>
                <div class="lang" role="group" aria-label=t(Text::LanguageLabel)>
                    <button type="button" class="lang-switch" data-testid="lang-switch" title=t(Text::SwitchLanguageHint)
                        lang=move || lang.get().other().code()
                        on:click=move |_| set_lang.update(|l| *l = l.other())>
                        {t(Text::SwitchLanguage)}
                    </button>
                </div>
            </div>
        </header>
        <p class="tagline" data-testid="tagline">{t(Text::Tagline)}</p>
        <p class="intro sr-only" data-testid="intro">{t(Text::SimulatedBrokerIntro)}</p>
        <div class="sr-only" aria-live="polite" data-testid="live">{move || ctx.read(|s| s.announce.clone())}</div>
        <output hidden data-testid="stats">{move || ctx.read(|s| format!("published={} events={} wasm_bytes={}", s.published, s.run.trace_total(), s.wasm_bytes))}</output>
        <Show when=move || real.get()>
            <main><RealPanel lang=lang/></main>
        </Show>
        <main class="layout" class:hidden=move || real.get()>
            <div class="col col-a">
                <LessonPanel/>
                <Controls/>
                <Devices/>
                <PublishForm/>
                <SubscribeForm/>
            </div>
            <div class="col col-b">
                <Diagram/>
                <JourneyPanel/>
            </div>
            <div class="col col-c">
                <div role="tablist" class="tabs" aria-label=t(Text::Views)>
                    {tab_button(Tab::Log, Text::Timeline, "tab-log")}
                    {tab_button(Tab::Broker, Text::BrokerInternals, "tab-broker")}
                    {tab_button(Tab::Wildcard, Text::WildcardTester, "tab-wildcard")}
                </div>
                <div role="tabpanel">
                    {move || match tab.get() {
                        Tab::Log => view! { <Timeline/> }.into_any(),
                        Tab::Broker => view! { <BrokerPanel/> }.into_any(),
                        Tab::Wildcard => view! { <WildcardTester/> }.into_any(),
                    }}
                </div>
            </div>
        </main>
    }
    .into_any()
}
