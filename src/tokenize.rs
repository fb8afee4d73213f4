//! Words and sentences, with byte offsets into the body.
//!
//! Words come from Unicode word segmentation (UAX #29), which keeps French
//! elisions glued ("l’AFP", "qu’il" are one segment): we split them after
//! the apostrophe so the name after it is a token of its own, except in
//! the words where the apostrophe is part of the word (aujourd’hui,
//! presqu’île, prud’homme).
//!
//! Sentences end at `.`, `!`, `?`, `…` followed by space and something that
//! can open a sentence, unless the word before the point is an abbreviation
//! (M., Mme, gén., St) or an initial; and at every line break, because wire
//! copy puts headings, datelines and paragraphs on lines of their own.

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{bytes_eq, bytes_in, fold_char, HI};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens or apostrophes).
    Word,
    /// An elided article or pronoun with its apostrophe: "l’", "d'", "qu’".
    Elision,
    /// Digits (possibly with inner separators UAX #29 keeps: "2.000", "6,5").
    Number,
    /// Anything else that is not white space.
    Punct,
}

/// One token: a byte span of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// A sentence: a byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
}

/// The tokens and sentences of one body.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// The folded key of every token (see [`Keys`]), computed once here so
    /// later stages do not fold the same words again.
    pub keys: Keys,
}

/// Per-token folded keys in one arena: token `i`'s key is every char of its
/// text passed through [`fold_char`] (no trimming, no collapsing: use
/// [`normalize`](crate::normalize::normalize) for a token holding white space).
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// The body lowercased (ASCII only, so with the body's offsets): the
    /// key of an ASCII token with no backquote or white space is its own
    /// span here. The keys of the other tokens follow it.
    text: String,
    /// The span of each token's key in `text`.
    spans: Vec<(u32, u32)>,
    /// See [`Keys::spaced`].
    spaced: Vec<u32>,
}

impl Keys {
    /// The keys of `tokens` of `body`.
    pub fn build(body: &str, tokens: &[Token]) -> Keys {
        let b = body.as_bytes();
        // The body lowercased is the key of every ASCII token holding none
        // of the other bytes `fold_char` changes (a backquote, white
        // space): nearly all of them.
        let mut text = String::with_capacity(body.len() + body.len() / 16 + 16);
        text.push_str(body);
        text.make_ascii_lowercase();
        let mut spans = Vec::with_capacity(tokens.len());
        let mut spaced = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let plain = b[t.start..t.end].iter().all(|&x| {
                x.is_ascii() && !matches!(x, b'`' | b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
            });
            if plain {
                spans.push((t.start as u32, t.end as u32));
                continue;
            }
            let from = text.len();
            let mut space = false;
            for c in body[t.start..t.end].chars() {
                fold_char(c, |k| {
                    space |= k == ' ';
                    text.push(k)
                });
            }
            if space {
                spaced.push(i as u32);
            }
            spans.push((from as u32, text.len() as u32));
        }
        Keys {
            text,
            spans,
            spaced,
        }
    }

    /// The indices of the keys holding a space (tokens with white space
    /// inside, such as numbers with a narrow no-break space): the keys
    /// that differ from [`normalize`](crate::normalize::normalize).
    pub fn spaced(&self) -> impl Iterator<Item = usize> + '_ {
        self.spaced.iter().map(|&i| i as usize)
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The key of token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let (start, end) = self.spans[i];
        &self.text[start as usize..end as usize]
    }

    /// [`normalize`](crate::normalize::normalize) of token `i`, whose text
    /// is `text`: its key, which equals it whenever the key holds no space
    /// (`fold_char` maps only white space to a space, and only spaces are
    /// collapsed or trimmed); a token with white space inside (a number
    /// with a narrow no-break space) is normalised afresh.
    #[inline]
    pub fn normalized(&self, i: usize, text: &str) -> std::borrow::Cow<'_, str> {
        let key = self.get(i);
        if key.as_bytes().contains(&b' ') {
            std::borrow::Cow::Owned(crate::normalize::normalize(text))
        } else {
            std::borrow::Cow::Borrowed(key)
        }
    }
}

