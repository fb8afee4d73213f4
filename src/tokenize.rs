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

use crate::normalize::{bytes_in, fold_str_into_string, HI};

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
    /// The scanner's bits for every token ([`FOLD`], [`LINE_BREAK`], the
    /// [`RunShape`] at [`SHAPE`]); empty when [`tokenize_reference`]
    /// made the tokens.
    flags: Vec<u8>,
}

/// What the runs of letters and digits of a token's key are (the runs the
/// gazetteer matcher probes), as far as [`tokenize`] knows them: every
/// token of its fast path has a known shape, and no run of the body's key
/// crosses its start or its end (the chars on either side of each are not
/// both letters, digits or chars that fold to nothing), so the runs of a
/// body are those of its known tokens, and those of the stretches between
/// them read off the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunShape {
    /// Anything: a token the library segmented (a piece holding a char
    /// the fast tokenizer does not know), a hyphenated compound, a number
    /// with separators, a word with an apostrophe or a period inside.
    Unknown,
    /// One char that folds to neither a letter or digit nor nothing:
    /// punctuation, a quote, a dash. No run.
    NoRun,
    /// Letters and digits only (ASCII, or the Latin letters of two bytes,
    /// each folding to letters): one run, the whole token, whose key is
    /// the token's key.
    Whole,
    /// An elision of ASCII letters and its apostrophe ("l’", "qu'"): one
    /// run, the token bar its last char.
    Elision,
}

/// Per-token folded keys in one arena: token `i`'s key is every char of its
/// text passed through [`fold_char`](crate::normalize::fold_char) (no trimming, no collapsing: use
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
        // The body lowercased is the key of every token that needs no
        // folding (nearly all of them): only the others are folded.
        let flags: Vec<u8> = tokens
            .iter()
            .map(|t| flag_bits(needs_fold(&body.as_bytes()[t.start..t.end]), false))
            .collect();
        Keys::build_flagged(body, tokens, &flags)
    }

    /// [`Keys::build`] for tokens whose [`FOLD`] bits `flags` holds: the
    /// others are known plain.
    fn build_flagged(body: &str, tokens: &[Token], flags: &[u8]) -> Keys {
        // The keys of folded tokens follow the body: in French copy, a
        // quarter of it at most.
        let mut text = String::with_capacity(body.len() + body.len() / 4 + 16);
        text.push_str(body);
        text.make_ascii_lowercase();
        let mut spaced = Vec::new();
        // Every token's span of the body, then the folded ones (a fifth
        // of them at most) pointed at their keys: two simple passes, where
        // one asking each token which it was cost three times as much.
        let mut spans: Vec<(u32, u32)> = tokens
            .iter()
            .map(|t| (t.start as u32, t.end as u32))
            .collect();
        for ((i, &f), span) in flags.iter().enumerate().zip(&mut spans) {
            if f & FOLD == 0 {
                continue;
            }
            let from = text.len();
            let (start, end) = (span.0 as usize, span.1 as usize);
            if fold_str_into_string(&body[start..end], &mut text) {
                spaced.push(i as u32);
            }
            *span = (from as u32, text.len() as u32);
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

    /// Every key at once, for a stage that reads them in bulk: the arena
    /// they are slices of, and each token's span in it ([`Keys::get`] of
    /// token `i` is `arena[spans[i].0..spans[i].1]`). The arena starts with
    /// the body lowercased, so a span starting before the body's length is
    /// the key of a plain ASCII token, its text lowercased.
    pub fn parts(&self) -> (&str, &[(u32, u32)]) {
        (&self.text, &self.spans)
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

/// The [`RunShape`]s of a body's tokens: see [`Tokens::run_shapes`].
#[derive(Debug, Clone, Copy)]
pub struct RunShapes<'a>(&'a [u8]);

impl RunShapes<'_> {
    /// The shape of token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> RunShape {
        shape_of(self.0[i])
    }

    /// The shape of every token, in order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = RunShape> + '_ {
        self.0.iter().map(|&f| shape_of(f))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

    /// The [`RunShape`] of every token, when [`tokenize`] made these
    /// tokens and their keys and they were not edited since (`None`
    /// otherwise).
    pub fn run_shapes(&self) -> Option<RunShapes<'_>> {
        let n = self.tokens.len();
        (self.flags.len() == n && self.keys.len() == n).then_some(RunShapes(&self.flags))
    }
}

