//! The RFC 9110 §11 grammar shared by credentials and challenges:
//! `scheme [ 1*SP ( token68 / #auth-param ) ]`, several per field value for challenges.

use super::http::is_tchar;

/// One parameter: `name=value` (value unquoted and unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name as written (compare case-insensitively).
    pub name: String,
    /// Value with quotes and backslash escapes removed.
    pub value: String,
    /// Whether the value was a quoted-string.
    pub quoted: bool,
}

/// One scheme with its token68 or parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthItem {
    /// The scheme as written (compare case-insensitively).
    pub scheme: String,
    /// A token68 value, e.g. base64 for Basic.
    pub token68: Option<String>,
    /// Parameters in order.
    pub params: Vec<Param>,
}

impl AuthItem {
    /// The first value of a parameter, by case-insensitive name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.as_str())
    }

    /// Whether the scheme equals `name`, ignoring case.
    pub fn is(&self, name: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(name)
    }
}

/// Which rule a deviation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviationKind {
    /// The structure is broken (missing comma, quote, scheme...).
    Syntax,
    /// An unquoted value holds characters a token cannot (e.g. `/` in AWS's `Credential=`);
    /// read up to the next comma or space.
    UnquotedValue,
    /// An unquoted value with spaces, read up to the next comma.
    UnquotedSpaces,
    /// `'value'` instead of `"value"`.
    SingleQuotes,
    /// No comma between two parameters or two challenges.
    MissingComma,
    /// The same parameter twice in one challenge.
    Duplicate,
    /// A quoted-string without its closing quote, read to the end.
    UnclosedQuote,
}

/// Where and how the text departed from the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// Byte offset in the field value.
    pub pos: usize,
    /// What was expected and what was found.
    pub message: String,
    /// Which rule.
    pub kind: DeviationKind,
}

/// Parsed field value: items plus any departures from the grammar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Schemes in order.
    pub items: Vec<AuthItem>,
    /// Grammar problems, in order of position (at most `DEVIATIONS_PER_KIND` of each kind).
    pub deviations: Vec<Deviation>,
    /// Grammar problems found past that limit, counted but not kept.
    pub more_deviations: usize,
}

/// Parameters kept per scheme; real challenges and credentials have a dozen at most.
pub const MAX_PARAMS: usize = 256;

/// Schemes read per field value; real servers send a handful. Past it the rest of the value is
/// not read (a deviation says so), which keeps memory linear in what is kept.
pub const MAX_ITEMS: usize = 100;

const TOO_MANY: &str = "more than";

/// Deviations of one kind kept per value: a broken value repeats its mistake, and the first
/// few say all there is to say (the findings quote only the first).
pub const DEVIATIONS_PER_KIND: usize = 20;

struct Cursor<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn ws(&mut self) -> usize {
        let start = self.i;
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t') {
            self.i += 1;
        }
        self.i - start
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn token(&mut self) -> &'a str {
        let start = self.i;
        while self.i < self.b.len() && is_tchar(self.b[self.i]) {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }
    fn token68(&mut self) -> &'a str {
        let start = self.i;
        while self.i < self.b.len()
            && (self.b[self.i].is_ascii_alphanumeric() || b"-._~+/".contains(&self.b[self.i]))
        {
            self.i += 1;
        }
        while self.peek() == Some(b'=') {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }
    /// Reads a quoted-string starting at `"`; returns the unescaped text and whether it closed.
    fn quoted(&mut self) -> (String, bool) {
        self.i += 1;
        let mut out = String::new();
        let start = self.i;
        let mut chars = self.s.get(start..).unwrap_or_default().char_indices();
        while let Some((off, c)) = chars.next() {
            match c {
                '"' => {
                    self.i = start + off + 1;
                    return (out, true);
                }
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        out.push(n);
                    }
                }
                c => out.push(c),
            }
        }
        self.i = self.b.len();
        (out, false)
    }
    /// Skips to just past the next top-level comma, or the end.
    fn skip_to_comma(&mut self) {
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b',' {
                return;
            }
        }
    }
}

