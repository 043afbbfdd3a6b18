"""Landings and take-offs at known airfields, from state vectors (a streaming per-aircraft state
machine) or from flight lists (`sitrep.movements.v1`).

Rules, in the order the detector applies them:
- a take-off is the aircraft going from ground to air, a landing the reverse, within RADIUS_KM of
  an airfield. "Ground" is the transponder's on-ground flag; when a source has none, an aircraft
  below LOW_AGL_M over a nearby airfield's elevation (or, with no altitude, slower than
  GROUND_SPEED) counts as on the ground, so the change is seen where the aircraft crosses 300 m;
- a change counts once the new phase has held CONFIRM_S: on-ground flags flicker for a sample or
  two, and a touch-and-go or go-around is not a movement. A track that ends before then (an
  aircraft taxiing out of receiver coverage) keeps its last change;
- receivers rarely see the ground at remote fields, so a track that starts airborne below
  EDGE_AGL_M within EDGE_KM of a field and climbs is a take-off there; one that ends that low,
  descending, is a landing;
- a gap longer than GAP_S ends a track (the next sample starts a new one); tracks idle that long
  are dropped, so memory holds only the aircraft seen in the last half hour.
"""

from __future__ import annotations

import hashlib
import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sitrep.records import Flight, FlightMovement, Skipped, StateVector
from sitrep.tracks.aircraft import Classification
from sitrep.tracks.airfields import Airfield, AirfieldIndex

NAME = "sitrep.movements.v1"
RADIUS_KM = 8.0  # runway ends are 2-3 km from a reference point; a 3-degree approach crosses 300 m about 6 km out
LOW_AGL_M = 300.0
EDGE_AGL_M = 600.0  # about 11 km out on a 3-degree approach, 7 km after lift-off at a transport's climb
EDGE_KM = 12.0
CONFIRM_S = 60.0
GAP_S = 1800.0
AIR_SPEED, GROUND_SPEED = 60.0, 40.0  # m/s; between the two, speed alone does not tell
FLAG_GROUND_MAX, FLAG_AIR_MIN = 95.0, 30.0  # m/s; an on-ground flag beyond these is a flicker
SURE_AIRBORNE_M = 5000.0  # above any airfield by far more than LOW_AGL_M: no lookup needed
MAX_JUMP_SPEED = 1000.0  # m/s between two positions: one of them is wrong
MAX_ERRORS = 20
SAME_MOVEMENT = timedelta(minutes=30)  # a track and a flight list tell the same landing this close
PATH_POINTS = 18  # three minutes at OpenSky's 10-s rate: final approach and rollout, or roll and climb

Classify = Callable[[str, str | None, str | None], Classification]


@dataclass(slots=True)
class _Track:
    """What the detector remembers of one aircraft (a few fields: memory is per live aircraft)."""

    last: StateVector
    recent: deque[tuple[float, float]]  # the last PATH_POINTS positions (lon, lat), for the map
    prev_alt: float | None
    phase: bool | None  # True on the ground (or low), False airborne, None not known yet
    pending: StateVector | None = None  # first sample of a phase change not yet confirmed
    edge: StateVector | None = None  # first sample of a track that started low near a field
    callsign: str | None = None
    contrary: int = 0  # samples back in the confirmed phase since the pending change
    jumps: int = 0


@dataclass
class DetectorStats:
    samples: int = 0
    movements: int = 0
    out_of_order: int = 0  # samples not after the aircraft's previous one (across files): dropped
    jumps: int = 0
    unmatched: int = 0  # phase changes with no airfield in reach (unlisted strips, flag noise)
    errors_reported: int = 0


