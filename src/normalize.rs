//! THE normalisation key, used for gazetteer aliases and article text alike,
//! so the two can never disagree.
//!
//! The key folds what French wire copy varies without changing meaning:
//! case (Unicode, not ASCII), accents ("Etat" = "État"), ligatures (œ → oe),
//! apostrophes (’ ‘ ʼ → '), dash variants (– — ‑ → -), and any run of
//! white space (including no-break and narrow no-break spaces, newlines)
//! to one ASCII space. Invisible characters (soft hyphen, zero-width space,
//! BOM) vanish.
//!
//! The key never replaces the text: [`Normalized`] keeps, for every byte of
//! the key, the span of the source character it came from, so a match found
//! in the key maps back to exact offsets in the original body.

/// Feeds the folded form of `c` to `emit`, zero or more chars.
///
/// Every other function in this module is built on this one.
#[inline]
pub fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        match c {
            'A'..='Z' => emit(c.to_ascii_lowercase()),
            '`' => emit('\''),
            c if c.is_ascii_whitespace() => emit(' '),
            c => emit(c),
        }
        return;
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}' | '\u{201B}' => emit('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => emit('-'),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        'œ' | 'Œ' => {
            emit('o');
            emit('e')
        }
        'æ' | 'Æ' => {
            emit('a');
            emit('e')
        }
        'ß' => {
            emit('s');
            emit('s')
        }
        '\u{FB01}' => {
            emit('f');
            emit('i')
        }
        '\u{FB02}' => {
            emit('f');
            emit('l')
        }
        // Latin-1 letters, the bulk of French accents: their lowercase is
        // themselves (à–ÿ) or 0x20 above (À–Þ), as `to_lowercase` says.
        '\u{e0}'..='\u{ff}' if c != '\u{f7}' => {
            if let Some(base) = strip_accent(c) {
                emit(base)
            }
        }
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => {
            let lc = char::from_u32(c as u32 + 0x20).unwrap_or(c);
            if let Some(base) = strip_accent(lc) {
                emit(base)
            }
        }
        c if c.is_whitespace() => emit(' '),
        c => {
            for lc in c.to_lowercase() {
                if let Some(base) = strip_accent(lc) {
                    emit(base)
                }
            }
        }
    }
}

/// [`fold_char`] of the two-byte UTF-8 char `lead`, `next` (U+0080 to
/// U+07FF) when it folds to at most two ASCII bytes: their count and the
/// bytes; `None` when it folds to anything else.
///
/// Nearly every non-ASCII char of French copy is one of these (accented
/// letters, œ, no-break spaces, guillemets): a table read instead of a
/// char decode, a `match` and a UTF-8 encode per output char. The table is
/// filled from [`fold_char`] itself on first use, so the two cannot differ.
#[inline]
pub fn fold_two_bytes(lead: u8, next: u8) -> Option<(usize, [u8; 2])> {
    let cp = (usize::from(lead & 0x1f) << 6) | usize::from(next & 0x3f);
    let [n, a, b] = *FOLD_TWO_BYTES.get(cp.wrapping_sub(0x80))?;
    (n != NOT_ASCII).then_some((usize::from(n), [a, b]))
}

/// [`fold_two_bytes`] for the General Punctuation chars U+2000 to U+207F
/// (`E2 80 xx`, `E2 81 xx`: curly quotes and apostrophes, dashes, the
/// ellipsis, narrow no-break spaces), given the second and third bytes.
#[inline]
pub fn fold_punctuation(second: u8, third: u8) -> Option<(usize, [u8; 2])> {
    if second & !1 != 0x80 {
        return None;
    }
    let i = (usize::from(second & 1) << 6) | usize::from(third & 0x3f);
    let [n, a, b] = FOLD_PUNCTUATION[i];
    (n != NOT_ASCII).then_some((usize::from(n), [a, b]))
}

/// See [`fold_punctuation`]: the table of U+2000 to U+207F.
static FOLD_PUNCTUATION: std::sync::LazyLock<Box<[[u8; 3]]>> =
    std::sync::LazyLock::new(|| fold_table(0x2000..0x2080));

/// See [`fold_two_bytes`]: `[count, byte, byte]` per code point from
/// U+0080, `count` [`NOT_ASCII`] when the fold is not one or two ASCII bytes.
static FOLD_TWO_BYTES: std::sync::LazyLock<Box<[[u8; 3]]>> =
    std::sync::LazyLock::new(|| fold_table(0x80..0x800));

