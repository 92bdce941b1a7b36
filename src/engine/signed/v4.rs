//! Query-signed V4 URLs: AWS SigV4 presigned URLs (`X-Amz-*`) and Google Cloud Storage V4
//! signed URLs (`X-Goog-*`), which share one design.

use super::query::Query;
use super::{fields, ids as common, missing, time_row, Use, Window};
use crate::engine::core::finding::{Field, Finding, Report, SpecRef};
use crate::engine::core::{text, time};
use crate::engine::credential::aws::{self as sigv4, Scope};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The scope's region is not the one the host serves.
    pub const REGION_MISMATCH: FindingId = FindingId("signed.region_mismatch");
    /// The algorithm is not one the format defines.
    pub const ALGORITHM: FindingId = FindingId("signed.algorithm");
    /// Signed with temporary credentials: the URL dies with the session, whatever it says.
    pub const SESSION_LIMITS_EXPIRY: FindingId = FindingId("signed.session_limits_expiry");
}

/// Which V4 format a query is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// AWS SigV4 query signing.
    Aws,
    /// Google Cloud Storage V4 signing.
    Gcs,
}

struct Spec {
    prefix: &'static str,
    what: &'static str,
    algorithms: &'static [&'static str],
    terminal: &'static str,
    doc: SpecRef,
    renew: &'static str,
}

const AWS: Spec = Spec {
    prefix: "X-Amz-",
    what: "The presigned URL",
    algorithms: &["AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"],
    terminal: "aws4_request",
    doc: SpecRef::new(
        "AWS SigV4: query string authentication",
        "https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html",
    ),
    renew: "Presign a new URL just before it is used (aws s3 presign, or the SDK's presigner); X-Amz-Expires is at most 604800 (7 days).",
};

const GCS: Spec = Spec {
    prefix: "X-Goog-",
    what: "The signed URL",
    algorithms: &["GOOG4-RSA-SHA256", "GOOG4-HMAC-SHA256"],
    terminal: "goog4_request",
    doc: SpecRef::new(
        "Cloud Storage: V4 signing",
        "https://cloud.google.com/storage/docs/access-control/signed-urls",
    ),
    renew: "Sign a new URL (gcloud storage sign-url, or the client library's generate_signed_url with version v4); Cloud Storage answers ExpiredToken for an old one.",
};

/// Which V4 format the query is, if any.
pub fn recognise(q: &Query) -> Option<Kind> {
    let has = |p: &str| {
        ["Algorithm", "Credential", "Signature"]
            .iter()
            .any(|n| q.get(&format!("{p}{n}")).is_some())
    };
    if has("X-Amz-") {
        Some(Kind::Aws)
    } else if has("X-Goog-") {
        Some(Kind::Gcs)
    } else {
        None
    }
}

/// The region a regional AWS host names (`bucket.s3.eu-west-1.amazonaws.com`), if any.
pub fn host_region(host: &str) -> Option<&str> {
    let labels: Vec<&str> = host.strip_suffix(".amazonaws.com")?.split('.').collect();
    let region =
        |l: &&&str| l.contains('-') && l.bytes().last().is_some_and(|b| b.is_ascii_digit());
    labels
        .iter()
        .rev()
        .find(region)
        .map(|l| l.strip_prefix("s3-").unwrap_or(l))
}

