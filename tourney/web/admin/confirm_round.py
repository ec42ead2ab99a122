"""The results desk's "Confirm every ready result": one action for the round, with each debate
left out listed with its reason."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField

from tourney.models import Debate
from tourney.services import confirm_round
from tourney.services.errors import ServiceError
from tourney.web.admin import bp
from tourney.web.admin.lookup import flash_refusal, round_or_404, tournament_or_404
from tourney.web.security import role_required

REASONS = {
    "no_ballots": _l("no ballot has arrived"),
    "panel_invalid": _l("the ballots do not give a result"),
    "judges_disagree": _l("the judges disagree (a split or who gave a speech): look at it"),
    "ballots_changed": _l("its ballots changed after the page was shown"),
    "confirm_own_entry": _l("you typed in one of its ballots, so someone else must confirm"),
    "already_confirmed": _l("someone else confirmed it a moment ago"),
}


class ConfirmReadyForm(FlaskForm):
    seen = HiddenField()  # the counted ballot ids shown on the page, comma-separated


def _label(debate: Debate) -> str:
    room = debate.venue.name if debate.venue else f"#{debate.position}"
    return f"{room} ({' – '.join(dt.team.name for dt in debate.teams)})"


def _reason(left: confirm_round.LeftOut) -> str:
    if left.reason == "ballots_awaited":
        count = int(left.params["count"])
        return ngettext("waiting for %(num)s ballot", "waiting for %(num)s ballots", count)
    return str(REASONS.get(left.reason, left.reason))


@bp.post("/t/<slug>/results/rounds/<int:seq>/confirm-ready")
@role_required("tab_director", "ballot_clerk")
def confirm_ready(slug: str, seq: int):
    round_ = round_or_404(tournament_or_404(slug), seq)
    form = ConfirmReadyForm()
    if not form.validate_on_submit():
        abort(400)
    seen = [int(part) for part in (form.seen.data or "").split(",") if part.strip().isdigit()]
    try:
        report = confirm_round.confirm_ready(round_, current_user, seen)
    except ServiceError as error:
        flash_refusal(error)
    else:
        count = len(report.confirmed)
        flash(ngettext("%(num)s result confirmed.", "%(num)s results confirmed.", count), "success")
        for left in report.left_out:
            flash(f"{_label(left.debate)}: {_reason(left)}", "warning")
    return redirect(url_for("admin.results_desk", slug=slug, round=seq))
