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
    /// A bit set over hashes of the first word runs of the keys of aliases
    /// written without a capital first letter ("malien", "fleuve"): few,
    /// so the set is small and stays in cache. Most words of a text start
    /// no alias they could match: lowercase function words ("de", "la")
    /// start many capitalised aliases ("La Paz") but almost no lowercase
    /// one, and an alias's capitals must be capitals in the text. One hash
    /// and one bit rule them out. A collision only costs a look-up.
    pub first_runs_any_case: Vec<u64>,
    /// The same first runs as [`first_runs_any_case`](Tables::first_runs_any_case),
    /// over their [`quick_hash`]es: a lowercase word of a text is ruled
    /// out (most are) before its full hash is computed.
    pub first_runs_any_case_quick: Vec<u64>,
    /// Four flags ([`START_CAPITAL`], [`START_ANY_CASE`], [`CONTINUED`],
    /// [`WHOLE`]) per hash slot, sixteen slots a word, so one probe (one
    /// cache miss) answers all that the matcher asks about a text span:
    /// whether it is the first run of a key, a prefix of a key ending
    /// where one of its runs ends ("burkina" of "burkina faso", "cote d"
    /// of "cote d'ivoire"), or a key. Slots are indexed by [`key_hash`].
    /// Flags may be set by collisions, never missing. The length is a
    /// power of two. Two slots a byte, low nibble first: the build script
    /// writes these bytes to a file of their own, which the binary embeds
    /// and uses in place (no decoding at start-up).
    #[serde(skip)]
    pub filter: std::borrow::Cow<'static, [u8]>,
    /// Every key's bytes, in rank order, end to end: key `k` is
    /// `key_bytes[key_start[k]..key_start[k + 1]]`. With [`slots`](Tables::slots),
    /// a hash table from a text span to its key's rank: a probe and a
    /// comparison, where walking the `fst` map byte by byte cost some 1,500
    /// instructions a span. Embedded as it is, like the filter.
    #[serde(skip)]
    pub key_bytes: std::borrow::Cow<'static, [u8]>,
    /// Little-endian `u32`s, one more than there are keys: see
    /// [`key_bytes`](Tables::key_bytes).
    #[serde(skip)]
    pub key_start: std::borrow::Cow<'static, [u8]>,
    /// Little-endian `u32` slots, a power of two of them, at most half
    /// full: 0 for an empty slot, else one more than the rank of a key,
    /// placed by linear probing from [`slot_of`] of its [`key_hash`].
    #[serde(skip)]
    pub slots: std::borrow::Cow<'static, [u8]>,
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
        self.start_flags(bytes_hash(run), || capital) != 0
    }

    /// Whether a run written without a capital whose key has the
    /// [`quick_hash`] `quick` may start an alias (an alias written without
    /// a capital first letter): never false when [`Tables::start_flags`]
    /// of the run written so is not 0.
    #[inline]
    pub fn may_start_any_case(&self, quick: u64) -> bool {
        bit_is_set(&self.first_runs_any_case_quick, quick)
    }

    /// The [`filter`](Tables::filter) flags of a first run whose
    /// [`bytes_hash`] is `h` when some alias may start with it, 0
    /// otherwise. Whether the run is written with a capital is only asked
    /// when it matters.
    #[inline]
    pub fn start_flags(&self, h: u64, capital: impl FnOnce() -> bool) -> u8 {
        // The any-case set is small and most words are not capitalised:
        // those settle without probing the large filter.
        let any_case = bit_is_set(&self.first_runs_any_case, h);
        if !any_case && !capital() {
            return 0;
        }
        let f = self.flags(h);
        let start = if any_case {
            START_ANY_CASE | START_CAPITAL
        } else {
            START_CAPITAL
        };
        if f & start != 0 {
            f
        } else {
            0
        }
    }

    /// The bytes of key `k`.
    #[inline]
    pub fn key(&self, k: usize) -> &[u8] {
        let at = |i: usize| le_u32(&self.key_start, i) as usize;
        &self.key_bytes[at(k)..at(k + 1)]
    }

    /// The rank of the key equal to `span`, whose [`key_hash`] is `h`.
    #[inline]
    pub fn rank(&self, span: &[u8], h: u64) -> Option<usize> {
        let mask = (self.slots.len() / 4).checked_sub(1)?;
        let mut s = slot_of(h) & mask;
        loop {
            let k = le_u32(&self.slots, s) as usize;
            if k == 0 {
                return None;
            }
            if self.key(k - 1) == span {
                return Some(k - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// The [`filter`](Tables::filter) flags of hash `h`.
    #[inline]
    pub fn flags(&self, h: u64) -> u8 {
        let slot = h as usize & (self.filter.len() * 2 - 1);
        (self.filter[slot / 2] >> (slot % 2 * 4)) & 0xf
    }
}

/// [`Tables::filter`] flag: the first run of a key whose alias is written
/// with a capital first letter.
pub const START_CAPITAL: u8 = 1;
/// [`Tables::filter`] flag: the first run of a key whose alias is not.
pub const START_ANY_CASE: u8 = 2;
/// [`Tables::filter`] flag: a proper prefix of a key that ends where one of
/// its runs ends.
pub const CONTINUED: u8 = 4;
/// [`Tables::filter`] flag: a key.
pub const WHOLE: u8 = 8;

/// The `i`th little-endian `u32` of `b`.
#[inline]
fn le_u32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes"))
}

/// The first slot of [`Tables::slots`] to probe for a key of hash `h`: its
/// high bits, as the filter takes the low ones.
#[inline]
fn slot_of(h: u64) -> usize {
    (h >> 32) as usize
}

/// The [`Tables::key_bytes`], [`Tables::key_start`] and [`Tables::slots`]
/// of `keys` (in rank order) and their [`key_hash`]es.
fn key_table(keys: &[(&str, u64)]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut bytes = Vec::new();
    let mut start = Vec::with_capacity(4 * (keys.len() + 1));
    start.extend_from_slice(&0u32.to_le_bytes());
    for (key, _) in keys {
        bytes.extend_from_slice(key.as_bytes());
        let end = u32::try_from(bytes.len()).expect("keys under 4 GiB");
        start.extend_from_slice(&end.to_le_bytes());
    }
    let n = (keys.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![0u32; n];
    for (k, &(_, h)) in keys.iter().enumerate() {
        let mut s = slot_of(h) & (n - 1);
        while slots[s] != 0 {
            s = (s + 1) & (n - 1);
        }
        slots[s] = u32::try_from(k + 1).expect("fewer than 2^32 keys");
    }
    let slots = slots.iter().flat_map(|v| v.to_le_bytes()).collect();
    (bytes, start, slots)
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

/// The [`Tables::filter`] of `flagged` hashes: about four slots per
/// distinct hash, so a probe finds a flag set by a collision about once in
/// five to twenty times for the embedded gazetteers, in 512 KiB.
fn flag_table(mut flagged: Vec<(u64, u8)>) -> Vec<u8> {
    flagged.sort_unstable();
    let distinct = flagged.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
    let slots = (distinct * 3).next_power_of_two().max(2);
    let mut table = vec![0u8; slots / 2];
    for (h, f) in flagged {
        let slot = h as usize & (slots - 1);
        table[slot / 2] |= f << (slot % 2 * 4);
    }
    table
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

/// [`bytes_hash`] of `buf[start..end]`, reading the last partial word of
/// eight bytes in one load, masked, when `buf` has eight bytes there, where
/// `bytes_hash` copies it byte by byte into a zeroed word: the same hash,
/// cheaper for the short runs of a text.
#[inline]
pub fn bytes_hash_at(buf: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    if (1..8).contains(&len) {
        // Most words: one partial word, the loop below without its loop.
        if let Some(w) = buf.get(start..start + 8) {
            let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
            let w = w & (u64::MAX >> (64 - 8 * len));
            return fmix(((len as u64).wrapping_mul(MUL) ^ w).wrapping_mul(MUL));
        }
    }
    let full = start + len / 8 * 8;
    let rest = end - full;
    let mut h = (len as u64).wrapping_mul(MUL);
    for c in buf[start..full].chunks_exact(8) {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ w).wrapping_mul(MUL).rotate_left(26);
    }
    if rest == 0 {
        return fmix(h);
    }
    let w = match buf.get(full..full + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("8 bytes")),
        None => {
            let mut w = [0u8; 8];
            w[..rest].copy_from_slice(&buf[full..end]);
            u64::from_le_bytes(w)
        }
    };
    let w = w & (u64::MAX >> (64 - 8 * rest));
    fmix((h ^ w).wrapping_mul(MUL))
}

/// A hash of `buf[start..end]` (not empty) cheaper than [`bytes_hash`],
/// for a first filter on word runs: their first eight bytes and their
/// length, in one load and one multiplication when `buf` has eight bytes
/// at `start`.
#[inline]
pub fn quick_hash(buf: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    debug_assert!(len > 0);
    let n = len.clamp(1, 8);
    let w = match buf.get(start..start + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("8 bytes")),
        None => {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&buf[start..start + n]);
            u64::from_le_bytes(w)
        }
    };
    let w = w & (u64::MAX >> (64 - 8 * n));
    // The high bits of the product depend on every input bit: the bit
    // sets index by the low bits, where the rotation puts them.
    (w ^ len as u64).wrapping_mul(MUL).rotate_left(20)
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

impl Precompiled {
    /// Moves the large arrays out, as raw little-endian bytes: the build
    /// script embeds them so, and [`Precompiled::put_arrays`] reads them
    /// back at start-up in a copy, where decoding them from `postcard`'s
    /// varints, one value at a time, took 40 M instructions.
    #[allow(dead_code)] // Called by the build script only.
    pub fn take_arrays(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let t = &mut self.tables;
        for v in [
            &mut t.ref_start,
            &mut t.ref_entry,
            &mut t.upper_start,
            &mut self.entry_offset,
        ] {
            let v = std::mem::take(v);
            out.extend_from_slice(&(v.len() as u32).to_le_bytes());
            out.extend(v.iter().flat_map(|x| x.to_le_bytes()));
        }
        let upper = std::mem::take(&mut t.upper);
        out.extend_from_slice(&(upper.len() as u32).to_le_bytes());
        out.extend(upper.iter().flat_map(|x| x.to_le_bytes()));
        let file = std::mem::take(&mut self.entry_file);
        out.extend_from_slice(&(file.len() as u32).to_le_bytes());
        out.extend_from_slice(&file);
        out
    }

    /// Puts back what [`Precompiled::take_arrays`] took.
    pub fn put_arrays(&mut self, mut bytes: &[u8]) {
        let mut next = |width: usize| {
            let n = le_u32(bytes, 0) as usize;
            let (array, rest) = bytes[4..].split_at(n * width);
            bytes = rest;
            array
        };
        let t = &mut self.tables;
        for v in [
            &mut t.ref_start,
            &mut t.ref_entry,
            &mut t.upper_start,
            &mut self.entry_offset,
        ] {
            *v = next(4)
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
                .collect();
        }
        t.upper = next(2)
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes(c.try_into().expect("2 bytes")))
            .collect();
        self.entry_file = next(1).to_vec();
    }
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
    let (mut capital, mut any_case, mut any_case_quick) = (Vec::new(), Vec::new(), Vec::new());
    for (key, _, upper) in &aliases {
        let run = &key.as_bytes()[..first_run_len(key)];
        match upper.first() {
            Some(0) => capital.push(bytes_hash(run)),
            _ => {
                any_case.push(bytes_hash(run));
                any_case_quick.push(quick_hash(run, 0, run.len()));
            }
        }
    }
    t.first_runs_any_case = bit_set(any_case.clone(), 16);
    t.first_runs_any_case_quick = bit_set(any_case_quick, 16);
    let mut flagged: Vec<(u64, u8)> = Vec::new();
    flagged.extend(capital.iter().map(|&h| (h, START_CAPITAL)));
    flagged.extend(any_case.iter().map(|&h| (h, START_ANY_CASE)));
    let mut keys = Vec::with_capacity(t.key_count());
    let mut i = 0;
    while i < aliases.len() {
        let key = &aliases[i].0;
        let h = key_hash(key, |end, h| {
            if end < key.len() {
                flagged.push((h, CONTINUED))
            }
        });
        flagged.push((h, WHOLE));
        keys.push((key.as_str(), h));
        t.max_key_len = t.max_key_len.max(key.len() as u32);
        i += aliases[i..].partition_point(|a| a.0 == *key);
    }
    t.filter = flag_table(flagged).into();
    let (key_bytes, key_start, slots) = key_table(&keys);
    (t.key_bytes, t.key_start, t.slots) = (key_bytes.into(), key_start.into(), slots.into());
    let bytes = map
        .into_inner()
        .expect("writing an fst to memory cannot fail");
    (bytes, t)
}
