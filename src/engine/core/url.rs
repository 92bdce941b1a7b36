//! Absolute http(s) URLs, their origin, and which address space a host is in.

/// The parts of an http(s) URL that matter here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// Host name or address, lower-case, without brackets.
    pub host: String,
    /// Explicit or default port.
    pub port: u16,
    /// Whether `user:pass@` was in the URL.
    pub userinfo: bool,
    /// Path and query.
    pub path: String,
}

impl Url {
    /// `scheme://host:port` as browsers serialise origins (default ports omitted).
    pub fn origin(&self) -> String {
        let default = (self.scheme == "https" && self.port == 443)
            || (self.scheme == "http" && self.port == 80);
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if default {
            format!("{}://{host}", self.scheme)
        } else {
            format!("{}://{host}:{}", self.scheme, self.port)
        }
    }
}

/// Parses an absolute http(s) URL; the error says what was expected.
pub fn parse_url(s: &str) -> Result<Url, String> {
    let s = s.trim();
    let (scheme, rest) = s.split_once("://").ok_or_else(|| {
        format!("expected an absolute URL like https://api.example.com/path, found \"{s}\"")
    })?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("expected http:// or https://, found {scheme}://"));
    }
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (
            rest.get(..i).unwrap_or_default(),
            rest.get(i..).unwrap_or_default(),
        ),
        None => (rest, "/"),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((_, hp)) => (true, hp),
        None => (false, authority),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or("an IPv6 address is missing its closing ]")?;
        (h.to_string(), after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| format!("\"{p}\" is not a port number"))?,
        None if scheme == "https" => 443,
        None => 80,
    };
    Ok(Url {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        userinfo,
        path: path.split('#').next().unwrap_or("/").to_string(),
    })
}

/// The http(s) URLs written in `text`, each up to whitespace, a quote, a bracket, `<`, `>` or a
/// comma, without trailing dots and colons (the end of a sentence or a log field).
pub fn urls_in(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("http").filter_map(move |(i, _)| {
        let rest = text.get(i..)?;
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            return None;
        }
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '\'' | '"' | ',' | ')' | ']' | '<' | '>')
            })
            .unwrap_or(rest.len());
        Some(rest.get(..end)?.trim_end_matches(['.', ':']))
    })
}

/// Where an address sits, for Local Network Access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AddressSpace {
    /// This machine.
    Loopback,
    /// A private network (10/8, 172.16/12, 192.168/16, fc00::/7, .local names).
    Local,
    /// Everything else.
    Public,
}

/// Classifies a host by name or literal address.
pub fn address_space(host: &str) -> AddressSpace {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") || h.starts_with("127.") || h == "::1" {
        return AddressSpace::Loopback;
    }
    let octets: Vec<u8> = h.split('.').filter_map(|p| p.parse().ok()).collect();
    if octets.len() == 4 && h.split('.').count() == 4 {
        return match octets[..] {
            [10, ..] | [192, 168, ..] | [169, 254, ..] => AddressSpace::Local,
            [172, b, ..] if (16..32).contains(&b) => AddressSpace::Local,
            _ => AddressSpace::Public,
        };
    }
    if h.starts_with("fc")
        || h.starts_with("fd")
        || h.starts_with("fe80:")
        || h.ends_with(".local")
        || h.ends_with(".internal")
        || h.ends_with(".lan")
    {
        return AddressSpace::Local;
    }
    AddressSpace::Public
}

/// Whether a URL goes over plain http to a host other than this machine: mixed content from an
/// https page, and readable on the way. Browsers treat http to loopback as trustworthy.
pub fn is_insecure_remote(url: &str) -> bool {
    parse_url(url)
        .is_ok_and(|u| u.scheme == "http" && address_space(&u.host) != AddressSpace::Loopback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_written_in_text() {
        let line =
            "error \"https://npm.acme.test/x.tgz: Request failed\" (see http://docs.test/a.)";
        let urls: Vec<&str> = urls_in(line).collect();
        assert_eq!(urls, ["https://npm.acme.test/x.tgz", "http://docs.test/a"]);
        assert_eq!(urls_in("httpd said no").count(), 0);
    }

    #[test]
    fn insecure_remote_is_one_rule() {
        assert!(is_insecure_remote("http://api.example.com/x"));
        assert!(!is_insecure_remote("http://localhost:8080/x"));
        assert!(!is_insecure_remote("http://127.0.0.1/x"));
        assert!(!is_insecure_remote("http://[::1]/x"));
        assert!(!is_insecure_remote("https://api.example.com/x"));
    }
}
