//! Accuracy measurement: gold documents in, precision/recall/F1 out.
//!
//! Gold comes from the project's fixtures (`fixtures/gold/*.json`, format in
//! `fixtures/README.md`), from public NER corpora in span JSON Lines, or
//! from French TimeBank documents; see [`gold`]. Predictions come from an
//! [`crate::Extractor`] or, to compare other tools with the same scorer,
//! from a JSONL file of records ([`gold::load_predictions`]).

pub mod gold;
pub mod report;
pub mod score;
pub mod suites;

pub use gold::{load_gold, CorpusFormat, GoldDoc};
pub use report::Report;
pub use score::{score, Scores};
