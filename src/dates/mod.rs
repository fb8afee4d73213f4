//! Date expressions, normalised to ISO 8601 against the publication date.
//!
//! # Values
//!
//! Each mention carries its grain and a value at that grain: day
//! `2024-09-17`, ISO week `2024-W38`, month `2024-09`, year `2024`, decade
//! `201` (the 2010s, ISO 8601's reduced precision), century `19` (the
//! 1900s: "XXe siècle"), intervals `2024-05-03/2024-05-05` and open
//! intervals `2015/..` ("depuis 2015"), `../2020` ("jusqu'en 2020").
//! "ces derniers mois", "il y a quelques jours" and the like keep their
//! grain with a null value: a made-up day would be worse than none.
//!
//! # Spans
//!
//! A leading "le"/"en" is not part of a day or month expression
//! ("le 26 septembre" → "26 septembre", "en juillet" → "juillet"), but the
//! article belongs to the fixed phrases it cannot be dropped from ("la
//! veille", "le lendemain", "la semaine dernière", "l'an dernier"). The
//! words that make a range or an open interval belong to it ("depuis 2015",
//! "du 3 au 5 mai"), and so do "début", "fin" and "mi-" ("fin janvier"),
//! and "nuit" before a range of days ("nuit de samedi à dimanche"); but
//! "jusqu'au"/"jusqu'en" is left out ("jusqu'au [12 décembre]", valued
//! `../2025-12-12`), as the annotation guidelines have it.
//!
//! # Resolution policy (news reports the recent past)
//!
//! * A bare weekday or month is the most recent one **on or before** the
//!   publication date: "mardi" in an article of Sunday 22 September 2024 is
//!   the 17th, "dimanche" is the 22nd itself; "juillet" in a February
//!   article is last July.
//! * The future is taken only when the text marks it: "prochain(e)" (the
//!   next one strictly after publication), "d'ici"/"à venir" next to it,
//!   or a future clause — the tense marker nearest to the date within
//!   eight tokens of its sentence is a future form (a lowercase or
//!   all-capitals word ending in -ra, -ront, -rons, -rez, -rai, -ras), or
//!   a modal before it ("doit", "devrait", "va", "prévu"), rather than a
//!   past auxiliary or imperfect ("a", "ont", "avait", "-ait"). Then the
//!   weekday or month is the next one **on or after** publication ("se
//!   tiendra mardi": a Sunday article's "dimanche" stays that day). A
//!   date inside an incise ("Le président, investi en janvier, se rendra
//!   jeudi") is not dated by the verb after the incise's closing comma.
//!   With no marker within eight tokens, the nearest one up to sixteen
//!   tokens back, short of a comma, decides ("avait mis fin au mandat de
//!   la mission le 30 juin").
//! * The end of "jusqu'en octobre" in a past clause ("a prolongé le
//!   couvre-feu jusqu'en octobre") keeps the half-year rule of days, for a
//!   month too: a deadline set in the past is most often still ahead.
//! * "dernier"/"passé" is strictly before publication; "ce jeudi" is the
//!   Thursday of the publication's ISO week.
//! * A day without a year ("le 26 septembre") takes a year written earlier
//!   in the same sentence, else the publication year, unless that puts it
//!   more than 183 days after publication (then the year before: "le 28
//!   décembre" in January) or, in a future context, more than 183 days
//!   before (then the year after). A weekday written with it picks the
//!   year where it fits ("dimanche 3 mars").
//! * Without a publication date, relative expressions keep their grain and
//!   a null value; a day or month without a year takes one written in the
//!   same or the previous sentence, else stays null.
//! * Feasts ("Noël", "la Toussaint", "Pâques", "la Pentecôte") follow the
//!   half-year rule of days; "le 16," alone is the most recent 16th (the
//!   next one in a future context).
//! * Anaphora ("la veille", "le lendemain", "deux jours plus tard", "la
//!   semaine suivante", "le jour même") count from the last value the text
//!   resolved, which must be at least as fine as their unit (a day for
//!   "la veille"); with none, their value is null — never the publication
//!   date.
//!
//! # Not dates
//!
//! Clock times alone, durations ("pendant trois jours", "trois ans de
//! prison"), counts ("2.000 morts", "les 1500 soldats": a four-digit number
//! is a year only after a cue such as "en", "depuis", "de", "l'année",
//! "avant", "après", "début", "fin", and not before a plural noun),
//! ordinals ("1er" alone), "Mai"/"Mars"/"Avril" capitalised without a cue
//! (first names, the planet).

