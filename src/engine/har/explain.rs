//! What the HAR diagnosis says: its own findings (unreadable file, redirects that dropped
//! credentials, a blocked response with no recorded reason) and the one report for the page.

use super::chains::{Failed, Lost};
use super::model::Entry;
use super::{ChainKind, Diagnosis, MAX_FAILURES};
use crate::engine::core::finding::{Finding, Part, Report, Severity, SpecRef};
use crate::engine::core::tally::thousands;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "This file is not a HAR authlens can read"
    pub const UNREADABLE: FindingId = FindingId("har.unreadable");
    /// "The HAR has no entries"
    pub const NO_ENTRIES: FindingId = FindingId("har.no_entries");
    /// "No authentication failure in this HAR"
    pub const NO_FAILURES: FindingId = FindingId("har.no_failures");
    /// "A redirect dropped the Authorization header"
    pub const REDIRECT_DROPPED_AUTHORIZATION: FindingId =
        FindingId("har.redirect_dropped_authorization");
    /// "A redirect dropped the cookies"
    pub const REDIRECT_DROPPED_COOKIES: FindingId = FindingId("har.redirect_dropped_cookies");
    /// "The browser blocked the response (CORS)"
    pub const CORS_BLOCKED: FindingId = FindingId("har.cors_blocked");
    /// "N more failed calls are counted, not listed"
    pub const FAILURES_NOT_LISTED: FindingId = FindingId("har.failures_not_listed");
}

const FETCH_REDIRECT: SpecRef = SpecRef::new(
    "Fetch: HTTP-redirect fetch",
    "https://fetch.spec.whatwg.org/#http-redirect-fetch",
);

/// Findings for a redirect hop that no longer carried Authorization or cookies.
pub fn lost(l: &Lost, url: &str, failed: Failed) -> Vec<Finding> {
    let mut out = Vec::new();
    let ends_in_auth = matches!(failed, Failed::Auth(401 | 407));
    if l.authorization {
        let why = if l.cross_origin {
            "The redirect went to another origin, and browsers remove Authorization on a cross-origin redirect (the Fetch standard requires it) so the token is not leaked to a host it was not meant for."
        } else {
            "The redirect stayed on the same origin, yet the next request went without Authorization: the header was set for the first request only (a proxy or the client rebuilt the request)."
        };
        let f = Finding::new(
            ids::REDIRECT_DROPPED_AUTHORIZATION,
            if ends_in_auth { Severity::Error } else { Severity::Warning },
            format!("A redirect dropped the Authorization header (hop {} to {url})", l.hop),
            why,
        )
        .fix("Call the final URL directly (fix the trailing slash, http→https or host the redirect adds), or have the server answer without redirecting.")
        .spec(FETCH_REDIRECT);
        out.push(f);
    }
    if l.cookies {
        out.push(
            Finding::warning(
                ids::REDIRECT_DROPPED_COOKIES,
                format!("A redirect dropped the cookies (hop {} to {url})", l.hop),
                "The next hop went without the cookies the one before carried: the cookie's Domain or Path does not cover the new URL, it is Secure and the hop is http, or SameSite kept it off a cross-site hop.",
            )
            .fix("Redirect to a URL the cookie covers (same host, https), or widen the cookie's Domain/Path; a cross-site hop needs SameSite=None; Secure.")
            .spec(SpecRef::new("RFC 6265bis §5.8.3", "https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-samesite-cookies")),
        );
    }
    out
}

/// A blocked cross-origin response whose HAR entry shows nothing more specific.
pub fn blocked(e: &Entry) -> Finding {
    let detail = e
        .failure()
        .map(|err| format!(" The browser recorded {err}."))
        .unwrap_or_default();
    Finding::error(
        ids::CORS_BLOCKED,
        "The browser blocked the response (CORS)",
        format!("The request went to another origin and the page got no response: the browser recorded status {} with no headers.{detail} A HAR does not keep the console's reason; the usual ones are a missing Access-Control-Allow-Origin, Access-Control-Allow-Origin: * on a request with credentials, or a 401 without CORS headers.", e.response.status),
    )
    .fix("Read the console message for this request, or probe the URL from this page: the probe tells the causes apart.")
    .spec(SpecRef::new("Fetch: CORS check", "https://fetch.spec.whatwg.org/#cors-check"))
}

