//! A terminal transcript: a `$ curl …` command followed by its `-v` or `-i` output, possibly
//! over several redirect hops. The command and the hops are read apart from the exchange.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::curl;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A redirect hop went out without the Authorization header the first request carried.
    pub const REDIRECT_DROPPED_AUTH: FindingId =
        FindingId("transcript.redirect_dropped_authorization");
}

/// Splits a transcript into its command (the leading `$ curl …` line, with `\` continuations)
/// and the output after it. `None` when the text does not start with a curl command.
pub fn split(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    if !curl::is_curl_command(t) {
        return None;
    }
    let mut cmd = String::new();
    let mut rest = "";
    let mut offset = 0;
    for line in t.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        match l.strip_suffix('\\').or_else(|| l.strip_suffix('^')) {
            Some(cont) => cmd.push_str(cont),
            None => {
                cmd.push_str(l);
                rest = &t[offset..];
                break;
            }
        }
    }
    Some((cmd, rest))
}

/// Whether output follows the command (`-v` lines or a status line).
pub fn has_output(rest: &str) -> bool {
    rest.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("> ") || l.starts_with("< ") || l.starts_with("HTTP/") || l.starts_with("* ")
    })
}

/// Findings about the command itself and about redirect hops.
pub fn findings(cmd: &str, output: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Ok(words) = curl::shell_words(cmd.trim_start_matches("$ ")) {
        out.extend(curl::mistakes::findings(cmd, &words));
    }
    out.extend(hops(output));
    out.extend(library_prefix(cmd));
    out
}

/// A Docker Hub token asked for `repository:NAME` without the `library/` namespace.
fn library_prefix(cmd: &str) -> Option<Finding> {
    if !cmd.contains("registry.docker.io") {
        return None;
    }
    let (_, rest) = cmd.split_once("scope=repository:")?;
    let repo = rest.split(':').next()?;
    (!repo.contains('/')).then(|| {
        Finding::error(
            super::server_says::ids::REGISTRY_LIBRARY_PREFIX,
            format!("Docker Hub images need a namespace: library/{repo}"),
            "Official images live under library/. The token was asked for repository:NAME without it, so it grants nothing on library/NAME.",
        )
        .fix(format!("Ask for scope=repository:library/{repo}:pull."))
        .spec(SpecRef::new("Docker registry token auth", "https://distribution.github.io/distribution/spec/auth/token/"))
    })
}

/// Reads `-v` hops: a request that carried Authorization followed by one that did not.
fn hops(output: &str) -> Vec<Finding> {
    let mut requests: Vec<(String, bool)> = Vec::new();
    let mut cleared = false;
    for line in output.lines() {
        let l = line.trim_start();
        if l.starts_with("* Clear auth") {
            cleared = true;
        }
        let body = l.strip_prefix("> ").unwrap_or(l);
        if let Some(rl) = crate::engine::http::parse_request_line(body) {
            requests.push((rl.target, false));
        } else if let Some(h) = crate::engine::core::header::split_header(body) {
            if let Some(last) = requests.last_mut() {
                if h.is("authorization") {
                    last.1 = true;
                } else if h.is("host") && !last.0.contains("://") {
                    last.0 = format!("{}{}", h.value, last.0);
                }
            }
        }
    }
    let first_auth = requests.first().is_some_and(|r| r.1);
    let dropped = requests.iter().skip(1).find(|r| !r.1);
    match (first_auth && requests.len() > 1, dropped) {
        (true, Some(hop)) => vec![Finding::error(
            ids::REDIRECT_DROPPED_AUTH,
            "The redirect dropped the Authorization header",
            format!("The first request carried Authorization; the redirected request to {} did not{}. curl (since 7.58) and browsers remove credentials when a redirect changes host, scheme or port, so the final server saw none.", crate::engine::core::text::clip(&hop.0, 120), if cleared { " (curl says \"Clear auth\")" } else { "" }),
        )
        .fix("Call the final URL directly. With curl, --location-trusted resends credentials to the new host: use it only if you trust that host.")
        .spec(SpecRef::new("curl manual: --location-trusted", "https://curl.se/docs/manpage.html#--location-trusted"))],
        _ => Vec::new(),
    }
}
