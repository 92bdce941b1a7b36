//! AWS Signature Version 4 (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`).

use crate::engine::authparams::AuthItem;
use crate::engine::context::RequestInfo;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::{text, time};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The access key id has an unusual shape"
    pub const ACCESS_KEY_ID_UNUSUAL: FindingId = FindingId("sigv4.access_key_id_unusual");
    /// "Checking the signature needs the secret key"
    pub const CHECKING_SIGNATURE_NEEDS_SECRET: FindingId =
        FindingId("sigv4.checking_signature_needs_secret");
    /// "The Credential scope is malformed"
    pub const CREDENTIAL_SCOPE_MALFORMED: FindingId = FindingId("sigv4.credential_scope_malformed");
    /// "host is not signed"
    pub const HOST_NOT_SIGNED: FindingId = FindingId("sigv4.host_not_signed");
    /// "Missing {}"
    pub const MISSING: FindingId = FindingId("sigv4.missing");
    /// "No date header is signed"
    pub const NO_DATE_HEADER_SIGNED: FindingId = FindingId("sigv4.no_date_header_signed");
    /// "The scope date is not YYYYMMDD"
    pub const SCOPE_DATE_NOT_YYYYMMDD: FindingId = FindingId("sigv4.scope_date_not_yyyymmdd");
    /// "The scope does not end in aws4_request"
    pub const SCOPE_DOES_NOT_END: FindingId = FindingId("sigv4.scope_does_not_end");
    /// "The signature is from another day"
    pub const SIGNATURE_ANOTHER_DAY: FindingId = FindingId("sigv4.signature_another_day");
    /// "The signature is not 64 hex digits"
    pub const SIGNATURE_NOT_64_HEX: FindingId = FindingId("sigv4.signature_not_64_hex");
    /// "SignedHeaders must be lower-case and sorted"
    pub const SIGNEDHEADERS_MUST_LOWER_CASE: FindingId =
        FindingId("sigv4.signedheaders_must_lower_case");
    /// "Temporary key without X-Amz-Security-Token"
    pub const TEMPORARY_KEY_WITHOUT_X: FindingId = FindingId("sigv4.temporary_key_without_x");
    /// "X-Amz-Date is on another day than the scope"
    pub const X_AMZ_DATE_ANOTHER: FindingId = FindingId("sigv4.x_amz_date_another");
}

const SIGV4: SpecRef = SpecRef::new(
    "AWS SigV4: Authorization header",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html",
);

/// The credential scope: `AKID/20150830/us-east-1/iam/aws4_request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Access key id.
    pub key_id: String,
    /// `YYYYMMDD`.
    pub date: String,
    /// Region, e.g. `us-east-1`.
    pub region: String,
    /// Service, e.g. `s3`.
    pub service: String,
    /// Must be `aws4_request`.
    pub terminal: String,
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() != 5 {
            return Err(format!(
                "expected 5 parts key-id/date/region/service/aws4_request, found {}",
                parts.len()
            ));
        }
        Ok(Scope {
            key_id: parts[0].to_string(),
            date: parts[1].to_string(),
            region: parts[2].to_string(),
            service: parts[3].to_string(),
            terminal: parts[4].to_string(),
        })
    }
}

/// `YYYYMMDD` for a Unix time.
fn ymd(unix: i64) -> String {
    time::utc(unix)
        .get(..10)
        .unwrap_or_default()
        .replace('-', "")
}

