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
        // The char offset of byte `w` is the number of chars starting
        // before it: bytes that are no UTF-8 continuation byte, counted
        // from one wanted offset to the next, so the text is read only up
        // to the last offset wanted (the spans of a record rarely reach
        // the end of a long body). An offset inside a char (never produced
        // by the stages) so maps to the char after it, and one past the
        // end to the char count, or to itself in an ASCII text.
        let bytes = text.as_bytes();
        let (mut chars, mut at) = (0usize, 0usize);
        for w in wanted {
            let upto = w.min(bytes.len());
            if upto > at {
                chars += count_chars(&bytes[at..upto]);
                at = upto;
            }
            let ascii = chars == bytes.len();
            pairs.push((w, if w > bytes.len() && ascii { w } else { chars }));
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

/// Whether `b` continues a UTF-8 sequence (0b10xx_xxxx).
#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The number of bytes of `b` that start a char (no continuation byte):
/// eight bytes at a time, where a continuation byte is one whose top bit
/// is set and whose next bit is not.
#[inline]
fn count_chars(b: &[u8]) -> usize {
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut continuations = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // Bit 6 of each byte moves up to bit 7; no carry crosses a byte
        // into a bit that is kept.
        continuations += (w & !(w << 1) & HI).count_ones() as usize;
    }
    let rest = chunks.remainder();
    continuations += rest.iter().filter(|&&x| is_continuation(x)).count();
    b.len() - continuations
}

/// Overlap queries against a fixed set of byte spans, in `O(log n)` each.
///
/// The spans may overlap one another and come in any order: they are sorted
/// by start, and a prefix maximum of their ends answers "does any span
/// starting before `end` reach past `start`?", which is exactly the linear
/// test `spans.iter().any(|&(a, b)| a < end && start < b)`.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` spans by start.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = (usize, usize)>) -> SpanIndex {
        let mut spans: Vec<(usize, usize)> = spans.into_iter().collect();
        spans.sort_unstable();
        let mut max = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                max = max.max(e);
                max
            })
            .collect();
        SpanIndex {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// Whether some span `(a, b)` has `a < end && start < b`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let k = self.starts.partition_point(|&a| a < end);
        k > 0 && self.max_end[k - 1] > start
    }
}

/// A growing set of pairwise disjoint, non-empty byte spans, sorted, for
/// overlap queries in `O(log n)` (insertion shifts the tail, which stays
/// cheap for the few thousand spans of the longest articles).
#[derive(Debug, Clone, Default)]
pub struct DisjointSpans {
    spans: Vec<(usize, usize)>,
}

impl DisjointSpans {
    /// Whether some span `(a, b)` has `a < end && start < b`.
    ///
    /// Disjoint spans sorted by start are sorted by end too, so the spans
    /// ending after `start` are a suffix, and the first of them has the
    /// smallest start of that suffix.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b <= start);
        self.spans.get(i).is_some_and(|&(a, _)| a < end)
    }

    /// Adds a non-empty span that overlaps none of the set.
    pub fn insert(&mut self, start: usize, end: usize) {
        debug_assert!(start < end && !self.overlaps(start, end));
        let i = self.spans.partition_point(|&(a, _)| a < start);
        self.spans.insert(i, (start, end));
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

/// The character offsets of byte offsets into one body: what
/// [`CharOffsets`] computes (the tests hold this to it), for
/// a record's many offsets at once.
///
/// `CharOffsets` sorts the offsets it is given, counts the chars between
/// consecutive ones and answers each query with a binary search. A record
/// asks for two offsets per span, tens of thousands per MB of text, and
/// the sorting and searching cost more than the counting. This keeps
/// instead the number of chars before every eighth byte, counted a word at
/// a time up to the last offset wanted, so a query is a table read plus
/// the chars among at most seven bytes.
pub(crate) struct CharIndex<'a> {
    bytes: &'a [u8],
    /// `before[i]`: the chars in `bytes[..8 * i]`.
    before: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Prepares queries for byte offsets up to `last`.
    pub(crate) fn new(text: &'a str, last: usize) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let words = last.min(bytes.len()) / 8;
        let mut before = Vec::with_capacity(words + 1);
        let mut chars = 0;
        before.push(chars);
        for w in bytes.chunks_exact(8).take(words) {
            chars += 8 - continuations(u64::from_le_bytes(w.try_into().expect("8 bytes")));
            before.push(chars);
        }
        CharIndex { bytes, before }
    }

    /// The character offset of byte offset `b` (at most the `last` given
    /// to [`CharIndex::new`]): the chars that start before it, so an
    /// offset inside a char maps to the char after it. Past the end, as
    /// `CharOffsets` has it: the char count, or `b` itself in an ASCII text.
    pub(crate) fn get(&self, b: usize) -> usize {
        let len = self.bytes.len();
        if b > len {
            let chars = self.chars_before(len);
            return if chars == len { b } else { chars };
        }
        self.chars_before(b)
    }

    fn chars_before(&self, b: usize) -> usize {
        let (i, rest) = (b / 8, b % 8);
        let start = 8 * i;
        if rest == 0 {
            return self.before[i];
        }
        // The `rest` bytes from `start`, read as one word with the bytes
        // after them zeroed (a zero byte is no continuation byte).
        let word = match self.bytes.get(start..start + 8) {
            Some(w) => {
                u64::from_le_bytes(w.try_into().expect("8 bytes")) & ((1u64 << (8 * rest)) - 1)
            }
            None => {
                let mut w = [0u8; 8];
                w[..rest].copy_from_slice(&self.bytes[start..b]);
                u64::from_le_bytes(w)
            }
        };
        self.before[i] + rest - continuations(word)
    }
}

