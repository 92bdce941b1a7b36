//! Thin browser adapters: clock, files, clipboard, fetch, WebCrypto. No analysis logic here.

pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod fetch;
pub mod file;
pub mod jwt_verify;
pub mod probe;
pub mod token_maker;
