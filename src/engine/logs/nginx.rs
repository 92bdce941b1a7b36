//! nginx error-log lines from `auth_basic` and `auth_request`.
//! Format: `2021/03/16 09:12:04 [error] 5669#5669: *4030 user "user1": password mismatch, client:
//! 22.22.22.22, server: s, request: "GET / HTTP/1.1", host: "h"` (nginx src/http/modules/
//! ngx_http_auth_basic_module.c; examples from https://github.com/crowdsecurity/hub/issues/183).

use super::cause::{Cause, Hit};
use super::line::{after, between, request_path, word_after};
use crate::engine::core::text::has;

const SOURCE: &str = "nginx";

/// The auth cause an nginx error-log line names.
pub fn read(line: &str) -> Option<Hit> {
    // Every nginx error-log line carries "[level] pid#tid:".
    if !line.contains('#') || !has(line, "] ") {
        return None;
    }
    let hit = if has(
        line,
        "no user/password was provided for basic authentication",
    ) {
        Hit::new(
            SOURCE,
            Cause::NoCredentials,
            "no user/password was provided for basic authentication",
        )
    } else if let Some(file) = between(line, "was not found in \"", "\"") {
        Hit::new(
            SOURCE,
            Cause::UnknownUser,
            format!("user not found in {file}"),
        )
        .user(user(line))
    } else if has(line, "\": password mismatch") {
        Hit::new(SOURCE, Cause::Rejected, "password mismatch").user(user(line))
    } else if let Some(code) = word_after(line, "auth request unexpected status: ") {
        Hit::new(
            SOURCE,
            Cause::AuthRequestFailed,
            format!("auth request unexpected status: {code}"),
        )
    } else if has(line, "htpasswd") && has(line, "failed (") {
        Hit::new(
            SOURCE,
            Cause::AuthNotConfigured,
            "cannot read the password file",
        )
    } else {
        return None;
    };
    Some(
        hit.client(word_after(line, "client: "))
            .path(between(line, "request: \"", "\"").and_then(request_path)),
    )
}

fn user(line: &str) -> Option<&str> {
    between(line, "user \"", "\"")
        .or_else(|| after(line, "user ").and_then(|r| r.split(':').next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_lines() {
        // https://github.com/crowdsecurity/hub/issues/183
        let h = read(r#"2021/03/16 09:12:04 [error] 5669#5669: *4030 user "user1": password mismatch, client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru""#).unwrap();
        assert_eq!(
            (
                h.cause,
                h.user.as_deref(),
                h.client.as_deref(),
                h.path.as_deref()
            ),
            (
                Cause::Rejected,
                Some("user1"),
                Some("22.22.22.22"),
                Some("/")
            )
        );
        // https://github.com/beevelop/docker-nginx-basic-auth/issues/26
        let h = read(r#"2020/06/07 08:54:24 [error] 15#15: *12 user "foo" was not found in "/etc/nginx/auth.htpasswd", client: 192.168.0.29, server: , request: "GET / HTTP/1.1", host: "192.168.0.25:8080""#).unwrap();
        assert_eq!(
            (h.cause, h.user.as_deref()),
            (Cause::UnknownUser, Some("foo"))
        );
        assert!(read("2020/06/07 08:54:24 [notice] 1#1: start worker processes").is_none());
    }
}
