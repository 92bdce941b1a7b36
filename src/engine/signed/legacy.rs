//! Signed URLs with a Unix `Expires`: AWS Signature V2 presigned URLs, Cloud Storage V2 signed
//! URLs and CloudFront signed URLs (canned or custom policy).

use super::query::Query;
use super::{fields, missing, time_row, Use, Window};
use crate::engine::core::finding::{Field, Finding, Report, SpecRef};
use crate::engine::core::{b64, text};
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The CloudFront policy cannot be decoded to JSON.
    pub const POLICY_UNREADABLE: FindingId = FindingId("signed.cloudfront_policy_unreadable");
    /// The CloudFront policy allows only some client addresses.
    pub const POLICY_IP: FindingId = FindingId("signed.cloudfront_ip");
}

/// Which Unix-expiry format a query is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// AWS Signature V2 (`AWSAccessKeyId`, `Expires`, `Signature`).
    AwsV2,
    /// Cloud Storage V2 (`GoogleAccessId`, `Expires`, `Signature`).
    GcsV2,
    /// CloudFront (`Key-Pair-Id`, `Signature`, `Expires` or `Policy`).
    CloudFront,
}

const CLOUDFRONT: SpecRef = SpecRef::new(
    "CloudFront: signed URLs",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-canned-policy.html",
);

/// Which of these formats the query is, if any.
pub fn recognise(q: &Query) -> Option<Kind> {
    let has = |n: &str| q.get(n).is_some();
    if has("Key-Pair-Id") && (has("Signature") || has("Policy") || has("Expires")) {
        Some(Kind::CloudFront)
    } else if has("AWSAccessKeyId") && (has("Signature") || has("Expires")) {
        Some(Kind::AwsV2)
    } else if has("GoogleAccessId") && (has("Signature") || has("Expires")) {
        Some(Kind::GcsV2)
    } else {
        None
    }
}

/// Reads the query, pushing findings and the fields part; returns the window to judge.
pub fn analyze(q: &Query, kind: Kind, u: &Use, r: &mut Report) -> Window {
    let (format, what, needed, spec, renew): (&str, &str, &[&str], SpecRef, &str) = match kind {
        Kind::AwsV2 => ("An AWS presigned URL (Signature V2)", "The presigned URL", &["AWSAccessKeyId", "Expires", "Signature"], SpecRef::new("Amazon S3: query string request authentication (V2)", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html#RESTAuthenticationQueryStringAuth"), "Presign a new URL; current SDKs sign with SigV4, which every region accepts."),
        Kind::GcsV2 => ("A Cloud Storage V2 signed URL", "The signed URL", &["GoogleAccessId", "Expires", "Signature"], SpecRef::new("Cloud Storage: V2 signing", "https://cloud.google.com/storage/docs/access-control/signed-urls-v2"), "Sign a new URL, preferably with V4 signing."),
        Kind::CloudFront => ("A CloudFront signed URL", "The CloudFront signed URL", &["Key-Pair-Id", "Signature"], CLOUDFRONT, "Sign a new URL with the key pair; the policy's DateLessThan (or Expires) must be in the future."),
    };
    let absent: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|n| q.get(n).is_none())
        .collect();
    if let Some(f) = missing(format, &absent, spec) {
        r.push(f);
    }
    let mut rows = vec![Field::new("Host", q.url.host.clone())];
    for id in ["AWSAccessKeyId", "GoogleAccessId", "Key-Pair-Id"] {
        if let Some(v) = q.value(id) {
            rows.push(Field::new(id, text::clip(v, 80)));
        }
    }
    let mut start = None;
    let mut end = q.value("Expires").and_then(|e| e.parse::<i64>().ok());
    if kind == Kind::CloudFront {
        if let Some(p) = q.value("Policy") {
            match policy(p) {
                Some(pol) => {
                    end = pol.less_than.or(end);
                    start = pol.greater_than;
                    if let Some(ip) = pol.ip {
                        rows.push(Field::new("Allowed client addresses", ip.clone()));
                        r.push(Finding::info(ids::POLICY_IP, format!("Only clients from {ip} may use it"), "The custom policy's IpAddress condition limits the URL to these addresses; requests from elsewhere (another network, a VPN, IPv6 instead of IPv4) get 403 Access Denied.").spec(SpecRef::new("CloudFront: custom policy", "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html")));
                    }
                    if let Some(res) = pol.resource {
                        rows.push(Field::new("Resource", text::clip(&res, 200)));
                    }
                }
                None => r.push(Finding::error(ids::POLICY_UNREADABLE, "The CloudFront policy cannot be read", "Policy should be the policy JSON in CloudFront's base64 (+ as -, = as _, / as ~). It does not decode, so CloudFront refuses the URL (MalformedPolicy or Access Denied).").fix("Copy the URL whole; build Policy with the SDK's signer, which applies CloudFront's substitutions.").spec(SpecRef::new("CloudFront: custom policy", "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html"))),
            }
        }
    }
    if let Some(s) = start {
        rows.push(time_row("Valid from", s, u.now));
    }
    if let Some(e) = end {
        rows.push(time_row("Expires", e, u.now));
    }
    fields(r, format, rows);
    r.push(Finding::info(super::ids::IDENTIFIED, format, "The query carries a signature: the URL itself is the credential until it expires, for whoever holds it.").spec(spec));
    Window {
        what,
        start,
        end,
        renew,
        spec,
    }
}

struct Policy {
    less_than: Option<i64>,
    greater_than: Option<i64>,
    ip: Option<String>,
    resource: Option<String>,
}

/// Decodes a CloudFront custom policy: base64 with `-`, `_`, `~` for `+`, `=`, `/`.
fn policy(p: &str) -> Option<Policy> {
    let std: String = p
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '=',
            '~' => '/',
            c => c,
        })
        .collect();
    let bytes = b64::decode(&std).ok()?.bytes;
    let v: Value = serde_json::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    let st = v.get("Statement")?.get(0)?;
    let cond = st.get("Condition");
    let epoch = |k: &str| {
        cond.and_then(|c| c.get(k))
            .and_then(|d| d.get("AWS:EpochTime"))
            .and_then(Value::as_i64)
    };
    Some(Policy {
        less_than: epoch("DateLessThan"),
        greater_than: epoch("DateGreaterThan"),
        ip: cond
            .and_then(|c| c.get("IpAddress"))
            .and_then(|d| d.get("AWS:SourceIp"))
            .and_then(Value::as_str)
            .map(|s| text::clip(s, 60)),
        resource: st.get("Resource").and_then(Value::as_str).map(String::from),
    })
}
