//! What property tests share: one configuration with a fixed seed, so every run checks the same
//! cases and CI cannot flake.

use proptest::test_runner::{Config, RngSeed};

/// The default number of cases, from a fixed seed.
pub fn fixed_seed() -> Config {
    Config {
        rng_seed: RngSeed::Fixed(0x5eed),
        ..Config::default()
    }
}
