//! Expression suites: short texts with an expected value (Duckling's and
//! Recognizers-Text's French test corpora), scored as a pass rate per kind.
//!
//! In scope, and how an item passes:
//! - `duckling.Numeral` / `duckling.Ordinal`: the whole text parses
//!   ([`crate::numbers::parse_number`]) to the expected value and kind.
//! - `duckling.Time` values of grain day, week, month or year: a date found
//!   in the text has the expected value at that grain (Duckling gives the
//!   first instant; we compare `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY`).
//!   Negative items pass when no date is found.
//! - Policy differences are counted apart, neither passed nor failed, and
//!   the report gives the pass rate with and without them: (1) Duckling
//!   sends a bare weekday or month to the future, frex to the past (the news
//!   policy, see [`crate::dates`]): frex resolved on or before the reference
//!   time, the suite after it; (2) an anaphor with no earlier date in the
//!   text ("la veille" alone) is null in frex, where the suites count from
//!   the reference time; (3) frex resolves "il y a deux ans" at the grain
//!   of the unit (`2014`), the suites to a day inside it.
//! - `recognizers.Number.NumberModel` / `OrdinalModel`: every expected
//!   number is found with the same span and value, and nothing else
//!   (fractions, percentages and relative ordinals such as "dernier" are
//!   out of scope; an expected bare "un"/"une" is dropped, since frex
//!   reads the article, not the number, in running text).
//! - `recognizers.DateTime.DateParser`: a date found in the text has the
//!   past or the future resolution as its value.
//!
//! Everything else (times of day, durations, money, units, sets, holidays,
//! intervals) is counted as out of scope, by kind, so the report says what
//! was not measured.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::numbers::{find_numbers, parse_number, NumberKind};
use crate::span::CharOffsets;
use crate::tokenize::tokenize;

/// Pass counts of one kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindScore {
    pub in_scope: usize,
    pub passed: usize,
    /// Duckling future vs frex past on bare weekdays/months.
    pub policy: usize,
    pub out_of_scope: usize,
    pub failures: Vec<String>,
}

impl KindScore {
    pub fn pass_rate(&self) -> f64 {
        if self.in_scope == 0 {
            0.0
        } else {
            self.passed as f64 / self.in_scope as f64
        }
    }
    /// Pass rate with policy differences left out of the denominator.
    pub fn pass_rate_policy_aside(&self) -> f64 {
        let n = self.in_scope - self.policy;
        if n == 0 {
            0.0
        } else {
            self.passed as f64 / n as f64
        }
    }
}

/// Whether a file looks like an expression suite.
pub fn is_suite(first: &Value) -> bool {
    first.get("expected").is_some() && first.get("kind").and_then(Value::as_str).is_some()
}

enum Outcome {
    Pass,
    Policy(String),
    Fail(String),
    OutOfScope,
}

/// Scores every item of a suite file, grouped by kind.
pub fn score_suite(path: &Path) -> Result<BTreeMap<String, KindScore>> {
    let mut out: BTreeMap<String, KindScore> = BTreeMap::new();
    for (_, v) in super::gold::json_lines(path)? {
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        let item_text = v.get("text").and_then(Value::as_str).unwrap_or("");
        let score = out.entry(kind.clone()).or_default();
        let outcome = match kind.as_str() {
            "duckling.Numeral" => duckling_number(&v, item_text, NumberKind::Cardinal),
            "duckling.Ordinal" => duckling_number(&v, item_text, NumberKind::Ordinal),
            "duckling.Time" => duckling_time(&v, item_text),
            "recognizers.Number.NumberModel" | "recognizers.Number.OrdinalModel" => {
                recognizers_number(&v, item_text)
            }
            "recognizers.DateTime.DateParser" => recognizers_date(&v, item_text),
            _ => Outcome::OutOfScope,
        };
        match outcome {
            Outcome::OutOfScope => score.out_of_scope += 1,
            Outcome::Pass => {
                score.in_scope += 1;
                score.passed += 1;
            }
            Outcome::Policy(why) => {
                score.in_scope += 1;
                score.policy += 1;
                score.failures.push(format!("{item_text:?}: policy: {why}"));
            }
            Outcome::Fail(why) => {
                score.in_scope += 1;
                score.failures.push(format!("{item_text:?}: {why}"));
            }
        }
    }
    Ok(out)
}

