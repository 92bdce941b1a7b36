//! Request code that names a header but never sends it:
//! - PHP's curl takes CURLOPT_HTTPHEADER as a list of whole "Name: value" lines and ignores the
//!   array's keys, so `array("Authorization" => "Bearer …")` sends a line `Bearer …`;
//! - Guzzle's `request($method, $uri, $options)` reads one options array, so headers in a fourth
//!   argument are ignored;
//! - a token base64-encoded again on its way into `Bearer …`, so the server gets a blob with no
//!   dots instead of the token.

use super::lines;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::exchange::diagnosis_ids::NO_CREDENTIALS_SENT;

/// What the pasted code shows.
pub fn findings(text: &str) -> Vec<Finding> {
    php_curl_map(text)
        .into_iter()
        .chain(guzzle_split_options(text))
        .chain(bearer_encoded_again(text))
        .collect()
}

/// Guzzle's `->request(…)` with the headers in an argument after the options array.
fn guzzle_split_options(text: &str) -> Option<Finding> {
    let at = text.find("->request(")?;
    let call = text.get(at + "->request(".len()..).unwrap_or("");
    let args = top_level_args(call, 2_000);
    let late = args
        .iter()
        .skip(3)
        .find(|a| a.contains("'headers'") || a.contains("\"headers\""))?;
    Some(
        Finding::error(
            NO_CREDENTIALS_SENT,
            "Guzzle ignores the headers: they are not in the options argument",
            format!(
                "request() takes the method, the URI and one options array; the headers are in a later argument ({}), which Guzzle never reads, so no Authorization is sent.",
                crate::engine::core::text::clip(late.trim(), 60)
            ),
        )
        .fix("Put every option in the third argument: request('GET', $uri, ['debug' => true, 'headers' => ['Authorization' => \"Bearer $jwt\"]]).")
        .spec(SpecRef::new("Guzzle: request options", "https://docs.guzzlephp.org/en/stable/request-options.html")),
    )
}

/// Calls that base64-encode a value, as written in JavaScript, Python, C#, Go, Java and shells.
const ENCODES: &[&str] = &[
    "btoa(",
    "b64encode(",
    ".toString('base64')",
    ".toString(\"base64\")",
    "ToBase64String(",
    "EncodeToString(",
    "getEncoder().encode",
    "| base64",
];

/// `Bearer ${btoa(token)}`: a Bearer value built by encoding the token. Basic credentials are
/// encoded on purpose, so only a line that says Bearer counts.
fn bearer_encoded_again(text: &str) -> Option<Finding> {
    let line = lines(text).find(|l| {
        l.find("Bearer")
            .and_then(|at| l.get(at..))
            .is_some_and(|after| ENCODES.iter().any(|e| after.contains(e)))
    })?;
    Some(
        Finding::error(
            crate::engine::client_side::ids::TOKEN_ENCODED_AGAIN,
            "The token is base64-encoded again before it is sent as Bearer",
            format!(
                "\"{}\" encodes the token on its way into the header. A JWT or opaque token is sent as it was issued; encoded again it has no dots and is not the token the server issued, so it answers \"not enough segments\", \"malformed\" or 401.",
                crate::engine::core::text::clip(line.trim(), 80)
            ),
        )
        .fix("Send the token as issued: Authorization: Bearer <token>, with no btoa()/base64 around it (base64 belongs to Basic's user:password only).")
        .spec(SpecRef::new("RFC 6750 §2.1", "https://www.rfc-editor.org/rfc/rfc6750#section-2.1")),
    )
}

/// The arguments of a call whose text starts just after its `(`, split at top-level commas,
/// reading at most `limit` bytes (quotes and brackets are followed; PHP's quotes are enough).
fn top_level_args(call: &str, limit: usize) -> Vec<&str> {
    let bytes = call.as_bytes();
    let (mut depth, mut quote, mut start, mut out) = (0usize, None::<u8>, 0usize, Vec::new());
    for (i, &b) in bytes.iter().enumerate().take(limit) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(b),
            (None, b'(' | b'[' | b'{') => depth += 1,
            (None, b')' | b']' | b'}') if depth == 0 => {
                out.push(call.get(start..i).unwrap_or(""));
                return out;
            }
            (None, b')' | b']' | b'}') => depth -= 1,
            (None, b',') if depth == 0 => {
                out.push(call.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// The finding when the paste shows PHP curl headers written as name => value.
fn php_curl_map(text: &str) -> Option<Finding> {
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

    /// auth0/auth0-spa-js#838: the SPA's token wrapped in btoa().
    #[test]
    fn a_token_encoded_again() {
        let js = "const token = await auth0Client.getTokenSilently();\nconst headers = {\n    \"Authorization\": `Bearer ${btoa(token)}`;\n};";
        assert!(bearer_encoded_again(js).is_some());
        let basic = "headers: { Authorization: 'Basic ' + btoa(user + ':' + pass) }";
        assert!(bearer_encoded_again(basic).is_none());
    }

    /// NodeBB's write API (batch 2026-12-07b): the header array written as a map.
    #[test]
    fn a_header_array_written_as_a_map() {
        let t = "When I'm using CURL in PHP I get the following error (401) :\nA valid login session was not found.\n\narray(\"Authorization:\"=>\"Bearer MASTER_TOKEN\")";
        assert_eq!(findings(t).len(), 1);
        // The right way, and a map given to a client that takes one, are not this mistake.
        let right = "curl_setopt($ch, CURLOPT_HTTPHEADER, array(\"Authorization: Bearer $t\"));";
        assert!(findings(right).is_empty());
        let guzzle = "PHP curl\n$client->request('GET', $u, ['headers' => ['Authorization' => 'Bearer x']]);";
        assert!(findings(guzzle).is_empty());
    }

    /// guzzle/guzzle#1754 (batch 2026-12-07c): the headers in a fourth argument.
    #[test]
    fn guzzle_headers_after_the_options() {
        let t = "$newresponse = $client->request(\n 'GET',\n 'tags?tag='.$tags.'page=21',\n ['debug' => true],\n ['headers' => ['Authorization' => \"Bearer {$jwt}\"]]\n)->getBody();";
        assert_eq!(findings(t).len(), 1);
        let right = "$client->request('GET', 'tags', ['debug' => true, 'headers' => ['Authorization' => 'Bearer x']]);";
        assert!(findings(right).is_empty());
        assert!(findings("$client->request('GET', 'x', [").is_empty());
    }
}
