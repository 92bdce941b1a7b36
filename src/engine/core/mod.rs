//! The vocabulary every engine layer may use. Nothing here imports from above `core`.

pub mod alg;
pub mod b64;
pub mod clock;
pub mod finding;
pub mod header;
pub mod method;
pub mod order;
pub mod phrase_set;
pub mod request;
pub mod scheme;
pub mod shell;
pub mod tally;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod test_support;
pub mod text;
pub mod time;
pub mod token_format;
pub mod url;
pub mod wire;
