//! Which causes a request and its response show together: a pure decision over the exchange,
//! tested on its own; `explain.rs` says what each means.

use crate::engine::challenge::Challenges;
use crate::engine::context::{Context, RequestInfo};
use crate::engine::core::time;
use crate::engine::credential::api_gateway;
use crate::engine::http::{self, Exchange};
use crate::engine::{authparams, jwt};
use serde_json::Value;

/// One cause, with the facts its explanation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The response redirects from https to http.
    RedirectToHttp {
        /// The Location.
        location: String,
    },
    /// The response redirects to another host.
    RedirectCrossOrigin {
        /// The new host.
        host: String,
        /// Whether the request carried Authorization.
        sent_auth: bool,
    },
    /// No credential in the header the status asks for.
    NoCredentials {
        /// A 407: the proxy's header.
        proxy: bool,
        /// The schemes the server offers.
        offered: Vec<String>,
        /// Whether a cookie went along.
        cookie: bool,
        /// The status.
        code: u16,
    },
    /// A credential in a scheme the server does not offer.
    SchemeMismatch {
        /// What was sent.
        sent: String,
        /// What the server offers.
        offered: Vec<String>,
    },
    /// A credential in an offered scheme, still refused.
    CredentialsRejected {
        /// The most likely cause the other analyses found, by title.
        likely: Option<String>,
    },
    /// A Digest credential for another realm.
    RealmMismatch {
        /// The realm in the credential.
        sent: String,
        /// The server's realm.
        server: String,
    },
    /// The token's exp was past at the response's time (or, with no Date, by this device's clock).
    ExpiredAtResponse {
        /// exp.
        exp: i64,
        /// The time it was judged at.
        now: i64,
        /// Whether `now` is the response's Date rather than this device's clock.
        dated: bool,
    },
    /// A Cognito access token answered 401 by API Gateway, whose user-pool authorizer wants the
    /// ID token unless the method lists OAuth scopes.
    ApiGatewayWantsIdToken,
    /// The token's audience names another API.
    AudienceNotHost {
        /// aud.
        aud: Vec<String>,
        /// The request's host.
        host: String,
    },
    /// The challenge asks for scope the token does not have.
    InsufficientScope {
        /// The scope required.
        required: Vec<String>,
        /// The scope the token has.
        has: Vec<String>,
    },
    /// Apache with PHP, which drops Authorization.
    ApacheDropsAuthorization,
    /// nginx in front, which must forward Authorization.
    NginxForwarding,
    /// IIS offering Windows authentication.
    IisWindowsAuth,
    /// What the status says, when nothing more specific does.
    Status {
        /// The status.
        code: u16,
        /// Whether a challenge came with it.
        challenged: bool,
        /// Whether the proxy challenge came with a 407.
        proxy_challenged: bool,
    },
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

/// The causes, most decisive first. `likely` is the title of the most likely cause the
/// credential and challenge analyses found.
pub fn decide(
    ex: &Exchange,
    req: Option<&RequestInfo>,
    ch: &Challenges,
    ctx: &Context,
    likely: Option<&str>,
) -> Vec<Cause> {
    let mut out = Vec::new();
    let Some(resp) = &ex.response else { return out };
    let code = resp.status.as_ref().map(|s| s.code);
    let header = |n: &str| {
        http::header_values(&resp.headers, n)
            .first()
            .map(|s| s.to_string())
    };
    let proxy = code == Some(407);
    let challenged = !ch.items.is_empty();
    if code.is_some_and(|c| (300..400).contains(&c)) {
        out.extend(redirect(header("location").as_deref(), req));
    }
    let Some(req) = req else {
        out.extend(code.map(|code| Cause::Status {
            code,
            challenged,
            proxy_challenged: proxy && challenged,
        }));
        return out;
    };
    let cred_header = if proxy {
        "proxy-authorization"
    } else {
        "authorization"
    };
    let sent_item = req
        .header(cred_header)
        .and_then(|v| authparams::parse(v).items.into_iter().next());
    let sent_scheme = sent_item.as_ref().map(|i| i.scheme.clone());
    let offered: Vec<String> = ch.items.iter().map(|i| i.scheme.clone()).collect();
    if let Some(c @ (401 | 407)) = code {
        let api_key = !proxy
            && (crate::engine::credential::api_key::has_credential(&req.headers)
                || req
                    .url()
                    .is_some_and(|u| crate::engine::signed::url_has_credential(&u)));
        match &sent_scheme {
            None if api_key => {}
            None => out.push(Cause::NoCredentials {
                proxy,
                offered: offered.clone(),
                cookie: req.header("cookie").is_some(),
                code: c,
            }),
            Some(s) if challenged && !ch.offers(s) => out.push(Cause::SchemeMismatch {
                sent: s.clone(),
                offered: offered.clone(),
            }),
            Some(_) => {
                out.push(Cause::CredentialsRejected {
                    likely: likely.map(str::to_string),
                });
                out.extend(server_traps(&header, ch));
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
                    out.push(Cause::RealmMismatch {
                        sent: a.to_string(),
                        server: b.to_string(),
                    });
                }
            }
        }
        // After a success the token's flaws caused nothing: they are not causes.
        let failed = !code.is_some_and(|c| (200..300).contains(&c));
        // A JWT sent with no scheme (as API Gateway takes it) is read the same way.
        let token = if s.eq_ignore_ascii_case("bearer") || s.eq_ignore_ascii_case("dpop") {
            item.token68.as_deref()
        } else {
            req.header(cred_header)
                .filter(|v| jwt::looks_like_jwt(v.trim()))
        };
        if failed {
            if let Some(claims) = token.and_then(jwt::claims) {
                let dated = header("date").is_some_and(|d| time::parse_http_date(&d).is_some());
                out.extend(bearer_causes(&claims, req, ch, ctx, dated));
            }
        }
    }
    out.extend(code.map(|code| Cause::Status {
        code,
        challenged,
        proxy_challenged: challenged,
    }));
    if code == Some(401) && api_gateway_access_token(req) {
        out.insert(0, Cause::ApiGatewayWantsIdToken);
    }
    // An expired token, or an access token where API Gateway wants the ID token, is the
    // rejection's cause: "rejected, most likely …" beside it would name it twice.
    if out.iter().any(|c| {
        matches!(
            c,
            Cause::ExpiredAtResponse { .. } | Cause::ApiGatewayWantsIdToken
        )
    }) {
        out.retain(|c| !matches!(c, Cause::CredentialsRejected { .. }));
    }
    out
}