/// `[count, byte, byte]`: [`fold_char`] of each code point of `range` when
/// it is at most two ASCII bytes, `count` [`NOT_ASCII`] otherwise.
fn fold_table(range: std::ops::Range<u32>) -> Box<[[u8; 3]]> {
    range
        .map(|cp| {
            let c = char::from_u32(cp).expect("no surrogates in the ranges");
            let mut out = [0u8; 3];
            let mut n = 0;
            fold_char(c, |k| {
                if k.is_ascii() && n < 2 {
                    out[1 + n] = k as u8;
                    n += 1;
                } else {
                    n = 3;
                }
            });
            out[0] = if n > 2 { NOT_ASCII } else { n as u8 };
            out
        })
        .collect()
}

const NOT_ASCII: u8 = 0xff;

/// Appends [`fold_char`] of every char of `s` to `out` (no collapsing, no
/// trimming) as UTF-8, and says whether any char folded to a space.
pub fn fold_str_into(s: &str, out: &mut Vec<u8>) -> bool {
    fold_str_to(s, out)
}

/// [`fold_str_into`] for a `String`: what it appends is whole chars, so a
/// key arena built with it needs no UTF-8 validation afterwards.
pub fn fold_str_into_string(s: &str, out: &mut String) -> bool {
    fold_str_to(s, out)
}

/// Where [`fold_str_to`] writes: a byte buffer or a `String`.
trait FoldSink {
    fn push_ascii(&mut self, b: u8);
    fn push_str(&mut self, s: &str);
}

impl FoldSink for Vec<u8> {
    #[inline]
    fn push_ascii(&mut self, b: u8) {
        self.push(b)
    }
    #[inline]
    fn push_str(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes())
    }
}

impl FoldSink for String {
    #[inline]
    fn push_ascii(&mut self, b: u8) {
        debug_assert!(b.is_ascii());
        self.push(char::from(b))
    }
    #[inline]
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s)
    }
}

/// [`fold_str_into`] into either sink.
#[inline]
fn fold_str_to(s: &str, out: &mut impl FoldSink) -> bool {
    let b = s.as_bytes();
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii() {
            let k = fold_ascii(x);
            space |= k == b' ';
            out.push_ascii(k);
            i += 1;
            continue;
        }
        let short = match x {
            0xc2..=0xdf => fold_two_bytes(x, b[i + 1]).map(|f| (2, f)),
            0xe2 => fold_punctuation(b[i + 1], b[i + 2]).map(|f| (3, f)),
            _ => None,
        };
        if let Some((len, (n, k))) = short {
            space |= n > 0 && (k[0] == b' ' || (n > 1 && k[1] == b' '));
            for &k in &k[..n] {
                out.push_ascii(k);
            }
            i += len;
            continue;
        }
        if (0xc2..=0xdf).contains(&x) && folds_to_itself(x, b[i + 1]) {
            // Guillemets, the degree sign: no decoding, no `fold_char`.
            out.push_str(&s[i..i + 2]);
            i += 2;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        fold_char(c, |k| {
            space |= k == ' ';
            out.push_str(k.encode_utf8(&mut [0; 4]))
        });
        i += c.len_utf8();
    }
    space
}

/// Whether the two-byte char `lead`, `next` is its own [`fold_char`] (and
/// so no space): « » ° and the like.
#[inline]
fn folds_to_itself(lead: u8, next: u8) -> bool {
    let cp = (u32::from(lead & 0x1f) << 6) | u32::from(next & 0x3f);
    FOLDS_TO_ITSELF.get((cp as usize).wrapping_sub(0x80)) == Some(&true)
}

/// See [`folds_to_itself`]: per code point from U+0080 to U+07FF.
static FOLDS_TO_ITSELF: std::sync::LazyLock<Box<[bool]>> = std::sync::LazyLock::new(|| {
    (0x80..0x800)
        .map(|cp| {
            let c = char::from_u32(cp).expect("no surrogates below U+0800");
            let mut folded = String::new();
            fold_char(c, |k| folded.push(k));
            folded.chars().eq([c])
        })
        .collect()
});

/// What [`fold_char`] makes of a char, as far as word runs go: a letter or
/// digit ([`char::is_alphanumeric`]) or several, nothing at all (soft
/// hyphen, combining accent), or anything else. No char folds to a mix of
/// the two kinds (a test checks every char), so a run of letters and
/// digits of a key always begins and ends on whole source chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldClass {
    Alnum,
    Nothing,
    Other,
}

