//! What browser APIs cannot send: `WebSocket`, `EventSource` and SockJS set no request headers,
//! so an `Authorization` header written for them never reaches the server; `fetch` in `no-cors`
//! mode drops it, and no script may set `Cookie`.

use super::ids;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::has;

/// Constructors of browser connections that take no headers.
const NO_HEADERS: &[&str] = &["new WebSocket(", "new EventSource(", "new SockJS("];

pub(super) fn findings(text: &str) -> Vec<Finding> {
    [sockets(text), no_cors(text), cookie_header(text)]
        .into_iter()
        .flatten()
        .collect()
}

/// `mode: 'no-cors'` with an Authorization header: the browser drops every header that is not
/// CORS-safelisted, so the request leaves without it.
fn no_cors(text: &str) -> Option<Finding> {
    let no_cors = has(text, "mode: 'no-cors'") || has(text, "mode: \"no-cors\"");
    if !(no_cors && has(text, "Authorization")) {
        return None;
    }
    Some(
        Finding::error(
            ids::BROWSER_DROPS_HEADER,
            "fetch in no-cors mode sends no Authorization header",
            "In mode: 'no-cors' the browser only sends CORS-safelisted headers and silently drops the rest, Authorization included; the response is opaque too (status 0, no body). no-cors does not get around CORS, it gives up on reading the answer.",
        )
        .fix("Remove mode: 'no-cors' and make the server answer CORS (Access-Control-Allow-Origin, and authorization in Access-Control-Allow-Headers), or call the API from your own server.")
        .spec(SpecRef::new("Fetch: no-cors-safelisted request-headers", "https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header")),
    )
}

/// A `Cookie` header set by script: a forbidden request-header, dropped without an error.
fn cookie_header(text: &str) -> Option<Finding> {
    let in_code = has(text, "fetch(") || has(text, "axios") || has(text, "XMLHttpRequest");
    let sets = [
        "'Cookie':",
        "\"Cookie\":",
        "Cookie: `",
        "setRequestHeader('Cookie'",
        "setRequestHeader(\"Cookie\"",
    ]
    .iter()
    .any(|p| has(text, p));
    if !(in_code && sets) {
        return None;
    }
    Some(
        Finding::error(
            ids::BROWSER_DROPS_HEADER,
            "A browser script cannot set the Cookie header",
            "Cookie is a forbidden request-header: fetch, axios and XMLHttpRequest in a browser drop it without an error. The browser sends its own cookies for the target instead, and only with credentials: 'include' (withCredentials: true) on a cross-origin call.",
        )
        .fix("Let the browser send the cookie: have the server set it (Set-Cookie with SameSite=None; Secure for cross-site use) and call with credentials: 'include'; or send the value in another header the server reads.")
        .spec(SpecRef::new("Fetch: forbidden request-header", "https://fetch.spec.whatwg.org/#forbidden-request-header")),
    )
}

/// What browsers print when a socket they opened fails: the browser itself made the request.
const CONSOLE: &[(&str, &str)] = &[
    ("WebSocket connection to '", "new WebSocket("),
    (
        "Firefox can't establish a connection to the server at ws",
        "new WebSocket(",
    ),
    ("EventSource's response has", "new EventSource("),
];

fn sockets(text: &str) -> Option<Finding> {
    let api = NO_HEADERS.iter().find(|c| has(text, c)).or_else(|| {
        CONSOLE
            .iter()
            .find(|(said, _)| has(text, said))
            .map(|(_, api)| api)
    })?;
    let wants = has(text, "Authorization") || has(text, "headers");
    if !wants {
        return None;
    }
    let name = api.trim_start_matches("new ").trim_end_matches('(');
    Some(
        Finding::error(
            ids::SOCKET_HEADERS,
            format!("A browser {name} cannot send an Authorization header"),
            format!("The browser's {name} opens its HTTP request itself and takes no request headers: headers given to it (or to a library wrapping it) are ignored, so the server's HTTP authentication sees none and answers 401. Headers in a later protocol frame (STOMP CONNECT) travel inside the connection, after the HTTP handshake was already judged."),
        )
        .fix("Authenticate the handshake another way: a cookie set at login, a short-lived ticket in the URL's query (kept out of logs), or the first message on the open socket; let the handshake path through HTTP auth if the frames carry the token.")
        .spec(SpecRef::new("WHATWG WebSockets: the WebSocket constructor", "https://websockets.spec.whatwg.org/#dom-websocket-websocket")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        findings(text).iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn what_a_browser_will_not_send() {
        let ws = "const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${t}` } });";
        assert_eq!(ids(ws), ["client.socket_headers"]);
        let no_cors = "fetch(u, { mode: 'no-cors', headers: { Authorization: 'Bearer x' } })";
        assert_eq!(ids(no_cors), ["client.browser_drops_header"]);
        let cookie = "fetch(u, { headers: { 'Cookie': 'sid=1' } })";
        assert_eq!(ids(cookie), ["client.browser_drops_header"]);
        assert!(ids("fetch(u, { headers: { Authorization: 'Bearer x' } })").is_empty());
    }

    /// AMD-AGI/Primus-SaFE#640: the console's own line says the browser opened the socket, and
    /// the server took the token only from Authorization.
    #[test]
    fn the_consoles_line_names_the_browser() {
        let paste = "WebSocket connection to 'ws://<console-host>/api/v1/workloads/<id>/pods/<pod>/webshell?...' failed: net::ERR_CONNECTION_RESET\n| `Authorization: Bearer <token>` header | **`HTTP/1.1 101 Switching Protocols`** (upgrade succeeds) |\n| `?token=<token>` query param | `401 {\"errorCode\":\"Primus.00009\",\"errorMessage\":\"token not present\"}` |";
        assert_eq!(ids(paste), ["client.socket_headers"]);
        assert!(ids("WebSocket connection to 'wss://a.test/' failed").is_empty());
    }
}
