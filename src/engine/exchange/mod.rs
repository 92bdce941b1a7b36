//! A pasted request and/or response read together: the diagnosis first, then the details.

pub mod body;
pub mod cached;
pub mod cookies;
mod diagnose;
pub mod registry;
/// The ids of the request/response diagnosis, for analyses that reach the same causes.
pub use diagnose::ids as diagnosis_ids;
pub mod server_says;
pub mod token_endpoint;
pub mod transcript;

use super::challenge::{self, Challenges};
use super::context::{Context, RequestInfo};
use super::core::finding::{Field, Finding, Part, Report, SpecRef};
use super::core::{text, time};
use super::http::{self, Exchange};
use super::{credential, curl, knowledge, signed};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The response's Date has an impossible {field}"
    pub const DATE_INVALID: FindingId = FindingId("exchange.date_invalid");
    /// "400 Bad Request: the request itself is malformed"
    pub const STATUS_400: FindingId = FindingId("status.400");
    /// "401 Unauthorized: the server wants (other) credentials"
    pub const STATUS_401: FindingId = FindingId("status.401");
    /// "401 without a WWW-Authenticate header"
    pub const STATUS_401_WITHOUT_CHALLENGE: FindingId = FindingId("status.401_without_challenge");
    /// "403 Forbidden: the server knows who you are, but says no"
    pub const STATUS_403: FindingId = FindingId("status.403");
    /// "407: a proxy between you and the server wants credentials"
    pub const STATUS_407: FindingId = FindingId("status.407");
    /// "407 without Proxy-Authenticate"
    pub const STATUS_407_WITHOUT_CHALLENGE: FindingId = FindingId("status.407_without_challenge");
    /// nginx drops a request header whose name has an underscore.
    pub const UNDERSCORE_HEADER: FindingId = FindingId("exchange.underscore_header");
    /// "Session expired (non-standard status)"
    pub const STATUS_440: FindingId = FindingId("status.440");
    /// nginx configured to send an empty Authorization header upstream.
    pub const NGINX_CLEARS_AUTHORIZATION: FindingId =
        FindingId("exchange.nginx_clears_authorization");
}

/// Analyses a raw dump or `curl -v` output.
pub fn analyze(input: &str, ctx: &Context) -> Report {
    let mut r = with_cors(read(input, ctx), input);
    // These causes lead: the command's analysis may have named one of them further down.
    let causes = paste_causes(input);
    r.findings.retain(|f| !causes.iter().any(|c| c.id == f.id));
    r.findings.splice(0..0, causes);
    settle(&mut r);
    r
}

/// Drops the server's words where the paste's own reading says more: a signed URL's window says
/// by how much it expired, so "the token has expired" adds nothing.
pub fn drop_superseded(r: &mut Report) {
    if r.has(signed::ids::EXPIRED) || r.has(signed::ids::NOT_YET_VALID) {
        r.findings.retain(|f| {
            f.id != server_says::ids::AWS_EXPIRED && f.id != server_says::ids::AZURE_SAS_TIME
        });
    }
}

/// Causes only the paste as a whole shows, across the command, the request and the response:
/// shell traps, a registry token asked for other actions, a refused refresh.
pub fn paste_causes(text: &str) -> Vec<Finding> {
    let mut out = curl::traps::findings(text);
    out.extend(token_endpoint::findings(text));
    out.extend(registry::findings(text));
    out.extend(transcript::auth_to_signed_url(text));
    out.extend(nginx_clears_authorization(text));
    out.extend(cached::findings(text));
    out
}

