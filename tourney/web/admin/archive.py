"""The tournament as a Debate Tabulation Archive (DebateXML) file, for other tab programs."""

from __future__ import annotations

from flask import Response

from tourney.services.archive.document import to_xml
from tourney.services.archive.export import export_archive
from tourney.web.admin import bp
from tourney.web.admin.lookup import tournament_or_404
from tourney.web.security import role_required


@bp.get("/t/<slug>/export/archive.xml")
@role_required("tab_director")
def export_archive_xml(slug: str):
    """Everything the format carries, judges' ratings included: the tab director's download."""
    tournament = tournament_or_404(slug)
    return Response(
        to_xml(export_archive(tournament)),
        mimetype="application/xml",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}-archive.xml"',
            "Cache-Control": "no-store",
        },
    )