impl Tokens {
    /// The keys of these tokens: the precomputed ones, or (when `tokens`
    /// was edited after [`tokenize`]) freshly built ones.
    pub fn keys_of(&self, body: &str) -> std::borrow::Cow<'_, Keys> {
        if self.keys.len() == self.tokens.len() {
            std::borrow::Cow::Borrowed(&self.keys)
        } else {
            std::borrow::Cow::Owned(Keys::build(body, &self.tokens))
        }
    }

    /// Index of the sentence containing byte `pos` (the last one if past the end).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        if self.sentences.is_empty() {
            return None;
        }
        let i = self.sentences.partition_point(|s| s.end <= pos);
        Some(i.min(self.sentences.len() - 1))
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The byte offset and length of the first apostrophe (`'`, `’`, `ʼ`) in
/// `s`. A byte scan: 0xE2 and 0xCA only ever lead a UTF-8 sequence, so
/// matching them and what follows finds exactly U+2019 and U+02BC.
#[inline]
fn find_apostrophe(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(n) = b[from..]
        .iter()
        .position(|&x| matches!(x, b'\'' | 0xE2 | 0xCA))
    {
        let i = from + n;
        match b[i] {
            b'\'' => return Some((i, 1)),
            0xE2 if b[i + 1..].starts_with(&[0x80, 0x99]) => return Some((i, 3)),
            0xCA if b[i + 1..].starts_with(&[0xBC]) => return Some((i, 2)),
            _ => from = i + 1,
        }
    }
    None
}

/// `char::is_alphabetic`, without the Unicode tables for ASCII and the
/// Latin blocks up to U+02C1 (nearly every letter of French copy), which are
/// letters from U+00C0 on except U+00D7 (×) and U+00F7 (÷). A test checks
/// every char against the library.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{2c1}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `s` starts with an uppercase letter (`char::is_uppercase` of its
/// first char), settled on the first byte when it is ASCII.
#[inline]
pub fn starts_uppercase(s: &str) -> bool {
    match s.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Splits `body` into tokens and sentences.
pub fn tokenize(body: &str) -> Tokens {
    // About one token per five bytes of French prose.
    let mut tokens: Vec<Token> = Vec::with_capacity(body.len() / 5 + 1);
    word_bounds(body, |start, end, plain| {
        if plain {
            // What `push_segment` makes of it: letters, so a word; no
            // apostrophe, so no elision; white space before it, so no
            // hyphen to glue it to.
            tokens.push(Token {
                start,
                end,
                kind: TokenKind::Word,
            });
        } else {
            push_segment(&mut tokens, body, start, end)
        }
    });
    let sentences = split_sentences(body, &tokens);
    let keys = Keys::build(body, &tokens);
    Tokens {
        tokens,
        sentences,
        keys,
    }
}

/// Turns one word segment into tokens.
#[inline]
fn push_segment(tokens: &mut Vec<Token>, body: &str, start: usize, end: usize) {
    let Some(first) = body[start..end].chars().next() else {
        return;
    };
    if first.is_whitespace() {
        return;
    }
    if is_alphabetic(first) {
        // Glue "Al" "-" "Qaïda" back into one word: hyphenated names and
        // number words are single tokens in French.
        if let [.., w, h] = tokens.as_slice() {
            if w.kind == TokenKind::Word
                && h.start == w.end
                && h.end == start
                && matches!(&body[h.start..h.end], "-" | "\u{2010}" | "\u{2011}")
            {
                let glued = w.start;
                tokens.truncate(tokens.len() - 2);
                tokens.push(Token {
                    start: glued,
                    end,
                    kind: TokenKind::Word,
                });
                return;
            }
        }
        push_word(tokens, body, start, end);
    } else if first.is_ascii_digit() {
        tokens.push(Token {
            start,
            end,
            kind: TokenKind::Number,
        });
    } else {
        tokens.push(Token {
            start,
            end,
            kind: TokenKind::Punct,
        });
    }
}

/// Word-break class of a char, for the chars the fast segmenter knows
/// (UAX #29 `Word_Break` values, as in Unicode 17); `None` for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wb {
    ALetter,
    Numeric,
    /// MidNumLet or Single_Quote (the rules treat them alike without Hebrew).
    MidNumLetQ,
    MidLetter,
    MidNum,
    ExtendNumLet,
    Other,
}

