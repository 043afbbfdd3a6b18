"""The site-status judgement (fuse/status.py) over hand-made claims: weights, corroboration,
hedging, drawdowns, returns, contradictions, as-of reading and incremental replay."""

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from sitrep.fuse.status import Piece, PostureClaim, judge, timelines_by_actor
from sitrep.settings import StatusRules

RULES = StatusRules()


def day(n: int) -> date:
    return date(2024, 12, 1) + timedelta(days=n - 1)


def claim(fid: str, n: int, posture: str, *pieces: tuple[str, str] | tuple[str, str, bool], actor: str = "RUS"
          ) -> PostureClaim:
    """A claim on day n; each piece is (origin, kind) or (origin, kind, hedged)."""
    made = tuple(Piece(p[0], p[1], bool(p[2]) if len(p) > 2 else False, p[0]) for p in pieces)  # type: ignore[misc]
    return PostureClaim(fid, day(n), posture, 0.8, len({p.origin for p in made}), actor, made)


def statuses(claims: list[PostureClaim], rules: StatusRules = RULES) -> list[tuple[str, int]]:
    return [(c.status, c.since.day) for c in judge(claims, rules).changes]


def test_one_ordinary_report_does_not_change_a_status_but_is_kept_as_unconfirmed():
    timeline = judge([claim("a", 5, "departed", ("outlet:desert wire", "media"))], RULES)
    assert timeline.changes == []
    [pending] = timeline.unconfirmed
    assert (pending.fused_id, pending.status) == ("a", "vacated")
    assert "independent origin" in pending.reason


def test_a_strong_piece_changes_the_status_alone():
    for kind in ("imagery-counts", "official"):
        assert statuses([claim("a", 5, "departing", ("src:maxar", kind))]) == [("drawing down", 5)]


def test_two_independent_origins_change_it_but_two_outlets_relaying_one_origin_do_not():
    two = [claim("a", 5, "departed", ("outlet:north wire", "sighting")),
           claim("b", 7, "departed", ("outlet:river post", "media"))]
    assert statuses(two) == [("vacated", 5)]
    timeline = judge(two, RULES)
    assert timeline.changes[0].confirmed == day(7)  # known once the second origin spoke
    relayed = [claim("a", 5, "departed", ("src:syrian observatory", "observatory")),
               claim("b", 6, "departed", ("src:syrian observatory", "observatory"))]
    assert statuses(relayed) == []


def test_origins_too_far_apart_do_not_corroborate_each_other():
    apart = [claim("a", 1, "departed", ("outlet:north wire", "media")),
             claim("b", 1 + RULES.window_days + 1, "departed", ("outlet:river post", "media"))]
    assert statuses(apart) == []


def test_hedged_and_unverified_claims_never_change_a_status():
    hedged = judge([claim("a", 5, "departed", ("outlet:a", "official", True), ("outlet:b", "imagery-counts", True))], RULES)
    assert hedged.changes == [] and hedged.unconfirmed[0].reason.startswith("hedged")
    social = judge([claim("a", 5, "arriving", ("outlet:channel one", "social"), ("outlet:channel two", "social"))], RULES)
    assert social.changes == [] and social.unconfirmed[0].reason.startswith("unverified")


def test_a_partial_drawdown_is_drawing_down_and_the_force_stays_until_an_exit():
    claims = [claim("a", 1, "present", ("src:ministry", "official")),
              claim("b", 10, "departing", ("src:maxar", "imagery-counts")),
              claim("c", 12, "present", ("outlet:x", "media"), ("outlet:y", "observatory")),
              claim("d", 25, "departed", ("src:maxar", "imagery-counts"))]
    assert statuses(claims) == [("present", 1), ("drawing down", 10), ("vacated", 25)]


def test_arrivals_during_a_drawdown_are_part_of_it_until_the_departures_stop():
    claims = [claim("a", 1, "departing", ("src:maxar", "imagery-counts")),
              claim("b", 3, "arriving", ("outlet:x", "flight-tracking"), ("outlet:y", "media")),
              claim("c", 1 + RULES.settle_days + 2, "present", ("src:ministry", "official"))]
    timeline = judge(claims, RULES)
    assert [(c.status, c.since.day) for c in timeline.changes] == [("drawing down", 1), ("present", 24)]
    assert [u.fused_id for u in timeline.unconfirmed] == ["b"] and "drawdown" in timeline.unconfirmed[0].reason


def test_a_lone_rumour_of_return_leaves_the_site_vacated_and_an_official_return_is_a_return():
    claims = [claim("a", 1, "departed", ("src:army", "official")),
              claim("b", 15, "arriving", ("outlet:channel", "social")),
              claim("c", 40 - 14, "arriving", ("src:ministry", "official"))]
    timeline = judge(claims, RULES)
    assert [(c.status, c.since.day) for c in timeline.changes] == [("vacated", 1), ("returned", 26)]
    assert [u.fused_id for u in timeline.unconfirmed] == ["b"]


def test_departures_after_an_exit_repeat_it():
    claims = [claim("a", 1, "departed", ("src:army", "official")),
              claim("b", 4, "departing", ("outlet:x", "media"), ("outlet:y", "media"))]
    timeline = judge(claims, RULES)
    assert statuses(claims) == [("vacated", 1)] and timeline.changes[0].evidence == ["a", "b"]


def test_a_contradicted_claim_of_comparable_weight_does_not_change_the_status():
    claims = [claim("a", 1, "present", ("src:ministry", "official")),
              claim("b", 20, "departed", ("outlet:x", "media"), ("outlet:y", "sighting")),
              claim("c", 21, "present", ("src:ministry", "official"))]
    timeline = judge(claims, RULES)
    assert [c.status for c in timeline.changes] == ["present"]
    assert any("contested" in u.reason for u in timeline.unconfirmed if u.fused_id == "b")


