//! Keeps the engine layered: `core` uses nothing above it, and no two engine modules depend on
//! each other in a cycle. Reads the sources as text, so it needs no extra dependency.

mod common;

use common::rust_files;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The engine's top-level modules (`jwt`, `core`, `curl`, …) this file refers to.
fn references(text: &str, depth: usize, own: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    // Cut the test module off: tests may reach anywhere.
    let code = code.split("#[cfg(test)]").next().unwrap_or("");
    let mut push = |path: &str| {
        let name: String = path
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && name != own && name != "self" {
            out.insert(name);
        }
    };
    for (i, _) in code.match_indices("crate::engine::") {
        let rest = &code[i + "crate::engine::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            for item in group.split('}').next().unwrap_or("").split(',') {
                push(item.trim());
            }
        } else {
            push(rest);
        }
    }
    // `super::x` reaches a sibling of the engine's top level only from depth 1.
    let supers = "super::".repeat(depth);
    for (i, _) in code.match_indices(&supers) {
        if i >= 7 && &code[i - 7..i] == "super::" {
            continue;
        }
        let rest = &code[i + supers.len()..];
        if rest.starts_with("super::") {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            for item in group.split('}').next().unwrap_or("").split(',') {
                push(item.trim());
            }
        } else {
            push(rest);
        }
    }
    out
}

/// Module graph: top-level engine module -> the top-level modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).expect("under engine");
        let parts: Vec<_> = rel
            .iter()
            .map(|p| p.to_string_lossy().to_string())
            .collect();
        let name = parts[0].trim_end_matches(".rs").to_string();
        if name == "mod" || name.ends_with("tests") {
            continue; // engine/mod.rs is the dispatcher on top of everything
        }
        let is_mod = parts.last().is_some_and(|p| p == "mod.rs");
        // How many `super::` climb from this file to `engine`.
        let depth = parts.len() - usize::from(is_mod);
        let text = fs::read_to_string(&f).expect("readable source");
        let refs = references(&text, depth.max(1), &name);
        g.entry(name).or_default().extend(refs);
    }
    let known: BTreeSet<String> = g.keys().cloned().collect();
    for deps in g.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    g
}

#[test]
fn core_uses_nothing_above_it() {
    let g = graph();
    let up: Vec<_> = g["core"].iter().collect();
    assert!(up.is_empty(), "engine/core must not use {up:?}");
}

#[test]
fn engine_modules_have_no_cycles() {
    let g = graph();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if let Some(cycle) = visit(n, &g, &mut Vec::new(), &mut done) {
            panic!("engine modules form a cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_checker_sees_edges() {
    // Guards the checker itself: these edges exist, so a parser that saw none would fail here.
    let g = graph();
    assert!(g["jwt"].contains("core"));
    assert!(g["exchange"].contains("challenge"));
    assert!(g.contains_key("credential") && g["credential"].contains("jwt"));
}
