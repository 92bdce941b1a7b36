//! When to re-analyse after an edit: at once unless the last analysis was slow.

/// An analysis faster than this (ms) fits in a frame beside rendering, so it runs at once.
const QUICK_MS: f64 = 8.0;

/// Longest wait (ms) between a keystroke and the analysis of a large text.
const MAX_WAIT_MS: f64 = 400.0;

/// A length change larger than this is a paste, drop or example rather than typing.
const PASTE_CHARS: usize = 64;

/// How long (ms) to wait before analysing text of `new_len` bytes, when the text analysed last
/// had `old_len` bytes and took `last_cost_ms`. Zero means analyse in this frame. Pastes and
/// small texts go at once; typing in a text whose analysis is slow waits about twice that
/// analysis, so keystrokes are not queued behind it.
pub fn delay_ms(new_len: usize, old_len: usize, last_cost_ms: f64) -> u32 {
    if new_len.abs_diff(old_len) > PASTE_CHARS || last_cost_ms < QUICK_MS {
        0
    } else {
        (last_cost_ms * 2.0).min(MAX_WAIT_MS) as u32
    }
}

/// Milliseconds on the page's monotonic clock, for timing an analysis.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
