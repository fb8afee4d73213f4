//! The compiled gazetteer: every alias's normalised key in an `fst` map
//! and a hash table (see [`super::index`]), matched against the article's
//! normalised key on word boundaries.
//!
//! Why probe spans from each word-run start and not run an Aho-Corasick
//! automaton: a hit must start where a run of letters and digits starts
//! and end where one ends ("Mali" never inside "Malien"), so only those
//! positions need probing, and the index is a few flat byte arrays that the
//! embedded gazetteers ship precompiled, where an automaton over 200,000
//! aliases took 1.0–1.8 s to build (`aho-corasick`, `daachorse`) against
//! a start-up budget of tens of milliseconds (see the start-up bench).
//!
//! Every hit must also honour the alias's capitals (so "AES" matches "AES",
//! not "aes"), and a single stop-word never matches at a sentence start.
//! Overlapping hits are resolved leftmost-longest.

use std::borrow::Cow;
use std::sync::OnceLock;

use fst::raw::Fst;
use rustc_hash::FxHashSet;

use super::index::{self, Tables};
use super::tsv;
use super::Entry;
use crate::normalize::{
    case_profile_into, fold_ascii, fold_char_at, fold_class_at, fold_collapsing_into,
    fold_two_bytes, FoldClass,
};
use crate::tokenize::{apostrophe_len, starts_uppercase, RunShape, RunShapes, Tokens};

/// A gazetteer hit in a body: a byte span and the entries it may name.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerMatch {
    pub start: usize,
    pub end: usize,
    /// Indices into the matcher's entries ([`Matcher::entry`]), best-first
    /// by priority.
    pub candidates: Vec<u32>,
}

/// Immutable, `Send + Sync`; built once and shared across threads.
pub struct Matcher {
    /// Normalised alias key → its rank in `tables`.
    fst: Fst<Cow<'static, [u8]>>,
    tables: Tables,
    entries: Entries,
    stopwords: FxHashSet<String>,
    /// The [`index::bytes_hash`] of one space, the gap between most words.
    space_hash: u64,
}

/// The matcher's entries: parsed up front (gazetteers from a directory,
/// tests), or each parsed on first use from the embedded TSV text. An
/// article names a handful of the 55,000 embedded entries, and parsing them
/// all took 200 ms, most of the old start-up.
struct Entries {
    cells: Box<[OnceLock<Box<Entry>>]>,
    lazy: Option<LazyEntries>,
}

struct LazyEntries {
    /// The embedded files' texts, indexed by `file`.
    texts: &'static [&'static str],
    file: Vec<u8>,
    offset: Vec<u32>,
}

impl Entries {
    fn get(&self, i: usize) -> &Entry {
        self.cells[i].get_or_init(|| {
            let lazy = self
                .lazy
                .as_ref()
                .expect("entries without a source are parsed up front");
            let text = lazy.texts[lazy.file[i] as usize];
            let line = tsv::line_at(text, lazy.offset[i] as usize);
            // The build script parsed this very line without error.
            Box::new(tsv::parse_line(line).expect("embedded gazetteer lines parse"))
        })
    }
}

/// A maximal run of letters and digits of a text's key (what
/// [`Normalized::new`](crate::normalize::Normalized::new) makes of it),
/// as the source span it comes from and where its key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: u32,
    end: u32,
    /// The span of the run's key in [`Runs::folded`] if `folded`, else in
    /// [`Runs::arena`].
    key: (u32, u32),
    folded: bool,
}

/// The runs of a text and the buffers holding their keys.
struct Runs<'a> {
    runs: Vec<Run>,
    /// The text lowercased (ASCII only, so with the text's offsets: the
    /// key of an ASCII run is its own span here), then the keys of the
    /// tokens that are not ASCII: the tokens' key arena ([`Keys::parts`]).
    ///
    /// [`Keys::parts`]: crate::tokenize::Keys::parts
    arena: Cow<'a, [u8]>,
    /// The keys of the runs that are not ASCII that were read off the
    /// text, folded as they were read.
    folded: Vec<u8>,
    /// The runs that may start a key, as the first-run filter decides
    /// when each run is made (see [`Runs::note_start`]): the index of the
    /// run, with [`CAPITAL`] set when it is written with a capital.
    starts: Vec<u32>,
}

/// [`Runs::starts`] bit: the run is written with a capital first letter.
const CAPITAL: u32 = 1 << 31;

