"""Who does it: subjects, agents and objects of a trigger, read from the dependency parse and
normalised to actors (with the report's discourse memory filling in pronouns and bare nouns)."""

from __future__ import annotations

from typing import Any

from sitrep.extract.actors import actor_from_tokens
from sitrep.extract.discourse import Discourse
from sitrep.extract.lexicon import COUNTRY_WORDS, PRONOUNS, SECTOR_WORDS
from sitrep.records import Actor

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
PHRASE_DEPS = {"amod", "compound", "det", "poss", "nmod", "nummod", "case", "quantmod", "npadvmod"}


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


def actors_of(trigger: Any, focus: str | None, memory: Discourse) -> tuple[list[Actor], set[int]]:
    """Actors of a trigger and the token indices their phrases cover."""
    heads = subject_heads(trigger)
    actors: list[Actor] = []
    used: set[int] = set()
    for head in heads:
        for member in [head, *list(head.conjuncts)]:
            toks = phrase_tokens(member)
            if member.lower_ in PRONOUNS and member.pos_ == "PRON":
                # "France has announced that it will relocate": the announcer; else the last actor.
                governing = _governing_subject(member, focus)
                last = governing or memory.last_actor()
                actor = Actor(member.text, last.code, last.sector) if last else None
            elif _is_head_count(member) and memory.last_actor():
                # "around a hundred were packing up", "1,600 of them left": a count of the force
                # the report is talking about.
                last = memory.last_actor()
                actor = Actor(member.text, last.code, last.sector) if last else None
            elif member.pos_ == "PROPN" and member.ent_type_ == "PERSON" and memory.by_name(member.text):
                named = memory.by_name(member.text)
                actor = Actor(member.text, named.code, named.sector) if named else None
            else:
                # Memory before the focus country: "the fighters" after "Iraqi militias" are Iraqi.
                actor = actor_from_tokens(toks, focus_country=None)
                if actor is None or actor.code is None:
                    actor = next(filter(None, (_carried_force(t) for t in toks)), None) or actor
                if actor is not None and actor.code is None:
                    actor = _owner_named_before(toks, actor, memory) or actor
                if actor and actor.code is None and any(t.dep_ == "poss" and t.lower_ in {"its", "their"} for t in toks):
                    # "The Russian Defence Ministry said its troops had left": the speaker's country.
                    speaker = next(iter(sentence_actors(trigger.sent, focus)), None)
                    actor = Actor(actor.entity_text, speaker.code, actor.sector) if speaker else actor
                actor = memory.complete(actor) if actor else None
                if actor and actor.code is None:
                    actor = actor_from_tokens(toks, focus_country=focus) or actor
            if actor and actor not in actors:
                actors.append(actor)
                used |= {t.i for t in toks}
    memory.remember_actors(actors)
    return actors, used


CARRY_VERBS = {"carry", "transport", "ferry", "bring", "take"}


def _carried_force(head: Any) -> Actor | None:
    """"A convoy carrying 500 U.S. troops", "planes transporting Russian soldiers": the vehicle
    moves for the force it carries."""
    for child in head.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in CARRY_VERBS:
            for obj in child.children:
                if obj.dep_ == "dobj":
                    actor = actor_from_tokens(phrase_tokens(obj), focus_country=None)
                    if actor is not None and actor.code:
                        return actor
    return None


DEONTIC = {"should", "must", "ought"}
SAYING = {"say", "tell", "state", "insist", "declare", "stress", "add", "argue", "write"}


def demanding_speaker(trigger: Any, focus: str | None, memory: Discourse) -> Actor | None:
    """"The minister said that France should withdraw its contingent": a move someone says
    another force should or must make is that speaker's demand (ANNOTATION.md: REQUEST); the
    coded speaker, or None when the move is not told so."""
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in trigger.children):
        return None
    verb = trigger.head
    if trigger.dep_ != "ccomp" or verb.lemma_.lower() not in SAYING:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        actor = actor_from_tokens(phrase_tokens(subject), focus_country=None)
        actor = memory.complete(actor) if actor else None
        if actor is not None and actor.code:
            return actor
    return None


def _owner_named_before(toks: list[Any], actor: Actor, memory: Discourse) -> Actor | None:
    """"Putin's aircraft", "Erdogan's troops": a person's forces belong to the country the report
    named the person with ("Russian President Vladimir Putin")."""
    for tok in toks:
        if tok.dep_ == "poss" and tok.ent_type_ == "PERSON":
            named = memory.by_name(tok.text)
            if named is not None:
                return Actor(actor.entity_text, named.code, actor.sector or named.sector)
    return None


def _is_head_count(head: Any) -> bool:
    """A subject that is only a number ("a hundred", "1,600 of them"), naming no one itself."""
    if head.pos_ != "NUM" and not (head.like_num and head.pos_ in {"NOUN", "PROPN"}):
        return False
    of = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    return all(o.lower_ in {"them", "those"} for o in of)


PLACE_WORDS = {"airfield", "base", "airbase", "camp", "facility", "installation", "airport", "port", "post",
               "outpost", "garrison", "barracks", "headquarters", "site", "position", "control"}


