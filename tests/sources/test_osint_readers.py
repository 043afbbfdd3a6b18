"""Quirks of the community formats (issue 20): FIRMS acq_time without leading zeros and VIIRS vs
MODIS columns, ACLED's 31 columns, UCDP GED with and without a header, KMZ zips, GeoJSON and
timemap variants, multi-sentence AIS messages, the DMA CSV layout, ADS-B Exchange traces."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import Evidence, InputKind, ShipPosition, Skipped, StateVector
from sitrep.sources.adsbx import read_adsbx_trace
from sitrep.sources.ais import read_dma, read_nmea
from sitrep.sources.datasets import ACLED_COLUMNS, acled_category, read_dataset
from sitrep.sources.fields import BadField
from sitrep.sources.firms import acq_hhmm, read_firms
from sitrep.sources.footage import read_footage
from sitrep.sources.kinds import input_kind

DATA = Path(__file__).resolve().parents[1] / "data" / "osint"


@pytest.mark.parametrize(("name", "kind"), [
    ("geoconfirmed.kml", InputKind.FOOTAGE), ("geoconfirmed.kmz", InputKind.FOOTAGE),
    ("eyes_on_russia.geojson", InputKind.FOOTAGE), ("timemap.json", InputKind.FOOTAGE),
    ("acled.csv", InputKind.ACLED), ("ged.csv", InputKind.UCDP), ("ged_noheader.csv", InputKind.UCDP),
    ("firms_viirs.csv", InputKind.FIRMS), ("firms_modis.csv", InputKind.FIRMS), ("tartus.nmea", InputKind.AIS_NMEA),
    ("tartus_dma.csv", InputKind.AIS_DMA), ("trace_full_154abc.json", InputKind.TRACE)])
def test_each_format_is_recognised(name: str, kind: InputKind) -> None:
    assert input_kind(DATA / name) == kind


def test_ais_sentences_in_a_txt_file_are_ais_and_prose_is_text(tmp_path: Path) -> None:
    (tmp_path / "log.txt").write_text((DATA / "tartus.nmea").read_text())
    (tmp_path / "report.txt").write_text("Ships left Tartus on Saturday.")
    assert input_kind(tmp_path / "log.txt") == InputKind.AIS_NMEA
    assert input_kind(tmp_path / "report.txt") == InputKind.TEXT


@pytest.mark.parametrize(("raw", "hhmm"), [("5", (0, 5)), ("45", (0, 45)), ("130", (1, 30)), ("0130", (1, 30)),
                                           ("2359", (23, 59)), ("01:30", (1, 30))])
def test_acq_time_without_leading_zeros(raw: str, hhmm: tuple[int, int]) -> None:
    assert acq_hhmm(raw) == hhmm


@pytest.mark.parametrize("raw", ["2400", "1260", "12345", "ab"])
def test_impossible_acq_times_are_refused(raw: str) -> None:
    with pytest.raises(BadField, match="acq_time"):
        acq_hhmm(raw)


def test_viirs_and_modis_columns_give_their_instrument_and_confidence() -> None:
    viirs = [x for x in read_firms(DATA / "firms_viirs.csv") if isinstance(x, Evidence)]
    modis = [x for x in read_firms(DATA / "firms_modis.csv") if isinstance(x, Evidence)]
    assert viirs[0].source == "FIRMS VIIRS" and viirs[0].details["confidence"] == "nominal"
    assert viirs[0].at.isoformat() == "2024-12-14T00:05:00+00:00"
    assert modis[0].source == "FIRMS MODIS" and modis[0].details["confidence"] == 78.0
    assert modis[0].details["satellite"] == "Terra"


def test_firms_keep_drops_far_detections_before_building_them() -> None:
    kept = [x for x in read_firms(DATA / "firms_viirs.csv", keep=lambda lat, lon: lat > 30) if isinstance(x, Evidence)]
    assert len(kept) == 3 and all(e.lat > 30 for e in kept)


def test_acled_fixture_has_the_31_columns_and_maps_types_honestly() -> None:
    assert len(ACLED_COLUMNS) == 31
    assert (DATA / "acled.csv").read_text().splitlines()[0].split(",") == list(ACLED_COLUMNS)
    rows = [x for x in read_dataset(DATA / "acled.csv") if isinstance(x, Evidence)]
    assert [r.category for r in rows] == ["ASSAULT", "RETREAT", None]
    assert rows[1].at.date().isoformat() == "2024-12-15"  # "15 December 2024"
    assert acled_category("Strategic developments", "Other") is None


def test_ged_with_and_without_header_read_the_same_records() -> None:
    with_header = [x for x in read_dataset(DATA / "ged.csv") if isinstance(x, Evidence)]
    without = [x for x in read_dataset(DATA / "ged_noheader.csv") if isinstance(x, Evidence)]
    assert [e.id for e in with_header] == [e.id for e in without]
    assert without[1].details["type_of_violence"] == "one-sided" and without[1].details["date_end"] == "2024-12-16"


def test_kmz_reads_as_its_kml_with_links_and_folder() -> None:
    kml = [x for x in read_footage(DATA / "geoconfirmed.kml", max_bytes=1 << 20) if isinstance(x, Evidence)]
    kmz = [x for x in read_footage(DATA / "geoconfirmed.kmz", max_bytes=1 << 20) if isinstance(x, Evidence)]
    assert [e.id for e in kml] == [e.id for e in kmz] and len(kml) == 2
    assert kml[0].links == ("https://example.org/v/1001", "https://example.org/geo/1001")
    assert kml[0].record_id == "GC-1001" and kml[0].details == {"folder": "Syria"}
    assert kml[1].at.isoformat() == "2024-12-15T08:00:00+00:00"  # TimeStamp wins


def test_geojson_accepts_a_url_or_a_list_of_sources_and_day_first_dates() -> None:
    items = list(read_footage(DATA / "eyes_on_russia.geojson", max_bytes=1 << 20))
    ok = [x for x in items if isinstance(x, Evidence)]
    assert ok[0].links == ("https://example.org/eor/1",)
    assert ok[1].links == ("https://example.org/eor/2a", "https://example.org/eor/2b")
    assert ok[1].at.date().isoformat() == "2024-12-20"
    assert any(isinstance(x, Skipped) and "LineString is not a Point" in x.reason for x in items)


def test_timemap_dates_are_month_first_and_withheld_sources_are_marked() -> None:
    items = [x for x in read_footage(DATA / "timemap.json", max_bytes=1 << 20) if isinstance(x, Evidence)]
    assert items[0].at.isoformat() == "2024-12-14T10:30:00+00:00"
    assert items[1].links == () and items[1].details["sources_withheld"] is True


def test_multi_sentence_static_messages_name_the_ship() -> None:
    positions = [x for x in read_nmea(DATA / "tartus.nmea") if isinstance(x, ShipPosition)]
    sparta = [p for p in positions if p.mmsi == 273000001]
    assert sparta and all(p.name == "SPARTA IV" and p.ship_type == 70 for p in sparta)


def test_a_second_part_without_its_first_is_dropped(tmp_path: Path) -> None:
    lines = (DATA / "tartus.nmea").read_text().splitlines()
    (tmp_path / "x.nmea").write_text("\n".join(lines[1:]) + "\n")  # the type 5's first part is gone
    positions = [x for x in read_nmea(tmp_path / "x.nmea") if isinstance(x, ShipPosition)]
    assert positions and all(p.name is None for p in positions)


def test_dma_layout_day_first_and_no_position_rows() -> None:
    items = list(read_dma(DATA / "tartus_dma.csv"))
    pos = [x for x in items if isinstance(x, ShipPosition)]
    assert len(pos) == 2 and pos[0].ship_type == 35 and pos[0].name == "ADMIRAL GRIGOROVICH"
    assert [x.origin.rsplit("#", 1)[1] for x in items if isinstance(x, Skipped)] == ["row-5"]


def test_adsbx_trace_gives_state_vectors_with_ground_and_units() -> None:
    items = list(read_adsbx_trace(DATA / "trace_full_154abc.json", max_bytes=1 << 20))
    states = [x for x in items if isinstance(x, StateVector)]
    assert states[0].icao24 == "154abc" and states[0].callsign == "RFF7012"
    assert states[0].baroaltitude == pytest.approx(3000 * 0.3048) and states[-1].onground is True
    assert [x.origin.rsplit("#", 1)[1] for x in items if isinstance(x, Skipped)] == ["row-13"]
