//! Exports (the redacted HAR, the Markdown): made on the page for small texts, in a worker for
//! large ones, with progress and Cancel, so the page stays responsive. The last export is kept,
//! so a copy the browser refused after a long wait works at the next click.

use super::analysis::WORKER_BYTES;
use super::busy::{megabytes, BusyNote, WorkerSlot};
pub use crate::adapters::engine_worker::Made;
use crate::adapters::engine_worker::{EngineWorker, Task};
use crate::engine::core::text::fingerprint;
use crate::engine::export::{self, Export, Kind};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The export runner one panel uses.
#[derive(Clone, Copy)]
pub struct Exporter {
    /// What is being exported and the text's size, while a worker runs.
    worker: WorkerSlot,
    /// The last export: the text's fingerprint, the export, and what it made.
    last: StoredValue<Option<(u32, Export, Made)>, LocalStorage>,
}

impl Exporter {
    /// A runner with nothing running.
    pub fn new() -> Self {
        Exporter {
            worker: WorkerSlot::new(),
            last: StoredValue::new_local(None),
        }
    }

    /// Makes `e` of `text` and hands it to `done`: at once when small (or made before), else
    /// when the worker answers.
    pub fn run(self, text: Signal<String>, e: Export, done: impl FnOnce(Made) + 'static) {
        let (len, fp) = text.with_untracked(|t| (t.len(), fingerprint(t)));
        let cached = self.last.with_value(|l| {
            l.as_ref()
                .filter(|(f, le, _)| *f == fp && *le == e)
                .map(|(_, _, x)| x.clone())
        });
        if let Some(made) = cached {
            return done(made);
        }
        if len < WORKER_BYTES {
            return done(Made::text(text.with_untracked(|t| export::make(t, &e))));
        }
        self.stop();
        let job = export::encode(&e);
        let what = match e.kind {
            Kind::RedactedHar => "Preparing the redacted HAR",
            Kind::Markdown => "Preparing the Markdown",
        };
        // Called once: by the worker's answer, or here when no worker could start.
        let done = std::rc::Rc::new(std::cell::Cell::new(Some(
            Box::new(done) as Box<dyn FnOnce(Made)>
        )));
        let finish = done.clone();
        let kept = e.clone();
        let answer = move |a: Result<JsValue, String>| {
            self.worker.finish();
            let made = a.ok().and_then(Made::from_answer).unwrap_or_else(|| {
                // No worker here: make it on the page, which blocks it but still answers.
                Made::text(text.with_untracked(|t| export::make(t, &kept)))
            });
            self.last.set_value(Some((fp, kept, made.clone())));
            if let Some(f) = finish.take() {
                f(made);
            }
        };
        match text.with_untracked(|t| EngineWorker::start(t, &job, Task::Export, answer)) {
            Ok(worker) => {
                self.worker.hold(worker, what, len);
            }
            Err(_) => {
                if let Some(f) = done.take() {
                    f(Made::text(text.with_untracked(|t| export::make(t, &e))));
                }
            }
        }
    }

    fn stop(self) {
        self.worker.stop();
    }
}

/// "Preparing the redacted HAR (50.0 MB)…" with Cancel, while a worker exports.
#[component]
pub fn ExportProgress(exporter: Exporter) -> impl IntoView {
    move || {
        exporter.worker.busy.get().map(|(what, len)| {
            view! {
                <BusyNote
                    text=format!("{what} ({})", megabytes(len))
                    label="Export in progress"
                    test_id="exporting"
                    cancel=move || exporter.stop()
                />
            }
        })
    }
}
