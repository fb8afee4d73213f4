//! frex: French news articles in, structured records out.
pub mod article;
pub mod casualties;
pub mod dates;
pub mod error;
pub mod normalize;
pub mod numbers;
pub mod record;
pub mod span;
pub mod tokenize;
