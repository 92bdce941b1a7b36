//! URLs that carry their own credentials: presigned and signed URLs (AWS SigV4 and V2, Google
//! Cloud Storage V4 and V2, CloudFront), Azure shared access signatures, and API keys or tokens
//! put in the query. Decided from the URL, the request that used it and the response's Date.

pub mod azure;
pub mod keys;
pub mod legacy;
pub mod query;
pub mod server;
pub mod v4;

use crate::engine::context::{Context, RequestInfo};
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::header::Header;
use crate::engine::core::method::Method;
use crate::engine::core::time;
use query::Query;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "An AWS presigned URL (SigV4)": which format, its scope and window.
    pub const IDENTIFIED: FindingId = FindingId("signed.identified");
    /// The signed URL's window had closed when it was used.
    pub const EXPIRED: FindingId = FindingId("signed.expired");
    /// The signed URL's window had not opened yet when it was used.
    pub const NOT_YET_VALID: FindingId = FindingId("signed.not_yet_valid");
    /// The signed URL is inside its window.
    pub const IN_WINDOW: FindingId = FindingId("signed.in_window");
    /// The expiry asked for is longer than the format allows (7 days for V4).
    pub const EXPIRY_TOO_LONG: FindingId = FindingId("signed.expiry_too_long");
    /// A header the signature covers was not sent with the request.
    pub const HEADER_NOT_SENT: FindingId = FindingId("signed.header_not_sent");
    /// Headers the signature covers, which whoever uses the URL must send.
    pub const HEADERS_TO_SEND: FindingId = FindingId("signed.headers_to_send");
    /// A parameter the format needs is missing from the query.
    pub const MISSING_PARAM: FindingId = FindingId("signed.missing_param");
    /// A cache answered with the object after the URL had expired.
    pub const SERVED_AFTER_EXPIRY: FindingId = FindingId("signed.served_after_expiry");
}

/// What is known about the use of a URL, beyond the URL itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Use<'a> {
    /// The request method, when a request line or curl command says.
    pub method: Option<&'a Method>,
    /// The request's headers; `None` when the URL was pasted on its own.
    pub headers: Option<&'a [Header]>,
    /// The time to judge by.
    pub now: Option<i64>,
    /// Allowed clock skew in seconds.
    pub leeway: i64,
    /// Whether `now` is the response's Date rather than this device's clock.
    pub by_response: bool,
    /// The response's status and headers, when pasted.
    pub response: Option<(u16, &'a [Header])>,
    /// The response's body, when pasted.
    pub body: Option<&'a str>,
}

impl Use<'_> {
    /// The method the URL is used with: the one given, else GET (a pasted link is opened).
    pub fn method(&self) -> Method {
        self.method.cloned().unwrap_or_default()
    }

    /// Whether the request sent a header, by case-insensitive name.
    pub fn sent(&self, name: &str) -> Option<bool> {
        self.headers.map(|hs| hs.iter().any(|h| h.is(name)))
    }
}

/// When a signed URL may be used, as its format reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// "The presigned URL", "The SAS"…
    pub what: &'static str,
    /// Not usable before this time.
    pub start: Option<i64>,
    /// Not usable after this time.
    pub end: Option<i64>,
    /// What to do to get a fresh one.
    pub renew: &'static str,
    /// The vendor's page on this.
    pub spec: SpecRef,
}

/// Whether the text is one URL whose query carries a signature or a credential.
pub fn is_credential_url(text: &str) -> bool {
    query::parse(text).is_some_and(|q| carries_credential(&q))
}

/// Whether a parsed URL carries a signature or a credential.
pub fn carries_credential(q: &Query) -> bool {
    v4::recognise(q).is_some()
        || legacy::recognise(q).is_some()
        || azure::recognise(q)
        || !keys::found(q).is_empty()
}

/// Whether a request target (absolute URL, or path with the Host given) carries credentials.
pub fn url_has_credential(url: &str) -> bool {
    is_credential_url(url)
}

/// Everything the URL's query says, for a request used as `u` describes.
pub fn findings(url: &str, u: &Use) -> Report {
    let mut r = Report::default();
    let Some(q) = query::parse(url) else { return r };
    let window = if let Some(kind) = v4::recognise(&q) {
        Some(v4::analyze(&q, kind, u, &mut r))
    } else if let Some(kind) = legacy::recognise(&q) {
        Some(legacy::analyze(&q, kind, u, &mut r))
    } else if azure::recognise(&q) {
        Some(azure::analyze(&q, u, &mut r))
    } else {
        None
    };
    if let Some(w) = window {
        for f in window_findings(&w, u) {
            r.push(f);
        }
    }
    keys::analyze(&q, u, window.is_some(), &mut r);
    r
}

