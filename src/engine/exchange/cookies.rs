//! `Set-Cookie` problems that lose a session, and requests that carry no cookie.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;
use crate::engine::core::time;

/// Characters of a cookie name, domain, host or path quoted in a finding.
const QUOTED: usize = 100;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Cookie {name} is already expired"
    pub const COOKIE_ALREADY_EXPIRED: FindingId = FindingId("cookie.cookie_already_expired");
    /// "Cookie {name} is {} bytes"
    pub const COOKIE_BYTES: FindingId = FindingId("cookie.cookie_bytes");
    /// "Cookie {name} is deleted (Max-Age={})"
    pub const COOKIE_DELETED_MAX_AGE: FindingId = FindingId("cookie.cookie_deleted_max_age");
    /// "Cookie {name}: Domain={d} does not match {h}"
    pub const COOKIE_DOMAIN_DOES_NOT: FindingId = FindingId("cookie.cookie_domain_does_not");
    /// "Cookie {name}: no SameSite"
    pub const COOKIE_NO_SAMESITE: FindingId = FindingId("cookie.cookie_no_samesite");
    /// "Cookie {name}: Expires has an impossible {field}"
    pub const COOKIE_EXPIRES_INVALID: FindingId = FindingId("cookie.cookie_expires_invalid");
    /// "Cookie {name} is Partitioned"
    pub const COOKIE_PARTITIONED: FindingId = FindingId("cookie.cookie_partitioned");
    /// "Cookie {name}: Path={p} does not cover {req}"
    pub const COOKIE_PATH_DOES_NOT: FindingId = FindingId("cookie.cookie_path_does_not");
    /// "Cookie {name}: SameSite=None without Secure"
    pub const COOKIE_SAMESITE_NONE_WITHOUT: FindingId =
        FindingId("cookie.cookie_samesite_none_without");
}

const RFC6265: SpecRef = SpecRef::new(
    "RFC 6265 §4.1",
    "https://www.rfc-editor.org/rfc/rfc6265#section-4.1",
);

/// A parsed `Set-Cookie` value (the attributes that matter for sessions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetCookie {
    /// Cookie name.
    pub name: String,
    /// Size of name=value in bytes.
    pub size: usize,
    /// `Secure`.
    pub secure: bool,
    /// `SameSite` value, lower-case.
    pub same_site: Option<String>,
    /// `Domain`, without a leading dot.
    pub domain: Option<String>,
    /// `Path`.
    pub path: Option<String>,
    /// `Expires`, as Unix seconds when it parsed.
    pub expires: Option<i64>,
    /// Why `Expires` did not parse, when it was present and did not.
    pub expires_error: Option<time::DateError>,
    /// `Max-Age` in seconds.
    pub max_age: Option<i64>,
    /// `Partitioned` (CHIPS).
    pub partitioned: bool,
}

/// Parses one `Set-Cookie` field value.
pub fn parse(v: &str) -> SetCookie {
    let mut parts = v.split(';');
    let pair = parts.next().unwrap_or("").trim();
    let mut c = SetCookie {
        name: pair.split('=').next().unwrap_or("").trim().to_string(),
        size: pair.len(),
        ..SetCookie::default()
    };
    for attr in parts {
        let (k, val) = attr
            .split_once('=')
            .map_or((attr.trim(), ""), |(k, v)| (k.trim(), v.trim()));
        match k.to_ascii_lowercase().as_str() {
            "secure" => c.secure = true,
            "samesite" => c.same_site = Some(val.to_ascii_lowercase()),
            "domain" => c.domain = Some(val.trim_start_matches('.').to_ascii_lowercase()),
            "path" => c.path = Some(val.to_string()),
            "expires" => match time::parse_http_date_checked(val) {
                Ok(t) => c.expires = Some(t),
                Err(e) => c.expires_error = Some(e),
            },
            "max-age" => c.max_age = val.parse().ok(),
            "partitioned" => c.partitioned = true,
            _ => {}
        }
    }
    c
}

