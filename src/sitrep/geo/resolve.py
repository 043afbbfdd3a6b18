"""Toponym resolution: picks one referent for each place name of a document, in its context.

Every candidate gets a score in "log10 population" units: its prior (population, kind of place)
plus what the document says (the rules below, each a heuristic with known limits). Highest wins.
1. A name of a curated military site resolves to the site: sitrep's reports are about forces, and
   a bare "Tel Al-Samn" in them means the outpost.
2. A feature cue next to a town name ("Qamishli airport", "the air base near Tabqa") moves the
   point to a site of that kind within 30 km of the town, when the table has one. Other cues pick
   the kind of place: "X County" a district, "the state of X" a province, "the town of X" a town.
3. Country names resolve to the country. A province called exactly so wins over towns of that
   name ("California", "Indiana" are the states) unless a same-named town of its country holds a
   tenth of its people ("Aleppo", "Tokyo" are the cities); otherwise a province needs ten times
   the people of a same-named town to beat it, a district thirty times (admin populations are
   sums of their towns).
4. Context: places in the countries the document talks about win ("Tripoli" in a report on
   Lebanon); a town in a province or district the document names wins strongly ("Alexandria ...
   Louisiana"), and more so when the name is qualified ("Alexandria, La."); places near the other
   places of the document win. Same name, same place: one referent per name and document.
5. A capital acting as its government or a dateline ("Washington said", "CAIRO -") is the national
   capital unless qualified; an item of a list of states or countries is one too ("Utah,
   Washington and Wisconsin"); "the X River", "Mount X" is the feature, even when the gazetteer
   only knows a namesake town (then at the town's point, resolution "region").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.geo.countries import US_STATE_ABBREVIATIONS
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.normalize import fold_name
from sitrep.records import ToponymMention

CUE_KINDS = {
    "airport": {"airport", "air_base"},
    "airfield": {"airport", "air_base"},
    "airbase": {"air_base", "airport"},
    "air base": {"air_base", "airport"},
    "base": {"air_base", "base", "outpost", "naval_base"},
    "naval": {"naval_base", "port"},
    "port": {"port", "naval_base"},
    "outpost": {"outpost", "base"},
}
# Words saying which kind of place a name is: the resolution they favour.
CUE_RESOLUTIONS = {
    "county": "district", "parish": "district", "borough": "district", "district": "district",
    "state": "province", "province": "province", "governorate": "province", "region": "province",
    "city": "city", "town": "city", "village": "city", "township": "city", "suburb": "city",
    "country": "country", "nation": "country", "republic": "country",
}
# Words saying a name is a physical feature: the feature codes they favour ("the Dnipro River" is
# the river, not the city of Dnipro).
CUE_FEATURES = {
    "river": {"STM"}, "mountains": {"MTS"}, "mountain": {"MTS"}, "mount": {"MTS"}, "valley": {"VAL"},
    "island": {"ISL"}, "lake": {"LK"}, "peninsula": {"PEN"},
}
_FEATURE_FORM = re.compile(r"^(?:(?P<pre>river|lake|mount)\s+(?P<a>.+)|(?P<b>.+?)\s+(?P<post>river|valley|island|"
                           r"mountains|peninsula))$", re.I)
_CUE_WORDS = re.compile(r"\b(?:international\s+)?(?:airport|airfield|air\s*base|airbase|naval base|port|base|outpost|"
                        r"city|town|township|village|area|province|region|district|governorate|county|parish|"
                        r"border crossing)\b", re.I)
_DIRECTION = re.compile(r"^(?:(?:north|south|east|west|central|upper|lower)(?:ern)?|"
                        r"(?:north|south)[- ]?(?:east|west)(?:ern)?)\s+(?=\w)", re.I)
# "W. Va.", "W.Va", "N.Y" all find their state.
_STATE_ABBREVIATIONS = {re.sub(r"[\s.]", "", k).lower(): v for k, v in US_STATE_ABBREVIATIONS.items()}
NEAR_SITE_KM = 30.0
MAX_CANDIDATES = 60
# Score terms, in log10(population) units: see the module docstring.
KIND_PRIOR = {"site": 10.0, "country": 3.0, "region": 2.5, "province": -1.0, "city": 0.0, "district": -1.5}
COUNTRY_SHARE_WEIGHT = 3.0
FOCUS_BONUS = 2.0
NAMED_PROVINCE_BONUS = 3.0
NAMED_DISTRICT_BONUS = 2.0
QUALIFIER_BONUS = 8.0
PRIMARY_NAME_BONUS = 1.5
PROVINCE_NAME_BONUS = 3.0
PROVINCE_SEAT_SHARE = 0.1
CUE_BONUS = 4.0
NEAR_KM = ((50.0, 2.0), (160.0, 1.0))
CAPITAL_BONUS = 3.0
NEAR_KINDS = {"site", "city", "district"}  # a country or province contains its towns: nearness says nothing


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def strip_cue(name: str) -> str:
    """'Qamishli airport' -> 'Qamishli' (for the town look-up when the full name is unknown)."""
    bare = " ".join(_CUE_WORDS.sub(" ", name).split()).strip(" ,")
    return bare[3:] if bare.lower().startswith("of ") else bare  # "Town of Groton"


def resolve_toponym(
    name: str,
    *,
    gazetteer: Gazetteer,
    focus_country: str | None = None,
    cue: str | None = None,
) -> Candidate | None:
    """The best candidate for one place name on its own, or None when the gazetteer does not know it."""
    key = (name, focus_country, cue)
    memo = gazetteer.resolved
    if key not in memo:
        if len(memo) >= RESOLVED_MEMO_SIZE:
            memo.clear()
        memo[key] = resolve_mentions([ToponymMention(name, cue=cue)], gazetteer=gazetteer,
                                     focus_country=focus_country)[0]
    return memo[key]


RESOLVED_MEMO_SIZE = 100_000


@dataclass
class _Group:
    """The mentions of one name in a document: they resolve together, to one place."""

    name: str
    cue: str | None
    qualifiers: set[str]
    candidates: list[Candidate]
    capital: bool = False  # some mention acts as a government ("Washington said"): the capital
    listed_with: set[str] = field(default_factory=set)  # names it shares a list with


def resolve_mentions(
    mentions: Sequence[ToponymMention],
    *,
    gazetteer: Gazetteer,
    focus_country: str | None = None,
) -> list[Candidate | None]:
    """The referent of each mention of a document (None where the gazetteer knows no such place)."""
    groups: dict[tuple[str, str | None], _Group] = {}
    keys: list[tuple[str, str | None] | None] = []
    for mention in mentions:
        name, cue = _look_up_name(mention, gazetteer)
        if name is None:
            keys.append(None)
            continue
        key = (fold_name(name), _cue_kind(cue))
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(name, cue, set(), gazetteer.lookup(name)[:MAX_CANDIDATES])
        if mention.qualifier:
            group.qualifiers.add(mention.qualifier)
        group.capital |= mention.role == "metonym"
        group.listed_with.update(fold_name(n) for n in mention.listed_with)
        keys.append(key)
    chosen = _choose(list(groups.values()), gazetteer, focus_country)
    return [None if key is None else chosen[id(groups[key])] for key in keys]


def _look_up_name(mention: ToponymMention, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """The form of the mention the gazetteer knows ("the", "'s", cue words, "northern" dropped)."""
    text = mention.text.strip()
    if "." in text:
        text = _STATE_ABBREVIATIONS.get(re.sub(r"[\s.]", "", text).lower(), text)
    if text.lower().startswith("the "):
        text = text[4:]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    feature = _FEATURE_FORM.match(text)
    bare = (feature.group("a") or feature.group("b")) if feature else ""
    for form in (text, strip_cue(text), _DIRECTION.sub("", text), bare):
        if form and gazetteer.knows(form):
            cue = mention.cue or (text if form != text else None)
            return form, cue
    return None, mention.cue


def _choose(groups: list[_Group], gazetteer: Gazetteer, focus: str | None) -> dict[int, Candidate]:
    """Two passes: priors and document context, then again with nearness to the first choices."""
    context = {id(g): _Context(g, groups, gazetteer, focus) for g in groups}
    chosen: dict[int, Candidate] = {}
    for near_pass in (False, True):
        points = [(id(g), c) for g in groups if (c := chosen.get(id(g))) is not None
                  and c.resolution in {"site", "city", "district"}]
        for group in groups:
            ctx = context[id(group)]
            ctx.others = [c for gid, c in points if gid != id(group)] if near_pass else []
            best = max(group.candidates, default=None, key=ctx.score)
            if best is not None:
                chosen[id(group)] = best
    for group in groups:
        cand = chosen.get(id(group))
        chosen_feature = _feature_of_cue(group, cand)
        if chosen_feature is not None:
            chosen[id(group)] = cand = chosen_feature
        kinds = _cue_kinds(group.cue)
        if cand is not None and kinds and cand.resolution == "city":
            chosen[id(group)] = _nearest_site(gazetteer, cand, kinds) or cand
    return chosen


class _Context:
    """What the rest of the document says, as seen from one name."""

    def __init__(self, group: _Group, groups: list[_Group], gazetteer: Gazetteer, focus: str | None) -> None:
        rest = [g for g in groups if g is not group]
        self.shares = _country_shares(rest)
        self.named = _named_admins(rest, gazetteer)
        self.qualifier_rows, self.qualifier_countries = _qualifier_targets(group, gazetteer)
        self.wanted = CUE_RESOLUTIONS.get(_cue_kind(group.cue) or "") or _list_resolution(group, groups)
        self.wanted_features = CUE_FEATURES.get(_cue_kind(group.cue) or "", set())
        self.key = fold_name(group.name)
        self.gazetteer = gazetteer
        self.province_name = _names_a_province(group, gazetteer)
        self.focus = focus
        self.others: list[Candidate] = []
        # The capital, unless qualified or a same-named town lies in a province or district the
        # document names ("Paris and Henry County": Paris, Tennessee).
        self.capital = group.capital and not group.qualifiers and not any(
            c.admin2_id in self.named for c in group.candidates)

    def score(self, cand: Candidate) -> float:
        """The candidate's prior plus the context terms (module docstring, rules 3 and 4)."""
        score = math.log10(cand.population + 1) + KIND_PRIOR.get(cand.resolution, 0.0)
        if self.gazetteer.folded_name(cand) == self.key:
            score += PRIMARY_NAME_BONUS
            if cand.place_id == self.province_name:
                score += PROVINCE_NAME_BONUS
        if cand.country_code:
            score += COUNTRY_SHARE_WEIGHT * self.shares.get(cand.country_code, 0.0)
            score += FOCUS_BONUS if cand.country_code == self.focus else 0.0
        if cand.admin1_id in self.named:
            score += NAMED_PROVINCE_BONUS
        if cand.admin2_id in self.named:
            score += NAMED_DISTRICT_BONUS
        if {cand.admin1_id, cand.admin2_id} & self.qualifier_rows or cand.country_code in self.qualifier_countries:
            score += QUALIFIER_BONUS
        if self.wanted and cand.resolution == self.wanted:
            score += CUE_BONUS
        if cand.feature_code in self.wanted_features:
            score += 2 * CUE_BONUS
        if self.capital and self.gazetteer.is_capital(cand):
            score += CAPITAL_BONUS
        for other in self.others if cand.resolution in NEAR_KINDS else ():
            dist = haversine_km(cand.lat, cand.lon, other.lat, other.lon)
            bonus = next((b for km, b in NEAR_KM if dist <= km), 0.0)
            if bonus:
                score += bonus
                break
        return score


