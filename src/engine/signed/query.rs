//! A URL's query as name/value pairs, both as written and percent-decoded.

use crate::engine::core::url::{parse_url, Url};

/// Queries longer than this many parameters are cut; signed URLs have a dozen.
const MAX_PAIRS: usize = 200;

/// One `name=value` of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The name, percent-decoded.
    pub name: String,
    /// The value exactly as written in the URL.
    pub raw: String,
    /// The value percent-decoded (`+` kept: only forms turn it into a space).
    pub value: String,
}

/// An absolute URL and its query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The URL's parts.
    pub url: Url,
    /// The parameters, in order.
    pub pairs: Vec<Pair>,
}

impl Query {
    /// The first value of a parameter, by case-insensitive name.
    pub fn get(&self, name: &str) -> Option<&Pair> {
        self.pairs
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The decoded value of a parameter.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(|p| p.value.as_str())
    }

    /// The path without the query, percent-encoded as written.
    pub fn path(&self) -> &str {
        self.url.path.split('?').next().unwrap_or("/")
    }
}

/// Parses an absolute http(s) URL with its query; `None` when it is not one.
pub fn parse(text: &str) -> Option<Query> {
    let t = text.trim().trim_matches(['"', '\'', '<', '>']);
    if t.contains(char::is_whitespace) {
        return None;
    }
    let url = parse_url(t).ok()?;
    let query = url.path.split_once('?').map_or("", |(_, q)| q);
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .take(MAX_PAIRS)
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            Pair {
                name: decode(n),
                raw: v.to_string(),
                value: decode(v),
            }
        })
        .collect();
    Some(Query { url, pairs })
}

/// Percent-decodes; a `%` not followed by two hex digits is kept as written.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_and_raw_is_kept() {
        let q =
            parse("https://a.test/x?X-Amz-Credential=AKID%2F2013&sig=a+b%3D&flag&bad=%zz").unwrap();
        assert_eq!(q.value("x-amz-credential"), Some("AKID/2013"));
        assert_eq!(q.get("sig").unwrap().raw, "a+b%3D");
        assert_eq!(q.value("sig"), Some("a+b="));
        assert_eq!(q.value("flag"), Some(""));
        assert_eq!(q.value("bad"), Some("%zz"));
        assert_eq!(q.path(), "/x");
        assert!(parse("not a url").is_none());
        assert_eq!(decode("%E2%82%AC%"), "€%");
    }
}
