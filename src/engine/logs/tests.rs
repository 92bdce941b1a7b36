use super::*;
use crate::engine::Clock;

/// Detection's own test covers the order against other kinds; here, the log test alone.
fn is_log(text: &str) -> bool {
    looks_like_logs(&text.lines().collect::<Vec<_>>())
}

fn run(text: &str) -> Report {
    analyze(
        text,
        &Context::with_clock(Clock {
            now: Some(1_700_000_000),
            leeway: 0,
            offset_minutes: 0,
        }),
    )
}

/// nginx basic auth lines from https://github.com/crowdsecurity/hub/issues/183: two causes,
/// repeated lines grouped.
#[test]
fn nginx_groups_repeated_lines() {
    let log = r#"2021/03/16 08:29:32 [error] 5669#5669: *2829 user "123" was not found in "/etc/nginx/.htpasswd", client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru"
2021/03/16 09:11:59 [error] 5669#5669: *4030 user "123" was not found in "/etc/nginx/.htpasswd", client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru"
2021/03/16 09:12:04 [error] 5669#5669: *4030 user "user1": password mismatch, client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru"
2021/03/16 09:12:09 [error] 5669#5669: *4030 user "user1": password mismatch, client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru"
2021/03/16 09:12:10 [notice] 5669#5669: signal process started"#;
    assert!(is_log(log));
    let r = run(log);
    assert!(r.has_id("log.user_unknown"), "{:?}", r.ids());
    assert!(r.has_id("exchange.credentials_rejected"));
    let Some(Part::Table { rows, .. }) = r.parts.first() else {
        panic!("a table")
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], "2");
    assert!(r.summary.contains("1 other line"), "{}", r.summary);
}

/// A mixed paste: Apache, Spring, Keycloak and Envoy lines together, each cause once.
#[test]
fn mixed_formats() {
    let log = r#"[Wed Nov 05 21:54:18.280834 2025] [auth_basic:error] [pid 5448:tid 5497] [client 192.168.0.41:61174] AH01617: user barryn: authentication failure for "/pamtest/index.html": Password Mismatch
2022-02-23 16:53:27,025 DEBUG [http-nio-8080-exec-7] o.s.s.w.c.CsrfFilter - Invalid CSRF token found for http://localhost:8080/workflow-manager/login
10:28:42,779 WARN  [org.keycloak.events] (default task-83) type=LOGIN_ERROR, realmId=nwse, clientId=nexus, userId=693a7ee3, ipAddress=127.0.0.1, error=invalid_user_credentials, username=luckyhk.lee
2023-01-06T11:21:12.846676Z     debug   envoy jwt       Jwt authentication completed with: Jwks doesn't have key to match kid or alg from Jwt"#;
    assert!(is_log(log));
    let r = run(log);
    for id in [
        "exchange.credentials_rejected",
        "log.csrf_rejected",
        "verify.no_key_with_kid",
    ] {
        assert!(r.has_id(id), "{id} in {:?}", r.ids());
    }
    // Apache and Keycloak wrong passwords are one cause, reported once.
    assert_eq!(
        r.ids()
            .iter()
            .filter(|i| **i == "exchange.credentials_rejected")
            .count(),
        1
    );
}

/// IIS: a 401.2 then 401.1 then 200 for the same path is the normal handshake
/// (https://support.microsoft.com/kb/907273); a lone 401.1 with 1326 is a bad password.
#[test]
fn iis_handshake_is_not_a_failure() {
    let log = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken
2024-01-01 10:00:00 10.0.0.5 GET /app/ - 443 - 10.0.0.9 Mozilla/5.0 401 2 2148074254 0
2024-01-01 10:00:00 10.0.0.5 GET /app/ - 443 CONTOSO\\bob 10.0.0.9 Mozilla/5.0 200 0 0 15";
    let r = run(log);
    assert!(r.has_id("log.windows_handshake"), "{:?}", r.ids());
    assert!(!r.has_id("exchange.iis_windows_auth"));
    let r = run("2024-01-01 10:00:00 10.0.0.5 GET /app/ - 443 CONTOSO\\bob 10.0.0.9 Mozilla/5.0 401 1 1326 15");
    assert!(r.has_id("exchange.credentials_rejected"), "{:?}", r.ids());
}

/// ASP.NET Core with the token in the log (https://github.com/spetz/tokenmanager-sample/issues/1):
/// the IDX code is decoded and the token analysed, without naming expiry twice.
#[test]
fn aspnet_with_token() {
    let log = "info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]
      Failed to validate the token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyMSIsImlzcyI6Im15LWlkZW50aXR5IiwiaWF0IjoxNTE0OTk5ODQwLCJleHAiOjE1MTUwMDAxNDAsInVuaXF1ZV9uYW1lIjoidXNlcjEifQ.0ZkQpvp_Vp56_SDD5_q8Xz_vWk_3l9TF7Kt4rhYDoRg.
Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired.
ValidTo: '01/03/2018 17:22:20'
Current time: '01/03/2018 19:17:34'.";
    assert!(is_log(log));
    let r = run(log);
    assert!(r.has_id("jwt.expired"));
    assert!(r.has_id("input.jwt_embedded"));
    assert_eq!(
        r.ids().iter().filter(|i| **i == "jwt.expired").count(),
        1,
        "{:?}",
        r.ids()
    );
    assert!(!r.has_id("log.no_cause"));
}

/// An access log alone says 401 without the reason; with the error log, the reason wins.
#[test]
fn access_log_status_only_when_nothing_better() {
    let access =
        r#"192.0.2.7 - - [14/Apr/2020:10:10:17 +0000] "GET /api HTTP/1.1" 401 153 "-" "curl/8.0""#;
    let r = run(access);
    assert!(r.has_id("status.401"));
    let both = format!("{access}\n2020/04/14 10:10:17 [error] 14#14: *17 no user/password was provided for basic authentication, client: 192.0.2.7, server: s, request: \"GET /api HTTP/1.1\", host: \"h\"");
    let r = run(&both);
    assert!(r.has_id("exchange.no_credentials_sent"));
    assert!(!r.has_id("status.401"), "{:?}", r.ids());
}

#[test]
fn not_logs() {
    for text in [
        r#"Bearer error="invalid_token", error_description="Token is not active""#,
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"x\"",
        "hello there",
    ] {
        assert!(!is_log(text), "{text}");
    }
    let r = run("2024-01-01 just a line\nanother");
    assert!(r.has_id("log.no_cause"));
}

/// Big logs stay bounded: one group per distinct line, at most MAX_GROUPS groups.
#[test]
fn large_log_is_bounded() {
    let mut log = String::new();
    for i in 0..30_000 {
        log.push_str(&format!("2021/03/16 09:12:04 [error] 1#1: *{i} user \"u{i}\": password mismatch, client: 10.0.{}.{}, server: s, request: \"GET / HTTP/1.1\"\n", i / 256 % 256, i % 256));
    }
    let start = std::time::Instant::now();
    let r = run(&log);
    assert!(start.elapsed().as_secs() < 5);
    assert!(r.findings.len() < 20);
    assert!(r.summary.contains("not read"), "{}", r.summary);
}
