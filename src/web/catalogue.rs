//! The page's languages' texts: each language's main catalogue is a part of its own in the
//! release page (see `i18n::loaded`), fetched before the page first shows that language.

use crate::i18n::loaded::{self, Catalogue};
use crate::i18n::Lang;
use crate::web::lazy::LoadError;

crate::web::lazy::split_fn!(
    catalogue_es,
    fetch_catalogue_es,
    fn catalogue_es() -> Catalogue {
        Catalogue::of::<crate::i18n::es::Es>()
    }
);
crate::web::lazy::split_fn!(
    catalogue_en,
    fetch_catalogue_en,
    fn catalogue_en() -> Catalogue {
        Catalogue::of::<crate::i18n::en::En>()
    }
);
crate::web::lazy::split_fn!(
    catalogue_qps,
    fetch_catalogue_qps,
    fn catalogue_qps() -> Catalogue {
        Catalogue::of::<crate::i18n::qps::Qps>()
    }
);

/// Fetches the language's texts if they are not here yet (the page waits for them before it
/// shows the language); an error if they cannot come (offline on a first visit, server gone).
pub async fn load(lang: Lang) -> Result<(), LoadError> {
    if loaded::loaded(lang) {
        return Ok(());
    }
    let catalogue = match lang {
        Lang::Es => catalogue_es().await?,
        Lang::En => catalogue_en().await?,
        Lang::Qps => catalogue_qps().await?,
    };
    loaded::install(lang, catalogue);
    Ok(())
}

/// Says, in plain DOM, that the page's texts could not come, with a link that loads it again.
pub fn unreachable() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let [said, again] = loaded::UNREACHABLE;
    let build = || -> Option<()> {
        let p = document.create_element("p").ok()?;
        p.set_attribute("role", "alert").ok()?;
        p.set_attribute("data-testid", "unreachable").ok()?;
        p.set_text_content(Some(said));
        let link = document.create_element("a").ok()?;
        link.set_attribute("href", &web_sys::window()?.location().href().ok()?)
            .ok()?;
        link.set_text_content(Some(again));
        p.append_child(&link).ok()?;
        document.body()?.append_child(&p).ok()?;
        Some(())
    };
    let _ = build();
}
