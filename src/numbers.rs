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
///
/// TEMPORARY (dates branch only): digits and "un" to "vingt" in words, so
/// the dates layer can be developed before the full numbers layer lands.
pub fn parse_number(s: &str) -> Option<NumberMatch> {
    const WORDS: &[&str] = &[
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf", "vingt",
    ];
    let t = s.trim();
    let value = match t.parse::<u64>() {
        Ok(v) => v as f64,
        Err(_) => {
            let lower = t.to_lowercase();
            let lower = if lower == "une" { "un".to_string() } else { lower };
            WORDS.iter().position(|w| *w == lower)? as f64
        }
    };
    Some(NumberMatch { start: 0, end: s.len(), value, kind: NumberKind::Cardinal })
}
