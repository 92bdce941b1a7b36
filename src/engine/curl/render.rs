//! A request written back as a curl command, its credentials repaired where possible.

use crate::engine::context::RequestInfo;
use crate::engine::core::shell::shell_quote;
use crate::engine::credential;

/// A curl command that sends this request, with its credentials repaired where possible.
/// `None` when the URL cannot be known (no absolute target and no Host).
pub fn from_request(req: &RequestInfo) -> Option<String> {
    let url = req.url()?;
    let mut cmd = format!("curl -i {}", shell_quote(&url));
    let method = req.method.as_ref().map_or("GET", |m| m.as_str());
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