const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Whether `head`, the bytes before an apostrophe, is one of the
/// [`ELISIONS`] in ASCII, in any case: what [`push_word`] asks of an ASCII
/// head, as a `match` on lowercased bytes (a test checks they agree).
#[inline]
fn is_ascii_elision(head: &[u8]) -> bool {
    let mut lower = [0u8; 7];
    let Some(buf) = lower.get_mut(..head.len()) else {
        return false;
    };
    for (l, &h) in buf.iter_mut().zip(head) {
        *l = h.to_ascii_lowercase();
    }
    matches!(
        &*buf,
        b"l" | b"d"
            | b"j"
            | b"m"
            | b"n"
            | b"s"
            | b"t"
            | b"c"
            | b"qu"
            | b"jusqu"
            | b"lorsqu"
            | b"puisqu"
            | b"quoiqu"
    )
}

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
///
/// One pass over the bytes segments words (see [`Scanner`]) and records,
/// per token, whether its key needs folding and whether a line break
/// precedes it, so neither the keys nor the sentence splitter look at the
/// body again. [`tokenize_reference`] is the plain composition of the
/// library's segmentation, [`push_segment`], the sentence splitter and
/// [`Keys::build`] that this must equal (tests check it does).
pub fn tokenize(body: &str) -> Tokens {
    let mut scan = Scanner::new(body);
    scan.run();
    let Scanner {
        tokens,
        flags,
        pending_line_break,
        ..
    } = scan;
    let sentences = split_sentences(
        body,
        &tokens,
        |i| match flags.get(i + 1) {
            Some(&f) => f & LINE_BREAK != 0,
            None => pending_line_break,
        },
        |i| next_sentence_end(&flags, pending_line_break, i),
    );
    let keys = Keys::build_flagged(body, &tokens, &flags);
    Tokens {
        tokens,
        sentences,
        keys,
        flags,
    }
}

/// [`tokenize`] as the composition of its parts: the library's word
/// segments through [`push_segment`], sentences from the gaps between
/// tokens, keys from [`Keys::build`]. The oracle of the tests.
#[cfg(test)]
pub(crate) fn tokenize_reference(body: &str) -> Tokens {
    let mut tokens: Vec<Token> = Vec::new();
    for (i, seg) in body.split_word_bound_indices() {
        push_segment(&mut tokens, body, i, i + seg.len());
    }
    let sentences = split_sentences(
        body,
        &tokens,
        |i| {
            let next_start = tokens.get(i + 1).map_or(body.len(), |n| n.start);
            body.as_bytes()[tokens[i].end..next_start].contains(&b'\n')
        },
        |i| i,
    );
    let keys = Keys::build(body, &tokens);
    Tokens {
        tokens,
        sentences,
        keys,
        flags: Vec::new(),
    }
}

/// [`Scanner::flags`] bit: the token's key is not its span of the body
/// lowercased (it holds a non-ASCII byte or a backquote).
const FOLD: u8 = 1;
/// [`Scanner::flags`] bit: a line break lies between the previous token
/// and this one.
const LINE_BREAK: u8 = 2;

/// [`Scanner::flags`] bits: the token's [`RunShape`], as [`shape_bits`]
/// writes it.
const SHAPE: u8 = 0b1100;
/// [`Scanner::flags`] bit: the token is a point, `!`, `?` or `…`, which
/// may end a sentence (see [`terminal_bit`]).
const TERMINAL: u8 = 16;

/// [`TERMINAL`] if `text`, a punctuation token's, may end a sentence (`…`
/// is E2 80 A6).
#[inline]
fn terminal_bit(text: &[u8]) -> u8 {
    match text {
        b"." | b"!" | b"?" | [0xe2, 0x80, 0xa6] => TERMINAL,
        _ => 0,
    }
}

/// Whether a token's key differs from its text lowercased: it holds a
/// non-ASCII byte, or a byte other than a letter's case that `fold_char`
/// changes (a backquote, white space).
fn needs_fold(text: &[u8]) -> bool {
    !text
        .iter()
        .all(|&x| x.is_ascii() && !matches!(x, b'`' | b' ' | b'\t' | b'\n' | b'\x0c' | b'\r'))
}

/// [`FOLD`] if `fold`, with [`LINE_BREAK`] if `line_break`.
#[inline]
fn flag_bits(fold: bool, line_break: bool) -> u8 {
    (if fold { FOLD } else { 0 }) | (if line_break { LINE_BREAK } else { 0 })
}

