"""Actor words of the native route, per language: stems of demonyms (every gender, number and
case begins with one), country names, capitals standing for their governments and named forces,
mapped to the acting force's code. `HOST` marks a word for the report's host state ("la junte",
"хунта", "المجلس العسكري": the junta of the country the report is about); an empty code a
non-state armed group. Stems are prefixes of folded words, as trigger stems are, except short ones
and those marked "=" (whole words: Ukrainian "малі" is also "small"); the longest matching entry
wins ("нигерийск" Nigeria before "нигер" Niger).
"""

from __future__ import annotations

from functools import lru_cache

HOST = "HOST"
ARMED_GROUP = "non-state armed group"


def _table(rows: dict[str, str]) -> dict[str, str]:
    """'CODE': 'stem|stem|...' rows -> stem -> code."""
    return {stem: code.rstrip("_") for code, stems in rows.items() for stem in stems.split("|")}


FRENCH = _table({
    "RUS": "russe|russie|wagner|africa corps|moscou|kremlin",
    "FRA": "français|française|france|paris|barkhane|élysée",
    "USA": "américain|états-unis|washington|pentagone",
    "TUR": "turc|turque|turquie|ankara",
    "SYR": "syrien|syrienne|damas|kurde|fds",
    "MLI": "malien|malienne|bamako", "NER": "nigérien|nigérienne|niamey|niger", "NGA": "nigérian|nigeria",
    "TCD": "tchad|tchadien|tchadienne|ndjamena|n'djamena", "BFA": "burkinab|burkina|ouagadougou",
    "UKR": "ukrainien|ukraine|kiev|kyiv", "IRN": "iranien|iran|téhéran", "IRQ": "irakien|irak|bagdad",
    "GBR": "britannique|royaume-uni|londres", "DEU": "allemand|allemagne|berlin", "LBY": "libyen|haftar",
    "SEN": "sénégal|dakar", "CIV": "ivoirien|côte d'ivoire|abidjan",
    "BLR": "biélorusse|bélarus|biélorussie|minsk", "ISR": "israélien|israël", "LBN": "libanais|hezbollah",
    "EGY": "égyptien", "SDN": "soudanais", "CAF": "centrafricain", "CHN": "chinois",
    "UNO": "minusma|minusca|monusco|casques bleus|onu|nations unies",
    "_": "rebelle|touareg|jihadiste|djihadiste|insurgé", "HOST": "junte",
})

RUSSIAN = _table({
    "RUS": "российск|русск|россиян|россия|россии|россию|рф|вагнер|африканск корпус|москв|кремл|минобороны",
    "FRA": "французск|француз|франция|франции|францию|париж",
    "USA": "американск|американц|сша|вашингтон|пентагон",
    "TUR": "турецк|турци|турк|анкар", "SYR": "сирийск|дамаск|курдск|сдс",
    "MLI": "малийск|мали=|бамако", "NER": "нигерск|нигер", "NGA": "нигерийск|нигери",
    "TCD": "чадск|чад|чада|чаду|чадом", "BFA": "буркин|уагадугу", "UKR": "украинск|украин|всу|киев",
    "IRN": "иранск|иран|тегеран", "IRQ": "иракск|ирак|багдад", "GBR": "британск|британи|лондон",
    "DEU": "немецк|германи|берлин", "LBY": "ливийск|хафтар", "SEN": "сенегал|дакар",
    "CIV": "ивуарийск|кот-д'ивуар", "BLR": "белорусск|белорус|беларус|минск", "ISR": "израильск|израил",
    "LBN": "ливанск|хезболл", "EGY": "египетск", "CHN": "китайск",
    "UNO": "миротвор|минусма|минуска|монуско|оон", "_": "повстанц|боевик|джихадист", "HOST": "хунт",
})

