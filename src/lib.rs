//! authlens: explains failed HTTP authentication, in the browser.
//!
//! `engine` is pure Rust and builds everywhere; `adapters` and `ui` exist only in the wasm build.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod adapters;
#[cfg(target_arch = "wasm32")]
pub mod ui;
