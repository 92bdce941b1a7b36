//! What storage servers say about time in their XML errors: the skew between the request's
//! time and theirs (RequestTimeTooSkewed), computed from the dates they send back.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::time;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The request's time is too far from the server's (RequestTimeTooSkewed), by this much.
    pub const TIME_SKEWED: FindingId = FindingId("signed.time_skewed");
}

/// The text of the first `<tag>…</tag>` in an XML body.
fn element<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let len = body.get(start..).unwrap_or_default().find("</")?;
    Some(body.get(start..start + len).unwrap_or_default().trim())
}

fn when(s: &str) -> Option<i64> {
    time::parse_iso8601(s).or_else(|| time::parse_http_date(s))
}

/// Findings from an error body's own times.
pub fn findings(body: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !body.contains("RequestTimeTooSkewed") {
        return out;
    }
    let req = element(body, "RequestTime").and_then(when);
    let srv = element(body, "ServerTime").and_then(when);
    let (title, why) = match req.zip(srv) {
        Some((a, b)) => (
            format!(
                "The request's clock is {} {} the server's",
                time::human_duration(a.abs_diff(b)),
                if a < b { "behind" } else { "ahead of" }
            ),
            format!(
                "The request was signed at {} and the server's time was {}. AWS allows 15 minutes either way (RequestTimeTooSkewed). A presigned URL is checked against X-Amz-Expires instead; this error means a header-signed request or a clock far off.",
                time::utc(a),
                time::utc(b)
            ),
        ),
        None => (
            "The request's clock is too far from the server's".to_string(),
            "AWS allows 15 minutes between the signed time and its own (RequestTimeTooSkewed).".to_string(),
        ),
    };
    out.push(
        Finding::error(ids::TIME_SKEWED, title, why)
            .fix("Sync the signing machine's clock (NTP; in containers and VMs the host's clock), then sign again.")
            .spec(SpecRef::new(
                "AWS: signature errors",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html",
            )),
    );
    out
}
