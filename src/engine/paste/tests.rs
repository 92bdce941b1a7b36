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

/// oauth2-proxy/oauth2-proxy#809: a curl call with nginx's answer, then the proxy's log from a
/// second command; the log says no bearer token was found although the call sent one.
#[test]
fn a_call_then_the_proxys_log() {
    let paste = "$ curl -H \"Authorization: Bearer ghp_xxxxLt\" https://domain.com\n<html>\n<head><title>302 Found</title></head>\n<body>\n<center><h1>302 Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n\n$ kubectl logs my-release-oauth2-proxy-b9c96bc8d-s95dz \n[2025/10/16 19:07:20] [oauthproxy.go:162] Skipping JWT tokens from configured OIDC issuer: \"\"\n[2025/10/16 19:07:27] [jwt_session.go:54] Error retrieving session from token in Authorization header: no valid bearer token found in authorization header\n";
    assert_eq!(kinds(paste), [PartKind::Command, PartKind::Command]);
    let parts = segment(paste);
    assert!(parts[1].text(paste).contains("no valid bearer token"));
}

/// unjs/giget#263: the same fine-grained GitHub token refused as Bearer and accepted as token.
#[test]
fn the_scheme_word_decides() {
    let paste = "curl -IL -H \"Authorization: Bearer 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\" https://api.github.com/repos/OWNER/REPO/tarball/main\nHTTP/2 401\n\ncurl -IL -H \"Authorization: token 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\" https://api.github.com/repos/OWNER/REPO/tarball/main\nHTTP/2 302\nHTTP/2 200\n";
    assert_eq!(kinds(paste), [PartKind::Command, PartKind::Command]);
    assert_eq!(related(paste), [ids::SCHEME_WORD_DECIDES]);
}

/// cloudamqp/lavinmq#1256: guest is accepted, the user it just created is refused.
#[test]
fn two_accounts_at_one_host() {
    let paste = "# create user\n$ curl -i -u guest:guest -X PUT --json '{\"password\": \"foo\"}' http://localhost:15673/api/users/patrik\nHTTP/1.1 201 Created\nContent-Length: 0\n\n# try to use the user\n$ curl -i -u patrik:foo http://localhost:15673/api/whoami\nHTTP/1.1 401 Unauthorized\nContent-Length: 0\n";
    // Each shell comment opens the command under it.
    assert_eq!(kinds(paste), [PartKind::Command, PartKind::Command]);
    assert!(segment(paste)[1]
        .text(paste)
        .starts_with("# try to use the user"));
    assert_eq!(related(paste), [ids::OTHER_ACCOUNT_REFUSED]);
}

/// What each request part sent and got.
fn sent(paste: &str) -> Vec<relate::Sent> {
    segment(paste)
        .iter()
        .enumerate()
        .filter_map(|(i, s)| relate::sent(i + 1, s, paste))
        .collect()
}

/// The ids of what the parts show together.
fn related(paste: &str) -> Vec<crate::engine::core::finding::FindingId> {
    relate::findings(&sent(paste), &segment(paste), paste)
        .iter()
        .map(|f| f.id)
        .collect()
}

/// Two raw exchanges one after the other are two parts; a response stays with its request. The
/// pair is built for the mechanism issue 22 describes (one token, refused through a CDN and
/// accepted directly): no stored thread pastes both transcripts.
#[test]
fn two_exchanges() {
    let paste = "GET /a HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 200 OK\n\nGET /a HTTP/1.1\nHost: cdn.a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 401 Unauthorized\n";
    assert_eq!(kinds(paste), [PartKind::Http, PartKind::Http]);
    let sent = sent(paste);
    assert_eq!(sent[0].status, Some(200));
    assert_eq!(sent[1].host.as_deref(), Some("cdn.a.test"));
    assert_eq!(related(paste), [ids::REFUSED_ON_ANOTHER_ROUTE]);
}

/// The same credential and the same host: nothing to say about the route.
#[test]
fn same_route_is_not_a_route_problem() {
    let paste = "GET /a HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 200 OK\n\nGET /b HTTP/1.1\nHost: a.test\nAuthorization: Bearer abcdefghijkl\n\nHTTP/1.1 403 Forbidden\n";
    assert!(related(paste).is_empty());
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
