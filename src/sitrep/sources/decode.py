"""Byte-level guards shared by the readers: binary sniffing, encoding detection, metadata dates."""

from __future__ import annotations

from datetime import date, datetime

import charset_normalizer


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold NULs or mostly control characters (images, archives, PDFs)."""
    head = data[:8192]
    if utf16_order(head):
        return False  # UTF-16: half its bytes are NULs by design
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.1


def utf16_order(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 text, with a byte-order mark or without one (then
    nearly every high byte of Latin, Cyrillic or Arabic text is 0 or one script's page); else None."""
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be"
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    for order, low, high in (("utf-16-le", even, odd), ("utf-16-be", odd, even)):
        # Text in one script: the high bytes take one or two values (0 for ASCII, the script's
        # page), the low bytes vary, and no low byte is NUL.
        if b"\x00" not in low and high.count(0) >= pairs * 0.3 and len(set(high)) <= 3:
            try:
                head[: 2 * pairs].decode(order)
            except UnicodeDecodeError:
                continue
            return order
    return None


def decode_bytes(data: bytes) -> str | None:
    """Decodes UTF-16 (with or without BOM), UTF-8 (with or without BOM), else the best detected
    encoding; None when hopeless."""
    order = utf16_order(data[:8192])  # before UTF-8: ASCII in UTF-16 is valid UTF-8 with NULs
    if order:
        try:
            return data.decode(order).removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    western = _decode_western(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


_WESTERN_EXTRA = set("‘’‚“”„–—…€•™ŠšŽžŒœŸ")


def _decode_western(data: bytes) -> str | None:
    """Windows-1252/Latin-1 text, when every non-ASCII character is a Western letter or quote.

    Charset detectors guess badly on short single-byte texts (cp775 for French), and
    Western European text is by far the most common non-UTF-8 input; other scripts fall through.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    for ch in text:
        if ord(ch) < 128:
            continue
        if not ("\u00c0" <= ch <= "\u00ff" or "\u00a0" <= ch <= "\u00bf" or ch in _WESTERN_EXTRA):
            return None
    return text


def parse_metadata_date(value: object) -> date | None:
    """A publication date from metadata (ISO date or datetime string); None when absent or bad."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow import, only for unusual formats

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None
