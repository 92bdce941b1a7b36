//! `--json`: the reports with stable field names (documented in the README).

use super::Analysed;
use authlens::engine::{Finding, Part, Report};
use serde_json::{json, Value};

/// `{"reports": [...]}`, one report per input, pretty-printed with a final newline.
pub fn render(done: &[Analysed]) -> String {
    let reports: Vec<Value> = done.iter().map(report).collect();
    let mut s = serde_json::to_string_pretty(&json!({
        "authlens": env!("CARGO_PKG_VERSION"),
        "reports": reports,
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

fn report(a: &Analysed) -> Value {
    let r: &Report = &a.report;
    json!({
        "source": a.source,
        "kind": a.kind.id(),
        "summary": r.summary,
        "most_likely": r.most_likely().map(|f| f.id.as_str()),
        "worst": r.worst().map(|s| s.label()),
        "findings": r.findings.iter().map(finding).collect::<Vec<_>>(),
        "parts": r.parts.iter().map(part).collect::<Vec<_>>(),
    })
}

fn finding(f: &Finding) -> Value {
    json!({
        "id": f.id.as_str(),
        "severity": f.severity.label(),
        "title": f.title,
        "explanation": &*f.explanation,
        "fix": f.fix,
        "spec": f.spec.map(|s| json!({"label": s.label, "url": s.url})),
    })
}

fn part(p: &Part) -> Value {
    match p {
        Part::Fields { title, rows } => json!({
            "type": "fields",
            "title": title,
            "rows": rows.iter().map(|f| json!({"label": f.label, "value": f.value})).collect::<Vec<_>>(),
        }),
        Part::Table {
            title,
            columns,
            rows,
        } => json!({"type": "table", "title": title, "columns": columns, "rows": rows}),
        Part::Timeline { title, points, now } => json!({
            "type": "timeline",
            "title": title,
            "points": points.iter().map(|(label, at)| json!({"label": label, "at": at})).collect::<Vec<_>>(),
            "now": now,
        }),
        Part::Flow { title, steps } => json!({
            "type": "flow",
            "title": title,
            "steps": steps.iter().map(|s| json!({"label": s.label, "state": s.state.label()})).collect::<Vec<_>>(),
        }),
        Part::Snippet { title, text } => json!({"type": "snippet", "title": title, "text": text}),
        Part::Code { title, text } => json!({"type": "code", "title": title, "text": text}),
    }
}
