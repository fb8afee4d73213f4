//! The extractor against the project's own annotated fixtures.
//!
//! Floors sit just under the figures `frex eval fixtures/` reports today,
//! so a regression fails here (and in `.ci/run`), while the public corpora
//! in `../shared` are measured by `frex eval`, not gated.

use std::path::Path;

use frex::eval::{load_gold, score, Report};
use frex::Extractor;

fn fixtures_report() -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (format, docs) =
        load_gold(&dir, None).expect("the fixtures load and every gold span slices its article");
    assert!(
        docs.len() >= 20,
        "at least 20 fixture articles, found {}",
        docs.len()
    );
    let x = Extractor::new().unwrap();
    let preds = frex::eval::extract_all(&x, &docs, "fixtures");
    Report {
        corpus: dir.display().to_string(),
        format: format.name(),
        predictor: "frex".into(),
        scores: score(&docs, &preds),
    }
}

#[test]
fn fixtures_meet_their_floors() {
    let report = fixtures_report();
    // The same floors `.ci/run` gives `frex eval --min-f1`.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/fixture-floors.txt"),
    )
    .unwrap();
    let floors: Vec<(&str, f64)> = text
        .trim()
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("floors are METRIC=VALUE");
            (k, v.parse().expect("a floor is a number"))
        })
        .collect();
    assert!(floors.len() >= 6);
    let mut below = Vec::new();
    for (metric, floor) in floors {
        let v = report.metric(metric).unwrap();
        if v < floor {
            below.push(format!("{metric} = {v:.3} < {floor}"));
        }
    }
    assert!(below.is_empty(), "{}\n{}", below.join("\n"), report.table());
}

#[test]
fn the_sample_article_shape_is_extracted() {
    // Our own article shaped like the acceptance case.
    let body = "### Double attaque à Bamako\n\
        Douze mois après la naissance de l’Alliance des États du Sahel (AES), qui lie le Mali, le Burkina Faso et le Niger, \
        les combattants du Jnim, aussi appelé GSIM ou Groupe de soutien à l’islam et aux musulmans, proche d’Al-Qaïda, ont visé l’école de gendarmerie de Faladié à Bamako. \
        Le général malien Oumar Diarra a promis une riposte. Le bilan s’élève à au moins 70 morts, et l’on dénombre plus de 200 blessés. \
        Le président de la transition, Assimi Goïta, s’est exprimé mardi. M. Goïta a salué les forces armées.";
    let article =
        frex::article::parse_raw(&format!("news-22092024-142654\n\n{body}"), "t", "t").unwrap();
    let r = Extractor::new().unwrap().extract(&article);
    let of = |t: frex::record::EntityType| -> Vec<&str> {
        r.entities
            .iter()
            .filter(|e| e.kind == t)
            .map(|e| e.canonical.as_str())
            .collect()
    };
    use frex::record::EntityType::*;
    for place in ["Bamako", "Faladié", "Mali", "Niger", "Burkina Faso"] {
        assert!(
            of(Place).contains(&place),
            "place {place} missing from {:?}",
            of(Place)
        );
    }
    let jnim: Vec<_> = r
        .entities
        .iter()
        .filter(|e| {
            [
                "Jnim",
                "GSIM",
                "Groupe de soutien à l’islam et aux musulmans",
            ]
            .contains(&e.text.as_str())
        })
        .collect();
    assert_eq!(jnim.len(), 3, "{:#?}", r.entities);
    assert!(
        jnim.iter().all(|e| e.id == jnim[0].id && e.id.is_some()),
        "one referent for Jnim/GSIM: {jnim:#?}"
    );
    assert!(
        of(Group).iter().any(|g| g.starts_with("Al-Qa")),
        "{:?}",
        of(Group)
    );
    assert!(
        of(Group).contains(&"Alliance des États du Sahel"),
        "{:?}",
        of(Group)
    );
    for person in ["Oumar Diarra", "Assimi Goïta"] {
        assert!(
            of(Person).contains(&person),
            "person {person} missing from {:?}",
            of(Person)
        );
    }
    let goita: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.canonical == "Assimi Goïta")
        .collect();
    assert_eq!(goita.len(), 2, "M. Goïta links to Assimi Goïta: {goita:#?}");
    use frex::record::CasualtyKind::*;
    assert!(
        r.casualties
            .iter()
            .any(|c| c.kind == Killed && c.min == Some(70)),
        "{:#?}",
        r.casualties
    );
    assert!(
        r.casualties
            .iter()
            .any(|c| c.kind == Injured && c.min == Some(201)),
        "{:#?}",
        r.casualties
    );
    assert!(
        r.dates
            .iter()
            .any(|d| d.value.as_deref() == Some("2024-09-17")),
        "{:#?}",
        r.dates
    );
}
