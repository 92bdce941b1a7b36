//! Cuts a paste into its parts: each command with its output, each HTTP message outside a
//! command, each run of log records, each configuration file, and the prose between them.
//! One pass over the lines; a part is a byte range of the paste, so nothing is copied or lost.

use crate::engine::core::header::split_header;
use crate::engine::http::{parse_request_line, parse_status_line};
use crate::engine::logs::line::{log_shaped, timestamp};
use std::fmt;

/// What a part of a paste is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A shell command (after a prompt, or a developer tool's command line) and its output.
    Command,
    /// An HTTP request and/or response, raw or as curl -v prints it.
    Http,
    /// Consecutive log records (plain or JSON lines) with their continuation lines.
    Log,
    /// A configuration file (.npmrc, settings.xml, NuGet.Config, .netrc, kubeconfig, …).
    Config,
    /// Anything else: the user's words, an error message, a token.
    Text,
}

impl PartKind {
    /// Whether a part of this kind has a structure a reader takes apart.
    pub fn is_structured(self) -> bool {
        self != PartKind::Text
    }
}

impl fmt::Display for PartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PartKind::Command => "command and output",
            PartKind::Http => "HTTP message",
            PartKind::Log => "log records",
            PartKind::Config => "configuration",
            PartKind::Text => "text",
        })
    }
}

/// One part: its kind and where it sits in the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What the part is.
    pub kind: PartKind,
    /// Byte range in the paste.
    pub span: std::ops::Range<usize>,
    /// The 1-based line it starts on.
    pub line: usize,
}

impl Segment {
    /// The part's text in `paste`.
    pub fn text<'a>(&self, paste: &'a str) -> &'a str {
        paste.get(self.span.clone()).unwrap_or_default()
    }
}

/// How one line may start or continue a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    /// A Markdown code fence: a boundary, in no part.
    Fence,
    Prompt,
    /// A request or status line, or curl -v's `> `/`< `/`* ` lines.
    Http,
    /// An HTTP header field.
    Header,
    Log,
    Config,
    /// A sentence of the user's (starts a text part after a blank line).
    Sentence,
    /// A shell comment (`# try to use the user`): it opens the command under it.
    Comment,
    Other,
}

/// Developer tools and the subcommands that make a line without a prompt a command line.
const TOOLS: &[(&str, &[&str])] = &[
    ("curl", &[]),
    ("wget", &[]),
    ("http", &["GET", "POST", "PUT", "-a", "--auth", "-v"]),
    (
        "git",
        &[
            "push",
            "pull",
            "clone",
            "fetch",
            "ls-remote",
            "remote",
            "credential",
            "config",
            "submodule",
            "lfs",
        ],
    ),
    (
        "npm",
        &[
            "install", "i", "ci", "publish", "login", "whoami", "view", "adduser", "pack",
            "config", "run", "token", "ping",
        ],
    ),
    (
        "yarn",
        &["install", "add", "publish", "npm", "login", "config"],
    ),
    ("pnpm", &["install", "i", "add", "publish", "login"]),
    ("pip", &["install", "download", "config", "index"]),
    ("pip3", &["install", "download", "config", "index"]),
    ("twine", &["upload", "check"]),
    (
        "poetry",
        &["publish", "install", "add", "config", "source", "lock"],
    ),
    ("mvn", &[]),
    ("./mvnw", &[]),
    ("gradle", &[]),
    ("./gradlew", &[]),
    (
        "dotnet",
        &[
            "restore", "nuget", "build", "add", "publish", "pack", "run", "tool",
        ],
    ),
    ("nuget", &["push", "restore", "sources", "install"]),
    (
        "docker",
        &[
            "login", "pull", "push", "run", "build", "compose", "buildx", "logout", "image",
        ],
    ),
    (
        "podman",
        &["login", "pull", "push", "run", "build", "logout"],
    ),
    ("kubectl", &[]),
    (
        "helm",
        &[
            "install",
            "upgrade",
            "repo",
            "pull",
            "push",
            "registry",
            "dependency",
            "template",
        ],
    ),
    ("gh", &["auth", "api", "repo", "pr", "release"]),
    (
        "az",
        &[
            "login", "account", "acr", "aks", "rest", "devops", "storage", "webapp",
        ],
    ),
    ("aws", &[]),
    (
        "gcloud",
        &["auth", "config", "compute", "container", "run", "storage"],
    ),
    ("terraform", &["init", "plan", "apply", "login"]),
];

/// Parts are found in at most this many lines; the rest of a longer paste stays in its last part.
const MAX_LINES: usize = 20_000;

