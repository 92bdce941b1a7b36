//! A credential the paste shows configured while the server says none arrived: the client did
//! not read that setting (another key name, file, profile or component), so it sent nothing.
//! The general case behind an ignored `username:` in a YAML file, renamed Gradle properties, or
//! proxy credentials a plugin never uses.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{clip, has};

/// Words servers and tools use when no credential arrived at all.
const NONE_ARRIVED: &[&str] = &[
    "missing authentication credentials",
    "credentials were not provided",
    "No credentials",
    "no credentials",
    "Full authentication is required",
    "requires authentication",
    "not authenticated",
    "Not authenticated",
    "no basic auth credentials",
];

/// Setting names that hold a credential.
const KEYS: &[&str] = &[
    "username", "user", "password", "passwd", "apikey", "api_key", "api-key", "token", "secret",
];

/// The finding, when the paste shows both.
pub(super) fn findings(text: &str) -> Option<Finding> {
    let said = NONE_ARRIVED.iter().find(|w| has(text, w))?;
    let setting = lines(text).find_map(configured)?;
    Some(
        Finding::error(
            ids::CREDENTIAL_NOT_APPLIED,
            "A credential is configured, but none arrived",
            format!(
                "The paste configures {setting}, yet the server says \"{said}\": the client did not use that setting for this request (another key name than it reads, another file or profile, or a component that ignores it), so it sent no credential."
            ),
        )
        .fix("Check the exact setting name the client version reads (its documentation, or a debug log of the request), that it reads this file or profile, and that the request carries the header (curl -v, a proxy log).")
        .spec(SpecRef::new("RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2")),
    )
}

/// `username: …`, `password = …`, `mavenCentralRepositoryPassword=…` on a line, or a sentence
/// saying the user name and password are defined: what is configured, in words.
fn configured(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    for p in [
        "username and password",
        "user name and password",
        "credentials are",
        "token is set",
    ] {
        if lower.contains(p)
            && ["defined", "configured", "set", "provided"]
                .iter()
                .any(|w| lower.contains(w))
        {
            return Some(format!("credentials (\"{}\")", clip(t, 80)));
        }
    }
    let (name, value) = t.split_once([':', '='])?;
    let name = name.trim().trim_matches(['"', '\'']);
    let key = name.to_ascii_lowercase();
    let is_key = KEYS
        .iter()
        .any(|k| key == *k || key.ends_with(k) && key.len() <= 40);
    let plain_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    (is_key && plain_name && !value.trim().is_empty()).then(|| format!("\"{}\"", clip(name, 40)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_but_none_arrived() {
        // Batch 2026-12-07d: the maven-central properties the plugin no longer reads.
        let t =
            "401 - Unauthorized\nmavenCentralRepositoryUsername=me\n\"requires authentication\"";
        assert!(findings(t).is_some());
        // A prompt or a refusal of a credential that did arrive is not this.
        assert!(findings(
            "Username for 'https://github.com': me\nremote: Invalid username or password."
        )
        .is_none());
        assert!(
            findings("password: hunter2\nHTTP/1.1 401 Unauthorized\nincorrect password").is_none()
        );
    }
}
