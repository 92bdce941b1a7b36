//! What one fetch gave the page, exactly as the browser exposed it.

use super::plan::Probe;
use crate::engine::http::Header;

/// What one fetch gave the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `fetch()` rejected with a TypeError (CORS, DNS, TLS, refused, blocked).
    NetworkError {
        /// Milliseconds until it failed.
        ms: f64,
    },
    /// No answer within the time limit.
    TimedOut {
        /// The limit that was hit.
        ms: f64,
    },
    /// An opaque response (no-cors): something answered, nothing is readable.
    Opaque {
        /// Milliseconds.
        ms: f64,
    },
    /// A readable response.
    Response {
        /// Status code.
        status: u16,
        /// Headers the page could read.
        headers: Vec<Header>,
        /// Whether redirects were followed.
        redirected: bool,
        /// The final URL.
        url: String,
        /// Body (first part).
        body: String,
        /// Milliseconds.
        ms: f64,
    },
}

impl Outcome {
    /// Whether any HTTP response came back (opaque or readable).
    pub fn answered(&self) -> bool {
        matches!(self, Outcome::Opaque { .. } | Outcome::Response { .. })
    }

    /// The status of a readable response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Response { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// One line for the evidence table.
    pub fn describe(&self) -> String {
        match self {
            Outcome::NetworkError { .. } => "failed (TypeError: the browser hid the reason)".into(),
            Outcome::TimedOut { ms } => format!("timed out after {:.0} s", ms / 1000.0),
            Outcome::Opaque { .. } => "answered (opaque: nothing readable, as expected)".into(),
            Outcome::Response {
                status,
                redirected,
                url,
                ..
            } => {
                if *redirected {
                    format!("HTTP {status}, readable, after a redirect to {url}")
                } else {
                    format!("HTTP {status}, readable")
                }
            }
        }
    }

    /// How long it took.
    pub fn ms(&self) -> f64 {
        match self {
            Outcome::NetworkError { ms }
            | Outcome::TimedOut { ms }
            | Outcome::Opaque { ms }
            | Outcome::Response { ms, .. } => *ms,
        }
    }
}

/// One probe with what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Observed {
    /// The probe.
    pub probe: Probe,
    /// What the page saw.
    pub outcome: Outcome,
}
