//! The request a curl command sends, for a transcript whose output shows only the response
//! (`curl -i`), so the response is judged against what was sent, as with `curl -v`.

use super::parse::parse;
use super::shell::{shell_words, strip_prompt, Prompt};
use crate::engine::core::b64;
use crate::engine::http::{Header, Request, RequestLine};

/// Options with which curl makes or reads a credential the command's words do not show (a
/// Digest or NTLM exchange, .netrc, a config file, a client certificate). With one of them the
/// request is not known well enough to say what it lacked.
const HIDDEN_CREDENTIALS: &[&str] = &[
    "--digest",
    "--ntlm",
    "--ntlm-wb",
    "--negotiate",
    "--anyauth",
    "--aws-sigv4",
    "--delegation",
    "--krb",
    "-n",
    "--netrc",
    "--netrc-file",
    "--netrc-optional",
    "-K",
    "--config",
    "-E",
    "--cert",
    "--key",
    "-U",
    "--proxy-user",
    "--proxy-digest",
    "--proxy-ntlm",
    "--proxy-negotiate",
    "--proxy-anyauth",
];

/// Short options of [`HIDDEN_CREDENTIALS`], as they appear inside a cluster such as `-sSn`.
const HIDDEN_SHORT: &[char] = &['n', 'K', 'E', 'U'];

/// The request `cmd` sends, or `None` when the command does not show it all: a shell variable
/// or substitution (its value is the shell's), a credential curl makes itself, or a cookie file.
pub fn sent_request(cmd: &str) -> Option<Request> {
    let t = cmd.trim_start();
    let (prompt, command) = strip_prompt(t).unwrap_or((Prompt::None, t));
    if command.contains('$') || command.contains('`') {
        return None;
    }
    // cmd.exe and PowerShell quote otherwise than the POSIX words read here.
    if matches!(prompt, Prompt::Cmd | Prompt::PowerShell) {
        return None;
    }
    let words = shell_words(command).ok()?;
    if words.iter().skip(1).any(|w| hides_credential(w)) {
        return None;
    }
    let c = parse(cmd).ok()?;
    let mut headers = c.headers;
    let explicit = headers.iter().any(|h| h.is("authorization"));
    // An explicit -H Authorization replaces what -u or --oauth2-bearer would send.
    let made = match (&c.user, &c.bearer) {
        _ if explicit => None,
        (Some(user), _) => Some(format!("Basic {}", b64::encode(user.as_bytes()))),
        (None, Some(token)) => Some(format!("Bearer {token}")),
        (None, None) => None,
    };
    if let Some(value) = made {
        headers.push(header("Authorization", value));
    }
    match c.cookies {
        // Without '=', -b names a cookie file, whose contents are not in the paste.
        Some(cookies) if !cookies.contains('=') => return None,
        Some(cookies) => headers.push(header("Cookie", cookies)),
        None => {}
    }
    Some(Request {
        line: Some(RequestLine {
            method: c.method.to_string(),
            target: c.url?,
            version: "HTTP/1.1".to_string(),
        }),
        headers,
        body: c.data.unwrap_or_default(),
    })
}

fn header(name: &str, value: String) -> Header {
    Header {
        name: name.to_string(),
        value,
    }
}

/// Whether a word of the command is an option in [`HIDDEN_CREDENTIALS`], alone, with `=value`,
/// or in a cluster of short flags.
fn hides_credential(word: &str) -> bool {
    let option = word.split('=').next().unwrap_or(word);
    if HIDDEN_CREDENTIALS.contains(&option) {
        return true;
    }
    let cluster = word
        .strip_prefix('-')
        .filter(|rest| !rest.starts_with('-') && rest.len() > 1 && rest.len() <= 8);
    cluster.is_some_and(|rest| {
        rest.chars().all(|ch| ch.is_ascii_alphabetic()) && rest.contains(HIDDEN_SHORT)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_command_shows_is_the_request() {
        let r = sent_request("$ curl -i -u alice:secret https://api.example.com/v1/me").unwrap();
        assert_eq!(
            r.line.as_ref().unwrap().target,
            "https://api.example.com/v1/me"
        );
        assert_eq!(r.headers[0].value, "Basic YWxpY2U6c2VjcmV0");
        let r =
            sent_request("curl -sS -X POST https://h/x -H 'Authorization: Bearer t' -u a:b -d x=1")
                .unwrap();
        assert_eq!(r.headers.len(), 1, "-H replaces -u");
        assert_eq!(r.line.unwrap().method, "POST");
    }

    #[test]
    fn hidden_credentials_leave_the_request_unknown() {
        for cmd in [
            "curl -i --digest -u a:b https://h/x",
            "curl -i -n https://h/x",
            "curl -sSn https://h/x",
            "curl -i --netrc-file ~/.netrc https://h/x",
            "curl -i -H \"Authorization: Bearer $TOKEN\" https://h/x",
            "curl -i -b cookies.txt https://h/x",
            "curl -i --cert client.pem https://h/x",
            "C:\\> curl -i -H 'Authorization: Bearer t' https://h/x",
        ] {
            assert!(sent_request(cmd).is_none(), "{cmd}");
        }
    }
}