mod parse;
mod resolve;

use std::cell::RefCell;

use chrono::{Datelike, NaiveDate};

use crate::record::DateMention;
use crate::tokenize::Tokens;

pub(crate) use parse::is_calendar_word;
use parse::Parser;
use resolve::Ctx;

/// Every date expression of `body` (byte offsets), left to right.
pub fn find_dates(body: &str, tokens: &Tokens, published: Option<NaiveDate>) -> Vec<DateMention> {
    parse(body, tokens).resolve(published)
}

/// The date expressions of a body, recognised but not resolved: what
/// [`find_dates`] finds, ready to be resolved against one publication date
/// or another (an undated article is resolved again against its dateline)
/// without being parsed twice.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    body: &'a str,
    found: Vec<Found>,
}

/// One expression and what its resolution reads of the text around it.
#[derive(Debug, Clone)]
struct Found {
    ex: parse::Ex,
    /// Byte span in the body.
    start: usize,
    end: usize,
    /// The sentence it starts in.
    sent: usize,
    /// Whether it ends with "dernier" or "prochain": it then counts from
    /// publication, whatever year is near.
    marked: bool,
    /// Whether its context marks a future event.
    future: bool,
    /// Whether its clause is in a past tense.
    past: bool,
}

/// Recognises the date expressions of `body` (see [`Parsed::resolve`]).
pub fn parse<'a>(body: &'a str, tokens: &Tokens) -> Parsed<'a> {
    thread_local! {
        /// The view's storage and the cores, kept from one body to the next
        /// (their capacity) rather than allocated for each.
        static BUF: RefCell<(parse::ViewBuf, Vec<usize>)> = RefCell::default();
    }
    BUF.with_borrow_mut(|(buf, cores)| {
        let parser = Parser {
            body,
            t: parse::view(body, tokens, buf, cores),
        };
        let found = parser.scan_near(cores);
        Parsed::new(body, &parser, found)
    })
}

/// [`find_dates`] with the scanner trying every token of the body: the
/// oracle the tests hold the fast path to.
#[cfg(test)]
pub(crate) fn find_dates_reference(
    body: &str,
    tokens: &Tokens,
    published: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut buf = parse::ViewBuf::default();
    let parser = Parser {
        body,
        t: parse::view(body, tokens, &mut buf, &mut Vec::new()),
    };
    let found = parser.scan();
    Parsed::new(body, &parser, found).resolve(published)
}

