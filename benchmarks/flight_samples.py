"""Writes the flight-track samples (src/sitrep/data/samples/flights/) from a fixed seed.

    .venv/bin/python benchmarks/flight_samples.py

The Syria case, 2024-11-14 .. 2025-01-05, generated from public facts and the text samples:
routine Russian Il-76/An-124 rotations at Hmeimim (about one visit every other day) and Qamishli,
civil Syrian Air flights until 8 December; an An-124 arriving at Hmeimim on 12 December (on the
apron in the 13 December imagery), a surge of Il-76 rotations on 13-16 December (several landing
over the weekend, at least two leaving on Sunday 15th); at Qamishli one Il-76 in on the 14th and
two take-offs over 14-15 December, the last aircraft out on Monday 16th; Il-76 shuttles between
Hmeimim and Al-Khadim (Libya) and two An-124s to Russia between 30 December and 4 January.
Tartus is a naval facility with no runway: ship traffic is out of scope.

Tracks keep the part of each flight within 60 km of Hmeimim or Qamishli (files stay small); some
flights are received down to the ground, others only above 300 m, as at remote fields. Addresses,
callsigns and registrations are invented: the Russian ones sit in the Russian address block
(14xxxx-15xxxx, believed to be Russia's allocation), the Syrian Air ones are arbitrary.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sitrep.bench.flightsim import HEADER, PROFILES, Coverage, Field, Plan, flight_path, merged_rows

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "samples" / "flights"
SEED = 20241215
# Runway axes are rounded from public charts and general knowledge; those marked ? are not confirmed.
HMEIMIM = Field("OSLK", 35.4011, 35.9487, 48.0, 174.0, 2800)  # runway 17/35
QAMISHLI = Field("OSKL", 37.0206, 41.1914, 451.0, 60.0, 3000)  # runway 06/24 ?
CHKALOVSKY = Field("UUMU", 55.8783, 38.0617, 152.0, 122.0, 4800)  # runway 12/30
MOZDOK = Field("", 43.79, 44.60, 150.0, 90.0, 3000)  # southern Russia; OpenSky often has no code for it
DAMASCUS = Field("OSDI", 33.4115, 36.5156, 616.0, 47.0, 3600)  # runways 05/23
AL_KHADIM = Field("HL59", 31.9985, 21.1918, 244.0, 150.0, 3000)  # runway axis ?
COVERED = ((HMEIMIM.lat, HMEIMIM.lon, 60.0), (QAMISHLI.lat, QAMISHLI.lon, 60.0))


class Fleet:
    """Invented airframes and callsigns; an airframe is not lent to two flights at once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = {"IL76": [f"15a{n:03x}" for n in range(0x200, 0x228)], "A124": [f"14f2{n:02x}" for n in range(0xd0, 0xd4)],
                      "A320": [f"778a{n:02x}" for n in range(0x30, 0x38)]}
        # The airframes of the surge legs, named in the schedule.
        self.types = {"15a1a0": "IL76", "15a1a1": "IL76", "15a1a8": "IL76", "15a1a9": "IL76", "14f2c1": "A124",
                      "14f2c7": "A124"}
        self.types.update({icao24: t for t, pool in self.pools.items() for icao24 in pool})
        self.busy: dict[str, float] = {}

    def pick(self, type_code: str, start: float) -> tuple[str, str]:
        free = [a for a in self.pools[type_code] if self.busy.get(a, 0.0) < start]
        icao24 = self.rng.choice(free)
        self.busy[icao24] = start + 14 * 3600  # long enough for a rotation and the flight home
        return icao24, self.callsign(type_code)

    def callsign(self, type_code: str) -> str:
        return f"SYR{self.rng.randint(100, 999)}" if type_code == "A320" else f"RFF{self.rng.randint(7000, 7999)}"


def at(day: date, hour: float) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() + hour * 3600


def leg(fleet: Fleet, rng: random.Random, type_code: str, dep: Field, arr: Field, when: float,
        icao24: str | None = None) -> Plan:
    ident, callsign = (icao24, fleet.callsign(type_code)) if icao24 else fleet.pick(type_code, when)
    wind = rng.random() < 0.7  # the prevailing runway direction most days
    return Plan(ident, callsign, PROFILES[type_code], dep, arr, when,
                dep.runway_heading if wind else (dep.runway_heading + 180) % 360,
                arr.runway_heading if wind else (arr.runway_heading + 180) % 360)


