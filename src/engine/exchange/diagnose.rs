//! The diagnosis: what the request and response say together, cause first.

use super::status_finding;
use crate::engine::challenge::Challenges;
use crate::engine::context::{Context, RequestInfo};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::time;
use crate::engine::http::{self, Exchange};
use crate::engine::{authparams, jwt};
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Apache with PHP often drops the Authorization header"
    pub const APACHE_DROPS_AUTHORIZATION: FindingId =
        FindingId("exchange.apache_drops_authorization");
    /// "The token's audience does not name this host"
    pub const AUDIENCE_NOT_HOST: FindingId = FindingId("exchange.audience_not_host");
    /// "The token had expired when the server answered ({})"
    pub const EXPIRED_AT_RESPONSE: FindingId = FindingId("exchange.expired_at_response");
    /// "IIS with Windows authentication"
    pub const IIS_WINDOWS_AUTH: FindingId = FindingId("exchange.iis_windows_auth");
    /// "The token lacks a required scope"
    pub const INSUFFICIENT_SCOPE: FindingId = FindingId("exchange.insufficient_scope");
    /// "nginx in front: check it forwards Authorization"
    pub const NGINX_FORWARDING: FindingId = FindingId("exchange.nginx_forwarding");
    /// "No credentials were sent{}"
    pub const NO_CREDENTIALS_SENT: FindingId = FindingId("exchange.no_credentials_sent");
    /// "Realm mismatch"
    pub const REALM_MISMATCH: FindingId = FindingId("exchange.realm_mismatch");
    /// "Redirect to another origin"
    pub const REDIRECT_CROSS_ORIGIN: FindingId = FindingId("exchange.redirect_cross_origin");
    /// "Redirect from https to http"
    pub const REDIRECT_TO_HTTP: FindingId = FindingId("exchange.redirect_to_http");
    /// "Scheme mismatch: the client sent {s}, the server offers {offered}"
    pub const SCHEME_MISMATCH: FindingId = FindingId("exchange.scheme_mismatch");
    /// "The credentials were sent but rejected"
    pub const CREDENTIALS_REJECTED: FindingId = FindingId("exchange.credentials_rejected");
}

const RFC9110_AUTH: SpecRef = SpecRef::new(
    "RFC 9110 §11.6",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.6",
);