/// `shape` in the [`SHAPE`] bits.
#[inline]
fn shape_bits(shape: RunShape) -> u8 {
    (match shape {
        RunShape::Unknown => 0,
        RunShape::NoRun => 1,
        RunShape::Whole => 2,
        RunShape::Elision => 3,
    }) << 2
}

/// The [`RunShape`] in `flags`.
#[inline]
fn shape_of(flags: u8) -> RunShape {
    match (flags & SHAPE) >> 2 {
        1 => RunShape::NoRun,
        2 => RunShape::Whole,
        3 => RunShape::Elision,
        _ => RunShape::Unknown,
    }
}

/// The [`RunShape`] of token `t` of `body`, made by the fast tokenizer,
/// read off its text: for the tokens [`push_word`] splits off a word.
fn shape_of_text(body: &str, t: Token) -> RunShape {
    let b = &body.as_bytes()[t.start..t.end];
    match t.kind {
        TokenKind::Elision => {
            let head = &b[..b.len() - apostrophe_len(b)];
            if !head.is_empty() && head.iter().all(u8::is_ascii_alphabetic) {
                RunShape::Elision
            } else {
                RunShape::Unknown
            }
        }
        TokenKind::Word | TokenKind::Number if letters_and_digits(b) => RunShape::Whole,
        _ => RunShape::Unknown,
    }
}

/// Whether `b` is made of ASCII letters and digits and of the Latin
/// letters of two bytes that [`class_at`] calls letters.
fn letters_and_digits(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() {
            i += 1;
        } else if i + 1 < b.len() && latin_letter(b[i], b[i + 1]) {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

/// The byte length of the apostrophe ending `b`, an [`TokenKind::Elision`]
/// token (`'`, `’` or `ʼ`; see [`find_apostrophe`]).
#[inline]
pub fn apostrophe_len(b: &[u8]) -> usize {
    match b.last() {
        Some(b'\'') => 1,
        // U+02BC ends in 0xBC, U+2019 in 0x99.
        Some(0xbc) => 2,
        _ => 3,
    }
}

/// Word-break classes of the fast tokenizer: the UAX #29 `Word_Break`
/// values of the chars it knows, with white space split out.
mod class {
    /// ASCII white space, or the body's end: ends a piece (always a word
    /// boundary, and tokens never hold it).
    pub const END: u8 = 0;
    pub const LETTER: u8 = 1;
    pub const DIGIT: u8 = 2;
    /// MidNumLet or Single_Quote (the rules treat them alike without Hebrew).
    pub const MID_NUM_LET: u8 = 3;
    pub const MID_LETTER: u8 = 4;
    pub const MID_NUM: u8 = 5;
    pub const EXTEND_NUM_LET: u8 = 6;
    /// ExtendNumLet and white space (U+202F): joins like the former, but a
    /// segment it starts is white space, which is dropped.
    pub const EXTEND_NUM_LET_SPACE: u8 = 7;
    pub const OTHER: u8 = 8;
    /// Other and white space (U+00A0): a segment of its own, dropped.
    pub const OTHER_SPACE: u8 = 9;
    /// A char the fast tokenizer does not know: its piece goes to the library.
    pub const SLOW: u8 = 10;
}

/// [`class`] of each ASCII byte.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [class::OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => class::END,
            b'a'..=b'z' | b'A'..=b'Z' => class::LETTER,
            b'0'..=b'9' => class::DIGIT,
            b'.' | b'\'' => class::MID_NUM_LET,
            b':' => class::MID_LETTER,
            b',' | b';' => class::MID_NUM,
            b'_' => class::EXTEND_NUM_LET,
            // '"' is Double_Quote, which only Hebrew rules use.
            _ => class::OTHER,
        };
        i += 1;
    }
    t
};

/// The [`class`] and UTF-8 length of the char at `b[i]` (class `END` past
/// the end). Besides ASCII, it knows the chars that fill French copy: Latin
/// letters of two bytes (ALetter, all alphabetic), the curly apostrophes,
/// guillemets, dashes, the ellipsis, no-break spaces; a test checks the
/// classes against the library on text made of them.
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> (u8, usize) {
    match b.get(i) {
        None => (class::END, 0),
        Some(&x) if x.is_ascii() => (ASCII_CLASS[usize::from(x)], 1),
        Some(&x) => class_at_multibyte(b, i, x),
    }
}

