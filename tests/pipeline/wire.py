"""Hand-written wire stories for the watcher's tests (written for sitrep, CC0): one story as two
sites publish it with small edits, and an unrelated story by a third outlet on the same happening."""

WIRE = [
    "Russian forces withdrew from Qamishli airport on December 17, 2024, loading helicopters and "
    "armoured vehicles onto transport aircraft before dawn.",
    "The airport in north-eastern Syria had hosted a Russian garrison since 2019, when Moscow moved "
    "troops into the area after a Turkish offensive along the border. Residents of the city watched "
    "a long column of trucks drive onto the apron during the night, and two large cargo planes left "
    "shortly after sunrise, heading west towards the coast.",
    "Kurdish-led administrators in the province have asked for talks about the future of the site, "
    "which sits a few kilometres from the Turkish frontier and handles civilian flights to Damascus. "
    "No date for such talks has been set, and the local airport authority declined to comment on "
    "the movements or on the number of soldiers who remain at the facility.",
    "The pullback follows the fall of the government in Damascus earlier this month, which left the "
    "future of Moscow's bases across the country uncertain. Diplomats in the region expect further "
    "departures from smaller outposts in the north over the coming weeks.",
]

# The same story on a second site: a new headline, one sentence reworded, a closing line added.
WIRE_COPY = [WIRE[0], WIRE[1].replace("two large cargo planes", "a pair of heavy cargo planes"), WIRE[2],
             WIRE[3] + " The regional desk contributed reporting."]

OWN_STORY = [
    "Russian forces withdrew from Qamishli airport on December 17, 2024, our correspondent in the "
    "city reported after visiting the perimeter.",
    "Guards at the gate said the last vehicles had gone and that only a handful of technicians stayed "
    "behind to hand the runway back to Syrian civil aviation staff. Shops near the terminal reopened "
    "in the afternoon as the usual checkpoints on the airport road were left unmanned.",
]

UNRELATED = [
    "The city council approved a new budget for street lighting and the repair of three bridges on "
    "Monday, after a debate that lasted most of the afternoon and ended with a narrow vote.",
    "Members of the opposition said the plan did too little for the outer districts, where many "
    "roads flood every winter, while the mayor promised a second package of works in the spring.",
]
