use super::*;
// The whole engine, as a paste goes through it (tests may reach anywhere).
use crate::engine::{self as engine};
use engine::{analyze as engine_analyze, detect, InputKind};

fn at(now: i64) -> Context {
    Context::with_clock(Clock {
        now: Some(now),
        leeway: 60,
        offset_minutes: 0,
    })
}

fn ids(text: &str, now: i64) -> Vec<&'static str> {
    let kind = detect(text).kind;
    engine_analyze(text, kind, &at(now)).ids()
}

/// AWS's example presigned URL, signed 2013-05-24 00:00:00 UTC for 86400 s.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
const AWS_DOC: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
const T_2013_05_24: i64 = 1_369_353_600;

#[test]
fn aws_presigned_window() {
    assert_eq!(detect(AWS_DOC).kind, InputKind::Credential);
    let inside = ids(AWS_DOC, T_2013_05_24 + 3600);
    assert!(inside.contains(&"signed.identified"), "{inside:?}");
    assert!(inside.contains(&"signed.in_window"));
    assert!(
        !inside.iter().any(|i| i.starts_with("urlkey.")),
        "{inside:?}"
    );
    let late = ids(AWS_DOC, T_2013_05_24 + 86_400 + 3600);
    assert!(late.contains(&"signed.expired"));
    let early = ids(AWS_DOC, T_2013_05_24 - 3600);
    assert!(early.contains(&"signed.not_yet_valid"));
}

#[test]
fn aws_presigned_mistakes() {
    let long = AWS_DOC.replace("X-Amz-Expires=86400", "X-Amz-Expires=864000");
    assert!(ids(&long, T_2013_05_24).contains(&"signed.expiry_too_long"));
    let asia = AWS_DOC.replace("AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE");
    assert!(ids(&asia, T_2013_05_24).contains(&"sigv4.temporary_key_without_x"));
    let region = AWS_DOC.replace(
        "examplebucket.s3.amazonaws.com",
        "examplebucket.s3.eu-west-1.amazonaws.com",
    );
    assert!(ids(&region, T_2013_05_24).contains(&"signed.region_mismatch"));
    let day = AWS_DOC.replace("X-Amz-Date=20130524", "X-Amz-Date=20130525");
    assert!(ids(&day, T_2013_05_24).contains(&"sigv4.x_amz_date_another"));
    let cut = AWS_DOC
        .get(..AWS_DOC.find("&X-Amz-SignedHeaders").unwrap())
        .unwrap_or_default();
    assert!(ids(cut, T_2013_05_24).contains(&"signed.missing_param"));
}

#[test]
fn signed_headers_must_be_sent() {
    let url = AWS_DOC.replace(
        "X-Amz-SignedHeaders=host",
        "X-Amz-SignedHeaders=content-type%3Bhost",
    );
    assert!(ids(&url, T_2013_05_24).contains(&"signed.headers_to_send"));
    let curl = format!("curl -X PUT -T photo.jpg '{url}'");
    let got = ids(&curl, T_2013_05_24);
    assert!(got.contains(&"signed.header_not_sent"), "{got:?}");
    assert!(!got.contains(&"curl.no_credentials"), "{got:?}");
    let sent = format!("curl -X PUT -H 'Content-Type: image/jpeg' -T photo.jpg '{url}'");
    assert!(!ids(&sent, T_2013_05_24).contains(&"signed.header_not_sent"));
}

