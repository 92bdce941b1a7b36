//! `curl` command lines, as written by hand or by a browser's "Copy as cURL".

use super::context::{Context, RequestInfo};
use super::core::finding::{Field, Finding, Part, Report, SpecRef};
use super::core::{b64, text};
use super::credential;
use super::http::{split_header, Header};

/// Whether the text is a curl command (optionally after a `$ ` prompt).
pub fn is_curl_command(text: &str) -> bool {
    let t = text.trim_start();
    let t = t.strip_prefix("$ ").unwrap_or(t);
    ["curl ", "curl\t", "curl.exe ", "curl \\"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// Splits a shell command into words: single and double quotes, `$'…'`, backslash escapes and
/// line continuations (`\`, and `^` as written by Windows "Copy as cURL (cmd)").
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

/// What a curl command would send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurlCommand {
    /// The URL.
    pub url: Option<String>,
    /// The method (explicit or implied).
    pub method: String,
    /// `-H` headers in order.
    pub headers: Vec<Header>,
    /// `-u user:password`.
    pub user: Option<String>,
    /// Body from `-d`/`--data*`.
    pub data: Option<String>,
    /// Cookies from `-b`.
    pub cookies: Option<String>,
    /// `--oauth2-bearer` token.
    pub bearer: Option<String>,
    /// Options not understood, kept to mention them.
    pub unknown: Vec<String>,
}

/// Options that take a value and which authlens does not interpret.
const VALUE_OPTIONS: &[&str] = &[
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "--connect-timeout",
    "-m",
    "--max-time",
    "-x",
    "--proxy",
    "-U",
    "--proxy-user",
    "--cacert",
    "--cert",
    "-E",
    "--key",
    "-w",
    "--write-out",
    "--resolve",
    "--retry",
    "-c",
    "--cookie-jar",
    "-F",
    "--form",
    "--url-query",
];

/// Parses a curl command line.
pub fn parse(text: &str) -> Result<CurlCommand, String> {
    let t = text.trim_start();
    let words = shell_words(t.strip_prefix("$ ").unwrap_or(t))?;
    let mut it = words.into_iter().skip(1);
    let mut c = CurlCommand::default();
    let mut explicit_method = None;
    let mut head = false;
    while let Some(w) = it.next() {
        let (opt, inline) = match w.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o.to_string(), Some(v.to_string())),
            _ => (w.clone(), None),
        };
        let value = |it: &mut dyn Iterator<Item = String>| inline.clone().or_else(|| it.next());
        match opt.as_str() {
            "-H" | "--header" => {
                if let Some(h) = value(&mut it).as_deref().and_then(split_header) {
                    c.headers.push(h);
                }
            }
            "-X" | "--request" => explicit_method = value(&mut it),
            "-u" | "--user" => c.user = value(&mut it),
            "-b" | "--cookie" => c.cookies = value(&mut it),
            "--url" => c.url = value(&mut it),
            "--oauth2-bearer" => c.bearer = value(&mut it),
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-urlencode" | "--json" => {
                c.data = value(&mut it)
            }
            "-I" | "--head" => head = true,
            o if VALUE_OPTIONS.contains(&o) => {
                value(&mut it);
            }
            o if o.starts_with('-') && o.len() > 1 => {
                // Short option with its value attached, e.g. -HAuthorization:… or -uuser:pw.
                if let Some(v) = o.strip_prefix("-H").filter(|v| !v.is_empty()) {
                    if let Some(h) = split_header(v) {
                        c.headers.push(h);
                    }
                } else if let Some(v) = o
                    .strip_prefix("-u")
                    .filter(|v| !v.is_empty() && !o.starts_with("--"))
                {
                    c.user = Some(v.to_string());
                } else {
                    c.unknown.push(o.to_string());
                }
            }
            _ => {
                if c.url.is_none() {
                    c.url = Some(w);
                }
            }
        }
    }
    c.method = explicit_method.unwrap_or_else(|| {
        if head {
            "HEAD".to_string()
        } else if c.data.is_some() {
            "POST".to_string()
        } else {
            "GET".to_string()
        }
    });
    Ok(c)
}

pub mod mistakes;

