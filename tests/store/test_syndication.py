"""Syndication groups in the store, on SQLite and PostgreSQL: a near copy joins the group of the
document it copies, an unrelated text does not, a rerun adds nothing (issue 17 item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from sitrep.records import Report, content_id
from sitrep.store import open_store

STORY = ("Fishing crews in the northern harbour stayed ashore for a fourth day on Thursday as the storm "
         "that closed the port on Monday kept waves above four metres along the coast. The harbour master "
         "said the boats would not leave before the weekend, and that two trawlers which had sheltered in "
         "a bay to the south would be towed back once the wind dropped. Fish prices at the morning market "
         "rose by a third, traders said, while restaurants in the old town took squid off their menus.")
COPY = STORY.replace("rose by a third", "climbed by about a third") + " Reporting by the regional desk."
OTHER = ("The city council approved the budget for street lighting on Monday after a long debate, and the "
         "mayor promised that the three bridges over the river would be repaired before the spring floods, "
         "while the opposition asked for more money for the outer districts and their flooded roads.")


def report(body: str, outlet: str) -> Report:
    return Report(id=content_id(body), text=body, origin=outlet, outlet=outlet, published=dt.date(2024, 12, 19))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 's.db'}")
    return open_store(request.getfixturevalue("fresh_pg_url"))


def groups(store) -> dict[str, str | None]:
    with store.engine.connect() as conn:
        return dict(conn.execute(text("SELECT outlet, syndication_group FROM documents")).all())


def test_a_near_copy_joins_the_group_of_the_first_copy(store):
    first, copy, other = report(STORY, "Harbour Wire"), report(COPY, "Coast Daily"), report(OTHER, "City Post")
    for r in (first, copy, other):
        store.save_report(r, [])  # the PostgreSQL database is shared by the module's tests
    assert groups(store) == {"Harbour Wire": first.id, "Coast Daily": first.id, "City Post": None}


def test_saving_again_adds_nothing(store):
    def counts() -> tuple[int, int]:
        with store.engine.connect() as conn:
            return (conn.execute(text("SELECT count(*) FROM documents")).scalar(),
                    conn.execute(text("SELECT count(*) FROM document_bands")).scalar())

    store.save_report(report(STORY, "Harbour Wire"), [])
    store.save_report(report(COPY, "Coast Daily"), [])
    before = counts()
    assert not store.save_report(report(STORY, "Harbour Wire"), [])
    assert not store.save_report(report(COPY, "Coast Daily"), [])
    assert counts() == before
