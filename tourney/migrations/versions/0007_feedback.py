"""adjudicator feedback: questions, versioned feedback, team links, per-round feedback weight

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-03 18:40:00

New tables and added columns only: no table is rebuilt (a SQLite batch rebuild would cascade
through foreign keys and delete rows).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('team', sa.Column('token', sa.String(length=64), nullable=True))
    op.create_index('uq_team_token', 'team', ['token'], unique=True)
    op.add_column(
        'round',
        sa.Column('feedback_weight', sa.Numeric(precision=3, scale=2), server_default=sa.text('0'),
                  nullable=False),
    )
    op.create_table('feedback_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tournament_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('min_value', sa.Integer(), nullable=True),
    sa.Column('max_value', sa.Integer(), nullable=True),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('paths', sa.JSON(), nullable=False),
    sa.Column('rounds', sa.JSON(), nullable=False),
    sa.Column('rates', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('scale', 'yesno', 'choice', 'text')", name=op.f('ck_feedback_question_kind_valid')),
    sa.ForeignKeyConstraint(['tournament_id'], ['tournament.id'], name=op.f('fk_feedback_question_tournament_id_tournament')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_question'))
    )
    op.create_index(op.f('ix_feedback_question_tournament_id'), 'feedback_question', ['tournament_id'], unique=False)
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('debate_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('source_team_id', sa.Integer(), nullable=True),
    sa.Column('source_adjudicator_id', sa.Integer(), nullable=True),
    sa.Column('source_key', sa.String(length=24), nullable=False),
    sa.Column('path', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('score', sa.Numeric(precision=4, scale=2), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.CheckConstraint("path IN ('team_on_chair', 'chair_on_panellist', 'panellist_on_chair')", name=op.f('ck_feedback_path_valid')),
    sa.CheckConstraint("source IN ('link', 'paper')", name=op.f('ck_feedback_source_valid')),
    sa.CheckConstraint("status IN ('current', 'superseded')", name=op.f('ck_feedback_status_valid')),
    sa.ForeignKeyConstraint(['debate_id'], ['debate.id'], name=op.f('fk_feedback_debate_id_debate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_feedback_entered_by_id_user')),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_feedback_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_adjudicator_id'], ['adjudicator.id'], name=op.f('fk_feedback_source_adjudicator_id_adjudicator')),
    sa.ForeignKeyConstraint(['source_team_id'], ['team.id'], name=op.f('fk_feedback_source_team_id_team')),
    sa.ForeignKeyConstraint(['target_id'], ['adjudicator.id'], name=op.f('fk_feedback_target_id_adjudicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_feedback_idempotency_key')),
    sa.UniqueConstraint('round_id', 'source_key', 'target_id', 'version', name=op.f('uq_feedback_round_id_source_key_target_id_version'))
    )
    op.create_index(op.f('ix_feedback_round_id'), 'feedback', ['round_id'], unique=False)
    op.create_index(op.f('ix_feedback_target_id'), 'feedback', ['target_id'], unique=False)
    op.create_index('uq_feedback_one_current', 'feedback', ['round_id', 'source_key', 'target_id'], unique=True, sqlite_where=sa.text("status = 'current'"), postgresql_where=sa.text("status = 'current'"))


def downgrade():
    op.drop_table('feedback')
    op.drop_table('feedback_question')
    op.drop_column('round', 'feedback_weight')
    op.drop_index('uq_team_token', table_name='team')
    op.drop_column('team', 'token')
