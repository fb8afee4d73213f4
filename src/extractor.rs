//! The extractor: built once (gazetteer index loaded or compiled), then
//! shared by reference across threads to turn articles into records.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::article::Article;
use crate::error::Result;
use crate::gazetteer::{Compiled, Gazetteer, Matcher};
use crate::record::{DateAnchor, Record};
use crate::{casualties, dates, names, resolve, tokenize};

/// Configures and builds an [`Extractor`].
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    gazetteer_dir: Option<PathBuf>,
    gazetteer: Option<Gazetteer>,
    reference_date: Option<NaiveDate>,
    include_text: bool,
}

impl ExtractorBuilder {
    /// Loads gazetteers from `dir` instead of the embedded ones.
    pub fn gazetteer_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.gazetteer_dir = Some(dir.into());
        self
    }

    /// Uses an already loaded gazetteer.
    pub fn gazetteer(mut self, g: Gazetteer) -> Self {
        self.gazetteer = Some(g);
        self
    }

    /// The date relative expressions resolve against when an article has
    /// no publication date. It wins over the article's dateline, which is
    /// used only when neither exists.
    pub fn reference_date(mut self, date: Option<NaiveDate>) -> Self {
        self.reference_date = date;
        self
    }

    /// Copies the body into the record's `text` field.
    pub fn include_text(mut self, yes: bool) -> Self {
        self.include_text = yes;
        self
    }

    pub fn build(self) -> Result<Extractor> {
        let compiled = match (self.gazetteer, &self.gazetteer_dir) {
            (Some(g), _) => g.into_compiled(),
            (None, Some(dir)) => Gazetteer::from_dir(dir)?.into_compiled(),
            (None, None) => Compiled::embedded(),
        };
        let lexicon = names::Lexicon {
            demonyms: compiled.demonyms.into_iter().collect(),
            given_names: compiled.given_names.into_iter().collect(),
        };
        let matcher = compiled.matcher;
        Ok(Extractor {
            matcher,
            lexicon,
            reference_date: self.reference_date,
            include_text: self.include_text,
        })
    }
}

/// Turns articles into records. Immutable and `Send + Sync`: build it once
/// and share `&Extractor` across rayon workers.
pub struct Extractor {
    matcher: Matcher,
    lexicon: names::Lexicon,
    reference_date: Option<NaiveDate>,
    include_text: bool,
}

impl Extractor {
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// An extractor with the embedded gazetteers and default options.
    pub fn new() -> Result<Extractor> {
        Extractor::builder().build()
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Extracts one article. Never fails and never panics: any body yields
    /// a record, possibly with empty lists.
    pub fn extract(&self, article: &Article) -> Record {
        let body = article.body.as_str();
        let tokens = tokenize::tokenize(body);
        let hits = self.matcher.find(body, &tokens);
        // Small towns do not block names: "le commandant Issa Zongo" is a
        // person even though a town is called Zongo.
        let claimed: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| {
                !resolve::is_weak_hit(&self.matcher, h)
                    && !resolve::is_namesake_hit(body, &tokens, &self.matcher, h, &self.lexicon)
            })
            .map(|h| (h.start, h.end))
            .collect();
        let context = names::find_names(body, &tokens, &claimed, &self.lexicon);
        let mut entities = resolve::resolve(body, &tokens, &self.matcher, &hits, &context);
        resolve::place_lists(
            body,
            &tokens,
            self.matcher.stopwords(),
            &self.lexicon.given_names,
            &mut entities,
        );
        let reference = article.published.map(|p| p.date()).or(self.reference_date);
        let parsed = dates::parse(body, &tokens);
        let mut dates = parsed.resolve(reference);
        if reference.is_none() {
            // No publication date and no reference date: a wire's dateline
            // still dates the article.
            if let Some(day) = crate::dateline::dateline_date(body, &dates) {
                dates = parsed.resolve(Some(day));
                for d in &mut dates {
                    if d.anchor == DateAnchor::Publication {
                        d.anchor = DateAnchor::Dateline;
                    }
                }
            }
        }
        let mut casualties = casualties::find_casualties(body, &tokens);
        casualties::attach_context(&mut casualties, &tokens, &entities, &dates);
        let summary = casualties::summarize(&casualties, &tokens);
        let mut record = Record {
            id: article.id.clone(),
            source: article.source.clone(),
            published: article.published.map(iso_seconds),
            title: article.title.clone(),
            text: self.include_text.then(|| article.body.clone()),
            entities,
            dates,
            casualties,
            summary,
            warnings: article.warnings.clone(),
        };
        to_char_offsets(body, &mut record);
        record
    }
}

