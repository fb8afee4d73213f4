//! The output record: one JSON object per article. Other tools depend on
//! these names and meanings; `docs/record.md` documents them field by field.
//!
//! Stages produce these types with *byte* offsets into the body; the
//! extractor converts every `start`/`end` to Unicode *character* offsets
//! (Python `str` indices) as its last step, so a serialised record always
//! holds character offsets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything frex extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub source: String,
    /// Publication time, `YYYY-MM-DDTHH:MM:SS`, or null when unknown.
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The body, with `--include-text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub dates: Vec<DateMention>,
    #[serde(default)]
    pub casualties: Vec<Casualty>,
    /// Per kind, the figure an analyst would code for the article's event
    /// (see [`CasualtySummary`] and `docs/record.md`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary: BTreeMap<CasualtyKind, CasualtySummary>,
    /// Problems with the input that did not prevent extraction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Place,
    Group,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Group => "group",
        }
    }
}

/// How an entity mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntitySource {
    /// An alias of a gazetteer entry.
    Gazetteer,
    /// A capitalised name after a cue (title, locative, naming pattern).
    Context,
    /// A short form of an entity found elsewhere in the article
    /// ("Goïta" after "Assimi Goïta", an acronym defined in the text).
    Alias,
}

/// One mention of a person, place or group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The referent's name; shared by all its mentions.
    pub canonical: String,
    /// The gazetteer id (`country:ml`, `group:jnim`), null for names no list knows.
    pub id: Option<String>,
    pub source: EntitySource,
    /// Gazetteer class: country, city, village, jihadist, army, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// ISO 3166-1 alpha-2 code of the place, or of the group's or person's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// A person's role, as the gazetteer gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Other gazetteer ids the same words could name, when the choice was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Why this referent was chosen among `alternatives`: `country` (the
    /// article names its country) or `priority` (the gazetteer's ranking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
}

impl Entity {
    /// A mention with no gazetteer attributes (context names, aliases).
    pub fn new(
        kind: EntityType,
        body: &str,
        (start, end): (usize, usize),
        canonical: String,
        id: Option<String>,
        source: EntitySource,
    ) -> Entity {
        Entity {
            kind,
            text: body[start..end].to_string(),
            start,
            end,
            canonical,
            id,
            source,
            class: None,
            country: None,
            lat: None,
            lon: None,
            population: None,
            role: None,
            alternatives: Vec::new(),
            resolved_by: None,
        }
    }
}

/// How precise a date value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    /// A season, as TIMEX3 writes it ("2026-SP"; a winter takes the year
    /// it ends in).
    Season,
    Year,
    Decade,
    Century,
}

/// What a date value was computed from.
impl Grain {
    /// The name the record gives the grain.
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Minute => "minute",
            Grain::Hour => "hour",
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Season => "season",
            Grain::Year => "year",
            Grain::Decade => "decade",
            Grain::Century => "century",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateAnchor {
    /// The text alone fixes it ("22 septembre 2024").
    Absolute,
    /// The publication date fixes it ("mardi", "hier", "le 26 septembre").
    Publication,
    /// The last date the text resolved fixes it ("la veille", "le lendemain").
    Previous,
    /// The article has no publication date; its dateline's date ("BAMAKO,
    /// 12 juin 2022 (AFP)") fixes it as the publication date would.
    Dateline,
}

/// One date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// ISO 8601: `2024-09-17`, `2024-W38`, `2024-09`, `2024`, an interval
    /// `2024-05-03/2024-05-05` (open ends as `..`: `2015/..`), or null when
    /// it cannot be resolved (relative expression without publication date).
    pub value: Option<String>,
    pub grain: Grain,
    pub anchor: DateAnchor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasualtyKind {
    Killed,
    Injured,
    Kidnapped,
    Missing,
    Displaced,
    Arrested,
}

impl CasualtyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CasualtyKind::Killed => "killed",
            CasualtyKind::Injured => "injured",
            CasualtyKind::Kidnapped => "kidnapped",
            CasualtyKind::Missing => "missing",
            CasualtyKind::Displaced => "displaced",
            CasualtyKind::Arrested => "arrested",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The toll of one event (an attack, a flood).
    Event,
    /// A running total ("depuis 2015", "au total", "depuis le début du conflit").
    Cumulative,
}

/// One casualty figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Casualty {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: CasualtyKind,
    /// Lower bound ("au moins 70" → 70; "plus de 200" → 201).
    pub min: Option<u64>,
    /// Upper bound ("jusqu'à 30" → 30; "onze soldats tués" → min = max = 11).
    pub max: Option<u64>,
    /// An approximate figure ("près de 200", "une quinzaine" → 15).
    pub approx: Option<u64>,
    /// Class of the victims: people, soldiers, police, civilians, militants, …
    pub who: String,
    /// The victims' noun as written ("supplétifs", "villageois"), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_text: Option<String>,
    pub scope: Scope,
    /// "plus de N": the bound N+1 comes from an exclusive "more than".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
    /// Hostages reported freed, not taken.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub released: bool,
    /// A later figure in the article revises this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
    /// Index (in `casualties`) of the figure this one is a part of
    /// ("29 blessés dont 21 militaires").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subset_of: Option<usize>,
    /// The places named in the figure's sentence: gazetteer ids, or
    /// canonical names for places no list knows; in text order, no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// The resolved values (ISO 8601) of the dates in the figure's sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
    /// The groups named in the figure's sentence (ids, else canonical names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

/// The figure coded for one kind: ACLED's rule, the most conservative
/// credible figure of the event, with the highest figure reported beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasualtySummary {
    /// The conservative number: `min` if set, else `approx`, else `max`
    /// (summed over the victim classes of one report).
    pub best: u64,
    /// The highest figure any event report of this kind gives, revised
    /// ones included: `max` if set, else `approx`, else `min`.
    pub high: u64,
    /// Indices (in `casualties`) of the figures `best` comes from.
    pub figures: Vec<usize>,
}
