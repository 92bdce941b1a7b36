//! A copy of a HAR that is safe to share: credentials, cookies, tokens in URLs and bodies, and
//! password fields are masked; structure, statuses, challenges and the header and claims of
//! JWTs (their signature removed) are kept, so the diagnosis still works on the copy. Pure.

use crate::engine::core::b64;
use crate::engine::core::token_format::identify;
use crate::engine::jwt::looks_like_jwt;
use serde_json::{Map, Value};

/// What replaces a secret.
pub const MASK: &str = "REDACTED";

/// Query, form and JSON field names whose values are secrets.
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "code",
    "token",
    "client_secret",
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "api_key",
    "apikey",
    "key",
    "code_verifier",
    "assertion",
    "client_assertion",
    "session",
    "sessionid",
    "sig",
    "signature",
    "otp",
    "pin",
];

/// Headers whose whole value is a credential (the scheme of Authorization is kept).
const SECRET_HEADERS: &[&str] = &[
    "x-api-key",
    "api-key",
    "private-token",
    "x-auth-token",
    "x-access-token",
    "ocp-apim-subscription-key",
    "x-vault-token",
    "x-csrf-token",
    "x-xsrf-token",
];

/// The redacted file and what was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    /// The HAR, pretty-printed.
    pub text: String,
    /// What was masked, e.g. "3 Authorization values"; empty when nothing was.
    pub removed: Vec<String>,
}

#[derive(Default)]
struct Counts {
    authorization: usize,
    cookies: usize,
    set_cookies: usize,
    headers: usize,
    url_tokens: usize,
    body_tokens: usize,
    passwords: usize,
    signatures: usize,
}

/// Redacts a HAR; fails only when the text is not JSON.
pub fn redact(text: &str) -> Result<Redacted, String> {
    let mut v: Value =
        serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| e.to_string())?;
    let mut c = Counts::default();
    if let Some(entries) = v.pointer_mut("/log/entries").and_then(Value::as_array_mut) {
        for e in entries {
            entry(e, &mut c);
        }
    }
    let removed = [
        (c.authorization, "Authorization / Proxy-Authorization value"),
        (c.cookies, "Cookie header"),
        (c.set_cookies, "Set-Cookie value"),
        (c.headers, "API key or token header"),
        (c.url_tokens, "token in a URL"),
        (c.body_tokens, "token in a body"),
        (c.passwords, "password or secret field"),
        (c.signatures, "JWT signature (header and claims kept)"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} × {what}"))
    .collect();
    let text = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
    Ok(Redacted { text, removed })
}

fn entry(e: &mut Value, c: &mut Counts) {
    if let Some(req) = e.get_mut("request") {
        if let Some(u) = req.get_mut("url") {
            redact_url_value(u, c);
        }
        headers(req.get_mut("headers"), c);
        cookie_list(req.get_mut("cookies"));
        name_values(req.get_mut("queryString"), c, true);
        if let Some(pd) = req.get_mut("postData") {
            let form = pd
                .get("mimeType")
                .and_then(Value::as_str)
                .is_some_and(|m| m.contains("x-www-form-urlencoded"));
            name_values(pd.get_mut("params"), c, false);
            if let Some(Value::String(t)) = pd.get_mut("text") {
                *t = if form {
                    form_body(t, c, false)
                } else {
                    body(t, c)
                };
            }
        }
    }
    if let Some(resp) = e.get_mut("response") {
        headers(resp.get_mut("headers"), c);
        cookie_list(resp.get_mut("cookies"));
        if let Some(u) = resp.get_mut("redirectURL") {
            redact_url_value(u, c);
        }
        if let Some(content) = resp.get_mut("content") {
            let base64 = content.get("encoding").and_then(Value::as_str) == Some("base64");
            if let Some(Value::String(t)) = content.get_mut("text") {
                if base64 {
                    // Decode, redact and re-encode text bodies; binary ones cannot hold a token
                    // authlens would recognise and are kept as they are.
                    if let Ok(Ok(s)) = b64::decode(t).map(|d| String::from_utf8(d.bytes)) {
                        *t = b64::encode(body(&s, c).as_bytes());
                    }
                } else {
                    *t = body(t, c);
                }
            }
        }
    }
}

fn redact_url_value(u: &mut Value, c: &mut Counts) {
    if let Value::String(s) = u {
        *s = url(s, c);
    }
}

fn headers(list: Option<&mut Value>, c: &mut Counts) {
    let Some(Value::Array(list)) = list else {
        return;
    };
    for h in list {
        let name = h
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(Value::String(v)) = h.get_mut("value") else {
            continue;
        };
        *v = match name.as_str() {
            "authorization" | "proxy-authorization" => {
                c.authorization += 1;
                credential(v, c)
            }
            "cookie" => {
                c.cookies += 1;
                cookie_header(v)
            }
            "set-cookie" => {
                c.set_cookies += 1;
                v.lines().map(set_cookie).collect::<Vec<_>>().join("\n")
            }
            "location" | "referer" | "content-location" | ":path" => url(v, c),
            n if SECRET_HEADERS.contains(&n) => {
                c.headers += 1;
                MASK.to_string()
            }
            _ => tokens(v, &mut c.body_tokens, &mut c.signatures),
        };
    }
}

/// `Scheme credentials` → the scheme kept; a JWT keeps its header and claims.
fn credential(v: &str, c: &mut Counts) -> String {
    let v = v.trim();
    match v.split_once(' ') {
        Some((scheme, rest)) if looks_like_jwt(rest.trim()) => {
            c.signatures += 1;
            format!("{scheme} {}", unsigned(rest.trim()))
        }
        Some((scheme, _)) => format!("{scheme} {MASK}"),
        None => MASK.to_string(),
    }
}

