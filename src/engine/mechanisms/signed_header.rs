//! "The request signature we calculated does not match" after a signed header changed on the
//! way: a SigV4 signature covers the Host header and every header in SignedHeaders, so a reverse
//! proxy that passes another Host, a presigned URL whose host was edited afterwards, or a signed
//! header that proxies and servers rewrite (Accept-Encoding, User-Agent) makes every signature
//! differ although the keys are right.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};

/// What S3 and its compatibles (MinIO, Ceph, GCS interoperability) say.
const MISMATCH: &[&str] = &[
    "request signature we calculated does not match",
    "signaturedoesnotmatch",
];

/// Signs that the host was changed between signing and checking.
const HOST_CHANGED: &[&str] = &[
    "change the host",
    "changed the host",
    "replace the host",
    "replaced the host",
    "rewrite the host",
    "proxy_pass",
    "nginx",
    "reverse proxy",
    "traefik",
    "haproxy",
    "ingress",
];

/// Headers that proxies, servers and HTTP stacks add, change or drop on the way.
const VOLATILE: &[&str] = &[
    "accept-encoding",
    "user-agent",
    "connection",
    "transfer-encoding",
    "expect",
    "x-forwarded-for",
    "via",
];

/// The finding, when the paste shows a signature mismatch and what changed.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    if !MISMATCH.iter().any(|m| lower.contains(m)) {
        return None;
    }
    // A header in SignedHeaders that the way to the server may change.
    let volatile = lower
        .split("signedheaders=")
        .nth(1)
        .and_then(|r| r.split([',', ' ', '&', '\n']).next())
        .and_then(|list| {
            list.split(';')
                .find(|h| VOLATILE.contains(h))
                .map(str::to_string)
        });
    let (header, why) = match volatile {
        Some(h) => (h, "it is in SignedHeaders".to_string()),
        None => {
            let why = HOST_CHANGED.iter().find(|w| lower.contains(*w))?;
            // A proxy config that passes the Host on unchanged is not the cause.
            let passes_host = lines(text).any(|l| {
                let l = l.to_ascii_lowercase();
                l.contains("proxy_set_header") && l.contains("host") && l.contains("$http_host")
            });
            if passes_host {
                return None;
            }
            ("host".to_string(), format!("the paste shows \"{why}\""))
        }
    };
    let fix = if header == "host" {
        "Sign for the host the server will see: give the client the public endpoint (not an internal name) before presigning, and make the proxy pass the original Host (nginx: proxy_set_header Host $http_host;).".to_string()
    } else {
        format!("Leave {header} out of the signed headers (sign only host, x-amz-* and content headers; a newer client version may already do so), or make sure nothing between client and server changes it.")
    };
    Some(
        Finding::error(
            ids::SIGNED_HEADER_CHANGED,
            format!("The signature covers {header}, which changed on the way to the server"),
            format!("A SigV4 signature covers Host and every header in SignedHeaders. Here that includes {header} ({why}): a reverse proxy that passes its own upstream name as Host, a presigned URL whose host was replaced afterwards, or a proxy or server that rewrites or ignores {header}. The server computes the signature over what it received, so it never matches, however right the keys are."),
        )
        .fix(fix)
        .spec(SpecRef::new("AWS Signature Version 4: canonical headers", "https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// minio/minio-go#1046: the presigned URL's host replaced after signing.
    #[test]
    fn a_presigned_url_whose_host_was_replaced() {
        let paste = "the uri host returned by 'PresignedGetObject' or 'PresignedPutObject' api  is likely 'http://dockerhost:19001/......',i need to change the host to the real ip address or  domain name.\nBut after the change,it results 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'.";
        assert!(finding(paste).is_some());
        let kept = "proxy_set_header Host $http_host;\nnginx\nThe request signature we calculated does not match the signature you provided.";
        assert!(finding(kept).is_none());
    }

    /// minio/minio-java#1067: Accept-Encoding signed, and the storage leaves it out when it
    /// checks. nginx in front is not the cause here.
    #[test]
    fn a_volatile_header_in_signed_headers() {
        let paste = "Authorization: AWS4-HMAC-SHA256 Credential=*REDACTED*/20201008/us-east-1/s3/aws4_request, SignedHeaders=accept-encoding;content-md5;host;x-amz-content-sha256;x-amz-date, Signature=*REDACTED*\n\nHTTP/1.1 403\nServer: nginx\n\n<Code>SignatureDoesNotMatch</Code>";
        let f = finding(paste).unwrap();
        assert_eq!(f.id, ids::SIGNED_HEADER_CHANGED);
        assert!(f.fix.unwrap_or_default().contains("accept-encoding"));
    }
}
