//! The record as compact JSON, written by hand.
//!
//! A record's JSON is about three times the size of its article, and
//! `serde_json` escapes strings one byte at a time through its generic
//! serializer: rendering cost more than some extraction stages. This writer
//! produces the same bytes as `serde_json::to_writer` (the tests hold it to
//! that on every fixture record and on arbitrary ones), checks eight bytes
//! at a time for characters that need escaping, and writes fields directly.
//! Floats still go through `serde_json`, so their digits cannot drift.
//!
//! The field order and the `skip_serializing_if` rules mirror the serde
//! attributes in [`crate::record`]; a field added there must be added here,
//! and the equality tests fail until it is.

use crate::record::{
    Casualty, CasualtyKind, CasualtySummary, DateAnchor, DateMention, Entity, EntitySource, Record,
    Scope,
};

/// Appends the compact JSON of `r` to `out`: the bytes
/// `serde_json::to_writer(out, r)` writes.
pub fn write_record(out: &mut Vec<u8>, r: &Record) {
    out.push(b'{');
    key(out, "id", true);
    string(out, &r.id);
    key(out, "source", false);
    string(out, &r.source);
    key(out, "published", false);
    opt_string(out, r.published.as_deref());
    if let Some(t) = &r.title {
        key(out, "title", false);
        string(out, t);
    }
    if let Some(t) = &r.text {
        key(out, "text", false);
        string(out, t);
    }
    key(out, "entities", false);
    list(out, &r.entities, entity);
    key(out, "dates", false);
    list(out, &r.dates, date);
    key(out, "casualties", false);
    list(out, &r.casualties, casualty);
    if !r.summary.is_empty() {
        key(out, "summary", false);
        out.push(b'{');
        for (n, (kind, s)) in r.summary.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            string(out, casualty_kind(*kind));
            out.push(b':');
            summary(out, s);
        }
        out.push(b'}');
    }
    if !r.warnings.is_empty() {
        key(out, "warnings", false);
        strings(out, &r.warnings);
    }
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    out.push(b'{');
    key(out, "type", true);
    string(out, e.kind.as_str());
    key(out, "text", false);
    string(out, &e.text);
    key(out, "start", false);
    uint(out, e.start as u64);
    key(out, "end", false);
    uint(out, e.end as u64);
    key(out, "canonical", false);
    string(out, &e.canonical);
    key(out, "id", false);
    opt_string(out, e.id.as_deref());
    key(out, "source", false);
    string(
        out,
        match e.source {
            EntitySource::Gazetteer => "gazetteer",
            EntitySource::Context => "context",
            EntitySource::Alias => "alias",
        },
    );
    if let Some(c) = &e.class {
        key(out, "class", false);
        string(out, c);
    }
    if let Some(c) = &e.country {
        key(out, "country", false);
        string(out, c);
    }
    if let Some(x) = e.lat {
        key(out, "lat", false);
        float(out, x);
    }
    if let Some(x) = e.lon {
        key(out, "lon", false);
        float(out, x);
    }
    if let Some(p) = e.population {
        key(out, "population", false);
        uint(out, p);
    }
    if let Some(r) = &e.role {
        key(out, "role", false);
        string(out, r);
    }
    if !e.alternatives.is_empty() {
        key(out, "alternatives", false);
        strings(out, &e.alternatives);
    }
    if let Some(r) = &e.resolved_by {
        key(out, "resolved_by", false);
        string(out, r);
    }
    out.push(b'}');
}

fn date(out: &mut Vec<u8>, d: &DateMention) {
    out.push(b'{');
    key(out, "text", true);
    string(out, &d.text);
    key(out, "start", false);
    uint(out, d.start as u64);
    key(out, "end", false);
    uint(out, d.end as u64);
    key(out, "value", false);
    opt_string(out, d.value.as_deref());
    key(out, "grain", false);
    string(out, d.grain.as_str());
    key(out, "anchor", false);
    string(
        out,
        match d.anchor {
            DateAnchor::Absolute => "absolute",
            DateAnchor::Publication => "publication",
            DateAnchor::Previous => "previous",
            DateAnchor::Dateline => "dateline",
        },
    );
    out.push(b'}');
}

