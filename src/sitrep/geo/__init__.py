"""Geography: the offline gazetteer (GeoNames towns, countries, curated military sites) and toponym resolution."""

from sitrep.geo.gazetteer import Candidate, Gazetteer, load_gazetteer
from sitrep.geo.resolve import haversine_km, resolve_toponym

__all__ = ["Candidate", "Gazetteer", "haversine_km", "load_gazetteer", "resolve_toponym"]
