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
}

/// One message a server sends, and what it means.
struct Known {
    needle: &'static str,
    id: crate::engine::core::finding::FindingId,
    title: &'static str,
    why: &'static str,
    fix: &'static str,
    spec: SpecRef,
}

const AWS_ERRORS: SpecRef = SpecRef::new(
    "AWS: signature errors",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html",
);

const KNOWN: &[Known] = &[
    Known { needle: "system:anonymous", id: ids::K8S_ANONYMOUS, title: "Kubernetes saw no credentials (system:anonymous)", why: "The API server ran the request as system:anonymous: no token or client certificate it accepts arrived. This is an authentication problem, not an RBAC one.", fix: "Send the service-account token as Authorization: Bearer <token> (or the kubeconfig's client certificate), and check it is for this cluster.", spec: SpecRef::new("Kubernetes: anonymous requests", "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests") },
    Known { needle: "Missing Authentication Token", id: ids::AWS_MISSING_AUTH_TOKEN, title: "API Gateway: no route here (Missing Authentication Token)", why: "API Gateway answers this for a path or method that is not deployed (wrong stage, missing resource, trailing path) as well as for IAM-authorised routes without a signature. It rarely means a token is missing.", fix: "Check the URL: stage name, resource path and method, and that the API was redeployed; for IAM auth, sign the request with SigV4.", spec: SpecRef::new("AWS: Missing Authentication Token", "https://repost.aws/knowledge-center/api-gateway-authentication-token-errors") },
    Known { needle: "IncompleteSignature", id: ids::AWS_INCOMPLETE_SIGNATURE, title: "AWS read the Authorization header as a SigV4 signature", why: "The endpoint expects AWS Signature V4 (IAM auth, or a route that does not exist), so a Bearer or Basic credential in Authorization is parsed as a broken signature.", fix: "Sign with SigV4 for IAM-authorised endpoints; for a JWT or Cognito authorizer, check the route is deployed with that authorizer. Proxies must not forward their own Basic header.", spec: AWS_ERRORS },
    Known { needle: "Authorization header requires", id: ids::AWS_INCOMPLETE_SIGNATURE, title: "AWS read the Authorization header as a SigV4 signature", why: "The endpoint expects AWS Signature V4, so the credential in Authorization is parsed as a broken signature (a space or newline in the key id splits it too).", fix: "Sign with SigV4, and trim the access key id and secret of spaces and newlines.", spec: AWS_ERRORS },
    Known { needle: "SignatureDoesNotMatch", id: ids::AWS_SIGNATURE_MISMATCH, title: "AWS computed a different signature", why: "The secret key, the region or service in the scope, or the canonical request (headers, query, body hash, Content-Type) differ from what was signed.", fix: "Compare the StringToSign in the error with your client's; sign exactly the headers you send, with the right secret.", spec: AWS_ERRORS },
    Known { needle: "InvalidClientTokenId", id: ids::AWS_INVALID_KEY_ID, title: "AWS does not know this access key id", why: "The key id is wrong, deleted, from another partition, or a temporary key whose session token is missing or not valid in this region (opt-in regions need v2 STS tokens).", fix: "Check the key id and its session token; for opt-in regions use regional STS endpoints.", spec: AWS_ERRORS },
    Known { needle: "Request has expired", id: ids::AWS_EXPIRED, title: "The presigned request has expired", why: "X-Amz-Date plus X-Amz-Expires is in the past at the server's clock. It is not a permission problem.", fix: "Create a new presigned URL, with a longer expiry if needed (at most 7 days, and no longer than the signing credentials live).", spec: SpecRef::new("Amazon S3: presigned URLs", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html") },
    Known { needle: "The provided token has expired", id: ids::AWS_EXPIRED, title: "The signed URL's token has expired (ExpiredToken)", why: "S3 says this when the temporary credentials a URL was presigned with have ended, whatever X-Amz-Expires says; Cloud Storage says it when a signed URL's X-Goog-Date plus X-Goog-Expires has passed.", fix: "Sign a new URL; for URLs that must live long, sign with long-term credentials (at most 7 days for V4).", spec: SpecRef::new("Amazon S3: presigned URLs", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html") },
    Known { needle: "security token included in the request is expired", id: ids::AWS_EXPIRED, title: "The AWS session token has expired", why: "Temporary credentials stop working when their session ends.", fix: "Get fresh credentials (refresh the role session or SSO login).", spec: AWS_ERRORS },
    Known { needle: "AuthorizationHeaderMalformed", id: ids::AWS_WRONG_REGION, title: "The request was signed for the wrong region", why: "The Credential scope names a region other than the bucket's or service's.", fix: "Sign for the region the error names (S3: the bucket's region; IAM and other global services: us-east-1).", spec: AWS_ERRORS },
    Known { needle: "Resource not accessible by integration", id: ids::GITHUB_INTEGRATION, title: "GitHub: the app or Actions token has no access to this", why: "An installation or GITHUB_TOKEN token acts as the app: it lacks this permission (workflow permissions, read-only tokens on fork pull requests) or the endpoint is for users only.", fix: "Grant the permission (permissions: in the workflow, or the app's settings) or use a user token for user endpoints.", spec: SpecRef::new("GitHub: GITHUB_TOKEN permissions", "https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token") },
    Known { needle: "Signature not valid in the specified time frame", id: ids::AZURE_SAS_TIME, title: "Azure: the SAS is outside its time window", why: "The server's clock is before st (start) or after se (expiry). A start time of \"now\" fails on a client clock running ahead.", fix: "Make a new SAS; leave out st or set it 15 minutes in the past.", spec: SpecRef::new("Azure: create a service SAS", "https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas") },
    Known { needle: "Signature fields not well formed", id: ids::AZURE_SAS_SIGNATURE, title: "Azure: the SAS fields were changed", why: "The query was URL-decoded or re-encoded on the way (a '+' in sig becomes a space), so the fields no longer parse.", fix: "Use the SAS URL exactly as issued; percent-encode sig when building it by hand.", spec: SpecRef::new("Azure: create a service SAS", "https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas") },
    Known { needle: "Signature did not match", id: ids::AZURE_SAS_SIGNATURE, title: "Azure: the SAS signature does not match", why: "The signed fields or the string-to-sign differ from what was signed ('+' in sig not encoded, a changed parameter, or the wrong key).", fix: "Use the SAS URL exactly as issued; percent-encode sig when building it by hand.", spec: SpecRef::new("Azure: create a service SAS", "https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas") },
    Known { needle: "requested access to the resource is denied", id: ids::REGISTRY_DENIED, title: "The registry refused this repository for your credentials", why: "The token was issued without push or pull on this repository: wrong namespace or name, a read-only token, or no access to the package.", fix: "Check the image name (namespace/repository) and that the account or token may push or pull it.", spec: SpecRef::new("Docker registry token auth", "https://distribution.github.io/distribution/spec/auth/token/") },
];

/// Findings from what the response says, given the request's headers when known.
pub fn findings(
    resp_headers: &[Header],
    body: &str,
    challenges: &Challenges,
    req_headers: Option<&[Header]>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for k in KNOWN {
        if body.contains(k.needle) && !out.iter().any(|f| f.id == k.id) {
            out.push(Finding::error(k.id, k.title, k.why).fix(k.fix).spec(k.spec));
        }
    }
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
