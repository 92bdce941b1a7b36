//! Shell traps a whole paste shows: the curl command together with what the shell and curl
//! printed. A URL cut at an unquoted `&`, a line continuation glued to the word before it, curl
//! options kept in a variable with quotes inside, a header value scraped from `curl -i` that
//! keeps its carriage return, and credentials in a URL with an unencoded `@`. `decide` reads the
//! text; `finding` words each trap.

use super::mistakes;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{clip, has};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// An unquoted `&` in a URL ends the command: the rest of the query never reaches the server.
    pub const UNQUOTED_AMPERSAND: FindingId = FindingId("curl.unquoted_ampersand");
    /// A line-continuation `\` with no space before it glues the next line onto a value.
    pub const GLUED_CONTINUATION: FindingId = FindingId("curl.glued_continuation");
    /// `-H "…"` stored in a variable: expanded unquoted, its quotes are not read again.
    pub const QUOTES_IN_VARIABLE: FindingId = FindingId("curl.quotes_in_variable");
    /// A header value cut out of `curl -i` output keeps the line's carriage return.
    pub const CARRIAGE_RETURN_KEPT: FindingId = FindingId("curl.carriage_return_kept");
}

/// Lines of a paste read at most.
const MAX_LINES: usize = 5_000;
/// Bytes of a URL's authority read at most.
const MAX_AUTHORITY: usize = 512;

/// One trap, with what its explanation quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trap {
    /// The URL as the server got it, and the part the shell took away.
    UnquotedAmpersand {
        /// What curl was given.
        kept: String,
        /// What the shell ran as another command (or a variable assignment).
        dropped: String,
    },
    /// The word a continuation was glued to.
    GluedContinuation {
        /// The end of the word before the `\`.
        word: String,
    },
    /// The word curl tried to resolve as a host after the header was split.
    QuotesInVariable {
        /// That word.
        host: String,
    },
    /// A value scraped from `curl -i` headers with grep and awk or cut.
    CarriageReturnKept,
    /// A URL whose user part holds an `@` (or `&#64;`).
    AtInUserinfo {
        /// The authority as written, or the host curl could not resolve.
        authority: String,
        /// Whether curl's "Could not resolve" line shows it (else a URL in the paste does).
        unresolved: bool,
    },
}

/// The traps `text` shows, each at most once, in a fixed order.
pub fn decide(text: &str) -> Vec<Trap> {
    let lines: Vec<&str> = text.lines().take(MAX_LINES).collect();
    let mut out = Vec::new();
    let curl_error_3 = lines
        .iter()
        .any(|l| has(l, "URL using bad/illegal format or missing URL"));
    // Anything in the paste that removes the \r (tr -d '\r', sed 's/\r//', dos2unix).
    let strips_cr = [
        "\\r",
        "tr -d",
        "dos2unix",
        "[:space:]",
        "[:cntrl:]",
        "xargs",
    ]
    .iter()
    .any(|s| has(text, s));
    let mut amp = None;
    let mut glued = None;
    let mut cr = false;
    for block in command_blocks(&lines) {
        let s = scan(&block, curl_error_3);
        amp = amp.or(s.ampersand);
        glued = glued.or(s.glued);
        cr = cr || (!strips_cr && keeps_carriage_return(&block));
    }
    if let Some((kept, dropped)) = amp {
        out.push(Trap::UnquotedAmpersand { kept, dropped });
    }
    if let Some(word) = glued {
        out.push(Trap::GluedContinuation { word });
    }
    if let Some(host) = quotes_in_variable(&lines) {
        out.push(Trap::QuotesInVariable { host });
    }
    if cr {
        out.push(Trap::CarriageReturnKept);
    }
    if let Some((authority, unresolved)) = lines.iter().find_map(|l| at_in_userinfo(l)) {
        out.push(Trap::AtInUserinfo {
            authority,
            unresolved,
        });
    }
    out
}

/// The findings for the traps `text` shows.
pub fn findings(text: &str) -> Vec<Finding> {
    decide(text).iter().map(finding).collect()
}

