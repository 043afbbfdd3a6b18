"""Evidence in the community's formats: footage maps, conflict datasets, thermal detections, ship calls.

Revision ID: 0008_osint
Revises: 0007
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_osint"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("site_id", sa.String(80)),
        sa.Column("source", sa.String(80), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("record_id", sa.String(200)),
        sa.Column("title", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("links", sa.Text),
        sa.Column("category", sa.String(16)),
        sa.Column("details", sa.Text),
    )
    op.create_index("ix_evidence_kind_day", "evidence", ["kind", "day"])
    op.create_index("ix_evidence_site_day", "evidence", ["site_id", "day"])
    op.create_index("ix_evidence_day", "evidence", ["day"])


def downgrade() -> None:
    op.drop_index("ix_evidence_day", "evidence")
    op.drop_index("ix_evidence_site_day", "evidence")
    op.drop_index("ix_evidence_kind_day", "evidence")
    op.drop_table("evidence")
