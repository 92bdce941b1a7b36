//! Spring Security (and jjwt) DEBUG/WARN lines: Bearer token validation, CSRF, access denied.
//! Messages from spring-security's JwtValidators and filters, e.g. `An error occurred while
//! attempting to decode the Jwt: Jwt expired at 2024-…`, `Invalid CSRF token found for …`
//! (https://github.com/openmpf/openmpf/issues/1495).

use super::cause::{Cause, Hit};
use super::line::{after, word_after};
use crate::engine::core::text::{first_phrase, has};

const SOURCE: &str = "Spring Security";

/// Needles in the order they are tried: the specific before the general.
const KNOWN: &[(&str, Cause)] = &[
    ("Jwt expired at", Cause::Expired),
    ("JWT expired", Cause::Expired),
    ("ExpiredJwtException", Cause::Expired),
    ("Jwt used before", Cause::NotYetValid),
    ("The iss claim is not valid", Cause::IssuerMismatch),
    ("contains invalid claims: {iss=", Cause::IssuerMismatch),
    ("The aud claim is not valid", Cause::AudienceMismatch),
    ("contains invalid claims: {aud=", Cause::AudienceMismatch),
    ("no matching key(s) found", Cause::KeyNotFound),
    (
        "Signed JWT rejected: Invalid signature",
        Cause::BadSignature,
    ),
    ("JWT signature does not match", Cause::BadSignature),
    ("Invalid JWT serialization", Cause::Malformed),
    ("Malformed token", Cause::Malformed),
    ("MalformedJwtException", Cause::Malformed),
    ("Invalid CSRF token found for", Cause::Csrf),
    ("Invalid CSRF Token", Cause::Csrf),
    ("MissingCsrfTokenException", Cause::Csrf),
    ("InvalidCsrfTokenException", Cause::Csrf),
    (
        "to authentication entry point since access is denied",
        Cause::NoCredentials,
    ),
    ("Access is denied (user is anonymous)", Cause::NoCredentials),
    (
        "Full authentication is required to access this resource",
        Cause::NoCredentials,
    ),
    ("BadCredentialsException", Cause::Rejected),
    ("Bad credentials", Cause::Rejected),
    ("AuthorizationDeniedException", Cause::DeniedByPolicy),
    (
        "to access denied handler since access is denied",
        Cause::DeniedByPolicy,
    ),
    (
        "AccessDeniedException: Access is denied",
        Cause::DeniedByPolicy,
    ),
    (
        "Failed to authenticate since the JWT was invalid",
        Cause::TokenRejected,
    ),
    ("InvalidBearerTokenException", Cause::TokenRejected),
];

/// The auth cause a Spring Security line names.
pub fn read(line: &str) -> Option<Hit> {
    let (needle, cause) = first_phrase(line, KNOWN)?;
    let source = if has(line, "jsonwebtoken") {
        "jjwt"
    } else {
        SOURCE
    };
    let detail = after(line, needle)
        .map(|rest| format!("{needle}{}", rest.split(['\n']).next().unwrap_or("")))
        .map(|d| crate::engine::core::text::clip(d.trim(), 120))
        .unwrap_or_else(|| needle.to_string());
    let path = match cause {
        Cause::Csrf => word_after(line, "found for "),
        _ => None,
    };
    Some(Hit::new(source, *cause, detail).path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        // https://github.com/openmpf/openmpf/issues/1495
        let h = read("2022-02-23 16:53:27,025 DEBUG [http-nio-8080-exec-7] o.s.s.w.c.CsrfFilter - Invalid CSRF token found for http://localhost:8080/workflow-manager/login").unwrap();
        assert_eq!(
            (h.cause, h.path.as_deref()),
            (
                Cause::Csrf,
                Some("http://localhost:8080/workflow-manager/login")
            )
        );
        // https://github.com/spring-projects/spring-security/issues/12164
        let h = read("Caused by: org.springframework.security.oauth2.jwt.JwtValidationException: An error occurred while attempting to decode the Jwt: The ID Token contains invalid claims: {iss=https://34.90.78.139:8443/realms/test-realm}").unwrap();
        assert_eq!(h.cause, Cause::IssuerMismatch);
        let h = read("o.s.s.o.s.r.w.BearerTokenAuthenticationFilter : Failed to process authentication request org.springframework.security.oauth2.server.resource.InvalidBearerTokenException: An error occurred while attempting to decode the Jwt: Jwt expired at 2023-06-01T10:00:00Z").unwrap();
        assert_eq!(h.cause, Cause::Expired);
        assert!(read("2024-01-05T18:26:31.572Z TRACE o.s.security.web.FilterChainProxy : Invoking RequestCacheAwareFilter (7/12)").is_none());
    }
}
