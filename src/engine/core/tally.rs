//! Bookkeeping behind `Report`: merging equal findings in constant time per finding, and
//! bounding what one report holds so no input puts thousands of elements into the page.

use super::finding::{Ask, Field, Finding, FindingId, Part, Severity};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// Findings of one id listed before the rest are counted in one "… and N more" finding.
pub const FINDINGS_PER_ID: usize = 12;
/// Parts listed before the rest are counted.
pub const MAX_PARTS: usize = 60;
/// Rows of one table listed before the rest are counted in a last row.
pub const MAX_ROWS: usize = 200;
/// Asks (probe, fetch…) offered before the rest are counted.
pub const MAX_ASKS: usize = 20;

/// What is known about the findings of one id.
#[derive(Debug, Clone, Default)]
struct Kind {
    /// Titles listed (at most `FINDINGS_PER_ID`, plus any added by direct edits).
    titles: HashSet<String>,
    /// Hashes of the titles counted but not listed, so a repeat is not counted twice.
    counted: HashSet<u64>,
    /// The first title listed, which the "… and N more" finding quotes.
    first: Option<String>,
    /// Where the "… and N more" finding is, and its title.
    group: Option<(usize, String)>,
    /// How many are counted.
    more: usize,
}

/// Hidden state of a report. Equal reports may differ here, so it never takes part in
/// comparisons.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// `findings.len()` when `kinds` last matched it; a direct edit of `findings` (an insert at
    /// the front) is noticed by the length and answered with one rebuild.
    synced: usize,
    kinds: HashMap<FindingId, Kind>,
    asks: HashSet<Ask>,
    asks_synced: usize,
    asks_more: usize,
    parts_synced: usize,
    /// Where the "… and N more parts" part is, and how many it counts.
    parts_more: Option<(usize, usize)>,
}

impl PartialEq for Tally {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Tally {}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// 4210 as "4,210".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn group_title(more: usize, like: &str) -> String {
    format!(
        "… and {} more like “{}”",
        thousands(more),
        super::text::clip(like, 60)
    )
}

impl Tally {
    fn sync(&mut self, findings: &[Finding]) {
        if self.synced == findings.len() {
            return;
        }
        for kind in self.kinds.values_mut() {
            kind.titles.clear();
        }
        let mut groups = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            let kind = self.kinds.entry(f.id).or_default();
            if kind.group.as_ref().is_some_and(|(_, t)| *t == f.title) {
                groups.push((f.id, i));
            } else {
                kind.first.get_or_insert_with(|| f.title.clone());
                kind.titles.insert(f.title.clone());
            }
        }
        for (id, i) in groups {
            if let Some((at, _)) = self.kinds.get_mut(&id).and_then(|k| k.group.as_mut()) {
                *at = i;
            }
        }
        self.synced = findings.len();
    }

    /// Adds `f` unless an equal one (same id and title) is listed or counted; past
    /// `FINDINGS_PER_ID` of one id it is counted in that id's "… and N more" finding.
    pub fn push(&mut self, findings: &mut Vec<Finding>, f: Finding) {
        self.sync(findings);
        let kind = self.kinds.entry(f.id).or_default();
        if kind.titles.contains(&f.title) {
            return;
        }
        if kind.titles.len() < FINDINGS_PER_ID {
            kind.titles.insert(f.title.clone());
            kind.first.get_or_insert_with(|| f.title.clone());
            findings.push(f);
            self.synced = findings.len();
            return;
        }
        if kind.counted.insert(hash(&f.title)) {
            self.count(findings, f.id, f.severity, 1);
        }
    }

    /// Counts `n` more findings of `id` in its group finding, creating it if needed.
    fn count(&mut self, findings: &mut Vec<Finding>, id: FindingId, severity: Severity, n: usize) {
        self.sync(findings);
        let kind = self.kinds.entry(id).or_default();
        kind.more += n;
        let title = group_title(kind.more, kind.first.as_deref().unwrap_or(""));
        match &mut kind.group {
            Some((at, t)) => {
                if let Some(g) = findings.get_mut(*at) {
                    g.title = title.clone();
                    g.severity = g.severity.min(severity);
                }
                *t = title;
            }
            None => {
                findings.push(Finding::new(
                    id,
                    severity,
                    title.clone(),
                    format!("To keep the page readable, findings of one kind past the first {FINDINGS_PER_ID} are counted, not listed. The ones above show the pattern; fixing its cause usually fixes them all."),
                ));
                kind.group = Some((findings.len() - 1, title));
                self.synced = findings.len();
            }
        }
    }

    /// Moves `other`'s findings into `findings`, adding its counts to ours.
    pub fn absorb(&mut self, findings: &mut Vec<Finding>, mut other: Tally, theirs: Vec<Finding>) {
        other.sync(&theirs);
        for (i, f) in theirs.into_iter().enumerate() {
            let grouped = other
                .kinds
                .get(&f.id)
                .and_then(|k| k.group.as_ref().filter(|(at, _)| *at == i).map(|_| k.more));
            match grouped {
                Some(n) => self.count(findings, f.id, f.severity, n),
                None => self.push(findings, f),
            }
        }
    }

    /// Adds an ask unless it is already there; past `MAX_ASKS` it is counted. Returns how many
    /// are counted so far, for the report to say.
    pub fn ask(&mut self, asks: &mut Vec<Ask>, a: Ask) -> usize {
        if self.asks_synced != asks.len() {
            self.asks = asks.iter().cloned().collect();
            self.asks_synced = asks.len();
        }
        if self.asks.contains(&a) {
            return self.asks_more;
        }
        if asks.len() < MAX_ASKS {
            self.asks.insert(a.clone());
            asks.push(a);
            self.asks_synced = asks.len();
        } else {
            self.asks_more += 1;
        }
        self.asks_more
    }

    /// Adds a part with its rows bounded; past `MAX_PARTS` parts are counted in a last part.
    pub fn part(&mut self, parts: &mut Vec<Part>, part: Part) {
        if self.parts_synced != parts.len() {
            // Parts were edited directly: find our counting part again by its shape.
            self.parts_more = self.parts_more.and_then(|(_, n)| {
                parts
                    .iter()
                    .position(
                        |p| matches!(p, Part::Fields { title, .. } if title.starts_with("… and ")),
                    )
                    .map(|at| (at, n))
            });
            self.parts_synced = parts.len();
        }
        if parts.len() < MAX_PARTS && self.parts_more.is_none() {
            parts.push(bound_rows(part));
            self.parts_synced = parts.len();
            return;
        }
        let n = self.parts_more.map_or(0, |(_, n)| n) + 1;
        let counted = Part::Fields {
            title: format!("… and {} more parts", thousands(n)),
            rows: vec![Field::new(
                "Not shown",
                format!("The first {MAX_PARTS} parts are shown; the rest repeat their shape."),
            )],
        };
        match self.parts_more {
            Some((at, _)) if at < parts.len() => parts[at] = counted,
            _ => {
                parts.push(counted);
                self.parts_synced = parts.len();
            }
        }
        let at = self.parts_more.map_or(parts.len() - 1, |(at, _)| at);
        self.parts_more = Some((at, n));
    }
}

