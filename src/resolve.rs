//! From candidate spans to entities: choose one referent for every
//! gazetteer hit, keep the context names nothing else claimed, and link the
//! short forms of a name to the referent it was first given in full.
//!
//! Order matters and is deliberate: gazetteer hits first (they carry ids),
//! then context names in the gaps, then in-document aliases ("Goïta" after
//! "Assimi Goïta") in the gaps that remain, so a weaker source never
//! overrides a stronger one.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::gazetteer::{Entry, EntryType, GazetteerMatch, Matcher};
use crate::names::{ContextName, Lexicon};
use crate::normalize::{fold_char, normalize, Normalized};
use crate::record::{Entity, EntitySource, EntityType};
use crate::span::{DisjointSpans, SpanIndex};
use crate::tokenize::{starts_uppercase, Keys, TokenKind, Tokens};

/// Words that, just before a small place's name, vouch that it is a place.
const LOCATIVE_CUES: &[&str] = &[
    // "de" counts ("les carrières de Savonnières"): within one sentence
    // and three words, it rescues far more villages than it misleads.
    "de", "d'", "du", "a", "au", "aux", "dans", "pres", "vers", "entre", "depuis",
    // Locative nouns ("le village de", "la commune de") are the context
    // rules' list: see `names::is_place_noun`.
    "nord", "sud", "est", "ouest", "centre", "sur", "jusqu'",
];

/// Generic nouns an alias may carry before the name but a mention's span
/// leaves out: the name is "Tillabéri" in "la région de Tillabéri", "Niger"
/// in "le fleuve Niger", "Alibori" in "le département de l'Alibori" (the
/// referent is still the one the longer alias names).
const PLACE_HEAD_NOUNS: &[&str] = &[
    "region",
    "province",
    "prefecture",
    "departement",
    "cercle",
    "commune",
    "fleuve",
    "lac",
    "golfe",
    "parc national",
    "parc",
    "massif",
    "foret",
    "riviere",
    "etat",
    "ville",
    "bassin",
    "pays",
    "wilaya",
    "district",
    "territoire",
    "ile",
    "iles",
    "mont",
    "monts",
    "plateau",
    "vallee",
    "desert",
    "delta",
    "zone",
    "canton",
    "oasis",
];
// Longest first: " de l'" before " de ", so "province de l'Ituri" peels to "Ituri".
const PLACE_HEAD_LINKS: &[&str] = &[" de l'", " de ", " du ", " des ", " d'", " "];

/// Generic words before an organisation's name: "le groupe Wagner", "la
/// société Wagner". Only peeled when a capital follows, so "Groupe de
/// soutien à l'islam et aux musulmans" stays whole.
const GROUP_HEADS: &[&str] = &[
    "groupe ",
    "societe ",
    "paramilitaires de ",
    "mercenaires de ",
    "milice ",
    "compagnie ",
    "agence ",
    "quotidien ",
    "journal ",
    "hebdomadaire ",
    "chaine ",
    "radio ",
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
    let surface = &body[start..end];
    // "au Caire", "du Cap", "aux Cayes": the article the preposition
    // contracted belongs to the name, but the span can only leave it out.
    // Capitalised "Du"/"Des" are left alone: "Des Moines" is a name.
    if kind == EntityType::Place {
        for art in ["au ", "aux ", "du ", "des ", "Au ", "Aux "] {
            if surface.len() > art.len()
                && surface.starts_with(art)
                && surface[art.len()..].starts_with(char::is_uppercase)
            {
                return start + art.len();
            }
        }
    }
    if !may_start_with_head(kind, surface) {
        return start;
    }
    let norm = Normalized::new(surface);
    let key = norm.key();
    // The key offset just past a head at key offset `at`, if one is there.
    let head_at = |at: usize| -> Option<usize> {
        let rest = &key[at..];
        match kind {
            EntityType::Person => PERSON_HEADS
                .iter()
                .find(|h| rest.len() > h.len() && rest.starts_with(*h))
                .map(|h| at + h.len()),
            EntityType::Place => PLACE_HEAD_NOUNS.iter().find_map(|noun| {
                let after = rest.strip_prefix(noun)?;
                let link = PLACE_HEAD_LINKS
                    .iter()
                    .find(|l| after.len() > l.len() && after.starts_with(*l))?;
                Some(at + noun.len() + link.len())
            }),
            EntityType::Group => GROUP_HEADS
                .iter()
                .find(|h| rest.len() > h.len() && rest.starts_with(*h))
                .map(|h| at + h.len()),
        }
    };
    // Peel heads one after another ("bassin du lac Tchad" → "Tchad"), and
    // keep the result only if it starts with a capital, so a name that is
    // all generic words ("lac Vert" aside) stays whole.
    let mut at = 0;
    while let Some(next) = head_at(at) {
        at = next;
    }
    if at == 0 || at >= key.len() {
        return start;
    }
    let (s, _) = norm.source_span(at, at + 1);
    if surface[s..].chars().next().is_some_and(char::is_uppercase) {
        start + s
    } else {
        start
    }
}

/// The first words of the heads of each type (index: `head_kind`).
static HEAD_FIRST_WORDS: LazyLock<[FxHashSet<&'static str>; 3]> = LazyLock::new(|| {
    let firsts = |list: &[&'static str]| -> FxHashSet<&'static str> {
        list.iter().filter_map(|h| h.split(' ').next()).collect()
    };
    [
        firsts(PERSON_HEADS),
        firsts(PLACE_HEAD_NOUNS),
        firsts(GROUP_HEADS),
    ]
});

fn head_kind(kind: EntityType) -> usize {
    match kind {
        EntityType::Person => 0,
        EntityType::Place => 1,
        EntityType::Group => 2,
    }
}

