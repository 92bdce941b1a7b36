//! What servers actually say when they refuse: vendor error codes, messages and headers that
//! name the cause outright, read from the response.

use crate::engine::challenge::Challenges;
use crate::engine::core::b64;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::header::Header;
use crate::engine::core::text;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// Kubernetes ran the request as `system:anonymous`: no credential was recognised.
    pub const K8S_ANONYMOUS: FindingId = FindingId("server.k8s_anonymous");
    /// API Gateway's "Missing Authentication Token": no such route or stage, or IAM auth.
    pub const AWS_MISSING_AUTH_TOKEN: FindingId = FindingId("server.aws_missing_auth_token");
    /// AWS read the Authorization header as a SigV4 signature and found it incomplete.
    pub const AWS_INCOMPLETE_SIGNATURE: FindingId = FindingId("server.aws_incomplete_signature");
    /// AWS computed another signature.
    pub const AWS_SIGNATURE_MISMATCH: FindingId = FindingId("server.aws_signature_mismatch");
    /// AWS does not know the access key id (or the session token is for another region).
    pub const AWS_INVALID_KEY_ID: FindingId = FindingId("server.aws_invalid_key_id");
    /// A presigned URL or temporary credential expired.
    pub const AWS_EXPIRED: FindingId = FindingId("server.aws_expired");
    /// The request was signed for another region.
    pub const AWS_WRONG_REGION: FindingId = FindingId("server.aws_wrong_region");
    /// GitHub: the token is not authorised for the organisation's SAML SSO.
    pub const GITHUB_SSO: FindingId = FindingId("server.github_sso");
    /// GitHub names the permissions the token lacks.
    pub const GITHUB_PERMISSIONS: FindingId = FindingId("server.github_permissions");
    /// GitHub: an app or Actions token used where its installation has no access.
    pub const GITHUB_INTEGRATION: FindingId = FindingId("server.github_integration");
    /// Azure Storage: the SAS is outside its start/expiry window.
    pub const AZURE_SAS_TIME: FindingId = FindingId("server.azure_sas_time");
    /// Azure Storage: the SAS fields or signature do not match.
    pub const AZURE_SAS_SIGNATURE: FindingId = FindingId("server.azure_sas_signature");
    /// A Bearer challenge without an error: the server received no token at all.
    pub const TOKEN_NOT_RECEIVED: FindingId = FindingId("server.token_not_received");
    /// Entra ID claims challenge (Conditional Access or CAE).
    pub const CLAIMS_CHALLENGE: FindingId = FindingId("server.claims_challenge");
    /// A container registry refused the repository for this token's scope.
    pub const REGISTRY_DENIED: FindingId = FindingId("server.registry_denied");
    /// Docker Hub official images live under library/.
    pub const REGISTRY_LIBRARY_PREFIX: FindingId = FindingId("server.registry_library_prefix");
    /// PyPI refuses account passwords for uploads.
    pub const PYPI_PASSWORD_AUTH: FindingId = FindingId("server.pypi_password_auth");
    /// PyPI refused the upload credentials.
    pub const PYPI_BAD_AUTH: FindingId = FindingId("server.pypi_bad_auth");
    /// npm wants 2FA or a token that bypasses it.
    pub const NPM_2FA_REQUIRED: FindingId = FindingId("server.npm_2fa_required");
    /// A registry token with too few scopes.
    pub const REGISTRY_TOKEN_SCOPE: FindingId = FindingId("server.registry_token_scope");
    /// A registry login refused.
    pub const REGISTRY_LOGIN_FAILED: FindingId = FindingId("server.registry_login_failed");
    /// GitHub Packages refuses to let this token write.
    pub const GHCR_WRITE_PACKAGE: FindingId = FindingId("server.ghcr_write_package");
    /// An ECR login token expired.
    pub const ECR_TOKEN_EXPIRED: FindingId = FindingId("server.ecr_token_expired");
    /// Slack: wrong token type for the method.
    pub const SLACK_TOKEN_TYPE: FindingId = FindingId("server.slack_token_type");
    /// Slack: a rotating token expired.
    pub const SLACK_TOKEN_EXPIRED: FindingId = FindingId("server.slack_token_expired");
    /// OpenAI: the organisation header names another organisation.
    pub const OPENAI_ORG_MISMATCH: FindingId = FindingId("server.openai_org_mismatch");
    /// The API says no key reached it.
    /// The service refuses the account password where it wants an app password or token.
    pub const PASSWORD_NOT_TOKEN: FindingId = FindingId("server.password_not_token");
    pub const NO_API_KEY_RECEIVED: FindingId = FindingId("server.no_api_key_received");
    /// Stripe.js was given a secret key.
    pub const STRIPE_SECRET_IN_BROWSER: FindingId = FindingId("server.stripe_secret_in_browser");
    /// GitHub: the organisation forbids classic PATs.
    pub const GITHUB_CLASSIC_PAT_FORBIDDEN: FindingId =
        FindingId("server.github_classic_pat_forbidden");
    /// npm hides a refused publish as 404.
    pub const NPM_PUBLISH_404: FindingId = FindingId("server.npm_publish_404");
    /// Azure API Management found no subscription key.
    pub const APIM_SUBSCRIPTION_KEY: FindingId = FindingId("server.apim_subscription_key");
    /// Vault saw no token.
    pub const VAULT_MISSING_TOKEN: FindingId = FindingId("server.vault_missing_token");
    /// The Authorization value starts with the header's name again.
    pub const HEADER_NAME_IN_VALUE: FindingId = FindingId("server.header_name_in_value");
    /// GitHub does not recognise the token.
    pub const GITHUB_BAD_CREDENTIALS: FindingId = FindingId("server.github_bad_credentials");
}

