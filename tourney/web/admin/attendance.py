"""Who is here, in bulk: everyone or one institution in or out, and a pasted list of names."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import Optional

from tourney.services import attendance
from tourney.services.errors import ServiceError
from tourney.web.admin import bp
from tourney.web.admin.lookup import flash_refusal, round_or_404, tournament_or_404
from tourney.web.security import role_required


class GroupForm(FlaskForm):
    present = SelectField(choices=[("1", "1"), ("0", "0")])
    institution = IntegerField(validators=[Optional()])


class ListForm(FlaskForm):
    names = TextAreaField()


def _done(result: attendance.Attendance) -> None:
    flash(
        _(
            "Present: %(present)s, absent: %(absent)s.",
            present=result.present,
            absent=result.absent,
        ),
        "success",
    )


@bp.post("/t/<slug>/rounds/<int:seq>/presence/<subject>/group")
@role_required("tab_director")
def presence_group(slug: str, seq: int, subject: str):
    round_ = round_or_404(tournament_or_404(slug), seq)
    form = GroupForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        _done(
            attendance.set_group(
                round_,
                subject,
                form.present.data == "1",
                current_user,
                institution_id=form.institution.data or None,
            )
        )
    except ServiceError as error:
        flash_refusal(error)
    return redirect(url_for("admin.round_page", slug=slug, seq=seq) + "#availability")


@bp.post("/t/<slug>/rounds/<int:seq>/presence/<subject>/list")
@role_required("tab_director")
def presence_list(slug: str, seq: int, subject: str):
    round_ = round_or_404(tournament_or_404(slug), seq)
    form = ListForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        _done(attendance.set_from_list(round_, subject, form.names.data or "", current_user))
    except ServiceError as error:
        flash_refusal(error)
    return redirect(url_for("admin.round_page", slug=slug, seq=seq) + "#availability")