def _governing_subject(pronoun: Any, focus: str | None) -> Actor | None:
    """The coded subject of the clause that reports the pronoun's clause ("X said that it ...")."""
    clause = pronoun.head
    if clause.dep_ != "ccomp":
        return None
    subjects = [c for c in clause.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
    for subject in subjects:
        actor = actor_from_tokens(phrase_tokens(subject), focus_country=None)
        if actor is not None and actor.code:
            return actor
    return None


def named_subject(trigger: Any) -> Actor | None:
    """An uncoded actor from a nominal subject ("The service accused ..."), when there is one."""
    for head in subject_heads(trigger):
        if head.pos_ in {"NOUN", "PROPN"}:
            toks = phrase_tokens(head)
            return Actor(head.doc[toks[0].i : toks[-1].i + 1].text, None, None)
    return None


def sentence_actors(sent: Any, focus: str | None) -> list[Actor]:
    """Coded actors named as subjects in a sentence without triggers (for later references)."""
    found = []
    for tok in sent:
        if tok.dep_ in SUBJECT_DEPS and tok.pos_ in {"NOUN", "PROPN"}:
            actor = actor_from_tokens(phrase_tokens(tok), focus_country=focus)
            if actor and actor.code:
                found.append(actor)
    return found


def subject_heads(trigger: Any) -> list[Any]:
    tok = trigger
    for _ in range(5):
        if tok.pos_ == "NOUN":
            poss = [c for c in tok.children if c.dep_ in {"poss", "amod", "compound"}]
            of = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "by", "between"}
                  for o in c.children if o.dep_ == "pobj"]
            if tok.dep_ in {"dobj", "attr"} and of and not poss and not any(_may_act(o) for o in of):
                of = []  # "announced the termination of the cooperation": what ends, not who ends it
            if of or poss or tok.dep_ not in {"dobj", "attr"}:
                return of + poss
            if tok.head.lemma_.lower() in JUDGING_VERBS:
                return []  # "the government called the handover historic": who judges it did not do it
            tok = tok.head  # "held talks": the talkers are the subject of the light verb
            continue
        agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if agents:
            return agents
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subjects and all(s.dep_ == "nsubjpass" for s in subjects):
            # "The airfield was handed over from US forces": who handed it over is the actor.
            givers = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                      for o in c.children if o.dep_ == "pobj"]
            if givers and any(s.lemma_.lower() in PLACE_WORDS for s in subjects):
                return givers
        if subjects:
            return subjects
        if tok.dep_ in {"acl", "relcl"}:
            return [tok.head]
        if tok.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp"} and tok.head is not tok:
            tok = tok.head
            continue
        break
    return []


# Verbs that judge or name a happening: their subject is not the happening's actor.
JUDGING_VERBS = {"call", "describe", "welcome", "praise", "hail", "criticise", "criticize", "condemn", "mark",
                 "celebrate", "regret", "applaud", "slam", "decry", "question", "oppose", "view", "consider",
                 "term", "dub", "brand", "deplore", "lament", "characterise", "characterize"}


def _may_act(head: Any) -> bool:
    """A noun phrase that can name who acts ("military hardware", "Russian units", "1,600"): a
    force, a government, a named group, a count by its head; a country or group before it."""
    if head.lower_ in SECTOR_WORDS or head.lemma_.lower() in SECTOR_WORDS or head.pos_ in {"PROPN", "NUM", "PRON"}:
        return True
    words = [head, *(c for c in head.children if c.dep_ in {"amod", "compound", "nummod", "poss"})]
    return any(t.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} or t.lower_ in COUNTRY_WORDS for t in words)


def recipients_of(trigger: Any, focus: str | None, actors: list[Actor]) -> list[Actor]:
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
    objects += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"with", "to", "against", "on"}
                for o in c.children if o.dep_ == "pobj"]
    found: list[Actor] = []
    for obj in objects:
        actor = actor_from_tokens(phrase_tokens(obj), focus_country=focus)
        if actor and actor not in actors and actor not in found and actor.code:
            found.append(actor)
    return found


# Things that leave a base without the force leaving it (a convoy, a plane, a ship).
ASSET_HEADS = {"aircraft", "plane", "jet", "helicopter", "ship", "vessel", "frigate", "convoy", "column",
               "truck", "vehicle", "flight", "equipment", "cargo", "container", "launcher", "system",
               "battery", "tanker", "drone", "bomber", "fighter", "warship", "submarine", "corvette"}
# Transport that lands to carry things away: its arrival is no force arriving.
TRANSPORT_HEADS = {"aircraft", "plane", "jet", "ship", "vessel", "flight", "cargo", "tanker", "airlifter"}
FORCE_WORDS = {"all", "last", "remaining", "entire", "whole"}


def assets_only_move(trigger: Any, heads_of: set[str]) -> bool:
    """True when what moves is hardware, not the force itself ("the last troops" is the force)."""
    heads = subject_heads(trigger) or [c for c in trigger.children if c.dep_ == "dobj"]
    if not heads:
        return False
    for head in heads:
        words = {t.lower_ for t in head.subtree}
        if head.lemma_.lower() not in heads_of or words & FORCE_WORDS:
            return False
    return True
