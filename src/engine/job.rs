//! An analysis as data: what the page sends to a worker (the text apart) and the answer it
//! gets back, so a long analysis can run off the page's main thread and give the same result.

use super::context::{Context, DigestInputs};
use super::core::finding::Report;
use super::core::text::fingerprint;
use super::core::wire::{self, wire_enum, wire_struct, Bad, Reader, Wire, Writer};
use super::detect::InputKind;
use super::har::{self, Diagnosis};

/// Everything besides the text that one analysis needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// What to read the text as.
    pub kind: InputKind,
    /// The clock, audience and Digest inputs.
    pub ctx: Context,
}

/// What an analysis produced: a report, or for a HAR the diagnosis the page's HAR panel shows
/// (the report is made from it on the page, which is cheap).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Any input but a HAR.
    Report(Report),
    /// A HAR's failures, tokens and summary.
    Har(Diagnosis),
}

impl Outcome {
    /// The report to show.
    pub fn report(&self) -> Report {
        match self {
            Outcome::Report(r) => r.clone(),
            Outcome::Har(d) => har::report_of(d),
        }
    }

    /// The HAR diagnosis, when the input was read as a HAR.
    pub fn har(&self) -> Option<&Diagnosis> {
        match self {
            Outcome::Har(d) => Some(d),
            Outcome::Report(_) => None,
        }
    }
}

/// The answer to a job, tagged with the fingerprint of the text it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// [`fingerprint`] of the analysed text.
    pub fingerprint: u32,
    /// The result.
    pub outcome: Outcome,
}

/// Analyses `text` as `kind`. A HAR is diagnosed once, and its report made from the diagnosis.
pub fn outcome(text: &str, kind: InputKind, ctx: &Context) -> Outcome {
    match kind {
        InputKind::Har => Outcome::Har(har::diagnose(text, ctx)),
        _ => Outcome::Report(super::analyze(text, kind, ctx)),
    }
}

/// Runs an encoded job on `text` and encodes the answer (what the worker does).
pub fn run_encoded(text: &str, job: &str) -> String {
    let answer = match wire::decode::<Job>(job) {
        Ok(job) => Answer {
            fingerprint: fingerprint(text),
            outcome: outcome(text, job.kind, &job.ctx),
        },
        // Only the page writes jobs, so this is a bug; say so in the report, not a panic.
        Err(e) => Answer {
            fingerprint: fingerprint(text),
            outcome: Outcome::Report(Report::new(format!("The analysis job was unreadable: {e}"))),
        },
    };
    wire::encode(&answer)
}

/// Encodes a job for the worker.
pub fn encode_job(job: &Job) -> String {
    wire::encode(job)
}

/// Reads the worker's answer.
pub fn decode_answer(message: &str) -> Result<Answer, String> {
    wire::decode(message).map_err(|e| e.to_string())
}

impl Wire for Outcome {
    fn put(&self, w: &mut Writer) {
        match self {
            Outcome::Report(r) => {
                w.int(0);
                r.put(w);
            }
            Outcome::Har(d) => {
                w.int(1);
                d.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok(match r.tag(2)? {
            0 => Outcome::Report(Wire::get(r)?),
            _ => Outcome::Har(Wire::get(r)?),
        })
    }
}

wire_struct!(Answer {
    fingerprint,
    outcome
});
wire_struct!(Job { kind, ctx });
wire_struct!(Context {
    clock,
    digest,
    expected_aud
});
wire_struct!(DigestInputs {
    password,
    method,
    body
});
wire_enum!(InputKind in InputKind::ALL);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::clock::Clock;

    fn job(kind: InputKind) -> Job {
        let clock = Clock {
            now: Some(1_700_000_000),
            ..Clock::default()
        };
        Job {
            kind,
            ctx: Context::with_clock(clock),
        }
    }

    /// A report sent through the worker's encoding is the report made on the page.
    #[test]
    fn an_answer_survives_the_trip() {
        // curl -v of a 401 with a Basic credential (shape of the e2e challenge test).
        let text = "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm=\"api\"\n<\n";
        let j = job(InputKind::Exchange);
        let answer = decode_answer(&run_encoded(text, &encode_job(&j))).unwrap();
        assert_eq!(answer.fingerprint, fingerprint(text));
        let direct = super::super::analyze(text, j.kind, &j.ctx);
        assert_eq!(answer.outcome.report(), direct);
        assert!(!direct.findings.is_empty());
        assert!(direct.findings.iter().any(|f| f.spec.is_some()));
    }

    #[test]
    fn a_har_comes_back_as_its_diagnosis() {
        let text = r#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[{"startedDateTime":"2024-05-01T10:00:00.000Z","time":1,"request":{"method":"GET","url":"https://api.example.com/me","httpVersion":"HTTP/1.1","headers":[{"name":"Authorization","value":"Basic YWxpY2U6c2VjcmV0"}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":401,"statusText":"Unauthorized","httpVersion":"HTTP/1.1","headers":[{"name":"WWW-Authenticate","value":"Bearer realm=\"api\""}],"cookies":[],"content":{"size":0,"mimeType":"text/plain"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":1,"receive":0}}]}}"#;
        let j = job(InputKind::Har);
        let answer = decode_answer(&run_encoded(text, &encode_job(&j))).unwrap();
        let d = answer.outcome.har().expect("a diagnosis");
        assert_eq!(d.failure_count(), 1);
        assert_eq!(
            answer.outcome.report(),
            crate::engine::har::analyze(text, &j.ctx)
        );
    }

    #[test]
    fn a_bad_job_is_a_report_not_a_panic() {
        let answer = decode_answer(&run_encoded("x", "{")).unwrap();
        assert!(answer.outcome.har().is_none());
    }
}
