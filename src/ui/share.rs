//! Sharing: a link with the input in the URL fragment (secrets redacted unless the user says
//! otherwise), the report as Markdown, and what a page opened from such a link was given.

use super::export::{ExportProgress, Exporter};
use crate::adapters::{clipboard, location};
use crate::engine::export::{self, Export};
use crate::engine::share::{Redaction, Shared};
use crate::engine::{Context, InputKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a share link gave this page: `Ok(None)` the original text, `Ok(Some(list))` a redacted
/// one, `Err` a link that could not be read.
pub type Opened = Result<Option<Vec<Redaction>>, String>;

/// Reads a share link from the page's fragment, if there is one.
pub fn from_location() -> Option<Result<Shared, String>> {
    Shared::from_fragment(&location::fragment())
}

/// The list of redactions in words.
fn listed(list: &[Redaction]) -> String {
    list.iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Texts longer than this are redacted only when shared, not for the preview line.
const PREVIEW_LIMIT: usize = 256 * 1024;

/// The share controls, under the analysis.
#[component]
pub fn SharePanel(
    #[prop(into)] text: Signal<String>,
    chosen: RwSignal<Option<InputKind>>,
    kind: Memo<InputKind>,
    now: RwSignal<i64>,
    leeway: RwSignal<i64>,
) -> impl IntoView {
    let include = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    // Redacting a large text on every change would block the page: its preview line does not.
    let large = move || text.with(|t| t.len() > PREVIEW_LIMIT);
    let shared = move || text.with(|t| Shared::new(t, chosen.get(), include.get()));
    let will_redact = move || {
        if large() && !include.get() {
            return "Secrets are redacted before sharing; what was removed is listed then."
                .to_string();
        }
        match shared().redacted {
            None => "The link and the Markdown will include the secrets as pasted.".to_string(),
            Some(list) if list.is_empty() => {
                "Nothing here looks secret; the text is shared as is.".into()
            }
            Some(list) => format!("Redacted before sharing: {}.", listed(&list)),
        }
    };
    let copy_link = move |_| {
        let s = shared();
        match s.to_fragment() {
            Err(e) => {
                link.set(None);
                status.set(e);
            }
            Ok(fragment) => {
                let Some(url) = location::link_with(&fragment) else {
                    return;
                };
                link.set(Some(url.clone()));
                let done = match &s.redacted {
                    None => "Share link copied. It includes the secrets.",
                    Some(_) => "Share link copied, secrets redacted.",
                };
                spawn_local(async move {
                    status.set(match clipboard::copy(&url).await {
                        Ok(()) => done.to_string(),
                        Err(e) => format!("{e}: copy the link below."),
                    });
                });
            }
        }
    };
    let exporter = Exporter::new();
    let copy_markdown = move |_| {
        let ctx = Context::with_clock(crate::adapters::clock::engine_clock(
            now.get_untracked(),
            leeway.get_untracked(),
        ));
        let e = Export {
            kind: export::Kind::Markdown,
            chosen: chosen.get_untracked(),
            read_as: kind.get_untracked(),
            ctx,
            include_secrets: include.get_untracked(),
        };
        exporter.run(text, e, move |made| {
            spawn_local(async move {
                let copied = match &made.blob {
                    Some(blob) => clipboard::copy_blob(blob).await,
                    None => clipboard::copy(&made.exported.text).await,
                };
                status.set(match copied {
                    Ok(()) => "Markdown copied.".to_string(),
                    Err(e) => format!("{e}. It is ready: press Copy as Markdown again."),
                });
            });
        });
    };
    view! {
        <Show when=move || text.with(|t| !t.trim().is_empty())>
            <section class="share" aria-labelledby="share-heading">
                <h2 id="share-heading">"Share this analysis"</h2>
                <p class="share-what" data-testid="share-what">
                    {will_redact}
                </p>
                <label class="include-secrets">
                    <input
                        type="checkbox"
                        id="include-secrets"
                        prop:checked=move || include.get()
                        on:change:target=move |ev| include.set(ev.target().checked())
                    />
                    " Include the secrets (passwords, tokens, signatures) — anyone with the link or text can use them"
                </label>
                <div class="share-actions">
                    <button type="button" on:click=copy_link>
                        "Copy share link"
                    </button>
                    <button type="button" on:click=copy_markdown>
                        "Copy as Markdown"
                    </button>
                </div>
                <ExportProgress exporter=exporter />
                <p class="share-status" role="status">
                    {move || status.get()}
                </p>
                {move || {
                    link.get()
                        .map(|url| {
                            view! {
                                <label for="share-link">"Share link"</label>
                                <input id="share-link" class="share-link" readonly prop:value=url />
                            }
                        })
                }}
            </section>
        </Show>
    }
}

/// Says that the page was opened from a share link, and what was redacted from it.
#[component]
pub fn OpenedNotice(opened: Option<Opened>) -> impl IntoView {
    let text = opened.map(|o| match o {
        Ok(None) => "Opened from a share link that includes the original secrets.".to_string(),
        Ok(Some(list)) if list.is_empty() => {
            "Opened from a share link; nothing in it needed redacting.".to_string()
        }
        Ok(Some(list)) => format!(
            "Opened from a share link. Redacted before sharing: {}. Checks that need the secrets (signatures, passwords) cannot pass here.",
            listed(&list)
        ),
        Err(e) => format!("This share link could not be read: {e}."),
    });
    text.map(|t| {
        view! {
            <p class="opened" role="status" data-testid="opened-notice">
                {t}
            </p>
        }
    })
}
