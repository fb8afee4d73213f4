//! French numbers: digits with French separators, numbers in words,
//! approximate nouns ("une quinzaine"), ordinals. One layer, used by dates
//! and casualty figures alike.
//!
//! Input: any `&str`. Output: [`NumberMatch`]es with byte offsets on char
//! boundaries of the input, sorted, non-overlapping. Nothing here panics or
//! overflows: values are `f64` and saturate at `f64::MAX`.
//!
//! What counts as one number:
//! - digits, with `.`, space, U+00A0 or U+202F between thousands (only a
//!   first group of 1–3 digits followed by groups of exactly 3, so "en 2015
//!   12 personnes" stays two numbers), a decimal comma ("6,7"), an English
//!   decimal point when the digits after it are not a group of three ("3.5"),
//!   a glued `k`/`M`/`G` multiplier ("100k"), and a scale word ("1,8 million");
//! - words, 1990 spelling or not ("vingt-et-un", "deux cents"), with the
//!   Belgian and Swiss tens (septante, huitante, octante, nonante), and a
//!   repeated figure in brackets ("onze (11)") folded into the same match;
//! - ordinals ("1er", "2e", "35ème", "quatrième", "vingt et unième");
//! - approximate nouns ("une dizaine", "deux centaines", "des milliers"):
//!   a vague determiner counts as a small multiplier — "des" and
//!   "plusieurs" 2 (the casualty guidelines' "plusieurs dizaines" is 20),
//!   "quelques" 3 — so "des dizaines" is 20 and "quelques centaines" 300.
//!
//! [`find_numbers`] is for running text and skips what is usually not a
//! number there: the article "un"/"une" alone, "neuf" meaning *new*, number
//! words capitalised inside a sentence (names: "les Mille Collines"), words
//! glued by a hyphen to a non-number ("Trois-Rivières"), digits glued to
//! letters ("G5", "180ml", "10h30"), "sept." before a day number.
//! [`parse_number`] reads one whole expression and accepts all of those,
//! plus a sign ("-1200", "moins 5") and "trente 3".

use crate::normalize::{fold_char, fold_collapsing};

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
        (self.value >= 0.0 && self.value.fract() == 0.0 && self.value < 1e18)
            .then_some(self.value as u64)
    }
}

/// Every number expression in `text`, left to right, non-overlapping.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    numbers_in(text, &atomize_sparse(text))
}

/// The number expressions of `text` inside `spans` (byte ranges on char
/// boundaries, sorted, not overlapping): [`find_numbers`] of each span,
/// with offsets into `text`.
///
/// For callers that need numbers only in a few places: casualty figures
/// read numbers only in the sentences holding a casualty word, a few in a
/// hundred, and the number layer is a fifth of the pipeline's time when run
/// over a whole body. A number never spans two sentences, so the numbers of
/// a sentence read alone are those of the body in it (`within_is_whole`,
/// tests, checks that on the fixtures).
pub fn find_numbers_within(text: &str, spans: &[std::ops::Range<usize>]) -> Vec<NumberMatch> {
    let mut out = Vec::new();
    for r in spans {
        let Some(part) = text.get(r.clone()) else {
            continue;
        };
        out.extend(find_numbers(part).into_iter().map(|m| NumberMatch {
            start: m.start + r.start,
            end: m.end + r.start,
            ..m
        }));
    }
    out
}

/// [`find_numbers`] reading every atom of the text: the reference the
/// sparse atoms of [`atomize_sparse`] are tested against.
#[cfg(test)]
fn find_numbers_reference(text: &str) -> Vec<NumberMatch> {
    numbers_in(text, &atomize(text))
}

/// The numbers of running text read from `atoms` (all of the text's, or
/// the windows [`atomize_sparse`] keeps).
fn numbers_in(text: &str, atoms: &Atoms) -> Vec<NumberMatch> {
    // About one number per twenty atoms of news text: room for them saves
    // growing the list several times.
    let mut out = Vec::with_capacity(atoms.len() / 16 + 4);
    let mut i = 0;
    while i < atoms.len() {
        if atoms[i].kind == AtomKind::Punct {
            if let Some((m, next)) = negative_at(text, atoms, i) {
                out.push(m);
                i = next;
                continue;
            }
            if &text[atoms[i].start..atoms[i].end] != "," {
                i += 1;
                continue;
            }
        }
        // A word starts a number only as a number word or a vague
        // determiner ("des dizaines"): skip the others without reading.
        if atoms[i].kind == AtomKind::Word
            && atoms[i].cw.is_none()
            && !matches!(
                atoms.key(&atoms[i]),
                "un" | "une" | "des" | "plusieurs" | "quelques"
            )
        {
            i += 1;
            continue;
        }
        match read_number(text, atoms, i, false) {
            Some(r) if keep_in_text(text, atoms, i, &r) => {
                out.push(NumberMatch {
                    start: atoms[i].start,
                    end: r.end,
                    value: r.value,
                    kind: r.kind,
                });
                i = r.next.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// A cheap test of whether a word can begin a number expression: it starts
/// with a digit or with a cardinal word ("deux", "vingt-et-un"). Stages that
/// probe many tokens call this before the full [`parse_number`].
pub fn starts_like_number(word: &str) -> bool {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let first = word
        .split(|c: char| is_hyphen(c) || c.is_whitespace())
        .next()
        .unwrap_or("");
    if first.is_ascii() {
        // ASCII folds to its lowercase (and '`' to '\'', in no number word).
        let b = first.as_bytes();
        if b.len() > 12 {
            return false;
        }
        let mut buf = [0u8; 12];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        return std::str::from_utf8(&buf[..b.len()]).is_ok_and(|k| card_word(k).is_some());
    }
    // The key of `first` as `normalize` makes it, built on the stack: every
    // cardinal word is short ASCII, so a longer or non-ASCII key is none.
    let mut buf = [0u8; 12];
    let mut n = 0usize;
    let mut fits = true;
    let mut last_space = true;
    for c in first.chars() {
        fold_collapsing(c, &mut last_space, |k| {
            if !k.is_ascii() || n == buf.len() {
                fits = false;
            } else {
                buf[n] = k as u8;
                n += 1;
            }
        });
        if !fits {
            return false;
        }
    }
    if n > 0 && buf[n - 1] == b' ' {
        n -= 1;
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|k| card_word(k).is_some())
}

/// Parses `s` as a whole number expression (nothing else around it).
pub fn parse_number(s: &str) -> Option<NumberMatch> {
    let atoms = atomize(s);
    let first = atoms.first()?;
    let (i, negative) = match &s[first.start..first.end] {
        "-" | "\u{2212}" => (1, true),
        _ if atoms.key(first) == "moins" => (1, true),
        _ => (0, false),
    };
    if negative && atoms.len() < 2 {
        return None;
    }
    let r = read_number(s, &atoms, i, true)?;
    if r.end != s.len()
        || (i == 0 && first.start != 0)
        || (negative && r.kind != NumberKind::Cardinal)
    {
        return None;
    }
    let value = if negative { -r.value } else { r.value };
    Some(NumberMatch {
        start: 0,
        end: s.len(),
        value,
        kind: r.kind,
    })
}

// ---------------------------------------------------------------------------
// Atoms: words (split at inner hyphens, folded), digit runs, single punctuation.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Word,
    Digits,
    Punct,
}

#[derive(Debug, Clone)]
struct Atom {
    start: usize,
    end: usize,
    kind: AtomKind,
    /// Words: case- and accent-folded text, with an ordinal ending removed
    /// ("quatrième" → "quatre", `ord`). Others: empty. Read it with
    /// [`Atoms::key`].
    key: Key,
    /// `card_word(key)`, looked up once.
    cw: Option<Cw>,
    ord: bool,
    /// First letter upper case, and not the whole word (an all-caps headline
    /// is not a name).
    capitalised: bool,
}

/// Where an atom's key is: no allocation per word.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// The atom's own text (lowercase ASCII folds to itself), or nothing
    /// for an atom that is not a word.
    Text,
    /// A range of [`Atoms::folded`].
    Folded(usize, usize),
    /// The cardinal behind an ordinal.
    Stem(&'static str),
}

/// The atoms of a text, with the keys folding changed in one buffer.
struct Atoms<'t> {
    text: &'t str,
    list: Vec<Atom>,
    folded: String,
}

impl std::ops::Deref for Atoms<'_> {
    type Target = [Atom];
    fn deref(&self) -> &[Atom] {
        &self.list
    }
}

impl Atoms<'_> {
    /// The key of an atom of this list.
    #[inline]
    fn key(&self, a: &Atom) -> &str {
        key_of(self.text, &self.folded, a)
    }
}

/// The key of atom `a` of `text`, whose folded keys are in `folded`.
#[inline]
fn key_of<'a>(text: &'a str, folded: &'a str, a: &Atom) -> &'a str {
    match a.key {
        Key::Text if a.kind == AtomKind::Word => &text[a.start..a.end],
        Key::Text => "",
        Key::Folded(s, e) => &folded[s..e],
        Key::Stem(k) => k,
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_letter(c: char) -> bool {
    // Fast answers for the chars of French text: Latin-1 and Latin
    // Extended-A letters, and general punctuation (’, –, —, «, spaces) that
    // is no letter; `is_letter_agrees_with_its_definition` checks them.
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{17f}' => true,
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c),
    }
}

