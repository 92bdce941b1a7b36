//! Findings, most severe first.

use crate::engine::{Finding, Report};
use leptos::prelude::*;

/// The list of findings of a report.
#[component]
pub fn FindingList(#[prop(into)] report: Signal<Report>) -> impl IntoView {
    view! {
        <ul class="findings" data-testid="findings">
            <For
                each=move || {
                    report.with(|r| r.sorted_findings().into_iter().cloned().collect::<Vec<_>>())
                }
                key=|f| (f.id, f.title.clone())
                children=|f| view! { <FindingItem finding=f /> }
            />
        </ul>
    }
}

/// One finding: badge, title, explanation, fix, spec link.
#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let sev = finding.severity.label();
    view! {
        <li class=format!("finding {sev}") data-id=finding.id.as_str()>
            <span class="badge">{sev.to_uppercase()}</span>
            <strong class="title">{finding.title}</strong>
            <p class="explanation">{String::from(finding.explanation)}</p>
            {finding
                .fix
                .map(|fix| {
                    view! {
                        <p class="fix">
                            <b>"Fix: "</b>
                            {fix}
                        </p>
                    }
                })}
            {finding
                .spec
                .map(|s| {
                    view! {
                        <a class="spec" href=s.url target="_blank" rel="noopener noreferrer">
                            {s.label}
                        </a>
                    }
                })}
        </li>
    }
}
