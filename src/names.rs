//! Names no gazetteer knows, found by their context: a title or role before
//! a capitalised name ("le général malien Oumar Diarra", "l’analyste Lukas
//! Weber", "M. Goïta") is a person; a capitalised name after a locative
//! noun ("le village de Tinzouatin", "l’école de gendarmerie de Faladié")
//! is a place.
//!
//! Input: the body, its tokens, and the spans other stages already claimed
//! (gazetteer hits, demonyms). Output: typed byte spans, non-overlapping,
//! none inside a claimed span. The rules only ever look at capitalised
//! words, so they cannot fire on ordinary lowercase prose.

use std::sync::LazyLock;

use crate::normalize::normalize;
use crate::record::EntityType;
use crate::tokenize::{is_alphabetic, starts_uppercase, Keys, Token, TokenKind, Tokens};
use crate::word_shapes::WordShapes;

/// A name found by context (byte span).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextName {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    /// Defined by the acronym after it, whose letters are its words'
    /// initials ("Front national pour la défense de la Constitution
    /// (FNDC)"): the whole name is sure, and wins over a shorter gazetteer
    /// name inside it.
    pub defined: bool,
}

/// Titles and roles that introduce a person's name (normalised keys).
const PERSON_CUES: &[&str] = &[
    "m.",
    "mm.",
    "mme",
    "mlle",
    "dr",
    "me",
    "maitre",
    "president",
    "presidente",
    "general",
    "generale",
    "ministre",
    "premier ministre",
    "analyste",
    "chercheur",
    "chercheuse",
    "porte-parole",
    "chef",
    "cheffe",
    "colonel",
    "lieutenant-colonel",
    "capitaine",
    "commandant",
    "lieutenant",
    "sergent",
    "adjudant",
    "caporal",
    "marechal",
    "amiral",
    "docteur",
    "professeur",
    "imam",
    "cheikh",
    "emir",
    "maire",
    "gouverneur",
    "prefet",
    "depute",
    "deputee",
    "senateur",
    "ambassadeur",
    "ambassadrice",
    "journaliste",
    "opposant",
    "opposante",
    "juge",
    "procureur",
    "avocat",
    "avocate",
    "directeur",
    "directrice",
    "secretaire general",
    "representant",
    "representante",
    "envoye special",
    "ex-president",
    "ancien president",
    "roi",
    "reine",
    "prince",
    "pape",
    "commissaire",
    "chef d'etat-major",
    "porte-parole du gouvernement",
    "correspondant",
    "correspondante",
    "specialiste",
    "expert",
    "experte",
    "militant",
    "militante",
    "activiste",
    "elu",
    "elue",
    "temoin",
    "habitant",
    "sultan",
    "chef de village",
    "notable",
    "leader",
    "dirigeant",
    // Also an adjective ("tenu pour responsable", "le groupe responsable de
    // l'attaque"), which a capitalised name seldom follows.
    "responsable",
    "dirigeante",
    "fondateur",
    "fondatrice",
    "coordinateur",
    "coordinatrice",
    "capitaine-chef",
    // Trades wires name people by: "le rappeur Aamron", "l'écrivain X".
    "rappeur",
    "rappeuse",
    "chanteur",
    "chanteuse",
    "artiste",
    "ecrivain",
    "ecrivaine",
    "romancier",
    "romanciere",
    "cineaste",
    "realisateur",
    "realisatrice",
    "humoriste",
    "musicien",
    "musicienne",
    "blogueur",
    "blogueuse",
    "footballeur",
    "entraineur",
    "predicateur",
    "marabout",
    "syndicaliste",
    "homme d'affaires",
    "femme d'affaires",
];

/// Verbs and prepositions that attribute a quote to a person: "a raconté
/// Issouf Sawadogo", "explique Clémence Aubriot", "selon Ibrahim Maïga".
/// After them only a name of two or more capitalised words is taken, since
/// "selon Bamako" or "a indiqué Reuters" are common too.
const SPEECH_CUES: &[&str] = &[
    "selon",
    "explique",
    "raconte",
    "estime",
    "temoigne",
    "resume",
    "confie",
    "confiait",
    "reagi",
    "affirme",
    "souligne",
    "precise",
    "ajoute",
    "indique",
    "declare",
    "assure",
    "observe",
    "note",
    "analyse",
    "deplore",
    "denonce",
    "insiste",
    "rappelle",
    "poursuit",
    "conclut",
    "avertit",
    "martele",
    "lance",
    "explique-t-il",
    "raconte-t-il",
    "juge",
    "tranche",
    "regrette",
    "commente",
    "detaille",
    "avance",
    "nuance",
    "previent",
    "constate",
    "releve",
    "souffle",
    "s'inquiete",
    "accuse",
    "temoignait",
    "racontait",
    "expliquait",
    "estimait",
    "affirmait",
    "ajoutait",
    "declarait",
    "soulignait",
    "precisait",
    "indiquait",
    "assurait",
];

/// Words allowed between a cue and the name: "le président *de transition
/// malien* Assimi Goïta". Demonyms are allowed too (checked separately).
const CUE_FILLERS: &[&str] = &[
    "de",
    "la",
    "transition",
    "par",
    "interim",
    "en",
    "exercice",
    "sortant",
    "sortante",
    "dechu",
    "dechue",
    "elu",
    "elue",
    "nouveau",
    "nouvelle",
    "ancien",
    "ancienne",
    "ex",
    "francais",
    "francaise",
    "americain",
    "americaine",
    "russe",
    "chef",
    "adjoint",
    "adjointe",
    "islamiste",
    "jihadiste",
    "djihadiste",
    "politique",
    "independant",
    "independante",
    "senior",
    "principal",
    "rebelle",
    "touareg",
    "militaire",
    "religieux",
    "historique",
    "presume",
    "presumee",
    "local",
    "locale",
    "regional",
    "regionale",
    "national",
    "nationale",
    "general",
    "adjoint",
];

/// Locative nouns whose complement "de X" names a place.
const PLACE_CUES: &[&str] = &[
    "village",
    "localite",
    "commune",
    "ville",
    "region",
    "province",
    "departement",
    "cercle",
    "quartier",
    "prefecture",
    "district",
    "arrondissement",
    "bourgade",
    "hameau",
    "site",
    "camp",
    "gendarmerie",
    "base",
    "caserne",
    "aeroport",
    "prison",
    "marche",
    "hopital",
    "mosquee",
    "poste",
    "frontiere",
    "zone",
    "secteur",
    "axe",
    "route",
    "environs",
    "abords",
    "faubourg",
    "capitale",
    "chef-lieu",
    "banlieue",
    "lac",
    "fleuve",
    "foret",
    "mine",
    "barrage",
    "pont",
    "col",
    "ile",
    "oasis",
    "territoire",
    "campement",
    // Plurals name several: "les localités de Furcy et de Belot".
    "campements",
    "sites",
    "hameaux",
    "villages",
    "localites",
    "communes",
    "villes",
    "regions",
    "provinces",
    "departements",
    "quartiers",
    "camps",
    "territoires",
    "districts",
];

/// Particles inside a person's name: "Iyad Ag Ghaly", "Mohamed Ould
/// Ghazouani", "Ahmed ben Ali", "Abou Walid al-Sahraoui".
const NAME_PARTICLES: &[&str] = &[
    // Not "du": "Tammy Palacios du Modern Warfare Institute" is a person of an organisation.
    "ag", "ould", "ben", "bin", "ibn", "bint", "el", "al", "de", "van", "von", "der", "da", "dos",
    "di", "abou", "abu", "ould",
];

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    // Titles: the rule for titles takes the name after them.
    "m",
    "mme",
    "mmes",
    "mlle",
    "mm",
    "monsieur",
    "madame",
    "mademoiselle",
    "messieurs",
    "mesdames",
    "dr",
    "me",
    "mgr",
    "pr",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "et",
    "ou",
    "mais",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "tu",
    "ce",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "selon",
    "dans",
    "pour",
    "par",
    "avec",
    "sans",
    "sous",
    "sur",
    "apres",
    "avant",
    "depuis",
    "pendant",
    // (Months and weekdays are not names either: see `not_a_name`.)
    "etat",
    "etats",
    "president",
    "ministre",
    "general",
    "gouvernement",
    "armee",
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "afp",
    "qui",
    // Ministers' portfolios: "le ministre de la Défense".
    "defense",
    "securite",
    "justice",
    "interieur",
    "affaires",
    "economie",
    "finances",
    "sante",
    "education",
    "communication",
    "agriculture",
    "transports",
    "environnement",
    "culture",
    "sports",
    "jeunesse",
    "armees",
    "administration",
    "territoriale",
    "energie",
    "mines",
    "commerce",
    "industrie",
    "travail",
    "emploi",
    "information",
    "reconciliation",
    "cooperation",
    "integration",
    "solidarite",
    "femme",
    "famille",
    "refondation",
    "budget",
    "plan",
    "que",
    "quand",
    "comme",
    "si",
    "tous",
    "tout",
    "toute",
    "toutes",
    "deux",
    "trois",
];

/// Words that cannot be (or start) a name: function words, titles,
/// portfolios, and the dates stage's months and weekdays ("Mardi").
fn not_a_name(k: &str) -> bool {
    NOT_NAME_SET.contains(k) || crate::dates::is_calendar_word(k)
}

