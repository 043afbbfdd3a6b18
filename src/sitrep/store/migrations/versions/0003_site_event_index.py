"""Index for fusion neighbourhoods: events of one category at one site in a date range.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without it SQLite picks (event, sort_date) and reads every site's events of the period.
    op.create_index("ix_events_site_event_date", "events", ["site_id", "event", "sort_date"])


def downgrade() -> None:
    op.drop_index("ix_events_site_event_date", "events")
