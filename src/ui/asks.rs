//! Extra inputs an analysis asked for (e.g. the password to check a Digest response).

use crate::engine::{Ask, DigestInputs, Report};
use leptos::prelude::*;

/// Shows the inputs the current report asks for, if any.
#[component]
pub fn AskPanel(report: Memo<Report>, digest: RwSignal<DigestInputs>) -> impl IntoView {
    let wants_digest = Memo::new(move |_| report.with(|r| r.asks.contains(&Ask::DigestPassword)));
    view! {
        <Show when=move || wants_digest.get()>
            <DigestForm digest=digest />
        </Show>
    }
}

/// Password, method and body for recomputing a Digest response, locally.
#[component]
fn DigestForm(digest: RwSignal<DigestInputs>) -> impl IntoView {
    view! {
        <section class="ask" aria-label="Check the Digest response">
            <h3>"Check the Digest response"</h3>
            <p class="hint">
                "Type the password: authlens recomputes the response here. Nothing is sent or stored."
            </p>
            <div class="ask-grid">
                <label for="digest-password">"Password"</label>
                <input
                    id="digest-password"
                    type="password"
                    autocomplete="off"
                    prop:value=move || digest.with(|d| d.password.clone())
                    on:input:target=move |ev| digest.update(|d| d.password = ev.target().value())
                />
                <label for="digest-method">"Method"</label>
                <input
                    id="digest-method"
                    type="text"
                    placeholder="from the request, else GET"
                    prop:value=move || digest.with(|d| d.method.clone())
                    on:input:target=move |ev| digest.update(|d| d.method = ev.target().value())
                />
                <label for="digest-body">"Body (qop=auth-int)"</label>
                <textarea
                    id="digest-body"
                    rows="2"
                    prop:value=move || digest.with(|d| d.body.clone())
                    on:input:target=move |ev| digest.update(|d| d.body = ev.target().value())
                ></textarea>
            </div>
        </section>
    }
}
