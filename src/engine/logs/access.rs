//! Access logs: the combined/common format nginx, Apache and Node (morgan) write, Squid's native
//! format and HAProxy's HTTP format. They record the status, not the reason, so a 401 or 403
//! here is explained only as far as the line allows (a user name means credentials arrived).
//! Formats: https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format,
//! https://wiki.squid-cache.org/Features/LogFormat,
//! https://docs.haproxy.org/2.8/configuration.html#8.2.3

use super::cause::{Cause, Hit, Key};
use super::line::{between, host_only, request_path};
use crate::engine::core::text::has;

/// The auth cause of an access-log line with status 401, 403 or 407; for a success its client
/// and path (so 401s that a success follows can be told apart); `None` for no access line.
pub fn read(line: &str) -> Option<Result<Hit, Key>> {
    squid(line)
        .or_else(|| haproxy(line))
        .or_else(|| combined(line))
}

/// `1480383026.974 0 1.2.3.4 TCP_DENIED/407 4168 CONNECT www.google.com:443 - HIER_NONE/- text/html`
fn squid(line: &str) -> Option<Result<Hit, Key>> {
    // The result code's marker first, before collecting the fields.
    if !(has(line, "TCP_") || has(line, "UDP_") || has(line, "NONE")) {
        return None;
    }
    let w: Vec<&str> = line.split_whitespace().take(10).collect();
    let (result, status) = w.get(3)?.split_once('/')?;
    if !result.starts_with("TCP_") && !result.starts_with("UDP_") && result != "NONE" {
        return None;
    }
    let cause = match status {
        "407" => Cause::ProxyAuth,
        "403" if result == "TCP_DENIED" => Cause::DeniedByConfig,
        _ => return Some(Err((None, None))),
    };
    Some(Ok(Hit::new("Squid", cause, format!("{result}/{status}"))
        .client(w.get(2).copied())
        .path(w.get(6).copied())
        .user(w.get(7).copied())))
}

/// `haproxy[838]: 192.168.1.54:48556 [11/Oct/2021:15:02:29.601] public~ public/<NOSRV>
/// 0/-1/-1/-1/0 401 256 - - LR-- 2/2/0/0/0 0/0 "GET / HTTP/1.1"`
fn haproxy(line: &str) -> Option<Result<Hit, Key>> {
    let rest = line.get(line.find("] ")? + 2..).unwrap_or_default();
    let w: Vec<&str> = rest.split_whitespace().take(8).collect();
    // frontend, backend/server, timers (five numbers with '/'), status.
    if w.len() < 4 || !w[1].contains('/') || w[2].matches('/').count() != 4 {
        return None;
    }
    let status = w[3];
    let local = w[1].ends_with("/<NOSRV>");
    let cause = match status {
        "401" => Cause::Status401,
        "407" => Cause::ProxyAuth,
        "403" => Cause::Status403,
        _ => return Some(Err((None, None))),
    };
    let detail = if local {
        format!("{status} answered by HAProxy itself (<NOSRV>): its http-request auth or deny rule")
    } else {
        format!("{status} from backend {}", w[1])
    };
    let client = line
        .get(..line.find(" [")?)
        .unwrap_or_default()
        .split_whitespace()
        .last()
        .map(host_only);
    Some(Ok(Hit::new("HAProxy", cause, detail)
        .client(client)
        .path(between(rest, "\"", "\"").and_then(request_path))))
}

/// `178.79.77.29 - admin [14/Apr/2020:10:10:17 +0000] "GET / HTTP/1.1" 403 153 "-" "Mozilla…"`
fn combined(line: &str) -> Option<Result<Hit, Key>> {
    let open = line.find(" [")?;
    let close = open + line.get(open..).unwrap_or_default().find("] \"")?;
    let head: Vec<&str> = line
        .get(..open)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    if head.len() < 3 {
        return None;
    }
    let (client, user) = (head[head.len() - 3], head[head.len() - 1]);
    let after = line.get(close + 3..).unwrap_or_default();
    let (request, tail) = after.split_once('"')?;
    let status = tail.split_whitespace().next()?;
    if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sent = ["\"Bearer ", "\"Basic ", "\"Digest ", "\"Negotiate "]
        .iter()
        .find(|s| has(tail, s))
        .map(|s| s.trim_matches(['"', ' ']));
    let user_sent = user != "-";
    let (cause, detail) = match status {
        "401" if user_sent => (
            Cause::Rejected,
            format!("401 for user {user} (the Basic credentials arrived and were refused)"),
        ),
        "401" if sent.is_some() => (
            Cause::TokenRejected,
            format!("401 with Authorization: {} … logged", sent.unwrap_or("")),
        ),
        "401" => (
            Cause::Status401,
            "401 (the access log does not say why)".to_string(),
        ),
        "403" => (
            Cause::Status403,
            "403 (the access log does not say why)".to_string(),
        ),
        "407" => (Cause::ProxyAuth, "407".to_string()),
        s if s.starts_with('2') || s.starts_with('3') => {
            return Some(Err((Some(client.to_string()), request_path(request))))
        }
        _ => return Some(Err((None, None))),
    };
    Some(Ok(Hit::new("access log", cause, detail)
        .client(Some(client))
        .user(Some(user))
        .path(request_path(request))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squid_haproxy_combined() {
        // https://github.com/fail2ban/fail2ban/pull/1615
        let h = read("1480383026.974      0 203.0.113.9 TCP_DENIED/407 4168 CONNECT www.google.com:443 - HIER_NONE/- text/html").unwrap().unwrap();
        assert_eq!(
            (h.cause, h.path.as_deref()),
            (Cause::ProxyAuth, Some("www.google.com:443"))
        );
        // https://github.com/fail2ban/fail2ban/pull/3120
        let h = read(r#"Oct 11 15:02:29 localhost haproxy[838]: 192.168.1.54:48556 [11/Oct/2021:15:02:29.601] public~ public/<NOSRV> 0/-1/-1/-1/0 401 256 - - LR-- 2/2/0/0/0 0/0 "GET / HTTP/1.1""#).unwrap().unwrap();
        assert_eq!(
            (h.cause, h.client.as_deref(), h.path.as_deref()),
            (Cause::Status401, Some("192.168.1.54"), Some("/"))
        );
        // https://github.com/nginx-proxy/nginx-proxy/issues/1420
        let h = read(r#"dozzle.domain.com 178.79.77.29 - admin [14/Apr/2020:10:10:17 +0000] "GET / HTTP/1.1" 403 153 "-" "Mozilla/5.0""#).unwrap().unwrap();
        assert_eq!(
            (h.cause, h.user.as_deref(), h.client.as_deref()),
            (Cause::Status403, Some("admin"), Some("178.79.77.29"))
        );
        let ok = read(r#"127.0.0.1 - - [24/Sep/2023:16:54:02 +0800] "GET /index.php/login HTTP/1.1" 200 21877 "-" "Mozilla/5.0""#).unwrap();
        assert_eq!(
            ok,
            Err((Some("127.0.0.1".into()), Some("/index.php/login".into())))
        );
        assert!(read("nothing to see").is_none());
    }
}
