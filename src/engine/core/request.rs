//! A request someone wants to make from the page: URL, method, headers, body, credentials mode.

use super::header::Header;
use super::method::Method;
use std::fmt;
use std::str::FromStr;

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
    pub fn as_str(self) -> &'static str {
        match self {
            CredMode::Omit => "omit",
            CredMode::SameOrigin => "same-origin",
            CredMode::Include => "include",
        }
    }
}

impl fmt::Display for CredMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CredMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "omit" => Ok(CredMode::Omit),
            "same-origin" => Ok(CredMode::SameOrigin),
            "include" => Ok(CredMode::Include),
            other => Err(format!(
                "expected omit, same-origin or include, found \"{other}\""
            )),
        }
    }
}

/// The request the user wants to make, as typed in the probe form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProbeRequest {
    /// Absolute URL.
    pub url: String,
    /// Method.
    pub method: Method,
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

    /// The request from the probe form's boxes: URL, method (GET when empty), `Name: value`
    /// lines, body (none when empty) and credentials mode.
    pub fn from_form(
        url: &str,
        method: &str,
        headers: &str,
        body: &str,
        credentials: CredMode,
    ) -> Self {
        let method = method.trim();
        ProbeRequest {
            url: url.trim().to_string(),
            // The form is typed by hand: read "patch" as PATCH.
            method: if method.is_empty() {
                Method::Get
            } else {
                Method::from(method.to_ascii_uppercase().as_str())
            },
            headers: Self::parse_headers(headers),
            body: Some(body.to_string()).filter(|b| !b.is_empty()),
            credentials,
        }
    }

    /// The headers as `Name: value` lines, for the form.
    pub fn header_lines(&self) -> String {
        self.headers
            .iter()
            .map(|h| format!("{}: {}", h.name, h.value))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Parses `Name: value` lines typed in the form.
    pub fn parse_headers(text: &str) -> Vec<Header> {
        text.lines()
            .filter_map(super::header::split_header)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_round_trip() {
        let r = ProbeRequest::from_form(
            " https://a.test/x ",
            "put",
            "Authorization: Bearer t\nnot a header",
            "",
            CredMode::Include,
        );
        assert_eq!(r.method, Method::Put);
        assert_eq!(r.header_lines(), "Authorization: Bearer t");
        assert_eq!(r.body, None);
        assert_eq!("include".parse::<CredMode>(), Ok(CredMode::Include));
        assert!("sometimes"
            .parse::<CredMode>()
            .unwrap_err()
            .contains("expected"));
        assert_eq!(CredMode::SameOrigin.to_string(), "same-origin");
    }
}
