//! Output of tools, SDKs and browser consoles (twine, docker, npm, gh, jfrog, stack traces)
//! pasted with the command or config that led to it: the vendor messages in it, the tokens in
//! it with where they were put, and the server messages the log readers know.

use crate::engine::challenge::Challenges;
use crate::engine::core::finding::{Finding, Report};
use crate::engine::core::token_format::Placement;
use crate::engine::credential::known_token::{self, Carrier};
use crate::engine::credential::scheme_mistakes;
use crate::engine::exchange::{self, server_says};
use crate::engine::logs;

/// Tokens looked at, at most (a paste of a whole config file stays cheap).
const MAX_TOKENS: usize = 20;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A token's value ends with a newline inside its quotes.
    pub const TRAILING_NEWLINE: FindingId = FindingId("token.trailing_newline");
}

/// The user name the text gives for Basic credentials: `.pypirc`'s `username = x`,
/// `-u x` / `--username x`, `TWINE_USERNAME=x`.
fn user_name(text: &str) -> Option<&str> {
    text.lines().find_map(|l| {
        let l = l.trim();
        if let Some(v) = l.strip_prefix("username") {
            let v = v.trim_start().strip_prefix('=')?.trim();
            return (!v.is_empty()).then_some(v);
        }
        if let Some(v) = l.split("TWINE_USERNAME=").nth(1) {
            return v.split_whitespace().next();
        }
        let mut words = l.split_whitespace();
        while let Some(w) = words.next() {
            if w == "-u" || w == "--username" {
                return words.next().map(|u| u.trim_matches(['"', '\'']));
            }
        }
        None
    })
}

/// What the text says, when it holds anything authlens knows; `None` otherwise.
pub fn analyze(text: &str) -> Option<Report> {
    let mut r = Report::new("Output of a tool or an error message, read for what it says.");
    r.add_new(findings(text, true));
    (!r.findings.is_empty()).then_some(r)
}

/// The findings the text holds: vendor messages, log-style causes (unless the caller has read
/// those already), a misspelt header name, and tokens with where they belong.
pub fn findings(text: &str, with_logs: bool) -> Vec<Finding> {
    let mut r = Report::default();
    for f in server_says::findings(&[], text, &Challenges::default(), None) {
        r.push(f);
    }
    if with_logs {
        r.add_new(logs::causes_in(text));
    }
    if let Some(f) = scheme_mistakes::misspelled_header(text) {
        r.push(f);
    }
    r.add_new(exchange::paste_causes(text));
    let user = user_name(text);
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.+".contains(c)));
    for w in words.filter(|w| w.len() >= 12).take(10_000) {
        let Some(f) = known_token::identify(w) else {
            continue;
        };
        if r.findings.len() > MAX_TOKENS * 4 {
            break;
        }
        let carrier = match (user, f.placement) {
            (Some(u), Placement::BasicPassword(_)) => Carrier::BasicPassword(u),
            _ => Carrier::Unknown,
        };
        for x in known_token::findings(f, carrier) {
            r.push(x);
        }
        // `TOKEN="gho_…\n"`: the newline is part of the value the tool sends.
        if text.contains(&format!("{w}\n\"")) || text.contains(&format!("{w}\\n")) {
            r.push(
                Finding::error(
                    ids::TRAILING_NEWLINE,
                    format!("The {} {} ends with a newline", f.issuer, f.what),
                    "The newline is sent as part of the token, so the server does not recognise it (GitHub: Bad credentials; Go clients refuse the header outright).",
                )
                .fix("Strip the newline where the value is read (printf %s, .trim(), tr -d '\\n'), or re-paste the secret without it."),
            );
        }
    }
    exchange::settle(&mut r);
    r.findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_output_is_read() {
        // pypa/twine#565-style: a pypi- token with the account name in .pypirc.
        let t = "$ cat ~/.pypirc\n[pypi]\n  username = otto\n  password = pypi-AgEIcHlwaS5vcmcCJGE0MTI\n$ twine upload dist/*\nHTTPError: 403 Forbidden from https://upload.pypi.org/legacy/\nInvalid or non-existent authentication information.";
        let r = analyze(t).unwrap();
        assert!(r.has_id("token.basic_username") && r.has_id("server.pypi_bad_auth"));
        assert!(analyze("nothing to see here").is_none());
        let r =
            analyze("GH_TOKEN=\"gho_rZ3aWZkSBvrjn9Wvgfygw2wMqZcUDIh7yfJs\n\" gh status").unwrap();
        assert!(r.has_id("token.trailing_newline"));
    }
}
