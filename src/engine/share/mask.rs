//! Same-shape placeholders: what a masked character becomes, so masked text is still read the
//! way the original was (same length, case, punctuation and alphabet).

/// How masked characters are chosen.
#[derive(Clone, Copy)]
pub(super) enum Style {
    /// Letters and digits keep their case and class (`REDACTED`, `redacted`, `0`).
    Alnum,
    /// Hex digits become `0`.
    Hex,
}

const UPPER: &[u8] = b"REDACTED";
const LOWER: &[u8] = b"redacted";

/// Replaces the characters in `r` by same-length placeholders; punctuation and whitespace stay,
/// and so do `%XX` escapes, so the text is still read the same way.
pub(super) fn mask(line: &mut String, r: std::ops::Range<usize>, style: Style) {
    // Hex stays hex (signatures, digests, session ids), so length and alphabet checks still hold.
    let span = line.get(r.clone()).unwrap_or_default();
    let style = if span.len() >= 8 && span.bytes().all(|b| b.is_ascii_hexdigit()) {
        Style::Hex
    } else {
        style
    };
    let mut out = String::with_capacity(r.len());
    let mut skip = 0;
    for (n, c) in line.get(r.clone()).unwrap_or_default().chars().enumerate() {
        if skip > 0 {
            skip -= 1;
            out.push(c);
            continue;
        }
        out.push(match (style, c) {
            (_, '%') => {
                skip = 2;
                c
            }
            (Style::Hex, c) if c.is_ascii_hexdigit() => '0',
            (Style::Alnum, c) if c.is_ascii_uppercase() => UPPER[n % UPPER.len()] as char,
            (Style::Alnum, c) if c.is_ascii_lowercase() => LOWER[n % LOWER.len()] as char,
            (Style::Alnum, c) if c.is_ascii_digit() => '0',
            (_, c) if c.is_ascii() => c,
            (_, c) => match c.len_utf8() {
                2 => 'é',
                3 => '•',
                _ => '\u{1F512}',
            },
        });
    }
    line.replace_range(r, &out);
}

/// Masks bytes in place (a decoded Basic credential, which may not be UTF-8).
pub(super) fn mask_bytes(bytes: &mut [u8]) {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        let whole = std::str::from_utf8(&bytes[i..(i + len).min(bytes.len())]).is_ok();
        if len > 1 && whole {
            let mut buf = [0u8; 4];
            let c = match len {
                2 => 'é',
                3 => '•',
                _ => '\u{1F512}',
            };
            bytes[i..i + len].copy_from_slice(c.encode_utf8(&mut buf).as_bytes());
            i += len;
        } else {
            bytes[i] = match b {
                b'A'..=b'Z' => UPPER[n % UPPER.len()],
                b'a'..=b'z' => LOWER[n % LOWER.len()],
                b'0'..=b'9' => b'0',
                0x80..=0xFF => 0xE9,
                _ => b,
            };
            i += 1;
        }
        n += 1;
    }
}
