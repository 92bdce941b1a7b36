//! Relates the parts of a paste: what each request sent and how it was answered, compared across
//! parts. The same credential accepted in one place and refused in another, or sent by the
//! client while the server says none arrived, points past the credential to what lies between.

use super::segment::{PartKind, Segment};
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{clip, has};
use crate::engine::core::url::parse_url;
use crate::engine::curl;
use crate::engine::exchange::transcript;
use crate::engine::http::{self, Exchange};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The same credential was accepted by one host and refused by another.
    pub const REFUSED_ON_ANOTHER_ROUTE: FindingId = FindingId("paste.refused_on_another_route");
    /// The same secret is accepted under one scheme word and refused under another.
    pub const SCHEME_WORD_DECIDES: FindingId = FindingId("paste.scheme_word_decides");
    /// One host accepts one account and refuses another.
    pub const OTHER_ACCOUNT_REFUSED: FindingId = FindingId("paste.other_account_refused");
    /// One host accepts one credential and refuses another.
    pub const OTHER_CREDENTIAL_REFUSED: FindingId = FindingId("paste.other_credential_refused");
    /// The client sent a credential; the server's own words say none arrived.
    pub const SENT_NOT_RECEIVED: FindingId = FindingId("paste.sent_not_received");
}

/// What one part shows a request sent and how it was answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    /// The part's 1-based number in the paste.
    pub part: usize,
    /// The host the request went to.
    pub host: Option<String>,
    /// The credential it carried, as written (an Authorization value, or curl's -u).
    pub credential: Option<String>,
    /// The final status it got.
    pub status: Option<u16>,
}

/// What a request part sent, when the part shows a request.
pub fn sent(part: usize, seg: &Segment, paste: &str) -> Option<Sent> {
    let text = seg.text(paste);
    let (command, ex): (Option<curl::CurlCommand>, Exchange) = match seg.kind {
        PartKind::Command => {
            let (cmd, output) = transcript::split(text)?;
            let (_, words) = curl::strip_prompt(&cmd)?;
            (curl::parse(words).ok(), http::parse_exchange(output))
        }
        PartKind::Http => (None, http::parse_exchange(text)),
        _ => return None,
    };
    let req = ex.request.as_ref();
    let header = |name: &str| {
        req.and_then(|r| {
            http::header_values(&r.headers, name)
                .first()
                .map(|v| v.trim().to_string())
        })
    };
    let from_command = command.as_ref().and_then(|c| {
        c.headers
            .iter()
            .find(|h| h.is("authorization"))
            .map(|h| h.value.trim().to_string())
            .or_else(|| c.user.clone())
            .or_else(|| c.bearer.clone())
    });
    let credential = from_command.or_else(|| header("authorization"));
    let host = header("host")
        .or_else(|| {
            command
                .as_ref()
                .and_then(|c| c.url.as_deref())
                .and_then(|u| parse_url(u).ok())
                .map(|u| u.host)
        })
        .or_else(|| {
            req.and_then(|r| r.line.as_ref())
                .and_then(|l| parse_url(&l.target).ok())
                .map(|u| u.host)
        })
        .map(|h| h.to_ascii_lowercase())
        .filter(|h| !h.is_empty());
    let status = ex
        .response
        .as_ref()
        .and_then(|r| r.status.as_ref())
        .map(|s| s.code);
    (credential.is_some() || status.is_some()).then_some(Sent {
        part,
        host,
        credential: credential.filter(|c| c.len() >= 8),
        status,
    })
}

/// The findings only the parts together show.
pub fn findings(sent: &[Sent], segments: &[Segment], paste: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(compared(sent));
    out.extend(sent_not_received(sent, segments, paste));
    out
}

fn refused(s: &Sent) -> bool {
    matches!(s.status, Some(401 | 403 | 407))
}

fn accepted(s: &Sent) -> bool {
    s.status.is_some_and(|c| (200..300).contains(&c))
}

