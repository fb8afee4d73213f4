//! The dateline's date: "OUAGADOUGOU, 12 juin 2022 (AFP) -".
//!
//! An article without a publication date (a raw file named `_`, a JSON line
//! without `published`) still dates itself in its dateline when it comes
//! from a wire. Relative expressions ("samedi", "hier") then resolve
//! against that date rather than staying unresolved or taking a reference
//! date meant for the whole run.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::record::{DateAnchor, DateMention, Grain};

/// Where a dateline can stand: a wire puts it at the top of the body, after
/// at most a title and a heading or two.
const DATELINE_WITHIN: usize = 1000;

/// What stands before the date on a dateline's line: the place in capitals
/// or as a name, an optional parenthesis (country, agency), a comma or dash,
/// an optional "le".
static DATELINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\t ]*\p{Lu}[\p{L}\p{M}'’. -]{0,40}?(?:[\t ]*\([^()\n]{1,40}\))?[\t ]*[,–—-][\t ]*(?:le[\t ]+)?$",
    )
    .expect("a valid constant pattern")
});

/// The date of the article's dateline: the first full day date ("12 juin
/// 2022", with its year) among `dates` that opens a line after a place
/// name and a comma, near the top of `body`.
pub fn dateline_date(body: &str, dates: &[DateMention]) -> Option<NaiveDate> {
    dates
        .iter()
        .take_while(|d| d.start < DATELINE_WITHIN)
        .filter(|d| d.grain == Grain::Day && d.anchor == DateAnchor::Absolute)
        .filter(|d| {
            let line_start = body[..d.start].rfind('\n').map_or(0, |i| i + 1);
            DATELINE_PREFIX.is_match(&body[line_start..d.start])
        })
        .find_map(|d| NaiveDate::parse_from_str(d.value.as_deref()?, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(body: &str, text: &str, value: &str) -> DateMention {
        let start = body.find(text).unwrap();
        DateMention {
            text: text.to_string(),
            start,
            end: start + text.len(),
            value: Some(value.to_string()),
            grain: Grain::Day,
            anchor: DateAnchor::Absolute,
        }
    }

    #[test]
    fn datelines_and_other_lines() {
        let cases = [
            ("OUAGADOUGOU, 12 juin 2022 (AFP) - Au moins", true),
            ("Titre\n\nKADUNA (Nigeria), 12 juin 2022 (AFP) — Des", true),
            ("N'DJAMENA, 12 juin 2022 (AFP) - Les pluies", true),
            ("Bamako, le 12 juin 2022 - Le gouvernement", true),
            ("Le 12 juin 2022, des hommes armés ont attaqué", false),
            ("L'attaque du 12 juin 2022 a fait dix morts", false),
        ];
        for (body, want) in cases {
            let d = mention(body, "12 juin 2022", "2022-06-12");
            let got = dateline_date(body, &[d]);
            assert_eq!(
                got,
                want.then(|| NaiveDate::from_ymd_opt(2022, 6, 12).unwrap()),
                "{body:?}"
            );
        }
    }

    #[test]
    fn only_near_the_top() {
        let body = format!("{}\nPARIS, 12 juin 2022 (AFP) - Texte", "x".repeat(1200));
        let d = mention(&body, "12 juin 2022", "2022-06-12");
        assert_eq!(dateline_date(&body, &[d]), None);
    }
}
