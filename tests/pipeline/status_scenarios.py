"""Dated report sets, written for the tests from public facts in our own words, with the status an
analyst would sign for a site at several dates. Each report is (file, outlet, published, text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    reports: tuple[tuple[str, str, str, str], ...]
    expected: tuple[tuple[str, str, str | None], ...]  # (site id, as-of day, status or None)


CHAD = Scenario(
    "French bases in Chad handed over one by one (2024-2025)",
    (
        ("chad-1.txt", "Sahel Courier", "2024-11-20",
         "About a thousand French soldiers are stationed at the Abeche air base, at Faya-Largeau and in "
         "N'Djamena, the French army said in a statement on Tuesday."),
        ("chad-2.txt", "Lake Chad Times", "2024-11-22",
         "French troops remain deployed at the Abeche air base in eastern Chad, local officials said on Thursday."),
        ("chad-3.txt", "Sahel Courier", "2024-12-27",
         "French forces handed over the Faya-Largeau base in northern Chad to the Chadian army on Thursday, "
         "the Chadian army said in a statement."),
        ("chad-4.txt", "Lake Chad Times", "2024-12-28",
         "The last French soldiers left Faya-Largeau on Thursday, residents of the oasis town said."),
        ("chad-5.txt", "Sahel Courier", "2025-01-12",
         "French troops handed over the Abeche air base to the Chadian army on Saturday, the Chadian "
         "defence ministry said in a statement."),
        ("chad-6.txt", "Lake Chad Times", "2025-01-25",
         "French soldiers are still at the Sergent Adji Kossei base in N'Djamena, a Chadian government "
         "spokesman said on Friday."),
        ("chad-7.txt", "Sahel Courier", "2025-01-31",
         "France handed over the Sergent Adji Kossei base in N'Djamena to Chad on Thursday, ending its "
         "military presence in the country, the Chadian government said in a statement."),
    ),
    (
        ("faya-largeau", "2024-11-19", None),
        ("faya-largeau", "2024-12-20", "present"),
        ("faya-largeau", "2024-12-27", "vacated"),
        ("abeche", "2024-11-25", "present"),
        ("abeche", "2025-01-10", "present"),
        ("abeche", "2025-01-12", "vacated"),
        ("ndjamena-adji-kossei", "2025-01-25", "present"),
        ("ndjamena-adji-kossei", "2025-02-01", "vacated"),
    ),
)

NIGER = Scenario(
    "US forces leave Niger's air bases 101 and 201 (2024)",
    (
        ("niger-1.txt", "Niamey Observer", "2024-05-20",
         "About a thousand American troops are still deployed at Air Base 201 in Agadez, the Pentagon said on Monday."),
        ("niger-2.txt", "Niamey Observer", "2024-07-08",
         "US forces completed their withdrawal from Air Base 101 in Niamey on Sunday, the US Defense "
         "Department said in a statement."),
        ("niger-3.txt", "Desert Dispatch", "2024-07-09",
         "American troops left Air Base 101 in Niamey on Sunday, Nigerien officials said."),
        ("niger-4.txt", "Desert Dispatch", "2024-07-20",
         "A few American soldiers reportedly returned to Air Base 101 in Niamey on Friday, according to "
         "an unverified video posted on social media."),
        ("niger-5.txt", "Niamey Observer", "2024-08-06",
         "US troops handed over Air Base 201 in Agadez to the Nigerien army on Monday, the Pentagon said "
         "in a statement."),
    ),
    (
        ("niamey-ba101", "2024-07-01", None),
        ("niamey-ba101", "2024-07-08", "vacated"),
        ("niamey-ba101", "2024-07-25", "vacated"),
        ("agadez-ba201", "2024-06-01", "present"),
        ("agadez-ba201", "2024-08-01", "present"),
        ("agadez-ba201", "2024-08-06", "vacated"),
    ),
)

KARABAKH = Scenario(
    "Russian peacekeepers leave Nagorno-Karabakh (2024)",
    (
        ("nk-1.txt", "Caucasus Monitor", "2024-03-01",
         "Russian peacekeepers remain stationed at their base in Khankendi, the Azerbaijani defence ministry "
         "said on Friday."),
        ("nk-2.txt", "Caucasus Monitor", "2024-04-18",
         "Russian peacekeepers began withdrawing from their base in Khankendi on Wednesday, the Kremlin said."),
        ("nk-3.txt", "Baku Evening", "2024-04-19",
         "A column of Russian military trucks left the peacekeepers' base in Khankendi on Thursday, "
         "residents said."),
        ("nk-4.txt", "Caucasus Monitor", "2024-06-13",
         "The last Russian peacekeepers left their base in Khankendi on Wednesday, the Azerbaijani defence "
         "ministry said in a statement."),
    ),
    (
        ("khankendi", "2024-03-05", "present"),
        ("khankendi", "2024-04-20", "drawing down"),
        ("khankendi", "2024-06-01", "drawing down"),
        ("khankendi", "2024-06-13", "vacated"),
    ),
)

MINUSMA = Scenario(
    "MINUSMA leaves its camps in northern Mali (2023)",
    (
        ("mali-1.txt", "Sahel Courier", "2023-07-05",
         "UN peacekeepers are still deployed at the camp near Tessalit airfield, the UN mission in Mali said on Wednesday."),
        ("mali-2.txt", "Sahel Courier", "2023-10-22",
         "UN peacekeepers left their camp at Tessalit airfield on Saturday, the UN mission in Mali said "
         "in a statement."),
        ("mali-3.txt", "Bamako Daily", "2023-11-01",
         "UN peacekeepers left their camp at Kidal airport on Tuesday, the UN mission said in a statement."),
        ("mali-4.txt", "Desert Dispatch", "2023-11-02",
         "The last peacekeepers pulled out of Kidal airport on Tuesday, residents said."),
    ),
    (
        ("tessalit", "2023-07-10", "present"),
        ("tessalit", "2023-10-20", "present"),
        ("tessalit", "2023-10-22", "vacated"),
        ("kidal", "2023-10-30", None),
        ("kidal", "2023-10-31", None),
        ("kidal", "2023-11-01", "vacated"),
    ),
)

GAO = Scenario(
    "A partial drawdown at Gao and the full French exit months later (2022)",
    (
        ("gao-1.txt", "Sahel Courier", "2022-01-10",
         "French troops are stationed at Gao airport, the French army said in a statement on Monday."),
        ("gao-2.txt", "Sahel Courier", "2022-03-15",
         "French forces began withdrawing some armoured vehicles and helicopters from Gao airport on Monday, "
         "the French army said in a statement."),
        ("gao-3.txt", "Niger River News", "2022-05-20",
         "French soldiers remain at Gao airport, residents said on Friday."),
        ("gao-4.txt", "Sahel Courier", "2022-08-16",
         "The last French soldiers left Gao airport on Monday, the French army said in a statement."),
    ),
    (
        ("gao", "2022-02-01", "present"),
        ("gao", "2022-03-20", "drawing down"),
        ("gao", "2022-06-01", "drawing down"),
        ("gao", "2022-08-15", "drawing down"),
        ("gao", "2022-08-16", "vacated"),
    ),
)

RELAYED = Scenario(
    "Three outlets relay one observatory; a second origin confirms days later (Syria, 2024)",
    (
        ("relay-1.txt", "Coastal Watch", "2024-12-17",
         "Russian troops left the Shayrat air base on Monday, according to the Syrian Observatory for Human Rights."),
        ("relay-2.txt", "Homs Herald", "2024-12-17",
         "Russian forces withdrew from the Shayrat air base on Monday, the Syrian Observatory for Human Rights said."),
        ("relay-3.txt", "Levant Wire", "2024-12-18",
         "The departure of the Russian troops from the Shayrat air base was reported on Monday by the Syrian "
         "Observatory for Human Rights, a war monitor based in Britain."),
        ("relay-4.txt", "Orontes Daily", "2024-12-20",
         "Russian soldiers pulled out of the Shayrat air base on Monday, local residents told Orontes Daily."),
    ),
    (
        ("shayrat", "2024-12-19", None),
        ("shayrat", "2024-12-20", "vacated"),
    ),
)

HMEIMIM = Scenario(
    "Russia draws down at Hmeimim but stays (Syria, 2024-2025)",
    (
        ("hmeimim-1.txt", "Coastal Watch", "2024-12-14",
         "Satellite images taken on Friday showed Russian crews dismantling helicopters at the Hmeimim air "
         "base, Maxar Technologies said."),
        ("hmeimim-2.txt", "Levant Wire", "2024-12-15",
         "Russian transport planes flew equipment out of the Hmeimim air base on Saturday, flight-tracking data showed."),
        ("hmeimim-3.txt", "Latakia Today", "2024-12-20",
         "Russian soldiers are still at the Hmeimim air base, residents of Jableh said on Thursday."),
        ("hmeimim-4.txt", "Levant Wire", "2025-01-10",
         "Two more Russian transport aircraft left the Hmeimim air base for Russia on Thursday, "
         "flight-tracking data showed."),
        ("hmeimim-5.txt", "Coastal Watch", "2025-01-11",
         "Russian cargo planes took off from the Hmeimim air base on Thursday, according to flight trackers."),
        ("hmeimim-6.txt", "Damascus Daily", "2025-03-04",
         "Russian forces remain at the Hmeimim air base, the Syrian defence ministry said in a statement on Monday."),
    ),
    (
        ("hmeimim", "2024-12-14", None),
        ("hmeimim", "2024-12-15", "drawing down"),
        ("hmeimim", "2024-12-25", "drawing down"),
        ("hmeimim", "2025-01-15", "drawing down"),
        ("hmeimim", "2025-03-05", "present"),
    ),
)

SCENARIOS = (CHAD, NIGER, KARABAKH, MINUSMA, GAO, RELAYED, HMEIMIM)
