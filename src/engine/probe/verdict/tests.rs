//! Each pattern of outcomes names its cause.

use super::*;
use crate::engine::core::finding::{FindingId, StepState};
use crate::engine::http::Header;
use crate::engine::probe::plan::{plan, ProbeId};

const PAGE: &str = "http://127.0.0.1:8080";

fn req(method: &str, credentials: CredMode) -> ProbeRequest {
    ProbeRequest {
        url: "http://127.0.0.1:9000/api".into(),
        method: method.into(),
        headers: vec![Header {
            name: "Authorization".into(),
            value: "Bearer t".into(),
        }],
        body: None,
        credentials,
    }
}

fn resp(status: u16, headers: &[(&str, &str)]) -> Outcome {
    Outcome::Response {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| Header {
                name: n.to_string(),
                value: v.to_string(),
            })
            .collect(),
        redirected: false,
        url: "http://127.0.0.1:9000/api".into(),
        body: String::new(),
        ms: 5.0,
    }
}

const FAIL: Outcome = Outcome::NetworkError { ms: 3.0 };
const OPAQUE: Outcome = Outcome::Opaque { ms: 3.0 };

/// Runs the verdict with outcomes given per probe id, in plan order.
fn run(r: &ProbeRequest, outcomes: &[(ProbeId, Outcome)]) -> Report {
    let obs: Vec<Observed> = plan(r)
        .into_iter()
        .map(|p| {
            let outcome = outcomes
                .iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, o)| o.clone())
                .unwrap_or_else(|| resp(200, &[]));
            Observed { probe: p, outcome }
        })
        .collect();
    diagnose(r, PAGE, &obs)
}

fn first(r: &Report) -> Option<FindingId> {
    r.findings.first().map(|f| f.id)
}

#[test]
fn unreachable() {
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, FAIL),
            (ProbeId::Simple, FAIL),
            (ProbeId::Preflight, FAIL),
            (ProbeId::Real, FAIL),
            (ProbeId::Cookies, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::Unreachable.id()));
    assert!(r
        .parts
        .iter()
        .any(|p| matches!(p, Part::Flow { steps, .. } if steps[0].state == StepState::Failed)));
}

#[test]
fn mixed_content_and_local_network() {
    let all_fail = [
        (ProbeId::Reach, FAIL),
        (ProbeId::Simple, FAIL),
        (ProbeId::Preflight, FAIL),
        (ProbeId::Real, FAIL),
        (ProbeId::Cookies, FAIL),
    ];
    let mut r1 = req("GET", CredMode::Omit);
    r1.url = "http://api.example.com/x".into();
    let obs: Vec<Observed> = plan(&r1)
        .into_iter()
        .map(|p| Observed {
            probe: p,
            outcome: FAIL,
        })
        .collect();
    assert_eq!(
        first(&diagnose(&r1, "https://tools.example.org", &obs)),
        Some(Cause::MixedContent.id())
    );
    let mut r2 = req("GET", CredMode::Omit);
    r2.url = "https://192.168.1.20/x".into();
    let obs: Vec<Observed> = plan(&r2)
        .into_iter()
        .map(|p| Observed {
            probe: p,
            outcome: FAIL,
        })
        .collect();
    assert_eq!(
        first(&diagnose(&r2, "https://tools.example.org", &obs)),
        Some(Cause::LocalNetwork.id())
    );
    // From a loopback page (as in the tests) a closed loopback port is just unreachable.
    assert_eq!(
        first(&run(&req("GET", CredMode::Omit), &all_fail)),
        Some(Cause::Unreachable.id())
    );
}

#[test]
fn time_out_is_reported_as_such() {
    let slow = Outcome::TimedOut { ms: 10_000.0 };
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, slow.clone()),
            (ProbeId::Simple, slow.clone()),
            (ProbeId::Preflight, slow.clone()),
            (ProbeId::Real, slow.clone()),
            (ProbeId::Cookies, slow),
        ],
    );
    assert_eq!(first(&r), Some(Cause::Unreachable.id()));
    assert!(r.findings[0].explanation.contains("time-out"));
    assert!(r.parts.iter().any(|p| matches!(p, Part::Table { rows, .. } if rows.iter().any(|row| row[2] == "timed out after 10 s"))));
}

#[test]
fn no_allow_origin_with_snippets_and_curl() {
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, FAIL),
            (ProbeId::Preflight, FAIL),
            (ProbeId::Real, FAIL),
            (ProbeId::Cookies, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::NoAllowOrigin.id()));
    let codes: Vec<&str> = r
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Snippet { title, text } if title.starts_with("Fix for nginx") => {
                Some(text.as_str())
            }
            _ => None,
        })
        .collect();
    assert!(codes[0].contains("Access-Control-Allow-Origin \"http://127.0.0.1:8080\" always"));
    assert!(r.parts.iter().any(|p| matches!(p, Part::Code { title, text } if title.starts_with("See what") && text.contains("Origin: http://127.0.0.1:8080"))));
}

#[test]
fn cors_only_on_success() {
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, FAIL),
            (ProbeId::Cookies, FAIL),
            (ProbeId::Real, resp(200, &[])),
        ],
    );
    assert_eq!(first(&r), Some(Cause::AllowOriginOnlyOnSuccess.id()));
}