def visit(fleet: Fleet, rng: random.Random, site: Field, day: date, type_code: str = "IL76",
          hour: float | None = None, stay_h: float | None = None, home: Field | None = None) -> list[Plan]:
    """An aircraft flying in to a site and out again the same day (or the next)."""
    russia = [CHKALOVSKY, CHKALOVSKY, MOZDOK] + ([DAMASCUS] if day < date(2024, 12, 8) else [])
    home = home or rng.choice(russia if site is HMEIMIM else [HMEIMIM])
    inbound = leg(fleet, rng, type_code, home, site, at(day, hour if hour is not None else rng.uniform(2, 14)))
    landed = flight_path(inbound)[-1].t
    outbound = leg(fleet, rng, type_code, site, home, landed + 3600 * (stay_h or rng.uniform(1.5, 5)), inbound.icao24)
    return [inbound, outbound]


def schedule(rng: random.Random, fleet: Fleet) -> list[Plan]:
    """Routine traffic (scheduled rotations: at most one a day per route, not random bursts),
    then the surge and the shuttles."""
    plans: list[Plan] = []
    day = date(2024, 11, 14)
    while day <= date(2025, 1, 5):
        if day < date(2024, 12, 8):
            if rng.random() < 0.6:
                plans += visit(fleet, rng, HMEIMIM, day, "A124" if rng.random() < 0.15 else "IL76")
            if rng.random() < 0.25:
                plans += visit(fleet, rng, QAMISHLI, day)
            for site, rate in ((HMEIMIM, 0.4), (QAMISHLI, 0.5)):  # civil flights stop when Damascus falls
                if rng.random() < rate:
                    plans += visit(fleet, rng, site, day, "A320", home=DAMASCUS, stay_h=1.0)
        elif day < date(2024, 12, 12):
            for _ in range(rng.choice([1, 2])):
                plans += visit(fleet, rng, HMEIMIM, day)
            if rng.random() < 0.25:
                plans += visit(fleet, rng, QAMISHLI, day)
        elif date(2024, 12, 17) <= day <= date(2024, 12, 29):
            for _ in range(3 if day <= date(2024, 12, 19) else int(rng.random() < 0.8)):
                plans += visit(fleet, rng, HMEIMIM, day)
        day += timedelta(days=1)
    return plans + surge(rng, fleet) + shuttles(rng, fleet)


def surge(rng: random.Random, fleet: Fleet) -> list[Plan]:
    """12-16 December at Hmeimim and 14-16 December at Qamishli."""
    d12, d13, d14, d15, d16 = (date(2024, 12, n) for n in range(12, 17))
    plans = [leg(fleet, rng, "A124", CHKALOVSKY, HMEIMIM, at(d12, 3.0), "14f2c1"),
             leg(fleet, rng, "A124", HMEIMIM, CHKALOVSKY, at(d15, 9.5), "14f2c1"),
             leg(fleet, rng, "A124", CHKALOVSKY, HMEIMIM, at(d15, 1.0), "14f2c7")]
    plans += visit(fleet, rng, HMEIMIM, d12) + visit(fleet, rng, HMEIMIM, d12)
    for _ in range(3):
        plans += visit(fleet, rng, HMEIMIM, d13)
    for hour in (1.0, 2.5, 4.0, 6.0):
        plans += visit(fleet, rng, HMEIMIM, d14, hour=hour, stay_h=3.0)
    plans += [leg(fleet, rng, "IL76", CHKALOVSKY, HMEIMIM, at(d14, 10.0), "15a1a0"),
              leg(fleet, rng, "IL76", MOZDOK, HMEIMIM, at(d14, 12.0), "15a1a1")]
    for hour in (0.5, 2.0, 3.5, 5.0, 7.0):
        plans += visit(fleet, rng, HMEIMIM, d15, hour=hour, stay_h=2.5)
    plans += [leg(fleet, rng, "IL76", HMEIMIM, CHKALOVSKY, at(d15, 6.0), "15a1a0"),
              leg(fleet, rng, "IL76", HMEIMIM, MOZDOK, at(d15, 8.0), "15a1a1")]
    for hour in (1.0, 3.0, 5.0, 7.0, 9.0):
        plans += visit(fleet, rng, HMEIMIM, d16, hour=hour, stay_h=2.0)
    # Qamishli: in on Saturday evening, out on Sunday; a second rotation on Sunday; the last one
    # in on Sunday night and out on Monday morning with the convoy.
    plans += [leg(fleet, rng, "IL76", HMEIMIM, QAMISHLI, at(d14, 14.0), "15a1a8"),
              leg(fleet, rng, "IL76", QAMISHLI, HMEIMIM, at(d15, 6.0), "15a1a8"),
              leg(fleet, rng, "IL76", HMEIMIM, QAMISHLI, at(d15, 15.5), "15a1a9"),
              leg(fleet, rng, "IL76", QAMISHLI, HMEIMIM, at(d16, 5.0), "15a1a9")]
    plans += visit(fleet, rng, QAMISHLI, d15, hour=8.0, stay_h=1.5)
    return plans


