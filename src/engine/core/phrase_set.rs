//! Many phrases found in one pass over a text (Aho–Corasick), without regard to ASCII case and
//! only as whole words at their word-like ends.
//!
//! A text is read once whatever the number of phrases: each byte follows at most one edge, and
//! failure links are followed at most as often as edges were (so the pass is linear). The root's
//! edges are a full table, because most bytes of a text start no phrase.

/// A set of phrases, ready to search texts for.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// The root's edge for each byte (0: stay at the root).
    root: Vec<u32>,
    /// Node `n`'s edges are `edge_byte[edge_start[n]..edge_start[n + 1]]`, sorted by byte.
    edge_start: Vec<u32>,
    edge_byte: Vec<u8>,
    edge_to: Vec<u32>,
    /// The longest proper suffix of a node's path that is also a path.
    fail: Vec<u32>,
    /// The phrase ending at a node, plus one (0: none).
    ends: Vec<u32>,
    /// The next node along the failure links where a phrase ends (0: none).
    next_end: Vec<u32>,
    /// Each phrase's length in bytes, and whether its first and last bytes are word bytes.
    phrases: Vec<(u32, bool, bool)>,
}

/// Letters, digits and `_`: a phrase that starts or ends with one must not touch another.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl PhraseSet {
    /// Builds the set; phrase `i` of `phrases` is reported as `i`. Empty phrases never match.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseSet {
        // The trie, with each node's edges as a small list while it is built.
        let mut edges: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<u32> = vec![0];
        let mut lens = Vec::new();
        for (i, p) in phrases.into_iter().enumerate() {
            let bytes = p.as_bytes();
            lens.push((
                bytes.len() as u32,
                bytes.first().copied().is_some_and(is_word),
                bytes.last().copied().is_some_and(is_word),
            ));
            if bytes.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for &b in bytes {
                let b = b.to_ascii_lowercase();
                node = match edges[node].iter().find(|(e, _)| *e == b) {
                    Some(&(_, to)) => to as usize,
                    None => {
                        let to = edges.len();
                        edges[node].push((b, to as u32));
                        edges.push(Vec::new());
                        ends.push(0);
                        to
                    }
                };
            }
            // The first of two equal phrases keeps the node.
            if ends[node] == 0 {
                ends[node] = i as u32 + 1;
            }
        }
        for e in &mut edges {
            e.sort_unstable();
        }
        let n = edges.len();
        let mut root = vec![0u32; 256];
        for &(b, to) in &edges[0] {
            root[b as usize] = to;
        }
        let mut set = PhraseSet {
            root,
            edge_start: Vec::with_capacity(n + 1),
            edge_byte: Vec::new(),
            edge_to: Vec::new(),
            fail: vec![0; n],
            ends,
            next_end: vec![0; n],
            phrases: lens,
        };
        for e in &edges {
            set.edge_start.push(set.edge_byte.len() as u32);
            set.edge_byte.extend(e.iter().map(|&(b, _)| b));
            set.edge_to.extend(e.iter().map(|&(_, to)| to));
        }
        set.edge_start.push(set.edge_byte.len() as u32);
        // Failure links, breadth first: a node's link is found from its parent's.
        let mut queue: std::collections::VecDeque<u32> = edges[0].iter().map(|e| e.1).collect();
        while let Some(node) = queue.pop_front() {
            for &(b, child) in &edges[node as usize] {
                let f = if node == 0 {
                    0
                } else {
                    set.step(set.fail[node as usize], b)
                };
                set.fail[child as usize] = f;
                set.next_end[child as usize] = if set.ends[f as usize] != 0 {
                    f
                } else {
                    set.next_end[f as usize]
                };
                queue.push_back(child);
            }
        }
        set
    }

    /// How many phrases the set was built from.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the set was built from no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    fn edge(&self, node: u32, b: u8) -> Option<u32> {
        let lo = *self.edge_start.get(node as usize)? as usize;
        let hi = *self.edge_start.get(node as usize + 1)? as usize;
        let bytes = self.edge_byte.get(lo..hi)?;
        let k = bytes.binary_search(&b).ok()?;
        self.edge_to.get(lo + k).copied()
    }

    /// The node reached from `node` on byte `b` (already lower case).
    fn step(&self, mut node: u32, b: u8) -> u32 {
        loop {
            if node == 0 {
                return self.root.get(b as usize).copied().unwrap_or(0);
            }
            if let Some(to) = self.edge(node, b) {
                return to;
            }
            node = self.fail.get(node as usize).copied().unwrap_or(0);
        }
    }

    /// Calls `found(phrase, start)` for each whole-word occurrence in `text`, in the order the
    /// occurrences end; stops when `found` returns false.
    pub fn find(&self, text: &str, mut found: impl FnMut(usize, usize) -> bool) {
        if self.root.is_empty() {
            return;
        }
        let h = text.as_bytes();
        let mut node = 0u32;
        for (i, &b) in h.iter().enumerate() {
            node = self.step(node, b.to_ascii_lowercase());
            let mut at = if self.ends.get(node as usize).copied().unwrap_or(0) != 0 {
                node
            } else {
                self.next_end.get(node as usize).copied().unwrap_or(0)
            };
            while at != 0 {
                let k = self.ends.get(at as usize).copied().unwrap_or(0) as usize;
                if let Some(&(len, word_start, word_end)) =
                    k.checked_sub(1).and_then(|k| self.phrases.get(k))
                {
                    let start = (i + 1).saturating_sub(len as usize);
                    let before_ok = !word_start
                        || start == 0
                        || !h.get(start - 1).copied().is_some_and(is_word);
                    let after_ok = !word_end || !h.get(i + 1).copied().is_some_and(is_word);
                    if before_ok && after_ok && !found(k - 1, start) {
                        return;
                    }
                }
                at = self.next_end.get(at as usize).copied().unwrap_or(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(set: &PhraseSet, text: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        set.find(text, |k, at| {
            v.push((k, at));
            true
        });
        v
    }

    #[test]
    fn finds_overlapping_phrases_and_ignores_case() {
        let set = PhraseSet::new(["he", "she", "his", "hers"]);
        assert_eq!(
            all(&set, "ushers"),
            Vec::<(usize, usize)>::new(),
            "inside a word"
        );
        let set = PhraseSet::new(["she said", "e sa", "SAID", " said."]);
        // "e sa" starts inside a word; " said." overlaps the others and ends last.
        assert_eq!(all(&set, "She said."), vec![(0, 0), (2, 4), (3, 3)]);
    }

    #[test]
    fn a_code_does_not_match_inside_a_longer_code() {
        let set = PhraseSet::new(["AADSTS70001", "AADSTS700016"]);
        assert_eq!(all(&set, "AADSTS700016: x"), vec![(1, 0)]);
        assert_eq!(all(&set, "(AADSTS70001)"), vec![(0, 1)]);
        assert_eq!(all(&set, "error=AADSTS70001_x"), vec![]);
    }

    #[test]
    fn phrases_with_punctuation_at_their_ends_match_anywhere() {
        let set = PhraseSet::new(["\"error\":\"invalid_grant\""]);
        assert_eq!(all(&set, "{\"error\":\"invalid_grant\"}"), vec![(0, 1)]);
    }

    #[test]
    fn empty_sets_and_phrases_find_nothing() {
        assert!(all(&PhraseSet::default(), "abc").is_empty());
        assert!(all(&PhraseSet::new([""]), "abc").is_empty());
        assert!(all(&PhraseSet::new(["é"]), "aéb").len() == 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]
        #[test]
        fn agrees_with_searching_each_phrase(hay in "[abAB_ é]{0,40}", phrases in proptest::collection::vec("[ab_é]{1,4}", 1..6)) {
            let set = PhraseSet::new(phrases.iter().map(String::as_str));
            let mut got = all(&set, &hay);
            got.sort_unstable();
            let lower = hay.to_ascii_lowercase();
            let mut want = Vec::new();
            for (k, p) in phrases.iter().enumerate() {
                if phrases[..k].contains(p) { continue; }
                let p = p.to_ascii_lowercase();
                let pb = p.as_bytes();
                for start in 0..lower.len() {
                    if lower.as_bytes()[start..].starts_with(pb) {
                        let h = lower.as_bytes();
                        let end = start + pb.len();
                        let ok_before = !is_word(pb[0]) || start == 0 || !is_word(h[start - 1]);
                        let ok_after = !is_word(pb[pb.len() - 1]) || end == h.len() || !is_word(h[end]);
                        if ok_before && ok_after { want.push((k, start)); }
                    }
                }
            }
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
