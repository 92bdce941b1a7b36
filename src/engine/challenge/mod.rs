//! `WWW-Authenticate` / `Proxy-Authenticate`: a strict RFC 9110 §11 reading that still
//! recovers what real servers send, naming each deviation.

pub mod metadata;
pub mod params;

use super::authparams::{self, AuthItem, Deviation, DeviationKind};
use super::core::finding::{Ask, FetchKind, Finding, Part, Report, SpecRef};
use super::core::tally::{thousands, MAX_ROWS};
use super::core::{scheme as schemes, text};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Basic challenge without realm"
    pub const BASIC_CHALLENGE_WITHOUT_REALM: FindingId =
        FindingId("challenge.basic_challenge_without_realm");
    /// "No challenge found"
    pub const NO_CHALLENGE_FOUND: FindingId = FindingId("challenge.no_challenge_found");
    /// "The server names its resource metadata"
    pub const SERVER_NAMES_RESOURCE_METADATA: FindingId =
        FindingId("challenge.server_names_resource_metadata");
    /// "Several challenges in one header line"
    pub const SEVERAL_CHALLENGES_ONE_HEADER: FindingId =
        FindingId("challenge.several_challenges_one_header");
    /// "stale=true: the nonce expired, the password was fine"
    pub const STALE_TRUE_NONCE_EXPIRED: FindingId = FindingId("challenge.stale_true_nonce_expired");
    /// "A token68 {} challenge"
    pub const TOKEN68_CHALLENGE: FindingId = FindingId("challenge.token68_challenge");
    /// Deviation: UnquotedSpaces
    pub const UNQUOTED_SPACES: FindingId = FindingId("challenge.unquoted_spaces");
    /// Deviation: SingleQuotes
    pub const SINGLE_QUOTES: FindingId = FindingId("challenge.single_quotes");
    /// Deviation: MissingComma
    pub const MISSING_COMMA: FindingId = FindingId("challenge.missing_comma");
    /// Deviation: Duplicate
    pub const DUPLICATE_PARAM: FindingId = FindingId("challenge.duplicate_param");
    /// Deviation: UnclosedQuote
    pub const UNCLOSED_QUOTE: FindingId = FindingId("challenge.unclosed_quote");
    /// Deviation: UnquotedValue
    pub const UNQUOTED_VALUE: FindingId = FindingId("challenge.unquoted_value");
    /// The challenge was pasted folded over indented lines
    pub const LINE_FOLDING: FindingId = FindingId("challenge.line_folding");
    /// Deviation: Syntax
    pub const GRAMMAR: FindingId = FindingId("challenge.grammar");
    /// The server says: invalid_token
    pub const INVALID_TOKEN: FindingId = FindingId("challenge.invalid_token");
    /// The server says: insufficient_scope
    pub const INSUFFICIENT_SCOPE: FindingId = FindingId("challenge.insufficient_scope");
    /// The server says: invalid_request
    pub const INVALID_REQUEST: FindingId = FindingId("challenge.invalid_request");
    /// The server says: use_dpop_nonce
    pub const USE_DPOP_NONCE: FindingId = FindingId("challenge.use_dpop_nonce");
    /// The server says: invalid_dpop_proof
    pub const INVALID_DPOP_PROOF: FindingId = FindingId("challenge.invalid_dpop_proof");
    /// The server says: another error code
    pub const OTHER_ERROR: FindingId = FindingId("challenge.other_error");
}

const RFC9110_CHALLENGE: SpecRef = SpecRef::new(
    "RFC 9110 §11.6.1",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1",
);
const RFC6750_ERR: SpecRef = SpecRef::new(
    "RFC 6750 §3.1",
    "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
);

/// How many characters of a field value its findings quote.
const DEVIATION_CONTEXT: usize = 60;

/// The challenges read from one or more field values, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Challenges {
    /// Each challenge (scheme with token68 or parameters).
    pub items: Vec<AuthItem>,
    /// Departures from the grammar, with the start of the field value they were found in.
    pub deviations: Vec<(String, Deviation)>,
    /// Field values (their start) that carry more than one challenge.
    pub crowded: Vec<String>,
}

impl Challenges {
    /// Whether any challenge has this scheme.
    pub fn offers(&self, scheme: &str) -> bool {
        self.items.iter().any(|i| i.is(scheme))
    }

