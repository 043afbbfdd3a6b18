"""Word lists of the native route, one `Lexicon` per language: trigger stems mapped to PLOVER
categories, modality cues, place-role markers and weekday names; actor words are in forces.py,
attribution cues in sources.py. Stems are matched as prefixes of folded words (extract/native/words.py), so
"retir" covers retiré, retirés, retirent; Arabic stems are matched after its clitics (و ف ب ل ك ال)
are peeled off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.extract.lexicon import Trigger
from sitrep.extract.native.forces import FORCES

R = Trigger("RETREAT", "departed")
HANDOVER = Trigger("RETREAT", "departed", "handover")
M = Trigger("MOBILIZE", "arriving", "troops")
STAY = Trigger("MOBILIZE", "present", "troops")
TALKS = Trigger("CONSULT")
DEAL = Trigger("AGREE")
ASK = Trigger("REQUEST")
END_DEAL = Trigger("REJECT")


@dataclass(frozen=True)
class Lexicon:
    """What the native route knows of one language's words."""

    language: str
    triggers: dict[str, Trigger]
    actors: dict[str, str]  # word stem -> ISO3 (or organisation) code
    negations: frozenset[str]
    future: frozenset[str]  # words marking an announced or planned move
    hedges: frozenset[str]  # speculation: no claim, no event
    destination: frozenset[str]  # the place after these is where a force goes
    origin: frozenset[str]  # the place after these is where a force came from
    weekdays: dict[str, int] = field(default_factory=dict)  # word stem -> Monday=0
    future_prefix: str = ""  # Arabic "س" before an imperfect verb
    not_triggers: frozenset[str] = frozenset()  # words a trigger stem begins but that mean something else
    denials: frozenset[str] = frozenset()  # stems of verbs that deny the clause after them ("a démenti que")


FRENCH = Lexicon(
    language="fr",
    triggers={
        "retir": R, "retrait": R, "quitt": R, "évacu": R, "désengag": R, "départ": R, "repli": R,
        "rapatri": R, "partis": R, "parti": R, "abandonn": R, "achemin": M, "posé": M,
        "concentr": STAY, "massé": STAY, "vus": STAY, "aperçu": STAY, "possession": M,
        "rétrocéd": HANDOVER, "rétrocession": HANDOVER, "remis": HANDOVER, "remise": HANDOVER,
        "déploy": M, "déploie": M, "redéploy": M, "arriv": M, "renforc": M, "dépêch": M, "envoy": M,
        "stationn": STAY, "débarqu": M, "atterri": M, "installé": M, "s'install": M, "entré": M, "entrée": M, "patrouill": STAY,
        "pourparlers": TALKS, "délégation": TALKS, "entretenu": TALKS, "entretien": TALKS, "rencontr": TALKS, "visite": TALKS,
        "signé": DEAL, "conclu": DEAL, "exig": ASK, "réclam": ASK, "somm": ASK,
        "dénonc": END_DEAL, "rompu": END_DEAL,
        # Synonyms and other forms of the verbs above (no word taken from a held-out report).
        "réuni": TALKS, "discussions": TALKS, "négoci": TALKS, "consultations": TALKS, "sommet": TALKS,
        "rejoint": M, "parvenu": M, "transfér": M, "observé": STAY, "cédé": HANDOVER, "demandé": ASK,
        "pris le contrôle": M, "prend le contrôle": M, "pris position": STAY, "mis fin": END_DEAL, "pris fin": END_DEAL, "met fin": END_DEAL, "mettre fin": END_DEAL, "paraph": DEAL, "ratifi": DEAL,
    },
    actors=FORCES["fr"],
    negations=frozenset({"pas", "jamais", "aucun", "aucune", "démenti", "dément", "nié", "nie"}),
    future=frozenset({"retirera", "retireront", "quittera", "quitteront", "prévoit", "prévu", "annoncé",
                      "annonce", "doit", "doivent", "devrait", "devraient", "compte", "va", "vont",
                      "calendrier", "prochaine", "prochain", "vouloir", "veut", "veulent", "entend",
                      "entendent", "envisag", "projet", "sera", "seront", "ordonné"}),
    hedges=frozenset({"pourrait", "pourraient", "peut-être", "éventuel", "éventuellement", "rumeurs"}),
    destination=frozenset({"vers", "destination", "direction", "rejoindre", "rallier"}),
    origin=frozenset({"depuis", "provenance", "venant", "venus", "venues", "quitté"}),
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    denials=frozenset({"dément", "démenti", "nié", "nie", "nient", "contest"}),
    not_triggers=frozenset({"partie", "parties", "partiel", "partielle", "partiellement", "partisan", "partisans",
                            "visiteurs"}),
)

