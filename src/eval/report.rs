//! Rendering scores as a table or JSON, and the metric names `--min-f1`
//! gates on.

use std::fmt::Write;

use serde_json::{json, Value};

use super::score::{Counts, Scores};
use crate::record::EntityType;

/// Scores of one corpus under one predictor.
pub struct Report {
    /// The corpus path as given.
    pub corpus: String,
    /// fixtures, ner, timebank.
    pub format: &'static str,
    /// `frex` or the predictions file.
    pub predictor: String,
    pub scores: Scores,
}

/// Metric names accepted by [`Report::metric`] (and `--min-f1`).
pub const METRICS: &[&str] = &[
    "person",
    "place",
    "group",
    "entities",
    "person:mention",
    "place:mention",
    "group:mention",
    "entities:mention",
    "dates",
    "date-values",
    "casualties",
];

fn entity_type(name: &str) -> Option<EntityType> {
    match name {
        "person" => Some(EntityType::Person),
        "place" => Some(EntityType::Place),
        "group" => Some(EntityType::Group),
        _ => None,
    }
}

impl Report {
    /// A named metric: document-level entity F1 by type (`person`), its
    /// mention-level twin (`person:mention`), micro averages (`entities`),
    /// date span F1 (`dates`), date value accuracy (`date-values`),
    /// casualty F1 (`casualties`). `None` when the corpus does not
    /// annotate that layer.
    pub fn metric(&self, name: &str) -> Option<f64> {
        let s = &self.scores;
        let has_entities = !s.document.is_empty();
        let (base, mention) = match name.split_once(':') {
            Some((b, "mention")) => (b, true),
            Some(_) => return None,
            None => (name, false),
        };
        let level = if mention { &s.mention } else { &s.document };
        match base {
            "entities" if has_entities => Some(Scores::micro(level).f1()),
            b if entity_type(b).is_some() && has_entities => Some(
                level
                    .get(&entity_type(b)?)
                    .copied()
                    .unwrap_or_default()
                    .f1(),
            ),
            "dates" if !mention => s.dates.as_ref().map(|d| d.span.f1()),
            "date-values" if !mention => s.dates.as_ref().map(|d| d.value_accuracy()),
            "casualties" if !mention => s.casualties.map(|c| c.f1()),
            _ => None,
        }
    }

    pub fn table(&self) -> String {
        let s = &self.scores;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "corpus {} ({}, {} documents), predictions: {}",
            self.corpus, self.format, s.documents, self.predictor
        );
        if !s.document.is_empty() {
            let _ = writeln!(
                out,
                "\n{:<10} {:>28}   {:>28}",
                "entities", "mention level (exact span)", "document level (referents)"
            );
            let _ = writeln!(
                out,
                "{:<10} {:>6} {:>6} {:>6} {:>8}   {:>6} {:>6} {:>6} {:>8}",
                "type", "P", "R", "F1", "gold", "P", "R", "F1", "gold"
            );
            let row = |out: &mut String, name: &str, m: Counts, d: Counts| {
                let _ = writeln!(
                    out,
                    "{:<10} {:>6.3} {:>6.3} {:>6.3} {:>8}   {:>6.3} {:>6.3} {:>6.3} {:>8}",
                    name,
                    m.precision(),
                    m.recall(),
                    m.f1(),
                    m.tp + m.fn_,
                    d.precision(),
                    d.recall(),
                    d.f1(),
                    d.tp + d.fn_
                );
            };
            for (t, m) in &s.mention {
                row(
                    &mut out,
                    t.as_str(),
                    *m,
                    s.document.get(t).copied().unwrap_or_default(),
                );
            }
            row(
                &mut out,
                "micro",
                Scores::micro(&s.mention),
                Scores::micro(&s.document),
            );
        }
        if let Some(d) = &s.dates {
            let _ = writeln!(
                out,
                "\ndates      span P {:.3}  R {:.3}  F1 {:.3}  (gold {}, exact spans {})  value accuracy {:.3} of matched, {:.3} of gold",
                d.span.precision(),
                d.span.recall(),
                d.span.f1(),
                d.span.tp + d.span.fn_,
                d.exact_spans,
                d.value_accuracy(),
                d.value_recall()
            );
        }
        if let Some(c) = &s.casualties {
            let _ = writeln!(
                out,
                "\ncasualties P {:.3}  R {:.3}  F1 {:.3}  (gold {}; kind and min/max/approx must agree)",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_
            );
        }
        out
    }

    pub fn errors_text(&self) -> String {
        let mut out = String::new();
        for e in &self.scores.errors {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{:?} [{}..{}]\t{}\t{}",
                e.doc, e.layer, e.error, e.text, e.start, e.end, e.detail, e.context
            );
        }
        out
    }

    pub fn json(&self, with_errors: bool) -> Value {
        let counts = |c: &Counts| json!({"tp": c.tp, "fp": c.fp, "fn": c.fn_, "precision": c.precision(), "recall": c.recall(), "f1": c.f1()});
        let s = &self.scores;
        let level = |m: &std::collections::BTreeMap<EntityType, Counts>| {
            let mut v = serde_json::Map::new();
            for (t, c) in m {
                v.insert(t.as_str().into(), counts(c));
            }
            if !m.is_empty() {
                v.insert("micro".into(), counts(&Scores::micro(m)));
            }
            Value::Object(v)
        };
        let mut v = json!({
            "corpus": self.corpus,
            "format": self.format,
            "predictor": self.predictor,
            "documents": s.documents,
            "entities": {"mention": level(&s.mention), "document": level(&s.document)},
            "dates": s.dates.as_ref().map(|d| json!({
                "span": counts(&d.span), "exact_spans": d.exact_spans,
                "value_accuracy": d.value_accuracy(), "value_recall": d.value_recall(),
            })),
            "casualties": s.casualties.as_ref().map(counts),
        });
        if with_errors {
            v["errors"] = serde_json::to_value(&s.errors).unwrap_or(Value::Null);
        }
        v
    }
}