/// The [`FoldClass`] of the char at byte `i` of `s` (a char boundary), and
/// the char's length: [`fold_char_at`] when only the class matters, from a
/// table for every char of two bytes (guillemets, the degree sign and
/// Greek letters fold to no ASCII, yet need no decoding).
#[inline]
pub fn fold_class_at(s: &str, i: usize) -> (FoldClass, usize) {
    let b = s.as_bytes();
    match b[i] {
        x if x.is_ascii() => (ascii_class(x.is_ascii_alphanumeric()), 1),
        x @ 0xc2..=0xdf => {
            let cp = (usize::from(x & 0x1f) << 6) | usize::from(b[i + 1] & 0x3f);
            (CLASS_TWO_BYTES[cp - 0x80], 2)
        }
        0xe2 if fold_punctuation(b[i + 1], b[i + 2]).is_some() => {
            let (n, k) = fold_punctuation(b[i + 1], b[i + 2]).expect("just checked");
            (short_class(n, k), 3)
        }
        _ => {
            let c = s[i..].chars().next().expect("i is on a char boundary");
            (char_class(c), c.len_utf8())
        }
    }
}

/// The [`FoldClass`] of a char folding to the `n` ASCII bytes `k`.
#[inline]
fn short_class(n: usize, k: [u8; 2]) -> FoldClass {
    match n {
        0 => FoldClass::Nothing,
        _ => ascii_class(k[0].is_ascii_alphanumeric()),
    }
}

/// The [`FoldClass`] of `c`, from [`fold_char`].
fn char_class(c: char) -> FoldClass {
    let mut class = FoldClass::Nothing;
    fold_char(c, |k| class = ascii_class(k.is_alphanumeric()));
    class
}

/// See [`fold_class_at`]: the class of each code point from U+0080 to
/// U+07FF.
static CLASS_TWO_BYTES: std::sync::LazyLock<Box<[FoldClass]>> = std::sync::LazyLock::new(|| {
    (0x80..0x800)
        .map(|cp| char_class(char::from_u32(cp).expect("no surrogates below U+0800")))
        .collect()
});

/// Appends [`fold_char`] of the char at byte `i` of `s` (a char boundary)
/// to `out`, as UTF-8, and returns its [`FoldClass`] and the char's
/// length. From the tables for ASCII and for the chars of French copy,
/// without decoding them.
#[inline]
pub fn fold_char_at(s: &str, i: usize, out: &mut Vec<u8>) -> (FoldClass, usize) {
    let b = s.as_bytes();
    let x = b[i];
    if x.is_ascii() {
        out.push(fold_ascii(x));
        return (ascii_class(x.is_ascii_alphanumeric()), 1);
    }
    let short = match x {
        0xc2..=0xdf => fold_two_bytes(x, b[i + 1]).map(|f| (2, f)),
        0xe2 => fold_punctuation(b[i + 1], b[i + 2]).map(|f| (3, f)),
        _ => None,
    };
    if let Some((len, (n, k))) = short {
        out.extend_from_slice(&k[..n]);
        return (short_class(n, k), len);
    }
    let c = s[i..].chars().next().expect("i is on a char boundary");
    let mut class = FoldClass::Nothing;
    fold_char(c, |k| {
        class = ascii_class(k.is_alphanumeric());
        out.extend_from_slice(k.encode_utf8(&mut [0; 4]).as_bytes());
    });
    (class, c.len_utf8())
}

#[inline]
fn ascii_class(alnum: bool) -> FoldClass {
    if alnum {
        FoldClass::Alnum
    } else {
        FoldClass::Other
    }
}

/// Appends the key of `s` to `out` as [`Normalized::new`] writes it after
/// a char that folds to a space (`last_space`) or not: [`fold_collapsing`]
/// of every char, as UTF-8. For short stretches of a text, such as what
/// lies between two words.
pub fn fold_collapsing_into(s: &str, mut last_space: bool, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    if let [x] = *b {
        // Most often one space or a hyphen between two words.
        if !(last_space && fold_ascii_is_space(x)) {
            out.push(fold_ascii(x));
        }
        return;
    }
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii() {
            let k = fold_ascii(x);
            let space = k == b' ';
            if !(space && last_space) {
                out.push(k);
            }
            last_space = space;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        fold_collapsing(c, &mut last_space, |k| {
            out.extend_from_slice(k.encode_utf8(&mut [0; 4]).as_bytes())
        });
        i += c.len_utf8();
    }
}

/// [`fold_char`] of an ASCII char as a byte: ASCII folds to exactly one
/// ASCII char. A table, so hot loops over ASCII text need no branches.
#[inline]
pub fn fold_ascii(b: u8) -> u8 {
    FOLD_ASCII[usize::from(b & 0x7f)]
}

static FOLD_ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        // As `fold_char`: `is_ascii_whitespace` leaves out \x0b.
        t[i] = match b {
            b'A'..=b'Z' => b + 32,
            b'`' => b'\'',
            b' ' | b'\t' | b'\n' | b'\x0c' | b'\r' => b' ',
            _ => b,
        };
        i += 1;
    }
    t
};

