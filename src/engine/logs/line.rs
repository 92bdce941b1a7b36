//! Small readers shared by every log format: fields after a marker, quoted values, timestamps.

use crate::engine::core::text::has;

/// The text after the first `pat`.
pub fn after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    s.find(pat)
        .map(|i| s.get(i + pat.len()..).unwrap_or_default())
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = after(s, start)?;
    rest.find(end).map(|i| rest.get(..i).unwrap_or_default())
}

/// The word after `pat`, up to whitespace, a comma, a bracket or a quote.
pub fn word_after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    let rest = after(s, pat)?;
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c.is_whitespace() || ",]\"'}".contains(c))
        .unwrap_or(rest.len());
    Some(rest.get(..end).unwrap_or_default()).filter(|w| !w.is_empty())
}

/// `key=value` or `key="value"` in Keycloak-style event lines.
pub fn kv<'a>(s: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = s.get(from..).unwrap_or_default().find(key) {
        let at = from + i;
        let before_ok = at == 0 || !s.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = s.get(at + key.len()..).unwrap_or_default();
        if before_ok {
            if let Some(v) = rest.strip_prefix('=') {
                return Some(match v.strip_prefix('"') {
                    Some(q) => q.split('"').next().unwrap_or(""),
                    None => v.split([',', ' ', ';']).next().unwrap_or(""),
                })
                .filter(|v| !v.is_empty() && *v != "null");
            }
        }
        from = at + key.len();
    }
    None
}

/// The path of a request line (`GET /a?b HTTP/1.1` → `/a`), or the text when it is no request.
pub fn request_path(request: &str) -> Option<String> {
    let mut it = request.split_whitespace();
    let first = it.next()?;
    let target = if first.bytes().all(|b| b.is_ascii_uppercase()) {
        it.next()?
    } else {
        first
    };
    Some(path_only(target))
}

/// A URL or target without its query, so grouping does not split on query strings.
pub fn path_only(target: &str) -> String {
    target.split(['?', '#']).next().unwrap_or("").to_string()
}

/// An address without its port (`1.2.3.4:5678` → `1.2.3.4`; IPv6 kept whole).
pub fn host_only(addr: &str) -> String {
    let a = addr.trim_matches(['[', ']']);
    match a.rsplit_once(':') {
        Some((h, p)) if a.matches(':').count() == 1 && p.bytes().all(|b| b.is_ascii_digit()) => {
            h.to_string()
        }
        _ => a.to_string(),
    }
}

/// The timestamp a line starts with, in the server's own words (kept as text: formats vary and
/// the timeline orders by position in the paste, which is the server's order).
pub fn timestamp(line: &str) -> Option<String> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix('[') {
        // Apache: [Wed Nov 05 21:54:18.280834 2025] …
        return rest.split(']').next().map(str::to_string);
    }
    let mut words = t.split_whitespace();
    let first = words.next()?;
    let b = first.as_bytes();
    // klog: E1126 03:38:26.776766
    if b.len() == 5 && b"IWEF".contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit) {
        return words
            .next()
            .map(|w| format!("{} {w}", first.get(1..).unwrap_or_default()));
    }
    // An access log: … [14/Apr/2020:10:10:17 +0000] …
    if let Some(d) = between(t, " [", "]").filter(|d| d.contains('/') && d.contains(':')) {
        if !first.contains(['/', '-']) {
            return Some(d.to_string());
        }
    }
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let is_date = first.contains(['-', '/']) && !first.contains(':');
    match words.next() {
        Some(second) if is_date && second.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Some(format!("{first} {}", second.trim_end_matches(',')))
        }
        _ if first.contains([':', '.', 'T']) => Some(first.to_string()),
        _ => between(t, " [", "]").map(str::to_string),
    }
}

/// Whether a line starts the way log lines do: a time, an address, a bracket, a JSON object, a
/// level word or an exception. Detection asks this so a bare challenge is not taken for a log.
pub fn log_shaped(line: &str) -> bool {
    let t = line.trim_start();
    let first = t.split_whitespace().next().unwrap_or("");
    let level = [
        "INFO", "WARN", "WARNING", "ERROR", "DEBUG", "TRACE", "FATAL", "info:", "warn:", "fail:",
        "dbug:", "trce:", "crit:", "info", "debug", "error",
    ];
    t.starts_with(['[', '{'])
        || first.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || level.contains(&first)
        || (first.len() == 5
            && first
                .get(1..)
                .unwrap_or_default()
                .bytes()
                .all(|b| b.is_ascii_digit()))
        || has(first, "Exception")
        || first.ends_with("Error:")
        || first.starts_with("Caused")
        || has(t, " was not authenticated. Failure message:")
        || (first.matches('.').count() >= 2
            && first.as_bytes()[0].is_ascii_alphabetic()
            && first
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._`$[]:".contains(&b)))
        || [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        .contains(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_each_family() {
        let cases = [
            (
                "2021/03/16 09:12:04 [error] 5669#5669: x",
                "2021/03/16 09:12:04",
            ),
            (
                "[Wed Nov 05 21:54:18.280834 2025] [auth_basic:error] x",
                "Wed Nov 05 21:54:18.280834 2025",
            ),
            (
                "E1126 03:38:26.776766       1 authentication.go:75] x",
                "1126 03:38:26.776766",
            ),
            (
                "10.0.0.1 - admin [14/Apr/2020:10:10:17 +0000] \"GET / HTTP/1.1\" 403 1",
                "14/Apr/2020:10:10:17 +0000",
            ),
            (
                "2023-01-06T11:21:12.846479Z     debug   envoy jwt",
                "2023-01-06T11:21:12.846479Z",
            ),
            (
                "1480383026.974      0 1.2.3.4 TCP_DENIED/407",
                "1480383026.974",
            ),
            (
                "2024-05-27 03:01:14,559 DEBUG [org.keycloak]",
                "2024-05-27 03:01:14,559",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(timestamp(line).as_deref(), Some(want), "{line}");
        }
        assert_eq!(timestamp("hello"), None);
    }

    #[test]
    fn fields() {
        assert_eq!(
            kv(
                "type=LOGIN_ERROR, realmId=a, error=invalid_user_credentials, x=1",
                "error"
            ),
            Some("invalid_user_credentials")
        );
        assert_eq!(kv("type=\"LOGIN_ERROR\", userId=\"null\"", "userId"), None);
        assert_eq!(kv("clientError=x error=y", "error"), Some("y"));
        assert_eq!(
            request_path("GET /a/b?c=1 HTTP/1.1").as_deref(),
            Some("/a/b")
        );
        assert_eq!(host_only("192.168.0.41:61174"), "192.168.0.41");
        assert_eq!(host_only("::1"), "::1");
        assert_eq!(word_after("user \"foo\" was", "user "), Some("foo"));
    }
}