/// `proxy_set_header Authorization "";` in a pasted nginx config: nginx removes the header
/// before the request reaches the application, so every client's credential is lost.
fn nginx_clears_authorization(text: &str) -> Option<Finding> {
    // Without a refusal in the paste, clearing it may be intended (an upstream that wants none).
    if !(text::has(text, " 401") || text::has(text, " 403")) {
        return None;
    }
    text.lines().take(5_000).find(|l| {
        let mut w = l.split_whitespace();
        w.next() == Some("proxy_set_header")
            && w.next()
                .is_some_and(|n| n.eq_ignore_ascii_case("authorization"))
            && w.next()
                .is_some_and(|v| matches!(v, "\"\";" | "'';" | "\"\"" | "''"))
    })?;
    Some(
        Finding::error(
            ids::NGINX_CLEARS_AUTHORIZATION,
            "nginx clears the Authorization header: proxy_set_header Authorization \"\"",
            "An empty value tells nginx not to pass the header upstream, so the application never sees the token or password the client sent and answers as for an anonymous request.",
        )
        .fix("Remove that line (nginx forwards Authorization by default), or write proxy_set_header Authorization $http_authorization;.")
        .spec(SpecRef::new("nginx: proxy_set_header", "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header")),
    )
}

/// Drops what a more specific cause in the same report explains otherwise.
pub fn settle(r: &mut Report) {
    // The command and curl's own error may both show the @ in the password: one cause.
    if let Some(first) = r
        .findings
        .iter()
        .position(|f| f.id == curl::mistakes::ids::AT_IN_URL_PASSWORD)
    {
        let mut i = 0;
        r.findings.retain(|f| {
            i += 1;
            f.id != curl::mistakes::ids::AT_IN_URL_PASSWORD || i - 1 == first
        });
    }
    // The header split at spaces because of a variable, not because of cmd.exe's quotes.
    if r.has(curl::traps::ids::QUOTES_IN_VARIABLE) {
        r.findings
            .retain(|f| f.id != curl::mistakes::ids::CMD_SINGLE_QUOTES);
    }
}

/// Puts the CORS causes `text` shows (preflight, answers and the console's message read
/// together) before a report of the same exchange.
pub fn with_cors(mut r: Report, text: &str) -> Report {
    let facts = crate::engine::cors::facts::scan(text);
    let cors = crate::engine::cors::findings_from(&facts);
    if !cors.is_empty() {
        // A blocked preflight explains the failure; "no credentials" on it is expected.
        r.findings
            .retain(|f| f.id != diagnose::ids::NO_CREDENTIALS_SENT || !facts.preflight);
        r.findings.splice(0..0, cors);
    }
    r
}

fn read(input: &str, ctx: &Context) -> Report {
    match transcript::split(input) {
        Some((cmd, output)) => {
            let mut ex = http::parse_exchange(output);
            // curl -i prints only the response: the command says what was sent. Not when more
            // commands follow, whose responses would be paired with the first one's request.
            let from_command = ex.request.is_none()
                && ex.response.is_some()
                && !transcript::has_more_commands(output);
            if from_command {
                ex.request = curl::sent_request(&cmd);
            }
            let mut r = analyze_exchange(&ex, ctx);
            // A token endpoint's answer: say what kind of token it handed out.
            if let Some((_, t)) = crate::engine::jwt::find_embedded(output) {
                if let Some(claims) = crate::engine::jwt::claims(&t) {
                    let empty = serde_json::Map::new();
                    r.extend_findings(crate::engine::jwt::usage::findings(
                        &empty,
                        &claims,
                        crate::engine::jwt::TokenUse::Unknown,
                    ));
                }
            }
            // Output with no HTTP response in it (no -i/-v): still read what the server said.
            if ex.response.is_none() {
                r.add_new(knowledge::findings(output));
            }
            r.summary = format!(
                "A terminal transcript: a curl command and its output. {}",
                r.summary
            );
            for f in transcript::findings(&cmd, output) {
                r.push(f);
            }
            // What the command itself sends, when the output does not show the request.
            // One finding per cause: what the exchange already read from the request is not
            // said again.
            let cmd_report = curl::analyze(&cmd, ctx);
            let withheld = cmd_report
                .findings
                .iter()
                .any(|f| curl::mistakes::ids::WITHHOLD_CREDENTIAL.contains(&f.id));
            if from_command && withheld {
                r.findings
                    .retain(|f| f.id != diagnose::ids::NO_CREDENTIALS_SENT);
            }
            let said: std::collections::HashSet<_> = r.findings.iter().map(|f| f.id).collect();
            for f in cmd_report.findings {
                if f.id != curl::ids::NO_CREDENTIALS && !said.contains(&f.id) {
                    r.push(f);
                }
            }
            // The command's credential analysis judges the token's expiry too.
            one_expiry(&mut r);
            r
        }
        None => {
            let ex = http::parse_exchange(input);
            let mut r = analyze_exchange(&ex, ctx);
            // curl -v output of several hops, pasted without its command.
            for f in transcript::hops(input) {
                r.push(f);
            }
            if let (Some(req), Some(resp)) = (&ex.request, &ex.response) {
                let server = http::header_values(&resp.headers, "server")
                    .first()
                    .copied()
                    .unwrap_or("");
                r.extend_findings(underscore_header(
                    req.headers.iter().map(|h| h.name.as_str()),
                    server,
                ));
            }
            r
        }
    }
}