/// Diagnosis findings, most decisive first.
/// `likely` is the title of the most likely cause the credential and challenge analyses found.
pub fn run(
    ex: &Exchange,
    req: Option<&RequestInfo>,
    ch: &Challenges,
    ctx: &Context,
    likely: Option<&str>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(resp) = &ex.response else { return out };
    let code = resp.status.as_ref().map(|s| s.code);
    let header = |n: &str| {
        http::header_values(&resp.headers, n)
            .first()
            .map(|s| s.to_string())
    };
    let proxy = code == Some(407);
    if let Some(c) = code {
        if (300..400).contains(&c) {
            redirect(&mut out, header("location").as_deref(), req);
        }
    }
    let Some(req) = req else {
        if let Some(f) = code
            .and_then(|c| status_finding(c, !ch.items.is_empty(), proxy && !ch.items.is_empty()))
        {
            out.push(f);
        }
        return out;
    };
    let cred_header = if proxy {
        "proxy-authorization"
    } else {
        "authorization"
    };
    let sent = req.header(cred_header).map(str::to_string);
    let sent_item = sent
        .as_deref()
        .and_then(|v| authparams::parse(v).items.into_iter().next());
    let sent_scheme = sent_item.as_ref().map(|i| i.scheme.clone());
    if matches!(code, Some(401) | Some(407)) {
        let api_key = !proxy
            && (crate::engine::credential::api_key::has_credential(&req.headers)
                || req
                    .url()
                    .is_some_and(|u| crate::engine::signed::url_has_credential(&u)));
        match (&sent_scheme, ch.items.is_empty()) {
            (None, _) if api_key => {}
            (None, _) => {
                let offered = ch
                    .items
                    .iter()
                    .map(|i| i.scheme.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ");
                let cookie = req.header("cookie").is_some();
                out.push(Finding::error(ids::NO_CREDENTIALS_SENT,
                    format!("No credentials were sent{}", if proxy { " to the proxy" } else { "" }),
                    if offered.is_empty() {
                        format!("The request has no {cred_header} header{}, so the server answered {}.", if cookie { "" } else { " and no cookie" }, code.unwrap_or(401))
                    } else {
                        format!("The request has no {cred_header} header; the server asks for {offered}.{}", if cookie { "" } else { " It carried no cookie either: if this app uses a session cookie, the browser did not send it (SameSite, blocked third-party cookies, or fetch without credentials: 'include')." })
                    },
                ).fix(if proxy { "Configure the proxy credentials in the client.".to_string() } else { format!("Send {cred_header}: {} …", ch.items.first().map_or("Bearer", |i| i.scheme.as_str())) }).spec(RFC9110_AUTH));
            }
            (Some(s), false) if !ch.offers(s) => {
                let offered = ch
                    .items
                    .iter()
                    .map(|i| i.scheme.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(Finding::error(ids::SCHEME_MISMATCH,
                    format!("Scheme mismatch: the client sent {s}, the server offers {offered}"),
                    "The server does not accept this kind of credential here, however correct it is.",
                ).fix(format!("Send credentials in one of: {offered}.")).spec(RFC9110_AUTH));
            }
            (Some(_), _) => {
                out.push(Finding::error(ids::CREDENTIALS_REJECTED,
                    match likely {
                        Some(cause) => format!("The credentials were sent but rejected — most likely: {cause}"),
                        None => "The credentials were sent but rejected".to_string(),
                    },
                    match likely {
                        Some(_) => "The server received a credential in a scheme it accepts and still answered 401. The finding named here explains why; the details follow below.",
                        None => "The server received a credential in a scheme it accepts and still answered 401, and nothing looks wrong with the credential itself: a proxy may have stripped the header on the way, the password or token may simply be wrong or revoked, or the server checks another realm, audience or user store.",
                    },
                ).spec(RFC9110_AUTH));
                server_traps(&mut out, &header, ch);
            }
        }
    }
    if let (Some(item), Some(s)) = (&sent_item, &sent_scheme) {
        if s.eq_ignore_ascii_case("digest") {
            if let (Some(a), Some(b)) = (
                item.param("realm"),
                ch.get("digest").and_then(|c| c.param("realm")),
            ) {
                if a != b {
                    out.push(Finding::error(ids::REALM_MISMATCH, "Realm mismatch", format!("The credentials were computed for realm \"{a}\", the server's realm is \"{b}\".")).fix("Recompute the Digest with the realm from the challenge.").spec(RFC9110_AUTH));
                }
            }
        }
        if s.eq_ignore_ascii_case("bearer") || s.eq_ignore_ascii_case("dpop") {
            if let Some(claims) = item.token68.as_deref().and_then(jwt::claims) {
                bearer_checks(&mut out, &claims, req, ch, ctx);
            }
        }
    }
    if let Some(f) =
        code.and_then(|c| status_finding(c, !ch.items.is_empty(), !ch.items.is_empty()))
    {
        out.push(f);
    }
    out
}

fn redirect(out: &mut Vec<Finding>, location: Option<&str>, req: Option<&RequestInfo>) {
    let Some(loc) = location else { return };
    let Some((scheme, rest)) = loc.split_once("://") else {
        return;
    };
    let host = rest.split('/').next().unwrap_or("");
    let req_host = req.and_then(|r| r.header("host")).unwrap_or("");
    let req_https = req
        .and_then(|r| r.target.as_deref())
        .is_some_and(|t| t.starts_with("https://"));
    let sent_auth = req.is_some_and(|r| r.header("authorization").is_some());
    if scheme.eq_ignore_ascii_case("http") && req_https {
        out.push(Finding::error(ids::REDIRECT_TO_HTTP, "Redirect from https to http", format!("The response sends the client to {loc}: clients drop the Authorization header on this downgrade (and credentials would travel in clear).")).fix("Fix the server's redirect to stay on https (check X-Forwarded-Proto behind a proxy)."));
    } else if !req_host.is_empty() && !host.eq_ignore_ascii_case(req_host) {
        out.push(Finding::error(ids::REDIRECT_CROSS_ORIGIN,
            "Redirect to another origin",
            format!("The response sends the client to {host}. {}Browsers, curl (without --location-trusted) and most HTTP libraries drop the Authorization header when a redirect crosses origins, so the next request arrives without credentials and gets 401.", if sent_auth { "The request carried an Authorization header. " } else { "" }),
        ).fix("Call the final URL directly, or fix the redirect (trailing slash, http→https, apex→www) so it stays on the same origin.").spec(SpecRef::new("Fetch: HTTP-redirect fetch", "https://fetch.spec.whatwg.org/#http-redirect-fetch")));
    }
}

/// Claims as strings: `aud` or `scope`/`scp` may be a string or an array.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(' ')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn bearer_checks(
    out: &mut Vec<Finding>,
    claims: &serde_json::Map<String, Value>,
    req: &RequestInfo,
    ch: &Challenges,
    ctx: &Context,
) {
    if let (Some(exp), Some(now)) = (claims.get("exp").and_then(Value::as_i64), ctx.clock.now) {
        if exp.saturating_add(ctx.clock.leeway) < now {
            out.push(
                Finding::error(
                    ids::EXPIRED_AT_RESPONSE,
                    format!(
                        "The token had expired when the server answered ({})",
                        time::relative(exp, now)
                    ),
                    format!(
                        "exp is {}; the response is dated {}.",
                        time::utc(exp),
                        time::utc(now)
                    ),
                )
                .fix("Refresh the token before it expires, and retry on 401 with a fresh one.")
                .spec(SpecRef::new(
                    "RFC 7519 §4.1.4",
                    "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4",
                )),
            );
        }
    }
    let aud = strings(claims.get("aud"));
    if let Some(host) = req
        .header("host")
        .map(|h| h.split(':').next().unwrap_or(h).to_ascii_lowercase())
    {
        let url_like: Vec<&String> = aud
            .iter()
            .filter(|a| a.contains("://") || a.contains('.'))
            .collect();
        if !url_like.is_empty()
            && !url_like
                .iter()
                .any(|a| a.to_ascii_lowercase().contains(&host))
        {
            out.push(Finding::warning(ids::AUDIENCE_NOT_HOST,
                "The token's audience does not name this host",
                format!("aud is {}, the request goes to {host}. If this API checks aud, it rejects a token issued for another API.", aud.join(", ")),
            ).fix("Request the token for this API's audience (the resource / audience parameter at the authorization server).").spec(SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")));
        }
    }
    if let Some(bearer) = ch.get("bearer").or_else(|| ch.get("dpop")) {
        if bearer.param("error") == Some("insufficient_scope") {
            let required: Vec<String> = bearer
                .param("scope")
                .map(|s| {
                    s.split(' ')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let mut has = strings(claims.get("scope"));
            has.extend(strings(claims.get("scp")));
            has.extend(strings(claims.get("roles")));
            let missing: Vec<&String> = required.iter().filter(|s| !has.contains(s)).collect();
            out.push(Finding::error(ids::INSUFFICIENT_SCOPE,
                "The token lacks a required scope",
                format!(
                    "The server requires {}; the token has {}.{}",
                    if required.is_empty() { "more scope (it did not say which)".to_string() } else { required.join(" ") },
                    if has.is_empty() { "no scope or scp claim".to_string() } else { has.join(" ") },
                    if missing.is_empty() { String::new() } else { format!(" Missing: {}.", missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")) }
                ),
            ).fix("Request a token with the missing scope (and grant the app that permission at the authorization server).").spec(SpecRef::new("RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1")));
        }
    }
}

/// Well-known server set-ups that lose or refuse credentials.
fn server_traps(out: &mut Vec<Finding>, header: &dyn Fn(&str) -> Option<String>, ch: &Challenges) {
    let server = header("server").unwrap_or_default().to_ascii_lowercase();
    let powered = header("x-powered-by")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if server.contains("apache") && (powered.contains("php") || server.contains("php")) {
        out.push(Finding::warning(ids::APACHE_DROPS_AUTHORIZATION,
            "Apache with PHP often drops the Authorization header",
            "With PHP-FPM or CGI, Apache does not pass Authorization to PHP by default, so the app sees no credentials although the client sent them.",
        ).fix("In Apache 2.4.13+: CGIPassAuth On (in the vhost or .htaccess). Older: RewriteEngine On + RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]."));
    }
    if server.contains("nginx") {
        out.push(Finding::info(ids::NGINX_FORWARDING,
            "nginx in front: check it forwards Authorization",
            "nginx passes Authorization to the upstream unless a proxy_set_header Authorization line (or proxy_pass_request_headers off) replaces it, and a FastCGI upstream needs it passed explicitly.",
        ).fix("For proxy_pass remove any proxy_set_header Authorization \"\"; for FastCGI add fastcgi_param HTTP_AUTHORIZATION $http_authorization;"));
    }
    if server.contains("microsoft-iis") && (ch.offers("negotiate") || ch.offers("ntlm")) {
        out.push(Finding::info(ids::IIS_WINDOWS_AUTH,
            "IIS with Windows authentication",
            "NTLM needs all three messages on one kept-alive connection (a load balancer or proxy that reuses or splits connections breaks it); Kerberos needs an SPN for the host name used; browsers only answer for sites in the intranet zone or their allow-list.",
        ).fix("Reach IIS by the host name with the SPN (setspn -L), keep connections sticky through the load balancer, or enable Basic/Bearer for non-Windows clients."));
    }
}
