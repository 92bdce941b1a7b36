//! Credentials outside `Authorization`: the API-key headers vendors define. A request that
//! carries one has credentials, even with no `Authorization` header.

use super::known_token::{self, Carrier};
use crate::engine::core::finding::{Finding, Report, SpecRef};
use crate::engine::core::header::Header;
use crate::engine::core::text;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "An API key in x-api-key": a credential header was sent.
    pub const IN_HEADER: FindingId = FindingId("apikey.in_header");
    /// Azure Functions reads function keys from x-functions-key or ?code=, not Bearer.
    pub const FUNCTIONS_KEY_MISSING: FindingId = FindingId("apikey.functions_key_missing");
    /// The same credential header was sent twice; servers join the copies with a comma.
    pub const DUPLICATE: FindingId = FindingId("apikey.duplicate_header");
}

/// Request headers that carry credentials, and whose they are.
pub const CREDENTIAL_HEADERS: &[(&str, &str)] = &[
    (
        "x-api-key",
        "an API key (AWS API Gateway, Anthropic and many others)",
    ),
    ("api-key", "an Azure OpenAI / Azure AI services key"),
    (
        "ocp-apim-subscription-key",
        "an Azure API Management subscription key",
    ),
    ("x-functions-key", "an Azure Functions key"),
    ("x-goog-api-key", "a Google API key"),
    ("private-token", "a GitLab access token"),
    ("job-token", "a GitLab CI job token"),
    ("deploy-token", "a GitLab deploy token"),
    ("x-vault-token", "a HashiCorp Vault token"),
    ("x-jfrog-art-api", "a JFrog Artifactory API key"),
    ("x-auth-token", "a token (OpenStack and many APIs)"),
    ("x-shopify-access-token", "a Shopify access token"),
    (
        "x-amz-security-token",
        "an AWS session token (goes with a SigV4 signature)",
    ),
    ("apikey", "an API key"),
];

/// Whether the headers carry a credential other than `Authorization`.
pub fn has_credential(headers: &[Header]) -> bool {
    headers
        .iter()
        .any(|h| CREDENTIAL_HEADERS.iter().any(|(n, _)| h.is(n)) && !h.value.trim().is_empty())
}

/// What each credential header holds, and whether its token belongs there.
pub fn analyze(headers: &[Header]) -> Report {
    let mut r = Report::default();
    for (name, whose) in CREDENTIAL_HEADERS {
        let sent: Vec<&Header> = headers.iter().filter(|h| h.is(name)).collect();
        let Some(first) = sent.first() else { continue };
        if *name == "x-amz-security-token" {
            continue; // read with the SigV4 signature it belongs to
        }
        r.push(Finding::info(
            ids::IN_HEADER,
            format!("{} in {}", capital(whose), first.name),
            "The request carries a credential outside Authorization; servers that expect this header read it from here.",
        ));
        if sent.len() > 1 || first.value.contains(',') && !first.value.contains(' ') {
            r.push(
                Finding::error(
                    ids::DUPLICATE,
                    format!("{} is sent twice", first.name),
                    "Two copies of a header are joined with a comma (RFC 9110 §5.3), so the server sees \"key,key\" and rejects it.",
                )
                .fix(format!("Send {} once (check proxies, client defaults and code that adds it).", first.name))
                .spec(SpecRef::new("RFC 9110 §5.3", "https://www.rfc-editor.org/rfc/rfc9110#section-5.3")),
            );
        }
        let value = first.value.trim();
        if let Some(f) = known_token::identify(value) {
            for x in known_token::findings(f, Carrier::Header(&first.name)) {
                r.push(x);
            }
        } else if value.is_empty() {
            r.push(Finding::error(
                ids::IN_HEADER,
                format!("{} is empty", first.name),
                format!(
                    "The header that should carry {whose} has no value: \"{}\".",
                    text::visible(&first.value)
                ),
            ));
        }
    }
    r
}

/// A Bearer credential to an Azure Functions HTTP trigger, with no function key: Functions reads
/// keys from `x-functions-key` or `?code=`, not from Authorization.
pub fn functions_key_missing(
    req: &crate::engine::context::RequestInfo,
    host: &str,
) -> Option<Finding> {
    let url = req.url().unwrap_or_default();
    let functions = host.ends_with(".azurewebsites.net") && url.contains("/api/");
    let has_key = req.header("x-functions-key").is_some() || url.contains("code=");
    (functions && !has_key).then(|| {
        Finding::warning(
            ids::FUNCTIONS_KEY_MISSING,
            "Azure Functions wants its function key in x-functions-key or ?code=",
            "An HTTP trigger with authLevel function or admin reads the key only from the x-functions-key header or the code query parameter; a Bearer token is ignored unless App Service Authentication is set up, so the call gets 401.",
        )
        .fix("Send x-functions-key: <function key> (or ?code=<key>), or set authLevel anonymous and validate the token in the app or with App Service Authentication.")
        .spec(SpecRef::new("Azure Functions: HTTP trigger keys", "https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-http-webhook-trigger#api-key-authorization"))
    })
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