pub(crate) const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` (ASCII bytes only) that equals `c`.
#[inline]
pub(crate) fn bytes_eq(w: u64, c: u8) -> u64 {
    // A byte of `x ^ c` below 0x80 plus 0x7f carries into its high bit
    // unless it is zero, and never into the next byte.
    !((w ^ (u64::from(c) * 0x0101_0101_0101_0101)) + LO7) & HI
}

/// The high bit of each byte of `w` (ASCII bytes only) in `lo..=hi`.
#[inline]
pub(crate) fn bytes_in(w: u64, lo: u8, hi: u8) -> u64 {
    let ge = (w + u64::from(0x80 - lo) * 0x0101_0101_0101_0101) & HI;
    let gt = (w + u64::from(0x7f - hi) * 0x0101_0101_0101_0101) & HI;
    ge & !gt
}

/// [`fold_ascii`] of the leading bytes of eight (little-endian in `w`)
/// that are ASCII, not a backquote, and no space collapsed after a space
/// (`last_space` tells whether the byte before the eight folds to one):
/// the folded eight bytes (only the first `n` are meaningful), `n`, and
/// whether the `n`th folds to a space.
#[inline]
fn fold_ascii_prefix(w: u64, last_space: bool) -> (u64, usize, bool) {
    // Bytes from 0x80 up end the prefix: on seven bits, the tests below
    // cannot carry from one byte into the next.
    let w7 = w & LO7;
    // Bytes folding to a space: ' ', \t, \n, \x0c, \r (not \x0b).
    // Control chars are rare: most words need only the test for ' '.
    let mut space = bytes_eq(w7, b' ');
    if bytes_in(w7, 0, 0x1f) != 0 {
        space |= bytes_eq(w7, b'\t') | bytes_eq(w7, b'\n') | bytes_in(w7, 0x0c, 0x0d);
    }
    let collapsed = space & ((space << 8) | u64::from(last_space) << 7);
    let bad = (w & HI) | bytes_eq(w7, b'`') | collapsed;
    let n = (bad.trailing_zeros() / 8) as usize;
    let upper = bytes_in(w7, b'A', b'Z');
    // Capitals gain 0x20; white space becomes 0x20.
    let space_bytes = (space >> 7) * 0xff;
    let folded = ((w | (upper >> 2)) & !space_bytes) | (space_bytes & 0x2020_2020_2020_2020);
    let ends_space = n > 0 && space >> (8 * n - 1) & 1 != 0;
    (folded, n, ends_space)
}

/// Whether an ASCII byte folds to a space.
#[inline]
fn fold_ascii_is_space(b: u8) -> bool {
    b.is_ascii() && fold_ascii(b) == b' '
}

/// [`fold_char`] for one char of a text, folding white-space runs to one
/// space: a space right after a space (or at the start, when `last_space`
/// starts true) is not emitted. Every key builder goes through here, so
/// they all collapse white space alike.
#[inline]
pub fn fold_collapsing(c: char, last_space: &mut bool, mut emit: impl FnMut(char)) {
    fold_char(c, |k| {
        let space = k == ' ';
        if !(space && *last_space) {
            emit(k);
        }
        *last_space = space;
    });
}

/// The base letter of a lowercase accented Latin letter; `None` for a
/// combining mark (decomposed input), the char itself otherwise.
#[inline]
fn strip_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{0300}'..='\u{036F}' => return None,
        c => c,
    })
}

/// The normalised key of a short string (an alias, a word), trimmed.
///
/// Equal to the key [`Normalized::new`] builds for the same text, minus
/// leading and trailing space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        fold_collapsing(c, &mut last_space, |k| out.push(k));
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether the folded forms of `s` have an uppercase source letter, per key
/// char. Used to check that a text span honours the capitals of an alias.
pub fn case_profile(s: &str) -> Vec<bool> {
    let mut out = Vec::with_capacity(s.len());
    case_profile_into(s, &mut out);
    out
}

/// [`case_profile`] into `out` (cleared first), so a caller can reuse one
/// buffer.
pub fn case_profile_into(s: &str, out: &mut Vec<bool>) {
    out.clear();
    let b = s.as_bytes();
    let mut last_space = true;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii() {
            // `fold_collapsing` of an ASCII char, which folds to one.
            let space = fold_ascii(x) == b' ';
            if !(space && last_space) {
                out.push(!space && x.is_ascii_uppercase());
            }
            last_space = space;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a char boundary");
        let upper = c.is_uppercase();
        fold_collapsing(c, &mut last_space, |k| out.push(k != ' ' && upper));
        i += c.len_utf8();
    }
    if last_space && !out.is_empty() && s.chars().last().is_some_and(char::is_whitespace) {
        out.pop();
    }
}

