"""BP eliminations and swing teams: a ballot may name the advancing teams; a team may be a swing

Revision ID: 0010
Revises: 0002
Create Date: 2026-12-03 18:40:00

``ballot.advancing`` holds the sides a British Parliamentary elimination ballot sends through
(NULL on every other ballot); ``team.is_swing`` marks a team that fills a four-team room and is
left out of the standings and the break. Both are new columns, so no table is rebuilt.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('ballot', sa.Column('advancing', sa.JSON(), nullable=True))
    op.add_column(
        'team',
        sa.Column('is_swing', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    with op.batch_alter_table('team') as batch:
        batch.drop_column('is_swing')
    with op.batch_alter_table('ballot') as batch:
        batch.drop_column('advancing')
