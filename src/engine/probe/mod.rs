//! Probing an endpoint from the page: which requests to make, and what their pattern of
//! outcomes says about CORS, preflight, credentials and authentication.

pub mod plan;
pub mod snippets;
pub mod target;
pub mod verdict;

pub use crate::engine::core::request::{CredMode, ProbeRequest};