#[inline]
fn is_capitalised(body: &str, t: &Token) -> bool {
    // The first byte settles ASCII without slicing the body.
    t.kind == TokenKind::Word
        && match body.as_bytes().get(t.start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => starts_uppercase(t.text(body)),
        }
}

/// Word sets are only ever probed with short keys: FxHash is much faster
/// than SipHash there, and SipHash's protection buys nothing.
pub type HashSet<T> = rustc_hash::FxHashSet<T>;
type FxHashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A cue list as a set, built once: how [`match_cue_reference`] reads it.
#[cfg(test)]
struct WordSet {
    words: HashSet<&'static str>,
    /// Every prefix of every entry: once the words joined so far are none,
    /// no longer join can be an entry either.
    prefixes: HashSet<&'static str>,
    /// Which set this is among the cue sets (see [`CUE_LISTS`]).
    flag: u8,
}

#[cfg(test)]
impl WordSet {
    fn new(list: &[&'static str], flag: u8) -> WordSet {
        WordSet {
            words: list.iter().copied().collect(),
            prefixes: list
                .iter()
                .flat_map(|w| w.char_indices().map(|(i, _)| &w[..i]).chain([*w]))
                .collect(),
            flag,
        }
    }
    fn contains(&self, k: &str) -> bool {
        self.words.contains(k)
    }
}

/// The first word of a cue: a cheap test before joining tokens.
fn first_word(cue: &'static str) -> &'static str {
    cue.split([' ', '\'', '.']).next().unwrap_or(cue)
}

/// The cue lists whose entries [`match_cue`] joins from tokens; the flag
/// of list `n` in [`CueFirst::flags`] is `1 << n`.
const CUE_LISTS: [&[&str]; 3] = [PERSON_CUES, SPEECH_CUES, LOCATIVES];
const PERSON_CUE: usize = 0;
const SPEECH_CUE: usize = 1;
const LOCATIVE_CUE: usize = 2;
/// A locative noun ([`PLACE_CUES`]).
const PLACE_NOUN: u8 = 8;
/// A head of organisation names ([`GROUP_HEADS`]).
const GROUP_HEAD: u8 = 16;

/// What [`CUE_FIRSTS`] knows of a word.
#[derive(Debug, Default)]
struct CueFirst {
    /// The flags of the cue lists with an entry whose first word it is,
    /// and whether it is a locative noun or heads an organisation's name.
    flags: u8,
    /// For each of [`CUE_LISTS`], its entries whose first word it is: all
    /// the entries [`match_cue`] may match from a token with this key.
    cues: [Vec<&'static str>; 3],
    /// For each of [`CUE_LISTS`] (flag `1 << n`), whether the word is its
    /// only entry starting with it ("selon", "president"): the word is
    /// then the whole cue, with nothing to join.
    whole: u8,
}

/// For each word that starts a cue, is a locative noun or heads an
/// organisation's name, what rules may fire on it: one probe per token.
static CUE_FIRSTS: LazyLock<FxHashMap<&'static str, CueFirst>> = LazyLock::new(|| {
    let mut m: FxHashMap<&'static str, CueFirst> = FxHashMap::default();
    for (set, list) in CUE_LISTS.iter().enumerate() {
        for &cue in *list {
            let first = m.entry(first_word(cue)).or_default();
            first.flags |= 1 << set;
            first.cues[set].push(cue);
        }
    }
    for first in m.values_mut() {
        for (set, cues) in first.cues.iter().enumerate() {
            // (Every entry is then the first word itself.)
            if !cues.is_empty() && cues.iter().all(|c| first_word(c) == *c) {
                first.whole |= 1 << set;
            }
        }
    }
    for (list, flag) in [(PLACE_CUES, PLACE_NOUN), (GROUP_HEADS, GROUP_HEAD)] {
        for &w in list {
            m.entry(w).or_default().flags |= flag;
        }
    }
    m
});

/// What [`CUE_FIRSTS`] knows of token `i` (nothing unless it is a word).
fn cue_first(toks: &[Token], keys: &TokenKeys, i: usize) -> Option<&'static CueFirst> {
    if toks[i].kind != TokenKind::Word {
        return None;
    }
    cue_first_of(keys.at(i))
}

/// What [`CUE_FIRSTS`] knows of key `k`. Most words have first and last
/// bytes and a length no entry has ([`CUE_ENDS`]): those need no hashing.
#[inline]
fn cue_first_of(k: &str) -> Option<&'static CueFirst> {
    if !CUE_ENDS.may_hold(k.as_bytes()) {
        return None;
    }
    CUE_FIRSTS.get(k)
}

/// The [`CUE_FIRSTS`] flags of key `k`.
#[cfg(test)]
fn cue_firsts_of(k: &str) -> u8 {
    cue_first_of(k).map_or(0, |f| f.flags)
}

/// The shapes of the [`CUE_FIRSTS`] entries (see [`WordShapes`]).
static CUE_ENDS: WordShapes = {
    let mut t = WordShapes::new();
    let lists: [(&[&str], bool); 5] = [
        (PERSON_CUES, true),
        (SPEECH_CUES, true),
        (LOCATIVES, true),
        (PLACE_CUES, false),
        (GROUP_HEADS, false),
    ];
    let mut l = 0;
    while l < lists.len() {
        let (list, cues) = lists[l];
        let mut w = 0;
        while w < list.len() {
            let b = list[w].as_bytes();
            // A cue's entry is its first word (see `first_word`).
            let mut n = 0;
            while n < b.len() && !(cues && matches!(b[n], b' ' | b'\'' | b'.')) {
                n += 1;
            }
            t = t.with(b.split_at(n).0);
            w += 1;
        }
        l += 1;
    }
    t
};

static FILLERS: LazyLock<HashSet<&str>> = LazyLock::new(|| CUE_FILLERS.iter().copied().collect());
static PLACE_CUE_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| PLACE_CUES.iter().copied().collect());
static PARTICLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| NAME_PARTICLES.iter().copied().collect());
static NOT_NAME_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// The word lists the rules consult beside their own: built once with the
/// extractor from the gazetteers (normalised keys).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Nationality adjectives and nouns ("malien", "burkinabe").
    pub demonyms: HashSet<String>,
    /// First names ("amadou", "sylvie"): a capitalised first name followed
    /// by a capitalised word is a person.
    pub given_names: HashSet<String>,
}

impl Lexicon {
    /// Whether `key` (folded) is a given name, or a compound of two given
    /// names the lists do not hold whole ("hans-joachim", "karl-peter");
    /// "Saint-Etienne" is a saint's name, of churches and towns.
    pub fn is_given_name(&self, key: &str) -> bool {
        self.given_names.contains(key)
            || key.split_once('-').is_some_and(|(a, b)| {
                !matches!(a, "saint" | "sainte" | "st" | "ste")
                    && a.len() >= 3
                    && b.len() >= 3
                    && self.given_names.contains(a)
                    && self.given_names.contains(b)
            })
    }
}

/// Every rule compares normalised words: the key of each token, as
/// [`normalize`] gives it. That is the tokenizer's key (see [`Keys`]) unless
/// the token holds white space (a number run with a narrow no-break
/// space): those few are normalised here. Keys are read where a rule looks,
/// not copied out for every token of the body.
struct TokenKeys<'a> {
    /// The tokenizer's keys: [`Keys::parts`].
    arena: &'a str,
    spans: &'a [(u32, u32)],
    /// Where the keys of folded tokens start in `arena`: a span starting
    /// before is a plain ASCII token's, which holds no white space.
    folded_from: u32,
    /// The tokens holding white space, in order, with their keys.
    spaced: Vec<(usize, String)>,
}

