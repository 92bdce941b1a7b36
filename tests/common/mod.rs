//! Helpers the tests share.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
#[allow(dead_code)]
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a finding id reads as `area.cause` in lower case (letters, digits, `_`, `.`).
#[allow(dead_code)]
pub fn is_area_dot_cause(id: &str) -> bool {
    id.split_once('.').is_some_and(|(a, c)| {
        !a.is_empty()
            && !c.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._".contains(&b))
    })
}

/// A compact JWS with one character of its payload flipped, still valid base64url: a token
/// whose signature no longer verifies.
#[allow(dead_code)]
pub fn tamper(token: &str) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    if let Some(p) = parts.get_mut(1) {
        let c = p.pop().unwrap_or('A');
        p.push(if c == 'A' { 'B' } else { 'A' });
    }
    parts.join(".")
}
