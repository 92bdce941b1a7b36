//! A HAR file (DevTools' "Save all as HAR"): every authentication failure in it, grouped by
//! origin in time order, each diagnosed by the exchange analysis; the JWTs it carried with their
//! expiry at each use; and a redacted copy to share (`redact.rs`).

mod chains;
mod convert;
mod explain;
pub mod model;
pub mod redact;
mod stream;
mod tokens;
mod wire;

use super::context::Context;
use super::core::finding::{FindingId, Report};
use super::core::time;
use super::exchange;
pub use chains::Failed;
use convert::as_text;
pub use convert::exchange_of;
pub use explain::ids;
use model::{Entry, Har};
use std::collections::HashMap;
pub use tokens::{TokenSeen, TokenUse};

/// Calls listed under one repeated failure; the rest are counted.
const CALLS_SHOWN: usize = 20;

/// Hops of a redirect chain that dropped a credential, explained one by one.
const MAX_LOST_HOPS: usize = 8;

/// Hops of a chain listed (browsers follow at most 20 redirects); the rest are counted.
const MAX_HOPS_SHOWN: usize = 21;

/// Distinct failures listed in a diagnosis; further ones are counted in [`Unlisted`], so a HAR
/// of thousands of failing origins neither fills memory with reports nor the page with rows.
pub const MAX_FAILURES: usize = 200;

/// One failure, or one chain ending in a failure, or one failure repeated with the same token.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Why it counts as a failure.
    pub failed: Failed,
    /// The request's origin.
    pub origin: String,
    /// `startedDateTime` as written.
    pub started: String,
    /// `METHOD URL → status` for each entry of the chain, in order.
    pub chain: Vec<String>,
    /// What the chain is, when it is more than one entry.
    pub chain_kind: Option<ChainKind>,
    /// How many calls failed this way with the same credential (1 for a single call).
    pub count: usize,
    /// The calls merged into this one (first few).
    pub calls: Vec<String>,
    /// The diagnosis of the failing entry.
    pub report: Report,
    /// A fingerprint of the credential sent, to count the same token failing on several calls.
    credential: Option<u32>,
}

/// Which entries a chain links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainKind {
    /// A preflight and the request it guarded.
    Preflight,
    /// Redirect hops.
    Redirect,
}

/// The failures of one origin, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginGroup {
    /// `scheme://host[:port]`.
    pub origin: String,
    /// Its failures.
    pub failures: Vec<Failure>,
}

/// Everything read from a HAR.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnosis {
    /// Entries in the file.
    pub entries: usize,
    /// The exporting browser or tool.
    pub creator: Option<String>,
    /// Failures by origin, origins in order of their first failure.
    pub groups: Vec<OriginGroup>,
    /// JWTs sent in requests, each once.
    pub tokens: Vec<TokenSeen>,
    /// Why the file could not be read, when it could not.
    pub error: Option<String>,
    /// Failures past the first [`MAX_FAILURES`], counted.
    pub unlisted: Unlisted,
}

/// Failures not listed one by one: how many calls, and what they found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unlisted {
    /// Calls that failed.
    pub calls: usize,
    /// Each failure's most likely cause, each once.
    pub causes: Vec<FindingId>,
    /// Their findings, bounded as any report's are.
    pub report: Report,
}

