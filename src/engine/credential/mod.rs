//! `Authorization` / `Proxy-Authorization` values: split the scheme and hand off to its analysis.

pub mod api_gateway;
pub mod api_key;
pub mod aws;
pub mod basic;
pub mod bearer;
pub mod digest;
pub mod dpop;
pub mod known_token;

pub mod oauth1;
pub mod other;
pub mod scheme_mistakes;

use super::authparams::{self, AuthItem};
use super::context::{Context, RequestInfo};
use super::core::clock::Clock;
use super::core::finding::{Field, Finding, Part, Report, SpecRef};
use super::core::scheme as schemes;
use super::core::text;
use super::jwt;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The value does not follow the header grammar"
    pub const GRAMMAR: FindingId = FindingId("credential.grammar");
    /// "No authentication scheme"
    pub const NO_SCHEME: FindingId = FindingId("credential.no_scheme");
    /// "Sent to a proxy"
    pub const PROXY: FindingId = FindingId("credential.proxy");
    /// "{} scheme"
    pub const SCHEME_INFO: FindingId = FindingId("credential.scheme_info");
    /// "Scheme written as "{first}" instead of "{}""
    pub const SCHEME_SPELLING: FindingId = FindingId("credential.scheme_spelling");
    /// "{} is shown as sent"
    pub const SHOWN_AS_SENT: FindingId = FindingId("credential.shown_as_sent");
    /// "Unknown scheme "{first}""
    pub const UNKNOWN_SCHEME: FindingId = FindingId("credential.unknown_scheme");
}

const RFC9110_CRED: SpecRef = SpecRef::new(
    "RFC 9110 §11.4",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.4",
);

/// Strips an `Authorization:` / `Proxy-Authorization:` name; returns the value and whether it was the proxy header.
pub fn strip_header_name(input: &str) -> (&str, bool) {
    let t = input.trim();
    if let Some(h) = t.split_once(':') {
        let name = h.0.trim();
        if name.eq_ignore_ascii_case("authorization") {
            return (h.1, false);
        }
        if name.eq_ignore_ascii_case("proxy-authorization") {
            return (h.1, true);
        }
    }
    (t, false)
}

/// How many credentials of one request are judged one by one. Each is read against the
/// request's other headers, so a paste with thousands of Authorization headers would take time
/// quadratic in its size; past the first few the rest say nothing new.
pub const MAX_PER_REQUEST: usize = 8;

/// Analyses a credential pasted on its own (a header line or bare value).
pub fn analyze(input: &str, ctx: &Context) -> Report {
    analyze_in_request(input, &RequestInfo::default(), ctx)
}

/// Analyses a credential with what is known about the request that carried it.
pub fn analyze_in_request(input: &str, req: &RequestInfo, ctx: &Context) -> Report {
    // A scheme written wrong: name the mistake, then read the credential as it was meant, a
    // few mistakes deep (a loop, not a recursion as deep as "Bearer Bearer …" is long).
    let mut mistakes = Report::default();
    let mut meant: Option<String> = None;
    for _ in 0..MAX_MISTAKES {
        let (value, proxy) = strip_header_name(meant.as_deref().unwrap_or(input));
        let value = value.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
        // Folded lines (as RFCs print headers) are one value.
        let unfolded = super::core::header::unfold(value);
        let Some((mistake, as_meant)) = scheme_mistakes::check(unfolded.as_ref()) else {
            break;
        };
        mistakes.push(mistake);
        meant = Some(match proxy {
            true => format!("Proxy-Authorization: {as_meant}"),
            false => as_meant,
        });
    }
    let as_meant = meant.as_deref().unwrap_or(input);
    let mut r = read(as_meant, req, ctx);
    if req.host().as_deref().is_some_and(api_gateway::is_host) {
        api_gateway::settle(&mut r, strip_header_name(as_meant).0);
    }
    r.findings.splice(0..0, mistakes.findings);
    r
}