#[test]
fn preflight_method_and_header() {
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Preflight, FAIL),
            (ProbeId::Real, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::PreflightRejected.id()));
    assert!(r.parts.iter().any(|p| matches!(p, Part::Code { text, .. } if text.starts_with("curl -i -X OPTIONS") && text.contains("Access-Control-Request-Headers: authorization"))));
    let r = run(
        &req("PUT", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Method, FAIL),
            (ProbeId::Real, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::MethodNotAllowed.id()));
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, resp(401, &[])),
            (ProbeId::Real, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::HeaderNotAllowed.id()));
    assert!(r.findings[0].explanation.contains("likely reading"));
}

#[test]
fn credentials_mode() {
    let r = run(
        &req("GET", CredMode::Include),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Real, FAIL),
            (ProbeId::Cookies, FAIL),
        ],
    );
    assert_eq!(first(&r), Some(Cause::CredentialsMode.id()));
}

#[test]
fn readable_401s() {
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (
                ProbeId::Real,
                resp(401, &[("content-type", "application/json")]),
            ),
        ],
    );
    assert_eq!(first(&r), Some(Cause::ChallengeNotExposed.id()));
    assert!(r.parts.iter().any(|p| matches!(p, Part::Snippet { title, text } if title.starts_with("Fix for Express") && text.contains("exposedHeaders: ['www-authenticate']"))));
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (
                ProbeId::Real,
                resp(
                    401,
                    &[(
                        "www-authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"expired\"",
                    )],
                ),
            ),
        ],
    );
    assert_eq!(first(&r), Some(Cause::AuthFails.id()));
    assert!(r.has_id("challenge.invalid_token"));
}

#[test]
fn redirect_and_works() {
    let mut redirected = resp(200, &[]);
    if let Outcome::Response {
        redirected: r, url, ..
    } = &mut redirected
    {
        *r = true;
        *url = "http://127.0.0.2:9000/api".into();
    }
    let r = run(
        &req("GET", CredMode::Omit),
        &[(ProbeId::Reach, OPAQUE), (ProbeId::Real, redirected)],
    );
    assert_eq!(first(&r), Some(Cause::Redirect.id()));
    assert!(r.findings[0]
        .explanation
        .contains("removed the Authorization header"));
    let r = run(&req("GET", CredMode::Omit), &[(ProbeId::Reach, OPAQUE)]);
    assert_eq!(first(&r), Some(Cause::Works.id()));
}

fn curl_of(r: &Report) -> String {
    r.parts
        .iter()
        .find_map(|p| match p {
            Part::Code { title, text } if title.starts_with("See what") => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn causes_the_page_cannot_tell_apart_are_named_with_their_headers_and_the_settling_curl() {
    // OPTIONS answered 401, or no Access-Control-Allow-Headers at all.
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, resp(401, &[])),
            (ProbeId::Preflight, FAIL),
            (ProbeId::Real, FAIL),
        ],
    );
    let ids: Vec<FindingId> = r.findings.iter().map(|f| f.id).collect();
    assert_eq!(
        ids[..2],
        [Cause::PreflightRejected.id(), Cause::HeaderNotAllowed.id()]
    );
    assert!(r.findings[0]
        .explanation
        .contains("(Access-Control-Allow-Headers: Authorization)"));
    assert!(r.findings[1]
        .explanation
        .contains("cannot tell this apart from \"The preflight (OPTIONS) is rejected\""));
    assert!(curl_of(&r).starts_with("curl -i -X OPTIONS"));
    // Nothing readable: missing, malformed, only on success, or OPTIONS authenticated.
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, FAIL),
            (ProbeId::Preflight, FAIL),
            (ProbeId::Real, FAIL),
        ],
    );
    for c in [
        Cause::NoAllowOrigin,
        Cause::AllowOriginMismatch,
        Cause::AllowOriginOnlyOnSuccess,
        Cause::PreflightRejected,
    ] {
        assert!(r.has_id(c.id().as_str()), "{c:?}");
    }
    let curl = curl_of(&r);
    assert_eq!(curl.lines().count(), 2, "{curl}");
    assert!(curl
        .lines()
        .nth(1)
        .is_some_and(|l| l.contains("-X OPTIONS")));
}

#[test]
fn a_readable_real_request_overrides_a_failed_content_type_preflight() {
    // The server: fixed allow-list without content-type would fail P3, yet the real
    // request (Authorization only) was readable: its preflight was fine.
    let r = run(
        &req("GET", CredMode::Omit),
        &[
            (ProbeId::Reach, OPAQUE),
            (ProbeId::Simple, resp(401, &[])),
            (ProbeId::Preflight, FAIL),
            (
                ProbeId::Real,
                resp(
                    401,
                    &[("www-authenticate", "Bearer error=\"invalid_token\"")],
                ),
            ),
        ],
    );
    assert_eq!(first(&r), Some(Cause::AuthFails.id()));
    assert!(!r
        .findings
        .iter()
        .any(|f| f.id == Cause::PreflightRejected.id()));
}
