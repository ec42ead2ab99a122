"""The ballot rules of a two-team format as the organiser's settings (issue 15.21): whether team
totals may be tied and whether the lower total may win. Shown on the tournament's settings page
(templates/admin/_ballot_rules.html); the judge's page and the checks follow the saved format."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField

from tourney.models import Tournament
from tourney.scoring import Format
from tourney.services import formats
from tourney.services.errors import ServiceError
from tourney.web.admin import bp
from tourney.web.admin.lookup import tournament_or_404
from tourney.web.security import role_required

REFUSALS = {
    "ballot_rules_locked": _l(
        "Ballots have already been submitted under the current rules, so they cannot change."
    ),
    "ballot_rules_two_team": _l("These rules apply to formats with two teams per debate."),
}


class BallotRulesForm(FlaskForm):
    tied_totals_allowed = BooleanField(_l("Team totals may be tied (the judge names the winner)"))
    low_point_wins_allowed = BooleanField(
        _l("The team with fewer points may win (a low-point win, marked on the ballot)")
    )


@bp.app_template_global()
def ballot_rules_form(tournament: Tournament) -> BallotRulesForm | None:
    """The form for the settings page, filled from the saved format; None where it does not apply."""
    fmt: Format = formats.format_for(tournament)
    if fmt.teams_per_debate != 2:
        return None
    form = BallotRulesForm(formdata=None)
    form.tied_totals_allowed.data = fmt.tied_totals_allowed
    form.low_point_wins_allowed.data = fmt.low_point_wins_allowed
    return form


@bp.post("/t/<slug>/ballot-rules")
@role_required("tab_director")
def ballot_rules(slug: str):
    t = tournament_or_404(slug)
    form = BallotRulesForm()
    if form.validate_on_submit():
        try:
            formats.set_ballot_rules(
                t,
                tied_totals_allowed=form.tied_totals_allowed.data,
                low_point_wins_allowed=form.low_point_wins_allowed.data,
                user=current_user,
            )
        except ServiceError as error:
            flash(str(REFUSALS.get(error.code, error.code)), "error")
        else:
            flash(_("Ballot rules saved."), "success")
    else:
        flash(_("The form has expired: reload the page and try again."), "error")
    return redirect(url_for("admin.tournament_settings", slug=slug))
