//! The extractor: built once (gazetteer index loaded or compiled), then
//! shared by reference across threads to turn articles into records.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::article::Article;
use crate::error::Result;
use crate::gazetteer::{Compiled, Gazetteer, Matcher};
use crate::record::{DateAnchor, Record};
use crate::span::CharOffsets;
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
            .filter(|h| !resolve::is_weak_hit(&self.matcher, h))
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
            published: article
                .published
                .map(|p| p.format("%Y-%m-%dT%H:%M:%S").to_string()),
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

/// Rewrites every byte span of the record as character offsets.
fn to_char_offsets(body: &str, r: &mut Record) {
    let spans = r
        .entities
        .iter()
        .map(|e| (e.start, e.end))
        .chain(r.dates.iter().map(|d| (d.start, d.end)))
        .chain(r.casualties.iter().map(|c| (c.start, c.end)));
    let map = CharOffsets::new(body, spans.flat_map(|(s, e)| [s, e]));
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