UKRAINIAN = _table({
    "RUS": "російськ|росі|росіян|рф|окупант|ворож|вагнер|африканськ корпус|москв|кремл|рашист",
    "FRA": "французьк|француз|франці|париж",
    "USA": "американськ|американц|сша|вашингтон|пентагон",
    "TUR": "турецьк|туреччин|турк|анкар", "SYR": "сирійськ|дамаск|курдськ",
    "MLI": "малійськ|малі=|бамако", "NER": "нігерськ|нігер", "NGA": "нігерійськ|нігері",
    "TCD": "чадськ|чад|чаду|чадом", "BFA": "буркін", "UKR": "українськ|україн|зсу|київ|сил оборони",
    "IRN": "іранськ|іран|тегеран", "IRQ": "іракськ|ірак|багдад", "GBR": "британськ|британі|лондон",
    "DEU": "німецьк|німеччин|берлін", "LBY": "лівійськ|хафтар", "SEN": "сенегал|дакар",
    "CIV": "івуарійськ", "BLR": "білоруськ|білорус|мінськ", "ISR": "ізраїльськ|ізраїл",
    "LBN": "ліванськ|хезбол", "EGY": "єгипетськ", "CHN": "китайськ",
    "UNO": "миротвор|мінусма|мінуска|монуско|оон", "_": "повстанц|бойовик|джихадист", "HOST": "хунт",
})

# Arabic entries are folded when compared (no article, ة as ه); broken plurals listed beside the
# nisba adjectives ("أتراك" beside "تركي", "أكراد" beside "كردي").
ARABIC = _table({
    "RUS": "روس|روسيا|فاغنر|الفيلق الافريقي|موسكو|الكرملين",
    "FRA": "فرنسي|فرنسا|باريس",
    "USA": "امريكي|اميركي|امريك|اميرك|الولايات المتحده|واشنطن|البنتاغون",
    "TUR": "تركي|تركيا|اتراك|انقره", "SYR": "سوري|دمشق|كردي|اكراد|قسد|سوريا الديمقراطيه",
    "MLI": "مالي|باماكو", "NER": "نيجري|النيجر|نيامي", "NGA": "نيجيري",
    "TCD": "تشادي|تشاد", "BFA": "بوركين", "UKR": "اوكراني|اوكرانيا|كييف",
    "IRN": "ايراني|ايران|طهران", "IRQ": "عراقي|العراق|بغداد", "GBR": "بريطاني|بريطانيا|لندن",
    "DEU": "الماني|المانيا|برلين", "LBY": "ليبي|حفتر", "SEN": "السنغال|داكار",
    "CIV": "ايفواري|ساحل العاج", "BLR": "بيلاروس|روسيا البيضاء|مينسك", "ISR": "اسرائيلي|اسرائيل",
    "LBN": "لبناني|حزب الله", "EGY": "مصري", "CHN": "صيني",
    "UNO": "حفظ السلام|مينوسما|مينوسكا|مونوسكو|الامم المتحده", "_": "متمرد|مسلح",
    "HOST": "المجلس العسكري|المجموعه العسكريه",
})

FORCES = {"fr": FRENCH, "ru": RUSSIAN, "uk": UKRAINIAN, "ar": ARABIC}
# Named forces, never places: "des combattants de Wagner", "مقاتلون من فاغنر" are not "from Wagner".
NAMED_FORCES = frozenset({"wagner", "africa corps", "barkhane", "minusma", "minusca", "monusco", "hezbollah", "fds",
                          "вагнер", "африканск корпус", "африканськ корпус", "минусма", "мінусма", "минуска",
                          "мінуска", "монуско", "хезболл", "хезбол", "сдс", "всу", "зсу", "فاغنر", "الفيلق الافريقي",
                          "مينوسما", "مينوسكا", "مونوسكو", "حزب الله", "قسد"})
ORGANISATIONS = {"UNO": "United Nations"}


@lru_cache(maxsize=512)
def force_name(code: str | None) -> str:
    """The English name a coded actor is shown by ("France", "United Nations"), whatever the
    language of the word that named it: records stay comparable across languages."""
    if not code:
        return ARMED_GROUP
    if code in ORGANISATIONS:
        return ORGANISATIONS[code]
    from sitrep.geo.countries import country_names

    return country_names().get(code, code)