fn casualty(out: &mut Vec<u8>, c: &Casualty) {
    out.push(b'{');
    key(out, "text", true);
    string(out, &c.text);
    key(out, "start", false);
    uint(out, c.start as u64);
    key(out, "end", false);
    uint(out, c.end as u64);
    key(out, "kind", false);
    string(out, casualty_kind(c.kind));
    for (name, v) in [("min", c.min), ("max", c.max), ("approx", c.approx)] {
        key(out, name, false);
        match v {
            Some(n) => uint(out, n),
            None => out.extend_from_slice(b"null"),
        }
    }
    key(out, "who", false);
    string(out, &c.who);
    if let Some(w) = &c.who_text {
        key(out, "who_text", false);
        string(out, w);
    }
    key(out, "scope", false);
    string(
        out,
        match c.scope {
            Scope::Event => "event",
            Scope::Cumulative => "cumulative",
        },
    );
    for (name, set) in [
        ("exclusive", c.exclusive),
        ("released", c.released),
        ("superseded", c.superseded),
    ] {
        if set {
            key(out, name, false);
            out.extend_from_slice(b"true");
        }
    }
    if let Some(i) = c.subset_of {
        key(out, "subset_of", false);
        uint(out, i as u64);
    }
    for (name, list) in [
        ("places", &c.places),
        ("dates", &c.dates),
        ("groups", &c.groups),
    ] {
        if !list.is_empty() {
            key(out, name, false);
            strings(out, list);
        }
    }
    out.push(b'}');
}

fn summary(out: &mut Vec<u8>, s: &CasualtySummary) {
    out.push(b'{');
    key(out, "best", true);
    uint(out, s.best);
    key(out, "high", false);
    uint(out, s.high);
    key(out, "figures", false);
    out.push(b'[');
    for (n, i) in s.figures.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        uint(out, *i as u64);
    }
    out.extend_from_slice(b"]}");
}

fn casualty_kind(k: CasualtyKind) -> &'static str {
    k.as_str()
}