pub use crate::engine::core::shell::shell_quote;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "No URL in the command"
    pub const NO_URL: FindingId = FindingId("curl.no_url");
    /// "Credentials over plain http"
    pub const PLAIN_HTTP: FindingId = FindingId("curl.plain_http");
    /// "Several Authorization headers"
    pub const SEVERAL_AUTHORIZATION: FindingId = FindingId("curl.several_authorization");
    /// "The command cannot be split into words"
    pub const UNBALANCED_QUOTES: FindingId = FindingId("curl.unbalanced_quotes");
    /// "Both -u and an Authorization header"
    pub const USER_AND_HEADER: FindingId = FindingId("curl.user_and_header");
    /// "-u sends Basic credentials"
    pub const USER_OPTION: FindingId = FindingId("curl.user_option");
    /// "-u without a password"
    pub const USER_WITHOUT_PASSWORD: FindingId = FindingId("curl.user_without_password");
    /// "Authenticated by cookie only"
    pub const COOKIE_ONLY: FindingId = FindingId("curl.cookie_only");
    /// "No credentials in this command"
    pub const NO_CREDENTIALS: FindingId = FindingId("curl.no_credentials");
}

/// A curl command that sends this request, with its credentials repaired where possible.
/// `None` when the URL cannot be known (no absolute target and no Host).
pub fn from_request(req: &RequestInfo) -> Option<String> {
    let url = req.url()?;
    let mut cmd = format!("curl -i {}", shell_quote(&url));
    let method = req.method.as_deref().unwrap_or("GET");
    let body = req.body.as_deref().filter(|b| !b.is_empty());
    if !(method == "GET" && body.is_none() || method == "POST" && body.is_some()) {
        cmd.push_str(&format!(" -X {method}"));
    }
    for h in &req.headers {
        if h.is("host") || h.is("content-length") {
            continue;
        }
        let value = if h.is("authorization") || h.is("proxy-authorization") {
            credential::corrected(&h.value)
        } else {
            h.value.clone()
        };
        cmd.push_str(&format!(
            " \\\n  -H {}",
            shell_quote(&format!("{}: {value}", h.name))
        ));
    }
    if let Some(b) = body {
        cmd.push_str(&format!(" \\\n  --data-raw {}", shell_quote(b)));
    }
    Some(cmd)
}