def shuttles(rng: random.Random, fleet: Fleet) -> list[Plan]:
    """Il-76s to Al-Khadim and back, and two An-124s to Russia, 30 December .. 4 January."""
    plans: list[Plan] = []
    for day in (date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 2), date(2025, 1, 4)):
        plans += visit(fleet, rng, AL_KHADIM, day, hour=4.0, stay_h=1.0, home=HMEIMIM)
    for day, icao24 in ((date(2024, 12, 31), "14f2c1"), (date(2025, 1, 3), "14f2c7")):
        plans.append(leg(fleet, rng, "A124", HMEIMIM, CHKALOVSKY, at(day, 8.0), icao24))
    return plans


def flight_list(plans: list[Plan]) -> list[dict[str, object]]:
    """The flights as OpenSky's REST /flights answer lists them."""
    out = []
    for plan in sorted(plans, key=lambda p: p.off_block):
        path = flight_path(plan)
        out.append({"icao24": plan.icao24, "firstSeen": int(path[2].t), "estDepartureAirport": plan.departure.code or None,
                    "lastSeen": int(path[-2].t), "estArrivalAirport": plan.arrival.code or None,
                    "callsign": f"{plan.callsign:<8}", "estDepartureAirportHorizDistance": 900,
                    "estDepartureAirportVertDistance": 20, "estArrivalAirportHorizDistance": 1200,
                    "estArrivalAirportVertDistance": 15, "departureAirportCandidatesCount": 1,
                    "arrivalAirportCandidatesCount": 1})
    return out


def main() -> None:
    rng = random.Random(SEED)
    fleet = Fleet(rng)
    plans = schedule(rng, fleet)
    OUT.mkdir(parents=True, exist_ok=True)
    ground = Coverage(step_s=10.0, dropout=0.03, flicker=0.003, near=COVERED)
    remote = Coverage(step_s=10.0, floor_m=300.0, dropout=0.05, near=COVERED)
    seeds = rng.randrange(1 << 30)
    by_coverage: dict[bool, list[Plan]] = {True: [], False: []}
    for plan in plans:
        by_coverage[rng.random() < 0.7].append(plan)
    rows = sorted([*merged_rows(by_coverage[True], ground, seeds), *merged_rows(by_coverage[False], remote, seeds + 1)],
                  key=lambda line: (int(line.split(",", 1)[0]), line))
    (OUT / "states_syria_2024-11-14_2025-01-05.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (OUT / "flights_syria_2024-11-14_2025-01-05.json").write_text(json.dumps(flight_list(plans), indent=0) + "\n",
                                                                   encoding="utf-8")
    registry = ["icao24,registration,typecode,model,operator,operatoricao,owner"]
    for icao24, type_code in sorted(fleet.types.items()):
        operator = ("Syrian Air", "SYR") if type_code == "A320" else ("Russian Aerospace Forces", "RFF")
        registry.append(f"{icao24},,{type_code},{PROFILES[type_code].type_code},{operator[0]},{operator[1]},")
    (OUT / "aircraft.csv").write_text("\n".join(registry) + "\n", encoding="utf-8")
    print(f"{len(plans)} flights, {len(rows)} state vectors -> {OUT}")


if __name__ == "__main__":
    main()
