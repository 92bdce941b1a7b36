//! What can be known before sending anything (P0): the URL, mixed content, local network access.

use super::ProbeRequest;
use crate::engine::core::finding::{Finding, SpecRef};

pub use crate::engine::core::url::{address_space, parse_url, AddressSpace, Url};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The URL cannot be probed"
    pub const BAD_URL: FindingId = FindingId("probe.bad_url");
    /// "The browser will ask for permission (Local Network Access)"
    pub const LOCAL_NETWORK_ACCESS: FindingId = FindingId("probe.local_network_access");
    /// "Mixed content: an https page cannot call an http URL"
    pub const MIXED_CONTENT: FindingId = FindingId("probe.mixed_content");
    /// "The credential was pasted for {h}, not {}"
    pub const OTHER_HOST: FindingId = FindingId("probe.other_host");
    /// "This sends the credential over plain http"
    pub const PLAIN_HTTP_CREDENTIAL: FindingId = FindingId("probe.plain_http_credential");
    /// "Same origin: CORS does not apply"
    pub const SAME_ORIGIN: FindingId = FindingId("probe.same_origin");
    /// "The URL contains user:password@"
    pub const USERINFO_IN_URL: FindingId = FindingId("probe.userinfo_in_url");
}

/// What can be known before sending anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precheck {
    /// The target, when the URL parses.
    pub url: Option<Url>,
    /// What the user should know before sending (mixed content, local network, credentials).
    pub findings: Vec<Finding>,
}

/// Whether the page can ever reach the URL, and what the user should know before sending.
pub fn precheck(req: &ProbeRequest, page_origin: &str, credential_host: Option<&str>) -> Precheck {
    let mut out = Vec::new();
    let url = match parse_url(&req.url) {
        Ok(u) => u,
        Err(e) => {
            out.push(Finding::error(
                ids::BAD_URL,
                "The URL cannot be probed",
                format!("{e}."),
            ));
            return Precheck {
                url: None,
                findings: out,
            };
        }
    };
    let page = parse_url(page_origin).ok();
    if url.userinfo {
        out.push(Finding::error(ids::USERINFO_IN_URL,
            "The URL contains user:password@",
            "fetch() refuses URLs with credentials in them (TypeError before anything is sent), and browsers strip them from links.",
        ).fix("Remove user:password@ from the URL and send an Authorization: Basic header instead.").spec(SpecRef::new("Fetch §5.3", "https://fetch.spec.whatwg.org/#dom-request")));
    }
    if let Some(p) = &page {
        let trustworthy = address_space(&url.host) == AddressSpace::Loopback;
        if p.scheme == "https" && url.scheme == "http" && !trustworthy {
            out.push(Finding::error(ids::MIXED_CONTENT,
                "Mixed content: an https page cannot call an http URL",
                format!("This page is {}, the target is plain http. The browser blocks the request before any traffic, and the page only sees a TypeError.", p.origin()),
            ).fix("Serve the API over https (or open authlens over http for this test).").spec(SpecRef::new("Mixed Content §4.4", "https://www.w3.org/TR/mixed-content/#should-block-fetch")));
        }
        let (from, to) = (address_space(&p.host), address_space(&url.host));
        if to < from {
            out.push(Finding::warning(ids::LOCAL_NETWORK_ACCESS,
                "The browser will ask for permission (Local Network Access)",
                format!("This page is on a {} address and the target is on a {} one. Chromium asks the user before a page may reach the local network or this machine; if the prompt is dismissed or denied, the request fails like a network error.", space_name(from), space_name(to)),
            ).fix("Allow the prompt, or run authlens from the same network (e.g. serve it locally) to probe local services.").spec(SpecRef::new("Local Network Access", "https://wicg.github.io/local-network-access/")));
        }
        if p.origin() == url.origin() {
            out.push(Finding::info(ids::SAME_ORIGIN, "Same origin: CORS does not apply", "The page and the URL share an origin, so none of the CORS checks happen; failures are plain HTTP."));
        }
    }
    if let Some(auth) = req.header("authorization") {
        let _ = auth;
        if url.scheme == "http" && address_space(&url.host) == AddressSpace::Public {
            out.push(
                Finding::warning(
                    ids::PLAIN_HTTP_CREDENTIAL,
                    "This sends the credential over plain http",
                    format!("Anyone on the network path to {} can read it.", url.host),
                )
                .fix("Use https, or remove the Authorization header before probing."),
            );
        }
        if let Some(h) = credential_host {
            let h = h.split(':').next().unwrap_or(h).to_ascii_lowercase();
            if !h.is_empty() && h != url.host {
                out.push(
                    Finding::warning(
                        ids::OTHER_HOST,
                        format!("The credential was pasted for {h}, not {}", url.host),
                        "Sending it to another host gives that host your credential.",
                    )
                    .fix("Check the URL, or remove the Authorization header."),
                );
            }
        }
    }
    Precheck {
        url: Some(url),
        findings: out,
    }
}

