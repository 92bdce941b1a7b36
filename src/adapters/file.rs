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
    value
        .as_string()
        .ok_or_else(|| format!("{} did not read as text", file.name()))
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
    let url = web_sys::Url::create_object_url_with_blob(&blob)
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
