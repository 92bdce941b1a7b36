//! Amazon API Gateway's Cognito user-pool authorizers take the token as the whole header
//! value, and want the ID token unless the method lists OAuth scopes: documented AWS behaviour
//! that general rules would call a mistake, or miss as a cause.

use crate::engine::core::finding::{Finding, Report, SpecRef};
use crate::engine::jwt;
use serde_json::{Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "A Cognito token sent to API Gateway without a scheme"
    pub const COGNITO_TOKEN: FindingId = FindingId("credential.api_gateway_cognito_token");
}

/// AWS's page on Cognito user-pool authorizers for REST APIs.
pub const SPEC: SpecRef = SpecRef::new(
    "API Gateway: Cognito user pool authorizer",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html",
);

/// Whether `host` is an API Gateway endpoint (`{api-id}.execute-api.{region}.amazonaws.com`).
pub fn is_host(host: &str) -> bool {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    host.contains(".execute-api.")
        && (host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn"))
}

/// The claims of a Cognito user-pool token in a header value, sent bare or after `Bearer`.
pub fn cognito_claims(value: &str) -> Option<Map<String, Value>> {
    let value = value.trim();
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        Some(_) => return None,
        None => value,
    };
    let claims = jwt::claims(token)?;
    jwt::claims::cognito_token_use(&claims)?;
    Some(claims)
}

/// Reads a credential's report in the light of API Gateway: a Cognito token sent bare is not
/// missing its scheme there. The ID-token finding stays: whether the authorizer wants the ID
/// token (a user-pool authorizer without scopes) or the access token (one with scopes, or a
/// Lambda verifier) is not in the request.
pub fn settle(r: &mut Report, value: &str) {
    let bare = !value.trim().contains(' ');
    if !bare || cognito_claims(value).is_none() {
        return;
    }
    r.findings.retain(|f| f.id != super::ids::NO_SCHEME);
    r.findings.insert(0, note());
}

/// Which token the authorizer wants is said where it matters: the ID-token finding, or the
/// exchange's finding on a 401 to an access token.
fn note() -> Finding {
    Finding::info(
        ids::COGNITO_TOKEN,
        "A Cognito token sent to API Gateway without a scheme",
        "API Gateway's Cognito user-pool authorizer takes the token as the whole value of the \
         Authorization header (or of the header it names), as AWS documents, so no scheme is \
         needed there.",
    )
    .spec(SPEC)
}

#[cfg(test)]
mod tests {
    use crate::engine::context::{Context, RequestInfo};
    use crate::engine::core::header::Header;
    use crate::engine::credential::analyze_in_request;

    /// The Cognito developer guide's sample ID token claims, as in the corpus case
    /// cognito-id-token-to-apigw-rest-authorizer-is-correct (aws-amplify/docs#1137).
    const ID_TOKEN: &str = "eyJraWQiOiJYazl2UjIrcEw1blE4Y1cxbVQ0L3pZN2RGMGhKM2dCNmVBOXNVMmlPNHRjPSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhYWFhYWFhYS1iYmJiLWNjY2MtZGRkZC1lZWVlZWVlZWVlZWUiLCJhdWQiOiJ4eHh4eHh4eHh4eHhleGFtcGxlIiwiZW1haWxfdmVyaWZpZWQiOnRydWUsInRva2VuX3VzZSI6ImlkIiwiYXV0aF90aW1lIjoxNTAwMDA5NDAwLCJpc3MiOiJodHRwczovL2NvZ25pdG8taWRwLnVzLWVhc3QtMS5hbWF6b25hd3MuY29tL3VzLWVhc3QtMV9leGFtcGxlIiwiY29nbml0bzp1c2VybmFtZSI6ImphbmVkb2UiLCJleHAiOjE1MDAwMTMwMDAsImdpdmVuX25hbWUiOiJKYW5lIiwiaWF0IjoxNTAwMDA5NDAwLCJlbWFpbCI6ImphbmVkb2VAZXhhbXBsZS5jb20iLCJqdGkiOiJhYWFhYWFhYS1iYmJiLWNjY2MtZGRkZC1lZWVlZWVlZWVlZWUiLCJvcmlnaW5fanRpIjoiYWFhYWFhYWEtYmJiYi1jY2NjLWRkZGQtZWVlZWVlZWVlZWVlIn0.pxBDQg23ly0haPXat5LVrPtnDKUoH34yA0hgJ1A8qqOQbCXFPNsGANx88ad4TEK-oZW3vHL2Rpmow1o9HFss6BOQtzyl-a_gtomd1ZWrXeNw2gCJzKs1M1cUlFuUGkbHDHfyImj7qZmLDU7CHdWgpJSL6st_yRp0Rryx1AO_7NGBhnYeTF-IupVahw8V6zUOCCl0FMdcapR2EHOTKxwWNY1XA58CkRSpNzloIizEp83qaHREQuFYl32CvAEOHP4BbGYwLNl2_SxStojrEnJBfVdSAI1RTP3pG0dnefETpzwysGgNc9-eKUS64Ma3jcUT-l76CWXVnPC3gjD4eH2IZq";

    fn to(host: &str) -> RequestInfo {
        RequestInfo {
            target: Some("/dev/pets".into()),
            headers: vec![Header {
                name: "Host".into(),
                value: host.into(),
            }],
            ..RequestInfo::default()
        }
    }

    #[test]
    fn a_bare_cognito_token_is_how_api_gateway_documents_it() {
        let r = analyze_in_request(
            &format!("Authorization: {ID_TOKEN}"),
            &to("abc123.execute-api.us-east-1.amazonaws.com"),
            &Context::default(),
        );
        assert!(
            r.has_id("credential.api_gateway_cognito_token"),
            "{:?}",
            r.ids()
        );
        assert!(!r.has_id("credential.no_scheme"));
        // Anywhere else a bare token still lacks its scheme.
        let r = analyze_in_request(
            &format!("Authorization: {ID_TOKEN}"),
            &to("api.example.com"),
            &Context::default(),
        );
        assert!(r.has_id("credential.no_scheme"));
        assert!(!r.has_id("credential.api_gateway_cognito_token"));
    }
}
