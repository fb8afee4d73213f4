//! The scorer: gold documents and predicted records in, counts out.
//!
//! - Entities, mention level: a prediction is right when its span and type
//!   equal a gold mention's.
//! - Entities, document level: each distinct referent once per document
//!   (gold mentions grouped by `canonical`, predictions by `canonical`);
//!   a predicted referent matches a gold one of the same type when their
//!   canonical names or any of their surfaces agree once normalised.
//! - Dates: a prediction matches a gold date whose span it overlaps (one to
//!   one); span P/R/F1 count those matches, value accuracy the matched
//!   pairs whose ISO values agree. Corpora such as TimeBank mark each end
//!   of a range as its own date ("entre [1990] et [1999]"): a predicted
//!   interval's value is right for a gold point equal to one of its ends.
//! - Casualties: a prediction is right when it overlaps a gold figure with
//!   the same kind and the same min, max and approx. Parts of a figure
//!   (`subset_of`: "dont 21 militaires") and released hostages are not
//!   counts of their own and are left out of the score, as the gold
//!   guidelines leave them out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::gold::GoldDoc;
use crate::normalize::normalize;
use crate::record::{EntityType, Record};
use crate::span::byte_offset;

/// True/false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Date scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DateCounts {
    /// Overlap-matched spans.
    pub span: Counts,
    /// Exact-span matches among those.
    pub exact_spans: usize,
    /// Matched pairs whose values agree.
    pub values_correct: usize,
}

impl DateCounts {
    /// Value accuracy over matched pairs.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.values_correct, self.span.tp)
    }
    /// Value accuracy over all gold dates (a missed date counts as wrong).
    pub fn value_recall(&self) -> f64 {
        ratio(self.values_correct, self.span.tp + self.span.fn_)
    }
}

/// One scoring error, for `--show-errors`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    pub doc: String,
    /// `entity`, `date`, `casualty`.
    pub layer: &'static str,
    /// `false-positive`, `false-negative`, `wrong-value`.
    pub error: &'static str,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// What was expected or predicted: type, value, figures.
    pub detail: String,
    /// The text around the span, on one line.
    pub context: String,
}

impl ErrorItem {
    /// An error about the span `(text, start, end)` of `doc`.
    fn at(
        doc: &GoldDoc,
        layer: &'static str,
        error: &'static str,
        (text, start, end): (&str, usize, usize),
        detail: String,
    ) -> ErrorItem {
        ErrorItem {
            doc: doc.id.clone(),
            layer,
            error,
            text: text.to_string(),
            start,
            end,
            detail,
            context: context(&doc.body, start, end),
        }
    }
}

/// Everything the scorer counted over a corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub mention: BTreeMap<EntityType, Counts>,
    pub document: BTreeMap<EntityType, Counts>,
    pub dates: Option<DateCounts>,
    pub casualties: Option<Counts>,
    #[serde(skip)]
    pub errors: Vec<ErrorItem>,
}

impl Scores {
    /// Micro average over entity types.
    pub fn micro(level: &BTreeMap<EntityType, Counts>) -> Counts {
        let mut c = Counts::default();
        for v in level.values() {
            c.add(*v);
        }
        c
    }
}

const TYPES: [EntityType; 3] = [EntityType::Person, EntityType::Place, EntityType::Group];

/// Scores `preds[i]` against `docs[i]`.
pub fn score(docs: &[GoldDoc], preds: &[Record]) -> Scores {
    let mut s = Scores {
        documents: docs.len(),
        ..Scores::default()
    };
    for (doc, pred) in docs.iter().zip(preds) {
        if doc.entities.is_some() {
            score_entities(doc, pred, &mut s);
        }
        if doc.dates.is_some() {
            score_dates(doc, pred, &mut s);
        }
        if doc.casualties.is_some() {
            score_casualties(doc, pred, &mut s);
        }
    }
    s
}

fn context(body: &str, start: usize, end: usize) -> String {
    let s = byte_offset(body, start.saturating_sub(40));
    let e = byte_offset(body, end + 40);
    let (a, b) = (byte_offset(body, start), byte_offset(body, end));
    format!("…{}[{}]{}…", &body[s..a], &body[a..b], &body[b..e]).replace('\n', " ")
}

