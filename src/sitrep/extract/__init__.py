"""Extraction: spaCy pipeline and rules that turn a Report into Events (spaCy stays inside here)."""

from sitrep.extract.events import extract_events
from sitrep.extract.nlp import ModelMissing, load_nlp

__all__ = ["ModelMissing", "extract_events", "load_nlp"]
