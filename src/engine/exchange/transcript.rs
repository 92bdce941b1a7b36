//! A terminal transcript: a `$ curl …` command followed by its `-v` or `-i` output, possibly
//! over several redirect hops. The command and the hops are read apart from the exchange.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::has;
use crate::engine::curl;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A redirect hop went out without the Authorization header the first request carried.
    pub const REDIRECT_DROPPED_AUTH: FindingId =
        FindingId("transcript.redirect_dropped_authorization");
    /// The client followed a redirect to a signed storage URL and took Authorization along.
    pub const AUTH_TO_SIGNED_URL: FindingId = FindingId("transcript.auth_forwarded_to_signed_url");
}

/// What storage services answer when a request carries an Authorization header besides the
/// URL's own signature: Azure Storage, and S3 (and its compatibles).
const SECOND_CREDENTIAL: &[&str] = &[
    "Make sure the value of Authorization header is formed correctly",
    "Only one auth mechanism allowed",
    "Multiple auth mechanisms are not allowed",
];

/// A redirect to a URL that carries its own signature (SAS, presigned), and after it the
/// storage's complaint about an Authorization header: the client forwarded the first request's
/// credential to the storage host.
pub fn auth_to_signed_url(text: &str) -> Option<Finding> {
    let mut signed_at = None;
    for (n, line) in text.lines().take(5_000).enumerate() {
        let l = line.trim_start_matches(['<', ' ']);
        if signed_at.is_none() {
            let location = crate::engine::core::header::split_header(l)
                .filter(|h| h.is("location"))
                .map(|h| h.value);
            let signed = location.as_deref().is_some_and(|v| {
                crate::engine::signed::url_has_credential(v)
                    || ["sig=", "X-Amz-Signature=", "X-Goog-Signature="]
                        .iter()
                        .any(|m| v.contains(m))
            });
            if signed {
                signed_at = Some(n);
            }
        } else if SECOND_CREDENTIAL.iter().any(|p| has(l, p)) {
            return Some(
                Finding::error(
                    ids::AUTH_TO_SIGNED_URL,
                    "The API's Authorization header was forwarded to the signed storage URL",
                    "The API answered with a redirect to a URL that carries its own signature (an Azure SAS or a presigned S3 URL). The storage then received the API's Authorization header as well and tried to check it instead of the URL's signature, so it refused. curl before 7.58 forwarded a custom Authorization header on -L to any host; --location-trusted and some HTTP libraries still do.",
                )
                .fix("Follow the redirect without the header: plain -L on curl 7.58 or later (no --location-trusted), or read Location and fetch it in a second request without Authorization.")
                .spec(SpecRef::new("curl manual: --location-trusted", "https://curl.se/docs/manpage.html#--location-trusted")),
            );
        }
    }
    None
}

/// Lines before the command that may be other shell steps (`$ echo … | base64`, `export …`).
const LEAD_LINES: usize = 8;

/// Splits a transcript into its command (the first `$ curl …` line among the first few, with `\`
/// continuations) and the output after it. `None` when no curl command starts it.
pub fn split(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let mut start = 0;
    let mut found = false;
    for line in text.split_inclusive('\n').take(LEAD_LINES) {
        // The command keeps its prompt, which tells how the shell read the quotes.
        if curl::strip_prompt(line.trim_end()).is_some() {
            found = true;
            break;
        }
        // Only shell steps may come first: a prompt, an export, or a blank line.
        let l = line.trim();
        if !(l.is_empty() || l.starts_with("$ ") || l.starts_with("export ") || l.starts_with('#'))
        {
            return None;
        }
        start += line.len();
    }
    if !found {
        return None;
    }
    let vars = curl::shell::exports(text.get(..start).unwrap_or_default());
    let t = text.get(start..).unwrap_or_default();
    // A quoted argument (a JSON body after --data) runs on over line breaks, when its quote
    // closes further down; a quote that never closes is the user's mistake, not a longer command.
    // cmd.exe has no single quotes.
    let posix = !matches!(
        curl::strip_prompt(t.lines().next().unwrap_or("")),
        Some((curl::Prompt::Cmd, _))
    );
    let (mut cmd, mut rest) = command_lines(t, posix);
    if posix && cmd.is_empty() {
        (cmd, rest) = command_lines(t, false);
    }
    // Variables exported just before the command are filled in as the shell would.
    if !vars.is_empty() {
        cmd = curl::shell::expand_vars(&cmd, &vars);
    }
    Some((cmd, rest))
}

