//! Basic credentials (RFC 7617): decode user-id and password and flag the usual mistakes.

use super::known_token;
use crate::engine::core::b64::{self, Alphabet, Quirk};
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::text;
use crate::engine::core::text::a_an;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The credentials are not valid base64"
    pub const BAD_BASE64: FindingId = FindingId("basic.bad_base64");
    /// "Only the first colon separates user and password"
    pub const COLON_IN_PASSWORD: FindingId = FindingId("basic.colon_in_password");
    /// "Basic with no credentials"
    pub const EMPTY: FindingId = FindingId("basic.empty");
    /// "The {label} is empty"
    pub const EMPTY_PART: FindingId = FindingId("basic.empty_part");
    /// "Invisible characters in the {label}"
    pub const INVISIBLE_CHARACTERS: FindingId = FindingId("basic.invisible_characters");
    /// "This is a JWT, not Basic credentials"
    pub const JWT_AS_BASIC: FindingId = FindingId("basic.jwt_as_basic");
    /// "This looks like a {issuer} {what}, not Basic credentials"
    pub const KNOWN_TOKEN_AS_BASIC: FindingId = FindingId("basic.known_token_as_basic");
    /// "user:password was sent without base64 encoding"
    pub const NOT_ENCODED: FindingId = FindingId("basic.not_encoded");
    /// "The decoded credentials are not UTF-8"
    pub const NOT_UTF8: FindingId = FindingId("basic.not_utf8");
    /// "No colon in the decoded value"
    pub const NO_COLON: FindingId = FindingId("basic.no_colon");
    /// "Too much '=' padding"
    pub const PADDING_EXTRA: FindingId = FindingId("basic.padding_extra");
    /// "Base64 padding '=' is missing"
    pub const PADDING_MISSING: FindingId = FindingId("basic.padding_missing");
    /// "The scheme is written twice (Basic Basic …)"
    pub const SCHEME_TWICE: FindingId = FindingId("basic.scheme_twice");
    /// "The decoded value is a token, not user:password"
    pub const TOKEN_NOT_USER_PASS: FindingId = FindingId("basic.token_not_user_pass");
    /// "URL-safe base64 ('-' or '_') used"
    pub const URL_SAFE_BASE64: FindingId = FindingId("basic.url_safe_base64");
    /// "The {label} starts or ends with whitespace"
    pub const WHITESPACE_AROUND: FindingId = FindingId("basic.whitespace_around");
    /// "Whitespace inside the base64 value"
    pub const WHITESPACE_IN_BASE64: FindingId = FindingId("basic.whitespace_in_base64");
}

const RFC7617: SpecRef = SpecRef::new(
    "RFC 7617 §2",
    "https://www.rfc-editor.org/rfc/rfc7617#section-2",
);
const RFC7617_CHARSET: SpecRef = SpecRef::new(
    "RFC 7617 §2.1",
    "https://www.rfc-editor.org/rfc/rfc7617#section-2.1",
);

/// Analyses the token68 after `Basic `.
pub fn analyze(token: &str) -> Report {
    // "Basic Basic …": said once, then the rest read (a loop, not a recursion as deep as the
    // repeats, which overflowed the stack on thousands of them).
    let token = token.trim();
    let mut rest = token;
    while let Some(r) = rest
        .strip_prefix("Basic ")
        .or_else(|| rest.strip_prefix("basic "))
    {
        rest = r.trim();
    }
    if rest.len() == token.len() {
        return analyze_one(token);
    }
    let mut r = Report::new(SUMMARY);
    r.push(
        Finding::error(ids::SCHEME_TWICE,
            "The scheme is written twice (Basic Basic …)",
            "The code that builds the header added \"Basic \" to a value that already had it. The server tries to decode \"Basic\" as the credentials and fails.",
        )
        .fix("Add the \"Basic \" prefix in one place only."),
    );
    r.absorb(analyze_one(rest));
    r
}

const SUMMARY: &str =
    "HTTP Basic credentials: a user-id and password, base64-encoded (not encrypted).";

