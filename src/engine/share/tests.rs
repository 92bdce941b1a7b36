use super::*;
use crate::engine::{analyze, detect, Clock, Context, InputKind};

fn ctx() -> Context {
    Context::with_clock(Clock {
        now: Some(1_700_000_000),
        ..Clock::default()
    })
}

/// The finding ids of `text` as detected, sorted.
fn ids(text: &str) -> Vec<&'static str> {
    let mut ids = analyze(text, detect(text).kind, &ctx()).ids();
    ids.sort();
    ids.dedup();
    ids
}

/// Redacts `text` and checks that it is read as the same kind with the same causes.
fn same_diagnosis(text: &str) -> Redacted {
    let r = redact(text);
    assert_eq!(r.text.len(), text.len(), "same length: {}", r.text);
    assert_eq!(detect(&r.text).kind, detect(text).kind, "{}", r.text);
    assert_eq!(ids(&r.text), ids(text), "{}", r.text);
    r
}

// RFC 7519 §3.1's example JWT.
const RFC7519_JWT: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7519_SIG: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[test]
fn a_jwt_loses_its_signature_and_keeps_its_claims() {
    let r = same_diagnosis(RFC7519_JWT);
    assert!(!r.text.contains(RFC7519_SIG));
    assert!(r
        .text
        .starts_with("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3Mi"));
    assert_eq!(r.redactions, vec![Redaction::JwtSignature]);
    assert!(ids(&r.text).contains(&"jwt.expired"));
}

#[test]
fn a_bearer_jwt_in_a_curl_command_loses_its_signature() {
    let text = format!("curl -H 'Authorization: Bearer {RFC7519_JWT}' https://api.example.com/me");
    let r = same_diagnosis(&text);
    assert!(!r.text.contains(RFC7519_SIG));
    assert_eq!(r.redactions, vec![Redaction::JwtSignature]);
}

#[test]
fn a_jwt_signed_with_a_public_secret_keeps_its_signature_and_finding() {
    // jwt.io's sample token: anyone can sign it again with "your-256-bit-secret".
    let jwt_io = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    let r = same_diagnosis(jwt_io);
    assert_eq!(r.text, jwt_io);
    assert!(ids(&r.text).contains(&"jwt.weak_secret"));
}

#[test]
fn a_dpop_proof_still_binds_its_masked_token() {
    // RFC 9449 §7.1, Figure 12: the proof's ath is the hash of this access token.
    let req = "GET /protectedresource HTTP/1.1\nHost: resource.example.org\nAuthorization: DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU\nDPoP: eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
    let r = redact(req);
    assert!(!r.text.contains("Kz~8mXK1EalYznwH"));
    let got = ids(&r.text);
    assert!(got.contains(&"dpop.ath_matches_access_token"), "{got:?}");
    assert!(!got.contains(&"dpop.ath_does_not_match"), "{got:?}");
}

