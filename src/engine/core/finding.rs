//! Findings: the one shape every analysis reports in.

use std::fmt;

/// Ids of the findings raised here.
pub mod ids {
    use super::FindingId;

    /// "More to check than is offered here"
    pub const MORE_ASKS: FindingId = FindingId("report.more_asks");
}

/// How much a finding matters to someone debugging a failed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Breaks the request; fix this first.
    Error,
    /// Legal or working today, but likely to cause trouble.
    Warning,
    /// Context worth knowing.
    Info,
    /// A check that passed.
    Ok,
}

impl Severity {
    /// Lower-case label used in the UI and in CSS class names.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Ok => "ok",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A pointer into a specification, shown as a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecRef {
    /// Short human label, e.g. "RFC 7617 §2".
    pub label: &'static str,
    /// Where to read it.
    pub url: &'static str,
}

impl SpecRef {
    /// Builds a reference from a label and URL.
    pub const fn new(label: &'static str, url: &'static str) -> Self {
        SpecRef { label, url }
    }
}

/// A finding's stable identity, e.g. `jwt.expired`. Tests, ranking and merging use it, never
/// the title, so explanations can be reworded freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingId(pub &'static str);

impl FindingId {
    /// The id as text, e.g. `jwt.expired`.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// Whether this restates what happened (`status.*`, e.g. "401 Unauthorized") rather than
    /// naming a cause; such findings never rank as the most likely cause.
    pub fn is_general(self) -> bool {
        self.0.starts_with("status.")
    }
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// One observation about the input: cause, explanation, fix and where the rule comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which cause or check this is; stable across rewording.
    pub id: FindingId,
    /// How much it matters.
    pub severity: Severity,
    /// Short title, cause first.
    pub title: String,
    /// Plain-language explanation (boxed: findings travel in `Result`s, so they stay small).
    pub explanation: Box<str>,
    /// What to change, if anything.
    pub fix: Option<String>,
    /// The rule behind it.
    pub spec: Option<SpecRef>,
}

// The builders are called from hundreds of places with text of a few types; kept out of line,
// each type's copy exists once instead of at every call (about 2 KB gzip of wasm).
impl Finding {
    /// A finding with a title and explanation; add a fix and spec with the builder methods.
    #[inline(never)]
    pub fn new(
        id: FindingId,
        severity: Severity,
        title: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Self {
        Finding {
            id,
            severity,
            title: title.into(),
            explanation: explanation.into().into_boxed_str(),
            fix: None,
            spec: None,
        }
    }

    /// An error finding.
    #[inline(never)]
    pub fn error(id: FindingId, title: impl Into<String>, explanation: impl Into<String>) -> Self {
        Self::new(id, Severity::Error, title, explanation)
    }

    /// A warning finding.
    #[inline(never)]
    pub fn warning(
        id: FindingId,
        title: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Self {
        Self::new(id, Severity::Warning, title, explanation)
    }

    /// An informational finding.
    #[inline(never)]
    pub fn info(id: FindingId, title: impl Into<String>, explanation: impl Into<String>) -> Self {
        Self::new(id, Severity::Info, title, explanation)
    }

    /// A passed check.
    #[inline(never)]
    pub fn ok(id: FindingId, title: impl Into<String>, explanation: impl Into<String>) -> Self {
        Self::new(id, Severity::Ok, title, explanation)
    }

    /// Adds the concrete fix.
    #[inline(never)]
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Adds the spec reference.
    #[inline(never)]
    pub fn spec(mut self, spec: SpecRef) -> Self {
        self.spec = Some(spec);
        self
    }
}

/// A labelled value shown in a decoded-parts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// What the value is.
    pub label: String,
    /// The value, as text (invisible characters already made visible).
    pub value: String,
    /// Secrets are masked in the UI until revealed.
    pub secret: bool,
}

impl Field {
    /// A plain field.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Field {
            label: label.into(),
            value: value.into(),
            secret: false,
        }
    }

    /// A field the UI masks until the user reveals it.
    pub fn secret(label: impl Into<String>, value: impl Into<String>) -> Self {
        Field {
            secret: true,
            ..Field::new(label, value)
        }
    }
}

