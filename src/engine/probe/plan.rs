//! The matrix of fetches: each isolates one step of the CORS and authentication path.

use super::{CredMode, ProbeRequest};
use crate::engine::http::Header;

/// Which probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProbeId {
    /// `no-cors` GET without credentials: did anything answer at all?
    Reach,
    /// Simple CORS GET (no preflight): is Access-Control-Allow-Origin sent?
    Simple,
    /// GET with a random extra header: is the preflight (OPTIONS) answered?
    Preflight,
    /// The real method with a random header: is the method allowed?
    Method,
    /// The real request with its headers (Authorization included).
    Real,
    /// Simple GET with cookies (`credentials: include`).
    Cookies,
}

impl ProbeId {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            ProbeId::Reach => "P1 reachability (no-cors)",
            ProbeId::Simple => "P2 simple CORS GET",
            ProbeId::Preflight => "P3 preflight with GET",
            ProbeId::Method => "P4 preflight with the real method",
            ProbeId::Real => "P5 the real request",
            ProbeId::Cookies => "P6 GET with cookies",
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

/// The probes for a request; `random` makes the extra header name unique so no cached
/// preflight answers for it.
pub fn plan(req: &ProbeRequest, random: &str) -> Vec<Probe> {
    let extra = Header {
        name: format!("X-Probe-{random}"),
        value: "1".into(),
    };
    let simple = |id, mode, credentials| Probe {
        id,
        mode,
        credentials,
        method: "GET".into(),
        headers: vec![],
        body: None,
    };
    let method = if req.method.trim().is_empty() {
        "GET".to_string()
    } else {
        req.method.trim().to_ascii_uppercase()
    };
    let mut out = vec![
        simple(ProbeId::Reach, Mode::NoCors, CredMode::Omit),
        simple(ProbeId::Simple, Mode::Cors, CredMode::Omit),
        Probe {
            headers: vec![extra.clone()],
            ..simple(ProbeId::Preflight, Mode::Cors, CredMode::Omit)
        },
    ];
    if method != "GET" {
        out.push(Probe {
            method: method.clone(),
            headers: vec![extra],
            ..simple(ProbeId::Method, Mode::Cors, CredMode::Omit)
        });
    }
    let headers: Vec<Header> = req
        .headers
        .iter()
        .filter(|h| !FORBIDDEN.iter().any(|f| h.is(f)))
        .cloned()
        .collect();
    out.push(Probe {
        id: ProbeId::Real,
        mode: Mode::Cors,
        credentials: req.credentials,
        method,
        headers,
        body: req.body.clone().filter(|b| !b.is_empty()),
    });
    out.push(simple(ProbeId::Cookies, Mode::Cors, CredMode::Include));
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

    #[test]
    fn matrix_for_put_with_auth() {
        let req = ProbeRequest {
            url: "https://api.test/x".into(),
            method: "put".into(),
            headers: vec![
                Header {
                    name: "Authorization".into(),
                    value: "Bearer t".into(),
                },
                Header {
                    name: "Host".into(),
                    value: "api.test".into(),
                },
            ],
            body: Some("{}".into()),
            credentials: CredMode::SameOrigin,
        };
        let p = plan(&req, "ab12");
        let ids: Vec<ProbeId> = p.iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [
                ProbeId::Reach,
                ProbeId::Simple,
                ProbeId::Preflight,
                ProbeId::Method,
                ProbeId::Real,
                ProbeId::Cookies
            ]
        );
        assert_eq!(p[3].method, "PUT");
        assert_eq!(p[2].headers[0].name, "X-Probe-ab12");
        assert_eq!(p[4].headers.len(), 1, "Host is dropped");
        assert_eq!(dropped_headers(&req), ["Host"]);
        let get = plan(
            &ProbeRequest {
                method: "GET".into(),
                ..req
            },
            "x",
        );
        assert!(!get.iter().any(|p| p.id == ProbeId::Method));
    }
}
