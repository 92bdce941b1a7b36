//! What each CORS cause means and what to change, with the setting for the stack that answered.

use super::facts::Facts;
use super::Cause;
use crate::engine::core::finding::{Finding, SpecRef};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The preflight was answered 401/403 by authentication that runs before CORS.
    pub const PREFLIGHT_NEEDS_AUTH: FindingId = FindingId("cors.preflight_needs_auth");
    /// The preflight was redirected.
    pub const PREFLIGHT_REDIRECT: FindingId = FindingId("cors.preflight_redirect");
    /// Access-Control-Allow-Headers lacks authorization.
    pub const AUTHORIZATION_NOT_ALLOWED: FindingId = FindingId("cors.authorization_not_allowed");
    /// The method is not allowed by the preflight answer.
    pub const METHOD_NOT_ALLOWED: FindingId = FindingId("cors.method_not_allowed");
    /// `Access-Control-Allow-Origin: *` with credentials.
    pub const WILDCARD_WITH_CREDENTIALS: FindingId = FindingId("cors.wildcard_with_credentials");
    /// Credentials without `Access-Control-Allow-Credentials: true`.
    pub const CREDENTIALS_NOT_ALLOWED: FindingId = FindingId("cors.credentials_not_allowed");
    /// A real auth error whose response lacks CORS headers.
    pub const ERROR_WITHOUT_CORS: FindingId = FindingId("cors.error_without_cors");
    /// No Access-Control-Allow-Origin.
    pub const NO_ALLOW_ORIGIN: FindingId = FindingId("cors.no_allow_origin");
    /// A response header scripts need is not exposed.
    pub const HEADER_NOT_EXPOSED: FindingId = FindingId("cors.header_not_exposed");
}

const FETCH_CORS: SpecRef = SpecRef::new(
    "Fetch: CORS protocol",
    "https://fetch.spec.whatwg.org/#http-cors-protocol",
);
const PREFLIGHT: SpecRef = SpecRef::new(
    "Fetch: CORS-preflight fetch",
    "https://fetch.spec.whatwg.org/#cors-preflight-fetch",
);

/// The setting that lets OPTIONS through before authentication, for the stack that answered.
fn preflight_fix(f: &Facts) -> &'static str {
    let server = f.server.as_deref().unwrap_or("").to_ascii_lowercase();
    if f.api_gateway {
        "API Gateway: attach no authorizer to the OPTIONS method (SAM: Auth.AddDefaultAuthorizerToCorsPreflight: false), and redeploy."
    } else if server.contains("nginx") || server.contains("tengine") {
        "nginx: keep auth off OPTIONS, e.g. wrap auth_basic in limit_except OPTIONS { … }, or answer OPTIONS with 204 and the CORS headers before auth_request."
    } else if server.contains("kestrel") || server.contains("iis") || server.contains("microsoft") {
        "ASP.NET Core: call app.UseCors() before app.UseAuthentication()/UseAuthorization(); on IIS, allow anonymous authentication so OPTIONS reaches the app."
    } else if f.response_headers.iter().any(|h| h == "www-authenticate") && server.is_empty() {
        "Let OPTIONS through before authentication: Spring Security http.cors(withDefaults()) (or permit HttpMethod.OPTIONS); Express app.use(cors()) before the auth middleware; nginx limit_except OPTIONS."
    } else {
        "Let OPTIONS requests through before authentication (CORS handling first, then auth), in the app or in the proxy in front of it."
    }
}