/// `t` as `YYYY-MM-DDTHH:MM:SS`: chrono's `%Y-%m-%dT%H:%M:%S`, written
/// directly for the years and seconds every article has (chrono's formatter
/// interprets its format string each time, a good thousand instructions),
/// and left to chrono for the others (signed or five-digit years, leap
/// seconds), whose text it knows best.
fn iso_seconds(t: NaiveDateTime) -> String {
    const FORMAT: &str = "%Y-%m-%dT%H:%M:%S";
    let (year, leap) = (t.year(), t.nanosecond() >= 1_000_000_000);
    if !(0..=9999).contains(&year) || leap {
        return t.format(FORMAT).to_string();
    }
    let fields = [
        year as u32,
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
    ];
    let mut s = String::with_capacity(19);
    for (n, (v, sep)) in fields
        .into_iter()
        .zip(["", "-", "-", "T", ":", ":"])
        .enumerate()
    {
        s.push_str(sep);
        let digits = if n == 0 { 4 } else { 2 };
        for p in (0..digits).rev() {
            s.push(char::from(b'0' + (v / 10u32.pow(p) % 10) as u8));
        }
    }
    s
}

/// Rewrites every byte span of the record as character offsets.
fn to_char_offsets(body: &str, r: &mut Record) {
    let last = r
        .entities
        .iter()
        .map(|e| e.end.max(e.start))
        .chain(r.dates.iter().map(|d| d.end.max(d.start)))
        .chain(r.casualties.iter().map(|c| c.end.max(c.start)))
        .max();
    let Some(last) = last else { return };
    let map = CharIndex::new(body, last);
    for e in &mut r.entities {
        (e.start, e.end) = (map.get(e.start), map.get(e.end));
    }
    for d in &mut r.dates {
        (d.start, d.end) = (map.get(d.start), map.get(d.end));
    }
    for c in &mut r.casualties {
        (c.start, c.end) = (map.get(c.start), map.get(c.end));
    }
}

/// The character offsets of byte offsets into one body: what
/// [`crate::span::CharOffsets`] computes (the tests hold this to it), for
/// a record's many offsets at once.
///
/// `CharOffsets` sorts the offsets it is given, counts the chars between
/// consecutive ones and answers each query with a binary search. A record
/// asks for two offsets per span, tens of thousands per MB of text, and
/// the sorting and searching cost more than the counting. This keeps
/// instead the number of chars before every eighth byte, counted a word at
/// a time up to the last offset wanted, so a query is a table read plus
/// the chars among at most seven bytes.
struct CharIndex<'a> {
    bytes: &'a [u8],
    /// `before[i]`: the chars in `bytes[..8 * i]`.
    before: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Prepares queries for byte offsets up to `last`.
    fn new(text: &'a str, last: usize) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let words = last.min(bytes.len()) / 8;
        let mut before = Vec::with_capacity(words + 1);
        let mut chars = 0;
        before.push(chars);
        for w in bytes.chunks_exact(8).take(words) {
            chars += 8 - continuations(u64::from_le_bytes(w.try_into().expect("8 bytes")));
            before.push(chars);
        }
        CharIndex { bytes, before }
    }

    /// The character offset of byte offset `b` (at most the `last` given
    /// to [`CharIndex::new`]): the chars that start before it, so an
    /// offset inside a char maps to the char after it. Past the end, as
    /// `CharOffsets` has it: the char count, or `b` itself in an ASCII text.
    fn get(&self, b: usize) -> usize {
        let len = self.bytes.len();
        if b > len {
            let chars = self.chars_before(len);
            return if chars == len { b } else { chars };
        }
        self.chars_before(b)
    }

    fn chars_before(&self, b: usize) -> usize {
        let (i, rest) = (b / 8, b % 8);
        let start = 8 * i;
        if rest == 0 {
            return self.before[i];
        }
        // The `rest` bytes from `start`, read as one word with the bytes
        // after them zeroed (a zero byte is no continuation byte).
        let word = match self.bytes.get(start..start + 8) {
            Some(w) => {
                u64::from_le_bytes(w.try_into().expect("8 bytes")) & ((1u64 << (8 * rest)) - 1)
            }
            None => {
                let mut w = [0u8; 8];
                w[..rest].copy_from_slice(&self.bytes[start..b]);
                u64::from_le_bytes(w)
            }
        };
        self.before[i] + rest - continuations(word)
    }
}

