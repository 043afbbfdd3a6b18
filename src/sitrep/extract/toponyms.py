"""Toponym recognition: spaCy's place entities + gazetteer matching + context rules, resolved in
the document's context (geo.resolve_mentions). Reads a parsed Doc, returns Toponym records.

The small English model misses many place names (small Middle-East and Sahel towns above all), so
three recognisers are combined, longest span first:
1. spaCy entities labelled GPE, LOC or FAC; and ORG/PERSON/NORP ones that the gazetteer knows as
   a site, a country or a province (the model calls Tartus an ORG and Hmeimim a NORP), or as any
   place when one word follows "in", "near", "the town of"... (it calls Amuda a PERSON).
2. Gazetteer matching: runs of proper nouns whose folded form names a place. Alone that would find
   "Will" and "Bath", so a match must be a proper noun outside person names and either name a
   strong place (a site, country, province, district, region, or a town of 10,000+ people), or a
   town in a country the document already names, or come with a context rule.
3. Context rules: "the town of X", "X airport", "north of X", "X County" make X a place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.extract.demonyms import find_demonyms
from sitrep.extract.lexicon import CAPITALS
from sitrep.extract.lists import list_neighbours
from sitrep.extract.nonplaces import is_no_place
from sitrep.geo import Gazetteer
from sitrep.geo.countries import US_STATE_ABBREVIATIONS
from sitrep.geo.demonyms import demonym_place, is_demonym
from sitrep.geo.gazetteer import Candidate
from sitrep.geo.resolve import resolve_mentions
from sitrep.records import Place, Toponym, ToponymMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MISLABELS = {"PERSON", "ORG", "NORP"}
# Entity labels a gazetteer match may not overlap: "May", "$5 Paris" ... (PERSON ones need a
# context rule: see _keep_gazetteer_match).
BLOCKING_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                   "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT"}
MAX_NAME_TOKENS = 5
STRONG_TOWN_POPULATION = 10_000
BIG_TOWN_POPULATION = 100_000
# Words inside place names that are not proper nouns: "Bosnia and Herzegovina", "Deir ez-Zor".
NAME_CONNECTORS = {"-", "al", "el", "de", "of", "and", "ez", "es", "upon", "on", "la", "le", "du", "'s"}
PLACE_NOUNS = {"town", "city", "village", "port", "province", "district", "county", "region", "state",
               "governorate", "capital", "suburb", "outskirts", "area", "island", "country", "municipality",
               "republic", "border", "crossing", "settlement", "camp"}
FEATURE_WORDS = {"airport", "airfield", "airbase", "base", "port", "county", "parish", "province", "governorate",
                 "district", "harbour", "harbor", "border", "city", "town", "state", "region", "valley", "river",
                 "counties", "parishes", "provinces", "districts", "governorates"}
PHYSICAL_WORDS = {"river", "valley", "island", "mountains", "lake"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "outskirts", "edge", "suburbs", "vicinity", "near", "outside", "around"}
# Head words of institutions named after their town: "Newark Fire Department", "Paris City Hall".
INSTITUTION_WORDS = {"fire", "police", "department", "high", "school", "council", "hall", "jail", "courthouse",
                     "center", "centre", "hospital", "road", "street", "avenue", "university", "college", "journal",
                     "times", "news", "herald", "gazette", "tribune", "church", "library", "park", "museum", "club",
                     "board", "commission", "office", "sheriff", "bank", "company", "mall", "market", "station",
                     "bridge", "elementary", "academy", "chamber", "post", "live", "civic", "regional", "memorial"}
# Words that name no place on their own: "Eastern" of "Eastern Mediterranean" is no Ugandan province.
GENERIC_WORDS = DIRECTIONS | FEATURE_WORDS | PLACE_NOUNS | {
    "northern", "southern", "eastern", "western", "central", "ocean", "sea", "lake", "gulf", "bay", "new",
    "great", "upper", "lower", "middle", "mount", "saint", "st.", "fort", "san", "santa", "island", "islands"}
SOURCE_LOCATION_CUES = ("based in", "headquartered in", "located in", "from its office in", "offices in")
LOCATIVE_PREPS = {"in", "at", "to", "into", "near", "outside", "around", "from", "toward", "towards",
                  "inside", "across", "through", "over", "of"}


@dataclass
class _Span:
    """A recognised name under construction (token offsets), before resolution."""

    start: int
    end: int
    source: str  # ner, gazetteer, rule
    cue: str | None = None
    qualifier: str | None = None
    role: str = "place"


def find_toponyms(doc: Any, *, gazetteer: Gazetteer, focus_country: str | None = None) -> list[Toponym]:
    """The place names of a parsed document, each resolved in the context of the others, and its
    demonyms ("Russian", role "demonym") resolved to the country or region they name."""
    spans = _recognise(doc, gazetteer)
    demonyms = [(s.start, s.end, place) for s in spans
                if is_demonym(doc[s.start:s.end].text)
                and (place := demonym_place(doc[s.start:s.end].text, gazetteer=gazetteer)) is not None]
    spans = [s for s in spans if not any(s.start == d[0] for d in demonyms)]
    demonyms += find_demonyms(doc, gazetteer=gazetteer, taken={i for s in spans for i in range(s.start, s.end)})
    for span in spans:
        span.cue = _cue(doc, span)
        span.qualifier = _qualifier(doc, span)
        span.role = _role(doc, span)
    neighbours = list_neighbours(doc, spans)
    for i in neighbours:
        if spans[i].role == "metonym":
            spans[i].role = "place"  # an item of a list of places acts as no government
    mentions = [ToponymMention(doc[s.start:s.end].text, doc[s.start].idx, _end_char(doc, s), s.cue, s.qualifier,
                               s.role, neighbours.get(i, ())) for i, s in enumerate(spans)]
    resolved = resolve_mentions(mentions, gazetteer=gazetteer, focus_country=focus_country)
    found = [Toponym(m.text, m.start, m.end, _place(m, cand), s.role)
             for m, s, cand in zip(mentions, spans, resolved, strict=True)
             if not is_no_place(doc, s.start, s.end, cand.resolution if cand else None)]
    for start, end, cand in demonyms:
        mention = ToponymMention(doc[start:end].text, doc[start].idx, _end_char(doc, _Span(start, end, "demonym")))
        found.append(Toponym(mention.text, mention.start, mention.end, _place(mention, cand), "demonym"))
    return sorted(found, key=lambda t: t.start)


def _end_char(doc: Any, span: _Span) -> int:
    last = doc[span.end - 1]
    return int(last.idx + len(last.text))


def _place(mention: ToponymMention, cand: Candidate | None) -> Place | None:
    if cand is None:
        return None
    return Place(extracted_place=mention.text, resolved_place=cand.name, lat=cand.lat, lon=cand.lon,
                 country_code=cand.country_code, feature_code=cand.feature_code, resolution=cand.resolution,
                 start=mention.start, end=mention.end, site_id=cand.site_id)


def _recognise(doc: Any, gazetteer: Gazetteer) -> list[_Span]:
    """Non-overlapping name spans from the three recognisers, in text order."""
    # "the Dnipro River" is recognised whole and resolves to the river (data/physical_features.csv).
    taken: set[int] = set()
    spans: list[_Span] = []
    surnames = _person_surnames(doc)

    def claim(found: Iterable[_Span]) -> None:
        for span in found:
            if span.end - span.start == 1 and doc[span.start].text in surnames and not _context_rule(doc, span) \
                    and not _names_a_country_or_province(gazetteer, doc[span.start].text):
                continue  # "Flores" after "Mike Flores": the person again, not the town
            if not any(i in taken for i in range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                spans.append(span)

    claim(_entity_spans(doc, gazetteer))
    matches = list(_gazetteer_matches(doc, gazetteer, taken))
    countries = _document_countries(doc, spans, gazetteer)
    claim(m for m in matches if _keep_gazetteer_match(doc, m, gazetteer, countries))
    # One sense per discourse: a name recognised once is a place wherever else it is matched.
    known = {_key(doc, s) for s in spans}
    claim(m for m in matches if _key(doc, m) in known)
    return sorted(spans, key=lambda s: s.start)


def _key(doc: Any, span: _Span) -> str:
    return str(doc[span.start:span.end].text.lower())


def _person_surnames(doc: Any) -> set[str]:
    """Last words of the document's multi-word person names ("Abraham Lincoln" -> "Lincoln")."""
    return {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}


