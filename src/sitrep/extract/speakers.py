"""Who says so, read from the parse: the subject of a reporting verb ("two fishermen said",
"the ministry told reporters") and the kind of evidence that speaker gives."""

from __future__ import annotations

from typing import Any

from sitrep.records import Attribution

REPORTING_LEMMAS = {"say", "tell", "report", "add", "state", "announce", "confirm", "claim", "write",
                    "note", "describe", "recount", "insist", "acknowledge", "estimate", "post"}
SIGHTING = {"resident", "residents", "witness", "witnesses", "fisherman", "fishermen", "shopkeeper",
            "employee", "farmer", "driver", "villager", "villagers", "local", "locals", "people",
            "eyewitness", "eyewitnesses", "worker", "workers", "journalist", "reporter", "photographer"}
OFFICIAL = {"official", "officials", "ministry", "mission", "spokesman", "spokeswoman", "spokesperson", "minister",
            "government", "army", "military", "command", "president", "kremlin", "pentagon", "embassy",
            "authority", "authorities", "governor", "commander", "office", "statement", "service", "police",
            "staff", "department", "headquarters", "defence", "defense", "junta", "presidency", "general",
            "colonel", "prefect", "mayor", "diplomat", "envoy", "ambassador"}
OBSERVATORY = {"observatory", "monitor", "activist", "activists", "monitors", "ngo"}
IMAGERY = {"imagery", "image", "images", "photo", "photos", "picture", "pictures", "satellite"}
TRACKING = {"tracker", "trackers", "tracking", "ads-b", "flightradar24", "transponder", "ais", "marinetraffic"}


def speaker_attribution(sent: Any) -> Attribution | None:
    """The speaker of a reporting verb in the sentence, with its evidence kind; None if none."""
    for tok in sent:
        if tok.lemma_.lower() not in REPORTING_LEMMAS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        for subj in _speakers(tok):
            if subj.pos_ == "PRON" or subj.lemma_.lower() in NOT_SPEAKERS:
                continue  # "the convoy reported ..." is a parse slip, not a source
            # Whole modifiers: "High-level officials", not "level officials".
            words = sorted([subj, *(w for t in subj.lefts if t.dep_ in NAME_DEPS for w in t.subtree),
                            *_name_tail(subj)], key=lambda t: t.i)
            text = sent.doc[words[0].i : words[-1].i + 1].text
            if text.lower().startswith("the "):
                text = text[4:]
            if "-based " in text:
                text = text.split("-based ", 1)[1]  # "Britain-based Observatory": the seat is no name
            head_kind = speaker_kind({subj.lower_, subj.lemma_.lower()})
            kind = head_kind if head_kind != "media" else speaker_kind({t.lemma_.lower() for t in words})
            return Attribution(source=text, kind=kind, provider=text)
    return None


def _speakers(verb: Any) -> list[Any]:
    """Who speaks: the subject of an active reporting verb; of a passive one ("the departure was
    reported by the Observatory"), the agent, never the passive subject (the thing reported)."""
    out = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            out.append(child)
        elif child.dep_ == "agent":
            out += [c for c in child.children if c.dep_ == "pobj"]
    return out


def _name_tail(head: Any) -> list[Any]:
    """"Observatory for Human Rights", "mission in Mali": a proper-noun phrase after the head."""
    tail: list[Any] = []
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in {"for", "of", "in"}:
            break
        objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if not objects:
            break
        tail += [prep, *objects[0].subtree]
    return tail


NAME_DEPS = {"amod", "compound", "det", "nummod", "poss", "nmod", "cc", "conj"}
NOT_SPEAKERS = {"convoy", "vehicle", "troop", "force", "soldier", "aircraft", "plane", "ship", "column",
                "truck", "unit", "drone", "helicopter", "jet",
                # a page's date line parsed as the subject ("date 2025-11-06 ... has said")
                "date", "time", "day", "week", "month", "year", "update"}


def speaker_kind(words: set[str]) -> str:
    """Evidence kind from the words naming a speaker."""
    if words & TRACKING:
        return "flight-tracking"
    if words & IMAGERY:
        return "imagery"
    if words & OBSERVATORY:
        return "observatory"
    if words & OFFICIAL:
        return "official"
    if words & SIGHTING:
        return "sighting"
    return "media"
