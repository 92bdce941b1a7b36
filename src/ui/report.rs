//! One way to show a report everywhere: summary, findings, then what it asks for, then the
//! decoded parts.

use super::findings::FindingList;
use super::parts::PartList;
use crate::engine::Report;
use leptos::prelude::*;

/// A report. `main` marks the page's own analysis (a level-2 heading announced politely);
/// nested reports (fetched documents, verification) use a level-3 heading. `children` go between
/// the findings and the parts.
#[component]
pub fn ReportView(
    #[prop(into)] report: Signal<Report>,
    #[prop(optional)] main: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let summary = move || report.with(|r| r.summary.clone());
    // The cause to act on, named under the summary; the list below explains it first.
    let most_likely = move || report.with(|r| r.most_likely().map(|f| f.title.clone()));
    view! {
        {if main {
            view! {
                <h2 class="summary" aria-live="polite">
                    {summary}
                </h2>
            }
                .into_any()
        } else {
            view! { <h3 class="summary">{summary}</h3> }.into_any()
        }}
        {move || {
            most_likely()
                .map(|title| {
                    view! {
                        <p class="most-likely" data-testid="most-likely">
                            <b>"Most likely: "</b>
                            {title}
                        </p>
                    }
                })
        }}
        <FindingList report=report />
        {children.map(|c| c())}
        <PartList report=report />
    }
}
