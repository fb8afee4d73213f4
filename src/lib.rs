//! frex: French news articles in, structured records out.
//!
//! An [`Extractor`] is built once (the gazetteer index loaded)
//! and turns each [`Article`] into a [`Record`]: the people, places and
//! groups it names, the dates it mentions normalised against its
//! publication date, and the casualty figures it reports.
//!
//! ```
//! use frex::{article::parse_raw, Extractor};
//!
//! let extractor = Extractor::new().unwrap();
//! let article = parse_raw(
//!     "news-22092024-142654\n\nMardi, une attaque à Bamako a fait au moins 70 morts.",
//!     "example.txt",
//!     "example",
//! )
//! .unwrap();
//! let record = extractor.extract(&article);
//! assert_eq!(record.dates[0].value.as_deref(), Some("2024-09-17"));
//! assert_eq!(record.casualties[0].min, Some(70));
//! assert!(record.entities.iter().any(|e| e.canonical == "Bamako"));
//! ```
//!
//! Data flows one way: article → tokens ([`tokenize`]) → gazetteer hits
//! ([`gazetteer`]) and context names ([`names`]) → entities ([`resolve`]);
//! dates ([`dates`]) and numbers ([`numbers`]) → casualty figures
//! ([`casualties`]) → [`Record`]. Every stage works in byte offsets into the
//! body; the record holds character offsets.

pub mod article;
pub mod casualties;
pub mod dateline;
pub mod dates;
pub mod error;
pub mod eval;
pub mod extractor;
pub mod gazetteer;
pub mod input;
pub mod json;
pub mod names;
pub mod normalize;
pub mod numbers;
pub mod record;
pub mod resolve;
pub mod span;
pub mod tokenize;
pub mod word_shapes;

pub use article::Article;
pub use error::{Error, Result};
pub use extractor::{Extractor, ExtractorBuilder};
pub use record::Record;

/// The raw fixture articles (`fixtures/articles/*.txt`): realistic wire
/// copy that the fast paths' tests run against their references.
#[cfg(test)]
pub(crate) fn fixture_articles() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/articles is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a fixture article is UTF-8"))
        .collect()
}