/// Findings for the URL a request went to: its signature or keys judged by `now`, with the
/// response's status, headers and body when pasted.
pub fn for_request(
    info: &RequestInfo,
    response: Option<(Option<u16>, &[Header], &str)>,
    clock: Clock,
    by_response: bool,
) -> Report {
    let mut r = Report::default();
    if let Some(url) = info.url() {
        let u = Use {
            method: info.method.as_ref(),
            headers: Some(&info.headers),
            now: clock.now,
            leeway: clock.leeway,
            by_response,
            response: response.and_then(|(s, h, _)| s.map(|s| (s, h))),
            body: response.map(|(_, _, b)| b),
        };
        r.absorb(findings(&url, &u));
    }
    r
}

/// Drops what another analysis said about the same cause in words that would contradict this
/// module's finding (an OpenAI key at Azure is not "in the wrong header").
pub fn settle(r: &mut Report) {
    if r.has(keys::ids::OPENAI_KEY_AT_AZURE) {
        r.findings
            .retain(|f| f.id != crate::engine::credential::known_token::ids::WRONG_HEADER);
    }
}

/// A URL pasted on its own: what it carries, judged by this device's clock.
pub fn analyze(text: &str, ctx: &Context) -> Report {
    let u = Use {
        now: ctx.clock.now,
        leeway: ctx.clock.leeway,
        ..Use::default()
    };
    let mut r = findings(text.trim(), &u);
    r.summary = "A URL that carries its own credentials.".into();
    r
}

/// Not yet valid, expired (by how much), or inside the window; and a cache that answered late.
pub fn window_findings(w: &Window, u: &Use) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(now) = u.now else { return out };
    let clock = if u.by_response {
        "the response's Date"
    } else {
        "this device's clock"
    };
    let ago = |t: i64| time::human_duration(now.abs_diff(t));
    let served = u.response.filter(|(s, _)| (200..300).contains(s));
    match (w.start, w.end) {
        (_, Some(end)) if now > end.saturating_add(u.leeway) => {
            if let Some((_, headers)) = served {
                let cached = headers.iter().any(|h| {
                    h.is("age")
                        || (h.is("x-cache") || h.is("cf-cache-status"))
                            && h.value.to_ascii_lowercase().contains("hit")
                });
                if cached {
                    out.push(Finding::warning(ids::SERVED_AFTER_EXPIRY,
                        format!("A cache served this URL {} after it expired", ago(end)),
                        format!("{} ended at {}, yet the response is a success from a cache (Age or X-Cache: Hit). The cache did not check the signature: anyone holding the URL gets the object until the cache evicts it, and a fresh URL may be served a stale copy.", w.what, time::utc(end)),
                    ).fix("Do not cache signed responses past their expiry: Cache-Control: private, max-age no longer than the URL lives, or leave the signature out of the cache key only for public objects.").spec(w.spec));
                    return out;
                }
            }
            out.push(
                Finding::error(
                    ids::EXPIRED,
                    format!("{} expired {} ago", w.what, ago(end)),
                    format!(
                        "It was valid until {}; by {clock} it is {}. The server refuses it whatever the permissions.",
                        time::utc(end),
                        time::utc(now)
                    ),
                )
                .fix(w.renew)
                .spec(w.spec),
            );
        }
        (Some(start), _) if now < start.saturating_sub(u.leeway) => out.push(
            Finding::error(
                ids::NOT_YET_VALID,
                format!("{} is not valid for another {}", w.what, ago(start)),
                format!(
                    "It starts at {}; by {clock} it is {}. A start time of \"now\" taken from a clock running ahead of the server's fails like this.",
                    time::utc(start),
                    time::utc(now)
                ),
            )
            .fix("Leave the start time out, or set it 15 minutes in the past; sync the signing machine's clock (NTP).")
            .spec(w.spec),
        ),
        (_, Some(end)) => out.push(Finding::ok(
            ids::IN_WINDOW,
            format!("{} is valid for {} more", w.what, ago(end)),
            format!("Valid until {} by {clock}.", time::utc(end)),
        )),
        _ => {}
    }
    out
}

/// The fields row for a time, with how far it is from now.
fn time_row(label: &str, t: i64, now: Option<i64>) -> Field {
    let when = match now {
        Some(n) => format!("{} ({})", time::utc(t), time::relative(t, n)),
        None => time::utc(t),
    };
    Field::new(label, when)
}

/// A "Missing X" finding for a signed URL's absent parameters.
fn missing(what: &str, names: &[&str], spec: SpecRef) -> Option<Finding> {
    (!names.is_empty()).then(|| {
        Finding::error(
            ids::MISSING_PARAM,
            format!("The {what} lacks {}", names.join(", ")),
            "The server cannot check a signature without these, and refuses the request (AWS: AuthorizationQueryParametersError).",
        )
        .fix("Copy the whole URL as issued: a query cut at an & or a shell that ate the part after & loses them (quote the URL).")
        .spec(spec)
    })
}

/// The fields part every format shows.
fn fields(r: &mut Report, title: &str, rows: Vec<Field>) {
    r.part(Part::Fields {
        title: title.to_string(),
        rows,
    });
}

#[cfg(test)]
mod tests;
