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

/// A field value folded over indented lines (obsolete line folding, as RFCs and vendor docs print
/// long headers) joined into one line, each fold replaced by a space as RFC 9112 §5.2 says.
pub fn unfold(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('\n') {
        return value.into();
    }
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i == 0 {
            out.push_str(line);
        } else if line.starts_with([' ', '\t']) {
            out.push(' ');
            out.push_str(line.trim_start_matches([' ', '\t']));
        } else {
            out.push('\n');
            out.push_str(line);
        }
    }
    out.into()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_indented_continuation_lines_only() {
        assert_eq!(unfold("Digest a=\"1\",\r\n    b=2"), "Digest a=\"1\", b=2");
        assert_eq!(unfold("one\ntwo"), "one\ntwo");
        assert_eq!(unfold("plain"), "plain");
    }
}
