//! Extra inputs an analysis asked for (e.g. the password to check a Digest response).

use super::probe::ProbeForm;
use super::report::ReportView;
use super::verify::VerifyPanel;
use crate::adapters::fetch;
use crate::engine::{self, Ask, DigestInputs, FetchKind, Report};
use leptos::prelude::*;

/// The Digest check's three boxes, as typed.
#[derive(Clone, Default, PartialEq)]
pub struct DigestForm {
    /// Password.
    pub password: String,
    /// Method.
    pub method: String,
    /// Body.
    pub body: String,
}

impl DigestForm {
    /// What the engine reads.
    pub fn inputs(&self) -> DigestInputs {
        DigestInputs::from_form(&self.password, &self.method, &self.body)
    }
}

/// What the user typed in answer to the analyses' asks, kept across re-analyses.
#[derive(Clone, Copy)]
pub struct AskState {
    /// Digest password, method, body, as typed.
    pub digest: RwSignal<DigestForm>,
    /// Expected audience for JWTs.
    pub audience: RwSignal<String>,
    /// The probe form.
    pub probe_form: RwSignal<ProbeForm>,
    /// Whether the probe section is open.
    pub probe_open: RwSignal<bool>,
}

impl AskState {
    /// Empty inputs.
    pub fn new() -> Self {
        AskState {
            digest: RwSignal::new(DigestForm::default()),
            audience: RwSignal::new(String::new()),
            probe_form: RwSignal::new(ProbeForm::default()),
            probe_open: RwSignal::new(false),
        }
    }
}

impl Default for AskState {
    fn default() -> Self {
        Self::new()
    }
}

/// Shows the inputs the current report asks for, if any.
#[component]
pub fn AskPanel(report: Memo<Report>, state: AskState) -> impl IntoView {
    let AskState {
        digest,
        audience,
        probe_form,
        probe_open,
    } = state;
    let to_probe = Memo::new(move |_| {
        report.with(|r| {
            r.asks.iter().find_map(|a| match a {
                Ask::Probe {
                    request,
                    pasted_for,
                } => Some(ProbeForm::from_request(request, pasted_for.clone())),
                _ => None,
            })
        })
    });
    let wants_digest = Memo::new(move |_| report.with(|r| r.asks.contains(&Ask::DigestPassword)));
    let fetches = Memo::new(move |_| {
        report.with(|r| {
            r.asks
                .iter()
                .filter_map(|a| match a {
                    Ask::Fetch { kind, url } => Some((*kind, url.clone())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });
    let to_verify = Memo::new(move |_| {
        report.with(|r| {
            r.asks.iter().find_map(|a| match a {
                Ask::VerifySignature { token, iss } => Some((token.clone(), iss.clone())),
                _ => None,
            })
        })
    });
    view! {
        <Show when=move || wants_digest.get()>
            <DigestBoxes digest=digest />
        </Show>
        {move || {
            to_probe
                .get()
                .map(|f| {
                    view! {
                        <section class="ask">
                            <button
                                type="button"
                                id="probe-this"
                                on:click=move |_| {
                                    probe_form.set(f.clone());
                                    probe_open.set(true);
                                    if let Some(el) = document().get_element_by_id("probe") {
                                        el.scroll_into_view();
                                    }
                                }
                            >
                                "Probe this request from the browser"
                            </button>
                            <span class="hint">
                                " Nothing is sent until you press Probe there."
                            </span>
                        </section>
                    }
                })
        }}
        {move || {
            to_verify
                .get()
                .map(|(token, iss)| view! { <VerifyPanel token=token iss=iss audience=audience /> })
        }}
        {move || {
            fetches
                .get()
                .into_iter()
                .map(|(kind, url)| view! { <FetchDocument kind=kind url=url /> })
                .collect_view()
        }}
    }
}

/// A button that fetches a document the analysis pointed at, only when pressed.
#[component]
fn FetchDocument(kind: FetchKind, url: String) -> impl IntoView {
    let label = match kind {
        FetchKind::ResourceMetadata => "Fetch the resource metadata",
    };
    let action = Action::new_local(move |url: &String| {
        let url = url.clone();
        async move {
            engine::fetched_document(
                kind,
                &url,
                &fetch::page_origin(),
                fetch::get_text(&url).await,
            )
        }
    });
    let result = Memo::new(move |_| action.value().get().unwrap_or_default());
    let target = url.clone();
    view! {
        <section class="ask" aria-label=label>
            <button
                type="button"
                on:click=move |_| {
                    action.dispatch(target.clone());
                }
            >
                {label}
            </button>
            <code class="url">{url}</code>
            <Show when=move || action.pending().get()>
                <p class="hint" role="status">
                    "Fetching…"
                </p>
            </Show>
            <Show when=move || action.value().with(Option::is_some)>
                <ReportView report=result />
            </Show>
        </section>
    }
}

/// Password, method and body for recomputing a Digest response, locally.
#[component]
fn DigestBoxes(digest: RwSignal<DigestForm>) -> impl IntoView {
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
