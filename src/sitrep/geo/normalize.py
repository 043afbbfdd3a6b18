"""Name folding so spelling variants meet: accents, ayin marks, "Al-", "Tal/Tell", "Jebel/Jabal", hyphens."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = str.maketrans({"‘": " ", "’": " ", "`": " ", "'": " ", "ʿ": " ", "ʾ": " ", "-": " ", ".": " ", "‐": " "})
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad) (?=\w)")
_INNER_ARTICLE = re.compile(r" (?:al|el|ad|ar|as|ash|at|az|an) (?=\w)")
_TELL = re.compile(r"\b(?:tal|tall|tell)\b")
_JABAL = re.compile(r"\b(?:jebel|djebel|jbel|jabel)\b")


@lru_cache(maxsize=1 << 16)  # the same names recur in every report
def fold_name(name: str) -> str:
    """A matching key: 'Al-Qāmishlī' -> 'qamishli', 'Tall as-Samn' -> 'tel samn'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_MARKS)
    text = " ".join(text.split())
    text = _ARTICLE.sub("", text)
    text = _INNER_ARTICLE.sub(" ", text)
    text = _TELL.sub("tel", text)
    text = _JABAL.sub("jabal", text)
    # Doubled vowels and 'kh'/'q' variants are frequent in transliteration; fold the common ones.
    text = text.replace("ou", "u").replace("ee", "i").replace("ei", "ei")
    return " ".join(text.split())


def is_latin(name: str) -> bool:
    """True when a name is written in Latin script (after stripping accents)."""
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "‘’ʿʾ" for ch in folded)


# Arabic: short vowels, shadda, sukun, superscript alef and tatweel carry no identity in names.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
# Russian and Ukrainian case endings, longest first; a stem keeps at least three letters so
# "Гао" stays whole. Lemmatising would be exact; stripping meets the same key from both sides.
_CYRILLIC_ENDINGS = tuple(sorted((
    "ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ах", "ях", "ам", "ям", "ую", "юю",
    "ая", "яя", "ые", "ие", "ый", "ий", "ия", "ии", "ию", "ией", "ию", "ії", "ію", "ія", "ією", "ою", "ею",
    "ів", "ові", "еві", "ы", "и", "і", "а", "я", "у", "ю", "е", "о", "ь", "й",
), key=len, reverse=True))


@lru_cache(maxsize=65536)
def fold_arabic(word: str) -> str:
    """An Arabic word without diacritics, with أإآ→ا, ة→ه, ى→ي and no leading article ال."""
    text = _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
    return text[2:] if text.startswith("ال") and len(text) > 4 else text


@lru_cache(maxsize=65536)
def stem_cyrillic(word: str) -> str:
    """A Russian/Ukrainian word in lower case without its case ending: 'Хмеймиме' -> 'хмеймим'."""
    text = word.lower().replace("ё", "е").replace("’", "").replace("'", "")
    for ending in _CYRILLIC_ENDINGS:
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            return text[: -len(ending)]
    return text


def is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def fold_native(name: str) -> str:
    """A matching key for a name in any of sitrep's scripts: Arabic folded word by word, Cyrillic
    stemmed word by word, Latin through `fold_name` (accents, elision, "Al-")."""
    words = re.findall(r"\w+", _ARABIC_MARKS.sub("", name).replace("’", "'"))
    if any(is_arabic(w) for w in words):
        return " ".join(fold_arabic(w) for w in words)
    if any(is_cyrillic(w) for w in words):
        return " ".join(stem_cyrillic(w) for w in words)
    return fold_name(re.sub(r"\b(?:d|l|qu)['’]", "", name, flags=re.I))
