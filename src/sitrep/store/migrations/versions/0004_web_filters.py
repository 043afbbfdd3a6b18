"""Web: evidence kinds on fused events, actor and country indexes for the API, app secrets.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fused_events", sa.Column("evidence_kinds", sa.String(120)))
    conn = op.get_bind()
    fused = sa.table("fused_events", sa.column("id", sa.String), sa.column("record", sa.Text),
                     sa.column("evidence_kinds", sa.String))
    rows = list(conn.execute(sa.select(fused.c.id, fused.c.record)))
    for row in rows:
        kinds = sorted({((s.get("attribution") or {}).get("kind") or "media")
                        for s in json.loads(row.record).get("sources", [])}) or ["media"]
        conn.execute(fused.update().where(fused.c.id == row.id)
                     .values(evidence_kinds="," + ",".join(kinds) + ","))
    op.create_index("ix_fused_actor_date", "fused_events", ["actor_code", "sort_date"])
    op.create_index("ix_fused_country_date", "fused_events", ["country_code", "sort_date"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("app_secrets")
    op.drop_index("ix_fused_country_date", "fused_events")
    op.drop_index("ix_fused_actor_date", "fused_events")
    op.drop_column("fused_events", "evidence_kinds")
