//! The decision table, tested on every observation pattern the matrix can produce.

use super::*;
use crate::engine::core::header::Header;
use crate::engine::probe::observe::Shape;
use crate::engine::probe::outcome::{Observed, Outcome};
use crate::engine::probe::plan::{plan, ProbeId};
use crate::engine::probe::verdict::diagnose;
use crate::engine::probe::{CredMode, ProbeRequest};
use Cause::*;

const PAGE: &str = "http://127.0.0.1:8080";

fn request(method: &str, auth: bool, other: bool, credentials: CredMode) -> ProbeRequest {
    let mut headers = vec![];
    if auth {
        headers.push(Header {
            name: "Authorization".into(),
            value: "Bearer t".into(),
        });
    }
    if other {
        headers.push(Header {
            name: "Content-Type".into(),
            value: "application/json".into(),
        });
    }
    ProbeRequest {
        url: "http://127.0.0.1:9000/api".into(),
        method: method.into(),
        headers,
        body: None,
        credentials,
    }
}

const fn read(status: u16, challenge: bool) -> Seen {
    Seen::Read {
        status,
        redirected: false,
        challenge,
    }
}

const OK: Seen = read(200, false);
const R401: Seen = read(401, true);
const R401_HIDDEN: Seen = read(401, false);
const FAIL: Seen = Seen::Failed;
const REDIRECTED_401: Seen = Seen::Read {
    status: 401,
    redirected: true,
    challenge: true,
};

/// The observations of a request before any probe result, and which probes its plan runs.
fn base(req: &ProbeRequest) -> (Observations, Vec<ProbeId>) {
    let observed: Vec<Observed> = plan(req)
        .into_iter()
        .map(|p| Observed {
            probe: p,
            outcome: Outcome::NetworkError { ms: 1.0 },
        })
        .collect();
    let ran = observed.iter().map(|x| x.probe.id).collect();
    (Observations::from(req, PAGE, &observed), ran)
}

/// `base` with each probe that runs answering `rest` unless listed in `set`.
fn with(
    b: &(Observations, Vec<ProbeId>),
    reach: Seen,
    rest: Seen,
    set: &[(ProbeId, Seen)],
) -> Observations {
    let (mut o, ran) = (b.0, &b.1);
    let ran = |id: ProbeId| ran.contains(&id);
    let value = |id: ProbeId| {
        set.iter()
            .find(|(i, _)| *i == id)
            .map_or(if id == ProbeId::Reach { reach } else { rest }, |(_, s)| *s)
    };
    o.reach = value(ProbeId::Reach);
    o.simple = value(ProbeId::Simple);
    o.preflight = value(ProbeId::Preflight);
    o.real = value(ProbeId::Real);
    if ran(ProbeId::Method) {
        o.method = value(ProbeId::Method);
    }
    if ran(ProbeId::Auth) {
        o.auth = value(ProbeId::Auth);
    } else if o.auth != Seen::NotRun {
        o.auth = o.real;
    }
    if ran(ProbeId::Cookies) {
        o.cookies = value(ProbeId::Cookies);
    } else if o.cookies != Seen::NotRun {
        o.cookies = o.real;
    }
    o
}

/// Observations for a request, every probe that runs answering `rest` unless listed.
fn obs(req: &ProbeRequest, reach: Seen, rest: Seen, set: &[(ProbeId, Seen)]) -> Observations {
    with(&base(req), reach, rest, set)
}

fn get_auth() -> ProbeRequest {
    request("GET", true, false, CredMode::SameOrigin)
}

