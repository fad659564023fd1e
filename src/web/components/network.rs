//! A line that says a view needs the network, shown while the browser is offline (the real
//! broker and the class; the simulation works without it).

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::Text;
use crate::web::offline;
use crate::web::state::Ctx;

/// "You are offline: … needs the network", while offline.
#[component]
pub fn NeedsNetwork() -> impl IntoView {
    let ctx = Ctx::get();
    let online = RwSignal::new(offline::online());
    let up = window_event_listener(ev::online, move |_| online.set(true));
    let down = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        up.remove();
        down.remove();
    });
    view! {
        <Show when=move || !online.get()>
            <p class="hint warn" role="status" data-testid="needs-network">{move || ctx.lang.get().t(Text::NeedsNetwork)}</p>
        </Show>
    }
}
