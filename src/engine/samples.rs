//! Examples, one of each kind of failure, for people learning what a 401 can mean. Each names
//! the finding it shows, and a test keeps it showing that. Texts follow RFC examples and the
//! real-world corpus (tests/corpus/), with fake secrets.

/// One example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// The button's label.
    pub label: &'static str,
    /// The text it pastes.
    pub text: &'static str,
    /// The finding it demonstrates; empty for a credential that is fine (it decodes cleanly).
    pub shows: &'static str,
    /// Offered in the short row under the paste box (the rest are in the gallery).
    pub featured: bool,
}

const fn s(label: &'static str, shows: &'static str, featured: bool, text: &'static str) -> Sample {
    Sample {
        label,
        text,
        shows,
        featured,
    }
}

/// Every example, the featured ones first.
pub const SAMPLES: &[Sample] = &[
    s("Basic header", "", true, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
    s("Expired JWT", "jwt.expired", true, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjJ9.kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg"),
    s("Challenge", "challenge.invalid_token", true, "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\""),
    s("curl -v 401", "basic.whitespace_around", true, "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Basic realm=\"api\", charset=\"UTF-8\"\n<\n{\"error\":\"bad credentials\"}"),
    s("curl command", "bearer.placeholder", true, "curl 'https://api.example.com/v1/me' -H 'Authorization: Bearer undefined'"),
    s("Preflight answered 401", "cors.preflight_needs_auth", false, "OPTIONS /user HTTP/1.1\nHost: localhost:8080\nOrigin: http://localhost:4200\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"Realm\"\n"),
    s("Scheme mismatch", "exchange.scheme_mismatch", false, "GET /api/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\n"),
    s("Digest stale nonce", "challenge.stale_true_nonce_expired", false, "WWW-Authenticate: Digest realm=\"http-auth@example.org\", qop=\"auth\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", stale=true"),
    s("Registry insufficient_scope", "challenge.insufficient_scope", false, "HTTP/1.1 401 Unauthorized\nDocker-Distribution-Api-Version: registry/2.0\nWWW-Authenticate: Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/ubuntu:pull\",error=\"insufficient_scope\"\n"),
    s("Entra claims challenge", "server.claims_challenge", false, "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19\"\n"),
    s("Kubernetes anonymous", "server.k8s_anonymous", false, "HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\",\"reason\":\"Forbidden\",\"code\":403}"),
    s("Key in the wrong header", "token.not_in_authorization", false, "curl https://api.anthropic.com/v1/messages -H 'Authorization: Bearer sk-ant-api03-FAKEFAKEFAKEFAKEFAKEFAKEFAKE' -H 'anthropic-version: 2023-06-01'"),
    s("Single-quoted $TOKEN", "curl.single_quoted_var", false, "curl -H 'Authorization: Bearer $TOKEN' https://api.digitalocean.com/v2/account"),
    s("Redirect dropped the token", "transcript.redirect_dropped_authorization", false, "$ curl -v -L -H \"Authorization: Bearer abc123def456\" https://api.example.com/v1/files/42\n> GET /v1/files/42 HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer abc123def456\n>\n< HTTP/1.1 302 Found\n< Location: https://files.example.net/v1/files/42\n<\n> GET /v1/files/42 HTTP/1.1\n> Host: files.example.net\n>\n< HTTP/1.1 401 Unauthorized\n"),
    s("Server log lines", "jwt.expired", false, "2024-06-14 16:01:31.123 fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Authentication failed. Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo: '06/14/2024 16:01:30', Current time: '06/14/2024 16:01:31'.\n2024-06-14 16:01:31.124 info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[12]\n      AuthenticationScheme: Bearer was challenged.\n"),
    s("Expired presigned URL", "signed.expired", false, "GET /photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404 HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n\nHTTP/1.1 403 Forbidden\nContent-Type: application/xml\n\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, detect, Clock, Context};

    #[test]
    fn every_sample_shows_its_finding() {
        let ctx = Context::with_clock(Clock {
            now: Some(1_900_000_000),
            ..Clock::default()
        });
        for s in SAMPLES {
            let r = analyze(s.text, detect(s.text).kind, &ctx);
            if s.shows.is_empty() {
                assert!(r.errors().is_empty() && !r.parts.is_empty(), "{}", s.label);
            } else {
                assert!(r.has_id(s.shows), "{}: {:?}", s.label, r.ids());
            }
        }
        assert!(SAMPLES.iter().filter(|s| s.featured).count() <= 6);
    }
}
