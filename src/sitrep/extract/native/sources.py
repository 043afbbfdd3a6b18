"""Attribution in the native route: who says so, per language. A cue word names the kind of
source and gives the English name the record shows ("l'état-major tchadien" -> official,
"general staff (Chad)"), so records compare across languages; the original words stay in the
event's sentence. A speaker noun (official, resident, outlet) counts only in a sentence that
reports speech ("selon", "по словам", "بحسب", "a annoncé"): in "la base a été remise à l'armée
tchadienne" the army receives the base, it says nothing. Imagery, observatories and flight
tracking need no verb ("des images satellites montrent", "selon des données de suivi").
"""

from __future__ import annotations

from sitrep.extract.native.forces import force_name
from sitrep.extract.native.words import Sentence, fold_phrase
from sitrep.records import Attribution

Cue = tuple[str, str, str]  # (stem, kind, English name)
SPEAKERS = {"official", "sighting", "media"}  # kinds that need a verb of speech in the sentence
QUALIFIED = {"official", "observatory"}  # kinds named with their state: "ministry (Russia)"


def _cues(rows: str) -> tuple[Cue, ...]:
    """'stem/kind/name; ...' -> cues, in order: the first one found in a sentence wins."""
    out = []
    for row in rows.split(";"):
        stem, kind, name = (part.strip() for part in row.split("/"))
        out.append((stem, kind, name))
    return tuple(out)


# Order: observatories, flight tracking and imagery; named speakers; witnesses; outlets; last the
# generic words (statement, army, authorities) that name a source only when nothing better does.
CUES = {
    "fr": _cues("observatoire/observatory/observatory; suivi des vols/flight-tracking/flight-tracking data;"
                "sites de suivi/flight-tracking/flight-tracking sites; flightradar/flight-tracking/Flightradar24;"
                "satellit/imagery/satellite imagery; maxar/imagery/Maxar; planet labs/imagery/Planet Labs;"
                "images/imagery/imagery; porte-parole/official/spokesperson; ministère/official/ministry;"
                "ministre/official/minister; état-major/official/general staff; présidence/official/presidency;"
                "ambassade/official/embassy; renseignement/official/intelligence; responsable/official/official;"
                "commandant/official/commander; gouvernement/official/government; source sécuritaire/official/security source;"
                "sources sécuritaires/official/security sources; habitant/sighting/residents; témoin/sighting/witnesses;"
                "riverain/sighting/residents; sources locales/sighting/local sources; docker/sighting/dock workers;"
                "ouvrier/sighting/workers; correspondant/media/correspondent;"
                "télévision/media/television; agence/media/news agency; journal/media/newspaper; média/media/media;"
                "radio/media/radio; chaîne/media/TV channel; communiqué/official/statement; armée/official/army;"
                "autorités/official/authorities"),
    "ru": _cues("обсерватор/observatory/observatory; отслежив/flight-tracking/flight-tracking data;"
                "flightradar/flight-tracking/Flightradar24; спутник/imagery/satellite imagery; maxar/imagery/Maxar;"
                "снимк/imagery/imagery; пресс-секретар/official/spokesperson; министерств/official/ministry;"
                "минобороны/official/defence ministry; министр/official/minister; генштаб/official/general staff;"
                "генеральный штаб/official/general staff; командован/official/command; командующ/official/commander;"
                "правительств/official/government; посольств/official/embassy; разведк/official/intelligence;"
                "представител/official/representative; чиновник/official/official; официальн/official/official;"
                "кремл/official/Kremlin; жител/sighting/residents; очевид/sighting/witnesses; свидетел/sighting/witnesses;"
                "местные источники/sighting/local sources; рабочи/sighting/workers; корреспондент/media/correspondent; телевиден/media/television;"
                "телеканал/media/TV channel; радио/media/radio; агентств/media/news agency; газет/media/newspaper; сми/media/media;"
                "издани/media/outlet; заявлени/official/statement; источник/official/source; армии/official/army; власт/official/authorities"),
    "uk": _cues("обсерватор/observatory/observatory; відстежен/flight-tracking/flight-tracking data;"
                "flightradar/flight-tracking/Flightradar24; супутник/imagery/satellite imagery; maxar/imagery/Maxar;"
                "знімк/imagery/imagery; речни/official/spokesperson; міністерств/official/ministry;"
                "міноборони/official/defence ministry; міністр/official/minister; генштаб/official/general staff;"
                "генеральний штаб/official/general staff; командуван/official/command; командувач/official/commander;"
                "уряд/official/government; посольств/official/embassy; розвід/official/intelligence;"
                "гур/official/military intelligence; представни/official/representative; посадов/official/official;"
                "офіційн/official/official; кремл/official/Kremlin; жител/sighting/residents; мешкан/sighting/residents;"
                "очевид/sighting/witnesses; свідк/sighting/witnesses; місцеві джерела/sighting/local sources; робітник/sighting/workers;"
                "кореспондент/media/correspondent; телебачен/media/television; телеканал/media/TV channel; радіо/media/radio;"
                "агенці/media/news agency; газет/media/newspaper; змі/media/media; видання/media/outlet;"
                "заяв/official/statement; джерел/official/source; армі/official/army; влада/official/authorities; владі/official/authorities"),
    "ar": _cues("مرصد/observatory/observatory; تتبع الرحلات/flight-tracking/flight-tracking data;"
                "تتبع/flight-tracking/flight tracking; صور الاقمار/imagery/satellite imagery; اقمار/imagery/satellite imagery;"
                "ماكسار/imagery/Maxar; صور/imagery/imagery; متحدث/official/spokesperson; وزاره/official/ministry;"
                "وزير/official/minister; هيئه الاركان/official/general staff; اركان/official/general staff;"
                "قياده/official/command; قائد/official/commander; حكومه/official/government; رئاسه/official/presidency;"
                "سفاره/official/embassy; استخبارات/official/intelligence; مسؤول/official/official;"
                "مصدر عسكري/official/military source; مصادر عسكريه/official/military sources; مصدر امني/official/security source; سكان/sighting/residents;"
                "شهود/sighting/witnesses; اهالي/sighting/residents; مصادر محليه/sighting/local sources; عمال/sighting/workers;"
                "مراسل/media/correspondent; تلفزيون/media/television; قناه/media/TV channel; اذاعه/media/radio; وكاله/media/news agency;"
                "صحيفه/media/newspaper; وسائل الاعلام/media/media; بيان/official/statement; جيش/official/army;"
                "سلطات/official/authorities"),
}

