//! Header fields: a name and a value, and the RFC 9110 token grammar they are written in.

/// A header as pasted: name and value, both trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Header {
    /// Field name as written.
    pub name: String,
    /// Field value with surrounding whitespace removed.
    pub value: String,
}

impl Header {
    /// Whether the field name equals `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Whether `s` is an RFC 9110 token (the characters allowed in field names and schemes).
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// One token character (RFC 9110 §5.6.2).
pub fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Splits `Name: value` when the name is a valid field name.
pub fn split_header(line: &str) -> Option<Header> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim_end();
    if !is_token(name) || name.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Header {
        name: name.to_string(),
        value: value.trim().to_string(),
    })
}