/// Whether the key of `surface` may start with a head of `kind`, without
/// building the key: every head is a word then a space (a place noun is
/// followed by a link that starts with one), so its first word must be the
/// key's text before its first space, folded here char by char as
/// [`Normalized::new`] would.
fn may_start_with_head(kind: EntityType, surface: &str) -> bool {
    let b = surface.as_bytes();
    // Most hits are ASCII up to their first white space, or to their end:
    // settled on the bytes, as `fold_char` folds ASCII (a letter to its
    // lowercase, a backquote to an apostrophe, white space to a space).
    match b
        .iter()
        .position(|&x| !x.is_ascii() || x.is_ascii_whitespace())
    {
        // One ASCII word: no head, which a space follows.
        None => false,
        Some(n) if b[n].is_ascii() => {
            let mut word = [0u8; MAX_HEAD_WORD];
            let Some(word) = word.get_mut(..n) else {
                return false;
            };
            for (w, &x) in word.iter_mut().zip(b) {
                *w = if x == b'`' {
                    b'\''
                } else {
                    x.to_ascii_lowercase()
                };
            }
            std::str::from_utf8(word).is_ok_and(|w| HEAD_FIRST_WORDS[head_kind(kind)].contains(w))
        }
        Some(_) => may_start_with_head_folded(kind, surface),
    }
}

/// Longer than any head's first word ("lieutenant-colonel").
const MAX_HEAD_WORD: usize = 24;

/// [`may_start_with_head`], folding every char up to the first space.
fn may_start_with_head_folded(kind: EntityType, surface: &str) -> bool {
    const MAX: usize = MAX_HEAD_WORD;
    let mut word = [0u8; MAX];
    let mut len = 0;
    let mut fits = true;
    let mut spaced = false;
    for c in surface.chars() {
        fold_char(c, |k| {
            if k == ' ' {
                spaced = true;
            } else if !spaced {
                let n = k.len_utf8();
                if len + n <= MAX {
                    k.encode_utf8(&mut word[len..]);
                    len += n;
                } else {
                    fits = false;
                }
            }
        });
        if spaced || !fits {
            break;
        }
    }
    spaced
        && fits
        && std::str::from_utf8(&word[..len])
            .is_ok_and(|w| HEAD_FIRST_WORDS[head_kind(kind)].contains(w))
}

/// Whether a hit is only a small town's name: one word, not a country or
/// region, under 100,000 people. Such a hit yields to a person's name
/// found around it.
pub fn is_weak_hit(matcher: &Matcher, hit: &GazetteerMatch) -> bool {
    let e = matcher.entry(hit.candidates[0]);
    // A hit kept only on evidence may be dropped: it must not block names.
    if e.needs_cue
        && hit.candidates[1..]
            .iter()
            .all(|&c| matcher.entry(c).needs_cue)
    {
        return true;
    }
    e.kind == EntryType::Place
        && is_small_town(e.class.as_deref(), e.population)
        && !e.canonical.contains(' ')
}

/// Whether a person hit is a namesake: the word right before it is a
/// capitalised given name ([`Lexicon::is_given_name`]) that the known
/// person's canonical name does not hold. "Salem Ben Ali" is not Zine
/// el-Abidine Ben Ali: the hit must not claim its words, so the names
/// stage can read the whole name.
pub fn is_namesake_hit(
    body: &str,
    tokens: &Tokens,
    matcher: &Matcher,
    hit: &GazetteerMatch,
    lexicon: &Lexicon,
) -> bool {
    let e = matcher.entry(hit.candidates[0]);
    if e.kind != EntryType::Person {
        return false;
    }
    let i = tokens.token_at_or_after(hit.start);
    let Some(prev) = i.checked_sub(1).map(|p| &tokens.tokens[p]) else {
        return false;
    };
    let word = prev.text(body);
    if prev.kind != TokenKind::Word
        // A hit may start inside a token ("Saint-Ouen" holds "Ouen"): then
        // nothing stands before it.
        || body.get(prev.end..hit.start) != Some(" ")
        || !word.starts_with(char::is_uppercase)
        || word.chars().count() < 3
    {
        return false;
    }
    let keys = tokens.keys_of(body);
    let key = keys.normalized(i - 1, word);
    lexicon.is_given_name(&key) && !e.canonical.split_whitespace().any(|w| normalize(w) == *key)
}

