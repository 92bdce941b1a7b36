//! Token and key formats recognisable by their prefix: who issues each, where it belongs in a
//! request, and what it cannot do. Written once; every analysis that meets a token reads it.

/// Where a credential of some format belongs in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// `Authorization: Bearer <token>`, or one of these headers.
    Bearer(&'static [&'static str]),
    /// Only in one of these headers (never `Authorization`).
    Header(&'static [&'static str]),
    /// As the Basic password, with this user name (`None`: the account's own name or e-mail).
    BasicPassword(Option<&'static str>),
    /// Only to the issuer's token endpoint, to get a new access token.
    TokenEndpoint,
    /// Public by design: for the issuer's browser SDK, not for server API calls.
    Browser,
    /// Public by design and read from this URL query parameter, which is where it belongs.
    PublicQuery(&'static str),
    /// Not a credential on its own: part of an AWS Signature V4.
    SigV4,
    /// Registers a CI runner; it cannot call the API.
    RunnerOnly,
}

/// A recognised token format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenFormat {
    /// The prefix it starts with.
    pub prefix: &'static str,
    /// Who issues it.
    pub issuer: &'static str,
    /// What kind of token it is.
    pub what: &'static str,
    /// How it is sent, in words.
    pub usage: &'static str,
    /// Where it belongs.
    pub placement: Placement,
    /// What it cannot do, or how it is usually misused.
    pub note: &'static str,
    /// The vendor's documentation of the format.
    pub doc: &'static str,
}

impl TokenFormat {
    /// Whether `Authorization: Bearer <token>` is a right way to send it.
    pub fn bearer_ok(&self) -> bool {
        matches!(self.placement, Placement::Bearer(_))
    }

    /// Whether the issuer documents Basic with this key as the user name and no password
    /// (Stripe: `curl -u sk_test_…:`), so an empty password is expected.
    pub fn basic_user_ok(&self) -> bool {
        self.issuer == "Stripe" && matches!(self.placement, Placement::Bearer(_))
    }
}

const fn t(
    prefix: &'static str,
    issuer: &'static str,
    what: &'static str,
    usage: &'static str,
    placement: Placement,
    note: &'static str,
    doc: &'static str,
) -> TokenFormat {
    TokenFormat {
        prefix,
        issuer,
        what,
        usage,
        placement,
        note,
        doc,
    }
}

use Placement::*;

const GH_DOC: &str = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/";
const GL_DOC: &str = "https://docs.gitlab.com/security/tokens/";
const SLACK_DOC: &str = "https://api.slack.com/concepts/token-types";
const STRIPE_DOC: &str = "https://docs.stripe.com/keys";

