//! Token formats recognisable by their prefix or shape.

/// A recognised token format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownToken {
    /// Who issues it.
    pub issuer: &'static str,
    /// What kind of token it is and what it is for.
    pub what: &'static str,
    /// How it is normally sent.
    pub usage: &'static str,
    /// Whether `Authorization: Bearer <token>` is the right way to send it.
    pub bearer_ok: bool,
}

const fn k(
    issuer: &'static str,
    what: &'static str,
    usage: &'static str,
    bearer_ok: bool,
) -> KnownToken {
    KnownToken {
        issuer,
        what,
        usage,
        bearer_ok,
    }
}

const PREFIXES: &[(&str, KnownToken)] = &[
    ("github_pat_", k("GitHub", "fine-grained personal access token", "Authorization: Bearer <token> (or token <token>) to api.github.com", true)),
    ("ghp_", k("GitHub", "classic personal access token", "Authorization: Bearer <token> to api.github.com", true)),
    ("gho_", k("GitHub", "OAuth app user access token", "Authorization: Bearer <token> to api.github.com", true)),
    ("ghu_", k("GitHub", "GitHub App user-to-server token", "Authorization: Bearer <token> to api.github.com", true)),
    ("ghs_", k("GitHub", "GitHub App installation (server-to-server) token", "Authorization: Bearer <token> to api.github.com", true)),
    ("ghr_", k("GitHub", "refresh token", "only to GitHub's token endpoint to get a new access token, never to the API", false)),
    ("glpat-", k("GitLab", "personal access token", "PRIVATE-TOKEN: <token> header, or Authorization: Bearer <token>", true)),
    ("xoxb-", k("Slack", "bot token", "Authorization: Bearer <token> to slack.com/api", true)),
    ("xoxp-", k("Slack", "user token", "Authorization: Bearer <token> to slack.com/api", true)),
    ("xoxa-", k("Slack", "app token (legacy workspace app)", "Authorization: Bearer <token> to slack.com/api", true)),
    ("xoxr-", k("Slack", "refresh token", "only to Slack's oauth.v2.access endpoint, never to the API", false)),
    ("sk_live_", k("Stripe", "LIVE secret key (real money)", "Authorization: Bearer <key>, from your server only", true)),
    ("sk_test_", k("Stripe", "test-mode secret key", "Authorization: Bearer <key>, from your server only", true)),
    ("rk_live_", k("Stripe", "LIVE restricted key", "Authorization: Bearer <key>, from your server only", true)),
    ("rk_test_", k("Stripe", "test-mode restricted key", "Authorization: Bearer <key>, from your server only", true)),
    ("pk_live_", k("Stripe", "publishable key (public by design)", "Stripe.js in the browser, not API calls with Bearer", false)),
    ("pk_test_", k("Stripe", "test publishable key (public by design)", "Stripe.js in the browser, not API calls with Bearer", false)),
    ("AKIA", k("AWS", "long-term access key id (not a secret on its own)", "part of an AWS Signature V4 Authorization header, never as a Bearer token", false)),
    ("ASIA", k("AWS", "temporary (STS) access key id", "part of an AWS Signature V4 Authorization header plus X-Amz-Security-Token, never as a Bearer token", false)),
    ("ya29.", k("Google", "OAuth 2.0 access token", "Authorization: Bearer <token> to Google APIs", true)),
    ("AIza", k("Google", "API key", "?key=<key> query parameter or X-Goog-Api-Key header, not Bearer", false)),
    ("npm_", k("npm", "access token", "Authorization: Bearer <token> to registry.npmjs.org (via .npmrc _authToken)", true)),
    ("sk-ant-", k("Anthropic", "API key", "x-api-key: <key> header, not Bearer", false)),
    ("sk-proj-", k("OpenAI", "project API key", "Authorization: Bearer <key>", true)),
    ("sk-", k("OpenAI-style", "API key (OpenAI and compatible APIs)", "Authorization: Bearer <key>", true)),
];

/// Identifies a token by its prefix (`ghp_…`, `sk_live_…`, `AKIA…`).
pub fn identify(token: &str) -> Option<KnownToken> {
    PREFIXES
        .iter()
        .find(|(p, _)| token.starts_with(p) && token.len() > p.len() + 8)
        .map(|(_, t)| *t)
        .filter(|t| {
            // AWS key ids are exactly 20 upper-case letters and digits.
            t.issuer != "AWS"
                || (token.len() == 20
                    && token
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_common_prefixes() {
        assert_eq!(
            identify("ghp_16C7e42F292c6912E7710c838347Ae178B4a")
                .unwrap()
                .issuer,
            "GitHub"
        );
        assert_eq!(
            identify("glpat-xxxxxxxxxxxxxxxxxxxx").unwrap().issuer,
            "GitLab"
        );
        assert_eq!(identify("AKIAIOSFODNN7EXAMPLE").unwrap().issuer, "AWS");
        assert!(identify("AKIA_not_a_key_id_at_all").is_none());
        assert!(identify("sk_live_4eC39HqLyjWDarjtT1zdp7dc")
            .unwrap()
            .what
            .contains("LIVE"));
        assert!(identify("hello").is_none());
    }
}
