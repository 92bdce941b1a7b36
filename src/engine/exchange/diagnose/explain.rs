//! What each diagnosed cause means and what to change, cause first.

use super::decide::Cause;
use super::ids;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;
use crate::engine::core::time;
use crate::engine::credential::api_gateway;
use crate::engine::exchange::status_finding;
use std::collections::HashSet;

/// Characters of a list of scopes or audiences quoted in an explanation.
const LIST_CHARS: usize = 400;

const RFC9110_AUTH: SpecRef = SpecRef::new(
    "RFC 9110 §11.6",
    "https://www.rfc-editor.org/rfc/rfc9110#section-11.6",
);

/// The finding for a cause; `None` for a status with nothing to say.
pub fn finding(c: &Cause) -> Option<Finding> {
    Some(match c {
        Cause::RedirectToHttp { location } => Finding::error(ids::REDIRECT_TO_HTTP, "Redirect from https to http", format!("The response sends the client to {location}: clients drop the Authorization header on this downgrade (and credentials would travel in clear).")).fix("Fix the server's redirect to stay on https (check X-Forwarded-Proto behind a proxy)."),
        Cause::RedirectCrossOrigin { host, sent_auth } => Finding::error(ids::REDIRECT_CROSS_ORIGIN,
            "Redirect to another origin",
            format!("The response sends the client to {host}. {}Browsers, curl (without --location-trusted) and most HTTP libraries drop the Authorization header when a redirect crosses origins, so the next request arrives without credentials and gets 401.", if *sent_auth { "The request carried an Authorization header. " } else { "" }),
        ).fix("Call the final URL directly, or fix the redirect (trailing slash, http→https, apex→www) so it stays on the same origin.").spec(SpecRef::new("Fetch: HTTP-redirect fetch", "https://fetch.spec.whatwg.org/#http-redirect-fetch")),
        Cause::NoCredentials { proxy, offered, cookie, code } => {
            let cred_header = if *proxy { "proxy-authorization" } else { "authorization" };
            let offered_or = offered.join(" or ");
            Finding::error(ids::NO_CREDENTIALS_SENT,
                format!("No credentials were sent{}", if *proxy { " to the proxy" } else { "" }),
                if offered.is_empty() {
                    format!("The request has no {cred_header} header{}, so the server answered {code}.", if *cookie { "" } else { " and no cookie" })
                } else {
                    format!("The request has no {cred_header} header; the server asks for {offered_or}.{}", if *cookie { "" } else { " It carried no cookie either: if this app uses a session cookie, the browser did not send it (SameSite, blocked third-party cookies, or fetch without credentials: 'include')." })
                },
            ).fix(if *proxy { "Configure the proxy credentials in the client.".to_string() } else { format!("Send {cred_header}: {} …", offered.first().map_or("Bearer", String::as_str)) }).spec(RFC9110_AUTH)
        }
        Cause::SchemeMismatch { sent, offered } => {
            let offered = offered.join(", ");
            Finding::error(ids::SCHEME_MISMATCH,
                format!("Scheme mismatch: the client sent {sent}, the server offers {offered}"),
                "The server does not accept this kind of credential here, however correct it is.",
            ).fix(format!("Send credentials in one of: {offered}.")).spec(RFC9110_AUTH)
        }
        Cause::CredentialsRejected { likely } => Finding::error(ids::CREDENTIALS_REJECTED,
            match likely {
                Some(cause) => format!("The credentials were sent but rejected — most likely: {cause}"),
                None => "The credentials were sent but rejected".to_string(),
            },
            match likely {
                Some(_) => "The server received a credential in a scheme it accepts and still answered 401. The finding named here explains why; the details follow below.",
                None => "The server received a credential in a scheme it accepts and still answered 401, and nothing looks wrong with the credential itself: a proxy may have stripped the header on the way, the password or token may simply be wrong or revoked, or the server checks another realm, audience or user store.",
            },
        ).spec(RFC9110_AUTH),
        Cause::RealmMismatch { sent, server } => Finding::error(ids::REALM_MISMATCH, "Realm mismatch", format!("The credentials were computed for realm \"{sent}\", the server's realm is \"{server}\".")).fix("Recompute the Digest with the realm from the challenge.").spec(RFC9110_AUTH),
        Cause::ExpiredAtResponse { exp, now, dated } => {
            let (id, title, judged, caveat) = if *dated {
                (
                    ids::EXPIRED_AT_RESPONSE,
                    format!("The token had expired when the server answered ({})", time::out_of_range(*exp).map_or_else(|| format!("{} before", time::human_duration(exp.abs_diff(*now))), str::to_string)),
                    format!("the response is dated {}.", time::utc(*now)),
                    "",
                )
            } else {
                // No Date: judged by this device's clock, which an old transcript may be far behind.
                (
                    ids::EXPIRED_UNDATED,
                    format!("The token has expired ({})", time::relative(*exp, *now)),
                    format!("this device's clock says {}.", time::utc(*now)),
                    " The response has no Date, so if this exchange was recorded before exp, the expiry was not the cause.",
                )
            };
            Finding::error(id, title, format!("exp is {}; {judged} Servers answer 401 to expired tokens.{caveat}", time::utc(*exp)))
                .fix("Refresh the token before it expires, and retry on 401 with a fresh one.")
                .spec(SpecRef::new("RFC 7519 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"))
        }
        Cause::AudienceNotHost { aud, host } => Finding::warning(ids::AUDIENCE_NOT_HOST,
            "The token's audience does not name this host",
            format!("aud is {}, the request goes to {host}. If this API checks aud, it rejects a token issued for another API.", clip(&aud.join(", "), LIST_CHARS)),
        ).fix("Request the token for this API's audience (the resource / audience parameter at the authorization server).").spec(SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")),
        Cause::InsufficientScope { required, has } => {
            // A set, not a scan of the token's scopes per required one (quadratic on long lists).
            let held: HashSet<&str> = has.iter().map(String::as_str).collect();
            let missing: Vec<&str> = required.iter().map(String::as_str).filter(|s| !held.contains(s)).collect();
            Finding::error(ids::INSUFFICIENT_SCOPE,
                "The token lacks a required scope",
                format!(
                    "The server requires {}; the token has {}.{}",
                    if required.is_empty() { "more scope (it did not say which)".to_string() } else { clip(&required.join(" "), LIST_CHARS) },
                    if has.is_empty() { "no scope or scp claim".to_string() } else { clip(&has.join(" "), LIST_CHARS) },
                    if missing.is_empty() { String::new() } else { format!(" Missing: {}.", clip(&missing.join(" "), LIST_CHARS)) }
                ),
            ).fix("Request a token with the missing scope (and grant the app that permission at the authorization server).").spec(SpecRef::new("RFC 6750 §3.1", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1"))
        }
        Cause::ApiGatewayWantsIdToken => Finding::error(ids::API_GATEWAY_WANTS_ID_TOKEN,
            "API Gateway wants the Cognito ID token here, not the access token",
            "This is a Cognito access token (token_use: access). A REST API's Cognito user-pool authorizer validates the ID token when the method has no OAuth scopes, and answers 401 to an access token. (An HTTP API's JWT authorizer accepts access tokens; if this is one, check its issuer and audience instead.)",
        ).fix("Send the ID token (getIdToken().getJwtToken() in Amplify), or add OAuth scopes to the method (AuthorizationScopes) that the access token carries.").spec(api_gateway::SPEC),
        Cause::ApacheDropsAuthorization => Finding::warning(ids::APACHE_DROPS_AUTHORIZATION,
            "Apache with PHP often drops the Authorization header",
            "With PHP-FPM or CGI, Apache does not pass Authorization to PHP by default, so the app sees no credentials although the client sent them.",
        ).fix("In Apache 2.4.13+: CGIPassAuth On (in the vhost or .htaccess). Older: RewriteEngine On + RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]."),
        Cause::NginxForwarding => Finding::info(ids::NGINX_FORWARDING,
            "nginx in front: check it forwards Authorization",
            "nginx passes Authorization to the upstream unless a proxy_set_header Authorization line (or proxy_pass_request_headers off) replaces it, and a FastCGI upstream needs it passed explicitly.",
        ).fix("For proxy_pass remove any proxy_set_header Authorization \"\"; for FastCGI add fastcgi_param HTTP_AUTHORIZATION $http_authorization;"),
        Cause::IisWindowsAuth => Finding::info(ids::IIS_WINDOWS_AUTH,
            "IIS with Windows authentication",
            "NTLM needs all three messages on one kept-alive connection (a load balancer or proxy that reuses or splits connections breaks it); Kerberos needs an SPN for the host name used; browsers only answer for sites in the intranet zone or their allow-list.",
        ).fix("Reach IIS by the host name with the SPN (setspn -L), keep connections sticky through the load balancer, or enable Basic/Bearer for non-Windows clients."),
        Cause::Status { code, challenged, proxy_challenged } => return status_finding(*code, *challenged, *proxy_challenged),
    })
}