/// A place that is neither a country nor a region (or department) and has
/// under 100,000 people: its name yields to a person's name around it.
fn is_small_town(class: Option<&str>, population: Option<u64>) -> bool {
    !matches!(
        class,
        Some("country" | "region" | "department" | "macro-region" | "continent")
    ) && population.unwrap_or(0) < 100_000
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
            && !has_locative_cue(
                body,
                tokens,
                hit.start,
                matches!(entry.class.as_deref(), Some("city" | "town" | "village")),
            )
        {
            continue;
        }
        // A street or building takes a person's name as readily as a
        // place's: "l'aéroport Ben Gourion", "le lycée Modibo Keïta".
        if matches!(kind, EntityType::Place | EntityType::Person)
            && names_a_street_or_building(body, tokens, hit.start)
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
    // The gazetteer's entities lead the list, sorted and disjoint (as the
    // hits are: a name's start only moves inside its hit); the context
    // names follow in their order. When the names are disjoint too (and
    // none is empty), none overlaps or holds another's entity, and the
    // entities a name overlaps are a run of the leading ones, found by
    // binary search: scanning every entity for every name was quadratic
    // on long bodies.
    let mut leading = entities.len();
    let indexed = disjoint(entities.iter().map(|e| (e.start, e.end)))
        && disjoint(names.iter().map(|n| (n.start, n.end)));
    // The entities that may overlap `start..end`.
    let near = |entities: &[Entity], leading: usize, start: usize, end: usize| {
        if indexed {
            overlap_run(&entities[..leading], start, end, |e| (e.start, e.end))
        } else {
            0..entities.len()
        }
    };
    for n in names {
        // An organisation's name holds the places it is named after ("Front
        // de libération de l'Azawad"): the name wins over a place hit inside.
        if n.kind == EntityType::Person {
            // A person's name found by its cue wins over a small town's name inside it.
            // So does a longer name over a known person's surname inside it
            // ("Salem Ben Ali": another Ben Ali).
            let yields_to_name = |e: &Entity| {
                ((e.kind == EntityType::Place && is_small_town(e.class.as_deref(), e.population))
                    || (e.kind == EntityType::Person && n.start < e.start))
                    && e.source == EntitySource::Gazetteer
                    && n.start <= e.start
                    && e.end <= n.end
            };
            // One pass decides; the list is rewritten only when a town
            // must go (rewriting it for every name was quadratic on long
            // bodies).
            let run = near(&entities, leading, n.start, n.end);
            let (blocked, towns) = overlapping(&entities[run], n.start, n.end, yields_to_name);
            if !blocked && towns {
                let before = entities.len();
                entities.retain(|e| !yields_to_name(e));
                // Only entities the name overlaps go: leading ones.
                leading -= before - entities.len();
            }
        }
        if n.kind == EntityType::Group {
            // A name its acronym defines also wins over shorter names of
            // any kind inside it.
            let inside_places = |e: &Entity| {
                (e.kind == EntityType::Place || (n.defined && (e.start, e.end) != (n.start, n.end)))
                    && n.start <= e.start
                    && e.end <= n.end
            };
            let run = near(&entities, leading, n.start, n.end);
            let (blocked, inside) = overlapping(&entities[run], n.start, n.end, inside_places);
            if !blocked && inside {
                let before = entities.len();
                entities.retain(|e| !inside_places(e));
                leading -= before - entities.len();
            }
        }
        let run = near(&entities, leading, n.start, n.end);
        if overlaps(&entities[run], n.start, n.end) {
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
    link_long_forms(body, &mut entities);
    link_acronyms(body, &mut entities);
    link_nicknames(body, &mut entities);
    link_short_forms(body, tokens, &mut entities);
    entities
}

/// Head nouns of an organisation's long name: "Mission de l'ONU en RDC
/// (Monusco)", "Force intérimaire des Nations unies au Liban (Finul)".
const LONG_FORM_HEADS: &[&str] = &[
    "Mission",
    "Force",
    "Forces",
    "Bureau",
    "Haut-Commissariat",
    "Programme",
    "Fonds",
    "Office",
    "Organisation",
    "Agence",
    "Commission",
    "Comité",
    "Conseil",
    "Coalition",
    "Alliance",
    "Front",
    "Mouvement",
    "Groupe",
    "Parti",
    "Rassemblement",
    "Union",
    "Coordination",
];

/// A known group's acronym in parentheses names the long form written
/// right before it, which the gazetteer may not hold in that wording:
/// "la Mission de l'ONU en RDC (Monusco)" is one mention of the Monusco,
/// not the UN and a country. The long form starts at an organisation's
/// capitalised head noun in the same sentence, at most twelve words back.
fn link_long_forms(body: &str, entities: &mut Vec<Entity>) {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, acronym entity)
    for (n, g) in entities.iter().enumerate() {
        // A wire's credit, "NIAMEY (AFP)", names no long form.
        if g.kind != EntityType::Group
            || g.source == EntitySource::Context
            || matches!(
                g.id.as_deref(),
                Some("group:afp" | "group:reuters" | "group:ap")
            )
        {
            continue;
        }
        let before = &body[..g.start];
        let Some(open) = before.strip_suffix('(') else {
            continue;
        };
        let end = open.trim_end_matches(' ').len();
        if end == open.len() || end == 0 {
            continue; // "X(ACR)" or nothing before
        }
        // Words back from the parenthesis, within the sentence.
        let stretch = &body[..end];
        let limit = stretch
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '.' | ';' | '(' | ')' | '\n' | '«' | '»' | ':'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        // The nearest head noun at most twelve words back.
        let start = stretch[limit..]
            .rmatch_indices(' ')
            .take(12)
            .map(|(i, _)| limit + i + 1)
            .find(|&at| {
                let word = body[at..end].split([' ', '\'', '’']).next().unwrap_or("");
                LONG_FORM_HEADS.contains(&word)
            });
        let Some(start) = start else {
            continue;
        };
        // Nothing to add when the gazetteer already reads the long form,
        // when an entity crosses its edges, or when a person is inside (it
        // is then a sentence, no name). A long form ending in a group's name
        // is that group's body, two mentions as the guidelines count them
        // ("Bureau de la coordination des affaires humanitaires des Nations
        // unies (Ocha)").
        let j = entities.partition_point(|e| e.end <= start);
        let refused = entities[j..n].iter().filter(|e| e.start < end).any(|e| {
            e.start == start && e.end == end
                || e.start < start
                || e.end > end
                || e.kind == EntityType::Person
                || (e.kind == EntityType::Group && e.end == end)
        });
        if refused {
            continue;
        }
        found.push((start, end, n));
    }
    if found.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for &(start, end, n) in &found {
        let g = &entities[n];
        added.push(mention_of(g, body, (start, end), EntitySource::Alias));
    }
    entities.retain(|e| !found.iter().any(|&(s, t, _)| s <= e.start && e.end <= t));
    entities.extend(added);
    entities.sort_by_key(|e| e.start);
}

/// The words that introduce a person's nickname after the name: "Oumar
/// Sylla, dit Foniké Menguè", "Jimmy Chérizier, alias « Barbecue »".
/// A bare " dit " is mostly "says" ("Macron dit « Nous resterons »").
const NICKNAME_LEADS: &[&str] = &[", dit ", ", alias ", " alias ", ", surnommé "];

/// A nickname right after a person's name is another mention of that
/// person: one to three capitalised words, in quotation marks or not.
fn link_nicknames(body: &str, entities: &mut Vec<Entity>) {
    let mut found: Vec<Entity> = Vec::new();
    for (n, e) in entities.iter().enumerate() {
        if e.kind != EntityType::Person {
            continue;
        }
        let rest = &body[e.end..];
        let Some(lead) = NICKNAME_LEADS.iter().find(|l| rest.starts_with(**l)) else {
            continue;
        };
        let mut start = e.end + lead.len();
        let mut quoted = false;
        for quote in ["« ", "«\u{a0}", "«\u{202f}", "«", "\"", "“"] {
            if body[start..].starts_with(quote) {
                start += quote.len();
                quoted = true;
                break;
            }
        }
        // Capitalised words joined by single spaces or hyphens.
        let mut end = start;
        let mut words = 0;
        for word in body[start..].split(' ') {
            let w = word.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            if words == 3 || !w.starts_with(char::is_uppercase) || w.is_empty() {
                break;
            }
            end = if end == start { start } else { end + 1 } + w.len();
            words += 1;
            if w.len() != word.len() {
                break;
            }
        }
        if words == 0 || !body.is_char_boundary(end) {
            continue;
        }
        // A quoted nickname closes its quotation marks: more is a quote.
        if quoted
            && !body[end..]
                .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                .starts_with(['»', '"', '”'])
        {
            continue;
        }
        // It may already be an entity (a known nickname): then it stays.
        let next = entities.get(n + 1);
        if next.is_some_and(|x| x.start < end) {
            continue;
        }
        found.push(mention_of(e, body, (start, end), EntitySource::Context));
    }
    if !found.is_empty() {
        entities.extend(found);
        entities.sort_by_key(|e| e.start);
    }
}

/// Words that open a list of places: "à Diafarabé, Kourouma et Toladié",
/// "entre Gao, Ansongo et Ménaka".
const PLACE_LIST_LEADS: &[&str] = &["a", "au", "aux", "de", "d'", "du", "dans", "vers", "entre"];
const LIST_ARTICLES: &[&str] = &["le", "la", "les", "l'"];
/// The longest name a list member may have, in words.
const LIST_MEMBER_WORDS: usize = 3;

/// Places named in one list with a known place ("à Diafarabé, Kourouma et
/// Toladié", where only Diafarabé is in a gazetteer): wire copy lists the
/// villages of one attack this way, and the list vouches for the unknown
/// ones. A list counts only after a locative word, ended by "et" or "ou",
/// opening on a known place, with every member capitalised and none another
/// kind of entity, a first name, a stop-word or an unknown name after an
/// article; its unknown members become context places. `entities` is sorted by start and stays so.
pub fn place_lists<S: std::hash::BuildHasher>(
    body: &str,
    tokens: &Tokens,
    stopwords: &FxHashSet<String>,
    given_names: &std::collections::HashSet<String, S>,
    entities: &mut Vec<Entity>,
) {
    let keys = tokens.keys_of(body);
    let toks = &tokens.tokens;
    let capital_word =
        |i: usize| toks[i].kind == TokenKind::Word && starts_uppercase(toks[i].text(body));
    // The entity starting at a token (entities are sorted by start).
    let entity_at = |start: usize| {
        entities
            .binary_search_by_key(&start, |e| e.start)
            .ok()
            .map(|mut k| {
                while k > 0 && entities[k - 1].start == start {
                    k -= 1;
                }
                k
            })
    };
    let mut added: Vec<Entity> = Vec::new();
    let mut resume = 0;
    // A list opens on a known place: try each place with a locative word
    // (and perhaps an article) before it.
    for p in 0..entities.len() {
        if entities[p].kind != EntityType::Place || entities[p].start < resume {
            continue;
        }
        let first = tokens.token_at_or_after(entities[p].start);
        let Some(sentence) = tokens.sentence_at(entities[p].start) else {
            continue;
        };
        let (sentence_start, end) = {
            let r = &tokens.sentences[sentence].tokens;
            (r.start, r.end)
        };
        let mut lead = first;
        if lead > sentence_start && LIST_ARTICLES.contains(&keys.get(lead - 1)) {
            lead -= 1;
        }
        if lead == sentence_start
            || !PLACE_LIST_LEADS.contains(&keys.get(lead - 1))
            || is_verb_a(body, &toks[lead - 1])
        {
            continue;
        }
        // Members: (first token, token past the end, entity index if known).
        let mut members: Vec<(usize, usize, Option<usize>)> = Vec::new();
        let mut closed = false;
        let mut j = first;
        loop {
            // "entre le Mali, le Niger et le Burkina": an article may stand
            // before a known member; before an unknown one it announces a
            // common noun or an organisation ("et le Samu").
            let article = !members.is_empty() && j < end && LIST_ARTICLES.contains(&keys.get(j));
            if article {
                j += 1;
            }
            if j >= end || !capital_word(j) {
                break;
            }
            let (past, known) = match entity_at(toks[j].start) {
                Some(k) => (tokens.token_at_or_after(entities[k].end), Some(k)),
                None if article => break,
                None => {
                    let mut past = j + 1;
                    // "Ouahigouya", "Dori-Sebba": capitalised words and
                    // inner hyphens.
                    while past < end && past - j < 2 * LIST_MEMBER_WORDS {
                        let hyphen = toks[past].text(body) == "-"
                            && past + 1 < end
                            && capital_word(past + 1)
                            && toks[past].start == toks[past - 1].end;
                        if hyphen {
                            past += 2;
                        } else if capital_word(past) {
                            past += 1;
                        } else {
                            break;
                        }
                    }
                    (past, None)
                }
            };
            members.push((j, past, known));
            if closed {
                break;
            }
            match (past < end).then(|| keys.get(past)) {
                Some(",") => j = past + 1,
                Some("et") | Some("ou") => {
                    closed = true;
                    j = past + 1;
                }
                _ => break,
            }
        }
        let valid = closed
            && members.len() >= 2
            && members.iter().all(|&(first, past, known)| match known {
                Some(k) => entities[k].kind == EntityType::Place,
                None => {
                    let key = keys.get(first);
                    past > first
                        && !(past == first + 1 && stopwords.contains(key))
                        && !given_names.contains(key)
                }
            });
        if !valid {
            continue;
        }
        for &(first, past, known) in &members {
            if known.is_none() {
                let (s, e) = (toks[first].start, toks[past - 1].end);
                added.push(Entity::new(
                    EntityType::Place,
                    body,
                    (s, e),
                    body[s..e].to_string(),
                    None,
                    EntitySource::Context,
                ));
            }
        }
        resume = members.last().map_or(0, |m| toks[m.1 - 1].end);
    }
    if !added.is_empty() {
        entities.extend(added);
        entities.sort_by_key(|e| e.start);
    }
}

/// "Front de libération de l'Azawad (FLA)", "(Jnim ou GSIM)": an acronym in
/// parentheses right after a name is that referent, there and wherever it
/// stands alone later in the article.
fn link_acronyms(body: &str, entities: &mut Vec<Entity>) {
    let mut defined: Vec<(String, usize)> = Vec::new(); // (acronym, index of its referent)
    for (i, e) in entities.iter().enumerate() {
        let rest = &body[e.end..];
        let Some(inner) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('(')) else {
            continue;
        };
        // Only a close within 40 bytes counts: look no further (a byte
        // search finds the same first ')' as a char search, as UTF-8 never
        // uses ASCII bytes inside a multi-byte char).
        let near = &inner.as_bytes()[..inner.len().min(41)];
        let Some(close) = near.iter().position(|&b| b == b')') else {
            continue;
        };
        for acr in inner[..close].split(" ou ").map(str::trim) {
            let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
            let word = acr
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
            // A place's or a person's acronym starts with its initial
            // ("République démocratique du Congo (RDC)"); an acronym after
            // one that does not is the name's before it ("… de l'Union
            // africaine en Somalie (AUSSOM)"). Organisations keep English
            // acronyms (Iswap, Ocha), so theirs may start with any letter.
            let initial = |t: &str| {
                let mut k = String::new();
                t.chars().take(1).for_each(|c| fold_char(c, |f| k.push(f)));
                k
            };
            let starts_alike = e.kind == EntityType::Group || initial(acr) == initial(&e.text);
            if (2..=10).contains(&letters)
                && word
                && acr.starts_with(char::is_uppercase)
                && acr != e.text
                && starts_alike
            {
                defined.push((acr.to_string(), i));
            }
        }
    }
    if defined.is_empty() {
        return;
    }
    let taken = SpanIndex::new(entities.iter().map(|e| (e.start, e.end)));
    let mut added_spans = DisjointSpans::default();
    let mut added: Vec<Entity> = Vec::new();
    let patterns: Vec<&str> = defined.iter().map(|(a, _)| a.as_str()).collect();
    let found = occurrences(body, &patterns);
    // Later mentions the names stage took for unknown acronyms ("Le PSF a
    // protesté") are the defined group's: relinked once the loop is done.
    let mut relink: Vec<(usize, usize)> = Vec::new(); // (entity, referent)
    for ((acr, i), starts) in defined.iter().zip(&found) {
        let referent = &entities[*i];
        for &s in starts {
            let e = s + acr.len();
            if taken.overlaps(s, e) {
                let j = entities.partition_point(|x| x.start < s);
                if let Some(x) = entities.get(j) {
                    if x.end == e && x.source == EntitySource::Context && x.canonical == *acr {
                        relink.push((j, *i));
                    }
                }
                continue;
            }
            if bounded(body, s, e) && !added_spans.overlaps(s, e) {
                added_spans.insert(s, e);
                added.push(mention_of(referent, body, (s, e), EntitySource::Alias));
            }
        }
    }
    for (j, i) in relink {
        let (kind, canonical, id) = {
            let r = &entities[i];
            (r.kind, r.canonical.clone(), r.id.clone())
        };
        let x = &mut entities[j];
        x.kind = kind;
        x.canonical = canonical;
        x.id = id;
        x.source = EntitySource::Alias;
    }
    entities.extend(added);
    entities.sort_by_key(|e| e.start);
}

