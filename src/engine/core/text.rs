//! Text helpers: making invisible characters visible and describing bytes.

/// Name of a character that is invisible or confusable when printed, if it is one.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "BYTE ORDER MARK",
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "BIDI CONTROL",
        '\t' => "TAB",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        c if c.is_control() => "CONTROL CHARACTER",
        _ => return None,
    })
}

/// The text with invisible and control characters replaced by visible markers like `⟨U+200B⟩`.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("⟨LF⟩"),
            '\r' => out.push_str("⟨CR⟩"),
            '\t' => out.push_str("⟨TAB⟩"),
            c if invisible_name(c).is_some() => {
                out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Each invisible character in `s` with its character position and name.
pub fn invisibles(s: &str) -> Vec<(usize, char, &'static str)> {
    s.chars()
        .enumerate()
        .filter_map(|(i, c)| invisible_name(c).map(|n| (i, c, n)))
        .collect()
}

/// Reads bytes as Latin-1 (every byte is a character), as older servers do.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// Cuts `s` to at most `max` characters, adding an ellipsis when it was longer.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or_default()),
        None => s.to_string(),
    }
}

/// A 1-based "line L, column C" for a byte offset in `s` (offset clamped to the text).
pub fn line_col(s: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(s.len());
    let before = s.get(..byte).unwrap_or(s);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The text with its first letter upper-cased ("an API key" → "An API key").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "A" or "An" before a word, by how it is said: "An AWS key", "An npm token", "A GitHub token".
pub fn a_an(word: &str) -> &'static str {
    let w = word.trim_start().to_ascii_lowercase();
    let vowel =
        w.starts_with(['a', 'e', 'i', 'o']) || (w.starts_with('u') && !w.starts_with("uni"));
    // Letters said by name: npm, SAML, HTTP ("en-pee-em", "ess", "aitch").
    let spelt = ["npm", "saml", "sso", "http", "ssh", "rsa", "mfa"]
        .iter()
        .any(|p| w.starts_with(p));
    if vowel || spelt {
        "An"
    } else {
        "A"
    }
}

/// A 32-bit FNV-1a fingerprint of the text's UTF-8 bytes: cheap, stable, for telling which
/// input a result belongs to (not for security).
pub fn fingerprint(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Whether `needle` occurs in `hay`. Log readers test dozens of phrases against every line of a
/// paste; `str::contains` sets up a two-way searcher per call, which cost more than the search
/// on short lines (a 1 MB paste spent most of its time there). This scans for the needle's
/// first byte and compares from there: at most `needle.len()` steps per byte of `hay`.
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&last)) = (n.first(), n.last()) else {
        return true;
    };
    let Some(last_start) = h.len().checked_sub(n.len()) else {
        return false;
    };
    let mut i = 0;
    while let Some(p) = h[i..=last_start].iter().position(|&b| b == first) {
        i += p;
        // The last byte first: it rules most candidates out without a call to memcmp.
        if h[i + n.len() - 1] == last && h[i..i + n.len()] == *n {
            return true;
        }
        i += 1;
        if i > last_start {
            break;
        }
    }
    false
}

/// Which phrases of `table` occur in `hay`, as a bit per entry (bit k for `table[k]`), found
/// in one pass over `hay` instead of one scan per phrase: at each byte only the phrases that
/// start with that byte are compared. Entries after the 64th are never reported.
pub fn phrases_in<T>(hay: &str, table: &[(&str, T)]) -> u64 {
    const NONE: u8 = u8::MAX;
    let table = &table[..table.len().min(64)];
    // Per first byte, a chain of the phrases starting with it.
    let (mut head, mut next) = ([NONE; 256], [NONE; 64]);
    let mut found = 0u64;
    for (k, (p, _)) in table.iter().enumerate() {
        match p.as_bytes().first() {
            Some(&b) => {
                next[k] = head[b as usize];
                head[b as usize] = k as u8;
            }
            // An empty phrase occurs in any text.
            None => found |= 1 << k,
        }
    }
    let h = hay.as_bytes();
    for (i, &b) in h.iter().enumerate() {
        let mut k = head[b as usize];
        while k != NONE {
            if h[i..].starts_with(table[k as usize].0.as_bytes()) {
                found |= 1 << k;
            }
            k = next[k as usize];
        }
    }
    found
}

/// The first entry of `table` (in table order) whose phrase occurs in `hay` (see
/// [`phrases_in`]; a table of more than 64 phrases is searched one phrase at a time).
pub fn first_phrase<'t, T>(hay: &str, table: &'t [(&'t str, T)]) -> Option<&'t (&'t str, T)> {
    if table.len() > 64 {
        return table.iter().find(|(p, _)| has(hay, p));
    }
    table.get(phrases_in(hay, table).trailing_zeros() as usize)
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(a_an("AWS"), "An");
        assert_eq!(a_an("npm"), "An");
        assert_eq!(a_an("Anthropic"), "An");
        assert_eq!(a_an("GitHub"), "A");
        assert_eq!(a_an("Hugging Face"), "A");
    }

    #[test]
    fn visible_marks_zero_width_and_newline() {
        assert_eq!(visible("a\u{200B}b\n"), "a⟨U+200B⟩b⟨LF⟩");
        assert_eq!(visible("plain"), "plain");
    }

    #[test]
    fn clip_respects_char_boundaries() {
        assert_eq!(clip("héllo", 2), "hé…");
        assert_eq!(clip("hi", 5), "hi");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}

/// Property: [`has`] answers as `str::contains` does, on text from a small alphabet so needles
/// do occur, at every offset and with partial matches before the real one.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]

        #[test]
        fn first_phrase_agrees_with_find(hay in "[ab é]{0,40}", phrases in proptest::collection::vec("[ab é]{0,4}", 0..6)) {
            let table: Vec<(&str, usize)> = phrases.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
            let want = table.iter().find(|(p, _)| hay.contains(p));
            prop_assert_eq!(first_phrase(&hay, &table), want);
        }

        #[test]
        fn phrases_in_agrees_with_contains(hay in "[ab é]{0,40}", phrases in proptest::collection::vec("[ab é]{0,4}", 0..6)) {
            let table: Vec<(&str, ())> = phrases.iter().map(|p| (p.as_str(), ())).collect();
            let want = table.iter().enumerate().filter(|(_, (p, _))| hay.contains(p)).fold(0u64, |m, (k, _)| m | 1 << k);
            prop_assert_eq!(phrases_in(&hay, &table), want);
        }

        #[test]
        fn has_agrees_with_contains(hay in "[ab é]{0,40}", needle in "[ab é]{0,6}") {
            prop_assert_eq!(has(&hay, &needle), hay.contains(needle.as_str()));
        }
    }
}
