//! Server and proxy log lines about authentication: each format's reader names the cause a line
//! states (`cause.rs` decides nothing itself, it explains), equal lines are grouped by cause,
//! client, user and path, and every cause is reported once with the ids the rest of authlens
//! uses for it. Lines that say nothing about authentication are counted, not listed.

mod access;
mod apache;
mod aspnet;
pub mod cause;
mod client_auth;
mod gateway;
mod iis;
pub mod issuer;
mod k8s;
mod keycloak;
pub mod line;
mod nginx;
mod protocol;
mod spring;

use crate::engine::context::Context;
use crate::engine::core::finding::{Finding, Part, Report};
use crate::engine::core::order;
use crate::engine::jwt;
use cause::{Cause, Group, Hit};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use cause::ids;

/// Lines read at most; the rest of a huge paste is counted (the reading stays linear and short).
pub const MAX_LINES: usize = 20_000;
/// Characters of one line read at most (a stack trace on one line, a base64 blob).
const MAX_LINE: usize = 4_000;
/// Distinct groups kept; further lines of new groups are counted in the last row.
const MAX_GROUPS: usize = 500;
/// JWTs found in the log that are analysed.
const MAX_TOKENS: usize = 2;

/// State carried from line to line: IIS field order, and successes seen.
#[derive(Default)]
struct State {
    iis: iis::Fields,
    /// (client, path) pairs that later got a success in an access or IIS log.
    ok: HashSet<(Option<String>, Option<String>)>,
}