/// The finding for one cause.
pub fn finding(c: &Cause, f: &Facts) -> Finding {
    match c {
        Cause::PreflightNeedsAuth(status) => Finding::error(
            ids::PREFLIGHT_NEEDS_AUTH,
            format!("The preflight is answered {status}: authentication runs before CORS"),
            "Browsers never send Authorization or cookies on the OPTIONS preflight, by design. The server (or a proxy in front of it) demands credentials from it, so the preflight fails and the real request is never sent — whatever the token.",
        )
        .fix(preflight_fix(f))
        .spec(PREFLIGHT),
        Cause::PreflightRedirect => Finding::error(
            ids::PREFLIGHT_REDIRECT,
            "The preflight is redirected, and browsers do not follow that",
            "A redirect on OPTIONS (a trailing slash, http→https, another host) fails the preflight outright.",
        )
        .fix("Call the final URL directly (exact path, trailing slash, https), or make the server answer OPTIONS without redirecting.")
        .spec(PREFLIGHT),
        Cause::AuthorizationNotAllowed { wildcard } => Finding::error(
            ids::AUTHORIZATION_NOT_ALLOWED,
            "Access-Control-Allow-Headers does not allow Authorization",
            if *wildcard {
                "The answer says Access-Control-Allow-Headers: *, but the wildcard never covers Authorization: it must be listed by name."
            } else {
                "The preflight asked to send authorization, and the server's list does not include it, so the browser refuses to send the request."
            },
        )
        .fix("Add it by name: Access-Control-Allow-Headers: Authorization, Content-Type (plus any other header the client sends).")
        .spec(SpecRef::new("Fetch: Access-Control-Allow-Headers", "https://fetch.spec.whatwg.org/#http-access-control-allow-headers")),
        Cause::MethodNotAllowed(m) => Finding::error(
            ids::METHOD_NOT_ALLOWED,
            if m.is_empty() {
                "The method is not allowed by the preflight answer".to_string()
            } else {
                format!("{m} is not in Access-Control-Allow-Methods")
            },
            "The preflight's Access-Control-Allow-Methods does not list the method of the real request, so the browser does not send it. Authorization and origin may be fine.",
        )
        .fix(if m.is_empty() {
            "List the method in Access-Control-Allow-Methods.".to_string()
        } else {
            format!("Add it: Access-Control-Allow-Methods: GET, POST, {m} (and any other method used).")
        })
        .spec(SpecRef::new("Fetch: Access-Control-Allow-Methods", "https://fetch.spec.whatwg.org/#http-access-control-allow-methods")),
        Cause::WildcardWithCredentials => Finding::error(
            ids::WILDCARD_WITH_CREDENTIALS,
            "Access-Control-Allow-Origin: * cannot be used with credentials",
            "The request is credentialed (cookies: credentials 'include' / withCredentials), and for such requests browsers reject the wildcard origin.",
        )
        .fix("Echo the exact origin (Access-Control-Allow-Origin: https://app.example.com), add Vary: Origin and Access-Control-Allow-Credentials: true — or do not send credentials.")
        .spec(FETCH_CORS),
        Cause::CredentialsNotAllowed => Finding::error(
            ids::CREDENTIALS_NOT_ALLOWED,
            "A credentialed request needs Access-Control-Allow-Credentials: true",
            "The request carries cookies (credentials 'include' / withCredentials), and the response does not say Access-Control-Allow-Credentials: true, so the browser withholds it.",
        )
        .fix("Send Access-Control-Allow-Credentials: true with the exact origin, on the preflight and on the response itself.")
        .spec(FETCH_CORS),
        Cause::ErrorWithoutCors(status) => Finding::error(
            ids::ERROR_WITHOUT_CORS,
            format!("The real error is the {status}: its response has no CORS headers"),
            "The server answers successes with Access-Control-Allow-Origin but its error responses without it (CORS middleware after authentication, nginx add_header without always), so the browser reports a CORS error and hides the actual authentication failure.",
        )
        .fix("Fix the authentication error named below, and make error responses carry the CORS headers too (ASP.NET Core: UseCors before UseAuthentication; nginx: add_header … always).")
        .spec(FETCH_CORS),
        Cause::NoAllowOrigin => Finding::error(
            ids::NO_ALLOW_ORIGIN,
            "The response has no Access-Control-Allow-Origin",
            "The browser received the response but withholds it from the page, because the server did not allow this origin.",
        )
        .fix("Send Access-Control-Allow-Origin: <the page's origin> on every response, errors included.")
        .spec(FETCH_CORS),
        Cause::HeaderNotExposed(name) => Finding::error(
            ids::HEADER_NOT_EXPOSED,
            format!("Scripts cannot read {name}: it is not exposed"),
            format!("Cross-origin, JavaScript sees only safelisted response headers and those in Access-Control-Expose-Headers, so headers.get('{name}') returns null even though the server sent it."),
        )
        .fix(format!("Add it: Access-Control-Expose-Headers: {name}"))
        .spec(SpecRef::new("Fetch: Access-Control-Expose-Headers", "https://fetch.spec.whatwg.org/#http-access-control-expose-headers")),
    }
}
