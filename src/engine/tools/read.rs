//! Reads a tool's refusal out of its output: which tool, which status, which host and which
//! repository id. One pass over the lines.

use super::Tool;
use crate::engine::core::url::{parse_url, urls_in};

/// A refused request as a developer tool reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The tool that printed it.
    pub tool: Tool,
    /// 401, 403 or 407.
    pub status: u16,
    /// The host that answered, when the output names it.
    pub host: Option<String>,
    /// The repository id or source name the tool used (Maven's `from/to <id>`).
    pub target: Option<String>,
    /// The line that says it.
    pub line: String,
}

/// Words that tell which tool printed the output, in the order they are tried.
const MARKERS: &[(Tool, &[&str])] = &[
    (
        Tool::Maven,
        &[
            "Could not transfer artifact",
            "Failed to deploy artifacts",
            "maven-deploy-plugin",
            "Return code is:",
            "ReasonPhrase",
            "[ERROR] Failed to execute goal",
        ],
    ),
    (
        Tool::Gradle,
        &[
            "Could not GET '",
            "Could not PUT '",
            "Could not HEAD '",
            "Received status code",
            "Execution failed for task",
        ],
    ),
    (
        Tool::Npm,
        &[
            "npm ERR!",
            "npm error",
            "ERR_PNPM",
            "pnpm ",
            "yarn ",
            "YN0041",
            "YN0033",
        ],
    ),
    (
        Tool::NuGet,
        &["NuGet", "nuget", "NU1301", "dotnet restore", "dotnet add"],
    ),
    (
        Tool::Python,
        &[
            "twine",
            "Uploading distributions",
            "poetry ",
            "pip install",
            "Looking in indexes",
            "uv pip",
            "uv publish",
        ],
    ),
    (
        Tool::Kubectl,
        &[
            "You must be logged in to the server",
            "kubectl",
            "the server has asked for the client to provide credentials",
        ],
    ),
    (
        Tool::Registry,
        &[
            "Error response from daemon",
            "docker ",
            "podman ",
            "skopeo",
            "buildah",
            "helm ",
            "Error initiating layer upload",
            "pull access denied",
            "failed to authorize",
        ],
    ),
    (
        Tool::Git,
        &[
            "fatal: unable to access",
            "fatal: Authentication failed",
            "git push",
            "git clone",
            "git pull",
            "git fetch",
        ],
    ),
];

/// Lines read, at most.
const MAX_LINES: usize = 5_000;

/// The refusal `text` shows, if a known tool printed one.
pub fn read(text: &str) -> Option<Refusal> {
    let tool = MARKERS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(t, _)| *t)?;
    let lines: Vec<&str> = text.lines().take(MAX_LINES).collect();
    let (at, status) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| status_in(l, tool).map(|s| (i, s)))?;
    let near = |i: usize| lines.get(i).copied().unwrap_or_default();
    // The URL on the status line, else on the lines just above it (Maven breaks its message).
    let host = (0..=3)
        .filter_map(|back| at.checked_sub(back).map(near))
        .find_map(|l| urls_in(l).find_map(|u| parse_url(u).ok()).map(|u| u.host))
        .or_else(|| registry_host(&lines))
        .filter(|h| !h.is_empty());
    let target = (0..=3)
        .filter_map(|back| at.checked_sub(back).map(near))
        .find_map(|l| {
            let rest = l.split("from/to ").nth(1)?;
            let id = rest.split(" (").next()?.trim();
            (!id.is_empty() && !id.contains(' ')).then(|| id.to_string())
        });
    Some(Refusal {
        tool,
        status,
        host,
        target,
        line: near(at).trim().to_string(),
    })
}

/// The refusal status a line states: 401, 403 or 407 next to a word that makes it a status, or
/// the words tools print instead of a number.
fn status_in(line: &str, tool: Tool) -> Option<u16> {
    let lower = line.to_ascii_lowercase();
    let context = [
        "status",
        "code",
        "error",
        "unauthorized",
        "forbidden",
        "proxy authentication",
        "return",
        "http",
        "failed",
        "response",
    ];
    for (code, n) in [("401", 401), ("403", 403), ("407", 407)] {
        let standalone = lower.match_indices(code).any(|(i, _)| {
            let b = lower.as_bytes();
            let before = i.checked_sub(1).map(|j| b[j]);
            let after = b.get(i + 3).copied();
            !before.is_some_and(|c| c.is_ascii_digit() || c == b'.')
                && !after.is_some_and(|c| c.is_ascii_digit() || c == b'.')
        });
        if standalone && context.iter().any(|w| lower.contains(w)) {
            return Some(n);
        }
    }
    let says = |w: &str| lower.contains(w);
    match tool {
        Tool::Kubectl if says("(unauthorized)") || says("provide credentials") => Some(401),
        Tool::Kubectl if says("is forbidden:") => Some(403),
        Tool::Git if says("authentication failed for") => Some(401),
        Tool::Maven if says("reasonphrase:unauthorized") || says("not authorized") => Some(401),
        Tool::Maven if says("reasonphrase:forbidden") => Some(403),
        Tool::Registry
            if lower.trim_start().starts_with("unauthorized:") || says(": unauthorized:") =>
        {
            Some(401)
        }
        Tool::Registry if says("denied: ") || says("access denied") => Some(403),
        _ => None,
    }
}

/// A registry host named by a docker, podman or helm command line.
fn registry_host(lines: &[&str]) -> Option<String> {
    lines.iter().find_map(|l| {
        let mut words = l
            .split_whitespace()
            .skip_while(|w| !matches!(*w, "login" | "push" | "pull" | "registry"));
        words.next()?;
        let arg = words.find(|w| !w.starts_with('-'))?;
        let host = arg.split('/').next()?;
        (host.contains('.') || host.contains(':')).then(|| host.to_string())
    })
}
