//! Reading a dropped or chosen file as text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Largest file read into the paste box; larger ones are refused with a message.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Reads a file as UTF-8 text (invalid bytes become U+FFFD, as `Blob.text()` does).
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {:.1} MB; authlens reads files up to 64 MB.",
            file.name(),
            file.size() / 1_048_576.0
        ));
    }
    let value = JsFuture::from(file.text())
        .await
        .map_err(|e| format!("could not read {}: {e:?}", file.name()))?;
    to_rust(value)
        .await
        .ok_or_else(|| format!("{} did not read as text", file.name()))
}

/// UTF-16 units copied into Rust per task: copying tens of megabytes at once would block the
/// page for longer than a frame budget allows.
const CHUNK_UNITS: u32 = 2 * 1024 * 1024;

/// A JS string as a Rust `String`, copied a chunk per task so a large one never blocks the
/// page; `None` when `value` is not a string.
pub async fn to_rust(value: wasm_bindgen::JsValue) -> Option<String> {
    let js: js_sys::JsString = value.dyn_into().ok()?;
    let len = js.length();
    if len <= CHUNK_UNITS {
        return js.as_string();
    }
    let mut out = String::with_capacity(len as usize);
    let mut start = 0;
    while start < len {
        // Yield first: the caller runs in the task of the paste or drop, which the browser has
        // already made long (putting megabytes into a textarea and taking them out again).
        gloo_timers::future::TimeoutFuture::new(0).await;
        let mut end = (start + CHUNK_UNITS).min(len);
        // Never cut a surrogate pair in two (0xD800..0xDC00: a high surrogate).
        if end < len && (55296.0..56320.0).contains(&js.char_code_at(end - 1)) {
            end -= 1;
        }
        out.push_str(&js.slice(start, end).as_string()?);
        start = end;
    }
    Some(out)
}

/// The first file of a drop event, if any.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()?.files()?.get(0)
}

/// A file from a text, for tests and for "paste as file".
pub fn text_file(name: &str, contents: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    web_sys::File::new_with_str_sequence(&parts, name)
        .ok()?
        .dyn_into()
        .ok()
}

/// The first file chosen in an `<input type=file>`, if any.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files()?.get(0)
}

/// Saves text as a download named `name`, through a Blob URL revoked once the click is made.
pub fn download(name: &str, contents: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)
        .map_err(|_| "the browser could not make the file".to_string())?;
    download_blob(name, &blob)
}

/// Saves a blob (made in a worker, say) as a file named `name`, through a download link.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser could not make a download link".to_string())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
