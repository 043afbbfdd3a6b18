"""Watching the web: fetch state per URL (conditional requests, never fetching a stored article
again), and syndication groups of near-duplicate documents (MinHash bands).

Revision ID: 0009
Revises: 0008_osint
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008_osint"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("syndication_group", sa.String(64)))
    op.add_column("documents", sa.Column("minhash", sa.LargeBinary))
    op.create_index("ix_documents_syndication", "documents", ["syndication_group"])
    op.create_table(
        "document_bands",
        sa.Column("band", sa.BigInteger, primary_key=True),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
        sqlite_with_rowid=False,  # the key is the row: half the disk of a rowid table plus its index
    )
    op.create_table(
        "fetched_urls",
        sa.Column("url_key", sa.String(40), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("document_id", sa.String(64)),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("outcome", sa.Text),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fetched_urls")
    op.drop_table("document_bands")
    op.drop_index("ix_documents_syndication", "documents")
    op.drop_column("documents", "minhash")
    op.drop_column("documents", "syndication_group")
