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

/// Writes a text blob (made in a worker, say) to the clipboard as plain text, without copying
/// it through the page's memory (a ClipboardItem takes the blob itself).
pub async fn copy_blob(blob: &web_sys::Blob) -> Result<(), String> {
    use wasm_bindgen::{JsCast, JsValue};
    let refused = |_| "the browser refused clipboard access".to_string();
    let window = web_sys::window().ok_or("no window")?;
    let ctor: js_sys::Function = js_sys::Reflect::get(&window, &"ClipboardItem".into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("this browser cannot copy a file's worth of text")?;
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &"text/plain".into(), blob).map_err(refused)?;
    let item = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&items)).map_err(refused)?;
    let clipboard: JsValue = window.navigator().clipboard().into();
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"write".into())
        .ok()
        .and_then(|w| w.dyn_into().ok())
        .ok_or("the browser refused clipboard access")?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &js_sys::Array::of1(&item))
        .map_err(refused)?
        .dyn_into()
        .map_err(refused)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(refused)
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
