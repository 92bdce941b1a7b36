//! A server refuses one of its own accounts (elastic, kibana_system, postgres, root, admin,
//! guest) again and again: the password it holds and the one its clients send differ. Images
//! set these passwords once, when the data directory is created (ELASTIC_PASSWORD,
//! POSTGRES_PASSWORD, MYSQL_ROOT_PASSWORD, …), so a changed .env or secret later reaches only the
//! clients; a probe or sidecar started before a change keeps the old one.

use super::{ids, lines};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::clip;

/// How servers name the account whose login failed: the text before the name and what ends it.
const FAILED_FOR: &[(&str, &[char])] = &[
    ("failed to authenticate user [", &[']']),
    ("unable to authenticate user [", &[']']),
    ("Authentication finally failed for ", &[' ']),
    ("password authentication failed for user \"", &['"']),
    ("Access denied for user '", &['\'']),
    ("Login failed for user '", &['\'']),
    ("authentication failed for user ", &[' ', ',', '.']),
];

/// Accounts a deployment creates with a password from its configuration.
const BUILT_IN: &[&str] = &[
    "elastic",
    "kibana_system",
    "kibana",
    "logstash_system",
    "beats_system",
    "apm_system",
    "remote_monitoring_user",
    "logstash_internal",
    "admin",
    "root",
    "postgres",
    "sa",
    "guest",
    "rabbitmq",
    "minioadmin",
    "keycloak",
    "grafana",
];

/// Words that show a deployment whose configuration set the password.
const DEPLOYED: &[&str] = &[
    "docker",
    "compose",
    ".env",
    "volume",
    "_1  |",
    "-1  |",
    "helm",
    "kubectl",
    "operator",
    "probe",
    "container",
];

/// The finding, when one built-in account fails repeatedly or inside a deployment's output.
pub(super) fn finding(text: &str) -> Option<Finding> {
    let mut first: Option<String> = None;
    let mut count = 0;
    for l in lines(text) {
        let Some(user) = failed_user(l) else { continue };
        match &first {
            None if BUILT_IN.contains(&user.as_str()) => {
                first = Some(user);
                count = 1;
            }
            Some(u) if *u == user => count += 1,
            _ => {}
        }
    }
    let user = first?;
    let lower = text.to_ascii_lowercase();
    let deployed = DEPLOYED.iter().any(|w| lower.contains(w));
    if count < 3 && !deployed {
        return None;
    }
    Some(
        Finding::error(
            ids::PASSWORD_OUT_OF_SYNC,
            format!("The server and its clients hold different passwords for \"{}\"", clip(&user, 40)),
            format!(
                "\"{}\" is one of the accounts a deployment creates with a password from its configuration, and the server refuses it{}. Such passwords are set once, when the data directory is first created: a password changed later in .env, a secret or the environment reaches the clients (and probes) but not the server, whose data volume keeps the old one. The reverse happens when the password is changed on the server and a client, probe or sidecar keeps the old value.",
                clip(&user, 40),
                if count >= 3 { format!(" {count} times in this paste") } else { String::new() },
            ),
        )
        .fix("Set the password on the server itself to what the clients use (elasticsearch-reset-password, ALTER USER … PASSWORD, rabbitmqctl change_password), or remove the data volume when its data can go; then restart every client and probe that caches it.")
        .spec(SpecRef::new("Docker: environment variables only apply on an empty data directory (postgres image)", "https://github.com/docker-library/docs/blob/master/postgres/README.md#environment-variables")),
    )
}

/// The account a failure line names.
fn failed_user(line: &str) -> Option<String> {
    FAILED_FOR.iter().find_map(|(before, ends)| {
        let rest = line.split(before).nth(1)?;
        let user: String = rest.split(*ends).next()?.trim().to_string();
        (!user.is_empty() && user.len() <= 64).then_some(user)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// deviantony/docker-elk#685: the passwords in .env no longer match the data volume's.
    #[test]
    fn a_built_in_account_refused_in_compose_output() {
        let paste = "elasticsearch_1  | {\"@timestamp\":\"2022-03-15T02:36:44.879Z\", \"log.level\": \"INFO\", \"message\":\"Authentication of [elastic] was terminated by realm [reserved] - failed to authenticate user [elastic]\"}";
        assert!(finding(paste).is_some());
    }

    /// opensearch-project/opensearch-k8s-operator#305: a probe keeps the old admin password.
    #[test]
    fn the_same_account_refused_again_and_again() {
        let line = "[2022-09-28T03:42:07,496][WARN ][o.o.s.a.BackendRegistry  ] [cluster-masters-0] Authentication finally failed for admin from 127.0.0.1:54702\n";
        assert!(finding(&line.repeat(3)).is_some());
        assert!(finding(line).is_none());
        // Someone else's account failing is a wrong password, not this mechanism.
        assert!(finding(&line.replace("admin", "alice").repeat(5)).is_none());
    }
}