fn duckling_number(v: &Value, text: &str, want: NumberKind) -> Outcome {
    let Some(expected) = v.pointer("/expected/value").and_then(Value::as_f64) else {
        return Outcome::OutOfScope;
    };
    match parse_number(text) {
        Some(m)
            if m.kind == want && (m.value - expected).abs() < 1e-9 * expected.abs().max(1.0) =>
        {
            Outcome::Pass
        }
        Some(m) => Outcome::Fail(format!(
            "got {} ({:?}), expected {expected}",
            m.value, m.kind
        )),
        None => Outcome::Fail(format!("not parsed, expected {expected}")),
    }
}

fn ref_date(v: &Value) -> Option<NaiveDate> {
    let r = v.get("reference_time")?.as_str()?;
    NaiveDate::parse_from_str(r.get(..10)?, "%Y-%m-%d").ok()
}

fn at_grain(date: NaiveDate, grain: &str) -> Option<String> {
    Some(match grain {
        "day" => date.format("%Y-%m-%d").to_string(),
        "week" => {
            let w = date.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        "month" => date.format("%Y-%m").to_string(),
        "year" => date.format("%Y").to_string(),
        _ => return None,
    })
}

/// The first day a value denotes: `2013-02-12`, `2013-W07`, `2013-02`, `2013`.
fn first_day(value: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(d);
    }
    if let Some((y, w)) = value.split_once("-W") {
        return NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, chrono::Weekday::Mon);
    }
    if value.len() == 7 {
        return NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok();
    }
    if value.len() == 4 {
        return NaiveDate::from_ymd_opt(value.parse().ok()?, 1, 1);
    }
    None
}

fn duckling_time(v: &Value, text: &str) -> Outcome {
    let reference = ref_date(v);
    let tokens = tokenize(text);
    let found = crate::dates::find_dates(text, &tokens, reference);
    if v.get("negative").and_then(Value::as_bool) == Some(true) {
        return if found.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(format!(
                "negative item, found {:?}",
                found.iter().map(|d| &d.text).collect::<Vec<_>>()
            ))
        };
    }
    let e = &v["expected"];
    if e.get("type").and_then(Value::as_str) != Some("value") {
        return Outcome::OutOfScope;
    }
    let grain = e.get("grain").and_then(Value::as_str).unwrap_or("");
    let Some(expected_date) = e
        .get("value")
        .and_then(Value::as_str)
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
    else {
        return Outcome::OutOfScope;
    };
    let Some(want) = at_grain(expected_date, grain) else {
        return Outcome::OutOfScope;
    };
    let values: Vec<&str> = found.iter().filter_map(|d| d.value.as_deref()).collect();
    if values.contains(&want.as_str()) {
        return Outcome::Pass;
    }
    classify(
        &found,
        expected_date,
        reference,
        format!("got {values:?}, expected {want}"),
    )
}

/// A miss that is one of the documented policy differences, or a failure.
fn classify(
    found: &[crate::record::DateMention],
    expected: NaiveDate,
    reference: Option<NaiveDate>,
    why: String,
) -> Outcome {
    use crate::record::DateAnchor;
    if found
        .iter()
        .any(|d| d.value.is_none() && d.anchor == DateAnchor::Previous)
    {
        return Outcome::Policy(format!("anaphor without antecedent: {why}"));
    }
    let days: Vec<(NaiveDate, Option<NaiveDate>)> = found
        .iter()
        .filter_map(|d| d.value.as_deref())
        .filter(|v| !v.contains('/'))
        .filter_map(|v| first_day(v).map(|f| (f, last_day(v))))
        .collect();
    if days
        .iter()
        .any(|&(f, l)| l.is_some_and(|l| f <= expected && expected <= l && f != l))
    {
        return Outcome::Policy(format!("coarser grain: {why}"));
    }
    if let Some(r) = reference {
        if expected > r && days.iter().any(|&(f, _)| f <= r) {
            return Outcome::Policy(format!("past, not future: {why}"));
        }
    }
    Outcome::Fail(why)
}

