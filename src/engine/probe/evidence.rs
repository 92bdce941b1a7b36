//! The evidence shown with a verdict: what each probe saw, how long the matrix took, where
//! the request broke, and what the real response let the page read.

use super::cause::{ids, Cause};
use super::outcome::{Observed, Outcome};
use super::plan::{Mode, ProbeId};
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef, Step, StepState};
use crate::engine::core::text::clip;

/// The table of every probe and what the page saw.
pub fn table(obs: &[Observed]) -> Part {
    Part::Table {
        title: "Evidence: what each probe saw".into(),
        columns: vec![
            "Probe".into(),
            "Request".into(),
            "Result".into(),
            "Time".into(),
        ],
        rows: obs
            .iter()
            .map(|o| {
                let hdrs = o
                    .probe
                    .headers
                    .iter()
                    .map(|h| h.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    o.probe.id.label().to_string(),
                    format!(
                        "{} {}, credentials {}{}",
                        o.probe.method,
                        if o.probe.mode == Mode::NoCors {
                            "no-cors"
                        } else {
                            "cors"
                        },
                        o.probe.credentials.as_str(),
                        if hdrs.is_empty() {
                            String::new()
                        } else {
                            format!(", headers: {hdrs}")
                        }
                    ),
                    o.outcome.describe(),
                    format!("{:.0} ms", o.outcome.ms()),
                ]
            })
            .collect(),
    }
}

/// The matrix's wall time against its slowest probe: all probes run at once, so the ratio
/// stays near 1 (one round trip, two with a preflight) unless requests queue.
pub fn timing(obs: &[Observed], total_ms: f64) -> Part {
    let slowest = obs.iter().map(|o| o.outcome.ms()).fold(0.0_f64, f64::max);
    let ratio = if slowest > 0.0 {
        total_ms / slowest
    } else {
        1.0
    };
    Part::Fields {
        title: "Timing".into(),
        rows: vec![
            Field::new(
                "All probes, run at once",
                format!("{} requests in {total_ms:.0} ms", obs.len()),
            ),
            Field::new("Slowest single probe", format!("{slowest:.0} ms")),
            Field::new("Ratio (total / slowest)", format!("{ratio:.2}")),
        ],
    }
}

/// The steps of the request and where it broke, from the first cause.
pub fn flow(causes: &[Cause], obs: &[Observed]) -> Part {
    use StepState::*;
    let needs_preflight = obs.iter().any(|o| {
        o.probe.id == ProbeId::Real
            && (!o.probe.headers.is_empty()
                || !matches!(o.probe.method.as_str(), "GET" | "HEAD" | "POST"))
    });
    let pre = if needs_preflight { Passed } else { Skipped };
    let states: [StepState; 5] = match causes.first() {
        None => [Unknown; 5],
        Some(Cause::Unreachable | Cause::MixedContent | Cause::LocalNetwork) => {
            [Failed, Skipped, Skipped, Skipped, Skipped]
        }
        Some(
            Cause::PreflightRejected
            | Cause::PreflightRedirect
            | Cause::MethodNotAllowed
            | Cause::HeaderNotAllowed,
        ) => [Passed, Failed, Skipped, Skipped, Skipped],
        Some(
            Cause::NoAllowOrigin
            | Cause::AllowOriginMismatch
            | Cause::AllowOriginOnlyOnSuccess
            | Cause::CredentialsMode
            | Cause::WildcardWithCredentials,
        ) => [
            Passed,
            if needs_preflight { Unknown } else { Skipped },
            Unknown,
            Unknown,
            Failed,
        ],
        Some(Cause::TimedOut) => [Passed, pre, Unknown, Unknown, Failed],
        Some(Cause::ChallengeNotExposed) => [Passed, pre, Passed, Failed, Failed],
        Some(Cause::AuthFails | Cause::Forbidden) => [Passed, pre, Passed, Failed, Passed],
        Some(Cause::Redirect | Cause::Works | Cause::OtherStatus) => {
            [Passed, pre, Passed, Passed, Passed]
        }
    };
    let labels = [
        "Connection",
        "Preflight (OPTIONS)",
        "Request reaches the server",
        "Credentials accepted",
        "Script can read the answer",
    ];
    Part::Flow {
        title: "Where it broke".into(),
        steps: labels
            .iter()
            .zip(states)
            .map(|(l, s)| Step {
                label: l.to_string(),
                state: s,
            })
            .collect(),
    }
}

/// What the readable real response showed: its readable headers, its body, and a note on
/// the headers scripts cannot read.
pub fn readable_response(r: &mut Report, real: &Outcome) {
    let Outcome::Response { headers, body, .. } = real else {
        return;
    };
    r.part(Part::Table {
        title: "Response headers the page can read".into(),
        columns: vec!["Header".into(), "Value".into()],
        rows: headers
            .iter()
            .map(|h| vec![h.name.clone(), clip(&h.value, 200)])
            .collect(),
    });
    if !body.trim().is_empty() {
        let pretty = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| clip(body, 2000));
        r.part(Part::Code {
            title: "Response body".into(),
            text: pretty,
        });
    }
    r.push(Finding::info(ids::UNREADABLE_HEADERS,
        "Headers scripts cannot read",
        "Only Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified and Pragma, plus those the server lists in Access-Control-Expose-Headers, are visible to the page. Anything else (WWW-Authenticate, Set-Cookie, custom headers) reads as null even when the server sent it.",
    ).spec(SpecRef::new("Fetch: CORS-safelisted response header", "https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name")));
}