/// Whether, at the cursor, a `name=` parameter starts (as opposed to a token68 or new scheme).
fn at_param(c: &Cursor<'_>) -> bool {
    let mut j = c.i;
    while j < c.b.len() && is_tchar(c.b[j]) {
        j += 1;
    }
    if j == c.i {
        return false;
    }
    while j < c.b.len() && matches!(c.b[j], b' ' | b'\t') {
        j += 1;
    }
    if c.b.get(j) != Some(&b'=') {
        return false;
    }
    j += 1;
    // `abc==` or `abc=` at the end of an element is a token68, not a parameter.
    while j < c.b.len() && matches!(c.b[j], b' ' | b'\t') {
        j += 1;
    }
    !matches!(c.b.get(j), None | Some(b',') | Some(b'='))
}

/// Parses a whole field value: one or more comma-separated challenges (or one credential).
pub fn parse(value: &str) -> Parsed {
    let mut c = Cursor {
        s: value,
        b: value.as_bytes(),
        i: 0,
    };
    let mut out = Parsed::default();
    let dev =
        |out: &mut Parsed, pos: usize, m: String| push_dev(out, pos, DeviationKind::Syntax, m);
    loop {
        c.ws();
        match c.peek() {
            None => break,
            Some(b',') => {
                c.i += 1;
                continue;
            }
            _ => {}
        }
        let here = c.i;
        if !out.items.is_empty() && at_param(&c) {
            parse_param(&mut c, &mut out);
            continue;
        }
        let scheme = c.token();
        if scheme.is_empty() {
            let ch = value
                .get(here..)
                .unwrap_or_default()
                .chars()
                .next()
                .unwrap_or(' ');
            dev(
                &mut out,
                here,
                format!("expected an auth-scheme name, found '{ch}'"),
            );
            c.skip_to_comma();
            continue;
        }
        if out.items.len() == MAX_ITEMS {
            dev(
                &mut out,
                here,
                format!("{TOO_MANY} {MAX_ITEMS} schemes in one value: the rest is not read"),
            );
            break;
        }
        out.items.push(AuthItem {
            scheme: scheme.to_string(),
            ..AuthItem::default()
        });
        let spaces = c.ws();
        match c.peek() {
            None | Some(b',') => continue,
            _ if spaces == 0 => {
                dev(
                    &mut out,
                    c.i,
                    format!("expected a space after the scheme \"{scheme}\""),
                );
                c.skip_to_comma();
                continue;
            }
            _ => {}
        }
        if at_param(&c) {
            parse_param(&mut c, &mut out);
        } else {
            let start = c.i;
            let t = c.token68();
            if t.is_empty() {
                let ch = value
                    .get(start..)
                    .unwrap_or_default()
                    .chars()
                    .next()
                    .unwrap_or(' ');
                dev(
                    &mut out,
                    start,
                    format!("expected a token68 or name=value after \"{scheme}\", found '{ch}'"),
                );
                c.skip_to_comma();
                continue;
            }
            if let Some(item) = out.items.last_mut() {
                item.token68 = Some(t.to_string());
            }
            c.ws();
            match c.peek() {
                None => {}
                Some(b',') => c.i += 1,
                Some(_) => {
                    dev(
                        &mut out,
                        c.i,
                        "expected the end of the value or a comma after the token68".to_string(),
                    );
                    c.skip_to_comma();
                }
            }
        }
    }
    flag_duplicates(&mut out);
    out
}

fn push_dev(out: &mut Parsed, pos: usize, kind: DeviationKind, message: String) {
    // At most 8 kinds × DEVIATIONS_PER_KIND entries, so this count is bounded.
    let same = out.deviations.iter().filter(|d| d.kind == kind).count();
    if same < DEVIATIONS_PER_KIND {
        out.deviations.push(Deviation { pos, message, kind });
    } else {
        out.more_deviations += 1;
    }
}

/// Whether, at the cursor, a new challenge starts: a known scheme, or a token followed by a
/// space and a parameter. Used to recover from a missing comma between challenges.
fn at_new_challenge(c: &Cursor<'_>) -> bool {
    let mut probe = Cursor {
        s: c.s,
        b: c.b,
        i: c.i,
    };
    let word = probe.token();
    if word.is_empty() || probe.peek() == Some(b'=') {
        return false;
    }
    if super::core::scheme::lookup(word).is_some() {
        return true;
    }
    probe.ws() > 0 && at_param(&probe)
}