/// The number of UTF-8 continuation bytes (0b10xx_xxxx) in `w`: bytes with
/// bit 7 set and bit 6 clear, flagged in bit 0 of each byte and summed by
/// one multiplication (the sum, at most 8, fits in the top byte).
#[inline]
fn continuations(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let flags = (w & !(w << 1) & HI) >> 7;
    (flags.wrapping_mul(ONES) >> 56) as usize
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

    /// `CharOffsets::new` as it was: a walk over `char_indices`.
    #[test]
    fn counts_chars_by_words() {
        let text = "aé€😀 bÀ l’école – « x » 12\u{202f}000 ".repeat(3);
        for i in 0..=text.len() {
            for j in i..=text.len() {
                let want = text.as_bytes()[i..j]
                    .iter()
                    .filter(|&&b| !is_continuation(b))
                    .count();
                assert_eq!(count_chars(&text.as_bytes()[i..j]), want, "{i}..{j}");
            }
        }
    }

    fn char_offset_reference(text: &str, byte: usize) -> usize {
        if text.is_ascii() {
            return byte;
        }
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if byte <= b {
                return chars;
            }
            chars += 1;
        }
        chars
    }

    proptest::proptest! {
        #[test]
        fn char_offsets_count_chars_before(
            text in "[aé€😀 ]{0,20}|\\PC{0,20}",
            offsets in proptest::collection::vec(0usize..90, 0..10),
        ) {
            let map = CharOffsets::new(&text, offsets.iter().copied());
            for &o in &offsets {
                proptest::prop_assert_eq!(map.get(o), char_offset_reference(&text, o), "{}", o);
            }
        }
    }

    fn any_overlap(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
        spans.iter().any(|&(a, b)| a < e && s < b)
    }

    proptest::proptest! {
        #[test]
        fn span_index_agrees_with_a_linear_scan(
            spans in proptest::collection::vec((0usize..60, 0usize..12), 0..20),
            queries in proptest::collection::vec((0usize..70, 0usize..12), 1..20),
        ) {
            let spans: Vec<(usize, usize)> = spans.into_iter().map(|(s, l)| (s, s + l)).collect();
            let index = SpanIndex::new(spans.iter().copied());
            for (s, l) in queries {
                proptest::prop_assert_eq!(index.overlaps(s, s + l), any_overlap(&spans, s, s + l));
            }
        }

        #[test]
        fn disjoint_spans_agree_with_a_linear_scan(
            candidates in proptest::collection::vec((0usize..80, 1usize..10), 0..30),
            queries in proptest::collection::vec((0usize..90, 0usize..12), 1..20),
        ) {
            let mut set = DisjointSpans::default();
            let mut kept: Vec<(usize, usize)> = Vec::new();
            for (s, l) in candidates {
                let free = !any_overlap(&kept, s, s + l);
                proptest::prop_assert_eq!(!set.overlaps(s, s + l), free);
                if free {
                    set.insert(s, s + l);
                    kept.push((s, s + l));
                }
            }
            for (s, l) in queries {
                proptest::prop_assert_eq!(set.overlaps(s, s + l), any_overlap(&kept, s, s + l));
            }
        }
    }

    #[test]
    fn byte_offset_inverts_char_offsets() {
        let text = "Goïta à Kati";
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_offset(text, ci), bi);
        }
        assert_eq!(byte_offset(text, 99), text.len());
    }
    /// Every byte offset of `text` (char boundaries or not) and a few past
    /// its end, against the reference.
    fn check_index(text: &str) {
        let offsets: Vec<usize> = (0..=text.len() + 9).collect();
        let reference = CharOffsets::new(text, offsets.iter().copied());
        let index = CharIndex::new(text, text.len() + 9);
        for &b in &offsets {
            assert_eq!(index.get(b), reference.get(b), "{text:?} at {b}");
        }
    }

    #[test]
    fn char_index_matches_char_offsets() {
        for text in [
            "",
            "a",
            "ASCII only, longer than sixteen bytes",
            "é",
            "Bamako, l’école à Ségou — « déjà » vu",
            "€€€€€€€€€€",
            "😀 emoji 😀😀 and ß",
        ] {
            check_index(text);
        }
        for text in crate::fixture_articles().iter().take(3) {
            check_index(text);
        }
    }

    #[test]
    fn char_index_is_built_only_as_far_as_asked() {
        let text = "à".repeat(100);
        let index = CharIndex::new(&text, 20);
        assert_eq!(index.before.len(), 3);
        assert_eq!(index.get(20), 10);
        assert_eq!(index.get(17), 9);
    }

    proptest::proptest! {
        #[test]
        fn char_index_matches_char_offsets_on_arbitrary_text(text in "\\PC{0,60}") {
            check_index(&text);
        }
    }
}