class MovementDetector:
    """Streaming landing/take-off detection: feed samples in time order, then close()."""

    def __init__(self, airfields: AirfieldIndex, classify: Classify, *,
                 paths: dict[str, tuple[tuple[float, float], ...]] | None = None) -> None:
        self.airfields, self.classify = airfields, classify
        # Movement id -> the track near the airfield as (lon, lat) points; the caller pops them.
        self.paths = paths
        self.tracks: dict[str, _Track] = {}
        self.stats = DetectorStats()
        self.newest = 0.0
        self.swept = 0.0

    @property
    def live(self) -> int:
        """Aircraft held in memory now."""
        return len(self.tracks)

    def feed(self, s: StateVector) -> list[FlightMovement | Skipped]:
        """The movements (and errors) one sample completes."""
        out: list[FlightMovement | Skipped] = []
        self.feed_into(s, out)
        return out

    def feed_into(self, s: StateVector, out: list[FlightMovement | Skipped]) -> None:
        """feed(), appending to `out` (the hot loop: no list per sample)."""
        self.stats.samples += 1
        t = s.time
        if t > self.newest:
            self.newest = t
            if t - self.swept > GAP_S / 6:
                self._sweep(out)
        track = self.tracks.get(s.icao24)
        if track is None or t - track.last.time > GAP_S:
            if track is not None:
                self._close(track, out)
            self.tracks[s.icao24] = self._start(s, out)
            return
        last = track.last
        if t <= last.time:
            self.stats.out_of_order += 1
            return
        # A jump is > 2 km and > 1 km/s: closer positions (in degrees, a lower bound on km) skip the
        # distance computation, which is most samples.
        near = max(2.0, t - last.time) * 0.00636  # 1 / (111.2 km * sqrt 2)
        if (abs(s.lat - last.lat) > near or abs(s.lon - last.lon) > near) and self._jumped(track, s, out):
            return
        track.jumps = 0
        if s.callsign:
            track.callsign = s.callsign
        self._step(track, s, out)
        alt = last.geoaltitude if last.geoaltitude is not None else last.baroaltitude
        if alt is not None:
            track.prev_alt = alt
        track.last = s
        if self.paths is not None:
            track.recent.append((s.lon, s.lat))

    def close(self) -> list[FlightMovement | Skipped]:
        """Movements of the tracks still open at the end of the stream."""
        out: list[FlightMovement | Skipped] = []
        for track in self.tracks.values():
            self._close(track, out)
        self.tracks.clear()
        hidden = self.stats.jumps - self.stats.errors_reported
        if hidden > 0:
            out.append(Skipped("flight tracks", f"... and {hidden:,} more rows with position jumps"))
        return out

    # -- phases --------------------------------------------------------------------------------

    def _on_ground(self, s: StateVector) -> bool | None:
        if s.onground is not None:
            # A flag that contradicts the speed is a flicker: no transport rolls at 95 m/s or flies
            # at 30 m/s (helicopters do; they are not what this looks for).
            speed = s.velocity
            if speed is not None and (speed > FLAG_GROUND_MAX if s.onground else speed < FLAG_AIR_MIN):
                return None
            return s.onground
        alt = _altitude(s)
        if alt is not None:
            if alt > SURE_AIRBORNE_M:
                return False
            field = self.airfields.nearest_airfield(s.lat, s.lon, RADIUS_KM)
            return field is not None and alt - (field.elevation_m or 0.0) < LOW_AGL_M
        if s.velocity is not None and s.velocity >= AIR_SPEED:
            return False
        if s.velocity is not None and s.velocity <= GROUND_SPEED:
            return True
        return None

    def _start(self, s: StateVector, out: list[FlightMovement | Skipped]) -> _Track:
        track = _Track(last=s, recent=deque([(s.lon, s.lat)], maxlen=PATH_POINTS), prev_alt=None,
                       phase=self._on_ground(s), callsign=s.callsign)
        if track.phase is False and self._low_near_field(s) is not None:
            if s.vertrate is not None and s.vertrate > 0.5:
                self._emit(track, s, "takeoff", EDGE_KM, out)
            elif s.vertrate is None:
                track.edge = s  # climbing or descending: the next samples tell
        return track

    def _step(self, track: _Track, s: StateVector, out: list[FlightMovement | Skipped]) -> None:
        if track.edge is not None:
            self._settle_edge(track, s, out)
        ground = self._on_ground(s)
        if ground is None:
            return
        if track.phase is None:
            track.phase = ground
        elif ground == track.phase:
            if track.pending is not None:
                # Two samples back in the confirmed phase cancel the change (a touch-and-go, a
                # go-around); one is a flicker.
                track.contrary += 1
                if track.contrary >= 2:
                    track.pending, track.contrary = None, 0
        elif track.pending is None:
            track.pending, track.contrary = s, 0
        else:
            track.contrary = 0
            if s.time - track.pending.time >= CONFIRM_S:
                self._confirm(track, out)

    def _confirm(self, track: _Track, out: list[FlightMovement | Skipped]) -> None:
        change = track.pending
        assert change is not None
        track.phase = not track.phase
        track.pending = None
        self._emit(track, change, "landing" if track.phase else "takeoff", RADIUS_KM, out)

    def _settle_edge(self, track: _Track, s: StateVector, out: list[FlightMovement | Skipped]) -> None:
        edge = track.edge
        assert edge is not None
        start, now = _altitude(edge), _altitude(s)
        if start is None or now is None or s.time - edge.time < 20:
            return
        track.edge = None
        if now - start > 30:
            self._emit(track, edge, "takeoff", EDGE_KM, out)

    def _close(self, track: _Track, out: list[FlightMovement | Skipped]) -> None:
        if track.pending is not None:
            self._confirm(track, out)
            return
        last = track.last
        if track.phase is False and self._low_near_field(last) is not None:
            alt, vertrate = _altitude(last), last.vertrate
            descending = vertrate < -0.5 if vertrate is not None else (
                alt is not None and track.prev_alt is not None and alt < track.prev_alt)
            if descending:
                self._emit(track, last, "landing", EDGE_KM, out)

    def _low_near_field(self, s: StateVector) -> Airfield | None:
        alt = _altitude(s)
        if alt is None or alt > SURE_AIRBORNE_M:
            return None
        field = self.airfields.nearest_airfield(s.lat, s.lon, EDGE_KM)
        if field is None or alt - (field.elevation_m or 0.0) > EDGE_AGL_M:
            return None
        return field

    def _emit(self, track: _Track, s: StateVector, kind: str, max_km: float,
              out: list[FlightMovement | Skipped]) -> None:
        field = self.airfields.nearest_airfield(s.lat, s.lon, max_km)
        if field is None:
            self.stats.unmatched += 1
            return
        callsign = track.callsign or s.callsign
        kind_of = self.classify(s.icao24, callsign, None)
        at = datetime.fromtimestamp(s.time, UTC)
        self.stats.movements += 1
        ident = movement_id(s.icao24, kind, field.code, at)
        if self.paths is not None:
            self.paths[ident] = tuple((round(lon, 5), round(lat, 5)) for lon, lat in track.recent)
        out.append(FlightMovement(
            id=ident, icao24=s.icao24, callsign=callsign, kind=kind, at=at,
            airfield=field.code, site_id=field.site_id, lat=s.lat, lon=s.lon,
            aircraft_type=kind_of.aircraft_type, operator=kind_of.operator,
            military_transport=kind_of.military_transport, origin=f"{s.source}#row-{s.row}"))

    # -- hygiene -------------------------------------------------------------------------------

    def _jumped(self, track: _Track, s: StateVector, out: list[FlightMovement | Skipped]) -> bool:
        """True (and an error) when the position is impossibly far from the previous one."""
        last = track.last
        km = _flat_km(last.lat, last.lon, s.lat, s.lon)
        speed = km * 1000 / (s.time - last.time)
        if km < 2 or speed <= MAX_JUMP_SPEED:
            return False
        track.jumps += 1
        self.stats.jumps += 1
        if track.jumps >= 3:  # three in a row: the earlier position was the wrong one
            track.jumps = 0
            return False
        if self.stats.errors_reported < MAX_ERRORS:
            self.stats.errors_reported += 1
            out.append(Skipped(f"{s.source}#row-{s.row}",
                               f"icao24 {s.icao24}: position jumps {km:,.0f} km in {s.time - last.time:.0f} s "
                               f"from row {last.row} ({speed:,.0f} m/s); row dropped"))
        return True

    def _sweep(self, out: list[FlightMovement | Skipped]) -> None:
        cutoff = self.newest - GAP_S
        idle = [key for key, track in self.tracks.items() if track.last.time < cutoff]
        for key in idle:
            self._close(self.tracks.pop(key), out)
        self.swept = self.newest


