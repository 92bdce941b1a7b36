//! Whole exchanges: the diagnosis a user should see first.

use super::*;
use crate::engine::{Clock, Severity};

fn run(text: &str) -> Report {
    analyze(
        text,
        &Context::with_clock(Clock {
            now: Some(1_800_000_000),
            leeway: 60,
            offset_minutes: 0,
        }),
    )
}

fn first_error(r: &Report) -> &str {
    r.sorted_findings()
        .first()
        .map(|f| f.id.as_str())
        .unwrap_or("")
}

fn jwt(payload: &str) -> String {
    let e = |s: &str| crate::engine::core::b64::encode_url(s.as_bytes());
    format!(
        "{}.{}.c2ln",
        e(r#"{"alg":"RS256","typ":"at+jwt"}"#),
        e(payload)
    )
}

#[test]
fn flags_401_without_challenge() {
    let r = run("HTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\nnope");
    assert!(r.has_id("status.401_without_challenge"));
}

#[test]
fn scheme_mismatch_comes_first() {
    let r = run("GET / HTTP/1.1\nHost: a\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"x\"\n");
    assert_eq!(first_error(&r), "exchange.scheme_mismatch");
    assert!(r.parts.iter().any(
        |p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.value == "Aladdin"))
    ));
}

#[test]
fn no_credentials_sent() {
    let r = run("GET /me HTTP/1.1\nHost: api.test\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\n");
    assert_eq!(first_error(&r), "exchange.no_credentials_sent");
}

#[test]
fn insufficient_scope_against_token_scopes() {
    let token = jwt(
        r#"{"sub":"u","aud":"https://api.test","scope":"orders:read profile","exp":1900000000}"#,
    );
    let r = run(&format!("GET /orders HTTP/1.1\nHost: api.test\nAuthorization: Bearer {token}\n\nHTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"orders:write\"\n"));
    let f = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "exchange.insufficient_scope")
        .unwrap();
    assert!(
        f.explanation.contains(
            "requires orders:write; the token has orders:read profile. Missing: orders:write."
        ),
        "{}",
        f.explanation
    );
}

#[test]
fn expired_by_response_date_and_audience() {
    let token = jwt(r#"{"sub":"u","aud":"https://other-api.example","exp":1700000000}"#);
    let r = run(&format!("GET /x HTTP/1.1\nHost: api.test\nAuthorization: Bearer {token}\n\nHTTP/1.1 401 Unauthorized\nDate: Wed, 15 Nov 2023 00:00:00 GMT\nWWW-Authenticate: Bearer error=\"invalid_token\"\n"));
    assert!(r.has_id("exchange.expired_at_response"));
    assert!(r.has_id("exchange.audience_not_host"));
    assert!(r.summary.contains("response's Date"));
    // One finding for the expiry: not the token's own as well, nor "rejected, most likely
    // expired" on top.
    assert!(!r.has_id("jwt.expired") && !r.has_id("exchange.credentials_rejected"));
}

#[test]
fn expired_without_a_date_is_judged_by_this_clock_and_says_so() {
    let token = jwt(r#"{"sub":"u","exp":1700000000}"#);
    let r = run(&format!("GET /x HTTP/1.1\nHost: api.test\nAuthorization: Bearer {token}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n"));
    assert!(r.has_id("exchange.expired_undated"), "{:?}", r.ids());
    assert!(!r.has_id("exchange.expired_at_response"));
    assert!(!r.has_id("jwt.expired") && !r.has_id("exchange.credentials_rejected"));
}

#[test]
fn digest_realm_mismatch_and_stale() {
    let r = run("GET /a HTTP/1.1\nHost: h\nAuthorization: Digest username=\"u\", realm=\"old\", nonce=\"n\", uri=\"/a\", response=\"00000000000000000000000000000000\"\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Digest realm=\"new\", nonce=\"n2\", stale=true\n");
    assert!(r.has_id("exchange.realm_mismatch"));
    assert!(r.has_id("challenge.stale_true_nonce_expired"));
}

#[test]
fn redirect_to_other_origin_drops_authorization() {
    let r = run("GET /api HTTP/1.1\nHost: api.test\nAuthorization: Bearer abcdefghijklmnop\n\nHTTP/1.1 301 Moved Permanently\nLocation: https://www.api.test/api/\n");
    assert_eq!(first_error(&r), "exchange.redirect_cross_origin");
    let r = run("GET https://api.test/api HTTP/1.1\nHost: api.test\n\nHTTP/1.1 302 Found\nLocation: http://api.test/api\n");
    assert!(r.has_id("exchange.redirect_to_http"));
}

#[test]
fn cookies_and_body_and_traps() {
    let r = run("POST /wp-json/wp/v2/posts HTTP/1.1\nHost: blog.test\nAuthorization: Basic YWRtaW46cGFzcw==\n\nHTTP/1.1 401 Unauthorized\nServer: Apache/2.4.57 (Debian)\nX-Powered-By: PHP/8.2\nWWW-Authenticate: Basic realm=\"WordPress\"\nSet-Cookie: sid=1; SameSite=None\nContent-Type: application/json\n\n{\"code\":\"rest_not_logged_in\",\"message\":\"You are not currently logged in.\",\"data\":{\"status\":401}}");
    assert!(r.has_id("exchange.apache_drops_authorization"));
    assert!(r.has_id("body.wordpress_rest_api_error"));
    assert!(r.has_id("exchange.credentials_rejected"));
    assert!(r.has_id("body.response_body_says"));
}

#[test]
fn proxy_407() {
    let r = run("GET http://example.test/ HTTP/1.1\nHost: example.test\n\nHTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=\"corp-proxy\"\n");
    assert_eq!(first_error(&r), "exchange.no_credentials_sent");
    assert!(r.has_id("status.407"));
}

#[test]
fn curl_verbose_401_and_corrected_curl() {
    let r = run("> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Basic realm=\"api\"\n<\n");
    let f = r.sorted_findings();
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].id.as_str(), "exchange.credentials_rejected");
    // The most likely cause is named: the decoded password ends in a newline.
    let cause = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "basic.whitespace_around")
        .expect("the whitespace finding");
    assert!(f[0].title.ends_with(&cause.title));
    assert!(r.has_id("exchange.credentials_rejected"));
    let cmd = r
        .parts
        .iter()
        .find_map(|p| match p {
            Part::Code { title, text } if title.contains("curl") => Some(text.clone()),
            _ => None,
        })
        .unwrap();
    // alice:secret\n re-encoded without the newline.
    assert!(
        cmd.contains("Authorization: Basic YWxpY2U6c2VjcmV0"),
        "{cmd}"
    );
    assert!(!cmd.contains("YWxpY2U6c2VjcmV0Cg=="));
    assert!(cmd.starts_with("curl -i 'https://api.example.com/v1/me'"));
}

