//! Byte spans (what every stage works in) and their conversion to Unicode
//! character offsets (what the record promises its consumers, matching Python
//! `str` indexing).
//!
//! Stages keep byte offsets because slicing `&str` and regex/Aho-Corasick
//! matches are byte-based; the conversion happens once per article, when the
//! record is built, by walking the body a single time over sorted offsets.

/// Maps byte offsets of one text to character offsets.
///
/// Built from the set of byte offsets that need converting, so the cost is
/// one pass over the text plus a sort of the offsets, whatever their number.
pub struct CharOffsets {
    /// Sorted, deduplicated (byte, char) pairs.
    pairs: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Prepares conversions for `offsets` (byte offsets on char boundaries of `text`).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> CharOffsets {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut pairs = Vec::with_capacity(wanted.len());
        if text.is_ascii() {
            pairs.extend(wanted.into_iter().map(|b| (b, b)));
            return CharOffsets { pairs };
        }
        let mut chars = 0usize;
        let mut next = wanted.into_iter().peekable();
        for (byte, _) in text.char_indices() {
            while let Some(&w) = next.peek() {
                if w > byte {
                    break;
                }
                // An offset inside a char (never produced by the stages) maps
                // to the char that contains it.
                pairs.push((w, chars));
                next.next();
            }
            chars += 1;
        }
        for w in next {
            pairs.push((w, chars));
        }
        CharOffsets { pairs }
    }

    /// The character offset of a byte offset given to [`CharOffsets::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.pairs[i].1,
            // Not prepared: stages promise never to ask, but stay total.
            Err(i) => i.checked_sub(1).map_or(0, |j| self.pairs[j].1),
        }
    }
}

/// Number of Unicode scalar values in `s`.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of the `char_offset`-th character of `text` (clamped to its end).
pub fn byte_offset(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_bytes_to_chars_in_non_ascii_text() {
        let text = "À Bamako, l’école";
        let bamako = text.find("Bamako").unwrap();
        let ecole = text.find("école").unwrap();
        let map = CharOffsets::new(text, [bamako, ecole, text.len()]);
        assert_eq!(map.get(bamako), 2);
        assert_eq!(map.get(ecole), 12);
        assert_eq!(map.get(text.len()), text.chars().count());
    }

    #[test]
    fn byte_offset_inverts_char_offsets() {
        let text = "Goïta à Kati";
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_offset(text, ci), bi);
        }
        assert_eq!(byte_offset(text, 99), text.len());
    }
}