/// Analyses a curl command: what it sends and what is wrong with its credentials.
pub fn analyze(text: &str, ctx: &Context) -> Report {
    let mut r = Report::new("A curl command.");
    let c = match parse(text) {
        Ok(c) => c,
        Err(e) => {
            r.push(
                Finding::error(
                    ids::UNBALANCED_QUOTES,
                    "The command cannot be split into words",
                    format!("{e}. The shell would wait for more input."),
                )
                .fix("Copy the whole command again, including its closing quote."),
            );
            return r;
        }
    };
    let mut rows = vec![Field::new("Method", c.method.clone())];
    match &c.url {
        Some(u) => rows.push(Field::new("URL", text::visible(u))),
        None => r.push(Finding::error(
            ids::NO_URL,
            "No URL in the command",
            "curl needs a URL to send the request to.",
        )),
    }
    for h in &c.headers {
        let secret = h.is("authorization") || h.is("cookie") || h.is("proxy-authorization");
        let f = if secret { Field::secret } else { Field::new };
        rows.push(f(format!("Header {}", h.name), text::visible(&h.value)));
    }
    r.part(Part::Fields {
        title: "What curl sends".to_string(),
        rows,
    });
    let auth_headers: Vec<&Header> = c.headers.iter().filter(|h| h.is("authorization")).collect();
    if let Some(user) = &c.user {
        let encoded = b64::encode(user.as_bytes());
        r.push(
            Finding::info(
                ids::USER_OPTION,
                "-u sends Basic credentials",
                format!(
                    "curl turns -u into Authorization: Basic {}…",
                    text::clip(&encoded, 12)
                ),
            )
            .spec(SpecRef::new(
                "RFC 7617",
                "https://www.rfc-editor.org/rfc/rfc7617",
            )),
        );
        if !auth_headers.is_empty() {
            r.push(Finding::warning(ids::USER_AND_HEADER,
                "Both -u and an Authorization header",
                "An explicit -H 'Authorization: …' replaces what -u would send, so -u has no effect.",
            ).fix("Keep only the one you mean."));
        }
        if !user.contains(':') {
            r.push(Finding::info(
                ids::USER_WITHOUT_PASSWORD,
                "-u without a password",
                "curl will prompt for the password; in scripts pass user:password.",
            ));
        }
        r.absorb(credential::basic::analyze(&encoded));
    }
    if auth_headers.len() > 1 {
        r.push(Finding::warning(ids::SEVERAL_AUTHORIZATION, "Several Authorization headers", "A request may carry one Authorization header; servers take the first, the last, or reject the request."));
    }
    let info = RequestInfo {
        method: Some(c.method.clone()),
        target: c.url.clone(),
        headers: c.headers.clone(),
        body: c.data.clone(),
    };
    for h in &auth_headers {
        r.absorb(credential::analyze_in_request(&h.value, &info, ctx));
    }
    if let Some(t) = &c.bearer {
        r.absorb(credential::bearer::analyze(t, ctx.clock));
    }
    if let Some(url) = &c.url {
        if !auth_headers.is_empty() && super::core::url::is_insecure_remote(url) {
            r.push(Finding::warning(ids::PLAIN_HTTP,
                "Credentials over plain http",
                "Anyone on the network path can read them, and many servers redirect to https — after which curl drops the Authorization header.",
            ).fix("Use https://."));
        }
    }
    // The probe gets the request as curl sends it, -u and --oauth2-bearer made into headers.
    let mut sent = info.clone();
    if let Some(u) = &c.user {
        sent.headers.push(Header {
            name: "Authorization".into(),
            value: format!("Basic {}", b64::encode(u.as_bytes())),
        });
    }
    if let Some(t) = &c.bearer {
        sent.headers.push(Header {
            name: "Authorization".into(),
            value: format!("Bearer {t}"),
        });
    }
    if c.url.is_some() {
        r.asks.extend(sent.probe_ask());
    }
    r.absorb(credential::api_key::analyze(&c.headers));
    if let Ok(words) = shell_words(text.trim_start().trim_start_matches("$ ")) {
        for f in mistakes::findings(text, &words) {
            r.push(f);
        }
    }
    if auth_headers.is_empty()
        && c.user.is_none()
        && c.bearer.is_none()
        && !credential::api_key::has_credential(&c.headers)
    {
        let cookie = c.cookies.is_some() || c.headers.iter().any(|h| h.is("cookie"));
        r.push(Finding::info(
            if cookie {
                ids::COOKIE_ONLY
            } else {
                ids::NO_CREDENTIALS
            },
            if cookie {
                "Authenticated by cookie only"
            } else {
                "No credentials in this command"
            },
            "The command has no Authorization header, -u or --oauth2-bearer.",
        ));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_copy_as_curl() {
        let cmd = "curl 'https://api.test/v1/me' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer abc.def.ghi' \\\n  --compressed";
        let c = parse(cmd).unwrap();
        assert_eq!(c.url.as_deref(), Some("https://api.test/v1/me"));
        assert_eq!(c.method, "GET");
        assert_eq!(c.headers.len(), 2);
        assert_eq!(c.headers[1].value, "Bearer abc.def.ghi");
    }

    #[test]
    fn ansi_c_quoting_and_data() {
        let c = parse("curl -X PUT $'https://x.test/a' --data-raw $'{\"a\":\\'b\\'}' -uuser:pw")
            .unwrap();
        assert_eq!(c.method, "PUT");
        assert_eq!(c.data.as_deref(), Some("{\"a\":'b'}"));
        assert_eq!(c.user.as_deref(), Some("user:pw"));
    }

    #[test]
    fn user_flag_is_analysed_as_basic() {
        let r = analyze(
            "curl -u 'alice:secret\n' https://x.test",
            &Context::default(),
        );
        assert!(r.has_id("curl.user_option"));
        assert!(r.has_id("basic.whitespace_around"));
    }

    #[test]
    fn from_request_round_trips_through_parse() {
        let req = RequestInfo {
            method: Some("PUT".into()),
            target: Some("/a?b=1".into()),
            headers: vec![
                Header {
                    name: "Host".into(),
                    value: "x.test".into(),
                },
                Header {
                    name: "Authorization".into(),
                    value: "bearer 'tok'".into(),
                },
                Header {
                    name: "X-Note".into(),
                    value: "it's".into(),
                },
            ],
            body: Some("{}".into()),
        };
        let cmd = from_request(&req).unwrap();
        let c = parse(&cmd).unwrap();
        assert_eq!(c.url.as_deref(), Some("https://x.test/a?b=1"));
        assert_eq!(c.method, "PUT");
        assert_eq!(c.headers[0].value, "Bearer tok");
        assert_eq!(c.headers[1].value, "it's");
        assert_eq!(c.data.as_deref(), Some("{}"));
    }

    #[test]
    fn unclosed_quote() {
        assert!(analyze("curl 'https://x", &Context::default()).has_id("curl.unbalanced_quotes"));
    }
}
