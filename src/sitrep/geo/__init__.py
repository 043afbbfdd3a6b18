"""Geography: the offline gazetteer (curated military sites, GeoNames towns, districts, provinces, countries,
regions) and toponym resolution in context."""

from sitrep.geo.gazetteer import Candidate, Gazetteer, load_gazetteer
from sitrep.geo.resolve import haversine_km, resolve_mentions, resolve_toponym

__all__ = ["Candidate", "Gazetteer", "haversine_km", "load_gazetteer", "resolve_mentions", "resolve_toponym"]