/// The scheme word and the secret of a credential as written ("Bearer abc" → Bearer, abc); a
/// value with no scheme word is all secret.
fn scheme_and_secret(c: &str) -> (&str, &str) {
    match c.trim().split_once(' ') {
        Some((scheme, secret)) if !scheme.contains(':') => (scheme, secret.trim()),
        _ => ("", c.trim()),
    }
}

/// How an accepted and a refused request differ, when both carried a credential: that
/// difference is the cause.
enum Difference<'a> {
    /// The same secret under another scheme word.
    SchemeWord(&'a str, &'a str),
    /// The same credential to another host.
    Host(&'a str, &'a str),
    /// Another credential to the same host.
    Credential,
}

fn difference<'a>(ok: &'a Sent, bad: &'a Sent) -> Option<Difference<'a>> {
    let (a, b) = (ok.credential.as_deref()?, bad.credential.as_deref()?);
    let ((sa, ka), (sb, kb)) = (scheme_and_secret(a), scheme_and_secret(b));
    let same_host = ok.host.is_some() && ok.host == bad.host;
    if ka == kb && !sa.eq_ignore_ascii_case(sb) {
        return Some(Difference::SchemeWord(sa, sb));
    }
    if a == b {
        let (ha, hb) = (ok.host.as_deref()?, bad.host.as_deref()?);
        return (ha != hb).then_some(Difference::Host(ha, hb));
    }
    same_host.then_some(Difference::Credential)
}

/// An accepted and a refused request that differ in one thing.
fn compared(sent: &[Sent]) -> Option<Finding> {
    let (ok, bad, diff) = sent.iter().filter(|s| refused(s)).find_map(|bad| {
        sent.iter()
            .filter(|ok| accepted(ok))
            .find_map(|ok| difference(ok, bad).map(|d| (ok, bad, d)))
    })?;
    let (p, q) = (ok.part, bad.part);
    let (sa, sb) = (ok.status.unwrap_or(200), bad.status.unwrap_or(401));
    let finding = match diff {
        Difference::SchemeWord(good, used) => Finding::error(
            ids::SCHEME_WORD_DECIDES,
            format!("The same token works with \"{}\" and is refused with \"{}\"", clip(good, 20), clip(used, 20)),
            format!("Part {p} sent it as {} and got {sa}; part {q} sent the same secret as {} and got {sb}. The token is good: this server accepts it only under the scheme word it was issued for.", clip(good, 20), clip(used, 20)),
        )
        .fix(format!("Send Authorization: {} <token> in the failing client.", clip(good, 20))),
        Difference::Host(a, b) => Finding::error(
            ids::REFUSED_ON_ANOTHER_ROUTE,
            format!("The same credential works at {a} and is refused at {b}"),
            format!("Part {p} sent it to {a} and got {sa}; part {q} sent the same value to {b} and got {sb}. The credential itself is good. What differs is the way to {b}: a proxy, CDN, gateway or load balancer there drops, renames or replaces the Authorization header, asks for its own credential, or fronts another service that does not accept this one."),
        )
        .fix(format!("Look at what sits in front of {b}: whether it forwards Authorization (nginx proxy_pass with proxy_set_header, Apache CGIPassAuth, a CDN's forwarded-headers or cache-key policy, a gateway's own authorizer), and compare its logs with the service's.")),
        Difference::Credential => match (user_of(ok), user_of(bad)) {
            (Some(a), Some(b)) if a != b => Finding::error(
                ids::OTHER_ACCOUNT_REFUSED,
                format!("The account \"{}\" is accepted and \"{}\" is refused", clip(&a, 40), clip(&b, 40)),
                format!("Part {p} got {sa} from this host as \"{}\" and part {q} got {sb} as \"{}\". The server and the way to it work; the second account is what differs. It lacks what this API requires (a role, tag, group or permission that the first one has), is not enabled yet, or its password is not the one the server holds.", clip(&a, 40), clip(&b, 40)),
            )
            .fix(format!("Compare the two accounts on the server: the roles, tags or groups \"{}\" has, whether \"{}\" is active, and set its password again.", clip(&a, 40), clip(&b, 40))),
            _ => Finding::error(
                ids::OTHER_CREDENTIAL_REFUSED,
                "The refused request carried another credential than the one that works",
                format!("Part {p} got {sa} from this host and part {q} got {sb}, and their credentials differ {}. The host accepts the first one: the refused one is stale, for another account or environment, or was changed on the way into the client (cut, quoted, padded).", where_they_differ(ok.credential.as_deref().unwrap_or(""), bad.credential.as_deref().unwrap_or(""))),
            )
            .fix("Use the credential that works in the failing client, and compare how each is loaded (the variable, file or store the failing client reads)."),
        },
    };
    Some(finding.spec(SpecRef::new(
        "RFC 9110 §11.6.2 Authorization",
        "https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2",
    )))
}

