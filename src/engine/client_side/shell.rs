//! A `$` inside a user name, password or token given on a command line: unquoted or in double
//! quotes, the shell replaces `$name` with that variable's value (usually empty) before the
//! tool runs. Harbor robot accounts (`robot$name`) and passwords with `$` break this way.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};

/// Commands whose credential flags are read here (curl has its own, finer analysis).
const TOOLS: &[&str] = &[
    "docker", "podman", "helm", "git", "npm", "yarn", "pnpm", "twine", "oras", "skopeo", "crane",
    "kubectl", "az", "gh", "mvn", "dotnet", "nuget", "pip", "buildah", "nerdctl", "wget", "http",
];

/// Flags whose value is a user name or a secret.
const FLAGS: &[&str] = &[
    "-u",
    "-p",
    "--username",
    "--user",
    "--password",
    "--token",
    "--http-user",
    "--http-password",
];

pub(super) fn findings(text: &str) -> Option<Finding> {
    for line in lines(text) {
        let t = line.trim_start();
        let t = ["$ ", "# ", "> ", "PS> "]
            .iter()
            .find_map(|p| t.strip_prefix(p))
            .unwrap_or(t);
        let mut words = t.split_whitespace().peekable();
        if words.peek() == Some(&"sudo") {
            words.next();
        }
        if !words.next().is_some_and(|w| TOOLS.contains(&w)) {
            continue;
        }
        let words: Vec<&str> = words.take(200).collect();
        for (i, w) in words.iter().enumerate() {
            let value = match w.split_once('=') {
                Some((flag, v)) if FLAGS.contains(&flag) => v,
                _ if FLAGS.contains(w) => words.get(i + 1).copied().unwrap_or(""),
                _ => continue,
            };
            if let Some((name, sent)) = expanded(value) {
                return Some(finding(value, name, &sent));
            }
        }
    }
    None
}

/// For a value with a `$` inside a word (not at its start, where a variable is meant), the
/// variable the shell expands and what is left when it is empty.
fn expanded(value: &str) -> Option<(&str, String)> {
    // Single quotes keep `$` literal.
    if value.starts_with('\'') {
        return None;
    }
    let v = value.trim_matches('"');
    let b = v.as_bytes();
    let at = (1..b.len()).find(|&i| {
        b[i] == b'$'
            && b[i - 1].is_ascii_alphanumeric()
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_' || *n == b'$')
    })?;
    let (before, from) = v.split_at(at);
    let rest = from.get(1..).unwrap_or_default();
    let len = if rest.starts_with('$') {
        1
    } else {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    };
    let (name, after) = rest.split_at(len);
    Some((name, format!("{before}{after}")))
}

fn finding(value: &str, name: &str, sent: &str) -> Finding {
    Finding::error(
        ids::DOLLAR_EXPANDED,
        format!("The shell rewrote {value} before the tool saw it"),
        format!("Outside single quotes the shell replaces ${name} with the value of the variable {name}, which is usually unset, so the tool received \"{sent}\" instead of {value}. The server then refuses an account or password that is not the one meant."),
    )
    .fix(format!("Put the value in single quotes ('{}'), or pass it on standard input (docker login --password-stdin, helm registry login --password-stdin).", value.trim_matches('"')))
    .spec(SpecRef::new("POSIX shell: parameter expansion", "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_06_02"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_inside_a_credential_is_expanded() {
        let f = findings("helm registry login harbor.example.com -u robot$account -p $(cat pw)");
        assert!(f.is_some_and(|f| f.id == ids::DOLLAR_EXPANDED));
        assert!(findings("docker login -u 'robot$ci' --password-stdin").is_none());
        // A variable meant as one is left alone.
        assert!(findings("docker login -u \"$USER\" -p \"$TOKEN\" ghcr.io").is_none());
        assert!(findings("echo robot$account -u x").is_none());
    }
}
