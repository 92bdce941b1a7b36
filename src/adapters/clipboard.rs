//! Copying text to the clipboard.

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