impl Runs<'_> {
    /// The key of `run`.
    #[inline]
    fn key(&self, run: Run) -> &[u8] {
        let (s, e) = (run.key.0 as usize, run.key.1 as usize);
        if run.folded {
            &self.folded[s..e]
        } else {
            &self.arena[s..e]
        }
    }

    /// The [`index::bytes_hash`] of the key of `run`: computed when
    /// asked, as most runs are ruled out before their hash matters.
    /// Inlined: a call cost a fifth of it.
    #[inline(always)]
    fn hash(&self, run: Run) -> u64 {
        let (s, e) = (run.key.0 as usize, run.key.1 as usize);
        if run.folded {
            index::bytes_hash(&self.folded[s..e])
        } else {
            index::bytes_hash_at(&self.arena, s, e)
        }
    }

    /// The [`index::quick_hash`] of the key of `run`.
    #[inline]
    fn quick_hash(&self, run: Run) -> u64 {
        let (s, e) = (run.key.0 as usize, run.key.1 as usize);
        if run.folded {
            index::quick_hash(&self.folded, s, e)
        } else {
            index::quick_hash(&self.arena, s, e)
        }
    }

    /// Notes run `r` of `body` among the [`Runs::starts`] if it may start
    /// a key: written with a capital, or its [`index::quick_hash`] in
    /// [`Tables::may_start_any_case`]. Asked as each run is made, while
    /// its key is at hand, so [`Matcher::find`] visits only these: most
    /// runs are lowercase words that start no alias, and a second pass
    /// over every run to rule them out cost a sixth of the matcher.
    #[inline(always)]
    fn note_start(&mut self, r: usize, body: &str, tables: &Tables) {
        let run = self.runs[r];
        let first = body.as_bytes()[run.start as usize];
        let capital = match first.is_ascii() {
            true => first.is_ascii_uppercase(),
            false => starts_uppercase(&body[run.start as usize..]),
        };
        if capital || tables.may_start_any_case(self.quick_hash(run)) {
            let r = u32::try_from(r).expect("runs are offsets of a body under 4 GiB");
            self.starts.push(r | if capital { CAPITAL } else { 0 });
        }
    }

    /// [`Runs::note_start`] of every run from `from` on.
    fn note_starts(&mut self, from: usize, body: &str, tables: &Tables) {
        for r in from..self.runs.len() {
            self.note_start(r, body, tables);
        }
    }

    /// A run of ASCII letters and digits at `start..end` of the text: its
    /// key is its span of the arena.
    #[inline]
    fn ascii(start: usize, end: usize) -> Run {
        let (start, end) = (start as u32, end as u32);
        Run {
            start,
            end,
            key: (start, end),
            folded: false,
        }
    }
}

/// The [`Run`]s of `body`, whose tokens are `tokens` with run shapes
/// `shapes` (see [`RunShape`]): a token of known shape is a run or none,
/// its key already folded in the tokens' key arena, and only the stretches
/// between known tokens that hold more than ASCII white space and
/// punctuation (tokens of unknown shape, no-break spaces) are read off the
/// body by [`scan_runs`]. No run crosses the boundaries of a token of known
/// shape, so the runs come out exactly as [`body_runs`] finds them (tests
/// check it).
fn token_runs<'a>(
    body: &str,
    tokens: &'a Tokens,
    shapes: RunShapes<'_>,
    tables: &Tables,
) -> Runs<'a> {
    let b = body.as_bytes();
    let (arena, spans) = tokens.keys.parts();
    let toks = &tokens.tokens[..];
    let spans = &spans[..toks.len()];
    let mut all = Runs {
        runs: Vec::with_capacity(toks.len()),
        arena: Cow::Borrowed(arena.as_bytes()),
        folded: Vec::new(),
        starts: Vec::new(),
    };
    // The runs of `body[..done]` are found, and no run crosses `done`.
    let mut done = 0;
    // Zipped, not indexed: no bounds check a token.
    for ((&t, &key), shape) in toks.iter().zip(spans).zip(shapes.iter()) {
        if shape == RunShape::Unknown {
            continue;
        }
        if t.start != done && !blank(&b[done..t.start]) {
            let from = all.runs.len();
            scan_runs(body, done, t.start, &mut all);
            all.note_starts(from, body, tables);
        }
        match shape {
            RunShape::Whole => {
                all.runs.push(Run {
                    start: t.start as u32,
                    end: t.end as u32,
                    key,
                    folded: false,
                });
                all.note_start(all.runs.len() - 1, body, tables);
            }
            RunShape::Elision => {
                let head = t.end - apostrophe_len(&b[t.start..t.end]);
                all.runs.push(Runs::ascii(t.start, head));
                all.note_start(all.runs.len() - 1, body, tables);
            }
            RunShape::NoRun | RunShape::Unknown => {}
        }
        done = t.end;
    }
    if !blank(&b[done..]) {
        let from = all.runs.len();
        scan_runs(body, done, b.len(), &mut all);
        all.note_starts(from, body, tables);
    }
    all
}

/// Whether `gap` holds no run: ASCII white space and punctuation only
/// (most often one space, between two words).
#[inline]
fn blank(gap: &[u8]) -> bool {
    gap == b" "
        || gap
            .iter()
            .all(|x| x.is_ascii() && !x.is_ascii_alphanumeric())
}

/// The [`Run`]s of the key of `body`, read off the body itself (see
/// [`scan_runs`]): for tokens without [`RunShape`]s.
fn body_runs(body: &str, tables: &Tables) -> Runs<'static> {
    let mut all = Runs {
        runs: Vec::with_capacity(body.len() / 6 + 1),
        arena: Cow::Owned(body.as_bytes().to_ascii_lowercase()),
        folded: Vec::new(),
        starts: Vec::new(),
    };
    scan_runs(body, 0, body.len(), &mut all);
    all.note_starts(0, body, tables);
    all
}