def _list_resolution(group: _Group, groups: list[_Group]) -> str | None:
    """The kind of place the other items of its list are, when they agree: "Utah, Washington and
    Wisconsin" are states, "Georgia, Iraq, Iran and Syria" countries (each item's best prior)."""
    if not group.listed_with:
        return None
    kinds = {g.candidates[0].resolution for g in groups
             if g is not group and fold_name(g.name) in group.listed_with and g.candidates}
    kind = kinds.pop() if len(kinds) == 1 else None
    return kind if kind in {"province", "country"} else None


def _names_a_province(group: _Group, gazetteer: Gazetteer) -> int:
    """The row of the province called exactly so, unless a town of the same name holds a tenth of
    its people: "California" and "Indiana" are the states, "Aleppo" and "Tokyo" the cities."""
    key = fold_name(group.name)
    exact = [c for c in group.candidates if gazetteer.folded_name(c) == key]
    province = next((c for c in exact if c.resolution == "province"), None)
    if province is None:
        return -1
    seat = max((c.population for c in exact if c.resolution == "city" and c.country_code == province.country_code),
               default=0)
    return -1 if seat >= PROVINCE_SEAT_SHARE * province.population else province.place_id


def _country_shares(groups: list[_Group]) -> dict[str, float]:
    """How much the document is about each country: every name votes for the countries of its
    candidates, split evenly, so an unambiguous name counts most."""
    votes: dict[str, float] = {}
    for group in groups:
        codes = {c.country_code for c in group.candidates[:10] if c.country_code}
        for code in codes:
            votes[code] = votes.get(code, 0.0) + 1.0 / len(codes)
    total = sum(votes.values())
    return {code: n / total for code, n in votes.items()} if total else {}


