//! `authlens` in a terminal: reads files or standard input, runs the same engine as the web app
//! and prints its report for people (text), scripts (`--json`) or an issue (`--markdown`).

mod args;
mod input;
mod json;
mod text;
mod verify;

use args::{Args, ColorChoice};
use authlens::engine::{self, share, Clock, Context, InputKind, Report, Severity};
use clap::{CommandFactory, Parser};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// One input's analysis: where it came from, what it was read as, and the report.
pub struct Analysed {
    /// The file name, `-` for standard input, or `argument`.
    pub source: String,
    /// What the text was read as.
    pub kind: InputKind,
    /// The report.
    pub report: Report,
    /// The text as it will be shared, and what was masked (Markdown only).
    pub shared: Option<share::Shared>,
}

/// Runs the command; the exit status follows the worst finding.
pub fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(shell) = args.completions {
        clap_complete::generate(
            shell,
            &mut Args::command(),
            "authlens",
            &mut std::io::stdout(),
        );
        return ExitCode::SUCCESS;
    }
    let started = std::time::Instant::now();
    let result = run(&args);
    if args.stats {
        eprintln!(
            "authlens: {:.2} s, peak memory {}",
            started.elapsed().as_secs_f64(),
            peak_memory().map_or("unknown".to_string(), |kb| format!("{} MB", kb / 1024))
        );
    }
    match result {
        Ok(Some(Severity::Error)) => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("authlens: {why}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<Option<Severity>, String> {
    let kind = args.kind.as_deref().and_then(InputKind::from_id);
    let texts = input::read_all(&args.inputs, kind.is_some())?;
    let clock = Clock {
        now: Some(args.now.unwrap_or_else(now)),
        leeway: args.leeway,
        offset_minutes: 0,
    };
    let ctx = Context::with_clock(clock);
    // Read (or fetched) once, for every input.
    let key = verify::key_from(args)?;
    let mut done = Vec::new();
    for (source, text) in texts {
        let kind = kind.unwrap_or_else(|| engine::detect(&text).kind);
        let shared = args
            .markdown
            .then(|| share::Shared::new(&text, Some(kind), args.include_secrets));
        // Markdown describes the text as shared, secrets masked, as the web app's does.
        let analysed_text = shared.as_ref().map_or(text.as_str(), |s| s.text.as_str());
        let mut report = engine::analyze(analysed_text, kind, &ctx);
        if let Some(key) = &key {
            report.absorb(verify::token(&text, key));
        }
        done.push(Analysed {
            source,
            kind,
            report,
            shared,
        });
    }
    let worst = done.iter().filter_map(|a| a.report.worst()).min();
    let out = if args.json {
        json::render(&done)
    } else if args.markdown {
        done.iter()
            .map(|a| {
                let redacted = a.shared.as_ref().and_then(|s| s.redacted.as_deref());
                share::markdown(&a.report, a.kind.label(), redacted)
            })
            .collect::<Vec<_>>()
            .join("\n---\n\n")
    } else {
        let style = text::Style::for_stdout(args.color);
        done.iter()
            .map(|a| text::render(a, &style, done.len() > 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (| head) is not an error of the input.
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    Ok(worst)
}

/// The system clock in Unix seconds.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The process's peak resident memory in KB, where the system says (Linux: VmHWM).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether standard error is a terminal (progress goes there only then).
fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

impl ColorChoice {
    /// Whether to colour standard output.
    fn wanted(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
