//! A report as Markdown, for a ticket or a chat: the summary and the findings, most severe
//! first, with fixes and spec links. Text only; every value from the report is escaped.

use super::redact::Redaction;
use crate::engine::Report;

/// Renders `report` (of text read as `kind`) as Markdown. `redacted` is what was masked in the
/// text the report was made from, or `None` when it was the original text.
pub fn markdown(report: &Report, kind: &str, redacted: Option<&[Redaction]>) -> String {
    let mut out = format!(
        "### authlens: {}\n\nRead as: {}\n\n",
        escape(&report.summary),
        escape(kind)
    );
    let findings = report.sorted_findings();
    if findings.is_empty() {
        out.push_str("No findings.\n");
    }
    for f in findings {
        out.push_str(&format!(
            "- **{}** {} (`{}`)\n",
            f.severity.label().to_uppercase(),
            escape(&f.title),
            f.id.as_str()
        ));
        push_indented(&mut out, &escape(&f.explanation));
        if let Some(fix) = &f.fix {
            push_indented(&mut out, &format!("Fix: {}", escape(fix)));
        }
        if let Some(spec) = &f.spec {
            push_indented(
                &mut out,
                &format!(
                    "See: [{}](<{}>)",
                    escape(spec.label),
                    spec.url.replace('>', "%3E")
                ),
            );
        }
    }
    match redacted {
        Some([]) => {}
        Some(list) => {
            let what: Vec<&str> = list.iter().map(|r| r.label()).collect();
            out.push_str(&format!(
                "\nRedacted before sharing: {}.\n",
                what.join("; ")
            ));
        }
        None => out.push_str("\nMade from the original text, secrets included.\n"),
    }
    out
}

/// Appends `text` as a continuation of the current list item.
fn push_indented(out: &mut String, text: &str) {
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
}

/// Escapes the characters Markdown would read as markup, so a pasted value is shown as text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
