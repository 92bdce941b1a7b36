//! A job in a worker: the slot that holds it, and "Working on 10.0 MB…" with a Cancel button
//! while it runs.

use crate::adapters::engine_worker::EngineWorker;
use leptos::prelude::*;

/// A polite status line with a progress bar and Cancel; `test_id` names it for tests.
#[component]
pub fn BusyNote(
    /// What is being done, e.g. "Analysing 10.0 MB".
    text: String,
    /// The progress bar's accessible name.
    label: &'static str,
    test_id: &'static str,
    /// Stops the work.
    cancel: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <p class="analysing" role="status" data-testid=test_id>
            {format!("{text}… ")}
            <progress aria-label=label></progress>
            " "
            <button type="button" on:click=move |_| cancel()>
                "Cancel"
            </button>
        </p>
    }
}

/// A size in MB, as the notes say it.
pub fn megabytes(len: usize) -> String {
    format!("{:.1} MB", len as f64 / 1_048_576.0)
}

/// A worker running one job for the page, and what the page says while it runs: what it is
/// doing and the size of the text. Dropping the worker terminates it, which is how a job is
/// cancelled.
#[derive(Clone, Copy)]
pub struct WorkerSlot {
    running: StoredValue<Option<EngineWorker>, LocalStorage>,
    /// What the worker does and the text's size, while it runs.
    pub busy: RwSignal<Option<(&'static str, usize)>>,
}

impl WorkerSlot {
    /// An empty slot.
    pub fn new() -> Self {
        WorkerSlot {
            running: StoredValue::new_local(None),
            busy: RwSignal::new(None),
        }
    }

    /// Keeps a started worker, and says what it does while it runs.
    pub fn hold(self, worker: EngineWorker, what: &'static str, len: usize) {
        self.running.set_value(Some(worker));
        self.busy.set(Some((what, len)));
    }

    /// The worker answered: let its own callback return before it is dropped.
    pub fn finish(self) {
        let worker = self.running.try_update_value(Option::take).flatten();
        leptos::task::spawn_local(async move { drop(worker) });
        self.busy.set(None);
    }

    /// Stops the running job, if any.
    pub fn stop(self) {
        if self
            .running
            .try_update_value(Option::take)
            .flatten()
            .is_some()
        {
            self.busy.set(None);
        }
    }
}