/// nginx drops request headers whose names contain `_` (underscores_in_headers off), so a key in
/// `api_key:` never reaches the application behind it.
pub(crate) fn underscore_header<'a>(
    names: impl Iterator<Item = &'a str>,
    server: &str,
) -> Option<Finding> {
    if !server.to_ascii_lowercase().contains("nginx") {
        return None;
    }
    let mut names = names;
    let name = names.find(|n| n.contains('_'))?;
    Some(
        Finding::error(
            ids::UNDERSCORE_HEADER,
            format!("nginx drops the {name} header: its name has an underscore"),
            "By default nginx ignores request headers whose names contain underscores (underscores_in_headers off), so the application behind it never sees this credential.",
        )
        .fix(format!("Rename the header with a hyphen ({}), or set underscores_in_headers on; in nginx.", name.replace('_', "-")))
        .spec(SpecRef::new("nginx: underscores_in_headers", "https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers")),
    )
}

/// What the request carried, as the analyses need it.
fn request_info(ex: &Exchange) -> Option<RequestInfo> {
    let req = ex.request.as_ref()?;
    Some(RequestInfo {
        method: req.line.as_ref().and_then(|l| l.method.parse().ok()),
        target: req.line.as_ref().map(|l| l.target.clone()),
        headers: req.headers.clone(),
        body: Some(req.body.clone()).filter(|b| !b.is_empty()),
    })
}