/// A text's key plus the way back from key bytes to source bytes.
#[derive(Debug, Clone)]
pub struct Normalized {
    key: String,
    /// The way back, in key order: segment `i` covers the key bytes from
    /// `segs[i].key` to the next segment's (or the key's end). Most of a
    /// French text is ASCII folded byte for byte, so one segment covers a
    /// stretch of it up to the next accented letter or collapsed space:
    /// a few bytes per source char less to write than a span per key byte.
    segs: Vec<Seg>,
}

/// See [`Normalized::segs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    key: u32,
    src: u32,
    /// 0: key byte `key + j` comes from the ASCII source byte `src + j`.
    /// Otherwise every key byte of the segment comes from the one source
    /// char `src..src + len`.
    len: u32,
}

/// See [`Normalized::cursor`].
pub struct SourceCursor<'a> {
    norm: &'a Normalized,
    /// The segment of the last lookup.
    at: usize,
}

impl SourceCursor<'_> {
    /// [`Normalized::source_span`] of the key span `[start, end)`, with
    /// `start` not before the last lookup's: the end's segment is found by
    /// stepping forward from the start's (a span holds a few segments),
    /// not by a search of them all.
    #[inline]
    pub fn source_span(&mut self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.norm.key.len());
        let s = self.source_start(start);
        let segs = &self.norm.segs;
        let k = end - 1;
        let mut at = self.at;
        if segs.get(at).is_none_or(|g| g.key as usize > k) {
            return (s, self.norm.source_end(k));
        }
        while segs.get(at + 1).is_some_and(|g| g.key as usize <= k) {
            at += 1;
        }
        let g = segs[at];
        let e = if g.len == 0 {
            (g.src + (k as u32 - g.key) + 1) as usize
        } else {
            (g.src + g.len) as usize
        };
        (s, e)
    }

    /// [`Normalized::source_start`] of key byte `k`.
    #[inline]
    pub fn source_start(&mut self, k: usize) -> usize {
        let segs = &self.norm.segs;
        if segs.get(self.at).is_none_or(|g| g.key as usize > k) {
            // Backwards (or nothing yet): search.
            return self.norm.source_start(k);
        }
        while segs.get(self.at + 1).is_some_and(|g| g.key as usize <= k) {
            self.at += 1;
        }
        let g = segs[self.at];
        if g.len == 0 {
            (g.src + (k as u32 - g.key)) as usize
        } else {
            g.src as usize
        }
    }
}

impl Normalized {
    /// Builds the key of `text`; white-space runs fold to one space.
    ///
    /// Offsets are stored as `u32`: callers reject articles over 4 GiB long
    /// before they get here (the CLI's limit is far lower).
    pub fn new(text: &str) -> Normalized {
        let bytes = text.as_bytes();
        let mut key: Vec<u8> = Vec::with_capacity(text.len() + 16);
        let mut segs: Vec<Seg> = Vec::with_capacity(text.len() / 16 + 4);
        let mut last_space = false;
        let mut i = 0;
        while i < bytes.len() {
            if last_space && fold_ascii_is_space(bytes[i]) {
                // Collapsed white space.
                i += 1;
                continue;
            }
            if bytes[i].is_ascii() {
                // The common case: one ASCII byte folds to one, in place,
                // under one identity segment until a space is collapsed
                // or a non-ASCII char comes.
                segs.push(Seg {
                    key: key.len() as u32,
                    src: i as u32,
                    len: 0,
                });
                while i < bytes.len() {
                    // Eight bytes at a time while they are ASCII with no
                    // space to collapse among them.
                    if let Some(w) = bytes.get(i..i + 8) {
                        let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
                        let (folded, n, ends_space) = fold_ascii_prefix(w, last_space);
                        if n > 0 {
                            // Eight bytes written (a fixed-size copy), `n` kept.
                            let at = key.len();
                            key.extend_from_slice(&folded.to_le_bytes());
                            key.truncate(at + n);
                            last_space = ends_space;
                            i += n;
                            continue;
                        }
                    }
                    let b = bytes[i];
                    if !b.is_ascii() {
                        break;
                    }
                    let k = fold_ascii(b);
                    let space = k == b' ';
                    if space && last_space {
                        break;
                    }
                    key.push(k);
                    last_space = space;
                    i += 1;
                }
                continue;
            }
            let short = match bytes[i] {
                0xc2..=0xdf => fold_two_bytes(bytes[i], bytes[i + 1]).map(|f| (2, f)),
                0xe2 => fold_punctuation(bytes[i + 1], bytes[i + 2]).map(|f| (3, f)),
                _ => None,
            };
            if let Some((len, (n, k))) = short {
                // `fold_collapsing` of the char, from the table.
                let at = key.len();
                for &k in &k[..n] {
                    let space = k == b' ';
                    if !(space && last_space) {
                        key.push(k);
                    }
                    last_space = space;
                }
                if key.len() > at {
                    segs.push(Seg {
                        key: at as u32,
                        src: i as u32,
                        len,
                    });
                }
                i += len as usize;
                continue;
            }
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let at = key.len();
            fold_collapsing(c, &mut last_space, |k| {
                key.extend_from_slice(k.encode_utf8(&mut [0; 4]).as_bytes())
            });
            if key.len() > at {
                segs.push(Seg {
                    key: at as u32,
                    src: i as u32,
                    len: c.len_utf8() as u32,
                });
            }
            i += c.len_utf8();
        }
        Normalized {
            key: String::from_utf8(key).expect("the key is built of whole chars"),
            segs,
        }
    }

