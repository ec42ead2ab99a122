"""Private links on one page: every judge's and team's link with its QR code, printable one per
slip, and as CSV for a mail merge; a team's link page (revoke, issue a new one)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from tourney.documents.qr import ballot_link, qr_data_uri, team_link
from tourney.extensions import db
from tourney.models import Adjudicator, Team, Tournament
from tourney.services import csv_export, links
from tourney.text import sort_key
from tourney.web.admin import bp
from tourney.web.admin.lookup import owned_or_404, tournament_or_404
from tourney.web.security import role_required


def _slips(t: Tournament) -> tuple[list[dict], list[dict]]:
    judges = sorted(
        db.session.scalars(select(Adjudicator).where(Adjudicator.tournament_id == t.id)),
        key=lambda judge: sort_key(judge.name),
    )
    teams = db.session.scalars(select(Team).where(Team.tournament_id == t.id).order_by(Team.code))

    def slip(subject, url: str | None, detail: str) -> dict:
        return {
            "subject": subject,
            "url": url,
            "qr": qr_data_uri(url) if url else None,
            "detail": detail,
        }

    judge_slips = [
        slip(j, ballot_link(j.token), j.institution.name if j.institution else "") for j in judges
    ]
    team_slips = [slip(team, team_link(team.token), team.code) for team in teams]
    return judge_slips, team_slips


@bp.get("/t/<slug>/links")
@role_required("tab_director")
def private_links(slug: str):
    t = tournament_or_404(slug)
    judge_slips, team_slips = _slips(t)
    missing = sum(1 for s in judge_slips + team_slips if s["url"] is None)
    return render_template(
        "admin/private_links.html", t=t, judges=judge_slips, teams=team_slips, missing=missing
    )


@bp.get("/t/<slug>/links.csv")
@role_required("tab_director")
def private_links_csv(slug: str):
    t = tournament_or_404(slug)
    judge_slips, team_slips = _slips(t)
    header = [_("Kind"), _("Name"), _("Code or institution"), _("Private link")]
    rows = [[_("Judge"), s["subject"].name, s["detail"], s["url"] or ""] for s in judge_slips]
    rows += [[_("Team"), s["subject"].name, s["detail"], s["url"] or ""] for s in team_slips]
    return Response(
        csv_export.to_csv(header, rows),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}-private-links.csv"',
            "Cache-Control": "no-store",
        },
    )


@bp.post("/t/<slug>/links/issue")
@role_required("tab_director")
def issue_links(slug: str):
    t = tournament_or_404(slug)
    count = links.issue_missing(t, current_user)
    flash(_("Links issued: %(count)s.", count=count), "success")
    return redirect(url_for("admin.private_links", slug=slug))


def _team_or_404(t: Tournament, team_id: int) -> Team:
    return owned_or_404(Team, team_id, t)


def change_link(subject: Team | Adjudicator, revoked: str, back: str) -> Response:
    """Revoke or reissue a team's or a judge's private link, as the form's ``action`` says."""
    action = request.form.get("action")
    if action == "revoke":
        links.revoke(subject, current_user)
        flash(revoked, "success")
    elif action == "reissue":
        links.reissue(subject, current_user)
        flash(_("A new link is issued; the old one no longer works."), "success")
    else:
        abort(400)
    return redirect(back)


@bp.get("/t/<slug>/teams/<int:team_id>/link")
@role_required("tab_director")
def team_link_page(slug: str, team_id: int):
    t = tournament_or_404(slug)
    team = _team_or_404(t, team_id)
    url = team_link(team.token)
    return render_template(
        "admin/team_link.html", t=t, team=team, url=url, qr=qr_data_uri(url) if url else None
    )


@bp.post("/t/<slug>/teams/<int:team_id>/link")
@role_required("tab_director")
def team_link_change(slug: str, team_id: int):
    t = tournament_or_404(slug)
    return change_link(
        _team_or_404(t, team_id),
        _("The link is revoked: it no longer opens the team's page."),
        url_for("admin.team_link_page", slug=slug, team_id=team_id),
    )
