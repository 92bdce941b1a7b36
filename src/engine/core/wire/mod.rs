//! Reports as data, so a report made in a worker can be sent to the page. A compact text
//! encoding written and read by hand: a number is its digits and `,`, a string its UTF-8 length,
//! `:` and its bytes, an option or an enum a number first, a list its length first. Reading is
//! total: a malformed message is an error naming the byte where it broke, never a panic.
//!
//! Ids and spec references are `&'static str` (compile-time constants); reading one back
//! interns it, so each distinct string is allocated once however many reports are received.

mod report;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

thread_local! {
    static INTERNED: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// The one `'static` copy of `s`. Only engine constants travel this way, so the set stays as
/// small as the engine's table of ids and references.
pub fn intern(s: &str) -> &'static str {
    INTERNED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(found) = set.get(s) {
            return *found;
        }
        let leaked: &'static str = Box::leak(s.into());
        set.insert(leaked);
        leaked
    })
}

/// Why a message could not be read: where it broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bad {
    /// Byte offset into the message.
    pub at: usize,
}

impl fmt::Display for Bad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed message at byte {}", self.at)
    }
}

/// Builds a message.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// A number.
    pub fn int(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut m = n.unsigned_abs();
        loop {
            i -= 1;
            digits[i] = b'0' + (m % 10) as u8;
            m /= 10;
            if m == 0 {
                break;
            }
        }
        self.out.extend(digits[i..].iter().map(|&d| char::from(d)));
        self.out.push(',');
    }

    /// A string.
    pub fn str(&mut self, s: &str) {
        self.int(s.len() as i64);
        self.out.pop();
        self.out.push(':');
        self.out.push_str(s);
    }
}

/// Reads a message front to back.
#[derive(Debug)]
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// An error at the current position.
    pub fn bad<T>(&self) -> Result<T, Bad> {
        Err(Bad { at: self.at })
    }

    /// Digits up to `end` (at most 20 and a sign, so a bad message is not scanned further).
    fn number(&mut self, end: u8) -> Result<i64, Bad> {
        let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
        let Some(len) = rest.iter().take(22).position(|&b| b == end) else {
            return self.bad();
        };
        let digits = self.text.get(self.at..self.at + len).unwrap_or_default();
        match digits.parse::<i64>() {
            Ok(n) if !digits.starts_with('+') => {
                self.at += len + 1;
                Ok(n)
            }
            _ => self.bad(),
        }
    }

    /// A number.
    pub fn int(&mut self) -> Result<i64, Bad> {
        self.number(b',')
    }

    /// A number that indexes a table of `len` entries (an enum's variant).
    pub fn tag(&mut self, len: usize) -> Result<usize, Bad> {
        let at = self.at;
        match usize::try_from(self.int()?) {
            Ok(i) if i < len => Ok(i),
            _ => Err(Bad { at }),
        }
    }

    /// A string, borrowed from the message.
    pub fn str(&mut self) -> Result<&'a str, Bad> {
        let at = self.at;
        let len = usize::try_from(self.number(b':')?).map_err(|_| Bad { at })?;
        let s = self
            .at
            .checked_add(len)
            .and_then(|end| self.text.get(self.at..end))
            .ok_or(Bad { at })?;
        self.at += len;
        Ok(s)
    }
}

/// A value that travels between the worker and the page.
pub trait Wire: Sized {
    /// Writes the value.
    fn put(&self, w: &mut Writer);
    /// Reads a value written by [`Wire::put`].
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad>;
}

/// The message for `value`.
pub fn encode<T: Wire>(value: &T) -> String {
    let mut w = Writer::default();
    value.put(&mut w);
    w.out
}

/// The value a whole message holds; anything left over is an error too.
pub fn decode<T: Wire>(text: &str) -> Result<T, Bad> {
    let mut r = Reader { text, at: 0 };
    let v = T::get(&mut r)?;
    if r.at == text.len() {
        Ok(v)
    } else {
        r.bad()
    }
}

impl Wire for i64 {
    fn put(&self, w: &mut Writer) {
        w.int(*self);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        r.int()
    }
}

/// Integers other than `i64` travel as `i64` and are checked on the way back.
macro_rules! wire_int {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn put(&self, w: &mut Writer) {
                w.int(*self as i64);
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
                let at = r.at;
                <$t>::try_from(r.int()?).map_err(|_| Bad { at })
            }
        }
    )*};
}
wire_int!(i32, u16, u32, usize);

impl Wire for bool {
    fn put(&self, w: &mut Writer) {
        w.int(i64::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok(r.tag(2)? == 1)
    }
}

impl Wire for String {
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        r.str().map(String::from)
    }
}

impl Wire for Box<str> {
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        r.str().map(Box::from)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.int(0),
            Some(v) => {
                w.int(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok(match r.tag(2)? {
            0 => None,
            _ => Some(T::get(r)?),
        })
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.int(self.len() as i64);
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        let at = r.at;
        let n = usize::try_from(r.int()?).map_err(|_| Bad { at })?;
        // Every element takes a byte at least, so a count past the rest is a lie. A count
        // within it can still lie: an element in memory is far larger than its one byte, so
        // only a little is reserved up front and the rest grows as elements really arrive.
        if n > r.text.len() - r.at {
            return Err(Bad { at });
        }
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Ok(out)
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, Bad> {
        Ok((A::get(r)?, B::get(r)?))
    }
}

/// A struct travels as its fields in order: `wire_struct!(Type { field, … })`.
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl $crate::engine::core::wire::Wire for $t {
            fn put(&self, w: &mut $crate::engine::core::wire::Writer) {
                $($crate::engine::core::wire::Wire::put(&self.$f, w);)*
            }
            fn get(
                r: &mut $crate::engine::core::wire::Reader<'_>,
            ) -> Result<Self, $crate::engine::core::wire::Bad> {
                Ok($t { $($f: $crate::engine::core::wire::Wire::get(r)?),* })
            }
        }
    };
}
pub(crate) use wire_struct;

/// An enum without fields travels as its place in the list given:
/// `wire_enum!(Type { Variant, … })`.
macro_rules! wire_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        impl $crate::engine::core::wire::Wire for $t {
            fn put(&self, w: &mut $crate::engine::core::wire::Writer) {
                // Fails to compile when a variant is missing from the list.
                let _every = |v: $t| match v { $($t::$v)|* => () };
                const ALL: &[$t] = &[$($t::$v),*];
                w.int(ALL.iter().position(|v| v == self).unwrap_or(0) as i64);
            }
            fn get(
                r: &mut $crate::engine::core::wire::Reader<'_>,
            ) -> Result<Self, $crate::engine::core::wire::Bad> {
                const ALL: &[$t] = &[$($t::$v),*];
                Ok(ALL[r.tag(ALL.len())?])
            }
        }
    };
    // An enum that already has its table of every variant: sent as its place in that table.
    ($t:ident in $all:expr) => {
        impl $crate::engine::core::wire::Wire for $t {
            fn put(&self, w: &mut $crate::engine::core::wire::Writer) {
                w.int($all.iter().position(|v| v == self).unwrap_or(0) as i64);
            }
            fn get(
                r: &mut $crate::engine::core::wire::Reader<'_>,
            ) -> Result<Self, $crate::engine::core::wire::Bad> {
                Ok($all[r.tag($all.len())?])
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests;