/// Scheme mistakes named before the credential is read as meant.
const MAX_MISTAKES: usize = 8;

/// The credential in `input`, its scheme written right.
fn read(input: &str, req: &RequestInfo, ctx: &Context) -> Report {
    let clock = ctx.clock;
    let (value, proxy) = strip_header_name(input);
    let value = value.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
    let unfolded = super::core::header::unfold(value);
    let value = unfolded.as_ref();
    let first = value.split([' ', '\t']).next().unwrap_or("");
    let rest = value.get(first.len()..).unwrap_or_default();
    let Some(info) = schemes::lookup(first) else {
        return bare(value, clock);
    };
    let with_params = |f: &dyn Fn(&AuthItem) -> Report| {
        let parsed = authparams::parse(value);
        let mut r = match parsed.items.first() {
            Some(item) => f(item),
            None => Report::new(format!("{} credentials.", info.name)),
        };
        // AWS SigV4 always sends '/' and ';' unquoted; that is its documented format.
        let aws = info.name == "AWS4-HMAC-SHA256";
        for d in parsed.deviations {
            if aws && d.kind == authparams::DeviationKind::UnquotedValue {
                continue;
            }
            r.push(
                Finding::warning(
                    ids::GRAMMAR,
                    "The value does not follow the header grammar",
                    format!("At character {}: {}.", d.pos + 1, d.message),
                )
                .spec(RFC9110_CRED),
            );
        }
        r
    };
    let mut r = match info.name {
        "Basic" => basic::analyze(rest),
        "Bearer" => bearer::analyze_for(rest, clock, ctx.audience()),
        "Digest" => with_params(&|item| digest::analyze(item, req, &ctx.digest)),
        "AWS4-HMAC-SHA256" => with_params(&|item| aws::analyze(item, req, clock.now)),
        "NTLM" | "Negotiate" | "Kerberos" => super::ntlm::analyze(info.name, rest),
        "OAuth" => with_params(&|item| oauth1::analyze(item, clock.now)),
        "DPoP" => dpop::analyze(rest, req, clock),
        "vapid" => with_extra(
            generic(info, value),
            with_params(&|item| other::vapid(item, clock)),
        ),
        "Hawk" => with_extra(generic(info, value), with_params(&other::hawk)),
        "Token" | "Bot" | "ApiKey" => {
            with_extra(generic(info, value), with_params(&other::token_like))
        }
        // `account:signature`, outside the token68 grammar by its vendor's design.
        "SharedKey" | "SharedKeyLite" | "AWS" => {
            with_extra(scheme_report(info), other::id_signature(rest))
        }
        _ => {
            let mut r = generic(info, value);
            r.push(Finding::info(
                ids::SHOWN_AS_SENT,
                format!("{} is shown as sent", info.name),
                "authlens lists this scheme's parameters but has no further checks for it.",
            ));
            r
        }
    };
    // GitHub documents lower-case `token`; only flag the spellings servers are known to reject.
    if first != info.name && info.name != "Token" {
        r.findings.insert(
            0,
            Finding::info(ids::SCHEME_SPELLING,
                format!("Scheme written as \"{first}\" instead of \"{}\"", info.name),
                "Scheme names are case-insensitive, so this is valid, but some servers and proxies compare them exactly and reject it.",
            )
            .fix(format!("Write \"{}\" to be safe.", info.name))
            .spec(RFC9110_CRED),
        );
    }
    // Where the request went says whether the key fits it.
    if let Some(host) = req.host() {
        let token = rest.trim();
        if let Some(f) =
            known_token::identify(token).and_then(|f| known_token::wrong_service(f, &host))
        {
            r.push(f);
        }
        if info.name == "Bearer" {
            r.extend_findings(api_key::functions_key_missing(req, &host));
        }
    }
    if proxy {
        r.push(Finding::info(ids::PROXY,
            "Sent to a proxy",
            "Proxy-Authorization is read and removed by the first proxy that asked for it (407); the origin server never sees it.",
        ).spec(SpecRef::new("RFC 9110 §11.7.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.7.2")));
    }
    r
}

