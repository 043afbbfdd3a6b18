"""The native route: events of a French, Russian, Ukrainian or Arabic report without translation,
by gazetteer matching over native-script names, trigger lexicons and light morphology.

Per sentence: trigger words (lexicons.py) not negated nor hedged; the places the native-name index
knows (longest n-gram first), each with its role (where the force is, goes to, or comes from, by
the word before it); the actor from actor words (the nearest before the trigger; in Arabic,
verb-first, the nearest after it); the date from the sentence's own time expression; attribution
from cue words. One event per category and place; a move with no place takes the report's host
country. The Event records are the English route's, so geo, fusion and store treat them alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from sitrep.extract.lexicon import Trigger
from sitrep.extract.native.dates import sentence_date
from sitrep.extract.native.forces import HOST, NAMED_FORCES, force_name
from sitrep.extract.native.lexicons import LEXICONS, Lexicon
from sitrep.extract.native.places import (
    ARTICLES,
    LOCATIVE,
    Found,
    capital_found,
    in_report_countries,
    not_actors,
    sentence_places,
)
from sitrep.extract.native.sources import SPEECH, sentence_attribution, statement_days_masked
from sitrep.extract.native.words import (
    Sentence,
    Token,
    fold_phrase,
    split_sentences,
    starts_with_any,
)
from sitrep.extract.places import country_place
from sitrep.geo import Gazetteer, haversine_km
from sitrep.geo.native import NativeNames, NativePlace
from sitrep.records import Actor, Attribution, Event, Place, Report, event_id

MOVES = {"RETREAT", "MOBILIZE", "CONCEDE"}


def extract_native_events(report: Report, *, lexicon: Lexicon, names: NativeNames, gazetteer: Gazetteer
                          ) -> list[Event]:
    """All events of one report in the lexicon's language, in text order."""
    sentences = list(split_sentences(report.text, lexicon.language))
    actors_seen = [_actors(s, lexicon) for s in sentences]
    found = in_report_countries([sentence_places(s, lexicon, names, gazetteer) for s in sentences], actors_seen)
    counts = Counter(f.place.country_code for fs in found for f in fs if f.place.country_code)
    actors_seen = _host_resolved(actors_seen, counts)
    events: list[Event] = []
    last_actor: tuple[Actor, ...] = ()
    previous: list[Found] = []
    said: Attribution | None = None  # a source named earlier speaks for the sentences after it
    for sequence, (sentence, places, actors) in enumerate(zip(sentences, found, actors_seen, strict=True)):
        places = not_actors(places, actors, sentence, lexicon)
        named_at = {at for at, _, surface in actors if _is_named(surface, lexicon.language)}
        places = [f for f in places if f.first not in named_at]  # "des combattants de Wagner"
        if not any(f.place.resolution in {"site", "city"} for f in places):
            capital = capital_found(sentence, lexicon, _actors(sentence, lexicon, anywhere=True), gazetteer)
            places = [*places, capital] if capital else places
        said = sentence_attribution(sentence, lexicon.language, actors) or said
        new = [] if _headline(sentence, report) else \
            list(_sentence_events(report, sentence, sequence, lexicon, places, actors, last_actor, said))
        movers = [e.actor for e in new if e.event in MOVES and any(a.code for a in e.actor)]
        if movers or (actors and not new):
            # The force of the sentences before is the last one that moved (or was named without
            # acting): a junta's demand in between does not make the junta the mover.
            last_actor = movers[0] if movers else (_actor(actors[0]),)
        for event in new:
            if event.place is None and event.event in MOVES:
                event = _in_previous_place(event, previous) or _in_host_country(event, counts, gazetteer)
            elif event.place is None:
                event = _in_actor_country(event, gazetteer)
            events.append(event)
        previous = places
    return events


def _headline(sentence: Sentence, report: Report) -> bool:
    """A headline is no event (ANNOTATION.md): the report's title, or its first line when that
    line has no final stop ("La France cède sa première base militaire en plein retrait du Tchad")."""
    if report.title and sentence.text.strip() == report.title.strip():
        return True
    rest = report.text[sentence.end:sentence.end + 2]
    return sentence.start == len(report.text) - len(report.text.lstrip()) and rest.startswith("\n") \
        and sentence.text[-1:] not in ".!?…؟»\""


