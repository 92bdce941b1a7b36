//! What one log line says went wrong (decided by the format readers), and how each cause is
//! explained: the same ids, fixes and references the rest of authlens uses for that cause.

use crate::engine::core::finding::{Finding, FindingId, Severity, SpecRef};
use crate::engine::exchange::{diagnosis_ids as dx, ids as status, server_says::ids as server};
use crate::engine::jose::verify::ids as verify;
use crate::engine::jwt::{ids as jwt, lint::ids as lint, time_ids as times};

/// Ids of the findings raised here (causes no other analysis names).
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The user name is not in the server's user file or directory.
    pub const USER_UNKNOWN: FindingId = FindingId("log.user_unknown");
    /// The server requires a login it has no way to check (no AuthType, unreadable user file).
    pub const AUTH_NOT_CONFIGURED: FindingId = FindingId("log.auth_not_configured");
    /// A server rule (address, file ACL, TLS requirement) refused the request.
    pub const DENIED_BY_CONFIG: FindingId = FindingId("log.denied_by_config");
    /// The caller was identified, and an authorization policy refused it.
    pub const DENIED_BY_POLICY: FindingId = FindingId("log.denied_by_policy");
    /// The token's issuer is not the one the server trusts.
    pub const ISSUER_MISMATCH: FindingId = FindingId("log.issuer_mismatch");
    /// The server has no keys to check signatures with.
    pub const NO_SIGNING_KEYS: FindingId = FindingId("log.no_signing_keys");
    /// The server refused the token without saying why.
    pub const TOKEN_REJECTED: FindingId = FindingId("log.token_rejected");
    /// The token was revoked or its session ended.
    pub const TOKEN_REVOKED: FindingId = FindingId("log.token_revoked");
    /// The CSRF token was missing or did not match.
    pub const CSRF_REJECTED: FindingId = FindingId("log.csrf_rejected");
    /// The OAuth client's own credentials (client id or secret) were refused.
    pub const CLIENT_SECRET_REJECTED: FindingId = FindingId("log.client_secret_rejected");
    /// nginx `auth_request`: the authentication service answered neither 2xx, 401 nor 403.
    pub const AUTH_REQUEST_FAILED: FindingId = FindingId("log.auth_request_failed");
    /// An API gateway's authorizer failed or was misconfigured.
    pub const AUTHORIZER_FAILED: FindingId = FindingId("log.authorizer_failed");
    /// The identity provider logged an error code of its own.
    pub const IDP_ERROR: FindingId = FindingId("log.idp_error");
    /// IIS 401s that end in success: the normal Windows authentication handshake.
    pub const WINDOWS_HANDSHAKE: FindingId = FindingId("log.windows_handshake");
    /// "Token is not active": expired, or the clocks of issuer and API differ.
    pub const TOKEN_NOT_ACTIVE: FindingId = FindingId("log.token_not_active");
    /// Lines about authentication that do not name a cause on their own.
    pub const NO_CAUSE: FindingId = FindingId("log.no_cause");
    /// The authorization server refused the grant (RFC 6749 invalid_grant).
    pub const INVALID_GRANT: FindingId = FindingId("oauth.invalid_grant");
    /// The client may not use this grant type (RFC 6749 unauthorized_client).
    pub const GRANT_NOT_ALLOWED: FindingId = FindingId("oauth.grant_not_allowed");
    /// The redirect URI sent is not one registered for the client.
    pub const REDIRECT_URI_MISMATCH: FindingId = FindingId("oauth.redirect_uri_mismatch");
    /// A user-only endpoint was called with an app-only token.
    pub const APP_ONLY_TOKEN: FindingId = FindingId("oauth.app_only_token");
    /// The expected and found values in a validation message look the same.
    pub const VALUES_LOOK_IDENTICAL: FindingId = FindingId("log.values_look_identical");
    /// The token carries no audience at all.
    pub const TOKEN_HAS_NO_AUDIENCE: FindingId = FindingId("log.token_has_no_audience");
    /// The CSRF check refused the request's Origin or Referer as not trusted.
    pub const CSRF_ORIGIN_UNTRUSTED: FindingId = FindingId("csrf.origin_untrusted");
    /// The CSRF check refused `Origin: null`.
    pub const CSRF_NULL_ORIGIN: FindingId = FindingId("csrf.null_origin");
    /// The session cookie set at login did not come back.
    pub const SESSION_COOKIE_NOT_RETURNED: FindingId = FindingId("cookie.session_not_returned");
    /// Throttling, a lockout or a ban answered the request, not a credential check.
    pub const THROTTLED: FindingId = FindingId("server.throttled_or_banned");
    /// Failed logins are attributed to a private address, likely a proxy's.
    pub const CLIENT_IS_PROXY: FindingId = FindingId("log.client_is_proxy");
}

