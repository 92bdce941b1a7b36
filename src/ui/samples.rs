//! One-click examples: a short row under the paste box, and a gallery with one example of each
//! kind of failure, for people learning what a 401 can mean.

use super::input::PasteText;
use crate::engine::samples::{Sample, SAMPLES};
use crate::engine::InputKind;
use leptos::prelude::*;

/// A button that fills the paste box with an example.
#[component]
fn SampleButton(
    sample: &'static Sample,
    text: PasteText,
    chosen: RwSignal<Option<InputKind>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            data-shows=sample.shows
            on:click=move |_| {
                chosen.set(None);
                text.replace(sample.text.to_string());
            }
        >
            {sample.label}
        </button>
    }
}

/// The featured examples, then the gallery folded under them.
#[component]
pub fn Samples(text: PasteText, chosen: RwSignal<Option<InputKind>>) -> impl IntoView {
    view! {
        <nav class="samples" aria-label="Examples">
            <span>"Try: "</span>
            {SAMPLES
                .iter()
                .filter(|s| s.featured)
                .map(|s| view! { <SampleButton sample=s text=text chosen=chosen /> })
                .collect_view()}
            <details class="gallery">
                <summary>"More examples: one of each kind of failure"</summary>
                <div class="gallery-items">
                    {SAMPLES
                        .iter()
                        .filter(|s| !s.featured)
                        .map(|s| view! { <SampleButton sample=s text=text chosen=chosen /> })
                        .collect_view()}
                </div>
            </details>
        </nav>
    }
}
