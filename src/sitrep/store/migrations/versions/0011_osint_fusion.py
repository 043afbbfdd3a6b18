"""Evidence near a site: an index on the evidence points, so a site page finds the thermal
detections, footage and dataset rows a few km outside its radius (site_id null) without a scan.

Revision ID: 0011_osint_fusion
Revises: 0010_status_pending
Create Date: 2026-11-29
"""
from alembic import op

revision = "0011_osint_fusion"
down_revision = "0010_status_pending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_evidence_lat_lon", "evidence", ["lat", "lon"])


def downgrade() -> None:
    op.drop_index("ix_evidence_lat_lon", "evidence")