#[test]
fn real_world_configurations() {
    let opaque = Seen::Opaque;
    use ProbeId as P;
    let cases: Vec<(&str, Observations, Vec<Cause>)> = vec![
        // Fixed allow-list "authorization, content-type", methods "GET, POST", 401 with CORS.
        (
            "allow-list, bad token",
            obs(&get_auth(), opaque, R401, &[]),
            vec![AuthFails],
        ),
        (
            "allow-list, good token",
            obs(&get_auth(), opaque, OK, &[]),
            vec![Works],
        ),
        (
            "allow-list, challenge not exposed",
            obs(
                &get_auth(),
                opaque,
                R401_HIDDEN,
                &[(P::Simple, R401_HIDDEN)],
            ),
            vec![ChallengeNotExposed],
        ),
        (
            "allow-list, PUT not listed",
            obs(
                &request("PUT", true, false, CredMode::Omit),
                opaque,
                R401,
                &[(P::Method, FAIL), (P::Real, FAIL)],
            ),
            vec![MethodNotAllowed],
        ),
        (
            "allow-list without authorization",
            obs(&get_auth(), opaque, R401, &[(P::Real, FAIL)]),
            vec![HeaderNotAllowed],
        ),
        (
            "allow-list without authorization, public GET",
            obs(&get_auth(), opaque, OK, &[(P::Real, FAIL)]),
            vec![HeaderNotAllowed, AllowOriginOnlyOnSuccess],
        ),
        (
            "allow-list without content-type",
            obs(&get_auth(), opaque, R401, &[(P::Preflight, FAIL)]),
            vec![AuthFails],
        ),
        (
            "OPTIONS answered 401, or no Allow-Headers at all",
            obs(
                &get_auth(),
                opaque,
                R401,
                &[(P::Preflight, FAIL), (P::Real, FAIL)],
            ),
            vec![PreflightRejected, HeaderNotAllowed],
        ),
        (
            "OPTIONS refused, PUT without headers",
            obs(
                &request("PUT", false, false, CredMode::Omit),
                opaque,
                R401,
                &[(P::Preflight, FAIL), (P::Method, FAIL), (P::Real, FAIL)],
            ),
            vec![PreflightRejected, MethodNotAllowed],
        ),
        (
            "add_header without always, good token",
            obs(&get_auth(), opaque, FAIL, &[(P::Real, OK)]),
            vec![AllowOriginOnlyOnSuccess],
        ),
        (
            "no CORS, or Spring Security authenticating everything",
            obs(&get_auth(), opaque, FAIL, &[]),
            vec![
                NoAllowOrigin,
                AllowOriginMismatch,
                AllowOriginOnlyOnSuccess,
                PreflightRejected,
            ],
        ),
        (
            "bad Allow-Origin, no credentials",
            obs(
                &request("GET", false, false, CredMode::Omit),
                opaque,
                FAIL,
                &[],
            ),
            vec![NoAllowOrigin, AllowOriginMismatch],
        ),
        (
            "Allow-Credentials missing",
            obs(
                &request("GET", true, false, CredMode::Include),
                opaque,
                R401,
                &[(P::Real, FAIL), (P::Cookies, FAIL)],
            ),
            vec![CredentialsMode],
        ),
        (
            "Express cors() with cookies",
            obs(
                &request("GET", false, false, CredMode::Include),
                opaque,
                OK,
                &[(P::Real, FAIL)],
            ),
            vec![CredentialsMode],
        ),
        (
            "cookies pass, credentialed preflight does not",
            obs(
                &request("GET", true, false, CredMode::Include),
                opaque,
                R401,
                &[(P::Real, FAIL)],
            ),
            // The page cannot tell a missing Allow-Credentials from wildcards that count
            // literally with credentials: both are named.
            vec![CredentialsMode, WildcardWithCredentials],
        ),
        (
            "readable 401 but cookies refused",
            obs(
                &request("GET", true, false, CredMode::Include),
                opaque,
                R401,
                &[(P::Cookies, FAIL)],
            ),
            vec![AuthFails, CredentialsMode],
        ),
        (
            "preflight redirected",
            obs(&get_auth(), opaque, FAIL, &[(P::Simple, REDIRECTED_401)]),
            vec![PreflightRedirect],
        ),
        (
            "other header refused",
            obs(
                &request("POST", true, true, CredMode::Omit),
                opaque,
                R401,
                &[(P::Real, FAIL)],
            ),
            vec![HeaderNotAllowed],
        ),
        (
            "every factor passes alone",
            obs(
                &request("POST", true, false, CredMode::Omit),
                opaque,
                R401,
                &[(P::Real, FAIL)],
            ),
            vec![AllowOriginOnlyOnSuccess],
        ),
        (
            "real request slow",
            obs(&get_auth(), opaque, R401, &[(P::Real, Seen::TimedOut)]),
            vec![TimedOut],
        ),
        (
            "404 readable",
            obs(&get_auth(), opaque, read(404, false), &[]),
            vec![OtherStatus],
        ),
        (
            "403 readable",
            obs(&get_auth(), opaque, read(403, false), &[]),
            vec![Forbidden],
        ),
        (
            "no-cors blocked by CORP, CORS fine",
            obs(&get_auth(), FAIL, OK, &[]),
            vec![Works],
        ),
        (
            "server down",
            obs(&get_auth(), FAIL, FAIL, &[]),
            vec![Unreachable],
        ),
    ];
    for (name, o, want) in cases {
        assert_eq!(classify(&o), want, "{name}");
    }
}