/// Analyses a parsed exchange.
pub fn analyze_exchange(ex: &Exchange, ctx: &Context) -> Report {
    let mut r = Report::new("An HTTP exchange.");
    // Judge token times by the server's clock when the response says what it was.
    let date_text = ex
        .response
        .as_ref()
        .and_then(|resp| http::header_values(&resp.headers, "date").first().copied());
    let date = match date_text.map(time::parse_http_date_checked) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            // An impossible date must not become "now" for the token checks.
            r.push(Finding::warning(ids::DATE_INVALID, format!("The response's Date has an impossible {}", e.field()), format!("Date cannot be read: {e}. authlens judges token times by this device's clock instead.")).fix("Check the server's clock and how it formats Date (IMF-fixdate, e.g. Sun, 06 Nov 1994 08:49:37 GMT).").spec(SpecRef::new("RFC 9110 §6.6.1", "https://www.rfc-editor.org/rfc/rfc9110#section-6.6.1")));
            None
        }
        None => None,
    };
    let mut ctx = ctx.clone();
    if let Some(d) = date {
        ctx.clock.now = Some(d);
    }
    let info = request_info(ex);
    if let (Some(req), Some(info)) = (&ex.request, &info) {
        let mut rows = Vec::new();
        if let Some(l) = &req.line {
            rows.push(Field::new("Request", format!("{} {}", l.method, l.target)));
        }
        if let Some(host) = info.header("host") {
            rows.push(Field::new("Host", host));
        }
        if !rows.is_empty() {
            r.part(Part::Fields {
                title: "Request".into(),
                rows,
            });
        }
        r.absorb(credential::api_key::analyze(&info.headers));
        r.extend_findings(credential::api_key::gitlab_job_token_endpoint(info));
        for name in ["authorization", "proxy-authorization"] {
            for v in http::header_values(&req.headers, name)
                .into_iter()
                .take(credential::MAX_PER_REQUEST)
            {
                r.absorb(credential::analyze_in_request(
                    &format!("{name}: {v}"),
                    info,
                    &ctx,
                ));
            }
        }
    }
    let mut challenges = Challenges::default();
    if let Some(resp) = &ex.response {
        if let Some(s) = &resp.status {
            let mut rows = vec![Field::new("Status", format!("{} {}", s.code, s.reason))];
            if let Some(d) = date {
                rows.push(Field::new("Date", time::utc(d)));
            }
            r.part(Part::Fields {
                title: "Response".into(),
                rows,
            });
        }
        let proxy = resp.status.as_ref().is_some_and(|s| s.code == 407);
        let name = if proxy {
            "proxy-authenticate"
        } else {
            "www-authenticate"
        };
        let values = http::header_values(&resp.headers, name);
        challenges = challenge::parse_values(&values);
        if !values.is_empty() {
            r.absorb(challenge::report_for(&challenges));
        }
        let host = info
            .as_ref()
            .and_then(|i| i.header("host").map(str::to_string));
        let path = info
            .as_ref()
            .and_then(|i| i.target.clone())
            .map(|t| path_of(&t));
        for f in cookies::findings(
            &http::header_values(&resp.headers, "set-cookie"),
            host.as_deref(),
            path.as_deref(),
            ctx.clock.now,
        ) {
            r.push(f);
        }
        let ct = http::header_values(&resp.headers, "content-type")
            .first()
            .copied();
        for f in body::findings(&resp.body, ct) {
            r.push(f);
        }
        for f in server_says::findings(
            &resp.headers,
            &challenges,
            info.as_ref().map(|i| i.headers.as_slice()),
        ) {
            r.push(f);
        }
        if !resp.body.trim().is_empty() {
            r.part(Part::Code {
                title: "Response body".into(),
                text: text::clip(&resp.body, 4000),
            });
        }
    }
    if let Some(info) = &info {
        let resp = ex.response.as_ref().map(|x| {
            (
                x.status.as_ref().map(|s| s.code),
                x.headers.as_slice(),
                x.body.as_str(),
            )
        });
        r.absorb(signed::for_request(info, resp, ctx.clock, date.is_some()));
        signed::settle(&mut r);
    }
    if let Some(resp) = &ex.response {
        for f in signed::server::findings(&resp.body) {
            r.push(f);
        }
        // What the response's own words name, after the causes read from the exchange (a
        // signed URL's reading says more, e.g. by how much a clock is off).
        r.add_new(knowledge::findings(&resp.body));
        drop_superseded(&mut r);
    }
    accepted_despite_expiry(ex, &mut r);
    let likely = r.most_likely().map(|f| f.title.clone());
    let diagnosis = diagnose::run(ex, info.as_ref(), &challenges, &ctx, likely.as_deref());
    r.findings.splice(0..0, diagnosis);
    one_expiry(&mut r);
    if let Some(info) = &info {
        if let Some(ask) = info.probe_ask() {
            r.asks.push(ask);
        }
        if let Some(cmd) = curl::from_request(info) {
            r.part(Part::Code { title: "The same request as a curl command (credentials corrected where authlens could)".into(), text: cmd });
        }
    }
    r.summary = match (ex.request.is_some(), ex.response.is_some()) {
        (true, true) => "A request and its response, read together.",
        (true, false) => "An HTTP request.",
        (false, true) => "An HTTP response.",
        (false, false) => "Nothing HTTP-like was found.",
    }
    .to_string();
    if date.is_some() {
        r.summary
            .push_str(" Token times are judged by the response's Date.");
    }
    r
}

