//! Paste-anything detection: what kind of text did the user paste?

use super::authparams;
use super::http::{parse_request_line, parse_status_line, split_header};
use super::{curl, jwt};

/// What the pasted text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// An `Authorization` / `Proxy-Authorization` value, header line or bare credential.
    Credential,
    /// A bare JWT (JWS) or JWE.
    Jwt,
    /// A `WWW-Authenticate` / `Proxy-Authenticate` value or header line.
    Challenge,
    /// A raw HTTP request and/or response, or `curl -v` output.
    Exchange,
    /// A `curl` command line.
    Curl,
    /// Server or proxy log lines.
    Logs,
    /// A HAR file (JSON with a `log` of entries).
    Har,
    /// None of the above.
    Unknown,
}

impl InputKind {
    /// Every kind, in the order the UI offers them.
    pub const ALL: [InputKind; 8] = [
        InputKind::Credential,
        InputKind::Jwt,
        InputKind::Challenge,
        InputKind::Exchange,
        InputKind::Curl,
        InputKind::Logs,
        InputKind::Har,
        InputKind::Unknown,
    ];

    /// Stable identifier (used in the URL and the kind picker).
    pub fn id(self) -> &'static str {
        match self {
            InputKind::Credential => "credential",
            InputKind::Jwt => "jwt",
            InputKind::Challenge => "challenge",
            InputKind::Exchange => "exchange",
            InputKind::Curl => "curl",
            InputKind::Logs => "logs",
            InputKind::Har => "har",
            InputKind::Unknown => "unknown",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            InputKind::Credential => "Authorization credential",
            InputKind::Jwt => "JWT / JWE",
            InputKind::Challenge => "WWW-Authenticate challenge",
            InputKind::Exchange => "HTTP request / response",
            InputKind::Curl => "curl command",
            InputKind::Logs => "Server / proxy log lines",
            InputKind::Har => "HAR file",
            InputKind::Unknown => "Not recognised",
        }
    }

    /// The kind for an identifier from [`InputKind::id`].
    pub fn from_id(id: &str) -> Option<InputKind> {
        InputKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// The detected kind and the reason, shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// What the text was taken to be.
    pub kind: InputKind,
    /// Why, in a few words.
    pub reason: String,
}

fn found(kind: InputKind, reason: impl Into<String>) -> Detection {
    Detection {
        kind,
        reason: reason.into(),
    }
}

/// How much of a huge paste detection looks at; analyses bound their own work.
const SCAN_LINES: usize = 200;

/// Parameters only a client sends (in credentials), never a server (in challenges).
const CREDENTIAL_PARAMS: &[&str] = &[
    "username",
    "username*",
    "response",
    "cnonce",
    "nc",
    "credential",
    "signature",
    "signedheaders",
    "oauth_consumer_key",
    "oauth_signature",
    "oauth_token",
    "id",
    "mac",
    "ts",
    "t",
    "k",
    "token",
    "data",
];

