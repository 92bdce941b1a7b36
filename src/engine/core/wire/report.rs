//! The report and what it holds, on the wire.

use super::{intern, wire_enum, wire_struct, Bad, Reader, Wire, Writer};
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{
    Ask, FetchKind, Field, Finding, FindingId, Part, Report, Severity, SpecRef, Step, StepState,
};
use crate::engine::core::header::Header;
use crate::engine::core::method::Method;
use crate::engine::core::request::{CredMode, ProbeRequest};

impl Wire for FindingId {
    fn put(&self, w: &mut Writer) {
        w.str(self.0);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        r.str().map(|s| FindingId(intern(s)))
    }
}

impl Wire for SpecRef {
    fn put(&self, w: &mut Writer) {
        w.str(self.label);
        w.str(self.url);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        let label = intern(r.str()?);
        Ok(SpecRef::new(label, intern(r.str()?)))
    }
}

/// As sent: a standard method's name reads back as that method, any other as written.
impl Wire for Method {
    fn put(&self, w: &mut Writer) {
        w.str(self.as_str());
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        let s = r.str()?;
        Ok(s.parse().unwrap_or_else(|_| Method::Other(s.to_string())))
    }
}

impl Wire for Part {
    fn put(&self, w: &mut Writer) {
        match self {
            Part::Fields { title, rows } => {
                w.int(0);
                w.str(title);
                rows.put(w);
            }
            Part::Table {
                title,
                columns,
                rows,
            } => {
                w.int(1);
                w.str(title);
                columns.put(w);
                rows.put(w);
            }
            Part::Timeline { title, points, now } => {
                w.int(2);
                w.str(title);
                points.put(w);
                now.put(w);
            }
            Part::Flow { title, steps } => {
                w.int(3);
                w.str(title);
                steps.put(w);
            }
            Part::Snippet { title, text } => {
                w.int(4);
                w.str(title);
                w.str(text);
            }
            Part::Code { title, text } => {
                w.int(5);
                w.str(title);
                w.str(text);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        let tag = r.tag(6)?;
        let title = String::get(r)?;
        Ok(match tag {
            0 => Part::Fields {
                title,
                rows: Wire::get(r)?,
            },
            1 => Part::Table {
                title,
                columns: Wire::get(r)?,
                rows: Wire::get(r)?,
            },
            2 => Part::Timeline {
                title,
                points: Wire::get(r)?,
                now: Wire::get(r)?,
            },
            3 => Part::Flow {
                title,
                steps: Wire::get(r)?,
            },
            4 => Part::Snippet {
                title,
                text: Wire::get(r)?,
            },
            _ => Part::Code {
                title,
                text: Wire::get(r)?,
            },
        })
    }
}

impl Wire for Ask {
    fn put(&self, w: &mut Writer) {
        match self {
            Ask::Probe {
                request,
                pasted_for,
            } => {
                w.int(0);
                request.put(w);
                pasted_for.put(w);
            }
            Ask::DigestPassword => w.int(1),
            Ask::VerifySignature { token, iss } => {
                w.int(2);
                w.str(token);
                iss.put(w);
            }
            Ask::Fetch { kind, url } => {
                w.int(3);
                kind.put(w);
                w.str(url);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok(match r.tag(4)? {
            0 => Ask::Probe {
                request: Wire::get(r)?,
                pasted_for: Wire::get(r)?,
            },
            1 => Ask::DigestPassword,
            2 => Ask::VerifySignature {
                token: Wire::get(r)?,
                iss: Wire::get(r)?,
            },
            _ => Ask::Fetch {
                kind: Wire::get(r)?,
                url: Wire::get(r)?,
            },
        })
    }
}

/// The merging state is not sent: it only guards pushes, and compares equal whatever it holds.
impl Wire for Report {
    fn put(&self, w: &mut Writer) {
        w.str(&self.summary);
        self.parts.put(w);
        self.findings.put(w);
        self.asks.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        let mut report = Report::new(r.str()?);
        report.parts = Wire::get(r)?;
        report.findings = Wire::get(r)?;
        report.asks = Wire::get(r)?;
        Ok(report)
    }
}

wire_enum!(Severity {
    Error,
    Warning,
    Info,
    Ok
});
wire_enum!(StepState {
    Passed,
    Failed,
    Skipped,
    Unknown
});
wire_enum!(FetchKind { ResourceMetadata });
wire_enum!(CredMode {
    Omit,
    SameOrigin,
    Include
});
wire_struct!(Finding {
    id,
    severity,
    title,
    explanation,
    fix,
    spec
});
wire_struct!(Field {
    label,
    value,
    secret
});
wire_struct!(Step { label, state });
wire_struct!(Header { name, value });
wire_struct!(ProbeRequest {
    url,
    method,
    headers,
    body,
    credentials
});
wire_struct!(Clock {
    now,
    leeway,
    offset_minutes
});
