"""Country reference points and actor vocabulary shared by geo and extract.

COUNTRY_POINTS holds GeoNames' own country coordinates for the countries sitrep meets most; other
countries fall back to the mean position of their towns (see gazetteer.build_gazetteer).
"""

from __future__ import annotations

COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "SYR": (35.0, 38.0),
    "RUS": (60.0, 100.0),
    "USA": (39.76, -98.5),
    "FRA": (46.0, 2.0),
    "TUR": (39.0, 35.0),
    "IRQ": (33.0, 44.0),
    "ISR": (31.5, 34.75),
    "IRN": (32.0, 53.0),
    "LBN": (33.83, 35.83),
    "JOR": (31.0, 36.0),
    "LBY": (28.0, 17.0),
    "MLI": (18.0, -2.0),
    "NER": (18.0, 9.0),
    "TCD": (15.0, 19.0),
    "BFA": (12.5, -1.67),
    "SDN": (16.0, 30.0),
    "UKR": (49.0, 32.0),
    "GBR": (54.76, -2.70),
    "DEU": (51.5, 10.5),
    "CHN": (35.0, 105.0),
    "EGY": (27.0, 30.0),
    "SAU": (25.0, 45.0),
    "CAF": (7.0, 21.0),
    "DJI": (11.8, 42.5),
    "YEM": (15.5, 47.5),
}
