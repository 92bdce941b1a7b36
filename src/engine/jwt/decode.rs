//! Decoding the segments of a compact JWS/JWE: base64url quirks, UTF-8, JSON objects and
//! duplicate keys, each problem a finding.

use crate::engine::core::b64::{self, Alphabet, Quirk};
use crate::engine::core::finding::{Finding, Part, Report, SpecRef};
use serde_json::{Map, Value};

const RFC7515_B64: SpecRef = SpecRef::new(
    "RFC 7515 §2",
    "https://www.rfc-editor.org/rfc/rfc7515#section-2",
);

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The {name} repeats the name "{dup}""
    pub const DUPLICATE_KEY: FindingId = FindingId("jwt.duplicate_key");
    /// "The {name} is JSON but not an object"
    pub const JSON_BUT_NOT_OBJECT: FindingId = FindingId("jwt.json_but_not_object");
    /// "The {name} is not UTF-8 text"
    pub const NOT_UTF_8_TEXT: FindingId = FindingId("jwt.not_utf_8_text");
    /// "The {name} is not valid base64url"
    pub const NOT_VALID_BASE64URL: FindingId = FindingId("jwt.not_valid_base64url");
    /// "The {name} is not valid JSON"
    pub const NOT_VALID_JSON: FindingId = FindingId("jwt.not_valid_json");
    /// "The {name} has '=' padding"
    pub const PADDING: FindingId = FindingId("jwt.padding");
    /// "The {name} uses '+' or '/' (standard base64)"
    pub const STANDARD_BASE64: FindingId = FindingId("jwt.standard_base64");
    /// "The {name} contains whitespace or a line break"
    pub const WHITESPACE: FindingId = FindingId("jwt.whitespace");
}

pub(super) const SEGMENT_NAMES: [&str; 5] = [
    "header",
    "second part",
    "third part",
    "fourth part",
    "fifth part",
];

/// Decodes one base64url segment and reports every quirk with the segment's name.
pub(super) fn decode_segment(report: &mut Report, name: &str, text: &str) -> Option<Vec<u8>> {
    match b64::decode(text) {
        Ok(d) => {
            if matches!(d.alphabet, Alphabet::Standard | Alphabet::Mixed) {
                report.push(
                    Finding::warning(ids::STANDARD_BASE64,
                        format!("The {name} uses '+' or '/' (standard base64)"),
                        "JWTs use the URL-safe alphabet, '-' and '_'. Many libraries reject this token; it was probably encoded with the wrong function.",
                    )
                    .fix("Encode with base64url (RFC 4648 §5): replace '+' with '-' and '/' with '_'.")
                    .spec(RFC7515_B64),
                );
            }
            for q in &d.quirks {
                match q {
                    Quirk::Whitespace(pos) => report.push(
                        Finding::error(ids::WHITESPACE,
                            format!("The {name} contains whitespace or a line break"),
                            format!("At character {} of the {name} there is whitespace, usually from copying a wrapped token. Servers reject it.", pos + 1),
                        )
                        .fix("Remove all spaces and line breaks from the token."),
                    ),
                    Quirk::ExtraPadding | Quirk::MissingPadding if d.padded => report.push(
                        Finding::warning(ids::PADDING,
                            format!("The {name} has '=' padding"),
                            "JWT segments are base64url without padding. Strict parsers reject '='.",
                        )
                        .fix("Strip the trailing '=' characters.")
                        .spec(RFC7515_B64),
                    ),
                    _ => {}
                }
            }
            if d.padded && d.quirks.is_empty() {
                report.push(
                    Finding::warning(
                        ids::PADDING,
                        format!("The {name} has '=' padding"),
                        "JWT segments are base64url without padding. Strict parsers reject '='.",
                    )
                    .fix("Strip the trailing '=' characters.")
                    .spec(RFC7515_B64),
                );
            }
            Some(d.bytes)
        }
        Err(e) => {
            report.push(
                Finding::error(
                    ids::NOT_VALID_BASE64URL,
                    format!("The {name} is not valid base64url"),
                    format!("In the {name}: {e}."),
                )
                .fix("Copy the token again, whole, from its source.")
                .spec(RFC7515_B64),
            );
            None
        }
    }
}

/// Parses bytes as a JSON object, reporting non-UTF-8, syntax errors (with line/column) and non-objects.
pub(super) fn parse_object(
    report: &mut Report,
    name: &str,
    bytes: &[u8],
) -> Option<Map<String, Value>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            report.push(Finding::error(
                ids::NOT_UTF_8_TEXT,
                format!("The {name} is not UTF-8 text"),
                format!(
                    "Byte {} of the decoded {name} is not valid UTF-8, so it cannot be JSON.",
                    e.valid_up_to() + 1
                ),
            ));
            return None;
        }
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => {
            if let Some(dup) = duplicate_key(text) {
                report.push(
                    Finding::error(ids::DUPLICATE_KEY,
                        format!("The {name} repeats the name \"{dup}\""),
                        "JSON objects in a JWT must not repeat member names: some libraries take the first value, others the last, so two servers can read different claims.",
                    )
                    .fix("Emit each claim once.")
                    .spec(SpecRef::new("RFC 7519 §4", "https://www.rfc-editor.org/rfc/rfc7519#section-4")),
                );
            }
            Some(m)
        }
        Ok(other) => {
            report.push(Finding::error(
                ids::JSON_BUT_NOT_OBJECT,
                format!("The {name} is JSON but not an object"),
                format!(
                    "It decodes to {}, but a JWT {name} must be a JSON object {{…}}.",
                    crate::engine::core::text::clip(&other.to_string(), 60)
                ),
            ));
            report.part(Part::Code {
                title: format!("Decoded {name} (raw)"),
                text: crate::engine::core::text::visible(text),
            });
            None
        }
        Err(e) => {
            report.push(Finding::error(
                ids::NOT_VALID_JSON,
                format!("The {name} is not valid JSON"),
                format!("At line {}, column {}: {e}.", e.line(), e.column()),
            ));
            report.part(Part::Code {
                title: format!("Decoded {name} (raw)"),
                text: crate::engine::core::text::visible(text),
            });
            None
        }
    }
}

/// First top-level member name that appears twice in a JSON object text, if any.
fn duplicate_key(text: &str) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let b = text.as_bytes();
    let (mut depth, mut i) = (0i32, 0usize);
    let mut expect_key = false;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => {
                depth += 1;
                expect_key = b[i] == b'{' && depth == 1;
            }
            b'}' | b']' => depth -= 1,
            b',' if depth == 1 => expect_key = true,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 && expect_key {
                    let key = text.get(start..i.min(b.len())).unwrap_or("").to_string();
                    if !seen.insert(key.clone()) {
                        return Some(key);
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

pub(super) fn pretty(m: &Map<String, Value>) -> String {
    serde_json::to_string_pretty(m).unwrap_or_default()
}
