//! Checking a JWT's signature with a key the user gives (or finds by OIDC discovery).

use super::findings::FindingList;
use crate::adapters::jwt_verify;
use crate::engine::jose::keys::SecretEncoding;
use crate::engine::Report;
use leptos::prelude::*;

/// Key input, expected audience, and the verification result.
#[component]
pub fn VerifyPanel(
    token: String,
    iss: Option<String>,
    audience: RwSignal<String>,
) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Text);
    let token = StoredValue::new(token);
    let verify = Action::new_local(move |_: &()| {
        let (t, k, e) = (
            token.get_value(),
            key.get_untracked(),
            encoding.get_untracked(),
        );
        async move { jwt_verify::with_key(&t, &k, e).await }
    });
    let discover = Action::new_local(move |iss: &String| {
        let (t, i) = (token.get_value(), iss.clone());
        async move { jwt_verify::with_discovery(&t, &i).await }
    });
    // The latest of the two results is shown.
    let last = RwSignal::new(None::<Report>);
    Effect::new(move |_| {
        if let Some(r) = verify.value().get() {
            last.set(Some(r));
        }
    });
    Effect::new(move |_| {
        if let Some(r) = discover.value().get() {
            last.set(Some(r));
        }
    });
    let result = Memo::new(move |_| last.get().unwrap_or_default());
    let pending = move || verify.pending().get() || discover.pending().get();
    view! {
        <section class="ask verify" aria-label="Verify the signature">
            <h3>"Verify the signature"</h3>
            <p class="hint">
                "Checked here with your browser's WebCrypto. Keys and secrets stay in this tab; authlens never trusts a key the token carries itself."
            </p>
            <label for="verify-key">"Key: secret, PEM public key or certificate, JWK, JWKS, or a JWKS URL"</label>
            <textarea
                id="verify-key"
                rows="4"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || key.get()
                on:input:target=move |ev| key.set(ev.target().value())
            ></textarea>
            <div class="verify-row">
                <label for="secret-encoding">"A secret is"</label>
                <select
                    id="secret-encoding"
                    on:change:target=move |ev| encoding.set(SecretEncoding::from_id(&ev.target().value()))
                >
                    <option value="text">"text"</option>
                    <option value="base64">"base64"</option>
                    <option value="base64url">"base64url"</option>
                </select>
                <button type="button" id="verify-button" on:click=move |_| { verify.dispatch(()); }>
                    "Verify"
                </button>
                {iss.map(|i| {
                    let label = format!("Find the key from {i} (OIDC discovery)");
                    let stored = i.clone();
                    view! {
                        <button type="button" id="discover-button" on:click=move |_| { discover.dispatch(stored.clone()); }>
                            {label}
                        </button>
                    }
                })}
            </div>
            <label for="expected-aud">"This token is for the API (expected audience, optional)"</label>
            <input
                id="expected-aud"
                type="text"
                placeholder="https://api.example.com"
                prop:value=move || audience.get()
                on:input:target=move |ev| audience.set(ev.target().value())
            />
            <Show when=pending>
                <p class="hint" role="status">"Checking…"</p>
            </Show>
            <Show when=move || last.with(Option::is_some)>
                <div class="verify-result" data-testid="verify-result">
                    <h4>{move || result.with(|r| r.summary.clone())}</h4>
                    <FindingList report=result />
                </div>
            </Show>
        </section>
    }
}
