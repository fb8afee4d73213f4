//! Recognition: a view of the tokens with folded keys, and hand-written
//! matchers that turn token runs into unresolved expressions (`Ex`).
//!
//! Matchers are tried at every token; the scanner keeps the longest match,
//! so "lundi 22 décembre 2025" wins over "lundi" and "22 décembre".

use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};
use regex::Regex;

use crate::numbers::{parse_number, starts_like_number};
use crate::record::Grain;
use crate::tokenize::{Token, TokenKind, Tokens};
use crate::word_shapes::WordShapes;

/// A unit that relative expressions count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub(crate) fn grain(self) -> Grain {
        match self {
            Unit::Day => Grain::Day,
            Unit::Week => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
        }
    }
}

/// Which occurrence of a weekday or month is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// No marker: the news policy decides (past, unless the context is future).
    Bare,
    /// "dernier", "passé": strictly before the publication date.
    Last,
    /// "prochain": strictly after the publication date.
    Next,
    /// "ce jeudi": inside the publication's ISO week.
    This,
    /// "le mardi suivant": strictly after the previous date of the text.
    AfterPrev,
    /// "le mardi précédent": strictly before the previous date of the text.
    BeforePrev,
    /// "mardi de la semaine prochaine": in the week `n` weeks from publication.
    InWeek(i64),
    /// "mardi de la semaine suivante": in the week after the previous date's.
    InWeekPrev(i64),
    /// "lundi en huit" (1), "lundi en quinze" (2): the next such day, on or
    /// after publication, plus `n` weeks.
    Eight(i64),
}

/// A part of a month: "le premier jour", "la dernière semaine", "le 3e jour",
/// "le premier mercredi" (`NthWeekday(1, Wed)`; -1 for the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    NthDay(u32),
    NthWeekday(i32, Weekday),
    LastDay,
    FirstWeek,
    LastWeek,
}

/// An expression as written, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ex {
    /// A calendar day; `y` is None when the text gives no year.
    Day {
        y: Option<i32>,
        m: u32,
        d: u32,
        wd: Option<Weekday>,
    },
    /// "mercredi 13": a day number checked by its weekday, month unknown.
    DayOfMonth {
        d: u32,
        wd: Weekday,
    },
    /// A bare day number inside a range ("du 3 au 5 mai"); never emitted alone.
    BareDay(u32),
    Month {
        y: Option<i32>,
        m: u32,
        rel: Rel,
    },
    Year(i32),
    /// A season (`s`: 0 winter, 1 spring, 2 summer, 3 autumn): "l'été
    /// dernier", "au printemps 2026".
    Season {
        y: Option<i32>,
        s: u32,
        rel: Rel,
    },
    /// A quarter (`q` 1–4): "au premier trimestre 2027", "le dernier trimestre".
    Quarter {
        y: Option<i32>,
        q: u32,
        rel: Rel,
    },
    /// First year of the decade.
    Decade(i32),
    /// First year of the ISO century (1900 for "XXe siècle").
    Century(i32),
    Weekday {
        wd: Weekday,
        rel: Rel,
    },
    /// `n` units from the publication date, or from the previous date of
    /// the text when `prev`.
    Shift {
        unit: Unit,
        n: i64,
        prev: bool,
    },
    /// "le week-end dernier" (-1), "ce week-end" (0), "le week-end prochain" (+1).
    Weekend(i64),
    /// "le 16," alone: a day of the publication month (or the one before).
    DayOnly(u32),
    /// A feast tied to Easter, `offset` days from Easter Sunday.
    Easter {
        y: Option<i32>,
        offset: i64,
    },
    /// "la première semaine d'octobre 2014", "le dernier jour de mars".
    MonthPart {
        y: Option<i32>,
        m: u32,
        part: Part,
    },
    /// "le premier mercredi du mois prochain": a part of a month given by a
    /// month expression (`Month` or a month `Shift`).
    PartOf(Part, Box<Ex>),
    /// "la semaine du 6 octobre": the week of a day.
    WeekOf(Box<Ex>),
    /// "ces derniers mois", "il y a quelques jours": a period with no value.
    Vague {
        grain: Grain,
        prev: bool,
    },
    Range(Box<Ex>, Box<Ex>),
    From(Box<Ex>),
    Until(Box<Ex>),
}

impl Ex {
    pub(crate) fn grain(&self) -> Grain {
        match self {
            Ex::Day { .. }
            | Ex::DayOfMonth { .. }
            | Ex::BareDay(_)
            | Ex::Weekday { .. }
            | Ex::DayOnly(_)
            | Ex::Easter { .. } => Grain::Day,
            Ex::MonthPart {
                part: Part::FirstWeek | Part::LastWeek,
                ..
            }
            | Ex::WeekOf(_) => Grain::Week,
            Ex::MonthPart { .. } | Ex::PartOf(..) => Grain::Day,
            Ex::Month { .. } => Grain::Month,
            Ex::Season { .. } => Grain::Season,
            Ex::Quarter { .. } => Grain::Quarter,
            Ex::Year(_) => Grain::Year,
            Ex::Decade(_) => Grain::Decade,
            Ex::Century(_) => Grain::Century,
            Ex::Shift { unit, .. } => unit.grain(),
            Ex::Weekend(_) => Grain::Week,
            Ex::Vague { grain, .. } => *grain,
            Ex::Range(_, b) | Ex::Until(b) => b.grain(),
            Ex::From(a) => a.grain(),
        }
    }

    /// Whether the expression names one period (what "depuis", "jusqu'à"
    /// and range ends accept).
    fn is_point(&self) -> bool {
        !matches!(
            self,
            Ex::Vague { .. } | Ex::Range(..) | Ex::From(_) | Ex::Until(_) | Ex::BareDay(_)
        )
    }
}

/// A token with its folded key (lowercase, no accents, straight apostrophe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) key: &'a str,
    pub(crate) num: bool,
    pub(crate) word: bool,
}

/// Lowercases and strips French diacritics so headlines in capitals and
/// unaccented copy ("FEVRIER", "aout") match the same keys.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    folded_chars(s, |c| {
        out.push(c);
        true
    });
    out
}

/// Feeds `emit` the chars of [`fold`] of `s`, while it returns true;
/// returns whether it always did.
#[inline]
fn folded_chars(s: &str, mut emit: impl FnMut(char) -> bool) -> bool {
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        for l in c.to_lowercase() {
            let folded = match l {
                'à' | 'â' | 'ä' | 'á' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' | 'í' => 'i',
                'ô' | 'ö' | 'ó' => 'o',
                'ù' | 'û' | 'ü' | 'ú' => 'u',
                'ç' => 'c',
                'ÿ' => 'y',
                '’' | 'ʼ' | '‘' | '´' => '\'',
                '\u{2010}' | '\u{2011}' => '-',
                x => x,
            };
            if !emit(folded) {
                return false;
            }
        }
    }
    true
}

/// Whether [`fold`] of `s` is `key`, without building it (the view asks
/// it of every token [`shares_key`] cannot vouch for).
fn fold_is(s: &str, key: &str) -> bool {
    let mut key = key.chars();
    folded_chars(s, |c| key.next() == Some(c)) && key.next().is_none()
}

/// [`fold`], borrowing `s` when folding leaves it unchanged (lowercase
/// ASCII: most words of running text) and taking an ASCII fast path.
fn fold_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            return std::borrow::Cow::Owned(s.to_ascii_lowercase());
        }
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(fold(s))
}

/// Whether [`fold`] and [`crate::normalize::fold_char`] (the token keys of
/// [`Tokens`]) give `c` the same key: ASCII but '`' (white space never
/// reaches here), the accented letters `fold` strips, apostrophes and
/// hyphens both straighten, and combining accents both drop.
fn folds_alike(c: char) -> bool {
    match c {
        '`' => false,
        c if c.is_ascii() => !c.is_ascii_whitespace(),
        'à' | 'â' | 'ä' | 'á' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï' | 'í' | 'ô' | 'ö' | 'ó' | 'ù'
        | 'û' | 'ü' | 'ú' | 'ç' | 'ÿ' => true,
        'À' | 'Â' | 'Ä' | 'Á' | 'É' | 'È' | 'Ê' | 'Ë' | 'Î' | 'Ï' | 'Í' | 'Ô' | 'Ö' | 'Ó' | 'Ù'
        | 'Û' | 'Ü' | 'Ú' | 'Ç' | 'Ÿ' => true,
        '’' | 'ʼ' | '‘' | '´' | '\u{2010}' | '\u{2011}' => true,
        '\u{300}'..='\u{36f}' => true,
        _ => false,
    }
}

/// Whether a token's text is one piece whose key is the one `tokenize`
/// folded: ASCII with no white space and no '`' (the one ASCII char `fold`
/// and `fold_char` key differently), or else free of white space and made
/// of chars both folds key alike.
fn shares_key(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    // The common cases, on bytes: ASCII, one table lookup per byte, and
    // the accented letters of French (two bytes, the first 0xC3).
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            x if x < 0x80 => {
                if !PLAIN[usize::from(x)] {
                    return false;
                }
                i += 1;
            }
            0xC3 if b
                .get(i + 1)
                .is_some_and(|&y| LATIN1_ALIKE & (1 << (y & 63)) != 0 && y >= 0x80) =>
            {
                i += 2;
            }
            _ => break,
        }
    }
    i == b.len()
        || text[i..]
            .chars()
            .all(|c| folds_alike(c) && !c.is_whitespace())
}

/// The chars U+00C0 to U+00FF [`folds_alike`] accepts, by their second
/// UTF-8 byte (after 0xC3) modulo 64: bit `n` for U+00C0 + `n`.
const LATIN1_ALIKE: u64 = {
    let mut bits = 0u64;
    let alike = "àâäáéèêëîïíôöóùûüúçÿÀÂÄÁÉÈÊËÎÏÍÔÖÓÙÛÜÚÇ".as_bytes();
    let mut i = 0;
    while i < alike.len() {
        assert!(alike[i] == 0xC3);
        bits |= 1 << (alike[i + 1] & 63);
        i += 2;
    }
    bits
};

/// ASCII bytes that are neither white space nor '`'.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(
            b as u8,
            b'`' | b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'
        );
        b += 1;
    }
    t
};

/// Whether the token starting at byte `start` of `body` is a number and
/// whether it is a word, by its first char.
#[inline]
fn kind_at(body: &str, start: usize) -> (bool, bool) {
    // `start` is a char boundary of the body, before a non-empty span.
    let b = body.as_bytes()[start];
    if b.is_ascii() {
        (b.is_ascii_digit(), b.is_ascii_alphabetic())
    } else {
        let c = body[start..].chars().next().unwrap_or(' ');
        (false, crate::tokenize::is_alphabetic(c))
    }
}

/// The token view the parser reads: per entry, a token's bounds, kind, key
/// (folded) and sentence, as a [`Tok`] built at each read from arrays the
/// tokenizer already holds. Nothing is built per token but the sentence
/// numbers: most tokens are never read (the scanner only looks near a
/// [core](is_core_word), see [`Parser::scan_near`]), so a view with an
/// entry of its own per token cost more than all the matching.
///
/// Entries are the tokens of [`Tokens`], their keys [`Tokens::keys`], except
/// for the rare tokens whose key is not the one [`fold`] gives (see
/// [`view`]). When there are any, the view reads copies of the tokenizer's
/// arrays with those tokens' entries replaced (bulk copies: cheap).
///
/// `num` and `word` are read off the token kinds, which say exactly that
/// for the tokens of [`tokenize`](crate::tokenize::tokenize) (a number
/// starts with an ASCII digit, a word or elision with a letter); entries
/// made here get the kind of their first char ([`kind_at`]).
pub(crate) struct View<'a> {
    toks: &'a [Token],
    /// The span of each entry's key in `arena`.
    spans: &'a [(u32, u32)],
    arena: &'a str,
    /// The sentence of each entry.
    sent: &'a [u32],
}

impl<'a> View<'a> {
    /// How many entries the view has.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Entry `i`, if there is one.
    #[inline(always)]
    pub(crate) fn get(&self, i: usize) -> Option<Tok<'a>> {
        let t = self.toks.get(i)?;
        Some(Tok {
            start: t.start,
            end: t.end,
            key: self.key_of(i),
            num: t.kind == TokenKind::Number,
            word: matches!(t.kind, TokenKind::Word | TokenKind::Elision),
        })
    }

    /// Whether entry `i`, which must exist, is a word (see [`Tok::word`]).
    #[inline(always)]
    pub(crate) fn is_word(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, TokenKind::Word | TokenKind::Elision)
    }

    /// The sentence of entry `i`, which must exist: apart from [`Tok`], as
    /// few reads ask for it.
    #[inline(always)]
    pub(crate) fn sent(&self, i: usize) -> usize {
        self.sent[i] as usize
    }

    /// The key of entry `i`, if there is one.
    #[inline(always)]
    pub(crate) fn key(&self, i: usize) -> Option<&'a str> {
        (i < self.spans.len()).then(|| self.key_of(i))
    }

    /// The key of entry `i`, which must exist.
    #[inline(always)]
    fn key_of(&self, i: usize) -> &'a str {
        let (a, b) = self.spans[i];
        &self.arena[a as usize..b as usize]
    }

    /// Every entry, in order.
    #[cfg(test)]
    pub(crate) fn to_vec(&self) -> Vec<(Tok<'a>, usize)> {
        (0..self.len())
            .map(|i| (self.at(i), self.sent(i)))
            .collect()
    }

    /// Entry `i`, which must exist (it panics otherwise, as indexing would).
    #[inline(always)]
    pub(crate) fn at(&self, i: usize) -> Tok<'a> {
        self.get(i).expect("an entry of the view")
    }
}

/// What a [`View`] cannot borrow from [`Tokens`]: the caller keeps it as
/// long as the view (and may reuse it for the next body).
#[derive(Debug, Default)]
pub(crate) struct ViewBuf {
    /// The sentence of each token.
    sent: Vec<u32>,
    /// The keys of the tokens [`view`] replaces, and their entries, as
    /// (start, end, kind, span of the key in `own`).
    own: String,
    pieces: Vec<(usize, usize, TokenKind, (u32, u32))>,
    /// The replaced tokens, as (token index, range of `pieces`), in order.
    replaced: Vec<(usize, usize, usize)>,
    /// The view's arrays when some token is replaced.
    toks: Vec<Token>,
    spans: Vec<(u32, u32)>,
    arena: String,
    view_sent: Vec<u32>,
}

/// The kind [`View`] gives an entry starting at byte `start` of `body`,
/// by its first char (see [`kind_at`]).
fn entry_kind(body: &str, start: usize) -> TokenKind {
    match kind_at(body, start) {
        (true, _) => TokenKind::Number,
        (false, true) => TokenKind::Word,
        (false, false) => TokenKind::Punct,
    }
}

