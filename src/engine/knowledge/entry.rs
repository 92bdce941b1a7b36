//! One entry of the knowledge base, read from its packed line.

use crate::engine::core::finding::FindingId;
use std::fmt;
use std::str::FromStr;

/// Where a vendor's words appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A response body.
    Body,
    /// A response header.
    Header,
    /// A server's log line.
    Log,
    /// What a command line tool prints.
    Output,
}

impl FromStr for Place {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "body" => Ok(Place::Body),
            "header" => Ok(Place::Header),
            "log" => Ok(Place::Log),
            "output" => Ok(Place::Output),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Place::Body => "body",
            Place::Header => "header",
            Place::Log => "log",
            Place::Output => "output",
        })
    }
}

/// A code or phrase a vendor's server prints, and the cause it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The code or literal phrase, matched without regard to ASCII case, as whole words.
    pub phrase: &'static str,
    /// Where it appears.
    pub place: Place,
    /// The product that prints it.
    pub product: &'static str,
    /// The cause it names, shared with the engine's own findings of that cause.
    pub cause_id: FindingId,
    /// The cause in one line.
    pub cause: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// What to change.
    pub fix: &'static str,
    /// Where the vendor says so.
    pub source: &'static str,
}

/// Why a packed knowledge base could not be read: the line, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// 1-based line number.
    pub line: usize,
    /// What the line should have held.
    pub expected: &'static str,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "knowledge base line {}: expected {}",
            self.line, self.expected
        )
    }
}

/// The first line of a packed base, naming its format and version.
pub const HEADER: &str = "authlens-knowledge\t1";

impl Entry {
    /// Reads one packed line: eight fields separated by tabs, in the order of the source files.
    pub fn parse(line: &'static str, number: usize) -> Result<Entry, PackError> {
        let err = |expected| PackError {
            line: number,
            expected,
        };
        let mut f = line.split('\t');
        let mut next = |what| f.next().filter(|v| !v.is_empty()).ok_or(err(what));
        let phrase = next("a code or phrase to match")?;
        let place = next("where it appears")?
            .parse()
            .map_err(|()| err("body, header, log or output"))?;
        let product = next("a product")?;
        let cause_id = next("a cause id")?;
        if !cause_id.contains('.') {
            return Err(err("a cause id such as vendor.cause"));
        }
        let entry = Entry {
            phrase,
            place,
            product,
            cause_id: FindingId(cause_id),
            cause: next("the cause")?,
            meaning: next("what it means")?,
            fix: next("what to change")?,
            source: next("a source link")?,
        };
        if !entry.source.starts_with("https://") {
            return Err(err("an https:// source link"));
        }
        if f.next().is_some() {
            return Err(err("eight fields"));
        }
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_line_and_says_what_is_missing() {
        let e = Entry::parse("AADSTS700016\tbody\tMicrosoft Entra ID\tentra.app_not_found\tNo such app\tThe client id is unknown.\tUse the right id.\thttps://learn.microsoft.com/x", 2).unwrap();
        assert_eq!(e.place, Place::Body);
        assert_eq!(e.cause_id.as_str(), "entra.app_not_found");
        assert_eq!(
            Entry::parse("AADSTS1\tbody\tp\tnodot\tc\tm\tf\thttps://x", 3).unwrap_err(),
            PackError {
                line: 3,
                expected: "a cause id such as vendor.cause"
            }
        );
        assert_eq!(
            Entry::parse("x\tsomewhere", 4).unwrap_err().expected,
            "body, header, log or output"
        );
        assert_eq!(
            Entry::parse("x\tlog\tp\ta.b\tc\tm\tf\thttp://x", 5)
                .unwrap_err()
                .expected,
            "an https:// source link"
        );
        assert_eq!(
            Entry::parse("x\tlog\tp\ta.b\tc\tm\tf\thttps://x\textra", 5)
                .unwrap_err()
                .expected,
            "eight fields"
        );
        assert_eq!(
            "output".parse::<Place>().map(|p| p.to_string()),
            Ok("output".to_string())
        );
    }
}
