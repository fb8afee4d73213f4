//! Gold formats and their loaders.
//!
//! | format | recognised by | gives |
//! |---|---|---|
//! | fixtures | a directory with `gold/*.json` | entities, dates, casualties |
//! | ner | JSONL with `text` and `entities` | entities (label mapping below) |
//! | timebank | JSONL with `dct` and `timexes` | dates (TIMEX3 of type DATE) |
//!
//! NER label mapping: `pers`, `PER`, `PERS`, `person` → person; `loc`,
//! `LOC`, `place`, `GPE` → place; `org`, `ORG`, `group` → group; anything
//! else (time, prod, EVE, MISC…) is ignored. A label may carry a prefix
//! (`NE-PERS.final`): the part between the first `-` and the first `.`
//! is mapped.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::Value;

use crate::article::parse_raw;
use crate::error::{Error, Result};
use crate::record::{CasualtyKind, EntityType, Record};
use crate::span::byte_offset;

/// One annotated document, offsets in characters.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub body: String,
    pub published: Option<NaiveDateTime>,
    /// `None` when the corpus does not annotate entities.
    pub entities: Option<Vec<GoldEntity>>,
    pub dates: Option<Vec<GoldDate>>,
    pub casualties: Option<Vec<GoldCasualty>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GoldEntity {
    pub kind: EntityType,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The referent's name; defaults to the surface.
    pub canonical: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldDate {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    #[serde(default)]
    pub grain: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldCasualty {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: CasualtyKind,
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub approx: Option<u64>,
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// Which gold format to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    Fixtures,
    Ner,
    Timebank,
}

impl CorpusFormat {
    pub fn name(self) -> &'static str {
        match self {
            CorpusFormat::Fixtures => "fixtures",
            CorpusFormat::Ner => "ner",
            CorpusFormat::Timebank => "timebank",
        }
    }
}

/// Detects the format of `path` from its shape (see the module table).
pub fn detect(path: &Path) -> Result<CorpusFormat> {
    if path.is_dir() {
        if path.join("gold").is_dir() {
            return Ok(CorpusFormat::Fixtures);
        }
        return Err(Error::input(
            path.display().to_string(),
            "a directory to evaluate must hold gold/*.json (the fixtures format)",
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let v: Value = serde_json::from_str(first).map_err(|_| {
        Error::input(
            path.display().to_string(),
            "not a gold corpus: expected a fixtures directory or JSON Lines (NER spans or TimeBank documents)",
        )
    })?;
    if v.get("file").is_some() && v.get("entities").is_some() {
        return Ok(CorpusFormat::Fixtures);
    }
    if v.get("dct").is_some() && v.get("timexes").is_some() {
        return Ok(CorpusFormat::Timebank);
    }
    if v.get("text").is_some() && v.get("entities").is_some() {
        return Ok(CorpusFormat::Ner);
    }
    Err(Error::input(
        path.display().to_string(),
        "not a gold corpus: JSON lines need `text` + `entities` (NER) or `dct` + `timexes` (TimeBank)",
    ))
}

/// Loads the gold documents of `path` in the given (or detected) format.
pub fn load_gold(
    path: &Path,
    format: Option<CorpusFormat>,
) -> Result<(CorpusFormat, Vec<GoldDoc>)> {
    let format = match format {
        Some(f) => f,
        None => detect(path)?,
    };
    let docs = match format {
        CorpusFormat::Fixtures => load_fixtures(path)?,
        CorpusFormat::Ner => load_jsonl(path, ner_doc)?,
        CorpusFormat::Timebank => load_jsonl(path, timebank_doc)?,
    };
    Ok((format, docs))
}

#[derive(Deserialize)]
struct FixtureGold {
    file: String,
    entities: Vec<FixtureEntity>,
    #[serde(default)]
    dates: Vec<GoldDate>,
    #[serde(default)]
    casualties: Vec<GoldCasualty>,
}

#[derive(Deserialize)]
struct FixtureEntity {
    #[serde(rename = "type")]
    kind: EntityType,
    start: usize,
    end: usize,
    text: String,
    canonical: Option<String>,
}

/// A fixtures directory: `gold/*.json`, each naming its article file
/// relative to the directory.
fn load_fixtures(dir: &Path) -> Result<Vec<GoldDoc>> {
    let gold_dir = if dir.is_dir() {
        dir.join("gold")
    } else {
        dir.to_path_buf()
    };
    let mut files: Vec<PathBuf> = if gold_dir.is_dir() {
        std::fs::read_dir(&gold_dir)
            .map_err(|e| Error::io(&gold_dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect()
    } else {
        vec![gold_dir.clone()]
    };
    files.sort();
    let base = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        dir.parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .to_path_buf()
    };
    let mut docs = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
        let g: FixtureGold = serde_json::from_str(&text)
            .map_err(|e| Error::input(&name, format!("bad gold JSON: {e}")))?;
        let article_path = base.join(&g.file);
        let raw =
            std::fs::read_to_string(&article_path).map_err(|e| Error::io(&article_path, e))?;
        let stem = article_path
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let article = parse_raw(&raw, &article_path.display().to_string(), &stem)?;
        let doc = GoldDoc {
            id: article.id.clone(),
            published: article.published,
            entities: Some(
                g.entities
                    .into_iter()
                    .map(|e| GoldEntity {
                        canonical: e.canonical.unwrap_or_else(|| e.text.clone()),
                        kind: e.kind,
                        start: e.start,
                        end: e.end,
                        text: e.text,
                    })
                    .collect(),
            ),
            dates: Some(g.dates),
            casualties: Some(g.casualties),
            body: article.body,
        };
        check_spans(&doc, &name)?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Every gold span must slice the body to its text: a gold file out of
/// step with its article would silently score garbage.
fn check_spans(doc: &GoldDoc, name: &str) -> Result<()> {
    let spans = doc
        .entities
        .iter()
        .flatten()
        .map(|e| (e.start, e.end, &e.text))
        .chain(
            doc.dates
                .iter()
                .flatten()
                .map(|d| (d.start, d.end, &d.text)),
        )
        .chain(
            doc.casualties
                .iter()
                .flatten()
                .map(|c| (c.start, c.end, &c.text)),
        );
    for (s, e, text) in spans {
        let got = &doc.body[byte_offset(&doc.body, s)..byte_offset(&doc.body, e)];
        if got != text {
            return Err(Error::input(
                name,
                format!("span {s}..{e} is {got:?} in the article, gold says {text:?}"),
            ));
        }
    }
    Ok(())
}

/// Every non-blank line of a JSON Lines file, parsed, with its
/// `path:line` for error messages.
pub(crate) fn json_lines(path: &Path) -> Result<Vec<(String, Value)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{}:{}", path.display(), i + 1);
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::input(&origin, format!("malformed JSON: {e}")))?;
        out.push((origin, v));
    }
    Ok(out)
}

fn load_jsonl(
    path: &Path,
    parse: fn(&Value, &str) -> Result<Option<GoldDoc>>,
) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for (origin, v) in json_lines(path)? {
        if let Some(doc) = parse(&v, &origin)? {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Maps a corpus label to an entity type (see the module docs).
pub fn map_label(label: &str) -> Option<EntityType> {
    let core = label.split_once('-').map_or(label, |(_, rest)| rest);
    let core = core.split('.').next().unwrap_or(core);
    match core.to_ascii_lowercase().as_str() {
        "pers" | "per" | "person" => Some(EntityType::Person),
        "loc" | "place" | "gpe" => Some(EntityType::Place),
        "org" | "group" => Some(EntityType::Group),
        _ => None,
    }
}

fn str_field<'a>(v: &'a Value, key: &str, origin: &str) -> Result<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::input(origin, format!("missing string `{key}`")))
}

fn ner_doc(v: &Value, origin: &str) -> Result<Option<GoldDoc>> {
    let body = str_field(v, "text", origin)?.to_string();
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or(origin)
        .to_string();
    let mut entities = Vec::new();
    for e in v
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // `type` holds the coarse class in our corpora (PER, LOC); `label`
        // the corpus's own tag. Prefer the coarse one.
        let label = e
            .get("type")
            .or_else(|| e.get("label"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let Some(kind) = map_label(label) else {
            continue;
        };
        let (Some(start), Some(end)) = (
            e.get("start").and_then(Value::as_u64),
            e.get("end").and_then(Value::as_u64),
        ) else {
            return Err(Error::input(origin, "entity without integer start/end"));
        };
        let (start, end) = (start as usize, end as usize);
        let text = body[byte_offset(&body, start)..byte_offset(&body, end)].to_string();
        entities.push(GoldEntity {
            kind,
            start,
            end,
            canonical: text.clone(),
            text,
        });
    }
    let published = v
        .pointer("/meta/date")
        .and_then(Value::as_str)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0));
    Ok(Some(GoldDoc {
        id,
        body,
        published,
        entities: Some(entities),
        dates: None,
        casualties: None,
    }))
}

fn timebank_doc(v: &Value, origin: &str) -> Result<Option<GoldDoc>> {
    let body = str_field(v, "text", origin)?.to_string();
    let id = v
        .get("doc_id")
        .and_then(Value::as_str)
        .unwrap_or(origin)
        .to_string();
    let dct = str_field(v, "dct", origin)?;
    let published = NaiveDate::parse_from_str(dct, "%Y-%m-%d")
        .map_err(|_| Error::input(origin, format!("`dct` {dct:?} is not YYYY-MM-DD")))?
        .and_hms_opt(0, 0, 0);
    let mut dates = Vec::new();
    for t in v
        .get("timexes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if t.get("type").and_then(Value::as_str) != Some("DATE") {
            continue;
        }
        let (Some(start), Some(end)) = (
            t.get("start").and_then(Value::as_u64),
            t.get("end").and_then(Value::as_u64),
        ) else {
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        dates.push(GoldDate {
            start,
            end,
            text: body[byte_offset(&body, start)..byte_offset(&body, end)].to_string(),
            value: t.get("value").and_then(Value::as_str).map(str::to_string),
            grain: None,
        });
    }
    Ok(Some(GoldDoc {
        id,
        body,
        published,
        entities: None,
        dates: Some(dates),
        casualties: None,
    }))
}

/// Reads records (frex's output, or another tool's in the same shape:
/// `id` and `entities` with `type`, `start`, `end`) keyed by id.
pub fn load_predictions(path: &Path) -> Result<std::collections::HashMap<String, Record>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{}:{}", path.display(), i + 1);
        let r: Record = serde_json::from_str(line)
            .map_err(|e| Error::input(&origin, format!("not a record: {e}")))?;
        out.insert(r.id.clone(), r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_mapping() {
        for (label, want) in [
            ("pers", Some(EntityType::Person)),
            ("PER", Some(EntityType::Person)),
            ("NE-PERS.final", Some(EntityType::Person)),
            ("loc", Some(EntityType::Place)),
            ("LOC", Some(EntityType::Place)),
            ("ORG", Some(EntityType::Group)),
            ("org", Some(EntityType::Group)),
            ("time", None),
            ("EVE", None),
            ("HumanProd", None),
        ] {
            assert_eq!(map_label(label), want, "{label}");
        }
    }
}
