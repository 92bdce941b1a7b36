//! The paste box (with file drop) and the kind picker.

use crate::adapters::{clipboard, file};

/// The paste box's text. Typing updates `text` only; a programmatic change (example, file,
/// clear) also updates `shown`, which is what the textarea displays. This keeps a large paste
/// from being copied back into the textarea on every keystroke.
#[derive(Clone, Copy)]
pub struct PasteText {
    /// What is analysed.
    pub text: RwSignal<String>,
    /// What the textarea is set to.
    shown: RwSignal<String>,
    /// Set while `text` is a large file of which the textarea shows only the head.
    large: RwSignal<Option<String>>,
}

/// Files larger than this are analysed whole but only their head is put into the textarea,
/// which would otherwise take seconds to lay out and make every keystroke slow.
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// How much of a large file the textarea shows.
const HEAD_BYTES: usize = 16 * 1024;

impl PasteText {
    /// Empty text.
    pub fn new() -> Self {
        PasteText {
            text: RwSignal::new(String::new()),
            shown: RwSignal::new(String::new()),
            large: RwSignal::new(None),
        }
    }

    /// Replaces the contents with a text given by the page (an example, a share link, Clear).
    pub fn replace(&self, s: String) {
        self.load(Origin::Given, s);
    }

    /// The one way text comes in, whichever way it came: decides whether the box shows all of
    /// it or only its head with a note (the analysis then decides page or worker by size).
    fn load(&self, origin: Origin<'_>, s: String) {
        if s.len() > LARGE_FILE_BYTES {
            return self.load_large(origin.name(), s);
        }
        if self.large.get_untracked().is_some() {
            self.large.set(None);
        }
        // Typed text is already in the box: copying it back would move the caret.
        if !matches!(origin, Origin::Typed) {
            self.shown.set(s.clone());
        }
        self.text.set(s);
    }

    /// Analyses all of `s` while the textarea shows only its head, with a note.
    fn load_large(&self, name: &str, s: String) {
        let mut cut = HEAD_BYTES;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.large.set(Some(format!(
            "{name} is {:.1} MB: all of it is analysed, but the box shows only its first {} KB. \
             Editing the box analyses what the box holds.",
            s.len() as f64 / 1_048_576.0,
            HEAD_BYTES / 1024
        )));
        let head = s[..cut].to_string();
        self.text.set(s);
        // Replacing megabytes in the textarea is slow too: do it in a task of its own.
        let shown = self.shown;
        set_timeout(move || shown.set(head), Duration::ZERO);
    }
}

/// Where a text came from: it names the text in the large-file note, and typed text is already
/// in the box.
#[derive(Clone, Copy)]
enum Origin<'a> {
    /// A file, opened or dropped.
    File(&'a str),
    /// A paste from the clipboard.
    Pasted,
    /// The user's own edit of the box.
    Typed,
    /// Text the page put there (an example, a share link, Clear).
    Given,
}

impl Origin<'_> {
    fn name(&self) -> &str {
        match self {
            Origin::File(name) => name,
            Origin::Pasted | Origin::Typed => "The pasted text",
            Origin::Given => "The text",
        }
    }
}