#[inline]
fn wb_class(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::ALetter,
        '0'..='9' => Wb::Numeric,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLetQ,
        ':' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '_' => Wb::ExtendNumLet,
        // Other ASCII (white space never reaches here; '"' is Double_Quote,
        // which only Hebrew rules use).
        '\0'..='\x7f' => {
            if matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | ' ') {
                return None;
            }
            Wb::Other
        }
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{2d7}' => Wb::ALetter,
        _ => return None,
    })
}

/// Whether there is a word boundary between classes `a` and `b`, given the
/// class before `a` (`a2`) and after `b` (`b2`): UAX #29 rules WB5–WB13b.
#[inline]
fn wb_breaks(a2: Option<Wb>, a: Wb, b: Wb, b2: Option<Wb>) -> bool {
    use Wb::*;
    let mid_l = |x: Wb| matches!(x, MidLetter | MidNumLetQ);
    let mid_n = |x: Wb| matches!(x, MidNum | MidNumLetQ);
    !match (a, b) {
        (ALetter, ALetter) | (Numeric, Numeric) | (ALetter, Numeric) | (Numeric, ALetter) => true,
        (ALetter, m) if mid_l(m) && b2 == Some(ALetter) => true,
        (m, ALetter) if mid_l(m) && a2 == Some(ALetter) => true,
        (Numeric, m) if mid_n(m) && b2 == Some(Numeric) => true,
        (m, Numeric) if mid_n(m) && a2 == Some(Numeric) => true,
        (ALetter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, ALetter | Numeric) => true,
        _ => false,
    }
}

/// The UAX #29 word segments of `body` as byte ranges, minus those made of
/// white space (which `tokenize` drops), fed to `emit` in order. Equal to
/// what `split_word_bound_indices` gives, but fast on the common case: the
/// body is cut at runs of ASCII white space (always word boundaries), and a
/// piece made only of ASCII and Latin letters, apostrophes and ASCII
/// punctuation is segmented here; any other piece goes to the library,
/// together with the white space before it (a combining mark after a space
/// belongs to the space).
///
/// `emit`'s third argument says the segment is a plain word: letters only
/// (ASCII or [`latin_letter`]s), with white space or the body's edges on
/// both sides.
fn word_bounds(body: &str, mut emit: impl FnMut(usize, usize, bool)) {
    let b = body.as_bytes();
    let is_ws = |x: u8| BYTE_CLASS[usize::from(x)] & WS != 0;
    let mut cls: Vec<(usize, Wb)> = Vec::new();
    let mut p = 0usize;
    while p < b.len() {
        let ws_start = p;
        while p < b.len() && is_ws(b[p]) {
            p += 1;
        }
        if p == b.len() {
            break;
        }
        let start = p;
        // Most pieces are plain words: letters only (ASCII, or Latin
        // letters of two UTF-8 bytes), one segment (WB5: no break between
        // letters).
        let mut letters = true;
        // Eight ASCII bytes at a time up to the white space ending the piece.
        let mut ended = false;
        while let Some(chunk) = b.get(p..p + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            if w & HI != 0 {
                break;
            }
            let ws = bytes_in(w, b'\t', b'\r') | bytes_eq(w, b' ');
            let letter = bytes_in(w | 0x2020_2020_2020_2020, b'a', b'z');
            if ws != 0 {
                let n = ws.trailing_zeros() as usize / 8;
                let before = if n == 0 { 0 } else { u64::MAX >> (64 - 8 * n) };
                letters &= !letter & HI & before == 0;
                p += n;
                ended = true;
                break;
            }
            letters &= letter == HI;
            p += 8;
        }
        while !ended && p < b.len() {
            let c = BYTE_CLASS[usize::from(b[p])];
            if c & WS != 0 {
                break;
            }
            if c & LATIN_LEAD != 0 && b.get(p + 1).is_some_and(|&n| latin_letter(b[p], n)) {
                p += 2;
                continue;
            }
            letters &= c & LETTER != 0;
            p += 1;
        }
        if letters {
            emit(start, p, true);
            continue;
        }
        let piece = &body[start..p];
        cls.clear();
        let eligible = piece.char_indices().all(|(i, c)| match wb_class(c) {
            Some(w) => {
                cls.push((start + i, w));
                true
            }
            None => false,
        });
        if !eligible {
            for (i, seg) in body[ws_start..p].split_word_bound_indices() {
                let first = seg.chars().next().unwrap_or(' ');
                if !first.is_whitespace() {
                    emit(ws_start + i, ws_start + i + seg.len(), false);
                }
            }
            continue;
        }
        let mut seg_start = start;
        for i in 1..cls.len() {
            let a2 = if i >= 2 { Some(cls[i - 2].1) } else { None };
            let b2 = cls.get(i + 1).map(|x| x.1);
            if wb_breaks(a2, cls[i - 1].1, cls[i].1, b2) {
                emit(seg_start, cls[i].0, false);
                seg_start = cls[i].0;
            }
        }
        emit(seg_start, p, false);
    }
}

