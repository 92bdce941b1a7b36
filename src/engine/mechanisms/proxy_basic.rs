//! A reverse proxy asks for Basic credentials (nginx auth_basic, Caddy basicauth, Apache
//! AuthType Basic, Traefik's basicauth) and then passes the same Authorization header on. The
//! application behind it reads the header as its own login or API key and refuses it.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;

/// Configuration lines that make a proxy check Basic credentials itself.
const PROXY_BASIC: &[&str] = &[
    "auth_basic ",
    "auth_basic_user_file",
    "basicauth ",
    "basic_auth ",
    "basicauth.users",
    "AuthType Basic",
    "AuthUserFile",
    "htpasswd",
];

/// What an application says when it read the header as its own credential.
const APP_REFUSES: &[&str] = &[
    "invalid api key",
    "invalid username or password",
    "basic auth failed",
    "invalid credentials",
    "bad credentials",
    "authentication failed",
];

/// The finding, when the paste shows both.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let config = lines(text).find(|l| {
        let t = l.trim_start();
        !t.starts_with('#') && PROXY_BASIC.iter().any(|p| t.contains(p))
    })?;
    let lower = text.to_ascii_lowercase();
    let said = APP_REFUSES.iter().find(|w| lower.contains(*w))?;
    // The refusal must come from behind the proxy: the paste shows it proxying, or the refusal
    // is an application's JSON body (the proxy's own is an HTML page).
    let proxies = [
        "proxy_pass",
        "proxy ",
        "proxypass",
        "reverse_proxy",
        "upstream",
    ]
    .iter()
    .any(|p| lower.contains(p));
    let app_body = lower.contains("{\"message\"") || lower.contains("{\"error");
    if !(proxies || app_body) {
        return None;
    }
    Some(
        Finding::error(
            ids::PROXY_BASIC_FORWARDED,
            "The proxy's Basic credentials reach the application behind it",
            format!(
                "The proxy checks Basic credentials (\"{}\") and then passes the same Authorization header on. The application behind it reads that header as its own login or API key, does not know those credentials, and refuses (\"{said}\").",
                clip(config.trim(), 60)
            ),
        )
        .fix("Stop the header at the proxy once it has checked it: nginx proxy_set_header Authorization \"\"; Caddy header_up -Authorization; Apache RequestHeader unset Authorization. Or let the application trust the proxy's login (Grafana: [auth.proxy] with the user in a header).")
        .spec(SpecRef::new("nginx: proxy_set_header", "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// caddyserver/caddy#1324: Caddy accepts r:r, the backend refuses the same header.
    #[test]
    fn caddy_passes_its_basic_credentials_on() {
        let paste = "example.com:801 {\n  basicauth /admin \"r\" \"r\"\n  proxy /admin/monitor 192.168.3.9:80\n}\n\n> curl -u r:r http://example.com:801/admin/monitor\n{\"message\":\"Basic auth failed\"}";
        assert!(finding(paste).is_some());
        // grafana/grafana#1673: two lines are enough.
        assert!(
            finding("auth_basic_user_file  htpasswd;\n{\"message\":\"Invalid API key\"}").is_some()
        );
        // The proxy's own refusal is not the application's.
        assert!(finding("auth_basic \"Restricted\";\n401 Authorization Required").is_none());
    }
}
