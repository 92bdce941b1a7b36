//! A paste as a sequence of parts: cut it ([`segment`]), read each part as its own kind, then
//! relate the parts ([`relate`]). The orchestration sits in `engine::analyze`; this module only
//! knows the parts and what they show together.

pub mod relate;
pub mod segment;

pub use segment::{segment, PartKind, Segment};

#[cfg(test)]
mod tests;
