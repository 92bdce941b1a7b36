//! What the verdict says for each cause: the explanation, the specific header to change, and
//! the one command that shows what the browser hid. Rendered from the causes [`classify`]
//! decided; nothing here decides.
//!
//! [`classify`]: super::classify::classify

use super::cause::Cause;
use super::observe::Observations;
use super::outcome::{Observed, Outcome};
use super::plan::{real_method, sendable_headers, ProbeId};
use super::ProbeRequest;
use crate::engine::core::finding::{Finding, Severity, SpecRef};
use crate::engine::core::order;
use crate::engine::core::shell::shell_quote;

const FETCH_CORS: SpecRef = SpecRef::new(
    "Fetch: CORS protocol",
    "https://fetch.spec.whatwg.org/#http-cors-protocol",
);

/// What the explanations are filled in with.
pub struct Context<'a> {
    /// The request typed in the form.
    pub req: &'a ProbeRequest,
    /// The page origin, without a trailing slash.
    pub origin: String,
    /// The real method, upper-case.
    pub method: String,
    /// The real request's header names, lower-case.
    pub headers: Vec<String>,
    /// The observations.
    pub obs: &'a Observations,
    /// The raw outcomes.
    pub outcomes: &'a [Observed],
    /// All causes named, in order.
    pub causes: &'a [Cause],
}

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(
        req: &'a ProbeRequest,
        page_origin: &str,
        outcomes: &'a [Observed],
        obs: &'a Observations,
        causes: &'a [Cause],
    ) -> Self {
        Context {
            req,
            origin: page_origin.trim_end_matches('/').to_string(),
            method: real_method(req),
            headers: sendable_headers(req)
                .iter()
                .map(|h| h.name.to_ascii_lowercase())
                .collect(),
            obs,
            outcomes,
            causes,
        }
    }

    /// The outcome of one probe.
    pub fn outcome(&self, id: ProbeId) -> Option<&'a Outcome> {
        self.outcomes
            .iter()
            .find(|o| o.probe.id == id)
            .map(|o| &o.outcome)
    }

    /// The headers the preflight must allow for the real request (authorization if none).
    pub fn needed_headers(&self) -> Vec<String> {
        if self.headers.is_empty() {
            vec!["authorization".into()]
        } else {
            self.headers.clone()
        }
    }

    /// The headers a failed preflight refused: Authorization when P4a failed, else the others.
    fn refused_headers(&self) -> Vec<String> {
        if self.obs.shape.has_auth && self.obs.auth.failed() {
            vec!["authorization".into()]
        } else {
            self.headers
                .iter()
                .filter(|h| h.as_str() != "authorization")
                .cloned()
                .collect()
        }
    }
}

/// The header to set (or the change to make) for a cause, in a few words.
fn remedy(c: Cause, x: &Context) -> String {
    let o = &x.origin;
    match c {
        Cause::NoAllowOrigin => format!("Access-Control-Allow-Origin: {o}"),
        Cause::AllowOriginMismatch => {
            format!("Access-Control-Allow-Origin: {o} exactly, one value, no trailing slash")
        }
        Cause::AllowOriginOnlyOnSuccess => {
            format!("Access-Control-Allow-Origin: {o} on 401/403 responses too")
        }
        Cause::PreflightRejected => {
            "OPTIONS answered 204 with the Access-Control-Allow-* headers, before authentication"
                .into()
        }
        Cause::HeaderNotAllowed => format!(
            "Access-Control-Allow-Headers: {}",
            title_case(&x.refused_or_needed())
        ),
        Cause::MethodNotAllowed => format!("Access-Control-Allow-Methods: {}", x.method),
        Cause::CredentialsMode => format!(
            "Access-Control-Allow-Credentials: true with Access-Control-Allow-Origin: {o} (not *)"
        ),
        Cause::ChallengeNotExposed => "Access-Control-Expose-Headers: WWW-Authenticate".into(),
        Cause::WildcardWithCredentials => format!(
            "Access-Control-Allow-Methods: {}, Access-Control-Allow-Headers: {} and Access-Control-Expose-Headers: WWW-Authenticate, by name (not *)",
            x.method,
            title_case(&x.needed_headers())
        ),
        Cause::PreflightRedirect => "no redirect on OPTIONS (call the final URL)".into(),
        _ => String::new(),
    }
}

impl Context<'_> {
    fn refused_or_needed(&self) -> Vec<String> {
        let r = self.refused_headers();
        if r.is_empty() {
            self.needed_headers()
        } else {
            r
        }
    }
}