/// Builds the token view (see [`View`]) over `buf`. The tokens whose key is
/// not [`fold`]'s get entries of their own: tokens holding white space
/// (UAX #29 keeps a narrow no-break space inside a number run:
/// "22\u{202F}septembre"), split on it so the pieces match like ordinary
/// tokens, and tokens with a char `fold` keys differently from
/// [`crate::normalize::fold_char`] ("–", a dash `fold` keeps), keyed by
/// `fold`. Only the tokens `tokenize` folded can be such (the others are
/// plain ASCII, their key their text lowercased), and only the few of them
/// [`shares_key`] cannot vouch for are folded again. Without the
/// tokenizer's keys (`tokens` edited after `tokenize`), every token is
/// keyed here.
///
/// `cores` receives, in order, the index of every entry that is a number or
/// a [core word](is_core_word): the tokens one of which every date holds
/// (see [`Parser::scan_near`]).
pub(crate) fn view<'a>(
    body: &'a str,
    tokens: &'a Tokens,
    buf: &'a mut ViewBuf,
    cores: &mut Vec<usize>,
) -> View<'a> {
    cores.clear();
    buf.own.clear();
    buf.pieces.clear();
    buf.replaced.clear();
    let n = tokens.tokens.len();
    sentence_of_tokens(tokens, &mut buf.sent);
    let shared = tokens.keys.len() == n;
    let (karena, kspans) = if shared {
        tokens.keys.parts()
    } else {
        ("", &[][..])
    };
    let kbytes = karena.as_bytes();
    let mut spaced = tokens.keys.spaced().filter(|_| shared).peekable();
    // Entry index minus token index: what the replaced tokens before added
    // (a split token adds its pieces but one) or dropped.
    let mut shift = 0isize;
    // Whether every replaced token is one entry whose key is its text with
    // ASCII lowercased ("–", a dash `fold` keeps; "vœux"): the start of the
    // arena, so only their key spans change.
    let mut spans_only = true;
    for (i, t) in tokens.tokens.iter().enumerate() {
        if shared {
            let (a, b) = (kspans[i].0 as usize, kspans[i].1 as usize);
            if a < body.len() {
                // Plain ASCII (the body lowercased starts the arena): the
                // common case, tested on bytes before any `&str` is made.
                let k = &kbytes[a..b];
                if k.first().is_some_and(u8::is_ascii_digit)
                    || (may_be_core(k) && is_core_word(&karena[a..b]))
                {
                    cores.push(i.wrapping_add_signed(shift));
                }
                continue;
            }
            let is_spaced = spaced.next_if_eq(&i).is_some();
            if !is_spaced {
                if let Some(text) = body.get(t.start..t.end) {
                    let key = &karena[a..b];
                    // (White space inside is always split: see `pieces`.)
                    let same = shares_key(text)
                        || (fold_is(text, key) && !text.contains(char::is_whitespace));
                    if same {
                        // (`may_be_core` reads a key as the lowercase
                        // text it is.)
                        let core = may_be_core(key.as_bytes()) && is_core_word(key);
                        if t.kind == TokenKind::Number || core {
                            cores.push(i.wrapping_add_signed(shift));
                        }
                        continue;
                    }
                }
            }
        }
        // An entry of its own for each piece of the token.
        let first = buf.pieces.len();
        if let Some(text) = body.get(t.start..t.end) {
            let mut piece = |start: usize, raw: &str| {
                let kind = entry_kind(body, start);
                let key = fold_cow(raw);
                if kind == TokenKind::Number || is_core_word(&key) {
                    cores.push((i + buf.pieces.len() - first).wrapping_add_signed(shift));
                }
                let at = buf.own.len() as u32;
                buf.own.push_str(&key);
                let span = (at, buf.own.len() as u32);
                buf.pieces.push((start, start + raw.len(), kind, span));
            };
            for (off, raw) in pieces(text) {
                piece(t.start + off, raw);
            }
        }
        let added = buf.pieces.len() - first;
        spans_only &= shared
            && added == 1
            && karena.get(t.start..t.end) == Some(&buf.own[buf.pieces[first].3 .0 as usize..]);
        buf.replaced.push((i, first, buf.pieces.len()));
        shift += added as isize - 1;
    }
    let buf: &'a mut ViewBuf = buf;
    if buf.replaced.is_empty() {
        return View {
            toks: &tokens.tokens,
            spans: kspans,
            arena: karena,
            sent: &buf.sent,
        };
    }
    if spans_only {
        // The most frequent case after the first (more than half the
        // articles of a wire have a dash): a copy of the spans alone.
        buf.spans.clear();
        buf.spans.extend_from_slice(kspans);
        for &(i, ..) in &buf.replaced {
            let t = tokens.tokens[i];
            buf.spans[i] = (t.start as u32, t.end as u32);
        }
        return View {
            toks: &tokens.tokens,
            spans: &buf.spans,
            arena: karena,
            sent: &buf.sent,
        };
    }
    // Copies of the tokenizer's arrays, the replaced tokens' entries
    // spliced in, their keys after the tokenizer's.
    let ViewBuf {
        sent,
        own,
        pieces: all_pieces,
        replaced,
        toks,
        spans,
        arena,
        view_sent,
    } = buf;
    toks.clear();
    spans.clear();
    view_sent.clear();
    arena.clear();
    arena.push_str(karena);
    let base = arena.len() as u32;
    arena.push_str(own);
    let mut from = 0;
    for &(i, p0, p1) in replaced.iter() {
        if from < i {
            // Without the tokenizer's keys, every token is replaced.
            toks.extend_from_slice(&tokens.tokens[from..i]);
            spans.extend_from_slice(&kspans[from..i]);
            view_sent.extend_from_slice(&sent[from..i]);
        }
        for &(start, end, kind, (a, b)) in &all_pieces[p0..p1] {
            toks.push(Token { start, end, kind });
            spans.push((base + a, base + b));
            view_sent.push(sent[i]);
        }
        from = i + 1;
    }
    if from < n {
        toks.extend_from_slice(&tokens.tokens[from..]);
        spans.extend_from_slice(&kspans[from..]);
        view_sent.extend_from_slice(&sent[from..]);
    }
    View {
        toks,
        spans,
        arena,
        sent: view_sent,
    }
}

/// The pieces of a token's text between white space, with their offsets.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|p| !p.is_empty())
        .map(move |p| (p.as_ptr() as usize - text.as_ptr() as usize, p))
}

/// Fills `out` with the sentence of each token: the first sentence whose
/// tokens end after it, the last one for tokens after every sentence, 0
/// when there is none.
fn sentence_of_tokens(tokens: &Tokens, out: &mut Vec<u32>) {
    let n = tokens.tokens.len();
    out.clear();
    let last = tokens.sentences.len().saturating_sub(1);
    for (s, sentence) in tokens.sentences.iter().enumerate() {
        let to = if s == last {
            n
        } else {
            sentence.tokens.end.min(n)
        };
        if to > out.len() {
            out.resize(to, s as u32);
        }
    }
    out.resize(n, 0);
}

/// The token view as it was built before [`View`] read the tokenizer's
/// arrays, each entry with its sentence: one `Tok` per token, keyed as
/// `tokenize` folded it. The rare tokens whose key is not `tokenize`'s get one of their own,
/// folded into `own` (which the caller keeps alive as long as the view):
/// tokens holding white space (UAX #29 keeps a narrow no-break space inside
/// a number run: "22\u{202F}septembre"), split on it so the pieces match
/// like ordinary tokens, and tokens with a char `fold` keys differently.
/// Every key is then a plain `&str`, and the view needs no drop pass.
///
/// `cores` receives, in order, the index of every token that is a number or
/// a [core word](is_core_word): the tokens one of which every date holds
/// (see [`Parser::scan_near`]). Noting them here, while each key is at
/// hand, spares the scanner a pass over the view.
#[cfg(test)]
pub(crate) fn view_reference<'a>(
    body: &'a str,
    tokens: &'a Tokens,
    own: &'a mut String,
    cores: &mut Vec<usize>,
) -> Vec<(Tok<'a>, usize)> {
    own.clear();
    cores.clear();
    // Room for some split tokens: growing a long view copies all of it.
    let n = tokens.tokens.len();
    let mut out = Vec::with_capacity(n + n / 8 + 8);
    // Toks whose key is in `own`, as (index in `out`, range of `own`): they
    // hold an empty key until `own` is complete.
    let mut fixups: Vec<(usize, usize, usize)> = Vec::new();
    let shared_keys = tokens.keys.len() == tokens.tokens.len();
    let bytes = body.as_bytes();
    let mut sent = 0usize;
    for (ti, t) in tokens.tokens.iter().enumerate() {
        while sent + 1 < tokens.sentences.len() && tokens.sentences[sent].tokens.end <= ti {
            sent += 1;
        }
        // The common case first, on bytes: a token of plain ASCII (its
        // bounds are then char boundaries), keyed by `tokenize`.
        let plain = shared_keys
            && bytes
                .get(t.start..t.end)
                .is_some_and(|raw| !raw.is_empty() && raw.iter().all(|&b| PLAIN[usize::from(b)]));
        if plain {
            let key = tokens.keys.get(ti);
            push_tok(&mut out, cores, body, t.start, t.end, key, key, sent);
            continue;
        }
        let Some(text) = body.get(t.start..t.end) else {
            continue;
        };
        if shared_keys && shares_key(text) {
            let key = tokens.keys.get(ti);
            push_tok(&mut out, cores, body, t.start, t.end, key, key, sent);
            continue;
        }
        let mut own_piece = |out: &mut Vec<(Tok<'a>, usize)>,
                             cores: &mut Vec<usize>,
                             start: usize,
                             raw: &'a str| match fold_cow(raw) {
            std::borrow::Cow::Borrowed(key) => {
                push_tok(out, cores, body, start, start + raw.len(), key, raw, sent);
            }
            std::borrow::Cow::Owned(key) => {
                push_tok(out, cores, body, start, start + raw.len(), &key, "", sent);
                let at = own.len();
                own.push_str(&key);
                fixups.push((out.len() - 1, at, own.len()));
            }
        };
        let one_piece = !text.is_empty() && !text.chars().any(char::is_whitespace);
        if one_piece {
            own_piece(&mut out, cores, t.start, text);
            continue;
        }
        let mut piece: Option<usize> = None;
        for (off, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_whitespace() {
                if let Some(ps) = piece.take() {
                    own_piece(&mut out, cores, t.start + ps, &text[ps..off]);
                }
            } else if piece.is_none() {
                piece = Some(off);
            }
        }
    }
    let own: &'a String = own;
    for (i, a, b) in fixups {
        out[i].0.key = &own[a..b];
    }
    out
}

/// Pushes the token `start..end` of `body` to the view `out`, and its index
/// to `cores` if it is one. `key` says whether it is a core, `stored` is
/// what the view keeps (empty for a key of `own`, set once `own` is
/// complete).
#[cfg(test)]
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn push_tok<'a>(
    out: &mut Vec<(Tok<'a>, usize)>,
    cores: &mut Vec<usize>,
    body: &str,
    start: usize,
    end: usize,
    key: &str,
    stored: &'a str,
    sent: usize,
) {
    // `start` is a char boundary of the body, before a non-empty span.
    let b = body.as_bytes()[start];
    let (num, word) = if b.is_ascii() {
        (b.is_ascii_digit(), b.is_ascii_alphabetic())
    } else {
        let c = body[start..].chars().next().unwrap_or(' ');
        (false, crate::tokenize::is_alphabetic(c))
    };
    if num || is_core_word(key) {
        cores.push(out.len());
    }
    out.push((
        Tok {
            start,
            end,
            key: stored,
            num,
            word,
        },
        sent,
    ));
}

/// Bits naming the matchers of [`Parser::atom`] (and [`Parser::interval`]).
///
/// Most tokens of running text start no date, yet trying every matcher at
/// every token was most of the parser's time. Each matcher needs its first
/// token to be one of a few words or a number, or (for three of them) the
/// token after it to be one of a few words: a necessary condition that a
/// token's key can tell ([`classify`], asked only at the tokens the scanner
/// tries, see [`Parser::scan_near`]). [`Parser::atom`] then
/// runs only the matchers whose bit is set. A bit is only ever a "maybe":
/// the matcher still checks everything itself, so a set bit never changes
/// a result, and a clear bit only skips a matcher that would have failed.
/// `dispatch_agrees_with_every_matcher` (tests) checks this on the fixtures.
mod can {
    pub(super) const NUMERIC: u32 = 1 << 0;
    pub(super) const DAY_DATE: u32 = 1 << 1;
    pub(super) const WEEKDAY: u32 = 1 << 2;
    pub(super) const MONTH_ATOM: u32 = 1 << 3;
    pub(super) const MODIFIED: u32 = 1 << 4;
    pub(super) const YEAR_ATOM: u32 = 1 << 5;
    pub(super) const DEICTIC: u32 = 1 << 6;
    pub(super) const THIS_PHRASE: u32 = 1 << 7;
    pub(super) const ARTICLE_PHRASE: u32 = 1 << 8;
    pub(super) const COUNTED: u32 = 1 << 9;
    pub(super) const VAGUE: u32 = 1 << 10;
    pub(super) const DECADE: u32 = 1 << 11;
    pub(super) const CENTURY: u32 = 1 << 12;
    pub(super) const DAY_ONLY: u32 = 1 << 13;
    pub(super) const SPACED_NUMERIC: u32 = 1 << 14;
    pub(super) const HOLIDAY: u32 = 1 << 15;
    pub(super) const MONTH_PART: u32 = 1 << 16;
    pub(super) const INTERVAL: u32 = 1 << 17;
    pub(super) const SEASON: u32 = 1 << 18;
    /// What a number (a token starting with a digit) may start.
    pub(super) const NUMBER: u32 = NUMERIC | DAY_DATE | YEAR_ATOM | DAY_ONLY | SPACED_NUMERIC;
}

