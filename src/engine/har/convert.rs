//! A HAR entry as the exchange and CORS analyses read it: a parsed exchange, or a raw dump.

use super::chains;
use super::model::Entry;
use crate::engine::http::{Exchange, Header, Request, RequestLine, Response, StatusLine};

/// Response bodies longer than this are cut before analysis: error bodies are short, and a
/// large body never decides an authentication failure.
const BODY_LIMIT: usize = 64 * 1024;

/// Request headers as the exchange analysis reads them: HTTP/2 pseudo-headers become Host.
fn request_headers(e: &Entry) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    for h in &e.request.headers {
        let name = match h.name.as_str() {
            ":authority" => "Host",
            n if n.starts_with(':') => continue,
            n => n,
        };
        out.push(Header {
            name: name.to_string(),
            value: h.value.trim().to_string(),
        });
    }
    if !out.iter().any(|h| h.is("host")) {
        if let Ok(u) = crate::engine::core::url::parse_url(&e.request.url) {
            let host = u
                .origin()
                .split_once("://")
                .map_or(String::new(), |(_, h)| h.to_string());
            out.insert(
                0,
                Header {
                    name: "Host".into(),
                    value: host,
                },
            );
        }
    }
    out
}

/// The entry as the exchange analysis takes it; no response when the browser recorded none.
pub fn exchange_of(e: &Entry) -> Exchange {
    let version = if e.request.http_version.starts_with("HTTP/") {
        e.request.http_version.clone()
    } else {
        "HTTP/1.1".to_string()
    };
    let request = Request {
        line: Some(RequestLine {
            method: e.request.method.clone(),
            target: e.request.url.clone(),
            version: version.clone(),
        }),
        headers: request_headers(e),
        body: e
            .request
            .post_data
            .as_ref()
            .and_then(|p| p.text.clone())
            .unwrap_or_default(),
    };
    let status = e.response.status;
    let response = (status > 0).then(|| Response {
        status: Some(StatusLine {
            version,
            code: u16::try_from(status).unwrap_or(0),
            reason: e.response.status_text.clone(),
        }),
        headers: e
            .response
            .headers
            .iter()
            .map(|h| Header {
                name: h.name.clone(),
                value: h.value.trim().to_string(),
            })
            .collect(),
        body: crate::engine::core::text::clip(&e.body(), BODY_LIMIT),
    });
    Exchange {
        request: Some(request),
        response,
    }
}

/// The entry as a raw dump, for the CORS rules that read a preflight and its answer together.
/// A cross-origin response without Access-Control-Allow-Origin was blocked by the browser;
/// the HAR holds no console, so the browser's message is stated from that fact.
pub(super) fn as_text(e: &Entry) -> String {
    let ex = exchange_of(e);
    let mut out = format!("{} {} HTTP/1.1\n", e.request.method, e.request.url);
    for h in ex.request.iter().flat_map(|r| &r.headers) {
        out.push_str(&format!("{}: {}\n", h.name, h.value));
    }
    if let Some(resp) = &ex.response {
        let code = resp.status.as_ref().map_or(0, |s| s.code);
        out.push_str(&format!("\nHTTP/1.1 {code} {}\n", e.response.status_text));
        for h in &resp.headers {
            out.push_str(&format!("{}: {}\n", h.name, h.value));
        }
        let cross = e
            .req_header("origin")
            .is_some_and(|o| o != chains::origin_of(&e.request.url));
        if cross && e.resp_header("access-control-allow-origin").is_none() {
            out.push_str(
                "\nNo 'Access-Control-Allow-Origin' header is present on the requested resource.\n",
            );
        }
    }
    out
}
