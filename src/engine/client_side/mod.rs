//! What keeps the right credential from leaving the client as meant, read from the tool output,
//! commands, configuration and code pasted around a failure: a configured credential that is not
//! applied to the host that failed, a shell that rewrote an argument, a stored credential that
//! is stale or another account's, and what browsers cannot send at all.

mod browser;
mod code;
mod config;
mod header_name;
mod shell;
mod stored;
mod unread;
mod verifier;

use crate::engine::core::finding::Finding;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A configured credential is not applied to the request that failed.
    pub const CREDENTIAL_NOT_APPLIED: FindingId = FindingId("config.credential_not_applied");
    /// The shell expanded a `$` inside a user name, password or token argument.
    pub const DOLLAR_EXPANDED: FindingId = FindingId("shell.dollar_expanded");
    /// A stored credential (credential manager, docker login) is stale or another account's.
    pub const STORED_CREDENTIAL: FindingId = FindingId("client.stored_credential");
    /// Browser WebSocket, EventSource and SockJS cannot set request headers.
    pub const SOCKET_HEADERS: FindingId = FindingId("client.socket_headers");
    /// Server code hands the whole Authorization value, scheme word included, to a token parser.
    pub const SCHEME_PASSED_TO_PARSER: FindingId = FindingId("code.scheme_passed_to_parser");
    /// The token is base64-encoded again on its way into `Bearer …`.
    pub const TOKEN_ENCODED_AGAIN: FindingId = FindingId("code.token_encoded_again");
    /// A verifier is not told which audience to expect, and the token names one.
    pub const AUDIENCE_NOT_GIVEN: FindingId = FindingId("code.audience_not_given");
    /// The browser drops a header the script set (no-cors mode, a forbidden header name).
    pub const BROWSER_DROPS_HEADER: FindingId = FindingId("client.browser_drops_header");
}

/// The findings about the client side that the pasted text shows.
pub fn findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(config::findings(text));
    out.extend(shell::findings(text));
    out.extend(stored::findings(text));
    out.extend(browser::findings(text));
    out.extend(code::findings(text));
    out.extend(unread::findings(text));
    out.extend(header_name::findings(text));
    out.extend(verifier::findings(text));
    out.extend(verifier::audience_not_given(text));
    out
}

/// The lines of `text`, at most this many (the readers here look at a paste's commands and
/// messages, which come early; a huge log is read by the log readers).
const MAX_LINES: usize = 5_000;

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .take(MAX_LINES)
        .map(|l| l.trim_end_matches('\r'))
}

/// The hosts of the http(s) URLs written in `line`.
fn url_hosts(line: &str) -> impl Iterator<Item = String> + '_ {
    crate::engine::core::url::urls_in(line)
        .filter_map(|u| crate::engine::core::url::parse_url(u).ok())
        .map(|u| u.host)
        .filter(|h| !h.is_empty())
}

/// Whether `host` is `key` or a subdomain of it (credentials for a registry name cover it).
fn covers(key: &str, host: &str) -> bool {
    let (k, h) = (key.to_ascii_lowercase(), host.to_ascii_lowercase());
    h == k || h.ends_with(&format!(".{k}"))
}