/// Basic credentials without a repeated scheme in front.
fn analyze_one(token: &str) -> Report {
    let mut r = Report::new(SUMMARY);
    if token.is_empty() {
        r.push(
            Finding::error(ids::EMPTY,
                "Basic with no credentials",
                "The header says Basic but nothing follows, so the server sees no user and answers 401.",
            )
            .fix("Send Authorization: Basic base64(user:password).")
            .spec(RFC7617),
        );
        return r;
    }
    if crate::engine::jwt::looks_like_jwt(token) {
        r.push(
            Finding::error(ids::JWT_AS_BASIC,
                "This is a JWT, not Basic credentials",
                "The value after Basic is a JSON Web Token. Servers expecting Basic try to base64-decode it into user:password and fail.",
            )
            .fix("Send it as Authorization: Bearer <token>.")
            .spec(RFC7617),
        );
        return r;
    }
    if token.contains(':') && b64::decode(token).is_err() {
        r.push(
            Finding::error(ids::NOT_ENCODED,
                "user:password was sent without base64 encoding",
                "Basic credentials must be base64(user-id \":\" password). The value here is the raw text, so the server cannot decode it.",
            )
            .fix(format!("Send: Authorization: Basic {}", b64::encode(token.as_bytes())))
            .spec(RFC7617),
        );
        show_pair(&mut r, token.as_bytes());
        return r;
    }
    let decoded = match b64::decode(token) {
        Ok(d) => d,
        Err(e) => {
            r.push(
                Finding::error(ids::BAD_BASE64,
                    "The credentials are not valid base64",
                    format!("{e}. The server cannot decode user and password."),
                )
                .fix("Encode exactly user:password with standard base64, e.g. btoa('user:password') or `printf %s 'user:password' | base64`.")
                .spec(RFC7617),
            );
            if let Some(t) = known_token::identify(token) {
                r.push(api_key_finding(t.issuer, t.what));
                for x in known_token::findings(t, known_token::Carrier::Scheme("Basic")) {
                    r.push(x);
                }
            }
            return r;
        }
    };
    if matches!(decoded.alphabet, Alphabet::UrlSafe | Alphabet::Mixed) {
        r.push(
            Finding::warning(ids::URL_SAFE_BASE64,
                "URL-safe base64 ('-' or '_') used",
                "Basic uses the standard alphabet with '+' and '/'. Many servers fail to decode '-' and '_'.",
            )
            .fix("Encode with standard base64, not base64url.")
            .spec(RFC7617),
        );
    }
    for q in &decoded.quirks {
        match q {
            Quirk::MissingPadding => r.push(
                Finding::warning(ids::PADDING_MISSING,
                    "Base64 padding '=' is missing",
                    "The length is not a multiple of 4. Lenient servers accept it, strict ones (and many frameworks) reject it.",
                )
                .fix(format!("Send: Basic {}", b64::encode(&decoded.bytes)))
                .spec(RFC7617),
            ),
            Quirk::ExtraPadding => r.push(
                Finding::warning(ids::PADDING_EXTRA,
                    "Too much '=' padding",
                    "There are more '=' characters than the length needs. Strict decoders reject this.",
                )
                .fix(format!("Send: Basic {}", b64::encode(&decoded.bytes))),
            ),
            Quirk::Whitespace(pos) => r.push(
                Finding::error(ids::WHITESPACE_IN_BASE64,
                    "Whitespace inside the base64 value",
                    format!("There is a space or line break at character {} of the token, usually from a wrapped copy (e.g. `base64` without -w0).", pos + 1),
                )
                .fix("Remove the whitespace; use `base64 -w0` so the output is one line."),
            ),
        }
    }
    show_pair(&mut r, &decoded.bytes);
    r
}

fn api_key_finding(issuer: &str, what: &str) -> Finding {
    Finding::error(
        ids::KNOWN_TOKEN_AS_BASIC,
        format!(
            "This looks like {} {issuer} {what}, not Basic credentials",
            a_an(issuer).to_ascii_lowercase()
        ),
        "API keys and tokens are not base64(user:password). The server cannot read them as Basic.",
    )
    .fix("Send it the way the provider documents, usually Authorization: Bearer <token>.")
}