/// [`BYTE_CLASS`] bits: ASCII white space (always a word boundary).
const WS: u8 = 1;
/// An ASCII letter.
const LETTER: u8 = 2;
/// The lead byte of a two-byte Latin letter (see [`latin_letter`]).
const LATIN_LEAD: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => WS,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            0xC3..=0xC9 => LATIN_LEAD,
            _ => 0,
        };
        i += 1;
    }
    t
};

/// Whether the two bytes `lead`, `next` are a Latin letter from U+00C0 to
/// U+027F, bar × and ÷: chars that are both UAX #29 `ALetter` and
/// [`is_alphabetic`], with no apostrophe among them (U+02BC, which
/// elisions split at, has lead byte 0xCA).
#[inline]
fn latin_letter(lead: u8, next: u8) -> bool {
    (0xC3..=0xC9).contains(&lead)
        && (0x80..=0xBF).contains(&next)
        && !(lead == 0xC3 && (next == 0x97 || next == 0xB7))
}

/// Pushes a word segment, splitting leading elisions ("l’" + "AFP",
/// "jusqu’" + "à") — possibly several ("qu’l’…" does not occur, but
/// "d’l" would be handled the same way).
fn push_word(tokens: &mut Vec<Token>, body: &str, mut start: usize, end: usize) {
    loop {
        let seg = &body[start..end];
        let split = find_apostrophe(seg).and_then(|(i, len)| {
            let head = &seg[..i];
            let rest = &seg[i + len..];
            let is_elision = if head.is_ascii() {
                ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head))
            } else {
                ELISIONS.contains(&head.to_lowercase().as_str())
            };
            let elided = is_elision && rest.chars().next().is_some_and(is_alphabetic);
            elided.then_some(i + len)
        });
        match split {
            Some(cut) => {
                tokens.push(Token {
                    start,
                    end: start + cut,
                    kind: TokenKind::Elision,
                });
                start += cut;
            }
            None => {
                tokens.push(Token {
                    start,
                    end,
                    kind: TokenKind::Word,
                });
                return;
            }
        }
    }
}

/// Words after which a point does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "gén", "Gén",
    "gal", "Gal", "col", "Col", "cdt", "Cdt", "lt", "Lt", "cap", "capt", "sgt", "adj", "av", "apr",
    "J.-C", "cf", "etc", "env", "art", "no", "n°", "p", "vol", "ex", "min", "max", "tél", "Tél",
    "janv", "févr", "sept", "oct", "nov", "déc", "Inc", "Ltd", "Cie", "Vve", "S", "A", "U", "N",
    "E", "O",
];

fn split_sentences(body: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0usize; // first token of the current sentence
    let close = |sentences: &mut Vec<Sentence>, first: usize, last: usize| {
        if first < last {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[last - 1].end,
                tokens: first..last,
            });
        }
    };
    for i in 0..tokens.len() {
        let t = tokens[i];
        // A line break between this token and the next closes the sentence.
        let next_start = tokens.get(i + 1).map_or(body.len(), |n| n.start);
        // The gap is a space or two: a plain loop, not `memchr`.
        #[allow(clippy::manual_contains)]
        let line_break = body.as_bytes()[t.end..next_start]
            .iter()
            .any(|&x| x == b'\n');
        let terminal = t.kind == TokenKind::Punct && {
            let s = t.text(body);
            matches!(s, "." | "!" | "?" | "…") && ends_sentence(body, tokens, i)
        };
        if line_break || terminal {
            // Closing quotes/brackets right after the point belong to this sentence.
            let mut last = i + 1;
            if terminal && !line_break {
                while let Some(n) = tokens.get(last) {
                    let s = n.text(body);
                    if n.kind == TokenKind::Punct
                        && matches!(s, "»" | "\"" | "”" | ")" | "’")
                        && !body[tokens[last - 1].end..n.start].contains('\n')
                    {
                        last += 1;
                    } else {
                        break;
                    }
                }
            }
            close(&mut sentences, first, last);
            first = last.max(i + 1);
        }
    }
    close(&mut sentences, first, tokens.len());
    sentences
}