/// `"name":`, after a comma unless it is the object's first key. Keys are
/// plain ASCII and need no escaping.
fn key(out: &mut Vec<u8>, name: &str, first: bool) {
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

fn list<T>(out: &mut Vec<u8>, items: &[T], write: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

fn strings(out: &mut Vec<u8>, items: &[String]) {
    out.push(b'[');
    for (n, s) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        string(out, s);
    }
    out.push(b']');
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn uint(out: &mut Vec<u8>, n: u64) {
    // The crate serde_json itself writes integers with.
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn float(out: &mut Vec<u8>, x: f64) {
    // serde_json's own formatting (and its `null` for non-finite values).
    serde_json::to_writer(&mut *out, &x).expect("writing to a Vec cannot fail");
}

/// A JSON string: `"`, `\` and control characters escaped as serde_json
/// escapes them (short forms where JSON has one, `\u00XX` otherwise);
/// everything else, non-ASCII included, is copied as is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs escaping.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !needs_escape_any(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if let Some(esc) = escape(b) {
            out.extend_from_slice(&bytes[from..i]);
            match esc {
                Escape::Short(c) => out.extend_from_slice(&[b'\\', c]),
                Escape::Unicode => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
            from = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

enum Escape {
    Short(u8),
    Unicode,
}

fn escape(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Short(b'"'),
        b'\\' => Escape::Short(b'\\'),
        b'\n' => Escape::Short(b'n'),
        b'\r' => Escape::Short(b'r'),
        b'\t' => Escape::Short(b't'),
        0x08 => Escape::Short(b'b'),
        0x0c => Escape::Short(b'f'),
        0..=0x1f => Escape::Unicode,
        _ => return None,
    })
}

/// Whether any byte of `w` is below 0x20, a `"` or a `\` (the SWAR tests
/// of "has a zero byte" on `w` and on `w` xor each repeated character).
fn needs_escape_any(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    // A byte below 0x20: subtracting 0x20 borrows into its high bit, unless
    // the byte had its high bit set already (non-ASCII, never escaped).
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS != 0;
    below_space || has_zero(w ^ (ONES * u64::from(b'"'))) || has_zero(w ^ (ONES * u64::from(b'\\')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Grain;
    use proptest::prelude::*;

    fn serde(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap()
    }

    fn ours(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn strings_escape_as_serde_json() {
        for s in [
            "",
            "plain ASCII text longer than eight bytes",
            "« guillemets » et l’apostrophe",
            "quote \" backslash \\ tab \t newline \n cr \r",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f} end",
            "12345678\"",
            "1234567\\x",
            "ÀÉÎÕÜ\u{2028}\u{2029}",
        ] {
            assert_eq!(ours(s), serde(s), "{s:?}");
        }
    }

    #[test]
    fn every_byte_value_escapes_as_serde_json() {
        for b in 0u8..0x80 {
            let s = format!("abcdefgh{}ijklmnop{}", b as char, b as char);
            assert_eq!(ours(&s), serde(&s), "byte {b:#x}");
        }
    }

    fn serde_record(r: &Record) -> String {
        serde_json::to_string(r).unwrap()
    }

    fn our_record(r: &Record) -> String {
        let mut out = Vec::new();
        write_record(&mut out, r);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fixture_records_write_as_serde_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let x = crate::Extractor::builder()
            .include_text(true)
            .build()
            .unwrap();
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy();
            let article = crate::article::parse_raw(&text, "fixture", &stem).unwrap();
            let r = x.extract(&article);
            assert_eq!(our_record(&r), serde_record(&r), "{}", path.display());
            n += 1;
        }
        assert!(n >= 20, "only {n} fixture articles");
    }

    /// Every optional field set, every list non-empty, and values that need
    /// escaping or are not finite.
    #[test]
    fn a_full_record_writes_as_serde_json() {
        let body = "Le \"chef\" Amadou\tTouré, à Gao.";
        let mut person = Entity::new(
            crate::record::EntityType::Person,
            body,
            (0, 6),
            "Amadou Touré".into(),
            None,
            EntitySource::Context,
        );
        person.role = Some("chef\n".into());
        person.alternatives = vec!["a".into(), "b\u{1}".into()];
        person.resolved_by = Some("priority".into());
        let mut place = Entity::new(
            crate::record::EntityType::Place,
            body,
            (3, 9),
            "Gao".into(),
            Some("geonames:1".into()),
            EntitySource::Gazetteer,
        );
        (place.class, place.country) = (Some("city".into()), Some("ML".into()));
        (place.lat, place.lon, place.population) = (Some(16.2666), Some(f64::NAN), Some(86_633));
        let casualty = Casualty {
            text: "3 morts".into(),
            start: 1,
            end: 8,
            kind: CasualtyKind::Killed,
            min: Some(3),
            max: None,
            approx: Some(u64::MAX),
            who: "civilians".into(),
            who_text: Some("civils".into()),
            scope: Scope::Cumulative,
            exclusive: true,
            released: true,
            superseded: true,
            subset_of: Some(0),
            places: vec!["geonames:1".into()],
            dates: vec!["2024-01-01".into()],
            groups: vec!["group:x".into()],
        };
        let mut summary = std::collections::BTreeMap::new();
        for kind in [CasualtyKind::Killed, CasualtyKind::Arrested] {
            let s = CasualtySummary {
                best: 3,
                high: 5,
                figures: vec![0, 1],
            };
            summary.insert(kind, s);
        }
        let r = Record {
            id: "a\"b".into(),
            source: "src".into(),
            published: None,
            title: Some("Titre".into()),
            text: Some(body.into()),
            entities: vec![person, place],
            dates: vec![DateMention {
                text: "hier".into(),
                start: 0,
                end: 4,
                value: None,
                grain: Grain::Quarter,
                anchor: DateAnchor::Dateline,
            }],
            casualties: vec![casualty],
            summary,
            warnings: vec!["w1".into(), "w\r2".into()],
        };
        assert_eq!(our_record(&r), serde_record(&r));
        let empty = Record {
            summary: Default::default(),
            ..r.clone()
        };
        assert_eq!(our_record(&empty), serde_record(&empty));
    }

    proptest! {
        #[test]
        fn arbitrary_strings_escape_as_serde_json(s in ".{0,40}") {
            prop_assert_eq!(ours(&s), serde(&s));
        }

        #[test]
        fn integers_write_as_serde_json(n in any::<u64>()) {
            let mut out = Vec::new();
            uint(&mut out, n);
            prop_assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }
}
