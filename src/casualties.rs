//! Casualty figures: kind, bounds, victims, scope.

use crate::numbers::NumberMatch;
use crate::record::Casualty;
use crate::tokenize::Tokens;

/// Every casualty figure of `body` (byte offsets), left to right.
pub fn find_casualties(_body: &str, _tokens: &Tokens, _numbers: &[NumberMatch]) -> Vec<Casualty> {
    todo!("casualty layer")
}
