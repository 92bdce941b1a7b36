//! A corpus of challenge headers: RFC examples and what real servers send.

use super::*;
use crate::engine::{Part, Severity};

fn schemes_of(input: &str) -> Vec<String> {
    let (values, _) = field_values(input);
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    parse_values(&refs)
        .items
        .into_iter()
        .map(|i| i.scheme)
        .collect()
}

fn table_rows(r: &Report, title_start: &str) -> Vec<Vec<String>> {
    r.parts
        .iter()
        .find_map(|p| match p {
            Part::Table { title, rows, .. } if title.starts_with(title_start) => Some(rows.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn rfc9110_11_6_1_example() {
    let v = r#"WWW-Authenticate: Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#;
    assert_eq!(schemes_of(v), ["Basic", "Newauth"]);
    let r = analyze(v);
    assert!(r.summary.starts_with("2 challenges"));
    assert!(
        r.findings
            .iter()
            .all(|f| f.severity != crate::engine::Severity::Warning),
        "{:?}",
        r.findings
    );
    let rows = table_rows(&r, "Challenge 2");
    assert!(rows
        .iter()
        .any(|row| row[0] == "title" && row[1] == r#"Login to "apps""#));
}

#[test]
fn rfc6750_3_examples() {
    let r = analyze(r#"WWW-Authenticate: Bearer realm="example""#);
    assert_eq!(
        r.summary,
        "1 challenge: the server wants Bearer credentials."
    );
    let r = analyze(
        r#"WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "challenge.invalid_token")
        .unwrap();
    assert!(f.title.contains("HTTP 401"));
    assert!(f.explanation.contains("The access token expired"));
    assert!(f.fix.as_deref().unwrap().contains("Refresh"));
}

#[test]
fn insufficient_scope_lists_scope() {
    let r =
        analyze(r#"Bearer realm="api", error="insufficient_scope", scope="orders:write admin""#);
    let f = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "challenge.insufficient_scope")
        .unwrap();
    assert!(f.title.contains("403"));
    assert!(f.explanation.contains("Required scope: orders:write admin"));
}

#[test]
fn rfc7616_challenges() {
    let v = "WWW-Authenticate: Digest\n    realm=\"http-auth@example.org\",\n    qop=\"auth, auth-int\",\n    algorithm=SHA-256,\n    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"\nWWW-Authenticate: Digest\n    realm=\"http-auth@example.org\",\n    qop=\"auth, auth-int\",\n    algorithm=MD5,\n    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    assert_eq!(schemes_of(v), ["Digest", "Digest"]);
    let r = analyze(v);
    // The RFC prints folded lines; authlens reads them and notes they are folded, as a note:
    // documentation folds headers for width, so the paste says little about the server.
    assert!(r.has_id("challenge.line_folding"));
    assert!(r.errors().is_empty());
    assert!(r.findings.iter().all(|f| f.severity != Severity::Warning));
    let rows = table_rows(&r, "Challenge 1");
    assert!(rows
        .iter()
        .any(|row| row[0] == "qop" && row[1] == "auth, auth-int"));
    assert!(rows
        .iter()
        .any(|row| row[0] == "algorithm" && row[1] == "SHA-256"));
}

#[test]
fn digest_stale() {
    let r = analyze(r#"Digest realm="r", nonce="n2", stale=TRUE, algorithm=MD5"#);
    assert!(r.has_id("challenge.stale_true_nonce_expired"));
}

#[test]
fn rfc9728_resource_metadata() {
    let r = analyze(
        r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource""#,
    );
    assert!(r.has_id("challenge.server_names_resource_metadata"));
}

#[test]
fn entra_challenge() {
    let r = analyze(
        r#"Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", resource_id="00000003-0000-0000-c000-000000000000""#,
    );
    let rows = table_rows(&r, "Challenge 1");
    assert!(rows
        .iter()
        .any(|row| row[0] == "authorization_uri" && row[2].contains("Entra")));
}

#[test]
fn dpop_nonce() {
    let r = analyze(
        r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 PS256""#,
    );
    assert!(r.has_id("challenge.use_dpop_nonce"));
}

#[test]
fn negotiate_bare_and_ntlm_multi_line() {
    assert_eq!(
        schemes_of("WWW-Authenticate: Negotiate\nWWW-Authenticate: NTLM"),
        ["Negotiate", "NTLM"]
    );
    let r = analyze("WWW-Authenticate: Negotiate");
    let rows = table_rows(&r, "Challenge 1");
    assert!(rows.iter().any(|row| row[2].contains("single sign-on")));
}

#[test]
fn ntlm_type2_in_challenge_is_decoded() {
    // MS-NLMP §4.2.4.3 CHALLENGE_MESSAGE.
    let bytes: Vec<u8> = "4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef 0000000000000000 24002400 44000000 060070170000000f 530065007200760065007200 0200 0c00 44006f006d00610069006e00 0100 0c00 530065007200760065007200 00000000"
        .split_whitespace()
        .collect::<String>()
        .as_bytes()
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
        .collect();
    let r = analyze(&format!(
        "WWW-Authenticate: NTLM {}",
        crate::engine::core::b64::encode(&bytes)
    ));
    assert!(r.summary.contains("1 challenge"));
    assert!(r.has_id("ntlm.handshake_step_2_3"));
}

#[test]
fn deviations_are_recovered_and_named() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "Basic realm=Secure Area",
            &["Basic"],
            "challenge.unquoted_spaces",
        ),
        (
            "Basic realm='Secure Area'",
            &["Basic"],
            "challenge.single_quotes",
        ),
        (
            r#"Basic realm="a" Bearer realm="b""#,
            &["Basic", "Bearer"],
            "challenge.missing_comma",
        ),
        (
            r#"Bearer realm="a", realm="b""#,
            &["Bearer"],
            "challenge.duplicate_param",
        ),
        (
            r#"Basic realm="unterminated"#,
            &["Basic"],
            "challenge.unclosed_quote",
        ),
    ];
    for (input, want, id) in cases {
        assert_eq!(schemes_of(input), *want, "{input}");
        let r = analyze(input);
        let f = r
            .findings
            .iter()
            .find(|f| f.id.as_str() == *id)
            .unwrap_or_else(|| panic!("{input}: {:?}", r.findings));
        assert_eq!(f.severity, crate::engine::Severity::Warning);
        assert!(
            f.explanation.to_lowercase().contains("clients") || f.explanation.contains("parser")
        );
    }
    let p = parse_values(&["Basic realm=Secure Area"]);
    assert_eq!(p.items[0].param("realm"), Some("Secure Area"));
}

#[test]
fn case_insensitive_and_ows_and_empty_elements() {
    let (values, _) = field_values("www-authenticate: ,BASIC REALM = \"x\" , , bearer");
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let ch = parse_values(&refs);
    assert!(ch.offers("basic") && ch.offers("Bearer"));
    assert_eq!(ch.get("Basic").unwrap().param("realm"), Some("x"));
    assert!(ch.deviations.is_empty());
}

#[test]
fn other_schemes_are_explained() {
    for (v, needle) in [
        ("HOBA challenge=\"abc\", max-age=10", "origin-bound"),
        ("Mutual realm=\"x\", reason=initial", "mutual"),
        ("SCRAM-SHA-256 realm=\"x\"", "salted"),
        ("vapid", "Web Push"),
        (
            "PrivateToken challenge=\"abc\", token-key=\"def\"",
            "Privacy Pass",
        ),
        ("Concealed", "concealed"),
        ("X-Custom realm=\"x\"", "unregistered"),
    ] {
        let rows = table_rows(&analyze(v), "Challenge 1");
        assert!(
            rows[0][2].to_lowercase().contains(&needle.to_lowercase()),
            "{v}: {:?}",
            rows[0]
        );
    }
}
