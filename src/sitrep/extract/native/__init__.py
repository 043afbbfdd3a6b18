"""The native route for reports in French, Russian, Ukrainian and Arabic (docs/languages.md):
lexicons and native-script place names instead of the English spaCy pipeline, the same Event
records out."""

from sitrep.extract.native.events import extract_native_events
from sitrep.extract.native.lexicons import LEXICONS, Lexicon

NATIVE_LANGUAGES = frozenset(LEXICONS)

__all__ = ["LEXICONS", "NATIVE_LANGUAGES", "Lexicon", "extract_native_events"]