def _in_previous_place(event: Event, previous: list[Found]) -> Event | None:
    """A move with no place of its own happened where the sentence before placed things ("The
    troops left Timbuktu. The Malian army took over the camp."): its last site or town."""
    fine = [f for f in previous if f.place.resolution in {"site", "city"}]
    if not fine:
        return None
    found = next((f for f in fine if f.role != "from"), fine[-1])
    p = found.place
    place = Place(extracted_place=found.surface, resolved_place=p.name, lat=p.lat, lon=p.lon,
                  country_code=p.country_code, feature_code=p.feature_code, resolution=p.resolution,
                  site_id=p.site_id)
    return replace(event, place=place)


def _sentence_events(report: Report, sentence: Sentence, sequence: int, lexicon: Lexicon,
                     places: list[Found], actors: list[tuple[int, str, str]], last_actor: tuple[Actor, ...],
                     attribution: Attribution | None) -> Iterator[Event]:
    tokens = sentence.tokens
    if any(t.forms[0] in lexicon.hedges for t in tokens):
        return  # speculation: no claim
    triggers = _demanded_moves_dropped([(at, trig, stem) for at, trig, stem in _triggers(tokens, lexicon)
                                        if not _negated(tokens, at, lexicon)])
    triggers = _origin_participles_dropped(triggers, tokens, lexicon.language)
    if not triggers:
        return
    seen: set[tuple[str, str | None]] = set()
    for at, trig, _stem in triggers:
        future = _is_future(sentence, at, lexicon)
        kind = "CONCEDE" if future and trig.event == "RETREAT" else trig.event
        actor = _actor_for(at, actors, lexicon, last_actor, observed=trig.posture == "present")
        verb_first = lexicon.language == "ar" and any(0 < a[0] - at <= 4 for a in actors)
        if trig.event in {"CONSULT", "AGREE"} and not verb_first:
            # Talks between two sides named before the verb ("les ministres tchadien et français
            # se sont entretenus"): the first named is the actor, as the gold codes it.
            actor = next((((_actor(a),) for a in actors if a[0] < at and a[1])), actor)
        recipient = _recipient_for(at, actors, actor, trig)
        own_time = statement_days_masked(sentence, lexicon.weekdays, lexicon.language)
        date = sentence_date(own_time, lexicon=lexicon, published=report.published, future=future)
        for found in _places_for(at, trig.event, triggers, places):
            place = _place(found, sentence) if found else None
            key = (kind, place.resolved_place if place else None)
            if key in seen or (place is None and any(k == kind for k, _ in seen)):
                continue
            seen.add(key)
            yield Event(
                id=event_id(report.id, sentence.start, kind, place.resolved_place if place else None, tokens[at].text),
                report_id=report.id, event=kind, mode=trig.mode, actor=actor, recipient=recipient,
                date=date.start if date else None, enddate=date.end if date else None,
                date_precision=date.precision if date else None, place=place,
                posture=("departing" if kind == "CONCEDE" else trig.posture), attribution=attribution,
                confidence=0.6 if future else 0.7, event_text=sentence.text, sequence=sequence,
                start=sentence.start, end=sentence.end, trigger=tokens[at].text)


def _origin_participles_dropped(triggers: list[tuple[int, Trigger, str]], tokens: tuple[Token, ...], language: str
                                ) -> list[tuple[int, Trigger, str]]:
    """"Un avion parti de Hmeimim a atterri à Al-Khadim": a participle of departure before an
    arrival verb tells where the arriving force came from, not a withdrawal of its own."""
    arrivals = [at for at, trig, _ in triggers if trig.event == "MOBILIZE"]
    if language != "fr" or not arrivals:
        return triggers
    return [t for t in triggers if not (t[1].event == "RETREAT" and t[0] < arrivals[-1] and t[0] + 1 < len(tokens)
                                        and tokens[t[0]].forms[0] in _PARTICIPLES
                                        and tokens[t[0] + 1].forms[0] in {"de", "d'", "du", "des"})]


_PARTICIPLES = {"parti", "partis", "partie", "parties", "venu", "venus", "venue", "venues"}