fn parse_param(c: &mut Cursor<'_>, out: &mut Parsed) {
    let name = c.token().to_string();
    c.ws();
    c.i += 1; // the '=' at_param saw
    c.ws();
    let start = c.i;
    let (mut value, quoted) = match c.peek() {
        Some(b'"') => {
            let (v, closed) = c.quoted();
            if !closed {
                push_dev(
                    out,
                    start,
                    DeviationKind::UnclosedQuote,
                    format!("the quoted value of \"{name}\" has no closing quote"),
                );
            }
            (v, true)
        }
        Some(b'\'') => {
            // Single quotes are not quotes in HTTP; read to the matching one and say so.
            let rest = c.s.get(start + 1..).unwrap_or_default();
            match rest.find('\'') {
                Some(end) => {
                    c.i = start + 1 + end + 1;
                    push_dev(out, start, DeviationKind::SingleQuotes, format!("the value of \"{name}\" uses single quotes; HTTP quotes with double quotes only"));
                    (rest.get(..end).unwrap_or_default().to_string(), true)
                }
                None => (read_unquoted(c, out, &name, start), false),
            }
        }
        _ => (read_unquoted(c, out, &name, start), false),
    };
    c.ws();
    // Recovery: an unquoted value followed by more words (not a parameter, not a new
    // challenge) is most plausibly a value with spaces that should have been quoted.
    if !quoted && matches!(c.peek(), Some(b) if b != b',') && !at_param(c) && !at_new_challenge(c) {
        let from = c.i;
        while c.peek().is_some_and(|b| b != b',') {
            c.i += 1;
        }
        value =
            c.s.get(start..c.i)
                .unwrap_or_default()
                .trim_end()
                .to_string();
        push_dev(
            out,
            from,
            DeviationKind::UnquotedSpaces,
            format!(
                "the value of \"{}\" contains spaces but is not quoted; read as \"{}\"",
                super::core::text::clip(&name, 40),
                super::core::text::clip(&value, 60)
            ),
        );
    }
    if let Some(item) = out.items.last_mut() {
        if item.params.len() < MAX_PARAMS {
            item.params.push(Param {
                name,
                value,
                quoted,
            });
        } else if !out
            .deviations
            .iter()
            .any(|d| d.message.starts_with(TOO_MANY))
        {
            // Keeping every parameter of a pathological value costs memory many times its size;
            // no real challenge or credential has this many, so say so once and stop keeping them.
            push_dev(
                out,
                c.i,
                DeviationKind::Syntax,
                format!("{TOO_MANY} {MAX_PARAMS} parameters in one scheme: the rest are not kept"),
            );
        }
    }
    c.ws();
    match c.peek() {
        None => {}
        Some(b',') => c.i += 1,
        Some(_) if at_param(c) => {
            push_dev(
                out,
                c.i,
                DeviationKind::MissingComma,
                "expected a comma between parameters".to_string(),
            );
        }
        Some(_) if at_new_challenge(c) => {
            push_dev(
                out,
                c.i,
                DeviationKind::MissingComma,
                "expected a comma before the next challenge".to_string(),
            );
        }
        Some(_) => {
            push_dev(
                out,
                c.i,
                DeviationKind::Syntax,
                "expected a comma after a parameter".to_string(),
            );
            c.skip_to_comma();
        }
    }
}

/// Reads an unquoted value: a token, then (flagged) anything up to a comma, space or quote.
fn read_unquoted(c: &mut Cursor<'_>, out: &mut Parsed, name: &str, start: usize) -> String {
    c.token();
    let token_end = c.i;
    while c
        .peek()
        .is_some_and(|b| !matches!(b, b',' | b' ' | b'\t' | b'"'))
    {
        c.i += 1;
    }
    if c.i > token_end {
        let bad =
            c.s.get(token_end..)
                .unwrap_or_default()
                .chars()
                .next()
                .unwrap_or(' ');
        push_dev(
            out,
            token_end,
            DeviationKind::UnquotedValue,
            format!("the unquoted value of \"{name}\" contains '{bad}', which needs quotes"),
        );
    }
    let v = c.s.get(start..c.i).unwrap_or_default().to_string();
    if v.is_empty() {
        push_dev(
            out,
            start,
            DeviationKind::Syntax,
            format!("expected a token or quoted-string as the value of \"{name}\""),
        );
    }
    v
}