/// One cause a log line can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    /// No credentials arrived.
    NoCredentials,
    /// Credentials arrived and the password (or secret) was wrong.
    Rejected,
    /// The user does not exist where the server looks.
    UnknownUser,
    /// The client used another scheme than the one configured.
    WrongScheme,
    /// PHP behind Apache CGI/FastCGI never saw the Authorization header.
    ApacheDropsAuthorization,
    /// Authentication is required but not set up.
    AuthNotConfigured,
    /// IIS Windows authentication: the client did not (yet) authenticate.
    WindowsAuth,
    /// A server rule refused the request.
    DeniedByConfig,
    /// An authorization policy refused an identified caller.
    DeniedByPolicy,
    /// The token expired.
    Expired,
    /// The token is not valid yet.
    NotYetValid,
    /// Keycloak's "Token is not active": expired, or not yet valid by the verifier's clock.
    NotActive,
    /// The token has no expiry and the server requires one.
    NoExpiry,
    /// The issuer is not trusted.
    IssuerMismatch,
    /// The audience is not this API.
    AudienceMismatch,
    /// No key with the token's kid.
    KeyNotFound,
    /// The server has no keys at all.
    NoSigningKeys,
    /// The signature does not verify.
    BadSignature,
    /// The token is not a JWT.
    Malformed,
    /// The token was refused without a reason.
    TokenRejected,
    /// The token was revoked.
    TokenRevoked,
    /// CSRF check failed.
    Csrf,
    /// The OAuth client's secret was refused.
    ClientSecret,
    /// A proxy wants credentials.
    ProxyAuth,
    /// nginx auth_request got an unexpected status.
    AuthRequestFailed,
    /// An API gateway authorizer failed.
    AuthorizerFailed,
    /// Kubernetes ran the request as system:anonymous.
    K8sAnonymous,
    /// API Gateway: no route or no signature.
    AwsMissingAuthToken,
    /// AWS temporary credentials or a presigned URL expired.
    AwsExpired,
    /// AWS does not know the key or session token.
    AwsInvalidKey,
    /// The identity provider logged an error code.
    IdpError,
    /// An access-log 401 that does not say why.
    Status401,
    /// An access-log 403 that does not say why.
    Status403,
    /// The grant (a code or refresh token) was refused.
    InvalidGrant,
    /// A rate limit, lockout or ban refused the request.
    Throttled,
    /// The client may not use this grant type.
    GrantNotAllowed,
    /// The redirect URI is not registered for the client.
    RedirectUri,
    /// A user-only endpoint got an app-only token.
    AppOnlyToken,
    /// A validator's expected and found values look the same.
    IdenticalValues,
    /// The token has no audience.
    NoAudience,
    /// The CSRF check did not trust the Origin or Referer.
    CsrfOrigin,
    /// The CSRF check got `Origin: null`.
    CsrfNullOrigin,
    /// The session cookie did not come back.
    SessionCookieMissing,
    /// A failed login from a private address (a proxy's, when forwarded addresses are not
    /// trusted).
    ProxyAddress,
    /// About authentication, but names no cause alone (e.g. "Bearer was challenged").
    Context,
}

/// The client and path of a success line.
pub type Key = (Option<String>, Option<String>);