/// Pairs predictions with gold items one to one, in prediction order: each
/// prediction takes the unused gold item `pick` chooses (given which are
/// used). Returns each prediction with the gold index it took, and which
/// gold items were taken; the others are false negatives.
fn pair<'p, P: 'p>(
    preds: impl IntoIterator<Item = &'p P>,
    gold_len: usize,
    pick: impl Fn(&P, &[bool]) -> Option<usize>,
) -> (Vec<(&'p P, Option<usize>)>, Vec<bool>) {
    let mut used = vec![false; gold_len];
    let mut pairs = Vec::new();
    for p in preds {
        let hit = pick(p, &used);
        if let Some(i) = hit {
            used[i] = true;
        }
        pairs.push((p, hit));
    }
    (pairs, used)
}

fn score_entities(doc: &GoldDoc, pred: &Record, s: &mut Scores) {
    let gold = doc.entities.as_deref().unwrap_or(&[]);
    for t in TYPES {
        s.mention.entry(t).or_default();
        s.document.entry(t).or_default();
    }
    // Mention level.
    let (pairs, matched_gold) = pair(&pred.entities, gold.len(), |p, used| {
        (0..gold.len()).find(|&i| {
            let g = &gold[i];
            !used[i] && g.start == p.start && g.end == p.end && g.kind == p.kind
        })
    });
    for (p, hit) in pairs {
        let c = s.mention.entry(p.kind).or_default();
        match hit {
            Some(_) => c.tp += 1,
            None => {
                c.fp += 1;
                s.errors.push(ErrorItem::at(
                    doc,
                    "entity",
                    "false-positive",
                    (&p.text, p.start, p.end),
                    format!(
                        "{} (gold: {})",
                        p.kind.as_str(),
                        gold_label_at(gold, p.start, p.end)
                    ),
                ));
            }
        }
    }
    for (g, _) in gold.iter().zip(&matched_gold).filter(|(_, m)| !**m) {
        s.mention.entry(g.kind).or_default().fn_ += 1;
        s.errors.push(ErrorItem::at(
            doc,
            "entity",
            "false-negative",
            (&g.text, g.start, g.end),
            g.kind.as_str().to_string(),
        ));
    }
    // Document level: group mentions into referents.
    type Referent = (EntityType, String, Vec<String>);
    fn group(items: impl Iterator<Item = (EntityType, String, String)>) -> Vec<Referent> {
        let mut out: Vec<Referent> = Vec::new();
        for (kind, canonical, surface) in items {
            let (c, srf) = (normalize(&canonical), normalize(&surface));
            match out.iter_mut().find(|r| r.0 == kind && r.1 == c) {
                Some(r) => {
                    if !r.2.contains(&srf) {
                        r.2.push(srf)
                    }
                }
                None => out.push((kind, c, vec![srf])),
            }
        }
        out
    }
    let gold_refs = group(
        gold.iter()
            .map(|g| (g.kind, g.canonical.clone(), g.text.clone())),
    );
    let pred_refs = group(
        pred.entities
            .iter()
            .map(|p| (p.kind, p.canonical.clone(), p.text.clone())),
    );
    let mut used = vec![false; gold_refs.len()];
    for p in &pred_refs {
        let hit = gold_refs.iter().enumerate().position(|(i, g)| {
            !used[i]
                && g.0 == p.0
                && (g.1 == p.1
                    || g.2.iter().any(|x| p.2.contains(x))
                    || g.2.contains(&p.1)
                    || p.2.contains(&g.1))
        });
        let c = s.document.entry(p.0).or_default();
        match hit {
            Some(i) => {
                used[i] = true;
                c.tp += 1;
            }
            None => c.fp += 1,
        }
    }
    for (g, _) in gold_refs.iter().zip(&used).filter(|(_, u)| !**u) {
        s.document.entry(g.0).or_default().fn_ += 1;
    }
}

fn gold_label_at(gold: &[super::gold::GoldEntity], start: usize, end: usize) -> String {
    gold.iter()
        .find(|g| g.start < end && start < g.end)
        .map_or("none".to_string(), |g| {
            format!("{} {:?}", g.kind.as_str(), g.text)
        })
}

/// The same date written in the notations annotated corpora use for a
/// decade or a century: frex writes ISO 8601's reduced precision (`201`
/// for the 2010s, `19` for the 1900s), TIMEX3 writes `201X` / `19XX`, and
/// the fixture guidelines the first year (`2010`, `1900`). At a decade or
/// century grain the three denote one period, so the eval compares their
/// stems; at any other grain `2010` stays the year it is.
fn period_stem(v: &str, grain: crate::record::Grain) -> &str {
    use crate::record::Grain;
    let digits = match grain {
        Grain::Decade => 3,
        Grain::Century => 2,
        _ => return v,
    };
    let b = v.as_bytes();
    let stem_ok = b.len() >= digits && b[..digits].iter().all(u8::is_ascii_digit);
    let tail_ok = b[digits.min(b.len())..]
        .iter()
        .all(|&c| c == b'0' || c == b'X');
    if stem_ok && tail_ok && b.len() <= 4 {
        &v[..digits]
    } else {
        v
    }
}

/// [`same_value`] with the prediction's grain, for decade and century
/// notations (see [`period_stem`]).
fn same_value_at(gold: Option<&str>, pred: Option<&str>, grain: crate::record::Grain) -> bool {
    match (gold, pred) {
        (Some(g), Some(p)) if !g.contains('/') && !p.contains('/') => same_value(
            Some(period_stem(g.trim(), grain)),
            Some(period_stem(p.trim(), grain)),
        ),
        _ => same_value(gold, pred),
    }
}

/// ISO interval ends may be written empty or `..`; compare them alike.
fn same_value(a: Option<&str>, b: Option<&str>) -> bool {
    fn norm(v: Option<&str>) -> Option<String> {
        v.map(|v| {
            let v = v.trim();
            match v.split_once('/') {
                Some((x, y)) => {
                    let x = if x.is_empty() { ".." } else { x };
                    let y = if y.is_empty() { ".." } else { y };
                    format!("{x}/{y}")
                }
                None => v.to_string(),
            }
        })
    }
    let (gold, pred) = (norm(a), norm(b));
    if gold == pred {
        return true;
    }
    match (&gold, &pred) {
        (Some(g), Some(p)) if !g.contains('/') => p.split('/').any(|end| end == g),
        _ => false,
    }
}

fn score_dates(doc: &GoldDoc, pred: &Record, s: &mut Scores) {
    let gold = doc.dates.as_deref().unwrap_or(&[]);
    let counts = s.dates.get_or_insert_with(DateCounts::default);
    // A date takes the unused gold date it overlaps most.
    let (pairs, used) = pair(&pred.dates, gold.len(), |p, used| {
        gold.iter()
            .enumerate()
            .filter(|(i, g)| !used[*i] && g.start < p.end && p.start < g.end)
            .max_by_key(|(_, g)| g.end.min(p.end) - g.start.max(p.start))
            .map(|(i, _)| i)
    });
    for (p, hit) in pairs {
        match hit.map(|i| &gold[i]) {
            Some(g) => {
                counts.span.tp += 1;
                if g.start == p.start && g.end == p.end {
                    counts.exact_spans += 1;
                }
                if same_value_at(g.value.as_deref(), p.value.as_deref(), p.grain) {
                    counts.values_correct += 1;
                } else {
                    s.errors.push(ErrorItem::at(
                        doc,
                        "date",
                        "wrong-value",
                        (&p.text, p.start, p.end),
                        format!("got {:?}, gold {:?} ({:?})", p.value, g.value, g.text),
                    ));
                }
            }
            None => {
                counts.span.fp += 1;
                s.errors.push(ErrorItem::at(
                    doc,
                    "date",
                    "false-positive",
                    (&p.text, p.start, p.end),
                    format!("value {:?}", p.value),
                ));
            }
        }
    }
    for (g, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
        counts.span.fn_ += 1;
        s.errors.push(ErrorItem::at(
            doc,
            "date",
            "false-negative",
            (&g.text, g.start, g.end),
            format!("value {:?}", g.value),
        ));
    }
}

fn score_casualties(doc: &GoldDoc, pred: &Record, s: &mut Scores) {
    let gold = doc.casualties.as_deref().unwrap_or(&[]);
    let counts = s.casualties.get_or_insert_with(Counts::default);
    let figures = |min: Option<u64>, max: Option<u64>, approx: Option<u64>| {
        format!("min={min:?} max={max:?} approx={approx:?}")
            .replace("Some(", "")
            .replace(')', "")
    };
    let scored = pred
        .casualties
        .iter()
        .filter(|p| p.subset_of.is_none() && !p.released);
    let (pairs, used) = pair(scored, gold.len(), |p, used| {
        (0..gold.len()).find(|&i| {
            let g = &gold[i];
            !used[i]
                && g.start < p.end
                && p.start < g.end
                && g.kind == p.kind
                && (g.min, g.max, g.approx) == (p.min, p.max, p.approx)
        })
    });
    for (p, hit) in pairs {
        match hit {
            Some(_) => counts.tp += 1,
            None => {
                counts.fp += 1;
                s.errors.push(ErrorItem::at(
                    doc,
                    "casualty",
                    "false-positive",
                    (&p.text, p.start, p.end),
                    format!("{} {}", p.kind.as_str(), figures(p.min, p.max, p.approx)),
                ));
            }
        }
    }
    for (g, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
        counts.fn_ += 1;
        s.errors.push(ErrorItem::at(
            doc,
            "casualty",
            "false-negative",
            (&g.text, g.start, g.end),
            format!("{} {}", g.kind.as_str(), figures(g.min, g.max, g.approx)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_counts() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.8 * 0.5 / 1.3).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn open_interval_ends_compare_alike() {
        assert!(same_value(Some("2015/"), Some("2015/..")));
        assert!(same_value(Some("/2024-05"), Some("../2024-05")));
        assert!(
            same_value(Some("2015"), Some("2015/..")),
            "a gold point at an interval's end"
        );
        assert!(
            !same_value(Some("2015/.."), Some("2015")),
            "but not the other way round"
        );
        assert!(!same_value(Some("2016"), Some("2015/..")));
        assert!(same_value(None, None));
    }

    #[test]
    fn decade_and_century_notations_compare_alike() {
        use crate::record::Grain;
        for gold in ["2010", "201X", "201"] {
            assert!(
                same_value_at(Some(gold), Some("201"), Grain::Decade),
                "{gold}"
            );
        }
        for gold in ["1900", "19XX", "19"] {
            assert!(
                same_value_at(Some(gold), Some("19"), Grain::Century),
                "{gold}"
            );
        }
        assert!(!same_value_at(Some("2020"), Some("201"), Grain::Decade));
        assert!(!same_value_at(Some("2015"), Some("201"), Grain::Decade));
        assert!(
            !same_value_at(Some("2010"), Some("201"), Grain::Year),
            "a year is no decade"
        );
        assert!(!same_value_at(Some("1950"), Some("19"), Grain::Century));
    }
}
