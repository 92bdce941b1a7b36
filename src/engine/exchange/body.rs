//! Error bodies: OAuth JSON errors, RFC 9457 problem details, HTML login pages.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text;
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The response body says: {}"
    pub const RESPONSE_BODY_SAYS: FindingId = FindingId("body.response_body_says");
    /// "The response is an HTML login page"
    pub const RESPONSE_HTML_LOGIN_PAGE: FindingId = FindingId("body.response_html_login_page");
    /// "The server's problem report: {}"
    pub const SERVER_S_PROBLEM_REPORT: FindingId = FindingId("body.server_s_problem_report");
    /// "A WordPress REST API error"
    pub const WORDPRESS_REST_API_ERROR: FindingId = FindingId("body.wordpress_rest_api_error");
}

/// What an error body says, as findings quoting it.
pub fn findings(body: &str, content_type: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return out;
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(trimmed) {
        let s = |k: &str| {
            m.get(k).and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| (!v.is_null()).then(|| v.to_string()))
            })
        };
        if ct.contains("problem+json") || (m.contains_key("type") && m.contains_key("title")) {
            let title = s("title").unwrap_or_default();
            let detail = s("detail")
                .map(|d| format!(" Detail: \"{}\".", text::clip(&d, 300)))
                .unwrap_or_default();
            out.push(
                Finding::info(
                    ids::SERVER_S_PROBLEM_REPORT,
                    format!("The server's problem report: {}", text::clip(&title, 80)),
                    format!(
                        "RFC 9457 problem details{}{}",
                        s("type")
                            .map(|t| format!(" of type {t}."))
                            .unwrap_or_else(|| ".".into()),
                        detail
                    ),
                )
                .spec(SpecRef::new(
                    "RFC 9457",
                    "https://www.rfc-editor.org/rfc/rfc9457",
                )),
            );
        } else if let Some(err) = s("error").or_else(|| s("code")).or_else(|| s("message")) {
            let desc = s("error_description")
                .or_else(|| s("message"))
                .or_else(|| s("detail"))
                .filter(|d| *d != err);
            out.push(Finding::info(
                ids::RESPONSE_BODY_SAYS,
                format!("The response body says: {}", text::clip(&err, 80)),
                desc.map_or("The JSON body carries this error code.".to_string(), |d| {
                    format!("\"{}\"", text::clip(&d, 300))
                }),
            ));
            if err.starts_with("rest_") {
                out.push(Finding::info(ids::WORDPRESS_REST_API_ERROR, "A WordPress REST API error", "WordPress REST endpoints accept Basic auth only with an Application Password (Users → Profile → Application Passwords), not the login password; and Apache must pass the Authorization header to PHP.").fix("Create an Application Password and send Basic base64(user:application-password).").spec(SpecRef::new("WordPress Application Passwords", "https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/")));
            }
        }
    } else if ct.contains("text/html") || trimmed.starts_with('<') {
        let lower = trimmed.to_ascii_lowercase();
        if [
            "type=\"password\"",
            "type='password'",
            "login",
            "sign in",
            "signin",
        ]
        .iter()
        .any(|n| lower.contains(n))
        {
            out.push(Finding::warning(ids::RESPONSE_HTML_LOGIN_PAGE, "The response is an HTML login page", "An API call got a page meant for a browser: the request was treated as an unauthenticated browser visit (session cookie missing, or an SSO gateway in front of the API).").fix("Call the API with its own credentials (a token), or send the session cookie; for an SSO proxy, use its API bypass or token endpoint."));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_error_bodies() {
        let f = findings(
            r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
            Some("application/json"),
        );
        // The server's own words are passed through; which finding it is, is the id.
        let says = |f: &Finding, data: &str| f.title.contains(data) || f.explanation.contains(data);
        assert_eq!(f[0].id, ids::RESPONSE_BODY_SAYS);
        assert!(says(&f[0], "invalid_client") && says(&f[0], "Client authentication failed"));
        let f = findings(
            r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","detail":"Your current balance is 30"}"#,
            Some("application/problem+json"),
        );
        assert_eq!(f[0].id, ids::SERVER_S_PROBLEM_REPORT);
        assert!(says(&f[0], "You do not have enough credit"));
        let f = findings(
            "<html><form><input type=\"password\"></form></html>",
            Some("text/html"),
        );
        assert_eq!(f[0].id, ids::RESPONSE_HTML_LOGIN_PAGE);
        let f = findings(
            r#"{"code":"rest_not_logged_in","message":"You are not currently logged in.","data":{"status":401}}"#,
            None,
        );
        assert!(f.iter().any(|f| f.id == ids::WORDPRESS_REST_API_ERROR));
    }
}