fn atomize(text: &str) -> Atoms<'_> {
    let mut atoms: Vec<Atom> = Vec::with_capacity(text.len() / 4);
    let mut folded = String::new();
    let b = text.as_bytes();
    // The char at byte `p` (a char boundary), ASCII without decoding.
    let char_at = |p: usize| -> char {
        if b[p] < 0x80 {
            char::from(b[p])
        } else {
            text[p..].chars().next().unwrap_or(' ')
        }
    };
    let mut p = 0usize;
    while p < b.len() {
        let start = p;
        let c = char_at(p);
        let mut end = start + c.len_utf8();
        p = end;
        if c.is_whitespace() {
            continue;
        }
        let kind;
        // Words: whether every byte is a lowercase ASCII letter (the key is
        // then the text itself).
        let mut lower_ascii = false;
        if is_letter(c) {
            kind = AtomKind::Word;
            lower_ascii = c.is_ascii_lowercase();
            while end < b.len() {
                let x = b[end];
                if x.is_ascii_alphabetic() {
                    lower_ascii &= x.is_ascii_lowercase();
                    end += 1;
                    continue;
                }
                if x.is_ascii() {
                    break;
                }
                let d = char_at(end);
                if !is_letter(d) {
                    break;
                }
                lower_ascii = false;
                end += d.len_utf8();
            }
        } else if c.is_ascii_digit() {
            kind = AtomKind::Digits;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
        } else {
            // A hyphen between two letters joins the parts of one compound
            // ("quatre-vingt-dix"): it is the gap between two word atoms, not
            // an atom of its own.
            let glued = is_hyphen(c)
                && atoms
                    .last()
                    .is_some_and(|a: &Atom| a.kind == AtomKind::Word && a.end == start)
                && end < b.len()
                && is_letter(char_at(end));
            if glued {
                continue;
            }
            kind = AtomKind::Punct;
        }
        p = end;
        atoms.push(make_atom(
            text,
            Bare {
                start,
                end,
                kind,
                lower_ascii,
            },
            &mut folded,
        ));
    }
    Atoms {
        text,
        list: atoms,
        folded,
    }
}

/// An atom's span and kind, before its key is read.
#[derive(Debug, Clone, Copy)]
struct Bare {
    start: usize,
    end: usize,
    kind: AtomKind,
    /// A word of lowercase ASCII letters only (its key is its text).
    lower_ascii: bool,
}

/// The atom of `bare`: key, number word and case read, the key written to
/// `folded` when folding changes it.
fn make_atom(text: &str, bare: Bare, folded: &mut String) -> Atom {
    let Bare {
        start,
        end,
        kind,
        lower_ascii,
    } = bare;
    let mut atom = Atom {
        start,
        end,
        kind,
        key: Key::Text,
        cw: None,
        ord: false,
        capitalised: false,
    };
    if kind == AtomKind::Word {
        let word = &text[start..end];
        let key: &str = if lower_ascii {
            // fold_char leaves lowercase ASCII letters as they are.
            word
        } else {
            let from = folded.len();
            for ch in word.chars() {
                fold_char(ch, |f| folded.push(f));
            }
            atom.key = Key::Folded(from, folded.len());
            &folded[from..]
        };
        let c = word.chars().next().unwrap_or(' ');
        if !lower_ascii && c.is_uppercase() {
            atom.capitalised = word[c.len_utf8()..].chars().any(char::is_lowercase);
        }
        if let Some(card) = ordinal_stem(key) {
            atom.key = Key::Stem(card);
            atom.ord = true;
            atom.cw = card_word(card);
        } else {
            atom.cw = card_word(key);
        }
    }
    atom
}

