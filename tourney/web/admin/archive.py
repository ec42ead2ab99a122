"""The tournament as a Debate Tabulation Archive (DebateXML) file, for other tab programs."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from tourney.extensions import db
from tourney.models import Championship
from tourney.services.archive.document import to_xml
from tourney.services.archive.export import export_archive
from tourney.services.archive.restore import import_archive
from tourney.services.errors import ServiceError
from tourney.services.tournaments import rounds_of
from tourney.web.admin import bp
from tourney.web.admin.lookup import flash_refusal, tournament_or_404
from tourney.web.security import role_required


class ArchiveImportForm(FlaskForm):
    file = FileField(_l("Archive file (.xml)"), validators=[FileRequired()])
    slug = StringField(
        _l("Short address of the new tournament"), validators=[DataRequired(), Length(max=80)]
    )
    name = StringField(
        _l("Name of the new tournament (empty: the name in the file)"),
        validators=[Length(max=200)],
    )


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


@bp.route("/championships/<int:championship_id>/import-archive", methods=["GET", "POST"])
@role_required("tab_director")
def import_archive_xml(championship_id: int):
    """A tournament from another tab program (or another Tourney) into this championship."""
    championship = db.session.get(Championship, championship_id) or abort(404)
    form = ArchiveImportForm()
    if form.validate_on_submit():
        try:
            tournament = import_archive(
                form.file.data.read(),
                championship,
                form.slug.data.strip(),
                current_user,
                name=form.name.data or "",
            )
        except ServiceError as error:
            flash_refusal(error)
        else:
            count = len(rounds_of(tournament))
            flash(
                ngettext(
                    "Imported %(name)s: %(num)d round.",
                    "Imported %(name)s: %(num)d rounds.",
                    count,
                    name=tournament.name,
                ),
                "success",
            )
            return redirect(url_for("admin.tournament", slug=tournament.slug))
    return render_template("admin/import_archive.html", form=form, championship=championship)
