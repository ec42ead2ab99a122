"""Championships and tournaments: overview, set-up, score ranges, schedule."""

from __future__ import annotations

from datetime import time

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Championship, Region, Round, ScheduleItem
from tourney.services import settings, tournaments
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.web.admin import bp
from tourney.web.admin.forms import (
    ActionForm,
    ChampionshipForm,
    ScheduleForm,
    ScheduleMoveForm,
    ScoreRangeForm,
    TournamentForm,
)
from tourney.web.admin.lookup import flash_refusal, owned_or_404, tournament_or_404
from tourney.web.i18n import current_language
from tourney.web.security import role_required


def _region_choices() -> list[tuple[str, str]]:
    regions = db.session.scalars(select(Region).order_by(Region.id)).all()
    return [("", "—")] + [(r.code, r.label(current_language())) for r in regions]


@bp.get("/t/<slug>")
@login_required
def tournament(slug: str):
    t = tournament_or_404(slug)
    rounds = db.session.scalars(
        select(Round).where(Round.tournament_id == t.id).order_by(Round.seq)
    )
    return render_template("admin/tournament.html", t=t, rounds=list(rounds))


@bp.route("/championships/new", methods=["GET", "POST"])
@role_required("tab_director")
def new_championship():
    form = ChampionshipForm()
    if form.validate_on_submit():
        try:
            tournaments.create_championship(form.name.data, form.season.data or "", current_user)
        except ServiceError:
            flash(_("A championship with this name already exists."), "error")
        else:
            flash(_("Championship created."), "success")
            return redirect(url_for("admin.dashboard"))
    return render_template("admin/championship_form.html", form=form)


def _tournament_data(form: TournamentForm) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/championships/<int:championship_id>/tournaments/new", methods=["GET", "POST"])
@bp.route("/t/<slug>/settings", methods=["GET", "POST"])
@role_required("tab_director")
def tournament_settings(championship_id: int | None = None, slug: str | None = None):
    t = tournament_or_404(slug) if slug else None
    championship = t.championship if t else db.session.get(Championship, championship_id)
    if championship is None:
        abort(404)
    form = TournamentForm(obj=t) if t else TournamentForm()
    form.region.choices = _region_choices()
    if t is not None and not form.is_submitted():
        for key, value in settings.effective(t).items():
            if key in form:
                form[key].data = value
        form.region.data = t.region.code if t.region else ""
    elif t is None and not form.is_submitted():
        for key, value in settings.DEFAULTS.items():
            if key in form:
                form[key].data = value
        form.prelim_rounds.data, form.break_size.data, form.qualify_top.data = 4, 4, 3
    locked = tournaments.stored_data_lock(t) if t is not None else None
    if locked and form.is_submitted():  # the select is shown disabled: keep the stored format
        form.format_code.data = t.format_code
    if form.validate_on_submit():
        try:
            saved = tournaments.save_tournament(
                championship, t, _tournament_data(form), current_user
            )
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(_("Tournament saved."), "success")
            return redirect(url_for("admin.tournament", slug=saved.slug))
    elimination_locked = tournaments.elimination_scores_lock(t) if t is not None else None
    if elimination_locked:  # shown fixed: the stored choice, whatever a refused post said
        form.elimination_scores.data = settings.get(t, "elimination_scores")
    ranges = []
    if t is not None:
        for position in format_for(t).positions:
            range_form = ScoreRangeForm(prefix=f"p{position.code}")
            range_form.position.data = position.code
            range_form.score_min.data = position.score_min
            range_form.score_max.data = position.score_max
            range_form.score_step.data = position.score_step
            ranges.append((position, range_form))
    return render_template(
        "admin/tournament_form.html",
        form=form,
        t=t,
        championship=championship,
        ranges=ranges,
        locked=locked,
        elimination_locked=elimination_locked,
    )


@bp.post("/t/<slug>/score-range/<position>")
@role_required("tab_director")
def score_range(slug: str, position: str):
    t = tournament_or_404(slug)
    form = ScoreRangeForm(prefix=f"p{position}")
    if form.validate_on_submit():
        try:
            tournaments.set_score_range(
                t,
                position,
                form.score_min.data,
                form.score_max.data,
                form.score_step.data,
                current_user,
            )
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(_("Score range saved."), "success")
    else:
        flash(_("Enter the lowest score, the highest score and the step."), "error")
    return redirect(url_for("admin.tournament_settings", slug=slug))


@bp.route("/t/<slug>/schedule", methods=["GET", "POST"])
@login_required
def schedule(slug: str):
    t = tournament_or_404(slug)
    form = ScheduleForm()
    if form.validate_on_submit():
        if not current_user.has_role("tab_director"):
            abort(403)
        try:
            tournaments.add_schedule_item(
                t,
                kind=form.kind.data,
                title=form.title.data or "",
                day=form.day.data,
                start=form.start.data,
                building=form.building.data or "",
                round_seq=form.round_seq.data,
                user=current_user,
            )
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(_("Added to the schedule."), "success")
            return redirect(url_for("admin.schedule", slug=slug))
    items = tournaments.schedule(t)
    moves = {item.id: _move_form(item) for item in items}
    return render_template(
        "admin/schedule.html", t=t, form=form, items=items, moves=moves, action=ActionForm()
    )


def _move_form(item: ScheduleItem) -> ScheduleMoveForm:
    form = ScheduleMoveForm(prefix=f"i{item.id}")
    form.day.data = item.day
    form.start.data = time(item.start_minute // 60, item.start_minute % 60)
    return form


def _item_or_404(slug: str, item_id: int) -> ScheduleItem:
    return owned_or_404(ScheduleItem, item_id, tournament_or_404(slug))


@bp.post("/t/<slug>/schedule/<int:item_id>/move")
@role_required("tab_director")
def move_schedule_item(slug: str, item_id: int):
    item = _item_or_404(slug, item_id)
    form = ScheduleMoveForm(prefix=f"i{item_id}")
    if form.validate_on_submit():
        tournaments.move_schedule_item(item, form.day.data, form.start.data, current_user)
        flash(_("Schedule updated."), "success")
    else:
        flash(_("Enter a date and a start time."), "error")
    return redirect(url_for("admin.schedule", slug=slug))


@bp.post("/t/<slug>/schedule/<int:item_id>/delete")
@role_required("tab_director")
def delete_schedule_item(slug: str, item_id: int):
    item = _item_or_404(slug, item_id)
    if ActionForm().validate_on_submit():
        tournaments.delete_schedule_item(item, current_user)
        flash(_("Removed from the schedule."), "success")
    return redirect(url_for("admin.schedule", slug=slug))
