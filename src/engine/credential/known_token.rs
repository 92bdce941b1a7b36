//! What a recognised token format says about the request that carried it: what it is, and
//! whether it was put where it belongs.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::a_an;
use crate::engine::core::token_format::{Placement, TokenFormat};

pub use crate::engine::core::token_format::identify;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "A GitLab personal access token": what the token is and where it belongs.
    pub const IDENTIFIED: FindingId = FindingId("token.identified");
    /// The format belongs in its own header or query parameter, not in Authorization.
    pub const NOT_IN_AUTHORIZATION: FindingId = FindingId("token.not_in_authorization");
    /// The format belongs in Authorization: Bearer, not in this header.
    pub const WRONG_HEADER: FindingId = FindingId("token.wrong_header");
    /// The format is a Basic password, not a Bearer token.
    pub const NEEDS_BASIC: FindingId = FindingId("token.needs_basic");
    /// The format needs a fixed Basic user name (PyPI: `__token__`).
    pub const BASIC_USERNAME: FindingId = FindingId("token.basic_username");
    /// A refresh token sent to an API.
    pub const NOT_FOR_API: FindingId = FindingId("token.not_for_api");
    /// A publishable (public) key used for a server call.
    pub const PUBLISHABLE_KEY: FindingId = FindingId("token.publishable_key");
    /// A Slack app-level token, which only opens Socket Mode connections.
    pub const SLACK_APP_LEVEL: FindingId = FindingId("token.slack.app_level");
    /// A CI runner token, which cannot call the API.
    pub const RUNNER_TOKEN: FindingId = FindingId("token.runner_token");
    /// The format is read from a header, not from the URL's query.
    pub const NOT_IN_QUERY: FindingId = FindingId("token.not_in_query");
    /// A key sent to another vendor's API.
    pub const WRONG_SERVICE: FindingId = FindingId("token.wrong_service");
    /// An AWS key id sent on its own instead of a signature.
    pub const KEY_ID_ALONE: FindingId = FindingId("token.aws_key_id_alone");
}