/// What a reader took from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Which server or library wrote it.
    pub source: &'static str,
    /// The cause it names.
    pub cause: Cause,
    /// The code or words that name it (`AH01617`, `IDX10223`, `401.1 (1326)`), short.
    pub detail: String,
    /// The client address, when logged.
    pub client: Option<String>,
    /// The user name, when logged.
    pub user: Option<String>,
    /// The request path, when logged.
    pub path: Option<String>,
}

impl Hit {
    /// A hit with no client, user or path yet.
    pub fn new(source: &'static str, cause: Cause, detail: impl Into<String>) -> Hit {
        Hit {
            source,
            cause,
            detail: detail.into(),
            client: None,
            user: None,
            path: None,
        }
    }

    /// Sets the client address.
    pub fn client(mut self, c: Option<impl Into<String>>) -> Hit {
        self.client = c
            .map(Into::into)
            .filter(|c: &String| !c.is_empty() && c != "-");
        self
    }

    /// Sets the user name.
    pub fn user(mut self, u: Option<impl Into<String>>) -> Hit {
        self.user = u
            .map(Into::into)
            .filter(|u: &String| !u.is_empty() && u != "-");
        self
    }

    /// Sets the path.
    pub fn path(mut self, p: Option<impl Into<String>>) -> Hit {
        self.path = p
            .map(Into::into)
            .filter(|p: &String| !p.is_empty() && p != "-");
        self
    }
}

const RFC9110_401: SpecRef = SpecRef::new(
    "RFC 9110 §15.5.2",
    "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
);
const RFC9110_403: SpecRef = SpecRef::new(
    "RFC 9110 §15.5.4",
    "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
);
const RFC7519_EXP: SpecRef = SpecRef::new(
    "RFC 7519 §4.1.4",
    "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4",
);
const NGINX_BASIC: SpecRef = SpecRef::new(
    "nginx: ngx_http_auth_basic_module",
    "https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html",
);

/// The id, severity, title (after the source's words), why, fix and reference of a cause.
struct Text {
    id: FindingId,
    severity: Severity,
    title: &'static str,
    why: &'static str,
    fix: &'static str,
    spec: SpecRef,
}

