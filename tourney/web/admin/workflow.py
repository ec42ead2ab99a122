"""Standings, the break, promotion to the final, and the audit log (organiser views)."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import BreakingTeam, Championship, Qualification, Team
from tourney.services import breaks, qualification, standings
from tourney.services.errors import ServiceError
from tourney.web.admin import bp
from tourney.web.admin.audit_log import page as audit_log_page
from tourney.web.admin.forms import ActionForm, CoinTossForm
from tourney.web.admin.lookup import flash_refusal, owned_or_404, tournament_or_404
from tourney.web.security import role_required


@bp.get("/t/<slug>/standings")
@login_required
def standings_page(slug: str):
    t = tournament_or_404(slug)
    return render_template(
        "admin/standings.html",
        t=t,
        table=standings.team_standings(t),
        speakers=standings.speaker_standings(t),
    )


@bp.route("/t/<slug>/break", methods=["GET", "POST"])
@login_required
def break_page(slug: str):
    t = tournament_or_404(slug)
    coin = CoinTossForm()
    if coin.validate_on_submit():
        if not current_user.has_role("tab_director"):
            abort(403)
        lots = _parse_lots(t, coin.lots.data)
        if lots is None:
            flash(_("Write one line per team: its code, a space and a whole number."), "error")
        else:
            breaks.record_coin_toss(t, lots, current_user)
            flash(_("Coin toss recorded."), "success")
            return redirect(url_for("admin.break_page", slug=slug))
    teams = {
        team.id: team for team in db.session.scalars(select(Team).where(Team.tournament_id == t.id))
    }
    categories = {c.code: c for c in breaks.categories(t)}
    saved = db.session.scalars(
        select(BreakingTeam)
        .where(BreakingTeam.break_category_id.in_([c.id for c in categories.values() if c.id]))
        .order_by(BreakingTeam.break_category_id, BreakingTeam.seed)
    ).all()
    table = standings.team_standings(t)
    try:
        preview = breaks.preview(t, table)
    except ValueError:
        preview = None
    return render_template(
        "admin/break.html",
        t=t,
        preview=preview,
        standing=table.standings,
        below=breaks.below_the_line(t, preview, table.standings) if preview else {},
        categories=categories,
        saved=saved,
        teams=teams,
        coin=coin,
        action=ActionForm(),
    )


def _parse_lots(t, text: str) -> dict[int, int] | None:
    codes = {
        team.code: team.id
        for team in db.session.scalars(select(Team).where(Team.tournament_id == t.id))
    }
    lots = {}
    for line in text.strip().splitlines():
        parts = line.split()
        if len(parts) != 2 or parts[0] not in codes or not re.fullmatch(r"-?[0-9]{1,9}", parts[1]):
            return None
        lots[codes[parts[0]]] = int(parts[1])
    return lots


@bp.post("/t/<slug>/break/generate")
@role_required("tab_director")
def generate_break(slug: str):
    t = tournament_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        breaks.generate_break(t, current_user)
    except ServiceError as error:
        flash_refusal(error)
    else:
        flash(_("The break is saved and the elimination rounds are ready to draw."), "success")
    return redirect(url_for("admin.break_page", slug=slug))


def _championship_or_404(championship_id: int) -> Championship:
    championship = db.session.get(Championship, championship_id)
    if championship is None:
        abort(404)
    return championship


@bp.get("/championships/<int:championship_id>/final")
@login_required
def promotion(championship_id: int):
    championship = _championship_or_404(championship_id)
    try:
        proposal = qualification.compute(championship)
    except ServiceError as error:
        flash_refusal(error)
        proposal = None
    links = db.session.scalars(
        select(Qualification)
        .where(Qualification.championship_id == championship.id)
        .order_by(Qualification.id)
    ).all()
    return render_template(
        "admin/promotion.html",
        championship=championship,
        proposal=proposal,
        links=links,
        action=ActionForm(),
    )


@bp.post("/championships/<int:championship_id>/final/confirm")
@role_required("tab_director")
def confirm_promotion(championship_id: int):
    championship = _championship_or_404(championship_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        added = qualification.confirm(championship, current_user)
    except ServiceError as error:
        flash_refusal(error)
    else:
        flash(
            ngettext(
                "%(count)s team promoted to the national final.",
                "%(count)s teams promoted to the national final.",
                added,
                count=added,
            ),
            "success",
        )
    return redirect(url_for("admin.promotion", championship_id=championship_id))


@bp.route(
    "/championships/<int:championship_id>/final/<int:link_id>/decline", methods=["GET", "POST"]
)
@role_required("tab_director")
def decline_promotion(championship_id: int, link_id: int):
    """Ask first (naming the team and who would come in instead), decline on the confirming POST."""
    link = owned_or_404(Qualification, link_id, _championship_or_404(championship_id))
    back = url_for("admin.promotion", championship_id=championship_id)
    if request.method == "GET" or request.form.get("confirm") != "1":
        return _confirm_decline(link, back)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        qualification.decline(link, current_user)
    except ServiceError as error:
        flash_refusal(error)
    else:
        flash(_("Declined. Confirm again to promote the next alternate."), "success")
    return redirect(url_for("admin.promotion", championship_id=championship_id))


def _confirm_decline(link: Qualification, back: str):
    team = link.source_team.name
    consequences = [
        _("%(team)s leaves the national final; this cannot be undone here.", team=team),
    ]
    incoming = qualification.replacement(link)
    if incoming is not None:
        consequences.append(
            _(
                "%(team)s, the next alternate, is seated when you confirm the promotion again.",
                team=incoming.name,
            )
        )
    else:
        consequences.append(_("No alternate takes the place."))
    return render_template(
        "admin/confirm.html",
        title=_("Does %(team)s decline its place in the final?", team=team),
        missing=[],
        consequences=consequences,
        button=_("Declines"),
        button_class="danger",
        form=ActionForm(),
        action_url=request.path,
        back_url=back,
    )


@bp.get("/t/<slug>/audit")
@role_required("tab_director")
def audit_log(slug: str):
    return audit_log_page(tournament_or_404(slug))
