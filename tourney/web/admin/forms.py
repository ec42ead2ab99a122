"""The organiser's forms (Flask-WTF: every form carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tourney.models._base import parse_id

FORMAT_CHOICES = [
    ("karl_popper", _l("Karl Popper")),
    ("world_schools", _l("World Schools")),
    ("asian_parliamentary", _l("Asian Parliamentary")),
    ("public_forum", _l("Public Forum")),
    ("british_parliamentary", _l("British Parliamentary")),
]
PANEL_CHOICES = [("1", "1"), ("3", "3"), ("5", "5")]
PAIRING_CHOICES = [
    ("fold", _l("Fold (1 v n)")),
    ("slide", _l("Slide")),
    ("adjacent", _l("Adjacent")),
]


def record_id(value: object) -> int:
    """``coerce`` for a choice of record: an id a column holds, else the choice is invalid."""
    found = parse_id(str(value))
    if found is None:
        raise ValueError("not a record id")
    return found


class RecordIdField(HiddenField):
    """A hidden number the page sent back (a draw version, a debate id): a whole number a
    column holds, else the form is invalid; absent or empty is None."""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0] if valuelist else ""
        self.data = parse_id(text) if text else None
        if text and self.data is None:
            raise ValueError("not a whole number")  # hidden: the view says what went wrong


class ChampionshipForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    season = StringField(_l("Season"), validators=[Optional(), Length(max=20)])


class TournamentForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    slug = StringField(
        _l("Short address"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Letters, digits and hyphens; used in links, e.g. dushanbe-2026."),
    )
    stage = SelectField(
        _l("Stage"),
        choices=[("qualifier", _l("District qualifier")), ("final", _l("National final"))],
    )
    region = SelectField(_l("Region"), choices=[], validate_choice=False)
    format_code = SelectField(_l("Format"), choices=FORMAT_CHOICES)
    prelim_rounds = IntegerField(_l("Preliminary rounds"), validators=[NumberRange(1, 12)])
    break_size = IntegerField(_l("Break size"), validators=[NumberRange(2, 64)])
    qualify_top = IntegerField(
        _l("Teams that qualify for the final"), validators=[NumberRange(0, 64)]
    )
    starts_on = DateField(_l("First day"), validators=[Optional()])
    pairing = SelectField(_l("Power pairing"), choices=PAIRING_CHOICES)
    avoid_same_institution = BooleanField(_l("Avoid teams of the same school meeting"))
    avoid_same_region = BooleanField(_l("Avoid teams of the same region meeting"))
    panel_size = SelectField(_l("Judges per debate"), choices=PANEL_CHOICES, coerce=int)
    even_panels = BooleanField(
        _l("Short of judges: allow panels of two (else panels of three, then single judges)")
    )
    neutral_judges = BooleanField(_l("Neutral judges: never a judge from a team's region"))
    auto_confirm = BooleanField(
        _l("Confirm tablet ballots automatically when the panel is complete and consistent")
    )
    elimination_scores = BooleanField(
        _l("Speaker scores in elimination rounds"),
        description=_l(
            "British Parliamentary: the chair of an elimination room ranks the four teams and"
            " gives speaker scores, and the top two go through (in the grand final, the"
            " winner). Unticked, the chair only ticks the teams that go through. Two-team"
            " formats always score elimination ballots."
        ),
    )
    public_standings = BooleanField(_l("Show the standings to the public"))
    public_speaker_tab = BooleanField(_l("Show the speaker tab to the public"))
    public_speaker_names = BooleanField(
        _l("Show speakers' names on team pages and in the team search")
    )
    public_top_n = IntegerField(
        _l("Show only the top N (0 = everyone)"),
        validators=[NumberRange(0, 1000)],
        description=_l(
            "While N is set, the results of preliminary rounds are not published debate by "
            "debate: they would rebuild the rest of the table."
        ),
    )
    hide_last_prelim = BooleanField(_l("Hide the last preliminary round until the break"))
    wildcards = IntegerField(
        _l("Wildcards to the final (best-ranked teams across districts)"),
        validators=[Optional(), NumberRange(0, 64)],
    )


class ScoreRangeForm(FlaskForm):
    position = HiddenField()
    score_min = DecimalField(_l("Lowest"), places=2, validators=[InputRequired()])
    score_max = DecimalField(_l("Highest"), places=2, validators=[InputRequired()])
    score_step = DecimalField(_l("Step"), places=2, validators=[InputRequired()])


class ScheduleForm(FlaskForm):
    kind = SelectField(
        _l("What"),
        choices=[
            ("round", _l("Round")),
            ("briefing", _l("Briefing")),
            ("break", _l("Break announcement")),
            ("final", _l("Final")),
            ("awards", _l("Awards")),
            ("other", _l("Other")),
        ],
    )
    round_seq = IntegerField(_l("Round number"), validators=[Optional()])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    day = DateField(_l("Date"), validators=[DataRequired()])
    start = TimeField(_l("Start"), validators=[DataRequired()])
    building = StringField(_l("Building"), validators=[Optional(), Length(max=120)])


class MotionForm(FlaskForm):
    text = TextAreaField(_l("Motion"), validators=[DataRequired(), Length(max=2000)])
    info_slide = TextAreaField(_l("Info slide"), validators=[Optional(), Length(max=4000)])


class SwingTeamsForm(FlaskForm):
    speakers = TextAreaField(
        _l("Speakers free to make up swing teams (optional, one name a line)"),
        validators=[Optional(), Length(max=4000)],
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token and the draw version it saw."""

    version = RecordIdField()


class SwapTeamsForm(ActionForm):
    team_a = SelectField(_l("Team"), coerce=record_id, choices=[])
    team_b = SelectField(_l("with team"), coerce=record_id, choices=[])


class RoundPanelForm(ActionForm):
    panel_size = SelectField(
        _l("Judges per debate in this round"), choices=PANEL_CHOICES, coerce=int
    )


class LateTeamForm(ActionForm):
    team = SelectField(_l("Team"), coerce=record_id, choices=[])


class MoveJudgeForm(ActionForm):
    adjudicator = SelectField(_l("Judge"), coerce=record_id, choices=[])
    debate = SelectField(_l("to debate"), coerce=record_id, choices=[])
    role = SelectField(
        _l("as"),
        choices=[
            ("chair", _l("Chair")),
            ("panellist", _l("Panellist")),
            ("trainee", _l("Trainee")),
        ],
    )


class VenueForm(ActionForm):
    debate = RecordIdField(validators=[InputRequired()])
    venue = SelectField(_l("Room"), coerce=record_id, choices=[])


class CoinTossForm(FlaskForm):
    lots = TextAreaField(
        _l("Coin toss"),
        description=_l("One line per team: team code, then its lot (higher ranks first)."),
        validators=[DataRequired(), Length(max=4000)],
    )


class ScheduleMoveForm(FlaskForm):
    day = DateField(_l("Date"), validators=[DataRequired()])
    start = TimeField(_l("Start"), validators=[DataRequired()])