/// What makes two lines one group: cause, source, detail, client, user, path.
type GroupKey = (
    Cause,
    &'static str,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What a line is, for the auth-related part of a log.
fn read_line(raw: &str, state: &mut State) -> Option<Hit> {
    // Only a line longer in bytes than MAX_LINE can be longer in characters.
    let line = match raw.len() > MAX_LINE {
        true => raw
            .char_indices()
            .nth(MAX_LINE)
            .map_or(raw, |(i, _)| raw.get(..i).unwrap_or_default()),
        false => raw,
    };
    if state.iis.directive(line) {
        return None;
    }
    let structured = iis::read(line, &state.iis).or_else(|| access::read(line));
    match structured {
        Some(Ok(hit)) => return Some(hit),
        Some(Err(ok)) => {
            // A success: remember it so 401s of a finished handshake are not called failures.
            if state.ok.len() < MAX_GROUPS * 4 {
                state.ok.insert(ok);
            }
            return None;
        }
        None => {}
    }
    nginx::read(line)
        .or_else(|| apache::read(line))
        .or_else(|| keycloak::read(line))
        .or_else(|| aspnet::read(line))
        .or_else(|| k8s::read(line))
        .or_else(|| spring::read(line))
        .or_else(|| gateway::read(line))
        .or_else(|| protocol::read(line))
}

/// Whether pasted lines look like a log with authentication lines in it: one line a reader
/// recognises, and a line that starts the way log lines do (a continuation line of a
/// multi-line entry may hold the message while its first line holds the time).
pub fn looks_like_logs(lines: &[&str]) -> bool {
    let mut state = State::default();
    lines.iter().any(|l| line::log_shaped(l))
        && lines
            .iter()
            // Protocol words (an OAuth error in a JSON body) appear in any paste: they do not
            // make it a log.
            .any(|l| {
                read_line(l, &mut state)
                    .is_some_and(|h| h.cause != Cause::Context && h.source != protocol::SOURCE)
            })
}

/// Causes that log-style text inside another paste names (an error_description, a stack trace
/// or a log excerpt under a response), as findings. Bounded like [`analyze`].
pub fn causes_in(text: &str) -> Vec<Finding> {
    let mut state = State::default();
    // In a refused refresh, "Token is not active" is the refresh token's end, not clock skew,
    // and its invalid_grant is named by the refresh's own finding.
    let refresh = crate::engine::exchange::token_endpoint::decide(text).is_some();
    let mut seen: BTreeMap<Cause, Group> = BTreeMap::new();
    for (n, raw) in text.lines().take(MAX_LINES).enumerate() {
        let Some(hit) = read_line(raw.trim_end_matches('\r'), &mut state) else {
            continue;
        };
        if matches!(
            hit.cause,
            Cause::Context | Cause::Status401 | Cause::Status403
        ) || (refresh
            && matches!(
                hit.cause,
                Cause::NotActive | Cause::TokenRevoked | Cause::InvalidGrant
            ))
        {
            continue;
        }
        seen.entry(hit.cause).or_insert(Group {
            hit,
            count: 1,
            first: None,
            last: None,
            line: n + 1,
        });
    }
    if let Some((line, hit)) = client_auth::missing_secret(text) {
        seen.entry(hit.cause).or_insert(Group {
            hit,
            count: 1,
            first: None,
            last: None,
            line,
        });
    }
    seen.iter()
        .map(|(c, g)| cause::finding(*c, &[g], false))
        .collect()
}

/// Adds the causes that need the whole paste once a reader has named the failure: an issuer
/// refused for its host name.
pub fn refine(r: &mut Report, text: &str) {
    if r.has(ids::ISSUER_MISMATCH) {
        r.add_new(issuer::findings(text));
    }
}

/// Drops what a refused refresh explains otherwise: Keycloak's "Token is not active" and
/// "Session not active" in a refresh's answer are the refresh token's end, not clock skew or a
/// revoked access token.
pub fn settle(r: &mut Report) {
    if r.has(crate::engine::exchange::token_endpoint::ids::REFRESH_REJECTED) {
        r.findings
            .retain(|f| f.id != ids::TOKEN_NOT_ACTIVE && f.id != ids::TOKEN_REVOKED);
    }
}

/// Analyses pasted log lines.
pub fn analyze(text: &str, ctx: &Context) -> Report {
    let mut state = State::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<GroupKey, usize> = HashMap::new();
    let (mut total, mut auth, mut overflow) = (0usize, 0usize, 0usize);
    let mut tokens: Vec<String> = Vec::new();
    let mut lines = text.lines();
    for (n, raw) in lines.by_ref().take(MAX_LINES).enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        total += 1;
        let Some(hit) = read_line(raw, &mut state) else {
            continue;
        };
        auth += 1;
        if tokens.len() < MAX_TOKENS && raw.contains("eyJ") {
            if let Some((_, t)) = jwt::find_embedded(raw) {
                if !tokens.contains(&t) {
                    tokens.push(t);
                }
            }
        }
        let key = (
            hit.cause,
            hit.source,
            hit.detail.clone(),
            hit.client.clone(),
            hit.user.clone(),
            hit.path.clone(),
        );
        let when = line::timestamp(raw);
        match index.get(&key) {
            Some(&i) => {
                groups[i].count += 1;
                groups[i].last = when.or(groups[i].last.take());
            }
            None if groups.len() < MAX_GROUPS => {
                index.insert(key, groups.len());
                groups.push(Group {
                    hit,
                    count: 1,
                    first: when.clone(),
                    last: when,
                    line: n + 1,
                });
            }
            None => overflow += 1,
        }
    }
    let unread = lines.count();
    let mut r = Report::new(summary(total, auth, groups.len(), unread));
    if groups.is_empty() {
        r.push(
            Finding::info(
                ids::NO_CAUSE,
                "No line here is about authentication",
                format!("authlens read {total} lines and none is a login, token or access-denied message it knows (nginx, Apache, IIS, Spring Security, Keycloak, ASP.NET Core, Envoy/Istio, express-jwt, API Gateway, Kubernetes, Squid, HAProxy)."),
            )
            .fix("Paste the lines from the same time as the failing request, from the server that answered 401 or 403."),
        );
        return r;
    }
    timeline(&mut r, &groups, overflow);
    explain(&mut r, &groups, &state);
    for t in tokens {
        embedded_token(&mut r, &t, ctx);
    }
    refine(&mut r, text);
    r
}