/// Each curl command with its continuation lines, joined by `\n`: a line holding the word
/// `curl`, and the lines after it while each ends in `\` or `^`.
fn command_blocks(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for l in lines {
        let l = l.trim_end_matches('\r');
        let cont = l.ends_with('\\') || l.ends_with('^');
        match cur.as_mut() {
            Some(b) => {
                b.push('\n');
                b.push_str(l);
            }
            None if curl_word(l).is_some() => cur = Some(l.to_string()),
            None => continue,
        }
        if !cont {
            out.extend(cur.take());
        }
    }
    out.extend(cur);
    out
}

/// Where the word `curl` starts in a line (not inside another word).
fn curl_word(l: &str) -> Option<usize> {
    let b = l.as_bytes();
    l.match_indices("curl").map(|(i, _)| i).find(|&i| {
        let before = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"_-./".contains(&b[i - 1]));
        let after = b.get(i + 4).is_none_or(|c| c.is_ascii_whitespace());
        before && after
    })
}

/// What one scan of a command found.
#[derive(Default)]
struct Scan {
    ampersand: Option<(String, String)>,
    glued: Option<String>,
}

/// Reads a command as the shell would, for quotes: an unquoted `&` inside a word holding `?`,
/// and a `\` line continuation right after a word. `$(…)` inside double quotes starts over.
fn scan(block: &str, curl_error_3: bool) -> Scan {
    let b = block.as_bytes();
    let start = curl_word(block).unwrap_or(0);
    let (mut single, mut double) = (false, false);
    let mut outer: Vec<bool> = Vec::new();
    let mut word_start = 0;
    // Whether the current word has a `?` so far (kept as the scan goes: linear).
    let mut query = false;
    let mut out = Scan::default();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' if !single => {
                if !double && matches!(b.get(i + 1), Some(b'\n') | Some(b'\r')) {
                    let prev = i.checked_sub(1).map(|p| b[p]);
                    let glued_word = prev.is_some_and(|p| !p.is_ascii_whitespace());
                    // The newline's own index: CR LF, or a lone LF or CR.
                    let nl = if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    let next = block.get(nl + 1..).unwrap_or_default();
                    let joins = match next.chars().next() {
                        Some(ch) if ch == ' ' || ch == '\t' => curl_error_3,
                        Some(ch) => !ch.is_ascii() || !ch.is_whitespace(),
                        None => false,
                    };
                    if glued_word && joins && out.glued.is_none() && i > start {
                        out.glued =
                            Some(tail_chars(block.get(word_start..i).unwrap_or_default(), 40));
                    }
                }
                i += 1;
            }
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'$' if !single && b.get(i + 1) == Some(&b'(') => {
                outer.push(double);
                double = false;
                i += 1;
                word_start = i + 1;
                query = false;
            }
            b')' if !single && !double && !outer.is_empty() => {
                double = outer.pop().unwrap_or(false);
                word_start = i + 1;
                query = false;
            }
            b'^' if !single && !double && b.get(i + 1) == Some(&b'&') => i += 1,
            b'&' if !single && !double && out.ampersand.is_none() && i > start => {
                let prev = b[i - 1];
                let next_ok = b
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_');
                let word = block.get(word_start..i).unwrap_or_default();
                if !prev.is_ascii_whitespace() && !b"&|<>".contains(&prev) && next_ok && query {
                    let rest = block.get(i + 1..).unwrap_or_default();
                    let end = rest
                        .find(|ch: char| ch.is_whitespace() || "\"');|&".contains(ch))
                        .unwrap_or(rest.len());
                    out.ampersand = Some((
                        clip(word, 200),
                        clip(rest.get(..end).unwrap_or_default(), 120),
                    ));
                }
                word_start = i + 1;
                query = false;
            }
            _ if !single && !double && (c.is_ascii_whitespace() || b"(;|".contains(&c)) => {
                word_start = i + 1;
                query = false;
            }
            b'?' => query = true,
            _ => {}
        }
        i += 1;
    }
    out
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// A header value cut out of `curl -i` (or `-I`, `-D -`) output with grep and awk or cut (the
/// caller checks that nothing in the paste removes the `\r` every header line ends with).
fn keeps_carriage_return(block: &str) -> bool {
    let Some(start) = curl_word(block) else {
        return false;
    };
    let cmd = block.get(start..).unwrap_or_default();
    let Some((curl_part, pipeline)) = cmd.split_once('|') else {
        return false;
    };
    let includes_headers = curl_part.split_whitespace().any(|w| {
        w == "--include"
            || w == "--head"
            || (w.starts_with('-')
                && !w.starts_with("--")
                && w.len() > 1
                && w.get(1..)
                    .unwrap_or_default()
                    .bytes()
                    .all(|c| b"sSiIkLvfgnqZ".contains(&c))
                && w.get(1..)
                    .unwrap_or_default()
                    .bytes()
                    .any(|c| c == b'i' || c == b'I'))
    }) || has(curl_part, "-D -")
        || has(curl_part, "--dump-header -");
    let cuts = has(pipeline, "grep") && (has(pipeline, "awk") || has(pipeline, "cut "));
    includes_headers && cuts
}

