//! Date expressions, normalised to ISO 8601 against the publication date.

use chrono::NaiveDate;

use crate::record::DateMention;
use crate::tokenize::Tokens;

/// Every date expression of `body` (byte offsets), left to right.
pub fn find_dates(_body: &str, _tokens: &Tokens, _published: Option<NaiveDate>) -> Vec<DateMention> {
    todo!("dates layer")
}