fn title_case(names: &[String]) -> String {
    names
        .iter()
        .map(|n| {
            n.split('-')
                .map(|p| {
                    let mut c = p.chars();
                    c.next().map_or(String::new(), |f| {
                        f.to_ascii_uppercase().to_string() + c.as_str()
                    })
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The finding for one cause.
pub fn finding(c: Cause, x: &Context) -> Finding {
    let sev = match c {
        Cause::Works => Severity::Ok,
        Cause::Redirect | Cause::OtherStatus => Severity::Warning,
        _ => Severity::Error,
    };
    let mut text = explanation(c, x);
    let alike: Vec<Cause> = x
        .causes
        .iter()
        .copied()
        .filter(|d| *d != c && c.alike(*d))
        .collect();
    let leads = x
        .causes
        .iter()
        .find(|d| **d == c || c.alike(**d))
        .is_some_and(|d| *d == c);
    if !alike.is_empty() && !leads {
        text.push_str(&format!(
            " The page cannot tell this apart from \"{}\"; the command under \"See what the browser hid\" settles it.",
            alike[0].title()
        ));
    } else if !alike.is_empty() {
        text.push_str(" From the page this looks the same as: ");
        let others: Vec<String> = alike
            .iter()
            .map(|d| format!("{} ({})", d.title(), remedy(*d, x)))
            .collect();
        text.push_str(&others.join("; "));
        text.push_str(". The command under \"See what the browser hid\" settles it.");
    }
    let title = match c {
        Cause::HeaderNotAllowed if !x.refused_or_needed().iter().any(|h| h == "authorization") => {
            format!(
                "The {} header is not allowed by the preflight answer",
                title_case(&x.refused_or_needed())
            )
        }
        _ => c.title().to_string(),
    };
    let mut f = Finding::new(c.id(), sev, title, text).spec(FETCH_CORS);
    if let Some(fix) = fix(c, x) {
        f = f.fix(fix);
    }
    if matches!(c, Cause::Redirect) {
        f = f.spec(SpecRef::new(
            "Fetch: HTTP-redirect fetch",
            "https://fetch.spec.whatwg.org/#http-redirect-fetch",
        ));
    }
    f
}

fn explanation(c: Cause, x: &Context) -> String {
    let o = &x.origin;
    let m = &x.method;
    let simple_read = x.obs.simple.read();
    let any_read = [
        x.obs.preflight,
        x.obs.method,
        x.obs.auth,
        x.obs.real,
        x.obs.cookies,
    ]
    .iter()
    .any(|s| s.read());
    match c {
        Cause::MixedContent => format!("This page is served over https and {} is plain http, so the browser refused every request before sending it. No server change to CORS can fix this.", x.req.url),
        Cause::LocalNetwork => "The target is on a private network or this machine while this page is public. Chromium asks the user before such requests; if the prompt was dismissed or denied, every request fails like a network error. It may also simply be unreachable.".into(),
        Cause::Unreachable => {
            let reach = x.outcome(ProbeId::Reach);
            if matches!(reach, Some(Outcome::TimedOut { .. })) {
                "Even a no-cors request got no answer before the time-out: the host drops packets (firewall), is down, or is very slow.".into()
            } else {
                let instant = reach.is_some_and(|r| r.ms() < 30.0);
                format!("Even a no-cors request (which needs no CORS headers) failed, so no HTTP response came back at all: the name does not resolve, the connection is refused, the TLS certificate is not trusted, or the browser blocked it before sending (mixed content, local network permission).{}",
                    if instant { " It failed instantly, which points to a block inside the browser or a refused connection rather than a network time-out." } else { "" })
            }
        }
        Cause::NoAllowOrigin => format!("The server answered (the no-cors probe got a response), but a plain CORS GET without credentials failed: its response carries no Access-Control-Allow-Origin for {o}."),
        Cause::AllowOriginMismatch => format!("Access-Control-Allow-Origin may be there but not exactly {o}: browsers accept one value, compared byte for byte, so a list ('{o}, https://other.example'), a trailing slash ('{o}/'), 'null' or another origin all fail like a missing header."),
        Cause::AllowOriginOnlyOnSuccess if !simple_read && x.obs.real.read() => format!("A plain GET without credentials got a response the browser withheld (no Access-Control-Allow-Origin), while the real request was readable. The server adds CORS headers only on some responses, typically success and not the 401 its auth layer sends. So whenever authentication fails, the browser app sees a CORS error instead of the 401. Origin: {o}."),
        Cause::AllowOriginOnlyOnSuccess if !simple_read && any_read => "Some response was readable, so the server does send CORS headers, but not on the plain GET's answer: they are added only to some responses (success, not the 401 an auth layer sends first).".into(),
        Cause::AllowOriginOnlyOnSuccess if simple_read && x.causes.first() == Some(&c) => "Every factor of the real request passed alone (the preflight, the method, Authorization), yet the real request failed: its own response (e.g. the 401 or 403 for this credential) lacks Access-Control-Allow-Origin. The server adds CORS headers only on some responses.".into(),
        Cause::AllowOriginOnlyOnSuccess => "The header may be sent only on successful responses: an authentication layer that runs before CORS (Spring Security without http.cors(), auth middleware) or nginx add_header without 'always' leaves it off 401 and 403 answers.".into(),
        Cause::PreflightRejected if !simple_read => format!("The real request needs a preflight. If OPTIONS is authenticated like every other request (Spring Security's default when CORS is configured only in Spring MVC; auth middleware before CORS), it gets a 401 without CORS headers and the browser never sends the real {m}."),
        Cause::PreflightRejected => format!("Plain requests work, but no preflighted probe passed (with Content-Type: application/json{}{}). The OPTIONS request carries no credentials, so if authentication (or routing) handles OPTIONS, it answers 401/403/404/405 and the browser never sends the real request. This is the most common \"CORS 401\".",
            if x.obs.shape.has_auth { ", with Authorization" } else { "" },
            if x.obs.shape.unusual_method { format!(", with {m}") } else { String::new() }),
        Cause::PreflightRedirect => format!("The plain GET was redirected{} and came back readable, but every preflighted probe failed: browsers never follow a redirect in answer to a preflight (trailing-slash and http→https redirects), so any request with Authorization fails.",
            match x.outcome(ProbeId::Simple) { Some(Outcome::Response { url, .. }) => format!(" to {url}"), _ => String::new() }),
        Cause::MethodNotAllowed if x.causes.contains(&Cause::PreflightRejected) => format!("If OPTIONS is answered at all, Access-Control-Allow-Methods may not include {m} (a fixed list such as 'GET, POST')."),
        Cause::MethodNotAllowed => format!("A preflight for GET passes, one for {m} fails: Access-Control-Allow-Methods does not include {m} (a fixed list such as 'GET, POST'). GET, HEAD and POST never need listing; {m} does."),
        Cause::HeaderNotAllowed if x.causes.contains(&Cause::PreflightRejected) => format!("If OPTIONS is answered, its Access-Control-Allow-Headers may not list {}: with no Access-Control-Allow-Headers at all, every preflight that asks for a header fails the same way.", x.refused_or_needed().join(", ")),
        Cause::HeaderNotAllowed => {
            let refused = x.refused_or_needed().join(", ");
            format!("A preflight for Content-Type passes, but one asking for {refused} fails: Access-Control-Allow-Headers does not list {refused} (a fixed allow-list; note that Access-Control-Allow-Headers: * does not cover Authorization). {}",
                if x.obs.simple.status().is_some_and(|s| s >= 400) { "Error responses do carry CORS headers here, which makes this the likely reading." } else { "It could also be that the real response lacks Access-Control-Allow-Origin." })
        }
        Cause::CredentialsMode if x.obs.cookies.read() => format!("A GET with cookies passes, but the real request with credentials: 'include' fails: its preflight answer must also carry Access-Control-Allow-Credentials: true and Access-Control-Allow-Origin: {o}."),
        Cause::CredentialsMode => format!("Requests without cookies work; with credentials: 'include' they fail. With cookies the response must carry Access-Control-Allow-Origin: {o} exactly (not *) and Access-Control-Allow-Credentials: true; the page cannot tell which of the two is missing."),
        Cause::WildcardWithCredentials => "With credentials: 'include', the browser reads * in Access-Control-Allow-Methods, Access-Control-Allow-Headers and Access-Control-Expose-Headers as a method or header literally named \"*\", not as a wildcard. An answer that relies on * then admits nothing this request needs, while the same request without cookies passes.".into(),
        Cause::ChallengeNotExposed => "The 401 reached the page, so CORS is fine, but its WWW-Authenticate header reads as null: either the server sends none (which RFC 9110 requires on a 401) or it is not listed in Access-Control-Expose-Headers, so scripts cannot see why authentication failed.".into(),
        Cause::AuthFails => "CORS and the preflight are fine: the server read the request and rejected the credentials. Its challenge is analysed below.".into(),
        Cause::Forbidden => "CORS is fine and the server answered 403: it knows who you are but refuses the action (missing scope, role or permission).".into(),
        Cause::Redirect => match x.outcome(ProbeId::Real) {
            Some(Outcome::Response { url, .. }) => format!("The request was redirected to {url}.{}",
                if x.obs.cross_origin_redirect && x.obs.shape.has_auth { " That is another origin: the browser removed the Authorization header, so the final server saw no credentials." } else { "" }),
            _ => "The request was redirected.".into(),
        },
        Cause::TimedOut => "The other probes were answered, the real request was not within the time limit: the server is slow to handle it, or hangs on this credential or body.".into(),
        Cause::OtherStatus => format!("The response was readable with HTTP {}: CORS is fine; the status is the server's own answer.", x.obs.real.status().unwrap_or(0)),
        Cause::Works => format!("The real request, with its headers, came back readable with HTTP {}. If your app still fails, compare its request with this one (credentials mode, headers, URL).", x.obs.real.status().unwrap_or(0)),
    }
}

fn fix(c: Cause, x: &Context) -> Option<String> {
    let o = &x.origin;
    Some(match c {
        Cause::MixedContent => "Serve the API over https (a proxy or a certificate from Let's Encrypt), or run authlens over http (e.g. locally) for this test.".into(),
        Cause::LocalNetwork => "Allow the permission prompt (site settings → Local network access), or serve authlens from the same network and probe again.".into(),
        Cause::Unreachable => "Check the URL and that the server is running; open it in a new tab to see the browser's own error page (certificate, DNS).".into(),
        Cause::NoAllowOrigin => format!("Send Access-Control-Allow-Origin: {o} on every response, including 401s and redirects."),
        Cause::AllowOriginMismatch => format!("Send exactly Access-Control-Allow-Origin: {o}: echo the request's Origin when it is on your list (one value), with Vary: Origin."),
        Cause::AllowOriginOnlyOnSuccess => "Add the CORS headers to every response, errors included (nginx: add_header … always; put the CORS middleware before authentication).".into(),
        Cause::PreflightRejected => "Answer OPTIONS with 204 and the Access-Control-Allow-* headers before any authentication; do not require credentials on OPTIONS (Spring Security: http.cors(); Express: app.use(cors()) before auth).".into(),
        Cause::PreflightRedirect => "Call the final URL directly (trailing slash, https), or exempt OPTIONS from the redirect.".into(),
        Cause::MethodNotAllowed => format!("Add {} to Access-Control-Allow-Methods.", x.method),
        Cause::HeaderNotAllowed => format!("List it: {}.", remedy(c, x)),
        Cause::CredentialsMode => format!("Echo the exact origin ({o}), add Access-Control-Allow-Credentials: true and Vary: Origin; or drop credentials: 'include' if you authenticate with a header."),
        Cause::ChallengeNotExposed => "Add Access-Control-Expose-Headers: WWW-Authenticate (and send WWW-Authenticate on every 401).".into(),
        Cause::WildcardWithCredentials => format!("Name them instead of *: {}.", remedy(c, x)),
        Cause::AuthFails => "Fix the credential (see the challenge's error and the decoded credential), not the CORS set-up.".into(),
        Cause::Forbidden => "Check the token's scopes/roles against what the endpoint needs.".into(),
        Cause::Redirect => "Call the final URL directly (fix trailing slashes, http→https and host redirects).".into(),
        Cause::TimedOut => "Run the request with curl to see how long the server takes.".into(),
        Cause::OtherStatus => return None,
        Cause::Works => "Nothing to fix on the CORS side.".into(),
    })
}

/// The command that shows what the browser hid, chosen for the first cause (and settling
/// the causes the page cannot tell apart).
pub fn curl(x: &Context) -> String {
    let url = shell_quote(&x.req.url);
    let origin = shell_quote(&format!("Origin: {}", x.origin));
    let get = format!("curl -i {url} -H {origin}");
    let mut options = format!(
        "curl -i -X OPTIONS {url} -H {origin} -H {}",
        shell_quote(&format!("Access-Control-Request-Method: {}", x.method))
    );
    let asked = x.needed_headers();
    if x.obs.shape.preflighted && !(x.headers.is_empty() && x.obs.shape.unusual_method) {
        let mut sorted = asked;
        order::sort(&mut sorted);
        options.push_str(&format!(
            " -H {}",
            shell_quote(&format!(
                "Access-Control-Request-Headers: {}",
                sorted.join(",")
            ))
        ));
    }
    match x.causes.first() {
        Some(Cause::Unreachable | Cause::MixedContent | Cause::LocalNetwork) => {
            format!("curl -v {url}")
        }
        Some(Cause::NoAllowOrigin) if x.causes.contains(&Cause::PreflightRejected) => {
            format!("{get}\n{options}")
        }
        Some(
            Cause::PreflightRejected
            | Cause::PreflightRedirect
            | Cause::MethodNotAllowed
            | Cause::HeaderNotAllowed,
        ) => options,
        _ if x.obs.simple.read() && x.causes.contains(&Cause::HeaderNotAllowed) => options,
        _ => get,
    }
}
