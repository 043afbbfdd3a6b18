"""Sentence-level event extraction: trigger lemmas + dependency rules -> PLOVER Events.

For each sentence: find trigger verbs (or nouns), read the actor from the grammatical subject
(climbing xcomp/conj chains, taking the agent of passives), the recipient from objects, the
places from resolved entities (one event per place), the date from time expressions, the
attribution from reporting phrases, and the confidence from modality cues (docs/events.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.extract.actors import actor_from_tokens
from sitrep.extract.attribution import find_attribution
from sitrep.extract.classifier import SentenceClassifier
from sitrep.extract.dates import ResolvedDate, relative_to_previous, resolve_date
from sitrep.extract.discourse import Discourse
from sitrep.extract.lexicon import (
    COUNTRY_WORDS,
    NOUN_TRIGGERS,
    OBJECT_TRIGGERS,
    PARTICLE_TRIGGERS,
    PRONOUNS,
    VERB_TRIGGERS,
    Trigger,
)
from sitrep.extract.places import (
    PlaceMention,
    definite_place_mentions,
    place_for_span,
    sentence_places,
)
from sitrep.extract.spans import sentence_entities
from sitrep.extract.speakers import speaker_attribution
from sitrep.geo import Gazetteer
from sitrep.records import Actor, Attribution, Event, Report, event_id

HEDGES = re.compile(r"\b(?:may|might|could|appears?|appeared|apparently|reportedly|possibly|likely|"
                    r"suggests?|signal(?:s|led)?|indicates?|seem(?:s|ed)?|unconfirmed|believed)\b", re.I)
SPECULATIVE = re.compile(r"\b(?:unclear whether|not clear whether|whether or not|speculat\w+|rumou?rs?|"
                         r"doubtful (?:that|whether)|remains? to be seen|unclear if)\b", re.I)
DENIALS = {"deny", "dismiss", "refute"}
FUTURE_AUX = {"will", "would", "shall", "'ll"}
FUTURE_VERBS = {"plan", "intend", "expect", "prepare", "aim", "promise", "pledge", "vow"}
# "whether Russian ships load equipment at Tartus": an open question, not a report.
QUESTION_START = re.compile(r"^\W*(?:whether|if|will|would|could|should)\b", re.I)
FURNITURE = re.compile(r"leave a reply|required fields|your email|cookie|subscribe|share this|"
                       r"related articles|read more|all rights reserved|sign up|log in|"
                       r"\b(?:reporting|editing|writing|additional reporting) by\b|contributed to this report|"
                       r"^\W*(?:photo|image|caption|credit|video|watch|listen|advertisement)\s*[:|]|"
                       r"^\W*by\s+(?-i:[A-Z][\w'-]+ [A-Z][\w'-]+)\s*(?:[:|,]|$)", re.I)
ORIGIN_PREPS = {"from", "out"}
TOPIC_PREPS = {"on", "over", "about", "of", "for", "regarding", "concerning"}
MOVEMENT = {"RETREAT", "MOBILIZE"}
REQUEST_VERBS = {"ask", "urge", "demand", "order", "call", "request", "press", "invite"}
VERBAL = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE", "CONSULT", "CONCEDE", "SANCTION", "COOPERATE", "AID"}
DESTINATION_PREPS = {"to", "toward", "towards", "into"}
REPORTING_VERBS = {"say", "tell", "report", "claim", "add", "state", "announce", "confirm", "note", "accord", "write"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
PHRASE_DEPS = {"amod", "compound", "det", "poss", "nmod", "nummod", "case", "quantmod", "npadvmod"}


def extract_events(doc: Any, report: Report, *, gazetteer: Gazetteer,
                   classifier: SentenceClassifier | None = None, veto: float = 0.6) -> list[Event]:
    """All events of one parsed report, in text order; with a classifier, events in sentences it
    judges eventless with probability >= `veto` are dropped."""
    focus = focus_country(doc, gazetteer=gazetteer)
    events: list[Event] = []
    memory = Discourse()
    for sequence, sent in enumerate(doc.sents):
        if len(sent) < 4 or FURNITURE.search(sent.text) or QUESTION_START.match(sent.text):
            continue
        if SPECULATIVE.search(sent.text):
            continue  # "it is unclear whether the ships will return": no claim, no event
        found = list(_sentence_events(sent, sequence, report, gazetteer=gazetteer, focus=focus, memory=memory))
        events.extend(_merge_sentence_events(found))
    if classifier is not None and events:
        events = _veto(events, classifier, veto)
    return events


def _veto(events: list[Event], classifier: SentenceClassifier, threshold: float) -> list[Event]:
    texts = sorted({e.event_text for e in events})
    none = dict(zip(texts, classifier.none_probability(texts), strict=True))
    return [e for e in events if none[e.event_text] < threshold]


def _merge_sentence_events(events: list[Event]) -> list[Event]:
    """One event per category and place within a sentence ("struck ..., killing four" is one
    assault); a placeless copy goes when the same category has a place."""
    placed = {e.event for e in events if e.place is not None}
    seen: set[tuple[str, str | None]] = set()
    out = []
    for event in events:
        key = (event.event, event.place.resolved_place if event.place else None)
        if key in seen or (event.place is None and event.event in placed):
            continue
        seen.add(key)
        out.append(event)
    return out


def focus_country(doc: Any, *, gazetteer: Gazetteer) -> str | None:
    """The country most place mentions of the document fall in (guides ambiguous names)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC", "FAC"}:
            place = place_for_span(ent, gazetteer=gazetteer, focus_country=None)
            if place and place.country_code:
                counts[place.country_code] += 1
    return counts.most_common(1)[0][0] if counts else None


