"""What a report has said so far: places, actors and attribution that later sentences refer back to.

News text names a thing once and then says "the airport", "the troops", "they", "the official
added": this memory lets those references inherit the place, the country code and the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.extract.dates import ResolvedDate
from sitrep.records import Actor, Attribution, Place

ATTRIBUTION_REACH = 2  # sentences an explicit attribution carries over to ("It added that ...")


@dataclass
class Discourse:
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    attribution: Attribution | None = None
    attribution_sequence: int = -10
    last_date: ResolvedDate | None = None

    def remember_places(self, places: list[Place]) -> None:
        self.places.extend(p for p in places if p.resolution in {"site", "city"})

    def remember_actors(self, actors: list[Actor]) -> None:
        self.actors.extend(a for a in actors if a.code)

    def remember_attribution(self, attribution: Attribution | None, sequence: int) -> None:
        if attribution is not None:
            self.attribution = attribution
            self.attribution_sequence = sequence

    def carried_attribution(self, sequence: int) -> Attribution | None:
        """The last explicit attribution, when it was made in the last few sentences."""
        if self.attribution and sequence - self.attribution_sequence <= ATTRIBUTION_REACH:
            return self.attribution
        return None

    def last_actor(self) -> Actor | None:
        return self.actors[-1] if self.actors else None

    def by_name(self, name: str) -> Actor | None:
        """An earlier actor whose text holds this name ("Katz" after "Defence Minister Israel Katz")."""
        wanted = name.lower().split()[-1] if name.split() else ""
        for actor in reversed(self.actors):
            if len(wanted) > 2 and wanted in actor.entity_text.lower().split():
                return actor
        return None

    def complete(self, actor: Actor) -> Actor:
        """An uncoded actor ("the troops", "its forces", "the fighters") takes the code of the last
        coded actor of the same sector; forces and officials may also take any last actor's code."""
        if actor.code:
            return actor
        same = [a for a in self.actors if a.sector == actor.sector]
        if actor.sector not in {"MIL", "GOV", None}:
            pool = same
        else:
            pool = same or self.actors
        if not pool:
            return actor
        source = pool[-1]
        return Actor(actor.entity_text, source.code, actor.sector or source.sector)
