"""Time expressions of French, Russian, Ukrainian and Arabic sentences, resolved against the
publication date as `extract/dates.py` does for English (ANNOTATION.md: "on Tuesday" is the latest
Tuesday on or before publication; "last week" its seven days).

dateparser 1.5 reads most of them in each language ("hier", "на прошлой неделе", "أمس", "минулого
тижня", "12 марта") but not a weekday with "last" in French, Russian or Arabic ("mardi dernier",
"в прошлый вторник", "الثلاثاء الماضي"), a bare Arabic or Ukrainian weekday ("يوم الخميس", "у четвер"),
nor the Levantine month names ("12 آذار"): those are resolved here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sitrep.extract.dates import ResolvedDate
from sitrep.extract.native.lexicons import Lexicon
from sitrep.extract.native.words import fold_phrase

_MONTHS = {
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
    "uk": "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня",
    "ar": "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
          "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول",
}
_LEVANTINE = {"كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
              "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12}
_RELATIVE = {
    "fr": r"avant-hier|hier|la semaine dernière|la semaine passée|le mois dernier|ce mois-ci|"
          r"il y a (?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+) jours|cette semaine",
    "ru": r"позавчера|вчера|на прошлой неделе|в прошлом месяце|(?:два|три|четыре|пять|шесть|семь|восемь|девять|десять|\d+) дн(?:я|ей) назад|на этой неделе",
    "uk": r"позавчора|вчора|учора|минулого тижня|минулого місяця|(?:два|три|чотири|п'ять|шість|сім|вісім|дев'ять|десять|\d+) дн(?:і|ів) тому|цього тижня",
    "ar": r"أول من أمس|اول من امس|أول أمس|اول امس|أمس|امس|الأسبوع الماضي|الاسبوع الماضي|الشهر الماضي|قبل (?:يومين|ثلاثة أيام|أربعة أيام|أيام)|هذا الأسبوع",
}
# Month names by number, the forms a month takes after "early/late" (genitive) and "in" (locative).
_MONTH_FORMS: dict[str, list[tuple[str, ...]]] = {
    "fr": [("janvier",), ("février", "fevrier"), ("mars",), ("avril",), ("mai",), ("juin",), ("juillet",),
           ("août", "aout"), ("septembre",), ("octobre",), ("novembre",), ("décembre", "decembre")],
    "ru": [("января", "январе", "январю"), ("февраля", "феврале", "февралю"), ("марта", "марте", "марту"),
           ("апреля", "апреле", "апрелю"), ("мая", "мае", "маю"), ("июня", "июне", "июню"), ("июля", "июле", "июлю"),
           ("августа", "августе", "августу"), ("сентября", "сентябре", "сентябрю"), ("октября", "октябре", "октябрю"),
           ("ноября", "ноябре", "ноябрю"), ("декабря", "декабре", "декабрю")],
    "uk": [("січня", "січні"), ("лютого", "лютому"), ("березня", "березні"), ("квітня", "квітні"),
           ("травня", "травні"), ("червня", "червні"), ("липня", "липні"), ("серпня", "серпні"),
           ("вересня", "вересні"), ("жовтня", "жовтні"), ("листопада", "листопаді"), ("грудня", "грудні")],
    "ar": [("يناير", "كانون الثاني"), ("فبراير", "شباط"), ("مارس", "آذار"), ("أبريل", "ابريل", "نيسان"),
           ("مايو", "أيار"), ("يونيو", "حزيران"), ("يوليو", "تموز"), ("أغسطس", "اغسطس", "آب"),
           ("سبتمبر", "أيلول"), ("أكتوبر", "اكتوبر", "تشرين الأول"), ("نوفمبر", "تشرين الثاني"),
           ("ديسمبر", "كانون الأول")],
}
# "early", "mid", "late" before a month, "in", and "by" (0: from publication to the month's end);
# the part of the month each names.
_MONTH_PARTS: dict[str, dict[str, tuple[int, int]]] = {
    "fr": {"début": (1, 10), "mi": (11, 20), "fin": (21, 31), "en": (1, 31), "courant": (1, 31), "pour": (1, 31), "d'ici": (0, 31)},
    "ru": {"в начале": (1, 10), "в середине": (11, 20), "в конце": (21, 31), "в": (1, 31), "к": (0, 31)},
    "uk": {"на початку": (1, 10), "в середині": (11, 20), "у середині": (11, 20), "наприкінці": (21, 31),
           "в кінці": (21, 31), "у": (1, 31), "в": (1, 31), "до": (0, 31)},
    "ar": {"مطلع": (1, 10), "أوائل": (1, 10), "بداية": (1, 10), "منتصف": (11, 20), "أواسط": (11, 20),
           "أواخر": (21, 31), "نهاية": (21, 31), "في": (1, 31), "بحلول": (0, 31)},
}
_DAYS_BACK = {"اول امس": 2, "اول من امس": 2, "قبل يومين": 2, "قبل ثلاثة ايام": 3, "قبل اربعة ايام": 4, "учора": 1}
_LAST = {"fr": r"dernier", "ru": r"прошл\w*", "uk": r"минул\w*", "ar": r"الماضي"}


def _patterns(language: str) -> re.Pattern[str]:
    months = _MONTHS[language]
    dated = rf"\b\d{{1,2}}(?:er)?\s+(?:{months})(?:\s+\d{{4}})?" if language != "ar" else \
        rf"\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{months})(?:\s*/\s*\w+)?(?:\s+\d{{4}})?"
    return re.compile(rf"(?P<dated>{dated})|(?P<relative>{_RELATIVE[language]})", re.I)


_COMPILED = {lang: _patterns(lang) for lang in _MONTHS}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def sentence_date(sentence: str, *, lexicon: Lexicon, published: date | None, future: bool = False
                  ) -> ResolvedDate | None:
    """The date a sentence's own time expression gives (the first found), or None."""
    text = sentence.translate(_DIGITS)
    found = _COMPILED[lexicon.language].search(text)
    if found is not None:
        return _resolve_expression(found, lexicon.language, published, future=future)
    return _month_date(text, lexicon.language, published, future=future) or \
        _weekday_date(text, lexicon, published, future=future)