/// [`class_at`] of a char of two bytes or more, with lead byte `x`.
#[inline(never)]
fn class_at_multibyte(b: &[u8], i: usize, x: u8) -> (u8, usize) {
    // `b` is UTF-8: the continuation bytes a lead byte announces exist.
    let cls = match x {
        0xc3..=0xc9 if latin_letter(x, b[i + 1]) => class::LETTER,
        // × and ÷.
        0xc3 => class::OTHER,
        0xc2 => match b[i + 1] {
            0xa0 => class::OTHER_SPACE,
            // « » °
            0xab | 0xbb | 0xb0 => class::OTHER,
            _ => class::SLOW,
        },
        0xe2 if b[i + 1] == 0x80 => {
            return match b[i + 2] {
                // ‘ ’
                0x98 | 0x99 => (class::MID_NUM_LET, 3),
                // ‐ ‑ – — “ ” …
                0x90 | 0x91 | 0x93 | 0x94 | 0x9c | 0x9d | 0xa6 => (class::OTHER, 3),
                0xaf => (class::EXTEND_NUM_LET_SPACE, 3),
                _ => (class::SLOW, 3),
            };
        }
        _ => class::SLOW,
    };
    (cls, 2)
}

/// The fast tokenizer's state: tokens so far, their flags, and whether a
/// line break has been seen since the last token.
struct Scanner<'a> {
    body: &'a str,
    tokens: Vec<Token>,
    /// [`FOLD`] and [`LINE_BREAK`] bits, one byte per token.
    flags: Vec<u8>,
    pending_line_break: bool,
}

