//! French numbers: digits with French separators, numbers in words,
//! approximate nouns ("une quinzaine"), ordinals. One layer, used by dates
//! and casualty figures alike.

/// What a number expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    /// "une quinzaine", "des centaines": an approximate quantity.
    Approximate,
}

/// A number expression found in a text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberMatch {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: NumberKind,
}

impl NumberMatch {
    /// The value as a whole number, when it is one.
    pub fn as_u64(&self) -> Option<u64> {
        (self.value >= 0.0 && self.value.fract() == 0.0 && self.value < 1e18).then_some(self.value as u64)
    }
}

/// Every number expression in `text`, left to right, non-overlapping.
pub fn find_numbers(_text: &str) -> Vec<NumberMatch> {
    todo!("numbers layer")
}

/// Parses `s` as a whole number expression (nothing else around it).
pub fn parse_number(_s: &str) -> Option<NumberMatch> {
    todo!("numbers layer")
}
