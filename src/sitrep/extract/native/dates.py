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
          r"il y a (?:deux|trois|quatre|cinq|\d+) jours|cette semaine",
    "ru": r"позавчера|вчера|на прошлой неделе|в прошлом месяце|(?:два|три|четыре|пять|\d+) дн(?:я|ей) назад|на этой неделе",
    "uk": r"позавчора|вчора|минулого тижня|минулого місяця|(?:два|три|чотири|п'ять|\d+) дн(?:і|ів) тому|цього тижня",
    "ar": r"أمس|امس|الأسبوع الماضي|الاسبوع الماضي|الشهر الماضي|قبل (?:يومين|ثلاثة أيام|أيام)|هذا الأسبوع",
}
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
    return _weekday_date(text, lexicon, published, future=future)


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