fn summary(total: usize, auth: usize, groups: usize, unread: usize) -> String {
    let mut s = format!(
        "Server log: {total} lines, {auth} about authentication in {groups} group{}; {} other line{} counted, not listed.",
        if groups == 1 { "" } else { "s" },
        total - auth,
        if total - auth == 1 { "" } else { "s" },
    );
    if unread > 0 {
        s.push_str(&format!(
            " The last {unread} lines were not read (over {MAX_LINES})."
        ));
    }
    s
}

/// The groups in the order they first appear, as a table.
fn timeline(r: &mut Report, groups: &[Group], overflow: usize) {
    let mut rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let when = match (&g.first, &g.last) {
                (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
                (Some(a), _) => a.clone(),
                _ => format!("line {}", g.line),
            };
            vec![
                when,
                g.count.to_string(),
                g.hit.source.to_string(),
                crate::engine::core::text::clip(&g.hit.detail, 100),
                g.hit.client.clone().unwrap_or_default(),
                g.hit.user.clone().unwrap_or_default(),
                g.hit.path.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if overflow > 0 {
        rows.push(vec![
            String::new(),
            overflow.to_string(),
            String::new(),
            "more lines in further groups, not listed".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    r.part(Part::Table {
        title: "Authentication lines, grouped".into(),
        columns: ["when", "lines", "source", "says", "client", "user", "path"]
            .map(String::from)
            .to_vec(),
        rows,
    });
}

/// One finding per cause, most frequent first; context-only lines only when nothing else.
fn explain(r: &mut Report, groups: &[Group], state: &State) {
    let mut by_cause: BTreeMap<Cause, Vec<&Group>> = BTreeMap::new();
    for g in groups {
        by_cause.entry(g.hit.cause).or_default().push(g);
    }
    let has_cause = by_cause.keys().any(|c| *c != Cause::Context);
    let specific = by_cause
        .keys()
        .any(|c| !matches!(c, Cause::Context | Cause::Status401 | Cause::Status403));
    let mut causes: Vec<(Cause, Vec<&Group>)> = by_cause.into_iter().collect();
    order::sort_by_key(&mut causes, |(c, gs)| {
        (
            std::cmp::Reverse(gs.iter().map(|g| g.count).sum::<usize>()),
            *c,
        )
    });
    for (c, gs) in causes {
        if c == Cause::Context && has_cause {
            continue;
        }
        // An access log's bare 401 is the same failure the error log explains; keep the reason.
        if matches!(c, Cause::Status401 | Cause::Status403) && specific {
            continue;
        }
        if c == Cause::WindowsAuth {
            let (done, open): (Vec<&Group>, Vec<&Group>) = gs.into_iter().partition(|g| {
                state
                    .ok
                    .contains(&(g.hit.client.clone(), g.hit.path.clone()))
            });
            if !done.is_empty() {
                r.push(cause::finding(c, &done, true));
            }
            if !open.is_empty() {
                r.push(cause::finding(c, &open, false));
            }
            continue;
        }
        r.push(cause::finding(c, &gs, false));
    }
}

/// A JWT logged with the failure: its own analysis, without repeating causes already named.
fn embedded_token(r: &mut Report, token: &str, ctx: &Context) {
    let found = jwt::analyze_with(token, ctx.clock, jwt::TokenUse::AccessToken, ctx.audience());
    let known: HashSet<&'static str> = r.ids().into_iter().collect();
    r.push(Finding::info(
        crate::engine::ids::JWT_EMBEDDED,
        "A JWT found in the log",
        "The log holds the token the server refused; its claims and times are analysed below, to compare with what the server said.",
    ));
    for f in found
        .findings
        .into_iter()
        .filter(|f| !known.contains(f.id.as_str()))
    {
        r.push(f);
    }
    for p in found.parts {
        r.part(p);
    }
}

#[cfg(test)]
mod tests;