/// How the token travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier<'a> {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// The password of Basic credentials, with this user name.
    BasicPassword(&'a str),
    /// The user name of Basic credentials.
    BasicUser,
    /// Another `Authorization` scheme (`token`, `ApiKey`…).
    Scheme(&'a str),
    /// A header other than `Authorization`, by name.
    Header(&'a str),
    /// Seen in text (a config file, a log, tool output) without knowing how it was sent.
    Unknown,
    /// A URL query parameter, by name.
    Query(&'a str),
}

fn doc(f: &TokenFormat) -> SpecRef {
    SpecRef::new("vendor documentation", f.doc)
}

/// What the token is, plus a finding for each way its placement breaks the request.
pub fn findings(f: &TokenFormat, carrier: Carrier) -> Vec<Finding> {
    let mut out = vec![Finding::info(
        ids::IDENTIFIED,
        format!("{} {} {}", a_an(f.issuer), f.issuer, f.what),
        format!("It belongs in: {}. {} Anyone who sees it can use it: if it was shared, logged or committed, revoke it.", f.usage, f.note),
    )
    .spec(doc(f))];
    let in_authorization = matches!(
        carrier,
        Carrier::Bearer | Carrier::Scheme(_) | Carrier::BasicPassword(_) | Carrier::BasicUser
    );
    let misuse = match (f.placement, carrier) {
        // Without knowing how it was sent, only say what it is.
        (_, Carrier::Unknown) => None,
        (Placement::TokenEndpoint, _) => Some(Finding::error(
            ids::NOT_FOR_API,
            format!("{} {} {} was sent to an API", a_an(f.issuer), f.issuer, f.what),
            "A refresh token is only exchanged at the token endpoint for a new access token; APIs reject it.",
        )
        .fix(format!("Exchange it for an access token first, then send that. ({})", f.usage))),
        (Placement::RunnerOnly, _) => Some(Finding::error(
            ids::RUNNER_TOKEN,
            format!("{} {} {} cannot call the API", a_an(f.issuer), f.issuer, f.what),
            f.note,
        )
        .fix("Use a personal, project or group access token (glpat-) for API calls.")),
        (Placement::Browser, _) => Some(Finding::error(
            ids::PUBLISHABLE_KEY,
            format!("{} {} {} cannot make server API calls", a_an(f.issuer), f.issuer, f.what),
            f.note,
        )
        .fix("Use the secret key (sk_…) or a restricted key (rk_…) on the server; keep the publishable key for the browser SDK.")),
        (Placement::SigV4, Carrier::Bearer | Carrier::Scheme(_) | Carrier::Query(_)) => Some(Finding::error(
            ids::KEY_ID_ALONE,
            format!("{} {} {} sent as a token", a_an(f.issuer), f.issuer, f.what),
            "An access key id identifies a key; AWS needs the request signed with its secret (Signature V4).",
        )
        .fix("Sign the request with an AWS SDK or the CLI (aws sigv4), which builds the Authorization header.")),
        (Placement::Header(h), _) if in_authorization => Some(Finding::error(
            ids::NOT_IN_AUTHORIZATION,
            format!("{} {} {} does not go in the Authorization header", a_an(f.issuer), f.issuer, f.what),
            format!("{} reads it only from: {}. In Authorization it is not seen, so the request counts as unauthenticated.", f.issuer, f.usage),
        )
        .fix(match h.first() {
            Some(name) => format!("Send it as {name}: <key> and remove it from Authorization."),
            None => format!("Send it as: {}.", f.usage),
        })),
        (Placement::Header(h), Carrier::Header(name)) if !h.is_empty() && !h.iter().any(|x| x.eq_ignore_ascii_case(name)) => Some(Finding::error(
            ids::WRONG_HEADER,
            format!("{} {} {} in {name}", a_an(f.issuer), f.issuer, f.what),
            format!("It belongs in: {}.", f.usage),
        )
        .fix(format!("Send it as {}: <key>.", h[0]))),
        (Placement::Bearer(h), Carrier::Header(name)) if !h.iter().any(|x| x.eq_ignore_ascii_case(name)) => Some(Finding::error(
            ids::WRONG_HEADER,
            format!("{} {} {} in {name}", a_an(f.issuer), f.issuer, f.what),
            format!("It belongs in: {}. {name} is read for other kinds of keys.", f.usage),
        )
        .fix("Send it as Authorization: Bearer <token>.")),
        (Placement::BasicPassword(_), Carrier::Bearer | Carrier::Scheme(_)) => Some(Finding::error(
            ids::NEEDS_BASIC,
            format!("{} {} {} is a Basic password, not a Bearer token", a_an(f.issuer), f.issuer, f.what),
            format!("It belongs in: {}. {}", f.usage, f.note),
        )
        .fix("Send Basic credentials: curl -u 'USER:TOKEN' …")),
        (Placement::BasicPassword(None), Carrier::BasicPassword(sent)) if f.prefix == "dckr_pat_" && sent.contains('@') => Some(Finding::error(
            ids::BASIC_USERNAME,
            format!("{} {} {} needs your Docker ID as user name", a_an(f.issuer), f.issuer, f.what),
            format!("The user name sent was \"{sent}\", an e-mail address. Docker Hub accepts access tokens only with the account's Docker ID."),
        )
        .fix("Log in with docker login -u <Docker ID> and the token as the password.")
        .spec(doc(f))),
        (Placement::BasicPassword(Some(user)), Carrier::BasicPassword(sent)) if sent != user => Some(Finding::error(
            ids::BASIC_USERNAME,
            format!("{} {} {} needs the user name {user}", a_an(f.issuer), f.issuer, f.what),
            format!("The user name sent was \"{sent}\". {}", f.note),
        )
        .fix(format!("Use the user name {user} (e.g. TWINE_USERNAME={user}) and the token as the password."))),
        (Placement::Header(h), Carrier::Query(name)) if !h.is_empty() && !f.usage.contains(&format!("?{name}=")) => Some(Finding::error(
            ids::NOT_IN_QUERY,
            format!("{} {} {} is not read from the query (?{name}=)", a_an(f.issuer), f.issuer, f.what),
            format!("{} reads it only from: {}. In the URL it is not seen, and it leaks into logs and history.", f.issuer, f.usage),
        )
        .fix(format!("Send it as {}: <key> and take it out of the URL.", h[0]))),
        (Placement::Bearer(_), Carrier::Query(name)) if name != "access_token" => Some(Finding::error(
            ids::NOT_IN_QUERY,
            format!("{} {} {} is not read from the query (?{name}=)", a_an(f.issuer), f.issuer, f.what),
            format!("It belongs in: {}. Most APIs ignore tokens in the URL (GitHub stopped reading them in 2021).", f.usage),
        )
        .fix("Send it as Authorization: Bearer <token> and take it out of the URL.")),
        _ => None,
    };
    out.extend(misuse);
    if f.prefix == "xapp-" && carrier != Carrier::Unknown {
        out.push(
            Finding::warning(
                ids::SLACK_APP_LEVEL,
                "A Slack app-level token works only for Socket Mode",
                f.note,
            )
            .fix("Call Web API methods with the bot token (xoxb-) from OAuth & Permissions.")
            .spec(doc(f)),
        );
    }
    out
}

/// A key sent to the API of another vendor (an OpenRouter key to api.openai.com).
pub fn wrong_service(f: &TokenFormat, host: &str) -> Option<Finding> {
    let vendor = crate::engine::core::token_format::vendor_of_host(host)?;
    // Generic sk- keys are OpenAI's form, accepted by OpenAI.
    let same = vendor == f.issuer || (f.issuer == "OpenAI-style" && vendor == "OpenAI");
    (!same).then(|| {
        Finding::error(
            ids::WRONG_SERVICE,
            format!("{} {} {} sent to {vendor}", a_an(f.issuer), f.issuer, f.what),
            format!("{host} is {vendor}'s API, and it knows only its own keys: it answers as if the key were wrong. Often the client's base URL was left at its default."),
        )
        .fix(format!("Send it to {}'s API (set the client's base URL), or use a {vendor} key here.", f.issuer))
        .spec(doc(f))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(token: &str, c: Carrier) -> Vec<&'static str> {
        findings(identify(token).unwrap(), c)
            .iter()
            .map(|f| f.id.as_str())
            .collect()
    }

    #[test]
    fn placement_rules() {
        // Anthropic keys go in x-api-key; its OAuth tokens in Bearer (anthropics/claude-code threads).
        assert!(ids_of("sk-ant-api03-aaaaaaaaaaaaaaaa", Carrier::Bearer)
            .contains(&"token.not_in_authorization"));
        assert!(ids_of(
            "sk-ant-oat01-aaaaaaaaaaaaaaaa",
            Carrier::Header("x-api-key")
        )
        .contains(&"token.wrong_header"));
        assert_eq!(
            ids_of("glpat-xxxxxxxxxxxxxxxxxxxx", Carrier::Bearer),
            ["token.identified"]
        );
        assert_eq!(
            ids_of(
                "glpat-xxxxxxxxxxxxxxxxxxxx",
                Carrier::Header("PRIVATE-TOKEN")
            ),
            ["token.identified"]
        );
        assert!(
            ids_of("pypi-AgEIcHlwaS5vcmcCJGE", Carrier::BasicPassword("alice"))
                .contains(&"token.basic_username")
        );
        assert_eq!(
            ids_of(
                "pypi-AgEIcHlwaS5vcmcCJGE",
                Carrier::BasicPassword("__token__")
            ),
            ["token.identified"]
        );
        assert!(
            ids_of("pk_live_aaaaaaaaaaaaaaaa", Carrier::Bearer).contains(&"token.publishable_key")
        );
        assert!(ids_of("xapp-1-A0000000000-aaaaaaaa", Carrier::Bearer)
            .contains(&"token.slack.app_level"));
    }
}