/// The parts of `text`, in order. Blank lines and code fences between parts belong to none.
pub fn segment(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Option<Segment> = None;
    // Set after a blank line inside a part: the next line may start another part.
    let mut after_blank = false;
    // The last line ended with a continuation mark: it is still the command.
    let mut continued = false;
    let mut has_response = false;
    // The current command part holds only comments so far: its prompt line is still to come.
    let mut comment_only = false;
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        if n >= MAX_LINES {
            if let Some(c) = current.as_mut() {
                c.span.end = text.len();
            }
            break;
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        let class = if continued {
            Line::Other
        } else {
            classify(line)
        };
        if class == Line::Blank {
            after_blank = current.is_some();
            continue;
        }
        if class == Line::Fence {
            out.extend(current.take());
            after_blank = false;
            continue;
        }
        let kind = current.as_ref().map(|c| c.kind);
        let starts = match (kind, class) {
            (None, _) => Some(start_kind(class)),
            (Some(PartKind::Command), Line::Prompt) if comment_only => None,
            (_, Line::Prompt) => Some(PartKind::Command),
            (Some(PartKind::Command), Line::Comment) if comment_only => None,
            (
                Some(PartKind::Command | PartKind::Http | PartKind::Log | PartKind::Text),
                Line::Comment,
            ) if after_blank => Some(PartKind::Command),
            // A command's output runs to the next prompt, unless after a blank line the user
            // pasted something else (the server's log, a config, their own words).
            (Some(PartKind::Command), Line::Log | Line::Config | Line::Sentence) if after_blank => {
                Some(start_kind(class))
            }
            (Some(PartKind::Command), _) => None,
            // A second request after a response is the next exchange.
            (Some(PartKind::Http), Line::Http)
                if has_response && parse_request_line(line).is_some() =>
            {
                Some(PartKind::Http)
            }
            (Some(PartKind::Http), Line::Log | Line::Config) => Some(start_kind(class)),
            (Some(PartKind::Http), Line::Sentence) if after_blank => Some(PartKind::Text),
            (Some(PartKind::Log), Line::Http | Line::Config) => Some(start_kind(class)),
            (Some(PartKind::Log), Line::Header) if !after_blank => None,
            (Some(PartKind::Log), Line::Header | Line::Sentence) if after_blank => {
                Some(start_kind(class))
            }
            (Some(PartKind::Config), Line::Http | Line::Log) => Some(start_kind(class)),
            (Some(PartKind::Config), Line::Sentence) if after_blank => Some(PartKind::Text),
            (Some(PartKind::Text), Line::Http | Line::Header | Line::Log | Line::Config) => {
                Some(start_kind(class))
            }
            _ => None,
        };
        after_blank = false;
        match starts {
            Some(kind)
                if current
                    .as_ref()
                    .is_none_or(|c| c.kind != kind || kind != PartKind::Text) =>
            {
                out.extend(current.take());
                has_response = false;
                current = Some(Segment {
                    kind,
                    span: start..start,
                    line: n + 1,
                });
                comment_only = class == Line::Comment;
            }
            _ if class == Line::Prompt => comment_only = false,
            _ => {}
        }
        if let Some(c) = current.as_mut() {
            c.span.end = offset;
            if c.kind == PartKind::Http && is_status(line) {
                has_response = true;
            }
        }
        continued = current
            .as_ref()
            .is_some_and(|c| c.kind == PartKind::Command)
            && ends_continued(line);
    }
    out.extend(current);
    out
}

/// The kind of part a line of this class starts.
fn start_kind(class: Line) -> PartKind {
    match class {
        Line::Prompt | Line::Comment => PartKind::Command,
        Line::Http | Line::Header => PartKind::Http,
        Line::Log => PartKind::Log,
        Line::Config => PartKind::Config,
        _ => PartKind::Text,
    }
}

fn ends_continued(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('\\') || t.ends_with(" ^") || t.ends_with(" `")
}

fn is_status(line: &str) -> bool {
    parse_status_line(line.trim_start_matches("< ")).is_some()
}

fn classify(line: &str) -> Line {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if t.starts_with("```") || t.starts_with("~~~") {
        return Line::Fence;
    }
    if command_after_prompt(t).is_some() {
        return Line::Prompt;
    }
    if t == "#" || t.starts_with("# ") {
        return Line::Comment;
    }
    if parse_request_line(t).is_some()
        || parse_status_line(t).is_some()
        || ["> ", "< ", "* "].iter().any(|p| {
            line.starts_with(p)
                && line.get(2..).is_some_and(|r| {
                    parse_request_line(r).is_some()
                        || parse_status_line(r).is_some()
                        || split_header(r).is_some()
                        || r.starts_with("Trying ")
                        || r.starts_with("Connected to ")
                })
        })
    {
        return Line::Http;
    }
    if is_config(t) {
        return Line::Config;
    }
    if timestamp(line).is_some() && log_shaped(line) || is_json_log(t) {
        return Line::Log;
    }
    if split_header(t).is_some_and(|h| is_header_name(&h.name)) {
        return Line::Header;
    }
    if is_sentence(t) {
        return Line::Sentence;
    }
    Line::Other
}

