//! API keys and tokens put in a URL's query (`?key=`, `?code=`, `?subscription-key=`,
//! `?access_token=`…): they count as credentials, leak wherever URLs go, and some belong in a
//! header instead. Also the keys that went to the wrong host's API.

use super::query::{Pair, Query};
use super::Use;
use crate::engine::core::finding::{Finding, Report, SpecRef};
use crate::engine::core::text;
use crate::engine::core::token_format;
use crate::engine::credential::known_token::{self, Carrier};
use crate::engine::jwt;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A credential in the query: it leaks into logs, history and Referer.
    pub const IN_URL: FindingId = FindingId("urlkey.in_url");
    /// API Management said the subscription key is missing though the query has one.
    pub const APIM_QUERY_NOT_READ: FindingId = FindingId("urlkey.apim_query_not_read");
    /// An Azure Functions host got its key in a header it does not read.
    pub const FUNCTIONS_HEADER: FindingId = FindingId("urlkey.functions_header");
    /// An OpenAI platform key sent to Azure OpenAI.
    pub const OPENAI_KEY_AT_AZURE: FindingId = FindingId("urlkey.openai_key_at_azure");
}

/// A query parameter that carries a credential.
pub struct Param {
    /// The parameter name (matched case-insensitively).
    pub name: &'static str,
    /// Whose credential it is.
    pub whose: &'static str,
    /// The header form to send instead.
    pub header: &'static str,
    /// The vendor's page.
    pub doc: &'static str,
}

const fn p(
    name: &'static str,
    whose: &'static str,
    header: &'static str,
    doc: &'static str,
) -> Param {
    Param {
        name,
        whose,
        header,
        doc,
    }
}

const RFC6750_QUERY: &str = "https://www.rfc-editor.org/rfc/rfc6750#section-2.3";

/// Query parameters that carry credentials.
pub const PARAMS: &[Param] = &[
    p(
        "key",
        "a Google API key",
        "x-goog-api-key: <key>",
        "https://cloud.google.com/docs/authentication/api-keys-use",
    ),
    p(
        "code",
        "an Azure Functions key",
        "x-functions-key: <key>",
        "https://learn.microsoft.com/en-us/azure/azure-functions/function-keys-how-to",
    ),
    p(
        "subscription-key",
        "an Azure API Management subscription key",
        "Ocp-Apim-Subscription-Key: <key>",
        "https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions",
    ),
    p(
        "apikey",
        "an API key",
        "the API's key header (often x-api-key: <key>)",
        RFC6750_QUERY,
    ),
    p(
        "api_key",
        "an API key",
        "the API's key header (often x-api-key: <key>)",
        RFC6750_QUERY,
    ),
    p(
        "api-key",
        "an API key",
        "the API's key header (often api-key or x-api-key)",
        RFC6750_QUERY,
    ),
    p(
        "access_token",
        "an OAuth access token",
        "Authorization: Bearer <token>",
        RFC6750_QUERY,
    ),
    p(
        "private_token",
        "a GitLab access token",
        "PRIVATE-TOKEN: <token>",
        "https://docs.gitlab.com/api/rest/authentication/",
    ),
    p(
        "job_token",
        "a GitLab CI job token",
        "JOB-TOKEN: <token>",
        "https://docs.gitlab.com/ci/jobs/ci_job_token/",
    ),
    p(
        "client_secret",
        "an OAuth client secret",
        "the token request's body or Basic auth, never a URL",
        "https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1",
    ),
    p(
        "token",
        "a token",
        "Authorization: Bearer <token> (or the API's own header)",
        RFC6750_QUERY,
    ),
    p(
        "auth_token",
        "a token",
        "Authorization: Bearer <token> (or the API's own header)",
        RFC6750_QUERY,
    ),
];

/// Whether a `code` parameter is an Azure Functions key rather than an OAuth authorization code.
fn functions_host(q: &Query) -> bool {
    q.url.host.ends_with(".azurewebsites.net") || q.path().starts_with("/api/")
}

/// The credential parameters in the query, with what each is.
pub fn found(q: &Query) -> Vec<(&Pair, &'static Param)> {
    q.pairs
        .iter()
        .filter(|pair| !pair.value.is_empty())
        .filter_map(|pair| {
            let param = PARAMS
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&pair.name))?;
            let known = token_format::identify(&pair.value).is_some();
            let keep = match param.name {
                "code" => functions_host(q),
                "key" => pair.value.starts_with("AIza") || q.url.host.ends_with("googleapis.com"),
                "token" | "auth_token" => known || pair.value.len() >= 16,
                _ => true,
            };
            keep.then_some((pair, param))
        })
        .collect()
}

/// Keys the vendor documents in the URL because nothing else can carry them, and which are
/// public by design (restricted by referrer or URL instead): any token to a Mapbox API (they read
/// it only from ?access_token=; public pk. tokens are made for web pages), a Maps JavaScript,
/// Static or Street View API key in a script or image URL, or an Embed API key.
fn in_url_by_design(q: &Query, pair: &Pair) -> bool {
    if let Some(f) = token_format::identify(&pair.value) {
        if let token_format::Placement::PublicQuery(name) = f.placement {
            return pair.name.eq_ignore_ascii_case(name);
        }
    }
    let host = q.url.host.to_ascii_lowercase();
    let path = q.path();
    let mapbox = host == "mapbox.com" || host.ends_with(".mapbox.com");
    let maps = [
        "/maps/api/js",
        "/maps/api/staticmap",
        "/maps/api/streetview",
    ];
    (mapbox && pair.name.eq_ignore_ascii_case("access_token"))
        || (pair.name == "key"
            && ((host == "maps.googleapis.com" && maps.iter().any(|p| path.starts_with(p)))
                || (host == "www.google.com" && path.starts_with("/maps/embed/"))))
}

