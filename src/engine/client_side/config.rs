//! A configured credential that never reaches the request: keyed to another host than the one
//! that failed, a configuration file the tool looked for where it does not exist, or a registry
//! host with no stored login.

use super::{covers, ids, lines, url_hosts};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{clip, has};

/// Words a tool prints when it found no file where it looked.
const NOT_THERE: &[&str] = &[
    "doesn't exist",
    "does not exist",
    "No such file",
    "file not found",
    "File not found",
];

pub(super) fn findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(other_host(text));
    out.extend(missing_file(text));
    out.extend(no_stored_login(text));
    out.extend(auths_without_auth(text));
    out
}

/// Hosts that credentials are configured for: `.npmrc` (`//host/:_authToken`), `.netrc`
/// (`machine host`) and Terraform (`credentials "host"`).
fn credential_hosts(text: &str) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for line in lines(text) {
        let t = line.trim();
        let host = if let Some(rest) = t.strip_prefix("//") {
            let keyed = ["_authToken", "_auth", "_password"]
                .iter()
                .any(|k| has(rest, &format!(":{k}")));
            keyed.then(|| rest.split(['/', ':']).next()).flatten()
        } else if let Some(rest) = t.strip_prefix("machine ") {
            rest.split_whitespace().next()
        } else if let Some(rest) = t.strip_prefix("credentials \"") {
            rest.split('"').next()
        } else {
            None
        };
        if let Some(h) = host.filter(|h| h.contains('.') && hosts.len() < 20) {
            if !hosts.iter().any(|k| k.eq_ignore_ascii_case(h)) {
                hosts.push(h.to_string());
            }
        }
    }
    hosts
}

/// Hosts of URLs on lines that say a request was refused.
fn refused_hosts(text: &str) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for line in lines(text) {
        let refused = ["Unauthorized", "Forbidden", "unauthorized"]
            .iter()
            .any(|w| has(line, w))
            || status_word(line, "401")
            || status_word(line, "403");
        if !refused {
            continue;
        }
        for h in url_hosts(line) {
            if hosts.len() < 20 && !hosts.iter().any(|k| k.eq_ignore_ascii_case(&h)) {
                hosts.push(h);
            }
        }
    }
    hosts
}

