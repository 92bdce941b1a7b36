//! The page: paste box, detected kind, and the report.

use super::asks::{AskPanel, AskState};
use super::findings::FindingList;
use super::input::{KindPicker, PasteBox, PasteText};
use super::maker::TokenMaker;
use super::parts::PartList;
use super::probe::ProbePanel;
use super::samples::Samples;
use crate::adapters::clock;
use crate::engine::{self, Context, InputKind, Report};
use leptos::prelude::*;
use std::time::Duration;

/// Delay between the last keystroke and re-analysis, so typing stays smooth.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let paste = PasteText::new();
    let text = paste.text;
    let settled = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<InputKind>);
    let leeway = RwSignal::new(60i64);
    let asks = AskState::new();

    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let current = text.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(move || settled.set(current), DEBOUNCE).ok();
        pending.set_value(handle);
    });

    let detection = Memo::new(move |_| settled.with(|t| engine::detect(t)));
    let kind = Memo::new(move |_| chosen.get().unwrap_or_else(|| detection.get().kind));
    let report = Memo::new(move |_| {
        let ctx = Context {
            clock: clock::engine_clock(leeway.get()),
            digest: asks.digest.get(),
            expected_aud: asks.audience.get(),
        };
        settled.with(|t| engine::analyze(t, kind.get(), &ctx))
    });

    view! {
        <header class="top">
            <h1>"authlens"</h1>
            <p class="tagline">
                "Why did that request get a 401? Paste it here. Everything stays in this tab."
            </p>
        </header>
        <main>
            <PasteBox text=paste />
            <Samples text=paste chosen=chosen />
            <KindPicker detection=detection chosen=chosen leeway=leeway />
            <ReportView report=report asks=asks />
            <ProbePanel form=asks.probe_form open=asks.probe_open />
            <TokenMaker text=paste />
        </main>
        <footer>
            "authlens works offline in your browser: nothing you paste is sent or stored."
        </footer>
    }
}

/// Summary and findings first, then what the analysis asks for, then the decoded parts.
#[component]
fn ReportView(report: Memo<Report>, asks: AskState) -> impl IntoView {
    view! {
        <section class="report" aria-label="Analysis">
            <h2 class="summary" aria-live="polite">{move || report.with(|r| r.summary.clone())}</h2>
            <FindingList report=report />
            <AskPanel report=report state=asks />
            <PartList report=report />
        </section>
    }
}
