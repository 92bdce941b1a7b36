//! The knowledge base of vendors' messages (`knowledge/*.json`): every entry is sourced, unique,
//! matches its own sample and not its near miss, stays silent on the legitimate corpus, and
//! each vendor's file is backed by real cases in `tests/corpus`.

mod common;

use authlens::engine::core::phrase_set::PhraseSet;
use authlens::engine::knowledge;
use common::rust_files;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// One entry as written in its file, with the file's name.
struct Source {
    file: String,
    entry: Value,
}

impl Source {
    fn get(&self, k: &str) -> &str {
        self.entry[k].as_str().unwrap_or("")
    }
}

fn sources() -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("knowledge/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: Value = serde_json::from_str(&fs::read_to_string(&f).expect("readable"))
            .unwrap_or_else(|e| panic!("{f:?}: {e}"));
        assert!(v["vendor"].is_string(), "{f:?}: names its vendor");
        for e in v["entries"].as_array().expect("an entries array") {
            out.push(Source {
                file: f.file_name().unwrap().to_string_lossy().into(),
                entry: e.clone(),
            });
        }
    }
    out
}

/// Whether `phrase` occurs in `text` as the engine matches it.
fn matches(phrase: &str, text: &str) -> bool {
    let set = PhraseSet::new([phrase]);
    let mut found = false;
    set.find(text, |_, _| {
        found = true;
        false
    });
    found
}

/// Inputs of the corpus cases, by file.
fn corpus(file_filter: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("tests/corpus") {
        let p = e.expect("entry").path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") || !file_filter(&name) {
            continue;
        }
        let v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
        for c in v.as_array().unwrap() {
            out.push((
                c["name"].as_str().unwrap_or("").to_string(),
                c["input"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

#[test]
fn every_entry_is_complete_and_sourced() {
    let all = sources();
    for s in &all {
        for k in [
            "match", "in", "product", "cause_id", "cause", "meaning", "fix", "source", "sample",
            "not",
        ] {
            assert!(
                !s.get(k).trim().is_empty(),
                "{} {:?}: no {k}",
                s.file,
                s.get("match")
            );
        }
        assert!(
            s.get("source").starts_with("https://"),
            "{} {:?}: the source is a link",
            s.file,
            s.get("match")
        );
        assert!(
            s.get("match").len() >= 6,
            "{} {:?}: a match of fewer than 6 characters fires on anything",
            s.file,
            s.get("match")
        );
    }
    // The packed base holds exactly these entries.
    let base = knowledge::base().expect("built in");
    assert_eq!(base.entries().len(), all.len());
}

#[test]
fn matches_are_unique() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for s in sources() {
        let key = s.get("match").to_ascii_lowercase();
        if let Some(first) = seen.insert(key, s.file.clone()) {
            panic!(
                "{:?} is matched twice: {first} and {}",
                s.get("match"),
                s.file
            );
        }
    }
}

#[test]
fn each_sample_matches_and_each_near_miss_does_not() {
    for s in sources() {
        assert!(
            matches(s.get("match"), s.get("sample")),
            "{} {:?}: its sample does not match",
            s.file,
            s.get("match")
        );
        assert!(
            !matches(s.get("match"), s.get("not")),
            "{} {:?}: its near miss matches",
            s.file,
            s.get("match")
        );
    }
}

/// The ids the engine's own rules declare.
fn engine_ids() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine"),
        &mut files,
    );
    let mut out = BTreeSet::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("FindingId(\"") {
            let rest = text.get(i + 11..).unwrap_or("");
            out.insert(rest.split('"').next().unwrap_or("").to_string());
        }
    }
    out
}

#[test]
fn cause_ids_read_as_area_dot_cause() {
    let declared = engine_ids();
    let mut titles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in sources() {
        let id = s.get("cause_id");
        assert!(
            common::is_area_dot_cause(id),
            "{} {:?}: cause id {id:?} is not area.cause",
            s.file,
            s.get("match")
        );
        titles
            .entry(id.to_string())
            .or_default()
            .insert(s.get("product").to_string());
    }
    let shared = titles.keys().filter(|id| declared.contains(*id)).count();
    println!(
        "knowledge: {} cause ids, {shared} of them shared with the engine's rules",
        titles.len()
    );
}

/// On working traffic and well-formed examples no entry fires, except one naming the very cause
/// the case expects (an RFC's example challenge says `error="invalid_token"` and means it).
#[test]
fn no_entry_fires_on_legitimate_traffic() {
    let base = knowledge::base().expect("built in");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let legit: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("corpus/legit.json")).unwrap()).unwrap();
    let mut cases: Vec<(String, String, Vec<String>)> = legit
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let expect = c["expect"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            (
                c["name"].as_str().unwrap().to_string(),
                c["input"].as_str().unwrap().to_string(),
                expect,
            )
        })
        .collect();
    for e in fs::read_dir(dir.join("har")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "har") {
            cases.push((
                p.display().to_string(),
                fs::read_to_string(&p).unwrap(),
                Vec::new(),
            ));
        }
    }
    assert!(cases.len() > 40);
    for (name, input, expect) in cases {
        let wrong: Vec<_> = base
            .hits(&input)
            .iter()
            .filter(|h| !expect.iter().any(|e| e == h.entry.cause_id.as_str()))
            .map(|h| h.entry.phrase)
            .collect();
        assert!(wrong.is_empty(), "{name}: fired {wrong:?}");
    }
}

/// Each vendor's file has entries that real failure reports in the corpus carry.
#[test]
fn each_vendor_is_backed_by_real_cases() {
    let cases = corpus(|f| f != "legit.json");
    let all = sources();
    // One pass per case over every entry's phrase.
    let set = PhraseSet::new(all.iter().map(|s| s.get("match")));
    let mut by_file: BTreeMap<String, usize> = BTreeMap::new();
    for s in &all {
        by_file.entry(s.file.clone()).or_default();
    }
    for (_, input) in &cases {
        let mut files = BTreeSet::new();
        set.find(input, |k, _| {
            if let Some(s) = all.get(k) {
                files.insert(s.file.clone());
            }
            true
        });
        for f in files {
            *by_file.entry(f).or_default() += 1;
        }
    }
    let mut unbacked = Vec::new();
    for (file, n) in &by_file {
        println!("knowledge: {file}: entries occur in {n} corpus cases");
        if *n == 0 {
            unbacked.push(file.clone());
        }
    }
    assert!(
        unbacked.is_empty(),
        "no corpus case carries any entry of {unbacked:?}"
    );
}
