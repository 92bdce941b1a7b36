//! The page's analysis: small texts in the same frame, large ones in a worker while the page
//! stays responsive, with progress and a way to cancel.

use super::busy::{megabytes, BusyNote, WorkerSlot};
use super::pace;
use crate::adapters::engine_worker::{EngineWorker, Task};
use crate::adapters::knowledge;
use crate::adapters::recovery;
use crate::engine::core::text::fingerprint;
use crate::engine::har::Diagnosis;
use crate::engine::job::{self, Job, Outcome};
use crate::engine::{Context, InputKind, Report};
use leptos::prelude::*;

/// Texts at least this long are analysed in a worker. Below it an analysis takes about 100 ms
/// or less, which a worker's start-up would not beat.
pub const WORKER_BYTES: usize = 1_500_000;

/// Texts shorter than this are re-analysed when the clock ticks.
const TICKING_LIMIT: usize = 100_000;

/// The current analysis of the settled text.
#[derive(Clone, Copy)]
pub struct Analysis {
    /// The report shown.
    pub report: RwSignal<Report>,
    /// Fingerprint of the text the report was made from (the page's `data-analysed`).
    pub analysed: RwSignal<u32>,
    /// Whether that report was made once the vendors' messages had settled (loaded, or could
    /// not be): the page's `data-knowledge`.
    pub knowledge: RwSignal<bool>,
    /// The HAR diagnosis, when the text is read as a HAR.
    pub har: RwSignal<Option<Diagnosis>>,
    /// The worker analysing a large text, and that text's size while it does.
    worker: WorkerSlot,
    /// How long the last analysis took (ms), for pacing re-analysis while typing.
    pub cost: StoredValue<f64>,
    /// Set when the browser could not run the worker: analyse on the page instead.
    no_worker: StoredValue<bool>,
    /// The fingerprint of a text that crashed the page once: it is analysed only in a worker,
    /// where another crash ends the worker, not the page.
    isolated: StoredValue<Option<u32>>,
    /// Whether the vendors' messages were asked for (on the first text), and whether that
    /// settled, loaded or not; the analysis runs again when it does.
    knowledge_asked: StoredValue<bool>,
    knowledge_settled: RwSignal<bool>,
}

/// What the report says when the engine crashed on a text (the page or a worker was reset).
const INTERNAL_ERROR: &str = "authlens hit an internal error on this input; the page has been reset. Your text is kept: edit it to try again.";

