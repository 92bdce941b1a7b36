//! The causes a probe verdict can name, their finding ids, and which of them a page cannot
//! tell apart.

use crate::engine::core::finding::FindingId;

/// Ids of the findings the verdict raises.
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
    /// Verdict: AllowOriginMismatch
    pub const CAUSE_ALLOW_ORIGIN_MISMATCH: FindingId = FindingId("verdict.allow_origin_mismatch");
    /// Verdict: AllowOriginOnlyOnSuccess
    pub const CAUSE_ALLOW_ORIGIN_ONLY_ON_SUCCESS: FindingId =
        FindingId("verdict.allow_origin_only_on_success");
    /// Verdict: PreflightRejected
    pub const CAUSE_PREFLIGHT_REJECTED: FindingId = FindingId("verdict.preflight_rejected");
    /// Verdict: PreflightRedirect
    pub const CAUSE_PREFLIGHT_REDIRECT: FindingId = FindingId("verdict.preflight_redirect");
    /// Verdict: MethodNotAllowed
    pub const CAUSE_METHOD_NOT_ALLOWED: FindingId = FindingId("verdict.method_not_allowed");
    /// Verdict: HeaderNotAllowed
    pub const CAUSE_HEADER_NOT_ALLOWED: FindingId = FindingId("verdict.header_not_allowed");
    /// Verdict: CredentialsMode
    pub const CAUSE_CREDENTIALS_MODE: FindingId = FindingId("verdict.credentials_mode");
    /// Verdict: WildcardWithCredentials
    pub const CAUSE_WILDCARD_WITH_CREDENTIALS: FindingId =
        FindingId("verdict.wildcard_with_credentials");
    /// Verdict: ChallengeNotExposed
    pub const CAUSE_CHALLENGE_NOT_EXPOSED: FindingId = FindingId("verdict.challenge_not_exposed");
    /// Verdict: AuthFails
    pub const CAUSE_AUTH_FAILS: FindingId = FindingId("verdict.auth_fails");
    /// Verdict: Forbidden
    pub const CAUSE_FORBIDDEN: FindingId = FindingId("verdict.forbidden");
    /// Verdict: Redirect
    pub const CAUSE_REDIRECT: FindingId = FindingId("verdict.redirect");
    /// Verdict: TimedOut
    pub const CAUSE_TIMED_OUT: FindingId = FindingId("verdict.timed_out");
    /// Verdict: Works
    pub const CAUSE_WORKS: FindingId = FindingId("verdict.works");
}

/// The named causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// Nothing answered.
    Unreachable,
    /// An https page calling an http URL: blocked before sending.
    MixedContent,
    /// The browser's Local Network Access permission was not given.
    LocalNetwork,
    /// No Access-Control-Allow-Origin on the response.
    NoAllowOrigin,
    /// Access-Control-Allow-Origin is there but does not match (two origins, a trailing
    /// slash, `null`, another origin).
    AllowOriginMismatch,
    /// Access-Control-Allow-Origin only on some responses (e.g. success, not 401).
    AllowOriginOnlyOnSuccess,
    /// The preflight (OPTIONS) was rejected (authenticated, not routed, no CORS headers).
    PreflightRejected,
    /// The preflight was answered with a redirect, which browsers never follow.
    PreflightRedirect,
    /// The method is not in Access-Control-Allow-Methods.
    MethodNotAllowed,
    /// A request header (usually Authorization) is not in Access-Control-Allow-Headers.
    HeaderNotAllowed,
    /// Cookies need an exact origin and Allow-Credentials.
    CredentialsMode,
    /// With credentials, `*` in Allow-Methods, Allow-Headers or Expose-Headers counts literally.
    WildcardWithCredentials,
    /// A readable 401 whose WWW-Authenticate cannot be read.
    ChallengeNotExposed,
    /// Authentication really fails.
    AuthFails,
    /// Forbidden: authenticated, not allowed.
    Forbidden,
    /// A redirect moved the request (and may have dropped Authorization).
    Redirect,
    /// The real request got no answer in time while the others did.
    TimedOut,
    /// A readable answer with another status (404, 500…): CORS is fine.
    OtherStatus,
    /// The request works from the browser.
    Works,
}

/// Pairs of causes that look the same from a page: when both are named, the verdict says so
/// and gives the command that settles it.
const ALIKE: &[(Cause, Cause)] = &[
    (Cause::NoAllowOrigin, Cause::AllowOriginMismatch),
    (Cause::NoAllowOrigin, Cause::AllowOriginOnlyOnSuccess),
    (Cause::NoAllowOrigin, Cause::PreflightRejected),
    (Cause::AllowOriginMismatch, Cause::AllowOriginOnlyOnSuccess),
    (Cause::AllowOriginMismatch, Cause::PreflightRejected),
    (Cause::AllowOriginOnlyOnSuccess, Cause::PreflightRejected),
    (Cause::PreflightRejected, Cause::HeaderNotAllowed),
    (Cause::PreflightRejected, Cause::MethodNotAllowed),
    (Cause::HeaderNotAllowed, Cause::AllowOriginOnlyOnSuccess),
    (Cause::CredentialsMode, Cause::WildcardWithCredentials),
    (Cause::ChallengeNotExposed, Cause::WildcardWithCredentials),
];

