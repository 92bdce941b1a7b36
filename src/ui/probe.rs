//! The probe form: what to send, warnings before sending, progress, cancel, and the verdict.

use super::findings::FindingList;
use super::parts::PartList;
use crate::adapters::{fetch::page_origin, probe};
use crate::engine::probe::{plan, target, verdict, CredMode, ProbeRequest};
use crate::engine::{self, Report};
use leptos::prelude::*;

/// How long each probe may take.
const TIMEOUT_MS: u32 = 10_000;

/// The form's contents (also filled by "probe this").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProbeForm {
    /// URL.
    pub url: String,
    /// Method.
    pub method: String,
    /// Header lines.
    pub headers: String,
    /// Body.
    pub body: String,
    /// Credentials mode.
    pub credentials: CredMode,
    /// Host the credential was pasted for.
    pub pasted_for: Option<String>,
}

impl ProbeForm {
    /// Fills the form from a pasted request.
    pub fn from_request(r: &ProbeRequest, pasted_for: Option<String>) -> Self {
        ProbeForm {
            url: r.url.clone(),
            method: r.method.to_string(),
            headers: r.header_lines(),
            body: r.body.clone().unwrap_or_default(),
            credentials: r.credentials,
            pasted_for,
        }
    }

    fn request(&self) -> ProbeRequest {
        ProbeRequest::from_form(
            &self.url,
            &self.method,
            &self.headers,
            &self.body,
            self.credentials,
        )
    }
}

/// The probe section, folded away until opened (by the user or by "probe this"). Its form is
/// built when first opened, not with the page, and kept once built so a result survives
/// folding it away.
#[component]
pub fn ProbePanel(form: RwSignal<ProbeForm>, open: RwSignal<bool>) -> impl IntoView {
    let built = RwSignal::new(false);
    Effect::new(move |_| {
        if open.get() {
            built.set(true);
        }
    });
    view! {
        <details
            class="probe"
            id="probe"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>"Probe an endpoint from this browser"</summary>
            <Show when=move || built.get() || open.get()>
                <ProbeBody form=form />
            </Show>
        </details>
    }
}

/// The probe's form, warnings, progress and verdict.
#[component]
fn ProbeBody(form: RwSignal<ProbeForm>) -> impl IntoView {
    let origin = page_origin();
    let origin_for_check = origin.clone();
    let precheck = Memo::new(move |_| {
        let f = form.get();
        let findings =
            target::precheck(&f.request(), &origin_for_check, f.pasted_for.as_deref()).findings;
        let mut r = Report::default();
        for f in findings {
            r.push(f);
        }
        r
    });
    let credential = Memo::new(move |_| {
        let req = form.with(ProbeForm::request);
        match req.header("authorization") {
            Some(a) => engine::credential::analyze(
                &format!("Authorization: {a}"),
                &engine::Context::default(),
            ),
            None => Report::default(),
        }
    });
    let risky = move || {
        precheck.with(|r| {
            r.findings
                .iter()
                .any(|f| f.severity <= engine::Severity::Warning)
        })
    };
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    let cancelled = RwSignal::new(false);
    let origin_for_run = origin.clone();
    let run = Action::new_local(move |req: &ProbeRequest| {
        let req = req.clone();
        let origin = origin_for_run.clone();
        let ctrl = web_sys::AbortController::new().ok();
        let signal = ctrl.as_ref().map(|c| c.signal());
        controller.set_value(ctrl);
        cancelled.set(false);
        async move {
            let signal = signal?;
            let probes = plan::plan(&req);
            let (observed, total_ms) = probe::run(probes, &req.url, TIMEOUT_MS, &signal).await;
            if cancelled.get_untracked() {
                return None;
            }
            Some(verdict::diagnose_timed(
                &req,
                &origin,
                &observed,
                Some(total_ms),
            ))
        }
    });
    on_cleanup(move || {
        if let Some(c) = controller.try_get_value().flatten() {
            c.abort();
        }
    });
    let result = Memo::new(move |_| run.value().get().flatten().unwrap_or_default());
    let field = move |set: fn(&mut ProbeForm, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            form.update(|f| set(f, v));
        }
    };
    view! {
        <p class="hint">
            "Runs a few requests from this page to the URL (only when you press Probe) and names why a browser call fails. Page origin: "
            <code>{origin.clone()}</code>
        </p>
        <div class="probe-grid">
            <label for="probe-url">"URL"</label>
            <input
                id="probe-url"
                type="url"
                placeholder="https://api.example.com/v1/me"
                prop:value=move || form.with(|f| f.url.clone())
                on:input=field(|f, v| f.url = v)
            />
            <label for="probe-method">"Method"</label>
            <input
                id="probe-method"
                type="text"
                placeholder="GET"
                prop:value=move || form.with(|f| f.method.clone())
                on:input=field(|f, v| f.method = v)
            />
            <label for="probe-headers">"Headers"</label>
            <textarea
                id="probe-headers"
                rows="3"
                spellcheck="false"
                placeholder="Authorization: Bearer …"
                prop:value=move || form.with(|f| f.headers.clone())
                on:input=field(|f, v| f.headers = v)
            ></textarea>
            <label for="probe-body">"Body"</label>
            <textarea
                id="probe-body"
                rows="2"
                spellcheck="false"
                prop:value=move || form.with(|f| f.body.clone())
                on:input=field(|f, v| f.body = v)
            ></textarea>
            <label for="probe-credentials">"Cookies (credentials)"</label>
            <select
                id="probe-credentials"
                on:change=field(|f, v| f.credentials = v.parse().unwrap_or_default())
            >
                <option
                    value="same-origin"
                    selected=move || form.with(|f| f.credentials == CredMode::SameOrigin)
                >
                    "same-origin (default)"
                </option>
                <option
                    value="omit"
                    selected=move || form.with(|f| f.credentials == CredMode::Omit)
                >
                    "omit"
                </option>
                <option
                    value="include"
                    selected=move || form.with(|f| f.credentials == CredMode::Include)
                >
                    "include (send cookies)"
                </option>
            </select>
        </div>
        <Show when=move || credential.with(|r| !r.parts.is_empty())>
            <div class="probe-credential">
                <PartList report=credential />
            </div>
        </Show>
        <FindingList report=precheck />
        <div class="probe-actions">
            <button
                type="button"
                id="probe-button"
                disabled=move || run.pending().get()
                on:click=move |_| {
                    run.dispatch(form.with(ProbeForm::request));
                }
            >
                {move || if risky() { "Send anyway" } else { "Probe" }}
            </button>
            <Show when=move || run.pending().get()>
                <span class="hint" role="status">
                    "Probing… (each request may take up to 10 s)"
                </span>
                <button
                    type="button"
                    id="probe-cancel"
                    on:click=move |_| {
                        cancelled.set(true);
                        if let Some(c) = controller.get_value() {
                            c.abort();
                        }
                    }
                >
                    "Cancel"
                </button>
            </Show>
            <Show when=move || cancelled.get() && !run.pending().get()>
                <span class="hint" role="status">
                    "Cancelled."
                </span>
            </Show>
        </div>
        <Show when=move || run.value().with(|v| matches!(v, Some(Some(_))))>
            <div class="probe-result" data-testid="probe-result">
                <h3
                    class="verdict"
                    data-id=move || result.with(|r| r.findings.first().map(|f| f.id.as_str()))
                >
                    {move || result.with(|r| r.summary.clone())}
                </h3>
                <FindingList report=result />
                <PartList report=result />
            </div>
        </Show>
    }
}