/// A value with no recognised scheme: a bare token, JWT, or user:password.
fn bare(value: &str, clock: Clock) -> Report {
    let missing = Finding::error(ids::NO_SCHEME,
        "No authentication scheme",
        "An Authorization value must start with a scheme such as Basic or Bearer, then a space, then the credentials. Servers do not know how to read it otherwise.",
    )
    .spec(RFC9110_CRED);
    if jwt::looks_like_jwt(value) || known_token::identify(value).is_some() {
        let mut r = bearer::analyze(value, clock);
        r.findings.insert(
            0,
            missing.fix(format!(
                "Send: Authorization: Bearer {}",
                text::clip(value, 24)
            )),
        );
        return r;
    }
    if value.contains(':') && !value.contains(' ') {
        let mut r = basic::analyze(value);
        r.findings.insert(
            0,
            missing.fix("Send: Authorization: Basic base64(user:password)."),
        );
        return r;
    }
    let first = value.split(' ').next().unwrap_or("");
    if value.contains(' ') && super::http::is_token(first) {
        let mut r = Report::new(format!("A credential with the unknown scheme \"{first}\"."));
        r.push(Finding::warning(ids::UNKNOWN_SCHEME,
            format!("Unknown scheme \"{first}\""),
            "This is not a registered HTTP authentication scheme. It works only if this particular server was built to accept it.",
        ).fix("Check the API's documentation for the scheme it expects.").spec(SpecRef::new("IANA registry", "https://www.iana.org/assignments/http-authschemes/")));
        r.absorb(params_part(value));
        return r;
    }
    let mut r = bearer::analyze(value, clock);
    r.summary = "A bare token with no scheme.".to_string();
    r.findings.insert(
        0,
        missing.fix("If this is an access token, send: Authorization: Bearer <token>."),
    );
    r
}

fn with_extra(mut base: Report, extra: Report) -> Report {
    base.absorb(extra);
    base
}

/// A recognised scheme: its meaning and its parameters as a table.
fn generic(info: &schemes::SchemeInfo, value: &str) -> Report {
    let mut r = scheme_report(info);
    r.absorb(params_part(value));
    r
}

/// What a recognised scheme is.
fn scheme_report(info: &schemes::SchemeInfo) -> Report {
    let mut r = Report::new(format!("{} credentials: {}.", info.name, info.meaning));
    r.push(
        Finding::info(
            ids::SCHEME_INFO,
            format!("{} scheme", info.name),
            format!("{}.", crate::engine::core::text::capitalise(info.meaning)),
        )
        .spec(info.spec),
    );
    r
}

/// The token68 or parameters of one credential, and any grammar problems.
fn params_part(value: &str) -> Report {
    let mut r = Report::default();
    let parsed = authparams::parse(value);
    if let Some(item) = parsed.items.first() {
        let mut rows = Vec::new();
        if let Some(t) = &item.token68 {
            rows.push(Field::secret("Token", text::visible(t)));
        }
        for p in &item.params {
            rows.push(Field::new(p.name.clone(), text::visible(&p.value)));
        }
        if !rows.is_empty() {
            r.part(Part::Fields {
                title: "Parameters".to_string(),
                rows,
            });
        }
    }
    for d in parsed.deviations {
        r.push(
            Finding::warning(
                ids::GRAMMAR,
                "The value does not follow the header grammar",
                format!("At character {}: {}.", d.pos + 1, d.message),
            )
            .spec(RFC9110_CRED),
        );
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_line_and_case() {
        let r = analyze(
            "authorization: basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            &Context::default(),
        );
        assert!(r.has_id("credential.scheme_spelling"));
        assert!(r.parts.iter().any(
            |p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.value == "Aladdin"))
        ));
    }

    #[test]
    fn vendor_id_signature_schemes_are_known() {
        // https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key
        for v in [
            "Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=",
            "Authorization: AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=",
        ] {
            let r = analyze(v, &Context::default());
            assert!(r.has_id("credential.scheme_info"), "{v}");
            assert!(!r.has_id("credential.unknown_scheme") && !r.has_id("credential.grammar"));
            assert!(!r.has_id("token.aws_key_id_alone"), "{v}");
        }
    }

    #[test]
    fn bare_values() {
        assert!(analyze("alice:pw", &Context::default()).has_id("credential.no_scheme"));
        assert!(analyze(
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            &Context::default()
        )
        .has_id("token.identified"));
        assert!(analyze("Foo abc", &Context::default()).has_id("credential.unknown_scheme"));
    }

    #[test]
    fn generic_scheme_lists_params() {
        let r = analyze(
            "Digest username=\"Mufasa\", realm=\"x\"",
            &Context::default(),
        );
        assert!(r.parts.iter().any(
            |p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.value == "Mufasa"))
        ));
    }
}

