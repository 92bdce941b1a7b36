//! Shell and option mistakes in a pasted curl command that change what is sent: variables the
//! shell does not expand (or expands away), Windows quoting, `-U` for `-u`, and `-k`.

use super::shell::Prompt;
use crate::engine::core::finding::{Finding, SpecRef};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// `'Authorization: Bearer $TOKEN'`: single quotes send `$TOKEN` literally.
    pub const SINGLE_QUOTED_VAR: FindingId = FindingId("curl.single_quoted_var");
    /// `"Bearer abc$def"`: the shell expands `$def` inside double quotes, cutting the token.
    pub const DOLLAR_IN_DOUBLE_QUOTES: FindingId = FindingId("curl.dollar_in_double_quotes");
    /// `"…!…"` in bash: history expansion changes or rejects the command.
    pub const HISTORY_EXPANSION: FindingId = FindingId("curl.history_expansion");
    /// `-U`/`--proxy-user` without `-x`: the credentials go nowhere.
    pub const PROXY_USER_WITHOUT_PROXY: FindingId = FindingId("curl.proxy_user_without_proxy");
    /// `-u` with `-x`: the credentials go to the server, not the proxy.
    pub const USER_WITH_PROXY: FindingId = FindingId("curl.user_with_proxy");
    /// `-k`/`--insecure`: TLS problems are hidden and the credential can be intercepted.
    pub const INSECURE: FindingId = FindingId("curl.insecure");
    /// `-H "Authorization Bearer x"`: no colon, so curl sends no such header.
    pub const HEADER_WITHOUT_COLON: FindingId = FindingId("curl.header_without_colon");
    /// Windows cmd.exe does not treat single quotes as quotes.
    pub const CMD_SINGLE_QUOTES: FindingId = FindingId("curl.cmd_single_quotes");
    /// An `@` in a password inside a URL ends the user part early.
    pub const AT_IN_URL_PASSWORD: FindingId = FindingId("curl.at_in_url_password");
    /// The credential comes from a shell variable authlens cannot see.
    pub const SHELL_VARIABLE: FindingId = FindingId("curl.shell_variable");
    /// `Authentication:` instead of `Authorization:`.
    pub const AUTHENTICATION_HEADER: FindingId = FindingId("curl.authentication_header");

    /// Mistakes that keep the credential from reaching the server in Authorization: with one
    /// of them, "no credentials were sent" is their effect, not another cause.
    pub const WITHHOLD_CREDENTIAL: &[FindingId] = &[
        HEADER_WITHOUT_COLON,
        AUTHENTICATION_HEADER,
        CMD_SINGLE_QUOTES,
    ];
}

const BASH_QUOTING: SpecRef = SpecRef::new(
    "Bash manual: Quoting",
    "https://www.gnu.org/software/bash/manual/html_node/Quoting.html",
);

/// A `$NAME` the shell treats specially, found while scanning the raw command.
pub struct Var<'a> {
    /// The variable's name.
    pub name: &'a str,
    /// Inside single quotes: sent literally.
    pub in_single: bool,
    /// Inside double quotes right after other characters: part of a value.
    pub mid_word: bool,
}