def _sentence_events(sent: Any, sequence: int, report: Report, *, gazetteer: Gazetteer,
                     focus: str | None, memory: Discourse) -> Iterator[Event]:
    triggers = list(_find_triggers(sent))
    explicit = _explicit_attribution(sent, report)
    if explicit and explicit.kind == "sighting" and memory.attribution and memory.attribution.kind == "imagery":
        # "could be seen" in an imagery analysis is seen on the images
        explicit = Attribution(explicit.source, "imagery", memory.attribution.provider)
    memory.remember_attribution(explicit, sequence)
    if not triggers:
        # Still remember what it names, for "the airport" or "the troops" in the next sentences.
        named = sentence_places(sent, gazetteer=gazetteer, focus_country=focus, excluded=set())
        memory.remember_places([m.place for m in named])
        memory.remember_actors(_sentence_actors(sent, focus))
        return
    attribution = explicit or memory.carried_attribution(sequence) or find_attribution(sent.text, outlet=report.outlet)
    date = _sentence_date(sent, report, triggers, memory)
    actor_tokens: dict[int, tuple[list[Actor], set[int]]] = {}
    excluded: set[int] = set()
    for tok, _ in triggers:
        actors, used = _actors_of(tok, focus, memory)
        actor_tokens[tok.i] = (actors, used)
        excluded |= used
    places = sentence_places(sent, gazetteer=gazetteer, focus_country=focus, excluded=excluded)
    memory.remember_places([m.place for m in places])
    named_ids = {m.place.resolved_place for m in places}
    places += [m for m in definite_place_mentions(sent, recent=memory.places, gazetteer=gazetteer)
               if m.place.resolved_place not in named_ids and not any(t.i in excluded for t in m.span)]
    assigned = _assign_places(places, triggers)
    for tok, trig in triggers:
        if _is_negated(tok):
            continue
        actors, _ = actor_tokens[tok.i]
        recipients = _recipients_of(tok, focus, actors)
        mine = assigned.get(tok.i, [])
        if not actors and not mine:
            subject = _named_subject(tok)
            if subject is None:
                continue
            actors = [subject]
        confidence = _confidence(sent, tok, explicit is not None, actors, mine, date)
        future = _is_future(tok)
        targets: list[PlaceMention | None] = list(mine) or [None]
        assets_only = _assets_only(tok, ASSET_HEADS)
        transport_only = _assets_only(tok, TRANSPORT_HEADS)
        for mention in targets:
            event, posture = _event_at(trig, tok, mention, future)
            if posture == "departed" and assets_only:
                posture = "departing"  # planes or a convoy leaving thin a garrison; they do not empty it
            elif posture in {"arriving", "present"} and transport_only:
                posture = None  # a cargo plane landing is hardware moving, not a force arriving
            place = mention.place if mention else None
            yield Event(
                id=event_id(report.id, sent.start_char, event, place.resolved_place if place else None, str(tok.i)),
                report_id=report.id,
                event=event,
                mode=trig.mode,
                actor=tuple(actors),
                recipient=tuple(recipients),
                date=date.start if date else None,
                enddate=date.end if date else None,
                date_precision=date.precision if date else None,
                place=place,
                posture=posture,
                attribution=_own_voice(actors, trig, attribution) if explicit is None else attribution,
                confidence=confidence,
                event_text=sent.text.strip(),
                sequence=sequence,
                start=sent.start_char,
                end=sent.end_char,
                trigger=tok.text,
            )