/// Findings from what the response's headers and challenges say, given the request's headers
/// when known (what its body says is read from the knowledge base, after the exchange's own
/// causes).
pub fn findings(
    resp_headers: &[Header],
    challenges: &Challenges,
    req_headers: Option<&[Header]>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let header = |n: &str| {
        resp_headers
            .iter()
            .find(|h| h.is(n))
            .map(|h| h.value.as_str())
    };
    if let Some(v) = header("x-github-sso") {
        let url = v.split("url=").nth(1).unwrap_or("").trim();
        out.push(
            Finding::error(ids::GITHUB_SSO, "GitHub: the token is not authorised for this organisation's SSO", "The organisation uses SAML single sign-on; a token must be authorised for it before it can reach the organisation's resources.")
                .fix(if url.is_empty() { "Authorise the token: Settings → Developer settings → tokens → Configure SSO.".to_string() } else { format!("Open {} to authorise the token, then retry.", text::clip(url, 200)) })
                .spec(SpecRef::new("GitHub: authorizing a PAT for SSO", "https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on")),
        );
    }
    if let Some(v) = header("x-accepted-github-permissions") {
        out.push(
            Finding::error(ids::GITHUB_PERMISSIONS, format!("GitHub: the token needs {}", text::clip(v, 120)), "GitHub names the permissions this endpoint accepts; the token has none of them.")
                .fix(format!("Give the fine-grained token or app these permissions: {}.", text::clip(v, 120)))
                .spec(SpecRef::new("GitHub: permissions required", "https://docs.github.com/en/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens")),
        );
    }
    let sent_bearer = req_headers.is_some_and(|hs| {
        hs.iter().any(|h| {
            h.is("authorization")
                && h.value.trim().to_ascii_lowercase().starts_with("bearer ")
                && h.value.trim().len() > 7
        })
    });
    for item in &challenges.items {
        if item.scheme.eq_ignore_ascii_case("bearer") {
            if let Some(c) = item.param("claims") {
                let decoded = b64::decode(c)
                    .ok()
                    .and_then(|d| String::from_utf8(d.bytes).ok());
                out.push(
                    Finding::error(ids::CLAIMS_CHALLENGE, "A claims challenge: get a new token with these claims", format!("Conditional Access or Continuous Access Evaluation wants a token carrying: {}. The token itself may be fine.", decoded.as_deref().map_or_else(|| c.to_string(), text::visible)))
                        .fix("Request a new token interactively, passing this claims value (MSAL: WithClaims / claims), then retry.")
                        .spec(SpecRef::new("Microsoft: claims challenges", "https://learn.microsoft.com/en-us/entra/identity-platform/claims-challenge")),
                );
            }
            let scope = item.param("scope").unwrap_or("");
            if item.param("service") == Some("registry.docker.io") {
                if let Some(repo) = scope
                    .strip_prefix("repository:")
                    .and_then(|s| s.split(':').next())
                {
                    if !repo.contains('/') {
                        out.push(
                            Finding::error(ids::REGISTRY_LIBRARY_PREFIX, format!("Docker Hub images need a namespace: library/{repo}"), "Official images live under library/. A token asked for repository:NAME without it grants nothing.")
                                .fix(format!("Ask for scope repository:library/{repo}:pull.")),
                        );
                    }
                }
            }
            if sent_bearer && item.param("error").is_none() && item.param("claims").is_none() {
                out.push(
                    Finding::warning(ids::TOKEN_NOT_RECEIVED, "The server answers as if no token arrived", "A Bearer challenge without error means the request reached it with no token (RFC 6750 §3.1). The token was sent, so something on the way removed it: a proxy or load balancer, Apache with CGI/FastCGI, or a redirect.")
                        .fix("Check that every hop forwards Authorization (Apache: CGIPassAuth On; nginx: do not clear it with proxy_set_header).")
                        .spec(SpecRef::new("RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1")),
                );
            }
        }
    }
    out
}
