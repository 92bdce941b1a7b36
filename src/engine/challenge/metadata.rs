//! RFC 9728 protected resource metadata, as fetched from a challenge's `resource_metadata`.

use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::text;
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Get a token from {}"
    pub const GET_TOKEN: FindingId = FindingId("metadata.get_token");
    /// "The metadata is not JSON"
    pub const METADATA_NOT_JSON: FindingId = FindingId("metadata.metadata_not_json");
    /// "The metadata is not a JSON object"
    pub const METADATA_NOT_JSON_OBJECT: FindingId = FindingId("metadata.metadata_not_json_object");
    /// "No authorization servers listed"
    pub const NO_AUTHORIZATION_SERVERS_LISTED: FindingId =
        FindingId("metadata.no_authorization_servers_listed");
    /// "No resource in the metadata"
    pub const NO_RESOURCE_METADATA: FindingId = FindingId("metadata.no_resource_metadata");
}

const RFC9728: SpecRef = SpecRef::new(
    "RFC 9728 §2",
    "https://www.rfc-editor.org/rfc/rfc9728#section-2",
);

/// Explains a fetched metadata document; `expected_resource` is the API the challenge came from, if known.
pub fn analyze(body: &str) -> Report {
    let mut r = Report::new("OAuth protected resource metadata (RFC 9728).");
    let m = match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => {
            r.push(
                Finding::error(
                    ids::METADATA_NOT_JSON_OBJECT,
                    "The metadata is not a JSON object",
                    "RFC 9728 metadata is a JSON object.",
                )
                .spec(RFC9728),
            );
            return r;
        }
        Err(e) => {
            r.push(
                Finding::error(
                    ids::METADATA_NOT_JSON,
                    "The metadata is not JSON",
                    format!(
                        "At line {}, column {}: {e}. Is the URL right, or did a login page answer?",
                        e.line(),
                        e.column()
                    ),
                )
                .spec(RFC9728),
            );
            return r;
        }
    };
    let list = |k: &str| -> Vec<String> {
        m.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    match m.get("resource").and_then(Value::as_str) {
        Some(res) => rows.push(Field::new("Resource", text::visible(res))),
        None => r.push(
            Finding::error(
                ids::NO_RESOURCE_METADATA,
                "No resource in the metadata",
                "resource is required: it is the identifier to request tokens for.",
            )
            .spec(RFC9728),
        ),
    }
    let servers = list("authorization_servers");
    for s in &servers {
        rows.push(Field::new("Authorization server", text::visible(s)));
    }
    for (k, label) in [
        ("scopes_supported", "Scopes"),
        ("bearer_methods_supported", "Token sent in"),
        ("dpop_signing_alg_values_supported", "DPoP algorithms"),
    ] {
        let v = list(k);
        if !v.is_empty() {
            rows.push(Field::new(label, v.join(" ")));
        }
    }
    r.part(Part::Fields {
        title: "Protected resource metadata".into(),
        rows,
    });
    if servers.is_empty() {
        r.push(
            Finding::warning(
                ids::NO_AUTHORIZATION_SERVERS_LISTED,
                "No authorization servers listed",
                "The metadata does not say where to get a token; ask the API's owner.",
            )
            .spec(RFC9728),
        );
    } else {
        r.push(Finding::info(ids::GET_TOKEN,
            format!("Get a token from {}", servers.join(" or ")),
            "Request an access token from that authorization server (its /.well-known/oauth-authorization-server or openid-configuration lists the endpoints), with resource set to this API.",
        ).spec(RFC9728));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9728_example() {
        let r = analyze(
            r#"{"resource":"https://resource.example.com","authorization_servers":["https://as1.example.com","https://as2.example.net"],"bearer_methods_supported":["header","body"],"scopes_supported":["profile","email","phone"]}"#,
        );
        assert!(r.has_id("metadata.get_token"));
        assert!(analyze("<html>login</html>").has_id("metadata.metadata_not_json"));
    }
}
