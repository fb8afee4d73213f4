//! Properties that hold for any input: extraction never panics, every span
//! slices the body exactly, parallel output equals sequential output.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use rayon::prelude::*;

use frex::{Article, Extractor, Record};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().unwrap());

fn article(body: String, published: bool) -> Article {
    Article {
        id: "p".into(),
        source: "proptest".into(),
        published: published.then(|| {
            chrono::NaiveDate::from_ymd_opt(2024, 9, 22)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
        }),
        title: None,
        body,
        warnings: Vec::new(),
    }
}

fn slice(body: &str, start: usize, end: usize) -> String {
    body.chars().skip(start).take(end - start).collect()
}

fn assert_spans_slice(body: &str, r: &Record) {
    let n = body.chars().count();
    let spans = r
        .entities
        .iter()
        .map(|e| (e.start, e.end, &e.text))
        .chain(r.dates.iter().map(|d| (d.start, d.end, &d.text)))
        .chain(r.casualties.iter().map(|c| (c.start, c.end, &c.text)));
    for (s, e, text) in spans {
        assert!(s < e && e <= n, "span {s}..{e} out of a body of {n} chars");
        assert_eq!(&slice(body, s, e), text, "span {s}..{e}");
    }
}

/// Text made of pieces wire copy is made of, shuffled: more likely than
/// random bytes to reach deep into the rules.
fn wireish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "au moins",
        "plus de",
        "70",
        "morts",
        "blessés",
        "soldats",
        "ont été tués",
        "une quinzaine de",
        "Mardi",
        "le 22 septembre 2024",
        "hier",
        "la veille",
        "Bamako",
        "Mali",
        "Jnim",
        "GSIM",
        "l’",
        "d'",
        "Assimi Goïta",
        "M.",
        "le général",
        "à",
        "de",
        "village",
        "(",
        ")",
        ".",
        ",",
        "\n",
        "###",
        "2.000",
        "16\u{202F}000",
        "œ",
        "É",
        "Ç",
        "entre",
        "et",
        "dont",
        "neuf",
        "mille",
        "vingt-et-un",
        "«",
        "»",
        "—",
        "\u{00A0}",
        "1er",
        "Onze (11)",
        "\u{0301}",
        "🙂",
        "Ⅻ",
        "İ",
        "ß",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_extracts_without_panic_and_spans_slice(body in any::<String>(), published in any::<bool>()) {
        let r = EXTRACTOR.extract(&article(body.clone(), published));
        assert_spans_slice(&body, &r);
    }

    #[test]
    fn wire_like_text_extracts_without_panic_and_spans_slice(body in wireish(), published in any::<bool>()) {
        let r = EXTRACTOR.extract(&article(body.clone(), published));
        assert_spans_slice(&body, &r);
    }

    #[test]
    fn glued_pieces_never_panic(body in prop::collection::vec(wireish(), 1..4).prop_map(|v| v.concat())) {
        let r = EXTRACTOR.extract(&article(body.clone(), true));
        assert_spans_slice(&body, &r);
    }
}

#[test]
fn parallel_equals_sequential() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let bodies: Vec<String> = (0..200)
        .map(|_| wireish().new_tree(&mut runner).unwrap().current())
        .collect();
    let articles: Vec<Article> = bodies.into_iter().map(|b| article(b, true)).collect();
    let sequential: Vec<Record> = articles.iter().map(|a| EXTRACTOR.extract(a)).collect();
    let parallel: Vec<Record> = articles.par_iter().map(|a| EXTRACTOR.extract(a)).collect();
    assert_eq!(sequential, parallel);
}
