//! The verify flow: fetch keys when the user asked (URL or OIDC discovery), then WebCrypto.

use super::crypto;
use super::fetch::{self, Fetched};
use crate::engine::core::finding::{Finding, Report};
use crate::engine::fetch as explain;
use crate::engine::jose::{keys, oidc, verify};

/// Fetches `url` as text, or says why not (as a report ready to show).
async fn get(url: &str, what: &str) -> Result<String, Report> {
    match fetch::get_text(url).await {
        Fetched::Response { status, body } if (200..300).contains(&status) => Ok(body),
        Fetched::Response { status, .. } => Err(with(explain::bad_status(url, status, what))),
        Fetched::NetworkError => Err(with(explain::failure(url, &fetch::page_origin(), what))),
    }
}

fn with(f: Finding) -> Report {
    let mut r = Report::new("Could not verify the signature.");
    r.push(f);
    r
}

/// Verifies `token` with the pasted key text (fetching a JWKS URL if that is what it is).
pub async fn with_key(token: &str, key_text: &str, enc: keys::SecretEncoding) -> Report {
    let mut steps = Vec::new();
    let input = match keys::parse(key_text, enc) {
        Ok(keys::KeyInput::Url(url)) => match get(&url, "key set (JWKS)").await {
            Ok(body) => {
                steps.push(Finding::info(
                    verify::ids::FETCHED_JWKS,
                    "Fetched the key set",
                    format!("From {url}."),
                ));
                match keys::parse(&body, enc) {
                    Ok(k) => k,
                    Err(f) => return with(f),
                }
            }
            Err(r) => return r,
        },
        Ok(k) => k,
        Err(f) => return with(f),
    };
    let mut r = run(token, &input).await;
    r.findings.extend(steps);
    r
}

/// Verifies via OIDC discovery from the token's `iss`.
pub async fn with_discovery(token: &str, iss: &str) -> Report {
    let url = match oidc::discovery_url(iss) {
        Ok(u) => u,
        Err(f) => return with(f),
    };
    let doc = match get(&url, "OIDC discovery document").await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (jwks_uri, notes) = match oidc::jwks_uri(&doc, iss) {
        Ok(x) => x,
        Err(f) => return with(f),
    };
    let body = match get(&jwks_uri, "key set (JWKS)").await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let input = match keys::parse(&body, keys::SecretEncoding::Text) {
        Ok(k) => k,
        Err(f) => return with(f),
    };
    let mut r = run(token, &input).await;
    r.push(Finding::info(
        verify::ids::DISCOVERED_JWKS,
        "Found the keys by OIDC discovery",
        format!("{url} → jwks_uri {jwks_uri}."),
    ));
    r.findings.extend(notes);
    r
}

async fn run(token: &str, input: &keys::KeyInput) -> Report {
    match verify::plan(token, input) {
        Ok(plan) => {
            let result = crypto::verify(&plan).await;
            verify::outcome(&plan, result)
        }
        Err(r) => r,
    }
}
