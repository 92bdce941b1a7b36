//! Mechanisms read from what a paste shows around a refusal, wherever the product: a proxy's own
//! Basic credentials passed on to the application behind it, an account whose password the
//! server and its clients no longer agree on, and a key slot the service's echo shows held
//! something else.

mod echoed_value;
mod header_space;
mod proxy_basic;
mod secure_cookie;
mod signed_header;
mod stale_password;

use crate::engine::core::finding::Finding;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A proxy checks Basic credentials and passes the same header to an application that
    /// checks its own.
    pub const PROXY_BASIC_FORWARDED: FindingId = FindingId("proxy.basic_forwarded_upstream");
    /// The service's echo of the key shows another kind of value (a URL, an object id, nothing).
    pub const WRONG_VALUE_SENT: FindingId = FindingId("credential.wrong_value_sent");
    /// The service says the key it got has a space or line break in it.
    pub const WHITESPACE_IN_KEY: FindingId = FindingId("credential.whitespace_in_key");
    /// A credential header written with a space before its colon.
    pub const SPACE_BEFORE_COLON: FindingId = FindingId("header.space_before_colon");
    /// A Secure session cookie withheld because the application does not trust the proxy's
    /// forwarded scheme.
    pub const SECURE_COOKIE_BEHIND_PROXY: FindingId = FindingId("cookie.secure_behind_proxy");
    /// A signed header (Host, or one proxies rewrite) changed between signing and checking.
    pub const SIGNED_HEADER_CHANGED: FindingId = FindingId("signed.header_changed");
    /// The server holds another password for an account than its clients send.
    pub const PASSWORD_OUT_OF_SYNC: FindingId = FindingId("credential.password_out_of_sync");
}

/// The mechanisms `text` shows.
pub fn findings(text: &str) -> Vec<Finding> {
    proxy_basic::finding(text)
        .into_iter()
        .chain(stale_password::finding(text))
        .chain(echoed_value::finding(text))
        .chain(header_space::finding(text))
        .chain(secure_cookie::finding(text))
        .chain(signed_header::finding(text))
        .collect()
}

/// The lines read, at most.
const MAX_LINES: usize = 5_000;

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().take(MAX_LINES)
}
