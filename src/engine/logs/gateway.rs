//! Envoy and Istio (jwt_authn status strings from google/jwt_verify_lib, RBAC denials), Node
//! (express-jwt / jsonwebtoken `UnauthorizedError`) and AWS API Gateway execution logs.
//! Example: `envoy jwt Jwt authentication completed with: Jwks doesn't have key to match kid or
//! alg from Jwt` (https://github.com/envoyproxy/envoy/issues/24785).

use super::cause::{Cause, Hit};
use super::line::{after, between};
use crate::engine::core::text::{first_phrase, has};

/// jwt_verify_lib status messages (envoy, Istio).
const ENVOY: &[(&str, Cause)] = &[
    ("Jwt is expired", Cause::Expired),
    ("Jwt not yet valid", Cause::NotYetValid),
    (
        "Jwks doesn't have key to match kid or alg from Jwt",
        Cause::KeyNotFound,
    ),
    ("Jwt verification fails", Cause::BadSignature),
    ("Jwt issuer is not configured", Cause::IssuerMismatch),
    ("Audiences in Jwt are not allowed", Cause::AudienceMismatch),
    ("Jwt is missing", Cause::NoCredentials),
    (
        "Jwt is not in the form of Header.Payload.Signature",
        Cause::Malformed,
    ),
    ("Jwks remote fetch is failed", Cause::NoSigningKeys),
    ("Jwks is not fetched", Cause::NoSigningKeys),
];

/// express-jwt and jsonwebtoken error messages.
const NODE: &[(&str, Cause)] = &[
    ("jwt expired", Cause::Expired),
    ("jwt not active", Cause::NotYetValid),
    ("invalid signature", Cause::BadSignature),
    ("jwt malformed", Cause::Malformed),
    ("jwt audience invalid", Cause::AudienceMismatch),
    ("jwt issuer invalid", Cause::IssuerMismatch),
    ("No authorization token was found", Cause::NoCredentials),
    (
        "secret or public key must be provided",
        Cause::NoSigningKeys,
    ),
];

/// API Gateway execution-log messages.
const AWS: &[(&str, Cause)] = &[
    (
        "Execution failed due to configuration error: Authorizer error",
        Cause::AuthorizerFailed,
    ),
    ("AuthorizerConfigurationException", Cause::AuthorizerFailed),
    ("Authorizer error", Cause::AuthorizerFailed),
    ("Missing Authentication Token", Cause::AwsMissingAuthToken),
    (
        "is not authorized to perform: execute-api:Invoke",
        Cause::DeniedByPolicy,
    ),
    (
        "security token included in the request is expired",
        Cause::AwsExpired,
    ),
    (
        "security token included in the request is invalid",
        Cause::AwsInvalidKey,
    ),
];

/// The auth cause an Envoy, Istio, Node or API Gateway line names.
pub fn read(line: &str) -> Option<Hit> {
    if let Some((n, c)) = first_phrase(line, ENVOY) {
        return Some(Hit::new("Envoy jwt_authn", *c, *n));
    }
    if has(line, "RBAC: access denied")
        || has(line, "rbac_access_denied_matched_policy")
        || has(line, "enforced denied")
    {
        let policy = between(line, "rbac_access_denied_matched_policy[", "]")
            .map(|p| format!(" (policy {p}])"))
            .or_else(|| {
                after(line, "matched policy ").map(|p| format!(" (matched policy {})", p.trim()))
            })
            .unwrap_or_default();
        return Some(Hit::new(
            "Envoy RBAC",
            Cause::DeniedByPolicy,
            format!("RBAC: access denied{policy}"),
        ));
    }
    let node = has(line, "UnauthorizedError")
        || has(line, "TokenExpiredError")
        || has(line, "JsonWebTokenError")
        || has(line, "NotBeforeError");
    if node {
        if let Some((n, c)) = first_phrase(line, NODE) {
            return Some(Hit::new(
                "express-jwt",
                *c,
                format!("UnauthorizedError: {n}"),
            ));
        }
    }
    if let Some((n, c)) = first_phrase(line, AWS) {
        return Some(Hit::new("API Gateway", *c, *n));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envoy_node_aws() {
        // https://github.com/envoyproxy/envoy/issues/24785
        let h = read("2023-01-06T11:21:12.846676Z     debug   envoy jwt       Jwt authentication completed with: Jwks doesn't have key to match kid or alg from Jwt").unwrap();
        assert_eq!(h.cause, Cause::KeyNotFound);
        // https://github.com/auth0/express-jwt/issues/194
        let h = read("UnauthorizedError: jwt expired").unwrap();
        assert_eq!(h.cause, Cause::Expired);
        // https://github.com/envoyproxy/envoy/issues/36346
        let h = read("[2024-09-26 11:41:28.955][3492043][debug][rbac] [source/extensions/filters/http/rbac/rbac_filter.cc:194] enforced denied, matched policy none").unwrap();
        assert_eq!(h.cause, Cause::DeniedByPolicy);
        assert!(read("invalid signature in a sentence").is_none());
    }
}
