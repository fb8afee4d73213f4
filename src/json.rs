//! The record as compact JSON, written by hand.
//!
//! A record's JSON is about three times the size of its article, and
//! `serde_json` escapes strings one byte at a time through its generic
//! serializer: rendering cost more than some extraction stages. This writer
//! produces the same bytes as `serde_json::to_writer` (the tests hold it to
//! that on every fixture record and on arbitrary ones) and writes fields
//! directly. Floats still go through `serde_json`, so their digits cannot
//! drift.
//!
//! Most strings of a record are short (`"Niamey"`, `"NE"`, `"city"`), so
//! the cost per string matters more than the cost per byte: a string is
//! tested for characters to escape a word at a time, short ones in one or
//! two overlapping words, and copied whole when (as nearly always) it has
//! none. Keys and enum names are constant fragments written as they are.
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
    out.reserve(size_hint(r));
    raw(out, b"{\"id\":");
    string(out, &r.id);
    raw(out, b",\"source\":");
    string(out, &r.source);
    raw(out, b",\"published\":");
    opt_string(out, r.published.as_deref());
    if let Some(t) = &r.title {
        raw(out, b",\"title\":");
        string(out, t);
    }
    if let Some(t) = &r.text {
        raw(out, b",\"text\":");
        string(out, t);
    }
    raw(out, b",\"entities\":");
    list(out, &r.entities, entity);
    raw(out, b",\"dates\":");
    list(out, &r.dates, date);
    raw(out, b",\"casualties\":");
    list(out, &r.casualties, casualty);
    if !r.summary.is_empty() {
        raw(out, b",\"summary\":{");
        for (n, (kind, s)) in r.summary.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            name(out, casualty_kind(*kind));
            out.push(b':');
            summary(out, s);
        }
        out.push(b'}');
    }
    if !r.warnings.is_empty() {
        raw(out, b",\"warnings\":");
        strings(out, &r.warnings);
    }
    out.push(b'}');
}

/// About the size of `r`'s JSON, so that the buffer grows once per record
/// rather than doubling (and copying) its way up from a guess; the figures
/// per item are typical sizes with their keys, not bounds.
fn size_hint(r: &Record) -> usize {
    let texts = r.id.len() + r.source.len() + r.title.as_ref().map_or(0, String::len);
    128 + texts
        + r.text.as_ref().map_or(0, |t| t.len() + t.len() / 16)
        + r.entities.len() * 256
        + r.dates.len() * 112
        + r.casualties.len() * 224
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    raw(out, b"{\"type\":");
    name(out, e.kind.as_str());
    raw(out, b",\"text\":");
    string(out, &e.text);
    raw(out, b",\"start\":");
    uint(out, e.start as u64);
    raw(out, b",\"end\":");
    uint(out, e.end as u64);
    raw(out, b",\"canonical\":");
    string(out, &e.canonical);
    raw(out, b",\"id\":");
    opt_string(out, e.id.as_deref());
    raw(
        out,
        match e.source {
            EntitySource::Gazetteer => b",\"source\":\"gazetteer\"",
            EntitySource::Context => b",\"source\":\"context\"",
            EntitySource::Alias => b",\"source\":\"alias\"",
        },
    );
    if let Some(c) = &e.class {
        raw(out, b",\"class\":");
        string(out, c);
    }
    if let Some(c) = &e.country {
        raw(out, b",\"country\":");
        string(out, c);
    }
    if let Some(x) = e.lat {
        raw(out, b",\"lat\":");
        float(out, x);
    }
    if let Some(x) = e.lon {
        raw(out, b",\"lon\":");
        float(out, x);
    }
    if let Some(p) = e.population {
        raw(out, b",\"population\":");
        uint(out, p);
    }
    if let Some(r) = &e.role {
        raw(out, b",\"role\":");
        string(out, r);
    }
    if !e.alternatives.is_empty() {
        raw(out, b",\"alternatives\":");
        strings(out, &e.alternatives);
    }
    if let Some(r) = &e.resolved_by {
        raw(out, b",\"resolved_by\":");
        string(out, r);
    }
    out.push(b'}');
}

fn date(out: &mut Vec<u8>, d: &DateMention) {
    raw(out, b"{\"text\":");
    string(out, &d.text);
    raw(out, b",\"start\":");
    uint(out, d.start as u64);
    raw(out, b",\"end\":");
    uint(out, d.end as u64);
    raw(out, b",\"value\":");
    opt_string(out, d.value.as_deref());
    raw(out, b",\"grain\":");
    name(out, d.grain.as_str());
    raw(
        out,
        match d.anchor {
            DateAnchor::Absolute => b",\"anchor\":\"absolute\"}",
            DateAnchor::Publication => b",\"anchor\":\"publication\"}",
            DateAnchor::Previous => b",\"anchor\":\"previous\"}",
            DateAnchor::Dateline => b",\"anchor\":\"dateline\"}",
        },
    );
}

