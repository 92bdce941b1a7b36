//! The engine: pure functions from pasted text to a report of findings.
//!
//! Nothing here touches the browser, so it builds and tests natively and can be fuzzed.

pub mod authparams;
pub mod b64;
pub mod challenge;
pub mod context;
pub mod credential;
pub mod curl;
pub mod detect;
pub mod exchange;
pub mod fetch;
pub mod finding;
pub mod http;
pub mod jose;
pub mod jwt;
pub mod probe;
pub mod schemes;
pub mod text;
pub mod time;

pub use context::{Context, DigestInputs, RequestInfo};
pub use detect::{detect, Detection, InputKind};
pub use finding::{
    Ask, FetchKind, Field, Finding, Part, Report, Severity, SpecRef, Step, StepState,
};
pub use jwt::Clock;

/// What the user pasted when it is not recognised: the list of accepted inputs.
pub const ACCEPTED: &[&str] = &[
    "an Authorization or Proxy-Authorization header, or a bare credential (Basic …, Bearer …, Digest …)",
    "a JWT or JWE (eyJ…)",
    "a WWW-Authenticate or Proxy-Authenticate challenge",
    "a raw HTTP request and/or response, or curl -v output",
    "a curl command (e.g. from your browser's Copy as cURL)",
];

/// Analyses `text` as the given kind.
pub fn analyze(text: &str, kind: InputKind, ctx: &Context) -> Report {
    match kind {
        InputKind::Credential => credential::analyze(text, ctx),
        InputKind::Jwt => jwt_input(text, ctx),
        InputKind::Challenge => challenge::analyze(text),
        InputKind::Exchange => exchange::analyze(text, ctx),
        InputKind::Curl => curl::analyze(text, ctx),
        InputKind::Unknown => unknown(text),
    }
}

/// A bare token, a `DPoP:` header, or a JWT inside a cookie or URL.
fn jwt_input(text: &str, ctx: &Context) -> Report {
    let t = text.trim();
    let t = t
        .split_once(':')
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case("dpop"))
        .map_or(t, |(_, v)| v.trim());
    if jwt::looks_like_jwt(t) {
        return jwt::analyze_with(t, ctx.clock, jwt::TokenUse::Unknown, ctx.audience());
    }
    match jwt::find_embedded(t) {
        Some((name, token)) => {
            let mut r =
                jwt::analyze_with(&token, ctx.clock, jwt::TokenUse::Unknown, ctx.audience());
            r.findings.insert(
                0,
                Finding::info(
                    format!("A JWT found in {name}"),
                    "authlens took the token out of the pasted text; it is analysed below.",
                ),
            );
            r
        }
        None => jwt::analyze(t, ctx.clock),
    }
}

fn unknown(text: &str) -> Report {
    let mut r = Report::new("Not recognised.");
    let why = detect(text).reason;
    r.push(
        Finding::info(
            if text.trim().is_empty() {
                "Paste something to analyse"
            } else {
                "authlens does not recognise this input"
            },
            format!("It is {why}. authlens accepts: {}.", ACCEPTED.join("; ")),
        )
        .fix("Paste one of those, or pick the kind by hand above if detection guessed wrong."),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_total_on_junk() {
        let junk = [
            "",
            " ",
            "\u{0}",
            "é",
            "=",
            ":",
            "\"",
            "'",
            "curl '",
            "eyJ.",
            "eyJ...",
            "Basic",
            "Bearer ",
            "Digest ,,,",
            "HTTP/1.1 999",
            "GET",
            "a:b:c",
            "\u{FEFF}Bearer x",
            "🔥🔥🔥",
        ];
        for j in junk {
            for k in InputKind::ALL {
                let ctx = Context::with_clock(Clock {
                    now: Some(0),
                    leeway: 0,
                    offset_minutes: 0,
                });
                let r = analyze(j, k, &ctx);
                assert!(!r.summary.is_empty(), "{k:?} on {j:?}");
            }
        }
    }

    #[test]
    fn unknown_lists_what_is_accepted() {
        let r = analyze(
            "hello there friend",
            InputKind::Unknown,
            &Context::default(),
        );
        assert!(r.findings[0].explanation.contains("curl command"));
    }
}