/// The command's lines (joined at `\` or `^` continuations) and the text after them; with
/// `quotes`, a line that leaves a quote open continues the command. Empty when a quote is left
/// open to the end.
fn command_lines(t: &str, quotes: bool) -> (String, &str) {
    let mut cmd = String::new();
    let mut offset = 0;
    let mut quote = curl::Quote::None;
    for line in t.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if quotes {
            // Output inside a quote means the quote was never closed in the command.
            let output = quote != curl::Quote::None
                && (l.starts_with("* ")
                    || crate::engine::http::parse_status_line(l.trim_start_matches("< "))
                        .is_some());
            if output {
                return (String::new(), "");
            }
            quote = curl::quote_after(quote, l);
            if quote != curl::Quote::None {
                cmd.push_str(l);
                cmd.push('\n');
                continue;
            }
        }
        match l.strip_suffix('\\').or_else(|| l.strip_suffix('^')) {
            Some(cont) => cmd.push_str(cont),
            None => {
                cmd.push_str(l);
                return (cmd, t.get(offset..).unwrap_or_default());
            }
        }
    }
    if quote != curl::Quote::None {
        return (String::new(), "");
    }
    (cmd, "")
}

/// Whether more commands follow the first one's output: a prompt, or a line that runs curl.
pub fn has_more_commands(rest: &str) -> bool {
    rest.lines()
        .any(|l| l.starts_with("$ ") || curl::strip_prompt(l).is_some())
}

/// Whether output follows the command: any line that is not a further prompt.
pub fn has_output(rest: &str) -> bool {
    rest.lines().any(|l| !l.trim().is_empty())
}

/// Findings about the command itself and about redirect hops.
pub fn findings(cmd: &str, output: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let (prompt, command) = curl::strip_prompt(cmd).unwrap_or((curl::Prompt::None, cmd));
    if let Ok(words) = curl::shell_words(command) {
        out.extend(curl::mistakes::findings(command, &words, prompt));
    }
    out.extend(shell_errors(output, prompt));
    out.extend(hops(output));
    out.extend(library_prefix(cmd));
    let server = output
        .lines()
        .filter_map(|l| crate::engine::core::header::split_header(l.trim_start_matches("< ")))
        .find(|h| h.is("server"))
        .map(|h| h.value);
    if let (Ok(c), Some(server)) = (curl::parse(command), server) {
        out.extend(super::underscore_header(
            c.headers.iter().map(|h| h.name.as_str()),
            &server,
        ));
    }
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

/// What the shell and curl printed instead of a response.
fn shell_errors(output: &str, prompt: curl::Prompt) -> Vec<Finding> {
    let mut out = Vec::new();
    for line in output.lines().take(2_000) {
        let l = line.trim();
        let host = l
            .strip_prefix("curl: (6) Could not resolve host: ")
            .or_else(|| l.strip_prefix("curl: (5) Could not resolve proxy: "))
            .or_else(|| l.split("Could not resolve proxy: ").nth(1))
            .map(|h| h.split_whitespace().next().unwrap_or(""));
        let quotes = |h: &str| {
            prompt == curl::Prompt::Cmd
                || h.starts_with('\'')
                || h.ends_with('\'')
                || matches!(h, "Bearer" | "Basic" | "token")
        };
        match host {
            Some(h) if h.contains('@') && out.is_empty() => {
                out.push(curl::mistakes::at_in_url_password(h))
            }
            Some(h) if quotes(h) && out.is_empty() => out.push(curl::mistakes::cmd_single_quotes()),
            _ => {}
        }
        if has(l, "is not recognized as an internal or external command") && out.is_empty() {
            out.push(curl::mistakes::cmd_single_quotes());
        }
    }
    out
}

/// Reads `-v` hops: a request that carried Authorization followed by one that did not.
pub fn hops(output: &str) -> Vec<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_body_over_several_lines_stays_in_the_command() {
        // Anthropic's Messages API example: the JSON body after --data spans lines.
        let cmd = "curl https://api.anthropic.com/v1/messages \\\n     --header \"x-api-key: $ANTHROPIC_API_KEY\" \\\n     --data \\\n'{\n    \"max_tokens\": 1024\n}'";
        let (got, rest) = split(cmd).unwrap();
        assert!(got.contains("\"max_tokens\": 1024\n}'"), "{got}");
        assert!(!has_output(rest));
        let with_output = format!("$ {cmd}\nHTTP/1.1 401 Unauthorized\n");
        let (got, rest) = split(&with_output).unwrap();
        assert!(got.ends_with("}'"));
        assert!(has_output(rest));
    }

    #[test]
    fn a_quote_left_open_ends_the_command_at_its_line() {
        let t = "curl -H \"Authorization: Bearer abc \\\n  https://vault.test/v1/x\n\nHTTP/1.1 400 Bad Request\n\n{\"errors\":[\"missing client token\"]}";
        let (got, rest) = split(t).unwrap();
        assert_eq!(
            got,
            "curl -H \"Authorization: Bearer abc   https://vault.test/v1/x"
        );
        assert!(rest.contains("400 Bad Request"));
        // Output inside the open quote shows it never closed, even if later quotes pair up.
        let t = "curl -H 'x: y\nHTTP/1.1 200 OK\n\n{'a': 1}";
        let (got, _) = split(t).unwrap();
        assert_eq!(got, "curl -H 'x: y");
    }
}
