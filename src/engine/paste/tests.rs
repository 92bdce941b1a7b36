use super::relate::{self, ids};
use super::{segment, PartKind};

fn kinds(text: &str) -> Vec<PartKind> {
    segment(text).iter().map(|s| s.kind).collect()
}

/// hashicorp/vault#12665: four commands, each with its output (a heredoc included).
#[test]
fn commands_with_their_output() {
    let paste = "$ vault policy write jdm-yahoo-api - <<EOF\npath \"kv/jdm/yahoo/account\" {\n  capabilities = [ \"read\" ]\n}\nEOF\n\n$ vault kv get kv/jdm/yahoo/account\n====== Data ======\nKey         Value\nlogin       ***\n\n$ export TMP_TOKEN=$(vault token create -policy=\"jdm-yahoo-api\" -field=token)\n$ VAULT_TOKEN=$TMP_TOKEN vault kv get kv/jdm/yahoo/account\nError reading kv/data/jdm/yahoo/account: Error making API request.\n\nURL: GET https://x.aws.hashicorp.cloud:8200/v1/kv/data/jdm/yahoo/account\nCode: 403. Errors:\n\n* 1 error occurred:\n        * permission denied\n";
    let parts = segment(paste);
    assert_eq!(parts.len(), 4, "{parts:?}");
    assert!(parts.iter().all(|p| p.kind == PartKind::Command));
    assert!(parts[3].text(paste).ends_with("permission denied\n"));
    assert_eq!(parts[1].line, 7);
}

/// Spring Security's log lines pasted under a curl -i transcript, with the user's words between
/// (the shape of spring-projects/spring-security#8268).
#[test]
fn a_transcript_then_the_servers_log() {
    let paste = "$ curl -i -H 'Authorization: Bearer abcdefghij' http://localhost:8080/api\nHTTP/1.1 401\nWWW-Authenticate: Bearer\n\nThe server logs this:\n\n2020-03-30 10:22:11.123 DEBUG 1 --- [nio-8080-exec-1] o.s.s.w.a.AnonymousAuthenticationFilter : Populated SecurityContextHolder with anonymous token\n2020-03-30 10:22:11.125 DEBUG 1 --- [nio-8080-exec-1] o.s.s.w.a.ExceptionTranslationFilter : Access is denied (user is anonymous)\n";
    assert_eq!(
        kinds(paste),
        [PartKind::Command, PartKind::Text, PartKind::Log]
    );
}

/// Two raw exchanges one after the other are two parts; a response stays with its request.
#[test]
fn two_exchanges() {
    let paste = "GET /a HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 200 OK\n\nGET /a HTTP/1.1\nHost: cdn.a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 401 Unauthorized\n";
    let parts = segment(paste);
    assert_eq!(kinds(paste), [PartKind::Http, PartKind::Http]);
    let sent: Vec<_> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, s)| relate::sent(i + 1, s, paste))
        .collect();
    assert_eq!(sent[0].status, Some(200));
    assert_eq!(sent[1].host.as_deref(), Some("cdn.a.test"));
    let f = relate::findings(&sent, &parts, paste);
    assert_eq!(f[0].id, ids::REFUSED_ON_ANOTHER_ROUTE);
}

/// The same credential and the same host: nothing to say about the route.
#[test]
fn same_route_is_not_a_route_problem() {
    let paste = "GET /a HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 200 OK\n\nGET /b HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 403 Forbidden\n";
    let parts = segment(paste);
    let sent: Vec<_> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, s)| relate::sent(i + 1, s, paste))
        .collect();
    assert!(relate::findings(&sent, &parts, paste).is_empty());
}

/// Config files start parts of their own after the user's words.
#[test]
fn config_after_words() {
    let paste = "My .npmrc is:\n\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nalways-auth=true\n\nnpm ERR! code E401\n";
    assert_eq!(kinds(paste)[1], PartKind::Config);
}

/// Prose that mentions a tool is not a command.
#[test]
fn prose_naming_a_tool_is_text() {
    assert_eq!(
        kinds("git push fails with 403 since yesterday."),
        [PartKind::Text]
    );
    assert_eq!(kinds("$ git push origin main\nremote: Permission to a/b.git denied to c.\nfatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 403\n"), [PartKind::Command]);
}

/// Every byte of a paste is in a part, a fence or a blank line, and parts never overlap.
#[test]
fn parts_cover_the_paste_in_order() {
    let paste = "```\n$ curl -v https://a.test\n> GET / HTTP/1.1\n< HTTP/1.1 401\n```\n\né 日本 🔥\n{\"level\":\"error\",\"msg\":\"token expired\"}\n";
    let parts = segment(paste);
    let mut end = 0;
    for p in &parts {
        assert!(p.span.start >= end);
        assert!(paste.is_char_boundary(p.span.start) && paste.is_char_boundary(p.span.end));
        end = p.span.end;
    }
    assert_eq!(
        kinds(paste),
        [PartKind::Command, PartKind::Text, PartKind::Log]
    );
}
