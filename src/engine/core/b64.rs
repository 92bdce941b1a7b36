//! Base64 and base64url decoding that says exactly what is wrong and where.

use std::fmt;

/// Which alphabet the text used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// `+` and `/` (RFC 4648 §4).
    Standard,
    /// `-` and `_` (RFC 4648 §5).
    UrlSafe,
    /// Both kinds of special character appear.
    Mixed,
    /// Only letters and digits: valid in both.
    Either,
}

/// Something odd but recoverable found while decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quirk {
    /// Whitespace inside the text (character position of the first).
    Whitespace(usize),
    /// `=` padding present where the length already needed none, or more than two.
    ExtraPadding,
    /// Padding missing (decoding still worked).
    MissingPadding,
}

/// Why decoding failed outright.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum B64Error {
    /// Nothing to decode.
    Empty,
    /// A character outside both alphabets, with its character position.
    InvalidChar { ch: char, pos: usize },
    /// `=` in the middle of the text.
    PaddingInside { pos: usize },
    /// One character left over: no byte can be formed from 6 bits.
    TruncatedLength { len: usize },
}

impl fmt::Display for B64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            B64Error::Empty => write!(f, "expected base64 text, found nothing"),
            B64Error::InvalidChar { ch, pos } => write!(
                f,
                "expected a base64 character (A–Z, a–z, 0–9, + / or - _), found {} at position {}",
                describe_char(*ch),
                pos + 1
            ),
            B64Error::PaddingInside { pos } => write!(
                f,
                "found '=' padding at position {}, but padding may only end the text",
                pos + 1
            ),
            B64Error::TruncatedLength { len } => write!(
                f,
                "{len} base64 characters leave one character over, which cannot form a byte: the text is cut short or has a stray character"
            ),
        }
    }
}

/// Shows a character in a message, naming it when it is invisible.
pub fn describe_char(c: char) -> String {
    match super::text::invisible_name(c) {
        Some(name) => format!("{name} (U+{:04X})", c as u32),
        None => format!("'{c}' (U+{:04X})", c as u32),
    }
}

/// Successfully decoded bytes with what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Alphabet used.
    pub alphabet: Alphabet,
    /// Whether `=` padding was present.
    pub padded: bool,
    /// Recoverable oddities.
    pub quirks: Vec<Quirk>,
}

fn value(c: char) -> Option<u8> {
    Some(match c {
        'A'..='Z' => c as u8 - b'A',
        'a'..='z' => c as u8 - b'a' + 26,
        '0'..='9' => c as u8 - b'0' + 52,
        '+' | '-' => 62,
        '/' | '_' => 63,
        _ => return None,
    })
}

/// Decodes either alphabet, with or without padding, tolerating whitespace, and reports quirks.
pub fn decode(text: &str) -> Result<Decoded, B64Error> {
    let mut sextets = Vec::with_capacity(text.len());
    let (mut std_chars, mut url_chars) = (false, false);
    let mut quirks = Vec::new();
    let mut pad = 0usize;
    let mut first_pad = None;
    for (pos, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !quirks.iter().any(|q| matches!(q, Quirk::Whitespace(_))) {
                quirks.push(Quirk::Whitespace(pos));
            }
            continue;
        }
        if c == '=' {
            pad += 1;
            first_pad.get_or_insert(pos);
            continue;
        }
        if let Some(p) = first_pad {
            return Err(B64Error::PaddingInside { pos: p });
        }
        match value(c) {
            Some(v) => {
                std_chars |= matches!(c, '+' | '/');
                url_chars |= matches!(c, '-' | '_');
                sextets.push(v);
            }
            None => return Err(B64Error::InvalidChar { ch: c, pos }),
        }
    }
    if sextets.is_empty() {
        return Err(B64Error::Empty);
    }
    let rem = sextets.len() % 4;
    if rem == 1 {
        return Err(B64Error::TruncatedLength { len: sextets.len() });
    }
    let needed = (4 - rem) % 4;
    if pad > 0 && pad != needed {
        quirks.push(Quirk::ExtraPadding);
    } else if pad == 0 && needed > 0 {
        quirks.push(Quirk::MissingPadding);
    }
    let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let mut acc = 0u32;
        for (i, &v) in chunk.iter().enumerate() {
            acc |= (v as u32) << (18 - 6 * i);
        }
        let n = chunk.len() - 1;
        for i in 0..n {
            bytes.push((acc >> (16 - 8 * i)) as u8);
        }
    }
    let alphabet = match (std_chars, url_chars) {
        (true, true) => Alphabet::Mixed,
        (true, false) => Alphabet::Standard,
        (false, true) => Alphabet::UrlSafe,
        (false, false) => Alphabet::Either,
    };
    Ok(Decoded {
        bytes,
        alphabet,
        padded: pad > 0,
        quirks,
    })
}

/// Standard padded base64 encoding.
pub fn encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Unpadded base64url encoding, as JOSE uses (RFC 7515 §2).
pub fn encode_url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_rfc7617_example() {
        let d = decode("QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
        assert_eq!(d.bytes, b"Aladdin:open sesame");
        assert!(d.padded);
        assert!(d.quirks.is_empty());
    }

    #[test]
    fn unpadded_urlsafe_decodes_with_quirk() {
        let d = decode("-_8").unwrap();
        assert_eq!(d.bytes, [0xfb, 0xff]);
        assert_eq!(d.alphabet, Alphabet::UrlSafe);
        assert_eq!(d.quirks, [Quirk::MissingPadding]);
    }

    #[test]
    fn names_the_bad_character_and_position() {
        let e = decode("QWx*ZA==").unwrap_err();
        assert_eq!(e, B64Error::InvalidChar { ch: '*', pos: 3 });
        assert!(e.to_string().contains("position 4"));
    }

    #[test]
    fn rejects_single_leftover_char() {
        assert!(matches!(
            decode("QWxhZ"),
            Err(B64Error::TruncatedLength { len: 5 })
        ));
    }

    #[test]
    fn padding_in_middle_is_an_error() {
        assert_eq!(decode("QQ==QQ=="), Err(B64Error::PaddingInside { pos: 2 }));
    }

    #[test]
    fn url_safe_unpadded() {
        assert_eq!(encode_url(&[0xfb, 0xff]), "-_8");
        assert_eq!(
            decode(&encode_url(b"any carnal pleas")).unwrap().bytes,
            b"any carnal pleas"
        );
    }

    #[test]
    fn roundtrips_all_lengths() {
        for n in 0..40u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            if data.is_empty() {
                continue;
            }
            assert_eq!(decode(&encode(&data)).unwrap().bytes, data);
        }
    }
}

/// Property: decoding what either encoder writes gives the bytes back (empty input is an error
/// finding by design, so the bytes are never empty).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]

        #[test]
        fn encode_decode_round_trips(bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
            prop_assert_eq!(&decode(&encode(&bytes)).expect("standard").bytes, &bytes);
            prop_assert_eq!(&decode(&encode_url(&bytes)).expect("url-safe").bytes, &bytes);
        }
    }
}