def _demanded_moves_dropped(triggers: list[tuple[int, Trigger, str]]) -> list[tuple[int, Trigger, str]]:
    """A move named after a demand is what is demanded ("exigé le départ des troupes"), not a move."""
    first_request = next((at for at, trig, _ in triggers if trig.event == "REQUEST"), None)
    if first_request is None:
        return triggers
    return [t for t in triggers if not (t[0] > first_request and t[1].event in MOVES)]


def _triggers(tokens: tuple[Token, ...], lexicon: Lexicon) -> Iterator[tuple[int, Trigger, str]]:
    stems = _trigger_stems(lexicon.language)
    for at, token in enumerate(tokens):
        if token.forms[0] in lexicon.not_triggers or _other_sense(tokens, at, lexicon.language):
            continue
        forms = token.forms
        if lexicon.future_prefix and forms[-1].startswith(lexicon.future_prefix) and len(forms[-1]) > 4:
            forms = (*forms, forms[-1][1:])  # Arabic "ستنسحب": the future prefix before the verb
        stem = starts_with_any(forms, stems)
        if stem is None and at + 1 < len(tokens):  # triggers of two or three words: "mis fin", "взяли под контроль"
            words = " ".join((forms[0], *(t.forms[0] for t in tokens[at + 1:at + 3])))
            stem = next((s for s in stems if " " in s and words.startswith(s)), None)
        if stem is not None:
            yield at, _arabic_handover(tokens, at, stems[stem], stem), stem


def _other_sense(tokens: tuple[Token, ...], at: int, language: str) -> bool:
    """A trigger word in a sense that is no move: a reflexive "leave" that means "remain"
    ("залишаються", "остались" aside), "a demandé l'anonymat", "نقل عن" (quoted)."""
    word = tokens[at].forms[-1]
    after = {f for t in tokens[at + 1:at + 5] for f in t.forms}
    if language in {"ru", "uk"}:
        return word.startswith(("залиш", "оставл")) and word.endswith(("ся", "сь"))
    if language == "fr":
        return word.startswith("demand") and "anonymat" in after
    return language == "ar" and word.startswith("نقل") and "عن" in after


def _arabic_handover(tokens: tuple[Token, ...], at: int, trigger: Trigger, stem: str) -> Trigger:
    """Unvowelled "تسلم" is both "took over" (past, an arrival) and "hands over" (imperfect): after
    "أن" or with the future prefix it is the handover ("من المقرر أن تسلم فرنسا القاعدة")."""
    if stem != "تسلم" or not (tokens[at].forms[-1].startswith("ستسلم") or (at and tokens[at - 1].forms[-1] == "ان")):
        return trigger
    return LEXICONS["ar"].triggers["سلم"]


@lru_cache(maxsize=8)
def _trigger_stems(language: str) -> dict[str, Trigger]:
    """A language's trigger stems, folded as words are (built once per language)."""
    return {" ".join(fold_phrase(k, language)): v for k, v in LEXICONS[language].triggers.items()}


@lru_cache(maxsize=8)
def _actor_words(language: str) -> dict[str, dict[tuple[str, ...], str]]:
    """A language's actor words, folded, grouped by their first two letters (a word is compared
    only with the entries that can match it)."""
    grouped: dict[str, dict[tuple[str, ...], str]] = {}
    for key, code in sorted(LEXICONS[language].actors.items(), key=lambda kv: -len(kv[0])):
        words = fold_phrase(key, language)
        grouped.setdefault(words[0][:2], {})[words] = code
    return grouped


def _negated(tokens: tuple[Token, ...], at: int, lexicon: Lexicon) -> bool:
    """A denial earlier in the sentence, or a negation word among the three words before the
    trigger ("n'ont pas quitté", "не покинули", "لم تنسحب") or right after it ("n'a pas quitté")."""
    if starts_with_any(tuple(f for t in tokens[:at] for f in t.forms), lexicon.denials) is not None:
        return True  # "a démenti que les soldats aient quitté", "نفت أن تكون القوات قد انسحبت"
    window = [t.forms[0] for t in tokens[max(0, at - 3):at]]
    if lexicon.language == "fr":
        window += [t.forms[0] for t in tokens[at + 1:at + 2]]
    return any(w in lexicon.negations or (lexicon.language == "fr" and w == "n'") for w in window)