/// The user name a Basic credential or curl's `-u user:password` carries.
fn user_of(s: &Sent) -> Option<String> {
    let c = s.credential.as_deref()?;
    let (scheme, secret) = scheme_and_secret(c);
    let pair = if scheme.eq_ignore_ascii_case("basic") {
        let d = crate::engine::core::b64::decode(secret).ok()?;
        String::from_utf8(d.bytes).ok()?
    } else if scheme.is_empty() {
        secret.to_string()
    } else {
        return None;
    };
    pair.split_once(':')
        .map(|(u, _)| u.to_string())
        .filter(|u| !u.is_empty())
}

/// "from character 12 on (lengths 40 and 41)".
fn where_they_differ(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    format!(
        "from character {} on (lengths {} and {})",
        at + 1,
        a.chars().count(),
        b.chars().count()
    )
}

/// What a server or its log says when no credential arrived at all.
const NONE_ARRIVED: &[&str] = &[
    "missing authorization header",
    "Authorization header is missing",
    "no authorization header",
    "Authorization header not found",
    "authorization header was not found",
    "No auth token",
    "no token provided",
    "missing authentication credentials",
    "credentials were not provided",
    "Full authentication is required",
    "Anonymous user",
    "system:anonymous",
    "Bearer token not found",
    "missing bearer token",
    "No credentials",
];

/// A request sent with a credential, and another part (the server's log, or the answer) saying
/// none arrived: something between them removed it.
fn sent_not_received(sent: &[Sent], segments: &[Segment], paste: &str) -> Option<Finding> {
    let with = sent
        .iter()
        .find(|s| s.credential.is_some() && (s.status.is_none() || refused(s)))?;
    let (n, said) = segments.iter().enumerate().find_map(|(i, seg)| {
        // The witness is any other part that sends nothing itself: a log, the user's words, or
        // a command that printed the server's log (kubectl logs, docker logs, journalctl).
        let sends = sent
            .iter()
            .any(|s| s.part == i + 1 && s.credential.is_some());
        if i + 1 == with.part || sends || seg.kind == PartKind::Config {
            return None;
        }
        let text = seg.text(paste);
        NONE_ARRIVED
            .iter()
            .find(|w| has(text, w))
            .map(|w| (i + 1, *w))
    })?;
    let scheme = with
        .credential
        .as_deref()?
        .split_whitespace()
        .next()
        .unwrap_or("");
    Some(
        Finding::error(
            ids::SENT_NOT_RECEIVED,
            "The client sent a credential, but the server found none",
            format!(
                "Part {} sends an Authorization header ({}), and part {n} says \"{said}\". Either something between them removed the header (a reverse proxy or load balancer that does not pass it on, Apache's CGI/WSGI layer or IIS keeping it from the application, a redirect the client followed without it), or the server looks for the credential somewhere else: another scheme word than the client's, another header, a cookie or a query parameter.",
                with.part,
                clip(scheme, 20),
            ),
        )
        .fix("Compare where the server reads the credential (its auth middleware's extractor or header setting) with what the client sends. Then send the request straight to the application: if it works there, pass the header on in front (nginx proxy_set_header Authorization $http_authorization, Apache CGIPassAuth On or WSGIPassAuthorization On) and request the final URL so no redirect is followed.")
        .spec(SpecRef::new("Apache httpd: CGIPassAuth", "https://httpd.apache.org/docs/2.4/mod/core.html#cgipassauth")),
    )
}
