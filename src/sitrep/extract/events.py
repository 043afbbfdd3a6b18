"""Sentence-level event extraction: trigger lemmas + dependency rules -> PLOVER Events.

For each sentence: find trigger verbs (or nouns), read the actor from the grammatical subject
(climbing xcomp/conj chains, taking the agent of passives), the recipient from objects, the
places from resolved entities (one event per place), the date from time expressions, the
attribution from reporting phrases, and the confidence from modality cues (docs/events.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitrep.extract.attribution import find_attribution
from sitrep.extract.classifier import SentenceClassifier
from sitrep.extract.discourse import Discourse
from sitrep.extract.hosts import country_ranking, host_ranking, placed_in_host
from sitrep.extract.lexicon import (
    NOUN_TRIGGERS,
    OBJECT_TRIGGERS,
    PARTICLE_TRIGGERS,
    VERB_TRIGGERS,
    Trigger,
)
from sitrep.extract.modality import SPECULATIVE, confidence_of, is_future, is_negated
from sitrep.extract.places import (
    PlaceMention,
    definite_place_mentions,
    sentence_places,
)
from sitrep.extract.roles import (
    ASSET_HEADS,
    TRANSPORT_HEADS,
    actors_of,
    assets_only_move,
    demanding_speaker,
    named_subject,
    recipients_of,
    sentence_actors,
)
from sitrep.extract.salience import SalienceModel, keep_salient
from sitrep.extract.scope import in_movement_scope, is_page_furniture
from sitrep.extract.speakers import speaker_attribution
from sitrep.extract.timing import REPORTING_VERBS, sentence_date
from sitrep.geo import Gazetteer
from sitrep.records import Actor, Attribution, Event, Report, event_id

# "whether Russian ships load equipment at Tartus": an open question, not a report.
ORIGIN_PREPS = {"from", "out"}
TOPIC_PREPS = {"on", "over", "about", "of", "for", "regarding", "concerning"}
PARTNER_PREPS = {"with", "between"}
MOVEMENT = {"RETREAT", "MOBILIZE"}
REQUEST_VERBS = {"ask", "urge", "demand", "order", "call", "request", "press", "invite"}
VERBAL = {"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE", "CONSULT", "CONCEDE", "SANCTION", "COOPERATE", "AID"}
DESTINATION_PREPS = {"to", "toward", "towards", "into"}
def extract_events(doc: Any, report: Report, *, gazetteer: Gazetteer,
                   classifier: SentenceClassifier | None = None, veto: float = 0.6,
                   scope: str = "all", salience: SalienceModel | None = None,
                   salience_threshold: float = 0.0) -> list[Event]:
    """All events of one parsed report, in text order; with a classifier, events in sentences it
    judges eventless with probability >= `veto` are dropped; scope "movements" keeps the analyst's
    scope (see `in_movement_scope`) and, with a salience model, the events it judges an analyst
    would code (extract/salience.py)."""
    countries = country_ranking(doc, gazetteer=gazetteer)
    focus = countries[0] if countries else None  # guides ambiguous names
    events: list[Event] = []
    memory = Discourse()
    text = doc.text
    for sequence, sent in enumerate(doc.sents):
        if len(sent) < 4 or is_page_furniture(sent, text):
            continue
        if SPECULATIVE.search(sent.text):
            continue  # "it is unclear whether the ships will return": no claim, no event
        found = list(_sentence_events(sent, sequence, report, gazetteer=gazetteer, focus=focus, memory=memory))
        events.extend(_merge_sentence_events(found))
    if classifier is not None and events:
        events = _veto(events, classifier, veto)
    events = placed_in_host(events, host_ranking(doc, gazetteer=gazetteer), gazetteer)
    if scope == "movements":
        events = [e for e in events if in_movement_scope(e, report)]
        if salience is not None:
            events = keep_salient(events, salience, salience_threshold)
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
        memory.remember_actors(sentence_actors(sent, focus))
        return
    attribution = explicit or memory.carried_attribution(sequence) or find_attribution(sent.text, outlet=report.outlet)
    date = sentence_date(sent, report, triggers, memory)
    actor_tokens: dict[int, tuple[list[Actor], set[int]]] = {}
    excluded: set[int] = set()
    for tok, _ in triggers:
        actors, used = actors_of(tok, focus, memory)
        actor_tokens[tok.i] = (actors, used)
        excluded |= used
    places = sentence_places(sent, gazetteer=gazetteer, focus_country=focus, excluded=excluded)
    memory.remember_places([m.place for m in places])
    named_ids = {m.place.resolved_place for m in places}
    places += [m for m in definite_place_mentions(sent, recent=memory.places, gazetteer=gazetteer)
               if m.place.resolved_place not in named_ids and not any(t.i in excluded for t in m.span)]
    assigned = _assign_places(places, triggers)
    for tok, trig in triggers:
        if is_negated(tok):
            continue
        actors, _ = actor_tokens[tok.i]
        recipients = recipients_of(tok, focus, actors)
        mine = assigned.get(tok.i, [])
        speaker = demanding_speaker(tok, focus, memory) if trig.event in MOVEMENT else None
        if speaker is not None and speaker.code not in {a.code for a in actors}:
            # the demand is the speaker's, made of the moving force, and has no place of its own
            actors, recipients, trig, mine = [speaker], actors, DEMANDED, []
        if trig.event == "REQUEST":
            mine = []  # a demand has no place of its own: "ordered the U.S. to leave Niger" names whom and what
        if not actors and not mine:
            subject = named_subject(tok)
            if subject is None:
                continue
            actors = [subject]
        if trig.event in MOVEMENT and _moved_by_no_force(tok, actors):
            continue  # "news of the handover has left veterans ...": what moves is no force
        confidence = confidence_of(sent, tok, explicit is not None, actors, mine, date)
        future = is_future(tok)
        targets: list[PlaceMention | None] = list(_left_places(trig, mine)) or [None]
        assets_only = assets_only_move(tok, ASSET_HEADS)
        transport_only = assets_only_move(tok, TRANSPORT_HEADS)
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
        if tok.pos_ in {"VERB", "AUX"} and not _describes_a_place(tok):
            trig = _verb_trigger(tok)
            if trig and not (tok.dep_ in {"xcomp", "ccomp"} and tok.head.lemma_.lower() in REQUEST_VERBS
                             and not _is_passive(tok.head)):
                # "asked French troops to leave" is a request, not a retreat; "the troops were
                # ordered to withdraw" is the troops' own (planned) move.
                verbs.append((tok, trig))
            elif trig and trig.event in MOVEMENT and _verb_trigger(tok.head) is None \
                    and not any(t is tok.head for t, _ in verbs):
                verbs.append((tok.head, DEMANDED))  # "ordered the U.S. to withdraw": the order is the request
    if verbs:
        yield from verbs
        return
    for tok in sent:
        trig = NOUN_TRIGGERS.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if trig and trig.event == "AGREE" and _ended(tok):
            # "announced the cancellation of the military agreement": the ending is the event
            tok, trig = tok.head.head, ENDED_AGREEMENT
        if trig:
            yield tok, trig


ENDING_NOUNS = {"end", "termination", "cancellation", "annulment", "revocation", "suspension", "denunciation",
                "scrapping", "abrogation", "collapse", "breakdown"}
ENDED_AGREEMENT = Trigger("REJECT")


def _ended(noun: Any) -> bool:
    """'the end of the agreement', 'the cancellation of the deal'."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ENDING_NOUNS