/// A lookup of fixed keys (a `match`, which compiles to fast code) and the
/// list of those keys, from one table: filters built from the lists (the
/// triggers of [`atomize_sparse`], the sentence gate of casualties) cannot
/// miss a key.
macro_rules! word_table {
    ($(#[$m:meta])* fn $name:ident -> $t:ty; $(#[$km:meta])* const $keys:ident; $($($k:literal)|+ => $v:expr,)*) => {
        $(#[$m])*
        fn $name(key: &str) -> Option<$t> {
            Some(match key {
                $($($k)|+ => $v,)*
                _ => return None,
            })
        }
        $(#[$km])*
        const $keys: &[&str] = &[$($($k,)+)*];
    };
}
pub(crate) use word_table;

// ---------------------------------------------------------------------------
// Sparse atoms: only the windows around the atoms a number needs.
//
// Most of a text is no number, yet `atomize` folds and looks up every word.
// Every number kept in running text holds a *trigger* atom — digits, or a
// word that is a number word other than "un", "une" and "et", an ordinal,
// an approximate noun or "virgule" — and starts at most two atoms before
// its first trigger ("une petite dizaine", "un virgule un"). A read that
// starts elsewhere finds nothing or is not kept ("un" alone), and no
// expression reaches more than three atoms past its last trigger ("vingt
// et un-Nord", "une dizaine de milliers" and the atom after it that
// `keep_in_text` looks at). So [`atomize_sparse`] keeps the `LOOK_BEHIND`
// atoms before each trigger and the `LOOK_AHEAD` after it, and drops the
// rest: between two windows text is missing, so `joined` never joins
// across the gap, and [`numbers_in`] reads the same numbers as on every
// atom. `sparse_atoms_read_what_all_atoms_read` (tests) checks it.

/// Atoms kept before a trigger: the number's first atom is at most two
/// before it, and `keep_in_text` looks at the one before that.
const LOOK_BEHIND: usize = 3;
/// Atoms kept after a trigger (three suffice, see above; the decimals
/// after "virgule" are the one unbounded chain, of "un"s, whose links
/// count as triggers).
const LOOK_AHEAD: usize = 4;

/// Whether a key (folded, at most 13 bytes for a trigger) is a trigger.
fn is_trigger_key(k: &[u8]) -> bool {
    let n = k.len();
    if !(3..=13).contains(&n) {
        return false;
    }
    let (f, l) = (k[0], k[n - 1]);
    if !f.is_ascii_lowercase() || !l.is_ascii_lowercase() {
        return false;
    }
    if TRIGGER_SHAPES[usize::from(f - b'a') * 26 + usize::from(l - b'a')] & (1 << n) == 0 {
        return false;
    }
    std::str::from_utf8(k).is_ok_and(is_trigger_word)
}

/// The definition [`is_trigger_key`] filters for.
fn is_trigger_word(key: &str) -> bool {
    card_word(key).is_some_and(|c| !matches!(c, Cw::Unit(1) | Cw::Et))
        || ordinal_stem(key).is_some()
        || approx_noun(key).is_some()
        || key == "virgule"
}

/// Every key [`is_trigger_word`] accepts (and "un", "une", "et", which it
/// does not), from the tables of the lookups it calls.
fn trigger_candidates() -> Vec<String> {
    let mut v: Vec<String> = CARD_KEYS.iter().map(|k| k.to_string()).collect();
    v.extend(ORDINAL_WORDS.iter().map(|k| k.to_string()));
    for stem in ORDINAL_STEMS {
        v.push(format!("{stem}ieme"));
        v.push(format!("{stem}iemes"));
    }
    for k in APPROX_KEYS {
        v.push(k.to_string());
        v.push(format!("{k}s"));
    }
    v.push("virgule".to_string());
    v
}

/// For each (first letter, last letter) of a trigger key, bit `n` set when
/// one is `n` bytes long.
static TRIGGER_SHAPES: std::sync::LazyLock<[u32; 26 * 26]> = std::sync::LazyLock::new(|| {
    let mut t = [0u32; 26 * 26];
    for k in trigger_candidates() {
        if !is_trigger_word(&k) {
            continue;
        }
        let b = k.as_bytes();
        let n = b.len();
        assert!(
            (3..=13).contains(&n) && b[0].is_ascii_lowercase() && b[n - 1].is_ascii_lowercase()
        );
        t[usize::from(b[0] - b'a') * 26 + usize::from(b[n - 1] - b'a')] |= 1 << n;
    }
    t
});

/// The char that ends at byte `q` (a char boundary, `q > 0`) and its start.
fn char_before(text: &str, q: usize) -> (char, usize) {
    let b = text.as_bytes();
    if b[q - 1] < 0x80 {
        return (char::from(b[q - 1]), q - 1);
    }
    let mut s = q - 1;
    while s > 0 && (b[s] & 0xc0) == 0x80 {
        s -= 1;
    }
    (text[s..q].chars().next().unwrap_or(' '), s)
}

/// The char at byte `p` (a char boundary).
#[inline]
fn char_at(text: &str, p: usize) -> char {
    let x = text.as_bytes()[p];
    if x < 0x80 {
        char::from(x)
    } else {
        text[p..].chars().next().unwrap_or(' ')
    }
}

/// The ASCII fold of U+00C0 + `i` (the chars whose UTF-8 is 0xC3, 0x80 + `i`)
/// when it is a letter folding to one ASCII letter, else 0 (×, ÷, æ, ß,
/// ð, þ: [`word_at`] leaves those to [`fold_char`]).
/// `latin1_folds_are_fold_char` (tests) checks the table.
const LATIN1_FOLD: [u8; 64] =
    *b"aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";

/// The fold of the Latin-1 letter whose UTF-8 is 0xC3, `second` (0 if it
/// folds to no single ASCII letter).
#[inline]
fn latin1_fold(second: u8) -> u8 {
    LATIN1_FOLD[usize::from(second & 0x3f)]
}

/// A word atom (a run of [`is_letter`] chars), read without folding it.
#[derive(Debug, Clone, Copy)]
struct Word {
    end: usize,
    /// The length of its key when every char folds to one ASCII letter
    /// (ASCII letters, and the Latin-1 letters of [`LATIN1_FOLD`]): nearly
    /// every word of French text. `None` for the others.
    simple_len: Option<usize>,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The end of the run of ASCII letters from byte `i`, eight bytes at a time:
/// most words end inside their first eight bytes.
#[inline(always)]
fn ascii_letters_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Bit 5 set makes capitals small; on seven bits nothing carries
        // between bytes: a byte is a letter when it is in 'a'..='z' there
        // and has no high bit.
        let x = (w | 0x2020_2020_2020_2020) & !HIGH_BITS;
        let ge_a = x + (0x80 - u64::from(b'a')) * ONES;
        let gt_z = x + (0x7f - u64::from(b'z')) * ONES;
        let letter = ge_a & !gt_z & !w & HIGH_BITS;
        let other = !letter & HIGH_BITS;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The word atom starting at byte `p`, a letter. The ASCII letters are
/// skipped eight at a time; only the bytes after them are looked at.
#[inline(always)]
fn word_at(text: &str, p: usize) -> Word {
    let b = text.as_bytes();
    let mut end = p;
    // Latin-1 letters seen: two bytes each, one byte of key.
    let mut latin1 = 0usize;
    let mut simple = true;
    loop {
        end = ascii_letters_end(b, end);
        match b.get(end) {
            Some(&0xc3) if b.get(end + 1).is_some_and(|&z| latin1_fold(z) != 0) => {
                end += 2;
                latin1 += 1;
            }
            Some(&y) if y >= 0x80 => {
                let c = char_at(text, end);
                if !is_letter(c) {
                    break;
                }
                simple = false;
                end += c.len_utf8();
            }
            _ => break,
        }
    }
    Word {
        end,
        simple_len: simple.then(|| end - p - latin1),
    }
}

/// Whether the word atom `text[p..w.end]` is a trigger. A word of
/// [`Word::simple_len`] is tested on its shape (first and last letter of
/// its key, length) before its key is built; the others are folded in full.
#[inline]
fn word_is_trigger(text: &str, p: usize, w: Word) -> bool {
    let b = text.as_bytes();
    let Some(n) = w.simple_len else {
        let mut buf = [0u8; 14];
        return folded_key(text, p, w.end, &mut buf).is_some_and(is_trigger_key);
    };
    if !(3..=13).contains(&n) {
        return false;
    }
    // A simple word's chars are ASCII letters or 0xC3 and a second byte.
    let fold_at = |i: usize| {
        if b[i] < 0x80 {
            b[i] | 0x20
        } else {
            latin1_fold(b[i + 1])
        }
    };
    let first = fold_at(p);
    let last = if b[w.end - 1] < 0x80 {
        b[w.end - 1] | 0x20
    } else {
        latin1_fold(b[w.end - 1])
    };
    if TRIGGER_SHAPES[usize::from(first - b'a') * 26 + usize::from(last - b'a')] & (1 << n) == 0 {
        return false;
    }
    let mut key = [0u8; 13];
    let (mut i, mut k) = (p, 0);
    while i < w.end {
        key[k] = fold_at(i);
        i += if b[i] < 0x80 { 1 } else { 2 };
        k += 1;
    }
    std::str::from_utf8(&key[..n]).is_ok_and(is_trigger_word)
}

/// The key of `text[start..end]` folded into `buf`, if it is ASCII and fits
/// (no trigger is longer).
fn folded_key<'b>(text: &str, start: usize, end: usize, buf: &'b mut [u8; 14]) -> Option<&'b [u8]> {
    let mut n = 0usize;
    let mut fits = true;
    for c in text[start..end].chars() {
        fold_char(c, |f| {
            if f.is_ascii() && n < buf.len() {
                buf[n] = f as u8;
                n += 1;
            } else {
                fits = false;
            }
        });
        if !fits {
            return None;
        }
    }
    Some(&buf[..n])
}

/// The start of the first trigger atom at or after byte `p`, an atom
/// boundary (or a glued hyphen right after a word).
fn next_trigger(text: &str, mut p: usize) -> Option<usize> {
    let b = text.as_bytes();
    while p < b.len() {
        // Blanks and ASCII punctuation: no atom a trigger is read from.
        p += b[p..]
            .iter()
            .position(|y| y.is_ascii_alphanumeric() || *y >= 0x80)?;
        let x = b[p];
        if x.is_ascii_digit() {
            return Some(p);
        }
        if x >= 0x80 {
            let c = char_at(text, p);
            if !is_letter(c) {
                p += c.len_utf8();
                continue;
            }
        }
        let w = word_at(text, p);
        if word_is_trigger(text, p, w) {
            return Some(p);
        }
        p = w.end;
    }
    None
}

/// The start of the `n`th atom before the atom starting at `t`, or of the
/// first one after `floor` (the end of an atom), whichever is later.
fn atoms_back(text: &str, t: usize, n: usize, floor: usize) -> usize {
    let mut s = t;
    for _ in 0..n {
        let mut q = s;
        while q > floor {
            let (c, cs) = char_before(text, q);
            if !c.is_whitespace() {
                break;
            }
            q = cs;
        }
        if q <= floor {
            return s;
        }
        let (c, cs) = char_before(text, q);
        let letter_run = |mut from: usize| {
            while from > floor {
                let (d, ds) = char_before(text, from);
                if !is_letter(d) {
                    break;
                }
                from = ds;
            }
            from
        };
        s = if is_letter(c) {
            letter_run(cs)
        } else if c.is_ascii_digit() {
            let mut from = cs;
            while from > floor && text.as_bytes()[from - 1].is_ascii_digit() {
                from -= 1;
            }
            from
        } else if is_hyphen(c)
            && q < text.len()
            && is_letter(char_at(text, q))
            && cs > floor
            && is_letter(char_before(text, cs).0)
        {
            // A glued hyphen is no atom: the word before it is.
            letter_run(cs)
        } else {
            cs
        };
    }
    s
}

/// The atoms of `text` that [`numbers_in`] can need: the windows around
/// triggers (see above). Atom boundaries are those of [`atomize`].
fn atomize_sparse(text: &str) -> Atoms<'_> {
    let b = text.as_bytes();
    // A window holds about eight atoms, and most texts a few dozen windows.
    let mut list: Vec<Atom> = Vec::with_capacity(256);
    let mut folded = String::with_capacity(256);
    // The end of the last atom kept: the text before it is read.
    let mut kept = 0usize;
    while let Some(t) = next_trigger(text, kept) {
        let mut p = atoms_back(text, t, LOOK_BEHIND, kept);
        // Atoms from `p` on, as `atomize` makes them, until `LOOK_AHEAD`
        // atoms after a trigger were none.
        let mut word_end_at = if p > 0 && is_letter(char_before(text, p).0) {
            p
        } else {
            usize::MAX
        };
        let mut ahead = LOOK_AHEAD;
        let mut after_trigger = false;
        while p < b.len() && ahead > 0 {
            let start = p;
            let x = b[p];
            let c = char_at(text, p);
            let mut end = p + c.len_utf8();
            if c.is_whitespace() {
                p = end;
                continue;
            }
            let kind;
            if is_letter(c) {
                kind = AtomKind::Word;
                end = word_at(text, p).end;
            } else if x.is_ascii_digit() {
                kind = AtomKind::Digits;
                while end < b.len() && b[end].is_ascii_digit() {
                    end += 1;
                }
            } else {
                if is_hyphen(c)
                    && word_end_at == start
                    && end < b.len()
                    && is_letter(char_at(text, end))
                {
                    p = end;
                    continue;
                }
                kind = AtomKind::Punct;
            }
            p = end;
            word_end_at = if kind == AtomKind::Word {
                end
            } else {
                usize::MAX
            };
            let atom = make_atom(
                text,
                Bare {
                    start,
                    end,
                    kind,
                    lower_ascii: kind == AtomKind::Word
                        && b[start..end].iter().all(u8::is_ascii_lowercase),
                },
                &mut folded,
            );
            let trigger = match kind {
                AtomKind::Digits => true,
                // The atom's lookups say what `is_trigger_word` says of its
                // key. After "virgule", each "un" is a digit of the
                // decimals ("un virgule un un"): the chain has no bound,
                // so its links count as triggers.
                AtomKind::Word => {
                    atom.ord
                        || match atom.cw {
                            Some(Cw::Unit(1)) => after_trigger,
                            Some(Cw::Et) => false,
                            Some(_) => true,
                            None => {
                                let key = key_of(text, &folded, &atom);
                                approx_noun(key).is_some() || key == "virgule"
                            }
                        }
                }
                AtomKind::Punct => false,
            };
            after_trigger = trigger;
            list.push(atom);
            if trigger {
                ahead = LOOK_AHEAD;
            } else if start > t {
                ahead -= 1;
            }
        }
        kept = p;
    }
    Atoms { text, list, folded }
}

/// The cardinal word behind an ordinal ("cinquième" → "cinq"), or the
/// special keys "premier" and "second".
fn ordinal_stem(key: &str) -> Option<&'static str> {
    if let Some(w) = ordinal_word(key) {
        return Some(w);
    }
    let stem = key
        .strip_suffix("iemes")
        .or_else(|| key.strip_suffix("ieme"))?;
    ordinal_cardinal(stem)
}

