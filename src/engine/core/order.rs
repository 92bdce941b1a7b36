//! Sorting with one copy of the algorithm. Each `sort` or `sort_by_key` on a new type puts
//! another copy of the standard library's sort (1–3 KB of code each) into the wasm; these sort
//! through one merge sort over indices, and only a little glue is made per type.

use std::cmp::Ordering;

/// The indices `0..len` in the order `cmp` puts them, equal ones in their first order: a
/// bottom-up merge sort, O(len log len), shared by every caller.
pub fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..len).collect();
    let mut b: Vec<usize> = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right run only when it is strictly smaller: that keeps it stable.
                let right = j < end && (i >= mid || cmp(a[j], a[i]) == Ordering::Less);
                if right {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Puts `v` in the order of `perm` (a permutation of its indices).
fn apply<T>(v: &mut Vec<T>, perm: &[usize]) {
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        perm.iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` by `key`, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let perm = permutation(v.len(), &mut |i, j| keys[i].cmp(&keys[j]));
    apply(v, &perm);
}

/// Sorts `v` stably (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    let perm = permutation(v.len(), &mut |i, j| v[i].cmp(&v[j]));
    apply(v, &perm);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases() {
        for len in 0..20 {
            let mut v: Vec<u32> = (0..len).map(|i| (i * 7 + 3) % 5).collect();
            let mut want = v.clone();
            want.sort();
            sort(&mut v);
            assert_eq!(v, want);
        }
    }
}

/// Property: the same order as the standard library's stable sort, equal keys included.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::engine::core::test_support::fixed_seed())]

        #[test]
        fn agrees_with_std(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }
}
