//! Gazetteers: the lists of known places, groups, people and demonyms, as
//! versioned TSV resources (see `gazetteers/README.md` for the format and
//! sources), and the matcher compiled from them.
//!
//! The files under `gazetteers/` are embedded in the binary, so `frex`
//! needs no data directory at run time; `--gazetteers DIR` loads another set.

mod entry;
mod index;
mod matcher;
mod tsv;

use std::path::Path;

pub use entry::{demonym_keys, Entry, EntryType};
pub use index::Tables;
pub use matcher::{GazetteerMatch, Matcher};
pub use tsv::parse_tsv;

use crate::error::{Error, Result};
use crate::normalize::normalize;
use tsv::{parse_given_names, parse_stopwords};

impl EntryType {
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

/// A set of entries, checked: ids unique, every alias with a non-empty key.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    stopwords: Vec<String>,
    given_names: Vec<String>,
}

/// The gazetteer files shipped with frex, embedded at compile time, in the
/// order `build.rs` numbers their entries.
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
const EMBEDDED_TEXTS: &[&str] = &[EMBEDDED[0].1, EMBEDDED[1].1, EMBEDDED[2].1, EMBEDDED[3].1];
const EMBEDDED_STOPWORDS: &str = include_str!("../../gazetteers/stopwords.txt");
const EMBEDDED_GIVEN_NAMES: &str = include_str!("../../gazetteers/given-names.tsv");

/// What `build.rs` compiled from the embedded files: the `fst` map, the
/// serialised [`index::Precompiled`] tables less their large arrays, those
/// arrays as raw bytes (see [`index::Precompiled::take_arrays`]), and the
/// matcher's filter and key table as they are used.
const PRECOMPILED_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.fst"));
const PRECOMPILED_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.tables"));
const PRECOMPILED_ARRAYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.arrays"));
const PRECOMPILED_FILTER: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.filter"));
const PRECOMPILED_KEY_BYTES: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.key_bytes"));
const PRECOMPILED_KEY_START: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.key_start"));
const PRECOMPILED_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.slots"));

/// A gazetteer ready to use: the compiled matcher and the word lists the
/// context rules need (normalised demonyms and given names).
pub struct Compiled {
    pub matcher: Matcher,
    pub demonyms: Vec<String>,
    pub given_names: Vec<String>,
}

impl Compiled {
    /// The embedded gazetteers, from what the build script precompiled:
    /// no TSV parsing and no alias normalisation at start-up. The result
    /// equals `Gazetteer::embedded()?.into_compiled()` (tested).
    pub fn embedded() -> Compiled {
        let mut pre: index::Precompiled = postcard::from_bytes(PRECOMPILED_TABLES)
            .expect("build.rs wrote these tables with the same struct");
        pre.put_arrays(PRECOMPILED_ARRAYS);
        use std::borrow::Cow::Borrowed;
        pre.tables.filter = Borrowed(PRECOMPILED_FILTER);
        pre.tables.key_bytes = Borrowed(PRECOMPILED_KEY_BYTES);
        pre.tables.key_start = Borrowed(PRECOMPILED_KEY_START);
        pre.tables.slots = Borrowed(PRECOMPILED_SLOTS);
        let demonyms = std::mem::take(&mut pre.demonyms);
        let given_names = std::mem::take(&mut pre.given_names);
        Compiled {
            matcher: Matcher::precompiled(PRECOMPILED_FST, pre, EMBEDDED_TEXTS),
            demonyms,
            given_names,
        }
    }
}

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
        entry::check_unique_ids(&self.entries).map_err(Error::Config)
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

    /// Compiles the matcher and the context rules' word lists.
    pub fn into_compiled(self) -> Compiled {
        let demonyms = demonym_keys(&self.entries);
        let given_names = self.given_names;
        Compiled {
            matcher: Matcher::new(self.entries, &self.stopwords),
            demonyms,
            given_names,
        }
    }
}