/// A JWS without its signature (`header.payload.`): still decodes, cannot be replayed.
fn unsigned(jwt: &str) -> String {
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() == 3 {
        format!("{}.{}.", parts[0], parts[1])
    } else {
        // A JWE's parts are all secret or opaque: keep the protected header only.
        format!("{}.{MASK}", parts[0])
    }
}

fn cookie_header(v: &str) -> String {
    v.split(';')
        .map(|p| match p.split_once('=') {
            Some((n, _)) => format!("{}={MASK}", n.trim()),
            None => p.trim().to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `name=value; attrs` → the value masked, the attributes kept (cookie diagnoses read them).
fn set_cookie(line: &str) -> String {
    let (first, attrs) = line.split_once(';').map_or((line, ""), |(a, b)| (a, b));
    let name = first.split_once('=').map_or(first, |(n, _)| n).trim();
    if attrs.is_empty() {
        format!("{name}={MASK}")
    } else {
        format!("{name}={MASK};{attrs}")
    }
}

/// HAR's parsed `cookies` lists; counted with the Cookie and Set-Cookie headers they repeat.
fn cookie_list(list: Option<&mut Value>) {
    let Some(Value::Array(list)) = list else {
        return;
    };
    for ck in list {
        if let Some(v @ Value::String(_)) = ck.get_mut("value") {
            *v = Value::String(MASK.into());
        }
    }
}

/// `[{name, value}]` query or form parameters.
fn name_values(list: Option<&mut Value>, c: &mut Counts, in_url: bool) {
    let Some(Value::Array(list)) = list else {
        return;
    };
    for p in list {
        let name = p
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(Value::String(v)) = p.get_mut("value") else {
            continue;
        };
        *v = param(&name, v, c, in_url);
    }
}

fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&n.as_str())
        || n.contains("password")
        || n.ends_with("_token")
        || n.ends_with("secret")
}

fn param(name: &str, v: &str, c: &mut Counts, in_url: bool) -> String {
    if v.is_empty() || v == MASK {
        return v.to_string();
    }
    if looks_like_jwt(v) {
        c.signatures += 1;
        return unsigned(v);
    }
    if is_secret_name(name) {
        if in_url {
            c.url_tokens += 1;
        } else {
            c.passwords += 1;
        }
        return MASK.to_string();
    }
    if in_url {
        tokens(v, &mut c.url_tokens, &mut c.signatures)
    } else {
        tokens(v, &mut c.body_tokens, &mut c.signatures)
    }
}

/// A URL with secret query and fragment parameters masked.
fn url(u: &str, c: &mut Counts) -> String {
    let (base, frag) = u.split_once('#').map_or((u, None), |(a, b)| (a, Some(b)));
    let (path, query) = base
        .split_once('?')
        .map_or((base, None), |(a, b)| (a, Some(b)));
    let mut out = tokens(path, &mut c.url_tokens, &mut c.signatures);
    if let Some(q) = query {
        out.push('?');
        out.push_str(&form_body(q, c, true));
    }
    if let Some(f) = frag {
        out.push('#');
        out.push_str(&form_body(f, c, true));
    }
    out
}

/// `a=1&b=2` with secret values masked.
fn form_body(q: &str, c: &mut Counts, in_url: bool) -> String {
    q.split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => format!("{k}={}", param(k, v, c, in_url)),
            None => kv.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A body: JSON with secret fields masked, else free text with tokens masked.
fn body(t: &str, c: &mut Counts) -> String {
    let trimmed = t.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(mut v) = serde_json::from_str::<Value>(t) {
            json(&mut v, None, c, 0);
            return serde_json::to_string(&v).unwrap_or_default();
        }
    }
    if !t.contains(' ') && !t.contains('\n') && t.contains('=') && !t.contains('<') {
        return form_body(t, c, false);
    }
    tokens(t, &mut c.body_tokens, &mut c.signatures)
}

fn json(v: &mut Value, key: Option<&str>, c: &mut Counts, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(m) => object(m, c, depth),
        Value::Array(a) => a.iter_mut().for_each(|x| json(x, key, c, depth + 1)),
        Value::String(s) => {
            *s = match key {
                Some(k) if is_secret_name(k) && !looks_like_jwt(s) && !s.is_empty() => {
                    c.body_tokens += 1;
                    MASK.to_string()
                }
                _ => tokens(s, &mut c.body_tokens, &mut c.signatures),
            }
        }
        _ => {}
    }
}

fn object(m: &mut Map<String, Value>, c: &mut Counts, depth: usize) {
    for (k, v) in m.iter_mut() {
        json(v, Some(k), c, depth + 1);
    }
}

/// Free text with JWT signatures removed and recognised token formats masked (the prefix kept,
/// so it still says what the token was).
pub fn tokens(t: &str, count: &mut usize, signatures: &mut usize) -> String {
    let mut out = String::with_capacity(t.len());
    let mut run_start = None;
    let is_tok = |ch: char| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_');
    let mut flush = |out: &mut String, run: &str| {
        if looks_like_jwt(run) {
            *signatures += 1;
            out.push_str(&unsigned(run));
        } else if let Some(f) = identify(run) {
            *count += 1;
            out.push_str(f.prefix);
            out.push_str(MASK);
        } else {
            out.push_str(run);
        }
    };
    for (i, ch) in t.char_indices() {
        if is_tok(ch) {
            run_start.get_or_insert(i);
        } else {
            if let Some(s) = run_start.take() {
                flush(&mut out, t.get(s..i).unwrap_or_default());
            }
            out.push(ch);
        }
    }
    if let Some(s) = run_start {
        flush(&mut out, t.get(s..).unwrap_or_default());
    }
    out
}