def _is_future(sentence: Sentence, at: int, lexicon: Lexicon) -> bool:
    """An announced or planned move: a future word near the trigger, or in the rest of its clause
    ("le retrait ... est prévu pour janvier"), or a future verb form."""
    tokens, text, start = sentence.tokens, sentence.text, sentence.start
    word = tokens[at].forms[-1]
    if lexicon.future_prefix and word.startswith(lexicon.future_prefix + "ت") or word.startswith("سي"):
        return lexicon.language == "ar"
    window = tuple(t.forms[0] for t in tokens[max(0, at - 5):at + 1])
    # After the trigger a plan, not a verb of saying ("ушли из Манбиджа, объявил их командующий"
    # is a past move announced).
    said = tuple(fold_phrase(m, lexicon.language)[0] for m in SPEECH[lexicon.language] if " " not in m)
    clause = [t for t in tokens[at + 1:] if "," not in text[tokens[at].end - start:t.start - start]]
    after = tuple(t.forms[0] for t in clause if not t.forms[0].startswith(said))
    return starts_with_any(window + after, lexicon.future) is not None


def _places_for(at: int, event: str, triggers: list[tuple[int, Trigger, str]], places: list[Found]
                ) -> list[Found | None]:
    """The places of one trigger: a withdrawal where the force was or left from, an arrival where it
    is or goes; with both kinds of trigger in the sentence a plain place goes to the nearer one.
    Country-level places give way to finer ones."""
    wanted = {"RETREAT": {"at", "from"}, "MOBILIZE": {"at", "to"}}.get(event, {"at"})
    kinds = {t.event for _, t, _ in triggers}
    chosen = []
    for found in places:
        if found.role not in wanted:
            continue
        if found.role == "at" and len(kinds & {"RETREAT", "MOBILIZE"}) == 2 and event in {"RETREAT", "MOBILIZE"}:
            nearest = min(triggers, key=lambda t: abs(t[0] - found.first))
            if nearest[1].event != event:
                continue
        chosen.append(found)
    fine = [f for f in chosen if f.place.resolution != "country"]
    sites = [f for f in fine if f.place.resolution == "site"]
    # A base and the town it is named after ("la base aérienne 201 d'Agadez") are one place.
    fine = [f for f in fine if f in sites or not any(_km(f.place, s.place) < 35 for s in sites)]
    return list(fine or chosen) or [None]


def _km(a: NativePlace, b: NativePlace) -> float:
    return float(haversine_km(a.lat, a.lon, b.lat, b.lon))


def _place(found: Found, sentence: Sentence) -> Place:
    p = found.place
    return Place(extracted_place=found.surface, resolved_place=p.name, lat=p.lat, lon=p.lon,
                 country_code=p.country_code, feature_code=p.feature_code, resolution=p.resolution,
                 start=sentence.tokens[found.first].start, end=sentence.tokens[found.last].end, site_id=p.site_id)


def _actors(sentence: Sentence, lexicon: Lexicon, *, anywhere: bool = False) -> list[tuple[int, str, str]]:
    """(token index, code, surface) of each actor word in the sentence; with `anywhere`, also the
    words after a preposition of place ("в чадской столице": whose capital)."""
    table = _actor_words(lexicon.language)
    named = _named_forces(lexicon.language)
    out = []
    tokens = sentence.tokens
    for at in range(len(tokens)):
        # "à Moscou", "в Москве", "в соседний Нигер" (not "В воскресенье Сирийские"): a place
        located = at > 0 and (tokens[at - 1].forms[0] in LOCATIVE[lexicon.language] or (
            at > 1 and tokens[at - 1].text[:1].islower() and tokens[at - 1].forms[0] not in ARTICLES
            and tokens[at - 2].forms[0] in LOCATIVE[lexicon.language]
            and tokens[at].text[:1].isupper() and not starts_with_any(tokens[at - 1].forms, lexicon.weekdays)))
        # Arabic "ب" (in) before a state is a place ("بموسكو"), unless the letter is the name's own ("بغداد").
        literal = replace(tokens[at], forms=tokens[at].forms[:1])
        candidates = {k: v for form in tokens[at].forms for k, v in table.get(form[:2], {}).items()}
        for words, code in candidates.items():
            span = tokens[at:at + len(words)]
            short = 2 if lexicon.language == "ar" else 3  # Arabic stems are short: "روس" (Russian)
            if len(span) != len(words) or not all(_actor_word(t, w, short) for t, w in zip(span, words, strict=True)):
                continue
            in_arabic = lexicon.language == "ar" and tokens[at].clitic.endswith("ب") and \
                not _actor_word(literal, words[0], short)
            if anywhere or words in named or not (located or in_arabic):
                out.append((at, code, " ".join(t.text for t in span)))
            break
    return out


