//! The page: paste box, detected kind, and the report.

use super::analysis::{Analysis, Progress};
use super::asks::{AskPanel, AskState};
use super::har::HarPanel;
use super::input::{KindPicker, PasteBox, PasteText};
use super::maker::TokenMaker;
use super::offline::UpdateNotice;
use super::pace;
use super::probe::ProbePanel;
use super::report::ReportView;
use super::samples::Samples;
use super::share::{self, OpenedNotice, SharePanel};
use crate::adapters::{clock, recovery, shell};
use crate::engine::{self, Context, InputKind, Report};
use leptos::prelude::*;
use std::time::Duration;

/// How often the clock the analysis judges times by moves on.
const TICK: Duration = Duration::from_secs(15);

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let paste = PasteText::new();
    let text = paste.text;
    let settled = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<InputKind>);
    let leeway = RwSignal::new(60i64);
    let asks = AskState::new();
    // A share link opens with its text and kind, and says what was redacted from it.
    let opened = share::from_location().map(|shared| {
        shared.map(|s| {
            paste.replace(s.text);
            chosen.set(s.kind);
            s.redacted
        })
    });

    // What was typed or pasted into the app shell before the wasm arrived, analysed at once.
    let shell = shell::taken();
    if let Some(s) = &shell {
        if !s.text.is_empty() {
            paste.replace(s.text.clone());
        }
        let s = s.clone();
        request_animation_frame(move || shell::restore(&s));
    }

    // After an engine crash the page is remounted with the text it held (static/recover.js).
    let recovered = recovery::take_text();
    if let Some(t) = &recovered {
        paste.replace(t.clone());
    }

    let detection = Memo::new(move |_| settled.with(|t| engine::detect(t)));
    let kind = Memo::new(move |_| chosen.get().unwrap_or_else(|| detection.get().kind));
    // The clock ticks, so "expires in" and "expired" stay true while the page is open. Large
    // inputs are not re-analysed on each tick; they catch up on the next edit.
    let now = RwSignal::new(clock::now_unix());
    let _ = set_interval_with_handle(move || now.set(clock::now_unix()), TICK);
    let analysis = Analysis::run(settled, kind, move |ticking| Context {
        clock: clock::engine_clock(
            if ticking {
                now.get()
            } else {
                now.get_untracked()
            },
            leeway.get(),
        ),
        digest: asks.digest.with(|d| d.inputs()),
        expected_aud: Some(asks.audience.get()),
    });
    if let Some(t) = &recovered {
        analysis.isolate(t);
    }
    let report = Memo::new(move |_| analysis.report.get());

    // A paste or a small text is analysed in the same frame; typing in a text whose analysis
    // is slow waits a little, scaled to how long the last analysis took.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let current = text.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let old_len = settled.with_untracked(String::len);
        let wait = pace::delay_ms(current.len(), old_len, analysis.cost.get_value());
        let handle = if wait == 0 {
            settled.set(current);
            None
        } else {
            let delay = Duration::from_millis(wait.into());
            set_timeout_with_handle(move || settled.set(current), delay).ok()
        };
        pending.set_value(handle);
    });

    view! {
        <header class="top">
            <h1>"authlens"</h1>
            <p class="tagline">
                "Why did that request get a 401? Paste it here. Everything stays in this tab."
            </p>
        </header>
        <UpdateNotice />
        <main>
            <OpenedNotice opened=opened />
            <Show when=move || recovered.is_some()>
                <p class="opened" role="alert" data-testid="recovered-notice">
                    "authlens hit an internal error on this input; the page has been reset. Your text is kept below."
                </p>
            </Show>
            <PasteBox text=paste />
            <Samples text=paste chosen=chosen />
            <KindPicker detection=detection chosen=chosen leeway=leeway />
            <Progress analysis=analysis />
            <AnalysisView
                report=report
                analysed=analysis.analysed
                knowledge=analysis.knowledge
                asks=asks
            />
            <HarPanel text=settled kind=kind diagnosis=analysis.har />
            <SharePanel text=settled chosen=chosen kind=kind now=now leeway=leeway />
            <ProbePanel form=asks.probe_form open=asks.probe_open />
            <TokenMaker text=paste />
        </main>
        <footer>
            "authlens works offline in your browser: nothing you paste is sent or stored."
        </footer>
    }
}

/// The page's analysis. `data-analysed` carries a fingerprint of the text it was made from, and
/// `data-knowledge` whether the vendors' messages were at hand, so tests (and scripts) can wait
/// for the whole analysis of exactly what they pasted.
#[component]
fn AnalysisView(
    report: Memo<Report>,
    analysed: RwSignal<u32>,
    knowledge: RwSignal<bool>,
    asks: AskState,
) -> impl IntoView {
    view! {
        <section
            class="report"
            aria-label="Analysis"
            data-analysed=move || analysed.get().to_string()
            data-knowledge=move || if knowledge.get() { "settled" } else { "pending" }
        >
            <ReportView report=report main=true>
                <AskPanel report=report state=asks />
            </ReportView>
        </section>
    }
}