/// Every format authlens knows, longest prefix first where prefixes overlap.
pub const FORMATS: &[TokenFormat] = &[
    t("github_pat_", "GitHub", "fine-grained personal access token", "Authorization: Bearer <token> (or token <token>) to api.github.com", Bearer(&[]), "It reaches only the repositories and permissions chosen when it was made, for one resource owner; some APIs and ghcr.io accept only classic tokens.", GH_DOC),
    t("ghp_", "GitHub", "classic personal access token", "Authorization: Bearer <token> (or token <token>) to api.github.com", Bearer(&[]), "An organisation with SAML SSO needs the token authorised for it (Configure SSO), and some organisations forbid classic tokens.", GH_DOC),
    t("gho_", "GitHub", "OAuth app user access token", "Authorization: Bearer <token> to api.github.com", Bearer(&[]), "It has only the scopes the user granted the OAuth app.", GH_DOC),
    t("ghu_", "GitHub", "GitHub App user-to-server token", "Authorization: Bearer <token> to api.github.com", Bearer(&[]), "It expires after 8 hours and is limited to what both the user and the app may do.", GH_DOC),
    t("ghs_", "GitHub", "GitHub App installation (server-to-server) token", "Authorization: Bearer <token> to api.github.com", Bearer(&[]), "It acts as the app, not a user: user endpoints such as /user answer \"Resource not accessible by integration\". It expires after 1 hour.", GH_DOC),
    t("ghr_", "GitHub", "refresh token", "only to GitHub's token endpoint to get a new access token, never to the API", TokenEndpoint, "It cannot call the API.", GH_DOC),
    t("glpat-", "GitLab", "personal access token", "PRIVATE-TOKEN: <token> header, or Authorization: Bearer <token>", Bearer(&["private-token"]), "It has only the scopes chosen when it was made (read_registry alone cannot call /api/v4).", GL_DOC),
    t("gldt-", "GitLab", "deploy token", "Basic auth with the deploy token's user name, for git and the registries", BasicPassword(None), "It cannot call the REST API; it works for git and package or container registries only.", GL_DOC),
    t("glrt-", "GitLab", "runner authentication token", "only by gitlab-runner itself", RunnerOnly, "It cannot call the REST API.", GL_DOC),
    t("glcbt-", "GitLab", "CI/CD job token", "JOB-TOKEN: <token> header, or Basic with user gitlab-ci-token", Bearer(&["job-token"]), "It reaches only the few endpoints job tokens are allowed on (not /user, not merge request discussions) and expires with the job.", "https://docs.gitlab.com/ci/jobs/ci_job_token/"),
    t("glptt-", "GitLab", "pipeline trigger token", "token=<token> form field to the trigger API", Header(&[]), "It can only trigger pipelines.", GL_DOC),
    t("xoxb-", "Slack", "bot token", "Authorization: Bearer <token> to slack.com/api", Bearer(&[]), "Granular bot tokens cannot use the legacy RTM API (not_allowed_token_type).", SLACK_DOC),
    t("xoxp-", "Slack", "user token", "Authorization: Bearer <token> to slack.com/api", Bearer(&[]), "It acts as the user who installed the app, with the user scopes granted.", SLACK_DOC),
    t("xoxe.xoxb-", "Slack", "rotating bot token", "Authorization: Bearer <token> to slack.com/api", Bearer(&[]), "It expires after 12 hours (token_expired); refresh it with the xoxe- refresh token.", "https://api.slack.com/authentication/rotation"),
    t("xoxe.xoxp-", "Slack", "rotating user token", "Authorization: Bearer <token> to slack.com/api", Bearer(&[]), "It expires after 12 hours (token_expired); refresh it with the xoxe- refresh token.", "https://api.slack.com/authentication/rotation"),
    t("xoxe-", "Slack", "refresh token", "only to oauth.v2.access with grant_type=refresh_token", TokenEndpoint, "It cannot call the Web API.", "https://api.slack.com/authentication/rotation"),
    t("xapp-", "Slack", "app-level token", "Authorization: Bearer <token> to apps.connections.open only", Bearer(&[]), "It only opens Socket Mode connections: Web API methods such as chat.postMessage answer not_allowed_token_type. Use the xoxb- bot token for them.", SLACK_DOC),
    t("xoxa-", "Slack", "app token (legacy workspace app)", "Authorization: Bearer <token> to slack.com/api", Bearer(&[]), "Workspace apps are retired.", SLACK_DOC),
    t("xoxr-", "Slack", "refresh token", "only to Slack's oauth.v2.access endpoint, never to the API", TokenEndpoint, "It cannot call the Web API.", SLACK_DOC),
    t("sk_live_", "Stripe", "LIVE secret key (real money)", "Authorization: Bearer <key> (or Basic with the key as user), from your server only", Bearer(&[]), "Never put it in a browser or app.", STRIPE_DOC),
    t("sk_test_", "Stripe", "test-mode secret key", "Authorization: Bearer <key> (or Basic with the key as user), from your server only", Bearer(&[]), "It sees only test-mode data.", STRIPE_DOC),
    t("rk_live_", "Stripe", "LIVE restricted key", "Authorization: Bearer <key>, from your server only", Bearer(&[]), "It can do only what its permissions allow.", STRIPE_DOC),
    t("rk_test_", "Stripe", "test-mode restricted key", "Authorization: Bearer <key>, from your server only", Bearer(&[]), "It can do only what its permissions allow.", STRIPE_DOC),
    t("pk_live_", "Stripe", "publishable key (public by design)", "Stripe.js or the mobile SDKs, not server API calls", Browser, "It can only create tokens and confirm payments from the client; server API calls need the sk_ secret key.", STRIPE_DOC),
    t("pk_test_", "Stripe", "test publishable key (public by design)", "Stripe.js or the mobile SDKs, not server API calls", Browser, "It can only create tokens and confirm payments from the client; server API calls need the sk_ secret key.", STRIPE_DOC),
    t("pk.eyJ", "Mapbox", "public access token (public by design)", "?access_token=<token> in the URL of Mapbox API and tile requests", PublicQuery("access_token"), "It is made to be embedded in web pages and apps; limit it with URL restrictions. Secret scopes need an sk. token.", "https://docs.mapbox.com/accounts/guides/tokens/"),
    t("AKIA", "AWS", "long-term access key id (not a secret on its own)", "part of an AWS Signature V4 Authorization header, never as a Bearer token", SigV4, "The request must be signed with the matching secret key.", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html"),
    t("ASIA", "AWS", "temporary (STS) access key id", "part of an AWS Signature V4 Authorization header plus X-Amz-Security-Token, never as a Bearer token", SigV4, "It needs its session token in X-Amz-Security-Token, and stops working when the session expires.", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html"),
    t("ya29.", "Google", "OAuth 2.0 access token", "Authorization: Bearer <token> to Google APIs", Bearer(&[]), "It is opaque, not a JWT: an API that verifies Google ID tokens rejects it. It expires after about an hour.", "https://developers.google.com/identity/protocols/oauth2"),
    t("AIza", "Google", "API key", "?key=<key> query parameter or x-goog-api-key header, not Authorization", Header(&["x-goog-api-key"]), "It identifies a project, not a user: APIs that need OAuth (Vertex AI, user data) reject it.", "https://cloud.google.com/docs/authentication/api-keys-use"),
    t("npm_", "npm", "access token", "Authorization: Bearer <token> to registry.npmjs.org (via .npmrc _authToken)", Bearer(&[]), "Publishing needs a token allowed to publish (and to bypass 2FA when the account requires it).", "https://docs.npmjs.com/about-access-tokens"),
    t("pypi-", "PyPI", "API token", "Basic auth with the user name __token__ and the token as password", BasicPassword(Some("__token__")), "It works only with the user name __token__, never with your account name.", "https://pypi.org/help/#apitoken"),
    t("dckr_pat_", "Docker Hub", "personal access token", "Basic auth (docker login) with your Docker ID as user name and the token as password", BasicPassword(None), "The user name must be the Docker ID, not the e-mail; a read-only token cannot push.", "https://docs.docker.com/security/access-tokens/"),
    t("hf_", "Hugging Face", "access token", "Authorization: Bearer <token> to huggingface.co", Bearer(&[]), "A fine-grained token needs the permission for gated repositories, and read tokens cannot write.", "https://huggingface.co/docs/hub/security-tokens"),
    t("sk-ant-oat", "Anthropic", "OAuth access token", "Authorization: Bearer <token>", Bearer(&[]), "It is not an API key: x-api-key rejects it.", "https://docs.anthropic.com/en/api/overview"),
    t("sk-ant-", "Anthropic", "API key", "x-api-key: <key> header, not Authorization", Header(&["x-api-key"]), "The API reads it only from x-api-key (with anthropic-version).", "https://docs.anthropic.com/en/api/overview"),
    t("sk-or-v1-", "OpenRouter", "API key", "Authorization: Bearer <key> to openrouter.ai/api", Bearer(&[]), "It works only at openrouter.ai, not at api.openai.com.", "https://openrouter.ai/docs/api-reference/authentication"),
    t("sk-proj-", "OpenAI", "project API key", "Authorization: Bearer <key> to api.openai.com", Bearer(&[]), "It works only at api.openai.com, not at Azure OpenAI (which wants its own key in api-key).", "https://platform.openai.com/docs/api-reference/authentication"),
    t("sk-", "OpenAI-style", "API key (OpenAI and compatible APIs)", "Authorization: Bearer <key>", Bearer(&[]), "Each provider's keys work only at that provider.", "https://platform.openai.com/docs/api-reference/authentication"),
    t("SG.", "SendGrid", "API key", "Authorization: Bearer <key> to api.sendgrid.com", Bearer(&[]), "It has only the permissions chosen when it was made.", "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys"),
    t("shpat_", "Shopify", "Admin API access token", "X-Shopify-Access-Token: <token> header", Header(&["x-shopify-access-token"]), "Shopify reads it only from X-Shopify-Access-Token.", "https://shopify.dev/docs/api/admin-rest#authentication"),
    t("ATATT", "Atlassian", "Cloud API token", "Basic auth with your account e-mail as user name and the token as password", BasicPassword(None), "Atlassian Cloud rejects it as Bearer; only Data Center personal access tokens go in Bearer.", "https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/"),
    t("dop_v1_", "DigitalOcean", "personal access token", "Authorization: Bearer <token> to api.digitalocean.com", Bearer(&[]), "It has only the scopes chosen when it was made.", "https://docs.digitalocean.com/reference/api/create-personal-access-token/"),
    t("hvs.", "HashiCorp Vault", "service token", "X-Vault-Token: <token> header (or Authorization: Bearer on newer Vault)", Bearer(&["x-vault-token"]), "It expires with its TTL; a VAULT_TOKEN variable overrides the token from vault login.", "https://developer.hashicorp.com/vault/api-docs#authentication"),
    t("hvb.", "HashiCorp Vault", "batch token", "X-Vault-Token: <token> header (or Authorization: Bearer on newer Vault)", Bearer(&["x-vault-token"]), "It cannot be renewed.", "https://developer.hashicorp.com/vault/api-docs#authentication"),
    t("AKCp", "JFrog", "Artifactory API key (deprecated)", "X-JFrog-Art-Api: <key> header, or Basic with the key as password", Header(&["x-jfrog-art-api"]), "It is not an access token: Authorization: Bearer rejects it.", "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key"),
];

/// API hosts whose keys work only there, by issuer, for telling a key sent to another vendor.
pub const API_HOSTS: &[(&str, &str)] = &[
    ("OpenAI", "api.openai.com"),
    ("OpenRouter", "openrouter.ai"),
    ("Anthropic", "api.anthropic.com"),
    ("GitHub", "api.github.com"),
    ("Slack", "slack.com"),
    ("Stripe", "api.stripe.com"),
    ("Hugging Face", "huggingface.co"),
    ("SendGrid", "api.sendgrid.com"),
    ("DigitalOcean", "api.digitalocean.com"),
    ("npm", "registry.npmjs.org"),
    ("Google", "googleapis.com"),
];

/// The issuer whose API a host is, when it is one of [`API_HOSTS`].
pub fn vendor_of_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    API_HOSTS
        .iter()
        .find(|(_, h)| host == *h || host.ends_with(&format!(".{h}")))
        .map(|(v, _)| *v)
}

/// Identifies a token by its prefix (`ghp_…`, `sk_live_…`, `AKIA…`).
pub fn identify(token: &str) -> Option<&'static TokenFormat> {
    FORMATS
        .iter()
        .find(|f| token.starts_with(f.prefix) && token.len() > f.prefix.len() + 8)
        .filter(|f| {
            // AWS key ids are exactly 20 upper-case letters and digits.
            f.placement != SigV4
                || (token.len() == 20
                    && token
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        })
        .filter(|f| {
            // `sk-` alone is too short a prefix: an OpenAI-style key is one word of key characters.
            f.prefix != "sk-"
                || token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_common_prefixes() {
        let issuer = |t: &str| identify(t).map(|f| f.issuer);
        assert_eq!(
            issuer("ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
            Some("GitHub")
        );
        assert_eq!(issuer("glpat-xxxxxxxxxxxxxxxxxxxx"), Some("GitLab"));
        assert_eq!(issuer("AKIAIOSFODNN7EXAMPLE"), Some("AWS"));
        assert_eq!(issuer("AKIA_not_a_key_id_at_all"), None);
        assert_eq!(issuer("hello"), None);
        assert_eq!(
            identify("sk-ant-oat01-abcdefghijklmnop").map(|f| f.what),
            Some("OAuth access token")
        );
        assert_eq!(
            identify("xoxe.xoxb-1-abcdefghijkl").map(|f| f.what),
            Some("rotating bot token")
        );
        assert!(!identify("sk_live_4eC39HqLyjWDarjtT1zdp7dc")
            .unwrap()
            .what
            .is_empty());
    }

    #[test]
    fn longer_prefixes_come_first() {
        for (i, a) in FORMATS.iter().enumerate() {
            for b in &FORMATS[i + 1..] {
                assert!(
                    !b.prefix.starts_with(a.prefix) || a.prefix == b.prefix,
                    "{} shadows {}",
                    a.prefix,
                    b.prefix
                );
            }
        }
    }
}