/// The page's report: summary line, every cause found, the failures by origin, the tokens.
pub fn report(d: &Diagnosis) -> Report {
    if let Some(e) = &d.error {
        let mut r = Report::new("This file could not be read as a HAR.");
        r.push(
            Finding::error(ids::UNREADABLE, "This file is not a HAR authlens can read", format!("The JSON does not parse: {e}."))
                .fix("Export again from DevTools (Network tab, \"Save all as HAR\") and open the whole file; a HAR cut short by a size limit does not parse.")
                .spec(SpecRef::new("HAR 1.2", "http://www.softwareishard.com/blog/har-12-spec/")),
        );
        return r;
    }
    let failures = d.failure_count();
    let causes = d.causes();
    let from = d
        .creator
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(|c| format!(" from {c}"))
        .unwrap_or_default();
    let mut r = Report::new(format!(
        "A HAR{from}: {} {}, {} {}, {} distinct {}.",
        d.entries,
        plural(d.entries, "entry", "entries"),
        failures,
        plural(failures, "failure", "failures"),
        causes.len(),
        plural(causes.len(), "cause", "causes"),
    ));
    if d.entries == 0 {
        r.push(Finding::info(ids::NO_ENTRIES, "The HAR has no entries", "Nothing was recorded. Keep DevTools open on the Network tab (with \"Preserve log\" on) while the failure happens, then export."));
    } else if failures == 0 {
        r.push(Finding::ok(ids::NO_FAILURES, "No authentication failure in this HAR", "No entry got 401, 403 or 407, no preflight failed and no cross-origin response was blocked."));
    }
    for f in d.groups.iter().flat_map(|g| &g.failures) {
        for finding in &f.report.findings {
            r.push(finding.clone());
        }
    }
    if d.unlisted.calls > 0 {
        for finding in &d.unlisted.report.findings {
            r.push(finding.clone());
        }
        r.push(Finding::info(
            ids::FAILURES_NOT_LISTED,
            format!(
                "{} more failed {} counted, not listed",
                thousands(d.unlisted.calls),
                plural(d.unlisted.calls, "call is", "calls are")
            ),
            format!("Only the first {MAX_FAILURES} distinct failures are listed one by one; the causes of the rest are among the findings above."),
        ));
    }
    for g in &d.groups {
        let rows = g
            .failures
            .iter()
            .map(|f| {
                let what = match f.chain_kind {
                    Some(ChainKind::Preflight) => "preflight, then: ",
                    Some(ChainKind::Redirect) => "redirects: ",
                    None => "",
                };
                vec![
                    f.started.clone(),
                    format!("{what}{}", f.chain.join(" ⇒ ")),
                    f.report
                        .most_likely()
                        .or_else(|| f.report.findings.first())
                        .map_or(String::new(), |x| x.title.clone()),
                    f.count.to_string(),
                ]
            })
            .collect();
        r.part(Part::Table {
            title: format!("Failures at {}", g.origin),
            columns: ["Started", "Request", "Most likely cause", "Calls"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }
    if !d.tokens.is_empty() {
        let rows = d
            .tokens
            .iter()
            .map(|t| {
                let uses = t
                    .uses
                    .iter()
                    .map(|u| {
                        format!(
                            "{} {} ({})",
                            u.at,
                            u.call,
                            match u.expired {
                                Some(true) => "expired",
                                Some(false) => "valid",
                                None => "expiry unknown",
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let more = if t.more_uses > 0 {
                    format!("; … and {} more", t.more_uses)
                } else {
                    String::new()
                };
                vec![
                    t.label.clone(),
                    t.exp
                        .map_or("no exp".into(), crate::engine::core::time::utc),
                    (t.uses.len() + t.more_uses).to_string(),
                    format!("{uses}{more}"),
                ]
            })
            .collect();
        r.part(Part::Table {
            title: "JWTs in this file".into(),
            columns: ["Token", "Expires", "Uses", "Each use"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }
    r
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
