"""Checks a comment from the form or the JSON API: one clear message per field that is wrong."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

NAME_MAX = 80
EMAIL_MAX = 254
WEBSITE_MAX = 300
BODY_MAX = 5000

# Deliberately loose: a local part without spaces or quoting, a dotted domain (any script).
# Whether the address exists is unknowable here; it is never mailed.
EMAIL_RE = re.compile(r"^[^\s@<>()\[\],;:\"\\]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}$")
# Bidirectional overrides can make a name or a link read as something else.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class CommentInput:
    name: str
    email: str
    website: str | None
    body: str


def validate_comment(data: Mapping[str, object]) -> tuple[CommentInput | None, dict[str, str]]:
    """The cleaned comment, or None and a message per invalid field."""
    errors: dict[str, str] = {}
    name = _check(errors, "name", data.get("name"), _name)
    email = _check(errors, "email", data.get("email"), _email)
    website = _check(errors, "website", data.get("website"), _website)
    body = _check(errors, "body", data.get("body"), _body)
    if errors:
        return None, errors
    return CommentInput(name=name or "", email=email or "", website=website or None, body=body or ""), {}


def _check(errors: dict[str, str], field: str, value: object, rule: Callable[[str], str]) -> str | None:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = "This field must be text."
        return None
    try:
        return rule(value)
    except ValueError as err:
        errors[field] = str(err)
        return None


# Unicode categories never typed in a name, a comment or an address: controls (NUL...), lone
# surrogates (not text at all: they cannot be stored as UTF-8), unassigned and private-use code
# points; format characters (zero-width spaces and joiners) too where a name could hide in them.
NEVER = {"Cc", "Cs", "Cn", "Co"}


# Zero-width (non-)joiners spell Persian, Indic and emoji sequences: allowed between two letters.
JOINERS = "\u200c\u200d"


def _has_controls(text: str, allowed: str = "", *, invisible: bool = False) -> bool:
    banned = NEVER | {"Cf"} if invisible else NEVER
    for i, c in enumerate(text):
        if c in BIDI:
            return True
        if unicodedata.category(c) not in banned or c in allowed:
            continue
        joined = c in JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        if not joined:
            return True
    return False


def _name(value: str) -> str:
    name = unicodedata.normalize("NFC", value).strip()
    if not name:
        raise ValueError("Please enter your name.")
    if len(name) > NAME_MAX:
        raise ValueError(f"Your name is too long: at most {NAME_MAX} characters.")
    if _has_controls(name, invisible=True):
        raise ValueError("Your name contains control characters or invisible ones; please type it plainly.")
    return name


def _email(value: str) -> str:
    email = value.strip()
    if not email:
        raise ValueError("Please enter your email address (it is never published).")
    if len(email) > EMAIL_MAX:
        raise ValueError(f"This email address is too long: at most {EMAIL_MAX} characters.")
    if _has_controls(email, invisible=True) or not EMAIL_RE.match(email):
        raise ValueError("Please enter a valid email address, like name@example.org.")
    return email


def _website(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    if len(url) > WEBSITE_MAX:
        raise ValueError(f"This website address is too long: at most {WEBSITE_MAX} characters.")
    if ":" not in url.split("/", 1)[0]:
        url = "https://" + url  # "example.org/me": people rarely type the scheme
    if _has_controls(url, invisible=True) or any(c.isspace() for c in url):
        raise ValueError("Your website address contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok or len(url) > WEBSITE_MAX:
        raise ValueError("Your website must be an http:// or https:// address (at most 300 characters).")
    return url


def _body(value: str) -> str:
    body = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise ValueError("Please write a comment.")
    if len(body) > BODY_MAX:
        raise ValueError(f"Your comment is too long: at most {BODY_MAX:,} characters (this one has "
                         f"{len(body):,}).")
    if _has_controls(body, allowed="\n\t"):
        raise ValueError("Your comment contains control characters; please remove them.")
    return body
