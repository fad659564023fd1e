//! The root component: header with title and language switch, and the main area.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Text};

/// The whole application. `initial` is the language detected at start.
#[component]
pub fn App(initial: Lang) -> impl IntoView {
    let (lang, set_lang) = signal(initial);
    provide_context(lang);
    Effect::new(move |_| super::lang::apply(lang.get()));
    let t = move |text: Text| move || lang.get().t(text);

    view! {
        <header class="topbar">
            <h1 class="title" data-testid="app-title">{t(Text::AppTitle)}</h1>
            <div class="lang" role="group" aria-label=t(Text::LanguageLabel)>
                <button
                    type="button"
                    class="lang-switch"
                    data-testid="lang-switch"
                    title=t(Text::SwitchLanguageHint)
                    lang=move || lang.get().other().code()
                    on:click=move |_| set_lang.update(|l| *l = l.other())
                >
                    {t(Text::SwitchLanguage)}
                </button>
            </div>
        </header>
        <main class="content">
            <p class="tagline" data-testid="tagline">{t(Text::Tagline)}</p>
            <p class="intro" data-testid="intro">{t(Text::SimulatedBrokerIntro)}</p>
        </main>
    }
}