/// Pushes the [`Run`]s of the key of `body[from..to]` to `all`, read off
/// the body itself: the key is never built. No run may cross `from` or
/// `to`. A run's key is its text folded char by char (it holds no white
/// space to collapse), which for the ASCII runs of French copy is their
/// text lowercased; the keys of the other runs are written out to
/// [`Runs::folded`] as they are read.
///
/// Offsets are `u32`, as in [`Normalized`](crate::normalize::Normalized):
/// bodies over 4 GiB are rejected long before.
#[inline(never)]
fn scan_runs(body: &str, from: usize, to: usize, all: &mut Runs<'_>) {
    let text = &body[from..to];
    let b = text.as_bytes();
    let base = from as u32;
    let mut i = 0;
    // Byte by byte: runs and the gaps between them are a few bytes long
    // in prose, too short for eight-byte steps to pay.
    while i < b.len() {
        // ASCII bytes that are no letter or digit: white space, punctuation.
        i += b[i..]
            .iter()
            .position(|&x| !x.is_ascii() || x.is_ascii_alphanumeric())
            .unwrap_or(b.len() - i);
        let Some(&x) = b.get(i) else { break };
        if !x.is_ascii() {
            let (class, len) = fold_class_at(text, i);
            if class != FoldClass::Alnum {
                i += len;
                continue;
            }
        }
        let start = i;
        if x.is_ascii() {
            i += b[i..]
                .iter()
                .position(|x| !x.is_ascii_alphanumeric())
                .unwrap_or(b.len() - i);
        }
        if b.get(i).is_some_and(|x| !x.is_ascii()) {
            let run = run_past_ascii(text, start, i, &mut all.folded);
            // Whatever folded to nothing after the run's end is skipped
            // with what follows.
            i = run.end as usize;
            all.runs.push(Run {
                start: run.start + base,
                end: run.end + base,
                ..run
            });
        } else {
            all.runs.push(Runs::ascii(from + start, from + i));
        }
    }
}

/// The run starting at `start` of `text`, whose ASCII letters and digits
/// end at `i` on a char that is not ASCII: its key is folded into
/// `folded` char by char.
#[inline(never)]
fn run_past_ascii(text: &str, start: usize, mut i: usize, folded: &mut Vec<u8>) -> Run {
    let b = text.as_bytes();
    let from = folded.len();
    folded.extend(b[start..i].iter().map(u8::to_ascii_lowercase));
    // The end of the last letter or digit: chars that fold to nothing
    // join a run but do not end it.
    let mut end = i;
    while let Some(&x) = b.get(i) {
        if x.is_ascii() {
            if !x.is_ascii_alphanumeric() {
                break;
            }
            folded.push(x.to_ascii_lowercase());
            i += 1;
            end = i;
            continue;
        }
        let two = (0xc2..=0xdf).contains(&x);
        if let Some((n, k)) = two.then(|| fold_two_bytes(x, b[i + 1])).flatten() {
            // An accented letter, most often: a table read.
            if n > 0 && !k[0].is_ascii_alphanumeric() {
                break;
            }
            folded.extend_from_slice(&k[..n]);
            i += 2;
            if n > 0 {
                end = i;
            }
            continue;
        }
        let at = folded.len();
        let (class, len) = fold_char_at(text, i, folded);
        match class {
            FoldClass::Alnum => {
                i += len;
                end = i;
            }
            FoldClass::Nothing => i += len,
            FoldClass::Other => {
                folded.truncate(at);
                break;
            }
        }
    }
    Run {
        start: start as u32,
        end: end as u32,
        key: (from as u32, folded.len() as u32),
        folded: true,
    }
}

/// Whether the key between runs `a` and `b` (which follows it) is one
/// hyphen: the runs are glued into a compound ("Mali-Sud").
fn hyphen_between(body: &str, a: Run, b: Run, scratch: &mut Vec<u8>) -> bool {
    let gap = &body[a.end as usize..b.start as usize];
    // Each ASCII char folds to one (a space after a space to none), so an
    // ASCII gap folds to "-" only if it is "-": most gaps (a space, a
    // comma and a space) are settled without folding them.
    if gap.is_ascii() {
        return gap == "-";
    }
    scratch.clear();
    fold_collapsing_into(gap, false, scratch);
    scratch == b"-"
}

/// [`hashed_runs`] of the key: what [`body_runs`] must find, in key offsets.
#[cfg(test)]
fn hashed_runs(key: &str) -> Vec<(usize, usize, u64)> {
    word_runs(key)
        .into_iter()
        .map(|(s, e)| (s, e, index::bytes_hash(&key.as_bytes()[s..e])))
        .collect()
}

/// Byte ranges of the maximal runs of letters and digits in `key`.
#[cfg(test)]
fn word_runs(key: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in key.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, key.len()));
    }
    runs
}

/// A hit as [`Matcher::find`] finds it: its first and last runs, its
/// key's rank.
struct Found {
    runs: (usize, usize),
    key: usize,
    hit: GazetteerMatch,
}

impl Matcher {
    /// Compiles `entries` (parsed up front) into a matcher.
    pub(super) fn new(entries: Vec<Entry>, stopwords: &[String]) -> Matcher {
        let (bytes, tables) = index::build(&entries);
        let cells = entries
            .into_iter()
            .map(|e| OnceLock::from(Box::new(e)))
            .collect();
        Matcher::from_parts(
            Cow::Owned(bytes),
            tables,
            Entries { cells, lazy: None },
            stopwords,
        )
    }

