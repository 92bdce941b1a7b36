//! Each pattern a pasted CORS exchange can show, decided natively. Inputs follow the corpus
//! cases in tests/corpus/shell.json (sources cited there).

use super::facts::scan;
use super::*;

fn causes(text: &str) -> Vec<Cause> {
    decide(&scan(text))
}

#[test]
fn preflight_answered_by_auth() {
    // spring-projects/spring-security: Spring Security answers the OPTIONS with 401.
    let t = "OPTIONS /user HTTP/1.1\nOrigin: http://localhost:4200\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"Realm\"\n";
    assert_eq!(causes(t), [Cause::PreflightNeedsAuth(401)]);
    // DevTools' copy of a preflight answered 401 by IIS.
    let t = "Request Method:OPTIONS\nStatus Code:401 Unauthorized\nServer:Kestrel\nAccess-Control-Request-Headers:accept, authorization\nAccess-Control-Request-Method:GET\n";
    assert_eq!(causes(t), [Cause::PreflightNeedsAuth(401)]);
    // kdeps/kdeps#468: a preflight made by hand with curl, the status noted after it.
    let t = "curl -s -o /dev/null -w \"%{http_code}\\n\" -X OPTIONS http://127.0.0.1:16400/api/v1/chat \\\n  -H \"Origin: http://127.0.0.1:8090\" \\\n  -H \"Access-Control-Request-Method: POST\" \\\n  -H \"Access-Control-Request-Headers: authorization,content-type\"\n# => 401  (expected: 204/200 with Access-Control-Allow-* headers)\n";
    assert_eq!(causes(t), [Cause::PreflightNeedsAuth(401)]);
}

#[test]
fn redirect_headers_methods() {
    let t = "OPTIONS /submodels HTTP/1.1\nAccess-Control-Request-Method: GET\n\nHTTP/1.1 308 PERMANENT REDIRECT\nLocation: http://localhost:8080/submodels/\n";
    assert_eq!(causes(t), [Cause::PreflightRedirect]);
    let t = "OPTIONS /user HTTP/1.1\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 200 OK\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Headers: *\n";
    assert_eq!(
        causes(t),
        [Cause::AuthorizationNotAllowed { wildcard: true }]
    );
    let t = "OPTIONS /x HTTP/1.1\nAccess-Control-Request-Method: PATCH\n\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://a.test\nAccess-Control-Allow-Methods: GET,HEAD,PUT,POST,DELETE\n";
    assert_eq!(causes(t), [Cause::MethodNotAllowed("PATCH".into())]);
}

#[test]
fn credentials_and_hidden_errors() {
    let t = "fetch(url, { credentials: 'include' })\n\nAccess-Control-Allow-Origin: *\n";
    assert_eq!(causes(t), [Cause::WildcardWithCredentials]);
    let t = "GET https://api.example.com/api/values\nOrigin: https://app.example.com\nAuthorization: Bearer x\n\nHTTP/1.1 401 Unauthorized\n\nAccess to XMLHttpRequest at 'https://api.example.com/api/values' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    assert_eq!(causes(t), [Cause::ErrorWithoutCors(401)]);
    let t = "HTTP/1.1 401 Unauthorized\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Expose-Headers: ETag, Link\nWWW-Authenticate: Bearer scope=\"openid\"\n\n> res.headers.get('WWW-Authenticate')\nnull\n";
    assert_eq!(
        causes(t),
        [Cause::HeaderNotExposed("www-authenticate".into())]
    );
}

#[test]
fn a_working_preflight_names_nothing() {
    // A fixed allow-list that includes authorization, and the method: nothing to blame.
    let t = "OPTIONS /x HTTP/1.1\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: authorization, content-type\n\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://app.test\nAccess-Control-Allow-Methods: GET, POST, PUT\nAccess-Control-Allow-Headers: authorization, content-type\n";
    assert!(causes(t).is_empty());
    assert!(findings("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").is_empty());
}
