//! Server code that verifies tokens in a way that refuses good ones. It hands the whole
//! Authorization value, scheme word included, to a token parser: `jwt.verify(req.headers.authorization)`, `Jwts.parser().parse(request.getHeader(…))`,
//! `jwt.ParseWithClaims(r.Header.Get("Authorization"), …)`. The parser sees "Bearer eyJ…" (or
//! "JWT eyJ…"), which is not a compact token, and refuses it as malformed.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;

/// How server code reads the Authorization header, lower-cased.
const HEADER_READS: &[&str] = &[
    "headers.authorization",
    "headers['authorization']",
    "headers[\"authorization\"]",
    "get('authorization')",
    "get(\"authorization\")",
    "getheader(\"authorization\")",
    "getheader('authorization')",
    "headers.get(\"authorization\")",
    "header.get(\"authorization\")",
    "header(\"authorization\")",
    "header('authorization')",
];

/// What takes a scheme word off (or reads the token from a place without one).
const STRIPS: &[&str] = &[
    "split",
    "replace",
    "substring",
    "substr",
    "slice",
    "trimprefix",
    "removeprefix",
    "strip",
    "[7:]",
    "[1]",
    "bearer ",
    "jwt ",
    "fromauthheader",
    "extract",
];

/// Calls that parse a compact token, lower-cased, with their `(`.
const PARSERS: &[&str] = &[
    "verify(",
    "decode(",
    "parse(",
    "validatetoken(",
    "parsewithclaims(",
    "parseclaimsjws(",
    "verifyidtoken(",
    "verifyaccesstoken(",
    "jwtverify(",
];

/// What parsers say when the value is not a compact token.
const MALFORMED: &[&str] = &[
    "jwt malformed",
    "invalid token",
    "not enough or too many segments",
    "unable to parse jwt",
    "token contains an invalid number of segments",
    "idx12741",
    "idx14100",
    "invalid compact jws",
    "malformedjwtexception",
    "jwt strings must contain exactly 2 period characters",
];

/// PyJWT refuses a token with any `aud` when decode() is given no `audience`; jsonwebtoken and
/// others say the same in their words.
const AUDIENCE_REFUSED: &[&str] = &[
    "invalidaudienceerror",
    "invalid audience",
    "jwt audience invalid",
];