REMAINING = Trigger("MOBILIZE", "present")
DEMANDED = Trigger("REQUEST")


def _verb_trigger(tok: Any) -> Trigger | None:
    lemma = tok.lemma_.lower()
    if lemma == "leave" and _means_remaining(tok):
        return REMAINING
    if lemma == "be" and _still_there(tok):
        return REMAINING
    # True particles ("taken off") before prepositions ("over two days").
    ordered = sorted((c for c in tok.children if c.dep_ in {"prt", "prep", "advmod"}), key=lambda c: c.dep_ != "prt")
    particles = {c.lower_ for c in ordered}
    for child in ordered:
        if (lemma, child.lower_) in PARTICLE_TRIGGERS:
            return PARTICLE_TRIGGERS[(lemma, child.lower_)]
    objects = {"dobj", "attr", "nsubjpass"} if _is_passive(tok) else {"dobj", "attr"}
    for child in tok.children:
        if child.dep_ not in objects:  # "the facility was closed": the passive subject is the object
            continue
        # The lemma, else the word itself: the small model lemmatises "bases" to "basis".
        for noun in (child.lemma_.lower(), child.lower_, child.lower_.removesuffix("s")):
            if (lemma, noun) in OBJECT_TRIGGERS:
                return OBJECT_TRIGGERS[(lemma, noun)]
    if tok.dep_ == "relcl":  # "the first base France has returned": the noun is the verb's object
        for noun in (tok.head.lemma_.lower(), tok.head.lower_):
            if (lemma, noun) in OBJECT_TRIGGERS:
                return OBJECT_TRIGGERS[(lemma, noun)]
    trig = VERB_TRIGGERS.get(lemma)
    if trig and trig.particles and not trig.particles & particles:
        return None
    return trig


