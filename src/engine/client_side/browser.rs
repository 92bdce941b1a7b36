//! What browser APIs cannot send: `WebSocket`, `EventSource` and SockJS set no request headers,
//! so an `Authorization` header written for them never reaches the server.

use super::ids;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::has;

/// Constructors of browser connections that take no headers.
const NO_HEADERS: &[&str] = &["new WebSocket(", "new EventSource(", "new SockJS("];

pub(super) fn findings(text: &str) -> Option<Finding> {
    let api = NO_HEADERS.iter().find(|c| has(text, c))?;
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