#[test]
fn blocked_before_sending() {
    let mut o = obs(&get_auth(), FAIL, FAIL, &[]);
    o.blocked = Blocked::MixedContent;
    assert_eq!(classify(&o), [MixedContent]);
    o.blocked = Blocked::LocalNetwork;
    assert_eq!(classify(&o), [LocalNetwork]);
}

/// Every outcome a cors probe can have, as the decision sees it.
const CORS_VALUES: &[Seen] = &[
    Seen::Failed,
    Seen::TimedOut,
    read(200, false),
    read(401, true),
    read(401, false),
    read(403, true),
    read(404, false),
    Seen::Read {
        status: 200,
        redirected: true,
        challenge: false,
    },
];

fn check(o: &Observations, causes: &[Cause]) {
    let ctx = format!("{o:?} → {causes:?}");
    assert!(!causes.is_empty(), "{ctx}");
    for (i, c) in causes.iter().enumerate() {
        assert!(!causes[i + 1..].contains(c), "duplicate: {ctx}");
    }
    let has = |c: Cause| causes.contains(&c);
    let cors = [o.simple, o.preflight, o.method, o.auth, o.real, o.cookies];
    let anything = o.reach.answered() || cors.iter().any(|s| s.read());
    let blocked = [Unreachable, MixedContent, LocalNetwork];
    if anything {
        assert!(!blocked.iter().any(|c| has(*c)), "{ctx}");
    } else {
        assert!(causes.len() == 1 && blocked.contains(&causes[0]), "{ctx}");
        return;
    }
    if o.real.read() {
        assert!(
            !causes.iter().any(|c| c.is_preflight()),
            "real readable: {ctx}"
        );
        assert!(!has(NoAllowOrigin) && !has(AllowOriginMismatch), "{ctx}");
    }
    if o.simple.read() {
        assert!(!has(NoAllowOrigin) && !has(AllowOriginMismatch), "{ctx}");
    }
    if o.preflight.read() || o.method.read() || o.auth.read() {
        assert!(!has(PreflightRejected) && !has(PreflightRedirect), "{ctx}");
    }
    if causes.iter().any(|c| c.is_preflight()) {
        assert!(o.shape.preflighted, "{ctx}");
    }
    if has(MethodNotAllowed) {
        assert!(o.shape.unusual_method && o.method.failed(), "{ctx}");
    }
    if has(HeaderNotAllowed) {
        assert!(o.shape.has_auth || o.shape.other_headers, "{ctx}");
    }
    if has(CredentialsMode) || has(WildcardWithCredentials) {
        assert!(o.shape.include, "{ctx}");
    }
    if has(Works) {
        assert!(
            o.real.status().is_some_and(|s| (200..400).contains(&s)),
            "{ctx}"
        );
        assert!(
            causes.iter().all(|c| matches!(c, Works | Redirect)),
            "{ctx}"
        );
    }
    if has(AuthFails) || has(ChallengeNotExposed) || has(Forbidden) || has(OtherStatus) {
        assert!(o.real.read(), "{ctx}");
    }
    // A CORS cause named without an alike partner is established by the probe that isolates it.
    let any_read = cors.iter().any(|s| s.read());
    let preflight_passed = o.preflight.read() || o.method.read() || o.auth.read();
    for c in causes.iter().copied().filter(|c| c.is_cors()) {
        if causes.iter().any(|d| *d != c && c.alike(*d)) {
            continue;
        }
        let established = match c {
            AllowOriginOnlyOnSuccess => (!o.simple.read() && any_read) || o.simple.read(),
            MethodNotAllowed => o.method.failed() && (o.preflight.read() || o.auth.read()),
            HeaderNotAllowed => {
                (o.auth.failed() && (o.preflight.read() || o.method.read()))
                    || o.shape.other_headers
            }
            CredentialsMode => (o.cookies.failed() && o.simple.read()) || o.cookies.read(),
            PreflightRedirect => o.simple.redirected() && !preflight_passed,
            ChallengeNotExposed => o.real.read(),
            _ => false,
        };
        assert!(established, "{c:?} named without evidence: {ctx}");
    }
}

