//! Share links: the input and how it is read, in the URL fragment (which browsers never send to
//! a server), as `#share=1&kind=jwt&redacted=jwt-signature,token&text=<base64url>`.

use super::redact::{redact, Redaction};
use crate::engine::core::b64;
use crate::engine::InputKind;

/// Inputs longer than this (in bytes) are not put in a link: links that long break in chats
/// and mail.
pub const MAX_TEXT: usize = 32 * 1024;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The text to analyse.
    pub text: String,
    /// The kind it is read as (`None`: detected).
    pub kind: Option<InputKind>,
    /// What was masked before sharing, or `None` when the sender chose to include secrets.
    pub redacted: Option<Vec<Redaction>>,
}

impl Shared {
    /// What to share of `text`: redacted unless `include_secrets`.
    pub fn new(text: &str, kind: Option<InputKind>, include_secrets: bool) -> Shared {
        if include_secrets {
            Shared {
                text: text.to_string(),
                kind,
                redacted: None,
            }
        } else {
            let r = redact(text);
            Shared {
                text: r.text,
                kind,
                redacted: Some(r.redactions),
            }
        }
    }

    /// The URL fragment (with its `#`), or why there is none.
    pub fn to_fragment(&self) -> Result<String, String> {
        if self.text.len() > MAX_TEXT {
            return Err(format!(
                "The input is {} KB; share links hold up to {} KB. Copy as Markdown instead.",
                self.text.len().div_ceil(1024),
                MAX_TEXT / 1024
            ));
        }
        let kind = self.kind.map_or("auto", |k| k.id());
        let redacted = match &self.redacted {
            None => "none".to_string(),
            Some(list) => {
                let ids: Vec<&str> = list.iter().map(|r| r.id()).collect();
                format!("[{}]", ids.join(","))
            }
        };
        Ok(format!(
            "#share=1&kind={kind}&redacted={redacted}&text={}",
            b64::encode_url(self.text.as_bytes())
        ))
    }

    /// Reads a fragment: `None` when it is not a share link, an error when it is a broken one.
    pub fn from_fragment(fragment: &str) -> Option<Result<Shared, String>> {
        let body = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut fields = body.split('&');
        if !fields.next()?.starts_with("share=") {
            return None;
        }
        Some(parse(body))
    }
}

fn parse(body: &str) -> Result<Shared, String> {
    let (mut version, mut kind, mut redacted, mut text) = (None, None, None, None);
    for field in body.split('&') {
        let (k, v) = field.split_once('=').unwrap_or((field, ""));
        match k {
            "share" => version = Some(v),
            "kind" => kind = Some(v),
            "redacted" => redacted = Some(v),
            "text" => text = Some(v),
            _ => {}
        }
    }
    if version != Some("1") {
        return Err(format!(
            "expected a version 1 share link, found version {}",
            version.unwrap_or("?")
        ));
    }
    let kind = match kind.unwrap_or("auto") {
        "auto" => None,
        id => Some(InputKind::from_id(id).ok_or_else(|| format!("unknown input kind '{id}'"))?),
    };
    let redacted = match redacted {
        Some("none") => None,
        Some(list) => {
            let inner = list
                .strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
                .ok_or("expected the list of redactions in [ ]")?;
            let mut out = Vec::new();
            for id in inner.split(',').filter(|s| !s.is_empty()) {
                out.push(
                    Redaction::from_id(id).ok_or_else(|| format!("unknown redaction '{id}'"))?,
                );
            }
            Some(out)
        }
        None => return Err("the link does not say whether it was redacted".into()),
    };
    let text = text.ok_or("the link carries no text")?;
    if text.len() > MAX_TEXT * 2 {
        return Err("the text in the link is too long".into());
    }
    let bytes = match b64::decode(text) {
        Ok(d) => d.bytes,
        Err(b64::B64Error::Empty) => Vec::new(),
        Err(e) => return Err(format!("the text is not base64url: {e}")),
    };
    let text = String::from_utf8(bytes).map_err(|_| "the text is not UTF-8".to_string())?;
    Ok(Shared {
        text,
        kind,
        redacted,
    })
}
