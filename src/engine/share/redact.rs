//! Redaction for sharing: secrets in pasted text are replaced in place by placeholders of the
//! same length, case and punctuation, so the redacted text is still read the same way (same
//! kind, same causes) while nothing in it can be used.

use crate::engine::core::{b64, token_format};
use crate::engine::credential::api_key::CREDENTIAL_HEADERS;
use crate::engine::signed::keys::PARAMS;

use super::keep;
use super::mask::{mask, mask_bytes, Style};
use super::scan::{
    header_names, header_values, is_name_byte, is_token68_byte, skip_spaces, token68, word_end,
};
use crate::engine::core::order;

/// One kind of secret that was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Redaction {
    /// A JWT's signature (or a JWE's authentication tag).
    JwtSignature,
    /// The password (and a token used as user name) of Basic credentials or `curl -u`.
    BasicPassword,
    /// A Digest `response`.
    DigestResponse,
    /// An AWS or OAuth 1.0 signature in `Authorization`.
    Signature,
    /// An opaque token or API key (a recognised prefix is kept).
    Token,
    /// Cookie values.
    Cookie,
    /// A signature, key or token in a URL's query or fragment.
    QuerySecret,
}

impl Redaction {
    /// Every kind, in the order they are listed.
    pub const ALL: [Redaction; 7] = [
        Redaction::JwtSignature,
        Redaction::BasicPassword,
        Redaction::DigestResponse,
        Redaction::Signature,
        Redaction::Token,
        Redaction::Cookie,
        Redaction::QuerySecret,
    ];

    /// Stable identifier, used in share links.
    pub fn id(self) -> &'static str {
        match self {
            Redaction::JwtSignature => "jwt-signature",
            Redaction::BasicPassword => "basic-password",
            Redaction::DigestResponse => "digest-response",
            Redaction::Signature => "signature",
            Redaction::Token => "token",
            Redaction::Cookie => "cookie",
            Redaction::QuerySecret => "query-secret",
        }
    }

    /// The kind for an identifier from [`Redaction::id`].
    pub fn from_id(id: &str) -> Option<Redaction> {
        Redaction::ALL.into_iter().find(|r| r.id() == id)
    }

    /// What was done, in words.
    pub fn label(self) -> &'static str {
        match self {
            Redaction::JwtSignature => "JWT signatures replaced by a placeholder",
            Redaction::BasicPassword => "Basic passwords masked",
            Redaction::DigestResponse => "Digest responses masked",
            Redaction::Signature => "request signatures masked",
            Redaction::Token => "tokens and API keys masked (known prefixes kept)",
            Redaction::Cookie => "cookie values masked",
            Redaction::QuerySecret => "keys, tokens and signatures in URLs masked",
        }
    }
}

/// Text with its secrets replaced, and what kinds were replaced (sorted, each once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    /// The redacted text: the same length in bytes as the original.
    pub text: String,
    /// What was replaced.
    pub redactions: Vec<Redaction>,
}

/// Replaces the secrets in `text`. Linear in the input; never fails.
pub fn redact(text: &str) -> Redacted {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    for line in text.split_inclusive('\n') {
        let mut line = line.to_string();
        redact_line(&mut line, &mut found);
        out.push_str(&line);
    }
    order::sort(&mut found);
    found.dedup();
    Redacted {
        text: keep::rebind_dpop_ath(text, out),
        redactions: found,
    }
}

/// Query and fragment parameters whose values are secrets, besides the key parameters the
/// signed-URL analysis knows.
const SECRET_PARAMS: &[&str] = &[
    "x-amz-signature",
    "x-amz-security-token",
    "x-goog-signature",
    "signature",
    "sig",
    "access_token",
    "id_token",
    "refresh_token",
    "client_secret",
    "password",
    "token",
    "api_key",
    "apikey",
];

