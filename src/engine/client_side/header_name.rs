//! A credential header whose name has an underscore, which the paste says never arrived: nginx
//! (in front of most hosting platforms and ingress controllers) drops such headers by default,
//! so the application sees none although the client sent it.

use super::lines;
use crate::engine::core::finding::Finding;
use crate::engine::exchange::underscore_header;

/// Words for a header that did not reach the application.
const NOT_ARRIVED: &[&str] = &[
    "not appearing",
    "not received",
    "not receiving",
    "is missing",
    "not reaching",
    "never reaches",
    "doesn't reach",
    "does not reach",
    "is null",
    "is none",
    "is undefined",
    "not passed",
    "not forwarded",
    "stripped",
    "gets dropped",
    "is dropped",
];

/// The finding, when the paste names such a header and says it did not arrive.
pub(super) fn findings(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    if !NOT_ARRIVED.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let mut in_headers = 0usize;
    let name = lines(text).find_map(|l| {
        let ll = l.to_ascii_lowercase();
        if ll.contains("header") {
            in_headers = 4;
        } else {
            in_headers = in_headers.saturating_sub(1);
        }
        if in_headers == 0 {
            return None;
        }
        underscored_name(l)
    })?;
    // A server header naming nginx is not needed: the mechanism is nginx's default, and the
    // finding says so.
    underscore_header(std::iter::once(name.as_str()), "nginx")
}

/// `api_key:` or `"X_API_KEY":` on a line: a name with an underscore followed by a colon.
fn underscored_name(line: &str) -> Option<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '(' | '{' | ',' | '[' | '\'' | '"' | '`'))
        .filter_map(|w| {
            w.strip_suffix(':')
                .or_else(|| w.split_once(':').map(|(n, _)| n))
        })
        .map(|n| n.trim_matches(['"', '\'']))
        .find(|n| {
            n.contains('_')
                && n.len() <= 40
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                && !n.starts_with('_')
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// caprover/caprover#1912: an api_key header that never reached the app behind CapRover.
    #[test]
    fn an_underscore_header_that_never_arrived() {
        let paste = "custom header (api_key: \"xyz...sfsdf\") passed with API is not appearing in Caprover. It's working on other APP Hosting platforms, such as Vercel, why?";
        let f = findings(paste).unwrap();
        assert_eq!(f.id.as_str(), "exchange.underscore_header");
        assert!(findings("custom header (api-key: \"x\") is not appearing").is_none());
    }
}
