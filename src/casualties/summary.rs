//! What the figures add up to: the context of each figure (the places,
//! dates and groups of its sentence) and the per-kind summary an analyst
//! would code.
//!
//! Both run on byte offsets, before the extractor converts spans to
//! characters.

use std::collections::BTreeMap;

use crate::record::{
    Casualty, CasualtyKind, CasualtySummary, DateMention, Entity, EntityType, Scope,
};
use crate::tokenize::Tokens;

/// Fills `places`, `dates` and `groups` of every figure from the mentions
/// of its sentence. A figure is tied to its sentence only: wire copy names
/// the place and day of a toll in the same sentence ("… ont été tués mardi
/// près de Gao"), and a wider window would lend one attack's place to the
/// next one's toll.
pub fn attach_context(
    casualties: &mut [Casualty],
    tokens: &Tokens,
    entities: &[Entity],
    dates: &[DateMention],
) {
    for c in casualties.iter_mut() {
        let Some(s) = tokens
            .sentence_at(c.start)
            .and_then(|i| tokens.sentences.get(i))
        else {
            continue;
        };
        let inside = |start: usize| start >= s.start && start < s.end;
        let mut places = Vec::new();
        let mut groups = Vec::new();
        for e in entities.iter().filter(|e| inside(e.start)) {
            let list = match e.kind {
                EntityType::Place => &mut places,
                EntityType::Group => &mut groups,
                EntityType::Person => continue,
            };
            let key = e.id.clone().unwrap_or_else(|| e.canonical.clone());
            if !list.contains(&key) {
                list.push(key);
            }
        }
        let mut values: Vec<String> = Vec::new();
        for d in dates.iter().filter(|d| inside(d.start)) {
            // A date that did not resolve says nothing a reader can use.
            if let Some(v) = &d.value {
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        c.places = places;
        c.groups = groups;
        c.dates = values;
    }
}

/// The conservative number of a figure: `min`, else `approx`, else `max`.
fn conservative(c: &Casualty) -> Option<u64> {
    c.min.or(c.approx).or(c.max)
}

/// The highest number a figure allows: `max`, else `approx`, else `min`.
fn highest(c: &Casualty) -> Option<u64> {
    c.max.or(c.approx).or(c.min)
}

/// Per kind, the figure to code (ACLED's rule: the most conservative
/// credible figure of the latest report) and the highest figure reported.
///
/// - Candidates are event figures: cumulative totals, revised
///   (`superseded`) figures, parts (`subset_of`) and released hostages are
///   left out.
/// - The report is the first sentence holding a candidate: wire copy gives
///   the main event's toll in the headline or lead, and later sentences
///   often recall older events.
/// - In that sentence, one victim class with several figures (conflicting
///   claims) keeps its lowest; different classes ("six soldats et deux
///   civils") are added up, unless an unspecified total (`people`) is
///   there, which is then the figure on its own.
/// - `high` is the highest figure of any event report of the kind,
///   revised ones included.
pub fn summarize(
    casualties: &[Casualty],
    tokens: &Tokens,
) -> BTreeMap<CasualtyKind, CasualtySummary> {
    let mut out = BTreeMap::new();
    let sentence = |c: &Casualty| tokens.sentence_at(c.start).unwrap_or(0);
    let mut kinds: Vec<CasualtyKind> = casualties.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let reported = |c: &&Casualty| {
            c.kind == kind && c.scope == Scope::Event && c.subset_of.is_none() && !c.released
        };
        let candidates: Vec<usize> = (0..casualties.len())
            .filter(|&i| {
                let c = &casualties[i];
                reported(&c) && !c.superseded && conservative(c).is_some()
            })
            .collect();
        let Some(&first) = candidates.first() else {
            continue;
        };
        let report = sentence(&casualties[first]);
        let in_report: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| sentence(&casualties[i]) == report)
            .collect();
        // Lowest figure per victim class, in text order of the classes.
        let mut classes: Vec<(&str, usize)> = Vec::new();
        for &i in &in_report {
            let c = &casualties[i];
            match classes.iter_mut().find(|(w, _)| *w == c.who) {
                Some((_, best)) => {
                    if conservative(c) < conservative(&casualties[*best]) {
                        *best = i;
                    }
                }
                None => classes.push((c.who.as_str(), i)),
            }
        }
        if let Some(&(_, total)) = classes.iter().find(|(w, _)| *w == "people") {
            classes = vec![("people", total)];
        }
        let figures: Vec<usize> = classes.iter().map(|&(_, i)| i).collect();
        let best = figures
            .iter()
            .filter_map(|&i| conservative(&casualties[i]))
            .fold(0u64, u64::saturating_add);
        // The report's own upper figure, added up like `best`.
        let report_high = figures
            .iter()
            .filter_map(|&i| highest(&casualties[i]))
            .fold(0u64, u64::saturating_add);
        let high = casualties
            .iter()
            .filter(|c| reported(c))
            .filter_map(highest)
            .fold(report_high.max(best), u64::max);
        out.insert(
            kind,
            CasualtySummary {
                best,
                high,
                figures,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casualties::find_casualties;
    use crate::record::{DateAnchor, EntitySource, Grain};
    use crate::tokenize::tokenize;

    /// Article, then the expected summary: `kind best high figures` per
    /// kind, `;`-separated, in kind order; `-` for none.
    const SUMMARIES: &[(&str, &str)] = &[
        // The revised toll wins; the earlier one still counts for `high`.
        (
            "Au moins une quinzaine de soldats ont été tués lundi soir. Un précédent bilan faisait état de sept morts.",
            "killed 15 15 0",
        ),
        // Different victim classes of one report add up.
        (
            "Les assaillants ont tué six soldats et deux civils. Plus tard, un autre raid a fait 40 morts.",
            "killed 8 40 0,1",
        ),
        // The same class twice: the conservative claim.
        (
            "Entre 11 et 15 soldats ont été tués, et l'armée parle de 11 soldats tués.",
            "killed 11 15 0",
        ),
        // An unspecified total is the figure on its own.
        (
            "Le bilan est de 12 morts, sept soldats et cinq civils tués.",
            "killed 12 12 0",
        ),
        // Cumulative totals, parts and released hostages are left out.
        (
            "Les violences ont fait 2.000 morts depuis 2015. L'attaque a fait 29 blessés dont 21 militaires. Trois otages ont été libérés.",
            "injured 29 29 1",
        ),
        ("Le conflit a fait 4 000 morts cette année.", "-"),
        // Kinds in a fixed order.
        (
            "Deux soldats ont été enlevés et trois autres tués.",
            "killed 3 3 1;kidnapped 2 2 0",
        ),
    ];

    #[test]
    fn summary_table() {
        let mut failures = Vec::new();
        for (text, want) in SUMMARIES {
            let tokens = tokenize(text);
            let cas = find_casualties(text, &tokens);
            let got: Vec<String> = summarize(&cas, &tokens)
                .iter()
                .map(|(k, s)| {
                    let figs: Vec<String> = s.figures.iter().map(|i| i.to_string()).collect();
                    format!("{} {} {} {}", k.as_str(), s.best, s.high, figs.join(","))
                })
                .collect();
            let got = if got.is_empty() {
                "-".to_string()
            } else {
                got.join(";")
            };
            if got != *want {
                failures.push(format!("{text:?}\n  want {want}\n  got  {got}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn context_comes_from_the_figure_sentence() {
        let text = "Onze soldats ont été tués mardi près de Gao par le JNIM. À Mopti, trois civils ont été blessés.";
        let tokens = tokenize(text);
        let mut cas = find_casualties(text, &tokens);
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            (s, s + w.len())
        };
        let entities = vec![
            Entity::new(
                EntityType::Place,
                text,
                at("Gao"),
                "Gao".into(),
                Some("city:gao".into()),
                EntitySource::Gazetteer,
            ),
            Entity::new(
                EntityType::Group,
                text,
                at("JNIM"),
                "Groupe de soutien à l'islam et aux musulmans".into(),
                None,
                EntitySource::Gazetteer,
            ),
            Entity::new(
                EntityType::Place,
                text,
                at("Mopti"),
                "Mopti".into(),
                None,
                EntitySource::Context,
            ),
            Entity::new(
                EntityType::Place,
                text,
                at("Gao"),
                "Gao".into(),
                Some("city:gao".into()),
                EntitySource::Gazetteer,
            ),
        ];
        let (s, e) = at("mardi");
        let dates = vec![DateMention {
            text: "mardi".into(),
            start: s,
            end: e,
            value: Some("2024-03-12".into()),
            grain: Grain::Day,
            anchor: DateAnchor::Publication,
        }];
        attach_context(&mut cas, &tokens, &entities, &dates);
        assert_eq!(cas.len(), 2);
        assert_eq!(cas[0].places, vec!["city:gao"]);
        assert_eq!(cas[0].dates, vec!["2024-03-12"]);
        assert_eq!(
            cas[0].groups,
            vec!["Groupe de soutien à l'islam et aux musulmans"]
        );
        assert_eq!(cas[1].places, vec!["Mopti"]);
        assert!(cas[1].dates.is_empty() && cas[1].groups.is_empty());
    }
}
