//! One gazetteer entry, as parsed from a TSV line.
//!
//! This file is also compiled into the build script (see `build.rs`), which
//! precompiles the embedded gazetteers: keep it free of crate modules other
//! than `crate::normalize`.

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
    pub(crate) fn parse(s: &str) -> Option<EntryType> {
        Some(match s {
            "place" => EntryType::Place,
            "group" => EntryType::Group,
            "person" => EntryType::Person,
            "demonym" => EntryType::Demonym,
            _ => return None,
        })
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

/// Checks that no id is used twice.
pub fn check_unique_ids(entries: &[Entry]) -> Result<(), String> {
    let mut seen = std::collections::HashMap::with_capacity(entries.len());
    for e in entries {
        if let Some(prev) = seen.insert(e.id.as_str(), e) {
            return Err(format!(
                "gazetteer id {:?} is used twice ({:?} and {:?})",
                e.id, prev.canonical, e.canonical
            ));
        }
    }
    Ok(())
}

/// The normalised aliases of every demonym entry: the context rules treat
/// them as words, never as names.
pub fn demonym_keys(entries: &[Entry]) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e.kind == EntryType::Demonym)
        .flat_map(|e| e.aliases.iter().map(|a| crate::normalize::normalize(a)))
        .collect()
}
