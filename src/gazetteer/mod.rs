//! Gazetteers: the lists of known places, groups, people and demonyms, as
//! versioned TSV resources (see `gazetteers/README.md` for the format and
//! sources), and the matcher compiled from them.
//!
//! The files under `gazetteers/` are embedded in the binary, so `frex`
//! needs no data directory at run time; `--gazetteers DIR` loads another set.

mod matcher;
mod tsv;

use std::path::Path;

pub use matcher::{GazetteerMatch, Matcher};
pub use tsv::parse_tsv;

use crate::error::{Error, Result};
use crate::normalize::normalize;

/// What an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryType {
    Place,
    Group,
    Person,
    /// A nationality adjective or noun ("malien", "Burkinabè"): evidence for
    /// its country, never a place mention itself.
    Demonym,
}

impl EntryType {
    fn parse(s: &str) -> Option<EntryType> {
        Some(match s {
            "place" => EntryType::Place,
            "group" => EntryType::Group,
            "person" => EntryType::Person,
            "demonym" => EntryType::Demonym,
            _ => return None,
        })
    }

    pub fn entity_type(self) -> Option<crate::record::EntityType> {
        use crate::record::EntityType;
        match self {
            EntryType::Place => Some(EntityType::Place),
            EntryType::Group => Some(EntityType::Group),
            EntryType::Person => Some(EntityType::Person),
            EntryType::Demonym => None,
        }
    }
}

/// One gazetteer line.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: EntryType,
    pub canonical: String,
    pub aliases: Vec<String>,
    /// `kind=` attribute: country, city, village, jihadist, army, …
    pub class: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: Option<u64>,
    pub role: Option<String>,
    /// Higher wins when entries share an alias.
    pub priority: i32,
    /// For demonyms: the id of the place they denote.
    pub of: Option<String>,
    pub parent: Option<String>,
    /// Only keep a match after a locative cue or when the article names the
    /// entry's country (villages, names that are also common words).
    pub needs_cue: bool,
    pub source: String,
}

/// A set of entries, checked: ids unique, every alias with a non-empty key.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    stopwords: Vec<String>,
    given_names: Vec<String>,
}

/// The gazetteer files shipped with frex, embedded at compile time.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "gazetteers/places.tsv",
        include_str!("../../gazetteers/places.tsv"),
    ),
    (
        "gazetteers/groups.tsv",
        include_str!("../../gazetteers/groups.tsv"),
    ),
    (
        "gazetteers/people.tsv",
        include_str!("../../gazetteers/people.tsv"),
    ),
    (
        "gazetteers/demonyms.tsv",
        include_str!("../../gazetteers/demonyms.tsv"),
    ),
];
const EMBEDDED_STOPWORDS: &str = include_str!("../../gazetteers/stopwords.txt");
const EMBEDDED_GIVEN_NAMES: &str = include_str!("../../gazetteers/given-names.tsv");

/// File names a gazetteer directory may hold.
pub const FILES: &[&str] = &["places.tsv", "groups.tsv", "people.tsv", "demonyms.tsv"];

impl Gazetteer {
    /// The gazetteers shipped with frex.
    pub fn embedded() -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for (name, text) in EMBEDDED {
            g.add_tsv(name, text)?;
        }
        g.stopwords = parse_stopwords(EMBEDDED_STOPWORDS);
        g.given_names = parse_given_names("gazetteers/given-names.tsv", EMBEDDED_GIVEN_NAMES)?;
        g.validate()?;
        Ok(g)
    }

    /// Loads every `*.tsv` of [`FILES`] present in `dir`, and `stopwords.txt`.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        let mut found = 0;
        for name in FILES {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            g.add_tsv(&path.display().to_string(), &text)?;
            found += 1;
        }
        if found == 0 {
            return Err(Error::Config(format!(
                "{}: no gazetteer file ({}) in this directory",
                dir.display(),
                FILES.join(", ")
            )));
        }
        let stop = dir.join("stopwords.txt");
        if stop.exists() {
            let text = std::fs::read_to_string(&stop).map_err(|e| Error::io(&stop, e))?;
            g.stopwords = parse_stopwords(&text);
        }
        let given = dir.join("given-names.tsv");
        if given.exists() {
            let text = std::fs::read_to_string(&given).map_err(|e| Error::io(&given, e))?;
            g.given_names = parse_given_names(&given.display().to_string(), &text)?;
        }
        g.validate()?;
        Ok(g)
    }

    /// Builds a gazetteer from entries (tests, library users).
    pub fn from_entries(entries: Vec<Entry>, stopwords: Vec<String>) -> Result<Gazetteer> {
        let g = Gazetteer {
            entries,
            stopwords: stopwords.iter().map(|s| normalize(s)).collect(),
            given_names: Vec::new(),
        };
        g.validate()?;
        Ok(g)
    }

    /// Parses one TSV text and appends its entries.
    pub fn add_tsv(&mut self, name: &str, text: &str) -> Result<()> {
        self.entries.extend(parse_tsv(name, text)?);
        Ok(())
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Normalised words that never match alone at a sentence start.
    pub fn stopwords(&self) -> &[String] {
        &self.stopwords
    }

    /// Normalised first names, for recognising people no list knows.
    pub fn given_names(&self) -> &[String] {
        &self.given_names
    }

    /// Total number of aliases over all entries.
    pub fn alias_count(&self) -> usize {
        self.entries.iter().map(|e| e.aliases.len()).sum()
    }

    fn validate(&self) -> Result<()> {
        let mut seen = rustc_hash::FxHashMap::default();
        for e in &self.entries {
            if let Some(prev) = seen.insert(e.id.as_str(), e) {
                return Err(Error::Config(format!(
                    "gazetteer id {:?} is used twice ({:?} and {:?})",
                    e.id, prev.canonical, e.canonical
                )));
            }
        }
        Ok(())
    }

    /// Compiles the matcher, keeping the gazetteer.
    pub fn compile(&self) -> Matcher {
        Matcher::new(self.entries.clone(), &self.stopwords)
    }

    /// Compiles the matcher from the gazetteer itself, without copying its
    /// entries. Done once per [`crate::Extractor`].
    pub fn into_matcher(self) -> Matcher {
        Matcher::new(self.entries, &self.stopwords)
    }
}

/// Given names rarer than this (INSEE frequency band) are left out: the
/// rarest band holds thousands of names that are also place names or
/// words ("Sayam", "Forage"), and a person with such a name is usually
/// found by a title or a quote anyway. Curated names have weight 0.
const MIN_GIVEN_NAME_WEIGHT: u32 = 50;

/// `given-names.tsv`: `name<TAB>weight<TAB>source` (weight and source
/// optional), `#` comments.
fn parse_given_names(name: &str, text: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let first = cols.next().unwrap_or("").trim();
        let weight: u32 = cols.next().and_then(|w| w.trim().parse().ok()).unwrap_or(0);
        if weight != 0 && weight < MIN_GIVEN_NAME_WEIGHT {
            continue;
        }
        let key = normalize(first);
        if key.is_empty() {
            return Err(Error::Gazetteer {
                path: name.to_string(),
                line: i + 1,
                message: "empty given name".into(),
            });
        }
        out.push(key);
    }
    Ok(out)
}

fn parse_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(normalize)
        .collect()
}
