//! Which entries failed, and which belong together: a preflight and the request it guarded, the
//! hops of a redirect. Pure decisions on the entries; nothing is explained here.

use super::model::{header, Entry};
use crate::engine::core::url::parse_url;
use std::collections::{HashMap, VecDeque};

/// Why an entry counts as a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failed {
    /// 401, 403 or 407.
    Auth(u16),
    /// An OPTIONS preflight that did not get a 2xx.
    Preflight,
    /// The browser blocked a cross-origin response (status 0/-1, or Chromium's `_error`).
    Cors,
}

/// Whether an entry is a CORS preflight.
pub fn is_preflight(e: &Entry) -> bool {
    e.request.method.eq_ignore_ascii_case("OPTIONS")
        && e.req_header("access-control-request-method").is_some()
}

/// The origin of a URL, or the URL itself when it is not http(s).
pub fn origin_of(url: &str) -> String {
    parse_url(url).map_or_else(|_| url.to_string(), |u| u.origin())
}

/// The request was sent from another origin (it carries `Origin` naming a different one).
fn cross_origin(e: &Entry) -> bool {
    e.req_header("origin")
        .is_some_and(|o| o != "null" && o.trim_end_matches('/') != origin_of(&e.request.url))
}

/// Whether and why an entry failed. A status of 0 or -1 with no response is a CORS failure when
/// the request was cross-origin or Chromium recorded `net::ERR_FAILED` (what it records for
/// CORS); other network errors are not authentication failures.
pub fn failed(e: &Entry) -> Option<Failed> {
    let status = e.response.status;
    let blocked_error = e
        .failure()
        .is_some_and(|x| x.contains("ERR_FAILED") || x.to_ascii_lowercase().contains("cors"));
    if is_preflight(e) && !(200..300).contains(&status) {
        return Some(Failed::Preflight);
    }
    if let 401 | 403 | 407 = status {
        return Some(Failed::Auth(status as u16));
    }
    if status <= 0 && (cross_origin(e) || blocked_error) {
        return Some(Failed::Cors);
    }
    if blocked_error && cross_origin(e) {
        return Some(Failed::Cors);
    }
    None
}

/// Where a redirect points, resolved against the request URL.
pub fn redirect_target(e: &Entry) -> Option<String> {
    if !(300..400).contains(&e.response.status) {
        return None;
    }
    let to = Some(e.response.redirect_url.as_str())
        .filter(|s| !s.is_empty())
        .or_else(|| e.resp_header("location"))?;
    if to.contains("://") {
        return Some(to.to_string());
    }
    let base = &e.request.url;
    let origin = origin_of(base);
    Some(if to.starts_with('/') {
        format!("{origin}{to}")
    } else {
        let dir = base.rsplit_once('/').map_or(base.as_str(), |(d, _)| d);
        format!("{dir}/{to}")
    })
}

/// Entries grouped into chains, each in time order: a redirect's hops, or a preflight followed
/// by the request it guarded; every other entry is a chain of one. `order` is the entries'
/// indices sorted by start time.
pub fn chains(entries: &[Entry], order: &[usize]) -> Vec<Vec<usize>> {
    // Later entries by URL, to find the next hop or the guarded request in one pass; and by URL
    // and method, for the request a preflight guarded (a scan of the URL's entries for the
    // method was quadratic when one URL had thousands of preflights).
    let mut by_url: HashMap<&str, VecDeque<usize>> = HashMap::new();
    let mut by_method: HashMap<&str, HashMap<String, VecDeque<usize>>> = HashMap::new();
    for (pos, &i) in order.iter().enumerate() {
        let r = &entries[i].request;
        by_url.entry(r.url.as_str()).or_default().push_back(pos);
        by_method
            .entry(r.url.as_str())
            .or_default()
            .entry(r.method.to_ascii_uppercase())
            .or_default()
            .push_back(pos);
    }
    let mut used = vec![false; order.len()];
    let mut out = Vec::new();
    for pos in 0..order.len() {
        if used[pos] {
            continue;
        }
        used[pos] = true;
        let mut chain = vec![order[pos]];
        let mut at = pos;
        // Each step takes a later, unused entry: at most one step per entry.
        loop {
            let e = &entries[order[at]];
            let preflight = is_preflight(e);
            let next_url = if preflight {
                Some(e.request.url.clone())
            } else {
                redirect_target(e)
            };
            let Some(url) = next_url else { break };
            let Some(queue) = by_url.get_mut(url.as_str()) else {
                break;
            };
            while queue.front().is_some_and(|&p| p <= at || used[p]) {
                queue.pop_front();
            }
            let Some(&first) = queue.front() else { break };
            let next = if preflight {
                // The first entry of the URL's queue with the method the preflight asked for.
                let method = e
                    .req_header("access-control-request-method")
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                let Some(same) = by_method
                    .get_mut(url.as_str())
                    .and_then(|m| m.get_mut(&method))
                else {
                    break;
                };
                // The URL's queue only loses its front, so what is before `first` is gone for good.
                while same.front().is_some_and(|&p| p < first || used[p]) {
                    same.pop_front();
                }
                same.front().copied()
            } else {
                Some(first)
            };
            let Some(p) = next else { break };
            used[p] = true;
            chain.push(order[p]);
            at = p;
        }
        out.push(chain);
    }
    out
}

/// What a redirect hop dropped that the hop before it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The hop (index in the chain) that no longer carried it.
    pub hop: usize,
    /// `Authorization` was dropped.
    pub authorization: bool,
    /// `Cookie` was dropped.
    pub cookies: bool,
    /// The hop went to another origin (browsers then drop Authorization by design).
    pub cross_origin: bool,
}

/// The hops of a redirect chain that lost Authorization or cookies.
pub fn lost(entries: &[Entry], chain: &[usize]) -> Vec<Lost> {
    chain
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| {
            let (a, b) = (&entries[w[0]], &entries[w[1]]);
            if is_preflight(a) {
                return None;
            }
            let has = |e: &Entry, n: &str| header(&e.request.headers, n).is_some();
            let authorization = has(a, "authorization") && !has(b, "authorization");
            let cookies = has(a, "cookie") && !has(b, "cookie");
            (authorization || cookies).then(|| Lost {
                hop: i + 1,
                authorization,
                cookies,
                cross_origin: origin_of(&a.request.url) != origin_of(&b.request.url),
            })
        })
        .collect()
}
