//! The shipped gazetteers: they load, their ids are unique, their
//! references resolve, their values are sane, and they cover what the
//! pipeline promises (countries, Sahel places, ≥ 100 groups and people).

use std::collections::HashSet;

use frex::gazetteer::{Compiled, EntryType, Gazetteer};
use frex::normalize::normalize;

fn gazetteer() -> Gazetteer {
    Gazetteer::embedded().expect("the embedded gazetteers parse, with unique ids")
}

#[test]
fn every_entry_is_well_formed() {
    let g = gazetteer();
    let ids: HashSet<&str> = g.entries().iter().map(|e| e.id.as_str()).collect();
    let mut problems = Vec::new();
    for e in g.entries() {
        for a in &e.aliases {
            if !normalize(a).chars().any(char::is_alphanumeric) {
                problems.push(format!("{}: alias {a:?} has an empty key", e.id));
            }
        }
        if let Some(c) = &e.country {
            if c.len() != 2 || !c.chars().all(|c| c.is_ascii_uppercase()) {
                problems.push(format!("{}: country {c:?} is not ISO 3166-1 alpha-2", e.id));
            }
        }
        if e.lat.is_some_and(|l| !(-90.0..=90.0).contains(&l))
            || e.lon.is_some_and(|l| !(-180.0..=180.0).contains(&l))
        {
            problems.push(format!("{}: coordinates out of range", e.id));
        }
        for (what, target) in [("of", &e.of), ("parent", &e.parent)] {
            if let Some(t) = target {
                if !ids.contains(t.as_str()) {
                    problems.push(format!("{}: {what}={t} names no entry", e.id));
                }
            }
        }
        if e.kind == EntryType::Demonym && e.of.is_none() {
            problems.push(format!("{}: a demonym needs of=", e.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn coverage_the_pipeline_promises() {
    let g = gazetteer();
    let count = |k: EntryType| g.entries().iter().filter(|e| e.kind == k).count();
    assert!(
        count(EntryType::Group) >= 100,
        "groups: {}",
        count(EntryType::Group)
    );
    assert!(
        count(EntryType::Person) >= 100,
        "people: {}",
        count(EntryType::Person)
    );
    let countries = g
        .entries()
        .iter()
        .filter(|e| e.class.as_deref() == Some("country"))
        .count();
    assert!(countries >= 190, "countries: {countries}");
    let canon: HashSet<&str> = g.entries().iter().map(|e| e.canonical.as_str()).collect();
    for name in [
        "Mali",
        "Burkina Faso",
        "Niger",
        "Tchad",
        "Bamako",
        "Ouagadougou",
        "Niamey",
        "Gao",
        "Tombouctou",
        "Ménaka",
        "Kidal",
    ] {
        assert!(canon.contains(name), "{name} missing");
    }
}

#[test]
fn aliases_of_one_referent_share_an_id() {
    let x = frex::Extractor::new().unwrap();
    let body = "Le JNIM, ou GSIM, se dit lié à Al-Qaïda ; l’État islamique, l’EI ou Daech, l’Etat islamique. L'AES et l’Alliance des Etats du Sahel.";
    let a = frex::article::parse_raw(body, "t", "t").unwrap();
    let r = x.extract(&a);
    let id_of = |text: &str| {
        r.entities
            .iter()
            .find(|e| e.text == text)
            .and_then(|e| e.id.clone())
            .unwrap_or_else(|| panic!("{text} not found: {:#?}", r.entities))
    };
    assert_eq!(id_of("JNIM"), id_of("GSIM"));
    assert_eq!(id_of("État islamique"), id_of("EI"));
    assert_eq!(id_of("EI"), id_of("Daech"));
    assert_eq!(id_of("Daech"), id_of("Etat islamique"));
    assert_eq!(id_of("AES"), id_of("Alliance des Etats du Sahel"));
}

/// Country evidence settles a town shared by two countries, never demotes
/// a place that spans several.
#[test]
fn country_evidence_picks_towns_not_macro_regions() {
    let x = frex::Extractor::new().unwrap();
    let id = |body: &str, text: &str| {
        let r = x.extract(&frex::article::parse_raw(body, "t", "t").unwrap());
        r.entities
            .iter()
            .find(|e| e.text == text)
            .and_then(|e| e.id.clone())
            .unwrap_or_else(|| panic!("{text} not found in {body:?}: {:#?}", r.entities))
    };
    let sahel =
        "Les groupes armés opèrent dans la région du Sahel. Le Burkina Faso est le plus touché.";
    assert_eq!(id(sahel, "Sahel"), "place:sahel");
    // Kayes, Mali (GeoNames 2455518), not Kayes, Congo.
    assert_eq!(
        id("À Kayes, au Mali, le marché a rouvert.", "Kayes"),
        "geonames:2455518"
    );
}

/// `Extractor::new` loads what build.rs precompiled; `--gazetteers DIR`
/// compiles at run time. Both must be the same matcher, byte for byte.
#[test]
fn the_precompiled_index_equals_a_run_time_compile() {
    let pre = Compiled::embedded();
    let run = gazetteer().into_compiled();
    let (pm, rm) = (&pre.matcher, &run.matcher);
    assert!(pm.index_bytes().0 == rm.index_bytes().0, "fst bytes differ");
    assert!(pm.index_bytes().1 == rm.index_bytes().1, "tables differ");
    assert_eq!(pm.entry_count(), rm.entry_count());
    for i in 0..pm.entry_count() as u32 {
        assert_eq!(pm.entry(i), rm.entry(i), "entry {i}");
    }
    assert_eq!(pm.stopwords(), rm.stopwords());
    assert!(pre.demonyms == run.demonyms, "demonyms differ");
    assert!(pre.given_names == run.given_names, "given names differ");
    assert!(pre.given_names.len() > 1000 && !pre.demonyms.is_empty());
}

/// `fixtures/rules/resolution.tsv`: what resolution keeps and drops with
/// the embedded gazetteers.
#[test]
fn resolution_table() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/resolution.tsv");
    let table = std::fs::read_to_string(&path).unwrap();
    let x = frex::Extractor::new().unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        rows += 1;
        let (sentence, expected) = line.split_once('\t').expect("sentence<TAB>expectations");
        let a = frex::article::parse_raw(sentence, "t", "t").unwrap();
        let r = x.extract(&a);
        // `kind` may pin the linked id too: `group@group:cedeao`.
        let has = |text: &str, kind: &str| {
            let (kind, id) = match kind.split_once('@') {
                Some((k, id)) => (k, Some(id)),
                None => (kind, None),
            };
            r.entities.iter().any(|e| {
                e.text == text
                    && format!("{:?}", e.kind).eq_ignore_ascii_case(kind)
                    && id.is_none_or(|id| e.id.as_deref() == Some(id))
            })
        };
        for exp in expected.split(';') {
            let (want, text, kind) = match exp.split_once("!=") {
                Some((t, k)) => (false, t, k),
                None => {
                    let (t, k) = exp.split_once('=').expect("Text=type or Text!=type");
                    (true, t, k)
                }
            };
            if has(text, kind) != want {
                let got: Vec<_> = r.entities.iter().map(|e| (&e.text, e.kind)).collect();
                failures.push(format!(
                    "line {}: {exp} failed for {sentence:?}; got {got:?}",
                    n + 1
                ));
            }
        }
    }
    assert!(rows >= 10, "{rows} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
