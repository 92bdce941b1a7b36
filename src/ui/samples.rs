//! One-click examples, so a first-time user sees what authlens does.

use super::input::PasteText;
use crate::engine::InputKind;
use leptos::prelude::*;

const SAMPLES: &[(&str, &str)] = &[
    ("Basic header", "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
    ("Expired JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjJ9.kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg"),
    ("Challenge", "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\""),
    ("curl -v 401", "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Basic realm=\"api\", charset=\"UTF-8\"\n<\n{\"error\":\"bad credentials\"}"),
    ("curl command", "curl 'https://api.example.com/v1/me' -H 'Authorization: Bearer undefined'"),
];

/// Buttons that fill the paste box with an example.
#[component]
pub fn Samples(text: PasteText, chosen: RwSignal<Option<InputKind>>) -> impl IntoView {
    view! {
        <nav class="samples" aria-label="Examples">
            <span>"Try: "</span>
            {SAMPLES
                .iter()
                .map(|(label, sample)| {
                    view! {
                        <button
                            type="button"
                            on:click=move |_| {
                                chosen.set(None);
                                text.replace(sample.to_string());
                            }
                        >
                            {*label}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}