/// Analyses a SigV4 Authorization value.
pub fn analyze(item: &AuthItem, req: &RequestInfo, now: Option<i64>) -> Report {
    let mut r = Report::new("An AWS Signature Version 4 signed request.");
    let cred = item.param("Credential");
    let signed = item.param("SignedHeaders");
    let sig = item.param("Signature");
    let missing: Vec<&str> = [
        ("Credential", cred),
        ("SignedHeaders", signed),
        ("Signature", sig),
    ]
    .iter()
    .filter(|(_, v)| v.is_none())
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        r.push(Finding::error(ids::MISSING, format!("Missing {}", missing.join(", ")), "A SigV4 header has Credential=, SignedHeaders= and Signature=, separated by commas.").fix("Let the AWS SDK sign the request instead of building the header by hand.").spec(SIGV4));
    }
    let mut rows = Vec::new();
    if let Some(c) = cred {
        match c.parse::<Scope>() {
            Ok(s) => {
                rows.push(Field::new("Access key id", s.key_id.clone()));
                rows.push(Field::new("Date", s.date.clone()));
                rows.push(Field::new("Region", s.region.clone()));
                rows.push(Field::new("Service", s.service.clone()));
                rows.push(Field::new("Terminal", s.terminal.clone()));
                if s.terminal != "aws4_request" {
                    r.push(
                        Finding::error(
                            ids::SCOPE_DOES_NOT_END,
                            "The scope does not end in aws4_request",
                            format!("It ends in \"{}\".", s.terminal),
                        )
                        .spec(SIGV4),
                    );
                }
                if s.date.len() != 8 || !s.date.bytes().all(|b| b.is_ascii_digit()) {
                    r.push(
                        Finding::error(
                            ids::SCOPE_DATE_NOT_YYYYMMDD,
                            "The scope date is not YYYYMMDD",
                            format!("It is \"{}\".", s.date),
                        )
                        .spec(SIGV4),
                    );
                }
                let aws_shape = (s.key_id.starts_with("AKIA") || s.key_id.starts_with("ASIA"))
                    && s.key_id.len() == 20;
                // S3-compatible services (MinIO, R2, Cloud Storage HMAC keys) have their own key id
                // shapes: only a request to AWS itself makes another shape a problem.
                let host = req.host().map(|h| h.to_ascii_lowercase());
                let to_aws = host
                    .as_deref()
                    .map(|h| h.ends_with(".amazonaws.com") || h.ends_with(".amazonaws.com.cn"));
                if !aws_shape && to_aws != Some(false) {
                    let why = format!("\"{}\": AWS key ids are 20 characters starting AKIA (long-term) or ASIA (temporary). Other S3-compatible services use other shapes.", text::visible(&s.key_id));
                    r.push(if to_aws == Some(true) {
                        Finding::warning(
                            ids::ACCESS_KEY_ID_UNUSUAL,
                            "The access key id has an unusual shape",
                            why,
                        )
                    } else {
                        Finding::info(
                            ids::ACCESS_KEY_ID_UNUSUAL,
                            "The access key id is not AWS-shaped",
                            why,
                        )
                    });
                } else if s.key_id.starts_with("ASIA")
                    && req.header("x-amz-security-token").is_none()
                    && !req.headers.is_empty()
                {
                    r.push(Finding::error(ids::TEMPORARY_KEY_WITHOUT_X, "Temporary key without X-Amz-Security-Token", "ASIA… keys come from STS and need the session token sent (and signed) as X-Amz-Security-Token.").fix("Add the session token header; the SDKs do this when given the full temporary credentials."));
                }
                if let Some(amz) = req.header("x-amz-date") {
                    if !amz.starts_with(&s.date) {
                        r.push(Finding::error(ids::X_AMZ_DATE_ANOTHER, "X-Amz-Date is on another day than the scope", format!("X-Amz-Date is {amz} but the scope date is {}. AWS rejects the signature.", s.date)).fix("Build the scope from the same timestamp as X-Amz-Date.").spec(SIGV4));
                    }
                }
                if let Some(now) = now {
                    let today = ymd(now);
                    if s.date != today
                        && s.date != ymd(now.saturating_sub(86_400))
                        && s.date != ymd(now.saturating_add(86_400))
                    {
                        r.push(Finding::warning(ids::SIGNATURE_ANOTHER_DAY,
                            "The signature is from another day",
                            format!("The scope date is {} but today (UTC) is {today}. AWS accepts a request only within 15 minutes of its X-Amz-Date: an old pasted request fails with \"Signature expired\", a skewed clock with RequestTimeTooSkewed.", s.date),
                        ).fix("Sign the request again now; sync the signer's clock (NTP)."));
                    }
                }
            }
            Err(e) => r.push(
                Finding::error(
                    ids::CREDENTIAL_SCOPE_MALFORMED,
                    "The Credential scope is malformed",
                    format!("{e}."),
                )
                .spec(SIGV4),
            ),
        }
    }
    if let Some(sh) = signed {
        rows.push(Field::new("Signed headers", sh.replace(';', ", ")));
        let names: Vec<&str> = sh.split(';').collect();
        if !names.contains(&"host") {
            r.push(
                Finding::error(
                    ids::HOST_NOT_SIGNED,
                    "host is not signed",
                    "SigV4 requires the Host header to be signed.",
                )
                .fix("Include host in SignedHeaders.")
                .spec(SIGV4),
            );
        }
        if !names.contains(&"x-amz-date") && !names.contains(&"date") {
            r.push(Finding::warning(ids::NO_DATE_HEADER_SIGNED, "No date header is signed", "Neither x-amz-date nor date is in SignedHeaders, so the signature time cannot be checked; AWS requires one.").spec(SIGV4));
        }
        if names.windows(2).any(|w| w[0] > w[1])
            || names
                .iter()
                .any(|n| n.bytes().any(|b| b.is_ascii_uppercase()))
        {
            r.push(Finding::error(ids::SIGNEDHEADERS_MUST_LOWER_CASE, "SignedHeaders must be lower-case and sorted", format!("\"{sh}\" is not. The server builds the canonical request from the sorted list, so the signatures differ.")).spec(SIGV4));
        }
    }
    if let Some(s) = sig {
        rows.push(Field::new("Signature", s));
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            r.push(
                Finding::error(
                    ids::SIGNATURE_NOT_64_HEX,
                    "The signature is not 64 hex digits",
                    format!(
                        "Found {} characters; HMAC-SHA256 gives 64 hex digits.",
                        s.len()
                    ),
                )
                .spec(SIGV4),
            );
        }
    }
    r.part(Part::Fields {
        title: "SigV4".to_string(),
        rows,
    });
    r.push(Finding::info(ids::CHECKING_SIGNATURE_NEEDS_SECRET, "Checking the signature needs the secret key", "authlens checks the structure. A SignatureDoesNotMatch error usually means the canonical request differs: compare the CanonicalRequest in the error response with what your code signed (path encoding, query order, signed header values)."));
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::authparams;

    fn run(v: &str, now: Option<i64>) -> Report {
        analyze(
            &authparams::parse(v).items.remove(0),
            &RequestInfo::default(),
            now,
        )
    }

    #[test]
    fn aws_example_scope() {
        let r = run("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024", None);
        assert!(r.errors().is_empty(), "{:?}", r.findings);
        assert!(r.parts.iter().any(|p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.label == "Region" && f.value == "us-east-1"))));
        // 2013-05-24 signature judged in 2026.
        assert!(run("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024", Some(1_790_000_000)).has_id("sigv4.signature_another_day"));
    }

    #[test]
    fn malformed() {
        let r = run("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam, SignedHeaders=x-amz-date;Host, Signature=abc", None);
        assert!(r.has_id("sigv4.credential_scope_malformed"));
        assert!(r.has_id("sigv4.host_not_signed"));
        assert!(r.has_id("sigv4.signedheaders_must_lower_case"));
        assert!(r.has_id("sigv4.signature_not_64_hex"));
    }

    #[test]
    fn amz_date_mismatch() {
        let req = RequestInfo {
            headers: vec![crate::engine::http::Header {
                name: "X-Amz-Date".into(),
                value: "20150831T000000Z".into(),
            }],
            ..RequestInfo::default()
        };
        let item = authparams::parse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLEAKIDEXAMP/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7").items.remove(0);
        assert!(analyze(&item, &req, None).has_id("sigv4.x_amz_date_another"));
    }

    #[test]
    fn other_key_id_shapes_matter_only_at_aws() {
        // MinIO's public play server key (https://min.io docs), sent to MinIO and to S3.
        let v = "AWS4-HMAC-SHA256 Credential=Q3AM3UQ867SPQQA43P2F/20190710/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=c4dcdc1b3d49a33b231151f760fb54f07606f0c0016c002847cd646d94d0c34b";
        let to = |host: &str| {
            let req = RequestInfo {
                headers: vec![crate::engine::http::Header {
                    name: "Host".into(),
                    value: host.into(),
                }],
                target: Some("/testfiles/NA18537.vcf.gz".into()),
                ..RequestInfo::default()
            };
            analyze(&authparams::parse(v).items.remove(0), &req, None)
        };
        assert!(!to("play.min.io:9000").has(ids::ACCESS_KEY_ID_UNUSUAL));
        let aws = to("examplebucket.s3.amazonaws.com");
        let f = aws
            .findings
            .iter()
            .find(|f| f.id == ids::ACCESS_KEY_ID_UNUSUAL);
        assert_eq!(
            f.map(|f| f.severity),
            Some(crate::engine::Severity::Warning)
        );
        let alone = run(v, None);
        let f = alone
            .findings
            .iter()
            .find(|f| f.id == ids::ACCESS_KEY_ID_UNUSUAL);
        assert_eq!(f.map(|f| f.severity), Some(crate::engine::Severity::Info));
    }
}