/// The token's own expiry finding is judged by the same clock as the exchange's (the
/// response's Date when there is one), which says it with the response's time: keep that one.
fn one_expiry(r: &mut Report) {
    if r.has(diagnose::ids::EXPIRED_AT_RESPONSE) || r.has(diagnose::ids::EXPIRED_UNDATED) {
        r.findings
            .retain(|f| f.id != crate::engine::jwt::time_ids::EXPIRED);
    }
}

/// A success answered to an expired token: the expiry caused no 401 here, so it is not an error;
/// what it says is that this endpoint does not check exp, or needs no token at all.
fn accepted_despite_expiry(ex: &Exchange, r: &mut Report) {
    let ok = ex
        .response
        .as_ref()
        .and_then(|resp| resp.status.as_ref())
        .is_some_and(|s| (200..300).contains(&s.code));
    if !ok {
        return;
    }
    for f in r
        .findings
        .iter_mut()
        .filter(|f| f.id == crate::engine::jwt::time_ids::EXPIRED)
    {
        f.severity = crate::engine::Severity::Warning;
        f.explanation = "The server still answered with success: this endpoint does not check exp (so it accepts any old token), or it needs no token at all. An API that checks exp answers 401.".into();
        f.fix =
            Some("If the endpoint is meant to be protected, make it reject expired tokens.".into());
    }
}

/// The path of a request target (absolute URL or origin-form), without query.
pub fn path_of(target: &str) -> String {
    let after_scheme = target.split_once("://").map_or(target, |(_, rest)| {
        rest.find('/')
            .map_or("/", |i| rest.get(i..).unwrap_or_default())
    });
    after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string()
}

/// RFC 9110 status explanations.
pub(crate) fn status_finding(code: u16, www: bool, proxy_challenge: bool) -> Option<Finding> {
    let spec = |s: &'static str, u: &'static str| SpecRef::new(s, u);
    Some(match code {
        400 => Finding::info(ids::STATUS_400, "400 Bad Request: the request itself is malformed", "Not an authentication failure as such: a missing or repeated parameter, a malformed header, or (OAuth) the token sent in two places.").spec(spec("RFC 9110 §15.5.1", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1")),
        // The server's deviation, rarely why the credential failed: a warning, not a cause.
        401 if !www => Finding::warning(ids::STATUS_401_WITHOUT_CHALLENGE,
            "401 without a WWW-Authenticate header",
            "RFC 9110 requires a 401 to say which scheme the server wants. Without it clients cannot tell what to send. Common with SPAs and API gateways, or the header exists but a proxy stripped it.",
        ).fix("Make the server send WWW-Authenticate (e.g. Bearer realm=\"api\") with every 401, or answer 403 when authentication is not the problem.").spec(spec("RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2")),
        401 => Finding::info(ids::STATUS_401, "401 Unauthorized: the server wants (other) credentials", "The request lacked valid credentials for this resource; the challenge says which scheme to use.").spec(spec("RFC 9110 §15.5.2", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2")),
        403 => Finding::info(ids::STATUS_403, "403 Forbidden: the server knows who you are, but says no", "New credentials for the same identity will not help: a permission, role or scope is missing, or a rule (IP, CSRF, WAF) blocked it.").spec(spec("RFC 9110 §15.5.4", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4")),
        407 if !proxy_challenge => Finding::error(ids::STATUS_407_WITHOUT_CHALLENGE, "407 without Proxy-Authenticate", "The proxy must say which scheme it wants.").spec(spec("RFC 9110 §15.5.8", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8")),
        407 => Finding::info(ids::STATUS_407, "407: a proxy between you and the server wants credentials", "Not the API: the proxy wants Proxy-Authorization. Configure the proxy credentials in the client (curl --proxy-user, HTTPS_PROXY=http://user:pass@proxy:port).").spec(spec("RFC 9110 §15.5.8", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8")),
        419 | 440 => Finding::info(ids::STATUS_440, "Session expired (non-standard status)", "419 (Laravel: CSRF token mismatch, page expired) and 440 (IIS/Exchange: login time-out) are vendor codes: the session or CSRF token is stale. Log in again or refresh the CSRF token."),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
