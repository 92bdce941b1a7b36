//! The matrix of fetches. Each probe differs from the baseline (P2, a plain CORS GET without
//! credentials) in one factor: the mode, a preflight forced by `Content-Type: application/json`,
//! the method, the `Authorization` header, or the credentials mode. Only headers real
//! allow-lists contain are sent: never an invented one, which servers with a fixed
//! `Access-Control-Allow-Headers` list reject.

use super::{CredMode, ProbeRequest};
use crate::engine::core::method::Method;
use crate::engine::http::Header;

/// Which probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProbeId {
    /// P1: `no-cors` GET without credentials: did anything answer at all?
    Reach,
    /// P2, the baseline: CORS GET, no extra headers, no credentials (no preflight).
    Simple,
    /// P3: the baseline plus `Content-Type: application/json`, which forces a preflight.
    Preflight,
    /// P3m: the baseline with the real method (not GET/HEAD/POST), so the preflight asks for it.
    Method,
    /// P4a: the baseline plus the real `Authorization` header only.
    Auth,
    /// P4: the real request with its method, headers, body and credentials mode.
    Real,
    /// P5: the baseline with `credentials: 'include'`.
    Cookies,
}

impl ProbeId {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            ProbeId::Reach => "P1 reachability (no-cors)",
            ProbeId::Simple => "P2 plain CORS GET (baseline)",
            ProbeId::Preflight => "P3 baseline + Content-Type: application/json (preflighted)",
            ProbeId::Method => "P3m baseline with the real method (preflighted)",
            ProbeId::Auth => "P4a baseline + Authorization (preflighted)",
            ProbeId::Real => "P4 the real request",
            ProbeId::Cookies => "P5 baseline with cookies (credentials: include)",
        }
    }
}

/// `fetch()` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `cors`.
    Cors,
    /// `no-cors`.
    NoCors,
}

/// One fetch to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Which probe.
    pub id: ProbeId,
    /// Mode.
    pub mode: Mode,
    /// Credentials mode.
    pub credentials: CredMode,
    /// Method.
    pub method: String,
    /// Headers to set.
    pub headers: Vec<Header>,
    /// Body, for the real request.
    pub body: Option<String>,
}

/// Headers a page may not set (the browser drops or rejects them).
const FORBIDDEN: &[&str] = &[
    "host",
    "content-length",
    "connection",
    "origin",
    "referer",
    "cookie",
    "accept-encoding",
    "user-agent",
];

/// Methods that never need to be listed in `Access-Control-Allow-Methods`.
pub fn safelisted_method(m: &str) -> bool {
    Method::from(m).is_cors_safelisted()
}

/// The method the real request uses.
pub fn real_method(req: &ProbeRequest) -> String {
    req.method.to_string()
}

/// The headers of the real request a page can set.
pub fn sendable_headers(req: &ProbeRequest) -> Vec<Header> {
    req.headers
        .iter()
        .filter(|h| !FORBIDDEN.iter().any(|f| h.is(f)))
        .cloned()
        .collect()
}

/// The real request is exactly "the baseline plus Authorization": then it is P4a itself.
fn real_is_auth_probe(method: &str, headers: &[Header], req: &ProbeRequest) -> bool {
    method == "GET"
        && headers.len() == 1
        && headers[0].is("authorization")
        && req.credentials != CredMode::Include
        && req.body.as_deref().is_none_or(str::is_empty)
}

/// The real request is exactly "the baseline with cookies": then it is P5 itself.
fn real_is_cookie_probe(method: &str, headers: &[Header], req: &ProbeRequest) -> bool {
    method == "GET"
        && headers.is_empty()
        && req.credentials == CredMode::Include
        && req.body.as_deref().is_none_or(str::is_empty)
}