impl Cause {
    /// The finding id the verdict carries for this cause.
    pub fn id(self) -> FindingId {
        match self {
            Cause::Unreachable => ids::CAUSE_UNREACHABLE,
            Cause::MixedContent => ids::CAUSE_MIXED_CONTENT,
            Cause::LocalNetwork => ids::CAUSE_LOCAL_NETWORK,
            Cause::NoAllowOrigin => ids::CAUSE_NO_ALLOW_ORIGIN,
            Cause::AllowOriginMismatch => ids::CAUSE_ALLOW_ORIGIN_MISMATCH,
            Cause::AllowOriginOnlyOnSuccess => ids::CAUSE_ALLOW_ORIGIN_ONLY_ON_SUCCESS,
            Cause::PreflightRejected => ids::CAUSE_PREFLIGHT_REJECTED,
            Cause::PreflightRedirect => ids::CAUSE_PREFLIGHT_REDIRECT,
            Cause::MethodNotAllowed => ids::CAUSE_METHOD_NOT_ALLOWED,
            Cause::HeaderNotAllowed => ids::CAUSE_HEADER_NOT_ALLOWED,
            Cause::CredentialsMode => ids::CAUSE_CREDENTIALS_MODE,
            Cause::WildcardWithCredentials => ids::CAUSE_WILDCARD_WITH_CREDENTIALS,
            Cause::ChallengeNotExposed => ids::CAUSE_CHALLENGE_NOT_EXPOSED,
            Cause::AuthFails => ids::CAUSE_AUTH_FAILS,
            Cause::Forbidden => ids::CAUSE_FORBIDDEN,
            Cause::Redirect => ids::CAUSE_REDIRECT,
            Cause::TimedOut => ids::CAUSE_TIMED_OUT,
            Cause::OtherStatus => ids::HTTP_STATUS,
            Cause::Works => ids::CAUSE_WORKS,
        }
    }

    /// Whether a page cannot tell `self` and `other` apart.
    pub fn alike(self, other: Cause) -> bool {
        ALIKE
            .iter()
            .any(|&(a, b)| (a, b) == (self, other) || (b, a) == (self, other))
    }

    /// Whether the cause lies in the CORS configuration (so server fixes apply).
    pub fn is_cors(self) -> bool {
        matches!(
            self,
            Cause::NoAllowOrigin
                | Cause::AllowOriginMismatch
                | Cause::AllowOriginOnlyOnSuccess
                | Cause::PreflightRejected
                | Cause::PreflightRedirect
                | Cause::MethodNotAllowed
                | Cause::HeaderNotAllowed
                | Cause::CredentialsMode
                | Cause::WildcardWithCredentials
                | Cause::ChallengeNotExposed
        )
    }

    /// Whether the cause is about the preflight (so a readable real request rules it out).
    pub fn is_preflight(self) -> bool {
        matches!(
            self,
            Cause::PreflightRejected
                | Cause::PreflightRedirect
                | Cause::MethodNotAllowed
                | Cause::HeaderNotAllowed
        )
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
            Cause::AllowOriginMismatch => {
                "CORS: Access-Control-Allow-Origin does not match this page's origin exactly"
            }
            Cause::AllowOriginOnlyOnSuccess => "CORS headers are missing on error responses",
            Cause::PreflightRejected => "The preflight (OPTIONS) is rejected",
            Cause::PreflightRedirect => "The preflight (OPTIONS) is answered with a redirect",
            Cause::MethodNotAllowed => "The method is not allowed by the preflight answer",
            Cause::HeaderNotAllowed => {
                "The Authorization header is not allowed by the preflight answer"
            }
            Cause::CredentialsMode => {
                "Cookies are refused: credentials mode needs an exact origin and Allow-Credentials"
            }
            Cause::WildcardWithCredentials => {
                "With cookies, * in the CORS answer counts as a literal name, not a wildcard"
            }
            Cause::ChallengeNotExposed => {
                "A real 401, but its WWW-Authenticate is hidden from scripts"
            }
            Cause::AuthFails => "Authentication really fails: the server answers 401",
            Cause::Forbidden => "Authenticated, but forbidden (403)",
            Cause::Redirect => "A redirect moved the request",
            Cause::TimedOut => "The real request timed out",
            Cause::OtherStatus => "CORS is fine; the server answered with an error status",
            Cause::Works => "The request works from the browser",
        }
    }
}
