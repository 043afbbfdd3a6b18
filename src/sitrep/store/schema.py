"""Tables (SQLAlchemy Core). Portable types only, so PostgreSQL follows without a rewrite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
                        BigInteger,
                        Boolean,
                        Column,
                        Date,
                        DateTime,
                        Float,
                        ForeignKey,
                        Index,
                        Integer,
                        LargeBinary,
                        MetaData,
                        String,
                        Table,
                        Text,
                        or_,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the normalised text
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("extractor", String(64), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Near-duplicate copies of one story (a wire story on several sites) share a group: the id of
    # the first stored copy; NULL for a document with no copy (migration 0008).
    Column("syndication_group", String(64)),
    Column("minhash", LargeBinary),  # the text's MinHash signature (fuse/neardup.py)
)
Index("ix_documents_syndication", documents.c.syndication_group)

# LSH bands of each document's MinHash: documents sharing a band are candidate copies.
document_bands = Table(
    "document_bands",
    metadata,
    Column("band", BigInteger, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)

# What the watcher fetched, by canonical URL: feeds and pages keep their validators (ETag,
# Last-Modified) for conditional requests; articles are never fetched again.
fetched_urls = Table(
    "fetched_urls",
    metadata,
    Column("url_key", String(40), primary_key=True),  # sha256 of the canonical URL (sources/web.py)
    Column("url", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # feed, page, article
    Column("document_id", String(64)),  # the report it gave (NULL: skipped, with the outcome)
    Column("etag", Text),
    Column("last_modified", Text),
    Column("outcome", Text),  # "stored", "already stored", or why it was skipped
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)

sites = Table(
    "sites",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name", Text, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("kind", String(32), nullable=False),
    Column("operator", String(80)),
    Column("country_code", String(3)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("coord_source", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),
    Column("date", Date),
    Column("sort_date", Date),  # the event date, else the report's publication date
    Column("date_precision", String(8)),
    Column("posture", String(16)),
    Column("site_id", String(80), ForeignKey("sites.id")),
    Column("place", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(3)),
    Column("resolution", String(16)),
    Column("actor_code", String(3)),
    Column("confidence", Float, nullable=False),
    Column("evidence_kind", String(24)),
    Column("record", Text, nullable=False),  # the PLOVER JSON record, as printed by the CLI
    Column("enddate", Date),  # the end of a period (an imagery change between two acquisitions)
)
Index("ix_events_sort_date", events.c.sort_date)
Index("ix_events_site_date", events.c.site_id, events.c.sort_date)
Index("ix_events_event_date", events.c.event, events.c.sort_date)
Index("ix_events_lat_lon", events.c.lat, events.c.lon)
Index("ix_events_document", events.c.document_id)
Index("ix_events_site_event_date", events.c.site_id, events.c.event, events.c.sort_date)
Index("ix_events_site_event_end", events.c.site_id, events.c.event, events.c.enddate)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("published", Date),
    Column("attribution_source", Text),
    Column("attribution_kind", String(24)),
    Column("attribution_provider", Text),
)

fused_events = Table(
    "fused_events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event", String(16), nullable=False),
    Column("sort_date", Date),
    Column("posture", String(16)),
    Column("site_id", String(80)),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(3)),
    Column("actor_code", String(3)),
    Column("confidence", Float, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("record", Text, nullable=False),  # PLOVER record + mentions, sources, independent_sources
    Column("evidence_kinds", String(120)),  # ",imagery,media," : the sources' attribution kinds
    Column("map_feature", Text),  # what the map draws (records.read.map_feature), JSON; null without a place
)
# Each filter's index ends in (sort_date, id), the browse order, so pages read only their rows;
# the date index carries the columns of the unindexed filters (box, sources, kinds) to test them
# without reading the table (migration 0006).
Index("ix_fused_date_id", fused_events.c.sort_date, fused_events.c.id, fused_events.c.lat, fused_events.c.lon,
      fused_events.c.independent_sources, fused_events.c.evidence_kinds)
Index("ix_fused_site_date_id", fused_events.c.site_id, fused_events.c.sort_date, fused_events.c.id)
Index("ix_fused_event_date_id", fused_events.c.event, fused_events.c.sort_date, fused_events.c.id)
Index("ix_fused_actor_date_id", fused_events.c.actor_code, fused_events.c.sort_date, fused_events.c.id)
Index("ix_fused_country_date_id", fused_events.c.country_code, fused_events.c.sort_date, fused_events.c.id)
Index("ix_fused_box", fused_events.c.lat, fused_events.c.lon, fused_events.c.sort_date, fused_events.c.id)

event_fusion = Table(
    "event_fusion",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("fused_id", String(40), nullable=False),
)
Index("ix_event_fusion_fused", event_fusion.c.fused_id)

site_status = Table(
    "site_status",
    metadata,
    Column("site_id", String(80), ForeignKey("sites.id"), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("status_since", Date),
    Column("evidence", Text, nullable=False),  # JSON list of fused event ids behind the current status
    Column("timeline", Text, nullable=False),  # JSON list of {status, since, evidence, contested_by}
)

# One row counting the store's write transactions: readers cache what they built from the store
# (the map's response) until it moves, whichever process wrote.
store_version = Table(
    "store_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("n", BigInteger, nullable=False),
)

# Stored events not yet fused with their neighbours: a batch of reports is fused at its end, in
# one pass over each busy site's neighbourhood; a batch cut short is fused by the next writer.
fusion_pending = Table(
    "fusion_pending",
    metadata,
    Column("event_id", String(40), primary_key=True),
)

# Sites whose status awaits judging again: written with the reports that touch them, so a batch
# judges each site once, and a process killed before judging leaves the work for the next run.
status_pending = Table(
    "status_pending",
    metadata,
    Column("site_id", String(80), primary_key=True),
    Column("since", Date, nullable=False),  # the earliest day the batch touched
    Column("stale", Text, nullable=False),  # JSON list of fused event ids the batch deleted
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),  # made once by the web app when SITREP_SECRET is unset
)

# Discussion (web): commenters are known only by keyed hashes of their email and address.
comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # event, site, brief
    Column("target_id", String(120), nullable=False),  # a mention id for events (fused ids change)
    Column("name", String(80), nullable=False),
    Column("email_hash", String(64), nullable=False),
    Column("website", String(300)),
    Column("body", Text, nullable=False),
    Column("status", String(10), nullable=False),  # pending, approved, rejected, spam
    Column("address_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("moderated_at", DateTime(timezone=True)),
    Column("moderated_by", String(40)),
)
Index("ix_comments_target", comments.c.kind, comments.c.target_id, comments.c.status)
Index("ix_comments_email_status", comments.c.email_hash, comments.c.status)
Index("ix_comments_status_created", comments.c.status, comments.c.created_at)

moderators = Table(
    "moderators",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("password_hash", String(200), nullable=False),  # argon2id
    Column("created_at", DateTime(timezone=True), nullable=False),
)

moderator_sessions = Table(
    "moderator_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie's random token
    Column("moderator", String(40), ForeignKey("moderators.name", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# Rate limits: one row per counted attempt (a comment posted, a failed sign-in), pruned as they age.
web_attempts = Table(
    "web_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("purpose", String(16), nullable=False),  # comment, login
    Column("address_hash", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_web_attempts_address", web_attempts.c.purpose, web_attempts.c.address_hash, web_attempts.c.at)
Index("ix_web_attempts_at", web_attempts.c.at)


OBSERVATION_CLASSES = ("transport_aircraft", "helicopter", "fighter", "vehicle", "ship", "air_defence")

observations = Table(
    "observations",
    metadata,
    Column("id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("site_id", String(80), ForeignKey("sites.id")),
    Column("acquired", DateTime(timezone=True), nullable=False),
    Column("provider", String(120), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("footprint", Text),  # JSON ring [[lon, lat], ...] or NULL for a point
    *[Column(name, Integer) for name in OBSERVATION_CLASSES],  # NULL: not counted (not zero)
    Column("note", Text),
    Column("image_id", String(200)),
    Column("url", Text),
    Column("analyst", String(200)),
)
Index("ix_observations_site_acquired", observations.c.site_id, observations.c.acquired)
Index("ix_observations_acquired", observations.c.acquired)

flight_movements = Table(
    "flight_movements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("icao24", String(6), nullable=False),
    Column("callsign", String(16)),
    Column("kind", String(8), nullable=False),  # landing, takeoff
    Column("at", DateTime(timezone=True), nullable=False),
    Column("day", Date, nullable=False),
    Column("airfield", String(80), nullable=False),
    Column("site_id", String(80)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("aircraft_type", String(8)),
    Column("operator", String(120)),
    Column("military_transport", Boolean, nullable=False),
    Column("other_end", String(80)),
    Column("origin", Text, nullable=False),
    Column("path", Text),  # JSON [[lon, lat], ...]: the track near the airfield, for the map
)
Index("ix_movements_site_day", flight_movements.c.site_id, flight_movements.c.day)
Index("ix_movements_day", flight_movements.c.day)

# Evidence in the community's formats (footage maps, ACLED/UCDP rows, FIRMS detections, ship calls):
# one row per imported record, idempotent by id (sitrep.records.Evidence).
evidence = Table(
    "evidence",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("day", Date, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("site_id", String(80)),
    Column("source", String(80), nullable=False),
    Column("origin", Text, nullable=False),
    Column("record_id", String(200)),
    Column("title", Text),
    Column("description", Text),
    Column("links", Text),  # JSON list of URLs
    Column("category", String(16)),  # PLOVER, where the source's type maps honestly
    Column("details", Text),  # JSON object: the source's own fields
)
Index("ix_evidence_kind_day", evidence.c.kind, evidence.c.day)
Index("ix_evidence_site_day", evidence.c.site_id, evidence.c.day)
Index("ix_evidence_day", evidence.c.day)
Index("ix_evidence_lat_lon", evidence.c.lat, evidence.c.lon)  # evidence near a site (its page)


def in_box(lat: Any, lon: Any, bbox: tuple[float, float, float, float]) -> list[Any]:
    """Conditions putting a point's lat/lon columns (or expressions) inside a west, south, east,
    north box; a box across the antimeridian (west > east) is two ranges of longitude."""
    west, south, east, north = bbox
    return [lat.between(south, north), lon.between(west, east) if west <= east else or_(lon >= west, lon <= east)]