def test_a_change_outweighing_its_contradiction_wins_and_names_it():
    claims = [claim("a", 1, "present", ("src:ministry", "official")),
              claim("b", 20, "departed", ("src:maxar", "imagery-counts"), ("src:ministry", "official")),
              claim("c", 20, "present", ("outlet:x", "media"), ("outlet:y", "media"))]
    timeline = judge(claims, RULES)
    assert [c.status for c in timeline.changes] == ["present", "vacated"]
    assert timeline.changes[-1].contested_by == ["c"]


def test_each_change_has_a_confidence_and_its_reasons_strongest_first():
    timeline = judge([claim("a", 5, "departed", ("outlet:x", "media"), ("src:observatory", "observatory"))], RULES)
    change = timeline.changes[0]
    assert change.confidence == pytest.approx(1 - 0.6 * 0.4, abs=0.01)
    assert [(r.kind, r.weight) for r in change.reasons] == [("observatory", 0.6), ("media", 0.4)]


def test_as_of_reads_what_was_confirmed_by_that_day():
    timeline = judge([claim("a", 3, "present", ("src:ministry", "official")),
                      claim("b", 10, "departed", ("outlet:x", "media")),
                      claim("c", 12, "departed", ("outlet:y", "media"))], RULES)
    assert timeline.as_of(day(2)) is None
    assert timeline.as_of(day(11)).status == "present"  # one origin by then
    vacated = timeline.as_of(day(12))
    assert (vacated.status, vacated.since) == ("vacated", day(10))


def test_rules_are_configurable_and_change_the_verdict():
    one = [claim("a", 5, "departed", ("outlet:x", "media"))]
    assert statuses(one, replace(RULES, min_origins=1)) == [("vacated", 5)]
    env = StatusRules.from_env({"SITREP_STATUS_WEIGHTS": "media=0.95", "SITREP_STATUS_WINDOW_DAYS": "3"})
    assert env.weight("media") == 0.95 and env.window_days == 3 and statuses(one, env) == [("vacated", 5)]
    assert env.fingerprint() != RULES.fingerprint()
    assert StatusRules.from_env({}).fingerprint() == RULES.fingerprint()
    with pytest.raises(ValueError, match="SITREP_STATUS_MIN_ORIGINS"):
        StatusRules.from_env({"SITREP_STATUS_MIN_ORIGINS": "two"})


def test_replaying_from_any_day_with_the_stored_prefix_equals_judging_everything():
    rng = random.Random(7)
    kinds = ["media", "sighting", "observatory", "official", "imagery-counts", "social", "flight-tracking"]
    postures = ["arriving", "present", "departing", "departed"]
    for _ in range(60):
        claims = []
        for i in range(rng.randint(3, 25)):
            made = claim(f"c{i:03d}", rng.randint(1, 90), rng.choice(postures),
                         *[(f"outlet:{rng.randint(1, 6)}", rng.choice(kinds), rng.random() < 0.15)
                           for _ in range(rng.randint(1, 3))])
            # Reports published the same day or up to six weeks later (past the late-report cap).
            late = tuple(replace(p, published=made.day + timedelta(days=rng.choice([0, 0, 1, 3, 12, 45])))
                         for p in made.pieces)
            claims.append(replace(made, pieces=late))
        full = judge(claims, RULES)
        start = day(rng.randint(1, 90))
        # What was stored before the claims about `start` and later arrived, cut where replay begins.
        stored = judge([c for c in claims if c.day < start], RULES)
        prefix = replace(stored, changes=[c for c in stored.changes if c.known_on < start],
                         unconfirmed=[u for u in stored.unconfirmed if u.known_on < start])
        again = judge(claims, RULES, prefix=prefix, start=start)
        assert [(c.status, c.since, c.known_on) for c in again.changes] == \
               [(c.status, c.since, c.known_on) for c in full.changes]


def test_each_force_has_its_own_timeline_and_the_foreign_force_heads_the_site():
    claims = [claim("a", 1, "departed", ("src:army", "official")),
              claim("b", 1, "arriving", ("src:army", "official"), actor="SYR")]
    headline, timelines = timelines_by_actor(claims, RULES, host="SYR")
    assert headline == "RUS"
    assert timelines["RUS"].changes[0].status == "vacated" and timelines["SYR"].changes[0].status == "present"


def test_a_denial_of_comparable_weight_right_after_an_exit_withdraws_it():
    claims = [claim("a", 1, "present", ("src:ministry", "official")),
              claim("b", 20, "departed", ("src:sdf", "official")),
              claim("c", 21, "present", ("src:ministry", "official"))]
    timeline = judge(claims, RULES)
    assert [c.status for c in timeline.changes] == ["present"]
    assert {u.fused_id for u in timeline.unconfirmed if u.reason.startswith("contested")} == {"b", "c"}
    assert timeline.as_of(day(20)).status == "present"  # the withdrawn exit is not history either


def test_a_claim_counts_from_the_day_its_report_was_published():
    def told(fid: str, n: int, origin: str, kind: str, published: int) -> PostureClaim:
        return PostureClaim(fid, day(n), "departed", 0.8, 1, "RUS", (Piece(origin, kind, False, origin, day(published)),))
    timeline = judge([told("a", 16, "src:observatory", "observatory", 17),
                      told("b", 16, "outlet:orontes daily", "sighting", 20)], RULES)
    assert timeline.as_of(day(19)) is None
    change = timeline.as_of(day(20))
    assert (change.status, change.since, change.confirmed) == ("vacated", day(16), day(20))
    late = judge([told("a", 1, "src:army", "official", 80)], RULES).changes[0]
    assert late.confirmed == day(1 + RULES.late_days)  # a very late report counts from the cap
