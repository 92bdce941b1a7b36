//! HTTP message text: request/status lines and whole pasted dumps.

pub use super::core::header::{is_tchar, is_token, split_header, Header};

/// A request line: `METHOD target HTTP/x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    /// The method, e.g. `GET`.
    pub method: String,
    /// The request target as written.
    pub target: String,
    /// The protocol version, e.g. `HTTP/1.1`.
    pub version: String,
}

/// Parses `GET /path HTTP/1.1`.
pub fn parse_request_line(line: &str) -> Option<RequestLine> {
    // A method is upper case: rule most lines out before splitting them.
    if !line
        .trim_start()
        .starts_with(|c: char| c.is_ascii_uppercase())
    {
        return None;
    }
    let mut it = line.split_whitespace();
    let (method, target) = (it.next()?, it.next()?);
    // DevTools and docs often write "POST https://host/path" without the version.
    let version = match it.next() {
        Some(v) => v,
        None if target.starts_with("https://") || target.starts_with("http://") => "HTTP/1.1",
        None => return None,
    };
    if it.next().is_some()
        || !is_token(method)
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !version.starts_with("HTTP/")
    {
        return None;
    }
    Some(RequestLine {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
    })
}

/// A status line: `HTTP/1.1 401 Unauthorized` (also `HTTP/2 401`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    /// The protocol version.
    pub version: String,
    /// The three-digit status code.
    pub code: u16,
    /// The reason phrase, possibly empty.
    pub reason: String,
}

/// Parses a status line.
pub fn parse_status_line(line: &str) -> Option<StatusLine> {
    let rest = line.strip_prefix("HTTP/")?;
    let (version, rest) = rest.split_once(' ')?;
    let rest = rest.trim_start();
    let code_text = rest.get(..3)?;
    if !code_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let after = rest.get(3..).unwrap_or_default();
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    Some(StatusLine {
        version: format!("HTTP/{version}"),
        code: code_text.parse().ok()?,
        reason: after.trim().to_string(),
    })
}

/// A request as pasted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The request line, when the paste had one.
    pub line: Option<RequestLine>,
    /// Header fields in order.
    pub headers: Vec<Header>,
    /// Body text, if any.
    pub body: String,
}

/// A response as pasted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    /// The status line, when the paste had one.
    pub status: Option<StatusLine>,
    /// Header fields in order.
    pub headers: Vec<Header>,
    /// Body text, if any.
    pub body: String,
}

/// Field values for a name, in order (repeated fields stay separate).
pub fn header_values<'a>(headers: &'a [Header], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|h| h.is(name))
        .map(|h| h.value.as_str())
        .collect()
}

/// A pasted exchange: a request, a response, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The request part, if present.
    pub request: Option<Request>,
    /// The final response part, if present (earlier ones, e.g. `100 Continue`, are dropped).
    pub response: Option<Response>,
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Request,
    Response,
}

/// Whether a line looks like curl -v output (`> `, `< `, `* `, `{ `, `} ` prefixes).
fn curl_verbose_prefix(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let c = chars.next()?;
    if !matches!(c, '>' | '<' | '*' | '{' | '}') {
        return None;
    }
    let rest = chars.as_str();
    if rest.is_empty() || rest.starts_with(' ') {
        Some((c, rest.strip_prefix(' ').unwrap_or(rest)))
    } else {
        None
    }
}

/// Whether the text is `curl -v` output rather than a raw dump.
pub fn is_curl_verbose(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        matches!(curl_verbose_prefix(l), Some(('>', rest)) if parse_request_line(rest).is_some())
            || matches!(curl_verbose_prefix(l), Some(('<', rest)) if parse_status_line(rest).is_some())
    })
}

/// Parses a raw request/response dump or `curl -v` output into an exchange.
///
/// Lenient by design: unknown lines are skipped; a header block without a start line counts
/// as a request if it has request-only fields, else as a response if it has response-only ones.
pub fn parse_exchange(text: &str) -> Exchange {
    let verbose = is_curl_verbose(text);
    let mut ex = Exchange::default();
    let mut side: Option<Side> = None;
    let mut in_body = false;
    let mut loose: Vec<Header> = Vec::new();
    // The indentation of the header on the previous line, which a line indented deeper
    // continues.
    let mut after_header: Option<usize> = None;
    for raw in text.lines() {
        let continues = after_header.take();
        let line = raw.trim_end_matches('\r');
        let (hint, content) = if verbose {
            match curl_verbose_prefix(line) {
                Some(('>', rest)) => (Some(Side::Request), rest),
                Some(('<', rest)) => (Some(Side::Response), rest),
                Some(_) => continue,
                None => (None, line),
            }
        } else {
            (None, line)
        };
        if let Some(rl) = parse_request_line(content) {
            ex.request = Some(Request {
                line: Some(rl),
                ..Request::default()
            });
            side = Some(Side::Request);
            in_body = false;
            continue;
        }
        if let Some(sl) = parse_status_line(content) {
            ex.response = Some(Response {
                status: Some(sl),
                ..Response::default()
            });
            side = Some(Side::Response);
            in_body = false;
            continue;
        }
        // In curl -v output an unprefixed line is response body.
        let side_now = hint.or(if verbose { Some(Side::Response) } else { side });
        if content.trim().is_empty() {
            if side_now.is_some() {
                in_body = true;
            }
            continue;
        }
        if verbose && hint.is_none() {
            if let Some(r) = ex.response.as_mut() {
                push_body(&mut r.body, content);
            }
            continue;
        }
        if !in_body || hint.is_some() {
            // An indented line continues the header above it (obsolete line folding, as RFCs
            // and vendor docs print long headers): read it as one value, as RFC 9112 §5.2 says.
            let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
            if continues.is_some_and(|i| indent > i) {
                let last = match side_now {
                    Some(Side::Request) => ex.request.as_mut().and_then(|r| r.headers.last_mut()),
                    Some(Side::Response) => ex.response.as_mut().and_then(|r| r.headers.last_mut()),
                    None => loose.last_mut(),
                };
                if let Some(h) = last {
                    h.value.push(' ');
                    h.value.push_str(content.trim());
                    after_header = continues;
                    continue;
                }
            }
            if let Some(h) = split_header(content) {
                after_header = Some(indent);
                match side_now {
                    Some(Side::Request) => req_mut(&mut ex).headers.push(h),
                    Some(Side::Response) => resp_mut(&mut ex).headers.push(h),
                    None => loose.push(h),
                }
                continue;
            }
        }
        match side_now {
            Some(Side::Request) => push_body(&mut req_mut(&mut ex).body, content),
            Some(Side::Response) => push_body(&mut resp_mut(&mut ex).body, content),
            None => {}
        }
    }
    if !loose.is_empty() {
        assign_loose(&mut ex, loose);
    }
    ex
}