#[test]
fn impossible_date_is_named_and_not_used_as_now() {
    // Issue #11: 31 Feb 99:99:99 became 2030-03-07 and was used as "now".
    let token = jwt(r#"{"sub":"u","exp":1900000000}"#);
    let r = run(&format!("GET /x HTTP/1.1\nHost: api.test\nAuthorization: Bearer {token}\n\nHTTP/1.1 401 Unauthorized\nDate: Wed, 31 Feb 2030 99:99:99 GMT\nWWW-Authenticate: Bearer error=\"invalid_token\"\n"));
    assert!(r.has_id("exchange.date_invalid"), "{:?}", r.ids());
    assert!(!r.has_id("jwt.expired") && !r.has_id("exchange.expired_at_response"));
    let f = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "exchange.date_invalid");
    assert!(f.is_some_and(|f| f.title.ends_with("day")));
}

#[test]
fn causes_only_the_whole_paste_shows() {
    // appveyor/website#255: the API's Bearer token forwarded to the SAS URL it redirects to.
    let r = run("$ curl -L -H \"Authorization: Bearer v2.abc\" https://ci.appveyor.com/api/x\n\nHTTP/1.1 302 Found\nLocation: https://a.blob.core.windows.net/c/b.zip?sv=2015-04-05&sr=b&sig=abc%3D&se=2017-02-11T10%3A00%3A00Z&sp=r\n\nHTTP/1.1 403 Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\n");
    assert_eq!(first_error(&r), "transcript.auth_forwarded_to_signed_url");
    // The same redirect with a storage answer that is not about Authorization: not named.
    let r = run("HTTP/1.1 302 Found\nLocation: https://a.blob.core.windows.net/c/b.zip?sv=2015-04-05&sig=abc&se=2017-02-11\n\nHTTP/1.1 404 Not Found\n");
    assert!(!r.has_id("transcript.auth_forwarded_to_signed_url"));
    // home-assistant/core#16306: the nginx config clears the header.
    let conf = "location / {\n    proxy_set_header Authorization \"\";\n}\n\nHTTP/1.1 401 Unauthorized\nServer: nginx\n";
    assert!(run(conf).has_id("exchange.nginx_clears_authorization"));
    assert!(!run(
        "proxy_set_header Authorization $http_authorization;\n\nHTTP/1.1 401 Unauthorized\n"
    )
    .has_id("exchange.nginx_clears_authorization"));
}

