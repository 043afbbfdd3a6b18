"""Initial schema: documents, sites, events, event_sources.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(80)),
        sa.Column("country_code", sa.String(3)),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("coord_source", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("sort_date", sa.Date),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("posture", sa.String(16)),
        sa.Column("site_id", sa.String(80), sa.ForeignKey("sites.id")),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.String(3)),
        sa.Column("resolution", sa.String(16)),
        sa.Column("actor_code", sa.String(3)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("evidence_kind", sa.String(24)),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_events_sort_date", "events", ["sort_date"])
    op.create_index("ix_events_site_date", "events", ["site_id", "sort_date"])
    op.create_index("ix_events_event_date", "events", ["event", "sort_date"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])
    op.create_index("ix_events_document", "events", ["document_id"])
    op.create_table(
        "event_sources",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("outlet", sa.String(200)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("attribution_source", sa.Text),
        sa.Column("attribution_kind", sa.String(24)),
        sa.Column("attribution_provider", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("event_sources")
    op.drop_table("events")
    op.drop_table("sites")
    op.drop_table("documents")