#[cfg(test)]
mod big_input {
    use super::*;

    /// 10 MB inputs of every shape give findings, not panics (and finish: no quadratic paths).
    #[test]
    fn ten_megabytes_of_each_scheme() {
        let blob = "QUJD".repeat(2_621_440);
        let params = "a=b, ".repeat(2_000_000);
        for input in [
            format!("Basic {blob}"),
            format!("Bearer {blob}"),
            format!("Digest {params}"),
            format!("NTLM {blob}"),
            format!("Negotiate {blob}"),
            format!("OAuth {params}"),
            format!("AWS4-HMAC-SHA256 {params}"),
            "\u{0}\u{1}\u{ff}".repeat(3_500_000),
        ] {
            let r = analyze(&input, &Context::default());
            assert!(!r.summary.is_empty());
        }
    }
}

/// The credential with the mistakes authlens can repair mechanically repaired (scheme case,
/// doubled scheme, quotes around a token, whitespace around a Basic user or password).
pub fn corrected(value: &str) -> String {
    let (value, _) = strip_header_name(value);
    let value = value.trim();
    let first = value.split([' ', '\t']).next().unwrap_or("");
    let Some(info) = schemes::lookup(first) else {
        return value.to_string();
    };
    let mut rest = value.get(first.len()..).unwrap_or_default().trim();
    if let Some(again) = rest
        .split(' ')
        .next()
        .filter(|w| w.eq_ignore_ascii_case(info.name))
    {
        rest = rest.get(again.len()..).unwrap_or_default().trim();
    }
    match info.name {
        "Basic" => {
            let decoded = super::core::b64::decode(rest).ok().map(|d| d.bytes);
            let plain = match decoded.as_deref().map(std::str::from_utf8) {
                Some(Ok(t)) if t.contains(':') => t.to_string(),
                _ if rest.contains(':') => rest.to_string(),
                _ => return format!("Basic {rest}"),
            };
            let (u, p) = plain.split_once(':').unwrap_or((&plain, ""));
            format!(
                "Basic {}",
                super::core::b64::encode(format!("{}:{}", u.trim(), p.trim()).as_bytes())
            )
        }
        "Bearer" => format!("Bearer {}", rest.trim_matches(|c| c == '"' || c == '\'')),
        name => format!("{name} {rest}"),
    }
}

#[cfg(test)]
mod corrected_tests {
    use super::corrected;

    #[test]
    fn repairs_what_it_can() {
        assert_eq!(
            corrected("basic YWxpY2U6c2VjcmV0Cg=="),
            "Basic YWxpY2U6c2VjcmV0"
        );
        assert_eq!(corrected("Basic Basic YTpi"), "Basic YTpi");
        assert_eq!(corrected("Basic alice:pw"), "Basic YWxpY2U6cHc=");
        assert_eq!(corrected("Authorization: Bearer \"abc\""), "Bearer abc");
        assert_eq!(corrected("Digest username=\"a\""), "Digest username=\"a\"");
    }
}
