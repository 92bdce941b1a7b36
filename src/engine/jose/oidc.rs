//! OIDC discovery: from a token's `iss` to its `jwks_uri`.

use crate::engine::core::finding::{Finding, SpecRef};
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The discovery document names another issuer"
    pub const DISCOVERY_DOCUMENT_NAMES_ANOTHER: FindingId =
        FindingId("oidc.discovery_document_names_another");
    /// "The discovery document is not JSON"
    pub const DISCOVERY_DOCUMENT_NOT_JSON: FindingId =
        FindingId("oidc.discovery_document_not_json");
    /// "The discovery document has no issuer"
    pub const DISCOVERY_DOCUMENT_NO_ISSUER: FindingId =
        FindingId("oidc.discovery_document_no_issuer");
    /// "iss is not a URL"
    pub const ISS_NOT_URL: FindingId = FindingId("oidc.iss_not_url");
    /// "No jwks_uri in the discovery document"
    pub const NO_JWKS_URI_DISCOVERY: FindingId = FindingId("oidc.no_jwks_uri_discovery");
}

const DISCOVERY: SpecRef = SpecRef::new(
    "OpenID Connect Discovery §4",
    "https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig",
);

/// The discovery document URL for an issuer.
pub fn discovery_url(iss: &str) -> Result<String, Finding> {
    let iss = iss.trim();
    if !iss.starts_with("https://") && !iss.starts_with("http://") {
        return Err(Finding::error(
            ids::ISS_NOT_URL,
            "iss is not a URL",
            format!("OIDC discovery needs an https issuer; iss is \"{iss}\"."),
        )
        .spec(DISCOVERY));
    }
    Ok(format!(
        "{}/.well-known/openid-configuration",
        iss.trim_end_matches('/')
    ))
}

/// Reads `jwks_uri` from a discovery document, checking that it belongs to `iss`.
pub fn jwks_uri(doc: &str, iss: &str) -> Result<(String, Vec<Finding>), Finding> {
    let v: Value = serde_json::from_str(doc).map_err(|e| {
        Finding::error(
            ids::DISCOVERY_DOCUMENT_NOT_JSON,
            "The discovery document is not JSON",
            format!(
                "At line {}, column {}: {e}. A login page or a proxy may have answered.",
                e.line(),
                e.column()
            ),
        )
        .spec(DISCOVERY)
    })?;
    // A field that is not a string counts as absent; the findings below say which is missing.
    let field = |k: &str| v.get(k).and_then(Value::as_str);
    let mut notes = Vec::new();
    match field("issuer") {
        Some(i) if i != iss => notes.push(Finding::error(ids::DISCOVERY_DOCUMENT_NAMES_ANOTHER,
            "The discovery document names another issuer",
            format!("It says issuer \"{i}\", the token says iss \"{iss}\". Libraries reject tokens whose iss differs from the issuer by even a trailing slash."),
        ).fix("Make the token's iss exactly equal to the issuer the server publishes.").spec(DISCOVERY)),
        None => notes.push(Finding::warning(ids::DISCOVERY_DOCUMENT_NO_ISSUER, "The discovery document has no issuer", "It is required.").spec(DISCOVERY)),
        _ => {}
    }
    let uri = field("jwks_uri").map(String::from).ok_or_else(|| {
        Finding::error(
            ids::NO_JWKS_URI_DISCOVERY,
            "No jwks_uri in the discovery document",
            "The issuer does not publish its signing keys there.",
        )
        .spec(DISCOVERY)
    })?;
    Ok((uri, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery() {
        assert_eq!(
            discovery_url("https://id.test/tenant/").unwrap(),
            "https://id.test/tenant/.well-known/openid-configuration"
        );
        assert!(discovery_url("my-issuer").is_err());
        let (u, notes) = jwks_uri(
            r#"{"issuer":"https://id.test","jwks_uri":"https://id.test/keys"}"#,
            "https://id.test",
        )
        .unwrap();
        assert_eq!(u, "https://id.test/keys");
        assert!(notes.is_empty());
        let (_, notes) = jwks_uri(
            r#"{"issuer":"https://id.test/","jwks_uri":"https://id.test/keys"}"#,
            "https://id.test",
        )
        .unwrap();
        assert_eq!(notes[0].id, ids::DISCOVERY_DOCUMENT_NAMES_ANOTHER);
        assert!(jwks_uri("<html>", "x").is_err());
        // A field of the wrong type is absent, and only that field.
        let (u, notes) =
            jwks_uri(r#"{"issuer":5,"jwks_uri":"https://id.test/keys"}"#, "x").unwrap();
        assert_eq!(u, "https://id.test/keys");
        assert_eq!(notes[0].id, ids::DISCOVERY_DOCUMENT_NO_ISSUER);
        let e = jwks_uri(r#"["https://id.test","https://id.test/keys"]"#, "x").unwrap_err();
        assert_eq!(e.id, ids::NO_JWKS_URI_DISCOVERY);
    }
}