/// Classifies pasted text.
pub fn detect(text: &str) -> Detection {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if t.is_empty() {
        return found(InputKind::Unknown, "nothing pasted yet");
    }
    let head: String = t.chars().take(4096).collect();
    let controls = head
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if head.contains('\0') || controls * 10 > head.chars().count() {
        return found(InputKind::Unknown, "binary data, not text");
    }
    if super::har::looks_like_har(t) {
        return found(InputKind::Har, "JSON with a log of entries: a HAR file");
    }
    if let Some((_, output)) = super::exchange::transcript::split(t) {
        if super::exchange::transcript::has_output(output) {
            return found(
                InputKind::Exchange,
                "a terminal transcript: a curl command and its output",
            );
        }
    }
    if curl::is_curl_command(t) {
        return found(InputKind::Curl, "starts with the curl command");
    }
    let lines: Vec<&str> = t
        .lines()
        .take(SCAN_LINES)
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    let first = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .copied()
        .unwrap_or("");
    // An Authorization header line starts a credential with the server's answer under it,
    // whatever that answer looks like.
    let credential_first =
        split_header(first).is_some_and(|h| h.is("authorization") || h.is("proxy-authorization"));
    if parse_request_line(first).is_none()
        && parse_status_line(first).is_none()
        && !credential_first
        && super::logs::looks_like_logs(&lines)
    {
        return found(
            InputKind::Logs,
            "server or proxy log lines about authentication",
        );
    }
    if super::http::is_curl_verbose(t) {
        return found(InputKind::Exchange, "curl -v output (> and < lines)");
    }
    if lines.iter().any(|l| parse_request_line(l).is_some()) {
        return found(InputKind::Exchange, "has an HTTP request line");
    }
    if lines.iter().any(|l| parse_status_line(l).is_some()) {
        return found(InputKind::Exchange, "has an HTTP status line");
    }
    let header_lines: Vec<_> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| split_header(l))
        .collect();
    let challenge_header =
        |h: &super::http::Header| h.is("www-authenticate") || h.is("proxy-authenticate");
    if header_lines.len() >= 2 && header_lines.iter().all(challenge_header) {
        return found(InputKind::Challenge, "several challenge header lines");
    }
    if header_lines.len() >= 2 {
        return found(InputKind::Exchange, "several header lines");
    }
    if let Some(h) = split_header(lines[0]) {
        let name = h.name.to_ascii_lowercase();
        match name.as_str() {
            "authorization" | "proxy-authorization" => {
                return found(InputKind::Credential, format!("a {} header", h.name));
            }
            "www-authenticate" | "proxy-authenticate" => {
                return found(InputKind::Challenge, format!("a {} header", h.name));
            }
            "dpop" => return found(InputKind::Jwt, "a DPoP proof header"),
            _ => {}
        }
    }
    let one_line = lines.iter().filter(|l| !l.trim().is_empty()).count() == 1;
    if one_line && super::signed::is_credential_url(t) {
        return found(
            InputKind::Credential,
            "a URL that carries a signature or a key in its query",
        );
    }
    if one_line {
        if let Some(d) = detect_value(lines.iter().find(|l| !l.trim().is_empty()).unwrap_or(&t)) {
            return d;
        }
    }
    if let Some((name, _)) = super::jwt::find_embedded(t) {
        return found(InputKind::Jwt, format!("a JWT in {name}"));
    }
    if super::cors::facts::is_cors(&super::cors::facts::scan(&lines.join("\n"))) {
        return found(
            InputKind::Exchange,
            "a CORS exchange or the browser's CORS message",
        );
    }
    found(
        InputKind::Unknown,
        "not a header, token, challenge, HTTP message or curl command",
    )
}

