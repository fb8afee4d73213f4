//! The matcher's index: every alias's normalised key in an `fst` map, and
//! for each key the entries it may name and the capitals each requires.
//!
//! The index is built by one function, [`build`], in two places: at run
//! time for gazetteers loaded from a directory, and at build time for the
//! embedded ones (`build.rs` compiles this file, `entry.rs`, `tsv.rs` and
//! the normalisation module into the build script). So the embedded index
//! is exactly what a run-time compile of the same files gives, and start-up
//! only deserialises a few flat tables instead of normalising 200,000
//! aliases. Keep this file free of crate modules other than
//! `crate::normalize` and its sibling `super::Entry`, and of crates the
//! build script does not depend on.

use serde::{Deserialize, Serialize};

use super::Entry;
use crate::normalize::{case_profile, normalize};

/// The flat tables behind the `fst` map, whose value for a key is the key's
/// rank `k` (keys in byte order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    /// The aliases of key `k` are refs `ref_start[k]..ref_start[k + 1]`,
    /// best first: higher priority, then earlier entry. One more element
    /// than there are keys.
    pub ref_start: Vec<u32>,
    /// The entry index of each ref.
    pub ref_entry: Vec<u32>,
    /// Key-char positions ref `r` writes in capitals, which the text must
    /// write in capitals too: `upper[upper_start[r]..upper_start[r + 1]]`.
    /// Lowercase alias letters match either case, so ALL-CAPS headlines
    /// still match; "AES" (all capitals) matches only "AES". One more
    /// element than there are refs.
    pub upper_start: Vec<u32>,
    pub upper: Vec<u16>,
    /// Bit sets over hashes of the keys' first word runs ("bamako" of
    /// "bamako", "burkina" of "burkina faso"): one for aliases written with
    /// a capital first letter, one for the others. Most words of a text
    /// start no alias they could match: lowercase function words ("de",
    /// "la") start many capitalised aliases ("La Paz") but almost no
    /// lowercase one, and an alias's capitals must be capitals in the
    /// text. One hash and one bit rule them out, where walking the `fst`
    /// from every word cost most of the matcher's time. A collision only
    /// costs a walk. Lengths are powers of two.
    pub first_runs_capital: Vec<u64>,
    pub first_runs_any_case: Vec<u64>,
}

impl Tables {
    pub fn key_count(&self) -> usize {
        self.ref_start.len().saturating_sub(1)
    }

    /// The refs of key `k`, as indices into `ref_entry`.
    pub fn refs(&self, k: usize) -> std::ops::Range<usize> {
        self.ref_start[k] as usize..self.ref_start[k + 1] as usize
    }

    pub fn upper(&self, r: usize) -> &[u16] {
        &self.upper[self.upper_start[r] as usize..self.upper_start[r + 1] as usize]
    }

    /// Whether some alias may match starting with the word run `run`,
    /// written with a capital first letter in the text or not.
    #[inline]
    pub fn may_start(&self, run: &[u8], capital: bool) -> bool {
        let h = first_run_hash(run);
        (capital && bit_is_set(&self.first_runs_capital, h))
            || bit_is_set(&self.first_runs_any_case, h)
    }
}

#[inline]
fn bit_is_set(set: &[u64], hash: u64) -> bool {
    let bit = hash as usize & (set.len() * 64 - 1);
    set[bit / 64] & (1 << (bit % 64)) != 0
}

fn bit_set(firsts: &mut [&[u8]]) -> Vec<u64> {
    firsts.sort_unstable();
    let distinct = firsts.windows(2).filter(|w| w[0] != w[1]).count() + 1;
    // About 16 bits per first run: few false positives, and 256 KiB for
    // the embedded gazetteers.
    let bits = (distinct * 16).next_power_of_two().max(64);
    let mut set = vec![0; bits / 64];
    for run in firsts.iter() {
        let bit = first_run_hash(run) as usize & (bits - 1);
        set[bit / 64] |= 1 << (bit % 64);
    }
    set
}