def _find_triggers(sent: Any) -> Iterator[tuple[Any, Trigger]]:
    """Trigger verbs of the sentence; trigger nouns only when no verb triggers."""
    verbs = []
    for tok in sent:
        if tok.pos_ in {"VERB", "AUX"}:
            trig = _verb_trigger(tok)
            if trig and not (tok.dep_ in {"xcomp", "ccomp"} and tok.head.lemma_.lower() in REQUEST_VERBS):
                verbs.append((tok, trig))  # "asked French troops to leave" is a request, not a retreat
    if verbs:
        yield from verbs
        return
    for tok in sent:
        trig = NOUN_TRIGGERS.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if trig:
            yield tok, trig


def _verb_trigger(tok: Any) -> Trigger | None:
    lemma = tok.lemma_.lower()
    # True particles ("taken off") before prepositions ("over two days").
    ordered = sorted((c for c in tok.children if c.dep_ in {"prt", "prep", "advmod"}), key=lambda c: c.dep_ != "prt")
    particles = {c.lower_ for c in ordered}
    for child in ordered:
        if (lemma, child.lower_) in PARTICLE_TRIGGERS:
            return PARTICLE_TRIGGERS[(lemma, child.lower_)]
    for child in tok.children:
        if child.dep_ in {"dobj", "attr"} and (lemma, child.lemma_.lower()) in OBJECT_TRIGGERS:
            return OBJECT_TRIGGERS[(lemma, child.lemma_.lower())]
    trig = VERB_TRIGGERS.get(lemma)
    if trig and trig.particles and not trig.particles & particles:
        return None
    return trig


def phrase_tokens(head: Any) -> list[Any]:
    """The noun phrase around a head: modifiers on the left plus an 'of' complement."""
    picked = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in PHRASE_DEPS and child.i not in picked:
                picked.add(child.i)
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of" and tok is head:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        picked |= {child.i, *(t.i for t in phrase_tokens(obj))}
            elif child.dep_ == "prep" and child.lower_ in {"in", "from"} and tok is head:
                # "the authorities in Damascus", "officials from Ankara": the seat names the country
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lower_ in COUNTRY_WORDS:
                        picked |= {child.i, obj.i}
    doc = head.doc
    return [doc[i] for i in sorted(picked)]


def _actors_of(trigger: Any, focus: str | None, memory: Discourse) -> tuple[list[Actor], set[int]]:
    """Actors of a trigger and the token indices their phrases cover."""
    heads = _subject_heads(trigger)
    actors: list[Actor] = []
    used: set[int] = set()
    for head in heads:
        for member in [head, *list(head.conjuncts)]:
            toks = phrase_tokens(member)
            if member.lower_ in PRONOUNS and member.pos_ == "PRON":
                last = memory.last_actor()
                actor = Actor(member.text, last.code, last.sector) if last else None
            elif member.pos_ == "PROPN" and member.ent_type_ == "PERSON" and memory.by_name(member.text):
                named = memory.by_name(member.text)
                actor = Actor(member.text, named.code, named.sector) if named else None
            else:
                # Memory before the focus country: "the fighters" after "Iraqi militias" are Iraqi.
                actor = actor_from_tokens(toks, focus_country=None)
                if actor and actor.code is None and any(t.dep_ == "poss" and t.lower_ in {"its", "their"} for t in toks):
                    # "The Russian Defence Ministry said its troops had left": the speaker's country.
                    speaker = next(iter(_sentence_actors(trigger.sent, focus)), None)
                    actor = Actor(actor.entity_text, speaker.code, actor.sector) if speaker else actor
                actor = memory.complete(actor) if actor else None
                if actor and actor.code is None:
                    actor = actor_from_tokens(toks, focus_country=focus) or actor
            if actor and actor not in actors:
                actors.append(actor)
                used |= {t.i for t in toks}
    memory.remember_actors(actors)
    return actors, used


def _named_subject(trigger: Any) -> Actor | None:
    """An uncoded actor from a nominal subject ("The service accused ..."), when there is one."""
    for head in _subject_heads(trigger):
        if head.pos_ in {"NOUN", "PROPN"}:
            toks = phrase_tokens(head)
            return Actor(head.doc[toks[0].i : toks[-1].i + 1].text, None, None)
    return None


