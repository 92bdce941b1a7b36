//! HTTP request methods: the standard ones by name, any other token kept as written.

use std::fmt;
use std::str::FromStr;

/// A request method (RFC 9110 §9). Method names are case-sensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// GET.
    #[default]
    Get,
    /// HEAD.
    Head,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
    /// OPTIONS (a CORS preflight, among others).
    Options,
    /// Any other method token, as written.
    Other(String),
}

/// The error for text that is not a method token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMethod(pub String);

impl fmt::Display for BadMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a method such as GET or POST, found \"{}\"",
            self.0
        )
    }
}

impl FromStr for Method {
    type Err = BadMethod;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            other if super::header::is_token(other) => Method::Other(other.to_string()),
            other => return Err(BadMethod(other.to_string())),
        })
    }
}

impl From<&str> for Method {
    /// A method as `fetch()` sends it: DELETE, GET, HEAD, OPTIONS, POST and PUT are normalised
    /// to upper case (Fetch "normalize a method"); anything else, `patch` included, is kept as
    /// written.
    fn from(s: &str) -> Self {
        const NORMALISED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
        match NORMALISED.iter().find(|m| m.eq_ignore_ascii_case(s)) {
            Some(m) => m.parse().unwrap_or_default(),
            None => s.parse().unwrap_or_else(|_| Method::Other(s.to_string())),
        }
    }
}

impl Method {
    /// The method as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Other(s) => s,
        }
    }

    /// Whether a browser may send it without a preflight (a CORS-safelisted method).
    pub fn is_cors_safelisted(&self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Post)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        assert_eq!("PUT".parse::<Method>(), Ok(Method::Put));
        assert_eq!(
            "PROPFIND".parse::<Method>().unwrap().to_string(),
            "PROPFIND"
        );
        assert!("GE T"
            .parse::<Method>()
            .unwrap_err()
            .to_string()
            .contains("expected a method"));
        assert!(Method::Post.is_cors_safelisted() && !Method::Put.is_cors_safelisted());
        // fetch() upper-cases put but not patch (a classic CORS surprise).
        assert_eq!(Method::from("put"), Method::Put);
        assert_eq!(Method::from("patch"), Method::Other("patch".into()));
    }
}
