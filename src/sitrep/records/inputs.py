"""Records of what goes in and how it went: input files and their kinds, per-run defaults, skipped
inputs with their reason, and the ingest tally."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class ReportDefaults:
    """Values given on the command line; they apply to every report of the run."""

    published: datetime.date | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class TextFile:
    """A plain-text file as read for geoparsing (UTF-8; offsets index this text)."""

    path: str
    text: str


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    origin: str
    reason: str


class InputKind(StrEnum):
    """What an input file holds, decided once by `sitrep.sources.kinds.input_kind`."""

    TEXT = "text"  # a report (txt, md, html, feed, jsonl): the text pipeline
    IMAGERY = "imagery"  # satellite-imagery observations (GeoJSON or CSV)
    STATES = "states"  # OpenSky state vectors
    FLIGHTS = "flights"  # a flight list
    REGISTRY = "registry"  # an aircraft registry (types and operators by transponder address)
    TRACE = "trace"  # an ADS-B Exchange trace JSON (one aircraft's positions)
    FOOTAGE = "footage"  # a geolocated-footage map: KML/KMZ, Eyes on Russia GeoJSON, timemap JSON
    ACLED = "acled"  # an ACLED CSV export
    UCDP = "ucdp"  # a UCDP GED CSV (with or without its header)
    FIRMS = "firms"  # NASA FIRMS thermal detections (VIIRS or MODIS CSV)
    AIS_NMEA = "ais-nmea"  # AIS sentences (!AIVDM/!AIVDO)
    AIS_DMA = "ais-dma"  # the Danish Maritime Authority's AIS CSV


FLIGHT_KINDS = frozenset({InputKind.STATES, InputKind.FLIGHTS, InputKind.REGISTRY, InputKind.TRACE})
OSINT_KINDS = frozenset({InputKind.FOOTAGE, InputKind.ACLED, InputKind.UCDP, InputKind.FIRMS})
SHIP_KINDS = frozenset({InputKind.AIS_NMEA, InputKind.AIS_DMA})


@dataclass(frozen=True)
class InputFile:
    path: Path
    kind: InputKind


@dataclass
class IngestSummary:
    """What an ingest stored: text reports, imagery and flight evidence alike."""

    stored: int = 0
    events: int = 0
    already: int = 0
    skipped: int = 0
    movements: int = 0  # new flight movements (landings, take-offs)
    movements_known: int = 0  # movements already stored by an earlier run
    evidence: int = 0  # new evidence records (footage, dataset rows, detections, ship calls)
    evidence_known: int = 0  # evidence records already stored by an earlier run
    interrupted: bool = False
    undated: list[str] = field(default_factory=list)  # reports stored without a publication day

    def add(self, other: IngestSummary) -> None:
        """Adds another part's tally (an imagery or flight file) to this run's."""
        for name in ("stored", "events", "already", "skipped", "movements", "movements_known", "evidence",
                     "evidence_known"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def ok(self) -> bool:
        """True when anything could be ingested (new or already stored)."""
        return (self.stored + self.already + self.movements + self.movements_known + self.evidence
                + self.evidence_known) > 0