    /// The segment holding key byte `k` (which exists).
    #[inline]
    fn seg_of(&self, k: usize) -> Seg {
        let i = self.segs.partition_point(|g| g.key as usize <= k);
        self.segs[i - 1]
    }

    /// A reader of source starts for key bytes taken in increasing order
    /// (as a scan of the key does): each lookup steps forward over the
    /// segments from the previous one instead of searching them all.
    pub fn cursor(&self) -> SourceCursor<'_> {
        SourceCursor { norm: self, at: 0 }
    }

    /// The start byte of the source char key byte `k` comes from.
    #[inline]
    pub fn source_start(&self, k: usize) -> usize {
        let g = self.seg_of(k);
        if g.len == 0 {
            (g.src + (k as u32 - g.key)) as usize
        } else {
            g.src as usize
        }
    }

    /// The end byte of the source char key byte `k` comes from.
    #[inline]
    pub fn source_end(&self, k: usize) -> usize {
        let g = self.seg_of(k);
        if g.len == 0 {
            (g.src + (k as u32 - g.key) + 1) as usize
        } else {
            (g.src + g.len) as usize
        }
    }

    /// The folded text.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The source byte span of the key byte span `[start, end)` (non-empty).
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.key.len());
        (self.source_start(start), self.source_end(end - 1))
    }

    /// The key byte offset of the first key byte produced at or after source
    /// byte `src` (the key length when there is none).
    pub fn key_offset(&self, src: usize) -> usize {
        // The last segment starting before `src` may reach it.
        let i = self.segs.partition_point(|g| (g.src as usize) < src);
        if i > 0 {
            let g = self.segs[i - 1];
            let end = self.segs.get(i).map_or(self.key.len(), |n| n.key as usize);
            if g.len == 0 {
                let k = g.key as usize + (src - g.src as usize);
                if k < end {
                    return k;
                }
            }
        }
        self.segs.get(i).map_or(self.key.len(), |g| g.key as usize)
    }

    /// Whether a key span `[start, end)` sits on word boundaries: the chars
    /// just outside it are not alphanumeric. This is what keeps "Mali" from
    /// matching inside "Malien".
    pub fn on_word_boundaries(&self, start: usize, end: usize) -> bool {
        let before = self.key[..start].chars().next_back();
        let after = self.key[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_what_french_copy_varies() {
        let cases = [
            ("État islamique", "etat islamique"),
            ("Etat  islamique", "etat islamique"),
            ("l’AES", "l'aes"),
            ("Al‑Qaïda", "al-qaida"),
            ("cœur", "coeur"),
            ("16\u{202F}000", "16 000"),
            ("Ségou\u{00A0}:", "segou :"),
            ("  Burkina\n\tFaso ", "burkina faso"),
            ("Goi\u{0308}ta", "goita"),
            ("ÉCOLE", "ecole"),
        ];
        for (input, key) in cases {
            assert_eq!(normalize(input), key, "{input:?}");
        }
    }

    #[test]
    fn key_maps_back_to_source_offsets() {
        let text = "Le cœur de l’État";
        let n = Normalized::new(text);
        let ks = n.key().find("etat").unwrap();
        let (s, e) = n.source_span(ks, ks + 4);
        assert_eq!(&text[s..e], "État");
        let ks = n.key().find("coeur").unwrap();
        let (s, e) = n.source_span(ks, ks + 5);
        assert_eq!(&text[s..e], "cœur");
    }

    #[test]
    fn text_key_agrees_with_alias_key() {
        for s in ["Côte d’Ivoire", "N'Djamena", "Burkina  Faso", "Tillabéri"] {
            assert_eq!(Normalized::new(s).key().trim(), normalize(s));
            assert_eq!(case_profile(s).len(), normalize(s).chars().count(), "{s}");
        }
    }

    /// `fold_char` without its Latin-1 fast path: what it must equal.
    fn fold_char_reference(c: char, mut emit: impl FnMut(char)) {
        match c {
            c if c.is_ascii()
                || matches!(c, 'œ' | 'Œ' | 'æ' | 'Æ' | 'ß' | '\u{FB01}' | '\u{FB02}')
                || c.is_whitespace() =>
            {
                fold_char(c, emit)
            }
            '\u{2010}'..='\u{2019}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
            | '\u{02BC}'
            | '\u{00B4}'
            | '\u{2032}'
            | '\u{201B}'
            | '\u{00AD}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}' => fold_char(c, emit),
            c => {
                for lc in c.to_lowercase() {
                    if let Some(base) = strip_accent(lc) {
                        emit(base)
                    }
                }
            }
        }
    }

    #[test]
    fn latin1_fast_path_folds_as_to_lowercase() {
        for c in ('\u{80}'..='\u{24f}').chain(['\u{130}', '\u{212a}']) {
            let (mut a, mut b) = (String::new(), String::new());
            fold_char(c, |k| a.push(k));
            fold_char_reference(c, |k| b.push(k));
            assert_eq!(a, b, "{c:?}");
        }
    }

    proptest::proptest! {
        /// The eight-byte fold folds as the table, byte by byte, whenever
        /// it takes the word.
        #[test]
        fn word_fold_is_the_byte_fold(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    proptest::sample::select(b" \t\n\r\x0b\x0c`AZaz@[{".to_vec()),
                ],
                8,
            ),
            last_space: bool,
        ) {
            let w = u64::from_le_bytes(bytes.clone().try_into().unwrap());
            // The reference: byte by byte, up to the first byte the word
            // fold must leave to the slow path.
            let mut n = 0;
            let mut last = last_space;
            let mut want = Vec::new();
            for &b in &bytes {
                let space = b.is_ascii() && fold_ascii(b) == b' ';
                if !b.is_ascii() || b == b'`' || (space && last) {
                    break;
                }
                want.push(fold_ascii(b));
                last = space;
                n += 1;
            }
            let (folded, got_n, ends) = fold_ascii_prefix(w, last_space);
            proptest::prop_assert_eq!(got_n, n);
            proptest::prop_assert_eq!(folded.to_le_bytes()[..n].to_vec(), want);
            proptest::prop_assert_eq!(ends, n > 0 && last);
        }
    }

    #[test]
    fn fold_tables_fold_as_fold_char() {
        for c in ('\u{80}'..='\u{7ff}').chain('\u{1fc0}'..='\u{20ff}') {
            let mut want = String::new();
            fold_char(c, |k| want.push(k));
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let got = match *b {
                [x, y] => fold_two_bytes(x, y),
                [0xe2, y, z] => fold_punctuation(y, z),
                _ => None,
            };
            match got {
                Some((n, k)) => assert_eq!(&k[..n], want.as_bytes(), "{c:?}"),
                None => {
                    let covered = b.len() == 2 || (0x2000..0x2080).contains(&(c as u32));
                    assert!(!covered || want.len() > 2 || !want.is_ascii(), "{c:?}")
                }
            }
            let mut got = Vec::new();
            let space = fold_str_into(&c.to_string(), &mut got);
            assert_eq!(
                (got, space),
                (want.clone().into_bytes(), want.contains(' ')),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_str_folds_every_char(s in "\\PC{0,40}") {
            let mut want = String::new();
            for c in s.chars() {
                fold_char(c, |k| want.push(k));
            }
            let mut got = b"x".to_vec();
            let space = fold_str_into(&s, &mut got);
            proptest::prop_assert_eq!(&got[1..], want.as_bytes());
            proptest::prop_assert_eq!(space, want.contains(' '));
            let mut got = String::from("x");
            let space = fold_str_into_string(&s, &mut got);
            proptest::prop_assert_eq!(&got[1..], want.as_str());
            proptest::prop_assert_eq!(space, want.contains(' '));
        }
    }

    /// `case_profile_into` char by char, without its ASCII fast path.
    fn case_profile_reference(s: &str) -> Vec<bool> {
        let mut out = Vec::new();
        let mut last_space = true;
        for c in s.chars() {
            let upper = c.is_uppercase();
            fold_collapsing(c, &mut last_space, |k| out.push(k != ' ' && upper));
        }
        if last_space && !out.is_empty() && s.chars().last().is_some_and(char::is_whitespace) {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn case_profile_agrees_with_the_reference(
            s in "[a-zA-Z `'.\t\n\x0bÉéŒœ’\u{a0}\u{202f}\u{ad}\u{301}-]{0,30}|\\PC{0,30}"
        ) {
            proptest::prop_assert_eq!(case_profile(&s), case_profile_reference(&s));
        }
    }

    /// What the matcher's word runs rely on: no char folds to a mix of
    /// letters or digits and other chars; and `fold_char_at` and
    /// `fold_class_at` fold and class every char as `fold_char` does.
    #[test]
    fn every_char_folds_to_one_class() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut folded = String::new();
            fold_char(c, |k| folded.push(k));
            let want = match folded.chars().next() {
                None => FoldClass::Nothing,
                Some(k) => ascii_class(k.is_alphanumeric()),
            };
            assert!(
                folded
                    .chars()
                    .all(|k| ascii_class(k.is_alphanumeric()) == want),
                "{c:?}"
            );
            let s = c.to_string();
            let mut out = Vec::new();
            assert_eq!(fold_char_at(&s, 0, &mut out), (want, s.len()), "{c:?}");
            assert_eq!(out, folded.as_bytes(), "{c:?}");
            assert_eq!(fold_class_at(&s, 0), (want, s.len()), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn gap_fold_is_the_collapsing_fold(
            s in "[a \t\n`’\u{a0}\u{202f}\u{ad}«-]{0,12}|\\PC{0,12}",
            last_space: bool,
        ) {
            let mut want = String::new();
            let mut last = last_space;
            for c in s.chars() {
                fold_collapsing(c, &mut last, |k| want.push(k));
            }
            let mut got = Vec::new();
            fold_collapsing_into(&s, last_space, &mut got);
            proptest::prop_assert_eq!(got, want.into_bytes());
        }
    }

    #[test]
    fn ascii_table_folds_as_fold_char() {
        for b in 0u8..128 {
            let mut out = String::new();
            fold_char(char::from(b), |k| out.push(k));
            assert_eq!(out, char::from(fold_ascii(b)).to_string(), "{b:#x}");
        }
    }

    /// `Normalized::new` char by char, without its ASCII fast path.
    fn normalized_reference(text: &str) -> (String, Vec<u32>, Vec<u32>) {
        let (mut key, mut src_start, mut src_end) = (String::new(), Vec::new(), Vec::new());
        let mut last_space = false;
        for (i, c) in text.char_indices() {
            let (s, e) = (i as u32, (i + c.len_utf8()) as u32);
            fold_collapsing(c, &mut last_space, |k| {
                key.push(k);
                for _ in 0..k.len_utf8() {
                    src_start.push(s);
                    src_end.push(e);
                }
            });
        }
        (key, src_start, src_end)
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_builds_the_reference_key(
            s in "[a-zA-Z `'.\t\n\x0bÉéœ’\u{a0}\u{202f}\u{ad}\u{301}\u{200b}-]{0,40}|\\PC{0,40}"
        ) {
            let n = Normalized::new(&s);
            let (key, src_start, src_end) = normalized_reference(&s);
            proptest::prop_assert_eq!(&n.key, &key);
            for k in 0..key.len() {
                proptest::prop_assert_eq!(
                    n.source_span(k, k + 1),
                    (src_start[k] as usize, src_end[k] as usize),
                    "key byte {}", k
                );
            }
            let mut cursor = n.cursor();
            for k in (0..key.len()).step_by(3).chain(0..key.len()) {
                proptest::prop_assert_eq!(cursor.source_start(k), src_start[k] as usize);
            }
            let mut cursor = n.cursor();
            for k in (0..key.len()).step_by(2).chain(0..key.len()) {
                for e in k + 1..=key.len().min(k + 12) {
                    proptest::prop_assert_eq!(cursor.source_span(k, e), n.source_span(k, e));
                }
            }
            for src in 0..=s.len() + 1 {
                proptest::prop_assert_eq!(
                    n.key_offset(src),
                    src_start.partition_point(|&x| (x as usize) < src),
                    "source byte {}", src
                );
            }
        }
    }

    #[test]
    fn word_boundaries() {
        let n = Normalized::new("Les Maliens du Mali.");
        let key = n.key();
        let inside = key.find("mali").unwrap();
        assert!(!n.on_word_boundaries(inside, inside + 4));
        let whole = key.rfind("mali").unwrap();
        assert!(n.on_word_boundaries(whole, whole + 4));
    }
}