impl Analysis {
    /// Analyses `text` as `kind` whenever either changes, with the context `ctx(ticking)` gives
    /// (`ticking`: whether the clock's ticks should re-analyse).
    pub fn run(
        text: RwSignal<String>,
        kind: Memo<InputKind>,
        ctx: impl Fn(bool) -> Context + 'static,
    ) -> Self {
        let a = Analysis {
            report: RwSignal::new(Report::default()),
            analysed: RwSignal::new(fingerprint("")),
            knowledge: RwSignal::new(false),
            har: RwSignal::new(None),
            worker: WorkerSlot::new(),
            cost: StoredValue::new(0.0),
            no_worker: StoredValue::new(false),
            isolated: StoredValue::new(None),
            knowledge_asked: StoredValue::new(false),
            knowledge_settled: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let kind = kind.get();
            let len = text.with(String::len);
            let ctx = ctx(len < TICKING_LIMIT);
            // A newer text or context makes a running job stale: stop it.
            a.stop();
            let knowledge_in = a.knowledge_settled.get();
            if len > 0 && !a.knowledge_asked.get_value() {
                a.knowledge_asked.set_value(true);
                leptos::task::spawn_local(async move {
                    // Without the base the findings are those of the engine's own rules.
                    let _ = knowledge::load().await;
                    a.knowledge_settled.set(true);
                });
            }
            let isolated = a
                .isolated
                .get_value()
                .is_some_and(|fp| text.with(|t| fingerprint(t)) == fp);
            if isolated {
                if !a.offload(text, kind, &ctx) {
                    a.crashed(text);
                }
                return;
            }
            if len >= WORKER_BYTES && !a.no_worker.get_value() {
                // A long job waits for the base (a few milliseconds) rather than run twice.
                if !knowledge_in || a.offload(text, kind, &ctx) {
                    return;
                }
            }
            a.here(text, kind, &ctx);
        });
        a
    }

    /// Analyses on the page, in this task.
    fn here(self, text: RwSignal<String>, kind: InputKind, ctx: &Context) {
        let started = pace::now_ms();
        let (outcome, fp) = text.with_untracked(|t| (job::outcome(t, kind, ctx), fingerprint(t)));
        self.cost.set_value(pace::now_ms() - started);
        self.show(outcome, fp);
    }

    /// Starts the analysis in a worker; false when the worker could not be started.
    fn offload(self, text: RwSignal<String>, kind: InputKind, ctx: &Context) -> bool {
        let job = job::encode_job(&Job {
            kind,
            ctx: ctx.clone(),
        });
        let started = pace::now_ms();
        let fallback = ctx.clone();
        let done = move |answer: Result<wasm_bindgen::JsValue, String>| {
            self.worker.finish();
            let answer =
                answer.and_then(|a| a.as_string().ok_or("the worker sent no answer".into()));
            match answer.and_then(|a| job::decode_answer(&a)) {
                Ok(answer) => {
                    self.cost.set_value(pace::now_ms() - started);
                    self.show(answer.outcome, answer.fingerprint);
                }
                Err(why) if recovery::is_trap(&why) => self.crashed(text),
                Err(_) => {
                    // The worker could not run here (old browser, blocked script): analyse on
                    // the page from now on, which blocks it but still answers.
                    self.no_worker.set_value(true);
                    self.here(text, kind, &fallback);
                }
            }
        };
        let started_worker =
            text.with_untracked(|t| EngineWorker::start(t, &job, Task::Analyse, done));
        match started_worker {
            Ok(worker) => {
                self.worker
                    .hold(worker, "Analysing", text.with_untracked(String::len));
                self.har.set(None);
                self.report.set(Report::new(
                    "The findings appear here when the analysis is done.",
                ));
                true
            }
            Err(_) => {
                self.no_worker.set_value(true);
                false
            }
        }
    }

    /// Analyses `text` only in a worker from now on: it crashed the page once.
    pub fn isolate(self, text: &str) {
        self.isolated.set_value(Some(fingerprint(text)));
    }

    /// The engine crashed on `text`: say so, with the text kept.
    fn crashed(self, text: RwSignal<String>) {
        self.har.set(None);
        self.report.set(Report::new(INTERNAL_ERROR));
        self.analysed.set(text.with_untracked(|t| fingerprint(t)));
    }

    /// Shows an outcome, without re-rendering when nothing changed.
    fn show(self, outcome: Outcome, fp: u32) {
        let report = outcome.report();
        let har = outcome.har().cloned();
        self.report.maybe_update(|r| {
            let changed = *r != report;
            if changed {
                *r = report;
            }
            changed
        });
        self.har.maybe_update(|h| {
            let changed = *h != har;
            if changed {
                *h = har;
            }
            changed
        });
        self.knowledge.set(self.knowledge_settled.get_untracked());
        self.analysed.set(fp);
    }

    /// Stops the running job, if any.
    fn stop(self) {
        self.worker.stop();
    }

    /// The user cancelled the running analysis.
    pub fn cancel(self) {
        self.stop();
        self.har.set(None);
        self.report.set(Report::new(
            "The analysis was cancelled. Edit the text, or drop or open the file again, to analyse it.",
        ));
    }
}

/// "Analysing 10.0 MB…" with a Cancel button, while the worker runs.
#[component]
pub fn Progress(analysis: Analysis) -> impl IntoView {
    move || {
        analysis.worker.busy.get().map(|(what, len)| {
            view! {
                <BusyNote
                    text=format!("{what} {}", megabytes(len))
                    label="Analysis in progress"
                    test_id="analysing"
                    cancel=move || analysis.cancel()
                />
            }
        })
    }
}
