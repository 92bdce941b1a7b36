//! Exports of a text: the redacted HAR and the Markdown to share. Small texts are exported on
//! the page; large ones in a worker, so this is also what the worker is sent and sends back.

use super::context::Context;
use super::core::wire::{self, wire_enum, wire_struct};
use super::detect::InputKind;
use super::{analyze, har, share};

/// Which export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The HAR with secrets masked, pretty-printed.
    RedactedHar,
    /// The report as Markdown, made from the text as shared.
    Markdown,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::RedactedHar, Kind::Markdown];
}

/// One export to make.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// Which export.
    pub kind: Kind,
    /// The kind the user chose, if any (`None`: detected).
    pub chosen: Option<InputKind>,
    /// What the text is read as.
    pub read_as: InputKind,
    /// The clock and other inputs of the analysis.
    pub ctx: Context,
    /// Keep the secrets as pasted (Markdown only).
    pub include_secrets: bool,
}

/// What an export made: the text and what to say about it, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Whether it was made.
    pub ok: bool,
    /// The exported text (empty when not made).
    pub text: String,
    /// What was removed, or why it could not be made.
    pub note: String,
}

/// Makes an export of `text`.
pub fn make(text: &str, e: &Export) -> Exported {
    match e.kind {
        Kind::RedactedHar => match har::redact::redact(text) {
            Ok(r) => Exported {
                ok: true,
                note: if r.removed.is_empty() {
                    "Nothing secret was found to remove.".to_string()
                } else {
                    format!("Removed: {}.", r.removed.join(", "))
                },
                text: r.text,
            },
            Err(why) => Exported {
                ok: false,
                text: String::new(),
                note: format!("Not a HAR: {why}."),
            },
        },
        Kind::Markdown => {
            let shared = share::Shared::new(text, e.chosen, e.include_secrets);
            let report = analyze(&shared.text, e.read_as, &e.ctx);
            Exported {
                ok: true,
                text: share::markdown(&report, e.read_as.label(), shared.redacted.as_deref()),
                note: String::new(),
            }
        }
    }
}

/// Makes an encoded export of `text` (what the worker does).
pub fn run(text: &str, export: &str) -> Exported {
    match wire::decode::<Export>(export) {
        Ok(e) => make(text, &e),
        // Only the page writes these, so this is a bug; say so, not a panic.
        Err(e) => Exported {
            ok: false,
            text: String::new(),
            note: format!("The export job was unreadable: {e}"),
        },
    }
}

/// Encodes what an export made, for the page.
pub fn encode_answer(made: &Exported) -> String {
    wire::encode(made)
}

/// Encodes an export for the worker.
pub fn encode(e: &Export) -> String {
    wire::encode(e)
}

/// Reads the worker's answer.
pub fn decode(message: &str) -> Result<Exported, String> {
    wire::decode(message).map_err(|e| e.to_string())
}

wire_enum!(Kind in Kind::ALL);
wire_struct!(Export {
    kind,
    chosen,
    read_as,
    ctx,
    include_secrets
});
wire_struct!(Exported { ok, text, note });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::clock::Clock;

    fn export(kind: Kind, read_as: InputKind) -> Export {
        Export {
            kind,
            chosen: None,
            read_as,
            ctx: Context::with_clock(Clock {
                now: Some(1_700_000_000),
                ..Clock::default()
            }),
            include_secrets: false,
        }
    }

    #[test]
    fn an_export_made_in_the_worker_is_the_one_made_on_the_page() {
        // RFC 7617's example credential in a curl -v exchange.
        let text = "> GET / HTTP/1.1\n> Host: a.test\n> Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n>\n< HTTP/1.1 401 Unauthorized\n<\n";
        let e = export(Kind::Markdown, InputKind::Exchange);
        let made = decode(&encode_answer(&run(text, &encode(&e)))).unwrap();
        assert_eq!(made, make(text, &e));
        assert!(made.ok && made.text.starts_with("### authlens:"));
        assert!(!made.text.contains("open sesame"));
        let har = export(Kind::RedactedHar, InputKind::Har);
        let refused = decode(&encode_answer(&run(text, &encode(&har)))).unwrap();
        assert!(!refused.ok && refused.note.starts_with("Not a HAR"));
    }

    #[test]
    fn a_bad_export_job_is_an_answer_not_a_panic() {
        assert!(!run("x", "{").ok);
    }
}
