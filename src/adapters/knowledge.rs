//! Fetches the vendors' messages (the engine's knowledge base) from this build's own files, the
//! first time a paste needs them. The file's name is in index.html's
//! `<meta name="authlens-knowledge">`; the service worker has it cached for offline use.

use crate::engine::knowledge;
use gloo_net::http::Request;
use web_sys::RequestCredentials;

/// Fetches and installs the base; answers how many entries it holds, or why it could not.
pub async fn load() -> Result<usize, String> {
    if let Some(b) = knowledge::base() {
        return Ok(b.entries().len());
    }
    let name = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=authlens-knowledge]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .filter(|n| !n.is_empty())
        .ok_or("this build names no knowledge base")?;
    // Relative to the page, so any sub-path works; same origin, never with cookies.
    let resp = Request::get(&name)
        .credentials(RequestCredentials::Omit)
        .send()
        .await
        .map_err(|e| format!("the knowledge base did not load: {e}"))?;
    if !resp.ok() {
        return Err(format!("the knowledge base answered {}", resp.status()));
    }
    let text = resp.text().await.map_err(|e| e.to_string())?;
    knowledge::install(text).map_err(|e| e.to_string())
}

/// The installed base's packed text, handed to a worker with its job.
pub fn packed() -> Option<&'static str> {
    knowledge::base().map(|b| b.packed())
}
