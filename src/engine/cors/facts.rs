//! What a pasted CORS exchange shows: the preflight's asks, the CORS response headers, statuses,
//! and the browser console's own words. One pass over the lines; tolerant of `curl -v` prefixes
//! and DevTools' "Name:value" copies.

use crate::engine::core::header::split_header;
use crate::engine::core::text::{has, phrases_in};
use std::collections::HashSet;

/// The facts a CORS diagnosis needs, from anywhere in the paste.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// A preflight was shown (an OPTIONS request, or Access-Control-Request-Method).
    pub preflight: bool,
    /// Access-Control-Request-Method.
    pub request_method: Option<String>,
    /// Access-Control-Request-Headers, lower-case names.
    pub request_headers: Vec<String>,
    /// Access-Control-Allow-Origin.
    pub allow_origin: Option<String>,
    /// Access-Control-Allow-Headers, lower-case names (`*` kept).
    pub allow_headers: Option<Vec<String>>,
    /// Access-Control-Allow-Methods, upper-case (`*` kept).
    pub allow_methods: Option<Vec<String>>,
    /// Access-Control-Allow-Credentials.
    pub allow_credentials: Option<String>,
    /// Access-Control-Expose-Headers, lower-case names.
    pub expose_headers: Option<Vec<String>>,
    /// Response statuses in order.
    pub statuses: Vec<u16>,
    /// The response's Server header (which stack answered).
    pub server: Option<String>,
    /// Whether API Gateway answered (x-amzn-* headers).
    pub api_gateway: bool,
    /// The request carried cookies, or the code asked for credentials: 'include' / withCredentials.
    pub credentialed: bool,
    /// The request carried Authorization.
    pub sent_authorization: bool,
    /// Response headers that scripts tried to read and got null (`headers.get('x')` → null).
    pub unreadable: Vec<String>,
    /// Response header names seen, lower-case.
    pub response_headers: Vec<String>,
    /// What the browser console said, as recognised messages.
    pub console: Vec<Console>,
}

/// Messages Chromium and Firefox print for blocked cross-origin requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Console {
    /// No 'Access-Control-Allow-Origin' header is present / CORS header missing.
    NoAllowOrigin,
    /// The preflight's status was not 2xx.
    PreflightNotOk,
    /// Redirect is not allowed for a preflight request.
    PreflightRedirect,
    /// Request header field authorization is not allowed / missing token 'authorization'.
    AuthorizationNotAllowed,
    /// Method X is not allowed by Access-Control-Allow-Methods.
    MethodNotAllowed,
    /// Access-Control-Allow-Origin '*' with credentials mode 'include'.
    WildcardWithCredentials,
    /// Access-Control-Allow-Credentials is not 'true'.
    CredentialsNotAllowed,
}

/// (needle, message): matched case-insensitively against each line.
const CONSOLE: &[(&str, Console)] = &[
    (
        "no 'access-control-allow-origin' header",
        Console::NoAllowOrigin,
    ),
    (
        "cors header 'access-control-allow-origin' missing",
        Console::NoAllowOrigin,
    ),
    (
        "cors header ‘access-control-allow-origin’ missing",
        Console::NoAllowOrigin,
    ),
    ("does not have http ok status", Console::PreflightNotOk),
    (
        "response for preflight has invalid http status",
        Console::PreflightNotOk,
    ),
    (
        "cors preflight response did not succeed",
        Console::PreflightNotOk,
    ),
    (
        "redirect is not allowed for a preflight",
        Console::PreflightRedirect,
    ),
    (
        "field authorization is not allowed by access-control-allow-headers",
        Console::AuthorizationNotAllowed,
    ),
    (
        "missing token 'authorization'",
        Console::AuthorizationNotAllowed,
    ),
    (
        "missing token ‘authorization’",
        Console::AuthorizationNotAllowed,
    ),
    (
        "is not allowed by access-control-allow-methods",
        Console::MethodNotAllowed,
    ),
    (
        "did not find method in cors header",
        Console::MethodNotAllowed,
    ),
    (
        "must not be the wildcard '*' when the request's credentials mode is 'include'",
        Console::WildcardWithCredentials,
    ),
    (
        "credential is not supported if the cors header",
        Console::WildcardWithCredentials,
    ),
    ("does not match '*'", Console::WildcardWithCredentials),
    (
        "'access-control-allow-credentials' header in the response is",
        Console::CredentialsNotAllowed,
    ),
    (
        "expected 'true' in cors header 'access-control-allow-credentials'",
        Console::CredentialsNotAllowed,
    ),
    (
        "expected ‘true’ in cors header ‘access-control-allow-credentials’",
        Console::CredentialsNotAllowed,
    ),
];

