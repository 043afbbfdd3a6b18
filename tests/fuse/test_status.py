"""Site status timelines from posture claims."""

from datetime import date

from sitrep.fuse.status import PostureClaim, site_timeline, timelines_by_actor


def claim(fid, day, posture, sources=1, conf=0.8, actor="RUS"):
    return PostureClaim(fid, date(2024, 12, day), posture, conf, sources, actor)


def test_present_then_drawing_down_then_vacated():
    timeline = site_timeline([claim("a", 1, "present"), claim("b", 13, "departing"), claim("c", 16, "departed")])
    assert [(c.status, c.since.day, c.evidence) for c in timeline] == [
        ("present", 1, ["a"]), ("drawing down", 13, ["b"]), ("vacated", 16, ["c"])]


def test_arrival_after_vacated_is_a_return():
    timeline = site_timeline([claim("a", 10, "departed"), claim("b", 20, "arriving")])
    assert [c.status for c in timeline] == ["vacated", "returned"]


def test_low_confidence_claims_change_nothing():
    timeline = site_timeline([claim("a", 10, "departed"), claim("b", 20, "arriving", conf=0.1)])
    assert [c.status for c in timeline] == ["vacated"]


def test_same_day_contradiction_is_kept_as_contested():
    timeline = site_timeline([claim("left", 16, "departed", sources=2), claim("still", 16, "present")])
    assert timeline[-1].status == "vacated"
    assert timeline[-1].contested_by == ["still"]


def test_foreign_force_is_the_headline_at_a_host_site():
    claims = [claim("ru", 12, "departed"), claim("sdf1", 12, "arriving", actor="SYR"),
              claim("sdf2", 13, "present", actor="SYR")]
    headline, timelines = timelines_by_actor(claims, host="SYR")
    assert headline == "RUS"
    assert timelines["RUS"][-1].status == "vacated"
    assert timelines["SYR"][-1].status == "present"