# Verbs and phrases of reported speech (stems, prefix-matched; phrases as folded words).
SPEECH = {
    "fr": ("selon", "d' après", "annonc", "indiqu", "déclar", "affirm", "précis", "rapport", "racont", "confirm",
           "assur", "communiqué", "dit", "estim", "signal", "montr", "révél", "fait savoir", "publi", "expliqu"),
    "ru": ("по словам", "по данным", "по информации", "сообщ", "заяв", "говорится", "рассказ", "объяв", "подтверд",
           "уточн", "отмет", "передает", "согласно", "следует из", "показыва", "свидетельству", "утвержда", "информир"),
    "uk": ("за словами", "за даними", "за інформацією", "повідом", "заяв", "йдеться", "розпов", "оголос",
           "підтверд", "уточн", "зазнач", "згідно", "свідчать", "показу", "стверджу", "інформу"),
    "ar": ("بحسب", "حسب", "وفق", "وفقا", "قال", "قالت", "افاد", "افادت", "اعلن", "اعلنت", "ذكر", "ذكرت", "اكد", "اكدت",
           "اوضح", "اوضحت", "نقلا", "اظهر", "تظهر", "كشف", "صرح", "اشار", "اشارت"),
}


def sentence_attribution(sentence: Sentence, language: str, actors: list[tuple[int, str, str]]
                         ) -> Attribution | None:
    """The source a sentence names, its kind and English name (qualified by the state of a force
    word beside it: "ministry (Russia)"), or None."""
    speech = _has_speech(sentence, language)
    for stem, kind, name in CUES[language]:
        if kind in SPEAKERS and not speech:
            continue
        at = _find(sentence, fold_phrase(stem, language))
        if at is None:
            continue
        state = _state_beside(sentence, at, at + len(stem.split()) - 1, actors) if kind in QUALIFIED else None
        source = f"{name} ({force_name(state)})" if state else name
        return Attribution(source=source, kind=kind, provider=source)
    return None


def _state_beside(sentence: Sentence, first: int, last: int, actors: list[tuple[int, str, str]]) -> str | None:
    """The state of a force word right before or within two words after the cue, in the same
    phrase ("le ministère russe de la Défense", "المرصد السوري"; not across a comma)."""
    tokens = sentence.tokens
    for where, code, _ in actors:
        if len(code) != 3 or not first - 1 <= where <= last + 2:
            continue
        left, right = sorted((tokens[where], tokens[first if where < first else last]), key=lambda t: t.start)
        if "," not in sentence.text[left.end - sentence.start:right.start - sentence.start]:
            return code
    return None


def _has_speech(sentence: Sentence, language: str) -> bool:
    return any(_find(sentence, fold_phrase(marker, language)) is not None for marker in SPEECH[language])


def _find(sentence: Sentence, words: tuple[str, ...]) -> int | None:
    """Index of the first token run whose forms begin with the words in turn (short words whole)."""
    tokens = sentence.tokens
    for at in range(len(tokens) - len(words) + 1):
        if all(any(f.startswith(w) if len(w) > 3 else f == w for f in tokens[at + i].forms)
               for i, w in enumerate(words)):
            return at
    return None


_YESTERDAY = {"hier", "вчера", "вчора", "учора", "امس"}
_THAT = {"que", "qu'", "что", "що", "ان", "إن", "أن"}  # a clause of what was said begins


def statement_days_masked(sentence: Sentence, weekdays: dict[str, int], language: str) -> str:
    """The sentence's text with the days that date a statement, not the event, blanked: a weekday
    or "yesterday" right before a verb of speech or just after it in the same clause ("a affirmé
    mercredi l'état-major", "заявил в среду Генштаб", "أعلنت هيئة الأركان الأربعاء")."""
    tokens = sentence.tokens
    markers = tuple(fold_phrase(m, language)[0] for m in SPEECH[language] if " " not in m)
    speech = [at for at, t in enumerate(tokens) if any(f.startswith(m) if len(m) > 3 else f == m
                                                      for f in t.forms for m in markers)]
    if not speech:
        return sentence.text
    days = tuple(fold_phrase(stem, language)[0] for stem in weekdays)
    text = list(sentence.text)
    for at, token in enumerate(tokens):
        if not (token.forms[0] in _YESTERDAY or any(f.startswith(days) for f in token.forms)):
            continue
        if any((0 < at - s <= 4 or 0 < s - at <= 2) and _one_clause(sentence, min(at, s), max(at, s)) for s in speech):
            text[token.start - sentence.start:token.end - sentence.start] = " " * (token.end - token.start)
    return "".join(text)


def _one_clause(sentence: Sentence, first: int, last: int) -> bool:
    tokens = sentence.tokens
    between = sentence.text[tokens[first].end - sentence.start:tokens[last].start - sentence.start]
    return "," not in between and "،" not in between and not any(t.forms[0] in _THAT for t in tokens[first + 1:last])
