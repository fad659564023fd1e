//! Text in and out of the page: share links (compressed into the URL fragment), the
//! clipboard, scenario files by URL or from disk, and downloads. The browser does the work
//! (`glue.js`); every failure comes back as a short reason, never a panic.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/web/glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = packText, catch)]
    async fn pack_text(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = unpackText, catch)]
    async fn unpack_text(packed: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = copyText)]
    async fn copy_text(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = fetchText, catch)]
    async fn fetch_text(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fetchEarly)]
    fn fetch_early(url: &str);
    #[wasm_bindgen(js_name = fetchBytes, catch)]
    async fn fetch_bytes(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileText, catch)]
    async fn file_text(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileSize)]
    fn file_size(input: &web_sys::HtmlInputElement) -> f64;
    #[wasm_bindgen(js_name = fileBytes, catch)]
    async fn file_bytes(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
}

/// The fragment key of a share link: `#share=…`.
const SHARE_KEY: &str = "share=";

/// A JS error's message (or its text).
fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "?".into())
}

fn text_of(v: Result<JsValue, JsValue>) -> Result<String, String> {
    v.map(|t| t.as_string().unwrap_or_default()).map_err(reason)
}

/// The page's address without query and fragment (where the app is served, any sub-path).
pub fn app_base() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// A link that opens the app with `share_json` (a [`crate::core::sim::Share`]) in its
/// fragment, which browsers never send to a server.
pub async fn share_link(share_json: &str, lang: &str) -> Result<String, String> {
    let packed = text_of(pack_text(share_json).await)?;
    Ok(format!("{}?lang={lang}#{SHARE_KEY}{packed}", app_base()))
}

/// Whether this page's address carries a shared run or a teacher's lesson.
pub fn has_fragment() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| {
            let h = h.trim_start_matches('#');
            h.starts_with(SHARE_KEY) || h.starts_with(LESSON_KEY)
        })
}

/// The fragment key of a teacher's lesson: `#lesson=…` (the whole lesson file).
const LESSON_KEY: &str = "lesson=";

/// A link that opens a teacher's lesson (its file's JSON, all of it in the fragment);
/// `query` is added to the address (`lang=es`, `build=1`…).
pub async fn lesson_link(lesson_json: &str, query: &str) -> Result<String, String> {
    let packed = text_of(pack_text(lesson_json).await)?;
    Ok(format!("{}?{query}#{LESSON_KEY}{packed}", app_base()))
}

/// The lesson file's JSON this page's address carries, if any.
pub async fn lesson_from_fragment() -> Option<Result<String, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let packed = hash.trim_start_matches('#').strip_prefix(LESSON_KEY)?;
    Some(text_of(unpack_text(packed).await))
}

/// The share JSON in this page's fragment, if it has one.
pub async fn shared_from_fragment() -> Option<Result<String, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let packed = hash.trim_start_matches('#').strip_prefix(SHARE_KEY)?;
    Some(text_of(unpack_text(packed).await))
}

/// One of the app's own files (a path relative to the page), as bytes.
pub async fn fetch_own(path: &str) -> Result<Vec<u8>, String> {
    let bytes = fetch_bytes(path).await.map_err(reason)?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// Copies text to the clipboard; `false` when the browser refuses (then the page shows it
/// selected for Ctrl+C).
pub async fn copy(text: &str) -> bool {
    copy_text(text).await.as_bool().unwrap_or(false)
}

/// Downloads a URL's text (same origin, or a server that allows CORS).
pub async fn fetch(url: &str) -> Result<String, String> {
    text_of(fetch_text(url).await)
}

/// Starts downloading a URL's text that [`fetch`] will soon ask for (the first call takes it).
pub fn fetch_soon(url: &str) {
    fetch_early(url);
}

/// The `<input type=file>` an event came from.
pub fn file_input(ev: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// The text of the file chosen in an `<input type=file>` (empty when none).
pub async fn chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    text_of(file_text(input).await)
}

/// The chosen file's size in bytes, known before it is read (0 when none).
pub fn chosen_size(input: &web_sys::HtmlInputElement) -> usize {
    file_size(input) as usize
}

/// The bytes of the file chosen in an `<input type=file>` (empty when none).
pub async fn chosen_bytes(input: &web_sys::HtmlInputElement) -> Result<Vec<u8>, String> {
    file_bytes(input)
        .await
        .map(|v| js_sys::Uint8Array::new(&v).to_vec())
        .map_err(reason)
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    offer(name, mime, &JsValue::from_str(text));
}

/// Offers `bytes` as a file download.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    offer(name, mime, &js_sys::Uint8Array::from(bytes));
}

fn offer(name: &str, mime: &str, part: &JsValue) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::new();
    parts.push(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
