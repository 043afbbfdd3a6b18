"""Discussion: comments, moderators and their sessions, rate-limit attempts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("target_id", sa.String(120), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("email_hash", sa.String(64), nullable=False),
        sa.Column("website", sa.String(300)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moderated_at", sa.DateTime(timezone=True)),
        sa.Column("moderated_by", sa.String(40)),
    )
    op.create_index("ix_comments_target", "comments", ["kind", "target_id", "status"])
    op.create_index("ix_comments_email_status", "comments", ["email_hash", "status"])
    op.create_index("ix_comments_status_created", "comments", ["status", "created_at"])
    op.create_table(
        "moderators",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "moderator_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("moderator", sa.String(40), sa.ForeignKey("moderators.name", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "web_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_attempts_address", "web_attempts", ["purpose", "address_hash", "at"])
    op.create_index("ix_web_attempts_at", "web_attempts", ["at"])


def downgrade() -> None:
    op.drop_table("web_attempts")
    op.drop_table("moderator_sessions")
    op.drop_table("moderators")
    op.drop_table("comments")
