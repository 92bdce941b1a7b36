//! Apache httpd error-log lines: mod_auth_basic / mod_auth_digest (AH01614–AH01618, AH01781–
//! AH01792), access control (AH01630, AH01797), core (AH00027), and PHP notices that show the
//! CGI layer dropped Authorization. Format: `[Wed Nov 05 21:54:18.280834 2025] [auth_basic:error]
//! [pid 5448:tid 5497] [client 192.168.0.41:61174] AH01617: user barryn: authentication failure
//! for "/pamtest/index.html": Password Mismatch` (https://github.com/adelton/mod_authnz_pam/issues/20).

use super::cause::{Cause, Hit};
use super::line::{after, between, host_only};
use crate::engine::core::text::{has, phrases_in};

const SOURCE: &str = "Apache httpd";

/// The auth cause an Apache error-log line names.
pub fn read(line: &str) -> Option<Hit> {
    // Every line this reads has an AH code or names a PHP auth variable; one pass rules the rest
    // out.
    const MARKERS: &[(&str, ())] = &[("PHP_AUTH_", ()), ("HTTP_AUTHORIZATION", ()), (" AH", ())];
    if phrases_in(line, MARKERS) == 0 {
        return None;
    }
    let code = ah_code(line);
    let php_auth = ["PHP_AUTH_USER", "PHP_AUTH_PW", "HTTP_AUTHORIZATION"]
        .iter()
        .any(|k| has(line, k))
        && (has(line, "Undefined") || has(line, "not set") || has(line, "missing"));
    let msg = code
        .and_then(|c| after(line, c))
        .map(|m| m.trim_start_matches(':').trim());
    let hit = match code {
        Some("AH01617") | Some("AH01792") => Hit::new(
            SOURCE,
            Cause::Rejected,
            format!("{}: password mismatch", code?),
        )
        .user(user(msg?))
        .path(path(msg?)),
        Some("AH01618") | Some("AH01790") => Hit::new(
            SOURCE,
            Cause::UnknownUser,
            format!("{}: user not found", code?),
        )
        .user(user(msg?))
        .path(path(msg?)),
        Some("AH01614") | Some("AH01781") => Hit::new(
            SOURCE,
            Cause::WrongScheme,
            format!("{}: {}", code?, crate::engine::core::text::clip(msg?, 70)),
        )
        .path(path(msg?)),
        Some("AH01797") | Some("AH01630") => Hit::new(
            SOURCE,
            Cause::DeniedByConfig,
            format!("{}: client denied by server configuration", code?),
        )
        .path(path(msg?)),
        Some("AH00027") => Hit::new(
            SOURCE,
            Cause::AuthNotConfigured,
            "AH00027: no authentication done but request not allowed without authentication",
        )
        .path(between(msg?, " for ", ".")),
        Some("AH01620") | Some("AH01621") => Hit::new(
            SOURCE,
            Cause::AuthNotConfigured,
            format!("{}: could not open the password file", code?),
        ),
        _ if php_auth => Hit::new(
            SOURCE,
            Cause::ApacheDropsAuthorization,
            "PHP: the Authorization header never arrived",
        ),
        _ => return None,
    };
    Some(hit.client(between(line, "[client ", "]").map(host_only)))
}

/// The `AHnnnnn` code of a line.
fn ah_code(line: &str) -> Option<&str> {
    let i = line.find(" AH")? + 1;
    let code = line.get(i..i + 7)?;
    (code
        .get(2..)
        .unwrap_or_default()
        .bytes()
        .all(|b| b.is_ascii_digit()))
    .then_some(code)
}

fn user(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("user ")?;
    let u = rest.split([':', ' ']).next()?;
    Some(u.trim_matches(['`', '\'', '"']).to_string())
}

fn path(msg: &str) -> Option<String> {
    between(msg, "for \"", "\"")
        .map(str::to_string)
        .or_else(|| {
            msg.rsplit(": ")
                .next()
                .filter(|p| p.starts_with('/'))
                .map(str::to_string)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        // https://github.com/adelton/mod_authnz_pam/issues/20
        let h = read(r#"[Wed Nov 05 21:54:18.280834 2025] [auth_basic:error] [pid 5448:tid 5497] [client 192.168.0.41:61174] AH01617: user barryn: authentication failure for "/pamtest/index.html": Password Mismatch"#).unwrap();
        assert_eq!(
            (
                h.cause,
                h.user.as_deref(),
                h.client.as_deref(),
                h.path.as_deref()
            ),
            (
                Cause::Rejected,
                Some("barryn"),
                Some("192.168.0.41"),
                Some("/pamtest/index.html")
            )
        );
        // https://github.com/nextcloud/vm/issues/2480
        let h = read("[Fri Apr 28 10:52:49.448151 2023] [access_compat:error] [pid 113949:tid 140482642425408] [client 10.75.150.1:39016] AH01797: client denied by server configuration: /var/www/nextcloud/remote.php").unwrap();
        assert_eq!(
            (h.cause, h.path.as_deref()),
            (Cause::DeniedByConfig, Some("/var/www/nextcloud/remote.php"))
        );
        // https://github.com/cy33hc/switch-ezremote-client/issues/5
        let h = read("[Sun May 26 11:04:35.821455 2024] [auth_digest:error] [pid 11:tid 140483458890472] [client 192.168.1.210:13133] AH01781: client used wrong authentication scheme `Basic': /").unwrap();
        assert_eq!(h.cause, Cause::WrongScheme);
        assert!(read("[Tue Jul 31 15:04:04.652282 2018] [mpm_event:notice] [pid 2484:tid 140570183710592] AH00491: caught SIGTERM, shutting down").is_none());
    }
}