fn redact_line(line: &mut String, found: &mut Vec<Redaction>) {
    let lower = line.to_ascii_lowercase();
    // Every `name:` on the line, found in one pass (not one search per header name).
    let heads = header_names(&lower);
    // A parameter credential's values are masked to the end of the line, so a second one on
    // the same line (a curl with many Digest headers) needs no scan of its own.
    let mut scanned = Vec::new();
    for &(name, colon) in &heads {
        if lower
            .get(name..colon)
            .unwrap_or_default()
            .ends_with("authorization")
        {
            let start = skip_spaces(&lower, colon + 1);
            credential(line, start, &mut scanned, found);
        }
    }
    if let Some(start) = bare_credential(&lower) {
        credential(line, start, &mut scanned, found);
    }
    for (name, _) in CREDENTIAL_HEADERS {
        for start in header_values(&lower, &heads, name) {
            let end = word_end(line, start, |b| {
                !b.is_ascii_whitespace() && b != b'\'' && b != b'"'
            });
            if end > start {
                mask_token(line, start..end, found, Redaction::Token);
            }
        }
    }
    if let Some(start) = header_values(&lower, &heads, "set-cookie").next() {
        cookies(line, start, true, found);
    } else if let Some(start) = header_values(&lower, &heads, "cookie").next() {
        cookies(line, start, false, found);
    }
    if lower.contains('-') {
        curl_user(line, &lower, found);
    }
    words(line, found);
}

/// A line that is a bare credential (`Basic …`, `Bearer …`), possibly quoted or indented.
fn bare_credential(lower: &str) -> Option<usize> {
    let start = lower.len() - lower.trim_start_matches([' ', '\t', '\'', '"']).len();
    let rest = lower.get(start..).unwrap_or_default();
    let scheme = rest.split([' ', '\t']).next()?;
    let known = [
        "basic",
        "bearer",
        "digest",
        "token",
        "dpop",
        "negotiate",
        "ntlm",
        "aws4-hmac-sha256",
        "oauth",
    ];
    // Parameter schemes may run on; the others are one token, or the line is prose.
    let params = matches!(scheme, "digest" | "aws4-hmac-sha256" | "oauth");
    let words = rest
        .trim_end_matches([' ', '\t', '\r', '\n', '\'', '"'])
        .split_whitespace();
    (known.contains(&scheme) && (params || words.count() == 2)).then_some(start)
}

