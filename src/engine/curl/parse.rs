//! curl's options: which ones change what is sent, read into a [`CurlCommand`].

use super::shell::shell_words;
use crate::engine::core::method::Method;
use crate::engine::http::{split_header, Header};

/// What a curl command would send.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurlCommand {
    /// The URL.
    pub url: Option<String>,
    /// The method (explicit or implied).
    pub method: Method,
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
    /// Whether the command was longer than [`super::shell::MAX_WORDS`] words and read only
    /// that far.
    pub cut: bool,
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
    let command = super::shell::strip_prompt(t).map_or(t, |(_, c)| c);
    let words = shell_words(command)?;
    let mut c = CurlCommand {
        cut: words.len() == super::shell::MAX_WORDS,
        ..CurlCommand::default()
    };
    let mut it = words.into_iter().skip(1);
    let mut explicit_method = None;
    let mut head = false;
    let mut upload = false;
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
            // curl uploads a file with PUT (how presigned upload URLs are used).
            "-T" | "--upload-file" => upload = value(&mut it).is_some(),
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
    c.method = match explicit_method {
        // curl sends whatever -X says, valid token or not.
        Some(m) => m.parse().unwrap_or(Method::Other(m)),
        None if head => Method::Head,
        None if upload => Method::Put,
        None if c.data.is_some() => Method::Post,
        None => Method::Get,
    };
    Ok(c)
}