    /// The matcher over the embedded files' `texts`, from what the build
    /// script precompiled.
    pub(super) fn precompiled(
        fst: &'static [u8],
        pre: index::Precompiled,
        texts: &'static [&'static str],
    ) -> Matcher {
        let cells = (0..pre.entry_offset.len())
            .map(|_| OnceLock::new())
            .collect();
        let lazy = LazyEntries {
            texts,
            file: pre.entry_file,
            offset: pre.entry_offset,
        };
        Matcher::from_parts(
            Cow::Borrowed(fst),
            pre.tables,
            Entries {
                cells,
                lazy: Some(lazy),
            },
            &pre.stopwords,
        )
    }

    fn from_parts(
        fst: Cow<'static, [u8]>,
        tables: Tables,
        entries: Entries,
        stopwords: &[String],
    ) -> Matcher {
        Matcher {
            fst: Fst::new(fst).expect("the index was written by fst::MapBuilder"),
            tables,
            entries,
            stopwords: stopwords.iter().cloned().collect(),
            space_hash: index::bytes_hash(b" "),
        }
    }

    /// Key `k` as text.
    fn key_text(&self, k: usize) -> &str {
        std::str::from_utf8(self.tables.key(k)).expect("keys are made of whole chars")
    }

    /// Number of entries.
    pub fn entry_count(&self) -> usize {
        self.entries.cells.len()
    }

    pub fn entry(&self, i: u32) -> &Entry {
        self.entries.get(i as usize)
    }

    /// Normalised words that never match alone at a sentence start.
    pub fn stopwords(&self) -> &FxHashSet<String> {
        &self.stopwords
    }

    /// Number of distinct normalised keys in the index.
    pub fn pattern_count(&self) -> usize {
        self.tables.key_count()
    }

    /// The index as bytes: the `fst` map and the tables. Two matchers with
    /// equal index bytes and entries find the same hits.
    pub fn index_bytes(&self) -> (&[u8], &Tables) {
        (self.fst.as_bytes(), &self.tables)
    }

    /// Every valid, non-overlapping, leftmost-longest hit in `body`, whose
    /// tokens are `tokens`.
    ///
    /// From each word-run start that may start a key (see
    /// [`Tables::may_start`]), the span is extended run by run while the
    /// text read so far may be continued by a key, and the key table
    /// ([`Tables::rank`]) is only asked about spans that may be keys
    /// themselves: one hash and one probe of [`Tables::filter`] a step.
    /// The hashes of the runs are computed once, and a span's hash grows
    /// from its prefix's.
    ///
    /// The runs come from the tokens and their folded keys (see
    /// [`token_runs`]; off the body itself, [`body_runs`], for tokens
    /// edited since [`tokenize`](crate::tokenize::tokenize)), not off the
    /// body's [`Normalized`](crate::normalize::Normalized) key: only the
    /// spans the filter lets through have their key written out, and
    /// their source spans are the runs' own. A lowercase run is ruled out
    /// by [`Tables::may_start_any_case`] before its hash is computed.
    pub fn find(&self, body: &str, tokens: &Tokens) -> Vec<GazetteerMatch> {
        let mut sentence_starts: Vec<usize> = tokens
            .sentences
            .iter()
            .filter_map(|s| first_word_start(tokens, s.tokens.clone()))
            .collect();
        sentence_starts.sort_unstable();
        let all = match tokens.run_shapes() {
            Some(shapes) => token_runs(body, tokens, shapes, &self.tables),
            None => body_runs(body, &self.tables),
        };
        let runs = &all.runs;
        let max_len = self.tables.max_key_len as usize;
        let mut found: Vec<Found> = Vec::new();
        // The key of the span being extended.
        let mut span: Vec<u8> = Vec::new();
        let mut profile = Vec::new();
        // Only the runs the first-run filter let through when they were
        // made: most runs are lowercase words that start no alias.
        for &start in &all.starts {
            let i = (start & !CAPITAL) as usize;
            let capital = start & CAPITAL != 0;
            let mut h = all.hash(runs[i]);
            let mut flags = self.tables.start_flags(h, || capital);
            if flags == 0 {
                continue;
            }
            span.clear();
            span.extend_from_slice(all.key(runs[i]));
            let mut j = i;
            loop {
                if span.len() > max_len {
                    break;
                }
                if flags & index::WHOLE != 0 {
                    if let Some(k) = self.tables.rank(&span, h) {
                        let at = (runs[i].start as usize, runs[j].end as usize);
                        let hit = self.hit(body, at, k, (&sentence_starts, &mut profile));
                        if let Some(hit) = hit {
                            found.push(Found {
                                runs: (i, j),
                                key: k,
                                hit,
                            });
                        }
                    }
                }
                if flags & index::CONTINUED == 0 || j + 1 == runs.len() {
                    break;
                }
                let gap = &body[runs[j].end as usize..runs[j + 1].start as usize];
                let sep = if gap == " " {
                    // Words are most often one space apart.
                    span.push(b' ');
                    self.space_hash
                } else {
                    let at = span.len();
                    fold_collapsing_into(gap, false, &mut span);
                    index::bytes_hash(&span[at..])
                };
                j += 1;
                h = index::extend_hash(h, sep, all.hash(runs[j]));
                span.extend_from_slice(all.key(runs[j]));
                flags = self.tables.flags(h);
            }
        }
        leftmost_longest(self.hyphen_rule(body, runs, found))
    }

    /// Keeps the hits glued by a hyphen to another word only when the two
    /// are a pair of names: "l'axe Gao-Ansongo", "la frontière
    /// Mali-Niger" name two places, while "Isle" and "Doubs" are no places
    /// of their own in "Isle-sur-le-Doubs", nor "Mali" in "Mali-Sud". A
    /// pair is exactly two hits joined by one hyphen, neither a stop-word.
    /// `found` is in the order of the hits' first runs.
    fn hyphen_rule(&self, body: &str, runs: &[Run], found: Vec<Found>) -> Vec<GazetteerMatch> {
        let mut scratch = Vec::new();
        let mut glued = |a: usize| {
            // Whether a hyphen joins run `a` to the next one.
            a + 1 < runs.len() && hyphen_between(body, runs[a], runs[a + 1], &mut scratch)
        };
        let word = |f: &Found| !self.stopwords.contains(self.key_text(f.key));
        // The hits starting at runs `from..to`.
        let starting = |from: usize, to: usize| {
            let lo = found.partition_point(|f| f.runs.0 < from);
            let hi = found.partition_point(|f| f.runs.0 < to);
            &found[lo..hi.max(lo)]
        };
        // A hit is no longer than the longest key, and each of its runs
        // and the gaps between them take a key byte at least.
        let max_runs = self.tables.max_key_len as usize;
        let mut keep = Vec::with_capacity(found.len());
        for f in &found {
            let (i, j) = f.runs;
            let before = i > 0 && glued(i - 1);
            let after = glued(j);
            let kept = match (before, after) {
                (false, false) => true,
                (true, true) => false,
                // The partner starts after the hyphen and ends the compound.
                (false, true) => {
                    word(f)
                        && starting(j + 1, j + 2)
                            .iter()
                            .any(|p| !glued(p.runs.1) && word(p))
                }
                // The partner ends before the hyphen and starts the compound.
                (true, false) => {
                    word(f)
                        && starting(i.saturating_sub(max_runs), i).iter().any(|p| {
                            p.runs.1 + 1 == i && !(p.runs.0 > 0 && glued(p.runs.0 - 1)) && word(p)
                        })
                }
            };
            keep.push(kept);
        }
        found
            .into_iter()
            .zip(keep)
            .filter_map(|(f, kept)| kept.then_some(f.hit))
            .collect()
    }

    /// The hit for key `k`, found at source span `start..end`, if its
    /// capitals and position allow it.
    fn hit(
        &self,
        body: &str,
        (start, end): (usize, usize),
        k: usize,
        // The sentences' first word starts, sorted, and a scratch buffer.
        (sentence_starts, profile): (&[usize], &mut Vec<bool>),
    ) -> Option<GazetteerMatch> {
        let surface = &body[start..end];
        if sentence_starts.binary_search(&start).is_ok()
            && !surface.contains(' ')
            && self.stopwords.contains(self.key_text(k))
        {
            return None;
        }
        let refs = self.tables.refs(k);
        // An ASCII surface with no white space to collapse folds byte for
        // byte: its profile is its own capitals, read in place (nearly
        // every hit); any other is profiled.
        let s = surface.as_bytes();
        let plain = folds_in_place(surface);
        profile.clear();
        if !plain && refs.clone().any(|r| !self.tables.upper(r).is_empty()) {
            case_profile_into(surface, profile);
        }
        let upper = |p: usize| match plain {
            true => s.get(p).is_some_and(u8::is_ascii_uppercase),
            false => profile.get(p) == Some(&true),
        };
        // Refs come best first, so the candidates do too; one entry may
        // appear twice (two capital profiles), always side by side.
        let mut candidates: Vec<u32> = refs
            .filter(|&r| self.tables.upper(r).iter().all(|&p| upper(p as usize)))
            .map(|r| self.tables.ref_entry[r])
            .collect();
        candidates.dedup();
        if candidates.is_empty() {
            return None;
        }
        Some(GazetteerMatch {
            start,
            end,
            candidates,
        })
    }
}

