//! Mistakes in how the scheme is written that make a good credential unreadable: `Bearer:`,
//! `Bearer Bearer …`, `BearereyJ…` with no space, and a header set twice and joined by a comma.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::scheme;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// `Bearer: token`: a colon after the scheme.
    pub const SCHEME_COLON: FindingId = FindingId("credential.scheme_colon");
    /// `Bearer Bearer token`: the scheme written twice.
    pub const SCHEME_TWICE: FindingId = FindingId("credential.scheme_twice");
    /// `BearereyJ…`: no space between scheme and credential.
    pub const SCHEME_GLUED: FindingId = FindingId("credential.scheme_glued");
    /// `Authoriaztion:`: the header name is misspelt, so no server reads it.
    pub const HEADER_MISSPELLED: FindingId = FindingId("credential.header_misspelled");
    /// Terminal colour codes copied into the credential.
    pub const ANSI_ESCAPE: FindingId = FindingId("credential.ansi_escape");
    /// `Bearer a, Bearer a`: the header was set twice and the copies joined.
    pub const SENT_TWICE: FindingId = FindingId("credential.sent_twice");
}

const RFC9110_CRED: SpecRef = SpecRef::new(
    "RFC 9110 §11.4",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.4",
);

/// Schemes people glue to their token; matched case-insensitively at the start of a word.
const GLUABLE: &[&str] = &["Bearer", "Basic", "Token", "Digest"];

/// The value with terminal colour codes (`ESC[0;32m`, written `\033[…m` or `\x1b[…m`) removed,
/// when it has any.
fn strip_ansi(value: &str) -> Option<String> {
    const STARTS: [&str; 4] = ["\u{1b}[", "\\033[", "\\x1b[", "\\e["];
    if !STARTS.iter().any(|s| value.contains(s)) {
        return None;
    }
    let mut out = String::with_capacity(value.len());
    // Where each start is next found, at or after `at`: each is searched for again only once
    // passed, so the value is scanned once per start (not once per colour code).
    let mut next: [Option<usize>; 4] = STARTS.map(|s| value.find(s));
    let mut at = 0;
    loop {
        for (n, s) in STARTS.iter().enumerate() {
            if next[n].is_some_and(|i| i < at) {
                next[n] = value.get(at..).unwrap_or_default().find(s).map(|i| at + i);
            }
        }
        let Some((i, s)) = (0..STARTS.len())
            .filter_map(|n| next[n].map(|i| (i, STARTS[n])))
            .min()
        else {
            break;
        };
        out.push_str(value.get(at..i).unwrap_or_default());
        let after = value.get(i + s.len()..).unwrap_or_default();
        // A CSI sequence ends at its final letter (m for colours).
        let end = after
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(after.len(), |e| e + 1);
        at = i + s.len() + end;
    }
    out.push_str(value.get(at..).unwrap_or_default());
    Some(out)
}

/// The mistake in `value`, and the value as it was meant, when the scheme is written wrong.
pub fn check(value: &str) -> Option<(Finding, String)> {
    if let Some(clean) = strip_ansi(value) {
        return Some((
            Finding::error(
                ids::ANSI_ESCAPE,
                "Terminal colour codes are inside the credential",
                "The value holds escape sequences such as \\033[0;32m, copied from coloured terminal output; they are sent as part of the token, which then matches nothing.",
            )
            .fix("Copy the token from plain output (e.g. gh auth token | cat, or NO_COLOR=1), or strip the escape codes before use."),
            clean,
        ));
    }
    let first = value.split([' ', '\t']).next().unwrap_or("");
    let rest = value.get(first.len()..).unwrap_or_default().trim_start();
    if let Some(name) = first.strip_suffix(':').and_then(scheme::lookup) {
        return Some((
            Finding::error(
                ids::SCHEME_COLON,
                format!("\"{first}\" has a colon: the scheme is {}", name.name),
                format!("The colon belongs after the header name only (Authorization: {} <credential>). Servers read \"{first}\" as an unknown scheme and reject the credential.", name.name),
            )
            .fix(format!("Send Authorization: {} <credential>, without the colon.", name.name))
            .spec(RFC9110_CRED),
            format!("{} {rest}", name.name),
        ));
    }
    if let Some(name) = scheme::lookup(first) {
        let second = rest.split([' ', '\t']).next().unwrap_or("");
        if second.eq_ignore_ascii_case(first) && name.name != "Basic" {
            let inner = rest.get(second.len()..).unwrap_or_default().trim_start();
            return Some((
                Finding::error(
                    ids::SCHEME_TWICE,
                    format!("The scheme is written twice ({} {} …)", name.name, name.name),
                    "The server reads the second word as the credential. Usual cause: the stored token already includes \"Bearer \" (the login endpoint returned it that way) and the client adds its own.",
                )
                .fix(format!("Store the bare token and add \"{} \" once, when sending.", name.name))
                .spec(RFC9110_CRED),
                format!("{} {inner}", name.name),
            ));
        }
        let again = format!(", {first} ");
        if let Some(i) = value.find(&again) {
            return Some((
                Finding::error(
                    ids::SENT_TWICE,
                    "Authorization was sent twice and joined with a comma",
                    "Two Authorization headers are combined into one value (\"Bearer a, Bearer a\") by clients and proxies, and no server accepts that as one credential.",
                )
                .fix("Set the header once: find the second place that adds it (an interceptor, a default header, a proxy).")
                .spec(SpecRef::new("RFC 9110 §5.3", "https://www.rfc-editor.org/rfc/rfc9110#section-5.3")),
                value.get(..i).unwrap_or_default().to_string(),
            ));
        }
        return None;
    }
    let glued = GLUABLE.iter().find(|s| {
        first.len() > s.len() + 8
            && first.is_char_boundary(s.len())
            && first
                .get(..s.len())
                .unwrap_or_default()
                .eq_ignore_ascii_case(s)
    })?;
    let token = first.get(glued.len()..).unwrap_or_default();
    Some((
        Finding::error(
            ids::SCHEME_GLUED,
            format!("No space between {glued} and the credential"),
            format!(
                "\"{}…\" is one word, so the server sees an unknown scheme and no credential.",
                crate::engine::core::text::clip(first, 16)
            ),
        )
        .fix(format!(
            "Put one space after the scheme: Authorization: {glued} <credential>."
        ))
        .spec(RFC9110_CRED),
        format!(
            "{glued} {token}{}",
            value.get(first.len()..).unwrap_or_default()
        ),
    ))
}

