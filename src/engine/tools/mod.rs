//! What developer tools print when a registry, repository or API refused them: Maven, Gradle,
//! npm/yarn/pnpm, pip/twine/poetry, git, docker/podman/helm, dotnet/NuGet and kubectl. Each is
//! read into one [`Refusal`] (tool, status, host, repository id); the finding says what the
//! status means for that tool and where that tool looks up the credential for that host, which
//! is where most of these failures are decided.

mod read;

pub use read::{read, Refusal};

use crate::engine::core::finding::{Finding, FindingId, SpecRef};
use crate::engine::core::text::clip;
use std::fmt;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A tool's request was refused with 401: no credential, or one the server rejects.
    pub const UNAUTHORIZED: FindingId = FindingId("tool.unauthorized");
    /// A tool's request was refused with 403: the credential was read and lacks a permission.
    pub const FORBIDDEN: FindingId = FindingId("tool.forbidden");
    /// A proxy between the tool and the server wants credentials (407).
    pub const PROXY: FindingId = FindingId("tool.proxy_auth");
}

/// The developer tools read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Apache Maven.
    Maven,
    /// Gradle.
    Gradle,
    /// npm, yarn or pnpm.
    Npm,
    /// pip, twine, poetry or uv.
    Python,
    /// git over HTTPS.
    Git,
    /// docker, podman, skopeo, buildah or helm against a container registry.
    Registry,
    /// dotnet / NuGet.
    NuGet,
    /// kubectl.
    Kubectl,
}

impl fmt::Display for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tool::Maven => "Maven",
            Tool::Gradle => "Gradle",
            Tool::Npm => "npm",
            Tool::Python => "The Python package tool",
            Tool::Git => "git",
            Tool::Registry => "The container tool",
            Tool::NuGet => "NuGet",
            Tool::Kubectl => "kubectl",
        })
    }
}

impl Tool {
    /// Where this tool looks up the credential for a host or repository.
    fn lookup(self, host: &str, target: &str) -> String {
        match self {
            Tool::Maven => format!("the <server> in settings.xml whose <id> is exactly \"{target}\" (the repository's id, not its URL); no such entry means nothing is sent"),
            Tool::Gradle => format!("the credentials {{ }} block of the repository for {host} (values from gradle.properties or the environment: a property name that does not exist gives an empty value)"),
            Tool::Npm => format!("the .npmrc line //{host}/:_authToken=… (or :_auth, :username/:_password), whose key must match the registry URL as written, path and port included, in the .npmrc the tool actually reads"),
            Tool::Python => format!("the credentials for {host}: .pypirc's section for that repository, the keyring, or the environment (TWINE_USERNAME/TWINE_PASSWORD, POETRY_HTTP_BASIC_<NAME>_USERNAME/PASSWORD with <NAME> the repository's name upper-cased)"),
            Tool::Git => format!("the credential helper's entry for https://{host} (git credential fill shows it), which may be an old password or another account's token"),
            Tool::Registry => format!("the auths entry for \"{host}\" in the tool's config.json or auth.json (the key must equal the registry host; podman and skopeo read only its base64 \"auth\" field), or a credential helper that answers for it"),
            Tool::NuGet => format!("<packageSourceCredentials> for the source's name in NuGet.Config, a credential provider, or for a push the API key (-k) sent as X-NuGet-ApiKey to {host}"),
            Tool::Kubectl => "the user of the current context in the kubeconfig (kubectl config view --minify), whose token or certificate may have expired or belong to another cluster".to_string(),
        }
    }

    /// The id a refusal of this tool with `status` is reported under.
    fn id(self, status: u16) -> FindingId {
        match (self, status) {
            (_, 407) => ids::PROXY,
            (Tool::Maven, 401) => FindingId("maven.unauthorized"),
            (Tool::Gradle, 401) => FindingId("gradle.unauthorized"),
            (Tool::Npm, 401) => FindingId("npm.e401"),
            (Tool::Npm, 403) => FindingId("npm.e403"),
            (Tool::NuGet, 401) => FindingId("nuget.unauthorized"),
            (Tool::NuGet, 403) => FindingId("nuget.forbidden"),
            (Tool::Registry, 401) => FindingId("registry.unauthorized"),
            (Tool::Git, 401) => FindingId("git.authentication_failed"),
            (Tool::Git, 403) => FindingId("git.http_403"),
            (_, 401) => ids::UNAUTHORIZED,
            _ => ids::FORBIDDEN,
        }
    }
}

/// The finding for a tool's refusal.
pub fn finding(r: &Refusal) -> Finding {
    let host = r.host.as_deref().unwrap_or("the server");
    let target = r.target.as_deref().unwrap_or(host);
    let lookup = r.tool.lookup(host, target);
    let (title, meaning, fix) = match r.status {
        401 => (
            format!("{} sent no credential {host} accepts (401)", r.tool),
            format!("{host} answered 401: the request carried no credential, or one it does not accept. {} takes it from {lookup}.", r.tool),
            "Check that entry exists for exactly this host or id, holds a current token (many registries refuse the account password), and that the tool reads that file; a debug run (-X, --verbose, GIT_TRACE=1) shows whether a credential was sent.".to_string(),
        ),
        407 => (
            format!("A proxy between {} and {host} wants credentials (407)", r.tool),
            format!("The 407 comes from a proxy on the way, not from {host}: the tool's proxy setting has no credentials, or ones the proxy refuses."),
            "Give the tool the proxy's user and password in its own proxy setting (or HTTPS_PROXY=http://user:pass@proxy:port), or have the proxy let this host through.".to_string(),
        ),
        _ => (
            format!("{host} read the credential and refused the action (403)"),
            format!("{host} answered 403: it knows who is asking, and that account or token lacks the permission for {target} (write or deploy rights, a token scope, a repository or organisation policy). The credential came from {lookup}."),
            "Grant the account or token the permission (deploy/write on the repository, the token's scope), or use the credential that has it.".to_string(),
        ),
    };
    Finding::error(
        r.tool.id(r.status),
        title,
        format!("{meaning} The tool printed: \"{}\".", clip(&r.line, 160)),
    )
    .fix(fix)
    .spec(SpecRef::new(
        if r.status == 403 {
            "RFC 9110 §15.5.4 403 Forbidden"
        } else {
            "RFC 9110 §15.5.2 401 Unauthorized"
        },
        if r.status == 403 {
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4"
        } else {
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"
        },
    ))
}

/// The finding for the refusal `text` shows, if a tool's refusal is in it.
pub fn findings(text: &str) -> Option<Finding> {
    read(text).map(|r| finding(&r))
}

#[cfg(test)]
mod tests;