fn text(cause: Cause) -> Text {
    use Cause::*;
    let t = |id, severity, title, why, fix, spec| Text {
        id,
        severity,
        title,
        why,
        fix,
        spec,
    };
    let e = Severity::Error;
    match cause {
        NoCredentials => t(dx::NO_CREDENTIALS_SENT, e, "No credentials arrived", "The server logged that the request carried no credentials it looks for. Either the client sent none, or something between them (a proxy, a redirect, a CGI layer) removed the header.", "Send the credential on this request (Authorization header, cookie or client certificate); if the client does send it, find the hop that drops it.", RFC9110_401),
        Rejected => t(dx::CREDENTIALS_REJECTED, e, "The password or secret was wrong", "Credentials arrived and the user was found, but the password did not match what the server stores. A typo, a changed password, a hash format the server cannot read, or credentials meant for another system.", "Check the password; re-create the entry (htpasswd -B file user) if the stored hash may be in an unsupported format.", RFC9110_401),
        UnknownUser => t(ids::USER_UNKNOWN, e, "The user name is not known to the server", "The server looked the user up in its user file or directory and found no such name. Often the file the server reads is not the one that was edited (another path, a container without the file, quotes kept in the file).", "Check the user name, and that the file the log names holds it (a line name:hash, without quotes).", NGINX_BASIC),
        WrongScheme => t(dx::SCHEME_MISMATCH, e, "The client used another authentication scheme", "The server is set up for one scheme (Basic or Digest) and the client answered with the other.", "Make the client use the scheme the server's challenge names, or change AuthType on the server.", SpecRef::new("Apache: mod_auth_digest", "https://httpd.apache.org/docs/2.4/mod/mod_auth_digest.html")),
        ApacheDropsAuthorization => t(dx::APACHE_DROPS_AUTHORIZATION, e, "PHP never saw the Authorization header", "Apache does not pass Authorization to CGI and FastCGI scripts unless told to, so the application finds no credentials even though the client sent them.", "Add CGIPassAuth On (Apache 2.4.13+) for the directory, or RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}].", SpecRef::new("Apache: CGIPassAuth", "https://httpd.apache.org/docs/2.4/mod/core.html#cgipassauth")),
        AuthNotConfigured => t(ids::AUTH_NOT_CONFIGURED, e, "Authentication is required but not set up", "A rule requires a logged-in user, but the server has no way to check one here (no AuthType, or the user file cannot be read).", "Add AuthType, AuthName and the provider next to the Require line, or make the user file readable by the server's user.", SpecRef::new("Apache: authentication howto", "https://httpd.apache.org/docs/2.4/howto/auth.html")),
        WindowsAuth => t(dx::IIS_WINDOWS_AUTH, Severity::Warning, "IIS Windows authentication: the client did not authenticate", "IIS answered 401.2: the request carried no Negotiate or NTLM token it accepts. The first request of every Windows login looks like this; it is a failure only when no success follows (the browser does not trust the site for integrated login, or Kerberos has no ticket for the SPN).", "If no 200 follows: add the site to the browser's intranet zone, check the SPN (setspn -Q HTTP/host) and that the app pool identity matches it, or enable NTLM as a fallback.", SpecRef::new("Microsoft: troubleshoot HTTP 401 in IIS", "https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code")),
        DeniedByConfig => t(ids::DENIED_BY_CONFIG, e, "A server rule refused the request", "A rule in the server's own configuration refused it before any login mattered: an address restriction, a file permission, a Require line, or a TLS requirement.", "Find the rule for this path in the server's configuration (Require, Allow/Deny, IP restrictions, file ACLs) and allow this client.", RFC9110_403),
        DeniedByPolicy => t(ids::DENIED_BY_POLICY, e, "The caller was identified, and a policy said no", "Authentication worked; an authorization rule (roles, RBAC, an AuthorizationPolicy, a gateway policy) refused this caller for this action.", "Grant the role or permission the policy requires, or call as an identity that has it. A new token is not needed unless roles live in the token.", RFC9110_403),
        NotActive => t(ids::TOKEN_NOT_ACTIVE, e, "The token is not active: expired, or the clocks differ", "Keycloak says this when exp has passed or nbf/iat lie in the future by the verifying host's clock. A token refused this way right after it was issued means that host's clock is off from Keycloak's.", "Sync the clocks of Keycloak and the API host (NTP); if the token really expired, refresh it.", RFC7519_EXP),
        Expired => t(times::EXPIRED, e, "The token had expired", "The server checked the token's expiry (exp) and it was in the past at the server's clock.", "Get a new token (refresh it) before calling; if tokens expire early, compare the server's and the issuer's clocks.", RFC7519_EXP),
        NotYetValid => t(times::NOT_YET_VALID, e, "The token is not valid yet", "The token's nbf (or iat) is in the future at the server's clock: the clocks of issuer and server differ.", "Synchronise both clocks (NTP), or allow a small clock skew on the server.", SpecRef::new("RFC 7519 §4.1.5", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5")),
        NoExpiry => t(times::NO_EXP, e, "The token has no expiry and the server requires one", "The server requires an exp claim and the token has none.", "Issue tokens with an exp, or relax RequireExpirationTime if the token is meant to last.", RFC7519_EXP),
        IssuerMismatch => t(ids::ISSUER_MISMATCH, e, "The token's issuer is not the one the server trusts", "The iss claim differs from the issuer the server is configured with: another realm or tenant, http vs https, a trailing slash, or an internal vs public host name.", "Set the server's issuer to the token's iss exactly (compare character by character), or get the token from the issuer the server trusts.", SpecRef::new("RFC 7519 §4.1.1", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1")),
        AudienceMismatch => t(lint::AUDIENCE_MISMATCH, e, "The token is for another audience", "The aud claim does not name this API, so the token was issued for another resource.", "Request the token for this API's audience (scope or resource at the authorization server), or configure the API's expected audience to match.", SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")),
        KeyNotFound => t(verify::NO_KEY_WITH_KID, e, "No key with the token's kid", "The server's key set has no key matching the token's kid (or alg): the issuer rotated keys, the token comes from another issuer or tenant, or the server caches an old key set.", "Make the server fetch the issuer's current JWKS (restart or shorten the cache), and check the token comes from the issuer the server is set up for.", SpecRef::new("OpenID Connect Core §10.1.1", "https://openid.net/specs/openid-connect-core-1_0.html#RotateSigKeys")),
        NoSigningKeys => t(ids::NO_SIGNING_KEYS, e, "The server has no keys to check signatures", "The token validation has no signing keys at all: the authority or metadata URL is missing or unreachable, or no key was configured.", "Configure the authority (or IssuerSigningKey) so the server can load the issuer's keys, and check it can reach the JWKS URL.", SpecRef::new("RFC 7517 §5", "https://www.rfc-editor.org/rfc/rfc7517#section-5")),
        BadSignature => t(verify::INVALID, e, "The token's signature does not verify", "The signature does not match with the key the server used: the token was signed by another key or issuer, with another secret, or changed after signing.", "Use the same key or secret on both sides (for HS256 the exact bytes), or point the server at the issuer that signed the token.", SpecRef::new("RFC 7515 §5.2", "https://www.rfc-editor.org/rfc/rfc7515#section-5.2")),
        Malformed => t(jwt::SEGMENT_COUNT, e, "The token is not a well-formed JWT", "The server could not read the token as header.payload.signature: it is opaque, truncated, quoted, or sent with a second \"Bearer\".", "Send the JWT itself (three base64url parts) after one \"Bearer \"; an opaque token needs introspection instead.", SpecRef::new("RFC 7519 §7.2", "https://www.rfc-editor.org/rfc/rfc7519#section-7.2")),
        TokenRejected => t(ids::TOKEN_REJECTED, e, "The server refused the token", "The server logged that the token is not valid but not why.", "Paste the token into authlens to see its expiry, issuer and audience; raise the server's log level for the reason.", SpecRef::new("RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1")),
        TokenRevoked => t(ids::TOKEN_REVOKED, e, "The token was revoked", "The token is well formed and signed, but the server has invalidated it (logout, deleted secret or service account, rotated session).", "Get a new token; for Kubernetes, recreate the service account token.", SpecRef::new("RFC 7009", "https://www.rfc-editor.org/rfc/rfc7009")),
        Csrf => t(ids::CSRF_REJECTED, e, "The CSRF token was missing or did not match", "The server refused a state-changing request (POST, PUT, DELETE) because the CSRF token it expects was absent or stale. Logins work; the write that follows fails with 403.", "Send the CSRF token from the cookie or page as the header or field the server reads (X-XSRF-TOKEN, _csrf), or disable CSRF for token-authenticated APIs.", SpecRef::new("Spring Security: CSRF", "https://docs.spring.io/spring-security/reference/servlet/exploits/csrf.html")),
        ClientSecret => t(ids::CLIENT_SECRET_REJECTED, e, "The OAuth client's secret was refused", "The authorization server did not accept the client's own credentials at the token endpoint: wrong or regenerated secret, wrong client id, another client authentication method (secret in the body vs Basic), or no secret at all from a client registered as confidential. A browser or mobile app cannot keep a secret, so its client must be registered as public (with PKCE); a client that has a secret must send it (Cognito: the SECRET_HASH). A secret with +, %, & or = sent in Basic must be form-urlencoded first (RFC 6749 §2.3.1), or the server decodes it into another value.", "Copy the client secret again from the identity provider, and use the authentication method the client is set to (client_secret_basic or client_secret_post); in Basic, form-urlencode the id and secret before base64.", SpecRef::new("RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2")),
        ProxyAuth => t(status::STATUS_407, e, "The proxy wants credentials", "The forward proxy refused the request with 407: no Proxy-Authorization arrived, or it was wrong.", "Configure the client's proxy credentials (http://user:pass@proxy:port, or Negotiate for Windows proxies).", SpecRef::new("RFC 9110 §15.5.8", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8")),
        AuthRequestFailed => t(ids::AUTH_REQUEST_FAILED, e, "The auth_request service failed", "nginx asked its authentication service and got a status other than 2xx, 401 or 403, so it answered 500. The service itself is failing or unreachable.", "Check the authentication service's logs and that the auth_request location proxies to it (proxy_pass_request_body off; Content-Length \"\").", SpecRef::new("nginx: ngx_http_auth_request_module", "https://nginx.org/en/docs/http/ngx_http_auth_request_module.html")),
        AuthorizerFailed => t(ids::AUTHORIZER_FAILED, e, "The API Gateway authorizer failed", "API Gateway could not get a policy from the authorizer: the Lambda failed or returned a malformed policy, or API Gateway may not invoke it.", "Check the authorizer Lambda's own logs and its return value, and that API Gateway has permission to invoke it.", SpecRef::new("AWS: Lambda authorizers", "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html")),
        K8sAnonymous => t(server::K8S_ANONYMOUS, e, "Kubernetes saw no credentials (system:anonymous)", "The API server ran the request as system:anonymous: no token or client certificate it accepts arrived. This is an authentication problem, not an RBAC one.", "Send the service-account token as Authorization: Bearer <token> (or the kubeconfig's client certificate), and check it is for this cluster.", SpecRef::new("Kubernetes: anonymous requests", "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests")),
        AwsMissingAuthToken => t(server::AWS_MISSING_AUTH_TOKEN, e, "API Gateway: no route here (Missing Authentication Token)", "API Gateway answers this for a path or method that is not deployed as well as for IAM-authorised routes without a signature.", "Check the stage, resource path and method, and that the API was redeployed; for IAM auth, sign with SigV4.", SpecRef::new("AWS: Missing Authentication Token", "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors")),
        AwsExpired => t(server::AWS_EXPIRED, e, "The AWS credentials or signature expired", "The request was signed too long ago or with temporary credentials whose session ended.", "Get fresh credentials and sign again.", SpecRef::new("AWS: signature errors", "https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html")),
        AwsInvalidKey => t(server::AWS_INVALID_KEY_ID, e, "AWS does not know this key or session token", "The access key id or the session token is wrong, deleted or for another region.", "Check the key id and its session token.", SpecRef::new("AWS: signature errors", "https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html")),
        IdpError => t(ids::IDP_ERROR, e, "The identity provider refused the login", "The identity provider logged an error event; its code names the step that failed.", "Look the error code up in the provider's event documentation; the user, client and address are in the line.", SpecRef::new("Keycloak: auditing and events", "https://www.keycloak.org/docs/latest/server_admin/#auditing-and-events")),
        Status401 => t(status::STATUS_401, e, "401: the server wants (other) credentials", "The access log records the 401 but not why. The error log, or the application's log, at the same time names the cause.", "Paste the error-log lines from the same second (nginx error.log, Apache error_log, the application's log).", RFC9110_401),
        Status403 => t(status::STATUS_403, e, "403: the server refused", "The access log records the 403 but not why: a configuration rule, file permission, or authorization policy.", "Paste the error-log lines from the same second for the reason.", RFC9110_403),
        InvalidGrant => t(ids::INVALID_GRANT, e, "The authorization server refused the grant (invalid_grant)", "The code or refresh token sent to the token endpoint is not valid any more, or does not belong here: a refresh token that expired, was revoked or replaced (password change, inactivity, a new login elsewhere, Google's 7-day limit for apps in testing), an authorization code used twice or too late, or a code exchanged with another redirect_uri, client or PKCE code_verifier than it was issued for. It is not the client's secret.", "Sign in again to get a new grant (gcloud auth application-default login, az login, a fresh authorization code), and for a code exchange send the same redirect_uri and client_id as the authorization request.", SpecRef::new("RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2")),
        Throttled => t(ids::THROTTLED, e, "A rate limit, lockout or ban refused the request, not the credential check", "The server (or a proxy, WAF or CDN in front of it) counted too many requests or failed logins and refuses for a while, often with 401 or 403 rather than 429. Every credential fails until it lifts; when the server sees a proxy's address for all clients, one client's failures lock out everyone.", "Wait for the lockout or Retry-After to pass (or unban the address / unlock the account), slow the client down, and fix what produced the failed attempts; behind a proxy, make the server see real client addresses.", SpecRef::new("RFC 6585 §4", "https://www.rfc-editor.org/rfc/rfc6585#section-4")),
        GrantNotAllowed => t(ids::GRANT_NOT_ALLOWED, e, "The client may not use this grant type", "The authorization server refused the grant for this client (unauthorized_client): the flow it used (password/direct access, client credentials, device code, refresh) is not enabled in the client's registration.", "Enable the grant for the client (Keycloak: Direct Access Grants or Service Accounts; Entra: allow public client flows), or use the flow the client is registered for (authorization code with PKCE).", SpecRef::new("RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2")),
        RedirectUri => t(ids::REDIRECT_URI_MISMATCH, e, "The redirect URI is not registered for this client", "The authorization server compares redirect_uri with the registered ones exactly: scheme, host, port, path and trailing slash. The usual differences are http:// built by an app behind a TLS-terminating proxy, the host the app was opened by (an IP address, another name or port), or a missing path.", "Register the exact URI the app sends, or make the app send the registered one: behind a proxy, trust X-Forwarded-Proto and X-Forwarded-Host; open the app by its registered host name.", SpecRef::new("RFC 6749 §3.1.2", "https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2")),
        AppOnlyToken => t(ids::APP_ONLY_TOKEN, e, "A user endpoint was called with an app-only token", "The token came from the client credentials flow: it has no signed-in user, so endpoints about \"me\" cannot resolve one. Application permissions (roles) do not stand in for a user.", "Call the user's resource by id (/users/{id}) with application permissions, or get a delegated token by signing the user in (authorization code, on-behalf-of).", SpecRef::new("Microsoft identity platform: app-only vs delegated access", "https://learn.microsoft.com/en-us/entra/identity-platform/permissions-consent-overview")),
        IdenticalValues => t(ids::VALUES_LOOK_IDENTICAL, e, "Expected and found look the same: the difference is invisible", "The validator printed the value it wanted and the value it found, and they read the same. They still differ: a space or newline in the configured value, letter case, a trailing slash, or an invisible character copied with it.", "Retype the configured value (appsettings, environment variable) and trim it; compare the two byte by byte (paste the configuration line into authlens to see invisible characters).", SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")),
        NoAudience => t(ids::TOKEN_HAS_NO_AUDIENCE, e, "The token has no audience", "The API validates aud, and the token carries none: the token was requested without naming the API (no scope or resource/audience parameter), so the issuer did not say who it is for.", "Request the token with the API's scope (or the resource / audience parameter your issuer uses), and check the new token has aud.", SpecRef::new("RFC 8707 §2", "https://www.rfc-editor.org/rfc/rfc8707#section-2")),
        CsrfOrigin => t(ids::CSRF_ORIGIN_UNTRUSTED, e, "The CSRF check does not trust the page's origin", "The application compares the browser's Origin (or Referer) with its own host and a list of trusted origins. Behind a reverse proxy they differ: the public https://host the browser used is not listed, or the proxy passes another Host (a port added, an internal name) or scheme.", "Add the public origin to the trusted list (Django: CSRF_TRUSTED_ORIGINS = [\"https://host\"]), and have the proxy pass the original Host and X-Forwarded-Proto (nginx: proxy_set_header Host $host;).", SpecRef::new("Django: CSRF_TRUSTED_ORIGINS", "https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins")),
        CsrfNullOrigin => t(ids::CSRF_NULL_ORIGIN, e, "The browser sent Origin: null, which no CSRF check trusts", "Browsers send Origin: null when the page's referrer policy is no-referrer (set by a proxy or middleware header), from sandboxed frames, and after some cross-origin redirects. null cannot be listed as trusted.", "Remove Referrer-Policy: no-referrer from the responses (use strict-origin-when-cross-origin), or serve the form outside the sandboxed frame or proxy that causes it.", SpecRef::new("Fetch: serializing a request origin", "https://fetch.spec.whatwg.org/#serializing-a-request-origin")),
        SessionCookieMissing => t(ids::SESSION_COOKIE_NOT_RETURNED, e, "The session cookie set at login did not come back", "Login succeeded and set a cookie, but the next request arrived without it. Browsers drop a Secure cookie on plain http://, a cookie whose Domain or Path does not cover the next URL, a SameSite=Strict/Lax cookie on a cross-site return, and a cookie over 4 KB.", "Serve the site over HTTPS (or turn the cookie's Secure flag off for plain-HTTP testing only), and check the cookie's Domain, Path, SameSite and size against the URL that follows.", SpecRef::new("RFC 6265 §5.4", "https://www.rfc-editor.org/rfc/rfc6265#section-5.4")),
        ProxyAddress => t(ids::CLIENT_IS_PROXY, Severity::Warning, "Failed logins are logged from a private address: a proxy's?", "The server records a private, loopback or container-network address as the client. Behind a reverse proxy that it does not trust, every client looks like the proxy: brute-force protection and bans then lock out everyone, and the log hides the real client.", "If a proxy is in front, configure the server's trusted proxies (Nextcloud trusted_proxies, Gitea REVERSE_PROXY_TRUSTED_PROXIES, Home Assistant trusted_proxies) and have the proxy send X-Forwarded-For.", SpecRef::new("RFC 7239", "https://www.rfc-editor.org/rfc/rfc7239")),
        Context => t(ids::NO_CAUSE, Severity::Info, "About authentication, without a cause", "These lines are part of authentication (a challenge was sent, a token was checked) but do not say what failed.", "Paste the lines just before them, or raise the log level of the authentication library.", RFC9110_401),
    }
}

/// The finding id a cause is reported under.
pub fn id(cause: Cause) -> FindingId {
    text(cause).id
}

/// One group of equal lines: same cause, source, detail, client, user and path.
#[derive(Debug, Clone)]
pub struct Group {
    /// What the lines share.
    pub hit: Hit,
    /// How many lines.
    pub count: usize,
    /// The first and last timestamps, as written.
    pub first: Option<String>,
    /// The last timestamp, as written.
    pub last: Option<String>,
    /// The first line number (1-based).
    pub line: usize,
}

/// The finding for one cause, listing its groups (at most a few, the rest counted).
pub fn finding(cause: Cause, groups: &[&Group], handshake_only: bool) -> Finding {
    let mut t = text(cause);
    if handshake_only {
        t = Text {
            id: ids::WINDOWS_HANDSHAKE,
            severity: Severity::Info,
            title: "IIS 401s followed by success: the normal Windows login handshake",
            why: "Windows authentication always starts with a 401 (401.2, then 401.1 during NTLM), and the same client then got a success for the same path. These 401s are expected.",
            fix: "Nothing to fix for these lines.",
            spec: t.spec,
        };
    }
    let lines: usize = groups.iter().map(|g| g.count).sum();
    let g0 = groups[0];
    let title = format!(
        "{}: {} ({}{})",
        t.title,
        g0.hit.source,
        crate::engine::core::text::clip(&g0.hit.detail, 80),
        match lines {
            1 => String::new(),
            n => format!(", {n} lines"),
        }
    );
    let mut why = String::from(t.why);
    why.push_str(" In the log:");
    for g in groups.iter().take(5) {
        why.push_str(&format!(
            "\n• line {}: {} says {}",
            g.line, g.hit.source, g.hit.detail
        ));
        let who: Vec<String> = [
            g.hit.user.as_ref().map(|u| format!("user {u}")),
            g.hit.client.as_ref().map(|c| format!("from {c}")),
            g.hit.path.as_ref().map(|p| format!("for {p}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !who.is_empty() {
            why.push_str(&format!(" ({})", who.join(", ")));
        }
        if g.count > 1 {
            why.push_str(&format!(", {} times", g.count));
        }
    }
    if groups.len() > 5 {
        why.push_str(&format!(
            "\n… and {} more groups like these.",
            groups.len() - 5
        ));
    }
    Finding::new(t.id, t.severity, title, why)
        .fix(t.fix)
        .spec(t.spec)
}