def _sentence_actors(sent: Any, focus: str | None) -> list[Actor]:
    """Coded actors named as subjects in a sentence without triggers (for later references)."""
    found = []
    for tok in sent:
        if tok.dep_ in SUBJECT_DEPS and tok.pos_ in {"NOUN", "PROPN"}:
            actor = actor_from_tokens(phrase_tokens(tok), focus_country=focus)
            if actor and actor.code:
                found.append(actor)
    return found


def _explicit_attribution(sent: Any, report: Report) -> Attribution | None:
    """The sentence's own attribution (reporting phrases, then the speaker of a reporting verb),
    or None when only the outlet's voice is left."""
    attribution = find_attribution(sent.text, outlet=None)
    if attribution is not None and attribution.source is None:
        # imagery/sighting/tracking cues without a named source: the outlet's own observation
        return Attribution(report.outlet, attribution.kind, attribution.provider or report.outlet)
    speaker = speaker_attribution(sent)
    if attribution is None or (speaker is not None and attribution.kind == "media" and speaker.kind != "media"):
        attribution = speaker
    if attribution is None or (attribution.source == report.outlet and attribution.kind == "media"):
        return None
    return attribution


def _own_voice(actors: list[Actor], trig: Trigger, attribution: Attribution | None) -> Attribution | None:
    """A government's own words or acts, told with no other source, are official evidence."""
    if attribution is not None and attribution.kind == "media" and any(a.sector == "GOV" for a in actors) and trig.event in VERBAL:
        gov = next(a for a in actors if a.sector == "GOV")
        return Attribution(source=gov.entity_text, kind="official", provider=gov.entity_text)
    return attribution


def _subject_heads(trigger: Any) -> list[Any]:
    tok = trigger
    for _ in range(5):
        if tok.pos_ == "NOUN":
            poss = [c for c in tok.children if c.dep_ in {"poss", "amod", "compound"}]
            of = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "by", "between"}
                  for o in c.children if o.dep_ == "pobj"]
            if of or poss or tok.dep_ not in {"dobj", "attr"}:
                return of + poss
            tok = tok.head  # "held talks": the talkers are the subject of the light verb
            continue
        agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if agents:
            return agents
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects
        if tok.dep_ in {"acl", "relcl"}:
            return [tok.head]
        if tok.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp"} and tok.head is not tok:
            tok = tok.head
            continue
        break
    return []


def _recipients_of(trigger: Any, focus: str | None, actors: list[Actor]) -> list[Actor]:
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
    objects += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"with", "to", "against", "on"}
                for o in c.children if o.dep_ == "pobj"]
    found: list[Actor] = []
    for obj in objects:
        actor = actor_from_tokens(phrase_tokens(obj), focus_country=focus)
        if actor and actor not in actors and actor not in found and actor.code:
            found.append(actor)
    return found


def _assign_places(places: list[PlaceMention], triggers: list[tuple[Any, Trigger]]) -> dict[int, list[PlaceMention]]:
    """Each place goes to the trigger whose subtree holds it, else to the first trigger."""
    triggers_by_i = {t.i: trig.event for t, trig in triggers}
    out: dict[int, list[PlaceMention]] = {t.i: [] for t, _ in triggers}
    for mention in places:
        owner = None
        for tok in mention.span.root.ancestors:
            if tok.i in out:
                owner = tok.i
                break
            if tok.lemma_.lower() in REPORTING_VERBS:
                owner = -1  # "officials in Hasakah said": where the source is, not the event
                break
        if owner == -1:
            continue
        target = owner if owner is not None else triggers[0][0].i
        if _governing_prep(mention.span.root) in TOPIC_PREPS and triggers_by_i[target] not in MOVEMENT:
            continue  # "an agreement on Hmeimim": the topic, not where it happened
        out[target].append(mention)
    return out


def _event_at(trig: Trigger, tok: Any, mention: PlaceMention | None, future: bool) -> tuple[str, str | None]:
    """The event type and posture at one place: origins are left, destinations are reached."""
    if future:
        return ("CONCEDE" if trig.event == "RETREAT" else trig.event), None
    posture = trig.posture
    if trig.event == "RETREAT" and posture == "departed" and tok.tag_ in {"VBG", "VBZ", "VBP"}:
        posture = "departing"
    if mention is None or trig.event not in {"RETREAT", "MOBILIZE"}:
        return trig.event, posture
    prep = _governing_prep(mention.span.root)
    if prep in DESTINATION_PREPS:
        return "MOBILIZE", "arriving"
    if prep in ORIGIN_PREPS and trig.event == "MOBILIZE" and trig.posture == "arriving":
        return "RETREAT", "departed" if tok.tag_ in {"VBD", "VBN"} else "departing"
    return trig.event, posture