/// Another mention of `referent`'s referent, at `span` of `body`: its
/// type, canonical name and id, none of its gazetteer details.
fn mention_of(referent: &Entity, body: &str, span: (usize, usize), source: EntitySource) -> Entity {
    Entity::new(
        referent.kind,
        body,
        span,
        referent.canonical.clone(),
        referent.id.clone(),
        source,
    )
}

/// Whether `body[s..e]` stands alone: no letter or digit right before or after.
fn bounded(body: &str, s: usize, e: usize) -> bool {
    !body[..s]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !body[e..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Below this much work (body bytes × patterns), [`occurrences`] searches
/// pattern by pattern: building an automaton costs more than it saves.
const MULTI_PATTERN_WORK: usize = 1 << 18;

/// For each pattern, the starts of its occurrences in `body` exactly as
/// `body.match_indices(pattern)` gives them: left to right, non-overlapping.
///
/// One search per pattern costs `O(patterns × body)`, which long articles
/// naming hundreds of people feel. Past [`MULTI_PATTERN_WORK`], one
/// Aho-Corasick pass reports every occurrence of every pattern, overlapping
/// ones included; sorted, then picked greedily left to right (an occurrence
/// is kept when it starts at or after the end of the last one kept), they
/// are what `match_indices` returns, since it resumes its search at the end
/// of each match.
fn occurrences(body: &str, patterns: &[&str]) -> Vec<Vec<usize>> {
    let big = patterns.len() > 1
        && body.len().saturating_mul(patterns.len()) >= MULTI_PATTERN_WORK
        && patterns.iter().all(|p| !p.is_empty());
    if big {
        if let Some(found) = occurrences_at_once(body, patterns) {
            return found;
        }
    }
    occurrences_one_by_one(body, patterns)
}

/// [`occurrences`] one pattern at a time: `memmem` reports what
/// `match_indices` does (leftmost, non-overlapping) with a vectorised search.
fn occurrences_one_by_one(body: &str, patterns: &[&str]) -> Vec<Vec<usize>> {
    patterns
        .iter()
        .map(|p| {
            if p.is_empty() {
                // memmem matches the empty needle at every byte, not char.
                return body.match_indices(p).map(|(s, _)| s).collect();
            }
            memchr::memmem::find_iter(body.as_bytes(), p.as_bytes()).collect()
        })
        .collect()
}

/// [`occurrences`] in one pass; `None` if the automaton cannot be built.
fn occurrences_at_once(body: &str, patterns: &[&str]) -> Option<Vec<Vec<usize>>> {
    // The automaton gets each distinct pattern once; repeats share its list.
    let mut distinct: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let slots: Vec<usize> = patterns
        .iter()
        .map(|&p| {
            *index.entry(p).or_insert_with(|| {
                distinct.push(p);
                distinct.len() - 1
            })
        })
        .collect();
    let ac = aho_corasick::AhoCorasick::new(&distinct).ok()?;
    let mut all: Vec<(u32, usize)> = ac
        .find_overlapping_iter(body)
        .map(|m| (m.pattern().as_u32(), m.start()))
        .collect();
    all.sort_unstable();
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for (p, s) in all {
        let p = p as usize;
        let next = found[p].last().map_or(0, |&last| last + distinct[p].len());
        if s >= next {
            found[p].push(s);
        }
    }
    Some(slots.into_iter().map(|i| found[i].clone()).collect())
}

/// ISO codes of the countries an article names, by an unambiguous country
/// hit or a demonym: the evidence that settles "Kayes" (Mali or Congo).
fn countries_named<'a>(matcher: &'a Matcher, hits: &[GazetteerMatch]) -> FxHashSet<&'a str> {
    let mut out = FxHashSet::default();
    for hit in hits {
        let first = matcher.entry(hit.candidates[0]);
        let is_country =
            first.class.as_deref() == Some("country") || first.kind == EntryType::Demonym;
        // A country whose name is also a word or a first name ("Maurice",
        // "Dominique") is no evidence until it passes its own cue test,
        // else it would vouch for itself.
        if is_country && !first.needs_cue {
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
    countries: &FxHashSet<&str>,
) -> Option<Choice<'a>> {
    let first = matcher.entry(*hit.candidates.first()?);
    if hit.candidates.len() == 1 {
        return Some((first, Vec::new(), None));
    }
    // The candidates are read in place: collecting them cost an allocation
    // per ambiguous hit.
    let cands = || hit.candidates.iter().map(|&i| matcher.entry(i));
    let by_country =
        cands().position(|e| e.country.as_deref().is_some_and(|c| countries.contains(c)));
    let (pick, why) = match by_country {
        // Only a real choice when the top-priority candidate is not already
        // it, and is no place spanning countries: "la région du Sahel" is
        // read as the region of several states even when the article names
        // Burkina Faso, whose "Région du Sahel" shares the name (it stays
        // among the alternatives): the wider reading is the commoner one.
        Some(i)
            if i > 0
                && !matches!(first.class.as_deref(), Some("macro-region" | "continent"))
                && first
                    .country
                    .as_deref()
                    .is_none_or(|c| !countries.contains(c)) =>
        {
            (i, "country")
        }
        _ => (0, "priority"),
    };
    let chosen = matcher.entry(hit.candidates[pick]);
    let alternatives = cands()
        .enumerate()
        .filter(|&(i, _)| i != pick)
        .map(|(_, e)| e.id.clone())
        .collect();
    Some((chosen, alternatives, Some(why.to_string())))
}

/// Whether a locative word within three words before byte `start` vouches
/// for the place named there. For a `town`, a definite article right before
/// the name voids the cue: a town's name takes none ("de la Say" names a
/// company), unlike a river's or a department's ("de la Meuse"); a town
/// whose name holds one has it in its alias ("Le Mans").
fn has_locative_cue(body: &str, tokens: &Tokens, start: usize, town: bool) -> bool {
    let (i, sentence_start) = token_in_sentence(tokens, start);
    let keys = tokens.keys_of(body);
    if town && i > sentence_start && matches!(keys.get(i - 1), "le" | "la" | "les") {
        return false;
    }
    let first = i.saturating_sub(3).max(sentence_start);
    tokens.tokens[first..i].iter().enumerate().any(|(n, t)| {
        let k = keys.normalized(first + n, t.text(body));
        (LOCATIVE_CUES.contains(&&*k) || crate::names::is_place_noun(&k)) && !is_verb_a(body, t)
    })
}

/// Nouns of streets, whose name often borrows a place's ("rue de Paris",
/// "avenue Kwame-Nkrumah", "quai de la Loire"): a place name after one,
/// with or without "de", names the street. "route" and "axe" are not here:
/// "la route de Gao" leads to Gao, and reports name it as a place.
const STREET_NOUNS: &[&str] = &[
    "rue",
    "boulevard",
    "avenue",
    "quai",
    "impasse",
    "allee",
    "chemin",
];

/// Nouns of buildings named after a place or a person ("le lycée
/// Descartes", "le stade Kadiogo"). Only a bare name after one is the
/// building's: "l'école de Djibo" is in Djibo.
const BUILDING_NOUNS: &[&str] = &[
    "aeroport",
    "palais",
    "college",
    "lycee",
    "ecole",
    "eglise",
    "gare",
    "theatre",
    "stade",
    "hopital",
    "hotel",
    "universite",
    "mosquee",
    "cathedrale",
];

/// Whether the place or person name starting at `start` is part of a
/// street's or a building's name.
fn names_a_street_or_building(body: &str, tokens: &Tokens, start: usize) -> bool {
    let (i, sentence_start) = token_in_sentence(tokens, start);
    if i == 0 || i - 1 < sentence_start {
        return false;
    }
    let keys = tokens.keys_of(body);
    let key = |j: usize| keys.normalized(j, tokens.tokens[j].text(body));
    let prev = key(i - 1);
    if STREET_NOUNS.contains(&&*prev) || BUILDING_NOUNS.contains(&&*prev) {
        return true;
    }
    let de = matches!(&*prev, "de" | "du" | "des" | "d'");
    // "rue de Paris", "boulevard du Mali".
    de && i >= 2 + sentence_start && STREET_NOUNS.contains(&&*key(i - 2))
}

/// The token at byte `start` and the first token of its sentence: the
/// words a rule may look back over.
fn token_in_sentence(tokens: &Tokens, start: usize) -> (usize, usize) {
    let sentence_start = tokens
        .sentence_at(start)
        .map_or(0, |s| tokens.sentences[s].tokens.start);
    (tokens.token_at_or_after(start), sentence_start)
}

/// "a" (has) is no cue; "à" (at) is.
fn is_verb_a(body: &str, t: &crate::tokenize::Token) -> bool {
    matches!(t.text(body), "a" | "A")
}

/// The start of the longest run of words ending at `t` that are, in order,
/// the last words of `full` (without using its first word).
fn extend_over_name(
    body: &str,
    tokens: &Tokens,
    keys: &Keys,
    t: &crate::tokenize::Token,
    full: &str,
) -> usize {
    let words: Vec<String> = full.split_whitespace().map(normalize).collect();
    let mut i = tokens.token_at_or_after(t.start);
    let mut w = words.len().saturating_sub(1);
    let mut start = t.start;
    while i > 0 && w > 1 {
        let prev = &tokens.tokens[i - 1];
        if body[prev.end..tokens.tokens[i].start] != *" "
            || *keys.normalized(i - 1, prev.text(body)) != *words[w - 1]
        {
            break;
        }
        start = prev.start;
        i -= 1;
        w -= 1;
    }
    start
}

/// Among the entities overlapping `start..end`: whether one fails `yields`
/// (it blocks the name) and whether one passes it (it would give way).
/// `yields` only ever holds for entities inside the span.
fn overlapping(
    entities: &[Entity],
    start: usize,
    end: usize,
    yields: impl Fn(&Entity) -> bool,
) -> (bool, bool) {
    let mut any_yields = false;
    for e in entities.iter().filter(|e| e.start < end && start < e.end) {
        if !yields(e) {
            return (true, any_yields);
        }
        any_yields = true;
    }
    (false, any_yields)
}

/// The run of `spans` (sorted and disjoint, as [`disjoint`] tells) that
/// overlap `start..end`.
fn overlap_run<T>(
    spans: &[T],
    start: usize,
    end: usize,
    span: impl Fn(&T) -> (usize, usize),
) -> std::ops::Range<usize> {
    let lo = spans.partition_point(|x| span(x).1 <= start);
    lo..lo + spans[lo..].partition_point(|x| span(x).0 < end)
}

/// Whether `spans` come sorted, non-empty and pairwise disjoint (so their
/// ends are sorted too, and none holds another).
fn disjoint(spans: impl Iterator<Item = (usize, usize)>) -> bool {
    let mut last_end = 0;
    spans.enumerate().all(|(i, (s, e))| {
        let ok = (i == 0 || last_end <= s) && s < e;
        last_end = e;
        ok
    })
}

fn overlaps(entities: &[Entity], start: usize, end: usize) -> bool {
    entities.iter().any(|e| e.start < end && start < e.end)
}

/// Links the short forms of people named in full — the surname alone
/// ("Goïta", "M. Goïta" after "Assimi Goïta") — and finds again any name
/// first found by its cue ("l'analyste Lukas Weber", "à Haironville")
/// where it appears without it.
fn link_short_forms(body: &str, tokens: &Tokens, entities: &mut Vec<Entity>) {
    // Surname key → (canonical, id) of the person bearing it. A surname
    // shared by two people in the article is ambiguous: dropped.
    let mut surnames: FxHashMap<String, Option<(String, Option<String>)>> = FxHashMap::default();
    let mut context_names: Vec<(EntityType, String, String)> = Vec::new();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for e in entities
        .iter()
        .filter(|e| e.source == EntitySource::Context)
    {
        if seen.insert(e.text.as_str()) {
            context_names.push((e.kind, e.text.clone(), e.canonical.clone()));
        }
    }
    drop(seen);
    for e in entities.iter().filter(|e| e.kind == EntityType::Person) {
        let mut words = e.text.split_whitespace();
        let Some(last) = words.next_back() else {
            continue;
        };
        if words.next().is_none() {
            continue; // one word: no full name
        }
        let last = normalize(last);
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
    if !surnames.is_empty() {
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
    }
    // Nothing is added over an entity or over an earlier addition.
    let taken = SpanIndex::new(entities.iter().map(|e| (e.start, e.end)));
    let mut added_spans = DisjointSpans::default();
    let mut added: Vec<Entity> = Vec::new();
    let patterns: Vec<&str> = context_names.iter().map(|(_, n, _)| n.as_str()).collect();
    let found = occurrences(body, &patterns);
    for ((kind, name, canonical), starts) in context_names.iter().zip(&found) {
        for &s in starts {
            let e = s + name.len();
            if bounded(body, s, e) && !taken.overlaps(s, e) && !added_spans.overlaps(s, e) {
                added_spans.insert(s, e);
                added.push(Entity::new(
                    *kind,
                    body,
                    (s, e),
                    canonical.clone(),
                    None,
                    EntitySource::Alias,
                ));
            }
        }
    }
    if !surnames.is_empty() {
        let keys = tokens.keys_of(body);
        let shapes = KeyShapes::new(surnames.keys().map(String::as_str));
        let bytes = body.as_bytes();
        for (i, t) in tokens.tokens.iter().enumerate() {
            // Most words start with a lowercase ASCII letter: settle them
            // on that byte, before slicing the body.
            if t.kind != TokenKind::Word
                || bytes[t.start].is_ascii_lowercase()
                || !starts_uppercase(t.text(body))
            {
                continue;
            }
            let key = keys.normalized(i, t.text(body));
            if !shapes.may_contain(&key) {
                continue;
            }
            let Some(Some((canonical, id))) = surnames.get(&*key) else {
                continue;
            };
            let free = |s: usize, e: usize| !taken.overlaps(s, e) && !added_spans.overlaps(s, e);
            if !free(t.start, t.end) {
                continue;
            }
            // "Walet Mohamed", "Ag Assaleh": the short form takes the words of
            // the full name that stand right before the surname.
            let start = extend_over_name(body, tokens, &keys, t, canonical);
            let start = if free(start, t.end) { start } else { t.start };
            added_spans.insert(start, t.end);
            added.push(Entity::new(
                EntityType::Person,
                body,
                (start, t.end),
                canonical.clone(),
                id.clone(),
                EntitySource::Alias,
            ));
        }
    }
    entities.extend(added);
    entities.sort_by_key(|e| e.start);
}

/// The first byte and length of a few keys: a test that settles most other
/// words before they are hashed (an article names a handful of people; a
/// capitalised word is a place or an organisation far more often).
struct KeyShapes {
    /// For each first byte, a bit for each length (longer ones share bit 63).
    lens: [u64; 256],
}

impl KeyShapes {
    fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> KeyShapes {
        let mut lens = [0u64; 256];
        for k in keys {
            lens[usize::from(k.as_bytes().first().copied().unwrap_or(0))] |= Self::bit(k);
        }
        KeyShapes { lens }
    }

    fn bit(k: &str) -> u64 {
        1 << k.len().min(63)
    }

    /// False only if `k` is none of the keys.
    #[inline]
    fn may_contain(&self, k: &str) -> bool {
        self.lens[usize::from(k.as_bytes().first().copied().unwrap_or(0))] & Self::bit(k) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn key_shapes_keep_every_key(
            keys in proptest::collection::vec("[a-cé]{0,70}", 0..6),
            probe in "[a-cé]{0,70}",
        ) {
            let shapes = KeyShapes::new(keys.iter().map(String::as_str));
            for k in &keys {
                proptest::prop_assert!(shapes.may_contain(k));
            }
            if !shapes.may_contain(&probe) {
                proptest::prop_assert!(!keys.contains(&probe));
            }
        }
    }

    proptest::proptest! {
        /// Both searches give what `match_indices` does. Few letters, so
        /// patterns overlap themselves ("aa" in "aaa"), one another, and repeat.
        #[test]
        fn occurrences_are_match_indices(
            body in "[ab é.]{0,60}",
            patterns in proptest::collection::vec("[ab é]{1,4}", 1..6),
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let want: Vec<Vec<usize>> = patterns
                .iter()
                .map(|p| body.match_indices(p).map(|(s, _)| s).collect())
                .collect();
            proptest::prop_assert_eq!(&occurrences_one_by_one(&body, &patterns), &want);
            proptest::prop_assert_eq!(occurrences_at_once(&body, &patterns), Some(want));
        }
    }

    #[test]
    fn heads_and_titles_stay_out_of_spans() {
        // (type, the alias a gazetteer hit covers, the span the mention keeps)
        let cases = [
            (EntityType::Group, "groupe Wagner", "Wagner"),
            (
                EntityType::Group,
                "Groupe de soutien à l’islam",
                "Groupe de soutien à l’islam",
            ),
            (
                EntityType::Group,
                "Front de libération",
                "Front de libération",
            ),
            (EntityType::Place, "région de Tillabéri", "Tillabéri"),
            (EntityType::Place, "fleuve Niger", "Niger"),
            (EntityType::Place, "bassin du lac Tchad", "Tchad"),
            (EntityType::Person, "général Tiani", "Tiani"),
            (
                EntityType::Person,
                "lieutenant-colonel Paul-Henri Damiba",
                "Paul-Henri Damiba",
            ),
        ];
        for (kind, hit, want) in cases {
            assert_eq!(&hit[name_start(kind, hit, 0, hit.len())..], want, "{hit}");
        }
    }

    /// `name_start` without its test of the first word.
    fn name_start_reference(kind: EntityType, surface: &str) -> usize {
        let norm = Normalized::new(surface);
        let key = norm.key();
        let heads: Vec<String> = match kind {
            EntityType::Person => PERSON_HEADS.iter().map(|h| h.to_string()).collect(),
            EntityType::Group => GROUP_HEADS.iter().map(|h| h.to_string()).collect(),
            EntityType::Place => PLACE_HEAD_NOUNS
                .iter()
                .flat_map(|n| PLACE_HEAD_LINKS.iter().map(move |l| format!("{n}{l}")))
                .collect(),
        };
        let mut at = 0;
        while let Some(h) = heads
            .iter()
            .find(|h| key.len() - at > h.len() && key[at..].starts_with(h.as_str()))
        {
            at += h.len();
        }
        if at == 0 || at >= key.len() {
            return 0;
        }
        let (s, _) = norm.source_span(at, at + 1);
        if surface[s..].chars().next().is_some_and(char::is_uppercase) {
            s
        } else {
            0
        }
    }

    proptest::proptest! {
        /// The binary search finds the spans a scan finds overlapping.
        #[test]
        fn overlap_run_is_the_scan(
            lens in proptest::collection::vec((0..4usize, 1..4usize), 0..8),
            s in 0..30usize,
            len in 0..6usize,
        ) {
            let mut spans = Vec::new();
            let mut at = 0;
            for (gap, n) in lens {
                spans.push((at + gap, at + gap + n));
                at += gap + n;
            }
            proptest::prop_assert!(disjoint(spans.iter().copied()));
            let e = s + len;
            let want: Vec<usize> = (0..spans.len())
                .filter(|&i| spans[i].0 < e && s < spans[i].1)
                .collect();
            let run = overlap_run(&spans, s, e, |&x| x);
            proptest::prop_assert_eq!(run.collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn disjoint_spans() {
        assert!(disjoint([].into_iter()));
        assert!(disjoint([(0, 1), (1, 3), (5, 6)].into_iter()));
        assert!(!disjoint([(0, 2), (1, 3)].into_iter()));
        assert!(!disjoint([(2, 3), (0, 1)].into_iter()));
        assert!(!disjoint([(0, 1), (1, 1)].into_iter()));
        assert!(!disjoint([(1, 1)].into_iter()));
    }

    proptest::proptest! {
        /// The byte test of ASCII first words is the char by char fold.
        #[test]
        fn ascii_first_words_are_folded_words(
            head in proptest::sample::select(
                PERSON_HEADS.iter().chain(GROUP_HEADS).chain(PLACE_HEAD_NOUNS).copied().collect::<Vec<_>>()
            ),
            upper in proptest::bool::ANY,
            rest in "[A-Za-z`' \t\n-]{0,30}(é[a-z ]{0,5})?",
        ) {
            let head = if upper { head.to_uppercase() } else { head.to_string() };
            let surface = format!("{head}{rest}");
            for kind in [EntityType::Person, EntityType::Place, EntityType::Group] {
                proptest::prop_assert_eq!(
                    may_start_with_head(kind, &surface),
                    may_start_with_head_folded(kind, &surface),
                    "{:?} {:?}", kind, surface
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn first_word_test_keeps_every_head(
            head in proptest::sample::select(
                PERSON_HEADS.iter().chain(GROUP_HEADS).chain(PLACE_HEAD_NOUNS).copied().collect::<Vec<_>>()
            ),
            cap in proptest::bool::ANY,
            link in proptest::sample::select(vec![" ", "  ", "\u{a0}", " de ", " du l'", " d'", "\u{ad} ", ""]),
            rest in "[A-Za-zÉé' -]{0,12}",
        ) {
            let mut head = head.trim_end().to_string();
            if cap {
                head = head.to_uppercase();
            }
            let surface = format!("{head}{link}{rest}");
            for kind in [EntityType::Person, EntityType::Place, EntityType::Group] {
                proptest::prop_assert_eq!(
                    name_start(kind, &surface, 0, surface.len()),
                    name_start_reference(kind, &surface),
                    "{:?} {:?}", kind, surface
                );
            }
        }
    }
}
