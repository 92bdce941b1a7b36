//! Copying text to the clipboard, and reading what a paste carries.

use wasm_bindgen_futures::JsFuture;

/// Writes text to the clipboard; fails when the page has no clipboard permission.
pub async fn copy(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser refused clipboard access".to_string())
}

/// The plain text a `paste` event carries, as a JS string (not yet copied into Rust, so its
/// length can be checked first); `None` when the event has none.
pub fn pasted_text(ev: &web_sys::Event) -> Option<js_sys::JsString> {
    use wasm_bindgen::JsCast;
    let data = js_sys::Reflect::get(ev, &"clipboardData".into()).ok()?;
    let get: js_sys::Function = js_sys::Reflect::get(&data, &"getData".into())
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(&data, &"text/plain".into()).ok()?.dyn_into().ok()
}
