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
use crate::normalize::{bytes_in, case_profile_into, Normalized, HI, LO7};
use crate::tokenize::Tokens;

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

/// A maximal run of letters and digits of the key, with its
/// [`index::bytes_hash`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: u32,
    end: u32,
    hash: u64,
}

/// Whether the char at byte `i` of `key` is a letter or digit, and its length.
#[inline]
fn alnum_at(key: &str, i: usize) -> (bool, usize) {
    let b = key.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = key[i..].chars().next().expect("i is on a char boundary");
        (c.is_alphanumeric(), c.len_utf8())
    }
}

/// [`word_runs`] with each run's hash, settling ASCII bytes without
/// decoding chars, eight at a time inside a run.
fn hashed_runs(key: &str) -> Vec<Run> {
    let b = key.as_bytes();
    let mut runs = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        let (alnum, len) = alnum_at(key, i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < b.len() {
            if let Some(w) = b.get(i..i + 8) {
                // The key is folded: its ASCII letters are lowercase.
                let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
                let w7 = w & LO7;
                let alnum = bytes_in(w7, b'a', b'z') | bytes_in(w7, b'0', b'9');
                let stop = (w & HI) | (!alnum & HI);
                if stop == 0 {
                    i += 8;
                    continue;
                }
                i += stop.trailing_zeros() as usize / 8;
            }
            if b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let (alnum, len) = alnum_at(key, i);
            if !alnum {
                break;
            }
            i += len;
        }
        runs.push(Run {
            start: start as u32,
            end: i as u32,
            hash: index::bytes_hash_at(b, start, i),
        });
    }
    runs
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
        }
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

    /// Every valid, non-overlapping, leftmost-longest hit in `body`.
    ///
    /// From each word-run start that may start a key (see
    /// [`Tables::may_start`]), the span is extended run by run while the
    /// text read so far may be continued by a key, and the key table
    /// ([`Tables::rank`]) is only asked about spans that may be keys
    /// themselves: one hash and one probe of [`Tables::filter`] a step.
    /// The hashes of the runs are computed once, and a span's hash grows
    /// from its prefix's.
    pub fn find(&self, body: &str, norm: &Normalized, tokens: &Tokens) -> Vec<GazetteerMatch> {
        let key = norm.key();
        let bytes = key.as_bytes();
        let mut sentence_starts: Vec<usize> = tokens
            .sentences
            .iter()
            .filter_map(|s| first_word_start(tokens, s.tokens.clone()))
            .collect();
        sentence_starts.sort_unstable();
        let runs = hashed_runs(key);
        let max_len = self.tables.max_key_len as usize;
        let mut found: Vec<(usize, usize, GazetteerMatch)> = Vec::new();
        let mut cursor = norm.cursor();
        let mut profile = Vec::new();
        for i in 0..runs.len() {
            let ks = runs[i].start as usize;
            let capital = || {
                let src = cursor.source_start(ks);
                match body.as_bytes()[src] {
                    b if b.is_ascii() => b.is_ascii_uppercase(),
                    _ => body[src..].chars().next().is_some_and(char::is_uppercase),
                }
            };
            let mut flags = self.tables.start_flags(runs[i].hash, capital);
            if flags == 0 {
                continue;
            }
            let mut h = runs[i].hash;
            let mut j = i;
            loop {
                let ke = runs[j].end as usize;
                if ke - ks > max_len {
                    break;
                }
                if flags & index::WHOLE != 0 {
                    if let Some(k) = self.tables.rank(&bytes[ks..ke], h) {
                        let span = cursor.source_span(ks, ke);
                        let hit = self.hit(
                            body,
                            (&key[ks..ke], span),
                            k,
                            (&sentence_starts, &mut profile),
                        );
                        if let Some(hit) = hit {
                            found.push((ks, ke, hit));
                        }
                    }
                }
                if flags & index::CONTINUED == 0 || j + 1 == runs.len() {
                    break;
                }
                j += 1;
                let sep = index::bytes_hash_at(bytes, ke, runs[j].start as usize);
                h = index::extend_hash(h, sep, runs[j].hash);
                flags = self.tables.flags(h);
            }
        }
        leftmost_longest(self.hyphen_rule(key, found))
    }

    /// Keeps the hits glued by a hyphen to another word only when the two
    /// are a pair of names: "l'axe Gao-Ansongo", "la frontière
    /// Mali-Niger" name two places, while "Isle" and "Doubs" are no places
    /// of their own in "Isle-sur-le-Doubs", nor "Mali" in "Mali-Sud". A
    /// pair is exactly two hits joined by one hyphen, neither a stop-word.
    /// `found` holds key spans and hits, in key order.
    fn hyphen_rule(
        &self,
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
        let word = |ks: usize, ke: usize| !self.stopwords.contains(&key[ks..ke]);
        // `found` is sorted by start: the hits starting in `from..to`.
        let starting = |from: usize, to: usize| {
            let lo = found.partition_point(|f| f.0 < from);
            let hi = found.partition_point(|f| f.0 < to);
            &found[lo..hi.max(lo)]
        };
        // A hit is no longer than the longest key.
        let max_len = self.tables.max_key_len as usize;
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

    /// The hit for key `k`, found as `text` of the key at source span
    /// `start..end`, if its capitals and position allow it.
    fn hit(
        &self,
        body: &str,
        (text, (start, end)): (&str, (usize, usize)),
        k: usize,
        // The sentences' first word starts, sorted, and a scratch buffer.
        (sentence_starts, profile): (&[usize], &mut Vec<bool>),
    ) -> Option<GazetteerMatch> {
        let surface = &body[start..end];
        if sentence_starts.binary_search(&start).is_ok()
            && !surface.contains(' ')
            && self.stopwords.contains(text)
        {
            return None;
        }
        let refs = self.tables.refs(k);
        profile.clear();
        if refs.clone().any(|r| !self.tables.upper(r).is_empty()) {
            case_profile_into(surface, profile);
        }
        // Refs come best first, so the candidates do too; one entry may
        // appear twice (two capital profiles), always side by side.
        let mut candidates: Vec<u32> = refs
            .filter(|&r| {
                self.tables
                    .upper(r)
                    .iter()
                    .all(|&p| profile.get(p as usize) == Some(&true))
            })
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
        let norm = Normalized::new(text);
        m.find(text, &norm, &tokenize(text))
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
            let mut g = runs[0].hash;
            assert_ne!(m.tables.start_flags(g, || true), 0, "{key:?}");
            assert!(m.tables.may_start(&k[..runs[0].end as usize], true));
            for (j, &(end, ph)) in prefixes.iter().enumerate() {
                if j > 0 {
                    let sep =
                        index::bytes_hash(&k[runs[j - 1].end as usize..runs[j].start as usize]);
                    g = index::extend_hash(g, sep, runs[j].hash);
                }
                assert_eq!((runs[j].end as usize, g), (end, ph), "{key:?}");
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

    /// `hashed_runs` finds the runs `word_runs` finds.
    #[test]
    fn hashed_runs_are_the_word_runs() {
        for s in [
            "",
            " ",
            "a",
            "état-major l'ivoire",
            "ab\u{301}c 12x «b» ı",
            "\u{5d0}\u{5d1} x",
        ] {
            let got: Vec<(usize, usize)> = hashed_runs(s)
                .iter()
                .map(|r| (r.start as usize, r.end as usize))
                .collect();
            assert_eq!(got, word_runs(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn masked_hash_is_the_hash(s in proptest::collection::vec(proptest::num::u8::ANY, 0..40), a in 0..40usize, b in 0..40usize) {
            let (a, b) = (a.min(b).min(s.len()), a.max(b).min(s.len()));
            proptest::prop_assert_eq!(index::bytes_hash_at(&s, a, b), index::bytes_hash(&s[a..b]));
        }

        #[test]
        fn hashed_runs_agree_with_word_runs(s in "\\PC{0,40}") {
            let got: Vec<(usize, usize)> = hashed_runs(&s)
                .iter()
                .map(|r| (r.start as usize, r.end as usize))
                .collect();
            proptest::prop_assert_eq!(got, word_runs(&s));
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
                                (&key[ks..ke], norm.source_span(ks, ke)),
                                k,
                                (&starts, &mut Vec::new()),
                            )
                            .map(|h| (ks, ke, h)),
                        );
                    }
                }
            }
            leftmost_longest(m.hyphen_rule(key, found))
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
                let got = m.find(&text, &Normalized::new(&text), &tokenize(&text));
                prop_assert_eq!(got, oracle(&m, &text), "text {:?}", text);
            }
        }
    }
}
