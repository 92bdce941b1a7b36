use super::*;
use crate::engine::core::clock::Clock;

const CHROMIUM: &str = include_str!("../../../tests/har/chromium-handwritten.har");
const FIREFOX: &str = include_str!("../../../tests/har/firefox-handwritten.har");

fn ctx() -> Context {
    Context::with_clock(Clock {
        now: Some(1_800_000_000),
        leeway: 60,
        offset_minutes: 0,
    })
}

fn all_ids(d: &Diagnosis) -> Vec<&'static str> {
    d.groups
        .iter()
        .flat_map(|g| &g.failures)
        .flat_map(|f| f.report.ids())
        .collect()
}

#[test]
fn detects_a_pasted_har() {
    assert!(looks_like_har(CHROMIUM));
    assert!(looks_like_har(FIREFOX));
    assert!(!looks_like_har(r#"{"error":"invalid_token"}"#));
}

#[test]
fn chromium_failures_by_origin_in_time_order() {
    let d = diagnose(CHROMIUM, &ctx());
    assert_eq!(d.entries, 8);
    let origins: Vec<&str> = d.groups.iter().map(|g| g.origin.as_str()).collect();
    assert_eq!(
        origins,
        [
            "https://api.example.test",
            "https://orders.example.test",
            "https://cdn.example.test"
        ]
    );
    // The preflight and the request it guarded are one failure.
    let pre = &d.groups[0].failures[0];
    assert_eq!(pre.chain_kind, Some(ChainKind::Preflight));
    assert_eq!(pre.chain.len(), 2);
    assert!(
        pre.report.has_id("cors.preflight_needs_auth"),
        "{:?}",
        pre.report.ids()
    );
    // The same expired token failing twice is shown once with the count.
    let orders = &d.groups[1].failures;
    assert_eq!(
        orders.len(),
        1,
        "{:?}",
        orders.iter().map(|o| o.report.ids()).collect::<Vec<_>>()
    );
    assert_eq!(orders[0].count, 2);
    assert!(
        orders[0].report.has_id("exchange.expired_at_response"),
        "{:?}",
        orders[0].report.ids()
    );
    // The redirect to another origin dropped Authorization and the cookie.
    let cdn = &d.groups[2].failures[0];
    assert_eq!(cdn.chain_kind, Some(ChainKind::Redirect));
    assert!(cdn.report.has(ids::REDIRECT_DROPPED_AUTHORIZATION));
    assert!(cdn.report.has(ids::REDIRECT_DROPPED_COOKIES));
    // The success and the login are not failures.
    assert_eq!(d.failure_count(), 4);
    let r = analyze(CHROMIUM, &ctx());
    assert!(r.summary.contains("8 entries, 4 failures"), "{}", r.summary);
}

#[test]
fn tokens_across_the_file_with_expiry_at_each_use() {
    let d = diagnose(CHROMIUM, &ctx());
    let t = d
        .tokens
        .iter()
        .find(|t| t.label.contains("sub alice"))
        .expect("the JWT");
    assert_eq!(t.exp, Some(1_700_000_000));
    assert_eq!(t.uses.len(), 3);
    assert!(t.uses.iter().all(|u| u.expired == Some(true)));
}

#[test]
fn firefox_status_zero_is_a_cors_failure_and_offsets_are_read() {
    let d = diagnose(FIREFOX, &ctx());
    assert_eq!(d.entries, 3);
    let ids = all_ids(&d);
    assert!(ids.contains(&"har.cors_blocked"), "{ids:?}");
    assert!(ids.contains(&"status.403"), "{ids:?}");
    assert_eq!(d.failure_count(), 2);
    assert_eq!(
        time::parse_rfc3339(&d.groups[0].failures[0].started),
        Some(1_714_557_601)
    );
}

#[test]
fn a_har_without_failures_says_so() {
    let har = r#"{"log":{"version":"1.2","entries":[{"startedDateTime":"2024-05-01T10:00:00Z","request":{"method":"GET","url":"https://a.test/","headers":[]},"response":{"status":200,"headers":[]}}]}}"#;
    let r = analyze(har, &ctx());
    assert_eq!(r.ids(), ["har.no_failures"]);
}

/// A field of another type than HAR 1.2 says is read as empty, not a reason to refuse the file.
#[test]
fn fields_of_another_type_are_read_as_empty() {
    let har = r#"{"log":{"creator":"x","entries":[{"startedDateTime":5,"request":{"method":"GET","url":"https://a.test/me","headers":[{"name":7,"value":null},{"name":"Authorization","value":"Bearer abc"}],"postData":"x"},"response":{"status":"401","headers":null,"content":null}}, 3]}}"#;
    let d = diagnose(har, &ctx());
    assert_eq!(d.error, None);
    assert_eq!(d.entries, 2);
    assert_eq!(d.creator, None);
    assert_eq!(d.failure_count(), 1);
    assert_eq!(d.groups[0].failures[0].failed, Failed::Auth(401));
}

/// Failures past the listed ones are counted with their causes; the same token failing again
/// is still one listed failure with its count, and many preflights of one URL are still
/// paired with their requests.
#[test]
fn failures_past_the_listed_ones_are_counted() {
    let entry = |i: usize| {
        let host = if i < MAX_FAILURES + 50 { i } else { 0 };
        format!(
            r#"{{"request":{{"method":"GET","url":"https://h{host}.test/","headers":[{{"name":"Authorization","value":"Bearer t{host}"}}]}},"response":{{"status":401}}}}"#
        )
    };
    let entries: Vec<String> = (0..MAX_FAILURES + 60).map(entry).collect();
    let har = format!(r#"{{"log":{{"entries":[{}]}}}}"#, entries.join(","));
    let d = diagnose(&har, &ctx());
    let listed: usize = d.groups.iter().map(|g| g.failures.len()).sum();
    assert_eq!(listed, MAX_FAILURES);
    assert_eq!(d.groups[0].failures[0].count, 11);
    assert_eq!(d.unlisted.calls, 50);
    assert_eq!(d.failure_count(), MAX_FAILURES + 60);
    assert_eq!(d.causes(), vec![d.unlisted.causes[0]]);
    assert!(report_of(&d).has(ids::FAILURES_NOT_LISTED));

    let preflight = r#"{"request":{"method":"OPTIONS","url":"https://a.test/x","headers":[{"name":"Access-Control-Request-Method","value":"PUT"}]},"response":{"status":403}}"#;
    let put = r#"{"request":{"method":"put","url":"https://a.test/x","headers":[{"name":"Origin","value":"https://b.test"}]},"response":{"status":0}}"#;
    let mut list = vec![preflight; 300];
    list.push(put);
    let har = format!(r#"{{"log":{{"entries":[{}]}}}}"#, list.join(","));
    let d = diagnose(&har, &ctx());
    let failures: Vec<_> = d.groups.iter().flat_map(|g| &g.failures).collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].chain_kind, Some(ChainKind::Preflight));
    assert_eq!(failures[0].chain.len(), 2);
    assert_eq!(failures[1].count, 299);
}

/// A redirect chain longer than any browser follows lists its first hops and its last, and
/// explains the first hops that dropped the credential.
#[test]
fn a_long_chain_is_listed_and_explained_in_part() {
    let hops = 300;
    let entries: Vec<String> = (0..hops)
        .map(|i| {
            let auth = if i % 2 == 0 { r#"{"name":"Authorization","value":"Bearer x"}"# } else { "" };
            let status = if i + 1 == hops { 401 } else { 302 };
            format!(r#"{{"request":{{"method":"GET","url":"https://h.test/p{i}","headers":[{auth}]}},"response":{{"status":{status},"redirectURL":"https://h.test/p{}"}}}}"#, i + 1)
        })
        .collect();
    let d = diagnose(
        &format!(r#"{{"log":{{"entries":[{}]}}}}"#, entries.join(",")),
        &ctx(),
    );
    let f = &d.groups[0].failures[0];
    assert_eq!(f.chain_kind, Some(ChainKind::Redirect));
    assert_eq!(f.chain.len(), MAX_HOPS_SHOWN + 1);
    assert!(f.chain[MAX_HOPS_SHOWN - 1].contains(&format!("{} more hops", hops - MAX_HOPS_SHOWN)));
    assert!(f.chain[MAX_HOPS_SHOWN].contains(&format!("/p{}", hops - 1)));
    let dropped = f
        .report
        .ids()
        .iter()
        .filter(|i| **i == ids::REDIRECT_DROPPED_AUTHORIZATION.as_str())
        .count();
    assert_eq!(dropped, MAX_LOST_HOPS);
}

#[test]
fn broken_json_is_a_finding_not_a_panic() {
    for t in [
        "{\"log\":{\"entries\":[",
        "{\"log\":5}",
        "[]",
        "",
        "{\"log\":{\"entries\":[{\"response\":{\"status\":\"x\"}}]}}",
    ] {
        let r = analyze(t, &ctx());
        assert!(!r.summary.is_empty());
    }
    assert!(analyze("{\"log\":{\"entries\":[", &ctx()).has(ids::UNREADABLE));
}

#[test]
fn redacted_copy_has_no_secret_and_the_same_causes() {
    let red = redact::redact(CHROMIUM).expect("json");
    for secret in [
        "c2lnbmF0dXJlLW5vdC1yZWFs",
        "opaque-secret-123",
        "s3cr3t-session",
        "hunter2",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "rt-opaque-0123456789",
    ] {
        assert!(!red.text.contains(secret), "{secret} left in the copy");
    }
    assert!(!red.removed.is_empty());
    let before = diagnose(CHROMIUM, &ctx());
    let after = diagnose(&red.text, &ctx());
    assert_eq!(before.causes(), after.causes());
    assert_eq!(before.failure_count(), after.failure_count());
    // Challenges and statuses are kept.
    assert!(red.text.contains("invalid_token"));
    assert!(redact::redact("not json").is_err());
}

#[test]
fn redaction_masks_urls_and_keeps_jwt_claims() {
    let mut n = (0, 0);
    assert_eq!(
        redact::tokens(
            "key sk_live_abcdefghijklmnopqrstuvwx end",
            &mut n.0,
            &mut n.1
        ),
        "key sk_live_REDACTED end"
    );
    let red = redact::redact(FIREFOX).expect("json");
    assert!(red.text.contains("eyJpc3Mi"), "claims kept");
    assert!(!red.text.contains("c2lnbmF0dXJlLW5vdC1yZWFs"));
}

#[test]
fn mutated_hars_never_panic() {
    let mut seed = 0x1234_5678_9abc_def1u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let mut b = CHROMIUM.as_bytes().to_vec();
        for _ in 0..(next() % 4) {
            let i = (next() as usize) % b.len();
            match next() % 3 {
                0 => b[i] = b"0-9\"{}[]:,"[(next() % 10) as usize],
                1 => b.truncate(i),
                _ => {
                    b.remove(i);
                }
            }
        }
        let t = String::from_utf8_lossy(&b);
        let _ = analyze(&t, &ctx());
        let _ = redact::redact(&t);
    }
}

/// Recorded by e2e/record-har.mjs from headless Chromium through playwright's recordHar.
const RECORDED: &str = include_str!("../../../tests/har/recorded-chromium.har");

#[test]
fn recorded_chromium_har() {
    let d = diagnose(RECORDED, &ctx());
    assert_eq!(d.entries, 7);
    assert_eq!(
        d.failure_count(),
        4,
        "{:#?}",
        d.groups
            .iter()
            .flat_map(|g| &g.failures)
            .map(|f| &f.chain)
            .collect::<Vec<_>>()
    );
    let ids = all_ids(&d);
    for id in [
        "har.cors_blocked",
        "jwt.expired",
        "exchange.no_credentials_sent",
        "status.401",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let redirect = d
        .groups
        .iter()
        .flat_map(|g| &g.failures)
        .find(|f| f.chain_kind == Some(ChainKind::Redirect));
    assert!(
        redirect.is_some(),
        "the /old redirect and its 401 are one chain"
    );
    assert!(d
        .tokens
        .iter()
        .any(|t| t.uses.iter().all(|u| u.expired == Some(true))));
}