/// Whether `surface` is ASCII with no white space to collapse or trim
/// (none at either end, no two in a row), as a hit's surface, from a
/// letter or digit to another, nearly always is: its [`case_profile_into`]
/// is then whether each of its bytes is a capital.
fn folds_in_place(surface: &str) -> bool {
    let s = surface.as_bytes();
    let space = |x: &u8| fold_ascii(*x) == b' ';
    surface.is_ascii()
        && !s.first().is_some_and(space)
        && !s.last().is_some_and(space)
        && !s.windows(2).any(|w| space(&w[0]) && space(&w[1]))
}

fn first_word_start(tokens: &Tokens, range: std::ops::Range<usize>) -> Option<usize> {
    use crate::tokenize::TokenKind;
    tokens.tokens[range]
        .iter()
        .find(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| t.start)
}

/// Keeps the leftmost, then longest, of overlapping hits.
fn leftmost_longest(mut hits: Vec<GazetteerMatch>) -> Vec<GazetteerMatch> {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<GazetteerMatch> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().is_some_and(|last| h.start < last.end) {
            continue;
        }
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{parse_tsv, Gazetteer};
    use crate::normalize::Normalized;
    use crate::tokenize::tokenize;

    const TSV: &str = "\
country:ml\tplace\tMali\tMali\tkind=country;country=ML;priority=10\tt
country:bf\tplace\tBurkina Faso\tBurkina Faso|Burkina\tkind=country;country=BF;priority=10\tt
group:aes\tgroup\tAlliance des États du Sahel\tAlliance des États du Sahel|AES\t\tt
place:sahel\tplace\tSahel\tSahel\tkind=macro-region\tt
demonym:ml\tdemonym\tmalien\tmalien|malienne|maliens|maliennes\tof=country:ml\tt
place:est\tplace\tEst\tEst\t\tt
country:ne\tplace\tNiger\tNiger\tkind=country;priority=10\tt
river:niger\tplace\tfleuve Niger\tNiger|fleuve Niger\tkind=river\tt
";

    fn hits(text: &str) -> Vec<(String, Vec<String>)> {
        let g = Gazetteer::from_entries(parse_tsv("t", TSV).unwrap(), vec!["est".into()]).unwrap();
        let m = g.compile();
        m.find(text, &tokenize(text))
            .into_iter()
            .map(|h| {
                let ids = h
                    .candidates
                    .iter()
                    .map(|&i| m.entry(i).id.clone())
                    .collect();
                (text[h.start..h.end].to_string(), ids)
            })
            .collect()
    }

    #[test]
    fn hyphenated_compounds_are_one_name() {
        assert!(hits("à Mali-Sud").is_empty());
        assert!(hits("à Mali-sur-Mer").is_empty());
        assert!(hits("à Niger-Mali-Burkina").is_empty(), "three parts");
        assert!(hits("à Mali-Est").is_empty(), "a stop-word part");
        let pair: Vec<String> = hits("l’axe Mali-Burkina")
            .into_iter()
            .map(|h| h.0)
            .collect();
        assert_eq!(pair, ["Mali", "Burkina"], "two names joined by a hyphen");
        assert_eq!(
            hits("au Mali - et au Niger").len(),
            2,
            "a spaced dash is no hyphen"
        );
    }

    #[test]
    fn matches_on_word_boundaries_only() {
        let got = hits("Les Maliens et le Mali.");
        assert_eq!(
            got,
            [
                ("Maliens".to_string(), vec!["demonym:ml".to_string()]),
                ("Mali".to_string(), vec!["country:ml".to_string()])
            ]
        );
    }

    #[test]
    fn leftmost_longest_and_accent_folding() {
        let got = hits("l’Alliance des Etats du Sahel et le BURKINA FASO");
        let surfaces: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(surfaces, ["Alliance des Etats du Sahel", "BURKINA FASO"]);
    }

    #[test]
    fn capitals_of_the_alias_are_required() {
        assert!(hits("les aes et le mali").is_empty());
        assert_eq!(hits("l’AES").len(), 1);
        assert_eq!(hits("Aes").len(), 0);
    }

    #[test]
    fn stopwords_do_not_match_at_sentence_start() {
        assert!(hits("Est-ce la fin ? Est venu le temps.").is_empty());
        assert_eq!(hits("Dans l’Est du pays.").len(), 1);
    }

    #[test]
    fn ambiguous_aliases_list_candidates_by_priority() {
        let got = hits("le Niger");
        assert_eq!(got[0].1, ["country:ne", "river:niger"]);
        assert_eq!(hits("le fleuve Niger")[0].1, ["river:niger"]);
    }

    /// The filters never rule out a key of the embedded gazetteers: every
    /// key's first run may start a key, each prefix ending on a run end is
    /// flagged as continued, the key itself as whole; and the run-by-run
    /// hash the matcher computes over a text equals the key's, by which
    /// the key table finds it.
    #[test]
    fn the_filters_keep_every_embedded_key() {
        use fst::{IntoStreamer, Streamer};
        let m = crate::gazetteer::Compiled::embedded().matcher;
        let map = fst::Map::new(m.fst.as_bytes()).unwrap();
        let mut stream = map.into_stream();
        let mut n = 0;
        while let Some((k, v)) = stream.next() {
            let key = std::str::from_utf8(k).unwrap();
            let mut prefixes = Vec::new();
            let h = index::key_hash(key, |end, h| prefixes.push((end, h)));
            let runs = hashed_runs(key);
            let mut g = runs[0].2;
            assert_ne!(m.tables.start_flags(g, || true), 0, "{key:?}");
            assert!(m.tables.may_start(&k[..runs[0].1], true));
            // A key with an alias written without a capital first letter
            // passes the quick filter of lowercase runs.
            let any_case = m
                .tables
                .refs(v as usize)
                .any(|r| m.tables.upper(r).first() != Some(&0));
            if any_case {
                let quick = index::quick_hash(k, 0, runs[0].1);
                assert!(m.tables.may_start_any_case(quick), "{key:?}");
            }
            for (j, &(end, ph)) in prefixes.iter().enumerate() {
                if j > 0 {
                    let sep = index::bytes_hash(&k[runs[j - 1].1..runs[j].0]);
                    g = index::extend_hash(g, sep, runs[j].2);
                }
                assert_eq!((runs[j].1, g), (end, ph), "{key:?}");
                let want = if end == key.len() {
                    index::WHOLE
                } else {
                    index::CONTINUED
                };
                assert_ne!(m.tables.flags(ph) & want, 0, "{key:?} up to {end}");
            }
            assert_eq!(g, h);
            assert_eq!(m.tables.rank(k, h), Some(v as usize), "{key:?}");
            assert_eq!(m.tables.key(v as usize), k);
            assert!(key.len() <= m.tables.max_key_len as usize);
            n += 1;
        }
        assert!(n > 100_000, "{n} keys");
    }

    /// `body_runs` of a text, and `token_runs` of it and its tokens: the
    /// runs of its `Normalized` key, at the source spans the key maps them
    /// back to, with the hashes of their keys.
    fn assert_body_runs(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        // The embedded gazetteers' tables, whose first-run filter lets
        // real words through.
        static M: std::sync::LazyLock<crate::gazetteer::Compiled> =
            std::sync::LazyLock::new(crate::gazetteer::Compiled::embedded);
        let tables = &M.matcher.tables;
        assert_runs(text, &body_runs(text, tables), tables)?;
        let tokens = tokenize(text);
        let shapes = tokens.run_shapes().expect("fresh tokens have shapes");
        assert_runs(text, &token_runs(text, &tokens, shapes, tables), tables)
    }

    /// `all` holds the runs of the `Normalized` key of `text`.
    fn assert_runs(
        text: &str,
        all: &Runs<'_>,
        tables: &Tables,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let norm = Normalized::new(text);
        let want: Vec<(usize, usize, u64)> = hashed_runs(norm.key())
            .into_iter()
            .map(|(s, e, h)| {
                let (s, e) = norm.source_span(s, e);
                (s, e, h)
            })
            .collect();
        let got: Vec<(usize, usize, u64)> = all
            .runs
            .iter()
            .map(|&r| (r.start as usize, r.end as usize, all.hash(r)))
            .collect();
        proptest::prop_assert_eq!(got, want, "{:?}", text);
        // The starts are the runs the first-run filter lets through, in
        // order: a capital, or a quick hash in the any-case set.
        let starts: Vec<u32> = (0..all.runs.len())
            .filter_map(|i| {
                let r = all.runs[i];
                let capital = crate::tokenize::starts_uppercase(&text[r.start as usize..]);
                let may = capital || tables.may_start_any_case(all.quick_hash(r));
                may.then_some(i as u32 | if capital { CAPITAL } else { 0 })
            })
            .collect();
        proptest::prop_assert_eq!(&all.starts, &starts, "{:?}", text);
        // Each run's key, and each gap's, is what the key holds there.
        let runs = &all.runs;
        for (i, (&(ks, ke, _), r)) in hashed_runs(norm.key()).iter().zip(runs).enumerate() {
            let key = all.key(*r);
            proptest::prop_assert_eq!(key, &norm.key().as_bytes()[ks..ke]);
            proptest::prop_assert_eq!(all.quick_hash(*r), index::quick_hash(key, 0, key.len()));
            if let Some(&(next, _, _)) = hashed_runs(norm.key()).get(i + 1) {
                let mut gap = Vec::new();
                let g = &text[r.end as usize..runs[i + 1].start as usize];
                fold_collapsing_into(g, false, &mut gap);
                proptest::prop_assert_eq!(&gap[..], &norm.key().as_bytes()[ke..next]);
                let hyphen = &norm.key()[ke..next] == "-";
                proptest::prop_assert_eq!(
                    hyphen_between(text, *r, runs[i + 1], &mut Vec::new()),
                    hyphen
                );
            }
        }
        Ok(())
    }

    #[test]
    fn body_runs_are_the_key_runs() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "État-major l’Ivoire",
            "ab\u{301}c 12x «b» ı İstanbul",
            "\u{5d0}\u{5d1} x",
            "x\u{ad}y a \u{ad} b ab\u{ad} c \u{93e}d œuvre ß ﬁn ① Ⅻ",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 abc-def ghi – jkl\u{a0}mno\u{202f}p",
            "l’AFP d'Al-Qaïda qu’aujourd’hui lʼÉtat L’ÉTAT 2.000 6,5 a.b a:b _a a_b 1er 10h30",
            "22\u{202f}septembre «\u{a0}mardi\u{a0}» x \u{202f}y \u{93e}d a\u{200b}b 中国 a中",
            "Þór ɐb Ǆ İ ŉ ß× ÷a a’ ’a l’\u{301}a d’ɐ d’\u{5d0} ‘l’ «l’»",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(crate::fixture_articles());
        for t in &texts {
            assert_body_runs(t).unwrap();
        }
    }

    proptest::proptest! {
        #[test]
        fn masked_hash_is_the_hash(s in proptest::collection::vec(proptest::num::u8::ANY, 0..40), a in 0..40usize, b in 0..40usize) {
            let (a, b) = (a.min(b).min(s.len()), a.max(b).min(s.len()));
            proptest::prop_assert_eq!(index::bytes_hash_at(&s, a, b), index::bytes_hash(&s[a..b]));
            if a < b {
                proptest::prop_assert_eq!(
                    index::quick_hash(&s, a, b),
                    index::quick_hash(&s[a..b], 0, b - a)
                );
            }
        }

        #[test]
        fn in_place_profiles_are_the_profiles(s in "[a-zA-Z0-9 \t\n\x0b.'`-]{0,20}|\\PC{0,10}") {
            if folds_in_place(&s) {
                let want = crate::normalize::case_profile(&s);
                let got: Vec<bool> = s.bytes().map(|x| x.is_ascii_uppercase()).collect();
                proptest::prop_assert_eq!(got, want);
            }
        }

        #[test]
        fn body_runs_agree_on_any_text(s in "\\PC{0,40}") {
            assert_body_runs(&s)?;
        }

        #[test]
        fn body_runs_agree_on_french_text(
            s in "[a-zA-Z0-9éÉœŒ .,;:'’`\t\n\r\u{b}\u{c}\u{a0}\u{202f}\u{ad}\u{200b}\u{301}«»–-]{0,60}"
        ) {
            assert_body_runs(&s)?;
        }

        #[test]
        fn body_runs_agree_on_french_words(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "l’", "d'", "qu’", "lʼ", "jusqu’", "aujourd’hui", "Al", "-", "‐", "Qaïda",
                    "M.", "Goïta", "a", ".", ",", "…", "«", "»", "\u{a0}", "\u{202f}", "2.000",
                    "6,5", "(", "\n", " ", "cœur", "État", "ÉTAT", "–", "1er", "’", "\"", "_",
                    "\u{301}", "\u{ad}", "\u{200b}", "中", "ɐ", "Þ", "×", "U.S.", "`", ":",
                ]),
                0..30,
            ),
        ) {
            assert_body_runs(&words.concat())?;
        }
    }

    /// The matcher against a brute-force oracle: every span from a word-run
    /// start to a word-run end whose text is an alias key, filtered by the
    /// same capital and stop-word rules, then leftmost-longest. This checks
    /// the `fst` walk and the first-run bit sets skip nothing.
    mod oracle {
        use super::*;
        use fst::{IntoStreamer, Streamer};
        use proptest::prelude::*;
        use std::collections::HashMap;

        const MORE: &str = "\
country:ci\tplace\tCôte d’Ivoire\tCôte d’Ivoire|Côte d'Ivoire\tkind=country\tt
city:lapaz\tplace\tLa Paz\tLa Paz\tkind=city\tt
place:eu\tplace\tEurope\tl’Europe|Europe\tkind=continent\tt
group:us\tgroup\tÉtats-Unis\tU.S.|États-Unis\t\tt
place:ml-sud\tplace\tMali-Sud\tMali Sud\t\tt
";

        fn matcher() -> Matcher {
            let mut entries = parse_tsv("t", TSV).unwrap();
            entries.extend(parse_tsv("more", MORE).unwrap());
            Gazetteer::from_entries(entries, vec!["est".into(), "la".into()])
                .unwrap()
                .compile()
        }

        fn oracle(m: &Matcher, text: &str) -> Vec<GazetteerMatch> {
            let mut keys = HashMap::new();
            let map = fst::Map::new(m.fst.as_bytes()).unwrap();
            let mut stream = map.into_stream();
            while let Some((k, v)) = stream.next() {
                keys.insert(String::from_utf8(k.to_vec()).unwrap(), v as usize);
            }
            let norm = Normalized::new(text);
            let tokens = tokenize(text);
            let mut starts: Vec<usize> = tokens
                .sentences
                .iter()
                .filter_map(|s| first_word_start(&tokens, s.tokens.clone()))
                .collect();
            starts.sort_unstable();
            let key = norm.key();
            let runs = word_runs(key);
            let mut found = Vec::new();
            for (i, &(ks, _)) in runs.iter().enumerate() {
                for &(_, ke) in &runs[i..] {
                    if let Some(&k) = keys.get(&key[ks..ke]) {
                        found.extend(
                            m.hit(
                                text,
                                norm.source_span(ks, ke),
                                k,
                                (&starts, &mut Vec::new()),
                            )
                            .map(|h| (ks, ke, h)),
                        );
                    }
                }
            }
            leftmost_longest(hyphen_rule_reference(m, key, found))
        }

        /// `Matcher::hyphen_rule` on the key: hits as key spans, glued
        /// where the key holds a hyphen between two letters or digits.
        fn hyphen_rule_reference(
            m: &Matcher,
            key: &str,
            found: Vec<(usize, usize, GazetteerMatch)>,
        ) -> Vec<GazetteerMatch> {
            let glued_before = |ks: usize| {
                key[..ks].ends_with('-')
                    && key[..ks - 1]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            };
            let glued_after = |ke: usize| {
                key[ke..].starts_with('-')
                    && key[ke + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            };
            let word = |ks: usize, ke: usize| !m.stopwords.contains(&key[ks..ke]);
            // `found` is sorted by start: the hits starting in `from..to`.
            let starting = |from: usize, to: usize| {
                let lo = found.partition_point(|f| f.0 < from);
                let hi = found.partition_point(|f| f.0 < to);
                &found[lo..hi.max(lo)]
            };
            // A hit is no longer than the longest key.
            let max_len = m.tables.max_key_len as usize;
            let mut keep = Vec::with_capacity(found.len());
            for &(ks, ke, _) in &found {
                let kept = match (glued_before(ks), glued_after(ke)) {
                    (false, false) => true,
                    (true, true) => false,
                    // The partner starts after the hyphen and ends the compound.
                    (false, true) => {
                        word(ks, ke)
                            && starting(ke + 1, ke + 2)
                                .iter()
                                .any(|&(s, e, _)| s == ke + 1 && !glued_after(e) && word(s, e))
                    }
                    // The partner ends before the hyphen and starts the compound.
                    (true, false) => {
                        word(ks, ke)
                            && starting(ks.saturating_sub(max_len + 1), ks)
                                .iter()
                                .any(|&(s, e, _)| e + 1 == ks && !glued_before(s) && word(s, e))
                    }
                };
                keep.push(kept);
            }
            found
                .into_iter()
                .zip(keep)
                .filter_map(|((_, _, hit), kept)| kept.then_some(hit))
                .collect()
        }

        const WORDS: &[&str] = &[
            "Mali",
            "mali",
            "MALI",
            "Maliens",
            "malienne",
            "Burkina",
            "Faso",
            "BURKINA",
            "Alliance",
            "des",
            "États",
            "Etats",
            "du",
            "Sahel",
            "AES",
            "aes",
            "Aes",
            "Niger",
            "fleuve",
            "Est",
            "est",
            "La",
            "la",
            "Paz",
            "Côte",
            "d’Ivoire",
            "d'Ivoire",
            "l’Europe",
            "l'Europe",
            "Europe",
            "U.S.",
            "Unis",
            "Sud",
            "œuvre",
            "1",
        ];
        const GLUE: &[&str] = &[" ", " ", " ", "-", ". ", ", ", "\n\n", "’", " – ", ""];

        proptest! {
            #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
            #[test]
            fn finds_what_brute_force_finds(
                parts in proptest::collection::vec((0..WORDS.len(), 0..GLUE.len()), 0..14)
            ) {
                let text: String = parts
                    .iter()
                    .flat_map(|&(w, g)| [WORDS[w], GLUE[g]])
                    .collect();
                let m = matcher();
                let got = m.find(&text, &tokenize(&text));
                prop_assert_eq!(got, oracle(&m, &text), "text {:?}", text);
            }
        }
    }
}