/// Words that may start (`.0`) or may follow the start of (`.1`) an
/// expression, with the [`can`] bits of the matchers that need them. Each
/// list mirrors the first test of its matcher; keep them in step.
static WORD_BITS: LazyLock<WordBits> = LazyLock::new(|| {
    let mut m: rustc_hash::FxHashMap<&'static str, (u32, u32)> = Default::default();
    let mut starts = |words: &[&'static str], bits: u32| {
        for w in words {
            m.entry(*w).or_default().0 |= bits;
        }
    };
    const WEEKDAYS: &[&str] = &[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const UNITS: &[&str] = &[
        "jour", "jours", "journee", "journees", "semaine", "semaines", "mois", "an", "ans",
        "annee", "annees",
    ];
    // `weekday_at`: the names, and abbreviations before a point.
    starts(WEEKDAYS, can::DAY_DATE | can::WEEKDAY);
    starts(
        &["lun", "mer", "jeu", "ven", "sam", "dim"],
        can::DAY_DATE | can::WEEKDAY,
    );
    // `daynum` in words.
    starts(&["1er", "1re", "1ere", "premier"], can::DAY_DATE);
    // `month_at`: full names and abbreviations.
    starts(&MONTHS, can::MONTH_ATOM);
    starts(
        &[
            "janv", "jan", "fevr", "fev", "avr", "juil", "sept", "oct", "nov", "dec",
        ],
        can::MONTH_ATOM,
    );
    starts(&["mi", "debut", "fin"], can::MODIFIED);
    starts(
        &[
            "en",
            "jour",
            "week-end",
            "weekend",
            "hier",
            "avant-hier",
            "aujourd'hui",
            "demain",
            "apres-demain",
            "lendemain",
            "surlendemain",
        ],
        can::DEICTIC,
    );
    starts(&["dans", "ce", "cet", "cette"], can::THIS_PHRASE);
    starts(
        &["le", "la", "l'", "mois", "semaine", "an", "annee"],
        can::ARTICLE_PHRASE,
    );
    // `counted` and the words `count` reads itself; any other count
    // needs a unit after it (see `leads` below).
    starts(
        &[
            "il",
            "dans",
            "d'",
            "quelques",
            "plusieurs",
            "plus",
            "pres",
            "moins",
            "environ",
            "une",
        ],
        can::COUNTED,
    );
    starts(&["ces", "les"], can::VAGUE);
    starts(&["annees"], can::DECADE);
    // `season`: the season names, and the ordinal before "trimestre".
    starts(&SEASONS, can::SEASON);
    starts(
        &[
            "jour",
            "nouvel",
            "fete",
            "noel",
            "toussaint",
            "saint-sylvestre",
            "paques",
            "lundi",
            "vendredi",
            "pentecote",
            "ascension",
        ],
        can::HOLIDAY,
    );
    starts(
        &["depuis", "a", "jusqu'", "d'", "du", "de", "entre"],
        can::INTERVAL,
    );
    let mut leads = |words: &[&'static str], bits: u32| {
        for w in words {
            m.entry(*w).or_default().1 |= bits;
        }
    };
    leads(&["siecle"], can::CENTURY);
    leads(&["trimestre"], can::SEASON);
    leads(&SEASONS, can::SEASON);
    leads(
        &[
            "premier",
            "1er",
            "deuxieme",
            "second",
            "2e",
            "troisieme",
            "3e",
            "quatrieme",
            "4e",
            "dernier",
        ],
        can::SEASON,
    );
    leads(WEEKDAYS, can::MONTH_PART);
    leads(&["jour", "semaine"], can::MONTH_PART);
    leads(UNITS, can::COUNTED);
    // Most words of running text are none of these: a (first byte, last
    // byte, length) bitmap turns them away before hashing.
    let ends = m
        .keys()
        .fold(WordShapes::new(), |t, k| t.with(k.as_bytes()));
    WordBits { map: m, ends }
});

struct WordBits {
    map: rustc_hash::FxHashMap<&'static str, (u32, u32)>,
    /// The shapes of the words of `map`.
    ends: WordShapes,
}

impl WordBits {
    #[inline]
    fn get(&self, key: &str) -> (u32, u32) {
        if !self.ends.may_hold(key.as_bytes()) {
            return (0, 0);
        }
        self.map.get(key).copied().unwrap_or((0, 0))
    }
}

/// The [`can`] bits of a token: what an expression starting on it may be
/// (`.0`), and what one starting on the token before it may be (`.1`).
fn classify(key: &str, num: bool) -> (u32, u32) {
    let (mut starts, leads) = WORD_BITS.get(key);
    if num {
        starts |= can::NUMBER;
    }
    // Compounds: "juillet-août" (`month_atom`), "mi-mars" (`modified`):
    // none is shorter than "mi-mai", all start with the initial of a month.
    let compound = key.len() >= 6
        && matches!(
            key.as_bytes()[0],
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
        && key.as_bytes().contains(&b'-');
    if compound {
        if let Some((a, b)) = key.split_once('-') {
            if month_full(a).is_some() && month_full(b).is_some() {
                starts |= can::MONTH_ATOM;
            }
            if a == "mi" && month_full(b).is_some() {
                starts |= can::MODIFIED;
            }
        }
    }
    (starts, leads)
}

/// Words one of which every date expression holds, unless it holds a number
/// (a token starting with a digit): month and weekday names and their
/// abbreviations, deictic words, units, parts of the day after "ce", the
/// words of fixed phrases and feasts. Each matcher's first test that is not
/// a [glue word](is_glue) asks for one of them (or a number), so a run of
/// tokens with none of them holds no date: [`Parser::scan_near`] scans only
/// near them. Keep this list in step with the matchers;
/// `scan_near_equals_scan` (tests) checks it on the fixtures and on random
/// date-like text.
/// The seasons in calendar order from spring (see [`Parser::season`]).
const SEASONS: [&str; 4] = ["printemps", "ete", "automne", "hiver"];

const CORE_WORDS: &[&str] = &[
    // `season`
    "printemps",
    "ete",
    "automne",
    "hiver",
    "trimestre",
    // `month_at`, `month_atom`, `modified`, `range` (compounds are tested
    // apart, see `is_core_word`).
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "janv",
    "jan",
    "fevr",
    "fev",
    "avr",
    "juil",
    "sept",
    "oct",
    "nov",
    "dec",
    // `weekday_at` (and through it `day_date`, `weekday`, `this_phrase`,
    // `month_part`, `holiday`).
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    // `deictic`, `article_phrase`.
    "hier",
    "avant-hier",
    "aujourd'hui",
    "demain",
    "apres-demain",
    "lendemain",
    "surlendemain",
    "veille",
    "avant-veille",
    "moment",
    "nuit",
    // Units: `unit_of` (`counted`, `vague`), `modified`, `article_phrase`,
    // `this_phrase`, `month_part`, `decade`.
    "jour",
    "jours",
    "journee",
    "journees",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    // `this_phrase`.
    "matin",
    "soir",
    "midi",
    "apres-midi",
    "matinee",
    "soiree",
    "jour-la",
    "semaine-ci",
    "semaine-la",
    "mois-ci",
    "mois-la",
    "annee-ci",
    "annee-la",
    "week-end",
    "weekend",
    // `century`.
    "siecle",
    // `holiday`.
    "fete",
    "noel",
    "toussaint",
    "saint-sylvestre",
    "paques",
    "pentecote",
    "ascension",
];

/// For the first and last bytes of each word of [`CORE_WORDS`] (both
/// modulo 32), the set of its lengths (bit `n` for `n` bytes): most words of
/// running text, "les", "des", "au" among them, fail this test, far
/// cheaper than hashing them. (A table of first bytes alone let through
/// "les" as "lun", "des" as "dec".)
static CORE_ENDS: [[u32; 32]; 32] = {
    let mut t = [[0u32; 32]; 32];
    let mut w = 0;
    while w < CORE_WORDS.len() {
        let b = CORE_WORDS[w].as_bytes();
        assert!(!b.is_empty() && b.len() < 32);
        t[(b[0] & 31) as usize][(b[b.len() - 1] & 31) as usize] |= 1 << b.len();
        w += 1;
    }
    t
};

/// Whether the text of a token whose key is its text lowercased (plain
/// ASCII) may be a [core word](is_core_word): the quick tests of
/// `is_core_word`, on the text (`| 0x20` lowercases the letters they ask
/// for, and `& 31` ignores case).
#[inline(always)]
fn may_be_core(raw: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (raw.first(), raw.last()) else {
        return false;
    };
    let lens = CORE_ENDS[usize::from(first & 31)][usize::from(last & 31)];
    (raw.len() < 32 && lens & (1 << raw.len()) != 0)
        || (raw.len() >= 6 && may_be_compound(raw[0] | 0x20, raw[1] | 0x20))
}

/// Whether a key starting with these two bytes may be a compound of a
/// month or of "mi": they are "mi" or the first two letters of a month.
#[inline(always)]
fn may_be_compound(b0: u8, b1: u8) -> bool {
    matches!(
        (b0, b1),
        (b'm', b'i' | b'a')
            | (b'j', b'a' | b'u')
            | (b'f' | b's' | b'd', b'e')
            | (b'a', b'v' | b'o')
            | (b'o', b'c')
            | (b'n', b'o')
    )
}

/// [`CORE_WORDS`] as a set.
static CORE: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| CORE_WORDS.iter().copied().collect());

/// Whether a key is one of [`CORE_WORDS`], or a compound of a month
/// ("juillet-aout", `month_atom`) or of "mi" ("mi-mars", `modified`).
#[inline]
fn is_core_word(key: &str) -> bool {
    let b = key.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let lens = CORE_ENDS[usize::from(first & 31)][usize::from(last & 31)];
    if b.len() < 32 && lens & (1 << b.len()) != 0 && CORE.contains(key) {
        return true;
    }
    // Compounds: none is shorter than "mi-mai", all start with "mi" or the
    // first two letters of a month, and the hyphen comes after at most
    // nine letters.
    b.len() >= 6
        && may_be_compound(b[0], b[1])
        && b[2..10.min(b.len())]
            .iter()
            .position(|&x| x == b'-')
            .is_some_and(|at| {
                let first = &key[..2 + at];
                first == "mi" || month_full(first).is_some()
            })
}

/// [`is_core_word`] as it was, without its quick tests: the oracle.
#[cfg(test)]
fn is_core_word_reference(key: &str) -> bool {
    if CORE_WORDS.contains(&key) {
        return true;
    }
    let b = key.as_bytes();
    b.len() >= 6
        && matches!(b[0], b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
        && b[2..10.min(b.len())]
            .iter()
            .position(|&x| x == b'-')
            .is_some_and(|at| {
                let first = &key[..2 + at];
                first == "mi" || month_full(first).is_some()
            })
}

/// Words a date expression may hold before its first number or
/// [core word](is_core_word): openers of intervals ("à partir du", "jusqu'en",
/// "d'ici", "entre le"), articles and demonstratives, the words of counts
/// ("il y a plus de", "une dizaine de", "quelques"), "ces derniers", "le même
/// jour", "mi-", "début", "fin", "premier". (The token right before the
/// first core may be any word: a count, "deux jours", or an ordinal, "XXe
/// siècle".)
fn is_glue(key: &str) -> bool {
    matches!(
        key,
        "a" | "partir"
            | "compter"
            | "de"
            | "du"
            | "d'"
            | "le"
            | "l'"
            | "la"
            | "depuis"
            | "jusqu'"
            | "au"
            | "en"
            | "ici"
            | "entre"
            | "il"
            | "y"
            | "plus"
            | "moins"
            | "pres"
            | "environ"
            | "une"
            | "dizaine"
            | "quinzaine"
            | "vingtaine"
            | "trentaine"
            | "centaine"
            | "quelques"
            | "plusieurs"
            | "dans"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "les"
            | "derniers"
            | "dernieres"
            | "prochains"
            | "prochaines"
            | "meme"
            | "nouvel"
            | "mi"
            | "-"
            | "debut"
            | "fin"
            | "premier"
            | "premiere"
    )
}

const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Whether a folded word names a month or a weekday ("mai", "mardi").
pub(crate) fn is_calendar_word(k: &str) -> bool {
    month_full(k).is_some() || weekday_of(k).is_some()
}

fn month_full(k: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == k).map(|p| p as u32 + 1)
}

fn month_abbr(k: &str) -> Option<u32> {
    Some(match k {
        "janv" | "jan" => 1,
        "fevr" | "fev" => 2,
        "avr" => 4,
        "juil" => 7,
        "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(k: &str) -> Option<Weekday> {
    Some(match k {
        "lundi" => Weekday::Mon,
        "mardi" => Weekday::Tue,
        "mercredi" => Weekday::Wed,
        "jeudi" => Weekday::Thu,
        "vendredi" => Weekday::Fri,
        "samedi" => Weekday::Sat,
        "dimanche" => Weekday::Sun,
        _ => return None,
    })
}

fn unit_of(k: &str) -> Option<Unit> {
    Some(match k {
        "jour" | "jours" | "journee" | "journees" => Unit::Day,
        "semaine" | "semaines" => Unit::Week,
        "mois" => Unit::Month,
        "an" | "ans" | "annee" | "annees" => Unit::Year,
        _ => return None,
    })
}

/// Words after a four-digit number that show it is a year ("en 2015 les…").
/// Any other lowercase plural word after it makes it a count ("2000 soldats").
const PLURAL_FUNCTION_WORDS: &[&str] = &[
    "les",
    "des",
    "ses",
    "ces",
    "mes",
    "tes",
    "nos",
    "vos",
    "leurs",
    "plus",
    "puis",
    "dans",
    "sous",
    "sans",
    "alors",
    "lors",
    "depuis",
    "vers",
    "tous",
    "toutes",
    "deux",
    "trois",
    "six",
    "dix",
    "mais",
    "pas",
    "jamais",
    "moins",
    "tres",
    "aux",
    "nous",
    "vous",
    "eux",
    "ceux",
    "ailleurs",
    "toujours",
    "pres",
    "parfois",
    "desormais",
    "toutefois",
    "apres",
    "selon",
    "francais",
];

const UNIT_WORDS: &[&str] = &[
    "%",
    "€",
    "$",
    "km",
    "m",
    "kg",
    "t",
    "ha",
    "mw",
    "fcfa",
    "cfa",
    "euro",
    "dollar",
    "mille",
    "millions",
    "milliards",
    "000",
];

/// Cues before a four-digit number that make it a year.
const YEAR_CUES: &[&str] = &[
    "en",
    "depuis",
    "de",
    "d'",
    "du",
    "annee",
    "avant",
    "apres",
    "debut",
    "fin",
    "vers",
    "courant",
    "ete",
    "printemps",
    "automne",
    "hiver",
    "ici",
    "entre",
    "jusqu'",
    "partir",
    "compter",
];

/// Words ending like a future tense that are not verbs.
const NOT_FUTURE: &[&str] = &[
    "front", "affront", "environs", "vrai", "bras", "gras", "ras", "cholera", "camera", "cameras",
    "opera", "extra", "ultra", "mantra", "sierra", "cobra", "para", "paras", "lira", "contra",
    "tiara", "marrons", "citrons", "vrais", "sura", "tora",
];

/// Words next to a date that announce a future event.
const FUTURE_WORDS: &[&str] = &[
    "prochain",
    "prochaine",
    "prochains",
    "prochaines",
    "venir",
    "ici",
    "rendez-vous",
    "fixe",
    "fixee",
    // A postponement moves its event to the date after it, whatever the
    // tense of the clause: "la réunion a été reportée à mi-juillet", "le
    // report au 15 décembre de la présidentielle".
    "report",
    "reporte",
    "reportee",
    "reportes",
    "reportees",
    "repousse",
    "repoussee",
    "repousses",
    "repoussees",
    "ajourne",
    "ajournee",
    "decale",
    "decalee",
];

/// Past participles of the verbs wires attribute statements with.
const SPEECH_VERBS: &[&str] = &[
    "indique", "declare", "annonce", "affirme", "precise", "ajoute", "explique", "souligne",
    "rapporte", "assure", "estime", "confirme", "dit", "appris",
];

/// Participles and verbs whose infinitive complement is still to come when
/// they are said ("a appelé à manifester mardi", "menace de reprendre les
/// combats lundi"); see [`Parser::tense_near`].
const FORWARD_GOVERNORS: &[&str] = &[
    "appele",
    "appelle",
    "appellent",
    "appelant",
    "promis",
    "promet",
    "promettent",
    "decide",
    "decident",
    "menace",
    "menacent",
    "envisage",
    "envisagent",
    "invite",
    "invitent",
    "exhorte",
    "exhortent",
    "convoque",
    "convoques",
    "engage",
    "engagee",
    "engages",
    "resolu",
];

/// Verbs that put the rest of their clause in the future ("doit se rendre
/// à Kidal mercredi").
const MODALS: &[&str] = &[
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "prevu",
    "prevue",
    "prevus",
    "prevues",
    "va",
    "vont",
    "programme",
    "programmee",
    "attendu",
    "attendue",
];

/// The groups of [`numeric_shape`]: `[1]`..`[5]` as the regular
/// expressions number them, and the length of the whole match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape<'h> {
    /// Whether `^(\d{4})-(\d{1,2})-(\d{1,2})` matched (year first), rather
    /// than `^(\d{1,2})([/.-])(\d{1,2})(?:([/.-])(\d{4}|\d{2}))?`.
    ymd: bool,
    len: usize,
    g: [Option<&'h str>; 6],
}

/// The numeric date patterns, as the regular expressions of
/// [`numeric_shape_regex`] read `rest`: year-month-day first, else
/// day/month[/year]. Hand-written, as these run at every number of the
/// text and a regex search costs far more than the few bytes they read.
///
/// `\d` of a regex is any Unicode decimal digit: the digit tests here are
/// exact for ASCII and for every char that is not numeric at all; a
/// numeric char beyond ASCII ("٣", "²") is left to the regexes.
fn numeric_shape(rest: &str) -> Option<Shape<'_>> {
    match numeric_shape_ascii(rest) {
        Ok(shape) => shape,
        Err(Unsure) => numeric_shape_regex(rest),
    }
}

/// A char the ASCII matchers cannot class as `\d` or not.
struct Unsure;

fn numeric_shape_ascii(rest: &str) -> Result<Option<Shape<'_>>, Unsure> {
    let b = rest.as_bytes();
    // Whether the char at `p` (a char boundary: only ASCII is ever
    // stepped over) is a digit.
    let digit_at = |p: usize| -> Result<bool, Unsure> {
        match b.get(p) {
            None => Ok(false),
            Some(x) if x.is_ascii_digit() => Ok(true),
            Some(x) if x.is_ascii() => Ok(false),
            Some(_) => match rest[p..].chars().next() {
                Some(c) if c.is_numeric() => Err(Unsure),
                _ => Ok(false),
            },
        }
    };
    // How many digits (at most `max`, greedily) start at `p`.
    let digits = |p: usize, max: usize| -> Result<usize, Unsure> {
        for n in 0..max {
            if !digit_at(p + n)? {
                return Ok(n);
            }
        }
        Ok(max)
    };
    let is_sep = |p: usize| matches!(b.get(p), Some(b'/' | b'.' | b'-'));
    let at = |p: usize, n: usize| Some(&rest[p..p + n]);
    // `^(\d{4})-(\d{1,2})-(\d{1,2})`: a \d{1,2} before a separator
    // never gives a digit back (the digit it would free is no separator).
    if digits(0, 4)? == 4 && b.get(4) == Some(&b'-') {
        let n2 = digits(5, 2)?;
        if n2 > 0 && b.get(5 + n2) == Some(&b'-') {
            let p3 = 6 + n2;
            let n3 = digits(p3, 2)?;
            if n3 > 0 {
                return Ok(Some(Shape {
                    ymd: true,
                    len: p3 + n3,
                    g: [None, at(0, 4), at(5, n2), at(p3, n3), None, None],
                }));
            }
        }
    }
    // `^(\d{1,2})([/.-])(\d{1,2})(?:([/.-])(\d{4}|\d{2}))?`: the optional
    // group is tried after the greedy `\d{1,2}` and never needs it shorter.
    let n1 = digits(0, 2)?;
    if n1 == 0 || !is_sep(n1) {
        return Ok(None);
    }
    let p3 = n1 + 1;
    let n3 = digits(p3, 2)?;
    if n3 == 0 {
        return Ok(None);
    }
    let p4 = p3 + n3;
    let mut g = [None, at(0, n1), at(n1, 1), at(p3, n3), None, None];
    let mut len = p4;
    if is_sep(p4) {
        let n5 = match digits(p4 + 1, 4)? {
            4 => 4,
            2 | 3 => 2,
            _ => 0,
        };
        if n5 > 0 {
            g[4] = at(p4, 1);
            g[5] = at(p4 + 1, n5);
            len = p4 + 1 + n5;
        }
    }
    Ok(Some(Shape { ymd: false, len, g }))
}

/// [`numeric_shape`] by the regular expressions themselves: the fallback
/// for digits beyond ASCII, and the oracle of the tests.
fn numeric_shape_regex(rest: &str) -> Option<Shape<'_>> {
    static RE_DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})([/.-])(\d{1,2})(?:([/.-])(\d{4}|\d{2}))?").unwrap()
    });
    static RE_YMD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})").unwrap());
    let (ymd, c) = match RE_YMD.captures(rest) {
        Some(c) => (true, c),
        None => (false, RE_DMY.captures(rest)?),
    };
    let mut g = [None; 6];
    for (n, slot) in g.iter_mut().enumerate().skip(1) {
        *slot = c.get(n).map(|m| m.as_str());
    }
    Some(Shape {
        ymd,
        len: c.get(0)?.end(),
        g,
    })
}

