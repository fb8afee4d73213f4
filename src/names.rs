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

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::normalize::normalize;
use crate::record::EntityType;
use crate::tokenize::{Token, TokenKind, Tokens};

/// A name found by context (byte span).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextName {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Titles and roles that introduce a person's name (normalised keys).
const PERSON_CUES: &[&str] = &[
    "m.",
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
    "dirigeante",
    "fondateur",
    "fondatrice",
    "coordinateur",
    "coordinatrice",
    "capitaine-chef",
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
];

/// Particles inside a person's name: "Iyad Ag Ghaly", "Mohamed Ould
/// Ghazouani", "Ahmed ben Ali", "Abou Walid al-Sahraoui".
const NAME_PARTICLES: &[&str] = &[
    "ag", "ould", "ben", "bin", "ibn", "bint", "el", "al", "de", "du", "van", "von", "der", "da",
    "dos", "di", "abou", "abu", "ould",
];

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
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
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
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

fn is_capitalised(body: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word && t.text(body).chars().next().is_some_and(char::is_uppercase)
}

/// A small, fast hasher for the static word sets below (FxHash's mixing):
/// they are only ever probed, so SipHash's protection buys nothing here.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type HashSet<T> = std::collections::HashSet<T, BuildHasherDefault<WordHasher>>;

/// A static word list as a set, built once.
struct WordSet {
    words: HashSet<&'static str>,
    /// First words of multi-word entries: a cheap test before joining tokens.
    firsts: HashSet<&'static str>,
}

impl WordSet {
    fn new(list: &[&'static str]) -> WordSet {
        WordSet {
            words: list.iter().copied().collect(),
            firsts: list
                .iter()
                .map(|w| w.split([' ', '\'', '.']).next().unwrap_or(w))
                .collect(),
        }
    }
    fn contains(&self, k: &str) -> bool {
        self.words.contains(k)
    }
}

static PERSON_CUE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PERSON_CUES));
static SPEECH_CUE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SPEECH_CUES));
static FILLERS: LazyLock<HashSet<&str>> = LazyLock::new(|| CUE_FILLERS.iter().copied().collect());
static PLACE_CUE_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| PLACE_CUES.iter().copied().collect());
static PARTICLES: LazyLock<HashSet<&str>> =
    LazyLock::new(|| NAME_PARTICLES.iter().copied().collect());
static NOT_NAME_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// Finds context names outside `claimed` spans (sorted, non-overlapping).
/// `demonym` tells whether a normalised word is a nationality adjective.
pub fn find_names(
    body: &str,
    tokens: &Tokens,
    claimed: &[(usize, usize)],
    demonym: &dyn Fn(&str) -> bool,
) -> Vec<ContextName> {
    let toks = &tokens.tokens;
    // Every rule compares normalised words: fold each token once.
    // The token keys are `normalize`'s key of the token unless the token
    // holds white space (a number run with a narrow no-break space): those
    // few are normalised here.
    let folded = tokens.keys_of(body);
    let spaced: Vec<(usize, String)> = (0..toks.len())
        .filter(|&i| folded.get(i).contains(' '))
        .map(|i| (i, normalize(toks[i].text(body))))
        .collect();
    let mut keys: Vec<&str> = (0..toks.len()).map(|i| folded.get(i)).collect();
    for (i, k) in &spaced {
        keys[*i] = k.as_str();
    }
    let is_claimed = |t: &Token| {
        let i = claimed.partition_point(|&(_, e)| e <= t.start);
        claimed.get(i).is_some_and(|&(s, _)| s < t.end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        if let Some(after) = match_cue(body, toks, &keys, i, &PERSON_CUE_SET) {
            // Skip fillers and demonyms, then take the capitalised name.
            let mut j = after;
            let mut skipped = 0;
            while j < toks.len() && skipped < 4 {
                let t = &toks[j];
                let k = keys[j];
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
            if let Some(end) = take_name(body, toks, &keys, j, true, &is_claimed) {
                found = Some((j, end, EntityType::Person));
            }
        } else if let Some(after) = match_cue(body, toks, &keys, i, &SPEECH_CUE_SET) {
            if let Some(end) = take_name(body, toks, &keys, after, true, &is_claimed) {
                let words = toks[after..end]
                    .iter()
                    .filter(|t| is_capitalised(body, t))
                    .count();
                if words >= 2 {
                    found = Some((after, end, EntityType::Person));
                }
            }
        } else if let Some(after) = match_place_cue(body, toks, &keys, i) {
            if let Some(end) = take_name(body, toks, &keys, after, false, &is_claimed) {
                found = Some((after, end, EntityType::Place));
            }
        }
        match found {
            Some((first, end, kind)) => {
                out.push(ContextName {
                    start: toks[first].start,
                    end: toks[end - 1].end,
                    kind,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// If a cue of `cues` starts at token `i`, the index of the token after it
/// (the longest cue wins: "chef d'état-major" over "chef").
fn match_cue(body: &str, toks: &[Token], keys: &[&str], i: usize, cues: &WordSet) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word || !cues.firsts.contains(keys[i]) {
        return None;
    }
    let mut best = None;
    let mut joined = String::new();
    for n in 0..4 {
        let Some(tok) = toks.get(i + n) else { break };
        // Keys join with one space, but not after an elision ("chef d'état-major").
        if n > 0 && toks[i + n - 1].kind != TokenKind::Elision {
            joined.push(' ');
        }
        joined.push_str(keys[i + n]);
        // "M." is a word then a point.
        if tok.kind == TokenKind::Word
            && toks
                .get(i + n + 1)
                .is_some_and(|p| p.start == tok.end && p.text(body) == ".")
            && cues.contains(&format!("{joined}."))
        {
            best = Some(i + n + 2);
        }
        if cues.contains(&joined) {
            best = Some(i + n + 1);
        }
    }
    best
}

/// "le village de X", "l’école de gendarmerie de X", "la région de X":
/// the index of X.
fn match_place_cue(body: &str, toks: &[Token], keys: &[&str], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word || is_capitalised(body, t) || !PLACE_CUE_SET.contains(keys[i]) {
        return None;
    }
    toks.get(i + 1)?;
    if matches!(keys[i + 1], "de" | "d'" | "du") {
        Some(i + 2)
    } else {
        None
    }
}

/// The end (exclusive token index) of a capitalised name starting at `j`.
/// People may have up to five words with particles inside; places up to
/// three words joined by hyphens/particles.
fn take_name(
    body: &str,
    toks: &[Token],
    keys: &[&str],
    j: usize,
    person: bool,
    is_claimed: &dyn Fn(&Token) -> bool,
) -> Option<usize> {
    let first = toks.get(j)?;
    if !is_capitalised(body, first) || is_claimed(first) || NOT_NAME_SET.contains(keys[j]) {
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
        if is_capitalised(body, t) && !is_claimed(t) && !NOT_NAME_SET.contains(keys[end]) {
            end += 1;
            words += 1;
            continue;
        }
        // A particle counts only if a capitalised word follows it.
        let k = keys[end];
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
        let demonym = |k: &str| matches!(k, "malien" | "malienne" | "nigerien");
        find_names(body, &tokenize(body), &[], &demonym)
            .into_iter()
            .map(|n| (&body[n.start..n.end], n.kind))
            .collect()
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
    fn traps() {
        assert!(names("le président a parlé mardi").is_empty());
        assert!(names("Le ministre. Mardi, rien.").is_empty());
        assert!(names("le village de pêcheurs").is_empty());
    }
}
