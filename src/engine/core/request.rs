//! A request someone wants to make from the page: URL, method, headers, body, credentials mode.

use super::header::Header;

/// `fetch()`'s credentials mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CredMode {
    /// Never send cookies.
    Omit,
    /// Cookies only to the page's own origin (the default).
    #[default]
    SameOrigin,
    /// Cookies to any origin (needs Access-Control-Allow-Credentials).
    Include,
}

impl CredMode {
    /// The value `fetch()` takes.
    pub fn id(self) -> &'static str {
        match self {
            CredMode::Omit => "omit",
            CredMode::SameOrigin => "same-origin",
            CredMode::Include => "include",
        }
    }

    /// From [`CredMode::id`].
    pub fn from_id(s: &str) -> Self {
        match s {
            "omit" => CredMode::Omit,
            "include" => CredMode::Include,
            _ => CredMode::SameOrigin,
        }
    }
}

/// The request the user wants to make, as typed in the probe form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProbeRequest {
    /// Absolute URL.
    pub url: String,
    /// Method, upper-case.
    pub method: String,
    /// Headers, including Authorization if any.
    pub headers: Vec<Header>,
    /// Body, if any.
    pub body: Option<String>,
    /// Credentials mode of the real request.
    pub credentials: CredMode,
}

impl ProbeRequest {
    /// Header value by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.is(name))
            .map(|h| h.value.as_str())
    }

    /// Parses `Name: value` lines typed in the form.
    pub fn parse_headers(text: &str) -> Vec<Header> {
        text.lines()
            .filter_map(super::header::split_header)
            .collect()
    }
}
