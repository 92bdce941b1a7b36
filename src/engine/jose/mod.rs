//! JOSE keys and signatures: what to verify with, how, and what the result means.

pub mod der;
pub mod keys;
pub mod oidc;
pub mod sign;
pub mod verify;
