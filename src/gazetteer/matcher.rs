//! The compiled gazetteer: one Aho-Corasick automaton over the normalised
//! keys of every alias, run over the article's normalised key.
//!
//! Why overlapping search and our own leftmost-longest pass, rather than
//! the automaton's `LeftmostLongest`: a hit must also sit on word
//! boundaries and honour the alias's capitals, and a longer hit that fails
//! those checks must not hide a shorter one that passes. So we collect
//! every hit, drop the invalid ones, then keep the leftmost-longest.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Entry, Gazetteer};
use crate::normalize::{case_profile, normalize, Normalized};
use crate::tokenize::Tokens;

/// One alias of one entry, as the automaton knows it.
#[derive(Debug, Clone)]
struct AliasRef {
    entry: u32,
    /// Key-char positions the alias writes in capitals: the text must too.
    /// Lowercase alias letters match either case, so ALL-CAPS headlines
    /// still match; "AES" (all capitals) matches only "AES".
    upper: Box<[u16]>,
}

/// A gazetteer hit in a body: a byte span and the entries it may name.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerMatch {
    pub start: usize,
    pub end: usize,
    /// Indices into [`Matcher::entries`], best-first by priority.
    pub candidates: Vec<u32>,
}

/// Immutable, `Send + Sync`; built once and shared across threads.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each automaton pattern: the aliases that normalise to it.
    patterns: Vec<Vec<AliasRef>>,
    entries: Vec<Entry>,
    stopwords: HashSet<String>,
}

impl Matcher {
    pub(super) fn new(g: &Gazetteer) -> Matcher {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Vec<AliasRef>> = Vec::new();
        let mut key_list: Vec<String> = Vec::new();
        for (ei, e) in g.entries().iter().enumerate() {
            for alias in &e.aliases {
                let key = normalize(alias);
                if key.is_empty() {
                    continue;
                }
                let upper: Box<[u16]> = case_profile(alias)
                    .iter()
                    .enumerate()
                    .filter(|(_, &u)| u)
                    .map(|(i, _)| i.min(u16::MAX as usize) as u16)
                    .collect();
                let pi = *keys.entry(key.clone()).or_insert_with(|| {
                    key_list.push(key);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                });
                let refs = &mut patterns[pi];
                if !refs
                    .iter()
                    .any(|r| r.entry == ei as u32 && r.upper == upper)
                {
                    refs.push(AliasRef {
                        entry: ei as u32,
                        upper,
                    });
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&key_list)
            .expect("gazetteer keys are plain strings; the automaton cannot fail to build");
        Matcher {
            automaton,
            patterns,
            entries: g.entries().to_vec(),
            stopwords: g.stopwords().iter().cloned().collect(),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Number of distinct normalised keys in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every valid, non-overlapping, leftmost-longest hit in `body`.
    pub fn find(&self, body: &str, norm: &Normalized, tokens: &Tokens) -> Vec<GazetteerMatch> {
        let key = norm.key();
        // Sentences come in order, so their first words do: a sorted list.
        let mut sentence_starts: Vec<usize> = tokens
            .sentences
            .iter()
            .filter_map(|s| first_word_start(tokens, s.tokens.clone()))
            .collect();
        sentence_starts.sort_unstable();
        let mut hits: Vec<GazetteerMatch> = Vec::new();
        for m in self.automaton.find_overlapping_iter(key) {
            let (ks, ke) = (m.start(), m.end());
            if !norm.on_word_boundaries(ks, ke) {
                continue;
            }
            let (start, end) = norm.source_span(ks, ke);
            let surface = &body[start..end];
            if sentence_starts.binary_search(&start).is_ok()
                && !surface.contains(' ')
                && self.stopwords.contains(&key[ks..ke])
            {
                continue;
            }
            let refs = &self.patterns[m.pattern().as_usize()];
            // The text's capitals matter only to aliases that have some.
            let profile = if refs.iter().any(|r| !r.upper.is_empty()) {
                case_profile(surface)
            } else {
                Vec::new()
            };
            let mut candidates: Vec<u32> = refs
                .iter()
                .filter(|r| {
                    r.upper
                        .iter()
                        .all(|&p| profile.get(p as usize) == Some(&true))
                })
                .map(|r| r.entry)
                .collect();
            if candidates.is_empty() {
                continue;
            }
            candidates.sort_by_key(|&i| (-self.entry(i).priority, i));
            candidates.dedup();
            hits.push(GazetteerMatch {
                start,
                end,
                candidates,
            });
        }
        leftmost_longest(hits)
    }
}

/// Byte offset of the first word of a sentence, skipping Markdown `#`,
/// quotes, dashes and an elision, so "### Est" and "L’Est" count as
/// sentence-initial.
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
    use crate::gazetteer::parse_tsv;
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
}