/// Variables in the raw text, with their quoting. One pass, linear in the text.
pub fn variables(text: &str) -> Vec<Var<'_>> {
    let b = text.as_bytes();
    let (mut single, mut double) = (false, false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if !single => i += 1,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'$' => {
                let start = i + 1 + usize::from(b.get(i + 1) == Some(&b'{'));
                let end = b[start.min(b.len())..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .map_or(b.len(), |p| start + p);
                if end > start && !b[start].is_ascii_digit() {
                    let prev = if i > 0 { b[i - 1] } else { b' ' };
                    out.push(Var {
                        name: text.get(start..end).unwrap_or_default(),
                        in_single: single,
                        mid_word: prev.is_ascii_alphanumeric() && double,
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether the raw text has a `$(…)` command substitution the shell runs (outside single
/// quotes): its output, unknown here, becomes part of the value. One pass.
pub fn has_substitution(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut single, mut double, mut i) = (false, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if !single => i += 1,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'$' if !single && b.get(i + 1) == Some(&b'(') => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// Findings about how the shell and curl's options change the request.
pub fn findings(text: &str, words: &[String], prompt: Prompt) -> Vec<Finding> {
    let mut out = Vec::new();
    if prompt == Prompt::Cmd && text.contains('\'') {
        out.push(cmd_single_quotes());
    }
    let vars = variables(text);
    if let Some(v) = vars.iter().find(|v| v.in_single) {
        out.push(
            Finding::error(
                ids::SINGLE_QUOTED_VAR,
                format!("${} is in single quotes, so it is sent literally", v.name),
                format!("The shell does not expand variables inside '…': the server receives the text ${} instead of its value, and rejects it.", v.name),
            )
            .fix(format!("Use double quotes: -H \"Authorization: Bearer ${}\".", v.name))
            .spec(BASH_QUOTING),
        );
    }
    if let Some(v) = vars.iter().find(|v| v.mid_word) {
        out.push(
            Finding::error(
                ids::DOLLAR_IN_DOUBLE_QUOTES,
                format!("A $ inside the value: the shell expands ${}", v.name),
                format!("Inside \"…\" the shell replaces ${} with that variable's value (usually empty), so the token or password that contains a $ arrives cut short.", v.name),
            )
            .fix("Put the value in single quotes, or escape each $ as \\$.")
            .spec(BASH_QUOTING),
        );
    }
    if text.contains("event not found") || has_history_bang(text) {
        out.push(
            Finding::warning(
                ids::HISTORY_EXPANSION,
                "A ! inside double quotes triggers bash history expansion",
                "In an interactive bash, \"…!abc…\" is replaced by an earlier command (or fails with \"event not found\"), so the value sent is not the one typed.",
            )
            .fix("Use single quotes around values containing !, or run set +H first.")
            .spec(SpecRef::new("Bash manual: History expansion", "https://www.gnu.org/software/bash/manual/html_node/History-Interaction.html")),
        );
    }
    let has = |names: &[&str]| {
        words.iter().any(|w| {
            names
                .iter()
                .any(|n| w == n || w.strip_prefix(n).is_some_and(|v| v.starts_with('=')))
        })
    };
    let proxy = has(&["-x", "--proxy"]);
    if has(&["-U", "--proxy-user"]) && !proxy && !has(&["-u", "--user"]) {
        out.push(
            Finding::error(
                ids::PROXY_USER_WITHOUT_PROXY,
                "-U sets proxy credentials, and there is no proxy",
                "-U (--proxy-user) is for a proxy given with -x. Without one, the server gets no credentials at all.",
            )
            .fix("Use lower-case -u user:password for the server.")
            .spec(SpecRef::new("curl manual: -U", "https://curl.se/docs/manpage.html#-U")),
        );
    }
    if proxy && has(&["-u", "--user"]) && !has(&["-U", "--proxy-user"]) {
        out.push(
            Finding::warning(
                ids::USER_WITH_PROXY,
                "-u goes to the server, not to the proxy",
                "With -x, -u still authenticates to the target server; a proxy that wants credentials answers 407.",
            )
            .fix("Give the proxy its credentials with -U user:password (or in the -x URL, with @ and : percent-encoded).")
            .spec(SpecRef::new("curl manual: -U", "https://curl.se/docs/manpage.html#-U")),
        );
    }
    if has(&["-k", "--insecure"]) {
        out.push(
            Finding::warning(
                ids::INSECURE,
                "-k turns off certificate checks",
                "The TLS problem is hidden, not solved: whoever sits in between can read the credential this command sends.",
            )
            .fix("Drop -k and fix trust: --cacert with the right CA bundle, or the server's certificate chain.")
            .spec(SpecRef::new("curl manual: -k", "https://curl.se/docs/manpage.html#-k")),
        );
    }
    let header_values = words
        .windows(2)
        .filter(|w| w[0] == "-H" || w[0] == "--header")
        .map(|w| w[1].as_str());
    for v in header_values {
        let name = v.split(':').next().unwrap_or("").trim();
        if !v.contains(':') && v.to_ascii_lowercase().starts_with("authorization") {
            out.push(
                Finding::error(
                    ids::HEADER_WITHOUT_COLON,
                    "The Authorization header has no colon",
                    format!("curl sends -H values only as \"Name: value\"; \"{}\" has no colon, so no Authorization header is sent.", crate::engine::core::text::clip(v, 40)),
                )
                .fix("Write -H \"Authorization: Bearer <token>\".")
                .spec(SpecRef::new("curl manual: -H", "https://curl.se/docs/manpage.html#-H")),
            );
        }
        if name.eq_ignore_ascii_case("authentication") {
            out.push(
                Finding::error(
                    ids::AUTHENTICATION_HEADER,
                    "The header is Authentication, not Authorization",
                    "Servers read credentials from Authorization (RFC 9110 §11.6.2); a header named Authentication is ignored.",
                )
                .fix("Rename the header to Authorization.")
                .spec(SpecRef::new("RFC 9110 §11.6.2", "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2")),
            );
        }
    }
    out
}

/// cmd.exe passes single quotes through: `-u 'user:pw'` sends the quotes, and a quoted header
/// splits at its spaces.
pub fn cmd_single_quotes() -> Finding {
    Finding::error(
        ids::CMD_SINGLE_QUOTES,
        "Windows cmd does not treat single quotes as quotes",
        "In cmd.exe, 'user:password' is sent with its quote marks, and -H 'Authorization: Bearer x' splits at the spaces (curl then tries to resolve \"Bearer\" as a host). The server gets no valid credentials.",
    )
    .fix("In cmd use double quotes: -H \"Authorization: Bearer x\" and -u \"user:password\" (or run the command in PowerShell or Git Bash).")
    .spec(SpecRef::new("curl: using curl on Windows", "https://curl.se/docs/faq.html#Why_does_curl_report_Could_not_resolve_host"))
}

/// An `@` in a password written into a URL: everything after it was read as the host.
pub fn at_in_url_password(what: &str) -> Finding {
    Finding::error(
        ids::AT_IN_URL_PASSWORD,
        format!("An @ in the password ends the credentials early: curl could not resolve {}", crate::engine::core::text::clip(what, 60)),
        "In user:password@host the first unencoded @ after the password ends it, so the rest of the password became part of the host name (and the credentials sent were cut short). An HTML entity such as &#64; is not an encoding either.",
    )
    .fix("Percent-encode @ as %40 (and : as %3A) inside the user and password, or pass them with -u / -U instead of in the URL.")
    .spec(SpecRef::new("RFC 3986 §3.2.1", "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1"))
}

/// A `!` followed by a word character inside double quotes.
fn has_history_bang(text: &str) -> bool {
    let mut double = false;
    let mut single = false;
    let b = text.as_bytes();
    for (i, c) in b.iter().enumerate() {
        match c {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'!' if double && b.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) => {
                return true;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(cmd: &str) -> Vec<&'static str> {
        let words = super::super::shell_words(cmd).unwrap();
        findings(cmd, &words, Prompt::None)
            .iter()
            .map(|f| f.id.as_str())
            .collect()
    }

    #[test]
    fn quoting() {
        // digitalocean/api-v2#110: the docs' single-quoted $TOKEN.
        assert_eq!(
            ids("curl -H 'Authorization: Bearer $TOKEN' https://api.digitalocean.com/v2/actions"),
            ["curl.single_quoted_var"]
        );
        assert!(ids("curl -H \"Authorization: Bearer $TOKEN\" https://a.test").is_empty());
        assert_eq!(
            ids("curl -u \"bob:pa$word\" https://a.test"),
            ["curl.dollar_in_double_quotes"]
        );
    }

    #[test]
    fn windows_cmd_quotes() {
        // elastic/elasticsearch discussions: cmd.exe sends 'admin:pw' with its quotes.
        let line = "C:\\> curl https://localhost:9200/ -ku 'admin:MyStrongPassword123!'";
        let (prompt, cmd) = super::super::strip_prompt(line).unwrap();
        assert_eq!(prompt, Prompt::Cmd);
        let words = super::super::shell_words(cmd).unwrap();
        assert!(findings(cmd, &words, prompt)
            .iter()
            .any(|f| f.id == ids::CMD_SINGLE_QUOTES));
    }

    #[test]
    fn options() {
        assert_eq!(
            ids("curl -U bob:pw https://a.test"),
            ["curl.proxy_user_without_proxy"]
        );
        assert_eq!(
            ids("curl -x http://proxy:3128 -u bob:pw https://a.test"),
            ["curl.user_with_proxy"]
        );
        assert_eq!(ids("curl -k https://a.test"), ["curl.insecure"]);
        assert_eq!(
            ids("curl -H 'Authorization Bearer x' https://a.test"),
            ["curl.header_without_colon"]
        );
    }
}
