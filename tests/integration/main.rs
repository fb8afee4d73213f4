//! The one integration-test binary: CLI behaviour, fixtures, properties.

mod cli;
mod eval;
mod fixtures;
mod gazetteers;
mod properties;
mod record_snapshot;
