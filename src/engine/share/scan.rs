//! Where things sit on one line of a paste: each `name:` header, the start of its value, runs
//! of bytes, and token68 credentials. Redaction and the DPoP rebinding read lines with these.

/// Each `name:` on the line as (where the name starts, where its colon is); the name is the
/// run of name bytes before the colon, possibly empty.
pub(super) fn header_names(lower: &str) -> Vec<(usize, usize)> {
    let b = lower.as_bytes();
    let mut heads = Vec::new();
    for (colon, _) in b.iter().enumerate().filter(|(_, &c)| c == b':') {
        let mut start = colon;
        while start > 0 && is_name_byte(b[start - 1]) {
            start -= 1;
        }
        heads.push((start, colon));
    }
    heads
}

/// Where the value of each `name:` header on the line starts.
pub(super) fn header_values<'a>(
    lower: &'a str,
    heads: &'a [(usize, usize)],
    name: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    heads
        .iter()
        .filter(move |&&(start, colon)| lower.get(start..colon).unwrap_or_default() == name)
        .map(move |&(_, colon)| skip_spaces(lower, colon + 1))
}

/// A byte of a header or parameter name.
pub(super) fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// The first byte from `i` that is not a space or tab.
pub(super) fn skip_spaces(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// The end of the run of bytes from `start` that satisfy `keep`.
pub(super) fn word_end(s: &str, start: usize, keep: impl Fn(u8) -> bool) -> usize {
    let b = s.as_bytes();
    let mut i = start;
    while i < b.len() && keep(b[i]) {
        i += 1;
    }
    i
}

/// A byte of a token68 (RFC 9110 §11.2), padding apart.
pub(super) fn is_token68_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
}

/// The token68 at `start` (with its `=` padding), unless it is the name of an auth-param.
pub(super) fn token68(line: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let end = word_end(line, start, is_token68_byte);
    let padded = word_end(line, end, |b| b == b'=');
    if end == start {
        return None;
    }
    let rest = line.get(padded..).unwrap_or_default();
    let param = padded > end
        && match rest.bytes().next() {
            None => false,
            Some(b'"') => !rest.get(1..).unwrap_or_default().trim().is_empty(),
            Some(b) => is_token68_byte(b),
        };
    (!param).then_some(start..padded)
}
