//! Reading a HAR entry by entry. A whole HAR parsed as one JSON value takes about 16 times its
//! size (every object is a map); here only `log.entries` is walked as a sequence, each entry is
//! parsed alone, moved into its [`Entry`] and dropped, so memory follows the entries kept.
//! Lenient: every member may be missing or of another type, and then reads as empty.

use super::model::{Creator, Har, Log};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// Visitor methods that read a scalar (a member of the wrong type) as the empty value.
macro_rules! scalars_as_default {
    ($t:ty) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<$t, E> {
            Ok(<$t as Default>::default())
        }
    };
}

/// A seed that reads any JSON value with its own visitor (each visitor decides what the types it
/// does not expect read as).
macro_rules! seed_of_visitor {
    ($seed:ty, $t:ty) => {
        impl<'de> DeserializeSeed<'de> for $seed {
            type Value = $t;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$t, D::Error> {
                d.deserialize_any(self)
            }
        }
    };
}

/// An array where an object was expected: read through, and taken as empty.
fn skip_seq<'de, A: SeqAccess<'de>, T: Default>(mut seq: A) -> Result<T, A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(T::default())
}

/// Parses a HAR document; the error says where the JSON broke.
pub fn parse(text: &str) -> Result<Har, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let log = Top.deserialize(&mut de)?;
    de.end()?;
    Ok(Har { log })
}

/// The document: `{"log": …}`, anything else read as an empty log.
struct Top;
/// The log object: `creator` and `entries`.
struct LogSeed;
/// The entries array, each entry converted as it is read.
struct Entries;

seed_of_visitor!(Top, Log);

impl<'de> Visitor<'de> for Top {
    type Value = Log;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a HAR document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Log, A::Error> {
        let mut log = Log::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" {
                log = map.next_value_seed(LogSeed)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(log)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Log, A::Error> {
        skip_seq(seq)
    }
    scalars_as_default!(Log);
}

seed_of_visitor!(LogSeed, Log);

impl<'de> Visitor<'de> for LogSeed {
    type Value = Log;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a HAR log")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Log, A::Error> {
        let mut log = Log::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "entries" => log.entries = map.next_value_seed(Entries)?,
                "creator" => {
                    let mut c = map.next_value::<Value>()?;
                    log.creator = c.is_object().then(|| Creator {
                        name: super::model::string(&mut c, "name"),
                        version: super::model::string(&mut c, "version"),
                    });
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(log)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Log, A::Error> {
        skip_seq(seq)
    }
    scalars_as_default!(Log);
}

seed_of_visitor!(Entries, Vec<super::model::Entry>);

impl<'de> Visitor<'de> for Entries {
    type Value = Vec<super::model::Entry>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("HAR entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<Value>()? {
            out.push(super::model::entry(v));
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Vec::new())
    }
    scalars_as_default!(Vec<super::model::Entry>);
}