/// The number of an ordinal key, as `^([0-9]{1,2}|[ivxlc]{1,7})(?:e|eme|ieme|er)$`
/// captures it ("21e" → "21", "xxe" → "xx"): the first split, in the order
/// the regex tries them (digits, then Roman numerals, each greedy), whose
/// rest is one of the suffixes. So "xixieme" is "xixi" + "eme".
fn ordinal_number(key: &str) -> Option<&str> {
    let b = key.as_bytes();
    let suffix = |n: usize| matches!(&b[n..], b"e" | b"eme" | b"ieme" | b"er");
    let run = |ok: fn(&u8) -> bool, max: usize| b.iter().take(max).take_while(|x| ok(x)).count();
    let digits = run(u8::is_ascii_digit, 2);
    if let Some(n) = (1..=digits).rev().find(|&n| suffix(n)) {
        return Some(&key[..n]);
    }
    let roman = run(|x| matches!(x, b'i' | b'v' | b'x' | b'l' | b'c'), 7);
    (1..=roman).rev().find(|&n| suffix(n)).map(|n| &key[..n])
}

/// Two-digit years: before 50 this century, otherwise the last.
fn pivot(yy: i32) -> i32 {
    if yy < 50 {
        2000 + yy
    } else {
        1900 + yy
    }
}

fn roman(s: &str) -> Option<i32> {
    let mut total = 0i32;
    let mut prev = 0i32;
    for c in s.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// Words that show a past clause: auxiliaries of the passé composé and
/// plus-que-parfait.
const PAST_WORDS: &[&str] = &[
    "ont", "avait", "avaient", "eu", "fut", "furent", "etait", "etaient",
];

/// The shapes of the words [`tense_of`] knows.
static TENSE_ENDS: WordShapes = WordShapes::new().with_lists(&[FUTURE_WORDS, MODALS, PAST_WORDS]);

/// The words of [`FUTURE_WORDS`] and [`MODALS`] (future, `true`) and of
/// [`PAST_WORDS`] (`false`; a word of both lists is future), in one hash
/// map rather than three lists compared word by word.
static TENSE_WORDS: LazyLock<rustc_hash::FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    let mut m: rustc_hash::FxHashMap<&'static str, bool> =
        PAST_WORDS.iter().map(|&w| (w, false)).collect();
    m.extend(FUTURE_WORDS.iter().chain(MODALS).map(|&w| (w, true)));
    m
});

/// Whether a word marks the future (`Some(true)`) or the past (`Some(false)`).
/// `raw` gives its text: most words are settled on their key, before the
/// body is sliced.
fn tense_of<'r>(t: &Tok, raw: impl Fn() -> &'r str) -> Option<bool> {
    let k = t.key;
    if TENSE_ENDS.may_hold(k.as_bytes()) {
        if let Some(&future) = TENSE_WORDS.get(k) {
            return Some(future);
        }
    }
    // ("a" is the key of "a" alone, and of "à" and "A".)
    if k == "a" && raw() == "a" {
        return Some(false);
    }
    // Otherwise only a verb ending can tell: most words have none (the
    // endings below all end in one of these bytes), so it is tested before
    // the case of the word.
    if !matches!(k.as_bytes().last(), Some(b'a' | b't' | b's' | b'z' | b'i')) {
        return None;
    }
    let future = ["ra", "ront", "rons", "rez", "rai", "ras"]
        .iter()
        .any(|suf| k.ends_with(suf))
        && !NOT_FUTURE.contains(&k);
    let past = k.ends_with("ait") || k.ends_with("aient");
    if !(future || past) {
        return None;
    }
    let raw = raw();
    // Proper nouns ("Ankara") are capitalised; verbs are lowercase, or all
    // capitals in a headline.
    let lower = raw.chars().all(|c| !c.is_uppercase());
    let upper = raw.chars().all(|c| !c.is_lowercase());
    if !(lower || upper) || k.chars().count() < 3 {
        return None;
    }
    if future {
        return Some(true);
    }
    if k.chars().count() > 4 && past {
        return Some(false);
    }
    None
}

trait Nearer {
    fn is_none_or_worse(&self, dist: usize, future: bool) -> bool;
}

impl Nearer for Option<(usize, bool)> {
    fn is_none_or_worse(&self, dist: usize, future: bool) -> bool {
        match *self {
            None => true,
            Some((d, f)) => dist < d || (dist == d && f && !future),
        }
    }
}

pub(crate) struct Parser<'a> {
    pub(crate) body: &'a str,
    pub(crate) t: View<'a>,
}

type M = Option<(Ex, usize)>;