/// Whether the terminal punctuation at token `i` ends a sentence.
fn ends_sentence(body: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i];
    if body[t.start..t.end] == *"." && i > 0 {
        let prev = tokens[i - 1];
        let adjacent = prev.end == t.start;
        let word = prev.text(body);
        if adjacent && prev.kind == TokenKind::Word {
            if ABBREVIATIONS.contains(&word) {
                return false;
            }
            // An initial: "J. Dupont".
            let mut cs = word.chars();
            if cs.next().is_some_and(char::is_uppercase) && cs.next().is_none() {
                return false;
            }
        }
    }
    // The next token must be able to open a sentence: a capital, a digit,
    // a quote, a dash, or nothing.
    match tokens.get(i + 1) {
        None => true,
        Some(n) => {
            if n.start == t.end {
                // "3.5", "…»" glued: not a boundary unless a quote follows.
                return matches!(&body[n.start..n.end], "»" | "\"" | "”");
            }
            let c = body[n.start..].chars().next().unwrap_or(' ');
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '«' | '"' | '“' | '-' | '–' | '—' | '(' | '[')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str) -> Vec<&str> {
        tokenize(body).tokens.iter().map(|t| t.text(body)).collect()
    }

    fn sentences(body: &str) -> Vec<&str> {
        tokenize(body)
            .sentences
            .iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    /// The library's segments, minus white space: what `word_bounds` must give.
    fn library_bounds(body: &str) -> Vec<(usize, usize)> {
        body.split_word_bound_indices()
            .filter(|(_, s)| !s.chars().next().is_some_and(char::is_whitespace))
            .map(|(i, s)| (i, i + s.len()))
            .collect()
    }

    fn fast_bounds(body: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        word_bounds(body, |s, e, _| out.push((s, e)));
        out
    }

    #[test]
    fn fast_word_bounds_agree_with_the_library() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "l’AFP d'Al-Qaïda aujourd’hui 2.000 morts, 6,5 % 3.5 1,000,000",
            "a.b a:b a'b a’b 1.2 1,2 1;2 1'2 a_b _a 1_ __ a1 1a a.1 1.a a..b 1..2",
            "e\u{301}té \u{301}a a \u{301}b x\u{ad}y \u{200d}\u{1f600} 🙂a",
            "22\u{202F}septembre 16\u{a0}000 « mardi » — – … ‘q’ « l’",
            "\t\ta\t\u{301}\r\n\u{b}\u{c}x\u{85}y\u{2028}z œuvre Œ ǅ ß ﬁ",
            "k:a \"q\" <b>x</b> #h ### T 1er 2e 10h30 G5 A400M 180ml",
            "\u{5d0}'\u{5d1} \u{5d0}\"\u{5d1} 🇫🇷🇲🇱 a🇫🇷",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        for t in &texts {
            assert_eq!(fast_bounds(t), library_bounds(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_word_bounds_agree_on_any_text(s in "\\PC{0,80}") {
            proptest::prop_assert_eq!(fast_bounds(&s), library_bounds(&s));
        }

        #[test]
        fn fast_word_bounds_agree_on_word_like_text(s in "[a-zA-Z0-9éÀœ.,;:'’‘_\"\\- \t\n\r\u{b}\u{c}\u{a0}\u{202f}\u{301}\u{ad}]{0,60}") {
            proptest::prop_assert_eq!(fast_bounds(&s), library_bounds(&s));
        }
    }

    #[test]
    fn fast_is_alphabetic_agrees_with_the_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn apostrophes_are_found_by_bytes() {
        for s in [
            "",
            "abc",
            "l'a",
            "l’a",
            "lʼa",
            "a\u{2018}b’",
            "é’",
            "\u{2029}’",
            "ʻ'",
        ] {
            let want = s
                .char_indices()
                .find(|&(_, c)| matches!(c, '\'' | '’' | 'ʼ'))
                .map(|(i, c)| (i, c.len_utf8()));
            assert_eq!(find_apostrophe(s), want, "{s:?}");
        }
    }

    /// Tokens made from the library's segments, each through `push_segment`.
    fn reference_tokens(body: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (s, e) in library_bounds(body) {
            push_segment(&mut tokens, body, s, e);
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_library_segments(
            s in "[a-zA-Zé0-9.,;:'’ʼ\"()«»\\- \t\n\u{a0}\u{2010}]{0,60}|\\PC{0,60}"
        ) {
            proptest::prop_assert_eq!(tokenize(&s).tokens, reference_tokens(&s));
        }

        #[test]
        fn starts_uppercase_agrees_with_the_library(s in "\\PC{0,3}") {
            proptest::prop_assert_eq!(
                starts_uppercase(&s),
                s.chars().next().is_some_and(char::is_uppercase)
            );
        }

        /// Each key is `fold_char` of every char of its token, and the
        /// spaced keys are exactly those with a space.
        #[test]
        fn keys_fold_every_char(s in "[a-zA-Z0-9 `'.,\n\x0bÉéœ’\u{a0}\u{202f}\u{ad}\u{301}-]{0,60}|\\PC{0,40}") {
            let t = tokenize(&s);
            let mut spaced = Vec::new();
            for (i, tok) in t.tokens.iter().enumerate() {
                let mut want = String::new();
                for c in tok.text(&s).chars() {
                    fold_char(c, |k| want.push(k));
                }
                proptest::prop_assert_eq!(t.keys.get(i), want.as_str());
                if want.contains(' ') {
                    spaced.push(i);
                }
            }
            proptest::prop_assert_eq!(t.keys.spaced().collect::<Vec<_>>(), spaced);
        }
    }

    proptest::proptest! {
        /// Keys of any spans (as edited token lists may hold), white
        /// space and backquotes inside included, fold every char.
        #[test]
        fn keys_of_any_spans_fold_every_char(
            s in "[a-zA-Z0-9 `'.\t\n\r\x0b\x0cÉé’\u{a0}\u{202f}]{1,30}",
            cuts in proptest::collection::vec((0..64usize, 0..64usize), 0..12),
        ) {
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let tokens: Vec<Token> = cuts
                .iter()
                .map(|&(a, b)| {
                    let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                    Token { start: a.min(b), end: a.max(b), kind: TokenKind::Word }
                })
                .collect();
            let keys = Keys::build(&s, &tokens);
            let mut spaced = Vec::new();
            for (i, t) in tokens.iter().enumerate() {
                let mut want = String::new();
                for c in t.text(&s).chars() {
                    fold_char(c, |k| want.push(k));
                }
                proptest::prop_assert_eq!(keys.get(i), want.as_str());
                if want.contains(' ') {
                    spaced.push(i);
                }
            }
            proptest::prop_assert_eq!(keys.spaced().collect::<Vec<_>>(), spaced);
        }
    }

    #[test]
    fn splits_french_elisions() {
        assert_eq!(words("l’AFP"), ["l’", "AFP"]);
        assert_eq!(words("d'Al-Qaïda"), ["d'", "Al-Qaïda"]);
        assert_eq!(words("jusqu’à lorsqu’il"), ["jusqu’", "à", "lorsqu’", "il"]);
        assert_eq!(words("aujourd’hui"), ["aujourd’hui"]);
        assert_eq!(words("presqu’île"), ["presqu’île"]);
        assert_eq!(
            words("Paul-Henri quatre-vingt-dix -"),
            ["Paul-Henri", "quatre-vingt-dix", "-"]
        );
    }

    #[test]
    fn sentence_boundaries_survive_abbreviations() {
        let body = "M. Goïta a parlé. Le gén. Diarra aussi. Mme Traoré et J. Dupont sont là ! Fin";
        assert_eq!(
            sentences(body),
            [
                "M. Goïta a parlé.",
                "Le gén. Diarra aussi.",
                "Mme Traoré et J. Dupont sont là !",
                "Fin"
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        let body = "### Bilan de l’attaque\nÀ Bamako, deux sites. Deux morts.";
        assert_eq!(
            sentences(body),
            [
                "### Bilan de l’attaque",
                "À Bamako, deux sites.",
                "Deux morts."
            ]
        );
    }

    #[test]
    fn numbers_with_separators_are_one_token() {
        assert_eq!(
            words("2.000 morts et 6,5 %"),
            ["2.000", "morts", "et", "6,5", "%"]
        );
    }
}