def _month_date(text: str, language: str, published: date | None, *, future: bool) -> ResolvedDate | None:
    """"début juillet", "в конце ноября", "у січні", "مطلع يوليو": that part of the month, in the
    latest year that puts it on or before publication (after it for what is planned)."""
    if published is None:
        return None
    forms = {form: number for number, names in enumerate(_MONTH_FORMS[language], start=1) for form in names}
    parts = _MONTH_PARTS[language]
    pattern = (rf"(?<!\w)(?P<part>{'|'.join(sorted(parts, key=len, reverse=True))})[- ]+(?:شهر\s+)?"
               rf"(?P<month>{'|'.join(sorted(forms, key=len, reverse=True))})(?!\w)")
    found = re.search(pattern, text, re.I)
    if found is None:
        return None
    month = forms[found.group("month").lower()] if found.group("month").lower() in forms else forms[found.group("month")]
    first, last = parts[found.group("part").lower()] if found.group("part").lower() in parts else parts[found.group("part")]
    year = published.year
    if (future or first == 0) and month < published.month:
        year += 1
    elif not (future or first == 0) and month > published.month:
        year -= 1
    days = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    start = published if first == 0 else date(year, month, first)
    end = date(year, month, min(last, days))
    return ResolvedDate(start, end, "month" if (first, last) == (1, 31) else "day", found.group())


def _resolve_expression(found: re.Match[str], language: str, published: date | None, *, future: bool
                        ) -> ResolvedDate | None:
    expression = found.group()
    if found.group("dated") and language == "ar":
        for name, month in _LEVANTINE.items():
            if name in expression:
                day = int(re.match(r"\d+", expression).group())  # type: ignore[union-attr]
                year = re.search(r"\d{4}", expression)
                guess = date(int(year.group()) if year else (published or date.today()).year, month, day)
                if not year and published and guess > published and not future:
                    guess = guess.replace(year=guess.year - 1)
                return ResolvedDate(guess, None, "day", expression)
        expression = re.sub(r"\s*/\s*\w+", "", expression)
    if published is None and found.group("relative"):
        return None  # relative expressions need a publication date
    if found.group("relative") and published is not None:
        back = _DAYS_BACK.get(expression.lower().replace("أ", "ا"))
        if back is not None:  # what dateparser misreads: "أول أمس" (the day before yesterday), "учора"
            return ResolvedDate(published - timedelta(days=back), None, "day", expression)
    parsed = _parser(language, published or date(2000, 1, 1), "future" if future else "past").get_date_data(expression)
    if parsed is None or parsed.date_obj is None:
        return None
    start = parsed.date_obj.date()
    precision = parsed.period or "day"
    if published is not None and start > published and not future:
        return None
    end = start + timedelta(days=6) if precision == "week" else None
    return ResolvedDate(start, end, precision, expression)


def _weekday_date(text: str, lexicon: Lexicon, published: date | None, *, future: bool) -> ResolvedDate | None:
    """A weekday ("mardi", "во вторник", "يوم الخميس"): the latest one on or before publication, a
    week earlier with "last" on the same day; the next one for what is announced."""
    if published is None:
        return None
    words = [w for w in re.findall(r"\w+(?:['’]\w+)?", text)]
    folded = [fold_phrase(w, lexicon.language)[0] if w.strip() else w for w in words]
    for at, word in enumerate(folded):
        day = next((n for stem, n in _weekday_stems(lexicon).items() if word.startswith(stem)), None)
        if day is None:
            continue
        near = " ".join(words[max(0, at - 1): at + 2])
        last = re.search(_LAST[lexicon.language], near, re.I) is not None
        if future and not last:
            ahead = (day - published.weekday()) % 7 or 7
            return ResolvedDate(published + timedelta(days=ahead), None, "day", words[at])
        back = (published.weekday() - day) % 7
        if last and back == 0:
            back = 7
        return ResolvedDate(published - timedelta(days=back), None, "day", words[at])
    return None


def _weekday_stems(lexicon: Lexicon) -> dict[str, int]:
    return {fold_phrase(stem, lexicon.language)[0]: day for stem, day in lexicon.weekdays.items()}


@lru_cache(maxsize=64)
def _parser(language: str, base: date, prefer: str) -> Any:
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12, 0)}
    return DateDataParser(languages=[language], settings=settings)