def _altitude(s: StateVector) -> float | None:
    return s.geoaltitude if s.geoaltitude is not None else s.baroaltitude


def _flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough below a few hundred km, and cheap."""
    dx = (lon2 - lon1 + 540) % 360 - 180
    return 111.2 * math.hypot(dx * math.cos(math.radians((lat1 + lat2) / 2)), lat2 - lat1)


def movement_id(icao24: str, kind: str, airfield: str, at: datetime) -> str:
    """sha256 of (icao24, kind, airfield, time rounded to the minute), 20 hex digits."""
    minute = at.astimezone(UTC).replace(second=0, microsecond=0) + timedelta(minutes=at.second >= 30)
    key = f"{icao24}|{kind}|{airfield}|{minute:%Y-%m-%dT%H:%M}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def detect_movements(rows: Iterable[StateVector | Skipped], airfields: AirfieldIndex, classify: Classify, *,
                     detector: MovementDetector | None = None,
                     paths: dict[str, tuple[tuple[float, float], ...]] | None = None) -> Iterator[FlightMovement | Skipped]:
    """Landings and take-offs in a time-ordered stream of samples; Skipped items pass through.

    With `paths`, each movement's track near the airfield (the last three minutes of positions
    when it is confirmed, as (lon, lat)) is put there under its id: pop it when storing the movement.
    """
    detector = detector or MovementDetector(airfields, classify, paths=paths)
    out: list[FlightMovement | Skipped] = []
    feed = detector.feed_into
    for row in rows:
        if isinstance(row, Skipped):
            yield row
            continue
        feed(row, out)
        if out:
            yield from out
            out.clear()
    yield from detector.close()


def movements_from_flights(flights: Iterable[Flight | Skipped], airfields: AirfieldIndex,
                           classify: Classify) -> Iterator[FlightMovement | Skipped]:
    """A take-off at the departure airport at first seen and a landing at the arrival airport at
    last seen (OpenSky's estimates: first/last seen are within minutes of the real times)."""
    for flight in flights:
        if isinstance(flight, Skipped):
            yield flight
            continue
        kind_of = classify(flight.icao24, flight.callsign, flight.aircraft_type)
        for kind, code, at, other in (("takeoff", flight.departure, flight.first_seen, flight.arrival),
                                      ("landing", flight.arrival, flight.last_seen, flight.departure)):
            field = airfields.get(code) if code else None
            if field is None:
                continue
            yield FlightMovement(
                id=movement_id(flight.icao24, kind, field.code, at), icao24=flight.icao24, callsign=flight.callsign,
                kind=kind, at=at, airfield=field.code, site_id=field.site_id, lat=field.lat, lon=field.lon,
                aircraft_type=kind_of.aircraft_type, operator=kind_of.operator,
                military_transport=kind_of.military_transport, origin=flight.origin, other_end=other)


def attach_flight_info(movements: Iterable[FlightMovement], flights: Iterable[Flight], classify: Classify, *,
                       slack: timedelta = timedelta(minutes=45)) -> Iterator[FlightMovement]:
    """Movements from tracks with the other end and type of the matching flight-list entry (same
    aircraft, same airfield, first/last seen within `slack` of the movement)."""
    by_aircraft: dict[str, list[Flight]] = {}
    for entry in flights:
        by_aircraft.setdefault(entry.icao24, []).append(entry)
    for move in movements:
        flight = _matching_flight(move, by_aircraft.get(move.icao24, ()), slack)
        if flight is None:
            yield move
            continue
        other = flight.arrival if move.kind == "takeoff" else flight.departure
        kind_of = classify(move.icao24, move.callsign or flight.callsign, flight.aircraft_type)
        yield replace(move, other_end=move.other_end or other, callsign=move.callsign or flight.callsign,
                      aircraft_type=kind_of.aircraft_type or move.aircraft_type,
                      operator=kind_of.operator or move.operator,
                      military_transport=kind_of.military_transport or move.military_transport)


def _matching_flight(move: FlightMovement, flights: Iterable[Flight], slack: timedelta) -> Flight | None:
    best: tuple[timedelta, Flight] | None = None
    for flight in flights:
        code, at = (flight.departure, flight.first_seen) if move.kind == "takeoff" else (flight.arrival, flight.last_seen)
        gap = abs(at - move.at)
        if code not in (None, move.airfield) or gap > slack:
            continue
        if best is None or gap < best[0]:
            best = (gap, flight)
    return best[1] if best else None



def dedupe_movements(movements: Iterable[FlightMovement]) -> list[FlightMovement]:
    """Movements with the same landing or take-off told twice (a track and a flight list: same
    aircraft, kind and airfield within SAME_MOVEMENT) merged into one, in time order. The track's
    record wins (its time and point are measured, a list's are first/last seen at the airfield's
    reference point); the other fills what it lacks (other end, type, callsign)."""
    ordered = sorted(movements, key=lambda m: (m.icao24, m.kind, m.airfield, m.at))
    merged: list[FlightMovement] = []
    for move in ordered:
        last = merged[-1] if merged else None
        if (last is None or (last.icao24, last.kind, last.airfield) != (move.icao24, move.kind, move.airfield)
                or move.at - last.at > SAME_MOVEMENT):
            merged.append(move)
            continue
        keep, other = (move, last) if _from_list(last) and not _from_list(move) else (last, move)
        merged[-1] = replace(keep, other_end=keep.other_end or other.other_end,
                             aircraft_type=keep.aircraft_type or other.aircraft_type,
                             callsign=keep.callsign or other.callsign,
                             operator=keep.operator or other.operator,
                             military_transport=keep.military_transport or other.military_transport)
    return sorted(merged, key=lambda m: (m.at, m.id))


def _from_list(move: FlightMovement) -> bool:
    return "#flight-" in move.origin
