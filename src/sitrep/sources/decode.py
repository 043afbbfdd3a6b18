"""Byte-level guards shared by the readers: binary sniffing, encoding detection, metadata dates."""

from __future__ import annotations

from datetime import date, datetime

import charset_normalizer


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold NULs or mostly control characters (images, archives, PDFs)."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > len(head) * 0.1


def decode_bytes(data: bytes) -> str | None:
    """Decodes UTF-8 (with or without BOM), else the best detected encoding; None when hopeless."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


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