/// Flags parameters given twice in one challenge (RFC 9110 §11.2: each name once).
fn flag_duplicates(out: &mut Parsed) {
    let mut found = Vec::new();
    for item in &out.items {
        let mut seen = std::collections::HashSet::new();
        for p in &item.params {
            if !seen.insert(p.name.to_ascii_lowercase()) {
                found.push(format!(
                    "\"{}\" appears twice in the {} challenge",
                    super::core::text::clip(&p.name, 40),
                    super::core::text::clip(&item.scheme, 40)
                ));
            }
        }
    }
    for m in found {
        push_dev(out, 0, DeviationKind::Duplicate, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token68_credential() {
        let p = parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(p.items.len(), 1);
        assert_eq!(
            p.items[0].token68.as_deref(),
            Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert!(p.deviations.is_empty());
    }

    #[test]
    fn rfc9110_multi_challenge_example() {
        let p = parse(
            r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#,
        );
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[0].param("realm"), Some("simple"));
        assert_eq!(p.items[1].param("TYPE"), Some("1"));
        assert_eq!(p.items[1].param("title"), Some(r#"Login to "apps""#));
        assert!(p.deviations.is_empty());
    }

    #[test]
    fn commas_inside_quotes_and_empty_elements() {
        let p = parse(r#",, Bearer realm="a, b" ,, error = "invalid_token""#);
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.items[0].param("realm"), Some("a, b"));
        assert_eq!(p.items[0].param("error"), Some("invalid_token"));
    }

    #[test]
    fn bare_schemes() {
        let p = parse("Negotiate, NTLM");
        let schemes: Vec<_> = p.items.iter().map(|i| i.scheme.as_str()).collect();
        assert_eq!(schemes, ["Negotiate", "NTLM"]);
    }

    #[test]
    fn unclosed_quote_is_reported() {
        let p = parse(r#"Basic realm="oops"#);
        assert_eq!(p.items[0].param("realm"), Some("oops"));
        assert_eq!(p.deviations.len(), 1);
    }

    #[test]
    fn unquoted_slashes_are_read_and_flagged() {
        let p = parse("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date");
        assert_eq!(
            p.items[0].param("Credential"),
            Some("AKID/20150830/us-east-1/iam/aws4_request")
        );
        assert_eq!(p.items[0].param("SignedHeaders"), Some("host;x-amz-date"));
        assert!(p
            .deviations
            .iter()
            .all(|d| d.kind == DeviationKind::UnquotedValue));
    }

    fn kinds(p: &Parsed) -> Vec<DeviationKind> {
        p.deviations.iter().map(|d| d.kind).collect()
    }

    #[test]
    fn recovers_unquoted_realm_with_spaces() {
        let p = parse("Basic realm=My Protected Area, charset=UTF-8");
        assert_eq!(p.items[0].param("realm"), Some("My Protected Area"));
        assert_eq!(p.items[0].param("charset"), Some("UTF-8"));
        assert_eq!(kinds(&p), [DeviationKind::UnquotedSpaces]);
    }

    #[test]
    fn recovers_single_quotes() {
        let p = parse("Basic realm='Staff only, please'");
        assert_eq!(p.items[0].param("realm"), Some("Staff only, please"));
        assert_eq!(kinds(&p), [DeviationKind::SingleQuotes]);
    }

    #[test]
    fn recovers_missing_commas() {
        let p = parse(r#"Basic realm="a" Bearer realm="b" error="invalid_token""#);
        let schemes: Vec<_> = p.items.iter().map(|i| i.scheme.as_str()).collect();
        assert_eq!(schemes, ["Basic", "Bearer"]);
        assert_eq!(p.items[1].param("error"), Some("invalid_token"));
        assert_eq!(
            kinds(&p),
            [DeviationKind::MissingComma, DeviationKind::MissingComma]
        );
    }

    #[test]
    fn flags_duplicates() {
        let p = parse(r#"Bearer realm="a", Realm="b""#);
        assert_eq!(p.items[0].param("realm"), Some("a"));
        assert_eq!(kinds(&p), [DeviationKind::Duplicate]);
    }

    #[test]
    fn token68_challenge_and_params_after_bare_scheme() {
        let p = parse("Negotiate oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGb, NTLM");
        assert_eq!(p.items.len(), 2);
        assert!(p.items[0].token68.as_deref().unwrap().starts_with("oYG2"));
        let p = parse("Newauth realm=\"apps\", type=1");
        assert_eq!(p.items[0].params.len(), 2);
    }

    #[test]
    fn garbage_never_panics() {
        for s in ["=", "\"", "a=\"", ", ,", "é=é", "Basic é", "x y z", "\u{0}"] {
            let _ = parse(s);
        }
    }
}
