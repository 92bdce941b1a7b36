//! Checking a JWT's signature with a key the user gives (or finds by OIDC discovery).

use super::report::ReportView;
use crate::adapters::jwt_verify;
use crate::engine::jose::keys::SecretEncoding;
use leptos::prelude::*;

/// Where the verifying key comes from.
#[derive(Clone)]
enum How {
    /// The key (or JWKS URL) typed in the panel.
    WithKey,
    /// OIDC discovery from this issuer.
    Discover(String),
}

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
    // One action for both ways of finding the key, so its value is always the latest result.
    let verify = Action::new_local(move |how: &How| {
        let (t, k, e, how) = (
            token.get_value(),
            key.get_untracked(),
            encoding.get_untracked(),
            how.clone(),
        );
        async move {
            match how {
                How::WithKey => jwt_verify::with_key(&t, &k, e).await,
                How::Discover(iss) => jwt_verify::with_discovery(&t, &iss).await,
            }
        }
    });
    let result = Memo::new(move |_| verify.value().get().unwrap_or_default());
    let pending = move || verify.pending().get();
    view! {
        <section class="ask verify" aria-label="Verify the signature">
            <h3>"Verify the signature"</h3>
            <p class="hint">
                "Checked here with your browser's WebCrypto. Keys and secrets stay in this tab; authlens never trusts a key the token carries itself."
            </p>
            <label for="verify-key">
                "Key: secret, PEM public key or certificate, JWK, JWKS, or a JWKS URL"
            </label>
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
                    on:change:target=move |ev| {
                        encoding.set(ev.target().value().parse().unwrap_or_default())
                    }
                >
                    <option value="text">"text"</option>
                    <option value="base64">"base64"</option>
                    <option value="base64url">"base64url"</option>
                </select>
                <button
                    type="button"
                    id="verify-button"
                    on:click=move |_| {
                        verify.dispatch(How::WithKey);
                    }
                >
                    "Verify"
                </button>
                {iss
                    .map(|i| {
                        let label = format!("Find the key from {i} (OIDC discovery)");
                        let stored = i.clone();
                        view! {
                            <button
                                type="button"
                                id="discover-button"
                                on:click=move |_| {
                                    verify.dispatch(How::Discover(stored.clone()));
                                }
                            >
                                {label}
                            </button>
                        }
                    })}
            </div>
            <label for="expected-aud">
                "This token is for the API (expected audience, optional)"
            </label>
            <input
                id="expected-aud"
                type="text"
                placeholder="https://api.example.com"
                prop:value=move || audience.get()
                on:input:target=move |ev| audience.set(ev.target().value())
            />
            <Show when=pending>
                <p class="hint" role="status">
                    "Checking…"
                </p>
            </Show>
            <Show when=move || verify.value().with(Option::is_some)>
                <div class="verify-result" data-testid="verify-result">
                    <ReportView report=result />
                </div>
            </Show>
        </section>
    }
}