    /// The first challenge with this scheme.
    pub fn get(&self, scheme: &str) -> Option<&AuthItem> {
        self.items.iter().find(|i| i.is(scheme))
    }
}

/// Strips `WWW-Authenticate:` / `Proxy-Authenticate:` names and joins folded lines.
/// Returns the values and whether obsolete line folding was seen.
pub fn field_values(input: &str) -> (Vec<String>, bool) {
    let mut values: Vec<String> = Vec::new();
    let mut folded = false;
    for raw in input.lines() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) && !values.is_empty() {
            folded = true;
            if let Some(last) = values.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
            continue;
        }
        let line = line.trim();
        let value = match line.split_once(':') {
            Some((n, v))
                if n.trim().eq_ignore_ascii_case("www-authenticate")
                    || n.trim().eq_ignore_ascii_case("proxy-authenticate") =>
            {
                v.trim()
            }
            _ => line,
        };
        values.push(value.to_string());
    }
    (values, folded)
}

/// Parses each field value and concatenates the challenges (as clients must).
pub fn parse_values(values: &[&str]) -> Challenges {
    let mut out = Challenges::default();
    for v in values {
        let p = authparams::parse(v);
        // The findings quote only the start of the value: copy that, once per value, so many
        // grammar problems in a huge value cost no more than the value itself.
        let start = text::clip(v, DEVIATION_CONTEXT);
        if p.items.len() > 1 {
            out.crowded.push(start.clone());
        }
        out.items.extend(p.items);
        out.deviations
            .extend(p.deviations.into_iter().map(|d| (start.clone(), d)));
    }
    out
}

/// How clients treat each deviation, for the warning.
fn deviation_finding(value: &str, d: &Deviation) -> Finding {
    let (id, title, clients) = match d.kind {
        DeviationKind::UnquotedSpaces => (ids::UNQUOTED_SPACES, "A parameter value with spaces is not quoted", "A strict parser stops the value at the first space and then fails on the rest; some clients drop the whole challenge, others show a cut-off realm."),
        DeviationKind::SingleQuotes => (ids::SINGLE_QUOTES, "Single quotes used as quotes", "HTTP quotes only with double quotes: clients read the single quotes as part of the value, and a value with a space or comma breaks the parse."),
        DeviationKind::MissingComma => (ids::MISSING_COMMA, "A comma is missing", "RFC 9110 separates challenges and parameters with commas. Without one, strict parsers reject the field or merge the two challenges; many clients then see only the first scheme."),
        DeviationKind::Duplicate => (ids::DUPLICATE_PARAM, "A parameter appears twice", "Each parameter may appear once per challenge. Clients disagree on which copy wins (first or last); strict ones reject the challenge."),
        DeviationKind::UnclosedQuote => (ids::UNCLOSED_QUOTE, "A quoted value has no closing quote", "A strict parser rejects the field; lenient ones read to the end of the line, swallowing any later parameters."),
        DeviationKind::UnquotedValue => (ids::UNQUOTED_VALUE, "An unquoted value holds characters that need quotes", "Most clients read it up to the next comma or space, but a strict RFC 9110 parser rejects it."),
        DeviationKind::Syntax => (ids::GRAMMAR, "The challenge does not follow the header grammar", "Clients differ on malformed challenges: many skip to the next comma, some ignore the whole field."),
    };
    let spec = RFC9110_CHALLENGE;
    Finding::warning(id,
        title,
        format!(
            "At character {} of \"{}\": {}. authlens used the most plausible reading. {clients}",
            d.pos + 1,
            text::clip(value, 60),
            d.message
        ),
    )
    .fix("Send challenges as: Scheme param=\"value\", param2=\"value\", with a comma before the next scheme.")
    .spec(spec)
}

