//! A credential the tool stored earlier and sends on its own: GitHub naming the account it
//! authenticated ("denied to other-user"), and a registry refusing a pull with a stale login.

use super::{ids, lines, url_hosts};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{clip, has};

pub(super) fn findings(text: &str) -> Option<Finding> {
    for line in lines(text) {
        // GitHub: "Permission to owner/repo.git denied to user."
        if let Some((_, rest)) = line.split_once("Permission to ") {
            if let Some((repo, who)) = rest.split_once(" denied to ") {
                let who = who.trim().trim_end_matches('.');
                return Some(other_account(repo, who));
            }
        }
        // A registry refusing a manifest read: pulls need no login for public images, but the
        // stored one is sent, and refused when stale.
        if has(line, "/manifests/") && has(line, "denied") && !has(line, "requested access") {
            let host = url_hosts(line).next();
            return Some(stale_login(host.as_deref().unwrap_or("the registry")));
        }
    }
    None
}

fn other_account(repo: &str, who: &str) -> Finding {
    Finding::error(
        ids::STORED_CREDENTIAL,
        format!("The request was made as {}, which has no access to {}", clip(who, 40), clip(repo, 60)),
        format!("The server names the account it authenticated: {who}. That is the credential your tool stored (a credential manager, the OS keychain, a token in the remote URL), not necessarily the account you meant; the credential works, for an account without access."),
    )
    .fix("Remove the stored credential (git credential reject, or delete it from the credential manager / keychain) and sign in as the account with access, or give that account access.")
    .spec(SpecRef::new("Git: credential storage", "https://git-scm.com/docs/gitcredentials"))
}

fn stale_login(host: &str) -> Finding {
    Finding::error(
        ids::STORED_CREDENTIAL,
        format!("A stored login for {host} was refused"),
        format!("docker sends the login stored for {host} (in ~/.docker/config.json or a credential helper) with every request to it, even for public images that need none. An expired, revoked or other account's login is refused, and the pull fails where an anonymous one would work."),
    )
    .fix(format!("docker logout {host}, then pull again (or log in again with a current token)."))
    .spec(SpecRef::new("Docker: docker login", "https://docs.docker.com/reference/cli/docker/login/"))
}