/// Reads the query, pushing findings and the fields part; returns the window to judge.
pub fn analyze(q: &Query, kind: Kind, u: &Use, r: &mut Report) -> Window {
    let s = match kind {
        Kind::Aws => &AWS,
        Kind::Gcs => &GCS,
    };
    let p = |n: &str| q.value(&format!("{}{n}", s.prefix));
    let format = match kind {
        Kind::Aws if q.url.host.ends_with("storage.googleapis.com") => {
            "A Cloud Storage URL signed with an HMAC key (SigV4 form)"
        }
        Kind::Aws => "An AWS presigned URL (SigV4)",
        Kind::Gcs => "A Cloud Storage V4 signed URL",
    };
    let absent: Vec<&str> = [
        "Algorithm",
        "Credential",
        "Date",
        "Expires",
        "SignedHeaders",
        "Signature",
    ]
    .into_iter()
    .filter(|n| p(n).is_none())
    .collect();
    let names: Vec<String> = absent.iter().map(|n| format!("{}{n}", s.prefix)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if let Some(f) = missing(format, &names, s.doc) {
        r.push(f);
    }
    let mut rows = vec![Field::new("Host", q.url.host.clone())];
    if let Some(a) = p("Algorithm") {
        rows.push(Field::new("Algorithm", a));
        if !s.algorithms.contains(&a) {
            r.push(
                Finding::error(
                    ids::ALGORITHM,
                    format!("{}Algorithm is \"{}\"", s.prefix, text::clip(a, 40)),
                    format!("This format is signed with {}.", s.algorithms.join(" or ")),
                )
                .fix("Let the SDK build the URL.")
                .spec(s.doc),
            );
        }
    }
    let scope = p("Credential").map(str::parse::<Scope>);
    let date = p("Date").and_then(time::parse_iso8601);
    let expires = p("Expires").and_then(|e| e.parse::<i64>().ok());
    if let Some(Ok(sc)) = &scope {
        rows.push(Field::new("Key", sc.key_id.clone()));
        rows.push(Field::new("Region", sc.region.clone()));
        rows.push(Field::new("Service", sc.service.clone()));
        if sc.terminal != s.terminal {
            r.push(
                Finding::error(
                    sigv4::ids::SCOPE_DOES_NOT_END,
                    format!("The scope does not end in {}", s.terminal),
                    format!("It ends in \"{}\".", text::clip(&sc.terminal, 40)),
                )
                .spec(s.doc),
            );
        }
        if let Some(d) = p("Date") {
            if !d.starts_with(&sc.date) {
                r.push(Finding::error(sigv4::ids::X_AMZ_DATE_ANOTHER, format!("{}Date is on another day than the scope", s.prefix), format!("{}Date is {} but the scope date is {}, so the server rejects the signature.", s.prefix, text::clip(d, 40), text::clip(&sc.date, 40))).fix("Build the scope from the same timestamp as the date.").spec(s.doc));
            }
        }
        if kind == Kind::Aws {
            aws_checks(q, sc, expires, r);
        }
    } else if let Some(Err(e)) = &scope {
        r.push(Finding::error(sigv4::ids::CREDENTIAL_SCOPE_MALFORMED, format!("{}Credential is malformed", s.prefix), format!("{e}. A %2F that was decoded and re-encoded on the way, or a cut URL, does this.")).spec(s.doc));
    }
    if let Some(d) = date {
        rows.push(time_row("Signed at", d, u.now));
    }
    if let Some(e) = expires {
        rows.push(Field::new(
            "Expires after",
            time::human_duration(e.unsigned_abs()),
        ));
        if e > 604_800 {
            r.push(Finding::error(common::EXPIRY_TOO_LONG, format!("{}Expires is longer than 7 days ({})", s.prefix, time::human_duration(e.unsigned_abs())), "V4 signed URLs live at most 604800 seconds; the server refuses a longer one outright (AWS: AuthorizationQueryParametersError, X-Amz-Expires must be less than a week).").fix("Ask for 604800 seconds or less; for longer access use a CDN signed URL or make the object public.").spec(s.doc));
        }
    }
    if let Some(sh) = p("SignedHeaders") {
        rows.push(Field::new("Signed headers", sh.replace(';', ", ")));
        signed_headers(sh, s, u, r);
    }
    if let Some(sig) = p("Signature") {
        let hex = !sig.is_empty() && sig.bytes().all(|b| b.is_ascii_hexdigit());
        let ok = match kind {
            Kind::Aws => sig.len() == 64 && hex,
            Kind::Gcs => hex && sig.len() >= 64,
        };
        if !ok {
            r.push(Finding::error(sigv4::ids::SIGNATURE_NOT_64_HEX, format!("{}Signature is not hex of the right length", s.prefix), format!("Found {} characters; the signature is hex (64 digits for HMAC-SHA256). A cut or edited URL fails with SignatureDoesNotMatch.", sig.len())).fix("Copy the whole URL as issued.").spec(s.doc));
        }
    }
    fields(r, format, rows);
    r.push(Finding::info(common::IDENTIFIED, format, "The query carries a signature over the method, path, signed headers and query: the URL itself is the credential, so whoever holds it can use it until it expires. No Authorization header is needed (and S3 refuses a request that has both).").spec(s.doc));
    let end = date.zip(expires).map(|(d, e)| d.saturating_add(e));
    Window {
        what: s.what,
        // AWS refuses a date more than 15 minutes ahead of its clock (Request is not yet valid).
        start: date.map(|d| d.saturating_sub(900)),
        end,
        renew: s.renew,
        spec: s.doc,
    }
}

fn aws_checks(q: &Query, sc: &Scope, expires: Option<i64>, r: &mut Report) {
    let token = q.get("X-Amz-Security-Token").is_some();
    if sc.key_id.starts_with("ASIA") && !token {
        r.push(Finding::error(sigv4::ids::TEMPORARY_KEY_WITHOUT_X, "Temporary key without X-Amz-Security-Token", "ASIA… keys come from STS; a URL presigned with one needs the session token in X-Amz-Security-Token, or AWS answers InvalidAccessKeyId.").fix("Presign with the full temporary credentials (key id, secret and session token); the SDKs add the token when given it.").spec(AWS.doc));
    }
    if (sc.key_id.starts_with("ASIA") || token) && expires.is_some_and(|e| e > 3600) {
        r.push(Finding::warning(ids::SESSION_LIMITS_EXPIRY, "Signed with temporary credentials: the URL dies with the session", "A URL presigned with role or SSO credentials stops working when that session ends (often after 1 to 12 hours), even if X-Amz-Expires says days. It then fails with ExpiredToken or \"The provided token has expired\".").fix("Presign with an IAM user's long-term key (AKIA…) for URLs that must live up to 7 days, or presign on demand.").spec(SpecRef::new("Amazon S3: who can create a presigned URL", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html#who-presigned-url")));
    }
    if let Some(region) = host_region(&q.url.host) {
        if region != sc.region && !sc.region.is_empty() {
            r.push(Finding::error(ids::REGION_MISMATCH, format!("Signed for {} but sent to {region}", text::clip(&sc.region, 30)), format!("The host {} serves {region}; the signature's scope names {}. S3 answers AuthorizationHeaderMalformed or SignatureDoesNotMatch.", q.url.host, text::clip(&sc.region, 30))).fix(format!("Create the client that presigns with region {region} (the bucket's region).")).spec(AWS.doc));
        }
    }
}

fn signed_headers(sh: &str, s: &Spec, u: &Use, r: &mut Report) {
    let extra: Vec<&str> = sh
        .split(';')
        .filter(|h| !h.is_empty() && *h != "host")
        .take(20)
        .collect();
    if extra.is_empty() {
        return;
    }
    match u.headers {
        Some(_) => {
            let absent: Vec<&str> = extra.iter().copied().filter(|h| u.sent(h) == Some(false)).collect();
            if !absent.is_empty() {
                r.push(Finding::error(common::HEADER_NOT_SENT, format!("The request does not send {}, which the signature covers", absent.join(", ")), format!("The URL was signed over these headers; the server rebuilds the signature from what arrives, so a missing or different value gives SignatureDoesNotMatch ({}SignedHeaders={sh}).", s.prefix)).fix(format!("Send {} with exactly the value used when signing (for uploads, the same Content-Type), or presign without it.", absent.join(", "))).spec(s.doc));
            }
        }
        None => r.push(Finding::info(common::HEADERS_TO_SEND, format!("Whoever uses this URL must send {}", extra.join(", ")), "The signature covers these headers besides host: a request without them, or with other values (a browser's own Content-Type on upload), fails with SignatureDoesNotMatch.").fix("Send the same header values that were given when signing.").spec(s.doc)),
    }
}