/// A misspelt `Authorization` header name in the text (`Authoriaztion`, `Authorisation`).
pub fn misspelled_header(text: &str) -> Option<Finding> {
    // Same letters as "authorization", in another order: compare letter counts.
    let counts = |w: &str| {
        let mut n = [0u8; 26];
        for b in w.bytes().filter(u8::is_ascii_lowercase) {
            n[(b - b'a') as usize] = n[(b - b'a') as usize].saturating_add(1);
        }
        n
    };
    let want = counts("authorization");
    let word = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| (11..=15).contains(&w.len()))
        .find(|w| {
            let lower = w.to_ascii_lowercase();
            if lower == "authorization" || !lower.starts_with("auth") {
                return false;
            }
            (lower.len() == 13 && counts(&lower) == want) || lower == "authorisation"
        })?;
    Some(
        Finding::error(
            ids::HEADER_MISSPELLED,
            format!("\"{word}\" is not Authorization"),
            "Servers read credentials only from a header named exactly Authorization (any case). With the name misspelt the key is never seen, and the API answers as if none was sent.",
        )
        .fix("Spell the header Authorization.")
        .spec(SpecRef::new("RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(v: &str) -> Option<&'static str> {
        check(v).map(|(f, _)| f.id.as_str())
    }

    /// A scheme repeated thousands of times is one mistake, read in a bounded loop: it was a
    /// recursion as deep as the repeats, which overflowed the stack.
    #[test]
    fn a_scheme_repeated_thousands_of_times_is_one_mistake() {
        let ctx = crate::engine::Context::default();
        for (scheme, id) in [
            ("Bearer", ids::SCHEME_TWICE.as_str()),
            ("DPoP", ids::SCHEME_TWICE.as_str()),
            ("Basic", "basic.scheme_twice"),
        ] {
            let v = format!("Authorization: {}YTpi", format!("{scheme} ").repeat(20_000));
            let r = crate::engine::credential::analyze(&v, &ctx);
            assert_eq!(r.ids().iter().filter(|i| **i == id).count(), 1, "{scheme}");
        }
    }

    #[test]
    fn each_mistake_and_what_was_meant() {
        // spring-projects/spring-security-oauth#1130 style: "Bearer: <uuid>".
        assert_eq!(
            id("Bearer: 3f2c8a1e-5b7d-4e09"),
            Some("credential.scheme_colon")
        );
        assert_eq!(check("Bearer Bearer eyJ.x.y").unwrap().1, "Bearer eyJ.x.y");
        assert_eq!(
            id("BearereyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"),
            Some("credential.scheme_glued")
        );
        assert_eq!(
            check("Bearer a.b.c, Bearer a.b.c").unwrap().1,
            "Bearer a.b.c"
        );
        assert_eq!(id("Bearer abc"), None);
        assert_eq!(id("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), None);
        assert_eq!(id(r#"Digest username="a", realm="b""#), None);
        assert!(misspelled_header("headers: { 'Authoriaztion': 'Bearer sk-x' }").is_some());
        // cli/cli#6635-style: a token copied with its colour codes.
        let (f, meant) =
            check(r"token \033[0;32mghu_1ON43xKmTecQoXsf2o3gyrDO1xkxwnQrS7RP\033[0m").unwrap();
        assert_eq!(f.id, ids::ANSI_ESCAPE);
        assert_eq!(meant, "token ghu_1ON43xKmTecQoXsf2o3gyrDO1xkxwnQrS7RP");
        assert!(misspelled_header("Authorization: Bearer x, Authenticated").is_none());
    }
}
