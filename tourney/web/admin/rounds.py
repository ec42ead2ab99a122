"""A round, step by step: availability, motion, draw, allocation, review and edits, release, close."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.labels import round_label, side_label
from tourney.models import Adjudicator, Debate, DebateTeam, Round, Team, Venue
from tourney.services import draws, public, settings, tournaments
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.text import sort_key
from tourney.web.admin import bp
from tourney.web.admin.forms import (
    ActionForm,
    LateTeamForm,
    MotionForm,
    MoveJudgeForm,
    RoundPanelForm,
    SwapTeamsForm,
    VenueForm,
)
from tourney.web.admin.lookup import flash_refusal, round_or_404, tournament_or_404
from tourney.web.admin.messages import release_warning
from tourney.web.admin.reasons import describe
from tourney.web.paging import paged
from tourney.web.security import role_required

STEPS = ("draw", "allocate", "release", "results", "close", "publish")


def current_step(round_: Round) -> str:
    """The next thing the organiser has to do with this round."""
    if round_.is_setup:
        return "draw"
    if round_.is_drawn:
        return "allocate" if round_.allocated_at is None else "release"
    if round_.is_released:
        return "results" if draws.missing_results(round_) else "close"
    return "publish" if round_.results_released_at is None else "done"


def _debates(round_: Round) -> list[Debate]:
    return list(
        db.session.scalars(
            select(Debate)
            .where(Debate.round_id == round_.id)
            .options(
                selectinload(Debate.teams).selectinload(DebateTeam.team),
                selectinload(Debate.adjudicators),
                selectinload(Debate.venue),
            )
            .order_by(Debate.position)
        )
    )


DEBATES_PER_PAGE = 50


@bp.get("/t/<slug>/rounds/<int:seq>")
@login_required
def round_page(slug: str, seq: int):
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    debates = _debates(round_)
    teams = {
        team.id: team for team in db.session.scalars(select(Team).where(Team.tournament_id == t.id))
    }
    judges = {
        j.id: j
        for j in db.session.scalars(select(Adjudicator).where(Adjudicator.tournament_id == t.id))
    }
    venues = sorted(
        db.session.scalars(select(Venue).where(Venue.tournament_id == t.id)),
        key=lambda venue: sort_key(venue.name),
    )
    reviews = draws.review(round_) if debates else {}
    version = str(round_.draw_version)
    swap = SwapTeamsForm(version=version)
    seated = sorted(
        [dt.team for d in debates for dt in d.teams] + [bye.team for bye in round_.byes],
        key=lambda team: sort_key(team.name),
    )
    swap.team_a.choices = swap.team_b.choices = [(team.id, team.name) for team in seated]
    late = LateTeamForm(version=version)
    on_draw = {team.id for team in seated}
    late.team.choices = [
        (team.id, team.name)
        for team in sorted(teams.values(), key=lambda team: sort_key(team.name))
        if team.id not in on_draw
    ]
    move = MoveJudgeForm(version=version)
    move.adjudicator.choices = [
        (j.id, j.name) for j in sorted(judges.values(), key=lambda j: sort_key(j.name))
    ]
    move.debate.choices = [(0, _("Not on the draw"))] + [
        (d.id, " – ".join(dt.team.name for dt in d.teams)) for d in debates
    ]
    shown = paged(debates, DEBATES_PER_PAGE)
    venue_forms = {}  # one room menu per debate shown: all of them made the page quadratic
    for d in shown.items:
        form = VenueForm(prefix=f"d{d.id}", version=version, debate=str(d.id))
        form.venue.choices = [(0, _("No room"))] + [(v.id, v.name) for v in venues]
        form.venue.data = d.venue_id or 0
        venue_forms[d.id] = form
    motion = MotionForm(obj=round_.motions[0] if round_.motions else None)
    absent = draws.absences(round_)
    venue_names = {v.id: v.name for v in venues}
    fmt = format_for(t)

    def name(kind: str, key) -> str:
        """Engine ids back to names for the explanations."""
        if kind == "side":
            return side_label(fmt, str(key or ""))
        if key is None or not str(key).isdigit():
            return str(key or "")
        lookup = {"team": teams, "judge": judges}.get(kind)
        if lookup is not None:
            found = lookup.get(int(key))
            return found.name if found else str(key)
        return venue_names.get(int(key), str(key))

    return render_template(
        "admin/round.html",
        t=t,
        round_=round_,
        sides=[(side, side_label(fmt, side)) for side in fmt.sides],
        sides_swappable=fmt.teams_per_debate == 2,
        debates=debates,
        shown=shown,
        teams=teams,
        judges=judges,
        venues=venues,
        reviews=reviews,
        step=current_step(round_),
        steps=STEPS,
        missing=draws.missing_results(round_) if debates else 0,
        withdrawable=round_.is_released and not draws.ballots_arrived(round_),
        action=ActionForm(version=version),
        swap=swap,
        late=late,
        panel_form=RoundPanelForm(version=version, panel_size=round_.panel_size),
        late_possible=round_.kind == "prelim" and fmt.teams_per_debate == 2,
        move=move,
        venue_forms=venue_forms,
        motion=motion,
        absent=absent,
        name=name,
        describe=describe,
    )


def _act(slug: str, seq: int, use_case: Callable[[Round], object], done: str):
    """Run one use case from a button; refusals come back as a translated message."""
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        use_case(round_)
    except ServiceError as error:
        flash_refusal(error)
    else:
        flash(done, "success")
    return redirect(url_for("admin.round_page", slug=slug, seq=seq))


@bp.post("/t/<slug>/rounds/<int:seq>/draw")
@role_required("tab_director")
def generate(slug: str, seq: int):
    return _act(slug, seq, lambda r: draws.generate_draw(r, current_user), _("The draw is ready."))


@bp.post("/t/<slug>/rounds/<int:seq>/allocate")
@role_required("tab_director")
def allocate(slug: str, seq: int):
    """Allocate, then say what was actually placed (judges, rooms, or neither)."""
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        allocation = draws.allocate_round(round_, current_user)
    except ServiceError as error:
        flash_refusal(error)
    else:
        judges = any(panel.voting or panel.trainees for panel in allocation.panels)
        rooms = any(panel.room for panel in allocation.panels)
        if judges and rooms:
            flash(_("Judges and rooms are allocated."), "success")
        elif judges:
            flash(_("Judges are allocated; there is no room to allocate."), "warning")
        elif rooms:
            flash(_("Rooms are allocated; there is no judge to allocate."), "warning")
        else:
            flash(
                _(
                    "Nothing was allocated: no judge and no room is present. Add them under"
                    " Participants, or mark them present below."
                ),
                "warning",
            )
    return redirect(url_for("admin.round_page", slug=slug, seq=seq))


def _confirm_page(round_: Round, *, title: str, button: str, missing, consequences):
    return render_template(
        "admin/confirm.html",
        title=title,
        missing=missing,
        consequences=consequences,
        button=button,
        form=ActionForm(version=str(round_.draw_version)),
        action_url=request.path,
        back_url=url_for("admin.round_page", slug=round_.tournament.slug, seq=round_.seq),
    )


@bp.route("/t/<slug>/rounds/<int:seq>/release", methods=["GET", "POST"])
@role_required("tab_director")
def release(slug: str, seq: int):
    """Ask first (saying what is missing), release on the confirming POST."""
    if request.method == "POST" and request.form.get("confirm") == "1":
        return _act(
            slug,
            seq,
            lambda r: draws.release_draw(r, current_user),
            _("The draw and the motion are public now."),
        )
    round_ = round_or_404(tournament_or_404(slug), seq)
    if not round_.is_drawn:
        flash_refusal(
            ServiceError(
                "draw_already_released" if round_.draw_public else "no_draw", round=round_.seq
            )
        )
        return redirect(url_for("admin.round_page", slug=slug, seq=seq))
    return _confirm_page(
        round_,
        title=_("Release the draw and the motion of %(round)s?", round=round_label(round_)),
        button=_("Release the draw and the motion"),
        missing=[release_warning(code, params) for code, params in draws.release_checks(round_)],
        consequences=[
            _("The draw and the motion appear on the public pages and on the judges' links."),
            _("The release can be withdrawn until the first ballot arrives."),
        ],
    )


@bp.post("/t/<slug>/rounds/<int:seq>/withdraw-release")
@role_required("tab_director")
def withdraw_release(slug: str, seq: int):
    return _act(
        slug,
        seq,
        lambda r: draws.withdraw_release(r, current_user),
        _("The release is withdrawn: the draw and the motion are hidden again."),
    )


@bp.post("/t/<slug>/rounds/<int:seq>/close")
@role_required("tab_director")
def close(slug: str, seq: int):
    return _act(slug, seq, lambda r: draws.close_round(r, current_user), _("The round is closed."))


@bp.route("/t/<slug>/rounds/<int:seq>/publish", methods=["GET", "POST"])
@role_required("tab_director")
def publish(slug: str, seq: int):
    """Ask first (saying what becomes public), release the results on the confirming POST."""
    if request.method == "POST" and request.form.get("confirm") == "1":
        return _act(
            slug,
            seq,
            lambda r: draws.release_results(r, current_user),
            _("The results are public now."),
        )
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    if not round_.is_closed or round_.results_released_at is not None:
        code = "round_not_closed" if not round_.is_closed else "results_already_released"
        flash_refusal(ServiceError(code, round=round_.seq))
        return redirect(url_for("admin.round_page", slug=slug, seq=seq))
    withheld = public.withheld_because(round_)
    if withheld == "top_n":
        shown = [
            _(
                "The results of this round's debates stay off the public pages while the public "
                "standings show only the top %(count)s: room by room they would rebuild the rest "
                "of the table.",
                count=settings.get(t, "public_top_n"),
            )
        ]
    elif withheld == "last_prelim":
        shown = [
            _(
                "This is the last preliminary round: its debates' results stay off the public "
                "pages until the break is public."
            )
        ]
    else:
        shown = [_("The results of every debate of this round appear on the public pages.")]
    if settings.get(t, "public_standings") and withheld != "last_prelim":
        shown.append(_("The public standings include this round."))
    if settings.get(t, "public_speaker_tab") and withheld != "last_prelim":
        shown.append(_("The public speaker tab includes this round."))
    shown.append(_("Released results cannot be hidden again."))
    return _confirm_page(
        round_,
        title=_("Release the results of %(round)s?", round=round_label(round_)),
        button=_("Release the results"),
        missing=[],
        consequences=shown,
    )


@bp.post("/t/<slug>/rounds/<int:seq>/panel-size")
@role_required("tab_director")
def panel_size(slug: str, seq: int):
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    form = RoundPanelForm()
    if not form.validate_on_submit():
        flash(_("Choose 1, 3 or 5 judges per debate."), "error")
    else:
        try:
            tournaments.set_round_panel_size(round_, form.panel_size.data, current_user)
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(
                _("Judges per debate in this round: %(size)s.", size=form.panel_size.data)
                + (" " + _("Allocate again to apply it.") if round_.allocated_at else ""),
                "success",
            )
    return redirect(url_for("admin.round_page", slug=slug, seq=seq))


@bp.post("/t/<slug>/rounds/<int:seq>/motion")
@role_required("tab_director")
def motion(slug: str, seq: int):
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    form = MotionForm()
    if form.validate_on_submit():
        try:
            tournaments.set_motion(round_, form.text.data, form.info_slide.data or "", current_user)
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(_("Motion saved."), "success")
    else:
        flash(_("Write the motion."), "error")
    return redirect(url_for("admin.round_page", slug=slug, seq=seq))


def _edit(slug: str, seq: int, form_class, apply: Callable):
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    form = form_class(prefix=request.args.get("prefix", ""))
    if hasattr(form, "venue"):
        form.venue.choices = [(0, "")] + [
            (v.id, v.name)
            for v in db.session.scalars(select(Venue).where(Venue.tournament_id == t.id))
        ]
    for name in ("team_a", "team_b", "team", "adjudicator", "debate"):
        if name in form and isinstance(form[name].data, int):
            form[name].choices = [(form[name].data, "")]
    if not form.validate_on_submit():
        flash(_("The edit was not understood; reload the page and try again."), "error")
    else:
        try:
            apply(round_, form, -1 if form.version.data is None else form.version.data)
        except ServiceError as error:
            flash_refusal(error)
        else:
            flash(_("Draw changed. Check the clashes below."), "success")
    return redirect(url_for("admin.round_page", slug=slug, seq=seq) + "#review")


@bp.post("/t/<slug>/rounds/<int:seq>/swap-teams")
@role_required("tab_director")
def swap_teams(slug: str, seq: int):
    return _edit(
        slug,
        seq,
        SwapTeamsForm,
        lambda r, f, v: draws.swap_teams(r, f.team_a.data, f.team_b.data, current_user, v),
    )


@bp.post("/t/<slug>/rounds/<int:seq>/late-team")
@role_required("tab_director")
def late_team(slug: str, seq: int):
    return _edit(
        slug,
        seq,
        LateTeamForm,
        lambda r, f, v: draws.add_late_team(r, f.team.data, current_user, v),
    )


@bp.post("/t/<slug>/rounds/<int:seq>/debates/<int:debate_id>/swap-sides")
@role_required("tab_director")
def swap_sides(slug: str, seq: int, debate_id: int):
    return _edit(
        slug, seq, ActionForm, lambda r, f, v: draws.swap_sides(r, debate_id, current_user, v)
    )


@bp.post("/t/<slug>/rounds/<int:seq>/move-judge")
@role_required("tab_director")
def move_judge(slug: str, seq: int):
    return _edit(
        slug,
        seq,
        MoveJudgeForm,
        lambda r, f, v: draws.move_adjudicator(
            r, f.adjudicator.data, f.debate.data or None, f.role.data, current_user, v
        ),
    )


@bp.post("/t/<slug>/rounds/<int:seq>/set-room")
@role_required("tab_director")
def set_room(slug: str, seq: int):
    return _edit(
        slug,
        seq,
        VenueForm,
        lambda r, f, v: draws.set_venue(r, f.debate.data, f.venue.data or None, current_user, v),
    )


@bp.post("/t/<slug>/rounds/<int:seq>/presence/<subject>/<int:subject_id>")
@role_required("tab_director")
def presence(slug: str, seq: int, subject: str, subject_id: int):
    t = tournament_or_404(slug)
    round_ = round_or_404(t, seq)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        tournaments.set_present(
            round_, subject, subject_id, request.form.get("present") == "1", current_user
        )
    except ServiceError as error:
        flash_refusal(error)
    return redirect(url_for("admin.round_page", slug=slug, seq=seq) + "#availability")