def _entity_spans(doc: Any, gazetteer: Gazetteer) -> Iterable[_Span]:
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a"}:
            start += 1
        if start >= end:
            continue
        text = doc[start:end].text
        if ent.label_ in PLACE_LABELS:
            span = _known_part(doc, _extended(doc, _Span(start, end, "ner"), gazetteer), gazetteer)
            if span.end - span.start > 1 or not _only_a_minor_alias(gazetteer, doc[span.start].text):
                yield span
        elif ent.label_ in MISLABELS | {"DATE"}:
            span = _Span(start, end, "ner")
            best = _best(gazetteer, text)
            if best is None or (ent.label_ == "DATE" and best.resolution != "country"):
                continue
            # The model calls Amuda and Ouallam people; "in X", "the town of X" say otherwise.
            if best.resolution in {"site", "country", "province"} or \
                    (end - start == 1 and (_after_locative(doc, span) or _context_rule(doc, span))):
                yield span


def _extended(doc: Any, span: _Span, gazetteer: Gazetteer) -> _Span:
    """The entity grown to the right when that makes a known name: the model stops at "Democratic
    Republic" of "Democratic Republic of the Congo"."""
    for end in range(min(len(doc), span.end + 4), span.end, -1):
        if all(_in_name(t) or t.lower_ == "the" for t in doc[span.end:end]) and _may_end_name(doc[end - 1]) \
                and gazetteer.knows(doc[span.start:end].text):
            return _Span(span.start, end, span.source)
    return span