RUSSIAN = Lexicon(
    language="ru",
    triggers={
        "вывел": R, "вывод": R, "выведен": R, "вывез": R, "вывест": R, "покину": R, "уйти": R, "уход": R, "отвел": R, "отвод": R,
        "отошл": R, "отступ": R, "ушл": R, "ушел": R, "эвакуир": R, "оставил": R, "свернул": R,
        "передал": HANDOVER, "передан": HANDOVER, "передат": HANDOVER, "передаст": HANDOVER,
        "развернул": M, "разверн": M, "развертыван": M, "прибыл": M, "прибыт": M, "перебросил": M,
        "переброск": M, "переброшен": M, "направил": M, "направлен": M, "вошл": M, "вошел": M, "ввел": M,
        "введен": M, "разместил": M, "размещ": M, "усилил": M, "доставил": M, "приземлил": M, "стянул": M,
        "сосредоточ": STAY, "патрулир": STAY, "зашл": M, "заметили": STAY, "замечен": STAY, "отправ": M,
        "переговор": TALKS, "делегаци": TALKS, "встретил": TALKS, "встреч": TALKS, "визит": TALKS, "посетил": TALKS,
        "подписал": DEAL, "подписан": DEAL, "потребовал": ASK, "требует": ASK, "требован": ASK,
        "расторг": END_DEAL, "денонсир": END_DEAL, "разорвал": END_DEAL,
        # Other aspects, genders and numbers of the verbs above, and their synonyms.
        "покида": R, "оставля": R, "вышл": R, "вышел": R, "отошел": R, "отвед": R,
        "сдал": HANDOVER, "прибыва": M, "прибуд": M, "переброс": M, "перебрасыва": M,
        "выдвинул": M, "выдвига": M, "высадил": M, "высадк": M, "вступил": M, "въехал": M, "зашел": M,
        "сели": M, "наращива": STAY, "вывоз": R, "эвакуац": R, "собрал": STAY, "совещани": TALKS, "консультаци": TALKS,
        "саммит": TALKS, "заключил": DEAL, "заключен": DEAL, "призвал": ASK, "пришл": M, "пришел": M,
        "взяли под контроль": M, "взял под контроль": M, "установили контроль": M,
    },
    actors=FORCES["ru"],
    negations=frozenset({"не", "нет", "опроверг", "опровергл", "отрицает", "ни"}),
    future=frozenset({"выведет", "выведут", "покинет", "покинут", "планирует", "планируют", "намерен",
                      "намерена", "намерены", "будет", "будут", "собирается", "собираются", "предстоит",
                      "объявил", "объявила", "пообещал", "график", "должн", "намерени", "приказал", "запланирован"}),
    hedges=frozenset({"может", "могут", "возможно", "вероятно", "якобы", "слухи"}),
    destination=frozenset({"в сторону", "направлении", "к", "до"}),
    origin=frozenset({"из", "со", "с"}),
    denials=frozenset({"опроверг", "отрица", "опровер"}),
    weekdays={"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6},
)

UKRAINIAN = Lexicon(
    language="uk",
    triggers={
        "вивел": R, "вивів": R, "вивед": R, "виведен": R, "вивід": R, "виве": R, "вивест": R, "покину": R, "відвел": R, "відвів": R,
        "відвед": R, "покинул": R, "покинув": R, "залишил": R, "залишив": R, "відступ": R, "відійшл": R,
        "евакуюв": R, "пішл": R,
        "передал": HANDOVER, "передав": HANDOVER, "передан": HANDOVER, "передат": HANDOVER,
        "передаст": HANDOVER, "приземли": M, "зустрів": TALKS, "піти": R,
        "розгорнул": M, "розгорнув": M, "розгорта": M, "розгортан": M, "прибул": M, "прибув": M,
        "перекинул": M, "перекинув": M, "перекида": M, "перекинут": M, "направил": M, "направив": M,
        "увійшл": M, "зайшл": M, "розмістил": M, "розмістив": M, "розміщ": M, "посилил": M, "посилив": M,
        "стягу": STAY, "стягнул": M, "зосеред": STAY, "патрулю": STAY, "доправил": M, "помітили": STAY,
        "помічен": STAY, "відправ": M,
        "переговор": TALKS, "делегаці": TALKS, "зустріл": TALKS, "зустріч": TALKS, "візит": TALKS, "відвідав": TALKS,
        "підписал": DEAL, "підписав": DEAL, "вимага": ASK, "вимагав": ASK, "зажадал": ASK,
        "розірвал": END_DEAL, "розірвав": END_DEAL, "денонсу": END_DEAL,
        # Other aspects, genders and numbers of the verbs above, and their synonyms.
        "покида": R, "залиша": R, "вийшл": R, "вийшов": R, "відійшов": R, "вихід": R,
        "здал": HANDOVER, "здав": HANDOVER, "прибува": M, "прибуд": M, "висадил": M,
        "висадив": M, "ввели": M, "ввів": M, "введен": M, "увійшов": M, "вступил": M, "в'їхал": M, "заїхал": M,
        "сіли": M, "направлен": M, "нарощу": STAY, "вивоз": R, "вивез": R, "евакуац": R, "зібрал": STAY,
        "нарад": TALKS, "консультаці": TALKS, "саміт": TALKS, "уклал": DEAL, "укладен": DEAL,
        "закликал": ASK, "закликав": ASK, "прийшл": M, "прийшов": M,
        "взяли під контроль": M, "взяв під контроль": M, "встановили контроль": M,
    },
    actors=FORCES["uk"],
    negations=frozenset({"не", "ні", "немає", "спростува", "спростував", "заперечу"}),
    future=frozenset({"виведе", "виведуть", "покине", "планує", "планують", "має намір", "мають намір",
                      "буде", "будуть", "збирається", "збираються", "оголосив", "оголосила", "пообіцяв", "має", "мають",
                      "наміру", "намір", "наказав", "запланован"}),
    hedges=frozenset({"може", "можуть", "можливо", "ймовірно", "нібито", "чутки"}),
    destination=frozenset({"у бік", "напрямку", "до"}),
    origin=frozenset({"з", "із", "зі"}),
    denials=frozenset({"спростув", "заперечу", "заперечи"}),
    weekdays={"понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "п’ятниц": 4, "субот": 5, "неділ": 6},
)

# Arabic stems are written folded (أ/إ/آ as ا, ة as ه, ى as ي, no article), as words are compared.
ARABIC = Lexicon(
    language="ar",
    triggers={
        "انسحب": R, "تنسحب": R, "ينسحب": R, "انسحاب": R, "سحب": R, "تسحب": R, "يسحب": R, "غادر": R,
        "تغادر": R, "يغادر": R, "مغادره": R, "اخلت": R, "اخلي": R, "اخلاء": R, "تخلي": R,
        "سلمت": HANDOVER, "سلم": HANDOVER, "تسليم": HANDOVER, "تسلم": M, "تراجع": R,
        "انتشر": M, "تنتشر": M, "انتشار": M, "نشرت": M, "نشر": M, "تنشر": M, "وصلت": M, "وصل": M, "وصول": M,
        "دخلت": M, "دخل": M, "عززت": M, "عزز": M, "تعزيزات": M, "ارسلت": M, "ارسل": M, "ترسل": M,
        "دفعت": M, "استقدمت": M, "استقدم": M, "تمركز": STAY, "تتمركز": STAY, "حشد": STAY, "حطت": M, "هبطت": M,
        "نقلت": M, "ارتال": M, "رتل": M, "شوهد": STAY,
        "محادثات": TALKS, "وفد": TALKS, "مباحثات": TALKS, "التقي": TALKS, "التقت": TALKS, "زياره": TALKS, "زار": TALKS,
        "اجتماع": TALKS, "وقعت": DEAL, "وقع": DEAL, "طالبت": ASK, "طالب": ASK, "تطالب": ASK,
        "الغت": END_DEAL, "الغاء": END_DEAL,
        # Other persons, voices and verbal nouns of the verbs above, and their synonyms; "تسلم"
        # (took over) is an arrival, "سلم" (handed over) the handover.
        "رحيل": R, "خروج": R, "اجلاء": R, "نقل": M, "انتقل": M, "توجه": M, "تحرك": M, "هبط": M,
        "شاهد": STAY, "نزل": M, "سيطر": M, "استلم": M, "اجتمع": TALKS, "مشاورات": TALKS, "مفاوضات": TALKS, "ابرم": DEAL, "توقيع": DEAL,
        "دعت": ASK,
    },
    actors=FORCES["ar"],
    negations=frozenset({"لم", "لن", "نفت", "نفي", "نفى", "ينفي", "تنفي", "لا", "ليس"}),
    future=frozenset({"سوف", "تعتزم", "يعتزم", "تنوي", "ينوي", "نيه", "المقرر", "مقرر", "تخطط", "يخطط", "اعلنت", "اعلن", "ستكمل",
                      "خلال الاسابيع", "المقبل", "المقبله"}),
    hedges=frozenset({"ربما", "يحتمل", "محتمل", "شائعات"}),
    destination=frozenset({"الي", "نحو", "باتجاه", "اتجاه"}),
    origin=frozenset({"من", "قادمه", "قادمين"}),
    weekdays={"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6},
    future_prefix="س",
    denials=frozenset({"نفت", "نفي", "ينفي", "تنفي"}),
    not_triggers=frozenset({"وزاره", "زاويه", "سلام", "سلامه", "وصلات", "نقلا"}),
)

LEXICONS = {lex.language: lex for lex in (FRENCH, RUSSIAN, UKRAINIAN, ARABIC)}