/// Whether the request sent a Cognito access token to an API Gateway endpoint.
fn api_gateway_access_token(req: &RequestInfo) -> bool {
    let to_gateway = req.host().as_deref().is_some_and(api_gateway::is_host);
    to_gateway
        && req
            .header("authorization")
            .and_then(api_gateway::cognito_claims)
            .is_some_and(|c| jwt::claims::cognito_token_use(&c) == Some("access"))
}

fn redirect(location: Option<&str>, req: Option<&RequestInfo>) -> Option<Cause> {
    let loc = location?;
    let (scheme, rest) = loc.split_once("://")?;
    let host = rest.split('/').next().unwrap_or("");
    let req_host = req.and_then(|r| r.header("host")).unwrap_or("");
    let req_https = req
        .and_then(|r| r.target.as_deref())
        .is_some_and(|t| t.starts_with("https://"));
    if scheme.eq_ignore_ascii_case("http") && req_https {
        Some(Cause::RedirectToHttp {
            location: loc.to_string(),
        })
    } else if !req_host.is_empty() && !host.eq_ignore_ascii_case(req_host) {
        Some(Cause::RedirectCrossOrigin {
            host: host.to_string(),
            sent_auth: req.is_some_and(|r| r.header("authorization").is_some()),
        })
    } else {
        None
    }
}

fn bearer_causes(
    claims: &serde_json::Map<String, Value>,
    req: &RequestInfo,
    ch: &Challenges,
    ctx: &Context,
    dated: bool,
) -> Vec<Cause> {
    let mut out = Vec::new();
    if let (Some(exp), Some(now)) = (claims.get("exp").and_then(Value::as_i64), ctx.clock.now) {
        if exp.saturating_add(ctx.clock.leeway) < now {
            out.push(Cause::ExpiredAtResponse { exp, now, dated });
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
            out.push(Cause::AudienceNotHost {
                aud: aud.clone(),
                host,
            });
        }
    }
    if let Some(bearer) = ch.get("bearer").or_else(|| ch.get("dpop")) {
        if bearer.param("error") == Some("insufficient_scope") {
            let required = bearer
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
            out.push(Cause::InsufficientScope { required, has });
        }
    }
    out
}

/// Well-known server set-ups that lose or refuse credentials.
fn server_traps(header: &dyn Fn(&str) -> Option<String>, ch: &Challenges) -> Vec<Cause> {
    let server = header("server").unwrap_or_default().to_ascii_lowercase();
    let powered = header("x-powered-by")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut out = Vec::new();
    if server.contains("apache") && (powered.contains("php") || server.contains("php")) {
        out.push(Cause::ApacheDropsAuthorization);
    }
    if server.contains("nginx") {
        out.push(Cause::NginxForwarding);
    }
    if server.contains("microsoft-iis") && (ch.offers("negotiate") || ch.offers("ntlm")) {
        out.push(Cause::IisWindowsAuth);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::challenge;

    fn causes(text: &str) -> Vec<Cause> {
        let ex = http::parse_exchange(text);
        let req = ex.request.as_ref().map(|r| RequestInfo {
            method: r.line.as_ref().and_then(|l| l.method.parse().ok()),
            target: r.line.as_ref().map(|l| l.target.clone()),
            headers: r.headers.clone(),
            body: None,
        });
        let values: Vec<&str> = ex
            .response
            .as_ref()
            .map(|r| http::header_values(&r.headers, "www-authenticate"))
            .unwrap_or_default();
        let ch = challenge::parse_values(&values);
        decide(&ex, req.as_ref(), &ch, &Context::default(), None)
    }

    #[test]
    fn decisions_pattern_by_pattern() {
        let no_creds = causes(
            "GET / HTTP/1.1\nHost: a\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n",
        );
        assert!(matches!(
            no_creds[0],
            Cause::NoCredentials {
                proxy: false,
                code: 401,
                ..
            }
        ));
        let mismatch = causes("GET / HTTP/1.1\nHost: a\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"x\"\n");
        assert!(matches!(&mismatch[0], Cause::SchemeMismatch { sent, .. } if sent == "Basic"));
        let redirect = causes("GET / HTTP/1.1\nHost: a.test\nAuthorization: Bearer t\n\nHTTP/1.1 302 Found\nLocation: https://b.test/\n");
        assert!(matches!(
            &redirect[0],
            Cause::RedirectCrossOrigin {
                sent_auth: true,
                ..
            }
        ));
        let apache = causes("GET / HTTP/1.1\nHost: a\nAuthorization: Bearer t\n\nHTTP/1.1 401 Unauthorized\nServer: Apache/2.4\nX-Powered-By: PHP/8.1\nWWW-Authenticate: Bearer\n");
        assert!(apache.contains(&Cause::ApacheDropsAuthorization));
    }
}
