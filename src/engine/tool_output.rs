//! Output of tools, SDKs and browser consoles (twine, docker, npm, gh, jfrog, stack traces)
//! pasted with the command or config that led to it: the vendor messages in it, the tokens in
//! it with where they were put, and the server messages the log readers know.

use crate::engine::core::finding::{Finding, Report, SpecRef};
use crate::engine::core::token_format::{Placement, TokenFormat};
use crate::engine::credential::known_token::{self, Carrier};
use crate::engine::credential::scheme_mistakes;
use crate::engine::exchange;
use crate::engine::knowledge;
use crate::engine::logs;

/// Tokens looked at, at most (a paste of a whole config file stays cheap).
const MAX_TOKENS: usize = 20;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A token's value ends with a newline inside its quotes.
    pub const TRAILING_NEWLINE: FindingId = FindingId("token.trailing_newline");
    /// A fine-grained GitHub token used for GitHub Packages, which takes classic tokens only.
    pub const PACKAGES_NEED_CLASSIC: FindingId = FindingId("token.packages_need_classic");
    /// `token = "var.name"` in Terraform: the quotes make it the literal text.
    pub const LITERAL_VARIABLE: FindingId = FindingId("config.literal_variable");
}

/// Hosts of GitHub Packages registries.
const GITHUB_PACKAGES: &[&str] = &[
    "ghcr.io",
    "docker.pkg.github.com",
    "npm.pkg.github.com",
    "maven.pkg.github.com",
    "nuget.pkg.github.com",
    "rubygems.pkg.github.com",
];

/// The line holding `word` (a slice of `text`), at most a few hundred bytes either side of it.
fn line_around<'a>(text: &'a str, word: &'a str) -> &'a str {
    const REACH: usize = 300;
    let at = (word.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let mut start = at.saturating_sub(REACH);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (at + word.len() + REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(start..at.min(end).max(start)).unwrap_or_default();
    let from = before.rfind('\n').map_or(start, |i| start + i + 1);
    let after = text.get(at.min(end)..end).unwrap_or_default();
    let to = after.find('\n').map_or(end, |i| at + i);
    text.get(from..to.max(from)).unwrap_or_default()
}

/// How a key with a header of its own was used, when a prompt says: a CLI asking for an
/// "Access token" sends the answer as `Authorization: Bearer` (jfrog rt config). Formats that
/// may go in Basic are left alone: a tool may well send those right.
fn prompted_carrier(line: &str, token: &str, f: &TokenFormat) -> Option<Carrier<'static>> {
    if !matches!(f.placement, Placement::Header(_)) {
        return None;
    }
    let before = line.get(..line.find(token)?).unwrap_or_default();
    (before.to_ascii_lowercase().contains("access token") && before.trim_end().ends_with(':'))
        .then_some(Carrier::Bearer)
}

/// `password: "$(NAME)"` in a configuration file (YAML, TOML, .env, ini): `$(…)` is the shell's
/// command substitution, which no configuration loader runs, so the text itself is sent.
fn command_substitution_in_config(text: &str) -> Option<Finding> {
    let (name, value) = text.lines().take(5_000).find_map(|l| {
        let t = l.trim();
        // A shell line runs `$(…)` itself.
        if t.starts_with("export ") || t.starts_with('$') {
            return None;
        }
        let (name, v) = t.split_once(':').or_else(|| t.split_once('='))?;
        let name = name.trim();
        let v = v.trim().trim_matches(['"', '\'']);
        let secret = ["token", "key", "secret", "password", "auth", "credential"]
            .iter()
            .any(|s| name.to_ascii_lowercase().contains(s));
        let sub = v
            .strip_prefix("$(")
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|n| {
                !n.is_empty() && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            });
        (secret && sub && !name.contains(' ')).then_some((name, v))
    })?;
    let var = value.trim_start_matches("$(").trim_end_matches(')');
    Some(
        Finding::error(
            ids::LITERAL_VARIABLE,
            format!("{name}: {value} is sent as the text {value}"),
            format!("{value} is shell command substitution. Configuration files are not run by a shell, and their loaders (Beats and Elastic keystores, Docker Compose, Spring, dotenv) expand ${{{var}}} if anything, so the characters {value} become the credential and the server answers 401."),
        )
        .fix(format!("Write the reference the loader expands, e.g. \"${{{var}}}\" (Beats keystore, Compose, Spring), or the value itself."))
        .spec(SpecRef::new("Elastic Beats: keystore references", "https://www.elastic.co/guide/en/beats/filebeat/current/keystore.html")),
    )
}

/// `name = "var.x"` (or `local.x`) for a credential attribute: Terraform sends the text.
fn literal_variable(text: &str) -> Option<Finding> {
    let (name, value) = text.lines().take(5_000).find_map(|l| {
        let (name, v) = l.trim().split_once('=')?;
        let name = name.trim();
        let v = v.trim().strip_prefix('"')?.strip_suffix('"')?;
        let secret = ["token", "key", "secret", "password", "auth", "credential"]
            .iter()
            .any(|s| name.to_ascii_lowercase().contains(s));
        let var = ["var.", "local."].iter().any(|p| {
            v.strip_prefix(p).is_some_and(|n| {
                !n.is_empty() && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            })
        });
        (secret && var).then_some((name, v))
    })?;
    Some(
        Finding::error(
            ids::LITERAL_VARIABLE,
            format!("{name} = \"{value}\" is the text {value}, not the variable"),
            format!("In Terraform 0.12 and later a quoted \"{value}\" is a plain string: the provider sends the characters {value} as the credential, and the API answers 401."),
        )
        .fix(format!("Write {name} = {value} without quotes (or \"${{{value}}}\" inside a longer string)."))
        .spec(SpecRef::new("Terraform: references to values", "https://developer.hashicorp.com/terraform/language/expressions/references")),
    )
}

