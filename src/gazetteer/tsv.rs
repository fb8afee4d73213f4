//! The gazetteer TSV format: `id, type, canonical, aliases, attributes,
//! source`, tab-separated; `#` comments and blank lines are skipped.
//! Every error names `file:line` and what to fix.

use super::{Entry, EntryType};
use crate::error::{Error, Result};
use crate::normalize::normalize;

/// Parses a whole gazetteer file. `name` is used in error messages.
pub fn parse_tsv(name: &str, text: &str) -> Result<Vec<Entry>> {
    Ok(parse_tsv_located(name, text)?
        .into_iter()
        .map(|(entry, _)| entry)
        .collect())
}

/// Like [`parse_tsv`], with the byte offset of each entry's line, so a
/// precompiled gazetteer can parse one entry again from its text alone.
pub fn parse_tsv_located(name: &str, text: &str) -> Result<Vec<(Entry, u32)>> {
    let mut out = Vec::new();
    for (i, offset, line) in lines(text) {
        let entry = parse_line(line).map_err(|message| Error::Gazetteer {
            path: name.to_string(),
            line: i + 1,
            message,
        })?;
        let offset = u32::try_from(offset).map_err(|_| Error::Gazetteer {
            path: name.to_string(),
            line: i + 1,
            message: "gazetteer file larger than 4 GiB".into(),
        })?;
        out.push((entry, offset));
    }
    Ok(out)
}

/// The entry lines of a TSV text: (0-based line number, byte offset of the
/// line, the line without its end), comments and blank lines skipped.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .enumerate()
        .filter_map(move |(i, raw)| {
            let at = offset;
            offset += raw.len();
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            let line = line.trim_end_matches('\r');
            (!line.trim().is_empty() && !line.starts_with('#')).then_some((i, at, line))
        })
}

/// The line at `offset` of `text`, without its end.
pub fn line_at(text: &str, offset: usize) -> &str {
    let rest = &text[offset..];
    let line = rest.split('\n').next().unwrap_or(rest);
    line.trim_end_matches('\r')
}

/// Parses one entry line (no comment, no line end).
pub fn parse_line(line: &str) -> std::result::Result<Entry, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 6 {
        return Err(format!(
            "expected 6 tab-separated columns (id, type, canonical, aliases, attributes, source), found {}",
            cols.len()
        ));
    }
    let [id, kind, canonical, aliases, attributes, source] =
        [cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]].map(str::trim);
    if id.is_empty() {
        return Err("empty id".into());
    }
    let kind = EntryType::parse(kind)
        .ok_or_else(|| format!("type {kind:?} is not one of place, group, person, demonym"))?;
    if canonical.is_empty() {
        return Err(format!("{id}: empty canonical name"));
    }
    let mut entry = Entry {
        id: id.to_string(),
        kind,
        canonical: canonical.to_string(),
        aliases: Vec::new(),
        class: None,
        country: None,
        lat: None,
        lon: None,
        population: None,
        role: None,
        priority: 0,
        of: None,
        parent: None,
        needs_cue: false,
        source: source.to_string(),
    };
    for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if normalize(alias).chars().all(|c| !c.is_alphanumeric()) {
            return Err(format!(
                "{id}: alias {alias:?} has no letter or digit once normalised"
            ));
        }
        if !entry.aliases.iter().any(|a| a == alias) {
            entry.aliases.push(alias.to_string());
        }
    }
    if entry.aliases.is_empty() {
        return Err(format!("{id}: no alias (list at least the canonical name)"));
    }
    for attr in attributes
        .split(';')
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        let (k, v) = attr
            .split_once('=')
            .ok_or_else(|| format!("{id}: attribute {attr:?} is not key=value"))?;
        let (k, v) = (k.trim(), v.trim());
        let num = |what: &str| format!("{id}: {k}={v:?} is not {what}");
        match k {
            "kind" => entry.class = Some(v.to_string()),
            "country" => entry.country = Some(v.to_string()),
            "lat" => entry.lat = Some(v.parse().map_err(|_| num("a number"))?),
            "lon" => entry.lon = Some(v.parse().map_err(|_| num("a number"))?),
            "population" => entry.population = Some(v.parse().map_err(|_| num("a whole number"))?),
            "role" => entry.role = Some(v.to_string()),
            "priority" => entry.priority = v.parse().map_err(|_| num("an integer"))?,
            "of" => entry.of = Some(v.to_string()),
            "parent" => entry.parent = Some(v.to_string()),
            "evidence" => entry.needs_cue = v == "cue",
            // Unknown keys are kept out of the record but do not fail the
            // load, so newer gazetteers work with an older frex.
            _ => {}
        }
    }
    Ok(entry)
}

/// Given names rarer than this (INSEE frequency band) are left out: the
/// rarest band holds thousands of names that are also place names or
/// words ("Sayam", "Forage"), and a person with such a name is usually
/// found by a title or a quote anyway. Curated names have weight 0.
const MIN_GIVEN_NAME_WEIGHT: u32 = 50;

/// `given-names.tsv`: `name<TAB>weight<TAB>source` (weight and source
/// optional), `#` comments.
pub fn parse_given_names(name: &str, text: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let first = cols.next().unwrap_or("").trim();
        let weight: u32 = cols.next().and_then(|w| w.trim().parse().ok()).unwrap_or(0);
        if weight != 0 && weight < MIN_GIVEN_NAME_WEIGHT {
            continue;
        }
        let key = normalize(first);
        if key.is_empty() {
            return Err(Error::Gazetteer {
                path: name.to_string(),
                line: i + 1,
                message: "empty given name".into(),
            });
        }
        out.push(key);
    }
    Ok(out)
}

pub fn parse_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(normalize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_line_with_attributes() {
        let text = "# comment\n\ncountry:ml\tplace\tMali\tMali|République du Mali\tkind=country;country=ML;lat=17.5;lon=-4;priority=10\tcurated\n";
        let e = &parse_tsv("t.tsv", text).unwrap()[0];
        assert_eq!(e.id, "country:ml");
        assert_eq!(e.kind, EntryType::Place);
        assert_eq!(e.aliases, ["Mali", "République du Mali"]);
        assert_eq!((e.lat, e.lon, e.priority), (Some(17.5), Some(-4.0), 10));
        assert_eq!(e.country.as_deref(), Some("ML"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("a\tplace\tA\n", "t.tsv:1: expected 6 tab-separated columns"),
            ("\na\tthing\tA\tA\t\tx\n", "t.tsv:2: type \"thing\""),
            ("a\tplace\tA\t\t\tx\n", "t.tsv:1: a: no alias"),
            ("a\tplace\tA\tA|’\t\tx\n", "t.tsv:1: a: alias \"’\""),
            (
                "a\tplace\tA\tA\tlat=north\tx\n",
                "t.tsv:1: a: lat=\"north\"",
            ),
            (
                "a\tplace\tA\tA\tnokey\tx\n",
                "t.tsv:1: a: attribute \"nokey\"",
            ),
        ];
        for (text, want) in cases {
            let got = parse_tsv("t.tsv", text).unwrap_err().to_string();
            assert!(got.starts_with(want), "{got:?} should start with {want:?}");
        }
    }
}
