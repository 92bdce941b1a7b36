//! `Authorization : token`: whitespace between a header's name and its colon. HTTP/1.1 forbids
//! it; servers answer 400 ("invalid header name") or drop the field, so the credential never
//! counts.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};

/// Header names whose loss makes a request anonymous.
const CREDENTIAL_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-api-key",
];

/// The finding, when a command's header or a pasted header line has a space before its colon.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let name = lines(text).find_map(spaced_name)?;
    Some(
        Finding::error(
            ids::SPACE_BEFORE_COLON,
            format!("\"{name} :\" is not a valid header: no space is allowed before the colon"),
            format!("HTTP/1.1 allows no whitespace between a field name and its colon. A server must answer 400 to such a request (etcd: \"invalid header name\"), and a proxy must remove the space or drop the field, so the {name} header never counts."),
        )
        .fix(format!("Write it without the space: -H '{name}: …'."))
        .spec(SpecRef::new("RFC 9112 §5.1", "https://www.rfc-editor.org/rfc/rfc9112#section-5.1")),
    )
}

/// The header name on a line that writes `Name :` for a credential header, at a line start or
/// after curl's -H.
fn spaced_name(line: &str) -> Option<String> {
    let candidates = line
        .match_indices("-H ")
        .chain(line.match_indices("--header "))
        .filter_map(|(i, m)| line.get(i + m.len()..))
        .map(|r| r.trim_start().trim_start_matches(['\'', '"']))
        .map(|r| (r, true))
        .chain(std::iter::once((line.trim_start(), false)));
    for (c, in_command) in candidates {
        let Some((name, value)) = c.split_once(':') else {
            continue;
        };
        let trimmed = name.trim_end();
        // A line of its own is a header only when written as one ("Authorization : x"), not
        // as a key in code or YAML ("cookie : { … }").
        let header_shaped = in_command
            || (trimmed.starts_with(|c: char| c.is_ascii_uppercase())
                && !value.trim_start().starts_with(['{', '[', '\'', '"']));
        if trimmed.len() < name.len()
            && header_shaped
            && CREDENTIAL_HEADERS.contains(&trimmed.to_ascii_lowercase().as_str())
        {
            return Some(trimmed.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// etcd-io/website#411: the documented curl example had a space before the colon.
    #[test]
    fn a_space_before_the_colon() {
        let paste = "curl -L http://localhost:2379/v3/kv/put -H 'Authorization : FdnXsiVpzzFfkCzJ.41' -X POST -d '{\"key\": \"Zm9v\", \"value\": \"YmFy\"}'\n400 Bad Request: invalid header name";
        assert!(finding(paste).is_some());
        assert!(finding("curl -H 'Authorization: Bearer x' https://a.test").is_none());
        assert!(finding("Note: the Authorization header").is_none());
        // A key in code is not a header (express-session's options, expressjs/session#774).
        assert!(finding("    cookie : { sameSite: 'none' , secure: true }").is_none());
    }
}
