"""name keys: a participant's name is unique in its scope as ``tourney.text.name_key`` compares

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-04 10:00:00

Institutions (per championship), teams, adjudicators and rooms (per tournament) get a
``name_key`` column, filled from the name, and a unique index on (scope, name_key): two
requests adding "Team A" and "TEAM А" at the same moment can no longer both succeed.

Rows stored before this revision may already clash ("Team A" and "team a" in one tournament:
the exact-name constraint let them through). The migration must not fail on them and must not
rename what the organisers typed, so the first row of a clash (lowest id) keeps the plain key
and every later one gets the key followed by a unit separator and its id, which no typed name
can produce (control characters are refused). The names stay as typed; saving such a row
again asks for a different name (the service's usual "already exists"). The clashes found are
printed, so the operator can tell the organisers which records to rename.

The column is added NOT NULL with an empty server default (SQLite adds no NOT NULL column
without one, and rebuilding these tables would cascade deletes through their foreign keys);
the app always writes the key itself.
"""
from alembic import op
import sqlalchemy as sa

from tourney.text import name_key


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0005'
branch_labels = None
depends_on = None

KEY_LENGTH = 800
SEPARATOR = '\x1f'
SCOPES = {
    'institution': 'championship_id',
    'team': 'tournament_id',
    'adjudicator': 'tournament_id',
    'venue': 'tournament_id',
}


def _backfill(conn, name: str, scope: str) -> None:
    table = sa.table(
        name,
        sa.column('id', sa.Integer),
        sa.column(scope, sa.Integer),
        sa.column('name', sa.String),
        sa.column('name_key', sa.String),
    )
    rows = conn.execute(sa.select(table.c.id, table.c[scope], table.c.name).order_by(table.c.id))
    taken: set[tuple[int, str]] = set()
    for row_id, scope_id, row_name in rows.all():
        key = name_key(row_name)
        if (scope_id, key) in taken:
            print(f'{name} {row_id} "{row_name}": same name as an earlier record; rename it')
            key = f'{key}{SEPARATOR}{row_id}'
        taken.add((scope_id, key))
        conn.execute(table.update().where(table.c.id == row_id).values(name_key=key))


def upgrade():
    conn = op.get_bind()
    for name, scope in SCOPES.items():
        op.add_column(
            name,
            sa.Column('name_key', sa.String(KEY_LENGTH), nullable=False, server_default=''),
        )
        _backfill(conn, name, scope)
        op.create_index(f'uq_{name}_name_key', name, [scope, 'name_key'], unique=True)


def downgrade():
    for name in SCOPES:
        op.drop_index(f'uq_{name}_name_key', table_name=name)
        op.execute(f'ALTER TABLE {name} DROP COLUMN name_key')