/// Splits decoded bytes at the first colon and reports the user and password problems.
fn show_pair(r: &mut Report, bytes: &[u8]) {
    let (as_text, utf8) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), true),
        Err(_) => (text::latin1(bytes), false),
    };
    if !utf8 {
        r.push(
            Finding::warning(ids::NOT_UTF8,
                "The decoded credentials are not UTF-8",
                format!("Read as Latin-1 they are \"{}\". The client encoded non-ASCII characters in a legacy charset; a server expecting UTF-8 sees a different password.", text::visible(&as_text)),
            )
            .fix("Encode user:password as UTF-8 before base64. Servers can announce this with charset=\"UTF-8\" in their Basic challenge.")
            .spec(RFC7617_CHARSET),
        );
    }
    let Some((user, pass)) = as_text.split_once(':') else {
        r.push(
            Finding::error(ids::NO_COLON,
                "No colon in the decoded value",
                format!("It decodes to \"{}\" with no ':' separating user and password, so the server cannot split it.", text::visible(&text::clip(&as_text, 80))),
            )
            .fix("Encode user:password, with the colon.")
            .spec(RFC7617),
        );
        r.part(Part::Fields {
            title: "Decoded".to_string(),
            rows: vec![Field::secret("Value", text::visible(&as_text))],
        });
        if crate::engine::jwt::looks_like_jwt(&as_text) || known_token::identify(&as_text).is_some()
        {
            r.push(Finding::warning(ids::TOKEN_NOT_USER_PASS,
                "The decoded value is a token, not user:password",
                "Some APIs want a token inside Basic (often as the password with any user name), others want Bearer. Check the API's documentation.",
            ));
        }
        return;
    };
    r.part(Part::Fields {
        title: "Decoded credentials".to_string(),
        rows: vec![
            Field::new("User-id", text::visible(user)),
            Field::secret("Password", text::visible(pass)),
        ],
    });
    // Stripe documents its secret key as the user name with nothing after the colon.
    let key_as_user = known_token::identify(user.trim()).is_some_and(|f| f.basic_user_ok());
    for (label, value) in [("user-id", user), ("password", pass)] {
        if value.is_empty() {
            if !(label == "password" && key_as_user) {
                r.push(Finding::warning(ids::EMPTY_PART,
                    format!("The {label} is empty"),
                    format!("Nothing stands on the {} side of the colon. Some servers allow this (API keys sent as the user), most answer 401.", if label == "user-id" { "left" } else { "right" }),
                ));
            }
            continue;
        }
        if value != value.trim() {
            r.push(
                Finding::error(ids::WHITESPACE_AROUND,
                    format!("The {label} starts or ends with whitespace"),
                    format!("The {label} is \"{}\": the whitespace is part of it, so it does not match. Classic cause: a value read from a .env file or `echo` output with a trailing newline.", text::visible(value)),
                )
                .fix("Trim the value before encoding; use `printf %s` instead of `echo`."),
            );
        }
        let hidden: Vec<_> = text::invisibles(value.trim())
            .into_iter()
            .map(|(i, c, name)| format!("{name} (U+{:04X}) at position {}", c as u32, i + 1))
            .collect();
        if !hidden.is_empty() {
            r.push(
                Finding::error(
                    ids::INVISIBLE_CHARACTERS,
                    format!("Invisible characters in the {label}"),
                    format!(
                        "Found {}. They do not show when printed but make the value differ.",
                        hidden.join(", ")
                    ),
                )
                .fix("Retype the value, or strip these characters from the source."),
            );
        }
    }
    // A token as the password (or as the user name) says where it should have gone.
    if let Some(f) = known_token::identify(pass.trim()) {
        for x in known_token::findings(f, known_token::Carrier::BasicPassword(user)) {
            r.push(x);
        }
    } else if let Some(f) = known_token::identify(user.trim()) {
        for x in known_token::findings(f, known_token::Carrier::BasicUser) {
            r.push(x);
        }
    }
    if user.contains(':') {
        r.push(Finding::info(ids::COLON_IN_PASSWORD,
            "Only the first colon separates user and password",
            "The user-id cannot contain a colon; everything after the first ':' is the password.",
        ).spec(RFC7617));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<'a>(r: &'a Report, label: &str) -> Option<&'a str> {
        r.parts.iter().find_map(|p| match p {
            Part::Fields { rows, .. } => rows
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.value.as_str()),
            _ => None,
        })
    }

    #[test]
    fn stripe_key_as_user_needs_no_password() {
        // https://docs.stripe.com/api/authentication: curl -u sk_test_…: (no password).
        let r = analyze(&b64::encode(b"sk_test_4eC39HqLyjWDarjtT1zdp7dc:"));
        assert!(!r.has(ids::EMPTY_PART), "{:?}", r.ids());
        assert!(r.has_id("token.identified"));
        assert!(analyze(&b64::encode(b"alice:")).has(ids::EMPTY_PART));
    }

    #[test]
    fn rfc7617_example() {
        let r = analyze("QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(field(&r, "User-id"), Some("Aladdin"));
        assert_eq!(field(&r, "Password"), Some("open sesame"));
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn rfc7617_utf8_example() {
        // RFC 7617 §2.1: user "test", password "123£" in UTF-8.
        let r = analyze("dGVzdDoxMjPCow==");
        assert_eq!(field(&r, "Password"), Some("123£"));
        assert!(r.findings.is_empty());
        // The same in Latin-1 is flagged.
        let r = analyze(&b64::encode(b"test:123\xa3"));
        assert!(r.has_id("basic.not_utf8"));
        assert_eq!(field(&r, "Password"), Some("123£"));
    }

    #[test]
    fn common_mistakes() {
        assert!(analyze(&b64::encode(b"alice:secret\n")).has_id("basic.whitespace_around"));
        assert!(analyze(&b64::encode("alice:se\u{200B}cret".as_bytes()))
            .has_id("basic.invisible_characters"));
        assert!(analyze("alice:secret").has_id("basic.not_encoded"));
        assert!(analyze("Basic YTpi").has_id("basic.scheme_twice"));
        assert!(analyze(&b64::encode(b"nocolon")).has_id("basic.no_colon"));
        assert!(analyze("YTpi").findings.is_empty());
        assert!(analyze("YTpiYw").has_id("basic.padding_missing"));
        assert!(analyze("YT*i").has_id("basic.bad_base64"));
        assert!(analyze("").has_id("basic.empty"));
    }
}