/// Classifies a single-line value with no header name.
fn detect_value(line: &str) -> Option<Detection> {
    let v = line.trim();
    // An .npmrc line (`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`) is registry config, not
    // user:password: it is read as tool output, for the token it holds.
    if v.starts_with("//")
        && [":_authToken=", ":_auth=", ":_password="]
            .iter()
            .any(|k| v.contains(k))
    {
        return Some(found(
            InputKind::Unknown,
            "an .npmrc line: registry settings, not an Authorization value",
        ));
    }
    // A JSON object or array on one line (a JSON log record, an error body) is never a
    // credential, whatever colons it holds: it is read for what it says.
    if (v.starts_with('{') && v.ends_with('}')) || (v.starts_with('[') && v.ends_with(']')) {
        return Some(found(
            InputKind::Unknown,
            "a JSON object: a log record or an error body, read for what it says",
        ));
    }
    let first = v.split_whitespace().next().unwrap_or("");
    if jwt::looks_like_jwt(v) {
        let kind = if v.split('.').count() == 5 {
            "five dot-separated parts: a JWE"
        } else {
            "three dot-separated base64url parts: a JWT"
        };
        return Some(found(InputKind::Jwt, kind));
    }
    // SharedKey and AWS (Signature V2) values are one `id:signature` word; a line such as
    // "AWS was not able to validate the provided access credentials" is a message, not one.
    let id_signature = |rest: &str| {
        let rest = rest.trim();
        rest.contains(':') && !rest.contains(char::is_whitespace)
    };
    let known = super::core::scheme::lookup(first)
        .map(|s| s.name)
        .filter(|s| {
            !["SharedKey", "SharedKeyLite", "AWS"].contains(s)
                || id_signature(v.get(first.len()..).unwrap_or_default())
        });
    if let Some(scheme) = known {
        let rest = v.get(first.len()..).unwrap_or_default().trim();
        if rest.is_empty() {
            return Some(if ["Negotiate", "NTLM", "Kerberos"].contains(&scheme) {
                found(
                    InputKind::Challenge,
                    format!("a bare \"{scheme}\" is what servers send to start the handshake"),
                )
            } else {
                found(
                    InputKind::Credential,
                    format!("the scheme \"{scheme}\" with nothing after it"),
                )
            });
        }
        let parsed = authparams::parse(v);
        let Some(item) = parsed.items.first() else {
            return Some(found(
                InputKind::Credential,
                format!("starts with the {scheme} scheme"),
            ));
        };
        if parsed.items.len() > 1 {
            return Some(found(
                InputKind::Challenge,
                "several schemes: a list of challenges",
            ));
        }
        if item.token68.is_some() {
            return Some(found(
                InputKind::Credential,
                format!("the {scheme} scheme followed by a token"),
            ));
        }
        let client_side = item
            .params
            .iter()
            .any(|p| CREDENTIAL_PARAMS.contains(&p.name.to_ascii_lowercase().as_str()));
        if item.params.is_empty() || client_side {
            return Some(found(
                InputKind::Credential,
                format!("the {scheme} scheme with client parameters"),
            ));
        }
        return Some(found(
            InputKind::Challenge,
            format!("the {scheme} scheme with server parameters such as realm"),
        ));
    }
    if !v.contains(char::is_whitespace) {
        if super::credential::known_token::identify(v).is_some() {
            return Some(found(
                InputKind::Credential,
                "a token in a known provider format",
            ));
        }
        if v.len() >= 16
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
        {
            return Some(found(InputKind::Credential, "a single opaque token"));
        }
        if v.contains(':') && !v.contains("://") {
            return Some(found(InputKind::Credential, "looks like user:password"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> InputKind {
        detect(s).kind
    }

    #[test]
    fn a_har_is_its_own_kind_even_with_tokens_inside() {
        let har = include_str!("../../tests/har/chromium-handwritten.har");
        assert_eq!(kind(har), InputKind::Har);
        assert_eq!(
            kind(include_str!("../../tests/har/firefox-handwritten.har")),
            InputKind::Har
        );
        assert_ne!(kind(r#"{"error":"invalid_token"}"#), InputKind::Har);
    }

    #[test]
    fn sample_table() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let cases: &[(&str, InputKind)] = &[
            ("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", InputKind::Credential),
            ("authorization: bearer abc.def", InputKind::Credential),
            ("Proxy-Authorization: Basic QQ==", InputKind::Credential),
            ("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", InputKind::Credential),
            ("Bearer mF_9.B5f-4.1JqM", InputKind::Credential),
            ("Bearer", InputKind::Credential),
            (jwt, InputKind::Jwt),
            (&format!("Bearer {jwt}"), InputKind::Credential),
            ("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", InputKind::Jwt),
            ("WWW-Authenticate: Basic realm=\"x\"", InputKind::Challenge),
            ("WWW-Authenticate: Basic realm=\"x\"\nWWW-Authenticate: Negotiate", InputKind::Challenge),
            ("WWW-Authenticate: Digest\n  realm=\"x\",\n  nonce=\"n\"", InputKind::Challenge),
            ("Basic realm=\"simple\", Newauth realm=\"apps\"", InputKind::Challenge),
            ("Bearer realm=\"example\", error=\"invalid_token\"", InputKind::Challenge),
            ("Negotiate", InputKind::Challenge),
            ("Digest username=\"Mufasa\", realm=\"x\", nonce=\"n\", uri=\"/\", response=\"r\"", InputKind::Credential),
            ("Digest realm=\"x\", qop=\"auth\", nonce=\"n\"", InputKind::Challenge),
            ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc", InputKind::Credential),
            ("NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==", InputKind::Credential),
            ("GET /a HTTP/1.1\nHost: x\nAuthorization: Basic QQ==", InputKind::Exchange),
            ("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic", InputKind::Exchange),
            ("> GET / HTTP/1.1\n> Host: x\n>\n< HTTP/1.1 401 Unauthorized", InputKind::Exchange),
            ("curl 'https://api.test/x' -H 'Authorization: Bearer abc'", InputKind::Curl),
            ("$ curl -u a:b https://x.test", InputKind::Curl),
            ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", InputKind::Credential),
            ("alice:secret", InputKind::Credential),
            // https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key
            ("SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08=", InputKind::Credential),
            ("AWS was not able to validate the provided access credentials", InputKind::Unknown),
            // https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow
            ("//registry.npmjs.org/:_authToken=${NPM_TOKEN}", InputKind::Unknown),
            ("Cookie: theme=dark; session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", InputKind::Jwt),
            ("https://app.test/callback#id_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln&state=x", InputKind::Jwt),
            ("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", InputKind::Credential),
            ("https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIzaSyA-fake-key-0123456789abcdefghij", InputKind::Credential),
            ("https://example.com/search?q=rust", InputKind::Unknown),
            ("hello world, how are you", InputKind::Unknown),
            ("", InputKind::Unknown),
            ("   \n\t ", InputKind::Unknown),
            ("\u{0}\u{1}\u{2}binary\u{0}", InputKind::Unknown),
            ("<html><body>nope</body></html>", InputKind::Unknown),
            // https://github.com/crowdsecurity/hub/issues/183
            (r#"2021/03/16 09:12:04 [error] 5669#5669: *4030 user "user1": password mismatch, client: 22.22.22.22, server: dgu.site1.ru, request: "GET / HTTP/1.1", host: "dgu.site1.ru""#, InputKind::Logs),
            (r#"192.0.2.7 - - [14/Apr/2020:10:10:17 +0000] "GET /api HTTP/1.1" 401 153 "-" "curl/8.0""#, InputKind::Logs),
            ("UnauthorizedError: jwt expired\n    at /app/node_modules/express-jwt/lib/index.js:102:22", InputKind::Logs),
            (r#"Bearer error="invalid_token", error_description="Token is not active""#, InputKind::Challenge),
            ("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"Jwt is expired\"", InputKind::Exchange),
            // aaamoon/copilot-gpt4-service#152: a credential with the JSON answer under it, whose
            // "Bad credentials" a log reader would know.
            ("Authorization: token ghu_1ON43xKmTecQoXsf2o3gyrDO1xkxwnQrS7RP\n\n{\n  \"code\": 401,\n  \"error\": \"Bad credentials\"\n}", InputKind::Credential),
        ];
        for (input, want) in cases {
            assert_eq!(
                kind(input),
                *want,
                "input: {input:?} ({})",
                detect(input).reason
            );
        }
    }

    #[test]
    fn huge_input_is_classified_without_panic() {
        let big = "A".repeat(10 * 1024 * 1024);
        assert_eq!(kind(&big), InputKind::Credential);
        let lines = "x y\n".repeat(200_000);
        assert_eq!(kind(&lines), InputKind::Unknown);
    }

    #[test]
    fn ids_roundtrip() {
        for k in InputKind::ALL {
            assert_eq!(InputKind::from_id(k.id()), Some(k));
        }
    }
}
