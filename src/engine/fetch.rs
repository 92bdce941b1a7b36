//! What a failed browser fetch can mean: the page sees only "TypeError", so say why.

use super::core::finding::{Finding, SpecRef};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Could not fetch the {what}"
    pub const FAILED: FindingId = FindingId("fetch.failed");
    /// "The {what} answered HTTP {status}"
    pub const HTTP_STATUS: FindingId = FindingId("fetch.http_status");
}

/// The outcome of a GET the user started from the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A response arrived: status and body text.
    Response {
        /// HTTP status.
        status: u16,
        /// Body text.
        body: String,
    },
    /// `fetch()` rejected: CORS, DNS, TLS, refused or mixed content (the page cannot tell which).
    NetworkError,
}

/// Explains a fetch that rejected (network error) from `page_origin` to `url`.
pub fn failure(url: &str, page_origin: &str, what: &str) -> Finding {
    let https_page = page_origin.starts_with("https://");
    let cause = if https_page && super::core::url::is_insecure_remote(url) {
        "The page is https and the URL is http: the browser blocks it as mixed content before any request is made."
    } else {
        "The browser hides the reason from the page. Most often the server did not send Access-Control-Allow-Origin for this page's origin (CORS), so the response was received but withheld; otherwise the host is unreachable, the name does not resolve, or the TLS certificate is not trusted."
    };
    Finding::error(ids::FAILED,
        format!("Could not fetch the {what}"),
        format!("{cause} DevTools → Console names the exact reason."),
    )
    .fix(format!(
        "Open {url} in a new tab: if it loads there, it is CORS. The server must send Access-Control-Allow-Origin: {page_origin} (or *) on that response. Or copy the document and paste it here."
    ))
    .spec(SpecRef::new("Fetch: CORS protocol", "https://fetch.spec.whatwg.org/#http-cors-protocol"))
}

/// Explains a fetch that completed with a non-2xx status.
pub fn bad_status(url: &str, status: u16, what: &str) -> Finding {
    Finding::error(
        ids::HTTP_STATUS,
        format!("The {what} answered HTTP {status}"),
        format!("{url} did not return the document (status {status})."),
    )
    .fix("Check the URL; a 401/403 here means the document itself is protected.")
}