/// Findings for the response's cookies against the request's host, path and time.
pub fn findings(
    set_cookies: &[&str],
    host: Option<&str>,
    path: Option<&str>,
    now: Option<i64>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Read once, not per cookie: a long Host under thousands of Set-Cookie was quadratic.
    let host = host.map(|h| h.split(':').next().unwrap_or(h).to_ascii_lowercase());
    for v in set_cookies {
        let c = parse(v);
        // Titles quote names, hosts and paths clipped, so findings stay small whatever was pasted.
        let name = &clip(&c.name, QUOTED);
        if c.same_site.as_deref() == Some("none") && !c.secure {
            out.push(Finding::error(ids::COOKIE_SAMESITE_NONE_WITHOUT, format!("Cookie {name}: SameSite=None without Secure"), "Browsers reject such a cookie outright, so the session is never stored.").fix("Add Secure (and serve over https).").spec(SpecRef::new("RFC 6265bis §5.6.7", "https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6.7")));
        }
        if c.same_site.is_none() {
            out.push(Finding::info(ids::COOKIE_NO_SAMESITE, format!("Cookie {name}: no SameSite"), "Browsers treat it as SameSite=Lax: it is not sent on cross-site fetches (an SPA on another site calling this API), only on top-level navigations.").fix("For a cross-site API use SameSite=None; Secure, and credentials: 'include' on the fetch."));
        }
        if c.max_age.is_some_and(|m| m <= 0) {
            out.push(Finding::warning(ids::COOKIE_DELETED_MAX_AGE, format!("Cookie {name} is deleted (Max-Age={})", c.max_age.unwrap_or(0)), "A Max-Age of zero or less removes the cookie: this response logs the session out.").spec(RFC6265));
        } else if let (Some(exp), Some(now), None) = (c.expires, now, c.max_age) {
            if exp <= now {
                out.push(Finding::warning(ids::COOKIE_ALREADY_EXPIRED, format!("Cookie {name} is already expired"), format!("Expires is {}, before the response's time: the browser deletes it at once.", time::utc(exp))).fix("Set Expires in the future (check the server clock and the time zone: cookie dates are GMT).").spec(RFC6265));
            }
        }
        if let Some(e) = &c.expires_error {
            out.push(Finding::warning(ids::COOKIE_EXPIRES_INVALID, format!("Cookie {name}: Expires has an impossible {}", e.field()), format!("Expires cannot be read: {e}. Browsers ignore an Expires they cannot parse, so the cookie lives only until the browser closes.")).fix("Write Expires as an IMF-fixdate in GMT, e.g. Expires=Wed, 21 Oct 2026 07:28:00 GMT, or use Max-Age.").spec(RFC6265));
        }
        if c.size > 4096 {
            out.push(Finding::error(ids::COOKIE_BYTES, format!("Cookie {name} is {} bytes", c.size), "Browsers ignore cookies over 4096 bytes (name, value and attributes), so it is never stored; big JWTs in cookies hit this.").fix("Store a session id in the cookie and keep the data on the server, or split it.").spec(SpecRef::new("RFC 6265 §6.1", "https://www.rfc-editor.org/rfc/rfc6265#section-6.1")));
        }
        if let (Some(d), Some(h)) = (&c.domain, &host) {
            if h != d
                && !(h.ends_with(d.as_str())
                    && h.get(..h.len() - d.len())
                        .unwrap_or_default()
                        .ends_with('.'))
            {
                let (d, h) = (clip(d, QUOTED), clip(h, QUOTED));
                out.push(Finding::error(ids::COOKIE_DOMAIN_DOES_NOT, format!("Cookie {name}: Domain={d} does not match {h}"), "A browser rejects a cookie whose Domain does not cover the host that set it.").fix(format!("Use Domain={h}, a parent of it, or no Domain at all.")).spec(RFC6265));
            }
        }
        if let (Some(p), Some(req)) = (&c.path, path) {
            if !req.starts_with(p.as_str()) {
                let (p, req) = (clip(p, QUOTED), clip(req, QUOTED));
                out.push(Finding::warning(ids::COOKIE_PATH_DOES_NOT, format!("Cookie {name}: Path={p} does not cover {req}"), "The browser stores it but will not send it to this path, so the next request here arrives without the session.").fix("Use Path=/ for a session cookie.").spec(RFC6265));
            }
        }
        if c.partitioned {
            out.push(Finding::info(ids::COOKIE_PARTITIONED, format!("Cookie {name} is Partitioned"), "It is sent only when this site is embedded under the same top-level site it was set under (CHIPS); other top-level sites do not see this session.").fix("Expected for third-party embeds; remove Partitioned if the session must be shared."));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(v: &[&str], host: &str, path: &str) -> Vec<String> {
        findings(v, Some(host), Some(path), Some(1_700_000_000))
            .into_iter()
            .map(|f| f.title)
            .collect()
    }

    #[test]
    fn session_losing_cookies() {
        let t = titles(&["sid=1; SameSite=None; Path=/"], "app.test", "/");
        assert!(t.iter().any(|t| t.contains("without Secure")));
        let t = titles(
            &["sid=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; SameSite=Lax"],
            "app.test",
            "/",
        );
        assert!(t.iter().any(|t| t.contains("already expired")));
        let t = titles(&["sid=1; Max-Age=0; SameSite=Lax"], "app.test", "/");
        assert!(t.iter().any(|t| t.contains("deleted")));
        let t = titles(&["sid=1; Domain=other.test; SameSite=Lax"], "app.test", "/");
        assert!(t.iter().any(|t| t.contains("does not match")));
        let t = titles(&["sid=1; Path=/admin; SameSite=Lax"], "app.test", "/api/me");
        assert!(t.iter().any(|t| t.contains("does not cover")));
        let big = format!("sid={}; SameSite=Lax", "x".repeat(5000));
        assert!(titles(&[big.as_str()], "app.test", "/")
            .iter()
            .any(|t| t.contains("bytes")));
        let t = titles(
            &["sid=1; Secure; SameSite=None; Partitioned; Domain=.app.test"],
            "api.app.test",
            "/",
        );
        assert_eq!(t, ["Cookie sid is Partitioned"]);
    }

    #[test]
    fn impossible_expires_is_named_not_rolled_over() {
        // Issue #11: this said "already expired … Expires is -169108098493-04-17".
        let f = findings(
            &["a=b; Expires=1 Oct 1000000000015 7:8:0; SameSite=Lax"],
            Some("app.test"),
            Some("/"),
            Some(1_700_000_000),
        );
        let ids: Vec<_> = f.iter().map(|f| f.id).collect();
        assert_eq!(ids, [ids::COOKIE_EXPIRES_INVALID]);
        assert!(f[0].title.ends_with("year"), "{}", f[0].title);
        let f = findings(
            &["a=b; Expires=Wed, 31 Feb 2030 10:00:00 GMT; SameSite=Lax"],
            None,
            None,
            Some(1_700_000_000),
        );
        assert!(f[0].title.ends_with("day"), "{}", f[0].title);
    }
}