impl<'a> Parsed<'a> {
    /// The expressions `found` (token spans of `parser`, over `body`, left to right)
    /// with what resolving them reads of the text.
    fn new(body: &'a str, parser: &Parser, found: Vec<(usize, usize, parse::Ex)>) -> Parsed<'a> {
        // The first token no earlier expression holds.
        let mut free = 0;
        let found = found
            .into_iter()
            .map(|(s, e, ex)| (parser.tense_near(s, e), s, e, ex))
            .map(|(tense, s, e, ex)| Found {
                start: {
                    let shown = parser.shown_start(s, e, &ex, free);
                    free = e;
                    parser.t.at(shown).start
                },
                end: parser.t.at(e - 1).end,
                sent: parser.t.sent(s),
                marked: matches!(parser.k(e - 1), "dernier" | "prochain"),
                // "jusqu'en juin" in the present ("n'est assuré que jusqu'en
                // juin") looks ahead: an end not yet reached.
                future: match tense {
                    None => matches!(ex, parse::Ex::Until(_)),
                    Some(f) => f,
                },
                // "a donné jusqu'au 30 juin" sets a deadline still ahead:
                // an end keeps the half-year rule.
                // "depuis le 7 octobre" starts before publication, whatever
                // the tense.
                past: (tense == Some(false) && !matches!(ex, parse::Ex::Until(_)))
                    || matches!(ex, parse::Ex::From(_)),
                ex,
            })
            .collect();
        Parsed { body, found }
    }

    /// Resolves the expressions in order (each may count from the one
    /// before) against the publication date `published`.
    pub fn resolve(&self, published: Option<NaiveDate>) -> Vec<DateMention> {
        let body = self.body;
        let published = published.filter(|p| (1..=9999).contains(&p.year()));
        let mut out = Vec::with_capacity(self.found.len());
        let mut prev = None;
        // The last year written out, and the sentence it is in.
        let mut last_year: Option<(i32, usize)> = None;
        for f in &self.found {
            let ex = &f.ex;
            // "depuis février" counts back from the publication, whatever
            // year the sentence wrote before ("chassés en 2011, mènent
            // depuis février une offensive").
            let since = matches!(ex, parse::Ex::From(_));
            let year_hint = if resolve::wants_year(ex) && !f.marked && !since {
                last_year
                    .filter(|&(_, ys)| ys == f.sent || (published.is_none() && ys + 1 == f.sent))
                    .map(|(y, _)| y)
            } else {
                None
            };
            let ctx = Ctx {
                published,
                prev,
                future: f.future,
                past: f.past,
                year_hint,
            };
            let resolved = resolve::resolve(ex, &ctx);
            if let Some(r) = &resolved {
                prev = Some(r.chain);
            }
            if let Some(y) = resolve::explicit_year(ex) {
                last_year = Some((y, f.sent));
            }
            out.push(DateMention {
                text: body[f.start..f.end].to_string(),
                start: f.start,
                end: f.end,
                value: resolved.map(|r| r.value),
                grain: ex.grain(),
                anchor: resolve::anchor(ex, year_hint.is_some()),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DateAnchor;
    use crate::tokenize::tokenize;

    fn run(published: Option<NaiveDate>, body: &str) -> Vec<DateMention> {
        find_dates(body, &tokenize(body), published)
    }

    fn render(ms: &[DateMention]) -> String {
        if ms.is_empty() {
            return "-".to_string();
        }
        ms.iter()
            .map(|m| {
                format!(
                    "{}={}@{}",
                    m.text,
                    m.value.as_deref().unwrap_or("null"),
                    m.grain.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    #[test]
    fn rules_table() {
        let table = include_str!("../../fixtures/rules/dates.tsv");
        let mut failures = Vec::new();
        let mut rows = 0;
        for (n, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cols.len(),
                3,
                "line {}: expected 3 tab-separated columns",
                n + 1
            );
            let published = match cols[0] {
                "-" => None,
                d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("bad published date")),
            };
            rows += 1;
            let got = render(&run(published, cols[1]));
            if got != cols[2] {
                failures.push(format!(
                    "line {}: {:?}\n   expected {}\n   got      {}",
                    n + 1,
                    cols[1],
                    cols[2],
                    got
                ));
            }
        }
        assert!(rows >= 120, "only {rows} rows");
        assert!(
            failures.is_empty(),
            "{} of {rows} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn offsets_are_byte_spans_of_the_body() {
        let body = "Le 22\u{202F}septembre, «\u{00A0}mardi\u{00A0}», l’an dernier.";
        let ms = run(NaiveDate::from_ymd_opt(2024, 9, 22), body);
        assert_eq!(ms.len(), 3, "{ms:?}");
        for m in &ms {
            assert_eq!(&body[m.start..m.end], m.text);
        }
        assert_eq!(ms[0].text, "22\u{202F}septembre");
    }

    #[test]
    fn anchors() {
        let body = "Le 3 mai 2024, puis mardi. La veille, rien.";
        let ms = run(NaiveDate::from_ymd_opt(2024, 9, 22), body);
        let anchors: Vec<DateAnchor> = ms.iter().map(|m| m.anchor).collect();
        assert_eq!(
            anchors,
            [
                DateAnchor::Absolute,
                DateAnchor::Publication,
                DateAnchor::Previous
            ]
        );
    }

    /// The fast path (the scanner tries only tokens near a core) finds and
    /// resolves what the scan of every token does, on every fixture
    /// article and rules table, with and without a publication date.
    #[test]
    fn fast_path_equals_reference_on_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut bodies: Vec<String> = std::fs::read_dir(root.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        assert!(bodies.len() >= 10, "only {} fixture articles", bodies.len());
        for table in ["dates", "numbers-in-text", "casualties"] {
            let t = std::fs::read_to_string(root.join(format!("rules/{table}.tsv"))).unwrap();
            // Each table whole, so that rows meet their neighbours.
            bodies.push(t.replace("\\n", "\n").replace('\t', " "));
        }
        for body in &bodies {
            let tokens = tokenize(body);
            for p in [None, NaiveDate::from_ymd_opt(2024, 9, 22)] {
                assert_eq!(
                    find_dates(body, &tokens, p),
                    find_dates_reference(body, &tokens, p),
                    "{}",
                    &body[..body.len().min(200)]
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The same on random mixes of date words, glue words and others.
        #[test]
        fn fast_path_equals_reference_on_date_words(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "le", "la", "l'", "Le", "du", "de", "d'", "au", "à", "a", "et", "en", "entre",
                "depuis", "jusqu'", "partir", "compter", "ici", "il", "y", "plus", "moins", "près",
                "environ", "une", "dizaine", "quelques", "dans", "ce", "cette", "ces", "les",
                "derniers", "prochains", "même", "mi", "-", "début", "fin", "premier", "dernier",
                "prochain", "suivant", "lundi", "mardi", "Mai", "mars", "juillet", "sept", ".",
                ",", "\n", "jour", "jours", "semaine", "mois", "an", "ans", "année", "années",
                "hier", "demain", "veille", "lendemain", "matin", "soir", "siècle", "XXe",
                "Noël", "Pâques", "2024", "2015", "22", "3", "1er", "12/05/2024", "deux",
                "trois", "tard", "après", "avant", "morts", "soldats", "a", "ont", "sera",
                "devrait", "va", "Ankara", "M.", "Kidal",
            ]), 0..40),
        ) {
            let body = words.join(" ");
            let tokens = tokenize(&body);
            for p in [None, NaiveDate::from_ymd_opt(2024, 1, 5)] {
                proptest::prop_assert_eq!(
                    find_dates(&body, &tokens, p),
                    find_dates_reference(&body, &tokens, p)
                );
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "",
            "le 31 février 2024, le 99/99/9999, 0000-00-00, le 29 février",
            "9999-12-31 puis le lendemain, dans 10000 ans, il y a 10000 ans",
            "du 31 au 1er mai, entre 2100 et 1900, depuis depuis, jusqu'",
            "lundi lundi lundi 1er 1er 1er janv. sept. XXXXXXXe siècle années 0",
            "🙂 mardi 🙂 22🙂septembre \u{0301}mars ǅ Ǆ ß ﬁ",
        ];
        for body in odd {
            for p in [
                None,
                NaiveDate::from_ymd_opt(1, 1, 1),
                NaiveDate::from_ymd_opt(9999, 12, 31),
                NaiveDate::MAX.into(),
                NaiveDate::MIN.into(),
            ] {
                let ms = run(p, body);
                let mut last = 0;
                for m in ms {
                    assert!(m.start >= last && m.end > m.start);
                    assert_eq!(&body[m.start..m.end], m.text);
                    last = m.end;
                }
            }
        }
    }
}