impl<'a> Parser<'a> {
    /// The text of a token of the view.
    fn raw(&self, t: Tok) -> &'a str {
        &self.body[t.start..t.end]
    }

    pub(crate) fn k(&self, i: usize) -> &str {
        self.t.key(i).unwrap_or("")
    }

    /// The key `back` tokens before `i`.
    fn kb(&self, i: usize, back: usize) -> &str {
        i.checked_sub(back).map_or("", |j| self.k(j))
    }

    fn adjacent(&self, i: usize) -> bool {
        matches!((self.t.get(i), self.t.get(i + 1)), (Some(a), Some(b)) if a.end == b.start)
    }

    fn is_punct_or_end(&self, i: usize) -> bool {
        self.t.get(i).is_none_or(|t| !t.word && !t.num)
            || self
                .t
                .get(i)
                .zip(i.checked_sub(1).and_then(|p| self.t.get(p)))
                .is_some_and(|_| self.t.sent(i) != self.t.sent(i - 1))
    }

    fn year_tok(&self, i: usize, lo: i32, hi: i32) -> Option<i32> {
        let t = self.t.get(i)?;
        if !t.num || t.key.len() != 4 || !t.key.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = t.key.parse().ok()?;
        (lo..=hi).contains(&y).then_some(y)
    }

    fn daynum(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        let k = t.key;
        if matches!(k, "1er" | "1re" | "1ere" | "premier") {
            return Some(1);
        }
        if t.num && k.len() <= 2 && k.bytes().all(|b| b.is_ascii_digit()) {
            let v: u32 = k.parse().ok()?;
            return (1..=31).contains(&v).then_some(v);
        }
        None
    }

    /// A month name at `i`; abbreviations need a day number before them or
    /// a year after them, "sept" (also the number seven) a point as well.
    fn month_at(&self, i: usize, after_day: bool) -> Option<(u32, usize)> {
        let k = self.k(i);
        if let Some(m) = month_full(k) {
            return Some((m, i + 1));
        }
        let m = month_abbr(k)?;
        let dot = self.k(i + 1) == "." && self.adjacent(i);
        let end = if dot { i + 2 } else { i + 1 };
        let year_after = self.year_tok(end, 1000, 2999).is_some();
        let ok = if k == "sept" {
            (dot && (after_day || year_after)) || (after_day && year_after)
        } else {
            after_day || year_after
        };
        ok.then_some((m, end))
    }

    /// An optional year after a month name: four digits, or two digits that
    /// end the phrase ("octobre 98,").
    fn year_after_month(&self, j: usize) -> (Option<i32>, usize) {
        if let Some(y) = self.year_tok(j, 1000, 2999) {
            return (Some(y), j + 1);
        }
        if let Some(t) = self.t.get(j) {
            if t.num
                && t.key.len() == 2
                && t.key.bytes().all(|b| b.is_ascii_digit())
                && self.is_punct_or_end(j + 1)
            {
                if let Ok(yy) = t.key.parse::<i32>() {
                    return (Some(pivot(yy)), j + 1);
                }
            }
        }
        (None, j)
    }

    /// Whether the token at `j` shows the number before it counts things.
    fn noun_follows(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else { return false };
        if UNIT_WORDS.contains(&t.key) {
            return true;
        }
        if t.num && t.key.len() == 3 {
            return true; // "2 000" written with a space
        }
        t.word
            && self.raw(t).chars().next().is_some_and(char::is_lowercase)
            && (t.key.ends_with('s') || t.key.ends_with('x'))
            && !PLURAL_FUNCTION_WORDS.contains(&t.key)
    }

    /// A four-digit number at `i` that reads as a count, not a year.
    fn year_blocked(&self, i: usize) -> bool {
        if matches!(self.kb(i, 1), "de" | "d'")
            && matches!(
                self.kb(i, 2),
                "plus" | "moins" | "pres" | "environ" | "autour" | "quelque" | "total"
            )
        {
            return true;
        }
        if self.noun_follows(i + 1) {
            return true;
        }
        if matches!(self.k(i + 1), "a" | "et" | "-" | "ou")
            && self.t.get(i + 2).is_some_and(|t| t.num)
        {
            return self.noun_follows(i + 3);
        }
        false
    }

    fn year_context(&self, i: usize) -> bool {
        let p = self.kb(i, 1);
        if YEAR_CUES.contains(&p) {
            return true;
        }
        if i >= 1 && self.raw(self.t.at(i - 1)).to_lowercase() == "dès" {
            return true;
        }
        match p {
            "an" => self.kb(i, 2) == "l'",
            "-" => self.kb(i, 2) == "mi",
            "et" | "ou" | "," | "a" | "au" => i >= 2 && self.year_tok(i - 2, 1900, 2100).is_some(),
            _ => false,
        }
    }

    /// Whether token `j` is an infinitive after its preposition ("de
    /// repousser", "à rouvrir", "pour reprendre"): a lowercase word with an
    /// infinitive's ending right after "de", "d'", "à", "pour" or "sans".
    fn is_infinitive(&self, j: usize) -> bool {
        let k = self.k(j);
        let ending = ["er", "ir", "re"].iter().any(|suf| k.ends_with(suf));
        ending
            && k.len() > 3
            && !matches!(
                k,
                "dernier" | "premier" | "janvier" | "fevrier" | "hier" | "entre"
            )
            && matches!(self.k(j - 1), "de" | "d'" | "a" | "pour" | "sans")
            && self
                .raw(self.t.at(j))
                .starts_with(|c: char| c.is_lowercase())
    }

    /// The token the mention of `ex`, matched on `[s, e)`, shows from
    /// (see the module's "Spans"): "jusqu'au" and "jusqu'en" give the end
    /// of the interval but stay out of its span ("jusqu'au [12 décembre]"),
    /// and "nuit" before a range of days joins it ("dans la [nuit de
    /// samedi à dimanche]"), as the annotation guidelines have them. `free`
    /// is the first token no earlier mention holds.
    pub(crate) fn shown_start(&self, s: usize, e: usize, ex: &Ex, free: usize) -> usize {
        match ex {
            Ex::Until(_) if self.k(s) == "jusqu'" => {
                let j = s + 2;
                // The end may have been read past an article it does
                // not hold (see `atom_after`).
                if j < e && matches!(self.k(j), "le" | "l'") && self.atom(j).is_none() {
                    j + 1
                } else {
                    j
                }
            }
            Ex::Range(a, _)
                if matches!(**a, Ex::Weekday { .. } | Ex::Day { .. })
                    && matches!(self.k(s), "de" | "du")
                    && s > free
                    && self.k(s - 1) == "nuit"
                    && self.t.sent(s - 1) == self.t.sent(s) =>
            {
                s - 1
            }
            _ => s,
        }
        .min(e - 1)
    }

    /// Whether the date `[s, e)` opens its sentence (after at most one
    /// glue word: "Le 3 octobre, …") and a comma follows it: an adverbial
    /// fronted before the main clause.
    fn is_fronted(&self, s: usize, e: usize) -> bool {
        let sent = self.t.sent(s);
        let opens = |i: usize| i == 0 || self.t.sent(i - 1) != sent;
        e < self.t.len()
            && self.k(e) == ","
            && self.t.sent(e) == sent
            && (opens(s) || (opens(s - 1) && is_glue(self.k(s - 1))))
    }

    /// The closing comma of the incise `[s, e)` sits in: ", investi en
    /// janvier, se rendra jeudi", ", après la réunion de mardi, que les
    /// élections auront lieu". An incise is a clause of its own between
    /// the subject and the verb, so the verb after it does not date it.
    /// A date alone between commas (", mardi,", ", le 3 mars,") is not
    /// one: it is an adverbial of the clause around it ("se réunira,
    /// mardi, pour examiner"), hence the word it needs before the date.
    fn incise_end(&self, s: usize, e: usize) -> Option<usize> {
        let sent = self.t.sent(s);
        let open = (0..s)
            .rev()
            .take_while(|&j| self.t.sent(j) == sent)
            .find(|&j| !self.t.is_word(j) && !self.t.at(j).num)?;
        if self.k(open) != "," || !(open + 1..s).any(|j| self.t.is_word(j) && !is_glue(self.k(j))) {
            return None;
        }
        let close = (e..self.t.len())
            .take_while(|&j| self.t.sent(j) == sent)
            .find(|&j| !self.t.is_word(j) && !self.t.at(j).num)?;
        (self.k(close) == ",").then_some(close)
    }

    /// The tense the clause around `[s, e)` marks (same sentence, the
    /// nearest marker): `Some(true)` for a future event, `Some(false)` for
    /// a past one, `None` when no word marks a tense (the present).
    pub(crate) fn tense_near(&self, s: usize, e: usize) -> Option<bool> {
        if s >= self.t.len() {
            return None;
        }
        let sent = self.t.sent(s);
        if self.k(s) == "d'" && self.k(s + 1) == "ici" {
            return Some(true);
        }
        // A trailing "dernier"/"prochain" inside the span decides alone.
        match self.k(e.saturating_sub(1)) {
            "prochain" | "prochaine" => return Some(true),
            "dernier" | "derniere" | "passe" | "passee" => return Some(false),
            _ => {}
        }
        // Otherwise the nearest tense marker of the clause decides: a
        // future form (or "prochain", "à venir") against a past auxiliary
        // or imperfect; ties go to the past.
        let mut best: Option<(usize, bool)> = None;
        let lo = s.saturating_sub(8);
        // A date fronted before a comma ("Samedi, une réunion conjointe
        // de l'EAC et de la SADC doit se tenir à Dar es Salaam") dates the
        // main clause after it, whose verb may come after a long subject:
        // the search runs on to the sentence's end, and a modal there
        // governs the date.
        let fronted = self.is_fronted(s, e);
        let hi = if fronted {
            self.t.len()
        } else {
            let hi = (e + 8).min(self.t.len());
            self.incise_end(s, e).map_or(hi, |close| hi.min(close))
        };
        // An infinitive between a past auxiliary and the date governs the
        // date instead: "a décidé de repousser au 28 octobre" is a
        // decision taken in the past about a day still to come.
        let infinitive = (lo + 1..s)
            .rev()
            .find(|&j| self.t.sent(j) == sent && self.is_infinitive(j));
        // An appeal, a promise, a plan or a threat points forward, whatever
        // the tense it was made in: "ont appelé à manifester mardi", "a
        // promis d'organiser des élections en juillet". ("a tenté de fuir
        // mardi" does not: the verbs are listed.)
        if infinitive.is_some_and(|i| i >= 2 && FORWARD_GOVERNORS.contains(&self.k(i - 2))) {
            return Some(true);
        }
        for j in (lo..hi).filter(|&j| j < s || j >= e) {
            // Most tokens are settled before their key is read.
            if self.t.sent(j) != sent {
                if j >= e {
                    break;
                }
                continue;
            }
            if !self.t.is_word(j) {
                continue;
            }
            let t = self.t.at(j);
            let Some(future) = tense_of(&t, || self.raw(t)) else {
                continue;
            };
            // A modal governs what follows it, not a date before it,
            // unless the date is fronted before the modal's clause.
            if j >= e && !fronted && MODALS.contains(&t.key) {
                continue;
            }
            // The attribution after a comma ("…, a indiqué le ministère")
            // tells when it was said, not when the date's event is.
            if j > e && self.k(j - 1) == "," && SPEECH_VERBS.contains(&self.k(j + 1)) {
                continue;
            }
            if !future && infinitive.is_some_and(|i| j < i) {
                continue;
            }
            let dist = if j < s { s - j } else { j + 1 - e };
            // "à venir", "d'ici" qualify the date next to them only.
            if matches!(t.key, "ici" | "venir") && dist > 3 {
                continue;
            }
            if best.is_none_or_worse(dist, future) {
                best = Some((dist, future));
            }
        }
        if best.is_none() && !fronted {
            // With no marker near, the date may close a long complement
            // of the clause's verb: "avait mis fin au mandat de la mission
            // le 30 juin". The auxiliary further back still dates it.
            return (s.saturating_sub(16)..lo)
                .rev()
                .take_while(|&j| self.t.sent(j) == sent && self.k(j) != ",")
                .filter(|&j| self.t.is_word(j))
                .find_map(|j| {
                    let t = self.t.at(j);
                    tense_of(&t, || self.raw(t))
                });
        }
        best.map(|(_, f)| f)
    }

    /// [`Self::scan`], trying only the tokens an expression can start on:
    /// the ones from a [core](is_core_word) `c` (at an index of `cores`,
    /// ascending) back to the token before it and the [glue](is_glue) run
    /// before that.
    ///
    /// Why it equals `scan`: every expression a matcher returns holds a
    /// number or a core word, and before the first of them only glue words
    /// and one word of any kind right before it (a count, an ordinal). So
    /// at any other token every matcher fails, and `scan` only steps over
    /// it; these ranges, in order, see the same tokens and take the same
    /// steps. Most tokens of running text are far from any core: the
    /// frequent "le", "la", "de" that open phrases and intervals are
    /// tried only next to one.
    pub(crate) fn scan_near(&self, cores: &[usize]) -> Vec<(usize, usize, Ex)> {
        let mut out = Vec::new();
        // The next token `scan` would try: past the last expression.
        let mut i = 0;
        let mut ranges = cores.iter().map(|&c| {
            let mut s = c.saturating_sub(1);
            while s > 0 && is_glue(self.k(s - 1)) {
                s -= 1;
            }
            (s, c)
        });
        let Some(mut range) = ranges.next() else {
            return out;
        };
        loop {
            // Ranges of consecutive cores overlap or touch: take them as one.
            let next = ranges.find(|&(s, c)| {
                if s <= range.1 + 1 {
                    range.1 = c;
                    false
                } else {
                    true
                }
            });
            i = i.max(range.0);
            while i <= range.1 {
                i = self.step(i, &mut out);
            }
            match next {
                Some(r) => range = r,
                None => return out,
            }
        }
    }

    /// Every expression, left to right, non-overlapping, inside one sentence:
    /// every token tried (the oracle of [`Self::scan_near`]).
    #[cfg(test)]
    pub(crate) fn scan(&self) -> Vec<(usize, usize, Ex)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            i = self.step(i, &mut out);
        }
        out
    }

    /// One step of the scan at token `i`: the longest expression starting
    /// there goes to `out`; returns the next token to try.
    fn step(&self, i: usize, out: &mut Vec<(usize, usize, Ex)>) -> usize {
        // Every matcher starts on a number or a word (its key begins
        // with a letter or a digit): punctuation starts none.
        let bits = self.can_start(i);
        if bits == 0 || !self.t.at(i).key.starts_with(char::is_alphanumeric) {
            return i + 1;
        }
        let interval = if bits & can::INTERVAL != 0 {
            self.interval(i)
        } else {
            None
        };
        let best = [interval, self.atom_with(i, bits)]
            .into_iter()
            .flatten()
            .filter(|(ex, e)| {
                *e > i && *e <= self.t.len() && self.one_sentence(i, *e) && ex.is_emittable()
            })
            .max_by_key(|(_, e)| *e);
        match best {
            Some((ex, e)) => {
                out.push((i, e, ex));
                e
            }
            None => i + 1,
        }
    }

    /// Whether tokens `[s, e)` are one sentence; the splitter may cut after
    /// an abbreviation it does not know ("lun. 16 sept."), which we mend.
    fn one_sentence(&self, s: usize, e: usize) -> bool {
        (s + 1..e).all(|j| {
            self.t.sent(j) == self.t.sent(j - 1)
                || (self.t.at(j - 1).key == "." && j >= 2 && self.adjacent(j - 2))
        })
    }

    /// The [`can`] bits of the matchers that may accept an expression
    /// starting at token `i`.
    #[inline]
    fn can_start(&self, i: usize) -> u32 {
        let Some(t) = self.t.get(i) else { return 0 };
        // Only the scanned tokens ask, so the bits are not stored in the view.
        let starts = classify(t.key, t.num).0;
        starts | self.t.get(i + 1).map_or(0, |n| WORD_BITS.get(n.key).1)
    }

    /// The longest single expression starting at `i`.
    fn atom(&self, i: usize) -> M {
        self.atom_with(i, self.can_start(i))
    }

    /// [`Self::atom`], given the [`Self::can_start`] bits of `i`.
    fn atom_with(&self, i: usize, bits: u32) -> M {
        if i >= self.t.len() {
            return None;
        }
        if bits == 0 {
            return None;
        }
        // The longest match; on a tie the later matcher wins (as
        // `max_by_key` would pick), without building every candidate at once.
        // A matcher whose bit is clear could only have failed (see `can`).
        let mut best: M = None;
        let mut keep = |m: M| {
            if let Some((ex, e)) = m {
                if best.as_ref().is_none_or(|(_, b)| e >= *b) {
                    best = Some((ex, e));
                }
            }
        };
        let may = |bit: u32| bits & bit != 0;
        if may(can::NUMERIC) {
            keep(self.numeric(i));
        }
        if may(can::DAY_DATE) {
            keep(self.day_date(i));
        }
        if may(can::WEEKDAY) {
            keep(self.weekday(i));
        }
        if may(can::MONTH_ATOM) {
            keep(self.month_atom(i));
        }
        if may(can::MODIFIED) {
            keep(self.modified(i));
        }
        if may(can::YEAR_ATOM) {
            keep(self.year_atom(i));
        }
        if may(can::DEICTIC) {
            keep(self.deictic(i));
        }
        if may(can::THIS_PHRASE) {
            keep(self.this_phrase(i));
        }
        if may(can::ARTICLE_PHRASE) {
            keep(self.article_phrase(i));
        }
        if may(can::COUNTED) {
            keep(self.counted(i));
        }
        if may(can::VAGUE) {
            keep(self.vague(i));
        }
        if may(can::DECADE) {
            keep(self.decade(i));
        }
        if may(can::CENTURY) {
            keep(self.century(i));
        }
        if may(can::DAY_ONLY) {
            keep(self.day_only(i));
        }
        if may(can::SPACED_NUMERIC) {
            keep(self.spaced_numeric(i));
        }
        if may(can::HOLIDAY) {
            keep(self.holiday(i));
        }
        if may(can::MONTH_PART) {
            keep(self.month_part(i));
        }
        if may(can::SEASON) {
            keep(self.season(i));
        }
        best
    }

    /// [`Self::atom`] without the dispatch: every matcher, as the parser
    /// did before `can` existed. Tests check the two agree.
    #[cfg(test)]
    fn atom_all(&self, i: usize) -> M {
        if i >= self.t.len() {
            return None;
        }
        let mut best: M = None;
        let mut keep = |m: M| {
            if let Some((ex, e)) = m {
                if best.as_ref().is_none_or(|(_, b)| e >= *b) {
                    best = Some((ex, e));
                }
            }
        };
        keep(self.numeric(i));
        keep(self.day_date(i));
        keep(self.weekday(i));
        keep(self.month_atom(i));
        keep(self.modified(i));
        keep(self.year_atom(i));
        keep(self.deictic(i));
        keep(self.this_phrase(i));
        keep(self.article_phrase(i));
        keep(self.counted(i));
        keep(self.vague(i));
        keep(self.decade(i));
        keep(self.century(i));
        keep(self.day_only(i));
        keep(self.spaced_numeric(i));
        keep(self.holiday(i));
        keep(self.month_part(i));
        keep(self.season(i));
        best
    }

    /// `atom`, also after a leading article ("depuis le 3 mai").
    fn atom_after(&self, j: usize) -> M {
        self.atom(j).or_else(|| {
            if matches!(self.k(j), "le" | "l'") {
                self.atom(j + 1)
            } else {
                None
            }
        })
    }

    /// "22/09/2024", "22-09-2024", "22.09.2024", "2024-09-22", "le 17/02".
    fn numeric(&self, i: usize) -> M {
        let t = self.t.at(i);
        if !t.num {
            return None;
        }
        let rest = self.body.get(t.start..)?;
        let end_ok = |len: usize| {
            let after = &rest[len..];
            let mut cs = after.chars();
            match cs.next() {
                Some(c) if c.is_ascii_digit() => false,
                Some('/' | '.' | '-') => !cs.next().is_some_and(|c| c.is_ascii_digit()),
                _ => true,
            }
        };
        let c = numeric_shape(rest)?;
        let len = c.len;
        let g = |n: usize| c.g[n].unwrap_or("");
        let (ex, len) = if c.ymd {
            let y: i32 = g(1).parse().ok()?;
            let m: u32 = g(2).parse().ok()?;
            let d: u32 = g(3).parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d)?;
            (
                Ex::Day {
                    y: Some(y),
                    m,
                    d,
                    wd: None,
                },
                len,
            )
        } else {
            let d: u32 = g(1).parse().ok()?;
            let m: u32 = g(3).parse().ok()?;
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            match (c.g[4], c.g[5]) {
                (Some(sep2), Some(yv)) => {
                    if sep2 != g(2) {
                        return None;
                    }
                    let y: i32 = yv.parse().ok()?;
                    let y = if yv.len() == 2 { pivot(y) } else { y };
                    NaiveDate::from_ymd_opt(y, m, d)?;
                    (
                        Ex::Day {
                            y: Some(y),
                            m,
                            d,
                            wd: None,
                        },
                        len,
                    )
                }
                _ => {
                    // Day/month alone is a fraction or a score unless a
                    // date word introduces it.
                    let cue = matches!(self.kb(i, 1), "le" | "du" | "au")
                        || weekday_of(self.kb(i, 1)).is_some();
                    let looks_like_date = (g(1).len() == 2 && g(3).len() == 2) || d > 12;
                    if g(2) != "/" || !(cue || looks_like_date) {
                        return None;
                    }
                    (
                        Ex::Day {
                            y: None,
                            m,
                            d,
                            wd: None,
                        },
                        len,
                    )
                }
            }
        };
        if !end_ok(len) {
            return None;
        }
        let abs_end = t.start + len;
        let j = (i..self.t.len()).find(|&j| self.t.at(j).end >= abs_end)?;
        (self.t.at(j).end == abs_end).then_some((ex, j + 1))
    }

    /// "[lundi] 22 septembre [2024]", "1er juillet", "13-15 juillet", "mercredi 13".
    fn day_date(&self, i: usize) -> M {
        let mut j = i;
        let mut wd = None;
        if let Some((w, e)) = self.weekday_at(j) {
            wd = Some(w);
            j = e;
        }
        let d = self.daynum(j)?;
        let premier = self.k(j) == "premier";
        j += 1;
        // "le 14-Juillet"
        let jm = if self.k(j) == "-" && self.adjacent(j - 1) && self.adjacent(j) {
            j + 1
        } else {
            j
        };
        if let Some((m, e)) = self.month_at(jm, true) {
            let (y, mut e2) = self.year_after_month(e);
            // "le 6 mai dernier": the marker only settles past or future.
            if y.is_none() && matches!(self.k(e2), "dernier" | "prochain") {
                e2 += 1;
            }
            return Some((Ex::Day { y, m, d, wd }, e2));
        }
        if premier {
            return None;
        }
        if matches!(self.k(j), "-" | "–" | "au") {
            if let Some(d2) = self.daynum(j + 1) {
                if let Some((m, e)) = self.month_at(j + 2, true) {
                    let (y, e2) = self.year_after_month(e);
                    if d2 > d {
                        let a = Ex::Day { y, m, d, wd };
                        let b = Ex::Day {
                            y,
                            m,
                            d: d2,
                            wd: None,
                        };
                        return Some((Ex::Range(Box::new(a), Box::new(b)), e2));
                    }
                }
            }
        }
        let w = wd?;
        let ok = match self.t.get(j) {
            None => true,
            Some(t) => {
                !t.word
                    || self.t.sent(j) != self.t.sent(i)
                    || matches!(
                        t.key,
                        "au" | "et" | "a" | "matin" | "soir" | "dans" | "vers" | "apres-midi"
                    )
            }
        };
        (ok && !self.t.at(j - 1).key.ends_with("er")).then_some((Ex::DayOfMonth { d, wd: w }, j))
    }

    /// Time of day after a day word: "lundi soir", "la veille au matin".
    fn skip_time_of_day(&self, j: usize) -> usize {
        match self.k(j) {
            "matin" | "soir" | "midi" | "apres-midi" | "soiree" | "matinee" => j + 1,
            "au" if matches!(self.k(j + 1), "matin" | "soir") => j + 2,
            "dans"
                if self.k(j + 1) == "la"
                    && matches!(self.k(j + 2), "soiree" | "matinee" | "nuit") =>
            {
                j + 3
            }
            "dans" if self.k(j + 1) == "l'" && self.k(j + 2) == "apres-midi" => j + 3,
            _ => j,
        }
    }

    /// "[de] la semaine dernière/prochaine/suivante", "cette semaine" after
    /// a weekday: weeks from publication, or from the previous date.
    fn week_suffix(&self, j: usize) -> Option<(i64, bool, usize)> {
        if self.k(j) == "cette" && self.k(j + 1) == "semaine" {
            return Some((0, false, j + 2));
        }
        let j = if self.k(j) == "de" { j + 1 } else { j };
        if self.k(j) != "la" || self.k(j + 1) != "semaine" {
            return None;
        }
        self.relative_suffix(j + 2)
    }

    /// A weekday name, or its abbreviation with the point ("lun.", "mer.";
    /// not "mar.", which could be March).
    fn weekday_at(&self, i: usize) -> Option<(Weekday, usize)> {
        if let Some(wd) = weekday_of(self.k(i)) {
            return Some((wd, i + 1));
        }
        if self.k(i + 1) != "." || !self.adjacent(i) {
            return None;
        }
        // After a determiner or a preposition it is the noun ("vers la
        // mer.", "le jeu.", "en jeu."), unless a day number follows ("le
        // lun. 16 sept.").
        let day_follows = self
            .k(i + 2)
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit());
        if !day_follows
            && matches!(
                self.kb(i, 1),
                "la" | "le"
                    | "les"
                    | "l'"
                    | "du"
                    | "de"
                    | "des"
                    | "d'"
                    | "en"
                    | "au"
                    | "aux"
                    | "un"
                    | "une"
                    | "sa"
                    | "son"
                    | "ses"
                    | "leur"
                    | "leurs"
                    | "ce"
                    | "cet"
                    | "cette"
                    | "notre"
                    | "votre"
                    | "haute"
                    | "pleine"
            )
        {
            return None;
        }
        let wd = match self.k(i) {
            "lun" => Weekday::Mon,
            "mer" => Weekday::Wed,
            "jeu" => Weekday::Thu,
            "ven" => Weekday::Fri,
            "sam" => Weekday::Sat,
            "dim" => Weekday::Sun,
            _ => return None,
        };
        Some((wd, i + 2))
    }

    /// "mardi", "lundi soir", "jeudi dernier", "mardi prochain", "mardi suivant".
    fn weekday(&self, i: usize) -> M {
        let (wd, after) = self.weekday_at(i)?;
        if self.kb(i, 1) == "chaque" || (self.kb(i, 1) == "les" && self.kb(i, 2) == "tous") {
            return None;
        }
        if self.k(after) == "en" {
            match self.k(after + 1) {
                "huit" | "8" => {
                    return Some((
                        Ex::Weekday {
                            wd,
                            rel: Rel::Eight(1),
                        },
                        after + 2,
                    ))
                }
                "quinze" | "15" => {
                    return Some((
                        Ex::Weekday {
                            wd,
                            rel: Rel::Eight(2),
                        },
                        after + 2,
                    ))
                }
                _ => {}
            }
        }
        let mut j = self.skip_time_of_day(after);
        let mut rel = Rel::Bare;
        match self.k(j) {
            "dernier" | "passe" => {
                rel = Rel::Last;
                j += 1;
            }
            "prochain" => {
                rel = Rel::Next;
                j += 1;
            }
            "suivant" => {
                rel = Rel::AfterPrev;
                j += 1;
            }
            "precedent" => {
                rel = Rel::BeforePrev;
                j += 1;
            }
            "d'" if self.k(j + 1) == "apres" => {
                rel = Rel::AfterPrev;
                j += 2;
            }
            _ => {
                if let Some((n, prev, e)) = self.week_suffix(j) {
                    rel = if prev {
                        Rel::InWeekPrev(n)
                    } else {
                        Rel::InWeek(n)
                    };
                    j = e;
                }
            }
        }
        let j = self.skip_time_of_day(j);
        Some((Ex::Weekday { wd, rel }, j))
    }

    /// What may follow a month name: a year, "dernier", "prochain".
    fn month_tail(&self, m: u32, e: usize) -> (Ex, usize) {
        let (y, e) = self.year_after_month(e);
        self.period_tail(y, e, |y, rel| Ex::Month { y, m, rel })
    }

    /// "l'été dernier", "au printemps 2026", "cet hiver"; "le premier
    /// trimestre 2027", "au dernier trimestre". "été" is also the past
    /// participle of "être" ("a été tué"): it is a season only after an
    /// article, "cet", "en" or "d'", or before a year.
    fn season(&self, i: usize) -> M {
        let k = self.k(i);
        // The article or demonstrative belongs to the span, as in "le mois
        // prochain".
        if matches!(k, "le" | "l'" | "ce" | "cet") {
            return self.season(i + 1);
        }
        if let Some(s) = SEASONS.iter().position(|w| *w == k) {
            let (y, e) = self.year_after_month(i + 1);
            if k == "ete" && y.is_none() && !matches!(self.kb(i, 1), "l'" | "cet" | "en" | "d'") {
                return None;
            }
            // "le printemps arabe", "le Printemps de l'environnement" are
            // no dates; "l'été de 2023" has its year.
            if matches!(self.k(i + 1), "arabe" | "arabes" | "du" | "des" | "d'")
                || self.k(i + 1) == "de" && y.is_none()
            {
                return None;
            }
            let s = ((s + 1) % 4) as u32;
            return Some(self.period_tail(y, e, |y, rel| Ex::Season { y, s, rel }));
        }
        let q = match k {
            "premier" | "1er" => 1,
            "deuxieme" | "second" | "2e" | "2eme" => 2,
            "troisieme" | "3e" | "3eme" => 3,
            "quatrieme" | "dernier" | "4e" | "4eme" => 4,
            _ => return None,
        };
        if self.k(i + 1) != "trimestre" {
            return None;
        }
        let mut e = i + 2;
        // "du premier trimestre de 2027", "… de l'année"
        if self.k(e) == "de" && self.year_tok(e + 1, 1000, 2999).is_some() {
            e += 1;
        }
        let (y, e) = self.year_after_month(e);
        // Without a year, "le dernier trimestre" is the latest one, not the
        // fourth: no value is better than a wrong one.
        if k == "dernier" && y.is_none() {
            return None;
        }
        Some(self.period_tail(y, e, |y, rel| Ex::Quarter { y, q, rel }))
    }

    /// A month's, season's or quarter's year, or "dernier"/"prochain", after
    /// it (`y` and `e`: what [`Self::year_after_month`] read).
    fn period_tail(
        &self,
        y: Option<i32>,
        e: usize,
        ex: impl Fn(Option<i32>, Rel) -> Ex,
    ) -> (Ex, usize) {
        if y.is_some() {
            return (ex(y, Rel::Bare), e);
        }
        match self.k(e) {
            "dernier" | "passe" => (ex(None, Rel::Last), e + 1),
            "prochain" => (ex(None, Rel::Next), e + 1),
            _ => (ex(None, Rel::Bare), e),
        }
    }

    /// "juillet", "juillet 2023", "septembre dernier", "mois de mars".
    fn month_atom(&self, i: usize) -> M {
        if let Some((a, b)) = self.k(i).split_once('-') {
            let (ma, mb) = (month_full(a)?, month_full(b)?);
            let (y, e) = self.year_after_month(i + 1);
            let x = Ex::Month {
                y: None,
                m: ma,
                rel: Rel::Bare,
            };
            return Some((
                Ex::Range(
                    Box::new(x),
                    Box::new(Ex::Month {
                        y,
                        m: mb,
                        rel: Rel::Bare,
                    }),
                ),
                e,
            ));
        }
        let (m, e) = self.month_at(i, false)?;
        let (ex, end) = self.month_tail(m, e);
        if matches!(
            ex,
            Ex::Month {
                y: None,
                rel: Rel::Bare,
                ..
            }
        ) && !self.bare_month_ok(i)
        {
            return None;
        }
        Some((ex, end))
    }

    /// "Mai", "Mars", "Avril" capitalised are also names: alone they are
    /// months only after "en", "début", "fin", "mi-", "depuis", "mois de".
    fn bare_month_ok(&self, i: usize) -> bool {
        let t = self.t.at(i);
        let mut cs = self.raw(t).chars();
        let title =
            cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_lowercase);
        if !(title && matches!(t.key, "mai" | "mars" | "avril")) {
            return true;
        }
        match self.kb(i, 1) {
            "en" | "debut" | "fin" | "depuis" => true,
            "-" => self.kb(i, 2) == "mi",
            "de" | "d'" => self.kb(i, 2) == "mois",
            _ => false,
        }
    }

    /// "début avril", "fin janvier", "mi-mars", "fin 2023", "début du mois de mai".
    fn modified(&self, i: usize) -> M {
        let k = self.k(i);
        if let Some(rest) = k.strip_prefix("mi-") {
            let m = month_full(rest)?;
            return Some(self.month_tail(m, i + 1));
        }
        let mut j = if k == "mi" && self.k(i + 1) == "-" && self.adjacent(i) {
            i + 2
        } else if k == "debut" || k == "fin" {
            i + 1
        } else {
            return None;
        };
        if self.k(j) == "du" && self.k(j + 1) == "mois" && matches!(self.k(j + 2), "de" | "d'") {
            j += 3;
        } else if k != "mi" {
            // "fin de l'année", "début du mois prochain", "fin d'année".
            let unit_at = match (self.k(j), self.k(j + 1), self.k(j + 2)) {
                ("de", "l'", "annee" | "an") if self.year_tok(j + 3, 1900, 2100).is_none() => {
                    Some((Unit::Year, j + 3))
                }
                ("d'", "annee", _) => Some((Unit::Year, j + 2)),
                ("du", "mois", _) => Some((Unit::Month, j + 2)),
                ("de", "mois", _) => Some((Unit::Month, j + 2)),
                _ => None,
            };
            if let Some((unit, e)) = unit_at {
                let (n, prev, e) = self.relative_suffix(e).unwrap_or((0, false, e));
                return Some((Ex::Shift { unit, n, prev }, e));
            }
        } else if matches!(self.k(j), "de")
            && self.k(j + 1) == "l'"
            && self.k(j + 2) == "annee"
            && self.year_tok(j + 3, 1900, 2100).is_some()
        {
            j += 3;
        }
        if let Some(m) = month_full(self.k(j)) {
            return Some(self.month_tail(m, j + 1));
        }
        let y = self.year_tok(j, 1900, 2100)?;
        if self.year_blocked(j) {
            return None;
        }
        Some((Ex::Year(y), j + 1))
    }

    /// A four-digit year after a cue: "en 2015", "l'année 2020", "2015-2016".
    fn year_atom(&self, i: usize) -> M {
        let y = self.year_tok(i, 1900, 2100)?;
        // "la période 1982-1990": two increasing years need no cue.
        let range_follows = matches!(self.k(i + 1), "-" | "–")
            && self.year_tok(i + 2, 1900, 2100).is_some_and(|y2| y2 > y)
            && !self.noun_follows(i + 3);
        if !(self.year_context(i) || range_follows) || self.year_blocked(i) {
            return None;
        }
        if matches!(self.k(i + 1), "-" | "–") {
            if let Some(y2) = self.year_tok(i + 2, 1900, 2100) {
                if y2 > y {
                    return Some((
                        Ex::Range(Box::new(Ex::Year(y)), Box::new(Ex::Year(y2))),
                        i + 3,
                    ));
                }
            }
        }
        Some((Ex::Year(y), i + 1))
    }

    /// "hier", "avant-hier", "aujourd'hui", "demain", "après-demain", "lendemain".
    fn deictic(&self, i: usize) -> M {
        if self.k(i) == "en" && self.k(i + 1) == "ce" && self.k(i + 2) == "moment" {
            return Some((
                Ex::Shift {
                    unit: Unit::Day,
                    n: 0,
                    prev: false,
                },
                i + 3,
            ));
        }
        // "au cours du week-end", "lors du week-end": as "ce week-end".
        if matches!(self.k(i), "week-end" | "weekend") && i > 0 && self.k(i - 1) == "du" {
            return Some((Ex::Weekend(0), i + 1));
        }
        if self.k(i) == "jour" {
            return match self.relative_suffix(i + 1)? {
                (n, true, e) => Some((
                    Ex::Shift {
                        unit: Unit::Day,
                        n,
                        prev: true,
                    },
                    e,
                )),
                _ => None,
            };
        }
        let (n, prev) = match self.k(i) {
            "hier" => (-1, false),
            "avant-hier" => (-2, false),
            "aujourd'hui" => (0, false),
            "demain" => (1, false),
            "apres-demain" => (2, false),
            // "une aventure sans lendemain" has no day after.
            "lendemain" if i > 0 && self.k(i - 1) == "sans" => return None,
            "lendemain" => (1, true),
            "surlendemain" => (2, true),
            _ => return None,
        };
        let mut j = self.skip_time_of_day(i + 1);
        // "aujourd'hui vendredi" names the same day twice.
        if !prev && weekday_of(self.k(j)).is_some() {
            j += 1;
        }
        Some((
            Ex::Shift {
                unit: Unit::Day,
                n,
                prev,
            },
            j,
        ))
    }

    /// "ce matin", "ce soir", "cette semaine", "ce mois-ci", "cette année",
    /// "ce jeudi", "ce week-end", "ce jour-là".
    fn this_phrase(&self, i: usize) -> M {
        if self.k(i) == "dans" && self.k(i + 1) == "la" {
            return match self.k(i + 2) {
                "journee" => Some((
                    Ex::Shift {
                        unit: Unit::Day,
                        n: 0,
                        prev: false,
                    },
                    i + 3,
                )),
                "semaine" => Some((
                    Ex::Shift {
                        unit: Unit::Week,
                        n: 0,
                        prev: false,
                    },
                    i + 3,
                )),
                _ => None,
            };
        }
        if !matches!(self.k(i), "ce" | "cet" | "cette") {
            return None;
        }
        let j = i + 1;
        let shift = |unit, prev| Some((Ex::Shift { unit, n: 0, prev }, j + 1));
        match self.k(j) {
            "matin" | "soir" | "midi" | "apres-midi" | "nuit" | "matinee" | "soiree" | "jour" => {
                shift(Unit::Day, false)
            }
            "jour-la" => shift(Unit::Day, true),
            "semaine" | "semaine-ci" => shift(Unit::Week, false),
            "semaine-la" => shift(Unit::Week, true),
            "mois" | "mois-ci" => shift(Unit::Month, false),
            "mois-la" => shift(Unit::Month, true),
            "annee" | "annee-ci" => shift(Unit::Year, false),
            "annee-la" => shift(Unit::Year, true),
            "week-end" | "weekend" => Some((Ex::Weekend(0), j + 1)),
            _ => {
                let (ex, e) = self.weekday(j)?;
                match ex {
                    Ex::Weekday { wd, rel: Rel::Bare } => {
                        Some((Ex::Weekday { wd, rel: Rel::This }, e))
                    }
                    other => Some((other, e)),
                }
            }
        }
    }

    /// Phrases with an article: "la veille", "le lendemain", "le jour même",
    /// "la semaine dernière", "le mois prochain", "l'an dernier",
    /// "le week-end dernier", "la nuit dernière".
    fn article_phrase(&self, i: usize) -> M {
        let a = self.k(i);
        // "au cours du mois dernier", "pendant la seule semaine dernière":
        // the article merged into "du" or parted from its noun by "seul",
        // so the span starts at the noun.
        if let Some(unit) = match a {
            "mois" => Some(Unit::Month),
            "semaine" => Some(Unit::Week),
            "an" | "annee" => Some(Unit::Year),
            _ => None,
        } {
            if i == 0 || !matches!(self.k(i - 1), "du" | "seul" | "seule") {
                return None;
            }
            let (n, prev, e) = self.relative_suffix(i + 1)?;
            return Some((Ex::Shift { unit, n, prev }, e));
        }
        if !matches!(a, "le" | "la" | "l'") {
            return None;
        }
        let j = i + 1;
        let w = self.k(j);
        let shift = |unit, n, prev, e| Some((Ex::Shift { unit, n, prev }, e));
        match (a, w) {
            ("la", "veille") => shift(Unit::Day, -1, true, self.skip_time_of_day(j + 1)),
            ("l'", "avant-veille") => shift(Unit::Day, -2, true, self.skip_time_of_day(j + 1)),
            ("le", "lendemain") => shift(Unit::Day, 1, true, self.skip_time_of_day(j + 1)),
            ("le", "surlendemain") => shift(Unit::Day, 2, true, self.skip_time_of_day(j + 1)),
            ("le", "jour") if self.k(j + 1) == "meme" => shift(Unit::Day, 0, true, j + 2),
            ("le", "meme") if self.k(j + 1) == "jour" => shift(Unit::Day, 0, true, j + 2),
            ("la", "nuit") if matches!(self.k(j + 1), "derniere" | "passee") => {
                shift(Unit::Day, -1, false, j + 2)
            }
            ("le", "week-end" | "weekend") => match self.k(j + 1) {
                "dernier" | "passe" => Some((Ex::Weekend(-1), j + 2)),
                "prochain" => Some((Ex::Weekend(1), j + 2)),
                // "le week-end": the one the tense points to, as "ce week-end".
                _ => Some((Ex::Weekend(0), j + 1)),
            },
            ("le", "jour") => match self.relative_suffix(j + 1)? {
                (n, true, e) => shift(Unit::Day, n, true, e),
                _ => None,
            },
            ("la", "semaine") if self.k(j + 1) == "du" => {
                let (x, e) = self.atom(j + 2)?;
                matches!(x, Ex::Day { .. }).then(|| (Ex::WeekOf(Box::new(x)), e))
            }
            ("la", "semaine") => {
                let (n, prev, e) = self.relative_suffix(j + 1)?;
                shift(Unit::Week, n, prev, e)
            }
            ("le", "mois") => {
                let (n, prev, e) = self.relative_suffix(j + 1)?;
                shift(Unit::Month, n, prev, e)
            }
            ("l'", "an" | "annee") => {
                let (n, prev, e) = self.relative_suffix(j + 1)?;
                shift(Unit::Year, n, prev, e)
            }
            _ => None,
        }
    }

    /// "dernier/passé/prochain" (from publication) and "suivant/précédent/
    /// d'après/d'avant/qui suit" (from the previous date), any gender.
    fn relative_suffix(&self, j: usize) -> Option<(i64, bool, usize)> {
        Some(match self.k(j) {
            "dernier" | "derniere" | "passe" | "passee" => (-1, false, j + 1),
            "prochain" | "prochaine" => (1, false, j + 1),
            "suivant" | "suivante" => (1, true, j + 1),
            "precedent" | "precedente" => (-1, true, j + 1),
            "d'" if self.k(j + 1) == "apres" => (1, true, j + 2),
            "d'" if self.k(j + 1) == "avant" => (-1, true, j + 2),
            "qui" if self.k(j + 1) == "suit" => (1, true, j + 2),
            _ => return None,
        })
    }

    /// A count before a unit: `(Some(n), end)`, or `(None, end)` for
    /// "quelques", "plusieurs", "une dizaine de". Callers all need a unit
    /// at `end`, so a number with no unit after it is not read at all.
    fn count(&self, i: usize) -> Option<(Option<i64>, usize)> {
        let k = self.k(i);
        match k {
            "quelques" | "plusieurs" => return Some((None, i + 1)),
            "plus" | "pres" | "moins" if matches!(self.k(i + 1), "de" | "d'") => {
                let (_, e) = self.count(i + 2)?;
                return Some((None, e));
            }
            "environ" => {
                let (_, e) = self.count(i + 1)?;
                return Some((None, e));
            }
            "une"
                if matches!(
                    self.k(i + 1),
                    "dizaine" | "quinzaine" | "vingtaine" | "trentaine" | "centaine"
                ) && matches!(self.k(i + 2), "de" | "d'") =>
            {
                return Some((None, i + 3));
            }
            _ => {}
        }
        let t = self.t.get(i)?;
        // Every caller wants a unit right after the count: test that first,
        // it is far cheaper than reading a number.
        unit_of(self.k(i + 1))?;
        if !(t.num || t.word) || !starts_like_number(self.raw(t)) {
            return None;
        }
        let n = parse_number(self.raw(t))?.as_u64()?;
        (n <= 10_000).then_some((Some(n as i64), i + 1))
    }

    /// "il y a deux semaines", "dans trois jours", "deux jours plus tard",
    /// "trois jours après", "un an auparavant".
    fn counted(&self, i: usize) -> M {
        let make = |n: Option<i64>, sign: i64, unit: Unit, prev: bool, e: usize| match n {
            Some(n) => Some((
                Ex::Shift {
                    unit,
                    n: sign * n,
                    prev,
                },
                e,
            )),
            None => Some((
                Ex::Vague {
                    grain: unit.grain(),
                    prev,
                },
                e,
            )),
        };
        if self.k(i) == "il" && self.k(i + 1) == "y" && self.k(i + 2) == "a" {
            let (n, e) = self.count(i + 3)?;
            let unit = unit_of(self.k(e))?;
            return make(n, -1, unit, false, e + 1);
        }
        if self.k(i) == "dans" || (self.k(i) == "d'" && self.k(i + 1) == "ici") {
            let s = if self.k(i) == "dans" { i + 1 } else { i + 2 };
            let (n, e) = self.count(s)?;
            let unit = unit_of(self.k(e))?;
            // "dans un jour de colère" is no date.
            if matches!(self.k(e + 1), "de" | "d'") {
                return None;
            }
            return make(n, 1, unit, false, e + 1);
        }
        let (n, e) = self.count(i)?;
        let unit = unit_of(self.k(e))?;
        let e = e + 1;
        let (sign, end) = match (self.k(e), self.k(e + 1)) {
            ("plus", "tard") => (1, e + 2),
            ("plus", "tot") => (-1, e + 2),
            ("auparavant", _) => (-1, e + 1),
            // "trois jours après l'attaque" counts from an event, not a date.
            ("apres", _) if self.is_punct_or_end(e + 1) => (1, e + 1),
            ("avant", _) if self.is_punct_or_end(e + 1) => (-1, e + 1),
            _ => return None,
        };
        make(n, sign, unit, true, end)
    }

    /// "ces derniers mois", "ces dernières semaines", "les prochains jours".
    fn vague(&self, i: usize) -> M {
        let det = self.k(i);
        let adj = self.k(i + 1);
        let ok = match adj {
            "derniers" | "dernieres" => det == "ces",
            "prochains" | "prochaines" => matches!(det, "ces" | "les"),
            _ => false,
        };
        if !ok {
            return None;
        }
        let unit = unit_of(self.k(i + 2))?;
        Some((
            Ex::Vague {
                grain: unit.grain(),
                prev: false,
            },
            i + 3,
        ))
    }

    /// "années 90", "années 1990".
    fn decade(&self, i: usize) -> M {
        if self.k(i) != "annees" {
            return None;
        }
        let t = self.t.get(i + 1)?;
        if !t.num || !t.key.bytes().all(|b| b.is_ascii_digit()) || !t.key.ends_with('0') {
            return None;
        }
        let v: i32 = t.key.parse().ok()?;
        let y = match t.key.len() {
            2 if v == 0 || v == 10 => 2000 + v,
            2 => 1900 + v,
            4 if (1000..=2990).contains(&v) => v,
            _ => return None,
        };
        Some((Ex::Decade(y), i + 2))
    }

    /// "XXe siècle", "21e siècle".
    fn century(&self, i: usize) -> M {
        if self.k(i + 1) != "siecle" {
            return None;
        }
        let c = ordinal_number(self.k(i))?;
        let n = c.parse::<i32>().ok().or_else(|| roman(c))?;
        if !(1..=30).contains(&n) {
            return None;
        }
        Some((Ex::Century((n - 1) * 100), i + 2))
    }

    /// "le 16," alone: written that way only for a day of the month.
    fn day_only(&self, i: usize) -> M {
        let t = self.t.get(i)?;
        if self.kb(i, 1) != "le" || !t.num || t.key.len() > 2 {
            return None;
        }
        let d = self.daynum(i)?;
        (self.is_punct_or_end(i + 1) && self.k(i + 1) != "%").then_some((Ex::DayOnly(d), i + 1))
    }

    /// "20 02 2014", "24 12 14": numeric dates written with spaces.
    fn spaced_numeric(&self, i: usize) -> M {
        let d = self
            .daynum(i)
            .filter(|_| self.t.at(i).key.bytes().all(|b| b.is_ascii_digit()))?;
        let mt = self.t.get(i + 1)?;
        if !mt.num || mt.key.len() > 2 || !mt.key.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let m: u32 = mt.key.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let y = match self.year_tok(i + 2, 1900, 2100) {
            Some(y) => y,
            None => {
                let yt = self.t.get(i + 2)?;
                if yt.key.len() != 2 || !yt.key.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                if !self.is_punct_or_end(i + 3) {
                    return None;
                }
                pivot(yt.key.parse().ok()?)
            }
        };
        if self.noun_follows(i + 3) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, d)?;
        Some((
            Ex::Day {
                y: Some(y),
                m,
                d,
                wd: None,
            },
            i + 3,
        ))
    }

    /// Feasts: fixed ("Noël", "la Toussaint", "le jour de l'an") and tied
    /// to Easter ("Pâques", "la Pentecôte", "l'Ascension").
    fn holiday(&self, i: usize) -> M {
        let fixed = |m: u32, d: u32, e: usize| {
            let (y, e2) = match self.year_tok(e, 1000, 2999) {
                Some(y) => (Some(y), e + 1),
                None => (None, e),
            };
            Some((Ex::Day { y, m, d, wd: None }, e2))
        };
        let easter = |offset: i64, e: usize| {
            let (y, e2) = match self.year_tok(e, 1000, 2999) {
                Some(y) => (Some(y), e + 1),
                None => (None, e),
            };
            Some((Ex::Easter { y, offset }, e2))
        };
        // A capitalised word after "Noël"/"Toussaint" makes it a first name.
        let not_a_name = |e: usize| {
            !self.t.get(e).is_some_and(|t| {
                t.word
                    && self.raw(t).chars().next().is_some_and(char::is_uppercase)
                    && self.t.sent(e) == self.t.sent(i)
            })
        };
        match (self.k(i), self.k(i + 1), self.k(i + 2)) {
            ("jour", "de", "noel") => fixed(12, 25, i + 3),
            ("jour", "de", "l'") if self.k(i + 3) == "an" => fixed(1, 1, i + 4),
            ("nouvel", "an", _) => fixed(1, 1, i + 2),
            ("jour", "des", "morts") => fixed(11, 2, i + 3),
            ("fete", "du", "travail") => fixed(5, 1, i + 3),
            ("noel", ..) if not_a_name(i + 1) => fixed(12, 25, i + 1),
            ("toussaint", ..) if not_a_name(i + 1) => fixed(11, 1, i + 1),
            ("saint-sylvestre", ..) => fixed(12, 31, i + 1),
            ("paques", ..) => easter(0, i + 1),
            ("lundi", "de", "paques") => easter(1, i + 3),
            ("vendredi", "saint", _) => easter(-2, i + 2),
            ("pentecote", ..) => easter(49, i + 1),
            ("lundi", "de", "pentecote") => easter(50, i + 3),
            ("ascension", ..)
                if self.raw(self.t.at(i)).starts_with('A') && self.kb(i, 1) == "l'" =>
            {
                easter(39, i + 1)
            }
            _ => None,
        }
    }

    /// "le premier jour d'octobre", "la dernière semaine de septembre 2014",
    /// "le 3e jour de mars".
    fn month_part(&self, i: usize) -> M {
        let ord = self.k(i);
        let unit = self.k(i + 1);
        if let Some(wd) = weekday_of(unit) {
            let n = match ord {
                "premier" | "1er" => 1,
                "deuxieme" | "2e" | "2eme" | "second" => 2,
                "troisieme" | "3e" | "3eme" => 3,
                "quatrieme" | "4e" | "4eme" => 4,
                "dernier" => -1,
                _ => return None,
            };
            let part = Part::NthWeekday(n, wd);
            let j = i + 2;
            return match (self.k(j), self.k(j + 1)) {
                ("du" | "de", "mois") => {
                    let (n, prev, e) = self.relative_suffix(j + 2)?;
                    Some((
                        Ex::PartOf(
                            part,
                            Box::new(Ex::Shift {
                                unit: Unit::Month,
                                n,
                                prev,
                            }),
                        ),
                        e,
                    ))
                }
                ("de" | "d'", m) => {
                    let m = month_full(m)?;
                    let (y, e) = self.year_after_month(j + 2);
                    Some((
                        Ex::PartOf(
                            part,
                            Box::new(Ex::Month {
                                y,
                                m,
                                rel: Rel::Bare,
                            }),
                        ),
                        e,
                    ))
                }
                _ => None,
            };
        }
        let part = match (ord, unit) {
            ("premier" | "1er", "jour") => Part::NthDay(1),
            ("premiere" | "1ere" | "1re", "semaine") => Part::FirstWeek,
            ("dernier", "jour") => Part::LastDay,
            ("derniere", "semaine") => Part::LastWeek,
            (_, "jour") => {
                let n: u32 = ordinal_number(ord)?.parse().ok()?;
                if !(1..=31).contains(&n) {
                    return None;
                }
                Part::NthDay(n)
            }
            _ => return None,
        };
        let mut j = i + 2;
        if self.k(j) == "du" && self.k(j + 1) == "mois" {
            j += 2;
        }
        if !matches!(self.k(j), "de" | "d'") {
            return None;
        }
        let m = month_full(self.k(j + 1))?;
        let (y, e) = self.year_after_month(j + 2);
        Some((Ex::MonthPart { y, m, part }, e))
    }

    /// Intervals: "depuis 2015", "à partir du 3 mai", "jusqu'en 2020",
    /// "d'ici 2030", "du 3 au 5 mai", "de janvier à mars", "entre 2020 et 2021".
    fn interval(&self, i: usize) -> M {
        let k = self.k(i);
        match k {
            "depuis" => {
                let (x, e) = self.atom_after(i + 1)?;
                x.is_point().then(|| (Ex::From(Box::new(x)), e))
            }
            "a" if matches!(self.k(i + 1), "partir" | "compter")
                && matches!(self.k(i + 2), "de" | "du" | "d'") =>
            {
                let (x, e) = self.atom_after(i + 3)?;
                x.is_point().then(|| (Ex::From(Box::new(x)), e))
            }
            "jusqu'" => {
                let j = match self.k(i + 1) {
                    "au" | "en" | "a" => i + 2,
                    _ => return None,
                };
                let (x, e) = self.atom_after(j)?;
                x.is_point().then(|| (Ex::Until(Box::new(x)), e))
            }
            "d'" if self.k(i + 1) == "ici" => {
                let (x, e) = self.atom_after(i + 2)?;
                x.is_point().then(|| (Ex::Until(Box::new(x)), e))
            }
            "du" | "de" | "d'" => self.range(i + 1, false),
            "entre" => self.range(i + 1, true),
            _ => None,
        }
    }

    /// The two ends of "du X au Y" / "entre X et Y" from `j` (after the opener).
    fn range(&self, j: usize, entre: bool) -> M {
        let j = if entre && matches!(self.k(j), "le" | "l'") {
            j + 1
        } else {
            j
        };
        let connector = |c: usize| -> Option<usize> {
            match self.k(c) {
                "et" if entre => Some(if matches!(self.k(c + 1), "le" | "l'") {
                    c + 2
                } else {
                    c + 1
                }),
                "au" | "a" if !entre => Some(c + 1),
                "jusqu'" if !entre && matches!(self.k(c + 1), "au" | "a") => Some(c + 2),
                _ => None,
            }
        };
        let (x, e) = match self.daynum(j) {
            Some(d) if connector(j + 1).is_some() && self.k(j) != "premier" => {
                (Ex::BareDay(d), j + 1)
            }
            _ => {
                if let Some((m, e)) = self
                    .month_at(j, false)
                    .filter(|_| connector(j + 1).is_some())
                {
                    (
                        Ex::Month {
                            y: None,
                            m,
                            rel: Rel::Bare,
                        },
                        e,
                    )
                } else {
                    self.atom(j)?
                }
            }
        };
        let c = connector(e)?;
        let (y, e2) = match self.year_tok(c, 1900, 2100) {
            Some(yv) if matches!(x, Ex::Year(_)) => {
                if self.year_blocked(c) {
                    return None;
                }
                (Ex::Year(yv), c + 1)
            }
            _ => self.atom(c)?,
        };
        let merged = merge(x, y)?;
        Some((merged, e2))
    }
}