/// curl could not resolve a scheme word (`Bearer`, `token`) as a host, and the paste shows the
/// header option stored with its quotes in a variable (assigned, or printed by `echo $VAR`).
fn quotes_in_variable(lines: &[&str]) -> Option<String> {
    let host = lines.iter().find_map(|l| {
        let h = l
            .trim()
            .split("Could not resolve host: ")
            .nth(1)?
            .split_whitespace()
            .next()?;
        let scheme = [
            "Bearer", "bearer", "Basic", "basic", "token", "Token", "Digest",
        ];
        (scheme.contains(&h) || h.starts_with(['"', '\''])).then(|| h.to_string())
    })?;
    let option_with_quotes = |s: &str| {
        ["-H \"", "-H '", "--header \"", "--header '"]
            .iter()
            .any(|o| has(s, o))
    };
    let mut prev_echo = false;
    for l in lines {
        let t = l.trim();
        let t = t.strip_prefix("export ").unwrap_or(t);
        let assigned = t
            .split_once('=')
            .filter(|(name, v)| {
                !name.is_empty()
                    && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                    && v.starts_with(['"', '\''])
            })
            .is_some_and(|(_, v)| option_with_quotes(v));
        let echoed = prev_echo && (t.starts_with("-H ") || t.starts_with("--header "));
        if (assigned || echoed) && option_with_quotes(t) {
            return Some(host);
        }
        prev_echo = t
            .split("echo ")
            .nth(1)
            .is_some_and(|v| v.trim_start_matches('"').starts_with('$'));
    }
    None
}

