"""CSV downloads for the tab room: standings, speaker tab, and a round's draw."""

from __future__ import annotations

from flask import Response, abort, request
from flask_babel import gettext as _

from tourney.labels import metric_label, side_label
from tourney.services import csv_export
from tourney.web.admin import bp
from tourney.web.admin.lookup import round_or_404, tournament_or_404
from tourney.web.security import role_required


@bp.get("/t/<slug>/export/<kind>.csv")
@role_required("tab_director", "ballot_clerk")
def export_csv(slug: str, kind: str):
    tournament = tournament_or_404(slug)
    if kind == "standings":
        metrics, rows = csv_export.standings(tournament)
        header = [_("Rank"), _("Code"), _("Team"), _("Institution"), *map(metric_label, metrics)]
        name = f"{slug}-standings.csv"
    elif kind == "speakers":
        rows = csv_export.speakers(tournament)
        header = [_("Rank"), _("Speaker"), _("Team"), _("Average"), _("Total"), _("Speeches")]
        name = f"{slug}-speakers.csv"
    elif kind == "draw":
        round_ = round_or_404(tournament, request.args.get("round", 1, type=int))
        sides, rows = csv_export.draw(round_)
        header = [
            _("Room"),
            *(side_label(tournament.format_code, s) for s in sides),
            _("Adjudicators"),
        ]
        name = f"{slug}-draw-{round_.seq}.csv"
    else:
        abort(404)
    return Response(
        csv_export.to_csv(header, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
