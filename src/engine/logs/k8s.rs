//! Kubernetes API server: audit events (JSON lines) and authenticator errors (klog lines such as
//! `E1126 03:38:26.776766 1 authentication.go:75] "Unable to authenticate the request"
//! err="[invalid bearer token, service account token has expired]"`,
//! https://github.com/kubernetes/kubernetes/issues/135450). Audit schema:
//! https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/

use super::cause::{Cause, Hit};
use super::line::between;
use crate::engine::core::text::{has, phrases_in};

const SOURCE: &str = "Kubernetes API server";

/// The auth cause a Kubernetes API server line names.
pub fn read(line: &str) -> Option<Hit> {
    // Every line this reads has one of these; one pass rules the rest out.
    const MARKERS: &[(&str, ())] = &[
        ("\"kind\":\"Event\"", ()),
        ("Unable to authenticate the request", ()),
        ("forbidden: User ", ()),
    ];
    if phrases_in(line, MARKERS) == 0 {
        return None;
    }
    if has(line, "\"kind\":\"Event\"") && has(line, "audit.k8s.io") {
        return audit(line);
    }
    if has(line, "Unable to authenticate the request") {
        let err = between(line, "err=\"", "\"")
            .or_else(|| line.split("due to an error: ").nth(1))
            .unwrap_or("");
        let cause = if has(err, "has expired") || has(err, "token is expired") {
            Cause::Expired
        } else if has(err, "cryptographic primitive") || has(err, "verification error") {
            Cause::BadSignature
        } else if has(err, "has been invalidated") || has(err, "not found") {
            Cause::TokenRevoked
        } else {
            Cause::TokenRejected
        };
        return Some(Hit::new(
            SOURCE,
            cause,
            format!(
                "Unable to authenticate the request: {}",
                crate::engine::core::text::clip(err, 90)
            ),
        ));
    }
    if let Some(user) = between(line, "forbidden: User \\\"", "\\\"")
        .or_else(|| between(line, "forbidden: User \"", "\""))
    {
        let cause = if user == "system:anonymous" {
            Cause::K8sAnonymous
        } else {
            Cause::DeniedByPolicy
        };
        return Some(
            Hit::new(
                SOURCE,
                cause,
                format!("forbidden: User \"{user}\" cannot …"),
            )
            .user(Some(user)),
        );
    }
    None
}

fn audit(line: &str) -> Option<Hit> {
    let code = between(line, "\"code\":", ",")
        .or_else(|| between(line, "\"code\":", "}"))?
        .trim();
    let user = between(line, "\"username\":\"", "\"");
    let cause = match (code, user) {
        ("401", _) => Cause::TokenRejected,
        ("403", Some("system:anonymous")) => Cause::K8sAnonymous,
        ("403", _) => Cause::DeniedByPolicy,
        _ => return None,
    };
    let verb = between(line, "\"verb\":\"", "\"").unwrap_or("?");
    Some(
        Hit::new(SOURCE, cause, format!("audit: {verb} answered {code}"))
            .user(user)
            .client(between(line, "\"sourceIPs\":[\"", "\""))
            .path(between(line, "\"requestURI\":\"", "\"").map(super::line::path_only)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authenticator_and_audit() {
        // https://github.com/kubernetes/kubernetes/issues/135450
        let h = read(r#"E1126 03:38:26.776766       1 authentication.go:75] "Unable to authenticate the request" err="[invalid bearer token, service account token has expired]""#).unwrap();
        assert_eq!(h.cause, Cause::Expired);
        // https://github.com/kubernetes/minikube/issues/5551
        let h = read("E1006 21:29:03.924414       1 authentication.go:89] Unable to authenticate the request due to an error: [invalid bearer token, square/go-jose: error in cryptographic primitive]").unwrap();
        assert_eq!(h.cause, Cause::BadSignature);
        let h = read(r#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/kube-system/pods","verb":"list","user":{"username":"system:anonymous","groups":["system:unauthenticated"]},"sourceIPs":["192.168.229.1"],"responseStatus":{"metadata":{},"status":"Failure","reason":"Forbidden","code":403}}"#).unwrap();
        assert_eq!(
            (h.cause, h.path.as_deref()),
            (
                Cause::K8sAnonymous,
                Some("/api/v1/namespaces/kube-system/pods")
            )
        );
    }
}
