//! Splitting a pasted shell command into words, as a POSIX shell (and Windows cmd's `^`) would.

/// Words read from one command at most: real commands have dozens. A command that reaches it is
/// read that far (the analysis says so), so memory stays linear in what is kept.
pub const MAX_WORDS: usize = 10_000;

/// Splits a shell command into words: single and double quotes, `$'…'`, backslash escapes and
/// line continuations (`\`, and `^` as written by Windows "Copy as cURL (cmd)"). Stops after
/// [`MAX_WORDS`] words.
pub fn shell_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(n) => {
                    cur.push(n);
                    in_word = true;
                }
                None => {}
            },
            '^' if matches!(chars.peek(), Some('\n') | Some('\r')) => {
                while matches!(chars.peek(), Some('\n') | Some('\r')) {
                    chars.next();
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => cur.push(ch),
                        None => return Err("a single quote (') is never closed".to_string()),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => cur.push('\n'),
                            Some('r') => cur.push('\r'),
                            Some('t') => cur.push('\t'),
                            Some(o) => cur.push(o),
                            None => return Err("a $'…' string is never closed".to_string()),
                        },
                        Some(ch) => cur.push(ch),
                        None => return Err("a $'…' string is never closed".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => cur.push(e),
                            Some('\n') => {}
                            Some(o) => {
                                cur.push('\\');
                                cur.push(o);
                            }
                            None => return Err("a double quote (\") is never closed".to_string()),
                        },
                        Some(ch) => cur.push(ch),
                        None => return Err("a double quote (\") is never closed".to_string()),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                    if words.len() == MAX_WORDS {
                        return Ok(words);
                    }
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// The quote a POSIX shell is inside, carried from one line of a command to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quote {
    /// Outside any quote.
    #[default]
    None,
    /// Inside '…'.
    Single,
    /// Inside "…".
    Double,
    /// Inside $'…'.
    Ansi,
}

/// The quote a shell is still inside after reading `line`, having started inside `q`: a quoted
/// argument (a JSON body after --data) runs on over the line breaks until its quote closes.
pub fn quote_after(mut q: Quote, line: &str) -> Quote {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        q = match (q, c) {
            (Quote::None | Quote::Double | Quote::Ansi, '\\') => {
                chars.next();
                q
            }
            (Quote::None, '$') if chars.peek() == Some(&'\'') => {
                chars.next();
                Quote::Ansi
            }
            (Quote::None, '\'') => Quote::Single,
            (Quote::None, '"') => Quote::Double,
            (Quote::Single | Quote::Ansi, '\'') | (Quote::Double, '"') => Quote::None,
            _ => q,
        };
    }
    q
}

/// The shell a pasted prompt belongs to, which decides how quotes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// No prompt: the command alone.
    None,
    /// `$ `, `user@host:~$ `, `# `: a POSIX shell.
    Posix,
    /// `C:\>`: Windows cmd.exe, where single quotes are not quotes.
    Cmd,
    /// `PS C:\>`: PowerShell.
    PowerShell,
}

/// Splits a leading shell prompt off a line that runs curl; `None` when the line runs no curl.
pub fn strip_prompt(line: &str) -> Option<(Prompt, &str)> {
    let t = line.trim_start();
    let runs_curl = |s: &str| {
        ["curl ", "curl\t", "curl.exe ", "curl \\", "curl\n"]
            .iter()
            .any(|p| s.starts_with(p))
            || s == "curl"
    };
    if runs_curl(t) {
        return Some((Prompt::None, t));
    }
    let head = t.split_at(t.floor_char_boundary(120)).0;
    for (i, c) in head.char_indices() {
        if !matches!(c, '$' | '#' | '>') {
            continue;
        }
        let rest = t.get(i + 1..).unwrap_or_default().trim_start();
        if !runs_curl(rest) {
            continue;
        }
        let before = t.get(..i).unwrap_or_default();
        let prompt = if c != '>' {
            Prompt::Posix
        } else if before.starts_with("PS ") {
            Prompt::PowerShell
        } else if before.len() >= 2 && before.as_bytes()[1] == b':' {
            Prompt::Cmd
        } else {
            Prompt::Posix
        };
        return Some((prompt, rest));
    }
    None
}

/// Replaces `$NAME` and `${NAME}` outside single quotes with the values given (from `export`
/// lines pasted before the command); unknown names are left as written. One pass.
pub fn expand_vars(text: &str, vars: &[(String, String)]) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut single, mut i, mut copied) = (false, 0, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if !single => i += 1,
            b'\'' => single = !single,
            b'$' if !single => {
                let braced = b.get(i + 1) == Some(&b'{');
                let start = i + 1 + usize::from(braced);
                let end = b[start.min(b.len())..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .map_or(b.len(), |p| start + p);
                let close = if braced {
                    usize::from(b.get(end) == Some(&b'}'))
                } else {
                    0
                };
                if let Some((_, v)) = vars
                    .iter()
                    .find(|(n, _)| end > start && n == text.get(start..end).unwrap_or_default())
                {
                    out.push_str(text.get(copied..i).unwrap_or_default());
                    out.push_str(v);
                    i = end + close;
                    copied = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(text.get(copied.min(text.len())..).unwrap_or_default());
    out
}

/// `export NAME=value` (or `NAME=value`) lines, value unquoted.
pub fn exports(lines: &str) -> Vec<(String, String)> {
    lines
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_start_matches("$ ").trim();
            let l = l.strip_prefix("export ").unwrap_or(l);
            let (n, v) = l.split_once('=')?;
            let ok = !n.is_empty() && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
            ok.then(|| {
                (
                    n.to_string(),
                    v.trim().trim_matches(['"', '\'']).to_string(),
                )
            })
        })
        .collect()
}