/// Go's `invalid header field value "Bearer …\n" for key Authorization`: the value ends with a
/// newline (or carriage return), which net/http refuses to send.
fn newline_in_header(text: &str) -> Option<Finding> {
    let line = text
        .lines()
        .take(5_000)
        .find(|l| l.contains("invalid header field value"))?;
    let (value, key) = line.split_once("\" for key ")?;
    let key = key.split_whitespace().next().unwrap_or("the header");
    // In a JSON log the quotes are escaped too: `\"Bearer …\\n\" for key`.
    let value = value.trim_end_matches('\\');
    (value.ends_with("\\n") || value.ends_with("\\r")).then(|| {
        Finding::error(
            ids::TRAILING_NEWLINE,
            format!("The {key} value ends with a newline"),
            "The credential was read with its line ending (a file written with echo, or a value copied with its newline), so the header value ends in \\n: Go's net/http refuses to send it, and other clients send it and the server rejects the token.",
        )
        .fix("Strip the newline where the value is read (strings.TrimSpace, tr -d '\\n'), or write the file with printf %s / echo -n.")
    })
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
    if with_logs {
        r.add_new(logs::causes_in(text));
    }
    if let Some(f) = scheme_mistakes::misspelled_header(text) {
        r.push(f);
    }
    r.add_new(exchange::paste_causes(text));
    r.add_new(crate::engine::client_side::findings(text));
    r.add_new(crate::engine::mechanisms::findings(text));
    r.add_new(crate::engine::cors::findings(text));
    r.add_new(literal_variable(text));
    r.add_new(command_substitution_in_config(text));
    r.add_new(newline_in_header(text));
    let user = user_name(text);
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.+".contains(c)));
    let mut looked_at = 0;
    for w in words.filter(|w| w.len() >= 12).take(10_000) {
        let Some(f) = known_token::identify(w) else {
            continue;
        };
        looked_at += 1;
        if r.findings.len() > MAX_TOKENS * 4 || looked_at > MAX_TOKENS {
            break;
        }
        let line = line_around(text, w);
        let carrier = match (user, f.placement) {
            (Some(u), Placement::BasicPassword(_)) => Carrier::BasicPassword(u),
            _ => prompted_carrier(line, w, f).unwrap_or(Carrier::Unknown),
        };
        for x in known_token::findings(f, carrier) {
            r.push(x);
        }
        // Given to a GitHub Packages registry on the same line (docker login, .npmrc).
        if f.prefix == "github_pat_" && GITHUB_PACKAGES.iter().any(|h| line.contains(h)) {
            r.push(
                Finding::error(
                    ids::PACKAGES_NEED_CLASSIC,
                    "GitHub Packages does not accept fine-grained tokens",
                    "The container registry (ghcr.io) and the other GitHub Packages registries authenticate only personal access tokens (classic), or GITHUB_TOKEN inside Actions. A fine-grained github_pat_ token is refused whatever permissions it was given.",
                )
                .fix("Create a classic token (ghp_) with read:packages (and write:packages to push), or use GITHUB_TOKEN with packages: write in a workflow.")
                .spec(SpecRef::new("GitHub: authenticating to the container registry", "https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry#authenticating-with-a-personal-access-token-classic")),
            );
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
    // What vendors' messages name comes after the causes read from the text's structure.
    r.add_new(knowledge::findings(text));
    // With no cause named, what the tool's own status line says, with where that tool keeps
    // the credential (beside a named cause it would only say the same thing less precisely).
    if r.worst() != Some(crate::engine::core::finding::Severity::Error) {
        r.add_new(crate::engine::tools::findings(text));
    }
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

    #[test]
    fn what_tools_and_configs_show() {
        // digitalocean/terraform-provider-digitalocean#355
        let r = analyze("provider \"digitalocean\" {\n  token = \"var.do_token\"\n}").unwrap();
        assert!(r.has_id("config.literal_variable"));
        assert!(analyze("  description = \"var.x\"\n  token = var.do_token").is_none());
        // humio/cli#72: Go refuses the header with the newline.
        let r = analyze(
            r#"error: net/http: invalid header field value "Bearer abc\n" for key Authorization"#,
        )
        .unwrap();
        assert!(r.has_id("token.trailing_newline"));
        // complexdatacollective/Fresco#283: a fine-grained token given to docker login ghcr.io.
        let pat = "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";
        let r = analyze(&format!(
            "echo {pat} | docker login ghcr.io -u octocat --password-stdin"
        ))
        .unwrap();
        assert!(r.has_id("token.packages_need_classic"));
        // The same token for the API, in a log that also pulls an image from ghcr.io: not named.
        let r = analyze(&format!("image: ghcr.io/a/b:1\ncurl -H \"Authorization: Bearer {pat}\" https://api.github.com/user")).unwrap();
        assert!(!r.has_id("token.packages_need_classic"));
        // jfrog/jfrog-cli#416: an API key given where the CLI asks for an access token.
        let r = analyze("Access token (Leave blank for username and password/API key): AKCpOhbVrpoiVgRV5IfLBcbfnoGMbJmTPSIAoCLrZ3aWZkSBvrjn9Wvgfygw2wMqZcUDIh7yf").unwrap();
        assert!(r.has_id("token.not_in_authorization"));
    }
}