#[test]
fn expired_judged_by_the_response_date() {
    let path = AWS_DOC
        .get("https://examplebucket.s3.amazonaws.com".len()..)
        .unwrap_or_default();
    let ex = format!("GET {path} HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n\nHTTP/1.1 403 Forbidden\nDate: Sun, 26 May 2013 00:00:00 GMT\nContent-Type: application/xml\n\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    let got = ids(&ex, T_2013_05_24 + 60);
    assert!(got.contains(&"signed.expired"), "{got:?}");
    assert!(!got.contains(&"server.aws_expired"), "{got:?}");
    assert!(!got.contains(&"exchange.no_credentials_sent"), "{got:?}");
}

#[test]
fn cache_after_expiry() {
    let path = AWS_DOC
        .get("https://examplebucket.s3.amazonaws.com".len()..)
        .unwrap_or_default();
    let ex = format!("GET {path} HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n\nHTTP/1.1 200 OK\nDate: Sun, 26 May 2013 00:00:00 GMT\nAge: 90000\nX-Cache: Hit from cloudfront\n\n");
    let got = ids(&ex, T_2013_05_24 + 60);
    assert!(got.contains(&"signed.served_after_expiry"), "{got:?}");
    assert!(!got.contains(&"signed.expired"), "{got:?}");
}

#[test]
fn request_time_too_skewed_names_the_skew() {
    let ex = "HTTP/1.1 403 Forbidden\nContent-Type: application/xml\n\n<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20170605T143536Z</RequestTime><ServerTime>2017-06-05T16:02:08Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>";
    let r = engine_analyze(ex, detect(ex).kind, &Context::default());
    let f = r
        .findings
        .iter()
        .find(|f| f.id.0 == "signed.time_skewed")
        .expect("skew");
    assert!(f.title.contains("1 h 26 min"), "{}", f.title);
}

/// The service SAS example from Azure's documentation, used as a blob read and write.
/// https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas
const SAS: &str = "https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2015-04-05&st=2015-04-29T22%3A18%3A26Z&se=2015-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D";
const SAS_START: i64 = 1_430_345_906; // 2015-04-29T22:18:26Z

#[test]
fn azure_sas_window_and_rules() {
    assert_eq!(detect(SAS).kind, InputKind::Credential);
    let got = ids(SAS, SAS_START + 60);
    assert!(got.contains(&"signed.in_window"), "{got:?}");
    assert!(got.contains(&"signed.azure_ip"));
    assert!(!got.contains(&"signed.azure_sig_malformed"), "{got:?}");
    assert!(ids(SAS, SAS_START - 3600).contains(&"signed.not_yet_valid"));
    assert!(ids(SAS, SAS_START + 86_400).contains(&"signed.expired"));
    let del = format!("curl -X DELETE '{SAS}'");
    assert!(ids(&del, SAS_START + 60).contains(&"signed.azure_permission"));
    let http = SAS.replace("https://", "http://");
    assert!(ids(&http, SAS_START + 60).contains(&"signed.azure_protocol"));
    let plus = SAS.replace("Z%2FRHIX5", "Z+RHIX5");
    assert!(ids(&plus, SAS_START + 60).contains(&"signed.azure_sig_unencoded"));
    let container = SAS.replace("/sascontainer/sasblob.txt", "/sascontainer");
    assert!(ids(&container, SAS_START + 60).contains(&"signed.azure_resource_type"));
}

#[test]
fn azure_account_sas_types() {
    // srt=s only reaches service-level operations; a blob needs o.
    let url = "https://myaccount.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=f&srt=s&sp=r&se=2030-01-01T00%3A00%3A00Z&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D";
    let got = ids(url, SAS_START);
    assert!(got.contains(&"signed.azure_resource_type"), "{got:?}");
    assert!(got.contains(&"signed.azure_service"), "{got:?}");
}

#[test]
fn gcs_v4_and_cloudfront() {
    // Cloud Storage's V4 example shape (signature shortened to a same-shape fake).
    let gcs = format!("https://storage.googleapis.com/example-bucket/cat.jpeg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=example%40example-project.iam.gserviceaccount.com%2F20181026%2Fus-central1%2Fstorage%2Fgoog4_request&X-Goog-Date=20181026T181309Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature={}", "ab".repeat(256));
    let got = ids(&gcs, 1_540_577_589 + 60);
    assert!(got.contains(&"signed.in_window"), "{got:?}");
    assert!(ids(&gcs, 1_540_577_589 + 3600).contains(&"signed.expired"));
    // CloudFront's canned-policy example; Expires=1767290400 is 2026-01-01 18:00 UTC.
    let cf = "https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium&Expires=1767290400&Signature=nitfHRCrtziwO2HwPfWw~yYDhUF5EwRunQA-j19DzZrvDh6hQ73lDx~-ar3UocvvRQVw6EkC~GdpGQyyOSKQim-TxAnW7d8F5Kkai9HVx0FIu-5jcQb0UEmatEXAMPLE3ReXySpLSMj0yCd3ZAB4UcBCAqEijkytL6f3fVYNGQI6&Key-Pair-Id=K2JCJMDEHXQW5F";
    assert!(ids(cf, 1_767_290_400 - 60).contains(&"signed.in_window"));
    assert!(ids(cf, 1_767_290_400 + 7200).contains(&"signed.expired"));
}

#[test]
fn cloudfront_custom_policy() {
    let policy = r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}}}]}"#;
    let enc: String = crate::engine::core::b64::encode(policy.as_bytes())
        .chars()
        .map(|c| match c {
            '+' => '-',
            '=' => '_',
            '/' => '~',
            c => c,
        })
        .collect();
    let url = format!("https://d111111abcdef8.cloudfront.net/a.mp4?Policy={enc}&Signature=abc~def&Key-Pair-Id=K2JCJMDEHXQW5F");
    let got = ids(&url, 1_767_290_400 + 100);
    assert!(got.contains(&"signed.expired"), "{got:?}");
    assert!(got.contains(&"signed.cloudfront_ip"), "{got:?}");
    let bad = "https://d111111abcdef8.cloudfront.net/a.mp4?Policy=%%%&Signature=abc&Key-Pair-Id=K2JCJMDEHXQW5F";
    assert!(ids(bad, 0).contains(&"signed.cloudfront_policy_unreadable"));
}