word_table! {
    /// The ordinals with no "-ième" form.
    fn ordinal_word -> &'static str;
    /// Every key [`ordinal_word`] knows.
    const ORDINAL_WORDS;
    "premier" | "premiere" | "premiers" | "premieres" => "premier",
    "second" | "seconde" | "seconds" | "secondes" => "second",
}

word_table! {
    /// The cardinal of an ordinal's stem ("cinqu" → "cinq").
    fn ordinal_cardinal -> &'static str;
    /// Every stem [`ordinal_cardinal`] knows.
    const ORDINAL_STEMS;
    "un" => "un",
    "deux" => "deux",
    "trois" => "trois",
    "quatr" => "quatre",
    "cinqu" => "cinq",
    "six" => "six",
    "sept" => "sept",
    "huit" => "huit",
    "neuv" => "neuf",
    "dix" | "diz" => "dix",
    "onz" => "onze",
    "douz" => "douze",
    "treiz" => "treize",
    "quatorz" => "quatorze",
    "quinz" => "quinze",
    "seiz" => "seize",
    "vingt" => "vingt",
    "trent" => "trente",
    "quarant" => "quarante",
    "cinquant" => "cinquante",
    "soixant" => "soixante",
    "septant" => "septante",
    "huitant" => "huitante",
    "octant" => "octante",
    "nonant" => "nonante",
    "cent" => "cent",
    "mill" => "mille",
    "million" => "million",
    "milliard" => "milliard",
    "billion" => "billion",
}

/// A number word's role in the grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cw {
    /// 0–16.
    Unit(u32),
    /// 20, 30, … 90.
    Tens(u32),
    Cent,
    Mille,
    /// million, milliard, billion.
    Scale(f64),
    Et,
    /// "premier" (1) and "second" (2): only ever ordinals.
    OrdOnly(u32),
}

word_table! {
    /// A number word's role, by key.
    fn card_word -> Cw;
    /// Every key [`card_word`] knows.
    const CARD_KEYS;
    "zero" => Cw::Unit(0),
    "un" | "une" => Cw::Unit(1),
    "deux" => Cw::Unit(2),
    "trois" => Cw::Unit(3),
    "quatre" => Cw::Unit(4),
    "cinq" => Cw::Unit(5),
    "six" => Cw::Unit(6),
    "sept" => Cw::Unit(7),
    "huit" => Cw::Unit(8),
    "neuf" => Cw::Unit(9),
    "dix" => Cw::Unit(10),
    "onze" => Cw::Unit(11),
    "douze" => Cw::Unit(12),
    "treize" => Cw::Unit(13),
    "quatorze" => Cw::Unit(14),
    "quinze" => Cw::Unit(15),
    "seize" => Cw::Unit(16),
    "vingt" | "vingts" => Cw::Tens(20),
    "trente" => Cw::Tens(30),
    "quarante" => Cw::Tens(40),
    "cinquante" => Cw::Tens(50),
    "soixante" => Cw::Tens(60),
    "septante" => Cw::Tens(70),
    "huitante" | "octante" => Cw::Tens(80),
    "nonante" => Cw::Tens(90),
    "cent" | "cents" => Cw::Cent,
    "mille" => Cw::Mille,
    "million" | "millions" => Cw::Scale(1e6),
    "milliard" | "milliards" => Cw::Scale(1e9),
    "billion" | "billions" => Cw::Scale(1e12),
    "et" => Cw::Et,
    "premier" => Cw::OrdOnly(1),
    "second" => Cw::OrdOnly(2),
}

word_table! {
    /// Approximate nouns and their value ("quinzaine" → 15), singular.
    fn approx_singular -> f64;
    /// Every key [`approx_singular`] knows.
    const APPROX_KEYS;
    "huitaine" => 8.0,
    "dizaine" => 10.0,
    "douzaine" => 12.0,
    "quinzaine" => 15.0,
    "vingtaine" => 20.0,
    "trentaine" => 30.0,
    "quarantaine" => 40.0,
    "cinquantaine" => 50.0,
    "soixantaine" => 60.0,
    "centaine" => 100.0,
    "millier" => 1000.0,
}

/// Approximate nouns and their value ("quinzaine" → 15), plural or not.
fn approx_noun(key: &str) -> Option<f64> {
    approx_singular(key.strip_suffix('s').unwrap_or(key))
}

// ---------------------------------------------------------------------------
// The grammar.

/// A number read from atom `i` on.
#[derive(Debug, Clone, Copy)]
struct Read {
    value: f64,
    kind: NumberKind,
    /// End byte of the expression.
    end: usize,
    /// First atom after it.
    next: usize,
    /// Starts with a word (not digits).
    words: bool,
}

/// Whether atoms `a` and `b` are parts of one expression: separated by
/// blanks on one line, or by a glued hyphen.
fn joined(text: &str, a: &Atom, b: &Atom) -> bool {
    let gap = &text[a.end..b.start];
    if gap.is_empty() {
        return false;
    }
    let mut cs = gap.chars();
    if let (Some(c), None) = (cs.next(), cs.clone().next()) {
        if is_hyphen(c) {
            return true;
        }
    }
    gap.chars()
        .all(|c| c.is_whitespace() && c != '\n' && c != '\r')
}

struct Grammar<'a> {
    text: &'a str,
    atoms: &'a Atoms<'a>,
    first: usize,
    whole: bool,
}

