"""Attribution: who says so ("according to", "reported by", "imagery provided by", "were spotted")."""

from __future__ import annotations

import re

from sitrep.records import Attribution

_NAME = r"(?P<src>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|for|and|de|al|the|[A-Z][\w'’.-]*))*)"
# A name right after "in", "of", "for" or "at" is the tail of a longer speaker ("the UN mission in
# Mali said"): the parse names that speaker whole (extract/speakers.py).
_NOT_A_TAIL = r"(?<!\bin )(?<!\bof )(?<!\bfor )(?<!\bat )"
# "according to the Nigerien military", "according to French media outlets": a capitalised
# modifier names whose voice, the lower-case noun after it is the speaker.
_VOICE_NOUNS = (r"(?:(?:state|local|official|news|military|defen[cs]e|foreign|interior|security)\s+)?"
                r"(?:military|army|media(?:\s+outlets?)?|outlets?|officials?|sources?|government|ministry|"
                r"authorities|forces|police|spokes(?:man|woman|person)|presidency|news agency|agency|"
                r"television|TV|embassy|command|junta|statement|reports?|intelligence|diplomats?)")
SOURCE_PATTERNS = [
    re.compile(r"\baccording to (?P<src>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+" + _VOICE_NOUNS + r")\b"),
    re.compile(r"\baccording to " + _NAME),
    # "was reported last week by the Observatory": a few words may sit between verb and agent.
    re.compile(r"\b(?:reported|documented|confirmed|published|released|captured|taken)(?:\s+[\w-]+){0,4}?\s+by "
               + _NAME),
    re.compile(r"\b(?:provided|supplied|collected) by " + _NAME),
    re.compile(r"\b(?:imagery|images?|photos?|pictures?) (?:from|by) " + _NAME),
    # "X, a monitor based in Britain, said": the apposition between name and verb is skipped.
    re.compile(_NOT_A_TAIL + _NAME + r",\s+(?:a|an|the)\s[^,;]{1,80},\s+(?:said|says|reported|reports|stated|"
               r"announced|confirmed|claimed|told|wrote|noted|added|observed)\b"),
    re.compile(_NOT_A_TAIL + _NAME + r",? (?:said|says|reported|reports|stated|announced|confirmed|claimed|"
               r"told|wrote|noted|added|observed)\b"),
]
# "the Britain-based Syrian Observatory": the seat is not part of the name.
_SEAT = re.compile(r"^(?:[A-Z][\w.]*-based|(?:UK|US|London|Britain|Paris)-based)\s+")
# Unnamed sources: "local officials told ...", "residents said".
COMMON_SOURCE = re.compile(
    r"\b((?:local |senior |military |security |western |syrian |russian |kurdish |two |several |"
    r"some )?(?:officials?|residents|witnesses|activists|sources|analysts|diplomats|commanders?))\b"
    r"[^.;]{0,60}?\b(?:said|say|says|told|reported|added)\b", re.I)
KIND_CUES = [
    # Ship tracking (AIS) is the same kind of evidence: transponder positions, not a witness.
    ("flight-tracking", re.compile(r"(?:flight|ship|vessel|marine)[- ]track(?:ing|ers?)|ADS-B|Flightradar|"
                                   r"transponder|MarineTraffic|VesselFinder|\bAIS\b", re.I)),
    ("imagery", re.compile(r"satellite|imagery|\bimages?\b.*\b(?:showed|show|shows)\b|Maxar|Planet Labs|Airbus", re.I)),
    ("observatory", re.compile(r"Observatory|monitoring group|war monitor", re.I)),
    ("official", re.compile(r"\bministry|spokes(?:man|woman|person)|statement|government|Kremlin|"
                            r"official|Pentagon|president|army said|minister|\bmilitary\b|\barmy\b|armed forces|junta|"
                            r"presidency|embassy", re.I)),
    ("observatory", re.compile(r"\bactivists\b", re.I)),
    ("sighting", re.compile(r"\bspotted|\bseen\b|witness|residents|footage|filmed|eyewitness|sighted", re.I)),
]
PROVIDERS = re.compile(r"\b(Maxar(?: Technologies)?|Planet(?: Labs)?|Airbus(?: Defence and Space)?|"
                       r"BlackSky|Capella(?: Space)?|Umbra|ICEYE|Sentinel-2|Flightradar24|ADS-B Exchange)\b")
_NOT_SOURCES = {"The", "It", "He", "She", "They", "This", "That", "There", "We", "I",
                # Sentence openers before a comma or a verb: "Additionally, reports from ... indicated",
                # "As announced in a joint communique".
                "As", "Additionally", "However", "Meanwhile", "Moreover", "Furthermore", "Separately", "Also",
                "Earlier", "Later", "Still", "Instead", "Since", "While", "When", "After", "Before", "Although",
                "Though", "But", "And", "Yet", "So", "Now", "Then", "Last", "Next", "Previously", "Recently"}


def find_attribution(sentence: str, *, outlet: str | None = None) -> Attribution | None:
    """The sentence's attribution; the outlet's own voice (kind from its name) when none is explicit."""
    source = _explicit_source(sentence)
    kind = _kind(sentence, source)
    provider_match = PROVIDERS.search(sentence)
    provider = provider_match.group(1) if provider_match else source
    if source is None and kind in {"imagery", "sighting", "flight-tracking"}:
        return Attribution(source=outlet, kind=kind, provider=provider or outlet)
    if source is not None:
        return Attribution(source=source, kind=kind or "media", provider=provider)
    if outlet:
        return Attribution(source=outlet, kind=_kind(outlet, outlet) or "media", provider=outlet)
    return None


def _explicit_source(sentence: str) -> str | None:
    for pattern in SOURCE_PATTERNS:
        for match in pattern.finditer(sentence):  # a later match may be the speaker ("Russia's ... the ISW says")
            src = re.sub(r"^the\s+", "", match.group("src").strip(), flags=re.I).rstrip(".,")
            src = _SEAT.sub("", re.sub(r"\s+(?:and|of|for|the)$", "", src))
            if src and _names_a_speaker(src):
                return src
    common = COMMON_SOURCE.search(sentence)
    return common.group(1) if common else None


def _names_a_speaker(src: str) -> bool:
    """Not a sentence opener, an adverb ("Additionally") or a possessive ("Russia's announced ...")."""
    words = src.split()
    if words[0] in _NOT_SOURCES or src.endswith(("'s", "’s")):
        return False
    return not (len(words) == 1 and src.endswith("ly"))


def _kind(sentence: str, source: str | None) -> str | None:
    for kind, cue in KIND_CUES:
        if cue.search(source or "") or (kind in {"imagery", "sighting", "flight-tracking"} and cue.search(sentence)):
            return kind
    if source and re.search(r"said in a statement|statement", sentence):
        return "official"
    return None
