//! The command line's arguments.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

const EXAMPLES: &str = "\
Examples:
  curl -v https://api.example.com/me 2>&1 | authlens
  authlens capture.har
  kubectl logs deploy/api | authlens
  authlens --kind jwt \"$TOKEN\"
  authlens --json response.txt | jq '.reports[0].most_likely'
  authlens --markdown capture.har > issue.md

Exit status: 0 when no finding is an error, 1 when one is, 2 for usage errors and unreadable
input.";

/// Explains why a request failed with 401, 403, 407 or a CORS error: the same engine and
/// finding ids as the authlens web app.
#[derive(Debug, Parser)]
#[command(name = "authlens", version, about, after_help = EXAMPLES)]
pub struct Args {
    /// Files to read ("-" for standard input). With --kind, an argument that is not a file is
    /// read as the text itself (a token or a header). Without inputs, standard input is read.
    pub inputs: Vec<String>,

    /// Read the input as this kind instead of detecting it.
    #[arg(short, long, value_parser = kind_ids())]
    pub kind: Option<String>,

    /// Print the report as JSON (fields are listed in the README).
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,

    /// Print the redacted Markdown the web app copies for an issue or chat.
    #[arg(long)]
    pub markdown: bool,

    /// With --markdown: keep the secrets as pasted instead of masking them.
    #[arg(long, requires = "markdown")]
    pub include_secrets: bool,

    /// Clock skew allowed when judging times, in seconds.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(i64).range(0..=86_400))]
    pub leeway: i64,

    /// Judge times at this moment (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    pub now: Option<i64>,

    /// Colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print the time taken and the peak memory to standard error when done.
    #[arg(long)]
    pub stats: bool,

    /// Print a completion script for this shell and exit.
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Verify a JWT's signature with this key (PEM, JWK or a shared secret in a file).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,

    /// Verify a JWT's signature with the keys of this JWKS file, or of this URL (fetched with
    /// curl; the only network access the command makes).
    #[arg(long, value_name = "FILE_OR_URL", conflicts_with = "key")]
    pub jwks: Option<String>,
}

fn kind_ids() -> Vec<&'static str> {
    authlens::engine::InputKind::ALL
        .iter()
        .map(|k| k.id())
        .collect()
}
