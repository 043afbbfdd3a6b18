"""Browse indexes: every fused-event filter index ends in (sort_date, id), the API's order.

Newest first with the id as tie-breaker is then read straight from an index, so a page of 100
reads about 100 rows whatever the filter, and keyset cursors start mid-index. The date index also
carries the columns of the filters that have no index of their own (bounding box, sources,
evidence kinds), so walking the dates tests them without reading the table. The box index gains
(sort_date, id): a sparse box's events are gathered and sorted from it alone (browse._dense_box).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD = {
    "ix_fused_sort_date": ["sort_date"],
    "ix_fused_site_date": ["site_id", "sort_date"],
    "ix_fused_event_date": ["event", "sort_date"],
    "ix_fused_lat_lon": ["lat", "lon"],
    "ix_fused_actor_date": ["actor_code", "sort_date"],
    "ix_fused_country_date": ["country_code", "sort_date"],
}
NEW = {
    "ix_fused_date_id": ["sort_date", "id", "lat", "lon", "independent_sources", "evidence_kinds"],
    "ix_fused_site_date_id": ["site_id", "sort_date", "id"],
    "ix_fused_event_date_id": ["event", "sort_date", "id"],
    "ix_fused_actor_date_id": ["actor_code", "sort_date", "id"],
    "ix_fused_country_date_id": ["country_code", "sort_date", "id"],
    "ix_fused_box": ["lat", "lon", "sort_date", "id"],
}


def upgrade() -> None:
    for name in OLD:
        op.drop_index(name, "fused_events")
    for name, columns in NEW.items():
        op.create_index(name, "fused_events", columns)


def downgrade() -> None:
    for name in NEW:
        op.drop_index(name, "fused_events")
    for name, columns in OLD.items():
        op.create_index(name, "fused_events", columns)
