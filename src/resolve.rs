//! From candidate spans to entities: choose one referent for every
//! gazetteer hit, keep the context names nothing else claimed, and link the
//! short forms of a name to the referent it was first given in full.
//!
//! Order matters and is deliberate: gazetteer hits first (they carry ids),
//! then context names in the gaps, then in-document aliases ("Goïta" after
//! "Assimi Goïta") in the gaps that remain, so a weaker source never
//! overrides a stronger one.

use std::collections::{HashMap, HashSet};

use crate::gazetteer::{Entry, EntryType, GazetteerMatch, Matcher};
use crate::names::ContextName;
use crate::normalize::{normalize, Normalized};
use crate::record::{Entity, EntitySource, EntityType};
use crate::tokenize::{TokenKind, Tokens};

/// Words that, just before a small place's name, vouch that it is a place.
const LOCATIVE_CUES: &[&str] = &[
    "a",
    "au",
    "aux",
    "de",
    "d'",
    "du",
    "dans",
    "pres",
    "vers",
    "entre",
    "depuis",
    "village",
    "localite",
    "commune",
    "ville",
    "region",
    "province",
    "cercle",
    "secteur",
    "environs",
    "departement",
    "quartier",
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "sur",
    "jusqu'",
];

/// Generic heads an alias may carry but a mention's span leaves out: the
/// name is "Tillabéri" in "la région de Tillabéri", "Niger" in "le fleuve
/// Niger" (whose referent is still the river, chosen by the longer alias).
const PLACE_HEADS: &[&str] = &[
    "region de ",
    "region du ",
    "region des ",
    "region d'",
    "province de ",
    "province du ",
    "province des ",
    "province d'",
    "prefecture de ",
    "departement de ",
    "departement du ",
    "cercle de ",
    "commune de ",
    "fleuve ",
    "lac ",
    "golfe de ",
    "golfe du ",
    "parc national du ",
    "parc national de ",
    "parc du ",
    "parc de ",
    "massif du ",
    "massif de ",
    "foret de ",
    "riviere ",
    "etat de ",
    "etat du ",
    "ville de ",
];

/// Titles an alias may carry ("général Tiani") but a person's span leaves out.
const PERSON_HEADS: &[&str] = &[
    "general ",
    "generale ",
    "colonel ",
    "lieutenant-colonel ",
    "capitaine ",
    "commandant ",
    "marechal ",
    "president ",
    "presidente ",
    "cheikh ",
    "imam ",
    "emir ",
    "m. ",
    "mme ",
    "dr ",
    "colonel-major ",
    "general de brigade ",
    "general de division ",
    "sergent ",
    "lieutenant ",
];

/// The start of the name inside a hit, past a generic head or a title, when
/// what follows is capitalised (so "bassin du lac Tchad" stays whole).
fn name_start(kind: EntityType, body: &str, start: usize, end: usize) -> usize {
    let heads = match kind {
        EntityType::Place => PLACE_HEADS,
        EntityType::Person => PERSON_HEADS,
        EntityType::Group => return start,
    };
    let surface = &body[start..end];
    let norm = Normalized::new(surface);
    for head in heads {
        if norm.key().len() > head.len() && norm.key().starts_with(head) {
            let (s, _) = norm.source_span(head.len(), head.len() + 1);
            if surface[s..].chars().next().is_some_and(char::is_uppercase) {
                return start + s;
            }
        }
    }
    start
}

/// Resolves gazetteer hits and context names to entities (byte offsets).
pub fn resolve(
    body: &str,
    tokens: &Tokens,
    matcher: &Matcher,
    hits: &[GazetteerMatch],
    names: &[ContextName],
) -> Vec<Entity> {
    let countries = countries_named(matcher, hits);
    let mut entities: Vec<Entity> = Vec::new();
    for hit in hits {
        let Some((entry, alternatives, resolved_by)) = choose(matcher, hit, &countries) else {
            continue;
        };
        let Some(kind) = entry.kind.entity_type() else {
            continue; // demonyms: evidence only
        };
        if entry.needs_cue
            && !entry
                .country
                .as_ref()
                .is_some_and(|c| countries.contains(c.as_str()))
            && !has_locative_cue(body, tokens, hit.start)
        {
            continue;
        }
        let start = name_start(kind, body, hit.start, hit.end);
        entities.push(Entity {
            class: entry.class.clone(),
            country: entry.country.clone(),
            lat: entry.lat,
            lon: entry.lon,
            population: entry.population,
            role: entry.role.clone(),
            alternatives,
            resolved_by,
            ..Entity::new(
                kind,
                body,
                (start, hit.end),
                entry.canonical.clone(),
                Some(entry.id.clone()),
                EntitySource::Gazetteer,
            )
        });
    }
    for n in names {
        if overlaps(&entities, n.start, n.end) {
            continue;
        }
        let canonical = body[n.start..n.end].to_string();
        entities.push(Entity::new(
            n.kind,
            body,
            (n.start, n.end),
            canonical,
            None,
            EntitySource::Context,
        ));
    }
    entities.sort_by_key(|e| e.start);
    link_short_forms(body, tokens, &mut entities);
    entities
}

/// ISO codes of the countries an article names, by an unambiguous country
/// hit or a demonym: the evidence that settles "Kayes" (Mali or Congo).
fn countries_named<'a>(matcher: &'a Matcher, hits: &[GazetteerMatch]) -> HashSet<&'a str> {
    let mut out = HashSet::new();
    for hit in hits {
        let first = matcher.entry(hit.candidates[0]);
        let is_country =
            first.class.as_deref() == Some("country") || first.kind == EntryType::Demonym;
        if is_country {
            if let Some(c) = first.country.as_deref() {
                out.insert(c);
            }
        }
    }
    out
}