impl<'a> TokenKeys<'a> {
    fn new(body: &str, tokens: &Tokens, folded: &'a Keys) -> TokenKeys<'a> {
        let spaced = folded
            .spaced()
            .map(|i| (i, normalize(tokens.tokens[i].text(body))))
            .collect();
        let (arena, spans) = folded.parts();
        TokenKeys {
            arena,
            spans,
            folded_from: body.len() as u32,
            spaced,
        }
    }

    /// The key of token `i`.
    #[inline(always)]
    fn at(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        // Only a folded token may hold white space: the others (most) need
        // no search of `spaced`.
        if a >= self.folded_from && !self.spaced.is_empty() {
            if let Ok(n) = self.spaced.binary_search_by_key(&i, |&(j, _)| j) {
                return &self.spaced[n].1;
            }
        }
        &self.arena[a as usize..b as usize]
    }
}

/// Finds context names outside `claimed` spans (sorted, non-overlapping).
pub fn find_names(
    body: &str,
    tokens: &Tokens,
    claimed: &[(usize, usize)],
    lexicon: &Lexicon,
) -> Vec<ContextName> {
    find_names_with(body, tokens, claimed, lexicon, true)
}

/// [`find_names`], skipping the tokens no rule can start on when `skip`
/// (tests compare it with the rules tried on every token).
fn find_names_with(
    body: &str,
    tokens: &Tokens,
    claimed: &[(usize, usize)],
    lexicon: &Lexicon,
    skip: bool,
) -> Vec<ContextName> {
    let demonym = |k: &str| lexicon.demonyms.contains(k);
    let toks = &tokens.tokens;
    let folded = tokens.keys_of(body);
    let keys = TokenKeys::new(body, tokens, &folded);
    // Cues join the keys of a few tokens: one buffer serves them all.
    let mut joined = String::new();
    let is_claimed = |t: &Token| {
        let i = claimed.partition_point(|&(_, e)| e <= t.start);
        claimed.get(i).is_some_and(|&(s, _)| s < t.end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if skip && t.kind != TokenKind::Word {
            // Every rule starts on a word (a cue or a capitalised name).
            i += 1;
            continue;
        }
        let first = cue_first(toks, &keys, i);
        let firsts = first.map_or(0, |f| f.flags);
        if skip && firsts == 0 && body.as_bytes()[t.start].is_ascii_lowercase() {
            // A lowercase word that starts no cue, is no locative noun and
            // heads no group: no rule fires on it (each of the others wants
            // a capitalised word, or, for acronyms, one not starting with
            // a lowercase letter).
            i += 1;
            continue;
        }
        if skip && firsts == 0 && is_claimed(t) {
            // A word a gazetteer claimed that starts no cue: every other
            // rule wants an unclaimed name on it.
            i += 1;
            continue;
        }
        let mut found = None;
        // Whether a cue of `CUE_LISTS[set]` starts here, and where it ends.
        let mut cue = |set: usize| match first {
            // A word (as `cue_first` found) that is a whole cue: what
            // `match_cue` finds, without joining keys (unless tests try
            // every token the slow way).
            Some(f) if skip && f.whole & 1 << set != 0 => Some(i + 1),
            Some(f) if f.flags & 1 << set != 0 => {
                match_cue(body, toks, &keys, i, &f.cues[set], &mut joined)
            }
            _ => None,
        };
        // "responsable" is a role after a determiner ("un responsable des
        // secours"), an adjective after a noun ("le groupe responsable").
        let adjective = keys.at(i) == "responsable"
            && !i
                .checked_sub(1)
                .is_some_and(|p| matches!(keys.at(p), "un" | "le" | "l'" | "haut" | "du" | "au"));
        if let Some(after) = cue(PERSON_CUE).filter(|_| !adjective) {
            // Skip fillers and demonyms, then take the capitalised name.
            let mut j = after;
            let mut skipped = 0;
            let mut complement = false;
            let mut holder = None;
            while j < toks.len() && skipped < 4 {
                let t = &toks[j];
                let k = keys.at(j);
                // "le ministre de la Communication, Yawa Kouigan, a".
                if matches!(k, "de" | "du" | "des" | "d'") {
                    holder = holder_after_seat(body, tokens, &keys, j, &is_claimed);
                    if holder.is_some() {
                        break;
                    }
                }
                // "le maire de Tombouctou", "le gouverneur de Dosso": the
                // name after "de" is the office's seat, not its holder.
                if k == "de" && toks.get(j + 1).is_some_and(|n| is_capitalised(body, n)) {
                    complement = true;
                    break;
                }
                if t.kind == TokenKind::Word
                    && !is_capitalised(body, t)
                    && (FILLERS.contains(k) || demonym(k))
                {
                    j += 1;
                    skipped += 1;
                } else if t.kind == TokenKind::Punct && t.text(body) == "," && skipped == 0 {
                    // "le porte-parole, Amadou Touré," — apposition.
                    j += 1;
                    skipped += 1;
                } else {
                    break;
                }
            }
            if let Some((from, end)) = holder {
                found = Some((from, end, EntityType::Person));
            } else if complement {
                // Nothing: the locative rules may still find the seat.
            } else if let Some(end) = take_name(body, toks, &keys, j, true, &is_claimed) {
                found = Some((j, end, EntityType::Person));
            }
        } else if let Some(mut after) = cue(SPEECH_CUE) {
            // "a raconté à l'AFP Abdirahman Hassan": past the medium told.
            if after + 2 < toks.len() && matches!(keys.at(after), "a" | "au") {
                let mut j = after + 1;
                if matches!(keys.at(j), "l'" | "la" | "le") {
                    j += 1;
                }
                if j + 1 < toks.len() && is_capitalised(body, &toks[j]) && is_claimed(&toks[j]) {
                    after = j + 1;
                }
            }
            if let Some(end) = take_name(body, toks, &keys, after, true, &is_claimed) {
                let words = toks[after..end]
                    .iter()
                    .filter(|t| is_capitalised(body, t))
                    .count();
                if words >= 2 {
                    found = Some((after, end, EntityType::Person));
                }
            }
        } else if let Some(after) = match_place_cue(body, toks, &keys, i, firsts) {
            if let Some(mut end) = take_name(body, toks, &keys, after, false, &is_claimed) {
                // "les localités de Furcy et de Belot", "les régions du
                // Moyen-Chébéli et de Hiraan": each coordinated name is one.
                let mut from = after;
                while keys.at(i).ends_with('s')
                    && end + 2 < toks.len()
                    && keys.at(end) == "et"
                    && matches!(keys.at(end + 1), "de" | "d'" | "du")
                {
                    let Some(next) = take_name(body, toks, &keys, end + 2, false, &is_claimed)
                    else {
                        break;
                    };
                    out.push(ContextName {
                        start: toks[from].start,
                        end: toks[end - 1].end,
                        kind: EntityType::Place,
                        defined: false,
                    });
                    from = end + 2;
                    end = next;
                }
                found = Some((from, end, EntityType::Place));
            }
        } else if skip
            && body.as_bytes()[t.start].is_ascii_lowercase()
            && !free_name_after_cue(body, toks, i, &is_claimed)
        {
            // A lowercase locative ("à", "près de", "au nord de": among the
            // commonest words) names a place only when an unclaimed
            // capitalised word ends it, and no rule below fires on a
            // lowercase word: with none where a cue could end, joining the
            // cue's keys would find nothing. ("à Bamako": the gazetteer
            // claimed Bamako.)
        } else if let Some(after) = cue(LOCATIVE_CUE).filter(|_| !is_verb_a(body, &toks[i])) {
            found = locative_place(body, toks, &keys, after, lexicon, &is_claimed);
        } else if skip && body.as_bytes()[t.start].is_ascii_lowercase() {
            // A cue word that started no cue: the rules below want a
            // capitalised word, or an acronym, on it.
        } else if let Some(end) = group_pattern(body, tokens, &keys, i, firsts, &is_claimed) {
            found = Some((i, end, EntityType::Group));
        } else if let Some(end) = named_organisation(body, toks, &keys, i, &is_claimed) {
            found = Some((i - 1, end, EntityType::Group));
        } else if let Some(end) = given_name_person(body, toks, &keys, i, lexicon, &is_claimed) {
            let taken = out.last().map_or(0, |n: &ContextName| n.end);
            let first = first_name_before(body, tokens, &keys, i, taken, &is_claimed);
            found = Some((first, end, EntityType::Person));
        } else if let Some(end) = apposition_person(body, toks, &keys, i, &is_claimed) {
            found = Some((i, end, EntityType::Person));
        } else if unknown_acronym(body, toks, &keys, i, &is_claimed) {
            found = Some((i, i + 1, EntityType::Group));
        }
        match found {
            Some((first, mut end, kind)) => {
                out.push(ContextName {
                    start: toks[first].start,
                    end: toks[end - 1].end,
                    kind,
                    defined: false,
                });
                // A plural title names several: "MM. Farinet et Verneau".
                if kind == EntityType::Person && matches!(keys.at(i), "mm" | "mmes") {
                    while end + 1 < toks.len()
                        && (toks[end].text(body) == "," || keys.at(end) == "et")
                    {
                        let Some(next) = take_name(body, toks, &keys, end + 1, true, &is_claimed)
                        else {
                            break;
                        };
                        out.push(ContextName {
                            start: toks[end + 1].start,
                            end: toks[next - 1].end,
                            kind,
                            defined: false,
                        });
                        end = next;
                    }
                }
                i = end;
            }
            None => i += 1,
        }
    }
    defined_acronyms(body, toks, &keys, claimed, &mut out);
    out
}

/// After an office and its seat or portfolio (`de` at token `j`: "de
/// Derna", "de la Communication", "des Affaires étrangères"), a name of two
/// words or more between commas, or closing the sentence: the holder.
/// Returns the name's tokens. Names a list of first names would catch are
/// caught anyway; this is for the holders no list knows.
fn holder_after_seat(
    body: &str,
    tokens: &Tokens,
    keys: &TokenKeys,
    j: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<(usize, usize)> {
    let toks = &tokens.tokens;
    let same_line = |a: usize, b: usize| !body[toks[a].end..toks[b].start].contains('\n');
    // The seat: a few words, no punctuation.
    let mut c = j + 1;
    while c < toks.len()
        && c <= j + 6
        && matches!(toks[c].kind, TokenKind::Word | TokenKind::Elision)
        && same_line(c - 1, c)
    {
        c += 1;
    }
    if toks.get(c)?.text(body) != "," || !same_line(c - 1, c) {
        return None;
    }
    let first = c + 1;
    let t = toks.get(first)?;
    if !is_capitalised(body, t) || is_all_caps(t.text(body)) || !same_line(c, first) {
        return None;
    }
    let end = take_name(body, toks, keys, first, true, is_claimed)?;
    let closes = match toks.get(end) {
        None => true,
        Some(n) => matches!(n.text(body), "," | "." | ")") || !same_line(end - 1, end),
    };
    (end >= first + 2 && closes).then_some((first, end))
}

/// Words after which a lone capitalised name is a place: "à Haironville",
/// "près de Djibo", "au nord de Kidal".
const LOCATIVES: &[&str] = &[
    "a",
    "pres de",
    "pres d'",
    "autour de",
    "autour d'",
    "non loin de",
    "non loin d'",
    "au nord de",
    "au sud de",
    "a l'est de",
    "a l'ouest de",
    "au nord-est de",
    "au nord-ouest de",
    "au sud-est de",
    "au sud-ouest de",
    "au nord d'",
    "au sud d'",
    "a l'est d'",
    "a l'ouest d'",
    "aux environs de",
    "aux abords de",
    "en direction de",
    "a proximite de",
    "originaire de",
    "natif de",
    "native de",
    "a destination de",
    "en provenance de",
    "a la sortie de",
    "a l'entree de",
];

/// "à X": one capitalised word (hyphenated compounds are one word) that is
/// not followed by another capitalised word ("à Emmanuel Macron" is a
/// person) and is no first name.
fn locative_place(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    j: usize,
    lexicon: &Lexicon,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<(usize, usize, EntityType)> {
    let t = toks.get(j)?;
    if !is_capitalised(body, t)
        || is_claimed(t)
        || not_a_name(keys.at(j))
        || lexicon.is_given_name(keys.at(j))
        || lexicon.demonyms.contains(keys.at(j))
        || is_all_caps(t.text(body))
    {
        return None;
    }
    if toks
        .get(j + 1)
        .is_some_and(|n| is_capitalised(body, n) && n.start == t.end + 1)
    {
        return None;
    }
    Some((j, j + 1, EntityType::Place))
}

/// The most tokens a cue of [`LOCATIVES`] may take, its point included
/// (see [`match_cue`]): the token after it is at most this far from its first.
const LOCATIVE_REACH: usize = 5;

/// Whether an unclaimed capitalised word stands where a locative cue
/// starting at token `i` could end: [`locative_place`] wants one right
/// after the cue.
fn free_name_after_cue(
    body: &str,
    toks: &[Token],
    i: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> bool {
    toks.iter()
        .skip(i + 1)
        .take(LOCATIVE_REACH)
        .any(|t| is_capitalised(body, t) && !is_claimed(t))
}

/// "a" (has) and "à" (at) share a key; the text tells them apart.
fn is_verb_a(body: &str, t: &Token) -> bool {
    matches!(t.text(body), "a" | "A")
}

fn is_all_caps(s: &str) -> bool {
    // One pass, which most capitalised words leave at their second letter.
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(is_alphabetic(c));
    }
    letters >= 2
}

/// [`is_all_caps`] as it reads.
#[cfg(test)]
fn is_all_caps_reference(s: &str) -> bool {
    s.chars().filter(|&c| is_alphabetic(c)).count() >= 2 && !s.chars().any(char::is_lowercase)
}

/// A capitalised first name followed by capitalised words: "Sylvain
/// Breda", "Fatoumata Walet Mohamed". The surname must not itself be a
/// known name (a gazetteer hit) nor a word that cannot be a name.
fn given_name_person(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    lexicon: &Lexicon,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    let t = &toks[i];
    // The name must have two words: most capitalised words are followed by
    // nothing `take_name` goes on over, and need no more.
    if !is_capitalised(body, t) || !may_continue_name(body, toks, keys, i + 1) {
        return None;
    }
    if is_claimed(t) || !lexicon.is_given_name(keys.at(i)) || is_all_caps(t.text(body)) {
        return None;
    }
    let end = take_name(body, toks, keys, i, true, is_claimed)?;
    (end > i + 1).then_some(end)
}

/// Where a person's name found by its known first name starts: one
/// capitalised word before it that no list knows still belongs to it when
/// it stands inside the sentence ("l'ambassadeur du Mali, Mahamane Amadou
/// Maïga": Mahamane is a first name too). A sentence's first word is
/// capitalised anyway and is left out; so are words no name holds, known
/// names, and words before `taken`, the end of the last name found.
fn first_name_before(
    body: &str,
    tokens: &Tokens,
    keys: &TokenKeys,
    i: usize,
    taken: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> usize {
    let toks = &tokens.tokens;
    let Some(p) = i.checked_sub(1) else {
        return i;
    };
    let (prev, t) = (&toks[p], &toks[i]);
    let sentence_first = tokens
        .sentence_at(prev.start)
        .is_none_or(|s| tokens.sentences[s].tokens.start == p);
    let joined = prev.end + 1 == t.start && body.as_bytes()[prev.end] == b' ';
    if joined
        && !sentence_first
        && prev.start >= taken
        && is_capitalised(body, prev)
        && !is_claimed(prev)
        && !not_a_name(keys.at(p))
        && !is_all_caps(prev.text(body))
        && p.checked_sub(1)
            .is_none_or(|q| !is_capitalised(body, &toks[q]))
    {
        p
    } else {
        i
    }
}

/// Role nouns that, in apposition, make the name before them a person:
/// "Ousmane Kaboré, politologue burkinabè".
const ROLES: &[&str] = &[
    "analyste",
    "chercheur",
    "chercheuse",
    "politologue",
    "economiste",
    "sociologue",
    "historien",
    "historienne",
    "anthropologue",
    "specialiste",
    "expert",
    "experte",
    "journaliste",
    "avocat",
    "avocate",
    "porte-parole",
    "president",
    "presidente",
    "ministre",
    "depute",
    "deputee",
    "senateur",
    "maire",
    "gouverneur",
    "prefet",
    "directeur",
    "directrice",
    "responsable",
    "chef",
    "cheffe",
    "habitant",
    "habitante",
    "commercant",
    "commercante",
    "chauffeur",
    "cultivateur",
    "cultivatrice",
    "agriculteur",
    "agricultrice",
    "eleveur",
    "enseignant",
    "enseignante",
    "etudiant",
    "etudiante",
    "medecin",
    "infirmier",
    "infirmiere",
    "temoin",
    "rescape",
    "rescapee",
    "survivant",
    "survivante",
    "veuve",
    "pere",
    "mere",
    "frere",
    "soeur",
    "fils",
    "fille",
    "oncle",
    "epouse",
    "mari",
    "militant",
    "militante",
    "opposant",
    "opposante",
    "syndicaliste",
    "imam",
    "pasteur",
    "pretre",
    "eveque",
    "notable",
    "commandant",
    "colonel",
    "general",
    "capitaine",
    "lieutenant",
    "sergent",
    "soldat",
    "gendarme",
    "policier",
    "fondateur",
    "fondatrice",
    "coordinateur",
    "coordinatrice",
    "secretaire",
    "conseiller",
    "conseillere",
    "ambassadeur",
    "ambassadrice",
    "chercheur",
    "professeur",
    "ancien",
    "ancienne",
    "ex-ministre",
    "ex-president",
    "transporteur",
    "pecheur",
    "orpailleur",
    "berger",
    "commissaire",
];
static ROLE_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| ROLES.iter().copied().collect());

/// "X Y, (un|une|le|la)? <role>": two or more capitalised words in
/// apposition to a role noun.
fn apposition_person(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    let t = &toks[i];
    if !is_capitalised(body, t) {
        return None;
    }
    // The name must have two words: `take_name` goes past the first only
    // onto a capitalised word or a particle. Most capitalised words are
    // followed by neither, and need no more (tested before the claims).
    let next = toks.get(i + 1)?;
    let k = keys.at(i + 1);
    // Every particle starts with a lowercase ASCII letter: punctuation is
    // settled before hashing.
    let particle = k.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && (PARTICLES.contains(k) || next.kind == TokenKind::Elision && k == "d'");
    if !particle && !is_capitalised(body, next) {
        return None;
    }
    if is_claimed(t) || is_all_caps(t.text(body)) {
        return None;
    }
    let end = take_name(body, toks, keys, i, true, is_claimed)?;
    if end < i + 2 || toks.get(end).map(|c| c.text(body)) != Some(",") {
        return None;
    }
    let mut k = end + 1;
    if k < toks.len() && matches!(keys.at(k), "un" | "une" | "le" | "la" | "l'") {
        k += 1;
    }
    (k < toks.len() && ROLE_SET.contains(keys.at(k))).then_some(end)
}

/// A road number ("RD192", "RN7", "N1", "A6") or a school grade ("CE1",
/// "CM2"): capitals and digits that name no organisation. "G5" and "M23"
/// are groups: the road letters are few.
fn road_or_grade(key: &str) -> bool {
    let letters = key.trim_end_matches(|c: char| c.is_ascii_digit());
    letters.len() < key.len()
        && matches!(letters, "rd" | "rn" | "n" | "a" | "d" | "ce" | "cm" | "cp")
}

/// Acronyms that name things, not organisations.
const NOT_GROUP_ACRONYMS: &[&str] = &[
    "ong", "pib", "tva", "vih", "sida", "adn", "sms", "tv", "jt", "pdg", "dg", "rh", "it", "ia",
    "gps", "usb", "pc", "cd", "dvd", "hlm", "rer", "tgv", "sdf", "smic", "rsa", "cdi", "cdd",
    "bts", "bac", "covid", "sras", "ebola", "km", "kg", "ht", "ttc", "ok", "nb", "ps", "vs", "ii",
    "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii",
    "xviii", "xix", "xx", "xxe", "xxie", "qg", "pv", "cv", "vip", "lgbt", "ue", "mm",
];
static NOT_GROUP_ACRONYM_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| NOT_GROUP_ACRONYMS.iter().copied().collect());

/// "la MJC", "du CAUE", "l'EBM": an all-capitals word of two to six
/// letters that no gazetteer knows, after a determiner or preposition, is
/// an organisation far more often than anything else in news copy.
fn unknown_acronym(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> bool {
    let t = &toks[i];
    let text = t.text(body);
    // Most words start with a lowercase letter, which no acronym does
    // (`is_all_caps` below): settle them before counting letters.
    if t.kind != TokenKind::Word || text.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // Most capitalised words have a lowercase letter: `is_all_caps` stops
    // at it, before the letters are counted.
    if !is_all_caps(text)
        || !(2..=6).contains(&text.chars().filter(|&c| is_alphabetic(c)).count())
        || is_claimed(t)
    {
        return false;
    }
    if NOT_GROUP_ACRONYM_SET.contains(keys.at(i)) || i == 0 || road_or_grade(keys.at(i)) {
        return false;
    }
    // A run of capitals is a shouted headline, not an acronym.
    let shouted = |j: usize| {
        toks.get(j)
            .is_some_and(|n| n.kind == TokenKind::Word && is_all_caps(n.text(body)))
    };
    if shouted(i + 1) || (i >= 2 && shouted(i - 2) && shouted(i - 1)) {
        return false;
    }
    // So is a word after a determiner in capitals ("LES COTONS, LAINES",
    // "MAISON DE L'ŒUVRE"): running text writes "la MJC", "du CAUE". A
    // capital elision opens sentences ("L'EBM s'inclina"): it counts only
    // after another word in capitals.
    let shouted_determiner = match toks[i - 1].kind {
        TokenKind::Elision => i >= 2 && is_all_caps(toks[i - 2].text(body)),
        _ => is_all_caps(toks[i - 1].text(body)),
    };
    if shouted_determiner {
        return false;
    }
    matches!(
        keys.at(i - 1),
        "le" | "la"
            | "les"
            | "l'"
            | "du"
            | "de"
            | "des"
            | "d'"
            | "au"
            | "aux"
            | "a"
            | "par"
            | "chez"
    )
}

/// Capitalised heads of organisation names: "Front de libération de
/// l'Azawad", "Parti nigérien pour la démocratie et le socialisme".
const GROUP_HEADS: &[&str] = &[
    "front",
    "mouvement",
    "groupe",
    "forces",
    "coordination",
    "alliance",
    "parti",
    "union",
    "brigade",
    "brigades",
    "katiba",
    "association",
    "comite",
    "collectif",
    "federation",
    "syndicat",
    "rassemblement",
    "congres",
    "ligue",
    "organisation",
    "armee",
    "agence",
    "institut",
    "fondation",
    "observatoire",
    "banque",
    "societe",
    "compagnie",
    "bataillon",
    "milice",
    "coalition",
    "plateforme",
    "convergence",
    "confederation",
    "centre",
    "club",
    "entente",
    "communaute",
    "reseau",
    "cercle",
    "office",
    "caisse",
    "mission",
];

/// Words that join a name's complements.
const NAME_PREPOSITIONS: &[&str] = &[
    "de", "du", "des", "d'", "pour", "a", "au", "aux", "contre", "sur", "en",
];
const NAME_DETERMINERS: &[&str] = &["la", "le", "les", "l'"];

/// Adjectives French puts before the noun ("la nouvelle génération").
const PRENOMINAL: &[&str] = &[
    "grand",
    "grande",
    "grands",
    "grandes",
    "haut",
    "haute",
    "hauts",
    "hautes",
    "nouveau",
    "nouvel",
    "nouvelle",
    "nouveaux",
    "nouvelles",
    "petit",
    "petite",
    "petits",
    "petites",
    "premier",
    "premiere",
    "jeune",
    "jeunes",
    "vieux",
    "vieille",
    "bon",
    "bonne",
    "libre",
    "libres",
    "ancien",
    "ancienne",
    "anciens",
    "anciennes",
];

/// Words that end a name: verbs and pronouns that start the predicate.
const NAME_STOPPERS: &[&str] = &[
    "a", "ont", "est", "sont", "etait", "etaient", "avait", "avaient", "sera", "seront", "fut",
    "doit", "doivent", "peut", "peuvent", "va", "vont", "fait", "font", "se", "s'", "qui", "que",
    "qu'", "dont", "ne", "n'", "y", "il", "elle", "ils", "elles", "on", "lui", "leur", "leurs",
    "son", "sa", "ses", "ce", "cette", "ces", "avec", "dans", "selon", "depuis", "lors", "apres",
    "avant", "pendant", "mais", "ou", "si", "comme", "plus", "tres", "deja", "aussi", "encore",
    "et", "ni", "car", "donc", "or", "pas", "non",
];

/// Whether a word after a bare preposition reads as an infinitive ("à
/// faire", "pour lutter", "de protéger").
///
/// Any "-er" or "-ir" word counts, but "-re" only in the endings of verbs:
/// far more nouns end in "-re" ("de guerre", "de frontière", "du centre")
/// than there are "-re" verbs, and those verbs end in a few ways.
fn infinitive_like(k: &str) -> bool {
    const RE_VERB_ENDINGS: &[&str] = &[
        "faire", "plaire", "taire", "dire", "lire", "crire", "uire", "ndre", "oudre", "ttre",
        "vivre", "suivre", "aitre", "croire", "boire", "clure", "rompre",
    ];
    k.len() > 3
        && (k.ends_with("er")
            || k.ends_with("ir")
            || RE_VERB_ENDINGS.iter().any(|e| k.ends_with(e)))
}

/// Whether a lowercase word reads as an adjective (the suffixes of
/// French adjectives and participles): "socialiste", "armées", "nationale".
fn adjective_like(k: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ain", "aine", "ains", "aines", "ien", "ienne", "iens", "iennes", "ais", "aise", "aises",
        "al", "ale", "aux", "ales", "ique", "iques", "iste", "istes", "aire", "aires", "if", "ive",
        "ifs", "ives", "el", "elle", "els", "elles", "ois", "oise", "oises", "e", "ee", "es",
        "ees", "eur", "eure", "eurs", "ine", "ines", "ien", "en", "enne",
    ];
    k.len() > 3 && SUFFIXES.iter().any(|s| k.ends_with(s)) && !NAME_STOPPERS.contains(&k)
}

/// The end (exclusive) of an organisation name headed at `i`, or `None`.
///
/// Grammar: Head Adj* (Prep Det? Adj* Noun Adj* ("et" Det? Noun Adj*)?)*,
/// taking the longest prefix that ends on a noun or adjective. A name
/// followed by "(ACRONYM)" needs no more evidence; otherwise it must hold
/// a capitalised word or two content words, so "Groupe de travail" stays
/// out while "Front de libération de l'Azawad" comes in.
fn group_pattern(
    body: &str,
    tokens: &Tokens,
    keys: &TokenKeys,
    i: usize,
    flags: u8,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    let toks = &tokens.tokens;
    let t = &toks[i];
    if flags & GROUP_HEAD == 0 || !is_capitalised(body, t) || is_claimed(t) {
        return None;
    }
    let same_line = |a: usize, b: usize| !body[toks[a].end..toks[b].start].contains('\n');
    let word = |j: usize| {
        toks.get(j)
            .is_some_and(|x| matches!(x.kind, TokenKind::Word | TokenKind::Elision))
    };
    let mut j = i + 1;
    let mut good_end = None; // exclusive end of the longest well-formed name
    let mut content = 0usize;
    let mut capitalised_inside = false;
    // A run of lowercase adjectives: each one may end the name.
    let adjectives = |j: &mut usize, content: &mut usize, good_end: &mut Option<usize>| {
        while word(*j)
            && same_line(*j - 1, *j)
            && !is_capitalised(body, &toks[*j])
            && adjective_like(keys.at(*j))
        {
            *j += 1;
            *content += 1;
            *good_end = Some(*j);
        }
    };
    // Adjectives right after the head: "Parti socialiste", "Forces armées maliennes".
    adjectives(&mut j, &mut content, &mut good_end);
    let adjective_after_head = content > 0;
    // Complements.
    loop {
        let start = j;
        let preposition =
            |j: usize| NAME_PREPOSITIONS.contains(&keys.at(j)) && !is_verb_a(body, &toks[j]);
        if !(word(j) && same_line(j - 1, j) && preposition(j)) {
            // "et le socialisme": only after a lowercase noun.
            let after_lower = j > i + 1 && !is_capitalised(body, &toks[j - 1]);
            if !(word(j) && keys.at(j) == "et" && after_lower && same_line(j - 1, j)) {
                break;
            }
        }
        j += 1;
        if word(j) && NAME_DETERMINERS.contains(&keys.at(j)) {
            j += 1;
        } else if word(j) && !is_capitalised(body, &toks[j]) && infinitive_like(keys.at(j)) {
            // "l'Alliance à faire face", "le Groupe pour lutter": a verb, no name.
            break;
        }
        // Adjectives before a noun are few in French: a closed list.
        while word(j) && PRENOMINAL.contains(&keys.at(j)) {
            j += 1;
        }
        if !(word(j) && same_line(start, j))
            || NAME_STOPPERS.contains(&keys.at(j))
            || preposition(j)
        {
            break;
        }
        if is_capitalised(body, &toks[j]) {
            capitalised_inside = true;
        }
        j += 1;
        content += 1;
        good_end = Some(j);
        adjectives(&mut j, &mut content, &mut good_end);
        if j - start > 12 {
            break;
        }
    }
    let end = good_end?;
    let acronym_follows = toks.get(end).is_some_and(|p| p.text(body) == "(")
        && toks.get(end + 1).is_some_and(|a| is_capitalised(body, a))
        && toks
            .get(end + 2)
            .is_some_and(|p| matches!(p.text(body), ")" | ","))
        || toks
            .get(end + 2)
            .is_some_and(|o| keys.at(end + 2) == "ou" && o.kind == TokenKind::Word);
    // Sentences come in token order.
    let sentence_initial = tokens
        .sentences
        .binary_search_by_key(&i, |s| s.tokens.start)
        .is_ok();
    // "Union africaine", "Parti socialiste": a head and its adjective are
    // a name's most common short form.
    let enough = acronym_follows
        || (!sentence_initial && (capitalised_inside || adjective_after_head || content >= 2));
    enough.then_some(end)
}

/// The tokens `(` that have a token before them and two after, in order:
/// found by searching the body for the byte, which few articles hold more
/// than a few times, rather than by reading every token.
fn open_parentheses<'a>(body: &'a str, toks: &'a [Token]) -> impl Iterator<Item = usize> + 'a {
    let last = toks.len().saturating_sub(2);
    memchr::memchr_iter(b'(', body.as_bytes())
        .map(|at| (at, toks.partition_point(|t| t.start < at)))
        .filter(move |&(at, i)| {
            // A `(` inside a longer token maps to the token after it.
            (1..last).contains(&i) && toks[i].start == at && toks[i].text(body) == "("
        })
        .map(|(_, i)| i)
}

/// [`open_parentheses`], reading every token.
#[cfg(test)]
fn open_parentheses_reference(body: &str, toks: &[Token]) -> Vec<usize> {
    (1..toks.len().saturating_sub(2))
        .filter(|&i| toks[i].text(body) == "(")
        .collect()
}

/// "Front de libération de l'Azawad (FLA)": when no rule found the long
/// name, an acronym in parentheses whose letters are the initials of the
/// capitalised and content words before it makes that stretch a group.
fn defined_acronyms(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    claimed: &[(usize, usize)],
    out: &mut Vec<ContextName>,
) {
    // `out` and `claimed` are sorted and non-overlapping: a search each.
    // Gazetteer names inside the definition do not count: the acronym
    // vouches for the whole ("Front national" inside the FNDC's name). One
    // that is the whole name already links it.
    let overlaps = |s: usize, e: usize, out: &[ContextName]| {
        let i = claimed.partition_point(|c| c.1 <= s);
        let crosses = claimed[i..]
            .iter()
            .take_while(|c| c.0 < e)
            .any(|c| c.0 < s || c.1 > e || *c == (s, e));
        overlaps_sorted(s, e, out, |n| (n.start, n.end)) || crosses
    };
    let mut added: Vec<ContextName> = Vec::new();
    for i in open_parentheses(body, toks) {
        if toks[i + 2].text(body) != ")" {
            continue;
        }
        let acr = toks[i + 1].text(body);
        let letters: Vec<char> = acr
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if letters.len() < 2
            || letters.len() > 8
            || !acr.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        // Walk back over words, matching initials of content words from the end.
        let mut want = letters.len();
        let mut j = i;
        let mut first = None;
        while j > 0 && want > 0 {
            j -= 1;
            let t = &toks[j];
            if !matches!(t.kind, TokenKind::Word | TokenKind::Elision)
                || body[t.end..toks[j + 1].start].contains('\n')
            {
                break;
            }
            let k = keys.at(j);
            // Acronyms skip these as they skip "de" ("Médecins sans
            // frontières", MSF; "Parti socialiste sans frontières", PSF).
            let function = NAME_PREPOSITIONS.contains(&k)
                || NAME_DETERMINERS.contains(&k)
                || matches!(
                    k,
                    "et" | "sans" | "contre" | "sur" | "par" | "avec" | "entre" | "chez" | "dans"
                );
            if function {
                continue;
            }
            let initial = k.chars().next().unwrap_or(' ');
            if initial == letters[want - 1] {
                want -= 1;
                first = Some(j);
            } else {
                break;
            }
        }
        let Some(first) = first.filter(|_| want == 0) else {
            continue;
        };
        if !is_capitalised(body, &toks[first]) {
            continue;
        }
        let (s, e) = (toks[first].start, toks[i - 1].end);
        if !overlaps(s, e, out) && !added.iter().any(|n| n.start < e && s < n.end) {
            added.push(ContextName {
                start: s,
                end: e,
                kind: EntityType::Group,
                defined: true,
            });
        }
    }
    out.extend(added);
    out.sort_by_key(|n| n.start);
}

/// Whether `[s, e)` overlaps one of `spans`, sorted and non-overlapping
/// (so their ends are sorted too), each read by `span`.
fn overlaps_sorted<T>(
    s: usize,
    e: usize,
    spans: &[T],
    span: impl Fn(&T) -> (usize, usize),
) -> bool {
    let i = spans.partition_point(|x| span(x).1 <= s);
    spans.get(i).is_some_and(|x| span(x).0 < e)
}

/// If a cue of `cues` starts at token `i`, the index of the token after it
/// (the longest cue wins: "chef d'état-major" over "chef"). `cues` are the
/// entries of one cue list whose first word is the key of token `i` (see
/// [`CueFirst`]): the only ones the joined keys can equal or begin, since
/// a first word holds no separator. `joined` is scratch space.
fn match_cue(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    cues: &[&'static str],
    joined: &mut String,
) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let mut best = None;
    joined.clear();
    for n in 0..4 {
        let Some(tok) = toks.get(i + n) else { break };
        // Keys join with one space, but not after an elision ("chef d'état-major").
        if n > 0 && toks[i + n - 1].kind != TokenKind::Elision {
            joined.push(' ');
        }
        joined.push_str(keys.at(i + n));
        if !cues.iter().any(|c| c.starts_with(joined.as_str())) {
            // Neither this join, nor it with a point, nor any longer join
            // is a cue.
            break;
        }
        // "M." is a word then a point.
        if tok.kind == TokenKind::Word
            && toks
                .get(i + n + 1)
                .is_some_and(|p| p.start == tok.end && p.text(body) == ".")
        {
            joined.push('.');
            if cues.contains(&joined.as_str()) {
                best = Some(i + n + 2);
            }
            joined.pop();
        }
        if cues.contains(&joined.as_str()) {
            best = Some(i + n + 1);
        }
    }
    best
}

/// [`match_cue`] over a whole cue list, as sets of entries and of their
/// prefixes.
#[cfg(test)]
fn match_cue_reference(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    cues: &WordSet,
    joined: &mut String,
) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let mut best = None;
    joined.clear();
    for n in 0..4 {
        let Some(tok) = toks.get(i + n) else { break };
        // Keys join with one space, but not after an elision ("chef d'état-major").
        if n > 0 && toks[i + n - 1].kind != TokenKind::Elision {
            joined.push(' ');
        }
        joined.push_str(keys.at(i + n));
        if !cues.prefixes.contains(joined.as_str()) {
            // Neither this join, nor it with a point, nor any longer join
            // is a cue.
            break;
        }
        // "M." is a word then a point.
        if tok.kind == TokenKind::Word
            && toks
                .get(i + n + 1)
                .is_some_and(|p| p.start == tok.end && p.text(body) == ".")
        {
            joined.push('.');
            if cues.contains(joined) {
                best = Some(i + n + 2);
            }
            joined.pop();
        }
        if cues.contains(joined) {
            best = Some(i + n + 1);
        }
    }
    best
}

/// Whether a folded word is a locative noun ("village", "commune",
/// "région"): the head of "le village de X".
pub fn is_place_noun(k: &str) -> bool {
    PLACE_CUE_SET.contains(k)
}

/// "le village de X", "l’école de gendarmerie de X", "la région de X":
/// the index of X.
fn match_place_cue(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    flags: u8,
) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word || flags & PLACE_NOUN == 0 || is_capitalised(body, t) {
        return None;
    }
    toks.get(i + 1)?;
    if matches!(keys.at(i + 1), "de" | "d'" | "du") {
        Some(i + 2)
    } else {
        None
    }
}

/// The end (exclusive token index) of a capitalised name starting at `j`.
/// People may have up to five words with particles inside; places up to
/// three words joined by hyphens/particles.
/// Common nouns that, with a determiner before them, announce an
/// organisation's own name: "l'association Tabital Pulaaku", "la coalition
/// Diomaye Président", "le syndicat Synpics".
const ORGANISATION_NOUNS: &[&str] = &[
    "association",
    "ong",
    "coalition",
    "syndicat",
    "collectif",
    "mouvement",
    "parti",
    "fondation",
    "plateforme",
    "federation",
    "confederation",
    "organisation",
    "societe",
    "entreprise",
    "compagnie",
    "milice",
    "katiba",
];

/// A capitalised name right after a determiner and an organisation noun
/// ("l'association Tabital Pulaaku"). The span holds the noun: an unknown
/// organisation is named by both ("la société Aenesmann", "la fondation
/// Beethoven", as the public corpora annotate them); returns the end of
/// the name, which starts at token `i - 1`.
fn named_organisation(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    i: usize,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    // The name is capitalised (`take_name`): most words are not, and
    // need no look at the words before them.
    if i < 2 || !is_capitalised(body, &toks[i]) || !ORGANISATION_NOUNS.contains(&keys.at(i - 1)) {
        return None;
    }
    let determiner = matches!(
        keys.at(i - 2),
        "l'" | "le" | "la" | "les" | "du" | "au" | "une" | "un" | "cette" | "ce"
    );
    if !determiner || toks[i - 1].end == toks[i].start {
        return None;
    }
    take_name(body, toks, keys, i, false, is_claimed)
}

/// A lowercase particle glued by a hyphen to a capitalised name, as Arabic
/// names are written in French: "al-Ghaithi", "el-Béchir", "ould-Abdallah".
fn glued_particle(text: &str) -> bool {
    // Every particle starts with one of these: most words are settled on
    // their first byte.
    if !matches!(text.as_bytes().first(), Some(b'a' | b'e' | b'b' | b'o')) {
        return false;
    }
    ["al-", "el-", "ben-", "ould-", "abu-", "abou-", "ag-"]
        .iter()
        .any(|p| {
            text.strip_prefix(p)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// Whether [`take_name`] of a person's name may go on at token `j` (the
/// word after the first): a capitalised word, a glued particle or a
/// particle. False means the name ends before `j`.
fn may_continue_name(body: &str, toks: &[Token], keys: &TokenKeys, j: usize) -> bool {
    let Some(t) = toks.get(j) else {
        return false;
    };
    if is_capitalised(body, t) || glued_particle(t.text(body)) {
        return true;
    }
    // Every particle is a short lowercase ASCII word: most keys are
    // settled before hashing.
    let k = keys.at(j);
    let short_lowercase = k.len() <= 4 && k.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
    short_lowercase && PARTICLES.contains(k) || t.kind == TokenKind::Elision && k == "d'"
}

fn take_name(
    body: &str,
    toks: &[Token],
    keys: &TokenKeys,
    j: usize,
    person: bool,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    let first = toks.get(j)?;
    if !is_capitalised(body, first) || is_claimed(first) || not_a_name(keys.at(j)) {
        return None;
    }
    let max_words = if person { 5 } else { 3 };
    let mut end = j + 1;
    let mut words = 1;
    while end < toks.len() && words < max_words {
        let t = &toks[end];
        // Names do not run over punctuation or line breaks.
        if body[toks[end - 1].end..t.start].contains('\n') {
            break;
        }
        if is_capitalised(body, t) && !is_claimed(t) && !not_a_name(keys.at(end)) {
            end += 1;
            words += 1;
            continue;
        }
        // A particle glued to a capitalised name: "al-Ghaithi", "el-Béchir".
        if person && glued_particle(t.text(body)) && !is_claimed(t) {
            end += 1;
            words += 1;
            continue;
        }
        // A particle counts only if a capitalised word follows it.
        let k = keys.at(end);
        if person
            && (PARTICLES.contains(k) || t.kind == TokenKind::Elision && k == "d'")
            && toks
                .get(end + 1)
                .is_some_and(|n| is_capitalised(body, n) && !is_claimed(n))
        {
            end += 2;
            words += 2;
            continue;
        }
        break;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn names(body: &str) -> Vec<(&str, EntityType)> {
        let lexicon = Lexicon {
            demonyms: ["malien", "malienne", "nigerien", "burkinabe"]
                .map(String::from)
                .into_iter()
                .collect(),
            given_names: [
                "sylvain",
                "fatoumata",
                "amadou",
                "emmanuel",
                "hamadou",
                "fatou",
            ]
            .map(String::from)
            .into_iter()
            .collect(),
        };
        find_names(body, &tokenize(body), &[], &lexicon)
            .into_iter()
            .map(|n| (&body[n.start..n.end], n.kind))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn sorted_overlap_search_is_the_scan(
            lens in proptest::collection::vec((0..4usize, 1..4usize), 0..8),
            s in 0..30usize,
            len in 1..6usize,
        ) {
            let mut spans = Vec::new();
            let mut at = 0;
            for (gap, n) in lens {
                spans.push((at + gap, at + gap + n));
                at += gap + n;
            }
            let e = s + len;
            proptest::prop_assert_eq!(
                overlaps_sorted(s, e, &spans, |&c| c),
                spans.iter().any(|&(a, b)| a < e && s < b)
            );
        }
    }

    /// Words for the cue tests: cues, their pieces, and words like them.
    const CUE_WORDS: &[&str] = &[
        "a",
        "à",
        "A",
        "au",
        "l’",
        "l'",
        "est",
        "ouest",
        "de",
        "d'",
        "d’",
        "nord",
        "nord-est",
        "sud",
        "pres",
        "près",
        "non",
        "loin",
        "M",
        "m",
        "Mme",
        "MM",
        ".",
        "chef",
        "état-major",
        "village",
        "premier",
        "ministre",
        "secrétaire",
        "général",
        "porte-parole",
        "du",
        "gouvernement",
        "s’",
        "inquiète",
        "explique-t-il",
        "selon",
        "la",
        "sortie",
        "entrée",
        "Amadou",
        "Dr",
        "me",
        "Me",
        "ex-président",
        "envoyé",
        "spécial",
        ",",
        "1\u{202f}000",
        "natif",
        "originaire",
        "prest",
        "aux",
        "environs",
        "en",
        "direction",
        "proximité",
    ];

    /// The text of `parts`: each a word of `words` and the glue after it.
    fn body_of(words: &[&str], glue: &[&str], parts: &[(usize, usize)]) -> String {
        parts
            .iter()
            .flat_map(|&(w, g)| [words[w], glue[g]])
            .collect()
    }

    proptest::proptest! {
        /// A cue matched among the entries of its first word is the cue
        /// matched in the whole list.
        #[test]
        fn cues_by_first_word_are_cues_of_the_list(
            parts in proptest::collection::vec((0..CUE_WORDS.len(), 0..3usize), 0..12),
        ) {
            let body = body_of(CUE_WORDS, &[" ", "", "\n"], &parts);
            let tokens = tokenize(&body);
            let folded = tokens.keys_of(&body);
            let keys = TokenKeys::new(&body, &tokens, &folded);
            let toks = &tokens.tokens;
            let (mut a, mut b) = (String::new(), String::new());
            for (set, list) in CUE_LISTS.iter().enumerate() {
                let words = WordSet::new(list, 1 << set);
                for i in 0..toks.len() {
                    let fast = cue_first(toks, &keys, i)
                        .filter(|f| f.flags & 1 << set != 0)
                        .and_then(|f| match_cue(&body, toks, &keys, i, &f.cues[set], &mut a));
                    let whole = if toks[i].kind == TokenKind::Word
                        && cue_firsts_of(keys.at(i)) & words.flag != 0
                    {
                        match_cue_reference(&body, toks, &keys, i, &words, &mut b)
                    } else {
                        None
                    };
                    proptest::prop_assert_eq!(fast, whole, "{:?} at token {}", body, i);
                }
            }
        }

        /// A name never runs past a token `may_continue_name` refuses.
        #[test]
        fn names_end_where_they_may_not_continue(
            parts in proptest::collection::vec((0..WORDS.len(), 0..4usize), 0..40),
        ) {
            let body = body_of(WORDS, &[" ", " ", "", "\n"], &parts);
            let tokens = tokenize(&body);
            let folded = tokens.keys_of(&body);
            let keys = TokenKeys::new(&body, &tokens, &folded);
            let toks = &tokens.tokens;
            for i in 0..toks.len() {
                if !may_continue_name(&body, toks, &keys, i + 1) {
                    let end = take_name(&body, toks, &keys, i, true, &|_| false);
                    proptest::prop_assert!(end.is_none_or(|e| e == i + 1), "{:?}", body);
                }
            }
        }

        /// The keys read in place are `normalize`'s, token by token.
        #[test]
        fn token_keys_are_normalized(
            parts in proptest::collection::vec((0..CUE_WORDS.len(), 0..3usize), 0..12),
        ) {
            let body = body_of(CUE_WORDS, &[" ", "", "\n"], &parts);
            let tokens = tokenize(&body);
            let folded = tokens.keys_of(&body);
            let keys = TokenKeys::new(&body, &tokens, &folded);
            for (i, t) in tokens.tokens.iter().enumerate() {
                proptest::prop_assert_eq!(keys.at(i), normalize(t.text(&body)));
            }
        }

        #[test]
        fn parentheses_found_by_search_are_the_scan(body in "[a(b) (é(]{0,40}") {
            let tokens = tokenize(&body);
            proptest::prop_assert_eq!(
                open_parentheses(&body, &tokens.tokens).collect::<Vec<_>>(),
                open_parentheses_reference(&body, &tokens.tokens)
            );
        }

        #[test]
        fn all_caps_in_one_pass(s in "[aAÉé1ª\u{1c5}\u{627}-]{0,8}") {
            proptest::prop_assert_eq!(is_all_caps(&s), is_all_caps_reference(&s));
        }
    }

    /// `apposition_person` settles punctuation before looking the next
    /// word up among the particles.
    #[test]
    fn particles_start_with_a_lowercase_ascii_letter() {
        for p in NAME_PARTICLES {
            assert!(p.as_bytes()[0].is_ascii_lowercase(), "{p}");
            // (`may_continue_name` takes no longer word for one.)
            assert!(p.len() <= 4, "{p}");
        }
        for p in ["al-", "el-", "ben-", "ould-", "abu-", "abou-", "ag-"] {
            // (`glued_particle` settles other words on their first byte.)
            assert!(matches!(p.as_bytes()[0], b'a' | b'e' | b'b' | b'o'), "{p}");
        }
    }

    #[test]
    fn cue_ends_keep_every_cue_first() {
        for (k, f) in CUE_FIRSTS.iter() {
            assert_eq!(cue_firsts_of(k), f.flags, "{k:?}");
        }
        for k in ["", "x", "de", "village", "villages", "presidentielle", "é"] {
            assert_eq!(cue_firsts_of(k), CUE_FIRSTS.get(k).map_or(0, |f| f.flags));
        }
    }

    const WORDS: &[&str] = &[
        "le",
        "la",
        "de",
        "du",
        "d’",
        "l’",
        "à",
        "a",
        "A",
        "près",
        "au",
        "nord",
        "président",
        "général",
        "malien",
        "M",
        ".",
        ",",
        "(",
        ")",
        "Amadou",
        "Touré",
        "Issa",
        "Zongo",
        "village",
        "Tinzouatin",
        "Front",
        "libération",
        "Azawad",
        "FLA",
        "MJC",
        "selon",
        "explique",
        "Sylvie",
        "Breda",
        "politologue",
        "un",
        "chef",
        "d'état-major",
        "Ag",
        "ben",
        "Mali",
        "Bamako",
        "mardi",
        "Mardi",
        "et",
        "socialiste",
        "Parti",
        "ONG",
        "1",
        "«",
        "»",
        "ª",
        "Ǆ",
        "\n",
        "qui",
        "a déclaré",
        "Union",
        "africaine",
        "al-Bashir",
    ];

    proptest::proptest! {
        /// Skipping the tokens no rule starts on finds what trying every
        /// rule on every token finds.
        #[test]
        fn skipping_tokens_changes_nothing(
            parts in proptest::collection::vec((0..WORDS.len(), 0..4usize), 0..40),
            claim in 0..6usize,
        ) {
            let body = body_of(WORDS, &[" ", " ", "", "\n"], &parts);
            let tokens = tokenize(&body);
            // Claim some capitalised words, as gazetteer hits would.
            let claimed: Vec<(usize, usize)> = tokens
                .tokens
                .iter()
                .filter(|t| is_capitalised(&body, t))
                .step_by(claim + 1)
                .skip(1)
                .map(|t| (t.start, t.end))
                .collect();
            let lexicon = Lexicon {
                demonyms: ["malien"].iter().map(|s| s.to_string()).collect(),
                given_names: ["amadou", "sylvie", "issa"].iter().map(|s| s.to_string()).collect(),
            };
            proptest::prop_assert_eq!(
                find_names_with(&body, &tokens, &claimed, &lexicon, true),
                find_names_with(&body, &tokens, &claimed, &lexicon, false),
                "{:?}", body
            );
        }
    }

    #[test]
    fn people_after_titles() {
        use EntityType::Person;
        assert_eq!(
            names("le général malien Oumar Diarra a dit"),
            [("Oumar Diarra", Person)]
        );
        assert_eq!(
            names("L'analyste Lukas Weber estime"),
            [("Lukas Weber", Person)]
        );
        assert_eq!(names("selon M. Goïta."), [("Goïta", Person)]);
        assert_eq!(
            names("le président de transition malien Assimi Goïta"),
            [("Assimi Goïta", Person)]
        );
        assert_eq!(
            names("le chef rebelle Iyad Ag Ghaly"),
            [("Iyad Ag Ghaly", Person)]
        );
    }

    #[test]
    fn places_after_locative_nouns() {
        use EntityType::Place;
        assert_eq!(
            names("l’école de gendarmerie de Faladié"),
            [("Faladié", Place)]
        );
        assert_eq!(
            names("dans le village de Tinzouatin, hier"),
            [("Tinzouatin", Place)]
        );
    }

    #[test]
    fn people_after_speech_verbs() {
        use EntityType::Person;
        assert_eq!(
            names("», a raconté Issouf Sawadogo, un chauffeur"),
            [("Issouf Sawadogo", Person)]
        );
        assert_eq!(
            names("», explique Clémence Aubriot, analyste"),
            [("Clémence Aubriot", Person)]
        );
        assert!(names("selon Bamako, rien").is_empty());
        assert!(names("a indiqué le ministre de la Défense.").is_empty());
    }

    #[test]
    fn people_by_first_name_and_apposition() {
        use EntityType::Person;
        assert_eq!(
            names("Hier, Sylvain Breda est venu."),
            [("Sylvain Breda", Person)]
        );
        assert_eq!(
            names("où Fatoumata Walet Mohamed vit"),
            [("Fatoumata Walet Mohamed", Person)]
        );
        assert_eq!(
            names("pour Ousmane Kaboré, politologue burkinabè"),
            [("Ousmane Kaboré", Person)]
        );
        assert!(
            names("Amadou a parlé.").is_empty(),
            "a first name alone is no full name"
        );
    }

    #[test]
    fn places_after_locatives() {
        use EntityType::*;
        assert_eq!(
            names("il habite à Haironville depuis"),
            [("Haironville", Place)]
        );
        assert_eq!(names("au nord de Tessit, hier"), [("Tessit", Place)]);
        assert_eq!(
            names("il a parlé à Emmanuel Macron"),
            [("Emmanuel Macron", Person)]
        );
        assert!(names("rendez-vous à Mardi").is_empty());
    }

    #[test]
    fn groups_by_naming_pattern_and_acronym() {
        use EntityType::Group;
        assert_eq!(
            names("le Front de libération de l'Azawad a dit"),
            [("Front de libération de l'Azawad", Group)]
        );
        assert_eq!(
            names("le Parti nigérien pour la démocratie et le socialisme (PNDS) a gagné"),
            [("Parti nigérien pour la démocratie et le socialisme", Group)]
        );
        assert_eq!(
            names("la Coordination des mouvements de l’Azawad, qui"),
            [("Coordination des mouvements de l’Azawad", Group)]
        );
        assert_eq!(
            names("selon la Ligue togolaise des droits de l’homme (LTDH)"),
            [("Ligue togolaise des droits de l’homme", Group)]
        );
        assert_eq!(
            names("le Haut conseil islamique (HCI) a dit"),
            [("Haut conseil islamique", Group)]
        );
        assert!(names("un Groupe de travail a été créé").is_empty());
        assert_eq!(names("sous la conduite du CAUE."), [("CAUE", Group)]);
        assert!(names("les ONG et le PIB du pays").is_empty());
        assert!(
            names("LE MALI FACE AU JNIM").is_empty(),
            "headlines in capitals are no acronyms"
        );
        assert!(names("l'Union africaine ont jugé")
            .iter()
            .all(|(t, _)| *t == "Union africaine"));
    }

    /// `fixtures/rules/names.tsv`: every row, every failure reported.
    #[test]
    fn rules_table() {
        const TABLE: &str = include_str!("../fixtures/rules/names.tsv");
        let mut failures = Vec::new();
        let mut rows = 0;
        for (n, line) in TABLE.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            rows += 1;
            let (sentence, expected) = line
                .split_once('\t')
                .expect("a row is sentence<TAB>expected");
            let want: Vec<String> = match expected.trim() {
                "-" => Vec::new(),
                e => e.split(';').map(|x| x.trim().to_string()).collect(),
            };
            let got: Vec<String> = names(sentence)
                .iter()
                .map(|(t, k)| format!("{t}={}", k.as_str()))
                .collect();
            if got != want {
                failures.push(format!(
                    "line {}: {sentence:?}\n  want {want:?}\n  got  {got:?}",
                    n + 1
                ));
            }
        }
        assert!(rows >= 40, "names.tsv has {rows} rows");
        assert!(
            failures.is_empty(),
            "{} of {rows} rows fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn traps() {
        assert!(names("le président a parlé mardi").is_empty());
        assert!(names("Le ministre. Mardi, rien.").is_empty());
        assert!(names("le village de pêcheurs").is_empty());
    }
}