impl Grammar<'_> {
    /// Atom `j` as a number word, if it continues the expression.
    fn w(&self, j: usize) -> Option<(Cw, bool)> {
        let a = self.atoms.get(j)?;
        if a.kind != AtomKind::Word {
            return None;
        }
        if j > self.first && !joined(self.text, &self.atoms[j - 1], a) {
            return None;
        }
        a.cw.map(|c| (c, a.ord))
    }

    fn key(&self, j: usize) -> Option<&str> {
        let a = self.atoms.get(j)?;
        if a.kind != AtomKind::Word || (j > self.first && !joined(self.text, &self.atoms[j - 1], a))
        {
            return None;
        }
        Some(self.atoms.key(a))
    }

    /// 10–19 after "soixante" / "quatre-vingt", or 1–16 after "quatre-vingt".
    fn teen(&self, j: usize, allow_units: bool) -> Option<(u32, usize, bool)> {
        match self.w(j)? {
            (Cw::Unit(10), false) => match self.w(j + 1) {
                Some((Cw::Unit(u @ 7..=9), o)) => Some((10 + u, j + 2, o)),
                Some((Cw::OrdOnly(2), true)) => Some((12, j + 2, true)),
                _ => Some((10, j + 1, false)),
            },
            (Cw::Unit(10), true) => Some((10, j + 1, true)),
            (Cw::Unit(u @ 11..=16), o) => Some((u, j + 1, o)),
            (Cw::Unit(u @ 1..=9), o) if allow_units => Some((u, j + 1, o)),
            _ => None,
        }
    }

    /// 0–99: (value, next atom, ends with an ordinal).
    fn below100(&self, j: usize) -> Option<(u32, usize, bool)> {
        let (cw, ord) = self.w(j)?;
        if ord {
            return match cw {
                Cw::Unit(u) => Some((u, j + 1, true)),
                Cw::Tens(t) => Some((t, j + 1, true)),
                _ => None,
            };
        }
        match cw {
            Cw::Unit(4) => match self.w(j + 1) {
                Some((Cw::Tens(20), o)) => {
                    if o {
                        return Some((80, j + 2, true));
                    }
                    match self.teen(j + 2, true) {
                        Some((t, k, o)) => Some((80 + t, k, o)),
                        None => Some((80, j + 2, false)),
                    }
                }
                _ => Some((4, j + 1, false)),
            },
            Cw::Unit(10) => match self.w(j + 1) {
                Some((Cw::Unit(u @ 7..=9), o)) => Some((10 + u, j + 2, o)),
                _ => Some((10, j + 1, false)),
            },
            Cw::Unit(u) => Some((u, j + 1, false)),
            Cw::Tens(t) => {
                let k = j + 1;
                if let Some((Cw::Et, false)) = self.w(k) {
                    match self.w(k + 1) {
                        Some((Cw::Unit(1), o)) => return Some((t + 1, k + 2, o)),
                        Some((Cw::Unit(11), o)) if t == 60 => return Some((71, k + 2, o)),
                        _ => return Some((t, k, false)),
                    }
                }
                if t == 60 {
                    if let Some((u, k2, o)) = self.teen(k, false) {
                        return Some((60 + u, k2, o));
                    }
                }
                match self.w(k) {
                    Some((Cw::Unit(u @ 1..=9), o)) => Some((t + u, k + 1, o)),
                    Some((Cw::OrdOnly(2), true)) => Some((t + 2, k + 1, true)),
                    // "trente 3": only when the whole string is the number.
                    _ if self.whole => match self.atoms.get(k) {
                        Some(a)
                            if a.kind == AtomKind::Digits
                                && a.end - a.start == 1
                                && &self.text[a.start..a.end] != "0"
                                && joined(self.text, &self.atoms[k - 1], a) =>
                        {
                            let d = u32::from(self.text.as_bytes()[a.start] - b'0');
                            Some((t + d, k + 1, false))
                        }
                        _ => Some((t, k, false)),
                    },
                    _ => Some((t, k, false)),
                }
            }
            _ => None,
        }
    }

    /// 0–999.
    fn below1000(&self, j: usize) -> Option<(u32, usize, bool)> {
        if let Some((Cw::Cent, o)) = self.w(j) {
            if o {
                return Some((100, j + 1, true));
            }
            return Some(match self.below100(j + 1) {
                Some((b, k, o)) => (100 + b, k, o),
                None => (100, j + 1, false),
            });
        }
        let (a, k, o) = self.below100(j)?;
        if o || a < 2 {
            return Some((a, k, o));
        }
        match self.w(k) {
            Some((Cw::Cent, true)) => Some((a * 100, k + 1, true)),
            Some((Cw::Cent, false)) => Some(match self.below100(k + 1) {
                Some((b, k2, o)) => (a * 100 + b, k2, o),
                None => (a * 100, k + 1, false),
            }),
            _ => Some((a, k, false)),
        }
    }

    /// A whole number in words from atom `j`: (value, next, ordinal).
    fn words(&self, j: usize) -> Option<(f64, usize, bool)> {
        match self.w(j) {
            Some((Cw::OrdOnly(v), true)) => return Some((f64::from(v), j + 1, true)),
            Some((Cw::Scale(s), true)) => return Some((s, j + 1, true)),
            _ => {}
        }
        let mut total = 0.0f64;
        let mut k = j;
        let mut any = false;
        for scale in [1e12, 1e9, 1e6] {
            if let Some((a, k2, false)) = self.below1000(k) {
                if let Some((Cw::Scale(s), o)) = self.w(k2) {
                    if s == scale {
                        total += f64::from(a) * s;
                        k = k2 + 1;
                        any = true;
                        if o {
                            return Some((total, k, true));
                        }
                        if let Some(k3) = self.et_demi(k) {
                            return Some((total + s / 2.0, k3, false));
                        }
                    }
                }
            }
        }
        match self.below1000(k) {
            Some((a, k2, false)) if a >= 2 => {
                if let Some((Cw::Mille, o)) = self.w(k2) {
                    total += f64::from(a) * 1000.0;
                    k = k2 + 1;
                    any = true;
                    if o {
                        return Some((total, k, true));
                    }
                }
            }
            _ => {
                if let Some((Cw::Mille, o)) = self.w(k) {
                    total += 1000.0;
                    k += 1;
                    any = true;
                    if o {
                        return Some((total, k, true));
                    }
                }
            }
        }
        // "second" closes a compound ordinal as "deuxième" does
        // ("trois cent vingt seconde"), never alone after a scale.
        if any || k == j {
            if let Some((a, k2, o)) = self.below1000(k) {
                total += f64::from(a);
                return Some((total, k2, o));
            }
        }
        if let (true, Some((Cw::OrdOnly(2), true))) = (k > j, self.w(k)) {
            return Some((total + 2.0, k + 1, true));
        }
        any.then_some((total, k, false))
    }

    /// "et demi" after a scale word: the atom after it.
    fn et_demi(&self, k: usize) -> Option<usize> {
        (self.key(k)? == "et" && self.key(k + 1)? == "demi").then_some(k + 2)
    }
}

/// Reads the longest number expression starting at atom `i`.
fn read_number(text: &str, atoms: &Atoms, i: usize, whole: bool) -> Option<Read> {
    let g = Grammar {
        text,
        atoms,
        first: i,
        whole,
    };
    let a = atoms.get(i)?;
    // Vague determiner + approximate noun: "une dizaine", "des centaines",
    // "plusieurs milliers", "des millions".
    if a.kind == AtomKind::Word {
        let mult = match atoms.key(a) {
            "un" | "une" => Some(1.0),
            // "plusieurs dizaines" is "des dizaines" in the annotation
            // guidelines (20); "quelques" stays a little more.
            "des" | "plusieurs" => Some(2.0),
            "quelques" => Some(3.0),
            _ => None,
        };
        if let Some(m) = mult {
            let mut k = i + 1;
            if m == 1.0
                && matches!(
                    g.key(k),
                    Some("petite" | "bonne" | "grosse" | "grande" | "petit" | "bon")
                )
            {
                k += 1;
            }
            let base = match g.key(k) {
                Some(n) => approx_noun(n).or(match (m > 1.0, card_word(n)) {
                    (true, Some(Cw::Scale(s))) if n.ends_with('s') => Some(s),
                    _ => None,
                }),
                None => None,
            };
            if let Some(base) = base {
                return Some(approx_tail(&g, m * base, k + 1));
            }
        }
    }
    let (mut value, mut k, ord, words) = match a.kind {
        AtomKind::Word => {
            let (v, k, o) = g.words(i)?;
            (v, k, o, true)
        }
        AtomKind::Digits => {
            // "G5", "A400M": a code, not a number.
            if text[..a.start].chars().next_back().is_some_and(is_letter) {
                return None;
            }
            let d = digits_at(text, a.start)?;
            let k = atoms.partition_point(|x| x.start < d.end);
            match digit_suffix(text, d.end, d.plain_int) {
                Suffix::None => {}
                Suffix::Reject => return None,
                Suffix::Ordinal(end) => {
                    let k = atoms.partition_point(|x| x.start < end);
                    return Some(Read {
                        value: d.value,
                        kind: NumberKind::Ordinal,
                        end,
                        next: k,
                        words: false,
                    });
                }
                Suffix::Multiplier(m, end) => {
                    let k = atoms.partition_point(|x| x.start < end);
                    return Some(Read {
                        value: sat(d.value * m),
                        kind: NumberKind::Cardinal,
                        end,
                        next: k,
                        words: false,
                    });
                }
            }
            let mut v = d.value;
            let mut k = k;
            // "10 k", "2,33 k"
            if let Some(a) = atoms.get(k) {
                if a.kind == AtomKind::Word
                    && matches!(&text[a.start..a.end], "k" | "K")
                    && joined(text, &atoms[k - 1], a)
                {
                    return Some(Read {
                        value: sat(v * 1000.0),
                        kind: NumberKind::Cardinal,
                        end: a.end,
                        next: k + 1,
                        words: false,
                    });
                }
            }
            match g.w(k) {
                Some((Cw::Scale(s), false)) => {
                    v *= s;
                    k += 1;
                    if let Some(k3) = g.et_demi(k) {
                        v += s / 2.0;
                        k = k3;
                    }
                }
                Some((Cw::Mille, false)) => {
                    v *= 1000.0;
                    k += 1;
                }
                _ => {}
            }
            (sat(v), k, false, false)
        }
        AtomKind::Punct => {
            // ",08": a decimal with no integer part.
            if &text[a.start..a.end] == ","
                && (whole
                    || text[..a.start]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace))
            {
                let d = atoms
                    .get(i + 1)
                    .filter(|d| d.kind == AtomKind::Digits && d.start == a.end)?;
                let digits = &text[d.start..d.end];
                let v: f64 = format!("0.{digits}").parse().ok()?;
                let mut k = i + 2;
                if let Suffix::Multiplier(m, end) = digit_suffix(text, d.end, false) {
                    k = atoms.partition_point(|x| x.start < end);
                    return Some(Read {
                        value: v * m,
                        kind: NumberKind::Cardinal,
                        end,
                        next: k,
                        words: false,
                    });
                }
                if atoms
                    .get(k)
                    .is_some_and(|x| x.start == d.end && x.kind == AtomKind::Word)
                {
                    return None;
                }
                k = k.min(atoms.len());
                return Some(Read {
                    value: v,
                    kind: NumberKind::Cardinal,
                    end: d.end,
                    next: k,
                    words: false,
                });
            }
            return None;
        }
    };
    if ord {
        return Some(Read {
            value,
            kind: NumberKind::Ordinal,
            end: atoms[k - 1].end,
            next: k,
            words,
        });
    }
    // "deux centaines", "3 douzaines": a cardinal times an approximate noun.
    if let Some(n) = g.key(k) {
        if let Some(base) = approx_noun(n) {
            let mut r = approx_tail(&g, sat(value * base), k + 1);
            r.words = words;
            return Some(r);
        }
    }
    // "deux cent virgule cinquante deux": the decimals are read as a number
    // whose digits follow the point.
    if words && g.key(k) == Some("virgule") {
        let mut digits = String::new();
        let mut k2 = k + 1;
        while let Some((v, k3, false)) = g.below1000(k2) {
            digits.push_str(&v.to_string());
            k2 = k3;
        }
        if let Ok(f) = format!("0.{digits}").parse::<f64>() {
            if !digits.is_empty() {
                value += f;
                k = k2;
            }
        }
    }
    // "Onze (11)": the figure repeated in brackets is part of the match.
    if words {
        if let (Some(o), Some(d), Some(c)) = (atoms.get(k), atoms.get(k + 1), atoms.get(k + 2)) {
            if &text[o.start..o.end] == "("
                && d.kind == AtomKind::Digits
                && &text[c.start..c.end] == ")"
                && !text[atoms[k - 1].end..o.start].contains('\n')
                && text[d.start..d.end].parse::<f64>().ok() == Some(value)
            {
                k += 3;
            }
        }
        value = sat(value);
    }
    Some(Read {
        value,
        kind: NumberKind::Cardinal,
        end: atoms[k - 1].end,
        next: k,
        words,
    })
}