/// A block of decoded content in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A table of labelled values.
    Fields {
        /// Heading.
        title: String,
        /// Rows in order.
        rows: Vec<Field>,
    },
    /// A table with named columns.
    Table {
        /// Heading.
        title: String,
        /// Column headings.
        columns: Vec<String>,
        /// Rows, each as long as `columns`.
        rows: Vec<Vec<String>>,
    },
    /// Moments on a time line (label, Unix seconds) with "now" marked.
    Timeline {
        /// Heading.
        title: String,
        /// Points in time order.
        points: Vec<(String, i64)>,
        /// The current time, when known.
        now: Option<i64>,
    },
    /// The steps of a request, marking where it broke.
    Flow {
        /// Heading.
        title: String,
        /// Steps in order.
        steps: Vec<Step>,
    },
    /// Preformatted text shown folded until opened (e.g. one server's configuration among many).
    Snippet {
        /// Heading, always visible.
        title: String,
        /// The text, shown verbatim when opened.
        text: String,
    },
    /// Pretty-printed JSON or other preformatted text.
    Code {
        /// Heading.
        title: String,
        /// The text, shown verbatim.
        text: String,
    },
}

/// Extra input an analysis can use, which the UI offers to collect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ask {
    /// A request the user can probe from the browser ("probe this").
    Probe {
        /// The request, pre-filled into the probe form.
        request: super::request::ProbeRequest,
        /// The host the credential was pasted for, to warn before sending it elsewhere.
        pasted_for: Option<String>,
    },
    /// Password, method and body to recompute a Digest response.
    DigestPassword,
    /// A signed JWT whose signature the user can check with a key.
    VerifySignature {
        /// The compact JWS.
        token: String,
        /// Its `iss`, for OIDC discovery.
        iss: Option<String>,
    },
    /// A document the user may choose to fetch from the browser (never fetched on its own).
    Fetch {
        /// What the document is.
        kind: FetchKind,
        /// Where it is.
        url: String,
    },
}

/// Documents authlens can fetch when the user asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FetchKind {
    /// RFC 9728 OAuth protected resource metadata.
    ResourceMetadata,
}

/// One step of a request's path and whether it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step is.
    pub label: String,
    /// How it went.
    pub state: StepState,
}

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// It worked.
    Passed,
    /// It broke here.
    Failed,
    /// Never reached.
    Skipped,
    /// Cannot be told from what the page saw.
    Unknown,
}

impl StepState {
    /// Label and CSS class.
    pub fn label(self) -> &'static str {
        match self {
            StepState::Passed => "passed",
            StepState::Failed => "failed",
            StepState::Skipped => "not reached",
            StepState::Unknown => "unknown",
        }
    }
}

/// The outcome of analysing one input: decoded parts plus findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// One sentence saying what the input is.
    pub summary: String,
    /// Decoded content.
    pub parts: Vec<Part>,
    /// Observations, in the order they were made.
    pub findings: Vec<Finding>,
    /// Extra inputs that would let the analysis check more.
    pub asks: Vec<Ask>,
    /// Merging and bounds; see [`super::tally`]. Not sent with a report: it only guards pushes.
    tally: Box<super::tally::Tally>,
}

impl Report {
    /// An empty report with a summary line.
    pub fn new(summary: impl Into<String>) -> Self {
        Report {
            summary: summary.into(),
            ..Report::default()
        }
    }

    /// Adds a finding, unless the same finding (same id and title) is already there: two
    /// analyses reaching one cause report it once. Past a few of one id, further ones are
    /// counted in one "… and N more like this" finding, so results stay bounded.
    pub fn push(&mut self, finding: Finding) {
        self.tally.push(&mut self.findings, finding);
    }

