"""Writes three illustrative community-format samples into src/sitrep/data/samples/ (CC0, written
for sitrep): a FIRMS MODIS CSV, a Danish Maritime Authority-layout AIS CSV and an ADS-B Exchange
trace. They follow the broad lines of public reporting of December 2024 - January 2025 (fires at
the Tartus naval facility after the strikes of 16 December, Russian cargo ships calling at Tartus,
Il-76 transports at Hmeimim); positions, times and MMSIs are invented. Run from the repository root:

    python benchmarks/osint_samples.py
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

SAMPLES = Path("src/sitrep/data/samples")
TARTUS = (34.9150, 35.8750)
HMEIMIM = (35.4011, 35.9487)

MODIS_COLUMNS = ["latitude", "longitude", "brightness", "scan", "track", "acq_date", "acq_time", "satellite",
                 "confidence", "version", "bright_t31", "frp", "daynight"]
DMA_COLUMNS = ["# Timestamp", "Type of mobile", "MMSI", "Latitude", "Longitude", "Navigational status", "ROT", "SOG",
               "COG", "Heading", "IMO", "Callsign", "Name", "Ship type", "Cargo type", "Width", "Length",
               "Type of position fixing device", "Draught", "Destination", "ETA", "Data source type", "A", "B",
               "C", "D"]


def modis_rows() -> list[list[str]]:
    """Terra and Aqua detections over the Tartus facility on 16 December, one with acq_time "845"
    (a spreadsheet dropped its leading zero), and one over farmland far from any site (filtered)."""
    rows = [
        (34.9141, 35.8762, 338.6, "2024-12-16", "0845", "Terra", 82, 296.1, 41.7, "D"),
        (34.9163, 35.8731, 329.9, "2024-12-16", "845", "Terra", 71, 294.8, 22.5, "D"),
        (34.9128, 35.8779, 316.2, "2024-12-16", "1055", "Aqua", 64, 297.3, 12.9, "D"),
        (34.9155, 35.8748, 309.4, "2024-12-16", "2305", "Aqua", 58, 285.0, 8.4, "N"),
        (35.2210, 36.4480, 312.0, "2024-12-16", "1055", "Aqua", 49, 298.2, 6.1, "D"),
    ]
    return [[f"{lat:.4f}", f"{lon:.4f}", f"{b:.1f}", "1.0", "1.0", day, t, sat, str(conf), "6.1NRT", f"{b31:.1f}",
             f"{frp:.1f}", dn] for lat, lon, b, day, t, sat, conf, b31, frp, dn in rows]


def _leg(start: datetime, a: tuple[float, float], b: tuple[float, float], steps: int, minutes: int
         ) -> list[tuple[datetime, float, float]]:
    return [(start + timedelta(minutes=minutes * k), a[0] + (b[0] - a[0]) * k / (steps - 1),
             a[1] + (b[1] - a[1]) * k / (steps - 1)) for k in range(steps)]


def dma_rows() -> list[list[str]]:
    """A cargo ship of the Syrian Express run comes in from the sea to the Tartus facility on 20
    January 2025 and sails two days later; a position-less row (91/181) is dropped by the reader."""
    offshore = (34.9600, 35.6200)
    track = _leg(datetime(2025, 1, 20, 4, 0), offshore, TARTUS, 8, 30)
    track += _leg(datetime(2025, 1, 20, 8, 0), TARTUS, TARTUS, 3, 240)
    track += _leg(datetime(2025, 1, 22, 17, 0), TARTUS, offshore, 8, 30)
    rows = []
    for at, lat, lon in track:
        moored = (lat, lon) == TARTUS
        rows.append([at.strftime("%d/%m/%Y %H:%M:%S"), "Class A", "273990411", f"{lat:.4f}", f"{lon:.4f}",
                     "Moored" if moored else "Under way using engine", "0", "0.0" if moored else "11.5", "95",
                     "95", "Unknown", "UBZZ7", "SPARTA IV", "Cargo", "", "18", "130", "GPS", "6.1", "TARTUS", "",
                     "AIS", "", "", "", ""])
    rows.insert(5, ["20/01/2025 06:10:00", "Class A", "273990411", "91", "181", "Under way using engine", "0",
                    "11.5", "95", "95", "Unknown", "UBZZ7", "SPARTA IV", "Cargo", "", "18", "130", "GPS", "6.1",
                    "TARTUS", "", "AIS", "", "", "", ""])
    return rows


def adsbx_trace() -> dict[str, object]:
    """An Il-76 of the sample aircraft table descends onto Hmeimim on 21 December 2024, stands on
    the apron for about two hours and takes off northwards (readsb trace_full layout)."""
    start = datetime(2024, 12, 21, 9, 0, tzinfo=UTC)
    rows: list[list[object]] = []
    for k in range(12):  # approach from the south, 3,000 ft down to the runway
        rows.append([30.0 * k, round(HMEIMIM[0] - 0.2 + 0.0182 * k, 4), HMEIMIM[1], max(0, 3000 - 270 * k),
                     150 - 7 * k, 0.0, 0, -600, {"flight": "RFF7417 "} if k == 0 else None, "adsb_icao", None])
    for k in range(5):  # on the ground: taxi, then parked
        rows.append([360.0 + 1500.0 * k, HMEIMIM[0], HMEIMIM[1], "ground", 8 if k == 0 else 0, 0.0, 0, 0, None,
                     "adsb_icao", None])
    for k in range(12):  # take-off and climb to the north
        rows.append([6600.0 + 30.0 * k, round(HMEIMIM[0] + 0.0182 * k, 4), HMEIMIM[1], 300 * (k + 1), 140 + 6 * k,
                     0.0, 0, 1500, None, "adsb_icao", None])
    return {"icao": "15a1a8", "r": "", "t": "IL76", "timestamp": int(start.timestamp()), "trace": rows}


def main() -> None:
    with (SAMPLES / "osint" / "firms_modis_syria.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MODIS_COLUMNS)
        writer.writerows(modis_rows())
    with (SAMPLES / "osint" / "tartus_dma.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(DMA_COLUMNS)
        writer.writerows(dma_rows())
    (SAMPLES / "flights" / "adsbx_il76_hmeimim.json").write_text(json.dumps(adsbx_trace()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