/// After an approximate noun ending before atom `k`: "… de milliers" multiplies.
fn approx_tail(g: &Grammar, value: f64, k: usize) -> Read {
    let mut value = value;
    let mut k = k;
    // "des dizaines de milliers", "une centaine d'milliers" never happens, so
    // only "de" is looked for.
    if g.key(k) == Some("de") {
        let mult = match g.key(k + 1) {
            Some("milliers") => Some(1000.0),
            Some("millions") => Some(1e6),
            Some("milliards") => Some(1e9),
            _ => None,
        };
        if let Some(m) = mult {
            value *= m;
            k += 2;
        }
    }
    Read {
        value: sat(value),
        kind: NumberKind::Approximate,
        end: g.atoms[k - 1].end,
        next: k,
        words: true,
    }
}

fn sat(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else if v.is_nan() {
        0.0
    } else {
        f64::MAX.copysign(v)
    }
}

struct Digits {
    value: f64,
    end: usize,
    /// No separator, no decimals: may take an ordinal suffix.
    plain_int: bool,
}

fn is_group_sep(c: char) -> bool {
    matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}')
}

/// Digits from byte `p` (an ASCII digit) with French separators.
///
/// Most numbers of running text are a plain run of digits ("2024", "12
/// morts"): those are parsed straight to an integer here, without the
/// string [`digits_at_full`] assembles for the others.
fn digits_at(text: &str, p: usize) -> Option<Digits> {
    let b = text.as_bytes();
    let n1 = b[p..].iter().take_while(|x| x.is_ascii_digit()).count();
    let q = p + n1;
    // What could make more of it: a separator of thousands (one of
    // `is_group_sep`, the non-ASCII ones start with 0xC2 or 0xE2, and a
    // space only before three digits and a non-digit) or of decimals.
    let more = match b.get(q) {
        None => false,
        Some(b'.' | b',' | 0xC2 | 0xE2) => true,
        Some(b' ') => n1 <= 3 && b[q + 1..].iter().take_while(|x| x.is_ascii_digit()).count() == 3,
        Some(_) => false,
    };
    // Up to 15 digits, the integer is exact as an `f64`: the value
    // `str::parse` gives it.
    if n1 == 0 || more || n1 > 15 {
        return digits_at_full(text, p);
    }
    let int = b[p..q]
        .iter()
        .fold(0u64, |v, &d| v * 10 + u64::from(d - b'0'));
    Some(Digits {
        value: sat(int as f64),
        end: q,
        plain_int: true,
    })
}

/// [`digits_at`] for any number: the integer and decimal parts with their
/// separators, assembled into a string and parsed.
fn digits_at_full(text: &str, p: usize) -> Option<Digits> {
    let b = text.as_bytes();
    let run = |from: usize| -> usize {
        let mut q = from;
        while q < b.len() && b[q].is_ascii_digit() {
            q += 1;
        }
        q - from
    };
    let n1 = run(p);
    if n1 == 0 {
        return None;
    }
    let mut int = String::from(&text[p..p + n1]);
    let mut q = p + n1;
    let mut sep: Option<char> = None;
    let mut plain = true;
    if n1 <= 3 {
        // Thousands groups: exactly three digits after each separator, and
        // the same separator throughout.
        while let Some(c) = text[q..].chars().next() {
            if !is_group_sep(c) || sep.is_some_and(|s| s != c) {
                break;
            }
            let g = q + c.len_utf8();
            if run(g) != 3 {
                break;
            }
            int.push_str(&text[g..g + 3]);
            q = g + 3;
            sep = Some(c);
            plain = false;
        }
    }
    // English thousands "1,000,000": at least two comma groups.
    if sep.is_none()
        && n1 <= 3
        && b.get(q) == Some(&b',')
        && run(q + 1) == 3
        && b.get(q + 4) == Some(&b',')
        && run(q + 5) == 3
    {
        while b.get(q) == Some(&b',') && run(q + 1) == 3 {
            int.push_str(&text[q + 1..q + 4]);
            q += 4;
        }
        plain = false;
    }
    let mut frac = String::new();
    let comma = b.get(q) == Some(&b',') && run(q + 1) > 0;
    let point = sep.is_none()
        && b.get(q) == Some(&b'.')
        && run(q + 1) > 0
        && run(q + 1) != 3
        // "192.168.1.2", "v1.2.3": dotted codes, not decimals.
        && !(b.get(q + 1 + run(q + 1)) == Some(&b'.') && run(q + 2 + run(q + 1)) > 0)
        && !(p > 0 && b[p - 1] == b'.');
    if comma || point {
        let n = run(q + 1);
        frac.push_str(&text[q + 1..q + 1 + n]);
        q += 1 + n;
        plain = false;
    }
    let s = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    let value = sat(s.parse::<f64>().ok()?);
    Some(Digits {
        value,
        end: q,
        plain_int: plain,
    })
}

enum Suffix {
    None,
    /// Letters glued to the digits that make no number ("180ml").
    Reject,
    Ordinal(usize),
    Multiplier(f64, usize),
}

/// Letters glued after digits ending at `end`.
fn digit_suffix(text: &str, end: usize, plain_int: bool) -> Suffix {
    let rest = &text[end..];
    let letters = rest
        .char_indices()
        .find(|&(_, c)| !is_letter(c) && c != 'ᵉ' && c != 'ʳ')
        .map_or(rest.len(), |(i, _)| i);
    if letters == 0 {
        return Suffix::None;
    }
    let suf = &rest[..letters];
    let folded: String = suf.chars().flat_map(char::to_lowercase).collect();
    if plain_int
        && matches!(
            folded.as_str(),
            "er" | "re"
                | "ère"
                | "ere"
                | "ers"
                | "res"
                | "ères"
                | "e"
                | "è"
                | "es"
                | "ème"
                | "eme"
                | "èmes"
                | "emes"
                | "ième"
                | "ieme"
                | "ièmes"
                | "iemes"
                | "nd"
                | "nde"
                | "nds"
                | "ndes"
                | "ᵉ"
                | "ᵉʳ"
                | "ʳᵉ"
        )
    {
        return Suffix::Ordinal(end + letters);
    }
    match suf {
        "k" | "K" => Suffix::Multiplier(1e3, end + letters),
        "M" => Suffix::Multiplier(1e6, end + letters),
        "G" => Suffix::Multiplier(1e9, end + letters),
        _ => Suffix::Reject,
    }
}

/// "-12" in running text: a minus glued to digits, after a blank or an
/// opening bracket (a dash between two figures is a range, not a sign).
fn negative_at(text: &str, atoms: &Atoms, i: usize) -> Option<(NumberMatch, usize)> {
    let a = &atoms[i];
    if !matches!(&text[a.start..a.end], "-" | "\u{2212}") {
        return None;
    }
    let before = text[..a.start].chars().next_back();
    if !before.is_none_or(|c| c.is_whitespace() || c == '(') {
        return None;
    }
    let d = atoms.get(i + 1)?;
    if d.start != a.end || d.kind != AtomKind::Digits {
        return None;
    }
    let r = read_number(text, atoms, i + 1, false)?;
    if r.kind != NumberKind::Cardinal {
        return None;
    }
    Some((
        NumberMatch {
            start: a.start,
            end: r.end,
            value: -r.value,
            kind: r.kind,
        },
        r.next,
    ))
}