/// The number of UTF-8 continuation bytes (0b10xx_xxxx) in `w`: bytes with
/// bit 7 set and bit 6 clear, flagged in bit 0 of each byte and summed by
/// one multiplication (the sum, at most 8, fits in the top byte).
#[inline]
fn continuations(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let flags = (w & !(w << 1) & HI) >> 7;
    (flags.wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::CharOffsets;
    use proptest::prelude::*;

    /// Every byte offset of `text` (char boundaries or not) and a few past
    /// its end, against the reference.
    fn check(text: &str) {
        let offsets: Vec<usize> = (0..=text.len() + 9).collect();
        let reference = CharOffsets::new(text, offsets.iter().copied());
        let index = CharIndex::new(text, text.len() + 9);
        for &b in &offsets {
            assert_eq!(index.get(b), reference.get(b), "{text:?} at {b}");
        }
    }

    #[test]
    fn char_index_matches_char_offsets() {
        for text in [
            "",
            "a",
            "ASCII only, longer than sixteen bytes",
            "é",
            "Bamako, l’école à Ségou — « déjà » vu",
            "€€€€€€€€€€",
            "😀 emoji 😀😀 and ß",
        ] {
            check(text);
        }
        for text in crate::fixture_articles().iter().take(3) {
            check(text);
        }
    }

    #[test]
    fn char_index_is_built_only_as_far_as_asked() {
        let text = "à".repeat(100);
        let index = CharIndex::new(&text, 20);
        assert_eq!(index.before.len(), 3);
        assert_eq!(index.get(20), 10);
        assert_eq!(index.get(17), 9);
    }

    #[test]
    fn iso_seconds_is_chronos_format() {
        let chrono = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for t in [
            day(2024, 9, 22).and_hms_opt(14, 26, 54).unwrap(),
            day(1999, 12, 31).and_hms_opt(23, 59, 59).unwrap(),
            day(2000, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            day(0, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            day(9, 3, 4).and_hms_opt(5, 6, 7).unwrap(),
            day(9999, 12, 31).and_hms_opt(23, 59, 59).unwrap(),
            day(10000, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
            day(-44, 3, 15).and_hms_opt(12, 0, 0).unwrap(),
            day(2016, 12, 31)
                .and_hms_milli_opt(23, 59, 59, 1500)
                .unwrap(),
            day(2024, 2, 29)
                .and_hms_nano_opt(1, 2, 3, 999_999_999)
                .unwrap(),
        ] {
            assert_eq!(iso_seconds(t), chrono(t), "{t:?}");
        }
    }

    proptest! {
        #[test]
        fn iso_seconds_is_chronos_format_on_arbitrary_times(
            days in -1_000_000i32..4_000_000,
            secs in 0u32..86_400,
        ) {
            let Some(d) = NaiveDate::from_num_days_from_ce_opt(days) else { return Ok(()) };
            let t = d.and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            prop_assert_eq!(iso_seconds(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        }

        #[test]
        fn char_index_matches_char_offsets_on_arbitrary_text(text in "\\PC{0,60}") {
            check(&text);
        }
    }
}