/// The last row of a table cut to its first rows: "… and N more rows" in the first column.
pub fn more_rows(columns: usize, more: usize) -> Vec<String> {
    let mut last = vec![String::new(); columns.max(1)];
    if let Some(first) = last.first_mut() {
        *first = format!("… and {} more rows", thousands(more));
    }
    last
}

/// Keeps the first `MAX_ROWS` rows of a table and says how many more there were.
fn bound_rows(part: Part) -> Part {
    match part {
        Part::Fields { title, mut rows } if rows.len() > MAX_ROWS => {
            let more = rows.len() - MAX_ROWS;
            rows.truncate(MAX_ROWS);
            rows.push(Field::new(
                "…",
                format!("and {} more rows like these", thousands(more)),
            ));
            Part::Fields { title, rows }
        }
        Part::Table {
            title,
            columns,
            mut rows,
        } if rows.len() > MAX_ROWS => {
            let more = rows.len() - MAX_ROWS;
            rows.truncate(MAX_ROWS);
            rows.push(more_rows(columns.len(), more));
            Part::Table {
                title,
                columns,
                rows,
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::finding::Report;
    use super::*;

    const A: FindingId = FindingId("test.a");
    const B: FindingId = FindingId("test.b");

    #[test]
    fn many_of_one_kind_are_counted_in_one_finding() {
        let mut r = Report::new("x");
        for i in 0..5_000 {
            r.push(Finding::info(A, format!("a{i}"), ""));
            r.push(Finding::warning(B, "same", ""));
        }
        assert_eq!(r.findings.len(), FINDINGS_PER_ID + 2);
        let last = r.findings.iter().rev().find(|f| f.id == A);
        assert_eq!(
            last.map(|f| f.title.as_str()),
            Some("… and 4,988 more like “a0”")
        );
        // A repeat of a counted finding is not counted again.
        r.push(Finding::info(A, "a4999", ""));
        assert!(r.findings.iter().any(|f| f.title.contains("4,988 more")));
    }

    #[test]
    fn counts_survive_absorb_and_front_inserts() {
        let mut inner = Report::new("i");
        for i in 0..100 {
            inner.push(Finding::info(A, format!("a{i}"), ""));
        }
        let mut outer = Report::new("o");
        outer.findings.insert(0, Finding::error(B, "first", ""));
        outer.push(Finding::info(A, "z", ""));
        outer.absorb(inner);
        outer.findings.insert(0, Finding::error(B, "front", ""));
        outer.push(Finding::info(A, "y", ""));
        let groups: Vec<_> = outer
            .findings
            .iter()
            .filter(|f| f.title.starts_with("… and"))
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(groups, ["… and 90 more like “z”"]);
        assert_eq!(outer.findings.len(), 2 + FINDINGS_PER_ID + 1);
    }

    #[test]
    fn parts_and_rows_are_bounded() {
        let mut r = Report::new("x");
        for i in 0..1_000 {
            r.part(Part::Table {
                title: format!("t{i}"),
                columns: vec!["a".into()],
                rows: vec![vec!["r".into()]; 1_000],
            });
        }
        assert_eq!(r.parts.len(), MAX_PARTS + 1);
        assert!(
            matches!(&r.parts[MAX_PARTS], Part::Fields { title, .. } if title == "… and 940 more parts")
        );
        assert!(matches!(&r.parts[0], Part::Table { rows, .. } if rows.len() == MAX_ROWS + 1));
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }
}