def _is_named(surface: str, language: str) -> bool:
    words = fold_phrase(surface, language)
    return any(len(n) == len(words) and all(w.startswith(x) for w, x in zip(words, n, strict=True))
               for n in _named_forces(language))


@lru_cache(maxsize=8)
def _named_forces(language: str) -> frozenset[tuple[str, ...]]:
    return frozenset(fold_phrase(name, language) for name in NAMED_FORCES)


def _actor_word(token: Token, word: str, short: int) -> bool:
    """A token is an actor word: begins with its stem, or is it (short stems, stems marked '=')."""
    if word.endswith("="):
        return word[:-1] in token.forms
    return any(f.startswith(word) for f in token.forms) if len(word) > short else word in token.forms


def _actor(found: tuple[int, str, str]) -> Actor:
    """The coded actor, named in English whatever the word that named it ("français" -> France):
    the original word stays in the event's sentence."""
    code = found[1] or None
    return Actor(entity_text=force_name(code), code=code, sector="MIL" if code else "REB")


def _host_resolved(actors_seen: list[list[tuple[int, str, str]]], counts: Counter[str]
                   ) -> list[list[tuple[int, str, str]]]:
    """"La junte", "хунта": the state the report is about, the country its places name most
    that is not a foreign force acting in the same sentence (no host named: no actor)."""
    out = []
    for actors in actors_seen:
        foreign = {code for _, code, _ in actors if code != HOST}
        host = next((c for c, _ in counts.most_common() if c not in foreign), "")
        out.append([a if a[1] != HOST else (a[0], host, a[2]) for a in actors])
    return out


def _actor_for(at: int, actors: list[tuple[int, str, str]], lexicon: Lexicon, last_actor: tuple[Actor, ...],
               *, observed: bool = False) -> tuple[Actor, ...]:
    """The acting force: in Arabic (verb first) the one right after the trigger; in French, Russian
    and Ukrainian the nearest before it, else the force of the sentences before ("Ils avaient
    remis ... aux autorités du Niger": not Niger), else one after it (passives)."""
    before = [a for a in actors if a[0] < at]
    after = [a for a in actors if a[0] > at]
    if (lexicon.language == "ar" or (observed and not before)) and after and after[0][0] - at <= 4:
        return (_actor(after[0]),)  # verb first; or what was seen ("заметили американскую бронетехнику")
    if before:
        return (_actor(before[-1]),)
    if last_actor:
        return last_actor
    return (_actor(after[0]),) if after else ()


def _recipient_for(at: int, actors: list[tuple[int, str, str]], actor: tuple[Actor, ...], trig: Trigger
                   ) -> tuple[Actor, ...]:
    """Who a base was handed to: the first other force named after the trigger."""
    if trig.mode != "handover":
        return ()
    own = {a.code for a in actor}
    other = next((a for a in actors if a[0] > at and a[1] not in own), None)
    return (_actor(other),) if other else ()



def _in_actor_country(event: Event, gazetteer: Gazetteer) -> Event:
    """A demand, a talk or an agreement with no place took place in the acting state ("Le Tchad a
    dénoncé l'accord"): its country, coarse, as the English route places a country."""
    code = next((a.code for a in event.actor if a.code and len(a.code) == 3 and a.code != "UNO"), None)
    place = country_place(code, gazetteer=gazetteer) if code else None
    return replace(event, place=place) if place else event


def _in_host_country(event: Event, counts: Counter[str], gazetteer: Gazetteer) -> Event:
    """A move told with no place happened in the report's host country: the one its places name
    most that is not the moving force's own (as the English route does)."""
    own = {a.code for a in event.actor}
    host = next((code for code, _ in counts.most_common() if code not in own), None)
    place = country_place(host, gazetteer=gazetteer) if host else None
    return replace(event, place=place) if place else event
