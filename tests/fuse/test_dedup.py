"""Deduplication and independent sources on hand-made mentions."""

from dataclasses import replace
from datetime import date

from sitrep.fuse import Mention, cluster_mentions, independent_origins, same_happening

BASE = Mention(
    event_id="e1", document_id="d1", event="RETREAT", actor_code="RUS", site_id="qamishli-airport",
    lat=37.02, lon=41.19, resolution="site", country_code="SYR", date=date(2024, 12, 16), enddate=None,
    published=date(2024, 12, 16), posture="departed", outlet="Levant Monitor", url=None,
    attribution_source="Syrian Observatory for Human Rights", attribution_kind="observatory", confidence=0.9,
)


def other(**changes):
    return replace(BASE, **{"event_id": "e2", "document_id": "d2", "outlet": "Euphrates News", **changes})


def test_same_movement_from_two_outlets_is_one_happening():
    assert same_happening(BASE, other())


def test_same_report_never_fuses_with_itself():
    assert not same_happening(BASE, other(document_id="d1"))


def test_different_days_are_different_happenings():
    assert not same_happening(BASE, other(date=date(2024, 12, 15)))


def test_different_category_or_actor_or_site_do_not_fuse():
    assert not same_happening(BASE, other(event="MOBILIZE"))
    assert not same_happening(BASE, other(actor_code="USA"))
    assert not same_happening(BASE, other(site_id="hmeimim"))


def test_unknown_actor_may_fuse():
    assert same_happening(BASE, other(actor_code=None))


def test_undated_mention_fuses_within_the_week_before_publication():
    assert same_happening(BASE, other(date=None, published=date(2024, 12, 18)))
    assert not same_happening(BASE, other(date=None, published=date(2025, 1, 20)))


def test_towns_fuse_within_their_resolution_distance():
    town = replace(BASE, site_id=None, resolution="city", lat=36.0, lon=38.0)
    assert same_happening(town, replace(town, event_id="e2", document_id="d2", lat=36.05))
    assert not same_happening(town, replace(town, event_id="e2", document_id="d2", lat=36.5))


def test_undated_mention_cannot_bridge_two_days():
    sunday = other(event_id="e2", document_id="d2", date=date(2024, 12, 15))
    undated = other(event_id="e3", document_id="d3", date=None, published=date(2024, 12, 17))
    groups = cluster_mentions([BASE, sunday, undated])
    assert len(groups) == 2
    assert {m.event_id for g in groups for m in g} == {"e1", "e2", "e3"}


def test_outlets_relaying_one_named_source_count_once():
    relay = other(attribution_source="Syrian Observatory for Human Rights")
    own = other(event_id="e3", document_id="d3", outlet="Meridian Wire", attribution_source="Meridian Wire",
                attribution_kind="media")
    assert independent_origins([BASE, relay]) == 1
    assert independent_origins([BASE, relay, own]) == 2


def test_one_report_naming_its_source_once_and_repeating_it_in_its_own_voice_is_one_origin():
    told_again = replace(BASE, event_id="e9", attribution_source="Levant Monitor", attribution_kind="media",
                         date=None)
    assert independent_origins([BASE, told_again]) == 1
    other_report = other(event_id="e3", document_id="d3", outlet="Meridian Wire", attribution_source="Meridian Wire",
                         attribution_kind="media")
    assert independent_origins([BASE, told_again, other_report]) == 2
    # A report citing two named sources relays two origins.
    second_source = replace(BASE, event_id="e8", attribution_source="Kurdish Red Crescent")
    assert independent_origins([BASE, second_source]) == 2


def test_unnamed_sources_of_two_outlets_are_independent():
    a = replace(BASE, attribution_source="residents", attribution_kind="sighting")
    b = other(attribution_source="residents", attribution_kind="sighting")
    assert independent_origins([a, b]) == 2


def _reference_clusters(mentions):
    """The plain greedy clustering cluster_mentions must equal: each mention joins the first group
    with a mention of the same happening whose dated members' windows all overlap its own."""
    def overlap(a, b):
        wa, wb = a.window(), b.window()
        return wa is None or wb is None or (wa[0] <= wb[1] and wb[0] <= wa[1])
    groups = []
    for m in sorted(mentions, key=lambda m: (m.date is None, m.date or date.min, m.event_id)):
        for group in groups:
            if any(same_happening(m, x) for x in group) and all(overlap(m, x) for x in group if x.date is not None):
                group.append(m)
                break
        else:
            groups.append([m])
    return sorted((sorted(g, key=lambda m: m.event_id) for g in groups), key=lambda g: g[0].event_id)


def test_fast_clustering_equals_the_plain_greedy_one():
    import random
    from datetime import timedelta
    rng = random.Random(5)
    for _ in range(40):
        mentions = []
        for i in range(rng.randint(5, 80)):
            day = date(2024, 12, 1) + timedelta(days=rng.randint(0, 12))
            dated = rng.random() < 0.8
            mentions.append(replace(
                BASE, event_id=f"e{i:03d}", document_id=f"d{rng.randint(0, 25)}",
                event=rng.choice(["RETREAT", "MOBILIZE"]), actor_code=rng.choice(["RUS", None, "TUR"]),
                site_id=rng.choice(["hmeimim", "qamishli-airport", None]), lat=36.0 + rng.random() * 0.2,
                date=day if dated else None, enddate=day + timedelta(days=rng.randint(1, 5)) if dated and rng.random() < 0.2 else None,
                published=day + timedelta(days=rng.randint(0, 3))))
        assert cluster_mentions(mentions) == _reference_clusters(mentions)