/// A URL in the line whose authority holds two `@`, or `&#64;` before its `@` (false), or curl's
/// "Could not resolve" naming a host with an `@` in it (true).
fn at_in_userinfo(line: &str) -> Option<(String, bool)> {
    if let Some(h) = line
        .split("Could not resolve proxy: ")
        .nth(1)
        .or_else(|| line.split("Could not resolve host: ").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .filter(|h| h.contains('@'))
    {
        return Some((h.to_string(), true));
    }
    line.match_indices("://").take(100).find_map(|(i, _)| {
        let rest = line.get(i + 3..).unwrap_or_default();
        // `#` ends the authority, except inside an HTML entity such as `&#64;`. An authority
        // is short: only its first bytes are read.
        let rb = rest.as_bytes();
        let end = rb
            .iter()
            .take(MAX_AUTHORITY)
            .enumerate()
            .find(|&(j, &c)| {
                c.is_ascii_whitespace()
                    || b"/?\"'<>".contains(&c)
                    || (c == b'#' && (j == 0 || rb[j - 1] != b'&'))
            })
            .map(|(j, _)| j)
            .or((rb.len() <= MAX_AUTHORITY).then_some(rb.len()))?;
        let authority = rest.get(..end).unwrap_or_default();
        let at = authority.matches('@').count();
        let entity = authority.rfind('@').is_some_and(|p| {
            ["&#64;", "&#x40;", "&commat;"]
                .iter()
                .any(|e| authority.get(..p).unwrap_or_default().contains(e))
        });
        (at >= 2 || entity).then(|| (authority.to_string(), false))
    })
}

/// The words for one trap.
pub fn finding(t: &Trap) -> Finding {
    const LISTS: SpecRef = SpecRef::new(
        "Bash manual: Lists of Commands",
        "https://www.gnu.org/software/bash/manual/html_node/Lists.html",
    );
    match t {
        Trap::UnquotedAmpersand { kept, dropped } => Finding::error(
            ids::UNQUOTED_AMPERSAND,
            "An unquoted & cut the URL: the rest of the query was never sent",
            format!("The shell reads & as \"run in the background\": curl was started with {kept} only, and {dropped} ran as a separate command. The server never saw those parameters (a registry token asked for this way carries no scope)."),
        )
        .fix("Put the URL in quotes: curl \"https://…?a=1&b=2\".")
        .spec(LISTS),
        Trap::GluedContinuation { word } => Finding::error(
            ids::GLUED_CONTINUATION,
            "No space before the line-continuation \\: the next line is glued onto the value",
            format!("The line ends in …{word}\\ with no space before the backslash. When the next line's indentation is lost on copy (or is a non-breaking space), the shell joins it onto this word: the header value gets \"-H\" appended and the next header becomes a stray URL, which curl reports as \"URL using bad/illegal format\"."),
        )
        .fix("Put a space before every line-ending backslash: -H \"Authorization: Bearer <token>\" \\")
        .spec(SpecRef::new("Bash manual: Escape Character", "https://www.gnu.org/software/bash/manual/html_node/Escape-Character.html")),
        Trap::QuotesInVariable { host } => Finding::error(
            ids::QUOTES_IN_VARIABLE,
            format!("The header was kept in a variable with its quotes, so it split at spaces (curl tried to resolve {})", clip(host, 40)),
            "Quotes inside a variable's value are ordinary characters once it is expanded: the shell splits $VAR at every space, so curl gets the header as \"Authorization: alone, and the scheme and token as extra URLs. The server receives no credential.",
        )
        .fix("Keep only the token in the variable and write the header in the command: -H \"Authorization: Bearer $TOKEN\" (or keep options in a bash array: curl \"${opts[@]}\").")
        .spec(SpecRef::new("Bash manual: Word Splitting", "https://www.gnu.org/software/bash/manual/html_node/Word-Splitting.html")),
        Trap::CarriageReturnKept => Finding::error(
            ids::CARRIAGE_RETURN_KEPT,
            "The header value cut out of curl -i output keeps a carriage return",
            "HTTP header lines end in CR LF. grep and awk (or cut) split on the LF only, so the value ends in an invisible \\r, and the next request sends \"Bearer <token>\\r\": the token no longer matches.",
        )
        .fix("Strip it: … | awk '{print $2}' | tr -d '\\r' (or read the token from the JSON body with jq).")
        .spec(SpecRef::new("RFC 9112 §2.1", "https://www.rfc-editor.org/rfc/rfc9112#section-2.1")),
        Trap::AtInUserinfo {
            authority,
            unresolved: true,
        } => mistakes::at_in_url_password(authority),
        Trap::AtInUserinfo { authority, .. } => Finding::error(
            mistakes::ids::AT_IN_URL_PASSWORD,
            format!("An @ in the URL's password is not encoded: {}", clip(authority, 80)),
            "A user:password@host URL may not hold a bare @ (or &#64;) in the password. Clients disagree on where the password ends: many stop at the first @, so the rest becomes the host name (\"Could not resolve proxy\") and the credentials are cut short; an HTML entity is sent as those characters, and the proxy or server answers 407 or 401.",
        )
        .fix("Percent-encode @ as %40 (and : as %3A) inside the user and password, or give the credentials separately (-u / -U, or the tool's user and password settings).")
        .spec(SpecRef::new("RFC 3986 §3.2.1", "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traps(t: &str) -> Vec<Trap> {
        decide(t)
    }

    #[test]
    fn ampersand() {
        // distribution/distribution#1676: the token request's & was not quoted.
        let t = traps("$ curl -i https://auth.docker.io/token?service=registry.docker.io&scope=repository:docker/highland_builder:pull");
        assert_eq!(
            t,
            [Trap::UnquotedAmpersand {
                kept: "https://auth.docker.io/token?service=registry.docker.io".into(),
                dropped: "scope=repository:docker/highland_builder:pull".into()
            }]
        );
        // Inside "$(…)" the quotes start over.
        assert!(matches!(
            traps("raw=\"$(curl https://a.test/t?x=1&y=2)\"")[..],
            [Trap::UnquotedAmpersand { .. }]
        ));
        for fine in [
            "curl 'https://a.test/t?x=1&y=2'",
            "curl \"https://a.test/t?x=1&y=2\"",
            "curl https://a.test/ && echo done",
            "curl https://a.test/ 2>&1 | tee log",
            "curl https://a.test/x?y=1 &",
            "echo a?b&c",
            "curl https://a.test/t?x=1\\&y=2",
        ] {
            assert!(traps(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn continuation() {
        // github/docs#26708: `"\` with the next line unindented glues -H onto the token.
        let t = "curl -L \\\n  -H \"Authorization: Bearer X\"\\\n-H \"X-GitHub-Api-Version: 2022-11-28\" \\\n  https://api.github.com/user";
        assert!(matches!(traps(t)[..], [Trap::GluedContinuation { .. }]));
        // Indented with spaces the shell separates the words: only curl's error says otherwise.
        let t =
            "curl -L \\\n  -H \"Authorization: Bearer X\"\\\n  -H \"V: 1\" \\\n  https://a.test";
        assert!(traps(t).is_empty());
        assert!(!traps(&format!(
            "{t}\ncurl: (3) URL using bad/illegal format or missing URL"
        ))
        .is_empty());
        assert!(traps("curl -d \"{\\\n}\" https://a.test").is_empty());
    }

    #[test]
    fn variables_with_quotes() {
        // cucumber-attic/github-issue-stats#4
        let t = "$ echo $GITHUB_AUTH\n-H \"Authorization: token 0f1e\"\n$ scripts/fetch\ncurl: (6) Could not resolve host: token";
        assert_eq!(
            traps(t),
            [Trap::QuotesInVariable {
                host: "token".into()
            }]
        );
        // Without the variable in sight, the split alone is not blamed on it.
        assert!(traps("curl: (6) Could not resolve host: Bearer").is_empty());
    }

    #[test]
    fn userinfo() {
        // guzzle/guzzle#1677
        assert_eq!(
            traps("Proxy: http://login:pass@gmail.com@001.001.001.001:80"),
            [Trap::AtInUserinfo {
                authority: "login:pass@gmail.com@001.001.001.001:80".into(),
                unresolved: false
            }]
        );
        assert!(!traps("http://login:pass&#64;gmail.com@10.0.0.1:80").is_empty());
        assert!(traps("https://user@example.com/a@b and ssh://git@host:22/x").is_empty());
    }

    #[test]
    fn carriage_return() {
        // marco79cgn/ard-plus-dl#1
        let t = "token=$(curl -s -i \"$LOGIN_URL\" \\\n    --data-raw \"u=1\" | grep -i authorization | awk '{print $3}')";
        assert_eq!(traps(t), [Trap::CarriageReturnKept]);
        assert!(traps(&format!("{t} | tr -d '\\r'")).is_empty());
        assert!(traps("x=$(curl -s https://a.test | grep -i token | awk '{print $3}')").is_empty());
    }
}