/// Findings a single challenge calls for (errors, stale nonces, handshakes).
fn challenge_findings(r: &mut Report, item: &AuthItem) {
    let scheme = item.scheme.to_ascii_lowercase();
    if let Some(err) = item.param("error") {
        let (id, status, fix) = match err {
            "invalid_token" => (ids::INVALID_TOKEN, "401", "Refresh the access token (or sign in again) and retry. If a fresh token fails too, check its aud, iss and signing key against what this API expects."),
            "insufficient_scope" => (ids::INSUFFICIENT_SCOPE, "403", "Request a token that includes the scope listed in the challenge (ask the authorization server for it, and make sure the app is allowed to get it)."),
            "invalid_request" => (ids::INVALID_REQUEST, "400", "Send the token once, in the Authorization header only, and check the request's parameters."),
            "use_dpop_nonce" => (ids::USE_DPOP_NONCE, "401", "Read the DPoP-Nonce response header and retry with a new proof that carries it as nonce."),
            "invalid_dpop_proof" => (ids::INVALID_DPOP_PROOF, "401", "Create a fresh DPoP proof for this exact method and URL, with ath for this token."),
            _ => (ids::OTHER_ERROR, "", "Read error_description, or the API's documentation for this code."),
        };
        let mut explanation = params::meaning(&item.scheme, "error", err);
        if let Some(d) = item.param("error_description") {
            explanation.push_str(&format!(" The server adds: \"{}\".", text::visible(d)));
        }
        if let Some(scope) = item.param("scope") {
            explanation.push_str(&format!(" Required scope: {scope}."));
        }
        let title = if status.is_empty() {
            format!("The server says: {err}")
        } else {
            format!("The server says: {err} (goes with HTTP {status})")
        };
        r.push(
            Finding::error(id, title, explanation)
                .fix(fix)
                .spec(RFC6750_ERR),
        );
    }
    if scheme == "digest"
        && item
            .param("stale")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        r.push(Finding::warning(ids::STALE_TRUE_NONCE_EXPIRED,
            "stale=true: the nonce expired, the password was fine",
            "The server rejected an old nonce, not the credentials. A correct client retries once with the new nonce without prompting.",
        ).fix("Retry with the nonce from this challenge; if it loops, the client is reusing nonces or the server's nonce lifetime is too short.").spec(SpecRef::new("RFC 7616 §3.3", "https://www.rfc-editor.org/rfc/rfc7616#section-3.3")));
    }
    if let Some(url) = item.param("resource_metadata") {
        r.push(Finding::info(ids::SERVER_NAMES_RESOURCE_METADATA,
            "The server names its resource metadata",
            format!("{url} (RFC 9728) lists the authorization servers that issue tokens for this API. Fetch it (button above) to see where to get a token."),
        ).spec(SpecRef::new("RFC 9728 §5.1", "https://www.rfc-editor.org/rfc/rfc9728#section-5.1")));
        let ask = Ask::Fetch {
            kind: FetchKind::ResourceMetadata,
            url: url.to_string(),
        };
        r.ask(ask);
    }
    if matches!(scheme.as_str(), "negotiate" | "ntlm") {
        if let Some(t) = &item.token68 {
            r.push(Finding::info(ids::TOKEN68_CHALLENGE,
                format!("A token68 {} challenge", item.scheme),
                "This continues a handshake with a base64 token instead of parameters. Some challenge parsers reject token68 by design (Rust's http-auth crate does), so a client built on them cannot complete NTLM or Negotiate.",
            ).spec(RFC9110_CHALLENGE));
            let inner = crate::engine::ntlm::analyze(&item.scheme, t);
            r.absorb(inner);
        }
    }
    if scheme == "basic" && item.param("realm").is_none() {
        r.push(
            Finding::warning(
                ids::BASIC_CHALLENGE_WITHOUT_REALM,
                "Basic challenge without realm",
                "RFC 7617 requires realm. Some clients ignore a Basic challenge without it.",
            )
            .fix("Add realm=\"…\".")
            .spec(SpecRef::new(
                "RFC 7617 §2",
                "https://www.rfc-editor.org/rfc/rfc7617#section-2",
            )),
        );
    }
}

/// Analyses challenges already split into field values.
pub fn analyze_values(values: &[&str]) -> Report {
    let ch = parse_values(values);
    let mut r = report_for(&ch);
    for v in &ch.crowded {
        r.push(Finding::info(ids::SEVERAL_CHALLENGES_ONE_HEADER,
            "Several challenges in one header line",
            format!("\"{}\" is valid RFC 9110, but browsers and Go's net/http read one challenge per WWW-Authenticate line, and common npm parsers handle one challenge per field: they may see only the first scheme.", text::clip(v, 60)),
        ).fix("Send each challenge in its own WWW-Authenticate header line.").spec(RFC9110_CHALLENGE));
    }
    r
}

