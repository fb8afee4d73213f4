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
    /// Bit set over the [`key_hash`]es of every key's proper prefixes that
    /// end where one of its word runs ends ("burkina" of "burkina faso",
    /// "cote d" of "cote d'ivoire"): from a run start the matcher extends
    /// run by run while the text read so far is one of them.
    pub continued: Vec<u64>,
    /// Bit set over the [`key_hash`]es of the keys themselves: only a text
    /// span whose hash is in it is looked up in the `fst` map.
    pub whole: Vec<u64>,
    /// The longest key, in bytes.
    pub max_key_len: u32,
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
        self.may_start_hashed(bytes_hash(run), || capital)
    }

    /// [`Tables::may_start`] of a run whose [`bytes_hash`] is `h`; whether
    /// the run is written with a capital is only asked when it matters.
    #[inline]
    pub fn may_start_hashed(&self, h: u64, capital: impl FnOnce() -> bool) -> bool {
        // The any-case set is small; most words are not capitalised, and
        // the capital set is large: ask the text before probing it.
        bit_is_set(&self.first_runs_any_case, h)
            || (capital() && bit_is_set(&self.first_runs_capital, h))
    }

    /// Whether some key may continue past the run end of a text span whose
    /// [`key_hash`] is `h`.
    #[inline]
    pub fn may_continue(&self, h: u64) -> bool {
        bit_is_set(&self.continued, h)
    }

    /// Whether a text span whose [`key_hash`] is `h` may be a key.
    #[inline]
    pub fn may_be_key(&self, h: u64) -> bool {
        bit_is_set(&self.whole, h)
    }
}

#[inline]
fn bit_is_set(set: &[u64], hash: u64) -> bool {
    let bit = hash as usize & (set.len() * 64 - 1);
    set[bit / 64] & (1 << (bit % 64)) != 0
}

/// A bit set holding `hashes`, about `bits_per` bits per distinct hash.
fn bit_set(mut hashes: Vec<u64>, bits_per: usize) -> Vec<u64> {
    hashes.sort_unstable();
    hashes.dedup();
    let bits = (hashes.len() * bits_per).next_power_of_two().max(64);
    let mut set = vec![0; bits / 64];
    for h in hashes {
        let bit = h as usize & (bits - 1);
        set[bit / 64] |= 1 << (bit % 64);
    }
    set
}

const MUL: u64 = 0xf135_7aea_2e62_a9c5;

/// The final mix of murmur3: every input bit reaches the low bits, which
/// index the bit sets.
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of a word run (or of the bytes between two runs). Fixed
/// arithmetic, so the build script and the library agree on every target.
#[inline]
pub fn bytes_hash(b: &[u8]) -> u64 {
    let mut h = (b.len() as u64).wrapping_mul(MUL);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ w).wrapping_mul(MUL).rotate_left(26);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(MUL);
    }
    fmix(h)
}

/// The [`key_hash`] of a span extended by one more run: `h` is the span's
/// hash, `sep` the [`bytes_hash`] of the bytes between its end and the
/// run, `run` the run's.
#[inline]
pub fn extend_hash(h: u64, sep: u64, run: u64) -> u64 {
    fmix((h ^ sep.rotate_left(23)).wrapping_mul(MUL) ^ run)
}

/// The hash of a key (or text span) that starts and ends with a letter or
/// digit: [`bytes_hash`] of its first word run, then [`extend_hash`] with
/// each further run. Calls `at_run_end` with the hash of every prefix ending
/// where a run ends, the key itself last.
pub fn key_hash(key: &str, mut at_run_end: impl FnMut(usize, u64)) -> u64 {
    let mut h = None;
    let mut sep_start = 0;
    let mut run_start = None;
    let mut close = |h: &mut Option<u64>, sep: &str, run: &str, end: usize| {
        let r = bytes_hash(run.as_bytes());
        let n = match *h {
            None => r,
            Some(p) => extend_hash(p, bytes_hash(sep.as_bytes()), r),
        };
        *h = Some(n);
        at_run_end(end, n);
    };
    for (i, c) in key.char_indices() {
        match (c.is_alphanumeric(), run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                close(&mut h, &key[sep_start..s], &key[s..i], i);
                sep_start = i;
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run_start {
        close(&mut h, &key[sep_start..s], &key[s..], key.len());
    }
    h.unwrap_or(0)
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
        let run = bytes_hash(&key.as_bytes()[..first_run_len(key)]);
        match upper.first() {
            Some(0) => capital.push(run),
            _ => any_case.push(run),
        }
    }
    // About 16 bits per first run: few false positives, and 256 KiB for
    // the embedded gazetteers.
    t.first_runs_capital = bit_set(capital, 16);
    t.first_runs_any_case = bit_set(any_case, 16);
    let (mut continued, mut whole) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < aliases.len() {
        let key = &aliases[i].0;
        let h = key_hash(key, |end, h| {
            if end < key.len() {
                continued.push(h)
            }
        });
        whole.push(h);
        t.max_key_len = t.max_key_len.max(key.len() as u32);
        i += aliases[i..].partition_point(|a| a.0 == *key);
    }
    // These are probed only after a first run passed: fewer bits will do.
    t.continued = bit_set(continued, 8);
    t.whole = bit_set(whole, 8);
    let bytes = map
        .into_inner()
        .expect("writing an fst to memory cannot fail");
    (bytes, t)
}
