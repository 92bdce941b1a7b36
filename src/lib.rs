//! authlens: explains failed HTTP authentication, in the browser.
//!
//! `engine` is pure Rust and builds everywhere; `adapters` and `ui` exist only in the wasm build.

// A byte index that is not a char boundary panics, and a panic kills the page: the engine
// slices strings only through checked helpers (`str::get`, `core::text`).
#[deny(clippy::string_slice)]
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod adapters;
#[cfg(target_arch = "wasm32")]
pub mod ui;
