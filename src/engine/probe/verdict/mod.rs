//! The verdict: observations → causes ([`classify`]) → findings, evidence and fixes.

use super::classify::classify;
use super::evidence;
use super::explain::{self, Context};
use super::observe::Observations;
use super::plan::ProbeId;
use super::snippets::{self, CorsNeeds};
use super::{CredMode, ProbeRequest};
use crate::engine::challenge;
use crate::engine::core::finding::{Finding, Part, Report};

pub use super::cause::{ids, Cause};
pub use super::outcome::{Observed, Outcome};

/// The diagnosis for a set of probe outcomes.
pub fn diagnose(req: &ProbeRequest, page_origin: &str, obs: &[Observed]) -> Report {
    diagnose_timed(req, page_origin, obs, None)
}

/// As [`diagnose`], with the matrix's wall time to report against its slowest probe.
pub fn diagnose_timed(
    req: &ProbeRequest,
    page_origin: &str,
    obs: &[Observed],
    total_ms: Option<f64>,
) -> Report {
    if obs.is_empty() {
        let mut r = Report::new("Probe results.");
        r.push(Finding::info(
            ids::NOT_RUN,
            "No probe was run",
            "Press Probe to run the requests.",
        ));
        return r;
    }
    let seen = Observations::from(req, page_origin, obs);
    let causes = classify(&seen);
    let x = Context::new(req, page_origin, obs, &seen, &causes);
    let mut r = Report::new("Probe results.");
    for c in &causes {
        r.push(explain::finding(*c, &x));
    }
    r.summary = r
        .findings
        .first()
        .map_or_else(|| "Probe results.".to_string(), |f| f.title.clone());
    let real = x.outcome(ProbeId::Real);
    if let Some(Outcome::Response {
        status, headers, ..
    }) = real
    {
        let www: Vec<&str> = headers
            .iter()
            .filter(|h| h.is("www-authenticate"))
            .map(|h| h.value.as_str())
            .collect();
        if matches!(status, 401 | 403 | 407) && !www.is_empty() {
            let mut ch = challenge::analyze_values(&www);
            ch.summary.clear();
            r.absorb(ch);
        }
    }
    if let Some(real) = real {
        evidence::readable_response(&mut r, real);
    }
    r.part(evidence::table(obs));
    if let Some(total) = total_ms {
        r.part(evidence::timing(obs, total));
    }
    r.part(evidence::flow(&causes, obs));
    if causes.iter().any(|c| c.is_cors()) {
        let mut methods = vec![x.method.clone()];
        if x.method != "OPTIONS" {
            methods.push("OPTIONS".into());
        }
        let needs = CorsNeeds {
            origin: x.origin.clone(),
            methods,
            headers: x.needed_headers(),
            credentials: req.credentials == CredMode::Include
                || causes.contains(&Cause::CredentialsMode),
            expose: if causes.contains(&Cause::ChallengeNotExposed) {
                vec!["www-authenticate".into()]
            } else {
                vec![]
            },
        };
        for (name, code) in snippets::cors(&needs) {
            r.part(Part::Snippet {
                title: format!("Fix for {name}"),
                text: code,
            });
        }
    }
    r.part(Part::Code {
        title: "See what the browser hid (run in a terminal)".into(),
        text: explain::curl(&x),
    });
    r
}

#[cfg(test)]
mod tests;