impl Diagnosis {
    /// Failures counted as calls (a repeated failure counts each call).
    pub fn failure_count(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| &g.failures)
            .map(|f| f.count)
            .sum::<usize>()
            + self.unlisted.calls
    }

    /// The distinct causes: each failure's most likely cause, else its first finding.
    pub fn causes(&self) -> Vec<FindingId> {
        let mut out: Vec<FindingId> = Vec::new();
        for f in self.groups.iter().flat_map(|g| &g.failures) {
            if let Some(id) = cause_of(&f.report) {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        for &id in &self.unlisted.causes {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// The cause a failure's report names first.
fn cause_of(r: &Report) -> Option<FindingId> {
    r.most_likely().or_else(|| r.findings.first()).map(|f| f.id)
}

/// Whether pasted text is a HAR: JSON whose top object is `log` with entries or a creator.
pub fn looks_like_har(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if !t.starts_with('{') {
        return false;
    }
    let head: String = t.chars().take(2048).collect();
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    compact.starts_with("{\"log\":{")
        && (compact.contains("\"entries\":")
            || compact.contains("\"creator\":")
            || compact.contains("\"version\":"))
}

/// Parses the file; the error says where the JSON broke.
pub fn parse(text: &str) -> Result<Har, String> {
    let t = text.trim_start_matches('\u{FEFF}');
    stream::parse(t).map_err(|e| e.to_string())
}

/// Reads and diagnoses a HAR.
pub fn diagnose(text: &str, ctx: &Context) -> Diagnosis {
    match parse(text) {
        Ok(har) => diagnose_har(&har, ctx),
        Err(e) => Diagnosis {
            error: Some(e),
            ..Diagnosis::default()
        },
    }
}

/// Diagnoses parsed entries.
pub fn diagnose_har(har: &Har, ctx: &Context) -> Diagnosis {
    let entries = &har.log.entries;
    let times: Vec<Option<i64>> = entries
        .iter()
        .map(|e| time::parse_rfc3339(&e.started))
        .collect();
    let order = time_order(&times);
    let mut groups: Vec<OriginGroup> = Vec::new();
    // Groups by origin and earlier single-call failures by what merges them, so each failure
    // is placed in constant time (a scan of the groups, or of a group's failures, was
    // quadratic in a HAR of thousands of origins or credentials).
    let mut by_origin: HashMap<String, usize> = HashMap::new();
    let mut merges: HashMap<MergeKey, usize> = HashMap::new();
    let (mut listed, mut unlisted) = (0, Unlisted::default());
    for chain in chains::chains(entries, &order) {
        let Some(failure) = failure_of(entries, &times, &chain, ctx) else {
            continue;
        };
        let group = by_origin.get(&failure.origin).copied();
        // A single call counts into an earlier one with the same credential, status and causes.
        let key = group.filter(|_| failure.chain_kind.is_none()).map(|g| {
            (
                g,
                failure.failed,
                failure.credential,
                causes(&failure.report),
            )
        });
        if let Some(&at) = key.as_ref().and_then(|k| merges.get(k)) {
            let prev = &mut groups[group.unwrap_or_default()].failures[at];
            prev.count += 1;
            if prev.calls.len() < CALLS_SHOWN {
                prev.calls.extend(failure.calls);
            }
            continue;
        }
        if listed == MAX_FAILURES {
            unlisted.add(failure);
            continue;
        }
        let g = group.unwrap_or_else(|| {
            by_origin.insert(failure.origin.clone(), groups.len());
            groups.push(OriginGroup {
                origin: failure.origin.clone(),
                failures: Vec::new(),
            });
            groups.len() - 1
        });
        if failure.chain_kind.is_none() {
            let key = (
                g,
                failure.failed,
                failure.credential,
                causes(&failure.report),
            );
            merges.insert(key, groups[g].failures.len());
        }
        groups[g].failures.push(failure);
        listed += 1;
    }
    Diagnosis {
        entries: entries.len(),
        creator: har
            .log
            .creator
            .as_ref()
            .map(|c| format!("{} {}", c.name, c.version).trim().to_string()),
        groups,
        tokens: tokens::seen(entries, &times),
        error: None,
        unlisted,
    }
}

/// The failure a chain shows, if any entry of it failed.
fn failure_of(
    entries: &[Entry],
    times: &[Option<i64>],
    chain: &[usize],
    ctx: &Context,
) -> Option<Failure> {
    let failing: Vec<(usize, Failed)> = chain
        .iter()
        .filter_map(|&i| chains::failed(&entries[i]).map(|f| (i, f)))
        .collect();
    // The request itself when it got an answer, else the failed preflight or last hop.
    let &(main, failed) = failing
        .iter()
        .rev()
        .find(|(_, f)| matches!(f, Failed::Auth(_)))
        .or_else(|| failing.first())?;
    let e = &entries[main];
    let mut ctx = ctx.clone();
    if let Some(t) = times[main] {
        // The entry's start time is the clock; the response's Date still wins when present.
        ctx.clock.now = Some(t);
    }
    let chain_text: String = chain
        .iter()
        .map(|&i| as_text(&entries[i]))
        .collect::<Vec<_>>()
        .join("\n");
    let mut report = exchange::with_cors(
        exchange::analyze_exchange(&exchange_of(e), &ctx),
        &chain_text,
    );
    let preflight = chain.len() > 1 && chains::is_preflight(&entries[chain[0]]);
    let chain_kind = (chain.len() > 1).then_some(if preflight {
        ChainKind::Preflight
    } else {
        ChainKind::Redirect
    });
    if chain_kind == Some(ChainKind::Redirect) {
        // The first hops that dropped a credential, the latest first, put in front at once (one
        // insertion per hop was quadratic in a chain of thousands).
        let mut lost: Vec<_> = chains::lost(entries, chain)
            .into_iter()
            .take(MAX_LOST_HOPS)
            .collect();
        lost.reverse();
        let dropped: Vec<_> = lost
            .iter()
            .flat_map(|l| explain::lost(l, &entries[chain[l.hop]].request.url, failed))
            .collect();
        report.findings.splice(0..0, dropped);
    }
    if failed == Failed::Cors
        && !report
            .findings
            .iter()
            .any(|f| f.id.as_str().starts_with("cors."))
    {
        report.findings.insert(0, explain::blocked(e));
    }
    report.summary = format!(
        "{} {} → {}",
        e.request.method,
        e.request.url,
        status_text(e)
    );
    Some(Failure {
        failed,
        origin: chains::origin_of(&e.request.url),
        started: entries[chain[0]].started.clone(),
        chain: hops_shown(entries, chain),
        chain_kind,
        count: 1,
        calls: vec![line_of(e)],
        report,
        credential: credential(e),
    })
}

/// The causes of a failure: its errors (warnings such as a key in one call's URL do not make
/// two failures of the same token different).
fn causes(r: &Report) -> Vec<&'static str> {
    r.findings
        .iter()
        .filter(|f| f.severity == crate::engine::Severity::Error)
        .map(|f| f.id.as_str())
        .collect()
}

/// What makes two single-call failures one: origin group, why it failed, the credential and
/// the causes.
type MergeKey = (usize, Failed, Option<u32>, Vec<&'static str>);

impl Unlisted {
    /// Counts a failure past the listed ones, keeping its cause and findings.
    fn add(&mut self, f: Failure) {
        self.calls += f.count;
        if let Some(id) = cause_of(&f.report) {
            if !self.causes.contains(&id) {
                self.causes.push(id);
            }
        }
        self.report.add_new(f.report.findings);
    }
}

/// `METHOD URL → status` for each hop of a chain: the first ones and the last, with how many
/// were left out between them.
fn hops_shown(entries: &[Entry], chain: &[usize]) -> Vec<String> {
    if chain.len() <= MAX_HOPS_SHOWN {
        return chain.iter().map(|&i| line_of(&entries[i])).collect();
    }
    let mut out: Vec<String> = chain[..MAX_HOPS_SHOWN - 1]
        .iter()
        .map(|&i| line_of(&entries[i]))
        .collect();
    out.push(format!("… {} more hops …", chain.len() - MAX_HOPS_SHOWN));
    out.extend(chain.last().map(|&i| line_of(&entries[i])));
    out
}

/// A fingerprint of what the request authenticated with: Authorization, else its cookies.
fn credential(e: &Entry) -> Option<u32> {
    e.req_header("authorization")
        .or_else(|| e.req_header("proxy-authorization"))
        .or_else(|| e.req_header("cookie"))
        .map(crate::engine::core::text::fingerprint)
}

/// `METHOD URL → status`.
fn line_of(e: &Entry) -> String {
    format!(
        "{} {} → {}",
        e.request.method,
        e.request.url,
        status_text(e)
    )
}

/// The status as a browser shows it: the code, or why there was none.
fn status_text(e: &Entry) -> String {
    match e.response.status {
        s if s > 0 => format!("{s} {}", e.response.status_text)
            .trim_end()
            .to_string(),
        _ => match e.failure() {
            Some(err) => format!("no response ({err})"),
            _ => "no response (blocked or failed)".to_string(),
        },
    }
}

/// Reads a HAR into one report: the summary line, every cause found, the failures by origin
/// and the tokens across the file.
pub fn analyze(text: &str, ctx: &Context) -> Report {
    report_of(&diagnose(text, ctx))
}

/// The page's report for a diagnosis already made.
pub fn report_of(d: &Diagnosis) -> Report {
    explain::report(d)
}

/// Entry indices in time order; entries without a readable time sort first, and equal times
/// keep their order in the file.
pub fn time_order(times: &[Option<i64>]) -> Vec<usize> {
    let at = |i: usize| times[i].unwrap_or(i64::MIN);
    crate::engine::core::order::permutation(times.len(), &mut |i, j| at(i).cmp(&at(j)))
}

#[cfg(test)]
mod tests;
