"""Name folding so spelling variants meet: accents, ayin marks, "Al-", "Tal/Tell", "Jebel/Jabal", hyphens."""

from __future__ import annotations

import re
import unicodedata

_MARKS = str.maketrans({"‘": " ", "’": " ", "`": " ", "'": " ", "ʿ": " ", "ʾ": " ", "-": " ", ".": " ", "‐": " "})
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad) (?=\w)")
_INNER_ARTICLE = re.compile(r" (?:al|el|ad|ar|as|ash|at|az|an) (?=\w)")
_TELL = re.compile(r"\b(?:tal|tall|tell)\b")
_JABAL = re.compile(r"\b(?:jebel|djebel|jbel|jabel)\b")


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