/// What `build.rs` precompiles from the embedded gazetteer files, besides
/// the `fst` bytes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Precompiled {
    pub tables: Tables,
    /// For each entry, the embedded file (index into the file list) and the
    /// byte offset of its line there: entries are parsed on first use.
    pub entry_file: Vec<u8>,
    pub entry_offset: Vec<u32>,
    /// Normalised stop-words, given names and demonym aliases.
    pub stopwords: Vec<String>,
    pub given_names: Vec<String>,
    pub demonyms: Vec<String>,
}

fn first_run_hash(run: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(run);
    h.finish()
}

/// The byte length of the first run of letters and digits of `key`, which
/// starts with one.
pub fn first_run_len(key: &str) -> usize {
    key.find(|c: char| !c.is_alphanumeric())
        .unwrap_or(key.len())
}

/// The key an alias is matched by, and the positions it writes in capitals
/// (relative to the key's first char). `None` when nothing is left.
///
/// A hit starts and ends on a letter or digit, so the key is trimmed of
/// anything else ("U.S." is matched as "u.s").
pub fn alias_key(alias: &str) -> Option<(String, Box<[u16]>)> {
    let full = normalize(alias);
    let key = full.trim_matches(|c: char| !c.is_alphanumeric());
    if key.is_empty() {
        return None;
    }
    let skipped = full[..full.len()
        - full
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len()]
        .chars()
        .count();
    let upper: Box<[u16]> = if alias.chars().any(char::is_uppercase) {
        case_profile(alias)
            .iter()
            .enumerate()
            .filter(|&(i, &u)| u && i >= skipped)
            .map(|(i, _)| (i - skipped).min(u16::MAX as usize) as u16)
            .collect()
    } else {
        Box::default()
    };
    Some((key.to_string(), upper))
}

/// Builds the `fst` map bytes and the tables for `entries`.
/// Deterministic: the same entries give the same bytes.
pub fn build(entries: &[Entry]) -> (Vec<u8>, Tables) {
    // (key, entry, capitals), in entry then alias order; sorted below by
    // key, then best first. A sort over one vector, not a map of vectors:
    // this runs over 200,000 aliases when a directory is loaded.
    let mut aliases: Vec<(String, u32, Box<[u16]>)> = Vec::new();
    for (ei, e) in entries.iter().enumerate() {
        let ei = u32::try_from(ei).expect("fewer than 2^32 gazetteer entries");
        for alias in &e.aliases {
            if let Some((key, upper)) = alias_key(alias) {
                aliases.push((key, ei, upper));
            }
        }
    }
    // Stable, so two capital profiles of one entry keep their alias order.
    aliases.sort_by(|a, b| {
        let prio = |e: u32| -entries[e as usize].priority;
        (a.0.as_str(), prio(a.1), a.1).cmp(&(b.0.as_str(), prio(b.1), b.1))
    });
    let mut map = fst::MapBuilder::memory();
    let mut t = Tables {
        upper_start: vec![0],
        ..Tables::default()
    };
    let mut i = 0;
    while i < aliases.len() {
        let key = &aliases[i].0;
        let end = i + aliases[i..].partition_point(|a| a.0 == *key);
        map.insert(key.as_bytes(), t.ref_start.len() as u64)
            .expect("keys come sorted and are inserted once");
        t.ref_start.push(t.ref_entry.len() as u32);
        let first_ref = t.ref_entry.len();
        for (_, e, upper) in &aliases[i..end] {
            // One ref per (entry, capitals): aliases differing only in
            // accents or apostrophes share a key.
            let dup = (first_ref..t.ref_entry.len())
                .any(|r| t.ref_entry[r] == *e && t.upper(r) == &upper[..]);
            if !dup {
                t.ref_entry.push(*e);
                t.upper.extend_from_slice(upper);
                t.upper_start.push(t.upper.len() as u32);
            }
        }
        i = end;
    }
    t.ref_start.push(t.ref_entry.len() as u32);
    let (mut capital, mut any_case) = (Vec::new(), Vec::new());
    for (key, _, upper) in &aliases {
        let run = &key.as_bytes()[..first_run_len(key)];
        match upper.first() {
            Some(0) => capital.push(run),
            _ => any_case.push(run),
        }
    }
    t.first_runs_capital = bit_set(&mut capital);
    t.first_runs_any_case = bit_set(&mut any_case);
    let bytes = map
        .into_inner()
        .expect("writing an fst to memory cannot fail");
    (bytes, t)
}
