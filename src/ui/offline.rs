//! The quiet notice that a new version is ready.

use crate::adapters::offline;
use leptos::prelude::*;

/// Registers the service worker and offers a reload when a new version is waiting.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(false);
    offline::register(move || ready.set(true));
    view! {
        <Show when=move || ready.get()>
            <p class="update" role="status" data-testid="update-notice">
                "A new version of authlens is available. "
                <button type="button" on:click=|_| offline::activate_update()>
                    "Reload to update"
                </button>
            </p>
        </Show>
    }
}
