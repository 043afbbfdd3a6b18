"""The map's view of each fused event, stored beside its record: /api/map reads 500 small
features instead of parsing 500 whole records (their sources make them kilobytes each).

Revision ID: 0012_map_feature
Revises: 0011_osint_fusion
Create Date: 2026-11-30
"""
import json

import sqlalchemy as sa
from alembic import op

from sitrep.records.read import map_feature_json

revision = "0012_map_feature"
down_revision = "0011_osint_fusion"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.add_column("fused_events", sa.Column("map_feature", sa.Text(), nullable=True))
    conn = op.get_bind()
    table = sa.table("fused_events", sa.column("id", sa.String), sa.column("record", sa.Text),
                     sa.column("map_feature", sa.Text))
    last = ""
    while True:  # by id, in batches: a store of millions of events never sits in memory
        rows = conn.execute(sa.select(table.c.id, table.c.record).where(table.c.id > last)
                            .order_by(table.c.id).limit(BATCH)).all()
        if not rows:
            return
        updates = [{"key": r.id, "feature": map_feature_json(json.loads(r.record))} for r in rows]
        conn.execute(table.update().where(table.c.id == sa.bindparam("key"))
                     .values(map_feature=sa.bindparam("feature")), updates)
        last = rows[-1].id


def downgrade() -> None:
    op.drop_column("fused_events", "map_feature")
