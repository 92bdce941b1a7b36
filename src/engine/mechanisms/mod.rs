//! Mechanisms read from what a paste shows around a refusal, wherever the product: a proxy's own
//! Basic credentials passed on to the application behind it, and an account whose password the
//! server and its clients no longer agree on.

mod proxy_basic;
mod stale_password;

use crate::engine::core::finding::Finding;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A proxy checks Basic credentials and passes the same header to an application that
    /// checks its own.
    pub const PROXY_BASIC_FORWARDED: FindingId = FindingId("proxy.basic_forwarded_upstream");
    /// The server holds another password for an account than its clients send.
    pub const PASSWORD_OUT_OF_SYNC: FindingId = FindingId("credential.password_out_of_sync");
}

/// The mechanisms `text` shows.
pub fn findings(text: &str) -> Vec<Finding> {
    proxy_basic::finding(text)
        .into_iter()
        .chain(stale_password::finding(text))
        .collect()
}

/// The lines read, at most.
const MAX_LINES: usize = 5_000;

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().take(MAX_LINES)
}