fn casualty(out: &mut Vec<u8>, c: &Casualty) {
    raw(out, b"{\"text\":");
    string(out, &c.text);
    raw(out, b",\"start\":");
    uint(out, c.start as u64);
    raw(out, b",\"end\":");
    uint(out, c.end as u64);
    raw(out, b",\"kind\":");
    name(out, casualty_kind(c.kind));
    for (key, v) in [
        (&b",\"min\":"[..], c.min),
        (b",\"max\":", c.max),
        (b",\"approx\":", c.approx),
    ] {
        raw(out, key);
        match v {
            Some(n) => uint(out, n),
            None => raw(out, b"null"),
        }
    }
    raw(out, b",\"who\":");
    string(out, &c.who);
    if let Some(w) = &c.who_text {
        raw(out, b",\"who_text\":");
        string(out, w);
    }
    raw(
        out,
        match c.scope {
            Scope::Event => b",\"scope\":\"event\"",
            Scope::Cumulative => b",\"scope\":\"cumulative\"",
        },
    );
    for (key, set) in [
        (&b",\"exclusive\":true"[..], c.exclusive),
        (b",\"released\":true", c.released),
        (b",\"superseded\":true", c.superseded),
    ] {
        if set {
            raw(out, key);
        }
    }
    if let Some(i) = c.subset_of {
        raw(out, b",\"subset_of\":");
        uint(out, i as u64);
    }
    for (key, list) in [
        (&b",\"places\":"[..], &c.places),
        (b",\"dates\":", &c.dates),
        (b",\"groups\":", &c.groups),
    ] {
        if !list.is_empty() {
            raw(out, key);
            strings(out, list);
        }
    }
    out.push(b'}');
}

fn summary(out: &mut Vec<u8>, s: &CasualtySummary) {
    raw(out, b"{\"best\":");
    uint(out, s.best);
    raw(out, b",\"high\":");
    uint(out, s.high);
    raw(out, b",\"figures\":[");
    for (n, i) in s.figures.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        uint(out, *i as u64);
    }
    raw(out, b"]}");
}

fn casualty_kind(k: CasualtyKind) -> &'static str {
    k.as_str()
}

/// A constant JSON fragment (punctuation, `"key":`), which needs no escaping.
#[inline]
fn raw(out: &mut Vec<u8>, fragment: &[u8]) {
    out.extend_from_slice(fragment);
}

/// A string value from one of the record's enums: plain ASCII words, so
/// quoted without a scan.
#[inline]
fn name(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!needs_escape(s.as_bytes()), "{s:?}");
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
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
        None => raw(out, b"null"),
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
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if needs_escape(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// The contents of a string with something to escape, a byte at a time.
#[cold]
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let Some(esc) = escape(b) else { continue };
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
    out.extend_from_slice(&bytes[from..]);
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

/// Whether any byte of `b` needs escaping: the test of [`needs_escape_any`]
/// on eight bytes at a time. A string shorter than eight bytes is read as
/// one word made of overlapping loads (two of four bytes, or the first,
/// middle and last byte padded with a letter), and a longer one's last
/// partial word is the eight bytes ending the string, so no byte is
/// tested alone.
#[inline]
fn needs_escape(b: &[u8]) -> bool {
    const PAD: u64 = 0x4141_4141_4100_0000; // "AAAAA" above three bytes
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
    let half = |at: usize| u64::from(u32::from_le_bytes(b[at..at + 4].try_into().expect("four")));
    match n {
        0 => false,
        1..=3 => {
            let w = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
            needs_escape_any(w | PAD)
        }
        4..=7 => needs_escape_any(half(0) | half(n - 4) << 32),
        _ => {
            let mut at = 0;
            while at + 8 <= n {
                if needs_escape_any(word(at)) {
                    return true;
                }
                at += 8;
            }
            at < n && needs_escape_any(word(n - 8))
        }
    }
}

/// Whether any byte of `w` is below 0x20, a `"` or a `\` (the SWAR tests
/// of "has a zero byte" on `w` and on `w` xor each repeated character,
/// or-ed together and tested once: strings rarely fail any, so one branch
/// does better than three).
#[inline]
fn needs_escape_any(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    // A byte below 0x20: subtracting 0x20 borrows into its high bit, unless
    // the byte had its high bit set already (non-ASCII, never escaped).
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let quote = zero_in(w ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(w ^ (ONES * u64::from(b'\\')));
    (below_space | quote | backslash) & HIGHS != 0
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

    /// The word-at-a-time test against the byte loop, with the byte that
    /// needs escaping (or one just outside the escaped ranges) at every
    /// position of strings of every length the overlapping loads treat
    /// differently.
    #[test]
    fn needs_escape_finds_every_position() {
        let reference = |b: &[u8]| b.iter().any(|&x| escape(x).is_some());
        for n in 0..=25 {
            assert!(!needs_escape(&vec![b'a'; n][..]), "clean, length {n}");
            for at in 0..n {
                for bad in [0u8, 0x1f, b'"', b'\\', b' ', b'!', 0x7f, 0x80, 0xff] {
                    let mut b = vec![b'a'; n];
                    b[at] = bad;
                    assert_eq!(needs_escape(&b), reference(&b), "{b:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_strings_escape_as_serde_json(s in ".{0,40}") {
            prop_assert_eq!(ours(&s), serde(&s));
        }

        /// Short strings dense in characters to escape, where the
        /// overlapping loads could miss one.
        #[test]
        fn escape_heavy_strings_escape_as_serde_json(
            s in "[\\x00-\\x1f\"\\\\ a-zé]{0,24}"
        ) {
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
