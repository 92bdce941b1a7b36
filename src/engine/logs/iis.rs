//! IIS W3C logs: `sc-status`, `sc-substatus` and `sc-win32-status` decoded. Field order comes from
//! the `#Fields:` directive when pasted, else from the status triple at the end of the line.
//! Codes: https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code
//! and https://support.microsoft.com/kb/907273 (example lines).

use super::cause::{Cause, Hit, Key};
use super::line::path_only;

/// The fields named by the last `#Fields:` line.
#[derive(Debug, Default)]
pub struct Fields(Option<Vec<String>>);

impl Fields {
    /// Remembers a `#Fields:` directive; true when the line was one.
    pub fn directive(&mut self, line: &str) -> bool {
        match line.strip_prefix("#Fields:") {
            Some(rest) => {
                self.0 = Some(
                    rest.split_whitespace()
                        .map(str::to_ascii_lowercase)
                        .collect(),
                );
                true
            }
            None => {
                line.starts_with("#Software:")
                    || line.starts_with("#Version:")
                    || line.starts_with("#Date:")
            }
        }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.0.as_ref()?.iter().position(|f| f == name)
    }
}

/// The auth cause of an IIS line with status 401 or 403; for a success, its client and path.
pub fn read(line: &str, fields: &Fields) -> Option<Result<Hit, Key>> {
    // The date first, before collecting the fields: most lines of a paste are not IIS lines.
    let date = line.split_whitespace().next()?;
    if date.len() != 10 || date.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let w: Vec<&str> = line.split_whitespace().take(64).collect();
    let num = |i: usize| {
        w.get(i)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty())
    };
    let (si, method) = match (fields.index("sc-status"), fields.index("cs-method")) {
        (Some(s), m) => (s, m),
        _ => {
            // The last run of three numbers, the first a status, ends the line (time-taken may follow).
            let s = (0..w.len().saturating_sub(2)).rev().find(|&i| {
                i + 4 >= w.len()
                    && num(i).is_some_and(|t| t.len() == 3)
                    && num(i + 1).is_some()
                    && num(i + 2).is_some()
            })?;
            let m = w.iter().position(|t| {
                [
                    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "PROPFIND",
                ]
                .contains(t)
            });
            (s, m)
        }
    };
    let (status, sub, win32) = (
        num(si)?,
        num(si + 1).copied().unwrap_or("0"),
        num(si + 2).copied().unwrap_or("0"),
    );
    let at = |name: &str, guess: Option<usize>| {
        fields
            .index(name)
            .or(guess)
            .and_then(|i| w.get(i).copied())
            .filter(|v| *v != "-")
    };
    let path = at("cs-uri-stem", method.map(|m| m + 1)).map(path_only);
    let user = at("cs-username", method.map(|m| m + 4).filter(|&i| i < si));
    let client = at("c-ip", method.map(|m| m + 5).filter(|&i| i < si)).filter(|c| {
        c.contains(['.', ':'])
            && c.bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b'.' || b == b':')
    });
    let win = win32_meaning(win32);
    let code = format!(
        "{status}.{sub}{}",
        if win32 == "0" {
            String::new()
        } else {
            format!(", win32 {win32}{win}")
        }
    );
    let cause = match (*status, sub) {
        ("401", "1") => Cause::Rejected,
        ("401", "2") => Cause::WindowsAuth,
        ("401", "3") | ("401", "4") => Cause::DeniedByConfig,
        ("401", "5") | ("401", "7") => Cause::DeniedByPolicy,
        ("401", _) => Cause::Status401,
        ("403", "7") | ("403", "16") | ("403", "17") => Cause::NoCredentials,
        ("403", _) => Cause::DeniedByConfig,
        (s, _) if s.starts_with('2') || s.starts_with('3') => {
            return Some(Err((client.map(String::from), path)))
        }
        _ => return None,
    };
    let meaning = substatus_meaning(status, sub);
    Some(Ok(Hit::new("IIS", cause, format!("{code}: {meaning}"))
        .path(path)
        .user(user)
        .client(client)))
}

fn substatus_meaning(status: &str, sub: &str) -> &'static str {
    match (status, sub) {
        ("401", "1") => "logon failed",
        ("401", "2") => {
            "logon failed due to server configuration (no accepted credentials in the request)"
        }
        ("401", "3") => "unauthorized due to ACL on resource",
        ("401", "4") => "authorization failed by filter",
        ("401", "5") => "authorization failed by ISAPI/CGI application",
        ("401", "7") => "denied by URL authorization policy",
        ("403", "4") => "SSL required",
        ("403", "6") => "IP address rejected",
        ("403", "7") => "client certificate required",
        ("403", "13") => "client certificate revoked",
        ("403", "14") => "directory listing denied",
        ("403", "16") => "client certificate untrusted or invalid",
        ("403", "17") => "client certificate expired or not yet valid",
        ("403", "502") | ("403", "503") => "IP restriction",
        ("401", _) => "unauthorized",
        _ => "forbidden",
    }
}

/// The Win32 and SSPI codes seen with 401s.
fn win32_meaning(code: &str) -> &'static str {
    match code {
        "5" => " (access denied)",
        "1326" => " (logon failure: unknown user name or bad password)",
        "1331" => " (account disabled)",
        "1909" => " (account locked out)",
        "2148074252" => " (0x8009030C SEC_E_LOGON_DENIED: the logon attempt failed)",
        "2148074254" => " (0x8009030E SEC_E_NO_CREDENTIALS: no credentials were sent yet)",
        "2148074248" => " (0x80090308 SEC_E_INVALID_TOKEN: the Negotiate token could not be read)",
        "2148074274" => " (0x80090322 SEC_E_WRONG_PRINCIPAL: Kerberos ticket for another SPN)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kb_907273_lines() {
        // https://support.microsoft.com/kb/907273 (client address removed there too)
        let f = Fields::default();
        let h = read("2006-03-06 20:37:42 W3SVC1 GET /default.aspx - 80 - Mozilla/4.0+(compatible;+MSIE+6.0;+Windows+NT+5.1) 401 2 2148074254", &f).unwrap().unwrap();
        assert_eq!(
            (h.cause, h.path.as_deref()),
            (Cause::WindowsAuth, Some("/default.aspx"))
        );
        assert!(h.detail.contains("SEC_E_NO_CREDENTIALS"));
        let ok = read(
            "2006-03-06 20:38:36 W3SVC1 GET /default.aspx - 80 DOMAIN\\user Mozilla/4.0 200 0 0",
            &f,
        )
        .unwrap();
        assert_eq!(ok, Err((None, Some("/default.aspx".into()))));
    }

    #[test]
    fn with_fields_directive() {
        let mut f = Fields::default();
        assert!(f.directive("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"));
        let h = read("2024-01-01 10:00:00 10.0.0.5 GET /app/ - 443 CONTOSO\\bob 10.0.0.9 Mozilla/5.0 - 401 1 1326 15", &f).unwrap().unwrap();
        assert_eq!(
            (h.cause, h.user.as_deref(), h.client.as_deref()),
            (Cause::Rejected, Some("CONTOSO\\bob"), Some("10.0.0.9"))
        );
    }
}
