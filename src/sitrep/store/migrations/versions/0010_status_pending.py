"""Events awaiting fusion and sites awaiting a status judgement (a batch of reports is fused
and judged once, at its end), and a counter of write transactions that readers key caches on.

Revision ID: 0010_status_pending
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_status_pending"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("fusion_pending", sa.Column("event_id", sa.String(40), primary_key=True))
    op.create_table(
        "status_pending",
        sa.Column("site_id", sa.String(80), primary_key=True),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("stale", sa.Text, nullable=False),
    )
    version = op.create_table(
        "store_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(version, [{"id": 1, "n": 0}])


def downgrade() -> None:
    op.drop_table("store_version")
    op.drop_table("status_pending")
    op.drop_table("fusion_pending")