#[test]
fn basic_keeps_the_user_and_masks_the_password() {
    // RFC 7617 §2: Aladdin / open sesame.
    let r = same_diagnosis("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert_ne!(r.text, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    let value = r.text.rsplit(' ').next().unwrap();
    let decoded =
        String::from_utf8(crate::engine::core::b64::decode(value).unwrap().bytes).unwrap();
    assert_eq!(decoded, "Aladdin:reda tedred");
    assert_eq!(r.redactions, vec![Redaction::BasicPassword]);
}

#[test]
fn a_trailing_newline_in_a_basic_password_is_still_diagnosed() {
    // `echo alice:secret | base64` keeps the newline: the e2e sample and many issue threads.
    let text = "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Basic realm=\"api\", charset=\"UTF-8\"\n<\n";
    let r = same_diagnosis(text);
    assert!(!r.text.contains("YWxpY2U6c2VjcmV0Cg=="));
}

#[test]
fn a_token_used_as_a_basic_password_keeps_its_prefix() {
    // PyPI: user __token__, password pypi-… (https://pypi.org/help/#apitoken).
    let cred = crate::engine::core::b64::encode(b"__token__:pypi-AgEIcHlwaS5vcmcCJGQ4ZjE5YjA0LTk3");
    let r = same_diagnosis(&format!("Authorization: Basic {cred}"));
    let value = r.text.rsplit(' ').next().unwrap();
    let decoded =
        String::from_utf8(crate::engine::core::b64::decode(value).unwrap().bytes).unwrap();
    assert!(decoded.starts_with("__token__:pypi-"), "{decoded}");
    assert!(!decoded.contains("AgEIcHlwaS5vcmcC"));
}

#[test]
fn digest_masks_the_response_and_keeps_the_rest() {
    // RFC 7616 §3.9.1's SHA-256 example.
    let text = "Authorization: Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    let r = same_diagnosis(text);
    assert!(!r.text.contains("753927fa0e85"));
    assert!(r.text.contains("response=\"0000000000"));
    assert!(r.text.contains("username=\"Mufasa\""));
    assert_eq!(r.redactions, vec![Redaction::DigestResponse]);
}

#[test]
fn opaque_and_recognised_tokens_are_masked() {
    // GitHub's documented token shape (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/).
    let r = same_diagnosis("curl https://api.example.com/x -H 'Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a'");
    assert!(r.text.contains("Bearer ghp_"));
    assert!(!r.text.contains("16C7e42F292c6912E7710c838347Ae178B4a"));
    assert_eq!(r.redactions, vec![Redaction::Token]);

    let r = same_diagnosis("Authorization: Bearer mF_9.B5f-4.1JqM");
    assert!(!r.text.contains("mF_9.B5f-4.1JqM"));
    assert_eq!(r.redactions, vec![Redaction::Token]);
}

#[test]
fn api_key_headers_cookies_and_query_secrets_are_masked() {
    let text = "GET /v1/messages?key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe HTTP/1.1\nHost: api.example.com\nx-api-key: sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345\nCookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\n";
    let r = redact(text);
    assert_eq!(r.text.len(), text.len());
    for secret in [
        "SyDaGmWKa4JsXZ",
        "abcdefghijklmnopqrstuvwxyz",
        "8f14e45fceea167a",
        "dark",
    ] {
        assert!(!r.text.contains(secret), "{secret} in {}", r.text);
    }
    assert!(r.text.contains("x-api-key: sk-ant-"));
    assert!(r.text.contains("Cookie: session="));
    for what in [Redaction::Token, Redaction::Cookie, Redaction::QuerySecret] {
        assert!(r.redactions.contains(&what), "{what:?}");
    }
}

#[test]
fn a_presigned_url_keeps_its_diagnosis_without_its_signature() {
    // AWS's documented example of a presigned URL (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
    let text = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    let r = same_diagnosis(text);
    assert!(!r.text.contains("aeeed9bbccd4d02ee5c0109b86d86835"));
    assert_eq!(r.redactions, vec![Redaction::QuerySecret]);
}

#[test]
fn curl_user_passwords_are_masked() {
    let r = redact("curl -u 'alice:s3cret!' https://api.example.com/");
    assert_eq!(r.text, "curl -u 'alice:r0dact!' https://api.example.com/");
    assert_eq!(r.redactions, vec![Redaction::BasicPassword]);
}

#[test]
fn challenges_and_plain_text_are_left_alone() {
    for text in [
        "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"",
        "Basic realm=\"simple\"",
        "Bearer error=invalid_token",
        "hello, is this the right place?",
        "",
    ] {
        let r = redact(text);
        assert_eq!(r.text, text);
        assert!(r.redactions.is_empty(), "{text}");
    }
}

#[test]
fn redaction_is_total_and_idempotent_on_odd_input() {
    let odd = [
        "Authorization: Basic",
        "Authorization: Basic ====",
        "Authorization: Basic é",
        "Authorization: Digest response=",
        "Authorization:",
        "Cookie: =;;=",
        "curl -u",
        "?token=&sig=#",
        "eyJ..",
        "Authorization: Basic w6k6w6nDqQ==",
        "Authorization: Basic /w==",
    ];
    for text in odd {
        let once = redact(text);
        assert_eq!(once.text.len(), text.len(), "{text}");
        assert_eq!(redact(&once.text).text, once.text, "{text}");
    }
}

#[test]
fn a_share_link_round_trips_through_the_fragment() {
    let shared = Shared::new(RFC7519_JWT, Some(InputKind::Jwt), false);
    let fragment = shared.to_fragment().unwrap();
    assert!(fragment.starts_with("#share=1&kind=jwt&redacted=[jwt-signature]&text="));
    assert!(!fragment.contains(RFC7519_SIG));
    let back = Shared::from_fragment(&fragment).unwrap().unwrap();
    assert_eq!(back, shared);
    assert_eq!(ids(&back.text), ids(RFC7519_JWT));

    let with = Shared::new(
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        None,
        true,
    );
    let back = Shared::from_fragment(&with.to_fragment().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(back.redacted, None);
    assert_eq!(
        back.text,
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
}

#[test]
fn broken_share_links_say_why_and_other_fragments_are_ignored() {
    assert_eq!(Shared::from_fragment(""), None);
    assert_eq!(Shared::from_fragment("#section-2"), None);
    assert_eq!(Shared::from_fragment("#id_token=eyJ"), None);
    for bad in [
        "#share=2&kind=auto&redacted=[]&text=",
        "#share=1&kind=nope&redacted=[]&text=",
        "#share=1&kind=auto&redacted=[bogus]&text=",
        "#share=1&kind=auto&text=YQ",
        "#share=1&kind=auto&redacted=[]",
        "#share=1&kind=auto&redacted=[]&text=!!",
        "#share=1&kind=auto&redacted=[]&text=_w",
    ] {
        assert!(matches!(Shared::from_fragment(bad), Some(Err(_))), "{bad}");
    }
}

#[test]
fn a_large_input_is_not_put_in_a_link() {
    let big = "a".repeat(fragment::MAX_TEXT + 1);
    assert!(Shared::new(&big, None, true).to_fragment().is_err());
}

#[test]
fn markdown_has_the_summary_and_every_finding_escaped() {
    let report = analyze(RFC7519_JWT, InputKind::Jwt, &ctx());
    let md = markdown(
        &report,
        InputKind::Jwt.label(),
        Some(&[Redaction::JwtSignature]),
    );
    assert!(md.starts_with("### authlens: "));
    for f in &report.findings {
        assert!(md.contains(&format!("(`{}`)", f.id)), "{}", f.id);
    }
    assert!(md.contains("Redacted before sharing: JWT signatures"));
    assert_eq!(
        markdown::escape("*a* [b](c) <d> `e`"),
        "\\*a\\* \\[b\\](c) \\<d\\> \\`e\\`"
    );
    let md = markdown(&report, "x", None);
    assert!(md.contains("secrets included"));
}

#[test]
fn a_basic_value_without_a_colon_stays_text_without_a_colon() {
    // Spring OAuth2 token endpoint, client id only (batch-2026-12c): basic.no_colon must survive.
    let text = "Authorization: Basic bGl2ZS10ZXN0";
    let r = same_diagnosis(text);
    assert_ne!(r.text, text, "the value is masked");
    assert!(ids(&r.text).contains(&"basic.no_colon"));
    assert!(!ids(&r.text).contains(&"basic.not_utf8"));
}