/// Whether a match read at atom `i` is a number in running text.
fn keep_in_text(text: &str, atoms: &Atoms, i: usize, r: &Read) -> bool {
    if !r.words {
        return true;
    }
    let a = &atoms[i];
    let last = &atoms[r.next - 1];
    let single = r.next == i + 1;
    let prev = i.checked_sub(1).map(|p| &atoms[p]);
    let next = atoms.get(r.next);
    let prev_key = prev
        .filter(|p| p.kind == AtomKind::Word)
        .map(|p| atoms.key(p));
    // Part of a hyphenated name: "Trois-Rivières", "Deux-Sèvres".
    if next.is_some_and(|n| n.kind == AtomKind::Word && is_hyphen_gap(text, last, n))
        || prev.is_some_and(|p| p.kind == AtomKind::Word && is_hyphen_gap(text, p, a))
    {
        return false;
    }
    if single && !a.ord && matches!(atoms.key(a), "un" | "une") {
        return false;
    }
    // Capitalised inside a sentence: a name ("les Mille Collines").
    if a.capitalised {
        let opens = match prev {
            None => true,
            Some(p) => {
                text[p.end..a.start].contains('\n')
                    || (p.kind == AtomKind::Punct
                        && matches!(
                            &text[p.start..p.end],
                            "." | "!"
                                | "?"
                                | ":"
                                | ";"
                                | "«"
                                | "\""
                                | "“"
                                | "("
                                | "["
                                | "—"
                                | "–"
                                | "-"
                                | "#"
                                | "*"
                                | "•"
                                | "…"
                        ))
            }
        };
        if !opens {
            return false;
        }
    }
    if single && r.kind == NumberKind::Cardinal {
        let next_key = next
            .filter(|n| n.kind == AtomKind::Word && joined(text, a, n))
            .map(|n| atoms.key(n));
        match atoms.key(a) {
            // "un véhicule neuf", "tout neuf": the adjective.
            "neuf" => {
                let counted = next_key.is_some_and(|k| k.ends_with('s') || k.ends_with('x'));
                let after_det = prev_key.is_some_and(|k| {
                    matches!(
                        k,
                        "les"
                            | "des"
                            | "ces"
                            | "nos"
                            | "vos"
                            | "leurs"
                            | "a"
                            | "de"
                            | "sur"
                            | "et"
                            | "ou"
                            | "contre"
                            | "environ"
                            | "moins"
                            | "plus"
                            | "dont"
                            | "entre"
                            | "aux"
                    )
                });
                if !(counted
                    || after_det
                    || prev.is_none()
                    || prev.is_some_and(|p| p.kind == AtomKind::Punct))
                {
                    return false;
                }
            }
            // "12 sept. 2024": the month.
            "sept" => {
                if let (Some(n), Some(d)) = (next, atoms.get(r.next + 1)) {
                    if n.start == a.end
                        && &text[n.start..n.end] == "."
                        && d.kind == AtomKind::Digits
                    {
                        return false;
                    }
                }
            }
            // "pour cent": a percentage sign in words.
            "cent" | "mille" if prev_key == Some("pour") => return false,
            _ => {}
        }
    }
    if single && a.ord && atoms.key(a) == "second" {
        // "une seconde", "quelques secondes": the unit of time.
        let plural = text[a.start..a.end].ends_with('s');
        let unit = prev_key
            .is_some_and(|k| matches!(k, "une" | "quelques" | "des" | "de" | "trente" | "dix"))
            || prev.is_some_and(|p| p.kind == AtomKind::Digits);
        let before_word = next.is_some_and(|n| n.kind == AtomKind::Word);
        if plural || unit || !before_word {
            return false;
        }
    }
    true
}