fn list(v: &str, upper: bool) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| {
            if upper {
                s.to_ascii_uppercase()
            } else {
                s.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The status in a status line (`HTTP/1.1 401 …`) or a DevTools "Status Code:401" line.
fn status_of(line: &str) -> Option<u16> {
    let rest = line
        .strip_prefix("HTTP/")
        .and_then(|r| r.split_once(' ').map(|(_, s)| s))
        .or_else(|| line.strip_prefix("Status Code:"))?;
    rest.trim().get(..3)?.parse().ok()
}

/// Scans the paste once.
pub fn scan(text: &str) -> Facts {
    let mut f = Facts::default();
    // Names already in `unreadable` (a scan of the list per line was quadratic).
    let mut unreadable: HashSet<String> = HashSet::new();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let line = line
            .strip_prefix("> ")
            .or_else(|| line.strip_prefix("< "))
            .unwrap_or(line)
            .trim_start();
        // A curl command's -H "Name: value" is a request header like any other.
        let line = line
            .strip_prefix("-H ")
            .or_else(|| line.strip_prefix("--header "))
            .map_or(line, |h| {
                h.trim_end_matches(['\\', ' ']).trim_matches(['"', '\''])
            });
        let lower = line.to_ascii_lowercase();
        let said = phrases_in(&lower, CONSOLE);
        for (k, (_, msg)) in CONSOLE.iter().enumerate() {
            if said & (1 << k) != 0 && !f.console.contains(msg) {
                f.console.push(*msg);
            }
        }
        if has(&lower, "credentials: 'include'")
            || has(&lower, "credentials: \"include\"")
            || has(&lower, "withcredentials")
        {
            f.credentialed = true;
        }
        if let Some(name) = (has(&lower, "headers.get("))
            .then(|| lower.split("headers.get(").nth(1))
            .flatten()
            .and_then(|r| r.trim_start_matches(['\'', '"']).split(['\'', '"']).next())
        {
            if unreadable.insert(name.to_string()) {
                f.unreadable.push(name.to_string());
            }
        }
        // An access-log line or a sentence saying an OPTIONS request got 401: a failed
        // preflight, as the console would put it.
        if has(line, "OPTIONS") && (has(line, "401") || has(line, "Unauthorized")) {
            f.preflight = true;
            f.statuses.push(401);
            continue;
        }
        if let Some(code) = status_of(line) {
            f.statuses.push(code);
            continue;
        }
        // What a command printed or its author noted: "# => 401".
        if let Some(code) = lower
            .split("=> ")
            .nth(1)
            .and_then(|r| r.get(..3))
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|c| (100..600).contains(c))
        {
            f.statuses.push(code);
            continue;
        }
        if has(line, "-X OPTIONS") || has(line, "--request OPTIONS") {
            f.preflight = true;
        }
        if line.starts_with("OPTIONS ") || lower == "request method:options" {
            f.preflight = true;
            continue;
        }
        let Some(h) = split_header(line) else {
            continue;
        };
        let name = h.name.to_ascii_lowercase();
        let v = h.value.as_str();
        match name.as_str() {
            "access-control-request-method" => {
                f.preflight = true;
                f.request_method = Some(v.to_ascii_uppercase());
            }
            "access-control-request-headers" => f.request_headers = list(v, false),
            "access-control-allow-origin" => f.allow_origin = Some(v.to_string()),
            "access-control-allow-headers" => f.allow_headers = Some(list(v, false)),
            "access-control-allow-methods" => f.allow_methods = Some(list(v, true)),
            "access-control-allow-credentials" => f.allow_credentials = Some(v.to_string()),
            "access-control-expose-headers" => f.expose_headers = Some(list(v, false)),
            "server" => f.server = Some(v.to_string()),
            "cookie" => f.credentialed = true,
            "authorization" => f.sent_authorization = true,
            n if n.starts_with("x-amzn-") => f.api_gateway = true,
            _ => {}
        }
        if !name.starts_with("access-control-request") {
            f.response_headers.push(name);
        }
    }
    f
}

/// Whether the paste is about CORS at all: a preflight, CORS headers, or the console's words.
pub fn is_cors(f: &Facts) -> bool {
    f.preflight
        || !f.console.is_empty()
        || f.allow_origin.is_some()
        || f.allow_headers.is_some()
        || f.allow_methods.is_some()
        || f.expose_headers.is_some()
        || (!f.unreadable.is_empty() && !f.response_headers.is_empty())
}
