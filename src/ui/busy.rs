//! "Working on 10.0 MB…" with a Cancel button: what the page shows while a worker runs.

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
