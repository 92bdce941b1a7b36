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
    /// A GitLab CI job token sent to an endpoint job tokens cannot reach.
    pub const JOB_TOKEN_ENDPOINT: FindingId = FindingId("token.job_token_endpoint");
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
            format!("{} in {}", crate::engine::core::text::capitalise(whose), first.name),
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

/// A GitLab CI job token (the JOB-TOKEN header, `$CI_JOB_TOKEN`, or a glcbt- token) sent to an
/// API endpoint job tokens are not allowed on: the current user, merge requests, issues, notes.
pub fn gitlab_job_token_endpoint(req: &crate::engine::context::RequestInfo) -> Option<Finding> {
    let url = req.url()?;
    let path = url.split("/api/v4/").nth(1)?;
    let job_token = req.header("job-token").is_some()
        || req.headers.iter().any(|h| {
            h.is("authorization")
                && (h.value.contains("CI_JOB_TOKEN") || h.value.contains("glcbt-"))
        });
    let path = path.split('?').next().unwrap_or("");
    let denied = path == "user"
        || path.starts_with("user/")
        || ["/merge_requests", "/issues", "/notes", "/discussions"]
            .iter()
            .any(|p| path.contains(p));
    (job_token && denied).then(|| {
        Finding::error(
            ids::JOB_TOKEN_ENDPOINT,
            format!("A CI job token cannot call /api/v4/{}", crate::engine::core::text::clip(path, 60)),
            "GitLab's CI/CD job token reaches only a short list of endpoints (the job itself, packages, the container registry, releases, deployments, artifacts); user, merge request, issue and note endpoints answer 401 to it.",
        )
        .fix("Use a project access token or a personal access token (PRIVATE-TOKEN) stored as a masked CI/CD variable for these calls.")
        .spec(SpecRef::new("GitLab: CI/CD job token", "https://docs.gitlab.com/ci/jobs/ci_job_token/"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::context::RequestInfo;

    fn req(target: &str, name: &str, value: &str) -> RequestInfo {
        RequestInfo {
            target: Some(target.into()),
            headers: vec![
                Header {
                    name: "Host".into(),
                    value: "gitlab.example.com".into(),
                },
                Header {
                    name: name.into(),
                    value: value.into(),
                },
            ],
            ..RequestInfo::default()
        }
    }

    #[test]
    fn job_tokens_on_endpoints_they_cannot_reach() {
        // python-gitlab#1620: JOB-TOKEN on /api/v4/user answers 401.
        assert!(gitlab_job_token_endpoint(&req("/api/v4/user", "JOB-TOKEN", "x")).is_some());
        assert!(gitlab_job_token_endpoint(&req(
            "/api/v4/projects/1/merge_requests/2/discussions",
            "Authorization",
            "Bearer $CI_JOB_TOKEN"
        ))
        .is_some());
        // GitLab documents GET /api/v4/job for job tokens.
        assert!(gitlab_job_token_endpoint(&req("/api/v4/job", "JOB-TOKEN", "x")).is_none());
        assert!(
            gitlab_job_token_endpoint(&req("/api/v4/user", "PRIVATE-TOKEN", "glpat-x")).is_none()
        );
    }
}