/// A token with an audience, verified by a decode call that names none.
pub(super) fn audience_not_given(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    if !AUDIENCE_REFUSED.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let call = lower.lines().take(2_000).find_map(|l| {
        let at = l.find("jwt.decode(").or_else(|| l.find("jwt.verify("))?;
        let args = l.get(at..)?;
        (!args.contains("audience") && !args.contains("verify_aud")).then(|| l.trim().to_string())
    })?;
    Some(
        Finding::error(
            ids::AUDIENCE_NOT_GIVEN,
            "The token names an audience, and the verifier was not told which to expect",
            format!(
                "{} gives no audience, so the library has nothing to compare the token's aud with and refuses it (PyJWT: \"Invalid audience\" for any aud it was not given).",
                clip(&call, 80)
            ),
        )
        .fix("Pass the audience this API expects: jwt.decode(token, key, algorithms=[…], audience=\"…\") (jsonwebtoken: { audience }), the value the token's aud holds for this API.")
        .spec(SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")),
    )
}

/// The finding, when pasted code passes the raw header value to a parser and the paste shows
/// a scheme word in front of the token or a parser's "malformed".
pub(super) fn findings(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    let call = passes_header_value(&lower)?;
    let shown = lines(text).any(|l| {
        let t = l
            .trim()
            .trim_start_matches(['\'', '"'])
            .to_ascii_lowercase();
        t.starts_with("authorization:")
            && t.split_whitespace().nth(1).is_some_and(|w| {
                let w = w.trim_matches(['\'', '"']);
                ["bearer", "jwt", "token"].contains(&w)
            })
    });
    let refused = MALFORMED.iter().any(|m| lower.contains(m));
    if !(shown || refused) {
        return None;
    }
    Some(
        Finding::error(
            ids::SCHEME_PASSED_TO_PARSER,
            "The code gives the token parser the whole Authorization value, scheme word included",
            format!(
                "{} passes what the header holds, \"Bearer …\" or \"JWT …\", to a parser that expects the bare compact token (header.payload.signature). The scheme word and the space make it malformed, so every request is refused however good the token is.",
                clip(&call, 80)
            ),
        )
        .fix("Take the scheme word off first: split the value at the first space and check the first part is the scheme you expect, then pass the second part; or use the library's own extractor (passport-jwt's fromAuthHeaderAsBearerToken, Spring's BearerTokenResolver).")
        .spec(SpecRef::new("RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1")),
    )
}

/// The parser call (or the line that reads the header into its argument) when the header's
/// value reaches a parser unchanged.
fn passes_header_value(lower: &str) -> Option<String> {
    let mut vars: Vec<String> = Vec::new();
    for line in lower.lines().take(2_000) {
        let l = line.trim();
        let reads = HEADER_READS.iter().any(|r| l.contains(r));
        let strips = STRIPS.iter().any(|s| l.contains(s));
        // A variable that later has its scheme word taken off is not passed raw.
        if strips {
            vars.retain(|v| !contains_word(l, v));
        }
        if reads && !strips {
            if let Some(call) = parser_call(l) {
                return Some(call);
            }
            if let Some(v) = assigned(l) {
                // A handful of names is what code holds the header in; a bound keeps this linear.
                if vars.len() < 8 {
                    vars.push(v);
                }
            }
            continue;
        }
        for v in &vars {
            if let Some(call) = parser_call(l).filter(|c| first_arg_is(c, v)) {
                return Some(call);
            }
        }
    }
    None
}

/// `name` in `(`…`)` of a parser call on the line, as text from the callee to the line's end.
fn parser_call(l: &str) -> Option<String> {
    PARSERS.iter().find_map(|p| {
        let at = l.find(p)?;
        let start = l
            .get(..at)?
            .rfind([' ', '=', '(', '\t'])
            .map_or(0, |i| i + 1);
        Some(l.get(start..)?.to_string())
    })
}

fn first_arg_is(call: &str, var: &str) -> bool {
    call.split_once('(')
        .map(|(_, args)| args.trim_start())
        .is_some_and(|a| {
            a.starts_with(var)
                && !a
                    .get(var.len()..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
}

/// The variable a line assigns: `const token = …`, `token := …`, `String token = …`.
fn assigned(l: &str) -> Option<String> {
    let (left, _) = l.split_once('=')?;
    let left = left.trim_end_matches(':').trim();
    let name = left.split_whitespace().last()?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| name.to_string())
}

fn contains_word(l: &str, w: &str) -> bool {
    l.match_indices(w).any(|(i, _)| {
        let before = l.get(..i).and_then(|s| s.chars().next_back());
        let after = l.get(i + w.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// auth0/node-jsonwebtoken: the header's value, "JWT …", handed to jwt.verify.
    #[test]
    fn jwt_verify_given_the_header() {
        let paste = "authorization: 'JWT kjf838.token.8383bfjefjh'\n\n    var token = req.headers['authorization'];\n    jwt.verify(token, config.secret, function (err, decoded) {...}\n\n[JsonWebTokenError: invalid token]";
        assert!(findings(paste).is_some());
    }

    /// jpadilla/pyjwt#120: decode() without audience= on a token that has aud.
    #[test]
    fn no_audience_given() {
        let paste = ">>> jwt.decode(token, 'secret', verify=True)\nTraceback (most recent call last):\n    raise InvalidAudienceError('Invalid audience')\njwt.exceptions.InvalidAudienceError: Invalid audience";
        assert!(audience_not_given(paste).is_some());
        let given = ">>> jwt.decode(token, 'secret', audience='a')\njwt.exceptions.InvalidAudienceError: Invalid audience";
        assert!(audience_not_given(given).is_none());
    }

    #[test]
    fn a_token_taken_off_its_scheme_is_fine() {
        let paste = "const header = req.headers.authorization;\nconst token = header.split(' ')[1];\njwt.verify(token, key);\n[JsonWebTokenError: invalid token]";
        assert!(findings(paste).is_none());
        let inline = "jwt.verify(req.headers.authorization.split(' ')[1], key)\njwt malformed";
        assert!(findings(inline).is_none());
    }
}
