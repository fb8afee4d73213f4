//! The extractor: built once (gazetteer index loaded or compiled), then
//! shared by reference across threads to turn articles into records.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::article::Article;
use crate::error::Result;
use crate::gazetteer::{Compiled, Gazetteer, Matcher};
use crate::record::{DateAnchor, Record};
use crate::span::CharIndex;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    }
}