fn is_hyphen_gap(text: &str, a: &Atom, b: &Atom) -> bool {
    let gap = &text[a.end..b.start];
    let mut cs = gap.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_hyphen(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path of `digits_at` reads what the full one does.
    fn check_digits_at(text: &str) {
        for (p, _) in text.match_indices(|c: char| c.is_ascii_digit()) {
            let got = digits_at(text, p).map(|d| (d.value.to_bits(), d.end, d.plain_int));
            let want = digits_at_full(text, p).map(|d| (d.value.to_bits(), d.end, d.plain_int));
            assert_eq!(got, want, "{text:?} at {p}");
        }
    }

    #[test]
    fn digits_at_equals_full_on_cases() {
        for t in [
            "2024",
            "12 morts",
            "1 000 000",
            "2 000",
            "12 345 678",
            "3,5",
            "1,000,000",
            "1.5",
            "192.168.1.2",
            "999999999999999",
            "9999999999999999",
            "12345678901234567890",
            "007",
            "1\u{a0}000",
            "1\u{202f}000",
            "5 12",
            "5 1234",
            "0",
            "10 k",
        ] {
            check_digits_at(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn digits_at_equals_full(text in "([0-9]{1,20}|[ .,]|\\u{a0}|\\u{202f}|[a-z]){0,12}") {
            check_digits_at(&text);
        }
    }

    const TABLE: &str = include_str!("../fixtures/rules/numbers.tsv");
    const IN_TEXT: &str = include_str!("../fixtures/rules/numbers-in-text.tsv");

    fn rows(table: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
        table
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|(n, l)| (n + 1, l.split('\t').collect()))
    }

    fn kind_name(k: NumberKind) -> &'static str {
        match k {
            NumberKind::Cardinal => "cardinal",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Approximate => "approximate",
        }
    }

    fn same(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(1.0)
    }

    #[test]
    fn number_table() {
        let mut failures = Vec::new();
        let mut count = 0;
        for (line, cols) in rows(TABLE) {
            count += 1;
            let [input, value, kind] = cols[..] else {
                failures.push(format!("line {line}: expected 3 columns"));
                continue;
            };
            let want: f64 = value.parse().expect("numbers.tsv values are numbers");
            match parse_number(input) {
                Some(m)
                    if same(m.value, want)
                        && kind_name(m.kind) == kind
                        && m.start == 0
                        && m.end == input.len() => {}
                got => failures.push(format!(
                    "line {line}: {input:?}: want {want} {kind}, got {:?}",
                    got.map(|m| (m.value, kind_name(m.kind)))
                )),
            }
        }
        assert!(count >= 120, "numbers.tsv has {count} rows");
        assert!(
            failures.is_empty(),
            "{} of {count} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn numbers_in_text_table() {
        let mut failures = Vec::new();
        for (line, cols) in rows(IN_TEXT) {
            let [sentence, expected] = cols[..] else {
                failures.push(format!("line {line}: expected 2 columns"));
                continue;
            };
            let got: Vec<String> = find_numbers(sentence)
                .iter()
                .map(|m| format!("{}={}", &sentence[m.start..m.end], m.value))
                .collect();
            let want: Vec<String> = if expected == "-" {
                Vec::new()
            } else {
                expected.split(';').map(|s| s.trim().to_string()).collect()
            };
            if got != want {
                failures.push(format!(
                    "line {line}: {sentence:?}\n  want {want:?}\n  got  {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(s in "\\PC{0,60}") {
            let got = find_numbers(&s);
            for (i, m) in got.iter().enumerate() {
                proptest::prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end) && m.start < m.end);
                proptest::prop_assert!(!m.value.is_nan());
                if i > 0 {
                    proptest::prop_assert!(got[i - 1].end <= m.start);
                }
            }
            let _ = parse_number(&s);
        }

        #[test]
        fn number_like_text_is_safe(words in proptest::collection::vec(proptest::sample::select(vec![
            "un", "une", "et", "vingt", "quatre", "cent", "cents", "mille", "million", "milliards", "dix", "sept",
            "soixante", "-", "(", ")", "11", "2.000", "16", "000", "1,8", ",", "de", "des", "dizaines", "milliers",
            "premier", "seconde", "ième", "e", "neuf", "Onze", "virgule", "k", "1er", "\u{a0}", "\u{202f}",
        ]), 0..25), glue in proptest::collection::vec(proptest::sample::select(vec!["", " ", "-", "  "]), 25)) {
            let mut s = String::new();
            for (w, g) in words.iter().zip(&glue) {
                s.push_str(w);
                s.push_str(g);
            }
            for m in find_numbers(&s) {
                proptest::prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end) && m.start < m.end);
            }
            let _ = parse_number(&s);
        }

        #[test]
        fn sparse_atoms_agree_on_number_like_text(words in proptest::collection::vec(proptest::sample::select(vec![
            "un", "une", "Une", "et", "vingt", "quatre", "cent", "mille", "million", "millions", "dix", "sept", "Sept",
            "-", "(", ")", "11", "1", "2.000", "000", ",", ".", "de", "des", "dizaines", "milliers", "premier",
            "seconde", "secondes", "neuf", "Onze", "virgule", "k", "1er", "demi", "petite", "pour", "les", "a",
            "Nord", "maisons", "soldats", "Trois", "quelques", "plusieurs", "x", "\u{a0}", "\n", "é", "ème",
        ]), 0..40), glue in proptest::collection::vec(proptest::sample::select(vec!["", " ", " ", " ", "-", "  "]), 40)) {
            let mut s = String::new();
            for (w, g) in words.iter().zip(&glue) {
                s.push_str(w);
                s.push_str(g);
            }
            proptest::prop_assert_eq!(find_numbers(&s), find_numbers_reference(&s), "{:?}", s);
        }
    }

    /// Texts where the sparse atoms' windows are tight: a number starting
    /// two atoms before its trigger and capitalised mid-sentence (needs
    /// the atom before it), hyphen-glued words right after a number's
    /// weak tail (needs the atoms after it).
    const WINDOW_EDGES: &[&str] = &[
        "il y avait Une petite dizaine de blessés",
        "il y avait une petite dizaine de blessés",
        "Il y a Un virgule un pour cent, et un virgule un.",
        "des dizaines de milliers-Nord et des dizaines de milliers.",
        "vingt et un-Nord est une ville du coin, où sont passés vingt et un (21) élèves",
        "un (1) homme, une (1) femme, un million, des millions, un Million",
        "les Mille Collines, à Trois-Rivières, -12 et 3-4, ,08 et ,5",
        "12 millions et demi-Sud, 2,5 k, 3 k-Nord, 10 sept. 2024, sept.",
        "un un un un un un un un un un un un un un un un un un un deux",
        "Un virgule un un un un un un un un un un un un un un un un un un un un.",
        "un virgule une une une une une une une une une une une une une une une.",
        "un virgule UN Un ún Ún un un un un un un un un un un un un un un un ún.",
        "Une Une Une Une Une Une Une Une Une Une Une Une Une. Une dizaine",
        "le premier, la seconde, quelques secondes, quatre-vingt-dix-neuvièmes",
        "QUATRE-VINGTS, Quatre-Vingts, Dix-Sept, DOUZIÈME, Œuvre, Deuxième",
    ];

    /// Numbers read sentence by sentence are the whole text's numbers in
    /// those sentences: what `find_numbers_within` relies on.
    #[test]
    fn within_is_whole() {
        let mut texts: Vec<String> = WINDOW_EDGES.iter().map(|s| s.to_string()).collect();
        texts.extend(crate::fixture_articles());
        let mut numbers = 0;
        for t in &texts {
            let spans: Vec<_> = crate::tokenize::tokenize(t)
                .sentences
                .iter()
                .map(|s| s.start..s.end)
                .collect();
            let whole: Vec<NumberMatch> = find_numbers(t)
                .into_iter()
                .filter(|n| spans.iter().any(|r| r.start <= n.start && n.end <= r.end))
                .collect();
            assert_eq!(find_numbers_within(t, &spans), whole, "{t:?}");
            numbers += whole.len();
        }
        assert!(numbers > 300, "{numbers}");
    }

    fn sparse_agrees(text: &str) -> Result<(), String> {
        let (fast, slow) = (find_numbers(text), find_numbers_reference(text));
        if fast == slow {
            Ok(())
        } else {
            Err(format!(
                "{text:?}\n  sparse    {fast:?}\n  reference {slow:?}"
            ))
        }
    }

    #[test]
    fn sparse_atoms_read_what_all_atoms_read() {
        let mut texts: Vec<String> = WINDOW_EDGES.iter().map(|s| s.to_string()).collect();
        texts.extend(crate::fixture_articles());
        for (_, cols) in rows(IN_TEXT).chain(rows(TABLE)) {
            texts.push(cols[0].to_string());
        }
        let mut failures = Vec::new();
        for t in &texts {
            if let Err(e) = sparse_agrees(t) {
                failures.push(e);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // The edge cases read numbers (the test is not vacuous).
        for t in &WINDOW_EDGES[1..] {
            assert!(!find_numbers_reference(t).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn window_edges_need_their_margins() {
        // What the reference reads on the edge cases that a narrower
        // window would read differently.
        let spans = |t: &str| find_numbers_reference(t).len();
        assert_eq!(spans(WINDOW_EDGES[0]), 0);
        assert_eq!(spans(WINDOW_EDGES[1]), 1);
        assert_eq!(spans(WINDOW_EDGES[3]), 1);
        assert_eq!(spans(WINDOW_EDGES[4]), 1);
    }

    #[test]
    fn trigger_filter_is_its_definition() {
        let mut words: Vec<String> = trigger_candidates();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        for e in std::fs::read_dir(dir).unwrap() {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
            words.extend(t.split(|c: char| !c.is_alphanumeric()).map(str::to_string));
        }
        let mut triggers = 0;
        for w in &words {
            let key = crate::normalize::normalize(w);
            let want = is_trigger_word(&key);
            assert_eq!(is_trigger_key(key.as_bytes()), want, "{w:?}");
            triggers += usize::from(want);
        }
        assert!(triggers > 100);
        for w in [
            "un",
            "une",
            "et",
            "des",
            "plusieurs",
            "deux",
            "dizaines",
            "unieme",
            "virgule",
        ] {
            let want = !matches!(w, "un" | "une" | "et" | "des" | "plusieurs");
            assert_eq!(is_trigger_key(w.as_bytes()), want, "{w}");
        }
    }

    #[test]
    fn latin1_folds_are_fold_char() {
        for second in 0x80u8..0xc0 {
            let c = char::from_u32(0xc0 + u32::from(second - 0x80)).unwrap();
            let mut buf = [0u8; 4];
            assert_eq!(c.encode_utf8(&mut buf).as_bytes(), [0xc3, second]);
            let mut folded = String::new();
            fold_char(c, |f| folded.push(f));
            let single =
                is_letter(c) && folded.len() == 1 && folded.as_bytes()[0].is_ascii_lowercase();
            let want = if single { folded.as_bytes()[0] } else { 0 };
            assert_eq!(latin1_fold(second), want, "{c:?}");
        }
    }

    #[test]
    fn ascii_letters_end_is_a_byte_loop() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for &x in &bytes {
            for len in 0..20 {
                for at in [0, 3, 7, 8, 9, 15, 16] {
                    let mut b = vec![b'a'; len];
                    if at < len {
                        b[at] = x;
                    }
                    b.extend_from_slice(b"Zz");
                    for from in [0, 1, 5] {
                        let from = from.min(b.len());
                        let mut want = from;
                        while want < b.len() && b[want].is_ascii_alphabetic() {
                            want += 1;
                        }
                        assert_eq!(ascii_letters_end(&b, from), want, "{b:?} {from}");
                    }
                }
            }
        }
    }

    /// Whether `word` (a run of letters) is a trigger, by its definition.
    fn trigger_by_definition(word: &str) -> bool {
        let mut key = String::new();
        for c in word.chars() {
            fold_char(c, |f| key.push(f));
        }
        is_trigger_word(&key)
    }

    proptest::proptest! {
        #[test]
        fn word_scan_reads_what_folding_reads(parts in proptest::collection::vec(proptest::sample::select(vec![
            "deux", "DEUX", "Dix", "zéro", "ZÉRO", "quatri", "ème", "ÈME", "ièmes", "e", "i", "s", "x", "cent",
            "Œ", "œ", "æ", "ß", "ÿ", "Ÿ", "ñ", "\u{301}", "ĭ", "ǅ", "ﬁ", "virgule", "dizaine", "DIZAINES", "mill",
            "ier", "iard", "premi", "ère", "second", "onz", "é", "É", "à", "ç", "ø", "þ", "×", "a",
        ]), 1..6)) {
            let text: String = parts.concat();
            if !text.starts_with(|c: char| is_letter(c)) {
                return Ok(());
            }
            let w = word_at(&text, 0);
            let mut want_end = 0;
            for (i, c) in text.char_indices() {
                if !is_letter(c) {
                    break;
                }
                want_end = i + c.len_utf8();
            }
            proptest::prop_assert_eq!(w.end, want_end, "{:?}", text);
            proptest::prop_assert_eq!(
                word_is_trigger(&text, 0, w),
                trigger_by_definition(&text[..w.end]),
                "{:?}", text
            );
        }

        #[test]
        fn sparse_atoms_agree_on_any_text(s in "\\PC{0,80}") {
            proptest::prop_assert_eq!(find_numbers(&s), find_numbers_reference(&s), "{:?}", s);
        }

        #[test]
        fn sparse_atoms_agree_on_accented_text(words in proptest::collection::vec(proptest::sample::select(vec![
            "Deuxième", "DEUXIÈME", "zéro", "Zéro", "ZÉRO", "quatrième", "vingtième", "Dizaine", "dizaines",
            "été", "Été", "ÉTÉ", "œuvre", "Œuvre", "millième", "centième", "premières", "Première", "cinquième",
            "un", "une", "et", "des", "de", "12", "3", "2.000", ",", "-", "virgule", "mille", "milliers",
            "\u{a0}", "\n", "trois", "Trois", "neuf", "sept", ".", "seconde", "l’", "«", "»", "x", "é",
        ]), 0..30), glue in proptest::collection::vec(proptest::sample::select(vec!["", " ", " ", " ", "-", "  "]), 30)) {
            let mut s = String::new();
            for (w, g) in words.iter().zip(&glue) {
                s.push_str(w);
                s.push_str(g);
            }
            proptest::prop_assert_eq!(find_numbers(&s), find_numbers_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn is_letter_agrees_with_its_definition() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let letter = c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c);
            assert_eq!(is_letter(c), letter, "{c:?}");
        }
    }

    #[test]
    fn never_panics_and_spans_are_char_boundaries() {
        let samples = [
            "",
            "-",
            "moins",
            "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999 morts",
            "1e999 ,5 , 1,,2 1.2.3. 1 000 000 000 000 000 000 000 milliards de milliards",
            "mille milliards de millions de milliers",
            "ﬁ 𝟙𝟚 ١٢ 12ᵉ 1ᵉʳ ½ 十 — – ‑ Onze (11 (11) (",
            "e\u{301} un\u{301} quatre-\u{300}vingt",
            "des dizaines de",
            "une",
            "(",
        ];
        for s in samples {
            for m in find_numbers(s) {
                assert!(
                    s.is_char_boundary(m.start) && s.is_char_boundary(m.end) && m.start < m.end,
                    "{s:?}"
                );
                assert!(!m.value.is_nan());
            }
            let _ = parse_number(s);
            for (i, _) in s.char_indices() {
                let _ = parse_number(&s[i..]);
                let _ = find_numbers(&s[i..]);
            }
        }
    }
}