/// The last day a value denotes (see [`first_day`]).
fn last_day(value: &str) -> Option<NaiveDate> {
    let first = first_day(value)?;
    if value.contains("-W") {
        return first.checked_add_days(chrono::Days::new(6));
    }
    match value.len() {
        10 => Some(first),
        7 => first.checked_add_months(chrono::Months::new(1))?.pred_opt(),
        4 => NaiveDate::from_ymd_opt(first.year(), 12, 31),
        _ => None,
    }
}

fn recognizers_number(v: &Value, text: &str) -> Outcome {
    let Some(expected) = v.get("expected").and_then(Value::as_array) else {
        return Outcome::OutOfScope;
    };
    let mut want = Vec::new();
    for e in expected {
        let res = &e["Resolution"];
        let subtype = res.get("subtype").and_then(Value::as_str).unwrap_or("");
        if matches!(subtype, "fraction" | "percent" | "power") {
            return Outcome::OutOfScope;
        }
        if res
            .get("relativeTo")
            .and_then(Value::as_str)
            .is_some_and(|r| r != "start")
        {
            return Outcome::OutOfScope;
        }
        let Some(value) = res
            .get("value")
            .and_then(Value::as_str)
            .and_then(|s| s.replace(',', ".").parse::<f64>().ok())
        else {
            return Outcome::OutOfScope;
        };
        let surface = e
            .get("Text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_lowercase();
        if surface == "un" || surface == "une" {
            continue;
        }
        let start = e.get("Start").and_then(Value::as_u64).unwrap_or(0) as usize;
        let end = e.get("End").and_then(Value::as_u64).unwrap_or(0) as usize + 1;
        want.push((start, end, value));
    }
    let found = find_numbers(text);
    let map = CharOffsets::new(text, found.iter().flat_map(|m| [m.start, m.end]));
    let got: Vec<(usize, usize, f64)> = found
        .iter()
        .map(|m| (map.get(m.start), map.get(m.end), m.value))
        .collect();
    let same = got.len() == want.len()
        && got.iter().zip(&want).all(|(g, w)| {
            g.0 == w.0 && g.1 == w.1 && (g.2 - w.2).abs() < 1e-9 * w.2.abs().max(1.0)
        });
    if same {
        Outcome::Pass
    } else {
        Outcome::Fail(format!("got {got:?}, expected {want:?}"))
    }
}

fn recognizers_date(v: &Value, text: &str) -> Outcome {
    let Some(expected) = v.get("expected").and_then(Value::as_array) else {
        return Outcome::OutOfScope;
    };
    let [e] = expected.as_slice() else {
        return Outcome::OutOfScope;
    };
    if e.get("Type").and_then(Value::as_str) != Some("date") {
        return Outcome::OutOfScope;
    }
    let past = e
        .pointer("/Value/PastResolution/date")
        .and_then(Value::as_str);
    let future = e
        .pointer("/Value/FutureResolution/date")
        .and_then(Value::as_str);
    if past.is_none() && future.is_none() {
        return Outcome::OutOfScope;
    }
    let tokens = tokenize(text);
    let found = crate::dates::find_dates(text, &tokens, ref_date(v));
    let values: Vec<&str> = found.iter().filter_map(|d| d.value.as_deref()).collect();
    if values
        .iter()
        .any(|x| Some(*x) == past || Some(*x) == future)
    {
        return Outcome::Pass;
    }
    let why = format!("got {values:?}, expected {past:?} or {future:?}");
    match future
        .or(past)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(expected) => classify(&found, expected, ref_date(v), why),
        None => Outcome::Fail(why),
    }
}
