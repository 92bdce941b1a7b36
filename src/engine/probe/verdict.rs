//! Reading the pattern of probe outcomes: the named cause, its evidence, the fix.

use super::plan::{Probe, ProbeId};
use super::snippets::{self, CorsNeeds};
use super::{CredMode, ProbeRequest};
use crate::engine::challenge;
use crate::engine::core::finding::{Finding, FindingId, Part, Report, SpecRef, Step, StepState};
use crate::engine::core::shell::shell_quote;
use crate::engine::core::url::parse_url;
use crate::engine::http::Header;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The server answered HTTP {s}"
    pub const HTTP_STATUS: FindingId = FindingId("verdict.http_status");
    /// "No probe was run"
    pub const NOT_RUN: FindingId = FindingId("verdict.not_run");
    /// "Headers scripts cannot read"
    pub const UNREADABLE_HEADERS: FindingId = FindingId("verdict.unreadable_headers");
    /// Verdict: Unreachable
    pub const CAUSE_UNREACHABLE: FindingId = FindingId("verdict.unreachable");
    /// Verdict: MixedContent
    pub const CAUSE_MIXED_CONTENT: FindingId = FindingId("verdict.mixed_content");
    /// Verdict: LocalNetwork
    pub const CAUSE_LOCAL_NETWORK: FindingId = FindingId("verdict.local_network");
    /// Verdict: NoAllowOrigin
    pub const CAUSE_NO_ALLOW_ORIGIN: FindingId = FindingId("verdict.no_allow_origin");
    /// Verdict: AllowOriginOnlyOnSuccess
    pub const CAUSE_ALLOW_ORIGIN_ONLY_ON_SUCCESS: FindingId =
        FindingId("verdict.allow_origin_only_on_success");
    /// Verdict: PreflightRejected
    pub const CAUSE_PREFLIGHT_REJECTED: FindingId = FindingId("verdict.preflight_rejected");
    /// Verdict: MethodNotAllowed
    pub const CAUSE_METHOD_NOT_ALLOWED: FindingId = FindingId("verdict.method_not_allowed");
    /// Verdict: HeaderNotAllowed
    pub const CAUSE_HEADER_NOT_ALLOWED: FindingId = FindingId("verdict.header_not_allowed");
    /// Verdict: CredentialsMode
    pub const CAUSE_CREDENTIALS_MODE: FindingId = FindingId("verdict.credentials_mode");
    /// Verdict: ChallengeNotExposed
    pub const CAUSE_CHALLENGE_NOT_EXPOSED: FindingId = FindingId("verdict.challenge_not_exposed");
    /// Verdict: AuthFails
    pub const CAUSE_AUTH_FAILS: FindingId = FindingId("verdict.auth_fails");
    /// Verdict: Forbidden
    pub const CAUSE_FORBIDDEN: FindingId = FindingId("verdict.forbidden");
    /// Verdict: Redirect
    pub const CAUSE_REDIRECT: FindingId = FindingId("verdict.redirect");
    /// Verdict: Works
    pub const CAUSE_WORKS: FindingId = FindingId("verdict.works");
}

/// What one fetch gave the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `fetch()` rejected with a TypeError (CORS, DNS, TLS, refused, blocked).
    NetworkError {
        /// Milliseconds until it failed.
        ms: f64,
    },
    /// No answer within the time limit.
    TimedOut {
        /// The limit that was hit.
        ms: f64,
    },
    /// An opaque response (no-cors): something answered, nothing is readable.
    Opaque {
        /// Milliseconds.
        ms: f64,
    },
    /// A readable response.
    Response {
        /// Status code.
        status: u16,
        /// Headers the page could read.
        headers: Vec<Header>,
        /// Whether redirects were followed.
        redirected: bool,
        /// The final URL.
        url: String,
        /// Body (first part).
        body: String,
        /// Milliseconds.
        ms: f64,
    },
}