/// The probes for a request. A probe the real request already is, or one that tests nothing
/// the request uses (the method probe for GET, the cookie probe without `include`), is left out.
pub fn plan(req: &ProbeRequest) -> Vec<Probe> {
    let base = |id, mode, credentials| Probe {
        id,
        mode,
        credentials,
        method: "GET".into(),
        headers: vec![],
        body: None,
    };
    let method = real_method(req);
    let headers = sendable_headers(req);
    let mut out = vec![
        base(ProbeId::Reach, Mode::NoCors, CredMode::Omit),
        base(ProbeId::Simple, Mode::Cors, CredMode::Omit),
        Probe {
            headers: vec![Header {
                name: "Content-Type".into(),
                value: "application/json".into(),
            }],
            ..base(ProbeId::Preflight, Mode::Cors, CredMode::Omit)
        },
    ];
    if !safelisted_method(&method) {
        out.push(Probe {
            method: method.clone(),
            ..base(ProbeId::Method, Mode::Cors, CredMode::Omit)
        });
    }
    if let Some(auth) = headers.iter().find(|h| h.is("authorization")) {
        if !real_is_auth_probe(&method, &headers, req) {
            out.push(Probe {
                headers: vec![auth.clone()],
                ..base(ProbeId::Auth, Mode::Cors, CredMode::Omit)
            });
        }
    }
    let cookies =
        req.credentials == CredMode::Include && !real_is_cookie_probe(&method, &headers, req);
    out.push(Probe {
        id: ProbeId::Real,
        mode: Mode::Cors,
        credentials: req.credentials,
        method,
        headers,
        body: req.body.clone().filter(|b| !b.is_empty()),
    });
    if cookies {
        out.push(base(ProbeId::Cookies, Mode::Cors, CredMode::Include));
    }
    out
}

/// Headers of the real request the browser will drop, to say so.
pub fn dropped_headers(req: &ProbeRequest) -> Vec<String> {
    req.headers
        .iter()
        .filter(|h| FORBIDDEN.iter().any(|f| h.is(f)))
        .map(|h| h.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, headers: &[(&str, &str)], credentials: CredMode) -> ProbeRequest {
        ProbeRequest {
            url: "https://api.test/x".into(),
            method: method.into(),
            headers: headers
                .iter()
                .map(|(n, v)| Header {
                    name: n.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            body: None,
            credentials,
        }
    }

    fn ids(p: &[Probe]) -> Vec<ProbeId> {
        p.iter().map(|p| p.id).collect()
    }

    /// Every probe but P1 differs from the baseline P2 in exactly one factor.
    fn one_factor(p: &Probe, base: &Probe) -> usize {
        [
            p.mode != base.mode,
            p.credentials != base.credentials,
            p.method != base.method,
            p.headers != base.headers,
        ]
        .iter()
        .filter(|d| **d)
        .count()
    }

    #[test]
    fn matrix_for_put_with_auth() {
        let mut r = req(
            "put",
            &[("Authorization", "Bearer t"), ("Host", "api.test")],
            CredMode::SameOrigin,
        );
        r.body = Some("{}".into());
        let p = plan(&r);
        use ProbeId::*;
        assert_eq!(ids(&p), [Reach, Simple, Preflight, Method, Auth, Real]);
        assert_eq!(p[3].method, "PUT");
        assert!(p[3].headers.is_empty());
        assert_eq!(p[4].headers[0].name, "Authorization");
        assert_eq!(p[5].headers.len(), 1, "Host is dropped");
        assert_eq!(dropped_headers(&r), ["Host"]);
        for probe in &p[..5] {
            assert_eq!(one_factor(probe, &p[1]), usize::from(probe.id != Simple));
        }
    }

    #[test]
    fn no_invented_header_anywhere() {
        let r = req(
            "DELETE",
            &[("Authorization", "Bearer t"), ("X-Trace", "1")],
            CredMode::Include,
        );
        for p in plan(&r) {
            for h in &p.headers {
                assert!(
                    h.is("authorization") || h.is("content-type") || h.is("x-trace"),
                    "{h:?}"
                );
            }
        }
    }

    #[test]
    fn probes_the_real_request_already_is_are_left_out() {
        use ProbeId::*;
        let get = req(
            "GET",
            &[("Authorization", "Bearer t")],
            CredMode::SameOrigin,
        );
        assert_eq!(ids(&plan(&get)), [Reach, Simple, Preflight, Real]);
        let cookie = req("GET", &[], CredMode::Include);
        assert_eq!(ids(&plan(&cookie)), [Reach, Simple, Preflight, Real]);
        let both = req("GET", &[("Authorization", "Bearer t")], CredMode::Include);
        assert_eq!(
            ids(&plan(&both)),
            [Reach, Simple, Preflight, Auth, Real, Cookies]
        );
        let post = req(
            "post",
            &[("Content-Type", "application/json")],
            CredMode::Omit,
        );
        assert_eq!(ids(&plan(&post)), [Reach, Simple, Preflight, Real]);
    }

    #[test]
    fn at_most_six_concurrent_requests_without_credentials() {
        // Chromium opens six connections per host and credentials mode; more would queue.
        let r = req(
            "PATCH",
            &[
                ("Authorization", "Bearer t"),
                ("Content-Type", "application/json"),
            ],
            CredMode::Omit,
        );
        let p = plan(&r);
        assert!(
            p.iter()
                .filter(|p| p.credentials != CredMode::Include)
                .count()
                <= 6
        );
    }
}