impl<'a> Scanner<'a> {
    fn new(body: &'a str) -> Scanner<'a> {
        // About one token per five bytes of French prose.
        let cap = body.len() / 5 + 1;
        Scanner {
            body,
            tokens: Vec::with_capacity(cap),
            flags: Vec::with_capacity(cap),
            pending_line_break: false,
        }
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, fold: bool, shape: RunShape) {
        self.push_flagged(start, end, kind, flag_bits(fold, false) | shape_bits(shape));
    }

    /// [`Scanner::push`] with its flags (but the line break) given.
    #[inline]
    fn push_flagged(&mut self, start: usize, end: usize, kind: TokenKind, flags: u8) {
        self.tokens.push(Token { start, end, kind });
        let line_break = std::mem::take(&mut self.pending_line_break);
        self.flags.push(flags | flag_bits(false, line_break));
    }

    /// The body cut at runs of ASCII white space (always word boundaries)
    /// into pieces, each segmented by [`Scanner::piece`].
    fn run(&mut self) {
        let b = self.body.as_bytes();
        let mut p = 0;
        while p < b.len() {
            let ws_start = p;
            // Most often one space: tested first, before the other white
            // space and the line break.
            while let Some(&x) = b.get(p) {
                if x != b' ' {
                    if !is_ascii_space(x) {
                        break;
                    }
                    self.pending_line_break |= x == b'\n';
                }
                p += 1;
            }
            if p == b.len() {
                break;
            }
            // Most pieces are one word or number of ASCII letters and
            // digits: it is a token of its own, plain and of one run,
            // which `piece` would find after asking the class of every
            // char and whether a hyphen glues it to the word before (no:
            // white space comes between, or nothing at all does).
            // Accented Latin letters join such a word as ASCII letters do,
            // and only make its key folded.
            let mut end = p + ascii_alnum_len(&b[p..]);
            let mut fold = false;
            while end + 1 < b.len() && latin_letter(b[end], b[end + 1]) {
                fold = true;
                end += 2;
                end += ascii_alnum_len(&b[end..]);
            }
            if end > p && b.get(end).is_none_or(|&x| is_ascii_space(x)) && ws_start < p {
                let kind = match b[p].is_ascii_digit() {
                    true => TokenKind::Number,
                    false => TokenKind::Word,
                };
                let bits = flag_bits(fold, false) | shape_bits(RunShape::Whole);
                self.push_flagged(p, end, kind, bits);
                p = end;
                continue;
            }
            p = self.piece(ws_start, p);
        }
    }

    /// Segments the piece starting at `start` (after white space from
    /// `ws_start`) into tokens; returns where it ends.
    ///
    /// UAX #29 on the classes of [`class_at`] comes down to: letters,
    /// digits and ExtendNumLet join (WB5, WB8–WB13b); a MidLetter or
    /// MidNumLet between two letters joins them (WB6, WB7), a MidNum or
    /// MidNumLet between two digits likewise (WB11, WB12); everything else
    /// is a segment of one char. A piece holding any other char is undone
    /// and goes to the library, with the white space before it (a
    /// combining mark after a space belongs to the space).
    fn piece(&mut self, ws_start: usize, start: usize) -> usize {
        use class::*;
        let b = self.body.as_bytes();
        let undo = self.tokens.len();
        let line_break = self.pending_line_break;
        let mut p = start;
        loop {
            let (first, n) = class_at(b, p);
            if first == END {
                return p;
            }
            let mut s = p;
            p += n;
            if !matches!(
                first,
                LETTER | DIGIT | EXTEND_NUM_LET | EXTEND_NUM_LET_SPACE
            ) {
                match first {
                    SLOW => return self.slow_piece(ws_start, start, undo, line_break),
                    // White space: dropped, as `push_segment` does.
                    OTHER_SPACE => {}
                    // Every other class folds to punctuation (a test checks).
                    _ => self.push_flagged(
                        s,
                        p,
                        TokenKind::Punct,
                        flag_bits(n > 1 || b[s] == b'`', false)
                            | shape_bits(RunShape::NoRun)
                            | terminal_bit(&b[s..p]),
                    ),
                }
                continue;
            }
            let mut last = first;
            let mut fold = n > 1;
            let mut apostrophe = false;
            // Whether anything but letters and digits joined the segment.
            let mut mixed = false;
            loop {
                // Eight ASCII letters and digits at a time.
                if let Some(chunk) = b.get(p..p + 8) {
                    let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                    if w & HI == 0 {
                        let alnum = bytes_in(w | 0x2020_2020_2020_2020, b'a', b'z')
                            | bytes_in(w, b'0', b'9');
                        let k = (!alnum & HI).trailing_zeros() as usize / 8;
                        if k > 0 {
                            p += k;
                            last = if b[p - 1].is_ascii_digit() {
                                DIGIT
                            } else {
                                LETTER
                            };
                            if k == 8 {
                                continue;
                            }
                        }
                    }
                }
                let (c, n) = class_at(b, p);
                match c {
                    LETTER | DIGIT => {
                        last = c;
                        fold |= n > 1;
                        p += n;
                    }
                    EXTEND_NUM_LET | EXTEND_NUM_LET_SPACE => {
                        last = c;
                        fold |= n > 1;
                        mixed = true;
                        p += n;
                    }
                    MID_LETTER | MID_NUM_LET | MID_NUM => {
                        let (next, n2) = class_at(b, p + n);
                        if next == SLOW {
                            return self.slow_piece(ws_start, start, undo, line_break);
                        }
                        let joins = (last == LETTER && c != MID_NUM && next == LETTER)
                            || (last == DIGIT && c != MID_LETTER && next == DIGIT);
                        if !joins {
                            break;
                        }
                        let is_apostrophe = b[p] == b'\'' || (n == 3 && b[p + 2] == 0x99);
                        // The first apostrophe of a word of ASCII letters
                        // that is an elision ("l’", "qu'"), in a word no
                        // hyphen glues to the one before: split it off
                        // here, as `push_word` would, and go on with the
                        // rest as a word of its own. French copy elides
                        // every few words; the general path costs
                        // hundreds of instructions each.
                        if is_apostrophe
                            && !apostrophe
                            && !mixed
                            && !fold
                            && first == LETTER
                            && is_ascii_elision(&b[s..p])
                            && !self.glues_at(s)
                        {
                            self.push(s, p + n, TokenKind::Elision, n > 1, RunShape::Elision);
                            s = p + n;
                            fold = n2 > 1;
                            last = next;
                            p += n + n2;
                            continue;
                        }
                        apostrophe |= is_apostrophe;
                        mixed = true;
                        fold |= n > 1 || n2 > 1;
                        last = next;
                        p += n + n2;
                    }
                    SLOW => return self.slow_piece(ws_start, start, undo, line_break),
                    _ => break,
                }
            }
            let shape = if mixed {
                RunShape::Unknown
            } else {
                RunShape::Whole
            };
            match first {
                LETTER => self.word(s, p, fold, apostrophe, shape),
                DIGIT => self.push(s, p, TokenKind::Number, fold, shape),
                EXTEND_NUM_LET => self.push(s, p, TokenKind::Punct, fold, RunShape::Unknown),
                // Starts with white space: dropped, as `push_segment` does.
                _ => {}
            }
        }
    }

    /// Whether a word segment starting at `start` is glued to the word
    /// before it by a hyphen between them ("Al" "-" "Qaïda"), as
    /// [`push_segment`] glues them.
    #[inline(always)]
    fn glues_at(&self, start: usize) -> bool {
        match self.tokens.as_slice() {
            [.., w, h] => {
                h.end == start
                    && w.kind == TokenKind::Word
                    && h.start == w.end
                    && matches!(&self.body[h.start..h.end], "-" | "\u{2010}" | "\u{2011}")
            }
            _ => false,
        }
    }

    /// A word segment (of [`RunShape`] `shape` unless split or glued):
    /// glued to a hyphenated word before it, or split after leading
    /// elisions, as [`push_segment`] does.
    #[inline]
    fn word(&mut self, start: usize, end: usize, fold: bool, apostrophe: bool, shape: RunShape) {
        if self.glues_at(start) {
            let n = self.tokens.len();
            let glued = self.tokens[n - 2].start;
            // A compound's shape is unknown: its runs are its parts.
            let flag =
                (self.flags[n - 2] & !SHAPE) | (self.flags[n - 1] & FOLD) | flag_bits(fold, false);
            self.tokens.truncate(n - 2);
            self.flags.truncate(n - 2);
            self.tokens.push(Token {
                start: glued,
                end,
                kind: TokenKind::Word,
            });
            self.flags.push(flag);
            return;
        }
        if !apostrophe {
            self.push(start, end, TokenKind::Word, fold, shape);
            return;
        }
        let from = self.tokens.len();
        push_word(&mut self.tokens, self.body, start, end);
        self.flag_from(from, true);
    }

    /// Flags for the tokens from `from` on, pushed by the reference code,
    /// read off their text; their [`RunShape`]s too when `shapes` (the
    /// fast path's elisions), else unknown (the library's segments, whose
    /// neighbours may be anything).
    fn flag_from(&mut self, from: usize, shapes: bool) {
        let from = from.min(self.flags.len());
        self.flags.truncate(from);
        for &t in &self.tokens[from..] {
            let fold = needs_fold(&self.body.as_bytes()[t.start..t.end]);
            let line_break = std::mem::take(&mut self.pending_line_break);
            let shape = if shapes {
                shape_of_text(self.body, t)
            } else {
                RunShape::Unknown
            };
            let terminal = match t.kind {
                TokenKind::Punct => terminal_bit(&self.body.as_bytes()[t.start..t.end]),
                _ => 0,
            };
            self.flags
                .push(flag_bits(fold, line_break) | shape_bits(shape) | terminal);
        }
    }

    /// Undoes the tokens of the piece at `start` and segments it with the
    /// library instead, together with the white space before it; returns
    /// where the piece ends.
    #[cold]
    fn slow_piece(
        &mut self,
        ws_start: usize,
        start: usize,
        undo: usize,
        line_break: bool,
    ) -> usize {
        let b = self.body.as_bytes();
        self.tokens.truncate(undo);
        self.flags.truncate(undo);
        self.pending_line_break = line_break;
        let mut end = start;
        while end < b.len() && !is_ascii_space(b[end]) {
            end += 1;
        }
        for (i, seg) in self.body[ws_start..end].split_word_bound_indices() {
            push_segment(
                &mut self.tokens,
                self.body,
                ws_start + i,
                ws_start + i + seg.len(),
            );
        }
        self.flag_from(undo, false);
        end
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

/// The length of the ASCII letters and digits `b` starts with, eight
/// bytes at a time while they last.
#[inline(always)]
fn ascii_alnum_len(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let alnum = bytes_in(w | 0x2020_2020_2020_2020, b'a', b'z') | bytes_in(w, b'0', b'9');
        // A byte of the ranges, and ASCII: a high bit set in `w` is no
        // letter, whatever `bytes_in` says of it (a byte over 0x7f may
        // carry into the bytes after it, never into those before, so the
        // bytes up to the first such one are classed right).
        let k = ((!alnum | w) & HI).trailing_zeros() as usize / 8;
        n += k;
        if k < 8 {
            return n;
        }
    }
    n + b[n..]
        .iter()
        .position(|x| !x.is_ascii_alphanumeric())
        .unwrap_or(b.len() - n)
}

/// ASCII white space: always a word boundary, never inside a token.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

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

/// Whether a point after `word` does not end a sentence: an
/// abbreviation. A `match`, which compiles to a switch on the length and
/// a few comparisons, where a list took sixty.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "M" | "MM"
            | "Mme"
            | "Mmes"
            | "Mlle"
            | "Mlles"
            | "Me"
            | "Mgr"
            | "Dr"
            | "Pr"
            | "St"
            | "Ste"
            | "gén"
            | "Gén"
            | "gal"
            | "Gal"
            | "col"
            | "Col"
            | "cdt"
            | "Cdt"
            | "lt"
            | "Lt"
            | "cap"
            | "capt"
            | "sgt"
            | "adj"
            | "av"
            | "apr"
            | "J.-C"
            | "cf"
            | "etc"
            | "env"
            | "art"
            | "no"
            | "n°"
            | "p"
            | "vol"
            | "ex"
            | "min"
            | "max"
            | "tél"
            | "Tél"
            | "janv"
            | "févr"
            | "sept"
            | "oct"
            | "nov"
            | "déc"
            | "Inc"
            | "Ltd"
            | "Cie"
            | "Vve"
            | "S"
            | "A"
            | "U"
            | "N"
            | "E"
            | "O"
    )
}

