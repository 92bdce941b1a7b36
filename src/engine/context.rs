//! What an analysis may use beyond the pasted text: the clock, values the user typed, and
//! what is known about the request that carried a credential.

use super::core::clock::Clock;
use super::core::finding::Ask;
use super::core::method::Method;
use super::core::request::{CredMode, ProbeRequest};
use super::core::url::parse_url;
use super::http::Header;

/// Values the user typed into the page to check a credential (never sent anywhere).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestInputs {
    /// The password to recompute a Digest response with.
    pub password: Option<String>,
    /// The request method; `None` takes it from the pasted request, else GET.
    pub method: Option<String>,
    /// The request body, for qop=auth-int (empty when not given).
    pub body: String,
}

impl DigestInputs {
    /// From the form's three boxes, where an empty box means "not given".
    pub fn from_form(password: &str, method: &str, body: &str) -> Self {
        let given = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        DigestInputs {
            password: given(password),
            method: given(method.trim()),
            body: body.to_string(),
        }
    }
}

/// Everything besides the text that analyses may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Current time and leeway.
    pub clock: Clock,
    /// Digest check inputs.
    pub digest: DigestInputs,
    /// The API (audience) the user expects tokens to be for.
    pub expected_aud: Option<String>,
}

impl Context {
    /// The expected audience, if the user typed one.
    pub fn audience(&self) -> Option<&str> {
        self.expected_aud
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }

    /// A context with only a clock.
    pub fn with_clock(clock: Clock) -> Self {
        Context {
            clock,
            ..Context::default()
        }
    }
}

/// What is known about the request that carried a credential (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestInfo {
    /// Method from the request line or curl.
    pub method: Option<Method>,
    /// Request target (path or absolute URL).
    pub target: Option<String>,
    /// The other request headers.
    pub headers: Vec<Header>,
    /// The body, if pasted.
    pub body: Option<String>,
}

impl RequestInfo {
    /// The absolute URL: the target when it is absolute, else `https://` + Host + target.
    pub fn url(&self) -> Option<String> {
        let target = self.target.as_deref().unwrap_or("/");
        if target.contains("://") {
            Some(target.to_string())
        } else {
            Some(format!("https://{}{}", self.header("host")?, target))
        }
    }

    /// The host the request goes to, from [`Self::url`].
    pub fn host(&self) -> Option<String> {
        self.url().and_then(|u| parse_url(&u).ok()).map(|u| u.host)
    }

    /// "Probe this": the request pre-filled into the probe form (Host and Content-Length are
    /// left to the browser), with the host the credential was pasted for.
    pub fn probe_ask(&self) -> Option<Ask> {
        let url = self.url()?;
        let pasted_for = parse_url(&url).ok().map(|u| u.host);
        Some(Ask::Probe {
            request: ProbeRequest {
                url,
                method: self.method.clone().unwrap_or_default(),
                headers: self
                    .headers
                    .iter()
                    .filter(|h| !h.is("host") && !h.is("content-length"))
                    .cloned()
                    .collect(),
                body: self.body.clone(),
                credentials: CredMode::SameOrigin,
            },
            pasted_for,
        })
    }

    /// First value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.is(name))
            .map(|h| h.value.as_str())
    }
}
