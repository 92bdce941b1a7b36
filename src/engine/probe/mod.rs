//! Probing an endpoint from the page: which requests to make, and what their pattern of
//! outcomes says about CORS, preflight, credentials and authentication.
//!
//! `plan` makes the matrix, `outcome` holds what each fetch gave, `observe` reduces that to
//! the observations, `classify` decides the causes (`cause`), and `explain`, `evidence` and
//! `snippets` render the verdict that `verdict` assembles.

pub mod cause;
pub mod classify;
pub mod evidence;
pub mod explain;
pub mod observe;
pub mod outcome;
pub mod plan;
pub mod snippets;
pub mod target;
pub mod verdict;

pub use crate::engine::core::request::{CredMode, ProbeRequest};