/// Findings for credentials in the query, and for keys sent to the wrong host's API.
/// `signed`: the URL is a signed URL, which is meant to travel (no leak warning then).
pub fn analyze(q: &Query, u: &Use, signed: bool, r: &mut Report) {
    for (pair, param) in found(q).into_iter().take(5) {
        if !signed && !in_url_by_design(q, pair) {
            r.push(Finding::warning(ids::IN_URL, format!("{} in the URL (?{}=)", crate::engine::core::text::capitalise(param.whose), pair.name), "A URL is written to server and proxy access logs, browser history and bookmarks, and sent to other sites in the Referer header: anyone who reads them can use the credential.").fix(format!("Send it as {} instead, and rotate it if the URL was shared or logged.", param.header)).spec(SpecRef::new("vendor documentation", param.doc)));
        }
        if let Some(f) = token_format::identify(&pair.value) {
            for x in known_token::findings(f, Carrier::Query(param.name)) {
                r.push(x);
            }
        }
        if jwt::looks_like_jwt(&pair.value) {
            if let Some(now) = u.now {
                r.absorb(jwt::analyze(
                    &pair.value,
                    crate::engine::core::clock::Clock {
                        now: Some(now),
                        leeway: u.leeway,
                        offset_minutes: 0,
                    },
                ));
            }
        }
        if param.name == "subscription-key" {
            apim(pair, u, r);
        }
    }
    functions(q, u, r);
    openai_at_azure(q, u, r);
}

/// APIM answered "missing subscription key" although the query carried one: the API reads
/// another query parameter name, or only the header.
fn apim(pair: &Pair, u: &Use, r: &mut Report) {
    let Some((status, _)) = u.response else {
        return;
    };
    if status == 401
        && u.body
            .is_some_and(|b| b.contains("missing subscription key"))
    {
        r.push(Finding::error(ids::APIM_QUERY_NOT_READ, "API Management did not read the key from the query", format!("The request carried ?{}=, yet APIM says the subscription key is missing: this API's settings name another query parameter (or header), so the key went unseen.", pair.name)).fix("Send it as Ocp-Apim-Subscription-Key: <key>, or use the query parameter name set on the API (Settings → Subscription → Query parameter name).").spec(SpecRef::new("Azure API Management: subscriptions", "https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions")));
    }
}

/// A Functions app with its key in x-api-key, which it does not read.
fn functions(q: &Query, u: &Use, r: &mut Report) {
    let Some(headers) = u.headers else { return };
    if !q.url.host.ends_with(".azurewebsites.net") || q.get("code").is_some() {
        return;
    }
    let sent = |n: &str| headers.iter().any(|h| h.is(n));
    if !sent("x-functions-key") {
        if let Some(h) = headers
            .iter()
            .find(|h| h.is("x-api-key") || h.is("api-key"))
        {
            r.push(Finding::error(ids::FUNCTIONS_HEADER, format!("Azure Functions does not read {}", h.name), "A function with authLevel function or admin takes its key only from x-functions-key or ?code=; a key elsewhere is not seen, so the call answers 401.").fix("Send it as x-functions-key: <key> (or ?code=<key>).").spec(SpecRef::new("Azure Functions: access keys", "https://learn.microsoft.com/en-us/azure/azure-functions/function-keys-how-to")));
        }
    }
}

/// An OpenAI platform key (sk-…) sent to an Azure OpenAI resource.
fn openai_at_azure(q: &Query, u: &Use, r: &mut Report) {
    let Some(headers) = u.headers else { return };
    let host = &q.url.host;
    if !(host.ends_with(".openai.azure.com") || host.ends_with(".cognitiveservices.azure.com")) {
        return;
    }
    let openai = headers.iter().find(|h| {
        let v = h.value.trim();
        let v = v
            .strip_prefix("Bearer ")
            .or(v.strip_prefix("bearer "))
            .unwrap_or(v)
            .trim();
        (h.is("authorization") || h.is("api-key"))
            && v.starts_with("sk-")
            && !v.starts_with("sk-ant-")
    });
    if let Some(h) = openai {
        r.push(Finding::error(ids::OPENAI_KEY_AT_AZURE, "An OpenAI platform key sent to Azure OpenAI", format!("The {} header carries an sk-… key from platform.openai.com; {} is an Azure OpenAI resource, which accepts only its own keys (32 hex characters, from the resource's Keys and Endpoint page) or an Entra ID token.", h.name, text::clip(host, 80))).fix("Send the Azure resource's key as api-key: <key>, or an Entra ID token as Authorization: Bearer; keep the sk- key for api.openai.com.").spec(SpecRef::new("Azure OpenAI: authentication", "https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#authentication")));
    }
}
