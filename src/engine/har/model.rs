//! The HAR 1.2 format (http://www.softwareishard.com/blog/har-12-spec/), read from the parsed
//! JSON by hand (entry by entry, see `stream.rs`) (a derived reader cost 10 KB of the download), lenient where browsers differ:
//! every field may be missing or of another type, Firefox writes -1 timings and omits
//! `content.text`, Chromium adds `_error` and `_initiator`, Safari leaves `pages` empty.

use serde_json::Value;

/// The whole file: `{"log": {...}}`.
#[derive(Debug, Clone, Default)]
pub struct Har {
    /// The log.
    pub log: Log,
}

/// The log: who wrote it and the entries.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// The browser or tool that exported it.
    pub creator: Option<Creator>,
    /// The requests, in the order the exporter wrote them.
    pub entries: Vec<Entry>,
}

/// The exporting application.
#[derive(Debug, Clone, Default)]
pub struct Creator {
    /// e.g. `WebInspector`, `Firefox`, `Playwright`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// One request and its response.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// When the request started (ISO 8601).
    pub started: String,
    /// The request.
    pub request: Request,
    /// The response (status 0 or -1 when there was none).
    pub response: Response,
    /// Chromium: why the request failed (`net::ERR_FAILED` for CORS).
    pub error: Option<String>,
}

/// A recorded request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The method.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// e.g. `HTTP/1.1`, `h2`.
    pub http_version: String,
    /// Header fields in order.
    pub headers: Vec<NameValue>,
    /// The body, when one was sent.
    pub post_data: Option<PostData>,
}

/// A recorded response.
#[derive(Debug, Clone, Default)]
pub struct Response {
    /// The status; 0 (Firefox, Safari) or -1 (Chromium) when the browser got none it could use.
    pub status: i64,
    /// The reason phrase.
    pub status_text: String,
    /// Header fields in order.
    pub headers: Vec<NameValue>,
    /// The body.
    pub content: Content,
    /// Where a redirect pointed (often empty; `Location` says it too).
    pub redirect_url: String,
    /// Playwright's recorder: why the request failed (`net::ERR_FAILED` for CORS).
    pub failure_text: Option<String>,
}

/// A header (or query/form parameter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameValue {
    /// Field name.
    pub name: String,
    /// Field value.
    pub value: String,
}

/// A request body.
#[derive(Debug, Clone, Default)]
pub struct PostData {
    /// Its media type.
    pub mime_type: String,
    /// The text; may be absent when only `params` were recorded.
    pub text: Option<String>,
    /// Form fields, when the exporter split them out.
    pub params: Vec<NameValue>,
}

/// A response body.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Its media type.
    pub mime_type: String,
    /// The text; Firefox omits it for bodies it did not keep.
    pub text: Option<String>,
    /// `base64` when `text` is encoded.
    pub encoding: Option<String>,
}

/// A member moved out of an object (`null` when absent or not an object).
fn field(v: &mut Value, key: &str) -> Value {
    v.get_mut(key).map(Value::take).unwrap_or_default()
}

/// A member's text, when it is a string.
fn text(v: &mut Value, key: &str) -> Option<String> {
    match field(v, key) {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// A member's text, or empty.
pub(super) fn string(v: &mut Value, key: &str) -> String {
    text(v, key).unwrap_or_default()
}

fn name_values(v: &mut Value, key: &str) -> Vec<NameValue> {
    match field(v, key) {
        Value::Array(a) => a
            .into_iter()
            .map(|mut nv| NameValue {
                name: string(&mut nv, "name"),
                value: string(&mut nv, "value"),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Status as a number, a numeric string, or anything else as 0 (no usable response).
fn status(v: &Value) -> i64 {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

/// One entry, its strings moved out of the parsed JSON.
pub(super) fn entry(mut e: Value) -> Entry {
    let mut req = field(&mut e, "request");
    let mut resp = field(&mut e, "response");
    let mut post = field(&mut req, "postData");
    let mut content = field(&mut resp, "content");
    Entry {
        started: string(&mut e, "startedDateTime"),
        error: text(&mut e, "_error"),
        request: Request {
            method: string(&mut req, "method"),
            url: string(&mut req, "url"),
            http_version: string(&mut req, "httpVersion"),
            headers: name_values(&mut req, "headers"),
            post_data: post.is_object().then(|| PostData {
                mime_type: string(&mut post, "mimeType"),
                text: text(&mut post, "text"),
                params: name_values(&mut post, "params"),
            }),
        },
        response: Response {
            status: status(&field(&mut resp, "status")),
            status_text: string(&mut resp, "statusText"),
            headers: name_values(&mut resp, "headers"),
            content: Content {
                mime_type: string(&mut content, "mimeType"),
                text: text(&mut content, "text"),
                encoding: text(&mut content, "encoding"),
            },
            redirect_url: string(&mut resp, "redirectURL"),
            failure_text: text(&mut resp, "_failureText"),
        },
    }
}

impl Entry {
    /// Why the browser recorded no usable response: Chromium's `_error` or Playwright's
    /// `_failureText`.
    pub fn failure(&self) -> Option<&str> {
        self.error
            .as_deref()
            .or(self.response.failure_text.as_deref())
            .filter(|s| !s.is_empty())
    }

    /// The first request header of a name, ignoring case.
    pub fn req_header(&self, name: &str) -> Option<&str> {
        header(&self.request.headers, name)
    }

    /// The first response header of a name, ignoring case.
    pub fn resp_header(&self, name: &str) -> Option<&str> {
        header(&self.response.headers, name)
    }

    /// The response body as text (base64 decoded when marked so), if recorded.
    pub fn body(&self) -> String {
        let Some(text) = &self.response.content.text else {
            return String::new();
        };
        if self.response.content.encoding.as_deref() == Some("base64") {
            match crate::engine::core::b64::decode(text) {
                Ok(d) => String::from_utf8_lossy(&d.bytes).into_owned(),
                Err(_) => String::new(),
            }
        } else {
            text.clone()
        }
    }
}

/// The first value of a header, by case-insensitive name (HTTP/2 `:authority` too).
pub fn header<'a>(headers: &'a [NameValue], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}