# Things that leave a base without the force leaving it (a convoy, a plane, a ship).
ASSET_HEADS = {"aircraft", "plane", "jet", "helicopter", "ship", "vessel", "frigate", "convoy", "column",
               "truck", "vehicle", "flight", "equipment", "cargo", "container", "launcher", "system",
               "battery", "tanker", "drone", "bomber", "fighter", "warship", "submarine", "corvette"}
# Transport that lands to carry things away: its arrival is no force arriving.
TRANSPORT_HEADS = {"aircraft", "plane", "jet", "ship", "vessel", "flight", "cargo", "tanker", "airlifter"}
FORCE_WORDS = {"all", "last", "remaining", "entire", "whole"}


def _assets_only(trigger: Any, heads_of: set[str]) -> bool:
    """True when what moves is hardware, not the force itself ("the last troops" is the force)."""
    heads = _subject_heads(trigger) or [c for c in trigger.children if c.dep_ == "dobj"]
    if not heads:
        return False
    for head in heads:
        words = {t.lower_ for t in head.subtree}
        if head.lemma_.lower() not in heads_of or words & FORCE_WORDS:
            return False
    return True


PLACE_NOUNS = {"town", "city", "village", "area", "province", "region", "district", "outskirts", "edge",
               "suburb", "suburbs", "port", "base", "airport", "countryside", "governorate", "camp"}


def _governing_prep(tok: Any) -> str | None:
    """The preposition that governs a place ('from' in 'from the town of X')."""
    for _ in range(4):
        while tok.dep_ in {"compound", "amod", "conj", "appos"} and tok.head is not tok:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            prep = tok.head
            if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
                tok = prep.head  # "the desert town of Sukhnah": ask what governs "town"
                continue
            return str(prep.lower_)
        return None
    return None


def _is_negated(tok: Any) -> bool:
    chain = [tok, *list(tok.ancestors)[:3]]
    for node in chain:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in {"no", "neither", "any"}) for c in node.children) \
                or node.lemma_.lower() in DENIALS:
            return True
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if any(d.dep_ == "det" and d.lower_ in {"no", "neither"} for subj in subjects for d in subj.children):
            return True
    return False


def _is_future(tok: Any) -> bool:
    for node in [tok, *list(tok.ancestors)[:2]]:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
        if node is not tok and node.lemma_.lower() in FUTURE_VERBS:
            return True
    return False


def _sentence_date(sent: Any, report: Report, triggers: list[tuple[Any, Trigger]],
                   memory: Discourse) -> ResolvedDate | None:
    """The time expression closest to the triggers (datelines skipped), else a date relative to
    the previous event ('a day earlier'); remembered for the next sentences."""
    anchor = triggers[0][0].i if triggers else sent.start
    spans = [e for e in sentence_entities(sent) if e.label_ in {"DATE", "TIME"} and not _is_dateline_date(e)]
    spans.sort(key=lambda e: (not any(t.i in {x.i for x, _ in triggers} for t in e.root.ancestors),
                              abs(e.root.i - anchor)))
    for ent in spans:
        resolved = resolve_date(ent.text, published=report.published)
        if resolved:
            memory.last_date = resolved
            return resolved
    resolved = relative_to_previous(sent.text, memory.last_date)
    if resolved:
        return resolved
    return None


def _is_dateline_date(ent: Any) -> bool:
    """'BEIRUT, Dec 14 —' at the head of a report is the filing date, not the event's."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return ent.start - ent.sent.start <= 3 and nxt is not None and nxt.text in {"—", "–", "-"}


def _confidence(sent: Any, tok: Any, attributed: bool, actors: list[Actor],
                places: Iterable[PlaceMention], date: ResolvedDate | None) -> float:
    """Evidence raises the score, modality lowers it; the formula is documented in docs/events.md."""
    score = 0.5
    score += 0.15 if attributed else 0.0
    score += 0.1 if any(m.place.resolution in {"site", "city"} for m in places) else 0.0
    score += 0.1 if any(a.code for a in actors) else 0.0
    score += 0.1 if date else 0.0
    if HEDGES.search(sent.text):
        score *= 0.6
    if SPECULATIVE.search(sent.text) or sent.text.rstrip().endswith("?"):
        score *= 0.4
    if _is_future(tok):
        score *= 0.5
    return round(min(0.95, max(0.05, score)), 2)