def _named_admins(groups: list[_Group], gazetteer: Gazetteer) -> set[int]:
    """Rows of provinces and districts that the document names by their own name ("Texas",
    "Lamar County"; not "Medina", which only shares its name with Medina County)."""
    return {c.place_id for g in groups for c in g.candidates
            if c.resolution in {"province", "district"} and gazetteer.folded_name(c) == fold_name(g.name)}


def _qualifier_targets(group: _Group, gazetteer: Gazetteer) -> tuple[set[int], set[str]]:
    """Provinces/districts and countries that the name's qualifiers ("X, Louisiana") may mean."""
    rows: set[int] = set()
    countries: set[str] = set()
    for qualifier in group.qualifiers:
        for cand in gazetteer.lookup(US_STATE_ABBREVIATIONS.get(qualifier, qualifier)):
            if cand.resolution in {"province", "district"}:
                rows.add(cand.place_id)
            elif cand.resolution == "country" and cand.country_code:
                countries.add(cand.country_code)
    return rows, countries


def _cue_kind(cue: str | None) -> str | None:
    """The cue word that matters: 'the airport in Qamishli' -> 'airport', 'Rapides Parish' -> 'parish'."""
    if not cue:
        return None
    lowered = cue.lower()
    for word in (*CUE_KINDS, *CUE_RESOLUTIONS, *CUE_FEATURES):
        if re.search(rf"\b{word}\b", lowered):
            return word
    return None


