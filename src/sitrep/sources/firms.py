"""NASA FIRMS thermal-anomaly CSV (VIIRS 375 m and MODIS 1 km) -> Evidence of kind `thermal`.

VIIRS files carry `bright_ti4`/`bright_ti5` and a confidence of l/n/h; MODIS files `brightness`/
`bright_t31` and a confidence of 0-100. `acq_time` is HHMM UTC, but spreadsheets turn it into a
number and drop its leading zeros ("5" is 00:05, "130" is 01:30). Only the detections `keep`
accepts (near a site) become records: a global day holds hundreds of thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path

from sitrep.records import Evidence, EvidenceLayer, Skipped, evidence_id
from sitrep.sources.csvrecords import CsvLayout, read_csv_records
from sitrep.sources.fields import BadField, number, parse_moment, point
from sitrep.sources.flights import ReadStats

REQUIRED = ("latitude", "longitude", "acq_date", "acq_time")
VIIRS_MARKS = ("bright_ti4", "bright_ti5")
MODIS_MARKS = ("brightness", "bright_t31")
SATELLITES = {"N": "Suomi NPP", "1": "NOAA-20", "N20": "NOAA-20", "N21": "NOAA-21", "2": "NOAA-21",
              "T": "Terra", "A": "Aqua", "TERRA": "Terra", "AQUA": "Aqua"}
VIIRS_CONFIDENCE = {"l": "low", "n": "nominal", "h": "high", "low": "low", "nominal": "nominal", "high": "high"}


def is_firms_csv(header: Sequence[str]) -> bool:
    """True for a FIRMS header (VIIRS or MODIS): coordinates, acquisition day and time, a brightness."""
    names = {h.strip().lower() for h in header}
    return set(REQUIRED) <= names and bool(names & {*VIIRS_MARKS, *MODIS_MARKS})


def read_firms(path: Path, *, keep: Callable[[float, float], bool] | None = None,
               stats: ReadStats | None = None, max_errors: int = 20) -> Iterator[Evidence | Skipped]:
    """The detections of a FIRMS CSV that `keep(lat, lon)` accepts; a bad row is skipped naming
    its field, the rest read."""
    origin = str(path)

    def layout(header: list[str]) -> CsvLayout[Evidence] | None:
        if not is_firms_csv(header):
            return None
        index = {h.strip().lower(): i for i, h in enumerate(header)}
        instrument = "VIIRS" if any(m in index for m in VIIRS_MARKS) else "MODIS"

        def build(row: list[str], line: int) -> Evidence | None:
            lat, lon = point(row[index["latitude"]], row[index["longitude"]])
            if keep is not None and not keep(lat, lon):
                return None
            return _detection(row, index, lat, lon, f"FIRMS {instrument}", instrument, f"{origin}#row-{line}")

        return CsvLayout(len(header), build)

    return read_csv_records(path, layout, stats=stats, max_errors=max_errors,
                            refusal="not a FIRMS CSV: the header needs latitude, longitude, acq_date, "
                                    "acq_time and bright_ti4 (VIIRS) or brightness (MODIS)")


def acq_hhmm(value: str) -> tuple[int, int]:
    """(hour, minute) of an `acq_time`, also when leading zeros were lost ("5" -> 00:05) or it
    was written with a colon ("01:30")."""
    text = value.strip().replace(":", "")
    if not text.isdigit() or len(text) > 4:
        raise BadField("acq_time", f"{value.strip()[:20]!r} is not HHMM")
    hour, minute = divmod(int(text), 100)
    if hour > 23 or minute > 59:
        raise BadField("acq_time", f"{value.strip()!r} is not a time of day")
    return hour, minute


def _detection(row: list[str], index: dict[str, int], lat: float, lon: float, source: str,
               instrument: str, origin: str) -> Evidence:
    def get(name: str) -> str:
        i = index.get(name)
        return row[i].strip() if i is not None else ""

    hour, minute = acq_hhmm(get("acq_time"))
    at = parse_moment(get("acq_date"), "acq_date") + timedelta(hours=hour, minutes=minute)
    frp = number(get("frp"), "frp", 0, 100_000, required=False)
    bright = number(get("bright_ti4") or get("brightness"), "bright_ti4" if instrument == "VIIRS" else "brightness",
                    150, 600, required=False)
    raw_conf = get("confidence")
    if instrument == "VIIRS":
        confidence: str | float | None = VIIRS_CONFIDENCE.get(raw_conf.lower()) if raw_conf else None
        if raw_conf and confidence is None:
            raise BadField("confidence", f"{raw_conf[:20]!r} is not l, n or h")
    else:
        confidence = number(raw_conf, "confidence", 0, 100, required=False)
    satellite = SATELLITES.get(get("satellite").upper(), get("satellite") or None)
    details = {"instrument": instrument, "satellite": satellite, "frp_mw": frp, "brightness_k": bright,
               "confidence": confidence, "daynight": get("daynight") or None}
    return Evidence(
        id=evidence_id("thermal", "FIRMS", f"{lat:.5f}", f"{lon:.5f}", at.isoformat(), instrument, satellite),
        kind=EvidenceLayer.THERMAL, at=at, lat=lat, lon=lon, source=source, origin=origin,
        title=f"{instrument} thermal anomaly" + (f", {frp:g} MW" if frp is not None else ""),
        details={k: v for k, v in details.items() if v is not None})
