//! A pasted request and/or response read together.

use super::context::{Context, RequestInfo};
use super::finding::{Field, Finding, Part, Report, SpecRef};
use super::http::{self, Exchange};
use super::{challenge, credential, text};

/// Analyses a raw dump or `curl -v` output.
pub fn analyze(input: &str, ctx: &Context) -> Report {
    analyze_exchange(&http::parse_exchange(input), ctx)
}

/// Analyses a parsed exchange.
pub fn analyze_exchange(ex: &Exchange, ctx: &Context) -> Report {
    let mut r = Report::new("An HTTP exchange.");
    let mut sent_auth = false;
    if let Some(req) = &ex.request {
        let mut rows = Vec::new();
        if let Some(l) = &req.line {
            rows.push(Field::new("Request", format!("{} {}", l.method, l.target)));
        }
        if let Some(host) = http::header_values(&req.headers, "host").first() {
            rows.push(Field::new("Host", *host));
        }
        if !rows.is_empty() {
            r.part(Part::Fields {
                title: "Request".to_string(),
                rows,
            });
        }
        let info = RequestInfo {
            method: req.line.as_ref().map(|l| l.method.clone()),
            target: req.line.as_ref().map(|l| l.target.clone()),
            headers: req.headers.clone(),
            body: Some(req.body.clone()).filter(|b| !b.is_empty()),
        };
        for name in ["authorization", "proxy-authorization"] {
            for v in http::header_values(&req.headers, name) {
                sent_auth = true;
                r.absorb(credential::analyze_in_request(
                    &format!("{name}: {v}"),
                    &info,
                    ctx,
                ));
            }
        }
    }
    if let Some(resp) = &ex.response {
        let code = resp.status.as_ref().map(|s| s.code);
        if let Some(s) = &resp.status {
            r.part(Part::Fields {
                title: "Response".to_string(),
                rows: vec![Field::new("Status", format!("{} {}", s.code, s.reason))],
            });
        }
        let challenges = http::header_values(&resp.headers, "www-authenticate");
        let proxy_challenges = http::header_values(&resp.headers, "proxy-authenticate");
        if !challenges.is_empty() {
            r.absorb(challenge::analyze_values(&challenges));
        }
        if !proxy_challenges.is_empty() {
            r.absorb(challenge::analyze_values(&proxy_challenges));
        }
        status_findings(
            &mut r,
            code,
            !challenges.is_empty(),
            !proxy_challenges.is_empty(),
            sent_auth,
            ex.request.is_some(),
        );
        if !resp.body.trim().is_empty() {
            r.part(Part::Code {
                title: "Response body".to_string(),
                text: text::visible(&text::clip(&resp.body, 4000)).replace("⟨LF⟩", "\n"),
            });
        }
    }
    r.summary = match (ex.request.is_some(), ex.response.is_some()) {
        (true, true) => "A request and its response, read together.",
        (true, false) => "An HTTP request.",
        (false, true) => "An HTTP response.",
        (false, false) => "Nothing HTTP-like was found.",
    }
    .to_string();
    r
}

fn status_findings(
    r: &mut Report,
    code: Option<u16>,
    www: bool,
    proxy: bool,
    sent_auth: bool,
    have_request: bool,
) {
    match code {
        Some(401) if !www => r.push(
            Finding::error(
                "401 without a WWW-Authenticate header",
                "RFC 9110 requires a 401 to say which scheme the server wants. Without it clients cannot tell what to send. Common with SPAs and API gateways, or the header exists but was stripped by a proxy.",
            )
            .fix("Make the server send WWW-Authenticate (e.g. Bearer realm=\"api\") with every 401; or use 403 if authentication is not the issue.")
            .spec(SpecRef::new("RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2")),
        ),
        Some(401) => r.push(Finding::info(
            "401 Unauthorized: the server wants (other) credentials",
            if sent_auth { "Credentials were sent but not accepted: see the findings above for what is wrong with them." } else if have_request { "The request carried no Authorization header." } else { "Send credentials in one of the schemes the challenge lists." },
        ).spec(SpecRef::new("RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"))),
        Some(403) => r.push(Finding::info(
            "403 Forbidden: the server knows who you are, but says no",
            "New credentials for the same identity will not help. The account lacks a permission, role or scope, or a rule (IP, CSRF, WAF) blocked it.",
        ).spec(SpecRef::new("RFC 9110 §15.5.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4"))),
        Some(407) => {
            r.push(Finding::info(
                "407: a proxy between you and the server wants credentials",
                "Not the API: the proxy wants Proxy-Authorization. Configure the proxy credentials in the client (e.g. curl --proxy-user, HTTPS_PROXY=http://user:pass@proxy).",
            ).spec(SpecRef::new("RFC 9110 §15.5.8", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8")));
            if !proxy {
                r.push(Finding::error("407 without Proxy-Authenticate", "The proxy must say which scheme it wants.").spec(SpecRef::new("RFC 9110 §11.7.1", "https://www.rfc-editor.org/rfc/rfc9110#section-11.7.1")));
            }
        }
        Some(419) | Some(440) => r.push(Finding::info(
            "Session expired (non-standard status)",
            "419 (Laravel: CSRF token mismatch / page expired) and 440 (IIS/Exchange: login time-out) are vendor codes: the session or CSRF token is stale. Log in again or refresh the CSRF token.",
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_401_without_challenge() {
        let r = analyze(
            "HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nnope",
            &Context::default(),
        );
        assert!(r.has_title("401 without a WWW-Authenticate"));
    }

    #[test]
    fn reads_request_credentials_and_challenge() {
        let r = analyze(
            "GET / HTTP/1.1\nHost: a\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"x\"\n",
            &Context::default(),
        );
        assert!(r.parts.iter().any(
            |p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.value == "Aladdin"))
        ));
        assert!(r
            .parts
            .iter()
            .any(|p| matches!(p, Part::Fields { title, .. } if title.contains("Bearer"))));
    }
}