def _known_part(doc: Any, span: _Span, gazetteer: Gazetteer) -> _Span:
    """The entity, or the longest name inside it that the gazetteer knows: "Anderson County" of
    "Anderson County Sheriff's Office", "Mount Pleasant" of "Mount Pleasant Civic Center". One word
    must name a big place by its own name, or any town by its own name when the rest names an
    institution ("Scottdale Fire Department"): "Goz" of "Goz Beida" is no Gorna Oryahovitsa,
    "Jebel" of "Jebel Awliya" no Turkmen town."""
    if span.end - span.start == 1 or gazetteer.knows(doc[span.start:span.end].text):
        return span
    for length in range(span.end - span.start - 1, 0, -1):
        for i in range(span.start, span.end - length + 1):
            if _usable_part(doc, span, doc[i:i + length], gazetteer):
                return _Span(i, i + length, span.source)
    return span


def _usable_part(doc: Any, whole: _Span, part: Any, gazetteer: Gazetteer) -> bool:
    if not (part[0].text[:1].isupper() and _may_end_name(part[-1]) and gazetteer.knows(part.text)):
        return False
    if all(t.lower_ in GENERIC_WORDS for t in part):
        return False
    if len(part) > 1 or _is_big_place(gazetteer, part.text):
        return True
    institution = part.start == whole.start and _names_an_institution(doc[part.end:whole.end])
    return institution and part[0].lower_ not in INSTITUTION_WORDS and _is_own_name(gazetteer, part.text)


def _best(gazetteer: Gazetteer, name: str) -> Candidate | None:
    """The place a name most likely means on its own: sites, countries and provinces first."""
    cands = gazetteer.lookup(name)
    return cands[0] if cands else None


def _document_countries(doc: Any, spans: list[_Span], gazetteer: Gazetteer) -> set[str]:
    """Countries the entity toponyms point to by their strongest reading."""
    codes: set[str] = set()
    for span in spans:
        best = _best(gazetteer, doc[span.start:span.end].text)
        if best is not None and best.country_code:
            codes.add(best.country_code)
    return codes


