//! The decision: from what the page saw to the named causes. Pure and total; the prose,
//! evidence and fixes are rendered from the causes elsewhere.
//!
//! The rules, each consistent with every observation:
//! - Nothing answered, not even the no-cors probe, and nothing was readable: blocked before
//!   HTTP (mixed content, local network) or unreachable.
//! - The baseline (a plain CORS GET) failed while something answered: Access-Control-Allow-Origin
//!   is missing or wrong. If another probe was readable, it is there only on some responses.
//!   Otherwise the page cannot tell missing from malformed, from "only on success", or (for a
//!   preflighted request) from an authenticated OPTIONS: all are named.
//! - The real request was readable: its preflight was fine, whatever else failed; the verdict
//!   is about its status and challenge.
//! - The baseline worked and the real request failed: the one-factor probes say which factor
//!   broke it (preflight as such, method, Authorization, other headers, cookies).

use super::cause::Cause;
use super::observe::{Blocked, Observations, Seen};

/// The causes, most likely first. Causes a page cannot tell apart ([`Cause::alike`]) are all
/// named. Never empty.
pub fn classify(o: &Observations) -> Vec<Cause> {
    let cors = [o.simple, o.preflight, o.method, o.auth, o.real, o.cookies];
    let any_read = cors.iter().any(|s| s.read());
    if !any_read && !o.reach.answered() {
        return vec![match o.blocked {
            Blocked::MixedContent => Cause::MixedContent,
            Blocked::LocalNetwork => Cause::LocalNetwork,
            Blocked::No => Cause::Unreachable,
        }];
    }
    let mut out = Vec::new();
    if !o.simple.read() {
        if any_read {
            out.push(Cause::AllowOriginOnlyOnSuccess);
        } else {
            out.extend([Cause::NoAllowOrigin, Cause::AllowOriginMismatch]);
            if o.shape.has_auth || o.shape.include {
                out.push(Cause::AllowOriginOnlyOnSuccess);
            }
            if o.shape.preflighted {
                out.push(Cause::PreflightRejected);
            }
            return out;
        }
    }
    match o.real {
        Seen::Read {
            status,
            redirected,
            challenge,
        } => readable(o, status, redirected, challenge, out),
        Seen::TimedOut => {
            out.push(Cause::TimedOut);
            out
        }
        _ => failed(o, out),
    }
}

/// The real request came back readable: CORS let it through.
fn readable(
    o: &Observations,
    status: u16,
    redirected: bool,
    challenge: bool,
    mut out: Vec<Cause>,
) -> Vec<Cause> {
    if redirected {
        out.push(Cause::Redirect);
    }
    match status {
        401 if !challenge => {
            out.push(Cause::ChallengeNotExposed);
            // With credentials, Access-Control-Expose-Headers: * exposes nothing.
            if o.shape.include {
                out.push(Cause::WildcardWithCredentials);
            }
        }
        401 | 407 => out.push(Cause::AuthFails),
        403 => out.push(Cause::Forbidden),
        200..=399 => {}
        _ => out.push(Cause::OtherStatus),
    }
    if o.shape.include && o.cookies.failed() && o.simple.read() {
        out.push(Cause::CredentialsMode);
    }
    if out.is_empty() || out == [Cause::Redirect] {
        out.push(Cause::Works);
    }
    out
}

/// The baseline worked (or another probe was readable) and the real request failed.
fn failed(o: &Observations, mut out: Vec<Cause>) -> Vec<Cause> {
    // Error responses carry CORS headers when the baseline's error was readable.
    let errors_carry_cors = o.simple.status().is_some_and(|s| s >= 400);
    let some_preflight_passed = o.preflight.read() || o.method.read() || o.auth.read();
    if o.shape.preflighted && o.simple.redirected() && !some_preflight_passed {
        out.push(Cause::PreflightRedirect);
        return out;
    }
    let auth_failed = o.shape.has_auth && o.auth.failed();
    if o.shape.preflighted && !some_preflight_passed && o.preflight.failed() {
        // No preflight passed, whatever it asked for: OPTIONS itself is refused (authenticated,
        // not routed), or the answer lacks what this request needs: with no
        // Access-Control-Allow-Headers at all, every header is refused. The page cannot tell.
        out.push(Cause::PreflightRejected);
        if o.shape.has_auth || o.shape.other_headers {
            out.push(Cause::HeaderNotAllowed);
        } else if o.shape.unusual_method {
            out.push(Cause::MethodNotAllowed);
        }
        return out;
    }
    let before = out.len();
    if o.method.failed() {
        out.push(Cause::MethodNotAllowed);
    }
    if auth_failed {
        out.push(Cause::HeaderNotAllowed);
    }
    if out.len() == before {
        // P5 differs from the baseline only in credentials: comparable when the baseline passed.
        if o.shape.include && o.cookies.failed() && o.simple.read() {
            out.push(Cause::CredentialsMode);
        } else if o.shape.other_headers {
            out.push(Cause::HeaderNotAllowed);
        } else if o.shape.include && o.cookies.read() {
            // The cookie GET passed: the preflight's answer lacks Allow-Credentials, or its
            // wildcards, which count literally with credentials, do not cover this request.
            out.push(Cause::CredentialsMode);
            if o.shape.preflighted {
                out.push(Cause::WildcardWithCredentials);
            }
        } else if !out.contains(&Cause::AllowOriginOnlyOnSuccess) {
            // Every factor passed alone: the real request's own response lacks CORS headers.
            out.push(Cause::AllowOriginOnlyOnSuccess);
        }
    }
    if out.contains(&Cause::HeaderNotAllowed)
        && !errors_carry_cors
        && !out.contains(&Cause::AllowOriginOnlyOnSuccess)
    {
        out.push(Cause::AllowOriginOnlyOnSuccess);
    }
    out
}

#[cfg(test)]
mod tests;
