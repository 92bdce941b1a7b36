//! Findings as data, so a report made in a worker can be sent to the page. Ids and spec
//! references are `&'static str` (compile-time constants); reading one back interns it, so
//! each distinct string is allocated once however many reports are received.

use super::finding::{FindingId, SpecRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::BTreeSet;

thread_local! {
    static INTERNED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// The one `'static` copy of `s`. Only engine constants travel this way, so the set stays as
/// small as the engine's table of ids and references.
pub fn intern(s: String) -> &'static str {
    INTERNED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(found) = set.get(s.as_str()) {
            return *found;
        }
        let leaked: &'static str = Box::leak(s.into_boxed_str());
        set.insert(leaked);
        leaked
    })
}

impl Serialize for FindingId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for FindingId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| FindingId(intern(s)))
    }
}

impl Serialize for SpecRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.label, self.url).serialize(s)
    }
}

impl<'de> Deserialize<'de> for SpecRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (label, url) = <(String, String)>::deserialize(d)?;
        Ok(SpecRef::new(intern(label), intern(url)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_strings_are_shared() {
        let a = intern("jwt.expired".to_string());
        let b = intern("jwt.expired".to_string());
        assert!(std::ptr::eq(a, b));
    }
}