def _gazetteer_matches(doc: Any, gazetteer: Gazetteer, taken: set[int]) -> Iterable[_Span]:
    """Longest runs of proper nouns (with connectors) that the gazetteer knows, outside the spans
    taken. Names inside organisation names count ("the Kansas Department of Transportation")."""
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in taken or not _may_start_name(tok):
            i += 1
            continue
        found = None
        for j in range(min(n, i + MAX_NAME_TOKENS), i, -1):
            if any(k in taken for k in range(i, j)) or not _may_end_name(doc[j - 1]):
                continue
            if not all(_in_name(doc[k]) for k in range(i, j)):
                continue
            if gazetteer.knows(doc[i:j].text):
                found = j
                break
        if found is None:
            i += 1
            continue
        yield _Span(i, found, "gazetteer")
        i = found


def _may_start_name(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.ent_type_ not in BLOCKING_LABELS and tok.pos_ in {"PROPN", "NOUN", "ADJ"}


def _may_end_name(tok: Any) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def _in_name(tok: Any) -> bool:
    if tok.ent_type_ in BLOCKING_LABELS:
        return False
    return tok.text[:1].isupper() or tok.lower_ in NAME_CONNECTORS or tok.text[:1].isdigit()


def _keep_gazetteer_match(doc: Any, span: _Span, gazetteer: Gazetteer, countries: set[str]) -> bool:
    """A proper-noun match is kept when a context rule announces it, or when it names a strong
    place (a site, country, province, district, region; a big town by its own name) or a town of
    the document's countries, and one word alone also needs a locative word before it ("in X")."""
    tokens = doc[span.start:span.end]
    if not any(t.pos_ == "PROPN" for t in tokens):
        return False
    if all(t.lower_ in GENERIC_WORDS for t in tokens):
        return False  # "Eastern" of "Eastern Creek", "West" of "West Midlands"
    if _context_rule(doc, span):
        span.source = "rule"
        return True
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return len(tokens) == 1 and _after_locative(doc, span)  # "in Amuda", not "Jordan said"
    cands = gazetteer.lookup(tokens.text)[:20]
    if tokens.text.isupper() and len(tokens.text) <= 5:
        # Acronyms ("FDA", "CDC") hit alternate names of towns; only short forms of countries,
        # provinces and regions count ("US", "NSW", "EU").
        return any(c.resolution in {"country", "site", "province", "region"} for c in cands)
    if any(c.resolution in {"site", "country", "province", "region"} for c in cands):
        return True
    if len(tokens) == 1:
        # One word: a big town by its own name, or any town after "in", "near"... unless the
        # next word carries the name on ("from the Rapid Support Forces").
        if _is_big_place(gazetteer, tokens.text):
            return True
        nxt = doc[span.end] if span.end < len(doc) else None
        continues = nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()
        return _after_locative(doc, span) and not continues and \
            any(gazetteer.is_primary_name(tokens.text, c) for c in cands)
    return any(c.resolution == "district" or c.population >= STRONG_TOWN_POPULATION
               or c.country_code in countries for c in cands)


def _only_a_minor_alias(gazetteer: Gazetteer, name: str) -> bool:
    """True when the word is no place's own name, only an alternate spelling of small towns
    ("Kristina" of Ristiina): the model's GPE label is then likely wrong."""
    cands = gazetteer.lookup(name)[:20]
    return bool(cands) and not any(gazetteer.is_primary_name(name, c) or c.population >= STRONG_TOWN_POPULATION
                                   or c.resolution != "city" for c in cands)


def _names_a_country_or_province(gazetteer: Gazetteer, name: str) -> bool:
    return any(c.resolution in {"country", "province"} for c in gazetteer.lookup(name)[:5])


def _names_an_institution(span: Any) -> bool:
    return any(t.lower_ in INSTITUTION_WORDS for t in span)


def _is_own_name(gazetteer: Gazetteer, name: str) -> bool:
    return any(gazetteer.is_primary_name(name, c) for c in gazetteer.lookup(name)[:20])


def _is_big_place(gazetteer: Gazetteer, name: str) -> bool:
    """A country, province or site, or a town of 100,000+ people called exactly so (districts
    share their one-word names with too many towns and people: Lincoln, Franklin, Jackson)."""
    return any(c.resolution in {"site", "country", "province", "region"}
               or (c.population >= BIG_TOWN_POPULATION and gazetteer.is_primary_name(name, c))
               for c in gazetteer.lookup(name)[:20])


def _after_locative(doc: Any, span: _Span) -> bool:
    """'in X', 'at X', 'from the X': a preposition of place right before the name."""
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE_PREPS - {"of"}


def _context_rule(doc: Any, span: _Span) -> bool:
    """'the town of X', 'north of X', 'X airport', 'X County', 'in X' before a place noun."""
    before = doc[max(span.start - 3, 0):span.start]
    after = doc[span.end] if span.end < len(doc) else None
    words = [t.lower_ for t in before]
    if len(words) >= 2 and words[-1] == "of" and (words[-2] in PLACE_NOUNS or words[-2] in DIRECTIONS):
        return True
    return after is not None and after.lower_ in FEATURE_WORDS


def _cue(doc: Any, span: _Span) -> str | None:
    """Feature words right around a name: "Qamishli (international) airport", "the airport in
    Qamishli", "the town of X", "Rapides Parish". Wider windows mislead: "Kuweires airport east of
    Aleppo" is not Aleppo's airport."""
    inside = [t.lower_ for t in doc[span.start:span.end]]
    after = [t.lower_ for t in doc[span.end:min(span.end + 2, len(doc))]]
    before = [t.lower_ for t in doc[max(span.start - 3, 0):span.start]]
    words = []
    if inside[-1] in FEATURE_WORDS:
        words.append(inside[-1])
    words += [w for w in after if w in FEATURE_WORDS | {"international", "air"}]
    if before and before[-1] in {"in", "of", "near", "at", "outside"}:
        # "the river near Kherson" does not make Kherson a river: physical words count only inside or after.
        words += [w for w in before[:-1] if w in FEATURE_WORDS | PLACE_NOUNS and w not in PHYSICAL_WORDS]
    return " ".join(words) or None


def _qualifier(doc: Any, span: _Span) -> str | None:
    """'Alexandria, La.' / 'Springfield, Illinois': the name after the comma, when it is one and
    the two are not items of a list ("Georgia, Iraq, Iran and Syria")."""
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    if span.start > 0 and doc[span.start - 1].text in {",", "and", "or"}:
        return None
    j = span.end + 1
    if doc[j].text in US_STATE_ABBREVIATIONS:
        return str(doc[j].text)
    while j < len(doc) and j < span.end + 4 and doc[j].text[:1].isupper():
        j += 1
    if j == span.end + 1:
        return None
    after = doc[j:j + 2]
    if len(after) and (after[0].lower_ in {"and", "or"} or (after[0].text == "," and len(after) > 1
                                                           and after[1].text[:1].isupper())):
        return None
    return str(doc[span.end + 1:j].text)


def _role(doc: Any, span: _Span) -> str:
    """'source' for where a source sits ("based in Geneva", a "DAMASCUS —" dateline), 'metonym'
    for a capital acting as its government ("Ankara said", "a deal with Moscow"), else 'place'."""
    tokens = doc[span.start:span.end]
    before = doc[max(span.start - 4, 0):span.start].text.lower()
    if any(before.endswith(cue) for cue in SOURCE_LOCATION_CUES):
        return "source"
    nxt = doc[span.end] if span.end < len(doc) else None
    if tokens[0].is_sent_start and tokens.text.isupper() and nxt is not None and nxt.text in {"—", "-", "–", ","}:
        return "source"
    if tokens.text.lower() in CAPITALS:
        root = tokens.root
        # "a Paris man", "Paris City Hall": a modifier names the town, not its government.
        modifier = root.dep_ in {"compound", "amod", "nmod"} and root.head.i > root.i
        if not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS) and not modifier:
            return "metonym"
    return "place"