type Choice<'a> = (&'a Entry, Vec<String>, Option<String>);

/// Picks the referent of a hit: the candidate whose country the article
/// names, else the gazetteer's priority order (candidates come sorted).
fn choose<'a>(
    matcher: &'a Matcher,
    hit: &GazetteerMatch,
    countries: &HashSet<&str>,
) -> Option<Choice<'a>> {
    let cands: Vec<&Entry> = hit.candidates.iter().map(|&i| matcher.entry(i)).collect();
    let first = *cands.first()?;
    if cands.len() == 1 {
        return Some((first, Vec::new(), None));
    }
    let by_country = cands
        .iter()
        .position(|e| e.country.as_deref().is_some_and(|c| countries.contains(c)));
    let (pick, why) = match by_country {
        // Only a real choice when the top-priority candidate is not already it.
        Some(i)
            if i > 0
                && cands[0]
                    .country
                    .as_deref()
                    .is_none_or(|c| !countries.contains(c)) =>
        {
            (i, "country")
        }
        _ => (0, "priority"),
    };
    let chosen = cands[pick];
    let alternatives = cands
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != pick)
        .map(|(_, e)| e.id.clone())
        .collect();
    Some((chosen, alternatives, Some(why.to_string())))
}

/// Whether one of the three words before `start` is a locative cue.
fn has_locative_cue(body: &str, tokens: &Tokens, start: usize) -> bool {
    let i = tokens.token_at_or_after(start);
    tokens.tokens[i.saturating_sub(3)..i]
        .iter()
        .any(|t| LOCATIVE_CUES.contains(&normalize(t.text(body)).as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_titles_stay_out_of_spans() {
        let cases = [
            (EntityType::Place, "la région de Tillabéri", "Tillabéri"),
            (EntityType::Place, "le fleuve Niger", "Niger"),
            (
                EntityType::Place,
                "le bassin du lac Tchad",
                "bassin du lac Tchad",
            ),
            (EntityType::Person, "le général Tiani", "Tiani"),
            (
                EntityType::Person,
                "le lieutenant-colonel Paul-Henri Damiba",
                "Paul-Henri Damiba",
            ),
            (
                EntityType::Group,
                "le Front de libération",
                "Front de libération",
            ),
        ];
        for (kind, text, want) in cases {
            let start = text
                .find(|c: char| c.is_uppercase() || c == 'b' || c == 'f' || c == 'r' || c == 'g')
                .unwrap();
            let start = [
                " région",
                " fleuve",
                " bassin",
                " général",
                " lieutenant",
                " Front",
            ]
            .iter()
            .find_map(|h| text.find(h).map(|i| i + 1))
            .unwrap_or(start);
            assert_eq!(
                &text[name_start(kind, text, start, text.len())..],
                want,
                "{text}"
            );
        }
    }
}

fn overlaps(entities: &[Entity], start: usize, end: usize) -> bool {
    entities.iter().any(|e| e.start < end && start < e.end)
}

/// Links the short forms of people named in full: the surname alone
/// ("Goïta", "M. Goïta" after "Assimi Goïta"), and a name first found by
/// its cue ("l'analyste Lukas Weber") where it appears again without it.
fn link_short_forms(body: &str, tokens: &Tokens, entities: &mut Vec<Entity>) {
    // Surname key → (canonical, id) of the person bearing it. A surname
    // shared by two people in the article is ambiguous: dropped.
    let mut surnames: HashMap<String, Option<(String, Option<String>)>> = HashMap::new();
    let mut full_context_names: Vec<(String, String)> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityType::Person) {
        let words: Vec<&str> = e.text.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        if e.source == EntitySource::Context
            && !full_context_names.iter().any(|(t, _)| *t == e.text)
        {
            full_context_names.push((e.text.clone(), e.canonical.clone()));
        }
        let last = normalize(words[words.len() - 1]);
        let referent = (e.canonical.clone(), e.id.clone());
        surnames
            .entry(last)
            .and_modify(|r| {
                if r.as_ref().is_some_and(|(c, _)| *c != referent.0) {
                    *r = None;
                }
            })
            .or_insert(Some(referent));
    }
    // A one-word person found by a cue ("M. Goïta") is the same surname.
    for e in entities.iter_mut() {
        if e.kind == EntityType::Person
            && e.source == EntitySource::Context
            && !e.text.contains(' ')
        {
            if let Some(Some((canonical, id))) = surnames.get(&normalize(&e.text)) {
                e.canonical = canonical.clone();
                e.id = id.clone();
                e.source = EntitySource::Alias;
            }
        }
    }
    let mut added: Vec<Entity> = Vec::new();
    let free = |entities: &[Entity], added: &[Entity], s: usize, e: usize| {
        !overlaps(entities, s, e) && !overlaps(added, s, e)
    };
    for (name, canonical) in &full_context_names {
        for (s, _) in body.match_indices(name.as_str()) {
            let e = s + name.len();
            let bounded = !body[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !body[e..].chars().next().is_some_and(char::is_alphanumeric);
            if bounded && free(entities, &added, s, e) {
                added.push(Entity::new(
                    EntityType::Person,
                    body,
                    (s, e),
                    canonical.clone(),
                    None,
                    EntitySource::Alias,
                ));
            }
        }
    }
    for t in &tokens.tokens {
        if t.kind != TokenKind::Word || !t.text(body).chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let Some(Some((canonical, id))) = surnames.get(&normalize(t.text(body))) else {
            continue;
        };
        if !free(entities, &added, t.start, t.end) {
            continue;
        }
        added.push(Entity::new(
            EntityType::Person,
            body,
            (t.start, t.end),
            canonical.clone(),
            id.clone(),
            EntitySource::Alias,
        ));
    }
    entities.extend(added);
    entities.sort_by_key(|e| e.start);
}
