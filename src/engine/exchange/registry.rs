//! Container registry token scopes: the scope a token was asked for (a token request in the
//! paste, `…/token?service=…&scope=repository:NAME:ACTIONS`) against the scope the registry's
//! `insufficient_scope` challenge names. A token carries only the actions it was asked for.

use crate::engine::challenge;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::header::split_header;
use crate::engine::core::text::clip;
use std::collections::HashMap;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The token was asked for other actions than the ones the registry's challenge requires.
    pub const SCOPE_NOT_REQUESTED: FindingId = FindingId("registry.scope_not_requested");
}

/// Actions of the registry token specification.
const ACTIONS: &[&str] = &["pull", "push", "delete", "*"];

/// Lines read at most.
const MAX_LINES: usize = 5_000;

/// What was asked for and what the registry needs, for one repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The repository.
    pub repo: String,
    /// The actions in the token request.
    pub requested: Vec<String>,
    /// The challenge's actions the request did not ask for.
    pub missing: Vec<String>,
    /// Requested actions the specification does not have.
    pub unknown: Vec<String>,
}

/// `repository:NAME:a,b` as (NAME, [a, b]).
fn repository_scope(s: &str) -> Option<(String, Vec<String>)> {
    let rest = s.strip_prefix("repository:")?;
    let (name, actions) = rest.rsplit_once(':')?;
    (!name.is_empty()).then(|| {
        (
            name.to_string(),
            actions
                .split(',')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        )
    })
}

/// The few escapes a scope in a query uses.
fn unescape(s: &str) -> String {
    s.replace("%3A", ":")
        .replace("%3a", ":")
        .replace("%2F", "/")
        .replace("%2f", "/")
        .replace("%2C", ",")
        .replace("%2c", ",")
}

/// The mismatch the text shows: a challenge with `error="insufficient_scope"` naming a
/// repository, and a token request in the paste that asked for that repository without one of
/// the challenged actions.
pub fn decide(text: &str) -> Option<Mismatch> {
    let mut needed: Vec<(String, Vec<String>)> = Vec::new();
    let mut requested: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().take(MAX_LINES) {
        let l = line.trim_start_matches(['<', '>', ' ']);
        if let Some(h) = split_header(l).filter(|h| h.is("www-authenticate")) {
            let ch = challenge::parse_values(&[h.value.as_str()]);
            if let Some(b) = ch
                .get("bearer")
                .filter(|b| b.param("error") == Some("insufficient_scope"))
            {
                needed.extend(
                    b.param("scope")
                        .unwrap_or("")
                        .split(' ')
                        .filter_map(repository_scope),
                );
            }
            continue;
        }
        for (i, _) in line.match_indices("scope=").take(20) {
            let v = line.get(i + "scope=".len()..).unwrap_or_default();
            let end = v
                .find(|c: char| c.is_whitespace() || "&\"')".contains(c))
                .unwrap_or(v.len());
            requested.extend(repository_scope(&unescape(
                v.get(..end).unwrap_or_default(),
            )));
        }
    }
    // The actions asked for each repository, in the order asked (a scan of every request per
    // challenged repository was quadratic).
    let mut by_repo: HashMap<&str, Vec<&String>> = HashMap::new();
    for (r, a) in &requested {
        by_repo.entry(r.as_str()).or_default().extend(a);
    }
    needed.iter().find_map(|(repo, actions)| {
        let asked: Vec<&String> = by_repo.get(repo.as_str()).cloned().unwrap_or_default();
        if asked.is_empty() || asked.iter().any(|a| *a == "*") {
            return None;
        }
        let missing: Vec<String> = actions
            .iter()
            .filter(|a| !asked.contains(a))
            .cloned()
            .collect();
        let unknown: Vec<String> = asked
            .iter()
            .filter(|a| !ACTIONS.contains(&a.as_str()))
            .map(|a| a.to_string())
            .collect();
        (!missing.is_empty()).then(|| Mismatch {
            repo: repo.clone(),
            requested: asked.into_iter().cloned().collect(),
            missing,
            unknown,
        })
    })
}

/// The finding for a mismatch.
pub fn finding(m: &Mismatch) -> Finding {
    let unknown = if m.unknown.is_empty() {
        String::new()
    } else {
        format!(
            " {} is not a registry action (the actions are pull, push, delete and *), so it grants nothing.",
            m.unknown.join(", ")
        )
    };
    Finding::error(
        ids::SCOPE_NOT_REQUESTED,
        clip(
            &format!(
                "The token was asked for repository:{}:{}; the registry needs {}",
                m.repo,
                m.requested.join(","),
                m.missing.join(",")
            ),
            160,
        ),
        format!("A registry token carries only the actions named in the scope it was requested with.{unknown} The challenge's scope says what this request needs: reading tags and manifests needs pull, uploading needs push."),
    )
    .fix(format!("Request the token with scope=repository:{}:{} (copy service and scope from the WWW-Authenticate challenge as they are).", m.repo, m.missing.join(",")))
    .spec(SpecRef::new("Docker registry token scope", "https://distribution.github.io/distribution/spec/auth/scope/"))
}

/// The finding for `text`, when it shows a mismatch.
pub fn findings(text: &str) -> Option<Finding> {
    decide(text).map(|m| finding(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requested_against_challenged() {
        // distribution/distribution#2624
        let t = "raw_token=\"$(curl https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/ubuntu:list)\";\nHTTP/1.1 401 Unauthorized\nWww-Authenticate: Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/ubuntu:pull\",error=\"insufficient_scope\"";
        let m = decide(t).unwrap();
        assert_eq!(
            (m.missing, m.unknown),
            (vec!["pull".to_string()], vec!["list".to_string()])
        );
        // Asked for what the challenge names: the scope is not the cause (distribution#1676).
        let ok = t.replace("ubuntu:list", "ubuntu:pull");
        assert!(decide(&ok).is_none());
        let pushpull = t.replace("ubuntu:list", "ubuntu:push%2Cpull");
        assert!(decide(&pushpull).is_none());
    }
}