/// The first token from `i` on that a line break follows or that is
/// [`TERMINAL`], as the scanner's `flags` tell (`flags.len()` if none;
/// `line_break_at_end` is whether one follows the last token): the only
/// tokens [`split_sentences`] must look at, found with one test a token.
fn next_sentence_end(flags: &[u8], line_break_at_end: bool, i: usize) -> usize {
    // Token `m` is TERMINAL, or follows a line break that ends token
    // `m - 1`; the first of these from `i` on is the earliest candidate.
    let rest = flags.get(i..).unwrap_or_default();
    let found = rest
        .iter()
        .enumerate()
        .position(|(k, &f)| f & TERMINAL != 0 || (k > 0 && f & LINE_BREAK != 0));
    match found {
        Some(k) if k > 0 && rest[k] & LINE_BREAK != 0 => i + k - 1,
        Some(k) => i + k,
        None if line_break_at_end && !rest.is_empty() => flags.len() - 1,
        None => flags.len().max(i),
    }
}

/// The sentences of `tokens`; `line_break(i)` says whether a line break
/// follows token `i` (before the next token, or the body's end), and
/// `next(i)` is the first token from `i` on that may end a sentence: one a
/// line break follows or a terminal point (the scanner marks them, so most
/// tokens are passed over at once; `i` itself for a caller that does not
/// know).
fn split_sentences(
    body: &str,
    tokens: &[Token],
    line_break: impl Fn(usize) -> bool,
    next: impl Fn(usize) -> usize,
) -> Vec<Sentence> {
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
    let mut i = next(0);
    while i < tokens.len() {
        // A line break between this token and the next closes the sentence.
        let line_break = line_break(i);
        let t = tokens[i];
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
        i = next(i + 1);
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
            if is_abbreviation(word) {
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
    use crate::normalize::fold_char;

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

    /// Asserts that `tokenize` equals `tokenize_reference` on `body`:
    /// tokens, sentences and keys.
    fn assert_same(body: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let (got, want) = (tokenize(body), tokenize_reference(body));
        proptest::prop_assert_eq!(&got.tokens, &want.tokens, "{:?}", body);
        proptest::prop_assert_eq!(&got.sentences, &want.sentences, "{:?}", body);
        proptest::prop_assert_eq!(got.keys.len(), want.keys.len());
        for i in 0..got.keys.len() {
            proptest::prop_assert_eq!(got.keys.get(i), want.keys.get(i), "{:?}", body);
        }
        proptest::prop_assert_eq!(
            got.keys.spaced().collect::<Vec<_>>(),
            want.keys.spaced().collect::<Vec<_>>()
        );
        Ok(())
    }

    #[test]
    fn fast_tokenizer_agrees_with_the_reference() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "l’AFP d'Al-Qaïda aujourd’hui 2.000 morts, 6,5 % 3.5 1,000,000",
            "a.b a:b a'b a’b 1.2 1,2 1;2 1'2 a_b _a 1_ __ a1 1a a.1 1.a a..b 1..2",
            "e\u{301}té \u{301}a a \u{301}b x\u{ad}y \u{200d}\u{1f600} 🙂a",
            "22\u{202F}septembre 16\u{a0}000 « mardi » — – … ‘q’ « l’",
            "«\u{202f}mardi\u{202f}» x\u{a0}\u{202f}y 1\u{202f}a _\u{202f} a\u{2010}b c\u{2011}d",
            "\t\ta\t\u{301}\r\n\u{b}\u{c}x\u{85}y\u{2028}z œuvre Œ ǅ ß ﬁ",
            "k:a \"q\" <b>x</b> #h ### T 1er 2e 10h30 G5 A400M 180ml `q` l`a",
            "\u{5d0}'\u{5d1} \u{5d0}\"\u{5d1} 🇫🇷🇲🇱 a🇫🇷 ×÷ a×b 3÷4 °C 20°",
            "M. Goïta a parlé.\nLe gén. Diarra aussi. « Fin. » Non !\n\n",
            "L’AFP QU'il l’aujourd’hui d’l’a Al-l’AFP Al-Qaïda-l’x l’é é’l l1’a jusqu’à lorsqu'Ils",
            "s’est-il qu’«a» l’’a l’.a l'1 l:a’b x’l’y c’est-à-dire l’Al-Qaïda presqu’île",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(crate::fixture_articles());
        for t in &texts {
            assert_same(t).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_tokenizer_agrees_on_any_text(s in "\\PC{0,80}") {
            assert_same(&s)?;
        }

        #[test]
        fn fast_tokenizer_agrees_on_word_like_text(
            s in "[a-zA-Z0-9éÀœ×.,;:'’‘_`\"«»°…“”\\-\u{2010}\u{2011}\u{2013}\u{2014} \t\n\r\u{b}\u{c}\u{a0}\u{202f}\u{301}\u{ad}ʼ]{0,60}"
        ) {
            assert_same(&s)?;
        }

        #[test]
        fn fast_tokenizer_agrees_on_french_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "l’", "d'", "qu’", "jusqu’", "aujourd’hui", "Al", "-", "Qaïda", "M.", "Mme",
                    "Goïta", "a", "dit", ".", ",", "!", "?", "…", "«", "»", "\u{a0}", "\u{202f}",
                    "2.000", "6,5", "%", "(", ")", "\n", " ", "Bamako", "cœur", "État", "–", "J.",
                    "1er", "10h30", "’", "\"", "gén", "Sud-Ouest", "l'",
                ]),
                0..40,
            ),
            spaces in proptest::collection::vec(proptest::sample::select(vec!["", " ", "\n", "  "]), 40),
        ) {
            let mut s = String::new();
            for (w, sp) in words.iter().zip(&spaces) {
                s.push_str(w);
                s.push_str(sp);
            }
            assert_same(&s)?;
        }
    }

    /// What [`RunShape`]s rest on: the chars the fast tokenizer calls
    /// letters or digits fold to letters and digits (so a `Whole` token is
    /// one run), and every other char it knows folds to punctuation (so
    /// no run crosses a known token's boundary).
    #[test]
    fn known_chars_fold_as_run_shapes_assume() {
        use crate::normalize::{fold_class_at, FoldClass};
        for c in (0..0x800).chain(0x2000..0x2040).filter_map(char::from_u32) {
            let s = c.to_string();
            let (class, _) = class_at(s.as_bytes(), 0);
            let fold = fold_class_at(&s, 0).0;
            match class {
                class::LETTER | class::DIGIT => {
                    let mut key = String::new();
                    fold_char(c, |k| key.push(k));
                    assert!(!key.is_empty(), "{c:?}");
                    assert!(key.chars().all(char::is_alphanumeric), "{c:?}");
                }
                class::SLOW | class::END | class::EXTEND_NUM_LET => {}
                _ => assert_eq!(fold, FoldClass::Other, "{c:?}"),
            }
        }
    }

    #[test]
    fn fast_is_alphabetic_agrees_with_the_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_elisions_are_the_list(head in "[a-zA-Z]{0,8}|[lLdDjqQuU]{1,3}|(?i:jusqu|lorsqu|puisqu|quoiqu)") {
            proptest::prop_assert_eq!(
                is_ascii_elision(head.as_bytes()),
                ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(&head))
            );
        }
    }

    proptest::proptest! {
        /// `next_sentence_end` is the first token from `i` on that is
        /// terminal or that a line break follows.
        #[test]
        fn next_sentence_end_is_the_first_candidate(
            flags in proptest::collection::vec(
                proptest::sample::select(vec![0u8, LINE_BREAK, TERMINAL, LINE_BREAK | TERMINAL, FOLD]),
                0..12,
            ),
            at_end: bool,
            i in 0..14usize,
        ) {
            let n = flags.len();
            let candidate = |j: usize| {
                flags[j] & TERMINAL != 0
                    || flags.get(j + 1).map_or(at_end, |&f| f & LINE_BREAK != 0)
            };
            let want = (i..n).find(|&j| candidate(j)).unwrap_or(n.max(i));
            proptest::prop_assert_eq!(next_sentence_end(&flags, at_end, i), want);
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

    proptest::proptest! {
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