/// Masks the secret part of the credential (`scheme value`) starting at `start`.
fn credential(
    line: &mut String,
    start: usize,
    scanned: &mut Vec<(&'static str, usize)>,
    found: &mut Vec<Redaction>,
) {
    let scheme_end = word_end(line, start, |b| is_name_byte(b) || b == b'.');
    let scheme = line
        .get(start..scheme_end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut value = skip_spaces(line, scheme_end);
    if value == scheme_end && scheme_end < line.len() {
        return;
    }
    // `Bearer Bearer <token>`: the secret is after the repeated scheme.
    let again = word_end(line, value, |b| is_name_byte(b) || b == b'.');
    if again > value
        && line
            .get(value..again)
            .unwrap_or_default()
            .eq_ignore_ascii_case(&scheme)
    {
        value = skip_spaces(line, again);
    }
    match scheme.as_str() {
        "basic" => {
            if let Some(r) = token68(line, value) {
                basic(line, r, found);
            }
        }
        "digest" => param_values(
            line,
            value,
            scanned,
            "response",
            Style::Hex,
            found,
            Redaction::DigestResponse,
        ),
        "aws4-hmac-sha256" => param_values(
            line,
            value,
            scanned,
            "signature",
            Style::Hex,
            found,
            Redaction::Signature,
        ),
        "oauth" => param_values(
            line,
            value,
            scanned,
            "oauth_signature",
            Style::Alnum,
            found,
            Redaction::Signature,
        ),
        "ntlm" | "negotiate" => {
            // NTLM negotiate and challenge messages hold no secret and are what the diagnosis reads.
            if let Some(r) = token68(line, value) {
                let v = line.get(r.clone()).unwrap_or_default();
                if !(v.starts_with("TlRMTVNTUAAB") || v.starts_with("TlRMTVNTUAAC")) {
                    mask_token(line, r, found, Redaction::Token);
                }
            }
        }
        _ => {
            if let Some(r) = token68(line, value) {
                mask_token(line, r, found, Redaction::Token);
            }
        }
    }
}

/// Masks Basic's password (and a user name that is a recognised token), keeping the encoding.
fn basic(line: &mut String, r: std::ops::Range<usize>, found: &mut Vec<Redaction>) {
    let Ok(decoded) = b64::decode(line.get(r.clone()).unwrap_or_default()) else {
        mask(line, r, Style::Alnum);
        found.push(Redaction::Token);
        return;
    };
    let bytes = decoded.bytes;
    let mut masked = bytes.clone();
    let what = match bytes.iter().position(|&b| b == b':') {
        Some(colon) => {
            let user = String::from_utf8_lossy(&bytes[..colon]);
            let user_keep = token_format::identify(&user).map(|f| f.prefix.len());
            if let Some(keep) = user_keep {
                mask_bytes(&mut masked[keep.min(colon)..colon]);
            }
            let pass = String::from_utf8_lossy(&bytes[colon + 1..]);
            let pass_keep = token_format::identify(&pass).map_or(0, |f| f.prefix.len());
            let pass_start = (colon + 1 + pass_keep).min(masked.len());
            mask_bytes(&mut masked[pass_start..]);
            Redaction::BasicPassword
        }
        // No colon: the whole value is the secret. Masked as text it still decodes to text
        // without a colon, so the shared report says what the original did.
        None if std::str::from_utf8(&bytes).is_ok() => {
            let keep = token_format::identify(&String::from_utf8_lossy(&bytes))
                .map_or(0, |f| f.prefix.len());
            mask_bytes(&mut masked[keep.min(bytes.len())..]);
            Redaction::Token
        }
        None => {
            mask(line, r, Style::Alnum);
            found.push(Redaction::Token);
            return;
        }
    };
    if masked == bytes {
        return;
    }
    let mut enc = match decoded.alphabet {
        b64::Alphabet::UrlSafe => b64::encode_url(&masked),
        _ => b64::encode(&masked),
    };
    if !decoded.padded {
        enc.truncate(enc.trim_end_matches('=').len());
    } else if !enc.ends_with('=') && line.get(r.clone()).unwrap_or_default().ends_with('=') {
        enc.clear();
    }
    if enc.len() == r.len() {
        line.replace_range(r, &enc);
    } else {
        mask(line, r, Style::Alnum);
    }
    found.push(what);
}

/// Masks the value of each `name=` auth-param after `from`, unless a scan for `name` from
/// further left on this line (listed in `scanned`) has already done so.
fn param_values(
    line: &mut String,
    from: usize,
    scanned: &mut Vec<(&'static str, usize)>,
    name: &'static str,
    style: Style,
    found: &mut Vec<Redaction>,
    what: Redaction,
) {
    if scanned.iter().any(|&(n, at)| n == name && at <= from) {
        return;
    }
    scanned.push((name, from));
    let lower = line.to_ascii_lowercase();
    let needle = format!("{name}=");
    let starts: Vec<usize> = lower
        .get(from..)
        .unwrap_or_default()
        .match_indices(&needle)
        .map(|(i, _)| from + i)
        .filter(|&i| i == from || !is_name_byte(lower.as_bytes()[i - 1]))
        .collect();
    for i in starts {
        let mut start = i + needle.len();
        if line.as_bytes().get(start) == Some(&b'"') {
            start += 1;
        }
        let end = word_end(line, start, |b| {
            !matches!(b, b'"' | b',' | b'\'' | b'&') && !b.is_ascii_whitespace()
        });
        if end > start {
            mask(line, start..end, style);
            found.push(what);
        }
    }
}

/// Masks cookie values: every pair of a `Cookie` header, the first of a `Set-Cookie`.
fn cookies(line: &mut String, start: usize, first_only: bool, found: &mut Vec<Redaction>) {
    let mut i = start;
    loop {
        let Some(eq) = line.get(i..).unwrap_or_default().find('=').map(|e| i + e) else {
            return;
        };
        if line.get(i..eq).unwrap_or_default().contains(['\'', '"']) {
            return;
        }
        let end = word_end(line, eq + 1, |b| {
            !matches!(b, b';' | b'\'' | b'"' | b'\r' | b'\n')
        });
        if end > eq + 1 {
            mask(line, eq + 1..end, Style::Alnum);
            found.push(Redaction::Cookie);
        }
        if first_only || line.as_bytes().get(end) != Some(&b';') {
            return;
        }
        i = skip_spaces(line, end + 1);
    }
}

/// Masks the password of `curl -u user:password` / `--user user:password`.
fn curl_user(line: &mut String, lower: &str, found: &mut Vec<Redaction>) {
    let mut starts = Vec::new();
    for flag in [" -u", " --user", " --proxy-user"] {
        for (i, _) in lower.match_indices(flag) {
            let after = i + flag.len();
            match lower.as_bytes().get(after) {
                Some(b' ') | Some(b'=') => starts.push(skip_spaces(lower, after + 1)),
                Some(b'\'') | Some(b'"') => starts.push(after),
                _ => {}
            }
        }
    }
    for start in starts {
        let (quote, start) = match line.as_bytes().get(start) {
            Some(&q @ (b'\'' | b'"')) => (Some(q), start + 1),
            _ => (None, start),
        };
        let end = word_end(line, start, |b| match quote {
            Some(q) => b != q,
            None => !b.is_ascii_whitespace(),
        });
        if let Some(colon) = line
            .get(start..end)
            .unwrap_or_default()
            .find(':')
            .map(|c| start + c)
        {
            if end > colon + 1 {
                let pass = line.get(colon + 1..end).unwrap_or_default().to_string();
                let keep = token_format::identify(&pass).map_or(0, |f| f.prefix.len());
                mask(line, colon + 1 + keep..end, Style::Alnum);
                found.push(Redaction::BasicPassword);
            }
        }
    }
}

/// Every word of the line: JWTs, recognised tokens and secret URL parameters.
fn words(line: &mut String, found: &mut Vec<Redaction>) {
    let mut i = 0;
    while i < line.len() {
        let b = line.as_bytes()[i];
        if !(is_token68_byte(b) || b == b'%') {
            i += 1;
            continue;
        }
        let end = word_end(line, i, |b| is_token68_byte(b) || b == b'%');
        let word = line.get(i..end).unwrap_or_default();
        let before = i.checked_sub(1).map(|p| line.as_bytes()[p]);
        let param = line.as_bytes().get(end) == Some(&b'=')
            && matches!(
                before,
                None | Some(b'?' | b'&' | b'#' | b';' | b' ' | b'\'' | b'"')
            )
            && is_secret_param(word);
        if param {
            let v = end + 1;
            let v_end = word_end(line, v, |b| {
                !matches!(b, b'&' | b'#' | b'\'' | b'"' | b'<' | b'>') && !b.is_ascii_whitespace()
            });
            // `token=$VAR` or `token=$(cmd …)` in a script holds no secret, only where one comes from.
            if v_end > v && line.as_bytes()[v] != b'$' {
                mask_token(line, v..v_end, found, Redaction::QuerySecret);
            }
            i = v_end.max(end + 1);
            continue;
        }
        if is_jwt(word) || token_format::identify(word).is_some() {
            mask_token(line, i..end, found, Redaction::Token);
        }
        i = end;
    }
}

fn is_secret_param(word: &str) -> bool {
    SECRET_PARAMS.iter().any(|p| word.eq_ignore_ascii_case(p))
        || PARAMS.iter().any(|p| word.eq_ignore_ascii_case(p.name))
}

fn is_jwt(word: &str) -> bool {
    word.starts_with("eyJ") && matches!(word.bytes().filter(|&b| b == b'.').count(), 2 | 4)
}

/// Masks a token: a JWT loses only its signature (or tag); a recognised format keeps its
/// prefix; anything else is masked whole.
fn mask_token(
    line: &mut String,
    r: std::ops::Range<usize>,
    found: &mut Vec<Redaction>,
    what: Redaction,
) {
    let word = line.get(r.clone()).unwrap_or_default();
    if is_jwt(word) {
        if keep::signed_with_public_secret(word) {
            return;
        }
        let last = word.rfind('.').map_or(r.end, |d| r.start + d + 1);
        if last < r.end {
            mask(line, last..r.end, Style::Alnum);
            found.push(Redaction::JwtSignature);
        }
        return;
    }
    let keep = token_format::identify(word).map_or(0, |f| f.prefix.len());
    mask(line, r.start + keep..r.end, Style::Alnum);
    found.push(what);
}
