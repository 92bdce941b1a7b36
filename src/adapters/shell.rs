//! The app shell in index.html: a paste box that works before the wasm arrives. At mount its
//! text, caret and focus are taken over and the shell is removed, so nothing typed is lost.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

/// What the shell's box held when the app took over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    /// The box's text.
    pub text: String,
    /// The caret or selection, in UTF-16 offsets as the browser gives them.
    pub selection: (u32, u32),
    /// Whether the box had the focus.
    pub focused: bool,
}

thread_local! {
    static TAKEN: RefCell<Option<Taken>> = const { RefCell::new(None) };
}

/// Removes the shell from the page, keeping what its box held; call just before mounting.
pub fn take_over() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(shell) = doc.get_element_by_id("shell") else {
        return;
    };
    let taken = doc
        .get_element_by_id("shell-input")
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|area| Taken {
            text: area.value(),
            selection: (
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
            ),
            focused: doc
                .active_element()
                .is_some_and(|a| a.id() == "shell-input"),
        });
    shell.remove();
    TAKEN.with(|t| *t.borrow_mut() = taken);
}

/// What the shell's box held, once (none when it was empty and unfocused).
pub fn taken() -> Option<Taken> {
    TAKEN
        .with(|t| t.borrow_mut().take())
        .filter(|t| !t.text.is_empty() || t.focused)
}

/// Gives the app's box the shell's caret and focus.
pub fn restore(taken: &Taken) {
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("input"))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let _ = area.set_selection_range(taken.selection.0, taken.selection.1);
        if taken.focused {
            let _ = area.focus();
        }
    }
}
