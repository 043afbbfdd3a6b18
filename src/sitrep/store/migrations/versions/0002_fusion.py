"""Fusion: fused events, event -> fused event links, site status.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fused_events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("sort_date", sa.Date),
        sa.Column("posture", sa.String(16)),
        sa.Column("site_id", sa.String(80)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.String(3)),
        sa.Column("actor_code", sa.String(3)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_fused_sort_date", "fused_events", ["sort_date"])
    op.create_index("ix_fused_site_date", "fused_events", ["site_id", "sort_date"])
    op.create_index("ix_fused_event_date", "fused_events", ["event", "sort_date"])
    op.create_index("ix_fused_lat_lon", "fused_events", ["lat", "lon"])
    op.create_table(
        "event_fusion",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fused_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_event_fusion_fused", "event_fusion", ["fused_id"])
    op.create_table(
        "site_status",
        sa.Column("site_id", sa.String(80), sa.ForeignKey("sites.id"), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_since", sa.Date),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("timeline", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_status")
    op.drop_table("event_fusion")
    op.drop_table("fused_events")