impl Outcome {
    fn answered(&self) -> bool {
        matches!(self, Outcome::Opaque { .. } | Outcome::Response { .. })
    }
    fn status(&self) -> Option<u16> {
        match self {
            Outcome::Response { status, .. } => Some(*status),
            _ => None,
        }
    }
    fn describe(&self) -> String {
        match self {
            Outcome::NetworkError { .. } => "failed (TypeError: the browser hid the reason)".into(),
            Outcome::TimedOut { ms } => format!("timed out after {:.0} s", ms / 1000.0),
            Outcome::Opaque { .. } => "answered (opaque: nothing readable, as expected)".into(),
            Outcome::Response {
                status,
                redirected,
                url,
                ..
            } => {
                if *redirected {
                    format!("HTTP {status}, readable, after a redirect to {url}")
                } else {
                    format!("HTTP {status}, readable")
                }
            }
        }
    }
    fn ms(&self) -> f64 {
        match self {
            Outcome::NetworkError { ms }
            | Outcome::TimedOut { ms }
            | Outcome::Opaque { ms }
            | Outcome::Response { ms, .. } => *ms,
        }
    }
}

/// One probe with what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    /// The probe.
    pub probe: Probe,
    /// What the page saw.
    pub outcome: Outcome,
}

/// The named causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Nothing answered.
    Unreachable,
    /// An https page calling an http URL: blocked before sending.
    MixedContent,
    /// The browser's Local Network Access permission was not given.
    LocalNetwork,
    /// No Access-Control-Allow-Origin on the response.
    NoAllowOrigin,
    /// Access-Control-Allow-Origin only on some responses (e.g. success, not 401).
    AllowOriginOnlyOnSuccess,
    /// The preflight (OPTIONS) was rejected.
    PreflightRejected,
    /// The method is not in Access-Control-Allow-Methods.
    MethodNotAllowed,
    /// A request header (usually Authorization) is not allowed.
    HeaderNotAllowed,
    /// Cookies need an exact origin and Allow-Credentials.
    CredentialsMode,
    /// A readable 401 whose WWW-Authenticate cannot be read.
    ChallengeNotExposed,
    /// Authentication really fails.
    AuthFails,
    /// Forbidden: authenticated, not allowed.
    Forbidden,
    /// A redirect moved the request (and may have dropped Authorization).
    Redirect,
    /// The request works from the browser.
    Works,
}

impl Cause {
    /// The finding id the verdict carries for this cause.
    pub fn id(self) -> FindingId {
        match self {
            Cause::Unreachable => ids::CAUSE_UNREACHABLE,
            Cause::MixedContent => ids::CAUSE_MIXED_CONTENT,
            Cause::LocalNetwork => ids::CAUSE_LOCAL_NETWORK,
            Cause::NoAllowOrigin => ids::CAUSE_NO_ALLOW_ORIGIN,
            Cause::AllowOriginOnlyOnSuccess => ids::CAUSE_ALLOW_ORIGIN_ONLY_ON_SUCCESS,
            Cause::PreflightRejected => ids::CAUSE_PREFLIGHT_REJECTED,
            Cause::MethodNotAllowed => ids::CAUSE_METHOD_NOT_ALLOWED,
            Cause::HeaderNotAllowed => ids::CAUSE_HEADER_NOT_ALLOWED,
            Cause::CredentialsMode => ids::CAUSE_CREDENTIALS_MODE,
            Cause::ChallengeNotExposed => ids::CAUSE_CHALLENGE_NOT_EXPOSED,
            Cause::AuthFails => ids::CAUSE_AUTH_FAILS,
            Cause::Forbidden => ids::CAUSE_FORBIDDEN,
            Cause::Redirect => ids::CAUSE_REDIRECT,
            Cause::Works => ids::CAUSE_WORKS,
        }
    }

    /// The headline for the verdict.
    pub fn title(self) -> &'static str {
        match self {
            Cause::Unreachable => "The server is unreachable from this browser",
            Cause::MixedContent => {
                "Mixed content: the browser blocked an http request from this https page"
            }
            Cause::LocalNetwork => {
                "Local Network Access: the browser blocked the request to a private address"
            }
            Cause::NoAllowOrigin => {
                "CORS: the response has no Access-Control-Allow-Origin for this page"
            }
            Cause::AllowOriginOnlyOnSuccess => "CORS headers are missing on error responses",
            Cause::PreflightRejected => "The preflight (OPTIONS) is rejected",
            Cause::MethodNotAllowed => "The method is not allowed by the preflight answer",
            Cause::HeaderNotAllowed => {
                "The Authorization header is not allowed by the preflight answer"
            }
            Cause::CredentialsMode => {
                "Cookies are refused: credentials mode needs an exact origin and Allow-Credentials"
            }
            Cause::ChallengeNotExposed => {
                "A real 401, but its WWW-Authenticate is hidden from scripts"
            }
            Cause::AuthFails => "Authentication really fails: the server answers 401",
            Cause::Forbidden => "Authenticated, but forbidden (403)",
            Cause::Redirect => "A redirect moved the request",
            Cause::Works => "The request works from the browser",
        }
    }
}