/// The command a line runs: after a shell prompt (`$ `, `PS C:\> `, `C:\> `, `user@host:~$ `),
/// or a developer tool's command line written without one.
pub fn command_after_prompt(t: &str) -> Option<&str> {
    let cut = t.floor_char_boundary(160.min(t.len()));
    let head = t.get(..cut).unwrap_or_default();
    let after = head.char_indices().find_map(|(i, c)| {
        let before = t.get(..i).unwrap_or_default();
        let prompt = match c {
            '$' | '%' | '#' | '❯' => before.is_empty() || is_prompt_head(before),
            '>' => before.starts_with("PS ") || before.get(1..3) == Some(":\\"),
            _ => false,
        };
        prompt.then(|| t.get(i + c.len_utf8()..).unwrap_or_default())
    });
    match after {
        // After a prompt, any word runs (a comment after `#` is not a command).
        Some(rest) if rest.starts_with(' ') && !rest.trim().is_empty() => {
            let cmd = rest.trim_start();
            tool_command(cmd).or((!t.starts_with('#')).then_some(cmd))
        }
        _ => tool_command(t),
    }
}

/// `user@host:~/dir` or `host:dir` before a prompt sign: no spaces, and an `@` or a `:`.
fn is_prompt_head(before: &str) -> bool {
    let b = before.trim_end();
    !b.is_empty()
        && !b.contains(' ')
        && (b.contains('@') || b.contains(':') || b.starts_with('('))
        && !b.contains("//")
}

/// `line` when it runs a known developer tool with one of its subcommands.
fn tool_command(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let tool = first.trim_end_matches(".exe");
    let (_, subs) = TOOLS.iter().find(|(name, _)| *name == tool)?;
    let second = words.next()?;
    let runs = if subs.is_empty() {
        second.starts_with('-')
            || second.contains("://")
            || second
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b':')
    } else {
        subs.contains(&second)
    };
    // A note about a command ("curl --proxy-anyauth -> fails # git's behaviour") is not one:
    // its quotes do not pair up as a shell's would.
    let parses = crate::engine::curl::shell_words(line).is_ok();
    (runs && parses && !line.ends_with('.')).then_some(line)
}

/// Names of header fields a pasted header block holds.
fn is_header_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "authorization",
        "proxy-authorization",
        "www-authenticate",
        "proxy-authenticate",
        "host",
        "cookie",
        "set-cookie",
        "content-type",
        "date",
        "origin",
        "location",
        "server",
        "via",
    ]
    .contains(&n.as_str())
        || n.starts_with("access-control-")
        || n.starts_with("x-")
}

/// The first line of a configuration file authlens reads.
fn is_config(t: &str) -> bool {
    let npmrc = t.starts_with("//")
        && (t.contains(":_authToken") || t.contains(":_auth") || t.contains(":_password"))
        || t.starts_with("registry=")
        || t.starts_with("always-auth")
        || t.starts_with('@') && t.contains(":registry=");
    let xml = [
        "<settings",
        "<servers>",
        "<server>",
        "<configuration>",
        "<packageSources>",
        "<packageSourceCredentials>",
        "<?xml",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    let netrc = t.starts_with("machine ") && (t.contains(" login ") || t.contains(" password "));
    let yaml = [
        "apiVersion: v1",
        "kind: Config",
        "auths:",
        "\"auths\":",
        "{\"auths\"",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    let ini = t.starts_with('[')
        && t.ends_with(']')
        && !t.contains(' ')
        && t.len() < 60
        && !t.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    npmrc || xml || netrc || yaml || ini
}

/// A JSON log record: an object on one line with a time or level.
fn is_json_log(t: &str) -> bool {
    t.starts_with('{')
        && t.ends_with('}')
        && [
            "\"level\"",
            "\"time\"",
            "\"timestamp\"",
            "\"@timestamp\"",
            "\"ts\"",
            "\"msg\"",
            "\"severity\"",
        ]
        .iter()
        .any(|k| t.contains(k))
}

/// Words of the user's: starts with a capital letter, has several words, ends a sentence.
fn is_sentence(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    let words = t.split_whitespace().count();
    first.is_uppercase()
        && words >= 4
        && !t.contains(": ")
        && (t.ends_with(['.', '?', '!', ':']) || words >= 8)
}
