//! A HAR's failures, one by one with their diagnosis, and the redacted copy to share.

use super::report::ReportView;
use crate::adapters::{clipboard, file};
use crate::engine::har::{self, ChainKind, Diagnosis, Failure};
use crate::engine::{InputKind, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Shown when the input is a HAR: each failure by origin, then copy and download of a redacted
/// copy.
#[component]
pub fn HarPanel(
    text: RwSignal<String>,
    kind: Memo<InputKind>,
    diagnosis: RwSignal<Option<Diagnosis>>,
) -> impl IntoView {
    let is_har = move || kind.get() == InputKind::Har;
    let status = RwSignal::new(None::<String>);
    let redacted = move || text.with(|t| har::redact::redact(t));
    let said = |r: &har::redact::Redacted| {
        if r.removed.is_empty() {
            "Nothing secret was found to remove.".to_string()
        } else {
            format!("Removed: {}.", r.removed.join(", "))
        }
    };
    let copy = move |_| match redacted() {
        Ok(r) => spawn_local(async move {
            status.set(Some(match clipboard::copy(&r.text).await {
                Ok(()) => format!("Redacted HAR copied. {}", said(&r)),
                Err(e) => format!("Not copied: {e}."),
            }));
        }),
        Err(e) => status.set(Some(format!("Not a HAR: {e}."))),
    };
    let download = move |_| {
        status.set(Some(match redacted() {
            Ok(r) => match file::download("redacted.har", &r.text, "application/json") {
                Ok(()) => format!("Redacted HAR saved. {}", said(&r)),
                Err(e) => format!("Not saved: {e}."),
            },
            Err(e) => format!("Not a HAR: {e}."),
        }));
    };
    view! {
        <Show when=is_har>
            <section class="har" aria-label="HAR failures">
                <div class="har-actions">
                    <button type="button" on:click=copy>
                        "Copy redacted HAR"
                    </button>
                    <button type="button" on:click=download>
                        "Download redacted HAR"
                    </button>
                    {move || {
                        status
                            .get()
                            .map(|s| {
                                view! {
                                    <p class="har-status" role="status">
                                        {s}
                                    </p>
                                }
                            })
                    }}
                </div>
                {move || {
                    diagnosis
                        .get()
                        .map(|d| {
                            d.groups
                                .into_iter()
                                .map(|g| {
                                    let origin = g.origin.clone();
                                    view! {
                                        <section class="har-origin" data-origin=origin>
                                            <h3>{g.origin}</h3>
                                            {g
                                                .failures
                                                .into_iter()
                                                .map(|f| view! { <FailureView failure=f /> })
                                                .collect_view()}
                                        </section>
                                    }
                                })
                                .collect_view()
                        })
                }}
                {move || {
                    diagnosis
                        .with(|d| d.as_ref().map(|d| d.unlisted.calls))
                        .filter(|&n| n > 0)
                        .map(|n| {
                            view! {
                                <p class="har-unlisted">
                                    {format!(
                                        "{n} more failed calls are counted in the report, not listed here.",
                                    )}
                                </p>
                            }
                        })
                }}
            </section>
        </Show>
    }
}

/// One failure: when, the chain, how many calls, and its diagnosis folded.
#[component]
fn FailureView(failure: Failure) -> impl IntoView {
    let what = match failure.chain_kind {
        Some(ChainKind::Preflight) => "Preflight and request",
        Some(ChainKind::Redirect) => "Redirect chain",
        None => "Request",
    };
    let count = (failure.count > 1)
        .then(|| format!(" — failed {} times with the same credential", failure.count));
    let cause = failure
        .report
        .most_likely()
        .or_else(|| failure.report.findings.first())
        .map(|f| f.id.as_str())
        .unwrap_or("");
    let calls = (failure.count > 1).then(|| failure.calls.clone());
    let report = Signal::derive({
        let r: Report = failure.report;
        move || r.clone()
    });
    view! {
        <details class="har-failure" data-cause=cause data-count=failure.count.to_string()>
            <summary>
                <span class="when">{failure.started}</span>
                " "
                <strong>{what}</strong>
                ": "
                {failure.chain.join(" ⇒ ")}
                {count}
            </summary>
            {calls
                .map(|c| {
                    view! {
                        <ul class="har-calls">
                            {c.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <ReportView report=report />
        </details>
    }
}