#[test]
fn a_success_to_an_expired_token_is_no_error() {
    // https://github.com/ahopkins/sanic-jwt/issues/118: "/auth/me status code 200 after token
    // expiration". The token is RFC 7519 §3.1's example (exp 2011-03-22).
    let ex = "GET /auth/me HTTP/1.1\nHost: localhost:8000\nAuthorization: Bearer eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\n\nHTTP/1.1 200 OK\nDate: Mon, 09 Jul 2018 10:00:00 GMT\nContent-Type: application/json\n\n{\"me\": {\"user_id\": 1}}";
    let r = run(ex);
    assert!(r.errors().is_empty(), "{:?}", r.ids());
    assert!(!r.has_id("exchange.expired_at_response"));
    let expired = r.findings.iter().find(|f| f.id.as_str() == "jwt.expired");
    assert_eq!(expired.map(|f| f.severity), Some(Severity::Warning));
    // The same token answered with 401 is the cause.
    let denied = ex.replace("200 OK", "401 Unauthorized");
    assert!(run(&denied).has_id("exchange.expired_at_response"));
}

#[test]
fn api_gateway_answers_401_to_a_cognito_access_token() {
    // amazon-archives/amazon-cognito-identity-js#274: "I was using
    // result.getAccessToken().getJwtToken() as my token instead of
    // result.getIdToken().getJwtToken()" (the corpus case's access token, as an exchange).
    let token = "eyJraWQiOiJXZDdUeTIrZlFrMS9IY1Izblg5cEx6QTViVmdVb004ZUpzMGlFNGxLcVljPSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJlM2IwYTljMi00ZDFmLTRhOGUtOWM3Ni0xZjVkMmI4YTBlNDciLCJldmVudF9pZCI6IjlhMWMzZTVmLTdiMmQtNGY2MC04ZTRhLTJjNmQ4ZjBiMWEzOSIsInRva2VuX3VzZSI6ImFjY2VzcyIsInNjb3BlIjoiYXdzLmNvZ25pdG8uc2lnbmluLnVzZXIuYWRtaW4iLCJhdXRoX3RpbWUiOjE0ODYzMTA0MDAsImlzcyI6Imh0dHBzOi8vY29nbml0by1pZHAudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vdXMtZWFzdC0xX0FiMTJDZDM0RSIsImV4cCI6MTQ4NjMxNDAwMCwiaWF0IjoxNDg2MzEwNDAwLCJqdGkiOiI0ZTdhMmM5Yi0xZDNmLTRiODYtYTBlNS04ZjJjNmQxYjNhNzAiLCJjbGllbnRfaWQiOiIzbjRiNXVyazFmdDRmbDNtZzVlNjJkOWFkbyIsInVzZXJuYW1lIjoiZ2VvcmdlaXNtaWtlIn0.I1z7dDoiwRS9ozF15k-RKame6CtaOX9om5Ap4pVi7ESdTSeJZxHpHHGkIZwldyo_Dkv3JY9ovyI6tH8s3DrPJJ_0GB-GxZvOs7YzNCmzTrX4mgJt5SZzWrNwMlp-vEEMcVDCCgDK5p7Gd8HVCphRZplr7J4YfOye3h03lkDEeBzRhYxjidC8HCcnBTKe805DiWllfoyTsNOwxE_hAwdCV9M2k3M2D92pZrL-swkKLy3IcGLCYy_Or2hTB1HMHSr-3KcHIGyiHGe4GtFk1LATtA61StH14jDf3vDDboKgGgCPW4K4xweDQ2Uo0IKyo72HElSTHjc2XWrBcnIzsgg0fp";
    let ex = format!("GET /dev/pets HTTP/1.1\nHost: abc123.execute-api.us-east-1.amazonaws.com\nAuthorization: {token}\n\nHTTP/1.1 401 Unauthorized\nx-amzn-ErrorType: UnauthorizedException\n\n{{\"message\":\"Unauthorized\"}}");
    let r = analyze(&ex, &Context::default());
    assert!(
        r.has_id("exchange.api_gateway_wants_id_token"),
        "{:?}",
        r.ids()
    );
    assert!(!r.has_id("exchange.credentials_rejected") && !r.has_id("credential.no_scheme"));
    // Judged at a later time, its expiry is named once, as for a Bearer token.
    let later = run(&ex);
    assert!(
        later.has_id("exchange.expired_undated"),
        "{:?}",
        later.ids()
    );
    assert!(!later.has_id("jwt.expired"));
    // The same as a curl -i transcript: the command's request, and still one expiry.
    let transcript = run(&format!("$ curl -i https://abc123.execute-api.us-east-1.amazonaws.com/dev/pets -H 'Authorization: {token}'\nHTTP/1.1 401 Unauthorized\nx-amzn-ErrorType: UnauthorizedException\n\n{{\"message\":\"Unauthorized\"}}"));
    for id in [
        "exchange.api_gateway_wants_id_token",
        "exchange.expired_undated",
    ] {
        assert!(transcript.has_id(id), "{id} in {:?}", transcript.ids());
    }
    assert!(!transcript.has_id("jwt.expired"));
    // The same token let through is no cause of anything.
    let ok = analyze(
        &ex.replace("401 Unauthorized", "200 OK"),
        &Context::default(),
    );
    assert!(!ok.has_id("exchange.api_gateway_wants_id_token"));
}
