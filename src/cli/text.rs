//! Readable text: the most likely cause first, then the other findings, then the decoded
//! parts. Coloured only on a terminal (and never with NO_COLOR), wrapped to its width.

use super::args::ColorChoice;
use super::Analysed;
use authlens::engine::core::time::utc;
use authlens::engine::{Finding, Part, Severity};
use std::fmt::Write as _;

/// How to print: colours, and the width to wrap to (none when not on a terminal).
pub struct Style {
    color: bool,
    width: Option<usize>,
}

impl Style {
    /// The style for standard output under `choice`.
    pub fn for_stdout(choice: ColorChoice) -> Style {
        let width = terminal_size::terminal_size_of(std::io::stdout())
            .map(|(w, _)| usize::from(w.0).clamp(40, 120));
        Style {
            color: choice.wanted(),
            width,
        }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let (code, label) = match s {
            Severity::Error => ("1;31", "ERROR  "),
            Severity::Warning => ("33", "WARNING"),
            Severity::Info => ("36", "INFO   "),
            Severity::Ok => ("32", "OK     "),
        };
        self.paint(code, label)
    }

    /// `text` wrapped at word boundaries, each line after the first indented by `indent`.
    fn wrap(&self, text: &str, indent: usize) -> String {
        let Some(width) = self.width else {
            return text.to_string();
        };
        let room = width.saturating_sub(indent).max(20);
        let mut out = String::new();
        let mut line = 0;
        for word in text.split(' ') {
            let len = word.chars().count();
            if line > 0 && line + 1 + len > room {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += len;
        }
        out
    }
}

/// One input's report as text.
pub fn render(a: &Analysed, style: &Style, named: bool) -> String {
    let r = &a.report;
    let mut out = String::new();
    if named {
        let _ = writeln!(out, "{}", style.paint("1", &format!("== {} ==", a.source)));
    }
    let _ = writeln!(out, "{}", style.paint("1", &style.wrap(&r.summary, 0)));
    let _ = writeln!(out, "Read as: {}", a.kind.label());
    let first = r.most_likely();
    if let Some(f) = first {
        let _ = writeln!(out, "\n{}", style.paint("1", "Most likely cause"));
        finding(&mut out, f, style);
    }
    let rest: Vec<&Finding> = r
        .sorted_findings()
        .into_iter()
        .filter(|f| !first.is_some_and(|m| std::ptr::eq(*f, m)))
        .collect();
    if !rest.is_empty() {
        let title = if first.is_some() {
            "Other findings"
        } else {
            "Findings"
        };
        let _ = writeln!(out, "\n{}", style.paint("1", title));
        for f in rest {
            finding(&mut out, f, style);
        }
    }
    if !r.parts.is_empty() {
        let _ = writeln!(out, "\n{}", style.paint("1", "Decoded"));
        for p in &r.parts {
            part(&mut out, p, style);
        }
    }
    out
}

fn finding(out: &mut String, f: &Finding, style: &Style) {
    let _ = writeln!(
        out,
        "  {} {} {}",
        style.severity(f.severity),
        style.wrap(&f.title, 11),
        style.paint("2", &format!("[{}]", f.id))
    );
    let _ = writeln!(out, "          {}", style.wrap(&f.explanation, 10));
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "          Fix: {}", style.wrap(fix, 15));
    }
    if let Some(spec) = f.spec {
        let _ = writeln!(out, "          See: {} <{}>", spec.label, spec.url);
    }
}

fn part(out: &mut String, p: &Part, style: &Style) {
    match p {
        Part::Fields { title, rows } => {
            let _ = writeln!(out, "  {title}");
            for f in rows {
                let _ = writeln!(out, "    {}: {}", f.label, style.wrap(&f.value, 6));
            }
        }
        Part::Table {
            title,
            columns,
            rows,
        } => {
            let _ = writeln!(out, "  {title}");
            let _ = writeln!(out, "    {}", columns.join(" | "));
            for row in rows {
                let _ = writeln!(out, "    {}", row.join(" | "));
            }
        }
        Part::Timeline { title, points, now } => {
            let _ = writeln!(out, "  {title}");
            for (label, at) in points {
                let _ = writeln!(out, "    {label}: {}", utc(*at));
            }
            if let Some(now) = now {
                let _ = writeln!(out, "    now: {}", utc(*now));
            }
        }
        Part::Flow { title, steps } => {
            let _ = writeln!(out, "  {title}");
            for s in steps {
                let _ = writeln!(out, "    [{}] {}", s.state.label(), s.label);
            }
        }
        Part::Snippet { title, text } | Part::Code { title, text } => {
            let _ = writeln!(out, "  {title}");
            for line in text.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
}