/// Completes the left end of a range from the right one ("du 3 au 5 mai").
fn merge(x: Ex, y: Ex) -> Option<Ex> {
    // A left end without a year takes the right end's at resolution, one
    // year earlier if it would fall after it ("du 28 décembre au 3 janvier 2025").
    let a = match (&x, &y) {
        (Ex::BareDay(d), Ex::Day { m, d: d2, .. }) if d < d2 => Ex::Day {
            y: None,
            m: *m,
            d: *d,
            wd: None,
        },
        (Ex::DayOfMonth { d, wd }, Ex::Day { m, d: d2, .. }) if d < d2 => Ex::Day {
            y: None,
            m: *m,
            d: *d,
            wd: Some(*wd),
        },
        (Ex::Day { .. }, Ex::Day { .. })
        | (Ex::Month { .. }, Ex::Month { .. })
        | (Ex::Weekday { .. }, Ex::Weekday { .. }) => x.clone(),
        (Ex::Year(a), Ex::Year(b)) if a < b => x.clone(),
        _ => return None,
    };
    Some(Ex::Range(Box::new(a), Box::new(y)))
}

impl Ex {
    /// Fragments only ranges use are never mentions of their own.
    fn is_emittable(&self) -> bool {
        !matches!(self, Ex::BareDay(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_alike_is_folds_alike() {
        for c in '\u{c0}'..='\u{ff}' {
            let n = c as u32 - 0xC0;
            assert_eq!(LATIN1_ALIKE & (1 << n) != 0, folds_alike(c), "{c:?}");
        }
    }

    /// `shares_key` says what its definition does.
    #[test]
    fn shares_key_equals_definition() {
        let def =
            |t: &str| !t.is_empty() && t.chars().all(|c| folds_alike(c) && !c.is_whitespace());
        for body in sample_bodies() {
            for w in body.split(' ').chain(body.split(char::is_whitespace)) {
                assert_eq!(shares_key(w), def(w), "{w:?}");
            }
        }
        for w in [
            "été", "ÉTÉ", "a`b", "\u{a0}é", "é\u{a0}", "Ÿ", "ß", "ǅ", "a\u{301}", "×", "÷", "é\t",
        ] {
            assert_eq!(shares_key(w), def(w), "{w:?}");
        }
    }

    #[test]
    fn folds_alike_means_the_same_key() {
        for c in (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| folds_alike(c))
        {
            let mut shared = String::new();
            crate::normalize::fold_char(c, |k| shared.push(k));
            assert_eq!(fold(&c.to_string()), shared, "{c:?}");
        }
    }

    /// Bodies rich in dates: the fixture articles and every rules table.
    fn sample_bodies() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut out = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(root.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for p in paths {
            out.push(std::fs::read_to_string(p).unwrap());
        }
        for table in ["dates", "numbers-in-text", "casualties"] {
            let t = std::fs::read_to_string(root.join(format!("rules/{table}.tsv"))).unwrap();
            for line in t.lines().filter(|l| !l.starts_with('#')) {
                // The sentence column: the second in dates.tsv, else the first.
                let col = if table == "dates" { 1 } else { 0 };
                if let Some(c) = line.split('\t').nth(col) {
                    out.push(c.replace("\\n", "\n"));
                }
            }
        }
        out
    }

    /// The dispatch only skips matchers that would fail: `atom` equals
    /// `atom_all` at every token, and `interval` fails where its bit is clear.
    ///
    /// And the scan that tries only the tokens near a core finds what the
    /// scan of every token finds.
    fn check_dispatch(body: &str) {
        let tokens = crate::tokenize::tokenize(body);
        let mut buf = ViewBuf::default();
        let mut cores = Vec::new();
        let p = Parser {
            body,
            t: view(body, &tokens, &mut buf, &mut cores),
        };
        for i in 0..=p.t.len() {
            assert_eq!(p.atom(i), p.atom_all(i), "token {i} of {body:?}");
            if p.can_start(i) & can::INTERVAL == 0 {
                assert_eq!(p.interval(i), None, "token {i} of {body:?}");
            }
        }
        let want: Vec<usize> = (0..p.t.len())
            .filter(|&i| p.t.at(i).num || is_core_word(p.t.at(i).key))
            .collect();
        assert_eq!(cores, want, "{body:?}");
        assert_eq!(p.scan_near(&cores), p.scan(), "{body:?}");
    }

    /// One phrase at least for every word of `WORD_BITS` (most of them
    /// dates from their first token): what the dispatch must never skip.
    const PHRASES: &[&str] = &[
        "22/09/2024",
        "2024-09-22",
        "lundi 22 septembre 2024",
        "lun. 16 sept.",
        "1er juillet",
        "1re mai",
        "1ere mai",
        "premier mai",
        "mercredi 13 au soir",
        "mer. matin",
        "jeu. 3 mars",
        "ven.",
        "sam.",
        "dim.",
        "mardi dernier",
        "jeudi de la semaine prochaine",
        "septembre 2024",
        "janv. 2024",
        "jan 2024",
        "fevr. 2024",
        "fév 2020",
        "avr. 2019",
        "juil. 2018",
        "12 sept. 2017",
        "oct. 2016",
        "nov 2015",
        "déc. 2014",
        "juillet-août",
        "mi-mars",
        "mi-2020",
        "début avril",
        "fin 2023",
        "fin de l'année",
        "début du mois de mai",
        "en 2015",
        "l'année 2020",
        "1982-1990",
        "en ce moment",
        "jour suivant",
        "hier soir",
        "avant-hier",
        "aujourd’hui vendredi",
        "demain",
        "après-demain",
        "lendemain",
        "surlendemain",
        "dans la journée",
        "dans la semaine",
        "ce matin",
        "cet après-midi",
        "cette semaine",
        "ce jeudi",
        "ce week-end",
        "le lendemain",
        "la veille au matin",
        "l’avant-veille",
        "le jour même",
        "le week-end dernier",
        "la semaine du 6 octobre",
        "l'an dernier",
        "le mois prochain",
        "il y a deux semaines",
        "dans trois jours",
        "d'ici deux ans",
        "quelques jours plus tard",
        "plusieurs mois auparavant",
        "plus de deux semaines plus tard",
        "près d'un an auparavant",
        "moins de trois jours plus tôt",
        "environ trois jours plus tard",
        "une dizaine de jours plus tard",
        "une quinzaine de jours après.",
        "deux jours plus tard",
        "12 jours plus tard",
        "ces derniers mois",
        "ces dernières semaines",
        "les prochains jours",
        "années 90",
        "années 1990",
        "XXe siècle",
        "21e siècle",
        "le 16, il",
        "20 02 2014",
        "24 12 14.",
        "jour de Noël",
        "jour de l'an",
        "nouvel an 2020",
        "jour des morts",
        "fête du travail",
        "Noël 2023",
        "la Toussaint",
        "Saint-Sylvestre",
        "Pâques 2024",
        "lundi de Pâques",
        "vendredi saint",
        "Pentecôte",
        "lundi de Pentecôte",
        "l'Ascension",
        "premier mercredi de mars",
        "dernier lundi du mois prochain",
        "deuxième mardi d'avril",
        "premier jour de mars",
        "3e jour de mars",
        "première semaine d'octobre 2014",
        "1re semaine de mai",
        "dernière semaine de septembre",
        "dernier jour du mois de juin",
        "depuis 2015",
        "depuis le 3 mai",
        "à partir du 3 mai",
        "à compter de janvier",
        "jusqu'au 5 mai",
        "jusqu’en 2020",
        "jusqu'à mardi",
        "d'ici 2030",
        "du 3 au 5 mai",
        "de janvier à mars",
        "d'avril à juin",
        "entre 2020 et 2021",
        "entre le 3 et le 5 mai",
    ];

    #[test]
    fn dispatch_agrees_with_every_matcher() {
        for body in sample_bodies() {
            check_dispatch(&body);
        }
        for phrase in PHRASES {
            let tokens = crate::tokenize::tokenize(phrase);
            let mut buf = ViewBuf::default();
            let p = Parser {
                body: phrase,
                t: view(phrase, &tokens, &mut buf, &mut Vec::new()),
            };
            assert!(
                (0..p.t.len()).any(|i| p.atom_all(i).is_some() || p.interval(i).is_some()),
                "{phrase:?} holds no date"
            );
            check_dispatch(phrase);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn dispatch_agrees_on_date_like_text(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "le", "la", "l’", "l'", "Le", "du", "de", "d’", "au", "à", "a", "et", "en", "entre",
                "dès", "Dès", "ce", "ces", "les", "dans", "il", "y", "ici", "lundi", "Mardi", "mer",
                ".", ",", "-", "–", "/", "mars", "Mai", "FÉVRIER", "sept", "janv", "mi", "début", "fin",
                "1er", "premier", "première", "3e", "XXe", "siècle", "jour", "jours", "semaine",
                "mois", "an", "année", "années", "90", "1990", "2024", "22", "16", "hier", "veille",
                "Noël", "dernier", "prochain", "suivante", "précédent", "d'après", "matin", "deux",
                "trois", "quelques", "plus", "près", "moins", "environ", "une", "dizaine", "huit",
                "quinze", "même", "tard", "tôt", "auparavant", "après", "avant", "morts", "2 000",
                "%", "qui", "suit", "à", "partir", "compter", "jusqu’", "jusqu'", "depuis", "d'",
                "quinzaine", "plusieurs", "cette", "cet", "derniers", "prochaines", "nouvel",
                "semaines", "week-end", "lendemain", "aujourd’hui", "moment", "nuit", "soir",
                "XIXe", "xixième", "ive", "12/05/2020", "2024-09-22", "5.3.24", "mi-mars", "Pâques",
                "juillet-août", "l’avant-veille", "ce", "jour-là", "Toussaint", "fête", "travail",
                "M.", "\n", "lun", "sam", "dim", "20", "02", "14", "1er", "vendredi", "saint",
            ]), 0..12),
            phrases in proptest::collection::vec(proptest::sample::select(PHRASES.to_vec()), 0..4),
            order in proptest::collection::vec(proptest::bool::ANY, 16),
        ) {
            // Interleave whole phrases with loose words, so that phrases
            // meet odd neighbours on both sides.
            let (mut w, mut p) = (words.iter(), phrases.iter());
            let mut parts: Vec<&str> = Vec::new();
            for &take_phrase in &order {
                let next = if take_phrase { p.next().or_else(|| w.next()) } else { w.next().or_else(|| p.next()) };
                parts.extend(next.copied());
            }
            check_dispatch(&parts.join(" "));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The hand-written numeric patterns read what the regexes read,
        /// digits beyond ASCII included (left to the regexes).
        #[test]
        fn numeric_shape_equals_regex(
            rest in "[0-9][0-9/.\\-a\u{202F}\u{663}\u{b2}é]{0,14}",
        ) {
            proptest::prop_assert_eq!(numeric_shape(&rest), numeric_shape_regex(&rest));
        }

        #[test]
        fn ordinal_number_equals_regex(key in "[0-9ivxlcemr]{1,10}|[a-zé]{1,6}") {
            let re = Regex::new(r"^([0-9]{1,2}|[ivxlc]{1,7})(?:e|eme|ieme|er)$").unwrap();
            let want = re.captures(&key).map(|c| c.get(1).unwrap().as_str());
            proptest::prop_assert_eq!(ordinal_number(&key), want);
        }
    }

    #[test]
    fn numeric_and_ordinal_cases() {
        for rest in [
            "22/09/2024",
            "2024-09-22",
            "2024-9-2x",
            "1/2",
            "12.05.20",
            "12.05.202",
            "12-05/2020",
            "123/4",
            "1٣/05",
            "12/0٣",
            "12/05/٣٣",
            "1\u{202F}000",
            "2024-09-2",
            "20240-1-1",
        ] {
            assert_eq!(numeric_shape(rest), numeric_shape_regex(rest), "{rest:?}");
        }
        for (key, want) in [
            ("xxe", Some("xx")),
            ("21e", Some("21")),
            ("xixieme", Some("xixi")),
            ("1er", Some("1")),
            ("ive", Some("iv")),
            ("iieme", Some("ii")),
            ("e", None),
            ("123e", None),
        ] {
            assert_eq!(ordinal_number(key), want, "{key:?}");
        }
    }

    /// The map of tense words says what the three lists say.
    #[test]
    fn tense_words_equal_the_lists() {
        let words = FUTURE_WORDS.iter().chain(MODALS).chain(PAST_WORDS);
        for &w in words.chain(["a", "le", "sera", "Ankara", "etait-il"].iter()) {
            let want = if FUTURE_WORDS.contains(&w) || MODALS.contains(&w) {
                Some(true)
            } else if PAST_WORDS.contains(&w) {
                Some(false)
            } else {
                None
            };
            assert_eq!(TENSE_WORDS.get(w).copied(), want, "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_is_fold_equals(s in "[aÀàÉéœŒ’`İß\u{301}\u{2011} -]{0,6}", k in "[ae'i -]{0,4}") {
            proptest::prop_assert!(fold_is(&s, &fold(&s)));
            proptest::prop_assert_eq!(fold_is(&s, &k), fold(&s) == k);
        }
    }

    /// The quick tests before hashing let every word of their map through.
    #[test]
    fn ends_tables_keep_every_word() {
        for w in FUTURE_WORDS.iter().chain(MODALS).chain(PAST_WORDS) {
            assert!(TENSE_ENDS.may_hold(w.as_bytes()), "{w:?}");
        }
        for (w, &bits) in &WORD_BITS.map {
            assert_eq!(WORD_BITS.get(w), bits, "{w:?}");
        }
        for w in ["", "x", "et", "de", "les", "un", "é"] {
            assert_eq!(
                WORD_BITS.get(w),
                WORD_BITS.map.get(w).copied().unwrap_or((0, 0))
            );
        }
    }

    #[test]
    fn is_core_word_equals_reference() {
        let mut keys: Vec<String> = CORE_WORDS.iter().map(|w| w.to_string()).collect();
        for m in MONTHS {
            keys.push(format!("mi-{m}"));
            for n in MONTHS {
                keys.push(format!("{m}-{n}"));
            }
        }
        for body in sample_bodies() {
            let tokens = crate::tokenize::tokenize(&body);
            keys.extend((0..tokens.tokens.len()).map(|i| tokens.keys.get(i).to_string()));
        }
        for k in &keys {
            assert_eq!(is_core_word(k), is_core_word_reference(k), "{k:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn is_core_word_equals_reference_on_words(key in "[a-z]{0,3}(-|[a-z]){0,9}") {
            proptest::prop_assert_eq!(is_core_word(&key), is_core_word_reference(&key));
        }

        /// `may_be_core` on a text passes every core word its key is.
        #[test]
        fn may_be_core_passes_every_core_word(
            raw in "([a-zA-Z]{0,3}(-|[a-zA-Z]){0,9})|[ -~]{0,12}",
        ) {
            if is_core_word(&raw.to_ascii_lowercase()) {
                proptest::prop_assert!(may_be_core(raw.as_bytes()));
            }
        }
    }

    /// The view and its cores equal those of the view as it was built,
    /// in a buffer left full by another body (as `find_dates` reuses it).
    fn check_view(body: &str, tokens: &Tokens) {
        let (mut buf, mut cores) = (ViewBuf::default(), Vec::new());
        let other = "Œuvre du 22\u{202F}mai au 3\u{202F}juin – vœux, 12 000 morts.\nLundi.";
        view(
            other,
            &crate::tokenize::tokenize(other),
            &mut buf,
            &mut cores,
        );
        let got = view(body, tokens, &mut buf, &mut cores);
        let (mut own_ref, mut cores_ref) = (String::new(), Vec::new());
        let want = view_reference(body, tokens, &mut own_ref, &mut cores_ref);
        assert_eq!(got.to_vec(), want, "{body:?}");
        assert_eq!(cores, cores_ref, "{body:?}");
        assert!(got.get(want.len()).is_none());
    }

    #[test]
    fn view_equals_reference_on_fixtures() {
        for body in sample_bodies() {
            check_view(&body, &crate::tokenize::tokenize(&body));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// And on text mixing ASCII (white space and control bytes among
        /// it), backquotes, accents, spaces inside numbers and odd chars.
        #[test]
        fn view_equals_reference_on_odd_text(
            body in "([a-zA-Z0-9 `.,'-]|\\t|\\x0b|\\x01|é|À|’|œ|Œ|–|\\u{202F}|\\u{a0}|\\u{301}|ǅ|🙂|\\n){0,60}",
        ) {
            let tokens = crate::tokenize::tokenize(&body);
            check_view(&body, &tokens);
            let mut edited = tokens.clone();
            edited.keys = Default::default();
            check_view(&body, &edited);
        }
    }

    #[test]
    fn view_keys_are_fold_keys() {
        let body =
            "Le 22\u{202F}septembre, «\u{00A0}MARDI\u{00A0}» l’An dernier À Noël `x` Œuvre ÉTÉ \
                    a\u{0301} ǅ 12\u{a0}000";
        let tokens = crate::tokenize::tokenize(body);
        // The same tokens without their keys (as if edited after
        // `tokenize`), and with tokens of white space or out of the body.
        let mut edited = tokens.clone();
        edited.keys = Default::default();
        edited.tokens.insert(
            1,
            crate::tokenize::Token {
                start: 2,
                end: 3,
                kind: crate::tokenize::TokenKind::Punct,
            },
        );
        edited.tokens.push(crate::tokenize::Token {
            start: body.len(),
            end: body.len() + 4,
            kind: crate::tokenize::TokenKind::Word,
        });
        for tokens in [&tokens, &edited] {
            // Every token split on white space, in order.
            let want: Vec<(usize, usize)> = tokens
                .tokens
                .iter()
                .filter_map(|t| Some((t.start, body.get(t.start..t.end)?)))
                .flat_map(|(start, text)| {
                    text.split(char::is_whitespace)
                        .filter(|p| !p.is_empty())
                        .map(move |p| {
                            let at = start + (p.as_ptr() as usize - text.as_ptr() as usize);
                            (at, at + p.len())
                        })
                })
                .collect();
            let mut buf = ViewBuf::default();
            let got = view(body, tokens, &mut buf, &mut Vec::new()).to_vec();
            let spans: Vec<(usize, usize)> = got.iter().map(|(t, _)| (t.start, t.end)).collect();
            assert_eq!(spans, want);
            for (t, _) in got {
                let raw = &body[t.start..t.end];
                assert_eq!(t.key, fold(raw), "{raw:?}");
            }
        }
    }
}