impl Default for PasteText {
    fn default() -> Self {
        Self::new()
    }
}
use crate::engine::{Detection, InputKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// An edit of the paste box. A paste larger than a large file leaves the box at once (laying it
/// out would take seconds) and is copied out in steps, so the page is never blocked long; an
/// edit made meanwhile wins.
fn on_input(text: PasteText, edits: StoredValue<u32>, area: &web_sys::HtmlTextAreaElement) {
    edits.update_value(|n| *n += 1);
    // The value is read once, as a JS string: after a real paste the browser builds it from
    // the box's contents on every read, which for tens of MB is itself a long step.
    let value = js_sys::Reflect::get(area, &"value".into()).unwrap_or_default();
    let Some(js) = value.dyn_ref::<js_sys::JsString>() else {
        return text.load(Origin::Typed, area.value());
    };
    if js.length() as usize <= LARGE_FILE_BYTES {
        return text.load(Origin::Typed, String::from(js));
    }
    let edit = edits.get_value();
    area.set_value(&String::from(js.slice(0, HEAD_BYTES as u32)));
    spawn_local(async move {
        if let Some(s) = file::to_rust(value).await {
            if edits.get_value() == edit {
                text.load(Origin::Typed, s);
            }
        }
    });
}

/// A paste larger than a large file is taken before the browser inserts it: putting tens of
/// megabytes into a textarea blocks the page for seconds (9 s for 50 MB in Chromium). It replaces
/// what the box held, as a dropped file does; smaller pastes are left to the browser.
fn on_paste(text: PasteText, edits: StoredValue<u32>, ev: &web_sys::Event) {
    let Some(js) = clipboard::pasted_text(ev) else {
        return;
    };
    if js.length() as usize <= LARGE_FILE_BYTES {
        return;
    }
    ev.prevent_default();
    edits.update_value(|n| *n += 1);
    let edit = edits.get_value();
    spawn_local(async move {
        if let Some(s) = file::to_rust(js.into()).await {
            if edits.get_value() == edit {
                text.load(Origin::Pasted, s);
            }
        }
    });
}

/// The large input: typing, pasting, or dropping a text file.
#[component]
pub fn PasteBox(text: PasteText) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let edits = StoredValue::new(0u32);
    let file_error = RwSignal::new(None::<String>);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = file::dropped_file(&ev) {
            spawn_local(async move {
                match file::read_text(&f).await {
                    Ok(t) => {
                        file_error.set(None);
                        text.load(Origin::File(&f.name()), t);
                    }
                    Err(e) => file_error.set(Some(e)),
                }
            });
        }
    };
    let on_pick = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlInputElement>| {
        if let Some(f) = file::chosen_file(&ev.target()) {
            // Cleared, so choosing the same file again (after an edit) loads it again.
            ev.target().set_value("");
            spawn_local(async move {
                match file::read_text(&f).await {
                    Ok(t) => {
                        file_error.set(None);
                        text.load(Origin::File(&f.name()), t);
                    }
                    Err(e) => file_error.set(Some(e)),
                }
            });
        }
    };
    view! {
        <section
            class="paste"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for="input">
                "Paste a header, token, challenge, HTTP request/response, curl command or HAR (or drop a file)"
            </label>
            <textarea
                id="input"
                rows="8"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Authorization: Basic dXNlcjpwYXNz"
                prop:value=move || text.shown.get()
                on:input:target=move |ev| on_input(text, edits, &ev.target())
                on:paste=move |ev| on_paste(text, edits, &ev)
            ></textarea>
            {move || {
                text.large
                    .get()
                    .map(|note| {
                        view! {
                            <p class="large-file" data-testid="large-file">
                                {note}
                            </p>
                        }
                    })
            }}
            <div class="paste-actions">
                <button type="button" on:click=move |_| text.replace(String::new())>
                    "Clear"
                </button>
                <label for="har-file">"Open a HAR file"</label>
                <input id="har-file" type="file" accept=".har,.json" on:change:target=on_pick />
                {move || {
                    file_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="file-error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </div>
        </section>
    }
}

/// Shows the detected kind and lets the user override it.
#[component]
pub fn KindPicker(
    detection: Memo<Detection>,
    chosen: RwSignal<Option<InputKind>>,
    leeway: RwSignal<i64>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Targeted<web_sys::Event, web_sys::HtmlSelectElement>| {
        chosen.set(InputKind::from_id(&ev.target().value()));
    };
    view! {
        <section class="kind">
            <p class="detected">
                "Detected: "
                <strong data-testid="detected-kind">{move || detection.get().kind.label()}</strong>
                <span class="reason">{move || format!(" — {}", detection.get().reason)}</span>
            </p>
            <label for="kind">"Read it as"</label>
            <select id="kind" on:change:target=on_change>
                <option value="auto" selected=move || chosen.get().is_none()>
                    "Automatic"
                </option>
                {InputKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k.id() selected=move || chosen.get() == Some(k)>
                                {k.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="leeway">"Clock skew allowed (s)"</label>
            <input
                id="leeway"
                type="number"
                min="0"
                max="86400"
                prop:value=move || leeway.get().to_string()
                on:input:target=move |ev| {
                    if let Ok(v) = ev.target().value().parse::<i64>() {
                        leeway.set(v.clamp(0, 86_400));
                    }
                }
            />
        </section>
    }
}