def _feature_of_cue(group: _Group, cand: Candidate | None) -> Candidate | None:
    """A feature the gazetteer lacks, named by a place it shares its name with ("the Catawba River",
    "the Neches River": rivers are named with the towns and counties on their banks): the feature,
    kind and all, at that place's point, with resolution "region" as a vague point. None when the
    cue names no feature or the gazetteer has the feature itself."""
    features = CUE_FEATURES.get(_cue_kind(group.cue) or "")
    if cand is None or not features or cand.feature_code in features or cand.resolution not in {"city", "district"}:
        return None
    word = _cue_kind(group.cue) or ""
    name = f"{word.title()} {group.name}" if word in {"lake", "mount"} else f"{group.name} {word.title()}"
    return Candidate(name, cand.lat, cand.lon, cand.country_code, sorted(features)[0], "region")


def _cue_kinds(cue: str | None) -> set[str]:
    if not cue:
        return set()
    kinds: set[str] = set()
    lowered = cue.lower()
    for word, wanted in CUE_KINDS.items():
        if re.search(rf"\b{word}\b", lowered):
            kinds |= wanted
    return kinds


def _nearest_site(gazetteer: Gazetteer, town: Candidate, kinds: set[str]) -> Candidate | None:
    best: tuple[float, Candidate] | None = None
    for site in gazetteer.sites.values():
        if site.kind not in kinds:
            continue
        dist = haversine_km(town.lat, town.lon, site.lat, site.lon)
        if dist <= NEAR_SITE_KM and (best is None or dist < best[0]):
            best = (dist, gazetteer.site_candidate(site))
    return best[1] if best else None

