//! Sharing an analysis without leaking it: redaction of secrets in the pasted text, share links
//! in the URL fragment, and a report as Markdown.

pub mod fragment;
mod keep;
pub mod markdown;
mod mask;
pub mod redact;
mod scan;

pub use fragment::Shared;
pub use markdown::markdown;
pub use redact::{redact, Redacted, Redaction};

#[cfg(test)]
mod tests;
