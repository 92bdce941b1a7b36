//! The registered (and common unregistered) HTTP authentication schemes.

use super::finding::SpecRef;

/// What a scheme is, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemeInfo {
    /// Canonical spelling.
    pub name: &'static str,
    /// One line saying what it is.
    pub meaning: &'static str,
    /// Where it is defined.
    pub spec: SpecRef,
}

const fn s(
    name: &'static str,
    meaning: &'static str,
    label: &'static str,
    url: &'static str,
) -> SchemeInfo {
    SchemeInfo {
        name,
        meaning,
        spec: SpecRef::new(label, url),
    }
}

/// Every scheme authlens knows by name.
pub const SCHEMES: &[SchemeInfo] = &[
    s("Basic", "user-id and password, base64-encoded (readable by anyone who sees it: use only over HTTPS)", "RFC 7617", "https://www.rfc-editor.org/rfc/rfc7617"),
    s("Bearer", "an OAuth 2.0 access token: whoever holds it is let in", "RFC 6750", "https://www.rfc-editor.org/rfc/rfc6750"),
    s("Digest", "a hash of the password with a server nonce, so the password itself is not sent", "RFC 7616", "https://www.rfc-editor.org/rfc/rfc7616"),
    s("AWS4-HMAC-SHA256", "an AWS Signature Version 4 request signature", "AWS SigV4", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html"),
    s("NTLM", "Windows NTLM challenge/response, a three-message handshake on one connection", "MS-NLMP", "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/"),
    s("Negotiate", "SPNEGO: Kerberos, or NTLM as a fallback (Windows integrated auth)", "RFC 4559", "https://www.rfc-editor.org/rfc/rfc4559"),
    s("OAuth", "an OAuth 1.0 signed request", "RFC 5849 §3.5.1", "https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1"),
    s("DPoP", "an access token bound to a key, proven with a DPoP proof JWT in the DPoP header", "RFC 9449", "https://www.rfc-editor.org/rfc/rfc9449"),
    s("HOBA", "HTTP Origin-Bound Authentication: a key pair per origin instead of a password", "RFC 7486", "https://www.rfc-editor.org/rfc/rfc7486"),
    s("Mutual", "mutual password authentication: client and server both prove they know the password", "RFC 8120", "https://www.rfc-editor.org/rfc/rfc8120"),
    s("SCRAM-SHA-1", "salted challenge/response over several round trips", "RFC 7804", "https://www.rfc-editor.org/rfc/rfc7804"),
    s("SCRAM-SHA-256", "salted challenge/response over several round trips", "RFC 7804", "https://www.rfc-editor.org/rfc/rfc7804"),
    s("vapid", "Web Push: a signed JWT (t=) and the application server's public key (k=)", "RFC 8292", "https://www.rfc-editor.org/rfc/rfc8292"),
    s("Hawk", "a MAC-signed request with timestamp and nonce (not an IETF standard)", "Hawk", "https://github.com/mozilla/hawk"),
    s("Token", "a plain API token (GitHub's legacy form; some other APIs)", "GitHub REST docs", "https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api"),
    s("Bot", "a Discord bot token", "Discord API docs", "https://discord.com/developers/docs/reference#authentication"),
    s("ApiKey", "an API key (a vendor convention, e.g. Elasticsearch)", "vendor docs", "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-create-api-key.html"),
    s("PrivateToken", "Privacy Pass: an unlinkable token issued after a challenge", "RFC 9577", "https://www.rfc-editor.org/rfc/rfc9577"),
    s("Concealed", "concealed HTTP authentication: a key-exporter based proof, hides the resource from probes", "RFC 9729", "https://www.rfc-editor.org/rfc/rfc9729"),
    s("GNAP", "a Grant Negotiation and Authorization Protocol access token", "RFC 9635", "https://www.rfc-editor.org/rfc/rfc9635"),
    s("MAC", "an OAuth 2.0 MAC token (an expired draft; a few old APIs still use it)", "draft-ietf-oauth-v2-http-mac", "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-http-mac-05"),
    s("Kerberos", "a raw Kerberos ticket (non-standard; most servers expect it inside Negotiate)", "RFC 4559", "https://www.rfc-editor.org/rfc/rfc4559"),
    s("SharedKey", "an Azure Storage Shared Key signature: the account name and an HMAC-SHA256 of the request made with the account key", "Azure Storage: Shared Key", "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key"),
    s("SharedKeyLite", "an Azure Storage Shared Key Lite signature: the account name and an HMAC-SHA256 of fewer parts of the request", "Azure Storage: Shared Key", "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key"),
    s("AWS", "an AWS Signature Version 2 (legacy S3): the access key id and an HMAC-SHA1 of the request; S3 has moved to Signature Version 4", "Amazon S3: Signature Version 2", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html"),
];

/// Looks a scheme up by case-insensitive name.
pub fn lookup(name: &str) -> Option<&'static SchemeInfo> {
    SCHEMES.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}
