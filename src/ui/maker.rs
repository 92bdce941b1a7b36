//! A test tool: write a header and claims, sign them, get a token to try against a server.

use super::input::PasteText;
use crate::adapters::clock;
use crate::adapters::token_maker::sign_token;
use crate::engine::jose::sign;
use leptos::prelude::*;

/// The token maker, folded away until opened. Its form is built when first opened: most visits
/// never open it, and building it with the page would slow the first load.
#[component]
pub fn TokenMaker(text: PasteText) -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <details
            class="maker"
            on:toggle=move |ev| {
                if event_target::<web_sys::HtmlDetailsElement>(&ev).open() {
                    opened.set(true);
                }
            }
        >
            <summary>"Create a test token (test tool)"</summary>
            <Show when=move || opened.get()>
                <MakerForm text=text />
            </Show>
        </details>
    }
}

/// The maker's form: header, claims, algorithm, key, and the signed token.
#[component]
fn MakerForm(text: PasteText) -> impl IntoView {
    let (h, c) = sign::sample(clock::now_unix());
    let header = RwSignal::new(h);
    let claims = RwSignal::new(c);
    let alg = RwSignal::new("HS256".to_string());
    let secret = RwSignal::new(String::new());
    let private_jwk = RwSignal::new(String::new());
    let make = Action::new_local(move |_: &()| {
        let (h, c, a, s, k) = (
            header.get_untracked(),
            claims.get_untracked(),
            alg.get_untracked(),
            secret.get_untracked(),
            private_jwk.get_untracked(),
        );
        async move { sign_token(&h, &c, &a, &s, &k).await }
    });
    let is_hmac = move || alg.with(|a| sign::is_hmac(a));
    view! {
        <p class="hint">
            "For testing your own server. Keys are generated in this tab and forgotten when you leave."
        </p>
        <div class="maker-grid">
            <label for="maker-header">"Header"</label>
            <textarea
                id="maker-header"
                rows="4"
                spellcheck="false"
                prop:value=move || header.get()
                on:input:target=move |ev| header.set(ev.target().value())
            ></textarea>
            <label for="maker-claims">"Claims"</label>
            <textarea
                id="maker-claims"
                rows="8"
                spellcheck="false"
                prop:value=move || claims.get()
                on:input:target=move |ev| claims.set(ev.target().value())
            ></textarea>
            <label for="maker-alg">"Algorithm"</label>
            <select id="maker-alg" on:change:target=move |ev| alg.set(ev.target().value())>
                {sign::algs().map(|a| view! { <option value=a>{a}</option> }).collect_view()}
            </select>
            <Show
                when=is_hmac
                fallback=move || {
                    view! {
                        <label for="maker-private">
                            "Private key (JWK), or empty to generate one"
                        </label>
                        <textarea
                            id="maker-private"
                            rows="3"
                            spellcheck="false"
                            autocomplete="off"
                            prop:value=move || private_jwk.get()
                            on:input:target=move |ev| private_jwk.set(ev.target().value())
                        ></textarea>
                    }
                }
            >
                <label for="maker-secret">"Secret"</label>
                <input
                    id="maker-secret"
                    type="text"
                    autocomplete="off"
                    prop:value=move || secret.get()
                    on:input:target=move |ev| secret.set(ev.target().value())
                />
            </Show>
        </div>
        <button
            type="button"
            id="maker-sign"
            on:click=move |_| {
                make.dispatch(());
            }
        >
            {move || {
                if is_hmac() || !private_jwk.with(|k| k.trim().is_empty()) {
                    "Sign"
                } else {
                    "Generate a key pair and sign"
                }
            }}
        </button>
        {move || {
            make.value()
                .get()
                .map(|res| match res {
                    Ok(m) => {
                        let token = m.token.clone();
                        view! {
                            <div class="made">
                                <label for="made-token">"Token"</label>
                                <textarea
                                    id="made-token"
                                    rows="4"
                                    readonly=true
                                    prop:value=m.token.clone()
                                ></textarea>
                                <button type="button" on:click=move |_| text.replace(token.clone())>
                                    "Analyse this token"
                                </button>
                                {m
                                    .public_jwk
                                    .map(|j| {
                                        view! {
                                            <label for="made-jwk">
                                                "Public key (JWK) to verify it with"
                                            </label>
                                            <textarea
                                                id="made-jwk"
                                                rows="3"
                                                readonly=true
                                                prop:value=j
                                            ></textarea>
                                        }
                                    })}
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <p class="file-error" role="alert">
                                {e}
                            </p>
                        }
                            .into_any()
                    }
                })
        }}
    }
}