fn space_name(s: AddressSpace) -> &'static str {
    match s {
        AddressSpace::Loopback => "loopback (this machine)",
        AddressSpace::Local => "private network",
        AddressSpace::Public => "public",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::http::Header;

    fn req(url: &str, auth: bool) -> ProbeRequest {
        ProbeRequest {
            url: url.into(),
            method: "GET".into(),
            headers: if auth {
                vec![Header {
                    name: "Authorization".into(),
                    value: "Bearer x".into(),
                }]
            } else {
                vec![]
            },
            ..ProbeRequest::default()
        }
    }

    fn titles(r: &ProbeRequest, page: &str, cred: Option<&str>) -> Vec<&'static str> {
        precheck(r, page, cred)
            .findings
            .into_iter()
            .map(|f| f.id.as_str())
            .collect()
    }

    #[test]
    fn urls() {
        let u = parse_url("https://API.test:8443/a?b#c").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("api.test", 8443, "/a?b")
        );
        assert_eq!(u.origin(), "https://api.test:8443");
        assert_eq!(parse_url("http://[::1]:8080").unwrap().host, "::1");
        assert_eq!(
            parse_url("https://x.test").unwrap().origin(),
            "https://x.test"
        );
        assert!(parse_url("ftp://x").is_err());
        assert!(parse_url("api.test/x")
            .unwrap_err()
            .contains("absolute URL"));
    }

    #[test]
    fn address_spaces() {
        assert_eq!(address_space("127.0.0.1"), AddressSpace::Loopback);
        assert_eq!(address_space("localhost"), AddressSpace::Loopback);
        assert_eq!(address_space("192.168.1.5"), AddressSpace::Local);
        assert_eq!(address_space("172.20.0.1"), AddressSpace::Local);
        assert_eq!(address_space("172.40.0.1"), AddressSpace::Public);
        assert_eq!(address_space("api.example.com"), AddressSpace::Public);
    }

    #[test]
    fn p0_findings() {
        assert!(titles(
            &req("http://api.example.com/x", false),
            "https://tools.example.org",
            None
        )
        .contains(&"probe.mixed_content"));
        assert!(!titles(
            &req("http://127.0.0.1:9/x", false),
            "https://tools.example.org",
            None
        )
        .contains(&"probe.mixed_content"));
        assert!(titles(
            &req("http://192.168.1.10/x", false),
            "https://tools.example.org",
            None
        )
        .contains(&"probe.local_network_access"));
        assert!(
            titles(&req("https://u:p@api.test/", false), "https://t.test", None)
                .contains(&"probe.userinfo_in_url")
        );
        assert!(
            titles(&req("http://api.example.com/", true), "http://t.test", None)
                .contains(&"probe.plain_http_credential")
        );
        assert!(titles(
            &req("https://evil.test/", true),
            "https://t.test",
            Some("api.test")
        )
        .contains(&"probe.other_host"));
        assert!(
            titles(&req("https://t.test/api", false), "https://t.test", None)
                .contains(&"probe.same_origin")
        );
    }
}
