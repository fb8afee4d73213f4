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

use rayon::prelude::*;

use crate::{Article, Extractor, Record};

impl GoldDoc {
    /// The article frex reads for this document (`source` names the corpus).
    pub fn article(&self, source: &str) -> Article {
        Article {
            id: self.id.clone(),
            source: source.to_string(),
            published: self.published,
            title: None,
            body: self.body.clone(),
            warnings: Vec::new(),
        }
    }
}

/// frex's records for gold documents, in their order, extracted in parallel.
pub fn extract_all(extractor: &Extractor, docs: &[GoldDoc], source: &str) -> Vec<Record> {
    docs.par_iter()
        .map(|d| extractor.extract(&d.article(source)))
        .collect()
}
pub use report::Report;
pub use score::{score, Scores};
