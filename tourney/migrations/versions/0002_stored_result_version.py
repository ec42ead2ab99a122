"""stored results in the scoring engine's versioned shape

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 15:50:00

Confirmed results were stored in a twin of ``scoring.DebateResult.to_dict`` without a version and
with scores as six-place decimal text; every row now carries ``"version": 2`` and exact fractions
(``scoring.results.upgrade_stored`` holds the conversion, also used for older backup files).
"""
from alembic import op
import sqlalchemy as sa

from tourney.scoring.results import upgrade_stored


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

RESULTS = sa.table('debate_result', sa.column('id', sa.Integer), sa.column('decision', sa.JSON))


def _rewrite(convert) -> None:
    conn = op.get_bind()
    for row_id, decision in conn.execute(sa.select(RESULTS.c.id, RESULTS.c.decision)).all():
        converted = convert(decision or {})
        if converted != decision:
            conn.execute(RESULTS.update().where(RESULTS.c.id == row_id).values(decision=converted))


def upgrade():
    _rewrite(upgrade_stored)


def _version_1(data: dict) -> dict:
    """Without the version key; the old readers took exact fractions ("226/3") as they are."""
    return {key: value for key, value in data.items() if key != "version"}


def downgrade():
    _rewrite(_version_1)
