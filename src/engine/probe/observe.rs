//! The observations the verdict decides on: each probe reduced to what matters for the
//! decision, plus the shape of the real request.

use super::outcome::{Observed, Outcome};
use super::plan::{real_method, safelisted_method, sendable_headers, ProbeId};
use super::{CredMode, ProbeRequest};
use crate::engine::core::url::parse_url;

/// What one probe showed, for the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// The probe was not part of the matrix.
    NotRun,
    /// `fetch()` rejected (CORS, network or blocked).
    Failed,
    /// No answer in time.
    TimedOut,
    /// An opaque answer (no-cors).
    Opaque,
    /// A readable response.
    Read {
        /// Status.
        status: u16,
        /// Whether a redirect was followed.
        redirected: bool,
        /// Whether `WWW-Authenticate` was readable.
        challenge: bool,
    },
}

impl Seen {
    /// Something answered.
    pub fn answered(self) -> bool {
        matches!(self, Seen::Opaque | Seen::Read { .. })
    }
    /// A readable response.
    pub fn read(self) -> bool {
        matches!(self, Seen::Read { .. })
    }
    /// Run, and nothing came back.
    pub fn failed(self) -> bool {
        matches!(self, Seen::Failed | Seen::TimedOut)
    }
    /// The status of a readable response.
    pub fn status(self) -> Option<u16> {
        match self {
            Seen::Read { status, .. } => Some(status),
            _ => None,
        }
    }
    /// Whether a readable response was redirected.
    pub fn redirected(self) -> bool {
        matches!(
            self,
            Seen::Read {
                redirected: true,
                ..
            }
        )
    }

    fn of(o: &Outcome) -> Seen {
        match o {
            Outcome::NetworkError { .. } => Seen::Failed,
            Outcome::TimedOut { .. } => Seen::TimedOut,
            Outcome::Opaque { .. } => Seen::Opaque,
            Outcome::Response {
                status,
                headers,
                redirected,
                ..
            } => Seen::Read {
                status: *status,
                redirected: *redirected,
                challenge: headers.iter().any(|h| h.is("www-authenticate")),
            },
        }
    }
}

/// Why the browser refuses to send anything, known before probing (P0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// Nothing known.
    No,
    /// An https page and an http URL.
    MixedContent,
    /// A public page and a private or loopback target.
    LocalNetwork,
}

/// The real request, as far as the decision needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// It needs a preflight (a non-safelisted method or any header set).
    pub preflighted: bool,
    /// Its method is not GET/HEAD/POST.
    pub unusual_method: bool,
    /// It carries `Authorization`.
    pub has_auth: bool,
    /// It carries headers other than `Authorization`.
    pub other_headers: bool,
    /// It sends cookies (`credentials: 'include'`).
    pub include: bool,
}

/// Everything the page saw, one field per probe of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observations {
    /// P0.
    pub blocked: Blocked,
    /// The real request's shape.
    pub shape: Shape,
    /// P1 no-cors GET.
    pub reach: Seen,
    /// P2 baseline CORS GET.
    pub simple: Seen,
    /// P3 baseline + Content-Type: application/json.
    pub preflight: Seen,
    /// P3m baseline with the real method.
    pub method: Seen,
    /// P4a baseline + Authorization (the real request when that is all it is).
    pub auth: Seen,
    /// P4 the real request.
    pub real: Seen,
    /// P5 baseline with cookies (the real request when that is all it is).
    pub cookies: Seen,
    /// A readable response was redirected to another origin (Authorization dropped).
    pub cross_origin_redirect: bool,
}

impl Observations {
    /// Reduces the probe results; `page_origin` decides what P0 predicts.
    pub fn from(req: &ProbeRequest, page_origin: &str, obs: &[Observed]) -> Observations {
        let get = |id: ProbeId| {
            obs.iter()
                .find(|o| o.probe.id == id)
                .map_or(Seen::NotRun, |o| Seen::of(&o.outcome))
        };
        let method = real_method(req);
        let headers = sendable_headers(req);
        let has_auth = headers.iter().any(|h| h.is("authorization"));
        let shape = Shape {
            preflighted: !safelisted_method(&method) || !headers.is_empty(),
            unusual_method: !safelisted_method(&method),
            has_auth,
            other_headers: headers.iter().any(|h| !h.is("authorization")),
            include: req.credentials == CredMode::Include,
        };
        let real = get(ProbeId::Real);
        let ran = |id: ProbeId| obs.iter().any(|o| o.probe.id == id);
        // The plan leaves P4a (P5) out when the real request is exactly that probe.
        let auth = if ran(ProbeId::Auth) {
            get(ProbeId::Auth)
        } else if has_auth && method == "GET" && headers.len() == 1 && !shape.include {
            real
        } else {
            Seen::NotRun
        };
        let cookies = if ran(ProbeId::Cookies) {
            get(ProbeId::Cookies)
        } else if shape.include && method == "GET" && headers.is_empty() {
            real
        } else {
            Seen::NotRun
        };
        let p0 = super::target::precheck(req, page_origin, None).findings;
        let blocked = if p0.iter().any(|f| f.id == super::target::ids::MIXED_CONTENT) {
            Blocked::MixedContent
        } else if p0
            .iter()
            .any(|f| f.id == super::target::ids::LOCAL_NETWORK_ACCESS)
        {
            Blocked::LocalNetwork
        } else {
            Blocked::No
        };
        let start = parse_url(&req.url).ok().map(|u| u.origin());
        let cross_origin_redirect = obs.iter().any(|o| match &o.outcome {
            Outcome::Response {
                redirected: true,
                url,
                ..
            } => parse_url(url).ok().map(|u| u.origin()) != start,
            _ => false,
        });
        Observations {
            blocked,
            shape,
            reach: get(ProbeId::Reach),
            simple: get(ProbeId::Simple),
            preflight: get(ProbeId::Preflight),
            method: get(ProbeId::Method),
            auth,
            real,
            cookies,
            cross_origin_redirect,
        }
    }
}