const FETCH_CORS: SpecRef = SpecRef::new(
    "Fetch: CORS protocol",
    "https://fetch.spec.whatwg.org/#http-cors-protocol",
);

fn finding(cause: Cause, explanation: String, fix: &str) -> Finding {
    let sev = match cause {
        Cause::Works => crate::engine::Severity::Ok,
        _ => crate::engine::Severity::Error,
    };
    Finding::new(cause.id(), sev, cause.title(), explanation)
        .fix(fix)
        .spec(FETCH_CORS)
}

/// The diagnosis for a set of probe outcomes.
pub fn diagnose(req: &ProbeRequest, page_origin: &str, obs: &[Observed]) -> Report {
    let get = |id: ProbeId| obs.iter().find(|o| o.probe.id == id).map(|o| &o.outcome);
    let failed = |id: ProbeId| get(id).is_some_and(|o| !o.answered());
    let origin = page_origin.trim_end_matches('/').to_string();
    let method = obs
        .iter()
        .find(|o| o.probe.id == ProbeId::Real)
        .map_or("GET".to_string(), |o| o.probe.method.clone());
    let real_headers: Vec<String> = obs
        .iter()
        .find(|o| o.probe.id == ProbeId::Real)
        .map(|o| {
            o.probe
                .headers
                .iter()
                .map(|h| h.name.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let mut r = Report::new("Probe results.");
    let mut causes: Vec<Cause> = Vec::new();
    let mut needs = CorsNeeds {
        origin: origin.clone(),
        methods: {
            let mut m = vec![method.clone()];
            if method != "OPTIONS" {
                m.push("OPTIONS".into());
            }
            m
        },
        headers: if real_headers.is_empty() {
            vec!["authorization".into()]
        } else {
            real_headers.clone()
        },
        credentials: req.credentials == CredMode::Include,
        expose: vec![],
    };
    let preflight_curl = format!(
        "curl -i -X OPTIONS {} -H {} -H {} -H {}",
        shell_quote(&req.url),
        shell_quote(&format!("Origin: {origin}")),
        shell_quote(&format!("Access-Control-Request-Method: {method}")),
        shell_quote(&format!(
            "Access-Control-Request-Headers: {}",
            needs.headers.join(",")
        )),
    );
    let get_curl = format!(
        "curl -i {} -H {}",
        shell_quote(&req.url),
        shell_quote(&format!("Origin: {origin}"))
    );
    let mut curl_cmd = get_curl.clone();

    let real = get(ProbeId::Real);
    let blocked_by_page = super::target::precheck(req, page_origin, None).1;
    let mixed = blocked_by_page
        .iter()
        .any(|f| f.id == super::target::ids::MIXED_CONTENT);
    let lna = blocked_by_page
        .iter()
        .any(|f| f.id == super::target::ids::LOCAL_NETWORK_ACCESS);
    if failed(ProbeId::Reach) && mixed {
        causes.push(Cause::MixedContent);
        r.push(finding(
            Cause::MixedContent,
            format!("This page is served over https and {} is plain http, so the browser refused every request before sending it. No server change to CORS can fix this.", req.url),
            "Serve the API over https (a proxy or a certificate from Let's Encrypt), or run authlens over http (e.g. locally) for this test.",
        ));
    } else if failed(ProbeId::Reach) && lna {
        causes.push(Cause::LocalNetwork);
        r.push(finding(
            Cause::LocalNetwork,
            "The target is on a private network or this machine while this page is public. Chromium asks the user before such requests; if the prompt was dismissed or denied, every request fails like a network error. It may also simply be unreachable.".into(),
            "Allow the permission prompt (site settings → Local network access), or serve authlens from the same network and probe again.",
        ));
    } else if failed(ProbeId::Reach) {
        let timed_out = matches!(get(ProbeId::Reach), Some(Outcome::TimedOut { .. }));
        let instant = get(ProbeId::Reach).is_some_and(|o| o.ms() < 30.0);
        causes.push(Cause::Unreachable);
        r.push(finding(
            Cause::Unreachable,
            if timed_out {
                "Even a no-cors request got no answer before the time-out: the host drops packets (firewall), is down, or is very slow.".into()
            } else {
                format!(
                    "Even a no-cors request (which needs no CORS headers) failed, so no HTTP response came back at all: the name does not resolve, the connection is refused, the TLS certificate is not trusted, or the browser blocked it before sending (mixed content, local network permission).{}",
                    if instant { " It failed instantly, which points to a block inside the browser or a refused connection rather than a network time-out." } else { "" }
                )
            },
            "Check the URL and that the server is running; open it in a new tab to see the browser's own error page (certificate, DNS).",
        ));
        curl_cmd = format!("curl -v {}", shell_quote(&req.url));
    } else if failed(ProbeId::Simple) {
        if real.is_some_and(Outcome::answered) {
            causes.push(Cause::AllowOriginOnlyOnSuccess);
            r.push(finding(
                Cause::AllowOriginOnlyOnSuccess,
                format!("A plain GET without credentials got a response the browser withheld (no Access-Control-Allow-Origin), while the real request with credentials was readable. The server adds CORS headers only on some responses — typically success, not the 401 its auth layer sends. So whenever authentication fails, the browser app sees a CORS error instead of the 401. Origin: {origin}."),
                "Add the CORS headers to every response, errors included (nginx: add_header … always; put the CORS middleware before auth).",
            ));
        } else {
            causes.push(Cause::NoAllowOrigin);
            r.push(finding(
                Cause::NoAllowOrigin,
                format!("The server answered (the no-cors probe got a response), but a simple CORS GET failed: the response has no Access-Control-Allow-Origin matching {origin} (or it is malformed, e.g. two values). Often it is missing only on error responses, when authentication runs before the CORS layer, or with nginx add_header without 'always'."),
                "Send Access-Control-Allow-Origin for this origin on every response, including 401s and redirects.",
            ));
        }
    } else if failed(ProbeId::Preflight) {
        causes.push(Cause::PreflightRejected);
        r.push(finding(
            Cause::PreflightRejected,
            "Simple requests work, but any request that needs a preflight fails. The OPTIONS request carries no credentials, so if authentication (or routing) handles OPTIONS, it answers 401/403/404/405 and the browser never sends the real request. This is the most common \"CORS 401\".".into(),
            "Answer OPTIONS with 204 and the Access-Control-Allow-* headers before any authentication; do not require credentials on OPTIONS.",
        ));
        curl_cmd = preflight_curl.clone();
    } else if failed(ProbeId::Method) {
        causes.push(Cause::MethodNotAllowed);
        r.push(finding(
            Cause::MethodNotAllowed,
            format!("A preflight for GET passes, one for {method} fails: Access-Control-Allow-Methods does not include {method}."),
            "Add the method to Access-Control-Allow-Methods.",
        ));
        curl_cmd = preflight_curl.clone();
    } else if real.is_some_and(|o| !o.answered()) {
        let cookies_failed = failed(ProbeId::Cookies);
        if req.credentials == CredMode::Include && cookies_failed {
            causes.push(Cause::CredentialsMode);
            r.push(finding(
                Cause::CredentialsMode,
                format!("Requests without cookies work, the same with credentials: 'include' fail. With cookies the response must carry Access-Control-Allow-Origin: {origin} exactly (not *) and Access-Control-Allow-Credentials: true."),
                "Echo the exact origin, add Access-Control-Allow-Credentials: true and Vary: Origin; or drop credentials: 'include' if you authenticate with a header.",
            ));
        } else {
            causes.push(Cause::HeaderNotAllowed);
            let others: Vec<&String> = real_headers
                .iter()
                .filter(|h| h.as_str() != "authorization")
                .collect();
            let errors_have_cors = get(ProbeId::Simple)
                .and_then(Outcome::status)
                .is_some_and(|s| s >= 400);
            r.push(finding(
                Cause::HeaderNotAllowed,
                format!(
                    "A preflight for {method} with a made-up header passes, but the real request with its headers fails. Most likely Access-Control-Allow-Headers does not list authorization{} (note: Access-Control-Allow-Headers: * does not cover Authorization). {}",
                    if others.is_empty() { String::new() } else { format!(" or {}", others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")) },
                    if errors_have_cors { "Error responses do carry CORS headers here, which makes this the likely reading." } else { "It could also be that the real response (e.g. a 401) lacks Access-Control-Allow-Origin: the preflight curl below tells them apart." }
                ),
                "List authorization (and your other headers) in Access-Control-Allow-Headers.",
            ));
            curl_cmd = preflight_curl.clone();
        }
    } else if let Some(Outcome::Response {
        status,
        headers,
        redirected,
        url,
        body,
        ..
    }) = real
    {
        let final_url = parse_url(url).ok();
        let start = parse_url(&req.url).ok();
        if *redirected {
            causes.push(Cause::Redirect);
            let cross = match (&final_url, &start) {
                (Some(a), Some(b)) => a.origin() != b.origin(),
                _ => false,
            };
            r.push(Finding::warning(Cause::Redirect.id(),
                Cause::Redirect.title(),
                format!(
                    "The request was redirected to {url}.{}",
                    if cross && req.header("authorization").is_some() { " That is another origin: the browser removed the Authorization header, so the final server saw no credentials." } else { "" }
                ),
            ).fix("Call the final URL directly (fix trailing slashes, http→https and host redirects).").spec(SpecRef::new("Fetch: HTTP-redirect fetch", "https://fetch.spec.whatwg.org/#http-redirect-fetch")));
        }
        let www: Vec<&str> = headers
            .iter()
            .filter(|h| h.is("www-authenticate"))
            .map(|h| h.value.as_str())
            .collect();
        match status {
            401 if www.is_empty() => {
                causes.push(Cause::ChallengeNotExposed);
                needs.expose = vec!["www-authenticate".into()];
                r.push(finding(
                    Cause::ChallengeNotExposed,
                    "The 401 reached the page, so CORS is fine, but its WWW-Authenticate header reads as null: either the server sends none (which RFC 9110 requires on a 401) or it is not listed in Access-Control-Expose-Headers, so scripts cannot see why authentication failed.".into(),
                    "Add Access-Control-Expose-Headers: WWW-Authenticate (and send WWW-Authenticate on every 401).",
                ));
                curl_cmd = format!(
                    "curl -i {} -H {}",
                    shell_quote(&req.url),
                    shell_quote(&format!("Origin: {origin}"))
                );
            }
            401 | 407 => {
                causes.push(Cause::AuthFails);
                r.push(finding(
                    Cause::AuthFails,
                    "CORS and the preflight are fine: the server read the request and rejected the credentials. Its challenge is analysed below.".into(),
                    "Fix the credential (see the challenge's error and the decoded credential), not the CORS set-up.",
                ));
                let mut ch = challenge::analyze_values(&www);
                ch.summary.clear();
                r.absorb(ch);
            }
            403 => {
                causes.push(Cause::Forbidden);
                r.push(finding(Cause::Forbidden, "CORS is fine and the server answered 403: it knows who you are but refuses the action (missing scope, role or permission).".into(), "Check the token's scopes/roles against what the endpoint needs."));
                if !www.is_empty() {
                    let mut ch = challenge::analyze_values(&www);
                    ch.summary.clear();
                    r.absorb(ch);
                }
            }
            s if (200..400).contains(s) => {
                causes.push(Cause::Works);
                r.push(finding(Cause::Works, format!("The real request, with its headers, came back readable with HTTP {s}. If your app still fails, compare its request with this one (credentials mode, headers, URL)."), "Nothing to fix on the CORS side."));
            }
            s => r.push(Finding::info(
                ids::HTTP_STATUS,
                format!("The server answered HTTP {s}"),
                "CORS is fine: the response was readable. The status is the server's own answer.",
            )),
        }
        if req.credentials == CredMode::Include
            && failed(ProbeId::Cookies)
            && !causes.contains(&Cause::CredentialsMode)
        {
            causes.push(Cause::CredentialsMode);
            needs.credentials = true;
            r.push(finding(Cause::CredentialsMode, format!("Your request uses credentials: 'include', and a GET with cookies failed: the server must answer with Access-Control-Allow-Origin: {origin} (not *) and Access-Control-Allow-Credentials: true."), "Echo the exact origin and add Access-Control-Allow-Credentials: true."));
        }
        let readable: Vec<Vec<String>> = headers
            .iter()
            .map(|h| {
                vec![
                    h.name.clone(),
                    crate::engine::core::text::clip(&h.value, 200),
                ]
            })
            .collect();
        r.part(Part::Table {
            title: "Response headers the page can read".into(),
            columns: vec!["Header".into(), "Value".into()],
            rows: readable,
        });
        if !body.trim().is_empty() {
            let pretty = serde_json::from_str::<serde_json::Value>(body)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_else(|| crate::engine::core::text::clip(body, 2000));
            r.part(Part::Code {
                title: "Response body".into(),
                text: pretty,
            });
        }
        r.push(Finding::info(ids::UNREADABLE_HEADERS,
            "Headers scripts cannot read",
            "Only Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified and Pragma, plus those the server lists in Access-Control-Expose-Headers, are visible to the page. Anything else (WWW-Authenticate, Set-Cookie, custom headers) reads as null even when the server sent it.",
        ).spec(SpecRef::new("Fetch: CORS-safelisted response header", "https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name")));
    }
    if causes.is_empty() && obs.is_empty() {
        r.push(Finding::info(
            ids::NOT_RUN,
            "No probe was run",
            "Press Probe to run the requests.",
        ));
    }
    r.summary = causes
        .first()
        .map_or("Probe results.".to_string(), |c| c.title().to_string());
    // Evidence: every probe and what the page saw.
    r.part(Part::Table {
        title: "Evidence: what each probe saw".into(),
        columns: vec![
            "Probe".into(),
            "Request".into(),
            "Result".into(),
            "Time".into(),
        ],
        rows: obs
            .iter()
            .map(|o| {
                let hdrs = o
                    .probe
                    .headers
                    .iter()
                    .map(|h| h.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    o.probe.id.label().to_string(),
                    format!(
                        "{} {}{}{}",
                        o.probe.method,
                        if o.probe.mode == super::plan::Mode::NoCors {
                            "no-cors"
                        } else {
                            "cors"
                        },
                        format!(", credentials {}", o.probe.credentials.id()),
                        if hdrs.is_empty() {
                            String::new()
                        } else {
                            format!(", headers: {hdrs}")
                        }
                    ),
                    o.outcome.describe(),
                    format!("{:.0} ms", o.outcome.ms()),
                ]
            })
            .collect(),
    });
    r.part(Part::Flow {
        title: "Where it broke".into(),
        steps: flow(&causes, obs),
    });
    if causes.iter().any(|c| {
        matches!(
            c,
            Cause::NoAllowOrigin
                | Cause::AllowOriginOnlyOnSuccess
                | Cause::PreflightRejected
                | Cause::MethodNotAllowed
                | Cause::HeaderNotAllowed
                | Cause::CredentialsMode
                | Cause::ChallengeNotExposed
        )
    }) {
        for (name, code) in snippets::cors(&needs) {
            r.part(Part::Snippet {
                title: format!("Fix for {name}"),
                text: code,
            });
        }
    }
    if !obs.is_empty() {
        r.part(Part::Code {
            title: "See what the browser hid (run in a terminal)".into(),
            text: curl_cmd,
        });
    }
    r
}

fn flow(causes: &[Cause], obs: &[Observed]) -> Vec<Step> {
    use StepState::*;
    let needs_preflight = obs.iter().any(|o| {
        o.probe.id == ProbeId::Real
            && (!o.probe.headers.is_empty()
                || !matches!(o.probe.method.as_str(), "GET" | "HEAD" | "POST"))
    });
    let pre = if needs_preflight { Passed } else { Skipped };
    let states: [StepState; 5] = match causes.first() {
        None => [Unknown; 5],
        Some(Cause::Unreachable | Cause::MixedContent | Cause::LocalNetwork) => {
            [Failed, Skipped, Skipped, Skipped, Skipped]
        }
        Some(Cause::PreflightRejected | Cause::MethodNotAllowed | Cause::HeaderNotAllowed) => {
            [Passed, Failed, Skipped, Skipped, Skipped]
        }
        Some(Cause::NoAllowOrigin | Cause::AllowOriginOnlyOnSuccess | Cause::CredentialsMode) => {
            [Passed, pre, Passed, Unknown, Failed]
        }
        Some(Cause::ChallengeNotExposed) => [Passed, pre, Passed, Failed, Failed],
        Some(Cause::AuthFails | Cause::Forbidden) => [Passed, pre, Passed, Failed, Passed],
        Some(Cause::Redirect | Cause::Works) => [Passed, pre, Passed, Passed, Passed],
    };
    let labels = [
        "Connection",
        "Preflight (OPTIONS)",
        "Request reaches the server",
        "Credentials accepted",
        "Script can read the answer",
    ];
    labels
        .iter()
        .zip(states)
        .map(|(l, s)| Step {
            label: l.to_string(),
            state: s,
        })
        .collect()
}

#[cfg(test)]
#[path = "verdict_tests.rs"]
mod tests;
