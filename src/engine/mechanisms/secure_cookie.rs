//! A session cookie marked Secure that never gets set, although the site is served over https:
//! behind a proxy or platform router that ends TLS (Heroku, nginx, a load balancer, an ingress),
//! the application sees plain http. Unless it trusts the proxy's X-Forwarded-Proto it believes
//! the connection is insecure, and express-session, Django, Flask and others then withhold the
//! Secure cookie (or the login that depends on it fails).

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;

/// Settings that mark the session cookie Secure, lower-cased.
const SECURE: &[&str] = &[
    "secure: true",
    "secure : true",
    "session_cookie_secure = true",
    "session_cookie_secure=true",
    "cookie.secure=true",
    "cookiesecurepolicy.always",
    "cookie_secure = true",
    "secure=true",
];

/// What users say when the cookie does not stick.
const NOT_SET: &[&str] = &[
    "cookie is not getting set",
    "cookie is not set",
    "cookie not set",
    "cookie is not being set",
    "cookies are not being set",
    "cookie isn't set",
    "cookie is not saved",
    "cookie not being saved",
    "no set-cookie",
    "session is not saved",
    "session is lost",
    "not persisting the session",
];

/// Settings that make the application trust the proxy's forwarded scheme, lower-cased.
const TRUSTS_PROXY: &[&str] = &[
    "trust proxy",
    "proxy: true",
    "secure_proxy_ssl_header",
    "proxyfix",
    "useforwardedheaders",
    "forward-headers-strategy",
    "x-forwarded-proto",
];

/// The finding, when the paste shows a Secure session cookie that is not set and no trust of
/// the proxy's scheme.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    let setting = lines(text).find(|l| {
        let l = l.to_ascii_lowercase();
        // "insecure: true" is not the setting.
        SECURE.iter().any(|s| {
            l.match_indices(s).any(|(i, _)| {
                !l.get(..i)
                    .and_then(|b| b.chars().next_back())
                    .is_some_and(|c| c.is_ascii_alphabetic())
            })
        })
    })?;
    let said = NOT_SET.iter().find(|w| lower.contains(*w))?;
    if TRUSTS_PROXY.iter().any(|t| lower.contains(t)) {
        return None;
    }
    Some(
        Finding::error(
            ids::SECURE_COOKIE_BEHIND_PROXY,
            "The Secure session cookie is withheld: the application thinks the request is plain http",
            format!(
                "The session cookie is Secure (\"{}\"), and \"{said}\". Behind a proxy or platform router that ends TLS (Heroku, nginx, a load balancer, an ingress), the application receives plain http; unless it trusts the proxy's X-Forwarded-Proto it considers the connection insecure and does not send the Secure cookie, so the next request arrives without a session.",
                clip(setting.trim(), 60)
            ),
        )
        .fix("Trust the proxy's forwarded scheme: Express app.set('trust proxy', 1) (or proxy: true in express-session); Django SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'); Flask ProxyFix; ASP.NET Core UseForwardedHeaders; and have the proxy send X-Forwarded-Proto.")
        .spec(SpecRef::new("express-session: cookie.secure and trust proxy", "https://github.com/expressjs/session#cookiesecure")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// expressjs/session#774: secure: true over https, and the cookie never set.
    #[test]
    fn a_secure_cookie_that_is_not_set() {
        let paste = "app.use(session({ \n    secret: '****',\n    resave : false,\n    cookie : { sameSite: 'none' , secure: true }\n}));\n```\nAnd it is sent over a secured [https]. But still, the cookie is not getting set.";
        assert!(finding(paste).is_some());
        let trusted = format!("app.set('trust proxy', 1)\n{paste}");
        assert!(finding(&trusted).is_none());
        assert!(finding(&paste.replace("secure: true", "insecure: true")).is_none());
    }
}