fn push_body(body: &mut String, line: &str) {
    if !body.is_empty() {
        body.push('\n');
    }
    body.push_str(line);
}

fn req_mut(ex: &mut Exchange) -> &mut Request {
    ex.request.get_or_insert_with(Request::default)
}

fn resp_mut(ex: &mut Exchange) -> &mut Response {
    ex.response.get_or_insert_with(Response::default)
}

const RESPONSE_ONLY: &[&str] = &[
    "www-authenticate",
    "proxy-authenticate",
    "set-cookie",
    "access-control-allow-origin",
    "location",
    "server",
];

/// Headers pasted without a start line: each goes to the side it belongs to.
fn assign_loose(ex: &mut Exchange, loose: Vec<Header>) {
    for h in loose {
        let lower = h.name.to_ascii_lowercase();
        if RESPONSE_ONLY.contains(&lower.as_str()) || lower.starts_with("access-control-allow") {
            resp_mut(ex).headers.push(h);
        } else {
            req_mut(ex).headers.push(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_raw_request_and_response() {
        let text = "GET /api HTTP/1.1\r\nHost: a.test\r\nAuthorization: Basic QQ==\r\n\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n{\"error\":\"no\"}";
        let ex = parse_exchange(text);
        let req = ex.request.unwrap();
        assert_eq!(req.line.unwrap().method, "GET");
        assert_eq!(header_values(&req.headers, "authorization"), ["Basic QQ=="]);
        let resp = ex.response.unwrap();
        assert_eq!(resp.status.unwrap().code, 401);
        assert_eq!(resp.headers.len(), 1);
        assert_eq!(resp.body, "{\"error\":\"no\"}");
    }

    #[test]
    fn parses_curl_verbose_output() {
        let text = "*   Trying 127.0.0.1:8080...\n> GET /x HTTP/1.1\n> Host: h\n> Authorization: Bearer abc\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer error=\"invalid_token\"\n<\n* Connection #0 left intact\nbody here";
        assert!(is_curl_verbose(text));
        let ex = parse_exchange(text);
        assert_eq!(
            header_values(&ex.request.unwrap().headers, "Authorization"),
            ["Bearer abc"]
        );
        let resp = ex.response.unwrap();
        assert_eq!(resp.status.unwrap().code, 401);
        assert_eq!(resp.body, "body here");
    }

    #[test]
    fn status_line_variants() {
        assert_eq!(parse_status_line("HTTP/2 401").unwrap().code, 401);
        assert_eq!(
            parse_status_line("HTTP/1.1 407 Proxy Auth").unwrap().reason,
            "Proxy Auth"
        );
        assert!(parse_status_line("HTTP/1.1 40x").is_none());
        assert!(parse_status_line("HTTP/1.1 4011").is_none());
    }

    #[test]
    fn loose_headers_are_split_by_side() {
        let ex = parse_exchange("Authorization: Basic QQ==\nWWW-Authenticate: Basic realm=\"r\"");
        assert_eq!(ex.request.unwrap().headers.len(), 1);
        assert_eq!(ex.response.unwrap().headers.len(), 1);
    }

    #[test]
    fn folded_headers_are_read_as_one_value() {
        // RFC 6750 §3 prints its challenge folded over three lines.
        let ex = parse_exchange("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"example\",\n                  error=\"invalid_token\",\n                  error_description=\"The access token expired\"");
        let resp = ex.response.unwrap();
        assert_eq!(resp.headers.len(), 1);
        assert!(resp.headers[0]
            .value
            .ends_with("error_description=\"The access token expired\""));
        // The next unindented line is the next header; a body after the headers is not folded.
        let ex = parse_exchange("Authorization: Digest a=1,\n  b=2\nHost: a.test");
        let req = ex.request.unwrap();
        assert_eq!(
            header_values(&req.headers, "authorization"),
            ["Digest a=1, b=2"]
        );
        assert_eq!(req.headers.len(), 2);
        let ex = parse_exchange(
            "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{\n  \"error\": \"x\"\n}",
        );
        let resp = ex.response.unwrap();
        assert_eq!(resp.headers.len(), 1);
        assert!(resp.body.contains("\"error\""));
    }
}