#[test]
fn every_pattern_the_matrix_can_produce() {
    let mut patterns = 0usize;
    let mut rendered = 0usize;
    for method in ["GET", "POST", "PUT"] {
        for auth in [false, true] {
            for other in [false, true] {
                for cred in [CredMode::SameOrigin, CredMode::Include] {
                    let req = request(method, auth, other, cred);
                    let probes = plan(&req);
                    let b = base(&req);
                    let n = probes.len() - 1; // P1 varies separately
                    let mut idx = vec![0usize; n];
                    'combos: loop {
                        for reach in [Seen::Failed, Seen::Opaque] {
                            let set: Vec<(ProbeId, Seen)> = probes[1..]
                                .iter()
                                .zip(&idx)
                                .map(|(p, i)| (p.id, CORS_VALUES[*i]))
                                .collect();
                            let o = with(&b, reach, Seen::Failed, &set);
                            let causes = classify(&o);
                            check(&o, &causes);
                            patterns += 1;
                            if patterns.is_multiple_of(1999) {
                                render(&req, reach, &set);
                                rendered += 1;
                            }
                        }
                        for slot in idx.iter_mut() {
                            *slot += 1;
                            if *slot < CORS_VALUES.len() {
                                continue 'combos;
                            }
                            *slot = 0;
                        }
                        break;
                    }
                }
            }
        }
    }
    assert!(patterns > 100_000, "{patterns}");
    assert!(rendered > 50, "{rendered}");
}

/// The full verdict renders for a pattern without panicking and names the classified causes.
fn render(req: &ProbeRequest, reach: Seen, set: &[(ProbeId, Seen)]) {
    let outcome = |s: Seen| match s {
        Seen::Read {
            status,
            redirected,
            challenge,
        } => Outcome::Response {
            status,
            headers: if challenge {
                vec![Header {
                    name: "www-authenticate".into(),
                    value: "Bearer error=\"invalid_token\"".into(),
                }]
            } else {
                vec![]
            },
            redirected,
            url: if redirected {
                "http://127.0.0.2:9000/api/".into()
            } else {
                req.url.clone()
            },
            body: "{\"error\":\"x\"}".into(),
            ms: 2.0,
        },
        Seen::Opaque => Outcome::Opaque { ms: 1.0 },
        Seen::TimedOut => Outcome::TimedOut { ms: 10_000.0 },
        _ => Outcome::NetworkError { ms: 1.0 },
    };
    let observed: Vec<Observed> = plan(req)
        .into_iter()
        .map(|p| {
            let s = if p.id == ProbeId::Reach {
                reach
            } else {
                set.iter()
                    .find(|(i, _)| *i == p.id)
                    .map_or(Seen::Failed, |x| x.1)
            };
            Observed {
                outcome: outcome(s),
                probe: p,
            }
        })
        .collect();
    let o = Observations::from(req, PAGE, &observed);
    let causes = classify(&o);
    let r = diagnose(req, PAGE, &observed);
    for c in &causes {
        assert!(
            r.has_id(c.id().as_str()),
            "{causes:?} not all in {:?}",
            r.findings
        );
    }
    assert_eq!(r.findings[0].id, causes[0].id());
}

#[test]
fn shape_of_the_real_request() {
    let o = obs(
        &request("put", true, true, CredMode::Include),
        Seen::Opaque,
        OK,
        &[],
    );
    assert_eq!(
        o.shape,
        Shape {
            preflighted: true,
            unusual_method: true,
            has_auth: true,
            other_headers: true,
            include: true,
        }
    );
    let o = obs(
        &request("GET", false, false, CredMode::Omit),
        Seen::Opaque,
        OK,
        &[],
    );
    assert!(!o.shape.preflighted);
}
