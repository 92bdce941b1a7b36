//! A HAR's failures, one by one with their diagnosis, and the redacted copy to share.

use super::export::{ExportProgress, Exporter, Made};
use super::report::ReportView;
use crate::adapters::{clipboard, file};
use crate::engine::export::{self, Export};
use crate::engine::har::{ChainKind, Diagnosis, Failure};
use crate::engine::{Context, InputKind, Report};
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
    let exporter = Exporter::new();
    let redacted = move |done: Box<dyn FnOnce(Made)>| {
        let e = Export {
            kind: export::Kind::RedactedHar,
            chosen: None,
            read_as: InputKind::Har,
            ctx: Context::default(),
            include_secrets: false,
        };
        exporter.run(text.into(), e, done);
    };
    let copy = move |_| {
        redacted(Box::new(move |made: Made| {
            let e = made.exported;
            if !e.ok {
                return status.set(Some(e.note));
            }
            spawn_local(async move {
                let copied = match &made.blob {
                    Some(blob) => clipboard::copy_blob(blob).await,
                    None => clipboard::copy(&e.text).await,
                };
                status.set(Some(match copied {
                    Ok(()) => format!("Redacted HAR copied. {}", e.note),
                    Err(why) => format!("Not copied: {why}. It is ready: press Copy again."),
                }));
            });
        }))
    };
    let download = move |_| {
        redacted(Box::new(move |made: Made| {
            let e = made.exported;
            status.set(Some(if !e.ok {
                e.note
            } else {
                let saved = match &made.blob {
                    Some(blob) => file::download_blob("redacted.har", blob),
                    None => file::download("redacted.har", &e.text, "application/json"),
                };
                match saved {
                    Ok(()) => format!("Redacted HAR saved. {}", e.note),
                    Err(why) => format!("Not saved: {why}."),
                }
            }))
        }))
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
                    <ExportProgress exporter=exporter />
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
