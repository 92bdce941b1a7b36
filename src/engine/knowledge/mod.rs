//! What vendors' servers say: codes and messages from their published catalogues, each mapped
//! to the cause it names. The entries are data (`knowledge/*.json`, packed at build time); this
//! module reads the packed form and finds every entry in a text in one pass.
//!
//! In the browser the packed base is fetched the first time a paste needs it and handed to
//! [`install`]; natively it is built in.

mod entry;

pub use entry::{Entry, PackError, Place, HEADER};

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::phrase_set::PhraseSet;
use std::sync::OnceLock;

/// At most this many causes are reported from one text: a log of many failures names a few.
pub const MAX_CAUSES: usize = 5;

/// The entries, and the phrase set that finds them.
#[derive(Debug, Default)]
pub struct Base {
    packed: &'static str,
    entries: Vec<Entry>,
    set: PhraseSet,
}

/// One entry found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'t> {
    /// The entry.
    pub entry: &'static Entry,
    /// The text as the paste spells it.
    pub said: &'t str,
}

impl Base {
    /// Reads a packed base: [`HEADER`], then one entry per line.
    pub fn parse(packed: &'static str) -> Result<Base, PackError> {
        let mut lines = packed.lines();
        if lines.next() != Some(HEADER) {
            return Err(PackError {
                line: 1,
                expected: "the header authlens-knowledge<TAB>1",
            });
        }
        let mut entries = Vec::new();
        for (i, line) in lines.enumerate() {
            if !line.is_empty() {
                entries.push(Entry::parse(line, i + 2)?);
            }
        }
        let set = PhraseSet::new(entries.iter().map(|e| e.phrase));
        Ok(Base {
            packed,
            entries,
            set,
        })
    }

    /// The packed text the base was read from (what a worker is given).
    pub fn packed(&self) -> &'static str {
        self.packed
    }

    /// The entries, in packed order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries found in `text`, one per cause, the most specific first (sentences before
    /// bare codes, then longer before shorter) and otherwise in the order they occur, at most
    /// [`MAX_CAUSES`]. A code such as `AccessDenied` or `SignatureDoesNotMatch` names less
    /// than the sentence beside it that says why ("Signature expired: …").
    pub fn hits<'t>(&'static self, text: &'t str) -> Vec<Hit<'t>> {
        let mut out: Vec<Hit<'t>> = Vec::new();
        self.set.find(text, |k, start| {
            let Some(entry) = self.entries.get(k) else {
                return true;
            };
            if out.iter().all(|h| h.entry.cause_id != entry.cause_id) {
                let said = text
                    .get(start..start + entry.phrase.len())
                    .unwrap_or(entry.phrase);
                out.push(Hit { entry, said });
            }
            out.len() < MAX_CAUSES
        });
        crate::engine::core::order::sort_by_key(&mut out, |h| {
            let p = h.entry.phrase;
            std::cmp::Reverse((p.contains(' '), p.len()))
        });
        out
    }
}

static BASE: OnceLock<Base> = OnceLock::new();

/// The base built into native builds (tests and the command line).
#[cfg(not(target_arch = "wasm32"))]
const BUILT_IN: &str = include_str!(concat!(env!("OUT_DIR"), "/knowledge.tsv"));

/// The base, once installed (in the browser) or built in (natively).
pub fn base() -> Option<&'static Base> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(BASE.get_or_init(|| Base::parse(BUILT_IN).unwrap_or_default()))
    }
    #[cfg(target_arch = "wasm32")]
    {
        BASE.get()
    }
}

/// Installs a packed base fetched by the page or handed to a worker; the first one installed
/// stays. Answers how many entries it holds.
pub fn install(packed: String) -> Result<usize, PackError> {
    if let Some(b) = BASE.get() {
        return Ok(b.entries.len());
    }
    let base = Base::parse(Box::leak(packed.into_boxed_str()))?;
    Ok(BASE.get_or_init(|| base).entries.len())
}

/// The causes that vendors' messages in `text` name, as findings (none before the base is
/// installed).
pub fn findings(text: &str) -> Vec<Finding> {
    let Some(base) = base() else {
        return Vec::new();
    };
    base.hits(text).into_iter().map(finding).collect()
}

/// Explains one hit: cause first, then what the vendor's words mean, the fix and the source.
fn finding(hit: Hit<'_>) -> Finding {
    let e = hit.entry;
    let whose = match e.place {
        Place::Body | Place::Header => "The server's message",
        Place::Log => "The log's message",
        Place::Output => "The tool's message",
    };
    Finding::error(
        e.cause_id,
        e.cause,
        format!("{whose} “{}” means: {}", hit.said, e.meaning),
    )
    .fix(e.fix)
    .spec(SpecRef::new(e.product, e.source))
}

#[cfg(test)]
mod tests;
