//! Reading the inputs: files, standard input, or a token given as the argument itself.

use std::io::{IsTerminal, Read};
use std::path::Path;

/// Reads in steps of this size, so progress can be shown for large files.
const STEP: usize = 8 << 20;

/// Each input's name and text, in the order given.
pub fn read_all(inputs: &[String], kind_given: bool) -> Result<Vec<(String, String)>, String> {
    if inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err("no input: give a file, or pipe text in (see authlens --help)".into());
        }
        return Ok(vec![("-".into(), stdin()?)]);
    }
    let mut out = Vec::new();
    for arg in inputs {
        if arg == "-" {
            out.push(("-".into(), stdin()?));
        } else if Path::new(arg).is_file() {
            let f = std::fs::File::open(arg).map_err(|e| format!("{arg}: {e}"))?;
            // Sized up front, so reading a large file never holds two copies while growing.
            let len = f.metadata().map_or(0, |m| m.len() as usize);
            out.push((arg.clone(), read(f, arg, len)?));
        } else if kind_given {
            // `authlens --kind jwt "$TOKEN"`: the argument is the text.
            out.push(("argument".into(), arg.clone()));
        } else if Path::new(arg).exists() {
            return Err(format!("{arg}: not a file"));
        } else {
            return Err(format!(
                "{arg}: no such file (to analyse the argument itself, say what it is with --kind)"
            ));
        }
    }
    Ok(out)
}

fn stdin() -> Result<String, String> {
    read(std::io::stdin().lock(), "standard input", 0)
}

/// Reads all of `r` as text; bytes that are not UTF-8 are replaced, and that is said.
fn read(mut r: impl Read, name: &str, size: usize) -> Result<String, String> {
    let progress = super::stderr_is_terminal();
    let mut bytes = Vec::with_capacity(size);
    loop {
        let before = bytes.len();
        let n = r
            .by_ref()
            .take(STEP as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        if n == 0 {
            break;
        }
        if progress && bytes.len() >= STEP && before / STEP != bytes.len() / STEP {
            eprint!("\rauthlens: reading {name}: {} MB", bytes.len() >> 20);
        }
    }
    if progress && bytes.len() >= STEP {
        eprintln!(
            "\rauthlens: read {name}: {} MB, analysing…",
            bytes.len() >> 20
        );
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("authlens: {name} is not all UTF-8; the bytes that are not were replaced with U+FFFD");
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    }
}
