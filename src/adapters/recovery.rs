//! The text a reset page kept: `static/recover.js` remounts the app when its wasm module traps,
//! and hands over what the box held in a global (memory only, never stored).

use wasm_bindgen::JsValue;

const KEY: &str = "authlensRecovered";

/// The box's text from before a reset, taken once; `None` on a normal start.
pub fn take_text() -> Option<String> {
    let global = js_sys::global();
    let key = JsValue::from_str(KEY);
    let text = js_sys::Reflect::get(&global, &key).ok()?.as_string()?;
    let _ = js_sys::Reflect::delete_property(&global, &key);
    Some(text)
}

/// Whether a worker's error is its wasm module trapping (an engine panic), rather than the
/// worker failing to start.
pub fn is_trap(message: &str) -> bool {
    message.contains("RuntimeError")
}