    /// Adds a decoded part; past a few dozen parts (or a few hundred rows in one table) the
    /// rest are counted, not listed.
    pub fn part(&mut self, part: Part) {
        self.tally.part(&mut self.parts, part);
    }

    /// Offers an ask unless it is already offered; past a few, the rest are counted in one
    /// finding.
    pub fn ask(&mut self, ask: Ask) {
        let more = self.tally.ask(&mut self.asks, ask);
        if more > 0 {
            self.ask_limit(more);
        }
    }

    fn ask_limit(&mut self, more: usize) {
        // Titles differ per count, so count them through the same grouping as findings.
        if more == 1 {
            self.push(Finding::info(
                ids::MORE_ASKS,
                "More to check than is offered here",
                format!("Only the first {} documents and requests authlens could check are offered; paste fewer at a time to check the rest.", super::tally::MAX_ASKS),
            ));
        }
    }

    /// Adds each finding whose id the report does not hold yet: another analysis of the same
    /// paste may already have named that cause.
    pub fn add_new(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            if !self.has(f.id) {
                self.push(f);
            }
        }
    }

    /// Adds the findings given, each unless already there.
    pub fn extend_findings(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            self.push(f);
        }
    }

    /// Appends another report's parts, findings and asks (its summary is dropped).
    pub fn absorb(&mut self, other: Report) {
        for p in other.parts {
            self.part(p);
        }
        self.tally
            .absorb(&mut self.findings, *other.tally, other.findings);
        for a in other.asks {
            self.ask(a);
        }
    }

    /// Findings ordered most severe first, causes before general status findings, otherwise in
    /// the order they were made.
    pub fn sorted_findings(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.findings.iter().collect();
        // Within a severity, causes before the general status findings, as in most_likely.
        super::order::sort_by_key(&mut v, |f| (f.severity, f.id.is_general()));
        v
    }

    /// The most severe level present, if any finding exists.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).min()
    }

    /// The error findings, in order.
    pub fn errors(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    }

    /// The error most likely to be the cause: specific causes before general status findings,
    /// then the first raised.
    pub fn most_likely(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity == Severity::Error)
            .min_by_key(|(i, f)| (f.id.is_general(), *i))
            .map(|(_, f)| f)
    }

    /// Whether a finding with this id is in the report.
    pub fn has(&self, id: FindingId) -> bool {
        self.findings.iter().any(|f| f.id == id)
    }

    /// The ids of all findings, in order (what tests and the corpus assert).
    pub fn ids(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.id.as_str()).collect()
    }

    /// Whether a finding with this id (as text, e.g. `"jwt.expired"`) is in the report.
    pub fn has_id(&self, id: &str) -> bool {
        self.findings.iter().any(|f| f.id.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_puts_errors_first_and_keeps_order() {
        const A: FindingId = FindingId("test.a");
        let mut r = Report::new("x");
        r.push(Finding::info(A, "a", ""));
        r.push(Finding::error(A, "b", ""));
        r.push(Finding::info(A, "c", ""));
        r.push(Finding::warning(A, "d", ""));
        let titles: Vec<_> = r
            .sorted_findings()
            .iter()
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(titles, ["b", "d", "a", "c"]);
        assert_eq!(r.worst(), Some(Severity::Error));
    }

    #[test]
    fn same_finding_is_merged_and_general_ones_rank_last() {
        const STATUS: FindingId = FindingId("status.401");
        const CAUSE: FindingId = FindingId("test.cause");
        let mut r = Report::new("x");
        r.push(Finding::error(STATUS, "401", ""));
        r.push(Finding::error(CAUSE, "cause", ""));
        r.push(Finding::error(CAUSE, "cause", "again"));
        assert_eq!(r.ids(), ["status.401", "test.cause"]);
        assert_eq!(r.most_likely().map(|f| f.id), Some(CAUSE));
        assert_eq!(r.sorted_findings()[0].id, CAUSE);
    }
}
