//! Articles and the two ways they arrive: raw files (an id line, a blank
//! line, the body) and JSON Lines objects.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use crate::error::{Error, Result};

/// One article, ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article id: the raw header, the JSONL `id`, or the file stem.
    pub id: String,
    /// Where it came from: `path`, `path:line` for JSONL, `stdin:line`.
    pub source: String,
    /// Publication time, when known; relative dates resolve against it.
    pub published: Option<NaiveDateTime>,
    /// A title given beside the text (JSONL only); not part of the body.
    pub title: Option<String>,
    /// The text every offset points into.
    pub body: String,
    /// Problems that did not cost the article (an unreadable `published`).
    pub warnings: Vec<String>,
}

/// Parses the publication time an id like `news-22092024-142654` carries
/// (`DDMMYYYY-HHMMSS`); `None` when it carries none or it is no real date.
pub fn published_from_id(id: &str) -> Option<NaiveDateTime> {
    let b = id.as_bytes();
    // Scan for 8 digits, '-', 6 digits, not surrounded by more digits.
    if b.len() < 15 {
        return None;
    }
    for i in 0..=b.len() - 15 {
        let w = &b[i..i + 15];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..8) && w[8] == b'-' && digits(9..15)) {
            continue;
        }
        if (i > 0 && b[i - 1].is_ascii_digit()) || b.get(i + 15).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let s = &id[i..i + 15];
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        let date = NaiveDate::from_ymd_opt(n(4..8)? as i32, n(2..4)?, n(0..2)?)?;
        return date.and_hms_opt(n(9..11)?, n(11..13)?, n(13..15)?);
    }
    None
}

/// Parses a `published` value: `YYYY-MM-DD`, RFC 3339, or a naive
/// `YYYY-MM-DDTHH:MM:SS`. An offset is dropped: dates in the text are
/// written in the newsroom's local time, which is what the offset-less
/// local time of the timestamp gives.
pub fn parse_published(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.naive_local());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt);
        }
    }
    None
}

/// Parses a raw article file's text.
///
/// `stem` names the article when the file has no id (`_` or no header).
pub fn parse_raw(text: &str, source: &str, stem: &str) -> Result<Article> {
    let (id, body) = split_header(text);
    let id = id.filter(|i| *i != "_");
    let published = id.and_then(published_from_id);
    let article = Article {
        id: id.unwrap_or(stem).to_string(),
        source: source.to_string(),
        published,
        title: None,
        body: body.to_string(),
        warnings: Vec::new(),
    };
    check_body(&article.body, source)?;
    Ok(article)
}

/// Splits an `id\n\nbody` header off; `(None, text)` when there is none.
///
/// A header is a first line of one word (no white space inside, at most 200
/// bytes) followed by an empty line. Dumps also hold `_` or a `news-…` id
/// followed directly by the body: those first lines are headers too, since
/// no article opens with such a line.
fn split_header(text: &str) -> (Option<&str>, &str) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some(nl) = text.find('\n') else {
        return (None, text);
    };
    let first = text[..nl].trim_end_matches('\r');
    let rest = &text[nl + 1..];
    let one_word =
        !first.is_empty() && first.len() <= 200 && !first.chars().any(char::is_whitespace);
    if !one_word {
        return (None, text);
    }
    if let Some(body) = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
    {
        return (Some(first), body);
    }
    if first == "_" || published_from_id(first).is_some() {
        return (Some(first), rest);
    }
    (None, text)
}

/// Rejects bodies nothing can be extracted from.
pub fn check_body(body: &str, origin: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(Error::input(origin, "empty article"));
    }
    Ok(())
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    published: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
}

/// Parses one JSON Lines object `{"id", "text", "published"?, "title"?}`.
///
/// `fallback_id` names an article without an id (e.g. `stdin:3`).
pub fn parse_json_line(line: &str, source: &str, fallback_id: &str) -> Result<Article> {
    let obj: JsonArticle = serde_json::from_str(line)
        .map_err(|e| Error::input(source, format!("malformed JSON: {e}")))?;
    let body = match obj.text {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err(Error::input(source, "`text` is not a string")),
        None => return Err(Error::input(source, "missing `text`")),
    };
    let id = match obj.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let mut warnings = Vec::new();
    let published = match obj.published {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => {
            let p = parse_published(&s);
            if p.is_none() {
                warnings.push(format!(
                    "`published` {s:?} is neither YYYY-MM-DD nor RFC 3339; treated as unknown"
                ));
            }
            p
        }
        Some(v) => {
            warnings.push(format!(
                "`published` {v} is not a string; treated as unknown"
            ));
            None
        }
    };
    let title = match obj.title {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    check_body(&body, source)?;
    Ok(Article {
        id,
        source: source.to_string(),
        published,
        title,
        body,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_carries_publication_time() {
        let p = published_from_id("news-22092024-142654").unwrap();
        assert_eq!(p.to_string(), "2024-09-22 14:26:54");
        assert_eq!(published_from_id("news-31022024-000000"), None);
        assert_eq!(published_from_id("_"), None);
        assert_eq!(published_from_id("article-12"), None);
    }

    #[test]
    fn raw_header_is_split_off() {
        let a = parse_raw("news-22092024-142654\n\nCorps du texte.", "a.txt", "a").unwrap();
        assert_eq!(a.id, "news-22092024-142654");
        assert_eq!(a.body, "Corps du texte.");
        assert!(a.published.is_some());

        let a = parse_raw("_\n\nCorps.", "dir/b.txt", "b").unwrap();
        assert_eq!((a.id.as_str(), a.published), ("b", None));

        let a = parse_raw("_\nCorps sans ligne vide.", "d.txt", "d").unwrap();
        assert_eq!(
            (a.id.as_str(), a.body.as_str()),
            ("d", "Corps sans ligne vide.")
        );

        let a = parse_raw("Titre\nUne phrase.", "e.txt", "e").unwrap();
        assert_eq!(a.body, "Titre\nUne phrase.");

        let a = parse_raw("Une phrase entière.\n\nUne autre.", "c.txt", "c").unwrap();
        assert_eq!(a.id, "c");
        assert_eq!(a.body, "Une phrase entière.\n\nUne autre.");
    }

    #[test]
    fn empty_articles_are_errors() {
        let e = parse_raw("news-22092024-142654\n\n  \n", "a.txt", "a").unwrap_err();
        assert_eq!(e.to_string(), "a.txt: empty article");
    }

    #[test]
    fn json_lines() {
        let a = parse_json_line(
            r#"{"id": 7, "text": "Mardi à Gao.", "published": "2024-09-22"}"#,
            "in.jsonl:1",
            "in.jsonl:1",
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.published.unwrap().to_string(), "2024-09-22 00:00:00");
        let a = parse_json_line(
            r#"{"text": "x", "published": "2024-09-22T14:26:54+02:00"}"#,
            "s:2",
            "s:2",
        )
        .unwrap();
        assert_eq!(
            (a.id.as_str(), a.published.unwrap().to_string().as_str()),
            ("s:2", "2024-09-22 14:26:54")
        );
        let e = parse_json_line(r#"{"id": "x"}"#, "in.jsonl:3", "x").unwrap_err();
        assert_eq!(e.to_string(), "in.jsonl:3: missing `text`");
        let e = parse_json_line("{nope", "in.jsonl:4", "x").unwrap_err();
        assert!(
            e.to_string().starts_with("in.jsonl:4: malformed JSON"),
            "{e}"
        );
        let a = parse_json_line(r#"{"text": "x", "published": "hier"}"#, "s:5", "s:5").unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.warnings.len(), 1);
    }
}
