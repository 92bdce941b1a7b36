//! A pasted CORS exchange (a preflight and its answer, response headers, the browser console's
//! message): which CORS rule blocked the request, decided from the facts (`facts.rs`, `decide`)
//! and then explained with the header or setting to change (`explain.rs`).

pub mod explain;
pub mod facts;

use crate::engine::core::finding::{Finding, Report};
use facts::{Console, Facts};
use std::collections::HashSet;

pub use explain::ids;

/// Why the browser blocked a cross-origin call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The preflight was answered 401/403: authentication runs before CORS, and a preflight
    /// never carries credentials.
    PreflightNeedsAuth(u16),
    /// The preflight was redirected; browsers do not follow redirects for preflights.
    PreflightRedirect,
    /// Access-Control-Allow-Headers does not list authorization (`*` does not cover it).
    AuthorizationNotAllowed {
        /// The list was `*`.
        wildcard: bool,
    },
    /// The method is not in Access-Control-Allow-Methods.
    MethodNotAllowed(String),
    /// `Access-Control-Allow-Origin: *` on a credentialed request.
    WildcardWithCredentials,
    /// A credentialed request without `Access-Control-Allow-Credentials: true`.
    CredentialsNotAllowed,
    /// A real 401/403 whose response lacks Access-Control-Allow-Origin: CORS hides the auth error.
    ErrorWithoutCors(u16),
    /// No Access-Control-Allow-Origin, with nothing more specific shown.
    NoAllowOrigin,
    /// A response header scripts tried to read is not in Access-Control-Expose-Headers.
    HeaderNotExposed(String),
}

/// Headers scripts may always read (CORS-safelisted response headers).
const SAFELISTED: &[&str] = &[
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

/// The causes the facts show, most fundamental first. Pure: tested pattern by pattern.
pub fn decide(f: &Facts) -> Vec<Cause> {
    let mut out = Vec::new();
    let has = |c: Console| f.console.contains(&c);
    let first_status = f.statuses.first().copied();
    let auth_status = f
        .statuses
        .iter()
        .copied()
        .find(|s| matches!(s, 401 | 403 | 407));
    if f.preflight {
        match first_status {
            Some(s @ (401 | 403 | 407)) => out.push(Cause::PreflightNeedsAuth(s)),
            Some(300..=399) => out.push(Cause::PreflightRedirect),
            None if has(Console::PreflightNotOk) => out.push(Cause::PreflightNeedsAuth(401)),
            _ => {}
        }
    } else if has(Console::PreflightNotOk) {
        if let Some(s) = auth_status {
            out.push(Cause::PreflightNeedsAuth(s));
        }
    }
    if has(Console::PreflightRedirect) && !out.contains(&Cause::PreflightRedirect) {
        out.push(Cause::PreflightRedirect);
    }
    let asks_auth = f.request_headers.iter().any(|h| h == "authorization") || f.sent_authorization;
    match &f.allow_headers {
        Some(list) if asks_auth && !list.iter().any(|h| h == "authorization") => {
            out.push(Cause::AuthorizationNotAllowed {
                wildcard: list.iter().any(|h| h == "*"),
            })
        }
        _ if has(Console::AuthorizationNotAllowed) => {
            out.push(Cause::AuthorizationNotAllowed { wildcard: false })
        }
        _ => {}
    }
    let method_blocked = match (&f.request_method, &f.allow_methods) {
        (Some(m), Some(list)) => {
            let safelisted = matches!(m.as_str(), "GET" | "HEAD" | "POST");
            let wildcard = list.iter().any(|x| x == "*") && !f.credentialed;
            (!safelisted && !wildcard && !list.contains(m)).then(|| m.clone())
        }
        _ => None,
    };
    if let Some(m) = method_blocked {
        out.push(Cause::MethodNotAllowed(m));
    } else if has(Console::MethodNotAllowed) {
        out.push(Cause::MethodNotAllowed(String::new()));
    }
    let wildcard_origin = f.allow_origin.as_deref().map(str::trim) == Some("*");
    if has(Console::WildcardWithCredentials) || (wildcard_origin && f.credentialed) {
        out.push(Cause::WildcardWithCredentials);
    } else if has(Console::CredentialsNotAllowed)
        || (f.credentialed
            && f.allow_origin.is_some()
            && f.allow_credentials.as_deref().map(str::trim) != Some("true"))
    {
        out.push(Cause::CredentialsNotAllowed);
    }
    if out.is_empty() && f.allow_origin.is_none() {
        if let (Some(s), false) = (auth_status, f.preflight) {
            if has(Console::NoAllowOrigin) {
                out.push(Cause::ErrorWithoutCors(s));
            }
        } else if has(Console::NoAllowOrigin) {
            out.push(Cause::NoAllowOrigin);
        }
    }
    // A set, not a scan of the exposed list per unreadable header (quadratic on long lists).
    let exposed: HashSet<&str> = f
        .expose_headers
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    for name in &f.unreadable {
        let exposed = exposed.contains(name.as_str()) || exposed.contains("*");
        if !exposed && !SAFELISTED.contains(&name.as_str()) {
            out.push(Cause::HeaderNotExposed(name.clone()));
        }
    }
    out
}

/// The findings for a paste, when it is about CORS.
pub fn findings(text: &str) -> Vec<Finding> {
    findings_from(&facts::scan(text))
}

/// The findings for facts already scanned, when they are about CORS.
pub fn findings_from(f: &Facts) -> Vec<Finding> {
    if !facts::is_cors(f) {
        return Vec::new();
    }
    // Through a report, so that thousands of one cause (headers not exposed) are counted.
    let mut r = Report::default();
    for c in decide(f) {
        r.push(explain::finding(&c, f));
    }
    r.findings
}

#[cfg(test)]
mod tests;
