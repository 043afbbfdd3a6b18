"""Structured evidence: imagery observations, flight movements, and the end of an event's period.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CLASSES = ("transport_aircraft", "helicopter", "fighter", "vehicle", "ship", "air_defence")


def upgrade() -> None:
    # A change seen between two images happened somewhere in that period: fusion needs its end.
    op.add_column("events", sa.Column("enddate", sa.Date))
    op.create_index("ix_events_site_event_end", "events", ["site_id", "event", "enddate"])
    op.create_table(
        "observations",
        sa.Column("id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("site_id", sa.String(80), sa.ForeignKey("sites.id")),
        sa.Column("acquired", sa.DateTime(timezone=True), nullable=False),
        sa.Column("provider", sa.String(120), nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("footprint", sa.Text),
        *[sa.Column(name, sa.Integer) for name in CLASSES],  # NULL: not counted (not zero)
        sa.Column("note", sa.Text),
        sa.Column("image_id", sa.String(200)),
        sa.Column("url", sa.Text),
        sa.Column("analyst", sa.String(200)),
    )
    op.create_index("ix_observations_site_acquired", "observations", ["site_id", "acquired"])
    op.create_index("ix_observations_acquired", "observations", ["acquired"])
    op.create_table(
        "flight_movements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("icao24", sa.String(6), nullable=False),
        sa.Column("callsign", sa.String(16)),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("airfield", sa.String(80), nullable=False),
        sa.Column("site_id", sa.String(80)),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("aircraft_type", sa.String(8)),
        sa.Column("operator", sa.String(120)),
        sa.Column("military_transport", sa.Boolean, nullable=False),
        sa.Column("other_end", sa.String(80)),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("path", sa.Text),  # JSON [[lon, lat], ...]: the track near the airfield, for the map
    )
    op.create_index("ix_movements_site_day", "flight_movements", ["site_id", "day"])
    op.create_index("ix_movements_day", "flight_movements", ["day"])


def downgrade() -> None:
    op.drop_index("ix_movements_day", "flight_movements")
    op.drop_index("ix_movements_site_day", "flight_movements")
    op.drop_table("flight_movements")
    op.drop_index("ix_observations_acquired", "observations")
    op.drop_index("ix_observations_site_acquired", "observations")
    op.drop_table("observations")
    op.drop_index("ix_events_site_event_end", "events")
    op.drop_column("events", "enddate")
