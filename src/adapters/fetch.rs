//! Fetching a document the user asked for (never credentials, never on its own).

use gloo_net::http::Request;
use web_sys::{RequestCache, RequestCredentials};

pub use crate::engine::fetch::Fetched;

/// GETs `url` without cookies or cache.
pub async fn get_text(url: &str) -> Fetched {
    let req = Request::get(url)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore);
    match req.send().await {
        Ok(resp) => Fetched::Response {
            status: resp.status(),
            body: resp.text().await.unwrap_or_default(),
        },
        Err(_) => Fetched::NetworkError,
    }
}

/// This page's origin, for explanations.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
