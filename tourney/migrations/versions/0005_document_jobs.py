"""document jobs: large PDFs made in the background, one at a time per user

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 19:10:00

A new table only.
"""
from alembic import op
import sqlalchemy as sa

from tourney.models._base import UTCDateTime


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'document_job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tournament_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('busy_user_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('heartbeat_at', UTCDateTime(), nullable=False),
        sa.Column('file_name', sa.String(length=120), nullable=False),
        sa.Column('error', sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "status IN ('running', 'done', 'failed', 'interrupted')",
            name=op.f('ck_document_job_status_valid'),
        ),
        sa.ForeignKeyConstraint(['tournament_id'], ['tournament.id'], name=op.f('fk_document_job_tournament_id_tournament')),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_document_job_user_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_job')),
        sa.UniqueConstraint('busy_user_id', name=op.f('uq_document_job_busy_user_id')),
    )
    op.create_index(op.f('ix_document_job_tournament_id'), 'document_job', ['tournament_id'], unique=False)
    op.create_index(op.f('ix_document_job_user_id'), 'document_job', ['user_id'], unique=False)


def downgrade():
    op.drop_table('document_job')
