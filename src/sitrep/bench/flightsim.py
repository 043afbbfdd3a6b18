"""Generated flight tracks in OpenSky's state-vector layout, for the bundled samples
(benchmarks/flight_samples.py) and `sitrep bench flights`.

A flight is a polyline of vertices (taxi, take-off roll, initial climb along the runway, top of
climb, top of descent, a fix 20 km out on the extended centreline, a 3-degree approach, rollout,
taxi) with a time, altitude and speed at each; samples are read off it every few seconds with
receiver effects: a coverage floor (no samples below some height, as at remote fields), dropouts,
position noise, 25-ft altitude steps and the odd flickering on-ground flag. Figures are public,
rounded type performance (Il-76: lift-off ~80 m/s, climb 6-8 m/s, cruise ~220 m/s at ~10 km,
approach ~72 m/s); they make tracks that look like the real thing, not a flight model.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

EARTH_M = 6_371_008.8
HEADER = ("time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,"
          "baroaltitude,geoaltitude,lastposupdate,lastcontact")
GLIDE = math.tan(math.radians(3.0))
FIX_M = 20_000.0  # approach fix on the extended centreline


@dataclass(frozen=True)
class Profile:
    """Rounded performance figures of one aircraft type (SI units)."""

    type_code: str
    lift_off: float  # m/s
    roll_accel: float  # m/s2
    initial_climb: float  # m/s vertical, to 1,500 m above the field
    climb: float  # m/s vertical en route
    cruise_alt: float  # m
    cruise_speed: float  # m/s
    descent: float  # m/s vertical
    approach: float  # m/s on the glide path
    brake: float  # m/s2 on the rollout


PROFILES = {
    "IL76": Profile("IL76", 80, 1.6, 7.0, 6.0, 10_000, 220, 8.0, 72, 1.8),
    "A124": Profile("A124", 82, 1.4, 6.0, 5.0, 10_500, 225, 7.5, 70, 1.5),
    "AN12": Profile("AN12", 70, 1.8, 6.0, 5.0, 7_500, 160, 6.0, 62, 1.8),
    "C17": Profile("C17", 75, 1.8, 8.0, 7.0, 10_000, 225, 9.0, 66, 2.0),
    "A320": Profile("A320", 75, 2.0, 9.0, 9.0, 11_000, 230, 9.0, 68, 2.0),
}


@dataclass(frozen=True)
class Field:
    """An airfield as the generator needs it: point, elevation, runway axis (true degrees)."""

    code: str
    lat: float
    lon: float
    elevation: float
    runway_heading: float
    runway_m: float = 2800.0


@dataclass(frozen=True)
class Plan:
    icao24: str
    callsign: str
    profile: Profile
    departure: Field
    arrival: Field
    off_block: float  # Unix time the aircraft starts to taxi
    dep_heading: float  # runway direction in use (wind), true degrees
    arr_heading: float


@dataclass(frozen=True)
class Coverage:
    """What receivers make of a track."""

    step_s: float = 10.0
    floor_m: float = 0.0  # no samples lower than this above the field (0: the ground is seen)
    dropout: float = 0.03
    flicker: float = 0.0  # chance an on-ground flag is wrong for one sample
    near: tuple[tuple[float, float, float], ...] = ()  # keep only samples within (lat, lon, km)


@dataclass(frozen=True)
class Vertex:
    t: float
    lat: float
    lon: float
    alt: float
    speed: float
    ground: bool


def destination(lat: float, lon: float, bearing: float, metres: float) -> tuple[float, float]:
    """The point `metres` away along a great circle."""
    d, b = metres / EARTH_M, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(a)))


def bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360) % 360


def flight_path(plan: Plan) -> list[Vertex]:
    """The vertices of one flight, gate to gate."""
    p, dep, arr = plan.profile, plan.departure, plan.arrival
    path: list[Vertex] = []

    def add(dt: float, lat: float, lon: float, alt: float, speed: float, ground: bool) -> None:
        t = path[-1].t + dt if path else plan.off_block
        path.append(Vertex(t, lat, lon, alt, speed, ground))

    start = destination(dep.lat, dep.lon, plan.dep_heading + 180, dep.runway_m / 2)
    gate = destination(*destination(*start, plan.dep_heading, 900), plan.dep_heading + 90, 500)
    add(0, *gate, dep.elevation, 0, True)
    add(distance_m(*gate, *start) / 6, *start, dep.elevation, 6, True)  # taxi
    add(40, *start, dep.elevation, 0, True)  # line up and wait
    roll = p.lift_off ** 2 / (2 * p.roll_accel)
    add(p.lift_off / p.roll_accel, *destination(*start, plan.dep_heading, roll), dep.elevation, p.lift_off, False)
    climb_t = 1500 / p.initial_climb
    out = destination(path[-1].lat, path[-1].lon, plan.dep_heading, climb_t * (p.lift_off + 140) / 2)
    add(climb_t, *out, dep.elevation + 1500, 140, False)
    threshold = destination(arr.lat, arr.lon, plan.arr_heading + 180, arr.runway_m / 2)
    fix = destination(*threshold, plan.arr_heading + 180, FIX_M)
    fix_alt = arr.elevation + FIX_M * GLIDE
    leg = distance_m(*out, *fix)
    climb_m_per_m, descent_m_per_m = 190 / p.climb, 185 / p.descent  # ground metres per metre of height
    top = min(p.cruise_alt, (leg + _height_terms(dep, arr, climb_m_per_m, descent_m_per_m)) /
              (climb_m_per_m + descent_m_per_m))
    top = max(top, max(dep.elevation + 1500, fix_alt))
    d_climb = (top - dep.elevation - 1500) * climb_m_per_m
    d_descent = (top - fix_alt) * descent_m_per_m
    heading = bearing(*out, *fix)
    toc = destination(*out, heading, d_climb)
    add(d_climb / 190, *toc, top, p.cruise_speed * 0.9, False)
    cruise = max(0.0, leg - d_climb - d_descent)
    tod = destination(*toc, bearing(*toc, *fix), cruise)
    add(cruise / p.cruise_speed, *tod, top, p.cruise_speed, False)
    add(d_descent / 185, *fix, fix_alt, p.approach + 15, False)
    touchdown = destination(*threshold, plan.arr_heading, 300)
    add((FIX_M + 300) / (p.approach + 7), *touchdown, arr.elevation, p.approach, True)
    rollout = p.approach ** 2 / (2 * p.brake)
    end = destination(*touchdown, plan.arr_heading, rollout)
    add(p.approach / p.brake, *end, arr.elevation, 10, True)
    stand = destination(*end, plan.arr_heading + 90, 700)
    add(150, *stand, arr.elevation, 0, True)
    return path


def _height_terms(dep: Field, arr: Field, climb: float, descent: float) -> float:
    """Height terms of the top-of-climb equation: leg = climb*(top-h0) + descent*(top-h1)."""
    return climb * (dep.elevation + 1500) + descent * (arr.elevation + FIX_M * GLIDE)


def sample_flight(plan: Plan, coverage: Coverage, rng: random.Random) -> Iterator[tuple[float, str]]:
    """(time, CSV row) of every sample receivers get from one flight, in time order."""
    path = flight_path(plan)
    t, end, k = path[0].t + rng.uniform(0, coverage.step_s), path[-1].t, 0
    middle = (path[0].t + path[-1].t) / 2
    while t <= end:
        while path[k + 1].t < t:
            k += 1
        a, b = path[k], path[k + 1]
        f = (t - a.t) / (b.t - a.t) if b.t > a.t else 1.0
        lat, lon = a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)
        alt, speed = a.alt + f * (b.alt - a.alt), a.speed + f * (b.speed - a.speed)
        ground = a.ground if f < 1.0 else b.ground  # a vertex's flag holds from the previous one up to it
        ground_m = plan.departure.elevation if t < middle else plan.arrival.elevation
        received = (coverage.floor_m <= 0 or alt - ground_m >= coverage.floor_m) and rng.random() >= coverage.dropout
        if received and coverage.near:
            received = any(distance_m(lat, lon, la, lo) <= km * 1000 for la, lo, km in coverage.near)
        if received:
            if coverage.flicker and rng.random() < coverage.flicker:
                ground = not ground
            yield t, _row(plan, t, lat + rng.gauss(0, 0.0002), lon + rng.gauss(0, 0.0002), alt, speed,
                          bearing(a.lat, a.lon, b.lat, b.lon) if (a.lat, a.lon) != (b.lat, b.lon) else plan.dep_heading,
                          (b.alt - a.alt) / (b.t - a.t) if b.t > a.t else 0.0, ground, rng)
        t += coverage.step_s + rng.uniform(-1.0, 1.0)


def _row(plan: Plan, t: float, lat: float, lon: float, alt: float, speed: float, heading: float, vertrate: float,
         ground: bool, rng: random.Random) -> str:
    baro = round(alt / 7.62) * 7.62  # 25-ft steps, as Mode S reports them
    geo = alt + 40 + rng.gauss(0, 5)
    second = int(t)
    return (f"{second},{plan.icao24},{lat:.5f},{lon:.5f},{speed:.2f},{heading:.1f},{vertrate:.2f},{plan.callsign},"
            f"{'true' if ground else 'false'},false,false,,{baro:.2f},{geo:.2f},{second},{second}")


def merged_rows(plans: Sequence[Plan], coverage: Coverage, seed: int) -> Iterator[str]:
    """CSV rows of many flights merged in time order (what OpenSky's hourly dumps look like)."""
    rng = random.Random(seed)
    streams = [sample_flight(plan, coverage, random.Random(rng.random())) for plan in plans]
    for _t, row in heapq.merge(*streams, key=lambda item: item[0]):
        yield row


def bench_rows(n_rows: int, fields: Sequence[Field], *, seed: int = 7, live: int = 2000,
               military_share: float = 0.03) -> Iterator[str]:
    """n_rows state vectors of a busy sky: about `live` aircraft at once between `fields`, each
    flight started when its off-block time comes (memory holds the flights in the air only)."""
    rng = random.Random(seed)
    coverage = Coverage(step_s=10.0, dropout=0.02, flicker=0.002)
    clock = 1_733_011_200.0  # 2024-12-01T00:00Z
    mean_flight_s = 2.5 * 3600
    heap: list[tuple[float, int, Iterator[tuple[float, str]], str]] = []
    n, serial, next_start = 0, 0, clock
    while n < n_rows:
        while next_start <= (heap[0][0] if heap else next_start):
            serial += 1
            plan = _random_plan(rng, fields, serial, next_start, military_share)
            stream = sample_flight(plan, coverage, random.Random(serial))
            first = next(stream, None)
            if first is not None:
                heapq.heappush(heap, (first[0], serial, stream, first[1]))
            next_start += rng.expovariate(live / mean_flight_s)
        _t, key, stream, row = heapq.heappop(heap)
        yield row
        n += 1
        following = next(stream, None)
        if following is not None:
            heapq.heappush(heap, (following[0], key, stream, following[1]))


def _random_plan(rng: random.Random, fields: Sequence[Field], serial: int, start: float, military_share: float) -> Plan:
    dep = rng.choice(fields)
    arr = rng.choice(fields)
    while arr is dep or not 150_000 < distance_m(dep.lat, dep.lon, arr.lat, arr.lon) < 3_000_000:
        arr = rng.choice(fields)
    military = rng.random() < military_share
    type_code = rng.choice(["IL76", "A124", "C17"]) if military else "A320"
    callsign = f"{rng.choice(['RFF', 'RCH']) if military else rng.choice(['DLH', 'AFR', 'THY', 'RYR'])}{serial % 9000 + 100}"
    icao24 = f"{(0x400000 + serial % 60_000 * 7) & 0xFFFFFF:06x}"  # a pool of airframes flying again
    return Plan(icao24, callsign, PROFILES[type_code], dep, arr, start, _wind(dep, rng), _wind(arr, rng))


def _wind(field: Field, rng: random.Random) -> float:
    return field.runway_heading if rng.random() < 0.6 else (field.runway_heading + 180) % 360
