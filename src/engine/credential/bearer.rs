//! Bearer tokens (RFC 6750): syntax, front-end bugs, and what kind of token it is.

use super::known_token;
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::text;
use crate::engine::jwt;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The token has a character Bearer tokens cannot contain"
    pub const BAD_CHARACTER: FindingId = FindingId("bearer.bad_character");
    /// "Bearer with no token"
    pub const EMPTY: FindingId = FindingId("bearer.empty");
    /// "Several spaces after Bearer"
    pub const EXTRA_SPACES: FindingId = FindingId("bearer.extra_spaces");
    /// "An opaque token"
    pub const OPAQUE: FindingId = FindingId("bearer.opaque");
    /// A documentation placeholder (`<YOUR-TOKEN>`) sent as the token.
    pub const DOC_PLACEHOLDER: FindingId = FindingId("bearer.doc_placeholder");
    /// "The token is the text "{bug}""
    pub const PLACEHOLDER: FindingId = FindingId("bearer.placeholder");
    /// "The token is wrapped in quotes"
    pub const QUOTED: FindingId = FindingId("bearer.quoted");
}

const RFC6750: SpecRef = SpecRef::new(
    "RFC 6750 §2.1",
    "https://www.rfc-editor.org/rfc/rfc6750#section-2.1",
);

/// Analyses the token after `Bearer `.
pub fn analyze(token: &str, clock: Clock) -> Report {
    analyze_for(token, clock, None)
}

/// Analyses the token after `Bearer `, checking a JWT's audience against `expected_aud`.
pub fn analyze_for(token: &str, clock: Clock, expected_aud: Option<&str>) -> Report {
    let mut r =
        Report::new("A Bearer token: whoever holds it is let in, so treat it as a password.");
    let raw = token;
    let token = token.trim();
    if token.is_empty() {
        r.push(
            Finding::error(ids::EMPTY,
                "Bearer with no token",
                "The header is \"Bearer\" with nothing after it: the code that sets it ran before the token was available, or the variable was empty.",
            )
            .fix("Check that the token variable is set before the request is made.")
            .spec(RFC6750),
        );
        return r;
    }
    if let Some(bug) = [
        "null",
        "undefined",
        "[object Object]",
        "NaN",
        "None",
        "nil",
        "${token}",
        "{{token}}",
    ]
    .iter()
    .find(|b| token.eq_ignore_ascii_case(b))
    {
        r.push(
            Finding::error(ids::PLACEHOLDER,
                format!("The token is the text \"{bug}\""),
                "A front-end bug: a missing value (or an object) was turned into a string and sent. The server sees a token that does not exist.",
            )
            .fix("Read the token before building the header, and skip the header (or log in) when there is none."),
        );
        return r;
    }
    // A documentation placeholder sent as it was written: <YOUR-TOKEN>, YOUR_API_KEY, <token>.
    let upper = token.to_ascii_uppercase();
    let doc_placeholder = (token.starts_with('<') && token.ends_with('>'))
        || upper.starts_with("YOUR_")
        || upper.starts_with("YOUR-")
        || upper.starts_with("<YOUR");
    if doc_placeholder {
        r.push(
            Finding::error(
                ids::DOC_PLACEHOLDER,
                format!("The token is the placeholder \"{}\" from the docs", text::clip(token, 40)),
                "The example's placeholder was sent instead of a real token, so the server rejects it (GitHub: Bad credentials).",
            )
            .fix("Replace the placeholder with your token (and drop the angle brackets)."),
        );
        return r;
    }
    let unquoted = token.trim_matches(|c| c == '"' || c == '\'');
    if unquoted.len() != token.len() {
        r.push(
            Finding::error(ids::QUOTED,
                "The token is wrapped in quotes",
                "Quotes are not part of a Bearer token; the server compares them too and rejects it. Usually the token was JSON-stringified.",
            )
            .fix("Send the token without quotes (in JS, do not JSON.stringify a string).")
            .spec(RFC6750),
        );
    }
    if raw.starts_with(char::is_whitespace) && raw.trim_start().len() < raw.len() - 1 {
        r.push(Finding::warning(ids::EXTRA_SPACES,
            "Several spaces after Bearer",
            "RFC 9110 allows one or more spaces, but some servers split on a single space and see an empty token.",
        ));
    }
    let token = unquoted;
    if let Some(bad) = token
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "-._~+/=".contains(*c)))
    {
        r.push(
            Finding::error(ids::BAD_CHARACTER,
                "The token has a character Bearer tokens cannot contain",
                format!(
                    "{} at position {}. A b64token may hold only letters, digits and - . _ ~ + / with trailing =.",
                    crate::engine::core::b64::describe_char(bad.1),
                    bad.0 + 1
                ),
            )
            .fix("Copy the token again; remove whitespace, quotes or line breaks.")
            .spec(RFC6750),
        );
    }
    if let Some(k) = known_token::identify(token) {
        r.part(Part::Fields {
            title: "Token".to_string(),
            rows: vec![
                Field::new("Issuer", k.issuer),
                Field::new("Kind", k.what),
                Field::new("Sent as", k.usage),
                Field::secret("Token", text::visible(token)),
            ],
        });
        for f in known_token::findings(k, known_token::Carrier::Bearer) {
            r.push(f);
        }
        return r;
    }
    if jwt::looks_like_jwt(token) {
        r.summary = "A Bearer token that is a JWT: its claims can be read below.".to_string();
        r.absorb(jwt::analyze_with(
            token,
            clock,
            jwt::TokenUse::AccessToken,
            expected_aud,
        ));
        return r;
    }
    r.part(Part::Fields {
        title: "Token".to_string(),
        rows: vec![
            Field::new("Kind", "opaque (only the issuer can tell what it means)"),
            Field::new("Length", format!("{} characters", token.chars().count())),
            Field::secret("Token", text::visible(token)),
        ],
    });
    r.push(Finding::info(ids::OPAQUE,
        "An opaque token",
        "It is not a JWT, so nothing can be read from it here. Only the issuer can say whether it is valid (RFC 7662 introspection).",
    ));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_end_bugs() {
        assert!(analyze("", Clock::default()).has_id("bearer.empty"));
        assert!(analyze("undefined", Clock::default()).has_id("bearer.placeholder"));
        assert!(analyze("[object Object]", Clock::default()).has_id("bearer.placeholder"));
        // GitHub's REST docs write -H "Authorization: Bearer <YOUR-TOKEN>".
        assert!(analyze("<YOUR-TOKEN>", Clock::default()).has_id("bearer.doc_placeholder"));
        assert!(!analyze("abc<def>", Clock::default()).has_id("bearer.doc_placeholder"));
        assert!(analyze("\"abc.def\"", Clock::default()).has_id("bearer.quoted"));
    }

    #[test]
    fn github_token_is_named() {
        let r = analyze("ghp_16C7e42F292c6912E7710c838347Ae178B4a", Clock::default());
        assert!(r.has_id("token.identified"));
    }

    #[test]
    fn jwt_is_decoded() {
        let r = analyze(
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
            Clock::default(),
        );
        assert!(r
            .parts
            .iter()
            .any(|p| matches!(p, Part::Code { text, .. } if text.contains("\"sub\""))));
    }

    #[test]
    fn opaque_and_bad_chars() {
        assert!(analyze("mF_9.B5f-4.1JqM", Clock::default()).has_id("bearer.opaque"));
        assert!(analyze("abc def", Clock::default()).has_id("bearer.bad_character"));
    }
}
