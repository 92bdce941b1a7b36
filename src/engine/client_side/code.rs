//! Request code that names a header but never sends it: PHP's curl takes CURLOPT_HTTPHEADER as a
//! list of whole "Name: value" lines and ignores the array's keys, so
//! `array("Authorization" => "Bearer …")` sends a line `Bearer …`, not an Authorization header.

use super::lines;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::exchange::diagnosis_ids::NO_CREDENTIALS_SENT;

/// The finding when the paste shows PHP curl headers written as name => value.
pub fn findings(text: &str) -> Option<Finding> {
    let lower = text.to_ascii_lowercase();
    let php_curl = lower.contains("curlopt_httpheader")
        || lower.contains("curl_setopt")
        || (lower.contains("curl") && lower.contains("php"));
    if !php_curl {
        return None;
    }
    let line = lines(text).find(|l| keyed_authorization(l))?;
    Some(
        Finding::error(
            NO_CREDENTIALS_SENT,
            "PHP curl sends the header array's values, not its keys",
            format!(
                "CURLOPT_HTTPHEADER takes a list of whole header lines and ignores the array's keys: {} sends the line \"Bearer …\" (not an Authorization header), so the server sees no credential.",
                crate::engine::core::text::clip(line.trim(), 100)
            ),
        )
        .fix("Write each header as one string: array(\"Authorization: Bearer $token\"), or use a client that takes a name => value map (Guzzle's 'headers' option).")
        .spec(SpecRef::new("PHP: curl_setopt CURLOPT_HTTPHEADER", "https://www.php.net/manual/en/function.curl-setopt.php")),
    )
}

/// `"Authorization" => …` or `'Authorization:' => …` on a line (not inside Guzzle's
/// `'headers' => [...]` option, which is a map).
fn keyed_authorization(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    if lower.contains("'headers'") || lower.contains("\"headers\"") {
        return false;
    }
    lower.match_indices("authorization").any(|(at, m)| {
        let after = lower.get(at + m.len()..).unwrap_or("");
        let after = after
            .trim_start_matches(':')
            .trim_start_matches(['"', '\'']);
        after.trim_start().starts_with("=>")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NodeBB's write API (batch 2026-12-07b): the header array written as a map.
    #[test]
    fn a_header_array_written_as_a_map() {
        let t = "When I'm using CURL in PHP I get the following error (401) :\nA valid login session was not found.\n\narray(\"Authorization:\"=>\"Bearer MASTER_TOKEN\")";
        assert!(findings(t).is_some());
        // The right way, and a map given to a client that takes one, are not this mistake.
        assert!(findings(
            "curl_setopt($ch, CURLOPT_HTTPHEADER, array(\"Authorization: Bearer $t\"));"
        )
        .is_none());
        assert!(findings("PHP curl\n$client->request('GET', $u, ['headers' => ['Authorization' => 'Bearer x']]);").is_none());
    }
}