#[test]
fn keys_in_the_query() {
    let g = "https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=AIzaSyD-FAKEFAKEFAKEFAKEFAKEFAKEFAKE123";
    let got = ids(g, 0);
    assert!(got.contains(&"urlkey.in_url"), "{got:?}");
    assert!(got.contains(&"token.identified"), "{got:?}");
    assert!(!got.contains(&"token.not_in_query"), "{got:?}");
    let ant =
        "curl 'https://api.anthropic.com/v1/messages?api_key=sk-ant-api03-FAKEFAKEFAKEFAKEFAKE'";
    let got = ids(ant, 0);
    assert!(got.contains(&"token.not_in_query"), "{got:?}");
    assert!(!got.contains(&"curl.no_credentials"), "{got:?}");
    let f = "curl https://myapp.azurewebsites.net/api/HttpTrigger1 -H 'x-api-key: aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghij=='";
    assert!(ids(f, 0).contains(&"urlkey.functions_header"));
    let code = "https://myapp.azurewebsites.net/api/HttpTrigger1?code=aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghij==";
    assert!(ids(code, 0).contains(&"urlkey.in_url"));
    // An OAuth callback's code is not a Functions key.
    assert!(!is_credential_url(
        "https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"
    ));
}

#[test]
fn keys_public_by_design_in_the_url_are_not_leaks() {
    // Mapbox's public token goes in ?access_token= (https://docs.mapbox.com/accounts/guides/tokens/).
    let mapbox = "https://api.mapbox.com/styles/v1/mapbox/streets-v12/tiles/256/1/1/0?access_token=pk.eyJ1IjoiZXhhbXBsZXMiLCJhIjoiY2p0MG01MXRqMW45cjQzb2R6b2ptc3J4MSJ9.zA2W0IkI0c6KaAhJfk9bWg";
    let got = ids(mapbox, 0);
    assert!(!got.contains(&"urlkey.in_url"), "{got:?}");
    assert!(got.contains(&"token.identified"), "{got:?}");
    // Mapbox's own example request, with its placeholder (https://mapbox.com/help/define-access-token).
    let doc = "https://api.mapbox.com/geocoding/v5/mapbox.places/Los%20Angeles.json?access_token=YOUR_MAPBOX_ACCESS_TOKEN";
    assert!(!ids(doc, 0).contains(&"urlkey.in_url"));
    // The Maps JavaScript API loads with the key in the script URL.
    let js = "https://maps.googleapis.com/maps/api/js?key=AIzaSyD-FAKEFAKEFAKEFAKEFAKEFAKEFAKE123&callback=initMap";
    assert!(!ids(js, 0).contains(&"urlkey.in_url"));
}

#[test]
fn apim_query_key_not_read() {
    let ex = "GET /echo/resource?param1=sample&subscription-key=0123456789abcdef0123456789abcdef HTTP/1.1\nHost: contoso.azure-api.net\n\nHTTP/1.1 401 Access Denied\nContent-Type: application/json\n\n{ \"statusCode\": 401, \"message\": \"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.\" }";
    let got = ids(ex, 0);
    assert!(got.contains(&"urlkey.apim_query_not_read"), "{got:?}");
    assert!(!got.contains(&"exchange.no_credentials_sent"), "{got:?}");
}

#[test]
fn openai_key_at_azure() {
    let c = "curl https://myres.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=2024-02-01 -H 'Authorization: Bearer sk-proj-FAKEFAKEFAKEFAKEFAKEFAKE'";
    assert!(ids(c, 0).contains(&"urlkey.openai_key_at_azure"));
}

#[test]
fn junk_urls_are_total() {
    for u in [
        "https://a.test/?X-Amz-Credential=%&X-Amz-Date=99999999T999999Z&X-Amz-Expires=-5",
        "https://a.test/?X-Amz-Expires=99999999999999999999999&X-Amz-Date=20130524T000000Z&X-Amz-Signature=x",
        "https://a.blob.core.windows.net/?sig=&se=é&st=2019-02-30&sp=",
        "https://a.test/?Key-Pair-Id=x&Policy=eyJ9&Expires=-9223372036854775808",
        "https://a.test/?Expires=9223372036854775807&AWSAccessKeyId=A&Signature=s",
    ] {
        for now in [0, i64::MAX / 2, i64::MIN / 2] {
            let _ = ids(u, now);
        }
    }
}
