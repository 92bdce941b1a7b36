//! The HAR 1.2 format (http://www.softwareishard.com/blog/har-12-spec/) as typed JSON, lenient
//! where browsers differ: every field may be missing, Firefox writes -1 timings and omits
//! `content.text`, Chromium adds `_error` and `_initiator`, Safari leaves `pages` empty.

use serde::{Deserialize, Deserializer};

/// The whole file: `{"log": {...}}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Har {
    /// The log.
    #[serde(default)]
    pub log: Log,
}

/// The log: who wrote it and the entries.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Log {
    /// The browser or tool that exported it.
    #[serde(default)]
    pub creator: Option<Creator>,
    /// The requests, in the order the exporter wrote them.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

/// The exporting application.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Creator {
    /// e.g. `WebInspector`, `Firefox`, `Playwright`.
    #[serde(default)]
    pub name: String,
    /// Its version.
    #[serde(default)]
    pub version: String,
}

/// One request and its response.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Entry {
    /// When the request started (ISO 8601).
    #[serde(default, rename = "startedDateTime")]
    pub started: String,
    /// The request.
    #[serde(default)]
    pub request: Request,
    /// The response (status 0 or -1 when there was none).
    #[serde(default)]
    pub response: Response,
    /// Chromium: why the request failed (`net::ERR_FAILED` for CORS).
    #[serde(default, rename = "_error")]
    pub error: Option<String>,
}

/// A recorded request.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Request {
    /// The method.
    #[serde(default)]
    pub method: String,
    /// The absolute URL.
    #[serde(default)]
    pub url: String,
    /// e.g. `HTTP/1.1`, `h2`.
    #[serde(default, rename = "httpVersion")]
    pub http_version: String,
    /// Header fields in order.
    #[serde(default)]
    pub headers: Vec<NameValue>,
    /// The body, when one was sent.
    #[serde(default, rename = "postData")]
    pub post_data: Option<PostData>,
}

/// A recorded response.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Response {
    /// The status; 0 (Firefox, Safari) or -1 (Chromium) when the browser got none it could use.
    #[serde(default, deserialize_with = "lenient_status")]
    pub status: i64,
    /// The reason phrase.
    #[serde(default, rename = "statusText")]
    pub status_text: String,
    /// Header fields in order.
    #[serde(default)]
    pub headers: Vec<NameValue>,
    /// The body.
    #[serde(default)]
    pub content: Content,
    /// Where a redirect pointed (often empty; `Location` says it too).
    #[serde(default, rename = "redirectURL")]
    pub redirect_url: String,
    /// Playwright's recorder: why the request failed (`net::ERR_FAILED` for CORS).
    #[serde(default, rename = "_failureText")]
    pub failure_text: Option<String>,
}

/// A header (or query/form parameter).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct NameValue {
    /// Field name.
    #[serde(default)]
    pub name: String,
    /// Field value.
    #[serde(default)]
    pub value: String,
}

/// A request body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostData {
    /// Its media type.
    #[serde(default, rename = "mimeType")]
    pub mime_type: String,
    /// The text; may be absent when only `params` were recorded.
    #[serde(default)]
    pub text: Option<String>,
    /// Form fields, when the exporter split them out.
    #[serde(default)]
    pub params: Vec<NameValue>,
}

/// A response body.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Content {
    /// Its media type.
    #[serde(default, rename = "mimeType")]
    pub mime_type: String,
    /// The text; Firefox omits it for bodies it did not keep.
    #[serde(default)]
    pub text: Option<String>,
    /// `base64` when `text` is encoded.
    #[serde(default)]
    pub encoding: Option<String>,
}

/// Status as a number, a numeric string, or anything else as 0 (no usable response).
fn lenient_status<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .unwrap_or(0),
        serde_json::Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
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