/// Whether `code` stands in `line` as a number of its own (not inside 14015 or a hash).
fn status_word(line: &str, code: &str) -> bool {
    line.match_indices(code).any(|(i, _)| {
        let b = line.as_bytes();
        let before = i.checked_sub(1).and_then(|j| b.get(j));
        let after = b.get(i + code.len());
        !before.is_some_and(u8::is_ascii_alphanumeric)
            && !after.is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// Credentials configured for some hosts, and a refusal from a host none of them covers.
fn other_host(text: &str) -> Option<Finding> {
    let configured = credential_hosts(text);
    if configured.is_empty() {
        return None;
    }
    let refused = refused_hosts(text);
    let uncovered: Vec<&String> = refused
        .iter()
        .filter(|h| !configured.iter().any(|k| covers(k, h)))
        .collect();
    let host = uncovered.first()?;
    Some(
        Finding::error(
            ids::CREDENTIAL_NOT_APPLIED,
            format!("The credential is configured for another host than {host}"),
            format!(
                "Tools send a configured credential only to the host it is keyed to. The paste configures one for {}, and the request refused went to {host}, so it went without that credential (or with a default one). Registry and scope settings that point {host} elsewhere do not carry the credential along.",
                configured.join(", ")
            ),
        )
        .fix(format!("Add the credential for {host} itself (npm: //{host}/:_authToken=…; .netrc: machine {host}), or point the request at the host the credential is for."))
        .spec(SpecRef::new("npm: .npmrc auth settings", "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration")),
    )
}

/// A configuration or credentials file the tool tried to open and did not find: a line naming
/// the file, and on it or the next line the tool's word that it is not there.
fn missing_file(text: &str) -> Option<Finding> {
    let mut previous: Option<&str> = None;
    for line in lines(text) {
        let names_file = (has(line, "config") || has(line, "credential"))
            && (has(line, "file") || has(line, "File"));
        let path = line
            .split_whitespace()
            .map(|w| w.trim_matches(['\'', '"', ',', ':']))
            .find(|w| w.contains('/') && !w.contains("://") && w.len() > 2);
        let here = path.filter(|_| names_file);
        let gone = NOT_THERE.iter().any(|w| has(line, w));
        if let (true, Some(p)) = (gone, here.or(previous)) {
            return Some(
                Finding::error(
                    ids::CREDENTIAL_NOT_APPLIED,
                    format!("The tool found no configuration at {}", clip(p, 80)),
                    format!("It looked for its configuration (where credentials live) at {} and found no file there, so no credential was loaded or sent. Tools packaged as snaps or containers, run under another user, or with HOME or a config variable set elsewhere look in another directory than the one edited.", clip(p, 120)),
                )
                .fix("Put the file where the tool looks (the path above), or point the tool at yours (its config variable or flag, e.g. TF_CLI_CONFIG_FILE, NPM_CONFIG_USERCONFIG, DOCKER_CONFIG, KUBECONFIG).")
                .spec(SpecRef::new("Terraform: CLI configuration file", "https://developer.hashicorp.com/terraform/cli/config/config-file")),
            );
        }
        previous = here;
    }
    None
}

/// docker's "no basic auth credentials": no login is stored for the registry host it pushed to.
fn no_stored_login(text: &str) -> Option<Finding> {
    if !has(text, "no basic auth credentials") {
        return None;
    }
    let host = lines(text)
        .find_map(|l| l.split_once("repository [").map(|(_, r)| r))
        .and_then(|r| r.split('/').next())
        .unwrap_or("this registry");
    Some(
        Finding::error(
            ids::CREDENTIAL_NOT_APPLIED,
            format!("docker has no login stored for {host}"),
            format!("docker sends the login stored for the exact registry host it talks to ({host}); it had none, so nothing was sent. Usually the login was made for another host name (another account id or region in an ECR host, a different registry name or port), or in another user's or job's docker config."),
        )
        .fix(format!("Log in to {host} itself (ECR: aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin {host}), and check the account id and region in the image name."))
        .spec(SpecRef::new("Docker: docker login", "https://docs.docker.com/reference/cli/docker/login/")),
    )
}

/// A container auth file whose entry has `username` and `password` but no `auth`: podman,
/// skopeo, buildah and CRI-O (containers/image) read only the base64 `auth` field, so they send
/// nothing for that registry.
fn auths_without_auth(text: &str) -> Option<Finding> {
    let at = text.find("\"auths\"")?;
    let entries = text.get(at..)?;
    let entries = entries.get(..entries.len().min(4_000))?;
    let split = has(entries, "\"username\"") && has(entries, "\"password\"");
    let refused = ["unauthorized", "denied", " 401", "authentication required"]
        .iter()
        .any(|w| has(&text.to_ascii_lowercase(), w));
    if !split || has(entries, "\"auth\"") || !refused {
        return None;
    }
    Some(
        Finding::error(
            ids::CREDENTIAL_NOT_APPLIED,
            "The auth file's entry has username and password, but no \"auth\" field",
            "The auths entry holds separate \"username\" and \"password\" fields. podman, skopeo, buildah and CRI-O read only \"auth\" (base64 of user:password) and ignore the others, so they send no credential to that registry; some other tools accept both forms, which is why the same file works elsewhere.",
        )
        .fix("Write the entry as \"auth\": \"<base64 of user:password>\" (printf 'user:password' | base64), or let podman login / skopeo login write the file.")
        .spec(SpecRef::new("containers-auth.json(5)", "https://github.com/containers/image/blob/main/docs/containers-auth.json.5.md")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// skopeo#1198: an authfile written for Docker or Kaniko.
    #[test]
    fn an_auths_entry_with_separate_fields() {
        let paste = "{\n    \"auths\": {\n        \"registry\": {\n            \"username\": \"<value>\",\n            \"password\": \"<value>\"\n        }\n    }\n}\nError initiating layer upload to <repo> in <registry>: unauthorized: The client does not have permission to push to the repository.";
        assert!(auths_without_auth(paste).is_some());
        let encoded = "{\"auths\": {\"r\": {\"auth\": \"dTpw\", \"username\": \"u\", \"password\": \"p\"}}}\nunauthorized";
        assert!(auths_without_auth(encoded).is_none());
    }

    #[test]
    fn credential_for_another_host_than_the_refused_one() {
        let npmrc = "//registry.npmjs.org/:_authToken=abc\n@acme:registry=https://npm.acme.test\nerror \"https://npm.acme.test/@acme%2fx/-/x-1.tgz: Request failed \\\"401 Unauthorized\\\"\"";
        assert!(other_host(npmrc).is_some());
        let same =
            "//npm.acme.test/:_authToken=abc\nerror https://npm.acme.test/x.tgz: 401 Unauthorized";
        assert!(other_host(same).is_none());
        assert!(other_host("error https://a.test/x: 401").is_none());
        // A number that merely contains 401 is no refusal.
        let id = "//npm.acme.test/:_authToken=abc\nGET https://other.test/pkg?rev=140155 200";
        assert!(other_host(id).is_none());
    }

    #[test]
    fn missing_config_file_on_the_same_or_next_line() {
        let tf = "[DEBUG] Attempting to open CLI config file: /home/u/snap/terraform/216/.terraformrc\n[DEBUG] File doesn't exist, but doesn't need to. Ignoring.";
        assert!(missing_file(tf).is_some());
        let far = "loaded config file /etc/app.conf\nall good\nuser bob not found";
        assert!(missing_file(far).is_none());
        // "not found" about something else than the file is not its absence.
        let user = "reading config file /etc/app.conf\nuser bob not found";
        assert!(missing_file(user).is_none());
    }
}
