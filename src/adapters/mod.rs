//! Thin browser adapters: clock, files, clipboard, fetch, WebCrypto, the URL and the service
//! worker. No analysis logic here.

pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod engine_worker;
pub mod fetch;
pub mod file;
pub mod jwt_verify;
pub mod knowledge;
pub mod location;
pub mod offline;
pub mod probe;
pub mod recovery;
pub mod shell;
pub mod token_maker;
