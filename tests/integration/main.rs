//! The one integration-test binary: CLI behaviour, fixtures, properties.

mod cli;
mod fixtures;
mod properties;