/// The report for parsed challenges: a table per challenge plus findings.
pub fn report_for(ch: &Challenges) -> Report {
    let mut r =
        Report::new("An authentication challenge: what the server asks the client to send.");
    for (value, d) in &ch.deviations {
        r.push(deviation_finding(value, d));
    }
    for (n, item) in ch.items.iter().enumerate() {
        let meaning = schemes::lookup(&item.scheme).map_or("an unregistered scheme", |s| s.meaning);
        let mut rows = vec![vec![
            "(scheme)".to_string(),
            item.scheme.clone(),
            meaning.to_string(),
        ]];
        if let Some(t) = &item.token68 {
            rows.push(vec![
                "(token68)".to_string(),
                text::clip(t, 80),
                "A base64 token: the next step of a multi-step handshake.".to_string(),
            ]);
        }
        // Rows past the report's bound would be built only to be counted.
        for p in item.params.iter().take(MAX_ROWS) {
            rows.push(vec![
                p.name.clone(),
                text::visible(&p.value),
                params::meaning(&item.scheme, &p.name, &p.value),
            ]);
        }
        if item.params.len() > MAX_ROWS {
            rows.push(vec![
                format!(
                    "… and {} more parameters",
                    thousands(item.params.len() - MAX_ROWS)
                ),
                String::new(),
                String::new(),
            ]);
        }
        rows.push(vec![
            "(client action)".to_string(),
            String::new(),
            params::client_action(&item.scheme, item.token68.is_some()).to_string(),
        ]);
        r.part(Part::Table {
            title: format!("Challenge {}: {}", n + 1, item.scheme),
            columns: vec!["Parameter".into(), "Value".into(), "Meaning".into()],
            rows,
        });
        challenge_findings(&mut r, item);
    }
    match ch.items.len() {
        0 => r.push(Finding::error(ids::NO_CHALLENGE_FOUND,
            "No challenge found",
            "A challenge starts with a scheme name such as Basic or Bearer. Nothing like that was found.",
        ).spec(RFC9110_CHALLENGE)),
        1 => r.summary = format!("1 challenge: the server wants {} credentials.", ch.items[0].scheme),
        n => r.summary = format!("{n} challenges: the server accepts any one of {}.", ch.items.iter().map(|i| i.scheme.as_str()).collect::<Vec<_>>().join(", ")),
    }
    r
}

/// Analyses pasted challenge text (header lines or bare values).
pub fn analyze(input: &str) -> Report {
    let (values, folded) = field_values(input);
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let mut r = analyze_values(&refs);
    if folded {
        // Documentation (RFCs, vendor guides) prints long headers folded for width, so a folded
        // paste says little about what the server sent: note it, do not warn.
        r.findings.insert(
            0,
            Finding::info(
                ids::LINE_FOLDING,
                "The header is folded over several lines",
                "authlens read the indented lines as part of the header above, as documentation prints long headers. A server must not send them folded (obsolete line folding): HTTP/2 and HTTP/3 cannot carry it, and HTTP/1.1 clients join the lines with spaces or reject the response.",
            )
            .spec(SpecRef::new(
                "RFC 9112 §5.2",
                "https://www.rfc-editor.org/rfc/rfc9112#section-5.2",
            )),
        );
    }
    r
}

#[cfg(test)]
mod tests;

/// Property: a challenge printed by the RFC 9110 grammar parses back to the same scheme and
/// parameters, without deviations.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]

        #[test]
        fn print_then_parse_round_trips(
            scheme in "[A-Za-z][A-Za-z0-9-]{0,12}",
            params in proptest::collection::vec(("[a-z][a-z0-9_]{0,8}", "[ -!#-\\[\\]-~]{0,20}"), 1..5),
        ) {
            let mut seen = std::collections::HashSet::new();
            let params: Vec<_> = params.into_iter().filter(|(n, _)| seen.insert(n.clone())).collect();
            let printed = format!(
                "{scheme} {}",
                params.iter().map(|(n, v)| format!("{n}=\"{v}\"")).collect::<Vec<_>>().join(", ")
            );
            let ch = parse_values(&[printed.as_str()]);
            prop_assert!(ch.deviations.is_empty(), "{printed}: {:?}", ch.deviations);
            prop_assert_eq!(ch.items.len(), 1);
            prop_assert_eq!(&ch.items[0].scheme, &scheme);
            let got: Vec<(String, String)> = ch.items[0].params.iter().map(|p| (p.name.clone(), p.value.clone())).collect();
            prop_assert_eq!(got, params);
        }
    }
}
