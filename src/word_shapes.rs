//! A prefilter for word lists: most words of running text are in none of
//! the lists a stage looks words up in, and most of them can be turned away
//! on their first byte, last byte and length before any hashing. Dates'
//! tense and core words, names' cues and casualties' kind words each ask it
//! of nearly every token.

/// The (first byte, last byte, length) shapes of a set of words, as a
/// 32 × 32 table of length bits. Bytes are taken modulo 32 and lengths from
/// 31 up share one bit, so the table may let a word through that no list
/// holds (the caller's set then says no), but never turns away one that a
/// list holds. A table of first bytes alone let through "de", "la", "et"
/// and "les", the commonest words, which is why the last byte is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordShapes([[u32; 32]; 32]);

impl WordShapes {
    /// The shapes of no word.
    pub const fn new() -> WordShapes {
        WordShapes([[0; 32]; 32])
    }

    /// These shapes and that of `word` (an empty word has none). `const`,
    /// so a table of fixed lists is built at compile time.
    pub const fn with(mut self, word: &[u8]) -> WordShapes {
        if let (Some(&first), Some(&last)) = (word.first(), word.last()) {
            self.0[(first & 31) as usize][(last & 31) as usize] |= 1 << Self::len_bit(word.len());
        }
        self
    }

    /// These shapes and those of every word of `lists`.
    pub const fn with_lists(mut self, lists: &[&[&str]]) -> WordShapes {
        let mut l = 0;
        while l < lists.len() {
            let mut w = 0;
            while w < lists[l].len() {
                self = self.with(lists[l][w].as_bytes());
                w += 1;
            }
            l += 1;
        }
        self
    }

    /// Whether `key` may be one of the words: false settles that it is not.
    #[inline]
    pub fn may_hold(&self, key: &[u8]) -> bool {
        match (key.first(), key.last()) {
            (Some(&first), Some(&last)) => {
                self.0[usize::from(first & 31)][usize::from(last & 31)]
                    & 1 << Self::len_bit(key.len())
                    != 0
            }
            _ => false,
        }
    }

    const fn len_bit(len: usize) -> usize {
        if len < 31 {
            len
        } else {
            31
        }
    }
}

impl Default for WordShapes {
    fn default() -> WordShapes {
        WordShapes::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIST: &[&str] = &[
        "selon",
        "a",
        "président",
        "é",
        "anticonstitutionnellement-long",
    ];

    #[test]
    fn every_word_of_the_lists_passes_and_the_empty_word_never() {
        let shapes = WordShapes::new().with_lists(&[LIST]);
        for w in LIST {
            assert!(shapes.may_hold(w.as_bytes()), "{w:?}");
        }
        assert!(!shapes.may_hold(b""));
        assert!(!WordShapes::new().with(b"").may_hold(b""));
    }

    #[test]
    fn the_commonest_words_are_turned_away() {
        let shapes = WordShapes::new().with_lists(&[&["dr", "leader", "elu", "eu", "dit"]]);
        for w in ["de", "la", "les", "et", "le"] {
            assert!(!shapes.may_hold(w.as_bytes()), "{w:?}");
        }
    }

    proptest! {
        /// A prefilter: never a false "no".
        #[test]
        fn never_turns_a_listed_word_away(words in proptest::collection::vec("\\PC{0,40}", 0..20)) {
            let mut shapes = WordShapes::new();
            for w in &words {
                shapes = shapes.with(w.as_bytes());
            }
            for w in words.iter().filter(|w| !w.is_empty()) {
                prop_assert!(shapes.may_hold(w.as_bytes()), "{:?}", w);
            }
        }
    }
}