def _describes_a_place(tok: Any) -> bool:
    """"the bases where they had been stationed", "positions from which the army had withdrawn":
    a relative clause that says what a place is, not a new happening."""
    if tok.dep_ != "relcl":
        return False
    # "where ...", "from which ...": the place is where the clause happens; "the base France is
    # handing over" (the place is the verb's object) is the happening itself.
    located = any(c.lower_ == "where" for c in tok.children) or any(
        c.dep_ == "prep" and any(o.lower_ == "which" for o in c.children) for c in tok.children)
    if not located:
        return False
    words = {tok.head.lemma_.lower(), tok.head.lower_, tok.head.lower_.removesuffix("s")}  # "bases" -> "basis"
    return bool(words & (PLACE_NOUNS | {"position", "zone", "facility", "installation", "site", "post"}))


def _is_passive(tok: Any) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def _still_there(tok: Any) -> bool:
    """"The soldiers are still at the base": presence, told with a bare copula."""
    children = list(tok.children)
    return any(c.dep_ == "advmod" and c.lower_ == "still" for c in children) and \
        any(c.dep_ == "prep" and c.lower_ in {"at", "in", "inside", "on"} for c in children)


def _moved_by_no_force(tok: Any, actors: list[Actor]) -> bool:
    """The subject is a thing that is no force nor state ("news", "the decision", "violence"):
    every actor found is uncoded and of no sector, or none was found beside a noun subject."""
    if actors:
        return all(a.code is None and a.sector is None for a in actors)
    return named_subject(tok) is not None


def _means_remaining(tok: Any) -> bool:
    """'the troops left in the country', 'only one brigade left', 'leaving only one brigade in
    Gaza': what stays, not a departure."""
    if tok.tag_ in {"VBN", "VBD"} and tok.dep_ in {"acl", "amod"}:
        return True
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return any(any(d.lower_ == "only" for d in obj.subtree) for obj in objects)


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
            if tok.pos_ == "VERB" and tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in out:
                owner = -1  # "Mimicking its actions in Sudan, Wagner deployed ...": an aside's place
                break
        if owner == -1:
            continue
        target = owner if owner is not None else triggers[0][0].i
        if _governing_prep(mention.span.root) in TOPIC_PREPS | PARTNER_PREPS and triggers_by_i[target] not in MOVEMENT:
            continue  # "an agreement on Hmeimim", "cooperation with France": the topic or partner, not where
        out[target].append(mention)
    return out


def _event_at(trig: Trigger, tok: Any, mention: PlaceMention | None, future: bool) -> tuple[str, str | None]:
    """The event type and posture at one place: origins are left, destinations are reached."""
    if future:
        origin = mention is not None and trig.event in MOVEMENT and _governing_prep(mention.span.root) in ORIGIN_PREPS
        return ("CONCEDE" if trig.event == "RETREAT" or origin else trig.event), None
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


def _left_places(trig: Trigger, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A withdrawal, done or planned, told with where it leaves and where it goes ("pulled back from
    X to Y") happens where the force leaves (ANNOTATION.md): the destination is not its place."""
    if trig.event not in {"RETREAT", "CONCEDE"}:
        return mentions
    preps = [_governing_prep(m.span.root) for m in mentions]
    if not any(p in ORIGIN_PREPS for p in preps):
        return mentions
    return [m for m, p in zip(mentions, preps, strict=True) if p not in DESTINATION_PREPS]


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
            if prep.lower_ == "of" and prep.head.lower_ == "out":
                return "out"  # "crossed out of Iraq": an origin
            return str(prep.lower_)
        return None
    return None


